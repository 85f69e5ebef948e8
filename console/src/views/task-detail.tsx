// One task: its record, reschedule / reassign (JSON Patch), cancel (DELETE), items, costs,
// attachments, questionnaire answers, signature, check-in/out and the assignee's GPS points that day.
import { useState } from 'preact/hooks';
import { call, filter, list } from '../api';
import { dayOf } from '../dates';
import { t } from '../i18n';
import { Details, ErrorBox, Field, go, StatusBadge, type Task, useLoad, Value } from '../ui';
import { loadUsers } from './board';

interface Line {
  name?: string;
  description?: string;
  quantity?: number;
  unitaryValue?: number;
  totalValue?: number;
  value?: number;
}

interface GpsPoint {
  positionDate: string;
  latitude: number;
  longitude: number;
}

function Lines({ title, lines }: { title: string; lines: Line[] }) {
  return (
    <section>
      <h2>{title}</h2>
      {lines.length === 0 ? (
        <p class="muted">{t('none')}</p>
      ) : (
        <div class="scroll">
          <table>
            <tbody>
              {lines.map((l, i) => (
                <tr key={i}>
                  <td>{l.name ?? l.description}</td>
                  <td>{l.quantity ?? ''}</td>
                  <td>{l.unitaryValue ?? ''}</td>
                  <td>{l.totalValue ?? l.value ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function TaskDetail({ id }: { id: number }) {
  const task = useLoad(() => call<Task>('GET', `/v2/tasks/${id}`), [id]);
  const users = useLoad(loadUsers, []);
  const gps = useLoad(async () => {
    const x = task.data;
    if (!x?.idUserTo) return [];
    const r = await list<GpsPoint>('/v2/gps/', { paramFilter: filter({ date: dayOf(x.taskDate), userId: x.idUserTo }), pageSize: 100 });
    return r.entityList;
  }, [task.data?.taskID, task.data?.dateLastUpdate]);
  const [when, setWhen] = useState<string>();
  const [who, setWho] = useState<string>();
  const [error, setError] = useState<string>();
  const x = task.data;
  if (!x) return <ErrorBox error={task.error} />;

  const save = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    const ops = [];
    if (when && `${when}:00` !== x.taskDate) ops.push({ op: 'replace', path: '/taskDate', value: `${when}:00` });
    if (who !== undefined && Number(who) !== x.idUserTo) ops.push({ op: 'replace', path: '/idUserTo', value: Number(who) });
    try {
      if (ops.length) await call('PATCH', `/v2/tasks/${id}`, ops);
      task.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const cancelTask = async () => {
    if (!window.confirm(t('confirmCancel'))) return;
    try {
      await call('DELETE', `/v2/tasks/${id}`);
      go('board');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const summary = x.summary as Record<string, unknown> | undefined;
  const attachments = (x.attachments as { url?: string; description?: string }[]) ?? [];
  return (
    <article aria-labelledby="task-title">
      <div class="bar">
        <h1 id="task-title">
          {t('taskDetail')} #{x.taskID} <StatusBadge status={x.taskStatus} />
        </h1>
        <a href="#/board">{t('back')}</a>
      </div>
      <p class="lead">{x.orientation}</p>
      <form class="card filters" onSubmit={save} aria-label={t('reschedule')}>
        <Field label={t('dateTime')}>
          <input
            name="taskDate"
            type="datetime-local"
            value={when ?? x.taskDate.slice(0, 16)}
            onChange={(e) => setWhen((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Field label={t('technician')}>
          <select name="idUserTo" value={who ?? String(x.idUserTo)} onChange={(e) => setWho((e.target as HTMLSelectElement).value)}>
            <option value="0">{t('unassigned')}</option>
            {users.data?.map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <div class="actions">
          <button type="submit" class="primary">
            {t('save')}
          </button>
          <button type="button" class="danger" onClick={cancelTask}>
            {t('cancelTask')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      <div class="columns">
        <section>
          <h2>
            {t('checkIn')} / {t('checkOut')}
          </h2>
          <dl class="details">
            {(
              [
                'displacementStart',
                'checkInDate',
                'checkInDistance',
                'checkOutDate',
                'checkOutDistance',
                'duration',
                'report',
                'pendency',
              ] as const
            ).map((k) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>
                  <Value v={x[k]} />
                </dd>
              </div>
            ))}
          </dl>
          <h2>{t('gps')}</h2>
          {gps.data?.length ? (
            <ul class="plain">
              {gps.data.map((p) => (
                <li key={p.positionDate}>
                  {p.positionDate.replace('T', ' ')} — {p.latitude.toFixed(5)}, {p.longitude.toFixed(5)}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('none')}</p>
          )}
        </section>
        <section>
          <h2>{t('signature')}</h2>
          {x.signatureUrl ? (
            <figure>
              <img src={String(x.signatureUrl)} alt={`${t('signature')}: ${x.signatureName ?? ''}`} class="signature" />
              <figcaption>
                {String(x.signatureName ?? '')} {String(x.signatureDocument ?? '')}
              </figcaption>
            </figure>
          ) : (
            <p class="muted">{t('none')}</p>
          )}
          <h2>{t('attachments')}</h2>
          {attachments.length ? (
            <ul class="plain">
              {attachments.map((a, i) => (
                <li key={i}>
                  <a href={a.url} target="_blank" rel="noreferrer">
                    {a.description || a.url}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('none')}</p>
          )}
          <h2>{t('answers')}</h2>
          <Value v={(x.questionnaires as unknown[])?.length ? x.questionnaires : undefined} />
        </section>
      </div>
      <Lines title={t('products')} lines={(x.products as Line[]) ?? []} />
      <Lines title={t('services')} lines={(x.services as Line[]) ?? []} />
      <Lines title={t('costs')} lines={(x.additionalCosts as Line[]) ?? []} />
      {summary && (
        <p>
          <strong>{t('total')}:</strong> {String(summary.totalValue)}
        </p>
      )}
      <details>
        <summary>{t('details')}</summary>
        <Details record={x} />
      </details>
    </article>
  );
}
