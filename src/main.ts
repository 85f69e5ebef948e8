// loadConfig -> openDb -> migrate -> buildApp -> listen; graceful close on SIGINT/SIGTERM.
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { openDb } from './db/index.js';
import { migrate } from './db/migrate.js';

export async function serve(config: Config): Promise<void> {
  const store = openDb(config.databaseUrl);
  await migrate(store.db, store.dialect);
  const built = await buildApp({ config, store, dispatch: true });
  const { app, accounts } = built;
  if (config.passwordHashing === 'sandbox') {
    app.log.warn('AUVO_PASSWORD_HASHING=sandbox: user passwords are hashed at a cost fit for test data only');
  }

  if (config.apiKey && config.apiToken) {
    const { account, created } = await accounts.ensure(config.apiKey, config.apiToken);
    app.log.info({ accountId: account.id, created }, 'account for AUVO_API_KEY is ready');
  } else if ((await accounts.count()) === 0) {
    const a = await accounts.create('Campo');
    // Printed once: only a digest of the token is stored.
    process.stdout.write(
      `\nCreated account ${a.id} (${a.name}). Keep these credentials; the token is not shown again:\n` +
        `  apiKey:   ${a.apiKey}\n  apiToken: ${a.apiToken}\n\n`,
    );
  }

  if (config.demo) {
    const { defaultAccount, runDemo } = await import('./seed/run.js');
    const account = await defaultAccount(built, config);
    if (account) {
      const run = await runDemo(built, account, { seed: 1, size: 'small' });
      app.log.info(
        { accountId: account.id, seeded: run.seeded, counts: run.counts },
        run.seeded ? 'demo data written' : 'demo data already present',
      );
    }
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
}
