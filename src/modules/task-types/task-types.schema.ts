import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';

const Duration = Type.String({ pattern: '^(|\\d{1,2}:[0-5]\\d(:[0-5]\\d)?)$', description: '"hh:mm:ss"' });
const NullableBool = Type.Union([Type.Boolean(), Type.Null()]);

const RequirementsIn = Type.Object({
  fillReport: Type.Optional(Type.Boolean()),
  getSignature: Type.Optional(Type.Boolean()),
  fillRolledKilometer: Type.Optional(Type.Boolean()),
  emailTheTask: Type.Optional(Type.Boolean()),
  minimumNumberOfPhotos: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  requiredQuestionnaires: Type.Optional(Type.Array(Type.Integer(), { description: 'Questionnaire ids' })),
});

// POST and PATCH spell `standart*` (attributes, examples); GET spells `standard*`: both accepted
// on input (inventory 7 #30).
export const TaskTypeCreate = Type.Object(
  {
    description: Type.String({ minLength: 1 }),
    standartQuestionnaireId: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], aliases('standardQuestionnaireId'))),
    standartTime: Type.Optional(Type.String({ ...Duration, ...aliases('standardTime') })),
    sendSatisfactionSurvey: Type.Optional(NullableBool),
    requirements: Type.Optional(RequirementsIn),
  },
  { $id: 'TaskTypeCreate' },
);
export type TaskTypeCreate = Static<typeof TaskTypeCreate>;

/**
 * PUT body (live operation): matched by `id`; otherwise created, then `description` is required.
 * `requirements` fields left out keep their values.
 */
export const TaskTypeUpsert = Type.Object(
  {
    id: Type.Optional(Type.Integer()),
    ...TaskTypeCreate.properties,
    description: Type.Optional(Type.String({ minLength: 1 })),
    toleranceTime: Type.Optional(Duration),
    active: Type.Optional(Type.Boolean()),
  },
  { $id: 'TaskTypeUpsert' },
);
export type TaskTypeUpsert = Static<typeof TaskTypeUpsert>;

const RequirementsPatchable = Type.Object({
  fillReport: Type.Boolean(),
  getSignature: Type.Boolean(),
  fillRolledKilometer: Type.Boolean(),
  emailTheTask: Type.Boolean(),
  minimumNumberOfPhotos: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  requiredQuestionnaires: Type.Array(Type.Integer()),
});

/**
 * PATCH paths (Y3): description, standartQuestionnaireId, standartTime, sendSatisfactionSurvey.
 * Campo also lets PATCH set `requirements` (whole or `requirements/<field>`), `toleranceTime` and
 * `active`, which the blueprint can never change (inventory 11 #14).
 */
export const TaskTypePatchable = Type.Object(
  {
    description: Type.String({ minLength: 1 }),
    standartQuestionnaireId: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], aliases('standardQuestionnaireId')),
    standartTime: Type.String({ ...Duration, ...aliases('standardTime') }),
    sendSatisfactionSurvey: NullableBool,
    requirements: RequirementsPatchable,
    toleranceTime: Duration,
    active: Type.Boolean(),
  },
  { $id: 'TaskTypePatchable' },
);
export type TaskTypePatchable = Static<typeof TaskTypePatchable>;

const Requirements = Type.Object({
  fillReport: Type.Boolean(),
  getSignature: Type.Boolean(),
  fillRolledKilometer: Type.Boolean(),
  emailTheTask: Type.Boolean(),
  minimumNumberOfPhotos: Type.Integer(),
  requiredQuestionnaires: Type.Array(Type.Integer()),
});

const common = {
  id: Type.Integer(),
  description: Type.String(),
  creatorId: Type.Integer({ description: 'The user behind the API credentials that created it' }),
  creationDate: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss' }),
  toleranceTime: Type.String({ description: '"hh:mm:ss"' }),
  active: Type.Boolean(),
  sendSatisfactionSurvey: Type.Boolean(),
  requirements: Requirements,
};
const QuestionnaireRef = Type.Union([Type.Integer(), Type.Null()], { description: 'null when none' });

/** GET by id: `standardTime`, `standardQuestionnaireId` (inventory 3.5). */
export const TaskType = Type.Object(
  {
    id: common.id,
    description: common.description,
    creatorId: common.creatorId,
    creationDate: common.creationDate,
    standardTime: Type.String({ description: '"hh:mm:ss"' }),
    toleranceTime: common.toleranceTime,
    standardQuestionnaireId: QuestionnaireRef,
    active: common.active,
    sendSatisfactionSurvey: common.sendSatisfactionSurvey,
    requirements: common.requirements,
  },
  { $id: 'TaskType' },
);
export type TaskTypeDto = Static<typeof TaskType>;

/** POST, PATCH and list: `standartTime`, `standartQuestionnaireId`, in the documented key order. */
export const TaskTypeWritten = Type.Object(
  {
    description: common.description,
    id: common.id,
    creatorId: common.creatorId,
    creationDate: common.creationDate,
    standartQuestionnaireId: QuestionnaireRef,
    standartTime: Type.String({ description: '"hh:mm:ss"' }),
    toleranceTime: common.toleranceTime,
    active: common.active,
    sendSatisfactionSurvey: common.sendSatisfactionSurvey,
    requirements: common.requirements,
  },
  { $id: 'TaskTypeWritten' },
);
export type TaskTypeWrittenDto = Static<typeof TaskTypeWritten>;

/** paramFilter keys of GET /taskTypes/ (inventory 4.4). */
export const TaskTypeFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String({ description: 'contains, any case' })),
});
export type TaskTypeFilter = Static<typeof TaskTypeFilter>;

export const taskTypeExample: TaskTypeDto = {
  id: 42,
  description: 'Terêscio',
  creatorId: 906,
  creationDate: '2016-03-23T18:10:00',
  standardTime: '18:10:00',
  toleranceTime: '18:10:00',
  standardQuestionnaireId: 1,
  active: true,
  sendSatisfactionSurvey: false,
  requirements: {
    fillReport: true,
    getSignature: false,
    fillRolledKilometer: true,
    emailTheTask: false,
    minimumNumberOfPhotos: 2,
    requiredQuestionnaires: [1, 2, 3],
  },
};
