// The public task link and the satisfaction-survey URL: a page for a browser (Accept preferring
// text/html), the documented JSON for API clients, on the same URL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
let taskId: number;
let taskPath: string;
let surveyPath: string;
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

before(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-03-12T12:00:00Z'));
  const created = await t.request({
    method: 'POST',
    url: '/v2/tasks/',
    payload: {
      idUserFrom: t.account.adminUserId,
      idUserTo: t.account.adminUserId,
      taskDate: '2026-03-12T09:00:00',
      address: 'Rua <b>das Flores</b>, 10 & cia',
      latitude: -23.55,
      longitude: -46.63,
      orientation: 'Trocar o filtro "grande"',
      priority: 2,
      sendSatisfactionSurvey: true,
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  taskId = created.json().result.taskID;
  const task = (await t.request({ method: 'GET', url: `/v2/tasks/${taskId}` })).json().result;
  const url = new URL(task.taskUrl);
  taskPath = `${url.pathname}${url.search}`;
  surveyPath = new URL(task.survey).pathname;
});

after(() => t.close());

test('the task link answers JSON to an API client and a page to a browser, with every value escaped', async () => {
  const json = await t.app.inject({ method: 'GET', url: taskPath });
  assert.equal(json.statusCode, 200);
  assert.match(json.headers['content-type'] as string, /^application\/json/);
  assert.equal(json.headers.vary, 'Accept');
  const api = (await t.request({ method: 'GET', url: `/v2/tasks/${taskId}` })).json();
  assert.deepEqual(json.json(), api);
  const explicit = await t.app.inject({ method: 'GET', url: taskPath, headers: { accept: 'application/json' } });
  assert.deepEqual(explicit.json(), api);

  const page = await t.app.inject({ method: 'GET', url: taskPath, headers: { accept: BROWSER_ACCEPT } });
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(page.headers.vary, 'Accept');
  assert.match(page.body, /^<!doctype html>\n<html lang="pt-BR">/);
  assert.match(page.body, new RegExp(`<h1>Tarefa #${taskId}</h1>`));
  assert.match(page.body, /<dt>Situação<\/dt><dd>Aberta<\/dd>/);
  assert.match(page.body, /<dt>Data agendada<\/dt><dd>12\/03\/2026 09:00<\/dd>/);
  assert.match(page.body, /<dd>Rua &lt;b&gt;das Flores&lt;\/b&gt;, 10 &amp; cia<\/dd>/);
  assert.match(page.body, /<dd>Trocar o filtro &quot;grande&quot;<\/dd>/);
  assert.doesNotMatch(page.body, /<b>das Flores/);
  // No external resources: the page carries its own style.
  assert.doesNotMatch(page.body, /(?:src|href)="https?:/);
});

test('a wrong key or GUID answers 404: an empty body to API clients, a page to browsers', async () => {
  const wrong = taskPath.replace(/chave=[^&]+/, 'chave=nope');
  const json = await t.app.inject({ method: 'GET', url: wrong });
  assert.equal(json.statusCode, 404);
  assert.equal(json.body, '');
  const page = await t.app.inject({ method: 'GET', url: wrong, headers: { accept: 'text/html' } });
  assert.equal(page.statusCode, 404);
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  assert.match(page.body, /<h1>Tarefa não encontrada<\/h1>/);
  const survey = await t.app.inject({
    method: 'GET',
    url: '/campo/v1/pesquisasatisfacao/formulario/not-a-guid',
    headers: { accept: 'text/html' },
  });
  assert.equal(survey.statusCode, 404);
  assert.match(survey.body, /<h1>Pesquisa não encontrada<\/h1>/);
});

test('the survey URL: JSON for clients; for browsers a closed notice until the task is finished, then the form', async () => {
  const json = await t.app.inject({ method: 'GET', url: surveyPath });
  assert.deepEqual(json.json(), { result: { taskID: taskId, taskDate: '2026-03-12T09:00:00', customerDescription: '', open: false } });
  const closed = await t.app.inject({ method: 'GET', url: surveyPath, headers: { accept: BROWSER_ACCEPT } });
  assert.equal(closed.statusCode, 200);
  assert.match(closed.body, /<h1>Pesquisa de satisfação<\/h1>/);
  assert.match(closed.body, /ela abre quando a tarefa é finalizada/);
  assert.doesNotMatch(closed.body, /<form/);

  const fin = await t.request({ method: 'POST', url: `/campo/v1/tasks/${taskId}/finish`, payload: {} });
  assert.equal(fin.statusCode, 200, fin.body);
  const open = await t.app.inject({ method: 'GET', url: surveyPath, headers: { accept: BROWSER_ACCEPT } });
  assert.match(open.body, /<form id="survey">/);
  assert.equal((open.body.match(/<input type="radio" name="score"/g) ?? []).length, 11);
  assert.match(open.body, /<input type="email" name="email" required/);
  assert.match(open.body, /<script>/);
  // Posting stays JSON (what the page's script sends), whatever the browser accepts.
  const answer = await t.app.inject({
    method: 'POST',
    url: surveyPath,
    headers: { accept: BROWSER_ACCEPT },
    payload: { email: 'cliente@example.com', answers: [{ question: 'Como você avalia o atendimento?', answer: '10', score: 10 }] },
  });
  assert.equal(answer.statusCode, 201, answer.body);
  assert.deepEqual(answer.json(), { result: { taskID: taskId, submission: 1, answers: 1 } });
});
