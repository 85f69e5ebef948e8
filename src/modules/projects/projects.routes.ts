import type { Module, ModuleContext } from '../../core/context.js';
import { withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import {
  Project,
  ProjectCreate,
  ProjectListed,
  ProjectParams,
  ProjectStatus,
  ProjectStatusCreate,
  ProjectUpsert,
  projectExample,
  projectListedExample,
} from './projects.schema.js';
import { ProjectsService, parseProjectRef } from './projects.service.js';

const tags = ['Projects'];
const NOTE = 'Campo extension: Auvo documents projects (service orders) read-only.';
const WRITE_NOTE =
  "Attributes: customerId, description, externalId, statusId (project status GUID), taskTypeId, defaultQuestionnaireId, defaultResponsibleId, priority (1 low ... 3 high), keywords (ids), equipments (ids), startDate/endDate (yyyy-MM-dd; the list filters StartDateDuration/EndDateDuration read them), discountType (0 Value, 1 Percentage), discountValue, tasks (the visits: existing task ids, in order), attachments [{name, file}], and recurrence {frequency (daily/weekly/monthly or 1/2/3), interval, occurrences or until (yyyy-MM-dd), taskDate (first visit), idUserTo, orientation}: a recurrence creates one task per occurrence (through the tasks resource, each with its own change event) and appends them to the visits. Unknown references answer 400 with a field map and nothing is written. The project's products, services and additional costs are its visits' items summed by id; the summary sums the visits and applies the project discount. reportLink and detailedReportLink are empty: Campo serves no printable report." +
  ` Live spellings (the live Auvo service accepts these fields, although the Auvo documentation does not describe them): externalCode (externalId), keywordsIds (keywords), and recurrenceType (daily, weekly or monthly), recurrenceInterval (default 1), dateFirstVisit, dateLastVisit and startTime ("HH:mm", default 08:00), read as a recurrence that creates the visits; yearly recurrences, recurrenceDays, monthlyMode and duration answer 400 (not supported).`;

function listExample<T>(item: T, resource: string, withLinks = true) {
  const href = (page: number) => `https://api.auvo.com.br/v2/${resource}?Page=${page}&PageSize=1&Order=Asc`;
  return {
    entityList: [item],
    pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
    links: withLinks
      ? [
          { href: href(1), rel: 'self', method: 'GET' },
          { href: href(2), rel: 'nextPage', method: 'GET' },
        ]
      : [],
  };
}

export function registerProjectRoutes({ route, services }: ModuleContext): void {
  const svc = services.projects;

  route({
    method: 'GET',
    url: '/v2/serviceOrderStatuses',
    operationId: 'listProjectStatuses',
    tags,
    summary: 'Retrieve the project statuses',
    description: `${NOTE} What a project's statusId (GUID) points to. Order is by creation.`,
    extension: true,
    querystring: ListQuery,
    list: true,
    example: listExample({ id: '06e708c5-747a-11ee-bdb3-0ab8a76e2462', description: 'Em andamento' }, 'serviceOrderStatuses'),
    response: ListEnvelope(ProjectStatus),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.listStatuses(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'serviceOrderStatuses',
        filterText: undefined,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/serviceOrderStatuses',
    operationId: 'createProjectStatus',
    tags,
    summary: 'Add a project status',
    description: `${NOTE} The server assigns the GUID id. A project created without statusId takes the first status.`,
    extension: true,
    body: ProjectStatusCreate,
    response: ProjectStatus,
    example: { id: '06e708c5-747a-11ee-bdb3-0ab8a76e2462', description: 'Em andamento' },
    handler: async ({ auth, body }) => svc.createStatus(auth, body),
  });

  route({
    method: 'GET',
    url: '/v2/serviceorders/:id',
    operationId: 'getProject',
    tags,
    summary: 'Retrieve a project (service order)',
    description: 'The path id is the numeric projectCode (the GUID id is accepted too). Visit dates are "dd/MM/yyyy HH:mm".',
    params: ProjectParams,
    response: Project,
    example: projectExample,
    handler: async ({ auth, params }) => svc.get(auth, parseProjectRef(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/serviceorders',
    operationId: 'listProjects',
    tags,
    summary: 'Retrieve a list of projects (service orders)',
    description:
      'paramFilter (flagged required, but no key is: absent = every project). Keys (any case): ProjectCodes, ExternalCodes, KeywordCode, EquipmentCode, ClientCode, ClientGroupCode (each comma-separated), Description (contains, any case), StartDateDuration (projects starting on or after, yyyy-MM-dd), EndDateDuration (ending on or before), CpfCnpj (of the customer, digits compared), StatusId (GUID). Items carry products/services/additionalCosts as bare ids and condensed visits (dates "dd/MM/yyyy"), no summary. The full list envelope is returned. Order is by projectCode.',
    querystring: ListQuery,
    list: true,
    example: listExample(projectListedExample, 'serviceorders'),
    response: ListEnvelope(ProjectListed),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'serviceorders',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/serviceorders',
    operationId: 'createProject',
    tags,
    summary: 'Add a project (service order)',
    description: `${NOTE} customerId and description are required. ${WRITE_NOTE}`,
    extension: true,
    body: ProjectCreate,
    response: Project,
    example: projectExample,
    handler: async ({ auth, body }) => svc.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/serviceorders',
    operationId: 'upsertProject',
    tags,
    summary: 'Add a project or update an existing one',
    description: `${NOTE} Matches by \`id\` (projectCode or GUID) or \`projectCode\`, then \`externalId\`: 200 when it updated, 201 when it created (then customerId and description are required). Attributes left out keep their values; a recurrence appends new visits. ${WRITE_NOTE}`,
    extension: true,
    body: ProjectUpsert,
    status: 200,
    alsoStatus: [201],
    response: Project,
    example: projectExample,
    handler: async ({ auth, body }) => {
      const r = await svc.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/serviceorders/:id',
    operationId: 'patchProject',
    tags,
    summary: 'Edit a project (JSON Patch)',
    description: `${NOTE} Paths: externalId, customerId, description, statusId, taskTypeId, defaultQuestionnaireId, defaultResponsibleId, priority, keywords, equipments, startDate, endDate, discountType, discountValue, tasks (the visits; lists replaced whole).`,
    extension: true,
    params: ProjectParams,
    body: JsonPatchBody,
    response: Project,
    example: projectExample,
    handler: async ({ auth, params, body }) => svc.patch(auth, parseProjectRef(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/serviceorders/:id',
    operationId: 'deleteProject',
    tags,
    summary: 'Delete a project',
    description: `${NOTE} Its tasks stay.`,
    extension: true,
    params: ProjectParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseProjectRef(params.id));
      return undefined;
    },
  });
}

export const projectsModule: Module<'projects'> = {
  name: 'projects',
  createService: (deps, services) => new ProjectsService(deps, services),
  registerRoutes: registerProjectRoutes,
};
