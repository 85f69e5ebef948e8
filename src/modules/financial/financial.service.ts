import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal } from '../../core/dates.js';
import { FieldError, type FieldMap, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { parseDecimal, roundTo } from '../../core/money.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './financial.repo.js';
import {
  type CatalogCreate,
  type CatalogDto,
  CatalogFilter,
  CatalogPatchable,
  type CatalogUpsert,
  type InvoiceCreate,
  type InvoiceDto,
  InvoiceFilter,
  InvoicePatchable,
  type InvoiceUpsert,
  type ReceivableCreate,
  type ReceivableDto,
  ReceivableFilter,
  ReceivablePatchable,
  type ReceivableUpsert,
} from './financial.schema.js';

declare module '../../core/context.js' {
  interface Services {
    financial: FinancialService;
  }
}

export const FINANCIAL_CATEGORY_ENTITY = 'FinancialCategory';
export const PAYMENT_METHOD_ENTITY = 'PaymentMethod';
export const INVOICE_ENTITY = 'Invoice';
export const RECEIVABLE_ENTITY = 'Receivable';

export type CatalogKind = 'financialCategories' | 'paymentMethods';
const CATALOGS: Record<CatalogKind, { table: repo.CatalogTable; entity: string; label: string; filter: string }> = {
  financialCategories: {
    table: 'financial_categories',
    entity: FINANCIAL_CATEGORY_ENTITY,
    label: 'financial category',
    filter: 'ParamFinancialCategoryFilter',
  },
  paymentMethods: { table: 'payment_methods', entity: PAYMENT_METHOD_ENTITY, label: 'payment method', filter: 'ParamPaymentMethodFilter' },
};

// ---- Totals (pure) -------------------------------------------------------------------------

export interface ItemTotals {
  totalProducts: number;
  totalServices: number;
  totalAdditionalCosts: number;
  /** Net of the task's or service order's own discount. */
  totalValue: number;
}

/**
 * An invoice's summary: the sums of its items, and the amount due once the invoice discount is
 * taken off (never below zero). Rounded to cents like task and quotation totals.
 */
export function invoiceTotals(items: ItemTotals[], discount: number) {
  const sum = (k: keyof ItemTotals) => roundTo(items.reduce((s, i) => s + i[k], 0));
  const itemsTotal = sum('totalValue');
  const d = roundTo(discount);
  return {
    totalProducts: sum('totalProducts'),
    totalServices: sum('totalServices'),
    totalAdditionalCosts: sum('totalAdditionalCosts'),
    itemsTotal,
    discount: d,
    totalValue: roundTo(Math.max(0, itemsTotal - d)),
  };
}

// ---- Input helpers -------------------------------------------------------------------------

const DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2})?)?$/;

/** yyyy-MM-dd (a time part is ignored); 400 naming `field` otherwise. */
function parseDay(field: string, raw: string): string {
  const m = DAY.exec(raw.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) {
    throw FieldError.of(field, `The value '${raw}' is not a valid date (yyyy-MM-dd).`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function parseAmount(field: string, raw: unknown): number {
  const n = parseDecimal(raw);
  if (n === undefined || n < 0) throw FieldError.of(field, `The value '${String(raw)}' is not a valid amount.`);
  return roundTo(n, 2);
}

const orNull = (id: number | undefined) => (id === undefined || id === 0 ? null : id);

interface InvoiceValues {
  customerId: number;
  description: string;
  issueDate: string;
  dueDate: string | null;
  financialCategoryId: number | null;
  taskIds: number[];
  serviceOrderIds: number[];
  discount: number;
}

interface ReceivableValues {
  customerId: number;
  invoiceId: number | null;
  description: string;
  amount: number;
  dueDate: string;
  paymentMethodId: number | null;
  financialCategoryId: number | null;
  paid: boolean;
  paymentDate: string | null;
}

interface Names {
  customers: Map<number, string>;
  categories: Map<number, string>;
  methods: Map<number, string>;
}

interface TaskView {
  taskID: number;
  customerId: number;
  orientation: string;
  summary: ItemTotals;
}

export class FinancialService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  private today(): string {
    return formatLocal(this.deps.clock.now(), this.deps.timeZone).slice(0, 10);
  }

  private async record(
    trx: Parameters<ServiceDeps['changes']['record']>[0],
    auth: Auth,
    entity: string,
    id: number,
    action: 'Inclusao' | 'Alteracao' | 'Exclusao',
    snapshot: unknown,
  ) {
    await this.deps.changes.record(trx, { accountId: auth.accountId, entity, entityId: id, action, userId: auth.adminUserId, snapshot });
  }

  // ---- Catalogs --------------------------------------------------------------------------

  private catalogDto(r: repo.CatalogRow): CatalogDto {
    return { id: r.id, description: r.description, active: r.active === 1 };
  }

  async getCatalog(auth: Auth, kind: CatalogKind, id: number): Promise<CatalogDto> {
    const row = await repo.findCatalog(this.deps.db, CATALOGS[kind].table, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return this.catalogDto(row);
  }

  async listCatalog(auth: Auth, kind: CatalogKind, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(CatalogFilter, q.paramFilter, CATALOGS[kind].filter);
    const f = filter as CatalogFilter;
    const paging = parsePaging(q);
    const { rows, total } = await repo.listCatalog(this.deps.db, this.deps.dialect, CATALOGS[kind].table, auth.accountId, f, paging);
    return { items: rows.map((r) => this.catalogDto(r)), total, paging, filterText: text };
  }

  async createCatalog(auth: Auth, kind: CatalogKind, input: CatalogCreate): Promise<CatalogDto> {
    return this.writeCatalog(auth, kind, undefined, { description: input.description, active: input.active ?? true });
  }

  /** PUT: updates the entry with this `id`, otherwise creates one (then `description` is required). */
  async upsertCatalog(auth: Auth, kind: CatalogKind, input: CatalogUpsert): Promise<{ created: boolean; dto: CatalogDto }> {
    const existing =
      input.id !== undefined ? await repo.findCatalog(this.deps.db, CATALOGS[kind].table, auth.accountId, input.id) : undefined;
    if (!existing && input.description === undefined) throw FieldError.of('description', 'The description field is required.');
    const dto = await this.writeCatalog(auth, kind, existing, {
      description: input.description ?? (existing as repo.CatalogRow).description,
      active: input.active ?? (existing ? existing.active === 1 : true),
    });
    return { created: !existing, dto };
  }

  async replaceCatalog(auth: Auth, kind: CatalogKind, id: number, input: CatalogUpsert): Promise<CatalogDto> {
    const existing = await repo.findCatalog(this.deps.db, CATALOGS[kind].table, auth.accountId, id);
    if (!existing) throw new NotFoundError();
    return (await this.upsertCatalog(auth, kind, { ...input, id })).dto;
  }

  async patchCatalog(auth: Auth, kind: CatalogKind, id: number, ops: unknown): Promise<CatalogDto> {
    const current = await repo.findCatalog(this.deps.db, CATALOGS[kind].table, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const next = applyJsonPatch(CatalogPatchable, { description: current.description, active: current.active === 1 }, ops) as {
      description: string;
      active: boolean;
    };
    return this.writeCatalog(auth, kind, current, next);
  }

  /** Invoices and receivables that use the entry keep its id (their name then reads ""). */
  async removeCatalog(auth: Auth, kind: CatalogKind, id: number): Promise<void> {
    const { table, entity } = CATALOGS[kind];
    await this.deps.db.transaction().execute(async (trx) => {
      const live = await repo.findCatalog(trx, table, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await repo.deleteCatalog(trx, table, auth.accountId, id);
      await this.record(trx, auth, entity, id, 'Exclusao', this.catalogDto(live));
    });
  }

  private async writeCatalog(
    auth: Auth,
    kind: CatalogKind,
    current: repo.CatalogRow | undefined,
    v: { description: string; active: boolean },
  ): Promise<CatalogDto> {
    const { table, entity } = CATALOGS[kind];
    const now = this.deps.clock.now().toISOString();
    const cols = { description: v.description, active: v.active ? 1 : 0, updated_at: now };
    return this.deps.db.transaction().execute(async (trx) => {
      let row: repo.CatalogRow;
      if (current) {
        if (!(await repo.findCatalog(trx, table, auth.accountId, current.id))) throw new NotFoundError();
        row = await repo.updateCatalog(trx, table, auth.accountId, current.id, cols);
      } else {
        row = await repo.insertCatalog(trx, table, { ...cols, account_id: auth.accountId, created_at: now });
      }
      const dto = this.catalogDto(row);
      await this.record(trx, auth, entity, row.id, current ? 'Alteracao' : 'Inclusao', dto);
      return dto;
    });
  }

  private async catalogNames(accountId: number, kind: CatalogKind, ids: (number | null)[]): Promise<Map<number, string>> {
    const rows = await repo.catalogByIds(
      this.deps.db,
      CATALOGS[kind].table,
      accountId,
      ids.filter((i): i is number => i !== null),
    );
    return new Map(rows.map((r) => [r.id, r.description]));
  }

  private async customerNames(accountId: number, ids: number[]): Promise<Map<number, string>> {
    const m = await this.services.customers.summariesByIds(accountId, ids);
    return new Map([...m].map(([id, s]) => [id, s.description]));
  }

  /** Unchanged references are not re-checked (an entry deleted since stays as it was). */
  private async checkCatalogRef(
    auth: Auth,
    errors: FieldMap,
    field: string,
    kind: CatalogKind,
    id: number | null,
    current: number | null | undefined,
  ) {
    if (id === null || id === current) return;
    if (!(await repo.findCatalog(this.deps.db, CATALOGS[kind].table, auth.accountId, id))) {
      errors[field] = [`The ${CATALOGS[kind].label} ${id} does not exist.`];
    }
  }

  // ---- Invoices --------------------------------------------------------------------------

  private async names(
    accountId: number,
    customerIds: number[],
    categoryIds: (number | null)[],
    methodIds: (number | null)[] = [],
  ): Promise<Names> {
    const [customers, categories, methods] = await Promise.all([
      this.customerNames(accountId, customerIds),
      this.catalogNames(accountId, 'financialCategories', categoryIds),
      this.catalogNames(accountId, 'paymentMethods', methodIds),
    ]);
    return { customers, categories, methods };
  }

  private toInvoiceDto(r: repo.InvoiceRow, items: repo.InvoiceItemRow[], n: Names): InvoiceDto {
    const mine = items
      .filter((i) => i.invoice_id === r.id)
      .map((i) => ({
        type: i.source,
        id: i.source_id,
        description: i.description,
        totalProducts: i.total_products,
        totalServices: i.total_services,
        totalAdditionalCosts: i.total_additional_costs,
        totalValue: i.total_value,
      }));
    return {
      id: r.id,
      customerId: r.customer_id,
      customerName: n.customers.get(r.customer_id) ?? '',
      description: r.description,
      issueDate: r.issue_date,
      dueDate: r.due_date ?? '',
      financialCategoryId: r.financial_category_id ?? 0,
      financialCategory: r.financial_category_id === null ? '' : (n.categories.get(r.financial_category_id) ?? ''),
      taskIds: mine.filter((i) => i.type === 'Task').map((i) => i.id),
      serviceOrderIds: mine.filter((i) => i.type === 'ServiceOrder').map((i) => i.id),
      items: mine,
      summary: invoiceTotals(mine, r.discount),
      creationDate: formatLocal(r.created_at, this.deps.timeZone),
    };
  }

  private async invoiceDtos(accountId: number, rows: repo.InvoiceRow[]): Promise<InvoiceDto[]> {
    const items = await repo.itemsOf(
      this.deps.db,
      rows.map((r) => r.id),
    );
    const n = await this.names(
      accountId,
      rows.map((r) => r.customer_id),
      rows.map((r) => r.financial_category_id),
    );
    return rows.map((r) => this.toInvoiceDto(r, items, n));
  }

  async getInvoice(auth: Auth, id: number): Promise<InvoiceDto> {
    const row = await repo.findInvoice(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return (await this.invoiceDtos(auth.accountId, [row]))[0];
  }

  async listInvoices(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(InvoiceFilter, q.paramFilter, 'ParamInvoiceFilter');
    const f = filter as InvoiceFilter;
    const paging = parsePaging(q);
    const { rows, total } = await repo.listInvoices(
      this.deps.db,
      auth.accountId,
      {
        ...f,
        from: f.startDate === undefined ? undefined : parseDay('startDate', f.startDate),
        to: f.endDate === undefined ? undefined : parseDay('endDate', f.endDate),
      },
      paging,
    );
    return { items: await this.invoiceDtos(auth.accountId, rows), total, paging, filterText: text };
  }

  private invoiceValues(input: InvoiceCreate, current?: repo.InvoiceRow): InvoiceValues {
    return {
      customerId: input.customerId,
      description: input.description ?? '',
      issueDate: input.issueDate === undefined ? (current?.issue_date ?? this.today()) : parseDay('issueDate', input.issueDate),
      dueDate: input.dueDate === undefined || input.dueDate === '' ? null : parseDay('dueDate', input.dueDate),
      financialCategoryId: orNull(input.financialCategoryId),
      taskIds: [...new Set(input.taskIds ?? [])],
      serviceOrderIds: [...new Set(input.serviceOrderIds ?? [])],
      discount: input.discount === undefined ? 0 : parseAmount('discount', input.discount),
    };
  }

  async createInvoice(auth: Auth, input: InvoiceCreate): Promise<InvoiceDto> {
    return this.writeInvoice(auth, undefined, this.invoiceValues(input));
  }

  /** PUT: with the `id` of an invoice, every attribute is replaced (200); otherwise one is created (201). */
  async upsertInvoice(auth: Auth, input: InvoiceUpsert): Promise<{ created: boolean; dto: InvoiceDto }> {
    const existing = input.id !== undefined ? await repo.findInvoice(this.deps.db, auth.accountId, input.id) : undefined;
    const dto = await this.writeInvoice(auth, existing, this.invoiceValues(input, existing));
    return { created: !existing, dto };
  }

  async replaceInvoice(auth: Auth, id: number, input: InvoiceCreate): Promise<InvoiceDto> {
    const existing = await repo.findInvoice(this.deps.db, auth.accountId, id);
    if (!existing) throw new NotFoundError();
    return this.writeInvoice(auth, existing, this.invoiceValues(input, existing));
  }

  async patchInvoice(auth: Auth, id: number, ops: unknown): Promise<InvoiceDto> {
    const current = await repo.findInvoice(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const [dto] = await this.invoiceDtos(auth.accountId, [current]);
    const next = applyJsonPatch(
      InvoicePatchable,
      {
        customerId: dto.customerId,
        description: dto.description,
        issueDate: dto.issueDate,
        dueDate: dto.dueDate,
        financialCategoryId: dto.financialCategoryId,
        taskIds: dto.taskIds,
        serviceOrderIds: dto.serviceOrderIds,
        discount: current.discount,
      },
      ops,
    ) as InvoiceCreate & { issueDate: string };
    return this.writeInvoice(auth, current, this.invoiceValues(next, current));
  }

  /** An invoice with receivables answers 400: delete them first. */
  async removeInvoice(auth: Auth, id: number): Promise<void> {
    const live = await repo.findInvoice(this.deps.db, auth.accountId, id);
    if (!live) throw new NotFoundError();
    const [snapshot] = await this.invoiceDtos(auth.accountId, [live]);
    await this.deps.db.transaction().execute(async (trx) => {
      if (!(await repo.findInvoice(trx, auth.accountId, id))) throw new NotFoundError();
      if ((await repo.countReceivablesOfInvoice(trx, auth.accountId, id)) > 0) {
        throw FieldError.of('id', `The invoice ${id} has receivables; delete them first.`);
      }
      await repo.deleteInvoice(trx, auth.accountId, id);
      await this.record(trx, auth, INVOICE_ENTITY, id, 'Exclusao', snapshot);
    });
  }

  /**
   * Checks the customer, the category and every task and service order (they must belong to
   * the customer and to no other invoice), and reads their totals as they are now.
   */
  private async invoiceItems(auth: Auth, v: InvoiceValues, current: repo.InvoiceRow | undefined) {
    const errors: FieldMap = {};
    const add = (field: string, message: string) => {
      errors[field] ??= [];
      errors[field].push(message);
    };
    if (!(await this.services.customers.existingIds(auth.accountId, [v.customerId])).has(v.customerId)) {
      add('customerId', `The customer ${v.customerId} does not exist.`);
    }
    await this.checkCatalogRef(
      auth,
      errors,
      'financialCategoryId',
      'financialCategories',
      v.financialCategoryId,
      current?.financial_category_id,
    );
    if (v.taskIds.length + v.serviceOrderIds.length === 0) {
      add('taskIds', 'An invoice needs at least one task or service order (taskIds, serviceOrderIds).');
    }
    const items: ({ source: string; source_id: number; description: string } & ItemTotals)[] = [];
    for (const id of v.taskIds) {
      const t = (await this.services.tasks.findById(auth.accountId, id)) as TaskView | undefined;
      if (!t) add('taskIds', `The task ${id} does not exist.`);
      else if (t.customerId !== v.customerId) add('taskIds', `The task ${id} is not of the customer ${v.customerId}.`);
      else items.push({ source: 'Task', source_id: id, description: t.orientation, ...pickTotals(t.summary) });
    }
    for (const id of v.serviceOrderIds) {
      const p = await this.services.projects.findById(auth.accountId, id);
      if (!p) add('serviceOrderIds', `The service order ${id} does not exist.`);
      else if (p.customerId !== v.customerId) add('serviceOrderIds', `The service order ${id} is not of the customer ${v.customerId}.`);
      else
        items.push({
          source: 'ServiceOrder',
          source_id: id,
          description: p.description,
          totalProducts: p.summary.totalProductValue,
          totalServices: p.summary.totalServiceValue,
          totalAdditionalCosts: p.summary.totalAdditionalCostValue,
          totalValue: p.summary.totalProjectValue,
        });
    }
    for (const [field, source, ids] of [
      ['taskIds', 'Task', v.taskIds],
      ['serviceOrderIds', 'ServiceOrder', v.serviceOrderIds],
    ] as const) {
      for (const taken of await repo.invoicedElsewhere(this.deps.db, auth.accountId, source, ids, current?.id ?? 0)) {
        add(field, `The ${source === 'Task' ? 'task' : 'service order'} ${taken.source_id} is already on the invoice ${taken.invoice_id}.`);
      }
    }
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
    return items;
  }

  private async writeInvoice(auth: Auth, current: repo.InvoiceRow | undefined, v: InvoiceValues): Promise<InvoiceDto> {
    const items = await this.invoiceItems(auth, v, current);
    // Names are read before the transaction (other modules use the pool).
    const names = await this.names(auth.accountId, [v.customerId], [v.financialCategoryId]);
    const now = this.deps.clock.now().toISOString();
    const cols = {
      customer_id: v.customerId,
      description: v.description,
      issue_date: v.issueDate,
      due_date: v.dueDate,
      financial_category_id: v.financialCategoryId,
      discount: v.discount,
      updated_at: now,
    };
    return this.deps.db.transaction().execute(async (trx) => {
      let r: repo.InvoiceRow;
      if (current) {
        if (!(await repo.findInvoice(trx, auth.accountId, current.id))) throw new NotFoundError();
        r = await repo.updateInvoice(trx, auth.accountId, current.id, cols);
      } else {
        r = await repo.insertInvoice(trx, { ...cols, account_id: auth.accountId, created_at: now });
      }
      await repo.replaceItems(
        trx,
        r.id,
        items.map((i, position) => ({
          position,
          source: i.source,
          source_id: i.source_id,
          description: i.description,
          total_products: i.totalProducts,
          total_services: i.totalServices,
          total_additional_costs: i.totalAdditionalCosts,
          total_value: i.totalValue,
        })),
      );
      const dto = this.toInvoiceDto(r, await repo.itemsOf(trx, [r.id]), names);
      await this.record(trx, auth, INVOICE_ENTITY, r.id, current ? 'Alteracao' : 'Inclusao', dto);
      return dto;
    });
  }

  // ---- Receivables -----------------------------------------------------------------------

  private toReceivableDto(r: repo.ReceivableRow, n: Names): ReceivableDto {
    return {
      id: r.id,
      customerId: r.customer_id,
      customerName: n.customers.get(r.customer_id) ?? '',
      invoiceId: r.invoice_id ?? 0,
      description: r.description,
      amount: r.amount,
      dueDate: r.due_date,
      paymentMethodId: r.payment_method_id ?? 0,
      paymentMethod: r.payment_method_id === null ? '' : (n.methods.get(r.payment_method_id) ?? ''),
      financialCategoryId: r.financial_category_id ?? 0,
      financialCategory: r.financial_category_id === null ? '' : (n.categories.get(r.financial_category_id) ?? ''),
      paid: r.paid === 1,
      paymentDate: r.payment_date ?? '',
      creationDate: formatLocal(r.created_at, this.deps.timeZone),
    };
  }

  private async receivableDtos(accountId: number, rows: repo.ReceivableRow[]): Promise<ReceivableDto[]> {
    const n = await this.names(
      accountId,
      rows.map((r) => r.customer_id),
      rows.map((r) => r.financial_category_id),
      rows.map((r) => r.payment_method_id),
    );
    return rows.map((r) => this.toReceivableDto(r, n));
  }

  async getReceivable(auth: Auth, id: number): Promise<ReceivableDto> {
    const row = await repo.findReceivable(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return (await this.receivableDtos(auth.accountId, [row]))[0];
  }

  async listReceivables(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(ReceivableFilter, q.paramFilter, 'ParamReceivableFilter');
    const f = filter as ReceivableFilter;
    const paging = parsePaging(q);
    const { rows, total } = await repo.listReceivables(
      this.deps.db,
      auth.accountId,
      {
        ...f,
        from: f.startDate === undefined ? undefined : parseDay('startDate', f.startDate),
        to: f.endDate === undefined ? undefined : parseDay('endDate', f.endDate),
      },
      paging,
    );
    return { items: await this.receivableDtos(auth.accountId, rows), total, paging, filterText: text };
  }

  /**
   * Resolves the input against the current row (PUT/PATCH) and the invoice: without an invoice,
   * `customerId` and `amount` are required; with one, they default to its customer and total.
   */
  private async receivableValues(auth: Auth, input: ReceivableUpsert, current: repo.ReceivableRow | undefined): Promise<ReceivableValues> {
    const errors: FieldMap = {};
    const invoiceId = input.invoiceId !== undefined ? orNull(input.invoiceId) : (current?.invoice_id ?? null);
    let invoice: InvoiceDto | undefined;
    if (invoiceId !== null) {
      const row = await repo.findInvoice(this.deps.db, auth.accountId, invoiceId);
      if (row) [invoice] = await this.invoiceDtos(auth.accountId, [row]);
      else errors.invoiceId = [`The invoice ${invoiceId} does not exist.`];
    }
    const customerId =
      input.customerId ?? (input.invoiceId !== undefined ? invoice?.customerId : undefined) ?? current?.customer_id ?? invoice?.customerId;
    if (customerId === undefined) {
      if (!errors.invoiceId) errors.customerId = ['The customerId field is required.'];
    } else if (
      customerId !== current?.customer_id &&
      !(await this.services.customers.existingIds(auth.accountId, [customerId])).has(customerId)
    ) {
      errors.customerId = [`The customer ${customerId} does not exist.`];
    } else if (invoice && invoice.customerId !== customerId) {
      errors.customerId = [`The invoice ${invoice.id} is of the customer ${invoice.customerId}.`];
    }
    let amount: number | undefined;
    if (input.amount !== undefined) amount = parseAmount('amount', input.amount);
    else amount = current?.amount ?? invoice?.summary.totalValue;
    if (amount === undefined && !errors.invoiceId) errors.amount = ['The amount field is required.'];
    const dueDate = input.dueDate !== undefined ? parseDay('dueDate', input.dueDate) : current?.due_date;
    if (dueDate === undefined) errors.dueDate = ['The dueDate field is required.'];
    const paymentMethodId = input.paymentMethodId !== undefined ? orNull(input.paymentMethodId) : (current?.payment_method_id ?? null);
    const financialCategoryId =
      input.financialCategoryId !== undefined ? orNull(input.financialCategoryId) : (current?.financial_category_id ?? null);
    await this.checkCatalogRef(auth, errors, 'paymentMethodId', 'paymentMethods', paymentMethodId, current?.payment_method_id);
    await this.checkCatalogRef(
      auth,
      errors,
      'financialCategoryId',
      'financialCategories',
      financialCategoryId,
      current?.financial_category_id,
    );
    const paid = input.paid ?? (current ? current.paid === 1 : false);
    let paymentDate: string | null = null;
    if (paid) {
      if (input.paymentDate !== undefined && input.paymentDate !== '') paymentDate = parseDay('paymentDate', input.paymentDate);
      else paymentDate = current?.payment_date ?? this.today();
    }
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
    return {
      customerId: customerId as number,
      invoiceId,
      description: input.description ?? current?.description ?? '',
      amount: amount as number,
      dueDate: dueDate as string,
      paymentMethodId,
      financialCategoryId,
      paid,
      paymentDate,
    };
  }

  async createReceivable(auth: Auth, input: ReceivableCreate): Promise<ReceivableDto> {
    return this.writeReceivable(auth, undefined, await this.receivableValues(auth, input, undefined));
  }

  /** PUT: with the `id` of a receivable, the given attributes are replaced (200); otherwise one is created (201). */
  async upsertReceivable(auth: Auth, input: ReceivableUpsert): Promise<{ created: boolean; dto: ReceivableDto }> {
    const existing = input.id !== undefined ? await repo.findReceivable(this.deps.db, auth.accountId, input.id) : undefined;
    const dto = await this.writeReceivable(auth, existing, await this.receivableValues(auth, input, existing));
    return { created: !existing, dto };
  }

  async replaceReceivable(auth: Auth, id: number, input: ReceivableUpsert): Promise<ReceivableDto> {
    const existing = await repo.findReceivable(this.deps.db, auth.accountId, id);
    if (!existing) throw new NotFoundError();
    return this.writeReceivable(auth, existing, await this.receivableValues(auth, input, existing));
  }

  async patchReceivable(auth: Auth, id: number, ops: unknown): Promise<ReceivableDto> {
    const current = await repo.findReceivable(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const [dto] = await this.receivableDtos(auth.accountId, [current]);
    const next = applyJsonPatch(
      ReceivablePatchable,
      {
        customerId: dto.customerId,
        invoiceId: dto.invoiceId,
        description: dto.description,
        amount: dto.amount,
        dueDate: dto.dueDate,
        paymentMethodId: dto.paymentMethodId,
        financialCategoryId: dto.financialCategoryId,
        paid: dto.paid,
        paymentDate: dto.paymentDate,
      },
      ops,
    ) as ReceivableUpsert;
    return this.writeReceivable(auth, current, await this.receivableValues(auth, next, current));
  }

  async removeReceivable(auth: Auth, id: number): Promise<void> {
    const live = await repo.findReceivable(this.deps.db, auth.accountId, id);
    if (!live) throw new NotFoundError();
    const [snapshot] = await this.receivableDtos(auth.accountId, [live]);
    await this.deps.db.transaction().execute(async (trx) => {
      if (!(await repo.findReceivable(trx, auth.accountId, id))) throw new NotFoundError();
      await repo.deleteReceivable(trx, auth.accountId, id);
      await this.record(trx, auth, RECEIVABLE_ENTITY, id, 'Exclusao', snapshot);
    });
  }

  private async writeReceivable(auth: Auth, current: repo.ReceivableRow | undefined, v: ReceivableValues): Promise<ReceivableDto> {
    const now = this.deps.clock.now().toISOString();
    const cols = {
      customer_id: v.customerId,
      invoice_id: v.invoiceId,
      description: v.description,
      amount: v.amount,
      due_date: v.dueDate,
      payment_method_id: v.paymentMethodId,
      financial_category_id: v.financialCategoryId,
      paid: v.paid ? 1 : 0,
      payment_date: v.paymentDate,
      updated_at: now,
    };
    // Names are read before the transaction (other modules use the pool).
    const names = await this.names(auth.accountId, [v.customerId], [v.financialCategoryId], [v.paymentMethodId]);
    return this.deps.db.transaction().execute(async (trx) => {
      let row: repo.ReceivableRow;
      if (current) {
        if (!(await repo.findReceivable(trx, auth.accountId, current.id))) throw new NotFoundError();
        row = await repo.updateReceivable(trx, auth.accountId, current.id, cols);
      } else {
        row = await repo.insertReceivable(trx, { ...cols, account_id: auth.accountId, created_at: now });
      }
      const dto = this.toReceivableDto(row, names);
      await this.record(trx, auth, RECEIVABLE_ENTITY, row.id, current ? 'Alteracao' : 'Inclusao', dto);
      return dto;
    });
  }
}

function pickTotals(s: ItemTotals): ItemTotals {
  return {
    totalProducts: s.totalProducts,
    totalServices: s.totalServices,
    totalAdditionalCosts: s.totalAdditionalCosts,
    totalValue: s.totalValue,
  };
}
