// Tickets, their links, custom values, alterations, interactions and status periods, and the
// catalogues they point to (statuses, request types, custom fields). Every query is scoped by account.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type {
  DB,
  TicketAlterationsTable,
  TicketCustomFieldChoicesTable,
  TicketCustomFieldsTable,
  TicketCustomValuesTable,
  TicketInteractionsTable,
  TicketRequestTypesTable,
  TicketStatusesTable,
  TicketStatusPeriodsTable,
  TicketsTable,
} from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

type Db = Kysely<DB> | Transaction<DB>;
export type TicketRow = Selectable<TicketsTable>;
export type NewTicketRow = Insertable<TicketsTable>;
export type TicketRowPatch = Updateable<TicketsTable>;
export type AlterationRow = Selectable<TicketAlterationsTable>;
export type NewAlterationRow = Insertable<TicketAlterationsTable>;
export type InteractionRow = Selectable<TicketInteractionsTable>;
export type NewInteractionRow = Insertable<TicketInteractionsTable>;
export type PeriodRow = Selectable<TicketStatusPeriodsTable>;
export type CustomValueRow = Selectable<TicketCustomValuesTable>;
export type StatusRow = Selectable<TicketStatusesTable>;
export type RequestTypeRow = Selectable<TicketRequestTypesTable>;
export type FieldRow = Selectable<TicketCustomFieldsTable>;
export type ChoiceRow = Selectable<TicketCustomFieldChoicesTable>;

export interface TicketListFilter {
  ids?: number[];
  createdFrom: string;
  createdBefore: string;
  statusTypes?: number[];
  responsibleIds?: number[];
  teamIds?: number[];
  customerIds?: number[];
  origins?: number[];
  creatorIds?: number[];
}

const CHILD_TABLES = [
  'ticket_tasks',
  'ticket_custom_values',
  'ticket_alterations',
  'ticket_interactions',
  'ticket_status_periods',
] as const;

export async function findTicket(db: Db, accountId: number, id: number): Promise<TicketRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('tickets').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function insertTicket(db: Db, row: NewTicketRow): Promise<TicketRow> {
  return db.insertInto('tickets').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateTicket(db: Db, accountId: number, id: number, patch: TicketRowPatch): Promise<TicketRow> {
  return db
    .updateTable('tickets')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteTicket(db: Db, accountId: number, id: number): Promise<void> {
  for (const t of CHILD_TABLES) await db.deleteFrom(t).where('account_id', '=', accountId).where('ticket_id', '=', id).execute();
  await db.deleteFrom('tickets').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function interactionIdsOf(db: Db, accountId: number, ticketId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('ticket_interactions')
    .select('id')
    .where('account_id', '=', accountId)
    .where('ticket_id', '=', ticketId)
    .execute();
  return rows.map((r) => r.id);
}

export async function replaceTasks(db: Db, accountId: number, ticketId: number, taskIds: number[]): Promise<void> {
  await db.deleteFrom('ticket_tasks').where('account_id', '=', accountId).where('ticket_id', '=', ticketId).execute();
  if (taskIds.length > 0) {
    await db
      .insertInto('ticket_tasks')
      .values(taskIds.map((task_id) => ({ account_id: accountId, ticket_id: ticketId, task_id })))
      .execute();
  }
}

/** The ticket each task is linked to (the lowest ticket id when several link it). */
export async function ticketsOfTasks(db: Db, accountId: number, taskIds: number[]): Promise<Map<number, { id: number; title: string }>> {
  const out = new Map<number, { id: number; title: string }>();
  const wanted = [...new Set(taskIds.filter(isStorableId))];
  if (wanted.length === 0) return out;
  const rows = await db
    .selectFrom('ticket_tasks as tt')
    .innerJoin('tickets as t', 't.id', 'tt.ticket_id')
    .select(['tt.task_id', 't.id', 't.title'])
    .where('tt.account_id', '=', accountId)
    .where('t.account_id', '=', accountId)
    .where('tt.task_id', 'in', wanted)
    .orderBy('t.id')
    .orderBy('tt.task_id')
    .execute();
  for (const r of rows) if (!out.has(r.task_id)) out.set(r.task_id, { id: r.id, title: r.title });
  return out;
}

export async function replaceCustomValues(
  db: Db,
  accountId: number,
  ticketId: number,
  values: { fieldId: number; value: string }[],
): Promise<void> {
  await db.deleteFrom('ticket_custom_values').where('account_id', '=', accountId).where('ticket_id', '=', ticketId).execute();
  if (values.length > 0) {
    await db
      .insertInto('ticket_custom_values')
      .values(values.map((v) => ({ account_id: accountId, ticket_id: ticketId, field_id: v.fieldId, value: v.value })))
      .execute();
  }
}

export async function insertAlterations(db: Db, rows: NewAlterationRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('ticket_alterations').values(rows).execute();
}

export async function insertInteraction(db: Db, row: NewInteractionRow): Promise<InteractionRow> {
  return db.insertInto('ticket_interactions').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Closes the open status period (if any) and opens one for the new status. */
export async function startPeriod(db: Db, accountId: number, ticketId: number, description: string, at: string): Promise<void> {
  await db
    .updateTable('ticket_status_periods')
    .set({ check_out: at })
    .where('account_id', '=', accountId)
    .where('ticket_id', '=', ticketId)
    .where('check_out', 'is', null)
    .execute();
  await db
    .insertInto('ticket_status_periods')
    .values({ account_id: accountId, ticket_id: ticketId, description, check_in: at, check_out: null })
    .execute();
}

function group<T extends { ticket_id: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.ticket_id) ?? [];
    list.push(r);
    out.set(r.ticket_id, list);
  }
  return out;
}

export async function childrenOf(db: Db, accountId: number, ids: number[]) {
  const empty = {
    tasks: new Map<number, number[]>(),
    values: new Map<number, CustomValueRow[]>(),
    alterations: new Map<number, AlterationRow[]>(),
    interactions: new Map<number, InteractionRow[]>(),
    periods: new Map<number, PeriodRow[]>(),
  };
  if (ids.length === 0) return empty;
  const [tasks, values, alterations, interactions, periods] = await Promise.all([
    db
      .selectFrom('ticket_tasks')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('ticket_id', 'in', ids)
      .orderBy('task_id')
      .execute(),
    db
      .selectFrom('ticket_custom_values')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('ticket_id', 'in', ids)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('ticket_alterations')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('ticket_id', 'in', ids)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('ticket_interactions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('ticket_id', 'in', ids)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('ticket_status_periods')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('ticket_id', 'in', ids)
      .orderBy('id')
      .execute(),
  ]);
  const taskMap = new Map<number, number[]>();
  for (const [k, rows] of group(tasks))
    taskMap.set(
      k,
      rows.map((r) => r.task_id),
    );
  return {
    tasks: taskMap,
    values: group(values),
    alterations: group(alterations),
    interactions: group(interactions),
    periods: group(periods),
  };
}

export async function listTickets(
  db: Db,
  accountId: number,
  f: TicketListFilter,
  paging: Paging,
): Promise<{ rows: TicketRow[]; total: number }> {
  let q = db
    .selectFrom('tickets')
    .where('account_id', '=', accountId)
    .where('created_at', '>=', f.createdFrom)
    .where('created_at', '<', f.createdBefore);
  const inList = (
    col: 'id' | 'status_type' | 'responsible_user_id' | 'team_id' | 'customer_id' | 'origin' | 'creator_user_id',
    v: number[] | undefined,
  ) => {
    // Numbers no row can hold (beyond 32 bits) simply match nothing.
    const ok = v?.filter(isStorableId);
    if (ok !== undefined) q = q.where(col, 'in', ok.length ? ok : [-1]);
  };
  inList('id', f.ids);
  inList('status_type', f.statusTypes);
  inList('responsible_user_id', f.responsibleIds);
  inList('team_id', f.teamIds);
  inList('customer_id', f.customerIds);
  inList('origin', f.origins);
  inList('creator_user_id', f.creatorIds);
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

// ---- Catalogues ------------------------------------------------------------------------------

type CatalogTable = 'ticket_statuses' | 'ticket_request_types' | 'ticket_custom_fields';

export async function catalogPage<T extends CatalogTable>(db: Db, table: T, accountId: number, paging: Paging) {
  const q = db.selectFrom(table as CatalogTable).where('account_id', '=', accountId);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const offset = offsetOf(paging);
  if (total === 0 || offset >= total) return { rows: [] as Selectable<DB[T]>[], total };
  const rows = await q
    .selectAll()
    .orderBy('id', paging.order === 1 ? 'desc' : 'asc')
    .limit(paging.pageSize)
    .offset(offset)
    .execute();
  return { rows: rows as unknown as Selectable<DB[T]>[], total };
}

/** Every row of a catalogue, by id (the live service's unpaged lists). */
export async function catalogAll<T extends CatalogTable>(db: Db, table: T, accountId: number) {
  const rows = await db
    .selectFrom(table as CatalogTable)
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  return rows as unknown as Selectable<DB[T]>[];
}

export async function statusesByIds(db: Db, accountId: number, ids: number[]): Promise<Map<number, StatusRow>> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('ticket_statuses').selectAll().where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The status a ticket starts in when none is given: the first Abertura (2), else the first. */
export async function defaultStatus(db: Db, accountId: number): Promise<StatusRow | undefined> {
  const opening = await db
    .selectFrom('ticket_statuses')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status_type', '=', 2)
    .orderBy('id')
    .executeTakeFirst();
  return opening ?? db.selectFrom('ticket_statuses').selectAll().where('account_id', '=', accountId).orderBy('id').executeTakeFirst();
}

export async function insertStatus(db: Db, row: Insertable<TicketStatusesTable>): Promise<StatusRow> {
  return db.insertInto('ticket_statuses').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function requestTypesByIds(db: Db, accountId: number, ids: number[]): Promise<Map<number, RequestTypeRow>> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('ticket_request_types')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function insertRequestType(db: Db, row: Insertable<TicketRequestTypesTable>): Promise<RequestTypeRow> {
  return db.insertInto('ticket_request_types').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function fieldsByIds(db: Db, accountId: number, ids: number[]): Promise<Map<number, FieldRow>> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('ticket_custom_fields')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function requiredFields(db: Db, accountId: number): Promise<FieldRow[]> {
  return db
    .selectFrom('ticket_custom_fields')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('required', '=', 1)
    .where('removed', '=', 0)
    .orderBy('id')
    .execute();
}

export async function choicesOf(db: Db, accountId: number, fieldIds: number[]): Promise<Map<number, ChoiceRow[]>> {
  const out = new Map<number, ChoiceRow[]>();
  if (fieldIds.length === 0) return out;
  const rows = await db
    .selectFrom('ticket_custom_field_choices')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('field_id', 'in', [...new Set(fieldIds)])
    .orderBy('position')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.field_id) ?? [];
    list.push(r);
    out.set(r.field_id, list);
  }
  return out;
}

export async function maxFieldPosition(db: Db, accountId: number): Promise<number> {
  const r = await db
    .selectFrom('ticket_custom_fields')
    .select((eb) => eb.fn.max<number>('position').as('m'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

export async function insertField(db: Db, row: Insertable<TicketCustomFieldsTable>): Promise<FieldRow> {
  return db.insertInto('ticket_custom_fields').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertChoices(db: Db, rows: Insertable<TicketCustomFieldChoicesTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('ticket_custom_field_choices').values(rows).execute();
}
