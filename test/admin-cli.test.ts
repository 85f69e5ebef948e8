// `campo accounts rotate` and `campo admin ...` against a real server process.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createScratchStore } from './helpers/app.js';
import { killHard, runCli, type ServerProcess, startServer } from './helpers/process.js';

const KEY = 'cli-admin-key-0123456789';
let scratch: { url: string; drop: () => Promise<void> };
let server: ServerProcess;
let dir: string;
before(async () => {
  scratch = await createScratchStore();
  dir = mkdtempSync(join(tmpdir(), 'campo-admin-cli-'));
  server = await startServer({
    DATABASE_URL: scratch.url,
    AUVO_ADMIN_KEY: KEY,
    AUVO_REQUEST_JOURNAL: '100',
    AUVO_API_KEY: 'cli-key',
    AUVO_API_TOKEN: 'cli-token-0123456789',
  });
});
after(async () => {
  if (server) await killHard(server);
  await scratch.drop();
  rmSync(dir, { recursive: true, force: true });
});

function admin(...args: string[]) {
  const r = runCli(['admin', '--url', server.baseUrl, ...args], { DATABASE_URL: scratch.url, AUVO_ADMIN_KEY: KEY });
  return { ...r, json: () => JSON.parse(r.stdout) };
}

const login = (apiKey: string, apiToken: string) => fetch(`${server.baseUrl}/v2/login/?apiKey=${apiKey}&apiToken=${apiToken}`);

test('campo accounts rotate prints a new token that logs in; the old one no longer does', async () => {
  const r = runCli(['accounts', 'rotate', '1', '--json'], { DATABASE_URL: scratch.url });
  assert.equal(r.status, 0, r.stderr);
  const acc = JSON.parse(r.stdout);
  assert.equal(acc.apiKey, 'cli-key');
  assert.equal((await login('cli-key', 'cli-token-0123456789')).status, 401);
  assert.equal((await login('cli-key', acc.apiToken)).status, 200);
  const missing = runCli(['accounts', 'rotate', '999'], { DATABASE_URL: scratch.url });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /No live account 999/);
});

test('campo admin: accounts, clock, journal, faults, export/import and snapshots', async () => {
  const made = admin('accounts', 'create', '--name', 'CLI Co', '--api-key', 'cli-co-key', '--api-token', 'cli-co-token-0123456789');
  assert.equal(made.status, 0, made.stderr);
  const account = made.json();
  assert.equal(account.name, 'CLI Co');

  const frozen = admin('clock', 'freeze', '2040-01-01T00:00:00Z');
  assert.equal(frozen.status, 0, frozen.stderr);
  assert.equal(frozen.json().now, '2040-01-01T00:00:00.000Z');
  assert.equal(admin('clock', 'advance', '90m').json().now, '2040-01-01T01:30:00.000Z');
  const back = admin('clock', 'set', '2001-01-01T00:00:00Z');
  assert.equal(back.status, 1);
  assert.match(back.stderr, /HTTP 400/);

  const token = ((await (await login('cli-co-key', 'cli-co-token-0123456789')).json()) as { result: { accessToken: string } }).result
    .accessToken;
  const created = await fetch(`${server.baseUrl}/v2/segments/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ description: 'Via CLI' }),
  });
  assert.equal(created.status, 201);
  const journal = admin('journal', 'list', String(account.id), '--method', 'POST');
  assert.deepEqual(
    journal.json().map((e: { path: string; status: number; at: string }) => [e.path, e.status, e.at]),
    [['/v2/segments/', 201, '2040-01-01T01:30:00.000Z']],
  );

  const fault = admin('faults', 'add', JSON.stringify({ action: 'status', path: '/v2/segments*', status: 503, count: 1 }));
  assert.equal(fault.status, 0, fault.stderr);
  assert.equal(admin('faults', 'list').json().length, 1);
  const hit = await fetch(`${server.baseUrl}/v2/segments/`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(hit.status, 503);
  assert.deepEqual(admin('faults', 'clear').json(), { removed: 0 });

  const file = join(dir, 'snap.json');
  assert.equal(admin('export', String(account.id), '--out', file).status, 0);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(doc.format, 'campo-snapshot');
  assert.equal(doc.tables.segments[0].description, 'Via CLI');
  assert.equal(admin('import', String(account.id), file).status, 1, 'not empty');
  assert.equal(admin('reset', String(account.id)).status, 0);
  const imported = admin('import', String(account.id), file);
  assert.equal(imported.status, 0, imported.stderr);
  assert.equal(imported.json().tables.segments, 1);

  assert.equal(admin('snapshots', 'save', String(account.id), 'one').status, 0);
  assert.equal(admin('reset', String(account.id)).status, 0);
  assert.equal(admin('snapshots', 'restore', String(account.id), 'one').status, 0);
  const list = await fetch(`${server.baseUrl}/v2/segments/`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(((await list.json()) as { result: { entityList: { description: string }[] } }).result.entityList[0].description, 'Via CLI');
  assert.equal(admin('clock', 'system').status, 0);

  const wrong = runCli(['admin', '--url', server.baseUrl, '--key', 'wrong-key-0123456789', 'clock', 'get'], {});
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /HTTP 401 \(wrong admin key\)/);
});
