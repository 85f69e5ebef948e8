// Write operations the live Auvo service has beyond its blueprint (D16), at their live paths:
// whole answers, the change log, and bad input refused with nothing written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../src/core/clock.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp({ clock: new ManualClock('2026-01-15T12:00:00Z') });
});
after(async () => t.close());

/** 12:00 UTC as the naive Brasília time the API emits (D8). */
const NOW = '2026-01-15T09:00:00';

async function changes(entity: string, entityId: string | number) {
  const rows = await t.store.db
    .selectFrom('change_events')
    .select(['action', 'snapshot'])
    .where('account_id', '=', t.account.id)
    .where('entity', '=', entity)
    .where('entity_id', '=', String(entityId))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, snapshot: JSON.parse(r.snapshot as string) }));
}

async function countChanges(): Promise<number> {
  const r = await t.store.db
    .selectFrom('change_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Sends a bad write and checks the 400 field map and that nothing was recorded. */
async function refused(req: Parameters<TestApp['request']>[0], body: unknown) {
  const before = await countChanges();
  const res = await t.request(req);
  assert.equal(res.statusCode, 400, res.body);
  assert.deepEqual(res.json(), body);
  assert.equal(await countChanges(), before, 'nothing written');
}

describe('PUT upserts on keywords and segments (match by id)', () => {
  for (const [path, entity] of [
    ['keywords', 'Keyword'],
    ['segments', 'Segment'],
  ] as const) {
    test(`PUT /v2/${path} creates (201), then updates by id (200), in the POST form, each a change event`, async () => {
      const created = await t.request({ method: 'PUT', url: `/V2/${path.toUpperCase()}/`, payload: { description: ' Novo ' } });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().result.id;
      assert.deepEqual(created.json(), { result: { description: 'Novo', id, registrationDate: NOW } });

      const updated = await t.request({ method: 'PUT', url: `/v2/${path}`, payload: { ID: id, Description: 'Renomeado' } });
      assert.equal(updated.statusCode, 200, updated.body);
      assert.deepEqual(updated.json(), { result: { description: 'Renomeado', id, registrationDate: NOW } });
      const got = await t.request({ method: 'GET', url: `/v2/${path}/${id}` });
      assert.deepEqual(got.json(), { result: { id, description: 'Renomeado', registrationDate: NOW } });

      const unknown = await t.request({ method: 'PUT', url: `/v2/${path}`, payload: { id: 999999, description: 'Outro' } });
      assert.equal(unknown.statusCode, 201);
      assert.notEqual(unknown.json().result.id, 999999);

      assert.deepEqual(await changes(entity, id), [
        { action: 'Inclusao', snapshot: { id, description: 'Novo', registrationDate: NOW } },
        { action: 'Alteracao', snapshot: { id, description: 'Renomeado', registrationDate: NOW } },
      ]);
    });

    test(`PUT /v2/${path} without a description for a new record answers 400 and writes nothing`, async () => {
      await refused(
        { method: 'PUT', url: `/v2/${path}`, payload: { id: 888888 } },
        { description: ['The description field is required.'] },
      );
      await refused(
        { method: 'PUT', url: `/v2/${path}`, payload: { description: '  ' } },
        { description: ['The description field is required.'] },
      );
    });
  }
});

describe('PUT /v2/services (match by GUID id)', () => {
  test('creates (201) and updates by id (200); attributes left out keep their values', async () => {
    const created = await t.request({ method: 'PUT', url: '/v2/Services/', payload: { name: 'Limpeza', price: '12,5' } });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().result.id;
    assert.match(id, /^[0-9a-f-]{36}$/);
    const first = { id, title: 'Limpeza', description: '', price: '12.50', active: true, fiscalServiceId: null };
    assert.deepEqual(created.json(), { result: first });

    const updated = await t.request({ method: 'PUT', url: '/v2/services', payload: { id: id.toUpperCase(), price: 20, active: false } });
    assert.equal(updated.statusCode, 200, updated.body);
    const second = { ...first, price: '20.00', active: false };
    assert.deepEqual(updated.json(), { result: second });
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/services/${id}` })).json(), { result: second });
    assert.deepEqual(await changes('Service', id), [
      { action: 'Inclusao', snapshot: first },
      { action: 'Alteracao', snapshot: second },
    ]);
  });

  test('a bad GUID, a missing title or a bad price answers 400 and writes nothing', async () => {
    await refused(
      { method: 'PUT', url: '/v2/services', payload: { id: 'x1', title: 'A' } },
      { id: ["The value 'x1' is not a valid GUID."] },
    );
    await refused({ method: 'PUT', url: '/v2/services', payload: { price: 3 } }, { title: ['The title field is required.'] });
    await refused(
      { method: 'PUT', url: '/v2/services', payload: { title: 'A', price: 'abc' } },
      { price: ["The value 'abc' is not a valid price."] },
    );
  });
});

describe('PUT /v2/taskTypes (match by id)', () => {
  test('creates (201) with toleranceTime and active, then updates by id (200) merging requirements', async () => {
    const created = await t.request({
      method: 'PUT',
      url: '/v2/tasktypes/',
      payload: {
        description: 'Instalação',
        standardTime: '1:30',
        toleranceTime: '00:15:00',
        active: false,
        requirements: { fillReport: true },
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().result.id;
    const requirements = {
      fillReport: true,
      getSignature: false,
      fillRolledKilometer: false,
      emailTheTask: false,
      minimumNumberOfPhotos: 0,
      requiredQuestionnaires: [],
    };
    const written = {
      description: 'Instalação',
      id,
      creatorId: t.account.adminUserId,
      creationDate: NOW,
      standartTime: '01:30:00',
      toleranceTime: '00:15:00',
      standartQuestionnaireId: null,
      active: false,
      sendSatisfactionSurvey: false,
      requirements,
    };
    assert.deepEqual(created.json(), { result: written });

    const updated = await t.request({
      method: 'PUT',
      url: '/v2/taskTypes',
      payload: { id, active: true, requirements: { getSignature: true } },
    });
    assert.equal(updated.statusCode, 200, updated.body);
    const after = { ...written, active: true, requirements: { ...requirements, getSignature: true } };
    assert.deepEqual(updated.json(), { result: after });
    const log = await changes('TaskType', id);
    assert.deepEqual(
      log.map((c) => c.action),
      ['Inclusao', 'Alteracao'],
    );
    assert.equal(log[1].snapshot.active, true);
  });

  test('a missing description for a new type or an unknown questionnaire answers 400 and writes nothing', async () => {
    await refused(
      { method: 'PUT', url: '/v2/taskTypes', payload: { active: true } },
      { description: ['The description field is required.'] },
    );
    await refused(
      { method: 'PUT', url: '/v2/taskTypes', payload: { description: 'X', standartQuestionnaireId: 424242 } },
      { standartQuestionnaireId: ['The questionnaire 424242 does not exist.'] },
    );
  });
});

describe('PUT /v2/expenseTypes (match by id)', () => {
  test('creates (201) and updates by id (200)', async () => {
    const created = await t.request({ method: 'PUT', url: '/v2/EXPENSETYPES/', payload: { description: 'Pedágio' } });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().result.id;
    const first = { id, description: 'Pedágio', creatorId: t.account.adminUserId, creationDate: NOW };
    assert.deepEqual(created.json(), { result: first });
    const updated = await t.request({ method: 'PUT', url: '/v2/expenseTypes', payload: { id, description: 'Estacionamento' } });
    assert.equal(updated.statusCode, 200);
    assert.deepEqual(updated.json(), { result: { ...first, description: 'Estacionamento' } });
    assert.deepEqual(await changes('ExpenseType', id), [
      { action: 'Inclusao', snapshot: first },
      { action: 'Alteracao', snapshot: { ...first, description: 'Estacionamento' } },
    ]);
  });

  test('a missing description for a new type answers 400 and writes nothing', async () => {
    await refused(
      { method: 'PUT', url: '/v2/expenseTypes', payload: { id: 31337 } },
      { description: ['The description field is required.'] },
    );
  });
});

describe('PUT /v2/tasks/{id}/questionnaire-response', () => {
  const taskBody = (taskDate: string) => ({
    idUserFrom: t.account.adminUserId,
    address: 'Av. Central, 100',
    latitude: -16.6872,
    longitude: -49.2995,
    orientation: 'Verificar',
    priority: 1,
    taskDate,
  });
  async function post(url: string, payload: object) {
    const r = await t.request({ method: 'POST', url, payload });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().result;
  }

  test('answers 202 with the live body; the reply shows on the task, a second reply to the same question replaces it', async () => {
    const q = await post('/v2/questionnaires/', {
      description: 'Checklist',
      questions: [
        { answerType: 2, description: 'Tudo ok?' },
        { answerType: 2, description: 'Limpo?' },
      ],
    });
    const [q1, q2] = q.questions.map((x: { id: number }) => x.id);
    const equipment = (await post('/v2/equipments/', { name: 'Ar condicionado' })).id;
    const task = (await post('/v2/tasks/', taskBody('2026-01-16T09:00:00'))).taskID;
    const url = `/V2/Tasks/${task}/Questionnaire-Response/`;
    const accepted = { message: 'Questionnaire response accepted.', accepted: true, estimatedProcessingTime: 0 };

    let r = await t.request({ method: 'PUT', url, payload: { itemID: 7, codigoChecklist: q.id, codigoPergunta: q1, resposta: 'Sim' } });
    assert.equal(r.statusCode, 202, r.body);
    assert.deepEqual(r.json(), accepted);
    r = await t.request({
      method: 'PUT',
      url,
      payload: { codigoChecklist: q.id, codigoPergunta: q2, resposta: true, codigoEquipamento: equipment },
    });
    assert.deepEqual([r.statusCode, r.json()], [202, accepted]);
    r = await t.request({ method: 'PUT', url, payload: { codigoChecklist: q.id, codigoPergunta: q1, resposta: 'Não' } });
    assert.deepEqual([r.statusCode, r.json()], [202, accepted]);

    const expected = [
      {
        itemId: '7',
        questionnaireId: String(q.id),
        questionnaireDescription: 'Checklist',
        answers: [
          { questionId: String(q1), questionDescription: 'Tudo ok?', replyId: 1, reply: 'Não', replyDate: NOW },
          { questionId: String(q2), questionDescription: 'Limpo?', replyId: 2, reply: 'true', replyDate: NOW },
        ],
      },
    ];
    const got = await t.request({ method: 'GET', url: `/v2/tasks/${task}` });
    assert.deepEqual(got.json().result.questionnaires, expected);
    const log = await changes('Task', task);
    assert.deepEqual(
      log.map((c) => c.action),
      ['Inclusao', 'Alteracao', 'Alteracao', 'Alteracao'],
    );
    assert.deepEqual(log[3].snapshot.questionnaires, expected);
  });

  test('an unknown questionnaire, question or equipment answers 400 and writes nothing; an unknown task 404', async () => {
    const q = await post('/v2/questionnaires/', { description: 'Outro', questions: [{ answerType: 2, description: 'Ok?' }] });
    const task = (await post('/v2/tasks/', taskBody('2026-01-16T10:00:00'))).taskID;
    const url = `/v2/tasks/${task}/questionnaire-response`;
    await refused(
      { method: 'PUT', url, payload: { codigoChecklist: 999999, codigoPergunta: 1, resposta: 'x', codigoEquipamento: 888888 } },
      {
        codigoChecklist: ["The questionnaire '999999' does not exist in this account."],
        codigoEquipamento: ["The equipment '888888' does not exist in this account."],
      },
    );
    await refused(
      { method: 'PUT', url, payload: { codigoChecklist: q.id, codigoPergunta: 999999, resposta: 'x' } },
      { codigoPergunta: [`The question '999999' is not part of questionnaire '${q.id}'.`] },
    );
    const missing = await t.request({ method: 'PUT', url, payload: { codigoChecklist: q.id, resposta: 'x' } });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(Object.keys(missing.json()), ['codigoPergunta']);
    const none = await t.request({
      method: 'PUT',
      url: '/v2/tasks/99999999/questionnaire-response',
      payload: { codigoChecklist: q.id, codigoPergunta: q.questions[0].id, resposta: 'x' },
    });
    assert.equal(none.statusCode, 404);
    const got = await t.request({ method: 'GET', url: `/v2/tasks/${task}` });
    assert.deepEqual(got.json().result.questionnaires, []);
  });
});

describe('quotation items and additional costs', () => {
  type Json = Record<string, any>;
  const ok = async (req: Parameters<TestApp['request']>[0], status: number) => {
    const r = await t.request(req);
    assert.equal(r.statusCode, status, r.body);
    return status === 204 ? undefined : r.json().result;
  };
  /** The quotation without `alterations` (their ids and dates are pinned by the quotation tests). */
  const bare = ({ alterations: _a, ...rest }: Json) => rest;

  test('POST/PUT/DELETE items and PUT/DELETE adicost change the lists and totals; each is a change event; GET agrees', async () => {
    const customer = await ok({ method: 'POST', url: '/v2/customers/', payload: { name: 'Cliente Q' } }, 201);
    const productA = Number(
      (await ok({ method: 'POST', url: '/v2/products/', payload: { name: 'Filtro', unitaryValue: '1,00' } }, 201)).code,
    );
    const productB = Number(
      (await ok({ method: 'POST', url: '/v2/products/', payload: { name: 'Bomba', unitaryValue: '250,50' } }, 201)).code,
    );
    const service = (await ok({ method: 'POST', url: '/v2/services/', payload: { title: 'Instalar', price: 30 } }, 201)).id;
    const cost = await ok({ method: 'POST', url: '/v2/additionalCosts', payload: { name: 'Frete', unitaryValue: 10 } }, 201);
    const q0 = await ok(
      {
        method: 'POST',
        url: '/v2/quotations',
        payload: { customerId: customer.id, products: [{ productId: productA, amout: 2, UnitaryValue: '1.00' }] },
      },
      201,
    );
    const id = q0.publicId;
    const get = async () => (await t.request({ method: 'GET', url: `/v2/quotations/${id}` })).json().result;
    const summary = (p: number, s: number, c: number) => ({
      ...q0.summary,
      totalProducts: p,
      totalServices: s,
      totalAdditionalCosts: c,
      grossTotalValue: p + s + c,
      netTotalValue: p + s + c,
    });

    let r = await ok({ method: 'POST', url: `/V2/Quotations/${id}/Items/`, payload: { productId: productB, quantity: 3 } }, 201);
    let products = [...q0.products, { productId: productB, amout: 3, UnitaryValue: '250.50' }];
    assert.deepEqual(bare(r), bare({ ...q0, products, summary: summary(753.5, 0, 0) }));
    assert.deepEqual(r, await get());

    r = await ok({ method: 'POST', url: `/v2/quotations/${id}/items`, payload: { serviceId: service.toUpperCase(), amount: 2 } }, 201);
    assert.deepEqual(bare(r), bare({ ...q0, products, summary: summary(753.5, 60, 0) }));

    r = await ok({ method: 'PUT', url: `/v2/quotations/${id}/items`, payload: { productId: productB, unitValue: '200,00' } }, 200);
    products = [...q0.products, { productId: productB, amout: 3, UnitaryValue: '200.00' }];
    assert.deepEqual(bare(r), bare({ ...q0, products, summary: summary(602, 60, 0) }));

    await ok({ method: 'DELETE', url: `/v2/quotations/${id}/items?productId=${productA}` }, 204);
    await ok({ method: 'DELETE', url: `/v2/quotations/${id}/items?serviceId=${service}` }, 204);
    products = [{ productId: productB, amout: 3, UnitaryValue: '200.00' }];
    assert.deepEqual(bare(await get()), bare({ ...q0, products, summary: summary(600, 0, 0) }));

    r = await ok({ method: 'PUT', url: `/v2/quotations/${id}/adicost/`, payload: { costId: cost.code } }, 200);
    const line = r.aditionalCosts[0];
    assert.deepEqual(
      bare(r),
      bare({
        ...q0,
        products,
        aditionalCosts: [{ id: line.id, costId: cost.code, description: 'Frete', value: '10.00' }],
        summary: summary(600, 0, 10),
      }),
    );
    r = await ok(
      { method: 'PUT', url: `/v2/quotations/${id}/adicost`, payload: { costId: cost.code, value: '15,00', description: 'Frete expresso' } },
      200,
    );
    assert.deepEqual(
      r.aditionalCosts.map(({ id: _i, ...c }: Json) => c),
      [{ costId: cost.code, description: 'Frete expresso', value: '15.00' }],
    );
    assert.deepEqual(r.summary, summary(600, 0, 15));
    await ok({ method: 'DELETE', url: `/v2/quotations/${id}/adicost?costId=${cost.code}` }, 204);
    assert.deepEqual(bare(await get()), bare({ ...q0, products, summary: summary(600, 0, 0) }));

    const log = await changes('Quotation', id);
    assert.deepEqual(
      log.map((c) => c.action),
      ['Inclusao', ...Array(8).fill('Alteracao')],
    );
    assert.deepEqual(log[8].snapshot, await get());
  });

  test('bad items and costs answer 400 (or 404 for an unknown quotation) and write nothing', async () => {
    const customer = await ok({ method: 'POST', url: '/v2/customers/', payload: { name: 'Cliente R' } }, 201);
    const product = Number((await ok({ method: 'POST', url: '/v2/products/', payload: { name: 'Peça', unitaryValue: 5 } }, 201)).code);
    const q = await ok(
      { method: 'POST', url: '/v2/quotations', payload: { customerId: customer.id, products: [{ productId: product }] } },
      201,
    );
    const url = `/v2/quotations/${q.publicId}`;
    const either = { productId: ['Give either productId (a product code) or serviceId (a service GUID).'] };
    await refused({ method: 'POST', url: `${url}/items`, payload: { quantity: 1 } }, either);
    await refused({ method: 'POST', url: `${url}/items`, payload: { productId: product, serviceId: 'x' } }, either);
    await refused(
      { method: 'POST', url: `${url}/items`, payload: { productId: product } },
      { productId: [`The product '${product}' is already on quotation ${q.publicId}.`] },
    );
    await refused(
      { method: 'PUT', url: `${url}/items`, payload: { productId: 987654 } },
      { productId: [`The product '987654' is not on quotation ${q.publicId}.`] },
    );
    await refused(
      { method: 'DELETE', url: `${url}/items?productId=987654` },
      { productId: [`The product '987654' is not on quotation ${q.publicId}.`] },
    );
    await refused(
      { method: 'DELETE', url: `${url}/adicost?costId=987654` },
      { costId: [`The additional cost '987654' is not on quotation ${q.publicId}.`] },
    );
    for (const req of [
      { method: 'POST' as const, url: `${url}/items`, payload: { productId: 987654 } },
      { method: 'PUT' as const, url: `${url}/adicost`, payload: { costId: 987654 } },
      { method: 'PUT' as const, url: `${url}/items`, payload: { productId: product, quantity: 'abc' } },
    ]) {
      const before = await countChanges();
      const r = await t.request(req);
      assert.equal(r.statusCode, 400, `${req.method} ${req.url}: ${r.body}`);
      assert.equal(await countChanges(), before);
    }
    const none = await t.request({ method: 'PUT', url: '/v2/quotations/999999/adicost', payload: { costId: 1 } });
    assert.equal(none.statusCode, 404);
    assert.deepEqual((await t.request({ method: 'GET', url })).json().result, q);
  });
});

describe('service orders with the live recurrence fields', () => {
  test('POST /v2/serviceorders reads externalCode, keywordsIds and the flat recurrence, and creates the visits', async () => {
    const customer = (await t.request({ method: 'POST', url: '/v2/customers/', payload: { name: 'Cliente OS' } })).json().result.id;
    const kw = (await t.request({ method: 'POST', url: '/v2/keywords', payload: { description: 'Preventiva' } })).json().result.id;
    const tasksBefore = (
      await t.store.db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const r = await t.request({
      method: 'POST',
      url: '/V2/ServiceOrders/',
      payload: {
        customerId: customer,
        description: 'Preventiva semanal',
        externalCode: 'OS-77',
        keywordsIds: [kw],
        recurrenceType: 'Weekly',
        recurrenceInterval: 2,
        dateFirstVisit: '2026-02-02',
        dateLastVisit: '2026-03-02',
        startTime: '10:30',
      },
    });
    assert.equal(r.statusCode, 201, r.body);
    const so = r.json().result;
    assert.deepEqual(r.json(), (await t.request({ method: 'GET', url: `/v2/serviceorders/${so.projectCode}` })).json());
    const stored = await t.store.db.selectFrom('projects').select('external_id').where('guid', '=', so.id).executeTakeFirstOrThrow();
    assert.equal(stored.external_id, 'OS-77');
    assert.deepEqual(so.keywords, [{ id: kw, name: 'Preventiva' }]);
    assert.deepEqual(
      so.visits.map((v: { taskDate: string }) => v.taskDate),
      ['02/02/2026 10:30', '16/02/2026 10:30', '02/03/2026 10:30'],
    );
    const tasksAfter = (
      await t.store.db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    assert.equal(Number(tasksAfter), Number(tasksBefore) + 3);
    const log = await changes('Project', so.projectCode);
    assert.equal(log.at(-1)?.action, 'Inclusao');
  });

  test('what Campo cannot reproduce (yearly, recurrenceDays, monthlyMode, duration) answers 400 and writes nothing', async () => {
    const customer = (await t.request({ method: 'POST', url: '/v2/customers/', payload: { name: 'Cliente OS2' } })).json().result.id;
    const base = { customerId: customer, description: 'X', dateFirstVisit: '2026-02-02', dateLastVisit: '2026-03-02' };
    await refused(
      {
        method: 'POST',
        url: '/v2/serviceorders',
        payload: { ...base, recurrenceType: 'yearly', recurrenceDays: [1, 3], monthlyMode: 1, duration: 60 },
      },
      {
        recurrenceDays: ['The recurrenceDays field is not supported by Campo.'],
        monthlyMode: ['The monthlyMode field is not supported by Campo.'],
        duration: ['The duration field is not supported by Campo.'],
        recurrenceType: ["The value 'yearly' is not supported by Campo; use daily, weekly or monthly."],
      },
    );
    await refused(
      {
        method: 'POST',
        url: '/v2/serviceorders',
        payload: { customerId: customer, description: 'X', recurrenceType: 'daily', startTime: '9h' },
      },
      {
        dateFirstVisit: ['The dateFirstVisit field is required.'],
        dateLastVisit: ['The dateLastVisit field is required.'],
        startTime: ["The value '9h' is not a valid time (HH:mm)."],
      },
    );
  });
});
