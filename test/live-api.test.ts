// The live Auvo API beyond its blueprint: the spellings the live service emits (D15), the read
// operations it has at its own paths (D16) and the refusal of webhook entities nothing records
// (D17). Real clients are written against the live service; these pin what they read.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { LIVE_OPERATION_NOTE } from '../src/core/http.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

type Json = Record<string, any>;

let t: TestApp;
let receiver: Server;
let receiverUrl = '';
const received: Json[] = [];
/** Another account with nothing in it, for the empty answers. */
let emptyToken = '';

const T0 = '2026-03-10T15:30:00Z';
const T0_LOCAL = '2026-03-10T12:30:00';

before(async () => {
  t = await buildTestApp();
  t.clock.set(T0);
  emptyToken = await t.login(await t.accounts.create('Empty Company'));
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
after(async () => {
  await t.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function post(url: string, payload: Json, status = 201): Promise<Json> {
  const res = await t.request({ method: 'POST', url, payload });
  assert.equal(res.statusCode, status, `${url}: ${res.body}`);
  return res.json().result;
}

async function get(url: string, token?: string) {
  return t.request({ method: 'GET', url, ...(token ? { token } : {}) });
}

const filter = (o: unknown) => `paramFilter=${encodeURIComponent(JSON.stringify(o))}`;

/** Asserts `live` directly follows `documented` among the object's keys (D15: side by side, documented first). */
function assertBeside(o: Json, documented: string, live: string) {
  const keys = Object.keys(o);
  assert.equal(keys.indexOf(live), keys.indexOf(documented) + 1, `${live} after ${documented} in ${keys.join(',')}`);
}

// ---- Users (D15) --------------------------------------------------------------------------

const USER_IN = {
  name: 'Jason Live',
  smartPhoneNumber: '5562999990000',
  culture: 'pt-BR',
  jobPosition: 'Técnico',
  userType: 1,
  password: 'segredo123',
  login: 'jason.live',
  email: 'jason@example.com',
  externalId: 'L-1',
};

const NOTIFICATIONS = {
  monitoringNotification: { gpsActivation: 0, gpsDisabling: 0, appLogin: 0, appLogout: 0 },
  employeeNotification: { basePointChange: 0 },
  clientNotification: { adressChange: 0 },
};

const profile = {
  culture: 'pt-BR',
  jobPosition: 'Técnico',
  userType: { userTypeId: 1, description: 'user' },
  workDaysOfWeek: [],
  startWorkHour: '',
  endWorkHour: '',
  startLunchHour: '',
  endLunchHour: '',
  hourValue: 0,
  pictureUrl: '',
};
const settings = {
  openTaskInPlace: false,
  grabGalleryPhotos: false,
  gpsFrequency: 300,
  checkInManual: false,
  unavailableForTasks: false,
  editTaskAfterCheckout: false,
  informStartTravel: false,
  changeBasePoint: false,
  ...NOTIFICATIONS,
};
const tasks0 = { rescheduling: 0, travelStart: 0, researchAnswer: 0, delay: 0, taskDelete: 0 };
const point = { address: '', latitude: 0, longitude: 0 };

/** The POST/PUT answer: documented `smartPhoneNumber`, then the live `smartphoneNumber`. */
function userWritten(id: number, over: Json = {}) {
  return {
    userId: id,
    userID: id,
    externalId: 'L-1',
    name: 'Jason Live',
    smartPhoneNumber: '5562999990000',
    smartphoneNumber: '5562999990000',
    login: 'jason.live',
    email: 'jason@example.com',
    ...profile,
    basePoint: point,
    ...settings,
    taskNotification: { checkIn: 0, checkout: 0, ...tasks0 },
    ...over,
  };
}

/** The GET/list answer: documented `smartphoneNumber`, then the live `smartPhoneNumber`. */
function userGet(id: number, over: Json = {}) {
  return {
    userId: id,
    userID: id,
    externalId: 'L-1',
    name: 'Jason Live',
    smartphoneNumber: '5562999990000',
    smartPhoneNumber: '5562999990000',
    login: 'jason.live',
    email: 'jason@example.com',
    ...profile,
    BasePoint: point,
    ...settings,
    taskNotification: { checkIn: 0, checkOut: 0, ...tasks0 },
    ...over,
  };
}

describe('D15: users carry userId and userID, smartphoneNumber and smartPhoneNumber', () => {
  let id = 0;

  test('POST, GET, list, the userID filter, PUT and PATCH answer both spellings, the documented one first', async () => {
    const hook = await post('/v2/webHooks/', { entity: 'User', targetUrl: receiverUrl });
    const created = await t.request({ method: 'POST', url: '/v2/users/', payload: USER_IN });
    assert.equal(created.statusCode, 201, created.body);
    id = created.json().result.userId;
    assert.deepEqual(created.json(), { result: userWritten(id) });
    assert.deepEqual(Object.keys(created.json().result), Object.keys(userWritten(id)));
    assertBeside(created.json().result, 'userId', 'userID');
    assertBeside(created.json().result, 'smartPhoneNumber', 'smartphoneNumber');

    const one = await get(`/v2/users/${id}`);
    assert.deepEqual(one.json(), { result: userGet(id) });
    assert.deepEqual(Object.keys(one.json().result), Object.keys(userGet(id)));
    assertBeside(one.json().result, 'smartphoneNumber', 'smartPhoneNumber');

    // `userID` in a users paramFilter means `userId`.
    for (const key of ['userID', 'USERID', 'userId']) {
      const listed = await get(`/v2/users/?${filter({ [key]: id })}`);
      assert.equal(listed.statusCode, 200, key);
      assert.deepEqual(listed.json().result.entityList, [userGet(id)], key);
    }

    const put = await t.request({ method: 'PUT', url: '/v2/users/', payload: { id, jobPosition: 'Supervisor' } });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json(), { result: userWritten(id, { jobPosition: 'Supervisor' }) });

    const patch = await t.request({
      method: 'PATCH',
      url: `/v2/users/${id}`,
      payload: [{ op: 'replace', path: 'smartPhoneNumber', value: '111,222' }],
    });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.deepEqual(patch.json(), {
      result: userWritten(id, {
        jobPosition: 'Supervisor',
        smartPhoneNumber: ['111', '222'],
        smartphoneNumber: ['111', '222'],
        email: ['jason@example.com'],
      }),
    });

    // Webhook entities are the user as GET returns it: both spellings there too.
    await t.services.webhooks.dispatcher.drain();
    const mine = received.filter((b) => b.webhookId >= Number(hook.id) && b.entityId === id);
    assert.deepEqual(
      mine.map((b) => [b.action, b.entities, b.result.Entities]),
      [
        ['Inclusao', [userGet(id)], [userGet(id)]],
        ['Alteracao', [userGet(id, { jobPosition: 'Supervisor' })], [userGet(id, { jobPosition: 'Supervisor' })]],
        [
          'Alteracao',
          [userGet(id, { jobPosition: 'Supervisor', smartphoneNumber: '111,222', smartPhoneNumber: '111,222' })],
          [userGet(id, { jobPosition: 'Supervisor', smartphoneNumber: '111,222', smartPhoneNumber: '111,222' })],
        ],
      ],
    );
  });

  test('team members carry userID; team answers keep teamUsers and teamManagers as names', async () => {
    const team = await post('/v2/teams/', { description: 'Equipe Live', participants: [id], managers: [t.account.adminUserId] });
    assert.deepEqual(team, { teamUsers: ['Jason Live'], teamManagers: ['Test Company'], id: team.id, description: 'Equipe Live' });
    assert.deepEqual((await get(`/v2/teams/${team.id}`)).json().result, team);
    assert.deepEqual((await get(`/v2/teams/?${filter({ id: team.id })}`)).json().result.entityList, [{ creationDate: T0_LOCAL, ...team }]);
    const members = await get(`/v2/teams/${team.id}/users/`);
    assert.equal(members.statusCode, 200);
    assert.deepEqual(members.json().result.entityList, [
      { userId: id, userID: id, externalId: 'L-1', name: 'Jason Live', jobPosition: 'Supervisor' },
    ]);
  });
});

// ---- Other objects (D15) ------------------------------------------------------------------

describe('D15: the other live spellings', () => {
  test('POST /customerGroups answers the group under clientGroupSearchReturn too; GET and list keep the documented shape', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/customerGroups/', payload: { description: 'Grupo Live' } });
    assert.equal(res.statusCode, 201);
    const gid = res.json().result.id;
    assert.deepEqual(res.json(), {
      result: { id: gid, description: 'Grupo Live', clientGroupSearchReturn: { id: gid, description: 'Grupo Live' } },
    });
    assert.deepEqual((await get(`/v2/customerGroups/${gid}`)).json(), { result: { id: gid, description: 'Grupo Live' } });
  });

  test('products carry imageUrl beside Base64Image, uriAttachments beside uriAnexos, and code in every answer', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64');
    const created = await post('/v2/products/', {
      name: 'Filtro Live',
      base64Image: jpeg,
      attachments: [{ name: 'manual.pdf', file: Buffer.from('%PDF-1.4 x').toString('base64') }],
    });
    const image = created.imageUrl as string;
    const files = created.uriAnexos as string[];
    assert.match(image, /\/campo\/v1\/files\/[\w-]+\/image\.jpg$/);
    assert.deepEqual(files.length, 1);
    const expected = {
      productId: created.productId,
      externalId: '',
      code: created.code,
      name: 'Filtro Live',
      associatedEquipmentId: 0,
      categoryId: 0,
      unitaryValue: '0,00',
      unitaryCost: '0,00',
      totalStock: 0,
      active: true,
      minimumStock: '0',
      Base64Image: '',
      imageUrl: image,
      uriAnexos: files,
      uriAttachments: files,
      productSpecifications: [],
      employeesStock: [],
      description: '',
    };
    assert.deepEqual(created, expected);
    assert.deepEqual(Object.keys(created), Object.keys(expected));
    assert.deepEqual((await get(`/v2/products/${created.code}`)).json(), { result: expected });
    assert.deepEqual((await get(`/v2/products/?${filter({ id: Number(created.code) })}`)).json().result.entityList, [expected]);
    const patched = await t.request({
      method: 'PATCH',
      url: `/v2/products/${created.code}`,
      payload: [{ op: 'replace', path: 'name', value: 'Filtro Live 2' }],
    });
    assert.deepEqual(patched.json(), { result: { ...expected, name: 'Filtro Live 2' } });
    const attached = await t.request({
      method: 'PUT',
      url: `/v2/products/${created.code}/attachments`,
      payload: { removeAllAttachmentsInsertedByMe: true, attachments: [] },
    });
    assert.deepEqual(attached.json(), { result: { ...expected, name: 'Filtro Live 2', uriAnexos: [], uriAttachments: [] } });
  });

  test('equipment answers carry urlImage and uriAnexos (POST, GET, list, PATCH)', async () => {
    const created = await post('/v2/equipments/', {
      name: 'Compressor Live',
      base64Image: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 4]).toString('base64'),
      attachments: [{ name: 'laudo.pdf', file: Buffer.from('%PDF-1.4 y').toString('base64') }],
    });
    assert.match(created.urlImage, /\/campo\/v1\/files\/[\w-]+\/[\w.-]+$/);
    assert.equal(created.uriAnexos.length, 1);
    assert.deepEqual((await get(`/v2/equipments/${created.id}`)).json(), { result: created });
    assert.deepEqual((await get(`/v2/equipments/?${filter({ name: 'Compressor Live' })}`)).json().result.entityList, [created]);
    const patched = await t.request({
      method: 'PATCH',
      url: `/v2/equipments/${created.id}`,
      payload: [{ op: 'replace', path: 'description', value: 'd' }],
    });
    assert.deepEqual(patched.json(), { result: { ...created, description: 'd' } });
  });

  test('task list items carry questionnaires, with the answers GET shows', async () => {
    const q = await post('/v2/questionnaires/', { description: 'Checklist Live', questions: [{ answerType: 2, description: 'Ok?' }] });
    const customer = await post('/v2/customers/', { name: 'Cliente Live', address: 'Rua A, 1', latitude: -16.68, longitude: -49.29 });
    const task = await post('/v2/tasks/', {
      idUserFrom: t.account.adminUserId,
      idUserTo: t.account.adminUserId,
      customerId: customer.id,
      questionnaireId: q.id,
      orientation: 'Live',
      priority: 1,
      taskDate: '2026-03-12T09:00:00',
    });
    const checkIn = await t.request({
      method: 'POST',
      url: `/campo/v1/tasks/${task.taskID}/check-in`,
      payload: { latitude: -16.68, longitude: -49.29 },
    });
    assert.equal(checkIn.statusCode, 200, checkIn.body);
    const answered = await t.request({
      method: 'POST',
      url: `/campo/v1/tasks/${task.taskID}/answers`,
      payload: { answers: [{ questionId: q.questions[0].id, reply: 'Sim' }] },
    });
    assert.equal(answered.statusCode, 200, answered.body);
    const questionnaires = [
      {
        itemId: '1',
        questionnaireId: String(q.id),
        questionnaireDescription: 'Checklist Live',
        answers: [{ questionId: String(q.questions[0].id), questionDescription: 'Ok?', replyId: 1, reply: 'Sim', replyDate: T0_LOCAL }],
      },
    ];
    assert.deepEqual((await get(`/v2/tasks/${task.taskID}`)).json().result.questionnaires, questionnaires);
    const listed = await get(`/v2/tasks/?${filter({ startDate: '2026-03-01', endDate: '2026-03-31' })}&pageSize=100`);
    const item = (listed.json().result.entityList as Json[]).find((x) => x.taskID === task.taskID) as Json;
    assert.deepEqual(item.questionnaires, questionnaires);
  });
});

// ---- Webhook entities (D17) ---------------------------------------------------------------

describe('D17: a webhook entity that is not a known code or name', () => {
  test('"Banana", "Spaceship", "Tasks" and unknown codes answer 400 with a field map; nothing is stored', async () => {
    const count = async () => (await t.store.db.selectFrom('webhooks').select('id').execute()).length;
    const before = await count();
    for (const entity of ['Banana', 'Spaceship', 'Tasks', 999, '1001x']) {
      const res = await t.request({ method: 'POST', url: '/v2/webHooks/', payload: { entity, action: 1, targetUrl: receiverUrl } });
      assert.equal(res.statusCode, 400, String(entity));
      assert.deepEqual(
        res.json(),
        {
          entity: [
            `The value '${entity}' is not a valid entity: use a code or name from the entity table (GET /campo/v1/webhookEntities).`,
          ],
        },
        String(entity),
      );
    }
    assert.equal(await count(), before);
    // Every entity the table lists is accepted, by code and by name.
    const table = (await get('/campo/v1/webhookEntities')).json().result as Json[];
    for (const e of table) {
      for (const entity of [e.code, e.name]) {
        const res = await t.request({
          method: 'POST',
          url: '/v2/webHooks/',
          payload: { entity, action: 2, targetUrl: `${receiverUrl}/x` },
        });
        assert.ok([200, 201].includes(res.statusCode), `${entity}: ${res.body}`);
      }
    }
  });

  test('the webhook list and the delivery journal refuse an unknown entity filter with the error envelope', async () => {
    const list = await get(`/v2/webHooks/?${filter({ entity: 'Banana' })}`);
    assert.deepEqual(
      [list.statusCode, list.json()],
      [400, { message: "The paramFilter field 'entity' is not valid for ParamUserFilter.", target: null, errorCode: 0, errors: null }],
    );
    const journal = await get('/campo/v1/webhookDeliveries?entity=Banana');
    assert.deepEqual(
      [journal.statusCode, journal.json()],
      [400, { message: "The value 'Banana' is not valid for entity.", target: null, errorCode: 0, errors: null }],
    );
  });
});

// ---- Live read operations (D16) -----------------------------------------------------------

describe('D16: live read operations at their live paths', () => {
  test('GET /tickets/status and /tickets/request-type: every item, `result` the array, the same data as the catalogue routes', async () => {
    for (const path of ['/v2/tickets/status', '/v2/tickets/request-type']) {
      const empty = await get(path, emptyToken);
      assert.deepEqual([empty.statusCode, empty.json()], [200, { result: [] }], path);
    }
    const s1 = await post('/v2/ticketStatuses/', { description: 'Aberto', statusType: 2 });
    const s2 = await post('/v2/ticketStatuses/', { description: 'Encerrado', statusType: 5 });
    const r1 = await post('/v2/ticketRequestTypes/', { description: 'Suporte' });
    const r2 = await post('/v2/ticketRequestTypes/', { description: 'Instalação' });
    const statuses = [
      { id: s1.id, description: 'Aberto', name: 'Aberto', statusType: 2 },
      { id: s2.id, description: 'Encerrado', name: 'Encerrado', statusType: 5 },
    ];
    const types = [
      { id: r1.id, description: 'Suporte', name: 'Suporte' },
      { id: r2.id, description: 'Instalação', name: 'Instalação' },
    ];
    for (const path of ['/v2/tickets/status', '/v2/tickets/status/', '/V2/Tickets/Status', '/v2/TICKETS/STATUS/']) {
      const res = await get(path);
      assert.deepEqual([res.statusCode, res.json()], [200, { result: statuses }], path);
    }
    for (const path of ['/v2/tickets/request-type', '/v2/Tickets/Request-Type/']) {
      const res = await get(path);
      assert.deepEqual([res.statusCode, res.json()], [200, { result: types }], path);
    }
    // Both paths serve the same data.
    const catalog = (await get('/v2/ticketStatuses/?pageSize=100')).json().result.entityList as Json[];
    assert.deepEqual(
      catalog,
      statuses.map(({ name: _n, ...s }) => s),
    );
    const requestTypes = (await get('/v2/ticketRequestTypes/?pageSize=100')).json().result.entityList as Json[];
    assert.deepEqual(
      requestTypes,
      types.map(({ name: _n, ...s }) => s),
    );
    // A ticket is still addressed by numeric id beside the live paths.
    const bad = await get('/v2/tickets/abc');
    assert.deepEqual([bad.statusCode, bad.json()], [400, { id: ["The value 'abc' is not valid."] }]);
    assert.equal((await t.request({ method: 'GET', url: '/v2/tickets/status', token: null })).statusCode, 401);
  });

  test('GET /customergroups/{id}/customers answers what /customerGroups/{id}/clients answers', async () => {
    const c1 = await post('/v2/customers/', { name: 'Alfa Live', externalId: 'A-L' });
    const c2 = await post('/v2/customers/', { name: 'Beta Live', externalId: 'B-L' });
    const group = await post('/v2/customerGroups/', { description: 'Membros', clientsId: [c1.id, c2.id] });
    const clients = await get(`/v2/customerGroups/${group.id}/clients`);
    assert.equal(clients.statusCode, 200);
    assert.deepEqual(
      (clients.json().result.entityList as Json[]).map((c) => c.id),
      [c1.id, c2.id],
    );
    for (const path of [`/v2/customergroups/${group.id}/customers`, `/v2/CustomerGroups/${group.id}/Customers/`]) {
      const res = await get(path);
      assert.deepEqual([res.statusCode, res.json()], [200, clients.json()], path);
    }
    const lonely = await post('/v2/customerGroups/', { description: 'Vazio' });
    const empty = await get(`/v2/customergroups/${lonely.id}/customers`);
    assert.deepEqual([empty.statusCode, empty.json()], [404, { result: { entityList: [] } }]);
    const unknown = await get('/v2/customergroups/987654321/customers');
    assert.deepEqual([unknown.statusCode, unknown.body], [404, '']);
    const bad = await get('/v2/customergroups/abc/customers');
    assert.deepEqual([bad.statusCode, bad.json()], [400, { clientGroupId: ["The value 'abc' is not valid."] }]);
  });

  test('GET /services/obterListaServicos: every service, unpaged, `result` the array', async () => {
    const empty = await get('/v2/services/obterListaServicos', emptyToken);
    assert.deepEqual([empty.statusCode, empty.json()], [200, { result: [] }]);
    const made = [];
    for (let i = 1; i <= 12; i++) made.push(await post('/v2/services/', { title: `Serviço ${i}`, price: i }));
    const expected = made.map((s, i) => ({
      id: s.id,
      title: `Serviço ${i + 1}`,
      description: '',
      price: `${i + 1}.00`,
      active: true,
      fiscalServiceId: null,
    }));
    assert.deepEqual(made, expected);
    for (const path of ['/v2/services/obterListaServicos', '/v2/Services/ObterListaServicos/', '/v2/services/obterlistaservicos']) {
      const res = await get(path);
      assert.deepEqual([res.statusCode, res.json()], [200, { result: expected }], path);
    }
    // A service is still addressed by its GUID beside the legacy path.
    assert.deepEqual((await get(`/v2/services/${made[0].id}`)).json(), { result: expected[0] });
  });

  test('OpenAPI marks each live operation x-campo-extension with the live note, and each live spelling', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const [path, method] of [
      ['/v2/tickets/status', 'get'],
      ['/v2/tickets/request-type', 'get'],
      ['/v2/customerGroups/{id}/customers', 'get'],
      ['/v2/services/obterListaServicos', 'get'],
    ]) {
      const op = doc.paths[path]?.[method];
      assert.ok(op, `${method} ${path}`);
      assert.equal(op['x-campo-extension'], true, path);
      assert.ok(String(op.description).startsWith(LIVE_OPERATION_NOTE), path);
    }
    const resolve = (s: Json): Json => {
      if (s?.$ref) return resolve(doc.components.schemas[String(s.$ref).split('/').pop() as string]);
      return s;
    };
    const resultOf = (path: string, method: string, code: string) =>
      resolve(resolve(doc.paths[path][method].responses[code].content['application/json'].schema).properties.result);
    const itemOf = (s: Json) => resolve(s.properties.entityList.items);
    const cases: [Json, string, string][] = [
      [resultOf('/v2/users/{id}', 'get', '200'), 'userID', 'userId'],
      [resultOf('/v2/users/{id}', 'get', '200'), 'smartPhoneNumber', 'smartphoneNumber'],
      [itemOf(resultOf('/v2/users', 'get', '200')), 'userID', 'userId'],
      [resultOf('/v2/users', 'post', '201'), 'smartphoneNumber', 'smartPhoneNumber'],
      [resultOf('/v2/users/{id}', 'patch', '200'), 'smartphoneNumber', 'smartPhoneNumber'],
      [itemOf(resultOf('/v2/teams/{id}/users', 'get', '200')), 'userID', 'userId'],
      [resultOf('/v2/customerGroups', 'post', '201'), 'clientGroupSearchReturn', 'result'],
      [resultOf('/v2/products/{id}', 'get', '200'), 'uriAttachments', 'uriAnexos'],
      [resultOf('/v2/products/{id}', 'get', '200'), 'imageUrl', 'Base64Image'],
    ];
    for (const [schema, live, documented] of cases) {
      const prop = resolve(schema.properties?.[live]);
      assert.ok(prop, `${live} in ${JSON.stringify(Object.keys(schema.properties ?? {}))}`);
      assert.equal(prop['x-live-spelling-of'], documented, live);
      assert.ok(schema.properties[documented] || documented === 'result', documented);
    }
  });
});
