import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import {
  Customer,
  CustomerAttachmentsBody,
  CustomerCreate,
  CustomerCreated,
  CustomerListed,
  CustomerPatched,
  CustomerUpsert,
  CustomerUpserted,
  CustomerWithAttachments,
  customerExamples,
} from './customers.schema.js';
import { CustomersService } from './customers.service.js';

const tags = ['Customers'];
const REFERENCES =
  'Referenced ids must exist in the account (`groupsId`, `managerTeamsId`, `managersId`, `segmentId`), else 400 naming the attribute; 0 means none. ' +
  '`attachments[]`: `{name, file}` with the extension in the name and the file in base64; each at most AUVO_MAX_ATTACHMENT_MB (413 above it).';

export function registerCustomerRoutes({ route, services }: ModuleContext): void {
  const customers = services.customers;

  route({
    method: 'GET',
    url: '/v2/customers/:id',
    operationId: 'getCustomer',
    tags,
    summary: 'Retrieve a customer',
    description:
      "The customer with this id in the token's account, with its contacts, groups, segment and attachments; 404 with an empty body when there is none.",
    params: IdParams,
    response: Customer,
    example: customerExamples.get,
    handler: async ({ auth, params }) => customers.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/customers',
    operationId: 'listCustomers',
    tags,
    summary: 'Retrieve a list of customers',
    description:
      'paramFilter keys: id, description (name contains, any case), segmentId, creationDate (created at or after), dateLastUpdate (changed at or after), groupId, active, externalId (comma-separated). Order is by id.',
    querystring: ListQuery,
    list: true,
    response: ListEnvelope(CustomerListed),
    example: customerExamples.list,
    handler: async ({ auth, query, baseUrl }) => {
      const r = await customers.list(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'Customers',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/customers',
    operationId: 'createCustomer',
    tags,
    summary: 'Add a new customer',
    description: `The name is \`name\` (\`description\` is accepted too). ${REFERENCES}`,
    body: CustomerCreate,
    response: CustomerCreated,
    example: customerExamples.created,
    handler: async ({ auth, body }) => customers.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/customers',
    operationId: 'upsertCustomer',
    tags,
    summary: 'Add a new customer or update an existing one',
    description:
      'Matches by `id`, then by `externalId`: 200 when it updated, 201 when it created (then `description`, the name, is required). Attributes left out keep their values. ' +
      `A contact with an \`id\` updates that contact of the customer; one without is added; contacts not sent are kept. Attachments are added. ${REFERENCES}`,
    body: CustomerUpsert,
    status: 200,
    alsoStatus: [201],
    response: CustomerUpserted,
    example: customerExamples.upserted,
    handler: async ({ auth, body }) => {
      const r = await customers.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/customers/:id',
    operationId: 'patchCustomer',
    tags,
    summary: 'Edit a customer (JSON Patch)',
    description:
      'Paths: externalId, name (or description), phoneNumber, email, manager, managerJobPosition, note, address, latitude, longitude, maximumVisitTime, unitMaximumTime, cpfCnpj, groupsId, managerTeamsId, managersId, segmentId, active, adressComplement.',
    params: IdParams,
    body: JsonPatchBody,
    response: CustomerPatched,
    example: customerExamples.patched,
    handler: async ({ auth, params, body }) => customers.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/customers/:id',
    operationId: 'deleteCustomer',
    tags,
    summary: 'Delete a customer',
    description: 'Its contacts, group memberships and attachments go with it.',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await customers.remove(auth, parseId(params.id));
      return undefined;
    },
  });

  // Documented with the singular `customer`; the plural works too (D7).
  for (const [url, hidden] of [
    ['/v2/customer/:id/attachments', false],
    ['/v2/customers/:id/attachments', true],
  ] as const) {
    route({
      method: 'PUT',
      url,
      operationId: hidden ? 'putCustomerAttachmentsPlural' : 'putCustomerAttachments',
      tags,
      summary: 'Edit customer attachments',
      description:
        'Adds `attachments[]` (`{name, file}`, base64, the name with its extension); `removeAllAttachmentsInsertedByMe: true` first removes the attachments earlier sent through the API. The answer lists every attachment URL in `uriAnexos`.',
      hidden,
      params: IdParams,
      body: CustomerAttachmentsBody,
      response: CustomerWithAttachments,
      example: customerExamples.attachments,
      handler: async ({ auth, params, body }) => customers.putAttachments(auth, parseId(params.id), body),
    });
  }
}

export const customersModule: Module<'customers'> = {
  name: 'customers',
  createService: (deps, services) => new CustomersService(deps, services),
  registerRoutes: registerCustomerRoutes,
};
