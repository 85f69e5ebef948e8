// D3: at most AUVO_RATE_LIMIT requests per 60 s per client IP; over it, 403 with Auvo's body
// and a Retry-After header. With REDIS_URL the counters are shared by every app node.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { RateLimitError } from './errors.js';

export interface RateLimitOptions {
  perMinute: number;
  redisUrl?: string;
  /**
   * A secret known only inside this process: in-process requests (the demo seed) that carry it in
   * `x-campo-internal` are not counted. Outside callers cannot know it.
   */
  internalToken?: string;
}

export const INTERNAL_HEADER = 'x-campo-internal';

export async function installRateLimit(app: FastifyInstance, opts: RateLimitOptions): Promise<void> {
  if (opts.perMinute <= 0) return;
  let redis: Redis | undefined;
  if (opts.redisUrl) {
    redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000 });
    redis.on('error', (err) => app.log.warn({ err }, 'rate-limit redis error'));
    app.addHook('onClose', async () => {
      redis?.disconnect();
    });
  }
  const off = { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': false };
  // Applied as an app-wide hook registered before authentication, so unauthenticated floods
  // are limited too (route-level hooks would run after the bearer check).
  await app.register(rateLimit, {
    global: false,
    max: opts.perMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => req.ip,
    redis,
    nameSpace: 'campo-rl-',
    // A Redis outage must not take the API down; requests pass uncounted meanwhile.
    skipOnError: true,
    addHeaders: off,
    addHeadersOnExceeding: off,
    allowList: (req) => req.url === '/health' || (opts.internalToken !== undefined && req.headers[INTERNAL_HEADER] === opts.internalToken),
    errorResponseBuilder: (_req, ctx) => new RateLimitError(ctx.ttl / 1000),
  });
  app.addHook('onRequest', app.rateLimit());
}
