import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createScratchStore } from './helpers/app.js';
import { killHard, runCli, startServer } from './helpers/process.js';

let scratch: { url: string; drop: () => Promise<void> };
before(async () => {
  scratch = await createScratchStore();
});
after(async () => scratch.drop());

test('campo accounts create prints credentials that log in; accounts list shows the account', async () => {
  const created = runCli(['accounts', 'create', '--name', 'Oficina Azul', '--json'], { DATABASE_URL: scratch.url });
  assert.equal(created.status, 0, created.stderr);
  const acc = JSON.parse(created.stdout);
  assert.equal(acc.name, 'Oficina Azul');
  assert.match(acc.apiKey, /^[\w-]{20,}$/);
  assert.match(acc.apiToken, /^[\w-]{20,}$/);

  const listed = runCli(['accounts', 'list', '--json'], { DATABASE_URL: scratch.url });
  assert.equal(listed.status, 0, listed.stderr);
  const accounts = JSON.parse(listed.stdout);
  assert.ok(
    accounts.some(
      (a: { id: number; name: string; apiKey: string }) => a.id === acc.id && a.name === 'Oficina Azul' && a.apiKey === acc.apiKey,
    ),
  );
  assert.ok(!listed.stdout.includes(acc.apiToken), 'the token is never listed');

  const server = await startServer({ DATABASE_URL: scratch.url });
  try {
    const r = await fetch(`${server.baseUrl}/v2/login/?apiKey=${acc.apiKey}&apiToken=${acc.apiToken}`);
    assert.equal(r.status, 200);
    assert.doesNotMatch(server.output(), /Created account/, 'no extra account when the store already has one');
  } finally {
    await killHard(server);
  }
});

test('a bad configuration value stops the boot with a clear message and exit code 2', () => {
  for (const [env, message] of [
    [{ PORT: 'eighty' }, /PORT must be an integer between 0 and 65535 \(got "eighty"\)/],
    [{ AUVO_TIMEZONE: 'Mars/Olympus' }, /AUVO_TIMEZONE is not a known IANA time zone/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with sqlite: or postgres:\/\//],
    [{ AUVO_API_KEY: 'only-key' }, /AUVO_API_KEY and AUVO_API_TOKEN must be set together/],
    [{ AUVO_RATE_LIMIT: '-1' }, /AUVO_RATE_LIMIT must be an integer/],
    [{ AUVO_PASSWORD_HASHING: 'md5' }, /AUVO_PASSWORD_HASHING must be standard or sandbox \(got "md5"\)/],
  ] as const) {
    const r = runCli(['serve'], { DATABASE_URL: scratch.url, ...env });
    assert.equal(r.status, 2, JSON.stringify(env));
    assert.match(r.stderr, message);
  }
});

test('on an empty store without AUVO_API_KEY the server creates one account and prints its credentials once', async () => {
  const empty = await createScratchStore();
  try {
    const server = await startServer({ DATABASE_URL: empty.url, AUVO_API_KEY: '', AUVO_API_TOKEN: '' });
    const out = server.output();
    await killHard(server);
    const key = /apiKey:\s+(\S+)/.exec(out)?.[1];
    const tok = /apiToken:\s+(\S+)/.exec(out)?.[1];
    assert.ok(key && tok, out);
    const again = await startServer({ DATABASE_URL: empty.url, AUVO_API_KEY: '', AUVO_API_TOKEN: '' });
    try {
      assert.doesNotMatch(again.output(), /apiToken/);
      const r = await fetch(`${again.baseUrl}/v2/login/?apiKey=${key}&apiToken=${tok}`);
      assert.equal(r.status, 200);
    } finally {
      await killHard(again);
    }
  } finally {
    await empty.drop();
  }
});

test('campo --help and every command --help describe themselves', () => {
  for (const args of [
    ['--help'],
    ['serve', '--help'],
    ['migrate', '--help'],
    ['accounts', '--help'],
    ['accounts', 'create', '--help'],
    ['openapi', '--help'],
  ]) {
    const r = runCli(args, {});
    assert.equal(r.status, 0, args.join(' '));
    assert.match(r.stdout, /Usage: campo/);
  }
});

test("npx campo runs the linked command directly, without installing the checkout into npx's cache", () => {
  // With a bin on the root package, npx copies the checkout into <cache>/_npx (running `prepare`
  // there on first use) and reads both dependency trees on every call.
  const cache = mkdtempSync(join(tmpdir(), 'campo-npx-'));
  try {
    const r = spawnSync('npx', ['campo', '--help'], {
      cwd: new URL('..', import.meta.url),
      encoding: 'utf8',
      env: { ...process.env, npm_config_cache: cache, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Usage: campo/);
    assert.equal(existsSync(join(cache, '_npx')), false, 'npx installed the checkout into its cache');
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
