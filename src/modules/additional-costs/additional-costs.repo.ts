// Additional-cost catalog access. Every query is scoped by account; the numeric id is the `code`.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { AdditionalCostsTable, DB } from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

export type AdditionalCostRow = Selectable<AdditionalCostsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface AdditionalCostListFilter {
  guid?: string;
  code?: number;
  name?: string;
  active?: boolean;
}

export async function findAdditionalCostByGuid(db: Db, accountId: number, guid: string): Promise<AdditionalCostRow | undefined> {
  return db
    .selectFrom('additional_costs')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('guid', '=', guid.toLowerCase())
    .executeTakeFirst();
}

export async function findAdditionalCostByCode(db: Db, accountId: number, code: number): Promise<AdditionalCostRow | undefined> {
  if (!isStorableId(code)) return undefined;
  return db.selectFrom('additional_costs').selectAll().where('account_id', '=', accountId).where('id', '=', code).executeTakeFirst();
}

export async function insertAdditionalCost(db: Db, row: Insertable<AdditionalCostsTable>): Promise<AdditionalCostRow> {
  return db.insertInto('additional_costs').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateAdditionalCost(
  db: Db,
  accountId: number,
  id: number,
  patch: Updateable<AdditionalCostsTable>,
): Promise<AdditionalCostRow> {
  return db
    .updateTable('additional_costs')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteAdditionalCost(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('additional_costs').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function existingAdditionalCostGuids(db: Db, accountId: number, guids: string[]): Promise<Set<string>> {
  const wanted = [...new Set(guids.map((g) => g.toLowerCase()))];
  if (wanted.length === 0) return new Set();
  const rows = await db
    .selectFrom('additional_costs')
    .select('guid')
    .where('account_id', '=', accountId)
    .where('guid', 'in', wanted)
    .execute();
  return new Set(rows.map((r) => r.guid));
}

export async function listAdditionalCosts(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: AdditionalCostListFilter,
  paging: Paging,
): Promise<{ rows: AdditionalCostRow[]; total: number }> {
  let q = db.selectFrom('additional_costs').where('account_id', '=', accountId);
  if (f.guid !== undefined) q = q.where('guid', '=', f.guid.toLowerCase());
  if (f.code !== undefined) q = q.where('id', '=', isStorableId(f.code) ? f.code : 0);
  if (f.name !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('name'), f.name as string));
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
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
