// GPS positions reported by phones (the field simulator). Every query is scoped by account.
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DB, GpsPositionsTable } from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

export type GpsRow = Selectable<GpsPositionsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface GpsListFilter {
  from: string;
  to: string;
  userId?: number;
  lastKnown: boolean;
}

export async function insertPosition(db: Db, row: Insertable<GpsPositionsTable>): Promise<GpsRow> {
  return db.insertInto('gps_positions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listPositions(
  db: Db,
  accountId: number,
  f: GpsListFilter,
  paging: Paging,
): Promise<{ rows: GpsRow[]; total: number }> {
  let q = db.selectFrom('gps_positions').where('account_id', '=', accountId);
  const userId = f.userId === undefined ? undefined : isStorableId(f.userId) ? f.userId : 0;
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  if (f.lastKnown) {
    // One row per user: the latest position up to the end of that day.
    let latest = db
      .selectFrom('gps_positions')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('account_id', '=', accountId)
      .where('position_at', '<', f.to)
      .groupBy('user_id');
    if (userId !== undefined) latest = latest.where('user_id', '=', userId);
    q = q.where('id', 'in', latest);
  } else {
    q = q.where('position_at', '>=', f.from).where('position_at', '<', f.to);
  }
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
