import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from 'typebox';
import { FieldError } from './errors.js';
import { aliases } from './keys.js';
import { applyJsonPatch } from './patch.js';

const Schema = Type.Object({
  name: Type.String({ minLength: 1 }),
  hourValue: Type.Number(),
  active: Type.Boolean(),
  grabGalleryPhotos: Type.Boolean(aliases('galleryPhotos')),
  tags: Type.Array(Type.String()),
  point: Type.Object({ address: Type.String(), latitude: Type.Number() }),
});
const doc = { name: 'a', hourValue: 1, active: true, grabGalleryPhotos: true, tags: ['x'], point: { address: 'r', latitude: 1 } };

function fields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof FieldError, String(e));
    return Object.keys(e.fields);
  }
  assert.fail('expected a FieldError');
}

test('paths with or without a leading slash, in any case, and aliases resolve to the attribute', () => {
  const out = applyJsonPatch(Schema, doc, [
    { op: 'replace', path: 'NAME', value: 'b' },
    { op: 'replace', path: '/hourvalue', value: 2 },
    { op: 'replace', path: 'GalleryPhotos', value: false },
    { OP: 'Replace', Path: 'point/Address', Value: 's' },
  ]);
  assert.deepEqual(out, { ...doc, name: 'b', hourValue: 2, grabGalleryPhotos: false, point: { address: 's', latitude: 1 } });
});

test('add sets like replace; remove clears to the empty value of the type', () => {
  const out = applyJsonPatch(Schema, doc, [
    { op: 'add', path: 'hourValue', value: 5 },
    { op: 'remove', path: 'tags' },
    { op: 'remove', path: 'active' },
  ]);
  assert.deepEqual(out, { ...doc, hourValue: 5, tags: [], active: false });
});

test('values are coerced to the schema types (numbers and booleans as strings)', () => {
  assert.deepEqual(
    applyJsonPatch(Schema, doc, [
      { op: 'replace', path: 'hourValue', value: '7.5' },
      { op: 'replace', path: 'active', value: 'false' },
    ]),
    {
      ...doc,
      hourValue: 7.5,
      active: false,
    },
  );
});

test('a single operation object is accepted as a one-element patch', () => {
  assert.equal(applyJsonPatch(Schema, doc, { op: 'replace', path: 'name', value: 'z' }).name, 'z');
});

test('unknown paths, unsupported ops, missing values and invalid results are field errors', () => {
  assert.deepEqual(
    fields(() => applyJsonPatch(Schema, doc, [{ op: 'replace', path: 'nope', value: 1 }])),
    ['nope'],
  );
  assert.deepEqual(
    fields(() => applyJsonPatch(Schema, doc, [{ op: 'move', path: 'name', from: 'x' }])),
    ['op'],
  );
  assert.deepEqual(
    fields(() => applyJsonPatch(Schema, doc, [{ op: 'test', path: 'name', value: 'a' }])),
    ['op'],
  );
  assert.deepEqual(
    fields(() => applyJsonPatch(Schema, doc, [{ op: 'replace', path: 'name' }])),
    ['name'],
  );
  assert.deepEqual(
    fields(() => applyJsonPatch(Schema, doc, [{ op: 'replace', path: 'hourValue', value: 'abc' }])),
    ['hourValue'],
  );
  assert.deepEqual(
    fields(() => applyJsonPatch(Schema, doc, [{ op: 'replace', path: 'name', value: '' }])),
    ['name'],
  );
  assert.deepEqual(
    fields(() => applyJsonPatch(Schema, doc, [])),
    ['body'],
  );
  assert.deepEqual(
    fields(() => applyJsonPatch(Schema, doc, 'x')),
    ['body'],
  );
});

test('the input document is never mutated', () => {
  const copy = structuredClone(doc);
  applyJsonPatch(Schema, doc, [{ op: 'replace', path: 'point/address', value: 'changed' }]);
  assert.deepEqual(doc, copy);
});
