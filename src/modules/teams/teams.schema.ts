import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';
import { liveSpelling } from '../../core/schemas.js';

// ---- Input --------------------------------------------------------------------------------

const UserIds = Type.Array(Type.Integer(), { description: 'User ids (must exist in the account)' });

// The attribute list spells `manangers`, the example `managers` (inventory 7 #29).
export const TeamCreate = Type.Object(
  {
    description: Type.String({ minLength: 1 }),
    participants: UserIds,
    managers: Type.Array(Type.Integer(), { description: 'Manager user ids (must exist in the account)', ...aliases('manangers') }),
  },
  { $id: 'TeamCreate' },
);
export type TeamCreate = Static<typeof TeamCreate>;

/** The attributes the PATCH extension may touch. */
export const TeamPatchable = Type.Object(
  {
    description: Type.String({ minLength: 1 }),
    participants: UserIds,
    managers: Type.Array(Type.Integer(), aliases('manangers')),
  },
  { $id: 'TeamPatchable' },
);
export type TeamPatchable = Static<typeof TeamPatchable>;

// ---- Output -------------------------------------------------------------------------------

const teamBody = {
  teamUsers: Type.Array(Type.String(), { description: 'Participant names' }),
  teamManagers: Type.Array(Type.String(), { description: 'Manager names' }),
  id: Type.Integer(),
  description: Type.String(),
};

/** GET (M1) and POST (M2) form. */
export const Team = Type.Object(teamBody, { $id: 'Team' });
/** List form (M3): `creationDate` first. */
export const TeamListed = Type.Object({ creationDate: Type.String(), ...teamBody }, { $id: 'TeamListed' });
/** A participant in the team users list (M4), with the live `userID` beside `userId` (D15). */
export const TeamUser = Type.Object(
  {
    userId: Type.Integer(),
    userID: Type.Integer(liveSpelling('userId')),
    externalId: Type.String(),
    name: Type.String(),
    jobPosition: Type.String(),
  },
  { $id: 'TeamUser' },
);

/** paramFilter keys of GET /teams/ (inventory 4.4). */
export const TeamFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String()),
});
export type TeamFilter = Static<typeof TeamFilter>;

export const teamExample = {
  teamUsers: ['User1', 'User2'],
  teamManagers: ['Manager1', 'Manager2'],
  id: 4168,
  description: 'Example of a description from a team',
};
