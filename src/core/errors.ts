// The one error family and the ONE error handler: every Auvo error shape lives here.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDataException, storeFailureOf } from '../db/dialect.js';

export type FieldMap = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
    message?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? `HTTP ${statusCode}`);
    this.name = new.target.name;
  }
}

/** 400 model-binding map, `{"field": ["message"]}` (Auvo shape 1). Nothing was written. */
export class FieldError extends AppError {
  constructor(readonly fields: FieldMap) {
    super(400, fields, `invalid fields: ${Object.keys(fields).join(', ')}`);
  }
  static of(field: string, message: string): FieldError {
    return new FieldError({ [field]: [message] });
  }
}

/** The `{"field": ["The value 'x' is not valid."]}` body Auvo sends for unparsable values. */
export function invalidValue(field: string, raw: unknown): FieldError {
  return FieldError.of(field, `The value '${raw === undefined || raw === '' ? '""' : String(raw)}' is not valid.`);
}

/** 400 error envelope (Auvo shape 2), used by list endpoints. */
export class EnvelopeError extends AppError {
  constructor(message: string, status = 400) {
    super(status, { message, target: null, errorCode: 0, errors: null }, message);
  }
}

/** 404 with an empty body: "the resource with the specified id does not exist". */
export class NotFoundError extends AppError {
  constructor() {
    super(404, undefined, 'not found');
  }
}

/** 401 with an empty body and a Bearer challenge (D2). */
export class UnauthorizedError extends AppError {
  constructor(reason = 'unauthorized') {
    super(401, undefined, reason, { 'www-authenticate': 'Bearer' });
  }
}

/** 403 with Auvo's documented rate-limit body (D3). */
export class RateLimitError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(403, { error: 'Rate limit temporarily exceeded' }, 'rate limited', {
      'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }
}

/** Auvo's error envelope (shape 2) carrying one message. */
export function messageBody(message: string) {
  return { message, target: null, errorCode: 0, errors: null };
}

export const UNSUPPORTED_MEDIA_TYPE_MESSAGE = 'The request body must be sent with Content-Type: application/json.';

/** 415: body-carrying request without `Content-Type: application/json` (Auvo documents no body; shape 2 says why). */
export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super(415, messageBody(UNSUPPORTED_MEDIA_TYPE_MESSAGE), 'unsupported media type');
  }
}

/** 409 for a write that lost a race on a unique key; the client may retry. */
export class ConflictError extends AppError {
  constructor(field: string, message: string) {
    super(409, { [field]: [message] }, message);
  }
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function pathToField(instancePath: string): string {
  return instancePath
    .replace(/^\//, '')
    .split('/')
    .map((seg, i) => (/^\d+$/.test(seg) ? `[${seg}]` : i === 0 ? seg : `.${seg}`))
    .join('');
}

function readPointer(root: unknown, instancePath: string): unknown {
  let cur: unknown = root;
  for (const seg of instancePath.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

function describe(e: AjvError): string {
  switch (e.keyword) {
    case 'required':
      return `The ${String(e.params.missingProperty)} field is required.`;
    case 'type':
      return `The value must be of type ${String(e.params.type)}.`;
    case 'enum':
      return `The value must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}.`;
    case 'minLength':
      return Number(e.params.limit) === 1 ? 'The value must not be empty.' : `The value is too short.`;
    case 'maxLength':
      return `The value must be at most ${String(e.params.limit)} characters long.`;
    case 'maxItems':
      return `The list must have at most ${String(e.params.limit)} items.`;
    case 'x-finite':
      return 'The value must be a finite number.';
    default:
      return `The value is not valid: ${e.message ?? e.keyword}.`;
  }
}

/** Turns schema validation errors into Auvo's field map. */
export function validationToFieldMap(errors: AjvError[], context: string, input: unknown): FieldMap {
  const map: FieldMap = {};
  for (const e of errors) {
    let field = pathToField(e.instancePath);
    if (e.keyword === 'required') field = field ? `${field}.${String(e.params.missingProperty)}` : String(e.params.missingProperty);
    if (!field) field = context === 'body' ? 'body' : context;
    // Path and query values that fail to bind get ASP.NET's wording, which clients match on.
    const message =
      context === 'params' || context === 'querystring'
        ? `The value '${String(readPointer(input, e.instancePath) ?? '""')}' is not valid.`
        : describe(e);
    if (!map[field]) map[field] = [];
    if (!map[field].includes(message)) map[field].push(message);
  }
  return map;
}

function send(reply: FastifyReply, status: number, body: unknown, headers: Record<string, string> = {}) {
  reply.code(status).headers(headers);
  if (body === undefined) return reply.removeHeader('content-type').send();
  return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}

const STORE_FAILURE_LOG = {
  full: 'the disk of the store is full: writes fail until space is freed',
  readonly: 'the store is read-only: check the permissions of the database file and its directory',
  unavailable: 'the store does not answer',
} as const;

const STORE_FAILURE_ANSWER = {
  full: 'The server is out of storage space; nothing was saved. Try again later.',
  readonly: 'The server cannot save changes right now; nothing was saved. Try again later.',
  unavailable: 'The server cannot reach its database right now. Try again later.',
} as const;

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) return send(reply, err.statusCode, err.body, err.headers);
    const fe = err as FastifyError & { validation?: AjvError[]; validationContext?: string };
    if (fe.validation) {
      const context = fe.validationContext ?? 'body';
      const input = context === 'params' ? request.params : context === 'querystring' ? request.query : request.body;
      return send(reply, 400, validationToFieldMap(fe.validation, context, input));
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, 415, messageBody(UNSUPPORTED_MEDIA_TYPE_MESSAGE));
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, 400, { body: ['A non-empty request body is required.'] });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, 413, { body: ['The request body is too large.'] });
    }
    if (fe.statusCode === 400 && (fe instanceof SyntaxError || /JSON/i.test(fe.message))) {
      return send(reply, 400, { body: ['The request body is not valid JSON.'] });
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, fe.statusCode, { message: fe.message, target: null, errorCode: 0, errors: null });
    }
    if (isDataException(err)) {
      request.log.warn({ err, reqId: request.id }, 'the store refused a value');
      return send(reply, 400, { body: ['A value is out of range or not accepted by the store.'] });
    }
    const failure = storeFailureOf(err);
    if (failure !== undefined) {
      request.log.error({ err, reqId: request.id, failure }, STORE_FAILURE_LOG[failure]);
      return send(reply, failure === 'full' ? 507 : 503, messageBody(`${STORE_FAILURE_ANSWER[failure]} Request id: ${request.id}`));
    }
    request.log.error({ err, reqId: request.id }, 'unhandled error');
    return send(reply, 500, {
      message: `An unexpected error occurred. Request id: ${request.id}`,
      target: null,
      errorCode: 0,
      errors: null,
    });
  });
  // A path no route knows (a record that does not exist answers 404 with an empty body, as Auvo does).
  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, messageBody(`No route ${request.method} ${request.url.split('?')[0].slice(0, 200)}.`)),
  );
}

/** Messages of the requests the HTTP parser refuses before any route sees them. */
function parserRejection(code: string | undefined): { status: number; message: string } {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'The request was not received in time.' };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: 'The request line and headers are too large.' };
    default:
      return { status: 400, message: 'The request is not valid HTTP.' };
  }
}

/**
 * Fastify's clientErrorHandler: a request the HTTP parser refuses (headers too large, a raw
 * non-ASCII byte in the path, a timeout) answers the error envelope and says the connection
 * closes, as it does right after.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, message } = parserRejection(err.code);
  this.log.debug({ err }, 'the HTTP parser refused a request');
  if (socket.writable) {
    const body = JSON.stringify({ message, target: null, errorCode: 0, errors: null });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
