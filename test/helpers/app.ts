// buildTestApp: a fresh store per test file (a temporary SQLite file, or a throwaway
// PostgreSQL database when TEST_STORE=postgres), the app on it, and an account to log into.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type BuiltApp, buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { NewAccount } from '../../src/core/accounts.js';
import { type Clock, ManualClock } from '../../src/core/clock.js';
import { openDb, type Store } from '../../src/db/index.js';
import { migrate } from '../../src/db/migrate.js';

export type TestStoreKind = 'sqlite' | 'postgres';

export const storeKind: TestStoreKind = process.env.TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
export const adminPgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database URL of a new, empty store of the kind under test, and how to throw it away. */
export async function createScratchStore(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (storeKind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'campo-test-'));
    return { url: `sqlite:${join(dir, 'campo.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `campo_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminPgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminPgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminPgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestApp extends BuiltApp {
  store: Store;
  url: string;
  clock: ManualClock;
  config: Config;
  /** The account every test starts with (its admin is `account.adminUserId`). */
  account: NewAccount;
  /** A bearer token for `account` (or for the given one). */
  login(account?: NewAccount): Promise<string>;
  /** app.inject with the default account's token and a JSON body when `payload` is set. */
  request(opts: InjectOptions & { token?: string | null }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
  /** Removes the scratch store only (when the app and store were closed some other way). */
  scratchDrop(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: ManualClock;
  /** Reuse an existing store (restart tests). */
  url?: string;
  /** Fastify logger options (default: no logging). */
  logger?: Record<string, unknown>;
}

export async function buildTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const scratch = opts.url ? { url: opts.url, drop: async () => {} } : await createScratchStore();
  const config = loadConfig({ DATABASE_URL: scratch.url, AUVO_RATE_LIMIT: '0', LOG_LEVEL: 'silent', ...opts.env });
  const store = openDb(config.databaseUrl);
  await migrate(store.db, store.dialect);
  const clock = opts.clock ?? new ManualClock(new Date());
  const built = await buildApp({ config, store, clock: clock as Clock, logger: opts.logger ?? false });
  const account = await built.accounts.create('Test Company');
  const tokens = new Map<number, string>();

  const login = async (acc: NewAccount = account) => {
    const res = await built.app.inject({ method: 'POST', url: '/v2/login/', payload: { apiKey: acc.apiKey, apiToken: acc.apiToken } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const token = res.json().result.accessToken as string;
    tokens.set(acc.id, token);
    return token;
  };

  const request = async (o: InjectOptions & { token?: string | null }) => {
    const { token, ...rest } = o;
    const bearer = token === null ? undefined : (token ?? tokens.get(account.id) ?? (await login()));
    const headers: Record<string, string> = { ...(rest.headers as Record<string, string>) };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    return built.app.inject({ ...rest, headers });
  };

  return {
    ...built,
    store,
    url: scratch.url,
    clock,
    config,
    account,
    login,
    request,
    close: async () => {
      await built.app.close();
      await store.close();
      await scratch.drop();
    },
    scratchDrop: () => scratch.drop(),
  };
}

/** A minimal valid POST /v2/users/ body; `over` replaces or adds attributes. */
export function userBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  const n = randomBytes(4).toString('hex');
  return {
    name: `User ${n}`,
    smartPhoneNumber: '5562999990000',
    culture: 'pt-BR',
    jobPosition: 'Técnico',
    userType: 1,
    password: 'segredo123',
    login: `user.${n}`,
    email: `user.${n}@example.com`,
    ...over,
  };
}
