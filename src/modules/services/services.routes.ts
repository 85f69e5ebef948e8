import { Type } from 'typebox';
import type { Module, ModuleContext } from '../../core/context.js';
import { withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { LIVE_NOTE } from '../shared/live.js';
import { JsonPatchBody } from '../users/users.schema.js';
import { GuidParams, Service, ServiceCreate, ServiceUpsert, serviceExample } from './services.schema.js';
import { parseGuid, ServicesService } from './services.service.js';

const tags = ['Services'];

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

export function registerServiceRoutes({ route, services }: ModuleContext): void {
  const svc = services.services;

  route({
    method: 'GET',
    url: '/v2/services/obterListaServicos',
    operationId: 'listAllServicesLegacy',
    tags,
    summary: 'Retrieve every service (legacy live list)',
    description:
      'The legacy list of the live service: every service of the account, unpaged and unfiltered, by creation; `result` is the array (200 with `[]` when there are none). Items as in `GET /v2/services`.',
    live: true,
    response: Type.Array(Service),
    example: [serviceExample],
    handler: async ({ auth }) => svc.all(auth),
  });

  route({
    method: 'GET',
    url: '/v2/services/:id',
    operationId: 'getService',
    tags,
    summary: 'Retrieve a service',
    description:
      'Services are addressed by their GUID `id` (a non-GUID answers 400). Campo also returns `description`, which the GET example omits.',
    params: GuidParams,
    response: Service,
    example: serviceExample,
    handler: async ({ auth, params }) => svc.get(auth, parseGuid(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/services',
    operationId: 'listServices',
    tags,
    summary: 'Retrieve a list of services',
    description:
      'paramFilter (optional; absent = no filter) keys: title and description (contains, any case), price (exact), active, fiscalServiceId (exact GUID). Order is by creation.',
    querystring: ListQuery,
    list: true,
    example: listExample(serviceExample, 'Service'),
    response: ListEnvelope(Service),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      // The server's own links name the resource `Service` (inventory 7 #40).
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'Service', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'POST',
    url: '/v2/services',
    operationId: 'createService',
    tags,
    summary: 'Add a new service',
    description:
      '`price` may be a number or a decimal string ("12.34" or "12,34"; default 0) and is answered as "12.34". `active` defaults to true.',
    body: ServiceCreate,
    response: Service,
    example: serviceExample,
    handler: async ({ auth, body }) => svc.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/services',
    operationId: 'upsertService',
    tags,
    summary: 'Add a new service or update an existing one',
    description: `${LIVE_NOTE} Matches by \`id\` (GUID; a service has no \`externalId\`): 200 when it updated, 201 when it created (then \`title\` is required; an unknown GUID creates a service with a new one). Attributes left out keep their values.`,
    extension: true,
    body: ServiceUpsert,
    status: 200,
    alsoStatus: [201],
    response: Service,
    example: serviceExample,
    handler: async ({ auth, body }) => {
      const r = await svc.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/services/:id',
    operationId: 'patchService',
    tags,
    summary: 'Edit a service (JSON Patch)',
    description: 'Paths: title (also `name`, as the documented example writes it), description, price, active, fiscalServiceId.',
    params: GuidParams,
    body: JsonPatchBody,
    response: Service,
    example: serviceExample,
    handler: async ({ auth, params, body }) => svc.patch(auth, parseGuid(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/services/:id',
    operationId: 'deleteService',
    tags,
    summary: 'Delete a service',
    description: 'Deleting a service that task items still reference is allowed: those items keep its GUID.',
    params: GuidParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseGuid(params.id));
      return undefined;
    },
  });
}

export const servicesModule: Module<'services'> = {
  name: 'services',
  createService: (deps) => new ServicesService(deps),
  registerRoutes: registerServiceRoutes,
};
