import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';

// ---- Input (Campo extension, D13: the blueprint documents reads only) ----------------------

const Money = Type.Union([Type.Number(), Type.String()], { description: 'Decimal: 10, 10.5, "10.50" or "10,50"' });
const Uploads = Type.Array(Type.Unknown(), { description: '[{"name": "my_file.pdf", "file": "<base64>"}]' });
const DateOnly = Type.String({ description: 'yyyy-MM-dd' });

export const Recurrence = Type.Object(
  {
    frequency: Type.Union([Type.String(), Type.Integer()], { description: '"daily" (1), "weekly" (2) or "monthly" (3)' }),
    interval: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: 'Every N periods; default 1' })),
    occurrences: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: 'How many visits; or give `until`' })),
    until: Type.Optional(Type.String({ description: 'yyyy-MM-dd: last day a visit may fall on' })),
    taskDate: Type.String({ description: 'First visit, yyyy-MM-ddTHH:mm:ss' }),
    idUserTo: Type.Optional(Type.Integer({ description: 'Who performs the visits; default defaultResponsibleId' })),
    orientation: Type.Optional(Type.String()),
  },
  { $id: 'ProjectRecurrence' },
);
export type Recurrence = Static<typeof Recurrence>;

const projectInputProperties = {
  externalId: Type.Optional(Type.String()),
  customerId: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String({ minLength: 1 })),
  statusId: Type.Optional(Type.String({ description: 'Project status GUID ("" = none)' })),
  taskTypeId: Type.Optional(Type.Integer({ description: '0 = none' })),
  defaultQuestionnaireId: Type.Optional(Type.Integer({ description: '0 = none' })),
  defaultResponsibleId: Type.Optional(Type.Integer({ description: '0 = none' })),
  priority: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, description: '1 low, 2 medium, 3 high (as tasks)' })),
  keywords: Type.Optional(Type.Array(Type.Integer(), { description: 'Keyword ids' })),
  equipments: Type.Optional(Type.Array(Type.Integer(), { description: 'Equipment ids' })),
  startDate: Type.Optional(DateOnly),
  endDate: Type.Optional(DateOnly),
  discountType: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0, maximum: 1 }), Type.String()], { description: '0 (or "Value") amount, 1 (or "Percentage")' }),
  ),
  discountValue: Type.Optional(Money),
  tasks: Type.Optional(
    Type.Array(Type.Integer(), { description: 'The visits: ids of existing tasks, in order', ...aliases('taskIds', 'visits') }),
  ),
  recurrence: Type.Optional(Recurrence),
  attachments: Type.Optional(Uploads),
  // The live service's flat spellings (read as `externalId`, `keywords` and `recurrence`).
  externalCode: Type.Optional(Type.String({ description: 'Live spelling of externalId' })),
  keywordsIds: Type.Optional(Type.Array(Type.Integer(), { description: 'Live spelling of keywords' })),
  recurrenceType: Type.Optional(Type.String({ description: 'Live recurrence: daily, weekly or monthly (creates the visits)' })),
  recurrenceInterval: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: 'Live recurrence: every N periods' })),
  dateFirstVisit: Type.Optional(Type.String({ description: 'Live recurrence: first visit, yyyy-MM-dd (or with a time)' })),
  dateLastVisit: Type.Optional(Type.String({ description: 'Live recurrence: last day a visit may fall on, yyyy-MM-dd' })),
  startTime: Type.Optional(Type.String({ description: 'Live recurrence: visit time "HH:mm" (default 08:00)' })),
  recurrenceDays: Type.Optional(Type.Array(Type.Unknown(), { description: 'Not supported: answers 400' })),
  monthlyMode: Type.Optional(Type.Unknown({ description: 'Not supported: answers 400' })),
  duration: Type.Optional(Type.Unknown({ description: 'Not supported: answers 400' })),
};

export const ProjectCreate = Type.Object(
  { ...projectInputProperties, customerId: Type.Integer(), description: Type.String({ minLength: 1 }) },
  { $id: 'ProjectCreate' },
);
export type ProjectCreate = Static<typeof ProjectCreate>;

export const ProjectUpsert = Type.Object(
  {
    id: Type.Optional(Type.String({ description: 'projectCode or GUID of the project to update' })),
    projectCode: Type.Optional(Type.Integer()),
    ...projectInputProperties,
  },
  { $id: 'ProjectUpsert' },
);
export type ProjectUpsert = Static<typeof ProjectUpsert>;
export type ProjectInput = Omit<ProjectUpsert, 'id' | 'projectCode'>;

export const ProjectPatchable = Type.Object(
  {
    externalId: Type.String(),
    customerId: Type.Integer(),
    description: Type.String({ minLength: 1 }),
    statusId: Type.String(),
    taskTypeId: Type.Integer(),
    defaultQuestionnaireId: Type.Integer(),
    defaultResponsibleId: Type.Integer(),
    priority: Type.Integer({ minimum: 1, maximum: 3 }),
    keywords: Type.Array(Type.Integer()),
    equipments: Type.Array(Type.Integer()),
    startDate: Type.String(),
    endDate: Type.String(),
    discountType: Type.Union([Type.Integer({ minimum: 0, maximum: 1 }), Type.String()]),
    discountValue: Money,
    tasks: Type.Array(Type.Integer(), aliases('taskIds', 'visits')),
  },
  { $id: 'ProjectPatchable' },
);

// ---- Output (PR1 / PR2) --------------------------------------------------------------------

const ItemLine = Type.Object({
  id: Type.Integer({ description: 'Product code' }),
  name: Type.String(),
  quantity: Type.Number(),
  totalValue: Type.Number(),
});
const ServiceLine = Type.Object({
  id: Type.String({ description: 'Service GUID' }),
  name: Type.String(),
  quantity: Type.Number(),
  totalValue: Type.Number(),
});
const CostLine = Type.Object({ id: Type.Integer({ description: 'Additional-cost code' }), name: Type.String(), unitValue: Type.Number() });
const Keyword = Type.Object({ id: Type.Integer(), name: Type.String() });

const Visit = Type.Object({
  taskId: Type.Integer(),
  externalCode: Type.String(),
  idUserFrom: Type.Integer(),
  idUserTo: Type.Integer(),
  customerCode: Type.Integer(),
  taskTypeCode: Type.Integer(),
  taskDate: Type.String({ description: 'dd/MM/yyyy HH:mm' }),
  priority: Type.Integer(),
  finished: Type.Boolean(),
  equipmentsId: Type.Array(Type.Integer()),
  taskUrl: Type.String(),
  products: Type.Array(ItemLine),
  services: Type.Array(ServiceLine),
  additionalCosts: Type.Array(CostLine),
  status: Type.String({ description: 'Aberta, EmDeslocamento, CheckIn, CheckOut, Finalizada or Pausada' }),
  discountType: Type.Number({ description: '0 amount, 1 percentage' }),
  discountValue: Type.Number(),
  totalValue: Type.Number(),
  summary: Type.Object({
    totalProducts: Type.Number(),
    totalServices: Type.Number(),
    totalAdditionalCosts: Type.Number(),
    totalValue: Type.Number(),
    discount: Type.Object({ value: Type.Number(), type: Type.String({ description: '"Monetary" or "Percentage"' }) }),
  }),
});

const ListedVisit = Type.Object({
  taskId: Type.Integer(),
  taskTypeCode: Type.Integer(),
  taskDate: Type.String({ description: 'dd/MM/yyyy' }),
  priority: Type.Integer(),
  finished: Type.Boolean(),
  equipments: Type.Array(Type.Integer()),
  taskUrl: Type.String(),
  products: Type.Array(Type.Integer()),
  services: Type.Array(Type.String()),
  additionalCosts: Type.Array(Type.Integer()),
  status: Type.String(),
});

const head = {
  id: Type.String({ description: 'GUID' }),
  projectCode: Type.Integer({ description: 'The path id' }),
  customerId: Type.Integer(),
  customerName: Type.String(),
  statusId: Type.String({ description: 'Project status GUID ("" = none)' }),
  description: Type.String(),
  taskTypeId: Type.Integer(),
  defaultQuestionnaireId: Type.Integer(),
  defaultResponsibleId: Type.Integer(),
  priority: Type.Integer(),
  keywords: Type.Array(Keyword),
  attachments: Type.Array(Type.String()),
  equipments: Type.Array(Type.Integer()),
};

export const Project = Type.Object(
  {
    ...head,
    visits: Type.Array(Visit),
    products: Type.Array(ItemLine),
    services: Type.Array(ServiceLine),
    additionalCosts: Type.Array(CostLine),
    reportLink: Type.String(),
    detailedReportLink: Type.String(),
    summary: Type.Object({
      totalProductValue: Type.Number(),
      totalServiceValue: Type.Number(),
      totalAdditionalCostValue: Type.Number(),
      visitsDiscount: Type.Number(),
      projectDiscountValue: Type.Number(),
      projectDiscountType: Type.String({ description: '"Value" or "Percentage"' }),
      totalProjectValue: Type.Number(),
    }),
  },
  { $id: 'Project' },
);
export type ProjectDto = Static<typeof Project>;

export const ProjectListed = Type.Object(
  {
    ...head,
    products: Type.Array(Type.Integer()),
    services: Type.Array(Type.String()),
    additionalCosts: Type.Array(Type.Integer()),
    visits: Type.Array(ListedVisit),
    reportLink: Type.String(),
    detailedReportLink: Type.String(),
  },
  { $id: 'ProjectListed' },
);
export type ProjectListedDto = Static<typeof ProjectListed>;

export const ProjectFilter = Type.Object({
  ProjectCodes: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  ExternalCodes: Type.Optional(Type.String()),
  Description: Type.Optional(Type.String()),
  StartDateDuration: Type.Optional(Type.String()),
  EndDateDuration: Type.Optional(Type.String()),
  KeywordCode: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  CpfCnpj: Type.Optional(Type.String()),
  StatusId: Type.Optional(Type.String()),
  EquipmentCode: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  ClientCode: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  ClientGroupCode: Type.Optional(Type.Union([Type.String(), Type.Number()])),
});
export type ProjectFilter = Static<typeof ProjectFilter>;

/** Path id: the numeric projectCode (documented), or the GUID `id` (both answer the same project). */
export const ProjectParams = Type.Object({ id: Type.String({ description: 'Numeric id' }) });

export const ProjectStatus = Type.Object(
  { id: Type.String({ description: 'GUID' }), description: Type.String() },
  { $id: 'ProjectStatus' },
);
export const ProjectStatusCreate = Type.Object({ description: Type.String({ minLength: 1 }) }, { $id: 'ProjectStatusCreate' });
export type ProjectStatusCreate = Static<typeof ProjectStatusCreate>;

// ---- Examples (PR1 / PR2, with Campo's links) -----------------------------------------------

export const projectExample: ProjectDto = {
  id: '48786aad-e3f8-4245-8934-ce983520c38c',
  projectCode: 11,
  customerId: 15963453,
  customerName: 'Antunes Tech',
  statusId: '06e708c5-747a-11ee-bdb3-0ab8a76e2462',
  description: 'Teste 16112024',
  taskTypeId: 0,
  defaultQuestionnaireId: 0,
  defaultResponsibleId: 173521,
  priority: 3,
  keywords: [{ id: 138015, name: 'Teste QA' }],
  attachments: [],
  equipments: [],
  visits: [
    {
      taskId: 48435823,
      externalCode: '',
      idUserFrom: 173521,
      idUserTo: 0,
      customerCode: 15963453,
      taskTypeCode: 0,
      taskDate: '16/11/2024 00:00',
      priority: 3,
      finished: false,
      equipmentsId: [],
      taskUrl: 'https://app.auvo.com.br/relatorioTarefas/DetalheTarefa/48435823',
      products: [{ id: 3887688, name: 'Teste Ticket 8800', quantity: 1, totalValue: 10 }],
      services: [],
      additionalCosts: [{ id: 20928, name: 'Custo teste', unitValue: 10 }],
      status: 'Aberta',
      discountType: 0,
      discountValue: 0,
      totalValue: 20,
      summary: { totalProducts: 10, totalServices: 0, totalAdditionalCosts: 10, totalValue: 20, discount: { value: 0, type: 'Monetary' } },
    },
  ],
  products: [{ id: 3887688, name: 'Teste Ticket 8800', quantity: 1, totalValue: 10 }],
  services: [],
  additionalCosts: [{ id: 20928, name: 'Custo teste', unitValue: 10 }],
  reportLink: '',
  detailedReportLink: '',
  summary: {
    totalProductValue: 10,
    totalServiceValue: 0,
    totalAdditionalCostValue: 10,
    visitsDiscount: 0,
    projectDiscountValue: 0,
    projectDiscountType: 'Value',
    totalProjectValue: 20,
  },
};

export const projectListedExample: ProjectListedDto = {
  id: '315d0bf5-81c7-4044-9cb8-19541641fe25',
  projectCode: 41,
  customerId: 14033297,
  customerName: 'teste',
  statusId: '070b9678-747a-11ee-bdb3-0ab8a76e2462',
  description: 'TEST',
  taskTypeId: 0,
  defaultQuestionnaireId: 0,
  defaultResponsibleId: 160855,
  priority: 3,
  keywords: [{ id: 131230, name: 'TESTE PALAVRA' }],
  attachments: [],
  equipments: [],
  products: [3031916],
  services: ['364b576c-eac1-4111-8a61-b1cc0aece93f'],
  additionalCosts: [],
  visits: [
    {
      taskId: 149536583,
      taskTypeCode: 0,
      taskDate: '01/01/0001',
      priority: 3,
      finished: false,
      equipments: [],
      taskUrl: 'https://app.auvo.com.br/relatorioTarefas/DetalheTarefa/149536583',
      products: [3031916],
      services: ['364b576c-eac1-4111-8a61-b1cc0aece93f'],
      additionalCosts: [],
      status: 'Aberta',
    },
  ],
  reportLink: '',
  detailedReportLink: '',
};
