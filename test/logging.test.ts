import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { buildTestApp } from './helpers/app.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

test('at level info every request is logged with its request id', async () => {
  const { lines, stream } = capture();
  const t = await buildTestApp({ logger: { level: 'info', stream } });
  try {
    const res = await t.request({ method: 'GET', url: `/v2/users/${t.account.adminUserId}` });
    assert.equal(res.statusCode, 200);
    // The last two: the helper logs in first.
    const mine = lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed').slice(-2);
    assert.deepEqual(
      mine.map((l) => l.msg),
      ['incoming request', 'request completed'],
    );
    assert.equal((mine[0].req as { url: string }).url, `/v2/users/${t.account.adminUserId}`);
    assert.equal(mine[0].reqId, mine[1].reqId);
    assert.match(String(mine[0].reqId), /^[0-9a-f-]{36}$/);
  } finally {
    await t.close();
  }
});

test('at level warn a request that goes well logs nothing, and a failure is logged with its request id', async () => {
  const { lines, stream } = capture();
  const t = await buildTestApp({ logger: { level: 'warn', stream } });
  const token = await t.login();
  try {
    const ok = await t.request({ method: 'GET', url: `/v2/users/${t.account.adminUserId}` });
    assert.equal(ok.statusCode, 200);
    assert.equal(lines.length, 0, JSON.stringify(lines));
    await t.store.db.destroy();
    const res = await t.app.inject({
      method: 'GET',
      url: `/v2/users/${t.account.adminUserId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 500);
    const id = /Request id: ([0-9a-f-]{36})$/.exec(res.json().message)?.[1];
    const errors = lines.filter((l) => l.level === 50);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].reqId, id);
    assert.equal(errors[0].msg, 'unhandled error');
  } finally {
    await t.app.close();
    await t.scratchDrop();
  }
});
