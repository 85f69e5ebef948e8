// Expense types table access. Every query is scoped by account.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { DB, ExpenseTypesTable } from '../../db/schema.js';
import { isStorableId } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

export type ExpenseTypeRow = Selectable<ExpenseTypesTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface ExpenseTypeListFilter {
  id?: number;
  description?: string;
}

export async function findExpenseType(db: Db, accountId: number, id: number): Promise<ExpenseTypeRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('expense_types').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function insertExpenseType(db: Db, row: Insertable<ExpenseTypesTable>): Promise<ExpenseTypeRow> {
  return db.insertInto('expense_types').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateExpenseType(
  db: Db,
  accountId: number,
  id: number,
  patch: Updateable<ExpenseTypesTable>,
): Promise<ExpenseTypeRow> {
  return db
    .updateTable('expense_types')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteExpenseType(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('expense_types').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function existingExpenseTypeIds(db: Db, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = ids.filter(isStorableId);
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('expense_types').select('id').where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listExpenseTypes(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: ExpenseTypeListFilter,
  paging: Paging,
): Promise<{ rows: ExpenseTypeRow[]; total: number }> {
  let q = db.selectFrom('expense_types').where('account_id', '=', accountId);
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
