import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { test } from 'node:test';
import { buildTestApp, createScratchStore } from './helpers/app.js';
import { killHard, type ServerProcess, startServer } from './helpers/process.js';

const creds = { AUVO_API_KEY: 'flow-key', AUVO_API_TOKEN: 'flow-token' };

async function headersFor(server: ServerProcess): Promise<Record<string, string>> {
  const r = await fetch(`${server.baseUrl}/v2/login/?apiKey=${creds.AUVO_API_KEY}&apiToken=${creds.AUVO_API_TOKEN}`);
  assert.equal(r.status, 200);
  const { accessToken } = ((await r.json()) as { result: { accessToken: string } }).result;
  return { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
}

interface Arrival {
  at: number;
  delivery: string;
  body: string;
}

/** A local webhook receiver; `answer` decides what each request gets (default 200 at once). */
async function receiver(answer?: (req: IncomingMessage, res: ServerResponse) => void) {
  const arrivals: Arrival[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      arrivals.push({ at: Date.now(), delivery: String(req.headers['x-campo-delivery']), body });
      if (answer) answer(req, res);
      else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function register(server: ServerProcess, headers: Record<string, string>, targetUrl: string): Promise<void> {
  const r = await fetch(`${server.baseUrl}/v2/webHooks/`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ entity: 'Customer', action: 'Inclusao', targetUrl }),
  });
  assert.equal(r.status, 201, await r.text());
}

async function until(what: string, deadlineMs: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The timing rule on its own: wakes every 10 ms (closer together than the 50 ms wake delay)
// must not keep postponing the round they ask for.
test('the dispatcher starts a round while wakes keep coming every 10 ms', async () => {
  const t = await buildTestApp();
  const d = t.services.webhooks.dispatcher;
  let rounds = 0;
  const round = d.runOnce.bind(d);
  d.runOnce = () => {
    rounds++;
    return round();
  };
  try {
    d.start();
    await until('the first round', 10_000, () => rounds >= 1);
    const before = rounds;
    const waking = setInterval(() => d.wake(), 10);
    try {
      await until('a round during the wakes', 5_000, () => rounds > before);
    } finally {
      clearInterval(waking);
    }
  } finally {
    await d.stop();
    await t.close();
  }
});

// Each write wakes the dispatcher. Writes arriving closer together than the wake delay must not
// keep pushing the round back: deliveries flow while the writing goes on, not only after it stops.
test('webhook deliveries arrive while eight writers keep writing', async () => {
  const scratch = await createScratchStore();
  const rx = await receiver();
  let server: ServerProcess | undefined;
  try {
    server = await startServer({ ...creds, DATABASE_URL: scratch.url });
    const headers = await headersFor(server);
    await register(server, headers, rx.url);
    const base = server.baseUrl;
    // When each customer's POST was answered (its change committed before that).
    const answered = new Map<string, number>();
    const stopAt = Date.now() + 5000;
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; Date.now() < stopAt; i++) {
          const name = `Cliente ${w}-${i}`;
          const r = await fetch(`${base}/v2/customers/`, { method: 'POST', headers, body: JSON.stringify({ name }) });
          assert.equal(r.status, 201, await r.text());
          answered.set(name, Date.now());
        }
      }),
    );
    const writingEnded = Date.now();
    const created = answered.size;
    assert.ok(created > 20, `the writers wrote (${created})`);
    // Every change committed at least 1.5 s before the writing stopped was delivered before it stopped.
    const deliveredAt = new Map<string, number>();
    for (const a of rx.arrivals) {
      const m = /"(Cliente \d+-\d+)"/.exec(a.body);
      if (m) deliveredAt.set(m[1], a.at);
    }
    const late = [...answered].filter(([name, at]) => at < writingEnded - 1500 && !((deliveredAt.get(name) ?? Infinity) < writingEnded));
    assert.deepEqual(
      late.map(([name]) => name),
      [],
      `changes of the first ${Math.round((writingEnded - 1500 - (stopAt - 5000)) / 100) / 10} s all delivered during the writing`,
    );
    await until(`all ${created} deliveries`, 60_000, () => rx.arrivals.length >= created);
    assert.equal(new Set(rx.arrivals.map((a) => a.delivery)).size, created);
  } finally {
    if (server) await killHard(server);
    await rx.close();
    await scratch.drop();
  }
});

// A node killed mid-attempt leaves its lease behind (timeout + 60 s). Restarted with the same
// AUVO_NODE_ID it takes its own leases back at once and sends the delivery again.
test('a node restarted with the same AUVO_NODE_ID resumes its deliveries in flight at once', async () => {
  const scratch = await createScratchStore();
  let hang = true;
  const rx = await receiver((_req, res) => {
    // The first attempt never gets an answer: the node is killed while it waits.
    if (hang) return;
    res.writeHead(200).end('ok');
  });
  const env = { ...creds, DATABASE_URL: scratch.url, AUVO_NODE_ID: 'node-a', AUVO_WEBHOOK_TIMEOUT_MS: '60000' };
  let server: ServerProcess | undefined;
  try {
    server = await startServer(env);
    const headers = await headersFor(server);
    await register(server, headers, rx.url);
    const r = await fetch(`${server.baseUrl}/v2/customers/`, { method: 'POST', headers, body: JSON.stringify({ name: 'Cliente' }) });
    assert.equal(r.status, 201);
    await until('the first attempt', 30_000, () => rx.arrivals.length === 1);
    await killHard(server);
    server = undefined;
    hang = false;
    server = await startServer(env);
    const restarted = Date.now();
    await until('the attempt after the restart', 20_000, () => rx.arrivals.length >= 2);
    assert.ok(rx.arrivals[1].at - restarted < 20_000);
    assert.equal(rx.arrivals[1].delivery, rx.arrivals[0].delivery, 'the same delivery, sent again');
  } finally {
    if (server) await killHard(server);
    await rx.close();
    await scratch.drop();
  }
});
