// Every request value is bounded: numbers are finite, strings and lists have a maximum length.
// The property test reads the OpenAPI document and sends coerced non-finite numbers ("Infinity",
// "-Infinity", "1e309") to every numeric field of every route's body: each answers 400 naming
// the field, and the resource's list is unchanged.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from './helpers/app.js';

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
