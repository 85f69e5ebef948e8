import { type Static, Type } from 'typebox';
import { liveSpelling } from '../../core/schemas.js';
import { aliases } from '../../core/keys.js';

/** Products also carry a GUID `productId` (what task items reference). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Money = Type.Union([Type.Number(), Type.String()], { description: 'Decimal: 12, 12.5, "12,00", "12.00" or "1.234,56"' });
const Quantity = Type.Union([Type.Number(), Type.String()], { description: 'Number or decimal string ("30", "2,5")' });
const RefId = (what: string) => Type.Integer({ minimum: 0, description: `${what} id; 0 = none` });
// The examples write `Specification` (capital S) and the attributes `specification`: keys are case-insensitive.
const SpecificationIn = Type.Object({ name: Type.String({ minLength: 1 }), specification: Type.String() });
const EmployeeStockIn = Type.Object({ userId: Type.Integer({ description: 'The employee' }), amount: Quantity });
const Uploads = Type.Array(Type.Unknown(), { description: '[{"name": "my_file.pdf", "file": "<base64>"}]' });

const productInput = {
  name: Type.String({ minLength: 1 }),
  externalId: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  categoryId: Type.Optional(RefId('Product category')),
  associatedEquipmentId: Type.Optional(RefId('Equipment')),
  unitaryValue: Type.Optional(Money),
  unitaryCost: Type.Optional(Money),
  minimumStock: Type.Optional(Quantity),
  totalStock: Type.Optional(Quantity),
  active: Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { description: 'Default true' })),
  base64Image: Type.Optional(
    Type.String({ description: 'Image as base64, with or without a data-URI prefix (the examples send `Base64Image`)' }),
  ),
  productSpecifications: Type.Optional(Type.Array(SpecificationIn)),
  employeesStock: Type.Optional(Type.Array(EmployeeStockIn, { description: 'Quantity each employee holds' })),
  attachments: Type.Optional(Uploads),
};

export const ProductCreate = Type.Object(productInput, { $id: 'ProductCreate' });
export type ProductCreate = Static<typeof ProductCreate>;

/** PUT body (Campo extension): matched by `id`/`code`, then `productId`, then `externalId`. */
export const ProductUpsert = Type.Object(
  {
    id: Type.Optional(Type.Integer({ description: 'The product code to update', ...aliases('code') })),
    productId: Type.Optional(Type.String({ description: 'The product GUID to update' })),
    ...productInput,
    name: Type.Optional(productInput.name),
  },
  { $id: 'ProductUpsert' },
);
export type ProductUpsert = Static<typeof ProductUpsert>;
export type ProductInput = Omit<ProductUpsert, 'id' | 'productId'>;

/** PATCH paths (P5); `base64Image` "" keeps the current image. */
export const ProductPatchable = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    externalId: Type.String(),
    description: Type.String(),
    categoryId: RefId('Product category'),
    associatedEquipmentId: RefId('Equipment'),
    unitaryValue: Money,
    unitaryCost: Money,
    minimumStock: Quantity,
    totalStock: Quantity,
    active: Type.Boolean(),
    base64Image: Type.String(),
  },
  { $id: 'ProductPatchable' },
);

/** P3 body: `{"UserId": 123, "ProductId": 9876, "amount": 10}` (any casing). */
export const EmployeeStockBody = Type.Object(
  {
    userId: Type.Integer({ description: 'The employee' }),
    productId: Type.Union([Type.Integer(), Type.String()], { description: 'The product code (or its productId GUID)' }),
    amount: Quantity,
  },
  { $id: 'EmployeeProductStock' },
);
export type EmployeeStockBody = Static<typeof EmployeeStockBody>;

export const ProductAttachmentsBody = Type.Object(
  {
    removeAllAttachmentsInsertedByMe: Type.Optional(Type.Boolean({ description: 'Remove the files added through the API first' })),
    attachments: Type.Optional(Uploads),
  },
  { $id: 'ProductAttachments' },
);
export type ProductAttachmentsBody = Static<typeof ProductAttachmentsBody>;

// ---- Output: Auvo documents four spellings of the same product (inventory 3.9, 7 #36) ------------

const movementHead = {
  id: Type.Integer(),
  operationUserId: Type.Integer({ description: 'Who moved the stock (the user behind the API credentials)' }),
  stockUserId: Type.Integer({ description: 'Whose stock moved' }),
  productId: Type.Integer({ description: 'The product code' }),
  amount: Type.Number({ description: 'Units moved' }),
  Unitaryvalue: Type.Number({ description: 'Unit value at the time of the movement' }),
};
const movementTail = {
  entry: Type.Boolean({ description: 'true when the stock went up' }),
  date: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss' }),
};
/** GET model: no unit cost. */
const MovementGet = Type.Object({ ...movementHead, ...movementTail });
/** POST: `unitaryCost` as a pt-BR string. */
const MovementCreated = Type.Object({ ...movementHead, unitaryCost: Type.String(), ...movementTail });
/** PATCH, attachments, list: `UnitaryCost` as a number. */
const MovementListed = Type.Object({ ...movementHead, UnitaryCost: Type.Number(), ...movementTail });

function stockRow<T extends typeof MovementGet | typeof MovementCreated | typeof MovementListed>(movement: T) {
  return Type.Object({
    id: Type.Integer(),
    userId: Type.Integer(),
    amount: Type.Number(),
    lastStockMovement: Type.Union([movement, Type.Null()]),
  });
}

const identity = { productId: Type.String({ description: 'GUID (task items reference it)' }), externalId: Type.String() };
const code = Type.String({ description: 'Numeric code (the path id), as a string' });
function body<T extends typeof MovementGet | typeof MovementCreated | typeof MovementListed>(movement: T) {
  return {
    name: Type.String(),
    associatedEquipmentId: Type.Integer({ description: '0 = none' }),
    categoryId: Type.Integer({ description: '0 = none' }),
    unitaryValue: Type.String({ description: 'pt-BR money, "12,00"' }),
    unitaryCost: Type.String({ description: 'pt-BR money, "6,00"' }),
    totalStock: Type.Number(),
    active: Type.Boolean(),
    minimumStock: Type.String({ description: 'As the examples print it: "30"' }),
    Base64Image: Type.String({ description: 'Always "" as in every documented example (the image is stored, not echoed)' }),
    // The live service also answers the picture's URL and `uriAttachments` (D15).
    imageUrl: Type.String(
      liveSpelling('Base64Image', 'URL of the stored picture (`base64Image`), "" when none: the live Auvo service answers it.'),
    ),
    uriAnexos: Type.Array(Type.String()),
    uriAttachments: Type.Array(Type.String(), liveSpelling('uriAnexos')),
    productSpecifications: Type.Array(Type.Object({ name: Type.String(), Specification: Type.String() })),
    employeesStock: Type.Array(stockRow(movement)),
    description: Type.String({ description: 'Campo returns it although the examples omit it' }),
  };
}

export const Product = Type.Object({ ...identity, code, ...body(MovementGet) }, { $id: 'Product' });
export const ProductCreated = Type.Object({ ...identity, code, ...body(MovementCreated) }, { $id: 'ProductCreated' });
/** PATCH and attachments: the examples omit `code`; the live service answers it, so Campo does too (D15). */
export const ProductPatched = Type.Object(
  {
    ...identity,
    code: Type.String({ ...liveSpelling('code', 'The numeric code (the path id): the live Auvo service answers it here too.') }),
    ...body(MovementListed),
  },
  { $id: 'ProductPatched' },
);
export const ProductListed = Type.Object({ ...identity, code, ...body(MovementListed) }, { $id: 'ProductListed' });
export type ProductDto = Static<typeof Product>;
export type ProductCreatedDto = Static<typeof ProductCreated>;
export type ProductPatchedDto = Static<typeof ProductPatched>;
export type ProductListedDto = Static<typeof ProductListed>;

/** paramFilter keys of GET /products/ (inventory 4.7). */
export const ProductFilter = Type.Object({
  name: Type.Optional(Type.String({ description: 'contains, any case' })),
  externalId: Type.Optional(Type.String({ description: 'exact' })),
  associatedEquipmentId: Type.Optional(Type.Integer()),
  id: Type.Optional(Type.Integer({ description: 'The product code' })),
  categoryId: Type.Optional(Type.Integer()),
  active: Type.Optional(Type.Boolean()),
  lowerThanMinimumStock: Type.Optional(Type.Boolean({ description: 'true: totalStock < minimumStock; false: the others' })),
});
export type ProductFilter = Static<typeof ProductFilter>;

export const ProductParams = Type.Object({ id: Type.String({ description: 'The product code (or its productId GUID)' }) });

const exampleMovement = { id: 123, operationUserId: 123, stockUserId: 123, productId: 456, amount: 123, Unitaryvalue: 12.0 };
const exampleBase = {
  productId: '419384ad-705c-11eb-bf97-0aa2a285b66a',
  externalId: '123',
  code: '456',
  name: 'p1',
  associatedEquipmentId: 0,
  categoryId: 0,
  unitaryValue: '12,00',
  unitaryCost: '6,00',
  totalStock: 120,
  active: true,
  minimumStock: '30',
  Base64Image: '',
  imageUrl: 'https://campo.example.com/campo/v1/files/Zx81kQ9m2Zf7YxVt1nWcR4eHs8uLdA6p/image.jpg',
  uriAnexos: ['https://campo.example.com/campo/v1/files/3bq0kQ9m2Zf7YxVt1nWcR4eHs8uLdA6p/manual.pdf'],
  uriAttachments: ['https://campo.example.com/campo/v1/files/3bq0kQ9m2Zf7YxVt1nWcR4eHs8uLdA6p/manual.pdf'],
  productSpecifications: [{ name: 'cor', Specification: 'azul' }],
};
const stock = (m: Record<string, unknown>) => [
  { id: 123, userId: 123, amount: 123, lastStockMovement: { ...exampleMovement, ...m, entry: true, date: '2019-01-01T01:01:01' } },
];
export const productExample = { ...exampleBase, employeesStock: stock({}), description: 'p1 ver' };
export const productCreatedExample = { ...exampleBase, employeesStock: stock({ unitaryCost: '6,00' }), description: 'p1 ver' };
export const productListedExample = { ...exampleBase, employeesStock: stock({ UnitaryCost: 6.0 }), description: 'p1 ver' };
export const productPatchedExample = productListedExample;
