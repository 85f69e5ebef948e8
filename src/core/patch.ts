// JSON Patch (RFC 6902) as Auvo's PATCH endpoints take it (D9): an array of operations whose
// paths may omit the leading slash and use any casing; `replace` and `add` set a value,
// `remove` clears it; only the documented paths are allowed; the result is re-validated.
import { applyPatch, type Operation } from 'rfc6902';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { type FieldMap, FieldError } from './errors.js';
import { canonicalizer } from './keys.js';
import { applyInputLimits } from './limits.js';

interface PropSchema {
  type?: string | string[];
  properties?: Record<string, PropSchema>;
  anyOf?: PropSchema[];
  'x-aliases'?: string[];
}

function emptyValueFor(schema: PropSchema | undefined): unknown {
  const type = schema?.anyOf ? schema.anyOf[0]?.type : schema?.type;
  switch (Array.isArray(type) ? type[0] : type) {
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return null;
  }
}

function addError(errors: FieldMap, field: string, message: string): void {
  if (!errors[field]) errors[field] = [];
  errors[field].push(message);
}

function resolveSegment(props: Record<string, PropSchema>, seg: string): string | undefined {
  const lower = seg.toLowerCase();
  for (const [name, p] of Object.entries(props)) {
    if (name.toLowerCase() === lower) return name;
    if (p['x-aliases']?.some((a) => a.toLowerCase() === lower)) return name;
  }
  return undefined;
}

/**
 * Applies `ops` to `doc` (the record's patchable view, shaped by `schema`) and returns the new
 * view, coerced to the schema's types. Every problem answers 400 with a field map; `doc` is
 * never mutated.
 */
export function applyJsonPatch<S extends TSchema>(schema: S, doc: Record<string, unknown>, ops: unknown): Record<string, unknown> {
  const list = Array.isArray(ops) ? ops : ops !== null && typeof ops === 'object' ? [ops] : undefined;
  if (!list || list.length === 0) throw FieldError.of('body', 'A JSON Patch document (an array of operations) is required.');
  applyInputLimits(schema);
  const props = ((schema as PropSchema).properties ?? {}) as Record<string, PropSchema>;
  const opCanon = canonicalizer({ properties: { op: {}, path: {}, value: {}, from: {} } });
  const errors: FieldMap = {};
  const normalized: Operation[] = [];
  const working = structuredClone(doc);
  for (const rawOp of list) {
    const o = opCanon(rawOp) as { op?: unknown; path?: unknown; value?: unknown };
    const opName = typeof o.op === 'string' ? o.op.trim().toLowerCase() : '';
    const rawPath = typeof o.path === 'string' ? o.path.trim() : '';
    if (!['replace', 'add', 'remove'].includes(opName)) {
      addError(errors, 'op', `The operation '${String(o.op ?? '')}' is not supported; use replace, add or remove.`);
      continue;
    }
    const segs = rawPath.replace(/^\/+/, '').split('/').filter(Boolean);
    let pointer = '';
    let here: Record<string, PropSchema> | undefined = props;
    let leaf: PropSchema | undefined;
    for (const seg of segs) {
      const name: string | undefined = here ? resolveSegment(here, seg) : undefined;
      if (!name || !here) {
        pointer = '';
        break;
      }
      leaf = here[name];
      pointer += `/${name}`;
      here = leaf.properties;
    }
    if (!pointer) {
      addError(errors, rawPath || 'path', `The path '${rawPath}' is not a patchable attribute.`);
      continue;
    }
    if (opName === 'remove') {
      normalized.push({ op: 'replace', path: pointer, value: emptyValueFor(leaf) });
    } else {
      if (!('value' in o)) {
        addError(errors, rawPath, 'A value is required.');
        continue;
      }
      // `add` on an existing member replaces it (RFC 6902 4.1), so both set the value.
      normalized.push({ op: 'add', path: pointer, value: canonicalizer(leaf)(o.value) });
    }
  }
  if (Object.keys(errors).length > 0) throw new FieldError(errors);
  const results = applyPatch(working, normalized);
  results.forEach((r, i) => {
    if (r) addError(errors, normalized[i].path.slice(1), `The patch could not be applied: ${r.message}`);
  });
  if (Object.keys(errors).length > 0) throw new FieldError(errors);
  const converted = Value.Convert(schema, working) as Record<string, unknown>;
  if (!Value.Check(schema, converted)) {
    for (const e of Value.Errors(schema, converted)) {
      const field = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'body';
      addError(errors, field, `The value is not valid: ${e.message}.`);
    }
    throw new FieldError(errors);
  }
  return converted;
}
