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

export interface DB {
  accounts: AccountsTable;
  settings: SettingsTable;
  users: UsersTable;
  change_events: ChangeEventsTable;
}
