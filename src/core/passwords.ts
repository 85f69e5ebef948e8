// User passwords are kept as argon2id hashes. The standard cost is OWASP's argon2id baseline
// (19 MiB, 2 passes, 1 lane: about 10 ms of CPU per hash here). A local sandbox or CI run that
// creates thousands of users can choose the sandbox cost instead (1 MiB, 1 pass: about 0.3 ms),
// which is still argon2id but far too cheap for real passwords. Every hash records its own
// parameters, so hashes made under either cost stay valid when the setting changes.
import { type Algorithm, hash } from '@node-rs/argon2';

export type PasswordHashing = 'standard' | 'sandbox';

export const PASSWORD_HASHING: readonly PasswordHashing[] = ['standard', 'sandbox'];

// Algorithm is an ambient const enum: 2 = Argon2id.
const COSTS = {
  standard: { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 },
  sandbox: { algorithm: 2 as Algorithm.Argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 },
} as const;

/** Hashes off the event loop (libuv's thread pool); the result is a PHC string. */
export type PasswordHasher = (password: string) => Promise<string>;

export function passwordHasher(mode: PasswordHashing): PasswordHasher {
  const options = COSTS[mode];
  return (password) => hash(password, options);
}
