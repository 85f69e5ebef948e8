// npm run bench: bounded loopback load against a real `campo serve` process, plus a baseline
// in the same run. Prints req/s, p50 and p99 per scenario and the ratio to the baseline;
// writes .bench/results.json. BENCH_SECONDS (default 8) bounds each scenario; BENCH_ONLY=ratio runs
// only the GET-by-id comparison.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { build } from '../scripts/build.mjs';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';
import type { CustomerCreate } from '../src/modules/customers/customers.schema.js';
import type { TaskCreate } from '../src/modules/tasks/tasks.schema.js';
import type { UserCreate } from '../src/modules/users/users.schema.js';
import { freePort } from '../test/helpers/process.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const creds = { apiKey: 'bench-key', apiToken: 'bench-token' };

interface Row {
  scenario: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
}

function startChild(args: string[], env: Record<string, string>, ready: (out: string) => boolean): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      if (ready(out)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${out}`)));
  });
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never became healthy`);
}

function load(title: string, opts: autocannon.Options): Promise<Row> {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration: seconds, ...opts }, (err: Error | null, r: autocannon.Result) => {
      if (err) return reject(err);
      resolve({ scenario: title, reqPerSec: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx });
    });
  });
}

/** One request template whose path (and JSON body, if any) is drawn anew for every request. */
function varying(method: 'GET' | 'POST' | 'PUT', path: () => string, body?: () => unknown): autocannon.Request[] {
  return [
    {
      method,
      setupRequest: (req: autocannon.Request) => ({ ...req, path: path(), ...(body ? { body: JSON.stringify(body()) } : {}) }),
    },
  ];
}

/** Sequential requests, reading the server's own Server-Timing: p50/p99 of time spent in the app. */
async function serverTime(title: string, base: string, headers: Record<string, string>, path: () => string): Promise<Row> {
  const times: number[] = [];
  let non2xx = 0;
  const started = Date.now();
  for (let i = 0; i < 400; i++) {
    const res = await fetch(`${base}${path()}`, { headers });
    await res.arrayBuffer();
    if (res.status >= 300) non2xx++;
    times.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN));
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 100) / 100;
  return { scenario: title, reqPerSec: Math.round(400 / ((Date.now() - started) / 1000)), p50: q(0.5), p99: q(0.99), non2xx };
}

/** A product to put on tasks (created through the API). */
async function createBenchProduct(base: string, headers: Record<string, string>): Promise<string> {
  const res = await fetch(`${base}/v2/products/`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Filtro de ar', unitaryValue: '44,50' }),
  });
  return ((await res.json()) as { result: { productId: string } }).result.productId;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'campo-bench-'));
  const dbFile = join(dir, 'campo.db');
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? `sqlite:${dbFile}`;
  const children: ChildProcess[] = [];
  try {
    // Seed through the services (one shared password: hashed once).
    process.stdout.write(`Seeding ${USERS} users into ${databaseUrl.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL'}...\n`);
    const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', AUVO_RATE_LIMIT: '0' });
    const store = openDb(databaseUrl);
    await migrate(store.db, store.dialect);
    const built = await buildApp({ config, store, logger: false });
    const { account } = await built.accounts.ensure(creds.apiKey, creds.apiToken, 'Bench');
    const auth = { accountId: account.id, adminUserId: account.adminUserId };
    const ids: number[] = [];
    for (let i = 0; i < USERS; i += 1000) {
      const batch: UserCreate[] = [];
      for (let j = i; j < Math.min(USERS, i + 1000); j++) {
        batch.push({
          name: `Técnico ${j}`,
          smartPhoneNumber: `55629${String(j).padStart(8, '0')}`,
          culture: 'pt-BR',
          jobPosition: 'Técnico',
          userType: 1,
          password: 'bench-password',
          login: `tec.${j}`,
          email: `tec.${j}@bench.example`,
          externalId: `EXT-${j}`,
        });
      }
      ids.push(...(await built.services.users.importMany(auth, batch)));
    }
    process.stdout.write(`Seeding ${CUSTOMERS} customers...\n`);
    const segments: number[] = [];
    for (const description of ['Residencial', 'Comercial', 'Industrial', 'Condomínios']) {
      segments.push((await built.services.segments.create(auth, { description })).id);
    }
    const customerIds: number[] = [];
    for (let i = 0; i < CUSTOMERS; i += 2000) {
      const batch: CustomerCreate[] = [];
      for (let j = i; j < Math.min(CUSTOMERS, i + 2000); j++) {
        batch.push({
          name: `Cliente ${j}`,
          externalId: `CLI-${j}`,
          cpfCnpj: String(10_000_000_000 + j),
          address: `Rua ${j % 300}, ${j % 1000} - Goiânia - GO`,
          latitude: -16.68 - (j % 100) / 1000,
          longitude: -49.26 - (j % 100) / 1000,
          segmentId: segments[j % segments.length],
          contacts: [{ name: `Contato ${j}`, email: `c${j}@bench.example` }],
        });
      }
      customerIds.push(...(await built.services.customers.importMany(auth, batch)));
    }
    const technicians = ids.slice(0, 100);
    if (TASKS > 0) {
      process.stdout.write(`Seeding ${TASKS.toLocaleString('en')} tasks over 2026 (no change events: a bulk load)...\n`);
      const started = Date.now();
      for (let i = 0; i < TASKS; i += 10_000) {
        const batch: TaskCreate[] = [];
        for (let j = i; j < Math.min(TASKS, i + 10_000); j++) {
          const day = new Date(Date.UTC(2026, 0, 1) + ((j * 7919) % 365) * 86_400_000 + (8 + (j % 10)) * 3_600_000);
          batch.push({
            idUserFrom: account.adminUserId,
            idUserTo: technicians[j % technicians.length],
            customerId: customerIds[j % Math.min(1000, customerIds.length)],
            taskDate: day.toISOString().slice(0, 19),
            orientation: j % 3 === 0 ? 'Manutenção preventiva' : 'Instalação de equipamento',
            priority: 1 + (j % 3),
            externalId: `OS-${j}`,
          } as TaskCreate);
        }
        await built.services.tasks.importMany(auth, batch, { recordChanges: false });
        if ((i / 10_000) % 10 === 0)
          process.stdout.write(`  ${(i + batch.length).toLocaleString('en')} tasks (${Math.round((Date.now() - started) / 1000)} s)\n`);
      }
      process.stdout.write(`  loaded in ${Math.round((Date.now() - started) / 1000)} s\n`);
      // After a bulk load, refresh the planner's statistics (what autovacuum / PRAGMA optimize do in time).
      await sql`analyze`.execute(built.deps.db);
    }
    await built.app.close();
    await store.close();

    /** A `campo serve` process (the compiled build) on the seeded store, with Node's flags as `npm start` sets them; resolves once it answers /health. */
    const startServer = async (env: Record<string, string> = {}) => {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        ['--max-semi-space-size=32', ...(process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean), 'dist/cli/index.js', 'serve'],
        {
          cwd: root,
          env: {
            ...process.env,
            DATABASE_URL: databaseUrl,
            PORT: String(port),
            HOST: '127.0.0.1',
            AUVO_RATE_LIMIT: '0',
            LOG_LEVEL: 'error',
            AUVO_API_KEY: creds.apiKey,
            AUVO_API_TOKEN: creds.apiToken,
            ...env,
          },
          stdio: ['ignore', 'inherit', 'inherit'],
        },
      );
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      await waitHealthy(`${url}/health`);
      return { url, child };
    };
    const login = async (url: string) => {
      const r = (await (await fetch(`${url}/v2/login/?apiKey=${creds.apiKey}&apiToken=${creds.apiToken}`)).json()) as {
        result: { accessToken: string };
      };
      return { authorization: `Bearer ${r.result.accessToken}`, 'content-type': 'application/json' };
    };
    const base = (await startServer()).url;
    const headers = await login(base);
    const randomId = () => ids[Math.floor(Math.random() * ids.length)];
    const rows: Row[] = [];

    // BENCH_ONLY=ratio: only the interleaved GET-by-id comparison with the baseline.
    if (process.env.BENCH_ONLY !== 'ratio') {
      rows.push(
        await load('POST /v2/login', {
          url: `${base}/v2/login/`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(creds),
        }),
      );
      rows.push(
        await load('GET /v2/users/{id}', {
          url: base,
          headers,
          requests: varying('GET', () => `/v2/users/${randomId()}`),
        }),
      );
      rows.push(
        await load(`GET /v2/users/ (page of 10 of ${USERS.toLocaleString('en')})`, {
          url: base,
          headers,
          requests: varying('GET', () => `/v2/users/?page=${1 + Math.floor(Math.random() * (ids.length / 10))}&pageSize=10`),
        }),
      );
      let n = 0;
      const postUser = (url: string, h: Record<string, string>) => ({
        url,
        headers: h,
        requests: varying(
          'POST',
          () => '/v2/users/',
          () => ({
            name: `Novo ${n}`,
            smartPhoneNumber: '5562999990000',
            culture: 'pt-BR',
            jobPosition: 'Técnico',
            userType: 1,
            password: 'p4ss',
            login: `bench.post.${process.pid}.${n++}`,
            email: 'n@bench.example',
          }),
        ),
      });
      rows.push(await load('POST /v2/users/ (argon2id, standard cost)', postUser(base, headers)));
      {
        // The same write path with AUVO_PASSWORD_HASHING=sandbox: what the store and the rules cost.
        const sandbox = await startServer({ AUVO_PASSWORD_HASHING: 'sandbox' });
        rows.push(await load('POST /v2/users/ (argon2id, sandbox cost)', postUser(sandbox.url, await login(sandbox.url))));
        sandbox.child.kill('SIGKILL');
      }
      rows.push(
        await load('PUT /v2/users/ (update by externalId, no password)', {
          url: base,
          headers,
          requests: varying(
            'PUT',
            () => '/v2/users/',
            () => ({ externalId: `EXT-${Math.floor(Math.random() * USERS)}`, jobPosition: `Cargo ${n++}` }),
          ),
        }),
      );

      rows.push(
        await load('GET /v2/customers/{id}', {
          url: base,
          headers,
          requests: varying('GET', () => `/v2/customers/${customerIds[Math.floor(Math.random() * customerIds.length)]}`),
        }),
      );
      // Pages that exist in every segment (customers are spread evenly over them), at most 100.
      const segmentPages = Math.max(1, Math.min(100, Math.floor(CUSTOMERS / segments.length / 10)));
      rows.push(
        await load(`GET /v2/customers/ (segmentId filter, page of 10 of ${CUSTOMERS.toLocaleString('en')})`, {
          url: base,
          headers,
          requests: varying(
            'GET',
            () =>
              `/v2/customers/?paramFilter=${encodeURIComponent(JSON.stringify({ segmentId: segments[Math.floor(Math.random() * segments.length)] }))}&page=${1 + Math.floor(Math.random() * segmentPages)}&pageSize=10`,
          ),
        }),
      );

      if (TASKS > 0) {
        const month = encodeURIComponent(JSON.stringify({ startDate: '2026-06-01T00:00:00', endDate: '2026-06-30T23:59:59' }));
        const withUser = () =>
          encodeURIComponent(
            JSON.stringify({
              startDate: '2026-06-01T00:00:00',
              endDate: '2026-06-30T23:59:59',
              idUserTo: technicians[Math.floor(Math.random() * technicians.length)],
              status: 0,
            }),
          );
        const taskLists: [string, () => string][] = [
          [
            'GET /v2/tasks/ (one month, page of 10)',
            () => `/v2/tasks/?paramFilter=${month}&page=${1 + Math.floor(Math.random() * 50)}&pageSize=10`,
          ],
          ['GET /v2/tasks/ (one month + idUserTo + status)', () => `/v2/tasks/?paramFilter=${withUser()}&page=1&pageSize=10`],
        ];
        for (const [title, path] of taskLists) {
          rows.push(
            await load(`${title}, ${TASKS.toLocaleString('en')} tasks`, {
              url: base,
              headers,
              connections: 4,
              requests: varying('GET', path),
            }),
          );
          rows.push(await serverTime(`  server time, sequential: ${title}`, base, headers, path));
        }
        const taskIds = await (async () => {
          const r = (await (await fetch(`${base}/v2/tasks/?paramFilter=${month}&pageSize=100`, { headers })).json()) as {
            result: { entityList: { taskID: number }[] };
          };
          return r.result.entityList.map((x) => x.taskID);
        })();
        const pickTask = () => taskIds[Math.floor(Math.random() * taskIds.length)];
        rows.push(
          await load('GET /v2/tasks/{id}', {
            url: base,
            headers,
            requests: varying('GET', () => `/v2/tasks/${pickTask()}`),
          }),
        );
        rows.push(
          await load('POST /v2/tasks/', {
            url: base,
            headers,
            requests: varying(
              'POST',
              () => '/v2/tasks/',
              () => ({
                idUserFrom: account.adminUserId,
                idUserTo: technicians[0],
                customerId: customerIds[0],
                taskDate: '2026-06-15T10:00:00',
                orientation: 'Bench',
                priority: 2,
              }),
            ),
          }),
        );
        const productGuid = (await createBenchProduct(base, headers)) as string;
        rows.push(
          await load('PUT /v2/tasks/{id}/products', {
            url: base,
            headers,
            requests: varying(
              'PUT',
              () => `/v2/tasks/${pickTask()}/products`,
              () => ({ taskProducts: [{ ProductId: productGuid, Quantity: '2', Value: '44,50' }] }),
            ),
          }),
        );
      }
    }

    // The ratio is measured in alternating short rounds, so both sides see the same machine load.
    let ratio: number | undefined;
    if (databaseUrl.startsWith('sqlite')) {
      const bport = await freePort();
      children.push(
        await startChild(['bench/baseline.ts'], { BASELINE_DB: dbFile, PORT: String(bport), BASELINE_ACCOUNT: String(account.id) }, (o) =>
          o.includes('ready'),
        ),
      );
      const campo = { url: base, headers, requests: varying('GET', () => `/v2/users/${randomId()}`) };
      const bare = { url: `http://127.0.0.1:${bport}`, requests: varying('GET', () => `/users/${randomId()}`) };
      const campoRounds: Row[] = [];
      const baseRounds: Row[] = [];
      const round = Math.max(2, Math.round(seconds / 2));
      // Both sides are warmed up first (JIT, caches), so the rounds compare steady states.
      await load('warm-up', { ...campo, duration: 2 });
      await load('warm-up', { ...bare, duration: 2 });
      for (let i = 0; i < 3; i++) {
        campoRounds.push(await load('GET /v2/users/{id}', { ...campo, duration: round }));
        baseRounds.push(await load('baseline: bare Fastify + prepared statement, GET by id', { ...bare, duration: round }));
      }
      const median = (rs: Row[]) => [...rs].sort((x, y) => x.reqPerSec - y.reqPerSec)[1];
      rows.push({ ...median(campoRounds), scenario: 'GET /v2/users/{id} (interleaved with the baseline, median of 3)' });
      rows.push({ ...median(baseRounds), scenario: 'baseline: bare Fastify + prepared statement (median of 3)' });
      ratio = campoRounds.reduce((n, r) => n + r.reqPerSec, 0) / baseRounds.reduce((n, r) => n + r.reqPerSec, 0);
    }

    const pad = (s: string, w: number) => s.padEnd(w);
    process.stdout.write(`\n${pad('scenario', 58)} ${pad('req/s', 8)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} non-2xx\n`);
    for (const r of rows)
      process.stdout.write(
        `${pad(r.scenario, 58)} ${pad(String(r.reqPerSec), 8)} ${pad(String(r.p50), 7)} ${pad(String(r.p99), 7)} ${r.non2xx}\n`,
      );
    if (ratio !== undefined) process.stdout.write(`\nGET-by-id vs baseline: ${ratio.toFixed(2)} (target >= 0.70)\n`);
    mkdirSync(join(root, '.bench'), { recursive: true });
    writeFileSync(
      join(root, '.bench', 'results.json'),
      `${JSON.stringify({ at: new Date().toISOString(), seconds, connections, users: USERS, rows, getByIdRatio: ratio }, null, 2)}\n`,
    );
  } finally {
    // SIGTERM first, so a server started with BENCH_SERVER_FLAGS="--cpu-prof" writes its profile.
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const force = setTimeout(() => c.kill('SIGKILL'), 5000);
            c.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

// The server runs the compiled build, as `npm start` does.
if (build({ ifStale: true }) !== 0) process.exit(1);
await main();
