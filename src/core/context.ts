// What services receive (no singletons) and what a module needs to declare its routes.
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DialectName } from '../db/dialect.js';
import type { DB } from '../db/schema.js';
import type { ChangeLog } from './changes.js';
import type { Clock } from './clock.js';
import type { FileStore } from './files.js';
import type { Router } from './http.js';
import type { Ids } from './ids.js';
import type { PasswordHasher } from './passwords.js';

export interface ServiceDeps {
  db: Kysely<DB>;
  /** For background work (the webhook dispatcher): connections requests never wait for; absent: db. */
  background?: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  ids: Ids;
  changes: ChangeLog;
  /** AUVO_TIMEZONE: the zone of every naive date the API reads or emits. */
  timeZone: string;
  /** Absolute base for links the API emits (file URLs, taskUrl): AUVO_PUBLIC_URL or http://host:port. */
  publicBaseUrl: string;
  /** The shared attachment store (files kept in the database, served by key). */
  files: FileStore;
  /** User passwords -> argon2id hashes, at the cost AUVO_PASSWORD_HASHING chose. */
  hashPassword: PasswordHasher;
  /** Operator-injected webhook faults (admin API); absent when the admin API is off. */
  webhookFault?: (accountId: number, url: string) => 'twice' | 'never' | undefined;
}

/**
 * Services by module name. Each module adds its own entry by declaration merging, so a module
 * reaches another resource only through that resource's service.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module
export interface Services {}

export interface ModuleContext {
  deps: ServiceDeps;
  services: Services;
  route: Router;
  config: Config;
}

export interface Module<K extends keyof Services = keyof Services> {
  name: K;
  createService(deps: ServiceDeps, services: Services): Services[K];
  registerRoutes(ctx: ModuleContext): void;
}
