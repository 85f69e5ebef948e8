import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';

// ---- Input (Campo extension, D13: the blueprint documents reads only) ----------------------

const MONEY_TEXT = 'Decimal: 12, 12.5, "12.50", "12,50" or "1.234,56"';
const Money = Type.Union([Type.Number(), Type.String()], { description: MONEY_TEXT });
/** Money under another accepted spelling (aliases) of its attribute. */
const MoneyAs = (...names: string[]) => Type.Union([Type.Number(), Type.String()], { description: MONEY_TEXT, ...aliases(...names) });
const DiscountType = Type.Union([Type.Integer({ minimum: 0, maximum: 1 }), Type.String()], {
  description: '0 (or "Monetario") = an amount, 1 (or "Percentual") = a percentage of the gross total',
});

const QuotationProductIn = Type.Object({
  productId: Type.Integer({ description: 'Product code' }),
  // `amout` is Auvo's spelling (QT1); the correct spelling and `quantity` are accepted too.
  amout: Type.Optional(Type.Union([Type.Number(), Type.String()], aliases('amount', 'quantity'))),
  UnitaryValue: Type.Optional(Type.Union([Type.Number(), Type.String()], aliases('unitValue'))),
});

const QuotationServiceIn = Type.Object({
  serviceId: Type.String({ description: 'Service GUID', ...aliases('id') }),
  quantity: Type.Optional(Money),
  unitaryValue: Type.Optional(Money),
});

const QuotationCostIn = Type.Object({
  costId: Type.Integer({ description: 'Additional-cost code' }),
  description: Type.Optional(Type.String()),
  value: Type.Optional(Money),
});

/**
 * One quotation item (live `/quotations/{id}/items`): a product by code or a service by GUID.
 * `quantity` is also read as `amout`/`amount`, `unitaryValue` as `unitValue`.
 */
export const QuotationItemBody = Type.Object(
  {
    productId: Type.Optional(Type.Integer({ description: 'Product code (or give serviceId)' })),
    serviceId: Type.Optional(Type.String({ description: 'Service GUID (or give productId)' })),
    quantity: Type.Optional(MoneyAs('amout', 'amount')),
    unitaryValue: Type.Optional(MoneyAs('unitValue')),
  },
  { $id: 'QuotationItemBody' },
);
export type QuotationItemBody = Static<typeof QuotationItemBody>;

/** Which item DELETE `/quotations/{id}/items` removes. */
export const QuotationItemQuery = Type.Object({
  productId: Type.Optional(Type.Integer({ description: 'Product code' })),
  serviceId: Type.Optional(Type.String({ description: 'Service GUID' })),
});
export type QuotationItemQuery = Static<typeof QuotationItemQuery>;

/** One additional cost of a quotation (live `/quotations/{id}/adicost`), by cost code. */
export const QuotationCostBody = Type.Object(
  {
    costId: Type.Integer({ description: 'Additional-cost code' }),
    description: Type.Optional(Type.String({ description: 'Default: the cost name' })),
    value: Type.Optional(Money),
  },
  { $id: 'QuotationCostBody' },
);
export type QuotationCostBody = Static<typeof QuotationCostBody>;

export const QuotationCostQuery = Type.Object({ costId: Type.Integer({ description: 'Additional-cost code' }) });
export type QuotationCostQuery = Static<typeof QuotationCostQuery>;

const QuotationContactIn = Type.Object({
  name: Type.String({ minLength: 1 }),
  job: Type.Optional(Type.String(aliases('jobPosition'))),
  email: Type.Optional(Type.String()),
  phoneNumber: Type.Optional(Type.Union([Type.Number(), Type.String()], aliases('phone'))),
});

const quotationInputProperties = {
  customerId: Type.Optional(Type.Integer()),
  requesterUserId: Type.Optional(Type.Integer({ description: 'Default: the administrator behind the API credentials' })),
  taskID: Type.Optional(Type.Integer({ description: '0 = no task', ...aliases('taskId') })),
  observations: Type.Optional(Type.String()),
  requestDate: Type.Optional(Type.String({ description: 'yyyy-MM-ddTHH:mm:ss; default now' })),
  currentStageId: Type.Optional(Type.Integer({ description: 'Quotation stage id; 0 = none', ...aliases('stageId', 'CurrentStage') })),
  discountType: Type.Optional(DiscountType),
  // `descount` is Auvo's spelling of the discount (QT1).
  descount: Type.Optional(Type.Union([Type.Number(), Type.String()], aliases('discountValue', 'discount'))),
  products: Type.Optional(Type.Array(QuotationProductIn)),
  services: Type.Optional(Type.Array(QuotationServiceIn)),
  aditionalCosts: Type.Optional(Type.Array(QuotationCostIn, aliases('additionalCosts'))),
  contacts: Type.Optional(Type.Array(QuotationContactIn)),
};

export const QuotationCreate = Type.Object({ ...quotationInputProperties, customerId: Type.Integer() }, { $id: 'QuotationCreate' });
export type QuotationCreate = Static<typeof QuotationCreate>;

export const QuotationUpsert = Type.Object(
  {
    publicId: Type.Optional(Type.Integer({ description: 'Update this quotation when it exists', ...aliases('id') })),
    ...quotationInputProperties,
  },
  { $id: 'QuotationUpsert' },
);
export type QuotationUpsert = Static<typeof QuotationUpsert>;
export type QuotationInput = QuotationUpsert;

/** The attributes PATCH may touch; item lists are replaced as a whole. */
export const QuotationPatchable = Type.Object(
  {
    customerId: Type.Integer(),
    requesterUserId: Type.Integer(),
    taskID: Type.Integer(aliases('taskId')),
    observations: Type.String(),
    requestDate: Type.String(),
    currentStageId: Type.Integer(aliases('stageId', 'CurrentStage')),
    discountType: DiscountType,
    descount: Type.Union([Type.Number(), Type.String()], aliases('discountValue', 'discount')),
    products: Type.Array(QuotationProductIn),
    services: Type.Array(QuotationServiceIn),
    aditionalCosts: Type.Array(QuotationCostIn, aliases('additionalCosts')),
    contacts: Type.Array(QuotationContactIn),
  },
  { $id: 'QuotationPatchable' },
);
export type QuotationPatchable = Static<typeof QuotationPatchable>;

// ---- Output (QT1 / QT2, spellings kept: descount, aditionalCosts, amout, UnitaryValue, CurrentStage)

export const QuotationStage = Type.Object(
  {
    id: Type.Integer(),
    description: Type.String(),
    position: Type.Integer(),
    changeStock: Type.Boolean(),
    isCancelled: Type.Boolean(),
    editAllowed: Type.Boolean(),
  },
  { $id: 'QuotationStage' },
);
export type QuotationStageDto = Static<typeof QuotationStage>;

export const Quotation = Type.Object(
  {
    publicId: Type.Integer(),
    customerId: Type.Integer(),
    customerName: Type.String(),
    taskID: Type.Integer({ description: '0 = no task' }),
    descount: Type.String({ description: 'Discount amount, dot decimal string ("12.00")' }),
    requesterUserId: Type.Integer(),
    observations: Type.String(),
    registerDate: Type.String(),
    requestDate: Type.String(),
    aditionalCosts: Type.Array(
      Type.Object({ id: Type.Integer(), costId: Type.Integer(), description: Type.String(), value: Type.String() }),
    ),
    alterations: Type.Array(
      Type.Object({
        id: Type.Integer(),
        key: Type.Integer({ description: 'The quotation publicId' }),
        column: Type.String({ description: 'The attribute that changed' }),
        type: Type.String({ description: '"1" created, "2" changed' }),
        userId: Type.Integer(),
        date: Type.String(),
        observations: Type.String(),
        value: Type.String({ description: 'The new value' }),
      }),
    ),
    products: Type.Array(Type.Object({ productId: Type.Integer(), amout: Type.Number(), UnitaryValue: Type.String() })),
    contacts: Type.Array(
      Type.Object({ id: Type.Integer(), name: Type.String(), job: Type.String(), email: Type.String(), phoneNumber: Type.Number() }),
    ),
    summary: Type.Object({
      totalProducts: Type.Number(),
      totalServices: Type.Number(),
      totalAdditionalCosts: Type.Number(),
      netTotalValue: Type.Number(),
      grossTotalValue: Type.Number(),
      discount: Type.Object({ type: Type.String({ description: '"Monetario" or "Percentual"' }), value: Type.Number() }),
    }),
    CurrentStage: Type.Union([QuotationStage, Type.Null()]),
  },
  { $id: 'Quotation' },
);
export type QuotationDto = Static<typeof Quotation>;

export const QuotationFilter = Type.Object({
  publicId: Type.Optional(Type.Integer()),
  requestStartDate: Type.Optional(Type.String()),
  requestEndDate: Type.Optional(Type.String()),
  usersId: Type.Optional(Type.Array(Type.Integer())),
  customersId: Type.Optional(Type.Array(Type.Integer())),
  productsId: Type.Optional(Type.Array(Type.Integer())),
  CurrentStage: Type.Optional(Type.String()),
});
export type QuotationFilter = Static<typeof QuotationFilter>;

export const QuotationStageCreate = Type.Object(
  {
    description: Type.String({ minLength: 1 }),
    position: Type.Optional(Type.Integer({ description: 'Default: after the last stage' })),
    changeStock: Type.Optional(Type.Boolean()),
    isCancelled: Type.Optional(Type.Boolean()),
    editAllowed: Type.Optional(Type.Boolean({ description: 'Default true' })),
  },
  { $id: 'QuotationStageCreate' },
);
export type QuotationStageCreate = Static<typeof QuotationStageCreate>;

export const QuotationStagePatchable = Type.Object(
  {
    description: Type.String({ minLength: 1 }),
    position: Type.Integer(),
    changeStock: Type.Boolean(),
    isCancelled: Type.Boolean(),
    editAllowed: Type.Boolean(),
  },
  { $id: 'QuotationStagePatchable' },
);

export const quotationStageExample = { id: 1, description: 'name', position: 1, changeStock: true, isCancelled: false, editAllowed: true };

export const quotationExample: QuotationDto = {
  publicId: 42,
  customerId: 2,
  customerName: 'Terêscio',
  taskID: 2,
  descount: '12.00',
  requesterUserId: 2,
  observations: 'something',
  registerDate: '2016-03-23T18:10:00',
  requestDate: '2016-03-23T18:10:00',
  aditionalCosts: [{ id: 1, costId: 2, description: 'la pregunta', value: '10.00' }],
  alterations: [
    {
      id: 1,
      key: 42,
      column: 'publicId',
      type: '1',
      userId: 1,
      date: '2016-03-23T18:10:00',
      observations: 'Quotation created',
      value: '42',
    },
  ],
  products: [{ productId: 1, amout: 2, UnitaryValue: '1.00' }],
  contacts: [{ id: 1, name: 'name', job: 'job', email: 'email', phoneNumber: 12323232 }],
  summary: {
    totalProducts: 2,
    totalServices: 0,
    totalAdditionalCosts: 10,
    netTotalValue: 0,
    grossTotalValue: 12,
    discount: { type: 'Monetario', value: 12 },
  },
  CurrentStage: quotationStageExample,
};
