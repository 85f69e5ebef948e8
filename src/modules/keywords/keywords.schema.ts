import { type Static, Type } from 'typebox';

// ---- Input --------------------------------------------------------------------------------

export const KeywordCreate = Type.Object({ description: Type.String({ minLength: 1 }) }, { $id: 'KeywordCreate' });
export type KeywordCreate = Static<typeof KeywordCreate>;

/** PUT body (live operation): matched by `id`; otherwise created, then `description` is required. */
export const KeywordUpsert = Type.Object(
  { id: Type.Optional(Type.Integer()), description: Type.Optional(Type.String()) },
  { $id: 'KeywordUpsert' },
);
export type KeywordUpsert = Static<typeof KeywordUpsert>;

/** The attributes PATCH may touch (K4). */
export const KeywordPatchable = Type.Object({ description: Type.String({ minLength: 1 }) }, { $id: 'KeywordPatchable' });

// ---- Output -------------------------------------------------------------------------------

// One date under two names (inventory 7 #32): GET, POST and PATCH `registrationDate` (POST and
// PATCH put `description` first), list `creationDate`.
export const Keyword = Type.Object({ id: Type.Integer(), description: Type.String(), registrationDate: Type.String() }, { $id: 'Keyword' });
export const KeywordCreated = Type.Object(
  { description: Type.String(), id: Type.Integer(), registrationDate: Type.String() },
  { $id: 'KeywordCreated' },
);
export const KeywordListed = Type.Object(
  { description: Type.String(), id: Type.Integer(), creationDate: Type.String() },
  { $id: 'KeywordListed' },
);

/** paramFilter keys of GET /keywords/ (inventory 4.4). */
export const KeywordFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String()),
});
export type KeywordFilter = Static<typeof KeywordFilter>;

export const keywordExample = { id: 42, description: 'Terêscio', registrationDate: '2016-03-23T18:10:00' };
