// Test deadlines (a server's start, a poll, a slow test's timeout) are generous on an idle
// machine; CAMPO_TEST_TIMEOUT_SCALE multiplies them all on a slow or busy one (default 1).
const raw = process.env.CAMPO_TEST_TIMEOUT_SCALE ?? '1';
const scale = Number(raw);
if (!Number.isFinite(scale) || scale <= 0) throw new Error(`CAMPO_TEST_TIMEOUT_SCALE must be a positive number (got "${raw}")`);

/** `ms` milliseconds times CAMPO_TEST_TIMEOUT_SCALE. */
export function scaled(ms: number): number {
  return Math.round(ms * scale);
}
