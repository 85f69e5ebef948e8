// Fastify's own schema compilers (Ajv for what comes in, fast-json-stringify for answers), with each
// compiled function kept for the life of the process by what it was compiled from: the shared
// schemas and options of the app, the part of the request or answer, and the route's schema. An app
// built again in the same process (the tests build dozens per file; a restart of the in-process
// server) reuses them instead of compiling every route anew, which was half of an app's build time.
import { createHash } from 'node:crypto';
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

const compiled = new Map<string, unknown>();

/** A short key for a value's JSON (schemas may be large; only their digests are kept). */
function digest(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64');
}

/** `fn` compiled once per key for the process. */
function once<T>(key: string, fn: () => T): T {
  if (compiled.has(key)) return compiled.get(key) as T;
  const made = fn();
  compiled.set(key, made);
  return made;
}

type Route = { httpPart?: string; httpStatus?: string; contentType?: string; schema: unknown };
type Builder = (externalSchemas: unknown, options: unknown) => (route: Route) => unknown;

/**
 * A builder that answers from the process's compiled functions; the app's own compiler (and its
 * Ajv) is only set up when a schema has not been compiled before.
 */
function shared(kind: string, build: Builder): Builder {
  return (externalSchemas, options) => {
    const base = digest(kind, externalSchemas, options);
    let compile: ((route: Route) => unknown) | undefined;
    return (route) =>
      once(`${base}:${digest(route.httpPart ?? route.httpStatus, route.contentType, route.schema)}`, () => {
        compile ??= build(externalSchemas, options);
        return compile(route);
      });
  };
}

/** The `schemaController.compilersFactory` option of every app. */
export function sharedCompilers(): Factories {
  return {
    buildValidator: shared('validator', AjvCompiler() as unknown as Builder),
    buildSerializer: shared('serializer', SerializerSelector() as unknown as Builder),
  } as Factories;
}
