import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { buildTestApp, createScratchStore, type TestApp, userBody } from '../../../test/helpers/app.js';
import { scaled } from '../../../test/helpers/time.js';
import { buildApp } from '../../app.js';
import { ConfigError, loadConfig, parseRetrySchedule } from '../../config.js';
import { ManualClock } from '../../core/clock.js';
import { openDb } from '../../db/index.js';
import { migrate } from '../../db/migrate.js';
import { isPrivateAddress, retryDelay, WebhookDispatcher } from './webhooks.dispatcher.js';

// ---- A local receiver on 127.0.0.1 --------------------------------------------------------

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  json: Record<string, unknown>;
}

type Answer = { status: number; body?: string } | 'hang';

class Receiver {
  readonly received: Received[] = [];
  /** How to answer the n-th request (0-based) of a path, given its body; default 200. */
  answer: (path: string, n: number, json: Record<string, unknown>) => Answer = () => ({ status: 200, body: 'ok' });
  private server: Server | undefined;
  private port = 0;
  private readonly counts = new Map<string, number>();

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        const json = JSON.parse(raw);
        this.received.push({ path, headers: req.headers, raw, json });
        const n = this.counts.get(path) ?? 0;
        this.counts.set(path, n + 1);
        const a = this.answer(path, n, json);
        if (a === 'hang') return;
        res.writeHead(a.status, { 'content-type': 'text/plain' });
        res.end(a.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Resolves when `path` has received `count` requests (an event, not a timer). */
  async waitFor(path: string, count: number): Promise<Received[]> {
    while (this.at(path).length < count) await new Promise((resolve) => setImmediate(resolve));
    return this.at(path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const START = '2026-03-10T12:00:00.000Z';
/** START in America/Sao_Paulo (UTC-3), as the API prints it. */
const START_LOCAL = '2026-03-10T09:00:00';

let t: TestApp;
let rx: Receiver;
let pathNo = 0;
/** A fresh receiver path per test, so tests do not see each other's deliveries. */
const newPath = () => `/hook-${++pathNo}`;

before(async () => {
  rx = new Receiver();
  await rx.start();
  t = await buildTestApp({ clock: new ManualClock(START) });
});
after(async () => {
  await t.close();
  await rx.stop();
});

// Each test starts at START with no active webhook and nothing queued in the shared app.
beforeEach(async () => {
  t.clock.set(START);
  await t.login();
  await t.store.db.updateTable('webhooks').set({ active: 0, deleted_at: START }).where('deleted_at', 'is', null).execute();
  await t.store.db.updateTable('webhook_deliveries').set({ status: 'cancelled' }).where('status', '=', 'pending').execute();
  rx.answer = () => ({ status: 200, body: 'ok' });
});

async function register(app: TestApp, body: Record<string, unknown>, token?: string) {
  return app.request({ method: 'POST', url: '/v2/webHooks/', payload: body, ...(token ? { token } : {}) });
}

async function createUser(app: TestApp, over: Record<string, unknown> = {}, token?: string) {
  const res = await app.request({ method: 'POST', url: '/v2/users/', payload: userBody(over), ...(token ? { token } : {}) });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().result as Record<string, unknown> & { userId: number };
}

async function getUser(app: TestApp, id: number) {
  return (await app.request({ method: 'GET', url: `/v2/users/${id}` })).json().result;
}

async function countWebhooks(app: TestApp): Promise<number> {
  const res = await app.request({ method: 'GET', url: '/v2/webHooks/?pageSize=9999999' });
  return res.statusCode === 404 ? 0 : res.json().result.pagedSearchReturnData.totalItems;
}

async function deliveries(app: TestApp, query = '') {
  const res = await app.request({ method: 'GET', url: `/campo/v1/webhookDeliveries?pageSize=500&order=asc${query}` });
  const list = res.json().result.entityList as Record<string, unknown>[];
  assert.equal(res.statusCode, list.length === 0 ? 404 : 200, res.body);
  return list;
}

function hookObject(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    userId: 0,
    entity: 'User',
    action: 'Inclusao',
    urlResponse: '',
    creationDate: START_LOCAL,
    deleteDate: null,
    active: true,
    hasAuthorization: false,
    ...over,
  };
}

/** The compat body D12a pins, for one user event. */
function compatBody(o: { action: string; entityId: number; webhookId: number; date: string; entity: unknown; entityType?: string }) {
  const entityType = o.entityType ?? 'Usuarios';
  return {
    entityType,
    action: o.action,
    entityId: o.entityId,
    userAdminId: t.account.adminUserId,
    webhookId: o.webhookId,
    date: o.date,
    entities: [o.entity],
    result: {
      EntityType: entityType,
      Action: o.action,
      EntityId: o.entityId,
      UserAdminId: t.account.adminUserId,
      WebhookId: o.webhookId,
      Date: o.date,
      Entities: [o.entity],
    },
  };
}

// ---- Registration (D12) -------------------------------------------------------------------

describe('POST /v2/webHooks/', () => {
  test('the documented example body registers a webhook: 201, id as a string, canonical names, deleteDate null', async () => {
    const url = rx.url(newPath());
    const res = await register(t, { userId: t.account.adminUserId, entity: 'Task', action: 'inclusao', targetUrl: url, active: true });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().result.id;
    assert.match(id, /^\d+$/);
    assert.deepEqual(res.json(), {
      result: hookObject(id, { userId: t.account.adminUserId, entity: 'Task', urlResponse: url }),
    });
    assert.deepEqual(Object.keys(res.json().result), Object.keys(hookObject('1')), 'documented key order');
    const get = await t.request({ method: 'GET', url: `/v2/webhooks/${id}` });
    assert.equal(get.statusCode, 200);
    assert.deepEqual(get.json(), res.json());
  });

  test('entity by code or name in any case; Equipment/Ticket/Campo entities print their code', async () => {
    const cases: [unknown, string][] = [
      [1, 'User'],
      ['usuarios', 'User'],
      ['USER', 'User'],
      ['4', 'Task'],
      ['Tarefas', 'Task'],
      [7, 'Customer'],
      ['cliente', 'Customer'],
      [27, '27'],
      ['equipment', '27'],
      ['Ticket', '62'],
      ['product', '1011'],
      [1015, '1015'],
      ['TiposSolicitacao', '1019'],
      ['invoice', '1023'],
    ];
    for (const [entity, printed] of cases) {
      const url = rx.url(newPath());
      const res = await register(t, { entity, action: 2, urlResponse: url });
      assert.equal(res.statusCode, 201, `${String(entity)}: ${res.body}`);
      assert.deepEqual(res.json(), {
        result: hookObject(res.json().result.id, { entity: printed, action: 'Alteracao', urlResponse: url }),
      });
    }
  });

  test('action by code or name, any case, with or without accents', async () => {
    const cases: [unknown, string][] = [
      [1, 'Inclusao'],
      ['INCLUSÃO', 'Inclusao'],
      ['2', 'Alteracao'],
      ['alteração', 'Alteracao'],
      [3, 'Exclusao'],
      ['Exclusão', 'Exclusao'],
    ];
    for (const [action, printed] of cases) {
      const res = await register(t, { entity: 'User', action, targetUrl: rx.url(newPath()) });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().result.action, printed);
    }
  });

  test('action missing registers all three actions and answers the Inclusao one; repeating it answers 200 with it', async () => {
    const url = rx.url(newPath());
    const res = await register(t, { entity: 'Customer', targetUrl: url });
    assert.equal(res.statusCode, 201);
    const first = res.json().result;
    assert.deepEqual(res.json(), { result: hookObject(first.id, { entity: 'Customer', urlResponse: url }) });
    const filter = encodeURIComponent(JSON.stringify({ entity: 'Customer' }));
    const list = (await t.request({ method: 'GET', url: `/v2/webHooks/?paramFilter=${filter}&pageSize=100` })).json().result.entityList;
    const mine = list.filter((w: { urlResponse: string }) => w.urlResponse === url);
    assert.deepEqual(
      mine.map((w: { action: string }) => w.action),
      ['Inclusao', 'Alteracao', 'Exclusao'],
    );
    const again = await register(t, { entity: 7, targetUrl: url });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), res.json());
  });

  test('an identical active registration answers 200 with the existing webhook; another URL or action is a new one', async () => {
    const url = rx.url(newPath());
    const a = await register(t, { entity: 'User', action: 'Inclusao', targetUrl: url });
    assert.equal(a.statusCode, 201);
    const before = await countWebhooks(t);
    const b = await register(t, { entity: 'usuarios', action: '1', urlResponse: url });
    assert.equal(b.statusCode, 200);
    assert.deepEqual(b.json(), a.json());
    assert.equal(await countWebhooks(t), before);
    assert.equal((await register(t, { entity: 'User', action: 'Exclusao', targetUrl: url })).statusCode, 201);
    assert.equal((await register(t, { entity: 'User', action: 'Inclusao', targetUrl: `${url}?other=1` })).statusCode, 201);
  });

  test('authorization is stored, never echoed (hasAuthorization); active false is kept', async () => {
    const url = rx.url(newPath());
    const res = await register(t, { entity: 'User', action: 1, targetUrl: url, authorization: 'Bearer s3cr3t', active: false });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), { result: hookObject(res.json().result.id, { urlResponse: url, active: false, hasAuthorization: true }) });
    assert.ok(!res.body.includes('s3cr3t'));
  });

  test('bad input answers 400 with a field map and writes nothing', async () => {
    const before = await countWebhooks(t);
    const url = rx.url('/never');
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ action: 1, targetUrl: url }, { entity: ['The entity field is required.'] }],
      [
        { entity: 99, action: 1, targetUrl: url },
        { entity: ["The value '99' is not a valid entity: use a code or name from the entity table (GET /campo/v1/webhookEntities)."] },
      ],
      [
        { entity: 'no such!', action: 1, targetUrl: url },
        {
          entity: ["The value 'no such!' is not a valid entity: use a code or name from the entity table (GET /campo/v1/webhookEntities)."],
        },
      ],
      [
        { entity: 'Banana', action: 1, targetUrl: url },
        { entity: ["The value 'Banana' is not a valid entity: use a code or name from the entity table (GET /campo/v1/webhookEntities)."] },
      ],
      [
        { entity: 'Spaceship', action: 1, targetUrl: url },
        {
          entity: [
            "The value 'Spaceship' is not a valid entity: use a code or name from the entity table (GET /campo/v1/webhookEntities).",
          ],
        },
      ],
      [
        { entity: 'Tasks', action: 1, targetUrl: url },
        { entity: ["The value 'Tasks' is not a valid entity: use a code or name from the entity table (GET /campo/v1/webhookEntities)."] },
      ],
      [
        { entity: '', action: 1, targetUrl: url },
        { entity: ["The value '' is not a valid entity: use a code or name from the entity table (GET /campo/v1/webhookEntities)."] },
      ],
      [
        { entity: 'User', action: 'criar', targetUrl: url },
        { action: ["The value 'criar' is not valid. Use 1/Inclusao, 2/Alteracao or 3/Exclusao."] },
      ],
      [
        { entity: 'User', action: 4, targetUrl: url },
        { action: ["The value '4' is not valid. Use 1/Inclusao, 2/Alteracao or 3/Exclusao."] },
      ],
      [{ entity: 'User', action: 1 }, { targetUrl: ['The targetUrl field is required.'] }],
      [{ entity: 'User', action: 1, targetUrl: '' }, { targetUrl: ['The targetUrl field is required.'] }],
      [{ entity: 'User', action: 1, targetUrl: 'not a url' }, { targetUrl: ["The value 'not a url' is not a valid absolute URL."] }],
      [{ entity: 'User', action: 1, targetUrl: 'ftp://example.com/x' }, { targetUrl: ['The targetUrl must be an http or https URL.'] }],
      [{ entity: 'User', action: 1, targetUrl: url, userId: 987654 }, { userId: ['The user 987654 does not exist.'] }],
      [{ entity: 'User', action: 1, targetUrl: url, userId: 'abc' }, { userId: ['The value must be of type integer.'] }],
      [{ entity: 'User', action: 1, targetUrl: url, secret: 'short' }, { secret: ['The secret must be 16 to 256 characters long.'] }],
      [{ entity: 'User', action: 1, targetUrl: url, active: 'yes' }, { active: ['The value must be of type boolean.'] }],
      [
        { entity: 'User', action: 1, targetUrl: url, authorization: 'a\r\nX-Injected: 1' },
        { authorization: ['The authorization must be a valid HTTP header value of at most 4096 characters.'] },
      ],
      [
        { entity: 'Nope!', action: 'x', targetUrl: 'mailto:a@b.c' },
        {
          entity: ["The value 'Nope!' is not a valid entity: use a code or name from the entity table (GET /campo/v1/webhookEntities)."],
          action: ["The value 'x' is not valid. Use 1/Inclusao, 2/Alteracao or 3/Exclusao."],
          targetUrl: ['The targetUrl must be an http or https URL.'],
        },
      ],
    ];
    for (const [body, errors] of cases) {
      const res = await register(t, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.deepEqual(res.json(), errors, JSON.stringify(body));
    }
    const noType = await t.request({
      method: 'POST',
      url: '/v2/webHooks/',
      payload: '{"entity":1}',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(noType.statusCode, 415);
    const badJson = await t.request({
      method: 'POST',
      url: '/v2/webHooks/',
      payload: '{"entity":',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(badJson.statusCode, 400);
    assert.equal(await countWebhooks(t), before);
  });
});

describe('GET and DELETE /v2/webHooks/{id}, GET /v2/webHooks/', () => {
  test('unknown id answers 404 with an empty body; a non-numeric id 400 with the id map', async () => {
    const missing = await t.request({ method: 'GET', url: '/v2/webHooks/999999' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body, '');
    const bad = await t.request({ method: 'GET', url: '/v2/webHooks/abc' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { id: ["The value 'abc' is not valid."] });
  });

  test('the list works without paramFilter and filters by id, entity, action and active; no match is 404 with the envelope', async () => {
    const url = rx.url(newPath());
    const w = (await register(t, { entity: 62, action: 3, targetUrl: url, active: false })).json().result;
    const all = await t.request({ method: 'GET', url: '/v2/webHooks/' });
    assert.equal(all.statusCode, 200);
    const f = (o: unknown) => `/v2/webHooks/?paramFilter=${encodeURIComponent(JSON.stringify(o))}`;
    const byId = await t.request({ method: 'GET', url: f({ id: Number(w.id) }) });
    assert.equal(byId.statusCode, 200);
    assert.deepEqual(byId.json().result.entityList, [w]);
    assert.deepEqual(byId.json().result.pagedSearchReturnData, { order: 0, pageSize: 10, page: 1, totalItems: 1 });
    assert.match(byId.json().result.links[0].href, /\/v2\/webHooks\?ParamFilter=/);
    const combo = await t.request({ method: 'GET', url: f({ entity: 'ticket', action: 'Exclusão', active: false }) });
    assert.deepEqual(combo.json().result.entityList, [w]);
    for (const huge of [{ id: 99999999999 }, { userId: 99999999999 }]) {
      assert.equal((await t.request({ method: 'GET', url: f(huge) })).statusCode, 404, JSON.stringify(huge));
    }
    assert.equal((await t.request({ method: 'GET', url: '/v2/webHooks/99999999999' })).statusCode, 404);
    assert.equal((await t.request({ method: 'GET', url: '/campo/v1/webhookDeliveries?webhookId=99999999999' })).statusCode, 404);
    assert.equal((await t.request({ method: 'GET', url: '/campo/v1/webhookDeliveries/99999999999999999999' })).statusCode, 404);
    const none = await t.request({ method: 'GET', url: f({ entity: 'Ticket', action: 3, active: true }) });
    assert.equal(none.statusCode, 404);
    assert.deepEqual(none.json().result.entityList, []);
    const bad = await t.request({ method: 'GET', url: f({ action: 'nada' }) });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), {
      message: "The paramFilter field 'action' is not valid for ParamUserFilter.",
      target: null,
      errorCode: 0,
      errors: null,
    });
    const banana = await t.request({ method: 'GET', url: f({ entity: 'Banana' }) });
    assert.deepEqual(
      [banana.statusCode, banana.json()],
      [400, { message: "The paramFilter field 'entity' is not valid for ParamUserFilter.", target: null, errorCode: 0, errors: null }],
    );
  });

  test('DELETE is soft: 204, then GET shows deleteDate and active false, a second DELETE is 404, no more deliveries', async () => {
    const path = newPath();
    const w = (await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) })).json().result;
    t.clock.advance(60_000);
    const del = await t.request({ method: 'DELETE', url: `/v2/webHooks/${w.id}` });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    const get = await t.request({ method: 'GET', url: `/v2/webHooks/${w.id}` });
    assert.deepEqual(get.json(), { result: { ...w, deleteDate: '2026-03-10T09:01:00', active: false } });
    t.clock.set(START);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/webHooks/${w.id}` })).statusCode, 404);
    await createUser(t);
    await t.services.webhooks.dispatcher.drain();
    assert.equal(rx.at(path).length, 0);
    // Registering the same target again is a new webhook (the deleted one is not "identical active").
    const again = await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) });
    assert.equal(again.statusCode, 201);
    assert.notEqual(again.json().result.id, w.id);
    await t.request({ method: 'DELETE', url: `/v2/webHooks/${again.json().result.id}` });
  });
});

// ---- Delivery (D12a) ----------------------------------------------------------------------

describe('delivery', () => {
  test('User events: Inclusao on POST, Alteracao on PUT and PATCH, Exclusao with the last state; the entity as GET returns it', async () => {
    const path = newPath();
    const hooks = (await register(t, { entity: 'User', targetUrl: rx.url(path), authorization: 'Basic dXNlcjpwYXNz' })).json().result;
    const inclusao = Number(hooks.id);
    const user = await createUser(t, { externalId: 'wh-1' });
    const afterCreate = await getUser(t, user.userId);
    t.clock.advance(1000);
    await t.request({ method: 'PUT', url: '/v2/users/', payload: { externalId: 'wh-1', name: 'Renamed' } });
    const afterPut = await getUser(t, user.userId);
    t.clock.advance(1000);
    await t.request({
      method: 'PATCH',
      url: `/v2/users/${user.userId}`,
      payload: [{ op: 'replace', path: 'jobPosition', value: 'Chefe' }],
    });
    const afterPatch = await getUser(t, user.userId);
    t.clock.advance(1000);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/users/${user.userId}` })).statusCode, 204);
    assert.equal(rx.at(path).length, 0, 'nothing is sent before the dispatcher runs');
    await t.services.webhooks.dispatcher.drain();
    const got = rx.at(path);
    assert.deepEqual(
      got.map((g) => g.json),
      [
        compatBody({ action: 'Inclusao', entityId: user.userId, webhookId: inclusao, date: '2026-03-10T09:00:00', entity: afterCreate }),
        compatBody({ action: 'Alteracao', entityId: user.userId, webhookId: inclusao + 1, date: '2026-03-10T09:00:01', entity: afterPut }),
        compatBody({
          action: 'Alteracao',
          entityId: user.userId,
          webhookId: inclusao + 1,
          date: '2026-03-10T09:00:02',
          entity: afterPatch,
        }),
        compatBody({ action: 'Exclusao', entityId: user.userId, webhookId: inclusao + 2, date: '2026-03-10T09:00:03', entity: afterPatch }),
      ],
    );
    for (const g of got) {
      assert.equal(g.headers['content-type'], 'application/json');
      assert.equal(g.headers.authorization, 'Basic dXNlcjpwYXNz');
      assert.equal(g.headers['x-campo-signature'], undefined, 'no signature without a secret');
      assert.match(String(g.headers['x-campo-delivery']), /^\d+$/);
    }
    const journal = await deliveries(t, `&entity=User&entityId=${user.userId}`);
    assert.deepEqual(
      journal.map((d) => [d.action, d.status, d.attempts, d.lastResponseStatus]),
      [
        ['Inclusao', 'delivered', 1, 200],
        ['Alteracao', 'delivered', 1, 200],
        ['Alteracao', 'delivered', 1, 200],
        ['Exclusao', 'delivered', 1, 200],
      ],
    );
    t.clock.set(START);
  });

  test('Task (code 4) and Customer (code 7): Tarefas and Cliente bodies with the entity as GET returns it; field events are Alteracao', async () => {
    const path = newPath();
    const taskHook = Number((await register(t, { entity: 4, targetUrl: rx.url(path) })).json().result.id);
    const customerHook = Number((await register(t, { entity: 7, action: 'Inclusao', targetUrl: rx.url(path) })).json().result.id);
    const customerRes = await t.request({ method: 'POST', url: '/v2/customers/', payload: { name: 'Padaria Central' } });
    assert.equal(customerRes.statusCode, 201, customerRes.body);
    const customerId = customerRes.json().result.id as number;
    const customer = (await t.request({ method: 'GET', url: `/v2/customers/${customerId}` })).json().result;
    const taskRes = await t.request({
      method: 'POST',
      url: '/v2/tasks/',
      payload: {
        idUserFrom: t.account.adminUserId,
        idUserTo: t.account.adminUserId,
        customerId,
        address: 'Av. Central, 100',
        latitude: -16.6872,
        longitude: -49.2995,
        orientation: 'Verificar o equipamento',
        priority: 1,
        taskDate: '2026-03-12T09:00:00',
      },
    });
    assert.equal(taskRes.statusCode, 201, taskRes.body);
    const taskId = taskRes.json().result.taskID as number;
    const created = (await t.request({ method: 'GET', url: `/v2/tasks/${taskId}` })).json().result;
    t.clock.advance(60_000);
    const checkIn = await t.request({
      method: 'POST',
      url: `/campo/v1/tasks/${taskId}/check-in`,
      payload: { latitude: -16.6872, longitude: -49.2995 },
    });
    assert.equal(checkIn.statusCode, 200, checkIn.body);
    const checkedIn = (await t.request({ method: 'GET', url: `/v2/tasks/${taskId}` })).json().result;
    t.clock.advance(60_000);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/tasks/${taskId}` })).statusCode, 204);
    await t.services.webhooks.dispatcher.drain();
    const doc = (o: { type: string; action: string; id: number; hook: number; date: string; entity: unknown }) => ({
      EntityType: o.type,
      Action: o.action,
      EntityId: o.id,
      UserAdminId: t.account.adminUserId,
      WebhookId: o.hook,
      Date: o.date,
      Entities: [o.entity],
    });
    const got = rx.at(path).map((g) => g.json.result as { Entities: Record<string, unknown>[] });
    assert.deepEqual(got.slice(0, 3), [
      doc({ type: 'Cliente', action: 'Inclusao', id: customerId, hook: customerHook, date: START_LOCAL, entity: customer }),
      doc({ type: 'Tarefas', action: 'Inclusao', id: taskId, hook: taskHook, date: START_LOCAL, entity: created }),
      doc({ type: 'Tarefas', action: 'Alteracao', id: taskId, hook: taskHook + 1, date: '2026-03-10T09:01:00', entity: checkedIn }),
    ]);
    assert.equal(got.length, 4);
    assert.deepEqual(
      { ...got[3], Entities: undefined },
      {
        ...doc({ type: 'Tarefas', action: 'Exclusao', id: taskId, hook: taskHook + 2, date: '2026-03-10T09:02:00', entity: null }),
        Entities: undefined,
      },
    );
    assert.equal(got[3].Entities[0].taskID, taskId, 'the deleted task travels with its last state');
    assert.equal(got[3].Entities[0].taskStatus, checkedIn.taskStatus);
  });

  test('userId set: only events whose entity involves that user; other entities and actions are not sent', async () => {
    const path = newPath();
    const target = await createUser(t);
    await register(t, { userId: target.userId, entity: 'User', action: 'Alteracao', targetUrl: rx.url(path) });
    const other = await createUser(t);
    await t.request({ method: 'PATCH', url: `/v2/users/${other.userId}`, payload: [{ op: 'replace', path: 'name', value: 'Other' }] });
    await t.request({ method: 'PATCH', url: `/v2/users/${target.userId}`, payload: [{ op: 'replace', path: 'name', value: 'Target' }] });
    await t.services.webhooks.dispatcher.drain();
    assert.deepEqual(
      rx.at(path).map((g) => [g.json.entityId, g.json.action]),
      [[target.userId, 'Alteracao']],
    );
  });

  test('AUVO_WEBHOOK_FORMAT=camel sends the top-level keys only; doc sends only {"result": ...} as the Notifier', async () => {
    for (const format of ['camel', 'doc'] as const) {
      const app = await buildTestApp({ clock: new ManualClock(START), env: { AUVO_WEBHOOK_FORMAT: format } });
      try {
        const path = newPath();
        const hook = (await register(app, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) })).json().result;
        const user = await createUser(app);
        const entity = await getUser(app, user.userId);
        await app.services.webhooks.dispatcher.drain();
        const fields = {
          EntityType: 'Usuarios',
          Action: 'Inclusao',
          EntityId: user.userId,
          UserAdminId: app.account.adminUserId,
          WebhookId: Number(hook.id),
          Date: START_LOCAL,
          Entities: [entity],
        };
        const camel = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k[0].toLowerCase() + k.slice(1), v]));
        assert.deepEqual(
          rx.at(path).map((g) => g.json),
          [format === 'doc' ? { result: fields } : camel],
        );
      } finally {
        await app.close();
      }
    }
  });

  test('any entity of the table is delivered without per-entity code (Equipment by code, a GUID-addressed Service by name)', async () => {
    const path = newPath();
    const eq = (await register(t, { entity: 27, action: 'Inclusao', targetUrl: rx.url(path) })).json().result;
    const svc = (await register(t, { entity: 'service', action: 'Exclusao', targetUrl: rx.url(path) })).json().result;
    const snapshot = { id: 55, name: 'Compressor' };
    await t.deps.db.transaction().execute(async (trx) => {
      await t.deps.changes.record(trx, { accountId: t.account.id, entity: 'Equipment', entityId: 55, action: 'Inclusao', snapshot });
      await t.deps.changes.record(trx, {
        accountId: t.account.id,
        entity: 'Service',
        entityId: 'a1b2-c3',
        action: 'Exclusao',
        snapshot: { id: 'a1b2-c3' },
      });
    });
    await t.services.webhooks.dispatcher.drain();
    // Order is kept per entity, not across entities: compare in a fixed order.
    const got = rx
      .at(path)
      .map((g) => g.json.result)
      .sort((a, b) => String((a as { EntityType: string }).EntityType).localeCompare(String((b as { EntityType: string }).EntityType)));
    assert.deepEqual(got, [
      {
        EntityType: 'Equipamentos',
        Action: 'Inclusao',
        EntityId: 55,
        UserAdminId: t.account.adminUserId,
        WebhookId: Number(eq.id),
        Date: START_LOCAL,
        Entities: [snapshot],
      },
      {
        EntityType: 'Servicos',
        Action: 'Exclusao',
        EntityId: 'a1b2-c3',
        UserAdminId: t.account.adminUserId,
        WebhookId: Number(svc.id),
        Date: START_LOCAL,
        Entities: [{ id: 'a1b2-c3' }],
      },
    ]);
  });

  test('a write that rolls back queues nothing (the outbox row is part of the transaction)', async () => {
    const path = newPath();
    await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) });
    const before = (await deliveries(t)).length;
    await assert.rejects(
      t.deps.db.transaction().execute(async (trx) => {
        await t.deps.changes.record(trx, { accountId: t.account.id, entity: 'User', entityId: 1, action: 'Inclusao', snapshot: {} });
        throw new Error('rollback');
      }),
    );
    assert.equal((await deliveries(t)).length, before);
    await t.services.webhooks.dispatcher.drain();
    assert.equal(rx.at(path).length, 0);
  });

  test('signature: with a secret each request carries X-Campo-Signature = sha256=HMAC-SHA256(secret, raw body)', async () => {
    const path = newPath();
    const secret = 'a-long-shared-secret-0123456789';
    await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path), secret });
    await createUser(t);
    await t.services.webhooks.dispatcher.drain();
    const [g] = rx.at(path);
    const expected = `sha256=${createHmac('sha256', secret).update(g.raw, 'utf8').digest('hex')}`;
    assert.equal(g.headers['x-campo-signature'], expected);
  });
});

// ---- Retries, dead letters, order, restart ------------------------------------------------

describe('retries', () => {
  test('non-2xx is retried on the schedule (never before it is due), then dead-lettered; the journal shows every attempt', async () => {
    const app = await buildTestApp({ clock: new ManualClock(START), env: { AUVO_WEBHOOK_RETRY_SCHEDULE: '10s,30s' } });
    try {
      const path = newPath();
      rx.answer = (p, n) => (p === path ? { status: 503, body: `busy ${n}` } : { status: 200 });
      const hook = (await register(app, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) })).json().result;
      const user = await createUser(app);
      const d = app.services.webhooks.dispatcher;
      assert.deepEqual(await d.runOnce(), { attempted: 1, delivered: 0, failed: 1, dead: 0 });
      assert.deepEqual(await d.runOnce(), { attempted: 0, delivered: 0, failed: 0, dead: 0 }, 'not due yet');
      app.clock.advance(9_999);
      assert.equal((await d.runOnce()).attempted, 0, 'jitter only adds time');
      app.clock.advance(2_001); // 10 s + at most 20 % jitter
      assert.deepEqual(await d.runOnce(), { attempted: 1, delivered: 0, failed: 1, dead: 0 });
      app.clock.advance(36_000);
      assert.deepEqual(await d.runOnce(), { attempted: 1, delivered: 0, failed: 0, dead: 1 });
      app.clock.advance(86_400_000);
      assert.equal((await d.runOnce()).attempted, 0, 'a dead delivery is never retried');
      await app.login();
      assert.equal(rx.at(path).length, 3);

      const [listed] = await deliveries(app, '&status=dead');
      const detail = await app.request({ method: 'GET', url: `/campo/v1/webhookDeliveries/${listed.id}` });
      assert.equal(detail.statusCode, 200);
      const body = detail.json().result;
      const raw = rx.at(path)[0].raw;
      const headers = { 'Content-Type': 'application/json', 'User-Agent': 'Campo-Webhooks/1', 'X-Campo-Delivery': String(listed.id) };
      assert.deepEqual(
        { ...body, attemptList: body.attemptList.map((a: Record<string, unknown>) => ({ ...a, startedAt: '-', durationMs: 0 })) },
        {
          id: listed.id,
          webhookId: Number(hook.id),
          eventSeq: listed.eventSeq,
          entity: 'User',
          entityType: 'Usuarios',
          entityId: String(user.userId),
          action: 'Inclusao',
          status: 'dead',
          attempts: 3,
          url: rx.url(path),
          createdAt: START_LOCAL,
          nextAttemptAt: null,
          deliveredAt: null,
          lastResponseStatus: 503,
          lastError: 'HTTP 503',
          replayOf: null,
          body: raw,
          attemptList: [0, 1, 2].map((n) => ({
            attempt: n + 1,
            startedAt: '-',
            durationMs: 0,
            url: rx.url(path),
            requestHeaders: headers,
            requestBody: raw,
            responseStatus: 503,
            responseBody: `busy ${n}`,
            error: 'HTTP 503',
            outcome: 'failed',
          })),
        },
      );
      assert.deepEqual(
        body.attemptList.map((a: { startedAt: string }) => a.startedAt),
        [START_LOCAL, '2026-03-10T09:00:12', '2026-03-10T09:00:48'],
      );
    } finally {
      rx.answer = () => ({ status: 200, body: 'ok' });
      await app.close();
    }
  });

  test('connection errors and timeouts are failed attempts too', async () => {
    const app = await buildTestApp({
      clock: new ManualClock(START),
      env: { AUVO_WEBHOOK_TIMEOUT_MS: '200', AUVO_WEBHOOK_RETRY_SCHEDULE: 'none' },
    });
    try {
      const hang = newPath();
      rx.answer = (p) => (p === hang ? 'hang' : { status: 200 });
      await register(app, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(hang) });
      // Port 9 (discard) on loopback: nothing listens, the connection is refused.
      await register(app, { entity: 'User', action: 'Inclusao', targetUrl: 'http://127.0.0.1:9/closed' });
      await createUser(app);
      assert.deepEqual(await app.services.webhooks.dispatcher.runOnce(), { attempted: 2, delivered: 0, failed: 0, dead: 2 });
      const dead = await deliveries(app, '&status=dead');
      assert.deepEqual(dead.map((d) => d.lastError).sort(), ['connect ECONNREFUSED 127.0.0.1:9', 'timeout after 200 ms']);
    } finally {
      rx.answer = () => ({ status: 200, body: 'ok' });
      await app.close();
    }
  });

  test('events of one entity are sent in commit order: a later one waits while an earlier one is retried; other entities do not wait', async () => {
    const path = newPath();
    await register(t, { entity: 'User', action: 'Alteracao', targetUrl: rx.url(path) });
    const a = await createUser(t);
    const b = await createUser(t);
    // The first delivery of A1 fails. Deliveries of different entities go out concurrently, so
    // which one arrives first is not fixed: the answer goes by content, not by arrival order.
    let failFirst = true;
    const nameOf = (json: Record<string, unknown>) => (json.entities as { name: string }[])[0].name;
    rx.answer = (p, _n, json) => {
      if (p === path && failFirst && nameOf(json) === 'A1') {
        failFirst = false;
        return { status: 500 };
      }
      return { status: 200 };
    };
    const patch = (id: number, name: string) =>
      t.request({ method: 'PATCH', url: `/v2/users/${id}`, payload: [{ op: 'replace', path: 'name', value: name }] });
    await patch(a.userId, 'A1');
    await patch(a.userId, 'A2');
    await patch(b.userId, 'B1');
    const d = t.services.webhooks.dispatcher;
    await d.drain();
    assert.deepEqual(
      rx
        .at(path)
        .map((g) => nameOf(g.json))
        .sort(),
      ['A1', 'B1'],
      'A1 failed, A2 waits behind it, B1 goes out',
    );
    t.clock.advance(12_001);
    await d.drain();
    assert.deepEqual(
      rx
        .at(path)
        .slice(2)
        .map((g) => nameOf(g.json)),
      ['A1', 'A2'],
      'the retry of A1, then A2',
    );
    rx.answer = () => ({ status: 200, body: 'ok' });
    t.clock.set(START);
  });

  test('a round takes one delivery per entity, the oldest: events of several entities arrive once each, in commit order per entity', async () => {
    const path = newPath();
    await register(t, { entity: 'User', action: 'Alteracao', targetUrl: rx.url(path) });
    const users = [await createUser(t), await createUser(t), await createUser(t)];
    for (let i = 1; i <= 4; i++) {
      for (const [k, u] of users.entries()) {
        const res = await t.request({
          method: 'PATCH',
          url: `/v2/users/${u.userId}`,
          payload: [{ op: 'replace', path: 'name', value: `U${k}-${i}` }],
        });
        assert.equal(res.statusCode, 200, res.body);
      }
    }
    const nameOf = (json: Record<string, unknown>) => (json.entities as { name: string }[])[0].name;
    const d = t.services.webhooks.dispatcher;
    const rounds: string[][] = [];
    for (;;) {
      const before = rx.at(path).length;
      const r = await d.runOnce();
      if (r.attempted === 0) break;
      assert.deepEqual(r, { attempted: 3, delivered: 3, failed: 0, dead: 0 });
      rounds.push(
        rx
          .at(path)
          .slice(before)
          .map((g) => nameOf(g.json))
          .sort(),
      );
    }
    // Three chains of four events: four rounds, each with the next event of every user.
    assert.deepEqual(
      rounds,
      [1, 2, 3, 4].map((i) => [0, 1, 2].map((k) => `U${k}-${i}`)),
    );
    const ids = rx.at(path).map((g) => g.headers['x-campo-delivery']);
    assert.equal(new Set(ids).size, 12, 'each delivery sent once');
    assert.deepEqual(
      (await deliveries(t, '&status=delivered')).filter((x) => ids.includes(String(x.id))).map((x) => x.attempts),
      Array(12).fill(1),
    );
  });

  test("a round's results are recorded together, each only under the lease it holds: a delivery taken over meanwhile is left to its new node", async () => {
    const app = await buildTestApp({ url: t.url, clock: new ManualClock(START), env: { AUVO_WEBHOOK_TIMEOUT_MS: String(scaled(1500)) } });
    try {
      const quick = newPath();
      const slow = newPath();
      rx.answer = (p) => (p === slow ? 'hang' : { status: 200 });
      await register(app, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(quick) });
      await register(app, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(slow) });
      await createUser(app);
      const d = app.services.webhooks.dispatcher;
      const round = d.runOnce();
      const [hung] = await rx.waitFor(slow, 1);
      const taken = Number(hung.headers['x-campo-delivery']);
      // While the attempt hangs, another node takes its lease over (as after an expiry).
      await app.store.db.updateTable('webhook_deliveries').set({ lease_owner: 'node-x' }).where('id', '=', taken).execute();
      assert.deepEqual(await round, { attempted: 2, delivered: 1, failed: 1, dead: 0 });
      const row = await app.store.db
        .selectFrom('webhook_deliveries')
        .select(['status', 'attempts', 'lease_owner', 'delivered_at'])
        .where('id', '=', taken)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'pending', attempts: 0, lease_owner: 'node-x', delivered_at: null }, 'not overwritten');
      const other = Number(rx.at(quick)[0].headers['x-campo-delivery']);
      const done = await app.store.db
        .selectFrom('webhook_deliveries')
        .select(['status', 'attempts', 'lease_owner'])
        .where('id', '=', other)
        .executeTakeFirstOrThrow();
      assert.deepEqual(done, { status: 'delivered', attempts: 1, lease_owner: null });
      const journal = await app.store.db
        .selectFrom('webhook_attempts')
        .select(['delivery_id', 'outcome'])
        .where('delivery_id', 'in', [taken, other])
        .orderBy('delivery_id')
        .execute();
      assert.deepEqual(
        journal.map((j) => [Number(j.delivery_id), j.outcome]),
        [
          [other, 'delivered'],
          [taken, 'failed'],
        ].sort((a, b) => Number(a[0]) - Number(b[0])),
        'both attempts journalled',
      );
    } finally {
      rx.answer = () => ({ status: 200, body: 'ok' });
      await app.close();
    }
  });

  test("the receiver's answer is journalled as text either store keeps: NUL replaced, a surrogate pair cut at 1,024 characters dropped", async () => {
    const path = newPath();
    await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) });
    rx.answer = (_p, n) => ({ status: 200, body: n === 0 ? `${'a'.repeat(1023)}\u{1F600}tail` : 'o\u0000k' });
    await createUser(t);
    assert.deepEqual(await t.services.webhooks.dispatcher.runOnce(), { attempted: 1, delivered: 1, failed: 0, dead: 0 });
    await createUser(t);
    assert.deepEqual(await t.services.webhooks.dispatcher.runOnce(), { attempted: 1, delivered: 1, failed: 0, dead: 0 });
    const ids = rx.at(path).map((g) => Number(g.headers['x-campo-delivery']));
    const bodies = await t.store.db
      .selectFrom('webhook_attempts')
      .select(['delivery_id', 'response_body'])
      .where('delivery_id', 'in', ids)
      .orderBy('delivery_id')
      .execute();
    assert.deepEqual(
      bodies.map((b) => b.response_body),
      ['a'.repeat(1023), 'o\uFFFDk'],
    );
  });

  test('a restart mid-retry resumes: a second app on the same store delivers what the first could not', async () => {
    const path = newPath();
    rx.answer = (p, n) => (p === path && n === 0 ? { status: 502 } : { status: 200 });
    const first = await buildTestApp({ clock: new ManualClock(START) });
    let second: TestApp | undefined;
    try {
      await register(first, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) });
      const user = await createUser(first);
      assert.equal((await first.services.webhooks.dispatcher.runOnce()).failed, 1);
      await first.app.close();
      await first.store.close();

      second = await buildTestApp({ url: first.url, clock: new ManualClock('2026-03-10T12:05:00Z') });
      assert.deepEqual(await second.services.webhooks.dispatcher.runOnce(), { attempted: 1, delivered: 1, failed: 0, dead: 0 });
      const got = rx.at(path);
      assert.equal(got.length, 2);
      assert.equal(got[1].raw, got[0].raw, 'the same body, byte for byte');
      assert.equal(got[1].json.entityId, user.userId);
      const token = await second.login(first.account);
      const res = await second.request({ method: 'GET', url: '/campo/v1/webhookDeliveries', token });
      assert.deepEqual(
        res.json().result.entityList.map((d: Record<string, unknown>) => [d.status, d.attempts, d.deliveredAt]),
        [['delivered', 2, '2026-03-10T09:05:00']],
      );
    } finally {
      rx.answer = () => ({ status: 200, body: 'ok' });
      await second?.close();
      await first.scratchDrop();
    }
  });

  test('an attempt whose node died is taken over once its lease expires', async () => {
    const path = newPath();
    await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) });
    await createUser(t);
    const now = t.clock.now();
    // A node leased the delivery and died before answering.
    const claimed = await t.store.db
      .updateTable('webhook_deliveries')
      .set({ lease_owner: 'dead-node', lease_until: new Date(now.getTime() + 70_000).toISOString() })
      .where('status', '=', 'pending')
      .returning('id')
      .execute();
    assert.equal(claimed.length, 1);
    const d = t.services.webhooks.dispatcher;
    assert.equal((await d.runOnce()).attempted, 0, 'leased elsewhere');
    t.clock.advance(70_000);
    assert.deepEqual(await d.runOnce(), { attempted: 1, delivered: 1, failed: 0, dead: 0 });
    assert.equal(rx.at(path).length, 1);
    t.clock.set(START);
  });

  test('two dispatchers on one store (SKIP LOCKED on PostgreSQL) send each delivery exactly once', async () => {
    const path = newPath();
    await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) });
    for (let i = 0; i < 12; i++) await createUser(t);
    const other = await buildTestApp({ url: t.url, clock: new ManualClock(START) });
    try {
      const make = (app: TestApp, owner: string) =>
        new WebhookDispatcher({
          db: app.store.db,
          dialect: app.store.dialect,
          clock: app.clock,
          owner,
          retrySchedule: [10_000],
          timeoutMs: 5_000,
          allowPrivate: true,
          batchSize: 3,
        });
      const one = make(t, 'node-1');
      const two = make(other, 'node-2');
      const totals = [0, 0];
      for (let round = 0; round < 20; round++) {
        const [a, b] = await Promise.all([one.runOnce(), two.runOnce()]);
        totals[0] += a.attempted;
        totals[1] += b.attempted;
        if (a.attempted + b.attempted === 0) break;
      }
      const ids = rx.at(path).map((g) => g.headers['x-campo-delivery']);
      assert.equal(ids.length, 12);
      assert.equal(new Set(ids).size, 12, 'no delivery sent twice');
      assert.equal(totals[0] + totals[1], 12);
      assert.ok(totals[0] > 0 && totals[1] > 0, `both nodes worked: ${totals}`);
    } finally {
      await other.app.close();
      await other.store.close();
    }
  });
});

// ---- Journal and replay -------------------------------------------------------------------

describe('journal and replay (/campo/v1/)', () => {
  test('replay queues the same body again as a new delivery pointing at the original', async () => {
    const path = newPath();
    await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) });
    const user = await createUser(t);
    await t.services.webhooks.dispatcher.drain();
    const [original] = await deliveries(t, `&entityId=${user.userId}&status=delivered`);
    assert.equal(original.status, 'delivered');
    const res = await t.request({ method: 'POST', url: `/campo/v1/webhookDeliveries/${original.id}/replay` });
    assert.equal(res.statusCode, 201, res.body);
    const replay = res.json().result;
    assert.deepEqual(replay, {
      ...original,
      id: replay.id,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: START_LOCAL,
      deliveredAt: null,
      lastResponseStatus: null,
      lastError: null,
      replayOf: original.id,
      body: rx.at(path)[0].raw,
      attemptList: [],
    });
    await t.services.webhooks.dispatcher.drain();
    const got = rx.at(path);
    assert.equal(got.length, 2);
    assert.equal(got[1].raw, got[0].raw);
    assert.equal(got[1].headers['x-campo-delivery'], String(replay.id));
    assert.equal((await t.request({ method: 'POST', url: '/campo/v1/webhookDeliveries/999999/replay' })).statusCode, 404);
    const bad = await t.request({ method: 'POST', url: '/campo/v1/webhookDeliveries/x/replay' });
    assert.deepEqual([bad.statusCode, bad.json()], [400, { id: ["The value 'x' is not valid."] }]);
  });

  test('replaying a delivery of a deleted webhook answers 400 and queues nothing', async () => {
    const path = newPath();
    const hook = (await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) })).json().result;
    await createUser(t);
    await t.services.webhooks.dispatcher.drain();
    const [d] = await deliveries(t, `&webhookId=${hook.id}`);
    await t.request({ method: 'DELETE', url: `/v2/webHooks/${hook.id}` });
    const res = await t.request({ method: 'POST', url: `/campo/v1/webhookDeliveries/${d.id}/replay` });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { webhookId: [`The webhook ${hook.id} is deleted or inactive: nothing can be sent to it.`] });
    assert.equal((await deliveries(t, `&webhookId=${hook.id}`)).length, 1);
  });

  test('deleting a webhook cancels its pending deliveries', async () => {
    const path = newPath();
    const hook = (await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) })).json().result;
    await createUser(t);
    await t.request({ method: 'DELETE', url: `/v2/webHooks/${hook.id}` });
    await t.services.webhooks.dispatcher.drain();
    assert.equal(rx.at(path).length, 0);
    assert.deepEqual(
      (await deliveries(t, `&webhookId=${hook.id}`)).map((d) => [d.status, d.lastError]),
      [['cancelled', 'webhook deleted']],
    );
  });

  test('list filters: webhook, entity (code or name), entity id, status, time; bad values answer 400 field maps', async () => {
    const path = newPath();
    const hook = (await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) })).json().result;
    t.clock.set('2026-03-11T12:00:00Z');
    await t.login();
    const u = await createUser(t);
    await t.services.webhooks.dispatcher.drain();
    const byHook = await deliveries(t, `&webhookId=${hook.id}`);
    assert.deepEqual(
      byHook.map((d) => [d.entityId, d.createdAt]),
      [[String(u.userId), '2026-03-11T09:00:00']],
    );
    assert.deepEqual(await deliveries(t, `&webhookId=${hook.id}&entity=1&status=delivered&from=2026-03-11&to=2026-03-11`), byHook);
    assert.deepEqual(await deliveries(t, `&webhookId=${hook.id}&entity=usuarios&entityId=${u.userId}&from=2026-03-11T08:59:59`), byHook);
    assert.deepEqual(await deliveries(t, `&webhookId=${hook.id}&to=2026-03-11T08:59:59`), []);
    assert.deepEqual(await deliveries(t, `&webhookId=${hook.id}&status=dead`), []);
    assert.deepEqual(await deliveries(t, `&webhookId=${hook.id}&entity=Task`), []);
    t.clock.set(START);
    await t.login();
    const page = await t.request({ method: 'GET', url: `/campo/v1/webhookDeliveries?webhookId=${hook.id}&entity=User&pageSize=1` });
    assert.equal(page.statusCode, 200);
    assert.deepEqual(page.json().result.pagedSearchReturnData, { order: 1, pageSize: 1, page: 1, totalItems: 1 });
    assert.deepEqual(page.json().result.links, [
      {
        href: `http://localhost:80/campo/v1/webhookDeliveries?webhookId=${hook.id}&entity=User&page=1&pageSize=1&order=desc`,
        rel: 'self',
        method: 'GET',
      },
    ]);
    const bad: [string, string][] = [
      ['status=lost', "The value 'lost' is not valid for status."],
      ['entity=99', "The value '99' is not valid for entity."],
      ['entity=Banana', "The value 'Banana' is not valid for entity."],
      ['webhookId=abc', "The value 'abc' is not valid for webhookId."],
      ['from=yesterday', "The value 'yesterday' is not valid for from."],
      ['pageSize=501', 'The pageSize must not be greater than 500.'],
      ['page=0', 'The page must be a positive integer.'],
      ['order=up', 'The order must be "asc"/0 or "desc"/1.'],
    ];
    for (const [q, message] of bad) {
      const res = await t.request({ method: 'GET', url: `/campo/v1/webhookDeliveries?${q}` });
      assert.deepEqual([res.statusCode, res.json()], [400, { message, target: null, errorCode: 0, errors: null }], q);
    }
    const missing = await t.request({ method: 'GET', url: '/campo/v1/webhookDeliveries/99999999' });
    assert.deepEqual([missing.statusCode, missing.body], [404, '']);
  });

  test('the entity table is served and documented in OpenAPI; journal routes are marked as extensions', async () => {
    const res = await t.request({ method: 'GET', url: '/campo/v1/webhookEntities' });
    assert.equal(res.statusCode, 200);
    const table = res.json().result as { code: number; name: string; webhookEntity: string; entityType: string }[];
    assert.deepEqual(table.slice(0, 5), [
      { code: 1, name: 'User', webhookEntity: 'User', entityType: 'Usuarios', documented: true },
      { code: 4, name: 'Task', webhookEntity: 'Task', entityType: 'Tarefas', documented: true },
      { code: 7, name: 'Customer', webhookEntity: 'Customer', entityType: 'Cliente', documented: true },
      { code: 27, name: 'Equipment', webhookEntity: '27', entityType: 'Equipamentos', documented: true },
      { code: 62, name: 'Ticket', webhookEntity: '62', entityType: 'Tickets', documented: true },
    ]);
    const names = table.map((e) => e.name);
    for (const n of [
      'User',
      'Task',
      'Customer',
      'CustomerGroup',
      'Team',
      'Segment',
      'Keyword',
      'TaskType',
      'Questionnaire',
      'Expense',
      'ExpenseType',
      'EquipmentCategory',
      'Equipment',
      'ProductCategory',
      'Product',
      'Service',
      'AdditionalCost',
      'Quotation',
      'Ticket',
      'Project',
    ]) {
      assert.ok(names.includes(n), n);
    }
    assert.equal(new Set(table.map((e) => e.code)).size, table.length, 'codes are unique');
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const post = doc.paths['/v2/webHooks'].post;
    assert.match(post.description, /\| 1011 \| Product \| "1011" \| Produtos \| Campo \|/);
    assert.match(post.description, /X-Campo-Signature/);
    assert.equal(doc.paths['/campo/v1/webhookDeliveries'].get['x-campo-extension'], true);
    assert.equal(doc.paths['/campo/v1/webhookDeliveries/{id}/replay'].post['x-campo-extension'], true);
  });
});

// ---- Safety and tenancy -------------------------------------------------------------------

describe('AUVO_WEBHOOK_ALLOW_PRIVATE=false', () => {
  test('registration refuses loopback, private and link-local targets (literal or resolved) and accepts public ones', async () => {
    const app = await buildTestApp({ clock: new ManualClock(START), env: { AUVO_WEBHOOK_ALLOW_PRIVATE: 'false' } });
    try {
      for (const [url, address] of [
        ['http://127.0.0.1:8080/x', '127.0.0.1'],
        ['http://localhost:8080/x', '127.0.0.1|::1'],
        ['https://10.1.2.3/x', '10.1.2.3'],
        ['http://192.168.0.10/x', '192.168.0.10'],
        ['http://169.254.169.254/latest/meta-data', '169.254.169.254'],
        ['http://[::1]:8080/x', '::1'],
        ['http://[fe80::1]/x', 'fe80::1'],
        ['http://[::ffff:10.0.0.1]/x', '::ffff:a00:1'],
      ]) {
        const res = await register(app, { entity: 'User', action: 1, targetUrl: url });
        assert.equal(res.statusCode, 400, url);
        assert.deepEqual(Object.keys(res.json()), ['targetUrl']);
        assert.match(res.json().targetUrl[0], new RegExp(`resolves to (${address}), a loopback, private or link-local address`), url);
      }
      assert.equal(await countWebhooks(app), 0);
      const ok = await register(app, { entity: 'User', action: 1, targetUrl: 'https://93.184.216.34/hook' });
      assert.equal(ok.statusCode, 201);
    } finally {
      await app.close();
    }
  });

  test('delivery is refused too when the target is private (checked again at connect time)', async () => {
    const path = newPath();
    const open = await buildTestApp({ clock: new ManualClock(START) });
    let strict: TestApp | undefined;
    try {
      await register(open, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) });
      await register(open, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path).replace('127.0.0.1', 'localhost') });
      await createUser(open);
      strict = await buildTestApp({ url: open.url, clock: new ManualClock(START), env: { AUVO_WEBHOOK_ALLOW_PRIVATE: 'false' } });
      assert.deepEqual(await strict.services.webhooks.dispatcher.runOnce(), { attempted: 2, delivered: 0, failed: 2, dead: 0 });
      assert.equal(rx.at(path).length, 0, 'nothing reached the private target');
      const token = await strict.login(open.account);
      const list = (await strict.request({ method: 'GET', url: '/campo/v1/webhookDeliveries?order=asc', token })).json().result.entityList;
      assert.equal(list.length, 2);
      for (const d of list) assert.match(d.lastError, /resolves to .*, a loopback, private or link-local address/);
    } finally {
      await strict?.app.close();
      await strict?.store.close();
      await open.close();
    }
  });
});

describe('tenancy', () => {
  test("another account never sees, deletes, replays or receives this account's webhooks", async () => {
    const other = await t.accounts.create('Other Company');
    const token = await t.login(other);
    const path = newPath();
    const hook = (await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) })).json().result;
    await createUser(t);
    await t.services.webhooks.dispatcher.drain();
    const [d] = await deliveries(t, `&webhookId=${hook.id}`);

    assert.equal((await t.request({ method: 'GET', url: `/v2/webHooks/${hook.id}`, token })).statusCode, 404);
    assert.equal((await t.request({ method: 'DELETE', url: `/v2/webHooks/${hook.id}`, token })).statusCode, 404);
    assert.equal((await t.request({ method: 'GET', url: '/v2/webHooks/', token })).statusCode, 404);
    assert.equal((await t.request({ method: 'GET', url: `/campo/v1/webhookDeliveries/${d.id}`, token })).statusCode, 404);
    assert.equal((await t.request({ method: 'POST', url: `/campo/v1/webhookDeliveries/${d.id}/replay`, token })).statusCode, 404);
    const journal = await t.request({ method: 'GET', url: '/campo/v1/webhookDeliveries', token });
    assert.equal(journal.statusCode, 404);
    assert.deepEqual(journal.json().result.entityList, []);

    // The other account's writes never reach this account's webhook, and the same target may be registered there.
    await createUser(t, {}, token);
    await t.services.webhooks.dispatcher.drain();
    assert.equal(rx.at(path).length, 1);
    const theirs = await register(t, { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) }, token);
    assert.equal(theirs.statusCode, 201);
    assert.equal((await t.request({ method: 'GET', url: `/v2/webHooks/${hook.id}` })).statusCode, 200);
  });
});

// ---- The loop in a served app, and the pure rules -----------------------------------------

describe('dispatcher loop', () => {
  test('buildApp({ dispatch: true }) delivers on its own after the write commits and stops on close', {
    timeout: scaled(15_000),
  }, async () => {
    const scratch = await createScratchStore();
    const store = openDb(scratch.url);
    try {
      await migrate(store.db, store.dialect);
      const config = loadConfig({ DATABASE_URL: scratch.url, AUVO_RATE_LIMIT: '0', LOG_LEVEL: 'silent' });
      const { app, accounts } = await buildApp({ config, store, logger: false, dispatch: true });
      const account = await accounts.create('Served');
      const login = await app.inject({
        method: 'POST',
        url: '/v2/login/',
        payload: { apiKey: account.apiKey, apiToken: account.apiToken },
      });
      const authorization = `Bearer ${login.json().result.accessToken}`;
      const path = newPath();
      const reg = await app.inject({
        method: 'POST',
        url: '/v2/webHooks/',
        headers: { authorization },
        payload: { entity: 'User', action: 'Inclusao', targetUrl: rx.url(path) },
      });
      assert.equal(reg.statusCode, 201);
      const created = await app.inject({ method: 'POST', url: '/v2/users/', headers: { authorization }, payload: userBody() });
      assert.equal(created.statusCode, 201);
      const [got] = await rx.waitFor(path, 1);
      assert.equal(got.json.entityId, created.json().result.userId);
      await app.close();
    } finally {
      await store.close();
      await scratch.drop();
    }
  });
});

describe('rules', () => {
  test('AUVO_WEBHOOK_RETRY_SCHEDULE: units ms/s/m/h/d (bare numbers are seconds), "none"; anything else is refused at boot', () => {
    assert.deepEqual(parseRetrySchedule('10s,30s,2m,10m,1h,6h'), [10_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000]);
    assert.deepEqual(parseRetrySchedule('500ms, 5, 1d'), [500, 5_000, 86_400_000]);
    assert.deepEqual(parseRetrySchedule('none'), []);
    for (const bad of ['10x', '', '1s,,2s', '8d', '0s']) assert.equal(parseRetrySchedule(bad), undefined, bad);
    assert.deepEqual(loadConfig({}).webhookRetrySchedule, [10_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000]);
    assert.equal(loadConfig({}).webhookFormat, 'compat');
    assert.equal(loadConfig({}).webhookAllowPrivate, true);
    assert.equal(loadConfig({}).webhookTimeoutMs, 10_000);
    assert.throws(
      () =>
        loadConfig({
          AUVO_WEBHOOK_FORMAT: 'xml',
          AUVO_WEBHOOK_RETRY_SCHEDULE: 'soon',
          AUVO_WEBHOOK_ALLOW_PRIVATE: 'maybe',
          AUVO_WEBHOOK_TIMEOUT_MS: '5',
        }),
      (err: unknown) => err instanceof ConfigError && err.problems.filter((p) => p.startsWith('AUVO_WEBHOOK_')).length === 4,
    );
  });

  test('backoff: the scheduled delay plus 0-20 % jitter, undefined once the schedule is exhausted', () => {
    const schedule = [10_000, 30_000];
    assert.equal(
      retryDelay(schedule, 1, () => 0),
      10_000,
    );
    assert.equal(
      retryDelay(schedule, 1, () => 0.999999),
      12_000,
    );
    assert.equal(
      retryDelay(schedule, 2, () => 0.5),
      33_000,
    );
    assert.equal(
      retryDelay(schedule, 3, () => 0.5),
      undefined,
    );
  });

  test('private addresses: loopback, RFC 1918, CGNAT, link-local, unique-local, mapped IPv4; public ones pass', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ]) {
      assert.equal(isPrivateAddress(a), true, a);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      assert.equal(isPrivateAddress(a), false, a);
  });
});
