// Queries on the hot path (GET by id, the bearer check) built and compiled once, then run with
// new values. Building and compiling a Kysely query costs more than SQLite takes to run a
// primary-key lookup; the SQL of such a query never changes, only its values do.
import type { Compilable, CompiledQuery, Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Runs a compiled read-only query at once (only its first row when `first`), or answers
 * undefined to send it the usual way.
 */
export type DirectReader = (sql: string, parameters: readonly unknown[], first: boolean) => readonly unknown[] | undefined;

const directReaders = new WeakMap<object, DirectReader>();

/**
 * Lets prepared reads on `db` (not on its transactions, which keep their connection) run through
 * `read`, skipping Kysely's connection hand-over: the store's driver offers this where a read can
 * run synchronously (SQLite). Kysely plugins are not applied on that way; `db` has none.
 */
export function allowDirectReads(db: Kysely<DB>, read: DirectReader): void {
  directReaders.set(db, read);
}

/** Stands in for an argument while the query is built; never reaches the store. */
class Slot {
  constructor(readonly index: number) {}
}

interface Plan {
  compiled: CompiledQuery;
  /** Per compiled parameter: the argument it takes, or the constant the builder wrote. */
  sources: ({ arg: number } | { value: unknown })[];
}

export interface PreparedQuery<A extends unknown[], O> {
  /** Every row. */
  all(db: Db, ...args: A): Promise<O[]>;
  /** The first row, or undefined. */
  first(db: Db, ...args: A): Promise<O | undefined>;
}

/**
 * `build` receives stand-ins for its arguments and must hand them to Kysely only as values
 * (`where('id', '=', id)`), never compute with them or pass lists. It is called once per dialect;
 * later calls reuse the compiled SQL with the new values bound in place of the stand-ins.
 */
export function prepared<A extends unknown[], O>(build: (db: Db, ...args: A) => Compilable<O>): PreparedQuery<A, O> {
  // Keyed by the dialect adapter, which a Kysely instance shares with its transactions.
  const plans = new WeakMap<object, Plan>();
  const planFor = (db: Db, arity: number): Plan => {
    const key = db.getExecutor().adapter;
    let plan = plans.get(key);
    if (plan === undefined) {
      const slots = Array.from({ length: arity }, (_, i) => new Slot(i));
      const compiled = build(db, ...(slots as unknown as A)).compile();
      const sources = compiled.parameters.map((p) => (p instanceof Slot ? { arg: p.index } : { value: p }));
      plan = { compiled, sources };
      plans.set(key, plan);
    }
    return plan;
  };
  // Answers synchronously when the store's driver could read at once (see allowDirectReads).
  const run = (db: Db, args: A, first: boolean): O[] | Promise<O[]> => {
    const { compiled, sources } = planFor(db, args.length);
    const parameters = sources.map((s) => ('arg' in s ? args[s.arg] : s.value));
    const rows = directReaders.get(db)?.(compiled.sql, parameters, first);
    if (rows !== undefined) return rows as O[];
    return db.executeQuery<O>({ ...compiled, parameters } as CompiledQuery<O>).then((result) => result.rows);
  };
  return {
    all: async (db, ...args) => run(db, args, false),
    first: async (db, ...args) => {
      const rows = run(db, args, true);
      return (Array.isArray(rows) ? rows : await rows)[0];
    },
  };
}
