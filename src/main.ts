// loadConfig -> check the port -> open and migrate the store -> buildApp -> listen; graceful close on SIGINT/SIGTERM.
import { createServer } from 'node:net';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { openStore, SetupError } from './db/setup.js';

/** The one-line message for a failed bind of HOST:PORT, or undefined when it is something else. */
function listenProblem(config: Config, err: unknown): string | undefined {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  switch (code) {
    case 'EADDRINUSE':
      return `PORT ${config.port} is already in use on ${config.host}: stop the other server or set PORT to a free port`;
    case 'EACCES':
      return `PORT ${config.port} needs privileges on this machine: set PORT to 1024 or above`;
    case 'EADDRNOTAVAIL':
      return `HOST ${config.host} is not an address of this machine: use 0.0.0.0 (every interface) or one of its addresses`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `HOST ${config.host} is not a known host name: use 0.0.0.0 (every interface) or one of the machine's addresses`;
  }
  return undefined;
}

/** Binds HOST:PORT once and lets go, so a taken port stops the start before anything is created or printed. */
async function checkListen(config: Config): Promise<void> {
  if (config.port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err) => {
      const problem = listenProblem(config, err);
      reject(problem === undefined ? err : new SetupError(problem));
    });
    probe.listen({ port: config.port, host: config.host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export async function serve(config: Config): Promise<void> {
  await checkListen(config);
  const store = await openStore(config.databaseUrl, {
    waitSeconds: config.dbWaitSeconds,
    onWait: (problem) => process.stderr.write(`${problem}\n`),
  });
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
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    const problem = listenProblem(config, err);
    if (problem === undefined) throw err;
    await app.close();
    await store.close();
    throw new SetupError(problem);
  }
}
