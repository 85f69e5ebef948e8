import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { ManualClock } from '../../core/clock.js';
import { invoiceTotals } from './financial.service.js';

type Obj = Record<string, unknown>;
const NOW = '2026-03-10T15:00:00.000Z';
/** NOW in America/Sao_Paulo (UTC-3). */
const NOW_LOCAL = '2026-03-10T12:00:00';
const TODAY = '2026-03-10';

let t: TestApp;
const f: Record<string, number | string> = {};

async function post(url: string, payload: unknown, app = t): Promise<Obj & { id: number }> {
  const res = await app.request({ method: 'POST', url, payload: payload as object });
  assert.equal(res.statusCode, 201, `${url}: ${res.body}`);
  return res.json().result;
}

before(async () => {
  t = await buildTestApp({ clock: new ManualClock(NOW) });
  f.admin = t.account.adminUserId;
  f.customer = (await post('/v2/customers/', { name: 'Padaria Pão Quente', address: 'Rua A', latitude: -23.5, longitude: -46.6 })).id;
  f.customer2 = (await post('/v2/customers/', { name: 'Mercado Bom Preço', address: 'Rua B', latitude: -23.5, longitude: -46.6 })).id;
  f.service = String((await post('/v2/services/', { title: 'Limpeza', price: 100 })).id);
  f.cost = String((await post('/v2/additionalCosts/', { name: 'Deslocamento', unitaryValue: 10 })).id);
  const task = async (customerId: number, quantity: number) =>
    (
      await post('/v2/tasks/', {
        idUserFrom: f.admin,
        idUserTo: f.admin,
        customerId,
        orientation: `Limpeza x${quantity}`,
        priority: 2,
        taskDate: '2026-03-09T09:00:00',
        taskServices: [{ ServiceId: f.service, Quantity: quantity, Value: 100 }],
        taskAdditionalCosts: [{ AdditionalCostId: f.cost, Value: 10 }],
      })
    ).taskID as number;
  f.task1 = await task(f.customer as number, 2);
  f.task2 = await task(f.customer as number, 1);
  f.task3 = await task(f.customer as number, 3);
  f.otherTask = await task(f.customer2 as number, 1);
  f.order = (await post('/v2/serviceorders/', { customerId: f.customer, description: 'Contrato PMOC', tasks: [] })).projectCode as number;
});
after(async () => t.close());

const events = (entity: string, id: number) =>
  t.store.db
    .selectFrom('change_events')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();

describe('invoiceTotals', () => {
  test('sums the items, takes the discount off, never below 0, rounds to cents', () => {
    const items = [
      { totalProducts: 10.005, totalServices: 200, totalAdditionalCosts: 10, totalValue: 210.01 },
      { totalProducts: 0, totalServices: 100, totalAdditionalCosts: 0.1, totalValue: 90.1 },
    ];
    assert.deepEqual(invoiceTotals(items, 0.11), {
      totalProducts: 10.01,
      totalServices: 300,
      totalAdditionalCosts: 10.1,
      itemsTotal: 300.11,
      discount: 0.11,
      totalValue: 300,
    });
    assert.deepEqual(invoiceTotals(items, 1000).totalValue, 0);
    assert.deepEqual(invoiceTotals([], 0), {
      totalProducts: 0,
      totalServices: 0,
      totalAdditionalCosts: 0,
      itemsTotal: 0,
      discount: 0,
      totalValue: 0,
    });
  });
});

describe('financial categories and payment methods (extension)', () => {
  for (const [url, entity] of [
    ['/v2/financialcategories/', 'FinancialCategory'],
    ['/v2/PaymentMethods', 'PaymentMethod'],
  ] as const) {
    test(`${url}: POST, GET, PUT, PATCH, DELETE with whole bodies and change events`, async () => {
      const res = await t.request({ method: 'POST', url, payload: { name: 'Serviços' } });
      assert.equal(res.statusCode, 201);
      const c = res.json().result;
      assert.deepEqual(res.json(), { result: { id: c.id, description: 'Serviços', active: true } });
      assert.deepEqual((await t.request({ method: 'GET', url: `${url}${url.endsWith('/') ? '' : '/'}${c.id}/` })).json(), { result: c });
      const one = `${url.replace(/\/$/, '')}/${c.id}`;
      const put = await t.request({ method: 'PUT', url, payload: { id: c.id, active: false } });
      assert.equal(put.statusCode, 200);
      assert.deepEqual(put.json(), { result: { ...c, active: false } });
      const put2 = await t.request({ method: 'PUT', url: one, payload: { description: 'Produtos' } });
      assert.deepEqual([put2.statusCode, put2.json()], [200, { result: { ...c, description: 'Produtos', active: false } }]);
      const patch = await t.request({ method: 'PATCH', url: one, payload: [{ op: 'replace', path: '/Active', value: true }] });
      assert.deepEqual([patch.statusCode, patch.json()], [200, { result: { ...c, description: 'Produtos', active: true } }]);
      const created = await t.request({ method: 'PUT', url, payload: { description: 'Outros' } });
      assert.equal(created.statusCode, 201);
      assert.equal((await t.request({ method: 'DELETE', url: one })).statusCode, 204);
      assert.equal((await t.request({ method: 'GET', url: one })).statusCode, 404);
      assert.equal((await t.request({ method: 'DELETE', url: one })).statusCode, 404);
      const ev = await events(entity, c.id);
      assert.deepEqual(
        ev.map((e) => e.action),
        ['Inclusao', 'Alteracao', 'Alteracao', 'Alteracao', 'Exclusao'],
      );
      assert.deepEqual(JSON.parse(ev[4].snapshot as string), { ...c, description: 'Produtos', active: true });
    });

    test(`${url}: bad input answers 400 and changes nothing`, async () => {
      const before = await t.store.db
        .selectFrom('change_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const c = await post(url, { description: 'Fixo' });
      for (const payload of [{}, { description: '' }, { description: 'x', active: 'talvez' }]) {
        const res = await t.request({ method: 'POST', url, payload });
        assert.equal(res.statusCode, 400, JSON.stringify(payload));
      }
      const noDesc = await t.request({ method: 'PUT', url, payload: { active: true } });
      assert.deepEqual([noDesc.statusCode, noDesc.json()], [400, { description: ['The description field is required.'] }]);
      const one = `${url.replace(/\/$/, '')}/${c.id}`;
      for (const payload of [[{ op: 'replace', path: 'id', value: 3 }], [{ op: 'replace', path: 'description', value: '' }], []]) {
        assert.equal((await t.request({ method: 'PATCH', url: one, payload })).statusCode, 400, JSON.stringify(payload));
      }
      assert.equal((await t.request({ method: 'GET', url: `${url.replace(/\/$/, '')}/abc` })).statusCode, 400);
      assert.deepEqual((await t.request({ method: 'GET', url: one })).json(), { result: c });
      const after = await t.store.db
        .selectFrom('change_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n) + 1);
    });
  }

  test('list: envelope and filters', async () => {
    const fresh = await buildTestApp();
    try {
      const a = await post('/v2/paymentMethods', { description: 'Pix' }, fresh);
      const b = await post('/v2/paymentMethods', { description: 'Boleto', active: false }, fresh);
      const res = await fresh.request({ method: 'GET', url: '/v2/paymentmethods' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().result, {
        entityList: [a, b],
        pagedSearchReturnData: { order: 0, pageSize: 10, page: 1, totalItems: 2 },
        links: [{ href: 'http://localhost:80/v2/PaymentMethods?Page=1&PageSize=10&Order=Asc', rel: 'self', method: 'GET' }],
      });
      const q = (filter: unknown) =>
        fresh.request({ method: 'GET', url: `/v2/paymentMethods/?paramFilter=${encodeURIComponent(JSON.stringify(filter))}` });
      assert.deepEqual((await q({ description: 'BOL' })).json().result.entityList, [b]);
      assert.deepEqual((await q({ active: true })).json().result.entityList, [a]);
      assert.equal((await q({ description: 'zzz' })).statusCode, 404);
      assert.equal((await fresh.request({ method: 'GET', url: '/v2/financialCategories' })).statusCode, 404);
    } finally {
      await fresh.close();
    }
  });
});

describe('invoices and receivables (extension)', () => {
  let category: Obj & { id: number };
  let pix: Obj & { id: number };
  let invoice: Obj & { id: number };
  const task = async (id: number) => (await t.request({ method: 'GET', url: `/v2/tasks/${id}` })).json().result;
  const order = async (code: number) => (await t.request({ method: 'GET', url: `/v2/serviceorders/${code}` })).json().result;

  before(async () => {
    category = await post('/v2/financialCategories', { description: 'Receita de serviços' });
    pix = await post('/v2/paymentMethods', { description: 'Pix' });
  });

  test('POST /v2/invoices builds the items and totals from the tasks and service orders of the customer', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/invoices/',
      payload: {
        customerId: f.customer,
        description: 'Março',
        dueDate: '2026-03-31',
        financialCategoryId: category.id,
        taskIds: [f.task1, f.task2],
        serviceOrderIds: [f.order],
        discount: '10,50',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    invoice = res.json().result;
    const [t1, t2, o] = [await task(f.task1 as number), await task(f.task2 as number), await order(f.order as number)];
    // The task totals: 2 x 100 + 10 and 1 x 100 + 10.
    assert.deepEqual([t1.summary.totalValue, t2.summary.totalValue], [210, 110]);
    const oTotal = o.summary.totalProjectValue;
    const expected = {
      id: invoice.id,
      customerId: f.customer,
      customerName: 'Padaria Pão Quente',
      description: 'Março',
      issueDate: TODAY,
      dueDate: '2026-03-31',
      financialCategoryId: category.id,
      financialCategory: 'Receita de serviços',
      taskIds: [f.task1, f.task2],
      serviceOrderIds: [f.order],
      items: [
        {
          type: 'Task',
          id: f.task1,
          description: 'Limpeza x2',
          totalProducts: 0,
          totalServices: 200,
          totalAdditionalCosts: 10,
          totalValue: 210,
        },
        {
          type: 'Task',
          id: f.task2,
          description: 'Limpeza x1',
          totalProducts: 0,
          totalServices: 100,
          totalAdditionalCosts: 10,
          totalValue: 110,
        },
        {
          type: 'ServiceOrder',
          id: f.order,
          description: 'Contrato PMOC',
          totalProducts: o.summary.totalProductValue,
          totalServices: o.summary.totalServiceValue,
          totalAdditionalCosts: o.summary.totalAdditionalCostValue,
          totalValue: oTotal,
        },
      ],
      summary: {
        totalProducts: o.summary.totalProductValue,
        totalServices: 300 + o.summary.totalServiceValue,
        totalAdditionalCosts: 20 + o.summary.totalAdditionalCostValue,
        itemsTotal: 320 + oTotal,
        discount: 10.5,
        totalValue: 309.5 + oTotal,
      },
      creationDate: NOW_LOCAL,
    };
    assert.deepEqual(res.json(), { result: expected });
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/Invoices/${invoice.id}/` })).json(), { result: expected });
    assert.deepEqual(JSON.parse((await events('Invoice', invoice.id))[0].snapshot as string), expected);
    invoice = expected as typeof invoice;
  });

  test('invoice bad input answers 400 with a field map and stores nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.store.db
            .selectFrom('invoices')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad: [Obj, Obj][] = [
      [{ taskIds: [f.task3] }, { customerId: ['The customerId field is required.'] }],
      [{ customerId: f.customer }, { taskIds: ['An invoice needs at least one task or service order (taskIds, serviceOrderIds).'] }],
      [
        { customerId: 99999, taskIds: [f.task3] },
        { customerId: ['The customer 99999 does not exist.'], taskIds: [`The task ${f.task3} is not of the customer 99999.`] },
      ],
      [{ customerId: f.customer, taskIds: [f.otherTask] }, { taskIds: [`The task ${f.otherTask} is not of the customer ${f.customer}.`] }],
      [{ customerId: f.customer, taskIds: [f.task1] }, { taskIds: [`The task ${f.task1} is already on the invoice ${invoice.id}.`] }],
      [{ customerId: f.customer, taskIds: [99999] }, { taskIds: ['The task 99999 does not exist.'] }],
      [{ customerId: f.customer, serviceOrderIds: [99999] }, { serviceOrderIds: ['The service order 99999 does not exist.'] }],
      [
        { customerId: f.customer, taskIds: [f.task3], financialCategoryId: 99999 },
        { financialCategoryId: ['The financial category 99999 does not exist.'] },
      ],
      [
        { customerId: f.customer, taskIds: [f.task3], dueDate: '2026-02-30' },
        { dueDate: ["The value '2026-02-30' is not a valid date (yyyy-MM-dd)."] },
      ],
      [{ customerId: f.customer, taskIds: [f.task3], discount: 'muito' }, { discount: ["The value 'muito' is not a valid amount."] }],
    ];
    for (const [payload, body] of bad) {
      const res = await t.request({ method: 'POST', url: '/v2/invoices', payload });
      assert.deepEqual([res.statusCode, res.json()], [400, body], JSON.stringify(payload));
    }
    const typed = await t.request({ method: 'POST', url: '/v2/invoices', payload: { customerId: 'abc', taskIds: [f.task3] } });
    assert.equal(typed.statusCode, 400);
    const patch = await t.request({
      method: 'PATCH',
      url: `/v2/invoices/${invoice.id}`,
      payload: [{ op: 'replace', path: 'taskIds', value: [f.otherTask] }],
    });
    assert.equal(patch.statusCode, 400);
    assert.equal(await count(), before);
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/invoices/${invoice.id}` })).json(), { result: invoice });
  });

  test('PUT and PATCH re-read the items; PUT without a known id creates (201)', async () => {
    const put = await t.request({
      method: 'PUT',
      url: '/v2/invoices',
      payload: { id: invoice.id, customerId: f.customer, taskIds: [f.task2, f.task3] },
    });
    assert.equal(put.statusCode, 200, put.body);
    const r = put.json().result;
    assert.deepEqual(
      { ...r, items: r.items.map((i: Obj) => [i.id, i.totalValue]) },
      {
        ...invoice,
        description: '',
        dueDate: '',
        financialCategoryId: 0,
        financialCategory: '',
        taskIds: [f.task2, f.task3],
        serviceOrderIds: [],
        items: [
          [f.task2, 110],
          [f.task3, 310],
        ],
        summary: { totalProducts: 0, totalServices: 400, totalAdditionalCosts: 20, itemsTotal: 420, discount: 0, totalValue: 420 },
      },
    );
    const patch = await t.request({
      method: 'PATCH',
      url: `/v2/invoices/${invoice.id}`,
      payload: [
        { op: 'replace', path: 'discount', value: 20 },
        { op: 'replace', path: 'TaskIds', value: [f.task3] },
        { op: 'replace', path: 'dueDate', value: '2026-04-10' },
      ],
    });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.deepEqual(patch.json().result.summary, {
      totalProducts: 0,
      totalServices: 300,
      totalAdditionalCosts: 10,
      itemsTotal: 310,
      discount: 20,
      totalValue: 290,
    });
    assert.equal(patch.json().result.dueDate, '2026-04-10');
    const byPath = await t.request({
      method: 'PUT',
      url: `/v2/invoices/${invoice.id}`,
      payload: { customerId: f.customer, taskIds: [f.task3, f.task1], discount: 20 },
    });
    assert.equal(byPath.statusCode, 200);
    assert.deepEqual(byPath.json().result.taskIds, [f.task3, f.task1]);
    assert.equal(
      (await t.request({ method: 'PUT', url: '/v2/invoices/99999', payload: { customerId: f.customer, taskIds: [f.task2] } })).statusCode,
      404,
    );
    const created = await t.request({
      method: 'PUT',
      url: '/v2/invoices',
      payload: { id: 99999, customerId: f.customer, taskIds: [f.task2] },
    });
    assert.equal(created.statusCode, 201);
    assert.notEqual(created.json().result.id, 99999);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/invoices/${created.json().result.id}` })).statusCode, 204);
    assert.deepEqual(
      (await events('Invoice', invoice.id)).map((e) => e.action),
      ['Inclusao', 'Alteracao', 'Alteracao', 'Alteracao'],
    );
    invoice = byPath.json().result;
  });

  test('receivables: from an invoice (customer and amount by default), paid state, PUT, PATCH, DELETE', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/receivables/',
      payload: { invoiceId: invoice.id, dueDate: '2026-04-10', paymentMethodId: pix.id, description: 'Parcela única' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json().result;
    const expected = {
      id: r.id,
      customerId: f.customer,
      customerName: 'Padaria Pão Quente',
      invoiceId: invoice.id,
      description: 'Parcela única',
      amount: (invoice.summary as Obj).totalValue,
      dueDate: '2026-04-10',
      paymentMethodId: pix.id,
      paymentMethod: 'Pix',
      financialCategoryId: 0,
      financialCategory: '',
      paid: false,
      paymentDate: '',
      creationDate: NOW_LOCAL,
    };
    assert.deepEqual(res.json(), { result: expected });
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/receivables/${r.id}` })).json(), { result: expected });
    const paid = await t.request({
      method: 'PATCH',
      url: `/v2/receivables/${r.id}`,
      payload: [{ op: 'replace', path: 'paid', value: true }],
    });
    assert.deepEqual([paid.statusCode, paid.json()], [200, { result: { ...expected, paid: true, paymentDate: TODAY } }]);
    const put = await t.request({
      method: 'PUT',
      url: '/v2/receivables',
      payload: { id: r.id, paymentDate: '2026-03-09', amount: '1.234,5' },
    });
    assert.deepEqual(
      [put.statusCode, put.json()],
      [200, { result: { ...expected, paid: true, paymentDate: '2026-03-09', amount: 1234.5 } }],
    );
    const unpaid = await t.request({
      method: 'PUT',
      url: `/v2/receivables/${r.id}`,
      payload: { paid: false, financialCategoryId: category.id },
    });
    assert.deepEqual(unpaid.json(), {
      result: { ...expected, amount: 1234.5, financialCategoryId: category.id, financialCategory: 'Receita de serviços' },
    });
    const del = await t.request({ method: 'DELETE', url: `/v2/invoices/${invoice.id}` });
    assert.deepEqual([del.statusCode, del.json()], [400, { id: [`The invoice ${invoice.id} has receivables; delete them first.`] }]);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/receivables/${r.id}` })).statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/receivables/${r.id}` })).statusCode, 404);
    const ev = await events('Receivable', r.id);
    assert.deepEqual(
      ev.map((e) => e.action),
      ['Inclusao', 'Alteracao', 'Alteracao', 'Alteracao', 'Exclusao'],
    );
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/invoices/${invoice.id}` })).statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/invoices/${invoice.id}` })).statusCode, 404);
    assert.equal((await events('Invoice', invoice.id)).at(-1)?.action, 'Exclusao');
  });

  test('receivable bad input answers 400 and stores nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.store.db
            .selectFrom('receivables')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const inv = await post('/v2/invoices', { customerId: f.customer, taskIds: [f.task2] });
    const bad: [Obj, Obj][] = [
      [{ amount: 10 }, { dueDate: ['The dueDate field is required.'] }],
      [{ amount: 10, dueDate: '2026-04-01' }, { customerId: ['The customerId field is required.'] }],
      [{ customerId: f.customer, dueDate: '2026-04-01' }, { amount: ['The amount field is required.'] }],
      [{ customerId: f.customer, amount: -1, dueDate: '2026-04-01' }, { amount: ["The value '-1' is not a valid amount."] }],
      [{ customerId: f.customer, amount: 1, dueDate: 'amanhã' }, { dueDate: ["The value 'amanhã' is not a valid date (yyyy-MM-dd)."] }],
      [{ invoiceId: 99999, dueDate: '2026-04-01' }, { invoiceId: ['The invoice 99999 does not exist.'] }],
      [
        { invoiceId: inv.id, customerId: f.customer2, dueDate: '2026-04-01' },
        { customerId: [`The invoice ${inv.id} is of the customer ${f.customer}.`] },
      ],
      [
        { customerId: f.customer, amount: 1, dueDate: '2026-04-01', paymentMethodId: 99999 },
        { paymentMethodId: ['The payment method 99999 does not exist.'] },
      ],
    ];
    for (const [payload, body] of bad) {
      const res = await t.request({ method: 'POST', url: '/v2/receivables', payload });
      assert.deepEqual([res.statusCode, res.json()], [400, body], JSON.stringify(payload));
    }
    assert.equal(
      (
        await t.request({
          method: 'POST',
          url: '/v2/receivables',
          payload: { customerId: 1, amount: 1, dueDate: '2026-04-01', paid: 'sim' },
        })
      ).statusCode,
      400,
    );
    assert.equal(await count(), before);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/invoices/${inv.id}` })).statusCode, 204);
  });

  test('lists: envelope and filters', async () => {
    const fresh = await buildTestApp({ clock: new ManualClock(NOW) });
    try {
      const c = await post('/v2/customers/', { name: 'Cliente', address: 'Rua A', latitude: -23.5, longitude: -46.6 }, fresh);
      const so = (await post('/v2/serviceorders/', { customerId: c.id, description: 'OS', tasks: [] }, fresh)).projectCode as number;
      const tk = (
        await post(
          '/v2/tasks/',
          { idUserFrom: fresh.account.adminUserId, customerId: c.id, priority: 1, orientation: 'Visita', taskDate: '2026-03-09T09:00:00' },
          fresh,
        )
      ).taskID as number;
      const i1 = await post('/v2/invoices', { customerId: c.id, taskIds: [tk], issueDate: '2026-03-01' }, fresh);
      const i2 = await post('/v2/invoices', { customerId: c.id, serviceOrderIds: [so], issueDate: '2026-03-20' }, fresh);
      const r1 = await post('/v2/receivables', { invoiceId: i1.id, amount: 5, dueDate: '2026-03-15' }, fresh);
      const r2 = await post('/v2/receivables', { customerId: c.id, amount: 7, dueDate: '2026-04-15', paid: true }, fresh);
      const res = await fresh.request({ method: 'GET', url: '/v2/invoices' });
      assert.deepEqual(res.json().result, {
        entityList: [i1, i2],
        pagedSearchReturnData: { order: 0, pageSize: 10, page: 1, totalItems: 2 },
        links: [{ href: 'http://localhost:80/v2/Invoices?Page=1&PageSize=10&Order=Asc', rel: 'self', method: 'GET' }],
      });
      const q = (path: string, filter: unknown) =>
        fresh.request({ method: 'GET', url: `${path}?paramFilter=${encodeURIComponent(JSON.stringify(filter))}` });
      const ids = async (path: string, filter: unknown) => (await q(path, filter)).json().result.entityList.map((x: Obj) => x.id);
      assert.deepEqual(await ids('/v2/invoices', { taskId: tk }), [i1.id]);
      assert.deepEqual(await ids('/v2/invoices', { serviceOrderId: so }), [i2.id]);
      assert.deepEqual(await ids('/v2/invoices', { startDate: '2026-03-10', endDate: '2026-03-20' }), [i2.id]);
      assert.deepEqual(await ids('/v2/invoices', { customerId: c.id }), [i1.id, i2.id]);
      assert.equal((await q('/v2/invoices', { customerId: 99999999999 })).statusCode, 404);
      assert.equal((await q('/v2/invoices', { startDate: 'ontem' })).statusCode, 400);
      const all = await fresh.request({ method: 'GET', url: '/v2/receivables/?order=desc' });
      assert.deepEqual(all.json().result.entityList, [r2, r1]);
      assert.deepEqual(await ids('/v2/receivables', { paid: true }), [r2.id]);
      assert.deepEqual(await ids('/v2/receivables', { invoiceId: i1.id }), [r1.id]);
      assert.deepEqual(await ids('/v2/receivables', { endDate: '2026-03-31' }), [r1.id]);
    } finally {
      await fresh.close();
    }
  });

  test("tenancy: another account cannot see, change or use this account's financial records", async () => {
    const b = await t.accounts.create('Company B');
    const token = await t.login(b);
    const inv = await post('/v2/invoices', { customerId: f.customer, taskIds: [f.task2] });
    const rec = await post('/v2/receivables', { invoiceId: inv.id, dueDate: '2026-05-01' });
    const cat = await post('/v2/financialCategories', { description: 'Só A' });
    for (const url of [`/v2/invoices/${inv.id}`, `/v2/receivables/${rec.id}`, `/v2/financialCategories/${cat.id}`]) {
      const asB = (o: Obj) => t.request({ url, token, ...o } as Parameters<TestApp['request']>[0]);
      assert.equal((await asB({ method: 'GET' })).statusCode, 404, url);
      assert.equal((await asB({ method: 'PATCH', payload: [{ op: 'replace', path: 'description', value: 'B' }] })).statusCode, 404, url);
      assert.equal((await asB({ method: 'DELETE' })).statusCode, 404, url);
    }
    for (const url of ['/v2/invoices', '/v2/receivables', '/v2/financialCategories', '/v2/paymentMethods']) {
      assert.equal((await t.request({ method: 'GET', url, token })).statusCode, 404, url);
    }
    const cust = await post('/v2/customers/', { name: 'Cliente B', address: 'Rua', latitude: -23.5, longitude: -46.6 }).catch(
      () => undefined,
    );
    assert.ok(cust);
    const useA = await t.request({ method: 'POST', url: '/v2/invoices', token, payload: { customerId: f.customer, taskIds: [f.task3] } });
    assert.equal(useA.statusCode, 400);
    assert.deepEqual(Object.keys(useA.json()).sort(), ['customerId', 'taskIds']);
    const recA = await t.request({ method: 'POST', url: '/v2/receivables', token, payload: { invoiceId: inv.id, dueDate: '2026-05-01' } });
    assert.deepEqual([recA.statusCode, recA.json()], [400, { invoiceId: [`The invoice ${inv.id} does not exist.`] }]);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/receivables/${rec.id}` })).statusCode, 204);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/invoices/${inv.id}` })).statusCode, 204);
  });

  test('every write reaches webhooks registered for the financial entities (by name or code)', async () => {
    const hooks: number[] = [];
    for (const entity of ['Invoice', '1024', 'financialcategory', '1022']) {
      const res = await t.request({
        method: 'POST',
        url: '/v2/webHooks/',
        payload: { entity, action: 'Inclusao', targetUrl: 'http://127.0.0.1:9/hook' },
      });
      assert.equal(res.statusCode, 201, res.body);
      hooks.push(res.json().result.id);
    }
    const cat = await post('/v2/financialCategories', { description: 'Webhook' });
    const pm = await post('/v2/paymentMethods', { description: 'Cartão' });
    const inv = await post('/v2/invoices', { customerId: f.customer2, taskIds: [f.otherTask] });
    const rec = await post('/v2/receivables', { invoiceId: inv.id, dueDate: '2026-05-01', paymentMethodId: pm.id });
    const journal = async (hook: number) => {
      const res = await t.request({ method: 'GET', url: `/campo/v1/webhookDeliveries?webhookId=${hook}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().result.entityList.map((d: Obj) => [d.entity, String(d.entityId)]);
    };
    assert.deepEqual(await journal(hooks[0]), [['Invoice', String(inv.id)]]);
    assert.deepEqual(await journal(hooks[1]), [['Receivable', String(rec.id)]]);
    assert.deepEqual(await journal(hooks[2]), [['FinancialCategory', String(cat.id)]]);
    assert.deepEqual(await journal(hooks[3]), [['PaymentMethod', String(pm.id)]]);
    for (const id of hooks) await t.request({ method: 'DELETE', url: `/v2/webHooks/${id}` });
    const entities = (await t.request({ method: 'GET', url: '/campo/v1/webhookEntities' })).json().result as Obj[];
    assert.deepEqual(
      entities.filter((e) => Number(e.code) > 1020),
      [
        { code: 1021, name: 'FinancialCategory', webhookEntity: '1021', entityType: 'CategoriasFinanceiras', documented: false },
        { code: 1022, name: 'PaymentMethod', webhookEntity: '1022', entityType: 'FormasPagamento', documented: false },
        { code: 1023, name: 'Invoice', webhookEntity: '1023', entityType: 'Faturas', documented: false },
        { code: 1024, name: 'Receivable', webhookEntity: '1024', entityType: 'ContasReceber', documented: false },
      ],
    );
  });

  test('every operation is marked x-campo-extension in OpenAPI with the live-service note', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    let n = 0;
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Obj>>)) {
      if (!/^\/v2\/(financialCategories|paymentMethods|invoices|receivables)/.test(path)) continue;
      for (const op of Object.values(ops)) {
        assert.equal(op['x-campo-extension'], true, path);
        assert.match(String(op.description), /live Auvo service has this operation/, path);
        n++;
      }
    }
    assert.equal(n, 28);
  });
});
