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
}
