#!/usr/bin/env node
// npm test: every test file on SQLite, then the store-backed ones again on PostgreSQL.
// PostgreSQL is skipped (and says so) when it cannot be reached, unless REQUIRE_PG=1.
// TEST_STORE=sqlite|postgres runs one store only; file arguments run a subset.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;

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
const storeBacked = all.filter((f) => /helpers\/(app|process)\.js/.test(readFileSync(join(root, f), 'utf8')));
const concurrency = process.env.TEST_CONCURRENCY ?? '2';

function run(store, files) {
  if (files.length === 0) return 0;
  process.stdout.write(`\n== ${files.length} test files on ${store} ==\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TEST_STORE: store },
  });
  return r.status ?? 1;
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
let failed = 0;
if (!only || only === 'sqlite') failed += run('sqlite', all);
if (!only || only === 'postgres') {
  const reach = await pgReachable();
  if (reach.ok) failed += run('postgres', only === 'postgres' ? all : storeBacked);
  else if (process.env.REQUIRE_PG === '1') {
    process.stderr.write(`\nPostgreSQL is required (REQUIRE_PG=1) but unreachable: ${reach.reason}\n`);
    failed += 1;
  } else {
    process.stdout.write(`\n# PostgreSQL tests skipped: ${reach.reason}\n`);
  }
}
process.exit(failed ? 1 : 0);
