import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal, parseLocal } from '../../core/dates.js';
import { EnvelopeError, FieldError, type FieldMap, NotFoundError } from '../../core/errors.js';
import type { DecodedFile } from '../../core/files.js';
import { isStorableId } from '../../core/ids.js';
import { decodeParamFilter, type ListQueryInput, multiValues, parsePaging, requireFilterKeys } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './tickets.repo.js';
import {
  type TicketAttachmentsBody,
  type TicketCreate,
  type TicketCustomFieldCreate,
  type TicketCustomFieldDto,
  type TicketDto,
  TicketFilter,
  type TicketInput,
  type TicketInteractionCreate,
  type TicketInteractionDto,
  type TicketListedDto,
  TicketPatchable,
  type TicketRequestTypeCreate,
  type TicketStatusCreate,
} from './tickets.schema.js';

declare module '../../core/context.js' {
  interface Services {
    tickets: TicketsService;
  }
}

export const TICKET_ENTITY = 'Ticket';
export const TICKET_INTERACTION_FILES = 'TicketInteraction';
const FILTER_NAME = 'ParamTicketFilter';
type Db = ServiceDeps['db'] | Transaction<DB>;

/** The `Status` filter codes (inventory 5.12); emitted as `statusType`. */
export const STATUS_TYPES: Record<number, string> = {
  1: 'Normal',
  2: 'Abertura',
  3: 'Pausa',
  4: 'Cancelamento',
  5: 'Encerramento',
  6: 'AguardandoAtendente',
  7: 'AguardandoCliente',
};
const CLOSED_TYPES = new Set([4, 5]);
/** Ticket priority runs the reverse of tasks: 1 is high (inventory 5.17). */
const PRIORITY_NAMES: Record<number, string> = { 1: 'Alta', 2: 'Média', 3: 'Baixa' };
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** alterationType codes (Campo's table; the docs show only 1). */
export const ALTERATION = {
  status: 1,
  responsible: 2,
  team: 3,
  priority: 4,
  customer: 5,
  requestType: 6,
  title: 7,
  description: 8,
  equipment: 9,
  requester: 10,
  tasks: 11,
  customField: 12,
} as const;

interface Values {
  title: string;
  description: string;
  priority: number;
  requesterEmail: string;
  requesterName: string;
  requestTypeId: number;
  customerId: number;
  teamId: number;
  responsibleId: number;
  statusId: number;
  statusType: number;
  statusDescription: string;
  equipmentId: number;
  origin: number;
  taskIds: number[];
  customValues: { fieldId: number; value: string }[];
}

interface Catalogs {
  statuses: Map<number, repo.StatusRow>;
  requestTypes: Map<number, repo.RequestTypeRow>;
  fields: Map<number, repo.FieldRow>;
  choices: Map<number, repo.ChoiceRow[]>;
}

interface View {
  row: repo.TicketRow;
  taskIds: number[];
  values: repo.CustomValueRow[];
  alterations: repo.AlterationRow[];
  interactions: repo.InteractionRow[];
  periods: repo.PeriodRow[];
  urls: string[];
  interactionUrls: Map<string, string[]>;
}

interface CustomerInfo {
  name: string;
  email: string;
  phone: string;
}

/** Names of other resources, fetched through their services before any transaction. */
class Names {
  readonly users = new Map<number, string>();
  readonly teams = new Map<number, string>();
  readonly customers = new Map<number, CustomerInfo>();

  constructor(
    private readonly services: Services,
    private readonly accountId: number,
  ) {}

  async fill(ids: { users?: number[]; teams?: number[]; customers?: number[] }): Promise<this> {
    for (const id of new Set(ids.users ?? [])) {
      if (id !== 0 && !this.users.has(id)) this.users.set(id, (await this.services.users.findById(this.accountId, id))?.name ?? '');
    }
    for (const id of new Set(ids.teams ?? [])) {
      if (id !== 0 && !this.teams.has(id)) this.teams.set(id, (await this.services.teams.findById(this.accountId, id))?.description ?? '');
    }
    for (const id of new Set(ids.customers ?? [])) {
      if (id === 0 || this.customers.has(id)) continue;
      const c = await this.services.customers.findById(this.accountId, id);
      this.customers.set(id, { name: c?.description ?? '', email: c?.email[0] ?? '', phone: c?.phoneNumber[0] ?? '' });
    }
    return this;
  }

  user(id: number): string {
    return this.users.get(id) ?? '';
  }
}

export interface SearchFlags {
  tasks: boolean;
  modifications: boolean;
  interactions: boolean;
  customFields: boolean;
}
const ALL: SearchFlags = { tasks: true, modifications: true, interactions: true, customFields: true };

function priorityOf(raw: unknown): number | undefined {
  const s = String(raw).trim();
  return /^[123]$/.test(s) ? Number(s) : undefined;
}

export class TicketsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  private date(iso: string): string {
    return formatLocal(iso, this.deps.timeZone);
  }

  // ---- Loading and DTOs --------------------------------------------------------------------

  private async catalogs(db: Db, accountId: number, rows: repo.TicketRow[], values: repo.CustomValueRow[]): Promise<Catalogs> {
    const fieldIds = values.map((v) => v.field_id);
    const [statuses, requestTypes, fields, choices] = await Promise.all([
      repo.statusesByIds(
        db,
        accountId,
        rows.map((r) => r.status_id),
      ),
      repo.requestTypesByIds(
        db,
        accountId,
        rows.map((r) => r.request_type_id),
      ),
      repo.fieldsByIds(db, accountId, fieldIds),
      repo.choicesOf(db, accountId, fieldIds),
    ]);
    return { statuses, requestTypes, fields, choices };
  }

  private async load(db: Db, accountId: number, rows: repo.TicketRow[]): Promise<{ views: View[]; catalogs: Catalogs }> {
    const ids = rows.map((r) => r.id);
    const c = await repo.childrenOf(db, accountId, ids);
    const interactionIds = [...c.interactions.values()].flat().map((i) => i.id);
    const [files, interactionFiles] = await Promise.all([
      this.deps.files.listForMany(db, accountId, TICKET_ENTITY, ids),
      this.deps.files.listForMany(db, accountId, TICKET_INTERACTION_FILES, interactionIds),
    ]);
    const interactionUrls = new Map([...interactionFiles].map(([k, list]) => [k, list.map((f) => f.url)]));
    const views = rows.map((row) => ({
      row,
      taskIds: c.tasks.get(row.id) ?? [],
      values: c.values.get(row.id) ?? [],
      alterations: c.alterations.get(row.id) ?? [],
      interactions: c.interactions.get(row.id) ?? [],
      periods: c.periods.get(row.id) ?? [],
      urls: (files.get(String(row.id)) ?? []).map((f) => f.url),
      interactionUrls,
    }));
    const catalogs = await this.catalogs(
      db,
      accountId,
      rows,
      views.flatMap((v) => v.values),
    );
    return { views, catalogs };
  }

  private namesNeeded(views: View[]) {
    return {
      users: views.flatMap((v) => [
        v.row.creator_user_id,
        v.row.responsible_user_id,
        ...v.alterations.map((a) => a.user_id),
        ...v.interactions.map((i) => i.user_id),
      ]),
      teams: views.map((v) => v.row.team_id),
      customers: views.map((v) => v.row.customer_id),
    };
  }

  fieldDto(f: repo.FieldRow, choices: repo.ChoiceRow[]): TicketCustomFieldDto {
    return {
      id: f.id,
      order: f.position,
      title: f.title,
      fieldType: f.field_type,
      fieldVisibility: f.field_visibility,
      description: f.description,
      primary: f.is_primary === 1,
      required: f.required === 1,
      removed: f.removed === 1,
      creationDate: this.date(f.created_at),
      multipleChoiceItems: choices.map((c) => ({
        id: c.id,
        field: c.field_id,
        description: c.description,
        order: c.position,
        creationDate: this.date(c.created_at),
        removed: c.removed === 1,
      })),
    };
  }

  /** A choice field's value is one or more choice ids; its description lists their texts. */
  private valueDescription(value: string, choices: repo.ChoiceRow[]): string {
    if (choices.length === 0) return value;
    const byId = new Map(choices.map((c) => [String(c.id), c.description]));
    return multiValues(value)
      .map((id) => byId.get(id) ?? id)
      .join(', ');
  }

  private interactionDto(i: repo.InteractionRow, names: Names, urls: Map<string, string[]>): TicketInteractionDto {
    return {
      id: i.id,
      ticketId: i.ticket_id,
      creationDate: this.date(i.created_at),
      userId: i.user_id,
      userName: names.user(i.user_id),
      title: i.title,
      message: i.message,
      interactionType: i.interaction_type,
      emailMenssageId: i.email_message_id,
      emailContact: i.email_contact,
      emailContactName: i.email_contact_name,
      emailReference: i.email_reference,
      urlAttachments: urls.get(String(i.id)) ?? [],
    };
  }

  private listedDto(v: View, c: Catalogs, names: Names, flags: SearchFlags): TicketListedDto {
    const r = v.row;
    const customer = names.customers.get(r.customer_id) ?? { name: '', email: '', phone: '' };
    const status = c.statuses.get(r.status_id);
    return {
      id: r.id,
      creationDate: this.date(r.created_at),
      teamId: r.team_id,
      teamName: names.teams.get(r.team_id) ?? '',
      userCreatorId: r.creator_user_id,
      userCreatorName: names.user(r.creator_user_id),
      userResponsableId: r.responsible_user_id,
      userResponsableName: r.responsible_user_id === 0 ? '' : names.user(r.responsible_user_id),
      title: r.title,
      customerId: r.customer_id,
      customerName: customer.name,
      customerEmail: customer.email,
      customerPhoneNumber: customer.phone,
      equipmentId: r.equipment_id,
      requestTypeDescription: c.requestTypes.get(r.request_type_id)?.description ?? '',
      priority: String(r.priority),
      description: r.description,
      statusDescription: status?.description ?? STATUS_TYPES[r.status_type],
      statusType: STATUS_TYPES[r.status_type],
      endDate: r.end_date ? this.date(r.end_date) : '',
      emailMenssageId: r.email_message_id,
      requesterEmail: r.requester_email,
      requesterName: r.requester_name,
      taskIDs: flags.tasks ? v.taskIds : [],
      urlAttachments: v.urls,
      customFields: flags.customFields
        ? v.values.flatMap((cv) => {
            const f = c.fields.get(cv.field_id);
            if (!f) return [];
            const choices = c.choices.get(f.id) ?? [];
            return [
              { value: cv.value, valueDescription: this.valueDescription(cv.value, choices), customFieldTicket: this.fieldDto(f, choices) },
            ];
          })
        : [],
      alterations: flags.modifications
        ? v.alterations.map((a) => ({
            alterationType: a.alteration_type,
            alterationDate: this.date(a.occurred_at),
            userId: a.user_id,
            userName: names.user(a.user_id),
            from: a.from_value,
            to: a.to_value,
            helper: a.helper,
            toDescription: a.to_description,
            helperDescription: a.helper_description,
            fromDescription: a.from_description,
          }))
        : [],
      interactions: flags.interactions ? v.interactions.map((i) => this.interactionDto(i, names, v.interactionUrls)) : [],
    };
  }

  private fullDto(v: View, c: Catalogs, names: Names): TicketDto {
    return {
      ...this.listedDto(v, c, names, ALL),
      statusAlterations: v.periods.map((p) => ({
        id: p.id,
        descripton: p.description,
        checkIn: this.date(p.check_in),
        checkOut: p.check_out ? this.date(p.check_out) : '',
      })),
    };
  }

  private async loadOne(accountId: number, id: number): Promise<{ view: View; catalogs: Catalogs; names: Names } | undefined> {
    const row = await repo.findTicket(this.deps.db, accountId, id);
    if (!row) return undefined;
    const { views, catalogs } = await this.load(this.deps.db, accountId, [row]);
    const names = await new Names(this.services, accountId).fill(this.namesNeeded(views));
    return { view: views[0], catalogs, names };
  }

  // ---- Reads -------------------------------------------------------------------------------

  async get(auth: Auth, id: number): Promise<TicketDto> {
    const l = await this.loadOne(auth.accountId, id);
    if (!l) throw new NotFoundError();
    return this.fullDto(l.view, l.catalogs, l.names);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(TicketFilter, q.paramFilter, FILTER_NAME);
    const f = filter as TicketFilter;
    requireFilterKeys(f, ['startDate', 'endDate'], FILTER_NAME);
    const paging = parsePaging(q);
    const numbers = (key: string, v: unknown, allowed?: (n: number) => boolean): number[] | undefined => {
      if (v === undefined) return undefined;
      const parts = multiValues(v);
      if (parts.some((p) => !/^\d+$/.test(p) || (allowed && !allowed(Number(p))))) {
        throw new EnvelopeError(`The paramFilter field '${key}' is not valid for ${FILTER_NAME}.`);
      }
      return parts.map(Number);
    };
    let customerIds: number[] | undefined;
    if (f.CustomerGroupId !== undefined) {
      customerIds = isStorableId(f.CustomerGroupId)
        ? await this.services.customers.groupMemberIds(this.deps.db, auth.accountId, f.CustomerGroupId)
        : [];
    }
    const { rows, total } = await repo.listTickets(
      this.deps.db,
      auth.accountId,
      {
        ids: numbers('ids', f.ids),
        createdFrom: this.filterDate('startDate', f.startDate as string, false),
        createdBefore: this.filterDate('endDate', f.endDate as string, true),
        statusTypes: numbers('Status', f.Status, (n) => n >= 1 && n <= 7),
        responsibleIds: numbers('ResponsableUsersIds', f.ResponsableUsersIds),
        teamIds: numbers('TeamId', f.TeamId),
        customerIds,
        origins: numbers('Origems', f.Origems, (n) => n >= 1 && n <= 3),
        creatorIds: numbers('OpeningResponsableUsersId', f.OpeningResponsableUsersId),
      },
      paging,
    );
    const { views, catalogs } = await this.load(this.deps.db, auth.accountId, rows);
    const names = await new Names(this.services, auth.accountId).fill(this.namesNeeded(views));
    const flags: SearchFlags = {
      tasks: f.SearchTasks === true,
      modifications: f.SearchModifications === true,
      interactions: f.SearchInteractions === true,
      customFields: f.SearchCustomFields === true,
    };
    return { items: views.map((v) => this.listedDto(v, catalogs, names, flags)), total, paging, filterText: text };
  }

  /** Start inclusive; end exclusive one second after a date-time, or the next midnight after a bare date. */
  private filterDate(key: string, raw: string, end: boolean): string {
    const d = parseLocal(raw, this.deps.timeZone);
    if (!d) throw new EnvelopeError(`The paramFilter field '${key}' is not valid for ${FILTER_NAME}.`);
    if (!end) return d.toISOString();
    if (/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(raw)) {
      const [y, m, day] = raw.trim().split('-').map(Number);
      return (parseLocal(new Date(Date.UTC(y, m - 1, day + 1)).toISOString().slice(0, 10), this.deps.timeZone) as Date).toISOString();
    }
    return new Date(d.getTime() + 1000).toISOString();
  }

  // ---- Writes ------------------------------------------------------------------------------

  /** TK3: answers 200 (not 201) with the ticket, as documented (D14). */
  async create(auth: Auth, input: TicketCreate): Promise<TicketDto> {
    return this.write(auth, undefined, input);
  }

  async patch(auth: Auth, id: number, ops: unknown): Promise<TicketDto> {
    const current = await this.loadOne(auth.accountId, id);
    if (!current) throw new NotFoundError();
    const v = this.valuesOf(current.view, current.catalogs);
    const view = {
      title: v.title,
      description: v.description,
      priority: v.priority,
      requesterEmail: v.requesterEmail,
      requesterName: v.requesterName,
      requestTypeId: v.requestTypeId,
      customerId: v.customerId,
      teamId: v.teamId,
      userResponsableId: v.responsibleId,
      statusId: v.statusId,
      equipmentId: v.equipmentId,
      customFields: v.customValues.map((c) => ({ customFieldTicket: { id: c.fieldId }, value: c.value })),
      taskIDs: v.taskIds,
    };
    const next = applyJsonPatch(TicketPatchable, view, ops);
    const changed: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(next)) {
      if (JSON.stringify(val) !== JSON.stringify((view as Record<string, unknown>)[k])) changed[k] = val;
    }
    return this.write(auth, current, changed as TicketInput);
  }

  async remove(auth: Auth, id: number): Promise<void> {
    const current = await this.loadOne(auth.accountId, id);
    if (!current) throw new NotFoundError();
    const snapshot = this.fullDto(current.view, current.catalogs, current.names);
    const { db, files, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      if (!(await repo.findTicket(trx, auth.accountId, id))) throw new NotFoundError();
      for (const iid of await repo.interactionIdsOf(trx, auth.accountId, id))
        await files.removeFor(trx, auth.accountId, TICKET_INTERACTION_FILES, iid);
      await files.removeFor(trx, auth.accountId, TICKET_ENTITY, id);
      await repo.deleteTicket(trx, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: TICKET_ENTITY,
        entityId: id,
        action: 'Exclusao',
        userId: current.view.row.responsible_user_id || null,
        snapshot,
      });
    });
  }

  /** Adds a message (with attachments) to the ticket; answers the interaction (201). */
  async addInteraction(auth: Auth, id: number, input: TicketInteractionCreate): Promise<TicketInteractionDto> {
    const current = await this.loadOne(auth.accountId, id);
    if (!current) throw new NotFoundError();
    const uploads = this.decodeUploads(input.attachments);
    const { db, clock, files } = this.deps;
    const now = clock.now().toISOString();
    const names = await current.names.fill({ users: [auth.adminUserId] });
    return db.transaction().execute(async (trx) => {
      if (!(await repo.findTicket(trx, auth.accountId, id))) throw new NotFoundError();
      const row = await repo.insertInteraction(trx, {
        account_id: auth.accountId,
        ticket_id: id,
        created_at: now,
        user_id: auth.adminUserId,
        title: input.title ?? '',
        message: input.message,
        interaction_type: input.interactionType ?? 'Interno',
        email_message_id: '',
        email_contact: input.emailContact ?? '',
        email_contact_name: input.emailContactName ?? '',
        email_reference: input.emailReference ?? '',
      });
      const urls: string[] = [];
      for (const u of uploads)
        urls.push(
          (await files.save(trx, auth.accountId, { entity: TICKET_INTERACTION_FILES, entityId: row.id, insertedBy: auth.adminUserId }, u))
            .url,
        );
      const updated = await repo.updateTicket(trx, auth.accountId, id, { updated_at: now });
      await this.recordChange(trx, auth, updated, 'Alteracao', names);
      return this.interactionDto(row, names, new Map([[String(row.id), urls]]));
    });
  }

  /** Replaces or adds ticket attachments (`urlAttachments`); answers the ticket. */
  async putAttachments(auth: Auth, id: number, body: TicketAttachmentsBody): Promise<TicketDto> {
    const current = await this.loadOne(auth.accountId, id);
    if (!current) throw new NotFoundError();
    const uploads = this.decodeUploads(body.attachments);
    const { db, clock, files } = this.deps;
    const now = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      if (!(await repo.findTicket(trx, auth.accountId, id))) throw new NotFoundError();
      if (body.removeAllAttachmentsInsertedByMe)
        await files.removeFor(trx, auth.accountId, TICKET_ENTITY, id, { insertedBy: auth.adminUserId });
      for (const u of uploads)
        await files.save(trx, auth.accountId, { entity: TICKET_ENTITY, entityId: id, insertedBy: auth.adminUserId }, u);
      const updated = await repo.updateTicket(trx, auth.accountId, id, { updated_at: now });
      return this.recordChange(trx, auth, updated, 'Alteracao', current.names);
    });
  }

  private decodeUploads(list: unknown[] | undefined): DecodedFile[] {
    return (list ?? []).map((u, i) => this.deps.files.decodeUpload(`attachments[${i}]`, u));
  }

  private async recordChange(
    trx: Transaction<DB>,
    auth: Auth,
    row: repo.TicketRow,
    action: 'Inclusao' | 'Alteracao',
    names: Names,
  ): Promise<TicketDto> {
    const { views, catalogs } = await this.load(trx, auth.accountId, [row]);
    const dto = this.fullDto(views[0], catalogs, names);
    await this.deps.changes.record(trx, {
      accountId: auth.accountId,
      entity: TICKET_ENTITY,
      entityId: row.id,
      action,
      userId: row.responsible_user_id || null,
      snapshot: dto,
    });
    return dto;
  }

  private valuesOf(v: View, c: Catalogs): Values {
    const r = v.row;
    return {
      title: r.title,
      description: r.description,
      priority: r.priority,
      requesterEmail: r.requester_email,
      requesterName: r.requester_name,
      requestTypeId: r.request_type_id,
      customerId: r.customer_id,
      teamId: r.team_id,
      responsibleId: r.responsible_user_id,
      statusId: r.status_id,
      statusType: r.status_type,
      statusDescription: c.statuses.get(r.status_id)?.description ?? STATUS_TYPES[r.status_type],
      equipmentId: r.equipment_id,
      origin: r.origin,
      taskIds: v.taskIds,
      customValues: v.values.map((x) => ({ fieldId: x.field_id, value: x.value })),
    };
  }

  /** Validates `input` over the current values; every problem in one 400 map; nothing written. */
  private async resolve(auth: Auth, current: Values | undefined, input: TicketInput): Promise<Values> {
    const errors: FieldMap = {};
    const fail = (field: string, message: string) => {
      errors[field] = [...(errors[field] ?? []), message];
    };
    const { db } = this.deps;
    const accountId = auth.accountId;
    const v: Values = current
      ? { ...current }
      : {
          title: '',
          description: '',
          priority: 2,
          requesterEmail: '',
          requesterName: '',
          requestTypeId: 0,
          customerId: 0,
          teamId: 0,
          responsibleId: 0,
          statusId: 0,
          statusType: 2,
          statusDescription: STATUS_TYPES[2],
          equipmentId: 0,
          origin: input.origin ?? 2,
          taskIds: [],
          customValues: [],
        };
    if (input.title !== undefined) v.title = input.title;
    if (input.description !== undefined) v.description = input.description;
    if (input.requesterName !== undefined) v.requesterName = input.requesterName;
    if (input.priority !== undefined) {
      const p = priorityOf(input.priority);
      if (p === undefined) fail('priority', `The value '${String(input.priority)}' is not valid; use 1 (high), 2 (medium) or 3 (low).`);
      else v.priority = p;
    }
    if (input.requesterEmail !== undefined) {
      if (!EMAIL.test(input.requesterEmail.trim()))
        fail('requesterEmail', `The value '${input.requesterEmail}' is not a valid e-mail address.`);
      else v.requesterEmail = input.requesterEmail.trim();
    }
    const ref = async (
      field: string,
      id: number | undefined,
      exists: (id: number) => Promise<boolean>,
      label: string,
      set: (id: number) => void,
    ) => {
      if (id === undefined) return;
      if (id !== 0 && !(await exists(id))) fail(field, `No ${label} with id ${id} exists.`);
      else set(id);
    };
    await ref(
      'requestTypeId',
      input.requestTypeId,
      async (id) => (await repo.requestTypesByIds(db, accountId, [id])).has(id),
      'request type',
      (id) => {
        v.requestTypeId = id;
      },
    );
    await ref(
      'customerId',
      input.customerId,
      async (id) => (await this.services.customers.existingIds(accountId, [id])).has(id),
      'customer',
      (id) => {
        v.customerId = id;
      },
    );
    await ref(
      'teamId',
      input.teamId,
      async (id) => (await this.services.teams.existingIds(accountId, [id])).has(id),
      'team',
      (id) => {
        v.teamId = id;
      },
    );
    await ref(
      'userResponsableId',
      input.userResponsableId,
      async (id) => (await this.services.users.existingIds(accountId, [id])).has(id),
      'user',
      (id) => {
        v.responsibleId = id;
      },
    );
    await ref(
      'equipmentId',
      input.equipmentId,
      async (id) => (await this.services.equipments.existingIds(accountId, [id])).has(id),
      'equipment',
      (id) => {
        v.equipmentId = id;
      },
    );
    if (input.statusId !== undefined && input.statusId !== 0) {
      const s = (await repo.statusesByIds(db, accountId, [input.statusId])).get(input.statusId);
      if (!s) fail('statusId', `No ticket status with id ${input.statusId} exists.`);
      else Object.assign(v, { statusId: s.id, statusType: s.status_type, statusDescription: s.description });
    } else if (!current || input.statusId === 0) {
      const s = await repo.defaultStatus(db, accountId);
      if (s) Object.assign(v, { statusId: s.id, statusType: s.status_type, statusDescription: s.description });
      else Object.assign(v, { statusId: 0, statusType: 2, statusDescription: STATUS_TYPES[2] });
    }
    if (input.taskIDs !== undefined) {
      const wanted = [...new Set(input.taskIDs)].sort((a, b) => a - b);
      const found = await this.services.tasks.existingIds(accountId, wanted);
      const missing = wanted.filter((id) => !found.has(id));
      if (missing.length > 0) fail('taskIDs', `No task with id ${missing.join(', ')} exists.`);
      v.taskIds = wanted;
    }
    if (input.customFields !== undefined) {
      const ids = input.customFields.map((c) => c.customFieldTicket.id);
      const [fields, choices] = await Promise.all([repo.fieldsByIds(db, accountId, ids), repo.choicesOf(db, accountId, ids)]);
      const byField = new Map<number, string>();
      input.customFields.forEach((c, i) => {
        const f = fields.get(c.customFieldTicket.id);
        if (!f || f.removed === 1) {
          fail(`customFields[${i}].customFieldTicket.id`, `No custom field with id ${c.customFieldTicket.id} exists.`);
          return;
        }
        const options = (choices.get(f.id) ?? []).filter((o) => o.removed === 0).map((o) => String(o.id));
        if (options.length > 0) {
          const picked = multiValues(c.value);
          if (picked.length === 0 || picked.some((p) => !options.includes(p))) {
            fail(`customFields[${i}].value`, `The value '${c.value}' is not a choice of the custom field ${f.id} (${options.join(', ')}).`);
            return;
          }
        }
        byField.set(f.id, c.value);
      });
      v.customValues = [...byField].map(([fieldId, value]) => ({ fieldId, value }));
    }
    if (!current) {
      const present = new Set(v.customValues.filter((c) => c.value.trim() !== '').map((c) => c.fieldId));
      for (const f of await repo.requiredFields(db, accountId)) {
        if (!present.has(f.id)) fail('customFields', `The custom field '${f.title}' (id ${f.id}) is required.`);
      }
    }
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
    return v;
  }

  private async alterationsFor(accountId: number, before: Values, after: Values, names: Names) {
    type Alt = Omit<repo.NewAlterationRow, 'account_id' | 'ticket_id' | 'occurred_at' | 'user_id'>;
    const out: Alt[] = [];
    const add = (
      type: number,
      from: string,
      to: string,
      fromDescription: string,
      toDescription: string,
      helper = '',
      helperDescription = '',
    ) => {
      out.push({
        alteration_type: type,
        from_value: from,
        to_value: to,
        from_description: fromDescription,
        to_description: toDescription,
        helper,
        helper_description: helperDescription,
      });
    };
    if (before.statusId !== after.statusId || before.statusType !== after.statusType) {
      add(
        ALTERATION.status,
        String(before.statusId),
        String(after.statusId),
        before.statusDescription,
        after.statusDescription,
        String(after.statusType),
        STATUS_TYPES[after.statusType],
      );
    }
    if (before.responsibleId !== after.responsibleId) {
      add(
        ALTERATION.responsible,
        String(before.responsibleId),
        String(after.responsibleId),
        names.user(before.responsibleId),
        names.user(after.responsibleId),
      );
    }
    if (before.teamId !== after.teamId) {
      add(
        ALTERATION.team,
        String(before.teamId),
        String(after.teamId),
        names.teams.get(before.teamId) ?? '',
        names.teams.get(after.teamId) ?? '',
      );
    }
    if (before.priority !== after.priority) {
      add(
        ALTERATION.priority,
        String(before.priority),
        String(after.priority),
        PRIORITY_NAMES[before.priority],
        PRIORITY_NAMES[after.priority],
      );
    }
    if (before.customerId !== after.customerId) {
      add(
        ALTERATION.customer,
        String(before.customerId),
        String(after.customerId),
        names.customers.get(before.customerId)?.name ?? '',
        names.customers.get(after.customerId)?.name ?? '',
      );
    }
    if (before.requestTypeId !== after.requestTypeId) {
      const types = await repo.requestTypesByIds(this.deps.db, accountId, [before.requestTypeId, after.requestTypeId]);
      add(
        ALTERATION.requestType,
        String(before.requestTypeId),
        String(after.requestTypeId),
        types.get(before.requestTypeId)?.description ?? '',
        types.get(after.requestTypeId)?.description ?? '',
      );
    }
    if (before.title !== after.title) add(ALTERATION.title, before.title, after.title, before.title, after.title);
    if (before.description !== after.description) add(ALTERATION.description, before.description, after.description, '', '');
    if (before.equipmentId !== after.equipmentId) add(ALTERATION.equipment, String(before.equipmentId), String(after.equipmentId), '', '');
    if (before.requesterEmail !== after.requesterEmail || before.requesterName !== after.requesterName) {
      add(ALTERATION.requester, before.requesterEmail, after.requesterEmail, before.requesterName, after.requesterName);
    }
    if (before.taskIds.join(',') !== after.taskIds.join(',')) {
      add(ALTERATION.tasks, before.taskIds.join(','), after.taskIds.join(','), '', '');
    }
    const oldValues = new Map(before.customValues.map((c) => [c.fieldId, c.value]));
    const newValues = new Map(after.customValues.map((c) => [c.fieldId, c.value]));
    const fieldIds = [...new Set([...oldValues.keys(), ...newValues.keys()])].sort((a, b) => a - b);
    const changedFields = fieldIds.filter((id) => oldValues.get(id) !== newValues.get(id));
    if (changedFields.length > 0) {
      const [fields, choices] = await Promise.all([
        repo.fieldsByIds(this.deps.db, accountId, changedFields),
        repo.choicesOf(this.deps.db, accountId, changedFields),
      ]);
      for (const id of changedFields) {
        const from = oldValues.get(id) ?? '';
        const to = newValues.get(id) ?? '';
        const ch = choices.get(id) ?? [];
        add(
          ALTERATION.customField,
          from,
          to,
          this.valueDescription(from, ch),
          this.valueDescription(to, ch),
          String(id),
          fields.get(id)?.title ?? '',
        );
      }
    }
    return out;
  }

  private async write(
    auth: Auth,
    current: { view: View; catalogs: Catalogs; names: Names } | undefined,
    input: TicketInput,
  ): Promise<TicketDto> {
    const { db, clock } = this.deps;
    const accountId = auth.accountId;
    const before = current ? this.valuesOf(current.view, current.catalogs) : undefined;
    const v = await this.resolve(auth, before, input);
    const names = current?.names ?? new Names(this.services, accountId);
    await names.fill({
      users: [auth.adminUserId, v.responsibleId, before?.responsibleId ?? 0],
      teams: [v.teamId, before?.teamId ?? 0],
      customers: [v.customerId, before?.customerId ?? 0],
    });
    const alterations = before ? await this.alterationsFor(accountId, before, v, names) : [];
    const now = clock.now().toISOString();
    const statusChanged = !before || before.statusId !== v.statusId || before.statusType !== v.statusType;
    let endDate = current?.view.row.end_date ?? null;
    if (!CLOSED_TYPES.has(v.statusType)) endDate = null;
    else if (statusChanged && (!before || !CLOSED_TYPES.has(before.statusType))) endDate = now;
    return db.transaction().execute(async (trx) => {
      const cols = {
        team_id: v.teamId,
        responsible_user_id: v.responsibleId,
        title: v.title,
        customer_id: v.customerId,
        equipment_id: v.equipmentId,
        request_type_id: v.requestTypeId,
        priority: v.priority,
        description: v.description,
        status_id: v.statusId,
        status_type: v.statusType,
        end_date: endDate,
        requester_email: v.requesterEmail,
        requester_name: v.requesterName,
        updated_at: now,
      };
      let row: repo.TicketRow;
      if (current) {
        if (!(await repo.findTicket(trx, accountId, current.view.row.id))) throw new NotFoundError();
        row = await repo.updateTicket(trx, accountId, current.view.row.id, cols);
      } else {
        row = await repo.insertTicket(trx, {
          ...cols,
          account_id: accountId,
          origin: v.origin,
          creator_user_id: auth.adminUserId,
          email_message_id: '',
          created_at: now,
        });
      }
      if (!before || input.taskIDs !== undefined) await repo.replaceTasks(trx, accountId, row.id, v.taskIds);
      if (!before || input.customFields !== undefined) await repo.replaceCustomValues(trx, accountId, row.id, v.customValues);
      await repo.insertAlterations(
        trx,
        alterations.map((a) => ({ ...a, account_id: accountId, ticket_id: row.id, occurred_at: now, user_id: auth.adminUserId })),
      );
      if (statusChanged) await repo.startPeriod(trx, accountId, row.id, v.statusDescription, now);
      return this.recordChange(trx, auth, row, current ? 'Alteracao' : 'Inclusao', names);
    });
  }

  // ---- Catalogues (extension) --------------------------------------------------------------

  /** GET /tickets/status (live service): every status, unpaged; `name` repeats the description. */
  async allStatuses(auth: Auth) {
    const rows = await repo.catalogAll(this.deps.db, 'ticket_statuses', auth.accountId);
    return rows.map((r) => ({ id: r.id, description: r.description, name: r.description, statusType: r.status_type }));
  }

  /** GET /tickets/request-type (live service): every request type, unpaged; `name` repeats the description. */
  async allRequestTypes(auth: Auth) {
    const rows = await repo.catalogAll(this.deps.db, 'ticket_request_types', auth.accountId);
    return rows.map((r) => ({ id: r.id, description: r.description, name: r.description }));
  }

  async listStatuses(auth: Auth, q: ListQueryInput) {
    const paging = parsePaging(q);
    const { rows, total } = await repo.catalogPage(this.deps.db, 'ticket_statuses', auth.accountId, paging);
    return { items: rows.map((r) => ({ id: r.id, description: r.description, statusType: r.status_type })), total, paging };
  }

  async createStatus(auth: Auth, input: TicketStatusCreate) {
    const now = this.deps.clock.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const r = await repo.insertStatus(trx, {
        account_id: auth.accountId,
        description: input.description,
        status_type: input.statusType,
        created_at: now,
      });
      const dto = { id: r.id, description: r.description, statusType: r.status_type };
      await this.deps.changes.record(trx, {
        accountId: auth.accountId,
        entity: 'TicketStatus',
        entityId: r.id,
        action: 'Inclusao',
        snapshot: dto,
      });
      return dto;
    });
  }

  async listRequestTypes(auth: Auth, q: ListQueryInput) {
    const paging = parsePaging(q);
    const { rows, total } = await repo.catalogPage(this.deps.db, 'ticket_request_types', auth.accountId, paging);
    return { items: rows.map((r) => ({ id: r.id, description: r.description })), total, paging };
  }

  async createRequestType(auth: Auth, input: TicketRequestTypeCreate) {
    const now = this.deps.clock.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const r = await repo.insertRequestType(trx, { account_id: auth.accountId, description: input.description, created_at: now });
      const dto = { id: r.id, description: r.description };
      await this.deps.changes.record(trx, {
        accountId: auth.accountId,
        entity: 'TicketRequestType',
        entityId: r.id,
        action: 'Inclusao',
        snapshot: dto,
      });
      return dto;
    });
  }

  async listCustomFields(auth: Auth, q: ListQueryInput) {
    const paging = parsePaging(q);
    const { rows, total } = await repo.catalogPage(this.deps.db, 'ticket_custom_fields', auth.accountId, paging);
    const choices = await repo.choicesOf(
      this.deps.db,
      auth.accountId,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => this.fieldDto(r, choices.get(r.id) ?? [])), total, paging };
  }

  async createCustomField(auth: Auth, input: TicketCustomFieldCreate): Promise<TicketCustomFieldDto> {
    const { db, clock } = this.deps;
    const now = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      const position = input.order ?? (await repo.maxFieldPosition(trx, auth.accountId)) + 1;
      const f = await repo.insertField(trx, {
        account_id: auth.accountId,
        position,
        title: input.title,
        field_type: input.fieldType,
        field_visibility: input.fieldVisibility ?? '',
        description: input.description ?? '',
        is_primary: input.primary ? 1 : 0,
        required: input.required ? 1 : 0,
        removed: 0,
        created_at: now,
      });
      await repo.insertChoices(
        trx,
        (input.multipleChoiceItems ?? []).map((c, i) => ({
          account_id: auth.accountId,
          field_id: f.id,
          description: c.description,
          position: c.order ?? i + 1,
          removed: 0,
          created_at: now,
        })),
      );
      const choices = await repo.choicesOf(trx, auth.accountId, [f.id]);
      const dto = this.fieldDto(f, choices.get(f.id) ?? []);
      await this.deps.changes.record(trx, {
        accountId: auth.accountId,
        entity: 'TicketCustomField',
        entityId: f.id,
        action: 'Inclusao',
        snapshot: dto,
      });
      return dto;
    });
  }

  // ---- For other resources -----------------------------------------------------------------

  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (const id of new Set(ids)) if (await repo.findTicket(this.deps.db, accountId, id)) out.add(id);
    return out;
  }

  /** For tasks' `ticketId`/`ticketTitle`: the ticket each of `taskIds` is linked to. */
  async ticketsOfTasks(accountId: number, taskIds: number[]): Promise<Map<number, { id: number; title: string }>> {
    return repo.ticketsOfTasks(this.deps.db, accountId, taskIds);
  }

  async findById(accountId: number, id: number): Promise<TicketDto | undefined> {
    const l = await this.loadOne(accountId, id);
    return l ? this.fullDto(l.view, l.catalogs, l.names) : undefined;
  }
}
