import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { LIVE_NOTE } from '../shared/live.js';
import { JsonPatchBody } from '../users/users.schema.js';
import { ExpenseType, ExpenseTypeCreate, ExpenseTypeUpsert, expenseTypeExample } from './expense-types.schema.js';
import { ExpenseTypesService } from './expense-types.service.js';

const tags = ['Expense types'];

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

export function registerExpenseTypeRoutes({ route, services }: ModuleContext): void {
  const svc = services.expenseTypes;

  route({
    method: 'GET',
    url: '/v2/expenseTypes/:id',
    operationId: 'getExpenseType',
    tags,
    summary: 'Retrieve an expense type',
    description: "The expense type with this id in the token's account; 404 with an empty body when there is none.",
    params: IdParams,
    response: ExpenseType,
    example: expenseTypeExample,
    handler: async ({ auth, params }) => svc.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/expenseTypes',
    operationId: 'listExpenseTypes',
    tags,
    summary: 'Retrieve a list of expense types',
    description: 'paramFilter keys (optional): id, description (contains, any case). Order is by id.',
    querystring: ListQuery,
    list: true,
    example: listExample(expenseTypeExample, 'expenseTypes/'),
    response: ListEnvelope(ExpenseType),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'expenseTypes/',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/expenseTypes',
    operationId: 'createExpenseType',
    tags,
    summary: 'Add a new expense type',
    description: '`creatorId` is the user behind the API credentials.',
    body: ExpenseTypeCreate,
    response: ExpenseType,
    example: expenseTypeExample,
    handler: async ({ auth, body }) => svc.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/expenseTypes',
    operationId: 'upsertExpenseType',
    tags,
    summary: 'Add a new expense type or update an existing one',
    description: `${LIVE_NOTE} Matches by \`id\` (an expense type has no \`externalId\`): 200 when it updated, 201 when it created (then \`description\` is required; an unknown \`id\` creates one with a new id).`,
    extension: true,
    body: ExpenseTypeUpsert,
    status: 200,
    alsoStatus: [201],
    response: ExpenseType,
    example: expenseTypeExample,
    handler: async ({ auth, body }) => {
      const r = await svc.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/expenseTypes/:id',
    operationId: 'patchExpenseType',
    tags,
    summary: 'Edit an expense type (JSON Patch)',
    description: 'JSON Patch (RFC 6902) on an expense type. Paths: description. Other paths answer 400 and nothing changes.',
    params: IdParams,
    body: JsonPatchBody,
    response: ExpenseType,
    example: expenseTypeExample,
    handler: async ({ auth, params, body }) => svc.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/expenseTypes/:id',
    operationId: 'deleteExpenseType',
    tags,
    summary: 'Delete an expense type',
    description:
      'Deleting a type that expenses still use is allowed: those expenses keep its id in `typeId` and answer `typeName` "" from then on.',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const expenseTypesModule: Module<'expenseTypes'> = {
  name: 'expenseTypes',
  createService: (deps) => new ExpenseTypesService(deps),
  registerRoutes: registerExpenseTypeRoutes,
};
