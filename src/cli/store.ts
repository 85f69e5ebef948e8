import { loadConfig } from '../config.js';
import type { Store } from '../db/index.js';
import { openStore } from '../db/setup.js';

/** Opens the configured store, brought up to date, for a CLI command (a bad setup: one line, exit 1). */
export async function openMigratedStore(): Promise<Store & { applied: string[] }> {
  const config = loadConfig();
  return openStore(config.databaseUrl, {
    waitSeconds: config.dbWaitSeconds,
    poolSize: 2,
    onWait: (problem) => process.stderr.write(`${problem}\n`),
  });
}
