// `campo admin ...`: the admin API of a running server, from the command line. Every command is
// one HTTP call to /campo/v1/admin/ with the X-Campo-Admin-Key header; answers print as JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';

interface Target {
  url: string;
  key: string;
}

function target(cmd: Command): Target {
  const o = cmd.optsWithGlobals() as { url?: string; key?: string };
  const key = o.key ?? process.env.AUVO_ADMIN_KEY;
  if (!key) {
    process.stderr.write('campo admin: give --key or set AUVO_ADMIN_KEY (the server must run with the same key)\n');
    process.exit(2);
  }
  const url = (o.url ?? process.env.CAMPO_URL ?? `http://localhost:${process.env.PORT ?? '8080'}`).replace(/\/+$/, '');
  return { url, key };
}

/** One admin call; prints the answer (the `result`, or the raw body) and sets the exit code. */
async function call(cmd: Command, method: string, path: string, body?: unknown, out?: string): Promise<void> {
  const { url, key } = target(cmd);
  let res: Response;
  try {
    res = await fetch(`${url}/campo/v1/admin${path}`, {
      method,
      headers: { 'x-campo-admin-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    process.stderr.write(`campo admin: cannot reach ${url}: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const text = await res.text();
  if (!res.ok) {
    const why =
      res.status === 401
        ? ' (wrong admin key)'
        : res.status === 404 && text === ''
          ? ' (not found, or the admin API is off: AUVO_ADMIN_KEY)'
          : '';
    process.stderr.write(`campo admin: HTTP ${res.status}${why}${text ? `\n${text}` : ''}\n`);
    process.exitCode = 1;
    return;
  }
  if (text === '') return;
  const parsed = JSON.parse(text) as { result?: unknown };
  const value = parsed !== null && typeof parsed === 'object' && 'result' in parsed ? parsed.result : parsed;
  const printed = `${JSON.stringify(value, null, 2)}\n`;
  if (out) writeFileSync(out, printed);
  else process.stdout.write(printed);
}

const num = (raw: string) => {
  if (!/^\d+$/.test(raw)) {
    process.stderr.write(`campo admin: '${raw}' is not a number\n`);
    process.exit(2);
  }
  return raw;
};

export function registerAdminCommands(program: Command): void {
  const admin = program
    .command('admin')
    .description('Drive a running server through its admin API (accounts, reset, clock, journal, faults, snapshots)')
    .option('--url <url>', 'server base URL (default $CAMPO_URL or http://localhost:$PORT)')
    .option('--key <key>', 'admin key (default $AUVO_ADMIN_KEY)');

  const accounts = admin.command('accounts').description('Accounts and their credentials');
  accounts.command('list').action(async (_o, cmd: Command) => call(cmd, 'GET', '/accounts'));
  accounts
    .command('create')
    .requiredOption('--name <name>')
    .option('--api-key <key>')
    .option('--api-token <token>')
    .action(async (o: { name: string; apiKey?: string; apiToken?: string }, cmd: Command) =>
      call(cmd, 'POST', '/accounts', { name: o.name, apiKey: o.apiKey, apiToken: o.apiToken }),
    );
  accounts.command('delete <id>').action(async (id: string, _o, cmd: Command) => call(cmd, 'DELETE', `/accounts/${num(id)}`));
  accounts
    .command('rotate <id>')
    .description('Issue a new apiToken (printed once)')
    .option('--api-token <token>', 'the token to set (default: random)')
    .action(async (id: string, o: { apiToken?: string }, cmd: Command) =>
      call(cmd, 'POST', `/accounts/${num(id)}/rotate`, { apiToken: o.apiToken }),
    );

  admin
    .command('reset [accountId]')
    .description('Empty one account (or every account with --all) to its state at creation')
    .option('--all', 'every account')
    .option('--demo', 'then write the demo data set')
    .option('--seed <n>', 'demo seed', '1')
    .action(async (id: string | undefined, o: { all?: boolean; demo?: boolean; seed: string }, cmd: Command) => {
      const body = { demo: o.demo === true, seed: Number(num(o.seed)) };
      if (o.all) return call(cmd, 'POST', '/reset', body);
      if (id === undefined) {
        process.stderr.write('campo admin reset: give an account id or --all\n');
        process.exitCode = 2;
        return;
      }
      return call(cmd, 'POST', `/accounts/${num(id)}/reset`, body);
    });

  const clock = admin.command('clock').description('The server clock (token expiry, dates, task windows, webhook retries, rate limit)');
  clock.command('get').action(async (_o, cmd: Command) => call(cmd, 'GET', '/clock'));
  clock
    .command('set <instant>')
    .description('Move forward to an ISO-8601 instant')
    .action(async (at: string, _o, cmd: Command) => call(cmd, 'PUT', '/clock', { at }));
  clock
    .command('freeze [instant]')
    .description('Stop the clock (now, or at a later instant)')
    .action(async (at: string | undefined, _o, cmd: Command) => call(cmd, 'POST', '/clock/freeze', at === undefined ? {} : { at }));
  clock.command('resume').action(async (_o, cmd: Command) => call(cmd, 'POST', '/clock/resume'));
  clock
    .command('advance <duration>')
    .description('Move forward by a duration such as 31m, 2h or 7d')
    .action(async (by: string, _o, cmd: Command) => call(cmd, 'POST', '/clock/advance', { by }));
  clock
    .command('system')
    .description('Return to the system clock')
    .action(async (_o, cmd: Command) => call(cmd, 'DELETE', '/clock'));

  const journal = admin.command('journal').description("An account's recent requests (AUVO_REQUEST_JOURNAL)");
  journal
    .command('list <accountId>')
    .option('--path <pattern>')
    .option('--method <method>')
    .option('--status <code>')
    .option('--from <instant>')
    .option('--to <instant>')
    .option('--limit <n>')
    .action(async (id: string, o: Record<string, string | undefined>, cmd: Command) => {
      const q = new URLSearchParams(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const qs = q.toString();
      return call(cmd, 'GET', `/accounts/${num(id)}/journal${qs ? `?${qs}` : ''}`);
    });
  journal.command('clear <accountId>').action(async (id: string, _o, cmd: Command) => call(cmd, 'DELETE', `/accounts/${num(id)}/journal`));

  const faults = admin.command('faults').description('Fault rules (per node)');
  faults.command('list').action(async (_o, cmd: Command) => call(cmd, 'GET', '/faults'));
  faults
    .command('add <rule>')
    .description('Add a rule given as JSON, e.g. \'{"action":"status","path":"/v2/tasks*","status":503,"count":2}\'')
    .action(async (rule: string, _o, cmd: Command) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(rule);
      } catch {
        process.stderr.write('campo admin faults add: the rule must be JSON\n');
        process.exitCode = 2;
        return;
      }
      return call(cmd, 'POST', '/faults', parsed);
    });
  faults.command('remove <id>').action(async (id: string, _o, cmd: Command) => call(cmd, 'DELETE', `/faults/${num(id)}`));
  faults
    .command('clear')
    .option('--account <id>', "only this account's rules")
    .action(async (o: { account?: string }, cmd: Command) =>
      call(cmd, 'DELETE', `/faults${o.account ? `?accountId=${num(o.account)}` : ''}`),
    );

  admin
    .command('export <accountId>')
    .description('Write the account as a snapshot document (JSON)')
    .option('--out <file>', 'file to write (default: standard output)')
    .action(async (id: string, o: { out?: string }, cmd: Command) => call(cmd, 'GET', `/accounts/${num(id)}/export`, undefined, o.out));
  admin
    .command('import <accountId> <file>')
    .description('Load a snapshot document into a new or emptied account')
    .action(async (id: string, file: string, _o, cmd: Command) =>
      call(cmd, 'POST', `/accounts/${num(id)}/import`, JSON.parse(readFileSync(file, 'utf8'))),
    );

  const snapshots = admin.command('snapshots').description('Named snapshots kept in the store');
  snapshots.command('list <accountId>').action(async (id: string, _o, cmd: Command) => call(cmd, 'GET', `/accounts/${num(id)}/snapshots`));
  snapshots
    .command('save <accountId> <name>')
    .action(async (id: string, name: string, _o, cmd: Command) => call(cmd, 'POST', `/accounts/${num(id)}/snapshots`, { name }));
  snapshots
    .command('restore <accountId> <name>')
    .action(async (id: string, name: string, _o, cmd: Command) =>
      call(cmd, 'POST', `/accounts/${num(id)}/snapshots/${encodeURIComponent(name)}/restore`),
    );
  snapshots
    .command('delete <accountId> <name>')
    .action(async (id: string, name: string, _o, cmd: Command) =>
      call(cmd, 'DELETE', `/accounts/${num(id)}/snapshots/${encodeURIComponent(name)}`),
    );
}
