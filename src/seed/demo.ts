// The demo data set: a coherent, deterministic pt-BR field-service company, written through
// the API itself (so every rule and change event applies). Same seed and clock, same data.
import { base, en, Faker, pt_BR } from '@faker-js/faker';
import type { FastifyInstance } from 'fastify';
import type { Auth } from '../core/auth.js';
import type { Services } from '../core/context.js';
import { formatLocal, parseLocal } from '../core/dates.js';
import { CITIES, type City, makeCnpj, makeCpf, makeMobile, near, type Rng } from './brazil.js';
import { seedEquipment, seedExpenses, seedProducts, seedTaskTypes } from './demo-catalog.js';
import { seedTasks } from './demo-field.js';
import { seedFinancial } from './demo-financial.js';
import { seedBulk } from './demo-large.js';
import { seedProjects, seedQuotations, seedTickets, seedWebhooks } from './demo-sales.js';

export type DemoSize = 'small' | 'large';

export interface DemoOptions {
  seed: number;
  size: DemoSize;
  /**
   * `large` only: how many bulk tasks to load (default 1,000,000); customers and users of the
   * bulk part scale with it (one customer per 20 tasks, one technician per 625 tasks).
   */
  largeTasks?: number;
  /** Called as work advances: a step name, items done and the step's total. */
  progress?: (step: string, done: number, total: number) => void;
}

export interface DemoCounts {
  [resource: string]: number;
}

/** What the seed needs from the running app: in-process requests with a token. */
export interface DemoTarget {
  app: FastifyInstance;
  token: string;
  /** Clock of the app (dates are laid out around "now"). */
  now: Date;
  /** Time zone of the naive dates the API reads (default America/Sao_Paulo). */
  timeZone?: string;
  /** For the bulk part of `--size large` (the services' importMany methods). */
  services?: Services;
  auth?: Auth;
}

export class DemoSeedError extends Error {}

/** The coherent part, written through the API (both sizes); `large` adds a bulk part on top. */
export const SMALL = { technicians: 12, managers: 3, customers: 40 } as const;

const SEGMENTS = ['Residencial', 'Comercial', 'Industrial', 'Condomínios', 'Hospitais e clínicas', 'Órgãos públicos'];
const KEYWORDS = ['Urgente', 'Preventiva', 'Corretiva', 'Garantia', 'Contrato', 'Instalação', 'Vistoria', 'Retorno'];
const GROUPS = ['Clientes VIP', 'Contratos de manutenção', 'Rede de lojas'];
const TEAMS = ['Equipe Centro-Oeste', 'Equipe Sudeste', 'Equipe Sul', 'Equipe Nordeste'];
const JOBS = ['Técnico de campo', 'Técnico em refrigeração', 'Eletricista', 'Técnico de instalação'];

export class DemoContext {
  readonly faker: Faker;
  readonly rng: Rng;
  readonly ids: Record<string, number[]> = {};
  readonly counts: DemoCounts = {};
  /** GUID references (products, services, additional costs, ...), by kind. */
  readonly guids: Record<string, string[]> = {};
  /** Catalog price of each product, service and additional cost, by GUID. */
  readonly prices = new Map<string, number>();
  /** Where each customer is (tasks check in near it). */
  readonly places = new Map<number, { latitude: number; longitude: number; address: string }>();

  constructor(
    readonly target: DemoTarget,
    readonly opts: DemoOptions,
  ) {
    // An instance of its own (the shared fakerPT_BR would mix two seeds running at once).
    this.faker = new Faker({ locale: [pt_BR, en, base] });
    this.faker.seed(opts.seed);
    this.rng = { int: (min, max) => this.faker.number.int({ min, max }) };
  }

  pick<T>(list: readonly T[]): T {
    return list[this.rng.int(0, list.length - 1)];
  }

  /** Several distinct items of `list`. */
  some<T>(list: readonly T[], min: number, max: number): T[] {
    const n = Math.min(list.length, this.rng.int(min, max));
    return this.faker.helpers.arrayElements([...list], n);
  }

  async call<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<T> {
    // The seed is the server writing its own data, not a client: its in-process requests carry
    // the app's internal header, so the per-client rate limit does not throttle `serve --demo`.
    const res = await this.target.app.inject({
      method,
      url,
      headers: { ...this.target.app.internalHeaders(), authorization: `Bearer ${this.target.token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (res.statusCode >= 300) throw new DemoSeedError(`${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
    return (res.body ? res.json().result : undefined) as T;
  }

  get timeZone(): string {
    return this.target.timeZone ?? 'America/Sao_Paulo';
  }

  /** `instant` as the API's naive local date (yyyy-MM-ddTHH:mm:ss). */
  local(instant: Date): string {
    return formatLocal(instant, this.timeZone);
  }

  /** The instant of a naive local date. */
  instant(local: string): Date {
    const d = parseLocal(local, this.timeZone);
    if (!d) throw new DemoSeedError(`bad local date ${local}`);
    return d;
  }

  /** Local day `days` from today (negative: past) at hh:mm, as a naive local date. */
  day(days: number, hour: number, minute = 0): string {
    const date = this.local(new Date(this.target.now.getTime() + days * 86_400_000)).slice(0, 10);
    return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;
  }

  rememberGuid(kind: string, guid: string): void {
    if (!this.guids[kind]) this.guids[kind] = [];
    this.guids[kind].push(guid);
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  /** Keeps a GUID for later steps without counting it. */
  keepGuid(kind: string, guid: string): void {
    if (!this.guids[kind]) this.guids[kind] = [];
    this.guids[kind].push(guid);
  }

  /** Counts something written that later steps do not refer to. */
  tally(kind: string, n = 1): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + n;
  }

  /** Keeps an id for later steps without counting it. */
  keep(kind: string, id: number): void {
    if (!this.ids[kind]) this.ids[kind] = [];
    this.ids[kind].push(id);
  }

  remember(kind: string, id: number): void {
    if (!this.ids[kind]) this.ids[kind] = [];
    this.ids[kind].push(id);
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  step(name: string, done: number, total: number): void {
    this.opts.progress?.(name, done, total);
  }
}

export function street(ctx: DemoContext, city: City): string {
  const f = ctx.faker;
  return `${f.location.street()}, ${f.number.int({ min: 10, max: 3999 })} - ${f.location.county()}, ${city.name} - ${city.uf}, ${city.cep}${f.string.numeric(3)}-${f.string.numeric(3)}, Brasil`;
}

async function seedUsers(ctx: DemoContext): Promise<void> {
  const size = SMALL;
  const total = size.technicians + size.managers;
  for (let i = 0; i < total; i++) {
    const manager = i >= size.technicians;
    const city = ctx.pick(CITIES);
    const first = ctx.faker.person.firstName();
    const last = ctx.faker.person.lastName();
    const login = `${first}.${last}.${i}`
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\w.]/g, '')
      .toLowerCase();
    const base = near(ctx.rng, city, 6);
    const user = await ctx.call<{ userId: number }>('POST', '/v2/users/', {
      externalId: `RH-${String(i + 1).padStart(4, '0')}`,
      name: `${first} ${last}`,
      smartPhoneNumber: makeMobile(ctx.rng, city),
      culture: 'pt-BR',
      jobPosition: manager ? 'Supervisor de campo' : ctx.pick(JOBS),
      userType: manager ? 2 : 1,
      password: `demo-${ctx.opts.seed}`,
      login,
      email: `${login}@campo-demo.com.br`,
      workDaysOfWeek: [2, 3, 4, 5, 6],
      startWorkHour: '08:00:00',
      endWorkHour: '18:00:00',
      startLunchHour: '12:00:00',
      endLunchHour: '13:00:00',
      hourValue: ctx.rng.int(35, 90),
      address: street(ctx, city),
      latitude: base.latitude,
      longitude: base.longitude,
      gpsFrequency: 300,
      checkInManual: false,
      informStartTravel: true,
      editTaskAfterCheckout: manager,
      taskNotification: { checkIn: 2, checkout: 2, rescheduling: 3, travelStart: 2, researchAnswer: 1, delay: 3, taskDelete: 1 },
    });
    ctx.remember(manager ? 'managers' : 'technicians', user.userId);
    ctx.step('users', i + 1, total);
  }
}

async function seedCatalogOfCustomers(ctx: DemoContext): Promise<void> {
  for (const description of SEGMENTS)
    ctx.remember('segments', (await ctx.call<{ id: number }>('POST', '/v2/segments/', { description })).id);
  for (const description of KEYWORDS)
    ctx.remember('keywords', (await ctx.call<{ id: number }>('POST', '/v2/keywords/', { description })).id);
  const technicians = ctx.ids.technicians ?? [];
  const managers = ctx.ids.managers ?? [];
  for (let t = 0; t < TEAMS.length; t++) {
    const participants = technicians.filter((_, i) => i % TEAMS.length === t);
    const team = await ctx.call<{ id: number }>('POST', '/v2/teams/', {
      description: TEAMS[t],
      participants,
      managers: managers.length ? [managers[t % managers.length]] : [],
    });
    ctx.remember('teams', team.id);
  }
  ctx.step('segments, keywords and teams', 1, 1);
}

async function seedCustomers(ctx: DemoContext): Promise<void> {
  const total = SMALL.customers;
  for (let i = 0; i < total; i++) {
    const city = ctx.pick(CITIES);
    const company = ctx.rng.int(0, 9) < 7;
    const name = company ? ctx.faker.company.name() : ctx.faker.person.fullName();
    const point = near(ctx.rng, city);
    const contactName = ctx.faker.person.fullName();
    const body = {
      externalId: `CLI-${String(i + 1).padStart(5, '0')}`,
      name,
      cpfCnpj: company ? makeCnpj(ctx.rng) : makeCpf(ctx.rng),
      phoneNumber: [makeMobile(ctx.rng, city)],
      email: [`contato${i + 1}@${company ? 'empresa' : 'cliente'}-demo.com.br`],
      manager: contactName,
      managerJobPosition: company ? 'Gerente de manutenção' : 'Proprietário',
      note: company ? 'Atendimento em horário comercial.' : '',
      address: street(ctx, city),
      adressComplement: ctx.rng.int(0, 1) ? `Sala ${ctx.rng.int(1, 40)}` : '',
      latitude: point.latitude,
      longitude: point.longitude,
      maximumVisitTime: ctx.pick([30, 60, 90, 120]),
      unitMaximumTime: 1,
      segmentId: ctx.pick(ctx.ids.segments ?? [0]),
      managersId: ctx.ids.managers?.length ? [ctx.pick(ctx.ids.managers)] : [],
      managerTeamsId: ctx.ids.teams?.length ? [ctx.pick(ctx.ids.teams)] : [],
      contacts: [
        { name: contactName, email: `${i + 1}.contato@campo-demo.com.br`, jobPosition: 'Responsável', phone: makeMobile(ctx.rng, city) },
      ],
    };
    const customer = await ctx.call<{ id: number }>('POST', '/v2/customers/', body);
    ctx.remember('customers', customer.id);
    ctx.places.set(customer.id, { ...point, address: body.address });
    ctx.step('customers', i + 1, total);
  }
  const customers = ctx.ids.customers ?? [];
  for (let g = 0; g < GROUPS.length; g++) {
    const clientsId = customers.filter((_, i) => i % (GROUPS.length + 2) === g);
    ctx.remember(
      'customerGroups',
      (await ctx.call<{ id: number }>('POST', '/v2/customerGroups/', { description: GROUPS[g], clientsId })).id,
    );
  }
}

/** The steps, in dependency order. */
export const DEMO_STEPS: ((ctx: DemoContext) => Promise<void>)[] = [
  seedUsers,
  seedCatalogOfCustomers,
  seedCustomers,
  seedEquipment,
  seedProducts,
  seedTaskTypes,
  seedExpenses,
  seedTasks,
  seedQuotations,
  seedTickets,
  seedProjects,
  seedFinancial,
  // Last: nothing happens between their registration and their deletion.
  seedWebhooks,
  seedBulk,
];

export async function seedDemo(target: DemoTarget, opts: DemoOptions): Promise<DemoCounts> {
  const ctx = new DemoContext(target, opts);
  for (const step of DEMO_STEPS) await step(ctx);
  return ctx.counts;
}
