import type { ServiceDeps } from '../../core/context.js';
import { DescribedService } from '../shared/described.service.js';
import { SegmentFilter } from './segments.schema.js';

declare module '../../core/context.js' {
  interface Services {
    segments: SegmentsService;
  }
}

export const SEGMENT_ENTITY = 'Segment';

/** Segments: customers reference them (`segmentId`). PATCH answers the list form (S4, `creationDate`). */
export class SegmentsService extends DescribedService<'listed'> {
  constructor(deps: ServiceDeps) {
    super(deps, {
      table: 'segments',
      entity: SEGMENT_ENTITY,
      filter: SegmentFilter,
      filterName: 'ParamSegmentFilter',
      patchedForm: 'listed',
    });
  }
}
