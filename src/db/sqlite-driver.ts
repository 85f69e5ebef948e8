// The Kysely driver for SQLite (better-sqlite3), with group commit.
//
// With synchronous=FULL every COMMIT waits for the disk (fsync of the WAL), and that wait is
// most of the cost of a small write. Writes that arrive together share one: the first write
// opens an outer transaction (BEGIN IMMEDIATE), each Kysely transaction runs inside it as a
// savepoint, and the outer transaction commits once nobody waits for the connection, in the
// next turn of the event loop (so requests already received can join), or when the group holds
// MAX_GROUP writes. A write is acknowledged (its Kysely call returns) only after the COMMIT that
// made it durable, so an answered request survives kill -9 and power loss exactly as with one
// commit per write. A transaction that fails rolls back to its savepoint and leaves the others
// in the group alone.
//
// A new group opens only after the event loop came round since the last commit, so timers and
// I/O run between groups however many writers queue.
//
// Reads outside transactions run on a second connection to the file (query_only), without the
// lock: they never queue behind a write, not even one waiting for another process's lock, and
// they see committed data only. An acknowledged write is committed, so a request reads its own
// acknowledged writes; nobody reads a write before its group is on disk. Reads inside a
// transaction run on the writing connection and see that transaction's own writes.
//
// If SQLite rolls back the whole outer transaction (see noticeLoss: disk full, I/O error, out of
// memory, busy, interrupt, or a ROLLBACK asked for by a constraint or trigger), every write of the
// group fails and the transactions of that group refuse further statements; the next group is
// not affected.
//
// Statements are prepared once per SQL text and kept (most recent STATEMENT_CACHE). Readers run
// in raw mode, and their rows are built in JavaScript by a function made for the statement's
// columns: better-sqlite3 builds each row object property by property in C++, looking every
// column name up in V8's string table, which costs more than SQLite's own work on a primary-key
// lookup of a wide table.
import { existsSync, writeFileSync } from 'node:fs';
import type { Database, Statement } from 'better-sqlite3';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely';
import { foldText, SQLITE_FOLD } from './dialect.js';

type Row = Record<string, unknown>;

/** How many prepared statements a connection keeps. */
const STATEMENT_CACHE = 500;

/**
 * A function turning a raw row (values in column order) into an object, as a literal with the
 * statement's column names: V8 gives every row the same shape at once. A later column of the
 * same name wins, as in better-sqlite3's own rows.
 */
function rowBuilder(names: string[]): (values: unknown[]) => Row {
  const props = names.map((name, i) => `${name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name)}: v[${i}]`);
  return new Function('v', `return { ${props.join(', ')} };`) as (values: unknown[]) => Row;
}

/** A prepared statement and what the driver needs to know of it, read once. */
class CachedStatement {
  readonly reader: boolean;
  readonly readonly: boolean;
  private width = -1;
  private build: (values: unknown[]) => Row = () => ({});

  constructor(readonly stmt: Statement) {
    this.reader = stmt.reader;
    this.readonly = stmt.readonly;
    if (this.reader) stmt.raw(true);
  }

  /** The row object for raw values. */
  row(values: unknown[]): Row {
    // SQLite re-prepares a statement whose tables changed (a migration by another process): the
    // columns are read again when their count changes.
    if (values.length !== this.width) {
      this.build = rowBuilder(this.stmt.columns().map((c) => c.name));
      this.width = values.length;
    }
    return this.build(values);
  }

  rows(all: unknown[][]): Row[] {
    const out = new Array<Row>(all.length);
    for (let i = 0; i < all.length; i++) out[i] = this.row(all[i]);
    return out;
  }
}

/** A first-come, first-served lock: one transaction (or statement) on the connection at a time. */
class Lock {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }

  get contended(): boolean {
    return this.waiting.length > 0;
  }

  get free(): boolean {
    return !this.held;
  }
}

/** Writes (statements or transactions) after which a group commits even if more are waiting. */
const MAX_GROUP = 16;

/** How long a write waits for another connection's write lock before it fails with SQLITE_BUSY. */
const BUSY_WAIT_MS = 5000;

/** The writes of one outer transaction, and when they became durable (or failed to). */
class Group {
  writes = 0;
  /** A statement of the group changed rows. */
  changed = false;
  readonly durable: Promise<void>;
  resolve!: () => void;
  reject!: (err: unknown) => void;

  constructor() {
    this.durable = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A group nobody waits on (reads only) must not surface as an unhandled rejection.
    this.durable.catch(() => {});
  }
}

function isBusy(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'SQLITE_BUSY';
}

/**
 * Runs `attempt`, and while it fails with SQLITE_BUSY (another connection holds a lock) tries
 * again after a pause, for up to BUSY_WAIT_MS, letting the event loop (and that holder) go on.
 */
async function whenUnlocked<T>(attempt: () => T): Promise<T> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    try {
      return attempt();
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** SQLite rolled back the outer transaction: every write of the group was thrown away. */
class GroupLostError extends Error {
  constructor(cause?: unknown) {
    super('SQLite rolled back the open transaction; its writes were not stored', { cause });
  }
}

/** A statement of a transaction whose group SQLite rolled back: refused, nothing of it stays. */
class TransactionLostError extends Error {
  constructor() {
    super('SQLite rolled back this transaction (with its whole group); its writes were not stored');
  }
}

/** One SQLite connection and its prepared statements. */
class Handle {
  private readonly statements = new Map<string, CachedStatement>();

  constructor(readonly db: Database) {
    // Case-insensitive text filters fold all of Unicode on both stores (see containsText).
    db.function(SQLITE_FOLD, { deterministic: true }, (v: unknown) => (typeof v === 'string' ? foldText(v) : v));
  }

  prepare(sql: string): CachedStatement {
    let p = this.statements.get(sql);
    if (p === undefined) {
      p = new CachedStatement(this.db.prepare(sql));
      if (this.statements.size >= STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value as string);
    } else {
      this.statements.delete(sql);
    }
    this.statements.set(sql, p);
    return p;
  }
}

/** Reads all rows of a statement; a read outside any transaction that meets a lock waits for it. */
async function readAll(p: CachedStatement, db: Database, params: unknown[]): Promise<unknown[][]> {
  try {
    return p.stmt.all(params) as unknown[][];
  } catch (err) {
    if (!isBusy(err) || db.inTransaction) throw err;
    return (await whenUnlocked(() => p.stmt.all(params))) as unknown[][];
  }
}

/**
 * What Kysely holds between acquireConnection and releaseConnection. With a reader connection,
 * plain reads run there without the lock; the lock (and the writing connection) is taken at the
 * first statement that writes, or when a transaction begins, and kept until the release.
 */
class Session implements DatabaseConnection {
  holdsLock = false;
  /** This holder of the lock wrote something: it is answered once its group is durable. */
  wrote = false;
  /** The group the open Kysely transaction runs in. */
  txGroup: Group | undefined;

  constructor(private readonly driver: GroupCommitSqliteDriver) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute<R>(this, compiledQuery);
  }

  streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    return this.driver.stream<R>(this, compiledQuery);
  }
}

export interface GroupCommitOptions {
  /**
   * A second connection to the same file for reads outside transactions (WAL lets it read while
   * the first writes): reads then never queue behind a write waiting for another process's lock,
   * and they see committed data only. Without it (an in-memory store) everything shares one.
   */
  reader?: Database;
  /**
   * Tests only: while this file exists, every commit of a group that changed rows waits (to kill
   * the process during one); `<file>.waiting` appears when one does.
   */
  commitHoldFile?: string;
}

export class GroupCommitSqliteDriver implements Driver {
  private readonly lock = new Lock();
  private readonly writer: Handle;
  private readonly reader: Handle | undefined;
  private readonly commitHoldFile: string | undefined;
  /** SQL texts known to write (never run on the reader). */
  private readonly writes = new Set<string>();
  private group: Group | undefined;
  /** A commit of whatever group is open is queued for the connection. */
  private flushPending = false;
  /** Set by a commit until the event loop came round: the next group waits for it. */
  private turn: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    opts: GroupCommitOptions = {},
  ) {
    this.writer = new Handle(db);
    this.reader = opts.reader === undefined ? undefined : new Handle(opts.reader);
    this.commitHoldFile = opts.commitHoldFile;
  }

  async init(): Promise<void> {}

  /**
   * Runs a read-only statement (only to its first row when `first`) at once, skipping the
   * hand-over through Kysely: on the reader connection, or when nobody holds the only one;
   * answers undefined (the caller then takes the usual way) for anything else, or when another
   * connection's lock is met. See allowDirectReads in prepared.ts.
   */
  readNow(sql: string, parameters: readonly unknown[], first: boolean): Row[] | undefined {
    const p = this.reader !== undefined ? this.readerStatement(sql) : this.lock.free ? this.writer.prepare(sql) : undefined;
    if (p === undefined || !p.reader || !p.readonly) return undefined;
    try {
      if (!first) return p.rows(p.stmt.all(parameters) as unknown[][]);
      const values = p.stmt.get(parameters) as unknown[] | undefined;
      return values === undefined ? [] : [p.row(values)];
    } catch (err) {
      if (isBusy(err)) return undefined;
      throw err;
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const session = new Session(this);
    if (this.reader === undefined) await this.take(session);
    return session;
  }

  /**
   * The statement prepared on the reader connection, if it only reads. A statement the reader
   * cannot prepare (a table of a group not yet committed) is left to the writing connection.
   */
  private readerStatement(sql: string): CachedStatement | undefined {
    if (this.reader === undefined || this.writes.has(sql)) return undefined;
    let p: CachedStatement;
    try {
      p = this.reader.prepare(sql);
    } catch {
      return undefined;
    }
    if (p.reader && p.readonly) return p;
    // Remembered so that the reader's statement cache keeps reads only.
    if (this.writes.size >= STATEMENT_CACHE) this.writes.clear();
    this.writes.add(sql);
    return undefined;
  }

  private async take(session: Session): Promise<void> {
    if (session.holdsLock) return;
    await this.lock.acquire();
    session.holdsLock = true;
  }

  async execute<R>(session: Session, compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const params = compiledQuery.parameters as unknown[];
    if (!session.holdsLock && this.reader !== undefined) {
      const p = this.readerStatement(compiledQuery.sql);
      if (p !== undefined) return { rows: p.rows(await readAll(p, this.reader.db, params)) as R[] };
      await this.take(session);
    }
    this.refuseLost(session);
    const p = this.writer.prepare(compiledQuery.sql);
    if (!p.readonly) {
      await this.openGroup();
      session.wrote = true;
    }
    try {
      if (p.reader) {
        const raw = await readAll(p, this.db, params);
        // A write with RETURNING answers one row per row it changed.
        if (!p.readonly && raw.length > 0 && this.group !== undefined) this.group.changed = true;
        return { rows: p.rows(raw) as R[] };
      }
      const { changes, lastInsertRowid } = p.stmt.run(params);
      if (changes > 0 && this.group !== undefined) this.group.changed = true;
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    } catch (err) {
      this.noticeLoss(err);
      throw err;
    }
  }

  async *stream<R>(session: Session, compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // An open iterator keeps its connection busy: streams always take the lock.
    await this.take(session);
    this.refuseLost(session);
    const p = this.writer.prepare(compiledQuery.sql);
    if (!p.readonly) {
      await this.openGroup();
      session.wrote = true;
    }
    for (const values of p.stmt.iterate(compiledQuery.parameters as unknown[])) {
      yield { rows: [(p.reader ? p.row(values as unknown[]) : values) as R] };
    }
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    await this.take(session);
    await this.openGroup();
    this.db.exec('savepoint campo_tx');
    session.txGroup = this.group;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    this.refuseLost(session);
    this.db.exec('release campo_tx');
    session.txGroup = undefined;
    session.wrote = true;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    session.wrote = false;
    const lost = this.isLost(session);
    session.txGroup = undefined;
    // SQLite already rolled back the whole group (with this transaction): nothing is left to undo.
    if (lost) return;
    this.db.exec('rollback to campo_tx');
    this.db.exec('release campo_tx');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    if (!session.holdsLock) return;
    session.holdsLock = false;
    const group = this.group;
    const wrote = session.wrote;
    if (group !== undefined) {
      if (wrote) group.writes++;
      if (group.writes >= MAX_GROUP) await this.commitGroup();
      // Whoever waits for the connection joins the group and decides in turn when it leaves.
      else if (!this.lock.contended) this.scheduleFlush();
    }
    this.lock.release();
    if (wrote && group !== undefined) await group.durable;
  }

  async destroy(): Promise<void> {
    await this.lock.acquire();
    await this.commitGroup();
    this.db.close();
    this.reader?.db.close();
  }

  /**
   * After some errors SQLite rolls back the whole outer transaction on its own: SQLITE_FULL,
   * SQLITE_IOERR, SQLITE_NOMEM, SQLITE_BUSY (and SQLITE_INTERRUPT), and a constraint or trigger
   * asking for ROLLBACK (`on conflict rollback`, `raise(rollback)`). Every write of the group is
   * then gone: the others of the group, not yet acknowledged, fail with GroupLostError; the
   * transaction that was running fails, and its further statements are refused (see refuseLost)
   * rather than run in a new group. Writes of the next group are not touched.
   */
  private noticeLoss(err: unknown): void {
    if (this.group === undefined || this.db.inTransaction) return;
    this.group.reject(new GroupLostError(err));
    this.group = undefined;
  }

  private isLost(session: Session): boolean {
    if (session.txGroup === undefined) return false;
    this.noticeLoss(undefined);
    return session.txGroup !== this.group;
  }

  private refuseLost(session: Session): void {
    if (this.isLost(session)) throw new TransactionLostError();
  }

  /**
   * Makes sure a group (an outer transaction) is open for the write about to run. A new group
   * waits until the event loop came round after the last commit, so timers and I/O run between
   * groups however many writers queue. While another connection (another process, or another
   * store in this one) holds the write lock, it waits without blocking the event loop, so that
   * holder can finish: SQLite's own busy timeout is kept short and the waiting happens here, for
   * up to BUSY_WAIT_MS.
   */
  async openGroup(): Promise<void> {
    if (this.db.inTransaction) return;
    // An open group whose transaction is gone was rolled back by SQLite: its writes are lost.
    this.noticeLoss(undefined);
    if (this.turn !== undefined) await this.turn;
    await whenUnlocked(() => this.db.exec('begin immediate'));
    this.group = new Group();
  }

  /**
   * Nobody waits for the connection yet: commit the open group after the requests already
   * received in this turn of the event loop had their chance to join it.
   */
  private scheduleFlush(): void {
    if (this.flushPending) return;
    this.flushPending = true;
    setImmediate(() => {
      void this.lock.acquire().then(async () => {
        this.flushPending = false;
        await this.commitGroup();
        this.lock.release();
      });
    });
  }

  /** Commits the open group (the caller holds the lock) and answers everyone in it. */
  private async commitGroup(): Promise<void> {
    const group = this.group;
    this.group = undefined;
    if (group === undefined) return;
    if (!this.db.inTransaction) {
      group.reject(new GroupLostError());
      return;
    }
    if (this.commitHoldFile !== undefined && group.changed) await holdWhileExists(this.commitHoldFile);
    const turn = new Promise<void>((resolve) => setImmediate(resolve));
    this.turn = turn;
    void turn.then(() => {
      if (this.turn === turn) this.turn = undefined;
    });
    try {
      this.db.exec('commit');
      group.resolve();
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('rollback');
      group.reject(err);
    }
  }
}

/** Waits while `file` exists, after leaving `<file>.waiting` to say a commit is held. */
async function holdWhileExists(file: string): Promise<void> {
  if (!existsSync(file)) return;
  writeFileSync(`${file}.waiting`, '');
  while (existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 10));
}
