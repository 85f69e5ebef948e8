import type { Command } from 'commander';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Bring the store (DATABASE_URL) up to date and exit; the server also does this at start')
    .action(async () => {
      const [{ loadConfig }, { openDb }, { migrate }] = await Promise.all([
        import('../config.js'),
        import('../db/index.js'),
        import('../db/migrate.js'),
      ]);
      const store = openDb(loadConfig().databaseUrl, { poolSize: 2 });
      try {
        const applied = await migrate(store.db, store.dialect);
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Already up to date.\n');
      } finally {
        await store.close();
      }
    });
}
