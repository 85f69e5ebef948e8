import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedCompilers } from './compiled-schemas.js';

type Compile = (route: Record<string, unknown>) => (value: unknown) => unknown;
const ajvOptions = { customOptions: { coerceTypes: 'array', removeAdditional: true } };

function validatorOf(externals: Record<string, unknown> = {}, options: unknown = ajvOptions): Compile {
  return sharedCompilers().buildValidator?.(externals as never, options as never) as unknown as Compile;
}

function serializerOf(externals: Record<string, unknown> = {}): Compile {
  return sharedCompilers().buildSerializer?.(externals as never, {}) as unknown as Compile;
}

const body = () => ({ type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] });

test('the same schema, compiled by two apps, gives the one compiled function', () => {
  const a = validatorOf()({ schema: body(), method: 'POST', url: '/a', httpPart: 'body' });
  const b = validatorOf()({ schema: body(), method: 'PUT', url: '/b', httpPart: 'body' });
  assert.equal(a, b);
  assert.equal(a({ n: 1 }), true);
  assert.equal(a({ n: 'x' }), false);
  const s1 = serializerOf()({ schema: body(), method: 'GET', url: '/a', httpStatus: '200' });
  const s2 = serializerOf()({ schema: body(), method: 'GET', url: '/b', httpStatus: '200' });
  assert.equal(s1, s2);
  assert.equal(s1({ n: 2, secret: 'no' }), '{"n":2}');
});

test('a different schema, part, status, shared schema or option compiles anew', () => {
  const route = { schema: body(), method: 'POST', url: '/a', httpPart: 'body' };
  const base = validatorOf()(route);
  const other = { type: 'object', properties: { n: { type: 'string' } }, required: ['n'] };
  const differentSchema = validatorOf()({ ...route, schema: other });
  assert.notEqual(differentSchema, base);
  assert.equal(differentSchema({ n: 'x' }), true);
  assert.notEqual(validatorOf()({ ...route, httpPart: 'querystring' }), base);
  assert.notEqual(validatorOf({ Extra: { $id: 'Extra', type: 'string' } })(route), base);
  const strict = validatorOf({}, { customOptions: { coerceTypes: false } })(route);
  assert.notEqual(strict, base);
  assert.equal(strict({ n: '1' }), false);
  assert.equal(base({ n: '1' }), true);

  const s200 = serializerOf()({ schema: body(), method: 'GET', url: '/a', httpStatus: '200' });
  assert.notEqual(serializerOf()({ schema: body(), method: 'GET', url: '/a', httpStatus: '201' }), s200);
});

test('a $ref to a shared schema is compiled against the shared schemas of its own app', () => {
  const ref = { type: 'object', properties: { v: { $ref: 'Value#' } } };
  const asString = validatorOf({ Value: { $id: 'Value', type: 'string' } })({ schema: ref, method: 'POST', url: '/', httpPart: 'body' });
  const asNumber = validatorOf({ Value: { $id: 'Value', type: 'number' } })({ schema: ref, method: 'POST', url: '/', httpPart: 'body' });
  assert.equal(asString({ v: 'x' }), true);
  assert.equal(asNumber({ v: 'x' }), false);
});
