import { type Static, Type } from 'typebox';

// Auvo documents a single answer type code (2) and no table (inventory 5.11): Campo stores the
// integer the client sends and returns it unchanged.
const AnswerType = Type.Integer({
  minimum: 0,
  maximum: 2_147_483_647,
  description: "Auvo's answer type code (only 2 is documented); stored as sent",
});

export const QuestionIn = Type.Object({
  id: Type.Optional(Type.Integer({ description: 'Keep this existing question (its id and creationDate); omit for a new one' })),
  answerType: AnswerType,
  description: Type.String({ minLength: 1, description: 'The question' }),
  subTitle: Type.Optional(Type.String()),
  requiredAnswer: Type.Optional(Type.Boolean({ description: 'Default false' })),
});
export type QuestionIn = Static<typeof QuestionIn>;

const questionnaireInput = {
  description: Type.String({ minLength: 1 }),
  header: Type.Optional(Type.String()),
  footer: Type.Optional(Type.String()),
  questions: Type.Optional(Type.Array(QuestionIn, { description: 'In display order; replaces the whole list' })),
};

export const QuestionnaireCreate = Type.Object(questionnaireInput, { $id: 'QuestionnaireCreate' });
export type QuestionnaireCreate = Static<typeof QuestionnaireCreate>;

export const QuestionnaireUpsert = Type.Object(
  {
    id: Type.Optional(Type.Integer({ description: 'Update this questionnaire when it exists' })),
    ...questionnaireInput,
    description: Type.Optional(questionnaireInput.description),
  },
  { $id: 'QuestionnaireUpsert' },
);
export type QuestionnaireUpsert = Static<typeof QuestionnaireUpsert>;

export const QuestionnairePatchable = Type.Object(
  { description: Type.String({ minLength: 1 }), header: Type.String(), footer: Type.String(), questions: Type.Array(QuestionIn) },
  { $id: 'QuestionnairePatchable' },
);

export const Question = Type.Object({
  id: Type.Integer(),
  answerType: Type.Integer(),
  description: Type.String(),
  subTitle: Type.String(),
  requiredAnswer: Type.Boolean(),
  creationDate: Type.String(),
});

/** Inventory 3.7, the same in every response. */
export const Questionnaire = Type.Object(
  {
    id: Type.Integer(),
    description: Type.String(),
    header: Type.String(),
    footer: Type.String(),
    creationDate: Type.String({ description: 'yyyy-MM-ddTHH:mm:ss' }),
    questions: Type.Array(Question),
  },
  { $id: 'Questionnaire' },
);
export type QuestionnaireDto = Static<typeof Questionnaire>;

/** paramFilter keys of GET /questionnaires/ (inventory 4.4). */
export const QuestionnaireFilter = Type.Object({
  id: Type.Optional(Type.Integer()),
  taskIDs: Type.Optional(
    Type.Union([Type.Array(Type.Union([Type.Integer(), Type.String()])), Type.Integer(), Type.String()], {
      description: 'Task ids: questionnaires used in those tasks (array, one id or comma-separated)',
    }),
  ),
});
export type QuestionnaireFilter = Static<typeof QuestionnaireFilter>;

export const questionnaireExample = {
  id: 42,
  description: 'Terêscio',
  header: 'cabeçalho',
  footer: 'rodape',
  creationDate: '2016-03-23T18:10:00',
  questions: [
    {
      id: 1,
      answerType: 2,
      description: '¿la pregunta?',
      subTitle: '¿la pregunta abajo?',
      requiredAnswer: false,
      creationDate: '2016-03-23T18:10:00',
    },
  ],
};
