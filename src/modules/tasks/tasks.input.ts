// Task write input: types, ranges and every reference checked before anything is written
// (D10: a 400 field map naming each problem). References are checked through the owning
// services, once per batch for bulk imports.
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { parseLocal } from '../../core/dates.js';
import { FieldError, type FieldMap } from '../../core/errors.js';
import type { DecodedFile } from '../../core/files.js';
import { isStorableId } from '../../core/ids.js';
import { parseDecimal, roundTo } from '../../core/money.js';
import type { DiscountType } from './tasks.billing.js';
import { emptyRefs, RefCache } from './tasks.refs.js';
import type * as repo from './tasks.repo.js';
import type { CostLineIn, ProductLineIn, ServiceLineIn, TaskUpsert } from './tasks.schema.js';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseJsonArray<T>(text: string): T[] {
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

export function addError(errors: FieldMap, field: string, message: string): void {
  if (!errors[field]) errors[field] = [];
  errors[field].push(message);
}

const int = (b: boolean) => (b ? 1 : 0);

export interface LineValues {
  guid: string;
  quantity: number;
  unitaryValue: number;
  discountType: DiscountType;
  discountValue: number;
}

/** Normalised write input: task columns plus the line upserts and the uploads. */
export interface Resolved {
  cols: repo.TaskRowPatch;
  keywords?: number[];
  products: LineValues[];
  services: LineValues[];
  costs: LineValues[];
  uploads: DecodedFile[];
}

export class TaskInput {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  /** Validates the input (types, ranges, references); nothing is written on failure. */
  async resolve(auth: Auth, input: TaskUpsert, current: repo.TaskRow | undefined): Promise<Resolved> {
    const errors: FieldMap = {};
    const r = this.readInput(errors, input, current);
    if (Object.keys(errors).length === 0) await this.checkReferences(errors, auth.accountId, [r]);
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
    // Missing coordinates or address fall back to the customer's (T2).
    const customerId = r.cols.customer_id !== undefined ? r.cols.customer_id : current?.customer_id;
    if (customerId && (input.latitude === undefined || input.longitude === undefined || input.address === undefined) && !current) {
      const c = (await this.services.customers.findById(auth.accountId, customerId)) as Record<string, unknown> | undefined;
      if (c) {
        if (input.latitude === undefined || input.longitude === undefined) {
          r.cols.latitude = Number(c.latitude) || 0;
          r.cols.longitude = Number(c.longitude) || 0;
        }
        if (input.address === undefined) r.cols.address = String(c.address ?? '');
      }
    }
    return r;
  }

  readInput(errors: FieldMap, input: TaskUpsert, current: repo.TaskRow | undefined): Resolved {
    const tz = this.deps.timeZone;
    const c: repo.TaskRowPatch = {};
    const creating = !current;
    if (creating) {
      for (const k of ['idUserFrom', 'orientation', 'priority'] as const) {
        if (input[k] === undefined) addError(errors, k, `The ${k} field is required.`);
      }
      if (!input.customerId) {
        for (const k of ['address', 'latitude', 'longitude'] as const) {
          if (input[k] === undefined) addError(errors, k, `The ${k} field is required when no customerId is given.`);
        }
      }
    }
    const optionalRef = (v: number | undefined) => (v === undefined ? undefined : v === 0 ? null : v);
    if (input.externalId !== undefined) c.external_id = input.externalId.trim();
    if (input.idUserFrom !== undefined) {
      if (input.idUserFrom <= 0) addError(errors, 'idUserFrom', `The user '${input.idUserFrom}' does not exist in this account.`);
      c.user_from_id = input.idUserFrom;
    }
    c.user_to_id = optionalRef(input.idUserTo);
    c.team_id = optionalRef(input.teamId);
    c.customer_id = optionalRef(input.customerId);
    c.task_type_id = optionalRef(input.taskType);
    c.questionnaire_id = optionalRef(input.questionnaireId);
    for (const k of Object.keys(c) as (keyof repo.TaskRowPatch)[]) if (c[k] === undefined) delete c[k];
    if (input.taskDate !== undefined) {
      const d = parseLocal(input.taskDate, tz);
      if (!d) addError(errors, 'taskDate', `The value '${input.taskDate}' is not a valid date (yyyy-MM-ddTHH:mm:ss).`);
      else c.task_date = d.toISOString();
    }
    if (input.latitude !== undefined) {
      if (input.latitude < -90 || input.latitude > 90) addError(errors, 'latitude', 'The latitude must be between -90 and 90.');
      c.latitude = input.latitude;
    }
    if (input.longitude !== undefined) {
      if (input.longitude < -180 || input.longitude > 180) addError(errors, 'longitude', 'The longitude must be between -180 and 180.');
      c.longitude = input.longitude;
    }
    if (input.address !== undefined) c.address = input.address;
    if (input.orientation !== undefined) c.orientation = input.orientation;
    if (input.priority !== undefined) {
      if (![1, 2, 3].includes(input.priority)) addError(errors, 'priority', 'The priority must be 1 (low), 2 (medium) or 3 (high).');
      c.priority = input.priority;
    }
    if (input.checkinType !== undefined) {
      if (![1, 2, 3].includes(input.checkinType))
        addError(errors, 'checkinType', 'The checkinType must be 1 (manual), 2 (automatic) or 3 (user).');
      c.checkin_type = input.checkinType;
    }
    if (input.sendSatisfactionSurvey !== undefined) c.send_survey = int(input.sendSatisfactionSurvey);
    if (input.financialCategory !== undefined) c.financial_category = input.financialCategory;
    let keywords: number[] | undefined;
    if (input.keyWords !== undefined) {
      keywords = [];
      input.keyWords.forEach((k, i) => {
        const n = typeof k === 'number' ? k : /^\s*\d+\s*$/.test(k) ? Number(k) : Number.NaN;
        if (!Number.isSafeInteger(n) || n <= 0) addError(errors, `keyWords[${i}]`, `The value '${String(k)}' is not a valid keyword id.`);
        else if (!keywords?.includes(n)) keywords?.push(n);
      });
      c.keywords = JSON.stringify(keywords);
    }
    if (input.equipmentsId !== undefined) {
      const ids: number[] = [];
      input.equipmentsId.forEach((k, i) => {
        const n = typeof k === 'number' ? k : /^\s*\d+\s*$/.test(k) ? Number(k) : Number.NaN;
        if (!Number.isSafeInteger(n) || n <= 0)
          addError(errors, `equipmentsId[${i}]`, `The value '${String(k)}' is not a valid equipment id.`);
        else if (!ids.includes(n)) ids.push(n);
      });
      c.equipment_ids = JSON.stringify(ids);
    }
    if (input.taskDiscount !== undefined) {
      const t = this.discountType(errors, 'taskDiscount.type', input.taskDiscount.type, true);
      const v = this.decimal(errors, 'taskDiscount.value', input.taskDiscount.value, true);
      if (t === 1 && v > 100) addError(errors, 'taskDiscount.value', 'A percentage discount must not exceed 100.');
      c.discount_type = t;
      c.discount_value = v;
    }
    const products = this.readLines(errors, 'taskProducts', 'product', input.taskProducts ?? []);
    const services = this.readLines(errors, 'taskServices', 'service', input.taskServices ?? []);
    const costs = this.readLines(errors, 'taskAdditionalCosts', 'cost', input.taskAdditionalCosts ?? []);
    const uploads: DecodedFile[] = [];
    (input.attachments ?? []).forEach((a, i) => {
      try {
        uploads.push(this.deps.files.decodeUpload(`attachments[${i}]`, a));
      } catch (err) {
        if (!(err instanceof FieldError)) throw err;
        for (const [k, v] of Object.entries(err.fields)) for (const m of v) addError(errors, k, m);
      }
    });
    return { cols: c, keywords, products, services, costs, uploads };
  }

  private decimal(errors: FieldMap, field: string, raw: unknown, required: boolean, fallback = 0): number {
    if (raw === undefined || raw === null || raw === '') {
      if (required) addError(errors, field, `The ${field.split('.').pop()} field is required.`);
      return fallback;
    }
    const n = parseDecimal(raw);
    if (n === undefined || n < 0) {
      addError(errors, field, `The value '${String(raw)}' is not a valid decimal.`);
      return fallback;
    }
    return roundTo(n, 4);
  }

  private discountType(errors: FieldMap, field: string, raw: unknown, required = false): DiscountType {
    if (raw === undefined || raw === null || raw === '') {
      if (required) addError(errors, field, 'The type field is required.');
      return 0;
    }
    const s = String(raw).trim().toLowerCase();
    if (['0', 'valor', 'monetary', 'monetario'].includes(s)) return 0;
    if (['1', 'percentual', 'percentage'].includes(s)) return 1;
    addError(errors, field, `The value '${String(raw)}' is not valid; use 0 (monetary value) or 1 (percentage).`);
    return 0;
  }

  readLines(
    errors: FieldMap,
    field: string,
    kind: repo.LineKind,
    list: (Partial<ProductLineIn> & Partial<ServiceLineIn> & Partial<CostLineIn>)[],
  ): LineValues[] {
    const idKey = kind === 'product' ? 'ProductId' : kind === 'service' ? 'ServiceId' : 'AdditionalCostId';
    const out = new Map<string, LineValues>();
    list.forEach((l, i) => {
      const at = `${field}[${i}]`;
      const id = l[idKey as keyof typeof l] as string | undefined;
      let guid = '';
      if (id === undefined || String(id).trim() === '') addError(errors, `${at}.${idKey}`, `The ${idKey} field is required.`);
      else if (!GUID.test(String(id).trim())) addError(errors, `${at}.${idKey}`, `The value '${id}' is not a valid id.`);
      else guid = String(id).trim().toLowerCase();
      // Additional costs: the examples send only the value; the quantity defaults to 1 (inventory 7 #20).
      const quantity = this.decimal(errors, `${at}.Quantity`, l.Quantity, kind !== 'cost', 1);
      const unitaryValue = this.decimal(errors, `${at}.Value`, l.Value, true);
      const discountType = this.discountType(errors, `${at}.DiscountType`, l.DiscountType);
      const discountValue = this.decimal(errors, `${at}.DiscountValue`, l.DiscountValue, false);
      if (discountType === 1 && discountValue > 100) addError(errors, `${at}.DiscountValue`, 'A percentage discount must not exceed 100.');
      // The same item twice in one body: the last one wins, as an upsert would.
      if (guid) out.set(guid, { guid, quantity, unitaryValue, discountType, discountValue });
    });
    return [...out.values()];
  }

  /** Which of `guids` exist in the account's catalog of `kind`. */
  private async knownGuids(accountId: number, kind: repo.LineKind, guids: string[]): Promise<Set<string>> {
    if (guids.length === 0) return new Set();
    if (kind === 'service') return this.services.services.existingIds(accountId, guids);
    if (kind === 'cost') return this.services.additionalCosts.existingIds(accountId, guids);
    const cache = new RefCache(this.services, accountId);
    const refs = emptyRefs();
    for (const g of guids) refs.products.add(g);
    await cache.fill(refs);
    return new Set(guids.filter((g) => cache.products.get(g)));
  }

  async checkCatalog(errors: FieldMap, accountId: number, field: string, kind: repo.LineKind, lines: LineValues[], known?: Set<string>) {
    const idKey = kind === 'product' ? 'ProductId' : kind === 'service' ? 'ServiceId' : 'AdditionalCostId';
    const found =
      known ??
      (await this.knownGuids(
        accountId,
        kind,
        lines.map((l) => l.guid),
      ));
    lines.forEach((l, i) => {
      if (!found.has(l.guid)) addError(errors, `${field}[${i}].${idKey}`, `The ${idKey} '${l.guid}' does not exist in this account.`);
    });
  }

  async checkReferences(errors: FieldMap, accountId: number, all: Resolved[]) {
    const s = this.services;
    const collect = (pick: (r: Resolved) => (number | null | undefined)[]) => [
      ...new Set(all.flatMap(pick).filter((x): x is number => !!x)),
    ];
    const missing = async (ids: number[], existing: (accountId: number, ids: number[]) => Promise<Set<number>>) => {
      if (ids.length === 0) return new Set<number>();
      const storable = ids.filter(isStorableId);
      const found = storable.length ? await existing(accountId, storable) : new Set<number>();
      return new Set(ids.filter((id) => !found.has(id)));
    };
    const users = await missing(
      collect((r) => [r.cols.user_from_id as number | undefined, r.cols.user_to_id as number | null | undefined]),
      (a, ids) => s.users.existingIds(a, ids),
    );
    const customers = await missing(
      collect((r) => [r.cols.customer_id as number | null | undefined]),
      (a, ids) => s.customers.existingIds(a, ids),
    );
    const types = await missing(
      collect((r) => [r.cols.task_type_id as number | null | undefined]),
      (a, ids) => s.taskTypes.existingIds(a, ids),
    );
    const teams = await missing(
      collect((r) => [r.cols.team_id as number | null | undefined]),
      (a, ids) => s.teams.existingIds(a, ids),
    );
    const questionnaires = await missing(
      collect((r) => [r.cols.questionnaire_id as number | null | undefined]),
      (a, ids) => s.questionnaires.existingIds(a, ids),
    );
    const keywords = await missing(
      collect((r) => r.keywords ?? []),
      (a, ids) => s.keywords.existingIds(a, ids),
    );
    const equipments = await missing(
      collect((r) => parseJsonArray<number>((r.cols.equipment_ids as string | undefined) ?? '[]')),
      (a, ids) => s.equipments.existingIds(a, ids),
    );
    const one = all.length === 1;
    all.forEach((r, i) => {
      const at = (k: string) => (one ? k : `[${i}].${k}`);
      const c = r.cols;
      const check = (set: Set<number>, v: unknown, field: string, label: string) => {
        if (typeof v === 'number' && set.has(v)) addError(errors, at(field), `The ${label} '${v}' does not exist in this account.`);
      };
      check(users, c.user_from_id, 'idUserFrom', 'user');
      check(users, c.user_to_id, 'idUserTo', 'user');
      check(customers, c.customer_id, 'customerId', 'customer');
      check(types, c.task_type_id, 'taskType', 'task type');
      check(teams, c.team_id, 'teamId', 'team');
      check(questionnaires, c.questionnaire_id, 'questionnaireId', 'questionnaire');
      for (const [j, k] of (r.keywords ?? []).entries()) check(keywords, k, `keyWords[${j}]`, 'keyword');
      for (const [j, k] of parseJsonArray<number>((c.equipment_ids as string | undefined) ?? '[]').entries()) {
        check(equipments, k, `equipmentsId[${j}]`, 'equipment');
      }
    });
    const guidsOf = (pick: (r: Resolved) => LineValues[]) => [...new Set(all.flatMap((r) => pick(r).map((l) => l.guid)))];
    const knownProducts = await this.knownGuids(
      accountId,
      'product',
      guidsOf((r) => r.products),
    );
    const knownServices = await this.knownGuids(
      accountId,
      'service',
      guidsOf((r) => r.services),
    );
    const knownCosts = await this.knownGuids(
      accountId,
      'cost',
      guidsOf((r) => r.costs),
    );
    for (const [i, r] of all.entries()) {
      const prefix = one ? '' : `[${i}].`;
      const sub: FieldMap = {};
      await this.checkCatalog(sub, accountId, 'taskProducts', 'product', r.products, knownProducts);
      await this.checkCatalog(sub, accountId, 'taskServices', 'service', r.services, knownServices);
      await this.checkCatalog(sub, accountId, 'taskAdditionalCosts', 'cost', r.costs, knownCosts);
      for (const [k, v] of Object.entries(sub)) for (const m of v) addError(errors, `${prefix}${k}`, m);
    }
  }
}
