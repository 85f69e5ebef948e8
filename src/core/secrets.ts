import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Returns the value stored under `key`, creating it with `generate()` the first time.
 * Several nodes starting at once agree on one value: the first insert wins, the rest read it.
 */
export async function storedSecret(db: Kysely<DB>, key: string, generate: () => string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key, value: generate() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
