import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDb } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';
import { createScratchStore } from './helpers/app.js';

test('migrations are safe when several nodes start at once, and idempotent', async () => {
  const scratch = await createScratchStore();
  const stores = [openDb(scratch.url), openDb(scratch.url), openDb(scratch.url)];
  try {
    const applied = await Promise.all(stores.map((s) => migrate(s.db, s.dialect)));
    const total = applied.flat();
    assert.equal(new Set(total).size, total.length, 'each migration ran exactly once');
    assert.ok(total.includes('0001_init'));
    assert.deepEqual(await migrate(stores[0].db, stores[0].dialect), [], 'nothing left to apply');
  } finally {
    for (const s of stores) await s.close();
    await scratch.drop();
  }
});
