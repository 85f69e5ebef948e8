import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLocal, formatLocalSpaced, intlParts, isTimeOfDay, localParts, parseLocal } from './dates.js';

const SP = 'America/Sao_Paulo';

test('instants are emitted as naive local time in the server zone', () => {
  assert.equal(formatLocal('2019-05-08T19:15:59Z', SP), '2019-05-08T16:15:59');
  assert.equal(formatLocalSpaced(new Date('2019-05-08T19:15:59Z'), SP), '2019-05-08 16:15:59');
  assert.equal(formatLocal('2019-05-08T19:15:59Z', 'UTC'), '2019-05-08T19:15:59');
  assert.equal(formatLocal('2026-01-01T02:00:00Z', SP), '2025-12-31T23:00:00');
});

test('naive dates and date-times are read in the server zone', () => {
  assert.equal(parseLocal('2019-05-08T16:15:59', SP)?.toISOString(), '2019-05-08T19:15:59.000Z');
  assert.equal(parseLocal('2019-05-08', SP)?.toISOString(), '2019-05-08T03:00:00.000Z');
  assert.equal(parseLocal('2019-05-08 16:15', SP)?.toISOString(), '2019-05-08T19:15:00.000Z');
  assert.equal(parseLocal('2019-05-08T16:15:59Z', SP)?.toISOString(), '2019-05-08T16:15:59.000Z');
  // A zone with daylight saving time.
  assert.equal(parseLocal('2026-07-01T12:00:00', 'Europe/Lisbon')?.toISOString(), '2026-07-01T11:00:00.000Z');
  assert.equal(parseLocal('2026-01-01T12:00:00', 'Europe/Lisbon')?.toISOString(), '2026-01-01T12:00:00.000Z');
});

test('impossible or malformed dates are rejected', () => {
  for (const s of ['2019-02-30', '2019-13-01', '2019-05-08T24:00:00', 'yesterday', '08/05/2019', '']) {
    assert.equal(parseLocal(s, SP), undefined, s);
  }
});

test('time of day', () => {
  assert.ok(isTimeOfDay('08:00:00'));
  assert.ok(isTimeOfDay('23:59'));
  assert.ok(!isTimeOfDay('24:00:00'));
  assert.ok(!isTimeOfDay('8:00'));
});

test('the cached-offset wall clock equals Intl for every instant, across offset changes and odd zones', () => {
  const zones = [
    SP,
    'UTC',
    'Europe/Lisbon',
    'America/St_Johns',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Asia/Kolkata',
    'America/Manaus',
  ];
  const check = (ms: number, zone: string) => {
    const d = new Date(ms);
    assert.deepEqual(localParts(d, zone), intlParts(d, zone), `${d.toISOString()} in ${zone}`);
  };
  // Every 7 minutes and 13 seconds over two days around offset changes (São Paulo's last daylight
  // saving ended on 2019-02-17; St John's, Lord Howe and Chatham change on other quarter hours).
  const around = ['2018-11-04T03:00:00Z', '2019-02-17T02:00:00Z', '2026-03-08T05:30:00Z', '2026-04-04T15:00:00Z', '2026-09-26T14:00:00Z'];
  for (const zone of zones) {
    for (const at of around) {
      const mid = Date.parse(at);
      for (let ms = mid - 86_400_000; ms <= mid + 86_400_000; ms += 433_000) check(ms, zone);
    }
    // São Paulo left its local mean time (-03:06:28) at 1914-01-01T03:06:28Z, inside a quarter hour:
    // every second of that quarter.
    for (let ms = Date.parse('1914-01-01T03:00:00Z'); ms < Date.parse('1914-01-01T03:15:00Z'); ms += 1000) check(ms, zone);
    // Random instants from 1900 to 2100, with milliseconds.
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 2000; i++) check(Date.UTC(1900, 0, 1) + Math.floor(random() * 200 * 365.25 * 86_400_000), zone);
  }
});
