import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(async () => t.close());

const local = (d: Date) => new Date(d.getTime() - 3 * 3600_000).toISOString().slice(0, 19);
const create = async (description: string, app = t) =>
  (await app.request({ method: 'POST', url: '/v2/expenseTypes/', payload: { description } })).json().result;
const events = (id: number) =>
  t.store.db
    .selectFrom('change_events')
    .selectAll()
    .where('entity', '=', 'ExpenseType')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();

describe('expense types', () => {
  test('POST answers 201 {id, description, creatorId, creationDate}; GET answers the same', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/expenseTypes/', payload: { description: 'Terêscio' } });
    assert.equal(res.statusCode, 201);
    const id = res.json().result.id;
    const expected = { id, description: 'Terêscio', creatorId: t.account.adminUserId, creationDate: local(t.clock.now()) };
    assert.deepEqual(res.json(), { result: expected });
    assert.deepEqual(Object.keys(res.json().result), Object.keys(expected));
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/expenseTypes/${id}` })).json(), { result: expected });
    const ev = await events(id);
    assert.deepEqual(JSON.parse(ev[0].snapshot as string), expected);
  });

  test('POST without description (or empty) answers 400 and writes nothing', async () => {
    for (const payload of [{}, { description: '' }, { description: { a: 1 } }]) {
      const res = await t.request({ method: 'POST', url: '/v2/expenseTypes/', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual(Object.keys(res.json()), ['description']);
    }
  });

  test('PATCH description answers 200 with the same shape; unknown path 400; unknown id 404', async () => {
    const x = await create('old');
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/expenseTypes/${x.id}`,
      payload: [{ op: 'replace', path: 'description', value: 'description value' }],
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { result: { ...x, description: 'description value' } });
    const bad = await t.request({
      method: 'PATCH',
      url: `/v2/expenseTypes/${x.id}`,
      payload: [{ op: 'replace', path: 'creatorId', value: 1 }],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(
      (await t.request({ method: 'PATCH', url: '/v2/expenseTypes/999999', payload: [{ op: 'replace', path: 'description', value: 'x' }] }))
        .statusCode,
      404,
    );
    assert.deepEqual(
      (await events(x.id)).map((e) => e.action),
      ['Inclusao', 'Alteracao'],
    );
  });

  test('DELETE answers 204, then 404; an expense using the type keeps typeId and answers typeName ""', async () => {
    const x = await create('to delete');
    const user = t.account.adminUserId;
    const exp = (
      await t.request({
        method: 'POST',
        url: '/v2/expenses/',
        payload: { userToId: user, typeId: x.id, date: '2026-01-10T10:00:00', amount: 10 },
      })
    ).json().result;
    assert.equal(exp.typeName, 'to delete');
    const del = await t.request({ method: 'DELETE', url: `/v2/expenseTypes/${x.id}` });
    assert.equal(del.statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/expenseTypes/${x.id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/expenseTypes/${x.id}` })).statusCode, 404);
    const after = (await t.request({ method: 'GET', url: `/v2/expenses/${exp.id}` })).json().result;
    assert.deepEqual([after.typeId, after.typeName], [x.id, '']);
    assert.deepEqual(
      (await events(x.id)).map((e) => e.action),
      ['Inclusao', 'Exclusao'],
    );
  });

  test('GET by a non-numeric id answers 400', async () => {
    const res = await t.request({ method: 'GET', url: '/v2/expenseTypes/abc' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { id: ["The value 'abc' is not valid."] });
  });

  test('list: envelope with the documented link form, filters id and description, 404 when empty', async () => {
    const fresh = await buildTestApp();
    try {
      const a = await create('Combustível', fresh);
      const b = await create('Alimentação', fresh);
      const res = await fresh.request({ method: 'GET', url: '/v2/expenseTypes/?pageSize=1&page=2' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().result, {
        entityList: [b],
        pagedSearchReturnData: { order: 0, pageSize: 1, page: 2, totalItems: 2 },
        links: [{ href: 'http://localhost:80/v2/expenseTypes/?Page=2&PageSize=1&Order=Asc', rel: 'self', method: 'GET' }],
      });
      const q = (f: unknown) =>
        fresh.request({ method: 'GET', url: `/v2/expenseTypes/?paramFilter=${encodeURIComponent(JSON.stringify(f))}` });
      assert.deepEqual((await q({ id: a.id })).json().result.entityList, [a]);
      assert.deepEqual((await q({ description: 'ALIMENT' })).json().result.entityList, [b]);
      assert.equal((await q({ description: 'zzz' })).statusCode, 404);
    } finally {
      await fresh.close();
    }
  });
});
