import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from 'typebox';
import { AppError, EnvelopeError } from './errors.js';
import { decodeParamFilter, listResult, multiValues, parseOrder, parsePaging, selectFields } from './listing.js';

const Filter = Type.Object({
  userId: Type.Optional(Type.Integer()),
  name: Type.Optional(Type.String()),
  active: Type.Optional(Type.Boolean()),
});

test('paramFilter: every encoding real clients send decodes to the same filter', () => {
  const want = { name: 'a b' };
  for (const raw of [
    '{"name":"a b"}',
    '{"NAME":"a b"}',
    '%7B%22name%22%3A%22a%20b%22%7D',
    '%257B%2522name%2522%253A%2522a%2520b%2522%257D',
  ]) {
    assert.deepEqual(decodeParamFilter(Filter, raw, 'F').filter, want, raw);
  }
});

test('paramFilter: absent, empty and {} mean no filter; null and "" values are ignored', () => {
  assert.deepEqual(decodeParamFilter(Filter, undefined, 'F'), { filter: {}, text: undefined });
  assert.deepEqual(decodeParamFilter(Filter, '', 'F').filter, {});
  assert.deepEqual(decodeParamFilter(Filter, '  ', 'F').filter, {});
  assert.deepEqual(decodeParamFilter(Filter, '{}', 'F').filter, {});
  assert.deepEqual(decodeParamFilter(Filter, '{"name":null,"userId":""}', 'F').filter, {});
});

test('paramFilter: values are coerced to the declared types; unknown keys are dropped', () => {
  assert.deepEqual(decodeParamFilter(Filter, '{"userId":"12","active":"true","other":1}', 'F').filter, { userId: 12, active: true });
});

test('paramFilter: the text is kept as received for links', () => {
  assert.equal(decodeParamFilter(Filter, '{\r\n"name":"a"\r\n}', 'F').text, '{\r\n"name":"a"\r\n}');
});

test('paramFilter: malformed JSON, non-objects and wrongly typed values answer the error envelope', () => {
  for (const raw of ['{nope', '[1]', '"x"', '12', '{"userId":"abc"}']) {
    assert.throws(
      () => decodeParamFilter(Filter, raw, 'ParamUserFilter'),
      (e: unknown) => {
        assert.ok(e instanceof EnvelopeError);
        assert.deepEqual(Object.keys(e.body as object), ['message', 'target', 'errorCode', 'errors']);
        return true;
      },
      raw,
    );
  }
});

test('paging: defaults 1/10/asc; order accepts asc/desc/0/1 in any case', () => {
  assert.deepEqual(parsePaging({}), { page: 1, pageSize: 10, order: 0 });
  assert.deepEqual(parsePaging({ page: '3', pageSize: '25', order: 'DESC' }), { page: 3, pageSize: 25, order: 1 });
  assert.equal(parseOrder('Asc'), 0);
  assert.equal(parseOrder('1'), 1);
  assert.equal(parseOrder('0'), 0);
});

test('paging: page or pageSize below 1, non-numbers, and pageSize over a cap answer 400', () => {
  for (const q of [{ page: '0' }, { pageSize: '0' }, { page: '-1' }, { page: 'x' }, { pageSize: '1.5' }, { order: 'up' }]) {
    assert.throws(() => parsePaging(q), EnvelopeError, JSON.stringify(q));
  }
  assert.throws(() => parsePaging({ pageSize: '101' }, { maxPageSize: 100 }), EnvelopeError);
  assert.deepEqual(parsePaging({ pageSize: '100' }, { maxPageSize: 100 }).pageSize, 100);
});

test('selectFields keeps the named keys in entity order, case-insensitively', () => {
  const items = [{ userId: 1, name: 'a', login: 'x' }];
  assert.deepEqual(selectFields(items, 'LOGIN, userid'), [{ userId: 1, login: 'x' }]);
  assert.deepEqual(selectFields(items, ''), items);
  assert.deepEqual(selectFields(items, 'unknown'), items);
});

test('multiValues splits comma-separated strings and arrays', () => {
  assert.deepEqual(multiValues('a, b,,c '), ['a', 'b', 'c']);
  assert.deepEqual(multiValues(['1', 2]), ['1', '2']);
});

test('listResult: nextPage only while page*pageSize < total; empty page throws 404 with the envelope', () => {
  const base = { resource: 'Users', filterText: undefined, baseUrl: 'https://h' };
  const r = listResult({ ...base, items: [1], totalItems: 2, paging: { page: 1, pageSize: 1, order: 0 } });
  assert.deepEqual(
    r.links.map((l) => l.rel),
    ['self', 'nextPage'],
  );
  assert.equal(r.links[1].href, 'https://h/v2/Users?Page=2&PageSize=1&Order=Asc');
  const last = listResult({ ...base, items: [1], totalItems: 2, paging: { page: 2, pageSize: 1, order: 1 } });
  assert.deepEqual(last.links, [{ href: 'https://h/v2/Users?Page=2&PageSize=1&Order=Desc', rel: 'self', method: 'GET' }]);
  assert.throws(
    () => listResult({ ...base, items: [], totalItems: 2, paging: { page: 3, pageSize: 1, order: 0 } }),
    (e: unknown) =>
      e instanceof AppError &&
      e.statusCode === 404 &&
      (e.body as { result: { pagedSearchReturnData: { totalItems: number } } }).result.pagedSearchReturnData.totalItems === 2,
  );
});
