import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { LIVE_NOTE } from '../shared/live.js';
import { JsonPatchBody } from '../users/users.schema.js';
import { Keyword, KeywordCreate, KeywordUpsert, KeywordCreated, KeywordListed, keywordExample } from './keywords.schema.js';
import { KeywordsService } from './keywords.service.js';

const tags = ['Keywords'];
const { id, description, registrationDate } = keywordExample;

export function registerKeywordRoutes({ route, services }: ModuleContext): void {
  const keywords = services.keywords;

  route({
    method: 'GET',
    url: '/v2/keywords/:id',
    operationId: 'getKeyword',
    tags,
    summary: 'Retrieve a keyword',
    description: "The keyword with this id in the token's account; 404 with an empty body when there is none.",
    params: IdParams,
    response: Keyword,
    example: keywordExample,
    handler: async ({ auth, params }) => keywords.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/keywords',
    operationId: 'listKeywords',
    tags,
    summary: 'Retrieve a list of keywords',
    description: 'paramFilter keys: id, description (contains, any case). Order is by id. Items carry the date as `creationDate`.',
    querystring: ListQuery,
    list: true,
    response: ListEnvelope(KeywordListed),
    example: {
      entityList: [{ description, id, creationDate: registrationDate }],
      pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
      links: [
        { href: 'https://api.auvo.com.br/v2/Keywords?Page=1&PageSize=1&Order=Asc', rel: 'self', method: 'GET' },
        { href: 'https://api.auvo.com.br/v2/Keywords?Page=2&PageSize=1&Order=Asc', rel: 'nextPage', method: 'GET' },
      ],
    },
    handler: async ({ auth, query, baseUrl }) => {
      const r = await keywords.list(auth, query);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'Keywords', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'POST',
    url: '/v2/keywords',
    operationId: 'createKeyword',
    tags,
    summary: 'Add a new keyword',
    description: 'Creates a keyword. `description` is required (400 field map otherwise); answers 201 with the new keyword and its id.',
    body: KeywordCreate,
    response: KeywordCreated,
    example: { description, id, registrationDate },
    handler: async ({ auth, body }) => keywords.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/keywords',
    operationId: 'upsertKeyword',
    tags,
    summary: 'Add a new keyword or update an existing one',
    description: `${LIVE_NOTE} Matches by \`id\` (a keyword has no \`externalId\`): 200 when it updated, 201 when it created (then \`description\` is required; an unknown \`id\` creates one with a new id). Answers the POST form.`,
    extension: true,
    body: KeywordUpsert,
    status: 200,
    alsoStatus: [201],
    response: KeywordCreated,
    example: { description, id, registrationDate },
    handler: async ({ auth, body }) => {
      const r = await keywords.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/keywords/:id',
    operationId: 'patchKeyword',
    tags,
    summary: 'Edit a keyword (JSON Patch)',
    description: 'JSON Patch (RFC 6902) on a keyword. Path: description. Other paths answer 400 and nothing changes.',
    params: IdParams,
    body: JsonPatchBody,
    response: KeywordCreated,
    example: { description, id, registrationDate },
    handler: async ({ auth, params, body }) => keywords.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/keywords/:id',
    operationId: 'deleteKeyword',
    tags,
    summary: 'Delete a keyword',
    description: 'Tasks that reference the keyword keep its id in `keyWords`.',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await keywords.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const keywordsModule: Module<'keywords'> = {
  name: 'keywords',
  createService: (deps) => new KeywordsService(deps),
  registerRoutes: registerKeywordRoutes,
};
