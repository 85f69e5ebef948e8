// npm run bench:snapshots: how long the admin API takes to save and restore a named snapshot of
// an account holding BENCH_SNAPSHOT_RECORDS records (default 10,000; customers with contacts,
// segments, keywords), through HTTP (app.inject). DATABASE_URL picks the store (default: a
// temporary SQLite file). Prints milliseconds per operation (best and median of BENCH_ROUNDS).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';

const RECORDS = Number(process.env.BENCH_SNAPSHOT_RECORDS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const KEY = 'bench-admin-key-0123456789';

const dir = mkdtempSync(join(tmpdir(), 'campo-bench-snap-'));
const config = loadConfig({
  DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dir, 'campo.db')}`,
  AUVO_RATE_LIMIT: '0',
  LOG_LEVEL: 'silent',
  AUVO_ADMIN_KEY: KEY,
  AUVO_PASSWORD_HASHING: 'sandbox',
});
const store = openDb(config.databaseUrl);
await migrate(store.db, store.dialect);
const built = await buildApp({ config, store, logger: process.env.BENCH_LOG ? { level: 'error' } : false });
const account = await built.accounts.create('Bench snapshots');
const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
  const res = await built.app.inject({
    method,
    url: `/campo/v1/admin${url}`,
    headers: { 'x-campo-admin-key': KEY },
    ...(payload ? { payload: payload as object } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.json();
};

// Build the data set as a snapshot document (the import is the same code path as a restore).
const base = (await call('GET', `/accounts/${account.id}/export`)) as { tables: Record<string, Record<string, unknown>[]> };
const now = new Date().toISOString();
const customers = Math.floor(RECORDS * 0.4);
const contacts = Math.floor(RECORDS * 0.3);
const segments = Math.floor(RECORDS * 0.1);
const keywords = RECORDS - customers - contacts - segments - 1;
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const doc = {
  ...base,
  tables: {
    ...base.tables,
    segments: range(segments).map((id) => ({ id, description: `Segment ${id}`, created_at: now, updated_at: now })),
    keywords: range(keywords).map((id) => ({ id, description: `Keyword ${id}`, created_at: now, updated_at: now })),
    customers: range(customers).map((id) => ({
      id,
      name: `Customer ${id}`,
      address: `Rua ${id}, São Paulo`,
      segment_id: (id % segments) + 1,
      created_at: now,
      updated_at: now,
    })),
    customer_contacts: range(contacts).map((id) => ({
      id,
      customer_id: (id % customers) + 1,
      name: `Contact ${id}`,
      email: `c${id}@example.com`,
      job_position: '',
      phone: '',
    })),
  },
};
await call('POST', `/accounts/${account.id}/reset`, {});
await call('POST', `/accounts/${account.id}/import`, doc);

const timed = async (fn: () => Promise<unknown>) => {
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { best: Math.round(ms[0]), median: Math.round(ms[Math.floor(ms.length / 2)]) };
};
const save = await timed(() => call('POST', `/accounts/${account.id}/snapshots`, { name: 'bench' }));
const info = (await call('GET', `/accounts/${account.id}/snapshots`)) as { result: { records: number }[] };
const restore = await timed(() => call('POST', `/accounts/${account.id}/snapshots/bench/restore`));
process.stdout.write(
  `${store.dialect}: ${info.result[0].records} records — save best ${save.best} ms, median ${save.median} ms; restore best ${restore.best} ms, median ${restore.median} ms\n`,
);
await built.app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
