import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// Names and descriptions are free text (up to 20,000 characters for descriptions). A btree entry
// of PostgreSQL holds at most about 2.7 kB, so such values failed the write ("index row requires
// N bytes"). These columns are only searched by "contains" (ILIKE '%x%'), which no btree serves;
// each table keeps its (account_id, id) index for listing.
const FREE_TEXT_INDEXES = [
  'task_types_description',
  'expense_types_description',
  'equipment_categories_description',
  'product_categories_description',
  'additional_costs_name',
  'services_title',
  'equipments_name',
  'products_name',
];

export function up(_dialect: DialectName) {
  return async (db: Kysely<any>): Promise<void> => {
    for (const name of FREE_TEXT_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
  };
}
