import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(async () => t.close());

const now = () => t.clock.now();
const local = (d: Date) => {
  // The test clock is UTC; the default zone is America/Sao_Paulo (UTC-3, no DST since 2019).
  const x = new Date(d.getTime() - 3 * 3600_000);
  return x.toISOString().slice(0, 19);
};

const body = {
  description: 'Checklist',
  header: 'cabeçalho',
  footer: 'rodape',
  questions: [
    { answerType: 2, description: '¿la pregunta?', subTitle: '¿la pregunta abajo?', requiredAnswer: false },
    { answerType: 1, description: 'Second', requiredAnswer: true },
  ],
};

async function create(b: Record<string, unknown> = body) {
  const res = await t.request({ method: 'POST', url: '/v2/questionnaires/', payload: b });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().result;
}

describe('POST /v2/questionnaires/ (extension)', () => {
  test('creates a questionnaire with its questions and answers 201 with the documented shape', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/questionnaires/', payload: body });
    assert.equal(res.statusCode, 201);
    const r = res.json().result;
    const at = local(now());
    assert.deepEqual(res.json(), {
      result: {
        id: r.id,
        description: 'Checklist',
        header: 'cabeçalho',
        footer: 'rodape',
        creationDate: at,
        questions: [
          {
            id: r.questions[0].id,
            answerType: 2,
            description: '¿la pregunta?',
            subTitle: '¿la pregunta abajo?',
            requiredAnswer: false,
            creationDate: at,
          },
          { id: r.questions[1].id, answerType: 1, description: 'Second', subTitle: '', requiredAnswer: true, creationDate: at },
        ],
      },
    });
    assert.deepEqual((await t.request({ method: 'GET', url: `/v2/questionnaires/${r.id}` })).json(), res.json());
    const ev = await t.store.db
      .selectFrom('change_events')
      .selectAll()
      .where('entity', '=', 'Questionnaire')
      .where('entity_id', '=', String(r.id))
      .execute();
    assert.deepEqual(
      ev.map((e) => e.action),
      ['Inclusao'],
    );
    assert.deepEqual(JSON.parse(ev[0].snapshot as string), r);
  });

  test('a description alone is enough; missing or wrong attributes answer 400 and write nothing', async () => {
    const min = await create({ description: 'Only' });
    assert.deepEqual([min.header, min.footer, min.questions], ['', '', []]);
    for (const [payload, key] of [
      [{ header: 'x' }, 'description'],
      [{ description: 'x', questions: [{ description: 'q' }] }, 'questions[0].answerType'],
      [{ description: 'x', questions: [{ answerType: 1, description: '' }] }, 'questions[0].description'],
      [{ description: 'x', questions: [{ answerType: 1, description: 'q', id: 999999 }] }, 'questions[0].id'],
    ] as const) {
      const res = await t.request({ method: 'POST', url: '/v2/questionnaires/', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual(Object.keys(res.json()), [key]);
    }
  });
});

describe('PUT /v2/questionnaires/ (extension)', () => {
  test('creates (201) without a known id, updates (200) by id keeping question ids that are sent back', async () => {
    const created = await t.request({ method: 'PUT', url: '/v2/questionnaires/', payload: { id: 987654, ...body } });
    assert.equal(created.statusCode, 201);
    const q = created.json().result;
    assert.notEqual(q.id, 987654);
    t.clock.advance(60_000);
    const updated = await t.request({
      method: 'PUT',
      url: '/v2/questionnaires/',
      payload: {
        id: q.id,
        footer: 'new footer',
        questions: [
          { id: q.questions[1].id, answerType: 3, description: 'Second, edited' },
          { answerType: 2, description: 'Third' },
        ],
      },
    });
    assert.equal(updated.statusCode, 200);
    const u = updated.json().result;
    assert.deepEqual(u, {
      ...q,
      footer: 'new footer',
      questions: [
        { ...q.questions[1], answerType: 3, description: 'Second, edited', requiredAnswer: false },
        { id: u.questions[1].id, answerType: 2, description: 'Third', subTitle: '', requiredAnswer: false, creationDate: local(now()) },
      ],
    });
  });

  test('creating without description answers 400', async () => {
    const res = await t.request({ method: 'PUT', url: '/v2/questionnaires/', payload: { header: 'h' } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { description: ['The description field is required.'] });
  });
});

describe('PATCH /v2/questionnaires/{id} (extension)', () => {
  test('replaces description, header, footer and the questions array', async () => {
    const q = await create();
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/questionnaires/${q.id}`,
      payload: [
        { op: 'replace', path: 'description', value: 'Renamed' },
        { op: 'remove', path: '/header' },
        { op: 'replace', path: 'questions', value: [{ id: q.questions[0].id, answerType: 2, description: 'kept' }] },
      ],
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().result, {
      ...q,
      description: 'Renamed',
      header: '',
      questions: [{ ...q.questions[0], description: 'kept', subTitle: '' }],
    });
  });

  test('unknown paths answer 400, unknown ids 404', async () => {
    const q = await create();
    const bad = await t.request({
      method: 'PATCH',
      url: `/v2/questionnaires/${q.id}`,
      payload: [{ op: 'replace', path: 'creationDate', value: 'x' }],
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json()), ['creationDate']);
    const missing = await t.request({
      method: 'PATCH',
      url: '/v2/questionnaires/999999',
      payload: [{ op: 'replace', path: 'description', value: 'x' }],
    });
    assert.equal(missing.statusCode, 404);
  });
});

describe('DELETE /v2/questionnaires/{id} (extension)', () => {
  test('answers 204; a task type that referenced it keeps the id', async () => {
    const q = await create();
    const tt = (
      await t.request({
        method: 'POST',
        url: '/v2/taskTypes/',
        payload: { description: 'uses q', standartQuestionnaireId: q.id, requirements: { requiredQuestionnaires: [q.id] } },
      })
    ).json().result;
    const del = await t.request({ method: 'DELETE', url: `/v2/questionnaires/${q.id}` });
    assert.equal(del.statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/questionnaires/${q.id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/questionnaires/${q.id}` })).statusCode, 404);
    const after = (await t.request({ method: 'GET', url: `/v2/taskTypes/${tt.id}` })).json().result;
    assert.equal(after.standardQuestionnaireId, q.id);
    assert.deepEqual(after.requirements.requiredQuestionnaires, [q.id]);
  });
});

describe('GET /v2/questionnaires/{id} and list', () => {
  test('an invalid id answers 400, an unknown one 404', async () => {
    const bad = await t.request({ method: 'GET', url: '/v2/questionnaires/x' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { id: ["The value 'x' is not valid."] });
    assert.equal((await t.request({ method: 'GET', url: '/v2/questionnaires/999999' })).statusCode, 404);
  });

  test('lists with the envelope (links as documented: Questionnaires/), filters by id and taskIDs', async () => {
    const fresh = await buildTestApp();
    try {
      const a = (await fresh.request({ method: 'POST', url: '/v2/questionnaires/', payload: body })).json().result;
      const b = (await fresh.request({ method: 'POST', url: '/v2/questionnaires/', payload: { description: 'B' } })).json().result;
      const all = await fresh.request({ method: 'GET', url: '/v2/questionnaires/?pageSize=1' });
      assert.equal(all.statusCode, 200);
      assert.deepEqual(all.json().result, {
        entityList: [a],
        pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
        links: [
          { href: 'http://localhost:80/v2/Questionnaires/?Page=1&PageSize=1&Order=Asc', rel: 'self', method: 'GET' },
          { href: 'http://localhost:80/v2/Questionnaires/?Page=2&PageSize=1&Order=Asc', rel: 'nextPage', method: 'GET' },
        ],
      });
      const byId = await fresh.request({
        method: 'GET',
        url: `/v2/questionnaires/?paramFilter=${encodeURIComponent(JSON.stringify({ id: b.id }))}`,
      });
      assert.deepEqual(byId.json().result.entityList, [b]);
      // Until tasks use questionnaires, no task references any: the taskIDs filter matches nothing.
      const byTasks = await fresh.request({
        method: 'GET',
        url: `/v2/questionnaires/?paramFilter=${encodeURIComponent(JSON.stringify({ taskIDs: [1, 2] }))}`,
      });
      assert.equal(byTasks.statusCode, 404);
      assert.equal(byTasks.json().result.pagedSearchReturnData.totalItems, 0);
      fresh.services.questionnaires.useTaskLookup(async (_acc, taskIds) => (taskIds.includes(7) ? [b.id] : []));
      const looked = await fresh.request({
        method: 'GET',
        url: `/v2/questionnaires/?paramFilter=${encodeURIComponent(JSON.stringify({ taskIDs: [7] }))}`,
      });
      assert.deepEqual(looked.json().result.entityList, [b]);
      const single = await fresh.request({
        method: 'GET',
        url: `/v2/questionnaires/?paramFilter=${encodeURIComponent(JSON.stringify({ taskIds: '3,7' }))}`,
      });
      assert.deepEqual(single.json().result.entityList, [b]);
      const bad = await fresh.request({
        method: 'GET',
        url: `/v2/questionnaires/?paramFilter=${encodeURIComponent(JSON.stringify({ taskIDs: ['x'] }))}`,
      });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(Object.keys(bad.json()), ['message', 'target', 'errorCode', 'errors']);
    } finally {
      await fresh.close();
    }
  });
});
