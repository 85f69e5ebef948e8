// Satisfaction-survey answers (one row per answered question). Every query is scoped by account.
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DB, SurveyAnswersTable } from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';
import { NOTHING } from '../../db/sql.js';

export type SurveyRow = Selectable<SurveyAnswersTable>;
type Db = Kysely<DB> | Transaction<DB>;

export async function nextSubmission(db: Db, accountId: number, taskId: number): Promise<number> {
  const r = await db
    .selectFrom('survey_answers')
    .select((eb) => eb.fn.max('submission').as('m'))
    .where('account_id', '=', accountId)
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertAnswers(db: Db, rows: Insertable<SurveyAnswersTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('survey_answers').values(rows).execute();
}

export async function listAnswers(
  db: Db,
  accountId: number,
  f: { taskIds: number[]; email?: string },
  paging: Paging,
): Promise<{ rows: SurveyRow[]; total: number }> {
  const taskIds = f.taskIds.filter(isStorableId);
  let q = db.selectFrom('survey_answers').where('account_id', '=', accountId);
  q = taskIds.length ? q.where('task_id', 'in', taskIds) : q.where(NOTHING);
  if (f.email !== undefined) q = q.where('email', '=', f.email.trim().toLowerCase());
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const offset = offsetOf(paging);
  if (total === 0 || offset >= total) return { rows: [], total };
  const rows = await q
    .selectAll()
    .orderBy('id', paging.order === 1 ? 'desc' : 'asc')
    .limit(paging.pageSize)
    .offset(offset)
    .execute();
  return { rows, total };
}

/** Every answer of the given tasks (for the per-survey counters). */
export async function answersOfTasks(
  db: Db,
  accountId: number,
  taskIds: number[],
): Promise<Pick<SurveyRow, 'task_id' | 'submission' | 'score'>[]> {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom('survey_answers')
    .select(['task_id', 'submission', 'score'])
    .where('account_id', '=', accountId)
    .where('task_id', 'in', taskIds)
    .execute();
}
