// The ONLY place that knows whether the store is SQLite or PostgreSQL.
// Every unavoidable difference between the two is a named helper here.
import {
  type ColumnDefinitionBuilder,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** Auto-assigned integer primary key (SQLite rowid alias / PostgreSQL identity). */
export function identity(dialect: DialectName) {
  return (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialect === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity();
}

/** Column type for a 64-bit counter (change-log sequence). SQLite integers are 64-bit already. */
export function bigintType(dialect: DialectName): 'integer' | 'bigint' {
  return dialect === 'sqlite' ? 'integer' : 'bigint';
}

/** Column type for a floating-point number. */
export function doubleType(dialect: DialectName): 'real' | 'double precision' {
  return dialect === 'sqlite' ? 'real' : 'double precision';
}

/** Column type for binary data (file contents). */
export function blobType(dialect: DialectName): 'blob' | 'bytea' {
  return dialect === 'sqlite' ? 'blob' : 'bytea';
}

/** Case-insensitive "contains" match, as Auvo's text filters behave. */
export function containsText<DB, TB extends keyof DB>(
  dialect: DialectName,
  // Ties the expression to the caller's query builder types.
  _eb: ExpressionBuilder<DB, TB>,
  column: Expression<string | null>,
  needle: string,
): Expression<SqlBool> {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return dialect === 'sqlite' ? sql<SqlBool>`${column} like ${pattern} escape '\\'` : sql<SqlBool>`${column} ilike ${pattern} escape '\\'`;
}

/**
 * Runs `fn` while holding a store-wide lock, so that several nodes starting at once on
 * PostgreSQL run migrations one after the other. SQLite is single-writer already.
 */
export async function withStartupLock<T>(db: Kysely<any>, dialect: DialectName, fn: () => Promise<T>): Promise<T> {
  if (dialect === 'sqlite') return fn();
  // A session-level advisory lock needs one pinned connection for lock and unlock.
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(7432101)`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(7432101)`.execute(conn);
    }
  });
}

/** Whether `err` is a unique-constraint violation (a lost race on a unique key). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Makes a claim query skip rows another node is claiming: `FOR UPDATE SKIP LOCKED` on
 * PostgreSQL (several app nodes, each row leased by exactly one). SQLite has a single writer,
 * so the claiming UPDATE statement is atomic there without it.
 */
export function lockForClaim<DB, TB extends keyof DB, O>(
  dialect: DialectName,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/**
 * Whether `err` is the store refusing a value (PostgreSQL SQLSTATE class 22: out-of-range
 * numbers, NUL bytes in text, bad encodings). Input validation should catch these first; the
 * error handler answers 400 for any that slip through rather than 500.
 */
export function isDataException(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/**
 * How many passes a migration run may take. PostgreSQL serialises nodes with the startup lock,
 * so one pass; SQLite processes racing on one file may need a few (the loser rolls back).
 */
export function migrationAttempts(dialect: DialectName): number {
  return dialect === 'sqlite' ? 5 : 1;
}
