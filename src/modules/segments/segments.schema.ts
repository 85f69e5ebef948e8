import { type Static, Type } from 'typebox';

// ---- Input --------------------------------------------------------------------------------

export const SegmentCreate = Type.Object({ description: Type.String({ minLength: 1 }) }, { $id: 'SegmentCreate' });
export type SegmentCreate = Static<typeof SegmentCreate>;

/** PUT body (live operation): matched by `id`; otherwise created, then `description` is required. */
export const SegmentUpsert = Type.Object(
  { id: Type.Optional(Type.Integer()), description: Type.Optional(Type.String()) },
  { $id: 'SegmentUpsert' },
);
export type SegmentUpsert = Static<typeof SegmentUpsert>;

/** The attributes PATCH may touch (S4). */
export const SegmentPatchable = Type.Object({ description: Type.String({ minLength: 1 }) }, { $id: 'SegmentPatchable' });

// ---- Output -------------------------------------------------------------------------------

// One date under two names (inventory 7 #32): GET and POST `registrationDate` (POST puts
// `description` first), list and PATCH `creationDate`.
export const Segment = Type.Object({ id: Type.Integer(), description: Type.String(), registrationDate: Type.String() }, { $id: 'Segment' });
export const SegmentCreated = Type.Object(
  { description: Type.String(), id: Type.Integer(), registrationDate: Type.String() },
  { $id: 'SegmentCreated' },
);
export const SegmentListed = Type.Object(
  { description: Type.String(), id: Type.Integer(), creationDate: Type.String() },
  { $id: 'SegmentListed' },
);

/** paramFilter keys of GET /segments/ (inventory 4.4). */
export const SegmentFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String()),
});
export type SegmentFilter = Static<typeof SegmentFilter>;

export const segmentExample = { id: 42, description: 'Terêscio', registrationDate: '2016-03-23T18:10:00' };
