import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from 'typebox';
import { aliases, canonicalizer } from './keys.js';

const Schema = Type.Object({
  smartPhoneNumber: Type.Optional(Type.String()),
  grabGalleryPhotos: Type.Optional(Type.Boolean(aliases('galleryPhotos'))),
  taskNotification: Type.Optional(Type.Object({ checkout: Type.Integer(aliases('checkOut')) }, aliases('paramTaskNotification'))),
  items: Type.Optional(Type.Array(Type.Object({ productId: Type.String() }))),
});

test('keys are matched case-insensitively, recursively, through arrays', () => {
  const c = canonicalizer(Schema);
  assert.deepEqual(c({ SMARTPHONENUMBER: '1', Items: [{ PRODUCTID: 'a' }], TaskNotification: { CHECKOUT: 2 } }), {
    smartPhoneNumber: '1',
    items: [{ productId: 'a' }],
    taskNotification: { checkout: 2 },
  });
});

test('documented alternative spellings map to the canonical name; unknown keys are dropped', () => {
  const c = canonicalizer(Schema);
  assert.deepEqual(c({ galleryPhotos: true, ParamTaskNotification: { checkOut: 1 }, extra: 1 }), {
    grabGalleryPhotos: true,
    taskNotification: { checkout: 1 },
  });
});

test('when both the canonical spelling and an alias are sent, the canonical one wins', () => {
  const c = canonicalizer(Schema);
  assert.deepEqual(c({ grabGalleryPhotos: false, galleryPhotos: true }), { grabGalleryPhotos: false });
  assert.deepEqual(c({ galleryPhotos: true, grabGalleryPhotos: false }), { grabGalleryPhotos: false });
});

test('non-objects pass through untouched', () => {
  const c = canonicalizer(Schema);
  assert.equal(c('x'), 'x');
  assert.equal(c(null), null);
  assert.deepEqual(c([1]), [1]);
});
