import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLocal, formatLocalSpaced, isTimeOfDay, parseLocal } from './dates.js';

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
