// Every request value is bounded: numbers are finite, strings and lists have a maximum length.
// The property test reads the OpenAPI document and sends coerced non-finite numbers ("Infinity",
// "-Infinity", "1e309") to every numeric field of every route's body: each answers 400 naming
// the field, and the resource's list is unchanged.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from './helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(async () => t.close());

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
}

const BAD_NUMBERS = ['Infinity', '-Infinity', '1e309'];

/** `length` pseudo-random CJK characters (3 bytes each in UTF-8): text no compression shrinks. */
function noise(length: number): string {
  let x = 12345;
  return Array.from({ length }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return String.fromCharCode(0x4e00 + (x % 0x5000));
  }).join('');
}

/** A value the schema accepts, for filling the required fields around the one under test. */
function sample(s: Schema, resolve: (s: Schema) => Schema): unknown {
  const schema = resolve(s);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const branch = schema.anyOf ?? schema.oneOf;
  if (branch) return sample(branch[0], resolve);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return schema.minimum !== undefined && schema.minimum > 1 ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = sample(schema.properties?.[name] ?? {}, resolve);
      return out;
    }
    case 'string':
      if (schema.pattern)
        return ['1', '2025-01-01T00:00:00', '00:00:00', '2025-01-01'].find((v) => new RegExp(schema.pattern as string).test(v)) ?? '1';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default:
      return 'x';
  }
}

interface NumericField {
  /** Body with the field set to `value` (inside one-item arrays on the way). */
  build(value: unknown): unknown;
  /** The field as the 400 field map names it. */
  field: string;
  /** The field also takes a string (e.g. a decimal string): the message may differ. */
  orString: boolean;
}

function numericFields(root: Schema, resolve: (s: Schema) => Schema): NumericField[] {
  const out: NumericField[] = [];
  const visit = (s: Schema, field: string, build: (v: unknown) => unknown, depth: number) => {
    const schema = resolve(s);
    const branches = (schema.anyOf ?? schema.oneOf ?? [schema]).map(resolve);
    const types = branches.flatMap((b) => (Array.isArray(b.type) ? b.type : [b.type]));
    if (types.includes('number') || types.includes('integer')) {
      if (field) out.push({ build, field, orString: types.includes('string') });
      return;
    }
    if (depth > 4) return;
    const obj = branches.find((b) => b.properties);
    if (obj) {
      for (const [name, prop] of Object.entries(obj.properties ?? {})) {
        visit(prop, field ? `${field}.${name}` : name, (v) => build({ ...(sample(obj, resolve) as object), [name]: v }), depth + 1);
      }
    }
    const arr = branches.find((b) => b.items);
    if (arr?.items) visit(arr.items, `${field}[0]`, (v) => build([v]), depth + 1);
  };
  visit(root, '', (v) => v, 0);
  return out;
}

/** The collection the route writes to (its first path segments without parameters). */
function listUrl(path: string): string {
  const segs = path.split('/').filter(Boolean);
  const firstParam = segs.findIndex((s) => s.startsWith('{'));
  return `/${(firstParam < 0 ? segs : segs.slice(0, firstParam)).join('/')}`;
}

test('coerced non-finite numbers in every numeric body field of every route answer 400 and write nothing', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const resolve = (s: Schema): Schema => (s?.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop() as string]) : (s ?? {}));
  let checked = 0;
  for (const [path, ops] of Object.entries<Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const schema = op.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      const url = path.replace(/\{[^}]+\}/g, '1');
      const list = listUrl(path);
      const listBefore = await t.request({ method: 'GET', url: list });
      for (const f of numericFields(schema, resolve)) {
        for (const bad of BAD_NUMBERS) {
          const res = await t.request({ method: method.toUpperCase() as 'POST', url, payload: f.build(bad) as object });
          const where = `${method.toUpperCase()} ${path} ${f.field}=${bad}`;
          if (f.orString) {
            // Number-or-string fields (decimal strings) are parsed by the service, which may first
            // find the addressed record missing (404); either way nothing is written.
            assert.ok([400, 404].includes(res.statusCode), `${where}: ${res.statusCode} ${res.body}`);
          } else {
            assert.equal(res.statusCode, 400, `${where}: ${res.body}`);
            const body = res.json();
            assert.deepEqual(Object.keys(body), [f.field], where);
            assert.ok(body[f.field].includes('The value must be a finite number.'), `${where}: ${res.body}`);
          }
          checked++;
        }
      }
      const listAfter = await t.request({ method: 'GET', url: list });
      assert.equal(listAfter.statusCode, listBefore.statusCode, `${list} after ${method} ${path}`);
      assert.equal(listAfter.body, listBefore.body, `${list} after ${method} ${path}`);
    }
  }
  assert.ok(checked > 100, `only ${checked} cases`);
});

test('POST /v2/ticketStatuses with statusType "Infinity" answers 400 and the list keeps answering', async () => {
  for (const bad of BAD_NUMBERS) {
    const res = await t.request({ method: 'POST', url: '/v2/ticketStatuses/', payload: { description: 'a', statusType: bad } });
    assert.deepEqual([res.statusCode, res.json()], [400, { statusType: ['The value must be a finite number.'] }]);
  }
  const list = await t.request({ method: 'GET', url: '/v2/ticketStatuses' });
  assert.equal(list.statusCode, 404);
  assert.deepEqual(list.json().result.entityList, []);
});

test('customer latitude "Infinity" answers 400 on POST and PATCH; the stored value stays', async () => {
  const res = await t.request({ method: 'POST', url: '/v2/customers/', payload: { description: 'Geo', latitude: 'Infinity' } });
  assert.deepEqual([res.statusCode, res.json()], [400, { latitude: ['The value must be a finite number.'] }]);
  const created = await t.request({
    method: 'POST',
    url: '/v2/customers/',
    payload: { description: 'Geo', latitude: -16.5, longitude: -49.2 },
  });
  assert.equal(created.statusCode, 201);
  const id = created.json().result.id;
  // 1e309 as a JSON number parses to Infinity.
  for (const value of [...BAD_NUMBERS.map((v) => JSON.stringify(v)), '1e309', '-1e309']) {
    const patch = await t.request({
      method: 'PATCH',
      url: `/v2/customers/${id}`,
      headers: { 'content-type': 'application/json' },
      payload: `[{"op":"replace","path":"latitude","value":${value}}]`,
    });
    assert.equal(patch.statusCode, 400, String(value));
    assert.deepEqual(Object.keys(patch.json()), ['latitude']);
  }
  const got = await t.request({ method: 'GET', url: `/v2/customers/${id}` });
  assert.deepEqual([got.json().result.latitude, got.json().result.longitude], [-16.5, -49.2]);
});

test('users gpsFrequency "Infinity" answers 400 on POST and PATCH and the users list keeps answering', async () => {
  const res = await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ gpsFrequency: 'Infinity' }) });
  assert.deepEqual([res.statusCode, res.json()], [400, { gpsFrequency: ['The value must be a finite number.'] }]);
  const patch = await t.request({
    method: 'PATCH',
    url: `/v2/users/${t.account.adminUserId}`,
    payload: [{ op: 'replace', path: 'gpsFrequency', value: '1e309' }],
  });
  assert.equal(patch.statusCode, 400);
  assert.deepEqual(Object.keys(patch.json()), ['gpsFrequency']);
  const list = await t.request({ method: 'GET', url: '/v2/users/' });
  assert.equal(list.statusCode, 200);
  assert.equal(list.json().result.entityList.length, 1);
});

test('text over its limit answers the 400 field map; free text up to 20,000 characters is stored on every store', async () => {
  const mib = 'x'.repeat(1024 * 1024);
  const cat = await t.request({ method: 'POST', url: '/v2/equipmentCategories/', payload: { description: mib } });
  assert.deepEqual([cat.statusCode, cat.json()], [400, { description: ['The value must be at most 20000 characters long.'] }]);
  const cost = await t.request({ method: 'POST', url: '/v2/additionalCosts/', payload: { name: mib } });
  assert.deepEqual([cost.statusCode, cost.json()], [400, { name: ['The value must be at most 500 characters long.'] }]);
  // Incompressible multi-byte text at the limits: more than a btree entry of PostgreSQL holds.
  const long = noise(20_000);
  for (const [url, payload] of [
    ['/v2/equipmentCategories/', { description: long }],
    ['/v2/productCategories/', { description: long }],
    ['/v2/taskTypes/', { description: long }],
    ['/v2/expenseTypes/', { description: long }],
    ['/v2/additionalCosts/', { name: noise(500) }],
    ['/v2/services/', { title: noise(500), description: long }],
  ] as const) {
    const res = await t.request({ method: 'POST', url, payload });
    assert.equal(res.statusCode, 201, `${url}: ${res.body.slice(0, 300)}`);
  }
  const patch = await t.request({
    method: 'PATCH',
    url: '/v2/equipmentCategories/1',
    payload: [{ op: 'replace', path: 'description', value: mib }],
  });
  assert.equal(patch.statusCode, 400);
  assert.deepEqual(Object.keys(patch.json()), ['description']);
});

test('a list over 1,000 items answers 400 at once and stores nothing', async () => {
  const before = (await t.request({ method: 'GET', url: '/v2/customers/' })).body;
  const contacts = Array.from({ length: 200_000 }, (_, i) => ({ name: `Contact ${i}`, email: 'c@example.com' }));
  const res = await t.request({ method: 'POST', url: '/v2/customers/', payload: { description: 'Many', contacts } });
  assert.deepEqual([res.statusCode, res.json()], [400, { contacts: ['The list must have at most 1000 items.'] }]);
  assert.equal((await t.request({ method: 'GET', url: '/v2/customers/' })).body, before);
});

test('OpenAPI documents the limits in the request schemas', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const body = (path: string, method: string) => doc.paths[path][method].requestBody.content['application/json'].schema;
  const cat = body('/v2/equipmentCategories', 'post');
  assert.equal(cat.properties.description.maxLength, 20_000);
  assert.equal(cat.properties.externalId.maxLength, 500);
  const customer = body('/v2/customers', 'post');
  assert.equal(customer.properties.contacts.maxItems, 1000);
  assert.equal(customer.properties.latitude['x-finite'], true);
});

test('a webhook targetUrl whose encoded form is over 2048 characters answers 400', async () => {
  const res = await t.request({
    method: 'POST',
    url: '/v2/webHooks/',
    payload: { entity: 'Task', action: 'Inclusao', targetUrl: `https://example.com/${noise(600)}` },
  });
  assert.deepEqual(
    [res.statusCode, res.json()],
    [400, { targetUrl: ['The targetUrl must be at most 2048 characters long once encoded.'] }],
  );
  const long = await t.request({
    method: 'POST',
    url: '/v2/webHooks/',
    payload: { entity: 'Task', action: 'Inclusao', targetUrl: `https://example.com/${'a'.repeat(2100)}` },
  });
  assert.deepEqual([long.statusCode, long.json()], [400, { targetUrl: ['The value must be at most 2048 characters long.'] }]);
});
