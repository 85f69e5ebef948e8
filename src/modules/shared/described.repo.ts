// Table access shared by the resources that are only a described, dated record of the account
// (segments, keywords): the same columns, so the same queries. Every query is scoped by account.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { DB, SegmentsTable } from '../../db/schema.js';

export type DescribedTable = 'segments' | 'keywords';
/** Both tables have these columns (`SegmentsTable` and `KeywordsTable` are identical). */
export type DescribedRow = Selectable<SegmentsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export async function findDescribed(db: Db, table: DescribedTable, accountId: number, id: number): Promise<DescribedRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom(table).selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function insertDescribed(
  db: Db,
  table: DescribedTable,
  accountId: number,
  description: string,
  at: string,
): Promise<DescribedRow> {
  return db
    .insertInto(table)
    .values({ account_id: accountId, description, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateDescribed(
  db: Db,
  table: DescribedTable,
  accountId: number,
  id: number,
  description: string,
  at: string,
): Promise<DescribedRow> {
  return db
    .updateTable(table)
    .set({ description, updated_at: at })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteDescribed(db: Db, table: DescribedTable, accountId: number, id: number): Promise<void> {
  await db.deleteFrom(table).where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function existingDescribedIds(db: Db, table: DescribedTable, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listDescribed(
  db: Db,
  dialect: DialectName,
  table: DescribedTable,
  accountId: number,
  f: { id?: number; description?: string },
  paging: Paging,
): Promise<{ rows: DescribedRow[]; total: number }> {
  let q = db.selectFrom(table).where('account_id', '=', accountId);
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
