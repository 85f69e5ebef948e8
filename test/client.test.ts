// The typed client (packages/client) against a real listening server: login on first use,
// re-login after the token expires, the rate limit waited out, lists walked to the empty page,
// and the committed types matching the document the server publishes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { clientSchemaSource } from '../packages/client/generate.js';
import { type CampoClient, createCampoClient, pages } from '../packages/client/index.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

/** A fetch that records what it sends (method, path and status). */
function recordingFetch(log: string[]): typeof fetch {
  return async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const res = await fetch(req);
    log.push(`${req.method} ${new URL(req.url).pathname} ${res.status}`);
    return res;
  };
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

describe('typed client', () => {
  let t: TestApp;
  let baseUrl: string;
  let log: string[];
  let client: CampoClient;
  before(async () => {
    t = await buildTestApp();
    baseUrl = await listen(t);
  });
  after(() => t.close());

  test('logs in on the first call and creates and reads a customer with typed bodies', async () => {
    log = [];
    client = createCampoClient({ baseUrl, apiKey: t.account.apiKey, apiToken: t.account.apiToken, fetch: recordingFetch(log) });
    const created = await client.POST('/v2/customers', {
      body: { name: 'Padaria Pão Quente Ltda', externalId: 'ERP-1', address: 'Rua Augusta, 1500, São Paulo' },
    });
    assert.equal(created.response.status, 201);
    const id = created.data?.result.id as number;
    const read = await client.GET('/v2/customers/{id}', { params: { path: { id: String(id) } } });
    assert.equal(read.response.status, 200);
    assert.equal(read.data?.result.description, 'Padaria Pão Quente Ltda');
    assert.deepEqual(log, ['POST /v2/login/ 200', 'POST /v2/customers 201', `GET /v2/customers/${id} 200`]);
  });

  test('pages() yields every item of a list page by page and stops at the empty page (404)', async () => {
    for (let i = 2; i <= 23; i++) {
      const r = await client.POST('/v2/customers', {
        body: { name: `Cliente ${i}`, externalId: `ERP-${i}`, address: 'Av. Paulista, 1000' },
      });
      assert.equal(r.response.status, 201);
    }
    log.length = 0;
    const names: string[] = [];
    for await (const c of pages(client, '/v2/customers', { pageSize: '10' })) names.push(c.description as string);
    assert.equal(names.length, 23);
    assert.equal(names[0], 'Padaria Pão Quente Ltda');
    assert.deepEqual(
      log.map((l) => l.replace(/\?.*/, '')),
      ['GET /v2/customers 200', 'GET /v2/customers 200', 'GET /v2/customers 200', 'GET /v2/customers 404'],
    );
  });

  test('a call that answers 401 (expired token) logs in again and is repeated once', async () => {
    t.clock.advance(31 * 60_000);
    log.length = 0;
    const r = await client.GET('/v2/customers/{id}', { params: { path: { id: '1' } } });
    assert.equal(r.response.status, 200);
    assert.deepEqual(log, ['GET /v2/customers/1 401', 'POST /v2/login/ 200', 'GET /v2/customers/1 200']);
  });

  test('wrong credentials throw CampoLoginError with the status', async () => {
    const bad = createCampoClient({ baseUrl, apiKey: t.account.apiKey, apiToken: 'wrong-token' });
    await assert.rejects(bad.GET('/v2/customers/{id}', { params: { path: { id: '1' } } }), { name: 'CampoLoginError', status: 401 });
  });

  test('the committed types match the document the server publishes (npm run client:generate)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const expected = await clientSchemaSource(doc);
    const committed = readFileSync(new URL('../packages/client/schema.ts', import.meta.url), 'utf8');
    assert.ok(committed === expected, 'packages/client/schema.ts is stale: run npm run client:generate');
  });
});

describe('typed client under the rate limit', () => {
  let t: TestApp;
  after(() => t.close());

  test('a 403 with Retry-After is waited out (on the server clock here) and the call repeated', async () => {
    t = await buildTestApp({ env: { AUVO_RATE_LIMIT: '3' } });
    const baseUrl = await listen(t);
    const log: string[] = [];
    const waits: number[] = [];
    const client = createCampoClient({
      baseUrl,
      apiKey: t.account.apiKey,
      apiToken: t.account.apiToken,
      fetch: recordingFetch(log),
      sleep: async (ms) => {
        waits.push(ms);
        t.clock.advance(ms);
      },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await client.GET('/v2/customers/{id}', { params: { path: { id: '999' } } })).response.status);
    // Login + 2 calls fill the window of 3; the 3rd call waits, then every call answers 404 (no such customer).
    assert.deepEqual(statuses, [404, 404, 404, 404]);
    assert.ok(waits.length >= 1 && waits.every((w) => w > 0 && w <= 60_000), `waits: ${waits}`);
    assert.ok(
      log.some((l) => l.endsWith(' 403')),
      log.join('\n'),
    );
  });
});
