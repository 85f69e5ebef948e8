// Users table access. Every query is scoped by account; deleted users are invisible.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { containsText, type DialectName } from '../../db/dialect.js';
import { prepared } from '../../db/prepared.js';
import { NOTHING } from '../../db/sql.js';
import type { DB, UsersTable } from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowPatch = Updateable<UsersTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface UserListFilter {
  userId?: number;
  name?: string;
  smartPhoneNumber?: string;
  userType?: number;
  externalIds?: string[];
  email?: string;
  login?: string;
}

/** The columns a user's answer is built from: a GET reads only these. */
export const USER_VIEW_COLUMNS = [
  'id',
  'external_id',
  'name',
  'smartphone_number',
  'login',
  'email',
  'culture',
  'job_position',
  'user_type',
  'work_days_of_week',
  'start_work_hour',
  'end_work_hour',
  'start_lunch_hour',
  'end_lunch_hour',
  'hour_value',
  'picture_url',
  'address',
  'latitude',
  'longitude',
  'open_task_in_place',
  'grab_gallery_photos',
  'gps_frequency',
  'check_in_manual',
  'unavailable_for_tasks',
  'edit_task_after_checkout',
  'inform_start_travel',
  'change_base_point',
  'notifications',
] as const;
export type UserViewRow = Pick<UserRow, (typeof USER_VIEW_COLUMNS)[number]>;

// The lookups every GET, PUT and POST of a user makes: built once.
const userViewById = prepared((db: Db, accountId: number, id: number) =>
  db.selectFrom('users').select(USER_VIEW_COLUMNS).where('account_id', '=', accountId).where('id', '=', id).where('deleted_at', 'is', null),
);
const userById = prepared((db: Db, accountId: number, id: number) =>
  db.selectFrom('users').selectAll().where('account_id', '=', accountId).where('id', '=', id).where('deleted_at', 'is', null),
);
const userByExternalId = prepared((db: Db, accountId: number, externalId: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('external_id', '=', externalId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .limit(1),
);
const userIdByLogin = prepared((db: Db, accountId: number, loginKey: string) =>
  db.selectFrom('users').select('id').where('account_id', '=', accountId).where('login_key', '=', loginKey).where('deleted_at', 'is', null),
);

export async function findUserById(db: Db, accountId: number, id: number): Promise<UserRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return userById.first(db, accountId, id);
}

export async function findUserViewById(db: Db, accountId: number, id: number): Promise<UserViewRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return userViewById.first(db, accountId, id);
}

export async function findUserByExternalId(db: Db, accountId: number, externalId: string): Promise<UserRow | undefined> {
  return userByExternalId.first(db, accountId, externalId);
}

export async function findUserIdByLogin(db: Db, accountId: number, loginKey: string): Promise<number | undefined> {
  return (await userIdByLogin.first(db, accountId, loginKey))?.id;
}

export async function insertUser(db: Db, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: Db, accountId: number, id: number, patch: UserRowPatch): Promise<UserRow> {
  return db
    .updateTable('users')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markUserDeleted(db: Db, accountId: number, id: number, at: string): Promise<void> {
  await db.updateTable('users').set({ deleted_at: at, updated_at: at }).where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** Ids among `ids` that are live users of the account. */
export async function existingUserIds(db: Db, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = ids.filter(isStorableId);
  if (wanted.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', wanted)
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function userNames(db: Db, accountId: number, ids: number[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('id', 'in', wanted)
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listUsers(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: UserListFilter,
  paging: Paging,
): Promise<{ rows: UserRow[]; total: number }> {
  let q = db.selectFrom('users').where('account_id', '=', accountId).where('deleted_at', 'is', null);
  if (f.userId !== undefined) q = q.where('id', '=', isStorableId(f.userId) ? f.userId : 0);
  if (f.name !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('name'), f.name as string));
  if (f.smartPhoneNumber !== undefined) {
    q = q.where((eb) => containsText(dialect, eb, eb.ref('smartphone_number'), f.smartPhoneNumber as string));
  }
  if (f.email !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('email'), f.email as string));
  if (f.login !== undefined) q = q.where('login_key', '=', f.login.toLowerCase());
  if (f.userType !== undefined) q = q.where('user_type', '=', f.userType);
  if (f.externalIds !== undefined) q = f.externalIds.length ? q.where('external_id', 'in', f.externalIds) : q.where(NOTHING);
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
