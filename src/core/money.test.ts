import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBrl, formatDot, formatQuantity, parseDecimal, roundTo } from './money.js';

test('parseDecimal reads numbers and strings in both cultures', () => {
  const cases: [unknown, number][] = [
    [12, 12],
    [12.34, 12.34],
    ['12', 12],
    ['12.34', 12.34],
    ['12,34', 12.34],
    ['12,00', 12],
    ['1.234,56', 1234.56],
    ['1,234.56', 1234.56],
    ['2.500.000,00', 2500000],
    ['1.234.567', 1234567],
    ['  44 ', 44],
    ['-3,5', -3.5],
    ['+7', 7],
    [',5', 0.5],
    ['0', 0],
  ];
  for (const [input, expected] of cases) assert.equal(parseDecimal(input), expected, JSON.stringify(input));
});

test('parseDecimal rejects what is not a decimal', () => {
  for (const input of [
    '',
    ' ',
    'abc',
    '12a',
    '1,2,3',
    '1.23.4',
    '1,234,567.8.9',
    '12.34,56,7',
    '1.2345,6',
    null,
    undefined,
    true,
    {},
    [],
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '--1',
    '.',
    ',',
  ]) {
    assert.equal(parseDecimal(input), undefined, JSON.stringify(input));
  }
});

test('formatBrl writes pt-BR money with grouping and two decimals', () => {
  assert.equal(formatBrl(12), '12,00');
  assert.equal(formatBrl(6), '6,00');
  assert.equal(formatBrl(1234.5), '1.234,50');
  assert.equal(formatBrl(2500000), '2.500.000,00');
  assert.equal(formatBrl(0), '0,00');
  assert.equal(formatBrl(-1234.567), '-1.234,57');
  assert.equal(formatBrl(1.005), '1,01');
});

test('formatDot writes a dot decimal without grouping', () => {
  assert.equal(formatDot(12.34), '12.34');
  assert.equal(formatDot(12.3), '12.30');
  assert.equal(formatDot(1234567.891), '1234567.89');
  assert.equal(formatDot(0), '0.00');
  assert.equal(formatDot(-0.001), '0.00');
});

test('formatQuantity writes integers plainly and fractions with a comma', () => {
  assert.equal(formatQuantity(30), '30');
  assert.equal(formatQuantity(2.5), '2,5');
  assert.equal(formatQuantity(0), '0');
});

test('roundTo rounds half away from zero', () => {
  assert.equal(roundTo(2.675), 2.68);
  assert.equal(roundTo(-2.675), -2.68);
  assert.equal(roundTo(1.23456, 3), 1.235);
});
