import { type Static, Type } from 'typebox';

export const ExpenseTypeCreate = Type.Object(
  { description: Type.String({ minLength: 1, description: 'Expense type description' }) },
  { $id: 'ExpenseTypeCreate' },
);
export type ExpenseTypeCreate = Static<typeof ExpenseTypeCreate>;

/** PUT body (live operation): matched by `id`; otherwise created, then `description` is required. */
export const ExpenseTypeUpsert = Type.Object(
  { id: Type.Optional(Type.Integer()), description: Type.Optional(Type.String({ minLength: 1 })) },
  { $id: 'ExpenseTypeUpsert' },
);
export type ExpenseTypeUpsert = Static<typeof ExpenseTypeUpsert>;

/** The attributes PATCH may touch (X4). */
export const ExpenseTypePatchable = Type.Object({ description: Type.String({ minLength: 1 }) }, { $id: 'ExpenseTypePatchable' });

/** `{id, description, creatorId, creationDate}` in every response (inventory 3.6). */
export const ExpenseType = Type.Object(
  {
    id: Type.Integer(),
    description: Type.String(),
    creatorId: Type.Integer({ description: 'The user behind the API credentials that created it' }),
    creationDate: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss' }),
  },
  { $id: 'ExpenseType' },
);
export type ExpenseTypeDto = Static<typeof ExpenseType>;

/** paramFilter keys of GET /expenseTypes/ (inventory 4.4). */
export const ExpenseTypeFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String({ description: 'contains, any case' })),
});
export type ExpenseTypeFilter = Static<typeof ExpenseTypeFilter>;

export const expenseTypeExample = { id: 42, description: 'Terêscio', creatorId: 123, creationDate: '2016-03-23T18:10:00' };
