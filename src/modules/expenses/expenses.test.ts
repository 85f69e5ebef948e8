import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';

let t: TestApp;
let userId: number;
let userName: string;
let typeId: number;
before(async () => {
  t = await buildTestApp();
  const u = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ name: 'Técnico Um' }) })).json().result;
  userId = u.userId;
  userName = u.name;
  typeId = (await t.request({ method: 'POST', url: '/v2/expenseTypes/', payload: { description: 'Combustível' } })).json().result.id;
});
after(async () => t.close());

const local = (d: Date) => new Date(d.getTime() - 3 * 3600_000).toISOString().slice(0, 19);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6]);
const FILE_URL = /^http:\/\/[^/]+\/campo\/v1\/files\/[A-Za-z0-9_-]+\/expense\.(png|jpg)$/;

function body(over: Record<string, unknown> = {}) {
  return { description: 'expense', userToId: userId, typeId, date: '2026-01-10T14:10:35', amount: 497827, ...over };
}

async function create(over: Record<string, unknown> = {}, app = t) {
  const res = await app.request({ method: 'POST', url: '/v2/expenses/', payload: body(over) });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().result;
}

async function download(url: string) {
  return t.app.inject({ method: 'GET', url: new URL(url).pathname });
}

describe('POST /v2/expenses/', () => {
  test('creates from the documented body (read-only keys ignored) and answers 201 with the Expense', async () => {
    const payload = { id: 23, userToName: 'x', typeName: 'y', attachmentUrl: 'z', creationDate: '2016-03-23T14:11:31', ...body() };
    const res = await t.request({ method: 'POST', url: '/v2/expenses/', payload });
    assert.equal(res.statusCode, 201);
    const r = res.json().result;
    const expected = {
      id: r.id,
      description: 'expense',
      userToId: userId,
      userToName: userName,
      typeId,
      typeName: 'Combustível',
      date: '2026-01-10T14:10:35',
      attachmentUrl: '',
      creationDate: local(t.clock.now()),
      amount: 497827,
    };
    assert.deepEqual(res.json(), { result: expected });
    assert.deepEqual(Object.keys(r), Object.keys(expected));
    assert.notEqual(r.id, 23);
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/expenses/${r.id}` })).json(), { result: expected });
    const ev = await t.store.db
      .selectFrom('change_events')
      .selectAll()
      .where('entity', '=', 'Expense')
      .where('entity_id', '=', String(r.id))
      .execute();
    assert.deepEqual(
      ev.map((e) => [e.action, e.user_id]),
      [['Inclusao', userId]],
    );
    assert.deepEqual(JSON.parse(ev[0].snapshot as string), expected);
  });

  test('a bare base64 attachment is stored, its type sniffed, and served at attachmentUrl', async () => {
    const r = await create({ attachment: png.toString('base64'), expenseDate: '2026-01-11', date: undefined, amount: '12,50' });
    assert.match(r.attachmentUrl, FILE_URL);
    assert.ok(r.attachmentUrl.endsWith('.png'));
    assert.deepEqual([r.date, r.amount], ['2026-01-11T00:00:00', 12.5]);
    const file = await download(r.attachmentUrl);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.deepEqual(file.rawPayload, png);
  });

  test('missing attributes, unknown user or type, bad date, amount or attachment answer 400 and write nothing', async () => {
    const count = async () =>
      (
        await t.store.db
          .selectFrom('expenses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = Number(await count());
    const cases: [Record<string, unknown>, Record<string, string[]> | string[]][] = [
      [{ userToId: undefined }, { userToId: ['The userToId field is required.'] }],
      [{ typeId: undefined }, { typeId: ['The typeId field is required.'] }],
      [{ date: undefined }, { date: ['The date field is required.'] }],
      [{ userToId: 999999 }, { userToId: ['The user 999999 does not exist.'] }],
      [{ typeId: 999999 }, { typeId: ['The expense type 999999 does not exist.'] }],
      [{ userToId: 999999, typeId: 999998 }, ['userToId', 'typeId']],
      [{ date: '10/01/2026' }, ['date']],
      [{ amount: 'lots' }, ['amount']],
      [{ attachment: '***' }, { attachment: ['The file is not valid base64.'] }],
    ];
    for (const [over, expected] of cases) {
      const res = await t.request({ method: 'POST', url: '/v2/expenses/', payload: body(over) });
      assert.equal(res.statusCode, 400, JSON.stringify(over));
      if (Array.isArray(expected)) assert.deepEqual(Object.keys(res.json()).sort(), [...expected].sort(), JSON.stringify(over));
      else assert.deepEqual(res.json(), expected, JSON.stringify(over));
    }
    assert.equal(Number(await count()), before);
  });
});

describe('PATCH /v2/expenses/{id}', () => {
  test('patches the documented paths (expenseDate, dateEdition, attachment included)', async () => {
    const other = (await t.request({ method: 'POST', url: '/v2/expenseTypes/', payload: { description: 'Alimentação' } })).json().result.id;
    const e = await create();
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/expenses/${e.id}`,
      payload: [
        { op: 'replace', path: 'description', value: 'description value' },
        { op: 'replace', path: 'typeId', value: other },
        { op: 'replace', path: 'expenseDate', value: '2026-01-12T08:00:00' },
        { op: 'replace', path: 'dateEdition', value: '2026-01-13T08:00:00' },
        { op: 'replace', path: 'amount', value: '10.5' },
        { op: 'replace', path: 'attachment', value: jpeg.toString('base64') },
      ],
    });
    assert.equal(res.statusCode, 200);
    const r = res.json().result;
    assert.match(r.attachmentUrl, FILE_URL);
    assert.deepEqual(r, {
      ...e,
      description: 'description value',
      typeId: other,
      typeName: 'Alimentação',
      date: '2026-01-12T08:00:00',
      amount: 10.5,
      attachmentUrl: r.attachmentUrl,
    });
    const row = await t.store.db.selectFrom('expenses').select('edited_at').where('id', '=', e.id).executeTakeFirstOrThrow();
    assert.equal(row.edited_at, '2026-01-13T11:00:00.000Z');
  });

  test('unknown references, paths or values answer 400 and change nothing; unknown id 404', async () => {
    const e = await create();
    for (const [ops, key] of [
      [[{ op: 'replace', path: 'userToId', value: 999999 }], 'userToId'],
      [[{ op: 'replace', path: 'typeId', value: 999999 }], 'typeId'],
      [[{ op: 'replace', path: 'date', value: 'yesterday' }], 'expenseDate'],
      [[{ op: 'replace', path: 'userToName', value: 'x' }], 'userToName'],
      [[{ op: 'replace', path: 'amount', value: 'x' }], 'amount'],
    ] as const) {
      const res = await t.request({ method: 'PATCH', url: `/v2/expenses/${e.id}`, payload: ops });
      assert.equal(res.statusCode, 400, JSON.stringify(ops));
      assert.deepEqual(Object.keys(res.json()), [key], JSON.stringify(ops));
    }
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/expenses/${e.id}` })).json().result, e);
    assert.equal(
      (await t.request({ method: 'PATCH', url: '/v2/expenses/999999', payload: [{ op: 'replace', path: 'amount', value: 1 }] })).statusCode,
      404,
    );
  });
});

describe('PUT /v2/expenses/{id}/attachments', () => {
  test('replaces the single file (with or without deleteAttachment) and answers the expense', async () => {
    const e = await create({ attachment: png.toString('base64') });
    const first = e.attachmentUrl;
    const res = await t.request({
      method: 'PUT',
      url: `/v2/expenses/${e.id}/attachments`,
      payload: { deleteAttachment: false, attachment: jpeg.toString('base64') },
    });
    assert.equal(res.statusCode, 200);
    const r = res.json().result;
    assert.ok(r.attachmentUrl.endsWith('/expense.jpg'));
    assert.deepEqual(r, { ...e, attachmentUrl: r.attachmentUrl });
    assert.equal((await download(first)).statusCode, 404);
    assert.deepEqual((await download(r.attachmentUrl)).rawPayload, jpeg);
    const again = await t.request({
      method: 'PUT',
      url: `/v2/expenses/${e.id}/attachments`,
      payload: { deleteAttachment: true, attachment: `data:image/png;base64,${png.toString('base64')}` },
    });
    assert.equal(again.statusCode, 200);
    assert.ok(again.json().result.attachmentUrl.endsWith('/expense.png'));
    const stored = await t.store.db
      .selectFrom('files')
      .select('key')
      .where('owner_entity', '=', 'Expense')
      .where('owner_id', '=', String(e.id))
      .execute();
    assert.equal(stored.length, 1);
  });

  test('without an attachment answers 400; unknown expense 404', async () => {
    const e = await create();
    const res = await t.request({ method: 'PUT', url: `/v2/expenses/${e.id}/attachments`, payload: { deleteAttachment: true } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { attachment: ['The attachment field is required.'] });
    assert.equal(
      (await t.request({ method: 'PUT', url: '/v2/expenses/999999/attachments', payload: { attachment: png.toString('base64') } }))
        .statusCode,
      404,
    );
  });
});

describe('DELETE /v2/expenses/{id}', () => {
  test('answers 204 and removes the file; then 404', async () => {
    const e = await create({ attachment: png.toString('base64') });
    const del = await t.request({ method: 'DELETE', url: `/v2/expenses/${e.id}` });
    assert.equal(del.statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/expenses/${e.id}` })).statusCode, 404);
    assert.equal((await download(e.attachmentUrl)).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/expenses/${e.id}` })).statusCode, 404);
    const ev = await t.store.db
      .selectFrom('change_events')
      .selectAll()
      .where('entity', '=', 'Expense')
      .where('entity_id', '=', String(e.id))
      .orderBy('seq')
      .execute();
    assert.equal(ev.at(-1)?.action, 'Exclusao');
    assert.deepEqual(JSON.parse(ev.at(-1)?.snapshot as string), e);
  });
});

describe('GET /v2/expenses/ (list)', () => {
  let fresh: TestApp;
  let u2: number;
  let ty2: number;
  const made: Record<string, { id: number }> = {};
  before(async () => {
    fresh = await buildTestApp();
    const admin = fresh.account.adminUserId;
    u2 = (await fresh.request({ method: 'POST', url: '/v2/users/', payload: userBody() })).json().result.userId;
    const ty1 = (await fresh.request({ method: 'POST', url: '/v2/expenseTypes/', payload: { description: 'A' } })).json().result.id;
    ty2 = (await fresh.request({ method: 'POST', url: '/v2/expenseTypes/', payload: { description: 'B' } })).json().result.id;
    const post = async (key: string, b: Record<string, unknown>) => {
      made[key] = (await fresh.request({ method: 'POST', url: '/v2/expenses/', payload: { amount: 1, ...b } })).json().result;
    };
    await post('jan1', { userToId: admin, typeId: ty1, date: '2026-01-01T00:00:00', description: 'Gasolina' });
    await post('jan15', { userToId: u2, typeId: ty2, date: '2026-01-15T12:00:00', description: 'Almoço' });
    await post('jan31', { userToId: u2, typeId: ty1, date: '2026-01-31T23:59:59', description: 'Pedágio' });
    await post('feb1', { userToId: admin, typeId: ty2, date: '2026-02-01T00:00:00', description: 'Gasolina' });
  });
  after(async () => fresh.close());
  const q = (f: unknown, extra = '') =>
    fresh.request({ method: 'GET', url: `/v2/expenses/?paramFilter=${encodeURIComponent(JSON.stringify(f))}${extra}` });
  const ids = (res: { json(): { result: { entityList: { id: number }[] } } }) => res.json().result.entityList.map((e) => e.id);
  const jan = { startDate: '2026-01-01T00:00:00', endDate: '2026-01-31' };

  test('requires paramFilter with startDate and endDate (400 envelope otherwise)', async () => {
    for (const url of [
      '/v2/expenses/',
      `/v2/expenses/?paramFilter=${encodeURIComponent('{}')}`,
      `/v2/expenses/?paramFilter=${encodeURIComponent('{"startDate":"2026-01-01"}')}`,
    ]) {
      const res = await fresh.request({ method: 'GET', url });
      assert.equal(res.statusCode, 400, url);
      assert.deepEqual(Object.keys(res.json()), ['message', 'target', 'errorCode', 'errors']);
      assert.match(res.json().message, /ParamExpenseFilter/);
    }
    const bad = await q({ startDate: 'yesterday', endDate: '2026-01-31' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), {
      message: "The paramFilter field 'startDate' is not valid for ParamExpenseFilter.",
      target: null,
      errorCode: 0,
      errors: null,
    });
  });

  test('the window is inclusive and a date-only end covers the whole day; full envelope', async () => {
    const res = await q(jan);
    assert.equal(res.statusCode, 200);
    const text = JSON.stringify(jan);
    assert.deepEqual(res.json().result.pagedSearchReturnData, { order: 0, pageSize: 10, page: 1, totalItems: 3 });
    assert.deepEqual(res.json().result.links, [
      {
        href: `http://localhost:80/v2/Expenses?ParamFilter=${encodeURIComponent(text)}&Page=1&PageSize=10&Order=Asc`,
        rel: 'self',
        method: 'GET',
      },
    ]);
    assert.deepEqual(ids(res), [made.jan1.id, made.jan15.id, made.jan31.id]);
    assert.deepEqual(
      res.json().result.entityList[1],
      (await fresh.request({ method: 'GET', url: `/v2/expenses/${made.jan15.id}` })).json().result,
    );
  });

  test('filters: id, description, userToId, type; order desc; 404 when nothing matches', async () => {
    assert.deepEqual(ids(await q({ ...jan, id: String(made.jan15.id) })), [made.jan15.id]);
    assert.deepEqual(ids(await q({ ...jan, description: 'gasol' })), [made.jan1.id]);
    assert.deepEqual(ids(await q({ ...jan, userToId: u2 })), [made.jan15.id, made.jan31.id]);
    assert.deepEqual(ids(await q({ ...jan, type: ty2 })), [made.jan15.id]);
    assert.deepEqual(ids(await q({ startDate: '2026-01-01', endDate: '2026-02-28T00:00:00' }, '&order=desc&pageSize=2')), [
      made.feb1.id,
      made.jan31.id,
    ]);
    assert.equal((await q({ ...jan, userToId: 99999999999, type: 99999999999 })).statusCode, 404);
    const none = await q({ ...jan, description: 'nada' });
    assert.equal(none.statusCode, 404);
    assert.equal(none.json().result.pagedSearchReturnData.totalItems, 0);
  });
});
