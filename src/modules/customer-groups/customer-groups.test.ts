import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
const customers: number[] = [];

type Json = Record<string, any>;

before(async () => {
  t = await buildTestApp();
  t.clock.set('2026-03-10T15:30:00Z');
  for (const name of ['Alpha', 'Bravo', 'Charlie']) {
    customers.push(
      (await t.request({ method: 'POST', url: '/v2/customers/', payload: { name, externalId: `X-${name}` } })).json().result.id,
    );
  }
});
after(async () => t.close());

async function create(payload: Json): Promise<Json> {
  const res = await t.request({ method: 'POST', url: '/v2/customerGroups/', payload });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().result;
}

const groupsOf = async (id: number) => (await t.request({ method: 'GET', url: `/v2/customers/${id}` })).json().result.groupsId;

async function events(entity: string, id: number) {
  const rows = await t.store.db
    .selectFrom('change_events')
    .select(['action', 'snapshot'])
    .where('entity', '=', entity)
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, snapshot: JSON.parse(r.snapshot as string) }));
}

function clientDto(id: number, name: string, groupsId: number[]) {
  return {
    id,
    externalId: `X-${name}`,
    description: name,
    cpfCnpj: '',
    phoneNumber: [],
    email: [],
    manager: '',
    managerJobPosition: '',
    note: '',
    address: '',
    latitude: 0,
    longitude: 0,
    maximumVisitTime: 0,
    unitMaximumTime: 0,
    groupsId,
    managerTeamsId: [],
    managersId: [],
    segmentId: 0,
    active: true,
    AdressComplement: '',
  };
}

describe('POST /v2/customerGroups/', () => {
  test('creates a group with clientsId: 201 {id, description, clientGroupSearchReturn: the same}; the customers show it in groupsId and move dateLastUpdate', async () => {
    t.clock.advance(60_000);
    const res = await t.request({
      method: 'POST',
      url: '/v2/customerGroups/',
      payload: { description: 'Terêscio', clientsId: [customers[0], customers[1]] },
    });
    assert.equal(res.statusCode, 201);
    const g = res.json().result;
    assert.deepEqual(res.json(), {
      result: { id: g.id, description: 'Terêscio', clientGroupSearchReturn: { id: g.id, description: 'Terêscio' } },
    });
    assert.deepEqual(await groupsOf(customers[0]), [g.id]);
    assert.deepEqual(await groupsOf(customers[2]), []);
    const c0 = (await t.request({ method: 'GET', url: `/v2/customers/${customers[0]}` })).json().result;
    assert.equal(c0.dateLastUpdate, '2026-03-10T12:31:00');
    assert.deepEqual(await events('CustomerGroup', g.id), [{ action: 'Inclusao', snapshot: { id: g.id, description: 'Terêscio' } }]);
    assert.deepEqual((await events('Customer', customers[0])).at(-1), { action: 'Alteracao', snapshot: c0 });
  });

  test('unknown customers answer 400 and nothing is written; a missing description 400', async () => {
    const before = (
      await t.store.db
        .selectFrom('customer_groups')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const res = await t.request({
      method: 'POST',
      url: '/v2/customerGroups/',
      payload: { description: 'Bad', clientsId: [customers[0], 999991] },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { clientsId: ['The customer 999991 does not exist.'] });
    const noDesc = await t.request({ method: 'POST', url: '/v2/customerGroups/', payload: { clientsId: [] } });
    assert.deepEqual([noDesc.statusCode, noDesc.json()], [400, { description: ['The description field is required.'] }]);
    const afterN = (
      await t.store.db
        .selectFrom('customer_groups')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    assert.equal(Number(afterN), Number(before));
  });
});

describe('GET /v2/customerGroups/{clientGroupId}/clients/', () => {
  test('lists the customers of the group in the documented subset shape, {entityList} only', async () => {
    const g = await create({ description: 'Clients', clientsId: [customers[2], customers[1]] });
    const res = await t.request({ method: 'GET', url: `/v2/customerGroups/${g.id}/clients/` });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(body, {
      result: {
        entityList: [clientDto(customers[1], 'Bravo', body.result.entityList[0].groupsId), clientDto(customers[2], 'Charlie', [g.id])],
      },
    });
    assert.ok(body.result.entityList[0].groupsId.includes(g.id));
  });

  test('a customer PUT with groupsId joins the group both ways', async () => {
    const g = await create({ description: 'Via customer' });
    const empty = await t.request({ method: 'GET', url: `/v2/customerGroups/${g.id}/clients` });
    assert.equal(empty.statusCode, 404);
    assert.deepEqual(empty.json(), { result: { entityList: [] } });
    await t.request({ method: 'PUT', url: '/v2/customers/', payload: { id: customers[2], groupsId: [g.id] } });
    const res = await t.request({ method: 'GET', url: `/v2/customerGroups/${g.id}/clients` });
    assert.deepEqual(
      res.json().result.entityList.map((c: Json) => c.id),
      [customers[2]],
    );
    assert.deepEqual(await groupsOf(customers[2]), [g.id]);
  });

  test('an unknown group answers 404 with an empty body; a bad id 400', async () => {
    const res = await t.request({ method: 'GET', url: '/v2/customerGroups/999999/clients' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.body, '');
    const bad = await t.request({ method: 'GET', url: '/v2/customerGroups/x/clients' });
    assert.deepEqual([bad.statusCode, bad.json()], [400, { clientGroupId: ["The value 'x' is not valid."] }]);
  });
});

describe('GET /v2/customerGroups/ (list)', () => {
  test('answers {entityList} only, filtered by id and description; 404 {entityList: []} when nothing matches', async () => {
    const a = await create({ description: 'Zeta North' });
    const b = await create({ description: 'Zeta South' });
    const q = (f: unknown) => t.request({ method: 'GET', url: `/v2/customerGroups/?paramFilter=${encodeURIComponent(JSON.stringify(f))}` });
    const res = await q({ description: 'zeta' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      result: {
        entityList: [
          { id: a.id, description: 'Zeta North' },
          { id: b.id, description: 'Zeta South' },
        ],
      },
    });
    assert.deepEqual((await q({ ID: String(b.id) })).json(), { result: { entityList: [{ id: b.id, description: 'Zeta South' }] } });
    const none = await q({ description: 'nothing at all' });
    assert.equal(none.statusCode, 404);
    assert.deepEqual(none.json(), { result: { entityList: [] } });
    const all = await t.request({ method: 'GET', url: '/v2/customerGroups/' });
    assert.equal(all.statusCode, 200);
    assert.ok(all.json().result.entityList.length >= 2);
    const bad = await t.request({ method: 'GET', url: '/v2/customerGroups/?paramFilter=%7Bx' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json()), ['message', 'target', 'errorCode', 'errors']);
  });
});

describe('DELETE /v2/customerGroups/{id}', () => {
  test("answers 204; the group leaves its customers' groupsId; then 404", async () => {
    const g = await create({ description: 'Doomed', clientsId: [customers[0]] });
    assert.ok((await groupsOf(customers[0])).includes(g.id));
    const del = await t.request({ method: 'DELETE', url: `/v2/customerGroups/${g.id}` });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    assert.ok(!(await groupsOf(customers[0])).includes(g.id));
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/customerGroups/${g.id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'GET', url: `/v2/customerGroups/${g.id}/clients` })).statusCode, 404);
    assert.deepEqual((await events('CustomerGroup', g.id)).at(-1), { action: 'Exclusao', snapshot: { id: g.id, description: 'Doomed' } });
    const bad = await t.request({ method: 'DELETE', url: '/v2/customerGroups/x' });
    assert.equal(bad.statusCode, 400);
  });
});

describe('GET and PATCH /v2/customerGroups/{id} (extensions)', () => {
  test('GET answers {id, description}; unknown 404', async () => {
    const g = await create({ description: 'Read me' });
    const res = await t.request({ method: 'GET', url: `/v2/customerGroups/${g.id}` });
    assert.deepEqual([res.statusCode, res.json()], [200, { result: { id: g.id, description: 'Read me' } }]);
    assert.equal((await t.request({ method: 'GET', url: '/v2/customerGroups/999999' })).statusCode, 404);
  });

  test('PATCH renames and replaces the members; unknown customers 400', async () => {
    const g = await create({ description: 'Patch me', clientsId: [customers[0], customers[1]] });
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/customerGroups/${g.id}`,
      payload: [
        { op: 'replace', path: 'description', value: 'Patched' },
        { op: 'replace', path: 'clientsId', value: [customers[1], customers[2]] },
      ],
    });
    assert.deepEqual([res.statusCode, res.json()], [200, { result: { id: g.id, description: 'Patched' } }]);
    assert.ok(!(await groupsOf(customers[0])).includes(g.id));
    assert.ok((await groupsOf(customers[2])).includes(g.id));
    const clients = (await t.request({ method: 'GET', url: `/v2/customerGroups/${g.id}/clients` })).json().result.entityList;
    assert.deepEqual(
      clients.map((c: Json) => c.id),
      [customers[1], customers[2]],
    );
    const bad = await t.request({
      method: 'PATCH',
      url: `/v2/customerGroups/${g.id}`,
      payload: [{ op: 'replace', path: 'clientsId', value: [999992] }],
    });
    assert.deepEqual([bad.statusCode, bad.json()], [400, { clientsId: ['The customer 999992 does not exist.'] }]);
    assert.equal(
      (
        await t.request({
          method: 'PATCH',
          url: '/v2/customerGroups/999999',
          payload: [{ op: 'replace', path: 'description', value: 'x' }],
        })
      ).statusCode,
      404,
    );
  });
});
