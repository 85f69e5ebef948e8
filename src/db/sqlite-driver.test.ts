// The group-commit SQLite driver under conditions only a direct test reaches: writers that never
// stop, and SQLite rolling back a whole group on its own.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openDb, type Store } from './index.js';

async function withSqlite(fn: (store: Store) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'campo-driver-'));
  const store = openDb(`sqlite:${join(dir, 'campo.db')}`);
  try {
    await fn(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How long a timer set now takes to fire. */
function timerDelay(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => setTimeout(() => resolve(performance.now() - started), 0));
}

test('32 writers that never stop: timers still fire within 50 ms (median of 20) and reads are answered', async () => {
  await withSqlite(async (store) => {
    await sql`create table t (id integer primary key, writer integer not null)`.execute(store.db);
    let stop = false;
    let written = 0;
    const loops = Array.from({ length: 32 }, async (_, writer) => {
      while (!stop) {
        await sql`insert into t (writer) values (${writer})`.execute(store.db);
        written++;
      }
    });
    try {
      const delays: number[] = [];
      for (let i = 0; i < 20; i++) delays.push(await timerDelay());
      const read = await sql<{ n: number }>`select count(*) as n from t`.execute(store.db);
      assert.ok(read.rows[0].n > 0);
      // The median: on a loaded machine the whole process may be descheduled now and then.
      const shown = `timer delays (ms): ${delays.map((d) => d.toFixed(1)).join(' ')}`;
      const median = [...delays].sort((a, b) => a - b)[delays.length >> 1];
      assert.ok(median < 50, shown);
      assert.ok(Math.max(...delays) < 1000, shown);
      assert.ok(written > 0, 'the writers went on meanwhile');
    } finally {
      stop = true;
      await Promise.all(loops);
    }
    const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(store.db);
    assert.equal(rows[0].n, written);
  });
});

test('SQLite rolls back a whole group: its transactions fail, nothing of them is stored, the next group is untouched', async () => {
  await withSqlite(async (store) => {
    await sql`create table t (v text not null)`.execute(store.db);
    // Inserting 'boom' makes SQLite roll back the whole outer transaction (as SQLITE_FULL would).
    await sql`create trigger boom before insert on t when new.v = 'boom' begin select raise(rollback, 'boom'); end`.execute(store.db);
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'stored',
        (err: Error) => `failed: ${err.message}`,
      );
    // The three transactions start together and share one group; the last one starts after it.
    const settled = await Promise.all([
      outcome(store.db.transaction().execute((trx) => sql`insert into t (v) values ('first')`.execute(trx))),
      outcome(
        store.db.transaction().execute(async (trx) => {
          await sql`insert into t (v) values ('before the rollback')`.execute(trx);
          // The caller goes on after the failure: its further statements are refused.
          await sql`insert into t (v) values ('boom')`.execute(trx).catch(() => {});
          await sql`insert into t (v) values ('after the rollback')`.execute(trx);
        }),
      ),
      outcome(sql`insert into t (v) values ('single')`.execute(store.db)),
    ]);
    const lost = 'failed: SQLite rolled back the open transaction; its writes were not stored';
    assert.deepEqual(settled, [
      lost,
      'failed: SQLite rolled back this transaction (with its whole group); its writes were not stored',
      'stored',
    ]);
    assert.equal(await outcome(sql`insert into t (v) values ('boom')`.execute(store.db)), 'failed: boom');
    await store.db.transaction().execute((trx) => sql`insert into t (v) values ('later')`.execute(trx));
    const { rows } = await sql<{ v: string }>`select v from t order by rowid`.execute(store.db);
    assert.deepEqual(
      rows.map((r) => r.v),
      ['single', 'later'],
    );
  });
});
