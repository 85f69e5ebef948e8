// Questionnaires and their questions. Every query is scoped by account.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB, QuestionnaireQuestionsTable, QuestionnairesTable } from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

export type QuestionnaireRow = Selectable<QuestionnairesTable>;
export type QuestionRow = Selectable<QuestionnaireQuestionsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface QuestionnaireListFilter {
  id?: number;
  /** Restrict to these ids (from the taskIDs filter); empty = nothing matches. */
  ids?: number[];
}

export async function findQuestionnaire(db: Db, accountId: number, id: number): Promise<QuestionnaireRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('questionnaires').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function questionsOf(db: Db, accountId: number, questionnaireIds: number[]): Promise<QuestionRow[]> {
  if (questionnaireIds.length === 0) return [];
  return db
    .selectFrom('questionnaire_questions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('questionnaire_id', 'in', questionnaireIds)
    .orderBy('questionnaire_id')
    .orderBy('position')
    .execute();
}

export async function insertQuestionnaire(db: Db, row: Insertable<QuestionnairesTable>): Promise<QuestionnaireRow> {
  return db.insertInto('questionnaires').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateQuestionnaire(
  db: Db,
  accountId: number,
  id: number,
  patch: Updateable<QuestionnairesTable>,
): Promise<QuestionnaireRow> {
  return db
    .updateTable('questionnaires')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteQuestionnaire(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('questionnaire_questions').where('account_id', '=', accountId).where('questionnaire_id', '=', id).execute();
  await db.deleteFrom('questionnaires').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function insertQuestion(db: Db, row: Insertable<QuestionnaireQuestionsTable>): Promise<void> {
  await db.insertInto('questionnaire_questions').values(row).execute();
}

export async function updateQuestion(db: Db, accountId: number, id: number, patch: Updateable<QuestionnaireQuestionsTable>): Promise<void> {
  await db.updateTable('questionnaire_questions').set(patch).where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function deleteQuestions(db: Db, accountId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('questionnaire_questions').where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

export async function existingQuestionnaireIds(db: Db, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = ids.filter(isStorableId);
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('questionnaires').select('id').where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listQuestionnaires(
  db: Db,
  accountId: number,
  f: QuestionnaireListFilter,
  paging: Paging,
): Promise<{ rows: QuestionnaireRow[]; total: number }> {
  let q = db.selectFrom('questionnaires').where('account_id', '=', accountId);
  if (f.id !== undefined) q = q.where('id', '=', isStorableId(f.id) ? f.id : 0);
  if (f.ids !== undefined) {
    const ids = f.ids.filter(isStorableId);
    q = q.where('id', 'in', ids.length ? ids : [0]);
  }
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
