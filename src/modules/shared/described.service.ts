// The service behind segments and keywords: a description and a date per record, the same
// operations, and Auvo's per-operation spellings of that date (inventory 7 #32).
import { type TSchema, Type } from 'typebox';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps } from '../../core/context.js';
import { formatLocal } from '../../core/dates.js';
import { FieldError, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './described.repo.js';

const Patchable = Type.Object({ description: Type.String({ minLength: 1 }) });

type Created = { description: string; id: number; registrationDate: string };
type Listed = { description: string; id: number; creationDate: string };

export interface DescribedOptions<F extends 'created' | 'listed'> {
  table: repo.DescribedTable;
  /** Change-log entity name ('Segment', 'Keyword'). */
  entity: string;
  /** The paramFilter schema and its name in error messages ('ParamSegmentFilter'). */
  filter: TSchema;
  filterName: string;
  /** Which documented form PATCH answers: `created` (registrationDate) or `listed` (creationDate). */
  patchedForm: F;
}

export class DescribedService<F extends 'created' | 'listed'> {
  constructor(
    protected readonly deps: ServiceDeps,
    private readonly opts: DescribedOptions<F>,
  ) {}

  private date(r: repo.DescribedRow): string {
    return formatLocal(r.created_at, this.deps.timeZone);
  }

  /** GET form: `{id, description, registrationDate}`. */
  toDto(r: repo.DescribedRow) {
    return { id: r.id, description: r.description, registrationDate: this.date(r) };
  }

  /** POST form: `{description, id, registrationDate}`. */
  private toCreatedDto(r: repo.DescribedRow): Created {
    return { description: r.description, id: r.id, registrationDate: this.date(r) };
  }

  /** List form: `{description, id, creationDate}`. */
  private toListedDto(r: repo.DescribedRow): Listed {
    return { description: r.description, id: r.id, creationDate: this.date(r) };
  }

  async get(auth: Auth, id: number) {
    const row = await repo.findDescribed(this.deps.db, this.opts.table, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return this.toDto(row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(this.opts.filter, q.paramFilter, this.opts.filterName);
    const paging = parsePaging(q);
    const { rows, total } = await repo.listDescribed(this.deps.db, this.deps.dialect, this.opts.table, auth.accountId, filter, paging);
    return { items: rows.map((r) => this.toListedDto(r)), total, paging, filterText: text };
  }

  async create(auth: Auth, input: { description: string }) {
    const { db, clock, changes } = this.deps;
    const now = clock.now().toISOString();
    const row = await db.transaction().execute(async (trx) => {
      const r = await repo.insertDescribed(trx, this.opts.table, auth.accountId, input.description.trim(), now);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: this.opts.entity,
        entityId: r.id,
        action: 'Inclusao',
        snapshot: this.toDto(r),
      });
      return r;
    });
    return this.toCreatedDto(row);
  }

  async patch(auth: Auth, id: number, ops: unknown): Promise<F extends 'created' ? Created : Listed> {
    const current = await repo.findDescribed(this.deps.db, this.opts.table, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const next = applyJsonPatch(Patchable, { description: current.description }, ops) as { description: string };
    const row = await this.update(auth, id, next.description);
    return (this.opts.patchedForm === 'created' ? this.toCreatedDto(row) : this.toListedDto(row)) as F extends 'created' ? Created : Listed;
  }

  /**
   * PUT (a live-service operation the blueprint lacks): update the record matched by `id`, else
   * create one (then `description` is required). These records carry no `externalId` to match on.
   * Answers the POST form either way.
   */
  async upsert(auth: Auth, input: { id?: number; description?: string }): Promise<{ created: boolean; dto: Created }> {
    const existing = input.id === undefined ? undefined : await repo.findDescribed(this.deps.db, this.opts.table, auth.accountId, input.id);
    const description = input.description?.trim();
    if (description === '') throw FieldError.of('description', 'The description field is required.');
    if (!existing) {
      if (description === undefined) throw FieldError.of('description', 'The description field is required.');
      return { created: true, dto: await this.create(auth, { description }) };
    }
    const row = await this.update(auth, existing.id, description ?? existing.description);
    return { created: false, dto: this.toCreatedDto(row) };
  }

  private async update(auth: Auth, id: number, description: string): Promise<repo.DescribedRow> {
    const { db, clock, changes } = this.deps;
    const now = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      if (!(await repo.findDescribed(trx, this.opts.table, auth.accountId, id))) throw new NotFoundError();
      const r = await repo.updateDescribed(trx, this.opts.table, auth.accountId, id, description.trim(), now);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: this.opts.entity,
        entityId: id,
        action: 'Alteracao',
        snapshot: this.toDto(r),
      });
      return r;
    });
  }

  /** Records that reference a deleted one keep its id (inventory 8 #17). */
  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await repo.findDescribed(trx, this.opts.table, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await repo.deleteDescribed(trx, this.opts.table, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: this.opts.entity,
        entityId: id,
        action: 'Exclusao',
        snapshot: this.toDto(live),
      });
    });
  }

  /** Ids of the account among `ids` (for references from other resources). */
  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingDescribedIds(this.deps.db, this.opts.table, accountId, ids);
  }

  async findById(accountId: number, id: number) {
    const row = await repo.findDescribed(this.deps.db, this.opts.table, accountId, id);
    return row ? this.toDto(row) : undefined;
  }
}
