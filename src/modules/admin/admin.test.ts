import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';

const KEY = 'admin-key-for-tests-0123456789';

let t: TestApp;
before(async () => {
  t = await buildTestApp({ env: { AUVO_ADMIN_KEY: KEY, AUVO_REQUEST_JOURNAL: '50' } });
});
after(async () => t.close());

function admin(method: InjectOptions['method'], url: string, payload?: unknown, key: string | null = KEY) {
  return t.app.inject({
    method,
    url: `/campo/v1/admin${url}`,
    headers: key === null ? {} : { 'x-campo-admin-key': key },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function loginAs(apiKey: string, apiToken: string) {
  return t.app.inject({ method: 'POST', url: '/v2/login/', payload: { apiKey, apiToken } });
}

describe('admin API access', () => {
  test('is absent (404, not in OpenAPI) without AUVO_ADMIN_KEY', async () => {
    const off = await buildTestApp();
    try {
      const res = await off.app.inject({ method: 'GET', url: '/campo/v1/admin/accounts', headers: { 'x-campo-admin-key': KEY } });
      // Answered like any unknown route.
      assert.deepEqual(
        [res.statusCode, res.json()],
        [404, { message: 'No route GET /campo/v1/admin/accounts.', target: null, errorCode: 0, errors: null }],
      );
      const doc = off.app.swagger() as { paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } };
      assert.deepEqual(
        Object.keys(doc.paths).filter((p) => p.toLowerCase().includes('/admin')),
        [],
      );
      assert.equal(doc.components.securitySchemes.adminKey, undefined);
    } finally {
      await off.close();
    }
  });

  test('a missing or wrong key answers 401 with an empty body; an account bearer token never opens it', async () => {
    assert.equal((await admin('GET', '/accounts', undefined, null)).statusCode, 401);
    const wrong = await admin('GET', '/accounts', undefined, `${KEY}x`);
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.body, '');
    const token = await t.login();
    const bearer = await t.app.inject({ method: 'GET', url: '/campo/v1/admin/accounts', headers: { authorization: `Bearer ${token}` } });
    assert.equal(bearer.statusCode, 401);
    const bearerKey = await t.app.inject({ method: 'GET', url: '/campo/v1/admin/accounts', headers: { authorization: `Bearer ${KEY}` } });
    assert.equal(bearerKey.statusCode, 401);
  });

  test('the admin key does not open the Auvo API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v2/users/?paramFilter={}', headers: { 'x-campo-admin-key': KEY } });
    assert.equal(res.statusCode, 401);
  });

  test('every admin operation is in OpenAPI as a Campo extension secured by the admin key', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { 'x-campo-extension'?: boolean; security?: unknown[] }>> };
    const ops = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/campo/v1/admin'))
      .flatMap(([, m]) => Object.values(m));
    assert.ok(ops.length >= 24, `${ops.length} admin operations`);
    for (const op of ops) {
      assert.equal(op['x-campo-extension'], true);
      assert.deepEqual(op.security, [{ adminKey: [] }]);
    }
  });
});

describe('accounts', () => {
  test('create answers the credentials once; they log in; list shows the account without the token', async () => {
    const res = await admin('POST', '/accounts', { name: 'Acme', apiKey: 'acme-key-123', apiToken: 'acme-token-0123456789' });
    assert.equal(res.statusCode, 201);
    const made = res.json().result;
    assert.deepEqual(made, {
      id: made.id,
      name: 'Acme',
      apiKey: 'acme-key-123',
      apiToken: 'acme-token-0123456789',
      adminUserId: made.adminUserId,
      createdAt: t.clock.now().toISOString(),
    });
    assert.equal((await loginAs('acme-key-123', 'acme-token-0123456789')).statusCode, 200);
    const list = (await admin('GET', '/accounts')).json().result;
    assert.deepEqual(
      list.find((a: { id: number }) => a.id === made.id),
      { id: made.id, name: 'Acme', apiKey: 'acme-key-123', adminUserId: made.adminUserId, createdAt: made.createdAt },
    );
  });

  test('create with random credentials; a taken apiKey answers 409; bad input answers a field map', async () => {
    const res = await admin('POST', '/accounts', { name: 'Random' });
    assert.equal(res.statusCode, 201);
    const { apiKey, apiToken } = res.json().result;
    assert.equal((await loginAs(apiKey, apiToken)).statusCode, 200);
    const again = await admin('POST', '/accounts', { name: 'Dup', apiKey });
    assert.equal(again.statusCode, 409);
    assert.deepEqual(again.json(), { apiKey: ['An account with this apiKey exists.'] });
    const bad = await admin('POST', '/accounts', { name: '' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { name: ['The value must not be empty.'] });
  });

  test('rotate issues a new token: the old one stops logging in, the new one works', async () => {
    const made = (await admin('POST', '/accounts', { name: 'Rot' })).json().result;
    const res = await admin('POST', `/accounts/${made.id}/rotate`, {});
    assert.equal(res.statusCode, 200);
    const rotated = res.json().result;
    assert.equal(rotated.apiKey, made.apiKey);
    assert.notEqual(rotated.apiToken, made.apiToken);
    assert.equal((await loginAs(made.apiKey, made.apiToken)).statusCode, 401);
    assert.equal((await loginAs(made.apiKey, rotated.apiToken)).statusCode, 200);
    const chosen = await admin('POST', `/accounts/${made.id}/rotate`, { apiToken: 'chosen-token-0123456789' });
    assert.equal(chosen.json().result.apiToken, 'chosen-token-0123456789');
    assert.equal((await loginAs(made.apiKey, 'chosen-token-0123456789')).statusCode, 200);
    assert.equal((await admin('POST', '/accounts/999999/rotate', {})).statusCode, 404);
  });

  test('delete removes an account: 204, its login answers 404, a second delete 404', async () => {
    const made = (await admin('POST', '/accounts', { name: 'Gone' })).json().result;
    const res = await admin('DELETE', `/accounts/${made.id}`);
    assert.equal(res.statusCode, 204);
    assert.equal((await loginAs(made.apiKey, made.apiToken)).statusCode, 404);
    assert.equal((await admin('DELETE', `/accounts/${made.id}`)).statusCode, 404);
    const bad = await admin('DELETE', '/accounts/abc');
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { id: ["The value 'abc' is not valid."] });
  });
});

describe('clock', () => {
  test('GET answers the server clock; freeze stops it, advance moves it, resume lets it run', async () => {
    const start = t.clock.now();
    const got = await admin('GET', '/clock');
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json().result, { now: start.toISOString(), frozen: false, offsetMs: 0, systemNow: start.toISOString() });

    const frozen = (await admin('POST', '/clock/freeze', {})).json().result;
    assert.equal(frozen.frozen, true);
    t.clock.advance(60_000); // the system clock moves on; the server clock does not
    assert.equal((await admin('GET', '/clock')).json().result.now, start.toISOString());

    const advanced = (await admin('POST', '/clock/advance', { by: '2h' })).json().result;
    assert.equal(advanced.now, new Date(start.getTime() + 7_200_000).toISOString());
    const resumed = (await admin('POST', '/clock/resume', {})).json().result;
    assert.equal(resumed.frozen, false);
    t.clock.advance(1000);
    assert.equal((await admin('GET', '/clock')).json().result.now, new Date(start.getTime() + 7_201_000).toISOString());
    assert.equal((await admin('DELETE', '/clock')).json().result.now, t.clock.now().toISOString());
  });

  test('moving backwards is refused with 400 and changes nothing', async () => {
    const before = (await admin('GET', '/clock')).json().result;
    const res = await admin('PUT', '/clock', { at: '2001-01-01T00:00:00Z' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { at: ['The clock does not move backwards; DELETE /campo/v1/admin/clock returns to the system clock.'] });
    assert.equal((await admin('POST', '/clock/advance', { ms: -5 })).statusCode, 400);
    assert.equal((await admin('PUT', '/clock', { at: 'tomorrow' })).statusCode, 400);
    assert.deepEqual((await admin('GET', '/clock')).json().result, before);
  });

  test('tokens expire by the server clock: advancing 31 minutes makes a token answer 401', async () => {
    await admin('POST', '/clock/freeze', {});
    const token = await t.login();
    const ok = await t.request({ method: 'GET', url: '/v2/users/?paramFilter={}', token });
    assert.equal(ok.statusCode, 200);
    await admin('POST', '/clock/advance', { by: '31m' });
    const late = await t.request({ method: 'GET', url: '/v2/users/?paramFilter={}', token });
    assert.equal(late.statusCode, 401);
    await admin('DELETE', '/clock');
  });

  test('dateLastUpdate and the login dates follow a set clock', async () => {
    await admin('POST', '/clock/freeze', { at: '2031-03-04T15:00:00Z' });
    const login = await t.app.inject({
      method: 'POST',
      url: '/v2/login/',
      payload: { apiKey: t.account.apiKey, apiToken: t.account.apiToken },
    });
    // America/Sao_Paulo is UTC-3.
    assert.equal(login.json().result.created, '2031-03-04 12:00:00');
    const token = login.json().result.accessToken;
    const made = await t.request({ method: 'POST', url: '/v2/customers/', token, payload: { name: 'Clocked' } });
    assert.equal(made.statusCode, 201);
    const got = await t.request({ method: 'GET', url: `/v2/customers/${made.json().result.id}`, token });
    assert.equal(got.json().result.dateLastUpdate.slice(0, 19), '2031-03-04T12:00:00');
    await admin('DELETE', '/clock');
  });

  test('the clock is kept in the store: a second app on the same store reads it', async () => {
    await admin('POST', '/clock/freeze', { at: '2032-01-01T00:00:00Z' });
    const second = await buildTestApp({ url: t.url, env: { AUVO_ADMIN_KEY: KEY } });
    try {
      const res = await second.app.inject({ method: 'GET', url: '/campo/v1/admin/clock', headers: { 'x-campo-admin-key': KEY } });
      assert.equal(res.json().result.now, '2032-01-01T00:00:00.000Z');
      assert.equal(res.json().result.frozen, true);
    } finally {
      await second.app.close();
      await second.store.close();
    }
    await admin('DELETE', '/clock');
  });
});

describe('rate limit', () => {
  test('the rate-limit window follows the server clock: advancing a minute lets a limited client in again', async () => {
    const limited = await buildTestApp({ env: { AUVO_ADMIN_KEY: KEY, AUVO_RATE_LIMIT: '2' } });
    try {
      const get = () => limited.app.inject({ method: 'GET', url: '/v2/login/?apiKey=x&apiToken=y' });
      assert.equal((await get()).statusCode, 404);
      assert.equal((await get()).statusCode, 404);
      const over = await get();
      assert.equal(over.statusCode, 403);
      assert.deepEqual(over.json(), { error: 'Rate limit temporarily exceeded' });
      assert.equal(over.headers['retry-after'], '60');
      const moved = await limited.app.inject({
        method: 'POST',
        url: '/campo/v1/admin/clock/advance',
        headers: { 'x-campo-admin-key': KEY },
        payload: { by: '61s' },
      });
      assert.equal(moved.statusCode, 200);
      assert.equal((await get()).statusCode, 404);
    } finally {
      await limited.close();
    }
  });
});

describe('reset', () => {
  test('empties the account: lists answer 404, the credentials still log in, ids restart', async () => {
    const made = (await admin('POST', '/accounts', { name: 'Resettable' })).json().result;
    const token = (await loginAs(made.apiKey, made.apiToken)).json().result.accessToken;
    const first = await t.request({ method: 'POST', url: '/v2/customers/', token, payload: { name: 'Before' } });
    assert.equal(first.statusCode, 201);
    const firstId = first.json().result.id;
    await t.request({ method: 'POST', url: '/v2/customers/', token, payload: { name: 'Before 2' } });

    const res = await admin('POST', `/accounts/${made.id}/reset`, {});
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().result, { accountId: made.id, adminUserId: made.adminUserId, demo: false });

    const fresh = (await loginAs(made.apiKey, made.apiToken)).json().result.accessToken;
    const list = await t.request({ method: 'GET', url: '/v2/customers/?paramFilter={}', token: fresh });
    assert.equal(list.statusCode, 404);
    const users = await t.request({ method: 'GET', url: '/v2/users/?paramFilter={}', token: fresh });
    assert.equal(users.json().result.entityList.length, 1);
    const again = await t.request({ method: 'POST', url: '/v2/customers/', token: fresh, payload: { name: 'After' } });
    assert.equal(again.json().result.id, firstId);
  });

  test('an unknown account answers 404; bad input answers 400', async () => {
    assert.equal((await admin('POST', '/accounts/999999/reset', {})).statusCode, 404);
    const bad = await admin('POST', `/accounts/${t.account.id}/reset`, { demo: 'yes' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { demo: ['The value must be of type boolean.'] });
  });
});

describe('request journal', () => {
  test('records method, path, query, status and bodies with credentials redacted; queryable and clearable', async () => {
    const made = (await admin('POST', '/accounts', { name: 'Journaled' })).json().result;
    const login = await t.app.inject({ method: 'GET', url: `/v2/login/?apiKey=${made.apiKey}&apiToken=${made.apiToken}` });
    const token = login.json().result.accessToken;
    const created = await t.request({
      method: 'POST',
      url: '/v2/users/',
      token,
      payload: userBody({ login: 'jo', password: 'segredo123' }),
    });
    assert.equal(created.statusCode, 201);
    await t.request({ method: 'GET', url: '/v2/users/999999', token });
    // A request refused for an expired token is the client's too.
    await admin('POST', '/clock/freeze', {});
    await admin('POST', '/clock/advance', { by: '31m' });
    assert.equal((await t.request({ method: 'GET', url: '/v2/users/', token })).statusCode, 401);
    await admin('DELETE', '/clock');

    const all = (await admin('GET', `/accounts/${made.id}/journal`)).json().result;
    assert.deepEqual(
      all.map((e: { method: string; path: string; status: number }) => [e.method, e.path, e.status]),
      [
        ['GET', '/v2/login/', 200],
        ['POST', '/v2/users/', 201],
        ['GET', '/v2/users/999999', 404],
        ['GET', '/v2/users/', 401],
      ],
    );
    assert.deepEqual(all[0].query, { apiKey: '<redacted>', apiToken: '<redacted>' });
    assert.equal(all[0].responseBody.result.accessToken, '<redacted>');
    assert.equal(all[1].requestBody.password, '<redacted>');
    assert.equal(all[1].requestBody.login, 'jo');
    assert.equal(all[1].responseBody.result.login, 'jo');
    assert.equal(all[1].at, t.clock.now().toISOString());
    assert.equal(all[3].at, new Date(t.clock.now().getTime() + 31 * 60_000).toISOString());
    assert.equal(typeof all[1].durationMs, 'number');

    const byStatus = (await admin('GET', `/accounts/${made.id}/journal?status=404`)).json().result;
    assert.deepEqual(
      byStatus.map((e: { path: string }) => e.path),
      ['/v2/users/999999'],
    );
    const byPath = (await admin('GET', `/accounts/${made.id}/journal?path=/v2/users*&method=post`)).json().result;
    assert.deepEqual(
      byPath.map((e: { path: string }) => e.path),
      ['/v2/users/'],
    );
    const future = (await admin('GET', `/accounts/${made.id}/journal?from=2999-01-01T00:00:00Z`)).json().result;
    assert.deepEqual(future, []);
    assert.equal((await admin('GET', `/accounts/${made.id}/journal?status=abc`)).statusCode, 400);

    const cleared = await admin('DELETE', `/accounts/${made.id}/journal`);
    assert.deepEqual(cleared.json().result, { removed: 4 });
    assert.deepEqual((await admin('GET', `/accounts/${made.id}/journal`)).json().result, []);
  });

  test('keeps only the last N per account (AUVO_REQUEST_JOURNAL) and is off by default', async () => {
    const small = await buildTestApp({ env: { AUVO_ADMIN_KEY: KEY, AUVO_REQUEST_JOURNAL: '2' } });
    const off = await buildTestApp({ env: { AUVO_ADMIN_KEY: KEY } });
    try {
      for (const app of [small, off]) {
        for (const id of [1001, 1002, 1003]) await app.request({ method: 'GET', url: `/v2/users/${id}` });
      }
      const kept = await small.app.inject({
        method: 'GET',
        url: `/campo/v1/admin/accounts/${small.account.id}/journal`,
        headers: { 'x-campo-admin-key': KEY },
      });
      assert.deepEqual(
        kept.json().result.map((e: { path: string }) => e.path),
        ['/v2/users/1002', '/v2/users/1003'],
      );
      const none = await off.app.inject({
        method: 'GET',
        url: `/campo/v1/admin/accounts/${off.account.id}/journal`,
        headers: { 'x-campo-admin-key': KEY },
      });
      assert.deepEqual(none.json().result, []);
    } finally {
      await small.close();
      await off.close();
    }
  });
});
