// Login (L1 GET, L2 POST) and bearer authentication exactly as D1 and D2 pin them.
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Account, AccountService } from './accounts.js';
import type { Clock } from './clock.js';
import { formatLocalSpaced } from './dates.js';
import { AppError, invalidValue, NotFoundError, UnauthorizedError } from './errors.js';
import type { Ids } from './ids.js';
import type { Router } from './http.js';

/** Who is calling: the account (tenant) and the administrator that owns its credentials. */
export interface Auth {
  accountId: number;
  adminUserId: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: Auth;
  }
  interface FastifyInstance {
    /** A bearer token for `account`, as a login would issue (for in-process tools such as the demo seed). */
    issueAccessToken(account: Account): { token: string; issuedAt: Date; expiresAt: Date };
  }
}

export const TOKEN_LIFETIME_SECONDS = 30 * 60;
const ISSUER = 'Auvo_Api_Publica';
const AUDIENCE = 'Usuario_Api';

interface Claims {
  acc: number;
  apiKey: string;
  unique_name: string[];
  jti: string;
  nbf: number;
  iat: number;
  exp: number;
}

export interface AuthDeps {
  accounts: AccountService;
  clock: Clock;
  ids: Ids;
  jwtSecret: string;
  timeZone: string;
}

// A refused login (401) carries only `authenticated: false` and `message`; it is sent by the error handler.
const LoginResult = Type.Object(
  {
    result: Type.Object({
      authenticated: Type.Boolean(),
      created: Type.String({ description: 'yyyy-MM-dd HH:mm:ss, server time zone' }),
      expiration: Type.String({ description: 'created + 30 minutes' }),
      accessToken: Type.String(),
      message: Type.String(),
    }),
  },
  { $id: 'LoginResult' },
);

const LoginQuery = Type.Object({
  apiKey: Type.Optional(Type.String()),
  apiToken: Type.Optional(Type.String()),
});

const LoginBody = Type.Object({
  apiKey: Type.Optional(Type.String()),
  apiToken: Type.Optional(Type.String()),
});

const loginExample = {
  result: {
    authenticated: true,
    created: '2019-05-08 16:15:59',
    expiration: '2019-05-08 16:45:59',
    accessToken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...',
    message: 'OK',
  },
};

function bearerToken(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/** Registers the JWT signer, the bearer check for every non-public route, and the login routes. */
export async function installAuth(app: FastifyInstance, route: Router, deps: AuthDeps): Promise<void> {
  await app.register(fastifyJwt, {
    secret: deps.jwtSecret,
    sign: { algorithm: 'HS256', iss: ISSUER, aud: AUDIENCE },
    // Expiry and not-before are checked against the injected clock below, not the wall clock.
    verify: { allowedIss: ISSUER, allowedAud: AUDIENCE, ignoreExpiration: true, ignoreNotBefore: true },
  });

  // Verified claims by exact token text: a client's repeated calls skip the HMAC (and the hashing
  // a digest-keyed cache would do). Only tokens whose signature checked out are kept.
  const verified = new Map<string, Claims>();
  const claimsOf = (token: string): Claims => {
    let claims = verified.get(token);
    if (claims === undefined) {
      claims = app.jwt.verify<Claims>(token);
      if (verified.size >= 10_000) verified.clear();
      verified.set(token, claims);
    }
    return claims;
  };

  // The hot path: no closure is made per request (each would also get its name defined).
  const admit = (request: FastifyRequest, accountId: number, adminUserId: number | undefined, done: (err?: Error) => void) => {
    if (adminUserId === undefined) return done(new UnauthorizedError('account removed'));
    request.auth = { accountId, adminUserId };
    done();
  };

  // A callback hook: with the account's state cached (the common case) no promise is made.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.config.auth !== true) return done();
    const token = bearerToken(request);
    if (!token) return done(new UnauthorizedError('missing bearer token'));
    let claims: Claims;
    try {
      claims = claimsOf(token);
    } catch {
      return done(new UnauthorizedError('invalid token'));
    }
    const now = deps.clock.now().getTime() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= now || (typeof claims.nbf === 'number' && claims.nbf > now + 60)) {
      return done(new UnauthorizedError('expired token'));
    }
    if (!Number.isSafeInteger(claims.acc)) return done(new UnauthorizedError('invalid token'));
    const accountId = claims.acc;
    const cached = deps.accounts.cachedAdmin(accountId);
    if (cached !== 'unknown') return admit(request, accountId, cached, done);
    deps.accounts.activeAdmin(accountId).then((adminUserId) => admit(request, accountId, adminUserId, done), done);
  });

  const issue = (account: Account) => {
    const now = deps.clock.now();
    const iat = Math.floor(now.getTime() / 1000);
    const claims: Claims = {
      acc: account.id,
      apiKey: account.apiKey,
      unique_name: [account.name, account.name],
      jti: deps.ids.uuid().replace(/-/g, ''),
      nbf: iat,
      iat,
      exp: iat + TOKEN_LIFETIME_SECONDS,
    };
    return { token: app.jwt.sign(claims), issuedAt: now, expiresAt: new Date((iat + TOKEN_LIFETIME_SECONDS) * 1000) };
  };
  app.decorate('issueAccessToken', issue);

  const login = async (apiKey: string | undefined, apiToken: string | undefined) => {
    if (apiKey === undefined || apiKey.trim() === '') throw invalidValue('apiKey', '');
    if (apiToken === undefined || apiToken.trim() === '') throw invalidValue('apiToken', '');
    const v = await deps.accounts.verify(apiKey.trim(), apiToken.trim());
    if (v.status === 'unknown') throw new NotFoundError();
    if (v.status !== 'ok') {
      throw new AppError(401, { result: { authenticated: false, message: 'Invalid apiKey or apiToken.' } }, 'denied', {
        'www-authenticate': 'Bearer',
      });
    }
    const { token, issuedAt, expiresAt } = issue(v.account);
    return {
      result: {
        authenticated: true,
        created: formatLocalSpaced(issuedAt, deps.timeZone),
        expiration: formatLocalSpaced(expiresAt, deps.timeZone),
        accessToken: token,
        message: 'OK',
      },
    };
  };

  route({
    method: 'GET',
    url: '/v2/login',
    operationId: 'login',
    tags: ['Login'],
    summary: 'Retrieve an access token (query)',
    description:
      'Exchanges the administrator `apiKey` and `apiToken` for a bearer token valid 30 minutes. Unknown apiKey: 404 with an empty body; wrong apiToken: 401 with `authenticated: false`.',
    public: true,
    raw: true,
    status: 200,
    querystring: LoginQuery,
    response: LoginResult,
    example: loginExample,
    handler: async ({ query }) => login(query.apiKey, query.apiToken),
  });

  route({
    method: 'POST',
    url: '/v2/login',
    operationId: 'loginWithBody',
    tags: ['Login'],
    summary: 'Retrieve an access token (body)',
    description: 'Same as the GET form, with `{"apiKey", "apiToken"}` in a JSON body. Answers 200.',
    public: true,
    raw: true,
    status: 200,
    body: LoginBody,
    response: LoginResult,
    example: loginExample,
    handler: async ({ body }) => login(body?.apiKey, body?.apiToken),
  });
}
