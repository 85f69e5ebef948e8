// Input limits every request schema carries: finite numbers, bounded strings and lists.
// Ajv's type coercion turns "Infinity", "-Infinity" and "1e309" into ±Infinity after its type
// check, and its number keywords (minimum, maximum) skip non-finite values, so such a value
// passes even `{"type": "integer", "maximum": 7}`; the `x-finite` keyword refuses it. Unbounded strings and lists let one request fill a store row or an index entry,
// or keep the validator busy on a huge array. The limits are written into the schema itself, so
// validation, JSON Patch re-validation and the OpenAPI document all state the same bounds.

/** Most text: names, codes, e-mails, phone numbers, addresses, external ids. */
export const SHORT_TEXT_MAX = 500;
/** URLs (webhook targets). */
export const URL_TEXT_MAX = 2_048;
/** Free text: descriptions, notes, observations, orientations, answers, reports. */
export const LONG_TEXT_MAX = 20_000;
/** Files sent inline as base64 (the request body limit bounds them as well). */
export const FILE_TEXT_MAX = 64 * 1024 * 1024;
/** Items of any list in a request body. */
export const LIST_MAX = 1_000;

const LONG_TEXT =
  /description|note|observation|orientation|message|report|pendency|answer|reply|specification|header|footer|comment|^job$/i;
const URL_TEXT = /url$/i;
const FILE_TEXT = /^(?:file|attachment|image|base64image|signature)$/i;

interface Node {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  'x-finite'?: boolean;
  maxLength?: number;
  maxItems?: number;
  properties?: Record<string, Node>;
  patternProperties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node | Node[];
  prefixItems?: Node[];
  anyOf?: Node[];
  oneOf?: Node[];
  allOf?: Node[];
  not?: Node;
}

function typesOf(node: Node): string[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
}

function textLimit(field: string): number {
  if (FILE_TEXT.test(field)) return FILE_TEXT_MAX;
  if (URL_TEXT.test(field)) return URL_TEXT_MAX;
  if (LONG_TEXT.test(field)) return LONG_TEXT_MAX;
  return SHORT_TEXT_MAX;
}

/** Ajv keyword: a number (after type coercion) must be finite. */
export const finiteKeyword = {
  keyword: 'x-finite',
  schemaType: 'boolean' as const,
  errors: false,
  validate: (on: boolean, data: unknown) => !on || typeof data !== 'number' || Number.isFinite(data),
};

function walk(node: Node | undefined, field: string, text: boolean, seen: Set<Node>): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  const types = typesOf(node);
  if (types.includes('integer') || types.includes('number')) node['x-finite'] = true;
  if (text && types.includes('string') && node.maxLength === undefined && node.enum === undefined && node.const === undefined) {
    node.maxLength = textLimit(field);
  }
  if (text && types.includes('array') && node.maxItems === undefined) node.maxItems = LIST_MAX;
  for (const [name, child] of Object.entries(node.properties ?? {})) walk(child, name, text, seen);
  for (const child of Object.values(node.patternProperties ?? {})) walk(child, field, text, seen);
  if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, field, text, seen);
  for (const child of Array.isArray(node.items) ? node.items : [node.items]) walk(child, field, text, seen);
  for (const list of [node.prefixItems, node.anyOf, node.oneOf, node.allOf]) for (const child of list ?? []) walk(child, field, text, seen);
  walk(node.not, field, text, seen);
}

const limited = new WeakSet<object>();

/**
 * Adds the bounds every request value keeps: numbers are finite, and, for bodies, strings and
 * lists without a stated maximum get one (string lengths by field name). Changes the schema in place; idempotent.
 */
export function applyInputLimits<S>(schema: S, opts: { text: boolean } = { text: true }): S {
  if (schema === null || typeof schema !== 'object' || limited.has(schema)) return schema;
  walk(schema as Node, '', opts.text, new Set());
  if (opts.text) limited.add(schema);
  return schema;
}
