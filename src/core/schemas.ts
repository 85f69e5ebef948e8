// Shapes shared by every resource: error bodies and the list envelope.
import { type TSchema, Type } from 'typebox';

export const FieldErrorMap = Type.Record(Type.String(), Type.Array(Type.String()), {
  $id: 'FieldErrorMap',
  description: 'Model-binding map: attribute name -> messages. Nothing was written.',
  examples: [{ id: ["The value 'x' is not valid."] }],
});

export const ErrorEnvelope = Type.Object(
  {
    message: Type.String(),
    target: Type.Null(),
    errorCode: Type.Integer(),
    errors: Type.Null(),
  },
  {
    $id: 'ErrorEnvelope',
    examples: [{ message: 'The paramFilter is required as ParamUserFilter string json.', target: null, errorCode: 0, errors: null }],
  },
);

export const RateLimitBody = Type.Object(
  { error: Type.String() },
  { $id: 'RateLimitBody', examples: [{ error: 'Rate limit temporarily exceeded' }] },
);

export const PagedSearchReturnData = Type.Object(
  {
    order: Type.Integer({ description: '0 ascending, 1 descending' }),
    pageSize: Type.Integer(),
    page: Type.Integer(),
    totalItems: Type.Integer(),
  },
  { $id: 'PagedSearchReturnData' },
);

export const Link = Type.Object(
  {
    href: Type.String(),
    rel: Type.String({ description: '`self` or `nextPage`' }),
    method: Type.String(),
  },
  { $id: 'Link' },
);

/** `{entityList, pagedSearchReturnData, links}`; items are partial because of `selectfields`. */
export function ListEnvelope<T extends TSchema>(item: T) {
  return Type.Object({
    entityList: Type.Array(Type.Partial(item)),
    pagedSearchReturnData: PagedSearchReturnData,
    links: Type.Array(Link),
  });
}

/** Query parameters every paged list accepts (names matched case-insensitively, D7). */
export const ListQuery = Type.Object({
  paramFilter: Type.Optional(Type.String({ description: 'JSON object, URL-encoded' })),
  page: Type.Optional(Type.String({ description: 'Page number, default 1' })),
  pageSize: Type.Optional(Type.String({ description: 'Page size, default 10' })),
  order: Type.Optional(Type.String({ description: 'asc/0 or desc/1, default asc' })),
  selectfields: Type.Optional(Type.String({ description: 'Comma-separated property names; empty = all' })),
});

/**
 * Schema options for a key the live Auvo service emits beside the documented one (D15): both
 * travel in every answer carrying the object, and OpenAPI marks this one as the live spelling.
 */
export function liveSpelling(documented: string, description?: string): { description: string; 'x-live-spelling-of': string } {
  return {
    description:
      description ??
      `Live spelling of \`${documented}\`, same value: the live Auvo service emits it, the Auvo documentation spells it \`${documented}\`.`,
    'x-live-spelling-of': documented,
  };
}
