import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openDb } from '../src/db/index.js';
import { createScratchStore, userBody } from './helpers/app.js';
import { killHard, type ServerProcess, startServer } from './helpers/process.js';

const creds = { AUVO_API_KEY: 'upsert-key', AUVO_API_TOKEN: 'upsert-token' };

async function headersFor(server: ServerProcess): Promise<Record<string, string>> {
  const r = await fetch(`${server.baseUrl}/v2/login/?apiKey=${creds.AUVO_API_KEY}&apiToken=${creds.AUVO_API_TOKEN}`);
  assert.equal(r.status, 200);
  const { accessToken } = ((await r.json()) as { result: { accessToken: string } }).result;
  return { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
}

/** Per resource: the PUT route, its table, and the body of a PUT creating the record with `key`. */
function resources(adminId: number) {
  return [
    { url: '/v2/customers/', table: 'customers', body: (key: string) => ({ externalId: key, description: `Cliente ${key}` }) },
    {
      url: '/v2/tasks/',
      table: 'tasks',
      body: (key: string) => ({
        externalId: key,
        idUserFrom: adminId,
        address: 'Av. Central, 100',
        latitude: -16.6872,
        longitude: -49.2995,
        orientation: `Tarefa ${key}`,
        priority: 1,
        taskDate: '2026-03-12T09:00:00',
      }),
    },
    { url: '/v2/productCategories/', table: 'product_categories', body: (key: string) => ({ externalId: key, description: `Cat ${key}` }) },
    {
      url: '/v2/equipmentCategories/',
      table: 'equipment_categories',
      body: (key: string) => ({ externalId: key, description: `Cat ${key}` }),
    },
    { url: '/v2/equipments/', table: 'equipments', body: (key: string) => ({ externalId: key, name: `Equip ${key}`, identifier: key }) },
    { url: '/v2/products/', table: 'products', body: (key: string) => ({ externalId: key, name: `Produto ${key}` }) },
    {
      url: '/v2/users/',
      table: 'users',
      body: (key: string) => userBody({ externalId: key, login: `login.${key}`, email: `${key}@example.com`, name: `User ${key}` }),
    },
  ];
}

// A PUT matches by externalId before it creates. Twenty PUTs of one new externalId sent at once
// through two server processes on one store must leave one record: one answers 201 (it created),
// the others 200 (they found it and updated it).
test('20 simultaneous PUTs of one new externalId through two processes create exactly one record; the others answer 200', async () => {
  const scratch = await createScratchStore();
  const env = { ...creds, DATABASE_URL: scratch.url, AUVO_PASSWORD_HASHING: 'sandbox', AUVO_RATE_LIMIT: '0' };
  const servers: ServerProcess[] = [];
  try {
    servers.push(await startServer(env), await startServer(env));
    const headers = await Promise.all(servers.map(headersFor));
    const me = await fetch(`${servers[0].baseUrl}/v2/users/?page=1&pageSize=1`, { headers: headers[0] });
    assert.equal(me.status, 200);
    const adminId = ((await me.json()) as { result: { entityList: { userId: number }[] } }).result.entityList[0].userId;
    const keys = ['K-1', 'K-2', 'K-3'];
    for (const r of resources(adminId)) {
      const statuses: Record<string, number[]> = Object.fromEntries(keys.map((k) => [k, []]));
      await Promise.all(
        keys.flatMap((key) =>
          Array.from({ length: 20 }, async (_, i) => {
            const s = i % 2;
            const res = await fetch(`${servers[s].baseUrl}${r.url}`, {
              method: 'PUT',
              headers: headers[s],
              body: JSON.stringify(r.body(key)),
            });
            const text = await res.text();
            statuses[key].push(res.status);
            if (res.status !== 200 && res.status !== 201)
              assert.fail(`${r.url} ${key}: ${res.status} ${text}\n${servers[s].output().slice(-4000)}`);
          }),
        ),
      );
      for (const key of keys) {
        const sorted = [...statuses[key]].sort();
        assert.deepEqual(sorted, [...Array(19).fill(200), 201], `${r.url} ${key}: one 201, nineteen 200`);
      }
    }
    const store = openDb(scratch.url);
    try {
      for (const r of resources(0)) {
        const rows = await sql<{ external_id: string; n: number }>`select external_id, count(*) as n from ${sql.table(r.table)}
          where external_id like 'K-%' group by external_id order by external_id`.execute(store.db);
        assert.deepEqual(
          rows.rows.map((x) => ({ external_id: x.external_id, n: Number(x.n) })),
          keys.map((k) => ({ external_id: k, n: 1 })),
          `${r.table}: one record per externalId`,
        );
      }
    } finally {
      await store.close();
    }
  } finally {
    for (const s of servers) await killHard(s);
    await scratch.drop();
  }
});
