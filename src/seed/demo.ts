// The demo data set: a coherent, deterministic pt-BR field-service company, written through
// the API itself (so every rule and change event applies). Same seed and clock, same data.
import { type Faker, fakerPT_BR } from '@faker-js/faker';
import type { FastifyInstance } from 'fastify';
import { CITIES, type City, makeCnpj, makeCpf, makeMobile, near, type Rng } from './brazil.js';

export type DemoSize = 'small' | 'large';

export interface DemoOptions {
  seed: number;
  size: DemoSize;
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
}

export class DemoSeedError extends Error {}

const SIZES = {
  small: { technicians: 12, managers: 3, customers: 40 },
  large: { technicians: 1_500, managers: 100, customers: 50_000 },
} as const;

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

  constructor(
    readonly target: DemoTarget,
    readonly opts: DemoOptions,
  ) {
    this.faker = fakerPT_BR;
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
    const res = await this.target.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${this.target.token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (res.statusCode >= 300) throw new DemoSeedError(`${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
    return (res.body ? res.json().result : undefined) as T;
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

function street(ctx: DemoContext, city: City): string {
  const f = ctx.faker;
  return `${f.location.street()}, ${f.number.int({ min: 10, max: 3999 })} - ${f.location.county()}, ${city.name} - ${city.uf}, ${city.cep}${f.string.numeric(3)}-${f.string.numeric(3)}, Brasil`;
}

async function seedUsers(ctx: DemoContext): Promise<void> {
  const size = SIZES[ctx.opts.size];
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
  const total = SIZES[ctx.opts.size].customers;
  for (let i = 0; i < total; i++) {
    const city = ctx.pick(CITIES);
    const company = ctx.rng.int(0, 9) < 7;
    const name = company ? ctx.faker.company.name() : ctx.faker.person.fullName();
    const point = near(ctx.rng, city);
    const contactName = ctx.faker.person.fullName();
    const customer = await ctx.call<{ id: number }>('POST', '/v2/customers/', {
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
    });
    ctx.remember('customers', customer.id);
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
export const DEMO_STEPS: ((ctx: DemoContext) => Promise<void>)[] = [seedUsers, seedCatalogOfCustomers, seedCustomers];

export async function seedDemo(target: DemoTarget, opts: DemoOptions): Promise<DemoCounts> {
  const ctx = new DemoContext(target, opts);
  for (const step of DEMO_STEPS) await step(ctx);
  return ctx.counts;
}
