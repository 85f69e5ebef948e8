import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Fastify from 'fastify';
import { installConsole } from './console.js';
import { routerOptions } from './http.js';

test('the console is served from its build folder: the page, hashed assets (name case kept), 404 for others', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'campo-console-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dir, 'assets', 'index-AbC.js'), 'console.log(1)');
  const app = Fastify({ routerOptions });
  installConsole(app, dir);
  const root = await app.inject({ method: 'GET', url: '/' });
  assert.equal(root.statusCode, 302);
  assert.equal(root.headers.location, '/console/');
  for (const url of ['/console', '/console/', '/console/index.html']) {
    const r = await app.inject({ method: 'GET', url });
    assert.equal(r.statusCode, 200, url);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.equal(r.body, '<!doctype html><title>x</title>');
  }
  const js = await app.inject({ method: 'GET', url: '/console/assets/index-AbC.js' });
  assert.equal(js.statusCode, 200);
  assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(js.body, 'console.log(1)');
  assert.equal((await app.inject({ method: 'GET', url: '/console/assets/index-abc.js' })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: '/console/../package.json' })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: '/console/%2e%2e/package.json' })).statusCode, 404);
  await app.close();
});

test('without a build the console answers 503 with a page that says how to build it', async () => {
  const app = Fastify({ routerOptions });
  installConsole(app, join(tmpdir(), 'campo-console-missing'));
  const r = await app.inject({ method: 'GET', url: '/console/' });
  assert.equal(r.statusCode, 503);
  assert.match(r.body, /npm run build:console/);
  await app.close();
});
