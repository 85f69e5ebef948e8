import type { Auth } from '../../core/auth.js';
import type { ServiceDeps } from '../../core/context.js';
import { formatLocal } from '../../core/dates.js';
import { NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './keywords.repo.js';
import { type KeywordCreate, KeywordFilter, KeywordPatchable } from './keywords.schema.js';

declare module '../../core/context.js' {
  interface Services {
    keywords: KeywordsService;
  }
}

export const KEYWORD_ENTITY = 'Keyword';

export class KeywordsService {
  constructor(private readonly deps: ServiceDeps) {}

  private date(r: repo.KeywordRow): string {
    return formatLocal(r.created_at, this.deps.timeZone);
  }

  /** GET form (K1): `{id, description, registrationDate}`. */
  toDto(r: repo.KeywordRow) {
    return { id: r.id, description: r.description, registrationDate: this.date(r) };
  }

  /** POST and PATCH form (K3, K4): `{description, id, registrationDate}`. */
  private toCreatedDto(r: repo.KeywordRow) {
    return { description: r.description, id: r.id, registrationDate: this.date(r) };
  }

  /** List form (K2): `{description, id, creationDate}`. */
  private toListedDto(r: repo.KeywordRow) {
    return { description: r.description, id: r.id, creationDate: this.date(r) };
  }

  async get(auth: Auth, id: number) {
    const row = await repo.findKeywordById(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return this.toDto(row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(KeywordFilter, q.paramFilter, 'ParamKeywordFilter');
    const f = filter as KeywordFilter;
    const paging = parsePaging(q);
    const { rows, total } = await repo.listKeywords(this.deps.db, this.deps.dialect, auth.accountId, f, paging);
    return { items: rows.map((r) => this.toListedDto(r)), total, paging, filterText: text };
  }

  async create(auth: Auth, input: KeywordCreate) {
    const { db, clock, changes } = this.deps;
    const now = clock.now().toISOString();
    const row = await db.transaction().execute(async (trx) => {
      const r = await repo.insertKeyword(trx, auth.accountId, input.description.trim(), now);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: KEYWORD_ENTITY,
        entityId: r.id,
        action: 'Inclusao',
        snapshot: this.toDto(r),
      });
      return r;
    });
    return this.toCreatedDto(row);
  }

  async patch(auth: Auth, id: number, ops: unknown) {
    const { db, clock, changes } = this.deps;
    const current = await repo.findKeywordById(db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const next = applyJsonPatch(KeywordPatchable, { description: current.description }, ops) as { description: string };
    const now = clock.now().toISOString();
    const row = await db.transaction().execute(async (trx) => {
      if (!(await repo.findKeywordById(trx, auth.accountId, id))) throw new NotFoundError();
      const r = await repo.updateKeyword(trx, auth.accountId, id, next.description.trim(), now);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: KEYWORD_ENTITY,
        entityId: id,
        action: 'Alteracao',
        snapshot: this.toDto(r),
      });
      return r;
    });
    return this.toCreatedDto(row);
  }

  /** Tasks that reference the keyword keep its id in `keyWords` (inventory 8 #17). */
  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await repo.findKeywordById(trx, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await repo.deleteKeyword(trx, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: KEYWORD_ENTITY,
        entityId: id,
        action: 'Exclusao',
        snapshot: this.toDto(live),
      });
    });
  }

  /** Keyword ids of the account among `ids` (for references from other resources). */
  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingKeywordIds(this.deps.db, accountId, ids);
  }

  async findById(accountId: number, id: number) {
    const row = await repo.findKeywordById(this.deps.db, accountId, id);
    return row ? this.toDto(row) : undefined;
  }
}
