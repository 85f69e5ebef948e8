import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal } from '../../core/dates.js';
import { FieldError, type FieldMap, NotFoundError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging } from '../../core/listing.js';
import { applyJsonPatch } from '../../core/patch.js';
import * as repo from './task-types.repo.js';
import {
  type TaskTypeCreate,
  type TaskTypeDto,
  TaskTypeFilter,
  TaskTypePatchable,
  type TaskTypeUpsert,
  type TaskTypeWrittenDto,
} from './task-types.schema.js';

declare module '../../core/context.js' {
  interface Services {
    taskTypes: TaskTypesService;
  }
}

export const TASK_TYPE_ENTITY = 'TaskType';

interface Requirements {
  fillReport: boolean;
  getSignature: boolean;
  fillRolledKilometer: boolean;
  emailTheTask: boolean;
  minimumNumberOfPhotos: number;
  requiredQuestionnaires: number[];
}

const noRequirements = (): Requirements => ({
  fillReport: false,
  getSignature: false,
  fillRolledKilometer: false,
  emailTheTask: false,
  minimumNumberOfPhotos: 0,
  requiredQuestionnaires: [],
});

function readRequirements(json: string): Requirements {
  return { ...noRequirements(), ...(JSON.parse(json) as Partial<Requirements>) };
}

/** "8:5" style input is written back as "08:05:00"; "" means none. */
function normalizeDuration(s: string): string {
  if (s === '') return '00:00:00';
  const [h, m, sec = '00'] = s.split(':');
  return `${h.padStart(2, '0')}:${m}:${sec}`;
}

interface TaskTypeValues {
  description: string;
  standardQuestionnaireId: number | null;
  standardTime: string;
  toleranceTime: string;
  active: boolean;
  sendSatisfactionSurvey: boolean;
  requirements: Requirements;
}

export class TaskTypesService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  /** GET form (`standard*`). */
  toDto(r: repo.TaskTypeRow): TaskTypeDto {
    return {
      id: r.id,
      description: r.description,
      creatorId: r.creator_id,
      creationDate: formatLocal(r.created_at, this.deps.timeZone),
      standardTime: r.standard_time,
      toleranceTime: r.tolerance_time,
      standardQuestionnaireId: r.standard_questionnaire_id,
      active: r.active === 1,
      sendSatisfactionSurvey: r.send_satisfaction_survey === 1,
      requirements: readRequirements(r.requirements),
    };
  }

  async get(auth: Auth, id: number): Promise<TaskTypeDto> {
    const row = await repo.findTaskType(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return this.toDto(row);
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(TaskTypeFilter, q.paramFilter, 'ParamTaskTypeFilter');
    const paging = parsePaging(q);
    const { rows, total } = await repo.listTaskTypes(this.deps.db, this.deps.dialect, auth.accountId, filter as TaskTypeFilter, paging);
    return { items: rows.map((r) => writtenForm(this.toDto(r))), total, paging, filterText: text };
  }

  /** `extra`: what a PUT that creates may also set (POST cannot). */
  async create(auth: Auth, input: TaskTypeCreate, extra: { toleranceTime?: string; active?: boolean } = {}): Promise<TaskTypeWrittenDto> {
    const r = input.requirements ?? {};
    const values: TaskTypeValues = {
      description: input.description,
      standardQuestionnaireId: input.standartQuestionnaireId || null,
      standardTime: normalizeDuration(input.standartTime ?? ''),
      toleranceTime: normalizeDuration(extra.toleranceTime ?? '00:00:00'),
      active: extra.active ?? true,
      sendSatisfactionSurvey: input.sendSatisfactionSurvey ?? false,
      requirements: {
        fillReport: r.fillReport ?? false,
        getSignature: r.getSignature ?? false,
        fillRolledKilometer: r.fillRolledKilometer ?? false,
        emailTheTask: r.emailTheTask ?? false,
        minimumNumberOfPhotos: r.minimumNumberOfPhotos ?? 0,
        requiredQuestionnaires: [...new Set(r.requiredQuestionnaires ?? [])],
      },
    };
    await this.checkReferences(auth, values, undefined);
    return writtenForm(await this.write(auth, undefined, values));
  }

  /**
   * PUT (a live-service operation the blueprint lacks): update the type matched by `id`, else create
   * one (then `description` is required). Task types carry no `externalId` to match on. An update
   * is the JSON Patch of the attributes sent, so it follows PATCH's rules.
   */
  async upsert(auth: Auth, input: TaskTypeUpsert): Promise<{ created: boolean; dto: TaskTypeWrittenDto }> {
    const existing = input.id === undefined ? undefined : await repo.findTaskType(this.deps.db, auth.accountId, input.id);
    const { id: _id, ...fields } = input;
    if (!existing) {
      if (fields.description === undefined) throw FieldError.of('description', 'The description field is required.');
      const { toleranceTime, active, ...create } = fields;
      return { created: true, dto: await this.create(auth, { ...create, description: fields.description }, { toleranceTime, active }) };
    }
    const current = this.toDto(existing);
    const ops = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([path, value]) => ({
        op: 'replace',
        path,
        value: path === 'requirements' ? { ...current.requirements, ...(value as object) } : value,
      }));
    if (ops.length === 0) return { created: false, dto: writtenForm(current) };
    return { created: false, dto: await this.patch(auth, existing.id, ops) };
  }

  async patch(auth: Auth, id: number, ops: unknown): Promise<TaskTypeWrittenDto> {
    const current = await repo.findTaskType(this.deps.db, auth.accountId, id);
    if (!current) throw new NotFoundError();
    const dto = this.toDto(current);
    const view = {
      description: dto.description,
      standartQuestionnaireId: dto.standardQuestionnaireId,
      standartTime: dto.standardTime,
      sendSatisfactionSurvey: dto.sendSatisfactionSurvey,
      requirements: dto.requirements,
      toleranceTime: dto.toleranceTime,
      active: dto.active,
    };
    const next = applyJsonPatch(TaskTypePatchable, view, ops) as typeof view & { requirements: { minimumNumberOfPhotos: number | null } };
    const values: TaskTypeValues = {
      description: next.description,
      standardQuestionnaireId: next.standartQuestionnaireId || null,
      standardTime: normalizeDuration(next.standartTime),
      toleranceTime: normalizeDuration(next.toleranceTime),
      active: next.active,
      sendSatisfactionSurvey: next.sendSatisfactionSurvey ?? false,
      requirements: {
        ...next.requirements,
        minimumNumberOfPhotos: next.requirements.minimumNumberOfPhotos ?? 0,
        requiredQuestionnaires: [...new Set(next.requirements.requiredQuestionnaires)],
      },
    };
    await this.checkReferences(auth, values, dto);
    return writtenForm(await this.write(auth, current, values));
  }

  /** Tasks of the type keep its id in `taskType` (inventory 8 #17). */
  async remove(auth: Auth, id: number): Promise<void> {
    const { db, changes } = this.deps;
    await db.transaction().execute(async (trx) => {
      const live = await repo.findTaskType(trx, auth.accountId, id);
      if (!live) throw new NotFoundError();
      await repo.deleteTaskType(trx, auth.accountId, id);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: TASK_TYPE_ENTITY,
        entityId: id,
        action: 'Exclusao',
        userId: auth.adminUserId,
        snapshot: this.toDto(live),
      });
    });
  }

  async existingIds(accountId: number, ids: number[]): Promise<Set<number>> {
    return repo.existingTaskTypeIds(this.deps.db, accountId, ids);
  }

  /** The task type as GET returns it (`standard*` spellings). */
  async findById(accountId: number, id: number): Promise<TaskTypeDto | undefined> {
    const row = await repo.findTaskType(this.deps.db, accountId, id);
    return row ? this.toDto(row) : undefined;
  }

  /** Questionnaire references must exist; unchanged ones are not re-checked (they may have been deleted since). */
  private async checkReferences(auth: Auth, v: TaskTypeValues, current: TaskTypeDto | undefined): Promise<void> {
    const errors: FieldMap = {};
    const wanted: number[] = [];
    const std = v.standardQuestionnaireId;
    if (std !== null && std !== current?.standardQuestionnaireId) wanted.push(std);
    const before = new Set(current?.requirements.requiredQuestionnaires ?? []);
    const newRequired = v.requirements.requiredQuestionnaires.filter((q) => !before.has(q));
    wanted.push(...newRequired);
    if (wanted.length === 0) return;
    const found = await this.services.questionnaires.existingIds(auth.accountId, wanted);
    if (std !== null && std !== current?.standardQuestionnaireId && !found.has(std)) {
      errors.standartQuestionnaireId = [`The questionnaire ${std} does not exist.`];
    }
    const missing = newRequired.filter((q) => !found.has(q));
    if (missing.length) errors['requirements.requiredQuestionnaires'] = [`The questionnaire(s) ${missing.join(', ')} do not exist.`];
    if (Object.keys(errors).length > 0) throw new FieldError(errors);
  }

  private async write(auth: Auth, current: repo.TaskTypeRow | undefined, v: TaskTypeValues): Promise<TaskTypeDto> {
    const { db, clock, changes } = this.deps;
    const now = clock.now().toISOString();
    const cols = {
      description: v.description,
      standard_time: v.standardTime,
      tolerance_time: v.toleranceTime,
      standard_questionnaire_id: v.standardQuestionnaireId,
      active: v.active ? 1 : 0,
      send_satisfaction_survey: v.sendSatisfactionSurvey ? 1 : 0,
      requirements: JSON.stringify(v.requirements),
      updated_at: now,
    };
    return db.transaction().execute(async (trx) => {
      let row: repo.TaskTypeRow;
      if (current) {
        if (!(await repo.findTaskType(trx, auth.accountId, current.id))) throw new NotFoundError();
        row = await repo.updateTaskType(trx, auth.accountId, current.id, cols);
      } else {
        row = await repo.insertTaskType(trx, { ...cols, account_id: auth.accountId, creator_id: auth.adminUserId, created_at: now });
      }
      const dto = this.toDto(row);
      await changes.record(trx, {
        accountId: auth.accountId,
        entity: TASK_TYPE_ENTITY,
        entityId: row.id,
        action: current ? 'Alteracao' : 'Inclusao',
        userId: auth.adminUserId,
        snapshot: dto,
      });
      return dto;
    });
  }
}

/** POST/PATCH/list form: `standart*` spellings in the documented key order (inventory 7 #30). */
export function writtenForm(d: TaskTypeDto): TaskTypeWrittenDto {
  return {
    description: d.description,
    id: d.id,
    creatorId: d.creatorId,
    creationDate: d.creationDate,
    standartQuestionnaireId: d.standardQuestionnaireId,
    standartTime: d.standardTime,
    toleranceTime: d.toleranceTime,
    active: d.active,
    sendSatisfactionSurvey: d.sendSatisfactionSurvey,
    requirements: d.requirements,
  };
}
