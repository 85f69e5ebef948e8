import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, storeKind, type TestApp, userBody } from './helpers/app.js';
import { VERSION } from '../src/version.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(async () => t.close());

async function userCount(): Promise<number> {
  return (await t.request({ method: 'GET', url: '/v2/users/?pageSize=1000' })).json().result.pagedSearchReturnData.totalItems;
}

test('route segments are case-insensitive, the trailing slash optional, duplicate slashes tolerated (D7)', async () => {
  for (const url of [
    `/v2/users/${t.account.adminUserId}`,
    `/V2/USERS/${t.account.adminUserId}/`,
    `/v2/Users/${t.account.adminUserId}`,
    `//v2//users/${t.account.adminUserId}`,
  ]) {
    const res = await t.request({ method: 'GET', url });
    assert.equal(res.statusCode, 200, url);
  }
});

test('a body-carrying request without Content-Type: application/json answers 415 with the error envelope, writes nothing (D9)', async () => {
  const before = await userCount();
  for (const headers of [{}, { 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }]) {
    const res = await t.request({ method: 'POST', url: '/v2/users/', headers, payload: JSON.stringify(userBody()) });
    assert.equal(res.statusCode, 415, JSON.stringify(headers));
    assert.deepEqual(res.json(), {
      message: 'The request body must be sent with Content-Type: application/json.',
      target: null,
      errorCode: 0,
      errors: null,
    });
  }
  const patch = await t.request({
    method: 'PATCH',
    url: `/v2/users/${t.account.adminUserId}`,
    headers: { 'content-type': 'text/plain' },
    payload: '[]',
  });
  assert.equal(patch.statusCode, 415);
  assert.equal(await userCount(), before);
});

test('application/json with a charset and application/json-patch+json are accepted', async () => {
  const res = await t.request({
    method: 'POST',
    url: '/v2/users/',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    payload: JSON.stringify(userBody()),
  });
  assert.equal(res.statusCode, 201);
  const patch = await t.request({
    method: 'PATCH',
    url: `/v2/users/${res.json().result.userId}`,
    headers: { 'content-type': 'application/json-patch+json' },
    payload: JSON.stringify([{ op: 'replace', path: 'name', value: 'Via patch+json' }]),
  });
  assert.equal(patch.statusCode, 200);
});

test('malformed JSON answers 400 with a field map and writes nothing', async () => {
  const before = await userCount();
  const res = await t.request({
    method: 'POST',
    url: '/v2/users/',
    headers: { 'content-type': 'application/json' },
    payload: '{"name": "x",',
  });
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), { body: ['The request body is not valid JSON.'] });
  assert.equal(await userCount(), before);
});

test('an empty or non-object JSON body answers 400 with a field map', async () => {
  for (const payload of ['', '[]', '"x"', 'null']) {
    const res = await t.request({ method: 'POST', url: '/v2/users/', headers: { 'content-type': 'application/json' }, payload });
    assert.equal(res.statusCode, 400, payload);
    assert.deepEqual(Object.keys(res.json()), ['body'], payload);
  }
});

test('a JSON Content-Type on a bodiless GET or DELETE is not an error', async () => {
  const res = await t.request({
    method: 'GET',
    url: `/v2/users/${t.account.adminUserId}`,
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.statusCode, 200);
});

test('non-numeric ids answer 400 {"id":["The value \'x\' is not valid."]}; unknown and out-of-range ids 404 empty (D9)', async () => {
  for (const id of ['abc', '1.5', '1e3', '%20']) {
    const res = await t.request({ method: 'GET', url: `/v2/users/${id}` });
    assert.equal(res.statusCode, 400, id);
    assert.deepEqual(res.json(), { id: [`The value '${decodeURIComponent(id)}' is not valid.`] });
  }
  for (const id of ['0', '-5', '987654', '99999999999999999999']) {
    const res = await t.request({ method: 'GET', url: `/v2/users/${id}` });
    assert.equal(res.statusCode, 404, id);
    assert.equal(res.body, '');
  }
});

test('unknown routes answer 404 with a short JSON message (a missing record keeps the empty body)', async () => {
  const res = await t.request({ method: 'GET', url: '/v2/nothing-here?apiKey=x' });
  assert.equal(res.statusCode, 404);
  assert.deepEqual(res.json(), { message: 'No route GET /v2/nothing-here.', target: null, errorCode: 0, errors: null });
});

test('GET /health answers 200 once the store answers', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/health' });
  assert.deepEqual(
    [res.statusCode, res.json()],
    [200, { status: 'ok', version: VERSION, store: { kind: storeKind, state: 'up' }, redis: 'not configured' }],
  );
});

test('an unexpected failure answers 500 without internals, naming the request id', async () => {
  const broken = await buildTestApp();
  const token = await broken.login();
  await broken.store.db.destroy();
  try {
    const res = await broken.app.inject({
      method: 'GET',
      url: `/v2/users/${broken.account.adminUserId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 500);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ['message', 'target', 'errorCode', 'errors']);
    assert.match(body.message, /^An unexpected error occurred\. Request id: [0-9a-f-]{36}$/);
    assert.ok(!/sqlite|postgres|kysely|destroy|stack/i.test(res.body));
  } finally {
    await broken.app.close();
    await broken.scratchDrop();
  }
});

test('a NUL character in a JSON body or a paramFilter answers 400 on every store, writing nothing', async () => {
  const before = await userCount();
  const res = await t.request({
    method: 'POST',
    url: '/v2/users/',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(userBody({ name: 'bad\u0000name' })),
  });
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), { body: ['Text values must not contain the NUL character (\\u0000).'] });
  assert.equal(await userCount(), before);
  const list = await t.request({ method: 'GET', url: `/v2/users/?paramFilter=${encodeURIComponent('{"name":"a\\u0000"}')}` });
  assert.equal(list.statusCode, 400);
  assert.deepEqual(Object.keys(list.json()), ['message', 'target', 'errorCode', 'errors']);
});

test('a multi-value filter with no values (externalId ",") matches nothing: 404 with the envelope', async () => {
  const res = await t.request({ method: 'GET', url: `/v2/users/?paramFilter=${encodeURIComponent('{"externalId":" , "}')}` });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().result.pagedSearchReturnData.totalItems, 0);
});
