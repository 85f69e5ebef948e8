// Configuration comes from the environment only; it is validated once at boot and frozen.
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
  /** AUVO_MAX_ATTACHMENT_MB: largest accepted attachment, per file. */
  readonly maxAttachmentMb: number;
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

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const port = integer(env, 'PORT', 8080, 0, 65535, problems);
  const rateLimit = integer(env, 'AUVO_RATE_LIMIT', 400, 0, 1_000_000_000, problems);
  const maxAttachmentMb = integer(env, 'AUVO_MAX_ATTACHMENT_MB', 10, 1, 1024, problems);
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
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host: text(env, 'HOST') ?? '0.0.0.0',
    databaseUrl,
    apiKey,
    apiToken,
    timeZone,
    rateLimit,
    redisUrl,
    jwtSecret,
    publicUrl,
    logLevel,
    maxAttachmentMb,
  });
}
