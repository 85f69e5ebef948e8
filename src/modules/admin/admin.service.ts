// The admin API's rules: accounts, reset, the server clock (kept in the store, shared by every
// node), exports/imports and named snapshots. Request faults and the journal live in core/.
import type { Kysely } from 'kysely';
import type { AccountService, NewAccount } from '../../core/accounts.js';
import type { ClockState, ControlledClock } from '../../core/clock.js';
import { ConflictError, FieldError, NotFoundError } from '../../core/errors.js';
import type { RequestJournal } from '../../core/journal.js';
import { type DialectName, isConstraintViolation, isUniqueViolation } from '../../db/dialect.js';
import { isKnownMigration, LATEST_MIGRATION } from '../../db/migrate.js';
import type { DB } from '../../db/schema.js';
import { AccountData } from './admin.data.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './admin.schema.js';

const CLOCK_KEY = 'admin_clock';

export interface SnapshotDocument {
  format: string;
  version: number;
  schema: string;
  exportedAt: string;
  account: { name: string; adminUserId: number };
  tables: Record<string, Record<string, unknown>[]>;
}

export interface AdminDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: ControlledClock;
  accounts: AccountService;
  journal: RequestJournal;
  /** Fills an account with the demo data set (through the API, as `campo seed --demo`). */
  seedDemo: (accountId: number, seed: number) => Promise<void>;
}

export class AdminService {
  readonly data: AccountData;
  private clockVersion = 0;

  constructor(private readonly d: AdminDeps) {
    this.data = new AccountData(d.db, d.dialect);
  }

  // ---- Accounts ----------------------------------------------------------------------------

  async createAccount(name: string, apiKey?: string, apiToken?: string): Promise<NewAccount> {
    const taken =
      apiKey === undefined
        ? undefined
        : await this.d.db.selectFrom('accounts').select('id').where('api_key', '=', apiKey).executeTakeFirst();
    if (taken) throw new ConflictError('apiKey', 'An account with this apiKey exists.');
    try {
      return await this.d.accounts.create(name, { apiKey, apiToken });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('apiKey', 'An account with this apiKey exists.');
      throw err;
    }
  }

  async requireAccount(id: number) {
    const account = await this.d.accounts.get(id);
    if (!account) throw new NotFoundError();
    return account;
  }

  // ---- Reset -------------------------------------------------------------------------------

  /** Empties the account to its state at creation (a new administrator), optionally re-seeding the demo. */
  async reset(
    id: number,
    opts: { demo?: boolean; seed?: number } = {},
  ): Promise<{ accountId: number; adminUserId: number; demo: boolean }> {
    await this.requireAccount(id);
    // Read the catalog before the transaction: outside queries wait for it to end.
    await this.data.list();
    const adminUserId = await this.d.accounts
      .recreateAdmin(id, async (trx) => {
        await this.data.clear(trx, id);
        await trx.deleteFrom('settings').where('key', '=', `demo_seed:${id}`).execute();
      })
      .catch(async (err) => {
        await this.data.repairIdentities();
        throw err;
      });
    this.d.journal.clear(id);
    if (opts.demo) await this.d.seedDemo(id, opts.seed ?? 1);
    return { accountId: id, adminUserId, demo: opts.demo === true };
  }

  async resetAll(opts: { demo?: boolean; seed?: number } = {}) {
    const out = [];
    for (const a of await this.d.accounts.list()) out.push(await this.reset(a.id, opts));
    return out;
  }

  // ---- Clock -------------------------------------------------------------------------------

  /** Applies a change to the server clock and keeps it in the store (other nodes pick it up). */
  async changeClock(change: (c: ControlledClock) => ClockState): Promise<void> {
    await this.refreshClock();
    let state: ClockState;
    try {
      state = change(this.d.clock);
    } catch (err) {
      if (err instanceof RangeError)
        throw FieldError.of('at', 'The clock does not move backwards; DELETE /campo/v1/admin/clock returns to the system clock.');
      throw err;
    }
    this.clockVersion += 1;
    const value = JSON.stringify({ ...state, version: this.clockVersion });
    await this.d.db
      .insertInto('settings')
      .values({ key: CLOCK_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  /** Adopts the clock kept in the store when it is newer than this node's (at start and periodically). */
  async refreshClock(): Promise<void> {
    const row = await this.d.db.selectFrom('settings').select('value').where('key', '=', CLOCK_KEY).executeTakeFirst();
    if (!row) return;
    const stored = JSON.parse(row.value) as ClockState & { version: number };
    if (stored.version > this.clockVersion) {
      this.clockVersion = stored.version;
      this.d.clock.load({ offsetMs: stored.offsetMs, frozenAtMs: stored.frozenAtMs });
    }
  }

  // ---- Export / import ---------------------------------------------------------------------

  async exportAccount(id: number): Promise<SnapshotDocument> {
    const account = await this.requireAccount(id);
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      schema: LATEST_MIGRATION,
      exportedAt: this.d.clock.now().toISOString(),
      account: { name: account.name, adminUserId: account.adminUserId },
      tables: await this.data.read(id),
    };
  }

  /** 400 naming the first field of `doc` this server cannot take. */
  private async validate(doc: SnapshotDocument): Promise<void> {
    if (doc.format !== SNAPSHOT_FORMAT)
      throw FieldError.of('format', `Unknown snapshot format '${String(doc.format)}'; expected '${SNAPSHOT_FORMAT}'.`);
    if (doc.version !== SNAPSHOT_VERSION)
      throw FieldError.of('version', `Unsupported snapshot version ${String(doc.version)}; this server reads version ${SNAPSHOT_VERSION}.`);
    if (!isKnownMigration(doc.schema))
      throw FieldError.of('schema', `Unknown store schema '${doc.schema}': the snapshot comes from a newer server.`);
    const tables = new Map((await this.data.list()).map((t) => [t.name, new Set(t.columns)]));
    for (const [name, rows] of Object.entries(doc.tables)) {
      const columns = tables.get(name);
      if (!columns) throw FieldError.of(`tables.${name}`, `Unknown table '${name}'.`);
      rows.forEach((row, i) => {
        for (const [c, v] of Object.entries(row)) {
          if (!columns.has(c)) throw FieldError.of(`tables.${name}[${i}].${c}`, `Unknown column '${c}'.`);
          const binary =
            v !== null &&
            typeof v === 'object' &&
            !Array.isArray(v) &&
            Object.keys(v).join() === '$base64' &&
            typeof (v as { $base64: unknown }).$base64 === 'string';
          if (v !== null && typeof v === 'object' && !binary)
            throw FieldError.of(`tables.${name}[${i}].${c}`, 'The value must be a string, a number, null or {"$base64": "..."}.');
        }
      });
    }
    const admins = doc.tables.users?.filter((u) => u.id === doc.account.adminUserId) ?? [];
    if (admins.length !== 1) throw FieldError.of('account.adminUserId', 'The administrator must be one of tables.users.');
  }

  /** Tables holding rows beyond what a new account has (its administrator). */
  private async extraRows(id: number, adminUserId: number): Promise<string[]> {
    const counts = await this.data.counts(id);
    const admin = await this.d.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', adminUserId)
      .where('account_id', '=', id)
      .executeTakeFirst();
    if (admin && counts.users !== undefined) counts.users -= 1;
    return Object.entries(counts)
      .filter(([t, n]) => n > 0 && t !== 'change_events')
      .map(([t]) => t);
  }

  /** Writes a snapshot into a new or emptied account; with `replace`, whatever it holds is dropped first. */
  async importAccount(id: number, doc: SnapshotDocument, opts: { replace?: boolean } = {}) {
    const account = await this.requireAccount(id);
    await this.validate(doc);
    if (!opts.replace) {
      const extra = await this.extraRows(id, account.adminUserId);
      if (extra.length > 0) {
        throw new ConflictError('accountId', `The account is not empty (${extra.join(', ')}); reset it first or restore a named snapshot.`);
      }
    }
    let records = 0;
    try {
      records = await this.d.db.transaction().execute(async (trx) => {
        await this.data.clear(trx, id);
        const n = await this.data.write(trx, id, doc.tables);
        await trx.updateTable('accounts').set({ admin_user_id: doc.account.adminUserId }).where('id', '=', id).execute();
        return n;
      });
    } catch (err) {
      await this.data.repairIdentities();
      if (isUniqueViolation(err)) {
        throw new ConflictError(
          'tables',
          'Ids of this snapshot are used by another account of this store; import it into a store (or after a reset) where they are free.',
        );
      }
      // A row the store refuses (a required column missing, a reference to a row not in the snapshot).
      if (isConstraintViolation(err)) {
        throw FieldError.of(
          'tables',
          'A row breaks a rule of the store (a required column is missing or a reference points to a row not in the snapshot).',
        );
      }
      throw err;
    }
    this.d.accounts.forget(id);
    this.d.journal.clear(id);
    const tables: Record<string, number> = {};
    for (const [name, rows] of Object.entries(doc.tables)) if (rows.length > 0) tables[name] = rows.length;
    return { accountId: id, records, tables };
  }

  // ---- Named snapshots ---------------------------------------------------------------------

  async saveSnapshot(id: number, name: string) {
    const doc = await this.exportAccount(id);
    const records = Object.values(doc.tables).reduce((n, rows) => n + rows.length, 0);
    const createdAt = this.d.clock.now().toISOString();
    const body = JSON.stringify(doc);
    await this.d.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('admin_snapshots').where('account_id', '=', id).where('name', '=', name).execute();
      await trx.insertInto('admin_snapshots').values({ account_id: id, name, records, created_at: createdAt, body }).execute();
    });
    return { name, records, createdAt };
  }

  async listSnapshots(id: number) {
    await this.requireAccount(id);
    const rows = await this.d.db
      .selectFrom('admin_snapshots')
      .select(['name', 'records', 'created_at'])
      .where('account_id', '=', id)
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ name: r.name, records: r.records, createdAt: r.created_at }));
  }

  async restoreSnapshot(id: number, name: string) {
    await this.requireAccount(id);
    const row = await this.d.db
      .selectFrom('admin_snapshots')
      .select('body')
      .where('account_id', '=', id)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) throw new NotFoundError();
    return this.importAccount(id, JSON.parse(row.body) as SnapshotDocument, { replace: true });
  }

  async deleteSnapshot(id: number, name: string): Promise<void> {
    await this.requireAccount(id);
    const r = await this.d.db.deleteFrom('admin_snapshots').where('account_id', '=', id).where('name', '=', name).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new NotFoundError();
  }
}
