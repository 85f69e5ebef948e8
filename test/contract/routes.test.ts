// Contract tests generated for every route in the OpenAPI document: whatever a module
// registers inherits these checks without writing a test for them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';

interface Operation {
  operationId: string;
  security?: unknown[];
  requestBody?: unknown;
  parameters?: { in: string; name: string; description?: string; schema?: { description?: string } }[];
  responses: Record<
    string,
    { content?: Record<string, { schema?: { properties?: Record<string, { properties?: Record<string, unknown> }> } }> }
  >;
}

let t: TestApp;
let ops: { method: string; path: string; op: Operation }[] = [];
before(async () => {
  t = await buildTestApp();
  const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
});
after(async () => t.close());

const fill = (path: string, value: string) => path.replace(/\{[^}]+\}/g, value);
const numericIdParams = (op: Operation) =>
  (op.parameters ?? []).filter((p) => p.in === 'path' && (p.description ?? p.schema?.description) === 'Numeric id');
const resultProps = (op: Operation) => op.responses['200']?.content?.['application/json']?.schema?.properties?.result?.properties;
const isList = (op: Operation) => Boolean(resultProps(op)?.entityList);
// The documented exceptions (customer groups, a group's clients) answer only `entityList`.
const isPaged = (op: Operation) => Boolean(resultProps(op)?.pagedSearchReturnData);
const secured = (op: Operation) => (op.security ?? []).length > 0;
const ENVELOPE_KEYS = ['message', 'target', 'errorCode', 'errors'];

describe('every route', () => {
  test('is registered (sanity)', () => {
    assert.ok(ops.length >= 8, `${ops.length} operations`);
  });

  test('secured routes answer 401 with an empty body and WWW-Authenticate without a token', async () => {
    for (const { method, path, op } of ops.filter((o) => secured(o.op))) {
      const res = await t.request({
        method: method as 'GET',
        url: fill(path, '1'),
        token: null,
        ...(op.requestBody ? { payload: {} } : {}),
      });
      assert.equal(res.statusCode, 401, `${method} ${path}`);
      assert.equal(res.body, '', `${method} ${path}`);
      assert.equal(res.headers['www-authenticate'], 'Bearer', `${method} ${path}`);
    }
  });

  test('routes with a JSON body answer 415 when Content-Type is not application/json', async () => {
    for (const { method, path, op } of ops.filter((o) => o.op.requestBody && o.method !== 'DELETE')) {
      const res = await t.request({
        method: method as 'POST',
        url: fill(path, '1'),
        headers: { 'content-type': 'text/plain' },
        payload: '{}',
      });
      assert.equal(res.statusCode, 415, `${method} ${path} (${op.operationId})`);
      assert.equal(res.json().message, 'The request body must be sent with Content-Type: application/json.', `${method} ${path}`);
    }
  });

  test('a non-numeric id answers 400 {"id":["The value \'abc\' is not valid."]}', async () => {
    for (const { method, path, op } of ops.filter((o) => numericIdParams(o.op).length > 0)) {
      const name = numericIdParams(op)[0].name;
      const url = path.replace(`{${name}}`, 'abc').replace(/\{[^}]+\}/g, '1');
      const res = await t.request({
        method: method as 'GET',
        url,
        ...(op.requestBody ? { payload: method === 'PATCH' ? [{ op: 'replace', path: 'name', value: 'x' }] : {} } : {}),
      });
      assert.equal(res.statusCode, 400, `${method} ${path}`);
      // Keyed by the parameter's documented name (`id`, `teamId`, ...).
      assert.deepEqual(Object.values(res.json()), [["The value 'abc' is not valid."]], `${method} ${path}`);
      assert.ok([name, 'id'].includes(Object.keys(res.json())[0]) || /Id$/.test(Object.keys(res.json())[0]), `${method} ${path}`);
    }
  });

  test('an unknown id answers 404 with an empty body (GET, DELETE, PATCH)', async () => {
    for (const { method, path } of ops.filter((o) => numericIdParams(o.op).length > 0 && ['GET', 'DELETE', 'PATCH'].includes(o.method))) {
      if (path.match(/\{/g)?.length !== 1 || !path.endsWith('}')) continue;
      const res = await t.request({
        method: method as 'GET',
        url: fill(path, '987654321'),
        ...(method === 'PATCH' ? { payload: [{ op: 'replace', path: 'name', value: 'x' }] } : {}),
      });
      assert.equal(res.statusCode, 404, `${method} ${path}`);
      assert.equal(res.body, '', `${method} ${path}`);
    }
  });

  test('lists answer the envelope (200, or 404 when empty) or the error envelope, and the path is case-insensitive', async () => {
    for (const { path, op } of ops.filter((o) => o.method === 'GET' && isList(o.op) && !o.path.includes('{'))) {
      const res = await t.request({ method: 'GET', url: path });
      if (res.statusCode === 400) {
        assert.deepEqual(Object.keys(res.json()), ENVELOPE_KEYS, `${path} (${op.operationId})`);
      } else {
        assert.ok([200, 404].includes(res.statusCode), `${path}: ${res.statusCode}`);
        const r = res.json().result;
        if (isPaged(op)) {
          assert.deepEqual(Object.keys(r), ['entityList', 'pagedSearchReturnData', 'links'], path);
          assert.deepEqual(Object.keys(r.pagedSearchReturnData), ['order', 'pageSize', 'page', 'totalItems'], path);
          assert.equal(r.links[0].rel, 'self', path);
        } else {
          assert.deepEqual(Object.keys(r), ['entityList'], path);
        }
      }
      const upper = await t.request({ method: 'GET', url: path.toUpperCase() });
      assert.equal(upper.statusCode, res.statusCode, `${path.toUpperCase()}`);
    }
  });

  test('paged lists answer 400 with the error envelope for page=0', async () => {
    for (const { path } of ops.filter((o) => o.method === 'GET' && isPaged(o.op) && !o.path.includes('{'))) {
      const res = await t.request({ method: 'GET', url: `${path}?page=0` });
      assert.equal(res.statusCode, 400, path);
      assert.deepEqual(Object.keys(res.json()), ENVELOPE_KEYS, path);
    }
  });
});

describe('the OpenAPI document', () => {
  test('every operation has an operationId, a tag, a summary, an example and its error responses', () => {
    const seen = new Set<string>();
    for (const { method, path, op } of ops) {
      const where = `${method} ${path}`;
      assert.ok(op.operationId, where);
      assert.ok(!seen.has(op.operationId), `duplicate operationId ${op.operationId}`);
      seen.add(op.operationId);
      const o = op as Operation & { tags?: string[]; summary?: string };
      assert.ok(o.tags?.length, `${where}: tag`);
      assert.ok(o.summary, `${where}: summary`);
      const okCode = Object.keys(op.responses).find((c) => c.startsWith('2'));
      assert.ok(okCode, `${where}: success response`);
      const okBody = op.responses[okCode]?.content?.['application/json'] as
        | { schema?: { examples?: unknown[] }; example?: unknown; examples?: unknown }
        | undefined;
      if (okCode !== '204' && okBody) assert.ok(okBody.schema?.examples || okBody.example || okBody.examples, `${where}: example`);
      assert.ok(op.responses['403'], `${where}: 403`);
      const takesInput = op.requestBody || numericIdParams(op).length > 0 || (op.parameters ?? []).some((p) => p.in === 'query');
      if (takesInput) assert.ok(op.responses['400'], `${where}: 400`);
      if (secured(op)) assert.ok(op.responses['401'], `${where}: 401`);
      if (op.requestBody) assert.ok(op.responses['415'], `${where}: 415`);
    }
  });

  test('is OpenAPI 3.1 with bearer security, served at /openapi.json; /docs loads without a CDN', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(page.statusCode, 200);
    const scripts = [...page.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(scripts.length > 0);
    for (const src of scripts) {
      assert.ok(!/^(https?:)?\/\//.test(src), `script served locally: ${src}`);
      assert.equal((await t.app.inject({ method: 'GET', url: src.startsWith('/') ? src : `/docs/${src}` })).statusCode, 200, src);
    }
  });
});
