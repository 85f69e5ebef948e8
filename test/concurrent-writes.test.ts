import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { sqlitePath } from '../src/db/index.js';
import { buildTestApp, storeKind, type TestApp, userBody } from './helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp({ env: { AUVO_PASSWORD_HASHING: 'sandbox' } });
});
after(async () => t.close());

// Writes that arrive together may share one commit: each still succeeds or fails on its own.
test('concurrent writes: a refused one changes nothing and does not take the others with it', async () => {
  const bodies = Array.from({ length: 30 }, (_, i) =>
    // Every third create asks for the same login: only the first of those may have it.
    userBody(i % 3 === 0 ? { login: 'disputed.login', externalId: `c${i}` } : { externalId: `c${i}` }),
  );
  const answers = await Promise.all(bodies.map((payload) => t.request({ method: 'POST', url: '/v2/users/', payload })));
  const created = answers.filter((r) => r.statusCode === 201);
  const refused = answers.filter((r) => r.statusCode !== 201);
  assert.equal(created.length, 21);
  assert.equal(refused.length, 9);
  for (const r of refused) {
    assert.equal(r.statusCode, 400);
    assert.deepEqual(r.json(), { login: ["The login 'disputed.login' is already in use."] });
  }
  const list = await t.request({ method: 'GET', url: '/v2/users/?pageSize=100' });
  const users = (list.json() as { result: { entityList: { userId: number; login: string; externalId: string }[] } }).result.entityList;
  const ids = created.map((r) => (r.json() as { result: { userId: number } }).result.userId).sort((a, b) => a - b);
  assert.deepEqual(
    users
      .filter((u) => u.externalId.startsWith('c'))
      .map((u) => u.userId)
      .sort((a, b) => a - b),
    ids,
  );
  assert.equal(users.filter((u) => u.login === 'disputed.login').length, 1);
});

// Reads outside transactions run on their own connection: a write waiting for another process's
// lock holds up neither a list nor /health.
test('SQLite: a GET answers while a write waits for another connection’s lock', async (ctx) => {
  if (storeKind !== 'sqlite') return ctx.skip('SQLite locking');
  const before = await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ externalId: 'before-lock' }) });
  assert.equal(before.statusCode, 201);
  const other = new Database(sqlitePath(t.url));
  other.exec('begin immediate');
  let written = false;
  // A write on the store itself meets the lock at once (within this turn of the event loop) and
  // holds the driver's own lock while it waits; a request's write queues behind it.
  const write = t.store.db
    .insertInto('settings')
    .values({ key: 'after-lock', value: 'x' })
    .execute()
    .then(() => {
      written = true;
    });
  const post = t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ externalId: 'after-lock' }) });
  await new Promise((resolve) => setImmediate(resolve));
  try {
    const list = await t.request({ method: 'GET', url: '/v2/users/?pageSize=100' });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      (list.json() as { result: { entityList: { externalId: string }[] } }).result.entityList
        .map((u) => u.externalId)
        .filter((id) => id.endsWith('-lock')),
      ['before-lock'],
    );
    const health = await t.request({ method: 'GET', url: '/health', token: null });
    assert.equal(health.statusCode, 200);
    assert.equal(written, false, 'the write still waits for the other connection');
  } finally {
    other.exec('commit');
    other.close();
  }
  await write;
  assert.equal((await post).statusCode, 201);
});
