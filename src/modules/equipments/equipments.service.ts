import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal, parseLocal } from '../../core/dates.js';
import { FieldError, type FieldMap, NotFoundError } from '../../core/errors.js';
import type { DecodedFile, StoredFile } from '../../core/files.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './equipments.repo.js';
import {
  type EquipmentAttachmentsBody,
  type EquipmentCreate,
  type EquipmentDto,
  EquipmentFilter,
  type EquipmentInput,
  EquipmentPatchable,
  type EquipmentUpsert,
} from './equipments.schema.js';
import { claimExternalId, type ExternalIdClaim, externalIdClaim, upsertOnce } from '../shared/upsert.js';

declare module '../../core/context.js' {
  interface Services {
    equipments: EquipmentsService;
  }
}

export const EQUIPMENT_ENTITY = 'Equipment';
/** The equipment's picture is kept apart from its attachments (`urlImage` vs `uriAnexos`). */
const IMAGE_ENTITY = 'EquipmentImage';
type Db = ServiceDeps['db'] | Transaction<DB>;

interface EquipmentValues {
  name: string;
  externalId: string;
  parentEquipmentId: number;
  associatedCustomerId: number;
  associatedUserId: number;
  categoryId: number;
  description: string;
  identifier: string;
  expirationDate: string | null;
  warrantyStartDate: string | null;
  warrantyEndDate: string | null;
  specifications: { name: string; specification: string }[];
  active: boolean;
}

interface Uploads {
  image?: DecodedFile;
  attachments: DecodedFile[];
  removeApiAttachments?: boolean;
}

export class EquipmentsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  private toDto(r: repo.EquipmentRow, files: StoredFile[]): EquipmentDto {
    const tz = this.deps.timeZone;
    const date = (v: string | null) => (v === null ? null : formatLocal(v, tz));
    return {
      externalId: r.external_id,
      parentEquipmentId: r.parent_equipment_id,
      associatedCustomerId: r.associated_customer_id,
      associatedUserId: r.associated_user_id,
      categoryId: r.category_id,
      name: r.name,
      identifier: r.identifier,
      urlImage: r.url_image,
      uriAnexos: files.map((f) => f.url),
      active: r.active === 1,
      creationDate: formatLocal(r.created_at, tz),
      expirationDate: date(r.expiration_date),
      equipmentSpecifications: JSON.parse(r.specifications) as { name: string; specification: string }[],
      id: r.id,
      description: r.description,
      warrantyStartDate: date(r.warranty_start_date),
      warrantyEndDate: date(r.warranty_end_date),
    };
  }

  private async dto(db: Db, r: repo.EquipmentRow): Promise<EquipmentDto> {
    return this.toDto(r, await this.deps.files.listFor(db, r.account_id, EQUIPMENT_ENTITY, r.id));
  }

  async get(auth: Auth, id: number): Promise<EquipmentDto> {
    const row = await repo.findEquipment(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return this.dto(this.deps.db, row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    // Flagged required in the blueprint, but no key is: an absent paramFilter lists everything (inventory 1.10).
    const { filter, text } = decodeParamFilter(EquipmentFilter, q.paramFilter, 'ParamEquipmentFilter');
    const paging = parsePaging(q);
    const { db } = this.deps;
    const { rows, total } = await repo.listEquipments(db, this.deps.dialect, auth.accountId, filter as EquipmentFilter, paging);
    const files = await this.deps.files.listForMany(
      db,
      auth.accountId,
      EQUIPMENT_ENTITY,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => this.toDto(r, files.get(String(r.id)) ?? [])), total, paging, filterText: text };
  }

  async create(auth: Auth, input: EquipmentCreate): Promise<EquipmentDto> {
    return this.save(auth, undefined, input);
  }

  /** PUT (extension): update the equipment matched by `id`, else by `externalId`; otherwise create. */
  async upsert(auth: Auth, input: EquipmentUpsert): Promise<{ created: boolean; dto: EquipmentDto }> {
    return upsertOnce(() => this.tryUpsert(auth, input));
  }

  private async tryUpsert(auth: Auth, input: EquipmentUpsert): Promise<{ created: boolean; dto: EquipmentDto }> {
    const { db } = this.deps;
    let existing: repo.EquipmentRow | undefined;
    if (input.id !== undefined) existing = await repo.findEquipment(db, auth.accountId, input.id);
    if (!existing && input.externalId) existing = await repo.findEquipmentByExternalId(db, auth.accountId, input.externalId);
    if (!existing && input.name === undefined) throw FieldError.of('name', 'The name field is required.');
    const { id: _id, ...rest } = input;
    const claim = existing ? undefined : externalIdClaim('equipments', auth.accountId, input.externalId, repo.findEquipmentByExternalId);
    return { created: !existing, dto: await this.save(auth, existing, rest, claim) };
  }

  async patch(auth: Auth, id: number, ops: unknown): Promise<EquipmentDto> {
    const current = await repo.findEquipment(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const d = this.toDto(current, []);
    const view = {
      name: d.name,
      externalId: d.externalId,
      parentEquipmentId: d.parentEquipmentId,
      associatedCustomerId: d.associatedCustomerId,
      associatedUserId: d.associatedUserId,
      categoryId: d.categoryId,
      description: d.description,
      identifier: d.identifier,
      base64Image: '',
      expirationDate: d.expirationDate,
      equipmentSpecifications: d.equipmentSpecifications,
      active: d.active,
      warrantyStartDate: d.warrantyStartDate,
      warrantyEndDate: d.warrantyEndDate,
    };
    const next = applyJsonPatch(EquipmentPatchable, view, ops) as typeof view;
    const input: EquipmentInput = { ...next, base64Image: next.base64Image === '' ? undefined : next.base64Image };
    // Unchanged dates are kept as stored (not re-parsed from their local rendering).
    for (const k of ['expirationDate', 'warrantyStartDate', 'warrantyEndDate'] as const) if (next[k] === view[k]) delete input[k];
    return this.save(auth, current, input);
  }

  /** EQ2: optionally removes the files added through the API, then adds the new ones. */
  async putAttachments(auth: Auth, id: number, body: EquipmentAttachmentsBody): Promise<EquipmentDto> {
    const current = await repo.findEquipment(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const attachments = (body.attachments ?? []).map((a, i) => this.deps.files.decodeUpload(`attachments[${i}]`, a));
    return this.write(auth, current, this.valuesOf(current), {
      attachments,
      removeApiAttachments: body.removeAllAttachmentsInsertedByMe === true,
    });
  }

  /** Tasks, products, tickets and child equipments keep the id (inventory 8 #17); its files go with it. */
  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes, files } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await repo.findEquipment(trx, auth.accountId, id);
      if (!live) throw new NotFoundError();
      const snapshot = await this.dto(trx, live);
      await files.removeFor(trx, auth.accountId, EQUIPMENT_ENTITY, id);
      await files.removeFor(trx, auth.accountId, IMAGE_ENTITY, id);
      await repo.deleteEquipment(trx, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: EQUIPMENT_ENTITY,
        entityId: id,
        action: 'Exclusao',
        userId: auth.adminUserId,
        snapshot,
      });
    });
  }

  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingEquipmentIds(this.deps.db, accountId, ids);
  }

  async findById(accountId: number, id: number): Promise<EquipmentDto | undefined> {
    const row = await repo.findEquipment(this.deps.db, accountId, id);
    return row ? this.dto(this.deps.db, row) : undefined;
  }

  private valuesOf(r: repo.EquipmentRow): EquipmentValues {
    return {
      name: r.name,
      externalId: r.external_id,
      parentEquipmentId: r.parent_equipment_id,
      associatedCustomerId: r.associated_customer_id,
      associatedUserId: r.associated_user_id,
      categoryId: r.category_id,
      description: r.description,
      identifier: r.identifier,
      expirationDate: r.expiration_date,
      warrantyStartDate: r.warranty_start_date,
      warrantyEndDate: r.warranty_end_date,
      specifications: JSON.parse(r.specifications),
      active: r.active === 1,
    };
  }

  private date(field: string, v: string | null | undefined, current: string | null): string | null {
    if (v === undefined) return current;
    if (v === null || v.trim() === '') return null;
    const d = parseLocal(v, this.deps.timeZone);
    if (!d) throw FieldError.of(field, `The value '${v}' is not a valid date (yyyy-MM-ddTHH:mm:ss).`);
    return d.toISOString();
  }

  /** Shared by POST, PUT and PATCH: merges `input` over the current values, validates, writes. */
  private async save(
    auth: Auth,
    current: repo.EquipmentRow | undefined,
    input: EquipmentInput,
    claim?: ExternalIdClaim,
  ): Promise<EquipmentDto> {
    const base: EquipmentValues = current
      ? this.valuesOf(current)
      : {
          name: '',
          externalId: '',
          parentEquipmentId: 0,
          associatedCustomerId: 0,
          associatedUserId: 0,
          categoryId: 0,
          description: '',
          identifier: '',
          expirationDate: null,
          warrantyStartDate: null,
          warrantyEndDate: null,
          specifications: [],
          active: true,
        };
    const v: EquipmentValues = {
      name: input.name ?? base.name,
      externalId: input.externalId ?? base.externalId,
      parentEquipmentId: input.parentEquipmentId ?? base.parentEquipmentId,
      associatedCustomerId: input.associatedCustomerId ?? base.associatedCustomerId,
      associatedUserId: input.associatedUserId ?? base.associatedUserId,
      categoryId: input.categoryId ?? base.categoryId,
      description: input.description ?? base.description,
      identifier: input.identifier ?? base.identifier,
      expirationDate: this.date('expirationDate', input.expirationDate, base.expirationDate),
      warrantyStartDate: this.date('warrantyStartDate', input.warrantyStartDate, base.warrantyStartDate),
      warrantyEndDate: this.date('warrantyEndDate', input.warrantyEndDate, base.warrantyEndDate),
      specifications: input.equipmentSpecifications?.map((s) => ({ name: s.name, specification: s.specification })) ?? base.specifications,
      active: input.active ?? base.active,
    };
    const { files } = this.deps;
    const uploads: Uploads = {
      image: input.base64Image
        ? files.decodeUpload('base64Image', input.base64Image, { allowNameless: true, defaultName: 'image' })
        : undefined,
      attachments: (input.attachments ?? []).map((a, i) => files.decodeUpload(`attachments[${i}]`, a)),
    };
    await this.checkReferences(auth, v, current);
    return this.write(auth, current, v, uploads, claim);
  }

  /** References must exist (0 = none); unchanged ones are not re-checked (they may have been deleted since). */
  private async checkReferences(auth: Auth, v: EquipmentValues, current: repo.EquipmentRow | undefined): Promise<void> {
    const errors: FieldMap = {};
    const changed = (now: number, before: number | undefined) => now !== 0 && now !== before;
    const a = auth.accountId;
    if (
      changed(v.categoryId, current?.category_id) &&
      !(await this.services.equipmentCategories.existingIds(a, [v.categoryId])).has(v.categoryId)
    ) {
      errors.categoryId = [`The equipment category ${v.categoryId} does not exist.`];
    }
    if (
      changed(v.associatedUserId, current?.associated_user_id) &&
      !(await this.services.users.existingIds(a, [v.associatedUserId])).has(v.associatedUserId)
    ) {
      errors.associatedUserId = [`The user ${v.associatedUserId} does not exist.`];
    }
    if (
      changed(v.associatedCustomerId, current?.associated_customer_id) &&
      !(await this.services.customers.existingIds(a, [v.associatedCustomerId])).has(v.associatedCustomerId)
    ) {
      errors.associatedCustomerId = [`The customer ${v.associatedCustomerId} does not exist.`];
    }
    if (changed(v.parentEquipmentId, current?.parent_equipment_id)) {
      const problem = await this.parentProblem(a, v.parentEquipmentId, current?.id);
      if (problem) errors.parentEquipmentId = [problem];
    }
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
  }

  /** The parent must exist and must not be the equipment itself or one of its descendants. */
  private async parentProblem(accountId: number, parentId: number, selfId: number | undefined): Promise<string | undefined> {
    if (!(await repo.existingEquipmentIds(this.deps.db, accountId, [parentId])).has(parentId))
      return `The equipment ${parentId} does not exist.`;
    if (selfId === undefined) return undefined;
    const seen = new Set<number>();
    for (let at: number | undefined = parentId; at && !seen.has(at); at = await repo.parentOf(this.deps.db, accountId, at)) {
      if (at === selfId) return 'An equipment cannot be its own parent or the parent of one of its ancestors.';
      seen.add(at);
    }
    return undefined;
  }

  private async write(
    auth: Auth,
    current: repo.EquipmentRow | undefined,
    v: EquipmentValues,
    uploads: Uploads,
    claim?: ExternalIdClaim,
  ): Promise<EquipmentDto> {
    const { db, dialect, clock, changes, files } = this.deps;
    const now = clock.now().toISOString();
    const cols = {
      name: v.name,
      external_id: v.externalId,
      parent_equipment_id: v.parentEquipmentId,
      associated_customer_id: v.associatedCustomerId,
      associated_user_id: v.associatedUserId,
      category_id: v.categoryId,
      description: v.description,
      identifier: v.identifier,
      expiration_date: v.expirationDate,
      warranty_start_date: v.warrantyStartDate,
      warranty_end_date: v.warrantyEndDate,
      specifications: JSON.stringify(v.specifications),
      active: v.active ? 1 : 0,
      updated_at: now,
    };
    return db.transaction().execute(async (trx) => {
      await claimExternalId(trx, dialect, claim);
      let row: repo.EquipmentRow;
      if (current) {
        if (!(await repo.findEquipment(trx, auth.accountId, current.id))) throw new NotFoundError();
        row = await repo.updateEquipment(trx, auth.accountId, current.id, cols);
      } else {
        row = await repo.insertEquipment(trx, { ...cols, account_id: auth.accountId, url_image: '', created_at: now });
      }
      const owner = { entity: EQUIPMENT_ENTITY, entityId: row.id, insertedBy: auth.adminUserId };
      if (uploads.image) {
        await files.removeFor(trx, auth.accountId, IMAGE_ENTITY, row.id);
        const saved = await files.save(trx, auth.accountId, { ...owner, entity: IMAGE_ENTITY }, uploads.image);
        row = await repo.updateEquipment(trx, auth.accountId, row.id, { url_image: saved.url });
      }
      if (uploads.removeApiAttachments) await files.removeFor(trx, auth.accountId, EQUIPMENT_ENTITY, row.id, { onlyInsertedByApi: true });
      for (const a of uploads.attachments) await files.save(trx, auth.accountId, owner, a);
      const dto = await this.dto(trx, row);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: EQUIPMENT_ENTITY,
        entityId: row.id,
        action: current ? 'Alteracao' : 'Inclusao',
        userId: auth.adminUserId,
        snapshot: dto,
      });
      return dto;
    });
  }
}
