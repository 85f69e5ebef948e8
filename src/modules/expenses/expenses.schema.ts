import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';

const Amount = Type.Union([Type.Number(), Type.String()], { description: 'Decimal: 497827, 12.5, "12,50"' });
const LocalDate = Type.String({ minLength: 1, description: 'yyyy-MM-ddTHH:mm:ss (server time zone)' });
const Attachment = Type.String({ description: 'One file as bare base64 (or a data URI); its type is detected from the content' });

// The POST example and schema carry the whole entity (id, userToName, typeName, attachmentUrl,
// creationDate): those read-only keys are not declared and so are ignored (inventory 7 #34).
export const ExpenseCreate = Type.Object(
  {
    userToId: Type.Integer({ description: 'The employee the expense belongs to' }),
    typeId: Type.Integer({ description: 'Expense type id' }),
    // PATCH calls it `expenseDate`: accepted on every write (inventory 7 #34).
    date: Type.String({ ...LocalDate, ...aliases('expenseDate') }),
    amount: Amount,
    description: Type.Optional(Type.String()),
    attachment: Type.Optional(Attachment),
  },
  { $id: 'ExpenseCreate' },
);
export type ExpenseCreate = Static<typeof ExpenseCreate>;

/** PATCH paths (E4). An empty `attachment` leaves the file as it is. */
export const ExpensePatchable = Type.Object(
  {
    userToId: Type.Integer(),
    typeId: Type.Integer(),
    expenseDate: Type.String({ ...LocalDate, ...aliases('date') }),
    dateEdition: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss; kept, not shown in responses' }),
    amount: Amount,
    description: Type.String(),
    attachment: Attachment,
  },
  { $id: 'ExpensePatchable' },
);

export const ExpenseAttachmentBody = Type.Object(
  {
    deleteAttachment: Type.Optional(
      Type.Boolean({ description: 'Remove the previous file first (it is replaced either way: one file per expense)' }),
    ),
    // Required, but checked after the path id so that a bad id answers the invalid-id map first.
    attachment: Type.Optional(Attachment),
  },
  { $id: 'ExpenseAttachment' },
);
export type ExpenseAttachmentBody = Static<typeof ExpenseAttachmentBody>;

/** The same in GET, list, POST, PATCH and attachment responses (inventory 3.14). */
export const Expense = Type.Object(
  {
    id: Type.Integer(),
    description: Type.String(),
    userToId: Type.Integer(),
    userToName: Type.String({ description: 'The user\'s name ("" once the user is deleted)' }),
    typeId: Type.Integer(),
    typeName: Type.String({ description: 'The expense type\'s description ("" once it is deleted)' }),
    date: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss' }),
    attachmentUrl: Type.String({ description: 'URL of the file, "" when there is none' }),
    creationDate: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss' }),
    amount: Type.Number(),
  },
  { $id: 'Expense' },
);
export type ExpenseDto = Static<typeof Expense>;

/** paramFilter keys of GET /expenses/ (inventory 4.5); startDate and endDate are required. */
export const ExpenseFilter = Type.Object({
  id: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
  description: Type.Optional(Type.String({ description: 'contains, any case' })),
  startDate: Type.Optional(Type.String({ description: 'yyyy-MM-ddTHH:mm:ss or yyyy-MM-dd (required)' })),
  endDate: Type.Optional(Type.String({ description: 'yyyy-MM-ddTHH:mm:ss or yyyy-MM-dd, inclusive (required)' })),
  userToId: Type.Optional(Type.Integer()),
  type: Type.Optional(Type.Integer({ description: 'Expense type id' })),
});
export type ExpenseFilter = Static<typeof ExpenseFilter>;

export const expenseExample: ExpenseDto = {
  id: 23,
  description: 'expense',
  userToId: 123,
  userToName: 'user 123',
  typeId: 456,
  typeName: 'expense type name',
  date: '2016-03-23T14:10:35',
  attachmentUrl: 'https://campo.example.com/campo/v1/files/3bq0kQ9m2Zf7YxVt1nWcR4eHs8uLdA6p/expense.jpg',
  creationDate: '2016-03-23T14:11:31',
  amount: 497827,
};
