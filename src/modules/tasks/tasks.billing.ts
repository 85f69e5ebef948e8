// Task billing math (issue 5 #3), pure: line totals, discounts and the summary. Money is rounded
// to cents once per line and once per total, half away from zero, so the summary always equals
// the sum of the lines it shows.
import { roundTo } from '../../core/money.js';

/** 0: monetary value ("Valor"), 1: percentage ("Percentual"). */
export type DiscountType = 0 | 1;

export interface BillingLine {
  quantity: number;
  unitaryValue: number;
  discountType: DiscountType;
  discountValue: number;
}

export interface BillingInput {
  products: BillingLine[];
  services: BillingLine[];
  additionalCosts: BillingLine[];
  discount: { type: DiscountType; value: number };
}

export interface BillingResult {
  products: number[];
  services: number[];
  additionalCosts: number[];
  totalProducts: number;
  totalServices: number;
  totalAdditionalCosts: number;
  /** Sum of the three totals minus the task discount; never below zero. */
  totalValue: number;
}

/** Discount as an amount of money on `gross` (a percentage is capped at 100%). */
export function discountAmount(gross: number, type: DiscountType, value: number): number {
  if (value <= 0 || gross <= 0) return 0;
  const amount = type === 1 ? (gross * Math.min(value, 100)) / 100 : value;
  return roundTo(Math.min(amount, gross), 2);
}

/** `quantity × unitaryValue − discount`, rounded to cents, never negative. */
export function lineTotal(l: BillingLine): number {
  const gross = roundTo(l.quantity * l.unitaryValue, 2);
  return roundTo(Math.max(0, gross - discountAmount(gross, l.discountType, l.discountValue)), 2);
}

const sum = (xs: number[]) =>
  roundTo(
    xs.reduce((a, b) => a + b, 0),
    2,
  );

export function computeBilling(input: BillingInput): BillingResult {
  const products = input.products.map(lineTotal);
  const services = input.services.map(lineTotal);
  const additionalCosts = input.additionalCosts.map(lineTotal);
  const totalProducts = sum(products);
  const totalServices = sum(services);
  const totalAdditionalCosts = sum(additionalCosts);
  const gross = roundTo(totalProducts + totalServices + totalAdditionalCosts, 2);
  const totalValue = roundTo(gross - discountAmount(gross, input.discount.type, input.discount.value), 2);
  return { products, services, additionalCosts, totalProducts, totalServices, totalAdditionalCosts, totalValue };
}

/** Output spelling of a discount type (inventory 5.9). */
export function discountTypeName(t: number): string {
  return t === 1 ? 'Percentual' : 'Valor';
}

/** `duration` as "HH:mm:ss" (hours may exceed 24). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** `durationDecimal`: hours with two decimals, pt-BR comma ("1,50"). */
export function formatDurationDecimal(ms: number): string {
  return roundTo(Math.max(0, ms) / 3_600_000, 2)
    .toFixed(2)
    .replace('.', ',');
}

/** Great-circle distance in metres (haversine, mean Earth radius), rounded to the metre. */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a))));
}
