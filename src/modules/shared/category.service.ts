// The service behind equipment and product categories: `{id, description, externalId}`,
// POST, PUT upsert (by id, then externalId), PATCH, DELETE, list, the same rules for both.
import type { TSchema } from 'typebox';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps } from '../../core/context.js';
import { FieldError, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './category.repo.js';
import { claimExternalId, type ExternalIdClaim, externalIdClaim, upsertOnce } from './upsert.js';

export interface CategoryDto {
  id: number;
  description: string;
  externalId: string;
}
export type CategoryCreate = { description: string; externalId?: string };
export type CategoryUpsert = { id?: number; description?: string; externalId?: string };

export interface CategoryOptions {
  table: repo.CategoryTable;
  /** Change-log entity name ('EquipmentCategory', 'ProductCategory'). */
  entity: string;
  filter: TSchema;
  filterName: string;
  /** The attributes PATCH may touch (`description`, `externalId`). */
  patchable: TSchema;
}

/** GET form `{id, description, externalId}`; the routes reorder keys per operation. */
function toDto(r: repo.CategoryRow): CategoryDto {
  return { id: r.id, description: r.description, externalId: r.external_id };
}

/** POST and PATCH key order. */
export const writtenForm = (d: CategoryDto) => ({ description: d.description, id: d.id, externalId: d.externalId });
/** PUT key order. */
export const upsertedForm = (d: CategoryDto) => ({ id: d.id, externalId: d.externalId, description: d.description });

export class CategoryService {
  constructor(
    protected readonly deps: ServiceDeps,
    private readonly opts: CategoryOptions,
  ) {}

  async get(auth: Auth, id: number): Promise<CategoryDto> {
    const row = await repo.findCategory(this.deps.db, this.opts.table, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return toDto(row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(this.opts.filter, q.paramFilter, this.opts.filterName);
    const paging = parsePaging(q);
    const { rows, total } = await repo.listCategories(
      this.deps.db,
      this.deps.dialect,
      this.opts.table,
      auth.accountId,
      filter as repo.CategoryListFilter,
      paging,
    );
    return { items: rows.map(toDto), total, paging, filterText: text };
  }

  async create(auth: Auth, input: CategoryCreate): Promise<CategoryDto> {
    return this.write(auth, undefined, { description: input.description, externalId: input.externalId ?? '' });
  }

  /** PUT: update the category matched by `id`, else by `externalId`; otherwise create (D9). */
  async upsert(auth: Auth, input: CategoryUpsert): Promise<{ created: boolean; dto: CategoryDto }> {
    return upsertOnce(() => this.tryUpsert(auth, input));
  }

  private async tryUpsert(auth: Auth, input: CategoryUpsert): Promise<{ created: boolean; dto: CategoryDto }> {
    const { db } = this.deps;
    let existing: repo.CategoryRow | undefined;
    if (input.id !== undefined) existing = await repo.findCategory(db, this.opts.table, auth.accountId, input.id);
    if (!existing && input.externalId)
      existing = await repo.findCategoryByExternalId(db, this.opts.table, auth.accountId, input.externalId);
    if (!existing && input.description === undefined) throw FieldError.of('description', 'The description field is required.');
    const claim = existing
      ? undefined
      : externalIdClaim(this.opts.table, auth.accountId, input.externalId, (trx, accountId, externalId) =>
          repo.findCategoryByExternalId(trx, this.opts.table, accountId, externalId),
        );
    const dto = await this.write(
      auth,
      existing,
      {
        description: input.description ?? (existing as repo.CategoryRow).description,
        externalId: input.externalId ?? existing?.external_id ?? '',
      },
      claim,
    );
    return { created: !existing, dto };
  }

  async patch(auth: Auth, id: number, ops: unknown): Promise<CategoryDto> {
    const current = await repo.findCategory(this.deps.db, this.opts.table, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const next = applyJsonPatch(this.opts.patchable, { description: current.description, externalId: current.external_id }, ops) as {
      description: string;
      externalId: string;
    };
    return this.write(auth, current, next);
  }

  /** Records in the category keep its id in `categoryId` (inventory 8 #17). */
  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await repo.findCategory(trx, this.opts.table, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await repo.deleteCategory(trx, this.opts.table, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: this.opts.entity,
        entityId: id,
        action: 'Exclusao',
        userId: auth.adminUserId,
        snapshot: toDto(live),
      });
    });
  }

  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingCategoryIds(this.deps.db, this.opts.table, accountId, ids);
  }

  async findById(accountId: number, id: number): Promise<CategoryDto | undefined> {
    const row = await repo.findCategory(this.deps.db, this.opts.table, accountId, id);
    return row ? toDto(row) : undefined;
  }

  private async write(
    auth: Auth,
    current: repo.CategoryRow | undefined,
    v: { description: string; externalId: string },
    claim?: ExternalIdClaim,
  ): Promise<CategoryDto> {
    const { db, dialect, clock, changes } = this.deps;
    const now = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      await claimExternalId(trx, dialect, claim);
      let row: repo.CategoryRow;
      if (current) {
        if (!(await repo.findCategory(trx, this.opts.table, auth.accountId, current.id))) throw new NotFoundError();
        row = await repo.updateCategory(trx, this.opts.table, auth.accountId, current.id, {
          description: v.description,
          external_id: v.externalId,
          updated_at: now,
        });
      } else {
        row = await repo.insertCategory(trx, this.opts.table, {
          account_id: auth.accountId,
          description: v.description,
          external_id: v.externalId,
          created_at: now,
          updated_at: now,
        });
      }
      const dto = toDto(row);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: this.opts.entity,
        entityId: row.id,
        action: current ? 'Alteracao' : 'Inclusao',
        userId: auth.adminUserId,
        snapshot: dto,
      });
      return dto;
    });
  }
}
