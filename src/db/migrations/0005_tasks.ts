// Tasks (issue 5): work orders, their billing lines and keywords, plus what the field
// simulator records (GPS positions, satisfaction-survey answers).
import type { Kysely } from 'kysely';
import { type DialectName, doubleType, identity } from '../dialect.js';

export function up(dialect: DialectName) {
  return async (db: Kysely<any>): Promise<void> => {
    const dbl = doubleType(dialect);
    const index = async (name: string, table: string, cols: string[]) => {
      await db.schema.createIndex(name).on(table).columns(cols).execute();
    };

    await db.schema
      .createTable('tasks')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('guid', 'text', (c) => c.notNull().unique())
      .addColumn('url_key', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('task_type_id', 'integer')
      .addColumn('user_from_id', 'integer', (c) => c.notNull())
      .addColumn('user_to_id', 'integer')
      .addColumn('team_id', 'integer')
      .addColumn('customer_id', 'integer')
      .addColumn('questionnaire_id', 'integer')
      .addColumn('task_date', 'text', (c) => c.notNull())
      .addColumn('latitude', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('longitude', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('orientation', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('checkin_type', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('equipment_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('send_survey', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('financial_category', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('discount_type', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('discount_value', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('delivered_at', 'text')
      .addColumn('visualized_at', 'text')
      .addColumn('travel_started_at', 'text')
      .addColumn('check_in_at', 'text')
      .addColumn('check_in_distance', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('check_out_at', 'text')
      .addColumn('check_out_distance', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('paused_at', 'text')
      .addColumn('paused_ms', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('finished', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('finish_mode', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('finished_at', 'text')
      .addColumn('report', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('pendency', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('inputed_km', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('adopted_km', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('signature_url', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('signature_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('signature_document', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('answers', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('expense', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .execute();
    // The list is always a task-date window of one account (live or deleted), ordered by id.
    await index('tasks_window', 'tasks', ['account_id', 'deleted', 'task_date', 'id']);
    await index('tasks_user_window', 'tasks', ['account_id', 'deleted', 'user_to_id', 'task_date']);
    await index('tasks_status_window', 'tasks', ['account_id', 'deleted', 'status', 'task_date']);
    await index('tasks_customer', 'tasks', ['account_id', 'customer_id']);
    await index('tasks_external_id', 'tasks', ['account_id', 'external_id']);
    await index('tasks_updated', 'tasks', ['account_id', 'updated_at']);

    await db.schema
      .createTable('task_keywords')
      .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
      .addColumn('keyword_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('task_keywords_pk', ['task_id', 'keyword_id'])
      .execute();
    await index('task_keywords_keyword', 'task_keywords', ['keyword_id', 'task_id']);

    await db.schema
      .createTable('task_lines')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
      // product, service or cost
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('item_guid', 'text', (c) => c.notNull())
      .addColumn('quantity', dbl, (c) => c.notNull())
      .addColumn('unitary_value', dbl, (c) => c.notNull())
      .addColumn('discount_type', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('discount_value', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('task_lines_item', ['task_id', 'kind', 'item_guid'])
      .execute();

    await db.schema
      .createTable('gps_positions')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('position_at', 'text', (c) => c.notNull())
      .addColumn('latitude', dbl, (c) => c.notNull())
      .addColumn('longitude', dbl, (c) => c.notNull())
      .addColumn('accuracy', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('battery_level', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('network_operator', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await index('gps_positions_day', 'gps_positions', ['account_id', 'position_at']);
    await index('gps_positions_user_day', 'gps_positions', ['account_id', 'user_id', 'position_at']);

    await db.schema
      .createTable('survey_answers')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('task_id', 'integer', (c) => c.notNull())
      .addColumn('submission', 'integer', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('score', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('answered_at', 'text', (c) => c.notNull())
      .execute();
    await index('survey_answers_task', 'survey_answers', ['account_id', 'task_id']);
  };
}
