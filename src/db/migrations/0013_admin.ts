import type { Kysely } from 'kysely';
import { type DialectName, identity } from '../dialect.js';

// Named in-store snapshots of an account (admin API): the documented export format, kept as text.
export function up(dialect: DialectName) {
  return async (db: Kysely<any>): Promise<void> => {
    await db.schema
      .createTable('admin_snapshots')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('records', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('admin_snapshots_name').on('admin_snapshots').columns(['account_id', 'name']).unique().execute();
  };
}
