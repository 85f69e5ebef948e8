// The dispatch board: tasks per technician in day or week lanes (or a list), with the documented
// task-list filters, status colors, creation, and rescheduling / reassigning by drag and drop.
import { useState } from 'preact/hooks';
import { call, filter, listAll } from '../api';
import { addDays, dayOf, timeOf, weekdayLabel, weekStart, ymd } from '../dates';
import { type Key, lang, t } from '../i18n';
import { ErrorBox, Field, go, StatusBadge, type Task, type User, useLoad } from '../ui';

type Mode = 'day' | 'week' | 'list';

interface Filters {
  idUserTo: string;
  status: string;
  priority: string;
  orientation: string;
  customerId: string;
}

export interface Customer {
  id: number;
  description: string;
  address?: string;
  latitude?: number;
  longitude?: number;
}

export const loadUsers = () => listAll<User>('/v2/users/', { paramFilter: filter({}) });
export const loadCustomers = () => listAll<Customer>('/v2/customers/', { paramFilter: filter({}) }, 100, 500);

export function loadTasks(from: string, to: string, f: Partial<Filters> = {}) {
  const pf: Record<string, unknown> = { startDate: from, endDate: to };
  if (f.idUserTo) pf.idUserTo = Number(f.idUserTo);
  if (f.status) pf.status = Number(f.status);
  if (f.priority) pf.priority = Number(f.priority);
  if (f.orientation) pf.orientation = f.orientation;
  if (f.customerId) pf.customerId = Number(f.customerId);
  return listAll<Task>('/v2/tasks/', { paramFilter: filter(pf) }, 100, 2000);
}

/** Moves a task to another day (keeping its time) and, when dropped on another lane, another technician. */
export async function moveTask(task: Task, day: string, userId: number | undefined): Promise<void> {
  const ops: { op: string; path: string; value: unknown }[] = [];
  const date = `${day}T${task.taskDate.slice(11) || '08:00:00'}`;
  if (date !== task.taskDate) ops.push({ op: 'replace', path: '/taskDate', value: date });
  if (userId !== undefined && userId !== task.idUserTo) ops.push({ op: 'replace', path: '/idUserTo', value: userId });
  if (ops.length) await call('PATCH', `/v2/tasks/${task.taskID}`, ops);
}

const statusFilters = ['0', '1', '2', '3', '5', '6'];

export function Board() {
  const [mode, setMode] = useState<Mode>('week');
  const [anchor, setAnchor] = useState(ymd(new Date()));
  const [f, setF] = useState<Filters>({ idUserTo: '', status: '', priority: '', orientation: '', customerId: '' });
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string>();
  const start = mode === 'day' ? anchor : weekStart(anchor);
  const days = mode === 'day' ? [anchor] : Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const end = days[days.length - 1];
  const users = useLoad(loadUsers, []);
  const customers = useLoad(loadCustomers, []);
  const tasks = useLoad(() => loadTasks(start, end, f), [start, end, JSON.stringify(f)]);
  const set = (k: keyof Filters) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const step = mode === 'day' ? 1 : 7;

  const move = async (task: Task, day: string, userId: number | undefined) => {
    setError(undefined);
    try {
      await moveTask(task, day, userId);
    } catch (err) {
      setError((err as Error).message);
    }
    tasks.reload();
    // Keep the keyboard on the moved card once the board has redrawn.
    setTimeout(() => (document.querySelector(`a.task[data-task="${task.taskID}"]`) as HTMLElement | null)?.focus(), 300);
  };
  const drop = (e: DragEvent, day: string, userId: number) => {
    e.preventDefault();
    (e.currentTarget as HTMLElement).classList.remove('over');
    const id = Number(e.dataTransfer?.getData('text/plain'));
    const task = tasks.data?.find((x) => x.taskID === id);
    if (task) move(task, day, userId);
  };
  const shift = (task: Task, n: number) => move(task, addDays(dayOf(task.taskDate), n), undefined);

  const lanes = (users.data ?? []).filter((u) => !f.idUserTo || String(u.userId) === f.idUserTo);
  const unassigned = (tasks.data ?? []).some((x) => !x.idUserTo);
  return (
    <section aria-labelledby="board-title">
      <div class="bar">
        <h1 id="board-title">{t('navBoard')}</h1>
        <div class="group">
          {(['day', 'week', 'list'] as Mode[]).map((m) => (
            <button type="button" key={m} aria-pressed={mode === m} onClick={() => setMode(m)}>
              {t(m)}
            </button>
          ))}
        </div>
        <div class="group">
          <button type="button" onClick={() => setAnchor(addDays(anchor, -step))}>
            ‹ {t('previous')}
          </button>
          <button type="button" onClick={() => setAnchor(ymd(new Date()))}>
            {t('today')}
          </button>
          <button type="button" onClick={() => setAnchor(addDays(anchor, step))}>
            {t('next')} ›
          </button>
        </div>
        <Field label={t('date')}>
          <input type="date" value={anchor} onChange={(e) => setAnchor((e.target as HTMLInputElement).value || anchor)} />
        </Field>
        <button type="button" class="primary" onClick={() => setCreating(!creating)} aria-expanded={creating}>
          {t('newTask')}
        </button>
      </div>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('technician')}>
          <select name="idUserTo" value={f.idUserTo} onChange={set('idUserTo')}>
            <option value="">{t('allTechnicians')}</option>
            {users.data?.map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('status')}>
          <select name="status" value={f.status} onChange={set('status')}>
            <option value="">{t('allStatuses')}</option>
            {statusFilters.map((s) => (
              <option key={s} value={s}>
                {t(`f${s}` as Key)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('priority')}>
          <select name="priority" value={f.priority} onChange={set('priority')}>
            <option value="">{t('any')}</option>
            <option value="1">{t('low')}</option>
            <option value="2">{t('medium')}</option>
            <option value="3">{t('high')}</option>
          </select>
        </Field>
        <Field label={t('customer')}>
          <select name="customerId" value={f.customerId} onChange={set('customerId')}>
            <option value="">{t('any')}</option>
            {customers.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.description}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('orientation')}>
          <input type="search" name="orientation" value={f.orientation} onChange={set('orientation')} />
        </Field>
      </form>
      {creating && (
        <CreateTask
          users={users.data ?? []}
          customers={customers.data ?? []}
          day={anchor}
          onDone={() => {
            setCreating(false);
            tasks.reload();
          }}
        />
      )}
      <ErrorBox error={error ?? tasks.error ?? users.error} />
      {tasks.loading && !tasks.data && <p aria-live="polite">{t('loading')}</p>}
      {mode === 'list' ? (
        <TaskTable tasks={tasks.data ?? []} />
      ) : (
        <>
          <p class="hint">{t('dragHint')}</p>
          <div class="lanes" style={{ gridTemplateColumns: `minmax(7rem, 10rem) repeat(${days.length}, minmax(9rem, 1fr))` }}>
            <div class="corner">{t('technician')}</div>
            {days.map((d) => (
              <div class="dayhead" key={d}>
                {weekdayLabel(d, lang())}
              </div>
            ))}
            {[...lanes.map((u) => ({ id: u.userId, name: u.name })), ...(unassigned ? [{ id: 0, name: t('unassigned') }] : [])].map((u) => (
              <Lane
                key={u.id}
                user={u}
                days={days}
                tasks={(tasks.data ?? []).filter((x) => (x.idUserTo || 0) === u.id)}
                onDrop={drop}
                onMove={shift}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function Lane({
  user,
  days,
  tasks,
  onDrop,
  onMove,
}: {
  user: { id: number; name: string };
  days: string[];
  tasks: Task[];
  onDrop: (e: DragEvent, day: string, userId: number) => void;
  onMove: (task: Task, days: number) => void;
}) {
  return (
    <>
      <div class="lanehead">{user.name}</div>
      {days.map((d) => (
        <ul
          key={d}
          class="cell"
          data-day={d}
          data-user={user.id}
          aria-label={`${user.name} ${d}`}
          onDragOver={(e) => {
            e.preventDefault();
            (e.currentTarget as HTMLElement).classList.add('over');
          }}
          onDragLeave={(e) => (e.currentTarget as HTMLElement).classList.remove('over')}
          onDrop={(e) => onDrop(e, d, user.id)}
        >
          {tasks
            .filter((x) => dayOf(x.taskDate) === d)
            .sort((a, b) => a.taskDate.localeCompare(b.taskDate))
            .map((x) => (
              <li key={x.taskID}>
                <TaskCard task={x} onMove={onMove} />
              </li>
            ))}
        </ul>
      ))}
    </>
  );
}

/** A task on the board: a link to its page, draggable, and moved a day with Alt+← / Alt+→ from the keyboard. */
function TaskCard({ task, onMove }: { task: Task; onMove: (task: Task, days: number) => void }) {
  return (
    <a
      aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight"
      onKeyDown={(e) => {
        if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
        e.preventDefault();
        onMove(task, e.key === 'ArrowRight' ? 1 : -1);
      }}
      class={`task st${task.taskStatus}`}
      href={`#/task/${task.taskID}`}
      draggable
      data-task={task.taskID}
      onDragStart={(e) => e.dataTransfer?.setData('text/plain', String(task.taskID))}
    >
      <span class="time">{timeOf(task.taskDate)}</span> <strong>#{task.taskID}</strong> {task.customerDescription || task.address}
      <span class="orientation">{task.orientation}</span>
      <StatusBadge status={task.taskStatus} />
    </a>
  );
}

export function TaskTable({ tasks }: { tasks: Task[] }) {
  if (!tasks.length) return <p>{t('noTasks')}</p>;
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('date')}</th>
            <th scope="col">{t('technician')}</th>
            <th scope="col">{t('customer')}</th>
            <th scope="col">{t('orientation')}</th>
            <th scope="col">{t('priority')}</th>
            <th scope="col">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((x) => (
            <tr key={x.taskID}>
              <td>
                <a href={`#/task/${x.taskID}`}>{x.taskID}</a>
              </td>
              <td>{x.taskDate.replace('T', ' ').slice(0, 16)}</td>
              <td>{x.userToName || t('unassigned')}</td>
              <td>{x.customerDescription}</td>
              <td>{x.orientation}</td>
              <td>{t((['low', 'medium', 'high'] as Key[])[x.priority - 1] ?? 'low')}</td>
              <td>
                <StatusBadge status={x.taskStatus} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateTask({ users, customers, day, onDone }: { users: User[]; customers: Customer[]; day: string; onDone: () => void }) {
  const [v, setV] = useState({
    idUserTo: String(users[0]?.userId ?? ''),
    when: `${day}T09:00`,
    customerId: '',
    address: '',
    latitude: '',
    longitude: '',
    orientation: '',
    priority: '2',
  });
  const [error, setError] = useState<string>();
  const set = (k: keyof typeof v) => (e: Event) => setV({ ...v, [k]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    const body: Record<string, unknown> = {
      idUserFrom: users[0]?.userId,
      // Opened before the users had loaded, the form holds no choice: the select shows the first user.
      idUserTo: v.idUserTo ? Number(v.idUserTo) : users[0]?.userId,
      taskDate: `${v.when}:00`,
      orientation: v.orientation,
      priority: Number(v.priority),
    };
    if (v.customerId) body.customerId = Number(v.customerId);
    if (v.address) body.address = v.address;
    if (v.latitude) body.latitude = Number(v.latitude);
    if (v.longitude) body.longitude = Number(v.longitude);
    try {
      const created = await call<Task>('POST', '/v2/tasks/', body);
      onDone();
      if (!created?.taskID) go('board');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="card create" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">{t('newTask')}</h2>
      <div class="grid">
        <Field label={t('technician')}>
          <select name="idUserTo" value={v.idUserTo} onChange={set('idUserTo')}>
            <option value="">{t('unassigned')}</option>
            {users.map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('dateTime')}>
          <input name="taskDate" type="datetime-local" required value={v.when} onChange={set('when')} />
        </Field>
        <Field label={t('customer')}>
          <select name="customerId" value={v.customerId} onChange={set('customerId')}>
            <option value="">{t('noCustomer')}</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.description}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('priority')}>
          <select name="priority" value={v.priority} onChange={set('priority')}>
            <option value="1">{t('low')}</option>
            <option value="2">{t('medium')}</option>
            <option value="3">{t('high')}</option>
          </select>
        </Field>
        <Field label={t('address')}>
          <input name="address" value={v.address} onInput={set('address')} />
        </Field>
        <Field label={t('latitude')}>
          <input name="latitude" inputMode="decimal" value={v.latitude} onInput={set('latitude')} />
        </Field>
        <Field label={t('longitude')}>
          <input name="longitude" inputMode="decimal" value={v.longitude} onInput={set('longitude')} />
        </Field>
        <Field label={t('orientation')}>
          <textarea name="orientation" required value={v.orientation} onInput={set('orientation')} />
        </Field>
      </div>
      <ErrorBox error={error} />
      <div class="actions">
        <button type="submit" class="primary">
          {t('create')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
