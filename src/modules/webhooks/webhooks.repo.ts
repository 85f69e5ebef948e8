// Webhook registrations, the delivery outbox and the attempt journal. Every query that serves
// a request is scoped by account; the dispatcher's claim works across accounts.
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { type DialectName, insertRows, lockForClaim, updateRows } from '../../db/dialect.js';
import { prepared } from '../../db/prepared.js';
import type { DB, WebhookAttemptsTable, WebhookDeliveriesTable, WebhooksTable } from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type NewDeliveryRow = Insertable<WebhookDeliveriesTable>;
export type AttemptRow = Selectable<WebhookAttemptsTable>;
export type NewAttemptRow = Insertable<WebhookAttemptsTable>;
type Db = Kysely<DB> | Transaction<DB>;

/** Delivery ids are 64-bit on PostgreSQL; anything outside a safe integer cannot exist. */
const isDeliveryId = (id: number) => Number.isSafeInteger(id) && id > 0;

export async function findWebhookById(db: Db, accountId: number, id: number): Promise<WebhookRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('webhooks').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function findActiveDuplicate(
  db: Db,
  accountId: number,
  entityKey: string,
  action: string,
  urlKey: string,
): Promise<WebhookRow | undefined> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('entity_key', '=', entityKey)
    .where('action', '=', action)
    .where('url_key', '=', urlKey)
    .where('active', '=', 1)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertWebhook(db: Db, row: Insertable<WebhooksTable>): Promise<WebhookRow> {
  return db.insertInto('webhooks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function markWebhookDeleted(db: Db, accountId: number, id: number, at: string): Promise<number> {
  const r = await db
    .updateTable('webhooks')
    .set({ active: 0, deleted_at: at })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Pending deliveries of a deleted webhook are never sent. */
export async function cancelPendingDeliveries(db: Db, accountId: number, webhookId: number, at: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: 'cancelled',
      next_attempt_at: null,
      lease_until: null,
      lease_owner: null,
      updated_at: at,
      last_error: 'webhook deleted',
    })
    .where('account_id', '=', accountId)
    .where('webhook_id', '=', webhookId)
    .where('status', '=', 'pending')
    .execute();
}

/** Deliveries still waiting to be sent, over every account (the queue depth operators watch). */
export async function countPendingDeliveries(db: Db): Promise<number> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface WebhookListFilter {
  id?: number;
  userId?: number;
  entityKey?: string;
  action?: string;
  active?: boolean;
}

export async function listWebhooks(
  db: Db,
  accountId: number,
  f: WebhookListFilter,
  paging: Paging,
): Promise<{ rows: WebhookRow[]; total: number }> {
  let q = db.selectFrom('webhooks').where('account_id', '=', accountId);
  if (f.id !== undefined) q = q.where('id', '=', isStorableId(f.id) ? f.id : 0);
  if (f.userId !== undefined) q = q.where('user_id', '=', isStorableId(f.userId) || f.userId === 0 ? f.userId : -1);
  if (f.entityKey !== undefined) q = q.where('entity_key', '=', f.entityKey);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
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

// Every write asks this (most often to learn there is no hook): built once.
const hooksFor = prepared((db: Db, accountId: number, entityKey: string, action: string, userId: number) =>
  db
    .selectFrom('webhooks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('entity_key', '=', entityKey)
    .where('action', '=', action)
    .where('active', '=', 1)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('user_id', '=', 0), eb('user_id', '=', userId)]))
    .orderBy('id'),
);

/** Active registrations an event matches (entity, action, and the userId filter of D12a). */
export async function matchingWebhooks(
  db: Db,
  accountId: number,
  entityKey: string,
  action: string,
  userId: number | null,
): Promise<WebhookRow[]> {
  // A hook for every user (user_id 0) or for this one; without a user, 0 matches the first alone.
  return hooksFor.all(db, accountId, entityKey, action, userId ?? 0);
}

export async function accountAdminId(db: Db, accountId: number): Promise<number> {
  const row = await db.selectFrom('accounts').select('admin_user_id').where('id', '=', accountId).executeTakeFirst();
  return row?.admin_user_id ?? 0;
}

export async function insertDeliveries(db: Db, rows: NewDeliveryRow[]): Promise<DeliveryRow[]> {
  if (rows.length === 0) return [];
  return db.insertInto('webhook_deliveries').values(rows).returningAll().execute();
}

export async function findDeliveryById(db: Db, accountId: number, id: number): Promise<DeliveryRow | undefined> {
  if (!isDeliveryId(id)) return undefined;
  return db.selectFrom('webhook_deliveries').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export interface DeliveryListFilter {
  webhookId?: number;
  entity?: string;
  entityId?: string;
  status?: string;
  from?: string;
  to?: string;
}

export async function listDeliveries(
  db: Db,
  accountId: number,
  f: DeliveryListFilter,
  paging: Paging,
): Promise<{ rows: DeliveryRow[]; total: number }> {
  let q = db.selectFrom('webhook_deliveries').where('account_id', '=', accountId);
  if (f.webhookId !== undefined) q = q.where('webhook_id', '=', isStorableId(f.webhookId) ? f.webhookId : 0);
  if (f.entity !== undefined) q = q.where('entity_key', '=', f.entity);
  if (f.entityId !== undefined) q = q.where('entity_id', '=', f.entityId);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('created_at', '<=', f.to);
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

export async function listAttempts(db: Db, accountId: number, deliveryId: number): Promise<AttemptRow[]> {
  return db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('delivery_id', '=', deliveryId)
    .orderBy('attempt_no')
    .execute();
}

export async function webhookUrls(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('webhooks')
    .select(['id', 'url'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.url]));
}

// ---- Dispatcher ---------------------------------------------------------------------------

/**
 * Leases up to `limit` due deliveries to `owner` until `leaseUntil`, in one statement. Only the
 * oldest pending delivery of each (target URL, entity, entity id) chain is eligible, so events of
 * one entity reach a receiver in commit order, even through the three webhooks (one per action)
 * that a registration without `action` creates. On PostgreSQL the candidate rows are locked with SKIP LOCKED, so
 * concurrent nodes take disjoint sets; an expired lease (a node died mid-attempt) is taken over, and
 * `owner`'s own leases at once (left by an earlier run of the same node, killed mid-attempt).
 */
export async function claimDueDeliveries(
  db: Kysely<DB>,
  dialect: DialectName,
  owner: string,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<DeliveryRow[]> {
  // A materialized CTE: PostgreSQL may otherwise re-run a LIMIT ... SKIP LOCKED subquery of an
  // UPDATE and claim more rows than asked for.
  return db
    .with(
      (cte) => cte('claim').materialized(),
      (qc) =>
        lockForClaim(
          dialect,
          qc
            .selectFrom('webhook_deliveries as d')
            .select('d.id')
            .where('d.status', '=', 'pending')
            .where('d.next_attempt_at', '<=', now)
            .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', now), eb('d.lease_owner', '=', owner)]))
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('webhook_deliveries as e')
                    .select('e.id')
                    .whereRef('e.target_key', '=', 'd.target_key')
                    .whereRef('e.entity_key', '=', 'd.entity_key')
                    .whereRef('e.entity_id', '=', 'd.entity_id')
                    .where('e.status', '=', 'pending')
                    .whereRef('e.id', '<', 'd.id'),
                ),
              ),
            )
            .orderBy('d.next_attempt_at')
            .orderBy('d.id')
            .limit(limit),
        ),
    )
    .updateTable('webhook_deliveries')
    .set({ lease_owner: owner, lease_until: leaseUntil, updated_at: now })
    .where('id', 'in', (eb) => eb.selectFrom('claim').select('claim.id'))
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now), eb('lease_owner', '=', owner)]))
    .returningAll()
    .execute();
}

export interface AttemptOutcome {
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: string | null;
  at: string;
  responseStatus: number | null;
  error: string | null;
}

/** An attempt made under a lease: the delivery's new state and the journal entry. */
export interface FinishedAttempt {
  deliveryId: number;
  outcome: AttemptOutcome;
  attempt: NewAttemptRow;
}

/** The delivery columns an outcome sets (the lease is given back). */
function deliveryUpdate(deliveryId: number, o: AttemptOutcome) {
  return {
    id: deliveryId,
    status: o.status,
    attempts: o.attempts,
    next_attempt_at: o.nextAttemptAt,
    lease_owner: null,
    lease_until: null,
    updated_at: o.at,
    last_status: o.responseStatus,
    last_error: o.error,
    delivered_at: o.status === 'delivered' ? o.at : null,
  };
}

/**
 * Records the results of attempts made under `owner`'s lease, all in one transaction (one write
 * for a whole round, rather than one per attempt queueing behind the requests' writes). Answers
 * the ids whose lease was still held; a delivery whose lease was lost keeps its journal entry
 * and is left to the node that took it over.
 */
export async function finishAttempts(
  db: Kysely<DB>,
  dialect: DialectName,
  owner: string,
  finished: FinishedAttempt[],
): Promise<Set<number>> {
  if (finished.length === 0) return new Set();
  return db.transaction().execute(async (trx) => {
    await insertRows(
      trx,
      dialect,
      'webhook_attempts',
      finished.map((f) => f.attempt),
    );
    const updated = await updateRows(
      trx,
      dialect,
      'webhook_deliveries',
      'id',
      finished.map((f) => deliveryUpdate(f.deliveryId, f.outcome)),
      { lease_owner: owner, status: 'pending' },
    );
    return new Set(updated.map(Number));
  });
}

/** Records the result of one attempt made under `owner`'s lease; false when the lease was lost. */
export async function finishAttempt(db: Kysely<DB>, owner: string, f: FinishedAttempt): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('webhook_attempts').values(f.attempt).execute();
    const { id, ...set } = deliveryUpdate(f.deliveryId, f.outcome);
    const r = await trx
      .updateTable('webhook_deliveries')
      .set(set)
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  });
}

/** Dead-letters a claimed delivery that cannot be attempted at all. */
export async function markDeliveryDead(db: Kysely<DB>, deliveryId: number, owner: string, at: string, error: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'dead', next_attempt_at: null, lease_owner: null, lease_until: null, updated_at: at, last_error: error })
    .where('id', '=', deliveryId)
    .where('lease_owner', '=', owner)
    .execute();
}
