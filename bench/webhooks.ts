// npm run bench:webhooks: webhook delivery latency under sustained writes, as a deployment sees it.
// `campo serve` runs as its own process (the compiled build, with its dispatcher); this process
// writes BENCH_RATE changes a second to it over HTTP (default 1,000; new customers, at most
// BENCH_CONCURRENCY in flight on kept-alive connections) for BENCH_SECONDS (default 10), and
// receives their deliveries on loopback. Prints the rate reached and the latency from each write's
// commit (its answer) to its delivery arriving: p50, p99, max. DATABASE_URL picks the store
// (default: a temporary SQLite file).
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../scripts/build.mjs';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);

if (build({ ifStale: true }) !== 0) process.exit(1);
const { killHard, startServer } = await import('../test/helpers/process.js');

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

// The account is made on the store first; the server process then serves it.
const dir = mkdtempSync(join(tmpdir(), 'campo-bench-hooks-'));
const databaseUrl = process.env.DATABASE_URL ?? `sqlite:${join(dir, 'campo.db')}`;
const setupStore = openDb(databaseUrl);
await migrate(setupStore.db, setupStore.dialect);
const setup = await buildApp({ config: loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }), store: setupStore, logger: false });
const account = await setup.accounts.create('Bench webhooks');
await setup.app.close();
await setupStore.close();

const server = await startServer({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', AUVO_WEBHOOK_ALLOW_PRIVATE: 'true' });
const base = server.baseUrl;
const login = (await (
  await fetch(`${base}/v2/login/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey: account.apiKey, apiToken: account.apiToken }),
  })
).json()) as { result: { accessToken: string } };
const headers = { authorization: `Bearer ${login.result.accessToken}`, 'content-type': 'application/json' };
const hook = await fetch(`${base}/v2/webHooks/`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ entity: 'Customer', action: 'Inclusao', targetUrl: target }),
});
if (hook.status !== 201) throw new Error(`webhook registration: ${hook.status} ${await hook.text()}`);

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const url = new URL(`${base}/v2/customers/`);
/** POSTs one new customer; answers its status code. */
function write(name: string): Promise<number> {
  const body = JSON.stringify({ name });
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
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
      write(name)
        .then((status) => {
          if (status === 201) committed.set(name, performance.now());
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
console.log(`store: ${databaseUrl.startsWith('sqlite') ? 'sqlite' : 'postgres'}`);
console.log(
  `writes: ${committed.size} committed (${failed} failed) in ${writeSeconds.toFixed(1)} s = ${(committed.size / writeSeconds).toFixed(0)}/s (target ${RATE}/s)`,
);
console.log(`deliveries: ${delivered.size} of ${committed.size}`);
console.log(`latency commit -> delivery: p50 ${ms(pct(50))}, p99 ${ms(pct(99))}, max ${ms(latencies.at(-1) ?? 0)}`);

agent.destroy();
await killHard(server);
receiver.close();
rmSync(dir, { recursive: true, force: true });
