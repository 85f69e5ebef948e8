import type { Transaction } from 'kysely';
import { DEFAULT_WEBHOOK_RETRY_SCHEDULE, type Config, type WebhookFormat } from '../../config.js';
import type { Auth } from '../../core/auth.js';
import type { ChangeEvent } from '../../core/changes.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal, parseLocal } from '../../core/dates.js';
import { EnvelopeError, FieldError, type FieldMap, NotFoundError } from '../../core/errors.js';
import { type ListQueryInput, decodeParamFilter, type Paging, parsePaging } from '../../core/listing.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { assertPublicHost, hostOf, RefusedAddressError, WebhookDispatcher } from './webhooks.dispatcher.js';
import * as repo from './webhooks.repo.js';
import {
  ACTIONS,
  type DeliveryQuery,
  DeliveryStatus,
  ENTITIES,
  type EntityInfo,
  NAMED_IN_OBJECT,
  type WebhookAction,
  type WebhookAttemptDto,
  type WebhookCreate,
  type WebhookDeliveryDetailDto,
  type WebhookDeliveryDto,
  type WebhookDto,
  WebhookFilter,
} from './webhooks.schema.js';

declare module '../../core/context.js' {
  interface Services {
    webhooks: WebhooksService;
  }
}

export interface WebhookSettings {
  format: WebhookFormat;
  retrySchedule: readonly number[];
  allowPrivate: boolean;
  timeoutMs: number;
  /** AUVO_NODE_ID: the dispatcher's lease owner (absent: a new random one). */
  nodeId?: string;
}

const DEFAULT_SETTINGS: WebhookSettings = {
  format: 'compat',
  retrySchedule: DEFAULT_WEBHOOK_RETRY_SCHEDULE,
  allowPrivate: true,
  timeoutMs: 10_000,
};

// ---- Vocabularies -------------------------------------------------------------------------

/** Lower case without accents: "Alteração" -> "alteracao". */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();
}

const entityLookup = new Map<string, EntityInfo>();
for (const e of ENTITIES) {
  entityLookup.set(String(e.code), e);
  entityLookup.set(fold(e.name), e);
  entityLookup.set(fold(e.entityType), e);
}
// Singular/plural variants of the documented Portuguese names (D12: "Usuarios", "Tarefas", "Cliente").
for (const [alias, name] of [
  ['usuario', 'User'],
  ['tarefa', 'Task'],
  ['clientes', 'Customer'],
] as const) {
  entityLookup.set(alias, ENTITIES.find((e) => e.name === name) as EntityInfo);
}
const entityByName = new Map(ENTITIES.map((e) => [e.name.toLowerCase(), e]));

interface ResolvedEntity {
  name: string;
  key: string;
  info: EntityInfo;
}

/**
 * Code or name from the entity table, any case, accents optional; undefined otherwise (D17):
 * a registration for an entity nothing records ("Spaceship", "Tasks") would never fire.
 */
export function resolveEntity(raw: string): ResolvedEntity | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  const info = entityLookup.get(/^\d+$/.test(s) ? String(Number(s)) : fold(s));
  return info ? { name: info.name, key: info.name.toLowerCase(), info } : undefined;
}

const actionLookup = new Map<string, WebhookAction>([
  ['1', 'Inclusao'],
  ['inclusao', 'Inclusao'],
  ['2', 'Alteracao'],
  ['alteracao', 'Alteracao'],
  ['3', 'Exclusao'],
  ['exclusao', 'Exclusao'],
]);

export function resolveAction(raw: string): WebhookAction | undefined {
  const s = fold(raw);
  return actionLookup.get(/^\d+$/.test(s) ? String(Number(s)) : s);
}

/** `entity` as webhook objects print it: the three documented names, otherwise the code (D12). */
function objectEntity(name: string): string {
  const info = entityByName.get(name.toLowerCase());
  if (!info) return name;
  return NAMED_IN_OBJECT.has(info.name) ? info.name : String(info.code);
}

/** Delivery `EntityType`: the documented Portuguese names, Campo's for the rest, else the entity name. */
export function entityTypeOf(entity: string): string {
  return entityByName.get(entity.toLowerCase())?.entityType ?? entity;
}

/** Numeric ids travel as numbers (the Notifier's EntityId); GUID-addressed entities keep their string. */
function entityIdValue(id: string): number | string {
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

interface DeliveryFields {
  entityType: string;
  action: string;
  entityId: number | string;
  userAdminId: number;
  webhookId: number;
  date: string;
  entities: unknown[];
}

/**
 * The request body (D12a). compat: camelCase keys plus the documented `result` half with the
 * same values; camel: the camelCase keys only; doc: `{"result": {...}}` exactly as the Notifier.
 */
export function deliveryBody(format: WebhookFormat, f: DeliveryFields): string {
  const camel = {
    entityType: f.entityType,
    action: f.action,
    entityId: f.entityId,
    userAdminId: f.userAdminId,
    webhookId: f.webhookId,
    date: f.date,
    entities: f.entities,
  };
  const doc = {
    EntityType: f.entityType,
    Action: f.action,
    EntityId: f.entityId,
    UserAdminId: f.userAdminId,
    WebhookId: f.webhookId,
    Date: f.date,
    Entities: f.entities,
  };
  if (format === 'camel') return JSON.stringify(camel);
  if (format === 'doc') return JSON.stringify({ result: doc });
  return JSON.stringify({ ...camel, result: doc });
}

// ---- Input checks -------------------------------------------------------------------------

const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function targetUrlProblem(raw: string): string | undefined {
  const s = raw.trim();
  if (s === '') return 'The targetUrl field is required.';
  if (s.length > 2048) return 'The targetUrl must be at most 2048 characters long.';
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return `The value '${s}' is not a valid absolute URL.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The targetUrl must be an http or https URL.';
  if (url.hostname === '') return `The value '${s}' is not a valid absolute URL.`;
  // The stored key is the normalized URL, where each non-ASCII character becomes up to 12
  // (percent-encoded UTF-8): it is bounded too, as an index entry holds it.
  if (url.href.length > 2048) return 'The targetUrl must be at most 2048 characters long once encoded.';
  return undefined;
}

function bool(n: number): boolean {
  return n === 1;
}

export class WebhooksService {
  private settings: WebhookSettings = DEFAULT_SETTINGS;
  private dispatcherInstance: WebhookDispatcher | undefined;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {
    // Deliveries are written by the change log's listener, inside the write's own transaction
    // (outbox): they commit or roll back with the change, and cover every entity it records.
    deps.changes.onRecord((trx, event) => this.enqueue(trx, event));
  }

  /** Applies the AUVO_WEBHOOK_* settings (called when the module's routes are registered). */
  configure(config: Config): void {
    this.settings = {
      format: config.webhookFormat,
      retrySchedule: config.webhookRetrySchedule,
      allowPrivate: config.webhookAllowPrivate,
      timeoutMs: config.webhookTimeoutMs,
      nodeId: config.nodeId,
    };
    this.dispatcherInstance = undefined;
  }

  /** This node's dispatcher (started by the app when serving; tests call runOnce()). */
  get dispatcher(): WebhookDispatcher {
    if (!this.dispatcherInstance) {
      this.dispatcherInstance = new WebhookDispatcher({
        db: this.deps.background ?? this.deps.db,
        dialect: this.deps.dialect,
        clock: this.deps.clock,
        owner: this.settings.nodeId ?? this.deps.ids.uuid(),
        retrySchedule: this.settings.retrySchedule,
        timeoutMs: this.settings.timeoutMs,
        allowPrivate: this.settings.allowPrivate,
        fault: this.deps.webhookFault,
      });
    }
    return this.dispatcherInstance;
  }

  // ---- Outbox -----------------------------------------------------------------------------

  private async enqueue(trx: Transaction<DB>, ev: ChangeEvent): Promise<void> {
    const key = ev.entity.toLowerCase();
    const hooks = await repo.matchingWebhooks(trx, ev.accountId, key, ev.action, ev.userId ?? null);
    if (hooks.length === 0) return;
    const userAdminId = await repo.accountAdminId(trx, ev.accountId);
    const now = this.deps.clock.now().toISOString();
    const common = {
      entityType: entityTypeOf(ev.entity),
      action: ev.action,
      entityId: entityIdValue(ev.entityId),
      userAdminId,
      date: formatLocal(ev.occurredAt, this.deps.timeZone),
      entities: ev.snapshot === null || ev.snapshot === undefined ? [] : [ev.snapshot],
    };
    await repo.insertDeliveries(
      trx,
      hooks.map((h) => ({
        account_id: ev.accountId,
        webhook_id: h.id,
        target_key: `${ev.accountId} ${h.url_key}`,
        event_seq: ev.seq,
        entity: ev.entity,
        entity_key: key,
        entity_id: ev.entityId,
        action: ev.action,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        lease_owner: null,
        body: deliveryBody(this.settings.format, { ...common, webhookId: h.id }),
        created_at: now,
        updated_at: now,
        delivered_at: null,
        last_status: null,
        last_error: null,
        replay_of: null,
      })),
    );
    this.dispatcherInstance?.wake();
  }

  // ---- Registrations ----------------------------------------------------------------------

  toDto(r: repo.WebhookRow): WebhookDto {
    return {
      id: String(r.id),
      userId: r.user_id,
      entity: objectEntity(r.entity),
      action: r.action,
      urlResponse: r.url,
      creationDate: formatLocal(r.created_at, this.deps.timeZone),
      deleteDate: r.deleted_at === null ? null : formatLocal(r.deleted_at, this.deps.timeZone),
      active: bool(r.active),
      hasAuthorization: r.auth_header !== null,
    };
  }

  /** Pending deliveries over every account, for /metrics. */
  queueDepth(): Promise<number> {
    return repo.countPendingDeliveries(this.deps.db);
  }

  async get(auth: Auth, id: number): Promise<WebhookDto> {
    const row = await repo.findWebhookById(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return this.toDto(row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    // The blueprint's 400 example for webhooks names ParamUserFilter (inventory 7 #33).
    const { filter, text } = decodeParamFilter(WebhookFilter, q.paramFilter, 'ParamUserFilter');
    const f = filter as WebhookFilter;
    const paging = parsePaging(q);
    let entityKey: string | undefined;
    if (f.entity !== undefined) {
      entityKey = resolveEntity(f.entity)?.key;
      if (entityKey === undefined) throw new EnvelopeError(`The paramFilter field 'entity' is not valid for ParamUserFilter.`);
    }
    let action: string | undefined;
    if (f.action !== undefined) {
      action = resolveAction(f.action);
      if (action === undefined) throw new EnvelopeError(`The paramFilter field 'action' is not valid for ParamUserFilter.`);
    }
    const { rows, total } = await repo.listWebhooks(
      this.deps.db,
      auth.accountId,
      { id: f.id, userId: f.userId, entityKey, action, active: f.active },
      paging,
    );
    return { items: rows.map((r) => this.toDto(r)), total, paging, filterText: text };
  }

  /**
   * POST /webHooks/ (D12). `action` absent registers all three actions; the answer is then the
   * first registration created (Inclusao first). An identical active registration (entity,
   * action, URL) is answered with 200 and the existing webhook, never duplicated.
   */
  async create(auth: Auth, input: WebhookCreate): Promise<{ created: boolean; dto: WebhookDto }> {
    const errors: FieldMap = {};
    const entity = resolveEntity(String(input.entity));
    if (!entity)
      errors.entity = [
        `The value '${String(input.entity)}' is not a valid entity: use a code or name from the entity table (GET /campo/v1/webhookEntities).`,
      ];
    let actions: readonly WebhookAction[] = ACTIONS;
    if (input.action !== undefined && input.action.trim() !== '') {
      const a = resolveAction(input.action);
      if (a) actions = [a];
      else errors.action = [`The value '${input.action}' is not valid. Use 1/Inclusao, 2/Alteracao or 3/Exclusao.`];
    }
    const urlProblem = targetUrlProblem(input.targetUrl);
    if (urlProblem) errors.targetUrl = [urlProblem];
    const authorization = input.authorization?.trim() ? input.authorization.trim() : null;
    if (authorization !== null && (authorization.length > 4096 || !HEADER_VALUE.test(authorization))) {
      errors.authorization = ['The authorization must be a valid HTTP header value of at most 4096 characters.'];
    }
    const secret = input.secret ? input.secret : null;
    if (secret !== null && (secret.length < 16 || secret.length > 256)) {
      errors.secret = ['The secret must be 16 to 256 characters long.'];
    }
    let active = true;
    if (input.active === false || input.active === 'false') active = false;
    else if (input.active !== true && input.active !== 'true' && input.active !== null && input.active !== undefined) {
      errors.active = ['The value must be of type boolean.'];
    }
    const userId = input.userId ?? 0;
    if (userId > 0) {
      const live = await this.services.users.existingIds(auth.accountId, [userId]);
      if (!live.has(userId)) errors.userId = [`The user ${userId} does not exist.`];
    }
    if (Object.keys(errors).length > 0) throw new FieldError(errors);

    const url = new URL(input.targetUrl.trim());
    if (!this.settings.allowPrivate) {
      try {
        await assertPublicHost(hostOf(url));
      } catch (err) {
        const message = err instanceof RefusedAddressError ? err.message : `The host '${hostOf(url)}' could not be resolved.`;
        throw FieldError.of('targetUrl', message);
      }
    }
    const resolved = entity as ResolvedEntity;
    const now = this.deps.clock.now().toISOString();
    const write = () =>
      this.deps.db.transaction().execute(async (trx) => {
        const out: { row: repo.WebhookRow; created: boolean }[] = [];
        for (const action of actions) {
          const existing = active ? await repo.findActiveDuplicate(trx, auth.accountId, resolved.key, action, url.href) : undefined;
          if (existing) {
            out.push({ row: existing, created: false });
            continue;
          }
          const row = await repo.insertWebhook(trx, {
            account_id: auth.accountId,
            user_id: userId,
            entity: resolved.name,
            entity_key: resolved.key,
            action,
            url: input.targetUrl.trim(),
            url_key: url.href,
            auth_header: authorization,
            secret,
            active: active ? 1 : 0,
            created_at: now,
            deleted_at: null,
          });
          out.push({ row, created: true });
        }
        return out;
      });
    let rows: { row: repo.WebhookRow; created: boolean }[];
    try {
      rows = await write();
    } catch (err) {
      // A concurrent identical registration won the race: answer with it.
      if (!isUniqueViolation(err)) throw err;
      rows = await write();
    }
    const pick = rows.find((r) => r.created) ?? rows[0];
    return { created: rows.some((r) => r.created), dto: this.toDto(pick.row) };
  }

  /** DELETE (D12): soft; the webhook stays listed with deleteDate and active false; its queue is cancelled. */
  async remove(auth: Auth, id: number): Promise<void> {
    const row = await repo.findWebhookById(this.deps.db, auth.accountId, id);
    if (!row || row.deleted_at !== null) throw new NotFoundError();
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const n = await repo.markWebhookDeleted(trx, auth.accountId, id, now);
      if (n === 0) throw new NotFoundError();
      await repo.cancelPendingDeliveries(trx, auth.accountId, id, now);
    });
  }

  // ---- Journal ----------------------------------------------------------------------------

  private deliveryDto(d: repo.DeliveryRow, url: string): WebhookDeliveryDto {
    const tz = this.deps.timeZone;
    return {
      id: d.id,
      webhookId: d.webhook_id,
      eventSeq: d.event_seq,
      entity: d.entity,
      entityType: entityTypeOf(d.entity),
      entityId: d.entity_id,
      action: d.action,
      status: d.status,
      attempts: d.attempts,
      url,
      createdAt: formatLocal(d.created_at, tz),
      nextAttemptAt: d.status === 'pending' && d.next_attempt_at !== null ? formatLocal(d.next_attempt_at, tz) : null,
      deliveredAt: d.delivered_at === null ? null : formatLocal(d.delivered_at, tz),
      lastResponseStatus: d.last_status,
      lastError: d.last_error,
      replayOf: d.replay_of,
    };
  }

  /** Journal query parameters; a bad value answers 400 with the error envelope, as every list does. */
  private parseJournalQuery(q: DeliveryQuery): { filter: repo.DeliveryListFilter; paging: Paging } {
    const bad = (name: string, raw: string) => new EnvelopeError(`The value '${raw}' is not valid for ${name}.`);
    const filter: repo.DeliveryListFilter = {};
    if (q.webhookId !== undefined && q.webhookId.trim() !== '') {
      if (!/^\d+$/.test(q.webhookId.trim())) throw bad('webhookId', q.webhookId);
      filter.webhookId = Number(q.webhookId.trim());
    }
    if (q.entity !== undefined && q.entity.trim() !== '') {
      const e = resolveEntity(q.entity);
      if (!e) throw bad('entity', q.entity);
      filter.entity = e.key;
    }
    if (q.entityId !== undefined && q.entityId.trim() !== '') filter.entityId = q.entityId.trim();
    if (q.status !== undefined && q.status.trim() !== '') {
      const s = q.status.trim().toLowerCase();
      if (!(DeliveryStatus as readonly string[]).includes(s)) throw bad('status', q.status);
      filter.status = s;
    }
    for (const k of ['from', 'to'] as const) {
      const raw = q[k];
      if (raw === undefined || raw.trim() === '') continue;
      const at = parseLocal(raw, this.deps.timeZone);
      if (!at) throw bad(k, raw);
      // A bare date as `to` means the whole day.
      filter[k] =
        k === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) ? new Date(at.getTime() + 86_399_999).toISOString() : at.toISOString();
    }
    const paging = parsePaging(q, { maxPageSize: 500 });
    // Newest first unless asked otherwise: a journal is read from the end.
    if (q.order === undefined || q.order.trim() === '') paging.order = 1;
    return { filter, paging };
  }

  async listDeliveries(auth: Auth, q: DeliveryQuery) {
    const { filter, paging } = this.parseJournalQuery(q);
    const { rows, total } = await repo.listDeliveries(this.deps.db, auth.accountId, filter, paging);
    const urls = await repo.webhookUrls(
      this.deps.db,
      rows.map((r) => r.webhook_id),
    );
    return { items: rows.map((r) => this.deliveryDto(r, urls.get(r.webhook_id) ?? '')), total, paging };
  }

  async getDelivery(auth: Auth, id: number): Promise<WebhookDeliveryDetailDto> {
    const d = await repo.findDeliveryById(this.deps.db, auth.accountId, id);
    if (!d) throw new NotFoundError();
    return this.detail(auth.accountId, d);
  }

  private async detail(accountId: number, d: repo.DeliveryRow): Promise<WebhookDeliveryDetailDto> {
    const urls = await repo.webhookUrls(this.deps.db, [d.webhook_id]);
    const attempts = await repo.listAttempts(this.deps.db, accountId, d.id);
    const tz = this.deps.timeZone;
    const attemptList: WebhookAttemptDto[] = attempts.map((a) => ({
      attempt: a.attempt_no,
      startedAt: formatLocal(a.started_at, tz),
      durationMs: a.duration_ms,
      url: a.url,
      requestHeaders: JSON.parse(a.request_headers) as Record<string, string>,
      requestBody: d.body,
      responseStatus: a.response_status,
      responseBody: a.response_body,
      error: a.error,
      outcome: a.outcome,
    }));
    return { ...this.deliveryDto(d, urls.get(d.webhook_id) ?? ''), body: d.body, attemptList };
  }

  /** Queues the same body again, as a new delivery that points at the original. */
  async replay(auth: Auth, id: number): Promise<WebhookDeliveryDetailDto> {
    const { db, clock } = this.deps;
    const d = await repo.findDeliveryById(db, auth.accountId, id);
    if (!d) throw new NotFoundError();
    const hook = await repo.findWebhookById(db, auth.accountId, d.webhook_id);
    if (!hook || hook.deleted_at !== null || hook.active !== 1) {
      throw FieldError.of('webhookId', `The webhook ${d.webhook_id} is deleted or inactive: nothing can be sent to it.`);
    }
    const now = clock.now().toISOString();
    const [row] = await db.transaction().execute((trx) =>
      repo.insertDeliveries(trx, [
        {
          account_id: d.account_id,
          webhook_id: d.webhook_id,
          target_key: d.target_key,
          event_seq: d.event_seq,
          entity: d.entity,
          entity_key: d.entity_key,
          entity_id: d.entity_id,
          action: d.action,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          lease_until: null,
          lease_owner: null,
          body: d.body,
          created_at: now,
          updated_at: now,
          delivered_at: null,
          last_status: null,
          last_error: null,
          replay_of: d.id,
        },
      ]),
    );
    this.dispatcherInstance?.wake();
    return this.detail(auth.accountId, row);
  }

  entityTable() {
    return ENTITIES.map((e) => ({
      code: e.code,
      name: e.name,
      webhookEntity: objectEntity(e.name),
      entityType: e.entityType,
      documented: e.documented,
    }));
  }
}
