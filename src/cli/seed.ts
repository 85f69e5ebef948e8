import { InvalidArgumentError, type Command } from 'commander';
import type { DemoSize } from '../seed/demo.js';

function seedNumber(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a non-negative integer');
  return Number(v);
}

function positiveNumber(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100_000_000)
    throw new InvalidArgumentError('must be an integer from 1 to 100000000');
  return Number(v);
}

function accountOption(v: string): number | 'new' {
  if (v === 'new') return v;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('must be an account id or "new"');
  return Number(v);
}

function sizeOption(v: string): DemoSize {
  if (v !== 'small' && v !== 'large') throw new InvalidArgumentError('must be small or large');
  return v;
}

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Fill the default account (AUVO_API_KEY, else the first account) with data; runs once per account')
    .requiredOption('--demo', 'the demo data set: a pt-BR field-service company')
    .option('--seed <n>', 'random seed: the same seed gives the same data and ids on a fresh store', seedNumber, 1)
    .option(
      '--size <size>',
      'small (default: a coherent company, through the API), or large (small plus 1,000,000 bulk tasks, 50,000 customers and 1,700 users, for benchmarks)',
      sizeOption,
      'small' as DemoSize,
    )
    .option(
      '--account <id>',
      'the account to fill: an account id, or "new" for a new account (default: the default account)',
      accountOption,
    )
    .option('--tasks <n>', 'with --size large: how many bulk tasks (customers and users scale with it)', positiveNumber)
    .action(async (opts: { seed: number; size: DemoSize; tasks?: number; account?: number | 'new' }) => {
      if (opts.tasks !== undefined && opts.size !== 'large') {
        process.stderr.write("error: option '--tasks <n>' needs '--size large'\n");
        process.exitCode = 1;
        return;
      }
      const [{ buildApp }, { loadConfig }, { openMigratedStore }, { defaultAccount, runDemo }, { progressReporter }] = await Promise.all([
        import('../app.js'),
        import('../config.js'),
        import('./store.js'),
        import('../seed/run.js'),
        import('./progress.js'),
      ]);
      const config = loadConfig();
      const store = await openMigratedStore();
      const built = await buildApp({ config, store, logger: false });
      try {
        let account =
          opts.account === 'new'
            ? undefined
            : opts.account === undefined
              ? await defaultAccount(built, config)
              : await built.accounts.get(opts.account);
        if (!account && typeof opts.account === 'number') {
          process.stderr.write(`error: there is no account ${opts.account} (campo accounts list shows them)\n`);
          process.exitCode = 1;
          return;
        }
        if (!account) {
          const created =
            config.apiKey && config.apiToken && opts.account !== 'new'
              ? (await built.accounts.ensure(config.apiKey, config.apiToken)).account
              : await built.accounts.create('Campo Demo');
          if ('apiToken' in created)
            process.stdout.write(`Created account ${created.id}: apiKey ${created.apiKey}  apiToken ${created.apiToken}\n`);
          account = created;
        }
        const progress = progressReporter();
        const run = await runDemo(built, account, {
          seed: opts.seed,
          size: opts.size,
          largeTasks: opts.tasks,
          progress: progress.update,
        });
        progress.stop();
        if (!run.seeded && run.previous && run.previous.size !== opts.size) {
          process.stderr.write(
            `Account ${account.id} already has the ${run.previous.size} demo data (seed ${run.previous.seed}); nothing written. ` +
              `The demo is written once per account: fill a new one with campo seed --demo --size ${opts.size} --account new\n`,
          );
          process.exitCode = 1;
          return;
        }
        process.stdout.write(
          run.seeded
            ? `Demo data written to account ${account.id}: ${Object.entries(run.counts)
                .map(([k, v]) => `${v} ${k}`)
                .join(', ')}\n`
            : `Account ${account.id} already has the demo data; nothing written.\n`,
        );
      } finally {
        await built.app.close();
        await store.close();
      }
    });
}
