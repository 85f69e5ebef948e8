import type { Command } from 'commander';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Bring the store (DATABASE_URL) up to date and exit; the server also does this at start')
    .action(async () => {
      const { openMigratedStore } = await import('./store.js');
      const store = await openMigratedStore();
      try {
        process.stdout.write(store.applied.length ? `Applied: ${store.applied.join(', ')}\n` : 'Already up to date.\n');
      } finally {
        await store.close();
      }
    });
}
