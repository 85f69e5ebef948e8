import { type Kysely, sql } from 'kysely';
import { bigintType, type DialectName, doubleType, identity } from '../dialect.js';

export function up(dialect: DialectName) {
  return async (db: Kysely<any>): Promise<void> => {
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('accounts')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('api_key', 'text', (c) => c.notNull().unique())
      .addColumn('api_token_hash', 'text', (c) => c.notNull())
      .addColumn('admin_user_id', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('external_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('smartphone_number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('login', 'text', (c) => c.notNull())
      .addColumn('login_key', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('culture', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('job_position', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('enterprise', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('user_type', 'integer', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('work_days_of_week', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('start_work_hour', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('end_work_hour', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('start_lunch_hour', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('end_lunch_hour', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('hour_value', doubleType(dialect), (c) => c.notNull().defaultTo(0))
      .addColumn('picture_url', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('latitude', doubleType(dialect), (c) => c.notNull().defaultTo(0))
      .addColumn('longitude', doubleType(dialect), (c) => c.notNull().defaultTo(0))
      .addColumn('open_task_in_place', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('grab_gallery_photos', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('gps_frequency', 'integer', (c) => c.notNull().defaultTo(300))
      .addColumn('check_in_manual', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('check_out_manual', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unavailable_for_tasks', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('edit_task_after_checkout', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('inform_start_travel', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('change_base_point', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('notifications', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .execute();
    // Login is unique within an account among live users (a deleted user frees its login).
    await db.schema
      .createIndex('users_login_live')
      .on('users')
      .columns(['account_id', 'login_key'])
      .unique()
      .where(sql.ref('deleted_at'), 'is', null)
      .execute();
    await db.schema.createIndex('users_account_id').on('users').columns(['account_id', 'id']).execute();
    await db.schema.createIndex('users_account_external').on('users').columns(['account_id', 'external_id']).execute();

    await db.schema
      .createTable('change_events')
      .addColumn('seq', bigintType(dialect), identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer')
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('snapshot', 'text')
      .execute();
    await db.schema.createIndex('change_events_entity').on('change_events').columns(['account_id', 'entity', 'entity_id', 'seq']).execute();
  };
}
