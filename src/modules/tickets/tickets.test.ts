import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';

type Json = Record<string, any>;

let t: TestApp;
let admin: number;
let agent: number;
let agent2: number;
let team: number;
let customer: number;
let equipment: number;
let statusOpen: number;
let statusWaiting: number;
let statusClosed: number;
let requestType: number;
let textField: number;
let choiceField: number;
let choices: number[];
let task1: number;
let task2: number;

const T0 = '2026-03-10T15:00:00Z'; // 12:00:00 in America/Sao_Paulo
const L0 = '2026-03-10T12:00:00';

async function postOk(url: string, payload: Record<string, unknown>): Promise<Json> {
  const res = await t.request({ method: 'POST', url, payload });
  assert.ok([200, 201].includes(res.statusCode), `${url}: ${res.statusCode} ${res.body}`);
  return res.json().result;
}

before(async () => {
  t = await buildTestApp();
  t.clock.set(T0);
  admin = t.account.adminUserId;
  agent = (await postOk('/v2/users/', userBody({ name: 'Agent One' }))).userId;
  agent2 = (await postOk('/v2/users/', userBody({ name: 'Agent Two' }))).userId;
  team = (await postOk('/v2/teams/', { description: 'Support', participants: [agent], managers: [] })).id;
  customer = (await postOk('/v2/customers/', { name: 'Antunes Tech', email: ['contato@antunes.com'], phoneNumber: ['5562999990000'] })).id;
  equipment = (await postOk('/v2/equipments/', { name: 'Compressor' })).id;
  statusOpen = (await postOk('/v2/ticketStatuses', { description: 'Aguardando Atendimento', statusType: 2 })).id;
  statusWaiting = (await postOk('/v2/ticketStatuses', { description: 'Aguardando Atendente', statusType: 6 })).id;
  statusClosed = (await postOk('/v2/ticketStatuses', { description: 'Resolvido', statusType: 5 })).id;
  requestType = (await postOk('/v2/ticketRequestTypes', { description: 'Suporte' })).id;
  textField = (await postOk('/v2/ticketCustomFields', { title: 'Nome do cliente', fieldType: 'Texto' })).id;
  const cf = await postOk('/v2/ticketCustomFields', {
    title: 'Sintomas',
    fieldType: 'MultiplaEscolha',
    multipleChoiceItems: [{ description: 'Ruído' }, { description: 'Vazamento' }],
  });
  choiceField = cf.id;
  choices = cf.multipleChoiceItems.map((c: Json) => c.id);
  task1 = (
    await postOk('/v2/tasks/', {
      taskDate: '2026-03-11T09:00:00',
      idUserFrom: admin,
      priority: 1,
      idUserTo: agent,
      customerId: customer,
      orientation: 'visit 1',
    })
  ).taskID;
  task2 = (
    await postOk('/v2/tasks/', {
      taskDate: '2026-03-12T09:00:00',
      idUserFrom: admin,
      priority: 1,
      idUserTo: agent,
      customerId: customer,
      orientation: 'visit 2',
    })
  ).taskID;
});
after(async () => t.close());

async function count(table: 'tickets' | 'ticket_alterations'): Promise<number> {
  const r = await t.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function events(id: number) {
  const rows = await t.store.db
    .selectFrom('change_events')
    .select(['action', 'snapshot'])
    .where('entity', '=', 'Ticket')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, snapshot: JSON.parse(r.snapshot as string) }));
}

function documentedBody(over: Record<string, unknown> = {}) {
  return {
    title: 'Teste cadastro ticket pela API ',
    description: ' Descrição do ticket cadastrado pela API \ncom quebra de linha\n',
    requestTypeId: requestType,
    requesterEmail: 'email@c.com',
    requesterName: 'Solicitante do ticket',
    customerId: customer,
    teamId: team,
    statusId: statusOpen,
    userResponsableId: agent,
    equipmentId: equipment,
    priority: '2',
    customFields: [
      { customFieldTicket: { id: textField }, value: 'Valor para o campo Nome do cliente API' },
      { customFieldTicket: { id: choiceField }, value: `${choices[0]},${choices[1]}` },
    ],
    ...over,
  };
}

async function create(body: Record<string, unknown>): Promise<Json> {
  const res = await t.request({ method: 'POST', url: '/v2/tickets/', payload: body });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().result;
}

function fieldDef(id: number) {
  return id === textField
    ? {
        id: textField,
        order: 1,
        title: 'Nome do cliente',
        fieldType: 'Texto',
        fieldVisibility: '',
        description: '',
        primary: false,
        required: false,
        removed: false,
        creationDate: L0,
        multipleChoiceItems: [],
      }
    : {
        id: choiceField,
        order: 2,
        title: 'Sintomas',
        fieldType: 'MultiplaEscolha',
        fieldVisibility: '',
        description: '',
        primary: false,
        required: false,
        removed: false,
        creationDate: L0,
        multipleChoiceItems: [
          { id: choices[0], field: choiceField, description: 'Ruído', order: 1, creationDate: L0, removed: false },
          { id: choices[1], field: choiceField, description: 'Vazamento', order: 2, creationDate: L0, removed: false },
        ],
      };
}

describe('tickets: POST /v2/tickets (TK3)', () => {
  test('the documented body answers 200 with the whole ticket (documented spellings and order)', async () => {
    const r = await create(documentedBody());
    const expected = {
      id: r.id,
      creationDate: L0,
      teamId: team,
      teamName: 'Support',
      userCreatorId: admin,
      userCreatorName: 'Test Company',
      userResponsableId: agent,
      userResponsableName: 'Agent One',
      title: 'Teste cadastro ticket pela API ',
      customerId: customer,
      customerName: 'Antunes Tech',
      customerEmail: 'contato@antunes.com',
      customerPhoneNumber: '5562999990000',
      equipmentId: equipment,
      requestTypeDescription: 'Suporte',
      priority: '2',
      description: ' Descrição do ticket cadastrado pela API \ncom quebra de linha\n',
      statusDescription: 'Aguardando Atendimento',
      statusType: 'Abertura',
      endDate: '',
      emailMenssageId: '',
      requesterEmail: 'email@c.com',
      requesterName: 'Solicitante do ticket',
      taskIDs: [],
      urlAttachments: [],
      customFields: [
        {
          value: 'Valor para o campo Nome do cliente API',
          valueDescription: 'Valor para o campo Nome do cliente API',
          customFieldTicket: fieldDef(textField),
        },
        { value: `${choices[0]},${choices[1]}`, valueDescription: 'Ruído, Vazamento', customFieldTicket: fieldDef(choiceField) },
      ],
      alterations: [],
      interactions: [],
      statusAlterations: [{ id: r.statusAlterations[0].id, descripton: 'Aguardando Atendimento', checkIn: L0, checkOut: '' }],
    };
    assert.deepEqual(r, expected);
    assert.deepEqual(Object.keys(r), Object.keys(expected));
    const got = await t.request({ method: 'GET', url: `/v2/tickets/${r.id}` });
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json(), { result: expected });
    assert.deepEqual(await events(r.id), [{ action: 'Inclusao', snapshot: expected }]);
  });

  test('a minimal body takes the default status (first Abertura) and empty references', async () => {
    const r = await create({ title: 't', description: 'd', priority: 1, requesterEmail: 'a@b.c' });
    assert.equal(r.statusDescription, 'Aguardando Atendimento');
    assert.equal(r.statusType, 'Abertura');
    assert.equal(r.priority, '1');
    assert.deepEqual(
      [
        r.teamId,
        r.teamName,
        r.userResponsableId,
        r.userResponsableName,
        r.customerId,
        r.customerName,
        r.equipmentId,
        r.requestTypeDescription,
        r.requesterName,
      ],
      [0, '', 0, '', 0, '', 0, '', ''],
    );
  });

  test('missing required attributes answer 400 with a field map', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/tickets/', payload: { requesterName: 'x' } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { title: ['The title field is required.'] });
    const noEmail = await t.request({ method: 'POST', url: '/v2/tickets/', payload: { title: 't', description: 'd', priority: 2 } });
    assert.deepEqual(noEmail.json(), { requesterEmail: ['The requesterEmail field is required.'] });
  });

  test('unknown references, a bad priority, e-mail or choice answer 400 with every field; nothing is written', async () => {
    const before = await count('tickets');
    const res = await t.request({
      method: 'POST',
      url: '/v2/tickets/',
      payload: documentedBody({
        priority: '5',
        requesterEmail: 'not-an-email',
        requestTypeId: 999999,
        customerId: 999999,
        teamId: 999999,
        userResponsableId: 999999,
        equipmentId: 999999,
        statusId: 999999,
        taskIDs: [task1, 999999],
        customFields: [
          { customFieldTicket: { id: 999999 }, value: 'x' },
          { customFieldTicket: { id: choiceField }, value: '123456' },
        ],
      }),
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), {
      priority: ["The value '5' is not valid; use 1 (high), 2 (medium) or 3 (low)."],
      requesterEmail: ["The value 'not-an-email' is not a valid e-mail address."],
      requestTypeId: ['No request type with id 999999 exists.'],
      customerId: ['No customer with id 999999 exists.'],
      teamId: ['No team with id 999999 exists.'],
      userResponsableId: ['No user with id 999999 exists.'],
      equipmentId: ['No equipment with id 999999 exists.'],
      statusId: ['No ticket status with id 999999 exists.'],
      taskIDs: ['No task with id 999999 exists.'],
      'customFields[0].customFieldTicket.id': ['No custom field with id 999999 exists.'],
      'customFields[1].value': [`The value '123456' is not a choice of the custom field ${choiceField} (${choices[0]}, ${choices[1]}).`],
    });
    assert.equal(await count('tickets'), before);
  });

  test('a required custom field must be given on create', async () => {
    const other = await buildTestApp();
    try {
      const f = (
        await other.request({
          method: 'POST',
          url: '/v2/ticketCustomFields',
          payload: { title: 'CPF', fieldType: 'Texto', required: true },
        })
      ).json().result;
      const res = await other.request({
        method: 'POST',
        url: '/v2/tickets',
        payload: { title: 't', description: 'd', priority: 2, requesterEmail: 'a@b.c' },
      });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json(), { customFields: [`The custom field 'CPF' (id ${f.id}) is required.`] });
      const ok = await other.request({
        method: 'POST',
        url: '/v2/tickets',
        payload: {
          title: 't',
          description: 'd',
          priority: 2,
          requesterEmail: 'a@b.c',
          customFields: [{ customFieldTicket: { id: f.id }, value: '860.691.170-42' }],
        },
      });
      assert.equal(ok.statusCode, 200, ok.body);
      // No status catalogue at all: the built-in opening status.
      assert.deepEqual([ok.json().result.statusDescription, ok.json().result.statusType], ['Abertura', 'Abertura']);
    } finally {
      await other.close();
    }
  });
});

describe('tickets: updates (extension)', () => {
  test('PATCH statusId records statusAlterations periods and alterations; closing sets endDate, reopening clears it', async () => {
    const r = await create(documentedBody());
    t.clock.set('2026-03-10T15:10:00Z');
    const waiting = await t.request({
      method: 'PATCH',
      url: `/v2/tickets/${r.id}`,
      payload: [{ op: 'replace', path: 'statusId', value: statusWaiting }],
    });
    assert.equal(waiting.statusCode, 200, waiting.body);
    t.clock.set('2026-03-10T15:20:00Z');
    const closed = await t.request({
      method: 'PATCH',
      url: `/v2/tickets/${r.id}`,
      payload: [
        { op: 'replace', path: '/StatusId', value: statusClosed },
        { op: 'replace', path: 'userResponsableId', value: agent2 },
      ],
    });
    t.clock.set(T0);
    assert.equal(closed.statusCode, 200, closed.body);
    const c = closed.json().result;
    assert.equal(c.statusDescription, 'Resolvido');
    assert.equal(c.statusType, 'Encerramento');
    assert.equal(c.endDate, '2026-03-10T12:20:00');
    assert.equal(c.userResponsableName, 'Agent Two');
    assert.deepEqual(
      c.statusAlterations.map(({ id: _id, ...p }: Json) => p),
      [
        { descripton: 'Aguardando Atendimento', checkIn: L0, checkOut: '2026-03-10T12:10:00' },
        { descripton: 'Aguardando Atendente', checkIn: '2026-03-10T12:10:00', checkOut: '2026-03-10T12:20:00' },
        { descripton: 'Resolvido', checkIn: '2026-03-10T12:20:00', checkOut: '' },
      ],
    );
    const alt = (type: number, date: string, from: string, to: string, fromD: string, toD: string, helper = '', helperD = '') => ({
      alterationType: type,
      alterationDate: date,
      userId: admin,
      userName: 'Test Company',
      from,
      to,
      helper,
      toDescription: toD,
      helperDescription: helperD,
      fromDescription: fromD,
    });
    assert.deepEqual(c.alterations, [
      alt(
        1,
        '2026-03-10T12:10:00',
        String(statusOpen),
        String(statusWaiting),
        'Aguardando Atendimento',
        'Aguardando Atendente',
        '6',
        'AguardandoAtendente',
      ),
      alt(1, '2026-03-10T12:20:00', String(statusWaiting), String(statusClosed), 'Aguardando Atendente', 'Resolvido', '5', 'Encerramento'),
      alt(2, '2026-03-10T12:20:00', String(agent), String(agent2), 'Agent One', 'Agent Two'),
    ]);
    assert.deepEqual(
      (await events(r.id)).map((e) => e.action),
      ['Inclusao', 'Alteracao', 'Alteracao'],
    );
    assert.deepEqual((await events(r.id)).at(-1)?.snapshot, c);
    const reopened = await t.request({
      method: 'PATCH',
      url: `/v2/tickets/${r.id}`,
      payload: [{ op: 'replace', path: 'statusId', value: statusOpen }],
    });
    assert.equal(reopened.json().result.endDate, '');
  });

  test('PATCH links tasks (taskIDs) and changes custom fields, recorded as alterations 11 and 12', async () => {
    const r = await create(documentedBody());
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/tickets/${r.id}`,
      payload: [
        { op: 'add', path: 'taskIDs', value: [task2, task1] },
        { op: 'replace', path: 'customFields', value: [{ customFieldTicket: { id: choiceField }, value: String(choices[1]) }] },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json().result;
    assert.deepEqual(
      p.taskIDs,
      [task1, task2].sort((a, b) => a - b),
    );
    assert.deepEqual(p.customFields, [
      { value: String(choices[1]), valueDescription: 'Vazamento', customFieldTicket: fieldDef(choiceField) },
    ]);
    // The linked task shows its ticket.
    const task = (await t.request({ method: 'GET', url: `/v2/tasks/${task1}` })).json().result;
    assert.deepEqual([task.ticketId, task.ticketTitle], [r.id, p.title]);
    assert.deepEqual(
      p.alterations.map((a: Json) => [a.alterationType, a.from, a.to, a.helper, a.fromDescription, a.toDescription, a.helperDescription]),
      [
        [11, '', [task1, task2].sort((a, b) => a - b).join(','), '', '', '', ''],
        [
          12,
          'Valor para o campo Nome do cliente API',
          '',
          String(textField),
          'Valor para o campo Nome do cliente API',
          '',
          'Nome do cliente',
        ],
        [12, `${choices[0]},${choices[1]}`, String(choices[1]), String(choiceField), 'Ruído, Vazamento', 'Vazamento', 'Sintomas'],
      ],
    );
    // What tasks read for their ticketId / ticketTitle.
    const linked = await t.services.tickets.ticketsOfTasks(t.account.id, [task1, task2, 999999]);
    assert.deepEqual(
      [...linked],
      [
        [task1, { id: r.id, title: 'Teste cadastro ticket pela API ' }],
        [task2, { id: r.id, title: 'Teste cadastro ticket pela API ' }],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    const bad = await t.request({
      method: 'PATCH',
      url: `/v2/tickets/${r.id}`,
      payload: [{ op: 'replace', path: 'taskIDs', value: [999999] }],
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { taskIDs: ['No task with id 999999 exists.'] });
  });

  test('PATCH errors: unknown path -> 400, unknown id -> 404 (empty), bad id -> 400', async () => {
    const r = await create(documentedBody());
    const before = await count('ticket_alterations');
    const bad = await t.request({
      method: 'PATCH',
      url: `/v2/tickets/${r.id}`,
      payload: [{ op: 'replace', path: 'creationDate', value: 'x' }],
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { creationDate: ["The path 'creationDate' is not a patchable attribute."] });
    const badRef = await t.request({
      method: 'PATCH',
      url: `/v2/tickets/${r.id}`,
      payload: [{ op: 'replace', path: 'teamId', value: 999999 }],
    });
    assert.deepEqual(badRef.json(), { teamId: ['No team with id 999999 exists.'] });
    assert.equal(await count('ticket_alterations'), before);
    const missing = await t.request({
      method: 'PATCH',
      url: '/v2/tickets/999999',
      payload: [{ op: 'replace', path: 'title', value: 'x' }],
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body, '');
    const badId = await t.request({ method: 'GET', url: '/v2/tickets/abc' });
    assert.equal(badId.statusCode, 400);
    assert.deepEqual(badId.json(), { id: ["The value 'abc' is not valid."] });
    assert.equal((await t.request({ method: 'GET', url: '/v2/tickets/999999' })).statusCode, 404);
  });

  test('POST /v2/tickets/{id}/interactions stores the message and its attachments (201)', async () => {
    const r = await create(documentedBody());
    const res = await t.request({
      method: 'POST',
      url: `/v2/tickets/${r.id}/interactions`,
      payload: {
        title: 'Retorno',
        message: 'Técnico a caminho',
        emailContact: 'email@c.com',
        attachments: [{ name: 'foto.png', file: Buffer.from('hello').toString('base64') }],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const i = res.json().result;
    assert.match(i.urlAttachments[0], /^http:\/\/localhost:8080\/campo\/v1\/files\/[A-Za-z0-9_-]+\/foto\.png$/);
    assert.deepEqual(i, {
      id: i.id,
      ticketId: r.id,
      creationDate: L0,
      userId: admin,
      userName: 'Test Company',
      title: 'Retorno',
      message: 'Técnico a caminho',
      interactionType: 'Interno',
      emailMenssageId: '',
      emailContact: 'email@c.com',
      emailContactName: '',
      emailReference: '',
      urlAttachments: [i.urlAttachments[0]],
    });
    const got = (await t.request({ method: 'GET', url: `/v2/tickets/${r.id}` })).json().result;
    assert.deepEqual(got.interactions, [i]);
    const file = await t.request({ method: 'GET', url: new URL(i.urlAttachments[0]).pathname, token: null });
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, 'hello');
    assert.deepEqual((await events(r.id)).at(-1), { action: 'Alteracao', snapshot: got });
    const bad = await t.request({
      method: 'POST',
      url: `/v2/tickets/${r.id}/interactions`,
      payload: { message: 'x', attachments: [{ name: 'nofile', file: 'aGk=' }] },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { 'attachments[0].name': ['The name must include the file extension (e.g. "my_file.pdf").'] });
    const noMessage = await t.request({ method: 'POST', url: `/v2/tickets/${r.id}/interactions`, payload: {} });
    assert.deepEqual(noMessage.json(), { message: ['The message field is required.'] });
    assert.equal((await t.request({ method: 'POST', url: '/v2/tickets/999999/interactions', payload: { message: 'x' } })).statusCode, 404);
  });

  test('PUT /v2/tickets/{id}/attachments fills urlAttachments; removeAllAttachmentsInsertedByMe replaces them', async () => {
    const r = await create(documentedBody());
    const put = (payload: Record<string, unknown>) => t.request({ method: 'PUT', url: `/v2/tickets/${r.id}/attachments`, payload });
    const first = await put({ attachments: [{ name: 'a.pdf', file: Buffer.from('%PDF-1').toString('base64') }] });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().result.urlAttachments.length, 1);
    const second = await put({ removeAllAttachmentsInsertedByMe: true, attachments: [{ name: 'b.txt', file: 'aGk=' }] });
    assert.deepEqual(
      second.json().result.urlAttachments.map((u: string) => u.split('/').at(-1)),
      ['b.txt'],
    );
  });

  test('DELETE answers 204, then 404; the deletion is recorded with the last state', async () => {
    const r = await create(documentedBody());
    const res = await t.request({ method: 'DELETE', url: `/v2/tickets/${r.id}` });
    assert.equal(res.statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: `/v2/tickets/${r.id}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/tickets/${r.id}` })).statusCode, 404);
    assert.deepEqual((await events(r.id)).at(-1), { action: 'Exclusao', snapshot: r });
  });
});

describe('tickets: list filters (TK2)', () => {
  let fresh: TestApp;
  let ids: number[] = [];
  const refs: Record<string, number> = {};
  before(async () => {
    fresh = await buildTestApp();
    fresh.clock.set('2026-01-05T12:00:00Z');
    const req = async (url: string, payload: Record<string, unknown>) => {
      const res = await fresh.request({ method: 'POST', url, payload });
      assert.ok(res.statusCode < 300, res.body);
      return res.json().result;
    };
    refs.u1 = (await req('/v2/users/', userBody())).userId;
    refs.u2 = (await req('/v2/users/', userBody())).userId;
    refs.team = (await req('/v2/teams/', { description: 'T', participants: [refs.u1], managers: [] })).id;
    refs.c1 = (await req('/v2/customers/', { name: 'C1' })).id;
    refs.c2 = (await req('/v2/customers/', { name: 'C2' })).id;
    refs.group = (await req('/v2/customerGroups/', { description: 'G', clientsId: [refs.c2] })).id;
    refs.open = (await req('/v2/ticketStatuses', { description: 'Novo', statusType: 2 })).id;
    refs.pause = (await req('/v2/ticketStatuses', { description: 'Pausado', statusType: 3 })).id;
    refs.task = (
      await req('/v2/tasks/', {
        taskDate: '2026-01-06T09:00:00',
        idUserFrom: fresh.account.adminUserId,
        priority: 1,
        customerId: refs.c1,
        orientation: 'x',
      })
    ).taskID;
    const base = { title: 't', description: 'd', priority: 2, requesterEmail: 'a@b.c' };
    fresh.clock.set('2026-01-05T13:00:00Z');
    await fresh.login();
    ids = [(await req('/v2/tickets', { ...base, customerId: refs.c1, origin: 1 })).id];
    fresh.clock.set('2026-01-10T13:00:00Z');
    await fresh.login();
    ids.push(
      (await req('/v2/tickets', { ...base, userResponsableId: refs.u1, teamId: refs.team, customerId: refs.c2, taskIDs: [refs.task] })).id,
    );
    fresh.clock.set('2026-02-01T13:00:00Z');
    await fresh.login();
    ids.push((await req('/v2/tickets', { ...base, statusId: refs.pause, userResponsableId: refs.u2, origin: 3 })).id);
    await fresh.request({ method: 'PATCH', url: `/v2/tickets/${ids[1]}`, payload: [{ op: 'replace', path: 'title', value: 't2' }] });
    await req(`/v2/tickets/${ids[1]}/interactions`, { message: 'hello' });
  });
  after(async () => fresh.close());

  const W = { startDate: '2026-01-01T00:00:00', endDate: '2026-02-28' };
  async function list(filter: unknown, extra = ''): Promise<{ status: number; ids: number[]; body: Json }> {
    const q = filter === undefined ? '' : `paramFilter=${encodeURIComponent(JSON.stringify(filter))}`;
    const res = await fresh.request({ method: 'GET', url: `/v2/tickets/?${q}${extra}` });
    const body = res.json();
    return { status: res.statusCode, ids: (body.result?.entityList ?? []).map((x: Json) => x.id), body };
  }

  test('startDate and endDate are required: 400 envelope without them', async () => {
    for (const f of [undefined, {}, { startDate: '2026-01-01' }]) {
      const r = await list(f);
      assert.equal(r.status, 400);
      assert.deepEqual(Object.keys(r.body), ['message', 'target', 'errorCode', 'errors']);
    }
    assert.deepEqual((await list({ startDate: '2026-01-01', endDate: 'x' })).body, {
      message: "The paramFilter field 'endDate' is not valid for ParamTicketFilter.",
      target: null,
      errorCode: 0,
      errors: null,
    });
  });

  test('the creation window and each filter key narrow the list', async () => {
    assert.deepEqual((await list(W)).ids, ids);
    assert.deepEqual((await list({ startDate: '2026-01-05T10:00:00', endDate: '2026-01-10' })).ids, ids.slice(0, 2));
    assert.deepEqual((await list({ startDate: '2026-01-05T10:00:01', endDate: '2026-01-10T09:59:59' })).ids, []);
    assert.deepEqual((await list({ ...W, ids: `${ids[0]},${ids[2]}` })).ids, [ids[0], ids[2]]);
    assert.deepEqual((await list({ ...W, Status: '3' })).ids, [ids[2]]);
    assert.deepEqual((await list({ ...W, status: '2,3' })).ids, ids);
    assert.deepEqual((await list({ ...W, ResponsableUsersIds: `${refs.u1},${refs.u2}` })).ids, [ids[1], ids[2]]);
    assert.deepEqual((await list({ ...W, TeamId: String(refs.team) })).ids, [ids[1]]);
    assert.deepEqual((await list({ ...W, CustomerGroupId: refs.group })).ids, [ids[1]]);
    assert.deepEqual((await list({ ...W, Origems: [1, 3] })).ids, [ids[0], ids[2]]);
    assert.deepEqual((await list({ ...W, Origems: [2] })).ids, [ids[1]]);
    assert.deepEqual((await list({ ...W, OpeningResponsableUsersId: String(fresh.account.adminUserId) })).ids, ids);
    assert.equal((await list({ ...W, OpeningResponsableUsersId: String(refs.u1) })).status, 404);
    assert.equal((await list({ ...W, Status: '9' })).status, 400);
    // Numbers beyond what an id can hold match nothing (never a 500).
    assert.equal((await list({ ...W, ids: '99999999999' })).status, 404);
    assert.equal((await list({ ...W, CustomerGroupId: 99999999999, TeamId: '99999999999' })).status, 404);
  });

  test('the Search* flags decide which sub-collections are filled; items lack statusAlterations', async () => {
    const plain = (await list({ ...W, ids: String(ids[1]) })).body.result.entityList[0];
    assert.equal('statusAlterations' in plain, false);
    assert.deepEqual([plain.taskIDs, plain.alterations, plain.interactions, plain.customFields], [[], [], [], []]);
    const full = (
      await list({
        ...W,
        ids: String(ids[1]),
        SearchTasks: true,
        SearchModifications: 'true',
        searchinteractions: true,
        SearchCustomFields: true,
      })
    ).body.result.entityList[0];
    const { statusAlterations: _s, ...got } = (await fresh.request({ method: 'GET', url: `/v2/tickets/${ids[1]}` })).json().result;
    assert.deepEqual(full, got);
    assert.deepEqual(full.taskIDs, [refs.task]);
    assert.equal(full.alterations.length, 1);
    assert.equal(full.interactions.length, 1);
  });

  test('paging: links, nextPage, order desc, and a page past the end answers 404 with the envelope', async () => {
    const r = await list(W, '&pageSize=2&order=desc');
    assert.equal(r.status, 200);
    assert.deepEqual(r.ids, [ids[2], ids[1]]);
    const pf = encodeURIComponent(JSON.stringify(W));
    assert.deepEqual(r.body.result.links, [
      { href: `http://localhost:80/v2/tickets/?ParamFilter=${pf}&Page=1&PageSize=2&Order=Desc`, rel: 'self', method: 'GET' },
      { href: `http://localhost:80/v2/tickets/?ParamFilter=${pf}&Page=2&PageSize=2&Order=Desc`, rel: 'nextPage', method: 'GET' },
    ]);
    const past = await list(W, '&page=3&pageSize=2');
    assert.equal(past.status, 404);
    assert.deepEqual(past.body.result.pagedSearchReturnData, { order: 0, pageSize: 2, page: 3, totalItems: 3 });
  });
});

describe('ticket catalogues (extension)', () => {
  test('statuses, request types and custom fields are listed with the envelope and validated on POST', async () => {
    const s = await t.request({ method: 'GET', url: '/v2/ticketStatuses' });
    assert.equal(s.statusCode, 200);
    assert.deepEqual(s.json().result.entityList, [
      { id: statusOpen, description: 'Aguardando Atendimento', statusType: 2 },
      { id: statusWaiting, description: 'Aguardando Atendente', statusType: 6 },
      { id: statusClosed, description: 'Resolvido', statusType: 5 },
    ]);
    assert.deepEqual((await t.request({ method: 'GET', url: '/v2/ticketRequestTypes' })).json().result.entityList, [
      { id: requestType, description: 'Suporte' },
    ]);
    assert.deepEqual((await t.request({ method: 'GET', url: '/v2/ticketCustomFields' })).json().result.entityList, [
      fieldDef(textField),
      fieldDef(choiceField),
    ]);
    const bad = await t.request({ method: 'POST', url: '/v2/ticketStatuses', payload: { description: 'x', statusType: 9 } });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json()), ['statusType']);
    const other = await t.accounts.create('Another');
    const token = await t.login(other);
    assert.equal((await t.request({ method: 'GET', url: '/v2/ticketStatuses', token })).statusCode, 404);
  });
});
