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
}

/** POSTs `body` to `target`; never throws. Redirects are not followed (a 3xx is a failure). */
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
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, durationMs: elapsed() });
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(payload.length) },
      agent: false,
      ...(opts.allowPrivate ? {} : { lookup: guardedLookup as never }),
    });
    const timer = setTimeout(() => {
      finish({ status: null, body: null, error: `timeout after ${opts.timeoutMs} ms` });
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (err) => finish({ status: null, body: null, error: err.message || String(err) }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const text = Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_EXCERPT);
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        finish({ status, body: text, error: ok ? null : `HTTP ${status}` });
        res.destroy();
      };
      res.on('data', (c: Buffer) => {
        if (size < RESPONSE_READ_LIMIT) chunks.push(c);
        size += c.length;
        if (size >= RESPONSE_READ_LIMIT) done();
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end(payload);
  });
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
  /** Deliveries claimed per round (default 20). */
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
  private log: ErrorLog | undefined;

  constructor(private readonly o: DispatcherOptions) {
    this.random = o.random ?? Math.random;
  }

  /** A lease outlives the longest attempt, so only a dead node's lease ever expires. */
  get leaseMs(): number {
    return this.o.timeoutMs + 60_000;
  }

  /** Claims the due deliveries and makes one attempt at each (in parallel: they concern different entities). */
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
      const batch = this.o.batchSize ?? 20;
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
      this.o.batchSize ?? 20,
    );
    const result: RoundResult = { attempted: claimed.length, delivered: 0, failed: 0, dead: 0 };
    if (claimed.length === 0) return result;
    const hooks = await db
      .selectFrom('webhooks')
      .select(['id', 'url', 'auth_header', 'secret'])
      .where('id', 'in', [...new Set(claimed.map((d) => d.webhook_id))])
      .execute();
    const byId = new Map(hooks.map((h) => [h.id, h]));
    const outcomes = await Promise.all(
      claimed.map(async (d) => {
        const hook = byId.get(d.webhook_id);
        if (hook) return this.attempt(d, hook);
        await repo.markDeliveryDead(db, d.id, owner, now.toISOString(), 'webhook not found');
        return 'dead' as const;
      }),
    );
    for (const o of outcomes) result[o === 'pending' ? 'failed' : o] += 1;
    return result;
  }

  private async attempt(
    d: repo.DeliveryRow,
    hook: { url: string; auth_header: string | null; secret: string | null },
  ): Promise<'delivered' | 'pending' | 'dead'> {
    const startedAt = this.o.clock.now();
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      [DELIVERY_HEADER]: String(d.id),
    };
    if (hook.auth_header) headers.Authorization = hook.auth_header;
    if (hook.secret) headers[SIGNATURE_HEADER] = signBody(hook.secret, d.body);
    const send = () => postJson(hook.url, headers, d.body, { timeoutMs: this.o.timeoutMs, allowPrivate: this.o.allowPrivate });
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
    await repo.finishAttempt(
      this.o.db,
      d.id,
      this.o.owner,
      { status, attempts, nextAttemptAt, at: at.toISOString(), responseStatus: sent.status, error: sent.error },
      {
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
    );
    return status;
  }
}
