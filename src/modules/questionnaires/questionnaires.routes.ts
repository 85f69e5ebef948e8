import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import { Questionnaire, QuestionnaireCreate, QuestionnaireUpsert, questionnaireExample } from './questionnaires.schema.js';
import { QuestionnairesService } from './questionnaires.service.js';

const tags = ['Questionnaires'];
const WRITE_NOTE =
  "Campo extension: Auvo only reads questionnaires, although tasks and task types reference them. `questions` is the whole list in display order: a question sent with the `id` of one of this questionnaire's questions keeps that id and its creationDate; questions left out are removed.";

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

export function registerQuestionnaireRoutes({ route, services }: ModuleContext): void {
  const svc = services.questionnaires;

  route({
    method: 'GET',
    url: '/v2/questionnaires/:id',
    operationId: 'getQuestionnaire',
    tags,
    summary: 'Retrieve a questionnaire',
    description:
      "The questionnaire with this id in the token's account, with its questions in display order; 404 with an empty body when there is none.",
    params: IdParams,
    response: Questionnaire,
    example: questionnaireExample,
    handler: async ({ auth, params }) => svc.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/questionnaires',
    operationId: 'listQuestionnaires',
    tags,
    summary: 'Retrieve a list of questionnaires',
    description: 'paramFilter keys (optional): id, taskIDs (array of task ids: the questionnaires those tasks use). Order is by id.',
    querystring: ListQuery,
    list: true,
    example: listExample(questionnaireExample, 'Questionnaires/'),
    response: ListEnvelope(Questionnaire),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'Questionnaires/',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });

  route({
    method: 'POST',
    url: '/v2/questionnaires',
    operationId: 'createQuestionnaire',
    tags,
    summary: 'Add a new questionnaire',
    description: WRITE_NOTE,
    extension: true,
    body: QuestionnaireCreate,
    response: Questionnaire,
    example: questionnaireExample,
    handler: async ({ auth, body }) => svc.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/questionnaires',
    operationId: 'upsertQuestionnaire',
    tags,
    summary: 'Add a new questionnaire or update an existing one',
    description: `${WRITE_NOTE} Matches by \`id\`: 200 when it updated, 201 when it created (then \`description\` is required). Attributes left out of an update keep their values.`,
    extension: true,
    body: QuestionnaireUpsert,
    status: 200,
    alsoStatus: [201],
    response: Questionnaire,
    example: questionnaireExample,
    handler: async ({ auth, body }) => {
      const r = await svc.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/questionnaires/:id',
    operationId: 'patchQuestionnaire',
    tags,
    summary: 'Edit a questionnaire (JSON Patch)',
    description: `${WRITE_NOTE} Paths: description, header, footer, questions (the whole array).`,
    extension: true,
    params: IdParams,
    body: JsonPatchBody,
    response: Questionnaire,
    example: questionnaireExample,
    handler: async ({ auth, params, body }) => svc.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/questionnaires/:id',
    operationId: 'deleteQuestionnaire',
    tags,
    summary: 'Delete a questionnaire',
    description:
      'Campo extension. Deleting a questionnaire that task types or tasks still reference is allowed: they keep its id (`standartQuestionnaireId`, `requiredQuestionnaires`, task `questionnaireId`).',
    extension: true,
    params: IdParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const questionnairesModule: Module<'questionnaires'> = {
  name: 'questionnaires',
  createService: (deps) => new QuestionnairesService(deps),
  registerRoutes: registerQuestionnaireRoutes,
};
