import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal } from '../../core/dates.js';
import { FieldError, type FieldMap, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, offsetOf, parsePaging } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import type { UserDto } from '../users/users.service.js';
import * as repo from './teams.repo.js';
import { type TeamCreate, TeamFilter, TeamPatchable } from './teams.schema.js';

declare module '../../core/context.js' {
  interface Services {
    teams: TeamsService;
  }
}

export const TEAM_ENTITY = 'Team';

type UserLookup = (id: number) => Promise<UserDto | undefined>;

export class TeamsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  /** Looks users up through the users service, once per id per call. */
  private userLookup(accountId: number): UserLookup {
    const cache = new Map<number, Promise<UserDto | undefined>>();
    return (id) => {
      let p = cache.get(id);
      if (!p) {
        p = this.services.users.findById(accountId, id);
        cache.set(id, p);
      }
      return p;
    };
  }

  /** Member names; users deleted since they joined are left out. */
  private async names(lookup: UserLookup, ids: number[]): Promise<string[]> {
    const users = await Promise.all(ids.map(lookup));
    return users.filter((u): u is UserDto => u !== undefined).map((u) => u.name);
  }

  /** GET and POST form (M1, M2): member names, then id and description. */
  private async toDto(lookup: UserLookup, r: repo.TeamRow, m: repo.TeamMembers) {
    return {
      teamUsers: await this.names(lookup, m.participants),
      teamManagers: await this.names(lookup, m.managers),
      id: r.id,
      description: r.description,
    };
  }

  private async dtoOf(accountId: number, r: repo.TeamRow) {
    const members = (await repo.membersOf(this.deps.db, accountId, [r.id])).get(r.id) as repo.TeamMembers;
    return this.toDto(this.userLookup(accountId), r, members);
  }

  async get(auth: Auth, id: number) {
    const row = await repo.findTeamById(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return this.dtoOf(auth.accountId, row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(TeamFilter, q.paramFilter, 'ParamTeamFilter');
    const paging = parsePaging(q);
    const { rows, total } = await repo.listTeams(this.deps.db, this.deps.dialect, auth.accountId, filter as TeamFilter, paging);
    const members = await repo.membersOf(
      this.deps.db,
      auth.accountId,
      rows.map((r) => r.id),
    );
    const lookup = this.userLookup(auth.accountId);
    const items = [];
    for (const r of rows) {
      const dto = await this.toDto(lookup, r, members.get(r.id) as repo.TeamMembers);
      // The list puts creationDate first (M3).
      items.push({ creationDate: formatLocal(r.created_at, this.deps.timeZone), ...dto });
    }
    return { items, total, paging, filterText: text };
  }

  /** The team's participants (M4), paged by user id. */
  async users(auth: Auth, teamId: number, q: ListQueryInput) {
    const paging = parsePaging(q);
    const row = await repo.findTeamById(this.deps.db, auth.accountId, teamId);
    if (!row) throw new NotFoundError();
    const members = (await repo.membersOf(this.deps.db, auth.accountId, [teamId])).get(teamId) as repo.TeamMembers;
    const live = await this.services.users.existingIds(auth.accountId, members.participants);
    const ids = members.participants.filter((id) => live.has(id));
    if (paging.order === 1) ids.reverse();
    const offset = offsetOf(paging);
    const page = ids.slice(offset, offset + paging.pageSize);
    const lookup = this.userLookup(auth.accountId);
    const items = [];
    for (const id of page) {
      const u = await lookup(id);
      if (u) items.push({ userId: u.userId, userID: u.userId, externalId: u.externalId, name: u.name, jobPosition: u.jobPosition });
    }
    return { items, total: ids.length, paging };
  }

  /** 400 naming the attribute when any user id is not a live user of the account (D10). */
  private async checkUsers(accountId: number, m: repo.TeamMembers): Promise<void> {
    const errors: FieldMap = {};
    for (const [field, ids] of [
      ['participants', m.participants],
      ['managers', m.managers],
    ] as const) {
      const found = await this.services.users.existingIds(accountId, ids);
      const missing = [...new Set(ids.filter((id) => !found.has(id)))];
      if (missing.length > 0) errors[field] = missing.map((id) => `The user ${id} does not exist.`);
    }
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
  }

  async create(auth: Auth, input: TeamCreate) {
    const { db, clock, changes } = this.deps;
    const members = { participants: input.participants, managers: input.managers };
    await this.checkUsers(auth.accountId, members);
    // Names come from the users service, which is read before the transaction (not inside it).
    const names = await this.memberNames(auth.accountId, members);
    const now = clock.now().toISOString();
    const row = await db.transaction().execute(async (trx) => {
      const r = await repo.insertTeam(trx, auth.accountId, input.description.trim(), now);
      await repo.replaceMembers(trx, auth.accountId, r.id, members);
      const snapshot = { ...names, id: r.id, description: r.description };
      await changes.record(trx, { accountId: auth.accountId, entity: TEAM_ENTITY, entityId: r.id, action: 'Inclusao', snapshot });
      return r;
    });
    return this.dtoOf(auth.accountId, row);
  }

  /** PATCH extension: description, participants, managers (the member lists are replaced). */
  async patch(auth: Auth, id: number, ops: unknown) {
    const { db, clock, changes } = this.deps;
    const current = await repo.findTeamById(db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const members = (await repo.membersOf(db, auth.accountId, [id])).get(id) as repo.TeamMembers;
    const view = { description: current.description, participants: members.participants, managers: members.managers };
    const next = applyJsonPatch(TeamPatchable, view, ops) as TeamPatchable;
    const nextMembers = { participants: next.participants, managers: next.managers };
    await this.checkUsers(auth.accountId, nextMembers);
    const names = await this.memberNames(auth.accountId, nextMembers);
    const now = clock.now().toISOString();
    const row = await db.transaction().execute(async (trx) => {
      if (!(await repo.findTeamById(trx, auth.accountId, id))) throw new NotFoundError();
      const r = await repo.updateTeam(trx, auth.accountId, id, next.description.trim(), now);
      await repo.replaceMembers(trx, auth.accountId, id, nextMembers);
      const snapshot = { ...names, id: r.id, description: r.description };
      await changes.record(trx, { accountId: auth.accountId, entity: TEAM_ENTITY, entityId: id, action: 'Alteracao', snapshot });
      return r;
    });
    return this.dtoOf(auth.accountId, row);
  }

  /** DELETE extension. Customers and tasks that reference the team keep its id (inventory 8 #17). */
  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes } = this.deps;
    const current = await repo.findTeamById(db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const snapshot = await this.dtoOf(auth.accountId, current);
    await db.transaction().execute(async (trx) => {
      if (!(await repo.findTeamById(trx, auth.accountId, id))) throw new NotFoundError();
      await repo.deleteTeam(trx, auth.accountId, id);
      await changes.record(trx, { accountId: auth.accountId, entity: TEAM_ENTITY, entityId: id, action: 'Exclusao', snapshot });
    });
  }

  /** Member names in stored order (user id ascending), as the GET will show them. */
  private async memberNames(accountId: number, m: repo.TeamMembers) {
    const order = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);
    const lookup = this.userLookup(accountId);
    return { teamUsers: await this.names(lookup, order(m.participants)), teamManagers: await this.names(lookup, order(m.managers)) };
  }

  /** Team ids of the account among `ids` (for references from other resources). */
  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingTeamIds(this.deps.db, accountId, ids);
  }

  async findById(accountId: number, id: number) {
    const row = await repo.findTeamById(this.deps.db, accountId, id);
    return row ? this.dtoOf(accountId, row) : undefined;
  }
}
