// The web console end to end in a real headless Chromium (Debian's package, driven by
// playwright-core): log in, register a webhook, create a task, reschedule it by drag and drop,
// check it in and out from the technician view, and see the webhook deliveries in the journal.
// Screenshots of each main page go to test-output/screenshots/<store>/ for review.
// Without Chromium the test is skipped with a message, unless REQUIRE_BROWSER=1 (CI) makes it fail.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { consoleDir } from '../src/core/console.js';
import { createScratchStore, storeKind } from './helpers/app.js';
import { killHard, type ServerProcess, startServer } from './helpers/process.js';
import { scaled } from './helpers/time.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(chromiumPath);
const required = process.env.REQUIRE_BROWSER === '1';
const skip = !haveBrowser && !required ? `Chromium not found at ${chromiumPath} (install Debian's chromium, or set CHROMIUM_PATH)` : false;
if (skip) process.stdout.write(`# console browser tests skipped: ${skip}\n`);

const root = fileURLToPath(new URL('..', import.meta.url));
const shots = join(root, 'test-output', 'screenshots', storeKind);
const API_KEY = 'console-e2e';
const API_TOKEN = 'console-e2e-token-0123456789';
// The flags this machine needs: no sandbox as root, and no background calls to Google's services.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server: ServerProcess;
let drop: () => Promise<void>;
let browser: Browser;
let receiver: Server;
let receiverUrl: string;
const received: { entityType: string; entityId: string; action: string }[] = [];
let token: string;

async function api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

/** Polls `check` until it returns true, for effects that happen after a response (webhook deliveries).
 * Deadlines here and the browser's action timeouts (Playwright's 30 s) scale with CAMPO_TEST_TIMEOUT_SCALE. */
async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + scaled(ms);
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting for ${what}`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

before(async () => {
  if (skip) return;
  assert.ok(haveBrowser, `REQUIRE_BROWSER=1 but Chromium is missing at ${chromiumPath}`);
  assert.ok(existsSync(join(consoleDir(), 'index.html')), 'console/dist is missing: run npm run build:console');
  mkdirSync(shots, { recursive: true });
  receiver = createServer((req, res) => {
    let data = '';
    req.on('data', (d) => {
      data += d;
    });
    req.on('end', () => {
      const b = JSON.parse(data);
      received.push({ entityType: b.entityType, entityId: String(b.entityId), action: b.action });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  const scratch = await createScratchStore();
  drop = scratch.drop;
  server = await startServer({ DATABASE_URL: scratch.url, AUVO_API_KEY: API_KEY, AUVO_API_TOKEN: API_TOKEN });
  const login = await fetch(`${server.baseUrl}/v2/login/?apiKey=${API_KEY}&apiToken=${API_TOKEN}`);
  token = ((await login.json()) as { result: { accessToken: string } }).result.accessToken;
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  if (server) await killHard(server);
  await drop?.();
  receiver?.close();
});

test('GET / redirects to the console, which is served with its assets', { skip }, async () => {
  const r = await fetch(`${server.baseUrl}/`, { redirect: 'manual' });
  assert.equal(r.status, 302);
  assert.equal(r.headers.get('location'), '/console/');
  const page = await fetch(`${server.baseUrl}/console/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  const html = await page.text();
  const assets = [...html.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((m) => m[1]);
  assert.ok(assets.length >= 2, html);
  for (const a of assets) {
    const res = await fetch(`${server.baseUrl}${a}`);
    assert.equal(res.status, 200, a);
    assert.match(res.headers.get('cache-control') ?? '', /immutable/);
  }
  assert.equal((await fetch(`${server.baseUrl}/console/assets/missing.js`)).status, 404);
});

test('a dispatcher and a technician work a task through the console, and the webhook journal shows it', { skip }, async () => {
  // A customer to pick in the create form (through the API, as any fixture).
  const customer = await api('POST', '/v2/customers/', {
    name: 'Padaria Pão Quente',
    address: 'Av. Paulista, 1000 - Bela Vista, São Paulo - SP',
    latitude: -23.5614,
    longitude: -46.6559,
  });
  assert.equal(customer.status, 201, JSON.stringify(customer.body));
  const customerId = customer.body.result.id as number;

  // The browser in the server's zone, so "today" on the board is the server's today.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  context.setDefaultTimeout(scaled(30_000));
  const page = await context.newPage();
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.baseUrl) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // Log in: a wrong token is refused with a message, the right one opens the board.
  await page.goto(`${server.baseUrl}/`);
  await page.locator('input[name=apiKey]').fill(API_KEY);
  await page.locator('input[name=apiToken]').fill('wrong-token');
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('alert').waitFor();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /Não foi possível entrar/);
  await shot(page, '01-login');
  await page.locator('input[name=apiToken]').fill(API_TOKEN);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Agenda' }).waitFor();

  // Integrator: register a webhook for tasks through the form.
  await page.getByRole('link', { name: 'Integrador' }).click();
  await page.locator('select[name=entity]').selectOption('Task');
  await page.locator('input[name=targetUrl]').fill(receiverUrl);
  await page.getByRole('button', { name: 'Novo webhook' }).click();
  // No action chosen: one webhook per action (Inclusao, Alteracao, Exclusao), as the API registers it.
  await page.getByRole('cell', { name: receiverUrl }).first().waitFor();
  assert.equal(await page.getByRole('cell', { name: receiverUrl }).count(), 3);
  const hooks = await api('GET', `/v2/webHooks/?paramFilter=${encodeURIComponent('{}')}`);
  assert.deepEqual(hooks.body.result.entityList.map((h: { action: string; urlResponse: string }) => [h.action, h.urlResponse]).sort(), [
    ['Alteracao', receiverUrl],
    ['Exclusao', receiverUrl],
    ['Inclusao', receiverUrl],
  ]);

  // Dispatch board: create a task for today at 09:00 for the customer.
  await page.getByRole('link', { name: 'Agenda' }).click();
  await page.getByRole('button', { name: 'Nova tarefa' }).click();
  const form = page.locator('form.create');
  const today = await form.locator('input[name=taskDate]').inputValue();
  assert.match(today, /^\d{4}-\d{2}-\d{2}T09:00$/);
  const day = today.slice(0, 10);
  await form.locator('select[name=customerId]').selectOption(String(customerId));
  await form.locator('textarea[name=orientation]').fill('Limpeza do ar-condicionado');
  await form.getByRole('button', { name: 'Criar' }).click();
  const card = page.locator('a.task', { hasText: 'Limpeza do ar-condicionado' });
  await card.waitFor();
  const taskId = Number(await card.getAttribute('data-task'));
  const created = await api('GET', `/v2/tasks/${taskId}`);
  assert.equal(created.status, 200);
  assert.equal(created.body.result.taskDate, `${day}T09:00:00`);
  assert.equal(created.body.result.customerId, customerId);
  assert.equal(created.body.result.orientation, 'Limpeza do ar-condicionado');
  const technician = created.body.result.idUserTo as number;
  assert.ok(technician > 0);
  assert.equal(await card.locator('xpath=ancestor::ul[1]').getAttribute('data-day'), day);
  await shot(page, '02-board-week');

  // Reschedule by drag and drop onto another day of the week, in the same technician's lane.
  const target = page.locator(`ul.cell[data-user="${technician}"]:not([data-day="${day}"])`).first();
  const newDay = (await target.getAttribute('data-day')) as string;
  await card.dragTo(target);
  await page.locator(`ul.cell[data-day="${newDay}"] a.task[data-task="${taskId}"]`).waitFor();
  const moved = await api('GET', `/v2/tasks/${taskId}`);
  assert.equal(moved.body.result.taskDate, `${newDay}T09:00:00`);
  assert.equal(moved.body.result.idUserTo, technician);

  // The keyboard moves a focused card a day later (Alt+→) and back (Alt+←).
  const nextDay = new Date(Date.parse(`${newDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await page.locator(`a.task[data-task="${taskId}"]`).focus();
  await page.keyboard.press('Alt+ArrowRight');
  await page.locator(`ul.cell[data-day="${nextDay}"] a.task[data-task="${taskId}"]`).waitFor();
  assert.equal((await api('GET', `/v2/tasks/${taskId}`)).body.result.taskDate, `${nextDay}T09:00:00`);
  await page.locator(`a.task[data-task="${taskId}"]`).focus();
  await page.keyboard.press('Alt+ArrowLeft');
  await page.locator(`ul.cell[data-day="${newDay}"] a.task[data-task="${taskId}"]`).waitFor();
  assert.equal((await api('GET', `/v2/tasks/${taskId}`)).body.result.taskDate, `${newDay}T09:00:00`);

  // Task detail page.
  await page.locator(`a.task[data-task="${taskId}"]`).click();
  await page.getByRole('heading', { name: `Tarefa #${taskId}` }).waitFor();
  await shot(page, '03-task-detail');

  // The customer will be sent the satisfaction survey once the task is finished.
  const surveyOn = await api('PATCH', `/v2/tasks/${taskId}`, [{ op: 'replace', path: 'sendSatisfactionSurvey', value: true }]);
  assert.equal(surveyOn.status, 200, JSON.stringify(surveyOn.body));

  // Technician view on a phone-sized page: check in, then check out.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'pt-BR',
    timezoneId: 'America/Sao_Paulo',
    isMobile: true,
    hasTouch: true,
  });
  phone.setDefaultTimeout(scaled(30_000));
  const p2 = await phone.newPage();
  p2.on('request', (r) => {
    if (!r.url().startsWith(server.baseUrl) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  await p2.goto(`${server.baseUrl}/console/#/technician`);
  await p2.locator('input[name=apiKey]').fill(API_KEY);
  await p2.locator('input[name=apiToken]').fill(API_TOKEN);
  await p2.getByRole('button', { name: 'Entrar' }).click();
  await p2.getByRole('heading', { name: 'Visão do técnico' }).waitFor();
  await p2.locator('select[name=technician]').selectOption(String(technician));
  await p2.locator('section.phone input[type=date]').fill(newDay);
  await p2.locator(`button.task[data-task="${taskId}"]`).click();
  await p2.getByRole('button', { name: 'Check-in' }).click();
  await p2.getByRole('button', { name: 'Check-out' }).waitFor();
  const checkedIn = await api('GET', `/v2/tasks/${taskId}`);
  assert.equal(checkedIn.body.result.taskStatus, 3);
  assert.equal(checkedIn.body.result.checkIn, true);
  await shot(p2, '04-technician-checked-in');
  // The report, and the customer's signature drawn on the pad.
  await p2.locator('textarea[name=report]').fill('Filtro trocado');
  await p2.getByRole('button', { name: 'Enviar relato' }).click();
  await until('the report', async () => (await api('GET', `/v2/tasks/${taskId}`)).body.result.report === 'Filtro trocado');
  await p2.locator('input[name=signerName]').fill('Maria Souza');
  await p2.locator('input[name=signerDocument]').fill('12345678909');
  // The task list reloads after the report (the pad may be redrawn meanwhile): wait until it stays put.
  let box: { x: number; y: number } | null = null;
  await until('the signature pad', async () => {
    await p2.locator('canvas.pad').scrollIntoViewIfNeeded();
    box = await p2.locator('canvas.pad').boundingBox();
    return box !== null;
  });
  const pad = box as unknown as { x: number; y: number };
  await p2.mouse.move(pad.x + 20, pad.y + 60);
  await p2.mouse.down();
  await p2.mouse.move(pad.x + 120, pad.y + 30, { steps: 5 });
  await p2.mouse.move(pad.x + 220, pad.y + 90, { steps: 5 });
  await p2.mouse.up();
  const inked = `(() => { const c = document.querySelector('canvas.pad'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })()`;
  assert.ok(Number(await p2.evaluate(inked)) > 50, 'the pad shows the stroke');
  await p2.getByRole('button', { name: 'Registrar assinatura' }).click();
  await until('the signature', async () => (await api('GET', `/v2/tasks/${taskId}`)).body.result.signatureName === 'Maria Souza');
  const signed = (await api('GET', `/v2/tasks/${taskId}`)).body.result;
  assert.equal(signed.signatureDocument, '12345678909');
  const image = await fetch(signed.signatureUrl);
  assert.equal(image.status, 200);
  assert.equal(image.headers.get('content-type'), 'image/png');
  await p2.getByRole('button', { name: 'Check-out' }).click();
  await p2.getByRole('status').waitFor();
  const finished = await api('GET', `/v2/tasks/${taskId}`);
  assert.equal(finished.body.result.taskStatus, 5);
  assert.equal(finished.body.result.checkOut, true);
  assert.equal(finished.body.result.finished, true);
  await shot(p2, '05-technician-done');
  // Nothing wider than the phone: no horizontal scrolling at 390 px.
  assert.ok(await p2.evaluate('document.documentElement.scrollWidth <= 390'), 'the technician view scrolls sideways at 390 px');
  // The board on the phone: the lanes scroll inside their own box, the page does not.
  await p2.getByRole('link', { name: 'Agenda' }).click();
  await p2.getByRole('heading', { name: 'Agenda' }).waitFor();
  await p2.locator('div.lanes').waitFor();
  assert.ok(await p2.evaluate('document.documentElement.scrollWidth <= 390'), 'the board scrolls sideways at 390 px');
  await shot(p2, '05b-board-phone');
  await phone.close();

  // The receiver got the task's events, and the journal in the integrator view shows them delivered.
  await until('task deliveries', async () => received.filter((r) => r.entityId === String(taskId)).length >= 3);
  await page.getByRole('link', { name: 'Integrador' }).click();
  await until('delivered entries in the journal', async () => {
    await page.getByRole('button', { name: 'Atualizar' }).click();
    return (await page.locator('li.delivery.delivered').count()) >= 3;
  });
  const first = page.locator('li.delivery.delivered').first();
  await first.getByRole('button').first().click();
  await first.getByRole('heading', { name: 'Tentativas' }).waitFor();
  assert.match((await first.textContent()) ?? '', /delivered · 200/);
  await shot(page, '06-integrator');

  // Replay: a new delivery pointing at the original is queued and sent.
  const before = received.length;
  await first.getByRole('button', { name: 'Reenviar' }).click();
  await until('the replayed delivery', async () => received.length > before);
  await until('the replay in the journal', async () => {
    await page.getByRole('button', { name: 'Atualizar' }).click();
    return (await page.locator('li.delivery', { hasText: '↺' }).count()) === 1;
  });

  // The other main pages render with data.
  await page.getByRole('link', { name: 'Mapa' }).click();
  await page.getByRole('heading', { name: 'Mapa do dia' }).waitFor();
  await page.locator('input[type=date]').fill(newDay);
  await page.locator(`svg a[href="#/task/${taskId}"] circle.st5`).waitFor();
  await shot(page, '07-map');
  await page.getByRole('link', { name: 'Clientes' }).click();
  // The customers table links each id to its record (exact name: task links such as "#1" also hold the digit).
  await page.locator(`a[href="#/records/customers/${customerId}"]`).click();
  await page.getByText('Padaria Pão Quente').first().waitFor();
  await shot(page, '08-customer-detail');
  for (const [name, file] of [
    ['Equipamentos', '09a-equipment'],
    ['Produtos', '09b-products'],
    ['Orçamentos', '09c-quotations'],
    ['Chamados', '09d-tickets'],
  ]) {
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { name }).waitFor();
    await page.getByText('Nada encontrado.').waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, name);
    await shot(page, file);
  }
  await page.getByRole('link', { name: 'Agenda' }).click();
  await page.getByRole('button', { name: 'Lista' }).click();
  await page.locator('input[type=date]').first().fill(newDay);
  await page.getByRole('cell', { name: 'Limpeza do ar-condicionado' }).waitFor();
  await shot(page, '09-board-list');

  // English is one switch away.
  await page.locator('header select').selectOption('en');
  await page.getByRole('heading', { name: 'Dispatch' }).waitFor();

  // The public task link renders as a page for the browser.
  await page.goto(finished.body.result.taskUrl);
  await page.getByRole('heading', { name: `Tarefa #${taskId}` }).waitFor();
  assert.match((await page.locator('main').textContent()) ?? '', /Finalizada/);
  await shot(page, '10-public-task');

  // The customer answers the satisfaction survey in the browser.
  await page.goto(finished.body.result.survey);
  await page.getByRole('heading', { name: 'Pesquisa de satisfação' }).waitFor();
  await page.getByRole('radio', { name: '9' }).check();
  await page.getByLabel('Comentários').fill('Muito bom');
  await page.getByLabel('E-mail').fill('cliente@example.com');
  await shot(page, '11-survey-form');
  await page.getByRole('button', { name: 'Enviar avaliação' }).click();
  await page.getByRole('status').waitFor();
  assert.match((await page.getByRole('status').textContent()) ?? '', /Obrigado/);
  const surveys = await api('GET', `/v2/satisfactionSurveys/?paramFilter=${encodeURIComponent(JSON.stringify({ taskID: [taskId] }))}`);
  assert.equal(surveys.status, 200, JSON.stringify(surveys.body));
  assert.deepEqual(
    surveys.body.result.entityList.map((a: { taskID: number; answerDescription: string }) => [a.taskID, a.answerDescription]),
    [
      [taskId, '9'],
      [taskId, 'Muito bom'],
    ],
  );

  assert.deepEqual(foreign, [], 'the console made requests outside the server');
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('the console logs in again by itself when its token is about to expire', { skip }, async () => {
  const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  context.setDefaultTimeout(scaled(30_000));
  await context.clock.install();
  const page = await context.newPage();
  const logins: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.toLowerCase().startsWith('/v2/login')) logins.push(r.url());
  });
  await page.goto(`${server.baseUrl}/console/`);
  await page.locator('input[name=apiKey]').fill(API_KEY);
  await page.locator('input[name=apiToken]').fill(API_TOKEN);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Agenda' }).waitFor();
  await page.getByRole('link', { name: 'Integrador' }).click();
  await page.getByRole('heading', { name: 'Webhooks e entregas' }).waitFor();
  assert.equal(logins.length, 1);
  // Tokens last 30 minutes: past that, the next call logs in again with the same credentials.
  await page.clock.fastForward('30:00');
  await page.getByRole('link', { name: 'Agenda' }).click();
  await page.getByRole('heading', { name: 'Agenda' }).waitFor();
  await page.locator('div.lanes').waitFor();
  assert.equal(logins.length, 2);
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});
