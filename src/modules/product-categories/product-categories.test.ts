import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(async () => t.close());

const URL = '/v2/productCategories/';
const create = async (payload: Record<string, unknown>, app = t) =>
  (await app.request({ method: 'POST', url: URL, payload })).json().result;
const events = (id: number) =>
  t.store.db
    .selectFrom('change_events')
    .selectAll()
    .where('entity', '=', 'ProductCategory')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();

describe('product categories', () => {
  test('POST answers 201 {description, id, externalId}; GET answers {id, description, externalId}', async () => {
    const res = await t.request({ method: 'POST', url: URL, payload: { description: 'Terêscio', externalId: '2016' } });
    assert.equal(res.statusCode, 201);
    const id = res.json().result.id;
    assert.deepEqual(res.json(), { result: { description: 'Terêscio', id, externalId: '2016' } });
    assert.deepEqual(Object.keys(res.json().result), ['description', 'id', 'externalId']);
    const get = await t.request({ method: 'GET', url: `${URL}${id}` });
    assert.deepEqual(get.json(), { result: { id, description: 'Terêscio', externalId: '2016' } });
    assert.deepEqual(Object.keys(get.json().result), ['id', 'description', 'externalId']);
    assert.deepEqual(JSON.parse((await events(id))[0].snapshot as string), get.json().result);
  });

  test('POST without description answers 400; externalId defaults to ""', async () => {
    const res = await t.request({ method: 'POST', url: URL, payload: { externalId: 'x' } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { description: ['The description field is required.'] });
    assert.equal((await create({ description: 'no ext' })).externalId, '');
  });

  test('PUT creates (201) and updates by id or externalId (200) with {id, externalId, description}', async () => {
    const created = await t.request({ method: 'PUT', url: URL, payload: { externalId: '906', description: 'Terêscio', id: 987654 } });
    assert.equal(created.statusCode, 201);
    const id = created.json().result.id;
    assert.notEqual(id, 987654);
    assert.deepEqual(created.json(), { result: { id, externalId: '906', description: 'Terêscio' } });
    assert.deepEqual(Object.keys(created.json().result), ['id', 'externalId', 'description']);
    const byExt = await t.request({ method: 'PUT', url: URL, payload: { externalId: '906', description: 'Renamed' } });
    assert.equal(byExt.statusCode, 200);
    assert.deepEqual(byExt.json(), { result: { id, externalId: '906', description: 'Renamed' } });
    const byId = await t.request({ method: 'PUT', url: URL, payload: { id, externalId: '907' } });
    assert.equal(byId.statusCode, 200);
    assert.deepEqual(byId.json(), { result: { id, externalId: '907', description: 'Renamed' } });
    assert.deepEqual(
      (await events(id)).map((e) => e.action),
      ['Inclusao', 'Alteracao', 'Alteracao'],
    );
    const missing = await t.request({ method: 'PUT', url: URL, payload: { externalId: 'nobody' } });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json(), { description: ['The description field is required.'] });
  });

  test('PATCH description and externalId answers {description, id, externalId}', async () => {
    const c = await create({ description: 'a', externalId: '1' });
    const res = await t.request({
      method: 'PATCH',
      url: `${URL}${c.id}`,
      payload: [
        { op: 'replace', path: 'description', value: 'description value' },
        { op: 'replace', path: 'externalId', value: 'E9' },
      ],
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { result: { description: 'description value', id: c.id, externalId: 'E9' } });
    assert.equal(
      (await t.request({ method: 'PATCH', url: `${URL}${c.id}`, payload: [{ op: 'replace', path: 'id', value: 3 }] })).statusCode,
      400,
    );
    assert.equal(
      (await t.request({ method: 'PATCH', url: `${URL}${c.id}`, payload: [{ op: 'replace', path: 'description', value: '' }] })).statusCode,
      400,
    );
  });

  test('DELETE answers 204 and is recorded; then 404', async () => {
    const c = await create({ description: 'gone' });
    assert.equal((await t.request({ method: 'DELETE', url: `${URL}${c.id}` })).statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `${URL}${c.id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `${URL}${c.id}` })).statusCode, 404);
    assert.deepEqual(
      (await events(c.id)).map((e) => e.action),
      ['Inclusao', 'Exclusao'],
    );
  });

  test('list: envelope and link form as documented, filters id, description, externalId', async () => {
    const fresh = await buildTestApp();
    try {
      const a = await create({ description: 'Peças', externalId: 'P1' }, fresh);
      const b = await create({ description: 'Ferramentas', externalId: 'F1' }, fresh);
      const res = await fresh.request({ method: 'GET', url: URL });
      assert.deepEqual(res.json().result, {
        entityList: [a, b],
        pagedSearchReturnData: { order: 0, pageSize: 10, page: 1, totalItems: 2 },
        links: [{ href: 'http://localhost:80/v2/productCategories/?Page=1&PageSize=10&Order=Asc', rel: 'self', method: 'GET' }],
      });
      const q = (f: unknown) => fresh.request({ method: 'GET', url: `${URL}?paramFilter=${encodeURIComponent(JSON.stringify(f))}` });
      assert.deepEqual((await q({ id: b.id })).json().result.entityList, [b]);
      assert.deepEqual((await q({ description: 'peç' })).json().result.entityList, [a]);
      assert.deepEqual((await q({ externalId: 'F1' })).json().result.entityList, [b]);
      assert.equal((await q({ externalId: 'f' })).statusCode, 404);
    } finally {
      await fresh.close();
    }
  });
});
