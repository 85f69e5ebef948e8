import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';

let t: TestApp;
let u1: number;
let u2: number;
before(async () => {
  t = await buildTestApp();
  t.clock.set('2026-03-10T15:30:00Z');
  const mk = async (name: string) =>
    (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ name }) })).json().result.userId as number;
  u1 = await mk('Técnico A');
  u2 = await mk('Técnico B');
});
after(async () => t.close());

const report = (payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/campo/v1/gps', payload });
const list = (filter: unknown, extra = '') =>
  t.request({
    method: 'GET',
    url: `/v2/gps/?${filter === undefined ? '' : `paramFilter=${encodeURIComponent(JSON.stringify(filter))}`}${extra}`,
  });

describe('POST /campo/v1/gps (field simulator)', () => {
  test('records a position: 201 with the documented item shape; the date defaults to now', async () => {
    const res = await report({
      userId: u1,
      latitude: -16.68,
      longitude: -49.29,
      accuracy: 8,
      batteryLevel: 90,
      networkOperatorName: 'Claro',
    });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), {
      result: {
        userId: u1,
        positionDate: '2026-03-10T12:30:00',
        latitude: -16.68,
        longitude: -49.29,
        accuracy: 8,
        batteryLevel: 90,
        NetworkOperatorName: 'Claro',
      },
    });
    assert.deepEqual(Object.keys(res.json().result), [
      'userId',
      'positionDate',
      'latitude',
      'longitude',
      'accuracy',
      'batteryLevel',
      'NetworkOperatorName',
    ]);
    assert.equal((await report({ userId: u1, latitude: -16.7, longitude: -49.3, positionDate: '2026-03-10T18:00:00' })).statusCode, 201);
    assert.equal((await report({ userId: u2, latitude: -23.5, longitude: -46.6, positionDate: '2026-03-09T23:59:59' })).statusCode, 201);
  });

  test('an unknown user, bad coordinates or a bad date answer 400', async () => {
    assert.deepEqual((await report({ userId: 424242, latitude: 0, longitude: 0 })).json(), {
      userId: ["The user '424242' does not exist in this account."],
    });
    assert.equal((await report({ userId: u1, latitude: 91, longitude: 0 })).statusCode, 400);
    assert.deepEqual((await report({ userId: u1, latitude: 0, longitude: 0, positionDate: 'ontem' })).json(), {
      positionDate: ["The value 'ontem' is not a valid date (yyyy-MM-ddTHH:mm:ss)."],
    });
  });
});

describe('GET /v2/gps/', () => {
  test('date is required (400 envelope); a day lists that day only, in the server time zone', async () => {
    for (const f of [undefined, {}, { date: 'x' }]) {
      const res = await list(f);
      assert.equal(res.statusCode, 400, JSON.stringify(f));
      assert.deepEqual(Object.keys(res.json()), ['message', 'target', 'errorCode', 'errors']);
    }
    const day = await list({ date: '2026-03-10T15:50:49' });
    assert.equal(day.statusCode, 200);
    assert.deepEqual(
      day.json().result.entityList.map((p: { userId: number; positionDate: string }) => [p.userId, p.positionDate]),
      [
        [u1, '2026-03-10T12:30:00'],
        [u1, '2026-03-10T18:00:00'],
      ],
    );
    assert.match(day.json().result.links[0].href, /\/v2\/gps\?ParamFilter=/);
    const before = await list({ date: '2026-03-09' });
    assert.deepEqual(
      before.json().result.entityList.map((p: { userId: number }) => p.userId),
      [u2],
    );
    assert.equal((await list({ date: '2026-03-11' })).statusCode, 404);
  });

  test('userId narrows to one user; getLastKnowPosition answers each user latest position up to that day', async () => {
    assert.equal((await list({ date: '2026-03-10', userId: u2 })).statusCode, 404);
    const last = await list({ date: '2026-03-10', getLastKnowPosition: true });
    assert.deepEqual(
      last.json().result.entityList.map((p: { userId: number; positionDate: string }) => [p.userId, p.positionDate]),
      [
        [u1, '2026-03-10T18:00:00'],
        [u2, '2026-03-09T23:59:59'],
      ],
    );
    const mine = await list({ date: '2026-03-10', getLastKnowPosition: true, userId: u1 });
    assert.equal(mine.json().result.entityList.length, 1);
    const paged = await list({ date: '2026-03-10' }, '&pageSize=1&order=desc');
    assert.deepEqual(paged.json().result.pagedSearchReturnData, { order: 1, pageSize: 1, page: 1, totalItems: 2 });
    assert.equal(paged.json().result.entityList[0].positionDate, '2026-03-10T18:00:00');
  });
});
