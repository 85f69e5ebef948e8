// Table access shared by the category resources (equipment categories, product categories):
// the same columns, so the same queries. Every query is scoped by account.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { CategoriesTable, DB } from '../../db/schema.js';

export type CategoryTable = 'equipment_categories' | 'product_categories';
export type CategoryRow = Selectable<CategoriesTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface CategoryListFilter {
  id?: number;
  description?: string;
  externalId?: string;
}

export async function findCategory(db: Db, table: CategoryTable, accountId: number, id: number): Promise<CategoryRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom(table).selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function findCategoryByExternalId(
  db: Db,
  table: CategoryTable,
  accountId: number,
  externalId: string,
): Promise<CategoryRow | undefined> {
  return db
    .selectFrom(table)
    .selectAll()
    .where('account_id', '=', accountId)
    .where('external_id', '=', externalId)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertCategory(db: Db, table: CategoryTable, row: Insertable<CategoriesTable>): Promise<CategoryRow> {
  return db.insertInto(table).values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateCategory(
  db: Db,
  table: CategoryTable,
  accountId: number,
  id: number,
  patch: Updateable<CategoriesTable>,
): Promise<CategoryRow> {
  return db.updateTable(table).set(patch).where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteCategory(db: Db, table: CategoryTable, accountId: number, id: number): Promise<void> {
  await db.deleteFrom(table).where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function existingCategoryIds(db: Db, table: CategoryTable, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = ids.filter(isStorableId);
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listCategories(
  db: Db,
  dialect: DialectName,
  table: CategoryTable,
  accountId: number,
  f: CategoryListFilter,
  paging: Paging,
): Promise<{ rows: CategoryRow[]; total: number }> {
  let q = db.selectFrom(table).where('account_id', '=', accountId);
  if (f.id !== undefined) q = q.where('id', '=', isStorableId(f.id) ? f.id : 0);
  if (f.description !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('description'), f.description as string));
  if (f.externalId !== undefined) q = q.where('external_id', '=', f.externalId);
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
