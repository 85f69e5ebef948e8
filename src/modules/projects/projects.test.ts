import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';
import { recurrenceDates } from './projects.service.js';

type Json = Record<string, any>;

let t: TestApp;
let tech: number;
let customer: number;
let keyword: number;
let equipment: number;
let status: string;
let productGuid: string;
let productCode: number;
let costGuid: string;
let costCode: number;
let task1: number;
let task2: number;

const T0 = '2026-03-10T15:00:00Z';

async function postOk(url: string, payload: Record<string, unknown>): Promise<Json> {
  const res = await t.request({ method: 'POST', url, payload });
  assert.ok([200, 201].includes(res.statusCode), `${url}: ${res.statusCode} ${res.body}`);
  return res.json().result;
}

before(async () => {
  t = await buildTestApp();
  t.clock.set(T0);
  tech = (await postOk('/v2/users/', userBody({ name: 'Tech' }))).userId;
  customer = (await postOk('/v2/customers/', { name: 'Antunes Tech', cpfCnpj: '90.614.997/0001-62' })).id;
  keyword = (await postOk('/v2/keywords/', { description: 'Teste QA' })).id;
  equipment = (await postOk('/v2/equipments/', { name: 'Compressor' })).id;
  status = (await postOk('/v2/serviceOrderStatuses', { description: 'Em andamento' })).id;
  const product = await postOk('/v2/products/', { name: 'Teste Ticket 8800', unitaryValue: '10,00' });
  productGuid = product.productId;
  productCode = Number(product.code);
  const cost = await postOk('/v2/additionalCosts', { name: 'Custo teste', unitaryValue: 10 });
  costGuid = cost.id;
  costCode = cost.code;
  task1 = (
    await postOk('/v2/tasks/', {
      taskDate: '2024-11-16T00:00:00',
      idUserFrom: tech,
      priority: 3,
      customerId: customer,
      orientation: 'visit 1',
      taskProducts: [{ ProductId: productGuid, Quantity: 1, Value: 10 }],
      taskAdditionalCosts: [{ AdditionalCostId: costGuid, Value: 10 }],
    })
  ).taskID;
  task2 = (
    await postOk('/v2/tasks/', {
      taskDate: '2024-11-20T08:30:00',
      idUserFrom: tech,
      idUserTo: tech,
      priority: 1,
      customerId: customer,
      externalId: 'EXT-2',
      orientation: 'visit 2',
    })
  ).taskID;
});
after(async () => t.close());

async function count(table: 'projects' | 'tasks'): Promise<number> {
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
    .where('entity', '=', 'Project')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, snapshot: JSON.parse(r.snapshot as string) }));
}

async function taskUrl(id: number): Promise<string> {
  return (await t.request({ method: 'GET', url: `/v2/tasks/${id}` })).json().result.taskUrl;
}

describe('projects: writes and reads', () => {
  test('POST /v2/serviceorders creates a project whose visits are its tasks; GET by projectCode or GUID (documented shape)', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/serviceorders',
      payload: {
        customerId: customer,
        description: 'Teste 16112024',
        statusId: status.toUpperCase(),
        defaultResponsibleId: tech,
        priority: 3,
        keywords: [keyword],
        equipments: [equipment],
        tasks: [task1],
        startDate: '2024-11-01',
        endDate: '2024-11-30',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json().result;
    const expected = {
      id: r.id,
      projectCode: r.projectCode,
      customerId: customer,
      customerName: 'Antunes Tech',
      statusId: status,
      description: 'Teste 16112024',
      taskTypeId: 0,
      defaultQuestionnaireId: 0,
      defaultResponsibleId: tech,
      priority: 3,
      keywords: [{ id: keyword, name: 'Teste QA' }],
      attachments: [],
      equipments: [equipment],
      visits: [
        {
          taskId: task1,
          externalCode: '',
          idUserFrom: tech,
          idUserTo: 0,
          customerCode: customer,
          taskTypeCode: 0,
          taskDate: '16/11/2024 00:00',
          priority: 3,
          finished: false,
          equipmentsId: [],
          taskUrl: await taskUrl(task1),
          products: [{ id: productCode, name: 'Teste Ticket 8800', quantity: 1, totalValue: 10 }],
          services: [],
          additionalCosts: [{ id: costCode, name: 'Custo teste', unitValue: 10 }],
          status: 'Aberta',
          discountType: 0,
          discountValue: 0,
          totalValue: 20,
          summary: {
            totalProducts: 10,
            totalServices: 0,
            totalAdditionalCosts: 10,
            totalValue: 20,
            discount: { value: 0, type: 'Monetary' },
          },
        },
      ],
      products: [{ id: productCode, name: 'Teste Ticket 8800', quantity: 1, totalValue: 10 }],
      services: [],
      additionalCosts: [{ id: costCode, name: 'Custo teste', unitValue: 10 }],
      reportLink: '',
      detailedReportLink: '',
      summary: {
        totalProductValue: 10,
        totalServiceValue: 0,
        totalAdditionalCostValue: 10,
        visitsDiscount: 0,
        projectDiscountValue: 0,
        projectDiscountType: 'Value',
        totalProjectValue: 20,
      },
    };
    assert.deepEqual(r, expected);
    assert.deepEqual(Object.keys(r), Object.keys(expected));
    assert.match(r.id, /^[0-9a-f-]{36}$/);
    for (const id of [r.projectCode, r.id, r.id.toUpperCase()]) {
      const got = await t.request({ method: 'GET', url: `/v2/serviceorders/${id}` });
      assert.equal(got.statusCode, 200);
      assert.deepEqual(got.json(), { result: expected });
    }
    assert.deepEqual(await events(r.projectCode), [{ action: 'Inclusao', snapshot: expected }]);
  });

  test('PATCH adds a visit and a percentage discount: project items sum by id, the summary follows', async () => {
    const r = await postOk('/v2/serviceorders', { customerId: customer, description: 'P', tasks: [task1] });
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/serviceorders/${r.projectCode}`,
      payload: [
        { op: 'add', path: 'tasks', value: [task1, task2] },
        { op: 'replace', path: '/discountType', value: 1 },
        { op: 'replace', path: 'discountValue', value: '10' },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json().result;
    assert.deepEqual(
      p.visits.map((v: Json) => [v.taskId, v.taskDate, v.externalCode, v.idUserTo, v.priority, v.totalValue]),
      [
        [task1, '16/11/2024 00:00', '', 0, 3, 20],
        [task2, '20/11/2024 08:30', 'EXT-2', tech, 1, 0],
      ],
    );
    assert.deepEqual(p.summary, {
      totalProductValue: 10,
      totalServiceValue: 0,
      totalAdditionalCostValue: 10,
      visitsDiscount: 0,
      projectDiscountValue: 10,
      projectDiscountType: 'Percentage',
      totalProjectValue: 18,
    });
    assert.deepEqual(
      (await events(r.projectCode)).map((e) => e.action),
      ['Inclusao', 'Alteracao'],
    );
    const bad = await t.request({
      method: 'PATCH',
      url: `/v2/serviceorders/${r.projectCode}`,
      payload: [{ op: 'replace', path: 'summary', value: 1 }],
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { summary: ["The path 'summary' is not a patchable attribute."] });
    const badTask = await t.request({
      method: 'PATCH',
      url: `/v2/serviceorders/${r.projectCode}`,
      payload: [{ op: 'replace', path: 'tasks', value: [999999] }],
    });
    assert.deepEqual(badTask.json(), { tasks: ['No task with id 999999 exists.'] });
    const missing = await t.request({
      method: 'PATCH',
      url: '/v2/serviceorders/999999',
      payload: [{ op: 'replace', path: 'description', value: 'x' }],
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body, '');
  });

  test('a recurrence creates one task per occurrence and makes them the visits', async () => {
    const tasksBefore = await count('tasks');
    const r = await postOk('/v2/serviceorders', {
      customerId: customer,
      description: 'Preventiva mensal',
      defaultResponsibleId: tech,
      equipments: [equipment],
      recurrence: { frequency: 'monthly', occurrences: 3, taskDate: '2026-01-31T09:00:00', orientation: 'Manutenção preventiva' },
    });
    assert.equal(await count('tasks'), tasksBefore + 3);
    assert.deepEqual(
      r.visits.map((v: Json) => [v.taskDate, v.idUserFrom, v.idUserTo, v.customerCode, v.equipmentsId, v.priority]),
      [
        ['31/01/2026 09:00', tech, tech, customer, [equipment], 2],
        ['28/02/2026 09:00', tech, tech, customer, [equipment], 2],
        ['31/03/2026 09:00', tech, tech, customer, [equipment], 2],
      ],
    );
    const task = (await t.request({ method: 'GET', url: `/v2/tasks/${r.visits[0].taskId}` })).json().result;
    assert.equal(task.orientation, 'Manutenção preventiva');
    const put = await t.request({
      method: 'PUT',
      url: '/v2/serviceorders',
      payload: {
        id: String(r.projectCode),
        recurrence: { frequency: 2, interval: 2, until: '2026-04-20', taskDate: '2026-04-01T10:00:00' },
      },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(
      put
        .json()
        .result.visits.slice(3)
        .map((v: Json) => v.taskDate),
      ['01/04/2026 10:00', '15/04/2026 10:00'],
    );
  });

  test('recurrenceDates keeps the wall-clock time and clamps months', () => {
    assert.deepEqual(recurrenceDates('2024-01-31T09:00:00', 'monthly', 1, 3, undefined), [
      '2024-01-31T09:00:00',
      '2024-02-29T09:00:00',
      '2024-03-31T09:00:00',
    ]);
    assert.deepEqual(recurrenceDates('2024-01-01T08:00:00', 'daily', 3, undefined, '2024-01-08'), [
      '2024-01-01T08:00:00',
      '2024-01-04T08:00:00',
      '2024-01-07T08:00:00',
    ]);
    assert.deepEqual(recurrenceDates('2024-01-01T08:00:00', 'weekly', 1, 2, '2024-12-31'), ['2024-01-01T08:00:00', '2024-01-08T08:00:00']);
  });

  test('unknown references and bad values answer 400 with every field; nothing is written, no task created', async () => {
    const [projects, tasks] = [await count('projects'), await count('tasks')];
    const res = await t.request({
      method: 'POST',
      url: '/v2/serviceorders',
      payload: {
        customerId: 999999,
        description: 'x',
        statusId: '00000000-0000-0000-0000-000000000000',
        taskTypeId: 999999,
        defaultQuestionnaireId: 999999,
        defaultResponsibleId: 999999,
        keywords: [keyword, 999999],
        equipments: [999999],
        tasks: [999999],
        startDate: '2024-13-01',
        discountType: 'x',
        recurrence: { frequency: 'hourly', taskDate: 'tomorrow' },
      },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), {
      customerId: ['No customer with id 999999 exists.'],
      taskTypeId: ['No task type with id 999999 exists.'],
      defaultQuestionnaireId: ['No questionnaire with id 999999 exists.'],
      defaultResponsibleId: ['No user with id 999999 exists.'],
      statusId: ["No project status with id '00000000-0000-0000-0000-000000000000' exists."],
      keywords: ['No keyword with id 999999 exists.'],
      equipments: ['No equipment with id 999999 exists.'],
      tasks: ['No task with id 999999 exists.'],
      startDate: ["The value '2024-13-01' is not a valid date (yyyy-MM-dd)."],
      discountType: ["The value 'x' is not valid; use 0 (Value) or 1 (Percentage)."],
      'recurrence.frequency': ["The value 'hourly' is not valid; use daily (1), weekly (2) or monthly (3)."],
      'recurrence.taskDate': ["The value 'tomorrow' is not a valid date (yyyy-MM-ddTHH:mm:ss)."],
      recurrence: ['Give occurrences or until.'],
    });
    assert.deepEqual([await count('projects'), await count('tasks')], [projects, tasks]);
    const missing = await t.request({ method: 'POST', url: '/v2/serviceorders', payload: { description: 'x' } });
    assert.deepEqual(missing.json(), { customerId: ['The customerId field is required.'] });
    const badId = await t.request({ method: 'GET', url: '/v2/serviceorders/abc' });
    assert.equal(badId.statusCode, 400);
    assert.deepEqual(badId.json(), { id: ["The value 'abc' is not valid."] });
  });

  test('PUT answers 201 when it creates and 200 when it updates (by externalId); DELETE 204 keeps the tasks', async () => {
    const created = await t.request({
      method: 'PUT',
      url: '/v2/serviceorders',
      payload: { externalId: 'OS-1', customerId: customer, description: 'v1', tasks: [task2] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const code = created.json().result.projectCode;
    const updated = await t.request({ method: 'PUT', url: '/v2/serviceorders', payload: { externalId: 'OS-1', description: 'v2' } });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().result.projectCode, code);
    assert.equal(updated.json().result.description, 'v2');
    assert.deepEqual(
      updated.json().result.visits.map((v: Json) => v.taskId),
      [task2],
    );
    const incomplete = await t.request({ method: 'PUT', url: '/v2/serviceorders', payload: { externalId: 'OS-NEW' } });
    assert.deepEqual(incomplete.json(), {
      customerId: ['The customerId field is required.'],
      description: ['The description field is required.'],
    });
    const del = await t.request({ method: 'DELETE', url: `/v2/serviceorders/${code}` });
    assert.equal(del.statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/serviceorders/${code}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/serviceorders/${code}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'GET', url: `/v2/tasks/${task2}` })).statusCode, 200);
    assert.deepEqual((await events(code)).at(-1), { action: 'Exclusao', snapshot: updated.json().result });
  });
});

describe('projects: list filters (PR2)', () => {
  let codes: number[] = [];
  let fresh: TestApp;
  const refs: Record<string, any> = {};
  before(async () => {
    fresh = await buildTestApp();
    const req = async (url: string, payload: Record<string, unknown>) => {
      const res = await fresh.request({ method: 'POST', url, payload });
      assert.ok(res.statusCode < 300, res.body);
      return res.json().result;
    };
    const admin2 = fresh.account.adminUserId;
    refs.c1 = (await req('/v2/customers/', { name: 'C1', cpfCnpj: '123.456.789-09' })).id;
    refs.c2 = (await req('/v2/customers/', { name: 'C2', cpfCnpj: '90614997000162' })).id;
    refs.group = (await req('/v2/customerGroups/', { description: 'G', clientsId: [refs.c2] })).id;
    refs.k1 = (await req('/v2/keywords/', { description: 'K1' })).id;
    refs.k2 = (await req('/v2/keywords/', { description: 'K2' })).id;
    refs.e1 = (await req('/v2/equipments/', { name: 'E1' })).id;
    refs.s1 = (await req('/v2/serviceOrderStatuses', { description: 'Aberto' })).id;
    refs.s2 = (await req('/v2/serviceOrderStatuses', { description: 'Fechado' })).id;
    const product = await req('/v2/products/', { name: 'P', unitaryValue: 5 });
    const service = await req('/v2/services/', { title: 'S', price: 7 });
    refs.product = Number(product.code);
    refs.service = service.id;
    refs.task = (
      await req('/v2/tasks/', {
        taskDate: '2026-02-10T14:00:00',
        idUserFrom: admin2,
        priority: 2,
        customerId: refs.c1,
        orientation: 'x',
        taskProducts: [{ ProductId: product.productId, Quantity: 2, Value: 5 }],
        taskServices: [{ ServiceId: service.id, Quantity: 1, Value: 7 }],
      })
    ).taskID;
    const bodies = [
      {
        customerId: refs.c1,
        description: 'Manutenção Norte',
        externalId: 'A1',
        keywords: [refs.k1],
        startDate: '2026-01-01',
        endDate: '2026-01-31',
        tasks: [refs.task],
      },
      {
        customerId: refs.c2,
        description: 'Instalação Sul',
        externalId: 'A2',
        keywords: [refs.k2],
        equipments: [refs.e1],
        statusId: refs.s2,
        startDate: '2026-02-01',
        endDate: '2026-03-31',
      },
      { customerId: refs.c2, description: 'manutenção leste', startDate: '2026-03-01' },
    ];
    codes = [];
    for (const b of bodies) codes.push((await req('/v2/serviceorders', b)).projectCode);
  });
  after(async () => fresh.close());

  async function list(filter: unknown, extra = ''): Promise<{ status: number; codes: number[]; body: Json }> {
    const q = filter === undefined ? '' : `paramFilter=${encodeURIComponent(JSON.stringify(filter))}`;
    const res = await fresh.request({ method: 'GET', url: `/v2/serviceorders?${q}${extra}` });
    const body = res.json();
    return { status: res.statusCode, codes: (body.result?.entityList ?? []).map((x: Json) => x.projectCode), body };
  }

  test('without paramFilter every project is listed in the condensed form with the full envelope', async () => {
    const r = await list(undefined, 'pageSize=1');
    assert.equal(r.status, 200);
    const taskUrlOf = (await fresh.request({ method: 'GET', url: `/v2/tasks/${refs.task}` })).json().result.taskUrl;
    const item = r.body.result.entityList[0];
    assert.deepEqual(item, {
      id: item.id,
      projectCode: codes[0],
      customerId: refs.c1,
      customerName: 'C1',
      statusId: refs.s1,
      description: 'Manutenção Norte',
      taskTypeId: 0,
      defaultQuestionnaireId: 0,
      defaultResponsibleId: 0,
      priority: 2,
      keywords: [{ id: refs.k1, name: 'K1' }],
      attachments: [],
      equipments: [],
      products: [refs.product],
      services: [refs.service],
      additionalCosts: [],
      visits: [
        {
          taskId: refs.task,
          taskTypeCode: 0,
          taskDate: '10/02/2026',
          priority: 2,
          finished: false,
          equipments: [],
          taskUrl: taskUrlOf,
          products: [refs.product],
          services: [refs.service],
          additionalCosts: [],
          status: 'Aberta',
        },
      ],
      reportLink: '',
      detailedReportLink: '',
    });
    assert.deepEqual(r.body.result.pagedSearchReturnData, { order: 0, pageSize: 1, page: 1, totalItems: 3 });
    assert.deepEqual(
      r.body.result.links.map((l: Json) => l.rel),
      ['self', 'nextPage'],
    );
    const full = (await fresh.request({ method: 'GET', url: `/v2/serviceorders/${codes[0]}` })).json().result;
    assert.deepEqual(full.services, [{ id: refs.service, name: 'S', quantity: 1, totalValue: 7 }]);
    assert.equal(full.summary.totalProjectValue, 17);
  });

  test('each filter key narrows the list', async () => {
    assert.deepEqual((await list({ ProjectCodes: `${codes[0]},${codes[2]}` })).codes, [codes[0], codes[2]]);
    assert.deepEqual((await list({ ExternalCodes: 'A2,A9' })).codes, [codes[1]]);
    assert.deepEqual((await list({ description: 'MANUTEN' })).codes, [codes[0], codes[2]]);
    assert.deepEqual((await list({ StartDateDuration: '2026-02-01' })).codes, [codes[1], codes[2]]);
    assert.deepEqual((await list({ EndDateDuration: '2026-02-28' })).codes, [codes[0]]);
    assert.deepEqual((await list({ KeywordCode: `${refs.k2}` })).codes, [codes[1]]);
    assert.deepEqual((await list({ KeywordCode: refs.k1 })).codes, [codes[0]]);
    assert.deepEqual((await list({ CpfCnpj: '90.614.997/0001-62' })).codes, [codes[1], codes[2]]);
    assert.deepEqual((await list({ StatusId: refs.s2 })).codes, [codes[1]]);
    assert.deepEqual((await list({ StatusId: refs.s1 })).codes, [codes[0], codes[2]]);
    assert.deepEqual((await list({ EquipmentCode: String(refs.e1) })).codes, [codes[1]]);
    assert.deepEqual((await list({ ClientCode: String(refs.c1) })).codes, [codes[0]]);
    assert.deepEqual((await list({ ClientGroupCode: String(refs.group), ClientCode: `${refs.c1},${refs.c2}` })).codes, [
      codes[1],
      codes[2],
    ]);
    assert.deepEqual((await list({}, '&order=desc')).codes, [...codes].reverse());
  });

  test('no match answers 404 with the envelope; bad filter values answer the 400 envelope', async () => {
    for (const f of [
      { ClientGroupCode: '99999999999' },
      { KeywordCode: '99999999999' },
      { ProjectCodes: '99999999999' },
      { ClientCode: '99999999999' },
    ]) {
      assert.equal((await list(f)).status, 404, JSON.stringify(f));
    }
    const none = await list({ CpfCnpj: '000' });
    assert.equal(none.status, 404);
    assert.deepEqual(none.body.result.entityList, []);
    for (const f of [{ StartDateDuration: '01/02/2026' }, { ProjectCodes: 'abc' }]) {
      const r = await list(f);
      assert.equal(r.status, 400);
      assert.deepEqual(Object.keys(r.body), ['message', 'target', 'errorCode', 'errors']);
    }
    const malformed = await fresh.request({ method: 'GET', url: '/v2/serviceorders?paramFilter=%7Bx' });
    assert.deepEqual(malformed.json(), {
      message: 'The paramFilter is required as ParamProjectFilter string json.',
      target: null,
      errorCode: 0,
      errors: null,
    });
  });

  test('the status catalogue lists what was registered', async () => {
    const r = await fresh.request({ method: 'GET', url: '/v2/serviceOrderStatuses' });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json().result.entityList, [
      { id: refs.s1, description: 'Aberto' },
      { id: refs.s2, description: 'Fechado' },
    ]);
    const bad = await fresh.request({ method: 'POST', url: '/v2/serviceOrderStatuses', payload: {} });
    assert.deepEqual(bad.json(), { description: ['The description field is required.'] });
  });
});
