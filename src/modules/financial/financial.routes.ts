import type { TSchema } from 'typebox';
import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import {
  CatalogCreate,
  CatalogUpsert,
  FinancialCategory,
  financialCategoryExample,
  Invoice,
  InvoiceCreate,
  InvoiceUpsert,
  invoiceExample,
  PaymentMethod,
  paymentMethodExample,
  Receivable,
  ReceivableCreate,
  ReceivableUpsert,
  receivableExample,
} from './financial.schema.js';
import { type CatalogKind, FinancialService } from './financial.service.js';

const tags = ['Financial'];
const NOTE =
  "Campo extension: the live Auvo service has this operation (its API portal lists it), although the Auvo documentation does not describe it; the shape here is Campo's.";

/** The documented list example: one item, page 1 of 2. */
function listExample<T>(item: T, resource: string) {
  const href = (page: number) => `https://api.auvo.com.br/v2/${resource}?Page=${page}&PageSize=1&Order=Asc`;
  return {
    entityList: [item],
    pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
    links: [
      { href: href(1), rel: 'self', method: 'GET' },
      { href: href(2), rel: 'nextPage', method: 'GET' },
    ],
  };
}

export function registerFinancialRoutes({ route, services }: ModuleContext): void {
  const svc = services.financial;

  // ---- Financial categories and payment methods: the same small catalog twice ----------------
  const catalogs: { kind: CatalogKind; path: string; resource: string; one: string; name: string; schema: TSchema; example: unknown }[] = [
    {
      kind: 'financialCategories',
      path: 'financialCategories',
      resource: 'FinancialCategories',
      one: 'FinancialCategory',
      name: 'financial category',
      schema: FinancialCategory,
      example: financialCategoryExample,
    },
    {
      kind: 'paymentMethods',
      path: 'paymentMethods',
      resource: 'PaymentMethods',
      one: 'PaymentMethod',
      name: 'payment method',
      schema: PaymentMethod,
      example: paymentMethodExample,
    },
  ];
  for (const c of catalogs) {
    const base = `/v2/${c.path}`;
    route({
      method: 'GET',
      url: `${base}/:id`,
      operationId: `get${c.one}`,
      tags,
      summary: `Retrieve a ${c.name}`,
      description: NOTE,
      extension: true,
      params: IdParams,
      response: c.schema,
      example: c.example,
      handler: async ({ auth, params }) => svc.getCatalog(auth, c.kind, parseId(params.id)),
    });
    route({
      method: 'GET',
      url: base,
      operationId: `list${c.resource}`,
      tags,
      summary: `Retrieve a list of ${c.name === 'financial category' ? 'financial categories' : 'payment methods'}`,
      description: `${NOTE} paramFilter keys (optional): id, description (contains, any case), active. Order is by id.`,
      extension: true,
      querystring: ListQuery,
      list: true,
      example: listExample(c.example, c.resource),
      response: ListEnvelope(c.schema),
      handler: async ({ auth, query, baseUrl }) => {
        const r = await svc.listCatalog(auth, c.kind, query);
        return listResult({
          items: r.items,
          totalItems: r.total,
          paging: r.paging,
          resource: c.resource,
          filterText: r.filterText,
          baseUrl,
        });
      },
    });
    route({
      method: 'POST',
      url: base,
      operationId: `create${c.one}`,
      tags,
      summary: `Add a new ${c.name}`,
      description: `${NOTE} \`description\` (also \`name\`) is required; \`active\` defaults to true.`,
      extension: true,
      body: CatalogCreate,
      response: c.schema,
      example: c.example,
      handler: async ({ auth, body }) => svc.createCatalog(auth, c.kind, body),
    });
    route({
      method: 'PUT',
      url: base,
      operationId: `upsert${c.one}`,
      tags,
      summary: `Add a new ${c.name} or update an existing one`,
      description: `${NOTE} Matches by \`id\`: 200 when it updated, 201 when it created (then \`description\` is required).`,
      extension: true,
      body: CatalogUpsert,
      status: 200,
      alsoStatus: [201],
      response: c.schema,
      example: c.example,
      handler: async ({ auth, body }) => {
        const r = await svc.upsertCatalog(auth, c.kind, body);
        return withStatus(r.created ? 201 : 200, r.dto);
      },
    });
    route({
      method: 'PUT',
      url: `${base}/:id`,
      operationId: `replace${c.one}`,
      tags,
      summary: `Update a ${c.name}`,
      description: `${NOTE} The attributes given are replaced; an unknown id answers 404.`,
      extension: true,
      params: IdParams,
      body: CatalogUpsert,
      response: c.schema,
      example: c.example,
      handler: async ({ auth, params, body }) => svc.replaceCatalog(auth, c.kind, parseId(params.id), body),
    });
    route({
      method: 'PATCH',
      url: `${base}/:id`,
      operationId: `patch${c.one}`,
      tags,
      summary: `Edit a ${c.name} (JSON Patch)`,
      description: `${NOTE} Paths: description (or name), active.`,
      extension: true,
      params: IdParams,
      body: JsonPatchBody,
      response: c.schema,
      example: c.example,
      handler: async ({ auth, params, body }) => svc.patchCatalog(auth, c.kind, parseId(params.id), body),
    });
    route({
      method: 'DELETE',
      url: `${base}/:id`,
      operationId: `delete${c.one}`,
      tags,
      summary: `Delete a ${c.name}`,
      description: `${NOTE} Invoices and receivables that use it keep its id.`,
      extension: true,
      params: IdParams,
      handler: async ({ auth, params }) => {
        await svc.removeCatalog(auth, c.kind, parseId(params.id));
        return undefined;
      },
    });
  }

  // ---- Invoices ----------------------------------------------------------------------------
  const invoiceRules =
    'An invoice is for one customer and is built from its tasks (`taskIds`) and service orders (`serviceOrderIds`, their projectCode): at least one; each must be of the customer and on no other invoice (400 otherwise). Their totals are copied when the invoice is written (PUT and PATCH read them again); `summary.totalValue` = the items total - `discount`, never below 0.';
  route({
    method: 'GET',
    url: '/v2/invoices/:id',
    operationId: 'getInvoice',
    tags,
    summary: 'Retrieve an invoice',
    description: NOTE,
    extension: true,
    params: IdParams,
    response: Invoice,
    example: invoiceExample,
    handler: async ({ auth, params }) => svc.getInvoice(auth, parseId(params.id)),
  });
  route({
    method: 'GET',
    url: '/v2/invoices',
    operationId: 'listInvoices',
    tags,
    summary: 'Retrieve a list of invoices',
    description: `${NOTE} paramFilter keys (optional): id, customerId, financialCategoryId, taskId, serviceOrderId, startDate and endDate (yyyy-MM-dd, inclusive, on issueDate). Order is by id.`,
    extension: true,
    querystring: ListQuery,
    list: true,
    example: listExample(invoiceExample, 'Invoices'),
    response: ListEnvelope(Invoice),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.listInvoices(auth, query);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'Invoices', filterText: r.filterText, baseUrl });
    },
  });
  route({
    method: 'POST',
    url: '/v2/invoices',
    operationId: 'createInvoice',
    tags,
    summary: 'Add a new invoice',
    description: `${NOTE} ${invoiceRules} \`issueDate\` defaults to today.`,
    extension: true,
    body: InvoiceCreate,
    response: Invoice,
    example: invoiceExample,
    handler: async ({ auth, body }) => svc.createInvoice(auth, body),
  });
  route({
    method: 'PUT',
    url: '/v2/invoices',
    operationId: 'upsertInvoice',
    tags,
    summary: 'Add a new invoice or replace an existing one',
    description: `${NOTE} With the \`id\` of an invoice every attribute is replaced (200); otherwise one is created (201). ${invoiceRules}`,
    extension: true,
    body: InvoiceUpsert,
    status: 200,
    alsoStatus: [201],
    response: Invoice,
    example: invoiceExample,
    handler: async ({ auth, body }) => {
      const r = await svc.upsertInvoice(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });
  route({
    method: 'PUT',
    url: '/v2/invoices/:id',
    operationId: 'replaceInvoice',
    tags,
    summary: 'Replace an invoice',
    description: `${NOTE} Every attribute is replaced; an unknown id answers 404. ${invoiceRules}`,
    extension: true,
    params: IdParams,
    body: InvoiceCreate,
    response: Invoice,
    example: invoiceExample,
    handler: async ({ auth, params, body }) => svc.replaceInvoice(auth, parseId(params.id), body),
  });
  route({
    method: 'PATCH',
    url: '/v2/invoices/:id',
    operationId: 'patchInvoice',
    tags,
    summary: 'Edit an invoice (JSON Patch)',
    description: `${NOTE} Paths: customerId, description, issueDate, dueDate, financialCategoryId, taskIds, serviceOrderIds, discount. ${invoiceRules}`,
    extension: true,
    params: IdParams,
    body: JsonPatchBody,
    response: Invoice,
    example: invoiceExample,
    handler: async ({ auth, params, body }) => svc.patchInvoice(auth, parseId(params.id), body),
  });
  route({
    method: 'DELETE',
    url: '/v2/invoices/:id',
    operationId: 'deleteInvoice',
    tags,
    summary: 'Delete an invoice',
    description: `${NOTE} An invoice with receivables answers 400: delete them first.`,
    extension: true,
    params: IdParams,
    handler: async ({ auth, params }) => {
      await svc.removeInvoice(auth, parseId(params.id));
      return undefined;
    },
  });

  // ---- Receivables -------------------------------------------------------------------------
  const receivableRules =
    "Without `invoiceId`, `customerId` and `amount` are required; with one they default to the invoice's customer and `summary.totalValue` (another customer answers 400). `paid` true sets `paymentDate` (default today); false clears it.";
  route({
    method: 'GET',
    url: '/v2/receivables/:id',
    operationId: 'getReceivable',
    tags,
    summary: 'Retrieve a receivable',
    description: NOTE,
    extension: true,
    params: IdParams,
    response: Receivable,
    example: receivableExample,
    handler: async ({ auth, params }) => svc.getReceivable(auth, parseId(params.id)),
  });
  route({
    method: 'GET',
    url: '/v2/receivables',
    operationId: 'listReceivables',
    tags,
    summary: 'Retrieve a list of receivables',
    description: `${NOTE} paramFilter keys (optional): id, customerId, invoiceId, paymentMethodId, paid, startDate and endDate (yyyy-MM-dd, inclusive, on dueDate). Order is by id.`,
    extension: true,
    querystring: ListQuery,
    list: true,
    example: listExample(receivableExample, 'Receivables'),
    response: ListEnvelope(Receivable),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.listReceivables(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'Receivables',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });
  route({
    method: 'POST',
    url: '/v2/receivables',
    operationId: 'createReceivable',
    tags,
    summary: 'Add a new receivable',
    description: `${NOTE} \`dueDate\` is required. ${receivableRules}`,
    extension: true,
    body: ReceivableCreate,
    response: Receivable,
    example: receivableExample,
    handler: async ({ auth, body }) => svc.createReceivable(auth, body),
  });
  route({
    method: 'PUT',
    url: '/v2/receivables',
    operationId: 'upsertReceivable',
    tags,
    summary: 'Add a new receivable or update an existing one',
    description: `${NOTE} With the \`id\` of a receivable the attributes given are replaced (200); otherwise one is created (201). ${receivableRules}`,
    extension: true,
    body: ReceivableUpsert,
    status: 200,
    alsoStatus: [201],
    response: Receivable,
    example: receivableExample,
    handler: async ({ auth, body }) => {
      const r = await svc.upsertReceivable(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });
  route({
    method: 'PUT',
    url: '/v2/receivables/:id',
    operationId: 'replaceReceivable',
    tags,
    summary: 'Update a receivable',
    description: `${NOTE} The attributes given are replaced; an unknown id answers 404. ${receivableRules}`,
    extension: true,
    params: IdParams,
    body: ReceivableUpsert,
    response: Receivable,
    example: receivableExample,
    handler: async ({ auth, params, body }) => svc.replaceReceivable(auth, parseId(params.id), body),
  });
  route({
    method: 'PATCH',
    url: '/v2/receivables/:id',
    operationId: 'patchReceivable',
    tags,
    summary: 'Edit a receivable (JSON Patch)',
    description: `${NOTE} Paths: customerId, invoiceId, description, amount, dueDate, paymentMethodId, financialCategoryId, paid, paymentDate. ${receivableRules}`,
    extension: true,
    params: IdParams,
    body: JsonPatchBody,
    response: Receivable,
    example: receivableExample,
    handler: async ({ auth, params, body }) => svc.patchReceivable(auth, parseId(params.id), body),
  });
  route({
    method: 'DELETE',
    url: '/v2/receivables/:id',
    operationId: 'deleteReceivable',
    tags,
    summary: 'Delete a receivable',
    description: NOTE,
    extension: true,
    params: IdParams,
    handler: async ({ auth, params }) => {
      await svc.removeReceivable(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const financialModule: Module<'financial'> = {
  name: 'financial',
  createService: (deps, services) => new FinancialService(deps, services),
  registerRoutes: registerFinancialRoutes,
};
