// buildApp: the core rules first, then every module listed in modules/index.ts.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { AccountService } from './core/accounts.js';
import { installAuth } from './core/auth.js';
import { ChangeLog } from './core/changes.js';
import { type Clock, systemClock } from './core/clock.js';
import type { ModuleContext, ServiceDeps, Services } from './core/context.js';
import { installConsole } from './core/console.js';
import { installErrorHandler } from './core/errors.js';
import { FileStore, installFileRoutes } from './core/files.js';
import { installHttpRules, type Router, route, routerOptions } from './core/http.js';
import { type Ids, randomIds } from './core/ids.js';
import { installOpenApi, installOpenApiRoutes } from './core/openapi.js';
import { passwordHasher } from './core/passwords.js';
import { INTERNAL_HEADER, installRateLimit } from './core/rate-limit.js';
import { storedSecret } from './core/secrets.js';
import type { Store } from './db/index.js';
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
  logger?: boolean | object;
  /** Run the webhook dispatcher loop once the app is ready (serve); tests drive it with runOnce(). */
  dispatch?: boolean;
}

export interface BuiltApp {
  app: FastifyInstance;
  accounts: AccountService;
  services: Services;
  deps: ServiceDeps;
}

export async function buildApp(input: AppDeps): Promise<BuiltApp> {
  const { config, store } = input;
  const clock = input.clock ?? systemClock;
  const ids = input.ids ?? randomIds;
  const app = Fastify({
    logger: input.logger ?? { level: config.logLevel },
    routerOptions,
    genReqId: () => randomUUID(),
    bodyLimit: 64 * 1024 * 1024,
    ajv: { customOptions: { keywords: ['x-aliases', 'x-campo-extension'] } },
  });
  installErrorHandler(app);
  installHttpRules(app);
  const internalToken = ids.secret(32);
  app.decorate('internalHeaders', () => ({ [INTERNAL_HEADER]: internalToken }));
  await installRateLimit(app, { perMinute: config.rateLimit, redisUrl: config.redisUrl, internalToken });
  await installOpenApi(app, { version: VERSION, publicUrl: config.publicUrl });

  const base = {
    db: store.db,
    dialect: store.dialect,
    clock,
    ids,
    changes: new ChangeLog(clock),
    timeZone: config.timeZone,
    publicBaseUrl: config.publicUrl ?? `http://${['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host}:${config.port}`,
    hashPassword: passwordHasher(config.passwordHashing),
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
    try {
      await store.db.selectFrom('settings').select('key').limit(1).execute();
      return reply.send({ status: 'ok' });
    } catch (err) {
      request.log.error({ err }, 'health check: the store does not answer');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  installFileRoutes(app, deps.files);
  installConsole(app);

  const ctx: ModuleContext = { deps, services, route: bound, config };
  for (const m of modules) m.registerRoutes(ctx);
  const dispatcher = services.webhooks.dispatcher;
  if (input.dispatch) app.addHook('onReady', async () => dispatcher.start(app.log));
  app.addHook('onClose', async () => dispatcher.stop());

  await installOpenApiRoutes(app);
  await app.ready();
  return { app, accounts, services, deps };
}
