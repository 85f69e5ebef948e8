// D3: at most AUVO_RATE_LIMIT requests per 60 s per client IP; over it, 403 with Auvo's body
// and a Retry-After header. With REDIS_URL the counters are shared by every app node.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Clock } from './clock.js';
import { RateLimitError } from './errors.js';

export interface RateLimitOptions {
  perMinute: number;
  redisUrl?: string;
  /**
   * A secret known only inside this process: in-process requests (the demo seed) that carry it in
   * `x-campo-internal` are not counted. Outside callers cannot know it.
   */
  internalToken?: string;
  /** The server clock: the window follows it (moving the clock moves the window). Not used with Redis. */
  clock?: Clock;
  /** Requests never counted (the operator's admin calls, which carry the admin key). */
  exempt?: (req: FastifyRequest) => boolean;
}

type Counted = { current: number; ttl: number };

/** A fixed 60 s window per key read from the server clock (the plugin's own store reads the wall clock). */
function clockStore(clock: Clock) {
  return class ClockStore {
    private readonly windows = new Map<string, { count: number; startMs: number }>();
    incr(key: string, cb: (err: Error | null, res: Counted) => void, timeWindow: number): void {
      const now = clock.now().getTime();
      let w = this.windows.get(key);
      if (!w || w.startMs + timeWindow <= now || w.startMs > now) {
        if (this.windows.size >= 10_000) this.windows.clear();
        w = { count: 0, startMs: now };
        this.windows.set(key, w);
      }
      w.count += 1;
      cb(null, { current: w.count, ttl: w.startMs + timeWindow - now });
    }
    read(key: string, cb: (err: Error | null, res: Counted) => void, timeWindow: number): void {
      const now = clock.now().getTime();
      const w = this.windows.get(key);
      const live = w !== undefined && w.startMs + timeWindow > now && w.startMs <= now;
      cb(null, live ? { current: w.count, ttl: w.startMs + timeWindow - now } : { current: 0, ttl: 0 });
    }
    child(): ClockStore {
      return this;
    }
  };
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
    ...(redis === undefined && opts.clock ? { store: clockStore(opts.clock) } : {}),
    nameSpace: 'campo-rl-',
    // A Redis outage must not take the API down; requests pass uncounted meanwhile.
    skipOnError: true,
    addHeaders: off,
    addHeadersOnExceeding: off,
    allowList: (req) =>
      req.url === '/health' ||
      (opts.internalToken !== undefined && req.headers[INTERNAL_HEADER] === opts.internalToken) ||
      opts.exempt?.(req) === true,
    errorResponseBuilder: (_req, ctx) => new RateLimitError(ctx.ttl / 1000),
  });
  app.addHook('onRequest', app.rateLimit());
}
