// The integrator's view: webhook registrations (/v2/webHooks/) and the delivery journal
// (/campo/v1/webhookDeliveries) with every attempt and a replay button.
import { useState } from 'preact/hooks';
import { call, filter, list, listAll } from '../api';
import { t } from '../i18n';
import { ErrorBox, Field, useLoad } from '../ui';

interface Webhook {
  id: number;
  entity: string;
  action: string;
  urlResponse: string;
  active: boolean;
  creationDate: string;
}

interface Delivery {
  id: number;
  webhookId: number;
  entityType: string;
  entityId: string;
  action: string;
  status: string;
  attempts: number;
  createdAt: string;
  lastResponseStatus: number | null;
  lastError: string | null;
  replayOf: number | null;
}

interface Attempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  outcome: string;
}

interface DeliveryDetail extends Delivery {
  body: string;
  attemptList: Attempt[];
}

export function Integrator() {
  const hooks = useLoad(() => listAll<Webhook>('/v2/webHooks/', { paramFilter: filter({}) }), []);
  const entities = useLoad(() => call<{ code: number; name: string }[]>('GET', '/campo/v1/webhookEntities'), []);
  const [status, setStatus] = useState('');
  const [webhookId, setWebhookId] = useState('');
  const deliveries = useLoad(() => list<Delivery>('/campo/v1/webhookDeliveries', { status, webhookId, pageSize: 50 }), [status, webhookId]);
  const [open, setOpen] = useState<number>();
  const [form, setForm] = useState({ entity: 'Task', action: '', targetUrl: '' });
  const [error, setError] = useState<string>();
  const run = async (f: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await f();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const create = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await call('POST', '/v2/webHooks/', {
        entity: form.entity,
        ...(form.action ? { action: form.action } : {}),
        targetUrl: form.targetUrl,
      });
      setForm({ ...form, targetUrl: '' });
      hooks.reload();
    });
  };
  return (
    <section aria-labelledby="int-title">
      <h1 id="int-title">{t('integratorTitle')}</h1>
      <ErrorBox error={error ?? hooks.error} />
      <h2>{t('webhooks')}</h2>
      {hooks.data?.length === 0 && <p>{t('noWebhooks')}</p>}
      {!!hooks.data?.length && (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">id</th>
                <th scope="col">{t('entity')}</th>
                <th scope="col">{t('action')}</th>
                <th scope="col">{t('targetUrl')}</th>
                <th scope="col">{t('active')}</th>
                <th scope="col">
                  <span class="sr">{t('remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {hooks.data.map((h) => (
                <tr key={h.id}>
                  <td>{h.id}</td>
                  <td>{h.entity}</td>
                  <td>{h.action}</td>
                  <td class="url">{h.urlResponse}</td>
                  <td>{h.active ? '✓' : '✗'}</td>
                  <td>
                    <button
                      type="button"
                      class="danger"
                      onClick={() => run(() => call('DELETE', `/v2/webHooks/${h.id}`).then(hooks.reload))}
                    >
                      {t('remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="card filters" onSubmit={create} aria-label={t('newWebhook')}>
        <Field label={t('entity')}>
          <select name="entity" value={form.entity} onChange={(e) => setForm({ ...form, entity: (e.target as HTMLSelectElement).value })}>
            {(entities.data ?? [{ code: 0, name: 'Task' }]).map((x) => (
              <option key={x.name} value={x.name}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('action')}>
          <select name="action" value={form.action} onChange={(e) => setForm({ ...form, action: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('allActions')}</option>
            <option value="Inclusao">Inclusao</option>
            <option value="Alteracao">Alteracao</option>
            <option value="Exclusao">Exclusao</option>
          </select>
        </Field>
        <Field label={t('targetUrl')}>
          <input
            name="targetUrl"
            type="url"
            required
            value={form.targetUrl}
            onInput={(e) => setForm({ ...form, targetUrl: (e.target as HTMLInputElement).value })}
          />
        </Field>
        <button type="submit" class="primary">
          {t('newWebhook')}
        </button>
      </form>

      <div class="bar">
        <h2>{t('deliveries')}</h2>
        <Field label={t('status')}>
          <select name="deliveryStatus" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
            <option value="">{t('allStatuses')}</option>
            {['pending', 'delivered', 'dead', 'cancelled'].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        <Field label="webhookId">
          <select name="webhookId" value={webhookId} onChange={(e) => setWebhookId((e.target as HTMLSelectElement).value)}>
            <option value="">{t('any')}</option>
            {hooks.data?.map((h) => (
              <option key={h.id} value={h.id}>
                {h.id}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" onClick={deliveries.reload}>
          {t('refresh')}
        </button>
      </div>
      <ErrorBox error={deliveries.error} />
      {deliveries.data?.entityList.length === 0 && <p>{t('noDeliveries')}</p>}
      <ul class="plain deliveries">
        {deliveries.data?.entityList.map((d) => (
          <li key={d.id} class={`delivery ${d.status}`}>
            <button type="button" aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? undefined : d.id)}>
              <strong>#{d.id}</strong> {d.entityType} {d.entityId} · {d.action} · <span class="dstatus">{d.status}</span> · {t('attempts')}:{' '}
              {d.attempts} · {d.lastResponseStatus ?? d.lastError ?? ''} · {d.createdAt.replace('T', ' ')}
              {d.replayOf ? ` · ↺ #${d.replayOf}` : ''}
            </button>
            {open === d.id && (
              <DeliveryAttempts
                id={d.id}
                onReplay={() => {
                  deliveries.reload();
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DeliveryAttempts({ id, onReplay }: { id: number; onReplay: () => void }) {
  const d = useLoad(() => call<DeliveryDetail>('GET', `/campo/v1/webhookDeliveries/${id}`), [id]);
  const [error, setError] = useState<string>();
  if (!d.data) return <ErrorBox error={d.error} />;
  const replay = async () => {
    setError(undefined);
    try {
      await call('POST', `/campo/v1/webhookDeliveries/${id}/replay`);
      onReplay();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div class="card">
      <h3>{t('body')}</h3>
      <pre class="json">{prettyJson(d.data.body)}</pre>
      <h3>{t('attempts')}</h3>
      <ol>
        {d.data.attemptList.map((a) => (
          <li key={a.attempt}>
            {a.startedAt.replace('T', ' ')} · {a.outcome} · {a.responseStatus ?? '—'} · {a.durationMs} ms {a.error ? `· ${a.error}` : ''}
            {a.responseBody ? <pre class="json">{a.responseBody}</pre> : null}
          </li>
        ))}
      </ol>
      <ErrorBox error={error} />
      <button type="button" onClick={replay}>
        {t('replay')}
      </button>
    </div>
  );
}

function prettyJson(s: string): string {
  try {
    return JSON.stringify(JSON.parse(s), null, 2);
  } catch {
    return s;
  }
}
