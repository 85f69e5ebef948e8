// The admin API under /campo/v1/admin/: registered only when AUVO_ADMIN_KEY is set, opened only
// by the X-Campo-Admin-Key header (an account's bearer token never opens it).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AccountService } from '../../core/accounts.js';
import type { FaultInput, FaultRegistry } from '../../core/faults.js';
import { patternToRegExp } from '../../core/faults.js';
import { AppError, FieldError, NotFoundError } from '../../core/errors.js';
import { parseId, type Router } from '../../core/http.js';
import type { RequestJournal } from '../../core/journal.js';
import type { ControlledClock } from '../../core/clock.js';
import { parseRetrySchedule } from '../../config.js';
import {
  AccountIdParams,
  AdminAccount,
  AdminAccountCreate,
  AdminAccountCredentials,
  AdminCleared,
  AdminClock,
  AdminClockAdvance,
  AdminClockFreeze,
  AdminClockSet,
  AdminFault,
  AdminFaultInput,
  AdminFaultsClearQuery,
  AdminImportResult,
  AdminJournalEntry,
  AdminJournalQuery,
  AdminReset,
  AdminResetResult,
  AdminSnapshot,
  AdminSnapshotInfo,
  AdminSnapshotSave,
  AdminTokenRotate,
  SnapshotParams,
} from './admin.schema.js';
import type { AdminService, SnapshotDocument } from './admin.service.js';

export const ADMIN_PREFIX = '/campo/v1/admin';
export const ADMIN_KEY_HEADER = 'x-campo-admin-key';

export interface AdminRouteDeps {
  adminKey: string;
  service: AdminService;
  clock: ControlledClock;
  faults: FaultRegistry;
  journal: RequestJournal;
  accounts: AccountService;
}

/** Whether `given` is the admin key (constant-time). */
export function keyMatches(given: unknown, key: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(key, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function instant(raw: string, field: string): number {
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw FieldError.of(field, `The value '${raw}' is not valid.`);
  return ms;
}

const tags = ['Admin'];

export function installAdmin(app: FastifyInstance, route: Router, deps: AdminRouteDeps): void {
  const { service, clock, faults, journal } = deps;
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.config.admin !== true) return done();
    done(keyMatches(request.headers[ADMIN_KEY_HEADER], deps.adminKey) ? undefined : new AppError(401, undefined, 'admin key'));
  });
  const admin = { admin: true, extension: true, tags } as const;

  // ---- Accounts ----
  route({
    ...admin,
    method: 'GET',
    url: `${ADMIN_PREFIX}/accounts`,
    operationId: 'listAdminAccounts',
    summary: 'List accounts',
    description: 'Every account of this server with its id, name, apiKey and creation date (apiTokens are never shown).',
    response: Type.Array(AdminAccount),
    handler: async () => deps.accounts.list(),
  });
  route({
    ...admin,
    method: 'POST',
    url: `${ADMIN_PREFIX}/accounts`,
    operationId: 'createAdminAccount',
    summary: 'Create an account',
    description: 'Answers the apiKey and apiToken once; the store keeps only a digest of the token. A taken apiKey answers 409.',
    body: AdminAccountCreate,
    response: AdminAccountCredentials,
    handler: async ({ body }) => service.createAccount(body.name, body.apiKey, body.apiToken),
  });
  route({
    ...admin,
    method: 'DELETE',
    url: `${ADMIN_PREFIX}/accounts/:id`,
    operationId: 'deleteAdminAccount',
    summary: 'Remove an account',
    description: 'Its credentials and tokens stop working (within 5 seconds on other nodes).',
    params: AccountIdParams,
    handler: async ({ params }) => {
      if (!(await deps.accounts.remove(parseId(params.id)))) throw new NotFoundError();
      return undefined;
    },
  });
  route({
    ...admin,
    method: 'POST',
    url: `${ADMIN_PREFIX}/accounts/:id/rotate`,
    operationId: 'rotateAdminAccountToken',
    summary: 'Issue a new apiToken for an account',
    description:
      'The old apiToken stops logging in at once; access tokens already issued stay valid until they expire (30 minutes at most).',
    params: AccountIdParams,
    body: AdminTokenRotate,
    status: 200,
    response: AdminAccountCredentials,
    handler: async ({ params, body }) => {
      const r = await deps.accounts.rotate(parseId(params.id), body?.apiToken);
      if (!r) throw new NotFoundError();
      return r;
    },
  });

  // ---- Reset ----
  route({
    ...admin,
    method: 'POST',
    url: `${ADMIN_PREFIX}/accounts/:id/reset`,
    operationId: 'resetAdminAccount',
    summary: 'Empty an account to its state at creation',
    description:
      'Deletes every record, file, webhook, delivery and journal entry of the account and creates a new administrator; credentials stay. Id counters restart just past the largest id still in use in the store (from 1 when this is the only account with data). `demo: true` then writes the demo data set.',
    params: AccountIdParams,
    body: AdminReset,
    status: 200,
    response: AdminResetResult,
    handler: async ({ params, body }) => service.reset(parseId(params.id), body ?? {}),
  });
  route({
    ...admin,
    method: 'POST',
    url: `${ADMIN_PREFIX}/reset`,
    operationId: 'resetAdminAllAccounts',
    summary: 'Empty every account',
    description:
      'Empties every account to its state at creation (credentials kept, ids restart); with `demo: true` each is filled with the demo data set again.',
    body: AdminReset,
    status: 200,
    response: Type.Array(AdminResetResult),
    handler: async ({ body }) => service.resetAll(body ?? {}),
  });

  // ---- Clock ----
  const clockView = () => {
    const s = clock.current;
    return {
      now: clock.now().toISOString(),
      frozen: s.frozenAtMs !== null,
      offsetMs: s.offsetMs,
      systemNow: clock.baseNow().toISOString(),
    };
  };
  route({
    ...admin,
    method: 'GET',
    url: `${ADMIN_PREFIX}/clock`,
    operationId: 'getAdminClock',
    summary: 'Read the server clock',
    description: 'The server clock every account sees: its instant, whether it is frozen, and its offset from the system clock.',
    response: AdminClock,
    handler: async () => {
      await service.refreshClock();
      return clockView();
    },
  });
  route({
    ...admin,
    method: 'PUT',
    url: `${ADMIN_PREFIX}/clock`,
    operationId: 'setAdminClock',
    summary: 'Move the server clock forward to an instant',
    description:
      'Keeps it frozen or running as it was. An instant earlier than the server clock answers 400: the clock never moves backwards except by DELETE.',
    body: AdminClockSet,
    response: AdminClock,
    handler: async ({ body }) => {
      const at = instant(body.at, 'at');
      await service.changeClock((c) => c.set(at));
      return clockView();
    },
  });
  route({
    ...admin,
    method: 'POST',
    url: `${ADMIN_PREFIX}/clock/freeze`,
    operationId: 'freezeAdminClock',
    summary: 'Stop the server clock (now, or at a later instant)',
    description:
      'Stops the server clock now or at a later `at`: dates in answers stay fixed and tokens expire only when the clock is moved.',
    body: AdminClockFreeze,
    status: 200,
    response: AdminClock,
    handler: async ({ body }) => {
      const at = body?.at === undefined ? undefined : instant(body.at, 'at');
      await service.changeClock((c) => c.freeze(at));
      return clockView();
    },
  });
  route({
    ...admin,
    method: 'POST',
    url: `${ADMIN_PREFIX}/clock/resume`,
    operationId: 'resumeAdminClock',
    summary: 'Let a frozen server clock run again from where it stands',
    description: 'Lets a frozen server clock run again from the instant where it stands (it never goes backwards).',
    status: 200,
    response: AdminClock,
    handler: async () => {
      await service.changeClock((c) => c.resume());
      return clockView();
    },
  });
  route({
    ...admin,
    method: 'POST',
    url: `${ADMIN_PREFIX}/clock/advance`,
    operationId: 'advanceAdminClock',
    summary: 'Move the server clock forward by a duration',
    description:
      'Give `ms` or `by` (such as 31m, 2h, 7d). Tokens expire, webhook retries fall due and rate-limit windows close as if the time had passed.',
    body: AdminClockAdvance,
    status: 200,
    response: AdminClock,
    handler: async ({ body }) => {
      let ms = body.ms;
      if (body.by !== undefined) ms = parseRetrySchedule(body.by)?.[0];
      if (ms === undefined) throw FieldError.of('ms', 'Give ms or by.');
      const by = ms;
      await service.changeClock((c) => c.advance(by));
      return clockView();
    },
  });
  route({
    ...admin,
    method: 'DELETE',
    url: `${ADMIN_PREFIX}/clock`,
    operationId: 'resetAdminClock',
    summary: 'Return to the system clock',
    description:
      'The one move that may take the server clock backwards (after an advance); tokens issued in the skipped future stay valid until their expiry is reached again.',
    status: 200,
    response: AdminClock,
    handler: async () => {
      await service.changeClock((c) => c.reset());
      return clockView();
    },
  });

  // ---- Request journal ----
  route({
    ...admin,
    method: 'GET',
    url: `${ADMIN_PREFIX}/accounts/:id/journal`,
    operationId: 'listAdminJournal',
    summary: "An account's recent requests",
    description:
      'Oldest first: the last AUVO_REQUEST_JOURNAL requests of the account kept by this node (the journal is off, and empty, when it is 0). Bodies are parsed JSON with passwords, tokens, secrets and authorization values replaced by "<redacted>".',
    params: AccountIdParams,
    querystring: AdminJournalQuery,
    response: Type.Array(AdminJournalEntry),
    handler: async ({ params, query }) => {
      const id = parseId(params.id);
      await service.requireAccount(id);
      return journal.query(id, {
        path: query.path === undefined ? undefined : patternToRegExp(query.path),
        method: query.method,
        status: query.status,
        fromMs: query.from === undefined ? undefined : instant(query.from, 'from'),
        toMs: query.to === undefined ? undefined : instant(query.to, 'to'),
        limit: query.limit,
      });
    },
  });
  route({
    ...admin,
    method: 'DELETE',
    url: `${ADMIN_PREFIX}/accounts/:id/journal`,
    operationId: 'clearAdminJournal',
    summary: "Forget an account's journal",
    description: 'Forgets the recorded requests of this account (the journal keeps recording new ones).',
    params: AccountIdParams,
    status: 200,
    response: AdminCleared,
    handler: async ({ params }) => {
      const id = parseId(params.id);
      await service.requireAccount(id);
      return { removed: journal.clear(id) };
    },
  });

  // ---- Faults ----
  route({
    ...admin,
    method: 'GET',
    url: `${ADMIN_PREFIX}/faults`,
    operationId: 'listAdminFaults',
    summary: 'List fault rules',
    description:
      'The fault rules in force: what each matches (method, path, account) and what it does (status, latency, drop, expired token, webhook twice or never).',
    response: Type.Array(AdminFault),
    handler: async () => faults.list(),
  });
  route({
    ...admin,
    method: 'POST',
    url: `${ADMIN_PREFIX}/faults`,
    operationId: 'addAdminFault',
    summary: 'Add a fault rule',
    description:
      'Matching requests (method, path pattern, account) are slowed, answered with a chosen status and body, dropped, or refused as with an expired token; webhook rules deliver to matching target URLs twice or never. Each fires with `probability` (default 1), for the next `count` matches or until cleared. Rules live in this node (add them on each node). The admin API itself is never affected.',
    body: AdminFaultInput,
    response: AdminFault,
    handler: async ({ body }) => {
      const input = body as FaultInput;
      if (input.action === 'latency' && input.latencyMs === undefined) throw FieldError.of('latencyMs', 'The latencyMs field is required.');
      if (input.action === 'status' && input.status === undefined) throw FieldError.of('status', 'The status field is required.');
      return faults.add(input);
    },
  });
  route({
    ...admin,
    method: 'DELETE',
    url: `${ADMIN_PREFIX}/faults`,
    operationId: 'clearAdminFaults',
    summary: "Remove every fault rule (or one account's)",
    description: 'Removes every fault rule, or only those of one account with `?accountId=`.',
    querystring: AdminFaultsClearQuery,
    status: 200,
    response: AdminCleared,
    handler: async ({ query }) => ({ removed: faults.clear(query.accountId) }),
  });
  route({
    ...admin,
    method: 'DELETE',
    url: `${ADMIN_PREFIX}/faults/:id`,
    operationId: 'deleteAdminFault',
    summary: 'Remove a fault rule',
    description: 'Removes one fault rule by its id; 404 when there is none.',
    params: AccountIdParams,
    handler: async ({ params }) => {
      if (!faults.remove(parseId(params.id))) throw new NotFoundError();
      return undefined;
    },
  });

  // ---- Export, import, named snapshots ----
  route({
    ...admin,
    method: 'GET',
    url: `${ADMIN_PREFIX}/accounts/:id/export`,
    operationId: 'exportAdminAccount',
    summary: 'Export an account as a snapshot document',
    description:
      'Every record, file and webhook of the account (format "campo-snapshot", version 1), answered without the {result} envelope so it can be saved as a file.',
    params: AccountIdParams,
    raw: true,
    response: AdminSnapshot,
    handler: async ({ params }) => service.exportAccount(parseId(params.id)),
  });
  route({
    ...admin,
    method: 'POST',
    url: `${ADMIN_PREFIX}/accounts/:id/import`,
    operationId: 'importAdminAccount',
    summary: 'Import a snapshot document into a new or emptied account',
    description:
      'Every id is kept, so GET answers equal those of the exported account. An account holding more than its administrator answers 409 (reset it first); a format, version, table or column this server does not know answers 400 naming it; ids held by another account of this store answer 409.',
    params: AccountIdParams,
    body: AdminSnapshot,
    status: 200,
    response: AdminImportResult,
    handler: async ({ params, body }) => service.importAccount(parseId(params.id), body as SnapshotDocument),
  });
  route({
    ...admin,
    method: 'GET',
    url: `${ADMIN_PREFIX}/accounts/:id/snapshots`,
    operationId: 'listAdminSnapshots',
    summary: "List an account's named snapshots",
    description: 'The named snapshots saved for this account, with their names, record counts and dates.',
    params: AccountIdParams,
    response: Type.Array(AdminSnapshotInfo),
    handler: async ({ params }) => service.listSnapshots(parseId(params.id)),
  });
  route({
    ...admin,
    method: 'POST',
    url: `${ADMIN_PREFIX}/accounts/:id/snapshots`,
    operationId: 'saveAdminSnapshot',
    summary: 'Save the account as a named snapshot in the store',
    description: 'A snapshot of the same name is replaced.',
    params: AccountIdParams,
    body: AdminSnapshotSave,
    response: AdminSnapshotInfo,
    handler: async ({ params, body }) => {
      const id = parseId(params.id);
      await service.requireAccount(id);
      return service.saveSnapshot(id, body.name);
    },
  });
  route({
    ...admin,
    method: 'POST',
    url: `${ADMIN_PREFIX}/accounts/:id/snapshots/:name/restore`,
    operationId: 'restoreAdminSnapshot',
    summary: 'Put the account back to a named snapshot',
    description: 'Replaces whatever the account holds.',
    params: SnapshotParams,
    status: 200,
    response: AdminImportResult,
    handler: async ({ params }) => service.restoreSnapshot(parseId(params.id), params.name),
  });
  route({
    ...admin,
    method: 'DELETE',
    url: `${ADMIN_PREFIX}/accounts/:id/snapshots/:name`,
    operationId: 'deleteAdminSnapshot',
    summary: 'Delete a named snapshot',
    description: 'Deletes one named snapshot of this account; 404 when there is none.',
    params: SnapshotParams,
    handler: async ({ params }) => {
      await service.deleteSnapshot(parseId(params.id), params.name);
      return undefined;
    },
  });
}
