import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDb } from '../db/index.js';
import { migrate } from '../db/migrate.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Bring the store (DATABASE_URL) up to date and exit; the server also does this at start')
    .action(async () => {
      const store = openDb(loadConfig().databaseUrl, { poolSize: 2 });
      try {
        const applied = await migrate(store.db, store.dialect);
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Already up to date.\n');
      } finally {
        await store.close();
      }
    });
}
