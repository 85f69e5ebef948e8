import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody, User, UserCreate, UserPatched, UserUpsert, UserWritten, userExample } from './users.schema.js';
import { UsersService } from './users.service.js';

const tags = ['Users'];
const { userId, userID, externalId, name, smartphoneNumber, smartPhoneNumber: _live, BasePoint, taskNotification, ...rest } = userExample;
const { checkOut, ...task } = taskNotification;
const writtenExample = {
  userId,
  userID,
  externalId,
  name,
  smartPhoneNumber: smartphoneNumber,
  smartphoneNumber,
  ...rest,
  basePoint: BasePoint,
  taskNotification: { ...task, checkout: checkOut },
};

export function registerUserRoutes({ route, services }: ModuleContext): void {
  const users = services.users;

  route({
    method: 'GET',
    url: '/v2/users/:id',
    operationId: 'getUser',
    tags,
    summary: 'Retrieve a user',
    description: "The user with this id in the token's account. A deleted or unknown id answers 404 with an empty body.",
    params: IdParams,
    response: User,
    example: userExample,
    handler: async ({ auth, params }) => users.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/users',
    operationId: 'listUsers',
    tags,
    summary: 'Retrieve a list of users',
    description:
      'paramFilter keys: userId (also `userID`, the live spelling), name (contains), smartPhoneNumber (contains), userType (1/Usuario, 2/Manager, 3/Administrator), externalId (comma-separated). Order is by userId.',
    querystring: ListQuery,
    list: true,
    response: ListEnvelope(User),
    example: {
      entityList: [userExample],
      pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
      links: [
        {
          href: 'https://api.auvo.com.br/v2/Users?ParamFilter=%7B%22name%22%3A%22a%22%7D&Page=1&PageSize=1&Order=Asc',
          rel: 'self',
          method: 'GET',
        },
        {
          href: 'https://api.auvo.com.br/v2/Users?ParamFilter=%7B%22name%22%3A%22a%22%7D&Page=2&PageSize=1&Order=Asc',
          rel: 'nextPage',
          method: 'GET',
        },
      ],
    },
    handler: async ({ auth, query, baseUrl }) => {
      const r = await users.list(auth, query);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'Users', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'POST',
    url: '/v2/users',
    operationId: 'createUser',
    tags,
    summary: 'Add a new user',
    description:
      'The base point is sent flat (address, latitude, longitude). `password` is write-only (kept as an argon2id hash). Logins are unique within the account.',
    body: UserCreate,
    response: UserWritten,
    example: writtenExample,
    handler: async ({ auth, body }) => users.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/users',
    operationId: 'upsertUser',
    tags,
    summary: 'Add a new user or update an existing one',
    description:
      'Matches by `id`, then by `externalId`: 200 when it updated, 201 when it created (then every POST-required attribute is required). Attributes left out of an update keep their values.',
    body: UserUpsert,
    status: 200,
    alsoStatus: [201],
    response: UserWritten,
    example: writtenExample,
    handler: async ({ auth, body }) => {
      const r = await users.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/users/:id',
    operationId: 'patchUser',
    tags,
    summary: 'Edit a user (JSON Patch)',
    description:
      'Paths: login, externalId, password, name, smartPhoneNumber, email, jobPosition, enterprise, culture, hourValue, userType, checkInManual, checkOutManual, address, latitude, longitude, gpsFrequency, openTaskInPlace, galleryPhotos, unavailableForTasks, editTaskAfterCheckout, informStartTravel, changeBasePoint. The answer lists phone numbers and e-mails as arrays.',
    params: IdParams,
    body: JsonPatchBody,
    response: UserPatched,
    example: { ...writtenExample, smartPhoneNumber: [smartphoneNumber], smartphoneNumber: [smartphoneNumber], email: [userExample.email] },
    handler: async ({ auth, params, body }) => users.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/users/:id',
    operationId: 'deleteUser',
    tags,
    summary: 'Delete a user',
    description:
      'Deletes the user: GET then answers 404, the user leaves lists and its login becomes free for a new user. Tasks and records that name the user keep its id. 404 when there is no such user.',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await users.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const usersModule: Module<'users'> = {
  name: 'users',
  createService: (deps) => new UsersService(deps),
  registerRoutes: registerUserRoutes,
};
