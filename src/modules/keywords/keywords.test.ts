import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatLocal } from '../../core/dates.js';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
  t.clock.set('2026-03-10T15:30:00Z');
});
after(async () => t.close());

// The server zone is America/Sao_Paulo (UTC-3).
const NOW = '2026-03-10T12:30:00';

async function create(description: string) {
  const res = await t.request({ method: 'POST', url: '/v2/keywords/', payload: { description } });
  assert.equal(res.statusCode, 201);
  return res.json().result as { id: number; description: string; registrationDate: string };
}

async function changes(entityId: number) {
  return t.store.db
    .selectFrom('change_events')
    .select(['entity', 'action', 'snapshot'])
    .where('entity', '=', 'Keyword')
    .where('entity_id', '=', String(entityId))
    .orderBy('seq')
    .execute();
}

describe('POST /v2/keywords/', () => {
  test('creates a keyword and answers 201 with {description, id, registrationDate} in that order', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/keywords/', payload: { description: 'Terêscio' } });
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.deepEqual(body, { result: { description: 'Terêscio', id: body.result.id, registrationDate: NOW } });
    assert.deepEqual(Object.keys(body.result), ['description', 'id', 'registrationDate']);
    const events = await changes(body.result.id);
    assert.deepEqual(
      events.map((e) => [e.action, JSON.parse(e.snapshot as string)]),
      [['Inclusao', { id: body.result.id, description: 'Terêscio', registrationDate: NOW }]],
    );
  });

  test('property names are case-insensitive', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/keywords/', payload: { DESCRIPTION: 'Upper' } });
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().result.description, 'Upper');
  });

  test('a missing or empty description answers 400 with a field map', async () => {
    for (const [payload, body] of [
      [{}, { description: ['The description field is required.'] }],
      [{ description: '' }, { description: ['The value must not be empty.'] }],
      [{ description: 5 }, undefined],
    ] as const) {
      const res = await t.request({ method: 'POST', url: '/v2/keywords/', payload });
      if (body) {
        assert.equal(res.statusCode, 400, JSON.stringify(payload));
        assert.deepEqual(res.json(), body);
      } else {
        // Numbers are coerced to strings as ASP.NET's binder does.
        assert.equal(res.statusCode, 201);
      }
    }
  });

  test('without Content-Type: application/json answers 415', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/keywords/',
      payload: 'description=x',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(res.statusCode, 415);
  });
});

describe('GET /v2/keywords/{id}', () => {
  test('answers {id, description, registrationDate}', async () => {
    const s = await create('Get me');
    const res = await t.request({ method: 'GET', url: `/v2/keywords/${s.id}` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { result: { id: s.id, description: 'Get me', registrationDate: NOW } });
    assert.deepEqual(Object.keys(res.json().result), ['id', 'description', 'registrationDate']);
  });

  test('unknown id 404 with an empty body; non-numeric id 400', async () => {
    const missing = await t.request({ method: 'GET', url: '/v2/keywords/999999' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body, '');
    const bad = await t.request({ method: 'GET', url: '/v2/keywords/x' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { id: ["The value 'x' is not valid."] });
  });

  test("another account's keyword is invisible (404)", async () => {
    const s = await create('Mine');
    const other = await t.accounts.create('Other');
    const token = await t.login(other);
    const res = await t.request({ method: 'GET', url: `/v2/keywords/${s.id}`, token });
    assert.equal(res.statusCode, 404);
  });
});

describe('PATCH /v2/keywords/{id}', () => {
  test('replaces the description and answers {description, id, registrationDate}', async () => {
    const s = await create('Before');
    t.clock.advance(60_000);
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/keywords/${s.id}`,
      payload: [{ op: 'replace', path: 'description', value: 'After' }],
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { result: { description: 'After', id: s.id, registrationDate: s.registrationDate } });
    assert.deepEqual(Object.keys(res.json().result), ['description', 'id', 'registrationDate']);
    const events = await changes(s.id);
    assert.deepEqual(
      events.map((e) => e.action),
      ['Inclusao', 'Alteracao'],
    );
    assert.deepEqual(JSON.parse(events[1].snapshot as string), { id: s.id, description: 'After', registrationDate: s.registrationDate });
  });

  test('unknown path, bad op or empty value answer 400 and change nothing; unknown id 404', async () => {
    const s = await create('Stay');
    for (const [ops, key] of [
      [[{ op: 'replace', path: 'nope', value: 1 }], 'nope'],
      [[{ op: 'copy', path: 'description', from: 'x' }], 'op'],
      [[{ op: 'replace', path: '/description', value: '' }], 'description'],
    ] as const) {
      const res = await t.request({ method: 'PATCH', url: `/v2/keywords/${s.id}`, payload: ops });
      assert.equal(res.statusCode, 400, JSON.stringify(ops));
      assert.deepEqual(Object.keys(res.json()), [key]);
    }
    assert.equal((await t.request({ method: 'GET', url: `/v2/keywords/${s.id}` })).json().result.description, 'Stay');
    const missing = await t.request({
      method: 'PATCH',
      url: '/v2/keywords/999999',
      payload: [{ op: 'replace', path: 'description', value: 'x' }],
    });
    assert.equal(missing.statusCode, 404);
  });
});

describe('DELETE /v2/keywords/{id}', () => {
  test('answers 204, then GET and a second DELETE answer 404; records Exclusao with the last state', async () => {
    const s = await create('Bye');
    const del = await t.request({ method: 'DELETE', url: `/v2/keywords/${s.id}` });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    assert.equal((await t.request({ method: 'GET', url: `/v2/keywords/${s.id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/keywords/${s.id}` })).statusCode, 404);
    const events = await changes(s.id);
    assert.deepEqual(events.at(-1)?.action, 'Exclusao');
    assert.deepEqual(JSON.parse(events.at(-1)?.snapshot as string), { id: s.id, description: 'Bye', registrationDate: s.registrationDate });
  });
});

describe('GET /v2/keywords/ (list)', () => {
  let fresh: TestApp;
  const ids: number[] = [];
  before(async () => {
    fresh = await buildTestApp();
    for (const d of ['Alpha Retail', 'Beta Industry', 'Gamma Retail']) {
      ids.push((await fresh.request({ method: 'POST', url: '/v2/keywords/', payload: { description: d } })).json().result.id);
    }
  });
  after(async () => fresh.close());
  const list = (qs: string) => fresh.request({ method: 'GET', url: `/v2/keywords/${qs}` });
  const descriptions = (res: { json(): { result: { entityList: { description: string }[] } } }) =>
    res.json().result.entityList.map((s) => s.description);

  test('lists {description, id, creationDate} items with the envelope and links (D4)', async () => {
    const res = await list('?pageSize=1');
    assert.equal(res.statusCode, 200);
    const date = formatLocal(fresh.clock.now(), 'America/Sao_Paulo');
    assert.deepEqual(res.json(), {
      result: {
        entityList: [{ description: 'Alpha Retail', id: ids[0], creationDate: date }],
        pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 3 },
        links: [
          { href: 'http://localhost:80/v2/Keywords?Page=1&PageSize=1&Order=Asc', rel: 'self', method: 'GET' },
          { href: 'http://localhost:80/v2/Keywords?Page=2&PageSize=1&Order=Asc', rel: 'nextPage', method: 'GET' },
        ],
      },
    });
  });

  test('filters by id and description (contains, any case); order desc', async () => {
    const q = (f: unknown, more = '') => list(`?paramFilter=${encodeURIComponent(JSON.stringify(f))}${more}`);
    assert.deepEqual(descriptions(await q({ id: ids[1] })), ['Beta Industry']);
    assert.deepEqual(descriptions(await q({ Description: 'retail' })), ['Alpha Retail', 'Gamma Retail']);
    assert.deepEqual(descriptions(await q({ description: 'retail' }, '&order=desc')), ['Gamma Retail', 'Alpha Retail']);
    const none = await q({ description: 'nothing' });
    assert.equal(none.statusCode, 404);
    assert.deepEqual(none.json().result.entityList, []);
    assert.equal(none.json().result.pagedSearchReturnData.totalItems, 0);
  });

  test('a malformed filter or bad paging answers 400 with the error envelope', async () => {
    for (const qs of ['?paramFilter=%7Bnope', '?page=0', '?paramFilter=%7B%22id%22%3A%22abc%22%7D']) {
      const res = await list(qs);
      assert.equal(res.statusCode, 400, qs);
      assert.deepEqual(Object.keys(res.json()), ['message', 'target', 'errorCode', 'errors']);
    }
  });
});
