// The financial module the live Auvo service has beyond its blueprint (D16): account catalogs of
// financial categories and payment methods, invoices for a customer built from tasks and
// service orders (their totals kept as they were when invoiced), and receivables.
import type { Kysely } from 'kysely';
import { type DialectName, doubleType, identity } from '../dialect.js';

export function up(dialect: DialectName) {
  return async (db: Kysely<any>): Promise<void> => {
    const dbl = doubleType(dialect);
    const table = (name: string) =>
      db.schema
        .createTable(name)
        .addColumn('id', 'integer', identity(dialect))
        .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'));
    const index = async (name: string, ...cols: string[]) => {
      await db.schema
        .createIndex(`${name}_${cols.join('_')}`)
        .on(name)
        .columns(['account_id', ...cols])
        .execute();
    };

    for (const name of ['financial_categories', 'payment_methods']) {
      await table(name)
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await index(name, 'id');
    }

    await table('invoices')
      .addColumn('customer_id', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('issue_date', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text')
      .addColumn('financial_category_id', 'integer')
      .addColumn('discount', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('invoices', 'id');
    await index('invoices', 'customer_id');

    await db.schema
      .createTable('invoice_items')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_id', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('total_products', dbl, (c) => c.notNull())
      .addColumn('total_services', dbl, (c) => c.notNull())
      .addColumn('total_additional_costs', dbl, (c) => c.notNull())
      .addColumn('total_value', dbl, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('invoice_items_invoice').on('invoice_items').columns(['invoice_id', 'position']).execute();
    await db.schema.createIndex('invoice_items_source').on('invoice_items').columns(['source', 'source_id']).execute();

    await table('receivables')
      .addColumn('customer_id', 'integer', (c) => c.notNull())
      .addColumn('invoice_id', 'integer')
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('amount', dbl, (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('payment_method_id', 'integer')
      .addColumn('financial_category_id', 'integer')
      .addColumn('paid', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('payment_date', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('receivables', 'id');
    await index('receivables', 'due_date');
    await index('receivables', 'invoice_id');
  };
}
