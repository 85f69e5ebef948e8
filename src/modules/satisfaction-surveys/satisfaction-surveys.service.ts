import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps } from '../../core/context.js';
import { formatLocal } from '../../core/dates.js';
import { EnvelopeError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging, requireFilterKeys } from '../../core/listing.js';
import { roundTo } from '../../core/money.js';
import * as repo from './satisfaction-surveys.repo.js';
import { type SurveyAnswerDto, SurveyFilter } from './satisfaction-surveys.schema.js';

declare module '../../core/context.js' {
  interface Services {
    satisfactionSurveys: SatisfactionSurveysService;
  }
}

export interface SurveySubmission {
  email: string;
  answers: { question: string; answer: string; score: number }[];
}

function taskIdsOf(v: unknown): number[] | undefined {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [v];
  const out: number[] = [];
  for (const x of list) {
    const n = typeof x === 'number' ? x : typeof x === 'string' && /^\s*\d+\s*$/.test(x) ? Number(x) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 0) return undefined;
    out.push(n);
  }
  return out;
}

export class SatisfactionSurveysService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(SurveyFilter, q.paramFilter, 'ParamSatisfactionSurveyFilter');
    if (q.paramFilter === undefined) throw new EnvelopeError('The paramFilter is required as ParamSatisfactionSurveyFilter string json.');
    requireFilterKeys(filter, ['taskID'], 'ParamSatisfactionSurveyFilter');
    const f = filter as SurveyFilter;
    const taskIds = taskIdsOf(f.taskID);
    if (!taskIds) throw new EnvelopeError(`The paramFilter field 'taskID' is not valid for ParamSatisfactionSurveyFilter.`);
    const paging = parsePaging(q);
    const { db, timeZone } = this.deps;
    const { rows, total } = await repo.listAnswers(db, auth.accountId, { taskIds, email: f.email }, paging);
    const all = await repo.answersOfTasks(db, auth.accountId, [...new Set(rows.map((r) => r.task_id))]);
    const items: SurveyAnswerDto[] = rows.map((r) => {
      const ofTask = all.filter((a) => a.task_id === r.task_id);
      const ofSubmission = ofTask.filter((a) => a.submission === r.submission);
      return {
        id: r.id,
        taskID: r.task_id,
        answerDescription: r.answer,
        questionDescription: r.question,
        answerDate: formatLocal(r.answered_at, timeZone),
        itemId: r.item_id,
        email: r.email,
        answersItemQuantity: ofSubmission.length,
        scoreSum: roundTo(
          ofSubmission.reduce((s, a) => s + a.score, 0),
          2,
        ),
        totalResponse: ofTask.length,
        totalSubmitted: new Set(ofTask.map((a) => a.submission)).size,
      };
    });
    return { items, total, paging, filterText: text };
  }

  /** Records one submission of a task's survey (inside the caller's transaction). */
  async record(trx: Transaction<DB>, accountId: number, taskId: number, s: SurveySubmission): Promise<number> {
    const submission = await repo.nextSubmission(trx, accountId, taskId);
    const at = this.deps.clock.now().toISOString();
    await repo.insertAnswers(
      trx,
      s.answers.map((a, i) => ({
        account_id: accountId,
        task_id: taskId,
        submission,
        item_id: String(i + 1),
        question: a.question,
        answer: a.answer,
        score: a.score,
        email: s.email.trim().toLowerCase(),
        answered_at: at,
      })),
    );
    return submission;
  }
}
