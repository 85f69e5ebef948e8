// Auvo emits naive local date strings (no zone) in the server time zone and reads filter
// dates the same way. Instants are kept in UTC; conversion happens only here.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock of `instant` in `timeZone`, as Intl computes it (the slow, exact way). */
export function intlParts(instant: Date, timeZone: string): Parts {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** The zone's offset from UTC (ms) at `ms`, whole seconds (the wall clock minus the instant). */
function intlOffset(ms: number, timeZone: string): number {
  const p = intlParts(new Date(ms), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * Offsets per zone and quarter hour. Zones change their offset at most once in a quarter hour, and
 * a quarter whose start and end share an offset keeps it throughout; a quarter holding a change is
 * cached as NaN and asks Intl for each instant. Kept small: emptied when it grows past its size.
 */
const QUARTER_MS = 15 * 60_000;
const OFFSET_CACHE_SIZE = 20_000;
const offsets = new Map<string, Map<number, number>>();

function offsetAt(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const quarter = Math.floor(ms / QUARTER_MS);
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_MS;
    const first = intlOffset(start, timeZone);
    offset = first === intlOffset(start + QUARTER_MS - 1000, timeZone) ? first : Number.NaN;
    if (zone.size >= OFFSET_CACHE_SIZE) zone.clear();
    zone.set(quarter, offset);
  }
  return Number.isNaN(offset) ? intlOffset(ms, timeZone) : offset;
}

/** The wall clock of `instant` in `timeZone` (Intl's answer, computed from a cached offset). */
export function localParts(instant: Date, timeZone: string): Parts {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) return intlParts(instant, timeZone);
  const wall = new Date(ms + offsetAt(ms, timeZone));
  const year = wall.getUTCFullYear();
  // Intl writes years outside 1-9999 differently (eras): leave those to it.
  if (year < 1 || year > 9999) return intlParts(instant, timeZone);
  return {
    year,
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `yyyy-MM-ddTHH:mm:ss` in the given zone (D8). */
export function formatLocal(instant: Date | string, timeZone: string): string {
  const p = localParts(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `yyyy-MM-dd HH:mm:ss` in the given zone (login `created`/`expiration`, D1). */
export function formatLocalSpaced(instant: Date, timeZone: string): string {
  return formatLocal(instant, timeZone).replace('T', ' ');
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * Reads `yyyy-MM-dd` or `yyyy-MM-ddTHH:mm:ss` as a wall-clock time in `timeZone` and returns
 * the UTC instant, or undefined when the text is not such a date. Strings with an explicit
 * zone (`Z`, `+03:00`) are taken as instants.
 */
export function parseLocal(text: string, timeZone: string): Date | undefined {
  const s = text.trim();
  const m = NAIVE.exec(s);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
      const d = new Date(s);
      return Number.isNaN(d.getTime()) ? undefined : d;
    }
    return undefined;
  }
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1);
  const want = { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +se };
  if (want.month < 1 || want.month > 12 || want.day < 1 || want.day > 31 || want.hour > 23 || want.minute > 59 || want.second > 59) {
    return undefined;
  }
  const asUtc = Date.UTC(want.year, want.month - 1, want.day, want.hour, want.minute, want.second);
  if (new Date(asUtc).getUTCDate() !== want.day) return undefined;
  // Two passes settle the offset even across a daylight-saving change.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += asUtc - seen;
  }
  return new Date(guess);
}

/** Whether `text` is a valid `HH:mm:ss` (or `HH:mm`) time of day. */
export function isTimeOfDay(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(text);
}
