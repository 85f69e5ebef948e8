import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type Driver, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect.js';
import type { DB } from './schema.js';
import { allowDirectReads } from './prepared.js';
import { type GroupCommitOptions, GroupCommitSqliteDriver } from './sqlite-driver.js';

export interface Store {
  db: Kysely<DB>;
  dialect: DialectName;
  /**
   * Connections of their own for background work (the webhook dispatcher), so that it never
   * queues behind the requests waiting for the pool (PostgreSQL). On SQLite, and when absent, `db`.
   */
  background?: Kysely<DB>;
  close(): Promise<void>;
}

// PostgreSQL returns int8 and numeric as strings by default; every count and sequence we read fits a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function sqlitePath(url: string): string {
  const p = url.replace(/^sqlite:(\/\/)?/i, '');
  return p === ':memory:' ? p : resolve(p);
}

/** Kysely's SQLite dialect, on the group-commit driver. */
class CampoSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly opts: GroupCommitOptions,
  ) {
    super({ database: sqlite });
  }

  driver: GroupCommitSqliteDriver | undefined;

  override createDriver(): Driver {
    this.driver = new GroupCommitSqliteDriver(this.sqlite, this.opts);
    return this.driver;
  }
}

/** Connections of the background pool (the dispatcher's claim and its round's record, one at a time). */
const BACKGROUND_POOL_SIZE = 2;

export function openDb(url: string, opts: { poolSize?: number; connectTimeoutMs?: number } = {}): Store {
  if (/^sqlite:/i.test(url)) {
    const file = sqlitePath(url);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new Database(file);
    // While the connection is set up (several nodes may open a new file at once), wait for locks.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    // FULL: every acknowledged commit is on disk before the response leaves (survives kill -9 and power loss).
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // Savepoint journals (every transaction is a savepoint of a group commit, see sqlite-driver.ts)
    // and sorts that spill stay in memory instead of temporary files.
    sqlite.pragma('temp_store = MEMORY');
    // Lets the query planner gather statistics where they are missing or stale (SQLite's advice
    // for long-lived connections); without them it can pick a poor index on large tables.
    sqlite.pragma('optimize = 0x10002');
    // Then short: a writer waits for another connection's lock in the driver, without blocking
    // the event loop (see sqlite-driver.ts); this covers the brief locks readers may meet.
    sqlite.pragma('busy_timeout = 20');
    let reader: Database.Database | undefined;
    if (file !== ':memory:') {
      // Plain reads run on their own connection (see sqlite-driver.ts), never writing.
      reader = new Database(file);
      reader.pragma('busy_timeout = 20');
      reader.pragma('temp_store = MEMORY');
      reader.pragma('query_only = ON');
    }
    // A test hook only: commits wait while this file exists (kill -9 during a commit).
    const commitHoldFile = process.env.CAMPO_TEST_COMMIT_HOLD_FILE || undefined;
    const dialect = new CampoSqliteDialect(sqlite, { reader, commitHoldFile });
    const db = new Kysely<DB>({ dialect });
    allowDirectReads(db, (text, parameters, first) => dialect.driver?.readNow(text, parameters, first));
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(opts.connectTimeoutMs === undefined ? {} : { connectionTimeoutMillis: opts.connectTimeoutMs }),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  // Opened on first use: a process that never dispatches holds no extra connection.
  const backgroundPool = new pg.Pool({
    connectionString: url,
    max: BACKGROUND_POOL_SIZE,
    ...(opts.connectTimeoutMs === undefined ? {} : { connectionTimeoutMillis: opts.connectTimeoutMs }),
  });
  backgroundPool.on('error', () => {});
  const background = new Kysely<DB>({ dialect: new PostgresDialect({ pool: backgroundPool }) });
  return {
    db,
    dialect: 'postgres',
    background,
    close: async () => {
      await Promise.all([db.destroy(), background.destroy()]);
    },
  };
}
