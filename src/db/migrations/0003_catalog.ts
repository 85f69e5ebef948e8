// The catalog (issue 4): task types, questionnaires, expense types and expenses, equipment and
// product categories, equipments, products with employee stock, services, additional costs.
import type { Kysely } from 'kysely';
import { type DialectName, doubleType, identity } from '../dialect.js';

export function up(dialect: DialectName) {
  return async (db: Kysely<any>): Promise<void> => {
    const dbl = doubleType(dialect);
    const index = async (table: string, ...cols: string[]) => {
      await db.schema
        .createIndex(`${table}_${cols.join('_')}`)
        .on(table)
        .columns(['account_id', ...cols])
        .execute();
    };

    await db.schema
      .createTable('task_types')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('creator_id', 'integer', (c) => c.notNull())
      .addColumn('standard_time', 'text', (c) => c.notNull().defaultTo('00:00:00'))
      .addColumn('tolerance_time', 'text', (c) => c.notNull().defaultTo('00:00:00'))
      .addColumn('standard_questionnaire_id', 'integer')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('send_satisfaction_survey', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('requirements', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('task_types', 'id');
    await index('task_types', 'description');

    await db.schema
      .createTable('questionnaires')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('header', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('footer', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('questionnaires', 'id');

    await db.schema
      .createTable('questionnaire_questions')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('questionnaires.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('answer_type', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('sub_title', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('required_answer', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await index('questionnaire_questions', 'questionnaire_id', 'position');

    await db.schema
      .createTable('expense_types')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('creator_id', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('expense_types', 'id');
    await index('expense_types', 'description');

    await db.schema
      .createTable('expenses')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('user_to_id', 'integer', (c) => c.notNull())
      .addColumn('type_id', 'integer', (c) => c.notNull())
      .addColumn('expense_date', 'text', (c) => c.notNull())
      .addColumn('amount', dbl, (c) => c.notNull())
      .addColumn('edited_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('expenses', 'expense_date');
    await index('expenses', 'user_to_id', 'expense_date');
    await index('expenses', 'type_id', 'expense_date');

    for (const table of ['equipment_categories', 'product_categories']) {
      await db.schema
        .createTable(table)
        .addColumn('id', 'integer', identity(dialect))
        .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await index(table, 'id');
      await index(table, 'description');
      await index(table, 'external_id');
    }

    await db.schema
      .createTable('equipments')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('external_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('parent_equipment_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('associated_customer_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('associated_user_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('category_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('identifier', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('url_image', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('expiration_date', 'text')
      .addColumn('warranty_start_date', 'text')
      .addColumn('warranty_end_date', 'text')
      .addColumn('specifications', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('equipments', 'id');
    await index('equipments', 'name');
    await index('equipments', 'external_id');
    await index('equipments', 'parent_equipment_id');
    await index('equipments', 'associated_customer_id');
    await index('equipments', 'associated_user_id');
    await index('equipments', 'category_id');
    await index('equipments', 'identifier');
    await index('equipments', 'active');

    await db.schema
      .createTable('products')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('guid', 'text', (c) => c.notNull().unique())
      .addColumn('external_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('category_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('associated_equipment_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unitary_value', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('unitary_cost', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('minimum_stock', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('total_stock', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('specifications', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('products', 'id');
    await index('products', 'name');
    await index('products', 'external_id');
    await index('products', 'associated_equipment_id');
    await index('products', 'category_id');
    await index('products', 'active');
    await index('products', 'total_stock', 'minimum_stock');

    await db.schema
      .createTable('product_stocks')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('amount', dbl, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('product_stocks_product_user', ['product_id', 'user_id'])
      .execute();
    await index('product_stocks', 'product_id');

    await db.schema
      .createTable('product_stock_movements')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
      .addColumn('stock_id', 'integer', (c) => c.notNull().references('product_stocks.id').onDelete('cascade'))
      .addColumn('operation_user_id', 'integer', (c) => c.notNull())
      .addColumn('stock_user_id', 'integer', (c) => c.notNull())
      .addColumn('amount', dbl, (c) => c.notNull())
      .addColumn('unitary_value', dbl, (c) => c.notNull())
      .addColumn('unitary_cost', dbl, (c) => c.notNull())
      .addColumn('entry', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await index('product_stock_movements', 'stock_id', 'id');

    await db.schema
      .createTable('services')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('guid', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('price', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('fiscal_service_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('services', 'id');
    await index('services', 'title');
    await index('services', 'price');
    await index('services', 'active');
    await index('services', 'fiscal_service_id');

    await db.schema
      .createTable('additional_costs')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('guid', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unitary_value', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('additional_costs', 'id');
    await index('additional_costs', 'name');
    await index('additional_costs', 'active');
  };
}
