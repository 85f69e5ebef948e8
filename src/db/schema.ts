// The table interfaces: the only database typings. Instants are ISO-8601 UTC strings;
// booleans are 0/1 integers (portable between SQLite and PostgreSQL); JSON is stored as text.
import type { Generated } from 'kysely';

export interface AccountsTable {
  id: Generated<number>;
  name: string;
  api_key: string;
  api_token_hash: string;
  admin_user_id: number | null;
  created_at: string;
  deleted_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: Generated<number>;
  account_id: number;
  external_id: string;
  name: string;
  smartphone_number: string;
  login: string;
  login_key: string;
  email: string;
  culture: string;
  job_position: string;
  enterprise: string;
  user_type: number;
  password_hash: string;
  work_days_of_week: string;
  start_work_hour: string;
  end_work_hour: string;
  start_lunch_hour: string;
  end_lunch_hour: string;
  hour_value: number;
  picture_url: string;
  address: string;
  latitude: number;
  longitude: number;
  open_task_in_place: number;
  grab_gallery_photos: number;
  gps_frequency: number;
  check_in_manual: number;
  check_out_manual: number;
  unavailable_for_tasks: number;
  edit_task_after_checkout: number;
  inform_start_travel: number;
  change_base_point: number;
  notifications: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ChangeEventsTable {
  seq: Generated<number>;
  account_id: number;
  entity: string;
  entity_id: string;
  action: string;
  user_id: number | null;
  occurred_at: string;
  snapshot: string | null;
}

export interface FilesTable {
  id: Generated<number>;
  account_id: number;
  key: string;
  owner_entity: string;
  owner_id: string;
  name: string;
  content_type: string;
  size: number;
  data: Buffer;
  inserted_by_api: number;
  inserted_by_user_id: number | null;
  created_at: string;
}

export interface CustomersTable {
  id: Generated<number>;
  account_id: number;
  external_id: string;
  name: string;
  cpf_cnpj: string;
  /** JSON array of strings. */
  phone_numbers: string;
  /** JSON array of strings. */
  emails: string;
  manager: string;
  manager_job_position: string;
  note: string;
  address: string;
  latitude: number;
  longitude: number;
  maximum_visit_time: number;
  unit_maximum_time: number;
  segment_id: number | null;
  active: number;
  address_complement: string;
  created_at: string;
  updated_at: string;
}

export interface CustomerContactsTable {
  id: Generated<number>;
  account_id: number;
  customer_id: number;
  name: string;
  email: string;
  job_position: string;
  phone: string;
}

export interface CustomerManagersTable {
  customer_id: number;
  /** 0 = user (managersId), 1 = team (managerTeamsId). */
  kind: number;
  ref_id: number;
  account_id: number;
}

export interface CustomerGroupsTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface CustomerGroupMembersTable {
  group_id: number;
  customer_id: number;
  account_id: number;
}

export interface TeamsTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface TeamMembersTable {
  team_id: number;
  /** 0 = participant (teamUsers), 1 = manager (teamManagers). */
  role: number;
  user_id: number;
  account_id: number;
}

export interface SegmentsTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface KeywordsTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  created_at: string;
  updated_at: string;
}

// ---- Catalog (migration 0003) -------------------------------------------------------------

export interface TaskTypesTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  creator_id: number;
  standard_time: string;
  tolerance_time: string;
  standard_questionnaire_id: number | null;
  active: number;
  send_satisfaction_survey: number;
  requirements: string;
  created_at: string;
  updated_at: string;
}

export interface QuestionnairesTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  header: string;
  footer: string;
  created_at: string;
  updated_at: string;
}

export interface QuestionnaireQuestionsTable {
  id: Generated<number>;
  account_id: number;
  questionnaire_id: number;
  position: number;
  answer_type: number;
  description: string;
  sub_title: string;
  required_answer: number;
  created_at: string;
}

export interface ExpenseTypesTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  creator_id: number;
  created_at: string;
  updated_at: string;
}

export interface ExpensesTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  user_to_id: number;
  type_id: number;
  expense_date: string;
  amount: number;
  edited_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CategoriesTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  external_id: string;
  created_at: string;
  updated_at: string;
}

export interface EquipmentsTable {
  id: Generated<number>;
  account_id: number;
  external_id: string;
  parent_equipment_id: number;
  associated_customer_id: number;
  associated_user_id: number;
  category_id: number;
  name: string;
  description: string;
  identifier: string;
  url_image: string;
  active: number;
  expiration_date: string | null;
  warranty_start_date: string | null;
  warranty_end_date: string | null;
  specifications: string;
  created_at: string;
  updated_at: string;
}

export interface ProductsTable {
  id: Generated<number>;
  account_id: number;
  guid: string;
  external_id: string;
  name: string;
  description: string;
  category_id: number;
  associated_equipment_id: number;
  unitary_value: number;
  unitary_cost: number;
  minimum_stock: number;
  total_stock: number;
  active: number;
  specifications: string;
  created_at: string;
  updated_at: string;
}

export interface ProductStocksTable {
  id: Generated<number>;
  account_id: number;
  product_id: number;
  user_id: number;
  amount: number;
  created_at: string;
  updated_at: string;
}

export interface ProductStockMovementsTable {
  id: Generated<number>;
  account_id: number;
  product_id: number;
  stock_id: number;
  operation_user_id: number;
  stock_user_id: number;
  amount: number;
  unitary_value: number;
  unitary_cost: number;
  entry: number;
  created_at: string;
}

export interface ServicesTable {
  id: Generated<number>;
  account_id: number;
  guid: string;
  title: string;
  description: string;
  price: number;
  active: number;
  fiscal_service_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface AdditionalCostsTable {
  id: Generated<number>;
  account_id: number;
  guid: string;
  name: string;
  unitary_value: number;
  active: number;
  created_at: string;
  updated_at: string;
}

// ---- Webhooks (migration 0004) ------------------------------------------------------------

export interface WebhooksTable {
  id: Generated<number>;
  account_id: number;
  /** 0 = every event; otherwise only events involving this user. */
  user_id: number;
  /** Canonical entity name ('User', 'Equipment', ...), or the name as registered when it has no code. */
  entity: string;
  /** Lower-case entity name, matched against the change log's entity. */
  entity_key: string;
  action: string;
  url: string;
  /** The URL normalised (WHATWG href), for the duplicate check. */
  url_key: string;
  auth_header: string | null;
  secret: string | null;
  active: number;
  created_at: string;
  deleted_at: string | null;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  account_id: number;
  webhook_id: number;
  /** account id + normalised target URL: events of one entity reach one receiver in commit order. */
  target_key: string;
  event_seq: number;
  entity: string;
  entity_key: string;
  entity_id: string;
  action: string;
  /** pending, delivered, dead or cancelled. */
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  lease_until: string | null;
  lease_owner: string | null;
  body: string;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  last_status: number | null;
  last_error: string | null;
  replay_of: number | null;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  account_id: number;
  attempt_no: number;
  started_at: string;
  duration_ms: number;
  url: string;
  /** JSON object; Authorization redacted. */
  request_headers: string;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  /** delivered or failed. */
  outcome: string;
}

// ---- Tasks (migration 0005) ---------------------------------------------------------------

export interface TasksTable {
  id: Generated<number>;
  account_id: number;
  /** Public identifier behind `taskUrl` and `survey`. */
  guid: string;
  /** The `chave` of `taskUrl`. */
  url_key: string;
  external_id: string;
  task_type_id: number | null;
  user_from_id: number;
  user_to_id: number | null;
  team_id: number | null;
  customer_id: number | null;
  questionnaire_id: number | null;
  task_date: string;
  latitude: number;
  longitude: number;
  address: string;
  orientation: string;
  priority: number;
  checkin_type: number;
  /** JSON array of keyword ids (kept in order; task_keywords indexes them). */
  keywords: string;
  /** JSON array of equipment ids. */
  equipment_ids: string;
  send_survey: number;
  financial_category: string;
  discount_type: number;
  discount_value: number;
  /** taskStatus: 1 opened, 2 in displacement, 3 checked in, 4 checked out, 5 finished, 6 paused. */
  status: number;
  delivered_at: string | null;
  visualized_at: string | null;
  travel_started_at: string | null;
  check_in_at: string | null;
  check_in_distance: number;
  check_out_at: string | null;
  check_out_distance: number;
  paused_at: string | null;
  paused_ms: number;
  finished: number;
  /** 0 not finished, 1 automatically (on check-out), 2 manually (back office). */
  finish_mode: number;
  finished_at: string | null;
  report: string;
  pendency: string;
  inputed_km: number;
  adopted_km: number;
  signature_url: string;
  signature_name: string;
  signature_document: string;
  /** JSON: questionnaire answers as recorded by the field simulator. */
  answers: string;
  expense: number;
  deleted: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface TaskKeywordsTable {
  task_id: number;
  keyword_id: number;
}

export interface TaskLinesTable {
  id: Generated<number>;
  account_id: number;
  task_id: number;
  /** product, service or cost. */
  kind: string;
  item_guid: string;
  quantity: number;
  unitary_value: number;
  discount_type: number;
  discount_value: number;
  user_id: number;
  created_at: string;
  updated_at: string;
}

export interface GpsPositionsTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  position_at: string;
  latitude: number;
  longitude: number;
  accuracy: number;
  battery_level: number;
  network_operator: string;
  created_at: string;
}

export interface SurveyAnswersTable {
  id: Generated<number>;
  account_id: number;
  task_id: number;
  submission: number;
  item_id: string;
  question: string;
  answer: string;
  score: number;
  email: string;
  answered_at: string;
}

// ---- Quotations, tickets, projects (migration 0006) --------------------------------------

export interface QuotationStagesTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  position: number;
  change_stock: number;
  is_cancelled: number;
  edit_allowed: number;
  created_at: string;
  updated_at: string;
}

export interface QuotationsTable {
  id: Generated<number>;
  account_id: number;
  customer_id: number;
  /** 0 = no task. */
  task_id: number;
  requester_user_id: number;
  observations: string;
  request_date: string;
  /** 0 monetary value, 1 percentage. */
  discount_type: number;
  discount_value: number;
  stage_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface QuotationItemsTable {
  id: Generated<number>;
  account_id: number;
  quotation_id: number;
  /** product (ref = product code), service (ref = GUID) or cost (ref = additional-cost code). */
  kind: string;
  ref: string;
  quantity: number;
  unitary_value: number;
  description: string;
  position: number;
}

export interface QuotationContactsTable {
  id: Generated<number>;
  account_id: number;
  quotation_id: number;
  name: string;
  job: string;
  email: string;
  phone_number: string;
  position: number;
}

export interface QuotationAlterationsTable {
  id: Generated<number>;
  account_id: number;
  quotation_id: number;
  column_name: string;
  type: string;
  user_id: number;
  occurred_at: string;
  observations: string;
  value: string;
}

export interface TicketStatusesTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  /** 1 Normal ... 7 AguardandoCliente (the list's `Status` filter). */
  status_type: number;
  created_at: string;
}

export interface TicketRequestTypesTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  created_at: string;
}

export interface TicketCustomFieldsTable {
  id: Generated<number>;
  account_id: number;
  position: number;
  title: string;
  field_type: string;
  field_visibility: string;
  description: string;
  is_primary: number;
  required: number;
  removed: number;
  created_at: string;
}

export interface TicketCustomFieldChoicesTable {
  id: Generated<number>;
  account_id: number;
  field_id: number;
  description: string;
  position: number;
  removed: number;
  created_at: string;
}

export interface TicketsTable {
  id: Generated<number>;
  account_id: number;
  /** 1 Email, 2 Interno, 3 PaginaSolicitacao. */
  origin: number;
  team_id: number;
  creator_user_id: number;
  responsible_user_id: number;
  title: string;
  customer_id: number;
  equipment_id: number;
  request_type_id: number;
  /** 1 high, 2 medium, 3 low. */
  priority: number;
  description: string;
  status_id: number;
  status_type: number;
  end_date: string | null;
  email_message_id: string;
  requester_email: string;
  requester_name: string;
  created_at: string;
  updated_at: string;
}

export interface TicketTasksTable {
  id: Generated<number>;
  account_id: number;
  ticket_id: number;
  task_id: number;
}

export interface TicketCustomValuesTable {
  id: Generated<number>;
  account_id: number;
  ticket_id: number;
  field_id: number;
  value: string;
}

export interface TicketAlterationsTable {
  id: Generated<number>;
  account_id: number;
  ticket_id: number;
  alteration_type: number;
  occurred_at: string;
  user_id: number;
  from_value: string;
  to_value: string;
  helper: string;
  from_description: string;
  to_description: string;
  helper_description: string;
}

export interface TicketInteractionsTable {
  id: Generated<number>;
  account_id: number;
  ticket_id: number;
  created_at: string;
  user_id: number;
  title: string;
  message: string;
  interaction_type: string;
  email_message_id: string;
  email_contact: string;
  email_contact_name: string;
  email_reference: string;
}

export interface TicketStatusPeriodsTable {
  id: Generated<number>;
  account_id: number;
  ticket_id: number;
  description: string;
  check_in: string;
  check_out: string | null;
}

export interface ProjectStatusesTable {
  id: Generated<number>;
  account_id: number;
  guid: string;
  description: string;
  created_at: string;
}

export interface ProjectsTable {
  id: Generated<number>;
  account_id: number;
  guid: string;
  external_id: string;
  customer_id: number;
  status_id: number;
  description: string;
  task_type_id: number;
  default_questionnaire_id: number;
  default_responsible_id: number;
  priority: number;
  /** yyyy-MM-dd (a calendar date, no zone). */
  start_date: string | null;
  end_date: string | null;
  discount_type: number;
  discount_value: number;
  /** JSON text, or null. */
  recurrence: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectLinksTable {
  id: Generated<number>;
  account_id: number;
  project_id: number;
  /** keyword, equipment or task. */
  kind: string;
  ref_id: number;
  position: number;
}

export interface AdminSnapshotsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  records: number;
  created_at: string;
  /** The snapshot document (JSON text). */
  body: string;
}

// ---- Financial (migration 0016) -----------------------------------------------------------

/** financial_categories and payment_methods. */
export interface FinancialCatalogTable {
  id: Generated<number>;
  account_id: number;
  description: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface InvoicesTable {
  id: Generated<number>;
  account_id: number;
  customer_id: number;
  description: string;
  /** yyyy-MM-dd */
  issue_date: string;
  due_date: string | null;
  financial_category_id: number | null;
  discount: number;
  created_at: string;
  updated_at: string;
}

/** The tasks and service orders of an invoice, with their totals when invoiced. */
export interface InvoiceItemsTable {
  id: Generated<number>;
  invoice_id: number;
  position: number;
  /** 'Task' or 'ServiceOrder' */
  source: string;
  source_id: number;
  description: string;
  total_products: number;
  total_services: number;
  total_additional_costs: number;
  total_value: number;
}

export interface ReceivablesTable {
  id: Generated<number>;
  account_id: number;
  customer_id: number;
  invoice_id: number | null;
  description: string;
  amount: number;
  due_date: string;
  payment_method_id: number | null;
  financial_category_id: number | null;
  paid: number;
  payment_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface DB {
  accounts: AccountsTable;
  settings: SettingsTable;
  users: UsersTable;
  change_events: ChangeEventsTable;
  files: FilesTable;
  customers: CustomersTable;
  customer_contacts: CustomerContactsTable;
  customer_managers: CustomerManagersTable;
  customer_groups: CustomerGroupsTable;
  customer_group_members: CustomerGroupMembersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  segments: SegmentsTable;
  keywords: KeywordsTable;
  task_types: TaskTypesTable;
  questionnaires: QuestionnairesTable;
  questionnaire_questions: QuestionnaireQuestionsTable;
  expense_types: ExpenseTypesTable;
  expenses: ExpensesTable;
  equipment_categories: CategoriesTable;
  product_categories: CategoriesTable;
  equipments: EquipmentsTable;
  products: ProductsTable;
  product_stocks: ProductStocksTable;
  product_stock_movements: ProductStockMovementsTable;
  services: ServicesTable;
  additional_costs: AdditionalCostsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  tasks: TasksTable;
  task_keywords: TaskKeywordsTable;
  task_lines: TaskLinesTable;
  gps_positions: GpsPositionsTable;
  survey_answers: SurveyAnswersTable;
  quotation_stages: QuotationStagesTable;
  quotations: QuotationsTable;
  quotation_items: QuotationItemsTable;
  quotation_contacts: QuotationContactsTable;
  quotation_alterations: QuotationAlterationsTable;
  ticket_statuses: TicketStatusesTable;
  ticket_request_types: TicketRequestTypesTable;
  ticket_custom_fields: TicketCustomFieldsTable;
  ticket_custom_field_choices: TicketCustomFieldChoicesTable;
  tickets: TicketsTable;
  ticket_tasks: TicketTasksTable;
  ticket_custom_values: TicketCustomValuesTable;
  ticket_alterations: TicketAlterationsTable;
  ticket_interactions: TicketInteractionsTable;
  ticket_status_periods: TicketStatusPeriodsTable;
  project_statuses: ProjectStatusesTable;
  projects: ProjectsTable;
  project_links: ProjectLinksTable;
  admin_snapshots: AdminSnapshotsTable;
  financial_categories: FinancialCatalogTable;
  payment_methods: FinancialCatalogTable;
  invoices: InvoicesTable;
  invoice_items: InvoiceItemsTable;
  receivables: ReceivablesTable;
}
