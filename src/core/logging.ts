// Logger options: what a request line shows (credentials never), request ids, and the pretty mode.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

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
