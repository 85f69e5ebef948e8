import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
let task: number;
let survey: string;
before(async () => {
  t = await buildTestApp();
  t.clock.set('2026-03-10T15:30:00Z');
  const created = await t.request({
    method: 'POST',
    url: '/v2/tasks/',
    payload: {
      idUserFrom: t.account.adminUserId,
      address: 'Rua A',
      latitude: 0,
      longitude: 0,
      orientation: 'x',
      priority: 1,
      sendSatisfactionSurvey: true,
    },
  });
  task = created.json().result.taskID;
  survey = new URL(created.json().result.survey).pathname;
});
after(async () => t.close());

const list = (filter: unknown) =>
  t.request({
    method: 'GET',
    url: `/v2/satisfactionSurveys/?${filter === undefined ? '' : `paramFilter=${encodeURIComponent(JSON.stringify(filter))}`}`,
  });
const answer = (payload: unknown) => t.app.inject({ method: 'POST', url: survey, payload: payload as object });

describe('the survey URL (public)', () => {
  test('shows its task, and opens only once the task is finished', async () => {
    const form = await t.app.inject({ method: 'GET', url: survey });
    assert.deepEqual(form.json(), { result: { taskID: task, taskDate: '2026-03-10T12:30:00', customerDescription: '', open: false } });
    const early = await answer({ email: 'a@b.co', answers: [{ question: 'Nota', answer: '10', score: 10 }] });
    assert.equal(early.statusCode, 400);
    assert.deepEqual(early.json(), { taskStatus: ['The satisfaction survey opens once the task is finished.'] });
    assert.equal((await t.request({ method: 'POST', url: `/campo/v1/tasks/${task}/finish`, payload: {} })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: survey })).json().result.open, true);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/campo/v1/pesquisasatisfacao/formulario/00000000-0000-0000-0000-000000000000' }))
        .statusCode,
      404,
    );
  });

  test('records answers, which GET /v2/satisfactionSurveys/ lists with the documented item shape', async () => {
    const res = await answer({ email: 'a@b.co', answers: [{ question: 'Nota', answer: 10, score: 10 }] });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), { result: { taskID: task, submission: 1, answers: 1 } });
    const l = await list({ taskID: [task] });
    assert.equal(l.statusCode, 200);
    const item = l.json().result.entityList[0];
    assert.deepEqual(l.json().result.entityList, [
      {
        id: item.id,
        taskID: task,
        answerDescription: '10',
        questionDescription: 'Nota',
        answerDate: '2026-03-10T12:30:00',
        itemId: '1',
        email: 'a@b.co',
        answersItemQuantity: 1,
        scoreSum: 10,
        totalResponse: 1,
        totalSubmitted: 1,
      },
    ]);
    assert.match(l.json().result.links[0].href, /\/v2\/satisfactionSurveys\?ParamFilter=/);
  });

  test('taskID is required (400 envelope), accepts one id, an array or taskId; email narrows', async () => {
    for (const f of [undefined, {}, { taskID: 'abc' }, { email: 'a@b.co' }]) {
      const res = await list(f);
      assert.equal(res.statusCode, 400, JSON.stringify(f));
      assert.deepEqual(Object.keys(res.json()), ['message', 'target', 'errorCode', 'errors']);
    }
    assert.equal((await list({ taskId: task })).statusCode, 200);
    assert.equal((await list({ taskID: [task, 999] })).statusCode, 200);
    assert.equal((await list({ taskID: [task], email: 'x@y.z' })).statusCode, 404);
    assert.equal((await list({ taskID: [999] })).statusCode, 404);
  });
});
