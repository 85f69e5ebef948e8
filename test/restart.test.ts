import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createScratchStore, userBody } from './helpers/app.js';
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
