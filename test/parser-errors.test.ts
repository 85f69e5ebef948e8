// Requests the HTTP parser refuses never reach a route: they answer the error envelope with
// `Connection: close`, and a long bad id reaches validation like a short one (D9).
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
let port: number;
before(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as { port: number }).port;
});
after(async () => t.close());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection after answering. */
  closed: boolean;
}

/** Writes raw bytes on a fresh keep-alive connection and reads until the server closes it. */
function raw(bytes: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) headers[l.slice(0, l.indexOf(':')).toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n'), closed: true });
    });
    socket.write(bytes);
  });
}

const request = (line: string, extra = '') =>
  Buffer.concat([Buffer.from(line, 'latin1'), Buffer.from(`\r\nHost: localhost\r\nConnection: keep-alive\r\n${extra}\r\n`)]);

test('headers over the size limit answer 431 with the error envelope and Connection: close', async () => {
  const res = await raw(request('GET /v2/users HTTP/1.1', `X-Big: ${'a'.repeat(20_000)}\r\n`));
  assert.equal(res.status, 431);
  assert.equal(res.headers.connection, 'close');
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.deepEqual(JSON.parse(res.body), {
    message: 'The request line and headers are too large.',
    target: null,
    errorCode: 0,
    errors: null,
  });
  assert.ok(res.closed);
});

test('a raw non-ASCII byte in the path answers 400 with the error envelope and Connection: close', async () => {
  const res = await raw(request('GET /v2/users/\xff HTTP/1.1'));
  assert.equal(res.status, 400);
  assert.equal(res.headers.connection, 'close');
  assert.deepEqual(JSON.parse(res.body), { message: 'The request is not valid HTTP.', target: null, errorCode: 0, errors: null });
  assert.ok(res.closed);
});

test('an id longer than 100 characters answers the 400 field map like any bad id (D9)', async () => {
  for (const id of ['a'.repeat(101), 'x'.repeat(5000)]) {
    const res = await t.request({ method: 'GET', url: `/v2/users/${id}` });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { id: [`The value '${id}' is not valid.`] });
  }
  const patch = await t.request({
    method: 'PATCH',
    url: `/v2/customers/${'b'.repeat(300)}`,
    payload: [{ op: 'replace', path: 'name', value: 'x' }],
  });
  assert.deepEqual([patch.statusCode, patch.json()], [400, { id: [`The value '${'b'.repeat(300)}' is not valid.`] }]);
});
