import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';

type Json = Record<string, any>;

let t: TestApp;
let admin: number;
let userId: number;
let customerA: number;
let customerB: number;
let productA: number;
let productB: number;
let serviceGuid: string;
let costCode: number;
let stageOpen: number;
let stageWon: number;

const T0 = '2026-03-10T15:00:00Z'; // 12:00:00 in America/Sao_Paulo
const L0 = '2026-03-10T12:00:00';

before(async () => {
  t = await buildTestApp();
  t.clock.set(T0);
  admin = t.account.adminUserId;
  userId = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ name: 'Seller' }) })).json().result.userId;
  customerA = (await t.request({ method: 'POST', url: '/v2/customers/', payload: { name: 'Terêscio' } })).json().result.id;
  customerB = (await t.request({ method: 'POST', url: '/v2/customers/', payload: { name: 'Antunes Tech' } })).json().result.id;
  productA = Number(
    (await t.request({ method: 'POST', url: '/v2/products/', payload: { name: 'Filter', unitaryValue: '1,00' } })).json().result.code,
  );
  productB = Number(
    (await t.request({ method: 'POST', url: '/v2/products/', payload: { name: 'Pump', unitaryValue: '250,50' } })).json().result.code,
  );
  serviceGuid = (await t.request({ method: 'POST', url: '/v2/services/', payload: { title: 'Install', price: 30 } })).json().result.id;
  costCode = (await t.request({ method: 'POST', url: '/v2/additionalCosts', payload: { name: 'la pregunta', unitaryValue: 10 } })).json()
    .result.code;
  const s1 = await t.request({ method: 'POST', url: '/v2/quotationStages', payload: { description: 'Open', changeStock: false } });
  assert.equal(s1.statusCode, 201, s1.body);
  stageOpen = s1.json().result.id;
  stageWon = (await t.request({ method: 'POST', url: '/v2/quotationStages', payload: { description: 'Won', changeStock: true } })).json()
    .result.id;
});
after(async () => t.close());

async function count(table: 'quotations' | 'quotation_items' | 'quotation_alterations'): Promise<number> {
  const r = await t.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function events(id: number) {
  const rows = await t.store.db
    .selectFrom('change_events')
    .select(['action', 'snapshot'])
    .where('entity', '=', 'Quotation')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, snapshot: JSON.parse(r.snapshot as string) }));
}

function fullBody(over: Record<string, unknown> = {}) {
  return {
    customerId: customerA,
    requesterUserId: userId,
    observations: 'something',
    requestDate: '2016-03-23T18:10:00',
    currentStageId: stageOpen,
    descount: '12.00',
    products: [{ productId: productA, amout: 2, UnitaryValue: '1.00' }],
    aditionalCosts: [{ costId: costCode, value: '10.00' }],
    contacts: [{ name: 'name', job: 'job', email: 'email', phoneNumber: 12323232 }],
    ...over,
  };
}

async function post(body: Record<string, unknown>): Promise<Json> {
  const res = await t.request({ method: 'POST', url: '/v2/quotations/', payload: body });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().result;
}

describe('quotations: writes (extension)', () => {
  test('POST /v2/quotations creates a quotation with items, discount, stage and contacts (201, documented shape)', async () => {
    const q = await post(fullBody());
    const id = q.publicId as number;
    const costItemId = q.aditionalCosts[0].id;
    const altId = q.alterations[0].id;
    const contactId = q.contacts[0].id;
    const expected = {
      publicId: id,
      customerId: customerA,
      customerName: 'Terêscio',
      taskID: 0,
      descount: '12.00',
      requesterUserId: userId,
      observations: 'something',
      registerDate: L0,
      requestDate: '2016-03-23T18:10:00',
      aditionalCosts: [{ id: costItemId, costId: costCode, description: 'la pregunta', value: '10.00' }],
      alterations: [
        {
          id: altId,
          key: id,
          column: 'publicId',
          type: '1',
          userId: admin,
          date: L0,
          observations: 'Quotation created',
          value: String(id),
        },
      ],
      products: [{ productId: productA, amout: 2, UnitaryValue: '1.00' }],
      contacts: [{ id: contactId, name: 'name', job: 'job', email: 'email', phoneNumber: 12323232 }],
      summary: {
        totalProducts: 2,
        totalServices: 0,
        totalAdditionalCosts: 10,
        netTotalValue: 0,
        grossTotalValue: 12,
        discount: { type: 'Monetario', value: 12 },
      },
      CurrentStage: { id: stageOpen, description: 'Open', position: 1, changeStock: false, isCancelled: false, editAllowed: true },
    };
    assert.deepEqual(q, expected);
    assert.deepEqual(Object.keys(q), Object.keys(expected));
    const got = await t.request({ method: 'GET', url: `/v2/quotations/${id}` });
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json(), { result: expected });
    assert.deepEqual(await events(id), [{ action: 'Inclusao', snapshot: expected }]);
  });

  test('POST applies defaults: catalogue prices, quantity 1, requester = admin, request date = now, no stage', async () => {
    const q = await post({
      customerId: customerB,
      products: [{ productId: productB }],
      services: [{ serviceId: serviceGuid.toUpperCase(), quantity: '2' }],
      aditionalCosts: [{ costId: costCode }],
      discountType: 'Percentual',
      descount: 10,
    });
    assert.deepEqual(
      { ...q, alterations: [], aditionalCosts: q.aditionalCosts.map(({ id: _i, ...c }: Json) => c) },
      {
        publicId: q.publicId,
        customerId: customerB,
        customerName: 'Antunes Tech',
        taskID: 0,
        descount: '32.05',
        requesterUserId: admin,
        observations: '',
        registerDate: L0,
        requestDate: L0,
        aditionalCosts: [{ costId: costCode, description: 'la pregunta', value: '10.00' }],
        alterations: [],
        products: [{ productId: productB, amout: 1, UnitaryValue: '250.50' }],
        contacts: [],
        summary: {
          totalProducts: 250.5,
          totalServices: 60,
          totalAdditionalCosts: 10,
          netTotalValue: 288.45,
          grossTotalValue: 320.5,
          discount: { type: 'Percentual', value: 10 },
        },
        CurrentStage: null,
      },
    );
  });

  test('POST with unknown references answers 400 with every field and writes nothing', async () => {
    const before = await count('quotations');
    const res = await t.request({
      method: 'POST',
      url: '/v2/quotations',
      payload: {
        customerId: 987654,
        requesterUserId: 987654,
        taskID: 987654,
        currentStageId: 987654,
        products: [{ productId: productA }, { productId: 987654 }],
        services: [{ serviceId: '00000000-0000-0000-0000-000000000000' }],
        aditionalCosts: [{ costId: 987654 }],
      },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), {
      customerId: ['No customer with id 987654 exists.'],
      requesterUserId: ['No user with id 987654 exists.'],
      taskID: ['No task with id 987654 exists.'],
      currentStageId: ['No quotation stage with id 987654 exists.'],
      'products[1].productId': ['No product with code 987654 exists.'],
      'services[0].serviceId': ["No service with id '00000000-0000-0000-0000-000000000000' exists."],
      'aditionalCosts[0].costId': ['No additional cost with code 987654 exists.'],
    });
    assert.equal(await count('quotations'), before);
  });

  test('POST without customerId, with a bad amount, date or discount type answers 400', async () => {
    const missing = await t.request({ method: 'POST', url: '/v2/quotations', payload: { observations: 'x' } });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json(), { customerId: ['The customerId field is required.'] });
    const bad = await t.request({
      method: 'POST',
      url: '/v2/quotations',
      payload: {
        customerId: customerA,
        requestDate: '23/03/2016',
        descount: 'abc',
        discountType: 7,
        products: [{ productId: productA, amout: 'x' }],
      },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), {
      requestDate: ["The value '23/03/2016' is not a valid date (yyyy-MM-ddTHH:mm:ss)."],
      discountType: ["The value '7' is not valid; use 0 (Monetario) or 1 (Percentual)."],
      descount: ["The value 'abc' is not a valid amount."],
      'products[0].amout': ["The value 'x' is not a valid amount."],
    });
    const pct = await t.request({
      method: 'POST',
      url: '/v2/quotations',
      payload: { customerId: customerA, discountType: 1, descount: 150 },
    });
    assert.deepEqual(pct.json(), { descount: ['A percentage discount cannot exceed 100.'] });
  });

  test('PATCH changes the stage and other attributes, each change recorded in alterations (200)', async () => {
    const q = await post(fullBody());
    t.clock.set('2026-03-10T15:20:00Z');
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/quotations/${q.publicId}`,
      payload: [
        { op: 'replace', path: '/CurrentStage', value: stageWon },
        { op: 'replace', path: 'observations', value: 'approved' },
        { op: 'add', path: 'products', value: [{ productId: productA, amout: 3, UnitaryValue: 2 }] },
      ],
    });
    t.clock.set(T0);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json().result;
    assert.deepEqual(r.CurrentStage, {
      id: stageWon,
      description: 'Won',
      position: 2,
      changeStock: true,
      isCancelled: false,
      editAllowed: true,
    });
    assert.equal(r.observations, 'approved');
    assert.deepEqual(r.products, [{ productId: productA, amout: 3, UnitaryValue: '2.00' }]);
    assert.deepEqual(r.summary, {
      totalProducts: 6,
      totalServices: 0,
      totalAdditionalCosts: 10,
      netTotalValue: 4,
      grossTotalValue: 16,
      discount: { type: 'Monetario', value: 12 },
    });
    const at = '2026-03-10T12:20:00';
    assert.deepEqual(
      r.alterations.slice(1).map(({ id: _id, ...a }: Json) => a),
      [
        {
          key: q.publicId,
          column: 'observations',
          type: '2',
          userId: admin,
          date: at,
          observations: "observations: 'something' -> 'approved'",
          value: 'approved',
        },
        {
          key: q.publicId,
          column: 'CurrentStage',
          type: '2',
          userId: admin,
          date: at,
          observations: "CurrentStage: 'Open' -> 'Won'",
          value: 'Won',
        },
        {
          key: q.publicId,
          column: 'products',
          type: '2',
          userId: admin,
          date: at,
          observations: 'products: 1 item(s) -> 1 item(s)',
          value: '6.00',
        },
      ],
    );
    const ev = await events(q.publicId);
    assert.deepEqual(
      ev.map((e) => e.action),
      ['Inclusao', 'Alteracao'],
    );
    assert.deepEqual(ev[1].snapshot, r);
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/quotations/${q.publicId}` })).json().result, r);
  });

  test('PATCH errors: unknown path or stage -> 400 (nothing written), unknown id -> 404, bad id -> 400', async () => {
    const q = await post(fullBody());
    const alterations = await count('quotation_alterations');
    const badPath = await t.request({
      method: 'PATCH',
      url: `/v2/quotations/${q.publicId}`,
      payload: [{ op: 'replace', path: 'nope', value: 1 }],
    });
    assert.equal(badPath.statusCode, 400);
    assert.deepEqual(badPath.json(), { nope: ["The path 'nope' is not a patchable attribute."] });
    const badStage = await t.request({
      method: 'PATCH',
      url: `/v2/quotations/${q.publicId}`,
      payload: [{ op: 'replace', path: 'currentStageId', value: 999999 }],
    });
    assert.equal(badStage.statusCode, 400);
    assert.deepEqual(badStage.json(), { currentStageId: ['No quotation stage with id 999999 exists.'] });
    assert.equal(await count('quotation_alterations'), alterations);
    const missing = await t.request({
      method: 'PATCH',
      url: '/v2/quotations/999999',
      payload: [{ op: 'replace', path: 'observations', value: 'x' }],
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body, '');
    const badId = await t.request({ method: 'GET', url: '/v2/quotations/x' });
    assert.equal(badId.statusCode, 400);
    assert.deepEqual(badId.json(), { id: ["The value 'x' is not valid."] });
    assert.equal((await t.request({ method: 'GET', url: '/v2/quotations/999999' })).statusCode, 404);
  });

  test('PUT /v2/quotations answers 201 when it creates and 200 when it updates (matched by publicId)', async () => {
    const created = await t.request({ method: 'PUT', url: '/v2/quotations', payload: { customerId: customerA, observations: 'v1' } });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().result.publicId;
    const updated = await t.request({ method: 'PUT', url: '/v2/quotations', payload: { publicId: id, observations: 'v2', descount: 1 } });
    assert.equal(updated.statusCode, 200, updated.body);
    const r = updated.json().result;
    assert.equal(r.observations, 'v2');
    assert.equal(r.customerId, customerA);
    assert.equal(r.descount, '1.00');
    assert.deepEqual(
      r.alterations.map((a: Json) => a.column),
      ['publicId', 'observations', 'descount'],
    );
    const noCustomer = await t.request({ method: 'PUT', url: '/v2/quotations', payload: { publicId: 999999, observations: 'x' } });
    assert.equal(noCustomer.statusCode, 400);
    assert.deepEqual(noCustomer.json(), { customerId: ['The customerId field is required.'] });
  });

  test('taskID links an existing task (0 = none)', async () => {
    const task = await t.request({
      method: 'POST',
      url: '/v2/tasks/',
      payload: { taskDate: '2026-03-12T09:00:00', idUserFrom: admin, priority: 1, customerId: customerA, orientation: 'quote visit' },
    });
    assert.equal(task.statusCode, 201, task.body);
    const q = await post(fullBody({ taskID: task.json().result.taskID }));
    assert.equal(q.taskID, task.json().result.taskID);
    const cleared = await t.request({
      method: 'PATCH',
      url: `/v2/quotations/${q.publicId}`,
      payload: [{ op: 'replace', path: 'taskId', value: 0 }],
    });
    assert.equal(cleared.json().result.taskID, 0);
  });

  test('DELETE answers 204, then GET 404; the deletion is recorded with the last state', async () => {
    const q = await post(fullBody());
    const res = await t.request({ method: 'DELETE', url: `/v2/quotations/${q.publicId}` });
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    assert.equal((await t.request({ method: 'GET', url: `/v2/quotations/${q.publicId}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/quotations/${q.publicId}` })).statusCode, 404);
    const ev = await events(q.publicId);
    assert.deepEqual(ev.at(-1), { action: 'Exclusao', snapshot: q });
  });

  test('a quotation of another account is invisible (404)', async () => {
    const q = await post(fullBody());
    const other = await t.accounts.create('Other Co');
    const token = await t.login(other);
    assert.equal((await t.request({ method: 'GET', url: `/v2/quotations/${q.publicId}`, token })).statusCode, 404);
  });
});

describe('quotations: list filters', () => {
  let ids: number[] = [];
  let fresh: TestApp;
  before(async () => {
    fresh = await buildTestApp();
    fresh.clock.set(T0);
    const req = (o: Parameters<TestApp['request']>[0]) => fresh.request(o);
    const u = (await req({ method: 'POST', url: '/v2/users/', payload: userBody() })).json().result.userId;
    const c1 = (await req({ method: 'POST', url: '/v2/customers/', payload: { name: 'C1' } })).json().result.id;
    const c2 = (await req({ method: 'POST', url: '/v2/customers/', payload: { name: 'C2' } })).json().result.id;
    const p1 = Number((await req({ method: 'POST', url: '/v2/products/', payload: { name: 'P1', unitaryValue: 5 } })).json().result.code);
    const p2 = Number((await req({ method: 'POST', url: '/v2/products/', payload: { name: 'P2', unitaryValue: 7 } })).json().result.code);
    const st = (await req({ method: 'POST', url: '/v2/quotationStages', payload: { description: 'Negotiation' } })).json().result.id;
    const bodies = [
      { customerId: c1, requestDate: '2026-01-05T10:00:00', products: [{ productId: p1 }] },
      { customerId: c2, requestDate: '2026-01-10T23:59:00', requesterUserId: u, products: [{ productId: p2 }], currentStageId: st },
      { customerId: c1, requestDate: '2026-02-01T08:00:00', requesterUserId: u, products: [{ productId: p1 }, { productId: p2 }] },
    ];
    ids = [];
    for (const b of bodies) {
      const r = await req({ method: 'POST', url: '/v2/quotations', payload: b });
      assert.equal(r.statusCode, 201, r.body);
      ids.push(r.json().result.publicId);
    }
    filterRefs = { u, c1, c2, p1, p2 };
  });
  after(async () => fresh.close());
  let filterRefs: Record<string, number> = {};

  async function list(filter: unknown, extra = ''): Promise<{ status: number; ids: number[]; body: Json }> {
    const q = filter === undefined ? '' : `paramFilter=${encodeURIComponent(JSON.stringify(filter))}`;
    const res = await fresh.request({ method: 'GET', url: `/v2/quotations/?${q}${extra}` });
    const body = res.json();
    return { status: res.statusCode, ids: (body.result?.entityList ?? []).map((x: Json) => x.publicId), body };
  }

  test('without paramFilter every quotation is listed (200), ordered by publicId, with the list envelope', async () => {
    const r = await list(undefined, 'pageSize=2');
    assert.equal(r.status, 200);
    assert.deepEqual(r.ids, ids.slice(0, 2));
    assert.deepEqual(r.body.result.pagedSearchReturnData, { order: 0, pageSize: 2, page: 1, totalItems: 3 });
    assert.deepEqual(r.body.result.links, [
      { href: 'http://localhost:80/v2/quotations/?Page=1&PageSize=2&Order=Asc', rel: 'self', method: 'GET' },
      { href: 'http://localhost:80/v2/quotations/?Page=2&PageSize=2&Order=Asc', rel: 'nextPage', method: 'GET' },
    ]);
    const full = await fresh.request({ method: 'GET', url: `/v2/quotations/${ids[0]}` });
    assert.deepEqual(r.body.result.entityList[0], full.json().result);
    assert.deepEqual((await list(undefined, 'order=desc')).ids, [...ids].reverse());
  });

  test('each filter key narrows the list', async () => {
    const { u, c1, c2, p1, p2 } = filterRefs;
    assert.deepEqual((await list({ publicId: ids[1] })).ids, [ids[1]]);
    assert.deepEqual((await list({ requestStartDate: '2026-01-06', requestEndDate: '2026-01-10' })).ids, [ids[1]]);
    assert.deepEqual((await list({ requestStartDate: '2026-01-05T10:00:00', requestEndDate: '2026-01-10T23:58:59' })).ids, [ids[0]]);
    assert.deepEqual((await list({ usersId: [u] })).ids, [ids[1], ids[2]]);
    assert.deepEqual((await list({ customersId: [c2] })).ids, [ids[1]]);
    assert.deepEqual((await list({ customersId: [c1, c2] })).ids, ids);
    assert.deepEqual((await list({ productsId: [p1] })).ids, [ids[0], ids[2]]);
    assert.deepEqual((await list({ productsId: [p2], customersId: [c1] })).ids, [ids[2]]);
    assert.deepEqual((await list({ currentstage: 'NEGOTIATION' })).ids, [ids[1]]);
  });

  test('no match answers 404 with the envelope; malformed filters answer the 400 envelope', async () => {
    assert.equal((await list({ customersId: [99999999999], usersId: [99999999999] })).status, 404);
    const none = await list({ customersId: [999999] });
    assert.equal(none.status, 404);
    assert.deepEqual(none.body.result.entityList, []);
    assert.equal(none.body.result.pagedSearchReturnData.totalItems, 0);
    const bad = await fresh.request({ method: 'GET', url: '/v2/quotations/?paramFilter={bad' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), {
      message: 'The paramFilter is required as ParamQuotationFilter string json.',
      target: null,
      errorCode: 0,
      errors: null,
    });
    const badDate = await list({ requestStartDate: 'yesterday' });
    assert.equal(badDate.status, 400);
    assert.deepEqual(badDate.body, {
      message: "The paramFilter field 'requestStartDate' is not valid for ParamQuotationFilter.",
      target: null,
      errorCode: 0,
      errors: null,
    });
  });
});

describe('quotation stages (extension)', () => {
  test('POST, list and PATCH; renaming a stage renames the CurrentStage of its quotations', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/v2/quotationStages',
      payload: { description: 'Lost', isCancelled: true, editAllowed: false },
    });
    assert.equal(created.statusCode, 201);
    const stage = created.json().result;
    assert.deepEqual(stage, { id: stage.id, description: 'Lost', position: 3, changeStock: false, isCancelled: true, editAllowed: false });
    const q = await post(fullBody({ currentStageId: stage.id }));
    const patched = await t.request({
      method: 'PATCH',
      url: `/v2/quotationStages/${stage.id}`,
      payload: [{ op: 'replace', path: 'description', value: 'Lost (price)' }],
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(patched.json().result, { ...stage, description: 'Lost (price)' });
    const after = (await t.request({ method: 'GET', url: `/v2/quotations/${q.publicId}` })).json().result;
    assert.equal(after.CurrentStage.description, 'Lost (price)');
    assert.deepEqual((await events(q.publicId)).at(-1), { action: 'Alteracao', snapshot: after });
    const listed = await t.request({ method: 'GET', url: '/v2/quotationStages?pageSize=100' });
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(
      listed.json().result.entityList.map((s: Json) => s.description),
      ['Open', 'Won', 'Lost (price)'],
    );
    assert.equal(
      (
        await t.request({
          method: 'PATCH',
          url: '/v2/quotationStages/999999',
          payload: [{ op: 'replace', path: 'description', value: 'x' }],
        })
      ).statusCode,
      404,
    );
    const missing = await t.request({ method: 'POST', url: '/v2/quotationStages', payload: {} });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json(), { description: ['The description field is required.'] });
  });
});
