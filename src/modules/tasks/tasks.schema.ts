import { type Static, type TSchema, Type } from 'typebox';
import { aliases } from '../../core/keys.js';

// ---- Input --------------------------------------------------------------------------------

/** Decimals arrive as numbers or strings "in decimal format", pt-BR too (inventory 7 #14). */
const Decimal = Type.Union([Type.Number(), Type.String()], { description: 'number, or a decimal string ("1", "44.5", "1.234,56")' });
const DiscountTypeIn = Type.Union([Type.Integer(), Type.String()], { description: '0 monetary value, 1 percentage' });
const IdList = Type.Array(Type.Union([Type.Integer(), Type.String()]));

export const AttachmentIn = Type.Object({
  name: Type.Optional(Type.String({ description: 'file name with its extension, e.g. "my_file.pdf"' })),
  file: Type.Optional(Type.String({ description: 'base64 content' })),
});

export const ProductLineIn = Type.Object({
  ProductId: Type.Optional(Type.String({ description: 'productId (GUID) of the product' })),
  DiscountType: Type.Optional(DiscountTypeIn),
  DiscountValue: Type.Optional(Decimal),
  Quantity: Type.Optional(Decimal),
  Value: Type.Optional(Decimal),
});
export const ServiceLineIn = Type.Object({
  ServiceId: Type.Optional(Type.String({ description: 'id (GUID) of the service' })),
  DiscountType: Type.Optional(DiscountTypeIn),
  DiscountValue: Type.Optional(Decimal),
  Quantity: Type.Optional(Decimal),
  Value: Type.Optional(Decimal),
});
export const CostLineIn = Type.Object({
  AdditionalCostId: Type.Optional(Type.String({ description: 'additionalCostId (GUID)' })),
  DiscountType: Type.Optional(DiscountTypeIn),
  DiscountValue: Type.Optional(Decimal),
  Quantity: Type.Optional(Decimal),
  Value: Type.Optional(Decimal),
});
export type ProductLineIn = Static<typeof ProductLineIn>;
export type ServiceLineIn = Static<typeof ServiceLineIn>;
export type CostLineIn = Static<typeof CostLineIn>;

const taskInputProperties = {
  externalId: Type.Optional(Type.String()),
  taskType: Type.Optional(Type.Integer({ description: 'task type id; 0 = none' })),
  idUserFrom: Type.Optional(Type.Integer()),
  idUserTo: Type.Optional(Type.Integer({ description: '0 = nobody' })),
  // TeamId (attribute lists) / teamId (examples) (inventory 7 #12).
  teamId: Type.Optional(Type.Integer()),
  taskDate: Type.Optional(Type.String({ description: 'yyyy-MM-ddTHH:mm:ss' })),
  latitude: Type.Optional(Type.Number()),
  longitude: Type.Optional(Type.Number()),
  address: Type.Optional(Type.String()),
  orientation: Type.Optional(Type.String()),
  priority: Type.Optional(Type.Integer({ description: '1 low, 2 medium, 3 high' })),
  questionnaireId: Type.Optional(Type.Integer()),
  customerId: Type.Optional(Type.Integer({ description: '0 = none' })),
  checkinType: Type.Optional(Type.Integer({ description: '1 manual, 2 automatic, 3 user' })),
  attachments: Type.Optional(Type.Array(AttachmentIn)),
  keyWords: Type.Optional(IdList),
  sendSatisfactionSurvey: Type.Optional(Type.Boolean()),
  equipmentsId: Type.Optional(IdList),
  taskProducts: Type.Optional(Type.Array(ProductLineIn)),
  taskServices: Type.Optional(Type.Array(ServiceLineIn)),
  taskAdditionalCosts: Type.Optional(Type.Array(CostLineIn)),
  taskDiscount: Type.Optional(Type.Object({ type: Type.Optional(DiscountTypeIn), value: Type.Optional(Decimal) })),
  financialCategory: Type.Optional(Type.String({ description: 'name of the financial category' })),
};

export const TaskCreate = Type.Object(taskInputProperties, { $id: 'TaskCreate' });
export type TaskCreate = Static<typeof TaskCreate>;

export const TaskUpsert = Type.Object(
  { id: Type.Optional(Type.Integer({ description: 'Update this task when it exists' })), ...taskInputProperties },
  { $id: 'TaskUpsert' },
);
export type TaskUpsert = Static<typeof TaskUpsert>;

/** The attributes PATCH may touch (T4); the shape the JSON Patch is applied to. */
export const TaskPatchable = Type.Object(
  {
    externalId: Type.String(),
    taskType: Type.Integer(),
    idUserFrom: Type.Integer(),
    idUserTo: Type.Integer(),
    teamId: Type.Integer(),
    taskDate: Type.String(),
    latitude: Type.Number(),
    longitude: Type.Number(),
    address: Type.String(),
    orientation: Type.String(),
    priority: Type.Integer(),
    questionnaireId: Type.Integer(),
    customerId: Type.Integer(),
    checkinType: Type.Integer(),
    keyWords: IdList,
    sendSatisfactionSurvey: Type.Boolean(),
    financialCategory: Type.String(),
  },
  { $id: 'TaskPatchable' },
);

export const TaskProductsBody = Type.Object({ taskProducts: Type.Optional(Type.Array(ProductLineIn)) }, { $id: 'TaskProductsBody' });
export const TaskServicesBody = Type.Object({ taskServices: Type.Optional(Type.Array(ServiceLineIn)) }, { $id: 'TaskServicesBody' });
export const TaskCostsBody = Type.Object(
  { taskAdditionalCosts: Type.Optional(Type.Array(CostLineIn)) },
  { $id: 'TaskAdditionalCostsBody' },
);
/** DELETE of lines: a JSON array of item ids (checked by the service, after the path id). */
export const LineIdsBody = Type.Unknown({ description: 'JSON array of item GUIDs', examples: [['419384ad-705c-11eb-bf97-0aa2a285b66a']] });
export const TaskAttachmentsBody = Type.Object(
  {
    removeAllAttachmentsInsertedByMe: Type.Optional(Type.Boolean()),
    attachments: Type.Optional(Type.Array(AttachmentIn)),
  },
  { $id: 'TaskAttachmentsBody' },
);

export const TaskFilter = Type.Object({
  taskID: Type.Optional(Type.String()),
  idUserTo: Type.Optional(Type.Integer()),
  startDate: Type.Optional(Type.String()),
  endDate: Type.Optional(Type.String()),
  dateLastUpdate: Type.Optional(Type.String()),
  customerId: Type.Optional(Type.Integer()),
  teamId: Type.Optional(Type.Integer()),
  type: Type.Optional(Type.Integer()),
  customerGroupId: Type.Optional(Type.Integer()),
  status: Type.Optional(Type.Integer()),
  orientation: Type.Optional(Type.String()),
  tags: Type.Optional(Type.String()),
  priority: Type.Optional(Type.String()),
  externalId: Type.Optional(Type.String()),
});
export type TaskFilter = Static<typeof TaskFilter>;

// ---- Output -------------------------------------------------------------------------------

const Discount = Type.Object({ value: Type.Number(), type: Type.String({ description: '"Valor" or "Percentual"' }) });
const NullableString = Type.Union([Type.String(), Type.Null()]);

const productLineProps = {
  productId: Type.String(),
  externalId: Type.String(),
  code: Type.String(),
  name: NullableString,
  description: NullableString,
  quantity: Type.Number(),
  unitaryValue: Type.Number(),
  totalValue: Type.Number(),
  userResponsible: NullableString,
  userResponsibleCode: Type.Integer(),
  dateRegister: NullableString,
  dateEdit: NullableString,
  discount: Discount,
};
const { externalId: _productExternalId, ...productLineCommon } = productLineProps;
const ProductLine = Type.Object(productLineCommon);
/** The PUT /tasks/ example alone shows the product's externalId. */
const ProductLineUpserted = Type.Object(productLineProps);
const ServiceLine = Type.Object({
  id: Type.String(),
  name: NullableString,
  quantity: Type.Number(),
  unitaryValue: Type.Number(),
  totalValue: Type.Number(),
  userResponsible: NullableString,
  userResponsibleCode: Type.Integer(),
  dateRegister: NullableString,
  dateEdit: NullableString,
  discount: Discount,
});
const costLineProps = (code: TSchema) => ({
  additionalCostId: Type.String(),
  code,
  name: NullableString,
  unitaryValue: Type.Number(),
  userResponsible: NullableString,
  userResponsibleCode: Type.Integer(),
  dateRegister: NullableString,
  dateEdit: NullableString,
});
const Summary = Type.Object({
  totalProducts: Type.Number(),
  totalServices: Type.Number(),
  totalAdditionalCosts: Type.Number(),
  totalValue: Type.Number(),
  discount: Discount,
});
const Attachment = Type.Object({
  id: Type.String(),
  url: Type.String(),
  attachmentType: Type.Integer(),
  subtitle: Type.String(),
  description: Type.String(),
  extension: Type.String(),
});
const Answer = Type.Object({
  questionId: Type.String(),
  questionDescription: Type.String(),
  replyId: Type.Integer(),
  reply: Type.String(),
  replyDate: Type.String(),
});
const QuestionnaireAnswers = Type.Object({
  itemId: Type.String(),
  questionnaireId: Type.String(),
  questionnaireDescription: Type.String(),
  answers: Type.Array(Answer),
});

/** Every property any task response carries; each operation shows its own subset and order. */
export const taskProps = {
  taskID: Type.Integer(),
  externalId: Type.String(),
  idUserFrom: Type.Integer(),
  userFromName: Type.String(),
  idUserTo: Type.Integer(),
  userToName: Type.String(),
  customerId: Type.Integer(),
  customerExternalId: Type.String(),
  customerDescription: Type.String(),
  taskType: Type.Integer(),
  taskTypeDescription: Type.String(),
  creationDate: Type.String(),
  taskDate: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  address: Type.String(),
  orientation: Type.String(),
  priority: Type.Integer(),
  deliveredOnSmarthPhone: Type.Boolean(),
  deliveredDate: Type.String({ description: '"0001-01-01T00:00:00" until delivered' }),
  finished: Type.Boolean(),
  report: Type.String(),
  visualized: Type.Boolean(),
  visualizedDate: Type.String({ description: '"" until visualized' }),
  checkIn: Type.Boolean(),
  checkInDate: Type.String({ description: '"" until checked in' }),
  checkOut: Type.Boolean(),
  checkOutDate: Type.String({ description: '"" until checked out' }),
  checkinType: Type.Integer(),
  equipmentsId: Type.Array(Type.Integer()),
  keyWords: Type.Array(Type.String()),
  keyWordsDescriptions: Type.Array(Type.String()),
  inputedKm: Type.Number(),
  adoptedKm: Type.Number(),
  attachments: Type.Array(Attachment),
  questionnaires: Type.Array(QuestionnaireAnswers),
  signatureUrl: Type.String(),
  checkInDistance: Type.Number({ description: 'metres from the task location' }),
  checkOutDistance: Type.Number({ description: 'metres from the task location' }),
  sendSatisfactionSurvey: Type.Boolean(),
  survey: Type.String(),
  taskUrl: Type.String(),
  pendency: Type.String(),
  dateLastUpdate: Type.String(),
  ticketId: Type.Integer(),
  ticketTitle: Type.String(),
  signatureName: Type.String(),
  signatureDocument: Type.String(),
  expense: Type.String({ description: 'pt-BR money, "0,00"' }),
  duration: Type.String({ description: '"HH:mm:ss" once checked out' }),
  durationDecimal: Type.String({ description: 'hours, "1,50", once checked out' }),
  displacementStart: Type.String(),
  products: Type.Array(ProductLine),
  services: Type.Array(ServiceLine),
  additionalCosts: Type.Array(Type.Object(costLineProps(Type.Integer()))),
  summary: Summary,
  estimatedDuration: Type.String(),
  financialCategory: Type.String(),
  taskStatus: Type.Integer({ description: '1 opened, 2 in displacement, 3 checked in, 4 checked out, 5 finished, 6 paused' }),
};
export type TaskPropName = keyof typeof taskProps;

// Key lists copied from each operation's documented response example (order matters).
export const KEYS_GET: TaskPropName[] = [
  'taskID',
  'externalId',
  'idUserFrom',
  'idUserTo',
  'userToName',
  'userFromName',
  'customerId',
  'customerExternalId',
  'customerDescription',
  'taskType',
  'taskTypeDescription',
  'creationDate',
  'taskDate',
  'latitude',
  'longitude',
  'address',
  'orientation',
  'priority',
  'deliveredOnSmarthPhone',
  'deliveredDate',
  'finished',
  'report',
  'visualized',
  'visualizedDate',
  'checkIn',
  'checkInDate',
  'checkOut',
  'checkOutDate',
  'checkinType',
  'equipmentsId',
  'keyWords',
  'keyWordsDescriptions',
  'inputedKm',
  'adoptedKm',
  'attachments',
  'questionnaires',
  'signatureUrl',
  'checkInDistance',
  'checkOutDistance',
  'sendSatisfactionSurvey',
  'survey',
  'taskUrl',
  'pendency',
  'dateLastUpdate',
  'ticketId',
  'ticketTitle',
  'signatureName',
  'signatureDocument',
  'expense',
  'duration',
  'durationDecimal',
  'displacementStart',
  'products',
  'services',
  'additionalCosts',
  'summary',
  'estimatedDuration',
  'financialCategory',
  'taskStatus',
];
export const KEYS_WRITTEN: TaskPropName[] = [
  'taskID',
  'externalId',
  'idUserFrom',
  'idUserTo',
  'customerId',
  'customerExternalId',
  'customerDescription',
  'taskType',
  'creationDate',
  'taskDate',
  'latitude',
  'longitude',
  'address',
  'orientation',
  'priority',
  'deliveredOnSmarthPhone',
  'deliveredDate',
  'finished',
  'report',
  'visualized',
  'visualizedDate',
  'checkIn',
  'checkInDate',
  'checkOut',
  'checkOutDate',
  'checkinType',
  'keyWords',
  'inputedKm',
  'adoptedKm',
  'attachments',
  'questionnaires',
  'signatureUrl',
  'checkInDistance',
  'checkOutDistance',
  'survey',
  'taskUrl',
  'pendency',
  'dateLastUpdate',
  'ticketId',
  'ticketTitle',
  'signatureName',
  'signatureDocument',
  'expense',
  'products',
  'services',
  'additionalCosts',
  'summary',
  'taskStatus',
  'financialCategory',
];
export const KEYS_PATCHED: TaskPropName[] = KEYS_WRITTEN.filter((k) => !['products', 'services', 'additionalCosts', 'summary'].includes(k));
export const KEYS_LINES: TaskPropName[] = [
  'taskID',
  'externalId',
  'idUserFrom',
  'userFromName',
  'idUserTo',
  'userToName',
  'customerId',
  'customerExternalId',
  'customerDescription',
  'taskType',
  'taskTypeDescription',
  'creationDate',
  'taskDate',
  'latitude',
  'longitude',
  'address',
  'orientation',
  'priority',
  'deliveredOnSmarthPhone',
  'deliveredDate',
  'finished',
  'report',
  'visualized',
  'visualizedDate',
  'checkIn',
  'checkInDate',
  'checkOut',
  'checkOutDate',
  'checkinType',
  'keyWords',
  'keyWordsDescriptions',
  'inputedKm',
  'adoptedKm',
  'attachments',
  'questionnaires',
  'signatureUrl',
  'checkInDistance',
  'checkOutDistance',
  'sendSatisfactionSurvey',
  'survey',
  'taskUrl',
  'pendency',
  'equipmentsId',
  'dateLastUpdate',
  'ticketId',
  'ticketTitle',
  'signatureName',
  'signatureDocument',
  'expense',
  'duration',
  'durationDecimal',
  'displacementStart',
  'products',
  'services',
  'additionalCosts',
  'summary',
  'taskStatus',
];
export const KEYS_ATTACHMENTS: TaskPropName[] = [
  'taskID',
  'externalId',
  'idUserFrom',
  'idUserTo',
  'customerId',
  'customerExternalId',
  'customerDescription',
  'taskType',
  'creationDate',
  'taskDate',
  'latitude',
  'longitude',
  'address',
  'orientation',
  'priority',
  'deliveredOnSmarthPhone',
  'deliveredDate',
  'finished',
  'report',
  'visualized',
  'visualizedDate',
  'checkIn',
  'checkInDate',
  'checkOut',
  'checkOutDate',
  'checkinType',
  'keyWords',
  'inputedKm',
  'adoptedKm',
  'attachments',
  'questionnaires',
  'signatureUrl',
  'checkInDistance',
  'checkOutDistance',
  'survey',
  'taskUrl',
  'pendency',
  'dateLastUpdate',
  'ticketId',
  'ticketTitle',
  'signatureName',
  'signatureDocument',
  'expense',
  'taskStatus',
];
export const KEYS_LISTED: TaskPropName[] = [
  'taskID',
  'externalId',
  'idUserFrom',
  'userFromName',
  'idUserTo',
  'userToName',
  'customerId',
  'customerExternalId',
  'customerDescription',
  'taskType',
  'taskTypeDescription',
  'creationDate',
  'taskDate',
  'latitude',
  'longitude',
  'address',
  'orientation',
  'priority',
  'deliveredOnSmarthPhone',
  'deliveredDate',
  'finished',
  'report',
  'visualized',
  'visualizedDate',
  'checkIn',
  'checkInDate',
  'checkOut',
  'checkOutDate',
  'checkinType',
  'keyWords',
  'keyWordsDescriptions',
  'inputedKm',
  'adoptedKm',
  'attachments',
  'questionnaires',
  'equipmentsId',
  'signatureUrl',
  'checkInDistance',
  'checkOutDistance',
  'sendSatisfactionSurvey',
  'survey',
  'taskUrl',
  'pendency',
  'dateLastUpdate',
  'ticketId',
  'ticketTitle',
  'signatureName',
  'signatureDocument',
  'expense',
  'duration',
  'durationDecimal',
  'displacementStart',
  'products',
  'services',
  'additionalCosts',
  'summary',
  'estimatedDuration',
  'taskStatus',
  'financialCategory',
];

function shape(keys: TaskPropName[], id: string, over: Partial<Record<TaskPropName, TSchema>> = {}) {
  return Type.Object(Object.fromEntries(keys.map((k) => [k, over[k] ?? taskProps[k]])), { $id: id });
}

// The GET model and the POST/PUT examples print the cost `code` as a string ("456"); the
// list and the line upserts print a number (0).
const CostLineCodeString = Type.Object(costLineProps(Type.String()));

export const Task = shape(KEYS_GET, 'Task', { additionalCosts: Type.Array(CostLineCodeString) });
export const TaskCreated = shape(KEYS_WRITTEN, 'TaskCreated', { additionalCosts: Type.Array(CostLineCodeString) });
export const TaskUpserted = shape(KEYS_WRITTEN, 'TaskUpserted', {
  products: Type.Array(ProductLineUpserted),
  additionalCosts: Type.Array(CostLineCodeString),
});
export const TaskPatched = shape(KEYS_PATCHED, 'TaskPatched');
export const TaskLinesUpserted = shape(KEYS_LINES, 'TaskLinesUpserted');
export const TaskAttachmentsEdited = shape(KEYS_ATTACHMENTS, 'TaskAttachmentsEdited');
export const TaskListed = shape(KEYS_LISTED, 'TaskListed');

/** A task with every property; the service builds it once and each operation picks its keys. */
export interface FullTask {
  [k: string]: unknown;
}

export const taskExample = {
  taskID: 23,
  externalId: '123',
  idUserFrom: 1,
  userFromName: 'Paulo',
  idUserTo: 2,
  userToName: 'Colaborador sem ponto base',
  customerId: 456,
  customerExternalId: '10',
  customerDescription: 'Customer x',
  taskType: 23,
  taskTypeDescription: 'Instalação',
  creationDate: '2016-03-23T14:10:35',
  taskDate: '2016-03-23T18:00:00',
  latitude: -16.6872086111083,
  longitude: -49.2995542287827,
  address: 'avenue X',
  orientation: 'Go get a beer!',
  priority: 1,
  deliveredOnSmarthPhone: false,
  deliveredDate: '0001-01-01T00:00:00',
  finished: false,
  report: '',
  visualized: false,
  visualizedDate: '',
  checkIn: false,
  checkInDate: '',
  checkOut: false,
  checkOutDate: '',
  checkinType: 1,
  equipmentsId: [],
  keyWords: ['7'],
  keyWordsDescriptions: ['Urgente'],
  inputedKm: 0,
  adoptedKm: 0,
  attachments: [],
  questionnaires: [],
  signatureUrl: '',
  checkInDistance: 0,
  checkOutDistance: 0,
  sendSatisfactionSurvey: false,
  survey: 'http://localhost:3000/campo/v1/pesquisasatisfacao/formulario/054599ce-247b-4b34-8dbd-19d47d97de12',
  taskUrl: 'http://localhost:3000/campo/v1/informacoes/tarefa/054599ce-247b-4b34-8dbd-19d47d97de12?chave=Pre2sGfxpS63X24-PE1Ebg',
  pendency: '',
  dateLastUpdate: '2016-03-23T14:10:35',
  ticketId: 0,
  ticketTitle: '',
  signatureName: '',
  signatureDocument: '',
  expense: '0,00',
  duration: '',
  durationDecimal: '',
  displacementStart: '',
  products: [
    {
      productId: '63867f52-b262-410a-a409-cc25ba92ded1',
      code: '456',
      name: 'Filtro',
      description: 'Filtro de ar',
      quantity: 1,
      unitaryValue: 44,
      totalValue: 44,
      userResponsible: '00000000-0000-4000-8000-000000000001',
      userResponsibleCode: 1,
      dateRegister: '2016-03-23T14:10:35',
      dateEdit: '2016-03-23T14:10:35',
      discount: { value: 0, type: 'Valor' },
    },
  ],
  services: [],
  additionalCosts: [],
  summary: { totalProducts: 44, totalServices: 0, totalAdditionalCosts: 0, totalValue: 44, discount: { value: 0, type: 'Valor' } },
  estimatedDuration: '00:00:00',
  financialCategory: '',
  taskStatus: 1,
};

export function pickKeys(full: Record<string, unknown>, keys: TaskPropName[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, full[k]]));
}

export const JsonPatchBody = Type.Array(
  Type.Object({
    op: Type.String({ description: 'replace, add or remove' }),
    path: Type.String({ description: 'attribute name, with or without a leading slash' }),
    value: Type.Optional(Type.Unknown()),
  }),
  { $id: 'TaskJsonPatch' },
);

// ---- Field simulator (Campo extension) ----------------------------------------------------

const Coordinates = {
  latitude: Type.Optional(Type.Number()),
  longitude: Type.Optional(Type.Number()),
  accuracy: Type.Optional(Type.Number({ description: 'metres' })),
  batteryLevel: Type.Optional(Type.Number({ description: 'percent' })),
  date: Type.Optional(Type.String({ description: 'yyyy-MM-ddTHH:mm:ss; default now' })),
};
export const FieldEventBody = Type.Object({ date: Type.Optional(Type.String({ description: 'yyyy-MM-ddTHH:mm:ss; default now' })) });
export const CheckInBody = Type.Object(Coordinates);
export const CheckOutBody = Type.Object({
  ...Coordinates,
  finish: Type.Optional(Type.Boolean({ description: 'finish automatically on check-out (default true)' })),
});
export const TextBody = (field: string) => Type.Object({ [field]: Type.Optional(Type.String()) });
export const SignatureBody = Type.Object({
  name: Type.Optional(Type.String()),
  document: Type.Optional(Type.String()),
  image: Type.Optional(Type.String({ description: 'base64 image, with or without a data-URI prefix' })),
});
export const AnswersBody = Type.Object({
  answers: Type.Optional(
    Type.Array(
      Type.Object({
        questionId: Type.Optional(Type.Integer()),
        reply: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
      }),
    ),
  ),
});
export const KmBody = Type.Object({ km: Type.Optional(Decimal) });

/** The live `PUT /tasks/{id}/questionnaire-response` body (Portuguese names as the live service spells them). */
export const QuestionnaireResponseBody = Type.Object(
  {
    itemID: Type.Optional(
      Type.Union([Type.String(), Type.Integer()], { description: 'Item id of the answered questionnaire on the task' }),
    ),
    codigoChecklist: Type.Integer({ description: 'Questionnaire id' }),
    codigoPergunta: Type.Integer({ description: 'Question id (of that questionnaire)' }),
    resposta: Type.Union([Type.String(), Type.Number(), Type.Boolean()], { description: 'The reply' }),
    codigoEquipamento: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'Equipment id (must exist)' })),
  },
  { $id: 'QuestionnaireResponseBody' },
);
export type QuestionnaireResponseBody = Static<typeof QuestionnaireResponseBody>;

/** The live service's 202 answer to a questionnaire response (not wrapped in `result`). */
export const QuestionnaireResponseAccepted = Type.Object(
  {
    message: Type.String(),
    accepted: Type.Boolean(),
    estimatedProcessingTime: Type.Integer({ description: 'Seconds; Campo applies the answer before answering, so 0' }),
  },
  { $id: 'QuestionnaireResponseAccepted' },
);
export const ProductsUsedBody = Type.Object({
  products: Type.Optional(
    Type.Array(Type.Object({ productId: Type.Optional(Type.String(aliases('ProductId'))), quantity: Type.Optional(Decimal) })),
  ),
});
export const SurveyAnswerBody = Type.Object({
  email: Type.Optional(Type.String()),
  answers: Type.Optional(
    Type.Array(
      Type.Object({
        question: Type.Optional(Type.String()),
        answer: Type.Optional(Type.Union([Type.String(), Type.Number()])),
        score: Type.Optional(Type.Number()),
      }),
    ),
  ),
});
export type SurveyAnswerBody = Static<typeof SurveyAnswerBody>;
