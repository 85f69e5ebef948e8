// An account's rows across every table, found from the store's own catalog (so tables added by
// later migrations are covered without a list to keep up to date): emptied by a reset, written
// out by an export, written back by an import. No Fastify here.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { type DialectName, describeTables, insertRows, lockTablesForWrite, restartIdentity, type TableInfo } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';

/** Tables that are not an account's data: the tenants themselves, server settings, the snapshots kept of accounts. */
const NOT_ACCOUNT_DATA = new Set(['accounts', 'settings', 'admin_snapshots']);

export interface AccountTable {
  name: string;
  /** Columns written to and read from a snapshot (account_id is implied). */
  columns: string[];
  identity: string | null;
  /** How the table's rows of one account are found: its own account_id, or its parent's. */
  owner: { kind: 'own' } | { kind: 'parent'; column: string; parent: string };
}

/** Account tables, parents before children (an import inserts in this order, a reset deletes in reverse). */
export function accountTables(all: TableInfo[]): AccountTable[] {
  const owned = new Map<string, AccountTable>();
  for (const t of all) {
    if (NOT_ACCOUNT_DATA.has(t.name) || !t.columns.includes('account_id')) continue;
    owned.set(t.name, { name: t.name, columns: t.columns.filter((c) => c !== 'account_id'), identity: t.identity, owner: { kind: 'own' } });
  }
  // Link tables without an account_id of their own (task_keywords) belong to their parent's account.
  for (const t of all) {
    if (NOT_ACCOUNT_DATA.has(t.name) || owned.has(t.name)) continue;
    const ref = t.references.find((r) => owned.has(r.table));
    if (ref)
      owned.set(t.name, {
        name: t.name,
        columns: t.columns,
        identity: t.identity,
        owner: { kind: 'parent', column: ref.column, parent: ref.table },
      });
  }
  const refs = new Map(all.map((t) => [t.name, t.references.map((r) => r.table).filter((n) => n !== t.name && owned.has(n))]));
  const ordered: AccountTable[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (placed.has(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const parent of refs.get(name) ?? []) visit(parent);
    visiting.delete(name);
    placed.add(name);
    ordered.push(owned.get(name) as AccountTable);
  };
  for (const name of [...owned.keys()].sort()) visit(name);
  return ordered;
}

type Row = Record<string, unknown>;

/** JSON has no bytes: binary values travel as {"$base64": "..."}. */
function toJsonValue(v: unknown): unknown {
  return v instanceof Uint8Array ? { $base64: Buffer.from(v).toString('base64') } : v;
}

function fromJsonValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { $base64?: unknown }).$base64 === 'string') {
    return Buffer.from((v as { $base64: string }).$base64, 'base64');
  }
  return v;
}

export class AccountData {
  private tables: Promise<AccountTable[]> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: DialectName,
  ) {}

  /** The account tables (read from the catalog once per process: the schema only changes by migration at start). */
  list(): Promise<AccountTable[]> {
    this.tables ??= describeTables(this.db, this.dialect).then(accountTables);
    return this.tables;
  }

  private where<Q extends { where: (...a: never[]) => Q }>(q: Q, t: AccountTable, accountId: number): Q {
    const w = q.where as unknown as (ref: unknown, op: string, value: unknown) => Q;
    if (t.owner.kind === 'own') return w.call(q, 'account_id', '=', accountId);
    const parent = sql`(select id from ${sql.table(t.owner.parent)} where account_id = ${accountId})`;
    return w.call(q, t.owner.column, 'in', parent);
  }

  /** Rows the account holds per table (tables with none left out). */
  async counts(accountId: number, db: Kysely<DB> = this.db): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of await this.list()) {
      const q = (db as Kysely<any>).selectFrom(t.name).select((eb) => eb.fn.countAll<number>().as('n'));
      const r = await this.where(q, t, accountId).executeTakeFirstOrThrow();
      if (Number(r.n) > 0) out[t.name] = Number(r.n);
    }
    return out;
  }

  /** Every row of the account, table by table (parents first), ordered by key. */
  async read(accountId: number): Promise<Record<string, Row[]>> {
    const out: Record<string, Row[]> = {};
    for (const t of await this.list()) {
      let q = (this.db as Kysely<any>).selectFrom(t.name).select(t.columns);
      for (const c of t.identity ? [t.identity] : t.columns) q = q.orderBy(c);
      const rows = (await this.where(q, t, accountId).execute()) as Row[];
      if (rows.length === 0) continue;
      for (const r of rows) for (const c of t.columns) r[c] = toJsonValue(r[c]);
      out[t.name] = rows;
    }
    return out;
  }

  /** Deletes every row of the account (inside `trx`), children first; id counters restart past the largest id left. */
  async clear(trx: Transaction<DB>, accountId: number): Promise<void> {
    const tables = await this.list();
    await lockTablesForWrite(
      trx,
      this.dialect,
      tables.filter((t) => t.identity).map((t) => t.name),
    );
    for (const t of [...tables].reverse()) await this.where((trx as Kysely<any>).deleteFrom(t.name), t, accountId).execute();
    for (const t of tables) if (t.identity) await restartIdentity(trx, this.dialect, t.name, t.identity);
  }

  /**
   * Points every id counter past the committed rows again. PostgreSQL does not roll back a
   * sequence with the transaction that moved it: after a failed reset or import the counters may
   * point at ids the restored rows hold.
   */
  async repairIdentities(): Promise<void> {
    const tables = (await this.list()).filter((t) => t.identity);
    await this.db.transaction().execute(async (trx) => {
      await lockTablesForWrite(
        trx,
        this.dialect,
        tables.map((t) => t.name),
      );
      for (const t of tables) await restartIdentity(trx, this.dialect, t.name, t.identity as string);
    });
  }

  /** Inserts snapshot rows for the account (inside `trx`, after clear), then moves id counters past them. */
  async write(trx: Transaction<DB>, accountId: number, tables: Record<string, Row[]>): Promise<number> {
    let written = 0;
    for (const t of await this.list()) {
      const rows = tables[t.name];
      if (!rows || rows.length === 0) continue;
      const values = rows.map((r) => {
        const v: Row = t.owner.kind === 'own' ? { account_id: accountId } : {};
        for (const c of t.columns) if (c in r) v[c] = fromJsonValue(r[c]);
        return v;
      });
      // A snapshot from an older schema may lack newer columns (they take their defaults): rows
      // are inserted in runs that carry the same columns.
      let from = 0;
      const keysOf = (v: Row) => Object.keys(v).join();
      for (let i = 1; i <= values.length; i++) {
        if (i === values.length || keysOf(values[i]) !== keysOf(values[from])) {
          await insertRows(trx, this.dialect, t.name, values.slice(from, i));
          from = i;
        }
      }
      written += rows.length;
    }
    for (const t of await this.list())
      if (t.identity && tables[t.name]?.length) await restartIdentity(trx, this.dialect, t.name, t.identity);
    return written;
  }
}
