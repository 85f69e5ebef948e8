import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openDb, type Store, sqlitePath } from '../src/db/index.js';
import { migrate } from '../src/db/migrate.js';
import { prepared } from '../src/db/prepared.js';
import { createScratchStore, storeKind } from './helpers/app.js';

/** Runs `fn` on a fresh, migrated store of the kind under test, then closes and drops it. */
async function withStore(fn: (store: Store, url: string) => Promise<void>): Promise<void> {
  const scratch = await createScratchStore();
  const store = openDb(scratch.url);
  try {
    await migrate(store.db, store.dialect);
    await fn(store, scratch.url);
  } finally {
    await store.close();
    await scratch.drop();
  }
}

test('a prepared query binds each call’s values, keeps the constants it was built with, and runs in transactions', async () => {
  await withStore(async (store) => {
    for (const key of ['a', 'b', 'c']) {
      await store.db
        .insertInto('settings')
        .values({ key, value: `value of ${key}` })
        .execute();
    }
    // The constant 'c' sits between the two arguments in the compiled parameters.
    const twoKeys = prepared((db, first: string, second: string) =>
      db
        .selectFrom('settings')
        .select(['key', 'value'])
        .where((eb) => eb.or([eb('key', '=', first), eb('key', '=', 'c'), eb('key', '=', second)]))
        .orderBy('key'),
    );
    assert.deepEqual(await twoKeys.all(store.db, 'a', 'zz'), [
      { key: 'a', value: 'value of a' },
      { key: 'c', value: 'value of c' },
    ]);
    assert.deepEqual(
      (await twoKeys.all(store.db, 'b', 'a')).map((r) => r.key),
      ['a', 'b', 'c'],
    );
    assert.equal(await twoKeys.first(store.db, 'none', 'nothing').then((r) => r?.key), 'c');

    const one = prepared((db, key: string) => db.selectFrom('settings').select('value').where('key', '=', key));
    assert.equal(await one.first(store.db, 'nope'), undefined);
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('settings').set({ value: 'changed' }).where('key', '=', 'b').execute();
      assert.deepEqual(await one.first(trx, 'b'), { value: 'changed' }, 'sees the transaction’s own write');
    });
    assert.deepEqual(await one.first(store.db, 'b'), { value: 'changed' });
  });
});

test('a prepared read never sees the writes of a transaction still running, even one that is rolled back later', async () => {
  await withStore(async (store) => {
    const one = prepared((db, key: string) => db.selectFrom('settings').select('value').where('key', '=', key));
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written = () => {};
    const hasWritten = new Promise<void>((resolve) => {
      written = resolve;
    });
    const tx = store.db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'pending', value: 'uncommitted' }).execute();
      written();
      await gate;
      throw new Error('rolled back on purpose');
    });
    await hasWritten;
    const read = one.first(store.db, 'pending');
    release();
    await assert.rejects(tx, /rolled back on purpose/);
    assert.equal(await read, undefined);
    assert.equal(await one.first(store.db, 'pending'), undefined);
  });
});

test('transactions that run together stay independent: a failing one rolls back alone, the others are stored', async () => {
  const scratch = await createScratchStore();
  const store = openDb(scratch.url);
  try {
    await migrate(store.db, store.dialect);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        store.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('settings')
            .values({ key: `k${i}`, value: 'first' })
            .execute();
          // Every fourth one then breaks a unique key: its first insert must go too.
          const second = i % 4 === 3 ? 'k0' : `k${i}-b`;
          await trx.insertInto('settings').values({ key: second, value: 'second' }).execute();
        }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      Array.from({ length: 12 }, (_, i) => (i % 4 === 3 ? 'rejected' : 'fulfilled')),
    );
    // An autocommit write beside them.
    await store.db.insertInto('settings').values({ key: 'single', value: 'x' }).execute();
    const keys = (await store.db.selectFrom('settings').select('key').where('key', 'like', 'k%').execute()).map((r) => r.key).sort();
    const expected = Array.from({ length: 12 }, (_, i) => i)
      .filter((i) => i % 4 !== 3)
      .flatMap((i) => [`k${i}`, `k${i}-b`])
      .sort();
    assert.deepEqual(keys, expected);
  } finally {
    await store.close();
  }
  // Everything acknowledged is in the file, for a new connection.
  const again = openDb(scratch.url);
  try {
    const n = await again.db
      .selectFrom('settings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', 'like', 'k%')
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 18);
    assert.ok(await again.db.selectFrom('settings').select('key').where('key', '=', 'single').executeTakeFirst());
  } finally {
    await again.close();
    await scratch.drop();
  }
});

test('SQLite: while another connection holds the write lock, a write waits for it without blocking the event loop', async (ctx) => {
  if (storeKind !== 'sqlite') return ctx.skip('SQLite locking');
  await withStore(async (store, url) => {
    await store.db.insertInto('settings').values({ key: 'before', value: '1' }).execute();
    // Another connection (as another process would) holds the write lock for 300 ms.
    const other = new Database(sqlitePath(url));
    other.exec('begin immediate');
    other.prepare("insert into settings (key, value) values ('other', 'x')").run();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    setTimeout(() => {
      other.exec('commit');
      other.close();
    }, 300);
    const started = Date.now();
    const [read] = await Promise.all([
      store.db.selectFrom('settings').select('key').where('key', '=', 'before').executeTakeFirst(),
      store.db.insertInto('settings').values({ key: 'after', value: '2' }).execute(),
    ]);
    clearInterval(ticker);
    assert.deepEqual(read, { key: 'before' });
    assert.ok(Date.now() - started >= 250, 'the write waited for the other connection');
    assert.ok(ticks >= 10, `the event loop kept turning meanwhile (${ticks} ticks)`);
    const keys = (await store.db.selectFrom('settings').select('key').where('key', 'in', ['before', 'other', 'after']).execute()).map(
      (r) => r.key,
    );
    assert.deepEqual(keys.sort(), ['after', 'before', 'other']);
  });
});

test('SQLite: rows carry their column names, the last of a repeated name wins, and a table changed by another connection is read anew', async (ctx) => {
  if (storeKind !== 'sqlite') return ctx.skip('the SQLite driver builds rows from raw values');
  await withStore(async (store, url) => {
    await sql`create table t (id integer primary key, a text)`.execute(store.db);
    await sql`insert into t (id, a) values (1, 'x'), (2, null)`.execute(store.db);
    const all = async () => (await sql<Record<string, unknown>>`select * from t order by id`.execute(store.db)).rows;
    assert.deepEqual(await all(), [
      { id: 1, a: 'x' },
      { id: 2, a: null },
    ]);
    assert.deepEqual((await sql`select a as v, id as v from t where id = 1`.execute(store.db)).rows, [{ v: 1 }]);
    // Another process migrates the table while this one keeps its prepared statement.
    const other = new Database(sqlitePath(url));
    other.exec("alter table t add column b text not null default 'y'");
    assert.deepEqual(await all(), [
      { id: 1, a: 'x', b: 'y' },
      { id: 2, a: null, b: 'y' },
    ]);
    other.exec('alter table t drop column a');
    other.close();
    assert.deepEqual(await all(), [
      { id: 1, b: 'y' },
      { id: 2, b: 'y' },
    ]);
  });
});
