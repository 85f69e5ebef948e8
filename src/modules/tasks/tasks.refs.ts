// Names and codes a task shows from other resources (users, customers, task types, keywords,
// questionnaires, catalog items), fetched through their services. They are fetched before a
// write's transaction (other services read outside it) and memoised for one request or batch,
// so the DTO can be built synchronously from the task's rows.
import type { Services } from '../../core/context.js';
import { parseDecimal } from '../../core/money.js';

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

export interface Refs {
  users: Set<number>;
  customers: Set<number>;
  taskTypes: Set<number>;
  keywords: Set<number>;
  questionnaires: Set<number>;
  products: Set<string>;
  services: Set<string>;
  costs: Set<string>;
  /** Tasks whose linked ticket is shown (ticketId / ticketTitle). */
  tasks: Set<number>;
}

export const emptyRefs = (): Refs => ({
  tasks: new Set(),
  users: new Set(),
  customers: new Set(),
  taskTypes: new Set(),
  keywords: new Set(),
  questionnaires: new Set(),
  products: new Set(),
  services: new Set(),
  costs: new Set(),
});

export async function findProduct(services: Services, accountId: number, guid: string): Promise<ProductRef | undefined> {
  const p = await services.products.findById(accountId, guid);
  if (!p || p.productId.toLowerCase() !== guid) return undefined;
  return {
    code: p.code,
    externalId: p.externalId,
    name: p.name,
    description: p.description,
    unitaryValue: parseDecimal(p.unitaryValue) ?? 0,
  };
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
  readonly tickets = new Map<number, { id: number; title: string } | null>();

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
    // Users and customers come in one query each: a page of tasks names many of them.
    const newUsers = [...refs.users].filter((id) => !this.users.has(id));
    if (newUsers.length > 0) {
      const names = await svc.users.namesByIds(accountId, newUsers);
      for (const id of newUsers) this.users.set(id, names.get(id) ?? null);
    }
    const newCustomers = [...refs.customers].filter((id) => !this.customers.has(id));
    if (newCustomers.length > 0) {
      const found = await svc.customers.summariesByIds(accountId, newCustomers);
      for (const id of newCustomers) this.customers.set(id, found.get(id) ?? null);
    }
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
    const unknownTasks = [...refs.tasks].filter((id) => !this.tickets.has(id));
    if (unknownTasks.length > 0) {
      const linked = await svc.tickets.ticketsOfTasks(accountId, unknownTasks);
      for (const id of unknownTasks) this.tickets.set(id, linked.get(id) ?? null);
    }
    // SQLite serialises the reads anyway; in order keeps PostgreSQL's pool small.
    for (const j of jobs) await j;
  }
}
