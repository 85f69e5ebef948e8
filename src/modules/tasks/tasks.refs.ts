// Names and codes a task shows from other resources (users, customers, task types, keywords,
// questionnaires, catalog items), fetched through their services. They are fetched before a
// write's transaction (other services read outside it) and memoised for one request or batch,
// so the DTO can be built synchronously from the task's rows.
import type { Services } from '../../core/context.js';

export interface CustomerRef {
  externalId: string;
  description: string;
  address: string;
  latitude: number;
  longitude: number;
}
export interface QuestionnaireRef {
  description: string;
  questions: Map<number, string>;
}
export interface ProductRef {
  code: string;
  externalId: string;
  name: string;
  description: string;
  unitaryValue: number;
}

/** The products service as tasks use it (its module is optional at runtime). */
export interface ProductsPort {
  existingIds?(accountId: number, ids: never[]): Promise<Set<unknown>>;
  findById?(accountId: number, id: never): Promise<unknown>;
  findByGuid?(accountId: number, guid: string): Promise<unknown>;
}

export interface Refs {
  users: Set<number>;
  customers: Set<number>;
  taskTypes: Set<number>;
  keywords: Set<number>;
  questionnaires: Set<number>;
  products: Set<string>;
  services: Set<string>;
  costs: Set<string>;
}

export const emptyRefs = (): Refs => ({
  users: new Set(),
  customers: new Set(),
  taskTypes: new Set(),
  keywords: new Set(),
  questionnaires: new Set(),
  products: new Set(),
  services: new Set(),
  costs: new Set(),
});

function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = Number(v.replace(/\./g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : 0;
  }
  return 0;
}

/** Reads a product DTO whatever its exact spelling (the products module owns it). */
export function productRefOf(p: unknown): ProductRef | undefined {
  if (!p || typeof p !== 'object') return undefined;
  const o = p as Record<string, unknown>;
  return {
    code: str(o.code ?? o.id),
    externalId: str(o.externalId),
    name: str(o.name),
    description: str(o.description),
    unitaryValue: num(o.unitaryValue),
  };
}

export function productsPort(services: Services): ProductsPort | undefined {
  return (services as unknown as Record<string, ProductsPort | undefined>).products;
}

export async function findProduct(services: Services, accountId: number, guid: string): Promise<ProductRef | undefined> {
  const port = productsPort(services);
  if (!port) return undefined;
  const found = port.findByGuid
    ? await port.findByGuid(accountId, guid)
    : port.findById
      ? await port.findById(accountId, guid as never)
      : undefined;
  const ref = productRefOf(found);
  // A product found by another key must still be this GUID.
  if (
    !ref ||
    (found &&
      typeof found === 'object' &&
      'productId' in found &&
      String((found as { productId: unknown }).productId).toLowerCase() !== guid)
  ) {
    return undefined;
  }
  return ref;
}

export class RefCache {
  readonly users = new Map<number, string | null>();
  readonly customers = new Map<number, CustomerRef | null>();
  readonly taskTypes = new Map<number, { description: string; standardTime: string } | null>();
  readonly keywords = new Map<number, string | null>();
  readonly questionnaires = new Map<number, QuestionnaireRef | null>();
  readonly products = new Map<string, ProductRef | null>();
  readonly services = new Map<string, string | null>();
  readonly costs = new Map<string, { code: number; name: string } | null>();

  constructor(
    private readonly svc: Services,
    private readonly accountId: number,
  ) {}

  /** Fetches every reference not yet known. */
  async fill(refs: Refs): Promise<void> {
    const { svc, accountId } = this;
    const jobs: Promise<void>[] = [];
    const each = <K, V>(keys: Set<K>, cache: Map<K, V | null>, fetch: (k: K) => Promise<V | undefined>) => {
      for (const k of keys) {
        if (cache.has(k)) continue;
        cache.set(k, null);
        jobs.push(fetch(k).then((v) => void cache.set(k, v ?? null)));
      }
    };
    each(refs.users, this.users, async (id) => (await svc.users.findById(accountId, id))?.name);
    each(refs.customers, this.customers, async (id) => {
      const c = (await svc.customers.findById(accountId, id)) as Record<string, unknown> | undefined;
      if (!c) return undefined;
      return {
        externalId: str(c.externalId),
        description: str(c.description ?? c.name),
        address: str(c.address),
        latitude: num(c.latitude),
        longitude: num(c.longitude),
      };
    });
    each(refs.taskTypes, this.taskTypes, async (id) => {
      const t = await svc.taskTypes.findById(accountId, id);
      return t ? { description: t.description, standardTime: t.standardTime || '00:00:00' } : undefined;
    });
    each(refs.keywords, this.keywords, async (id) => (await svc.keywords.findById(accountId, id))?.description);
    each(refs.questionnaires, this.questionnaires, async (id) => {
      const q = await svc.questionnaires.findById(accountId, id);
      return q ? { description: q.description, questions: new Map(q.questions.map((x) => [x.id, x.description])) } : undefined;
    });
    each(refs.products, this.products, (guid) => findProduct(svc, accountId, guid));
    each(refs.services, this.services, async (guid) => (await svc.services.findById(accountId, guid))?.title);
    each(refs.costs, this.costs, async (guid) => {
      const c = await svc.additionalCosts.findById(accountId, guid);
      return c ? { code: c.code, name: c.name } : undefined;
    });
    // SQLite serialises the reads anyway; in order keeps PostgreSQL's pool small.
    for (const j of jobs) await j;
  }
}
