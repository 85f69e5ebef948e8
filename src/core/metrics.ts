// GET /metrics in Prometheus' text format: requests and latency per route, the webhook queue depth
// and the process's own figures. One registry per app, so several apps in one process keep apart.
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsOptions {
  /** Pending webhook deliveries over every account. */
  queueDepth: () => Promise<number>;
}

const LABEL_NAMES = ['method', 'route', 'status'] as const;
type Label = (typeof LABEL_NAMES)[number];
const LATENCY_NAME = 'campo_http_request_duration_seconds';
const LATENCY_HELP = 'Time from the request to its answer';
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The requests of one (method, route, status): counted in plain numbers per request. */
interface Series {
  labels: Record<Label, string>;
  count: number;
  sum: number;
  /** Requests per latency bucket (not cumulative); the last slot is above the highest bound. */
  perBucket: number[];
}

/**
 * The latency histogram, read from the series at scrape time. prom-client's observe() hashes the
 * label values on every call (a bound child included), which cost about 2% of a cached GET; the
 * text it writes is prom-client's own, from the values this hands it.
 */
class RouteLatency extends Histogram<Label> {
  constructor(
    registry: Registry,
    private readonly series: Map<string, Series>,
  ) {
    super({
      name: LATENCY_NAME,
      help: LATENCY_HELP,
      labelNames: LABEL_NAMES,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
  }

  /** prom-client's histogram values: the series' labels shared by its bucket, sum and count lines. */
  private values() {
    const bucket = `${LATENCY_NAME}_bucket`;
    const out: { labels: Record<string, string | number>; sharedLabels: Record<string, string>; value: number; metricName: string }[] = [];
    for (const s of this.series.values()) {
      let acc = 0;
      LATENCY_BUCKETS.forEach((le, i) => {
        acc += s.perBucket[i];
        out.push({ labels: { le }, sharedLabels: s.labels, value: acc, metricName: bucket });
      });
      out.push({ labels: { le: '+Inf' }, sharedLabels: s.labels, value: s.count, metricName: bucket });
      out.push({ labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${LATENCY_NAME}_sum` });
      out.push({ labels: {}, sharedLabels: s.labels, value: s.count, metricName: `${LATENCY_NAME}_count` });
    }
    return out;
  }

  /** What the registry's text format reads. */
  async getForPromString() {
    return { name: LATENCY_NAME, help: LATENCY_HELP, type: 'histogram', values: this.values(), aggregator: 'sum' };
  }

  override async get() {
    const values = this.values().map((v) => ({ labels: { ...v.sharedLabels, ...v.labels }, value: v.value, metricName: v.metricName }));
    return { name: LATENCY_NAME, help: LATENCY_HELP, type: 'histogram', values, aggregator: 'sum' } as unknown as Awaited<
      ReturnType<Histogram<Label>['get']>
    >;
  }

  override reset(): void {
    // prom-client's constructor resets too, before the series are set.
    if (this.series === undefined) return;
    for (const s of this.series.values()) {
      s.count = 0;
      s.sum = 0;
      s.perBucket.fill(0);
    }
  }
}

export function installMetrics(app: FastifyInstance, opts: MetricsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'campo_' });
  // The series are looked up once per (method, route, status) and handed to prom-client when scraped.
  const series = new Map<string, Series>();
  new Counter({
    name: 'campo_http_requests_total',
    help: 'HTTP requests answered',
    labelNames: LABEL_NAMES,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of series.values()) this.inc(s.labels, s.count);
    },
  });
  new RouteLatency(registry, series);
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
      s = {
        labels: { method: request.method, route, status: String(reply.statusCode) },
        count: 0,
        sum: 0,
        perBucket: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0),
      };
      series.set(key, s);
    }
    const seconds = reply.elapsedTime / 1000;
    let i = 0;
    while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]) i++;
    s.perBucket[i] += 1;
    s.count += 1;
    s.sum += seconds;
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });
  app.addHook('onClose', async () => registry.clear());
  return registry;
}
