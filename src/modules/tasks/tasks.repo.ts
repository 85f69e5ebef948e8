// Tasks, their keyword index and billing lines. Every query is scoped by account.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { containsText, type DialectName } from '../../db/dialect.js';
import { prepared } from '../../db/prepared.js';
import { NOTHING } from '../../db/sql.js';
import type { DB, TaskLinesTable, TasksTable } from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

export type TaskRow = Selectable<TasksTable>;
export type NewTaskRow = Insertable<TasksTable>;
export type TaskRowPatch = Updateable<TasksTable>;
export type LineRow = Selectable<TaskLinesTable>;
export type LineKind = 'product' | 'service' | 'cost';
type Db = Kysely<DB> | Transaction<DB>;

export interface TaskListFilter {
  deleted: boolean;
  from: string;
  to: string;
  taskId?: number;
  idUserTo?: number;
  updatedFrom?: string;
  customerId?: number;
  teamId?: number;
  taskTypeId?: number;
  customerIds?: number[];
  status?: number;
  orientation?: string;
  tags?: number[];
  priority?: number;
  externalIds?: string[];
}

// Every GET, change and field event of a task starts here: built once.
const taskById = prepared((db: Db, accountId: number, id: number) =>
  db.selectFrom('tasks').selectAll().where('account_id', '=', accountId).where('id', '=', id).where('deleted', '=', 0),
);

export async function findTask(db: Db, accountId: number, id: number): Promise<TaskRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return taskById.first(db, accountId, id);
}

export async function findTaskByExternalId(db: Db, accountId: number, externalId: string): Promise<TaskRow | undefined> {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('external_id', '=', externalId)
    .where('deleted', '=', 0)
    .orderBy('id')
    .executeTakeFirst();
}

export async function findTaskByGuid(db: Db, guid: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('guid', '=', guid).where('deleted', '=', 0).executeTakeFirst();
}

export async function insertTask(db: Db, row: NewTaskRow): Promise<TaskRow> {
  return db.insertInto('tasks').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Inserts many tasks in one statement; their ids in input order. */
export async function insertTasks(db: Db, rows: NewTaskRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const out = await db.insertInto('tasks').values(rows).returning(['id', 'guid']).execute();
  // Matched by the unique guid, so the order of RETURNING does not matter.
  const byGuid = new Map(out.map((r) => [r.guid, r.id]));
  return rows.map((r) => byGuid.get(r.guid) as number);
}

export async function updateTask(db: Db, accountId: number, id: number, patch: TaskRowPatch): Promise<TaskRow> {
  return db
    .updateTable('tasks')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setKeywords(db: Db, taskId: number, keywordIds: number[]): Promise<void> {
  await db.deleteFrom('task_keywords').where('task_id', '=', taskId).execute();
  const unique = [...new Set(keywordIds)];
  if (unique.length)
    await db
      .insertInto('task_keywords')
      .values(unique.map((k) => ({ task_id: taskId, keyword_id: k })))
      .execute();
}

export async function linesOf(db: Db, accountId: number, taskIds: number[]): Promise<LineRow[]> {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom('task_lines')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('task_id', 'in', taskIds)
    .orderBy('id')
    .execute();
}

export async function upsertLine(db: Db, row: Omit<Insertable<TaskLinesTable>, 'created_at' | 'updated_at'>, now: string): Promise<void> {
  const existing = await db
    .selectFrom('task_lines')
    .select('id')
    .where('task_id', '=', row.task_id)
    .where('kind', '=', row.kind)
    .where('item_guid', '=', row.item_guid)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('task_lines')
      .set({
        quantity: row.quantity,
        unitary_value: row.unitary_value,
        discount_type: row.discount_type,
        discount_value: row.discount_value,
        user_id: row.user_id,
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await db
      .insertInto('task_lines')
      .values({ ...row, created_at: now, updated_at: now })
      .execute();
  }
}

export async function deleteLines(db: Db, accountId: number, taskId: number, kind: LineKind, guids: string[]): Promise<number> {
  if (guids.length === 0) return 0;
  const r = await db
    .deleteFrom('task_lines')
    .where('account_id', '=', accountId)
    .where('task_id', '=', taskId)
    .where('kind', '=', kind)
    .where('item_guid', 'in', guids)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Questionnaires used by the given tasks (the questionnaires list filter `taskIDs`). */
export async function questionnaireIdsOf(db: Db, accountId: number, taskIds: number[]): Promise<number[]> {
  const wanted = taskIds.filter(isStorableId);
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('tasks')
    .select('questionnaire_id')
    .distinct()
    .where('account_id', '=', accountId)
    .where('id', 'in', wanted)
    .where('questionnaire_id', 'is not', null)
    .execute();
  return rows.map((r) => r.questionnaire_id as number);
}

export async function existingTaskIds(db: Db, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = ids.filter(isStorableId);
  if (wanted.length === 0) return new Set();
  const rows = await db
    .selectFrom('tasks')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', wanted)
    .where('deleted', '=', 0)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function listTasks(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: TaskListFilter,
  paging: Paging,
): Promise<{ rows: TaskRow[]; total: number }> {
  let q = db
    .selectFrom('tasks')
    .where('account_id', '=', accountId)
    .where('deleted', '=', f.deleted ? 1 : 0)
    .where('task_date', '>=', f.from)
    .where('task_date', '<=', f.to);
  // Ids no row can have (beyond 32 bits) match nothing instead of overflowing PostgreSQL's int.
  const id = (v: number) => (isStorableId(v) ? v : 0);
  if (f.taskId !== undefined) q = q.where('id', '=', id(f.taskId));
  if (f.idUserTo !== undefined) q = q.where('user_to_id', '=', id(f.idUserTo));
  if (f.updatedFrom !== undefined) q = q.where('updated_at', '>=', f.updatedFrom);
  if (f.customerId !== undefined) q = q.where('customer_id', '=', id(f.customerId));
  if (f.teamId !== undefined) q = q.where('team_id', '=', id(f.teamId));
  if (f.taskTypeId !== undefined) q = q.where('task_type_id', '=', id(f.taskTypeId));
  if (f.customerIds !== undefined) q = f.customerIds.length ? q.where('customer_id', 'in', f.customerIds) : q.where(NOTHING);
  if (f.priority !== undefined) q = q.where('priority', '=', f.priority);
  if (f.externalIds !== undefined) q = f.externalIds.length ? q.where('external_id', 'in', f.externalIds) : q.where(NOTHING);
  if (f.orientation !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('orientation'), f.orientation as string));
  if (f.tags !== undefined) {
    const tags = f.tags.filter(isStorableId);
    q = tags.length
      ? q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('task_keywords')
              .select('task_keywords.task_id')
              .whereRef('task_keywords.task_id', '=', 'tasks.id')
              .where('task_keywords.keyword_id', 'in', tags),
          ),
        )
      : q.where(NOTHING);
  }
  // Finished is taskStatus 5, so every status filter but "with pendency" reads indexed columns.
  switch (f.status) {
    case 0:
      q = q.where('status', 'in', [1, 2, 3, 4, 6]);
      break;
    case 1:
      q = q.where('finish_mode', '=', 1);
      break;
    case 2:
      q = q.where('finish_mode', '=', 2);
      break;
    case 3:
      q = q.where('status', '=', 5);
      break;
    case 5:
      q = q.where('pendency', '<>', '');
      break;
    case 6:
      q = q.where('status', 'in', [2, 3, 4, 5, 6]);
      break;
    default:
      break;
  }
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const offset = offsetOf(paging);
  if (total === 0 || offset >= total) return { rows: [], total };
  // The page's ids come from the index alone; only those ten rows are read in full.
  const dir = paging.order === 1 ? 'desc' : 'asc';
  const page = await q.select('id').orderBy('id', dir).limit(paging.pageSize).offset(offset).execute();
  const ids = page.map((r) => r.id);
  const rows = ids.length
    ? await db.selectFrom('tasks').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).orderBy('id', dir).execute()
    : [];
  return { rows, total };
}
