#!/usr/bin/env node
// npm test: every test file on SQLite, then the store-backed ones again on PostgreSQL, in two
// tiers: first the in-process tests (unit tests and app.inject), then the process tier, the files
// that start `campo` as a child process (test/helpers/process.ts), fewer at a time since each one
// runs servers of its own. The process tier runs the compiled build: dist/ is built first when it
// does not match src/.
// PostgreSQL is skipped (and says so) when it cannot be reached, unless REQUIRE_PG=1.
// TEST_STORE=sqlite|postgres runs one store only; file arguments run a subset.
// TEST_CONCURRENCY (default 2) and TEST_PROCESS_CONCURRENCY (default 1): test files run at once per
// tier and store. The stores of a tier run at the same time (each test file has a store of its own,
// and most of a test's time is spent waiting on the store, a child process or a timer); the first
// store's report streams, the others' follow when it ends. TEST_STORES_AT_ONCE=0 runs them one after
// the other.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { build } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out.sort();
}

const args = process.argv.slice(2);
const all = args.length ? args : [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))];
// Pure unit tests (those that never build an app or start a server) do not touch a store:
// they run once, in the SQLite pass.
const source = (f) => readFileSync(join(root, f), 'utf8');
const storeBacked = all.filter((f) => /helpers\/(app|process)\.js/.test(source(f)));
const processTier = new Set(all.filter((f) => /helpers\/process\.js/.test(source(f))));
const tiers = [
  { name: 'in-process', files: all.filter((f) => !processTier.has(f)), concurrency: process.env.TEST_CONCURRENCY ?? '2' },
  { name: 'process', files: all.filter((f) => processTier.has(f)), concurrency: process.env.TEST_PROCESS_CONCURRENCY ?? '1' },
];

/** Runs one tier's files on one store; resolves with the exit status and the report (when buffered). */
function run(store, tier, files, stream) {
  const header = `\n== ${files.length} ${tier.name} test files on ${store} ==\n`;
  if (stream) process.stdout.write(header);
  const chunks = [header];
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${tier.concurrency}`, ...files], {
    cwd: root,
    stdio: ['ignore', stream ? 'inherit' : 'pipe', stream ? 'inherit' : 'pipe'],
    env: { ...process.env, TEST_STORE: store },
  });
  child.stdout?.on('data', (d) => chunks.push(d));
  child.stderr?.on('data', (d) => chunks.push(d));
  return new Promise((resolve) => {
    child.on('error', (err) => resolve({ status: 1, report: `${chunks.join('')}\n${err.message}\n` }));
    child.on('close', (code) => resolve({ status: code ?? 1, report: stream ? '' : chunks.join('') }));
  });
}

/** The stores' runs of one tier, at once or one after the other; the reports in store order. */
async function runTier(tier, runs) {
  const together = process.env.TEST_STORES_AT_ONCE !== '0';
  let failed = 0;
  if (together) {
    const pending = runs.map((r, i) => run(r.store, tier, r.files, i === 0));
    for (const p of pending) {
      const { status, report } = await p;
      if (report) process.stdout.write(report);
      failed += status === 0 ? 0 : 1;
    }
  } else {
    for (const r of runs) failed += (await run(r.store, tier, r.files, true)).status === 0 ? 0 : 1;
  }
  return failed;
}

async function pgReachable() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `${url}: ${err.message}` };
  } finally {
    await c.end().catch(() => {});
  }
}

const only = process.env.TEST_STORE;
const stores = [];
if (!only || only === 'sqlite') stores.push({ store: 'sqlite', files: all });
let failed = 0;
if (!only || only === 'postgres') {
  const reach = await pgReachable();
  if (reach.ok) stores.push({ store: 'postgres', files: only === 'postgres' ? all : storeBacked });
  else if (process.env.REQUIRE_PG === '1') {
    process.stderr.write(`\nPostgreSQL is required (REQUIRE_PG=1) but unreachable: ${reach.reason}\n`);
    failed += 1;
  } else {
    process.stdout.write(`\n# PostgreSQL tests skipped: ${reach.reason}\n`);
  }
}
for (const tier of tiers) {
  if (tier.files.length === 0 || stores.length === 0) continue;
  if (tier.name === 'process' && build({ ifStale: true }) !== 0) {
    process.stderr.write('\nThe build failed: the process tier did not run.\n');
    failed += 1;
    continue;
  }
  const runs = stores
    .map(({ store, files }) => ({ store, files: files.filter((f) => tier.files.includes(f)) }))
    .filter((r) => r.files.length > 0);
  failed += await runTier(tier, runs);
}
process.exit(failed ? 1 : 0);
