// Customers, their contacts, manager links and group memberships. Every query is scoped by
// account. Group memberships live here (customer groups reach them through the customers
// service) so a customer's `groupsId` and a group's clients are one set of rows.
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';
import { containsText, type DialectName } from '../../db/dialect.js';
import { prepared } from '../../db/prepared.js';
import { NOTHING } from '../../db/sql.js';
import type { CustomerContactsTable, CustomersTable, DB } from '../../db/schema.js';

export type CustomerRow = Selectable<CustomersTable>;
export type CustomerRowPatch = Updateable<CustomersTable>;
export type ContactRow = Selectable<CustomerContactsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export const MANAGER_USER = 0;
export const MANAGER_TEAM = 1;

export interface CustomerLinks {
  groupsId: number[];
  managerTeamsId: number[];
  managersId: number[];
}

export interface CustomerListFilter {
  id?: number;
  description?: string;
  segmentId?: number;
  createdFrom?: string;
  updatedFrom?: string;
  groupId?: number;
  active?: boolean;
  externalIds?: string[];
}

// Customer GETs and every task that names a customer look it up: built once.
const customerById = prepared((db: Db, accountId: number, id: number) =>
  db.selectFrom('customers').selectAll().where('account_id', '=', accountId).where('id', '=', id),
);

export async function findCustomerById(db: Db, accountId: number, id: number): Promise<CustomerRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return customerById.first(db, accountId, id);
}

export async function findCustomerByExternalId(db: Db, accountId: number, externalId: string): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('external_id', '=', externalId)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export async function insertCustomer(db: Db, row: Omit<CustomerRow, 'id'>): Promise<CustomerRow> {
  return db.insertInto('customers').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateCustomer(db: Db, accountId: number, id: number, patch: CustomerRowPatch): Promise<CustomerRow> {
  return db
    .updateTable('customers')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteCustomer(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('customer_contacts').where('account_id', '=', accountId).where('customer_id', '=', id).execute();
  await db.deleteFrom('customer_managers').where('account_id', '=', accountId).where('customer_id', '=', id).execute();
  await db.deleteFrom('customer_group_members').where('account_id', '=', accountId).where('customer_id', '=', id).execute();
  await db.deleteFrom('customers').where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** Moves `dateLastUpdate` of several customers (a group membership changed). */
export async function touchCustomers(db: Db, accountId: number, ids: number[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('customers').set({ updated_at: at }).where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

export async function contactsOf(db: Db, accountId: number, customerIds: number[]): Promise<Map<number, ContactRow[]>> {
  const out = new Map<number, ContactRow[]>();
  if (customerIds.length === 0) return out;
  const rows = await db
    .selectFrom('customer_contacts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.customer_id) ?? [];
    list.push(r);
    out.set(r.customer_id, list);
  }
  return out;
}

export async function insertContact(db: Db, row: Omit<ContactRow, 'id'>): Promise<void> {
  await db.insertInto('customer_contacts').values(row).execute();
}

export async function updateContact(
  db: Db,
  accountId: number,
  customerId: number,
  id: number,
  patch: Partial<Pick<ContactRow, 'name' | 'email' | 'job_position' | 'phone'>>,
): Promise<void> {
  await db
    .updateTable('customer_contacts')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('customer_id', '=', customerId)
    .where('id', '=', id)
    .execute();
}

/** Group, manager-team and manager ids of each customer, ascending. */
export async function linksOf(db: Db, accountId: number, customerIds: number[]): Promise<Map<number, CustomerLinks>> {
  const out = new Map<number, CustomerLinks>();
  for (const id of customerIds) out.set(id, { groupsId: [], managerTeamsId: [], managersId: [] });
  if (customerIds.length === 0) return out;
  const groups = await db
    .selectFrom('customer_group_members')
    .select(['customer_id', 'group_id'])
    .where('account_id', '=', accountId)
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('group_id')
    .execute();
  for (const g of groups) out.get(g.customer_id)?.groupsId.push(g.group_id);
  const managers = await db
    .selectFrom('customer_managers')
    .select(['customer_id', 'kind', 'ref_id'])
    .where('account_id', '=', accountId)
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('ref_id')
    .execute();
  for (const m of managers) {
    const l = out.get(m.customer_id);
    if (l) (m.kind === MANAGER_TEAM ? l.managerTeamsId : l.managersId).push(m.ref_id);
  }
  return out;
}

export async function replaceGroups(db: Db, accountId: number, customerId: number, groupIds: number[]): Promise<void> {
  await db.deleteFrom('customer_group_members').where('account_id', '=', accountId).where('customer_id', '=', customerId).execute();
  const rows = [...new Set(groupIds)].map((group_id) => ({ group_id, customer_id: customerId, account_id: accountId }));
  if (rows.length > 0) await db.insertInto('customer_group_members').values(rows).execute();
}

export async function replaceManagers(db: Db, accountId: number, customerId: number, kind: number, refIds: number[]): Promise<void> {
  await db
    .deleteFrom('customer_managers')
    .where('account_id', '=', accountId)
    .where('customer_id', '=', customerId)
    .where('kind', '=', kind)
    .execute();
  const rows = [...new Set(refIds)].map((ref_id) => ({ customer_id: customerId, kind, ref_id, account_id: accountId }));
  if (rows.length > 0) await db.insertInto('customer_managers').values(rows).execute();
}

/** Customer ids of a group, ascending. */
export async function groupMemberIds(db: Db, accountId: number, groupId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('customer_group_members')
    .select('customer_id')
    .where('account_id', '=', accountId)
    .where('group_id', '=', groupId)
    .orderBy('customer_id')
    .execute();
  return rows.map((r) => r.customer_id);
}

export async function addGroupMembers(db: Db, accountId: number, groupId: number, customerIds: number[]): Promise<void> {
  const rows = customerIds.map((customer_id) => ({ group_id: groupId, customer_id, account_id: accountId }));
  if (rows.length > 0) await db.insertInto('customer_group_members').values(rows).execute();
}

export async function removeGroupMembers(db: Db, accountId: number, groupId: number, customerIds?: number[]): Promise<void> {
  let q = db.deleteFrom('customer_group_members').where('account_id', '=', accountId).where('group_id', '=', groupId);
  if (customerIds !== undefined) {
    if (customerIds.length === 0) return;
    q = q.where('customer_id', 'in', customerIds);
  }
  await q.execute();
}

export async function customersByIds(db: Db, accountId: number, ids: number[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('customers').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).orderBy('id').execute();
}

export async function existingCustomerIds(db: Db, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('customers').select('id').where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listCustomers(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: CustomerListFilter,
  paging: Paging,
): Promise<{ rows: CustomerRow[]; total: number }> {
  let q = db.selectFrom('customers').where('account_id', '=', accountId);
  if (f.id !== undefined) q = q.where('id', '=', isStorableId(f.id) ? f.id : 0);
  if (f.description !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('name'), f.description as string));
  if (f.segmentId !== undefined) q = q.where('segment_id', '=', f.segmentId);
  if (f.createdFrom !== undefined) q = q.where('created_at', '>=', f.createdFrom);
  if (f.updatedFrom !== undefined) q = q.where('updated_at', '>=', f.updatedFrom);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.externalIds !== undefined) q = f.externalIds.length ? q.where('external_id', 'in', f.externalIds) : q.where(NOTHING);
  if (f.groupId !== undefined) {
    const groupId = isStorableId(f.groupId) ? f.groupId : 0;
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('customer_group_members').select('customer_id').where('account_id', '=', accountId).where('group_id', '=', groupId),
    );
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
