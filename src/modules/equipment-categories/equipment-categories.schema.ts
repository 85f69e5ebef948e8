import { type Static, Type } from 'typebox';

const categoryInput = {
  description: Type.String({ minLength: 1, description: 'Category description' }),
  externalId: Type.Optional(Type.String({ description: 'Identifier in the integrating system' })),
};

export const EquipmentCategoryCreate = Type.Object(categoryInput, { $id: 'EquipmentCategoryCreate' });
export type EquipmentCategoryCreate = Static<typeof EquipmentCategoryCreate>;

/** PUT body: matched by `id`, then `externalId`; otherwise created (D9). */
export const EquipmentCategoryUpsert = Type.Object(
  {
    id: Type.Optional(Type.Integer({ description: 'Update this category when it exists' })),
    externalId: categoryInput.externalId,
    description: Type.Optional(categoryInput.description),
  },
  { $id: 'EquipmentCategoryUpsert' },
);
export type EquipmentCategoryUpsert = Static<typeof EquipmentCategoryUpsert>;

/** PATCH paths: description and externalId (inventory 7 #50). */
export const EquipmentCategoryPatchable = Type.Object(
  { description: Type.String({ minLength: 1 }), externalId: Type.String() },
  { $id: 'EquipmentCategoryPatchable' },
);

const fields = { id: Type.Integer(), description: Type.String(), externalId: Type.String() };

/** GET: `{id, description, externalId}`. */
export const EquipmentCategory = Type.Object(
  { id: fields.id, description: fields.description, externalId: fields.externalId },
  { $id: 'EquipmentCategory' },
);
/** POST, PATCH and list: `{description, id, externalId}` (the documented key order). */
export const EquipmentCategoryWritten = Type.Object(
  { description: fields.description, id: fields.id, externalId: fields.externalId },
  { $id: 'EquipmentCategoryWritten' },
);
export type EquipmentCategoryDto = Static<typeof EquipmentCategory>;

/** paramFilter keys of the list (inventory 4.4). */
export const EquipmentCategoryFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String({ description: 'contains, any case' })),
  externalId: Type.Optional(Type.String({ description: 'exact' })),
});
export type EquipmentCategoryFilter = Static<typeof EquipmentCategoryFilter>;

export const equipmentCategoryExample = { id: 42, description: 'Terêscio', externalId: '2016' };
