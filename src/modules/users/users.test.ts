import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, userBody } from '../../../test/helpers/app.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(async () => t.close());

const fullBody = {
  externalId: '123',
  name: 'john',
  smartPhoneNumber: '578123456789',
  culture: 'pt-BR',
  jobPosition: 'manager',
  userType: 2,
  password: '123mudar',
  workDaysOfWeek: [1, 2, 3],
  startWorkHour: '08:00:00',
  endWorkHour: '18:00:00',
  startLunchHour: '13:00:00',
  endLunchHour: '14:00:00',
  hourValue: 10.5,
  checkInManual: false,
  address: 'secret adress',
  latitude: 900.0,
  longitude: -49.2775752032046,
  openTaskInPlace: false,
  galleryPhotos: true,
  gpsFrequency: 120,
  login: 'john.wick',
  email: 'johnwick@email.com',
  unavailableForTasks: false,
  editTaskAfterCheckout: true,
  informStartTravel: false,
  changeBasePoint: true,
  paramMonitoringNotification: { gpsActivation: 1, gpsDisabling: 2, appLogin: 3, appLogout: 0 },
  ParamEmployeeNotification: { basePointChange: 0 },
  ParamClientNotification: { adressChange: 2 },
  ParamTaskNotification: { checkIn: 1, checkout: 2, rescheduling: 3, travelStart: 0, researchAnswer: 1, delay: 2, taskDelete: 3 },
};

function written(id: number) {
  return {
    userId: id,
    userID: id,
    externalId: '123',
    name: 'john',
    smartPhoneNumber: '578123456789',
    smartphoneNumber: '578123456789',
    login: 'john.wick',
    email: 'johnwick@email.com',
    culture: 'pt-BR',
    jobPosition: 'manager',
    userType: { userTypeId: 2, description: 'Team Manager' },
    workDaysOfWeek: [1, 2, 3],
    startWorkHour: '08:00:00',
    endWorkHour: '18:00:00',
    startLunchHour: '13:00:00',
    endLunchHour: '14:00:00',
    hourValue: 10.5,
    pictureUrl: '',
    basePoint: { address: 'secret adress', latitude: 900, longitude: -49.2775752032046 },
    openTaskInPlace: false,
    grabGalleryPhotos: true,
    gpsFrequency: 120,
    checkInManual: false,
    unavailableForTasks: false,
    editTaskAfterCheckout: true,
    informStartTravel: false,
    changeBasePoint: true,
    monitoringNotification: { gpsActivation: 1, gpsDisabling: 2, appLogin: 3, appLogout: 0 },
    employeeNotification: { basePointChange: 0 },
    clientNotification: { adressChange: 2 },
    taskNotification: { checkIn: 1, checkout: 2, rescheduling: 3, travelStart: 0, researchAnswer: 1, delay: 2, taskDelete: 3 },
  };
}

/** The GET/list spelling of the same user (inventory 7 #3-#5). */
function asGet(w: ReturnType<typeof written>) {
  const { smartPhoneNumber, basePoint, taskNotification, ...rest } = w;
  const { checkout, ...task } = taskNotification;
  return {
    userId: rest.userId,
    userID: rest.userId,
    externalId: rest.externalId,
    name: rest.name,
    smartphoneNumber: smartPhoneNumber,
    smartPhoneNumber,
    login: rest.login,
    email: rest.email,
    culture: rest.culture,
    jobPosition: rest.jobPosition,
    userType: rest.userType,
    workDaysOfWeek: rest.workDaysOfWeek,
    startWorkHour: rest.startWorkHour,
    endWorkHour: rest.endWorkHour,
    startLunchHour: rest.startLunchHour,
    endLunchHour: rest.endLunchHour,
    hourValue: rest.hourValue,
    pictureUrl: rest.pictureUrl,
    BasePoint: basePoint,
    openTaskInPlace: rest.openTaskInPlace,
    grabGalleryPhotos: rest.grabGalleryPhotos,
    gpsFrequency: rest.gpsFrequency,
    checkInManual: rest.checkInManual,
    unavailableForTasks: rest.unavailableForTasks,
    editTaskAfterCheckout: rest.editTaskAfterCheckout,
    informStartTravel: rest.informStartTravel,
    changeBasePoint: rest.changeBasePoint,
    monitoringNotification: rest.monitoringNotification,
    employeeNotification: rest.employeeNotification,
    clientNotification: rest.clientNotification,
    taskNotification: {
      checkIn: task.checkIn,
      checkOut: checkout,
      rescheduling: task.rescheduling,
      travelStart: task.travelStart,
      researchAnswer: task.researchAnswer,
      delay: task.delay,
      taskDelete: task.taskDelete,
    },
  };
}

async function countUsers(): Promise<number> {
  const res = await t.request({ method: 'GET', url: '/v2/users/?pageSize=9999999' });
  return res.json().result.pagedSearchReturnData.totalItems;
}

describe('POST /v2/users/', () => {
  test('creates a user from the documented example body (param... aliases, galleryPhotos) and answers 201 with the POST spelling', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/users/', payload: fullBody });
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.deepEqual(body, { result: written(body.result.userId) });
    assert.deepEqual(Object.keys(body.result), Object.keys(written(1)), 'documented key order');
  });

  test('GET returns the same user with the GET spelling, never the password', async () => {
    const created = (await t.request({ method: 'POST', url: '/v2/users/', payload: { ...fullBody, login: 'get.me' } })).json().result;
    const res = await t.request({ method: 'GET', url: `/v2/users/${created.userId}` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { result: asGet({ ...written(created.userId), login: 'get.me' }) });
    assert.ok(!res.body.includes('123mudar'));
    assert.ok(!res.body.toLowerCase().includes('password'));
  });

  test('unset hours are "", unset days [] and notifications 0 (inventory 3.1)', async () => {
    const res = await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ login: 'minimal' }) });
    assert.equal(res.statusCode, 201);
    const r = res.json().result;
    assert.deepEqual(
      [r.workDaysOfWeek, r.startWorkHour, r.endWorkHour, r.startLunchHour, r.endLunchHour, r.externalId, r.basePoint],
      [[], '', '', '', '', '', { address: '', latitude: 0, longitude: 0 }],
    );
    assert.deepEqual(r.taskNotification, {
      checkIn: 0,
      checkout: 0,
      rescheduling: 0,
      travelStart: 0,
      researchAnswer: 0,
      delay: 0,
      taskDelete: 0,
    });
  });

  test('property names are case-insensitive and numbers may come as strings', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/users/',
      payload: {
        NAME: 'Ana',
        SMARTPHONENUMBER: 5562999,
        Culture: 'pt-BR',
        jobposition: 'x',
        USERTYPE: '3',
        Password: 'p',
        LOGIN: 'ana',
        Email: 'a@b.c',
        HourValue: '12.5',
      },
    });
    assert.equal(res.statusCode, 201);
    const r = res.json().result;
    assert.deepEqual(
      [r.name, r.smartPhoneNumber, r.userType, r.hourValue, r.login],
      ['Ana', '5562999', { userTypeId: 3, description: 'Administrator' }, 12.5, 'ana'],
    );
  });

  test('a nested basePoint object is accepted as well as the flat fields', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v2/users/',
      payload: userBody({ BasePoint: { address: 'Rua 1', latitude: -16.7, longitude: -49.2 } }),
    });
    assert.deepEqual(res.json().result.basePoint, { address: 'Rua 1', latitude: -16.7, longitude: -49.2 });
  });

  test('missing required attributes answer 400 with a field map and write nothing', async () => {
    const before = await countUsers();
    const { password: _p, ...noPassword } = userBody();
    const res = await t.request({ method: 'POST', url: '/v2/users/', payload: noPassword });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { password: ['The password field is required.'] });
    assert.equal(await countUsers(), before);
  });

  test('a wrong type or out-of-range enum answers 400 naming the attribute', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ userType: 7 }, 'userType'],
      [{ workDaysOfWeek: [0] }, 'workDaysOfWeek[0]'],
      [{ startWorkHour: '25:00:00' }, 'startWorkHour'],
      [{ checkInManual: 'maybe' }, 'checkInManual'],
      [{ paramTaskNotification: { delay: 9 } }, 'taskNotification.delay'],
    ];
    for (const [over, field] of cases) {
      const res = await t.request({ method: 'POST', url: '/v2/users/', payload: userBody(over) });
      assert.equal(res.statusCode, 400, JSON.stringify(over));
      assert.deepEqual(Object.keys(res.json()), [field], JSON.stringify(over));
    }
  });

  test('a login already used in the account answers 400 (any casing), nothing written', async () => {
    await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ login: 'dup.login' }) });
    const before = await countUsers();
    const res = await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ login: 'DUP.Login' }) });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { login: ["The login 'DUP.Login' is already in use."] });
    assert.equal(await countUsers(), before);
  });

  test('the same login is free in another account', async () => {
    await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ login: 'shared.login' }) });
    const other = await t.accounts.create('Other');
    const token = await t.login(other);
    const res = await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ login: 'shared.login' }), token });
    assert.equal(res.statusCode, 201);
  });

  test('the password is stored as an argon2id hash', async () => {
    const r = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ password: 'plain-text-pw' }) })).json().result;
    const row = await t.store.db.selectFrom('users').select('password_hash').where('id', '=', r.userId).executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^\$argon2id\$/);
    assert.ok(!row.password_hash.includes('plain-text-pw'));
  });
});

describe('PUT /v2/users/', () => {
  test('creates (201) when neither id nor externalId matches, then updates (200) by externalId', async () => {
    const create = await t.request({
      method: 'PUT',
      url: '/v2/users/',
      payload: { ...fullBody, externalId: 'ext-put', login: 'put.user' },
    });
    assert.equal(create.statusCode, 201);
    const id = create.json().result.userId;
    const update = await t.request({ method: 'PUT', url: '/v2/users/', payload: { externalId: 'ext-put', name: 'Renamed' } });
    assert.equal(update.statusCode, 200);
    assert.deepEqual(update.json(), { result: { ...written(id), externalId: 'ext-put', login: 'put.user', name: 'Renamed' } });
  });

  test('matches by id before externalId', async () => {
    const a = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ externalId: 'A1' }) })).json().result;
    const b = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ externalId: 'B1' }) })).json().result;
    const res = await t.request({ method: 'PUT', url: '/v2/users/', payload: { id: a.userId, externalId: 'B1', jobPosition: 'moved' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().result.userId, a.userId);
    assert.equal((await t.request({ method: 'GET', url: `/v2/users/${b.userId}` })).json().result.jobPosition, 'Técnico');
  });

  test('an unknown id creates a new user with a server-assigned id', async () => {
    const res = await t.request({ method: 'PUT', url: '/v2/users/', payload: userBody({ id: 999999 }) });
    assert.equal(res.statusCode, 201);
    assert.notEqual(res.json().result.userId, 999999);
  });

  test('creating without the required attributes answers 400 listing each', async () => {
    const res = await t.request({ method: 'PUT', url: '/v2/users/', payload: { externalId: 'nobody', name: 'x' } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(Object.keys(res.json()).sort(), [
      'culture',
      'email',
      'jobPosition',
      'login',
      'password',
      'smartPhoneNumber',
      'userType',
    ]);
  });
});

describe('PATCH /v2/users/{id}', () => {
  test('applies the documented paths (no leading slash, any case) and answers phone and e-mail as arrays', async () => {
    const u = (await t.request({ method: 'POST', url: '/v2/users/', payload: { ...fullBody, login: 'patch.me' } })).json().result;
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/users/${u.userId}`,
      payload: [
        { op: 'replace', path: 'login', value: 'login.user' },
        { op: 'replace', path: '/Email', value: 'a@b.c,d@e.f' },
        { op: 'add', path: 'GalleryPhotos', value: 'false' },
        { op: 'replace', path: 'smartPhoneNumber', value: ['111', '222'] },
        { op: 'remove', path: 'externalId' },
        { op: 'replace', path: 'hourValue', value: '7.25' },
      ],
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      result: {
        ...written(u.userId),
        login: 'login.user',
        email: ['a@b.c', 'd@e.f'],
        grabGalleryPhotos: false,
        smartPhoneNumber: ['111', '222'],
        smartphoneNumber: ['111', '222'],
        externalId: '',
        hourValue: 7.25,
      },
    });
    const get = (await t.request({ method: 'GET', url: `/v2/users/${u.userId}` })).json().result;
    assert.equal(get.email, 'a@b.c,d@e.f');
    assert.equal(get.smartphoneNumber, '111,222');
  });

  test('an unknown path or op answers 400 with a field map and changes nothing', async () => {
    const u = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody() })).json().result;
    for (const [ops, key] of [
      [
        [
          { op: 'replace', path: 'name', value: 'ok' },
          { op: 'replace', path: 'nope', value: 1 },
        ],
        'nope',
      ],
      [[{ op: 'move', path: 'name', from: 'login' }], 'op'],
      [[{ op: 'replace', path: 'userType', value: 'abc' }], 'userType'],
      [[{ op: 'replace', path: 'name', value: '' }], 'name'],
    ] as const) {
      const res = await t.request({ method: 'PATCH', url: `/v2/users/${u.userId}`, payload: ops });
      assert.equal(res.statusCode, 400, JSON.stringify(ops));
      assert.deepEqual(Object.keys(res.json()), [key]);
    }
    assert.equal((await t.request({ method: 'GET', url: `/v2/users/${u.userId}` })).json().result.name, u.name);
  });

  test('patching the password re-hashes it', async () => {
    const u = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody() })).json().result;
    const before = await t.store.db.selectFrom('users').select('password_hash').where('id', '=', u.userId).executeTakeFirstOrThrow();
    await t.request({ method: 'PATCH', url: `/v2/users/${u.userId}`, payload: [{ op: 'replace', path: 'password', value: 'new-secret' }] });
    const afterRow = await t.store.db.selectFrom('users').select('password_hash').where('id', '=', u.userId).executeTakeFirstOrThrow();
    assert.notEqual(afterRow.password_hash, before.password_hash);
  });

  test('a login taken by another user answers 400', async () => {
    const a = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody() })).json().result;
    const b = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody() })).json().result;
    const res = await t.request({
      method: 'PATCH',
      url: `/v2/users/${b.userId}`,
      payload: [{ op: 'replace', path: 'login', value: a.login }],
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { login: [`The login '${a.login}' is already in use.`] });
  });
});

describe('DELETE /v2/users/{id}', () => {
  test('answers 204, then the user is gone (GET 404, second DELETE 404) and its login is free again', async () => {
    const u = (await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ login: 'to.delete' }) })).json().result;
    const del = await t.request({ method: 'DELETE', url: `/v2/users/${u.userId}` });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    assert.equal((await t.request({ method: 'GET', url: `/v2/users/${u.userId}` })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/users/${u.userId}` })).statusCode, 404);
    const again = await t.request({ method: 'POST', url: '/v2/users/', payload: userBody({ login: 'to.delete' }) });
    assert.equal(again.statusCode, 201);
  });

  test('the administrator that owns the credentials cannot be deleted', async () => {
    const res = await t.request({ method: 'DELETE', url: `/v2/users/${t.account.adminUserId}` });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { id: ['The administrator that owns the API credentials cannot be deleted.'] });
  });
});

describe('GET /v2/users/ (list)', () => {
  let fresh: TestApp;
  let ids: number[] = [];
  before(async () => {
    fresh = await buildTestApp();
    ids = [fresh.account.adminUserId];
    const specs = [
      { name: 'Alice Souza', login: 'alice', externalId: 'E1', userType: 1, smartPhoneNumber: '5562911110000' },
      { name: 'Bruno Lima', login: 'bruno', externalId: 'E2', userType: 2, smartPhoneNumber: '5511922220000' },
      { name: 'Carla Souza', login: 'carla', externalId: 'E3', userType: 1, smartPhoneNumber: '5562933330000' },
    ];
    for (const s of specs)
      ids.push((await fresh.request({ method: 'POST', url: '/v2/users/', payload: userBody(s) })).json().result.userId);
  });
  after(async () => fresh.close());

  const list = (qs: string) => fresh.request({ method: 'GET', url: `/v2/users/${qs}` });
  const names = (res: { json(): { result: { entityList: { name: string }[] } } }) => res.json().result.entityList.map((u) => u.name);

  test('without paramFilter lists every user with the envelope and self link (D4, D5)', async () => {
    const res = await list('');
    assert.equal(res.statusCode, 200);
    const r = res.json().result;
    assert.equal(r.entityList.length, 4);
    assert.deepEqual(r.pagedSearchReturnData, { order: 0, pageSize: 10, page: 1, totalItems: 4 });
    assert.deepEqual(r.links, [{ href: 'http://localhost:80/v2/Users?Page=1&PageSize=10&Order=Asc', rel: 'self', method: 'GET' }]);
    assert.deepEqual(Object.keys(r.entityList[1]), Object.keys(asGet(written(1))));
  });

  test('pages, echoes the filter in links as received and adds nextPage only while more items exist', async () => {
    const filter = '{\r\n"name":"souza"\r\n}';
    const res = await list(`?paramFilter=${encodeURIComponent(filter)}&page=1&pageSize=1`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().result.links, [
      {
        href: 'http://localhost:80/v2/Users?ParamFilter=%7B%0D%0A%22name%22%3A%22souza%22%0D%0A%7D&Page=1&PageSize=1&Order=Asc',
        rel: 'self',
        method: 'GET',
      },
      {
        href: 'http://localhost:80/v2/Users?ParamFilter=%7B%0D%0A%22name%22%3A%22souza%22%0D%0A%7D&Page=2&PageSize=1&Order=Asc',
        rel: 'nextPage',
        method: 'GET',
      },
    ]);
    assert.deepEqual(names(res), ['Alice Souza']);
    const last = await list(`?paramFilter=${encodeURIComponent(filter)}&page=2&pageSize=1`);
    assert.deepEqual(names(last), ['Carla Souza']);
    assert.equal(last.json().result.links.length, 1);
  });

  test('a page past the end answers 404 with the envelope and the true total (D4)', async () => {
    const res = await list('?page=3&pageSize=2');
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), {
      result: {
        entityList: [],
        pagedSearchReturnData: { order: 0, pageSize: 2, page: 3, totalItems: 4 },
        links: [{ href: 'http://localhost:80/v2/Users?Page=3&PageSize=2&Order=Asc', rel: 'self', method: 'GET' }],
      },
    });
  });

  test('filters: userId, name (contains, any case), smartPhoneNumber, userType (code or name), externalId (multiple)', async () => {
    const q = (f: unknown) => list(`?paramFilter=${encodeURIComponent(JSON.stringify(f))}`);
    assert.deepEqual(names(await q({ userId: ids[2] })), ['Bruno Lima']);
    assert.deepEqual(names(await q({ userId: String(ids[2]) })), ['Bruno Lima']);
    assert.deepEqual(names(await q({ userID: ids[2] })), ['Bruno Lima']);
    assert.deepEqual(names(await q({ name: 'SOUZA' })), ['Alice Souza', 'Carla Souza']);
    assert.deepEqual(names(await q({ smartPhoneNumber: '551192' })), ['Bruno Lima']);
    assert.deepEqual(names(await q({ userType: '2' })), ['Bruno Lima']);
    assert.deepEqual(names(await q({ userType: 'Manager' })), ['Bruno Lima']);
    assert.deepEqual(names(await q({ userType: 1 })), ['Alice Souza', 'Carla Souza']);
    assert.deepEqual(names(await q({ externalId: 'E3, E1' })), ['Alice Souza', 'Carla Souza']);
    assert.deepEqual(names(await q({ ExternalID: 'E2', NAME: 'lima' })), ['Bruno Lima']);
    assert.equal((await q({ name: 'nobody' })).statusCode, 404);
  });

  test('order desc/1 sorts by id descending and reports order 1', async () => {
    for (const order of ['desc', 'DESC', '1']) {
      const res = await list(`?order=${order}&pageSize=2`);
      assert.deepEqual(
        res.json().result.entityList.map((u: { userId: number }) => u.userId),
        [ids[3], ids[2]],
      );
      assert.equal(res.json().result.pagedSearchReturnData.order, 1);
      assert.match(res.json().result.links[0].href, /Order=Desc$/);
    }
  });

  test('selectfields keeps only the named properties (any case, so userId keeps the live userID too; unknown names ignored)', async () => {
    const res = await list('?selectfields=userId,NAME,nonsense&pageSize=2');
    assert.deepEqual(res.json().result.entityList, [
      { userId: ids[0], userID: ids[0], name: 'Test Company' },
      { userId: ids[1], userID: ids[1], name: 'Alice Souza' },
    ]);
  });

  test('bad paging or a malformed filter answers 400 with the error envelope', async () => {
    for (const qs of [
      '?page=0',
      '?pageSize=0',
      '?page=x',
      '?order=sideways',
      '?paramFilter=%7Bnot-json',
      '?paramFilter=%5B1%5D',
      '?paramFilter=%7B%22userId%22%3A%22abc%22%7D',
      '?paramFilter=%7B%22userType%22%3A%22boss%22%7D',
    ]) {
      const res = await list(qs);
      assert.equal(res.statusCode, 400, qs);
      const body = res.json();
      assert.deepEqual(Object.keys(body), ['message', 'target', 'errorCode', 'errors'], qs);
      assert.deepEqual([body.target, body.errorCode, body.errors], [null, 0, null]);
    }
  });

  test('pageSize has no cap on users (9999999 returns everything)', async () => {
    const res = await list('?pageSize=9999999');
    assert.equal(res.json().result.entityList.length, 4);
  });
});
