import type { Module, ModuleContext } from '../../core/context.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { SurveyAnswer, surveyExample } from './satisfaction-surveys.schema.js';
import { SatisfactionSurveysService } from './satisfaction-surveys.service.js';

export function registerSurveyRoutes({ route, services }: ModuleContext): void {
  const surveys = services.satisfactionSurveys;
  route({
    method: 'GET',
    url: '/v2/satisfactionSurveys',
    operationId: 'listSatisfactionSurveys',
    tags: ['Satisfaction surveys'],
    summary: 'Retrieve a list of satisfaction-survey answers',
    description:
      'paramFilter keys: taskID (required; an array of task ids, `taskId` accepted), email. One item per answered question; the counters describe the submission (answersItemQuantity, scoreSum) and the task (totalResponse, totalSubmitted). Answers are given through the task `survey` URL (Campo extension). Order is by answer id.',
    querystring: ListQuery,
    list: true,
    response: ListEnvelope(SurveyAnswer),
    example: { entityList: [surveyExample], pagedSearchReturnData: { order: 0, pageSize: 10, page: 1, totalItems: 1 }, links: [] },
    handler: async ({ auth, query, baseUrl }) => {
      const r = await surveys.list(auth, query);
      return listResult({
        items: r.items,
        totalItems: r.total,
        paging: r.paging,
        resource: 'satisfactionSurveys',
        filterText: r.filterText,
        baseUrl,
      });
    },
  });
}

export const satisfactionSurveysModule: Module<'satisfactionSurveys'> = {
  name: 'satisfactionSurveys',
  createService: (deps) => new SatisfactionSurveysService(deps),
  registerRoutes: registerSurveyRoutes,
};
