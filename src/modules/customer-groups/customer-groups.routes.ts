import { Type } from 'typebox';
import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, NamedIdParams, parseId } from '../../core/http.js';
import { CustomerGroupClient, customerExamples } from '../customers/customers.schema.js';
import { JsonPatchBody } from '../users/users.schema.js';
import {
  CustomerGroup,
  CustomerGroupCreate,
  CustomerGroupCreated,
  CustomerGroupListQuery,
  customerGroupExample,
} from './customer-groups.schema.js';
import { CustomerGroupsService } from './customer-groups.service.js';

const tags = ['Customer groups'];

export function registerCustomerGroupRoutes({ route, services }: ModuleContext): void {
  const groups = services.customerGroups;

  route({
    method: 'GET',
    url: '/v2/customerGroups',
    operationId: 'listCustomerGroups',
    tags,
    summary: 'Retrieve a list of customer groups',
    description:
      'paramFilter keys: id (the group id), description (contains, any case). Not paged: the answer is `{entityList}` only, as documented; 404 with `{"result":{"entityList":[]}}` when nothing matches.',
    querystring: CustomerGroupListQuery,
    list: true,
    response: Type.Object({ entityList: Type.Array(CustomerGroup) }),
    example: { entityList: [customerGroupExample] },
    handler: async ({ auth, query }) => groups.list(auth, query.paramFilter),
  });

  route({
    method: 'GET',
    url: '/v2/customerGroups/:id/clients',
    operationId: 'listCustomerGroupClients',
    tags,
    summary: 'Retrieve the customers of a customer group',
    description:
      'Not paged: `{entityList}` only. Unknown group: 404 with an empty body; a group without customers: 404 with `{"result":{"entityList":[]}}`.',
    params: NamedIdParams,
    list: true,
    response: Type.Object({ entityList: Type.Array(CustomerGroupClient) }),
    example: { entityList: [customerExamples.groupClient] },
    handler: async ({ auth, params }) => groups.clients(auth, parseId(params.id, 'clientGroupId')),
  });

  route({
    method: 'GET',
    url: '/v2/customerGroups/:id/customers',
    operationId: 'listCustomerGroupCustomers',
    tags,
    summary: 'Retrieve the customers of a customer group (live path)',
    description:
      'The same answer as `GET /v2/customerGroups/{id}/clients`. Not paged: `{entityList}` only. Unknown group: 404 with an empty body; a group without customers: 404 with `{"result":{"entityList":[]}}`.',
    live: true,
    params: NamedIdParams,
    list: true,
    response: Type.Object({ entityList: Type.Array(CustomerGroupClient) }),
    example: { entityList: [customerExamples.groupClient] },
    handler: async ({ auth, params }) => groups.clients(auth, parseId(params.id, 'clientGroupId')),
  });

  route({
    method: 'GET',
    url: '/v2/customerGroups/:id',
    operationId: 'getCustomerGroup',
    tags,
    summary: 'Retrieve a customer group',
    description: "Campo extension: the customer group with this id in the token's account; 404 with an empty body when there is none.",
    extension: true,
    params: IdParams,
    response: CustomerGroup,
    example: customerGroupExample,
    handler: async ({ auth, params }) => groups.get(auth, parseId(params.id)),
  });

  route({
    method: 'POST',
    url: '/v2/customerGroups',
    operationId: 'createCustomerGroup',
    tags,
    summary: 'Add a new customer group',
    description:
      '`clientsId`: customer ids of the account; they show the group in their `groupsId`. The group is answered twice: as documented, and under `clientGroupSearchReturn`, where the live service puts it (clients read `result.clientGroupSearchReturn.id`).',
    body: CustomerGroupCreate,
    response: CustomerGroupCreated,
    example: { id: 123, description: 'Terêscio', clientGroupSearchReturn: { id: 123, description: 'Terêscio' } },
    handler: async ({ auth, body }) => groups.create(auth, body),
  });

  route({
    method: 'PATCH',
    url: '/v2/customerGroups/:id',
    operationId: 'patchCustomerGroup',
    tags,
    summary: 'Edit a customer group (JSON Patch)',
    description: 'Campo extension. Paths: description, clientsId (the member list is replaced).',
    extension: true,
    params: IdParams,
    body: JsonPatchBody,
    response: CustomerGroup,
    example: customerGroupExample,
    handler: async ({ auth, params, body }) => groups.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/customerGroups/:id',
    operationId: 'deleteCustomerGroup',
    tags,
    summary: 'Delete a customer group',
    description: "The group disappears from its customers' `groupsId`.",
    params: IdParams,
    handler: async ({ auth, params }) => {
      await groups.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const customerGroupsModule: Module<'customerGroups'> = {
  name: 'customerGroups',
  createService: (deps, services) => new CustomerGroupsService(deps, services),
  registerRoutes: registerCustomerGroupRoutes,
};
