// Quotations, tickets and projects (service orders) (issue 6), with the catalogues they point
// to that the blueprint never exposes: quotation stages, ticket statuses, request types and
// custom fields.
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
    const table = (name: string) =>
      db.schema
        .createTable(name)
        .addColumn('id', 'integer', identity(dialect))
        .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'));

    // ---- Quotations --------------------------------------------------------------------
    await table('quotation_stages')
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('change_stock', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_cancelled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('edit_allowed', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('quotation_stages', 'id');

    await table('quotations')
      .addColumn('customer_id', 'integer', (c) => c.notNull())
      .addColumn('task_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('requester_user_id', 'integer', (c) => c.notNull())
      .addColumn('observations', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('request_date', 'text', (c) => c.notNull())
      .addColumn('discount_type', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('discount_value', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('stage_id', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('quotations', 'id');
    await index('quotations', 'request_date');
    await index('quotations', 'customer_id');

    await table('quotation_items')
      .addColumn('quotation_id', 'integer', (c) => c.notNull().references('quotations.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('quantity', dbl, (c) => c.notNull())
      .addColumn('unitary_value', dbl, (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await index('quotation_items', 'quotation_id', 'kind');
    await index('quotation_items', 'kind', 'ref');

    await table('quotation_contacts')
      .addColumn('quotation_id', 'integer', (c) => c.notNull().references('quotations.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('job', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('phone_number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await index('quotation_contacts', 'quotation_id');

    await table('quotation_alterations')
      .addColumn('quotation_id', 'integer', (c) => c.notNull().references('quotations.id').onDelete('cascade'))
      .addColumn('column_name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('observations', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('value', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await index('quotation_alterations', 'quotation_id');

    // ---- Tickets -----------------------------------------------------------------------
    await table('ticket_statuses')
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('status_type', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await index('ticket_statuses', 'id');

    await table('ticket_request_types')
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await index('ticket_request_types', 'id');

    await table('ticket_custom_fields')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('field_type', 'text', (c) => c.notNull())
      .addColumn('field_visibility', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await index('ticket_custom_fields', 'id');

    await table('ticket_custom_field_choices')
      .addColumn('field_id', 'integer', (c) => c.notNull().references('ticket_custom_fields.id').onDelete('cascade'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await index('ticket_custom_field_choices', 'field_id');

    await table('tickets')
      .addColumn('origin', 'integer', (c) => c.notNull())
      .addColumn('team_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('creator_user_id', 'integer', (c) => c.notNull())
      .addColumn('responsible_user_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('equipment_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('request_type_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('priority', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('status_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status_type', 'integer', (c) => c.notNull())
      .addColumn('end_date', 'text')
      .addColumn('email_message_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('requester_email', 'text', (c) => c.notNull())
      .addColumn('requester_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('tickets', 'created_at');
    await index('tickets', 'id');

    await table('ticket_tasks')
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('task_id', 'integer', (c) => c.notNull())
      .execute();
    await index('ticket_tasks', 'ticket_id');
    await index('ticket_tasks', 'task_id');

    await table('ticket_custom_values')
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('field_id', 'integer', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await index('ticket_custom_values', 'ticket_id');

    await table('ticket_alterations')
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('alteration_type', 'integer', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('from_value', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('to_value', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('helper', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('from_description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('to_description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('helper_description', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await index('ticket_alterations', 'ticket_id');

    await table('ticket_interactions')
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('interaction_type', 'text', (c) => c.notNull())
      .addColumn('email_message_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('email_contact', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('email_contact_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('email_reference', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await index('ticket_interactions', 'ticket_id');

    await table('ticket_status_periods')
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('check_in', 'text', (c) => c.notNull())
      .addColumn('check_out', 'text')
      .execute();
    await index('ticket_status_periods', 'ticket_id');

    // ---- Projects (service orders) -----------------------------------------------------
    await table('project_statuses')
      .addColumn('guid', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await index('project_statuses', 'id');

    await table('projects')
      .addColumn('guid', 'text', (c) => c.notNull().unique())
      .addColumn('external_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('customer_id', 'integer', (c) => c.notNull())
      .addColumn('status_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('task_type_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('default_questionnaire_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('default_responsible_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('priority', 'integer', (c) => c.notNull())
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      .addColumn('discount_type', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('discount_value', dbl, (c) => c.notNull().defaultTo(0))
      .addColumn('recurrence', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await index('projects', 'id');
    await index('projects', 'customer_id');

    await table('project_links')
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await index('project_links', 'project_id', 'kind');
    await index('project_links', 'kind', 'ref_id');
  };
}
