// The demo tasks: spread over past, present and future dates (relative to the app clock), in
// every status, driven through the technician simulator (/campo/v1/...): travel, check-in and
// check-out near the customer with GPS positions, questionnaire answers, reports, signatures,
// products used, pauses, pendencies and satisfaction-survey answers.
import type { DemoContext } from './demo.js';

/** A 1x1 PNG: the signature image (the store only needs a real image). */
const SIGNATURE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

type Scenario =
  | 'auto' // checked out and finished automatically
  | 'autoPaused' // paused and resumed, then finished automatically
  | 'manual' // checked out without finishing, finished from the back office
  | 'pendency' // finished with a pendency
  | 'checkedOut' // checked out, not finished
  | 'late' // never started
  | 'travel' // in displacement now
  | 'checkedIn' // being executed now
  | 'paused' // paused now
  | 'opened' // waiting
  | 'delivered'; // on the technician's phone, opened

const ORIENTATIONS: Record<string, string[]> = {
  'Manutenção preventiva': [
    'Executar a manutenção preventiva mensal conforme o PMOC.',
    'Limpeza de filtros e verificação geral dos equipamentos.',
  ],
  'Manutenção corretiva': ['Equipamento não gela, cliente relata ruído na condensadora.', 'Disjuntor desarma ao ligar o equipamento.'],
  Instalação: ['Instalar equipamento novo na sala de reuniões.', 'Instalação com infraestrutura já preparada pelo cliente.'],
  'Vistoria técnica': ['Vistoria para orçamento de substituição.', 'Avaliar o local para nova instalação.'],
  'Entrega de peças': ['Entregar as peças do orçamento aprovado.', 'Levar filtro e capacitor para troca.'],
};

const REPORTS = [
  'Serviço executado conforme o procedimento. Equipamento operando normalmente.',
  'Limpeza realizada, filtros substituídos e carga de gás verificada.',
  'Falha identificada no capacitor; peça substituída e teste de funcionamento realizado.',
  'Equipamento testado em carga por 30 minutos sem alarmes.',
];

const PENDENCIES = [
  'Aguardando compressor do fornecedor para concluir o reparo.',
  'Cliente precisa liberar acesso à cobertura para a próxima visita.',
  'Necessário orçamento para troca da placa eletrônica.',
];

const SURVEY = [
  ['Como você avalia o atendimento do técnico?', ['Excelente', 'Muito bom', 'Bom']],
  ['O problema foi resolvido?', ['Sim', 'Sim, totalmente', 'Parcialmente']],
  ['Recomendaria nossos serviços?', ['Sim', 'Com certeza']],
] as const;

function plan(): { scenario: Scenario; days: number }[] {
  const out: { scenario: Scenario; days: number }[] = [];
  // Past: the last six weeks, mostly finished.
  const past: Scenario[] = ['auto', 'auto', 'manual', 'auto', 'pendency', 'autoPaused', 'auto', 'checkedOut', 'auto', 'late'];
  for (let i = 0; i < 40; i++) out.push({ scenario: past[i % past.length], days: -1 - Math.floor((i * 42) / 40) });
  // Today.
  for (const scenario of ['auto', 'travel', 'checkedIn', 'checkedIn', 'paused', 'opened', 'delivered', 'travel'] as Scenario[])
    out.push({ scenario, days: 0 });
  // Future: the next four weeks.
  for (let i = 0; i < 24; i++) out.push({ scenario: i % 3 === 0 ? 'delivered' : 'opened', days: 1 + Math.floor((i * 28) / 24) });
  return out;
}

interface TaskDto {
  taskID: number;
  questionnaires?: unknown[];
}

const MINUTE = 60_000;

function reply(ctx: DemoContext, question: string): string {
  if (/\((psi|m)\)/.test(question)) return String(ctx.rng.int(question.includes('psi') ? 110 : 2, question.includes('psi') ? 135 : 12));
  if (question.endsWith('?')) return ctx.rng.int(0, 5) === 0 ? 'Não' : 'Sim';
  return ctx.pick(['Sem observações.', 'Equipamento em bom estado.', 'Recomendada troca do filtro na próxima visita.']);
}

export async function seedTasks(ctx: DemoContext): Promise<void> {
  const technicians = ctx.ids.technicians ?? [];
  const managers = ctx.ids.managers ?? [];
  const customers = ctx.ids.customers ?? [];
  const taskTypes = ctx.ids.taskTypes ?? [];
  const typeNames = Object.keys(ORIENTATIONS);
  const products = ctx.guids.productGuids ?? [];
  const services = ctx.guids.services ?? [];
  const costs = ctx.guids.additionalCosts ?? [];
  const keywords = ctx.ids.keywords ?? [];
  const teams = ctx.ids.teams ?? [];
  const now = ctx.target.now;
  const scenarios = plan();
  const total = scenarios.length;

  const post = <T = TaskDto>(id: number, path: string, body: unknown) => ctx.call<T>('POST', `/campo/v1/tasks/${id}/${path}`, body);

  for (const [n, { scenario, days }] of scenarios.entries()) {
    const techIndex = ctx.rng.int(0, technicians.length - 1);
    const technician = technicians[techIndex];
    const customerId = ctx.pick(customers);
    const place = ctx.places.get(customerId) ?? { latitude: -16.6869, longitude: -49.2648, address: '' };
    const typeIndex = ctx.rng.int(0, taskTypes.length - 1);
    const taskType = taskTypes[typeIndex];
    const [questionnaireId, sendSurvey, signature] = ctx.ids[`taskTypeInfo:${taskType}`] ?? [0, 0, 0];
    // Task date: past and future days at office hours; today's around now.
    let taskDate: string;
    if (days !== 0) taskDate = ctx.day(days, ctx.rng.int(8, 16), ctx.pick([0, 30]));
    else {
      const offset = { auto: -300, travel: 20, checkedIn: -90, paused: -150, opened: 180, delivered: 240 }[scenario as string] ?? 60;
      const quarter = 15 * MINUTE;
      taskDate = ctx.local(new Date(Math.floor((now.getTime() + offset * MINUTE) / quarter) * quarter));
    }
    const start = ctx.instant(taskDate);
    const equipments = ctx.ids[`equipmentsOf:${customerId}`] ?? [];
    const stock = ctx.ids[`stockOf:${technician}`] ?? [];
    const service = services.length ? ctx.pick(services) : '';
    const product = products.length ? ctx.pick(products) : '';
    const price = (guid: string) => ctx.prices.get(guid) ?? 0;
    const body: Record<string, unknown> = {
      externalId: `OS-${String(n + 1).padStart(6, '0')}`,
      taskType,
      idUserFrom: managers.length ? managers[techIndex % managers.length] : technician,
      idUserTo: technician,
      teamId: teams.length ? teams[techIndex % teams.length] : 0,
      taskDate,
      customerId,
      orientation: ctx.pick(ORIENTATIONS[typeNames[typeIndex]] ?? ['Atendimento técnico.']),
      priority: ctx.pick([1, 2, 2, 3]),
      questionnaireId: questionnaireId || undefined,
      checkinType: 1,
      keyWords: ctx.some(keywords, 0, 2),
      sendSatisfactionSurvey: sendSurvey === 1,
      equipmentsId: ctx.some(equipments, 0, 2),
      taskServices: service ? [{ ServiceId: service, Quantity: ctx.rng.int(1, 2), Value: price(service) }] : [],
      taskAdditionalCosts:
        costs.length && ctx.rng.int(0, 2) === 0 ? [{ AdditionalCostId: costs[0], Quantity: 1, Value: price(costs[0]) }] : [],
      taskProducts:
        product && ctx.rng.int(0, 3) === 0
          ? [
              {
                ProductId: product,
                Quantity: ctx.rng.int(1, 3),
                Value: price(product),
                DiscountType: 1,
                DiscountValue: ctx.pick([0, 5, 10]),
              },
            ]
          : [],
      ...(ctx.rng.int(0, 4) === 0 ? { taskDiscount: { type: 0, value: ctx.pick([20, 50]) } } : {}),
    };
    const task = await ctx.call<TaskDto>('POST', '/v2/tasks/', body);
    const id = task.taskID;
    ctx.remember('tasks', id);
    ctx.keep(`tasksOf:${customerId}`, id);
    ctx.keep(`tasks:${scenario}`, id);

    const at = (d: Date) => ctx.local(d);
    const near = (metres: number) => ({
      latitude: Number((place.latitude + ctx.rng.int(-metres, metres) / 111_000).toFixed(6)),
      longitude: Number((place.longitude + ctx.rng.int(-metres, metres) / 111_000).toFixed(6)),
    });
    const battery = () => ctx.rng.int(25, 100);

    if (scenario === 'opened' || scenario === 'late') {
      ctx.step('tasks', n + 1, total);
      continue;
    }
    if (scenario === 'delivered') {
      const when = new Date(Math.min(now.getTime(), start.getTime()) - ctx.rng.int(30, 600) * MINUTE);
      await post(id, 'delivered', { date: at(when) });
      await post(id, 'visualized', { date: at(new Date(when.getTime() + ctx.rng.int(1, 20) * MINUTE)) });
      ctx.step('tasks', n + 1, total);
      continue;
    }
    // Travel: a GPS track from a few kilometres away to the customer.
    const travel = new Date(start.getTime() - ctx.rng.int(20, 45) * MINUTE);
    await post(id, 'travel-start', { date: at(travel) });
    const from = near(4000);
    for (let k = 1; k <= 3; k++) {
      const f = k / 4;
      const when = new Date(travel.getTime() + k * 5 * MINUTE);
      if (when.getTime() > now.getTime()) break;
      await ctx.call('POST', '/campo/v1/gps', {
        userId: technician,
        latitude: Number((from.latitude + (place.latitude - from.latitude) * f).toFixed(6)),
        longitude: Number((from.longitude + (place.longitude - from.longitude) * f).toFixed(6)),
        positionDate: at(when),
        accuracy: ctx.rng.int(5, 30),
        batteryLevel: battery(),
        networkOperatorName: ctx.pick(['VIVO', 'CLARO', 'TIM']),
      });
      ctx.tally('gpsPositions');
    }
    if (scenario === 'travel') {
      ctx.step('tasks', n + 1, total);
      continue;
    }
    const checkIn = new Date(start.getTime() + ctx.rng.int(-5, 15) * MINUTE);
    await post(id, 'check-in', { ...near(60), accuracy: ctx.rng.int(5, 20), batteryLevel: battery(), date: at(checkIn) });
    // What the technician fills in while on site.
    if (questionnaireId) {
      const questions = ctx.ids[`questionsOf:${questionnaireId}`] ?? [];
      const descriptions = ctx.guids[`questionTextsOf:${questionnaireId}`] ?? [];
      const answers = questions
        .slice(0, scenario === 'checkedIn' ? 2 : questions.length)
        .map((questionId, i) => ({ questionId, reply: reply(ctx, descriptions[i] ?? '?') }));
      if (answers.length) await post(id, 'answers', { answers });
    }
    await post(id, 'km', { km: ctx.rng.int(3, 60) + ctx.rng.int(0, 9) / 10 });
    if (scenario === 'checkedIn') {
      ctx.step('tasks', n + 1, total);
      continue;
    }
    if (scenario === 'paused') {
      await post(id, 'pause', { date: at(new Date(Math.min(now.getTime() - 5 * MINUTE, checkIn.getTime() + 40 * MINUTE))) });
      ctx.step('tasks', n + 1, total);
      continue;
    }
    let end = new Date(checkIn.getTime() + ctx.rng.int(40, 150) * MINUTE);
    if (scenario === 'autoPaused') {
      const pause = new Date(checkIn.getTime() + 30 * MINUTE);
      await post(id, 'pause', { date: at(pause) });
      await post(id, 'resume', { date: at(new Date(pause.getTime() + 60 * MINUTE)) });
      end = new Date(end.getTime() + 60 * MINUTE);
    }
    if (end.getTime() > now.getTime()) end = new Date(now.getTime() - MINUTE);
    await post(id, 'report', { report: ctx.pick(REPORTS) });
    if (scenario === 'pendency') await post(id, 'pendency', { pendency: ctx.pick(PENDENCIES) });
    const held = stock.filter((i) => i < products.length);
    if (held.length && ctx.rng.int(0, 1) === 0) {
      await post(id, 'products', { products: [{ productId: products[ctx.pick(held)], quantity: 1 }] });
    }
    if (signature) {
      await post(id, 'signature', {
        name: ctx.faker.person.fullName(),
        document: String(ctx.rng.int(10_000_000, 99_999_999)),
        image: `data:image/png;base64,${SIGNATURE_PNG}`,
      });
    }
    const finish = scenario === 'auto' || scenario === 'autoPaused' || scenario === 'pendency';
    await post(id, 'check-out', { ...near(60), accuracy: ctx.rng.int(5, 20), batteryLevel: battery(), date: at(end), finish });
    if (scenario === 'manual') {
      await post(id, 'finish', { date: at(new Date(Math.min(now.getTime(), end.getTime() + 90 * MINUTE))) });
    }
    if ((finish || scenario === 'manual') && sendSurvey && ctx.rng.int(0, 3) !== 0) {
      await ctx.call('POST', `/campo/v1/tasks/${id}/satisfaction-survey`, {
        email: `cliente${customerId}@cliente-demo.com.br`,
        answers: SURVEY.map(([question, answers]) => ({ question, answer: ctx.pick(answers), score: ctx.rng.int(7, 10) })),
      });
      ctx.tally('surveyAnswers');
    }
    ctx.step('tasks', n + 1, total);
  }

  // Two tasks cancelled by the customer: deleted (GET /v2/tasks/getdeletedtasks lists them).
  for (let k = 0; k < 2; k++) {
    const customerId = customers[k];
    const t = await ctx.call<TaskDto>('POST', '/v2/tasks/', {
      externalId: `OS-CANC-${k + 1}`,
      taskType: taskTypes[0],
      idUserFrom: managers[0] ?? technicians[0],
      idUserTo: technicians[k],
      taskDate: ctx.day(3 + k, 10),
      customerId,
      orientation: 'Visita cancelada pelo cliente.',
      priority: 1,
    });
    await ctx.call('DELETE', `/v2/tasks/${t.taskID}`);
    ctx.remember('deletedTasks', t.taskID);
  }
}
