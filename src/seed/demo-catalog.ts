// The demo catalog: equipment (with categories, specifications, parents and warranties),
// products with stock per technician, services, additional costs, questionnaires, task types
// and expenses. Written through the API, like the rest of the demo.
import type { DemoContext } from './demo.js';

/** pt-BR money text, as an Auvo back office sends it: 1234.5 -> "1.234,50". */
export function brl(value: number): string {
  const [int, dec] = value.toFixed(2).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${dec}`;
}

const EQUIPMENT_CATEGORIES = ['Ar-condicionado', 'Refrigeração comercial', 'Geradores', 'Nobreaks', 'Bombas e motores'];

interface EquipmentModel {
  category: number;
  name: string;
  brands: string[];
  specs: [string, string[]][];
  /** Parts installed under it (child equipments). */
  parts?: string[];
}

const EQUIPMENT_MODELS: EquipmentModel[] = [
  {
    category: 0,
    name: 'Split hi-wall',
    brands: ['Daikin', 'Midea', 'LG', 'Samsung', 'Fujitsu'],
    specs: [
      ['Capacidade', ['9.000 BTU/h', '12.000 BTU/h', '18.000 BTU/h', '24.000 BTU/h']],
      ['Tensão', ['220 V']],
      ['Gás', ['R-410A', 'R-32']],
    ],
  },
  {
    category: 0,
    name: 'Sistema VRF',
    brands: ['Daikin', 'Hitachi', 'LG'],
    specs: [
      ['Capacidade', ['10 TR', '16 TR', '24 TR']],
      ['Tensão', ['380 V trifásico']],
    ],
    parts: ['Evaporadora cassete', 'Evaporadora duto'],
  },
  {
    category: 1,
    name: 'Câmara fria',
    brands: ['Bitzer', 'Embraco', 'Danfoss'],
    specs: [
      ['Temperatura', ['-18 °C', '0 °C', '+4 °C']],
      ['Volume', ['12 m³', '24 m³', '40 m³']],
    ],
    parts: ['Unidade condensadora'],
  },
  {
    category: 2,
    name: 'Grupo gerador diesel',
    brands: ['Stemac', 'Cummins', 'Heimer'],
    specs: [
      ['Potência', ['55 kVA', '150 kVA', '260 kVA']],
      ['Combustível', ['Diesel']],
    ],
    parts: ['Quadro de transferência automática'],
  },
  {
    category: 3,
    name: 'Nobreak online',
    brands: ['SMS', 'APC', 'Engetron'],
    specs: [
      ['Potência', ['3 kVA', '6 kVA', '10 kVA']],
      ['Autonomia', ['15 min', '30 min']],
    ],
  },
  {
    category: 4,
    name: 'Bomba centrífuga',
    brands: ['Schneider', 'WEG', 'KSB'],
    specs: [
      ['Potência', ['1 cv', '3 cv', '7,5 cv']],
      ['Vazão', ['5 m³/h', '12 m³/h', '30 m³/h']],
    ],
  },
];

const PRODUCT_CATEGORIES = ['Gases refrigerantes', 'Filtros', 'Componentes elétricos', 'Peças de reposição', 'Lubrificantes e químicos'];

/** [category, name, unit value, unit cost, minimum stock] */
const PRODUCTS: [number, string, number, number, number][] = [
  [0, 'Gás refrigerante R-410A (botija 11,3 kg)', 890, 610, 4],
  [0, 'Gás refrigerante R-32 (botija 9 kg)', 720, 495, 4],
  [0, 'Gás refrigerante R-22 (botija 13,6 kg)', 1150, 830, 2],
  [1, 'Filtro de ar G4 (unidade)', 38.9, 17.5, 40],
  [1, 'Filtro secador 3/8"', 64.5, 31, 15],
  [1, 'Filtro de combustível para gerador', 119.9, 72, 10],
  [2, 'Capacitor 35+5 µF', 42, 18.9, 20],
  [2, 'Contator tripolar 25 A', 129.9, 74, 10],
  [2, 'Placa eletrônica universal para split', 289, 165, 6],
  [2, 'Bateria selada 12 V 9 Ah', 159.9, 98, 12],
  [3, 'Motor ventilador da condensadora', 349, 210, 4],
  [3, 'Compressor rotativo 12.000 BTU/h', 1290, 905, 2],
  [3, 'Selo mecânico para bomba', 185, 96, 6],
  [3, 'Tubo de cobre 1/4" (metro)', 29.9, 14.2, 50],
  [4, 'Óleo lubrificante 15W40 (litro)', 48.5, 27, 20],
  [4, 'Limpador de serpentina (galão 5 L)', 96, 52, 8],
];

/** [title, description, price] */
const SERVICES: [string, string, number][] = [
  ['Manutenção preventiva de split', 'Limpeza de filtros e serpentinas, verificação de carga de gás e dreno.', 180],
  ['Manutenção corretiva', 'Diagnóstico e reparo de falha, mão de obra por visita.', 250],
  ['Instalação de split até 12.000 BTU/h', 'Instalação com até 3 m de tubulação, suporte e dreno.', 650],
  ['Instalação de split acima de 12.000 BTU/h', 'Instalação com até 3 m de tubulação, suporte e dreno.', 890],
  ['Limpeza química de evaporadora', 'Higienização com produto bactericida.', 220],
  ['Carga de gás refrigerante', 'Recolhimento, vácuo e carga conforme fabricante.', 320],
  ['Revisão de grupo gerador', 'Troca de óleo e filtros, teste em carga.', 1450],
  ['Teste de autonomia de nobreak', 'Ensaio de descarga controlada e relatório.', 380],
  ['Plano PMOC (visita mensal)', 'Visita do plano de manutenção, operação e controle.', 540],
];

/** [name, value] */
const ADDITIONAL_COSTS: [string, number][] = [
  ['Deslocamento', 60],
  ['Estacionamento', 25],
  ['Pedágio', 18.4],
  ['Hora técnica extra', 120],
  ['Taxa de atendimento emergencial', 280],
];

interface QuestionnaireSpec {
  description: string;
  header: string;
  footer: string;
  questions: [string, string, boolean][];
}

const QUESTIONNAIRES: QuestionnaireSpec[] = [
  {
    description: 'Checklist de manutenção preventiva',
    header: 'Preencha durante a visita, com o equipamento em operação.',
    footer: 'Plano PMOC - Lei 13.589/2018',
    questions: [
      ['Filtros limpos ou substituídos?', 'Informe se houve troca', true],
      ['Pressão de sucção (psi)', 'Medida com o manifold', true],
      ['Dreno desobstruído?', '', true],
      ['Ruído ou vibração anormal?', 'Descreva, se houver', false],
      ['Observações gerais', '', false],
    ],
  },
  {
    description: 'Vistoria de instalação',
    header: 'Conferência do local antes da instalação.',
    footer: '',
    questions: [
      ['Ponto elétrico dedicado disponível?', 'Disjuntor exclusivo', true],
      ['Distância entre condensadora e evaporadora (m)', '', true],
      ['Local da condensadora tem ventilação adequada?', '', true],
      ['Fotos do local enviadas?', '', false],
    ],
  },
  {
    description: 'Segurança do trabalho (NR-10 / NR-35)',
    header: 'Obrigatório antes de iniciar o serviço.',
    footer: 'Em caso de risco, interrompa a atividade.',
    questions: [
      ['EPIs conferidos?', 'Capacete, luvas, óculos, cinto', true],
      ['Circuito desenergizado e bloqueado?', '', true],
      ['Trabalho em altura acima de 2 m?', '', true],
    ],
  },
];

/** [description, questionnaire index or -1, standard time, send survey, signature, photos] */
const TASK_TYPES: [string, number, string, boolean, boolean, number][] = [
  ['Manutenção preventiva', 0, '01:30:00', true, true, 2],
  ['Manutenção corretiva', 2, '02:00:00', true, true, 1],
  ['Instalação', 1, '04:00:00', true, true, 3],
  ['Vistoria técnica', 1, '01:00:00', false, false, 2],
  ['Entrega de peças', -1, '00:30:00', false, true, 0],
];

const EXPENSE_TYPES = ['Combustível', 'Alimentação', 'Hospedagem', 'Pedágio', 'Estacionamento', 'Compra emergencial de peças'];

export async function seedEquipment(ctx: DemoContext): Promise<void> {
  for (const [i, description] of EQUIPMENT_CATEGORIES.entries()) {
    const c = await ctx.call<{ id: number }>('POST', '/v2/equipmentCategories/', { description, externalId: `CAT-EQ-${i + 1}` });
    ctx.remember('equipmentCategories', c.id);
  }
  const customers = ctx.ids.customers ?? [];
  const technicians = ctx.ids.technicians ?? [];
  // Two out of three customers have equipment; some of it has parts (child equipment).
  let n = 0;
  const owners = customers.filter((_, i) => i % 3 !== 2);
  for (const [k, customerId] of owners.entries()) {
    const count = ctx.rng.int(1, 2);
    for (let j = 0; j < count; j++) {
      const model = ctx.pick(EQUIPMENT_MODELS);
      const brand = ctx.pick(model.brands);
      const installed = ctx.rng.int(30, 1400);
      const warrantyStart = ctx.day(-installed, 0);
      const warrantyEnd = ctx.day(-installed + ctx.pick([365, 730, 1095]), 0);
      const serial = `${brand.slice(0, 3).toUpperCase()}${ctx.faker.string.alphanumeric({ length: 9, casing: 'upper' })}`;
      const specifications = model.specs.map(([name, values]) => ({ name, specification: ctx.pick(values) }));
      const parent = await ctx.call<{ id: number }>('POST', '/v2/equipments/', {
        name: `${model.name} ${brand}`,
        externalId: `EQ-${String(++n).padStart(5, '0')}`,
        categoryId: ctx.ids.equipmentCategories[model.category],
        associatedCustomerId: customerId,
        associatedUserId: technicians.length ? technicians[k % technicians.length] : 0,
        description: `${model.name} ${brand}, instalado em ${warrantyStart.slice(8, 10)}/${warrantyStart.slice(5, 7)}/${warrantyStart.slice(0, 4)}`,
        identifier: serial,
        equipmentSpecifications: [{ name: 'Marca', specification: brand }, ...specifications],
        warrantyStartDate: warrantyStart,
        warrantyEndDate: warrantyEnd,
        expirationDate: ctx.day(-installed + 3650, 0),
      });
      ctx.remember('equipments', parent.id);
      ctx.keep(`equipmentsOf:${customerId}`, parent.id);
      for (const part of model.parts ?? []) {
        const child = await ctx.call<{ id: number }>('POST', '/v2/equipments/', {
          name: `${part} ${brand}`,
          externalId: `EQ-${String(++n).padStart(5, '0')}`,
          parentEquipmentId: parent.id,
          categoryId: ctx.ids.equipmentCategories[model.category],
          associatedCustomerId: customerId,
          identifier: `${serial}-${part.slice(0, 2).toUpperCase()}`,
          equipmentSpecifications: [{ name: 'Marca', specification: brand }],
          warrantyStartDate: warrantyStart,
          warrantyEndDate: warrantyEnd,
        });
        ctx.remember('equipments', child.id);
      }
    }
    ctx.step('equipment', k + 1, owners.length);
  }
  // One equipment in the workshop, out of use.
  ctx.remember(
    'equipments',
    (
      await ctx.call<{ id: number }>('POST', '/v2/equipments/', {
        name: 'Bomba de vácuo 7 CFM (oficina)',
        externalId: `EQ-${String(++n).padStart(5, '0')}`,
        categoryId: ctx.ids.equipmentCategories[4],
        identifier: 'OFICINA-001',
        active: false,
        equipmentSpecifications: [{ name: 'Situação', specification: 'Aguardando conserto' }],
      })
    ).id,
  );
}

export async function seedProducts(ctx: DemoContext): Promise<void> {
  for (const [i, description] of PRODUCT_CATEGORIES.entries()) {
    const c = await ctx.call<{ id: number }>('POST', '/v2/productCategories/', { description, externalId: `CAT-PR-${i + 1}` });
    ctx.remember('productCategories', c.id);
  }
  const technicians = ctx.ids.technicians ?? [];
  for (const [i, [category, name, value, cost, minimum]] of PRODUCTS.entries()) {
    // Each technician carries some of the parts in the van.
    const holders = ctx.some(technicians, 2, 5);
    const employeesStock = holders.map((userId) => ({ userId, amount: ctx.rng.int(1, Math.max(2, minimum)) }));
    const total = employeesStock.reduce((s, e) => s + e.amount, 0) + ctx.rng.int(0, minimum * 3);
    const p = await ctx.call<{ code: string; productId: string }>('POST', '/v2/products/', {
      name,
      externalId: `PRD-${String(i + 1).padStart(4, '0')}`,
      description: name,
      categoryId: ctx.ids.productCategories[category],
      unitaryValue: brl(value),
      unitaryCost: brl(cost),
      minimumStock: minimum,
      totalStock: total,
      productSpecifications: [{ name: 'Unidade', specification: name.includes('metro') ? 'm' : 'un' }],
      employeesStock,
    });
    ctx.remember('products', Number(p.code));
    ctx.keepGuid('productGuids', p.productId);
    ctx.prices.set(p.productId, value);
    for (const userId of holders) ctx.keep(`stockOf:${userId}`, i);
    ctx.step('products', i + 1, PRODUCTS.length);
  }
  // A restock of the technicians' vans after the last inventory (PUT employee-product-stock).
  for (let k = 0; k < Math.min(6, technicians.length); k++) {
    const i = k % ctx.ids.products.length;
    await ctx.call('PUT', '/v2/products/employee-product-stock', {
      UserId: technicians[k],
      ProductId: ctx.ids.products[i],
      amount: ctx.rng.int(5, 12),
    });
    ctx.keep(`stockOf:${technicians[k]}`, i);
  }
  for (const [title, description, price] of SERVICES) {
    const s = await ctx.call<{ id: string }>('POST', '/v2/services/', { title, description, price: brl(price) });
    ctx.rememberGuid('services', s.id);
    ctx.prices.set(s.id, price);
  }
  for (const [name, value] of ADDITIONAL_COSTS) {
    const c = await ctx.call<{ id: string; code: number }>('POST', '/v2/additionalCosts/', { name, unitaryValue: brl(value) });
    ctx.rememberGuid('additionalCosts', c.id);
    ctx.prices.set(c.id, value);
    ctx.keep('additionalCostCodes', c.code);
  }
  ctx.step('products, services and additional costs', 1, 1);
}

export async function seedTaskTypes(ctx: DemoContext): Promise<void> {
  for (const q of QUESTIONNAIRES) {
    const created = await ctx.call<{ id: number; questions: { id: number }[] }>('POST', '/v2/questionnaires/', {
      description: q.description,
      header: q.header,
      footer: q.footer,
      questions: q.questions.map(([description, subTitle, requiredAnswer]) => ({ answerType: 2, description, subTitle, requiredAnswer })),
    });
    ctx.remember('questionnaires', created.id);
    ctx.ids[`questionsOf:${created.id}`] = created.questions.map((x) => x.id);
    ctx.guids[`questionTextsOf:${created.id}`] = q.questions.map(([description]) => description);
  }
  for (const [description, q, standartTime, sendSatisfactionSurvey, getSignature, photos] of TASK_TYPES) {
    const questionnaireId = q >= 0 ? ctx.ids.questionnaires[q] : null;
    const t = await ctx.call<{ id: number }>('POST', '/v2/taskTypes/', {
      description,
      standartQuestionnaireId: questionnaireId,
      standartTime,
      sendSatisfactionSurvey,
      requirements: {
        fillReport: true,
        getSignature,
        fillRolledKilometer: description !== 'Entrega de peças',
        emailTheTask: sendSatisfactionSurvey,
        minimumNumberOfPhotos: photos,
        requiredQuestionnaires: questionnaireId ? [questionnaireId] : [],
      },
    });
    ctx.remember('taskTypes', t.id);
    ctx.ids[`taskTypeInfo:${t.id}`] = [questionnaireId ?? 0, sendSatisfactionSurvey ? 1 : 0, getSignature ? 1 : 0];
  }
  ctx.step('questionnaires and task types', 1, 1);
}

export async function seedExpenses(ctx: DemoContext): Promise<void> {
  for (const description of EXPENSE_TYPES)
    ctx.remember('expenseTypes', (await ctx.call<{ id: number }>('POST', '/v2/expenseTypes/', { description })).id);
  const technicians = ctx.ids.technicians ?? [];
  const total = 36;
  for (let i = 0; i < total; i++) {
    const t = ctx.rng.int(0, EXPENSE_TYPES.length - 1);
    const amount = [
      ctx.rng.int(120, 380),
      ctx.rng.int(25, 90),
      ctx.rng.int(180, 420),
      ctx.rng.int(8, 40),
      ctx.rng.int(10, 45),
      ctx.rng.int(60, 600),
    ][t];
    const e = await ctx.call<{ id: number }>('POST', '/v2/expenses/', {
      userToId: ctx.pick(technicians),
      typeId: ctx.ids.expenseTypes[t],
      // A window around now: mostly the last month, a few already planned (hotel bookings).
      date: ctx.day(ctx.rng.int(-30, t === 2 ? 10 : 0), ctx.rng.int(7, 19), ctx.pick([0, 15, 30, 45])),
      amount: brl(amount + ctx.rng.int(0, 99) / 100),
      description: `${EXPENSE_TYPES[t]} - ${ctx.faker.location.city()}`,
    });
    ctx.remember('expenses', e.id);
    ctx.step('expenses', i + 1, total);
  }
}
