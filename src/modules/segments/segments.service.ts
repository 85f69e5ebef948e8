import type { Auth } from '../../core/auth.js';
import type { ServiceDeps } from '../../core/context.js';
import { formatLocal } from '../../core/dates.js';
import { NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './segments.repo.js';
import { type SegmentCreate, SegmentFilter, SegmentPatchable } from './segments.schema.js';

declare module '../../core/context.js' {
  interface Services {
    segments: SegmentsService;
  }
}

export const SEGMENT_ENTITY = 'Segment';

export class SegmentsService {
  constructor(private readonly deps: ServiceDeps) {}

  private date(r: repo.SegmentRow): string {
    return formatLocal(r.created_at, this.deps.timeZone);
  }

  /** GET form (S1): `{id, description, registrationDate}`. */
  toDto(r: repo.SegmentRow) {
    return { id: r.id, description: r.description, registrationDate: this.date(r) };
  }

  /** POST form (S3): `{description, id, registrationDate}`. */
  private toCreatedDto(r: repo.SegmentRow) {
    return { description: r.description, id: r.id, registrationDate: this.date(r) };
  }

  /** List (S2) and PATCH (S4) form: `{description, id, creationDate}`. */
  private toListedDto(r: repo.SegmentRow) {
    return { description: r.description, id: r.id, creationDate: this.date(r) };
  }

  async get(auth: Auth, id: number) {
    const row = await repo.findSegmentById(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return this.toDto(row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(SegmentFilter, q.paramFilter, 'ParamSegmentFilter');
    const f = filter as SegmentFilter;
    const paging = parsePaging(q);
    const { rows, total } = await repo.listSegments(this.deps.db, this.deps.dialect, auth.accountId, f, paging);
    return { items: rows.map((r) => this.toListedDto(r)), total, paging, filterText: text };
  }

  async create(auth: Auth, input: SegmentCreate) {
    const { db, clock, changes } = this.deps;
    const now = clock.now().toISOString();
    const row = await db.transaction().execute(async (trx) => {
      const r = await repo.insertSegment(trx, auth.accountId, input.description.trim(), now);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: SEGMENT_ENTITY,
        entityId: r.id,
        action: 'Inclusao',
        snapshot: this.toDto(r),
      });
      return r;
    });
    return this.toCreatedDto(row);
  }

  async patch(auth: Auth, id: number, ops: unknown) {
    const { db, clock, changes } = this.deps;
    const current = await repo.findSegmentById(db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const next = applyJsonPatch(SegmentPatchable, { description: current.description }, ops) as { description: string };
    const now = clock.now().toISOString();
    const row = await db.transaction().execute(async (trx) => {
      if (!(await repo.findSegmentById(trx, auth.accountId, id))) throw new NotFoundError();
      const r = await repo.updateSegment(trx, auth.accountId, id, next.description.trim(), now);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: SEGMENT_ENTITY,
        entityId: id,
        action: 'Alteracao',
        snapshot: this.toDto(r),
      });
      return r;
    });
    return this.toListedDto(row);
  }

  /** Customers that reference the segment keep its id (inventory 8 #17). */
  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await repo.findSegmentById(trx, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await repo.deleteSegment(trx, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: SEGMENT_ENTITY,
        entityId: id,
        action: 'Exclusao',
        snapshot: this.toDto(live),
      });
    });
  }

  /** Segment ids of the account among `ids` (for references from other resources). */
  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingSegmentIds(this.deps.db, accountId, ids);
  }

  async findById(accountId: number, id: number) {
    const row = await repo.findSegmentById(this.deps.db, accountId, id);
    return row ? this.toDto(row) : undefined;
  }
}
