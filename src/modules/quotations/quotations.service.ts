import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal, parseLocal } from '../../core/dates.js';
import { EnvelopeError, FieldError, type FieldMap, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { formatDot, parseDecimal, roundTo } from '../../core/money.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './quotations.repo.js';
import {
  type QuotationCreate,
  type QuotationDto,
  QuotationFilter,
  type QuotationInput,
  QuotationPatchable,
  type QuotationStageCreate,
  type QuotationStageDto,
  QuotationStagePatchable,
} from './quotations.schema.js';

declare module '../../core/context.js' {
  interface Services {
    quotations: QuotationsService;
  }
}

export const QUOTATION_ENTITY = 'Quotation';
export const QUOTATION_STAGE_ENTITY = 'QuotationStage';
const FILTER_NAME = 'ParamQuotationFilter';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The values a quotation holds once its input is validated and defaults applied. */
interface Values {
  customerId: number;
  requesterUserId: number;
  taskId: number;
  observations: string;
  /** ISO-8601 UTC. */
  requestDate: string;
  stageId: number | null;
  discountType: 0 | 1;
  discountValue: number;
  products: { code: number; quantity: number; unitaryValue: number }[];
  services: { guid: string; quantity: number; unitaryValue: number }[];
  costs: { code: number; description: string; value: number }[];
  contacts: { name: string; job: string; email: string; phone: string }[];
}

interface View {
  row: repo.QuotationRow;
  items: repo.QuotationItemRow[];
  contacts: repo.QuotationContactRow[];
  alterations: repo.QuotationAlterationRow[];
  stage: repo.StageRow | undefined;
  customerName: string;
}

const bool = (n: number) => n === 1;
const int = (b: boolean) => (b ? 1 : 0);

function stageDto(s: repo.StageRow): QuotationStageDto {
  return {
    id: s.id,
    description: s.description,
    position: s.position,
    changeStock: bool(s.change_stock),
    isCancelled: bool(s.is_cancelled),
    editAllowed: bool(s.edit_allowed),
  };
}

/** 0/"Monetario"/"Valor" = an amount; 1/"Percentual"/"Percentage" = a percentage. */
function discountTypeOf(v: unknown): 0 | 1 | undefined {
  const s = String(v).trim().toLowerCase();
  if (['0', 'monetario', 'monetário', 'monetary', 'valor', 'value'].includes(s)) return 0;
  if (['1', 'percentual', 'percentage', 'porcentagem', 'percent'].includes(s)) return 1;
  return undefined;
}

/** Totals as QT1 shows them: gross = products + services + costs; net = gross - discount. */
export function quotationSummary(v: Pick<Values, 'products' | 'services' | 'costs' | 'discountType' | 'discountValue'>) {
  const totalProducts = roundTo(v.products.reduce((s, p) => s + p.quantity * p.unitaryValue, 0));
  const totalServices = roundTo(v.services.reduce((s, p) => s + p.quantity * p.unitaryValue, 0));
  const totalAdditionalCosts = roundTo(v.costs.reduce((s, c) => s + c.value, 0));
  const grossTotalValue = roundTo(totalProducts + totalServices + totalAdditionalCosts);
  const discountAmount = roundTo(v.discountType === 1 ? (grossTotalValue * v.discountValue) / 100 : v.discountValue);
  const netTotalValue = roundTo(Math.max(0, grossTotalValue - discountAmount));
  return { totalProducts, totalServices, totalAdditionalCosts, grossTotalValue, netTotalValue, discountAmount };
}

function valuesOf(view: View): Values {
  const r = view.row;
  const items = (kind: string) => view.items.filter((i) => i.kind === kind);
  return {
    customerId: r.customer_id,
    requesterUserId: r.requester_user_id,
    taskId: r.task_id,
    observations: r.observations,
    requestDate: r.request_date,
    stageId: r.stage_id,
    discountType: r.discount_type === 1 ? 1 : 0,
    discountValue: r.discount_value,
    products: items('product').map((i) => ({ code: Number(i.ref), quantity: i.quantity, unitaryValue: i.unitary_value })),
    services: items('service').map((i) => ({ guid: i.ref, quantity: i.quantity, unitaryValue: i.unitary_value })),
    costs: items('cost').map((i) => ({ code: Number(i.ref), description: i.description, value: i.unitary_value })),
    contacts: view.contacts.map((c) => ({ name: c.name, job: c.job, email: c.email, phone: c.phone_number })),
  };
}

export class QuotationsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  private date(iso: string): string {
    return formatLocal(iso, this.deps.timeZone);
  }

  toDto(view: View): QuotationDto {
    const v = valuesOf(view);
    const s = quotationSummary(v);
    const costItems = view.items.filter((i) => i.kind === 'cost');
    return {
      publicId: view.row.id,
      customerId: v.customerId,
      customerName: view.customerName,
      taskID: v.taskId,
      descount: formatDot(s.discountAmount),
      requesterUserId: v.requesterUserId,
      observations: v.observations,
      registerDate: this.date(view.row.created_at),
      requestDate: this.date(v.requestDate),
      aditionalCosts: costItems.map((i) => ({
        id: i.id,
        costId: Number(i.ref),
        description: i.description,
        value: formatDot(i.unitary_value),
      })),
      alterations: view.alterations.map((a) => ({
        id: a.id,
        key: view.row.id,
        column: a.column_name,
        type: a.type,
        userId: a.user_id,
        date: this.date(a.occurred_at),
        observations: a.observations,
        value: a.value,
      })),
      products: v.products.map((p) => ({ productId: p.code, amout: roundTo(p.quantity, 4), UnitaryValue: formatDot(p.unitaryValue) })),
      contacts: view.contacts.map((c) => ({
        id: c.id,
        name: c.name,
        job: c.job,
        email: c.email,
        phoneNumber: Number(c.phone_number.replace(/\D/g, '') || 0),
      })),
      summary: {
        totalProducts: s.totalProducts,
        totalServices: s.totalServices,
        totalAdditionalCosts: s.totalAdditionalCosts,
        netTotalValue: s.netTotalValue,
        grossTotalValue: s.grossTotalValue,
        discount: { type: v.discountType === 1 ? 'Percentual' : 'Monetario', value: roundTo(v.discountValue, 4) },
      },
      CurrentStage: view.stage ? stageDto(view.stage) : null,
    };
  }

  private async customerNames(accountId: number, ids: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const id of new Set(ids)) {
      const c = await this.services.customers.findById(accountId, id);
      out.set(id, c?.description ?? '');
    }
    return out;
  }

  private async load(
    db: ServiceDeps['db'] | Parameters<typeof repo.findQuotation>[0],
    accountId: number,
    rows: repo.QuotationRow[],
    names: Map<number, string>,
  ): Promise<View[]> {
    const ids = rows.map((r) => r.id);
    const [children, stages] = await Promise.all([
      repo.childrenOf(db, accountId, ids),
      repo.stagesByIds(
        db,
        accountId,
        rows.map((r) => r.stage_id ?? 0),
      ),
    ]);
    return rows.map((row) => ({
      row,
      items: children.items.get(row.id) ?? [],
      contacts: children.contacts.get(row.id) ?? [],
      alterations: children.alterations.get(row.id) ?? [],
      stage: row.stage_id === null ? undefined : stages.get(row.stage_id),
      customerName: names.get(row.customer_id) ?? '',
    }));
  }

  private async loadOne(accountId: number, id: number): Promise<View | undefined> {
    const row = await repo.findQuotation(this.deps.db, accountId, id);
    if (!row) return undefined;
    const names = await this.customerNames(accountId, [row.customer_id]);
    return (await this.load(this.deps.db, accountId, [row], names))[0];
  }

  // ---- Reads -------------------------------------------------------------------------------

  async get(auth: Auth, id: number): Promise<QuotationDto> {
    const v = await this.loadOne(auth.accountId, id);
    if (!v) throw new NotFoundError();
    return this.toDto(v);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(QuotationFilter, q.paramFilter, FILTER_NAME);
    const f = filter as QuotationFilter;
    const paging = parsePaging(q);
    const from = f.requestStartDate === undefined ? undefined : this.filterDate('requestStartDate', f.requestStartDate, false);
    const before = f.requestEndDate === undefined ? undefined : this.filterDate('requestEndDate', f.requestEndDate, true);
    const { rows, total } = await repo.listQuotations(
      this.deps.db,
      auth.accountId,
      {
        publicId: f.publicId,
        requestFrom: from,
        requestBefore: before,
        userIds: f.usersId,
        customerIds: f.customersId,
        productCodes: f.productsId,
        stageName: f.CurrentStage,
      },
      paging,
    );
    const names = await this.customerNames(
      auth.accountId,
      rows.map((r) => r.customer_id),
    );
    const views = await this.load(this.deps.db, auth.accountId, rows, names);
    return { items: views.map((v) => this.toDto(v)), total, paging, filterText: text };
  }

  /**
   * A filter date as an ISO bound: the start is inclusive; the end is exclusive one second
   * after a date-time, or the next midnight after a bare date (the whole day counts).
   */
  private filterDate(key: string, raw: string, end: boolean): string {
    const d = parseLocal(raw, this.deps.timeZone);
    if (!d) throw new EnvelopeError(`The paramFilter field '${key}' is not valid for ${FILTER_NAME}.`);
    if (!end) return d.toISOString();
    if (/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(raw)) {
      const [y, m, day] = raw.trim().split('-').map(Number);
      const next = parseLocal(new Date(Date.UTC(y, m - 1, day + 1)).toISOString().slice(0, 10), this.deps.timeZone) as Date;
      return next.toISOString();
    }
    return new Date(d.getTime() + 1000).toISOString();
  }

  // ---- Writes ------------------------------------------------------------------------------

  async create(auth: Auth, input: QuotationCreate): Promise<QuotationDto> {
    return this.write(auth, undefined, input);
  }

  /** PUT: update the quotation matched by `publicId`; otherwise create (then customerId is required). */
  async upsert(auth: Auth, input: QuotationInput): Promise<{ created: boolean; dto: QuotationDto }> {
    const current = input.publicId !== undefined ? await this.loadOne(auth.accountId, input.publicId) : undefined;
    if (!current && input.customerId === undefined) throw FieldError.of('customerId', 'The customerId field is required.');
    const dto = await this.write(auth, current, input);
    return { created: !current, dto };
  }

  async patch(auth: Auth, id: number, ops: unknown): Promise<QuotationDto> {
    const current = await this.loadOne(auth.accountId, id);
    if (!current) throw new NotFoundError();
    const v = valuesOf(current);
    const view: QuotationPatchable = {
      customerId: v.customerId,
      requesterUserId: v.requesterUserId,
      taskID: v.taskId,
      observations: v.observations,
      requestDate: this.date(v.requestDate),
      currentStageId: v.stageId ?? 0,
      discountType: v.discountType,
      descount: v.discountValue,
      products: v.products.map((p) => ({ productId: p.code, amout: p.quantity, UnitaryValue: p.unitaryValue })),
      services: v.services.map((s) => ({ serviceId: s.guid, quantity: s.quantity, unitaryValue: s.unitaryValue })),
      aditionalCosts: v.costs.map((c) => ({ costId: c.code, description: c.description, value: c.value })),
      contacts: v.contacts.map((c) => ({ name: c.name, job: c.job, email: c.email, phoneNumber: c.phone })),
    };
    const next = applyJsonPatch(QuotationPatchable, view as unknown as Record<string, unknown>, ops) as QuotationPatchable;
    const changed: QuotationInput = {};
    for (const [k, val] of Object.entries(next)) {
      if (JSON.stringify(val) !== JSON.stringify((view as Record<string, unknown>)[k])) (changed as Record<string, unknown>)[k] = val;
    }
    return this.write(auth, current, changed);
  }

  /**
   * The live item and additional-cost writes: each is the JSON Patch of one list, so the quotation
   * rules (references, totals, `alterations`, change log) are those of PATCH.
   * `mode` add: a new line (400 when the product or service is already on the quotation);
   * update: that line's quantity and value; remove: drop that line.
   */
  async writeItem(
    auth: Auth,
    id: number,
    mode: 'add' | 'update' | 'remove',
    item: { productId?: number; serviceId?: string; quantity?: number | string; unitaryValue?: number | string },
  ): Promise<QuotationDto> {
    const current = await this.loadOne(auth.accountId, id);
    if (!current) throw new NotFoundError();
    const hasProduct = item.productId !== undefined;
    const hasService = item.serviceId !== undefined && item.serviceId.trim() !== '';
    if (hasProduct === hasService)
      throw FieldError.of('productId', 'Give either productId (a product code) or serviceId (a service GUID).');
    const v = valuesOf(current);
    if (hasProduct) {
      const products = v.products.map((p) => ({
        productId: p.code,
        amout: p.quantity as number | string,
        UnitaryValue: p.unitaryValue as number | string,
      }));
      const at = products.findIndex((p) => p.productId === item.productId);
      if (mode === 'add' && at >= 0) throw FieldError.of('productId', `The product '${item.productId}' is already on quotation ${id}.`);
      if (mode !== 'add' && at < 0) throw FieldError.of('productId', `The product '${item.productId}' is not on quotation ${id}.`);
      const line = {
        productId: item.productId as number,
        ...(item.quantity !== undefined ? { amout: item.quantity } : at >= 0 ? { amout: products[at].amout } : {}),
        ...(item.unitaryValue !== undefined
          ? { UnitaryValue: item.unitaryValue }
          : at >= 0
            ? { UnitaryValue: products[at].UnitaryValue }
            : {}),
      };
      const next =
        mode === 'add'
          ? [...products, line]
          : mode === 'update'
            ? products.map((p, i) => (i === at ? line : p))
            : products.filter((_, i) => i !== at);
      return this.patch(auth, id, [{ op: 'replace', path: 'products', value: next }]);
    }
    const guid = (item.serviceId as string).trim().toLowerCase();
    const services = v.services.map((x) => ({
      serviceId: x.guid,
      quantity: x.quantity as number | string,
      unitaryValue: x.unitaryValue as number | string,
    }));
    const at = services.findIndex((x) => x.serviceId.toLowerCase() === guid);
    if (mode === 'add' && at >= 0) throw FieldError.of('serviceId', `The service '${item.serviceId}' is already on quotation ${id}.`);
    if (mode !== 'add' && at < 0) throw FieldError.of('serviceId', `The service '${item.serviceId}' is not on quotation ${id}.`);
    const line = {
      serviceId: guid,
      ...(item.quantity !== undefined ? { quantity: item.quantity } : at >= 0 ? { quantity: services[at].quantity } : {}),
      ...(item.unitaryValue !== undefined
        ? { unitaryValue: item.unitaryValue }
        : at >= 0
          ? { unitaryValue: services[at].unitaryValue }
          : {}),
    };
    const next =
      mode === 'add'
        ? [...services, line]
        : mode === 'update'
          ? services.map((x, i) => (i === at ? line : x))
          : services.filter((_, i) => i !== at);
    return this.patch(auth, id, [{ op: 'replace', path: 'services', value: next }]);
  }

  /** PUT adds the cost or replaces the line with that `costId`; remove drops it (400 when absent). */
  async writeCost(
    auth: Auth,
    id: number,
    mode: 'put' | 'remove',
    cost: { costId: number; description?: string; value?: number | string },
  ): Promise<QuotationDto> {
    const current = await this.loadOne(auth.accountId, id);
    if (!current) throw new NotFoundError();
    const costs = valuesOf(current).costs.map((c) => ({ costId: c.code, description: c.description, value: c.value as number | string }));
    const at = costs.findIndex((c) => c.costId === cost.costId);
    if (mode === 'remove') {
      if (at < 0) throw FieldError.of('costId', `The additional cost '${cost.costId}' is not on quotation ${id}.`);
      return this.patch(auth, id, [{ op: 'replace', path: 'aditionalCosts', value: costs.filter((_, i) => i !== at) }]);
    }
    const line = {
      costId: cost.costId,
      ...(cost.description !== undefined ? { description: cost.description } : at >= 0 ? { description: costs[at].description } : {}),
      ...(cost.value !== undefined ? { value: cost.value } : at >= 0 ? { value: costs[at].value } : {}),
    };
    const next = at >= 0 ? costs.map((c, i) => (i === at ? line : c)) : [...costs, line];
    return this.patch(auth, id, [{ op: 'replace', path: 'aditionalCosts', value: next }]);
  }

  async remove(auth: Auth, id: number): Promise<void> {
    const current = await this.loadOne(auth.accountId, id);
    if (!current) throw new NotFoundError();
    const snapshot = this.toDto(current);
    await this.deps.db.transaction().execute(async (trx) => {
      if (!(await repo.findQuotation(trx, auth.accountId, id))) throw new NotFoundError();
      await repo.deleteQuotation(trx, auth.accountId, id);
      await this.deps.changes.record(trx, {
        accountId: auth.accountId,
        entity: QUOTATION_ENTITY,
        entityId: id,
        action: 'Exclusao',
        userId: current.row.requester_user_id,
        snapshot,
      });
    });
  }

  /** Validates `input` over the current values (references included); every problem in one 400 map. */
  private async resolve(auth: Auth, current: Values | undefined, input: QuotationInput): Promise<Values> {
    const errors: FieldMap = {};
    const fail = (field: string, message: string) => {
      errors[field] = [...(errors[field] ?? []), message];
    };
    const money = (field: string, raw: unknown, fallback?: number): number => {
      if (raw === undefined) return fallback ?? 0;
      const n = parseDecimal(raw);
      if (n === undefined || n < 0) {
        fail(field, `The value '${String(raw)}' is not a valid amount.`);
        return 0;
      }
      return roundTo(n, 4);
    };
    const accountId = auth.accountId;
    const base: Values = current ?? {
      customerId: 0,
      requesterUserId: auth.adminUserId,
      taskId: 0,
      observations: '',
      requestDate: this.deps.clock.now().toISOString(),
      stageId: null,
      discountType: 0,
      discountValue: 0,
      products: [],
      services: [],
      costs: [],
      contacts: [],
    };
    const v: Values = { ...base };

    if (input.customerId !== undefined) {
      v.customerId = input.customerId;
      if (!(await this.services.customers.existingIds(accountId, [input.customerId])).has(input.customerId)) {
        fail('customerId', `No customer with id ${input.customerId} exists.`);
      }
    }
    if (input.requesterUserId !== undefined) {
      v.requesterUserId = input.requesterUserId;
      if (!(await this.services.users.existingIds(accountId, [input.requesterUserId])).has(input.requesterUserId)) {
        fail('requesterUserId', `No user with id ${input.requesterUserId} exists.`);
      }
    }
    if (input.taskID !== undefined) {
      v.taskId = input.taskID;
      if (input.taskID !== 0 && !(await this.services.tasks.existingIds(accountId, [input.taskID])).has(input.taskID)) {
        fail('taskID', `No task with id ${input.taskID} exists.`);
      }
    }
    if (input.observations !== undefined) v.observations = input.observations;
    if (input.requestDate !== undefined) {
      const d = parseLocal(input.requestDate, this.deps.timeZone);
      if (d) v.requestDate = d.toISOString();
      else fail('requestDate', `The value '${input.requestDate}' is not a valid date (yyyy-MM-ddTHH:mm:ss).`);
    }
    if (input.currentStageId !== undefined) {
      if (input.currentStageId === 0) v.stageId = null;
      else if (await repo.findStage(this.deps.db, accountId, input.currentStageId)) v.stageId = input.currentStageId;
      else fail('currentStageId', `No quotation stage with id ${input.currentStageId} exists.`);
    }
    if (input.discountType !== undefined) {
      const t = discountTypeOf(input.discountType);
      if (t === undefined)
        fail('discountType', `The value '${String(input.discountType)}' is not valid; use 0 (Monetario) or 1 (Percentual).`);
      else v.discountType = t;
    }
    if (input.descount !== undefined) v.discountValue = money('descount', input.descount);
    if (v.discountType === 1 && v.discountValue > 100) fail('descount', 'A percentage discount cannot exceed 100.');

    if (input.products !== undefined) {
      v.products = [];
      for (const [i, p] of input.products.entries()) {
        const product = await this.services.products.findById(accountId, p.productId);
        if (!product) {
          fail(`products[${i}].productId`, `No product with code ${p.productId} exists.`);
          continue;
        }
        // Without UnitaryValue the product's own unitary value is quoted.
        const price = parseDecimal(product.unitaryValue) ?? 0;
        v.products.push({
          code: p.productId,
          quantity: money(`products[${i}].amout`, p.amout, 1),
          unitaryValue: money(`products[${i}].UnitaryValue`, p.UnitaryValue, price),
        });
      }
    }
    if (input.services !== undefined) {
      const guids = input.services.map((s) => s.serviceId.trim().toLowerCase());
      const found = await this.services.services.existingIds(
        accountId,
        guids.filter((g) => GUID.test(g)),
      );
      v.services = [];
      for (const [i, s] of input.services.entries()) {
        const guid = guids[i];
        if (!found.has(guid)) {
          fail(`services[${i}].serviceId`, `No service with id '${s.serviceId}' exists.`);
          continue;
        }
        let price = 0;
        if (s.unitaryValue === undefined) price = parseDecimal((await this.services.services.findById(accountId, guid))?.price) ?? 0;
        v.services.push({
          guid,
          quantity: money(`services[${i}].quantity`, s.quantity, 1),
          unitaryValue: money(`services[${i}].unitaryValue`, s.unitaryValue, price),
        });
      }
    }
    if (input.aditionalCosts !== undefined) {
      v.costs = [];
      for (const [i, c] of input.aditionalCosts.entries()) {
        const cost = await this.services.additionalCosts.get(auth, { code: c.costId }).catch((err) => {
          if (err instanceof NotFoundError) return undefined;
          throw err;
        });
        if (!cost) {
          fail(`aditionalCosts[${i}].costId`, `No additional cost with code ${c.costId} exists.`);
          continue;
        }
        v.costs.push({
          code: c.costId,
          description: c.description ?? cost.name,
          value: money(`aditionalCosts[${i}].value`, c.value, cost.unitaryValue),
        });
      }
    }
    if (input.contacts !== undefined) {
      v.contacts = input.contacts.map((c, i) => {
        const phone = c.phoneNumber === undefined ? '' : String(c.phoneNumber).replace(/\D/g, '');
        if (c.phoneNumber !== undefined && String(c.phoneNumber).trim() !== '' && phone === '') {
          fail(`contacts[${i}].phoneNumber`, `The value '${String(c.phoneNumber)}' is not a valid phone number (digits only).`);
        }
        return { name: c.name, job: c.job ?? '', email: c.email ?? '', phone };
      });
    }
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
    return v;
  }

  /** One alteration per attribute that changed (type "1" marks the creation). */
  private alterationsFor(before: Values | undefined, after: Values, stages: Map<number, repo.StageRow>) {
    if (!before) return [{ column: 'publicId', type: '1', observations: 'Quotation created', value: '' }];
    const out: { column: string; type: string; observations: string; value: string }[] = [];
    const add = (column: string, from: string, to: string) => {
      if (from !== to) out.push({ column, type: '2', observations: `${column}: '${from}' -> '${to}'`, value: to });
    };
    add('customerId', String(before.customerId), String(after.customerId));
    add('requesterUserId', String(before.requesterUserId), String(after.requesterUserId));
    add('taskID', String(before.taskId), String(after.taskId));
    add('observations', before.observations, after.observations);
    add('requestDate', this.date(before.requestDate), this.date(after.requestDate));
    const stageName = (id: number | null) => (id === null ? '' : (stages.get(id)?.description ?? ''));
    add('CurrentStage', stageName(before.stageId), stageName(after.stageId));
    add('discountType', before.discountType === 1 ? 'Percentual' : 'Monetario', after.discountType === 1 ? 'Percentual' : 'Monetario');
    add('descount', formatDot(before.discountValue), formatDot(after.discountValue));
    const b = quotationSummary(before);
    const a = quotationSummary(after);
    const list = (column: string, x: unknown[], y: unknown[], fromTotal: number, toTotal: number) => {
      if (JSON.stringify(x) !== JSON.stringify(y)) {
        out.push({ column, type: '2', observations: `${column}: ${x.length} item(s) -> ${y.length} item(s)`, value: formatDot(toTotal) });
      } else if (fromTotal !== toTotal) {
        out.push({ column, type: '2', observations: column, value: formatDot(toTotal) });
      }
    };
    list('products', before.products, after.products, b.totalProducts, a.totalProducts);
    list('services', before.services, after.services, b.totalServices, a.totalServices);
    list('aditionalCosts', before.costs, after.costs, b.totalAdditionalCosts, a.totalAdditionalCosts);
    if (JSON.stringify(before.contacts) !== JSON.stringify(after.contacts)) {
      out.push({
        column: 'contacts',
        type: '2',
        observations: `contacts: ${before.contacts.length} -> ${after.contacts.length}`,
        value: String(after.contacts.length),
      });
    }
    return out;
  }

  private async write(auth: Auth, current: View | undefined, input: QuotationInput): Promise<QuotationDto> {
    const { db, clock, changes } = this.deps;
    const accountId = auth.accountId;
    const before = current ? valuesOf(current) : undefined;
    const v = await this.resolve(auth, before, input);
    const names = await this.customerNames(accountId, [v.customerId]);
    const stages = await repo.stagesByIds(db, accountId, [before?.stageId ?? 0, v.stageId ?? 0]);
    const alterations = this.alterationsFor(before, v, stages);
    const now = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      const cols = {
        customer_id: v.customerId,
        task_id: v.taskId,
        requester_user_id: v.requesterUserId,
        observations: v.observations,
        request_date: v.requestDate,
        discount_type: v.discountType,
        discount_value: v.discountValue,
        stage_id: v.stageId,
        updated_at: now,
      };
      let row: repo.QuotationRow;
      if (current) {
        if (!(await repo.findQuotation(trx, accountId, current.row.id))) throw new NotFoundError();
        row = await repo.updateQuotation(trx, accountId, current.row.id, cols);
      } else {
        row = await repo.insertQuotation(trx, { ...cols, account_id: accountId, created_at: now });
      }
      const q = row.id;
      if (!before || input.products !== undefined || input.services !== undefined || input.aditionalCosts !== undefined) {
        let position = 0;
        const item = (kind: string, ref: string, quantity: number, unitary: number, description = '') => ({
          account_id: accountId,
          quotation_id: q,
          kind,
          ref,
          quantity,
          unitary_value: unitary,
          description,
          position: position++,
        });
        await repo.replaceItems(trx, accountId, q, [
          ...v.products.map((p) => item('product', String(p.code), p.quantity, p.unitaryValue)),
          ...v.services.map((s) => item('service', s.guid, s.quantity, s.unitaryValue)),
          ...v.costs.map((c) => item('cost', String(c.code), 1, c.value, c.description)),
        ]);
      }
      if (!before || input.contacts !== undefined) {
        await repo.replaceContacts(
          trx,
          accountId,
          q,
          v.contacts.map((c, i) => ({
            account_id: accountId,
            quotation_id: q,
            name: c.name,
            job: c.job,
            email: c.email,
            phone_number: c.phone,
            position: i,
          })),
        );
      }
      await repo.insertAlterations(
        trx,
        alterations.map((a) => ({
          account_id: accountId,
          quotation_id: q,
          column_name: a.column,
          type: a.type,
          user_id: auth.adminUserId,
          occurred_at: now,
          observations: a.observations,
          value: a.column === 'publicId' ? String(q) : a.value,
        })),
      );
      const view = (await this.load(trx, accountId, [row], names))[0];
      const dto = this.toDto(view);
      await changes.record(trx, {
        accountId,
        entity: QUOTATION_ENTITY,
        entityId: q,
        action: current ? 'Alteracao' : 'Inclusao',
        userId: v.requesterUserId,
        snapshot: dto,
      });
      return dto;
    });
  }

  // ---- Stages (extension) ------------------------------------------------------------------

  async listStages(auth: Auth, q: ListQueryInput) {
    const paging = parsePaging(q);
    const { rows, total } = await repo.listStages(this.deps.db, auth.accountId, paging);
    return { items: rows.map(stageDto), total, paging };
  }

  async createStage(auth: Auth, input: QuotationStageCreate): Promise<QuotationStageDto> {
    const { db, clock, changes } = this.deps;
    const now = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      const position = input.position ?? (await repo.maxStagePosition(trx, auth.accountId)) + 1;
      const row = await repo.insertStage(trx, {
        account_id: auth.accountId,
        description: input.description,
        position,
        change_stock: int(input.changeStock ?? false),
        is_cancelled: int(input.isCancelled ?? false),
        edit_allowed: int(input.editAllowed ?? true),
        created_at: now,
        updated_at: now,
      });
      const dto = stageDto(row);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: QUOTATION_STAGE_ENTITY,
        entityId: row.id,
        action: 'Inclusao',
        snapshot: dto,
      });
      return dto;
    });
  }

  /** Renaming a stage changes the CurrentStage of the quotations at it: each gets a change event. */
  async patchStage(auth: Auth, id: number, ops: unknown): Promise<QuotationStageDto> {
    const { db, clock, changes } = this.deps;
    const current = await repo.findStage(db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const d = stageDto(current);
    const next = applyJsonPatch(QuotationStagePatchable, { ...d } as Record<string, unknown>, ops) as Omit<QuotationStageDto, 'id'>;
    const affected = await repo.quotationIdsAtStage(db, auth.accountId, id);
    const views: View[] = [];
    for (const qid of affected) {
      const v = await this.loadOne(auth.accountId, qid);
      if (v) views.push(v);
    }
    return db.transaction().execute(async (trx) => {
      if (!(await repo.findStage(trx, auth.accountId, id))) throw new NotFoundError();
      const row = await repo.updateStage(trx, auth.accountId, id, {
        description: next.description,
        position: next.position,
        change_stock: int(next.changeStock),
        is_cancelled: int(next.isCancelled),
        edit_allowed: int(next.editAllowed),
        updated_at: clock.now().toISOString(),
      });
      const dto = stageDto(row);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: QUOTATION_STAGE_ENTITY,
        entityId: id,
        action: 'Alteracao',
        snapshot: dto,
      });
      for (const v of views) {
        await changes.record(trx, {
          accountId: auth.accountId,
          entity: QUOTATION_ENTITY,
          entityId: v.row.id,
          action: 'Alteracao',
          userId: v.row.requester_user_id,
          snapshot: this.toDto({ ...v, stage: row }),
        });
      }
      return dto;
    });
  }

  // ---- For other resources -----------------------------------------------------------------

  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (const id of new Set(ids)) if (await repo.findQuotation(this.deps.db, accountId, id)) out.add(id);
    return out;
  }

  async findById(accountId: number, id: number): Promise<QuotationDto | undefined> {
    const v = await this.loadOne(accountId, id);
    return v ? this.toDto(v) : undefined;
  }
}
