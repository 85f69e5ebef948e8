import { isStorableId } from '../../core/ids.js';
import type { Transaction } from 'kysely';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal, parseLocal } from '../../core/dates.js';
import { EnvelopeError, FieldError, type FieldMap, NotFoundError } from '../../core/errors.js';
import type { DecodedFile } from '../../core/files.js';
import { decodeParamFilter, type ListQueryInput, multiValues, parsePaging, selectFields } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import type { DB } from '../../db/schema.js';
import * as repo from './customers.repo.js';
import {
  type CustomerAttachmentsBody,
  type CustomerCreate,
  CustomerFilter,
  CustomerPatchable,
  type CustomerUpsert,
} from './customers.schema.js';
import { claimExternalId, type ExternalIdClaim, externalIdClaim, upsertOnce } from '../shared/upsert.js';

declare module '../../core/context.js' {
  interface Services {
    customers: CustomersService;
  }
}

export const CUSTOMER_ENTITY = 'Customer';
const FILTER_NAME = 'ParamCustomerFilter';

type Db = ServiceDeps['db'] | Transaction<DB>;

/** Everything a customer DTO is built from. */
interface CustomerView {
  row: repo.CustomerRow;
  contacts: repo.ContactRow[];
  links: repo.CustomerLinks;
  uriAnexos: string[];
}

interface ContactInput {
  id?: number;
  name: string;
  email?: string;
  jobPosition?: string;
  phone?: string;
}

/** One write's attributes, whatever the operation called the name. */
interface CustomerInput {
  externalId?: string;
  name?: string;
  cpfCnpj?: string;
  phoneNumber?: string | string[];
  email?: string | string[];
  manager?: string;
  managerJobPosition?: string;
  note?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
  maximumVisitTime?: number;
  unitMaximumTime?: number;
  groupsId?: number[];
  managerTeamsId?: number[];
  managersId?: number[];
  segmentId?: number;
  active?: boolean | null;
  adressComplement?: string;
  contacts?: ContactInput[];
  attachments?: unknown[];
}

/** Phone numbers and e-mails: an array, or comma-separated; stored as a JSON array. */
function toList(v: string | string[]): string[] {
  return (Array.isArray(v) ? v : [v])
    .flatMap((s) => String(s).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Referenced ids without the "none" value 0 and without repeats, ascending. */
function refIds(ids: number[]): number[] {
  return [...new Set(ids.filter((id) => id !== 0))].sort((a, b) => a - b);
}

const bool = (n: number) => n === 1;

export class CustomersService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  // ---- DTOs (one per documented spelling, inventory 7 #1, #2) ---------------------------

  private details(v: CustomerView) {
    const r = v.row;
    return {
      cpfCnpj: r.cpf_cnpj,
      phoneNumber: JSON.parse(r.phone_numbers) as string[],
      email: JSON.parse(r.emails) as string[],
      manager: r.manager,
      managerJobPosition: r.manager_job_position,
      note: r.note,
      address: r.address,
      latitude: r.latitude,
      longitude: r.longitude,
      maximumVisitTime: r.maximum_visit_time,
      unitMaximumTime: r.unit_maximum_time,
      groupsId: v.links.groupsId,
      managerTeamsId: v.links.managerTeamsId,
      managersId: v.links.managersId,
      segmentId: r.segment_id ?? 0,
      active: bool(r.active),
    };
  }

  private date(iso: string): string {
    return formatLocal(iso, this.deps.timeZone);
  }

  /** GET form: `description`, `adressComplement`, contacts keyed id, name, jobPosition, email, phone. */
  toDto(v: CustomerView) {
    return {
      id: v.row.id,
      externalId: v.row.external_id,
      description: v.row.name,
      ...this.details(v),
      adressComplement: v.row.address_complement,
      creationDate: this.date(v.row.created_at),
      contacts: v.contacts.map((c) => ({ id: c.id, name: c.name, jobPosition: c.job_position, email: c.email, phone: c.phone })),
      dateLastUpdate: this.date(v.row.updated_at),
      uriAnexos: v.uriAnexos,
    };
  }

  private writtenContacts(v: CustomerView) {
    return v.contacts.map((c) => ({ id: c.id, name: c.name, email: c.email, jobPosition: c.job_position, phone: c.phone }));
  }

  /** POST form: `name`, `adressComplement`. */
  private toCreatedDto(v: CustomerView) {
    return {
      id: v.row.id,
      externalId: v.row.external_id,
      name: v.row.name,
      ...this.details(v),
      adressComplement: v.row.address_complement,
      creationDate: this.date(v.row.created_at),
      contacts: this.writtenContacts(v),
      dateLastUpdate: this.date(v.row.updated_at),
      uriAnexos: v.uriAnexos,
    };
  }

  /** PUT form: `description`, `AdressComplement`, dates before contacts. */
  private toUpsertedDto(v: CustomerView) {
    return {
      id: v.row.id,
      externalId: v.row.external_id,
      description: v.row.name,
      ...this.details(v),
      AdressComplement: v.row.address_complement,
      creationDate: this.date(v.row.created_at),
      dateLastUpdate: this.date(v.row.updated_at),
      contacts: this.writtenContacts(v),
      uriAnexos: v.uriAnexos,
    };
  }

  /** PATCH form: `name`, `AdressComplement`, no contacts or attachments. */
  private toPatchedDto(v: CustomerView) {
    return {
      id: v.row.id,
      externalId: v.row.external_id,
      name: v.row.name,
      ...this.details(v),
      AdressComplement: v.row.address_complement,
      creationDate: this.date(v.row.created_at),
      dateLastUpdate: this.date(v.row.updated_at),
    };
  }

  /** Attachments PUT form: the PATCH form plus `uriAnexos`. */
  private toAttachmentsDto(v: CustomerView) {
    return { ...this.toPatchedDto(v), uriAnexos: v.uriAnexos };
  }

  /** List form: `description`, `adressComplement`, dates before contacts. */
  private toListedDto(v: CustomerView) {
    return {
      id: v.row.id,
      externalId: v.row.external_id,
      description: v.row.name,
      ...this.details(v),
      adressComplement: v.row.address_complement,
      creationDate: this.date(v.row.created_at),
      dateLastUpdate: this.date(v.row.updated_at),
      contacts: this.writtenContacts(v),
      uriAnexos: v.uriAnexos,
    };
  }

  /** Group clients form (G4): no dates, contacts or attachments; `AdressComplement`. */
  private toGroupClientDto(v: CustomerView) {
    return {
      id: v.row.id,
      externalId: v.row.external_id,
      description: v.row.name,
      ...this.details(v),
      AdressComplement: v.row.address_complement,
    };
  }

  private async load(db: Db, accountId: number, rows: repo.CustomerRow[]): Promise<CustomerView[]> {
    const ids = rows.map((r) => r.id);
    const [contacts, links, files] = await Promise.all([
      repo.contactsOf(db, accountId, ids),
      repo.linksOf(db, accountId, ids),
      this.deps.files.listForMany(db, accountId, CUSTOMER_ENTITY, ids),
    ]);
    return rows.map((row) => ({
      row,
      contacts: contacts.get(row.id) ?? [],
      links: links.get(row.id) as repo.CustomerLinks,
      uriAnexos: (files.get(String(row.id)) ?? []).map((f) => f.url),
    }));
  }

  private async loadOne(db: Db, accountId: number, id: number): Promise<CustomerView | undefined> {
    const row = await repo.findCustomerById(db, accountId, id);
    return row ? (await this.load(db, accountId, [row]))[0] : undefined;
  }

  // ---- Reads ----------------------------------------------------------------------------

  async get(auth: Auth, id: number) {
    const v = await this.loadOne(this.deps.db, auth.accountId, id);
    if (!v) throw new NotFoundError();
    return this.toDto(v);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(CustomerFilter, q.paramFilter, FILTER_NAME);
    const f = filter as CustomerFilter;
    const paging = parsePaging(q);
    const instant = (key: 'creationDate' | 'dateLastUpdate') => {
      const raw = f[key];
      if (raw === undefined) return undefined;
      const d = parseLocal(raw, this.deps.timeZone);
      if (!d) throw new EnvelopeError(`The paramFilter field '${key}' is not valid for ${FILTER_NAME}.`);
      return d.toISOString();
    };
    const { rows, total } = await repo.listCustomers(
      this.deps.db,
      this.deps.dialect,
      auth.accountId,
      {
        id: f.id,
        description: f.description,
        segmentId: f.segmentId,
        createdFrom: instant('creationDate'),
        updatedFrom: instant('dateLastUpdate'),
        groupId: f.groupId,
        active: f.active,
        externalIds: f.externalId !== undefined ? multiValues(f.externalId) : undefined,
      },
      paging,
    );
    const views = await this.load(this.deps.db, auth.accountId, rows);
    return {
      items: selectFields(
        views.map((v) => this.toListedDto(v)),
        q.selectfields,
      ),
      total,
      paging,
      filterText: text,
    };
  }

  // ---- Writes ---------------------------------------------------------------------------

  async create(auth: Auth, input: CustomerCreate) {
    // POST has no contact ids: every contact is new.
    const contacts = input.contacts?.map(({ id: _id, ...c }) => c);
    const v = await this.write(auth, undefined, { ...input, contacts });
    return this.toCreatedDto(v);
  }

  /** PUT: update the customer matched by `id`, else by `externalId`; otherwise create (D9). */
  async upsert(auth: Auth, input: CustomerUpsert): Promise<{ created: boolean; dto: ReturnType<CustomersService['toUpsertedDto']> }> {
    return upsertOnce(() => this.tryUpsert(auth, input));
  }

  private async tryUpsert(
    auth: Auth,
    input: CustomerUpsert,
  ): Promise<{ created: boolean; dto: ReturnType<CustomersService['toUpsertedDto']> }> {
    const { db } = this.deps;
    let existing: repo.CustomerRow | undefined;
    if (input.id !== undefined) existing = await repo.findCustomerById(db, auth.accountId, input.id);
    if (!existing && input.externalId !== undefined && input.externalId !== '') {
      existing = await repo.findCustomerByExternalId(db, auth.accountId, input.externalId);
    }
    if (!existing && input.description === undefined) throw FieldError.of('description', 'The description field is required.');
    if (input.description !== undefined && input.description.trim() === '')
      throw FieldError.of('description', 'The value must not be empty.');
    const { id: _id, description, ...rest } = input;
    const claim = existing ? undefined : externalIdClaim('customers', auth.accountId, input.externalId, repo.findCustomerByExternalId);
    const v = await this.write(auth, existing, { ...rest, name: description }, claim);
    return { created: !existing, dto: this.toUpsertedDto(v) };
  }

  async patch(auth: Auth, id: number, ops: unknown) {
    const current = await this.loadOne(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const r = current.row;
    const view: Record<string, unknown> = {
      externalId: r.external_id,
      name: r.name,
      phoneNumber: JSON.parse(r.phone_numbers),
      email: JSON.parse(r.emails),
      manager: r.manager,
      managerJobPosition: r.manager_job_position,
      note: r.note,
      address: r.address,
      latitude: r.latitude,
      longitude: r.longitude,
      maximumVisitTime: r.maximum_visit_time,
      unitMaximumTime: r.unit_maximum_time,
      cpfCnpj: r.cpf_cnpj,
      groupsId: current.links.groupsId,
      managerTeamsId: current.links.managerTeamsId,
      managersId: current.links.managersId,
      segmentId: r.segment_id ?? 0,
      active: bool(r.active),
      adressComplement: r.address_complement,
    };
    const next = applyJsonPatch(CustomerPatchable, view, ops);
    // Only what the patch changed is written (and its references checked).
    const changed: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(next)) if (JSON.stringify(val) !== JSON.stringify(view[k])) changed[k] = val;
    const v = await this.write(auth, r, changed as CustomerInput);
    return this.toPatchedDto(v);
  }

  /** C5: adds attachments; `removeAllAttachmentsInsertedByMe` first removes those sent through the API. */
  async putAttachments(auth: Auth, id: number, body: CustomerAttachmentsBody) {
    const { db, clock, changes, files } = this.deps;
    const current = await repo.findCustomerById(db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    // Base64 is decoded before the transaction.
    const decoded = this.decodeAttachments(body.attachments);
    if (decoded.length === 0 && !body.removeAllAttachmentsInsertedByMe) {
      return this.toAttachmentsDto((await this.loadOne(db, auth.accountId, id)) as CustomerView);
    }
    const now = clock.now().toISOString();
    const v = await db.transaction().execute(async (trx) => {
      if (!(await repo.findCustomerById(trx, auth.accountId, id))) throw new NotFoundError();
      if (body.removeAllAttachmentsInsertedByMe)
        await files.removeFor(trx, auth.accountId, CUSTOMER_ENTITY, id, { onlyInsertedByApi: true });
      for (const f of decoded)
        await files.save(trx, auth.accountId, { entity: CUSTOMER_ENTITY, entityId: id, insertedBy: auth.adminUserId }, f);
      await repo.updateCustomer(trx, auth.accountId, id, { updated_at: now });
      const view = (await this.loadOne(trx, auth.accountId, id)) as CustomerView;
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: CUSTOMER_ENTITY,
        entityId: id,
        action: 'Alteracao',
        snapshot: this.toDto(view),
      });
      return view;
    });
    return this.toAttachmentsDto(v);
  }

  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes, files } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await this.loadOne(trx, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await files.removeFor(trx, auth.accountId, CUSTOMER_ENTITY, id);
      await repo.deleteCustomer(trx, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: CUSTOMER_ENTITY,
        entityId: id,
        action: 'Exclusao',
        snapshot: this.toDto(live),
      });
    });
  }

  private decodeAttachments(list: unknown[] | undefined): DecodedFile[] {
    return (list ?? []).map((a, i) => this.deps.files.decodeUpload(`attachments[${i}]`, a));
  }

  /** 400 naming each attribute whose referenced ids do not exist in the account (D10). */
  private async checkReferences(accountId: number, input: CustomerInput, current: CustomerView | undefined): Promise<void> {
    const errors: FieldMap = {};
    const check = async (
      field: string,
      ids: number[] | undefined,
      known: number[],
      label: string,
      exists: (a: number, ids: number[]) => Promise<Set<number>>,
    ) => {
      if (ids === undefined) return;
      // Ids the customer already holds stay valid even if their record was deleted since.
      const wanted = refIds(ids).filter((id) => !known.includes(id));
      if (wanted.length === 0) return;
      const found = await exists(accountId, wanted);
      const missing = wanted.filter((id) => !found.has(id));
      if (missing.length > 0) errors[field] = missing.map((id) => `The ${label} ${id} does not exist.`);
    };
    const s = this.services;
    await check('groupsId', input.groupsId, current?.links.groupsId ?? [], 'customer group', (a, ids) =>
      s.customerGroups.existingIds(a, ids),
    );
    await check('managerTeamsId', input.managerTeamsId, current?.links.managerTeamsId ?? [], 'team', (a, ids) =>
      s.teams.existingIds(a, ids),
    );
    await check('managersId', input.managersId, current?.links.managersId ?? [], 'user', (a, ids) => s.users.existingIds(a, ids));
    const seg = input.segmentId;
    await check(
      'segmentId',
      seg === undefined ? undefined : [seg],
      current?.row.segment_id ? [current.row.segment_id] : [],
      'segment',
      (a, ids) => s.segments.existingIds(a, ids),
    );
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
  }

  /** Contact ids sent on an update must be contacts of this customer. */
  private checkContacts(input: CustomerInput, current: CustomerView | undefined): void {
    const own = new Set((current?.contacts ?? []).map((c) => c.id));
    const errors: FieldMap = {};
    (input.contacts ?? []).forEach((c, i) => {
      if (c.id !== undefined && c.id !== 0 && !own.has(c.id))
        errors[`contacts[${i}].id`] = [`The contact ${c.id} does not belong to this customer.`];
    });
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
  }

  private columns(input: CustomerInput): repo.CustomerRowPatch {
    const c: repo.CustomerRowPatch = {};
    const set = <K extends keyof repo.CustomerRowPatch>(k: K, v: repo.CustomerRowPatch[K] | undefined) => {
      if (v !== undefined) c[k] = v;
    };
    set('external_id', input.externalId?.trim());
    set('name', input.name?.trim());
    set('cpf_cnpj', input.cpfCnpj?.trim());
    if (input.phoneNumber !== undefined) c.phone_numbers = JSON.stringify(toList(input.phoneNumber));
    if (input.email !== undefined) c.emails = JSON.stringify(toList(input.email));
    set('manager', input.manager);
    set('manager_job_position', input.managerJobPosition);
    set('note', input.note);
    set('address', input.address);
    set('latitude', input.latitude);
    set('longitude', input.longitude);
    set('maximum_visit_time', input.maximumVisitTime);
    set('unit_maximum_time', input.unitMaximumTime);
    if (input.segmentId !== undefined) c.segment_id = input.segmentId === 0 ? null : input.segmentId;
    if (input.active !== undefined && input.active !== null) c.active = input.active ? 1 : 0;
    set('address_complement', input.adressComplement);
    return c;
  }

  private async write(
    auth: Auth,
    currentRow: repo.CustomerRow | undefined,
    input: CustomerInput,
    claim?: ExternalIdClaim,
  ): Promise<CustomerView> {
    const { db, dialect, clock } = this.deps;
    const current = currentRow ? await this.loadOne(db, auth.accountId, currentRow.id) : undefined;
    if (currentRow && !current) throw new NotFoundError();
    if (input.name !== undefined && input.name.trim() === '') throw FieldError.of('name', 'The value must not be empty.');
    await this.checkReferences(auth.accountId, input, current);
    this.checkContacts(input, current);
    const decoded = this.decodeAttachments(input.attachments);
    const cols = this.columns(input);
    const now = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      await claimExternalId(trx, dialect, claim);
      return this.persist(trx, auth, current, input, cols, decoded, now);
    });
  }

  /** The write itself, inside the caller's transaction (one customer, its links, files and event). */
  private async persist(
    trx: Transaction<DB>,
    auth: Auth,
    current: CustomerView | undefined,
    input: CustomerInput,
    cols: repo.CustomerRowPatch,
    decoded: DecodedFile[],
    now: string,
  ): Promise<CustomerView> {
    const { changes, files } = this.deps;
    let row: repo.CustomerRow;
    if (current) {
      if (!(await repo.findCustomerById(trx, auth.accountId, current.row.id))) throw new NotFoundError();
      row = await repo.updateCustomer(trx, auth.accountId, current.row.id, { ...cols, updated_at: now });
    } else {
      row = await repo.insertCustomer(trx, {
        account_id: auth.accountId,
        external_id: '',
        cpf_cnpj: '',
        phone_numbers: '[]',
        emails: '[]',
        manager: '',
        manager_job_position: '',
        note: '',
        address: '',
        latitude: 0,
        longitude: 0,
        maximum_visit_time: 0,
        unit_maximum_time: 0,
        segment_id: null,
        active: 1,
        address_complement: '',
        ...(cols as Partial<repo.CustomerRow>),
        name: cols.name as string,
        created_at: now,
        updated_at: now,
      });
    }
    const id = row.id;
    if (input.groupsId !== undefined) await repo.replaceGroups(trx, auth.accountId, id, refIds(input.groupsId));
    if (input.managerTeamsId !== undefined)
      await repo.replaceManagers(trx, auth.accountId, id, repo.MANAGER_TEAM, refIds(input.managerTeamsId));
    if (input.managersId !== undefined) await repo.replaceManagers(trx, auth.accountId, id, repo.MANAGER_USER, refIds(input.managersId));
    for (const c of input.contacts ?? []) {
      const fields = { name: c.name.trim(), email: c.email ?? '', job_position: c.jobPosition ?? '', phone: c.phone ?? '' };
      if (c.id !== undefined && c.id !== 0 && current) {
        // Attributes left out of an updated contact keep their values.
        const patch: Partial<typeof fields> = { name: fields.name };
        if (c.email !== undefined) patch.email = c.email;
        if (c.jobPosition !== undefined) patch.job_position = c.jobPosition;
        if (c.phone !== undefined) patch.phone = c.phone;
        await repo.updateContact(trx, auth.accountId, id, c.id, patch);
      } else {
        await repo.insertContact(trx, { account_id: auth.accountId, customer_id: id, ...fields });
      }
    }
    for (const f of decoded)
      await files.save(trx, auth.accountId, { entity: CUSTOMER_ENTITY, entityId: id, insertedBy: auth.adminUserId }, f);
    const view = (await this.load(trx, auth.accountId, [row]))[0];
    await changes.record(trx, {
      accountId: auth.accountId,
      entity: CUSTOMER_ENTITY,
      entityId: id,
      action: current ? 'Alteracao' : 'Inclusao',
      snapshot: this.toDto(view),
    });
    return view;
  }

  /**
   * Creates many customers at once (seeding, imports): references checked once for the whole
   * batch, one transaction, one change event each. Attachments are not taken here.
   */
  async importMany(auth: Auth, inputs: CustomerCreate[]): Promise<number[]> {
    const { db, clock } = this.deps;
    const union = (pick: (i: CustomerCreate) => number[] | undefined) => [...new Set(inputs.flatMap((i) => pick(i) ?? []))];
    const segments = union((i) => (i.segmentId ? [i.segmentId] : []));
    await this.checkReferences(
      auth.accountId,
      {
        name: 'batch',
        groupsId: union((i) => i.groupsId),
        managerTeamsId: union((i) => i.managerTeamsId),
        managersId: union((i) => i.managersId),
      },
      undefined,
    );
    for (const segmentId of segments) await this.checkReferences(auth.accountId, { name: 'batch', segmentId }, undefined);
    const now = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      const ids: number[] = [];
      for (const input of inputs) {
        if (input.name.trim() === '') throw FieldError.of('name', 'The value must not be empty.');
        const contacts = input.contacts?.map(({ id: _id, ...c }) => c);
        const full = { ...input, contacts, attachments: undefined };
        ids.push((await this.persist(trx, auth, undefined, full, this.columns(full), [], now)).row.id);
      }
      return ids;
    });
  }

  // ---- For other resources --------------------------------------------------------------

  /** Customer ids of the account among `ids` (for references from other resources). */
  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingCustomerIds(this.deps.db, accountId, ids);
  }

  /** The customer as GET returns it, or undefined. */
  async findById(accountId: number, id: number) {
    const v = await this.loadOne(this.deps.db, accountId, id);
    return v ? this.toDto(v) : undefined;
  }

  /** What other resources show of their customers (name, external id, place), many in one query. */
  async summariesByIds(
    accountId: number,
    ids: number[],
  ): Promise<Map<number, { externalId: string; description: string; address: string; latitude: number; longitude: number }>> {
    const rows = await repo.customersByIds(this.deps.db, accountId, [...new Set(ids.filter(isStorableId))]);
    return new Map(
      rows.map((r) => [
        r.id,
        { externalId: r.external_id, description: r.name, address: r.address, latitude: r.latitude, longitude: r.longitude },
      ]),
    );
  }

  /** The customers of a group (G4 form), by id. */
  async groupClients(accountId: number, groupId: number) {
    const ids = await repo.groupMemberIds(this.deps.db, accountId, groupId);
    const rows = await repo.customersByIds(this.deps.db, accountId, ids);
    return (await this.load(this.deps.db, accountId, rows)).map((v) => this.toGroupClientDto(v));
  }

  async groupMemberIds(db: Db, accountId: number, groupId: number): Promise<number[]> {
    return repo.groupMemberIds(db, accountId, groupId);
  }

  /**
   * Makes the group's members exactly `customerIds` (inside the group's transaction): the
   * customers that join or leave get a new `dateLastUpdate` and a change event.
   */
  async setGroupMembers(trx: Transaction<DB>, accountId: number, groupId: number, customerIds: number[]): Promise<void> {
    const before = await repo.groupMemberIds(trx, accountId, groupId);
    const wanted = [...new Set(customerIds)];
    const added = wanted.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !wanted.includes(id));
    await repo.removeGroupMembers(trx, accountId, groupId, removed);
    await repo.addGroupMembers(trx, accountId, groupId, added);
    await this.touched(trx, accountId, [...added, ...removed]);
  }

  /** Removes every member of a deleted group (inside the group's transaction). */
  async clearGroup(trx: Transaction<DB>, accountId: number, groupId: number): Promise<void> {
    const members = await repo.groupMemberIds(trx, accountId, groupId);
    await repo.removeGroupMembers(trx, accountId, groupId);
    await this.touched(trx, accountId, members);
  }

  private async touched(trx: Transaction<DB>, accountId: number, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await repo.touchCustomers(trx, accountId, ids, this.deps.clock.now().toISOString());
    const views = await this.load(trx, accountId, await repo.customersByIds(trx, accountId, ids));
    for (const v of views) {
      await this.deps.changes.record(trx, {
        accountId,
        entity: CUSTOMER_ENTITY,
        entityId: v.row.id,
        action: 'Alteracao',
        snapshot: this.toDto(v),
      });
    }
  }
}
