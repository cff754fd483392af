import { setTimeout as delay } from 'node:timers/promises';

export interface EmulatorClockOptions {
  /** > 1 shrinks every nominal delay (retry schedules, rate-limit windows) by this factor. */
  timeScale?: number;
  /** Simulated "now" at construction; defaults to the real current time. */
  startAt?: Date;
}

/**
 * Simulated time for an emulator. `now()` follows real time from `startAt` plus whatever `advance()` added
 * (token expiry, CDC windows). Delays and windows are nominal durations shrunk by `timeScale`.
 */
export class EmulatorClock {
  readonly timeScale: number;
  private readonly startWall: number;
  private readonly startReal: number;
  private offsetMs = 0;

  constructor(opts: EmulatorClockOptions = {}) {
    const scale = opts.timeScale ?? 1;
    if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`timeScale must be > 0, got ${scale}`);
    this.timeScale = scale;
    this.startReal = performance.now();
    this.startWall = (opts.startAt ?? new Date()).getTime();
  }

  now(): Date {
    return new Date(this.startWall + (performance.now() - this.startReal) + this.offsetMs);
  }

  /** Moves simulated time forward (never backward). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance() needs a non-negative duration, got ${ms}`);
    this.offsetMs += ms;
  }

  /** Real milliseconds to wait for a nominal delay. */
  scaled(ms: number): number {
    return ms / this.timeScale;
  }

  /**
   * Nominal milliseconds elapsed since construction: real elapsed time stretched by `timeScale`, plus
   * `advance()`. Sliding windows (rate limits) measure against this so they shrink with the time scale.
   */
  nominalElapsedMs(): number {
    return (performance.now() - this.startReal) * this.timeScale + this.offsetMs;
  }

  async sleep(nominalMs: number, signal?: AbortSignal): Promise<void> {
    await delay(this.scaled(nominalMs), undefined, signal ? { signal } : undefined);
  }
}
