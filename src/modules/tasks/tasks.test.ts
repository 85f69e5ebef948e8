import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
  t.clock.set('2026-03-10T15:30:00Z');
});
after(async () => t.close());

async function post(url: string, payload: unknown) {
  const r = await t.request({ method: 'POST', url, payload: payload as object });
  if (r.statusCode !== 201) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  return r.json().result;
}

test('smoke', async () => {
  const tech = await post('/v2/users/', userBody({ name: 'Técnico Um' }));
  const customer = await post('/v2/customers/', { name: 'Cliente X', externalId: 'C-10', address: 'Rua A', latitude: -16.68, longitude: -49.29 });
  const type = await post('/v2/taskTypes/', { description: 'Instalação', standartTime: '01:30:00' });
  const kw = await post('/v2/keywords/', { description: 'Urgente' });
  const product = await post('/v2/products/', { name: 'Filtro', description: 'Filtro de ar', unitaryValue: '12,50', externalId: 'P-1' });
  const service = await post('/v2/services/', { title: 'Instalação', price: 100 });
  const cost = await post('/v2/additionalCosts/', { name: 'Pedágio', unitaryValue: 10 });
  console.log(JSON.stringify({ tech: tech.userId, customer: customer.id, type: type.id, kw, product, service, cost }));
  const r = await t.request({
    method: 'POST',
    url: '/v2/tasks/',
    payload: {
      idUserFrom: t.account.adminUserId,
      idUserTo: tech.userId,
      customerId: customer.id,
      taskType: type.id,
      orientation: 'Trocar filtro',
      priority: 2,
      keyWords: [kw.id],
      taskProducts: [{ ProductId: product.productId, Quantity: '2', Value: '12,50' }],
      taskServices: [{ ServiceId: service.id, Quantity: 1, Value: 100, DiscountType: 1, DiscountValue: '10' }],
      taskAdditionalCosts: [{ AdditionalCostId: cost.id, Value: '10' }],
      attachments: [{ name: 'a.txt', file: Buffer.from('hello').toString('base64') }],
    },
  });
  console.log(r.statusCode, r.body);
  const g = await t.request({ method: 'GET', url: `/v2/tasks/${r.json().result.taskID}` });
  console.log(g.statusCode, g.body);
  const l = await t.request({ method: 'GET', url: `/v2/tasks/?paramFilter=${encodeURIComponent(JSON.stringify({ startDate: '2026-03-01', endDate: '2026-03-31' }))}` });
  console.log(l.statusCode, l.body.slice(0, 300));
  assert.ok(true);
});
