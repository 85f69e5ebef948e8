// Shapes of the admin API (/campo/v1/admin/): accounts, reset, clock, journal, faults, snapshots.
import { Type } from 'typebox';
import { FAULT_ACTIONS } from '../../core/faults.js';

export const AdminAccount = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    apiKey: Type.String(),
    adminUserId: Type.Integer({ description: "The account administrator's user id" }),
    createdAt: Type.String({ description: 'ISO-8601 UTC' }),
  },
  { $id: 'AdminAccount' },
);

export const AdminAccountCredentials = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    apiKey: Type.String(),
    apiToken: Type.String({ description: 'Shown only in this answer: the store keeps a digest' }),
    adminUserId: Type.Integer(),
    createdAt: Type.String(),
  },
  { $id: 'AdminAccountCredentials' },
);

export const AdminAccountCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    apiKey: Type.Optional(Type.String({ minLength: 8, maxLength: 200, description: 'Default: a random key' })),
    apiToken: Type.Optional(Type.String({ minLength: 16, maxLength: 200, description: 'Default: a random token' })),
  },
  { $id: 'AdminAccountCreate' },
);

export const AdminTokenRotate = Type.Object(
  { apiToken: Type.Optional(Type.String({ minLength: 16, maxLength: 200, description: 'Default: a random token' })) },
  { $id: 'AdminTokenRotate' },
);

export const AdminReset = Type.Object(
  {
    demo: Type.Optional(Type.Boolean({ description: 'Fill the emptied account with the demo data set' })),
    seed: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Demo seed (default 1)' })),
  },
  { $id: 'AdminReset' },
);

export const AdminResetResult = Type.Object(
  {
    accountId: Type.Integer(),
    adminUserId: Type.Integer({ description: 'The new administrator (ids restart past the largest id still in use)' }),
    demo: Type.Boolean({ description: 'Whether the demo data set was written' }),
  },
  { $id: 'AdminResetResult' },
);

export const AdminClock = Type.Object(
  {
    now: Type.String({ description: 'The server clock (ISO-8601 UTC)' }),
    frozen: Type.Boolean(),
    offsetMs: Type.Number({ description: 'Milliseconds ahead of the system clock while running' }),
    systemNow: Type.String({ description: 'The system clock' }),
  },
  { $id: 'AdminClock' },
);

export const AdminClockSet = Type.Object(
  { at: Type.String({ format: 'date-time', description: 'ISO-8601 instant; not earlier than the server clock' }) },
  { $id: 'AdminClockSet' },
);

export const AdminClockFreeze = Type.Object(
  { at: Type.Optional(Type.String({ format: 'date-time', description: 'Default: now; not earlier than the server clock' })) },
  { $id: 'AdminClockFreeze' },
);

export const AdminClockAdvance = Type.Object(
  {
    ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_153_600_000_000 })),
    by: Type.Optional(Type.String({ pattern: '^\\s*\\d{1,9}\\s*(ms|s|m|h|d)\\s*$', description: 'A duration such as 31m, 2h or 7d' })),
  },
  { $id: 'AdminClockAdvance' },
);

export const AdminJournalEntry = Type.Object(
  {
    seq: Type.Integer(),
    requestId: Type.String(),
    at: Type.String({ description: 'Server clock when answered (ISO-8601 UTC)' }),
    method: Type.String(),
    path: Type.String(),
    query: Type.Record(Type.String(), Type.Unknown()),
    status: Type.Integer(),
    durationMs: Type.Number(),
    requestBody: Type.Unknown({ description: 'Parsed JSON, credentials replaced by "<redacted>"' }),
    responseBody: Type.Unknown({ description: 'Parsed JSON, credentials replaced by "<redacted>"' }),
  },
  { $id: 'AdminJournalEntry' },
);

export const AdminJournalQuery = Type.Object({
  path: Type.Optional(Type.String({ description: 'Path pattern, `*` matches anything (case-insensitive)' })),
  method: Type.Optional(Type.String()),
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Keep only the newest N' })),
});

export const AdminFaultInput = Type.Object(
  {
    action: Type.Union(
      FAULT_ACTIONS.map((a) => Type.Literal(a)),
      {
        description:
          'latency (delay, then answer normally), status (answer `status` with `body`), drop (close the connection unanswered), expiredToken (401 as for an expired token), webhookTwice, webhookNever (deliveries to matching target URLs)',
      },
    ),
    method: Type.Optional(
      Type.String({ pattern: '^(\\*|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|get|post|put|patch|delete|head|options)$' }),
    ),
    path: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2000,
        description: 'Request path pattern (`*` wildcards); for webhook faults, the target URL pattern',
      }),
    ),
    accountId: Type.Optional(Type.Integer({ minimum: 1 })),
    latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
    status: Type.Optional(Type.Integer({ minimum: 200, maximum: 599 })),
    body: Type.Optional(Type.Unknown()),
    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
    probability: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  },
  { $id: 'AdminFaultInput' },
);

export const AdminFault = Type.Object(
  {
    id: Type.Integer(),
    action: Type.String(),
    method: Type.String(),
    path: Type.String(),
    accountId: Type.Optional(Type.Integer()),
    latencyMs: Type.Optional(Type.Integer()),
    status: Type.Optional(Type.Integer()),
    body: Type.Optional(Type.Unknown()),
    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
    probability: Type.Number(),
    count: Type.Optional(Type.Integer()),
    remaining: Type.Union([Type.Integer(), Type.Null()], { description: 'Matching requests still affected; null: until cleared' }),
    hits: Type.Integer(),
    createdAt: Type.String(),
  },
  { $id: 'AdminFault' },
);

export const SNAPSHOT_FORMAT = 'campo-snapshot';
export const SNAPSHOT_VERSION = 1;

export const AdminSnapshot = Type.Object(
  {
    format: Type.String({ description: `Always "${SNAPSHOT_FORMAT}"` }),
    version: Type.Integer({ description: `Format version (${SNAPSHOT_VERSION})` }),
    schema: Type.String({ description: 'The newest store migration of the exporting server; importing needs a server that knows it' }),
    exportedAt: Type.String({ description: 'Server clock at export (ISO-8601 UTC)' }),
    account: Type.Object({
      name: Type.String(),
      adminUserId: Type.Integer({ description: "The administrator's user id (a row of tables.users)" }),
    }),
    // A table of an account may hold far more rows than the 1,000 items other request lists allow.
    tables: Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 10_000_000 }), {
      description:
        'Rows by store table, each as its column values (account_id left out; binary values as {"$base64": "..."}). Every id is kept, so GET answers after an import equal those before the export.',
    }),
  },
  { $id: 'AdminSnapshot' },
);

export const AdminImportResult = Type.Object(
  {
    accountId: Type.Integer(),
    records: Type.Integer({ description: 'Rows written' }),
    tables: Type.Record(Type.String(), Type.Integer()),
  },
  { $id: 'AdminImportResult' },
);

export const AdminSnapshotInfo = Type.Object(
  {
    name: Type.String(),
    records: Type.Integer(),
    createdAt: Type.String(),
  },
  { $id: 'AdminSnapshotInfo' },
);

export const AdminSnapshotSave = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' }) },
  { $id: 'AdminSnapshotSave' },
);

export const AccountIdParams = Type.Object({ id: Type.String({ description: 'Numeric id', pattern: '^\\s*-?\\d+\\s*$' }) });
export const SnapshotParams = Type.Object({
  id: Type.String({ description: 'Numeric id', pattern: '^\\s*-?\\d+\\s*$' }),
  name: Type.String({ maxLength: 100 }),
});
export const AdminFaultsClearQuery = Type.Object({ accountId: Type.Optional(Type.Integer({ minimum: 1 })) });
export const AdminCleared = Type.Object({ removed: Type.Integer() }, { $id: 'AdminCleared' });
