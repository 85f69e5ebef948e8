import { Type } from 'typebox';
import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { AppError } from '../../core/errors.js';
import { listResult, type Paging } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER } from './webhooks.dispatcher.js';
import {
  DeliveryList,
  DeliveryQuery,
  deliveryDetailExample,
  deliveryExample,
  type WebhookDeliveryDto,
  entityTableMarkdown,
  Webhook,
  WebhookCreate,
  WebhookDeliveryDetail,
  WebhookEntity,
  webhookExample,
} from './webhooks.schema.js';
import { WebhooksService } from './webhooks.service.js';

const tags = ['Webhooks'];
const journalTags = ['Webhook deliveries'];

const DELIVERY_DOC = `**Deliveries.** Each change of a subscribed entity (any route, the technician simulator included) makes
one \`POST\` to \`urlResponse\` per matching active webhook, after the write has committed, with
\`Content-Type: application/json\`, \`${DELIVERY_HEADER}: <delivery id>\` (the same on every retry: use it to drop
duplicates, delivery is at-least-once), \`Authorization: <value>\` when the webhook stored one, and
\`${SIGNATURE_HEADER}: sha256=<hex>\` when it has a \`secret\` (Campo extension): the lower-case hex
HMAC-SHA256 of the raw request body keyed with the secret. To verify, compute
\`"sha256=" + hex(hmac_sha256(secret, raw_body_bytes))\` over the bytes received (before parsing JSON) and
compare in constant time.

Body (\`AUVO_WEBHOOK_FORMAT=compat\`, the default):
\`{"entityType","action","entityId","userAdminId","webhookId","date","entities":[<entity as its GET returns it>],
"result":{"EntityType","Action","EntityId","UserAdminId","WebhookId","Date","Entities":[...]}}\`, the same values in both
halves; \`camel\` sends the top-level keys only, \`doc\` only \`{"result":{...}}\` exactly as Auvo's Notifier. \`Exclusao\`
carries the entity's last state. \`Date\` is the naive server-zone time of the change. A webhook with \`userId\` set
receives only the events whose entity involves that user.

**Retries.** 2xx = delivered. A non-2xx answer, a timeout (10 s, \`AUVO_WEBHOOK_TIMEOUT_MS\`) or a connection error is
retried after 10 s, 30 s, 2 min, 10 min, 1 h and 6 h (\`AUVO_WEBHOOK_RETRY_SCHEDULE\`), each delay plus 0-20 % jitter;
after the last retry fails the delivery is dead (see \`/campo/v1/webhookDeliveries\`). Events of one entity reach a
target URL in commit order (also across the three webhooks of one URL): a later event waits until the earlier one is
delivered or dead. A deleted webhook's pending deliveries are cancelled. Redirects are not followed.`;

const ENTITY_DOC = `**Entities** (\`entity\` accepts the code, the name or the delivery name, any case):

${entityTableMarkdown()}

Any other value (\`"Banana"\`, \`"Tasks"\`, an unknown code) answers 400 \`{"entity": ["..."]}\` and nothing is stored: such a
webhook would never fire. The table is also served at \`GET /campo/v1/webhookEntities\`.`;

const JOURNAL_PATH = '/campo/v1/webhookDeliveries';

/** The list envelope for the journal, with links that keep its filters (an empty page is 404, as D4). */
function journalPage(items: WebhookDeliveryDto[], total: number, paging: Paging, query: Record<string, unknown>, baseUrl: string) {
  const href = (page: number) => {
    const q = new URLSearchParams();
    for (const k of ['webhookId', 'entity', 'entityId', 'status', 'from', 'to'] as const) {
      const v = query[k];
      if (typeof v === 'string' && v !== '') q.set(k, v);
    }
    q.set('page', String(page));
    q.set('pageSize', String(paging.pageSize));
    q.set('order', paging.order === 1 ? 'desc' : 'asc');
    return `${baseUrl}${JOURNAL_PATH}?${q}`;
  };
  const links = [{ href: href(paging.page), rel: 'self', method: 'GET' }];
  if (paging.page * paging.pageSize < total) links.push({ href: href(paging.page + 1), rel: 'nextPage', method: 'GET' });
  const envelope = {
    entityList: items,
    pagedSearchReturnData: { order: paging.order, pageSize: paging.pageSize, page: paging.page, totalItems: total },
    links,
  };
  if (items.length === 0) throw new AppError(404, { result: envelope }, 'empty page');
  return envelope;
}

export function registerWebhookRoutes({ route, services, config }: ModuleContext): void {
  const webhooks = services.webhooks;
  webhooks.configure(config);

  route({
    method: 'GET',
    url: '/v2/webHooks/:id',
    operationId: 'getWebHook',
    tags,
    summary: 'Retrieve a webhook',
    description: 'Deleted webhooks are still returned, with `deleteDate` set and `active` false.',
    params: IdParams,
    response: Webhook,
    example: webhookExample,
    handler: async ({ auth, params }) => webhooks.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/webHooks',
    operationId: 'listWebHooks',
    tags,
    summary: 'Retrieve a list of webhooks',
    description:
      'paramFilter (optional) keys: id (webhook id), userId, entity (code or name), action (code or name), active. Deleted webhooks are listed (active false). Order is by id.',
    querystring: ListQuery,
    list: true,
    response: ListEnvelope(Webhook),
    example: {
      entityList: [webhookExample],
      pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
      links: [
        {
          href: 'https://api.auvo.com.br/v2/webHooks?ParamFilter=%7B%22active%22%3Atrue%7D&Page=1&PageSize=1&Order=Asc',
          rel: 'self',
          method: 'GET',
        },
        {
          href: 'https://api.auvo.com.br/v2/webHooks?ParamFilter=%7B%22active%22%3Atrue%7D&Page=2&PageSize=1&Order=Asc',
          rel: 'nextPage',
          method: 'GET',
        },
      ],
    },
    handler: async ({ auth, query, baseUrl }) => {
      const r = await webhooks.list(auth, query);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'webHooks', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'POST',
    url: '/v2/webHooks',
    operationId: 'createWebHook',
    tags,
    summary: 'Add a new webhook',
    description: `\`targetUrl\` (or \`urlResponse\`) must be an absolute http(s) URL; with \`AUVO_WEBHOOK_ALLOW_PRIVATE=false\` a host that
resolves to a loopback, private or link-local address is refused (and checked again at each delivery). \`action\`
left out registers all three actions (the answer is the first one created). An identical active webhook (same entity,
action and URL) answers 200 with the existing one instead of a duplicate. \`userId\` 0 or absent: every event.
\`authorization\` is stored and sent, never echoed (\`hasAuthorization\`).

${ENTITY_DOC}

${DELIVERY_DOC}`,
    body: WebhookCreate,
    status: 201,
    alsoStatus: [200],
    response: Webhook,
    example: webhookExample,
    handler: async ({ auth, body }) => {
      const r = await webhooks.create(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'DELETE',
    url: '/v2/webHooks/:id',
    operationId: 'deleteWebHook',
    tags,
    summary: 'Delete a webhook',
    description:
      'Soft delete: the webhook keeps answering GET with `deleteDate` set and `active` false; its pending deliveries are cancelled and no more are made. A second DELETE answers 404.',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await webhooks.remove(auth, parseId(params.id));
      return undefined;
    },
  });

  route({
    method: 'GET',
    url: '/campo/v1/webhookEntities',
    operationId: 'listWebhookEntities',
    tags,
    summary: 'Entity codes and delivery names for webhooks',
    description: ENTITY_DOC,
    extension: true,
    response: Type.Array(WebhookEntity),
    example: [{ code: 27, name: 'Equipment', webhookEntity: '27', entityType: 'Equipamentos', documented: true }],
    handler: async () => webhooks.entityTable(),
  });

  route({
    method: 'GET',
    url: JOURNAL_PATH,
    operationId: 'listWebhookDeliveries',
    tags: journalTags,
    summary: 'List webhook deliveries (the journal)',
    description:
      'Filters (query parameters): webhookId, entity (code or name), entityId, status (pending, delivered, dead, cancelled), from / to (creation time, `yyyy-MM-ddTHH:mm:ss` in the server zone, a date, or ISO-8601 with a zone). Newest first unless `order=asc`; pageSize at most 500. The list envelope and its rules are those of every list (an empty page answers 404 with the envelope; bad values answer 400 with the error envelope).',
    extension: true,
    querystring: DeliveryQuery,
    list: true,
    response: DeliveryList,
    example: { entityList: [deliveryExample], pagedSearchReturnData: { order: 1, pageSize: 10, page: 1, totalItems: 1 }, links: [] },
    handler: async ({ auth, query, baseUrl }) => {
      const r = await webhooks.listDeliveries(auth, query);
      return journalPage(r.items, r.total, r.paging, query, baseUrl);
    },
  });

  route({
    method: 'GET',
    url: `${JOURNAL_PATH}/:id`,
    operationId: 'getWebhookDelivery',
    tags: journalTags,
    summary: 'One webhook delivery with every attempt',
    description:
      'Each attempt shows the request headers (Authorization redacted) and body, the response status and the first 1024 characters of the response body, the duration and the error (timeout, connection error, refused address, non-2xx).',
    extension: true,
    params: IdParams,
    response: WebhookDeliveryDetail,
    example: deliveryDetailExample,
    handler: async ({ auth, params }) => webhooks.getDelivery(auth, parseId(params.id)),
  });

  route({
    method: 'POST',
    url: `${JOURNAL_PATH}/:id/replay`,
    operationId: 'replayWebhookDelivery',
    tags: journalTags,
    summary: 'Send a delivery again',
    description:
      'Queues a new delivery with the same body (`replayOf` points at the original), sent by the dispatcher like any other. The webhook must still be active (400 otherwise).',
    extension: true,
    params: IdParams,
    status: 201,
    response: WebhookDeliveryDetail,
    example: {
      ...deliveryDetailExample,
      id: 312,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: '2026-03-10T09:30:00',
      lastResponseStatus: null,
      lastError: null,
      replayOf: 311,
      attemptList: [],
    },
    handler: async ({ auth, params }) => webhooks.replay(auth, parseId(params.id)),
  });
}

export const webhooksModule: Module<'webhooks'> = {
  name: 'webhooks',
  createService: (deps, services) => new WebhooksService(deps, services),
  registerRoutes: registerWebhookRoutes,
};
