import { NOTHING } from '../../db/sql.js';
// Projects (service orders), their links (keywords, equipments, visits = tasks) and the status
// catalogue. Every query is scoped by account.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { DB, ProjectStatusesTable, ProjectsTable } from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

type Db = Kysely<DB> | Transaction<DB>;
export type ProjectRow = Selectable<ProjectsTable>;
export type NewProjectRow = Insertable<ProjectsTable>;
export type ProjectRowPatch = Updateable<ProjectsTable>;
export type StatusRow = Selectable<ProjectStatusesTable>;
export type LinkKind = 'keyword' | 'equipment' | 'task';

export interface ProjectLinks {
  keywords: number[];
  equipments: number[];
  tasks: number[];
}

export interface ProjectListFilter {
  codes?: number[];
  externalIds?: string[];
  description?: string;
  startFrom?: string;
  endUntil?: string;
  keywordIds?: number[];
  customerIds?: number[];
  statusId?: number;
  equipmentIds?: number[];
}

export async function findProject(db: Db, accountId: number, ref: { code: number } | { guid: string }): Promise<ProjectRow | undefined> {
  let q = db.selectFrom('projects').selectAll().where('account_id', '=', accountId);
  if ('code' in ref) {
    if (!isStorableId(ref.code)) return undefined;
    q = q.where('id', '=', ref.code);
  } else {
    q = q.where('guid', '=', ref.guid);
  }
  return q.executeTakeFirst();
}

export async function findProjectByExternalId(db: Db, accountId: number, externalId: string): Promise<ProjectRow | undefined> {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('external_id', '=', externalId)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertProject(db: Db, row: NewProjectRow): Promise<ProjectRow> {
  return db.insertInto('projects').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateProject(db: Db, accountId: number, id: number, patch: ProjectRowPatch): Promise<ProjectRow> {
  return db
    .updateTable('projects')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteProject(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('project_links').where('account_id', '=', accountId).where('project_id', '=', id).execute();
  await db.deleteFrom('projects').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function replaceLinks(db: Db, accountId: number, projectId: number, kind: LinkKind, ids: number[]): Promise<void> {
  await db
    .deleteFrom('project_links')
    .where('account_id', '=', accountId)
    .where('project_id', '=', projectId)
    .where('kind', '=', kind)
    .execute();
  if (ids.length > 0) {
    await db
      .insertInto('project_links')
      .values(ids.map((ref_id, position) => ({ account_id: accountId, project_id: projectId, kind, ref_id, position })))
      .execute();
  }
}

export async function linksOf(db: Db, accountId: number, ids: number[]): Promise<Map<number, ProjectLinks>> {
  const out = new Map<number, ProjectLinks>(ids.map((id) => [id, { keywords: [], equipments: [], tasks: [] }]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('project_links')
    .select(['project_id', 'kind', 'ref_id'])
    .where('account_id', '=', accountId)
    .where('project_id', 'in', ids)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const key: Record<string, keyof ProjectLinks> = { keyword: 'keywords', equipment: 'equipments', task: 'tasks' };
  for (const r of rows) out.get(r.project_id)?.[key[r.kind]].push(r.ref_id);
  return out;
}

/** Customer ids the account's projects point to (for the CpfCnpj filter). */
export async function projectCustomerIds(db: Db, accountId: number): Promise<number[]> {
  const rows = await db.selectFrom('projects').select('customer_id').distinct().where('account_id', '=', accountId).execute();
  return rows.map((r) => r.customer_id);
}

export async function listProjects(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: ProjectListFilter,
  paging: Paging,
): Promise<{ rows: ProjectRow[]; total: number }> {
  let q = db.selectFrom('projects').where('projects.account_id', '=', accountId);
  if (f.codes !== undefined) q = q.where('projects.id', 'in', f.codes.filter(isStorableId).length ? f.codes.filter(isStorableId) : [0]);
  if (f.externalIds !== undefined) q = f.externalIds.length ? q.where('projects.external_id', 'in', f.externalIds) : q.where(NOTHING);
  if (f.description !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('projects.description'), f.description as string));
  if (f.startFrom !== undefined) q = q.where('projects.start_date', '>=', f.startFrom);
  if (f.endUntil !== undefined) q = q.where('projects.end_date', '<=', f.endUntil);
  const customerIds = f.customerIds?.filter(isStorableId);
  if (customerIds !== undefined) q = q.where('projects.customer_id', 'in', customerIds.length ? customerIds : [0]);
  if (f.statusId !== undefined) q = q.where('projects.status_id', '=', f.statusId);
  const linked = (kind: LinkKind, ids: number[]) => {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('project_links as l')
          .select('l.id')
          .whereRef('l.project_id', '=', 'projects.id')
          .where('l.account_id', '=', accountId)
          .where('l.kind', '=', kind)
          .where('l.ref_id', 'in', ids.filter(isStorableId).length ? ids.filter(isStorableId) : [0]),
      ),
    );
  };
  if (f.keywordIds !== undefined) linked('keyword', f.keywordIds);
  if (f.equipmentIds !== undefined) linked('equipment', f.equipmentIds);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const offset = offsetOf(paging);
  if (total === 0 || offset >= total) return { rows: [], total };
  const rows = await q
    .selectAll('projects')
    .orderBy('projects.id', paging.order === 1 ? 'desc' : 'asc')
    .limit(paging.pageSize)
    .offset(offset)
    .execute();
  return { rows, total };
}

// ---- Status catalogue ------------------------------------------------------------------------

export async function statusesByIds(db: Db, accountId: number, ids: number[]): Promise<Map<number, StatusRow>> {
  const wanted = [...new Set(ids.filter(isStorableId))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('project_statuses').selectAll().where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function findStatusByGuid(db: Db, accountId: number, guid: string): Promise<StatusRow | undefined> {
  return db
    .selectFrom('project_statuses')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('guid', '=', guid.toLowerCase())
    .executeTakeFirst();
}

export async function firstStatus(db: Db, accountId: number): Promise<StatusRow | undefined> {
  return db.selectFrom('project_statuses').selectAll().where('account_id', '=', accountId).orderBy('id').executeTakeFirst();
}

export async function listStatuses(db: Db, accountId: number, paging: Paging): Promise<{ rows: StatusRow[]; total: number }> {
  const q = db.selectFrom('project_statuses').where('account_id', '=', accountId);
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

export async function insertStatus(db: Db, row: Insertable<ProjectStatusesTable>): Promise<StatusRow> {
  return db.insertInto('project_statuses').values(row).returningAll().executeTakeFirstOrThrow();
}
