// A typed client for Campo (and the Auvo API v2 it speaks), on openapi-fetch with the types of
// schema.ts (generated from the OpenAPI document: `npm run client:generate`).
//
// - logs in with apiKey/apiToken on first use and again when a call answers 401 (the call is
//   then repeated once with the new token);
// - waits for `Retry-After` and repeats a call the rate limit refused (403), a few times;
// - `pages()` walks a list page by page until the empty page (Auvo answers it with 404).
import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { paths } from './schema.js';

export interface CampoClientOptions {
  /** Server base URL, e.g. http://localhost:8080 (no /v2). */
  baseUrl: string;
  apiKey: string;
  apiToken: string;
  /** fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** How many times a rate-limited call is repeated after waiting (default 3). */
  rateLimitRetries?: number;
  /** Waits `ms` milliseconds; replaceable in tests (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
}

export interface CampoClient extends Client<paths> {
  /** Logs in now (normally done on the first call) and returns the bearer token. */
  login(): Promise<string>;
}

/** The list envelope every Auvo list answers with. */
interface ListBody<T> {
  result?: { entityList?: T[]; pagedSearchReturnData?: { totalItems?: number; pageSize?: number; page?: number } };
}

const RETRIED = Symbol('campo.retried');

export function createCampoClient(opts: CampoClientOptions): CampoClient {
  const baseFetch = opts.fetch ?? globalThis.fetch;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const rateLimitRetries = opts.rateLimitRetries ?? 3;
  const base = opts.baseUrl.replace(/\/+$/, '');
  let token: string | undefined;
  let pending: Promise<string> | undefined;

  async function login(): Promise<string> {
    // One login at a time: concurrent calls that found no token share it.
    pending ??= (async () => {
      const res = await baseFetch(`${base}/v2/login/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiKey: opts.apiKey, apiToken: opts.apiToken }),
      });
      if (!res.ok) throw new CampoLoginError(res.status, await res.text());
      const body = (await res.json()) as { result?: { accessToken?: string } };
      if (!body.result?.accessToken) throw new CampoLoginError(res.status, 'no accessToken in the answer');
      token = body.result.accessToken;
      return token;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  // Requests are kept (cloned before sending) so they can be sent again after a re-login or a wait.
  const originals = new WeakMap<Request, Request>();
  const auth: Middleware = {
    async onRequest({ request }) {
      if (new URL(request.url).pathname.toLowerCase().startsWith('/v2/login')) return request;
      request.headers.set('authorization', `Bearer ${token ?? (await login())}`);
      originals.set(request, request.clone());
      return request;
    },
    async onResponse({ request, response }) {
      const original = originals.get(request);
      if (!original) return response;
      if (response.status === 401 && !(original as unknown as Record<symbol, boolean>)[RETRIED]) {
        await login();
        const again = original.clone();
        again.headers.set('authorization', `Bearer ${token}`);
        const res = await baseFetch(again);
        return res.status === 403 ? waitAndRepeat(again, res) : res;
      }
      if (response.status === 403) return waitAndRepeat(original, response);
      return response;
    },
  };

  async function waitAndRepeat(request: Request, first: Response): Promise<Response> {
    let res = first;
    for (let i = 0; i < rateLimitRetries && res.status === 403; i++) {
      const seconds = Number(res.headers.get('retry-after'));
      // A 403 without Retry-After is a permission answer, not the rate limit.
      if (!Number.isFinite(seconds) || res.headers.get('retry-after') === null) return res;
      await sleep(Math.max(0, seconds) * 1000);
      const again = request.clone();
      again.headers.set('authorization', `Bearer ${token}`);
      res = await baseFetch(again);
    }
    return res;
  }

  const client = createFetchClient<paths>({ baseUrl: base, fetch: baseFetch });
  client.use(auth);
  return Object.assign(client, { login });
}

export class CampoLoginError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`Campo login failed with HTTP ${status}: ${body}`);
    this.name = 'CampoLoginError';
  }
}

/** The list paths: those whose GET answers the Auvo list envelope. */
type ListPath = {
  [P in keyof paths]: paths[P] extends {
    get: { responses: { 200: { content: { 'application/json': { result: { entityList: unknown[] } } } } } };
  }
    ? P
    : never;
}[keyof paths];

type ItemOf<P extends ListPath> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': { result: { entityList: (infer T)[] } } } } } };
}
  ? T
  : never;

type QueryOf<P extends ListPath> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? Q : never;

/**
 * Every item of a list, page after page (page 1, 2, ...) until the empty page, which Auvo answers
 * with 404 and an empty entityList. Other errors throw.
 */
export async function* pages<P extends ListPath>(
  client: CampoClient,
  path: P,
  query: Omit<NonNullable<QueryOf<P>>, 'page'> = {} as Omit<NonNullable<QueryOf<P>>, 'page'>,
): AsyncGenerator<ItemOf<P>> {
  for (let page = 1; ; page++) {
    const get = client.GET as unknown as (
      p: string,
      init: { params: { query: Record<string, unknown> } },
    ) => Promise<{ data?: ListBody<ItemOf<P>>; error?: unknown; response: Response }>;
    const { data, error, response } = await get(path, { params: { query: { ...query, page: String(page) } } });
    if (response.status === 404) return;
    if (!response.ok) throw new Error(`GET ${path} page ${page} answered ${response.status}: ${JSON.stringify(error)}`);
    const items = data?.result?.entityList ?? [];
    if (items.length === 0) return;
    yield* items;
  }
}
