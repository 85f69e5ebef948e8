import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(async () => t.close());

const URL = '/v2/additionalCosts/';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const create = async (payload: Record<string, unknown>, app = t) => {
  const res = await app.request({ method: 'POST', url: URL, payload });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().result;
};
const events = (guid: string) =>
  t.store.db
    .selectFrom('change_events')
    .selectAll()
    .where('entity', '=', 'AdditionalCost')
    .where('entity_id', '=', guid)
    .orderBy('seq')
    .execute();

describe('additional costs (extension)', () => {
  test('POST answers 201 {id (GUID), name, code, unitaryValue (number), active}; GET by GUID or code', async () => {
    const res = await t.request({ method: 'POST', url: URL, payload: { name: 'Deslocamento', unitaryValue: '44,50' } });
    assert.equal(res.statusCode, 201);
    const r = res.json().result;
    assert.match(r.id, GUID);
    assert.equal(typeof r.code, 'number');
    const expected = { id: r.id, name: 'Deslocamento', code: r.code, unitaryValue: 44.5, active: true };
    assert.deepEqual(res.json(), { result: expected });
    assert.deepEqual(Object.keys(r), ['id', 'name', 'code', 'unitaryValue', 'active']);
    for (const id of [r.id, r.id.toUpperCase(), String(r.code)]) {
      assert.deepEqual((await t.request({ method: 'GET', url: `${URL}${id}` })).json(), { result: expected }, id);
    }
    assert.deepEqual(JSON.parse((await events(r.id))[0].snapshot as string), expected);
    assert.deepEqual(
      [...(await t.services.additionalCosts.existingIds(t.account.id, [r.id.toUpperCase(), '00000000-0000-0000-0000-000000000000', 'x']))],
      [r.id],
    );
    assert.deepEqual(await t.services.additionalCosts.findById(t.account.id, r.id), expected);
  });

  test('bad input answers 400; bad path ids 400; unknown ones 404', async () => {
    for (const [payload, key] of [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x', unitaryValue: 'abc' }, 'unitaryValue'],
      [{ name: 'x', unitaryValue: -2 }, 'unitaryValue'],
      [{ name: 'x', active: 'perhaps' }, 'active'],
    ] as const) {
      const res = await t.request({ method: 'POST', url: URL, payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual(Object.keys(res.json()), [key]);
    }
    const bad = await t.request({ method: 'GET', url: `${URL}not-a-guid` });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { id: ["The value 'not-a-guid' is not valid."] });
    assert.equal((await t.request({ method: 'GET', url: `${URL}00000000-0000-0000-0000-000000000000` })).statusCode, 404);
    assert.equal((await t.request({ method: 'GET', url: `${URL}999999` })).statusCode, 404);
  });

  test('PUT creates (201), then updates by GUID or code (200)', async () => {
    const created = await t.request({ method: 'PUT', url: URL, payload: { name: 'Pedágio', unitaryValue: 12 } });
    assert.equal(created.statusCode, 201);
    const c = created.json().result;
    const byGuid = await t.request({ method: 'PUT', url: URL, payload: { id: c.id, unitaryValue: '13.5' } });
    assert.equal(byGuid.statusCode, 200);
    assert.deepEqual(byGuid.json(), { result: { ...c, unitaryValue: 13.5 } });
    const byCode = await t.request({ method: 'PUT', url: URL, payload: { code: c.code, active: false } });
    assert.equal(byCode.statusCode, 200);
    assert.deepEqual(byCode.json(), { result: { ...c, unitaryValue: 13.5, active: false } });
    const unknown = await t.request({ method: 'PUT', url: URL, payload: { id: '00000000-0000-0000-0000-000000000000', name: 'New' } });
    assert.equal(unknown.statusCode, 201);
    assert.notEqual(unknown.json().result.id, '00000000-0000-0000-0000-000000000000');
    const noName = await t.request({ method: 'PUT', url: URL, payload: { unitaryValue: 1 } });
    assert.equal(noName.statusCode, 400);
    assert.deepEqual(noName.json(), { name: ['The name field is required.'] });
    const badGuid = await t.request({ method: 'PUT', url: URL, payload: { id: 'nope', name: 'x' } });
    assert.equal(badGuid.statusCode, 400);
    assert.deepEqual(Object.keys(badGuid.json()), ['id']);
    assert.deepEqual(
      (await events(c.id)).map((e) => e.action),
      ['Inclusao', 'Alteracao', 'Alteracao'],
    );
  });

  test('PATCH name, unitaryValue, active; bad paths or values 400', async () => {
    const c = await create({ name: 'Taxa', unitaryValue: 1 });
    const res = await t.request({
      method: 'PATCH',
      url: `${URL}${c.id}`,
      payload: [
        { op: 'replace', path: 'name', value: 'Taxa extra' },
        { op: 'replace', path: 'unitaryValue', value: '1.234,56' },
        { op: 'replace', path: 'active', value: 'false' },
      ],
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { result: { ...c, name: 'Taxa extra', unitaryValue: 1234.56, active: false } });
    assert.equal(
      (await t.request({ method: 'PATCH', url: `${URL}${c.code}`, payload: [{ op: 'replace', path: 'code', value: 5 }] })).statusCode,
      400,
    );
    assert.equal(
      (await t.request({ method: 'PATCH', url: `${URL}${c.code}`, payload: [{ op: 'replace', path: 'unitaryValue', value: 'x' }] }))
        .statusCode,
      400,
    );
  });

  test('DELETE answers 204 and records the last state; then 404', async () => {
    const c = await create({ name: 'Gone' });
    assert.equal((await t.request({ method: 'DELETE', url: `${URL}${c.code}` })).statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `${URL}${c.id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `${URL}${c.id}` })).statusCode, 404);
    const ev = await events(c.id);
    assert.deepEqual(
      ev.map((e) => e.action),
      ['Inclusao', 'Exclusao'],
    );
    assert.deepEqual(JSON.parse(ev[1].snapshot as string), c);
  });

  test('list: envelope, filters id, code, name, active', async () => {
    const fresh = await buildTestApp();
    try {
      const a = await create({ name: 'Deslocamento', unitaryValue: 10 }, fresh);
      const b = await create({ name: 'Estacionamento', unitaryValue: 5, active: false }, fresh);
      const res = await fresh.request({ method: 'GET', url: URL });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().result, {
        entityList: [a, b],
        pagedSearchReturnData: { order: 0, pageSize: 10, page: 1, totalItems: 2 },
        links: [{ href: 'http://localhost:80/v2/AdditionalCosts?Page=1&PageSize=10&Order=Asc', rel: 'self', method: 'GET' }],
      });
      const q = (f: unknown) => fresh.request({ method: 'GET', url: `${URL}?paramFilter=${encodeURIComponent(JSON.stringify(f))}` });
      assert.deepEqual((await q({ id: b.id })).json().result.entityList, [b]);
      assert.deepEqual((await q({ code: a.code })).json().result.entityList, [a]);
      assert.deepEqual((await q({ name: 'ESTAC' })).json().result.entityList, [b]);
      assert.deepEqual((await q({ active: true })).json().result.entityList, [a]);
      assert.equal((await q({ name: 'zzz' })).statusCode, 404);
    } finally {
      await fresh.close();
    }
  });
});
