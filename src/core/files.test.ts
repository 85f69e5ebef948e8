import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from './clock.js';
import { AppError, FieldError } from './errors.js';
import { contentTypeFor, FileStore, sniffContentType } from './files.js';
import { randomIds } from './ids.js';

// decodeUpload touches no database: a store without one is enough here.
const store = new FileStore(
  { db: undefined as never, clock: new ManualClock(), ids: randomIds, publicBaseUrl: 'https://campo.test' },
  { maxAttachmentMb: 1 },
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function fieldErrorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    if (err instanceof FieldError) return err.fields;
    if (err instanceof AppError) return { status: err.statusCode, body: err.body };
    throw err;
  }
  assert.fail('expected an error');
}

describe('FileStore.decodeUpload', () => {
  test('decodes bare base64 and a data-URI prefix; the content type comes from the extension', () => {
    const bare = store.decodeUpload('attachments[0]', { name: 'photo.PNG', file: PNG.toString('base64') });
    assert.deepEqual(bare, { name: 'photo.PNG', contentType: 'image/png', data: PNG });
    const prefixed = store.decodeUpload('attachments[0]', {
      Name: 'doc.pdf',
      File: `data:application/pdf;base64,${Buffer.from('%PDF-1.4').toString('base64')}`,
    });
    assert.deepEqual([prefixed.contentType, prefixed.data.toString()], ['application/pdf', '%PDF-1.4']);
  });

  test('an unknown extension falls back to the sniffed type; directory parts are dropped from names', () => {
    const r = store.decodeUpload('a', { name: '../../etc/scan.xyz', file: PNG.toString('base64') });
    assert.deepEqual([r.name, r.contentType], ['scan.xyz', 'image/png']);
  });

  test('nameless uploads (expenses) are sniffed from their magic bytes', () => {
    const r = store.decodeUpload('attachment', PNG.toString('base64'), { allowNameless: true, defaultName: 'expense-12' });
    assert.deepEqual([r.name, r.contentType], ['expense-12.png', 'image/png']);
    const other = store.decodeUpload('attachment', Buffer.from('hello').toString('base64'), { allowNameless: true });
    assert.deepEqual([other.name, other.contentType], ['attachment.bin', 'application/octet-stream']);
  });

  test('every bad input is a field error naming the upload; above the limit a 413', () => {
    assert.deepEqual(
      fieldErrorOf(() => store.decodeUpload('attachments[2]', { file: 'AAAA' })),
      { 'attachments[2].name': ['The name field is required.'] },
    );
    assert.deepEqual(
      fieldErrorOf(() => store.decodeUpload('attachments[2]', { name: 'x', file: 'AAAA' })),
      {
        'attachments[2].name': ['The name must include the file extension (e.g. "my_file.pdf").'],
      },
    );
    assert.deepEqual(
      fieldErrorOf(() => store.decodeUpload('attachments[2]', { name: 'x.pdf', file: 'A' })),
      { 'attachments[2].file': ['The file is not valid base64.'] },
    );
    assert.deepEqual(
      fieldErrorOf(() => store.decodeUpload('attachments[2]', { name: 'x.pdf', file: 12 })),
      { 'attachments[2].file': ['The file must be a base64 string.'] },
    );
    assert.deepEqual(
      fieldErrorOf(() => store.decodeUpload('attachments[2]', 'AAAA')),
      { 'attachments[2]': ['The attachment must be an object with "name" and "file".'] },
    );
    assert.deepEqual(
      fieldErrorOf(() => store.decodeUpload('attachment', '', { allowNameless: true })),
      { attachment: ['The file field is required.'] },
    );
    const big = Buffer.alloc(1024 * 1024 + 1).toString('base64');
    assert.deepEqual(
      fieldErrorOf(() => store.decodeUpload('attachments[0]', { name: 'big.bin', file: big })),
      {
        status: 413,
        body: { 'attachments[0].file': ['The file is larger than the 1 MB limit.'] },
      },
    );
  });

  test('urlFor encodes the name', () => {
    assert.equal(store.urlFor('KEY', 'my file.pdf'), 'https://campo.test/campo/v1/files/KEY/my%20file.pdf');
  });
});

describe('content types', () => {
  test('by extension and by magic bytes', () => {
    assert.equal(contentTypeFor('a.JPEG'), 'image/jpeg');
    assert.equal(contentTypeFor('a'), 'application/octet-stream');
    assert.deepEqual(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), { contentType: 'image/jpeg', ext: 'jpg' });
    assert.deepEqual(sniffContentType(Buffer.from('%PDF-1.7')), { contentType: 'application/pdf', ext: 'pdf' });
    assert.deepEqual(sniffContentType(Buffer.from('GIF89a')), { contentType: 'image/gif', ext: 'gif' });
  });
});
