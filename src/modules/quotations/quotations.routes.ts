import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { LIVE_NOTE } from '../shared/live.js';
import { JsonPatchBody } from '../users/users.schema.js';
import {
  Quotation,
  QuotationCostBody,
  QuotationCostQuery,
  QuotationCreate,
  QuotationItemBody,
  QuotationItemQuery,
  QuotationStage,
  QuotationStageCreate,
  QuotationUpsert,
  quotationExample,
  quotationStageExample,
} from './quotations.schema.js';
import { QuotationsService } from './quotations.service.js';

const tags = ['Quotations'];
const NOTE = 'Campo extension: Auvo documents quotations read-only.';
const WRITE_NOTE =
  'Attributes: customerId, requesterUserId (default: the API administrator), taskID (0 = none), observations, requestDate (yyyy-MM-ddTHH:mm:ss, default now), currentStageId (0 = none), discountType (0/"Monetario" amount, 1/"Percentual" percentage), descount, products[{productId (code), amout (default 1), UnitaryValue}], services[{serviceId (GUID), quantity (default 1), unitaryValue (default: the service price)}], aditionalCosts[{costId (code), description (default: the cost name), value (default: the cost value)}], contacts[{name, job, email, phoneNumber}]. The summary is computed: gross = products + services + costs, net = gross - discount. Every change is recorded in `alterations`. Unknown references answer 400 with a field map and nothing is written.';

function listExample<T>(item: T, resource: string) {
  const href = (page: number) => `https://api.auvo.com.br/v2/${resource}/?Page=${page}&PageSize=1&Order=Asc`;
  return {
    entityList: [item],
    pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
    links: [
      { href: href(1), rel: 'self', method: 'GET' },
      { href: href(2), rel: 'nextPage', method: 'GET' },
    ],
  };
}

export function registerQuotationRoutes({ route, services }: ModuleContext): void {
  const svc = services.quotations;

  route({
    method: 'GET',
    url: '/v2/quotationStages',
    operationId: 'listQuotationStages',
    tags,
    summary: 'Retrieve the quotation stages',
    description: `${NOTE} The stages a quotation's CurrentStage points to. Order is by id.`,
    extension: true,
    querystring: ListQuery,
    list: true,
    example: listExample(quotationStageExample, 'quotationStages'),
    response: ListEnvelope(QuotationStage),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.listStages(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'quotationStages',
        filterText: undefined,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/quotationStages',
    operationId: 'createQuotationStage',
    tags,
    summary: 'Add a quotation stage',
    description: `${NOTE} position defaults to after the last stage; editAllowed defaults to true.`,
    extension: true,
    body: QuotationStageCreate,
    response: QuotationStage,
    example: quotationStageExample,
    handler: async ({ auth, body }) => svc.createStage(auth, body),
  });

  route({
    method: 'PATCH',
    url: '/v2/quotationStages/:id',
    operationId: 'patchQuotationStage',
    tags,
    summary: 'Edit a quotation stage (JSON Patch)',
    description: `${NOTE} Paths: description, position, changeStock, isCancelled, editAllowed.`,
    extension: true,
    params: IdParams,
    body: JsonPatchBody,
    response: QuotationStage,
    example: quotationStageExample,
    handler: async ({ auth, params, body }) => svc.patchStage(auth, parseId(params.id), body),
  });

  route({
    method: 'GET',
    url: '/v2/quotations/:id',
    operationId: 'getQuotation',
    tags,
    summary: 'Retrieve a quotation',
    description: 'The path id is the `publicId`.',
    params: IdParams,
    response: Quotation,
    example: quotationExample,
    handler: async ({ auth, params }) => svc.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/quotations',
    operationId: 'listQuotations',
    tags,
    summary: 'Retrieve a list of quotations',
    description:
      'paramFilter keys (optional): publicId, requestStartDate, requestEndDate (request date window; yyyy-MM-ddTHH:mm:ss or yyyy-MM-dd, a bare end date includes the whole day), usersId (requesters), customersId, productsId (product codes; quotations holding any of them), CurrentStage (stage name, any case). Order is by publicId.',
    querystring: ListQuery,
    list: true,
    example: listExample(quotationExample, 'quotations'),
    response: ListEnvelope(Quotation),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'quotations/',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/quotations',
    operationId: 'createQuotation',
    tags,
    summary: 'Add a new quotation',
    description: `${NOTE} ${WRITE_NOTE} customerId is required.`,
    extension: true,
    body: QuotationCreate,
    response: Quotation,
    example: quotationExample,
    handler: async ({ auth, body }) => svc.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/quotations',
    operationId: 'upsertQuotation',
    tags,
    summary: 'Add a new quotation or update an existing one',
    description: `${NOTE} Matches by \`publicId\` (or \`id\`): 200 when it updated, 201 when it created (then customerId is required). Attributes left out keep their values; an item list sent replaces the old one. ${WRITE_NOTE}`,
    extension: true,
    body: QuotationUpsert,
    status: 200,
    alsoStatus: [201],
    response: Quotation,
    example: quotationExample,
    handler: async ({ auth, body }) => {
      const r = await svc.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/quotations/:id',
    operationId: 'patchQuotation',
    tags,
    summary: 'Edit a quotation (JSON Patch), including its stage',
    description: `${NOTE} Paths: customerId, requesterUserId, taskID, observations, requestDate, currentStageId (also CurrentStage), discountType, descount, products, services, aditionalCosts, contacts (lists are replaced whole).`,
    extension: true,
    params: IdParams,
    body: JsonPatchBody,
    response: Quotation,
    example: quotationExample,
    handler: async ({ auth, params, body }) => svc.patch(auth, parseId(params.id), body),
  });

  const ITEM_NOTE = `${LIVE_NOTE} An item is a product (\`productId\`, its code) or a service (\`serviceId\`, its GUID), with \`quantity\` (also \`amout\`; default 1) and \`unitaryValue\` (default: the catalog price). The change follows the PATCH rules: totals recomputed, recorded in \`alterations\` and the change log; unknown references answer 400 with a field map and nothing is written.`;

  route({
    method: 'POST',
    url: '/v2/quotations/:id/items',
    operationId: 'addQuotationItem',
    tags,
    summary: 'Add an item to a quotation',
    description: `${ITEM_NOTE} 400 when the product or service is already on the quotation (use PUT to change it).`,
    extension: true,
    params: IdParams,
    body: QuotationItemBody,
    response: Quotation,
    example: quotationExample,
    handler: async ({ auth, params, body }) => svc.writeItem(auth, parseId(params.id), 'add', body),
  });

  route({
    method: 'PUT',
    url: '/v2/quotations/:id/items',
    operationId: 'updateQuotationItem',
    tags,
    summary: 'Change the quantity or value of an item of a quotation',
    description: `${ITEM_NOTE} The item is the one with that \`productId\` or \`serviceId\` (400 when it is not on the quotation); attributes left out keep their values.`,
    extension: true,
    params: IdParams,
    body: QuotationItemBody,
    response: Quotation,
    example: quotationExample,
    handler: async ({ auth, params, body }) => svc.writeItem(auth, parseId(params.id), 'update', body),
  });

  route({
    method: 'DELETE',
    url: '/v2/quotations/:id/items',
    operationId: 'deleteQuotationItem',
    tags,
    summary: 'Remove an item from a quotation',
    description: `${ITEM_NOTE} The item is named by the query \`productId\` or \`serviceId\` (400 when it is not on the quotation).`,
    extension: true,
    params: IdParams,
    querystring: QuotationItemQuery,
    handler: async ({ auth, params, query }) => {
      await svc.writeItem(auth, parseId(params.id), 'remove', query);
      return undefined;
    },
  });

  route({
    method: 'PUT',
    url: '/v2/quotations/:id/adicost',
    operationId: 'putQuotationAdditionalCost',
    tags,
    summary: 'Add or change an additional cost of a quotation',
    description: `${LIVE_NOTE} \`costId\` is the additional-cost code (must exist); \`description\` defaults to the cost name and \`value\` to its value. Replaces the line with that \`costId\`, else adds one. Follows the PATCH rules (totals, \`alterations\`, change log; 400 field map and nothing written on bad input).`,
    extension: true,
    params: IdParams,
    body: QuotationCostBody,
    response: Quotation,
    example: quotationExample,
    handler: async ({ auth, params, body }) => svc.writeCost(auth, parseId(params.id), 'put', body),
  });

  route({
    method: 'DELETE',
    url: '/v2/quotations/:id/adicost',
    operationId: 'deleteQuotationAdditionalCost',
    tags,
    summary: 'Remove an additional cost from a quotation',
    description: `${LIVE_NOTE} The line is named by the query \`costId\` (the additional-cost code; 400 when it is not on the quotation).`,
    extension: true,
    params: IdParams,
    querystring: QuotationCostQuery,
    handler: async ({ auth, params, query }) => {
      await svc.writeCost(auth, parseId(params.id), 'remove', query);
      return undefined;
    },
  });

  route({
    method: 'DELETE',
    url: '/v2/quotations/:id',
    operationId: 'deleteQuotation',
    tags,
    summary: 'Delete a quotation',
    description: NOTE,
    extension: true,
    params: IdParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const quotationsModule: Module<'quotations'> = {
  name: 'quotations',
  createService: (deps, services) => new QuotationsService(deps, services),
  registerRoutes: registerQuotationRoutes,
};
