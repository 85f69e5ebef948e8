import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { NewAccount } from '../src/core/accounts.js';
import { buildTestApp, type TestApp, userBody } from './helpers/app.js';

let t: TestApp;
let b: NewAccount;
let tokenB: string;
let userA: number;
let userB: number;
before(async () => {
  t = await buildTestApp();
  b = await t.accounts.create('Company B');
  tokenB = await t.login(b);
  userA = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ name: 'Only A', externalId: 'shared-ext' }) })).json()
    .result.userId;
  userB = (
    await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ name: 'Only B', externalId: 'shared-ext' }), token: tokenB })
  ).json().result.userId;
});
after(async () => t.close());

test("a token of account B cannot read, change or delete account A's user: 404 as if it did not exist", async () => {
  const asB = (o: Parameters<TestApp['request']>[0]) => t.request({ ...o, token: tokenB });
  assert.equal((await asB({ method: 'GET', url: `/v2/users/${userA}` })).statusCode, 404);
  assert.equal(
    (await asB({ method: 'PATCH', url: `/v2/users/${userA}`, payload: [{ op: 'replace', path: 'name', value: 'hacked' }] })).statusCode,
    404,
  );
  assert.equal((await asB({ method: 'DELETE', url: `/v2/users/${userA}` })).statusCode, 404);
  assert.equal((await t.request({ method: 'GET', url: `/v2/users/${userA}` })).json().result.name, 'Only A');
});

test("account B's list never shows account A's users, even filtered by A's ids", async () => {
  const all = await t.request({ method: 'GET', url: '/v2/users/?pageSize=100', token: tokenB });
  assert.deepEqual(
    all.json().result.entityList.map((u: { name: string }) => u.name),
    ['Company B', 'Only B'],
  );
  const byId = await t.request({
    method: 'GET',
    url: `/v2/users/?paramFilter=${encodeURIComponent(JSON.stringify({ userId: userA }))}`,
    token: tokenB,
  });
  assert.equal(byId.statusCode, 404);
});

test("PUT upsert by id or externalId never reaches another account's record: it creates in the caller's account", async () => {
  const byId = await t.request({ method: 'PUT', url: '/v2/users/', payload: userBody({ id: userA, name: 'B via id' }), token: tokenB });
  assert.equal(byId.statusCode, 201);
  assert.notEqual(byId.json().result.userId, userA);
  const byExt = await t.request({
    method: 'PUT',
    url: '/v2/users/',
    payload: { externalId: 'shared-ext', jobPosition: 'B only' },
    token: tokenB,
  });
  assert.equal(byExt.statusCode, 200);
  assert.equal(byExt.json().result.userId, userB);
  assert.equal((await t.request({ method: 'GET', url: `/v2/users/${userA}` })).json().result.jobPosition, 'Técnico');
});
