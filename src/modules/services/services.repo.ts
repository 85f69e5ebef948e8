// Services table access. Every query is scoped by account; services are addressed by GUID.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { DB, ServicesTable } from '../../db/schema.js';
import { offsetOf, type Paging } from '../../core/listing.js';

export type ServiceRow = Selectable<ServicesTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface ServiceListFilter {
  title?: string;
  description?: string;
  price?: number;
  active?: boolean;
  fiscalServiceId?: string;
}

export async function findServiceByGuid(db: Db, accountId: number, guid: string): Promise<ServiceRow | undefined> {
  return db
    .selectFrom('services')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('guid', '=', guid.toLowerCase())
    .executeTakeFirst();
}

export async function insertService(db: Db, row: Insertable<ServicesTable>): Promise<ServiceRow> {
  return db.insertInto('services').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateService(db: Db, accountId: number, id: number, patch: Updateable<ServicesTable>): Promise<ServiceRow> {
  return db
    .updateTable('services')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteService(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('services').where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** GUIDs (lower case) among `guids` that are services of the account. */
export async function existingServiceGuids(db: Db, accountId: number, guids: string[]): Promise<Set<string>> {
  const wanted = [...new Set(guids.map((g) => g.toLowerCase()))];
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('services').select('guid').where('account_id', '=', accountId).where('guid', 'in', wanted).execute();
  return new Set(rows.map((r) => r.guid));
}

/** Every service of the account, by creation (the live service's legacy unpaged list). */
export async function allServices(db: Db, accountId: number): Promise<ServiceRow[]> {
  return db.selectFrom('services').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
}

export async function listServices(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: ServiceListFilter,
  paging: Paging,
): Promise<{ rows: ServiceRow[]; total: number }> {
  let q = db.selectFrom('services').where('account_id', '=', accountId);
  if (f.title !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('title'), f.title as string));
  if (f.description !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('description'), f.description as string));
  if (f.price !== undefined) q = q.where('price', '=', f.price);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.fiscalServiceId !== undefined) q = q.where('fiscal_service_id', '=', f.fiscalServiceId.toLowerCase());
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
