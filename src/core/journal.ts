// The request journal (admin API): the last N requests of each account with their bodies,
// credentials redacted, for test suites to assert what a client sent. Off unless
// AUVO_REQUEST_JOURNAL sets N; kept in this node's memory.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from './clock.js';

export interface JournalEntry {
  /** Increases with every request of the account (restarts when the journal is cleared). */
  seq: number;
  requestId: string;
  at: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  durationMs: number;
  requestBody: unknown;
  responseBody: unknown;
}

export interface JournalQuery {
  /** Path pattern (`*` wildcards, case-insensitive). */
  path?: RegExp;
  method?: string;
  status?: number;
  /** ISO instants, inclusive. */
  fromMs?: number;
  toMs?: number;
  limit?: number;
}

export const REDACTED = '<redacted>';
const SECRET_KEY = /password|token|secret|authorization|^apikey$/i;
const MAX_BODY_CHARS = 64 * 1024;

/** A copy of `value` with every credential-looking property replaced by "<redacted>". */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && v !== null && v !== '' ? REDACTED : redact(v);
    return out;
  }
  return value;
}

function bodyOf(payload: unknown): unknown {
  if (payload === undefined || payload === null || payload === '') return null;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return `<${typeof payload}>`;
  const text = payload.toString();
  if (text.length > MAX_BODY_CHARS) return `<${text.length} characters>`;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The account a successful login opened: the `acc` claim of the token it answered with. */
function loginAccount(body: unknown): number | undefined {
  const token = (body as { result?: { accessToken?: unknown } } | null)?.result?.accessToken;
  if (typeof token !== 'string') return undefined;
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { acc?: unknown };
    return typeof claims.acc === 'number' ? claims.acc : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The account of a refused bearer token (expired, or its account's check failed): a client's 401s
 * belong in its journal. The signature must check out (expiry is not checked by the verifier).
 */
function tokenAccount(app: FastifyInstance, request: FastifyRequest): number | undefined {
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!m) return undefined;
  try {
    const acc = app.jwt.verify<{ acc?: unknown }>(m[1]).acc;
    return typeof acc === 'number' ? acc : undefined;
  } catch {
    return undefined;
  }
}

export class RequestJournal {
  private readonly byAccount = new Map<number, { next: number; entries: JournalEntry[] }>();

  constructor(readonly capacity: number) {}

  get enabled(): boolean {
    return this.capacity > 0;
  }

  record(accountId: number, entry: Omit<JournalEntry, 'seq'>): void {
    let j = this.byAccount.get(accountId);
    if (!j) {
      j = { next: 1, entries: [] };
      this.byAccount.set(accountId, j);
    }
    j.entries.push({ seq: j.next++, ...entry });
    if (j.entries.length > this.capacity) j.entries.splice(0, j.entries.length - this.capacity);
  }

  /** Oldest first; `limit` keeps the newest ones. */
  query(accountId: number, q: JournalQuery = {}): JournalEntry[] {
    const all = this.byAccount.get(accountId)?.entries ?? [];
    const out = all.filter((e) => {
      if (q.path && !q.path.test(e.path)) return false;
      if (q.method && e.method !== q.method.toUpperCase()) return false;
      if (q.status !== undefined && e.status !== q.status) return false;
      const t = Date.parse(e.at);
      if (q.fromMs !== undefined && t < q.fromMs) return false;
      if (q.toMs !== undefined && t > q.toMs) return false;
      return true;
    });
    return q.limit !== undefined && out.length > q.limit ? out.slice(out.length - q.limit) : out;
  }

  /** Forgets one account's entries (or every account's); returns how many were dropped. */
  clear(accountId?: number): number {
    if (accountId !== undefined) {
      const n = this.byAccount.get(accountId)?.entries.length ?? 0;
      this.byAccount.delete(accountId);
      return n;
    }
    let n = 0;
    for (const j of this.byAccount.values()) n += j.entries.length;
    this.byAccount.clear();
    return n;
  }
}

/** Records every answered request of an account (the admin API, docs and health are left out). */
export function installJournal(
  app: FastifyInstance,
  journal: RequestJournal,
  clock: Clock,
  adminPrefix: string,
  isInternal: (headers: Record<string, unknown>) => boolean,
): void {
  if (!journal.enabled) return;
  const admin = adminPrefix.toLowerCase();
  app.addHook('onSend', (request: FastifyRequest, reply, payload, done) => {
    // The server's own in-process requests (the demo seed) are not a client's.
    if (isInternal(request.headers)) return done(null, payload);
    const path = request.url.split('?')[0];
    const lower = path.toLowerCase();
    if (lower.startsWith(admin) || !(lower.startsWith('/v2/') || lower.startsWith('/campo/v1/'))) return done(null, payload);
    const responseBody = bodyOf(payload);
    const accountId =
      request.auth?.accountId ?? tokenAccount(app, request) ?? (/^\/v2\/login\/?$/i.test(path) ? loginAccount(responseBody) : undefined);
    if (accountId !== undefined) {
      journal.record(accountId, {
        requestId: String(request.id),
        at: clock.now().toISOString(),
        method: request.method,
        path,
        query: redact({ ...(request.query as Record<string, unknown>) }) as Record<string, unknown>,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        requestBody: redact(request.body ?? null),
        responseBody: redact(responseBody),
      });
    }
    done(null, payload);
  });
}
