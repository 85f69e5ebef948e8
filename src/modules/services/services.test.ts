import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(async () => t.close());

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const fiscal = 'de6a85e3-a870-11ed-82b5-0a875964b64a';
const docBody = {
  title: 'Preventive maintenance',
  description: "Preventive maintenance service for the client's equipment.",
  price: '12.34',
  active: true,
  fiscalServiceId: fiscal,
};

async function create(body: Record<string, unknown> = docBody) {
  const res = await t.request({ method: 'POST', url: '/v2/services/', payload: body });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().result as { id: string; title: string };
}

async function changes(entityId: string) {
  return t.store.db
    .selectFrom('change_events')
    .select(['entity', 'action', 'snapshot'])
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
}

describe('POST /v2/services/', () => {
  test('creates from the documented example and answers 201 with a GUID id and the price as "12.34"', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/services/', payload: docBody });
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.match(body.result.id, GUID);
    assert.deepEqual(body, { result: { id: body.result.id, ...docBody, price: '12.34' } });
    assert.deepEqual(Object.keys(body.result), ['id', 'title', 'description', 'price', 'active', 'fiscalServiceId']);
    const ev = await changes(body.result.id);
    assert.deepEqual(
      ev.map((e) => [e.entity, e.action]),
      [['Service', 'Inclusao']],
    );
    assert.deepEqual(JSON.parse(ev[0].snapshot as string), body.result);
  });

  test('defaults: price 0.00, active true, description "", fiscalServiceId null', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/services/', payload: { title: 'Only title' } });
    assert.equal(res.statusCode, 201);
    const r = res.json().result;
    assert.deepEqual(r, { id: r.id, title: 'Only title', description: '', price: '0.00', active: true, fiscalServiceId: null });
  });

  test('price accepts a number, a dot string and a pt-BR string', async () => {
    for (const [price, out] of [
      [44, '44.00'],
      [12.5, '12.50'],
      ['1.234,56', '1234.56'],
      ['7,5', '7.50'],
    ] as const) {
      const r = (await t.request({ method: 'POST', url: '/v2/services/', payload: { title: 'p', price } })).json().result;
      assert.equal(r.price, out, String(price));
    }
  });

  test('bad input answers 400 with a field map and writes nothing', async () => {
    const before = (await t.request({ method: 'GET', url: '/v2/services/?pageSize=9999999' })).json().result.pagedSearchReturnData
      .totalItems;
    const cases: [Record<string, unknown>, string][] = [
      [{ description: 'no title' }, 'title'],
      [{ title: '' }, 'title'],
      [{ title: 'x', price: 'abc' }, 'price'],
      [{ title: 'x', price: -1 }, 'price'],
      [{ title: 'x', fiscalServiceId: 'not-a-guid' }, 'fiscalServiceId'],
      [{ title: 'x', active: 'maybe' }, 'active'],
    ];
    for (const [payload, key] of cases) {
      const res = await t.request({ method: 'POST', url: '/v2/services/', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual(Object.keys(res.json()), [key], JSON.stringify(payload));
    }
    const after = (await t.request({ method: 'GET', url: '/v2/services/?pageSize=9999999' })).json().result.pagedSearchReturnData
      .totalItems;
    assert.equal(after, before);
  });

  test('without Content-Type: application/json answers 415', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/services/', payload: 'title=x', headers: { 'content-type': 'text/plain' } });
    assert.equal(res.statusCode, 415);
  });
});

describe('GET /v2/services/{id}', () => {
  test('returns the service by GUID, any case', async () => {
    const s = await create();
    for (const id of [s.id, s.id.toUpperCase()]) {
      const res = await t.request({ method: 'GET', url: `/v2/services/${id}` });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { result: { id: s.id, ...docBody } });
    }
  });

  test('a non-GUID id answers 400 with the invalid-id map; an unknown GUID 404 with an empty body', async () => {
    const bad = await t.request({ method: 'GET', url: '/v2/services/123' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { id: ["The value '123' is not valid."] });
    const missing = await t.request({ method: 'GET', url: '/v2/services/00000000-0000-0000-0000-000000000000' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body, '');
  });

  test("another account's service is not visible", async () => {
    const s = await create();
    const other = await t.accounts.create('Other');
    const token = await t.login(other);
    assert.equal((await t.request({ method: 'GET', url: `/v2/services/${s.id}`, token })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/services/${s.id}`, token })).statusCode, 404);
  });
});

describe('PATCH /v2/services/{id}', () => {
  test('applies title (also as the documented `name`), description, price, active, fiscalServiceId', async () => {
    const s = await create();
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/services/${s.id}`,
      payload: [
        { op: 'replace', path: 'name', value: 'name value' },
        { op: 'replace', path: '/Description', value: 'd2' },
        { op: 'replace', path: 'price', value: '99,9' },
        { op: 'replace', path: 'active', value: false },
        { op: 'remove', path: 'fiscalServiceId' },
      ],
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      result: { id: s.id, title: 'name value', description: 'd2', price: '99.90', active: false, fiscalServiceId: null },
    });
    const ev = await changes(s.id);
    assert.deepEqual(
      ev.map((e) => e.action),
      ['Inclusao', 'Alteracao'],
    );
    assert.deepEqual(JSON.parse(ev[1].snapshot as string), res.json().result);
  });

  test('unknown path, bad price or empty title answer 400 and change nothing; unknown GUID 404', async () => {
    const s = await create();
    for (const [ops, key] of [
      [[{ op: 'replace', path: 'code', value: 1 }], 'code'],
      [[{ op: 'replace', path: 'price', value: 'x' }], 'price'],
      [[{ op: 'replace', path: 'title', value: '' }], 'title'],
      [[{ op: 'replace', path: 'fiscalServiceId', value: 'nope' }], 'fiscalServiceId'],
    ] as const) {
      const res = await t.request({ method: 'PATCH', url: `/v2/services/${s.id}`, payload: ops });
      assert.equal(res.statusCode, 400, JSON.stringify(ops));
      assert.deepEqual(Object.keys(res.json()), [key]);
    }
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/services/${s.id}` })).json().result, { id: s.id, ...docBody });
    const missing = await t.request({
      method: 'PATCH',
      url: '/v2/services/00000000-0000-0000-0000-000000000000',
      payload: [{ op: 'replace', path: 'title', value: 'x' }],
    });
    assert.equal(missing.statusCode, 404);
  });
});

describe('DELETE /v2/services/{id}', () => {
  test('answers 204, then GET and a second DELETE answer 404; the deletion is recorded with the last state', async () => {
    const s = await create();
    const del = await t.request({ method: 'DELETE', url: `/v2/services/${s.id}` });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    assert.equal((await t.request({ method: 'GET', url: `/v2/services/${s.id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/services/${s.id}` })).statusCode, 404);
    const ev = await changes(s.id);
    assert.equal(ev.at(-1)?.action, 'Exclusao');
    assert.deepEqual(JSON.parse(ev.at(-1)?.snapshot as string), { id: s.id, ...docBody });
    assert.deepEqual([...(await t.services.services.existingIds(t.account.id, [s.id]))], []);
  });
});

describe('GET /v2/services/ (list)', () => {
  let fresh: TestApp;
  const made: { id: string; title: string }[] = [];
  before(async () => {
    fresh = await buildTestApp();
    for (const body of [
      { title: 'Preventive maintenance', description: 'monthly check', price: 12.34, fiscalServiceId: fiscal },
      { title: 'Corrective maintenance', description: 'repair', price: '50', active: false },
      { title: 'Installation', description: 'new unit', price: '12,34' },
    ]) {
      made.push((await fresh.request({ method: 'POST', url: '/v2/services/', payload: body })).json().result);
    }
  });
  after(async () => fresh.close());
  const list = (qs: string) => fresh.request({ method: 'GET', url: `/v2/services/${qs}` });
  const q = (f: unknown) => list(`?paramFilter=${encodeURIComponent(JSON.stringify(f))}`);
  const titles = (res: { json(): { result: { entityList: { title: string }[] } } }) => res.json().result.entityList.map((s) => s.title);

  test('without paramFilter lists everything with the envelope; links name the resource `Service`', async () => {
    const res = await list('?pageSize=2');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().result, {
      entityList: [
        {
          id: made[0].id,
          title: 'Preventive maintenance',
          description: 'monthly check',
          price: '12.34',
          active: true,
          fiscalServiceId: fiscal,
        },
        { id: made[1].id, title: 'Corrective maintenance', description: 'repair', price: '50.00', active: false, fiscalServiceId: null },
      ],
      pagedSearchReturnData: { order: 0, pageSize: 2, page: 1, totalItems: 3 },
      links: [
        { href: 'http://localhost:80/v2/Service?Page=1&PageSize=2&Order=Asc', rel: 'self', method: 'GET' },
        { href: 'http://localhost:80/v2/Service?Page=2&PageSize=2&Order=Asc', rel: 'nextPage', method: 'GET' },
      ],
    });
  });

  test('filters: title, description (contains, any case), price, active, fiscalServiceId', async () => {
    assert.deepEqual(titles(await q({ title: 'MAINTENANCE' })), ['Preventive maintenance', 'Corrective maintenance']);
    assert.deepEqual(titles(await q({ description: 'Repair' })), ['Corrective maintenance']);
    assert.deepEqual(titles(await q({ price: 12.34 })), ['Preventive maintenance', 'Installation']);
    assert.deepEqual(titles(await q({ price: '50' })), ['Corrective maintenance']);
    assert.deepEqual(titles(await q({ price: '12,34' })), ['Preventive maintenance', 'Installation']);
    assert.deepEqual(titles(await q({ active: false })), ['Corrective maintenance']);
    assert.deepEqual(titles(await q({ active: 'true', title: 'main' })), ['Preventive maintenance']);
    assert.deepEqual(titles(await q({ fiscalServiceId: fiscal.toUpperCase() })), ['Preventive maintenance']);
    assert.deepEqual(titles(await q({ Title: 'install', active: null })), ['Installation']);
  });

  test('no match or a page past the end answers 404 with the envelope; order desc reverses', async () => {
    const none = await q({ title: 'nothing' });
    assert.equal(none.statusCode, 404);
    assert.deepEqual(none.json().result.pagedSearchReturnData, { order: 0, pageSize: 10, page: 1, totalItems: 0 });
    assert.equal((await list('?page=5')).statusCode, 404);
    assert.deepEqual(titles(await list('?order=desc')), ['Installation', 'Corrective maintenance', 'Preventive maintenance']);
  });

  test('a malformed filter or bad paging answers 400 with the error envelope', async () => {
    for (const qs of ['?paramFilter=%7Bnope', '?paramFilter=%7B%22price%22%3A%22abc%22%7D', '?page=0', '?order=up']) {
      const res = await list(qs);
      assert.equal(res.statusCode, 400, qs);
      assert.deepEqual(Object.keys(res.json()), ['message', 'target', 'errorCode', 'errors']);
    }
  });
});
