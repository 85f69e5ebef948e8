import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { parseLocal } from '../../core/dates.js';
import { EnvelopeError, FieldError, type FieldMap, invalidValue, NotFoundError } from '../../core/errors.js';
import type { DecodedFile } from '../../core/files.js';
import { parseId } from '../../core/http.js';
import { isStorableId } from '../../core/ids.js';
import { decodeParamFilter, type ListQueryInput, multiValues, parsePaging } from '../../core/listing.js';
import { parseDecimal, roundTo } from '../../core/money.js';
import { applyJsonPatch } from '../../core/patch.js';
import type { TaskCreate } from '../tasks/tasks.schema.js';
import * as repo from './projects.repo.js';
import {
  type ProjectCreate,
  type ProjectDto,
  ProjectFilter,
  type ProjectInput,
  type ProjectListedDto,
  ProjectPatchable,
  type ProjectStatusCreate,
  type ProjectUpsert,
  type Recurrence,
} from './projects.schema.js';

declare module '../../core/context.js' {
  interface Services {
    projects: ProjectsService;
  }
}

export const PROJECT_ENTITY = 'Project';
export const PROJECT_STATUS_ENTITY = 'ProjectStatus';
const FILTER_NAME = 'ParamProjectFilter';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/;
/** Visit `status` from the task's taskStatus (the docs show only "Aberta"; inventory 5.20). */
const VISIT_STATUS: Record<number, string> = {
  1: 'Aberta',
  2: 'EmDeslocamento',
  3: 'CheckIn',
  4: 'CheckOut',
  5: 'Finalizada',
  6: 'Pausada',
};
const MAX_VISITS = 366;

export type ProjectRef = { code: number } | { guid: string };

/** The path id: the numeric projectCode (documented) or the GUID `id`. */
export function parseProjectRef(raw: string): ProjectRef {
  const s = raw.trim();
  if (GUID.test(s)) return { guid: s.toLowerCase() };
  return { code: parseId(raw) };
}

type TaskView = Record<string, unknown>;
type Line = Record<string, unknown>;

interface Values {
  externalId: string;
  customerId: number;
  description: string;
  statusId: number;
  taskTypeId: number;
  defaultQuestionnaireId: number;
  defaultResponsibleId: number;
  priority: number;
  keywords: number[];
  equipments: number[];
  startDate: string | null;
  endDate: string | null;
  discountType: 0 | 1;
  discountValue: number;
  tasks: number[];
}

/** What a DTO needs from other resources, fetched before any transaction. */
interface Context {
  customers: Map<number, string>;
  keywords: Map<number, string>;
  tasks: Map<number, TaskView>;
  statuses: Map<number, repo.StatusRow>;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v ?? 0) || 0);
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const lines = (v: unknown): Line[] => (Array.isArray(v) ? (v as Line[]) : []);

/** "2024-11-16T08:30:00" -> "16/11/2024 08:30" (GET) or "16/11/2024" (list); unset -> "01/01/0001". */
function brDate(local: unknown, withTime: boolean): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(str(local));
  if (!m) return withTime ? '01/01/0001 00:00' : '01/01/0001';
  return withTime ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

function discountTypeOf(v: unknown): 0 | 1 | undefined {
  const s = String(v).trim().toLowerCase();
  if (['0', 'value', 'valor', 'monetary', 'monetario', 'monetário'].includes(s)) return 0;
  if (['1', 'percentage', 'percentual', 'percent'].includes(s)) return 1;
  return undefined;
}

/** A calendar date (`yyyy-MM-dd`) from a date or date-time string, or undefined. */
function dateOnly(raw: string): string | undefined {
  const m = DATE_ONLY.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

const FREQUENCIES: Record<string, 'daily' | 'weekly' | 'monthly'> = {
  '1': 'daily',
  daily: 'daily',
  diaria: 'daily',
  '2': 'weekly',
  weekly: 'weekly',
  semanal: 'weekly',
  '3': 'monthly',
  monthly: 'monthly',
  mensal: 'monthly',
};

/**
 * The visit dates of a recurrence, as naive local date-times: wall-clock time is kept, months
 * clamp to their last day (31 Jan + 1 month = 28/29 Feb).
 */
export function recurrenceDates(
  first: string,
  frequency: 'daily' | 'weekly' | 'monthly',
  interval: number,
  occurrences: number | undefined,
  until: string | undefined,
): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})$/.exec(first) as RegExpExecArray;
  const [y, mo, d, time] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]];
  const out: string[] = [];
  for (let i = 0; out.length < (occurrences ?? MAX_VISITS) && i < MAX_VISITS * 31; i++) {
    let date: Date;
    if (frequency === 'monthly') {
      const target = new Date(Date.UTC(y, mo - 1 + i * interval, 1));
      const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      date = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, last)));
    } else {
      date = new Date(Date.UTC(y, mo - 1, d + i * interval * (frequency === 'weekly' ? 7 : 1)));
    }
    const day = date.toISOString().slice(0, 10);
    if (until !== undefined && day > until) break;
    out.push(`${day}T${time}`);
  }
  return out;
}

export class ProjectsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  // ---- DTOs --------------------------------------------------------------------------------

  private visit(t: TaskView) {
    const summary = (t.summary ?? {}) as Record<string, unknown>;
    const discount = (summary.discount ?? {}) as Record<string, unknown>;
    const percent = discountTypeOf(discount.type) === 1;
    return {
      taskId: num(t.taskID),
      externalCode: str(t.externalId),
      idUserFrom: num(t.idUserFrom),
      idUserTo: num(t.idUserTo),
      customerCode: num(t.customerId),
      taskTypeCode: num(t.taskType),
      taskDate: brDate(t.taskDate, true),
      priority: num(t.priority),
      finished: t.finished === true,
      equipmentsId: (Array.isArray(t.equipmentsId) ? t.equipmentsId : []).map(num),
      taskUrl: str(t.taskUrl),
      products: lines(t.products).map((p) => ({
        id: num(p.code),
        name: str(p.name),
        quantity: num(p.quantity),
        totalValue: num(p.totalValue),
      })),
      services: lines(t.services).map((s) => ({
        id: str(s.id),
        name: str(s.name),
        quantity: num(s.quantity),
        totalValue: num(s.totalValue),
      })),
      additionalCosts: lines(t.additionalCosts).map((c) => ({ id: num(c.code), name: str(c.name), unitValue: num(c.unitaryValue) })),
      status: VISIT_STATUS[num(t.taskStatus)] ?? 'Aberta',
      discountType: percent ? 1 : 0,
      discountValue: num(discount.value),
      totalValue: num(summary.totalValue),
      summary: {
        totalProducts: num(summary.totalProducts),
        totalServices: num(summary.totalServices),
        totalAdditionalCosts: num(summary.totalAdditionalCosts),
        totalValue: num(summary.totalValue),
        discount: { value: num(discount.value), type: percent ? 'Percentage' : 'Monetary' },
      },
    };
  }

  private head(row: repo.ProjectRow, links: repo.ProjectLinks, attachments: string[], ctx: Context) {
    return {
      id: row.guid,
      projectCode: row.id,
      customerId: row.customer_id,
      customerName: ctx.customers.get(row.customer_id) ?? '',
      statusId: ctx.statuses.get(row.status_id)?.guid ?? '',
      description: row.description,
      taskTypeId: row.task_type_id,
      defaultQuestionnaireId: row.default_questionnaire_id,
      defaultResponsibleId: row.default_responsible_id,
      priority: row.priority,
      keywords: links.keywords.map((id) => ({ id, name: ctx.keywords.get(id) ?? '' })),
      attachments,
      equipments: links.equipments,
    };
  }

  private visits(links: repo.ProjectLinks, ctx: Context) {
    return links.tasks.flatMap((id) => {
      const t = ctx.tasks.get(id);
      return t ? [this.visit(t)] : [];
    });
  }

  /** PR1: visits in full; the project's items are the visits' items summed by id. */
  toDto(row: repo.ProjectRow, links: repo.ProjectLinks, attachments: string[], ctx: Context): ProjectDto {
    const visits = this.visits(links, ctx);
    const sum = <T extends { id: number | string }>(all: T[], merge: (a: T, b: T) => T): T[] => {
      const out = new Map<number | string, T>();
      for (const x of all) out.set(x.id, out.has(x.id) ? merge(out.get(x.id) as T, x) : { ...x });
      return [...out.values()];
    };
    const items = <T extends { id: number | string; quantity: number; totalValue: number }>(all: T[]) =>
      sum(all, (a, b) => ({ ...a, quantity: roundTo(a.quantity + b.quantity, 4), totalValue: roundTo(a.totalValue + b.totalValue, 4) }));
    const products = items(visits.flatMap((v) => v.products));
    const services = items(visits.flatMap((v) => v.services));
    const additionalCosts = sum(
      visits.flatMap((v) => v.additionalCosts),
      (a, b) => ({ ...a, unitValue: roundTo(a.unitValue + b.unitValue, 4) }),
    );
    const total = (pick: (v: (typeof visits)[number]) => number) => roundTo(visits.reduce((s, v) => s + pick(v), 0));
    const totalProductValue = total((v) => v.summary.totalProducts);
    const totalServiceValue = total((v) => v.summary.totalServices);
    const totalAdditionalCostValue = total((v) => v.summary.totalAdditionalCosts);
    const visitsTotal = total((v) => v.totalValue);
    const visitsDiscount = roundTo(totalProductValue + totalServiceValue + totalAdditionalCostValue - visitsTotal);
    const projectDiscount = roundTo(row.discount_type === 1 ? (visitsTotal * row.discount_value) / 100 : row.discount_value);
    return {
      ...this.head(row, links, attachments, ctx),
      visits,
      products,
      services,
      additionalCosts,
      // Campo serves no printable service-order report: the links are empty.
      reportLink: '',
      detailedReportLink: '',
      summary: {
        totalProductValue,
        totalServiceValue,
        totalAdditionalCostValue,
        visitsDiscount,
        projectDiscountValue: roundTo(row.discount_value, 4),
        projectDiscountType: row.discount_type === 1 ? 'Percentage' : 'Value',
        totalProjectValue: roundTo(Math.max(0, visitsTotal - projectDiscount)),
      },
    };
  }

  /** PR2: items as bare ids, condensed visits, no summary. */
  toListedDto(row: repo.ProjectRow, links: repo.ProjectLinks, attachments: string[], ctx: Context): ProjectListedDto {
    const visits = this.visits(links, ctx);
    const distinct = <T>(all: T[]) => [...new Set(all)];
    return {
      ...this.head(row, links, attachments, ctx),
      products: distinct(visits.flatMap((v) => v.products.map((p) => p.id))),
      services: distinct(visits.flatMap((v) => v.services.map((s) => s.id))),
      additionalCosts: distinct(visits.flatMap((v) => v.additionalCosts.map((c) => c.id))),
      visits: visits.map((v) => ({
        taskId: v.taskId,
        taskTypeCode: v.taskTypeCode,
        taskDate: v.taskDate.slice(0, 10),
        priority: v.priority,
        finished: v.finished,
        equipments: v.equipmentsId,
        taskUrl: v.taskUrl,
        products: v.products.map((p) => p.id),
        services: v.services.map((s) => s.id),
        additionalCosts: v.additionalCosts.map((c) => c.id),
        status: v.status,
      })),
      reportLink: '',
      detailedReportLink: '',
    };
  }

  private async context(accountId: number, rows: repo.ProjectRow[], links: repo.ProjectLinks[]): Promise<Context> {
    const ctx: Context = { customers: new Map(), keywords: new Map(), tasks: new Map(), statuses: new Map() };
    for (const id of new Set(rows.map((r) => r.customer_id)))
      ctx.customers.set(id, (await this.services.customers.findById(accountId, id))?.description ?? '');
    for (const id of new Set(links.flatMap((l) => l.keywords)))
      ctx.keywords.set(id, (await this.services.keywords.findById(accountId, id))?.description ?? '');
    for (const id of new Set(links.flatMap((l) => l.tasks))) {
      const t = await this.services.tasks.findById(accountId, id);
      if (t) ctx.tasks.set(id, t as TaskView);
    }
    const statuses = await repo.statusesByIds(
      this.deps.db,
      accountId,
      rows.map((r) => r.status_id),
    );
    for (const [k, s] of statuses) ctx.statuses.set(k, s);
    return ctx;
  }

  private async loadOne(accountId: number, ref: ProjectRef) {
    const row = await repo.findProject(this.deps.db, accountId, ref);
    if (!row) return undefined;
    const links = (await repo.linksOf(this.deps.db, accountId, [row.id])).get(row.id) as repo.ProjectLinks;
    const files = (await this.deps.files.listFor(this.deps.db, accountId, PROJECT_ENTITY, row.id)).map((f) => f.url);
    const ctx = await this.context(accountId, [row], [links]);
    return { row, links, files, ctx };
  }

  // ---- Reads -------------------------------------------------------------------------------

  async get(auth: Auth, ref: ProjectRef): Promise<ProjectDto> {
    const l = await this.loadOne(auth.accountId, ref);
    if (!l) throw new NotFoundError();
    return this.toDto(l.row, l.links, l.files, l.ctx);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(ProjectFilter, q.paramFilter, FILTER_NAME);
    const f = filter as ProjectFilter;
    const paging = parsePaging(q);
    const accountId = auth.accountId;
    const bad = (key: string) => new EnvelopeError(`The paramFilter field '${key}' is not valid for ${FILTER_NAME}.`);
    const ids = (key: string, v: unknown): number[] | undefined => {
      if (v === undefined) return undefined;
      const parts = multiValues(v);
      if (parts.some((p) => !/^\d+$/.test(p))) throw bad(key);
      return parts.map(Number);
    };
    const day = (key: string, v: string | undefined) => {
      if (v === undefined) return undefined;
      const d = dateOnly(v);
      if (!d) throw bad(key);
      return d;
    };
    let customerIds = ids('ClientCode', f.ClientCode);
    const narrow = (found: number[]) => {
      customerIds = customerIds === undefined ? found : customerIds.filter((id) => found.includes(id));
    };
    const groups = ids('ClientGroupCode', f.ClientGroupCode);
    if (groups !== undefined) {
      const members: number[] = [];
      for (const g of groups.filter(isStorableId))
        members.push(...(await this.services.customers.groupMemberIds(this.deps.db, accountId, g)));
      narrow(members);
    }
    if (f.CpfCnpj !== undefined) {
      const wanted = f.CpfCnpj.replace(/\D/g, '');
      const found: number[] = [];
      for (const id of await repo.projectCustomerIds(this.deps.db, accountId)) {
        const c = await this.services.customers.findById(accountId, id);
        if (c && wanted !== '' && c.cpfCnpj.replace(/\D/g, '') === wanted) found.push(id);
      }
      narrow(found);
    }
    let statusId: number | undefined;
    if (f.StatusId !== undefined) statusId = (await repo.findStatusByGuid(this.deps.db, accountId, f.StatusId.trim()))?.id ?? 0;
    const { rows, total } = await repo.listProjects(
      this.deps.db,
      this.deps.dialect,
      accountId,
      {
        codes: ids('ProjectCodes', f.ProjectCodes),
        externalIds: f.ExternalCodes === undefined ? undefined : multiValues(f.ExternalCodes),
        description: f.Description,
        startFrom: day('StartDateDuration', f.StartDateDuration),
        endUntil: day('EndDateDuration', f.EndDateDuration),
        keywordIds: ids('KeywordCode', f.KeywordCode),
        customerIds,
        statusId,
        equipmentIds: ids('EquipmentCode', f.EquipmentCode),
      },
      paging,
    );
    const linkMap = await repo.linksOf(
      this.deps.db,
      accountId,
      rows.map((r) => r.id),
    );
    const files = await this.deps.files.listForMany(
      this.deps.db,
      accountId,
      PROJECT_ENTITY,
      rows.map((r) => r.id),
    );
    const links = rows.map((r) => linkMap.get(r.id) as repo.ProjectLinks);
    const ctx = await this.context(accountId, rows, links);
    const items = rows.map((r, i) =>
      this.toListedDto(
        r,
        links[i],
        (files.get(String(r.id)) ?? []).map((x) => x.url),
        ctx,
      ),
    );
    return { items, total, paging, filterText: text };
  }

  // ---- Writes ------------------------------------------------------------------------------

  async create(auth: Auth, input: ProjectCreate): Promise<ProjectDto> {
    return this.write(auth, undefined, fromLive(input));
  }

  /** PUT: update the project matched by `id`/`projectCode`, then `externalId`; otherwise create. */
  async upsert(auth: Auth, input: ProjectUpsert): Promise<{ created: boolean; dto: ProjectDto }> {
    const { id, projectCode, ...rest } = fromLive(input);
    let ref: ProjectRef | undefined;
    if (id !== undefined)
      ref = GUID.test(id.trim()) ? { guid: id.trim().toLowerCase() } : /^\s*\d+\s*$/.test(id) ? { code: Number(id) } : undefined;
    if (id !== undefined && !ref) throw invalidValue('id', id);
    if (!ref && projectCode !== undefined) ref = { code: projectCode };
    let current = ref ? await this.loadOne(auth.accountId, ref) : undefined;
    if (!current && rest.externalId) {
      const byExternal = await repo.findProjectByExternalId(this.deps.db, auth.accountId, rest.externalId);
      if (byExternal) current = await this.loadOne(auth.accountId, { code: byExternal.id });
    }
    if (!current) {
      const missing: FieldMap = {};
      if (rest.customerId === undefined) missing.customerId = ['The customerId field is required.'];
      if (rest.description === undefined) missing.description = ['The description field is required.'];
      if (Object.keys(missing).length > 0) throw new FieldError(missing);
    }
    const dto = await this.write(auth, current, rest);
    return { created: !current, dto };
  }

  async patch(auth: Auth, ref: ProjectRef, ops: unknown): Promise<ProjectDto> {
    const current = await this.loadOne(auth.accountId, ref);
    if (!current) throw new NotFoundError();
    const v = this.valuesOf(current.row, current.links);
    const view = {
      externalId: v.externalId,
      customerId: v.customerId,
      description: v.description,
      statusId: current.ctx.statuses.get(v.statusId)?.guid ?? '',
      taskTypeId: v.taskTypeId,
      defaultQuestionnaireId: v.defaultQuestionnaireId,
      defaultResponsibleId: v.defaultResponsibleId,
      priority: v.priority,
      keywords: v.keywords,
      equipments: v.equipments,
      startDate: v.startDate ?? '',
      endDate: v.endDate ?? '',
      discountType: v.discountType,
      discountValue: v.discountValue,
      tasks: v.tasks,
    };
    const next = applyJsonPatch(ProjectPatchable, view, ops);
    const changed: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(next)) {
      if (JSON.stringify(val) !== JSON.stringify((view as Record<string, unknown>)[k])) changed[k] = val;
    }
    return this.write(auth, current, changed as ProjectInput);
  }

  async remove(auth: Auth, ref: ProjectRef): Promise<void> {
    const current = await this.loadOne(auth.accountId, ref);
    if (!current) throw new NotFoundError();
    const snapshot = this.toDto(current.row, current.links, current.files, current.ctx);
    const { db, files, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      if (!(await repo.findProject(trx, auth.accountId, { code: current.row.id }))) throw new NotFoundError();
      await files.removeFor(trx, auth.accountId, PROJECT_ENTITY, current.row.id);
      await repo.deleteProject(trx, auth.accountId, current.row.id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: PROJECT_ENTITY,
        entityId: current.row.id,
        action: 'Exclusao',
        userId: current.row.default_responsible_id || null,
        snapshot,
      });
    });
  }

  private valuesOf(row: repo.ProjectRow, links: repo.ProjectLinks): Values {
    return {
      externalId: row.external_id,
      customerId: row.customer_id,
      description: row.description,
      statusId: row.status_id,
      taskTypeId: row.task_type_id,
      defaultQuestionnaireId: row.default_questionnaire_id,
      defaultResponsibleId: row.default_responsible_id,
      priority: row.priority,
      keywords: links.keywords,
      equipments: links.equipments,
      startDate: row.start_date,
      endDate: row.end_date,
      discountType: row.discount_type === 1 ? 1 : 0,
      discountValue: row.discount_value,
      tasks: links.tasks,
    };
  }

  /** Validates `input` over the current values; every problem in one 400 map; nothing written. */
  private async resolve(
    auth: Auth,
    current: Values | undefined,
    input: ProjectInput,
  ): Promise<{ v: Values; visitDates: string[]; recurrence: Recurrence | undefined }> {
    const errors: FieldMap = {};
    const fail = (field: string, message: string) => {
      errors[field] = [...(errors[field] ?? []), message];
    };
    const { db } = this.deps;
    const a = auth.accountId;
    const v: Values = current
      ? { ...current }
      : {
          externalId: '',
          customerId: 0,
          description: '',
          statusId: (await repo.firstStatus(db, a))?.id ?? 0,
          taskTypeId: 0,
          defaultQuestionnaireId: 0,
          defaultResponsibleId: 0,
          priority: 2,
          keywords: [],
          equipments: [],
          startDate: null,
          endDate: null,
          discountType: 0,
          discountValue: 0,
          tasks: [],
        };
    if (input.externalId !== undefined) v.externalId = input.externalId;
    if (input.description !== undefined) v.description = input.description;
    if (input.priority !== undefined) v.priority = input.priority;
    const one = async (
      field: string,
      id: number | undefined,
      zeroOk: boolean,
      label: string,
      exists: (ids: number[]) => Promise<Set<number>>,
    ) => {
      if (id === undefined) return undefined;
      if ((id !== 0 || !zeroOk) && !(await exists([id])).has(id)) {
        fail(field, `No ${label} with id ${id} exists.`);
        return undefined;
      }
      return id;
    };
    const customers = (ids: number[]) => this.services.customers.existingIds(a, ids);
    const users = (ids: number[]) => this.services.users.existingIds(a, ids);
    v.customerId = (await one('customerId', input.customerId, false, 'customer', customers)) ?? v.customerId;
    v.taskTypeId =
      (await one('taskTypeId', input.taskTypeId, true, 'task type', (ids) => this.services.taskTypes.existingIds(a, ids))) ?? v.taskTypeId;
    v.defaultQuestionnaireId =
      (await one('defaultQuestionnaireId', input.defaultQuestionnaireId, true, 'questionnaire', (ids) =>
        this.services.questionnaires.existingIds(a, ids),
      )) ?? v.defaultQuestionnaireId;
    v.defaultResponsibleId = (await one('defaultResponsibleId', input.defaultResponsibleId, true, 'user', users)) ?? v.defaultResponsibleId;
    if (input.statusId !== undefined) {
      if (input.statusId.trim() === '') v.statusId = 0;
      else {
        const s = GUID.test(input.statusId.trim()) ? await repo.findStatusByGuid(db, a, input.statusId.trim()) : undefined;
        if (s) v.statusId = s.id;
        else fail('statusId', `No project status with id '${input.statusId}' exists.`);
      }
    }
    const many = async (field: string, ids: number[] | undefined, label: string, exists: (ids: number[]) => Promise<Set<number>>) => {
      if (ids === undefined) return undefined;
      const wanted = [...new Set(ids)];
      const found = await exists(wanted);
      const missing = wanted.filter((id) => !found.has(id));
      if (missing.length > 0) fail(field, `No ${label} with id ${missing.join(', ')} exists.`);
      return wanted;
    };
    v.keywords = (await many('keywords', input.keywords, 'keyword', (ids) => this.services.keywords.existingIds(a, ids))) ?? v.keywords;
    v.equipments =
      (await many('equipments', input.equipments, 'equipment', (ids) => this.services.equipments.existingIds(a, ids))) ?? v.equipments;
    v.tasks = (await many('tasks', input.tasks, 'task', (ids) => this.services.tasks.existingIds(a, ids))) ?? v.tasks;
    for (const key of ['startDate', 'endDate'] as const) {
      const raw = input[key];
      if (raw === undefined) continue;
      if (raw.trim() === '') v[key] = null;
      else {
        const d = dateOnly(raw);
        if (d) v[key] = d;
        else fail(key, `The value '${raw}' is not a valid date (yyyy-MM-dd).`);
      }
    }
    if (v.startDate && v.endDate && v.endDate < v.startDate) fail('endDate', 'The endDate must not be before the startDate.');
    if (input.discountType !== undefined) {
      const t = discountTypeOf(input.discountType);
      if (t === undefined) fail('discountType', `The value '${String(input.discountType)}' is not valid; use 0 (Value) or 1 (Percentage).`);
      else v.discountType = t;
    }
    if (input.discountValue !== undefined) {
      const n = parseDecimal(input.discountValue);
      if (n === undefined || n < 0) fail('discountValue', `The value '${String(input.discountValue)}' is not a valid amount.`);
      else v.discountValue = roundTo(n, 4);
    }
    if (v.discountType === 1 && v.discountValue > 100) fail('discountValue', 'A percentage discount cannot exceed 100.');
    let visitDates: string[] = [];
    const rec = input.recurrence;
    if (rec) {
      const frequency = FREQUENCIES[String(rec.frequency).trim().toLowerCase()];
      if (!frequency)
        fail('recurrence.frequency', `The value '${String(rec.frequency)}' is not valid; use daily (1), weekly (2) or monthly (3).`);
      const first =
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(rec.taskDate.trim()) && parseLocal(rec.taskDate, this.deps.timeZone)
          ? rec.taskDate.trim()
          : undefined;
      if (!first) fail('recurrence.taskDate', `The value '${rec.taskDate}' is not a valid date (yyyy-MM-ddTHH:mm:ss).`);
      const until = rec.until === undefined ? undefined : dateOnly(rec.until);
      if (rec.until !== undefined && !until) fail('recurrence.until', `The value '${rec.until}' is not a valid date (yyyy-MM-dd).`);
      if (rec.occurrences === undefined && rec.until === undefined) fail('recurrence', 'Give occurrences or until.');
      if (rec.idUserTo !== undefined) await one('recurrence.idUserTo', rec.idUserTo, true, 'user', users);
      if (frequency && first && (rec.until === undefined || until)) {
        visitDates = recurrenceDates(first, frequency, rec.interval ?? 1, rec.occurrences, until);
        if (visitDates.length === 0) fail('recurrence.until', 'The recurrence yields no visit.');
        if (v.tasks.length + visitDates.length > MAX_VISITS) fail('recurrence', `A project holds at most ${MAX_VISITS} visits.`);
      }
    }
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
    return { v, visitDates, recurrence: rec };
  }

  /**
   * Creates the recurrence's visits through the tasks service (each task is its own write, with
   * its own change event). Should one fail, the ones already created are deleted again.
   */
  private async createVisits(auth: Auth, v: Values, dates: string[], rec: Recurrence): Promise<number[]> {
    const created: number[] = [];
    try {
      for (const taskDate of dates) {
        const input: TaskCreate = {
          taskDate,
          idUserFrom: v.defaultResponsibleId || auth.adminUserId,
          idUserTo: rec.idUserTo ?? v.defaultResponsibleId,
          customerId: v.customerId,
          priority: v.priority,
          orientation: rec.orientation ?? v.description,
          ...(v.taskTypeId ? { taskType: v.taskTypeId } : {}),
          ...(v.defaultQuestionnaireId ? { questionnaireId: v.defaultQuestionnaireId } : {}),
          ...(v.equipments.length ? { equipmentsId: v.equipments } : {}),
        };
        const task = (await this.services.tasks.create(auth, input)) as { taskID: number };
        created.push(task.taskID);
      }
    } catch (err) {
      for (const id of created) await this.services.tasks.remove(auth, id).catch(() => undefined);
      throw err;
    }
    return created;
  }

  private async write(
    auth: Auth,
    current: NonNullable<Awaited<ReturnType<ProjectsService['loadOne']>>> | undefined,
    input: ProjectInput,
  ): Promise<ProjectDto> {
    const { db, clock, files, changes, ids } = this.deps;
    const a = auth.accountId;
    const { v, visitDates, recurrence } = await this.resolve(auth, current ? this.valuesOf(current.row, current.links) : undefined, input);
    const uploads: DecodedFile[] = (input.attachments ?? []).map((u, i) => files.decodeUpload(`attachments[${i}]`, u));
    if (recurrence && visitDates.length > 0) v.tasks = [...v.tasks, ...(await this.createVisits(auth, v, visitDates, recurrence))];
    const now = clock.now().toISOString();
    const links: repo.ProjectLinks = { keywords: v.keywords, equipments: v.equipments, tasks: v.tasks };
    const draft = { customer_id: v.customerId, status_id: v.statusId } as repo.ProjectRow;
    const ctx = await this.context(a, [draft], [links]);
    return db.transaction().execute(async (trx) => {
      const cols = {
        external_id: v.externalId,
        customer_id: v.customerId,
        status_id: v.statusId,
        description: v.description,
        task_type_id: v.taskTypeId,
        default_questionnaire_id: v.defaultQuestionnaireId,
        default_responsible_id: v.defaultResponsibleId,
        priority: v.priority,
        start_date: v.startDate,
        end_date: v.endDate,
        discount_type: v.discountType,
        discount_value: v.discountValue,
        ...(recurrence ? { recurrence: JSON.stringify(recurrence) } : {}),
        updated_at: now,
      };
      let row: repo.ProjectRow;
      if (current) {
        if (!(await repo.findProject(trx, a, { code: current.row.id }))) throw new NotFoundError();
        row = await repo.updateProject(trx, a, current.row.id, cols);
      } else {
        row = await repo.insertProject(trx, { ...cols, account_id: a, guid: ids.uuid().toLowerCase(), created_at: now });
      }
      await repo.replaceLinks(trx, a, row.id, 'keyword', v.keywords);
      await repo.replaceLinks(trx, a, row.id, 'equipment', v.equipments);
      await repo.replaceLinks(trx, a, row.id, 'task', v.tasks);
      for (const u of uploads) await files.save(trx, a, { entity: PROJECT_ENTITY, entityId: row.id, insertedBy: auth.adminUserId }, u);
      const urls = (await files.listFor(trx, a, PROJECT_ENTITY, row.id)).map((f) => f.url);
      const dto = this.toDto(row, links, urls, ctx);
      await changes.record(trx, {
        accountId: a,
        entity: PROJECT_ENTITY,
        entityId: row.id,
        action: current ? 'Alteracao' : 'Inclusao',
        userId: row.default_responsible_id || null,
        snapshot: dto,
      });
      return dto;
    });
  }

  // ---- Status catalogue (extension) --------------------------------------------------------

  async listStatuses(auth: Auth, q: ListQueryInput) {
    const paging = parsePaging(q);
    const { rows, total } = await repo.listStatuses(this.deps.db, auth.accountId, paging);
    return { items: rows.map((r) => ({ id: r.guid, description: r.description })), total, paging };
  }

  async createStatus(auth: Auth, input: ProjectStatusCreate) {
    const { db, clock, ids, changes } = this.deps;
    return db.transaction().execute(async (trx) => {
      const r = await repo.insertStatus(trx, {
        account_id: auth.accountId,
        guid: ids.uuid().toLowerCase(),
        description: input.description,
        created_at: clock.now().toISOString(),
      });
      const dto = { id: r.guid, description: r.description };
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: PROJECT_STATUS_ENTITY,
        entityId: r.guid,
        action: 'Inclusao',
        snapshot: dto,
      });
      return dto;
    });
  }

  // ---- For other resources -----------------------------------------------------------------

  async existingIds(accountId: number, codes: number[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (const code of new Set(codes)) if (await repo.findProject(this.deps.db, accountId, { code })) out.add(code);
    return out;
  }

  async findById(accountId: number, ref: number | string): Promise<ProjectDto | undefined> {
    let r: ProjectRef;
    try {
      r = parseProjectRef(String(ref));
    } catch {
      return undefined;
    }
    const l = await this.loadOne(accountId, r);
    return l ? this.toDto(l.row, l.links, l.files, l.ctx) : undefined;
  }
}

/**
 * The live service's flat service-order fields, read as Campo's: `externalCode` as `externalId`,
 * `keywordsIds` as `keywords`, and `recurrenceType`/`recurrenceInterval`/`dateFirstVisit`/
 * `dateLastVisit`/`startTime` as `recurrence` (which creates the visits). What Campo cannot
 * reproduce faithfully (yearly recurrences, `recurrenceDays`, `monthlyMode`, `duration`) is a 400,
 * never silently dropped.
 */
export function fromLive<T extends ProjectInput>(input: T): T {
  const { externalCode, keywordsIds, recurrenceType, recurrenceInterval, dateFirstVisit, dateLastVisit, startTime, ...rest } = input;
  const errors: Record<string, string[]> = {};
  for (const k of ['recurrenceDays', 'monthlyMode', 'duration'] as const) {
    if (rest[k] !== undefined) errors[k] = [`The ${k} field is not supported by Campo.`];
  }
  const out = { ...rest } as T;
  delete out.recurrenceDays;
  delete out.monthlyMode;
  delete out.duration;
  if (externalCode !== undefined && out.externalId === undefined) out.externalId = externalCode;
  if (keywordsIds !== undefined && out.keywords === undefined) out.keywords = keywordsIds;
  const live = [recurrenceType, recurrenceInterval, dateFirstVisit, dateLastVisit, startTime].some((x) => x !== undefined);
  if (live) {
    if (out.recurrence !== undefined) errors.recurrenceType = ['Give recurrence or the live recurrence fields, not both.'];
    const type = recurrenceType?.trim().toLowerCase();
    if (type === undefined) errors.recurrenceType = ['The recurrenceType field is required.'];
    else if (type === 'yearly') errors.recurrenceType = ["The value 'yearly' is not supported by Campo; use daily, weekly or monthly."];
    if (dateFirstVisit === undefined) errors.dateFirstVisit = ['The dateFirstVisit field is required.'];
    if (dateLastVisit === undefined) errors.dateLastVisit = ['The dateLastVisit field is required.'];
    const time = (startTime ?? '08:00').trim();
    if (!/^\d{2}:\d{2}(:\d{2})?$/.test(time)) errors.startTime = [`The value '${startTime}' is not a valid time (HH:mm).`];
    if (Object.keys(errors).length === 0) {
      const day = (dateFirstVisit as string).trim().slice(0, 10);
      out.recurrence = {
        frequency: type as string,
        interval: recurrenceInterval ?? 1,
        until: (dateLastVisit as string).trim().slice(0, 10),
        taskDate: `${day}T${time.length === 5 ? `${time}:00` : time}`,
      };
    }
  }
  if (Object.keys(errors).length > 0) throw new FieldError(errors);
  return out;
}
