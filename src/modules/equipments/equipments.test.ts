import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';

let t: TestApp;
let userId: number;
let customerId: number;
let categoryId: number;
before(async () => {
  t = await buildTestApp();
  userId = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody() })).json().result.userId;
  const c = await t.request({ method: 'POST', url: '/v2/customers/', payload: { name: 'Cliente A' } });
  assert.equal(c.statusCode, 201, c.body);
  customerId = c.json().result.id;
  categoryId = (await t.request({ method: 'POST', url: '/v2/equipmentCategories/', payload: { description: 'Ar-condicionado' } })).json()
    .result.id;
});
after(async () => t.close());

const local = (d: Date) => new Date(d.getTime() - 3 * 3600_000).toISOString().slice(0, 19);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const pdf = Buffer.from('%PDF-1.4 test');
const FILE = (name: string) => new RegExp(`^http://[^/]+/campo/v1/files/[A-Za-z0-9_-]+/${name.replace('.', '\\.')}$`);
const KEYS = [
  'externalId',
  'parentEquipmentId',
  'associatedCustomerId',
  'associatedUserId',
  'categoryId',
  'name',
  'identifier',
  'urlImage',
  'uriAnexos',
  'active',
  'creationDate',
  'expirationDate',
  'equipmentSpecifications',
  'id',
  'description',
  'warrantyStartDate',
  'warrantyEndDate',
];

function docBody(over: Record<string, unknown> = {}) {
  return {
    externalId: '1',
    parentEquipmentId: 0,
    associatedCustomerId: customerId,
    associatedUserId: userId,
    categoryId,
    name: 'equi name',
    description: 'descricao',
    identifier: 'a1b2c3',
    base64Image: `data:image/png;base64,${png.toString('base64')}`,
    ExpirationDate: '2027-01-01T01:01:01',
    EquipmentSpecifications: [{ name: 'cor', specification: 'azul' }],
    Attachments: [{ name: 'manual.pdf', file: pdf.toString('base64') }],
    active: true,
    warrantyStartDate: '2026-01-01T00:00:00',
    warrantyEndDate: '2027-01-01T00:00:00',
    ...over,
  };
}

async function create(body: Record<string, unknown>) {
  const res = await t.request({ method: 'POST', url: '/v2/equipments/', payload: body });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().result;
}

const events = (id: number) =>
  t.store.db
    .selectFrom('change_events')
    .selectAll()
    .where('entity', '=', 'Equipment')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();

describe('POST /v2/equipments/', () => {
  test('creates from the documented body (PascalCase keys, data-URI image, attachment) and answers 201 in the documented order', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/equipments/', payload: docBody() });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json().result;
    assert.match(r.urlImage, FILE('image.png'));
    assert.equal(r.uriAnexos.length, 1);
    assert.match(r.uriAnexos[0], FILE('manual.pdf'));
    const expected = {
      externalId: '1',
      parentEquipmentId: 0,
      associatedCustomerId: customerId,
      associatedUserId: userId,
      categoryId,
      name: 'equi name',
      identifier: 'a1b2c3',
      urlImage: r.urlImage,
      uriAnexos: r.uriAnexos,
      active: true,
      creationDate: local(t.clock.now()),
      expirationDate: '2027-01-01T01:01:01',
      equipmentSpecifications: [{ name: 'cor', specification: 'azul' }],
      id: r.id,
      description: 'descricao',
      warrantyStartDate: '2026-01-01T00:00:00',
      warrantyEndDate: '2027-01-01T00:00:00',
    };
    assert.deepEqual(res.json(), { result: expected });
    assert.deepEqual(Object.keys(r), KEYS);
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/equipments/${r.id}` })).json(), { result: expected });
    const img = await t.app.inject({ method: 'GET', url: new URL(r.urlImage).pathname });
    assert.deepEqual([img.statusCode, img.headers['content-type']], [200, 'image/png']);
    assert.deepEqual((await t.app.inject({ method: 'GET', url: new URL(r.uriAnexos[0]).pathname })).rawPayload, pdf);
    const ev = await events(r.id);
    assert.deepEqual(
      ev.map((e) => e.action),
      ['Inclusao'],
    );
    assert.deepEqual(JSON.parse(ev[0].snapshot as string), expected);
  });

  test('a name alone is enough: 0 references, "" texts, null dates, active true', async () => {
    const r = await create({ name: 'bare' });
    assert.deepEqual(r, {
      externalId: '',
      parentEquipmentId: 0,
      associatedCustomerId: 0,
      associatedUserId: 0,
      categoryId: 0,
      name: 'bare',
      identifier: '',
      urlImage: '',
      uriAnexos: [],
      active: true,
      creationDate: local(t.clock.now()),
      expirationDate: null,
      equipmentSpecifications: [],
      id: r.id,
      description: '',
      warrantyStartDate: null,
      warrantyEndDate: null,
    });
  });

  test('unknown references answer 400 naming each attribute, and nothing is written', async () => {
    const count = async () =>
      Number(
        (
          await t.store.db
            .selectFrom('equipments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const res = await t.request({
      method: 'POST',
      url: '/v2/equipments/',
      payload: { name: 'x', parentEquipmentId: 999999, associatedCustomerId: 999999, associatedUserId: 999999, categoryId: 999999 },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), {
      categoryId: ['The equipment category 999999 does not exist.'],
      associatedUserId: ['The user 999999 does not exist.'],
      associatedCustomerId: ['The customer 999999 does not exist.'],
      parentEquipmentId: ['The equipment 999999 does not exist.'],
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ description: 'no name' }, 'name'],
      [{ name: 'x', expirationDate: '31/12/2026' }, 'expirationDate'],
      [{ name: 'x', attachments: [{ name: 'noext', file: pdf.toString('base64') }] }, 'attachments[0].name'],
      [{ name: 'x', attachments: [{ name: 'a.pdf', file: '***' }] }, 'attachments[0].file'],
      [{ name: 'x', base64Image: '@@@' }, 'base64Image'],
      [{ name: 'x', equipmentSpecifications: [{ specification: 'azul' }] }, 'equipmentSpecifications[0].name'],
      [{ name: 'x', categoryId: -1 }, 'categoryId'],
    ];
    for (const [payload, key] of cases) {
      const r = await t.request({ method: 'POST', url: '/v2/equipments/', payload });
      assert.equal(r.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual(Object.keys(r.json()), [key], JSON.stringify(payload));
    }
    assert.equal(await count(), before);
    const files = await t.store.db.selectFrom('files').select('key').where('owner_entity', 'like', 'Equipment%').execute();
    assert.equal(files.length, 2, 'only the files of the first test');
  });
});

describe('PUT /v2/equipments/ (extension)', () => {
  test('creates (201), then updates by externalId or id (200) keeping what is not sent', async () => {
    const created = await t.request({
      method: 'PUT',
      url: '/v2/equipments/',
      payload: { externalId: 'EQ-PUT', name: 'Split 9000', identifier: 'S1' },
    });
    assert.equal(created.statusCode, 201);
    const c = created.json().result;
    const byExt = await t.request({
      method: 'PUT',
      url: '/v2/equipments/',
      payload: { externalId: 'EQ-PUT', description: 'sala 2', categoryId },
    });
    assert.equal(byExt.statusCode, 200);
    assert.deepEqual(byExt.json().result, { ...c, description: 'sala 2', categoryId });
    const byId = await t.request({ method: 'PUT', url: '/v2/equipments/', payload: { id: c.id, externalId: 'EQ-PUT-2', active: false } });
    assert.equal(byId.statusCode, 200);
    assert.deepEqual(byId.json().result, { ...c, description: 'sala 2', categoryId, externalId: 'EQ-PUT-2', active: false });
    const noName = await t.request({ method: 'PUT', url: '/v2/equipments/', payload: { externalId: 'nobody' } });
    assert.equal(noName.statusCode, 400);
    assert.deepEqual(noName.json(), { name: ['The name field is required.'] });
    assert.deepEqual(
      (await events(c.id)).map((e) => e.action),
      ['Inclusao', 'Alteracao', 'Alteracao'],
    );
  });
});

describe('PATCH /v2/equipments/{id}', () => {
  test('patches the documented paths and answers the full equipment', async () => {
    const parent = await create({ name: 'parent' });
    const e = await create({ name: 'child', expirationDate: '2027-05-05T10:00:00' });
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/equipments/${e.id}`,
      payload: [
        { op: 'replace', path: 'name', value: 'name value' },
        { op: 'replace', path: 'parentEquipmentId', value: parent.id },
        { op: 'replace', path: 'associatedUserId', value: userId },
        { op: 'replace', path: 'equipmentSpecifications', value: [{ name: 'voltagem', specification: '220' }] },
        { op: 'replace', path: 'warrantyEndDate', value: '2028-01-01T00:00:00' },
        { op: 'remove', path: 'expirationDate' },
        { op: 'replace', path: 'base64Image', value: png.toString('base64') },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json().result;
    assert.match(r.urlImage, FILE('image.png'));
    assert.deepEqual(r, {
      ...e,
      name: 'name value',
      parentEquipmentId: parent.id,
      associatedUserId: userId,
      equipmentSpecifications: [{ name: 'voltagem', specification: '220' }],
      warrantyEndDate: '2028-01-01T00:00:00',
      expirationDate: null,
      urlImage: r.urlImage,
    });
  });

  test('a parent that does not exist, itself or a descendant answers 400; nothing changes', async () => {
    const a = await create({ name: 'a' });
    const b = await create({ name: 'b', parentEquipmentId: a.id });
    const c = await create({ name: 'c', parentEquipmentId: b.id });
    for (const parent of [a.id, c.id]) {
      const res = await t.request({
        method: 'PATCH',
        url: `/v2/equipments/${a.id}`,
        payload: [{ op: 'replace', path: 'parentEquipmentId', value: parent }],
      });
      assert.equal(res.statusCode, 400, String(parent));
      assert.deepEqual(res.json(), { parentEquipmentId: ['An equipment cannot be its own parent or the parent of one of its ancestors.'] });
    }
    for (const [ops, key] of [
      [[{ op: 'replace', path: 'associatedCustomerId', value: 999999 }], 'associatedCustomerId'],
      [[{ op: 'replace', path: 'urlImage', value: 'x' }], 'urlImage'],
      [[{ op: 'replace', path: 'warrantyStartDate', value: 'soon' }], 'warrantyStartDate'],
    ] as const) {
      const res = await t.request({ method: 'PATCH', url: `/v2/equipments/${a.id}`, payload: ops });
      assert.equal(res.statusCode, 400, JSON.stringify(ops));
      assert.deepEqual(Object.keys(res.json()), [key]);
    }
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/equipments/${a.id}` })).json().result, a);
    assert.equal(
      (await t.request({ method: 'PATCH', url: '/v2/equipments/999999', payload: [{ op: 'replace', path: 'name', value: 'x' }] }))
        .statusCode,
      404,
    );
  });
});

describe('PUT /v2/equipments/{id}/attachments', () => {
  test('adds files; removeAllAttachmentsInsertedByMe removes the earlier ones first', async () => {
    const e = await create({ name: 'with files', attachments: [{ name: 'a.pdf', file: pdf.toString('base64') }] });
    const add = await t.request({
      method: 'PUT',
      url: `/v2/equipments/${e.id}/attachments`,
      payload: { removeAllAttachmentsInsertedByMe: false, attachments: [{ name: 'b.png', file: png.toString('base64') }] },
    });
    assert.equal(add.statusCode, 200);
    assert.equal(add.json().result.uriAnexos.length, 2);
    assert.deepEqual(add.json().result, { ...e, uriAnexos: [e.uriAnexos[0], add.json().result.uriAnexos[1]] });
    const replace = await t.request({
      method: 'PUT',
      url: `/v2/equipments/${e.id}/attachments`,
      payload: { removeAllAttachmentsInsertedByMe: true, attachments: [{ name: 'c.pdf', file: pdf.toString('base64') }] },
    });
    assert.equal(replace.statusCode, 200);
    assert.equal(replace.json().result.uriAnexos.length, 1);
    assert.match(replace.json().result.uriAnexos[0], FILE('c.pdf'));
    const bad = await t.request({
      method: 'PUT',
      url: `/v2/equipments/${e.id}/attachments`,
      payload: { attachments: [{ file: pdf.toString('base64') }] },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { 'attachments[0].name': ['The name field is required.'] });
    assert.equal(
      (await t.request({ method: 'PUT', url: '/v2/equipments/999999/attachments', payload: { attachments: [] } })).statusCode,
      404,
    );
  });
});

describe('DELETE /v2/equipments/{id}', () => {
  test('answers 204; children keep the parent id, its category can be deleted while in use', async () => {
    const cat = (await t.request({ method: 'POST', url: '/v2/equipmentCategories/', payload: { description: 'temp' } })).json().result.id;
    const parent = await create({ name: 'parent', categoryId: cat, attachments: [{ name: 'a.pdf', file: pdf.toString('base64') }] });
    const child = await create({ name: 'child', parentEquipmentId: parent.id });
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/equipmentCategories/${cat}` })).statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/equipments/${parent.id}` })).json().result.categoryId, cat);
    const del = await t.request({ method: 'DELETE', url: `/v2/equipments/${parent.id}` });
    assert.equal(del.statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/equipments/${parent.id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/equipments/${parent.id}` })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: new URL(parent.uriAnexos[0]).pathname })).statusCode, 404);
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/equipments/${child.id}` })).json().result, child);
    // The child can still be edited although its parent is gone.
    const patched = await t.request({
      method: 'PATCH',
      url: `/v2/equipments/${child.id}`,
      payload: [{ op: 'replace', path: 'name', value: 'orphan' }],
    });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().result.parentEquipmentId, parent.id);
    const ev = await events(parent.id);
    assert.equal(ev.at(-1)?.action, 'Exclusao');
    assert.deepEqual(JSON.parse(ev.at(-1)?.snapshot as string).name, 'parent');
  });
});

describe('GET /v2/equipments/ (list)', () => {
  test('without paramFilter lists all; each documented filter; 404 when empty', async () => {
    const fresh = await buildTestApp();
    try {
      const u = (await fresh.request({ method: 'POST', url: '/v2/users/', payload: userBody() })).json().result.userId;
      const cust = (await fresh.request({ method: 'POST', url: '/v2/customers/', payload: { name: 'C' } })).json().result.id;
      const cat = (await fresh.request({ method: 'POST', url: '/v2/equipmentCategories/', payload: { description: 'K' } })).json().result
        .id;
      const post = async (b: Record<string, unknown>) =>
        (await fresh.request({ method: 'POST', url: '/v2/equipments/', payload: b })).json().result;
      const a = await post({
        name: 'Caixa De Cabo',
        externalId: 'X1',
        identifier: 'ID-1',
        associatedCustomerId: cust,
        attachments: [{ name: 'a.pdf', file: pdf.toString('base64') }],
      });
      const b = await post({ name: 'Compressor', parentEquipmentId: a.id, associatedUserId: u, categoryId: cat, active: false });
      const c = await post({ name: 'Caixa d água', identifier: 'ID-2' });
      const all = await fresh.request({ method: 'GET', url: '/v2/equipments/?pageSize=2' });
      assert.equal(all.statusCode, 200);
      assert.deepEqual(all.json().result, {
        entityList: [a, b],
        pagedSearchReturnData: { order: 0, pageSize: 2, page: 1, totalItems: 3 },
        links: [
          { href: 'http://localhost:80/v2/Equipments?Page=1&PageSize=2&Order=Asc', rel: 'self', method: 'GET' },
          { href: 'http://localhost:80/v2/Equipments?Page=2&PageSize=2&Order=Asc', rel: 'nextPage', method: 'GET' },
        ],
      });
      const q = async (f: unknown) =>
        (await fresh.request({ method: 'GET', url: `/v2/equipments/?paramFilter=${encodeURIComponent(JSON.stringify(f))}` }))
          .json()
          .result.entityList.map((e: { id: number }) => e.id);
      assert.deepEqual(await q({ name: 'caixa' }), [a.id, c.id]);
      assert.deepEqual(await q({ externalId: 'X1' }), [a.id]);
      assert.deepEqual(await q({ parentEquipmentId: a.id }), [b.id]);
      assert.deepEqual(await q({ associatedCustomerId: cust }), [a.id]);
      assert.deepEqual(await q({ associatedUserId: u }), [b.id]);
      assert.deepEqual(await q({ categoryId: cat }), [b.id]);
      assert.deepEqual(await q({ identifier: 'ID-2' }), [c.id]);
      assert.deepEqual(await q({ active: false }), [b.id]);
      assert.deepEqual(await q({ name: 'Caixa De Cabo', active: true }), [a.id]);
      assert.deepEqual(await q({ parentEquipmentId: 0, active: true }), [a.id, c.id]);
      // Ids beyond the 32-bit range match nothing (no store error).
      assert.equal(
        (await fresh.request({ method: 'GET', url: `/v2/equipments/?paramFilter=${encodeURIComponent('{"categoryId":99999999999}')}` }))
          .statusCode,
        404,
      );
      const none = await fresh.request({ method: 'GET', url: `/v2/equipments/?paramFilter=${encodeURIComponent('{"name":"zzz"}')}` });
      assert.equal(none.statusCode, 404);
      const bad = await fresh.request({ method: 'GET', url: `/v2/equipments/?paramFilter=${encodeURIComponent('{"categoryId":"abc"}')}` });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(Object.keys(bad.json()), ['message', 'target', 'errorCode', 'errors']);
    } finally {
      await fresh.close();
    }
  });
});
