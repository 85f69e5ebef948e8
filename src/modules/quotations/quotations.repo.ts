import { NOTHING } from '../../db/sql.js';
// Quotations, their items, contacts, alterations and the stage catalogue. Every query is scoped by account.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type {
  DB,
  QuotationAlterationsTable,
  QuotationContactsTable,
  QuotationItemsTable,
  QuotationStagesTable,
  QuotationsTable,
} from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

type Db = Kysely<DB> | Transaction<DB>;
export type QuotationRow = Selectable<QuotationsTable>;
export type NewQuotationRow = Insertable<QuotationsTable>;
export type QuotationRowPatch = Updateable<QuotationsTable>;
export type QuotationItemRow = Selectable<QuotationItemsTable>;
export type NewQuotationItemRow = Insertable<QuotationItemsTable>;
export type QuotationContactRow = Selectable<QuotationContactsTable>;
export type NewQuotationContactRow = Insertable<QuotationContactsTable>;
export type QuotationAlterationRow = Selectable<QuotationAlterationsTable>;
export type NewQuotationAlterationRow = Insertable<QuotationAlterationsTable>;
export type StageRow = Selectable<QuotationStagesTable>;

export interface QuotationListFilter {
  publicId?: number;
  requestFrom?: string;
  requestBefore?: string;
  userIds?: number[];
  customerIds?: number[];
  productCodes?: number[];
  stageName?: string;
}

export async function findQuotation(db: Db, accountId: number, id: number): Promise<QuotationRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('quotations').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function insertQuotation(db: Db, row: NewQuotationRow): Promise<QuotationRow> {
  return db.insertInto('quotations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateQuotation(db: Db, accountId: number, id: number, patch: QuotationRowPatch): Promise<QuotationRow> {
  return db
    .updateTable('quotations')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteQuotation(db: Db, accountId: number, id: number): Promise<void> {
  for (const t of ['quotation_items', 'quotation_contacts', 'quotation_alterations'] as const) {
    await db.deleteFrom(t).where('account_id', '=', accountId).where('quotation_id', '=', id).execute();
  }
  await db.deleteFrom('quotations').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function replaceItems(db: Db, accountId: number, quotationId: number, items: NewQuotationItemRow[]): Promise<void> {
  await db.deleteFrom('quotation_items').where('account_id', '=', accountId).where('quotation_id', '=', quotationId).execute();
  if (items.length > 0) await db.insertInto('quotation_items').values(items).execute();
}

export async function replaceContacts(db: Db, accountId: number, quotationId: number, rows: NewQuotationContactRow[]): Promise<void> {
  await db.deleteFrom('quotation_contacts').where('account_id', '=', accountId).where('quotation_id', '=', quotationId).execute();
  if (rows.length > 0) await db.insertInto('quotation_contacts').values(rows).execute();
}

export async function insertAlterations(db: Db, rows: NewQuotationAlterationRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('quotation_alterations').values(rows).execute();
}

function group<T extends { quotation_id: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.quotation_id) ?? [];
    list.push(r);
    out.set(r.quotation_id, list);
  }
  return out;
}

export async function childrenOf(db: Db, accountId: number, ids: number[]) {
  if (ids.length === 0) return { items: new Map(), contacts: new Map(), alterations: new Map() };
  const [items, contacts, alterations] = await Promise.all([
    db
      .selectFrom('quotation_items')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('quotation_id', 'in', ids)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('quotation_contacts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('quotation_id', 'in', ids)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('quotation_alterations')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('quotation_id', 'in', ids)
      .orderBy('id')
      .execute(),
  ]);
  return {
    items: group(items) as Map<number, QuotationItemRow[]>,
    contacts: group(contacts) as Map<number, QuotationContactRow[]>,
    alterations: group(alterations) as Map<number, QuotationAlterationRow[]>,
  };
}

export async function listQuotations(
  db: Db,
  accountId: number,
  f: QuotationListFilter,
  paging: Paging,
): Promise<{ rows: QuotationRow[]; total: number }> {
  let q = db.selectFrom('quotations').where('quotations.account_id', '=', accountId);
  if (f.publicId !== undefined) q = q.where('quotations.id', '=', isStorableId(f.publicId) ? f.publicId : 0);
  if (f.requestFrom !== undefined) q = q.where('quotations.request_date', '>=', f.requestFrom);
  if (f.requestBefore !== undefined) q = q.where('quotations.request_date', '<', f.requestBefore);
  // Numbers no row can hold (beyond 32 bits) simply match nothing.
  const userIds = f.userIds?.filter(isStorableId);
  const customerIds = f.customerIds?.filter(isStorableId);
  if (userIds !== undefined) q = q.where('quotations.requester_user_id', 'in', userIds.length ? userIds : [0]);
  if (customerIds !== undefined) q = q.where('quotations.customer_id', 'in', customerIds.length ? customerIds : [0]);
  if (f.productCodes !== undefined) {
    const codes = f.productCodes.map(String);
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('quotation_items as qi')
          .select('qi.id')
          .whereRef('qi.quotation_id', '=', 'quotations.id')
          .where('qi.account_id', '=', accountId)
          .where('qi.kind', '=', 'product')
          .where((eb) => (codes.length ? eb('qi.ref', 'in', codes) : NOTHING)),
      ),
    );
  }
  if (f.stageName !== undefined) {
    const name = f.stageName.trim().toLowerCase();
    q = q.where('quotations.stage_id', 'in', (eb) =>
      eb
        .selectFrom('quotation_stages as s')
        .select('s.id')
        .where('s.account_id', '=', accountId)
        .where((e) => e(e.fn('lower', ['s.description']), '=', name)),
    );
  }
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const offset = offsetOf(paging);
  if (total === 0 || offset >= total) return { rows: [], total };
  const rows = await q
    .selectAll('quotations')
    .orderBy('quotations.id', paging.order === 1 ? 'desc' : 'asc')
    .limit(paging.pageSize)
    .offset(offset)
    .execute();
  return { rows, total };
}

// ---- Stages --------------------------------------------------------------------------------

export async function findStage(db: Db, accountId: number, id: number): Promise<StageRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('quotation_stages').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function stagesByIds(db: Db, accountId: number, ids: number[]): Promise<Map<number, StageRow>> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('quotation_stages').selectAll().where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function listStages(db: Db, accountId: number, paging: Paging): Promise<{ rows: StageRow[]; total: number }> {
  const q = db.selectFrom('quotation_stages').where('account_id', '=', accountId);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const offset = offsetOf(paging);
  if (total === 0 || offset >= total) return { rows: [], total };
  const dir = paging.order === 1 ? 'desc' : 'asc';
  const rows = await q.selectAll().orderBy('id', dir).limit(paging.pageSize).offset(offset).execute();
  return { rows, total };
}

export async function maxStagePosition(db: Db, accountId: number): Promise<number> {
  const r = await db
    .selectFrom('quotation_stages')
    .select((eb) => eb.fn.max<number>('position').as('m'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

export async function insertStage(db: Db, row: Insertable<QuotationStagesTable>): Promise<StageRow> {
  return db.insertInto('quotation_stages').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateStage(db: Db, accountId: number, id: number, patch: Updateable<QuotationStagesTable>): Promise<StageRow> {
  return db
    .updateTable('quotation_stages')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Quotations currently at `stageId` (their CurrentStage changes with the stage). */
export async function quotationIdsAtStage(db: Db, accountId: number, stageId: number): Promise<number[]> {
  const rows = await db.selectFrom('quotations').select('id').where('account_id', '=', accountId).where('stage_id', '=', stageId).execute();
  return rows.map((r) => r.id);
}
