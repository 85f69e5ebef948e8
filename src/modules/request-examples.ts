// Request examples for the OpenAPI document, in the language of a Brazilian field-service company.
// Bodies are drawn from each operation's own request schema: a property takes the value its name
// has below (names depend on the resource the operation acts on), so every example fits
// its schema; JSON Patch operations have one hand-written patch per resource.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, unknown>;

/** What `name`, `description` and `title` mean on each resource (the operationId's noun). */
const NAMES: Record<string, { name?: string; description?: string; title?: string }> = {
  User: { name: 'Carlos Henrique Souza' },
  Team: { description: 'Equipe de Manutenção Zona Sul' },
  Segment: { description: 'Supermercados' },
  Keyword: { description: 'Ar-condicionado' },
  CustomerGroup: { description: 'Clientes contrato anual' },
  Customer: { description: 'Padaria Pão Quente Ltda', name: 'Padaria Pão Quente Ltda' },
  TaskType: { description: 'Manutenção preventiva' },
  Questionnaire: { description: 'Checklist de manutenção preventiva' },
  ExpenseType: { description: 'Combustível' },
  Expense: { description: 'Abastecimento da viatura' },
  EquipmentCategory: { description: 'Climatização' },
  Equipment: { name: 'Split Hi-Wall 12.000 BTUs', description: 'Instalado na recepção' },
  ProductCategory: { description: 'Filtros e peças de reposição' },
  Product: { name: 'Filtro de ar para split 12.000 BTUs', description: 'Filtro lavável de reposição' },
  Service: { title: 'Limpeza de evaporadora', description: 'Higienização completa da unidade interna' },
  AdditionalCost: { name: 'Deslocamento fora do perímetro urbano', description: 'Cobrado por visita' },
  Task: { description: 'Troca do filtro e limpeza da evaporadora' },
  Quotation: { description: 'Orçamento de manutenção trimestral' },
  QuotationStage: { description: 'Aguardando aprovação do cliente' },
  Ticket: { description: 'Ar-condicionado da recepção não gela', title: 'Ar-condicionado não gela' },
  TicketStatus: { description: 'Em atendimento' },
  TicketRequestType: { description: 'Manutenção corretiva' },
  TicketCustomField: { description: 'Número do patrimônio' },
  TicketInteraction: { description: 'Técnico agendado para amanhã às 9h.' },
  Project: { description: 'Contrato de manutenção mensal', title: 'Contrato de manutenção mensal' },
  ProjectStatus: { description: 'Em execução' },
  FinancialCategory: { description: 'Receita de manutenção' },
  PaymentMethod: { description: 'Pix' },
  Invoice: { description: 'Fatura de dezembro — contrato de manutenção' },
  Receivable: { description: 'Parcela 1/3 da fatura de dezembro' },
};

/** The resource an operation acts on: `createTicketStatus` -> `TicketStatus`. */
export function resourceOf(operationId: string): string {
  const noun = operationId.replace(/^(create|upsert|replace|patch|put|set|update|delete|edit)/, '');
  return noun.replace(/(Attachments?|Products|Services|AdditionalCosts)$/, '') || noun;
}

/** Values by property name (case-insensitive), the same on every resource. */
const VALUES: Record<string, Json> = {
  apikey: 'sua-api-key',
  apitoken: 'seu-api-token',
  externalid: 'ERP-000123',
  smartphonenumber: '5511987654321',
  culture: 'pt-BR',
  jobposition: 'Técnico de refrigeração',
  login: 'carlos.souza',
  password: 'Senha@Forte2026',
  email: 'carlos.souza@climasul.com.br',
  address: 'Rua Augusta, 1500 - Consolação, São Paulo - SP, 01304-001',
  adresscomplement: 'Loja 2',
  latitude: -23.5558,
  longitude: -46.6621,
  cpfcnpj: '12.345.678/0001-95',
  phonenumber: ['1133224455'],
  phone: '11987654321',
  manager: 'Fernanda Lima',
  managerjobposition: 'Gerente administrativa',
  note: 'Acesso pela entrada de serviço; procurar a Fernanda.',
  orientation: 'Levar escada de 3 metros e filtros de reposição.',
  observations: 'Valores válidos por 15 dias.',
  header: 'Preencha todos os itens antes do check-out.',
  footer: 'Obrigado!',
  question: 'O equipamento está ligando normalmente?',
  subtitle: 'Verifique com o cliente',
  answer: 'Sim',
  reply: 'Sim',
  report: 'Filtro substituído e evaporadora higienizada. Equipamento operando normalmente.',
  pendency: 'Cliente pediu orçamento para troca do controle remoto.',
  title: 'Limpeza de evaporadora',
  identifier: 'PAT-004512',
  specification: 'Tensão: 220 V',
  name: 'Carlos Henrique Souza',
  message: 'Técnico agendado para amanhã às 9h.',
  requestername: 'Fernanda Lima',
  requesteremail: 'fernanda.lima@padariapaoquente.com.br',
  emailcontact: 'fernanda.lima@padariapaoquente.com.br',
  emailcontactname: 'Fernanda Lima',
  emailreference: 'chamado-4512@climasul.com.br',
  targeturl: 'https://erp.climasul.com.br/webhooks/auvo',
  authorization: 'Bearer token-do-seu-erp',
  secret: 'segredo-compartilhado',
  networkoperatorname: 'Vivo',
  projectcode: 'CONTRATO-2026-17',
  code: 'FLT-12000',
  fiscalserviceid: '14.01',
  financialcategory: 'Manutenção',
  fieldtype: 'Texto',
  entity: 'Task',
  action: 'Inclusao',
  file: 'iVBORw0KGgo=',
  base64image: 'iVBORw0KGgo=',
  document: 'iVBORw0KGgo=',
  image: 'iVBORw0KGgo=',
  startworkhour: '08:00:00',
  endworkhour: '18:00:00',
  startlunchhour: '12:00:00',
  endlunchhour: '13:00:00',
  taskdate: '2026-12-07T09:00:00',
  date: '2026-12-07T09:00:00',
  positiondate: '2026-12-07T09:00:00',
  requestdate: '2026-12-07T09:00:00',
  expirationdate: '2027-12-31T00:00:00',
  warrantystartdate: '2026-01-15T00:00:00',
  warrantyenddate: '2027-01-15T00:00:00',
  startdate: '2026-12-07T00:00:00',
  enddate: '2027-06-07T00:00:00',
  until: '2027-06-07T00:00:00',
  duedate: '2026-12-20',
  issuedate: '2026-12-06',
  paymentdate: '2026-12-18',
  workdaysofweek: [1, 2, 3, 4, 5],
  priority: 2,
  quantity: 2,
  amount: 150,
  amout: 150,
  value: 89.9,
  price: 180,
  unitaryvalue: 89.9,
  unitarycost: 52.5,
  hourvalue: 65,
  km: 42,
  score: 10,
  accuracy: 12,
  batterylevel: 87,
  minimumstock: 5,
  totalstock: 40,
  discountvalue: 10,
  descount: 10,
  maximumvisittime: 2,
  standarttime: '01:30:00',
  interval: 1,
  occurrences: 6,
  position: 1,
  order: 1,
};

const PATCHES: Record<string, Json> = {
  patchUser: [{ op: 'replace', path: '/jobPosition', value: 'Supervisor técnico' }],
  patchSegment: [{ op: 'replace', path: '/description', value: 'Supermercados e atacarejos' }],
  patchKeyword: [{ op: 'replace', path: '/description', value: 'Câmara fria' }],
  patchTeam: [{ op: 'replace', path: '/description', value: 'Equipe de Manutenção Zona Norte' }],
  patchCustomerGroup: [{ op: 'replace', path: '/description', value: 'Clientes contrato semestral' }],
  patchCustomer: [{ op: 'replace', path: '/note', value: 'Portaria fecha às 18h.' }],
  patchTaskType: [{ op: 'replace', path: '/description', value: 'Manutenção corretiva' }],
  patchQuestionnaire: [{ op: 'replace', path: '/footer', value: 'Assinatura do responsável obrigatória.' }],
  patchExpenseType: [{ op: 'replace', path: '/description', value: 'Pedágio' }],
  patchExpense: [{ op: 'replace', path: '/amount', value: 172.4 }],
  patchEquipmentCategory: [{ op: 'replace', path: '/description', value: 'Refrigeração comercial' }],
  patchEquipment: [{ op: 'replace', path: '/identifier', value: 'PAT-004513' }],
  patchProductCategory: [{ op: 'replace', path: '/description', value: 'Gases refrigerantes' }],
  patchProduct: [{ op: 'replace', path: '/unitaryValue', value: 94.9 }],
  patchService: [{ op: 'replace', path: '/price', value: 195 }],
  patchAdditionalCost: [{ op: 'replace', path: '/unitaryValue', value: 60 }],
  patchTask: [{ op: 'replace', path: '/orientation', value: 'Cliente pediu atendimento após as 14h.' }],
  patchQuotationStage: [{ op: 'replace', path: '/description', value: 'Aprovado pelo cliente' }],
  patchQuotation: [{ op: 'replace', path: '/observations', value: 'Desconto de 5% para pagamento à vista.' }],
  patchTicket: [{ op: 'replace', path: '/description', value: 'Ar-condicionado da recepção pingando água' }],
  patchFinancialCategory: [{ op: 'replace', path: '/description', value: 'Receita de instalação' }],
  patchPaymentMethod: [{ op: 'replace', path: '/description', value: 'Boleto bancário' }],
  patchInvoice: [{ op: 'replace', path: '/dueDate', value: '2026-12-28' }],
  patchReceivable: [{ op: 'replace', path: '/paid', value: true }],
  patchProject: [{ op: 'replace', path: '/description', value: 'Contrato de manutenção bimestral' }],
};

/** Bodies that cannot be drawn from property names alone. */
const BODIES: Record<string, Json> = {
  createAdminAccount: { name: 'Climasul Refrigeração', apiKey: 'climasul-sandbox', apiToken: 'token-de-teste-climasul-2026' },
  rotateAdminAccountToken: { apiToken: 'token-de-teste-climasul-2027' },
  resetAdminAccount: { demo: true, seed: 1 },
  resetAdminAllAccounts: { demo: false },
  setAdminClock: { at: '2026-12-07T09:00:00-03:00' },
  freezeAdminClock: { at: '2026-12-07T09:00:00-03:00' },
  advanceAdminClock: { by: '31m' },
  saveAdminSnapshot: { name: 'antes-dos-testes' },
  addAdminFault: { action: 'status', method: 'GET', path: '/v2/customers', status: 503, count: 1 },
  importAdminAccount: {
    format: 'campo-snapshot',
    version: 1,
    schema: '0013_admin',
    exportedAt: '2026-12-07T12:00:00.000Z',
    account: { name: 'Climasul Refrigeração', adminUserId: 1 },
    tables: {},
  },
};

const DELETE_ITEMS: Json = ['419384ad-705c-11eb-bf97-0aa2a285b66a'];

function deref(doc: Schema, s: Schema | undefined): Schema | undefined {
  let out = s;
  for (let i = 0; out?.$ref && i < 10; i++) {
    const name = String(out.$ref).split('/').pop() as string;
    out = ((doc.components as Schema)?.schemas as Record<string, Schema>)?.[name];
  }
  return out;
}

function byType(s: Schema): Json | undefined {
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0] as Json;
  if (s.const !== undefined) return s.const as Json;
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t === 'boolean') return true;
  if (t === 'integer') return typeof s.minimum === 'number' && s.minimum > 1 ? s.minimum : 1;
  if (t === 'number') return typeof s.minimum === 'number' && s.minimum > 10 ? s.minimum : 10;
  if (t === 'string') return undefined;
  return undefined;
}

/** A value for a property that fits its schema, or undefined when none can be drawn. */
function valueFor(doc: Schema, raw: Schema | undefined, name: string, tag: string, depth: number): Json | undefined {
  const s = deref(doc, raw);
  if (!s || depth > 4) return undefined;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alts = s[key] as Schema[] | undefined;
    if (alts) {
      for (const alt of alts) {
        const v = valueFor(doc, alt, name, tag, depth);
        if (v !== undefined && v !== null) return v;
      }
      return undefined;
    }
  }
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t === 'object' || s.properties) return objectFor(doc, s, tag, depth + 1);
  if (t === 'array') {
    const known = VALUES[name.toLowerCase()];
    if (Array.isArray(known)) return known;
    const item = valueFor(doc, s.items as Schema, name, tag, depth + 1);
    return item === undefined ? [] : [item];
  }
  const lower = name.toLowerCase();
  const ctx = NAMES[tag];
  const contextual =
    lower === 'name' || lower === 'description' || lower === 'title' ? ctx?.[lower as 'name' | 'description' | 'title'] : undefined;
  const known = contextual ?? VALUES[lower];
  if (known !== undefined && !Array.isArray(known) && fits(s, known)) return known;
  if (/id$/i.test(name) && (t === 'integer' || t === 'number')) return 1;
  if (/ids$/i.test(name)) return [1];
  return byType(s) ?? (t === 'string' ? stringFor(s, name) : undefined);
}

function stringFor(s: Schema, name: string): string | undefined {
  if (s.format === 'date-time') return '2026-12-07T09:00:00-03:00';
  if (s.format === 'email') return 'contato@climasul.com.br';
  if (s.format === 'uri') return 'https://erp.climasul.com.br/webhooks/auvo';
  if (s.pattern) return undefined;
  if (/guid|id$/i.test(name)) return '419384ad-705c-11eb-bf97-0aa2a285b66a';
  return undefined;
}

function fits(s: Schema, v: Json): boolean {
  const t = Array.isArray(s.type) ? s.type : s.type ? [s.type] : undefined;
  if (Array.isArray(s.enum)) return s.enum.includes(v);
  if (!t) return true;
  if (typeof v === 'string') {
    if (!t.includes('string')) return false;
    if (typeof s.maxLength === 'number' && v.length > s.maxLength) return false;
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern as string).test(v)) return false;
    return true;
  }
  if (typeof v === 'number') {
    if (!(t.includes('number') || (t.includes('integer') && Number.isInteger(v)))) return false;
    if (typeof s.minimum === 'number' && v < s.minimum) return false;
    if (typeof s.maximum === 'number' && v > s.maximum) return false;
    return true;
  }
  if (typeof v === 'boolean') return t.includes('boolean');
  return true;
}

function objectFor(doc: Schema, s: Schema, tag: string, depth: number): Json {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  const out: Record<string, Json> = {};
  for (const [name, prop] of Object.entries(props)) {
    const lower = name.toLowerCase();
    // Required properties always; optional ones when they have a value of their own.
    if (!required.has(name) && VALUES[lower] === undefined && !['name', 'description', 'title'].includes(lower)) continue;
    if (lower === 'id' && !required.has(name)) continue;
    const v = valueFor(doc, prop, name, tag, depth);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** The example body of one operation, or undefined when its body takes no example. */
export function requestExample(doc: Schema, operationId: string, bodySchema: Schema): Json | undefined {
  if (PATCHES[operationId]) return PATCHES[operationId];
  if (BODIES[operationId]) return BODIES[operationId];
  const tag = resourceOf(operationId);
  const s = deref(doc, bodySchema);
  if (!s) return undefined;
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t === 'array' && deref(doc, s.items as Schema)?.type === 'string') return DELETE_ITEMS;
  return valueFor(doc, s, 'body', tag, 0);
}
