import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps } from '../../core/context.js';
import { formatLocal } from '../../core/dates.js';
import { EnvelopeError, FieldError, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, multiValues, parsePaging } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './questionnaires.repo.js';
import {
  type QuestionIn,
  type QuestionnaireCreate,
  type QuestionnaireDto,
  QuestionnaireFilter,
  QuestionnairePatchable,
  type QuestionnaireUpsert,
} from './questionnaires.schema.js';

declare module '../../core/context.js' {
  interface Services {
    questionnaires: QuestionnairesService;
  }
}

export const QUESTIONNAIRE_ENTITY = 'Questionnaire';

/** Which questionnaires the given tasks use; provided by the tasks module (filter `taskIDs`). */
export type TaskQuestionnaireLookup = (accountId: number, taskIds: number[]) => Promise<number[]>;

interface QuestionnaireValues {
  description: string;
  header: string;
  footer: string;
  questions: QuestionIn[];
}

export class QuestionnairesService {
  private taskLookup: TaskQuestionnaireLookup | undefined;

  constructor(private readonly deps: ServiceDeps) {}

  /** The tasks module registers how to find the questionnaires its tasks use. */
  useTaskLookup(fn: TaskQuestionnaireLookup): void {
    this.taskLookup = fn;
  }

  private toDto(r: repo.QuestionnaireRow, questions: repo.QuestionRow[]): QuestionnaireDto {
    const tz = this.deps.timeZone;
    return {
      id: r.id,
      description: r.description,
      header: r.header,
      footer: r.footer,
      creationDate: formatLocal(r.created_at, tz),
      questions: questions.map((q) => ({
        id: q.id,
        answerType: q.answer_type,
        description: q.description,
        subTitle: q.sub_title,
        requiredAnswer: q.required_answer === 1,
        creationDate: formatLocal(q.created_at, tz),
      })),
    };
  }

  private async load(db: ServiceDeps['db'] | Transaction<DB>, accountId: number, id: number): Promise<QuestionnaireDto | undefined> {
    const row = await repo.findQuestionnaire(db, accountId, id);
    if (!row) return undefined;
    return this.toDto(row, await repo.questionsOf(db, accountId, [row.id]));
  }

  async get(auth: Auth, id: number): Promise<QuestionnaireDto> {
    const dto = await this.load(this.deps.db, auth.accountId, id);
    if (!dto) throw new NotFoundError();
    return dto;
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(QuestionnaireFilter, q.paramFilter, 'ParamQuestionnaireFilter');
    const f = filter as QuestionnaireFilter;
    const paging = parsePaging(q);
    let ids: number[] | undefined;
    if (f.taskIDs !== undefined) {
      const taskIds = multiValues(f.taskIDs).map(Number);
      if (taskIds.some((n) => !Number.isSafeInteger(n)))
        throw new EnvelopeError(`The paramFilter field 'taskIDs' is not valid for ParamQuestionnaireFilter.`);
      // Without the tasks module no task exists, so no questionnaire is used by one.
      ids = taskIds.length && this.taskLookup ? await this.taskLookup(auth.accountId, taskIds) : [];
    }
    const { rows, total } = await repo.listQuestionnaires(this.deps.db, auth.accountId, { id: f.id, ids }, paging);
    const questions = await repo.questionsOf(
      this.deps.db,
      auth.accountId,
      rows.map((r) => r.id),
    );
    const items = rows.map((r) =>
      this.toDto(
        r,
        questions.filter((x) => x.questionnaire_id === r.id),
      ),
    );
    return { items, total, paging, filterText: text };
  }

  async create(auth: Auth, input: QuestionnaireCreate): Promise<QuestionnaireDto> {
    return this.write(auth, undefined, {
      description: input.description,
      header: input.header ?? '',
      footer: input.footer ?? '',
      questions: input.questions ?? [],
    });
  }

  /** PUT: update the questionnaire matched by `id`; otherwise create (201). */
  async upsert(auth: Auth, input: QuestionnaireUpsert): Promise<{ created: boolean; dto: QuestionnaireDto }> {
    const existing = input.id !== undefined ? await this.load(this.deps.db, auth.accountId, input.id) : undefined;
    if (!existing && input.description === undefined) throw FieldError.of('description', 'The description field is required.');
    const dto = await this.write(auth, existing, {
      description: input.description ?? (existing as QuestionnaireDto).description,
      header: input.header ?? existing?.header ?? '',
      footer: input.footer ?? existing?.footer ?? '',
      questions: input.questions ?? existing?.questions ?? [],
    });
    return { created: !existing, dto };
  }

  async patch(auth: Auth, id: number, ops: unknown): Promise<QuestionnaireDto> {
    const current = await this.load(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const view = {
      description: current.description,
      header: current.header,
      footer: current.footer,
      questions: current.questions.map(({ creationDate: _c, ...q }) => q),
    };
    const next = applyJsonPatch(QuestionnairePatchable, view, ops) as unknown as QuestionnaireValues;
    return this.write(auth, current, next);
  }

  /** Task types and tasks that reference it keep the id (inventory 8 #17). */
  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await this.load(trx, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await repo.deleteQuestionnaire(trx, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: QUESTIONNAIRE_ENTITY,
        entityId: id,
        action: 'Exclusao',
        userId: auth.adminUserId,
        snapshot: live,
      });
    });
  }

  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingQuestionnaireIds(this.deps.db, accountId, ids);
  }

  async findById(accountId: number, id: number): Promise<QuestionnaireDto | undefined> {
    return this.load(this.deps.db, accountId, id);
  }

  private async write(auth: Auth, current: QuestionnaireDto | undefined, v: QuestionnaireValues): Promise<QuestionnaireDto> {
    const { db, clock, changes } = this.deps;
    const kept = new Set((current?.questions ?? []).map((q) => q.id));
    const seen = new Set<number>();
    const errors: Record<string, string[]> = {};
    v.questions.forEach((q, i) => {
      if (q.id === undefined) return;
      if (!kept.has(q.id) || seen.has(q.id))
        errors[`questions[${i}].id`] = [`The question ${q.id} is not a question of this questionnaire.`];
      seen.add(q.id);
    });
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
    const now = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      let row: repo.QuestionnaireRow;
      const cols = { description: v.description, header: v.header, footer: v.footer, updated_at: now };
      if (current) {
        if (!(await repo.findQuestionnaire(trx, auth.accountId, current.id))) throw new NotFoundError();
        row = await repo.updateQuestionnaire(trx, auth.accountId, current.id, cols);
      } else {
        row = await repo.insertQuestionnaire(trx, { ...cols, account_id: auth.accountId, created_at: now });
      }
      await repo.deleteQuestions(
        trx,
        auth.accountId,
        [...kept].filter((id) => !seen.has(id)),
      );
      for (const [position, q] of v.questions.entries()) {
        const cols = {
          position,
          answer_type: q.answerType,
          description: q.description,
          sub_title: q.subTitle ?? '',
          required_answer: q.requiredAnswer ? 1 : 0,
        };
        if (q.id !== undefined) await repo.updateQuestion(trx, auth.accountId, q.id, cols);
        else await repo.insertQuestion(trx, { ...cols, account_id: auth.accountId, questionnaire_id: row.id, created_at: now });
      }
      const dto = this.toDto(row, await repo.questionsOf(trx, auth.accountId, [row.id]));
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: QUESTIONNAIRE_ENTITY,
        entityId: row.id,
        action: current ? 'Alteracao' : 'Inclusao',
        userId: auth.adminUserId,
        snapshot: dto,
      });
      return dto;
    });
  }
}
