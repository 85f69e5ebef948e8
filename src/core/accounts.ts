// Accounts are the tenants: every row belongs to one, and the API credentials (apiKey +
// apiToken) of its administrator open it. Tokens are kept only as HMAC-SHA256 digests.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AccountsTable, DB } from '../db/schema.js';
import type { Clock } from './clock.js';
import type { Ids } from './ids.js';

export interface Account {
  id: number;
  name: string;
  apiKey: string;
  adminUserId: number;
  createdAt: string;
}

export interface NewAccount extends Account {
  /** Shown once, never stored in clear. */
  apiToken: string;
}

/**
 * Prepares the account's administrator user (the slow part, hashing, happens here, outside any
 * transaction) and returns what inserts it inside the account's creation transaction.
 */
export type AdminUserFactory = (accountName: string) => Promise<(trx: Transaction<DB>, accountId: number) => Promise<number>>;

export class AccountService {
  private readonly cache = new Map<number, { adminUserId: number | undefined; until: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly tokenKey: string,
    private readonly createAdminUser: AdminUserFactory,
  ) {}

  hashToken(apiToken: string): string {
    return createHmac('sha256', this.tokenKey).update(apiToken, 'utf8').digest('hex');
  }

  private tokenMatches(apiToken: string, hash: string): boolean {
    const a = Buffer.from(this.hashToken(apiToken), 'hex');
    const b = Buffer.from(hash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async create(name: string, credentials?: { apiKey?: string; apiToken?: string }): Promise<NewAccount> {
    const apiKey = credentials?.apiKey ?? this.ids.secret(24);
    const apiToken = credentials?.apiToken ?? this.ids.secret(24);
    const createdAt = this.clock.now().toISOString();
    const insertAdmin = await this.createAdminUser(name);
    return this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('accounts')
        .values({
          name,
          api_key: apiKey,
          api_token_hash: this.hashToken(apiToken),
          admin_user_id: null,
          created_at: createdAt,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const adminUserId = await insertAdmin(trx, id);
      await trx.updateTable('accounts').set({ admin_user_id: adminUserId }).where('id', '=', id).execute();
      return { id, name, apiKey, apiToken, adminUserId, createdAt };
    });
  }

  /**
   * Makes sure an account opens with exactly these credentials (AUVO_API_KEY/AUVO_API_TOKEN):
   * creates it, or resets its token digest. Returns whether it was created.
   */
  async ensure(apiKey: string, apiToken: string, name = 'Campo'): Promise<{ account: Account; created: boolean }> {
    const existing = await this.db.selectFrom('accounts').selectAll().where('api_key', '=', apiKey).executeTakeFirst();
    if (existing) {
      if (!this.tokenMatches(apiToken, existing.api_token_hash) || existing.deleted_at !== null) {
        await this.db
          .updateTable('accounts')
          .set({ api_token_hash: this.hashToken(apiToken), deleted_at: null })
          .where('id', '=', existing.id)
          .execute();
      }
      return { account: this.toAccount(existing), created: false };
    }
    try {
      return { account: await this.create(name, { apiKey, apiToken }), created: true };
    } catch (err) {
      // Another node created it at the same moment: that one is ours too.
      const again = await this.db.selectFrom('accounts').selectAll().where('api_key', '=', apiKey).executeTakeFirst();
      if (again) return { account: this.toAccount(again), created: false };
      throw err;
    }
  }

  async list(): Promise<Account[]> {
    const rows = await this.db.selectFrom('accounts').selectAll().where('deleted_at', 'is', null).orderBy('id').execute();
    return rows.map((r) => this.toAccount(r));
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async remove(id: number): Promise<boolean> {
    const r = await this.db
      .updateTable('accounts')
      .set({ deleted_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    this.cache.delete(id);
    return Number(r.numUpdatedRows) > 0;
  }

  async get(id: number): Promise<Account | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return row ? this.toAccount(row) : undefined;
  }

  /** Issues a new apiToken (or sets the given one): the old one stops opening the account. */
  async rotate(id: number, apiToken?: string): Promise<NewAccount | undefined> {
    const token = apiToken ?? this.ids.secret(24);
    const r = await this.db
      .updateTable('accounts')
      .set({ api_token_hash: this.hashToken(token) })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return undefined;
    const account = await this.get(id);
    return account && { ...account, apiToken: token };
  }

  /**
   * Empties an account (admin reset) in one transaction: `clear` removes its rows, then a new
   * administrator is created as at the account's creation. Returns the administrator's id.
   */
  async recreateAdmin(id: number, clear: (trx: Transaction<DB>) => Promise<void>): Promise<number> {
    const account = await this.get(id);
    if (!account) throw new RangeError(`no account ${id}`);
    const insertAdmin = await this.createAdminUser(account.name);
    const adminUserId = await this.db.transaction().execute(async (trx) => {
      await clear(trx);
      const userId = await insertAdmin(trx, id);
      await trx.updateTable('accounts').set({ admin_user_id: userId }).where('id', '=', id).execute();
      return userId;
    });
    this.forget(id);
    return adminUserId;
  }

  /** Drops this node's cached state of an account (its administrator changed). */
  forget(id: number): void {
    this.cache.delete(id);
  }

  /** Login check: 'unknown' when no account has the key, 'denied' when the token is wrong. */
  async verify(
    apiKey: string,
    apiToken: string,
  ): Promise<{ status: 'ok'; account: Account } | { status: 'unknown' } | { status: 'denied' }> {
    const row = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('api_key', '=', apiKey)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) return { status: 'unknown' };
    if (!this.tokenMatches(apiToken, row.api_token_hash)) return { status: 'denied' };
    return { status: 'ok', account: this.toAccount(row) };
  }

  /** What activeAdmin would answer, if this node checked the account recently; otherwise 'unknown'. */
  cachedAdmin(accountId: number): number | undefined | 'unknown' {
    const hit = this.cache.get(accountId);
    return hit && hit.until > this.clock.now().getTime() ? hit.adminUserId : 'unknown';
  }

  /**
   * The administrator of a live account, or undefined when the account was removed. Cached for a
   * few seconds per node: a removed account's tokens stop working within that time everywhere.
   */
  async activeAdmin(accountId: number): Promise<number | undefined> {
    const cached = this.cachedAdmin(accountId);
    if (cached !== 'unknown') return cached;
    const row = await this.db.selectFrom('accounts').select(['admin_user_id', 'deleted_at']).where('id', '=', accountId).executeTakeFirst();
    const adminUserId = row && row.deleted_at === null ? (row.admin_user_id ?? undefined) : undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(accountId, { adminUserId, until: this.clock.now().getTime() + 5_000 });
    return adminUserId;
  }

  private toAccount(r: Selectable<AccountsTable>): Account {
    return { id: r.id, name: r.name, apiKey: r.api_key, adminUserId: r.admin_user_id ?? 0, createdAt: r.created_at };
  }
}
