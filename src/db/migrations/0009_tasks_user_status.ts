import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// A technician's tasks of a window by status (the app's "my open tasks of the month"): the list
// counts and pages them from the index alone. It starts with the columns of tasks_user_window,
// which it replaces.
export function up(_dialect: DialectName) {
  return async (db: Kysely<any>): Promise<void> => {
    await db.schema
      .createIndex('tasks_user_status_window')
      .on('tasks')
      .columns(['account_id', 'deleted', 'user_to_id', 'task_date', 'status'])
      .execute();
    await db.schema.dropIndex('tasks_user_window').execute();
  };
}
