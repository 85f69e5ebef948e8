import type { Module, ModuleContext } from '../../core/context.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { GpsPosition, GpsRecordBody, gpsExample } from './gps.schema.js';
import { GpsService } from './gps.service.js';

export function registerGpsRoutes({ route, services }: ModuleContext): void {
  const gps = services.gps;

  route({
    method: 'GET',
    url: '/v2/gps',
    operationId: 'listGps',
    tags: ['GPS'],
    summary: 'Retrieve a list of GPS positions',
    description:
      'paramFilter keys: date (required; the calendar day, server time zone), userId, getLastKnowPosition (one position per user: the latest up to the end of that day). Positions are reported by phones (in Campo, by the field simulator). Order is by record id.',
    querystring: ListQuery,
    list: true,
    response: ListEnvelope(GpsPosition),
    example: { entityList: [gpsExample], pagedSearchReturnData: { order: 0, pageSize: 10, page: 1, totalItems: 1 }, links: [] },
    handler: async ({ auth, query, baseUrl }) => {
      const r = await gps.list(auth, query);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'gps', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'POST',
    url: '/campo/v1/gps',
    operationId: 'reportGpsPosition',
    tags: ['Field simulator'],
    summary: 'Report a phone position (field simulator)',
    description: 'What the mobile app does in the background: the position shows up in GET /v2/gps/.',
    extension: true,
    body: GpsRecordBody,
    response: GpsPosition,
    example: gpsExample,
    handler: async ({ auth, body }) => gps.report(auth, body),
  });
}

export const gpsModule: Module<'gps'> = {
  name: 'gps',
  createService: (deps, services) => new GpsService(deps, services),
  registerRoutes: registerGpsRoutes,
};
