// The technician's phone: a day's tasks for one technician, driving the field simulator
// (/campo/v1/tasks/{id}/travel-start, check-in, pause, resume, report, answers, signature, check-out).
import { useEffect, useRef, useState } from 'preact/hooks';
import { call, filter, listAll } from '../api';
import { timeOf, ymd } from '../dates';
import { t } from '../i18n';
import { ErrorBox, Field, StatusBadge, type Task, useLoad } from '../ui';
import { loadTasks, loadUsers } from './board';

interface Questionnaire {
  id: number;
  description: string;
  questions: { id: number; description: string }[];
}

export function Technician() {
  const users = useLoad(loadUsers, []);
  const [userId, setUserId] = useState('');
  const [day, setDay] = useState(ymd(new Date()));
  const [selected, setSelected] = useState<number>();
  useEffect(() => {
    if (!userId && users.data?.length) setUserId(String(users.data[0].userId));
  }, [users.data]);
  const tasks = useLoad(() => (userId ? loadTasks(day, day, { idUserTo: userId }) : Promise.resolve([])), [userId, day]);
  const task = tasks.data?.find((x) => x.taskID === selected);
  return (
    <section class="phone" aria-labelledby="tech-title">
      <h1 id="tech-title">{t('techTitle')}</h1>
      <div class="grid">
        <Field label={t('chooseTechnician')}>
          <select name="technician" value={userId} onChange={(e) => setUserId((e.target as HTMLSelectElement).value)}>
            {users.data?.map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('date')}>
          <input type="date" value={day} onChange={(e) => setDay((e.target as HTMLInputElement).value || day)} />
        </Field>
      </div>
      <ErrorBox error={tasks.error ?? users.error} />
      {task ? (
        <FieldTask task={task} onBack={() => setSelected(undefined)} onChange={tasks.reload} />
      ) : (
        <>
          <h2>{t('chooseTask')}</h2>
          {tasks.data?.length === 0 && <p>{t('noTasks')}</p>}
          <ul class="plain tasks">
            {tasks.data?.map((x) => (
              <li key={x.taskID}>
                <button type="button" class={`task st${x.taskStatus}`} onClick={() => setSelected(x.taskID)} data-task={x.taskID}>
                  <span class="time">{timeOf(x.taskDate)}</span> <strong>#{x.taskID}</strong> {x.customerDescription || x.address}
                  <span class="orientation">{x.orientation}</span>
                  <StatusBadge status={x.taskStatus} />
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function FieldTask({ task, onBack, onChange }: { task: Task; onBack: () => void; onChange: () => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState('');
  const here = { latitude: task.latitude, longitude: task.longitude };
  const act = async (path: string, body: unknown = {}) => {
    setBusy(true);
    setError(undefined);
    try {
      await call('POST', `/campo/v1/tasks/${task.taskID}/${path}`, body);
      onChange();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const s = task.taskStatus;
  return (
    <article aria-labelledby="field-title">
      <button type="button" onClick={onBack}>
        ‹ {t('back')}
      </button>
      <h2 id="field-title">
        #{task.taskID} <StatusBadge status={s} />
      </h2>
      <p>
        <strong>{task.customerDescription}</strong>
        <br />
        {task.address}
        <br />
        {task.orientation}
      </p>
      <div class="stack">
        {s === 1 && (
          <button type="button" disabled={busy} onClick={() => act('travel-start')}>
            {t('startTravel')}
          </button>
        )}
        {(s === 1 || s === 2) && (
          <button type="button" class="primary" disabled={busy} onClick={() => act('check-in', here)}>
            {t('checkIn')}
          </button>
        )}
        {s === 3 && (
          <button type="button" disabled={busy} onClick={() => act('pause')}>
            {t('pause')}
          </button>
        )}
        {s === 6 && (
          <button type="button" disabled={busy} onClick={() => act('resume')}>
            {t('resume')}
          </button>
        )}
      </div>
      {(s === 3 || s === 6) && (
        <>
          <form
            class="card"
            onSubmit={(e) => {
              e.preventDefault();
              act('report', { report });
            }}
          >
            <Field label={t('report')}>
              <textarea name="report" value={report} onInput={(e) => setReport((e.target as HTMLTextAreaElement).value)} />
            </Field>
            <button type="submit" disabled={busy}>
              {t('sendReport')}
            </button>
          </form>
          <Answers task={task} act={act} busy={busy} />
          <Signature act={act} busy={busy} />
          <button type="button" class="primary wide" disabled={busy} onClick={() => act('check-out', here)}>
            {t('checkOut')}
          </button>
        </>
      )}
      {(s === 4 || s === 5) && (
        <p class="done" role="status">
          {t('done')}: {String(task.checkOutDate ?? '').replace('T', ' ')}
        </p>
      )}
      <ErrorBox error={error} />
    </article>
  );
}

function Answers({ task, act, busy }: { task: Task; act: (p: string, b: unknown) => Promise<void>; busy: boolean }) {
  const qs = useLoad(() => listAll<Questionnaire>('/v2/questionnaires/', { paramFilter: filter({}) }), []);
  const [qid, setQid] = useState<string>(task.questionnaireId ? String(task.questionnaireId) : '');
  const [replies, setReplies] = useState<Record<number, string>>({});
  const q = qs.data?.find((x) => String(x.id) === qid);
  if (!qs.data?.length) return null;
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        act('answers', { answers: Object.entries(replies).map(([questionId, reply]) => ({ questionId: Number(questionId), reply })) });
      }}
    >
      <h3>{t('answers')}</h3>
      <Field label={t('answers')}>
        <select value={qid} onChange={(e) => setQid((e.target as HTMLSelectElement).value)}>
          <option value="">—</option>
          {qs.data.map((x) => (
            <option key={x.id} value={x.id}>
              {x.description}
            </option>
          ))}
        </select>
      </Field>
      {q?.questions.map((qq) => (
        <Field key={qq.id} label={qq.description}>
          <input value={replies[qq.id] ?? ''} onInput={(e) => setReplies({ ...replies, [qq.id]: (e.target as HTMLInputElement).value })} />
        </Field>
      ))}
      {q && (
        <button type="submit" disabled={busy}>
          {t('sendAnswers')}
        </button>
      )}
    </form>
  );
}

function Signature({ act, busy }: { act: (p: string, b: unknown) => Promise<void>; busy: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [name, setName] = useState('');
  const [doc, setDoc] = useState('');
  const point = (e: PointerEvent) => {
    const c = canvas.current as HTMLCanvasElement;
    const r = c.getBoundingClientRect();
    return [((e.clientX - r.left) * c.width) / r.width, ((e.clientY - r.top) * c.height) / r.height] as const;
  };
  const down = (e: PointerEvent) => {
    drawing.current = true;
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(...point(e));
  };
  const move = (e: PointerEvent) => {
    if (!drawing.current) return;
    const ctx = canvas.current?.getContext('2d');
    ctx?.lineTo(...point(e));
    ctx?.stroke();
  };
  const clear = () => canvas.current?.getContext('2d')?.clearRect(0, 0, 300, 120);
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        act('signature', { name, document: doc, image: canvas.current?.toDataURL('image/png') });
      }}
    >
      <h3>{t('signature')}</h3>
      <Field label={t('signerName')}>
        <input name="signerName" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      </Field>
      <Field label={t('signerDocument')}>
        <input name="signerDocument" value={doc} onInput={(e) => setDoc((e.target as HTMLInputElement).value)} />
      </Field>
      <p id="sign-label">{t('signHere')}</p>
      <canvas
        ref={canvas}
        width={300}
        height={120}
        class="pad"
        aria-labelledby="sign-label"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={() => {
          drawing.current = false;
        }}
      />
      <div class="actions">
        <button type="button" onClick={clear}>
          {t('clear')}
        </button>
        <button type="submit" disabled={busy}>
          {t('sign')}
        </button>
      </div>
    </form>
  );
}
