// Equipments table access. Every query is scoped by account.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { DB, EquipmentsTable } from '../../db/schema.js';
import { isStorableId, MAX_ID } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

/** Filter values outside the 32-bit id range can match nothing (and must not reach PostgreSQL). */
const ref = (n: number) => (Number.isSafeInteger(n) && Math.abs(n) <= MAX_ID ? n : -1);

export type EquipmentRow = Selectable<EquipmentsTable>;
export type EquipmentRowPatch = Updateable<EquipmentsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface EquipmentListFilter {
  name?: string;
  externalId?: string;
  parentEquipmentId?: number;
  associatedCustomerId?: number;
  associatedUserId?: number;
  categoryId?: number;
  identifier?: string;
  active?: boolean;
}

export async function findEquipment(db: Db, accountId: number, id: number): Promise<EquipmentRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('equipments').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function findEquipmentByExternalId(db: Db, accountId: number, externalId: string): Promise<EquipmentRow | undefined> {
  return db
    .selectFrom('equipments')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('external_id', '=', externalId)
    .orderBy('id')
    .executeTakeFirst();
}

/** The parent id of each of `ids` (to walk up the tree). */
export async function parentOf(db: Db, accountId: number, id: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('equipments')
    .select('parent_equipment_id')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.parent_equipment_id;
}

export async function insertEquipment(db: Db, row: Insertable<EquipmentsTable>): Promise<EquipmentRow> {
  return db.insertInto('equipments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateEquipment(db: Db, accountId: number, id: number, patch: EquipmentRowPatch): Promise<EquipmentRow> {
  return db
    .updateTable('equipments')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteEquipment(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('equipments').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function existingEquipmentIds(db: Db, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = ids.filter(isStorableId);
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('equipments').select('id').where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listEquipments(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: EquipmentListFilter,
  paging: Paging,
): Promise<{ rows: EquipmentRow[]; total: number }> {
  let q = db.selectFrom('equipments').where('account_id', '=', accountId);
  if (f.name !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('name'), f.name as string));
  if (f.externalId !== undefined) q = q.where('external_id', '=', f.externalId);
  if (f.parentEquipmentId !== undefined) q = q.where('parent_equipment_id', '=', ref(f.parentEquipmentId));
  if (f.associatedCustomerId !== undefined) q = q.where('associated_customer_id', '=', ref(f.associatedCustomerId));
  if (f.associatedUserId !== undefined) q = q.where('associated_user_id', '=', ref(f.associatedUserId));
  if (f.categoryId !== undefined) q = q.where('category_id', '=', ref(f.categoryId));
  if (f.identifier !== undefined) q = q.where('identifier', '=', f.identifier);
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
