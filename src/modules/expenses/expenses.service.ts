import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal, parseLocal } from '../../core/dates.js';
import { EnvelopeError, FieldError, type FieldMap, NotFoundError } from '../../core/errors.js';
import type { DecodedFile } from '../../core/files.js';
import { decodeParamFilter, type ListQueryInput, parsePaging, requireFilterKeys } from '../../core/listing.js';
import { parseDecimal, roundTo } from '../../core/money.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './expenses.repo.js';
import { type ExpenseAttachmentBody, type ExpenseCreate, type ExpenseDto, ExpenseFilter, ExpensePatchable } from './expenses.schema.js';

declare module '../../core/context.js' {
  interface Services {
    expenses: ExpensesService;
  }
}

export const EXPENSE_ENTITY = 'Expense';
const FILTER_NAME = 'ParamExpenseFilter';
type Db = ServiceDeps['db'] | Transaction<DB>;

interface ExpenseValues {
  userToId: number;
  typeId: number;
  date: string;
  amount: number;
  description: string;
  editedAt: string | null;
}

export class ExpensesService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  /** The user's name and the type's description, read outside any transaction (other modules use the pool). */
  private async names(accountId: number, userId: number, typeId: number): Promise<{ userToName: string; typeName: string }> {
    const [user, type] = await Promise.all([
      this.services.users.findById(accountId, userId),
      this.services.expenseTypes.findById(accountId, typeId),
    ]);
    return { userToName: user?.name ?? '', typeName: type?.description ?? '' };
  }

  private async toDto(db: Db, r: repo.ExpenseRow, names?: { userToName: string; typeName: string }): Promise<ExpenseDto> {
    const { timeZone, files } = this.deps;
    const n = names ?? (await this.names(r.account_id, r.user_to_id, r.type_id));
    const stored = await files.listFor(db, r.account_id, EXPENSE_ENTITY, r.id);
    return {
      id: r.id,
      description: r.description,
      userToId: r.user_to_id,
      userToName: n.userToName,
      typeId: r.type_id,
      typeName: n.typeName,
      date: formatLocal(r.expense_date, timeZone),
      attachmentUrl: stored.at(-1)?.url ?? '',
      creationDate: formatLocal(r.created_at, timeZone),
      amount: r.amount,
    };
  }

  async get(auth: Auth, id: number): Promise<ExpenseDto> {
    const row = await repo.findExpense(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return this.toDto(this.deps.db, row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    if (q.paramFilter === undefined) throw new EnvelopeError(`The paramFilter is required as ${FILTER_NAME} string json.`);
    const { filter, text } = decodeParamFilter(ExpenseFilter, q.paramFilter, FILTER_NAME);
    requireFilterKeys(filter, ['startDate', 'endDate'], FILTER_NAME);
    const f = filter as ExpenseFilter;
    const paging = parsePaging(q);
    const tz = this.deps.timeZone;
    const from = parseLocal(f.startDate as string, tz);
    // A date-only end includes that whole day.
    const endText = (f.endDate as string).trim();
    const to = parseLocal(/^\d{4}-\d{2}-\d{2}$/.test(endText) ? `${endText}T23:59:59` : endText, tz);
    if (!from) throw new EnvelopeError(`The paramFilter field 'startDate' is not valid for ${FILTER_NAME}.`);
    if (!to) throw new EnvelopeError(`The paramFilter field 'endDate' is not valid for ${FILTER_NAME}.`);
    let id: number | undefined;
    if (f.id !== undefined) {
      id = Number(String(f.id).trim());
      if (!Number.isSafeInteger(id)) throw new EnvelopeError(`The paramFilter field 'id' is not valid for ${FILTER_NAME}.`);
    }
    const { rows, total } = await repo.listExpenses(
      this.deps.db,
      this.deps.dialect,
      auth.accountId,
      {
        id,
        description: f.description,
        from: from.toISOString(),
        to: new Date(to.getTime() + 999).toISOString(),
        userToId: f.userToId,
        typeId: f.type,
      },
      paging,
    );
    const items = await Promise.all(rows.map((r) => this.toDto(this.deps.db, r)));
    return { items, total, paging, filterText: text };
  }

  async create(auth: Auth, input: ExpenseCreate): Promise<ExpenseDto> {
    const values: ExpenseValues = {
      userToId: input.userToId,
      typeId: input.typeId,
      date: this.date('date', input.date),
      amount: this.amount(input.amount),
      description: input.description ?? '',
      editedAt: null,
    };
    const file = input.attachment ? this.decode(input.attachment) : undefined;
    await this.checkReferences(auth, values, undefined);
    return this.write(auth, undefined, values, file ? { file, replace: true } : undefined);
  }

  async patch(auth: Auth, id: number, ops: unknown): Promise<ExpenseDto> {
    const current = await repo.findExpense(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const tz = this.deps.timeZone;
    const view = {
      userToId: current.user_to_id,
      typeId: current.type_id,
      expenseDate: formatLocal(current.expense_date, tz),
      dateEdition: current.edited_at ? formatLocal(current.edited_at, tz) : '',
      amount: current.amount,
      description: current.description,
      attachment: '',
    };
    const next = applyJsonPatch(ExpensePatchable, view, ops) as typeof view & { amount: number | string };
    const values: ExpenseValues = {
      userToId: next.userToId,
      typeId: next.typeId,
      date: next.expenseDate === view.expenseDate ? current.expense_date : this.date('expenseDate', next.expenseDate),
      amount: this.amount(next.amount),
      description: next.description,
      editedAt:
        next.dateEdition === view.dateEdition
          ? current.edited_at
          : next.dateEdition === ''
            ? null
            : this.date('dateEdition', next.dateEdition),
    };
    const file = next.attachment ? this.decode(next.attachment) : undefined;
    await this.checkReferences(auth, values, current);
    return this.write(auth, current, values, file ? { file, replace: true } : undefined);
  }

  /** E5: one file per expense; it is replaced whether or not `deleteAttachment` is set (inventory 8 #18). */
  async putAttachment(auth: Auth, id: number, body: ExpenseAttachmentBody): Promise<ExpenseDto> {
    if (body.attachment === undefined) throw FieldError.of('attachment', 'The attachment field is required.');
    const current = await repo.findExpense(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const file = this.decode(body.attachment);
    const values: ExpenseValues = {
      userToId: current.user_to_id,
      typeId: current.type_id,
      date: current.expense_date,
      amount: current.amount,
      description: current.description,
      editedAt: current.edited_at,
    };
    return this.write(auth, current, values, { file, replace: true });
  }

  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes, files } = this.deps;
    const before = await repo.findExpense(db, auth.accountId, id);
    if (!before) throw new NotFoundError();
    const names = await this.names(auth.accountId, before.user_to_id, before.type_id);
    await db.transaction().execute(async (trx) => {
      const live = await repo.findExpense(trx, auth.accountId, id);
      if (!live) throw new NotFoundError();
      const snapshot = await this.toDto(trx, live, names);
      await files.removeFor(trx, auth.accountId, EXPENSE_ENTITY, id);
      await repo.deleteExpense(trx, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: EXPENSE_ENTITY,
        entityId: id,
        action: 'Exclusao',
        userId: live.user_to_id,
        snapshot,
      });
    });
  }

  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingExpenseIds(this.deps.db, accountId, ids);
  }

  async findById(accountId: number, id: number): Promise<ExpenseDto | undefined> {
    const row = await repo.findExpense(this.deps.db, accountId, id);
    return row ? this.toDto(this.deps.db, row) : undefined;
  }

  private date(field: string, text: string): string {
    const d = parseLocal(text, this.deps.timeZone);
    if (!d) throw FieldError.of(field, `The value '${text}' is not a valid date (yyyy-MM-ddTHH:mm:ss).`);
    return d.toISOString();
  }

  private amount(v: unknown): number {
    const n = parseDecimal(v);
    if (n === undefined) throw FieldError.of('amount', `The value '${String(v)}' is not a valid amount.`);
    return roundTo(n, 4);
  }

  private decode(attachment: string): DecodedFile {
    return this.deps.files.decodeUpload('attachment', attachment, { allowNameless: true, defaultName: 'expense' });
  }

  /** The user and the expense type must exist; unchanged references are not re-checked. */
  private async checkReferences(auth: Auth, v: ExpenseValues, current: repo.ExpenseRow | undefined): Promise<void> {
    const errors: FieldMap = {};
    if (v.userToId !== current?.user_to_id && !(await this.services.users.existingIds(auth.accountId, [v.userToId])).has(v.userToId)) {
      errors.userToId = [`The user ${v.userToId} does not exist.`];
    }
    if (v.typeId !== current?.type_id && !(await this.services.expenseTypes.existingIds(auth.accountId, [v.typeId])).has(v.typeId)) {
      errors.typeId = [`The expense type ${v.typeId} does not exist.`];
    }
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
  }

  private async write(
    auth: Auth,
    current: repo.ExpenseRow | undefined,
    v: ExpenseValues,
    upload: { file: DecodedFile; replace: boolean } | undefined,
  ): Promise<ExpenseDto> {
    const { db, clock, changes, files } = this.deps;
    const now = clock.now().toISOString();
    const cols = {
      user_to_id: v.userToId,
      type_id: v.typeId,
      expense_date: v.date,
      amount: v.amount,
      description: v.description,
      edited_at: v.editedAt,
      updated_at: now,
    };
    const names = await this.names(auth.accountId, v.userToId, v.typeId);
    return db.transaction().execute(async (trx) => {
      let row: repo.ExpenseRow;
      if (current) {
        if (!(await repo.findExpense(trx, auth.accountId, current.id))) throw new NotFoundError();
        row = await repo.updateExpense(trx, auth.accountId, current.id, cols);
      } else {
        row = await repo.insertExpense(trx, { ...cols, account_id: auth.accountId, created_at: now });
      }
      if (upload) {
        if (upload.replace) await files.removeFor(trx, auth.accountId, EXPENSE_ENTITY, row.id);
        await files.save(trx, auth.accountId, { entity: EXPENSE_ENTITY, entityId: row.id, insertedBy: auth.adminUserId }, upload.file);
      }
      const dto = await this.toDto(trx, row, names);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: EXPENSE_ENTITY,
        entityId: row.id,
        action: current ? 'Alteracao' : 'Inclusao',
        userId: row.user_to_id,
        snapshot: dto,
      });
      return dto;
    });
  }
}
