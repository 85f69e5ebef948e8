import { Type } from 'typebox';
import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { LIVE_NOTE } from '../shared/live.js';
import { FieldSimulator } from './tasks.field.js';
import { surveyPage, taskPage } from './tasks.pages.js';
import {
  AnswersBody,
  CheckInBody,
  CheckOutBody,
  FieldEventBody,
  JsonPatchBody,
  KEYS_ATTACHMENTS,
  KEYS_LINES,
  KEYS_LISTED,
  KEYS_PATCHED,
  KEYS_WRITTEN,
  KmBody,
  QuestionnaireResponseAccepted,
  QuestionnaireResponseBody,
  LineIdsBody,
  ProductsUsedBody,
  pickKeys,
  SignatureBody,
  SurveyAnswerBody,
  Task,
  TaskAttachmentsBody,
  TaskAttachmentsEdited,
  TaskCostsBody,
  TaskCreate,
  TaskCreated,
  TaskLinesUpserted,
  TaskListed,
  TaskPatched,
  TaskProductsBody,
  TaskServicesBody,
  TaskUpserted,
  TaskUpsert,
  TextBody,
  taskExample,
} from './tasks.schema.js';
import { TasksService } from './tasks.service.js';

const tags = ['Tasks'];
const fieldTags = ['Field simulator'];
const example = taskExample;
const { productId, ...productRest } = taskExample.products[0];
// The PUT /tasks/ example alone shows the product's externalId, right after productId.
const upsertedExample = { ...taskExample, products: [{ productId, externalId: 'P-1', ...productRest }] };
const LIST_DESCRIPTION =
  'paramFilter keys: startDate and endDate (required; the task-date window, yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss; a date-only endDate covers that day), taskID, idUserTo, dateLastUpdate (changed at or after), customerId, teamId, type, customerGroupId, status (0 unfinished, 1 finished automatically, 2 finished manually, 3 either, 4 all, 5 with pendency, 6 started or ended), orientation (contains, any case), tags (keyword ids, comma-separated, any match), priority (1-3), externalId (comma-separated). pageSize at most 100. Order is by taskID.';

const SurveyForm = Type.Object(
  {
    taskID: Type.Integer(),
    taskDate: Type.String(),
    customerDescription: Type.String(),
    open: Type.Boolean({ description: 'whether answers are accepted (survey sent and task finished)' }),
  },
  { $id: 'SatisfactionSurveyForm' },
);
const SurveyReceipt = Type.Object(
  { taskID: Type.Integer(), submission: Type.Integer(), answers: Type.Integer() },
  { $id: 'SatisfactionSurveyReceipt' },
);
const GuidParams = Type.Object({ guid: Type.String({ description: 'the task public GUID' }) });
const TaskUrlQuery = Type.Object({ chave: Type.Optional(Type.String({ description: 'the key of taskUrl' })) });

export function registerTaskRoutes({ route, services, deps }: ModuleContext): void {
  const tasks = services.tasks;
  const field = new FieldSimulator(deps, services, tasks);

  route({
    method: 'GET',
    url: '/v2/tasks/getdeletedtasks',
    operationId: 'listDeletedTasks',
    tags,
    summary: 'Retrieve a list of deleted tasks',
    description: `Same filters and shape as the task list. ${LIST_DESCRIPTION}`,
    querystring: ListQuery,
    list: true,
    response: ListEnvelope(TaskListed),
    example: {
      entityList: [pickKeys(example, KEYS_LISTED)],
      pagedSearchReturnData: { order: 0, pageSize: 10, page: 1, totalItems: 1 },
      links: [],
    },
    handler: async ({ auth, query, baseUrl }) => {
      const r = await tasks.list(auth, query, true);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'Tasks', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'GET',
    url: '/v2/tasks/:id',
    operationId: 'getTask',
    tags,
    summary: 'Retrieve a task',
    description: 'taskStatus: 1 opened, 2 in displacement, 3 checked in, 4 checked out, 5 finished, 6 paused.',
    params: IdParams,
    response: Task,
    example,
    handler: async ({ auth, params }) => tasks.get(auth, parseId(params.id)) as never,
  });

  route({
    method: 'GET',
    url: '/v2/tasks',
    operationId: 'listTasks',
    tags,
    summary: 'Retrieve a list of tasks',
    description: LIST_DESCRIPTION,
    querystring: ListQuery,
    list: true,
    response: ListEnvelope(TaskListed),
    example: {
      entityList: [pickKeys(example, KEYS_LISTED)],
      pagedSearchReturnData: { order: 0, pageSize: 10, page: 1, totalItems: 1 },
      links: [],
    },
    handler: async ({ auth, query, baseUrl }) => {
      const r = await tasks.list(auth, query, false);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'Tasks', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'POST',
    url: '/v2/tasks',
    operationId: 'createTask',
    tags,
    summary: 'Add a new task',
    description:
      'Required: idUserFrom, orientation, priority (1-3), and address/latitude/longitude unless a customerId is given (then the missing ones come from the customer). Every referenced id must exist in the account (400 field map, nothing written). Decimals of the item lists may be numbers or strings ("44", "44.5", "1.234,56").',
    body: TaskCreate,
    response: TaskCreated,
    example: pickKeys(example, KEYS_WRITTEN),
    handler: async ({ auth, body }) => tasks.create(auth, body) as never,
  });

  route({
    method: 'PUT',
    url: '/v2/tasks',
    operationId: 'upsertTask',
    tags,
    summary: 'Add a new task or update an existing one',
    description:
      'Matches by `id`, then by `externalId`: 200 when it updated, 201 when it created. Item lists are upserted by their ids; attachments are added.',
    body: TaskUpsert,
    status: 200,
    alsoStatus: [201],
    response: TaskUpserted,
    example: pickKeys(upsertedExample, KEYS_WRITTEN),
    handler: async ({ auth, body }) => {
      const r = await tasks.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto as never);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/tasks/:id',
    operationId: 'patchTask',
    tags,
    summary: 'Edit a task (JSON Patch)',
    description:
      'Paths: externalId, taskType, idUserFrom, idUserTo, teamId, taskDate, latitude, longitude, address, orientation, priority, questionnaireId, customerId, checkinType, keyWords, sendSatisfactionSurvey, financialCategory.',
    params: IdParams,
    body: JsonPatchBody,
    response: TaskPatched,
    example: pickKeys(example, KEYS_PATCHED),
    handler: async ({ auth, params, body }) => tasks.patch(auth, parseId(params.id), body) as never,
  });

  route({
    method: 'DELETE',
    url: '/v2/tasks/:id',
    operationId: 'deleteTask',
    tags,
    summary: 'Delete a task',
    description: 'Soft delete: GET answers 404 afterwards; the task is listed by GET /v2/tasks/getdeletedtasks.',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await tasks.remove(auth, parseId(params.id));
      return undefined;
    },
  });

  const lineRoutes = [
    { kind: 'product', path: 'products', name: 'Products', body: TaskProductsBody },
    { kind: 'service', path: 'services', name: 'Services', body: TaskServicesBody },
    { kind: 'cost', path: 'additional-costs', name: 'AdditionalCosts', body: TaskCostsBody },
  ] as const;
  for (const l of lineRoutes) {
    route({
      method: 'PUT',
      url: `/v2/tasks/:id/${l.path}`,
      operationId: `upsertTask${l.name}`,
      tags,
      summary: `Add or update the task's ${l.path.replace('-', ' ')}`,
      description: 'Upsert inside the task list, keyed by the item id. Answers the task with the recomputed items and summary.',
      params: IdParams,
      body: l.body as typeof TaskProductsBody,
      response: TaskLinesUpserted,
      example: pickKeys(example, KEYS_LINES),
      handler: async ({ auth, params, body }) => tasks.putLines(auth, parseId(params.id), l.kind, body as Record<string, unknown>) as never,
    });
    route({
      method: 'DELETE',
      url: `/v2/tasks/:id/${l.path}`,
      operationId: `deleteTask${l.name}`,
      tags,
      summary: `Remove items from the task's ${l.path.replace('-', ' ')}`,
      description: 'Body: a JSON array of item ids. An id the task does not have answers 404.',
      params: IdParams,
      body: LineIdsBody,
      handler: async ({ auth, params, body }) => {
        const id = parseId(params.id);
        await tasks.deleteLines(auth, id, l.kind, body);
        return undefined;
      },
    });
  }

  route({
    method: 'PUT',
    url: '/v2/tasks/:id/attachments',
    operationId: 'editTaskAttachments',
    tags,
    summary: 'Add attachments to a task',
    description: 'removeAllAttachmentsInsertedByMe removes the attachments the caller added through the API first.',
    params: IdParams,
    body: TaskAttachmentsBody,
    response: TaskAttachmentsEdited,
    example: pickKeys(example, KEYS_ATTACHMENTS),
    handler: async ({ auth, params, body }) => tasks.putAttachments(auth, parseId(params.id), body) as never,
  });

  route({
    method: 'PUT',
    url: '/v2/tasks/:id/questionnaire-response',
    operationId: 'putTaskQuestionnaireResponse',
    tags,
    summary: 'Answer one question of a questionnaire on a task',
    description: `${LIVE_NOTE} \`codigoChecklist\` is the questionnaire id, \`codigoPergunta\` the question id (of that questionnaire), \`resposta\` the reply; \`codigoEquipamento\` (optional) must be an equipment of the account. The reply shows in the task's \`questionnaires\` (a question answered again is replaced; the first reply to a questionnaire adds its item, numbered \`itemID\` when given). Answers 202 with the live body, not wrapped in \`result\`; Campo has already applied the reply (a task change, with its webhooks).`,
    extension: true,
    params: IdParams,
    body: QuestionnaireResponseBody,
    status: 202,
    raw: true,
    response: QuestionnaireResponseAccepted,
    example: { message: 'Questionnaire response accepted.', accepted: true, estimatedProcessingTime: 0 },
    handler: async ({ auth, params, body }) => {
      await field.questionnaireResponse(auth, parseId(params.id), body);
      return { message: 'Questionnaire response accepted.', accepted: true, estimatedProcessingTime: 0 };
    },
  });

  // ---- Field simulator ----------------------------------------------------------------------

  const fieldRoute = <B extends import('typebox').TSchema>(
    path: string,
    operationId: string,
    summary: string,
    description: string,
    body: B,
    handler: (auth: import('../../core/auth.js').Auth, id: number, body: import('typebox').Static<B>) => Promise<unknown>,
  ) =>
    route({
      method: 'POST',
      url: `/campo/v1/tasks/:id/${path}`,
      operationId,
      tags: fieldTags,
      summary,
      description,
      extension: true,
      params: IdParams,
      body,
      status: 200,
      response: Task,
      example,
      handler: async ({ auth, params, body: b }) => handler(auth, parseId(params.id), b) as never,
    });

  fieldRoute(
    'delivered',
    'deliverTask',
    'The phone received the task',
    'Sets deliveredOnSmarthPhone and deliveredDate.',
    FieldEventBody,
    (a, id, b) => field.delivered(a, id, b),
  );
  fieldRoute(
    'visualized',
    'visualizeTask',
    'The technician opened the task',
    'Needs a delivered task. Sets visualized and visualizedDate.',
    FieldEventBody,
    (a, id, b) => field.visualized(a, id, b),
  );
  fieldRoute(
    'travel-start',
    'startTaskTravel',
    'The technician starts travelling to the task',
    'Opened task with an assignee -> taskStatus 2; displacementStart.',
    FieldEventBody,
    (a, id, b) => field.travelStart(a, id, b),
  );
  fieldRoute(
    'check-in',
    'checkInTask',
    'Check-in at the task location',
    'Opened or in displacement -> taskStatus 3; checkIn, checkInDate, checkInDistance (metres from the task location). Records a GPS position of the assignee.',
    CheckInBody,
    (a, id, b) => field.checkIn(a, id, b),
  );
  fieldRoute('pause', 'pauseTask', 'Pause the execution', 'Checked in -> taskStatus 6.', FieldEventBody, (a, id, b) =>
    field.pause(a, id, b),
  );
  fieldRoute(
    'resume',
    'resumeTask',
    'Resume a paused execution',
    'Paused -> taskStatus 3; paused time is left out of duration.',
    FieldEventBody,
    (a, id, b) => field.resume(a, id, b),
  );
  fieldRoute(
    'check-out',
    'checkOutTask',
    'Check-out',
    'Checked in or paused -> checkOut, checkOutDate, checkOutDistance, duration, durationDecimal; with finish (default true) the task is finished automatically (taskStatus 5, list status 1) and the assignee stock of its products is consumed, otherwise taskStatus 4.',
    CheckOutBody,
    (a, id, b) => field.checkOut(a, id, b),
  );
  fieldRoute(
    'finish',
    'finishTask',
    'Finish the task from the back office',
    'Any unfinished task -> taskStatus 5, finished manually (list status 2); consumes the assignee stock of its products.',
    FieldEventBody,
    (a, id, b) => field.finish(a, id, b),
  );
  fieldRoute('report', 'reportTask', 'Write the report', 'Needs a checked-in, unfinished task.', TextBody('report'), (a, id, b) =>
    field.text(a, id, 'report', (b as { report?: string }).report),
  );
  fieldRoute('pendency', 'setTaskPendency', 'Record a pendency', 'Needs a checked-in, unfinished task.', TextBody('pendency'), (a, id, b) =>
    field.text(a, id, 'pendency', (b as { pendency?: string }).pendency),
  );
  fieldRoute(
    'signature',
    'signTask',
    "Collect the customer's signature",
    'name, document and a base64 image; the image is stored and served at signatureUrl.',
    SignatureBody,
    (a, id, b) => field.signature(a, id, b),
  );
  fieldRoute(
    'answers',
    'answerTaskQuestionnaire',
    "Answer the task's questionnaire",
    "answers: [{questionId, reply}] for questions of the task's questionnaireId.",
    AnswersBody,
    (a, id, b) => field.answers(a, id, b),
  );
  fieldRoute('km', 'setTaskKm', 'Record the distance driven', 'km -> inputedKm and adoptedKm.', KmBody, (a, id, b) => field.km(a, id, b));
  fieldRoute(
    'products',
    'useTaskProducts',
    'Record products used',
    'products: [{productId, quantity}] -> product lines at the catalog price, attributed to the assignee (their stock is consumed when the task finishes).',
    ProductsUsedBody,
    (a, id, b) => field.productsUsed(a, id, b),
  );

  route({
    method: 'POST',
    url: '/campo/v1/tasks/:id/satisfaction-survey',
    operationId: 'answerTaskSurvey',
    tags: fieldTags,
    summary: "The customer's satisfaction-survey answer",
    description: 'Same as posting to the task survey URL. The answers are what GET /v2/satisfactionSurveys/ lists.',
    extension: true,
    params: IdParams,
    body: SurveyAnswerBody,
    response: SurveyReceipt,
    example: { taskID: 23, submission: 1, answers: 2 },
    handler: async ({ auth, params, body }) => {
      const id = parseId(params.id);
      const row = await tasks.findRow(auth.accountId, id);
      return field.surveyAnswer(auth.accountId, row, body);
    },
  });

  // ---- Public task links ----------------------------------------------------------------------

  route({
    method: 'GET',
    url: '/campo/v1/informacoes/tarefa/:guid',
    operationId: 'getTaskByUrl',
    tags: fieldTags,
    summary: 'The task behind a taskUrl',
    description:
      'Public (the GUID and `chave` are the secret): the task as GET /v2/tasks/{id} returns it. A browser (Accept preferring text/html) gets a page instead.',
    extension: true,
    public: true,
    params: GuidParams,
    querystring: TaskUrlQuery,
    response: Task,
    example,
    html: (task) => taskPage(task as Record<string, unknown> | undefined),
    handler: async ({ params, query }) => tasks.getPublic(params.guid, query.chave) as never,
  });

  route({
    method: 'GET',
    url: '/campo/v1/pesquisasatisfacao/formulario/:guid',
    operationId: 'getSatisfactionSurveyForm',
    tags: fieldTags,
    summary: 'The satisfaction survey behind a task survey URL',
    description: 'Public. A browser (Accept preferring text/html) gets the survey form as a page instead.',
    extension: true,
    public: true,
    params: GuidParams,
    response: SurveyForm,
    example: { taskID: 23, taskDate: '2016-03-23T18:00:00', customerDescription: 'Customer x', open: true },
    html: surveyPage,
    handler: async ({ params }) => tasks.surveyForm(params.guid),
  });

  route({
    method: 'POST',
    url: '/campo/v1/pesquisasatisfacao/formulario/:guid',
    operationId: 'answerSatisfactionSurveyForm',
    tags: fieldTags,
    summary: 'Answer the satisfaction survey of a task',
    description:
      'Public. Body: {email, answers: [{question, answer, score (0-10)}]}; the task must be finished and have sendSatisfactionSurvey.',
    extension: true,
    public: true,
    params: GuidParams,
    body: SurveyAnswerBody,
    response: SurveyReceipt,
    example: { taskID: 23, submission: 1, answers: 2 },
    handler: async ({ params, body }) => {
      const row = await tasks.findByGuid(params.guid);
      if (!row) return tasks.notFound();
      return field.surveyAnswer(row.account_id, row, body);
    },
  });
}

export const tasksModule: Module<'tasks'> = {
  name: 'tasks',
  createService: (deps, services) => {
    const svc = new TasksService(deps, services);
    services.questionnaires?.useTaskLookup((accountId, taskIds) => svc.questionnaireIdsOf(accountId, taskIds));
    return svc;
  },
  registerRoutes: registerTaskRoutes,
};
