import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeBilling, discountAmount, distanceMetres, formatDuration, formatDurationDecimal, lineTotal } from './tasks.billing.js';

const line = (quantity: number, unitaryValue: number, discountType: 0 | 1 = 0, discountValue = 0) => ({
  quantity,
  unitaryValue,
  discountType,
  discountValue,
});

test('line total is quantity × unit value minus a monetary discount', () => {
  assert.equal(lineTotal(line(2, 10.5)), 21);
  assert.equal(lineTotal(line(2, 10.5, 0, 1.25)), 19.75);
});

test('a percentage discount is taken on the line gross and rounded to cents', () => {
  assert.equal(lineTotal(line(1, 44, 1, 5)), 41.8);
  assert.equal(lineTotal(line(3, 3.33, 1, 10)), 8.99);
});

test('discounts never make a line negative; percentages are capped at 100', () => {
  assert.equal(lineTotal(line(1, 10, 0, 50)), 0);
  assert.equal(lineTotal(line(1, 10, 1, 150)), 0);
  assert.equal(discountAmount(0, 0, 5), 0);
  assert.equal(discountAmount(10, 0, -5), 0);
});

test('fractional quantities round half away from zero to cents', () => {
  assert.equal(lineTotal(line(1.5, 0.335)), 0.5);
  assert.equal(lineTotal(line(0.333, 3)), 1);
});

test('summary totals add the lines; the task discount applies to the grand total', () => {
  const r = computeBilling({
    products: [line(1, 44), line(2, 5, 1, 10)],
    services: [line(1, 44, 1, 5)],
    additionalCosts: [line(1, 361)],
    discount: { type: 1, value: 10 },
  });
  assert.deepEqual(r, {
    products: [44, 9],
    services: [41.8],
    additionalCosts: [361],
    totalProducts: 53,
    totalServices: 41.8,
    totalAdditionalCosts: 361,
    totalValue: 410.22,
  });
  const money = computeBilling({ products: [line(1, 10)], services: [], additionalCosts: [], discount: { type: 0, value: 2.5 } });
  assert.equal(money.totalValue, 7.5);
  const empty = computeBilling({ products: [], services: [], additionalCosts: [], discount: { type: 0, value: 5 } });
  assert.equal(empty.totalValue, 0);
});

test('durations: HH:mm:ss and decimal hours with a pt-BR comma', () => {
  assert.equal(formatDuration(90 * 60_000), '01:30:00');
  assert.equal(formatDuration(26 * 3_600_000 + 61_000), '26:01:01');
  assert.equal(formatDurationDecimal(90 * 60_000), '1,50');
  assert.equal(formatDurationDecimal(0), '0,00');
});

test('distance in metres between two coordinates', () => {
  assert.equal(distanceMetres(-16.6872, -49.2995, -16.6872, -49.2995), 0);
  // 0.001 degree of latitude is about 111 m.
  assert.equal(distanceMetres(-16.6872, -49.2995, -16.6882, -49.2995), 111);
});
