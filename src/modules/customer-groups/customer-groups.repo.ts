// Customer groups; every query is scoped by account. Memberships belong to the customers
// module (a customer's `groupsId`), reached through its service.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { isStorableId } from '../../core/ids.js';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { CustomerGroupsTable, DB } from '../../db/schema.js';

export type CustomerGroupRow = Selectable<CustomerGroupsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export async function findGroupById(db: Db, accountId: number, id: number): Promise<CustomerGroupRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('customer_groups').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function insertGroup(db: Db, accountId: number, description: string, at: string): Promise<CustomerGroupRow> {
  return db
    .insertInto('customer_groups')
    .values({ account_id: accountId, description, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateGroup(db: Db, accountId: number, id: number, description: string, at: string): Promise<CustomerGroupRow> {
  return db
    .updateTable('customer_groups')
    .set({ description, updated_at: at })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteGroup(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('customer_groups').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function existingGroupIds(db: Db, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('customer_groups').select('id').where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

/** The list is not paged (G1): every matching group, by id. */
export async function listGroups(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: { id?: number; description?: string },
): Promise<CustomerGroupRow[]> {
  let q = db.selectFrom('customer_groups').selectAll().where('account_id', '=', accountId);
  if (f.id !== undefined) q = q.where('id', '=', isStorableId(f.id) ? f.id : 0);
  if (f.description !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('description'), f.description as string));
  return q.orderBy('id').execute();
}
