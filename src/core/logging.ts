// Logger options: what a request line shows (credentials never), request ids, and the pretty mode.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyChildLoggerFactory } from 'fastify/types/logger.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Query parameters and body fields whose values never reach a log line. */
const SECRET_NAME = /^(api_?key|api_?token|token|access_?token|password|passwd|secret|authorization|key)$/i;

export const REDACTED = '[redacted]';

/** The URL with the values of credential-bearing query parameters replaced (`/v2/login?apiKey=[redacted]`). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {}
      return eq >= 0 && SECRET_NAME.test(name.trim()) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

/**
 * Paths pino blanks in every line (headers and bodies a handler or plugin may log): the bearer
 * token, the operator key, cookies and passwords.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-campo-admin-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-campo-admin-key"]',
  'body.password',
  'body.apiToken',
  'body.apiKey',
  '*.password',
  '*.apiToken',
  '*.accessToken',
  'res.headers["set-cookie"]',
];

/** A client's own X-Request-Id is kept when it is short and plain; otherwise a new UUID. */
export function requestIdOf(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && /^[A-Za-z0-9._:@/+=-]{1,128}$/.test(given) ? given : randomUUID();
}

export interface LoggingConfig {
  logLevel: string;
  logFormat: 'json' | 'pretty';
}

/** Fastify's `logger` option: level, redaction, the request serializer and, for terminals, pino-pretty. */
export function loggerOptions(config: LoggingConfig, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: {
      req(request: FastifyRequest | Record<string, unknown>) {
        // Fastify's request; anything else logged as `req` keeps its fields (redaction blanks the secrets).
        if (typeof request.url !== 'string' || !('raw' in request)) return request;
        const r = request as FastifyRequest;
        return {
          method: r.method,
          url: redactUrl(r.url),
          host: r.host,
          remoteAddress: r.ip,
          remotePort: r.socket?.remotePort,
        };
      },
    },
    ...(config.logFormat === 'pretty' && extra.stream === undefined
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }
      : {}),
    ...extra,
  };
}

/** Every answer carries its request id, errors and 404s included. */
export function installRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type LogArgs = Parameters<FastifyBaseLogger['info']>;

/**
 * A request's logger (`request.log`), made into a pino child with the request id only when the
 * request first logs at an enabled level. At the usual levels most requests log nothing, and
 * making the child (its bindings serialized through the redaction) cost about 3% of a GET.
 */
class RequestLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;
  constructor(
    private readonly parent: FastifyBaseLogger & { isLevelEnabled(level: string): boolean },
    private readonly bindings: Parameters<FastifyBaseLogger['child']>[0],
  ) {}
  #real(): FastifyBaseLogger {
    if (this.#child === undefined) this.#child = this.parent.child(this.bindings);
    return this.#child;
  }
  #log(level: Level, args: LogArgs): void {
    if (this.#child !== undefined) (this.#child[level] as (...a: LogArgs) => void)(...args);
    else if (this.parent.isLevelEnabled(level)) (this.#real()[level] as (...a: LogArgs) => void)(...args);
  }
  get level(): string {
    return (this.#child ?? this.parent).level;
  }
  set level(level: string) {
    this.#real().level = level;
  }
  fatal(...args: LogArgs): void {
    this.#log('fatal', args);
  }
  error(...args: LogArgs): void {
    this.#log('error', args);
  }
  warn(...args: LogArgs): void {
    this.#log('warn', args);
  }
  info(...args: LogArgs): void {
    this.#log('info', args);
  }
  debug(...args: LogArgs): void {
    this.#log('debug', args);
  }
  trace(...args: LogArgs): void {
    this.#log('trace', args);
  }
  silent(): void {}
  child(bindings: Parameters<FastifyBaseLogger['child']>[0], options?: Parameters<FastifyBaseLogger['child']>[1]): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }
}

/**
 * Fastify's `childLoggerFactory`: the deferred request logger above. A route with logger options
 * of its own (a level, serializers) gets pino's child at once.
 */
export const requestLoggerFactory: FastifyChildLoggerFactory = (logger, bindings, opts) => {
  const parent = logger as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
  if (typeof parent.isLevelEnabled !== 'function' || Object.keys(opts).length > 0) return logger.child(bindings, opts);
  return new RequestLogger(parent as FastifyBaseLogger & { isLevelEnabled(level: string): boolean }, bindings);
};
