import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { defaultAccount, runDemo } from '../src/seed/run.js';
import { isValidCnpj, isValidCpf } from '../src/seed/brazil.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

const CLOCK = '2026-03-10T12:00:00Z';
let a: TestApp;
let b: TestApp;
before(async () => {
  a = await buildTestApp();
  b = await buildTestApp();
  a.clock.set(CLOCK);
  b.clock.set(CLOCK);
  for (const t of [a, b]) {
    const account = await defaultAccount(t, t.config);
    assert.ok(account);
    const run = await runDemo(t, account, { seed: 7, size: 'small' });
    assert.equal(run.seeded, true);
  }
});
after(async () => {
  await a.close();
  await b.close();
});

async function all(t: TestApp, url: string): Promise<Record<string, unknown>[]> {
  const sep = url.includes('?') ? '&' : '?';
  const res = await t.request({ method: 'GET', url: `${url}${sep}pageSize=100000` });
  assert.equal(res.statusCode, 200, `${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return res.json().result.entityList;
}

test('the same seed on a fresh store gives the same data and ids', async () => {
  for (const url of ['/v2/users/', '/v2/customers/', '/v2/teams/', '/v2/segments/', '/v2/keywords/']) {
    assert.deepEqual(await all(a, url), await all(b, url), url);
  }
});

test('customers carry valid CPF/CNPJ check digits, phones of digits, and references that exist', async () => {
  const customers = await all(a, '/v2/customers/');
  const segments = new Set((await all(a, '/v2/segments/')).map((s) => s.id));
  const users = new Set((await all(a, '/v2/users/')).map((u) => u.userId));
  assert.ok(customers.length >= 40);
  for (const c of customers) {
    const doc = String(c.cpfCnpj);
    assert.ok(doc.length === 11 ? isValidCpf(doc) : isValidCnpj(doc), `${c.description}: ${doc}`);
    for (const p of c.phoneNumber as string[]) assert.match(p, /^55\d{10,11}$/);
    assert.ok(segments.has(c.segmentId), `segment ${c.segmentId}`);
    for (const m of c.managersId as number[]) assert.ok(users.has(m), `manager ${m}`);
    assert.ok(Math.abs(c.latitude as number) > 0 && Math.abs(c.longitude as number) > 0);
  }
});

test('seeding again does not duplicate anything', async () => {
  const before = await all(a, '/v2/customers/');
  const account = await defaultAccount(a, a.config);
  const run = await runDemo(a, account as NonNullable<typeof account>, { seed: 7, size: 'small' });
  assert.equal(run.seeded, false);
  assert.equal((await all(a, '/v2/customers/')).length, before.length);
});

test('every list endpoint of the API returns data on the demo account', async () => {
  const doc = a.app.swagger() as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  const wide = encodeURIComponent(JSON.stringify({ startDate: '2000-01-01T00:00:00', endDate: '2100-12-31T23:59:59' }));
  // Lists with other required filters: GPS needs a day, satisfaction surveys task ids.
  const tasks = (await a.request({ method: 'GET', url: `/v2/tasks/?paramFilter=${wide}&pageSize=100` })).json().result.entityList as {
    taskID: number;
    checkInDate: string;
  }[];
  const checkedIn = tasks.find((t) => t.checkInDate);
  assert.ok(checkedIn, 'a checked-in task');
  const extraFilters: Record<string, string> = {
    '/v2/gps': encodeURIComponent(JSON.stringify({ date: checkedIn.checkInDate.slice(0, 10) })),
    '/v2/satisfactionSurveys': encodeURIComponent(JSON.stringify({ taskID: tasks.map((t) => t.taskID) })),
  };
  const empty: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    const get = methods.get as
      | {
          responses: Record<
            string,
            { content?: Record<string, { schema?: { properties?: { result?: { properties?: Record<string, unknown> } } } }> }
          >;
        }
      | undefined;
    if (!get || path.includes('{') || !path.startsWith('/v2/')) continue;
    if (!get.responses['200']?.content?.['application/json']?.schema?.properties?.result?.properties?.entityList) continue;
    const filter = extraFilters[path] ?? wide;
    const res = await a.request({ method: 'GET', url: `${path}?paramFilter=${filter}` });
    if (res.statusCode !== 200 || res.json().result.entityList.length === 0) empty.push(`${path} (${res.statusCode})`);
  }
  assert.deepEqual(empty, []);
});
