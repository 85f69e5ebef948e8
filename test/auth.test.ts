import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
  t.clock.set('2019-05-08T19:15:59Z');
});
after(async () => t.close());

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

describe('login (D1)', () => {
  test('GET /v2/login/?apiKey&apiToken answers 200 with the token object in server time (UTC-3)', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v2/login/?apiKey=${t.account.apiKey}&apiToken=${t.account.apiToken}` });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.match(body.result.accessToken, JWT);
    assert.deepEqual(body, {
      result: {
        authenticated: true,
        created: '2019-05-08 16:15:59',
        expiration: '2019-05-08 16:45:59',
        accessToken: body.result.accessToken,
        message: 'OK',
      },
    });
    assert.deepEqual(Object.keys(body.result), ['authenticated', 'created', 'expiration', 'accessToken', 'message']);
  });

  test('POST /v2/login/ with a JSON body answers 200 the same way (keys case-insensitive)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v2/login/',
      payload: { APIKEY: t.account.apiKey, apitoken: t.account.apiToken },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().result.authenticated, true);
    assert.equal(res.json().result.expiration, '2019-05-08 16:45:59');
  });

  test('query names and the path are case-insensitive; the trailing slash is optional', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/V2/LOGIN?APIKEY=${t.account.apiKey}&ApiToken=${t.account.apiToken}` });
    assert.equal(res.statusCode, 200);
  });

  test('missing apiKey or apiToken answers 400 with the documented map', async () => {
    for (const [qs, body] of [
      [`?apiToken=${t.account.apiToken}`, { apiKey: ['The value \'""\' is not valid.'] }],
      [`?apiKey=&apiToken=x`, { apiKey: ['The value \'""\' is not valid.'] }],
      [`?apiKey=${t.account.apiKey}`, { apiToken: ['The value \'""\' is not valid.'] }],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/v2/login/${qs}` });
      assert.equal(res.statusCode, 400, qs);
      assert.deepEqual(res.json(), body);
    }
    const post = await t.app.inject({ method: 'POST', url: '/v2/login/', payload: { apiToken: 'x' } });
    assert.deepEqual([post.statusCode, post.json()], [400, { apiKey: ['The value \'""\' is not valid.'] }]);
  });

  test('an unknown apiKey answers 404 with an empty body', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v2/login/?apiKey=nobody&apiToken=x' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.body, '');
  });

  test('a wrong apiToken answers 401 with authenticated:false and no token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v2/login/', payload: { apiKey: t.account.apiKey, apiToken: 'wrong' } });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(res.json(), { result: { authenticated: false, message: 'Invalid apiKey or apiToken.' } });
  });

  test('POST /v2/login/ without Content-Type: application/json answers 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v2/login/', headers: { 'content-type': 'text/plain' }, payload: 'apiKey=x' });
    assert.equal(res.statusCode, 415);
  });

  test('AUVO_TIMEZONE changes the zone of created/expiration', async () => {
    const utc = await buildTestApp({ env: { AUVO_TIMEZONE: 'UTC' } });
    try {
      utc.clock.set('2019-05-08T19:15:59Z');
      const res = await utc.app.inject({
        method: 'POST',
        url: '/v2/login/',
        payload: { apiKey: utc.account.apiKey, apiToken: utc.account.apiToken },
      });
      assert.deepEqual([res.json().result.created, res.json().result.expiration], ['2019-05-08 19:15:59', '2019-05-08 19:45:59']);
    } finally {
      await utc.close();
    }
  });
});

describe('bearer authentication (D2)', () => {
  const get = (authorization?: string) =>
    t.app.inject({ method: 'GET', url: `/v2/users/${t.account.adminUserId}`, headers: authorization ? { authorization } : {} });

  test('a fresh token opens the account; the scheme is case-insensitive', async () => {
    const token = await t.login();
    assert.equal((await get(`Bearer ${token}`)).statusCode, 200);
    assert.equal((await get(`bearer ${token}`)).statusCode, 200);
  });

  test('missing, malformed, foreign-signed and expired tokens answer 401, empty body, WWW-Authenticate: Bearer', async () => {
    const token = await t.login();
    const [h, p] = token.split('.');
    const forged = `${h}.${p}.${'A'.repeat(43)}`;
    for (const auth of [undefined, 'Bearer', 'Basic abc', `Bearer ${token}x`, 'Bearer a.b.c', `Bearer ${forged}`]) {
      const res = await get(auth);
      assert.equal(res.statusCode, 401, String(auth));
      assert.equal(res.body, '');
      assert.equal(res.headers['www-authenticate'], 'Bearer');
    }
    t.clock.advance(29 * 60 * 1000);
    assert.equal((await get(`Bearer ${token}`)).statusCode, 200, 'still valid at 29 minutes');
    t.clock.advance(60 * 1000 + 1);
    const expired = await get(`Bearer ${token}`);
    assert.deepEqual([expired.statusCode, expired.body, expired.headers['www-authenticate']], [401, '', 'Bearer']);
  });

  test('a token of a removed account answers 401', async () => {
    const other = await t.accounts.create('Removed Co');
    const token = await t.login(other);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/v2/users/${other.adminUserId}`, headers: { authorization: `Bearer ${token}` } }))
        .statusCode,
      200,
    );
    await t.accounts.remove(other.id);
    const res = await t.app.inject({ method: 'GET', url: `/v2/users/${other.adminUserId}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 401);
    const relogin = await t.app.inject({ method: 'POST', url: '/v2/login/', payload: { apiKey: other.apiKey, apiToken: other.apiToken } });
    assert.equal(relogin.statusCode, 404);
  });

  test('tokens survive a restart and are accepted by another node on the same store (shared secret)', async () => {
    const token = await t.login();
    const node2 = await buildTestApp({ url: t.url, clock: t.clock });
    try {
      const res = await node2.app.inject({
        method: 'GET',
        url: `/v2/users/${t.account.adminUserId}`,
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.statusCode, 200);
    } finally {
      await node2.app.close();
      await node2.store.close();
    }
  });

  test('AUVO_JWT_SECRET, when set, signs the tokens: another secret rejects them', async () => {
    const a = await buildTestApp({ env: { AUVO_JWT_SECRET: 'a'.repeat(40) } });
    try {
      const token = await a.login();
      const b = await buildTestApp({ url: a.url, env: { AUVO_JWT_SECRET: 'b'.repeat(40) }, clock: a.clock });
      try {
        const res = await b.app.inject({
          method: 'GET',
          url: `/v2/users/${a.account.adminUserId}`,
          headers: { authorization: `Bearer ${token}` },
        });
        assert.equal(res.statusCode, 401);
      } finally {
        await b.app.close();
        await b.store.close();
      }
    } finally {
      await a.close();
    }
  });
});

describe('accounts', () => {
  test('ensure() with fixed credentials is idempotent and resets a changed token', async () => {
    const first = await t.accounts.ensure('fixed-key', 'fixed-token', 'Fixed');
    const second = await t.accounts.ensure('fixed-key', 'fixed-token', 'Fixed');
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.account.id, first.account.id);
    await t.accounts.ensure('fixed-key', 'new-token');
    const res = await t.app.inject({ method: 'POST', url: '/v2/login/', payload: { apiKey: 'fixed-key', apiToken: 'new-token' } });
    assert.equal(res.statusCode, 200);
    const old = await t.app.inject({ method: 'POST', url: '/v2/login/', payload: { apiKey: 'fixed-key', apiToken: 'fixed-token' } });
    assert.equal(old.statusCode, 401);
  });

  test('api tokens are stored only as HMAC-SHA256 digests', async () => {
    const a = await t.accounts.create('Digest Co');
    const row = await t.store.db.selectFrom('accounts').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    assert.match(row.api_token_hash, /^[0-9a-f]{64}$/);
    assert.notEqual(row.api_token_hash, a.apiToken);
  });
});
