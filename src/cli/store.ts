import { loadConfig } from '../config.js';
import { openDb, type Store } from '../db/index.js';
import { migrate } from '../db/migrate.js';

/** Opens the configured store, brought up to date, for a CLI command. */
export async function openMigratedStore(): Promise<Store> {
  const config = loadConfig();
  const store = openDb(config.databaseUrl, { poolSize: 2 });
  await migrate(store.db, store.dialect);
  return store;
}
