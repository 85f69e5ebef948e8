// Auvo's backend binds JSON properties and query names case-insensitively, and its docs spell
// several properties more than one way (D7, inventory 7). Input keys are rewritten to the
// canonical names of the route schema before validation; the map is built once per schema.
// A property lists its other documented spellings in the `x-aliases` annotation.

type Canonicalize = (value: unknown) => unknown;

interface SchemaLike {
  type?: string | string[];
  properties?: Record<string, SchemaLike>;
  items?: SchemaLike;
  maxItems?: number;
  additionalProperties?: boolean | SchemaLike;
  anyOf?: SchemaLike[];
  'x-aliases'?: string[];
}

const cache = new WeakMap<object, Canonicalize>();
const identity: Canonicalize = (v) => v;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Returns a function that rewrites the keys of a value shaped by `schema` to canonical names. */
export function canonicalizer(schema: unknown): Canonicalize {
  if (!schema || typeof schema !== 'object') return identity;
  const cached = cache.get(schema);
  if (cached) return cached;
  const s = schema as SchemaLike;
  let fn: Canonicalize = identity;
  if (s.properties) {
    const lookup = new Map<string, { name: string; sub: Canonicalize; exact: boolean }>();
    const subs = new Map<string, Canonicalize>();
    for (const [name, prop] of Object.entries(s.properties)) subs.set(name, canonicalizer(prop));
    for (const [name, prop] of Object.entries(s.properties)) {
      const sub = subs.get(name) ?? identity;
      for (const alias of prop['x-aliases'] ?? []) {
        if (!lookup.has(alias.toLowerCase())) lookup.set(alias.toLowerCase(), { name, sub, exact: false });
      }
    }
    for (const [name] of Object.entries(s.properties)) {
      lookup.set(name.toLowerCase(), { name, sub: subs.get(name) ?? identity, exact: true });
    }
    const keepUnknown = s.additionalProperties !== undefined && s.additionalProperties !== false;
    fn = (value) => {
      if (!isPlainObject(value)) return value;
      const out: Record<string, unknown> = {};
      const fromExact = new Set<string>();
      for (const [key, v] of Object.entries(value)) {
        const hit = lookup.get(key.toLowerCase());
        if (!hit) {
          if (keepUnknown) out[key] = v;
          continue;
        }
        // The canonical spelling wins over an alias when a client sends both.
        const exact = hit.exact && key.toLowerCase() === hit.name.toLowerCase();
        if (hit.name in out && fromExact.has(hit.name) && !exact) continue;
        out[hit.name] = hit.sub(v);
        if (exact) fromExact.add(hit.name);
      }
      return out;
    };
  } else if (s.items) {
    const sub = canonicalizer(s.items);
    // A list over its limit fails validation anyway: leave it as sent rather than walk it.
    fn = (value) => (Array.isArray(value) && !(value.length > (s.maxItems ?? Number.POSITIVE_INFINITY)) ? value.map(sub) : value);
  } else if (s.anyOf) {
    const objectBranch = s.anyOf.find((b) => b.properties);
    const arrayBranch = s.anyOf.find((b) => b.items);
    const forObject = objectBranch ? canonicalizer(objectBranch) : identity;
    const forArray = arrayBranch ? canonicalizer(arrayBranch) : identity;
    fn = (value) => (Array.isArray(value) ? forArray(value) : isPlainObject(value) ? forObject(value) : value);
  }
  cache.set(schema, fn);
  return fn;
}

/** Finds `name` in an object whose keys may use any casing. */
export function getCaseInsensitive(obj: Record<string, unknown>, name: string): unknown {
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(obj)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Schema options naming a property's other accepted spellings: `Type.Boolean(aliases('galleryPhotos'))`. */
export function aliases(...names: string[]): { 'x-aliases': string[] } {
  return { 'x-aliases': names };
}
