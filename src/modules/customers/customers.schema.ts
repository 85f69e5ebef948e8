import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';

// ---- Input --------------------------------------------------------------------------------

// Several phone numbers / e-mails: an array (documented) or one comma-separated string.
const StringOrList = Type.Union([Type.Array(Type.String()), Type.String()]);
// Referenced ids must exist in the account; 0 means "none" (the documented example sends [0]).
const RefIds = (description: string) => Type.Array(Type.Integer({ minimum: 0 }), { description });

export const AttachmentUpload = Type.Object({
  name: Type.String({ description: 'File name WITH its extension, e.g. "my_file.pdf"' }),
  file: Type.String({ description: 'The file contents in base64 (a data-URI prefix is accepted)' }),
});

const ContactIn = Type.Object({
  id: Type.Optional(Type.Integer({ description: 'PUT only: updates this existing contact of the customer' })),
  name: Type.String({ minLength: 1 }),
  email: Type.Optional(Type.String()),
  jobPosition: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
});

/** Every attribute a customer write may carry except the name (its key differs per operation). */
const customerInputProperties = {
  externalId: Type.Optional(Type.String()),
  cpfCnpj: Type.Optional(Type.String()),
  phoneNumber: Type.Optional(StringOrList),
  email: Type.Optional(StringOrList),
  manager: Type.Optional(Type.String()),
  managerJobPosition: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  address: Type.Optional(Type.String()),
  // Typed string in the attribute list, number in the examples (inventory 7 #22): both accepted.
  latitude: Type.Optional(Type.Number()),
  longitude: Type.Optional(Type.Number()),
  maximumVisitTime: Type.Optional(Type.Number()),
  // The attribute list spells UnitMaximumTime (7 #23); keys are case-insensitive anyway.
  unitMaximumTime: Type.Optional(Type.Number()),
  groupsId: Type.Optional(RefIds('Customer group ids (must exist)')),
  managerTeamsId: Type.Optional(RefIds('Team ids (must exist)')),
  managersId: Type.Optional(RefIds('User ids (must exist)')),
  segmentId: Type.Optional(Type.Integer({ minimum: 0, description: 'Segment id (must exist); 0 = none' })),
  // `?boolean` in the schema: null leaves the flag as it is.
  active: Type.Optional(Type.Unsafe<boolean | null>({ type: ['boolean', 'null'] })),
  // Auvo's spelling; the correct spelling is accepted too (7 #2).
  adressComplement: Type.Optional(Type.String(aliases('addressComplement'))),
  // The PUT schema spells it `contactes` (7 #24).
  contacts: Type.Optional(Type.Array(ContactIn, aliases('contactes'))),
  attachments: Type.Optional(Type.Array(AttachmentUpload)),
};

// POST requires `name`; `description` (the GET spelling) is accepted too (7 #1).
export const CustomerCreate = Type.Object(
  { name: Type.String({ minLength: 1, description: 'Customer name', ...aliases('description') }), ...customerInputProperties },
  { $id: 'CustomerCreate' },
);
export type CustomerCreate = Static<typeof CustomerCreate>;

// PUT names the customer `description` (required when it creates); `name` is accepted too.
export const CustomerUpsert = Type.Object(
  {
    id: Type.Optional(Type.Integer({ description: 'Update this customer when it exists' })),
    description: Type.Optional(Type.String({ minLength: 1, description: 'Customer name (required when creating)', ...aliases('name') })),
    ...customerInputProperties,
  },
  { $id: 'CustomerUpsert' },
);
export type CustomerUpsert = Static<typeof CustomerUpsert>;

/** The attributes PATCH may touch (C4); the example patches `description`, the list says `name`. */
export const CustomerPatchable = Type.Object(
  {
    externalId: Type.String(),
    name: Type.String({ minLength: 1, ...aliases('description') }),
    phoneNumber: StringOrList,
    email: StringOrList,
    manager: Type.String(),
    managerJobPosition: Type.String(),
    note: Type.String(),
    address: Type.String(),
    latitude: Type.Number(),
    longitude: Type.Number(),
    maximumVisitTime: Type.Number(),
    unitMaximumTime: Type.Number(),
    cpfCnpj: Type.String(),
    groupsId: Type.Array(Type.Integer({ minimum: 0 })),
    managerTeamsId: Type.Array(Type.Integer({ minimum: 0 })),
    managersId: Type.Array(Type.Integer({ minimum: 0 })),
    segmentId: Type.Integer({ minimum: 0 }),
    active: Type.Boolean(),
    adressComplement: Type.String(aliases('addressComplement')),
  },
  { $id: 'CustomerPatchable' },
);
export type CustomerPatchable = Static<typeof CustomerPatchable>;

export const CustomerAttachmentsBody = Type.Object(
  {
    removeAllAttachmentsInsertedByMe: Type.Optional(
      Type.Boolean({ description: 'Remove the attachments earlier sent through the API first' }),
    ),
    attachments: Type.Optional(Type.Array(AttachmentUpload)),
  },
  { $id: 'CustomerAttachmentsBody' },
);
export type CustomerAttachmentsBody = Static<typeof CustomerAttachmentsBody>;

// ---- Output -------------------------------------------------------------------------------

// Contact keys: GET orders them id, name, jobPosition, email, phone; POST, PUT and the list
// id, name, email, jobPosition, phone.
const ContactRead = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  jobPosition: Type.String(),
  email: Type.String(),
  phone: Type.String(),
});
const ContactWritten = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  jobPosition: Type.String(),
  phone: Type.String(),
});

const details = {
  cpfCnpj: Type.String(),
  phoneNumber: Type.Array(Type.String()),
  email: Type.Array(Type.String()),
  manager: Type.String(),
  managerJobPosition: Type.String(),
  note: Type.String(),
  address: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  maximumVisitTime: Type.Number(),
  unitMaximumTime: Type.Number(),
  groupsId: Type.Array(Type.Integer()),
  managerTeamsId: Type.Array(Type.Integer()),
  managersId: Type.Array(Type.Integer()),
  segmentId: Type.Integer({ description: '0 when the customer has no segment' }),
  active: Type.Boolean(),
};
const id = { id: Type.Integer(), externalId: Type.String() };
const dates = { creationDate: Type.String(), dateLastUpdate: Type.String() };
const uriAnexos = Type.Array(Type.String(), { description: 'URLs of the attachments' });

// Each operation's documented key order and spellings (inventory 7 #1, #2): the name is
// `description` on GET/list/PUT/group clients and `name` on POST/PATCH/attachments; the
// complement is `adressComplement` on GET/POST/list and `AdressComplement` elsewhere.
export const Customer = Type.Object(
  {
    ...id,
    description: Type.String(),
    ...details,
    adressComplement: Type.String(),
    creationDate: Type.String(),
    contacts: Type.Array(ContactRead),
    dateLastUpdate: Type.String(),
    uriAnexos,
  },
  { $id: 'Customer' },
);
export const CustomerCreated = Type.Object(
  {
    ...id,
    name: Type.String(),
    ...details,
    adressComplement: Type.String(),
    creationDate: Type.String(),
    contacts: Type.Array(ContactWritten),
    dateLastUpdate: Type.String(),
    uriAnexos,
  },
  { $id: 'CustomerCreated' },
);
export const CustomerUpserted = Type.Object(
  {
    ...id,
    description: Type.String(),
    ...details,
    AdressComplement: Type.String(),
    ...dates,
    contacts: Type.Array(ContactWritten),
    uriAnexos,
  },
  { $id: 'CustomerUpserted' },
);
export const CustomerPatched = Type.Object(
  { ...id, name: Type.String(), ...details, AdressComplement: Type.String(), ...dates },
  { $id: 'CustomerPatched' },
);
export const CustomerWithAttachments = Type.Object(
  { ...id, name: Type.String(), ...details, AdressComplement: Type.String(), ...dates, uriAnexos },
  { $id: 'CustomerWithAttachments' },
);
export const CustomerListed = Type.Object(
  {
    ...id,
    description: Type.String(),
    ...details,
    adressComplement: Type.String(),
    ...dates,
    contacts: Type.Array(ContactWritten),
    uriAnexos,
  },
  { $id: 'CustomerListed' },
);
export const CustomerGroupClient = Type.Object(
  { ...id, description: Type.String(), ...details, AdressComplement: Type.String() },
  { $id: 'CustomerGroupClient' },
);

/** paramFilter keys of GET /customers/ (inventory 4.3). */
export const CustomerFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String({ description: 'name contains (any case)' })),
  segmentId: Type.Optional(Type.Integer()),
  creationDate: Type.Optional(Type.String({ description: 'created at or after, yyyy-MM-ddTHH:mm:ss or yyyy-MM-dd' })),
  dateLastUpdate: Type.Optional(Type.String({ description: 'changed at or after, yyyy-MM-ddTHH:mm:ss or yyyy-MM-dd' })),
  groupId: Type.Optional(Type.Integer()),
  active: Type.Optional(Type.Boolean()),
  externalId: Type.Optional(Type.String({ description: 'one or more, comma-separated' })),
});
export type CustomerFilter = Static<typeof CustomerFilter>;

const contactExample = { id: 23328, name: 'contact.name', jobPosition: '', email: 'contact.email@gmail.com', phone: '' };
const writtenContact = ({ id: cid, name, email, jobPosition, phone }: typeof contactExample) => ({
  id: cid,
  name,
  email,
  jobPosition,
  phone,
});
const detailsExample = {
  cpfCnpj: '90614997000162',
  phoneNumber: ['5566123123'],
  email: ['terenscio@customer.com'],
  manager: 'Oristides',
  managerJobPosition: 'Manager',
  note: 'nothing to say',
  address: 'lake yululu',
  latitude: -16.6872086111083,
  longitude: -49.2995542287827,
  maximumVisitTime: 1,
  unitMaximumTime: 1,
  groupsId: [3],
  managerTeamsId: [7],
  managersId: [52205],
  segmentId: 1,
  active: false,
};
const uriExample = ['https://campo.example.com/campo/v1/files/pTq3sVd0l9Ew2mJ8cX1yZ4bN7aK6fH5g/image.jpeg'];

export const customerExamples: Record<string, unknown> = {
  get: {
    id: 42,
    externalId: '906',
    description: 'Terêscio',
    ...detailsExample,
    adressComplement: 'adress complemente',
    creationDate: '2019-04-15T15:00:00',
    contacts: [contactExample],
    dateLastUpdate: '2020-04-23T15:57:08',
    uriAnexos: uriExample,
  },
  created: {
    id: 42,
    externalId: '906',
    name: 'Terêscio',
    ...detailsExample,
    adressComplement: 'adress complemente',
    creationDate: '2019-04-15T15:00:00',
    contacts: [writtenContact(contactExample)],
    dateLastUpdate: '2019-04-15T15:00:00',
    uriAnexos: uriExample,
  },
  upserted: {
    id: 42,
    externalId: '906',
    description: 'Terêscio',
    ...detailsExample,
    AdressComplement: 'adress complemente',
    creationDate: '2019-04-15T15:00:00',
    dateLastUpdate: '2019-04-15T15:00:00',
    contacts: [writtenContact(contactExample)],
    uriAnexos: uriExample,
  },
  patched: {
    id: 42,
    externalId: '906',
    name: 'Terêscio',
    ...detailsExample,
    AdressComplement: 'adress complement',
    creationDate: '2019-04-15T15:00:00',
    dateLastUpdate: '2019-04-15T15:00:00',
  },
  list: {
    entityList: [
      {
        id: 42,
        externalId: '906',
        description: 'Terêscio',
        ...detailsExample,
        adressComplement: 'adress complemente',
        creationDate: '2019-04-15T15:00:00',
        dateLastUpdate: '2019-04-15T15:00:00',
        contacts: [writtenContact(contactExample)],
        uriAnexos: uriExample,
      },
    ],
    pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
    links: [
      { href: 'https://api.auvo.com.br/v2/Customers?Page=1&PageSize=1&Order=Asc', rel: 'self', method: 'GET' },
      { href: 'https://api.auvo.com.br/v2/Customers?Page=2&PageSize=1&Order=Asc', rel: 'nextPage', method: 'GET' },
    ],
  },
  groupClient: { id: 42, externalId: '906', description: 'Terêscio', ...detailsExample, AdressComplement: 'adress complemente' },
  attachments: {
    id: 42,
    externalId: '906',
    name: 'Terêscio',
    ...detailsExample,
    AdressComplement: 'adress complemente',
    creationDate: '2019-04-15T15:00:00',
    dateLastUpdate: '2019-04-15T15:00:00',
    uriAnexos: uriExample,
  },
};
