import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';

const money = (description = 'Decimal: 44, 44.5, "44.50", "44,50" or "1.234,56"') =>
  Type.Union([Type.Number(), Type.String()], { description });
const Money = money();
const date = (description = 'yyyy-MM-dd') => Type.String({ description });
const DateOnly = date();
const IdList = Type.Array(Type.Integer());

// ---- Catalogs: financial categories and payment methods ------------------------------------

export const CatalogCreate = Type.Object(
  {
    description: Type.String({ minLength: 1, ...aliases('name') }),
    active: Type.Optional(Type.Boolean({ description: 'Default true' })),
  },
  { $id: 'FinancialCatalogCreate' },
);
export type CatalogCreate = Static<typeof CatalogCreate>;

/** PUT body: updates the entry with this `id`; otherwise creates one. */
export const CatalogUpsert = Type.Object(
  {
    id: Type.Optional(Type.Integer()),
    description: Type.Optional(Type.String({ minLength: 1, ...aliases('name') })),
    active: Type.Optional(Type.Boolean()),
  },
  { $id: 'FinancialCatalogUpsert' },
);
export type CatalogUpsert = Static<typeof CatalogUpsert>;

export const CatalogPatchable = Type.Object(
  { description: Type.String({ minLength: 1, ...aliases('name') }), active: Type.Boolean() },
  { $id: 'FinancialCatalogPatchable' },
);

export const FinancialCategory = Type.Object(
  { id: Type.Integer(), description: Type.String(), active: Type.Boolean() },
  { $id: 'FinancialCategory' },
);
export const PaymentMethod = Type.Object(
  { id: Type.Integer(), description: Type.String(), active: Type.Boolean() },
  { $id: 'PaymentMethod' },
);
export type CatalogDto = Static<typeof FinancialCategory>;

export const CatalogFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String({ description: 'contains, any case' })),
  active: Type.Optional(Type.Boolean()),
});
export type CatalogFilter = Static<typeof CatalogFilter>;

// ---- Invoices ------------------------------------------------------------------------------

const invoiceInput = {
  customerId: Type.Integer(),
  description: Type.Optional(Type.String()),
  issueDate: Type.Optional(date('yyyy-MM-dd; default today (server time zone)')),
  dueDate: Type.Optional(date('yyyy-MM-dd; "" = none')),
  financialCategoryId: Type.Optional(Type.Integer({ description: '0 = none' })),
  taskIds: Type.Optional(Type.Array(Type.Integer(), { description: 'Tasks of the customer (taskID)', ...aliases('tasks') })),
  serviceOrderIds: Type.Optional(
    Type.Array(Type.Integer(), { description: 'Service orders of the customer (projectCode)', ...aliases('serviceOrders') }),
  ),
  discount: Type.Optional(money('Amount taken off the items total; default 0')),
};

export const InvoiceCreate = Type.Object(invoiceInput, { $id: 'InvoiceCreate' });
export type InvoiceCreate = Static<typeof InvoiceCreate>;

/** PUT /invoices: updates the invoice with this `id` (every attribute replaced), otherwise creates one. */
export const InvoiceUpsert = Type.Object({ id: Type.Optional(Type.Integer()), ...invoiceInput }, { $id: 'InvoiceUpsert' });
export type InvoiceUpsert = Static<typeof InvoiceUpsert>;

export const InvoicePatchable = Type.Object(
  {
    customerId: Type.Integer(),
    description: Type.String(),
    issueDate: DateOnly,
    dueDate: DateOnly,
    financialCategoryId: Type.Integer(),
    taskIds: Type.Array(Type.Integer(), aliases('tasks')),
    serviceOrderIds: Type.Array(Type.Integer(), aliases('serviceOrders')),
    discount: Money,
  },
  { $id: 'InvoicePatchable' },
);

const Totals = {
  totalProducts: Type.Number(),
  totalServices: Type.Number(),
  totalAdditionalCosts: Type.Number(),
};

export const InvoiceItem = Type.Object({
  type: Type.String({ description: '"Task" or "ServiceOrder"' }),
  id: Type.Integer({ description: 'taskID or projectCode' }),
  description: Type.String(),
  ...Totals,
  totalValue: Type.Number({ description: 'Net of the task or service order discount' }),
});

export const Invoice = Type.Object(
  {
    id: Type.Integer(),
    customerId: Type.Integer(),
    customerName: Type.String({ description: '"" once the customer is deleted' }),
    description: Type.String(),
    issueDate: Type.String({ description: 'yyyy-MM-dd' }),
    dueDate: Type.String({ description: 'yyyy-MM-dd, "" when none' }),
    financialCategoryId: Type.Integer({ description: '0 = none' }),
    financialCategory: Type.String({ description: 'The category description, "" when none' }),
    taskIds: IdList,
    serviceOrderIds: IdList,
    items: Type.Array(InvoiceItem),
    summary: Type.Object({
      ...Totals,
      itemsTotal: Type.Number({ description: 'Sum of the items totalValue' }),
      discount: Type.Number(),
      totalValue: Type.Number({ description: 'itemsTotal - discount, never below 0' }),
    }),
    creationDate: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss' }),
  },
  { $id: 'Invoice' },
);
export type InvoiceDto = Static<typeof Invoice>;

export const InvoiceFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  customerId: Type.Optional(Type.Integer()),
  financialCategoryId: Type.Optional(Type.Integer()),
  taskId: Type.Optional(Type.Integer({ description: 'Invoices that include this task' })),
  serviceOrderId: Type.Optional(Type.Integer({ description: 'Invoices that include this service order' })),
  startDate: Type.Optional(Type.String({ description: 'issueDate from, yyyy-MM-dd' })),
  endDate: Type.Optional(Type.String({ description: 'issueDate to (inclusive), yyyy-MM-dd' })),
});
export type InvoiceFilter = Static<typeof InvoiceFilter>;

// ---- Receivables ---------------------------------------------------------------------------

const receivableInput = {
  customerId: Type.Optional(Type.Integer({ description: "Required without invoiceId; default the invoice's customer" })),
  invoiceId: Type.Optional(Type.Integer({ description: '0 = none' })),
  description: Type.Optional(Type.String()),
  amount: Type.Optional(money("Required without invoiceId; default the invoice's totalValue")),
  dueDate: Type.Optional(DateOnly),
  paymentMethodId: Type.Optional(Type.Integer({ description: '0 = none' })),
  financialCategoryId: Type.Optional(Type.Integer({ description: '0 = none' })),
  paid: Type.Optional(Type.Boolean({ description: 'Default false' })),
  paymentDate: Type.Optional(date('yyyy-MM-dd; default today when paid')),
};

export const ReceivableCreate = Type.Object({ ...receivableInput, dueDate: date('yyyy-MM-dd (required)') }, { $id: 'ReceivableCreate' });
export type ReceivableCreate = Static<typeof ReceivableCreate>;

export const ReceivableUpsert = Type.Object({ id: Type.Optional(Type.Integer()), ...receivableInput }, { $id: 'ReceivableUpsert' });
export type ReceivableUpsert = Static<typeof ReceivableUpsert>;

export const ReceivablePatchable = Type.Object(
  {
    customerId: Type.Integer(),
    invoiceId: Type.Integer(),
    description: Type.String(),
    amount: Money,
    dueDate: DateOnly,
    paymentMethodId: Type.Integer(),
    financialCategoryId: Type.Integer(),
    paid: Type.Boolean(),
    paymentDate: DateOnly,
  },
  { $id: 'ReceivablePatchable' },
);

export const Receivable = Type.Object(
  {
    id: Type.Integer(),
    customerId: Type.Integer(),
    customerName: Type.String(),
    invoiceId: Type.Integer({ description: '0 = none' }),
    description: Type.String(),
    amount: Type.Number(),
    dueDate: Type.String({ description: 'yyyy-MM-dd' }),
    paymentMethodId: Type.Integer({ description: '0 = none' }),
    paymentMethod: Type.String({ description: 'The payment method description, "" when none' }),
    financialCategoryId: Type.Integer({ description: '0 = none' }),
    financialCategory: Type.String(),
    paid: Type.Boolean(),
    paymentDate: Type.String({ description: 'yyyy-MM-dd, "" while unpaid' }),
    creationDate: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss' }),
  },
  { $id: 'Receivable' },
);
export type ReceivableDto = Static<typeof Receivable>;

export const ReceivableFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  customerId: Type.Optional(Type.Integer()),
  invoiceId: Type.Optional(Type.Integer()),
  paymentMethodId: Type.Optional(Type.Integer()),
  paid: Type.Optional(Type.Boolean()),
  startDate: Type.Optional(Type.String({ description: 'dueDate from, yyyy-MM-dd' })),
  endDate: Type.Optional(Type.String({ description: 'dueDate to (inclusive), yyyy-MM-dd' })),
});
export type ReceivableFilter = Static<typeof ReceivableFilter>;

// ---- Examples ------------------------------------------------------------------------------

export const financialCategoryExample: CatalogDto = { id: 3, description: 'Receita de serviços', active: true };
export const paymentMethodExample: CatalogDto = { id: 2, description: 'Pix', active: true };

export const invoiceExample: InvoiceDto = {
  id: 12,
  customerId: 15963453,
  customerName: 'Antunes Tech',
  description: 'Manutenção de março',
  issueDate: '2026-03-31',
  dueDate: '2026-04-15',
  financialCategoryId: 3,
  financialCategory: 'Receita de serviços',
  taskIds: [4521],
  serviceOrderIds: [88],
  items: [
    {
      type: 'Task',
      id: 4521,
      description: 'Limpeza do ar-condicionado',
      totalProducts: 44,
      totalServices: 150,
      totalAdditionalCosts: 0,
      totalValue: 194,
    },
    {
      type: 'ServiceOrder',
      id: 88,
      description: 'Contrato PMOC',
      totalProducts: 0,
      totalServices: 300,
      totalAdditionalCosts: 20,
      totalValue: 320,
    },
  ],
  summary: { totalProducts: 44, totalServices: 450, totalAdditionalCosts: 20, itemsTotal: 514, discount: 14, totalValue: 500 },
  creationDate: '2026-03-31T17:02:11',
};

export const receivableExample: ReceivableDto = {
  id: 40,
  customerId: 15963453,
  customerName: 'Antunes Tech',
  invoiceId: 12,
  description: 'Parcela 1/1',
  amount: 500,
  dueDate: '2026-04-15',
  paymentMethodId: 2,
  paymentMethod: 'Pix',
  financialCategoryId: 3,
  financialCategory: 'Receita de serviços',
  paid: true,
  paymentDate: '2026-04-14',
  creationDate: '2026-03-31T17:05:40',
};
