// Equipment categories table access. Every query is scoped by account.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { CategoriesTable, DB } from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

export type EquipmentCategoryRow = Selectable<CategoriesTable>;
type Db = Kysely<DB> | Transaction<DB>;
const TABLE = 'equipment_categories' as const;

export interface EquipmentCategoryListFilter {
  id?: number;
  description?: string;
  externalId?: string;
}

export async function findEquipmentCategory(db: Db, accountId: number, id: number): Promise<EquipmentCategoryRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom(TABLE).selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function findEquipmentCategoryByExternalId(
  db: Db,
  accountId: number,
  externalId: string,
): Promise<EquipmentCategoryRow | undefined> {
  return db
    .selectFrom(TABLE)
    .selectAll()
    .where('account_id', '=', accountId)
    .where('external_id', '=', externalId)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertEquipmentCategory(db: Db, row: Insertable<CategoriesTable>): Promise<EquipmentCategoryRow> {
  return db.insertInto(TABLE).values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateEquipmentCategory(
  db: Db,
  accountId: number,
  id: number,
  patch: Updateable<CategoriesTable>,
): Promise<EquipmentCategoryRow> {
  return db.updateTable(TABLE).set(patch).where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteEquipmentCategory(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom(TABLE).where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function existingEquipmentCategoryIds(db: Db, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = ids.filter(isStorableId);
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom(TABLE).select('id').where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listEquipmentCategories(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: EquipmentCategoryListFilter,
  paging: Paging,
): Promise<{ rows: EquipmentCategoryRow[]; total: number }> {
  let q = db.selectFrom(TABLE).where('account_id', '=', accountId);
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
