import type { Command } from 'commander';
import type { AccountService } from '../core/accounts.js';

// The app is imported when a command runs, so `--help` stays instant.
async function withAccounts<T>(fn: (a: AccountService) => Promise<T>): Promise<T> {
  const [{ buildApp }, { loadConfig }, { openMigratedStore }] = await Promise.all([
    import('../app.js'),
    import('../config.js'),
    import('./store.js'),
  ]);
  const store = await openMigratedStore();
  const built = await buildApp({ config: loadConfig(), store, logger: false });
  try {
    return await fn(built.accounts);
  } finally {
    await built.app.close();
    await store.close();
  }
}

export function registerAccountCommands(program: Command): void {
  const accounts = program.command('accounts').description('Manage accounts (tenants) and their API credentials');
  accounts
    .command('create')
    .description('Create an account and print its apiKey and apiToken (the token is shown only once)')
    .requiredOption('--name <name>', 'account name')
    .option('--json', 'print JSON instead of text')
    .action(async (opts: { name: string; json?: boolean }) => {
      const a = await withAccounts((svc) => svc.create(opts.name));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ id: a.id, name: a.name, apiKey: a.apiKey, apiToken: a.apiToken })}\n`);
      } else {
        process.stdout.write(`Account ${a.id} (${a.name})\napiKey:   ${a.apiKey}\napiToken: ${a.apiToken}\n`);
      }
    });
  accounts
    .command('list')
    .description('List accounts (id, name, apiKey, creation time)')
    .option('--json', 'print JSON instead of text')
    .action(async (opts: { json?: boolean }) => {
      const list = await withAccounts((svc) => svc.list());
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(list)}\n`);
        return;
      }
      if (list.length === 0) process.stdout.write('No accounts.\n');
      for (const a of list) process.stdout.write(`${a.id}\t${a.name}\t${a.apiKey}\t${a.createdAt}\n`);
    });
  accounts
    .command('rotate')
    .description('Issue a new apiToken for an account and print it (once); the old token stops logging in')
    .argument('<id>', 'account id')
    .option('--json', 'print JSON instead of text')
    .action(async (id: string, opts: { json?: boolean }) => {
      const a = /^\d+$/.test(id) ? await withAccounts((svc) => svc.rotate(Number(id))) : undefined;
      if (!a) {
        process.stderr.write(`No live account ${id}.\n`);
        process.exitCode = 1;
        return;
      }
      if (opts.json) process.stdout.write(`${JSON.stringify({ id: a.id, name: a.name, apiKey: a.apiKey, apiToken: a.apiToken })}\n`);
      else process.stdout.write(`Account ${a.id} (${a.name})\napiKey:   ${a.apiKey}\napiToken: ${a.apiToken}\n`);
    });
  accounts
    .command('remove')
    .description('Remove an account: its tokens and credentials stop working')
    .argument('<id>', 'account id')
    .action(async (id: string) => {
      const ok = await withAccounts((svc) => svc.remove(Number(id)));
      process.stdout.write(ok ? `Account ${id} removed.\n` : `No live account ${id}.\n`);
      if (!ok) process.exitCode = 1;
    });
}
