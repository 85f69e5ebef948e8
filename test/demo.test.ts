import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isValidCnpj, isValidCpf } from '../src/seed/brazil.js';
import { DemoContext } from '../src/seed/demo.js';
import { bulkSizes, seedBulk } from '../src/seed/demo-large.js';
import { defaultAccount, runDemo } from '../src/seed/run.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

const CLOCK = '2026-03-10T12:00:00Z';
let a: TestApp;
let b: TestApp;
before(async () => {
  a = await buildTestApp();
  b = await buildTestApp();
  a.clock.set(CLOCK);
  b.clock.set(CLOCK);
  // Both at once: each seed has its own generator.
  await Promise.all(
    [a, b].map(async (t) => {
      const account = await defaultAccount(t, t.config);
      assert.ok(account);
      const run = await runDemo(t, account, { seed: 7, size: 'small' });
      assert.equal(run.seeded, true);
    }),
  );
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

const WIDE = encodeURIComponent(JSON.stringify({ startDate: '2000-01-01T00:00:00', endDate: '2100-12-31T23:59:59' }));

/** GUIDs, file names and URL keys are random by design (not part of the seed); the rest must match. */
function normalized(list: unknown[]): unknown {
  return JSON.parse(
    JSON.stringify(list)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<guid>')
      .replace(/\/files\/[\w-]+\//g, '/files/<key>/')
      .replace(/chave=[\w-]+/g, 'chave=<key>'),
  );
}

test('the same seed on a fresh store gives the same data and ids', async () => {
  for (const url of [
    '/v2/users/',
    '/v2/customers/',
    '/v2/teams/',
    '/v2/segments/',
    '/v2/keywords/',
    '/v2/customerGroups/',
    '/v2/equipmentCategories/',
    '/v2/equipments/',
    '/v2/productCategories/',
    '/v2/products/',
    '/v2/additionalCosts/',
    '/v2/questionnaires/',
    '/v2/taskTypes/',
    '/v2/expenseTypes/',
    `/v2/expenses/?paramFilter=${WIDE}`,
    '/v2/quotations/',
    `/v2/tickets/?paramFilter=${WIDE}`,
    '/v2/financialCategories/',
    '/v2/paymentMethods/',
    '/v2/invoices/',
    '/v2/receivables/',
    '/v2/webHooks/',
  ]) {
    assert.deepEqual(normalized(await all(a, url)), normalized(await all(b, url)), url);
  }
  for (let page = 1; page <= 2; page++) {
    const url = `/v2/tasks/?paramFilter=${WIDE}&page=${page}&pageSize=100`;
    const [x, y] = await Promise.all([a.request({ method: 'GET', url }), b.request({ method: 'GET', url })]);
    assert.deepEqual(normalized(x.json().result.entityList), normalized(y.json().result.entityList), url);
  }
});

test('tasks cover the past, today and the future, in every status', async () => {
  const url = `/v2/tasks/?paramFilter=${WIDE}&pageSize=100`;
  const tasks: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const res = await a.request({ method: 'GET', url: `${url}&page=${page}` });
    if (res.statusCode === 404) break;
    tasks.push(...res.json().result.entityList);
  }
  const ids = tasks.map((t) => t.taskID as number);
  const full = await Promise.all(ids.map(async (id) => (await a.request({ method: 'GET', url: `/v2/tasks/${id}` })).json().result));
  const statuses = new Set(full.map((t) => t.taskStatus));
  assert.deepEqual([...statuses].sort(), [1, 2, 3, 4, 5, 6]);
  const today = CLOCK.slice(0, 10);
  assert.ok(full.some((t) => t.taskDate < today && t.finished));
  assert.ok(full.some((t) => t.taskDate.startsWith(today)));
  assert.ok(full.some((t) => t.taskDate > `${today}T23:59:59` && !t.finished));
  assert.ok(full.some((t) => t.pendency !== ''));
  assert.ok(full.some((t) => t.signatureUrl !== ''));
  assert.ok(full.some((t) => t.questionnaires.some((q: { answers: unknown[] }) => q.answers.length > 0)));
  assert.ok(full.some((t) => t.products.length > 0 && t.services.length > 0));
  for (const t of full.filter((x) => x.checkIn))
    assert.ok(t.checkInDistance < 200, `task ${t.taskID} checked in ${t.checkInDistance} m away`);
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

test('--size large: the bulk part loads tasks, customers and users in proportion (reduced scale)', async () => {
  const t = await buildTestApp();
  try {
    t.clock.set(CLOCK);
    const { token } = t.app.issueAccessToken(t.account);
    const steps = new Set<string>();
    const ctx = new DemoContext(
      {
        app: t.app,
        token,
        now: t.clock.now(),
        timeZone: t.deps.timeZone,
        services: t.services,
        auth: { accountId: t.account.id, adminUserId: t.account.adminUserId },
      },
      { seed: 3, size: 'large', largeTasks: 12_000, progress: (step) => steps.add(step) },
    );
    await seedBulk(ctx);
    const size = bulkSizes(12_000);
    assert.deepEqual(size, { tasks: 12_000, customers: 600, technicians: 20, managers: 2 });
    assert.deepEqual(ctx.counts, { technicians: 20, managers: 2, customers: 600, tasks: 12_000 });
    assert.deepEqual([...steps], ['bulk users', 'bulk customers', 'bulk tasks']);
    const tasks = await t.request({ method: 'GET', url: `/v2/tasks/?paramFilter=${WIDE}&pageSize=1` });
    assert.equal(tasks.json().result.pagedSearchReturnData.totalItems, 12_000);
    const customers = await t.request({ method: 'GET', url: '/v2/customers/?pageSize=1' });
    assert.equal(customers.json().result.pagedSearchReturnData.totalItems, 600);
    const users = await t.request({ method: 'GET', url: '/v2/users/?pageSize=1' });
    assert.equal(users.json().result.pagedSearchReturnData.totalItems, 23);
    const doc = (await t.request({ method: 'GET', url: '/v2/customers/?pageSize=600' })).json().result.entityList;
    for (const c of doc) assert.ok(String(c.cpfCnpj).length === 11 ? isValidCpf(c.cpfCnpj) : isValidCnpj(c.cpfCnpj));
  } finally {
    await t.close();
  }
});
