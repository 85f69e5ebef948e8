import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, NamedIdParams, parseId } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import { Team, TeamCreate, TeamListed, TeamUser, teamExample } from './teams.schema.js';
import { TeamsService } from './teams.service.js';

const tags = ['Teams'];

export function registerTeamRoutes({ route, services }: ModuleContext): void {
  const teams = services.teams;

  route({
    method: 'GET',
    url: '/v2/teams/:id',
    operationId: 'getTeam',
    tags,
    summary: 'Retrieve a team',
    description: '`teamUsers` and `teamManagers` list the names of the participants and managers.',
    params: IdParams,
    response: Team,
    example: teamExample,
    handler: async ({ auth, params }) => teams.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/teams',
    operationId: 'listTeams',
    tags,
    summary: 'Retrieve a list of teams',
    description: 'paramFilter keys: id, description (contains, any case). Order is by id.',
    querystring: ListQuery,
    list: true,
    response: ListEnvelope(TeamListed),
    example: {
      entityList: [{ creationDate: '2018-02-19T10:11:57', ...teamExample }],
      pagedSearchReturnData: { order: 0, pageSize: 10, page: 1, totalItems: 1 },
      links: [{ href: 'https://api.auvo.com.br/v2/Teams?Page=1&PageSize=10&Order=Asc', rel: 'self', method: 'GET' }],
    },
    handler: async ({ auth, query, baseUrl }) => {
      const r = await teams.list(auth, query);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'Teams', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'GET',
    url: '/v2/teams/:id/users',
    operationId: 'listTeamUsers',
    tags,
    summary: 'Retrieve the participants of a team',
    description:
      'Paged by user id. Unknown team: 404 with an empty body; a team without participants (or a page past the end): 404 with the list envelope. The self link is written as Auvo writes it (`Teams?ParamFilter={teamId}`).',
    params: NamedIdParams,
    querystring: ListQuery,
    list: true,
    response: ListEnvelope(TeamUser),
    example: {
      entityList: [{ userId: 52205, userID: 52205, externalId: '', name: 'User1', jobPosition: 'description' }],
      pagedSearchReturnData: { order: 0, pageSize: 10, page: 1, totalItems: 1 },
      links: [{ href: 'https://api.auvo.com.br/v2/Teams?ParamFilter=4168&Page=1&PageSize=10&Order=Asc', rel: 'self', method: 'GET' }],
    },
    handler: async ({ auth, params, query, baseUrl }) => {
      const teamId = parseId(params.id, 'teamId');
      const r = await teams.users(auth, teamId, query);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'Teams', filterText: String(teamId), baseUrl });
    },
  });

  route({
    method: 'POST',
    url: '/v2/teams',
    operationId: 'createTeam',
    tags,
    summary: 'Add a new team',
    description: '`participants` and `managers` (also spelled `manangers`) are user ids of the account; the answer lists their names.',
    body: TeamCreate,
    response: Team,
    example: { ...teamExample, teamUsers: ['User1', 'User2', 'User3'], id: 4000, description: 'some description here' },
    handler: async ({ auth, body }) => teams.create(auth, body),
  });

  route({
    method: 'PATCH',
    url: '/v2/teams/:id',
    operationId: 'patchTeam',
    tags,
    summary: 'Edit a team (JSON Patch)',
    description: 'Campo extension. Paths: description, participants, managers (user-id arrays; the lists are replaced).',
    extension: true,
    params: IdParams,
    body: JsonPatchBody,
    response: Team,
    example: teamExample,
    handler: async ({ auth, params, body }) => teams.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/teams/:id',
    operationId: 'deleteTeam',
    tags,
    summary: 'Delete a team',
    description: 'Campo extension. Customers and tasks that reference the team keep its id.',
    extension: true,
    params: IdParams,
    handler: async ({ auth, params }) => {
      await teams.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const teamsModule: Module<'teams'> = {
  name: 'teams',
  createService: (deps, services) => new TeamsService(deps, services),
  registerRoutes: registerTeamRoutes,
};
