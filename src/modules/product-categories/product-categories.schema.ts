import { type Static, Type } from 'typebox';

const categoryInput = {
  description: Type.String({ minLength: 1, description: 'Category description' }),
  externalId: Type.Optional(Type.String({ description: 'Identifier in the integrating system' })),
};

export const ProductCategoryCreate = Type.Object(categoryInput, { $id: 'ProductCategoryCreate' });
export type ProductCategoryCreate = Static<typeof ProductCategoryCreate>;

/** PUT body: matched by `id`, then `externalId`; otherwise created (D9). */
export const ProductCategoryUpsert = Type.Object(
  {
    id: Type.Optional(Type.Integer({ description: 'Update this category when it exists' })),
    externalId: categoryInput.externalId,
    description: Type.Optional(categoryInput.description),
  },
  { $id: 'ProductCategoryUpsert' },
);
export type ProductCategoryUpsert = Static<typeof ProductCategoryUpsert>;

/** PATCH paths: description and externalId (inventory 7 #50). */
export const ProductCategoryPatchable = Type.Object(
  { description: Type.String({ minLength: 1 }), externalId: Type.String() },
  { $id: 'ProductCategoryPatchable' },
);

const fields = { id: Type.Integer(), description: Type.String(), externalId: Type.String() };

/** GET: `{id, description, externalId}`. */
export const ProductCategory = Type.Object(
  { id: fields.id, description: fields.description, externalId: fields.externalId },
  { $id: 'ProductCategory' },
);
/** POST, PATCH and list: `{description, id, externalId}` (the documented key order). */
export const ProductCategoryWritten = Type.Object(
  { description: fields.description, id: fields.id, externalId: fields.externalId },
  { $id: 'ProductCategoryWritten' },
);
/** PUT: `{id, externalId, description}`. */
export const ProductCategoryUpserted = Type.Object(
  { id: fields.id, externalId: fields.externalId, description: fields.description },
  { $id: 'ProductCategoryUpserted' },
);
export type ProductCategoryDto = Static<typeof ProductCategory>;

/** paramFilter keys of the list (inventory 4.4). */
export const ProductCategoryFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String({ description: 'contains, any case' })),
  externalId: Type.Optional(Type.String({ description: 'exact' })),
});
export type ProductCategoryFilter = Static<typeof ProductCategoryFilter>;

export const productCategoryExample = { id: 42, description: 'Terêscio', externalId: '2016' };
