import type { Auth } from '../../core/auth.js';
import type { ServiceDeps } from '../../core/context.js';
import { EnvelopeError, FieldError, invalidValue, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { formatDot, parseDecimal, roundTo } from '../../core/money.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './services.repo.js';
import { GUID, type ServiceCreate, type ServiceDto, ServiceFilter, ServicePatchable, type ServiceUpsert } from './services.schema.js';

declare module '../../core/context.js' {
  interface Services {
    services: ServicesService;
  }
}

export const SERVICE_ENTITY = 'Service';

function toDto(r: repo.ServiceRow): ServiceDto {
  return {
    id: r.guid,
    title: r.title,
    description: r.description,
    price: formatDot(r.price),
    active: r.active === 1,
    fiscalServiceId: r.fiscal_service_id,
  };
}

/** The path id must be a GUID (the DELETE parameter says so; D14). */
export function parseGuid(raw: string, field = 'id'): string {
  const s = raw.trim();
  if (!GUID.test(s)) throw invalidValue(field, raw);
  return s.toLowerCase();
}

interface ServiceValues {
  title: string;
  description: string;
  price: number;
  active: boolean;
  fiscalServiceId: string | null;
}

export class ServicesService {
  constructor(private readonly deps: ServiceDeps) {}

  async get(auth: Auth, guid: string): Promise<ServiceDto> {
    const row = await repo.findServiceByGuid(this.deps.db, auth.accountId, guid);
    if (!row) throw new NotFoundError();
    return toDto(row);
  }

  /** GET /services/obterListaServicos (live service): every service, unpaged. */
  async all(auth: Auth): Promise<ServiceDto[]> {
    return (await repo.allServices(this.deps.db, auth.accountId)).map(toDto);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(ServiceFilter, q.paramFilter, 'ParamServiceFilter');
    const f = filter as ServiceFilter;
    const paging = parsePaging(q);
    let price: number | undefined;
    if (f.price !== undefined) {
      price = parseDecimal(f.price);
      if (price === undefined) throw new EnvelopeError(`The paramFilter field 'price' is not valid for ParamServiceFilter.`);
    }
    const { rows, total } = await repo.listServices(
      this.deps.db,
      this.deps.dialect,
      auth.accountId,
      { ...f, price: price === undefined ? undefined : roundTo(price, 4) },
      paging,
    );
    return { items: rows.map(toDto), total, paging, filterText: text };
  }

  async create(auth: Auth, input: ServiceCreate): Promise<ServiceDto> {
    const v = this.values({
      title: input.title,
      description: input.description ?? '',
      price: input.price ?? 0,
      active: input.active ?? true,
      fiscalServiceId: input.fiscalServiceId ?? null,
    });
    return this.write(auth, undefined, v);
  }

  /**
   * PUT (a live-service operation the blueprint lacks): update the service matched by `id` (GUID),
   * else create one (then `title` is required; an unknown GUID creates a service with a new one).
   * Services carry no `externalId` to match on.
   */
  async upsert(auth: Auth, input: ServiceUpsert): Promise<{ created: boolean; dto: ServiceDto }> {
    let existing: repo.ServiceRow | undefined;
    if (input.id !== undefined && input.id !== '') {
      if (!GUID.test(input.id.trim())) throw FieldError.of('id', `The value '${input.id}' is not a valid GUID.`);
      existing = await repo.findServiceByGuid(this.deps.db, auth.accountId, input.id.trim().toLowerCase());
    }
    if (!existing) {
      if (input.title === undefined) throw FieldError.of('title', 'The title field is required.');
      return { created: true, dto: await this.create(auth, { ...input, title: input.title }) };
    }
    const v = this.values({
      title: input.title ?? existing.title,
      description: input.description ?? existing.description,
      price: input.price ?? existing.price,
      active: input.active ?? existing.active === 1,
      fiscalServiceId: input.fiscalServiceId === undefined ? existing.fiscal_service_id : input.fiscalServiceId,
    });
    return { created: false, dto: await this.write(auth, existing, v) };
  }

  async patch(auth: Auth, guid: string, ops: unknown): Promise<ServiceDto> {
    const current = await repo.findServiceByGuid(this.deps.db, auth.accountId, guid);
    if (!current) throw new NotFoundError();
    const view = {
      title: current.title,
      description: current.description,
      price: current.price,
      active: current.active === 1,
      fiscalServiceId: current.fiscal_service_id,
    };
    const next = applyJsonPatch(ServicePatchable, view, ops) as {
      title: string;
      description: string;
      price: number | string;
      active: boolean;
      fiscalServiceId: string | null;
    };
    return this.write(auth, current, this.values(next));
  }

  /** Task items that use the service keep its GUID (inventory 8 #17). */
  async remove(auth: Auth, guid: string): Promise<void> {
    const { db, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await repo.findServiceByGuid(trx, auth.accountId, guid);
      if (!live) throw new NotFoundError();
      await repo.deleteService(trx, auth.accountId, live.id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: SERVICE_ENTITY,
        entityId: live.guid,
        action: 'Exclusao',
        userId: auth.adminUserId,
        snapshot: toDto(live),
      });
    });
  }

  /** Services are referenced by GUID: the GUIDs (lower case) among `guids` that exist in the account. */
  async existingIds(accountId: number, guids: string[]): Promise<Set<string>> {
    return repo.existingServiceGuids(
      this.deps.db,
      accountId,
      guids.filter((g) => GUID.test(g)),
    );
  }

  /** The service as GET returns it, by GUID (any case). */
  async findById(accountId: number, guid: string): Promise<ServiceDto | undefined> {
    if (!GUID.test(guid)) return undefined;
    const row = await repo.findServiceByGuid(this.deps.db, accountId, guid);
    return row ? toDto(row) : undefined;
  }

  private values(input: {
    title: string;
    description: string;
    price: number | string;
    active: boolean;
    fiscalServiceId: string | null;
  }): ServiceValues {
    const price = parseDecimal(input.price);
    if (price === undefined || price < 0) throw FieldError.of('price', `The value '${String(input.price)}' is not a valid price.`);
    let fiscal = input.fiscalServiceId === null ? null : input.fiscalServiceId.trim();
    if (fiscal === '') fiscal = null;
    if (fiscal !== null && !GUID.test(fiscal)) throw FieldError.of('fiscalServiceId', `The value '${fiscal}' is not a valid GUID.`);
    return {
      title: input.title,
      description: input.description,
      price: roundTo(price, 4),
      active: input.active,
      fiscalServiceId: fiscal?.toLowerCase() ?? null,
    };
  }

  private async write(auth: Auth, current: repo.ServiceRow | undefined, v: ServiceValues): Promise<ServiceDto> {
    const { db, clock, changes, ids } = this.deps;
    const now = clock.now().toISOString();
    const cols = {
      title: v.title,
      description: v.description,
      price: v.price,
      active: v.active ? 1 : 0,
      fiscal_service_id: v.fiscalServiceId,
      updated_at: now,
    };
    return db.transaction().execute(async (trx) => {
      let row: repo.ServiceRow;
      if (current) {
        if (!(await repo.findServiceByGuid(trx, auth.accountId, current.guid))) throw new NotFoundError();
        row = await repo.updateService(trx, auth.accountId, current.id, cols);
      } else {
        row = await repo.insertService(trx, { ...cols, account_id: auth.accountId, guid: ids.uuid().toLowerCase(), created_at: now });
      }
      const dto = toDto(row);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: SERVICE_ENTITY,
        entityId: row.guid,
        action: current ? 'Alteracao' : 'Inclusao',
        userId: auth.adminUserId,
        snapshot: dto,
      });
      return dto;
    });
  }
}
