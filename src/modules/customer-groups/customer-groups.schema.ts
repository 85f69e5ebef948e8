import { type Static, Type } from 'typebox';
import { liveSpelling } from '../../core/schemas.js';

// ---- Input --------------------------------------------------------------------------------

const ClientIds = Type.Array(Type.Integer(), { description: 'Customer ids (must exist in the account)' });

export const CustomerGroupCreate = Type.Object(
  { description: Type.String({ minLength: 1 }), clientsId: Type.Optional(ClientIds) },
  { $id: 'CustomerGroupCreate' },
);
export type CustomerGroupCreate = Static<typeof CustomerGroupCreate>;

/** The attributes the PATCH extension may touch; `clientsId` replaces the members. */
export const CustomerGroupPatchable = Type.Object(
  { description: Type.String({ minLength: 1 }), clientsId: ClientIds },
  { $id: 'CustomerGroupPatchable' },
);
export type CustomerGroupPatchable = Static<typeof CustomerGroupPatchable>;

// ---- Output -------------------------------------------------------------------------------

export const CustomerGroup = Type.Object({ id: Type.Integer(), description: Type.String() }, { $id: 'CustomerGroup' });

/** The POST answer: the group, and again under `clientGroupSearchReturn`, where the live service puts it (D15). */
export const CustomerGroupCreated = Type.Object(
  {
    id: Type.Integer(),
    description: Type.String(),
    clientGroupSearchReturn: Type.Object(
      { id: Type.Integer(), description: Type.String() },
      liveSpelling('result', 'The group again, where the live Auvo service answers it (clients read `result.clientGroupSearchReturn.id`).'),
    ),
  },
  { $id: 'CustomerGroupCreated' },
);

/** paramFilter keys of GET /customerGroups/ (inventory 4.4; the doc's labels are wrong, 7 #28). */
export const CustomerGroupFilter = Type.Object({
  id: Type.Optional(Type.Integer({ description: 'The group id' })),
  description: Type.Optional(Type.String({ description: 'contains, any case' })),
});
export type CustomerGroupFilter = Static<typeof CustomerGroupFilter>;

export const CustomerGroupListQuery = Type.Object({
  paramFilter: Type.Optional(Type.String({ description: 'JSON object, URL-encoded' })),
});

export const customerGroupExample = { id: 42, description: 'Terêscio' };
