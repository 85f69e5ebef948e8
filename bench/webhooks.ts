// npm run bench:webhooks: webhook delivery latency under sustained writes. One app with its
// dispatcher running writes BENCH_RATE changes a second (default 1,000; new customers through
// app.inject, at most BENCH_CONCURRENCY in flight) for BENCH_SECONDS (default 10), each one
// delivered to a receiver on loopback. Prints the rate reached and the latency from each write's
// commit (its answer) to its delivery arriving: p50, p99, max. DATABASE_URL picks the store
// (default: a temporary SQLite file). BENCH_DEBUG=1 also prints each dispatcher round (ms, attempts).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);

const committed = new Map<string, number>();
const delivered = new Map<string, number>();
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => {
    body += d;
  });
  req.on('end', () => {
    const m = /"(bench-\d+)"/.exec(body);
    if (m && !delivered.has(m[1])) delivered.set(m[1], performance.now());
    res.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const target = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

const dir = mkdtempSync(join(tmpdir(), 'campo-bench-hooks-'));
const config = loadConfig({
  DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dir, 'campo.db')}`,
  AUVO_RATE_LIMIT: '0',
  LOG_LEVEL: 'silent',
});
const store = openDb(config.databaseUrl);
await migrate(store.db, store.dialect);
const built = await buildApp({ config, store, dispatch: true, logger: false });
const account = await built.accounts.create('Bench webhooks');
const login = await built.app.inject({
  method: 'POST',
  url: '/v2/login/',
  payload: { apiKey: account.apiKey, apiToken: account.apiToken },
});
const headers = { authorization: `Bearer ${login.json().result.accessToken}` };
const hook = await built.app.inject({
  method: 'POST',
  url: '/v2/webHooks/',
  headers,
  payload: { entity: 'Customer', action: 'Inclusao', targetUrl: target },
});
if (hook.statusCode !== 201) throw new Error(`webhook registration: ${hook.statusCode} ${hook.body}`);

if (process.env.BENCH_DEBUG) {
  const dispatcher = built.services.webhooks.dispatcher;
  const round = dispatcher.runOnce.bind(dispatcher);
  dispatcher.runOnce = async () => {
    const t0 = performance.now();
    const r = await round();
    console.log(`round at ${(t0 - started).toFixed(0)} ms: ${(performance.now() - t0).toFixed(0)} ms, ${r.attempted} attempts`);
    return r;
  };
}
// Open loop: every 10 ms, the writes due by then start (unless CONCURRENCY are in flight).
let sent = 0;
let inFlight = 0;
let failed = 0;
const started = performance.now();
const total = RATE * SECONDS;
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
    while (sent < due && inFlight < CONCURRENCY) {
      const name = `bench-${sent++}`;
      inFlight++;
      built.app
        .inject({ method: 'POST', url: '/v2/customers/', headers, payload: { name } })
        .then((r) => {
          if (r.statusCode === 201) committed.set(name, performance.now());
          else failed++;
        })
        .finally(() => {
          inFlight--;
        });
    }
    if (sent >= total || performance.now() - started > SECONDS * 1000 * 3) {
      clearInterval(tick);
      resolve();
    }
  }, 10);
});
while (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
const writeSeconds = (performance.now() - started) / 1000;
const drainDeadline = performance.now() + 60_000;
while (delivered.size < committed.size && performance.now() < drainDeadline) await new Promise((r) => setTimeout(r, 20));

const latencies = [...committed].map(([name, at]) => (delivered.get(name) ?? Number.POSITIVE_INFINITY) - at).sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
const ms = (v: number) => (Number.isFinite(v) ? `${Math.max(0, v).toFixed(1)} ms` : 'never');
console.log(`store: ${store.dialect}`);
console.log(
  `writes: ${committed.size} committed (${failed} failed) in ${writeSeconds.toFixed(1)} s = ${(committed.size / writeSeconds).toFixed(0)}/s (target ${RATE}/s)`,
);
console.log(`deliveries: ${delivered.size} of ${committed.size}`);
console.log(`latency commit -> delivery: p50 ${ms(pct(50))}, p99 ${ms(pct(99))}, max ${ms(latencies.at(-1) ?? 0)}`);

await built.app.close();
await store.close();
receiver.close();
rmSync(dir, { recursive: true, force: true });
