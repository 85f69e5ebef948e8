// Router options, the 415 rule, the {result} envelope and the one way routes are declared.
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import type { Auth } from './auth.js';
import { AppError, invalidValue, UnsupportedMediaTypeError } from './errors.js';
import { wantsHtml } from './html.js';
import { canonicalizer } from './keys.js';
import { applyInputLimits } from './limits.js';
import { ErrorEnvelope, FieldErrorMap, RateLimitBody } from './schemas.js';

// A path parameter of any length reaches validation, so a long bad id answers the 400 field map
// (D9) rather than 414; the request line itself stays bounded by the 16 KiB header limit (431).
export const routerOptions = {
  caseSensitive: false,
  ignoreTrailingSlash: true,
  ignoreDuplicateSlashes: true,
  maxParamLength: 16 * 1024,
} as const;

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;

/** Wraps a schema in Auvo's success envelope `{"result": ...}`. */
export function Envelope<T extends TSchema>(schema: T) {
  return Type.Object({ result: schema });
}

/** A handler result with a status other than the route's default (PUT upsert: 200 or 201). */
export interface WithStatus<T> {
  readonly __status: number;
  readonly value: T;
}

export function withStatus<T>(status: number, value: T): WithStatus<T> {
  return { __status: status, value };
}

function isWithStatus(v: unknown): v is WithStatus<unknown> {
  return v !== null && typeof v === 'object' && '__status' in v;
}

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  auth: Auth;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Scheme and host clients used to reach us (or AUVO_PUBLIC_URL), for links. */
  baseUrl: string;
}

export interface RouteSpec<B extends TSchema, Q extends TSchema, P extends TSchema, R extends TSchema> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  /** A Campo addition beyond the Auvo contract (marked in OpenAPI). */
  extension?: boolean;
  /**
   * An operation the live Auvo service has and the blueprint lacks (D16): marked as an extension,
   * with a note saying so at the head of the description.
   */
  live?: boolean;
  /** No bearer token needed (login, health). */
  public?: boolean;
  /** An operator route of the admin API: the X-Campo-Admin-Key header opens it, never a bearer token. */
  admin?: boolean;
  /** Leave out of the OpenAPI document (a second spelling of a documented path). */
  hidden?: boolean;
  body?: B;
  querystring?: Q;
  params?: P;
  /** Success status; default 201 for POST, 204 for DELETE, otherwise 200. */
  status?: number;
  /** Other success statuses the handler may choose with withStatus(). */
  alsoStatus?: number[];
  response?: R;
  /** Example of the `result` value, for the documentation. */
  example?: unknown;
  /** The route returns a list envelope and answers 404 with it on an empty page (D4). */
  list?: boolean;
  /** Return the raw value instead of wrapping it in {result} (login keeps its own shape). */
  raw?: boolean;
  /**
   * A page for browsers (Accept prefers text/html): the handler's value rendered as HTML, or a
   * not-found page when `value` is undefined (the handler answered 404). API clients still get JSON.
   */
  html?: (value: Static<R> | undefined) => string;
  handler: (ctx: RouteContext<Static<B>, Static<Q>, Static<P>>) => Promise<Static<R> | WithStatus<Static<R>> | undefined>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: boolean;
    admin?: boolean;
  }
}

export function baseUrlOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

/** Registers what every route shares: tolerant JSON parsing and the Server-Timing header (the 415 rule is per route, see requireJson). */
export function installHttpRules(app: FastifyInstance): void {
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  // Some clients send Content-Type: application/json on bodiless requests; that is not an error.
  app.addContentTypeParser(/^application\/(?:[\w.+-]*\+)?json(?:\s*;.*)?$/i, { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    // No store keeps NUL in text (PostgreSQL refuses it): reject it up front, on every store alike.
    if (text.includes('\\u0000') || text.includes('\u0000')) {
      return done(new AppError(400, { body: ['Text values must not contain the NUL character (\\u0000).'] }), undefined);
    }
    defaultJson(request, text, done);
  });
  // Server-Timing: how long the server spent on the request, for clients and benchmarks.
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    done(null, payload);
  });
}

/** The 415 rule, on routes that take a JSON body (a bodiless DELETE of such a route is fine). */
function requireJson(request: FastifyRequest, _reply: FastifyReply, _payload: unknown, done: (err?: Error | null) => void): void {
  const hasBody =
    request.method !== 'DELETE' || request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  done(hasBody && !JSON_TYPE.test(request.headers['content-type'] ?? '') ? new UnsupportedMediaTypeError() : null);
}

const ID_PATTERN = /^\s*-?\d+\s*$/;

/** Params schema for routes addressed by a numeric `id`; non-numbers answer `{"id":["The value 'x' is not valid."]}`. */
// The pattern makes the id fail validation before the body is looked at, as Auvo answers.
export const IdParams = Type.Object({ id: Type.String({ description: 'Numeric id', pattern: '^\\s*-?\\d+\\s*$' }) });

/**
 * For bodiless routes whose documented parameter has another name (`clientGroupId`, `teamId`):
 * the handler checks it with parseId(raw, name), so the 400 names the documented parameter.
 */
export const NamedIdParams = Type.Object({ id: Type.String({ description: 'Numeric id' }) });

export function parseId(raw: string, field = 'id'): number {
  if (!ID_PATTERN.test(raw)) throw invalidValue(field, raw);
  return Number(raw.trim());
}

export const LIVE_OPERATION_NOTE =
  'The live Auvo service has this operation, although the Auvo documentation does not describe it; Campo serves it at the live path.';

function describe(spec: { description?: string; live?: boolean }): string {
  return spec.live ? [LIVE_OPERATION_NOTE, spec.description].filter(Boolean).join(' ') : (spec.description ?? '');
}

function defaultStatus(method: string): number {
  return method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200;
}

function errorResponses(spec: RouteSpec<TSchema, TSchema, TSchema, TSchema>, okSchema: TSchema | undefined) {
  const r: Record<number, unknown> = {};
  r[400] = { description: 'Invalid input: a field map (or, on lists, the error envelope)', ...(spec.list ? ErrorEnvelope : FieldErrorMap) };
  if (spec.admin) r[401] = { description: 'Missing or wrong X-Campo-Admin-Key (empty body)', type: 'null' };
  else if (!spec.public) r[401] = { description: 'Missing, malformed or expired bearer token (empty body)', type: 'null' };
  r[403] = { description: 'Rate limit exceeded', ...RateLimitBody };
  if (spec.list && okSchema) r[404] = { description: 'Empty page: the list envelope with no items', ...okSchema };
  else if (spec.url.includes(':')) r[404] = { description: 'No such record in this account (empty body)', type: 'null' };
  if (spec.body) r[415] = { description: 'Content-Type is not application/json (the error envelope saying so)', ...ErrorEnvelope };
  return r;
}

export function route<B extends TSchema, Q extends TSchema, P extends TSchema, R extends TSchema>(
  app: FastifyInstance,
  publicUrl: string | undefined,
  spec: RouteSpec<B, Q, P, R>,
): void {
  const status = spec.status ?? defaultStatus(spec.method);
  const okSchema = spec.response ? (spec.raw ? spec.response : Envelope(spec.response)) : undefined;
  if (okSchema && spec.example !== undefined) {
    (okSchema as Record<string, unknown>).examples = [spec.raw ? spec.example : { result: spec.example }];
  }
  const response: Record<number, unknown> = {};
  for (const s of [status, ...(spec.alsoStatus ?? [])]) {
    response[s] = s === 204 || !okSchema ? { description: 'No content', type: 'null' } : okSchema;
  }
  Object.assign(response, errorResponses(spec as never, okSchema));
  applyInputLimits(spec.body);
  applyInputLimits(spec.querystring, { text: false });
  applyInputLimits(spec.params, { text: false });
  const canonBody = canonicalizer(spec.body);
  const canonQuery = canonicalizer(spec.querystring);
  app.route({
    method: spec.method as HTTPMethods,
    url: spec.url,
    config: { auth: !spec.public && !spec.admin, admin: spec.admin === true },
    ...(spec.body !== undefined ? { preParsing: requireJson } : {}),
    schema: {
      operationId: spec.operationId,
      tags: spec.tags,
      summary: spec.summary,
      ...(spec.description || spec.live ? { description: describe(spec) } : {}),
      ...(spec.hidden ? { hide: true } : {}),
      ...(spec.extension || spec.live ? { 'x-campo-extension': true } : {}),
      ...(spec.admin ? { security: [{ adminKey: [] }] } : spec.public ? {} : { security: [{ bearer: [] }] }),
      ...(spec.body ? { body: spec.body } : {}),
      ...(spec.querystring ? { querystring: spec.querystring } : {}),
      ...(spec.params ? { params: spec.params } : {}),
      response,
    },
    // Only routes with a body or query schema have keys to rewrite.
    ...(spec.body !== undefined || spec.querystring !== undefined
      ? {
          preValidation: async (request: FastifyRequest) => {
            if (spec.body !== undefined) request.body = canonBody(request.body);
            if (spec.querystring !== undefined) request.query = canonQuery(request.query);
          },
        }
      : {}),
    handler: async (request, reply) => {
      if (spec.html) {
        if (wantsHtml(request.headers.accept)) return sendHtml(spec, request, reply, publicUrl);
        reply.header('vary', 'Accept');
      }
      const out = await spec.handler(handlerInput<B, Q, P>(request, reply, publicUrl));
      let code = status;
      let value: unknown = out;
      if (isWithStatus(out)) {
        code = out.__status;
        value = out.value;
      }
      reply.code(code);
      if (code === 204 || value === undefined) return reply.send();
      return spec.raw ? value : { result: value };
    },
  });
}

/** What a route's handler receives, for the JSON answer and the browser's page alike. */
function handlerInput<B extends TSchema, Q extends TSchema, P extends TSchema>(
  request: FastifyRequest,
  reply: FastifyReply,
  publicUrl: string | undefined,
) {
  return {
    body: request.body as Static<B>,
    query: request.query as Static<Q>,
    params: request.params as Static<P>,
    auth: request.auth as Auth,
    request,
    reply,
    // Worked out only by the handlers that build links.
    get baseUrl() {
      return baseUrlOf(request, publicUrl);
    },
  };
}

/** The browser's page of a route with `html`: its value as HTML, a 404 page when it has none. */
async function sendHtml<B extends TSchema, Q extends TSchema, P extends TSchema, R extends TSchema>(
  spec: RouteSpec<B, Q, P, R>,
  request: FastifyRequest,
  reply: FastifyReply,
  publicUrl: string | undefined,
) {
  const render = spec.html as NonNullable<typeof spec.html>;
  reply.header('vary', 'Accept').type('text/html; charset=utf-8');
  try {
    const out = await spec.handler(handlerInput<B, Q, P>(request, reply, publicUrl));
    const value = (isWithStatus(out) ? out.value : out) as Static<R>;
    return reply.code(200).send(render(value));
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 404) return reply.code(404).send(render(undefined));
    throw err;
  }
}

/** The route-declaring function a module receives, already bound to the app and public URL. */
export type Router = <B extends TSchema, Q extends TSchema, P extends TSchema, R extends TSchema>(spec: RouteSpec<B, Q, P, R>) => void;
