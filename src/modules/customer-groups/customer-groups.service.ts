import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { AppError, FieldError, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './customer-groups.repo.js';
import { type CustomerGroupCreate, CustomerGroupFilter, CustomerGroupPatchable } from './customer-groups.schema.js';

declare module '../../core/context.js' {
  interface Services {
    customerGroups: CustomerGroupsService;
  }
}

export const CUSTOMER_GROUP_ENTITY = 'CustomerGroup';

/** G1 and G4 answer `{entityList}` only; an empty one is a 404 carrying it (D4). */
function entityList<T>(items: T[]): { entityList: T[] } {
  if (items.length === 0) throw new AppError(404, { result: { entityList: [] } }, 'empty list');
  return { entityList: items };
}

export class CustomerGroupsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  toDto(r: repo.CustomerGroupRow) {
    return { id: r.id, description: r.description };
  }

  async list(auth: Auth, paramFilter: string | undefined) {
    const { filter } = decodeParamFilter(CustomerGroupFilter, paramFilter, 'ParamCustomerGroupFilter');
    const rows = await repo.listGroups(this.deps.db, this.deps.dialect, auth.accountId, filter as CustomerGroupFilter);
    return entityList(rows.map((r) => this.toDto(r)));
  }

  async get(auth: Auth, id: number) {
    const row = await repo.findGroupById(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return this.toDto(row);
  }

  /** G4: the group's customers. */
  async clients(auth: Auth, groupId: number) {
    const row = await repo.findGroupById(this.deps.db, auth.accountId, groupId);
    if (!row) throw new NotFoundError();
    return entityList(await this.services.customers.groupClients(auth.accountId, groupId));
  }

  private async checkClients(accountId: number, ids: number[]): Promise<number[]> {
    const wanted = [...new Set(ids)];
    const found = await this.services.customers.existingIds(accountId, wanted);
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length > 0) throw new FieldError({ clientsId: missing.map((id) => `The customer ${id} does not exist.`) });
    return wanted;
  }

  async create(auth: Auth, input: CustomerGroupCreate) {
    const { db, clock, changes } = this.deps;
    const clients = await this.checkClients(auth.accountId, input.clientsId ?? []);
    const now = clock.now().toISOString();
    const row = await db.transaction().execute(async (trx) => {
      const r = await repo.insertGroup(trx, auth.accountId, input.description.trim(), now);
      await this.services.customers.setGroupMembers(trx, auth.accountId, r.id, clients);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: CUSTOMER_GROUP_ENTITY,
        entityId: r.id,
        action: 'Inclusao',
        snapshot: this.toDto(r),
      });
      return r;
    });
    const dto = this.toDto(row);
    return { ...dto, clientGroupSearchReturn: { ...dto } };
  }

  /** PATCH extension: description and/or the member list (`clientsId`, replaced). */
  async patch(auth: Auth, id: number, ops: unknown) {
    const { db, clock, changes } = this.deps;
    const current = await repo.findGroupById(db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const members = await this.services.customers.groupMemberIds(db, auth.accountId, id);
    const next = applyJsonPatch(
      CustomerGroupPatchable,
      { description: current.description, clientsId: members },
      ops,
    ) as CustomerGroupPatchable;
    const clients = await this.checkClients(auth.accountId, next.clientsId);
    const now = clock.now().toISOString();
    const row = await db.transaction().execute(async (trx) => {
      if (!(await repo.findGroupById(trx, auth.accountId, id))) throw new NotFoundError();
      const r = await repo.updateGroup(trx, auth.accountId, id, next.description.trim(), now);
      await this.services.customers.setGroupMembers(trx, auth.accountId, id, clients);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: CUSTOMER_GROUP_ENTITY,
        entityId: id,
        action: 'Alteracao',
        snapshot: this.toDto(r),
      });
      return r;
    });
    return this.toDto(row);
  }

  /** Deleting a group takes it out of its customers' `groupsId`. */
  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await repo.findGroupById(trx, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await this.services.customers.clearGroup(trx, auth.accountId, id);
      await repo.deleteGroup(trx, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: CUSTOMER_GROUP_ENTITY,
        entityId: id,
        action: 'Exclusao',
        snapshot: this.toDto(live),
      });
    });
  }

  /** Group ids of the account among `ids` (for references from other resources). */
  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingGroupIds(this.deps.db, accountId, ids);
  }

  async findById(accountId: number, id: number) {
    const row = await repo.findGroupById(this.deps.db, accountId, id);
    return row ? this.toDto(row) : undefined;
  }
}
