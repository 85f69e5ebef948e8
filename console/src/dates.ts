// Auvo dates are naive local strings (yyyy-MM-ddTHH:mm:ss in the server's zone): the console
// works on the strings themselves and never shifts them through a time zone.

const pad = (n: number) => String(n).padStart(2, '0');

export function ymd(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** yyyy-MM-dd plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return ymd(new Date(y, m - 1, d + days));
}

/** The Monday of the week of `day`. */
export function weekStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const dow = (new Date(y, m - 1, d).getDay() + 6) % 7;
  return addDays(day, -dow);
}

export function dayOf(naive: string): string {
  return naive.slice(0, 10);
}

export function timeOf(naive: string): string {
  return naive.slice(11, 16);
}

export function weekdayLabel(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(locale, { weekday: 'short', day: '2-digit', month: '2-digit' });
}

/** The current wall-clock time as a naive string. */
export function nowNaive(): string {
  const d = new Date();
  return `${ymd(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
