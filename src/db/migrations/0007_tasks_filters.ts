// Tasks (issue 5): indexes for the list's status filters "finished automatically/manually"
// (finish_mode) and "with pendency" (a partial index: only tasks that have one).
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

export function up(_dialect: DialectName) {
  return async (db: Kysely<any>): Promise<void> => {
    await db.schema.createIndex('tasks_finish_window').on('tasks').columns(['account_id', 'deleted', 'finish_mode', 'task_date']).execute();
    await db.schema
      .createIndex('tasks_pendency_window')
      .on('tasks')
      .columns(['account_id', 'deleted', 'task_date'])
      .where(sql.ref('pendency'), '<>', '')
      .execute();
  };
}
