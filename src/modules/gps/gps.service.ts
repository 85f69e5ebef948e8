import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Auth } from '../../core/auth.js';
import type { ServiceDeps, Services } from '../../core/context.js';
import { formatLocal, parseLocal } from '../../core/dates.js';
import { EnvelopeError, FieldError } from '../../core/errors.js';
import { decodeParamFilter, type ListQueryInput, parsePaging, requireFilterKeys } from '../../core/listing.js';
import * as repo from './gps.repo.js';
import { GpsFilter, type GpsPositionDto, type GpsRecordBody } from './gps.schema.js';

declare module '../../core/context.js' {
  interface Services {
    gps: GpsService;
  }
}

export interface PositionInput {
  userId: number;
  /** ISO-8601 UTC instant. */
  at: string;
  latitude: number;
  longitude: number;
  accuracy?: number;
  batteryLevel?: number;
  networkOperatorName?: string;
}

export class GpsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly services: Services,
  ) {}

  private toDto(r: repo.GpsRow): GpsPositionDto {
    return {
      userId: r.user_id,
      positionDate: formatLocal(r.position_at, this.deps.timeZone),
      latitude: r.latitude,
      longitude: r.longitude,
      accuracy: r.accuracy,
      batteryLevel: r.battery_level,
      NetworkOperatorName: r.network_operator,
    };
  }

  async list(auth: Auth, q: ListQueryInput) {
    const { filter, text } = decodeParamFilter(GpsFilter, q.paramFilter, 'ParamGpsFilter');
    if (q.paramFilter === undefined) throw new EnvelopeError('The paramFilter is required as ParamGpsFilter string json.');
    requireFilterKeys(filter, ['date'], 'ParamGpsFilter');
    const f = filter as GpsFilter;
    const paging = parsePaging(q);
    const day = /^\s*(\d{4}-\d{2}-\d{2})/.exec(f.date as string)?.[1];
    const start = day ? parseLocal(day, this.deps.timeZone) : undefined;
    if (!start || !parseLocal((f.date as string).trim(), this.deps.timeZone)) {
      throw new EnvelopeError(`The paramFilter field 'date' is not valid for ParamGpsFilter.`);
    }
    // The next local midnight (a day is not always 24 h across a daylight-saving change).
    const next = new Date(start.getTime() + 36 * 3_600_000);
    const end = parseLocal(formatLocal(next, this.deps.timeZone).slice(0, 10), this.deps.timeZone) as Date;
    const { rows, total } = await repo.listPositions(
      this.deps.db,
      auth.accountId,
      { from: start.toISOString(), to: end.toISOString(), userId: f.userId, lastKnown: f.getLastKnowPosition === true },
      paging,
    );
    return { items: rows.map((r) => this.toDto(r)), total, paging, filterText: text };
  }

  /** Records a position (inside the caller's transaction: check-in/out report one). */
  async record(trx: Transaction<DB>, accountId: number, p: PositionInput): Promise<GpsPositionDto> {
    const row = await repo.insertPosition(trx, {
      account_id: accountId,
      user_id: p.userId,
      position_at: p.at,
      latitude: p.latitude,
      longitude: p.longitude,
      accuracy: p.accuracy ?? 0,
      battery_level: p.batteryLevel ?? 0,
      network_operator: p.networkOperatorName ?? '',
      created_at: this.deps.clock.now().toISOString(),
    });
    return this.toDto(row);
  }

  /** Campo extension: a phone reports where it is. */
  async report(auth: Auth, body: GpsRecordBody): Promise<GpsPositionDto> {
    const known = await this.services.users.existingIds(auth.accountId, [body.userId]);
    if (!known.has(body.userId)) throw FieldError.of('userId', `The user '${body.userId}' does not exist in this account.`);
    let at = this.deps.clock.now();
    if (body.positionDate !== undefined) {
      const d = parseLocal(body.positionDate, this.deps.timeZone);
      if (!d) throw FieldError.of('positionDate', `The value '${body.positionDate}' is not a valid date (yyyy-MM-ddTHH:mm:ss).`);
      at = d;
    }
    return this.deps.db.transaction().execute((trx) =>
      this.record(trx, auth.accountId, {
        userId: body.userId,
        at: at.toISOString(),
        latitude: body.latitude,
        longitude: body.longitude,
        accuracy: body.accuracy,
        batteryLevel: body.batteryLevel,
        networkOperatorName: body.networkOperatorName,
      }),
    );
  }
}
