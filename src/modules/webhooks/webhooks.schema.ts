import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';
import { Link, PagedSearchReturnData } from '../../core/schemas.js';

// ---- Entity codes and names ---------------------------------------------------------------

export interface EntityInfo {
  /** Canonical entity name, as the change log records it. */
  name: string;
  /** Registration code (`entity: 27`). */
  code: number;
  /** `EntityType` of the delivery body. */
  entityType: string;
  /** Whether Auvo documents this code (the rest are Campo's). */
  documented: boolean;
}

/**
 * Every entity Campo records in its change log, with a registration code and the `EntityType`
 * name its deliveries carry. User 1, Task 4, Customer 7 (blueprint), Equipment 27 and Ticket 62
 * (codes in public Auvo material) keep Auvo's numbers; Campo's own codes start at 1001 so they
 * can never collide with a code Auvo may document later.
 */
export const ENTITIES: readonly EntityInfo[] = [
  { name: 'User', code: 1, entityType: 'Usuarios', documented: true },
  { name: 'Task', code: 4, entityType: 'Tarefas', documented: true },
  { name: 'Customer', code: 7, entityType: 'Cliente', documented: true },
  { name: 'Equipment', code: 27, entityType: 'Equipamentos', documented: true },
  { name: 'Ticket', code: 62, entityType: 'Tickets', documented: true },
  { name: 'CustomerGroup', code: 1001, entityType: 'GruposClientes', documented: false },
  { name: 'Team', code: 1002, entityType: 'Equipes', documented: false },
  { name: 'Segment', code: 1003, entityType: 'Segmentos', documented: false },
  { name: 'Keyword', code: 1004, entityType: 'PalavrasChave', documented: false },
  { name: 'TaskType', code: 1005, entityType: 'TiposTarefa', documented: false },
  { name: 'Questionnaire', code: 1006, entityType: 'Questionarios', documented: false },
  { name: 'Expense', code: 1007, entityType: 'Despesas', documented: false },
  { name: 'ExpenseType', code: 1008, entityType: 'TiposDespesa', documented: false },
  { name: 'EquipmentCategory', code: 1009, entityType: 'CategoriasEquipamento', documented: false },
  { name: 'ProductCategory', code: 1010, entityType: 'CategoriasProduto', documented: false },
  { name: 'Product', code: 1011, entityType: 'Produtos', documented: false },
  { name: 'Service', code: 1012, entityType: 'Servicos', documented: false },
  { name: 'AdditionalCost', code: 1013, entityType: 'CustosAdicionais', documented: false },
  { name: 'Quotation', code: 1014, entityType: 'Orcamentos', documented: false },
  { name: 'Project', code: 1015, entityType: 'Projetos', documented: false },
  { name: 'QuotationStage', code: 1016, entityType: 'EtapasOrcamento', documented: false },
  { name: 'ProjectStatus', code: 1017, entityType: 'StatusProjeto', documented: false },
  { name: 'TicketStatus', code: 1018, entityType: 'StatusTicket', documented: false },
  { name: 'TicketRequestType', code: 1019, entityType: 'TiposSolicitacao', documented: false },
  { name: 'TicketCustomField', code: 1020, entityType: 'CamposPersonalizadosTicket', documented: false },
  { name: 'FinancialCategory', code: 1021, entityType: 'CategoriasFinanceiras', documented: false },
  { name: 'PaymentMethod', code: 1022, entityType: 'FormasPagamento', documented: false },
  { name: 'Invoice', code: 1023, entityType: 'Faturas', documented: false },
  { name: 'Receivable', code: 1024, entityType: 'ContasReceber', documented: false },
];

/** The three names Auvo's webhook objects print; every other entity is printed as its code. */
export const NAMED_IN_OBJECT = new Set(['User', 'Task', 'Customer']);

export const ACTIONS = ['Inclusao', 'Alteracao', 'Exclusao'] as const;
export type WebhookAction = (typeof ACTIONS)[number];

/** Markdown table of the codes, for route descriptions. */
export function entityTableMarkdown(): string {
  const rows = ENTITIES.map(
    (e) =>
      `| ${e.code} | ${e.name} | ${NAMED_IN_OBJECT.has(e.name) ? e.name : `"${e.code}"`} | ${e.entityType} | ${e.documented ? 'Auvo' : 'Campo'} |`,
  );
  return [
    '| code | entity name | `entity` in the webhook object | delivery `EntityType` | source |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

// ---- Input --------------------------------------------------------------------------------

export const WebhookCreate = Type.Object(
  {
    userId: Type.Optional(
      Type.Integer({ minimum: 0, description: '0 or absent: every event; a user id: only events whose entity involves that user' }),
    ),
    entity: Type.String({ description: 'Entity code or name, any case (see the table in the operation description)' }),
    action: Type.Optional(
      Type.String({ description: '1/Inclusao, 2/Alteracao, 3/Exclusao (any case, accents optional); absent: all three' }),
    ),
    // The request says targetUrl, the webhook object urlResponse (inventory 7 #47): both accepted.
    targetUrl: Type.String({ description: 'http(s) URL that receives the deliveries', ...aliases('urlResponse') }),
    // Unknown rather than Boolean: schema coercion would turn null into false (an inactive hook).
    active: Type.Optional(Type.Unknown({ description: 'boolean (true/false, also as strings); absent or null: true' })),
    authorization: Type.Optional(
      Type.Union([Type.Null(), Type.String()], { description: 'Sent verbatim as the `Authorization` header of every delivery' }),
    ),
    secret: Type.Optional(
      Type.Union([Type.Null(), Type.String()], {
        description:
          'Campo extension: 16 to 256 characters. Each delivery then carries `X-Campo-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`.',
        'x-campo-extension': true,
      }),
    ),
  },
  { $id: 'WebHookCreate' },
);
export type WebhookCreate = Static<typeof WebhookCreate>;

/** paramFilter keys of GET /webHooks/ (inventory 4.11), plus `userId`. */
export const WebhookFilter = Type.Object({
  id: Type.Optional(Type.Integer({ description: 'webhook id' })),
  userId: Type.Optional(Type.Integer()),
  entity: Type.Optional(Type.String({ description: 'code or name' })),
  action: Type.Optional(Type.String({ description: 'code or name' })),
  active: Type.Optional(Type.Boolean()),
});
export type WebhookFilter = Static<typeof WebhookFilter>;

export const DeliveryStatus = ['pending', 'delivered', 'dead', 'cancelled'] as const;
export type DeliveryStatus = (typeof DeliveryStatus)[number];

export const DeliveryQuery = Type.Object({
  webhookId: Type.Optional(Type.String({ description: 'webhook id' })),
  entity: Type.Optional(Type.String({ description: 'entity code or name' })),
  entityId: Type.Optional(Type.String()),
  status: Type.Optional(Type.String({ description: 'pending, delivered, dead or cancelled' })),
  from: Type.Optional(Type.String({ description: 'created at or after: yyyy-MM-ddTHH:mm:ss (server zone) or ISO-8601 with zone' })),
  to: Type.Optional(Type.String({ description: 'created at or before, same formats' })),
  page: Type.Optional(Type.String({ description: 'default 1' })),
  pageSize: Type.Optional(Type.String({ description: 'default 10, at most 500' })),
  order: Type.Optional(Type.String({ description: 'asc/0 or desc/1 by delivery id, default desc (newest first)' })),
});
export type DeliveryQuery = Static<typeof DeliveryQuery>;

// ---- Output -------------------------------------------------------------------------------

export const Webhook = Type.Object(
  {
    // A string here, a number (WebhookId) in deliveries (inventory 7 #33).
    id: Type.String(),
    userId: Type.Integer(),
    entity: Type.String({ description: '"User", "Task", "Customer"; the code as a string for every other entity' }),
    action: Type.String({ description: 'Inclusao, Alteracao or Exclusao' }),
    urlResponse: Type.String(),
    creationDate: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss, server time zone' }),
    deleteDate: Type.Union([Type.String(), Type.Null()], { description: 'null while the webhook is not deleted' }),
    active: Type.Boolean(),
    hasAuthorization: Type.Boolean({ description: 'whether an Authorization value is stored (never echoed)' }),
  },
  { $id: 'WebHook' },
);
export type WebhookDto = Static<typeof Webhook>;

export const webhookExample: WebhookDto = {
  id: '123',
  userId: 0,
  entity: 'Task',
  action: 'Inclusao',
  urlResponse: 'https://api.someapitoresponse.com/somethingelse',
  creationDate: '2019-01-01T08:00:00',
  deleteDate: null,
  active: true,
  hasAuthorization: false,
};

const deliveryProps = {
  id: Type.Integer(),
  webhookId: Type.Integer(),
  eventSeq: Type.Integer({ description: 'change-log sequence number of the event' }),
  entity: Type.String({ description: 'entity name as the change log records it' }),
  entityType: Type.String({ description: 'EntityType of the body' }),
  entityId: Type.String(),
  action: Type.String(),
  status: Type.String({ description: 'pending, delivered, dead (retries exhausted) or cancelled (webhook deleted)' }),
  attempts: Type.Integer(),
  url: Type.String(),
  createdAt: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss, server time zone' }),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()], { description: 'while pending' }),
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
  lastResponseStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  replayOf: Type.Union([Type.Integer(), Type.Null()], { description: 'the delivery this one replays' }),
};

export const WebhookDelivery = Type.Object(deliveryProps, { $id: 'WebhookDelivery' });
export type WebhookDeliveryDto = Static<typeof WebhookDelivery>;

export const WebhookAttempt = Type.Object(
  {
    attempt: Type.Integer({ description: '1 for the first try' }),
    startedAt: Type.String(),
    durationMs: Type.Integer(),
    url: Type.String(),
    requestHeaders: Type.Record(Type.String(), Type.String(), { description: 'Authorization is shown as "<redacted>"' }),
    requestBody: Type.String({ description: 'the raw body, byte for byte' }),
    responseStatus: Type.Union([Type.Integer(), Type.Null()], { description: 'null when no response arrived' }),
    responseBody: Type.Union([Type.String(), Type.Null()], { description: 'its first 1024 characters' }),
    error: Type.Union([Type.String(), Type.Null()], { description: 'timeout, connection error, refused address or non-2xx' }),
    outcome: Type.String({ description: 'delivered, failed, or dropped (an operator-injected fault: not sent)' }),
  },
  { $id: 'WebhookAttempt' },
);
export type WebhookAttemptDto = Static<typeof WebhookAttempt>;

export const WebhookDeliveryDetail = Type.Object(
  { ...deliveryProps, body: Type.String({ description: 'the raw request body' }), attemptList: Type.Array(WebhookAttempt) },
  { $id: 'WebhookDeliveryDetail' },
);
export type WebhookDeliveryDetailDto = Static<typeof WebhookDeliveryDetail>;

export const DeliveryList = Type.Object(
  {
    entityList: Type.Array(WebhookDelivery),
    pagedSearchReturnData: PagedSearchReturnData,
    links: Type.Array(Link),
  },
  { $id: 'WebhookDeliveryList' },
);

export const WebhookEntity = Type.Object(
  {
    code: Type.Integer(),
    name: Type.String(),
    webhookEntity: Type.String({ description: '`entity` as webhook objects print it' }),
    entityType: Type.String({ description: 'delivery EntityType' }),
    documented: Type.Boolean({ description: 'Auvo documents this code' }),
  },
  { $id: 'WebhookEntity' },
);

const exampleBody =
  '{"entityType":"Usuarios","action":"Alteracao","entityId":42,"userAdminId":1,"webhookId":7,"date":"2026-03-10T09:00:00","entities":[{"userId":42,"name":"Jason"}],"result":{"EntityType":"Usuarios","Action":"Alteracao","EntityId":42,"UserAdminId":1,"WebhookId":7,"Date":"2026-03-10T09:00:00","Entities":[{"userId":42,"name":"Jason"}]}}';

export const deliveryExample: WebhookDeliveryDto = {
  id: 311,
  webhookId: 7,
  eventSeq: 5120,
  entity: 'User',
  entityType: 'Usuarios',
  entityId: '42',
  action: 'Alteracao',
  status: 'pending',
  attempts: 1,
  url: 'https://api.someapitoresponse.com/somethingelse',
  createdAt: '2026-03-10T09:00:00',
  nextAttemptAt: '2026-03-10T09:00:11',
  deliveredAt: null,
  lastResponseStatus: 503,
  lastError: 'HTTP 503',
  replayOf: null,
};

export const deliveryDetailExample: WebhookDeliveryDetailDto = {
  ...deliveryExample,
  body: exampleBody,
  attemptList: [
    {
      attempt: 1,
      startedAt: '2026-03-10T09:00:00',
      durationMs: 84,
      url: 'https://api.someapitoresponse.com/somethingelse',
      requestHeaders: {
        'Content-Type': 'application/json',
        'User-Agent': 'Campo-Webhooks/1',
        'X-Campo-Delivery': '311',
        Authorization: '<redacted>',
      },
      requestBody: exampleBody,
      responseStatus: 503,
      responseBody: 'Service Unavailable',
      error: 'HTTP 503',
      outcome: 'failed',
    },
  ],
};
