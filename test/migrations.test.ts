import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDb } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';
import { createScratchStore } from './helpers/app.js';
import { runCliAsync } from './helpers/process.js';

test('migrations are safe when several nodes start at once, and idempotent', async () => {
  const scratch = await createScratchStore();
  try {
    // Three processes (nodes) migrate the same empty store at the same moment.
    const runs = await Promise.all([1, 2, 3].map(() => runCliAsync(['migrate'], { DATABASE_URL: scratch.url })));
    for (const r of runs) assert.equal(r.status, 0, r.stderr);
    const applied = runs.flatMap((r) => /^Applied: (.*)$/m.exec(r.stdout)?.[1].split(', ') ?? []);
    assert.equal(new Set(applied).size, applied.length, 'each migration ran exactly once');
    assert.ok(applied.includes('0001_init'));
    const store = openDb(scratch.url);
    try {
      assert.deepEqual(await migrate(store.db, store.dialect), [], 'nothing left to apply');
    } finally {
      await store.close();
    }
  } finally {
    await scratch.drop();
  }
});
