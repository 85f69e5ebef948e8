// The console speaks the same HTTP API as any integrator: log in with apiKey/apiToken, keep the
// bearer token in memory only, and log in again when it expires (30 minutes) or is refused (401).

export interface Credentials {
  apiKey: string;
  apiToken: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(describeError(status, body));
  }
}

function describeError(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (typeof b.message === 'string') return `${status}: ${b.message}`;
    if (b.result && typeof b.result === 'object' && typeof (b.result as Record<string, unknown>).message === 'string') {
      return `${status}: ${(b.result as Record<string, string>).message}`;
    }
    const fields = Object.entries(b)
      .filter(([, v]) => Array.isArray(v))
      .map(([k, v]) => `${k}: ${(v as string[]).join(' ')}`);
    if (fields.length) return `${status}: ${fields.join('; ')}`;
  }
  return `HTTP ${status}`;
}

export interface ListPage<T> {
  entityList: T[];
  totalItems: number;
}

let credentials: Credentials | undefined;
let token: string | undefined;
let expiresAt = 0;

/** Logs in (GET /v2/login/) and keeps the token; throws ApiError on refused credentials. */
export async function login(c: Credentials): Promise<void> {
  const q = new URLSearchParams({ apiKey: c.apiKey, apiToken: c.apiToken });
  const r = await fetch(`/v2/login/?${q}`, { headers: { accept: 'application/json' } });
  const body = await r.json().catch(() => null);
  if (!r.ok || !body?.result?.accessToken) throw new ApiError(r.status, body);
  credentials = c;
  token = body.result.accessToken as string;
  // Renew a minute before the documented 30-minute lifetime runs out.
  expiresAt = Date.now() + 29 * 60 * 1000;
}

export function logout(): void {
  credentials = undefined;
  token = undefined;
  expiresAt = 0;
}

export function loggedIn(): boolean {
  return token !== undefined;
}

let renewing: Promise<void> | undefined;

/** The current token; an expired one is renewed once, however many calls are waiting for it. */
async function ensureToken(): Promise<string> {
  if (!credentials) throw new ApiError(401, null);
  if (!token || Date.now() >= expiresAt) {
    renewing ??= login(credentials).finally(() => {
      renewing = undefined;
    });
    await renewing;
  }
  return token as string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One API call; answers the parsed body (the `result` of the envelope when `unwrap`). */
export async function call<T = unknown>(method: Method, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${await ensureToken()}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (r.status === 401 && !retried && credentials) {
    token = undefined;
    return call<T>(method, path, body, true);
  }
  const text = await r.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!r.ok) throw new ApiError(r.status, parsed);
  return (parsed && typeof parsed === 'object' && 'result' in parsed ? parsed.result : parsed) as T;
}

/** A list page; an empty page answers 404 with the list envelope (Auvo's rule), which is simply no items. */
export async function list<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<ListPage<T>> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  try {
    const r = await call<{ entityList: T[]; pagedSearchReturnData?: { totalItems: number } }>('GET', `${path}?${q}`);
    return { entityList: r.entityList ?? [], totalItems: r.pagedSearchReturnData?.totalItems ?? r.entityList?.length ?? 0 };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { entityList: [], totalItems: 0 };
    throw err;
  }
}

/** Every page of a list (bounded: at most `max` items). */
export async function listAll<T>(path: string, params: Record<string, string | number | undefined>, pageSize = 100, max = 1000) {
  const out: T[] = [];
  for (let page = 1; out.length < max; page++) {
    const r = await list<T>(path, { ...params, page, pageSize });
    out.push(...r.entityList);
    if (r.entityList.length < pageSize || out.length >= r.totalItems) break;
  }
  return out;
}

export const filter = (f: Record<string, unknown>) => JSON.stringify(f);
