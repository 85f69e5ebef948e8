import type { Module, ModuleContext } from '../../core/context.js';
import { withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import {
  AdditionalCost,
  AdditionalCostCreate,
  AdditionalCostParams,
  AdditionalCostUpsert,
  additionalCostExample,
} from './additional-costs.schema.js';
import { AdditionalCostsService, parseCostRef } from './additional-costs.service.js';

const tags = ['Additional costs'];
const NOTE =
  'Campo extension: the Auvo documentation references additional costs by GUID (`AdditionalCostId` in PUT /v2/tasks/{id}/additional-costs) but has no endpoint to create or list them.';

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

export function registerAdditionalCostRoutes({ route, services }: ModuleContext): void {
  const svc = services.additionalCosts;

  route({
    method: 'GET',
    url: '/v2/additionalCosts/:id',
    operationId: 'getAdditionalCost',
    tags,
    summary: 'Retrieve an additional cost',
    description: `${NOTE} The path id is the GUID or the numeric code.`,
    extension: true,
    params: AdditionalCostParams,
    response: AdditionalCost,
    example: additionalCostExample,
    handler: async ({ auth, params }) => svc.get(auth, parseCostRef(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/additionalCosts',
    operationId: 'listAdditionalCosts',
    tags,
    summary: 'Retrieve a list of additional costs',
    description: `${NOTE} paramFilter keys (optional): id (GUID), code, name (contains, any case), active. Order is by code.`,
    extension: true,
    querystring: ListQuery,
    list: true,
    example: listExample(additionalCostExample, 'AdditionalCosts'),
    response: ListEnvelope(AdditionalCost),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'AdditionalCosts',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/additionalCosts',
    operationId: 'createAdditionalCost',
    tags,
    summary: 'Add a new additional cost',
    description: `${NOTE} \`unitaryValue\` may be a number or a decimal string ("44.50", "44,50"); default 0. \`active\` defaults to true. The server assigns the GUID \`id\` and the numeric \`code\`.`,
    extension: true,
    body: AdditionalCostCreate,
    response: AdditionalCost,
    example: additionalCostExample,
    handler: async ({ auth, body }) => svc.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/additionalCosts',
    operationId: 'upsertAdditionalCost',
    tags,
    summary: 'Add a new additional cost or update an existing one',
    description: `${NOTE} Matches by \`id\` (GUID), then by \`code\`: 200 when it updated, 201 when it created (then \`name\` is required; an unknown id creates a cost with a new GUID).`,
    extension: true,
    body: AdditionalCostUpsert,
    status: 200,
    alsoStatus: [201],
    response: AdditionalCost,
    example: additionalCostExample,
    handler: async ({ auth, body }) => {
      const r = await svc.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/additionalCosts/:id',
    operationId: 'patchAdditionalCost',
    tags,
    summary: 'Edit an additional cost (JSON Patch)',
    description: `${NOTE} Paths: name, unitaryValue, active.`,
    extension: true,
    params: AdditionalCostParams,
    body: JsonPatchBody,
    response: AdditionalCost,
    example: additionalCostExample,
    handler: async ({ auth, params, body }) => svc.patch(auth, parseCostRef(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/additionalCosts/:id',
    operationId: 'deleteAdditionalCost',
    tags,
    summary: 'Delete an additional cost',
    description: `${NOTE} Deleting a cost that tasks still use is allowed: their items keep its GUID.`,
    extension: true,
    params: AdditionalCostParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseCostRef(params.id));
      return undefined;
    },
  });
}

export const additionalCostsModule: Module<'additionalCosts'> = {
  name: 'additionalCosts',
  createService: (deps) => new AdditionalCostsService(deps),
  registerRoutes: registerAdditionalCostRoutes,
};
