import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId, withStatus } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { LIVE_NOTE } from '../shared/live.js';
import { JsonPatchBody } from '../users/users.schema.js';
import { Segment, SegmentCreate, SegmentUpsert, SegmentCreated, SegmentListed, segmentExample } from './segments.schema.js';
import { SegmentsService } from './segments.service.js';

const tags = ['Segments'];
const { id, description, registrationDate } = segmentExample;

export function registerSegmentRoutes({ route, services }: ModuleContext): void {
  const segments = services.segments;

  route({
    method: 'GET',
    url: '/v2/segments/:id',
    operationId: 'getSegment',
    tags,
    summary: 'Retrieve a segment',
    description: "The segment with this id in the token's account; 404 with an empty body when there is none.",
    params: IdParams,
    response: Segment,
    example: segmentExample,
    handler: async ({ auth, params }) => segments.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/segments',
    operationId: 'listSegments',
    tags,
    summary: 'Retrieve a list of segments',
    description: 'paramFilter keys: id, description (contains, any case). Order is by id. Items carry the date as `creationDate`.',
    querystring: ListQuery,
    list: true,
    response: ListEnvelope(SegmentListed),
    example: {
      entityList: [{ description, id, creationDate: registrationDate }],
      pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
      links: [
        { href: 'https://api.auvo.com.br/v2/Segments?Page=1&PageSize=1&Order=Asc', rel: 'self', method: 'GET' },
        { href: 'https://api.auvo.com.br/v2/Segments?Page=2&PageSize=1&Order=Asc', rel: 'nextPage', method: 'GET' },
      ],
    },
    handler: async ({ auth, query, baseUrl }) => {
      const r = await segments.list(auth, query);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'Segments', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'POST',
    url: '/v2/segments',
    operationId: 'createSegment',
    tags,
    summary: 'Add a new segment',
    description:
      'Creates a customer segment. `description` is required (400 field map otherwise); answers 201 with the new segment and its id.',
    body: SegmentCreate,
    response: SegmentCreated,
    example: { description, id, registrationDate },
    handler: async ({ auth, body }) => segments.create(auth, body),
  });

  route({
    method: 'PUT',
    url: '/v2/segments',
    operationId: 'upsertSegment',
    tags,
    summary: 'Add a new segment or update an existing one',
    description: `${LIVE_NOTE} Matches by \`id\` (a segment has no \`externalId\`): 200 when it updated, 201 when it created (then \`description\` is required; an unknown \`id\` creates one with a new id). Answers the POST form.`,
    extension: true,
    body: SegmentUpsert,
    status: 200,
    alsoStatus: [201],
    response: SegmentCreated,
    example: { description, id, registrationDate },
    handler: async ({ auth, body }) => {
      const r = await segments.upsert(auth, body);
      return withStatus(r.created ? 201 : 200, r.dto);
    },
  });

  route({
    method: 'PATCH',
    url: '/v2/segments/:id',
    operationId: 'patchSegment',
    tags,
    summary: 'Edit a segment (JSON Patch)',
    description: 'Path: description. The answer carries the date as `creationDate` (as documented for this operation).',
    params: IdParams,
    body: JsonPatchBody,
    response: SegmentListed,
    example: { description, id, creationDate: registrationDate },
    handler: async ({ auth, params, body }) => segments.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/segments/:id',
    operationId: 'deleteSegment',
    tags,
    summary: 'Delete a segment',
    description: 'Customers that reference the segment keep its id in `segmentId`.',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await segments.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const segmentsModule: Module<'segments'> = {
  name: 'segments',
  createService: (deps) => new SegmentsService(deps),
  registerRoutes: registerSegmentRoutes,
};
