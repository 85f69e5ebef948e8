import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';

const KEY = 'admin-key-for-tests-0123456789';
const WIDE = encodeURIComponent(JSON.stringify({ startDate: '2000-01-01T00:00:00', endDate: '2100-12-31T23:59:59' }));

let t: TestApp;
before(async () => {
  t = await buildTestApp({ env: { AUVO_ADMIN_KEY: KEY, AUVO_PASSWORD_HASHING: 'sandbox' } });
  t.clock.set('2026-03-10T12:00:00Z');
  // Reset with the demo: the account gets every kind of record, file and webhook.
  const res = await admin(t, 'POST', `/accounts/${t.account.id}/reset`, { demo: true });
  assert.equal(res.statusCode, 200, res.body);
});
after(async () => t.close());

function admin(app: TestApp, method: InjectOptions['method'], url: string, payload?: unknown) {
  return app.app.inject({
    method,
    url: `/campo/v1/admin${url}`,
    headers: { 'x-campo-admin-key': KEY },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Every list the API documents (GET without path parameters), as a client sees it: status and body. */
async function everyList(app: TestApp): Promise<Record<string, { status: number; body: string }>> {
  const doc = app.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const token = await app.login();
  const out: Record<string, { status: number; body: string }> = {};
  const paths = Object.entries(doc.paths)
    .filter(([p, m]) => m.get && !p.includes('{') && !p.startsWith('/campo/v1/admin') && !/login/i.test(p))
    .map(([p]) => p);
  assert.ok(paths.length >= 20, `${paths.length} lists`);
  for (const path of paths) {
    let res = await app.request({ method: 'GET', url: `${path}?pageSize=100000`, token });
    if (res.statusCode === 400) res = await app.request({ method: 'GET', url: `${path}?pageSize=100000&paramFilter=${WIDE}`, token });
    out[path] = { status: res.statusCode, body: res.body };
  }
  return out;
}

describe('export and import', () => {
  test('a round trip (export, reset, import) gives identical answers for every list', async () => {
    const before = await everyList(t);
    const withData = Object.entries(before).filter(([, r]) => r.status === 200);
    assert.ok(withData.length >= 15, `${withData.length} lists with data`);

    const exported = await admin(t, 'GET', `/accounts/${t.account.id}/export`);
    assert.equal(exported.statusCode, 200);
    const doc = exported.json();
    assert.equal(doc.format, 'campo-snapshot');
    assert.equal(doc.version, 1);
    assert.equal(doc.exportedAt, '2026-03-10T12:00:00.000Z');
    assert.ok(doc.tables.files.length > 0, 'files are exported');
    assert.ok(doc.tables.webhooks.length > 0, 'webhooks are exported');
    assert.ok(typeof doc.tables.files[0].data.$base64 === 'string');

    const refused = await admin(t, 'POST', `/accounts/${t.account.id}/import`, doc);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().accountId[0], /^The account is not empty \(/);

    assert.equal((await admin(t, 'POST', `/accounts/${t.account.id}/reset`, {})).statusCode, 200);
    const imported = await admin(t, 'POST', `/accounts/${t.account.id}/import`, doc);
    assert.equal(imported.statusCode, 200, imported.body);
    const records = Object.values(doc.tables as Record<string, unknown[]>).reduce((n, rows) => n + rows.length, 0);
    assert.equal(imported.json().result.records, records);

    const after = await everyList(t);
    for (const path of Object.keys(before)) assert.deepEqual(after[path], before[path], path);

    // A file's bytes come back too.
    const file = doc.tables.files[0];
    const token = await t.login();
    const bytes = await t.request({ method: 'GET', url: `/campo/v1/files/${file.key}/${encodeURIComponent(file.name)}`, token });
    assert.equal(bytes.statusCode, 200);
    assert.equal(bytes.rawPayload.toString('base64'), file.data.$base64);
  });

  test('a snapshot imports into a new account of another store with the same answers', async () => {
    const before = await everyList(t);
    const doc = (await admin(t, 'GET', `/accounts/${t.account.id}/export`)).json();
    const other = await buildTestApp({ env: { AUVO_ADMIN_KEY: KEY }, clock: t.clock });
    try {
      const res = await admin(other, 'POST', `/accounts/${other.account.id}/import`, doc);
      assert.equal(res.statusCode, 200, res.body);
      const after = await everyList(other);
      for (const path of Object.keys(before)) assert.deepEqual(after[path], before[path], path);
      // New records continue after the imported ids.
      const made = await other.request({ method: 'POST', url: '/v2/segments/', payload: { description: 'After import' } });
      assert.equal(made.statusCode, 201);
      const maxSegment = Math.max(...doc.tables.segments.map((s: { id: number }) => s.id));
      assert.equal(made.json().result.id, maxSegment + 1);
    } finally {
      await other.close();
    }
  });

  test('a document this server cannot read answers 400 naming the field, and changes nothing', async () => {
    const doc = (await admin(t, 'GET', `/accounts/${t.account.id}/export`)).json();
    const target = (await admin(t, 'POST', '/accounts', { name: 'Target' })).json().result;
    const cases: [unknown, Record<string, string[]>][] = [
      [{ ...doc, format: 'other' }, { format: ["Unknown snapshot format 'other'; expected 'campo-snapshot'."] }],
      [{ ...doc, version: 2 }, { version: ['Unsupported snapshot version 2; this server reads version 1.'] }],
      [{ ...doc, schema: '9999_future' }, { schema: ["Unknown store schema '9999_future': the snapshot comes from a newer server."] }],
      [{ ...doc, tables: { ...doc.tables, nope: [] } }, { 'tables.nope': ["Unknown table 'nope'."] }],
      [
        { ...doc, tables: { ...doc.tables, segments: [{ ...doc.tables.segments[0], colour: 'red' }] } },
        { 'tables.segments[0].colour': ["Unknown column 'colour'."] },
      ],
      [{ ...doc, account: { name: 'x', adminUserId: 0 } }, { 'account.adminUserId': ['The administrator must be one of tables.users.'] }],
      [
        { ...doc, tables: { ...doc.tables, segments: [{ ...doc.tables.segments[0], description: { a: 1 } }] } },
        { 'tables.segments[0].description': ['The value must be a string, a number, null or {"$base64": "..."}.'] },
      ],
      [
        // Ids no account uses, so only the missing description can be at fault.
        {
          ...doc,
          account: { name: 'x', adminUserId: 999_999 },
          tables: { users: [{ ...doc.tables.users[0], id: 999_999, login_key: 'free' }], segments: [{ id: 999_998 }] },
        },
        { tables: ['A row breaks a rule of the store (a required column is missing or a reference points to a row not in the snapshot).'] },
      ],
    ];
    for (const [body, expected] of cases) {
      const res = await admin(t, 'POST', `/accounts/${target.id}/import`, body);
      assert.equal(res.statusCode, 400, JSON.stringify(expected));
      assert.deepEqual(res.json(), expected);
    }
    const { format: _omitted, ...noFormat } = doc;
    const missing = await admin(t, 'POST', `/accounts/${target.id}/import`, noFormat);
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json(), { format: ['The format field is required.'] });
    const notJson = await t.app.inject({
      method: 'POST',
      url: `/campo/v1/admin/accounts/${target.id}/import`,
      headers: { 'x-campo-admin-key': KEY, 'content-type': 'application/json' },
      payload: '{"format":',
    });
    assert.equal(notJson.statusCode, 400);
    const counts = (await admin(t, 'GET', `/accounts/${target.id}/export`)).json().tables;
    assert.deepEqual(Object.keys(counts), ['users'], 'only the administrator');
    assert.equal((await admin(t, 'POST', '/accounts/999999/import', doc)).statusCode, 404);
  });

  test('ids held by another account of the store answer 409', async () => {
    const doc = (await admin(t, 'GET', `/accounts/${t.account.id}/export`)).json();
    const target = (await admin(t, 'POST', '/accounts', { name: 'Clash' })).json().result;
    const res = await admin(t, 'POST', `/accounts/${target.id}/import`, doc);
    assert.equal(res.statusCode, 409);
    assert.deepEqual(Object.keys(res.json()), ['tables']);
  });
});

describe('named snapshots', () => {
  test('save, change, restore: the account answers as when saved; list and delete', async () => {
    const saved = await admin(t, 'POST', `/accounts/${t.account.id}/snapshots`, { name: 'base' });
    assert.equal(saved.statusCode, 201);
    const info = saved.json().result;
    assert.deepEqual(info, { name: 'base', records: info.records, createdAt: t.clock.now().toISOString() });
    assert.ok(info.records > 500, `${info.records} records`);
    const before = await everyList(t);

    assert.equal((await t.request({ method: 'POST', url: '/v2/segments/', payload: { description: 'Later' } })).statusCode, 201);
    assert.equal(
      (await t.request({ method: 'DELETE', url: `/v2/customers/${JSON.parse(before['/v2/customers'].body).result.entityList[0].id}` }))
        .statusCode,
      204,
    );

    const restored = await admin(t, 'POST', `/accounts/${t.account.id}/snapshots/base/restore`);
    assert.equal(restored.statusCode, 200, restored.body);
    assert.equal(restored.json().result.records, info.records);
    const after = await everyList(t);
    for (const path of Object.keys(before)) assert.deepEqual(after[path], before[path], path);

    const list = await admin(t, 'GET', `/accounts/${t.account.id}/snapshots`);
    assert.deepEqual(list.json().result, [info]);
    assert.equal((await admin(t, 'DELETE', `/accounts/${t.account.id}/snapshots/base`)).statusCode, 204);
    assert.equal((await admin(t, 'POST', `/accounts/${t.account.id}/snapshots/base/restore`)).statusCode, 404);
    assert.equal((await admin(t, 'DELETE', `/accounts/${t.account.id}/snapshots/base`)).statusCode, 404);
    const badName = await admin(t, 'POST', `/accounts/${t.account.id}/snapshots`, { name: 'no spaces' });
    assert.equal(badName.statusCode, 400);
    assert.deepEqual(Object.keys(badName.json()), ['name']);
  });
});
