import { randomBytes, randomUUID } from 'node:crypto';

// Random identifiers are injected so tests can make them predictable.
export interface Ids {
  uuid(): string;
  /** URL-safe random secret of `bytes` bytes of entropy. */
  secret(bytes?: number): string;
}

export const randomIds: Ids = {
  uuid: () => randomUUID(),
  secret: (bytes = 24) => randomBytes(bytes).toString('base64url'),
};

/** Largest id a row can have (32-bit identity columns); larger numbers cannot exist. */
export const MAX_ID = 2_147_483_647;

export function isStorableId(id: number): boolean {
  return Number.isSafeInteger(id) && id > 0 && id <= MAX_ID;
}
