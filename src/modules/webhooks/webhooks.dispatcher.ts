// The delivery side of webhooks: after a write commits, its outbox rows are claimed (a lease,
// SKIP LOCKED on PostgreSQL), POSTed, and journalled attempt by attempt. Failed attempts are
// retried on the configured schedule with jitter, then dead-lettered. Nothing here runs inside
// a request's transaction; the loop runs only when started (serve), tests call runOnce().
import { createHmac } from 'node:crypto';
import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../core/clock.js';
import * as repo from './webhooks.repo.js';

export const SIGNATURE_HEADER = 'X-Campo-Signature';
export const DELIVERY_HEADER = 'X-Campo-Delivery';
const USER_AGENT = 'Campo-Webhooks/1';
/** Characters of the receiver's answer kept in the journal. */
const RESPONSE_EXCERPT = 1024;
/** Bytes of the receiver's answer read at most (the rest is discarded). */
const RESPONSE_READ_LIMIT = 64 * 1024;

// ---- Address guard (AUVO_WEBHOOK_ALLOW_PRIVATE=false) -------------------------------------

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata endpoints live here)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** Whether `address` (an IP literal) is loopback, private, link-local or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(address, 'ipv6');
}

export class RefusedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`The target ${host} resolves to ${address}, a loopback, private or link-local address (AUVO_WEBHOOK_ALLOW_PRIVATE=false).`);
    this.name = 'RefusedAddressError';
  }
}

/** Host name of a URL without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** Resolves `host` and fails when any of its addresses is not public. */
export async function assertPublicHost(host: string): Promise<void> {
  if (isIP(host)) {
    if (isPrivateAddress(host)) throw new RefusedAddressError(host, host);
    return;
  }
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, a) => (err ? reject(err) : resolve(a))),
  );
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (bad) throw new RefusedAddressError(host, bad.address);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that refuses non-public addresses at connect time (no DNS rebinding window). */
function guardedLookup(hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void {
  dnsLookup(hostname, { family: options.family ?? 0, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new RefusedAddressError(hostname, bad.address) as NodeJS.ErrnoException, []);
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}

// ---- One HTTP attempt ---------------------------------------------------------------------

export interface SendResult {
  status: number | null;
  body: string | null;
  error: string | null;
  durationMs: number;
}

export interface SendOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Keep-alive agents to reuse connections with (absent: a new connection per request). */
  agents?: Agents;
}

export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

/** How long an idle connection to a receiver stays open (below the 5 s that Node servers keep one). */
const IDLE_SOCKET_MS = 4000;

/**
 * Agents that keep connections to receivers open between attempts: a connection (and a TLS
 * handshake) per delivery costs more than the delivery at a thousand a second. An idle
 * connection is closed after IDLE_SOCKET_MS, or sooner when the receiver's Keep-Alive header
 * says so; the address guard runs whenever one is opened.
 */
export function keepAliveAgents(): Agents {
  const o = { keepAlive: true, timeout: IDLE_SOCKET_MS };
  return { http: new http.Agent(o), https: new https.Agent(o) };
}

/**
 * POSTs `body` to `target`; never throws. Redirects are not followed (a 3xx is a failure). A
 * reused connection that the receiver closed as the request left (it fails before any answer)
 * is retried once on a new one: the race every keep-alive client meets, not a failed attempt.
 */
export async function postJson(target: string, headers: Record<string, string>, body: string, opts: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { status: null, body: null, error: 'invalid target URL', durationMs: 0 };
  }
  if (!opts.allowPrivate && isIP(hostOf(url)) && isPrivateAddress(hostOf(url))) {
    return { status: null, body: null, error: new RefusedAddressError(hostOf(url), hostOf(url)).message, durationMs: elapsed() };
  }
  const payload = Buffer.from(body, 'utf8');
  const secure = url.protocol === 'https:';
  const client = secure ? https : http;
  const agent = opts.agents === undefined ? false : secure ? opts.agents.https : opts.agents.http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    let req: http.ClientRequest;
    const finish = (r: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, durationMs: elapsed() });
    };
    const timer = setTimeout(() => {
      finish({ status: null, body: null, error: `timeout after ${opts.timeoutMs} ms` });
      req.destroy();
    }, opts.timeoutMs);
    const send = (retry: boolean) => {
      req = client.request(url, {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(payload.length) },
        agent,
        ...(opts.allowPrivate ? {} : { lookup: guardedLookup as never }),
      });
      let answered = false;
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (retry && !answered && !settled && req.reusedSocket && err.code === 'ECONNRESET') return send(false);
        finish({ status: null, body: null, error: err.message || String(err) });
      });
      req.on('response', (res) => {
        answered = true;
        read(res);
      });
      req.end(payload);
    };
    const read = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const text = excerpt(Buffer.concat(chunks).toString('utf8'));
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        finish({ status, body: text, error: ok ? null : `HTTP ${status}` });
        // Read to its end, the connection goes back to the agent; cut short, it is closed.
        if (!res.complete) res.destroy();
      };
      res.on('data', (c: Buffer) => {
        if (size < RESPONSE_READ_LIMIT) chunks.push(c);
        size += c.length;
        if (size >= RESPONSE_READ_LIMIT) done();
      });
      res.on('end', done);
      res.on('error', done);
    };
    send(true);
  });
}

/**
 * The start of a receiver's answer as the journal keeps it: cut without splitting a surrogate
 * pair, NUL characters replaced (neither can be stored as text on PostgreSQL, and one result the
 * store refuses would hold back a whole round's).
 */
export function excerpt(text: string): string {
  let s = text.slice(0, RESPONSE_EXCERPT);
  const last = s.charCodeAt(s.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
  return s.replaceAll('\u0000', '\ufffd');
}

/** `sha256=<hex HMAC-SHA256(secret, raw body)>`, the value of X-Campo-Signature. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

// ---- Retry policy -------------------------------------------------------------------------

/**
 * Delay before the retry that follows failed attempt number `attempt` (1-based), or undefined
 * when the schedule is exhausted (the delivery is dead). Jitter adds 0-20 % so that a receiver
 * coming back is not hit by every delivery at the same instant.
 */
export function retryDelay(schedule: readonly number[], attempt: number, random: () => number): number | undefined {
  const base = schedule[attempt - 1];
  if (base === undefined) return undefined;
  return Math.round(base * (1 + 0.2 * random()));
}

// ---- Dispatcher ---------------------------------------------------------------------------

/** How soon after a write's wake its deliveries' round starts (lets a burst of writes share one). */
const WAKE_DELAY_MS = 50;
/**
 * Deliveries claimed per round. A round's attempts run at once and its results are recorded in
 * one write, so a round costs about as much for 200 as for 20: at 1,000 changes a second the
 * queue is then drained in a few rounds a second instead of fifty.
 */
const BATCH_SIZE = 200;

export interface DispatcherOptions {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  /**
   * Identifies this node's leases. A dispatcher takes back its own owner's leases at once (its
   * rounds never overlap, so such a lease is left from an earlier life of the node: AUVO_NODE_ID).
   */
  owner: string;
  retrySchedule: readonly number[];
  timeoutMs: number;
  allowPrivate: boolean;
  /** Deliveries claimed per round (default BATCH_SIZE). */
  batchSize?: number;
  /** Idle wait between rounds of the loop (real time, default 1000 ms). */
  pollMs?: number;
  random?: () => number;
  /** Operator-injected delivery faults (admin API): send an attempt twice, or drop it unsent. */
  fault?: (accountId: number, url: string) => 'twice' | 'never' | undefined;
}

interface ErrorLog {
  error(obj: unknown, msg: string): void;
}

export interface RoundResult {
  attempted: number;
  delivered: number;
  failed: number;
  dead: number;
}

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires (Date.now() scale). */
  private timerDue = 0;
  /** A wake arrived while a round was running. */
  private woken = false;
  private running = false;
  private current: Promise<unknown> = Promise.resolve();
  private readonly random: () => number;
  private readonly agents = keepAliveAgents();
  private log: ErrorLog | undefined;

  constructor(private readonly o: DispatcherOptions) {
    this.random = o.random ?? Math.random;
  }

  /** A lease outlives the longest attempt, so only a dead node's lease ever expires. */
  get leaseMs(): number {
    return this.o.timeoutMs + 60_000;
  }

  /**
   * Claims the due deliveries and makes one attempt at each, all at once: a claim holds at most
   * one delivery of each (target, entity) chain, the oldest pending one, so they concern
   * different entities and none is due before the one ahead of it in its chain is recorded.
   * Their results are recorded together once every attempt ended (within the timeout, well
   * inside the lease).
   */
  async runOnce(): Promise<RoundResult> {
    const run = this.round();
    this.current = run.catch(() => undefined);
    return run;
  }

  /** Rounds until nothing is due (the next event of an entity becomes due once the previous one is delivered). */
  async drain(maxRounds = 100): Promise<RoundResult> {
    const total: RoundResult = { attempted: 0, delivered: 0, failed: 0, dead: 0 };
    for (let i = 0; i < maxRounds; i++) {
      const r = await this.runOnce();
      total.attempted += r.attempted;
      total.delivered += r.delivered;
      total.failed += r.failed;
      total.dead += r.dead;
      if (r.attempted === 0) break;
    }
    return total;
  }

  /** Starts the background loop (serve); rounds never overlap. */
  start(log?: ErrorLog): void {
    if (this.running) return;
    this.log = log;
    this.running = true;
    this.schedule(0);
  }

  /** Stops the loop and waits for the attempts in flight (bounded by the timeout). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /**
   * Asks the loop for an early round (a write just queued deliveries): one starts at most
   * WAKE_DELAY_MS after the first wake. A pending earlier round is never pushed back, so
   * writes arriving closer together than that cannot hold deliveries off; a wake during a
   * round makes the next round follow it by WAKE_DELAY_MS (the waking write may not have committed yet).
   */
  wake(): void {
    if (!this.running) return;
    if (this.timer === undefined) {
      this.woken = true;
      return;
    }
    const due = Date.now() + WAKE_DELAY_MS;
    if (this.timerDue <= due) return;
    clearTimeout(this.timer);
    this.schedule(WAKE_DELAY_MS);
  }

  private schedule(ms: number): void {
    this.timerDue = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.woken = false;
      const batch = this.o.batchSize ?? BATCH_SIZE;
      this.runOnce()
        .then((r) => this.running && this.schedule(r.attempted >= batch ? 0 : this.woken ? WAKE_DELAY_MS : (this.o.pollMs ?? 1000)))
        .catch((err) => {
          this.log?.error({ err }, 'webhook dispatcher round failed');
          if (this.running) this.schedule(this.o.pollMs ?? 1000);
        });
    }, ms);
    this.timer.unref();
  }

  private async round(): Promise<RoundResult> {
    const { db, dialect, clock, owner } = this.o;
    const now = clock.now();
    const claimed = await repo.claimDueDeliveries(
      db,
      dialect,
      owner,
      now.toISOString(),
      new Date(now.getTime() + this.leaseMs).toISOString(),
      this.o.batchSize ?? BATCH_SIZE,
    );
    const result: RoundResult = { attempted: claimed.length, delivered: 0, failed: 0, dead: 0 };
    if (claimed.length === 0) return result;
    const hooks = await db
      .selectFrom('webhooks')
      .select(['id', 'url', 'auth_header', 'secret'])
      .where('id', 'in', [...new Set(claimed.map((d) => d.webhook_id))])
      .execute();
    const byId = new Map(hooks.map((h) => [h.id, h]));
    const finished: repo.FinishedAttempt[] = [];
    await Promise.all(
      claimed.map(async (d) => {
        const hook = byId.get(d.webhook_id);
        if (hook) {
          const f = await this.attempt(d, hook);
          finished.push(f);
          result[f.outcome.status === 'pending' ? 'failed' : f.outcome.status] += 1;
          return;
        }
        await repo.markDeliveryDead(db, d.id, owner, now.toISOString(), 'webhook not found');
        result.dead += 1;
      }),
    );
    await this.record(finished);
    return result;
  }

  /**
   * One write for the round's results. Should the store refuse it, each result is recorded on
   * its own, so that one bad row does not send the round's other deliveries again.
   */
  private async record(finished: repo.FinishedAttempt[]): Promise<void> {
    const { db, dialect, owner } = this.o;
    try {
      await repo.finishAttempts(db, dialect, owner, finished);
      return;
    } catch (err) {
      if (finished.length === 1) throw err;
    }
    let first: unknown;
    for (const f of finished) {
      try {
        await repo.finishAttempt(db, owner, f);
      } catch (err) {
        first ??= err;
      }
    }
    if (first !== undefined) throw first;
  }

  /** POSTs one delivery (never throws) and answers its new state, to be recorded with the round's. */
  private async attempt(
    d: repo.DeliveryRow,
    hook: { url: string; auth_header: string | null; secret: string | null },
  ): Promise<repo.FinishedAttempt> {
    const startedAt = this.o.clock.now();
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      [DELIVERY_HEADER]: String(d.id),
    };
    if (hook.auth_header) headers.Authorization = hook.auth_header;
    if (hook.secret) headers[SIGNATURE_HEADER] = signBody(hook.secret, d.body);
    const send = () =>
      postJson(hook.url, headers, d.body, { timeoutMs: this.o.timeoutMs, allowPrivate: this.o.allowPrivate, agents: this.agents });
    const fault = this.o.fault?.(d.account_id, hook.url);
    // A dropped delivery counts as delivered (the receiver never hears of it); a doubled one is sent twice.
    const sent: SendResult = fault === 'never' ? { status: null, body: null, error: null, durationMs: 0 } : await send();
    if (fault === 'twice' && sent.error === null) await send();
    const attempts = d.attempts + 1;
    const at = this.o.clock.now();
    let status: 'delivered' | 'pending' | 'dead' = 'delivered';
    let nextAttemptAt: string | null = null;
    if (sent.error !== null) {
      const delay = retryDelay(this.o.retrySchedule, attempts, this.random);
      status = delay === undefined ? 'dead' : 'pending';
      if (delay !== undefined) nextAttemptAt = new Date(at.getTime() + delay).toISOString();
    }
    const journalled = { ...headers };
    if (journalled.Authorization) journalled.Authorization = '<redacted>';
    return {
      deliveryId: d.id,
      outcome: { status, attempts, nextAttemptAt, at: at.toISOString(), responseStatus: sent.status, error: sent.error },
      attempt: {
        delivery_id: d.id,
        account_id: d.account_id,
        attempt_no: attempts,
        started_at: startedAt.toISOString(),
        duration_ms: sent.durationMs,
        url: hook.url,
        request_headers: JSON.stringify(journalled),
        response_status: sent.status,
        response_body: sent.body,
        error: sent.error,
        outcome: fault === 'never' ? 'dropped' : sent.error === null ? 'delivered' : 'failed',
      },
    };
  }
}
