// The demo's commercial side: quotations with items and stages, tickets with statuses,
// interactions and linked tasks, projects (service orders) with visits, and webhooks left
// inactive (registered, then deleted: no delivery ever leaves the machine).
import type { DemoContext } from './demo.js';

const STAGES: { description: string; changeStock?: boolean; isCancelled?: boolean; editAllowed?: boolean }[] = [
  { description: 'Em elaboração' },
  { description: 'Enviado ao cliente' },
  { description: 'Em negociação' },
  { description: 'Aprovado', changeStock: true, editAllowed: false },
  { description: 'Recusado', isCancelled: true, editAllowed: false },
];

const QUOTATION_NOTES = [
  'Proposta válida por 15 dias. Pagamento em até 3x no boleto.',
  'Inclui garantia de 90 dias sobre a mão de obra.',
  'Valores sujeitos a disponibilidade de estoque.',
  '',
];

/** [description, statusType] (1 Normal, 2 Abertura, 3 Pausa, 4 Cancelamento, 5 Encerramento, 6/7 Aguardando). */
const TICKET_STATUSES: [string, number][] = [
  ['Aguardando atendimento', 2],
  ['Em atendimento', 1],
  ['Aguardando cliente', 7],
  ['Aguardando peça', 3],
  ['Resolvido', 5],
  ['Cancelado', 4],
];

const REQUEST_TYPES = ['Suporte técnico', 'Manutenção corretiva', 'Instalação', 'Solicitação de orçamento', 'Reclamação'];

const TICKETS: [string, string][] = [
  ['Ar-condicionado da recepção não gela', 'O equipamento liga, mas não resfria desde ontem à tarde.'],
  ['Goteira na evaporadora', 'Água pingando sobre a mesa de atendimento.'],
  ['Gerador não partiu no teste semanal', 'Alarme de bateria fraca no painel.'],
  ['Orçamento para nova sala', 'Precisamos climatizar a nova sala de treinamento (40 m²).'],
  ['Câmara fria com temperatura alta', 'Termômetro marcando 8 °C pela manhã.'],
  ['Ruído forte na condensadora', 'Barulho metálico ao ligar o compressor.'],
  ['Troca de filtros do contrato', 'Agendar a troca trimestral prevista no contrato.'],
  ['Nobreak apitando', 'O nobreak do CPD apita a cada 30 segundos.'],
  ['Instalação de split no escritório', 'Instalar o equipamento comprado na semana passada.'],
  ['Atraso no atendimento', 'O técnico não compareceu no horário combinado.'],
  ['Controle remoto com defeito', 'Solicitamos um controle novo para o split da diretoria.'],
  ['Vazamento de óleo no gerador', 'Mancha de óleo embaixo do equipamento.'],
];

const INTERACTIONS = [
  'Chamado recebido, já estamos verificando a agenda dos técnicos.',
  'Técnico agendado. Por favor, confirme o acesso ao local.',
  'Cliente confirmou o acesso para o horário combinado.',
  'Serviço executado, aguardando a confirmação do cliente.',
  'Peça solicitada ao fornecedor, prazo de 5 dias úteis.',
];

export async function seedQuotations(ctx: DemoContext): Promise<void> {
  for (const s of STAGES) ctx.remember('quotationStages', (await ctx.call<{ id: number }>('POST', '/v2/quotationStages/', s)).id);
  const customers = ctx.ids.customers ?? [];
  const products = ctx.ids.products ?? [];
  const services = ctx.guids.services ?? [];
  const costs = ctx.ids.additionalCostCodes ?? [];
  const managers = ctx.ids.managers ?? [];
  const total = 14;
  for (let i = 0; i < total; i++) {
    const customerId = customers[(i * 7) % customers.length];
    const linked = ctx.ids[`tasksOf:${customerId}`] ?? [];
    const contact = ctx.faker.person.fullName();
    const q = await ctx.call<{ publicId: number }>('POST', '/v2/quotations/', {
      customerId,
      requesterUserId: managers.length ? managers[i % managers.length] : undefined,
      taskID: linked.length && i % 3 === 0 ? linked[0] : 0,
      observations: ctx.pick(QUOTATION_NOTES),
      requestDate: ctx.day(-ctx.rng.int(0, 40), ctx.rng.int(8, 17), ctx.pick([0, 30])),
      currentStageId: ctx.ids.quotationStages[i % STAGES.length],
      discountType: i % 4 === 0 ? 1 : 0,
      descount: i % 4 === 0 ? ctx.pick([5, 10]) : ctx.pick([0, 0, 50, 100]),
      products: ctx.some(products, 1, 3).map((productId) => ({ productId, amout: ctx.rng.int(1, 4) })),
      services: ctx.some(services, 1, 2).map((serviceId) => ({ serviceId, quantity: ctx.rng.int(1, 3) })),
      aditionalCosts: costs.length && i % 2 === 0 ? [{ costId: costs[0], description: 'Deslocamento até o cliente' }] : [],
      contacts: [
        {
          name: contact,
          job: 'Compras',
          email: `compras${i + 1}@cliente-demo.com.br`,
          phoneNumber: `5562${ctx.rng.int(30000000, 39999999)}`,
        },
      ],
    });
    ctx.remember('quotations', q.publicId);
    ctx.step('quotations', i + 1, total);
  }
}

export async function seedTickets(ctx: DemoContext): Promise<void> {
  for (const [description, statusType] of TICKET_STATUSES)
    ctx.remember('ticketStatuses', (await ctx.call<{ id: number }>('POST', '/v2/ticketStatuses/', { description, statusType })).id);
  for (const description of REQUEST_TYPES)
    ctx.remember('ticketRequestTypes', (await ctx.call<{ id: number }>('POST', '/v2/ticketRequestTypes/', { description })).id);
  const contract = await ctx.call<{ id: number }>('POST', '/v2/ticketCustomFields/', {
    title: 'Número do contrato',
    fieldType: 'Texto',
    fieldVisibility: 'Interno',
    description: 'Contrato de manutenção do cliente, quando houver',
  });
  const channel = await ctx.call<{ id: number; multipleChoiceItems: { id: number }[] }>('POST', '/v2/ticketCustomFields/', {
    title: 'Canal de abertura',
    fieldType: 'Múltipla escolha',
    fieldVisibility: 'Todos',
    multipleChoiceItems: [{ description: 'Telefone' }, { description: 'WhatsApp' }, { description: 'E-mail' }, { description: 'Portal' }],
  });
  ctx.remember('ticketCustomFields', contract.id);
  ctx.remember('ticketCustomFields', channel.id);

  const customers = ctx.ids.customers ?? [];
  const technicians = ctx.ids.technicians ?? [];
  const teams = ctx.ids.teams ?? [];
  const statuses = ctx.ids.ticketStatuses;
  for (const [i, [title, description]] of TICKETS.entries()) {
    const customerId = customers[(i * 5 + 1) % customers.length];
    const tasks = ctx.ids[`tasksOf:${customerId}`] ?? [];
    const requesterName = ctx.faker.person.fullName();
    const t = await ctx.call<{ id: number }>('POST', '/v2/tickets/', {
      title,
      description,
      priority: ctx.pick([1, 2, 2, 3]),
      requesterEmail: `solicitante${i + 1}@cliente-demo.com.br`,
      requesterName,
      requestTypeId: ctx.pick(ctx.ids.ticketRequestTypes),
      customerId,
      teamId: teams.length ? teams[i % teams.length] : 0,
      userResponsableId: technicians.length ? technicians[i % technicians.length] : 0,
      origin: ctx.pick([1, 2, 3]),
      customFields: [
        { customFieldTicket: { id: contract.id }, value: `CT-${2024 + (i % 3)}/${String(i + 11).padStart(4, '0')}` },
        { customFieldTicket: { id: channel.id }, value: String(ctx.pick(channel.multipleChoiceItems).id) },
      ],
      ...(tasks.length ? { taskIDs: tasks.slice(0, 2) } : {}),
    });
    ctx.remember('tickets', t.id);
    // The conversation, then the status it reached.
    const steps = i % 6;
    for (let k = 0; k < Math.min(steps, INTERACTIONS.length); k++) {
      await ctx.call('POST', `/v2/tickets/${t.id}/interactions`, {
        message: INTERACTIONS[k],
        title: k === 0 ? 'Atendimento' : '',
        interactionType: 'Interno',
      });
      ctx.tally('ticketInteractions');
    }
    const status = [statuses[0], statuses[1], statuses[2], statuses[3], statuses[4], statuses[5]][steps];
    if (steps > 0) {
      if (steps >= 4) await ctx.call('PATCH', `/v2/tickets/${t.id}`, [{ op: 'replace', path: 'statusId', value: statuses[1] }]);
      await ctx.call('PATCH', `/v2/tickets/${t.id}`, [{ op: 'replace', path: 'statusId', value: status }]);
    }
    ctx.step('tickets', i + 1, TICKETS.length);
  }
}

export async function seedProjects(ctx: DemoContext): Promise<void> {
  for (const description of ['Planejado', 'Em andamento', 'Concluído'])
    ctx.rememberGuid('serviceOrderStatuses', (await ctx.call<{ id: string }>('POST', '/v2/serviceOrderStatuses/', { description })).id);
  const statuses = (ctx.guids.serviceOrderStatuses ?? []).map((id) => ({ id }));
  const customers = ctx.ids.customers ?? [];
  const technicians = ctx.ids.technicians ?? [];
  const taskTypes = ctx.ids.taskTypes ?? [];
  const questionnaires = ctx.ids.questionnaires ?? [];
  // A maintenance contract: monthly PMOC visits created by the recurrence.
  for (let k = 0; k < 2; k++) {
    const customerId = customers[k + 2];
    const p = await ctx.call<{ projectCode: number }>('POST', '/v2/serviceorders/', {
      externalId: `CONTRATO-${2026 + k}-${String(k + 1).padStart(3, '0')}`,
      customerId,
      description: `Contrato PMOC ${k === 0 ? 'anual' : 'semestral'}`,
      statusId: statuses[1]?.id ?? '',
      taskTypeId: taskTypes[0],
      defaultQuestionnaireId: questionnaires[0] ?? 0,
      defaultResponsibleId: technicians[k],
      priority: 2,
      keywords: (ctx.ids.keywords ?? []).slice(4, 5),
      equipments: (ctx.ids[`equipmentsOf:${customerId}`] ?? []).slice(0, 2),
      startDate: ctx.day(-10, 0).slice(0, 10),
      endDate: ctx.day(k === 0 ? 355 : 170, 0).slice(0, 10),
      discountType: 1,
      discountValue: 10,
      recurrence: {
        frequency: 'monthly',
        occurrences: k === 0 ? 12 : 6,
        taskDate: ctx.day(5 + k, 9),
        idUserTo: technicians[k],
        orientation: 'Visita mensal do plano de manutenção (PMOC).',
      },
    });
    ctx.remember('serviceOrders', p.projectCode);
    ctx.tally('projectVisits', k === 0 ? 12 : 6);
  }
  // Projects grouping visits already scheduled or done for a customer.
  let made = 0;
  for (const customerId of customers) {
    const tasks = ctx.ids[`tasksOf:${customerId}`] ?? [];
    if (tasks.length < 2 || made >= 3) continue;
    const p = await ctx.call<{ projectCode: number }>('POST', '/v2/serviceorders/', {
      externalId: `PROJ-${String(++made).padStart(3, '0')}`,
      customerId,
      description: ctx.pick(['Retrofit da climatização', 'Adequação elétrica', 'Ampliação do sistema de refrigeração']),
      statusId: statuses[made % statuses.length]?.id ?? '',
      priority: ctx.pick([1, 2, 3]),
      startDate: ctx.day(-45, 0).slice(0, 10),
      endDate: ctx.day(30, 0).slice(0, 10),
      tasks,
    });
    ctx.remember('serviceOrders', p.projectCode);
  }
  ctx.step('service orders', 1, 1);
}

export async function seedWebhooks(ctx: DemoContext): Promise<void> {
  // Registered and deleted at once: GET /v2/webHooks lists them with active false, and the
  // deletion cancels anything pending, so nothing is ever sent.
  const hooks = [
    { entity: 'Task', action: 'Alteracao', targetUrl: 'https://erp.campo-demo.com.br/webhooks/auvo/tarefas' },
    { entity: 'Customer', action: 'Inclusao', targetUrl: 'https://erp.campo-demo.com.br/webhooks/auvo/clientes' },
  ];
  for (const h of hooks) {
    const w = await ctx.call<{ id: number }>('POST', '/v2/webHooks/', { ...h, active: false });
    await ctx.call('DELETE', `/v2/webHooks/${w.id}`);
    ctx.remember('webhooks', w.id);
  }
  ctx.step('webhooks (inactive)', 1, 1);
}
