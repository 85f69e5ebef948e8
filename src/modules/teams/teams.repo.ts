// Teams and their members; every query is scoped by account.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { DB, TeamsTable } from '../../db/schema.js';

export type TeamRow = Selectable<TeamsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export const PARTICIPANT = 0;
export const MANAGER = 1;

export interface TeamMembers {
  participants: number[];
  managers: number[];
}

export async function findTeamById(db: Db, accountId: number, id: number): Promise<TeamRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('teams').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function insertTeam(db: Db, accountId: number, description: string, at: string): Promise<TeamRow> {
  return db
    .insertInto('teams')
    .values({ account_id: accountId, description, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateTeam(db: Db, accountId: number, id: number, description: string, at: string): Promise<TeamRow> {
  return db
    .updateTable('teams')
    .set({ description, updated_at: at })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteTeam(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('team_members').where('account_id', '=', accountId).where('team_id', '=', id).execute();
  await db.deleteFrom('teams').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function replaceMembers(db: Db, accountId: number, teamId: number, m: TeamMembers): Promise<void> {
  await db.deleteFrom('team_members').where('account_id', '=', accountId).where('team_id', '=', teamId).execute();
  const rows = [
    ...[...new Set(m.participants)].map((user_id) => ({ team_id: teamId, role: PARTICIPANT, user_id, account_id: accountId })),
    ...[...new Set(m.managers)].map((user_id) => ({ team_id: teamId, role: MANAGER, user_id, account_id: accountId })),
  ];
  if (rows.length > 0) await db.insertInto('team_members').values(rows).execute();
}

/** Members of each team, user ids ascending. */
export async function membersOf(db: Db, accountId: number, teamIds: number[]): Promise<Map<number, TeamMembers>> {
  const out = new Map<number, TeamMembers>();
  for (const id of teamIds) out.set(id, { participants: [], managers: [] });
  if (teamIds.length === 0) return out;
  const rows = await db
    .selectFrom('team_members')
    .select(['team_id', 'role', 'user_id'])
    .where('account_id', '=', accountId)
    .where('team_id', 'in', teamIds)
    .orderBy('team_id')
    .orderBy('user_id')
    .execute();
  for (const r of rows) {
    const m = out.get(r.team_id);
    if (m) (r.role === MANAGER ? m.managers : m.participants).push(r.user_id);
  }
  return out;
}

export async function existingTeamIds(db: Db, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('teams').select('id').where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listTeams(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: { id?: number; description?: string },
  paging: Paging,
): Promise<{ rows: TeamRow[]; total: number }> {
  let q = db.selectFrom('teams').where('account_id', '=', accountId);
  if (f.id !== undefined) q = q.where('id', '=', isStorableId(f.id) ? f.id : 0);
  if (f.description !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('description'), f.description as string));
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const offset = offsetOf(paging);
  if (total === 0 || offset >= total) return { rows: [], total };
  const rows = await q
    .selectAll()
    .orderBy('id', paging.order === 1 ? 'desc' : 'asc')
    .limit(paging.pageSize)
    .offset(offset)
    .execute();
  return { rows, total };
}
