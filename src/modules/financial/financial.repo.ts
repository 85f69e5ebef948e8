// Financial tables access. Every query is scoped by account (invoice items through their invoice).
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { DB, FinancialCatalogTable, InvoiceItemsTable, InvoicesTable, ReceivablesTable } from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

type Db = Kysely<DB> | Transaction<DB>;
export type CatalogTable = 'financial_categories' | 'payment_methods';
export type CatalogRow = Selectable<FinancialCatalogTable>;
export type InvoiceRow = Selectable<InvoicesTable>;
export type InvoiceItemRow = Selectable<InvoiceItemsTable>;
export type ReceivableRow = Selectable<ReceivablesTable>;

/** Filter values outside the 32-bit id range can match nothing (and must not reach PostgreSQL). */
const ref = (n: number) => (isStorableId(n) ? n : -1);

async function page<R>(
  count: () => Promise<{ n: unknown }>,
  rows: (limit: number, offset: number) => Promise<R[]>,
  paging: Paging,
): Promise<{ rows: R[]; total: number }> {
  const total = Number((await count()).n);
  const offset = offsetOf(paging);
  if (total === 0 || offset >= total) return { rows: [], total };
  return { rows: await rows(paging.pageSize, offset), total };
}

// ---- Catalogs ------------------------------------------------------------------------------

export async function findCatalog(db: Db, table: CatalogTable, accountId: number, id: number): Promise<CatalogRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom(table).selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function catalogByIds(db: Db, table: CatalogTable, accountId: number, ids: number[]): Promise<CatalogRow[]> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return [];
  return db.selectFrom(table).selectAll().where('account_id', '=', accountId).where('id', 'in', wanted).execute();
}

export async function insertCatalog(db: Db, table: CatalogTable, row: Insertable<FinancialCatalogTable>): Promise<CatalogRow> {
  return db.insertInto(table).values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateCatalog(
  db: Db,
  table: CatalogTable,
  accountId: number,
  id: number,
  patch: Updateable<FinancialCatalogTable>,
): Promise<CatalogRow> {
  return db.updateTable(table).set(patch).where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteCatalog(db: Db, table: CatalogTable, accountId: number, id: number): Promise<void> {
  await db.deleteFrom(table).where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function listCatalog(
  db: Db,
  dialect: DialectName,
  table: CatalogTable,
  accountId: number,
  f: { id?: number; description?: string; active?: boolean },
  paging: Paging,
): Promise<{ rows: CatalogRow[]; total: number }> {
  let q = db.selectFrom(table).where('account_id', '=', accountId);
  if (f.id !== undefined) q = q.where('id', '=', ref(f.id));
  if (f.description !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('description'), f.description as string));
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  return page(
    () => q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    (limit, offset) =>
      q
        .selectAll()
        .orderBy('id', paging.order === 1 ? 'desc' : 'asc')
        .limit(limit)
        .offset(offset)
        .execute(),
    paging,
  );
}

// ---- Invoices ------------------------------------------------------------------------------

export interface InvoiceListFilter {
  id?: number;
  customerId?: number;
  financialCategoryId?: number;
  taskId?: number;
  serviceOrderId?: number;
  from?: string;
  to?: string;
}

export async function findInvoice(db: Db, accountId: number, id: number): Promise<InvoiceRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('invoices').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function insertInvoice(db: Db, row: Insertable<InvoicesTable>): Promise<InvoiceRow> {
  return db.insertInto('invoices').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateInvoice(db: Db, accountId: number, id: number, patch: Updateable<InvoicesTable>): Promise<InvoiceRow> {
  return db
    .updateTable('invoices')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteInvoice(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('invoice_items').where('invoice_id', '=', id).execute();
  await db.deleteFrom('invoices').where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** The items of the given invoices (callers pass ids of their own account), in order. */
export async function itemsOf(db: Db, invoiceIds: number[]): Promise<InvoiceItemRow[]> {
  if (invoiceIds.length === 0) return [];
  return db
    .selectFrom('invoice_items')
    .selectAll()
    .where('invoice_id', 'in', invoiceIds)
    .orderBy('invoice_id')
    .orderBy('position')
    .execute();
}

export async function replaceItems(db: Db, invoiceId: number, items: Omit<Insertable<InvoiceItemsTable>, 'invoice_id'>[]): Promise<void> {
  await db.deleteFrom('invoice_items').where('invoice_id', '=', invoiceId).execute();
  if (items.length > 0)
    await db
      .insertInto('invoice_items')
      .values(items.map((i) => ({ ...i, invoice_id: invoiceId })))
      .execute();
}

/** Which of `ids` (tasks or service orders) another invoice of the account already includes. */
export async function invoicedElsewhere(
  db: Db,
  accountId: number,
  source: string,
  ids: number[],
  exceptInvoiceId: number,
): Promise<{ source_id: number; invoice_id: number }[]> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return [];
  return db
    .selectFrom('invoice_items as i')
    .innerJoin('invoices as v', 'v.id', 'i.invoice_id')
    .select(['i.source_id', 'i.invoice_id'])
    .where('v.account_id', '=', accountId)
    .where('i.source', '=', source)
    .where('i.source_id', 'in', wanted)
    .where('i.invoice_id', '<>', exceptInvoiceId)
    .execute();
}

export async function listInvoices(db: Db, accountId: number, f: InvoiceListFilter, paging: Paging) {
  let q = db.selectFrom('invoices').where('account_id', '=', accountId);
  if (f.id !== undefined) q = q.where('id', '=', ref(f.id));
  if (f.customerId !== undefined) q = q.where('customer_id', '=', ref(f.customerId));
  if (f.financialCategoryId !== undefined) q = q.where('financial_category_id', '=', ref(f.financialCategoryId));
  if (f.from !== undefined) q = q.where('issue_date', '>=', f.from);
  if (f.to !== undefined) q = q.where('issue_date', '<=', f.to);
  for (const [source, id] of [
    ['Task', f.taskId],
    ['ServiceOrder', f.serviceOrderId],
  ] as const) {
    if (id === undefined) continue;
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('invoice_items').select('invoice_id').where('source', '=', source).where('source_id', '=', ref(id)),
    );
  }
  return page(
    () => q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    (limit, offset) =>
      q
        .selectAll()
        .orderBy('id', paging.order === 1 ? 'desc' : 'asc')
        .limit(limit)
        .offset(offset)
        .execute(),
    paging,
  );
}

// ---- Receivables ---------------------------------------------------------------------------

export interface ReceivableListFilter {
  id?: number;
  customerId?: number;
  invoiceId?: number;
  paymentMethodId?: number;
  paid?: boolean;
  from?: string;
  to?: string;
}

export async function findReceivable(db: Db, accountId: number, id: number): Promise<ReceivableRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('receivables').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function insertReceivable(db: Db, row: Insertable<ReceivablesTable>): Promise<ReceivableRow> {
  return db.insertInto('receivables').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateReceivable(db: Db, accountId: number, id: number, patch: Updateable<ReceivablesTable>): Promise<ReceivableRow> {
  return db
    .updateTable('receivables')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteReceivable(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('receivables').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function countReceivablesOfInvoice(db: Db, accountId: number, invoiceId: number): Promise<number> {
  const { n } = await db
    .selectFrom('receivables')
    .where('account_id', '=', accountId)
    .where('invoice_id', '=', invoiceId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function listReceivables(db: Db, accountId: number, f: ReceivableListFilter, paging: Paging) {
  let q = db.selectFrom('receivables').where('account_id', '=', accountId);
  if (f.id !== undefined) q = q.where('id', '=', ref(f.id));
  if (f.customerId !== undefined) q = q.where('customer_id', '=', ref(f.customerId));
  if (f.invoiceId !== undefined) q = q.where('invoice_id', '=', ref(f.invoiceId));
  if (f.paymentMethodId !== undefined) q = q.where('payment_method_id', '=', ref(f.paymentMethodId));
  if (f.paid !== undefined) q = q.where('paid', '=', f.paid ? 1 : 0);
  if (f.from !== undefined) q = q.where('due_date', '>=', f.from);
  if (f.to !== undefined) q = q.where('due_date', '<=', f.to);
  return page(
    () => q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    (limit, offset) =>
      q
        .selectAll()
        .orderBy('id', paging.order === 1 ? 'desc' : 'asc')
        .limit(limit)
        .offset(offset)
        .execute(),
    paging,
  );
}
