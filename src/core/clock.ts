// Time is injected so tests can move it; nothing else in the code calls Date.now().
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-01-15T12:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** What the operator set: the base clock as is, shifted by an offset, or stopped at an instant. */
export interface ClockState {
  /** Milliseconds added to the base clock while running. */
  offsetMs: number;
  /** Epoch milliseconds the clock is stopped at, or null while it runs. */
  frozenAtMs: number | null;
}

export const SYSTEM_CLOCK_STATE: ClockState = Object.freeze({ offsetMs: 0, frozenAtMs: null });

/**
 * The server clock every rule reads (token expiry, dateLastUpdate, task windows, webhook
 * retries, the rate-limit window): the base clock, optionally shifted or frozen by the operator
 * through the admin API. Time never moves backwards through set/advance; only `reset` (back to
 * the base clock) may, and says so.
 */
export class ControlledClock implements Clock {
  private state: ClockState = SYSTEM_CLOCK_STATE;

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return new Date(this.nowMs());
  }

  /** The clock underneath (the system clock when serving). */
  baseNow(): Date {
    return this.base.now();
  }

  private nowMs(): number {
    return this.state.frozenAtMs ?? this.base.now().getTime() + this.state.offsetMs;
  }

  get current(): ClockState {
    return this.state;
  }

  /** Adopts a state read from the store (another node may have changed it). */
  load(state: ClockState): void {
    this.state = Object.freeze({ ...state });
  }

  /** Moves to `atMs` (not earlier than now), keeping the clock frozen or running as it was. */
  set(atMs: number): ClockState {
    if (atMs < this.nowMs()) throw new RangeError('backwards');
    this.state =
      this.state.frozenAtMs === null
        ? { offsetMs: atMs - this.base.now().getTime(), frozenAtMs: null }
        : { ...this.state, frozenAtMs: atMs };
    return this.state;
  }

  /** Stops the clock at `atMs` (default: now; not earlier than now). */
  freeze(atMs?: number): ClockState {
    const at = atMs ?? this.nowMs();
    if (at < this.nowMs()) throw new RangeError('backwards');
    this.state = { offsetMs: this.state.offsetMs, frozenAtMs: at };
    return this.state;
  }

  /** Lets a frozen clock run again from where it stood. */
  resume(): ClockState {
    if (this.state.frozenAtMs !== null) this.state = { offsetMs: this.state.frozenAtMs - this.base.now().getTime(), frozenAtMs: null };
    return this.state;
  }

  advance(ms: number): ClockState {
    if (ms < 0) throw new RangeError('backwards');
    this.state =
      this.state.frozenAtMs === null
        ? { offsetMs: this.state.offsetMs + ms, frozenAtMs: null }
        : { ...this.state, frozenAtMs: this.state.frozenAtMs + ms };
    return this.state;
  }

  /** Back to the base clock (the one move that may go backwards). */
  reset(): ClockState {
    this.state = SYSTEM_CLOCK_STATE;
    return this.state;
  }
}
