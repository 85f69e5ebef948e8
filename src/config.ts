// Configuration comes from the environment only; it is validated once at boot and frozen.
import { PASSWORD_HASHING, type PasswordHashing } from './core/passwords.js';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly apiKey: string | undefined;
  readonly apiToken: string | undefined;
  readonly timeZone: string;
  readonly rateLimit: number;
  readonly redisUrl: string | undefined;
  readonly jwtSecret: string | undefined;
  readonly publicUrl: string | undefined;
  readonly logLevel: string;
  /** AUVO_DEMO=1: fill the default account with the demo data set at start (once). */
  readonly demo: boolean;
  /** AUVO_MAX_ATTACHMENT_MB: largest accepted attachment, per file. */
  readonly maxAttachmentMb: number;
  /** AUVO_WEBHOOK_FORMAT: delivery body, compat (default), camel or doc (D12a). */
  readonly webhookFormat: WebhookFormat;
  /** AUVO_WEBHOOK_RETRY_SCHEDULE: delays (ms) before each retry; dead after the last one fails. */
  readonly webhookRetrySchedule: readonly number[];
  /** AUVO_WEBHOOK_ALLOW_PRIVATE: allow targets on loopback, private and link-local addresses (default true). */
  readonly webhookAllowPrivate: boolean;
  /** AUVO_WEBHOOK_TIMEOUT_MS: how long one delivery attempt may take (default 10 s). */
  readonly webhookTimeoutMs: number;
  /** AUVO_NODE_ID: this node's stable name for its webhook delivery leases (absent: a new random one per start). */
  readonly nodeId: string | undefined;
  /** AUVO_PASSWORD_HASHING: argon2id cost for user passwords, standard (default) or sandbox. */
  readonly passwordHashing: PasswordHashing;
  /** AUVO_ADMIN_KEY: operator key of the admin API under /campo/v1/admin/ (absent: the admin API is off). */
  readonly adminKey: string | undefined;
  /** AUVO_REQUEST_JOURNAL: requests kept per account in the request journal (0: off, the default). */
  readonly requestJournal: number;
  /** LOG_FORMAT: json (default, one object a line) or pretty (coloured lines for a terminal). */
  readonly logFormat: 'json' | 'pretty';
  /** AUVO_TRUST_PROXY: Fastify's trustProxy (client address from X-Forwarded-For): false, true, a hop count or addresses/CIDRs. */
  readonly trustProxy: boolean | number | string[];
  /** AUVO_CORS_ORIGINS: browser origins allowed to call the API ("*" for any); absent: no CORS headers. */
  readonly corsOrigins: readonly string[];
  /** AUVO_DB_WAIT_SECONDS: how long to keep trying an unreachable PostgreSQL at start (default 30). */
  readonly dbWaitSeconds: number;
}

export type WebhookFormat = 'compat' | 'camel' | 'doc';

/** 10 s, 30 s, 2 min, 10 min, 1 h, 6 h: seven attempts over about seven hours. */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE: readonly number[] = Object.freeze([10_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000]);

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "10s,30s,2m,10m,1h,6h" (a bare number is seconds; "none" = no retries) -> milliseconds. */
export function parseRetrySchedule(raw: string): number[] | undefined {
  if (raw.trim().toLowerCase() === 'none') return [];
  const out: number[] = [];
  const parts = raw.split(',');
  if (parts.length > 30) return undefined;
  for (const part of parts) {
    const m = /^\s*(\d{1,9})\s*(ms|s|m|h|d)?\s*$/i.exec(part);
    if (!m) return undefined;
    const ms = Number(m[1]) * DURATION_UNITS[(m[2] ?? 's').toLowerCase()];
    if (ms < 1 || ms > 7 * 86_400_000) return undefined;
    out.push(ms);
  }
  return out;
}

function flag(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const v = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return fallback;
  }
  return Number(raw);
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;

function isIp(v: string): boolean {
  if (IPV4.test(v)) return v.split('.').every((o) => Number(o) <= 255);
  return /^[0-9a-f:.]+$/i.test(v) && v.includes(':');
}

/** An IP address or a DNS host name (labels of letters, digits and hyphens). */
function isHost(v: string): boolean {
  if (isIp(v)) return true;
  if (/^[\d.]+$/.test(v)) return false;
  return v.length <= 253 && v.split('.').every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(l));
}

/** "true"/"false", a hop count, or comma-separated addresses and CIDR ranges of the trusted proxies. */
function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string[] {
  if (raw === undefined) return false;
  const v = raw.toLowerCase();
  if (['true', 'yes', 'on'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const list = raw.split(',').map((p) => p.trim());
  if (list.every((p) => /^(loopback|linklocal|uniquelocal)$/.test(p) || isIp(p.replace(/\/\d{1,3}$/, '')))) return list;
  problems.push(`AUVO_TRUST_PROXY must be true, false, a hop count or comma-separated proxy addresses/CIDRs (got "${raw}")`);
  return false;
}

/** "*" or comma-separated origins such as https://app.example.com. */
function parseCorsOrigins(raw: string | undefined, problems: string[]): string[] {
  if (raw === undefined) return [];
  if (raw === '*') return ['*'];
  const list = raw.split(',').map((p) => p.trim().replace(/\/+$/, ''));
  for (const o of list) {
    let ok = false;
    try {
      const u = new URL(o);
      ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o;
    } catch {}
    if (!ok) {
      problems.push(`AUVO_CORS_ORIGINS must be "*" or comma-separated origins such as https://app.example.com (got "${o}")`);
      return [];
    }
  }
  return list;
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const port = integer(env, 'PORT', 8080, 0, 65535, problems);
  const rateLimit = integer(env, 'AUVO_RATE_LIMIT', 400, 0, 1_000_000_000, problems);
  const maxAttachmentMb = integer(env, 'AUVO_MAX_ATTACHMENT_MB', 10, 1, 1024, problems);
  const webhookFormat = (text(env, 'AUVO_WEBHOOK_FORMAT') ?? 'compat').toLowerCase() as WebhookFormat;
  if (!['compat', 'camel', 'doc'].includes(webhookFormat)) {
    problems.push(`AUVO_WEBHOOK_FORMAT must be compat, camel or doc (got "${env.AUVO_WEBHOOK_FORMAT}")`);
  }
  const scheduleText = text(env, 'AUVO_WEBHOOK_RETRY_SCHEDULE');
  const webhookRetrySchedule = scheduleText === undefined ? DEFAULT_WEBHOOK_RETRY_SCHEDULE : parseRetrySchedule(scheduleText);
  if (webhookRetrySchedule === undefined) {
    problems.push(
      `AUVO_WEBHOOK_RETRY_SCHEDULE must be "none" or up to 30 comma-separated delays such as 10s,30s,2m,10m,1h,6h, each at most 7d (got "${scheduleText}")`,
    );
  }
  const webhookAllowPrivate = flag(env, 'AUVO_WEBHOOK_ALLOW_PRIVATE', true, problems);
  const webhookTimeoutMs = integer(env, 'AUVO_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000, problems);
  const nodeId = text(env, 'AUVO_NODE_ID');
  if (nodeId !== undefined && !/^[A-Za-z0-9._:-]{1,64}$/.test(nodeId)) {
    problems.push(`AUVO_NODE_ID must be 1-64 letters, digits, dots, colons, dashes or underscores (got "${nodeId}")`);
  }
  const databaseUrl = text(env, 'DATABASE_URL') ?? 'sqlite:./data/campo.db';
  if (!/^(sqlite:|postgres:\/\/|postgresql:\/\/)/i.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl}")`);
  }
  const apiKey = text(env, 'AUVO_API_KEY');
  const apiToken = text(env, 'AUVO_API_TOKEN');
  if ((apiKey === undefined) !== (apiToken === undefined)) {
    problems.push('AUVO_API_KEY and AUVO_API_TOKEN must be set together');
  }
  const timeZone = text(env, 'AUVO_TIMEZONE') ?? 'America/Sao_Paulo';
  if (!isTimeZone(timeZone)) problems.push(`AUVO_TIMEZONE is not a known IANA time zone (got "${timeZone}")`);
  const redisUrl = text(env, 'REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\//i.test(redisUrl)) {
    problems.push(`REDIS_URL must start with redis:// or rediss:// (got "${redisUrl}")`);
  }
  const jwtSecret = text(env, 'AUVO_JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push('AUVO_JWT_SECRET must be at least 32 characters long');
  }
  let publicUrl = text(env, 'AUVO_PUBLIC_URL');
  if (publicUrl !== undefined) {
    try {
      const u = new URL(publicUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      publicUrl = publicUrl.replace(/\/+$/, '');
    } catch {
      problems.push(`AUVO_PUBLIC_URL must be an absolute http(s) URL (got "${publicUrl}")`);
    }
  }
  const logLevel = text(env, 'LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }
  const passwordHashing = (text(env, 'AUVO_PASSWORD_HASHING') ?? 'standard').toLowerCase() as PasswordHashing;
  if (!PASSWORD_HASHING.includes(passwordHashing)) {
    problems.push(`AUVO_PASSWORD_HASHING must be standard or sandbox (got "${env.AUVO_PASSWORD_HASHING}")`);
  }
  const adminKey = text(env, 'AUVO_ADMIN_KEY');
  if (adminKey !== undefined && adminKey.length < 16) problems.push('AUVO_ADMIN_KEY must be at least 16 characters long');
  const requestJournal = integer(env, 'AUVO_REQUEST_JOURNAL', 0, 0, 100_000, problems);
  const demoRaw = (text(env, 'AUVO_DEMO') ?? '0').toLowerCase();
  if (!['0', '1', 'true', 'false'].includes(demoRaw)) problems.push(`AUVO_DEMO must be 0 or 1 (got "${demoRaw}")`);
  const logFormat = (text(env, 'LOG_FORMAT') ?? 'json').toLowerCase() as Config['logFormat'];
  if (!['json', 'pretty'].includes(logFormat)) problems.push(`LOG_FORMAT must be json or pretty (got "${env.LOG_FORMAT}")`);
  const trustProxy = parseTrustProxy(text(env, 'AUVO_TRUST_PROXY'), problems);
  const corsOrigins = parseCorsOrigins(text(env, 'AUVO_CORS_ORIGINS'), problems);
  const dbWaitSeconds = integer(env, 'AUVO_DB_WAIT_SECONDS', 30, 0, 3600, problems);
  const host = text(env, 'HOST') ?? '0.0.0.0';
  if (!isHost(host)) problems.push(`HOST must be an IP address or a host name (got "${host}")`);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    databaseUrl,
    apiKey,
    apiToken,
    timeZone,
    rateLimit,
    redisUrl,
    jwtSecret,
    publicUrl,
    logLevel,
    demo: demoRaw === '1' || demoRaw === 'true',
    maxAttachmentMb,
    webhookFormat,
    webhookRetrySchedule: Object.freeze([...(webhookRetrySchedule ?? [])]),
    webhookAllowPrivate,
    webhookTimeoutMs,
    nodeId,
    passwordHashing,
    adminKey,
    requestJournal,
    logFormat,
    trustProxy: Array.isArray(trustProxy) ? (Object.freeze(trustProxy) as string[]) : trustProxy,
    corsOrigins: Object.freeze(corsOrigins),
    dbWaitSeconds,
  });
}
