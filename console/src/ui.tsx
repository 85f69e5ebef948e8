// Small shared pieces: data shapes the views read, a loader hook, status badges, messages.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Key, t } from './i18n';

/** Navigates to a console route (hash routing: the server serves one page). */
export function go(path: string): void {
  location.hash = `#/${path}`;
}

export interface Task {
  taskID: number;
  idUserTo: number;
  userToName?: string;
  customerId?: number;
  customerDescription?: string;
  taskDate: string;
  orientation: string;
  priority: number;
  address: string;
  latitude: number;
  longitude: number;
  taskStatus: number;
  finished?: boolean;
  [k: string]: unknown;
}

export interface User {
  userId: number;
  name: string;
  [k: string]: unknown;
}

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` change; `reload()` runs it again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (err: Error) => live && setState({ error: err.message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function StatusBadge({ status }: { status: number }) {
  return <span class={`badge st${status}`}>{t(`st${status}` as Key)}</span>;
}

export function ErrorBox({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {t('error')}: {error}
    </p>
  );
}

export function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: every caller passes the input, select or textarea as children
    <label class="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A value of any record, readable: nested objects and lists as indented text. */
export function Value({ v }: { v: unknown }) {
  if (v === null || v === undefined || v === '') return <span class="muted">—</span>;
  if (typeof v === 'boolean') return <span>{v ? '✓' : '✗'}</span>;
  if (typeof v === 'object') return <pre class="json">{JSON.stringify(v, null, 2)}</pre>;
  const s = String(v);
  if (/^https?:\/\//.test(s))
    return (
      <a href={s} target="_blank" rel="noreferrer">
        {s}
      </a>
    );
  return <span>{s}</span>;
}

export function Details({ record }: { record: Record<string, unknown> }) {
  return (
    <dl class="details">
      {Object.entries(record).map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            <Value v={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
