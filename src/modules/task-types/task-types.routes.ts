import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { LIVE_NOTE } from '../shared/live.js';
import { JsonPatchBody } from '../users/users.schema.js';
import { TaskType, TaskTypeCreate, TaskTypeUpsert, TaskTypeWritten, taskTypeExample } from './task-types.schema.js';
import { TaskTypesService, writtenForm } from './task-types.service.js';

const tags = ['Task types'];
const writtenExample = writtenForm(taskTypeExample);

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

export function registerTaskTypeRoutes({ route, services }: ModuleContext): void {
  const svc = services.taskTypes;

  route({
    method: 'GET',
    url: '/v2/taskTypes/:id',
    operationId: 'getTaskType',
    tags,
    summary: 'Retrieve a task type',
    description: 'Spells `standardTime` and `standardQuestionnaireId` (the other operations spell them `standart*`).',
    params: IdParams,
    response: TaskType,
    example: taskTypeExample,
    handler: async ({ auth, params }) => svc.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/taskTypes',
    operationId: 'listTaskTypes',
    tags,
    summary: 'Retrieve a list of task types',
    description:
      'paramFilter keys (optional): id, description (contains, any case). Order is by id. Items spell `standartTime`/`standartQuestionnaireId`.',
    querystring: ListQuery,
    list: true,
    example: listExample(writtenExample, 'TaskTypes/'),
    response: ListEnvelope(TaskTypeWritten),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'TaskTypes/',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/taskTypes',
    operationId: 'createTaskType',
    tags,
    summary: 'Add a new task type',
    description:
      '`standartTime`/`standartQuestionnaireId` are also accepted as `standardTime`/`standardQuestionnaireId`. Referenced questionnaires must exist (400 otherwise). Unset times answer "00:00:00", no questionnaire null; a new type is active with toleranceTime "00:00:00"; `creatorId` is the user behind the API credentials.',
    body: TaskTypeCreate,
    response: TaskTypeWritten,
    example: writtenExample,
    handler: async ({ auth, body }) => svc.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/taskTypes',
    operationId: 'upsertTaskType',
    tags,
    summary: 'Add a new task type or update an existing one',
    description: `${LIVE_NOTE} Matches by \`id\` (a task type has no \`externalId\`): 200 when it updated, 201 when it created (then \`description\` is required; an unknown \`id\` creates one with a new id). The POST attributes, plus \`toleranceTime\` and \`active\`; attributes left out (and \`requirements\` fields left out) keep their values. Answers the POST form.`,
    extension: true,
    body: TaskTypeUpsert,
    status: 200,
    alsoStatus: [201],
    response: TaskTypeWritten,
    example: writtenExample,
    handler: async ({ auth, body }) => {
      const r = await svc.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/taskTypes/:id',
    operationId: 'patchTaskType',
    tags,
    summary: 'Edit a task type (JSON Patch)',
    description:
      'Paths: description, standartQuestionnaireId, standartTime, sendSatisfactionSurvey. Campo extension: also requirements (whole object or requirements/<field>), toleranceTime and active, which Auvo offers no way to change.',
    params: IdParams,
    body: JsonPatchBody,
    response: TaskTypeWritten,
    example: writtenExample,
    handler: async ({ auth, params, body }) => svc.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/taskTypes/:id',
    operationId: 'deleteTaskType',
    tags,
    summary: 'Delete a task type',
    description:
      'Deleting a type that tasks still use is allowed: those tasks keep its id in `taskType` and answer `taskTypeDescription` "".',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const taskTypesModule: Module<'taskTypes'> = {
  name: 'taskTypes',
  createService: (deps, services) => new TaskTypesService(deps, services),
  registerRoutes: registerTaskTypeRoutes,
};
