import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
let q1: number;
let q2: number;
before(async () => {
  t = await buildTestApp();
  q1 = (await t.request({ method: 'POST', url: '/v2/questionnaires/', payload: { description: 'Q1' } })).json().result.id;
  q2 = (await t.request({ method: 'POST', url: '/v2/questionnaires/', payload: { description: 'Q2' } })).json().result.id;
});
after(async () => t.close());

const local = (d: Date) => new Date(d.getTime() - 3 * 3600_000).toISOString().slice(0, 19);
const requirements = {
  fillReport: true,
  getSignature: false,
  fillRolledKilometer: true,
  emailTheTask: false,
  minimumNumberOfPhotos: 1,
  requiredQuestionnaires: [] as number[],
};

function docBody() {
  return {
    description: 'Instalação',
    standartQuestionnaireId: q1,
    standartTime: '12:00:00',
    sendSatisfactionSurvey: false,
    requirements: { ...requirements, requiredQuestionnaires: [q1, q2] },
  };
}

function written(id: number) {
  return {
    description: 'Instalação',
    id,
    creatorId: t.account.adminUserId,
    creationDate: local(t.clock.now()),
    standartQuestionnaireId: q1,
    standartTime: '12:00:00',
    toleranceTime: '00:00:00',
    active: true,
    sendSatisfactionSurvey: false,
    requirements: { ...requirements, requiredQuestionnaires: [q1, q2] },
  };
}

describe('POST /v2/taskTypes/', () => {
  test('creates from the documented body and answers 201 with the standart* spelling in the documented order', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/taskTypes/', payload: docBody() });
    assert.equal(res.statusCode, 201);
    const id = res.json().result.id;
    assert.deepEqual(res.json(), { result: written(id) });
    assert.deepEqual(Object.keys(res.json().result), Object.keys(written(1)));
  });

  test('GET answers the standard* spelling in the documented order', async () => {
    const id = (await t.request({ method: 'POST', url: '/v2/taskTypes/', payload: docBody() })).json().result.id;
    const res = await t.request({ method: 'GET', url: `/v2/taskTypes/${id}` });
    assert.equal(res.statusCode, 200);
    const w = written(id);
    const expected = {
      id,
      description: w.description,
      creatorId: w.creatorId,
      creationDate: w.creationDate,
      standardTime: '12:00:00',
      toleranceTime: '00:00:00',
      standardQuestionnaireId: q1,
      active: true,
      sendSatisfactionSurvey: false,
      requirements: w.requirements,
    };
    assert.deepEqual(res.json(), { result: expected });
    assert.deepEqual(Object.keys(res.json().result), Object.keys(expected));
    const ev = await t.store.db
      .selectFrom('change_events')
      .selectAll()
      .where('entity', '=', 'TaskType')
      .where('entity_id', '=', String(id))
      .execute();
    assert.deepEqual(
      ev.map((e) => e.action),
      ['Inclusao'],
    );
    assert.deepEqual(JSON.parse(ev[0].snapshot as string), expected);
  });

  test('accepts the standard* spellings and nulls; minimal body gets the defaults', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/taskTypes/',
      payload: { description: 'x', standardTime: '8:30', standardQuestionnaireId: null, sendSatisfactionSurvey: null },
    });
    assert.equal(res.statusCode, 201);
    const r = res.json().result;
    assert.deepEqual(r, {
      description: 'x',
      id: r.id,
      creatorId: t.account.adminUserId,
      creationDate: local(t.clock.now()),
      standartQuestionnaireId: null,
      standartTime: '08:30:00',
      toleranceTime: '00:00:00',
      active: true,
      sendSatisfactionSurvey: false,
      requirements: {
        fillReport: false,
        getSignature: false,
        fillRolledKilometer: false,
        emailTheTask: false,
        minimumNumberOfPhotos: 0,
        requiredQuestionnaires: [],
      },
    });
  });

  test('unknown questionnaires, a bad time or a missing description answer 400 and write nothing', async () => {
    const count = async () =>
      (await t.request({ method: 'GET', url: '/v2/taskTypes/?pageSize=9999999' })).json().result.pagedSearchReturnData.totalItems;
    const before = await count();
    const cases: [Record<string, unknown>, Record<string, string[]> | string[]][] = [
      [{ description: 'x', standartQuestionnaireId: 999999 }, { standartQuestionnaireId: ['The questionnaire 999999 does not exist.'] }],
      [
        { description: 'x', requirements: { requiredQuestionnaires: [q1, 999998] } },
        { 'requirements.requiredQuestionnaires': ['The questionnaire(s) 999998 do not exist.'] },
      ],
      [{ description: 'x', standartTime: '12h' }, ['standartTime']],
      [{ standartTime: '12:00:00' }, { description: ['The description field is required.'] }],
      [{ description: 'x', requirements: { fillReport: 'sure' } }, ['requirements.fillReport']],
    ];
    for (const [payload, expected] of cases) {
      const res = await t.request({ method: 'POST', url: '/v2/taskTypes/', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      if (Array.isArray(expected)) assert.deepEqual(Object.keys(res.json()), expected);
      else assert.deepEqual(res.json(), expected);
    }
    assert.equal(await count(), before);
  });
});

describe('PATCH /v2/taskTypes/{id}', () => {
  test('patches the documented paths (either spelling) and answers the standart* form', async () => {
    const id = (await t.request({ method: 'POST', url: '/v2/taskTypes/', payload: docBody() })).json().result.id;
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/taskTypes/${id}`,
      payload: [
        { op: 'replace', path: 'description', value: 'description value' },
        { op: 'replace', path: 'standardQuestionnaireId', value: q2 },
        { op: 'replace', path: '/standartTime', value: '01:30:00' },
        { op: 'replace', path: 'sendSatisfactionSurvey', value: true },
      ],
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      result: {
        ...written(id),
        description: 'description value',
        standartQuestionnaireId: q2,
        standartTime: '01:30:00',
        sendSatisfactionSurvey: true,
      },
    });
  });

  test('extension paths: requirements (whole or one field), toleranceTime, active', async () => {
    const id = (await t.request({ method: 'POST', url: '/v2/taskTypes/', payload: docBody() })).json().result.id;
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/taskTypes/${id}`,
      payload: [
        { op: 'replace', path: 'requirements/getSignature', value: true },
        { op: 'replace', path: 'requirements/requiredQuestionnaires', value: [q2] },
        { op: 'replace', path: 'toleranceTime', value: '00:15:00' },
        { op: 'replace', path: 'active', value: false },
      ],
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().result, {
      ...written(id),
      toleranceTime: '00:15:00',
      active: false,
      requirements: { ...requirements, getSignature: true, requiredQuestionnaires: [q2] },
    });
  });

  test('unknown questionnaire, unknown path or bad value answer 400 and change nothing; unknown id 404', async () => {
    const id = (await t.request({ method: 'POST', url: '/v2/taskTypes/', payload: docBody() })).json().result.id;
    for (const [ops, key] of [
      [[{ op: 'replace', path: 'standartQuestionnaireId', value: 999999 }], 'standartQuestionnaireId'],
      [[{ op: 'replace', path: 'creatorId', value: 1 }], 'creatorId'],
      [[{ op: 'replace', path: 'standartTime', value: 'noon' }], 'standartTime'],
      [[{ op: 'replace', path: 'description', value: '' }], 'description'],
    ] as const) {
      const res = await t.request({ method: 'PATCH', url: `/v2/taskTypes/${id}`, payload: ops });
      assert.equal(res.statusCode, 400, JSON.stringify(ops));
      assert.deepEqual(Object.keys(res.json()), [key]);
    }
    assert.equal((await t.request({ method: 'GET', url: `/v2/taskTypes/${id}` })).json().result.description, 'Instalação');
    assert.equal(
      (await t.request({ method: 'PATCH', url: '/v2/taskTypes/999999', payload: [{ op: 'replace', path: 'description', value: 'x' }] }))
        .statusCode,
      404,
    );
  });
});

describe('DELETE /v2/taskTypes/{id}', () => {
  test('answers 204, then 404; the deletion is recorded with the last GET state', async () => {
    const id = (await t.request({ method: 'POST', url: '/v2/taskTypes/', payload: docBody() })).json().result.id;
    const snapshot = (await t.request({ method: 'GET', url: `/v2/taskTypes/${id}` })).json().result;
    const del = await t.request({ method: 'DELETE', url: `/v2/taskTypes/${id}` });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    assert.equal((await t.request({ method: 'GET', url: `/v2/taskTypes/${id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/taskTypes/${id}` })).statusCode, 404);
    const ev = await t.store.db
      .selectFrom('change_events')
      .selectAll()
      .where('entity', '=', 'TaskType')
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
    assert.equal(ev.at(-1)?.action, 'Exclusao');
    assert.deepEqual(JSON.parse(ev.at(-1)?.snapshot as string), snapshot);
    assert.equal(await t.services.taskTypes.findById(t.account.id, id), undefined);
  });
});

describe('GET /v2/taskTypes/ (list)', () => {
  test('envelope with the documented link form, filters id and description, 404 when empty', async () => {
    const fresh = await buildTestApp();
    try {
      const a = (await fresh.request({ method: 'POST', url: '/v2/taskTypes/', payload: { description: 'Manutenção preventiva' } })).json()
        .result;
      const b = (await fresh.request({ method: 'POST', url: '/v2/taskTypes/', payload: { description: 'Instalação' } })).json().result;
      const res = await fresh.request({ method: 'GET', url: '/v2/taskTypes/?pageSize=1' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().result, {
        entityList: [a],
        pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
        links: [
          { href: 'http://localhost:80/v2/TaskTypes/?Page=1&PageSize=1&Order=Asc', rel: 'self', method: 'GET' },
          { href: 'http://localhost:80/v2/TaskTypes/?Page=2&PageSize=1&Order=Asc', rel: 'nextPage', method: 'GET' },
        ],
      });
      const q = (f: unknown) =>
        fresh.request({ method: 'GET', url: `/v2/taskTypes/?paramFilter=${encodeURIComponent(JSON.stringify(f))}` });
      assert.deepEqual((await q({ id: b.id })).json().result.entityList, [b]);
      assert.deepEqual((await q({ Description: 'PREVENTIVA' })).json().result.entityList, [a]);
      assert.equal((await q({ description: 'none' })).statusCode, 404);
      assert.deepEqual((await fresh.request({ method: 'GET', url: '/v2/taskTypes/?order=1' })).json().result.entityList, [b, a]);
      assert.equal((await fresh.request({ method: 'GET', url: '/v2/taskTypes/?paramFilter=%7Bx' })).statusCode, 400);
    } finally {
      await fresh.close();
    }
  });
});
