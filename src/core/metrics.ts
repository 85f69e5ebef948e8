// GET /metrics in Prometheus' text format: requests and latency per route, the webhook queue depth
// and the process's own figures. One registry per app, so several apps in one process keep apart.
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsOptions {
  /** Pending webhook deliveries over every account. */
  queueDepth: () => Promise<number>;
}

export function installMetrics(app: FastifyInstance, opts: MetricsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'campo_' });
  const labelNames = ['method', 'route', 'status'] as const;
  // The series of one (method, route, status): looked up once, counted in plain numbers per request
  // and handed to the counter when scraped (prom-client hashes the label values on every inc and
  // observe, a bound child included).
  interface Series {
    labels: { method: string; route: string; status: string };
    count: number;
    time: { observe(v: number): void };
  }
  const series = new Map<string, Series>();
  new Counter({
    name: 'campo_http_requests_total',
    help: 'HTTP requests answered',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of series.values()) this.inc(s.labels, s.count);
    },
  });
  const latency = new Histogram({
    name: 'campo_http_request_duration_seconds',
    help: 'Time from the request to its answer',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'campo_webhook_queue_depth',
    help: 'Webhook deliveries waiting to be sent (every account)',
    registers: [registry],
    async collect() {
      try {
        this.set(await opts.queueDepth());
      } catch {
        // The store is down: /health says so; the gauge keeps its last value.
      }
    },
  });

  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, not the URL: ids would make one series per record. Unknown paths share one.
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${reply.statusCode} ${route}`;
    let s = series.get(key);
    if (s === undefined) {
      const status = String(reply.statusCode);
      s = { labels: { method: request.method, route, status }, count: 0, time: latency.labels(request.method, route, status) };
      series.set(key, s);
    }
    s.count += 1;
    s.time.observe(reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });
  app.addHook('onClose', async () => registry.clear());
  return registry;
}
