import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verify } from '@node-rs/argon2';
import { passwordHasher } from './passwords.js';

test('both costs make salted argon2id hashes that record their parameters and verify', async () => {
  for (const [mode, params] of [
    ['standard', 'm=19456,t=2,p=1'],
    ['sandbox', 'm=1024,t=1,p=1'],
  ] as const) {
    const hash = passwordHasher(mode);
    const a = await hash('s3nha do técnico');
    const b = await hash('s3nha do técnico');
    assert.ok(a.startsWith(`$argon2id$v=19$${params}$`), a);
    assert.notEqual(a, b, 'a new salt every time');
    assert.equal(await verify(a, 's3nha do técnico'), true);
    assert.equal(await verify(a, 's3nha do tecnico'), false);
  }
});
