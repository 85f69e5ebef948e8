import type { Transaction } from 'kysely';
import { isUniqueViolation } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps } from '../../core/context.js';
import { EnvelopeError, FieldError, type FieldMap, NotFoundError } from '../../core/errors.js';
import { type ListQueryInput, decodeParamFilter, multiValues, parsePaging, selectFields } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './users.repo.js';
import { type UserCreate, UserFilter, type UserInput, UserPatchable } from './users.schema.js';
import { claimExternalId, type ExternalIdClaim, externalIdClaim, upsertOnce } from '../shared/upsert.js';

declare module '../../core/context.js' {
  interface Services {
    users: UsersService;
  }
}

export const USER_ENTITY = 'User';

const USER_TYPE_DESCRIPTION: Record<number, string> = { 1: 'user', 2: 'Team Manager', 3: 'Administrator' };

interface Notifications {
  monitoring: { gpsActivation: number; gpsDisabling: number; appLogin: number; appLogout: number };
  employee: { basePointChange: number };
  client: { adressChange: number };
  task: {
    checkIn: number;
    checkout: number;
    rescheduling: number;
    travelStart: number;
    researchAnswer: number;
    delay: number;
    taskDelete: number;
  };
}

const noNotifications = (): Notifications => ({
  monitoring: { gpsActivation: 0, gpsDisabling: 0, appLogin: 0, appLogout: 0 },
  employee: { basePointChange: 0 },
  client: { adressChange: 0 },
  task: { checkIn: 0, checkout: 0, rescheduling: 0, travelStart: 0, researchAnswer: 0, delay: 0, taskDelete: 0 },
});

// Most users share a handful of notification settings: each stored text is parsed and completed
// with the defaults once. The cached value is never handed out: writes get a copy
// (readNotifications), answers are built field by field from it.
const parsedNotifications = new Map<string, Notifications>();

function cachedNotifications(json: string): Notifications {
  let n = parsedNotifications.get(json);
  if (n === undefined) {
    const base = noNotifications();
    const stored = JSON.parse(json) as Partial<Notifications>;
    n = {
      monitoring: { ...base.monitoring, ...stored.monitoring },
      employee: { ...base.employee, ...stored.employee },
      client: { ...base.client, ...stored.client },
      task: { ...base.task, ...stored.task },
    };
    if (parsedNotifications.size >= 1000) parsedNotifications.clear();
    parsedNotifications.set(json, n);
  }
  return n;
}

/** The stored settings as a copy the caller may change. */
function readNotifications(json: string): Notifications {
  const n = cachedNotifications(json);
  return { monitoring: { ...n.monitoring }, employee: { ...n.employee }, client: { ...n.client }, task: { ...n.task } };
}

// The answer's notification objects, built field by field (a GET of a user is the hottest read).
const monitoringDto = (m: Notifications['monitoring']) => ({
  gpsActivation: m.gpsActivation,
  gpsDisabling: m.gpsDisabling,
  appLogin: m.appLogin,
  appLogout: m.appLogout,
});
const employeeDto = (e: Notifications['employee']) => ({ basePointChange: e.basePointChange });
const clientDto = (c: Notifications['client']) => ({ adressChange: c.adressChange });

/** Several phone numbers / e-mails travel comma-separated or as an array; stored comma-joined. */
function joinList(v: string | string[]): string {
  return (Array.isArray(v) ? v : v.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
    .join(',');
}

function splitList(v: string): string[] {
  return v === '' ? [] : v.split(',');
}

const bool = (n: number) => n === 1;
const int = (b: boolean) => (b ? 1 : 0);

function userType(t: number) {
  return { userTypeId: t, description: USER_TYPE_DESCRIPTION[t] ?? '' };
}

const basePoint = (r: repo.UserViewRow) => ({ address: r.address, latitude: r.latitude, longitude: r.longitude });

/**
 * GET and list form: `smartphoneNumber`, `BasePoint`, `checkOut` (inventory 7 #3-#5). Every form
 * also carries the live service's `userID` and other phone spelling (D15).
 */
export function toUserDto(r: repo.UserViewRow) {
  const n = cachedNotifications(r.notifications);
  const t = n.task;
  // One literal, no spreads: the hottest read answers this.
  return {
    userId: r.id,
    userID: r.id,
    externalId: r.external_id,
    name: r.name,
    smartphoneNumber: r.smartphone_number,
    smartPhoneNumber: r.smartphone_number,
    login: r.login,
    email: r.email,
    culture: r.culture,
    jobPosition: r.job_position,
    userType: userType(r.user_type),
    workDaysOfWeek: JSON.parse(r.work_days_of_week) as number[],
    startWorkHour: r.start_work_hour,
    endWorkHour: r.end_work_hour,
    startLunchHour: r.start_lunch_hour,
    endLunchHour: r.end_lunch_hour,
    hourValue: r.hour_value,
    pictureUrl: r.picture_url,
    BasePoint: basePoint(r),
    openTaskInPlace: bool(r.open_task_in_place),
    grabGalleryPhotos: bool(r.grab_gallery_photos),
    gpsFrequency: r.gps_frequency,
    checkInManual: bool(r.check_in_manual),
    unavailableForTasks: bool(r.unavailable_for_tasks),
    editTaskAfterCheckout: bool(r.edit_task_after_checkout),
    informStartTravel: bool(r.inform_start_travel),
    changeBasePoint: bool(r.change_base_point),
    monitoringNotification: monitoringDto(n.monitoring),
    employeeNotification: employeeDto(n.employee),
    clientNotification: clientDto(n.client),
    taskNotification: {
      checkIn: t.checkIn,
      checkOut: t.checkout,
      rescheduling: t.rescheduling,
      travelStart: t.travelStart,
      researchAnswer: t.researchAnswer,
      delay: t.delay,
      taskDelete: t.taskDelete,
    },
  };
}

/**
 * POST/PUT form: the GET form with `basePoint` and `checkout` (their answer schema orders the fields,
 * `smartPhoneNumber` first).
 */
export function toUserWrittenDto(r: repo.UserViewRow) {
  const { BasePoint, taskNotification, ...fields } = toUserDto(r);
  const { checkOut, ...task } = taskNotification;
  return { ...fields, basePoint: BasePoint, taskNotification: { ...task, checkout: checkOut } };
}

/** PATCH form: like POST, with phone numbers and e-mails as arrays (inventory 7 #11). */
export function toUserPatchedDto(r: repo.UserViewRow) {
  const phones = splitList(r.smartphone_number);
  return { ...toUserWrittenDto(r), smartPhoneNumber: phones, smartphoneNumber: [...phones], email: splitList(r.email) };
}

export type UserDto = ReturnType<typeof toUserDto>;

const USER_TYPE_NAMES: Record<string, number> = {
  '1': 1,
  usuario: 1,
  user: 1,
  '2': 2,
  manager: 2,
  'team manager': 2,
  gestor: 2,
  '3': 3,
  administrator: 3,
  administrador: 3,
};

const REQUIRED_ON_CREATE = ['name', 'smartPhoneNumber', 'culture', 'jobPosition', 'userType', 'password', 'login', 'email'] as const;

export class UsersService {
  constructor(private readonly deps: ServiceDeps) {}

  async get(auth: Auth, id: number): Promise<UserDto> {
    const row = await repo.findUserViewById(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return toUserDto(row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(UserFilter, q.paramFilter, 'ParamUserFilter');
    const f = filter as UserFilter;
    const paging = parsePaging(q);
    let type: number | undefined;
    if (f.userType !== undefined) {
      type = USER_TYPE_NAMES[f.userType.trim().toLowerCase()];
      if (type === undefined) throw new EnvelopeError(`The paramFilter field 'userType' is not valid for ParamUserFilter.`);
    }
    const { rows, total } = await repo.listUsers(
      this.deps.db,
      this.deps.dialect,
      auth.accountId,
      {
        userId: f.userId,
        name: f.name,
        smartPhoneNumber: f.smartPhoneNumber,
        userType: type,
        externalIds: f.externalId !== undefined ? multiValues(f.externalId) : undefined,
        email: f.email,
        login: f.login,
      },
      paging,
    );
    return { items: selectFields(rows.map(toUserDto), q.selectfields), total, paging, filterText: text };
  }

  async create(auth: Auth, input: UserCreate) {
    const row = await this.write(auth, undefined, input);
    return toUserWrittenDto(row);
  }

  /** PUT: update the user matched by `id`, else by `externalId`; otherwise create (D9). */
  async upsert(auth: Auth, input: UserInput): Promise<{ created: boolean; dto: ReturnType<typeof toUserWrittenDto> }> {
    return upsertOnce(() => this.tryUpsert(auth, input));
  }

  private async tryUpsert(auth: Auth, input: UserInput): Promise<{ created: boolean; dto: ReturnType<typeof toUserWrittenDto> }> {
    const { db } = this.deps;
    let existing: repo.UserRow | undefined;
    if (input.id !== undefined) existing = await repo.findUserById(db, auth.accountId, input.id);
    if (!existing && input.externalId !== undefined && input.externalId !== '') {
      existing = await repo.findUserByExternalId(db, auth.accountId, input.externalId);
    }
    if (!existing) {
      const missing: FieldMap = {};
      for (const k of REQUIRED_ON_CREATE) if (input[k] === undefined) missing[k] = [`The ${k} field is required.`];
      if (Object.keys(missing).length > 0) throw new FieldError(missing);
    }
    const claim = existing ? undefined : externalIdClaim('users', auth.accountId, input.externalId, repo.findUserByExternalId);
    const row = await this.write(auth, existing, input, claim);
    return { created: !existing, dto: toUserWrittenDto(row) };
  }

  async patch(auth: Auth, id: number, ops: unknown) {
    const current = await repo.findUserById(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const view = {
      login: current.login,
      externalId: current.external_id,
      password: '',
      name: current.name,
      smartPhoneNumber: current.smartphone_number,
      email: current.email,
      jobPosition: current.job_position,
      enterprise: current.enterprise,
      culture: current.culture,
      hourValue: current.hour_value,
      userType: current.user_type,
      checkInManual: bool(current.check_in_manual),
      checkOutManual: bool(current.check_out_manual),
      address: current.address,
      latitude: current.latitude,
      longitude: current.longitude,
      gpsFrequency: current.gps_frequency,
      openTaskInPlace: bool(current.open_task_in_place),
      grabGalleryPhotos: bool(current.grab_gallery_photos),
      unavailableForTasks: bool(current.unavailable_for_tasks),
      editTaskAfterCheckout: bool(current.edit_task_after_checkout),
      informStartTravel: bool(current.inform_start_travel),
      changeBasePoint: bool(current.change_base_point),
    };
    const next = applyJsonPatch(UserPatchable, view, ops) as UserInput;
    // An untouched (empty) password keeps the stored one.
    if (next.password === '') delete next.password;
    const row = await this.write(auth, current, next);
    return toUserPatchedDto(row);
  }

  async remove(auth: Auth, id: number): Promise<void> {
    const { db, clock, changes } = this.deps;
    const current = await repo.findUserById(db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    if (current.id === auth.adminUserId) {
      throw FieldError.of('id', 'The administrator that owns the API credentials cannot be deleted.');
    }
    await db.transaction().execute(async (trx) => {
      const live = await repo.findUserById(trx, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await repo.markUserDeleted(trx, auth.accountId, id, clock.now().toISOString());
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: USER_ENTITY,
        entityId: id,
        action: 'Exclusao',
        userId: id,
        snapshot: toUserDto(live),
      });
    });
  }

  /**
   * Creates many users at once (seeding, imports): one transaction, one change event each.
   * Equal passwords are hashed once, which is what makes large seeds fast.
   */
  async importMany(auth: Auth, inputs: UserCreate[]): Promise<number[]> {
    const { clock } = this.deps;
    const hashes = new Map<string, string>();
    for (const i of inputs) if (!hashes.has(i.password)) hashes.set(i.password, await this.deps.hashPassword(i.password));
    const now = clock.now().toISOString();
    try {
      return await this.importBatch(auth, inputs, hashes, now);
    } catch (err) {
      if (isUniqueViolation(err)) throw FieldError.of('login', 'A login in the batch is already in use.');
      throw err;
    }
  }

  private async importBatch(auth: Auth, inputs: UserCreate[], hashes: Map<string, string>, now: string): Promise<number[]> {
    const { db, changes } = this.deps;
    return db.transaction().execute(async (trx) => {
      const ids: number[] = [];
      for (const input of inputs) {
        const cols = this.columns(input, undefined);
        const row = await repo.insertUser(trx, {
          ...this.defaults(),
          ...(cols as Partial<repo.NewUserRow>),
          account_id: auth.accountId,
          name: input.name,
          login: input.login.trim(),
          login_key: input.login.trim().toLowerCase(),
          user_type: input.userType,
          password_hash: hashes.get(input.password) as string,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        });
        await changes.record(trx, {
          accountId: auth.accountId,
          entity: USER_ENTITY,
          entityId: row.id,
          action: 'Inclusao',
          userId: row.id,
          snapshot: toUserDto(row),
        });
        ids.push(row.id);
      }
      return ids;
    });
  }

  /** Names of live users among `ids`, in one query (for other resources' derived fields). */
  async namesByIds(accountId: number, ids: number[]): Promise<Map<number, string>> {
    return repo.userNames(this.deps.db, accountId, ids);
  }

  /** Live user ids of the account among `ids` (for references from other resources). */
  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingUserIds(this.deps.db, accountId, ids);
  }

  async findById(accountId: number, id: number): Promise<UserDto | undefined> {
    const row = await repo.findUserById(this.deps.db, accountId, id);
    return row ? toUserDto(row) : undefined;
  }

  /** The account's administrator, created with the account (its password is random and unused). */
  async prepareAdmin(accountName: string): Promise<(trx: Transaction<DB>, accountId: number) => Promise<number>> {
    const passwordHash = await this.deps.hashPassword(this.deps.ids.secret(24));
    return (trx, accountId) => this.insertAdmin(trx, accountId, accountName, passwordHash);
  }

  private async insertAdmin(trx: Transaction<DB>, accountId: number, accountName: string, passwordHash: string): Promise<number> {
    const now = this.deps.clock.now().toISOString();
    const row = await repo.insertUser(trx, {
      ...this.defaults(),
      account_id: accountId,
      name: accountName,
      login: 'admin',
      login_key: 'admin',
      job_position: 'Administrador',
      culture: 'pt-BR',
      user_type: 3,
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    });
    return row.id;
  }

  private defaults() {
    return {
      external_id: '',
      smartphone_number: '',
      email: '',
      culture: '',
      job_position: '',
      enterprise: '',
      work_days_of_week: '[]',
      start_work_hour: '',
      end_work_hour: '',
      start_lunch_hour: '',
      end_lunch_hour: '',
      hour_value: 0,
      picture_url: '',
      address: '',
      latitude: 0,
      longitude: 0,
      open_task_in_place: 0,
      grab_gallery_photos: 0,
      gps_frequency: 300,
      check_in_manual: 0,
      check_out_manual: 0,
      unavailable_for_tasks: 0,
      edit_task_after_checkout: 0,
      inform_start_travel: 0,
      change_base_point: 0,
      notifications: JSON.stringify(noNotifications()),
    };
  }

  /** Maps the input onto columns (only what was sent); shared by POST, PUT and PATCH. */
  private columns(input: UserInput, current: repo.UserRow | undefined): repo.UserRowPatch {
    const c: repo.UserRowPatch = {};
    const set = <K extends keyof repo.UserRowPatch>(k: K, v: repo.UserRowPatch[K] | undefined) => {
      if (v !== undefined) c[k] = v;
    };
    set('external_id', input.externalId);
    set('name', input.name);
    set('smartphone_number', input.smartPhoneNumber === undefined ? undefined : joinList(input.smartPhoneNumber));
    set('email', input.email === undefined ? undefined : joinList(input.email));
    if (input.login !== undefined) {
      c.login = input.login.trim();
      c.login_key = input.login.trim().toLowerCase();
    }
    set('culture', input.culture);
    set('job_position', input.jobPosition);
    set('enterprise', input.enterprise);
    set('user_type', input.userType);
    if (input.workDaysOfWeek !== undefined) c.work_days_of_week = JSON.stringify([...new Set(input.workDaysOfWeek)].sort((a, b) => a - b));
    set('start_work_hour', input.startWorkHour);
    set('end_work_hour', input.endWorkHour);
    set('start_lunch_hour', input.startLunchHour);
    set('end_lunch_hour', input.endLunchHour);
    set('hour_value', input.hourValue);
    set('address', input.address ?? input.basePoint?.address);
    set('latitude', input.latitude ?? input.basePoint?.latitude);
    set('longitude', input.longitude ?? input.basePoint?.longitude);
    const flag = <K extends keyof repo.UserRowPatch>(k: K, v: boolean | undefined) => {
      if (v !== undefined) c[k] = int(v) as repo.UserRowPatch[K];
    };
    flag('open_task_in_place', input.openTaskInPlace);
    flag('grab_gallery_photos', input.grabGalleryPhotos);
    flag('check_in_manual', input.checkInManual);
    flag('check_out_manual', input.checkOutManual);
    flag('unavailable_for_tasks', input.unavailableForTasks);
    flag('edit_task_after_checkout', input.editTaskAfterCheckout);
    flag('inform_start_travel', input.informStartTravel);
    flag('change_base_point', input.changeBasePoint);
    set('gps_frequency', input.gpsFrequency);
    if (input.monitoringNotification || input.employeeNotification || input.clientNotification || input.taskNotification) {
      const n = current ? readNotifications(current.notifications) : noNotifications();
      Object.assign(n.monitoring, input.monitoringNotification);
      Object.assign(n.employee, input.employeeNotification);
      Object.assign(n.client, input.clientNotification);
      Object.assign(n.task, input.taskNotification);
      c.notifications = JSON.stringify(n);
    }
    return c;
  }

  private async write(auth: Auth, current: repo.UserRow | undefined, input: UserInput, claim?: ExternalIdClaim): Promise<repo.UserRow> {
    const { db, dialect, clock, changes } = this.deps;
    const cols = this.columns(input, current);
    // Hashing is slow: it happens before the transaction, never inside it.
    if (input.password !== undefined) cols.password_hash = await this.deps.hashPassword(input.password);
    const now = clock.now().toISOString();
    try {
      return await db.transaction().execute(async (trx) => {
        // Before the login check: a concurrent PUT that created this user made the login "in use".
        await claimExternalId(trx, dialect, claim);
        if (cols.login_key !== undefined) {
          const holder = await repo.findUserIdByLogin(trx, auth.accountId, cols.login_key);
          if (holder !== undefined && holder !== current?.id) {
            throw FieldError.of('login', `The login '${cols.login}' is already in use.`);
          }
        }
        let row: repo.UserRow;
        if (current) {
          const live = await repo.findUserById(trx, auth.accountId, current.id);
          if (!live) throw new NotFoundError();
          row = await repo.updateUser(trx, auth.accountId, current.id, { ...cols, updated_at: now });
        } else {
          row = await repo.insertUser(trx, {
            ...this.defaults(),
            ...(cols as Partial<repo.NewUserRow>),
            account_id: auth.accountId,
            name: cols.name as string,
            login: cols.login as string,
            login_key: cols.login_key as string,
            user_type: cols.user_type as number,
            password_hash: cols.password_hash as string,
            created_at: now,
            updated_at: now,
            deleted_at: null,
          });
        }
        await changes.record(trx, {
          accountId: auth.accountId,
          entity: USER_ENTITY,
          entityId: row.id,
          action: current ? 'Alteracao' : 'Inclusao',
          userId: row.id,
          snapshot: toUserDto(row),
        });
        return row;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw FieldError.of('login', `The login '${cols.login}' is already in use.`);
      throw err;
    }
  }
}
