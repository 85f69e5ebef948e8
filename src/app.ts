// buildApp: the core rules first, then every module listed in modules/index.ts.
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { AccountService } from './core/accounts.js';
import { installAuth } from './core/auth.js';
import { ChangeLog } from './core/changes.js';
import { sharedCompilers } from './core/compiled-schemas.js';
import { type Clock, ControlledClock, systemClock } from './core/clock.js';
import type { ModuleContext, ServiceDeps, Services } from './core/context.js';
import { installConsole } from './core/console.js';
import { clientErrorHandler, installErrorHandler } from './core/errors.js';
import { FaultRegistry, installFaults } from './core/faults.js';
import { FileStore, installFileRoutes } from './core/files.js';
import { installHttpRules, type Router, route, routerOptions } from './core/http.js';
import { type Ids, randomIds } from './core/ids.js';
import { installOpenApi, installOpenApiRoutes } from './core/openapi.js';
import { requestExample } from './modules/request-examples.js';
import { passwordHasher } from './core/passwords.js';
import { installJournal, RequestJournal } from './core/journal.js';
import { finiteKeyword } from './core/limits.js';
import { installRequestId, loggerOptions, REQUEST_ID_HEADER, requestIdOf, requestLoggerFactory } from './core/logging.js';
import { installMetrics } from './core/metrics.js';
import { INTERNAL_HEADER, installRateLimit } from './core/rate-limit.js';
import { storedSecret } from './core/secrets.js';
import type { Store } from './db/index.js';
import { ADMIN_KEY_HEADER, ADMIN_PREFIX, installAdmin, keyMatches } from './modules/admin/admin.routes.js';
import { AdminService } from './modules/admin/admin.service.js';
import { modules } from './modules/index.js';
import { VERSION } from './version.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Headers that mark an in-process request (app.inject) as the server's own: not rate limited. */
    internalHeaders(): Record<string, string>;
  }
}

export interface AppDeps {
  config: Config;
  store: Store;
  clock?: Clock;
  ids?: Ids;
  /** false: no logging; an object: pino options laid over Campo's (level, redaction, format). */
  logger?: false | Record<string, unknown>;
  /** Run the webhook dispatcher loop once the app is ready (serve); tests drive it with runOnce(). */
  dispatch?: boolean;
}

export interface BuiltApp {
  app: FastifyInstance;
  accounts: AccountService;
  services: Services;
  deps: ServiceDeps;
  /** The server clock: the injected one, moved by the admin API when AUVO_ADMIN_KEY is set. */
  serverClock: ControlledClock;
  /** The admin API's fault rules and request journal (empty and unused when it is off). */
  faults: FaultRegistry;
  journal: RequestJournal;
}

/** Room for one attachment of AUVO_MAX_ATTACHMENT_MB sent as base64 (4/3 of its size) and the JSON around it. */
export function bodyLimitFor(maxAttachmentMb: number): number {
  return Math.ceil((maxAttachmentMb * 1024 * 1024 * 4) / 3) + 1024 * 1024;
}

/** AUVO_TRUST_PROXY=N: the N nearest hops are proxies (proxy-addr's hop count). */
function trustHops(n: number) {
  return (_address: string, hop: number) => hop < n;
}

const ADMIN_BODY_LIMIT = 256 * 1024 * 1024;

export async function buildApp(input: AppDeps): Promise<BuiltApp> {
  const { config, store } = input;
  // Every time read goes through this clock; the admin API may set, freeze or advance it.
  const clock = new ControlledClock(input.clock ?? systemClock);
  const ids = input.ids ?? randomIds;
  const app = Fastify({
    logger: input.logger === false ? false : loggerOptions(config, input.logger),
    ...(input.logger === false ? {} : { childLoggerFactory: requestLoggerFactory }),
    routerOptions,
    requestIdHeader: false,
    genReqId: requestIdOf,
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : (config.trustProxy as boolean | string[]),
    bodyLimit: bodyLimitFor(config.maxAttachmentMb),
    clientErrorHandler,
    schemaController: { compilersFactory: sharedCompilers() },
    ajv: { customOptions: { keywords: ['x-aliases', 'x-campo-extension', 'x-live-spelling-of', finiteKeyword] } },
  });
  // The admin API moves whole accounts (export/import): its bodies are not bound by the attachment size.
  app.addHook('onRoute', (opts) => {
    if (opts.url.startsWith(ADMIN_PREFIX)) opts.bodyLimit = Math.max(ADMIN_BODY_LIMIT, bodyLimitFor(config.maxAttachmentMb));
  });
  installRequestId(app);
  installErrorHandler(app);
  installHttpRules(app);
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins.includes('*') ? '*' : [...config.corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: ['retry-after', REQUEST_ID_HEADER],
      maxAge: 600,
    });
  }
  const internalToken = ids.secret(32);
  app.decorate('internalHeaders', () => ({ [INTERNAL_HEADER]: internalToken }));
  const adminKey = config.adminKey;
  const redisState = await installRateLimit(app, {
    perMinute: config.rateLimit,
    redisUrl: config.redisUrl,
    internalToken,
    clock,
    ...(adminKey === undefined ? {} : { exempt: (req) => keyMatches(req.headers[ADMIN_KEY_HEADER], adminKey) }),
  });
  await installOpenApi(app, {
    version: VERSION,
    publicUrl: config.publicUrl,
    admin: config.adminKey !== undefined,
    examples: requestExample,
  });
  const faults = new FaultRegistry(clock);
  const journal = new RequestJournal(config.adminKey === undefined ? 0 : config.requestJournal);

  const base = {
    db: store.db,
    ...(store.background === undefined ? {} : { background: store.background }),
    dialect: store.dialect,
    clock,
    ids,
    changes: new ChangeLog(clock),
    timeZone: config.timeZone,
    publicBaseUrl: config.publicUrl ?? `http://${['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host}:${config.port}`,
    hashPassword: passwordHasher(config.passwordHashing),
    ...(config.adminKey === undefined ? {} : { webhookFault: (accountId: number, url: string) => faults.forWebhook(accountId, url) }),
  };
  const deps: ServiceDeps = { ...base, files: new FileStore(base, { maxAttachmentMb: config.maxAttachmentMb }) };
  const services = {} as Services;
  for (const m of modules) (services as unknown as Record<string, unknown>)[m.name] = m.createService(deps, services);

  const jwtSecret = config.jwtSecret ?? (await storedSecret(store.db, 'jwt_secret', () => ids.secret(48)));
  const tokenKey = await storedSecret(store.db, 'api_token_key', () => ids.secret(48));
  const accounts = new AccountService(store.db, clock, ids, tokenKey, (name) => services.users.prepareAdmin(name));

  const bound: Router = (spec) => route(app, config.publicUrl, spec);
  await installAuth(app, bound, { accounts, clock, ids, jwtSecret, timeZone: config.timeZone });

  app.get('/health', { schema: { hide: true } }, async (request, reply) => {
    let storeUp = true;
    try {
      await store.db.selectFrom('settings').select('key').limit(1).execute();
    } catch (err) {
      storeUp = false;
      request.log.error({ err }, 'health check: the store does not answer');
    }
    const redis = redisState();
    return reply.code(storeUp ? 200 : 503).send({
      status: !storeUp ? 'unavailable' : redis === 'down' ? 'degraded' : 'ok',
      version: VERSION,
      store: { kind: store.dialect, state: storeUp ? 'up' : 'down' },
      redis,
    });
  });
  installMetrics(app, { queueDepth: () => services.webhooks.queueDepth() });

  installFileRoutes(app, deps.files);
  installConsole(app);

  let admin: AdminService | undefined;
  if (config.adminKey !== undefined) {
    const isInternal = (headers: Record<string, unknown>) => headers[INTERNAL_HEADER] === internalToken;
    installFaults(app, faults, ADMIN_PREFIX, isInternal);
    installJournal(app, journal, clock, ADMIN_PREFIX, isInternal);
    admin = new AdminService({
      db: store.db,
      dialect: store.dialect,
      clock,
      accounts,
      journal,
      seedDemo: async (accountId, seed) => {
        const account = await accounts.get(accountId);
        if (!account) return;
        const { runDemo } = await import('./seed/run.js');
        await runDemo({ app, accounts, services, deps, serverClock: clock, faults, journal }, account, { seed, size: 'small' });
      },
    });
    await admin.refreshClock();
    installAdmin(app, bound, { adminKey: config.adminKey, service: admin, clock, faults, journal, accounts });
  }

  const ctx: ModuleContext = { deps, services, route: bound, config };
  for (const m of modules) m.registerRoutes(ctx);
  const dispatcher = services.webhooks.dispatcher;
  if (input.dispatch) app.addHook('onReady', async () => dispatcher.start(app.log));
  app.addHook('onClose', async () => dispatcher.stop());
  if (admin && input.dispatch) {
    // Other nodes may move the clock: adopt the stored one every second.
    const shared = admin;
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      timer = setInterval(() => shared.refreshClock().catch((err) => app.log.warn({ err }, 'could not read the server clock')), 1000);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  }

  await installOpenApiRoutes(app, { publicUrl: config.publicUrl });
  await app.ready();
  return { app, accounts, services, deps, serverClock: clock, faults, journal };
}
