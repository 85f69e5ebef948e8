import type { Auth } from '../../core/auth.js';
import type { ServiceDeps } from '../../core/context.js';
import { FieldError, invalidValue, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { parseDecimal, roundTo } from '../../core/money.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './additional-costs.repo.js';
import {
  type AdditionalCostCreate,
  type AdditionalCostDto,
  AdditionalCostFilter,
  AdditionalCostPatchable,
  type AdditionalCostUpsert,
  GUID,
} from './additional-costs.schema.js';

declare module '../../core/context.js' {
  interface Services {
    additionalCosts: AdditionalCostsService;
  }
}

export const ADDITIONAL_COST_ENTITY = 'AdditionalCost';

function toDto(r: repo.AdditionalCostRow): AdditionalCostDto {
  return { id: r.guid, name: r.name, code: r.id, unitaryValue: roundTo(r.unitary_value, 4), active: r.active === 1 };
}

export type CostRef = { guid: string } | { code: number };

/** The path id: a GUID or a numeric code; anything else answers 400. */
export function parseCostRef(raw: string): CostRef {
  const s = raw.trim();
  if (GUID.test(s)) return { guid: s.toLowerCase() };
  if (/^\d+$/.test(s)) return { code: Number(s) };
  throw invalidValue('id', raw);
}

interface CostValues {
  name: string;
  unitaryValue: number;
  active: boolean;
}

function money(v: unknown): number {
  const n = parseDecimal(v);
  if (n === undefined || n < 0) throw FieldError.of('unitaryValue', `The value '${String(v)}' is not a valid amount.`);
  return roundTo(n, 4);
}

export class AdditionalCostsService {
  constructor(private readonly deps: ServiceDeps) {}

  private find(
    accountId: number,
    ref: CostRef,
    db: ServiceDeps['db'] | Parameters<typeof repo.findAdditionalCostByGuid>[0] = this.deps.db,
  ) {
    return 'guid' in ref ? repo.findAdditionalCostByGuid(db, accountId, ref.guid) : repo.findAdditionalCostByCode(db, accountId, ref.code);
  }

  async get(auth: Auth, ref: CostRef): Promise<AdditionalCostDto> {
    const row = await this.find(auth.accountId, ref);
    if (!row) throw new NotFoundError();
    return toDto(row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(AdditionalCostFilter, q.paramFilter, 'ParamAdditionalCostFilter');
    const f = filter as AdditionalCostFilter;
    const paging = parsePaging(q);
    const { rows, total } = await repo.listAdditionalCosts(
      this.deps.db,
      this.deps.dialect,
      auth.accountId,
      { guid: f.id, code: f.code, name: f.name, active: f.active },
      paging,
    );
    return { items: rows.map(toDto), total, paging, filterText: text };
  }

  async create(auth: Auth, input: AdditionalCostCreate): Promise<AdditionalCostDto> {
    return this.write(auth, undefined, { name: input.name, unitaryValue: money(input.unitaryValue ?? 0), active: input.active ?? true });
  }

  /** PUT: update the cost matched by `id` (GUID), else by `code`; otherwise create (201). */
  async upsert(auth: Auth, input: AdditionalCostUpsert): Promise<{ created: boolean; dto: AdditionalCostDto }> {
    let existing: repo.AdditionalCostRow | undefined;
    if (input.id !== undefined && input.id !== '') {
      if (!GUID.test(input.id)) throw FieldError.of('id', `The value '${input.id}' is not a valid GUID.`);
      existing = await repo.findAdditionalCostByGuid(this.deps.db, auth.accountId, input.id);
    }
    if (!existing && input.code !== undefined) existing = await repo.findAdditionalCostByCode(this.deps.db, auth.accountId, input.code);
    if (!existing && input.name === undefined) throw FieldError.of('name', 'The name field is required.');
    const dto = await this.write(auth, existing, {
      name: input.name ?? (existing as repo.AdditionalCostRow).name,
      unitaryValue: input.unitaryValue !== undefined ? money(input.unitaryValue) : (existing?.unitary_value ?? 0),
      active: input.active ?? (existing ? existing.active === 1 : true),
    });
    return { created: !existing, dto };
  }

  async patch(auth: Auth, ref: CostRef, ops: unknown): Promise<AdditionalCostDto> {
    const current = await this.find(auth.accountId, ref);
    if (!current) throw new NotFoundError();
    const next = applyJsonPatch(
      AdditionalCostPatchable,
      { name: current.name, unitaryValue: current.unitary_value, active: current.active === 1 },
      ops,
    ) as {
      name: string;
      unitaryValue: number | string;
      active: boolean;
    };
    return this.write(auth, current, { name: next.name, unitaryValue: money(next.unitaryValue), active: next.active });
  }

  /** Task additional costs that use it keep its GUID (inventory 8 #17). */
  async remove(auth: Auth, ref: CostRef): Promise<void> {
    const { db, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await this.find(auth.accountId, ref, trx);
      if (!live) throw new NotFoundError();
      await repo.deleteAdditionalCost(trx, auth.accountId, live.id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: ADDITIONAL_COST_ENTITY,
        entityId: live.guid,
        action: 'Exclusao',
        userId: auth.adminUserId,
        snapshot: toDto(live),
      });
    });
  }

  /** Keyed by GUID (what task additional costs reference): the GUIDs (lower case) that exist. */
  async existingIds(accountId: number, guids: string[]): Promise<Set<string>> {
    return repo.existingAdditionalCostGuids(
      this.deps.db,
      accountId,
      guids.filter((g) => GUID.test(g)),
    );
  }

  /** The cost as GET returns it, by GUID (any case). */
  async findById(accountId: number, guid: string): Promise<AdditionalCostDto | undefined> {
    if (!GUID.test(guid)) return undefined;
    const row = await repo.findAdditionalCostByGuid(this.deps.db, accountId, guid);
    return row ? toDto(row) : undefined;
  }

  private async write(auth: Auth, current: repo.AdditionalCostRow | undefined, v: CostValues): Promise<AdditionalCostDto> {
    const { db, clock, changes, ids } = this.deps;
    const now = clock.now().toISOString();
    const cols = { name: v.name, unitary_value: v.unitaryValue, active: v.active ? 1 : 0, updated_at: now };
    return db.transaction().execute(async (trx) => {
      let row: repo.AdditionalCostRow;
      if (current) {
        if (!(await repo.findAdditionalCostByCode(trx, auth.accountId, current.id))) throw new NotFoundError();
        row = await repo.updateAdditionalCost(trx, auth.accountId, current.id, cols);
      } else {
        row = await repo.insertAdditionalCost(trx, {
          ...cols,
          account_id: auth.accountId,
          guid: ids.uuid().toLowerCase(),
          created_at: now,
        });
      }
      const dto = toDto(row);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: ADDITIONAL_COST_ENTITY,
        entityId: row.guid,
        action: current ? 'Alteracao' : 'Inclusao',
        userId: auth.adminUserId,
        snapshot: dto,
      });
      return dto;
    });
  }
}
