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

type Doc = Record<string, unknown>;
/** Draws the request example of one operation from its body schema (see modules/request-examples.ts). */
export type ExampleSource = (doc: Doc, operationId: string, bodySchema: Doc) => unknown;

export interface OpenApiOptions {
  version: string;
  publicUrl?: string;
  admin?: boolean;
  examples?: ExampleSource;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/**
 * The last touches the route schemas cannot express: each operation's own request example (PATCH
 * bodies share one JsonPatch schema, so examples cannot live on it), an explicit empty `security`
 * on public operations, and the servers list.
 */
export function finishDocument(doc: Doc, opts: { servers: string[]; examples?: ExampleSource }): Doc {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Doc>>;
  for (const item of Object.values(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      if (op.security === undefined) op.security = [];
      const content = ((op.requestBody as Doc | undefined)?.content as Record<string, Doc> | undefined)?.['application/json'];
      if (content && opts.examples && content.example === undefined && content.examples === undefined) {
        const example = opts.examples(doc, String(op.operationId), content.schema as Doc);
        if (example !== undefined) content.example = example;
      }
    }
  }
  doc.servers = opts.servers.map((url) => ({ url }));
  return doc;
}

export async function installOpenApi(app: FastifyInstance, opts: OpenApiOptions): Promise<void> {
  let finished: Doc | undefined;
  await app.register(swagger, {
    // Components are named after their schemas' $id (Customer, TaskCreate, ...), not def-N.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `schema${i}`),
    },
    // The document is built once; servers default to the address this server listens on.
    transformObject: (documentObject) => {
      const doc = (documentObject as { openapiObject: Doc }).openapiObject;
      if (finished) return finished;
      finished = finishDocument(doc, { servers: [opts.publicUrl ?? defaultServer(app)], examples: opts.examples });
      return finished;
    },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Campo — Auvo API v2',
        version: opts.version,
        description: API_DESCRIPTION,
        license: { name: 'MIT', identifier: 'MIT' },
      },
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

function defaultServer(app: FastifyInstance): string {
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : Number(process.env.PORT ?? 8080);
  return `http://localhost:${port}`;
}

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f6f43"/><path d="M9 22V10h6a4 4 0 0 1 0 8h-3v4z" fill="#fff"/></svg>`;

/** Registers /openapi.json and /docs; call after every route is declared. */
export async function installOpenApiRoutes(app: FastifyInstance, opts: { publicUrl?: string } = {}): Promise<void> {
  // Without a configured public URL, the served document names the host the client reached.
  app.get('/openapi.json', { schema: { hide: true } }, async (request) => {
    const doc = app.swagger() as Doc;
    if (opts.publicUrl) return doc;
    return { ...doc, servers: [{ url: `${request.protocol}://${request.host}` }] };
  });
  app.get('/docs/favicon.svg', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON),
  );
  await app.register(scalar, {
    routePrefix: '/docs',
    configuration: {
      url: '/openapi.json',
      title: 'Campo — Auvo API v2',
      pageTitle: 'Campo — Auvo API v2',
      favicon: '/docs/favicon.svg',
      metaData: { title: 'Campo — Auvo API v2' },
      // Offline by design: no web fonts, no links to Scalar's hosted client, tools or telemetry.
      withDefaultFonts: false,
      hideClientButton: true,
      showDeveloperTools: 'never',
      telemetry: false,
      agent: { disabled: true },
      documentDownloadType: 'json',
      defaultOpenAllTags: false,
      persistAuth: true,
      authentication: { preferredSecurityScheme: 'bearer' },
    },
  });
}
