import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';

let t: TestApp;
// References every customer may point at.
let segmentId: number;
let teamId: number;
let groupId: number;
let userId: number;

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PDF = Buffer.from('%PDF-1.4\n% campo test\n').toString('base64');
// The server zone is America/Sao_Paulo (UTC-3).
const T0 = '2026-03-10T15:30:00Z';
const T0_LOCAL = '2026-03-10T12:30:00';

before(async () => {
  t = await buildTestApp();
  t.clock.set(T0);
  segmentId = (await t.request({ method: 'POST', url: '/v2/segments/', payload: { description: 'Retail' } })).json().result.id;
  userId = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ name: 'Oristides' }) })).json().result.userId;
  teamId = (
    await t.request({ method: 'POST', url: '/v2/teams/', payload: { description: 'North', participants: [userId], managers: [] } })
  ).json().result.id;
  groupId = (await t.request({ method: 'POST', url: '/v2/customerGroups/', payload: { description: 'VIP' } })).json().result.id;
});
after(async () => t.close());

/** The documented POST example, with references that exist in the test account. */
function postBody(over: Record<string, unknown> = {}) {
  return {
    externalId: '906',
    name: 'Terêscio',
    cpfCnpj: '90614997000162',
    phoneNumber: ['5566123123'],
    email: ['terenscio@customer.com'],
    manager: 'Oristides',
    managerJobPosition: 'Manager',
    note: 'nothing to say',
    address: 'lake yululu',
    latitude: -16.6872086111083,
    longitude: -49.2995542287827,
    maximumVisitTime: 1,
    unitMaximumTime: 1,
    groupsId: [groupId],
    managerTeamsId: [teamId],
    managersId: [userId],
    segmentId,
    active: false,
    adressComplement: 'adress complemente',
    creationDate: '2019-04-15T15:00:00',
    contacts: [
      { name: 'contact.name', email: 'contact.email@gmail.com', jobPosition: '', phone: '' },
      { name: 'contact.name.2', email: 'contact.email.2@hotmail.com', jobPosition: '', phone: '' },
    ],
    dateLastUpdate: '2019-04-15T15:00:00',
    attachments: [{ name: 'image.png', file: PNG }],
    ...over,
  };
}

type Json = Record<string, any>;

function details() {
  return {
    cpfCnpj: '90614997000162',
    phoneNumber: ['5566123123'],
    email: ['terenscio@customer.com'],
    manager: 'Oristides',
    managerJobPosition: 'Manager',
    note: 'nothing to say',
    address: 'lake yululu',
    latitude: -16.6872086111083,
    longitude: -49.2995542287827,
    maximumVisitTime: 1,
    unitMaximumTime: 1,
    groupsId: [groupId],
    managerTeamsId: [teamId],
    managersId: [userId],
    segmentId,
    active: false,
  };
}

async function post(over: Record<string, unknown> = {}): Promise<Json> {
  const res = await t.request({ method: 'POST', url: '/v2/customers/', payload: postBody(over) });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().result;
}

async function get(id: number): Promise<Json> {
  const res = await t.request({ method: 'GET', url: `/v2/customers/${id}` });
  assert.equal(res.statusCode, 200);
  return res.json().result;
}

async function countCustomers(): Promise<number> {
  const r = await t.store.db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function countFiles(): Promise<number> {
  const r = await t.store.db
    .selectFrom('files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function events(id: number) {
  const rows = await t.store.db
    .selectFrom('change_events')
    .select(['action', 'snapshot'])
    .where('entity', '=', 'Customer')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, snapshot: JSON.parse(r.snapshot as string) }));
}

const FILE_URL = /^http:\/\/localhost:8080\/campo\/v1\/files\/[A-Za-z0-9_-]{32}\/(.+)$/;

describe('POST /v2/customers/', () => {
  test('creates a customer from the documented example and answers 201 with the POST spelling', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/customers/', payload: postBody() });
    assert.equal(res.statusCode, 201);
    const r = res.json().result;
    assert.equal(r.uriAnexos.length, 1);
    assert.match(r.uriAnexos[0], FILE_URL);
    assert.deepEqual(res.json(), {
      result: {
        id: r.id,
        externalId: '906',
        name: 'Terêscio',
        ...details(),
        adressComplement: 'adress complemente',
        creationDate: T0_LOCAL,
        contacts: [
          { id: r.contacts[0].id, name: 'contact.name', email: 'contact.email@gmail.com', jobPosition: '', phone: '' },
          { id: r.contacts[1].id, name: 'contact.name.2', email: 'contact.email.2@hotmail.com', jobPosition: '', phone: '' },
        ],
        dateLastUpdate: T0_LOCAL,
        uriAnexos: r.uriAnexos,
      },
    });
    assert.ok(r.contacts[1].id > r.contacts[0].id);
    assert.deepEqual(Object.keys(r.contacts[0]), ['id', 'name', 'email', 'jobPosition', 'phone']);
  });

  test('GET returns the GET spelling: description, contacts keyed id, name, jobPosition, email, phone', async () => {
    const c = await post();
    const res = await t.request({ method: 'GET', url: `/v2/customers/${c.id}` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      result: {
        id: c.id,
        externalId: '906',
        description: 'Terêscio',
        ...details(),
        adressComplement: 'adress complemente',
        creationDate: T0_LOCAL,
        contacts: c.contacts.map((x: Json) => ({ id: x.id, name: x.name, jobPosition: x.jobPosition, email: x.email, phone: x.phone })),
        dateLastUpdate: T0_LOCAL,
        uriAnexos: c.uriAnexos,
      },
    });
    assert.deepEqual(Object.keys(res.json().result.contacts[0]), ['id', 'name', 'jobPosition', 'email', 'phone']);
  });

  test('a minimal body gets the defaults: active, no segment (0), empty lists', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/customers/', payload: { name: 'Minimal' } });
    assert.equal(res.statusCode, 201);
    const r = res.json().result;
    assert.deepEqual(r, {
      id: r.id,
      externalId: '',
      name: 'Minimal',
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
      groupsId: [],
      managerTeamsId: [],
      managersId: [],
      segmentId: 0,
      active: true,
      adressComplement: '',
      creationDate: T0_LOCAL,
      contacts: [],
      dateLastUpdate: T0_LOCAL,
      uriAnexos: [],
    });
  });

  test('accepts description for the name, any key casing, UnitMaximumTime, addressComplement, string numbers, 0 for "no reference"', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/customers/',
      payload: {
        DESCRIPTION: 'Via description',
        UnitMaximumTime: 2,
        addressComplement: 'apt 2',
        Latitude: '-16.5',
        phoneNumber: '111,222',
        groupsId: [0],
        managerTeamsId: [0],
        managersId: [0],
        segmentId: 0,
        Active: null,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json().result;
    assert.deepEqual(
      [
        r.name,
        r.unitMaximumTime,
        r.adressComplement,
        r.latitude,
        r.phoneNumber,
        r.groupsId,
        r.managerTeamsId,
        r.managersId,
        r.segmentId,
        r.active,
      ],
      ['Via description', 2, 'apt 2', -16.5, ['111', '222'], [], [], [], 0, true],
    );
  });

  test('the attachment URL serves the same bytes with the content type of its name, without a token', async () => {
    const c = await post({
      attachments: [
        { name: 'report final.pdf', file: `data:application/pdf;base64,${PDF}` },
        { name: 'image.png', file: PNG },
      ],
    });
    assert.equal(c.uriAnexos.length, 2);
    const pdfUrl = new URL(c.uriAnexos[0]);
    assert.match(pdfUrl.pathname, /\/report%20final\.pdf$/);
    const pdf = await t.app.inject({ method: 'GET', url: pdfUrl.pathname });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.deepEqual(pdf.rawPayload, Buffer.from(PDF, 'base64'));
    const png = await t.app.inject({ method: 'GET', url: new URL(c.uriAnexos[1]).pathname });
    assert.equal(png.headers['content-type'], 'image/png');
    assert.deepEqual(png.rawPayload, Buffer.from(PNG, 'base64'));
    const key = pdfUrl.pathname.split('/')[4];
    assert.equal((await t.app.inject({ method: 'GET', url: `/campo/v1/files/${key}/other.pdf` })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: '/campo/v1/files/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/x.pdf' })).statusCode, 404);
  });

  test('a missing name answers 400 and writes nothing', async () => {
    const before = await countCustomers();
    const { name: _n, ...noName } = postBody();
    const res = await t.request({ method: 'POST', url: '/v2/customers/', payload: noName });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { name: ['The name field is required.'] });
    assert.equal(await countCustomers(), before);
  });

  test('unknown referenced ids answer 400 naming each attribute; nothing is written', async () => {
    const before = [await countCustomers(), await countFiles()];
    const res = await t.request({
      method: 'POST',
      url: '/v2/customers/',
      payload: postBody({ groupsId: [groupId, 999991], managerTeamsId: [999992], managersId: [999993], segmentId: 999994 }),
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), {
      groupsId: ['The customer group 999991 does not exist.'],
      managerTeamsId: ['The team 999992 does not exist.'],
      managersId: ['The user 999993 does not exist.'],
      segmentId: ['The segment 999994 does not exist.'],
    });
    assert.deepEqual([await countCustomers(), await countFiles()], before);
  });

  test("another account's references do not count", async () => {
    const other = await t.accounts.create('Other');
    const token = await t.login(other);
    const res = await t.request({ method: 'POST', url: '/v2/customers/', payload: { name: 'x', segmentId }, token });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { segmentId: [`The segment ${segmentId} does not exist.`] });
  });

  test('bad attachments answer 400 (or 413 above the limit) naming the attachment; nothing is written', async () => {
    const before = [await countCustomers(), await countFiles()];
    const cases: [unknown, number, Json][] = [
      [[{ name: 'x.pdf', file: 'not base64!!' }], 400, { 'attachments[0].file': ['The file is not valid base64.'] }],
      [
        [
          { name: 'image.png', file: PNG },
          { name: 'noextension', file: PNG },
        ],
        400,
        { 'attachments[1].name': ['The name must include the file extension (e.g. "my_file.pdf").'] },
      ],
      [[{ file: PNG }], 400, { 'attachments[0].name': ['The name field is required.'] }],
      [[{ name: 'a.png', file: '' }], 400, { 'attachments[0].file': ['The file field is required.'] }],
      [[{ name: 'a.png' }], 400, { 'attachments[0].file': ['The file field is required.'] }],
      [
        [
          {
            name: 'a.png',
            file: 'iVBORw0KGgoAAAANSUhEUgAAAH4AAABWCAYAAAAJ3CLTAAAAGXRFWHRTb2Z0d2FyZQBBZG9iZSBJbWFnZVJlYWR5ccllPAAAB8BJREFUeNrsnV1sFFUUx.....',
          },
        ],
        400,
        { 'attachments[0].file': ['The file is not valid base64.'] },
      ],
    ];
    for (const [attachments, status, body] of cases) {
      const res = await t.request({ method: 'POST', url: '/v2/customers/', payload: postBody({ attachments }) });
      assert.equal(res.statusCode, status, JSON.stringify(attachments));
      assert.deepEqual(res.json(), body);
    }
    assert.deepEqual([await countCustomers(), await countFiles()], before);
  });

  test('an attachment above AUVO_MAX_ATTACHMENT_MB answers 413 and writes nothing', async () => {
    const small = await buildTestApp({ env: { AUVO_MAX_ATTACHMENT_MB: '1' } });
    try {
      const big = Buffer.alloc(1024 * 1024 + 1, 7).toString('base64');
      const res = await small.request({
        method: 'POST',
        url: '/v2/customers/',
        payload: { name: 'Big', attachments: [{ name: 'big.bin', file: big }] },
      });
      assert.equal(res.statusCode, 413);
      assert.deepEqual(res.json(), { 'attachments[0].file': ['The file is larger than the 1 MB limit.'] });
      const n = await small.store.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 0);
      const ok = await small.request({
        method: 'POST',
        url: '/v2/customers/',
        payload: { name: 'Fits', attachments: [{ name: 'ok.bin', file: Buffer.alloc(1024 * 1024, 7).toString('base64') }] },
      });
      assert.equal(ok.statusCode, 201);
    } finally {
      await small.close();
    }
  });

  test('records an Inclusao change event whose snapshot is the GET form', async () => {
    const c = await post();
    assert.deepEqual(await events(c.id), [{ action: 'Inclusao', snapshot: await get(c.id) }]);
  });
});

describe('PUT /v2/customers/', () => {
  test('creates (201) when nothing matches, then updates (200) by externalId with the PUT spelling', async () => {
    const create = await t.request({
      method: 'PUT',
      url: '/v2/customers/',
      payload: { ...postBody({ externalId: 'put-1', attachments: [] }), name: undefined, description: 'Put Co' },
    });
    assert.equal(create.statusCode, 201, create.body);
    const c = create.json().result;
    t.clock.advance(60_000);
    const update = await t.request({
      method: 'PUT',
      url: '/v2/customers/',
      payload: { externalId: 'put-1', description: 'Put Co Renamed', note: 'updated' },
    });
    assert.equal(update.statusCode, 200);
    assert.deepEqual(update.json(), {
      result: {
        id: c.id,
        externalId: 'put-1',
        description: 'Put Co Renamed',
        ...details(),
        note: 'updated',
        AdressComplement: 'adress complemente',
        creationDate: T0_LOCAL,
        dateLastUpdate: '2026-03-10T12:31:00',
        contacts: c.contacts,
        uriAnexos: [],
      },
    });
    assert.deepEqual(Object.keys(update.json().result).slice(-5), [
      'AdressComplement',
      'creationDate',
      'dateLastUpdate',
      'contacts',
      'uriAnexos',
    ]);
    t.clock.set(T0);
  });

  test('matches by id before externalId; an unknown id creates with a new id', async () => {
    const a = await post({ externalId: 'A1', attachments: [] });
    const b = await post({ externalId: 'B1', attachments: [] });
    const res = await t.request({ method: 'PUT', url: '/v2/customers/', payload: { id: a.id, externalId: 'B1', note: 'moved' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().result.id, a.id);
    assert.equal(res.json().result.externalId, 'B1');
    assert.equal((await get(b.id)).note, 'nothing to say');
    const fresh = await t.request({ method: 'PUT', url: '/v2/customers/', payload: { id: 999999, description: 'New' } });
    assert.equal(fresh.statusCode, 201);
    assert.notEqual(fresh.json().result.id, 999999);
  });

  test('creating without description answers 400', async () => {
    const res = await t.request({ method: 'PUT', url: '/v2/customers/', payload: { externalId: 'nobody-here', note: 'x' } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { description: ['The description field is required.'] });
  });

  test('a contact with an id is updated, one without is added, the others are kept; the schema spelling contactes works', async () => {
    const c = await post({ externalId: 'contacts-1', attachments: [] });
    const [first, second] = c.contacts;
    const res = await t.request({
      method: 'PUT',
      url: '/v2/customers/',
      payload: {
        externalId: 'contacts-1',
        contactes: [
          { id: second.id, name: 'contact.name.2', email: 'contact.email.2@hotmail.com', jobPosition: 'manager', phone: '' },
          { name: 'contact.name.3', email: 'contact.email.3@hotmail.com', jobPosition: '', phone: '' },
        ],
      },
    });
    assert.equal(res.statusCode, 200);
    const contacts = res.json().result.contacts;
    assert.deepEqual(contacts, [
      first,
      { ...second, jobPosition: 'manager' },
      { id: contacts[2].id, name: 'contact.name.3', email: 'contact.email.3@hotmail.com', jobPosition: '', phone: '' },
    ]);
  });

  test('a contact id of another customer answers 400 and changes nothing', async () => {
    const a = await post({ externalId: 'ca', attachments: [] });
    const b = await post({ externalId: 'cb', attachments: [] });
    const res = await t.request({
      method: 'PUT',
      url: '/v2/customers/',
      payload: { id: a.id, note: 'changed', contacts: [{ id: b.contacts[0].id, name: 'steal' }] },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { 'contacts[0].id': [`The contact ${b.contacts[0].id} does not belong to this customer.`] });
    assert.equal((await get(a.id)).note, 'nothing to say');
    assert.equal((await get(b.id)).contacts[0].name, 'contact.name');
  });

  test('PUT attachments are added to the existing ones', async () => {
    const c = await post({ externalId: 'att-put' });
    const res = await t.request({
      method: 'PUT',
      url: '/v2/customers/',
      payload: { id: c.id, attachments: [{ name: 'b.pdf', file: PDF }] },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().result.uriAnexos.length, 2);
    assert.equal(res.json().result.uriAnexos[0], c.uriAnexos[0]);
  });

  test('references already held stay valid after their record is deleted; new unknown ones fail', async () => {
    const seg = (await t.request({ method: 'POST', url: '/v2/segments/', payload: { description: 'Temp' } })).json().result.id;
    const c = await post({ segmentId: seg, attachments: [] });
    await t.request({ method: 'DELETE', url: `/v2/segments/${seg}` });
    const again = await t.request({ method: 'PUT', url: '/v2/customers/', payload: { id: c.id, segmentId: seg, note: 'kept' } });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().result.segmentId, seg);
    const bad = await t.request({ method: 'PUT', url: '/v2/customers/', payload: { id: c.id, managersId: [userId, 999995] } });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { managersId: ['The user 999995 does not exist.'] });
  });
});

describe('PATCH /v2/customers/{id}', () => {
  test('applies the documented example (path description) and answers the PATCH spelling', async () => {
    const c = await post({ attachments: [] });
    t.clock.advance(120_000);
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/customers/${c.id}`,
      payload: [
        { op: 'replace', path: 'description', value: 'description value' },
        { op: 'replace', path: '/Active', value: true },
        { op: 'add', path: 'phoneNumber', value: '999,888' },
        { op: 'replace', path: 'adressComplement', value: 'adress complement' },
        { op: 'remove', path: 'managersId' },
        { op: 'replace', path: 'latitude', value: '1.5' },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      result: {
        id: c.id,
        externalId: '906',
        name: 'description value',
        ...details(),
        phoneNumber: ['999', '888'],
        latitude: 1.5,
        managersId: [],
        active: true,
        AdressComplement: 'adress complement',
        creationDate: T0_LOCAL,
        dateLastUpdate: '2026-03-10T12:32:00',
      },
    });
    const events_ = await events(c.id);
    assert.deepEqual(
      events_.map((e) => e.action),
      ['Inclusao', 'Alteracao'],
    );
    assert.deepEqual(events_[1].snapshot, await get(c.id));
    t.clock.set(T0);
  });

  test('the path name and a segment change work; unknown paths, bad values and unknown references answer 400 and change nothing', async () => {
    const c = await post({ attachments: [] });
    const ok = await t.request({
      method: 'PATCH',
      url: `/v2/customers/${c.id}`,
      payload: [
        { op: 'replace', path: 'name', value: 'Renamed' },
        { op: 'replace', path: 'segmentId', value: 0 },
      ],
    });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual([ok.json().result.name, ok.json().result.segmentId], ['Renamed', 0]);
    for (const [ops, body] of [
      [[{ op: 'replace', path: 'contacts', value: [] }], { contacts: ["The path 'contacts' is not a patchable attribute."] }],
      [[{ op: 'replace', path: 'groupsId', value: [999996] }], { groupsId: ['The customer group 999996 does not exist.'] }],
      [[{ op: 'replace', path: 'name', value: '' }], null],
      [[{ op: 'replace', path: 'latitude', value: 'north' }], null],
    ] as const) {
      const res = await t.request({ method: 'PATCH', url: `/v2/customers/${c.id}`, payload: ops });
      assert.equal(res.statusCode, 400, JSON.stringify(ops));
      if (body) assert.deepEqual(res.json(), body);
    }
    const now = await get(c.id);
    assert.deepEqual([now.description, now.groupsId, now.latitude], ['Renamed', [groupId], -16.6872086111083]);
  });

  test('unknown id 404, non-numeric id 400', async () => {
    assert.equal(
      (await t.request({ method: 'PATCH', url: '/v2/customers/999999', payload: [{ op: 'replace', path: 'note', value: 'x' }] }))
        .statusCode,
      404,
    );
    const bad = await t.request({ method: 'PATCH', url: '/v2/customers/abc', payload: [{ op: 'replace', path: 'note', value: 'x' }] });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { id: ["The value 'abc' is not valid."] });
  });
});

describe('PUT /v2/customer/{id}/attachments', () => {
  test('adds attachments (singular and plural paths) and answers the attachments spelling', async () => {
    const c = await post();
    t.clock.advance(60_000);
    const res = await t.request({
      method: 'PUT',
      url: `/v2/customer/${c.id}/attachments`,
      payload: { removeAllAttachmentsInsertedByMe: false, attachments: [{ name: 'my_file.pdf', file: PDF }] },
    });
    assert.equal(res.statusCode, 200);
    const r = res.json().result;
    assert.equal(r.uriAnexos.length, 2);
    assert.deepEqual(res.json(), {
      result: {
        id: c.id,
        externalId: '906',
        name: 'Terêscio',
        ...details(),
        AdressComplement: 'adress complemente',
        creationDate: T0_LOCAL,
        dateLastUpdate: '2026-03-10T12:31:00',
        uriAnexos: [c.uriAnexos[0], r.uriAnexos[1]],
      },
    });
    const plural = await t.request({
      method: 'PUT',
      url: `/v2/Customers/${c.id}/Attachments/`,
      payload: { attachments: [{ name: 'x.png', file: PNG }] },
    });
    assert.equal(plural.statusCode, 200);
    assert.equal(plural.json().result.uriAnexos.length, 3);
    assert.deepEqual((await get(c.id)).uriAnexos, plural.json().result.uriAnexos);
    t.clock.set(T0);
  });

  test('removeAllAttachmentsInsertedByMe removes the earlier ones first (their URLs stop working)', async () => {
    const c = await post();
    const oldUrl = new URL(c.uriAnexos[0]).pathname;
    const res = await t.request({
      method: 'PUT',
      url: `/v2/customer/${c.id}/attachments`,
      payload: { removeAllAttachmentsInsertedByMe: true, attachments: [{ name: 'new.pdf', file: PDF }] },
    });
    assert.equal(res.statusCode, 200);
    const uris = res.json().result.uriAnexos;
    assert.equal(uris.length, 1);
    assert.match(uris[0], /\/new\.pdf$/);
    assert.equal((await t.app.inject({ method: 'GET', url: oldUrl })).statusCode, 404);
    const clear = await t.request({
      method: 'PUT',
      url: `/v2/customer/${c.id}/attachments`,
      payload: { removeAllAttachmentsInsertedByMe: true },
    });
    assert.deepEqual(clear.json().result.uriAnexos, []);
    assert.deepEqual(
      (await events(c.id)).map((e) => e.action),
      ['Inclusao', 'Alteracao', 'Alteracao'],
    );
  });

  test('a bad file answers 400 and removes nothing; an unknown customer 404', async () => {
    const c = await post();
    const res = await t.request({
      method: 'PUT',
      url: `/v2/customer/${c.id}/attachments`,
      payload: {
        removeAllAttachmentsInsertedByMe: true,
        attachments: [
          { name: 'ok.pdf', file: PDF },
          { name: 'bad.pdf', file: '***' },
        ],
      },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { 'attachments[1].file': ['The file is not valid base64.'] });
    assert.deepEqual((await get(c.id)).uriAnexos, c.uriAnexos);
    const missing = await t.request({ method: 'PUT', url: '/v2/customer/999999/attachments', payload: { attachments: [] } });
    assert.equal(missing.statusCode, 404);
  });
});

describe('DELETE /v2/customers/{id}', () => {
  test('answers 204; the customer, its attachments and group membership are gone; Exclusao carries the last state', async () => {
    const c = await post();
    const last = await get(c.id);
    const del = await t.request({ method: 'DELETE', url: `/v2/customers/${c.id}` });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    assert.equal((await t.request({ method: 'GET', url: `/v2/customers/${c.id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/customers/${c.id}` })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: new URL(c.uriAnexos[0]).pathname })).statusCode, 404);
    const clients = (await t.request({ method: 'GET', url: `/v2/customerGroups/${groupId}/clients` })).json().result.entityList;
    assert.ok(!clients.some((x: Json) => x.id === c.id));
    assert.deepEqual((await events(c.id)).at(-1), { action: 'Exclusao', snapshot: last });
  });

  test('non-numeric id 400', async () => {
    const res = await t.request({ method: 'DELETE', url: '/v2/customers/x' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { id: ["The value 'x' is not valid."] });
  });
});

describe('GET /v2/customers/ (list)', () => {
  let f: TestApp;
  const ids: number[] = [];
  let seg1: number;
  let grp: number;
  before(async () => {
    f = await buildTestApp();
    f.clock.set('2026-01-01T12:00:00Z');
    seg1 = (await f.request({ method: 'POST', url: '/v2/segments/', payload: { description: 'S1' } })).json().result.id;
    grp = (await f.request({ method: 'POST', url: '/v2/customerGroups/', payload: { description: 'G' } })).json().result.id;
    const specs = [
      { name: 'Alpha Souza', externalId: 'E1', segmentId: seg1, groupsId: [grp], active: true },
      { name: 'Bravo Lima', externalId: 'E2', active: false },
      { name: 'Carla Souza', externalId: 'E3', segmentId: seg1, active: true },
    ];
    for (const s of specs) {
      ids.push((await f.request({ method: 'POST', url: '/v2/customers/', payload: s })).json().result.id);
      f.clock.advance(24 * 3600_000);
      await f.login();
    }
    // Bravo changes on 2026-01-05 (local).
    f.clock.set('2026-01-05T12:00:00Z');
    await f.login();
    await f.request({ method: 'PATCH', url: `/v2/customers/${ids[1]}`, payload: [{ op: 'replace', path: 'note', value: 'changed' }] });
  });
  after(async () => f.close());

  const list = (qs: string) => f.request({ method: 'GET', url: `/v2/customers/${qs}` });
  const q = (filter: unknown, more = '') => list(`?paramFilter=${encodeURIComponent(JSON.stringify(filter))}${more}`);
  const names = (res: { json(): Json }) => res.json().result.entityList.map((c: Json) => c.description);

  test('lists with the list spelling, envelope and links', async () => {
    const res = await list('?pageSize=2');
    assert.equal(res.statusCode, 200);
    const r = res.json().result;
    assert.deepEqual(r.entityList[0], {
      id: ids[0],
      externalId: 'E1',
      description: 'Alpha Souza',
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
      groupsId: [grp],
      managerTeamsId: [],
      managersId: [],
      segmentId: seg1,
      active: true,
      adressComplement: '',
      creationDate: '2026-01-01T09:00:00',
      dateLastUpdate: '2026-01-01T09:00:00',
      contacts: [],
      uriAnexos: [],
    });
    assert.deepEqual(r.pagedSearchReturnData, { order: 0, pageSize: 2, page: 1, totalItems: 3 });
    assert.deepEqual(r.links, [
      { href: 'http://localhost:80/v2/Customers?Page=1&PageSize=2&Order=Asc', rel: 'self', method: 'GET' },
      { href: 'http://localhost:80/v2/Customers?Page=2&PageSize=2&Order=Asc', rel: 'nextPage', method: 'GET' },
    ]);
  });

  test('every documented filter', async () => {
    assert.deepEqual(names(await q({ id: ids[1] })), ['Bravo Lima']);
    assert.deepEqual(names(await q({ description: 'SOUZA' })), ['Alpha Souza', 'Carla Souza']);
    assert.deepEqual(names(await q({ segmentId: seg1 })), ['Alpha Souza', 'Carla Souza']);
    assert.deepEqual(names(await q({ groupId: grp })), ['Alpha Souza']);
    assert.deepEqual(names(await q({ active: false })), ['Bravo Lima']);
    assert.deepEqual(names(await q({ active: 'true' })), ['Alpha Souza', 'Carla Souza']);
    assert.deepEqual(names(await q({ active: null })), ['Alpha Souza', 'Bravo Lima', 'Carla Souza']);
    assert.deepEqual(names(await q({ externalId: 'E3, E1' })), ['Alpha Souza', 'Carla Souza']);
    assert.deepEqual(names(await q({ creationDate: '2026-01-02T09:00:00' })), ['Bravo Lima', 'Carla Souza']);
    assert.deepEqual(names(await q({ creationDate: '2026-01-03' })), ['Carla Souza']);
    assert.deepEqual(names(await q({ dateLastUpdate: '2026-01-04T00:00:00' })), ['Bravo Lima']);
    assert.deepEqual(names(await q({ Description: 'souza', SegmentID: String(seg1), ExternalId: 'E3' })), ['Carla Souza']);
    const none = await q({ groupId: 999999 });
    assert.equal(none.statusCode, 404);
    assert.deepEqual(none.json().result.entityList, []);
  });

  test('order desc, selectfields and paging past the end', async () => {
    assert.deepEqual(names(await list('?order=desc')), ['Carla Souza', 'Bravo Lima', 'Alpha Souza']);
    const sel = await list('?selectfields=id,Description,nonsense');
    assert.deepEqual(sel.json().result.entityList, [
      { id: ids[0], description: 'Alpha Souza' },
      { id: ids[1], description: 'Bravo Lima' },
      { id: ids[2], description: 'Carla Souza' },
    ]);
    const past = await list('?page=5');
    assert.equal(past.statusCode, 404);
    assert.deepEqual(past.json().result.pagedSearchReturnData, { order: 0, pageSize: 10, page: 5, totalItems: 3 });
  });

  test('malformed filters and dates answer 400 with the error envelope', async () => {
    for (const qs of [
      '?paramFilter=%7Bnope',
      `?paramFilter=${encodeURIComponent('{"creationDate":"yesterday"}')}`,
      `?paramFilter=${encodeURIComponent('{"segmentId":"x"}')}`,
      '?pageSize=0',
    ]) {
      const res = await list(qs);
      assert.equal(res.statusCode, 400, qs);
      const body = res.json();
      assert.deepEqual(Object.keys(body), ['message', 'target', 'errorCode', 'errors']);
    }
    const res = await list(`?paramFilter=${encodeURIComponent('{"creationDate":"yesterday"}')}`);
    assert.equal(res.json().message, "The paramFilter field 'creationDate' is not valid for ParamCustomerFilter.");
  });
});

describe('GET /v2/customers/ (list): the name filter folds accented letters', () => {
  let f: TestApp;
  const ids: number[] = [];
  before(async () => {
    f = await buildTestApp();
    for (const name of ['Padaria SÃO JOÃO', 'Oficina são joão', 'Manutenção Ágil', 'Sao Joao sem acento']) {
      ids.push((await f.request({ method: 'POST', url: '/v2/customers/', payload: { name } })).json().result.id);
    }
  });
  after(async () => f.close());

  const found = async (description: string) => {
    const res = await f.request({
      method: 'GET',
      url: `/v2/customers/?paramFilter=${encodeURIComponent(JSON.stringify({ description }))}&selectfields=id,description`,
    });
    assert.equal(res.statusCode, 200);
    return res.json().result.entityList;
  };

  test('São João matches SÃO JOÃO and são joão, not Sao Joao', async () => {
    const both = [
      { id: ids[0], description: 'Padaria SÃO JOÃO' },
      { id: ids[1], description: 'Oficina são joão' },
    ];
    assert.deepEqual(await found('São João'), both);
    assert.deepEqual(await found('SÃO joão'), both);
    assert.deepEqual(await found('MANUTENÇÃO ágil'), [{ id: ids[2], description: 'Manutenção Ágil' }]);
    assert.deepEqual(await found('SAO JOAO'), [{ id: ids[3], description: 'Sao Joao sem acento' }]);
  });
});
