import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';

let t: TestApp;
let u1: number;
let u2: number;
let categoryId: number;
let equipmentId: number;
before(async () => {
  t = await buildTestApp();
  u1 = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody() })).json().result.userId;
  u2 = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody() })).json().result.userId;
  categoryId = (await t.request({ method: 'POST', url: '/v2/productCategories/', payload: { description: 'Peças' } })).json().result.id;
  equipmentId = (await t.request({ method: 'POST', url: '/v2/equipments/', payload: { name: 'Compressor' } })).json().result.id;
});
after(async () => t.close());

const local = (d: Date) => new Date(d.getTime() - 3 * 3600_000).toISOString().slice(0, 19);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6]);
const pdf = Buffer.from('%PDF-1.4 x');
const FILE = /^http:\/\/[^/]+\/campo\/v1\/files\/[A-Za-z0-9_-]+\/image\.jpg$/;

function docBody(over: Record<string, unknown> = {}) {
  return {
    externalId: '123',
    name: 'p1',
    description: 'p1 ver',
    associatedEquipmentId: equipmentId,
    categoryId,
    unitaryValue: '12,00',
    unitaryCost: '6,00',
    totalStock: 120,
    active: true,
    Base64Image: jpeg.toString('base64'),
    minimumStock: '30',
    productSpecifications: [{ name: 'cor', Specification: 'azul' }],
    employeesStock: [{ userId: u1, amount: 123 }],
    attachments: [{ name: 'image.jpg', file: jpeg.toString('base64') }],
    ...over,
  };
}

async function create(body: Record<string, unknown>) {
  const res = await t.request({ method: 'POST', url: '/v2/products/', payload: body });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().result;
}

/** The GET form of a POST answer (the movement loses `unitaryCost`). */
function asGet(created: Record<string, unknown> & { employeesStock: { lastStockMovement: Record<string, unknown> | null }[] }) {
  return {
    ...created,
    employeesStock: created.employeesStock.map((s) => {
      if (!s.lastStockMovement) return s;
      const { unitaryCost: _c, ...m } = s.lastStockMovement;
      return { ...s, lastStockMovement: m };
    }),
  };
}

const events = (code: number | string) =>
  t.store.db
    .selectFrom('change_events')
    .selectAll()
    .where('entity', '=', 'Product')
    .where('entity_id', '=', String(code))
    .orderBy('seq')
    .execute();

describe('POST /v2/products/', () => {
  test('creates from the documented body and answers 201 with pt-BR money, GUID productId, string code and employee stock', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/products/', payload: docBody() });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json().result;
    assert.match(r.productId, GUID);
    assert.match(r.code, /^\d+$/);
    assert.match(r.uriAnexos[0], FILE);
    // The picture has its own URL (the live service's imageUrl), apart from the attachments.
    assert.match(r.imageUrl, FILE);
    assert.notEqual(r.imageUrl, r.uriAnexos[0]);
    const stockId = r.employeesStock[0].id;
    const movementId = r.employeesStock[0].lastStockMovement.id;
    const expected = {
      productId: r.productId,
      externalId: '123',
      code: r.code,
      name: 'p1',
      associatedEquipmentId: equipmentId,
      categoryId,
      unitaryValue: '12,00',
      unitaryCost: '6,00',
      totalStock: 120,
      active: true,
      minimumStock: '30',
      Base64Image: '',
      imageUrl: r.imageUrl,
      uriAnexos: r.uriAnexos,
      uriAttachments: r.uriAnexos,
      productSpecifications: [{ name: 'cor', Specification: 'azul' }],
      employeesStock: [
        {
          id: stockId,
          userId: u1,
          amount: 123,
          lastStockMovement: {
            id: movementId,
            operationUserId: t.account.adminUserId,
            stockUserId: u1,
            productId: Number(r.code),
            amount: 123,
            Unitaryvalue: 12,
            unitaryCost: '6,00',
            entry: true,
            date: local(t.clock.now()),
          },
        },
      ],
      description: 'p1 ver',
    };
    assert.deepEqual(res.json(), { result: expected });
    assert.deepEqual(Object.keys(r), Object.keys(expected));
    assert.deepEqual(Object.keys(r.employeesStock[0].lastStockMovement), Object.keys(expected.employeesStock[0].lastStockMovement));
    // GET by code and by GUID: the documented model (no unit cost in the movement).
    for (const id of [r.code, r.productId, r.productId.toUpperCase()]) {
      const get = await t.request({ method: 'GET', url: `/v2/products/${id}` });
      assert.equal(get.statusCode, 200, id);
      assert.deepEqual(get.json(), { result: asGet(expected) }, id);
    }
    const images = await t.store.db
      .selectFrom('files')
      .select('name')
      .where('owner_entity', '=', 'ProductImage')
      .where('owner_id', '=', r.code)
      .execute();
    assert.deepEqual(images, [{ name: 'image.jpg' }]);
    const ev = await events(r.code);
    assert.deepEqual(
      ev.map((e) => e.action),
      ['Inclusao'],
    );
    assert.deepEqual(JSON.parse(ev[0].snapshot as string), asGet(expected));
    assert.deepEqual(await t.services.products.findById(t.account.id, r.productId), asGet(expected));
    assert.deepEqual(
      [...(await t.services.products.existingIds(t.account.id, [r.productId.toUpperCase(), '00000000-0000-0000-0000-000000000000']))],
      [r.productId],
    );
  });

  test('a name alone is enough; money is accepted as numbers and in both cultures', async () => {
    const r = await create({ name: 'bare' });
    assert.deepEqual(r, {
      productId: r.productId,
      externalId: '',
      code: r.code,
      name: 'bare',
      associatedEquipmentId: 0,
      categoryId: 0,
      unitaryValue: '0,00',
      unitaryCost: '0,00',
      totalStock: 0,
      active: true,
      minimumStock: '0',
      Base64Image: '',
      imageUrl: '',
      uriAnexos: [],
      uriAttachments: [],
      productSpecifications: [],
      employeesStock: [],
      description: '',
    });
    for (const [input, out] of [
      [1234.5, '1.234,50'],
      ['1.234,56', '1.234,56'],
      ['12.34', '12,34'],
      ['7', '7,00'],
    ] as const) {
      assert.equal((await create({ name: 'm', unitaryValue: input })).unitaryValue, out, String(input));
    }
    assert.equal((await create({ name: 'm', minimumStock: 2.5 })).minimumStock, '2,5');
  });

  test('unknown references, duplicate employees and bad values answer 400 and write nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.store.db
            .selectFrom('products')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const res = await t.request({
      method: 'POST',
      url: '/v2/products/',
      payload: {
        name: 'x',
        categoryId: 999999,
        associatedEquipmentId: 999999,
        employeesStock: [
          { userId: 999999, amount: 1 },
          { userId: u1, amount: 1 },
          { userId: u1, amount: 2 },
        ],
      },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), {
      categoryId: ['The product category 999999 does not exist.'],
      associatedEquipmentId: ['The equipment 999999 does not exist.'],
      'employeesStock[0].userId': ['The user 999999 does not exist.'],
      'employeesStock[2].userId': [`The user ${u1} is listed more than once.`],
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ description: 'x' }, 'name'],
      [{ name: 'x', unitaryValue: 'doze' }, 'unitaryValue'],
      [{ name: 'x', unitaryCost: '-1' }, 'unitaryCost'],
      [{ name: 'x', minimumStock: 'muito' }, 'minimumStock'],
      [{ name: 'x', employeesStock: [{ userId: u1 }] }, 'employeesStock[0].amount'],
      [{ name: 'x', attachments: [{ name: 'a', file: pdf.toString('base64') }] }, 'attachments[0].name'],
      [{ name: 'x', base64Image: '!!' }, 'base64Image'],
    ];
    for (const [payload, key] of cases) {
      const r = await t.request({ method: 'POST', url: '/v2/products/', payload });
      assert.equal(r.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual(Object.keys(r.json()), [key], JSON.stringify(payload));
    }
    assert.equal(await count(), before);
  });
});

describe('PUT /v2/products/employee-product-stock', () => {
  test('answers 204 with no body; sets the absolute quantity and records the movement (documented keys, any casing)', async () => {
    const p = await create({ name: 'stocked', unitaryValue: '10,00', unitaryCost: '4,00', employeesStock: [{ userId: u1, amount: 10 }] });
    t.clock.advance(60_000);
    const res = await t.request({
      method: 'PUT',
      url: '/v2/products/employee-product-stock',
      payload: { UserId: u1, ProductId: Number(p.code), amount: 4 },
    });
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    const get = (await t.request({ method: 'GET', url: `/v2/products/${p.code}` })).json().result;
    assert.deepEqual(get.employeesStock, [
      {
        id: p.employeesStock[0].id,
        userId: u1,
        amount: 4,
        lastStockMovement: {
          id: get.employeesStock[0].lastStockMovement.id,
          operationUserId: t.account.adminUserId,
          stockUserId: u1,
          productId: Number(p.code),
          amount: 6,
          Unitaryvalue: 10,
          entry: false,
          date: local(t.clock.now()),
        },
      },
    ]);
    assert.equal(get.totalStock, 0, 'totalStock is independent');
    // A new employee (by GUID), then the list shows UnitaryCost as a number.
    const second = await t.request({
      method: 'PUT',
      url: '/v2/products/employee-product-stock',
      payload: { userId: u2, productId: p.productId, Amount: '7' },
    });
    assert.equal(second.statusCode, 204);
    const listed = (
      await t.request({ method: 'GET', url: `/v2/products/?paramFilter=${encodeURIComponent(JSON.stringify({ id: Number(p.code) }))}` })
    ).json().result.entityList[0];
    assert.deepEqual(
      listed.employeesStock.map((s: { userId: number; amount: number; lastStockMovement: Record<string, unknown> }) => [
        s.userId,
        s.amount,
        s.lastStockMovement.amount,
        s.lastStockMovement.entry,
        s.lastStockMovement.UnitaryCost,
      ]),
      [
        [u1, 4, 6, false, 4],
        [u2, 7, 7, true, 4],
      ],
    );
    assert.deepEqual(
      (await events(p.code)).map((e) => e.action),
      ['Inclusao', 'Alteracao', 'Alteracao'],
    );
  });

  test('unknown product or user, or a bad amount, answers 400 and changes nothing', async () => {
    const p = await create({ name: 'guarded' });
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ UserId: u1, ProductId: 999999, amount: 1 }, { productId: ['The product 999999 does not exist.'] }],
      [{ UserId: 999999, ProductId: Number(p.code), amount: 1 }, { userId: ['The user 999999 does not exist.'] }],
      [{ UserId: u1, ProductId: 'abc', amount: 1 }, { productId: ["The value 'abc' is not valid."] }],
      [{ UserId: u1, ProductId: Number(p.code), amount: -1 }, { amount: ["The value '-1' is not a valid quantity."] }],
      [{ UserId: u1, ProductId: Number(p.code) }, { amount: ['The amount field is required.'] }],
    ];
    for (const [payload, expected] of cases) {
      const res = await t.request({ method: 'PUT', url: '/v2/products/employee-product-stock', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual(res.json(), expected);
    }
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/products/${p.code}` })).json().result.employeesStock, []);
  });
});

describe('PUT /v2/products/ (extension)', () => {
  test('creates (201), then updates by code, productId or externalId (200)', async () => {
    const created = await t.request({
      method: 'PUT',
      url: '/v2/products/',
      payload: { externalId: 'ERP-1', name: 'Filtro', unitaryValue: 15 },
    });
    assert.equal(created.statusCode, 201);
    const c = created.json().result;
    const byExt = await t.request({ method: 'PUT', url: '/v2/products/', payload: { externalId: 'ERP-1', unitaryValue: '16,50' } });
    assert.equal(byExt.statusCode, 200);
    assert.deepEqual(byExt.json().result, { ...c, unitaryValue: '16,50' });
    const byGuid = await t.request({ method: 'PUT', url: '/v2/products/', payload: { productId: c.productId, totalStock: 3 } });
    assert.deepEqual([byGuid.statusCode, byGuid.json().result.totalStock], [200, 3]);
    const byCode = await t.request({
      method: 'PUT',
      url: '/v2/products/',
      payload: { code: Number(c.code), employeesStock: [{ userId: u2, amount: 2 }] },
    });
    assert.equal(byCode.statusCode, 200);
    assert.deepEqual(
      byCode.json().result.employeesStock.map((s: { userId: number; amount: number }) => [s.userId, s.amount]),
      [[u2, 2]],
    );
    const noName = await t.request({ method: 'PUT', url: '/v2/products/', payload: { externalId: 'nobody' } });
    assert.equal(noName.statusCode, 400);
    assert.deepEqual(noName.json(), { name: ['The name field is required.'] });
  });
});

describe('PATCH /v2/products/{id}', () => {
  test('patches the documented paths and answers with `code` (as the live service does), movement UnitaryCost as a number', async () => {
    const p = await create(docBody({ externalId: 'patch-me', attachments: [] }));
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/products/${p.code}`,
      payload: [
        { op: 'replace', path: 'name', value: 'name value' },
        { op: 'replace', path: 'unitaryValue', value: '99,90' },
        { op: 'replace', path: 'minimumStock', value: 5 },
        { op: 'replace', path: 'categoryId', value: 0 },
        { op: 'replace', path: 'active', value: false },
        { op: 'replace', path: 'description', value: 'd2' },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const rest = p;
    const m = p.employeesStock[0].lastStockMovement;
    const { unitaryCost: _uc, entry, date, ...head } = m;
    assert.deepEqual(res.json(), {
      result: {
        ...rest,
        name: 'name value',
        unitaryValue: '99,90',
        minimumStock: '5',
        categoryId: 0,
        active: false,
        description: 'd2',
        employeesStock: [{ ...p.employeesStock[0], lastStockMovement: { ...head, UnitaryCost: 6, entry, date } }],
      },
    });
    assert.deepEqual(Object.keys(res.json().result).slice(0, 3), ['productId', 'externalId', 'code']);
  });

  test('unknown references, paths or values answer 400; unknown ids 404; bad ids 400', async () => {
    const p = await create({ name: 'x' });
    for (const [ops, key] of [
      [[{ op: 'replace', path: 'associatedEquipmentId', value: 999999 }], 'associatedEquipmentId'],
      [[{ op: 'replace', path: 'productSpecifications', value: [] }], 'productSpecifications'],
      [[{ op: 'replace', path: 'unitaryCost', value: 'x' }], 'unitaryCost'],
      [[{ op: 'replace', path: 'name', value: '' }], 'name'],
    ] as const) {
      const res = await t.request({ method: 'PATCH', url: `/v2/products/${p.productId}`, payload: ops });
      assert.equal(res.statusCode, 400, JSON.stringify(ops));
      assert.deepEqual(Object.keys(res.json()), [key]);
    }
    assert.equal(
      (await t.request({ method: 'PATCH', url: '/v2/products/999999', payload: [{ op: 'replace', path: 'name', value: 'y' }] })).statusCode,
      404,
    );
    const bad = await t.request({ method: 'GET', url: '/v2/products/abc' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { id: ["The value 'abc' is not valid."] });
    assert.equal((await t.request({ method: 'GET', url: '/v2/products/00000000-0000-0000-0000-000000000000' })).statusCode, 404);
  });
});

describe('PUT /v2/products/{id}/attachments', () => {
  test('adds files; removeAllAttachmentsInsertedByMe removes the earlier ones first; answers with `code` (as the live service does)', async () => {
    const p = await create({ name: 'files', attachments: [{ name: 'a.pdf', file: pdf.toString('base64') }] });
    const add = await t.request({
      method: 'PUT',
      url: `/v2/products/${p.code}/attachments`,
      payload: { removeAllAttachmentsInsertedByMe: false, attachments: [{ name: 'b.pdf', file: pdf.toString('base64') }] },
    });
    assert.equal(add.statusCode, 200);
    const files = [p.uriAnexos[0], add.json().result.uriAnexos[1]];
    assert.deepEqual(add.json().result, { ...p, uriAnexos: files, uriAttachments: files });
    const replace = await t.request({
      method: 'PUT',
      url: `/v2/products/${p.productId}/attachments`,
      payload: { removeAllAttachmentsInsertedByMe: true, attachments: [{ name: 'c.pdf', file: pdf.toString('base64') }] },
    });
    assert.equal(replace.json().result.uriAnexos.length, 1);
    assert.match(replace.json().result.uriAnexos[0], /\/c\.pdf$/);
    assert.equal(
      (await t.request({ method: 'PUT', url: '/v2/products/999999/attachments', payload: { attachments: [] } })).statusCode,
      404,
    );
  });
});

describe('DELETE /v2/products/{id}', () => {
  test('answers 204 by code or GUID; then 404; the category can be deleted while in use', async () => {
    const cat = (await t.request({ method: 'POST', url: '/v2/productCategories/', payload: { description: 'temp' } })).json().result.id;
    const p = await create({ name: 'gone', categoryId: cat, employeesStock: [{ userId: u1, amount: 1 }] });
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/productCategories/${cat}` })).statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/products/${p.code}` })).json().result.categoryId, cat);
    const snapshot = (await t.request({ method: 'GET', url: `/v2/products/${p.code}` })).json().result;
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/products/${p.productId}` })).statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/products/${p.code}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/products/${p.code}` })).statusCode, 404);
    const ev = await events(p.code);
    assert.equal(ev.at(-1)?.action, 'Exclusao');
    assert.deepEqual(JSON.parse(ev.at(-1)?.snapshot as string), snapshot);
    const stocks = await t.store.db.selectFrom('product_stocks').select('id').where('product_id', '=', Number(p.code)).execute();
    assert.deepEqual(stocks, []);
  });

  test('an equipment referenced by a product can be deleted; the product keeps the id', async () => {
    const eq = (await t.request({ method: 'POST', url: '/v2/equipments/', payload: { name: 'temp' } })).json().result.id;
    const p = await create({ name: 'on equipment', associatedEquipmentId: eq });
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/equipments/${eq}` })).statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/products/${p.code}` })).json().result.associatedEquipmentId, eq);
  });
});

describe('GET /v2/products/ (list)', () => {
  test('without paramFilter lists all; every documented filter; 404 when empty', async () => {
    const fresh = await buildTestApp();
    try {
      const cat = (await fresh.request({ method: 'POST', url: '/v2/productCategories/', payload: { description: 'K' } })).json().result.id;
      const eq = (await fresh.request({ method: 'POST', url: '/v2/equipments/', payload: { name: 'E' } })).json().result.id;
      const post = async (b: Record<string, unknown>) =>
        (await fresh.request({ method: 'POST', url: '/v2/products/', payload: b })).json().result;
      const a = await post({ name: 'Caixa De Cabo', externalId: 'X1', totalStock: 5, minimumStock: 10 });
      const b = await post({ name: 'Filtro', categoryId: cat, associatedEquipmentId: eq, totalStock: 50, minimumStock: 10, active: false });
      const c = await post({ name: 'Caixa de luz', totalStock: 10, minimumStock: 10 });
      const all = await fresh.request({ method: 'GET', url: '/v2/products/?pageSize=1' });
      assert.equal(all.statusCode, 200);
      const { employeesStock: _e, ...aRest } = a;
      assert.deepEqual(all.json().result, {
        entityList: [{ ...aRest, employeesStock: [] }],
        pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 3 },
        links: [
          { href: 'http://localhost:80/v2/Products?Page=1&PageSize=1&Order=Asc', rel: 'self', method: 'GET' },
          { href: 'http://localhost:80/v2/Products?Page=2&PageSize=1&Order=Asc', rel: 'nextPage', method: 'GET' },
        ],
      });
      const q = async (f: unknown) =>
        (await fresh.request({ method: 'GET', url: `/v2/products/?paramFilter=${encodeURIComponent(JSON.stringify(f))}` }))
          .json()
          .result.entityList.map((p: { code: string }) => p.code);
      assert.deepEqual(await q({ name: 'caixa' }), [a.code, c.code]);
      assert.deepEqual(await q({ externalId: 'X1' }), [a.code]);
      assert.deepEqual(await q({ associatedEquipmentId: eq }), [b.code]);
      assert.deepEqual(await q({ id: Number(c.code) }), [c.code]);
      assert.deepEqual(await q({ id: c.code }), [c.code]);
      assert.deepEqual(await q({ categoryId: cat }), [b.code]);
      assert.deepEqual(await q({ active: false }), [b.code]);
      assert.deepEqual(await q({ active: null }), [a.code, b.code, c.code]);
      assert.deepEqual(await q({ lowerThanMinimumStock: true }), [a.code]);
      assert.deepEqual(await q({ lowerThanMinimumStock: false }), [b.code, c.code]);
      assert.equal(
        (
          await fresh.request({
            method: 'GET',
            url: `/v2/products/?paramFilter=${encodeURIComponent('{"categoryId":99999999999,"id":99999999999}')}`,
          })
        ).statusCode,
        404,
      );
      assert.equal(
        (await fresh.request({ method: 'GET', url: `/v2/products/?paramFilter=${encodeURIComponent('{"name":"zzz"}')}` })).statusCode,
        404,
      );
      const bad = await fresh.request({
        method: 'GET',
        url: `/v2/products/?paramFilter=${encodeURIComponent('{"lowerThanMinimumStock":"talvez"}')}`,
      });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(Object.keys(bad.json()), ['message', 'target', 'errorCode', 'errors']);
    } finally {
      await fresh.close();
    }
  });
});
