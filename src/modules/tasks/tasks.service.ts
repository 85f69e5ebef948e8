import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal, parseLocal } from '../../core/dates.js';
import { EnvelopeError, FieldError, type FieldMap, NotFoundError } from '../../core/errors.js';
import type { StoredFile } from '../../core/files.js';
import { isStorableId } from '../../core/ids.js';
import { decodeParamFilter, type ListQueryInput, multiValues, parsePaging, requireFilterKeys, selectFields } from '../../core/listing.js';
import { formatBrl, roundTo } from '../../core/money.js';
import { applyJsonPatch } from '../../core/patch.js';
import { computeBilling, type DiscountType, discountTypeName, formatDuration, formatDurationDecimal } from './tasks.billing.js';
import { GUID, type LineValues, parseJsonArray, type Resolved, TaskInput } from './tasks.input.js';
import { emptyRefs, RefCache, type Refs } from './tasks.refs.js';
import * as repo from './tasks.repo.js';
import {
  type CostLineIn,
  KEYS_ATTACHMENTS,
  KEYS_GET,
  KEYS_LINES,
  KEYS_LISTED,
  KEYS_PATCHED,
  KEYS_WRITTEN,
  type ProductLineIn,
  type ServiceLineIn,
  type TaskCreate,
  TaskFilter,
  TaskPatchable,
  type TaskPropName,
  type TaskUpsert,
} from './tasks.schema.js';
import { claimExternalId, type ExternalIdClaim, externalIdClaim, upsertOnce } from '../shared/upsert.js';

declare module '../../core/context.js' {
  interface Services {
    tasks: TasksService;
  }
}

export const TASK_ENTITY = 'Task';
/** File-store owner of a task's signature image (kept apart from its attachments). */
export const SIGNATURE_ENTITY = 'TaskSignature';
const UNSET_DELIVERED = '0001-01-01T00:00:00';

export type Variant = 'get' | 'created' | 'upserted' | 'patched' | 'lines' | 'attachments' | 'listed';
const VARIANT_KEYS: Record<Variant, TaskPropName[]> = {
  get: KEYS_GET,
  created: KEYS_WRITTEN,
  upserted: KEYS_WRITTEN,
  patched: KEYS_PATCHED,
  lines: KEYS_LINES,
  attachments: KEYS_ATTACHMENTS,
  listed: KEYS_LISTED,
};

/** Users have no GUID in Campo; `userResponsible` is derived from the user id (stable, unique). */
export function userGuid(userId: number): string {
  return `00000000-0000-4000-8000-${String(userId).padStart(12, '0')}`;
}

interface StoredAnswers {
  itemId: string;
  questionnaireId: number;
  answers: { questionId: number; replyId: number; reply: string; replyDate: string }[];
}

/** A task's rows as loaded for one DTO. */
export interface TaskBundle {
  row: repo.TaskRow;
  lines: repo.LineRow[];
  files: StoredFile[];
}

/** Column values of a fresh task (Auvo's documented unset forms come from these). */
const TASK_DEFAULTS = {
  external_id: '',
  task_type_id: null,
  user_to_id: null,
  team_id: null,
  customer_id: null,
  questionnaire_id: null,
  latitude: 0,
  longitude: 0,
  address: '',
  orientation: '',
  priority: 1,
  checkin_type: 1,
  keywords: '[]',
  equipment_ids: '[]',
  send_survey: 0,
  financial_category: '',
  discount_type: 0,
  discount_value: 0,
  status: 1,
  delivered_at: null,
  visualized_at: null,
  travel_started_at: null,
  check_in_at: null,
  check_in_distance: 0,
  check_out_at: null,
  check_out_distance: 0,
  paused_at: null,
  paused_ms: 0,
  finished: 0,
  finish_mode: 0,
  finished_at: null,
  report: '',
  pendency: '',
  inputed_km: 0,
  adopted_km: 0,
  signature_url: '',
  signature_name: '',
  signature_document: '',
  answers: '[]',
  expense: 0,
  deleted: 0,
  deleted_at: null,
};

type Db = ServiceDeps['db'] | Transaction<DB>;

function refsOfRow(
  refs: Refs,
  r: Pick<repo.TaskRow, 'user_from_id' | 'user_to_id' | 'customer_id' | 'task_type_id' | 'keywords' | 'answers' | 'questionnaire_id'>,
) {
  refs.users.add(r.user_from_id);
  if (r.user_to_id) refs.users.add(r.user_to_id);
  if (r.customer_id) refs.customers.add(r.customer_id);
  if (r.task_type_id) refs.taskTypes.add(r.task_type_id);
  for (const k of parseJsonArray<number>(r.keywords)) refs.keywords.add(k);
  // The task's questionnaire too: the answers the phone records are shown with its texts.
  if (r.questionnaire_id) refs.questionnaires.add(r.questionnaire_id);
  for (const a of parseJsonArray<StoredAnswers>(r.answers)) refs.questionnaires.add(a.questionnaireId);
}

function refsOfLines(refs: Refs, lines: { kind: string; item_guid: string }[]) {
  for (const l of lines) {
    if (l.kind === 'product') refs.products.add(l.item_guid);
    else if (l.kind === 'service') refs.services.add(l.item_guid);
    else refs.costs.add(l.item_guid);
  }
}

export class TasksService {
  private readonly input: TaskInput;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {
    this.input = new TaskInput(deps, services);
  }

  private fmt(instant: string | null, unset = ''): string {
    return instant ? formatLocal(instant, this.deps.timeZone) : unset;
  }

  // ---- DTO ----------------------------------------------------------------------------------

  taskUrl(r: repo.TaskRow): string {
    return `${this.deps.publicBaseUrl}/campo/v1/informacoes/tarefa/${r.guid}?chave=${r.url_key}`;
  }

  surveyUrl(r: repo.TaskRow): string {
    return `${this.deps.publicBaseUrl}/campo/v1/pesquisasatisfacao/formulario/${r.guid}`;
  }

  /** Every property of the task (the union of all documented shapes), built from cached refs. */
  full(b: TaskBundle, cache: RefCache): Record<string, unknown> {
    const r = b.row;
    const customer = r.customer_id ? cache.customers.get(r.customer_id) : undefined;
    const taskType = r.task_type_id ? cache.taskTypes.get(r.task_type_id) : undefined;
    const keywordIds = parseJsonArray<number>(r.keywords);
    const userName = (id: number | null) => (id ? (cache.users.get(id) ?? '') : '');
    const line = (l: repo.LineRow) => ({
      quantity: roundTo(l.quantity, 4),
      unitaryValue: roundTo(l.unitary_value, 4),
      discountType: (l.discount_type === 1 ? 1 : 0) as DiscountType,
      discountValue: roundTo(l.discount_value, 4),
    });
    const amounts = (l: repo.LineRow) => ({ quantity: roundTo(l.quantity, 4), unitaryValue: roundTo(l.unitary_value, 4) });
    const products = b.lines.filter((l) => l.kind === 'product');
    const services = b.lines.filter((l) => l.kind === 'service');
    const costs = b.lines.filter((l) => l.kind === 'cost');
    const billing = computeBilling({
      products: products.map(line),
      services: services.map(line),
      additionalCosts: costs.map(line),
      discount: { type: r.discount_type === 1 ? 1 : 0, value: r.discount_value },
    });
    const responsible = (l: repo.LineRow) => ({
      userResponsible: userGuid(l.user_id),
      userResponsibleCode: l.user_id,
      dateRegister: this.fmt(l.created_at),
      dateEdit: this.fmt(l.updated_at),
    });
    const discount = (l: repo.LineRow) => ({ value: roundTo(l.discount_value, 4), type: discountTypeName(l.discount_type) });
    let durationMs: number | undefined;
    if (r.check_in_at && r.check_out_at) {
      durationMs = new Date(r.check_out_at).getTime() - new Date(r.check_in_at).getTime() - r.paused_ms;
    }
    const answers = parseJsonArray<StoredAnswers>(r.answers).map((a) => {
      const q = cache.questionnaires.get(a.questionnaireId);
      return {
        itemId: a.itemId,
        questionnaireId: String(a.questionnaireId),
        questionnaireDescription: q?.description ?? '',
        answers: a.answers.map((x) => ({
          questionId: String(x.questionId),
          questionDescription: q?.questions.get(x.questionId) ?? '',
          replyId: x.replyId,
          reply: x.reply,
          replyDate: this.fmt(x.replyDate),
        })),
      };
    });
    return {
      taskID: r.id,
      externalId: r.external_id,
      idUserFrom: r.user_from_id,
      userFromName: userName(r.user_from_id),
      idUserTo: r.user_to_id ?? 0,
      userToName: userName(r.user_to_id),
      customerId: r.customer_id ?? 0,
      customerExternalId: customer?.externalId ?? '',
      customerDescription: customer?.description ?? '',
      taskType: r.task_type_id ?? 0,
      taskTypeDescription: taskType?.description ?? '',
      creationDate: this.fmt(r.created_at),
      taskDate: this.fmt(r.task_date),
      latitude: r.latitude,
      longitude: r.longitude,
      address: r.address,
      orientation: r.orientation,
      priority: r.priority,
      deliveredOnSmarthPhone: r.delivered_at !== null,
      deliveredDate: this.fmt(r.delivered_at, UNSET_DELIVERED),
      finished: r.finished === 1,
      report: r.report,
      visualized: r.visualized_at !== null,
      visualizedDate: this.fmt(r.visualized_at),
      checkIn: r.check_in_at !== null,
      checkInDate: this.fmt(r.check_in_at),
      checkOut: r.check_out_at !== null,
      checkOutDate: this.fmt(r.check_out_at),
      checkinType: r.checkin_type,
      equipmentsId: parseJsonArray<number>(r.equipment_ids),
      keyWords: keywordIds.map(String),
      keyWordsDescriptions: keywordIds.map((k) => cache.keywords.get(k) ?? ''),
      inputedKm: r.inputed_km,
      adoptedKm: r.adopted_km,
      attachments: b.files.map((f) => ({
        id: f.key,
        url: f.url,
        attachmentType: 1,
        subtitle: '',
        description: f.name,
        extension: (/\.([^.]+)$/.exec(f.name)?.[1] ?? '').toLowerCase(),
      })),
      questionnaires: answers,
      signatureUrl: r.signature_url,
      checkInDistance: r.check_in_distance,
      checkOutDistance: r.check_out_distance,
      sendSatisfactionSurvey: r.send_survey === 1,
      survey: this.surveyUrl(r),
      taskUrl: this.taskUrl(r),
      pendency: r.pendency,
      dateLastUpdate: this.fmt(r.updated_at),
      // The ticket the task is linked to (tickets link tasks), 0 / "" when none.
      ticketId: cache.tickets.get(r.id)?.id ?? 0,
      ticketTitle: cache.tickets.get(r.id)?.title ?? '',
      signatureName: r.signature_name,
      signatureDocument: r.signature_document,
      expense: formatBrl(r.expense),
      duration: durationMs === undefined ? '' : formatDuration(durationMs),
      durationDecimal: durationMs === undefined ? '' : formatDurationDecimal(durationMs),
      displacementStart: this.fmt(r.travel_started_at),
      products: products.map((l, i) => {
        const p = cache.products.get(l.item_guid);
        return {
          productId: l.item_guid,
          externalId: p?.externalId ?? '',
          code: p?.code ?? '',
          name: p?.name ?? null,
          description: p?.description ?? null,
          ...amounts(l),
          totalValue: billing.products[i],
          ...responsible(l),
          discount: discount(l),
        };
      }),
      services: services.map((l, i) => ({
        id: l.item_guid,
        name: cache.services.get(l.item_guid) ?? null,
        ...amounts(l),
        totalValue: billing.services[i],
        ...responsible(l),
        discount: discount(l),
      })),
      additionalCosts: costs.map((l) => {
        const c = cache.costs.get(l.item_guid);
        return {
          additionalCostId: l.item_guid,
          code: c?.code ?? 0,
          name: c?.name ?? null,
          unitaryValue: roundTo(l.unitary_value, 4),
          ...responsible(l),
        };
      }),
      summary: {
        totalProducts: billing.totalProducts,
        totalServices: billing.totalServices,
        totalAdditionalCosts: billing.totalAdditionalCosts,
        totalValue: billing.totalValue,
        discount: { value: roundTo(r.discount_value, 4), type: discountTypeName(r.discount_type) },
      },
      estimatedDuration: taskType?.standardTime ?? '00:00:00',
      financialCategory: r.financial_category,
      taskStatus: r.status,
    };
  }

  /** The documented shape of one operation, picked (in order) from the full task. */
  present(full: Record<string, unknown>, variant: Variant): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of VARIANT_KEYS[variant]) out[k] = full[k];
    const products = out.products as Record<string, unknown>[] | undefined;
    if (products && variant !== 'upserted') out.products = products.map(({ externalId: _x, ...p }) => p);
    // The GET model and the POST/PUT examples print the cost code as a string.
    if (out.additionalCosts && ['get', 'created', 'upserted'].includes(variant)) {
      out.additionalCosts = (out.additionalCosts as Record<string, unknown>[]).map((c) => ({ ...c, code: String(c.code) }));
    }
    return out;
  }

  private async bundles(db: Db, accountId: number, rows: repo.TaskRow[]): Promise<TaskBundle[]> {
    const ids = rows.map((r) => r.id);
    const lines = await repo.linesOf(db, accountId, ids);
    const files = await this.deps.files.listForMany(db, accountId, TASK_ENTITY, ids);
    return rows.map((row) => ({ row, lines: lines.filter((l) => l.task_id === row.id), files: files.get(String(row.id)) ?? [] }));
  }

  private refsOf(bundles: TaskBundle[]): Refs {
    const refs = emptyRefs();
    for (const b of bundles) {
      refs.tasks.add(b.row.id);
      refsOfRow(refs, b.row);
      refsOfLines(refs, b.lines);
    }
    return refs;
  }

  /** Loads and presents tasks outside any transaction. */
  private async render(accountId: number, rows: repo.TaskRow[], variant: Variant, cache?: RefCache) {
    const bundles = await this.bundles(this.deps.db, accountId, rows);
    const c = cache ?? new RefCache(this.services, accountId);
    await c.fill(this.refsOf(bundles));
    return bundles.map((b) => this.present(this.full(b, c), variant));
  }

  // ---- Reads --------------------------------------------------------------------------------

  async get(auth: Auth, id: number) {
    const row = await repo.findTask(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return (await this.render(auth.accountId, [row], 'get'))[0];
  }

  /** The task behind a public `taskUrl` (guid + chave), as GET returns it. */
  async getPublic(guid: string, key: string | undefined) {
    const row = GUID.test(guid) ? await repo.findTaskByGuid(this.deps.db, guid.toLowerCase()) : undefined;
    if (!row || key !== row.url_key) throw new NotFoundError();
    return (await this.render(row.account_id, [row], 'get'))[0];
  }

  /** The live task row, or 404 (field simulator). */
  async findRow(accountId: number, id: number): Promise<repo.TaskRow> {
    const row = await repo.findTask(this.deps.db, accountId, id);
    if (!row) throw new NotFoundError();
    return row;
  }

  notFound(): never {
    throw new NotFoundError();
  }

  /** What the public survey URL shows about its task. */
  async surveyForm(guid: string) {
    const row = await this.findByGuid(guid);
    if (!row) throw new NotFoundError();
    const cache = new RefCache(this.services, row.account_id);
    const refs = emptyRefs();
    if (row.customer_id) refs.customers.add(row.customer_id);
    await cache.fill(refs);
    return {
      taskID: row.id,
      taskDate: this.fmt(row.task_date),
      customerDescription: (row.customer_id ? cache.customers.get(row.customer_id)?.description : undefined) ?? '',
      open: row.send_survey === 1 && row.finished === 1,
    };
  }

  async findByGuid(guid: string): Promise<repo.TaskRow | undefined> {
    return GUID.test(guid) ? repo.findTaskByGuid(this.deps.db, guid.toLowerCase()) : undefined;
  }

  async list(auth: Auth, q: ListQueryInput, deleted: boolean) {
    const { filter, text } = decodeParamFilter(TaskFilter, q.paramFilter, 'ParamTaskFilter');
    if (q.paramFilter === undefined) throw new EnvelopeError('The paramFilter is required as ParamTaskFilter string json.');
    requireFilterKeys(filter, ['startDate', 'endDate'], 'ParamTaskFilter');
    const f = filter as TaskFilter;
    const paging = parsePaging(q, { maxPageSize: 100 });
    const bad = (key: string) => new EnvelopeError(`The paramFilter field '${key}' is not valid for ParamTaskFilter.`);
    const tz = this.deps.timeZone;
    const date = (key: 'startDate' | 'endDate' | 'dateLastUpdate', endOfDay = false) => {
      const raw = (f[key] as string).trim();
      const d = parseLocal(raw, tz);
      if (!d) throw bad(key);
      // A date without a time as the end of the window covers that whole day.
      if (endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return new Date(d.getTime() + 86_399_999).toISOString();
      return d.toISOString();
    };
    const listFilter: repo.TaskListFilter = { deleted, from: date('startDate'), to: date('endDate', true) };
    if (f.taskID !== undefined) {
      if (!/^\s*\d+\s*$/.test(f.taskID)) throw bad('taskID');
      listFilter.taskId = Number(f.taskID);
    }
    if (f.dateLastUpdate !== undefined) listFilter.updatedFrom = date('dateLastUpdate');
    if (f.status !== undefined) {
      if (f.status < 0 || f.status > 6) throw bad('status');
      listFilter.status = f.status;
    }
    if (f.priority !== undefined) {
      if (!/^\s*[1-3]\s*$/.test(f.priority)) throw bad('priority');
      listFilter.priority = Number(f.priority);
    }
    if (f.tags !== undefined) {
      const tags = multiValues(f.tags);
      if (tags.some((t) => !/^\d+$/.test(t))) throw bad('tags');
      listFilter.tags = tags.map(Number);
    }
    if (f.externalId !== undefined) listFilter.externalIds = multiValues(f.externalId);
    if (f.orientation !== undefined) listFilter.orientation = f.orientation;
    if (f.idUserTo !== undefined) listFilter.idUserTo = f.idUserTo;
    if (f.customerId !== undefined) listFilter.customerId = f.customerId;
    if (f.teamId !== undefined) listFilter.teamId = f.teamId;
    if (f.type !== undefined) listFilter.taskTypeId = f.type;
    if (f.customerGroupId !== undefined) {
      listFilter.customerIds = isStorableId(f.customerGroupId)
        ? await this.services.customers.groupMemberIds(this.deps.db, auth.accountId, f.customerGroupId)
        : [];
    }
    const { rows, total } = await repo.listTasks(this.deps.db, this.deps.dialect, auth.accountId, listFilter, paging);
    const items = await this.render(auth.accountId, rows, 'listed');
    return { items: selectFields(items, q.selectfields), total, paging, filterText: text };
  }

  // ---- Writes -------------------------------------------------------------------------------

  async create(auth: Auth, input: TaskCreate) {
    const resolved = await this.input.resolve(auth, input, undefined);
    const row = await this.write(auth, undefined, resolved, 'Inclusao');
    return row.dto('created');
  }

  /** PUT: update the task matched by `id`, else by `externalId`; otherwise create (D9). */
  async upsert(auth: Auth, input: TaskUpsert) {
    return upsertOnce(() => this.tryUpsert(auth, input));
  }

  private async tryUpsert(auth: Auth, input: TaskUpsert) {
    const { db } = this.deps;
    let existing: repo.TaskRow | undefined;
    if (input.id !== undefined) existing = await repo.findTask(db, auth.accountId, input.id);
    if (!existing && input.externalId !== undefined && input.externalId !== '') {
      existing = await repo.findTaskByExternalId(db, auth.accountId, input.externalId);
    }
    const resolved = await this.input.resolve(auth, input, existing);
    const claim = existing ? undefined : externalIdClaim('tasks', auth.accountId, input.externalId, repo.findTaskByExternalId);
    const w = await this.write(auth, existing, resolved, existing ? 'Alteracao' : 'Inclusao', claim);
    return { created: !existing, dto: w.dto('upserted') };
  }

  async patch(auth: Auth, id: number, ops: unknown) {
    const current = await repo.findTask(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const view = {
      externalId: current.external_id,
      taskType: current.task_type_id ?? 0,
      idUserFrom: current.user_from_id,
      idUserTo: current.user_to_id ?? 0,
      teamId: current.team_id ?? 0,
      taskDate: this.fmt(current.task_date),
      latitude: current.latitude,
      longitude: current.longitude,
      address: current.address,
      orientation: current.orientation,
      priority: current.priority,
      questionnaireId: current.questionnaire_id ?? 0,
      customerId: current.customer_id ?? 0,
      checkinType: current.checkin_type,
      keyWords: parseJsonArray<number>(current.keywords),
      sendSatisfactionSurvey: current.send_survey === 1,
      financialCategory: current.financial_category,
    };
    const next = applyJsonPatch(TaskPatchable, view, ops) as Record<string, unknown>;
    // Only what changed is written (and validated), so an untouched stale reference stays.
    const changed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next)) {
      if (JSON.stringify(v) !== JSON.stringify((view as Record<string, unknown>)[k])) changed[k] = v;
    }
    const resolved = await this.input.resolve(auth, changed as TaskUpsert, current);
    const w = await this.write(auth, current, resolved, 'Alteracao');
    return w.dto('patched');
  }

  async remove(auth: Auth, id: number): Promise<void> {
    const current = await repo.findTask(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    await this.mutate(auth, current, 'Exclusao', async (trx, now) => {
      await repo.updateTask(trx, auth.accountId, id, { deleted: 1, deleted_at: now, updated_at: now });
    });
  }

  async putLines(auth: Auth, id: number, kind: repo.LineKind, body: Record<string, unknown>) {
    const current = await repo.findTask(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const field = kind === 'product' ? 'taskProducts' : kind === 'service' ? 'taskServices' : 'taskAdditionalCosts';
    const list = body[field];
    if (!Array.isArray(list) || list.length === 0) throw FieldError.of(field, `The ${field} field is required.`);
    const errors: FieldMap = {};
    const lines = this.input.readLines(errors, field, kind, list as (ProductLineIn & ServiceLineIn & CostLineIn)[]);
    if (Object.keys(errors).length === 0) await this.input.checkCatalog(errors, auth.accountId, field, kind, lines);
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
    const extra = emptyRefs();
    refsOfLines(
      extra,
      lines.map((l) => ({ kind, item_guid: l.guid })),
    );
    const w = await this.mutate(
      auth,
      current,
      'Alteracao',
      async (trx, now) => {
        for (const l of lines) await this.saveLine(trx, auth.accountId, id, kind, l, auth.adminUserId, now);
        await repo.updateTask(trx, auth.accountId, id, { updated_at: now });
      },
      extra,
    );
    return w.dto('lines');
  }

  async deleteLines(auth: Auth, id: number, kind: repo.LineKind, body: unknown): Promise<void> {
    const current = await repo.findTask(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    if (!Array.isArray(body) || body.length === 0) throw FieldError.of('body', 'A JSON array of item ids is required.');
    const guids: string[] = [];
    body.forEach((v, i) => {
      if (typeof v !== 'string' || !GUID.test(v.trim())) throw FieldError.of(`[${i}]`, `The value '${String(v)}' is not a valid id.`);
      guids.push(v.trim().toLowerCase());
    });
    const lines = await repo.linesOf(this.deps.db, auth.accountId, [id]);
    const present = new Set(lines.filter((l) => l.kind === kind).map((l) => l.item_guid));
    const missing = guids.filter((g) => !present.has(g));
    // Removing an item the task does not have is a 404, like any unknown id.
    if (missing.length > 0) throw new NotFoundError();
    await this.mutate(auth, current, 'Alteracao', async (trx, now) => {
      await repo.deleteLines(trx, auth.accountId, id, kind, guids);
      await repo.updateTask(trx, auth.accountId, id, { updated_at: now });
    });
  }

  async putAttachments(auth: Auth, id: number, body: { removeAllAttachmentsInsertedByMe?: boolean; attachments?: unknown[] }) {
    const current = await repo.findTask(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const list = body.attachments ?? [];
    if (!Array.isArray(list)) throw FieldError.of('attachments', 'The attachments must be an array.');
    if (list.length === 0 && !body.removeAllAttachmentsInsertedByMe)
      throw FieldError.of('attachments', 'The attachments field is required.');
    const uploads = list.map((a, i) => this.deps.files.decodeUpload(`attachments[${i}]`, a));
    const w = await this.mutate(auth, current, 'Alteracao', async (trx, now) => {
      if (body.removeAllAttachmentsInsertedByMe) {
        await this.deps.files.removeFor(trx, auth.accountId, TASK_ENTITY, id, { onlyInsertedByApi: true, insertedBy: auth.adminUserId });
      }
      for (const u of uploads)
        await this.deps.files.save(trx, auth.accountId, { entity: TASK_ENTITY, entityId: id, insertedBy: auth.adminUserId }, u);
      await repo.updateTask(trx, auth.accountId, id, { updated_at: now });
    });
    return w.dto('attachments');
  }

  /**
   * Bulk creation for seeds and benches: references are validated once for the whole batch,
   * every task is written in one transaction. Inputs take the POST body shape. With
   * `recordChanges: false` no change events are written (no webhooks): only for loading
   * fixtures. Returns the new task ids in input order.
   */
  async importMany(auth: Auth, inputs: TaskCreate[], opts: { recordChanges?: boolean } = {}): Promise<number[]> {
    const record = opts.recordChanges ?? true;
    const resolvedAll: Resolved[] = [];
    const errors: FieldMap = {};
    for (const [i, input] of inputs.entries()) {
      const e: FieldMap = {};
      resolvedAll.push(this.input.readInput(e, input, undefined));
      for (const [k, v] of Object.entries(e)) errors[`[${i}].${k}`] = v;
    }
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
    await this.input.checkReferences(errors, auth.accountId, resolvedAll);
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
    const cache = new RefCache(this.services, auth.accountId);
    if (record) {
      const refs = emptyRefs();
      for (const r of resolvedAll) this.refsOfResolved(refs, r, undefined);
      await cache.fill(refs);
    }
    const now = this.deps.clock.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const ids: number[] = [];
      if (!record) {
        // Without change events rows go in many at a time (fixtures, benches).
        for (let i = 0; i < resolvedAll.length; i += 200) {
          const chunk = resolvedAll.slice(i, i + 200);
          const inserted = await repo.insertTasks(
            trx,
            chunk.map((r) => this.newRow(auth, r, now)),
          );
          for (const [j, id] of inserted.entries()) {
            await this.saveParts(trx, auth, id, chunk[j], now);
            ids.push(id);
          }
        }
        return ids;
      }
      for (const r of resolvedAll) {
        const row = await this.insertResolved(trx, auth, r, now);
        if (record) {
          const [b] = await this.bundles(trx, auth.accountId, [row]);
          await this.record(trx, auth, row, 'Inclusao', this.present(this.full(b, cache), 'get'));
        }
        ids.push(row.id);
      }
      return ids;
    });
  }

  /** Live task ids of the account among `ids`. */
  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingTaskIds(this.deps.db, accountId, ids);
  }

  async findById(accountId: number, id: number) {
    const row = await repo.findTask(this.deps.db, accountId, id);
    return row ? (await this.render(accountId, [row], 'get'))[0] : undefined;
  }

  /** The questionnaires used by the given tasks (questionnaires list filter `taskIDs`). */
  async questionnaireIdsOf(accountId: number, taskIds: number[]): Promise<number[]> {
    return repo.questionnaireIdsOf(this.deps.db, accountId, taskIds);
  }

  // ---- Write machinery (shared with the field simulator) ------------------------------------

  private async record(
    trx: Transaction<DB>,
    auth: Auth,
    row: repo.TaskRow,
    action: 'Inclusao' | 'Alteracao' | 'Exclusao',
    snapshot: unknown,
  ) {
    await this.deps.changes.record(trx, {
      accountId: auth.accountId,
      entity: TASK_ENTITY,
      entityId: row.id,
      action,
      userId: row.user_to_id,
      snapshot,
    });
  }

  /**
   * Runs `change` in one transaction on a live task, bumps nothing by itself (the change sets
   * `updated_at`), then records the change event with the task as GET returns it. `extra`
   * names references the change introduces (fetched before the transaction).
   */
  async mutate(
    auth: Auth,
    current: repo.TaskRow,
    action: 'Alteracao' | 'Exclusao',
    change: (trx: Transaction<DB>, now: string) => Promise<void>,
    extra?: Refs,
  ) {
    const { db, clock } = this.deps;
    const cache = new RefCache(this.services, auth.accountId);
    const [before] = await this.bundles(db, auth.accountId, [current]);
    const refs = this.refsOf([before]);
    if (extra) for (const k of Object.keys(refs) as (keyof Refs)[]) for (const v of extra[k] as Set<never>) (refs[k] as Set<never>).add(v);
    await cache.fill(refs);
    const now = clock.now().toISOString();
    const bundle = await db.transaction().execute(async (trx) => {
      const live = await repo.findTask(trx, auth.accountId, current.id);
      if (!live) throw new NotFoundError();
      const snapshotBefore =
        action === 'Exclusao' ? this.present(this.full((await this.bundles(trx, auth.accountId, [live]))[0], cache), 'get') : undefined;
      await change(trx, now);
      if (action === 'Exclusao') {
        await this.record(trx, auth, live, action, snapshotBefore);
        return undefined;
      }
      const row = await repo.findTask(trx, auth.accountId, current.id);
      const [b] = await this.bundles(trx, auth.accountId, [row as repo.TaskRow]);
      await this.record(trx, auth, b.row, action, this.present(this.full(b, cache), 'get'));
      return b;
    });
    return {
      row: bundle?.row,
      dto: (variant: Variant) => this.present(this.full(bundle as TaskBundle, cache), variant),
    };
  }

  private refsOfResolved(refs: Refs, r: Resolved, current: repo.TaskRow | undefined) {
    const c = r.cols;
    const userFrom = c.user_from_id ?? current?.user_from_id;
    if (userFrom) refs.users.add(userFrom as number);
    const userTo = c.user_to_id !== undefined ? c.user_to_id : current?.user_to_id;
    if (userTo) refs.users.add(userTo as number);
    const customer = c.customer_id !== undefined ? c.customer_id : current?.customer_id;
    if (customer) refs.customers.add(customer as number);
    const type = c.task_type_id !== undefined ? c.task_type_id : current?.task_type_id;
    if (type) refs.taskTypes.add(type as number);
    for (const k of r.keywords ?? parseJsonArray<number>(current?.keywords ?? '[]')) refs.keywords.add(k);
    for (const l of r.products) refs.products.add(l.guid);
    for (const l of r.services) refs.services.add(l.guid);
    for (const l of r.costs) refs.costs.add(l.guid);
  }

  private async write(
    auth: Auth,
    current: repo.TaskRow | undefined,
    r: Resolved,
    action: 'Inclusao' | 'Alteracao',
    claim?: ExternalIdClaim,
  ) {
    if (current) {
      const extra = emptyRefs();
      this.refsOfResolved(extra, r, current);
      return this.mutate(
        auth,
        current,
        'Alteracao',
        async (trx, now) => {
          await repo.updateTask(trx, auth.accountId, current.id, { ...r.cols, updated_at: now });
          if (r.keywords) await repo.setKeywords(trx, current.id, r.keywords);
          await this.saveResolvedLines(trx, auth, current.id, r, now);
          for (const u of r.uploads) {
            await this.deps.files.save(trx, auth.accountId, { entity: TASK_ENTITY, entityId: current.id, insertedBy: auth.adminUserId }, u);
          }
        },
        extra,
      );
    }
    const cache = new RefCache(this.services, auth.accountId);
    const refs = emptyRefs();
    this.refsOfResolved(refs, r, undefined);
    await cache.fill(refs);
    const now = this.deps.clock.now().toISOString();
    const bundle = await this.deps.db.transaction().execute(async (trx) => {
      await claimExternalId(trx, this.deps.dialect, claim);
      const row = await this.insertResolved(trx, auth, r, now);
      const [b] = await this.bundles(trx, auth.accountId, [row]);
      await this.record(trx, auth, row, action, this.present(this.full(b, cache), 'get'));
      return b;
    });
    return { row: bundle.row, dto: (variant: Variant) => this.present(this.full(bundle, cache), variant) };
  }

  private newRow(auth: Auth, r: Resolved, now: string): repo.NewTaskRow {
    const c = r.cols;
    return {
      ...TASK_DEFAULTS,
      ...c,
      account_id: auth.accountId,
      guid: this.deps.ids.uuid().toLowerCase(),
      url_key: this.deps.ids.secret(16),
      user_from_id: c.user_from_id as number,
      task_date: (c.task_date as string | undefined) ?? now,
      created_at: now,
      updated_at: now,
    };
  }

  /** Keywords, lines and uploads of a task just inserted. */
  private async saveParts(trx: Transaction<DB>, auth: Auth, taskId: number, r: Resolved, now: string) {
    if (r.keywords?.length) await repo.setKeywords(trx, taskId, r.keywords);
    await this.saveResolvedLines(trx, auth, taskId, r, now);
    for (const u of r.uploads) {
      await this.deps.files.save(trx, auth.accountId, { entity: TASK_ENTITY, entityId: taskId, insertedBy: auth.adminUserId }, u);
    }
  }

  private async insertResolved(trx: Transaction<DB>, auth: Auth, r: Resolved, now: string): Promise<repo.TaskRow> {
    const row = await repo.insertTask(trx, this.newRow(auth, r, now));
    await this.saveParts(trx, auth, row.id, r, now);
    return row;
  }

  private async saveResolvedLines(trx: Transaction<DB>, auth: Auth, taskId: number, r: Resolved, now: string) {
    for (const l of r.products) await this.saveLine(trx, auth.accountId, taskId, 'product', l, auth.adminUserId, now);
    for (const l of r.services) await this.saveLine(trx, auth.accountId, taskId, 'service', l, auth.adminUserId, now);
    for (const l of r.costs) await this.saveLine(trx, auth.accountId, taskId, 'cost', l, auth.adminUserId, now);
  }

  async saveLine(trx: Transaction<DB>, accountId: number, taskId: number, kind: repo.LineKind, l: LineValues, userId: number, now: string) {
    await repo.upsertLine(
      trx,
      {
        account_id: accountId,
        task_id: taskId,
        kind,
        item_guid: l.guid,
        quantity: l.quantity,
        unitary_value: l.unitaryValue,
        discount_type: l.discountType,
        discount_value: l.discountValue,
        user_id: userId,
      },
      now,
    );
  }
}
