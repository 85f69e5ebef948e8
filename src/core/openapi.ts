// OpenAPI 3.1 generated from the route schemas, served at /openapi.json, with interactive docs
// at /docs (the docs bundle is served from the package itself: no CDN).
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';

export const API_DESCRIPTION = `Campo speaks the Auvo API v2 under \`/v2\`: point an Auvo client at this server's base URL
and it works unchanged. Everything Campo adds beyond the Auvo contract is marked with
\`x-campo-extension: true\` (and lives under \`/campo/v1/\` unless it completes an Auvo resource).

Conventions shared by every route:
- Log in with \`GET /v2/login/?apiKey=&apiToken=\` or \`POST /v2/login/\`; send \`Authorization: Bearer <accessToken>\`.
  Tokens last 30 minutes. Missing, malformed or expired tokens answer 401 with an empty body.
- Route segments, query names and JSON property names are case-insensitive; a trailing slash is optional.
- Success bodies are \`{"result": ...}\`. Lists answer \`{entityList, pagedSearchReturnData, links}\`, and 404
  with the same envelope when the page is empty.
- Writes answer 400 with a field map \`{"<attribute>": ["<message>"]}\` and change nothing on bad input;
  a body-carrying request without \`Content-Type: application/json\` answers 415.
- More than the configured requests per minute per client IP answer 403 \`{"error":"Rate limit temporarily exceeded"}\`
  with a \`Retry-After\` header.`;

export async function installOpenApi(app: FastifyInstance, opts: { version: string; publicUrl?: string; admin?: boolean }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Campo — Auvo API v2', version: opts.version, description: API_DESCRIPTION },
      servers: opts.publicUrl ? [{ url: opts.publicUrl }] : [],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          // Only when AUVO_ADMIN_KEY is set: the admin API is otherwise absent.
          ...(opts.admin ? { adminKey: { type: 'apiKey', in: 'header', name: 'X-Campo-Admin-Key' } } : {}),
        },
      },
    },
  });
}

/** Registers /openapi.json and /docs; call after every route is declared. */
export async function installOpenApiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(scalar, {
    routePrefix: '/docs',
    configuration: { url: '/openapi.json', title: 'Campo API' },
  });
}
