import { type Kysely, sql } from 'kysely';
import { bigintType, type DialectName, identity } from '../dialect.js';

// Webhook registrations, the delivery outbox (written in the same transaction as each change)
// and the journal of every attempt.
export function up(dialect: DialectName) {
  return async (db: Kysely<any>): Promise<void> => {
    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_key', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('url_key', 'text', (c) => c.notNull())
      .addColumn('auth_header', 'text')
      .addColumn('secret', 'text')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .execute();
    await db.schema.createIndex('webhooks_match').on('webhooks').columns(['account_id', 'entity_key', 'action', 'active']).execute();
    // One active registration per (entity, action, URL): D12 answers a repeat with the existing one.
    await db.schema
      .createIndex('webhooks_active_unique')
      .on('webhooks')
      .columns(['account_id', 'entity_key', 'action', 'url_key'])
      .unique()
      .where(sql<boolean>`active = 1 and deleted_at is null`)
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', bigintType(dialect), identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id'))
      .addColumn('target_key', 'text', (c) => c.notNull())
      .addColumn('event_seq', bigintType(dialect), (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_key', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('lease_owner', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .addColumn('last_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('replay_of', bigintType(dialect))
      .execute();
    await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
    // The per-entity order check: the oldest pending delivery of a (target URL, entity, id) chain.
    await db.schema
      .createIndex('webhook_deliveries_chain')
      .on('webhook_deliveries')
      .columns(['target_key', 'entity_key', 'entity_id', 'status', 'id'])
      .execute();
    await db.schema.createIndex('webhook_deliveries_account').on('webhook_deliveries').columns(['account_id', 'id']).execute();

    await db.schema
      .createTable('webhook_attempts')
      .addColumn('id', bigintType(dialect), identity(dialect))
      .addColumn('delivery_id', bigintType(dialect), (c) => c.notNull().references('webhook_deliveries.id'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('attempt_no', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('request_headers', 'text', (c) => c.notNull())
      .addColumn('response_status', 'integer')
      .addColumn('response_body', 'text')
      .addColumn('error', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'attempt_no']).execute();
  };
}
