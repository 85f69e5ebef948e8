import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal } from '../../core/dates.js';
import { FieldError, type FieldMap, invalidValue, NotFoundError } from '../../core/errors.js';
import type { DecodedFile, StoredFile } from '../../core/files.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { formatBrl, formatQuantity, parseDecimal, roundTo } from '../../core/money.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './products.repo.js';
import {
  type EmployeeStockBody,
  GUID,
  type ProductAttachmentsBody,
  type ProductCreate,
  type ProductCreatedDto,
  type ProductDto,
  ProductFilter,
  type ProductInput,
  type ProductListedDto,
  ProductPatchable,
  type ProductPatchedDto,
  type ProductUpsert,
} from './products.schema.js';
import { claimExternalId, type ExternalIdClaim, externalIdClaim, upsertOnce } from '../shared/upsert.js';

declare module '../../core/context.js' {
  interface Services {
    products: ProductsService;
  }
}

export const PRODUCT_ENTITY = 'Product';
/** The product picture (`base64Image`), kept apart from its attachments (`uriAnexos`). */
const IMAGE_ENTITY = 'ProductImage';
type Db = ServiceDeps['db'] | Transaction<DB>;

/** The path id: the numeric code (documented) or the productId GUID (D14). */
export function parseProductRef(raw: string, field = 'id'): repo.ProductRef {
  const s = raw.trim();
  if (/^\d+$/.test(s)) return { code: Number(s) };
  if (GUID.test(s)) return { guid: s.toLowerCase() };
  throw invalidValue(field, raw);
}

interface ProductValues {
  name: string;
  externalId: string;
  description: string;
  categoryId: number;
  associatedEquipmentId: number;
  unitaryValue: number;
  unitaryCost: number;
  minimumStock: number;
  totalStock: number;
  active: boolean;
  specifications: { name: string; specification: string }[];
}

interface Uploads {
  image?: DecodedFile;
  attachments: DecodedFile[];
  removeApiAttachments?: boolean;
}

/** Everything a product response is built from. */
interface ProductView {
  row: repo.ProductRow;
  files: StoredFile[];
  /** The picture (`base64Image`), when one is stored. */
  image: StoredFile | undefined;
  stocks: { stock: repo.StockRow; last: repo.MovementRow | undefined }[];
}

function decimal(field: string, v: unknown, opts: { min?: number } = {}): number {
  const n = parseDecimal(v);
  if (n === undefined || (opts.min !== undefined && n < opts.min))
    throw FieldError.of(field, `The value '${String(v)}' is not a valid decimal.`);
  return roundTo(n, 4);
}

export class ProductsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  // ---- Shapes -------------------------------------------------------------------------------

  private core(v: ProductView) {
    const r = v.row;
    return {
      name: r.name,
      associatedEquipmentId: r.associated_equipment_id,
      categoryId: r.category_id,
      unitaryValue: formatBrl(r.unitary_value),
      unitaryCost: formatBrl(r.unitary_cost),
      totalStock: r.total_stock,
      active: r.active === 1,
      minimumStock: formatQuantity(r.minimum_stock),
      Base64Image: '',
      imageUrl: v.image?.url ?? '',
      uriAnexos: v.files.map((f) => f.url),
      uriAttachments: v.files.map((f) => f.url),
      productSpecifications: (JSON.parse(r.specifications) as { name: string; specification: string }[]).map((s) => ({
        name: s.name,
        Specification: s.specification,
      })),
    };
  }

  private movementHead(m: repo.MovementRow, code: number) {
    return {
      id: m.id,
      operationUserId: m.operation_user_id,
      stockUserId: m.stock_user_id,
      productId: code,
      amount: m.amount,
      Unitaryvalue: m.unitary_value,
    };
  }

  private stocks<T>(v: ProductView, movement: (m: repo.MovementRow) => T) {
    return v.stocks.map(({ stock, last }) => ({
      id: stock.id,
      userId: stock.user_id,
      amount: stock.amount,
      lastStockMovement: last ? movement(last) : null,
    }));
  }

  private tail(m: repo.MovementRow) {
    return { entry: m.entry === 1, date: formatLocal(m.created_at, this.deps.timeZone) };
  }

  /** GET (the documented model): the movement has no unit cost. */
  toDto(v: ProductView): ProductDto {
    const r = v.row;
    return {
      productId: r.guid,
      externalId: r.external_id,
      code: String(r.id),
      ...this.core(v),
      employeesStock: this.stocks(v, (m) => ({ ...this.movementHead(m, r.id), ...this.tail(m) })),
      description: r.description,
    };
  }

  /** POST (and the PUT extension): the movement's `unitaryCost` is a pt-BR string. */
  toCreatedDto(v: ProductView): ProductCreatedDto {
    const r = v.row;
    return {
      productId: r.guid,
      externalId: r.external_id,
      code: String(r.id),
      ...this.core(v),
      employeesStock: this.stocks(v, (m) => ({ ...this.movementHead(m, r.id), unitaryCost: formatBrl(m.unitary_cost), ...this.tail(m) })),
      description: r.description,
    };
  }

  /** List: the movement's `UnitaryCost` is a number. */
  toListedDto(v: ProductView): ProductListedDto {
    const r = v.row;
    return {
      productId: r.guid,
      externalId: r.external_id,
      code: String(r.id),
      ...this.core(v),
      employeesStock: this.stocks(v, (m) => ({ ...this.movementHead(m, r.id), UnitaryCost: m.unitary_cost, ...this.tail(m) })),
      description: r.description,
    };
  }

  /** PATCH and attachments: the list form (the examples omit `code`; the live service answers it). */
  toPatchedDto(v: ProductView): ProductPatchedDto {
    return this.toListedDto(v);
  }

  private async views(db: Db, accountId: number, rows: repo.ProductRow[]): Promise<ProductView[]> {
    const ids = rows.map((r) => r.id);
    const [files, images, stocks] = await Promise.all([
      this.deps.files.listForMany(db, accountId, PRODUCT_ENTITY, ids),
      this.deps.files.listForMany(db, accountId, IMAGE_ENTITY, ids),
      repo.stocksOf(db, accountId, ids),
    ]);
    const last = new Map(
      (
        await repo.lastMovements(
          db,
          accountId,
          stocks.map((s) => s.id),
        )
      ).map((m) => [m.stock_id, m]),
    );
    return rows.map((row) => ({
      row,
      files: files.get(String(row.id)) ?? [],
      image: images.get(String(row.id))?.at(-1),
      stocks: stocks.filter((s) => s.product_id === row.id).map((stock) => ({ stock, last: last.get(stock.id) })),
    }));
  }

  private async view(db: Db, row: repo.ProductRow): Promise<ProductView> {
    return (await this.views(db, row.account_id, [row]))[0];
  }

  // ---- Operations ---------------------------------------------------------------------------

  private async find(accountId: number, ref: repo.ProductRef): Promise<repo.ProductRow> {
    const row = await repo.findProduct(this.deps.db, accountId, ref);
    if (!row) throw new NotFoundError();
    return row;
  }

  async get(auth: Auth, ref: repo.ProductRef): Promise<ProductDto> {
    return this.toDto(await this.view(this.deps.db, await this.find(auth.accountId, ref)));
  }

  async list(auth: Auth, q: ListQueryInput) {
    // Flagged required in the blueprint, but no key is: an absent paramFilter lists everything (inventory 1.10).
    const { filter, text } = decodeParamFilter(ProductFilter, q.paramFilter, 'ParamProductFilter');
    const f = filter as ProductFilter;
    const paging = parsePaging(q);
    const { db } = this.deps;
    const { rows, total } = await repo.listProducts(db, this.deps.dialect, auth.accountId, { ...f, code: f.id }, paging);
    const views = await this.views(db, auth.accountId, rows);
    return { items: views.map((v) => this.toListedDto(v)), total, paging, filterText: text };
  }

  async create(auth: Auth, input: ProductCreate): Promise<ProductCreatedDto> {
    return this.toCreatedDto(await this.save(auth, undefined, input));
  }

  /** PUT (extension): update the product matched by `id` (code), else `productId`, else `externalId`; otherwise create. */
  async upsert(auth: Auth, input: ProductUpsert): Promise<{ created: boolean; dto: ProductCreatedDto }> {
    return upsertOnce(() => this.tryUpsert(auth, input));
  }

  private async tryUpsert(auth: Auth, input: ProductUpsert): Promise<{ created: boolean; dto: ProductCreatedDto }> {
    const { db } = this.deps;
    let existing: repo.ProductRow | undefined;
    if (input.id !== undefined) existing = await repo.findProduct(db, auth.accountId, { code: input.id });
    if (!existing && input.productId) {
      if (!GUID.test(input.productId)) throw FieldError.of('productId', `The value '${input.productId}' is not a valid GUID.`);
      existing = await repo.findProduct(db, auth.accountId, { guid: input.productId });
    }
    if (!existing && input.externalId) existing = await repo.findProductByExternalId(db, auth.accountId, input.externalId);
    if (!existing && input.name === undefined) throw FieldError.of('name', 'The name field is required.');
    const { id: _id, productId: _guid, ...rest } = input;
    const claim = existing ? undefined : externalIdClaim('products', auth.accountId, input.externalId, repo.findProductByExternalId);
    return { created: !existing, dto: this.toCreatedDto(await this.save(auth, existing, rest, claim)) };
  }

  async patch(auth: Auth, ref: repo.ProductRef, ops: unknown): Promise<ProductPatchedDto> {
    const current = await this.find(auth.accountId, ref);
    const view = {
      name: current.name,
      externalId: current.external_id,
      description: current.description,
      categoryId: current.category_id,
      associatedEquipmentId: current.associated_equipment_id,
      unitaryValue: current.unitary_value,
      unitaryCost: current.unitary_cost,
      minimumStock: current.minimum_stock,
      totalStock: current.total_stock,
      active: current.active === 1,
      base64Image: '',
    };
    const next = applyJsonPatch(ProductPatchable, view, ops) as ProductInput;
    if (next.base64Image === '') delete next.base64Image;
    return this.toPatchedDto(await this.save(auth, current, next));
  }

  /** P6: optionally removes the files added through the API, then adds the new ones. */
  async putAttachments(auth: Auth, ref: repo.ProductRef, body: ProductAttachmentsBody): Promise<ProductPatchedDto> {
    const current = await this.find(auth.accountId, ref);
    const attachments = (body.attachments ?? []).map((a, i) => this.deps.files.decodeUpload(`attachments[${i}]`, a));
    const v = await this.write(auth, current, this.valuesOf(current), [], {
      attachments,
      removeApiAttachments: body.removeAllAttachmentsInsertedByMe === true,
    });
    return this.toPatchedDto(v);
  }

  /**
   * P3: sets how many units of the product the employee holds (`amount` is absolute). Creates
   * the employee's stock row when missing and records the movement; `totalStock` is left as is
   * (it is written separately; inventory 8 #19).
   */
  async setEmployeeStock(auth: Auth, body: EmployeeStockBody): Promise<void> {
    const errors: FieldMap = {};
    let ref: repo.ProductRef | undefined;
    try {
      ref = parseProductRef(String(body.productId), 'productId');
    } catch {
      errors.productId = [`The value '${String(body.productId)}' is not valid.`];
    }
    const amount = parseDecimal(body.amount);
    if (amount === undefined || amount < 0) errors.amount = [`The value '${String(body.amount)}' is not a valid quantity.`];
    const product = ref ? await repo.findProduct(this.deps.db, auth.accountId, ref) : undefined;
    if (ref && !product) errors.productId = [`The product ${String(body.productId)} does not exist.`];
    if (!(await this.services.users.existingIds(auth.accountId, [body.userId])).has(body.userId))
      errors.userId = [`The user ${body.userId} does not exist.`];
    if (Object.keys(errors).length > 0 || !product || amount === undefined) throw new FieldError(errors);
    await this.write(auth, product, this.valuesOf(product), [{ userId: body.userId, amount: roundTo(amount, 4) }], { attachments: [] });
  }

  /** Task items keep the product's GUID (inventory 8 #17); its stock, image and files go with it. */
  async remove(auth: Auth, ref: repo.ProductRef): Promise<void> {
    const { db, changes, files } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await repo.findProduct(trx, auth.accountId, ref);
      if (!live) throw new NotFoundError();
      const snapshot = this.toDto(await this.view(trx, live));
      await files.removeFor(trx, auth.accountId, PRODUCT_ENTITY, live.id);
      await files.removeFor(trx, auth.accountId, IMAGE_ENTITY, live.id);
      await repo.deleteProduct(trx, auth.accountId, live.id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: PRODUCT_ENTITY,
        entityId: live.id,
        action: 'Exclusao',
        userId: auth.adminUserId,
        snapshot,
      });
    });
  }

  /**
   * Takes `quantity` units of the product from the employee's stock inside the caller's
   * transaction (a finished task consumes what it used), so the task and the stock commit
   * together. Never below zero; nothing happens when the employee holds none.
   */
  async consumeEmployeeStock(trx: Transaction<DB>, auth: Auth, productGuid: string, userId: number, quantity: number): Promise<void> {
    if (!GUID.test(productGuid) || !(quantity > 0)) return;
    const product = await repo.findProduct(trx, auth.accountId, { guid: productGuid.toLowerCase() });
    if (!product) return;
    const held = await repo.findStock(trx, auth.accountId, product.id, userId);
    if (!held || held.amount <= 0) return;
    const now = this.deps.clock.now().toISOString();
    const left = roundTo(Math.max(0, held.amount - quantity), 4);
    await repo.setStockAmount(trx, auth.accountId, held.id, left, now);
    await repo.insertMovement(trx, {
      account_id: auth.accountId,
      product_id: product.id,
      stock_id: held.id,
      operation_user_id: auth.adminUserId,
      stock_user_id: userId,
      amount: roundTo(held.amount - left, 4),
      unitary_value: product.unitary_value,
      unitary_cost: product.unitary_cost,
      entry: 0,
      created_at: now,
    });
    await this.deps.changes.record(trx, {
      accountId: auth.accountId,
      entity: PRODUCT_ENTITY,
      entityId: product.id,
      action: 'Alteracao',
      userId,
      snapshot: this.toDto(await this.view(trx, product)),
    });
  }

  /** Task items reference products by GUID: the GUIDs (lower case) among `guids` that exist. */
  async existingIds(accountId: number, guids: string[]): Promise<Set<string>> {
    return repo.existingProductGuids(
      this.deps.db,
      accountId,
      guids.filter((g) => GUID.test(g)),
    );
  }

  /** The product as GET returns it, by GUID (`productId`, any case) or by numeric code. */
  async findById(accountId: number, id: string | number): Promise<ProductDto | undefined> {
    let ref: repo.ProductRef;
    try {
      ref = parseProductRef(String(id));
    } catch {
      return undefined;
    }
    const row = await repo.findProduct(this.deps.db, accountId, ref);
    return row ? this.toDto(await this.view(this.deps.db, row)) : undefined;
  }

  // ---- Writing ------------------------------------------------------------------------------

  private valuesOf(r: repo.ProductRow): ProductValues {
    return {
      name: r.name,
      externalId: r.external_id,
      description: r.description,
      categoryId: r.category_id,
      associatedEquipmentId: r.associated_equipment_id,
      unitaryValue: r.unitary_value,
      unitaryCost: r.unitary_cost,
      minimumStock: r.minimum_stock,
      totalStock: r.total_stock,
      active: r.active === 1,
      specifications: JSON.parse(r.specifications),
    };
  }

  /** Shared by POST, PUT and PATCH: merges `input` over the current values, validates, writes. */
  private async save(auth: Auth, current: repo.ProductRow | undefined, input: ProductInput, claim?: ExternalIdClaim): Promise<ProductView> {
    const base: ProductValues = current
      ? this.valuesOf(current)
      : {
          name: '',
          externalId: '',
          description: '',
          categoryId: 0,
          associatedEquipmentId: 0,
          unitaryValue: 0,
          unitaryCost: 0,
          minimumStock: 0,
          totalStock: 0,
          active: true,
          specifications: [],
        };
    const v: ProductValues = {
      name: input.name ?? base.name,
      externalId: input.externalId ?? base.externalId,
      description: input.description ?? base.description,
      categoryId: input.categoryId ?? base.categoryId,
      associatedEquipmentId: input.associatedEquipmentId ?? base.associatedEquipmentId,
      unitaryValue: input.unitaryValue === undefined ? base.unitaryValue : decimal('unitaryValue', input.unitaryValue, { min: 0 }),
      unitaryCost: input.unitaryCost === undefined ? base.unitaryCost : decimal('unitaryCost', input.unitaryCost, { min: 0 }),
      minimumStock: input.minimumStock === undefined ? base.minimumStock : decimal('minimumStock', input.minimumStock, { min: 0 }),
      totalStock: input.totalStock === undefined ? base.totalStock : decimal('totalStock', input.totalStock),
      active: input.active ?? base.active,
      specifications: input.productSpecifications?.map((s) => ({ name: s.name, specification: s.specification })) ?? base.specifications,
    };
    const stock = (input.employeesStock ?? []).map((s, i) => ({
      userId: s.userId,
      amount: decimal(`employeesStock[${i}].amount`, s.amount, { min: 0 }),
    }));
    const { files } = this.deps;
    const uploads: Uploads = {
      image: input.base64Image
        ? files.decodeUpload('base64Image', input.base64Image, { allowNameless: true, defaultName: 'image' })
        : undefined,
      attachments: (input.attachments ?? []).map((a, i) => files.decodeUpload(`attachments[${i}]`, a)),
    };
    await this.checkReferences(auth, v, current, stock);
    return this.write(auth, current, v, stock, uploads, claim);
  }

  /** References must exist (0 = none); unchanged ones are not re-checked (they may have been deleted since). */
  private async checkReferences(
    auth: Auth,
    v: ProductValues,
    current: repo.ProductRow | undefined,
    stock: { userId: number }[],
  ): Promise<void> {
    const errors: FieldMap = {};
    const a = auth.accountId;
    const changed = (now: number, before: number | undefined) => now !== 0 && now !== before;
    if (
      changed(v.categoryId, current?.category_id) &&
      !(await this.services.productCategories.existingIds(a, [v.categoryId])).has(v.categoryId)
    ) {
      errors.categoryId = [`The product category ${v.categoryId} does not exist.`];
    }
    if (
      changed(v.associatedEquipmentId, current?.associated_equipment_id) &&
      !(await this.services.equipments.existingIds(a, [v.associatedEquipmentId])).has(v.associatedEquipmentId)
    ) {
      errors.associatedEquipmentId = [`The equipment ${v.associatedEquipmentId} does not exist.`];
    }
    if (stock.length > 0) {
      const users = await this.services.users.existingIds(
        a,
        stock.map((s) => s.userId),
      );
      const seen = new Set<number>();
      stock.forEach((s, i) => {
        if (!users.has(s.userId)) errors[`employeesStock[${i}].userId`] = [`The user ${s.userId} does not exist.`];
        else if (seen.has(s.userId)) errors[`employeesStock[${i}].userId`] = [`The user ${s.userId} is listed more than once.`];
        seen.add(s.userId);
      });
    }
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
  }

  private async write(
    auth: Auth,
    current: repo.ProductRow | undefined,
    v: ProductValues,
    stock: { userId: number; amount: number }[],
    uploads: Uploads,
    claim?: ExternalIdClaim,
  ): Promise<ProductView> {
    const { db, dialect, clock, changes, files, ids } = this.deps;
    const now = clock.now().toISOString();
    const cols = {
      name: v.name,
      external_id: v.externalId,
      description: v.description,
      category_id: v.categoryId,
      associated_equipment_id: v.associatedEquipmentId,
      unitary_value: v.unitaryValue,
      unitary_cost: v.unitaryCost,
      minimum_stock: v.minimumStock,
      total_stock: v.totalStock,
      active: v.active ? 1 : 0,
      specifications: JSON.stringify(v.specifications),
      updated_at: now,
    };
    return db.transaction().execute(async (trx) => {
      await claimExternalId(trx, dialect, claim);
      let row: repo.ProductRow;
      if (current) {
        if (!(await repo.findProduct(trx, auth.accountId, { code: current.id }))) throw new NotFoundError();
        row = await repo.updateProduct(trx, auth.accountId, current.id, cols);
      } else {
        row = await repo.insertProduct(trx, { ...cols, account_id: auth.accountId, guid: ids.uuid().toLowerCase(), created_at: now });
      }
      for (const s of stock) {
        let held = await repo.findStock(trx, auth.accountId, row.id, s.userId);
        const before = held?.amount ?? 0;
        if (held) await repo.setStockAmount(trx, auth.accountId, held.id, s.amount, now);
        else
          held = await repo.insertStock(trx, {
            account_id: auth.accountId,
            product_id: row.id,
            user_id: s.userId,
            amount: s.amount,
            created_at: now,
            updated_at: now,
          });
        await repo.insertMovement(trx, {
          account_id: auth.accountId,
          product_id: row.id,
          stock_id: held.id,
          operation_user_id: auth.adminUserId,
          stock_user_id: s.userId,
          amount: roundTo(Math.abs(s.amount - before), 4),
          unitary_value: row.unitary_value,
          unitary_cost: row.unitary_cost,
          entry: s.amount > before ? 1 : 0,
          created_at: now,
        });
      }
      const owner = { entity: PRODUCT_ENTITY, entityId: row.id, insertedBy: auth.adminUserId };
      if (uploads.image) {
        await files.removeFor(trx, auth.accountId, IMAGE_ENTITY, row.id);
        await files.save(trx, auth.accountId, { ...owner, entity: IMAGE_ENTITY }, uploads.image);
      }
      if (uploads.removeApiAttachments) await files.removeFor(trx, auth.accountId, PRODUCT_ENTITY, row.id, { onlyInsertedByApi: true });
      for (const a of uploads.attachments) await files.save(trx, auth.accountId, owner, a);
      const view = await this.view(trx, row);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: PRODUCT_ENTITY,
        entityId: row.id,
        action: current ? 'Alteracao' : 'Inclusao',
        userId: auth.adminUserId,
        snapshot: this.toDto(view),
      });
      return view;
    });
  }
}
