// Opening the configured store at start, for the server and the CLI: a bad setting stops the
// process with one line naming it (never a stack trace); PostgreSQL is waited for a while, since
// in a compose file it may start after Campo.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openDb, type Store, sqlitePath } from './index.js';
import { migrate } from './migrate.js';

/** A setup problem the operator must fix; its message is one line, printed as is. */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

const codeOf = (err: unknown): string => String((err as { code?: unknown } | null)?.code ?? '');

/** Where a PostgreSQL URL points, without its password. */
function pgTarget(url: string): { host: string; database: string; user: string } {
  const u = new URL(url);
  return {
    host: `${u.hostname || 'localhost'}:${u.port || '5432'}`,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres',
    user: decodeURIComponent(u.username),
  };
}

/** The one-line message for a PostgreSQL connection failure, or undefined when it is not one. */
function pgProblem(url: string, err: unknown): string | undefined {
  const t = pgTarget(url);
  const code = codeOf(err);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ECONNRESET':
    case '57P03':
      return `DATABASE_URL: PostgreSQL at ${t.host} is unreachable (${code})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DATABASE_URL: the PostgreSQL host in ${t.host} is not known (${code})`;
    case '3D000':
      return `DATABASE_URL: database "${t.database}" does not exist on ${t.host} (create it: createdb ${t.database})`;
    case '28000':
      return `DATABASE_URL: PostgreSQL at ${t.host} refused user "${t.user}" (role missing or not allowed)`;
    case '28P01':
      return `DATABASE_URL: password authentication failed for user "${t.user}" at ${t.host}`;
    case '42501':
      return `DATABASE_URL: user "${t.user}" may not create tables in database "${t.database}" (permission denied)`;
  }
  if (/timeout/i.test(String((err as Error)?.message))) return `DATABASE_URL: PostgreSQL at ${t.host} is unreachable (timeout)`;
  return undefined;
}

/** The one-line message for a SQLite failure at start, or undefined when it is not one. */
function sqliteProblem(file: string, err: unknown): string | undefined {
  const code = codeOf(err);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return `corrupt store at ${file}; restore from a backup`;
  if (code.startsWith('SQLITE_READONLY'))
    return `DATABASE_URL: the database ${file} is read-only (check the file's and its directory's permissions)`;
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PERM') {
    return `DATABASE_URL: cannot open or create ${file} (${code}); the data directory ${dirname(file)} must exist and be writable`;
  }
  if (code === 'SQLITE_FULL') return `DATABASE_URL: the disk holding ${file} is full`;
  return undefined;
}

function checkPgUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SetupError('DATABASE_URL is not a valid URL (postgres://USER:PASSWORD@HOST:5432/DATABASE)');
  }
  if (u.username === '' && !process.env.PGUSER) {
    throw new SetupError('DATABASE_URL has no user name: write it as postgres://USER:PASSWORD@HOST:5432/DATABASE');
  }
}

export interface OpenOptions {
  /** AUVO_DB_WAIT_SECONDS: how long to keep trying an unreachable PostgreSQL. */
  waitSeconds: number;
  poolSize?: number;
  /** Told once when the first attempt fails and we keep trying. */
  onWait?: (problem: string) => void;
}

/** Opens the store, waits for PostgreSQL up to `waitSeconds`, and migrates it; SetupError on a bad setup. */
export async function openStore(url: string, opts: OpenOptions): Promise<Store & { applied: string[] }> {
  if (/^sqlite:/i.test(url)) return openSqlite(url);
  checkPgUrl(url);
  const deadline = Date.now() + opts.waitSeconds * 1000;
  let told = false;
  for (;;) {
    const store = openDb(url, { ...(opts.poolSize === undefined ? {} : { poolSize: opts.poolSize }), connectTimeoutMs: 5000 });
    try {
      await sql`select 1`.execute(store.db);
      const applied = await migrate(store.db, store.dialect);
      return { ...store, applied };
    } catch (err) {
      await store.close().catch(() => {});
      const problem = pgProblem(url, err);
      if (problem === undefined) throw err;
      if (Date.now() >= deadline) {
        throw new SetupError(opts.waitSeconds > 0 ? `${problem}; gave up after ${opts.waitSeconds} s (AUVO_DB_WAIT_SECONDS)` : problem);
      }
      if (!told) {
        told = true;
        opts.onWait?.(`${problem}; retrying for up to ${opts.waitSeconds} s (AUVO_DB_WAIT_SECONDS)`);
      }
      await sleep(Math.min(1000, Math.max(0, deadline - Date.now())));
    }
  }
}

async function openSqlite(url: string): Promise<Store & { applied: string[] }> {
  const file = sqlitePath(url);
  if (file !== ':memory:') {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (err) {
      throw new SetupError(`DATABASE_URL: cannot create the data directory ${dirname(file)} (${codeOf(err) || String(err)})`);
    }
  }
  let store: Store | undefined;
  try {
    store = openDb(url);
    const applied = await migrate(store.db, store.dialect);
    return { ...store, applied };
  } catch (err) {
    await store?.close().catch(() => {});
    const problem = sqliteProblem(file, err);
    throw problem === undefined ? err : new SetupError(problem);
  }
}
