import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';

let t: TestApp;
const users: { id: number; name: string; externalId: string; jobPosition: string }[] = [];
const T0_LOCAL = '2026-03-10T12:30:00';

before(async () => {
  t = await buildTestApp();
  t.clock.set('2026-03-10T15:30:00Z');
  for (const [name, externalId, jobPosition] of [
    ['Ana', 'U1', 'Técnico'],
    ['Bia', '', 'Supervisor'],
    ['Caio', 'U3', 'Técnico'],
    ['Duda', 'U4', 'Gerente'],
  ]) {
    const r = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ name, externalId, jobPosition }) })).json().result;
    users.push({ id: r.userId, name, externalId, jobPosition });
  }
});
after(async () => t.close());

type Json = Record<string, any>;

async function create(payload: Json): Promise<Json> {
  const res = await t.request({ method: 'POST', url: '/v2/teams/', payload });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().result;
}

async function events(id: number) {
  const rows = await t.store.db
    .selectFrom('change_events')
    .select(['action', 'snapshot'])
    .where('entity', '=', 'Team')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, snapshot: JSON.parse(r.snapshot as string) }));
}

describe('POST /v2/teams/', () => {
  test('creates a team from user ids and answers 201 with the member names', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/teams/',
      payload: { description: 'some description here', participants: [users[0].id, users[1].id, users[2].id], managers: [users[3].id] },
    });
    assert.equal(res.statusCode, 201);
    const id = res.json().result.id;
    assert.deepEqual(res.json(), {
      result: { teamUsers: ['Ana', 'Bia', 'Caio'], teamManagers: ['Duda'], id, description: 'some description here' },
    });
    assert.deepEqual(Object.keys(res.json().result), ['teamUsers', 'teamManagers', 'id', 'description']);
    assert.deepEqual(await events(id), [{ action: 'Inclusao', snapshot: res.json().result }]);
  });

  test('the attribute-list spelling manangers is accepted', async () => {
    const r = await create({ description: 'Typo', participants: [], manangers: [users[1].id] });
    assert.deepEqual(r.teamManagers, ['Bia']);
  });

  test('missing attributes and unknown user ids answer 400 with a field map; nothing is written', async () => {
    const before = (
      await t.store.db
        .selectFrom('teams')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const cases: [Json, Json][] = [
      [{ participants: [], managers: [] }, { description: ['The description field is required.'] }],
      [{ description: 'x', managers: [] }, { participants: ['The participants field is required.'] }],
      [
        { description: 'x', participants: [users[0].id, 999991], managers: [999992] },
        { participants: ['The user 999991 does not exist.'], managers: ['The user 999992 does not exist.'] },
      ],
      [{ description: 'x', participants: ['abc'], managers: [] }, { 'participants[0]': ['The value must be of type integer.'] }],
    ];
    for (const [payload, body] of cases) {
      const res = await t.request({ method: 'POST', url: '/v2/teams/', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual(res.json(), body);
    }
    const afterN = (
      await t.store.db
        .selectFrom('teams')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    assert.equal(Number(afterN), Number(before));
  });
});

describe('GET /v2/teams/{id}', () => {
  test('answers the team with member names; unknown 404, non-numeric 400', async () => {
    const r = await create({ description: 'Get', participants: [users[2].id, users[0].id], managers: [users[1].id] });
    const res = await t.request({ method: 'GET', url: `/v2/teams/${r.id}` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { result: { teamUsers: ['Ana', 'Caio'], teamManagers: ['Bia'], id: r.id, description: 'Get' } });
    const missing = await t.request({ method: 'GET', url: '/v2/teams/999999' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body, '');
    const bad = await t.request({ method: 'GET', url: '/v2/teams/x' });
    assert.deepEqual([bad.statusCode, bad.json()], [400, { id: ["The value 'x' is not valid."] }]);
  });
});

describe('GET /v2/teams/{teamId}/users/', () => {
  test('pages the participants as {userId, userID, externalId, name, jobPosition} with the documented self link', async () => {
    const r = await create({ description: 'Users', participants: users.map((u) => u.id), managers: [] });
    const res = await t.request({ method: 'GET', url: `/v2/teams/${r.id}/users/?page=1&pageSize=3` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      result: {
        entityList: users
          .slice(0, 3)
          .map((u) => ({ userId: u.id, userID: u.id, externalId: u.externalId, name: u.name, jobPosition: u.jobPosition })),
        pagedSearchReturnData: { order: 0, pageSize: 3, page: 1, totalItems: 4 },
        links: [
          { href: `http://localhost:80/v2/Teams?ParamFilter=${r.id}&Page=1&PageSize=3&Order=Asc`, rel: 'self', method: 'GET' },
          { href: `http://localhost:80/v2/Teams?ParamFilter=${r.id}&Page=2&PageSize=3&Order=Asc`, rel: 'nextPage', method: 'GET' },
        ],
      },
    });
    const desc = await t.request({ method: 'GET', url: `/v2/Teams/${r.id}/Users?order=desc&pageSize=2` });
    assert.deepEqual(
      desc.json().result.entityList.map((u: Json) => u.name),
      ['Duda', 'Caio'],
    );
    const past = await t.request({ method: 'GET', url: `/v2/teams/${r.id}/users/?page=3&pageSize=2` });
    assert.equal(past.statusCode, 404);
    assert.deepEqual(past.json().result.pagedSearchReturnData, { order: 0, pageSize: 2, page: 3, totalItems: 4 });
  });

  test('a team without participants answers 404 with the envelope; an unknown team 404 empty; a bad id 400', async () => {
    const r = await create({ description: 'Empty', participants: [], managers: [users[0].id] });
    const empty = await t.request({ method: 'GET', url: `/v2/teams/${r.id}/users/` });
    assert.equal(empty.statusCode, 404);
    assert.deepEqual(empty.json().result.entityList, []);
    const missing = await t.request({ method: 'GET', url: '/v2/teams/999999/users/' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body, '');
    const bad = await t.request({ method: 'GET', url: '/v2/teams/x/users/' });
    assert.deepEqual([bad.statusCode, bad.json()], [400, { teamId: ["The value 'x' is not valid."] }]);
  });

  test('a deleted user leaves the team lists', async () => {
    const extra = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ name: 'Gone' }) })).json().result.userId;
    const r = await create({ description: 'Leaving', participants: [users[0].id, extra], managers: [extra] });
    await t.request({ method: 'DELETE', url: `/v2/users/${extra}` });
    const res = await t.request({ method: 'GET', url: `/v2/teams/${r.id}` });
    assert.deepEqual(res.json().result, { teamUsers: ['Ana'], teamManagers: [], id: r.id, description: 'Leaving' });
    const list = await t.request({ method: 'GET', url: `/v2/teams/${r.id}/users/` });
    assert.equal(list.json().result.pagedSearchReturnData.totalItems, 1);
  });
});

describe('PATCH and DELETE /v2/teams/{id} (extensions)', () => {
  test('PATCH replaces description and member lists; unknown users 400; unknown team 404', async () => {
    const r = await create({ description: 'Old', participants: [users[0].id], managers: [] });
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/teams/${r.id}`,
      payload: [
        { op: 'replace', path: 'description', value: 'New' },
        { op: 'replace', path: '/participants', value: [users[1].id, users[2].id] },
        { op: 'add', path: 'manangers', value: [users[3].id] },
      ],
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { result: { teamUsers: ['Bia', 'Caio'], teamManagers: ['Duda'], id: r.id, description: 'New' } });
    assert.deepEqual(
      (await events(r.id)).map((e) => e.action),
      ['Inclusao', 'Alteracao'],
    );
    assert.deepEqual((await events(r.id))[1].snapshot, res.json().result);
    const bad = await t.request({
      method: 'PATCH',
      url: `/v2/teams/${r.id}`,
      payload: [{ op: 'replace', path: 'managers', value: [999993] }],
    });
    assert.deepEqual([bad.statusCode, bad.json()], [400, { managers: ['The user 999993 does not exist.'] }]);
    const unknown = await t.request({
      method: 'PATCH',
      url: `/v2/teams/${r.id}`,
      payload: [{ op: 'replace', path: 'creationDate', value: 'x' }],
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal((await t.request({ method: 'GET', url: `/v2/teams/${r.id}` })).json().result.description, 'New');
    assert.equal(
      (await t.request({ method: 'PATCH', url: '/v2/teams/999999', payload: [{ op: 'replace', path: 'description', value: 'x' }] }))
        .statusCode,
      404,
    );
  });

  test('DELETE answers 204 and records Exclusao with the last state; then 404', async () => {
    const r = await create({ description: 'Bye', participants: [users[0].id], managers: [] });
    const del = await t.request({ method: 'DELETE', url: `/v2/teams/${r.id}` });
    assert.equal(del.statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/teams/${r.id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/teams/${r.id}` })).statusCode, 404);
    assert.deepEqual((await events(r.id)).at(-1), { action: 'Exclusao', snapshot: r });
  });
});

describe('GET /v2/teams/ (list)', () => {
  let f: TestApp;
  const ids: number[] = [];
  let u1: number;
  before(async () => {
    f = await buildTestApp();
    f.clock.set('2026-03-10T15:30:00Z');
    u1 = (await f.request({ method: 'POST', url: '/v2/users/', payload: userBody({ name: 'Zé' }) })).json().result.userId;
    for (const d of ['North team', 'South team', 'Support']) {
      ids.push(
        (await f.request({ method: 'POST', url: '/v2/teams/', payload: { description: d, participants: [u1], managers: [] } })).json()
          .result.id,
      );
    }
  });
  after(async () => f.close());
  const list = (qs: string) => f.request({ method: 'GET', url: `/v2/teams/${qs}` });

  test('items put creationDate first; envelope and links', async () => {
    const res = await list('?pageSize=2');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      result: {
        entityList: [
          { creationDate: T0_LOCAL, teamUsers: ['Zé'], teamManagers: [], id: ids[0], description: 'North team' },
          { creationDate: T0_LOCAL, teamUsers: ['Zé'], teamManagers: [], id: ids[1], description: 'South team' },
        ],
        pagedSearchReturnData: { order: 0, pageSize: 2, page: 1, totalItems: 3 },
        links: [
          { href: 'http://localhost:80/v2/Teams?Page=1&PageSize=2&Order=Asc', rel: 'self', method: 'GET' },
          { href: 'http://localhost:80/v2/Teams?Page=2&PageSize=2&Order=Asc', rel: 'nextPage', method: 'GET' },
        ],
      },
    });
  });

  test('filters by id and description; order desc; empty 404; malformed 400', async () => {
    const q = (fl: unknown, more = '') => list(`?paramFilter=${encodeURIComponent(JSON.stringify(fl))}${more}`);
    const d = (res: { json(): Json }) => res.json().result.entityList.map((x: Json) => x.description);
    assert.deepEqual(d(await q({ id: ids[2] })), ['Support']);
    assert.deepEqual(d(await q({ DESCRIPTION: 'TEAM' })), ['North team', 'South team']);
    assert.deepEqual(d(await q({ description: 'team' }, '&order=1')), ['South team', 'North team']);
    assert.equal((await q({ description: 'none' })).statusCode, 404);
    const bad = await list('?paramFilter=%7Bx');
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json()), ['message', 'target', 'errorCode', 'errors']);
  });
});
