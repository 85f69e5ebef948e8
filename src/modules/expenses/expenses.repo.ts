// Expenses table access. Every query is scoped by account; the date window uses expense_date.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { containsText, type DialectName } from '../../db/dialect.js';
import type { DB, ExpensesTable } from '../../db/schema.js';
import { isStorableId, MAX_ID } from '../../core/ids.js';
import { offsetOf, type Paging } from '../../core/listing.js';

/** Filter values outside the 32-bit id range can match nothing (and must not reach PostgreSQL). */
const ref = (n: number) => (Number.isSafeInteger(n) && Math.abs(n) <= MAX_ID ? n : -1);

export type ExpenseRow = Selectable<ExpensesTable>;
export type ExpenseRowPatch = Updateable<ExpensesTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface ExpenseListFilter {
  id?: number;
  description?: string;
  /** ISO instants, inclusive. */
  from: string;
  to: string;
  userToId?: number;
  typeId?: number;
}

export async function findExpense(db: Db, accountId: number, id: number): Promise<ExpenseRow | undefined> {
  if (!isStorableId(id)) return undefined;
  return db.selectFrom('expenses').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export async function insertExpense(db: Db, row: Insertable<ExpensesTable>): Promise<ExpenseRow> {
  return db.insertInto('expenses').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateExpense(db: Db, accountId: number, id: number, patch: ExpenseRowPatch): Promise<ExpenseRow> {
  return db
    .updateTable('expenses')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteExpense(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('expenses').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function existingExpenseIds(db: Db, accountId: number, ids: number[]): Promise<Set<number>> {
  const wanted = ids.filter(isStorableId);
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('expenses').select('id').where('account_id', '=', accountId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listExpenses(
  db: Db,
  dialect: DialectName,
  accountId: number,
  f: ExpenseListFilter,
  paging: Paging,
): Promise<{ rows: ExpenseRow[]; total: number }> {
  let q = db
    .selectFrom('expenses')
    .where('account_id', '=', accountId)
    .where('expense_date', '>=', f.from)
    .where('expense_date', '<=', f.to);
  if (f.id !== undefined) q = q.where('id', '=', isStorableId(f.id) ? f.id : 0);
  if (f.description !== undefined) q = q.where((eb) => containsText(dialect, eb, eb.ref('description'), f.description as string));
  if (f.userToId !== undefined) q = q.where('user_to_id', '=', ref(f.userToId));
  if (f.typeId !== undefined) q = q.where('type_id', '=', ref(f.typeId));
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
