import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { VERSION } from '../src/version.js';
import { sql } from 'kysely';
import { buildTestApp, storeKind, userBody } from './helpers/app.js';

function capture() {
  const text: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      text.push(String(chunk));
      done();
    },
  });
  return { text, stream };
}

test('every answer carries X-Request-Id: a sane incoming one is kept, anything else replaced by a UUID', async () => {
  const t = await buildTestApp();
  try {
    const own = await t.request({ method: 'GET', url: `/v2/users/${t.account.adminUserId}`, headers: { 'x-request-id': 'lb-42.abc' } });
    assert.equal(own.statusCode, 200);
    assert.equal(own.headers['x-request-id'], 'lb-42.abc');
    for (const [url, headers, status] of [
      ['/v2/nothing-here', {}, 404],
      ['/v2/users/987654321', { 'x-request-id': 'x'.repeat(200) }, 404],
      ['/v2/users/', { 'x-request-id': 'bad id with spaces' }, 200],
    ] as const) {
      const res = await t.request({ method: 'GET', url, headers });
      assert.equal(res.statusCode, status, url);
      assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/, url);
    }
    const unauth = await t.app.inject({ method: 'GET', url: '/v2/users/' });
    assert.equal(unauth.statusCode, 401);
    assert.match(String(unauth.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  } finally {
    await t.close();
  }
});

test('GET /health reports version, store and Redis; 503 when the store is down', async () => {
  const t = await buildTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/health' });
  assert.deepEqual(
    [res.statusCode, res.json()],
    [200, { status: 'ok', version: VERSION, store: { kind: storeKind, state: 'up' }, redis: 'not configured' }],
  );
  await t.store.db.destroy();
  try {
    const down = await t.app.inject({ method: 'GET', url: '/health' });
    assert.deepEqual(
      [down.statusCode, down.json()],
      [503, { status: 'unavailable', version: VERSION, store: { kind: storeKind, state: 'down' }, redis: 'not configured' }],
    );
  } finally {
    await t.app.close();
    await t.scratchDrop();
  }
});

test('an unreachable REDIS_URL fails open fast: requests are not held, /health says redis is down', async () => {
  const { text, stream } = capture();
  const started = Date.now();
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  const t = await buildTestApp({ env: { AUVO_RATE_LIMIT: '100', REDIS_URL: 'redis://127.0.0.1:1' }, logger: { level: 'warn', stream } });
  try {
    assert.ok(Date.now() - started < 15_000);
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) {
      const res = await t.request({ method: 'GET', url: `/v2/users/${t.account.adminUserId}` });
      assert.equal(res.statusCode, 200);
    }
    // Five requests (and a login) without a per-request connection wait (that was 2-3 s each).
    assert.ok(Date.now() - t0 < 1500, `took ${Date.now() - t0} ms`);
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(health.statusCode, 200);
    assert.deepEqual({ status: health.json().status, redis: health.json().redis }, { status: 'degraded', redis: 'down' });
    const warnings = text
      .join('')
      .split('\n')
      .filter((l) => l.includes('REDIS_URL is unreachable'));
    assert.equal(warnings.length, 1, text.join(''));
    assert.doesNotMatch(text.join(''), /"stack"/);
  } finally {
    await t.close();
  }
});

test('GET /metrics answers the Prometheus text format: per-route counts, latency histograms, webhook queue depth', async () => {
  const t = await buildTestApp();
  try {
    await t.request({ method: 'GET', url: `/v2/users/${t.account.adminUserId}` });
    await t.request({ method: 'GET', url: '/v2/users/987654321' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const body = res.body;
    assert.match(body, /^campo_http_requests_total\{method="GET",route="\/v2\/users\/:id",status="200"\} 1$/m);
    assert.match(body, /^campo_http_requests_total\{method="GET",route="\/v2\/users\/:id",status="404"\} 1$/m);
    assert.match(body, /^campo_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/v2\/users\/:id",status="200"\} 1$/m);
    assert.match(body, /^campo_http_request_duration_seconds_count\{method="GET",route="\/v2\/users\/:id",status="200"\} 1$/m);
    assert.match(body, /^campo_webhook_queue_depth 0$/m);
    assert.match(body, /^campo_process_cpu_user_seconds_total /m);

    // A second scrape counts from the start again, not on top of the first.
    await t.request({ method: 'GET', url: `/v2/users/${t.account.adminUserId}` });
    const again = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(again, /^campo_http_requests_total\{method="GET",route="\/v2\/users\/:id",status="200"\} 2$/m);
    assert.match(again, /^campo_http_requests_total\{method="GET",route="\/v2\/users\/:id",status="404"\} 1$/m);
    assert.match(again, /^campo_http_request_duration_seconds_count\{method="GET",route="\/v2\/users\/:id",status="200"\} 2$/m);
    // The buckets are cumulative, end at the count, and the sum is the requests' time.
    const series = 'method="GET",route="/v2/users/:id",status="200"';
    const buckets = [...again.matchAll(/^campo_http_request_duration_seconds_bucket\{le="([^"]+)",(.*)\} (\d+)$/gm)]
      .filter((m) => m[2] === series)
      .map((m) => [m[1], Number(m[3])] as const);
    assert.deepEqual(
      buckets.map(([le]) => le),
      ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'],
    );
    for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i][1] >= buckets[i - 1][1], `bucket ${buckets[i][0]}`);
    assert.equal(buckets.at(-1)?.[1], 2);
    const sum = Number(
      /^campo_http_request_duration_seconds_sum\{method="GET",route="\/v2\/users\/:id",status="200"\} (\S+)$/m.exec(again)?.[1],
    );
    assert.ok(sum > 0 && sum < 60, `sum ${sum}`);
  } finally {
    await t.close();
  }
});

test('request logs never show credentials: login query, Authorization and passwords are redacted', async () => {
  const { text, stream } = capture();
  const t = await buildTestApp({ logger: { level: 'trace', stream } });
  try {
    const { apiKey, apiToken } = t.account;
    const login = await t.app.inject({ method: 'GET', url: `/v2/login/?apiKey=${apiKey}&apiToken=${encodeURIComponent(apiToken)}` });
    assert.equal(login.statusCode, 200);
    const token = login.json().result.accessToken as string;
    const res = await t.app.inject({
      method: 'GET',
      url: `/v2/users/${t.account.adminUserId}?token=abc`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 200);
    const post = await t.app.inject({
      method: 'POST',
      url: '/v2/login/',
      payload: { apiKey, apiToken, password: 'hunter2-secret' },
    });
    assert.equal(post.statusCode, 200);
    // Anything a handler or plugin logs with headers or a body is blanked too.
    t.app.log.info({ req: { headers: { authorization: 'Bearer leak-1' } }, body: { password: 'leak-2' } }, 'probe');
    const all = text.join('');
    for (const secret of [apiKey, apiToken, encodeURIComponent(apiToken), token, 'hunter2-secret', 'leak-1', 'leak-2']) {
      assert.ok(!all.includes(secret), `a log line shows ${secret}`);
    }
    assert.ok(all.includes('/v2/login/?apiKey=[redacted]&apiToken=[redacted]'), all);
    assert.ok(all.includes('?token=[redacted]'));
  } finally {
    await t.close();
  }
});

test('AUVO_CORS_ORIGINS: listed origins get CORS headers and preflights, others none; without it no CORS headers', async () => {
  const t = await buildTestApp({ env: { AUVO_CORS_ORIGINS: 'https://app.example.com,http://localhost:5173' } });
  const plain = await buildTestApp();
  try {
    const pre = await t.app.inject({
      method: 'OPTIONS',
      url: '/v2/users/',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    assert.equal(pre.statusCode, 204);
    assert.equal(pre.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.match(String(pre.headers['access-control-allow-methods']), /POST/);
    const ok = await t.request({ method: 'GET', url: '/v2/users/', headers: { origin: 'http://localhost:5173' } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['access-control-allow-origin'], 'http://localhost:5173');
    assert.match(String(ok.headers['access-control-expose-headers']), /x-request-id/);
    const other = await t.request({ method: 'GET', url: '/v2/users/', headers: { origin: 'https://evil.example' } });
    assert.equal(other.statusCode, 200);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    const none = await plain.request({ method: 'GET', url: '/v2/users/', headers: { origin: 'https://app.example.com' } });
    assert.equal(none.headers['access-control-allow-origin'], undefined);
  } finally {
    await t.close();
    await plain.close();
  }
});

test('AUVO_TRUST_PROXY: the rate limit keys on the client from X-Forwarded-For, not on the balancer', async () => {
  const env = { AUVO_RATE_LIMIT: '3' };
  const trusting = await buildTestApp({ env: { ...env, AUVO_TRUST_PROXY: '127.0.0.1' } });
  const naive = await buildTestApp({ env });
  try {
    const hit = (app: typeof naive, client: string) =>
      app.app.inject({ method: 'GET', url: '/v2/nothing', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < 3; i++) assert.equal((await hit(trusting, '203.0.113.7')).statusCode, 404);
    assert.equal((await hit(trusting, '203.0.113.7')).statusCode, 403);
    // Another client behind the same balancer has its own budget.
    assert.equal((await hit(trusting, '198.51.100.9')).statusCode, 404);
    // Without it, every client shares the balancer's address and budget.
    for (let i = 0; i < 3; i++) assert.equal((await hit(naive, '203.0.113.7')).statusCode, 404);
    assert.equal((await hit(naive, '198.51.100.9')).statusCode, 403);
  } finally {
    await trusting.close();
    await naive.close();
  }
});

test('415 and unknown routes answer a short JSON message', async () => {
  const t = await buildTestApp();
  try {
    const ct = await t.request({ method: 'POST', url: '/v2/users/', headers: { 'content-type': 'text/plain' }, payload: '{}' });
    assert.deepEqual(
      [ct.statusCode, ct.json()],
      [415, { message: 'The request body must be sent with Content-Type: application/json.', target: null, errorCode: 0, errors: null }],
    );
    const nf = await t.request({ method: 'DELETE', url: '/nope/at/all' });
    assert.deepEqual(
      [nf.statusCode, nf.json()],
      [404, { message: 'No route DELETE /nope/at/all.', target: null, errorCode: 0, errors: null }],
    );
  } finally {
    await t.close();
  }
});

test('the body limit follows AUVO_MAX_ATTACHMENT_MB: a larger body answers 413 with a JSON message', async () => {
  const t = await buildTestApp({ env: { AUVO_MAX_ATTACHMENT_MB: '1' } });
  try {
    // 1 MB as base64 plus room for the JSON around it fits in the limit; 3 MB does not.
    const fits = await t.request({
      method: 'POST',
      url: '/v2/users/',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', padding: 'a'.repeat(1_300_000) }),
    });
    assert.notEqual(fits.statusCode, 413);
    const big = await t.request({
      method: 'POST',
      url: '/v2/users/',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', padding: 'a'.repeat(3 * 1024 * 1024) }),
    });
    assert.deepEqual([big.statusCode, big.json()], [413, { body: ['The request body is too large.'] }]);
  } finally {
    await t.close();
  }
});

test('a full disk answers 507 with a JSON message, not a generic 500', async (ctx) => {
  if (storeKind !== 'sqlite') {
    ctx.skip('the full disk is simulated with SQLite max_page_count');
    return;
  }
  const t = await buildTestApp();
  try {
    // Inside a transaction, so the pragma reaches the writing connection (plain reads use another).
    await t.store.db.transaction().execute(async (trx) => {
      const pages = await sql<{ page_count: number }>`pragma page_count`.execute(trx);
      await sql.raw(`pragma max_page_count = ${pages.rows[0].page_count}`).execute(trx);
    });
    let res = await t.request({ method: 'POST', url: '/v2/users/', payload: userBody() });
    for (let i = 0; i < 200 && res.statusCode === 201; i++) {
      res = await t.request({ method: 'POST', url: '/v2/users/', payload: { ...userBody(), name: 'x'.repeat(450) } });
    }
    assert.equal(res.statusCode, 507, res.body);
    const id = res.headers['x-request-id'];
    assert.deepEqual(res.json(), {
      message: `The server is out of storage space; nothing was saved. Try again later. Request id: ${id}`,
      target: null,
      errorCode: 0,
      errors: null,
    });
  } finally {
    await t.close();
  }
});
