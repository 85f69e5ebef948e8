import { Type } from 'typebox';
import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import {
  Ticket,
  TicketAttachmentsBody,
  TicketCreate,
  TicketCustomField,
  TicketCustomFieldCreate,
  TicketInteraction,
  TicketInteractionCreate,
  TicketListed,
  TicketRequestType,
  TicketRequestTypeCreate,
  TicketRequestTypeLive,
  TicketStatus,
  TicketStatusCreate,
  TicketStatusLive,
  ticketCustomFieldExample,
  ticketExample,
  ticketInteractionExample,
  ticketListedExample,
} from './tickets.schema.js';
import { TicketsService } from './tickets.service.js';

const tags = ['Tickets'];
const NOTE = 'Campo extension: Auvo documents ticket reads and the POST only.';

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

export function registerTicketRoutes({ route, services }: ModuleContext): void {
  const svc = services.tickets;

  // ---- Catalogues (extension): what statusId, requestTypeId and customFieldTicket.id point to.
  const catalogs = [
    {
      url: '/v2/ticketStatuses',
      name: 'TicketStatus',
      plural: 'TicketStatuses',
      summary: 'ticket statuses',
      schema: TicketStatus,
      body: TicketStatusCreate,
      example: { id: 47100, description: 'Aguardando Atendimento', statusType: 2 },
      list: (auth: Parameters<typeof svc.listStatuses>[0], q: Parameters<typeof svc.listStatuses>[1]) => svc.listStatuses(auth, q),
      create: (auth: Parameters<typeof svc.createStatus>[0], b: unknown) => svc.createStatus(auth, b as never),
      detail:
        'statusType: 1 Normal, 2 Abertura, 3 Pausa, 4 Cancelamento, 5 Encerramento (sets the ticket endDate), 6 AguardandoAtendente, 7 AguardandoCliente.',
    },
    {
      url: '/v2/ticketRequestTypes',
      name: 'TicketRequestType',
      plural: 'TicketRequestTypes',
      summary: 'ticket request types',
      schema: TicketRequestType,
      body: TicketRequestTypeCreate,
      example: { id: 19800, description: 'Suporte' },
      list: (auth: Parameters<typeof svc.listRequestTypes>[0], q: Parameters<typeof svc.listRequestTypes>[1]) =>
        svc.listRequestTypes(auth, q),
      create: (auth: Parameters<typeof svc.createRequestType>[0], b: unknown) => svc.createRequestType(auth, b as never),
      detail: 'The requestTypeId of tickets.',
    },
    {
      url: '/v2/ticketCustomFields',
      name: 'TicketCustomField',
      plural: 'TicketCustomFields',
      summary: 'ticket custom fields',
      schema: TicketCustomField,
      body: TicketCustomFieldCreate,
      example: ticketCustomFieldExample,
      list: (auth: Parameters<typeof svc.listCustomFields>[0], q: Parameters<typeof svc.listCustomFields>[1]) =>
        svc.listCustomFields(auth, q),
      create: (auth: Parameters<typeof svc.createCustomField>[0], b: unknown) => svc.createCustomField(auth, b as never),
      detail:
        'A field with multipleChoiceItems takes choice ids as its value ("10257", or several comma-separated); a required field must be given when a ticket is created.',
    },
  ];
  for (const c of catalogs) {
    route({
      method: 'GET',
      url: c.url,
      operationId: `list${c.plural}`,
      tags,
      summary: `Retrieve the ${c.summary}`,
      description: `${NOTE} ${c.detail} Order is by id.`,
      extension: true,
      querystring: ListQuery,
      list: true,
      example: listExample(c.example, c.url.slice(4)),
      response: ListEnvelope(c.schema),
      handler: async ({ auth, query, baseUrl }) => {
        const r = await c.list(auth, query);
        return listResult({
          items: r.items as never[],
          totalItems: r.total,
          paging: r.paging,
          resource: c.url.slice(4),
          filterText: undefined,
          baseUrl,
        });
      },
    });
    route({
      method: 'POST',
      url: c.url,
      operationId: `create${c.name}`,
      tags,
      summary: `Add one of the ${c.summary}`,
      description: `${NOTE} ${c.detail}`,
      extension: true,
      body: c.body,
      response: c.schema,
      example: c.example,
      handler: async ({ auth, body }) => (await c.create(auth, body)) as never,
    });
  }

  // The live service's paths for the same catalogues (D16): the whole list, `result` an array.
  route({
    method: 'GET',
    url: '/v2/tickets/status',
    operationId: 'listTicketStatusesLive',
    tags,
    summary: 'Retrieve every ticket status (live path)',
    description:
      'The statuses of `GET /v2/ticketStatuses`, unpaged: `result` is the array (200 with `[]` when there are none), each item with `name` repeating the description. statusType: 1 Normal, 2 Abertura, 3 Pausa, 4 Cancelamento, 5 Encerramento, 6 AguardandoAtendente, 7 AguardandoCliente.',
    live: true,
    response: Type.Array(TicketStatusLive),
    example: [{ id: 47100, description: 'Aguardando Atendimento', name: 'Aguardando Atendimento', statusType: 2 }],
    handler: async ({ auth }) => svc.allStatuses(auth),
  });

  route({
    method: 'GET',
    url: '/v2/tickets/request-type',
    operationId: 'listTicketRequestTypesLive',
    tags,
    summary: 'Retrieve every ticket request type (live path)',
    description:
      'The request types of `GET /v2/ticketRequestTypes`, unpaged: `result` is the array (200 with `[]` when there are none), each item with `name` repeating the description.',
    live: true,
    response: Type.Array(TicketRequestTypeLive),
    example: [{ id: 19800, description: 'Suporte', name: 'Suporte' }],
    handler: async ({ auth }) => svc.allRequestTypes(auth),
  });

  route({
    method: 'GET',
    url: '/v2/tickets/:id',
    operationId: 'getTicket',
    tags,
    summary: 'Retrieve a ticket',
    description:
      "The ticket with this id in the token's account, with its status history, custom fields and linked tasks; 404 with an empty body when there is none.",
    params: IdParams,
    response: Ticket,
    example: ticketExample,
    handler: async ({ auth, params }) => svc.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/tickets',
    operationId: 'listTickets',
    tags,
    summary: 'Retrieve a list of tickets',
    description:
      'paramFilter keys (any case): startDate and endDate (required: the creation window, yyyy-MM-ddTHH:mm:ss or yyyy-MM-dd; a bare end date includes the whole day), ids, Status (1 Normal ... 7 AguardandoCliente), ResponsableUsersIds, TeamId, OpeningResponsableUsersId (each comma-separated), CustomerGroupId, Origems ([1 Email, 2 Interno, 3 PaginaSolicitacao]), and SearchTasks, SearchModifications, SearchInteractions, SearchCustomFields: unless true, taskIDs, alterations, interactions and customFields come back empty. Items have no statusAlterations. Order is by id.',
    querystring: ListQuery,
    list: true,
    example: listExample(ticketListedExample, 'tickets/'),
    response: ListEnvelope(TicketListed),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'tickets/', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'POST',
    url: '/v2/tickets',
    operationId: 'createTicket',
    tags,
    summary: 'Register a ticket',
    description:
      'Answers 200 (not 201), as documented. Required: title, description, priority (1 high, 2 medium, 3 low; number or numeric string), requesterEmail. References (requestTypeId, customerId, teamId, userResponsableId, statusId, equipmentId, customFields[].customFieldTicket.id) must exist: otherwise 400 with a field map and nothing is written. Without statusId the ticket starts in the first status of type Abertura (else the first status; with no status catalogue, "Abertura"). Extensions: origin (1 Email, 2 Interno by default, 3 PaginaSolicitacao), taskIDs (tasks linked).',
    body: TicketCreate,
    status: 200,
    response: Ticket,
    example: ticketExample,
    handler: async ({ auth, body }) => svc.create(auth, body),
  });

  route({
    method: 'PATCH',
    url: '/v2/tickets/:id',
    operationId: 'patchTicket',
    tags,
    summary: 'Edit a ticket (JSON Patch): status, responsible, team, linked tasks, custom fields',
    description: `${NOTE} Paths: title, description, priority, requesterEmail, requesterName, requestTypeId, customerId, teamId, userResponsableId, statusId, equipmentId, customFields and taskIDs (lists replaced whole). Each change is recorded in alterations; a status change also closes the current statusAlterations period and opens one, and a status of type Cancelamento (4) or Encerramento (5) sets endDate.`,
    extension: true,
    params: IdParams,
    body: JsonPatchBody,
    response: Ticket,
    example: ticketExample,
    handler: async ({ auth, params, body }) => svc.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'POST',
    url: '/v2/tickets/:id/interactions',
    operationId: 'createTicketInteraction',
    tags,
    summary: 'Add an interaction (message) to a ticket',
    description: `${NOTE} Body: message (required), title, interactionType (default "Interno"), emailContact, emailContactName, emailReference, attachments [{name, file (base64)}]. Answers the interaction (201).`,
    extension: true,
    params: IdParams,
    body: TicketInteractionCreate,
    response: TicketInteraction,
    example: ticketInteractionExample,
    handler: async ({ auth, params, body }) => svc.addInteraction(auth, parseId(params.id), body),
  });

  route({
    method: 'PUT',
    url: '/v2/tickets/:id/attachments',
    operationId: 'putTicketAttachments',
    tags,
    summary: "Add files to a ticket's urlAttachments",
    description: `${NOTE} Same body as the other attachment endpoints: attachments [{name, file}], removeAllAttachmentsInsertedByMe. Answers the ticket.`,
    extension: true,
    params: IdParams,
    body: TicketAttachmentsBody,
    response: Ticket,
    example: ticketExample,
    handler: async ({ auth, params, body }) => svc.putAttachments(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/tickets/:id',
    operationId: 'deleteTicket',
    tags,
    summary: 'Delete a ticket',
    description: NOTE,
    extension: true,
    params: IdParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const ticketsModule: Module<'tickets'> = {
  name: 'tickets',
  createService: (deps, services) => new TicketsService(deps, services),
  registerRoutes: registerTicketRoutes,
};
