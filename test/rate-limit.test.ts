import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { buildTestApp } from './helpers/app.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisUp(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

test('over AUVO_RATE_LIMIT requests per minute from one IP answer 403 with the documented body and Retry-After (D3)', async () => {
  const t = await buildTestApp({ env: { AUVO_RATE_LIMIT: '5' } });
  try {
    const token = await t.login(); // request 1
    const get = () =>
      t.app.inject({ method: 'GET', url: `/v2/users/${t.account.adminUserId}`, headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 4; i++) assert.equal((await get()).statusCode, 200);
    const limited = await get();
    assert.equal(limited.statusCode, 403);
    assert.deepEqual(limited.json(), { error: 'Rate limit temporarily exceeded' });
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, String(limited.headers['retry-after']));
    const other = await t.app.inject({
      method: 'GET',
      url: `/v2/users/${t.account.adminUserId}`,
      headers: { authorization: `Bearer ${token}` },
      remoteAddress: '10.0.0.9',
    });
    assert.equal(other.statusCode, 200, 'another client IP has its own budget');
    assert.equal((await t.app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'health is not limited');
  } finally {
    await t.close();
  }
});

test('AUVO_RATE_LIMIT=0 turns the limit off', async () => {
  const t = await buildTestApp({ env: { AUVO_RATE_LIMIT: '0' } });
  try {
    for (let i = 0; i < 450; i++) assert.notEqual((await t.app.inject({ method: 'GET', url: '/v2/users/1' })).statusCode, 403);
  } finally {
    await t.close();
  }
});

test('with REDIS_URL the counters are shared by every app node', async (ctx) => {
  if (!(await redisUp())) {
    ctx.skip(`Redis unreachable at ${REDIS_URL}`);
    return;
  }
  const env = { AUVO_RATE_LIMIT: '4', REDIS_URL };
  const a = await buildTestApp({ env });
  const b = await buildTestApp({ env, url: a.url });
  // A client address unique to this run, so earlier runs' counters do not interfere.
  const remoteAddress = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
  try {
    const codes: number[] = [];
    for (const node of [a, b, a, b, a])
      codes.push((await node.app.inject({ method: 'GET', url: '/v2/users/1', remoteAddress })).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 401, 403]);
  } finally {
    await b.app.close();
    await b.store.close();
    await a.close();
  }
});

test("the server's own in-process requests (the demo seed) are not counted; a guessed header is", async () => {
  const t = await buildTestApp({ env: { AUVO_RATE_LIMIT: '3' } });
  try {
    const internal = t.app.internalHeaders();
    for (let i = 0; i < 10; i++)
      assert.notEqual((await t.app.inject({ method: 'GET', url: '/v2/users/1', headers: internal })).statusCode, 403);
    const forged = { 'x-campo-internal': 'guess' };
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await t.app.inject({ method: 'GET', url: '/v2/users/1', headers: forged })).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 403]);
  } finally {
    await t.close();
  }
});
