// Runs the demo seed against the default account once: the AUVO_API_KEY account, else the
// first account. A marker in the store makes a second run a no-op.
import type { BuiltApp } from '../app.js';
import type { Config } from '../config.js';
import type { Account } from '../core/accounts.js';
import { type DemoCounts, type DemoOptions, seedDemo } from './demo.js';

export interface DemoRun {
  account: Account;
  seeded: boolean;
  counts: DemoCounts;
  /** When nothing was written: the size and seed of the run that filled the account earlier. */
  previous?: { size: string; seed: number };
}

export async function defaultAccount(built: BuiltApp, config: Config): Promise<Account | undefined> {
  const list = await built.accounts.list();
  if (config.apiKey) return list.find((a) => a.apiKey === config.apiKey);
  return list[0];
}

export async function runDemo(built: BuiltApp, account: Account, opts: DemoOptions): Promise<DemoRun> {
  const { db } = built.deps;
  const key = `demo_seed:${account.id}`;
  const done = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (done) {
    const marker = JSON.parse(done.value) as { counts?: DemoCounts; size?: string; seed?: number };
    return { account, seeded: false, counts: marker.counts ?? {}, previous: { size: marker.size ?? 'small', seed: marker.seed ?? 1 } };
  }
  const { token } = built.app.issueAccessToken(account);
  const counts = await seedDemo(
    {
      app: built.app,
      token,
      now: built.deps.clock.now(),
      timeZone: built.deps.timeZone,
      services: built.services,
      auth: { accountId: account.id, adminUserId: account.adminUserId },
    },
    opts,
  );
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify({ seed: opts.seed, size: opts.size, counts }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return { account, seeded: true, counts };
}
