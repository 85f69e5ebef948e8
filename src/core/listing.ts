// Lists: paramFilter decoding (D5), paging and order (D6), selectfields, the envelope and
// its links, and the 404-with-envelope rule for empty pages (D4).
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { AppError, EnvelopeError } from './errors.js';
import { canonicalizer } from './keys.js';

export interface Paging {
  page: number;
  pageSize: number;
  /** 0 ascending, 1 descending (by primary id). */
  order: 0 | 1;
}

export interface ListQueryInput {
  paramFilter?: string;
  page?: string;
  pageSize?: string;
  order?: string;
  selectfields?: string;
}

export interface DecodedFilter<F> {
  filter: F;
  /** The filter text as received (after transport decoding); echoed in links. */
  text: string | undefined;
}

function looksEncoded(s: string): boolean {
  return /^\s*%(?:7b|5b|25)/i.test(s) || (/%[0-9a-f]{2}/i.test(s) && !/[{"]/.test(s));
}

/**
 * Reads `paramFilter` the ways real clients send it: percent-encoded (already decoded by the
 * query parser), `+` for spaces, raw braces, double-encoded (`%257B...`), empty, `{}`.
 * Keys are matched case-insensitively against `schema`; values are coerced to the schema's
 * types (numbers sent as strings and the reverse). `filterName` names the filter in messages.
 */
export function decodeParamFilter<S extends TSchema>(
  schema: S,
  raw: string | undefined,
  filterName: string,
): DecodedFilter<Record<string, unknown>> {
  if (raw === undefined) return { filter: {}, text: undefined };
  let text = raw;
  for (let i = 0; i < 3 && looksEncoded(text); i++) {
    try {
      text = decodeURIComponent(text);
    } catch {
      break;
    }
  }
  if (text.trim() === '') return { filter: {}, text };
  if (text.includes('\u0000') || text.includes('\\u0000')) {
    throw new EnvelopeError(`The paramFilter must not contain the NUL character (${filterName}).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new EnvelopeError(`The paramFilter is required as ${filterName} string json.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new EnvelopeError(`The paramFilter is required as ${filterName} string json.`);
  }
  const canonical = canonicalizer(schema)(parsed) as Record<string, unknown>;
  // Auvo clients send null or "" for filters they do not use: treat both as absent.
  for (const [k, v] of Object.entries(canonical)) if (v === null || v === '') delete canonical[k];
  const converted = Value.Convert(schema, canonical) as Record<string, unknown>;
  if (!Value.Check(schema, converted)) {
    const first = [...Value.Errors(schema, converted)][0];
    const key = first?.instancePath?.replace(/^\//, '').split('/')[0] || 'paramFilter';
    throw new EnvelopeError(`The paramFilter field '${key}' is not valid for ${filterName}.`);
  }
  return { filter: converted, text };
}

/** Fails with the documented envelope when a required filter key is absent (D5). */
export function requireFilterKeys(filter: Record<string, unknown>, keys: string[], filterName: string): void {
  for (const k of keys) {
    if (filter[k] === undefined)
      throw new EnvelopeError(`The paramFilter is required as ${filterName} string json. The field '${k}' is required.`);
  }
}

function positiveInt(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\s*\d+\s*$/.test(raw)) throw new EnvelopeError(`The ${name} must be a positive integer.`);
  const n = Number(raw);
  if (n < 1 || !Number.isSafeInteger(n)) throw new EnvelopeError(`The ${name} must be a positive integer.`);
  return n;
}

export function parseOrder(raw: string | undefined): 0 | 1 {
  if (raw === undefined || raw.trim() === '') return 0;
  const v = raw.trim().toLowerCase();
  if (v === 'asc' || v === '0' || v === 'ascending') return 0;
  if (v === 'desc' || v === '1' || v === 'descending') return 1;
  throw new EnvelopeError(`The order must be "asc"/0 or "desc"/1.`);
}

export function parsePaging(q: ListQueryInput, opts: { maxPageSize?: number } = {}): Paging {
  const page = positiveInt(q.page, 'page', 1);
  const pageSize = positiveInt(q.pageSize, 'pageSize', 10);
  if (opts.maxPageSize !== undefined && pageSize > opts.maxPageSize) {
    throw new EnvelopeError(`The pageSize must not be greater than ${opts.maxPageSize}.`);
  }
  return { page, pageSize, order: parseOrder(q.order) };
}

/** Rows to skip; kept finite for absurd page numbers (the page is simply empty). */
export function offsetOf(p: Paging): number {
  return Math.min((p.page - 1) * p.pageSize, Number.MAX_SAFE_INTEGER);
}

/** Keeps only the requested properties (names case-insensitive, unknown names ignored). */
export function selectFields<T extends Record<string, unknown>>(items: T[], selectfields: string | undefined): Partial<T>[] {
  if (selectfields === undefined || selectfields.trim() === '' || items.length === 0) return items;
  const wanted = new Set(
    selectfields
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  const keys = Object.keys(items[0]).filter((k) => wanted.has(k.toLowerCase()));
  if (keys.length === 0) return items;
  return items.map((it) => Object.fromEntries(keys.map((k) => [k, it[k]])) as Partial<T>);
}

export interface ListEnvelopeValue<T> {
  entityList: T[];
  pagedSearchReturnData: { order: number; pageSize: number; page: number; totalItems: number };
  links: { href: string; rel: string; method: string }[];
}

export interface ListArgs<T> {
  items: T[];
  totalItems: number;
  paging: Paging;
  /** Resource name as the server's own links spell it (`Users`, `Tasks`, ...). */
  resource: string;
  filterText: string | undefined;
  baseUrl: string;
}

function link(a: ListArgs<unknown>, page: number): string {
  const filter = a.filterText === undefined ? '' : `ParamFilter=${encodeURIComponent(a.filterText)}&`;
  const order = a.paging.order === 1 ? 'Desc' : 'Asc';
  return `${a.baseUrl}/v2/${a.resource}?${filter}Page=${page}&PageSize=${a.paging.pageSize}&Order=${order}`;
}

/** Builds the list envelope; an empty page answers 404 carrying the same envelope (D4). */
export function listResult<T>(a: ListArgs<T>): ListEnvelopeValue<T> {
  const { page, pageSize, order } = a.paging;
  const links = [{ href: link(a, page), rel: 'self', method: 'GET' }];
  if (page * pageSize < a.totalItems) links.push({ href: link(a, page + 1), rel: 'nextPage', method: 'GET' });
  const envelope = {
    entityList: a.items,
    pagedSearchReturnData: { order, pageSize, page, totalItems: a.totalItems },
    links,
  };
  if (a.items.length === 0) throw new AppError(404, { result: envelope }, 'empty page');
  return envelope;
}

/** Splits "a, b,c" (or an array) into trimmed non-empty strings: the "allow multiples" filters. */
export function multiValues(v: unknown): string[] {
  const parts = Array.isArray(v) ? v.map(String) : String(v).split(',');
  return parts.map((s) => s.trim()).filter((s) => s !== '');
}
