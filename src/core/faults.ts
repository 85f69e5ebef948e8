// Fault injection for test suites (admin API): rules that make matching requests slow, fail,
// drop their connection or see an expired token, and make webhook deliveries arrive twice or
// never. Rules live in this node's memory (see README: with several nodes, add them on each).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from './clock.js';

export const FAULT_ACTIONS = ['latency', 'status', 'drop', 'expiredToken', 'webhookTwice', 'webhookNever'] as const;
export type FaultAction = (typeof FAULT_ACTIONS)[number];
export type WebhookFault = 'twice' | 'never';

export interface FaultInput {
  action: FaultAction;
  /** HTTP method, or "*" (default) for any. Ignored by webhook faults. */
  method?: string;
  /** Path pattern (`*` matches any run of characters; case-insensitive). Webhook faults match the target URL. */
  path?: string;
  /** Only requests (or deliveries) of this account; absent: every account. */
  accountId?: number;
  /** latency: milliseconds added before the request is handled. */
  latencyMs?: number;
  /** status: the status code answered instead of the real one. */
  status?: number;
  /** status: the JSON body answered (absent: empty body). */
  body?: unknown;
  /** status: extra response headers (for example Retry-After). */
  headers?: Record<string, string>;
  /** Chance (0–1] that a matching request is affected (default 1). */
  probability?: number;
  /** Affect only the next N matching requests, then the rule is spent (absent: until cleared). */
  count?: number;
}

export interface FaultRule extends FaultInput {
  id: number;
  method: string;
  path: string;
  probability: number;
  /** Matching requests this rule still affects (null: unlimited). */
  remaining: number | null;
  /** Requests this rule affected so far. */
  hits: number;
  createdAt: string;
}

/** `*` wildcards -> an anchored, case-insensitive regular expression. */
export function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`, 'i');
}

const REQUEST_FAULTS: readonly FaultAction[] = ['latency', 'status', 'drop', 'expiredToken'];
const REQUEST_FAULTS_UNAUTHENTICATED: readonly FaultAction[] = ['latency', 'status', 'drop'];

interface Compiled {
  rule: FaultRule;
  re: RegExp;
}

export class FaultRegistry {
  private rules: Compiled[] = [];
  private nextId = 1;

  constructor(
    private readonly clock: Clock,
    private readonly random: () => number = Math.random,
  ) {}

  add(input: FaultInput): FaultRule {
    const rule: FaultRule = {
      ...input,
      id: this.nextId++,
      method: (input.method ?? '*').toUpperCase(),
      path: input.path ?? '*',
      probability: input.probability ?? 1,
      remaining: input.count ?? null,
      hits: 0,
      createdAt: this.clock.now().toISOString(),
    };
    this.rules.push({ rule, re: patternToRegExp(rule.path) });
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((c) => ({ ...c.rule }));
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((c) => c.rule.id !== id);
    return this.rules.length < before;
  }

  /** Removes every rule (or only one account's); returns how many were removed. */
  clear(accountId?: number): number {
    const before = this.rules.length;
    this.rules = accountId === undefined ? [] : this.rules.filter((c) => c.rule.accountId !== accountId);
    return before - this.rules.length;
  }

  get size(): number {
    return this.rules.length;
  }

  /** The first rule that fires for this request or delivery (counting it), if any. */
  private fire(kinds: readonly FaultAction[], method: string, target: string, accountId: number | undefined): FaultRule | undefined {
    for (const c of this.rules) {
      const r = c.rule;
      if (!kinds.includes(r.action)) continue;
      if (r.method !== '*' && r.method !== method) continue;
      if (r.accountId !== undefined && r.accountId !== accountId) continue;
      if (!c.re.test(target)) continue;
      if (r.probability < 1 && this.random() >= r.probability) continue;
      r.hits += 1;
      if (r.remaining !== null) {
        r.remaining -= 1;
        if (r.remaining <= 0) this.rules = this.rules.filter((x) => x !== c);
      }
      return r;
    }
    return undefined;
  }

  forRequest(method: string, path: string, accountId: number | undefined): FaultRule | undefined {
    if (this.rules.length === 0) return undefined;
    // An expired token only means something on a request that carried a valid one.
    return this.fire(accountId === undefined ? REQUEST_FAULTS_UNAUTHENTICATED : REQUEST_FAULTS, method, path, accountId);
  }

  /** What to do with one webhook delivery attempt to `url` for `accountId`. */
  forWebhook(accountId: number, url: string): WebhookFault | undefined {
    if (this.rules.length === 0) return undefined;
    const r = this.fire(['webhookTwice', 'webhookNever'], 'POST', url, accountId);
    return r === undefined ? undefined : r.action === 'webhookTwice' ? 'twice' : 'never';
  }
}

/**
 * Applies request faults after authentication (so rules can match an account), except on the
 * admin API itself: an operator can always list and clear rules.
 */
export function installFaults(
  app: FastifyInstance,
  faults: FaultRegistry,
  adminPrefix: string,
  isInternal: (headers: Record<string, unknown>) => boolean,
): void {
  const admin = adminPrefix.toLowerCase();
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    if (faults.size === 0 || isInternal(request.headers)) return;
    const path = request.url.split('?')[0];
    if (path.toLowerCase().startsWith(admin)) return;
    const rule = faults.forRequest(request.method, path, request.auth?.accountId);
    if (!rule) return;
    request.log.info({ faultId: rule.id, action: rule.action }, 'fault injected');
    switch (rule.action) {
      case 'latency':
        await new Promise((r) => setTimeout(r, rule.latencyMs ?? 0));
        return;
      case 'drop':
        reply.hijack();
        request.raw.socket?.destroy();
        return;
      case 'expiredToken':
        // What an expired bearer token answers (D2).
        return reply.code(401).header('www-authenticate', 'Bearer').send();
      case 'status': {
        reply.code(rule.status ?? 500);
        for (const [k, v] of Object.entries(rule.headers ?? {})) reply.header(k, v);
        if (rule.body === undefined || rule.body === null) return reply.send();
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(rule.body));
      }
    }
  });
}
