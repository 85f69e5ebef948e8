import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';

// ---- Input ---------------------------------------------------------------------------------

const NumberLike = Type.Union([Type.Integer(), Type.String()]);
const Uploads = Type.Array(Type.Unknown(), { description: '[{"name": "my_file.pdf", "file": "<base64>"}]' });

const CustomFieldValueIn = Type.Object({
  customFieldTicket: Type.Object({ id: Type.Integer({ description: 'Custom field id' }) }),
  value: Type.String({ description: 'Text, "sim", a date, a time, a decimal, a choice id or several choice ids comma-separated' }),
});

const ticketInputProperties = {
  title: Type.Optional(Type.String({ minLength: 1 })),
  description: Type.Optional(Type.String({ minLength: 1 })),
  priority: Type.Optional(
    Type.Union([Type.Integer(), Type.String()], { description: '1 high, 2 medium, 3 low (number or numeric string)' }),
  ),
  requesterEmail: Type.Optional(Type.String({ minLength: 1 })),
  requesterName: Type.Optional(Type.String()),
  requestTypeId: Type.Optional(Type.Integer({ description: '0 = none' })),
  customerId: Type.Optional(Type.Integer({ description: '0 = none' })),
  teamId: Type.Optional(Type.Integer({ description: '0 = none' })),
  userResponsableId: Type.Optional(Type.Integer({ description: '0 = none', ...aliases('userResponsibleId') })),
  statusId: Type.Optional(Type.Integer({ description: 'Default: the first status of type Abertura (2), else the first status' })),
  equipmentId: Type.Optional(Type.Integer({ description: '0 = none' })),
  customFields: Type.Optional(Type.Array(CustomFieldValueIn)),
  // Campo extensions on the documented POST body.
  origin: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 3, description: 'Extension. 1 Email, 2 Interno (default), 3 PaginaSolicitacao' }),
  ),
  taskIDs: Type.Optional(Type.Array(Type.Integer(), { description: 'Extension. Tasks linked to the ticket', ...aliases('taskIds') })),
};

/** TK3: the documented body; the first four attributes are required. */
export const TicketCreate = Type.Object(
  {
    ...ticketInputProperties,
    title: Type.String({ minLength: 1 }),
    description: Type.String({ minLength: 1 }),
    priority: Type.Union([Type.Integer(), Type.String()], { description: '1 high, 2 medium, 3 low (number or numeric string)' }),
    requesterEmail: Type.String({ minLength: 1 }),
  },
  { $id: 'TicketCreate' },
);
export type TicketCreate = Static<typeof TicketCreate>;
export type TicketInput = Partial<TicketCreate>;

/** PATCH paths (extension). `taskIDs` and `customFields` replace the whole list. */
export const TicketPatchable = Type.Object(
  {
    title: Type.String({ minLength: 1 }),
    description: Type.String({ minLength: 1 }),
    priority: NumberLike,
    requesterEmail: Type.String({ minLength: 1 }),
    requesterName: Type.String(),
    requestTypeId: Type.Integer(),
    customerId: Type.Integer(),
    teamId: Type.Integer(),
    userResponsableId: Type.Integer(aliases('userResponsibleId')),
    statusId: Type.Integer(),
    equipmentId: Type.Integer(),
    customFields: Type.Array(CustomFieldValueIn),
    taskIDs: Type.Array(Type.Integer(), aliases('taskIds')),
  },
  { $id: 'TicketPatchable' },
);

export const TicketInteractionCreate = Type.Object(
  {
    message: Type.String({ minLength: 1 }),
    title: Type.Optional(Type.String()),
    interactionType: Type.Optional(Type.String({ description: 'Default "Interno"' })),
    emailContact: Type.Optional(Type.String()),
    emailContactName: Type.Optional(Type.String()),
    emailReference: Type.Optional(Type.String()),
    attachments: Type.Optional(Uploads),
  },
  { $id: 'TicketInteractionCreate' },
);
export type TicketInteractionCreate = Static<typeof TicketInteractionCreate>;

export const TicketAttachmentsBody = Type.Object(
  { removeAllAttachmentsInsertedByMe: Type.Optional(Type.Boolean()), attachments: Type.Optional(Uploads) },
  { $id: 'TicketAttachmentsBody' },
);
export type TicketAttachmentsBody = Static<typeof TicketAttachmentsBody>;

// ---- Output (TK1 / TK2; spellings kept: userResponsable*, emailMenssageId, descripton) -----

const ChoiceItem = Type.Object({
  id: Type.Integer(),
  field: Type.Integer(),
  description: Type.String(),
  order: Type.Integer(),
  creationDate: Type.String(),
  removed: Type.Boolean(),
});

export const TicketCustomField = Type.Object(
  {
    id: Type.Integer(),
    order: Type.Integer(),
    title: Type.String(),
    fieldType: Type.String(),
    fieldVisibility: Type.String(),
    description: Type.String(),
    primary: Type.Boolean(),
    required: Type.Boolean(),
    removed: Type.Boolean(),
    creationDate: Type.String(),
    multipleChoiceItems: Type.Array(ChoiceItem),
  },
  { $id: 'TicketCustomField' },
);
export type TicketCustomFieldDto = Static<typeof TicketCustomField>;

export const TicketInteraction = Type.Object(
  {
    id: Type.Integer(),
    ticketId: Type.Integer(),
    creationDate: Type.String(),
    userId: Type.Integer(),
    userName: Type.String(),
    title: Type.String(),
    message: Type.String(),
    interactionType: Type.String(),
    emailMenssageId: Type.String(),
    emailContact: Type.String(),
    emailContactName: Type.String(),
    emailReference: Type.String(),
    urlAttachments: Type.Array(Type.String()),
  },
  { $id: 'TicketInteraction' },
);
export type TicketInteractionDto = Static<typeof TicketInteraction>;

const Alteration = Type.Object({
  alterationType: Type.Integer({
    description:
      '1 status, 2 responsible user, 3 team, 4 priority, 5 customer, 6 request type, 7 title, 8 description, 9 equipment, 10 requester, 11 linked tasks, 12 custom field',
  }),
  alterationDate: Type.String(),
  userId: Type.Integer(),
  userName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  helper: Type.String(),
  toDescription: Type.String(),
  helperDescription: Type.String(),
  fromDescription: Type.String(),
});

const ticketProperties = {
  id: Type.Integer(),
  creationDate: Type.String(),
  teamId: Type.Integer(),
  teamName: Type.String(),
  userCreatorId: Type.Integer(),
  userCreatorName: Type.String(),
  userResponsableId: Type.Integer(),
  userResponsableName: Type.String(),
  title: Type.String(),
  customerId: Type.Integer({ description: '0 = none (the model prints a placeholder string)' }),
  customerName: Type.String(),
  customerEmail: Type.String(),
  customerPhoneNumber: Type.String(),
  equipmentId: Type.Integer(),
  requestTypeDescription: Type.String(),
  priority: Type.String({ description: '"1" high, "2" medium, "3" low' }),
  description: Type.String(),
  statusDescription: Type.String(),
  statusType: Type.String({ description: 'Normal, Abertura, Pausa, Cancelamento, Encerramento, AguardandoAtendente or AguardandoCliente' }),
  endDate: Type.String({ description: 'When the ticket was closed or cancelled; "" while open' }),
  emailMenssageId: Type.String(),
  requesterEmail: Type.String(),
  requesterName: Type.String(),
  taskIDs: Type.Array(Type.Integer()),
  urlAttachments: Type.Array(Type.String()),
  customFields: Type.Array(Type.Object({ value: Type.String(), valueDescription: Type.String(), customFieldTicket: TicketCustomField })),
  alterations: Type.Array(Alteration),
  interactions: Type.Array(TicketInteraction),
};

const StatusAlteration = Type.Object({
  id: Type.Integer(),
  descripton: Type.String(),
  checkIn: Type.String(),
  checkOut: Type.String({ description: '"" while the ticket is still in that status' }),
});

/** TK1 (and the TK3 answer): the list form plus `statusAlterations`. */
export const Ticket = Type.Object({ ...ticketProperties, statusAlterations: Type.Array(StatusAlteration) }, { $id: 'Ticket' });
export type TicketDto = Static<typeof Ticket>;
/** TK2 items: no `statusAlterations`. */
export const TicketListed = Type.Object(ticketProperties, { $id: 'TicketListed' });
export type TicketListedDto = Static<typeof TicketListed>;

const Multi = Type.Union([Type.String(), Type.Number(), Type.Array(Type.Union([Type.String(), Type.Number()]))]);

export const TicketFilter = Type.Object({
  ids: Type.Optional(Multi),
  startDate: Type.Optional(Type.String()),
  endDate: Type.Optional(Type.String()),
  Status: Type.Optional(Multi),
  ResponsableUsersIds: Type.Optional(Multi),
  TeamId: Type.Optional(Multi),
  CustomerGroupId: Type.Optional(Type.Integer()),
  Origems: Type.Optional(Type.Union([Type.Array(Type.Integer()), Type.Integer()])),
  OpeningResponsableUsersId: Type.Optional(Multi),
  SearchTasks: Type.Optional(Type.Boolean()),
  SearchModifications: Type.Optional(Type.Boolean()),
  SearchInteractions: Type.Optional(Type.Boolean()),
  SearchCustomFields: Type.Optional(Type.Boolean()),
});
export type TicketFilter = Static<typeof TicketFilter>;

// ---- Catalogues (extension) ----------------------------------------------------------------

export const TicketStatus = Type.Object(
  { id: Type.Integer(), description: Type.String(), statusType: Type.Integer({ minimum: 1, maximum: 7 }) },
  { $id: 'TicketStatus' },
);
export const TicketStatusCreate = Type.Object(
  {
    description: Type.String({ minLength: 1 }),
    statusType: Type.Integer({
      minimum: 1,
      maximum: 7,
      description: '1 Normal, 2 Abertura, 3 Pausa, 4 Cancelamento, 5 Encerramento, 6 AguardandoAtendente, 7 AguardandoCliente',
    }),
  },
  { $id: 'TicketStatusCreate' },
);
export type TicketStatusCreate = Static<typeof TicketStatusCreate>;

export const TicketRequestType = Type.Object({ id: Type.Integer(), description: Type.String() }, { $id: 'TicketRequestType' });

// The live service's unpaged catalogues (GET /tickets/status, /tickets/request-type) add `name`.
const liveName = Type.String({ description: 'The description again, as the live service answers it' });
export const TicketStatusLive = Type.Object(
  { id: Type.Integer(), description: Type.String(), name: liveName, statusType: Type.Integer({ minimum: 1, maximum: 7 }) },
  { $id: 'TicketStatusLive' },
);
export const TicketRequestTypeLive = Type.Object(
  { id: Type.Integer(), description: Type.String(), name: liveName },
  { $id: 'TicketRequestTypeLive' },
);
export const TicketRequestTypeCreate = Type.Object({ description: Type.String({ minLength: 1 }) }, { $id: 'TicketRequestTypeCreate' });
export type TicketRequestTypeCreate = Static<typeof TicketRequestTypeCreate>;

export const TicketCustomFieldCreate = Type.Object(
  {
    title: Type.String({ minLength: 1 }),
    fieldType: Type.String({ minLength: 1, description: 'Free text naming the kind of field; choice fields list multipleChoiceItems' }),
    fieldVisibility: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    order: Type.Optional(Type.Integer({ description: 'Default: after the last field' })),
    primary: Type.Optional(Type.Boolean()),
    required: Type.Optional(Type.Boolean({ description: 'A ticket created without a value for it answers 400' })),
    multipleChoiceItems: Type.Optional(
      Type.Array(Type.Object({ description: Type.String({ minLength: 1 }), order: Type.Optional(Type.Integer()) })),
    ),
  },
  { $id: 'TicketCustomFieldCreate' },
);
export type TicketCustomFieldCreate = Static<typeof TicketCustomFieldCreate>;

// ---- Examples ------------------------------------------------------------------------------

export const ticketCustomFieldExample: TicketCustomFieldDto = {
  id: 1,
  order: 2,
  title: 'something',
  fieldType: 'something',
  fieldVisibility: 'something',
  description: 'something',
  primary: false,
  required: false,
  removed: false,
  creationDate: '2016-03-23T18:10:00',
  multipleChoiceItems: [{ id: 1, field: 1, description: 'something', order: 3, creationDate: '2016-03-23T18:10:00', removed: false }],
};

export const ticketInteractionExample: TicketInteractionDto = {
  id: 1,
  ticketId: 42,
  creationDate: '2016-03-23T18:10:00',
  userId: 1,
  userName: 'job',
  title: 'something',
  message: 'something',
  interactionType: 'Interno',
  emailMenssageId: '',
  emailContact: 'something',
  emailContactName: 'something',
  emailReference: 'something',
  urlAttachments: ['https://repositoriodeimagens.com.br/nomedaimagem.jpg'],
};

export const ticketListedExample: TicketListedDto = {
  id: 42,
  creationDate: '2016-03-23T18:10:00',
  teamId: 2,
  teamName: 'Terêscio',
  userCreatorId: 2,
  userCreatorName: 'something',
  userResponsableId: 2,
  userResponsableName: 'something',
  title: 'something',
  customerId: 6403213,
  customerName: 'something',
  customerEmail: 'something',
  customerPhoneNumber: '123456789',
  equipmentId: 12,
  requestTypeDescription: 'something',
  priority: '2',
  description: 'something',
  statusDescription: 'something',
  statusType: 'Encerramento',
  endDate: '2016-03-23T18:10:00',
  emailMenssageId: 'something',
  requesterEmail: 'something',
  requesterName: 'something',
  taskIDs: [1, 2, 3],
  urlAttachments: ['https://repositoriodeimagens.com.br/nomedaimagem.jpg'],
  customFields: [{ value: 'something', valueDescription: 'something', customFieldTicket: ticketCustomFieldExample }],
  alterations: [
    {
      alterationType: 1,
      alterationDate: '2016-03-23T18:10:00',
      userId: 1,
      userName: 'job',
      from: '47100',
      to: '47101',
      helper: '5',
      toDescription: 'something',
      helperDescription: 'Encerramento',
      fromDescription: 'something',
    },
  ],
  interactions: [ticketInteractionExample],
};

export const ticketExample: TicketDto = {
  ...ticketListedExample,
  statusAlterations: [
    { id: 58542, descripton: 'Aguardando Atendimento', checkIn: '2024-11-13T09:11:54', checkOut: '2024-11-13T10:23:19' },
    { id: 72240, descripton: 'Aguardando Atendente', checkIn: '2024-11-13T10:23:18', checkOut: '2024-11-13T15:07:25' },
  ],
};
