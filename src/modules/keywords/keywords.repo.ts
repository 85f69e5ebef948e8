// Keywords table access; every query is scoped by account.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { DB, KeywordsTable } from '../../db/schema.js';

export type KeywordRow = Selectable<KeywordsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export async function findKeywordById(db: Db, accountId: number, id: number): Promise<KeywordRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('keywords').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function insertKeyword(db: Db, accountId: number, description: string, at: string): Promise<KeywordRow> {
  return db
    .insertInto('keywords')
    .values({ account_id: accountId, description, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateKeyword(db: Db, accountId: number, id: number, description: string, at: string): Promise<KeywordRow> {
  return db
    .updateTable('keywords')
    .set({ description, updated_at: at })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteKeyword(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('keywords').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function existingKeywordIds(db: Db, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('keywords').select('id').where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listKeywords(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: { id?: number; description?: string },
  paging: Paging,
): Promise<{ rows: KeywordRow[]; total: number }> {
  let q = db.selectFrom('keywords').where('account_id', '=', accountId);
  if (f.id !== undefined) q = q.where('id', '=', isStorableId(f.id) ? f.id : 0);
  if (f.description !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('description'), f.description as string));
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
