import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';

export function registerOpenApiCommand(program: Command): void {
  program
    .command('openapi')
    .description('Write the OpenAPI 3.1 document (to stdout, or to --out FILE)')
    .option('--out <file>', 'file to write')
    .action(async (opts: { out?: string }) => {
      const [{ buildApp }, { loadConfig }, { openDb }, { migrate }] = await Promise.all([
        import('../app.js'),
        import('../config.js'),
        import('../db/index.js'),
        import('../db/migrate.js'),
      ]);
      // An in-memory store: generating the document needs no data.
      const config = { ...loadConfig(), databaseUrl: 'sqlite::memory:' };
      const store = openDb(config.databaseUrl);
      await migrate(store.db, store.dialect);
      const { app } = await buildApp({ config, store, logger: false });
      const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
      await app.close();
      await store.close();
      if (opts.out) writeFileSync(opts.out, doc);
      else process.stdout.write(doc);
    });
}
