import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { sqlitePath } from '../src/db/index.js';
import { createScratchStore, storeKind, userBody } from './helpers/app.js';
import { killHard, startServer } from './helpers/process.js';

const creds = { AUVO_API_KEY: 'restart-key', AUVO_API_TOKEN: 'restart-token' };

async function token(baseUrl: string): Promise<string> {
  const r = await fetch(`${baseUrl}/v2/login/?apiKey=${creds.AUVO_API_KEY}&apiToken=${creds.AUVO_API_TOKEN}`);
  assert.equal(r.status, 200);
  return ((await r.json()) as { result: { accessToken: string } }).result.accessToken;
}

test('every acknowledged write survives kill -9 of the server and a restart', async () => {
  const scratch = await createScratchStore();
  const env = { ...creds, DATABASE_URL: scratch.url };
  try {
    const first = await startServer(env);
    const auth = { authorization: `Bearer ${await token(first.baseUrl)}`, 'content-type': 'application/json' };
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await fetch(`${first.baseUrl}/v2/users/`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(userBody({ externalId: `k${i}` })),
      });
      assert.equal(r.status, 201);
      ids.push(((await r.json()) as { result: { userId: number } }).result.userId);
    }
    const patched = await fetch(`${first.baseUrl}/v2/users/${ids[0]}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify([{ op: 'replace', path: 'name', value: 'Acknowledged just before the crash' }]),
    });
    assert.equal(patched.status, 200);
    // No graceful shutdown: the process dies the moment the last answer arrived.
    await killHard(first);

    const second = await startServer(env);
    try {
      const h = { authorization: `Bearer ${await token(second.baseUrl)}` };
      const list = (await (await fetch(`${second.baseUrl}/v2/users/?pageSize=100`, { headers: h })).json()) as {
        result: { entityList: { userId: number }[] };
      };
      const seen = list.result.entityList.map((u) => u.userId);
      for (const id of ids) assert.ok(seen.includes(id), `user ${id} survived`);
      const one = (await (await fetch(`${second.baseUrl}/v2/users/${ids[0]}`, { headers: h })).json()) as { result: { name: string } };
      assert.equal(one.result.name, 'Acknowledged just before the crash');
    } finally {
      await killHard(second);
    }
  } finally {
    await scratch.drop();
  }
});

test('writes acknowledged together (sharing one commit) all survive kill -9 and a restart', async () => {
  const scratch = await createScratchStore();
  const env = { ...creds, DATABASE_URL: scratch.url, AUVO_PASSWORD_HASHING: 'sandbox' };
  try {
    const first = await startServer(env);
    const auth = { authorization: `Bearer ${await token(first.baseUrl)}`, 'content-type': 'application/json' };
    const ids = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const r = await fetch(`${first.baseUrl}/v2/users/`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify(userBody({ externalId: `burst${i}` })),
        });
        assert.equal(r.status, 201);
        return ((await r.json()) as { result: { userId: number } }).result.userId;
      }),
    );
    await killHard(first);

    const second = await startServer(env);
    try {
      const h = { authorization: `Bearer ${await token(second.baseUrl)}` };
      for (const id of ids) {
        const r = await fetch(`${second.baseUrl}/v2/users/${id}`, { headers: h });
        assert.equal(r.status, 200, `user ${id} survived`);
        await r.arrayBuffer();
      }
    } finally {
      await killHard(second);
    }
  } finally {
    await scratch.drop();
  }
});

// The commit is held (a test hook of the SQLite driver) while writes wait for it, and the process
// is killed then: a server that answered before its commit reached the disk fails here.
test('SQLite: kill -9 while a commit is held: every acknowledged write is there after a restart, nothing unacknowledged is', async (ctx) => {
  if (storeKind !== 'sqlite') return ctx.skip('the commit hold is a hook of the SQLite driver');
  const scratch = await createScratchStore();
  const hold = join(dirname(sqlitePath(scratch.url)), 'commit-hold');
  const env = { ...creds, DATABASE_URL: scratch.url, AUVO_PASSWORD_HASHING: 'sandbox', CAMPO_TEST_COMMIT_HOLD_FILE: hold };
  try {
    const first = await startServer(env);
    const auth = { authorization: `Bearer ${await token(first.baseUrl)}`, 'content-type': 'application/json' };
    const create = (externalId: string) =>
      fetch(`${first.baseUrl}/v2/users/`, { method: 'POST', headers: auth, body: JSON.stringify(userBody({ externalId })) });
    const acknowledged: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await create(`before${i}`);
      assert.equal(r.status, 201);
      acknowledged.push(((await r.json()) as { result: { userId: number } }).result.userId);
    }
    writeFileSync(hold, '');
    const answeredDuringHold: string[] = [];
    const held = Array.from({ length: 10 }, (_, i) =>
      create(`held${i}`).then(
        async (r) => {
          answeredDuringHold.push(`held${i}: ${r.status} ${await r.text()}`);
        },
        () => {}, // the connection died with the server
      ),
    );
    const deadline = Date.now() + 60_000;
    while (!existsSync(`${hold}.waiting`)) {
      assert.ok(Date.now() < deadline, `the commit was never held:\n${first.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // A round trip through the server after the hold began: an answer sent before the commit
    // would have been sent before this one.
    const health = await fetch(`${first.baseUrl}/health`);
    assert.equal(health.status, 200);
    await health.arrayBuffer();
    await killHard(first);
    await Promise.all(held);
    assert.deepEqual(answeredDuringHold, [], 'no write was answered before its commit');
    rmSync(hold);

    const second = await startServer(env);
    try {
      const h = { authorization: `Bearer ${await token(second.baseUrl)}` };
      const list = (await (await fetch(`${second.baseUrl}/v2/users/?pageSize=100`, { headers: h })).json()) as {
        result: { entityList: { userId: number; externalId: string }[] };
      };
      const stored = list.result.entityList.filter((u) => /^(before|held)\d+$/.test(u.externalId));
      assert.deepEqual(
        stored.map((u) => u.userId).sort((a, b) => a - b),
        acknowledged,
      );
    } finally {
      await killHard(second);
    }
  } finally {
    await scratch.drop();
  }
});
