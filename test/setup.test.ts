// A bad setup stops `campo` with one line naming the setting, never a stack trace.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { adminPgUrl } from './helpers/app.js';
import { freePort, runCliAsync } from './helpers/process.js';

const dir = mkdtempSync(join(tmpdir(), 'campo-setup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const pgAt = (path: string, user = 'postgres') => {
  const u = new URL(adminPgUrl);
  u.username = user;
  u.pathname = path;
  return u.toString();
};

/** Runs a command and expects exit 1 with exactly `line` on stderr (as its last line) and no stack trace. */
async function failsWith(args: string[], env: Record<string, string>, line: string | RegExp) {
  const r = await runCliAsync(args, { PORT: '0', LOG_LEVEL: 'silent', PGUSER: '', AUVO_DB_WAIT_SECONDS: '0', ...env });
  const lines = r.stderr.trim().split('\n');
  assert.equal(r.status, 1, r.stderr);
  if (typeof line === 'string') assert.equal(lines.at(-1), line, r.stderr);
  else assert.match(String(lines.at(-1)), line, r.stderr);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(r.stdout, /apiToken/, 'no credentials printed');
  return r;
}

test('a corrupt SQLite file: "corrupt store at PATH; restore from a backup" (serve and migrate)', async () => {
  const file = join(dir, 'corrupt.db');
  writeFileSync(file, 'this is not a SQLite database, only text that happens to be longer than a page header'.repeat(20));
  for (const cmd of [['serve'], ['migrate']]) {
    await failsWith(cmd, { DATABASE_URL: `sqlite:${file}` }, `corrupt store at ${file}; restore from a backup`);
  }
});

test('a data directory that cannot be created names DATABASE_URL and the directory', async () => {
  const blocker = join(dir, 'a-file');
  writeFileSync(blocker, '');
  await failsWith(
    ['serve'],
    { DATABASE_URL: `sqlite:${blocker}/data/campo.db` },
    `DATABASE_URL: cannot create the data directory ${blocker}/data (ENOTDIR)`,
  );
});

test('PostgreSQL unreachable: retried for AUVO_DB_WAIT_SECONDS, then one line', async () => {
  const r = await failsWith(
    ['migrate'],
    { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/campo', AUVO_DB_WAIT_SECONDS: '1' },
    'DATABASE_URL: PostgreSQL at 127.0.0.1:1 is unreachable (ECONNREFUSED); gave up after 1 s (AUVO_DB_WAIT_SECONDS)',
  );
  assert.deepEqual(r.stderr.trim().split('\n'), [
    'DATABASE_URL: PostgreSQL at 127.0.0.1:1 is unreachable (ECONNREFUSED); retrying for up to 1 s (AUVO_DB_WAIT_SECONDS)',
    'DATABASE_URL: PostgreSQL at 127.0.0.1:1 is unreachable (ECONNREFUSED); gave up after 1 s (AUVO_DB_WAIT_SECONDS)',
  ]);
});

test('PostgreSQL: a missing database, a missing role and a URL without a user each get their own line', async () => {
  const host = new URL(adminPgUrl).host;
  await failsWith(
    ['serve'],
    { DATABASE_URL: pgAt('/campo_no_such_db') },
    `DATABASE_URL: database "campo_no_such_db" does not exist on ${host} (create it: createdb campo_no_such_db)`,
  );
  await failsWith(
    ['migrate'],
    { DATABASE_URL: pgAt('/test', 'campo_no_such_role') },
    `DATABASE_URL: PostgreSQL at ${host} refused user "campo_no_such_role" (role missing or not allowed)`,
  );
  const noUser = new URL(adminPgUrl);
  noUser.username = '';
  await failsWith(
    ['serve'],
    { DATABASE_URL: noUser.toString() },
    'DATABASE_URL has no user name: write it as postgres://USER:PASSWORD@HOST:5432/DATABASE',
  );
});

test('PostgreSQL that comes up late (compose start order): the start waits and then goes on', async () => {
  const name = `campo_late_${randomBytes(4).toString('hex')}`;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'migrate'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: pgAt(`/${name}`), AUVO_DB_WAIT_SECONDS: '60' },
  });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  const admin = new pg.Client({ connectionString: adminPgUrl });
  try {
    // Create the database once the command says it is waiting for it.
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        if (stderr.includes('retrying for up to 60 s')) resolve();
      });
      child.on('close', () => resolve());
    });
    assert.match(stderr, new RegExp(`database "${name}" does not exist .*; retrying for up to 60 s \\(AUVO_DB_WAIT_SECONDS\\)`));
    await admin.connect();
    await admin.query(`create database ${name}`);
    const status = await new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.on('close', resolve);
    });
    assert.equal(status, 0, stderr);
    assert.match(stdout, /^Applied: /);
  } finally {
    child.kill();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end().catch(() => {});
  }
});

test('HOST that is not an address of this machine, and a port in use, stop the start before the account is created', async () => {
  const fresh = join(dir, 'fresh', 'campo.db');
  await failsWith(
    ['serve'],
    { DATABASE_URL: `sqlite:${fresh}`, HOST: '192.0.2.1', PORT: String(await freePort()) },
    'HOST 192.0.2.1 is not an address of this machine: use 0.0.0.0 (every interface) or one of its addresses',
  );
  const port = await freePort();
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(port, '127.0.0.1', resolve));
  try {
    await failsWith(
      ['serve'],
      { DATABASE_URL: `sqlite:${fresh}`, HOST: '127.0.0.1', PORT: String(port) },
      `PORT ${port} is already in use on 127.0.0.1: stop the other server or set PORT to a free port`,
    );
  } finally {
    busy.close();
  }
  // Nothing was created: the store was never opened, no account exists to lose the token of.
  assert.equal(existsSync(fresh), false);
});

test('seed --demo --size large on an account with the small demo says so; --account new fills another', async () => {
  const url = `sqlite:${join(dir, 'seeded', 'campo.db')}`;
  const env = { DATABASE_URL: url, AUVO_PASSWORD_HASHING: 'sandbox', LOG_LEVEL: 'silent' };
  const small = await runCliAsync(['seed', '--demo'], env);
  assert.equal(small.status, 0, small.stderr);
  const large = await runCliAsync(['seed', '--demo', '--size', 'large', '--tasks', '2000'], env);
  assert.equal(large.status, 1, large.stderr);
  assert.equal(
    large.stderr.trim(),
    'Account 1 already has the small demo data (seed 1); nothing written. The demo is written once per account: fill a new one with campo seed --demo --size large --account new',
  );
  const other = await runCliAsync(['seed', '--demo', '--account', 'new'], env);
  assert.equal(other.status, 0, other.stderr);
  assert.match(other.stdout, /^Created account 2: apiKey \S+ {2}apiToken \S+\nDemo data written to account 2: /);
  const none = await runCliAsync(['seed', '--demo', '--account', '99'], env);
  assert.deepEqual([none.status, none.stderr.trim()], [1, 'error: there is no account 99 (campo accounts list shows them)']);
});
