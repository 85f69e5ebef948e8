import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from './helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(async () => t.close());

async function events(entityId: number) {
  return t.store.db
    .selectFrom('change_events')
    .selectAll()
    .where('entity', '=', 'User')
    .where('entity_id', '=', String(entityId))
    .orderBy('seq')
    .execute();
}

test('every user write records one change event in order: Inclusao, Alteracao (PUT, PATCH), Exclusao with the last state', async () => {
  const created = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ externalId: 'cl-1' }) })).json().result;
  await t.request({ method: 'PUT', url: '/v2/users/', payload: { externalId: 'cl-1', name: 'Put Name' } });
  await t.request({ method: 'PATCH', url: `/v2/users/${created.userId}`, payload: [{ op: 'replace', path: 'name', value: 'Last Name' }] });
  const lastState = (await t.request({ method: 'GET', url: `/v2/users/${created.userId}` })).json().result;
  await t.request({ method: 'DELETE', url: `/v2/users/${created.userId}` });
  const rows = await events(created.userId);
  assert.deepEqual(
    rows.map((r) => r.action),
    ['Inclusao', 'Alteracao', 'Alteracao', 'Exclusao'],
  );
  assert.ok(
    rows.every((r, i) => i === 0 || Number(r.seq) > Number(rows[i - 1].seq)),
    'monotonic sequence',
  );
  assert.ok(rows.every((r) => r.account_id === t.account.id));
  assert.deepEqual(JSON.parse(rows[3].snapshot as string), lastState);
  assert.equal(JSON.parse(rows[1].snapshot as string).name, 'Put Name');
});

test('a rejected write records no change event', async () => {
  const before = await t.store.db
    .selectFrom('change_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ userType: 9 }) });
  await t.request({ method: 'PATCH', url: `/v2/users/${t.account.adminUserId}`, payload: [{ op: 'replace', path: 'bogus', value: 1 }] });
  const afterCount = await t.store.db
    .selectFrom('change_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(afterCount.n), Number(before.n));
});

test('a listener that fails rolls the write back with it (same transaction)', async () => {
  let fail = true;
  t.deps.changes.onRecord(async () => {
    if (fail) throw new Error('listener failure');
  });
  const login = `rollback.${Date.now()}`;
  const res = await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ login }) });
  assert.equal(res.statusCode, 500);
  fail = false;
  const list = await t.request({
    method: 'GET',
    url: `/v2/users/?paramFilter=${encodeURIComponent(JSON.stringify({ name: 'zzz-none' }))}`,
  });
  assert.equal(list.statusCode, 404);
  const again = await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ login }) });
  assert.equal(again.statusCode, 201, 'the login was never taken: the failed insert rolled back');
});
