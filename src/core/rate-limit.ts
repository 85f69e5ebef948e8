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

/** What /health reports about Redis: reachable, not reachable, or not in use. */
export type RedisState = 'up' | 'down' | 'not configured';

/** How long a Redis connection attempt may take; past it requests go on uncounted (fail open). */
const REDIS_CONNECT_TIMEOUT_MS = 500;

export async function installRateLimit(app: FastifyInstance, opts: RateLimitOptions): Promise<() => RedisState> {
  if (opts.perMinute <= 0) return () => 'not configured';
  let redis: Redis | undefined;
  if (opts.redisUrl) {
    // No offline queue and no retries per command: while Redis is away a request is not held for
    // seconds, the command fails at once and the request passes uncounted (skipOnError below).
    const client = new Redis(opts.redisUrl, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      retryStrategy: (times) => Math.min(times * 500, 5000),
    });
    redis = client;
    // One warning per outage, one line when it is back; not a stack trace per reconnect attempt.
    let down = false;
    client.on('error', (err: Error & { code?: string }) => {
      if (down) return;
      down = true;
      app.log.warn(
        { redis: safeRedisUrl(opts.redisUrl), reason: err.code ?? err.message },
        'REDIS_URL is unreachable: rate-limit counters are not shared and requests pass uncounted until it is back',
      );
    });
    client.on('ready', () => {
      if (!down) return;
      down = false;
      app.log.info({ redis: safeRedisUrl(opts.redisUrl) }, 'REDIS_URL is reachable again');
    });
    // Wait for the first connection briefly, so the first requests are counted when Redis is up.
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, REDIS_CONNECT_TIMEOUT_MS * 2);
      const finish = () => {
        clearTimeout(t);
        client.off('ready', finish);
        client.off('error', finish);
        resolve();
      };
      client.once('ready', finish);
      client.once('error', finish);
    });
    app.addHook('onClose', async () => {
      client.disconnect();
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
      req.url === '/metrics' ||
      (opts.internalToken !== undefined && req.headers[INTERNAL_HEADER] === opts.internalToken) ||
      opts.exempt?.(req) === true,
    errorResponseBuilder: (_req, ctx) => new RateLimitError(ctx.ttl / 1000),
  });
  app.addHook('onRequest', app.rateLimit());
  return () => (redis === undefined ? 'not configured' : redis.status === 'ready' ? 'up' : 'down');
}

/** The Redis URL without its password, for log lines. */
function safeRedisUrl(url: string | undefined): string {
  try {
    const u = new URL(url ?? '');
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}
