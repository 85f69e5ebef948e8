import type { Auth } from '../../core/auth.js';
import type { ServiceDeps } from '../../core/context.js';
import { formatLocal } from '../../core/dates.js';
import { FieldError, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './expense-types.repo.js';
import {
  type ExpenseTypeCreate,
  type ExpenseTypeDto,
  ExpenseTypeFilter,
  ExpenseTypePatchable,
  type ExpenseTypeUpsert,
} from './expense-types.schema.js';

declare module '../../core/context.js' {
  interface Services {
    expenseTypes: ExpenseTypesService;
  }
}

export const EXPENSE_TYPE_ENTITY = 'ExpenseType';

export class ExpenseTypesService {
  constructor(private readonly deps: ServiceDeps) {}

  toDto(r: repo.ExpenseTypeRow): ExpenseTypeDto {
    return { id: r.id, description: r.description, creatorId: r.creator_id, creationDate: formatLocal(r.created_at, this.deps.timeZone) };
  }

  async get(auth: Auth, id: number): Promise<ExpenseTypeDto> {
    const row = await repo.findExpenseType(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return this.toDto(row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(ExpenseTypeFilter, q.paramFilter, 'ParamExpenseTypeFilter');
    const f = filter as ExpenseTypeFilter;
    const paging = parsePaging(q);
    const { rows, total } = await repo.listExpenseTypes(this.deps.db, this.deps.dialect, auth.accountId, f, paging);
    return { items: rows.map((r) => this.toDto(r)), total, paging, filterText: text };
  }

  async create(auth: Auth, input: ExpenseTypeCreate): Promise<ExpenseTypeDto> {
    const { db, clock, changes } = this.deps;
    const now = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      const row = await repo.insertExpenseType(trx, {
        account_id: auth.accountId,
        description: input.description,
        creator_id: auth.adminUserId,
        created_at: now,
        updated_at: now,
      });
      const dto = this.toDto(row);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: EXPENSE_TYPE_ENTITY,
        entityId: row.id,
        action: 'Inclusao',
        userId: auth.adminUserId,
        snapshot: dto,
      });
      return dto;
    });
  }

  /**
   * PUT (a live-service operation the blueprint lacks): update the type matched by `id`, else create
   * one (then `description` is required). Expense types carry no `externalId` to match on.
   */
  async upsert(auth: Auth, input: ExpenseTypeUpsert): Promise<{ created: boolean; dto: ExpenseTypeDto }> {
    const existing = input.id === undefined ? undefined : await repo.findExpenseType(this.deps.db, auth.accountId, input.id);
    if (!existing) {
      if (input.description === undefined) throw FieldError.of('description', 'The description field is required.');
      return { created: true, dto: await this.create(auth, { description: input.description }) };
    }
    if (input.description === undefined) return { created: false, dto: this.toDto(existing) };
    return { created: false, dto: await this.patch(auth, existing.id, [{ op: 'replace', path: 'description', value: input.description }]) };
  }

  async patch(auth: Auth, id: number, ops: unknown): Promise<ExpenseTypeDto> {
    const { db, clock, changes } = this.deps;
    const current = await repo.findExpenseType(db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const next = applyJsonPatch(ExpenseTypePatchable, { description: current.description }, ops) as { description: string };
    return db.transaction().execute(async (trx) => {
      if (!(await repo.findExpenseType(trx, auth.accountId, id))) throw new NotFoundError();
      const row = await repo.updateExpenseType(trx, auth.accountId, id, {
        description: next.description,
        updated_at: clock.now().toISOString(),
      });
      const dto = this.toDto(row);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: EXPENSE_TYPE_ENTITY,
        entityId: id,
        action: 'Alteracao',
        userId: auth.adminUserId,
        snapshot: dto,
      });
      return dto;
    });
  }

  /** Expenses that use the type keep its id; their `typeName` becomes "" (inventory 8 #17). */
  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await repo.findExpenseType(trx, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await repo.deleteExpenseType(trx, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: EXPENSE_TYPE_ENTITY,
        entityId: id,
        action: 'Exclusao',
        userId: auth.adminUserId,
        snapshot: this.toDto(live),
      });
    });
  }

  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingExpenseTypeIds(this.deps.db, accountId, ids);
  }

  async findById(accountId: number, id: number): Promise<ExpenseTypeDto | undefined> {
    const row = await repo.findExpenseType(this.deps.db, accountId, id);
    return row ? this.toDto(row) : undefined;
  }
}
