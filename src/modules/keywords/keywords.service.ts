import type { ServiceDeps } from '../../core/context.js';
import { DescribedService } from '../shared/described.service.js';
import { KeywordFilter } from './keywords.schema.js';

declare module '../../core/context.js' {
  interface Services {
    keywords: KeywordsService;
  }
}

export const KEYWORD_ENTITY = 'Keyword';

/** Keywords: tasks reference them (`keyWords`). PATCH answers the POST form (K4, `registrationDate`). */
export class KeywordsService extends DescribedService<'created'> {
  constructor(deps: ServiceDeps) {
    super(deps, {
      table: 'keywords',
      entity: KEYWORD_ENTITY,
      filter: KeywordFilter,
      filterName: 'ParamKeywordFilter',
      patchedForm: 'created',
    });
  }
}
