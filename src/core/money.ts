// Money and decimal amounts as Auvo clients send and read them. Inputs arrive as JSON numbers
// or as strings in either culture: "12.34", "12,34", "1.234,56", "1,234.56", "1234". Outputs
// are pt-BR strings ("1.234,56", products' unitaryValue/unitaryCost), dot strings ("12.34",
// services' price) or plain numbers, depending on the documented field.

const PLAIN = /^[+-]?\d+$/;

/**
 * Reads a decimal sent as a number or as a string in pt-BR or en-US notation; undefined when
 * it is not a finite decimal. When both separators appear the last one is the decimal point;
 * a lone comma is always decimal; a lone dot is decimal unless it repeats ("1.234.567").
 */
export function parseDecimal(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  let s = value.trim().replace(/\s+/g, '');
  if (s === '') return undefined;
  const sign = s.startsWith('-') ? '-' : '';
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return undefined;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart: string;
  let fracPart = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalSep = lastDot > lastComma ? '.' : ',';
    const thousandsSep = decimalSep === '.' ? ',' : '.';
    const at = s.lastIndexOf(decimalSep);
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
    if (intPart.includes(decimalSep) || !validGroups(intPart, thousandsSep)) return undefined;
    intPart = intPart.split(thousandsSep).join('');
  } else if (lastComma >= 0) {
    if (s.indexOf(',') !== lastComma) return undefined;
    intPart = s.slice(0, lastComma);
    fracPart = s.slice(lastComma + 1);
  } else if (lastDot >= 0 && s.indexOf('.') !== lastDot) {
    if (!validGroups(s, '.')) return undefined;
    intPart = s.split('.').join('');
  } else if (lastDot >= 0) {
    intPart = s.slice(0, lastDot);
    fracPart = s.slice(lastDot + 1);
  } else {
    intPart = s;
  }
  if (intPart === '') intPart = '0';
  if (!PLAIN.test(intPart) || (fracPart !== '' && !PLAIN.test(fracPart))) return undefined;
  const n = Number(`${sign}${intPart}.${fracPart || '0'}`);
  return Number.isFinite(n) ? n : undefined;
}

/** "1.234.567" style groups: 1-3 leading digits, then groups of exactly 3. */
function validGroups(s: string, sep: string): boolean {
  const parts = s.split(sep);
  if (parts.length === 1) return /^\d+$/.test(s);
  return /^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** Rounds half away from zero to `places` decimals, without binary drift (1.005 -> 1.01). */
export function roundTo(n: number, places = 2): number {
  const f = 10 ** places;
  const r = Math.round((Math.abs(n) + Number.EPSILON) * f) / f;
  return n < 0 ? -r : r;
}

/** pt-BR money string: 1234.5 -> "1.234,50" (Auvo's products, task `expense`). */
export function formatBrl(n: number, places = 2): string {
  const fixed = Math.abs(roundTo(n, places)).toFixed(places);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = roundTo(n, places) < 0 ? '-' : '';
  return frac === undefined ? `${sign}${grouped}` : `${sign}${grouped},${frac}`;
}

/** Dot decimal string without grouping: 12.3 -> "12.30" (Auvo's service `price`). */
export function formatDot(n: number, places = 2): string {
  const r = roundTo(n, places);
  return (Object.is(r, -0) ? 0 : r).toFixed(places);
}

/** A quantity as a pt-BR string without padding: 30 -> "30", 2.5 -> "2,5" (product `minimumStock`). */
export function formatQuantity(n: number): string {
  const r = roundTo(n, 4);
  return String(Object.is(r, -0) ? 0 : r).replace('.', ',');
}
