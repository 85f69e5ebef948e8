// The technician's side (Campo extension, "Field simulator"): what the mobile app does to a
// task, driving the documented execution fields exactly (inventory 11 #3). Each event is one
// transaction and one 'Alteracao' change event; an event the task's state does not allow
// answers 400 with a field map naming the state, and writes nothing.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { parseLocal } from '../../core/dates.js';
import { FieldError, NotFoundError } from '../../core/errors.js';
import { parseDecimal, roundTo } from '../../core/money.js';
import { distanceMetres } from './tasks.billing.js';
import { emptyRefs, findProduct } from './tasks.refs.js';
import * as repo from './tasks.repo.js';
import type { QuestionnaireResponseBody, SurveyAnswerBody } from './tasks.schema.js';
import type { LineValues } from './tasks.input.js';
import { SIGNATURE_ENTITY, type TasksService } from './tasks.service.js';

const STATUS_NAMES: Record<number, string> = {
  1: 'opened',
  2: 'in displacement',
  3: 'checked in',
  4: 'checked out',
  5: 'finished',
  6: 'paused',
};

interface StoredReply {
  questionId: number;
  replyId: number;
  reply: string;
  replyDate: string;
}

export class FieldSimulator {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
    private readonly tasks: TasksService,
  ) {}

  private async load(auth: Auth, id: number): Promise<repo.TaskRow> {
    const row = await repo.findTask(this.deps.db, auth.accountId, id);
    if (!row) throw new NotFoundError();
    return row;
  }

  private refuse(row: repo.TaskRow, message: string): never {
    throw FieldError.of('taskStatus', `${message} (the task is ${STATUS_NAMES[row.status] ?? row.status}).`);
  }

  /** The event time: `date` (server zone) or now. */
  private when(raw: string | undefined): Date {
    if (raw === undefined) return this.deps.clock.now();
    const d = parseLocal(raw, this.deps.timeZone);
    if (!d) throw FieldError.of('date', `The value '${raw}' is not a valid date (yyyy-MM-ddTHH:mm:ss).`);
    return d;
  }

  private coordinates(body: { latitude?: number; longitude?: number }): { latitude: number; longitude: number } {
    const errors: Record<string, string[]> = {};
    if (body.latitude === undefined) errors.latitude = ['The latitude field is required.'];
    else if (body.latitude < -90 || body.latitude > 90) errors.latitude = ['The latitude must be between -90 and 90.'];
    if (body.longitude === undefined) errors.longitude = ['The longitude field is required.'];
    else if (body.longitude < -180 || body.longitude > 180) errors.longitude = ['The longitude must be between -180 and 180.'];
    if (Object.keys(errors).length) throw new FieldError(errors);
    return { latitude: body.latitude as number, longitude: body.longitude as number };
  }

  /** The phone received and opened the task before anything else happens on it. */
  private arrival(row: repo.TaskRow, at: string): repo.TaskRowPatch {
    return { delivered_at: row.delivered_at ?? at, visualized_at: row.visualized_at ?? at };
  }

  private requireAssignee(row: repo.TaskRow): number {
    if (!row.user_to_id) throw FieldError.of('idUserTo', 'The task has no assignee (idUserTo) to execute it.');
    return row.user_to_id;
  }

  /** Report, pendency, signature, answers, km and products need a started, unfinished task. */
  private requireInExecution(row: repo.TaskRow): void {
    if (row.finished === 1) this.refuse(row, 'A finished task cannot be changed from the phone');
    if (!row.check_in_at) this.refuse(row, 'Check in first');
  }

  private async apply(
    auth: Auth,
    row: repo.TaskRow,
    cols: (now: string) => repo.TaskRowPatch,
    more?: (trx: Transaction<DB>, now: string) => Promise<void>,
  ) {
    const w = await this.tasks.mutate(auth, row, 'Alteracao', async (trx, now) => {
      await repo.updateTask(trx, auth.accountId, row.id, { ...cols(now), updated_at: now });
      if (more) await more(trx, now);
    });
    return w.dto('get');
  }

  async delivered(auth: Auth, id: number, body: { date?: string }) {
    const row = await this.load(auth, id);
    const at = this.when(body.date).toISOString();
    if (row.finished === 1) this.refuse(row, 'A finished task cannot be delivered');
    if (row.delivered_at) this.refuse(row, 'The task was already delivered to the phone');
    return this.apply(auth, row, () => ({ delivered_at: at }));
  }

  async visualized(auth: Auth, id: number, body: { date?: string }) {
    const row = await this.load(auth, id);
    const at = this.when(body.date).toISOString();
    if (!row.delivered_at) this.refuse(row, 'The task has not been delivered to the phone yet');
    if (row.visualized_at) this.refuse(row, 'The task was already visualized');
    return this.apply(auth, row, () => ({ visualized_at: at }));
  }

  async travelStart(auth: Auth, id: number, body: { date?: string }) {
    const row = await this.load(auth, id);
    this.requireAssignee(row);
    const at = this.when(body.date).toISOString();
    if (row.status !== 1 || row.finished === 1) this.refuse(row, 'Travel can only start on an opened task');
    return this.apply(auth, row, () => ({ ...this.arrival(row, at), status: 2, travel_started_at: at }));
  }

  async checkIn(
    auth: Auth,
    id: number,
    body: { latitude?: number; longitude?: number; accuracy?: number; batteryLevel?: number; date?: string },
  ) {
    const row = await this.load(auth, id);
    const userId = this.requireAssignee(row);
    const pos = this.coordinates(body);
    const at = this.when(body.date).toISOString();
    if (![1, 2].includes(row.status) || row.finished === 1)
      this.refuse(row, 'Check-in is only possible on an opened task or one in displacement');
    const distance = distanceMetres(row.latitude, row.longitude, pos.latitude, pos.longitude);
    return this.apply(
      auth,
      row,
      () => ({ ...this.arrival(row, at), status: 3, check_in_at: at, check_in_distance: distance }),
      async (trx) => {
        await this.services.gps.record(trx, auth.accountId, {
          userId,
          at,
          ...pos,
          accuracy: body.accuracy,
          batteryLevel: body.batteryLevel,
        });
      },
    );
  }

  async pause(auth: Auth, id: number, body: { date?: string }) {
    const row = await this.load(auth, id);
    const at = this.when(body.date).toISOString();
    if (row.status !== 3) this.refuse(row, 'Only a checked-in task can be paused');
    return this.apply(auth, row, () => ({ status: 6, paused_at: at }));
  }

  async resume(auth: Auth, id: number, body: { date?: string }) {
    const row = await this.load(auth, id);
    const at = this.when(body.date);
    if (row.status !== 6 || !row.paused_at) this.refuse(row, 'Only a paused task can be resumed');
    const paused = Math.max(0, at.getTime() - new Date(row.paused_at as string).getTime());
    return this.apply(auth, row, () => ({ status: 3, paused_at: null, paused_ms: row.paused_ms + paused }));
  }

  /** Pause time still running at check-out or finish is closed then. */
  private closePause(row: repo.TaskRow, at: Date): repo.TaskRowPatch {
    if (!row.paused_at) return {};
    return { paused_at: null, paused_ms: row.paused_ms + Math.max(0, at.getTime() - new Date(row.paused_at).getTime()) };
  }

  async checkOut(
    auth: Auth,
    id: number,
    body: { latitude?: number; longitude?: number; accuracy?: number; batteryLevel?: number; date?: string; finish?: boolean },
  ) {
    const row = await this.load(auth, id);
    const userId = this.requireAssignee(row);
    const pos = this.coordinates(body);
    const when = this.when(body.date);
    const at = when.toISOString();
    if (![3, 6].includes(row.status)) this.refuse(row, 'Check-out needs a checked-in task');
    if (row.check_in_at && when.getTime() < new Date(row.check_in_at).getTime()) {
      throw FieldError.of('date', 'The check-out cannot be earlier than the check-in.');
    }
    const finish = body.finish ?? true;
    const distance = distanceMetres(row.latitude, row.longitude, pos.latitude, pos.longitude);
    const dto = await this.apply(
      auth,
      row,
      () => ({
        ...this.closePause(row, when),
        status: finish ? 5 : 4,
        check_out_at: at,
        check_out_distance: distance,
        ...(finish ? { finished: 1, finish_mode: 1, finished_at: at } : {}),
      }),
      async (trx) => {
        await this.services.gps.record(trx, auth.accountId, {
          userId,
          at,
          ...pos,
          accuracy: body.accuracy,
          batteryLevel: body.batteryLevel,
        });
        if (finish) await this.consumeStock(trx, auth, row);
      },
    );
    return dto;
  }

  /** Finishing from the back office ("finalizada manualmente"). */
  async finish(auth: Auth, id: number, body: { date?: string }) {
    const row = await this.load(auth, id);
    const when = this.when(body.date);
    if (row.finished === 1) this.refuse(row, 'The task is already finished');
    const at = when.toISOString();
    return this.apply(
      auth,
      row,
      () => ({
        ...this.closePause(row, when),
        status: 5,
        finished: 1,
        finish_mode: 2,
        finished_at: at,
      }),
      (trx) => this.consumeStock(trx, auth, row),
    );
  }

  async text(auth: Auth, id: number, field: 'report' | 'pendency', value: string | undefined) {
    const row = await this.load(auth, id);
    if (value === undefined) throw FieldError.of(field, `The ${field} field is required.`);
    this.requireInExecution(row);
    return this.apply(auth, row, () => ({ [field]: value }));
  }

  async signature(auth: Auth, id: number, body: { name?: string; document?: string; image?: string }) {
    const row = await this.load(auth, id);
    const errors: Record<string, string[]> = {};
    if (!body.name?.trim()) errors.name = ['The name field is required.'];
    if (!body.image?.trim()) errors.image = ['The image field is required.'];
    if (Object.keys(errors).length) throw new FieldError(errors);
    this.requireInExecution(row);
    const decoded = this.deps.files.decodeUpload('image', body.image, { allowNameless: true, defaultName: 'signature' });
    let url = '';
    const w = await this.tasks.mutate(auth, row, 'Alteracao', async (trx, now) => {
      await this.deps.files.removeFor(trx, auth.accountId, SIGNATURE_ENTITY, row.id);
      const saved = await this.deps.files.save(
        trx,
        auth.accountId,
        { entity: SIGNATURE_ENTITY, entityId: row.id, insertedBy: row.user_to_id ?? undefined },
        decoded,
      );
      url = saved.url;
      await repo.updateTask(trx, auth.accountId, row.id, {
        signature_url: url,
        signature_name: (body.name as string).trim(),
        signature_document: body.document?.trim() ?? '',
        updated_at: now,
      });
    });
    return w.dto('get');
  }

  async answers(auth: Auth, id: number, body: { answers?: { questionId?: number; reply?: string | number | boolean }[] }) {
    const row = await this.load(auth, id);
    const list = body.answers;
    if (!Array.isArray(list) || list.length === 0) throw FieldError.of('answers', 'The answers field is required.');
    if (!row.questionnaire_id) throw FieldError.of('questionnaireId', 'The task has no questionnaire to answer.');
    this.requireInExecution(row);
    const q = await this.services.questionnaires.findById(auth.accountId, row.questionnaire_id);
    if (!q) throw FieldError.of('questionnaireId', `The questionnaire '${row.questionnaire_id}' no longer exists.`);
    const questionIds = new Set(q.questions.map((x) => x.id));
    const errors: Record<string, string[]> = {};
    list.forEach((a, i) => {
      if (a.questionId === undefined) errors[`answers[${i}].questionId`] = ['The questionId field is required.'];
      else if (!questionIds.has(a.questionId))
        errors[`answers[${i}].questionId`] = [`The question '${a.questionId}' is not part of questionnaire '${q.id}'.`];
      if (a.reply === undefined || a.reply === null) errors[`answers[${i}].reply`] = ['The reply field is required.'];
    });
    if (Object.keys(errors).length) throw new FieldError(errors);
    const at = this.deps.clock.now().toISOString();
    const stored = JSON.parse(row.answers) as { itemId: string; questionnaireId: number; answers: unknown[] }[];
    const others = stored.filter((s) => s.questionnaireId !== q.id);
    const entry = {
      itemId: String(stored.find((s) => s.questionnaireId === q.id)?.itemId ?? others.length + 1),
      questionnaireId: q.id,
      answers: list.map((a, i) => ({ questionId: a.questionId as number, replyId: i + 1, reply: String(a.reply), replyDate: at })),
    };
    return this.apply(auth, row, () => ({ answers: JSON.stringify([...others, entry]) }));
  }

  /**
   * The live `PUT /tasks/{id}/questionnaire-response`: one reply to one question of a questionnaire,
   * in any state of the task (it is the back office writing, not the phone). It lands in the task's
   * `questionnaires`: a reply to a question already answered replaces it; the first reply to a
   * questionnaire adds its item (with `itemID`, else the next number).
   */
  async questionnaireResponse(auth: Auth, id: number, body: QuestionnaireResponseBody) {
    const row = await this.load(auth, id);
    const q = await this.services.questionnaires.findById(auth.accountId, body.codigoChecklist);
    const errors: Record<string, string[]> = {};
    if (!q) errors.codigoChecklist = [`The questionnaire '${body.codigoChecklist}' does not exist in this account.`];
    else if (!q.questions.some((x) => x.id === body.codigoPergunta))
      errors.codigoPergunta = [`The question '${body.codigoPergunta}' is not part of questionnaire '${q.id}'.`];
    const equipment = body.codigoEquipamento;
    if (
      equipment !== undefined &&
      equipment !== null &&
      !(await this.services.equipments.existingIds(auth.accountId, [equipment])).has(equipment)
    )
      errors.codigoEquipamento = [`The equipment '${equipment}' does not exist in this account.`];
    const itemId = body.itemID === undefined ? undefined : String(body.itemID).trim();
    if (itemId === '') errors.itemID = ['The itemID field must not be empty.'];
    if (Object.keys(errors).length || !q) throw new FieldError(errors);
    const at = this.deps.clock.now().toISOString();
    const stored = JSON.parse(row.answers) as { itemId: string; questionnaireId: number; answers: StoredReply[] }[];
    const current = stored.find((s) => s.questionnaireId === q.id);
    const replies = current?.answers ?? [];
    const previous = replies.find((a) => a.questionId === body.codigoPergunta);
    const reply: StoredReply = {
      questionId: body.codigoPergunta,
      replyId: previous?.replyId ?? Math.max(0, ...replies.map((a) => a.replyId)) + 1,
      reply: String(body.resposta),
      replyDate: at,
    };
    const entry = {
      itemId: current?.itemId ?? itemId ?? String(stored.length + 1),
      questionnaireId: q.id,
      answers: previous ? replies.map((a) => (a === previous ? reply : a)) : [...replies, reply],
    };
    const next = current ? stored.map((s) => (s === current ? entry : s)) : [...stored, entry];
    return this.apply(auth, row, () => ({ answers: JSON.stringify(next) }));
  }

  async km(auth: Auth, id: number, body: { km?: number | string }) {
    const row = await this.load(auth, id);
    const km = parseDecimal(body.km);
    if (body.km === undefined) throw FieldError.of('km', 'The km field is required.');
    if (km === undefined || km < 0) throw FieldError.of('km', `The value '${String(body.km)}' is not a valid distance.`);
    this.requireInExecution(row);
    const v = roundTo(km, 2);
    return this.apply(auth, row, () => ({ inputed_km: v, adopted_km: v }));
  }

  /** Products the technician used: product lines at the catalog price, attributed to the assignee. */
  async productsUsed(auth: Auth, id: number, body: { products?: { productId?: string; quantity?: number | string }[] }) {
    const row = await this.load(auth, id);
    const list = body.products;
    if (!Array.isArray(list) || list.length === 0) throw FieldError.of('products', 'The products field is required.');
    const userId = this.requireAssignee(row);
    this.requireInExecution(row);
    const errors: Record<string, string[]> = {};
    const lines: LineValues[] = [];
    for (const [i, p] of list.entries()) {
      const guid = p.productId?.trim().toLowerCase() ?? '';
      const qty = parseDecimal(p.quantity);
      if (qty === undefined || qty <= 0)
        errors[`products[${i}].quantity`] = [`The value '${String(p.quantity ?? '')}' is not a valid quantity.`];
      const product = guid ? await findProduct(this.services, auth.accountId, guid) : undefined;
      if (!product) errors[`products[${i}].productId`] = [`The product '${p.productId ?? ''}' does not exist in this account.`];
      if (product && qty !== undefined && qty > 0) {
        lines.push({ guid, quantity: roundTo(qty, 4), unitaryValue: product.unitaryValue, discountType: 0, discountValue: 0 });
      }
    }
    if (Object.keys(errors).length) throw new FieldError(errors);
    const extra = emptyRefs();
    for (const l of lines) extra.products.add(l.guid);
    const w = await this.tasks.mutate(
      auth,
      row,
      'Alteracao',
      async (trx, now) => {
        for (const l of lines) await this.tasks.saveLine(trx, auth.accountId, row.id, 'product', l, userId, now);
        await repo.updateTask(trx, auth.accountId, row.id, { updated_at: now });
      },
      extra,
    );
    return w.dto('get');
  }

  /** The customer's answer to the task's satisfaction survey (the `survey` URL). */
  async surveyAnswer(accountId: number, row: repo.TaskRow, body: SurveyAnswerBody) {
    const errors: Record<string, string[]> = {};
    const email = body.email?.trim() ?? '';
    if (!email) errors.email = ['The email field is required.'];
    else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.email = [`The value '${email}' is not a valid e-mail address.`];
    const list = body.answers;
    if (!Array.isArray(list) || list.length === 0) errors.answers = ['The answers field is required.'];
    (list ?? []).forEach((a, i) => {
      if (!a.question?.trim()) errors[`answers[${i}].question`] = ['The question field is required.'];
      if (a.answer === undefined || String(a.answer).trim() === '') errors[`answers[${i}].answer`] = ['The answer field is required.'];
      if (a.score !== undefined && (a.score < 0 || a.score > 10)) errors[`answers[${i}].score`] = ['The score must be between 0 and 10.'];
    });
    if (Object.keys(errors).length) throw new FieldError(errors);
    if (row.send_survey !== 1) throw FieldError.of('sendSatisfactionSurvey', 'No satisfaction survey was sent for this task.');
    if (row.finished !== 1) throw FieldError.of('taskStatus', 'The satisfaction survey opens once the task is finished.');
    const submission = await this.deps.db.transaction().execute((trx) =>
      this.services.satisfactionSurveys.record(trx, accountId, row.id, {
        email,
        answers: (list ?? []).map((a) => ({
          question: (a.question as string).trim(),
          answer: String(a.answer).trim(),
          score: a.score ?? 0,
        })),
      }),
    );
    return { taskID: row.id, submission, answers: list?.length ?? 0 };
  }

  /**
   * Finishing consumes the assignee's stock of the task's products (visible on the product's
   * employeesStock and lastStockMovement), in the task's own transaction.
   */
  private async consumeStock(trx: Transaction<DB>, auth: Auth, row: repo.TaskRow): Promise<void> {
    const userId = row.user_to_id;
    if (!userId) return;
    const lines = (await repo.linesOf(trx, auth.accountId, [row.id])).filter((l) => l.kind === 'product');
    for (const l of lines) await this.services.products.consumeEmployeeStock(trx, auth, l.item_guid, userId, l.quantity);
  }
}
