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

function localParts(instant: Date, timeZone: string): Parts {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
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
