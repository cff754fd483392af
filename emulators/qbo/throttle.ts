import type { EmulatorClock } from '../common/clock.js';
import type { QboEmulatorSettings } from './settings.js';

export type ThrottleVerdict = 'ok' | 'perMinute' | 'concurrency' | 'batchPerMinute';

/** Timestamps (nominal ms) of accepted requests within a sliding window. */
class SlidingWindow {
  private readonly stamps: number[] = [];
  private head = 0;

  count(now: number, windowMs: number): number {
    while (this.head < this.stamps.length && (this.stamps[this.head] ?? 0) <= now - windowMs) this.head++;
    if (this.head > 1024) {
      this.stamps.splice(0, this.head);
      this.head = 0;
    }
    return this.stamps.length - this.head;
  }

  add(now: number): void {
    this.stamps.push(now);
  }
}

interface Bucket {
  minute: SlidingWindow;
  second: SlidingWindow;
  batch: SlidingWindow;
  inFlight: number;
}

/**
 * QBO's limits per realm per app: requests per minute, concurrent requests (or per second), batches per minute.
 * Windows are measured in nominal time, so a time scale shrinks them. Rejected requests are not counted.
 */
export class Throttler {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly settings: () => QboEmulatorSettings['throttle'],
  ) {}

  private bucket(key: string): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = { minute: new SlidingWindow(), second: new SlidingWindow(), batch: new SlidingWindow(), inFlight: 0 };
      this.buckets.set(key, b);
    }
    return b;
  }

  /** Admits a request or says which limit it hit; an admitted request must be `release`d when answered. */
  acquire(key: string, isBatch: boolean): ThrottleVerdict {
    const s = this.settings();
    const b = this.bucket(key);
    if (!s.enabled) {
      b.inFlight++;
      return 'ok';
    }
    const now = this.clock.nominalElapsedMs();
    if (b.minute.count(now, 60_000) >= s.requestsPerMinute) return 'perMinute';
    if (
      s.concurrencyMode === 'inFlight'
        ? b.inFlight >= s.concurrentLimit
        : b.second.count(now, 1000) >= s.concurrentLimit
    ) {
      return 'concurrency';
    }
    if (isBatch && b.batch.count(now, 60_000) >= s.batchesPerMinute) return 'batchPerMinute';
    b.minute.add(now);
    b.second.add(now);
    if (isBatch) b.batch.add(now);
    b.inFlight++;
    return 'ok';
  }

  release(key: string): void {
    const b = this.buckets.get(key);
    if (b && b.inFlight > 0) b.inFlight--;
  }

  reset(): void {
    this.buckets.clear();
  }
}
