import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';
import { liveSpelling } from '../../core/schemas.js';

// ---- Input --------------------------------------------------------------------------------

const channelOpts = { minimum: 0, maximum: 3, description: '0 none, 1 e-mail, 2 push, 3 both' };
const Channel = Type.Integer(channelOpts);
const Hour = Type.String({ pattern: '^(|([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?)$', description: '"HH:mm:ss", 24 hours' });
const StringOrList = Type.Union([Type.String(), Type.Array(Type.String())]);

const MonitoringNotificationIn = Type.Object({
  gpsActivation: Type.Optional(Channel),
  gpsDisabling: Type.Optional(Channel),
  appLogin: Type.Optional(Channel),
  appLogout: Type.Optional(Channel),
});
const EmployeeNotificationIn = Type.Object({ basePointChange: Type.Optional(Channel) });
// `adressChange` is Auvo's spelling; the correct spelling is accepted too.
const ClientNotificationIn = Type.Object({ adressChange: Type.Optional(Type.Integer({ ...channelOpts, ...aliases('addressChange') })) });
const TaskNotificationIn = Type.Object({
  checkIn: Type.Optional(Channel),
  checkout: Type.Optional(Channel),
  rescheduling: Type.Optional(Channel),
  travelStart: Type.Optional(Channel),
  researchAnswer: Type.Optional(Channel),
  delay: Type.Optional(Channel),
  taskDelete: Type.Optional(Channel),
});
const BasePointIn = Type.Object({
  address: Type.Optional(Type.String()),
  latitude: Type.Optional(Type.Number()),
  longitude: Type.Optional(Type.Number()),
});

/** Every attribute a user write may carry (all optional here; POST adds `required`). */
const userInputProperties = {
  externalId: Type.Optional(Type.String()),
  name: Type.Optional(Type.String({ minLength: 1 })),
  // GET spells it smartphoneNumber; writes smartPhoneNumber (inventory 7 #3).
  smartPhoneNumber: Type.Optional(StringOrList),
  culture: Type.Optional(Type.String()),
  jobPosition: Type.Optional(Type.String()),
  enterprise: Type.Optional(Type.String()),
  userType: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, description: '1 user, 2 team manager, 3 administrator' })),
  password: Type.Optional(Type.String({ minLength: 1, writeOnly: true })),
  login: Type.Optional(Type.String({ minLength: 1 })),
  email: Type.Optional(StringOrList),
  workDaysOfWeek: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { description: '1 Sunday ... 7 Saturday' })),
  startWorkHour: Type.Optional(Hour),
  endWorkHour: Type.Optional(Hour),
  startLunchHour: Type.Optional(Hour),
  endLunchHour: Type.Optional(Hour),
  hourValue: Type.Optional(Type.Number()),
  checkInManual: Type.Optional(Type.Boolean()),
  checkOutManual: Type.Optional(Type.Boolean()),
  // The base point is sent flat; a nested basePoint/BasePoint object is accepted too.
  address: Type.Optional(Type.String()),
  latitude: Type.Optional(Type.Number()),
  longitude: Type.Optional(Type.Number()),
  basePoint: Type.Optional(BasePointIn),
  openTaskInPlace: Type.Optional(Type.Boolean()),
  // grabGalleryPhotos (attributes) / galleryPhotos (example, schema) / GalleryPhotos (PATCH).
  grabGalleryPhotos: Type.Optional(Type.Boolean(aliases('galleryPhotos'))),
  gpsFrequency: Type.Optional(Type.Integer({ minimum: 0, description: 'seconds: 60, 120, 180, 240 or 300' })),
  unavailableForTasks: Type.Optional(Type.Boolean()),
  editTaskAfterCheckout: Type.Optional(Type.Boolean()),
  informStartTravel: Type.Optional(Type.Boolean()),
  changeBasePoint: Type.Optional(Type.Boolean()),
  // The examples prefix the notification objects with `param` (inventory 7 #7).
  monitoringNotification: Type.Optional(Type.Object(MonitoringNotificationIn.properties, aliases('paramMonitoringNotification'))),
  employeeNotification: Type.Optional(Type.Object(EmployeeNotificationIn.properties, aliases('paramEmployeeNotification'))),
  clientNotification: Type.Optional(Type.Object(ClientNotificationIn.properties, aliases('paramClientNotification'))),
  taskNotification: Type.Optional(Type.Object(TaskNotificationIn.properties, aliases('paramTaskNotification'))),
};

export const UserCreate = Type.Object(
  {
    ...userInputProperties,
    name: Type.String({ minLength: 1 }),
    smartPhoneNumber: StringOrList,
    culture: Type.String({ minLength: 1 }),
    jobPosition: Type.String({ minLength: 1 }),
    userType: Type.Integer({ minimum: 1, maximum: 3, description: '1 user, 2 team manager, 3 administrator' }),
    password: Type.String({ minLength: 1, writeOnly: true }),
    login: Type.String({ minLength: 1 }),
    email: StringOrList,
  },
  { $id: 'UserCreate' },
);
export type UserCreate = Static<typeof UserCreate>;

/** PUT body: the same attributes plus the identifier (`id` first, then `externalId`). */
export const UserUpsert = Type.Object(
  { id: Type.Optional(Type.Integer({ description: 'Update this user when it exists' })), ...userInputProperties },
  { $id: 'UserUpsert' },
);
export type UserUpsert = Static<typeof UserUpsert>;
export type UserInput = UserUpsert;

/** The attributes PATCH may touch (U4); the shape the JSON Patch is applied to. */
export const UserPatchable = Type.Object(
  {
    login: Type.String({ minLength: 1 }),
    externalId: Type.String(),
    password: Type.String(),
    name: Type.String({ minLength: 1 }),
    smartPhoneNumber: StringOrList,
    email: StringOrList,
    jobPosition: Type.String(),
    enterprise: Type.String(),
    culture: Type.String(),
    hourValue: Type.Number(),
    userType: Type.Integer({ minimum: 1, maximum: 3 }),
    checkInManual: Type.Boolean(),
    checkOutManual: Type.Boolean(),
    address: Type.String(),
    latitude: Type.Number(),
    longitude: Type.Number(),
    gpsFrequency: Type.Integer({ minimum: 0 }),
    openTaskInPlace: Type.Boolean(),
    grabGalleryPhotos: Type.Boolean(aliases('galleryPhotos')),
    unavailableForTasks: Type.Boolean(),
    editTaskAfterCheckout: Type.Boolean(),
    informStartTravel: Type.Boolean(),
    changeBasePoint: Type.Boolean(),
  },
  { $id: 'UserPatchable' },
);
export type UserPatchable = Static<typeof UserPatchable>;

export const JsonPatchBody = Type.Array(
  Type.Object({
    op: Type.String({ description: 'replace, add or remove' }),
    path: Type.String({ description: 'attribute name, with or without a leading slash' }),
    value: Type.Optional(Type.Unknown()),
  }),
  { $id: 'JsonPatch' },
);

// ---- Output -------------------------------------------------------------------------------

const UserType = Type.Object({ userTypeId: Type.Integer(), description: Type.String() });
const BasePoint = Type.Object({ address: Type.String(), latitude: Type.Number(), longitude: Type.Number() });
const MonitoringNotification = Type.Object({
  gpsActivation: Type.Integer(),
  gpsDisabling: Type.Integer(),
  appLogin: Type.Integer(),
  appLogout: Type.Integer(),
});
const EmployeeNotification = Type.Object({ basePointChange: Type.Integer() });
const ClientNotification = Type.Object({ adressChange: Type.Integer() });

const taskNotificationRest = {
  rescheduling: Type.Integer(),
  travelStart: Type.Integer(),
  researchAnswer: Type.Integer(),
  delay: Type.Integer(),
  taskDelete: Type.Integer(),
};

// The User in Auvo's documented key order. The spelling of three keys depends on the
// operation (inventory 7 #3, #4, #5): GET/list `smartphoneNumber`, `BasePoint`, `checkOut`;
// POST/PUT/PATCH `smartPhoneNumber`, `basePoint`, `checkout`. PATCH answers the phone and
// e-mail as arrays (7 #11). The pieces below are spread in that order.
// The live service also emits `userID` and the other phone spelling, which real clients read
// (D15): each follows its documented twin with the same value.
const identity = { userId: Type.Integer(), userID: Type.Integer(liveSpelling('userId')), externalId: Type.String(), name: Type.String() };
const profile = {
  culture: Type.String(),
  jobPosition: Type.String(),
  userType: UserType,
  workDaysOfWeek: Type.Array(Type.Integer()),
  startWorkHour: Type.String(),
  endWorkHour: Type.String(),
  startLunchHour: Type.String(),
  endLunchHour: Type.String(),
  hourValue: Type.Number(),
  pictureUrl: Type.String(),
};
const settings = {
  openTaskInPlace: Type.Boolean(),
  grabGalleryPhotos: Type.Boolean(),
  gpsFrequency: Type.Integer(),
  checkInManual: Type.Boolean(),
  unavailableForTasks: Type.Boolean(),
  editTaskAfterCheckout: Type.Boolean(),
  informStartTravel: Type.Boolean(),
  changeBasePoint: Type.Boolean(),
  monitoringNotification: MonitoringNotification,
  employeeNotification: EmployeeNotification,
  clientNotification: ClientNotification,
};
const taskNotificationWritten = Type.Object({ checkIn: Type.Integer(), checkout: Type.Integer(), ...taskNotificationRest });

export const User = Type.Object(
  {
    ...identity,
    smartphoneNumber: Type.String(),
    smartPhoneNumber: Type.String(liveSpelling('smartphoneNumber')),
    login: Type.String(),
    email: Type.String(),
    ...profile,
    BasePoint: BasePoint,
    ...settings,
    taskNotification: Type.Object({ checkIn: Type.Integer(), checkOut: Type.Integer(), ...taskNotificationRest }),
  },
  { $id: 'User' },
);

export const UserWritten = Type.Object(
  {
    ...identity,
    smartPhoneNumber: Type.String(),
    smartphoneNumber: Type.String(liveSpelling('smartPhoneNumber')),
    login: Type.String(),
    email: Type.String(),
    ...profile,
    basePoint: BasePoint,
    ...settings,
    taskNotification: taskNotificationWritten,
  },
  { $id: 'UserWritten' },
);

export const UserPatched = Type.Object(
  {
    ...identity,
    smartPhoneNumber: Type.Array(Type.String()),
    smartphoneNumber: Type.Array(Type.String(), liveSpelling('smartPhoneNumber')),
    login: Type.String(),
    email: Type.Array(Type.String()),
    ...profile,
    basePoint: BasePoint,
    ...settings,
    taskNotification: taskNotificationWritten,
  },
  { $id: 'UserPatched' },
);

/** paramFilter keys of GET /users/ (inventory 4.1); keys match in any case, so the live `userID` is `userId`. */
export const UserFilter = Type.Object({
  userId: Type.Optional(Type.Integer({ description: 'also spelled userID (keys match in any case)' })),
  name: Type.Optional(Type.String()),
  smartPhoneNumber: Type.Optional(Type.String()),
  userType: Type.Optional(Type.String({ description: '1/Usuario, 2/Manager, 3/Administrator' })),
  externalId: Type.Optional(Type.String({ description: 'one or more, comma-separated' })),
  email: Type.Optional(Type.String()),
  login: Type.Optional(Type.String()),
});
export type UserFilter = Static<typeof UserFilter>;

export const userExample = {
  userId: 123,
  userID: 123,
  externalId: '123',
  name: 'Jason',
  smartphoneNumber: '555555555555',
  smartPhoneNumber: '555555555555',
  login: 'login.auvo',
  email: 'login.auvo@email.com',
  culture: 'pt-BR',
  jobPosition: 'Administrador',
  userType: { userTypeId: 1, description: 'user' },
  workDaysOfWeek: [1, 2, 3, 4, 5, 6, 7],
  startWorkHour: '08:00:00',
  endWorkHour: '18:00:00',
  startLunchHour: '12:00:00',
  endLunchHour: '14:00:00',
  hourValue: 0,
  pictureUrl: '',
  BasePoint: { address: 'Rua C-137', latitude: -16.711903488917, longitude: -49.2775752032046 },
  openTaskInPlace: true,
  grabGalleryPhotos: true,
  gpsFrequency: 300,
  checkInManual: true,
  unavailableForTasks: true,
  editTaskAfterCheckout: true,
  informStartTravel: true,
  changeBasePoint: true,
  monitoringNotification: { gpsActivation: 1, gpsDisabling: 2, appLogin: 3, appLogout: 1 },
  employeeNotification: { basePointChange: 1 },
  clientNotification: { adressChange: 1 },
  taskNotification: { checkIn: 1, checkOut: 2, rescheduling: 3, travelStart: 1, researchAnswer: 3, delay: 3, taskDelete: 3 },
};
