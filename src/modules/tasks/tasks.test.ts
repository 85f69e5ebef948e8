import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';
import { KEYS_ATTACHMENTS, KEYS_GET, KEYS_LINES, KEYS_LISTED, KEYS_PATCHED, KEYS_WRITTEN } from './tasks.schema.js';

let t: TestApp;
// The server zone is America/Sao_Paulo (UTC-3): 15:30Z is 12:30 local.
const NOW = '2026-03-10T12:30:00';
const ADMIN_GUID = (id: number) => `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`;

type Obj = Record<string, any>;
const f: Obj = {};

/** Moves the clock and logs in again (tokens live 30 minutes on that clock). */
async function setClock(at: string) {
  t.clock.set(at);
  await t.login();
}

async function post(url: string, payload: unknown): Promise<Obj> {
  const r = await t.request({ method: 'POST', url, payload: payload as object });
  if (r.statusCode !== 201) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  return r.json().result;
}

before(async () => {
  t = await buildTestApp();
  t.clock.set('2026-03-10T15:30:00Z');
  f.admin = t.account.adminUserId;
  f.tech = (await post('/v2/users/', userBody({ name: 'Técnico Um' }))).userId;
  f.tech2 = (await post('/v2/users/', userBody({ name: 'Técnico Dois' }))).userId;
  f.customer = (
    await post('/v2/customers/', { name: 'Cliente X', externalId: 'C-10', address: 'Rua A, 1', latitude: -16.68, longitude: -49.29 })
  ).id;
  f.customer2 = (await post('/v2/customers/', { name: 'Cliente Y', address: 'Rua B', latitude: -23.5, longitude: -46.6 })).id;
  f.type = (await post('/v2/taskTypes/', { description: 'Instalação', standartTime: '01:30:00' })).id;
  f.type2 = (await post('/v2/taskTypes/', { description: 'Manutenção' })).id;
  f.kw = (await post('/v2/keywords/', { description: 'Urgente' })).id;
  f.kw2 = (await post('/v2/keywords/', { description: 'Contrato' })).id;
  f.team = (await post('/v2/teams/', { description: 'Equipe Norte', participants: [f.tech], managers: [] })).id;
  f.group = (await post('/v2/customerGroups/', { description: 'Grupo VIP', clientsId: [f.customer2] })).id;
  const q = await post('/v2/questionnaires/', { description: 'Checklist', questions: [{ answerType: 2, description: 'Tudo ok?' }] });
  f.questionnaire = q.id;
  f.question = q.questions[0].id;
  f.equipment = (await post('/v2/equipments/', { name: 'Ar condicionado' })).id;
  const p = await post('/v2/products/', { name: 'Filtro', description: 'Filtro de ar', unitaryValue: '12,50', externalId: 'P-1' });
  f.product = p.productId;
  f.productCode = p.code;
  f.product2 = (await post('/v2/products/', { name: 'Cabo', unitaryValue: 3 })).productId;
  f.service = (await post('/v2/services/', { title: 'Instalação elétrica', price: 100 })).id;
  const c = await post('/v2/additionalCosts/', { name: 'Pedágio', unitaryValue: 10 });
  f.cost = c.id;
  f.costCode = c.code;
});
after(async () => t.close());

const base = () => ({
  idUserFrom: f.admin,
  address: 'Av. Central, 100',
  latitude: -16.6872,
  longitude: -49.2995,
  orientation: 'Verificar o equipamento',
  priority: 1,
  taskDate: '2026-03-12T09:00:00',
});

async function create(over: Obj = {}): Promise<Obj> {
  return post('/v2/tasks/', { ...base(), ...over });
}
const get = async (id: number) => t.request({ method: 'GET', url: `/v2/tasks/${id}` });
const list = async (filter: Obj | string | undefined, extra = '', path = '/v2/tasks/') => {
  const pf = filter === undefined ? '' : `paramFilter=${encodeURIComponent(typeof filter === 'string' ? filter : JSON.stringify(filter))}`;
  return t.request({ method: 'GET', url: `${path}?${pf}${extra}` });
};
const MARCH = { startDate: '2026-03-01T00:00:00', endDate: '2026-03-31T23:59:59' };
const ids = (res: { json(): Obj }) => (res.json().result.entityList as Obj[]).map((x) => x.taskID);
const events = (id: number) =>
  t.store.db
    .selectFrom('change_events')
    .select(['action', 'user_id', 'snapshot'])
    .where('entity', '=', 'Task')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
const taskCount = async () =>
  Number(
    (
      await t.store.db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const field = (id: number, action: string, payload: Obj = {}) =>
  t.request({ method: 'POST', url: `/campo/v1/tasks/${id}/${action}`, payload });

describe('POST /v2/tasks/ and GET /v2/tasks/{id}', () => {
  test('creates a task: 201 with the documented POST shape; GET answers the full model with derived names', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/tasks/',
      payload: {
        ...base(),
        externalId: 'T-1',
        idUserTo: f.tech,
        TeamId: f.team,
        customerId: f.customer,
        taskType: f.type,
        questionnaireId: f.questionnaire,
        checkinType: 2,
        priority: 3,
        keyWords: [f.kw, String(f.kw2)],
        equipmentsId: [f.equipment],
        sendSatisfactionSurvey: true,
        financialCategory: 'Serviços',
        attachments: [{ name: 'laudo.pdf', file: Buffer.from('%PDF-1.4 test').toString('base64') }],
        taskProducts: [{ ProductId: f.product, Quantity: '2', Value: '12,50' }],
        taskServices: [{ ServiceId: f.service, Quantity: 1, Value: '100', DiscountType: '1', DiscountValue: '10' }],
        taskAdditionalCosts: [{ AdditionalCostId: f.cost, Value: 10 }],
        taskDiscount: { type: 0, value: '5,00' },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json().result;
    assert.deepEqual(Object.keys(r), KEYS_WRITTEN);
    const guid = /formulario\/([0-9a-f-]{36})$/.exec(r.survey)?.[1] as string;
    assert.ok(guid, r.survey);
    assert.match(r.taskUrl, new RegExp(`^http://localhost:\\d+/campo/v1/informacoes/tarefa/${guid}\\?chave=[\\w-]+$`));
    const attachment = {
      id: r.attachments[0].id,
      url: r.attachments[0].url,
      attachmentType: 1,
      subtitle: '',
      description: 'laudo.pdf',
      extension: 'pdf',
    };
    assert.match(attachment.url, /\/campo\/v1\/files\/[\w-]+\/laudo\.pdf$/);
    const responsible = { userResponsible: ADMIN_GUID(f.admin), userResponsibleCode: f.admin, dateRegister: NOW, dateEdit: NOW };
    const product = {
      productId: f.product,
      code: f.productCode,
      name: 'Filtro',
      description: 'Filtro de ar',
      quantity: 2,
      unitaryValue: 12.5,
      totalValue: 25,
      ...responsible,
      discount: { value: 0, type: 'Valor' },
    };
    const service = {
      id: f.service,
      name: 'Instalação elétrica',
      quantity: 1,
      unitaryValue: 100,
      totalValue: 90,
      ...responsible,
      discount: { value: 10, type: 'Percentual' },
    };
    const summary = {
      totalProducts: 25,
      totalServices: 90,
      totalAdditionalCosts: 10,
      totalValue: 120,
      discount: { value: 5, type: 'Valor' },
    };
    const common = {
      taskID: r.taskID,
      externalId: 'T-1',
      idUserFrom: f.admin,
      idUserTo: f.tech,
      customerId: f.customer,
      customerExternalId: 'C-10',
      customerDescription: 'Cliente X',
      taskType: f.type,
      creationDate: NOW,
      taskDate: '2026-03-12T09:00:00',
      latitude: -16.6872,
      longitude: -49.2995,
      address: 'Av. Central, 100',
      orientation: 'Verificar o equipamento',
      priority: 3,
      deliveredOnSmarthPhone: false,
      deliveredDate: '0001-01-01T00:00:00',
      finished: false,
      report: '',
      visualized: false,
      visualizedDate: '',
      checkIn: false,
      checkInDate: '',
      checkOut: false,
      checkOutDate: '',
      checkinType: 2,
      keyWords: [String(f.kw), String(f.kw2)],
      inputedKm: 0,
      adoptedKm: 0,
      attachments: [attachment],
      questionnaires: [],
      signatureUrl: '',
      checkInDistance: 0,
      checkOutDistance: 0,
      survey: r.survey,
      taskUrl: r.taskUrl,
      pendency: '',
      dateLastUpdate: NOW,
      ticketId: 0,
      ticketTitle: '',
      signatureName: '',
      signatureDocument: '',
      expense: '0,00',
      taskStatus: 1,
      financialCategory: 'Serviços',
    };
    const cost = { additionalCostId: f.cost, code: String(f.costCode), name: 'Pedágio', unitaryValue: 10, ...responsible };
    assert.deepEqual(res.json(), {
      result: { ...common, products: [product], services: [service], additionalCosts: [cost], summary },
    });
    const g = await get(r.taskID);
    assert.equal(g.statusCode, 200);
    assert.deepEqual(Object.keys(g.json().result), KEYS_GET);
    assert.deepEqual(g.json().result, {
      ...common,
      userToName: 'Técnico Um',
      userFromName: 'Test Company',
      taskTypeDescription: 'Instalação',
      equipmentsId: [f.equipment],
      keyWordsDescriptions: ['Urgente', 'Contrato'],
      sendSatisfactionSurvey: true,
      duration: '',
      durationDecimal: '',
      displacementStart: '',
      products: [product],
      services: [service],
      additionalCosts: [cost],
      summary,
      estimatedDuration: '01:30:00',
    });
    // The attachment is served back unchanged.
    const file = await t.app.inject({ method: 'GET', url: new URL(attachment.url).pathname });
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, '%PDF-1.4 test');
    // One change event, as GET returns the task, attributed to the assignee.
    const ev = await events(r.taskID);
    assert.deepEqual(
      ev.map((e) => [e.action, e.user_id]),
      [['Inclusao', f.tech]],
    );
    assert.deepEqual(JSON.parse(ev[0].snapshot as string), g.json().result);
    f.full = r.taskID;
  });

  test('the questionnaires list filter taskIDs finds the questionnaire a task uses', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/v2/questionnaires/?paramFilter=${encodeURIComponent(JSON.stringify({ taskIDs: [f.full] }))}`,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res.json().result.entityList.map((q: Obj) => q.id),
      [f.questionnaire],
    );
  });

  test('idUserFrom 0 is not a user; ids beyond any row are unknown, not errors', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/tasks/', payload: { ...base(), idUserFrom: 0 } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { idUserFrom: ["The user '0' does not exist in this account."] });
    const huge = await t.request({
      method: 'POST',
      url: '/v2/tasks/',
      payload: { ...base(), idUserTo: 99999999999, customerId: 99999999999 },
    });
    assert.equal(huge.statusCode, 400);
    assert.deepEqual(huge.json(), {
      idUserTo: ["The user '99999999999' does not exist in this account."],
      customerId: ["The customer '99999999999' does not exist in this account."],
    });
  });

  test('the public taskUrl answers the task; a wrong chave is 404', async () => {
    const g = (await get(f.full)).json().result;
    const u = new URL(g.taskUrl);
    const ok = await t.app.inject({ method: 'GET', url: `${u.pathname}${u.search}` });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json().result, g);
    const bad = await t.app.inject({ method: 'GET', url: `${u.pathname}?chave=nope` });
    assert.equal(bad.statusCode, 404);
  });

  test('missing address and coordinates come from the customer; taskDate defaults to now', async () => {
    const { address: _a, latitude: _la, longitude: _lo, taskDate: _d, ...rest } = base();
    const r = await post('/v2/tasks/', { ...rest, customerId: f.customer });
    assert.equal(r.address, 'Rua A, 1');
    assert.equal(r.latitude, -16.68);
    assert.equal(r.longitude, -49.29);
    assert.equal(r.taskDate, NOW);
  });

  test('required attributes answer 400 with a field map and write nothing', async () => {
    const before = await taskCount();
    const res = await t.request({ method: 'POST', url: '/v2/tasks/', payload: {} });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), {
      idUserFrom: ['The idUserFrom field is required.'],
      orientation: ['The orientation field is required.'],
      priority: ['The priority field is required.'],
      address: ['The address field is required when no customerId is given.'],
      latitude: ['The latitude field is required when no customerId is given.'],
      longitude: ['The longitude field is required when no customerId is given.'],
    });
    assert.equal(await taskCount(), before);
  });

  test('out-of-range priority, checkinType, dates and decimals answer 400', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/tasks/',
      payload: {
        ...base(),
        priority: 4,
        checkinType: 0,
        taskDate: '2026-02-30T10:00:00',
        taskProducts: [{ ProductId: 'not-a-guid', Quantity: 'abc', Value: '-1' }],
        taskDiscount: { type: 7, value: '1' },
      },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), {
      priority: ['The priority must be 1 (low), 2 (medium) or 3 (high).'],
      checkinType: ['The checkinType must be 1 (manual), 2 (automatic) or 3 (user).'],
      taskDate: ["The value '2026-02-30T10:00:00' is not a valid date (yyyy-MM-ddTHH:mm:ss)."],
      'taskDiscount.type': ["The value '7' is not valid; use 0 (monetary value) or 1 (percentage)."],
      'taskProducts[0].ProductId': ["The value 'not-a-guid' is not a valid id."],
      'taskProducts[0].Quantity': ["The value 'abc' is not a valid decimal."],
      'taskProducts[0].Value': ["The value '-1' is not a valid decimal."],
    });
  });

  test('every unknown reference answers 400 naming it, and nothing is written', async () => {
    const before = await taskCount();
    const ghost = '11111111-2222-3333-4444-555555555555';
    const res = await t.request({
      method: 'POST',
      url: '/v2/tasks/',
      payload: {
        ...base(),
        idUserFrom: 9999,
        idUserTo: 9998,
        customerId: 9997,
        taskType: 9996,
        teamId: 9995,
        questionnaireId: 9994,
        keyWords: [9993],
        equipmentsId: [9992],
        taskProducts: [{ ProductId: ghost, Quantity: 1, Value: 1 }],
        taskServices: [{ ServiceId: ghost, Quantity: 1, Value: 1 }],
        taskAdditionalCosts: [{ AdditionalCostId: ghost, Value: 1 }],
      },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), {
      idUserFrom: ["The user '9999' does not exist in this account."],
      idUserTo: ["The user '9998' does not exist in this account."],
      customerId: ["The customer '9997' does not exist in this account."],
      taskType: ["The task type '9996' does not exist in this account."],
      teamId: ["The team '9995' does not exist in this account."],
      questionnaireId: ["The questionnaire '9994' does not exist in this account."],
      'keyWords[0]': ["The keyword '9993' does not exist in this account."],
      'equipmentsId[0]': ["The equipment '9992' does not exist in this account."],
      'taskProducts[0].ProductId': [`The ProductId '${ghost}' does not exist in this account.`],
      'taskServices[0].ServiceId': [`The ServiceId '${ghost}' does not exist in this account.`],
      'taskAdditionalCosts[0].AdditionalCostId': [`The AdditionalCostId '${ghost}' does not exist in this account.`],
    });
    assert.equal(await taskCount(), before);
  });

  test('an attachment without an extension answers 400', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/tasks/',
      payload: { ...base(), attachments: [{ name: 'laudo', file: 'aGVsbG8=' }] },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { 'attachments[0].name': ['The name must include the file extension (e.g. "my_file.pdf").'] });
  });

  test("GET of an unknown or another account's task is 404; a bad id is 400", async () => {
    assert.equal((await get(987654)).statusCode, 404);
    const bad = await t.request({ method: 'GET', url: '/v2/tasks/x' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { id: ["The value 'x' is not valid."] });
    const other = await t.accounts.create('Other Co');
    const res = await t.request({ method: 'GET', url: `/v2/tasks/${f.full}`, token: await t.login(other) });
    assert.equal(res.statusCode, 404, res.body);
    await t.login();
  });
});

describe('PUT /v2/tasks/ (upsert)', () => {
  test('creates (201) when nothing matches, updates by id (200), then by externalId (200)', async () => {
    const created = await t.request({ method: 'PUT', url: '/v2/tasks/', payload: { ...base(), externalId: 'UP-1', id: 777777 } });
    assert.equal(created.statusCode, 201);
    const c = created.json().result;
    assert.deepEqual(Object.keys(c), KEYS_WRITTEN);
    assert.notEqual(c.taskID, 777777);
    await setClock('2026-03-10T15:31:00Z');
    const byId = await t.request({ method: 'PUT', url: '/v2/tasks/', payload: { id: c.taskID, orientation: 'Nova orientação' } });
    assert.equal(byId.statusCode, 200);
    assert.equal(byId.json().result.orientation, 'Nova orientação');
    assert.equal(byId.json().result.address, 'Av. Central, 100');
    assert.equal(byId.json().result.dateLastUpdate, '2026-03-10T12:31:00');
    const byExt = await t.request({
      method: 'PUT',
      url: '/v2/tasks/',
      payload: { externalId: 'UP-1', priority: 2, taskProducts: [{ ProductId: f.product, Quantity: '1', Value: '1.234,56' }] },
    });
    assert.equal(byExt.statusCode, 200);
    const r = byExt.json().result;
    assert.equal(r.taskID, c.taskID);
    assert.equal(r.priority, 2);
    // The PUT example alone shows the product externalId, right after productId.
    assert.deepEqual(Object.keys(r.products[0]).slice(0, 3), ['productId', 'externalId', 'code']);
    assert.equal(r.products[0].externalId, 'P-1');
    assert.equal(r.products[0].unitaryValue, 1234.56);
    assert.equal(r.summary.totalValue, 1234.56);
    assert.deepEqual(
      (await events(c.taskID)).map((e) => e.action),
      ['Inclusao', 'Alteracao', 'Alteracao'],
    );
    await setClock('2026-03-10T15:30:00Z');
  });

  test('creating through PUT needs the POST-required attributes', async () => {
    const res = await t.request({ method: 'PUT', url: '/v2/tasks/', payload: { externalId: 'NEW-X', orientation: 'x' } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(Object.keys(res.json()), ['idUserFrom', 'priority', 'address', 'latitude', 'longitude']);
  });
});

describe('PATCH /v2/tasks/{id}', () => {
  test('replaces documented paths (any case, with or without a slash) and answers the PATCH shape', async () => {
    const c = await create({ idUserTo: f.tech, keyWords: [f.kw] });
    await setClock('2026-03-10T16:00:00Z');
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/tasks/${c.taskID}`,
      payload: [
        { op: 'replace', path: 'orientation', value: 'orientation value' },
        { op: 'replace', path: '/TeamId', value: f.team },
        { op: 'replace', path: 'KEYWORDS', value: [f.kw2] },
        { op: 'add', path: 'customerId', value: String(f.customer) },
        { op: 'replace', path: 'taskDate', value: '2026-03-20T08:00:00' },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json().result;
    assert.deepEqual(Object.keys(r), KEYS_PATCHED);
    assert.equal(r.orientation, 'orientation value');
    assert.deepEqual(r.keyWords, [String(f.kw2)]);
    assert.equal(r.customerDescription, 'Cliente X');
    assert.equal(r.taskDate, '2026-03-20T08:00:00');
    assert.equal(r.dateLastUpdate, '2026-03-10T13:00:00');
    const g = (await get(c.taskID)).json().result;
    assert.deepEqual(g.keyWordsDescriptions, ['Contrato']);
    // Coordinates are not replaced when the customer changes later.
    assert.equal(g.latitude, -16.6872);
    await setClock('2026-03-10T15:30:00Z');
  });

  test('unknown paths, bad values and unknown references answer 400; nothing changes', async () => {
    const c = await create();
    for (const [ops, body] of [
      [[{ op: 'replace', path: 'report', value: 'x' }], { report: ["The path 'report' is not a patchable attribute."] }],
      [[{ op: 'move', path: 'orientation', value: 'x' }], { op: ["The operation 'move' is not supported; use replace, add or remove."] }],
      [[{ op: 'replace', path: 'idUserTo', value: 424242 }], { idUserTo: ["The user '424242' does not exist in this account."] }],
      [[{ op: 'replace', path: 'priority', value: 9 }], { priority: ['The priority must be 1 (low), 2 (medium) or 3 (high).'] }],
    ] as const) {
      const res = await t.request({ method: 'PATCH', url: `/v2/tasks/${c.taskID}`, payload: ops as unknown as object });
      assert.equal(res.statusCode, 400, JSON.stringify(ops));
      assert.deepEqual(res.json(), body);
    }
    assert.equal((await events(c.taskID)).length, 1);
  });

  test('PATCH of an unknown task is 404', async () => {
    const res = await t.request({
      method: 'PATCH',
      url: '/v2/tasks/999999',
      payload: [{ op: 'replace', path: 'orientation', value: 'x' }],
    });
    assert.equal(res.statusCode, 404);
    assert.equal(res.body, '');
  });
});

describe('task items', () => {
  test('PUT products/services/additional-costs upserts by item id and recomputes totals', async () => {
    const c = await create({ idUserTo: f.tech });
    const p1 = await t.request({
      method: 'PUT',
      url: `/v2/tasks/${c.taskID}/products`,
      payload: { taskProducts: [{ ProductId: f.product, Quantity: '1', Value: '44' }] },
    });
    assert.equal(p1.statusCode, 200, p1.body);
    assert.deepEqual(Object.keys(p1.json().result), KEYS_LINES);
    await setClock('2026-03-10T15:40:00Z');
    const p2 = await t.request({
      method: 'PUT',
      url: `/v2/tasks/${c.taskID}/products`,
      payload: {
        taskProducts: [
          { productid: f.product.toUpperCase(), quantity: '2,5', value: 44, discountType: 0, discountValue: '10' },
          { ProductId: f.product2, Quantity: 3, Value: '3.00' },
        ],
      },
    });
    assert.equal(p2.statusCode, 200, p2.body);
    const r = p2.json().result;
    assert.deepEqual(r.products, [
      {
        productId: f.product,
        code: f.productCode,
        name: 'Filtro',
        description: 'Filtro de ar',
        quantity: 2.5,
        unitaryValue: 44,
        totalValue: 100,
        userResponsible: ADMIN_GUID(f.admin),
        userResponsibleCode: f.admin,
        dateRegister: NOW,
        dateEdit: '2026-03-10T12:40:00',
        discount: { value: 10, type: 'Valor' },
      },
      {
        productId: f.product2,
        code: r.products[1].code,
        name: 'Cabo',
        description: '',
        quantity: 3,
        unitaryValue: 3,
        totalValue: 9,
        userResponsible: ADMIN_GUID(f.admin),
        userResponsibleCode: f.admin,
        dateRegister: '2026-03-10T12:40:00',
        dateEdit: '2026-03-10T12:40:00',
        discount: { value: 0, type: 'Valor' },
      },
    ]);
    assert.equal(r.dateLastUpdate, '2026-03-10T12:40:00');
    const s = await t.request({
      method: 'PUT',
      url: `/v2/tasks/${c.taskID}/services`,
      payload: { taskServices: [{ ServiceId: f.service, Quantity: '1', Value: '44', DiscountType: 1, DiscountValue: 5 }] },
    });
    assert.equal(s.statusCode, 200);
    assert.equal(s.json().result.services[0].totalValue, 41.8);
    const a = await t.request({
      method: 'PUT',
      url: `/v2/tasks/${c.taskID}/additional-costs`,
      payload: { taskAdditionalCosts: [{ AdditionalCostId: f.cost, Value: '361' }] },
    });
    assert.equal(a.statusCode, 200);
    const ar = a.json().result;
    assert.deepEqual(ar.additionalCosts, [
      {
        additionalCostId: f.cost,
        code: f.costCode,
        name: 'Pedágio',
        unitaryValue: 361,
        userResponsible: ADMIN_GUID(f.admin),
        userResponsibleCode: f.admin,
        dateRegister: '2026-03-10T12:40:00',
        dateEdit: '2026-03-10T12:40:00',
      },
    ]);
    assert.deepEqual(ar.summary, {
      totalProducts: 109,
      totalServices: 41.8,
      totalAdditionalCosts: 361,
      totalValue: 511.8,
      discount: { value: 0, type: 'Valor' },
    });
    f.lines = c.taskID;
    await setClock('2026-03-10T15:30:00Z');
  });

  test('item PUTs validate every line and the catalog; nothing is written', async () => {
    const before = (await get(f.lines)).json().result;
    const ghost = '11111111-2222-3333-4444-555555555555';
    for (const [path, payload, body] of [
      ['products', {}, { taskProducts: ['The taskProducts field is required.'] }],
      [
        'products',
        { taskProducts: [{ ProductId: ghost, Quantity: 1, Value: 1 }] },
        { 'taskProducts[0].ProductId': [`The ProductId '${ghost}' does not exist in this account.`] },
      ],
      [
        'services',
        { taskServices: [{ ServiceId: f.service, Value: 1 }] },
        { 'taskServices[0].Quantity': ['The Quantity field is required.'] },
      ],
      [
        'additional-costs',
        { taskAdditionalCosts: [{ AdditionalCostId: f.cost, Value: 1, DiscountType: 1, DiscountValue: 150 }] },
        { 'taskAdditionalCosts[0].DiscountValue': ['A percentage discount must not exceed 100.'] },
      ],
    ] as const) {
      const res = await t.request({ method: 'PUT', url: `/v2/tasks/${f.lines}/${path}`, payload: payload as object });
      assert.equal(res.statusCode, 400, `${path} ${JSON.stringify(payload)}`);
      assert.deepEqual(res.json(), body);
    }
    assert.deepEqual((await get(f.lines)).json().result, before);
    const unknown = await t.request({
      method: 'PUT',
      url: '/v2/tasks/999999/products',
      payload: { taskProducts: [{ ProductId: f.product, Quantity: 1, Value: 1 }] },
    });
    assert.equal(unknown.statusCode, 404);
  });

  test('DELETE of items takes a JSON array of ids: 204, then the items are gone', async () => {
    await setClock('2026-03-10T15:50:00Z');
    const res = await t.request({ method: 'DELETE', url: `/v2/tasks/${f.lines}/products`, payload: [f.product2] });
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    const g = (await get(f.lines)).json().result;
    assert.deepEqual(
      g.products.map((p: Obj) => p.productId),
      [f.product],
    );
    assert.equal(g.summary.totalProducts, 100);
    assert.equal(g.dateLastUpdate, '2026-03-10T12:50:00');
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/tasks/${f.lines}/services`, payload: [f.service] })).statusCode, 204);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/tasks/${f.lines}/additional-costs`, payload: [f.cost] })).statusCode, 204);
    const after = (await get(f.lines)).json().result;
    assert.deepEqual([after.services, after.additionalCosts], [[], []]);
    await setClock('2026-03-10T15:30:00Z');
  });

  test('DELETE of items: not an array is 400, an id the task lacks is 404, no Content-Type is 415', async () => {
    const notArray = await t.request({ method: 'DELETE', url: `/v2/tasks/${f.lines}/products`, payload: { id: f.product } });
    assert.equal(notArray.statusCode, 400);
    assert.deepEqual(notArray.json(), { body: ['A JSON array of item ids is required.'] });
    const bad = await t.request({ method: 'DELETE', url: `/v2/tasks/${f.lines}/products`, payload: ['nope'] });
    assert.deepEqual(bad.json(), { '[0]': ["The value 'nope' is not a valid id."] });
    const missing = await t.request({ method: 'DELETE', url: `/v2/tasks/${f.lines}/services`, payload: [f.service] });
    assert.equal(missing.statusCode, 404);
    const noType = await t.request({
      method: 'DELETE',
      url: `/v2/tasks/${f.lines}/products`,
      payload: JSON.stringify([f.product]),
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(noType.statusCode, 415);
  });
});

describe('PUT /v2/tasks/{id}/attachments', () => {
  test('adds attachments and answers the documented shape; removeAllAttachmentsInsertedByMe clears them first', async () => {
    const c = await create({ attachments: [{ name: 'a.txt', file: Buffer.from('a').toString('base64') }] });
    const add = await t.request({
      method: 'PUT',
      url: `/v2/tasks/${c.taskID}/attachments`,
      payload: { attachments: [{ name: 'b.png', file: Buffer.from('b').toString('base64') }] },
    });
    assert.equal(add.statusCode, 200);
    assert.deepEqual(Object.keys(add.json().result), KEYS_ATTACHMENTS);
    assert.deepEqual(
      add.json().result.attachments.map((a: Obj) => [a.description, a.extension]),
      [
        ['a.txt', 'txt'],
        ['b.png', 'png'],
      ],
    );
    const replace = await t.request({
      method: 'PUT',
      url: `/v2/tasks/${c.taskID}/attachments`,
      payload: { removeAllAttachmentsInsertedByMe: true, attachments: [{ name: 'c.pdf', file: Buffer.from('c').toString('base64') }] },
    });
    assert.deepEqual(
      replace.json().result.attachments.map((a: Obj) => a.description),
      ['c.pdf'],
    );
    const bad = await t.request({
      method: 'PUT',
      url: `/v2/tasks/${c.taskID}/attachments`,
      payload: { attachments: [{ name: 'x.pdf', file: '***' }] },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { 'attachments[0].file': ['The file is not valid base64.'] });
    const empty = await t.request({ method: 'PUT', url: `/v2/tasks/${c.taskID}/attachments`, payload: {} });
    assert.deepEqual(empty.json(), { attachments: ['The attachments field is required.'] });
  });
});

describe('DELETE /v2/tasks/{id}', () => {
  test('soft-deletes: 204, GET 404, listed by getdeletedtasks with the same filters, change event Exclusao', async () => {
    const c = await create({ externalId: 'DEL-1', idUserTo: f.tech });
    const snapshot = (await get(c.taskID)).json().result;
    const res = await t.request({ method: 'DELETE', url: `/v2/tasks/${c.taskID}` });
    assert.equal(res.statusCode, 204);
    assert.equal((await get(c.taskID)).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/tasks/${c.taskID}` })).statusCode, 404);
    const live = await list({ ...MARCH, externalId: 'DEL-1' });
    assert.equal(live.statusCode, 404);
    const deleted = await list({ ...MARCH, externalId: 'DEL-1' }, '', '/v2/tasks/getdeletedtasks');
    assert.equal(deleted.statusCode, 200);
    assert.deepEqual(ids(deleted), [c.taskID]);
    assert.deepEqual(Object.keys(deleted.json().result.entityList[0]), KEYS_LISTED);
    assert.match(deleted.json().result.links[0].href, /\/v2\/Tasks\?ParamFilter=/);
    const other = await list({ ...MARCH, externalId: 'DEL-1', idUserTo: f.tech2 }, '', '/v2/tasks/getdeletedtasks');
    assert.equal(other.statusCode, 404);
    const ev = await events(c.taskID);
    assert.deepEqual(
      ev.map((e) => [e.action, e.user_id]),
      [
        ['Inclusao', f.tech],
        ['Exclusao', f.tech],
      ],
    );
    assert.deepEqual(JSON.parse(ev[1].snapshot as string), snapshot);
  });
});

describe('GET /v2/tasks/ (list)', () => {
  before(async () => {
    await setClock('2026-04-01T12:00:00Z');
    const mk = (over: Obj) => create({ taskDate: '2026-04-10T10:00:00', ...over });
    f.l1 = (
      await mk({
        externalId: 'L-1',
        idUserTo: f.tech,
        customerId: f.customer,
        teamId: f.team,
        taskType: f.type,
        keyWords: [f.kw],
        priority: 3,
        orientation: 'Trocar o FILTRO',
      })
    ).taskID;
    f.l2 = (
      await mk({
        externalId: 'L-2',
        idUserTo: f.tech2,
        customerId: f.customer2,
        taskType: f.type2,
        keyWords: [f.kw2],
        priority: 2,
        orientation: 'Limpeza',
      })
    ).taskID;
    f.l3 = (await mk({ externalId: 'L-3', taskDate: '2026-04-20T18:30:00', priority: 1, orientation: 'Visita' })).taskID;
    await setClock('2026-04-02T12:00:00Z');
    await t.request({
      method: 'PATCH',
      url: `/v2/tasks/${f.l3}`,
      payload: [{ op: 'replace', path: 'orientation', value: 'Visita técnica' }],
    });
    await setClock('2026-03-10T15:30:00Z');
  });
  const APRIL = { startDate: '2026-04-01', endDate: '2026-04-30' };

  test('without paramFilter, startDate or endDate: 400 envelope (D5)', async () => {
    for (const filter of [undefined, {}, { startDate: '2026-04-01' }, { endDate: '2026-04-30' }]) {
      const res = await list(filter);
      assert.equal(res.statusCode, 400, JSON.stringify(filter));
      assert.deepEqual(Object.keys(res.json()), ['message', 'target', 'errorCode', 'errors']);
    }
    const res = await list({ startDate: '2026-04-01' });
    assert.deepEqual(res.json(), {
      message: "The paramFilter is required as ParamTaskFilter string json. The field 'endDate' is required.",
      target: null,
      errorCode: 0,
      errors: null,
    });
    const malformed = await list('{startDate:');
    assert.equal(malformed.statusCode, 400);
  });

  test('pageSize above 100 is 400 (D6); paging and links follow the envelope', async () => {
    const big = await list(APRIL, '&pageSize=101');
    assert.equal(big.statusCode, 400);
    assert.deepEqual(big.json(), { message: 'The pageSize must not be greater than 100.', target: null, errorCode: 0, errors: null });
    const p1 = await list(APRIL, '&pageSize=2&page=1');
    assert.equal(p1.statusCode, 200);
    assert.deepEqual(ids(p1), [f.l1, f.l2]);
    assert.deepEqual(p1.json().result.pagedSearchReturnData, { order: 0, pageSize: 2, page: 1, totalItems: 3 });
    assert.deepEqual(
      p1.json().result.links.map((l: Obj) => l.rel),
      ['self', 'nextPage'],
    );
    const desc = await list(APRIL, '&order=desc');
    assert.deepEqual(ids(desc), [f.l3, f.l2, f.l1]);
    const past = await list(APRIL, '&page=9');
    assert.equal(past.statusCode, 404);
    assert.deepEqual(past.json().result.entityList, []);
    assert.equal(past.json().result.pagedSearchReturnData.totalItems, 3);
  });

  test('each item is the documented list shape', async () => {
    const res = await list({ ...APRIL, taskID: String(f.l1) });
    const item = res.json().result.entityList[0];
    assert.deepEqual(Object.keys(item), KEYS_LISTED);
    assert.deepEqual(item, pick((await get(f.l1)).json().result, KEYS_LISTED));
  });

  test('the date window is inclusive; a date-only endDate covers that day', async () => {
    assert.deepEqual(ids(await list({ startDate: '2026-04-20T18:30:00', endDate: '2026-04-20T18:30:00' })), [f.l3]);
    assert.deepEqual(ids(await list({ startDate: '2026-04-20', endDate: '2026-04-20' })), [f.l3]);
    assert.equal((await list({ startDate: '2026-04-21', endDate: '2026-04-30' })).statusCode, 404);
    assert.equal((await list({ startDate: 'yesterday', endDate: '2026-04-30' })).statusCode, 400);
  });

  test('filters: each matches what it names and excludes the rest', async () => {
    const cases: [Obj, number[]][] = [
      [{ taskID: String(f.l2) }, [f.l2]],
      [{ taskID: '999999' }, []],
      [{ idUserTo: f.tech }, [f.l1]],
      [{ idUserTo: f.admin }, []],
      [{ customerId: f.customer2 }, [f.l2]],
      [{ teamId: f.team }, [f.l1]],
      [{ type: f.type2 }, [f.l2]],
      [{ customerGroupId: f.group }, [f.l2]],
      [{ orientation: 'filtro' }, [f.l1]],
      [{ orientation: 'nada disso' }, []],
      [{ tags: `${f.kw2},99999` }, [f.l2]],
      [{ tags: `${f.kw},${f.kw2}` }, [f.l1, f.l2]],
      [{ tags: '99999' }, []],
      [{ priority: '3' }, [f.l1]],
      [{ priority: 1 }, [f.l3]],
      [{ externalId: 'L-1, L-3' }, [f.l1, f.l3]],
      [{ externalId: 'nope' }, []],
      [{ externalId: ' , ' }, []],
      [{ tags: ' , ' }, []],
      [{ dateLastUpdate: '2026-04-02T08:00:00' }, [f.l3]],
      [{ dateLastUpdate: '2026-04-03' }, []],
      [{ status: 4 }, [f.l1, f.l2, f.l3]],
      [{ status: 0 }, [f.l1, f.l2, f.l3]],
      [{ status: 3 }, []],
    ];
    for (const [filter, expected] of cases) {
      const res = await list({ ...APRIL, ...filter });
      assert.equal(res.statusCode, expected.length ? 200 : 404, JSON.stringify(filter));
      assert.deepEqual(ids(res), expected, JSON.stringify(filter));
    }
    for (const huge of [{ taskID: '99999999999' }, { idUserTo: 99999999999 }, { customerGroupId: 99999999999 }, { tags: '99999999999' }]) {
      assert.equal((await list({ ...APRIL, ...huge })).statusCode, 404, JSON.stringify(huge));
    }
    for (const bad of [{ status: 7 }, { priority: '5' }, { tags: 'a,b' }, { taskID: 'x' }]) {
      assert.equal((await list({ ...APRIL, ...bad })).statusCode, 400, JSON.stringify(bad));
    }
  });

  test('keys are case-insensitive; selectfields keeps the named properties', async () => {
    const res = await list({ StartDate: '2026-04-01', ENDDATE: '2026-04-30', IdUserTo: f.tech }, '&selectfields=taskID,orientation,nope');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().result.entityList, [{ taskID: f.l1, orientation: 'Trocar o FILTRO' }]);
  });

  test('derived names are always current', async () => {
    await t.request({
      method: 'PATCH',
      url: `/v2/keywords/${f.kw}`,
      payload: [{ op: 'replace', path: 'description', value: 'Muito urgente' }],
    });
    await t.request({
      method: 'PATCH',
      url: `/v2/customers/${f.customer}`,
      payload: [{ op: 'replace', path: 'name', value: 'Cliente X Ltda' }],
    });
    const item = (await list({ ...APRIL, taskID: String(f.l1) })).json().result.entityList[0];
    assert.deepEqual(item.keyWordsDescriptions, ['Muito urgente']);
    assert.equal(item.customerDescription, 'Cliente X Ltda');
  });

  test('the orientation filter folds accented letters as well (manutenção matches MANUTENÇÃO)', async () => {
    const JULY = { startDate: '2027-07-01T00:00:00', endDate: '2027-07-31T23:59:59' };
    const upper = (await create({ taskDate: '2027-07-10T10:00:00', orientation: 'MANUTENÇÃO em SÃO Paulo' })).taskID;
    const lower = (await create({ taskDate: '2027-07-11T10:00:00', orientation: 'revisão em são paulo' })).taskID;
    const found = async (orientation: string) => {
      const res = await list({ ...JULY, orientation }, '&selectfields=taskID,orientation');
      assert.equal(res.statusCode, 200);
      return res.json().result.entityList;
    };
    assert.deepEqual(await found('manutenção'), [{ taskID: upper, orientation: 'MANUTENÇÃO em SÃO Paulo' }]);
    const both = [
      { taskID: upper, orientation: 'MANUTENÇÃO em SÃO Paulo' },
      { taskID: lower, orientation: 'revisão em são paulo' },
    ];
    assert.deepEqual(await found('São Paulo'), both);
    assert.deepEqual(await found('SÃO PAULO'), both);
    assert.deepEqual(await found('REVISÃO'), [{ taskID: lower, orientation: 'revisão em são paulo' }]);
    // Unaccented letters stay different letters, as on PostgreSQL (an empty list answers 404).
    const none = await list({ ...JULY, orientation: 'sao paulo' });
    assert.equal(none.statusCode, 404);
    assert.deepEqual(ids(none), []);
  });
});

function pick(o: Obj, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

describe('field simulator (/campo/v1)', () => {
  test('a full execution: delivered, visualized, travel, check-in, pause, resume, answers, signature, km, check-out (automatic finish)', async () => {
    const c = await create({ idUserTo: f.tech, customerId: f.customer, questionnaireId: f.questionnaire, sendSatisfactionSurvey: true });
    const id = c.taskID;
    await setClock('2026-03-11T12:00:00Z');
    let r = await field(id, 'delivered');
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(pick(r.json().result, ['deliveredOnSmarthPhone', 'deliveredDate', 'taskStatus', 'dateLastUpdate']), {
      deliveredOnSmarthPhone: true,
      deliveredDate: '2026-03-11T09:00:00',
      taskStatus: 1,
      dateLastUpdate: '2026-03-11T09:00:00',
    });
    r = await field(id, 'visualized', { date: '2026-03-11T09:05:00' });
    assert.deepEqual(pick(r.json().result, ['visualized', 'visualizedDate']), { visualized: true, visualizedDate: '2026-03-11T09:05:00' });
    r = await field(id, 'travel-start', { date: '2026-03-11T09:10:00' });
    assert.deepEqual(pick(r.json().result, ['taskStatus', 'displacementStart']), {
      taskStatus: 2,
      displacementStart: '2026-03-11T09:10:00',
    });
    r = await field(id, 'check-in', {
      latitude: -16.6882,
      longitude: -49.2995,
      date: '2026-03-11T09:30:00',
      accuracy: 5,
      batteryLevel: 80,
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(pick(r.json().result, ['taskStatus', 'checkIn', 'checkInDate', 'checkInDistance']), {
      taskStatus: 3,
      checkIn: true,
      checkInDate: '2026-03-11T09:30:00',
      checkInDistance: 111,
    });
    r = await field(id, 'pause', { date: '2026-03-11T10:00:00' });
    assert.equal(r.json().result.taskStatus, 6);
    r = await field(id, 'resume', { date: '2026-03-11T10:30:00' });
    assert.equal(r.json().result.taskStatus, 3);
    r = await field(id, 'report', { report: 'Filtro trocado' });
    assert.equal(r.json().result.report, 'Filtro trocado');
    r = await field(id, 'pendency', { pendency: 'Falta peça' });
    assert.equal(r.json().result.pendency, 'Falta peça');
    r = await field(id, 'km', { km: '12,5' });
    assert.deepEqual(pick(r.json().result, ['inputedKm', 'adoptedKm']), { inputedKm: 12.5, adoptedKm: 12.5 });
    await setClock('2026-03-11T13:40:00Z');
    r = await field(id, 'answers', { answers: [{ questionId: f.question, reply: 'Sim' }] });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json().result.questionnaires, [
      {
        itemId: '1',
        questionnaireId: String(f.questionnaire),
        questionnaireDescription: 'Checklist',
        answers: [
          { questionId: String(f.question), questionDescription: 'Tudo ok?', replyId: 1, reply: 'Sim', replyDate: '2026-03-11T10:40:00' },
        ],
      },
    ]);
    r = await field(id, 'signature', {
      name: 'Maria',
      document: '123',
      image: `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]).toString('base64')}`,
    });
    assert.equal(r.statusCode, 200, r.body);
    const sig = r.json().result;
    assert.deepEqual(pick(sig, ['signatureName', 'signatureDocument']), { signatureName: 'Maria', signatureDocument: '123' });
    assert.match(sig.signatureUrl, /\/campo\/v1\/files\/[\w-]+\/signature\.png$/);
    assert.equal((await t.app.inject({ method: 'GET', url: new URL(sig.signatureUrl).pathname })).statusCode, 200);
    assert.deepEqual(sig.attachments, []);
    r = await field(id, 'check-out', { latitude: -16.6872, longitude: -49.2995, date: '2026-03-11T11:00:00' });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(
      pick(r.json().result, ['taskStatus', 'finished', 'checkOut', 'checkOutDate', 'checkOutDistance', 'duration', 'durationDecimal']),
      {
        taskStatus: 5,
        finished: true,
        checkOut: true,
        checkOutDate: '2026-03-11T11:00:00',
        checkOutDistance: 0,
        duration: '01:00:00',
        durationDecimal: '1,00',
      },
    );
    // Every event was one 'Alteracao' attributed to the assignee.
    const ev = await events(id);
    assert.equal(ev.length, 13);
    assert.ok(ev.slice(1).every((e) => e.action === 'Alteracao' && e.user_id === f.tech));
    f.executed = id;
    await setClock('2026-03-10T15:30:00Z');
  });

  test('invalid transitions answer 400 naming the state and change nothing', async () => {
    const c = await create({ idUserTo: f.tech });
    const id = c.taskID;
    const expect400 = async (action: string, payload: Obj, body: Obj) => {
      const res = await field(id, action, payload);
      assert.equal(res.statusCode, 400, `${action}: ${res.body}`);
      assert.deepEqual(res.json(), body);
    };
    await expect400('visualized', {}, { taskStatus: ['The task has not been delivered to the phone yet (the task is opened).'] });
    await expect400('pause', {}, { taskStatus: ['Only a checked-in task can be paused (the task is opened).'] });
    await expect400('resume', {}, { taskStatus: ['Only a paused task can be resumed (the task is opened).'] });
    await expect400(
      'check-out',
      { latitude: 0, longitude: 0 },
      { taskStatus: ['Check-out needs a checked-in task (the task is opened).'] },
    );
    await expect400('report', { report: 'x' }, { taskStatus: ['Check in first (the task is opened).'] });
    await expect400('check-in', {}, { latitude: ['The latitude field is required.'], longitude: ['The longitude field is required.'] });
    await expect400(
      'answers',
      { answers: [{ questionId: 1, reply: 'x' }] },
      { questionnaireId: ['The task has no questionnaire to answer.'] },
    );
    assert.equal((await field(id, 'check-in', { latitude: -16.6872, longitude: -49.2995 })).statusCode, 200);
    await expect400(
      'check-in',
      { latitude: 0, longitude: 0 },
      { taskStatus: ['Check-in is only possible on an opened task or one in displacement (the task is checked in).'] },
    );
    await expect400('travel-start', {}, { taskStatus: ['Travel can only start on an opened task (the task is checked in).'] });
    await expect400(
      'check-out',
      { latitude: 0, longitude: 0, date: '2026-03-01T00:00:00' },
      { date: ['The check-out cannot be earlier than the check-in.'] },
    );
    await expect400('km', { km: 'abc' }, { km: ["The value 'abc' is not a valid distance."] });
    await expect400('signature', { name: 'x' }, { image: ['The image field is required.'] });
    const checkedOut = await field(id, 'check-out', { latitude: -16.6872, longitude: -49.2995, finish: false });
    assert.deepEqual(pick(checkedOut.json().result, ['taskStatus', 'finished', 'checkOut']), {
      taskStatus: 4,
      finished: false,
      checkOut: true,
    });
    assert.equal((await field(id, 'finish')).json().result.taskStatus, 5);
    await expect400('finish', {}, { taskStatus: ['The task is already finished (the task is finished).'] });
    await expect400('delivered', {}, { taskStatus: ['A finished task cannot be delivered (the task is finished).'] });
    await expect400(
      'pendency',
      { pendency: 'x' },
      { taskStatus: ['A finished task cannot be changed from the phone (the task is finished).'] },
    );
    const unassigned = await create();
    const res = await field(unassigned.taskID, 'check-in', { latitude: 0, longitude: 0 });
    assert.deepEqual(res.json(), { idUserTo: ['The task has no assignee (idUserTo) to execute it.'] });
    assert.equal((await field(987654, 'delivered')).statusCode, 404);
    f.manual = id;
  });

  test('list status filters follow execution: 1 automatic, 2 manual, 3 either, 5 pendency, 6 started', async () => {
    const window = { startDate: '2026-03-12', endDate: '2026-03-12' };
    const byStatus = async (status: number) => ids(await list({ ...window, status }));
    assert.deepEqual(await byStatus(1), [f.executed]);
    assert.deepEqual(await byStatus(2), [f.manual]);
    assert.deepEqual(await byStatus(3), [f.executed, f.manual]);
    assert.deepEqual(await byStatus(5), [f.executed]);
    assert.deepEqual(await byStatus(6), [f.executed, f.manual]);
    assert.ok(!(await byStatus(0)).includes(f.executed));
  });

  test('GPS positions reported by check-in/out and the simulator are what GET /v2/gps/ lists', async () => {
    const day = await list({ date: '2026-03-11' }, '', '/v2/gps/');
    assert.equal(day.statusCode, 200, day.body);
    assert.deepEqual(day.json().result.entityList.slice(0, 2), [
      {
        userId: f.tech,
        positionDate: '2026-03-11T09:30:00',
        latitude: -16.6882,
        longitude: -49.2995,
        accuracy: 5,
        batteryLevel: 80,
        NetworkOperatorName: '',
      },
      {
        userId: f.tech,
        positionDate: '2026-03-11T11:00:00',
        latitude: -16.6872,
        longitude: -49.2995,
        accuracy: 0,
        batteryLevel: 0,
        NetworkOperatorName: '',
      },
    ]);
    const rep = await t.request({
      method: 'POST',
      url: '/campo/v1/gps',
      payload: {
        userId: f.tech2,
        latitude: -23.5,
        longitude: -46.6,
        positionDate: '2026-03-11T20:00:00',
        networkOperatorName: 'Vivo',
        batteryLevel: 50,
      },
    });
    assert.equal(rep.statusCode, 201, rep.body);
    assert.deepEqual(rep.json().result, {
      userId: f.tech2,
      positionDate: '2026-03-11T20:00:00',
      latitude: -23.5,
      longitude: -46.6,
      accuracy: 0,
      batteryLevel: 50,
      NetworkOperatorName: 'Vivo',
    });
    const mine = await list({ date: '2026-03-11T00:00:00', userId: f.tech2 }, '', '/v2/gps/');
    assert.equal(mine.json().result.entityList.length, 1);
    const last = (await list({ date: '2026-03-12', getLastKnowPosition: true }, '', '/v2/gps/')).json().result.entityList as Obj[];
    assert.equal(last.length, 2);
    assert.deepEqual(new Set(last.map((p) => p.userId)), new Set([f.tech, f.tech2]));
    assert.equal(last.find((p) => p.userId === f.tech2)?.positionDate, '2026-03-11T20:00:00');
    assert.equal((await list({ date: '2026-03-13' }, '', '/v2/gps/')).statusCode, 404);
    assert.equal((await list({}, '', '/v2/gps/')).statusCode, 400);
    assert.equal((await list({ date: 'x' }, '', '/v2/gps/')).statusCode, 400);
    const unknown = await t.request({ method: 'POST', url: '/campo/v1/gps', payload: { userId: 424242, latitude: 0, longitude: 0 } });
    assert.deepEqual(unknown.json(), { userId: ["The user '424242' does not exist in this account."] });
  });

  test('the satisfaction survey: answered through the survey URL, listed by GET /v2/satisfactionSurveys/', async () => {
    const g = (await get(f.executed)).json().result;
    const path = new URL(g.survey).pathname;
    const form = await t.app.inject({ method: 'GET', url: path });
    assert.deepEqual(form.json(), {
      result: { taskID: f.executed, taskDate: '2026-03-12T09:00:00', customerDescription: 'Cliente X Ltda', open: true },
    });
    await setClock('2026-03-12T12:00:00Z');
    const ans = await t.app.inject({
      method: 'POST',
      url: path,
      payload: {
        email: 'Cliente@Example.com',
        answers: [
          { question: 'Nota', answer: '9', score: 9 },
          { question: 'Comentário', answer: 'Ótimo' },
        ],
      },
    });
    assert.equal(ans.statusCode, 201, ans.body);
    assert.deepEqual(ans.json(), { result: { taskID: f.executed, submission: 1, answers: 2 } });
    const again = await t.request({
      method: 'POST',
      url: `/campo/v1/tasks/${f.executed}/satisfaction-survey`,
      payload: { email: 'b@example.com', answers: [{ question: 'Nota', answer: '7', score: 7 }] },
    });
    assert.equal(again.statusCode, 201);
    const res = await list({ taskID: [f.executed] }, '', '/v2/satisfactionSurveys/');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().result.entityList, [
      {
        id: res.json().result.entityList[0].id,
        taskID: f.executed,
        answerDescription: '9',
        questionDescription: 'Nota',
        answerDate: '2026-03-12T09:00:00',
        itemId: '1',
        email: 'cliente@example.com',
        answersItemQuantity: 2,
        scoreSum: 9,
        totalResponse: 3,
        totalSubmitted: 2,
      },
      {
        id: res.json().result.entityList[1].id,
        taskID: f.executed,
        answerDescription: 'Ótimo',
        questionDescription: 'Comentário',
        answerDate: '2026-03-12T09:00:00',
        itemId: '2',
        email: 'cliente@example.com',
        answersItemQuantity: 2,
        scoreSum: 9,
        totalResponse: 3,
        totalSubmitted: 2,
      },
      {
        id: res.json().result.entityList[2].id,
        taskID: f.executed,
        answerDescription: '7',
        questionDescription: 'Nota',
        answerDate: '2026-03-12T09:00:00',
        itemId: '1',
        email: 'b@example.com',
        answersItemQuantity: 1,
        scoreSum: 7,
        totalResponse: 3,
        totalSubmitted: 2,
      },
    ]);
    const byEmail = await list({ taskId: f.executed, email: 'b@example.com' }, '', '/v2/satisfactionSurveys/');
    assert.deepEqual(
      byEmail.json().result.entityList.map((x: Obj) => x.email),
      ['b@example.com'],
    );
    assert.equal((await list({ taskID: [f.manual] }, '', '/v2/satisfactionSurveys/')).statusCode, 404);
    assert.equal((await list({}, '', '/v2/satisfactionSurveys/')).statusCode, 400);
    const closed = await t.request({
      method: 'POST',
      url: `/campo/v1/tasks/${f.manual}/satisfaction-survey`,
      payload: { email: 'a@b.co', answers: [{ question: 'q', answer: 'a' }] },
    });
    assert.deepEqual(closed.json(), { sendSatisfactionSurvey: ['No satisfaction survey was sent for this task.'] });
    const invalid = await t.app.inject({ method: 'POST', url: path, payload: { email: 'nope', answers: [] } });
    assert.deepEqual(invalid.json(), {
      email: ["The value 'nope' is not a valid e-mail address."],
      answers: ['The answers field is required.'],
    });
    await setClock('2026-03-10T15:30:00Z');
  });

  test('products used become lines of the assignee; finishing consumes their stock', async () => {
    await t.request({
      method: 'PUT',
      url: '/v2/products/employee-product-stock',
      payload: { userId: f.tech, productId: f.product, amount: 10 },
    });
    const c = await create({ idUserTo: f.tech });
    await field(c.taskID, 'check-in', { latitude: -16.6872, longitude: -49.2995 });
    const used = await field(c.taskID, 'products', { products: [{ productId: f.product, quantity: '3' }] });
    assert.equal(used.statusCode, 200, used.body);
    assert.deepEqual(pick(used.json().result.products[0], ['productId', 'quantity', 'unitaryValue', 'totalValue', 'userResponsibleCode']), {
      productId: f.product,
      quantity: 3,
      unitaryValue: 12.5,
      totalValue: 37.5,
      userResponsibleCode: f.tech,
    });
    const bad = await field(c.taskID, 'products', { products: [{ productId: f.service, quantity: 0 }] });
    assert.deepEqual(bad.json(), {
      'products[0].quantity': ["The value '0' is not a valid quantity."],
      'products[0].productId': [`The product '${f.service}' does not exist in this account.`],
    });
    const done = await field(c.taskID, 'check-out', { latitude: -16.6872, longitude: -49.2995 });
    assert.equal(done.json().result.taskStatus, 5);
    const product = (await t.request({ method: 'GET', url: `/v2/products/${f.productCode}` })).json().result;
    const stock = product.employeesStock.find((s: Obj) => s.userId === f.tech);
    assert.equal(stock.amount, 7);
    assert.deepEqual(pick(stock.lastStockMovement, ['amount', 'entry', 'stockUserId']), { amount: 3, entry: false, stockUserId: f.tech });
  });
});

describe('bulk import', () => {
  test('importMany validates the batch once and writes every task in one transaction', async () => {
    const auth = { accountId: t.account.id, adminUserId: f.admin };
    const before = await taskCount();
    const bad = await t.services.tasks.importMany(auth, [{ ...base() }, { ...base(), idUserTo: 424242 }]).catch((e) => e);
    assert.deepEqual(bad.fields, { '[1].idUserTo': ["The user '424242' does not exist in this account."] });
    assert.equal(await taskCount(), before);
    const newIds = await t.services.tasks.importMany(auth, [
      { ...base(), externalId: 'BULK-1', idUserTo: f.tech },
      { ...base(), externalId: 'BULK-2', taskProducts: [{ ProductId: f.product, Quantity: 1, Value: 2 }] },
    ]);
    assert.equal(newIds.length, 2);
    const res = await list({ ...MARCH, externalId: 'BULK-1,BULK-2' });
    assert.deepEqual(ids(res), newIds);
    assert.equal(res.json().result.entityList[1].summary.totalValue, 2);
    assert.deepEqual(
      (await events(newIds[0])).map((e) => e.action),
      ['Inclusao'],
    );
    const quiet = await t.services.tasks.importMany(
      auth,
      [
        { ...base(), externalId: 'BULK-3' },
        { ...base(), externalId: 'BULK-4', keyWords: [f.kw2], taskServices: [{ ServiceId: f.service, Quantity: 2, Value: '5,5' }] },
      ],
      { recordChanges: false },
    );
    assert.equal(quiet.length, 2);
    const q2 = (await get(quiet[1])).json().result;
    assert.deepEqual([q2.externalId, q2.keyWords, q2.summary.totalServices], ['BULK-4', [String(f.kw2)], 11]);
    assert.equal((await get(quiet[0])).json().result.externalId, 'BULK-3');
    assert.deepEqual(await events(quiet[0]), []);
  });
});
