// The published document as a reader of /docs and a client generator see it: named components,
// servers, security and a description on every operation, a request example on every operation
// with a body (valid against that body's schema), no internal notes in public text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildTestApp, type TestApp } from './helpers/app.js';

type Doc = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operations(doc: Doc): { where: string; op: Doc }[] {
  const out: { where: string; op: Doc }[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Doc>)) {
    for (const m of METHODS) if (item[m]) out.push({ where: `${m.toUpperCase()} ${path}`, op: item[m] });
  }
  return out;
}

/** Every string of the document that a reader sees (descriptions, summaries, titles). */
function publicText(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const v of node) publicText(v, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'description' || k === 'summary' || k === 'title') && typeof v === 'string') out.push(v);
      else publicText(v, out);
    }
  }
  return out;
}

describe('OpenAPI document quality', () => {
  let t: TestApp;
  let doc: Doc;
  before(async () => {
    // With the admin key, so the admin API's operations are checked too.
    t = await buildTestApp({ env: { AUVO_ADMIN_KEY: 'quality-test-admin-key-0123456789' } });
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json', headers: { host: 'campo.example:9000' } });
    assert.equal(res.statusCode, 200);
    doc = res.json();
  });
  after(() => t.close());

  test('components are named after their schemas, servers name the host the client reached', () => {
    const names = Object.keys(doc.components.schemas);
    assert.ok(names.includes('Customer') && names.includes('User') && names.includes('Task'), names.join(','));
    assert.deepEqual(
      names.filter((n) => /^(def|schema)-?\d+$/.test(n)),
      [],
    );
    assert.deepEqual(doc.servers, [{ url: 'http://campo.example:9000' }]);
    assert.equal(doc.info.license.name, 'MIT');
  });

  test('every operation has an id, a description and its security (empty on public ones)', () => {
    const missing: string[] = [];
    for (const { where, op } of operations(doc)) {
      if (!op.operationId) missing.push(`${where}: operationId`);
      if (!op.description || op.description.length < 20) missing.push(`${where}: description`);
      if (!Array.isArray(op.security)) missing.push(`${where}: security`);
    }
    assert.deepEqual(missing, []);
    const login = doc.paths['/v2/login'].post;
    assert.deepEqual(login.security, []);
    assert.deepEqual(doc.paths['/v2/customers'].get.security, [{ bearer: [] }]);
  });

  test('every operation with a body has a pt-BR example that its own schema accepts', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'urn:campo:doc', components: doc.components });
    const problems: string[] = [];
    const patches = new Map<string, string>();
    for (const { where, op } of operations(doc)) {
      const content = op.requestBody?.content?.['application/json'];
      if (!content) continue;
      if (content.example === undefined) {
        problems.push(`${where}: no example`);
        continue;
      }
      const schema = JSON.parse(JSON.stringify(content.schema).replaceAll('"#/components/', '"urn:campo:doc#/components/'));
      const validate = ajv.compile({ ...schema, $id: `urn:body:${op.operationId}` });
      if (!validate(content.example)) problems.push(`${where}: ${ajv.errorsText(validate.errors)}`);
      const text = JSON.stringify(content.example);
      if (/"(string|lorem[^"]*|ejemplo|nombre|login\.user|orientation value)"/i.test(text))
        problems.push(`${where}: placeholder text ${text}`);
      if (where.startsWith('PATCH')) {
        const seen = patches.get(text);
        if (seen) problems.push(`${where}: same patch example as ${seen}`);
        patches.set(text, where);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('public text carries no internal references', () => {
    const leaks = publicText(doc).filter((s) => /\bD\d{1,2}\b|\binventory\b|\bblueprint\b|\bissue \d/i.test(s));
    assert.deepEqual(leaks, []);
  });

  test('the docs page is titled Campo, has its favicon and asks for no external fonts or hosted tools', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>Campo — Auvo API v2<\/title>/);
    const config = page.body.match(/data-configuration="([^"]*)"|configuration\s*=\s*(\{.*?\})\s*;?\s*<\/script>/s);
    const html = page.body.replaceAll('&quot;', '"');
    assert.ok(config || html.includes('withDefaultFonts'), 'configuration in the page');
    assert.match(html, /"withDefaultFonts":\s*false/);
    assert.match(html, /"hideClientButton":\s*true/);
    assert.doesNotMatch(page.body, /fonts\.(scalar\.com|googleapis\.com)|cdn\.jsdelivr/);
    const icon = await t.app.inject({ method: 'GET', url: '/docs/favicon.svg' });
    assert.equal(icon.statusCode, 200);
    assert.match(String(icon.headers['content-type']), /^image\/svg\+xml/);
  });
});
