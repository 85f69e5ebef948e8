// Products, employee stock and stock movements. Every query is scoped by account. A product's
// numeric id is its `code`; `guid` is its `productId`.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { DB, ProductStockMovementsTable, ProductStocksTable, ProductsTable } from '../../db/schema.js';
import { isStorableId, MAX_ID } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

/** Filter values outside the 32-bit id range can match nothing (and must not reach PostgreSQL). */
const ref = (n: number) => (Number.isSafeInteger(n) && Math.abs(n) <= MAX_ID ? n : -1);

export type ProductRow = Selectable<ProductsTable>;
export type ProductRowPatch = Updateable<ProductsTable>;
export type StockRow = Selectable<ProductStocksTable>;
export type MovementRow = Selectable<ProductStockMovementsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export type ProductRef = { code: number } | { guid: string };

export interface ProductListFilter {
  name?: string;
  externalId?: string;
  associatedEquipmentId?: number;
  code?: number;
  categoryId?: number;
  active?: boolean;
  lowerThanMinimumStock?: boolean;
}

export async function findProduct(db: Db, accountId: number, ref: ProductRef): Promise<ProductRow | undefined> {
  const q = db.selectFrom('products').selectAll().where('account_id', '=', accountId);
  if ('guid' in ref) return q.where('guid', '=', ref.guid.toLowerCase()).executeTakeFirst();
  if (!isStorableId(ref.code)) return undefined;
  return q.where('id', '=', ref.code).executeTakeFirst();
}

export async function findProductByExternalId(db: Db, accountId: number, externalId: string): Promise<ProductRow | undefined> {
  return db
    .selectFrom('products')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('external_id', '=', externalId)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertProduct(db: Db, row: Insertable<ProductsTable>): Promise<ProductRow> {
  return db.insertInto('products').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateProduct(db: Db, accountId: number, id: number, patch: ProductRowPatch): Promise<ProductRow> {
  return db
    .updateTable('products')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteProduct(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('product_stock_movements').where('account_id', '=', accountId).where('product_id', '=', id).execute();
  await db.deleteFrom('product_stocks').where('account_id', '=', accountId).where('product_id', '=', id).execute();
  await db.deleteFrom('products').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function existingProductGuids(db: Db, accountId: number, guids: string[]): Promise<Set<string>> {
  const wanted = [...new Set(guids.map((g) => g.toLowerCase()))];
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('products').select('guid').where('account_id', '=', accountId).where('guid', 'in', wanted).execute();
  return new Set(rows.map((r) => r.guid));
}

export async function stocksOf(db: Db, accountId: number, productIds: number[]): Promise<StockRow[]> {
  if (productIds.length === 0) return [];
  return db
    .selectFrom('product_stocks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('product_id', 'in', productIds)
    .orderBy('id')
    .execute();
}

/** The latest movement of each of the stock rows. */
export async function lastMovements(db: Db, accountId: number, stockIds: number[]): Promise<MovementRow[]> {
  if (stockIds.length === 0) return [];
  return db
    .selectFrom('product_stock_movements')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('product_stock_movements')
        .select((e) => e.fn.max('id').as('id'))
        .where('account_id', '=', accountId)
        .where('stock_id', 'in', stockIds)
        .groupBy('stock_id'),
    )
    .execute();
}

export async function findStock(db: Db, accountId: number, productId: number, userId: number): Promise<StockRow | undefined> {
  return db
    .selectFrom('product_stocks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('product_id', '=', productId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function insertStock(db: Db, row: Insertable<ProductStocksTable>): Promise<StockRow> {
  return db.insertInto('product_stocks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function setStockAmount(db: Db, accountId: number, id: number, amount: number, at: string): Promise<void> {
  await db.updateTable('product_stocks').set({ amount, updated_at: at }).where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function insertMovement(db: Db, row: Insertable<ProductStockMovementsTable>): Promise<void> {
  await db.insertInto('product_stock_movements').values(row).execute();
}

export async function listProducts(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: ProductListFilter,
  paging: Paging,
): Promise<{ rows: ProductRow[]; total: number }> {
  let q = db.selectFrom('products').where('account_id', '=', accountId);
  if (f.name !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('name'), f.name as string));
  if (f.externalId !== undefined) q = q.where('external_id', '=', f.externalId);
  if (f.associatedEquipmentId !== undefined) q = q.where('associated_equipment_id', '=', ref(f.associatedEquipmentId));
  if (f.code !== undefined) q = q.where('id', '=', isStorableId(f.code) ? f.code : 0);
  if (f.categoryId !== undefined) q = q.where('category_id', '=', ref(f.categoryId));
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.lowerThanMinimumStock !== undefined) q = q.whereRef('total_stock', f.lowerThanMinimumStock ? '<' : '>=', 'minimum_stock');
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
