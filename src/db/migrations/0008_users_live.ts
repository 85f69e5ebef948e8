import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

// Live users of an account in id order: the users list pages and counts from the index alone.
export function up(_dialect: DialectName) {
  return async (db: Kysely<any>): Promise<void> => {
    await db.schema
      .createIndex('users_live_by_id')
      .on('users')
      .columns(['account_id', 'id'])
      .where(sql.ref('deleted_at'), 'is', null)
      .execute();
  };
}
