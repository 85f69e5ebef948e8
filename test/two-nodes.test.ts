import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createScratchStore, userBody } from './helpers/app.js';
import { killHard, type ServerProcess, startServer } from './helpers/process.js';

const creds = { AUVO_API_KEY: 'nodes-key', AUVO_API_TOKEN: 'nodes-token' };

async function headersFor(server: ServerProcess): Promise<Record<string, string>> {
  const r = await fetch(`${server.baseUrl}/v2/login/?apiKey=${creds.AUVO_API_KEY}&apiToken=${creds.AUVO_API_TOKEN}`);
  assert.equal(r.status, 200);
  const { accessToken } = ((await r.json()) as { result: { accessToken: string } }).result;
  return { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
}

// Creating a user reads (is the login free?) and then writes in one transaction. On a shared
// SQLite file, the other node's commits land between those two steps all the time.
test('two server processes writing to one store at once: every write succeeds and is read back by both', async () => {
  const scratch = await createScratchStore();
  const env = { ...creds, DATABASE_URL: scratch.url, AUVO_PASSWORD_HASHING: 'sandbox', AUVO_RATE_LIMIT: '0' };
  const servers: ServerProcess[] = [];
  try {
    servers.push(await startServer(env), await startServer(env));
    const headers = await Promise.all(servers.map(headersFor));
    const statuses: number[] = [];
    const ids: number[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async (_, lane) => {
        const s = lane % 2;
        for (let i = 0; i < 25; i++) {
          const r = await fetch(`${servers[s].baseUrl}/v2/users/`, {
            method: 'POST',
            headers: headers[s],
            body: JSON.stringify(userBody({ externalId: `lane${lane}-${i}` })),
          });
          statuses.push(r.status);
          if (r.status === 201) ids.push(((await r.json()) as { result: { userId: number } }).result.userId);
          else await r.arrayBuffer();
        }
      }),
    );
    assert.deepEqual(
      statuses.filter((x) => x !== 201),
      [],
      'no write refused',
    );
    assert.equal(new Set(ids).size, 400);
    for (const [s, server] of servers.entries()) {
      for (const id of [ids[0], ids[199], ids[399]]) {
        const r = await fetch(`${server.baseUrl}/v2/users/${id}`, { headers: headers[s] });
        assert.equal(r.status, 200);
        await r.arrayBuffer();
      }
    }
  } finally {
    for (const s of servers) await killHard(s);
    await scratch.drop();
  }
});
