import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { type DialectName, migrationAttempts, withStartupLock } from './dialect.js';
import * as m0001 from './migrations/0001_init.js';
import * as m0002 from './migrations/0002_customers.js';
import * as m0003 from './migrations/0003_catalog.js';
import * as m0004 from './migrations/0004_webhooks.js';
import * as m0005 from './migrations/0005_tasks.js';
import * as m0006 from './migrations/0006_sales.js';
import * as m0007 from './migrations/0007_tasks_filters.js';
import * as m0008 from './migrations/0008_users_live.js';
import * as m0009 from './migrations/0009_tasks_user_status.js';
import * as m0013 from './migrations/0013_admin.js';
import * as m0014 from './migrations/0014_free_text_indexes.js';
import * as m0016 from './migrations/0016_financial.js';

// Append-only: a merged migration is never edited; a change is a new file added here.
const migrations: Record<string, { up: (d: DialectName) => (db: Kysely<any>) => Promise<void> }> = {
  '0001_init': m0001,
  '0002_customers': m0002,
  '0003_catalog': m0003,
  '0004_webhooks': m0004,
  '0005_tasks': m0005,
  '0006_sales': m0006,
  '0007_tasks_filters': m0007,
  '0008_users_live': m0008,
  '0009_tasks_user_status': m0009,
  '0013_admin': m0013,
  '0014_free_text_indexes': m0014,
  '0016_financial': m0016,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(Object.entries(migrations).map(([name, m]) => [name, { up: m.up(this.dialect) }]));
  }
}

/** The newest migration this server knows (snapshots record it). */
export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1) as string;

/** Whether `name` is a migration this server knows. */
export function isKnownMigration(name: string): boolean {
  return Object.hasOwn(migrations, name);
}

/** Brings the schema up to date; safe when several nodes start at once (see withStartupLock). */
export async function migrate(db: Kysely<any>, dialect: DialectName): Promise<string[]> {
  return withStartupLock(db, dialect, async () => {
    const migrator = new Migrator({ db, provider: new StaticProvider(dialect) });
    // Each migration runs in its own transaction. On SQLite two processes may still race
    // (e.g. `campo migrate` beside a starting server): the loser's transaction rolls back,
    // and a second pass sees what the winner applied.
    for (let attempt = 1; ; attempt++) {
      const { error, results } = await migrator.migrateToLatest();
      if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
      if (attempt >= migrationAttempts(dialect)) throw error;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  });
}
