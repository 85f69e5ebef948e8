import type { Auth } from '../../core/auth.js';
import type { ServiceDeps } from '../../core/context.js';
import { FieldError, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './equipment-categories.repo.js';
import {
  type EquipmentCategoryCreate,
  type EquipmentCategoryDto,
  EquipmentCategoryFilter,
  EquipmentCategoryPatchable,
  type EquipmentCategoryUpsert,
} from './equipment-categories.schema.js';

declare module '../../core/context.js' {
  interface Services {
    equipmentCategories: EquipmentCategoriesService;
  }
}

export const EQUIPMENT_CATEGORY_ENTITY = 'EquipmentCategory';

/** GET form `{id, description, externalId}`; the routes reorder keys per operation. */
function toDto(r: repo.EquipmentCategoryRow): EquipmentCategoryDto {
  return { id: r.id, description: r.description, externalId: r.external_id };
}

export const writtenForm = (d: EquipmentCategoryDto) => ({ description: d.description, id: d.id, externalId: d.externalId });

export class EquipmentCategoriesService {
  constructor(private readonly deps: ServiceDeps) {}

  async get(auth: Auth, id: number): Promise<EquipmentCategoryDto> {
    const row = await repo.findEquipmentCategory(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return toDto(row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(EquipmentCategoryFilter, q.paramFilter, 'ParamEquipmentCategoryFilter');
    const paging = parsePaging(q);
    const { rows, total } = await repo.listEquipmentCategories(
      this.deps.db,
      this.deps.dialect,
      auth.accountId,
      filter as EquipmentCategoryFilter,
      paging,
    );
    return { items: rows.map(toDto), total, paging, filterText: text };
  }

  async create(auth: Auth, input: EquipmentCategoryCreate): Promise<EquipmentCategoryDto> {
    return this.write(auth, undefined, { description: input.description, externalId: input.externalId ?? '' });
  }

  /** PUT: update the category matched by `id`, else by `externalId`; otherwise create (D9). */
  async upsert(auth: Auth, input: EquipmentCategoryUpsert): Promise<{ created: boolean; dto: EquipmentCategoryDto }> {
    const { db } = this.deps;
    let existing: repo.EquipmentCategoryRow | undefined;
    if (input.id !== undefined) existing = await repo.findEquipmentCategory(db, auth.accountId, input.id);
    if (!existing && input.externalId) existing = await repo.findEquipmentCategoryByExternalId(db, auth.accountId, input.externalId);
    if (!existing && input.description === undefined) throw FieldError.of('description', 'The description field is required.');
    const dto = await this.write(auth, existing, {
      description: input.description ?? (existing as repo.EquipmentCategoryRow).description,
      externalId: input.externalId ?? existing?.external_id ?? '',
    });
    return { created: !existing, dto };
  }

  async patch(auth: Auth, id: number, ops: unknown): Promise<EquipmentCategoryDto> {
    const current = await repo.findEquipmentCategory(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const next = applyJsonPatch(EquipmentCategoryPatchable, { description: current.description, externalId: current.external_id }, ops) as {
      description: string;
      externalId: string;
    };
    return this.write(auth, current, next);
  }

  /** Equipments in the category keep its id in `categoryId` (inventory 8 #17). */
  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await repo.findEquipmentCategory(trx, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await repo.deleteEquipmentCategory(trx, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: EQUIPMENT_CATEGORY_ENTITY,
        entityId: id,
        action: 'Exclusao',
        userId: auth.adminUserId,
        snapshot: toDto(live),
      });
    });
  }

  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingEquipmentCategoryIds(this.deps.db, accountId, ids);
  }

  async findById(accountId: number, id: number): Promise<EquipmentCategoryDto | undefined> {
    const row = await repo.findEquipmentCategory(this.deps.db, accountId, id);
    return row ? toDto(row) : undefined;
  }

  private async write(
    auth: Auth,
    current: repo.EquipmentCategoryRow | undefined,
    v: { description: string; externalId: string },
  ): Promise<EquipmentCategoryDto> {
    const { db, clock, changes } = this.deps;
    const now = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      let row: repo.EquipmentCategoryRow;
      if (current) {
        if (!(await repo.findEquipmentCategory(trx, auth.accountId, current.id))) throw new NotFoundError();
        row = await repo.updateEquipmentCategory(trx, auth.accountId, current.id, {
          description: v.description,
          external_id: v.externalId,
          updated_at: now,
        });
      } else {
        row = await repo.insertEquipmentCategory(trx, {
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
        entity: EQUIPMENT_CATEGORY_ENTITY,
        entityId: row.id,
        action: current ? 'Alteracao' : 'Inclusao',
        userId: auth.adminUserId,
        snapshot: dto,
      });
      return dto;
    });
  }
}
