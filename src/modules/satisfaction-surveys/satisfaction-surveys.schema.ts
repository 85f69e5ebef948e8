import { type Static, Type } from 'typebox';
import { aliases } from '../../core/keys.js';

/** paramFilter keys of GET /satisfactionSurveys/ (inventory 4.13): `taskID` or `taskId`, one id or an array. */
export const SurveyFilter = Type.Object({
  taskID: Type.Optional(Type.Unknown({ description: 'array of task ids (required)', ...aliases('taskId') })),
  email: Type.Optional(Type.String()),
});
export type SurveyFilter = Static<typeof SurveyFilter>;

export const SurveyAnswer = Type.Object(
  {
    id: Type.Integer(),
    taskID: Type.Integer(),
    answerDescription: Type.String(),
    questionDescription: Type.String(),
    answerDate: Type.String(),
    itemId: Type.String(),
    email: Type.String(),
    answersItemQuantity: Type.Integer({ description: 'answers in this submission' }),
    scoreSum: Type.Number({ description: 'sum of the scores of this submission' }),
    totalResponse: Type.Integer({ description: 'answers received for the task' }),
    totalSubmitted: Type.Integer({ description: 'submissions received for the task' }),
  },
  { $id: 'SatisfactionSurveyAnswer' },
);
export type SurveyAnswerDto = Static<typeof SurveyAnswer>;

export const surveyExample: SurveyAnswerDto = {
  id: 42,
  taskID: 42,
  answerDescription: 'answer here',
  questionDescription: 'question here',
  answerDate: '2016-03-23T18:10:00',
  itemId: '1',
  email: 'email@auvo.com.br',
  answersItemQuantity: 1,
  scoreSum: 1,
  totalResponse: 2,
  totalSubmitted: 2,
};
