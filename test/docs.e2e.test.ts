// The API docs page (/docs) in a real headless Chromium: it renders Campo's document, is titled
// Campo with its favicon, and makes no request outside the server (no fonts, CDN or telemetry).
// Without Chromium the test is skipped with a message, unless REQUIRE_BROWSER=1 makes it fail.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { buildTestApp, type TestApp } from './helpers/app.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const required = process.env.REQUIRE_BROWSER === '1';
const skip = !existsSync(chromiumPath) && !required ? `Chromium not found at ${chromiumPath}` : false;
if (skip) process.stdout.write(`# docs browser test skipped: ${skip}\n`);

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (skip) return;
  assert.ok(existsSync(chromiumPath), `REQUIRE_BROWSER=1 but Chromium is missing at ${chromiumPath}`);
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  base = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  await t?.close();
});

test('/docs renders the document offline: every request stays on the server', { skip }, async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => {
    requests.push(r.url());
  });
  await page.goto(`${base}/docs/`, { waitUntil: 'networkidle' });
  await page.getByText('Retrieve an access token', { exact: false }).first().waitFor({ timeout: 60_000 });
  assert.equal(await page.title(), 'Campo — Auvo API v2');
  const outside = requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(outside, []);
  assert.ok(
    requests.some((u) => u === `${base}/openapi.json`),
    requests.join('\n'),
  );
  const icon = await page.locator('link[rel~="icon"]').first().getAttribute('href');
  assert.equal(icon, '/docs/favicon.svg');
});
