// PUT upserts match a record by externalId before creating one. Two PUTs of one new externalId
// at once (one node or several) must not both create: the create re-checks the externalId inside
// its own transaction, with the key held (lockKey), and the loser runs again as an update.
import type { Kysely } from 'kysely';
import { type DialectName, lockKey } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';

/** A PUT that matched no record and is about to create one carrying an externalId. */
export interface ExternalIdClaim {
  /** Names the (table, account, externalId) for lockKey. */
  key: string;
  /** The record the PUT would have matched by the externalId, read in the create's transaction. */
  find: (trx: Kysely<DB>) => Promise<unknown>;
}

/**
 * The claim of a PUT's create, or none when the externalId is empty (empty ids never match).
 * `find` is the module's own lookup by externalId (the same one the PUT matched with).
 */
export function externalIdClaim(
  table: string,
  accountId: number,
  externalId: string | undefined,
  find: (db: Kysely<DB>, accountId: number, externalId: string) => Promise<unknown>,
): ExternalIdClaim | undefined {
  if (externalId === undefined || externalId === '') return undefined;
  return { key: `external_id:${table}:${accountId}:${externalId}`, find: (trx) => find(trx, accountId, externalId) };
}

/** Another write created the record first: the PUT must run again and update it. */
export class ExternalIdTaken extends Error {
  constructor() {
    super('externalId taken by a concurrent write');
  }
}

/**
 * Called first in a PUT's create transaction: holds the (table, account, externalId) key until
 * the commit and throws ExternalIdTaken when a record with the externalId exists by now.
 */
export async function claimExternalId(trx: Kysely<DB>, dialect: DialectName, claim: ExternalIdClaim | undefined): Promise<void> {
  if (!claim) return;
  await lockKey(trx, dialect, claim.key);
  if (await claim.find(trx)) throw new ExternalIdTaken();
}

const MAX_RUNS = 8;

/**
 * Runs a PUT, and again when it lost the race to create (it then finds the record and updates it).
 * The winner's record may not be visible to the next lookup at once: on SQLite, plain reads use
 * a second connection that sees committed data only, and the winner's group may still be
 * committing. The runs are spaced (1, 2, 4 ... ms, at most 50) so the commit lands in between.
 */
export async function upsertOnce<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof ExternalIdTaken) || attempt >= MAX_RUNS) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 ** (attempt - 1))));
    }
  }
}
