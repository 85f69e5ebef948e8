// The shared file store: attachments of customers, tasks, equipment, products and expenses.
// Files live in the database (so every app node serves them) under an unguessable random key,
// and are served back unchanged at `/campo/v1/files/{key}/{name}` (a Campo extension; the key
// is the secret, no bearer token is needed). Auvo sends files as base64 in JSON bodies
// (inventory 1.13): `{name, file}` with the extension in the name, or, for expenses, a bare
// base64 string whose type has to be sniffed from the content (inventory 8 #18).
import type { FastifyInstance } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { Type } from 'typebox';
import type { DB } from '../db/schema.js';
import type { Clock } from './clock.js';
import { AppError, FieldError } from './errors.js';
import type { Ids } from './ids.js';
import { RateLimitBody } from './schemas.js';

type Db = Kysely<DB> | Transaction<DB>;

/** A validated upload, ready to be saved (decoding happens before any transaction). */
export interface DecodedFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface SavedFile {
  key: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
}

export interface StoredFile extends SavedFile {
  insertedByApi: boolean;
  insertedByUserId: number | null;
  /** ISO-8601 UTC instant. */
  createdAt: string;
}

export interface FileOwner {
  /** Owner entity name: 'Customer', 'Task', 'Equipment', 'Product', 'Expense', ... */
  entity: string;
  entityId: number | string;
  /** The user the upload is attributed to (tasks: "inserted by me"). */
  insertedBy?: number;
  /** Whether the file came through the API (default true); only those are removed by "remove all inserted by me". */
  insertedByApi?: boolean;
}

export interface DecodeOptions {
  /**
   * Accept a bare base64 string (or `{file}` without a name): the type is sniffed from the
   * content and the name becomes `<defaultName>.<ext>` (expenses send no file name).
   */
  allowNameless?: boolean;
  /** Base name for nameless uploads; default "attachment". */
  defaultName?: string;
  /** Whether `{name}` (a name without an extension) is acceptable; default false. */
  allowNoExtension?: boolean;
}

export interface FileStoreDeps {
  db: Kysely<DB>;
  clock: Clock;
  ids: Ids;
  publicBaseUrl: string;
}

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  heif: 'image/heif',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  txt: 'text/plain',
  csv: 'text/csv',
  htm: 'text/html',
  html: 'text/html',
  xml: 'application/xml',
  json: 'application/json',
  rtf: 'application/rtf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  '7z': 'application/x-7z-compressed',
  gz: 'application/gzip',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  avi: 'video/x-msvideo',
  webm: 'video/webm',
};

export const GENERIC_CONTENT_TYPE = 'application/octet-stream';

/** The extension of `name` (lower case, without the dot), or undefined. */
export function extensionOf(name: string): string | undefined {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/** Content type for a file name, from its extension. */
export function contentTypeFor(name: string): string {
  const ext = extensionOf(name);
  return (ext && CONTENT_TYPES[ext]) || GENERIC_CONTENT_TYPE;
}

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);

/** Content type and extension from the first bytes (magic numbers); generic binary otherwise. */
export function sniffContentType(data: Buffer): { contentType: string; ext: string } {
  const ascii = (from: number, to: number) => data.subarray(from, to).toString('latin1');
  if (ascii(0, 5) === '%PDF-') return { contentType: 'application/pdf', ext: 'pdf' };
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: 'image/png', ext: 'png' };
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', ext: 'jpg' };
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return { contentType: 'image/gif', ext: 'gif' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { contentType: 'image/webp', ext: 'webp' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return { contentType: 'audio/wav', ext: 'wav' };
  if (ascii(0, 2) === 'BM' && data.length > 14) return { contentType: 'image/bmp', ext: 'bmp' };
  if (startsWith(data, [0x49, 0x49, 0x2a, 0x00]) || startsWith(data, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { contentType: 'image/tiff', ext: 'tif' };
  }
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (/^hei[cx]|^mif1|^heix/.test(brand)) return { contentType: 'image/heic', ext: 'heic' };
    if (brand === 'qt  ') return { contentType: 'video/quicktime', ext: 'mov' };
    return { contentType: 'video/mp4', ext: 'mp4' };
  }
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return { contentType: 'application/zip', ext: 'zip' };
  if (startsWith(data, [0x1f, 0x8b])) return { contentType: 'application/gzip', ext: 'gz' };
  if (ascii(0, 3) === 'ID3' || startsWith(data, [0xff, 0xfb])) return { contentType: 'audio/mpeg', ext: 'mp3' };
  return { contentType: GENERIC_CONTENT_TYPE, ext: 'bin' };
}

const DATA_URI = /^\s*data:([^;,]*)(?:;[^,]*)?,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Finds `key` in an object whose keys may use any casing (clients send `Name`, `File`). */
function prop(obj: Record<string, unknown>, key: string): unknown {
  if (key in obj) return obj[key];
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(obj)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export class FileStore {
  readonly maxBytes: number;

  constructor(
    private readonly deps: FileStoreDeps,
    opts: { maxAttachmentMb: number },
  ) {
    this.maxBytes = Math.floor(opts.maxAttachmentMb * 1024 * 1024);
  }

  /** The stable public URL of a stored file. */
  urlFor(key: string, name: string): string {
    return `${this.deps.publicBaseUrl}/campo/v1/files/${key}/${encodeURIComponent(name)}`;
  }

  /**
   * Validates one upload and decodes its base64 content. `field` names the upload in error
   * maps (`attachments[0]` -> `attachments[0].name`, `attachments[0].file`; a bare string
   * upload uses `field` itself). Throws FieldError (400) or a 413 AppError above the limit.
   */
  decodeUpload(field: string, upload: unknown, opts: DecodeOptions = {}): DecodedFile {
    let name: unknown;
    let file: unknown;
    let fileField = field;
    if (typeof upload === 'string' && opts.allowNameless) {
      file = upload;
    } else if (isPlainObject(upload)) {
      name = prop(upload, 'name');
      file = prop(upload, 'file');
      fileField = `${field}.file`;
    } else {
      throw FieldError.of(field, 'The attachment must be an object with "name" and "file".');
    }
    const nameField = `${field}.name`;
    const named = typeof name === 'string' && name.trim() !== '';
    if (!named && !opts.allowNameless) {
      if (name !== undefined && name !== null && typeof name !== 'string')
        throw FieldError.of(nameField, 'The value must be of type string.');
      throw FieldError.of(nameField, 'The name field is required.');
    }
    if (named && !opts.allowNoExtension && !opts.allowNameless && extensionOf(name as string) === undefined) {
      throw FieldError.of(nameField, 'The name must include the file extension (e.g. "my_file.pdf").');
    }
    if (file === undefined || file === null || (typeof file === 'string' && file.trim() === '')) {
      throw FieldError.of(fileField, 'The file field is required.');
    }
    if (typeof file !== 'string') throw FieldError.of(fileField, 'The file must be a base64 string.');
    const data = this.decodeBase64(fileField, file);
    let cleanName: string;
    let contentType: string;
    if (named) {
      cleanName = sanitizeName(name as string);
      contentType = contentTypeFor(cleanName);
      if (contentType === GENERIC_CONTENT_TYPE) contentType = sniffContentType(data).contentType;
    } else {
      const sniffed = sniffContentType(data);
      cleanName = `${opts.defaultName ?? 'attachment'}.${sniffed.ext}`;
      contentType = sniffed.contentType;
    }
    return { name: cleanName, contentType, data };
  }

  /** Decodes base64 (with or without a data-URI prefix, standard or URL-safe alphabet). */
  decodeBase64(field: string, text: string): Buffer {
    let body = text;
    const prefix = DATA_URI.exec(body);
    if (prefix) body = body.slice(prefix[0].length);
    body = body.replace(/\s+/g, '');
    // Size is checked on the encoded length first, so an oversized upload is never decoded.
    const approx = Math.floor((body.length * 3) / 4) - (body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0);
    if (approx > this.maxBytes) this.tooLarge(field);
    const standard = BASE64.test(body);
    if ((!standard && !BASE64URL.test(body)) || body.length % 4 === 1 || body.replace(/=+$/, '').length === 0) {
      throw FieldError.of(field, 'The file is not valid base64.');
    }
    if (standard && body.includes('=') && body.length % 4 !== 0) throw FieldError.of(field, 'The file is not valid base64.');
    const data = Buffer.from(body, standard ? 'base64' : 'base64url');
    if (data.length === 0) throw FieldError.of(field, 'The file must not be empty.');
    if (data.length > this.maxBytes) this.tooLarge(field);
    return data;
  }

  private tooLarge(field: string): never {
    const mb = this.maxBytes / (1024 * 1024);
    throw new AppError(413, { [field]: [`The file is larger than the ${mb} MB limit.`] }, 'attachment too large');
  }

  /** Stores a decoded file for `owner` (inside the caller's transaction). */
  async save(trx: Db, accountId: number, owner: FileOwner, decoded: DecodedFile): Promise<SavedFile> {
    const key = this.deps.ids.secret(24);
    await trx
      .insertInto('files')
      .values({
        account_id: accountId,
        key,
        owner_entity: owner.entity,
        owner_id: String(owner.entityId),
        name: decoded.name,
        content_type: decoded.contentType,
        size: decoded.data.length,
        data: decoded.data,
        inserted_by_api: owner.insertedByApi === false ? 0 : 1,
        inserted_by_user_id: owner.insertedBy ?? null,
        created_at: this.deps.clock.now().toISOString(),
      })
      .execute();
    return { key, name: decoded.name, contentType: decoded.contentType, size: decoded.data.length, url: this.urlFor(key, decoded.name) };
  }

  /** The files of one record, oldest first (without their contents). */
  async listFor(db: Db, accountId: number, entity: string, entityId: number | string): Promise<StoredFile[]> {
    const rows = await db
      .selectFrom('files')
      .select(['key', 'name', 'content_type', 'size', 'inserted_by_api', 'inserted_by_user_id', 'created_at'])
      .where('account_id', '=', accountId)
      .where('owner_entity', '=', entity)
      .where('owner_id', '=', String(entityId))
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      contentType: r.content_type,
      size: Number(r.size),
      url: this.urlFor(r.key, r.name),
      insertedByApi: r.inserted_by_api === 1,
      insertedByUserId: r.inserted_by_user_id,
      createdAt: r.created_at,
    }));
  }

  /** The files of many records of one entity at once (lists), keyed by owner id. */
  async listForMany(db: Db, accountId: number, entity: string, entityIds: (number | string)[]): Promise<Map<string, StoredFile[]>> {
    const out = new Map<string, StoredFile[]>();
    if (entityIds.length === 0) return out;
    const rows = await db
      .selectFrom('files')
      .select(['owner_id', 'key', 'name', 'content_type', 'size', 'inserted_by_api', 'inserted_by_user_id', 'created_at'])
      .where('account_id', '=', accountId)
      .where('owner_entity', '=', entity)
      .where('owner_id', 'in', entityIds.map(String))
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.owner_id) ?? [];
      list.push({
        key: r.key,
        name: r.name,
        contentType: r.content_type,
        size: Number(r.size),
        url: this.urlFor(r.key, r.name),
        insertedByApi: r.inserted_by_api === 1,
        insertedByUserId: r.inserted_by_user_id,
        createdAt: r.created_at,
      });
      out.set(r.owner_id, list);
    }
    return out;
  }

  /**
   * Removes the files of one record; `onlyInsertedByApi` keeps files that did not come through
   * the API, `insertedBy` keeps those of other users. Returns how many were removed.
   */
  async removeFor(
    trx: Db,
    accountId: number,
    entity: string,
    entityId: number | string,
    opts: { onlyInsertedByApi?: boolean; insertedBy?: number } = {},
  ): Promise<number> {
    let q = trx
      .deleteFrom('files')
      .where('account_id', '=', accountId)
      .where('owner_entity', '=', entity)
      .where('owner_id', '=', String(entityId));
    if (opts.onlyInsertedByApi) q = q.where('inserted_by_api', '=', 1);
    if (opts.insertedBy !== undefined) q = q.where('inserted_by_user_id', '=', opts.insertedBy);
    const r = await q.executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** The stored bytes behind a public key, or undefined. */
  async read(key: string): Promise<{ name: string; contentType: string; data: Buffer } | undefined> {
    if (!/^[A-Za-z0-9_-]{8,128}$/.test(key)) return undefined;
    const row = await this.deps.db.selectFrom('files').select(['name', 'content_type', 'data']).where('key', '=', key).executeTakeFirst();
    if (!row) return undefined;
    return { name: row.name, contentType: row.content_type, data: Buffer.from(row.data) };
  }
}

/** Keeps the name a client sent, minus any directory part and control characters. */
function sanitizeName(name: string): string {
  const base = name.trim().split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255);
  return clean === '' ? 'attachment' : clean;
}

const FileParams = Type.Object({ key: Type.String(), name: Type.String() });

/** `GET /campo/v1/files/:key/:name`: the stored bytes with their content type (public; the key is the secret). */
export function installFileRoutes(app: FastifyInstance, files: FileStore): void {
  app.route({
    method: 'GET',
    url: '/campo/v1/files/:key/:name',
    config: { auth: false },
    schema: {
      operationId: 'getFile',
      tags: ['Files'],
      summary: 'Download an attachment',
      description:
        'Campo extension. Every attachment URL the API emits (customer `uriAnexos`, task attachments, ...) points here. No bearer token is needed: the random key is the secret. Answers the bytes as uploaded with the content type of the file name (or of the content), 404 when the key is unknown.',
      'x-campo-extension': true,
      params: FileParams,
      response: {
        200: {
          description: 'The file contents',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
        403: { description: 'Rate limit exceeded', ...RateLimitBody },
        404: { description: 'No such file (empty body)', type: 'null' },
      },
    } as Record<string, unknown>,
    handler: async (request, reply) => {
      const { key, name } = request.params as { key: string; name: string };
      const f = await files.read(key);
      if (!f || f.name !== name) return reply.code(404).send();
      return (
        reply
          .code(200)
          .header('content-type', f.contentType)
          .header('content-length', String(f.data.length))
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('cache-control', 'private, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          // Uploaded HTML or SVG must not run scripts in the API's origin.
          .header('content-security-policy', "sandbox; default-src 'none'")
          .send(f.data)
      );
    },
  });
}
