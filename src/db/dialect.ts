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

/**
 * The SQL function (registered on every SQLite connection, see sqlite-driver.ts) that folds text
 * to lower case over all of Unicode, as PostgreSQL's ILIKE does: SQLite's own LIKE folds ASCII only.
 */
export const SQLITE_FOLD = 'campo_fold';

/** Lower-cases text the way the case-insensitive match of both stores compares it. */
export function foldText(text: string): string {
  return text.toLowerCase();
}

/** Case-insensitive "contains" match, as Auvo's text filters behave (`são` matches `SÃO`). */
export function containsText<DB, TB extends keyof DB>(
  dialect: DialectName,
  // Ties the expression to the caller's query builder types.
  _eb: ExpressionBuilder<DB, TB>,
  column: Expression<string | null>,
  needle: string,
): Expression<SqlBool> {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return dialect === 'sqlite'
    ? sql<SqlBool>`${sql.raw(SQLITE_FOLD)}(${column}) like ${foldText(pattern)} escape '\\'`
    : sql<SqlBool>`${column} ilike ${pattern} escape '\\'`;
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

/** Why the store could not take a write, when the cause is the machine and not the request. */
export type StoreFailure = 'full' | 'readonly' | 'unavailable';

/**
 * SQLITE_FULL / PostgreSQL 53100 (disk_full) / ENOSPC: no space left; SQLITE_READONLY* / 25006: the
 * store refuses writes; connection failures (ECONNREFUSED, 08xxx, 57P0x): the store is away.
 */
export function storeFailureOf(err: unknown): StoreFailure | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === '25006' || code === 'EROFS') return 'readonly';
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03'].includes(code) ||
    /^08[0-9A-Z]{3}$/.test(code)
  ) {
    return 'unavailable';
  }
  return undefined;
}

/**
 * How many passes a migration run may take. PostgreSQL serialises nodes with the startup lock,
 * so one pass; SQLite processes racing on one file may need a few (the loser rolls back).
 */
export function migrationAttempts(dialect: DialectName): number {
  return dialect === 'sqlite' ? 5 : 1;
}

/** A table as the store describes it: its columns, its identity column, and what it references. */
export interface TableInfo {
  name: string;
  columns: string[];
  /** The auto-assigned key column, if any. */
  identity: string | null;
  references: { column: string; table: string }[];
}

/** Every application table of the store (migration bookkeeping left out), read from the catalog. */
export async function describeTables(db: Kysely<any>, dialect: DialectName): Promise<TableInfo[]> {
  if (dialect === 'sqlite') {
    const tables = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
      where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db);
    const out: TableInfo[] = [];
    for (const t of tables.rows) {
      const cols = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${t.name}) order by cid`.execute(db);
      const fks = await sql<{ from: string; table: string }>`select "from", "table" from pragma_foreign_key_list(${t.name})`.execute(db);
      const autoincrement = /autoincrement/i.test(t.sql);
      out.push({
        name: t.name,
        columns: cols.rows.map((c) => c.name),
        identity: autoincrement ? (cols.rows.find((c) => c.pk === 1)?.name ?? null) : null,
        references: fks.rows.map((f) => ({ column: f.from, table: f.table })),
      });
    }
    return out;
  }
  const cols = await sql<{ table_name: string; column_name: string; is_identity: string }>`
    select c.table_name, c.column_name, c.is_identity from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name not like 'kysely_%'
    order by c.table_name, c.ordinal_position`.execute(db);
  const fks = await sql<{ table_name: string; column_name: string; ref_table: string }>`
    select kcu.table_name, kcu.column_name, ccu.table_name as ref_table
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
  const byName = new Map<string, TableInfo>();
  for (const c of cols.rows) {
    let t = byName.get(c.table_name);
    if (!t) {
      t = { name: c.table_name, columns: [], identity: null, references: [] };
      byName.set(c.table_name, t);
    }
    t.columns.push(c.column_name);
    if (c.is_identity === 'YES') t.identity = c.column_name;
  }
  for (const f of fks.rows) byName.get(f.table_name)?.references.push({ column: f.column_name, table: f.ref_table });
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Points a table's id counter just past the largest id it holds (1 when empty): after rows were
 * removed the next id restarts there, and after rows were inserted with explicit ids no later
 * insert collides with them.
 */
export async function restartIdentity(db: Kysely<any>, dialect: DialectName, table: string, column: string): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`update sqlite_sequence set seq = (select coalesce(max(${sql.ref(column)}), 0) from ${sql.table(table)}) where name = ${table}`.execute(
      db,
    );
    return;
  }
  await sql`select setval(pg_get_serial_sequence(${table}, ${column}), (select coalesce(max(${sql.ref(column)}), 0) + 1 from ${sql.table(table)}), false)`.execute(
    db,
  );
}

/**
 * Keeps other writers out of `tables` until the transaction ends, so the largest id read there
 * stays the largest (PostgreSQL: writers that already drew an id finish first). SQLite has a
 * single writer already.
 */
export async function lockTablesForWrite(trx: Kysely<any>, dialect: DialectName, tables: string[]): Promise<void> {
  if (dialect === 'sqlite' || tables.length === 0) return;
  await sql`lock table ${sql.join(tables.map((t) => sql.table(t)))} in share row exclusive mode`.execute(trx);
}

/**
 * Inserts many rows that carry the same columns, fast: PostgreSQL parses them from one JSON
 * parameter (json_populate_recordset), SQLite takes multi-row inserts of bounded size.
 */
export async function insertRows(trx: Kysely<any>, dialect: DialectName, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  if (dialect === 'postgres') {
    // bytea comes through JSON in its hex text form.
    const json = JSON.stringify(rows, (_k, v) =>
      v !== null && typeof v === 'object' && v.type === 'Buffer' && Array.isArray(v.data) ? `\\x${Buffer.from(v.data).toString('hex')}` : v,
    );
    const cols = sql.join(columns.map((c) => sql.ref(c)));
    await sql`insert into ${sql.table(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`.execute(
      trx,
    );
    return;
  }
  // SQLite binds at most 32,766 parameters per statement.
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += perStatement)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + perStatement))
      .execute();
}

/**
 * Updates many rows of `table`, each found by its `key` column and given its own values (every
 * row carries the same columns, `key` among them), where the `match` columns also hold the given
 * values; answers the keys of the rows changed. PostgreSQL takes them in one statement, the new
 * values parsed from one JSON parameter (json_populate_recordset, as insertRows); SQLite runs a
 * statement per row, which costs no round trip there.
 */
export async function updateRows(
  trx: Kysely<any>,
  dialect: DialectName,
  table: string,
  key: string,
  rows: Record<string, unknown>[],
  match: Record<string, string | number>,
): Promise<unknown[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]).filter((c) => c !== key);
  const matched = Object.entries(match);
  if (dialect === 'postgres') {
    const set = sql.join(columns.map((c) => sql`${sql.ref(c)} = ${sql.ref(`v.${c}`)}`));
    const where = sql.join(
      [sql`${sql.ref(`t.${key}`)} = ${sql.ref(`v.${key}`)}`, ...matched.map(([c, v]) => sql`${sql.ref(`t.${c}`)} = ${v}`)],
      sql` and `,
    );
    const r = await sql<Record<string, unknown>>`update ${sql.table(table)} as t set ${set}
      from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json) as v
      where ${where} returning ${sql.ref(`t.${key}`)} as k`.execute(trx);
    return r.rows.map((row) => row.k);
  }
  const changed: unknown[] = [];
  for (const row of rows) {
    const set = sql.join(columns.map((c) => sql`${sql.ref(c)} = ${row[c]}`));
    const where = sql.join([sql`${sql.ref(key)} = ${row[key]}`, ...matched.map(([c, v]) => sql`${sql.ref(c)} = ${v}`)], sql` and `);
    const r = await sql`update ${sql.table(table)} set ${set} where ${where}`.execute(trx);
    if (Number(r.numAffectedRows ?? 0) > 0) changed.push(row[key]);
  }
  return changed;
}

/** Whether `err` is the store refusing a row for a constraint (not null, foreign key, check, unique). */
export function isConstraintViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^23[0-9A-Z]{3}$/.test(code) || code.startsWith('SQLITE_CONSTRAINT'));
}

/**
 * Holds `key` for the rest of the transaction: writers of the same key, on any node, run one
 * after the other (PostgreSQL: a transaction-level advisory lock on the key's 64-bit hash; a
 * rare hash collision only makes two keys wait for each other). SQLite runs one write
 * transaction at a time across all processes already (BEGIN IMMEDIATE).
 */
export async function lockKey(trx: Kysely<any>, dialect: DialectName, key: string): Promise<void> {
  if (dialect === 'sqlite') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
