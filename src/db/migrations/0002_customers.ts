// Files (the shared attachment store), customers with their contacts and links, customer
// groups, teams, segments and keywords (issue 3).
import type { Kysely } from 'kysely';
import { blobType, type DialectName, doubleType, identity } from '../dialect.js';

export function up(dialect: DialectName) {
  return async (db: Kysely<any>): Promise<void> => {
    await db.schema
      .createTable('files')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('owner_entity', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('data', blobType(dialect), (c) => c.notNull())
      .addColumn('inserted_by_api', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('inserted_by_user_id', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('files_owner').on('files').columns(['account_id', 'owner_entity', 'owner_id', 'id']).execute();

    await db.schema
      .createTable('segments')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('segments_account_id').on('segments').columns(['account_id', 'id']).execute();

    await db.schema
      .createTable('keywords')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('keywords_account_id').on('keywords').columns(['account_id', 'id']).execute();

    await db.schema
      .createTable('teams')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('teams_account_id').on('teams').columns(['account_id', 'id']).execute();

    // role 0 = participant (teamUsers), 1 = manager (teamManagers).
    await db.schema
      .createTable('team_members')
      .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('role', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('account_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'role', 'user_id'])
      .execute();

    await db.schema
      .createTable('customers')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('external_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('cpf_cnpj', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('phone_numbers', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('emails', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('manager', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('manager_job_position', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('latitude', doubleType(dialect), (c) => c.notNull().defaultTo(0))
      .addColumn('longitude', doubleType(dialect), (c) => c.notNull().defaultTo(0))
      .addColumn('maximum_visit_time', doubleType(dialect), (c) => c.notNull().defaultTo(0))
      .addColumn('unit_maximum_time', doubleType(dialect), (c) => c.notNull().defaultTo(0))
      .addColumn('segment_id', 'integer')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('address_complement', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // One index per documented list filter, each ending in id so the page order needs no sort.
    await db.schema.createIndex('customers_account_id').on('customers').columns(['account_id', 'id']).execute();
    await db.schema.createIndex('customers_account_external').on('customers').columns(['account_id', 'external_id', 'id']).execute();
    await db.schema.createIndex('customers_account_segment').on('customers').columns(['account_id', 'segment_id', 'id']).execute();
    await db.schema.createIndex('customers_account_active').on('customers').columns(['account_id', 'active', 'id']).execute();
    await db.schema.createIndex('customers_account_created').on('customers').columns(['account_id', 'created_at']).execute();
    await db.schema.createIndex('customers_account_updated').on('customers').columns(['account_id', 'updated_at']).execute();

    await db.schema
      .createTable('customer_contacts')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('job_position', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('customer_contacts_customer').on('customer_contacts').columns(['customer_id', 'id']).execute();

    // managersId (users) and managerTeamsId (teams) of a customer; kind 0 = user, 1 = team.
    await db.schema
      .createTable('customer_managers')
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('kind', 'integer', (c) => c.notNull())
      .addColumn('ref_id', 'integer', (c) => c.notNull())
      .addColumn('account_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_managers_pk', ['customer_id', 'kind', 'ref_id'])
      .execute();

    await db.schema
      .createTable('customer_groups')
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('customer_groups_account_id').on('customer_groups').columns(['account_id', 'id']).execute();

    await db.schema
      .createTable('customer_group_members')
      .addColumn('group_id', 'integer', (c) => c.notNull().references('customer_groups.id').onDelete('cascade'))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('account_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_group_members_pk', ['group_id', 'customer_id'])
      .execute();
    await db.schema
      .createIndex('customer_group_members_customer')
      .on('customer_group_members')
      .columns(['customer_id', 'group_id'])
      .execute();
  };
}
