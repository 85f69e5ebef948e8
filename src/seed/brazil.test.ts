import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakerPT_BR } from '@faker-js/faker';
import { CITIES, isValidCnpj, isValidCpf, makeCnpj, makeCpf, makeMobile, near, type Rng } from './brazil.js';

const rng = (seed: number): Rng => {
  const f = fakerPT_BR;
  f.seed(seed);
  return { int: (min, max) => f.number.int({ min, max }) };
};

test('generated CPFs and CNPJs carry valid check digits', () => {
  const r = rng(7);
  for (let i = 0; i < 500; i++) {
    const c = makeCpf(r);
    assert.match(c, /^\d{11}$/);
    assert.ok(isValidCpf(c), c);
    const j = makeCnpj(r);
    assert.match(j, /^\d{14}$/);
    assert.ok(isValidCnpj(j), j);
  }
});

test('a wrong check digit is caught by the validator (the check can fail)', () => {
  const c = makeCpf(rng(1));
  const broken = `${c.slice(0, 10)}${(Number(c[10]) + 1) % 10}`;
  assert.equal(isValidCpf(broken), false);
});

test('the same seed gives the same values', () => {
  const a = rng(42);
  const first = [makeCpf(a), makeCnpj(a), makeMobile(a, CITIES[0])];
  const b = rng(42);
  assert.deepEqual([makeCpf(b), makeCnpj(b), makeMobile(b, CITIES[0])], first);
});

test('phones are digits with the city DDD; points stay near the city', () => {
  const r = rng(3);
  const sp = CITIES.find((c) => c.uf === 'SP') as (typeof CITIES)[number];
  assert.match(makeMobile(r, sp), /^55119\d{8}$/);
  const p = near(r, sp);
  assert.ok(Math.abs(p.latitude - sp.latitude) < 0.1 && Math.abs(p.longitude - sp.longitude) < 0.1);
});
