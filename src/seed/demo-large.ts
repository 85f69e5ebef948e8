// `--size large`: on top of the coherent demo (written through the API), a bulk load for
// benchmarks: 1,000,000 tasks by default, with one customer per 20 tasks and one technician
// per 625 tasks (plus a manager per 16 technicians). The bulk goes through the services'
// importMany methods (batched transactions, references checked once per batch, no change
// events for the tasks), not through HTTP, so it is fast enough to rebuild a bench store.
import type { CustomerCreate } from '../modules/customers/customers.schema.js';
import type { TaskCreate } from '../modules/tasks/tasks.schema.js';
import type { UserCreate } from '../modules/users/users.schema.js';
import { CITIES, makeCnpj, makeCpf, makeMobile, near, type Rng } from './brazil.js';
import { type DemoContext, DemoSeedError } from './demo.js';

export const LARGE_TASKS = 1_000_000;

/** Sizes of the bulk part for `tasks` tasks. */
export function bulkSizes(tasks: number): { tasks: number; customers: number; technicians: number; managers: number } {
  const technicians = Math.max(1, Math.ceil(tasks / 625));
  return { tasks, customers: Math.max(1, Math.ceil(tasks / 20)), technicians, managers: Math.max(1, Math.ceil(technicians / 16)) };
}

/** A small, fast seeded generator (mulberry32): the bulk part draws millions of numbers. */
function fastRng(seed: number): Rng {
  let a = (seed ^ 0x9e3779b9) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

const USER_BATCH = 500;
const CUSTOMER_BATCH = 2_000;
const TASK_BATCH = 5_000;

const ORIENTATIONS = [
  'Manutenção preventiva conforme contrato.',
  'Atendimento de chamado: equipamento não liga.',
  'Limpeza de filtros e verificação geral.',
  'Instalação de equipamento novo.',
  'Vistoria para orçamento.',
];

export async function seedBulk(ctx: DemoContext): Promise<void> {
  if (ctx.opts.size !== 'large') return;
  const { services, auth } = ctx.target;
  if (!services || !auth) throw new DemoSeedError('the large demo needs the services and the account (DemoTarget.services, auth)');
  const size = bulkSizes(ctx.opts.largeTasks ?? LARGE_TASKS);
  const rng = fastRng(ctx.opts.seed);
  const pick = <T>(list: readonly T[]): T => list[rng.int(0, list.length - 1)];

  // Users: technicians and their managers, one password hash for all.
  const usersTotal = size.technicians + size.managers;
  const technicians: number[] = [];
  const managers: number[] = [];
  for (let from = 0; from < usersTotal; from += USER_BATCH) {
    const batch: UserCreate[] = [];
    for (let i = from; i < Math.min(usersTotal, from + USER_BATCH); i++) {
      const manager = i >= size.technicians;
      const city = pick(CITIES);
      const base = near(rng, city, 6);
      const login = `${manager ? 'supervisor' : 'tecnico'}.lote.${i + 1}`;
      batch.push({
        externalId: `RH-L-${String(i + 1).padStart(6, '0')}`,
        name: `${manager ? 'Supervisor' : 'Técnico'} ${i + 1} (${city.name})`,
        smartPhoneNumber: makeMobile(rng, city),
        culture: 'pt-BR',
        jobPosition: manager ? 'Supervisor de campo' : 'Técnico de campo',
        userType: manager ? 2 : 1,
        password: `demo-${ctx.opts.seed}`,
        login,
        email: `${login}@campo-demo.com.br`,
        latitude: base.latitude,
        longitude: base.longitude,
      } as UserCreate);
    }
    const ids = await services.users.importMany(auth, batch);
    for (const [k, id] of ids.entries()) (from + k >= size.technicians ? managers : technicians).push(id);
    ctx.step('bulk users', Math.min(usersTotal, from + USER_BATCH), usersTotal);
  }
  ctx.counts.technicians = (ctx.counts.technicians ?? 0) + technicians.length;
  ctx.counts.managers = (ctx.counts.managers ?? 0) + managers.length;

  // Customers, remembered with their place (tasks carry the customer's address).
  const segments = ctx.ids.segments ?? [];
  const customers: { id: number; latitude: number; longitude: number; address: string }[] = [];
  for (let from = 0; from < size.customers; from += CUSTOMER_BATCH) {
    const batch: CustomerCreate[] = [];
    const places: { latitude: number; longitude: number; address: string }[] = [];
    for (let i = from; i < Math.min(size.customers, from + CUSTOMER_BATCH); i++) {
      const city = pick(CITIES);
      const company = rng.int(0, 9) < 7;
      const point = near(rng, city);
      const address = `Rua ${rng.int(1, 300)}, ${rng.int(10, 3999)}, ${city.name} - ${city.uf}, Brasil`;
      places.push({ ...point, address });
      batch.push({
        externalId: `CLI-L-${String(i + 1).padStart(7, '0')}`,
        name: company ? `Empresa ${i + 1} Ltda` : `Cliente ${i + 1}`,
        cpfCnpj: company ? makeCnpj(rng) : makeCpf(rng),
        phoneNumber: [makeMobile(rng, city)],
        email: [`contato${i + 1}@lote-demo.com.br`],
        address,
        latitude: point.latitude,
        longitude: point.longitude,
        ...(segments.length ? { segmentId: pick(segments) } : {}),
      } as CustomerCreate);
    }
    const ids = await services.customers.importMany(auth, batch);
    for (const [k, id] of ids.entries()) customers.push({ id, ...places[k] });
    ctx.step('bulk customers', Math.min(size.customers, from + CUSTOMER_BATCH), size.customers);
  }
  ctx.counts.customers = (ctx.counts.customers ?? 0) + customers.length;

  // Tasks over the last year and the next two months; opened (the bulk has no field history).
  const taskTypes = ctx.ids.taskTypes ?? [];
  const nowMs = ctx.target.now.getTime();
  let done = 0;
  for (let from = 0; from < size.tasks; from += TASK_BATCH) {
    const batch: TaskCreate[] = [];
    for (let i = from; i < Math.min(size.tasks, from + TASK_BATCH); i++) {
      const t = rng.int(0, technicians.length - 1);
      const c = customers[rng.int(0, customers.length - 1)];
      const when = new Date(nowMs + rng.int(-365, 60) * 86_400_000);
      batch.push({
        externalId: `OS-L-${String(i + 1).padStart(7, '0')}`,
        taskType: taskTypes.length ? pick(taskTypes) : 0,
        idUserFrom: managers[t % managers.length],
        idUserTo: technicians[t],
        taskDate: `${ctx.local(when).slice(0, 10)}T${String(rng.int(8, 17)).padStart(2, '0')}:${rng.int(0, 1) ? '30' : '00'}:00`,
        customerId: c.id,
        address: c.address,
        latitude: c.latitude,
        longitude: c.longitude,
        orientation: pick(ORIENTATIONS),
        priority: rng.int(1, 3),
      });
    }
    const ids = await services.tasks.importMany(auth, batch, { recordChanges: false });
    done += ids.length;
    ctx.step('bulk tasks', done, size.tasks);
  }
  ctx.counts.tasks = (ctx.counts.tasks ?? 0) + done;
}
