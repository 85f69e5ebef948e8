import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { ManualClock } from '../../core/clock.js';
import { FaultRegistry } from '../../core/faults.js';

const KEY = 'admin-key-for-tests-0123456789';

let t: TestApp;
before(async () => {
  t = await buildTestApp({ env: { AUVO_ADMIN_KEY: KEY, AUVO_WEBHOOK_RETRY_SCHEDULE: '10s' } });
});
after(async () => t.close());

function admin(method: InjectOptions['method'], url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url: `/campo/v1/admin${url}`,
    headers: { 'x-campo-admin-key': KEY },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const usersList = () => t.request({ method: 'GET', url: '/v2/users/?paramFilter={}' });

describe('request faults', () => {
  test('a status fault answers the chosen status, headers and body for the next N matches, then is spent', async () => {
    const res = await admin('POST', '/faults', {
      action: 'status',
      method: 'GET',
      path: '/v2/users*',
      accountId: t.account.id,
      status: 403,
      body: { error: 'Rate limit temporarily exceeded' },
      headers: { 'retry-after': '7' },
      count: 2,
    });
    assert.equal(res.statusCode, 201);
    const rule = res.json().result;
    assert.deepEqual(rule, {
      id: rule.id,
      action: 'status',
      method: 'GET',
      path: '/v2/users*',
      accountId: t.account.id,
      status: 403,
      body: { error: 'Rate limit temporarily exceeded' },
      headers: { 'retry-after': '7' },
      probability: 1,
      count: 2,
      remaining: 2,
      hits: 0,
      createdAt: t.clock.now().toISOString(),
    });
    for (let i = 0; i < 2; i++) {
      const hit = await usersList();
      assert.equal(hit.statusCode, 403);
      assert.deepEqual(hit.json(), { error: 'Rate limit temporarily exceeded' });
      assert.equal(hit.headers['retry-after'], '7');
    }
    assert.equal((await usersList()).statusCode, 200);
    assert.deepEqual((await admin('GET', '/faults')).json().result, []);
  });

  test('rules match method, path and account: other requests pass untouched', async () => {
    const other = await t.accounts.create('Other');
    await admin('POST', '/faults', { action: 'status', path: '/v2/customers*', accountId: other.id, status: 500 });
    await admin('POST', '/faults', { action: 'status', method: 'DELETE', path: '/v2/users*', status: 500 });
    assert.equal((await usersList()).statusCode, 200);
    assert.equal((await t.request({ method: 'GET', url: '/v2/customers/?paramFilter={}' })).statusCode, 404, 'empty list, not the fault');
    const token = await t.login(other);
    const hit = await t.request({ method: 'GET', url: '/v2/customers/?paramFilter={}', token });
    assert.equal(hit.statusCode, 500);
    assert.equal(hit.body, '');
    const cleared = await admin('DELETE', '/faults');
    assert.deepEqual(cleared.json().result, { removed: 2 });
  });

  test('expiredToken answers 401 as an expired token does, for the next N requests', async () => {
    await admin('POST', '/faults', { action: 'expiredToken', count: 1 });
    const first = await usersList();
    assert.equal(first.statusCode, 401);
    assert.equal(first.body, '');
    assert.equal(first.headers['www-authenticate'], 'Bearer');
    assert.equal((await usersList()).statusCode, 200);
  });

  test('latency delays and then answers normally; hits are counted; a rule can be removed by id', async () => {
    const rule = (await admin('POST', '/faults', { action: 'latency', path: '/v2/users*', latencyMs: 5 })).json().result;
    assert.equal((await usersList()).statusCode, 200);
    assert.equal((await admin('GET', '/faults')).json().result[0].hits, 1);
    assert.equal((await admin('DELETE', `/faults/${rule.id}`)).statusCode, 204);
    assert.equal((await admin('DELETE', `/faults/${rule.id}`)).statusCode, 404);
  });

  test('the admin API is never affected, even by a rule for every path', async () => {
    await admin('POST', '/faults', { action: 'status', status: 500 });
    assert.equal((await admin('GET', '/faults')).statusCode, 200);
    assert.equal((await usersList()).statusCode, 500);
    await admin('DELETE', '/faults');
  });

  test('drop closes the connection without an answer', async () => {
    await admin('POST', '/faults', { action: 'drop', path: '/v2/users/*', count: 1 });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const token = await t.login();
    await assert.rejects(fetch(`${address}/v2/users/1`, { headers: { authorization: `Bearer ${token}` } }));
    const ok = await fetch(`${address}/v2/users/${t.account.adminUserId}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
  });

  test('bad rules answer a field map and add nothing', async () => {
    const unknown = await admin('POST', '/faults', { action: 'explode' });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(Object.keys(unknown.json()), ['action']);
    const noStatus = await admin('POST', '/faults', { action: 'status' });
    assert.deepEqual(noStatus.json(), { status: ['The status field is required.'] });
    const noLatency = await admin('POST', '/faults', { action: 'latency' });
    assert.deepEqual(noLatency.json(), { latencyMs: ['The latencyMs field is required.'] });
    const badProbability = await admin('POST', '/faults', { action: 'drop', probability: 0 });
    assert.equal(badProbability.statusCode, 400);
    assert.deepEqual(Object.keys(badProbability.json()), ['probability']);
    assert.deepEqual((await admin('GET', '/faults')).json().result, []);
  });
});

describe('webhook faults', () => {
  let server: Server;
  let received: string[] = [];
  let url = '';
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(req.url ?? '');
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const hook = await t.request({
      method: 'POST',
      url: '/v2/webHooks/',
      payload: { entity: 'Customer', action: 'Inclusao', targetUrl: `${url}/hook` },
    });
    assert.equal(hook.statusCode, 201);
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const createCustomer = async (name: string) => {
    assert.equal((await t.request({ method: 'POST', url: '/v2/customers/', payload: { name } })).statusCode, 201);
    await t.services.webhooks.dispatcher.drain();
  };

  test('webhookTwice sends one delivery twice (same delivery id); webhookNever drops it (journal says dropped)', async () => {
    received = [];
    await admin('POST', '/faults', { action: 'webhookTwice', path: `${url}/*`, count: 1 });
    await createCustomer('Twice');
    assert.deepEqual(received, ['/hook', '/hook']);

    received = [];
    await admin('POST', '/faults', { action: 'webhookNever', path: '*', accountId: t.account.id, count: 1 });
    await createCustomer('Never');
    assert.deepEqual(received, []);
    const journal = (await t.request({ method: 'GET', url: '/campo/v1/webhookDeliveries' })).json().result;
    const lastId = Math.max(...journal.entityList.map((d: { id: number }) => d.id));
    const detail = (await t.request({ method: 'GET', url: `/campo/v1/webhookDeliveries/${lastId}` })).json().result;
    assert.equal(detail.status, 'delivered');
    assert.deepEqual(
      detail.attemptList.map((a: { outcome: string; responseStatus: number | null }) => [a.outcome, a.responseStatus]),
      [['dropped', null]],
    );

    received = [];
    await createCustomer('Normal');
    assert.deepEqual(received, ['/hook']);
  });

  test('the retry schedule follows the server clock: advancing it makes a failed delivery due', async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await t.request({ method: 'POST', url: '/v2/customers/', payload: { name: 'Retry' } });
    const d = t.services.webhooks.dispatcher;
    assert.equal((await d.runOnce()).failed, 1);
    assert.equal((await d.runOnce()).attempted, 0, 'not due yet');
    await admin('POST', '/clock/advance', { by: '13s' });
    assert.equal((await d.runOnce()).attempted, 1);
    await admin('DELETE', '/clock');
    await new Promise<void>((r) => server.listen(Number(new URL(url).port), '127.0.0.1', r));
  });
});

describe('FaultRegistry', () => {
  test('a rule with a probability fires only when the draw falls under it', () => {
    const draws = [0.7, 0.3];
    const reg = new FaultRegistry(new ManualClock(), () => draws.shift() ?? 1);
    reg.add({ action: 'status', status: 500, probability: 0.5 });
    assert.equal(reg.forRequest('GET', '/v2/users', 1), undefined);
    assert.equal(reg.forRequest('GET', '/v2/users', 1)?.status, 500);
  });

  test('path patterns are anchored, case-insensitive, and treat other characters literally', () => {
    const reg = new FaultRegistry(new ManualClock());
    reg.add({ action: 'status', status: 500, path: '/v2/users/?.x*' });
    assert.equal(reg.forRequest('GET', '/V2/USERS/?.xyz', 1)?.status, 500);
    assert.equal(reg.forRequest('GET', '/v2/users/1.xyz', 1), undefined);
    assert.equal(reg.forRequest('GET', '/api/v2/users/?.x', 1), undefined);
  });
});
