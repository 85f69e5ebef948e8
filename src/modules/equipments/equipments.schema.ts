import { type Static, Type } from 'typebox';

const RefId = (what: string) => Type.Integer({ minimum: 0, description: `${what} id; 0 = none` });
const LocalDate = Type.Union([Type.String(), Type.Null()], { description: 'yyyy-MM-ddTHH:mm:ss (server time zone); null or "" = none' });
export const Specification = Type.Object({ name: Type.String({ minLength: 1 }), specification: Type.String() });
/** `{name, file}` uploads; checked (name with extension, base64) by the shared file store. */
export const Uploads = Type.Array(Type.Unknown(), { description: '[{"name": "my_file.pdf", "file": "<base64>"}]' });
const Image = Type.String({ description: 'Image as base64, with or without a data-URI prefix ("data:image/jpeg;base64,...")' });

// The write schemas are PascalCase in the blueprint (ParentEquipmentId, Base64Image, ...) while
// the attributes are camelCase: keys are matched case-insensitively (inventory 7 #35).
const equipmentInput = {
  name: Type.String({ minLength: 1 }),
  externalId: Type.Optional(Type.String()),
  parentEquipmentId: Type.Optional(RefId('Parent equipment')),
  associatedCustomerId: Type.Optional(RefId('Customer')),
  associatedUserId: Type.Optional(RefId('User')),
  categoryId: Type.Optional(RefId('Equipment category')),
  description: Type.Optional(Type.String()),
  identifier: Type.Optional(Type.String()),
  base64Image: Type.Optional(Image),
  expirationDate: Type.Optional(LocalDate),
  equipmentSpecifications: Type.Optional(Type.Array(Specification)),
  attachments: Type.Optional(Uploads),
  active: Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { description: 'Default true' })),
  warrantyStartDate: Type.Optional(LocalDate),
  warrantyEndDate: Type.Optional(LocalDate),
};

export const EquipmentCreate = Type.Object(equipmentInput, { $id: 'EquipmentCreate' });
export type EquipmentCreate = Static<typeof EquipmentCreate>;

/** PUT body (Campo extension): matched by `id`, then `externalId`; otherwise created. */
export const EquipmentUpsert = Type.Object(
  {
    id: Type.Optional(Type.Integer({ description: 'Update this equipment when it exists' })),
    ...equipmentInput,
    name: Type.Optional(equipmentInput.name),
  },
  { $id: 'EquipmentUpsert' },
);
export type EquipmentUpsert = Static<typeof EquipmentUpsert>;
export type EquipmentInput = Omit<EquipmentUpsert, 'id'>;

/** PATCH paths (EQ5); `base64Image` "" keeps the current image. */
export const EquipmentPatchable = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    externalId: Type.String(),
    parentEquipmentId: RefId('Parent equipment'),
    associatedCustomerId: RefId('Customer'),
    associatedUserId: RefId('User'),
    categoryId: RefId('Equipment category'),
    description: Type.String(),
    identifier: Type.String(),
    base64Image: Type.String(),
    expirationDate: LocalDate,
    equipmentSpecifications: Type.Array(Specification),
    active: Type.Boolean(),
    warrantyStartDate: LocalDate,
    warrantyEndDate: LocalDate,
  },
  { $id: 'EquipmentPatchable' },
);

export const EquipmentAttachmentsBody = Type.Object(
  {
    removeAllAttachmentsInsertedByMe: Type.Optional(Type.Boolean({ description: 'Remove the files added through the API first' })),
    attachments: Type.Optional(Uploads),
  },
  { $id: 'EquipmentAttachments' },
);
export type EquipmentAttachmentsBody = Static<typeof EquipmentAttachmentsBody>;

const NullableDate = Type.Union([Type.String(), Type.Null()], { description: 'yyyy-MM-ddTHH:mm:ss, null when unset' });

/** Inventory 3.8, in the documented key order, warranty dates in every response (7 #35). */
export const Equipment = Type.Object(
  {
    externalId: Type.String(),
    parentEquipmentId: Type.Integer({ description: '0 = none' }),
    associatedCustomerId: Type.Integer({ description: '0 = none' }),
    associatedUserId: Type.Integer({ description: '0 = none' }),
    categoryId: Type.Integer({ description: '0 = none' }),
    name: Type.String(),
    identifier: Type.String(),
    urlImage: Type.String({ description: 'URL of the stored image, "" when none' }),
    uriAnexos: Type.Array(Type.String(), { description: 'URLs of the attachments' }),
    active: Type.Boolean(),
    creationDate: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss' }),
    expirationDate: NullableDate,
    equipmentSpecifications: Type.Array(Type.Object({ name: Type.String(), specification: Type.String() })),
    id: Type.Integer(),
    description: Type.String(),
    warrantyStartDate: NullableDate,
    warrantyEndDate: NullableDate,
  },
  { $id: 'Equipment' },
);
export type EquipmentDto = Static<typeof Equipment>;

/** paramFilter keys of GET /equipments/ (inventory 4.6). */
export const EquipmentFilter = Type.Object({
  name: Type.Optional(Type.String({ description: 'contains, any case' })),
  externalId: Type.Optional(Type.String({ description: 'exact' })),
  parentEquipmentId: Type.Optional(Type.Integer()),
  associatedCustomerId: Type.Optional(Type.Integer()),
  associatedUserId: Type.Optional(Type.Integer()),
  categoryId: Type.Optional(Type.Integer()),
  identifier: Type.Optional(Type.String({ description: 'exact' })),
  active: Type.Optional(Type.Boolean()),
});
export type EquipmentFilter = Static<typeof EquipmentFilter>;

export const equipmentExample: EquipmentDto = {
  externalId: '123',
  parentEquipmentId: 0,
  associatedCustomerId: 0,
  associatedUserId: 0,
  categoryId: 0,
  name: 'umdoistresquatroumdoistresquatr',
  identifier: 'a1b2c3',
  urlImage: 'https://campo.example.com/campo/v1/files/Zx81kQ9m2Zf7YxVt1nWcR4eHs8uLdA6p/image.jpg',
  uriAnexos: ['https://campo.example.com/campo/v1/files/3bq0kQ9m2Zf7YxVt1nWcR4eHs8uLdA6p/manual.pdf'],
  active: true,
  creationDate: '2019-05-13T12:27:17',
  expirationDate: '2019-01-01T01:01:01',
  equipmentSpecifications: [{ name: 'cor', specification: 'azul' }],
  id: 127765,
  description: 'descricao',
  warrantyStartDate: '2024-01-01T00:00:00',
  warrantyEndDate: '2025-01-01T00:00:00',
};
