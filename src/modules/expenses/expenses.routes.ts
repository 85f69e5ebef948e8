import type { Module, ModuleContext } from '../../core/context.js';
import { IdParams, parseId } from '../../core/http.js';
import { listResult } from '../../core/listing.js';
import { ListEnvelope, ListQuery } from '../../core/schemas.js';
import { JsonPatchBody } from '../users/users.schema.js';
import { Expense, ExpenseAttachmentBody, ExpenseCreate, expenseExample } from './expenses.schema.js';
import { ExpensesService } from './expenses.service.js';

const tags = ['Expenses'];

/** The documented list example: one item, page 1 of 2. */
function listExample<T>(item: T, resource: string) {
  const href = (page: number) => `https://api.auvo.com.br/v2/${resource}?Page=${page}&PageSize=1&Order=Asc`;
  return {
    entityList: [item],
    pagedSearchReturnData: { order: 0, pageSize: 1, page: 1, totalItems: 2 },
    links: [
      { href: href(1), rel: 'self', method: 'GET' },
      { href: href(2), rel: 'nextPage', method: 'GET' },
    ],
  };
}

export function registerExpenseRoutes({ route, services }: ModuleContext): void {
  const svc = services.expenses;

  route({
    method: 'GET',
    url: '/v2/expenses/:id',
    operationId: 'getExpense',
    tags,
    summary: 'Retrieve an expense',
    description:
      "The expense with this id in the token's account, with its type, user, date, amount and attachment link; 404 with an empty body when there is none.",
    params: IdParams,
    response: Expense,
    example: expenseExample,
    handler: async ({ auth, params }) => svc.get(auth, parseId(params.id)),
  });

  route({
    method: 'GET',
    url: '/v2/expenses',
    operationId: 'listExpenses',
    tags,
    summary: 'Retrieve a list of expenses',
    description:
      'paramFilter is required with startDate and endDate (yyyy-MM-ddTHH:mm:ss or yyyy-MM-dd; the window is inclusive, a date-only end covers the whole day) on the expense `date`; otherwise 400 with the error envelope. Other keys: id, description (contains, any case), userToId, type (expense type id). Order is by id. Campo answers the full list envelope (the documented example shows only entityList).',
    querystring: ListQuery,
    list: true,
    example: listExample(expenseExample, 'Expenses'),
    response: ListEnvelope(Expense),
    handler: async ({ auth, query, baseUrl }) => {
      const r = await svc.list(auth, query);
      return listResult({ items: r.items, totalItems: r.total, paging: r.paging, resource: 'Expenses', filterText: r.filterText, baseUrl });
    },
  });

  route({
    method: 'POST',
    url: '/v2/expenses',
    operationId: 'createExpense',
    tags,
    summary: 'Add a new expense',
    description:
      '`date` is also accepted as `expenseDate`; `amount` as a number or a decimal string. `attachment` is one file as bare base64 (its type is detected from the content). The user (`userToId`) and the expense type (`typeId`) must exist (400 otherwise). Read-only keys of the documented example body (id, userToName, typeName, attachmentUrl, creationDate) are ignored.',
    body: ExpenseCreate,
    response: Expense,
    example: expenseExample,
    handler: async ({ auth, body }) => svc.create(auth, body),
  });

  route({
    method: 'PATCH',
    url: '/v2/expenses/:id',
    operationId: 'patchExpense',
    tags,
    summary: 'Edit an expense (JSON Patch)',
    description:
      'Paths: userToId, typeId, expenseDate (or date), dateEdition (stored, not shown), amount, description, attachment (a new file replaces the previous one).',
    params: IdParams,
    body: JsonPatchBody,
    response: Expense,
    example: expenseExample,
    handler: async ({ auth, params, body }) => svc.patch(auth, parseId(params.id), body),
  });

  route({
    method: 'PUT',
    url: '/v2/expenses/:id/attachments',
    operationId: 'putExpenseAttachment',
    tags,
    summary: 'Edit the attachment of an expense',
    description:
      'An expense has one file: the new `attachment` replaces the previous one whether `deleteAttachment` is true or false. Answers the expense with its new `attachmentUrl`.',
    params: IdParams,
    body: ExpenseAttachmentBody,
    response: Expense,
    example: expenseExample,
    handler: async ({ auth, params, body }) => svc.putAttachment(auth, parseId(params.id), body),
  });

  route({
    method: 'DELETE',
    url: '/v2/expenses/:id',
    operationId: 'deleteExpense',
    tags,
    summary: 'Delete an expense',
    description: 'Removes the expense and its file.',
    params: IdParams,
    handler: async ({ auth, params }) => {
      await svc.remove(auth, parseId(params.id));
      return undefined;
    },
  });
}

export const expensesModule: Module<'expenses'> = {
  name: 'expenses',
  createService: (deps, services) => new ExpensesService(deps, services),
  registerRoutes: registerExpenseRoutes,
};
