// The change log: every write of any entity records one event in the same transaction as the
// write. Webhook delivery and change feeds are built on it; listeners run inside that
// transaction, so whatever they write commits (or rolls back) with the change itself.
import type { Transaction } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { DB } from '../db/schema.js';
import type { Clock } from './clock.js';

export type ChangeAction = 'Inclusao' | 'Alteracao' | 'Exclusao';

export interface ChangeInput {
  accountId: number;
  /** Canonical entity name: 'User', 'Task', 'Customer', ... */
  entity: string;
  entityId: number | string;
  action: ChangeAction;
  /** The user the change was made by or for (webhook `userId` filter), when known. */
  userId?: number | null;
  /** The entity exactly as its GET returns it (its last state for a deletion). */
  snapshot?: unknown;
}

export interface ChangeEvent extends Omit<ChangeInput, 'entityId' | 'snapshot'> {
  seq: number;
  entityId: string;
  occurredAt: string;
  snapshot: unknown;
}

export type ChangeListener = (trx: Transaction<DB>, event: ChangeEvent) => Promise<void>;

// Every write runs this insert: built once.
const insertEvent = prepared(
  (
    db,
    accountId: number,
    entity: string,
    entityId: string,
    action: string,
    userId: number | null,
    occurredAt: string,
    snapshot: string | null,
  ) =>
    db
      .insertInto('change_events')
      .values({ account_id: accountId, entity, entity_id: entityId, action, user_id: userId, occurred_at: occurredAt, snapshot })
      .returning('seq'),
);

export class ChangeLog {
  private readonly listeners: ChangeListener[] = [];

  constructor(private readonly clock: Clock) {}

  /** Runs `listener` for every event, inside the writing transaction. */
  onRecord(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  async record(trx: Transaction<DB>, input: ChangeInput): Promise<ChangeEvent> {
    const occurredAt = this.clock.now().toISOString();
    const inserted = await insertEvent.first(
      trx,
      input.accountId,
      input.entity,
      String(input.entityId),
      input.action,
      input.userId ?? null,
      occurredAt,
      input.snapshot === undefined ? null : JSON.stringify(input.snapshot),
    );
    const seq = (inserted as { seq: number }).seq;
    const event: ChangeEvent = {
      seq: Number(seq),
      accountId: input.accountId,
      entity: input.entity,
      entityId: String(input.entityId),
      action: input.action,
      userId: input.userId ?? null,
      occurredAt,
      snapshot: input.snapshot ?? null,
    };
    for (const l of this.listeners) await l(trx, event);
    return event;
  }
}
