import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorClock } from './clock.js';
import type { FaultCounters } from './fault-counters.js';

export const webhookDeliverySettingsSchema = z.object({
  /** Nominal delays before each retry; after the last one the delivery is abandoned. */
  retryScheduleMs: z.array(z.number().min(0)),
  /** Nominal time the receiver has to answer before the attempt counts as failed. */
  responseTimeoutMs: z.number().positive(),
  /** Probability that an acknowledged delivery is sent a second time, byte-for-byte. */
  duplicateRate: z.number().min(0).max(1),
  /** Probability that a delivery is silently never sent. */
  dropRate: z.number().min(0).max(1),
  /** Probability that a delivery swaps places with the next one queued for the same target. */
  reorderRate: z.number().min(0).max(1),
});
export type WebhookDeliverySettings = z.infer<typeof webhookDeliverySettingsSchema>;

export interface WebhookDelivery {
  url: string;
  body: string | Buffer;
  headers: Record<string, string>;
}

export type DeliveryOutcome = 'delivered' | 'failed' | 'abandoned' | 'dropped' | 'duplicate';

/** One row per attempt (or per decision for drops). */
export interface DeliveryRecord {
  id: string;
  url: string;
  attempt: number;
  outcome: DeliveryOutcome;
  status?: number;
  error?: string;
  startedAt: string;
  finishedAt: string;
}

export interface WebhookDispatcherOptions {
  clock: EmulatorClock;
  rng: () => number;
  settings: () => WebhookDeliverySettings;
  counters?: FaultCounters;
  /** Oldest history rows are discarded beyond this many (benchmarks send a lot). */
  historyLimit?: number;
  /**
   * Lower bound for the real response timeout: a large time scale must not shrink it below what a loopback
   * round trip needs under load. Defaults to 1000 ms.
   */
  minRealTimeoutMs?: number;
}

interface Queued extends WebhookDelivery {
  id: string;
}

/**
 * Delivers webhook POSTs per target URL in FIFO order with head-of-line blocking: the next delivery to a
 * target waits until the current one is acknowledged (2xx) or abandoned after the retry schedule.
 */
export class WebhookDispatcher {
  private readonly queues = new Map<string, Queued[]>();
  private readonly running = new Set<string>();
  private readonly records: DeliveryRecord[] = [];
  private idleWaiters: (() => void)[] = [];
  private readonly abort = new AbortController();

  constructor(private readonly opts: WebhookDispatcherOptions) {}

  /** Queues a delivery and returns its id. */
  enqueue(delivery: WebhookDelivery): string {
    if (this.abort.signal.aborted) throw new Error('WebhookDispatcher is closed');
    const id = randomUUID();
    const queue = this.queues.get(delivery.url) ?? [];
    queue.push({ ...delivery, id });
    this.queues.set(delivery.url, queue);
    if (!this.running.has(delivery.url)) {
      this.running.add(delivery.url);
      // Start on the next turn so deliveries enqueued together are all queued (and reorderable) first.
      setImmediate(() => void this.drain(delivery.url));
    }
    return id;
  }

  history(): DeliveryRecord[] {
    return [...this.records];
  }

  clearHistory(): void {
    this.records.length = 0;
  }

  pending(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.length;
    return n;
  }

  /** Resolves once every queue is empty and nothing is in flight or waiting to retry. */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops all deliveries (in-flight requests and retry waits are aborted) and drops what is queued. */
  async close(): Promise<void> {
    this.abort.abort();
    this.queues.clear();
    await this.idle();
  }

  private async drain(url: string): Promise<void> {
    try {
      for (;;) {
        const queue = this.queues.get(url);
        const head = queue?.[0];
        if (!queue || !head || this.abort.signal.aborted) break;
        const settings = this.opts.settings();
        // Reordering sends the second-in-line first; the skipped head stays at the front for the next turn.
        const reorder = queue.length > 1 && settings.reorderRate > 0 && this.opts.rng() < settings.reorderRate;
        if (reorder) this.opts.counters?.add('webhookReorder');
        const item = reorder ? queue.splice(1, 1)[0] : queue.shift();
        if (item) await this.deliver(item, settings);
      }
    } finally {
      this.queues.delete(url);
      this.running.delete(url);
      if (this.running.size === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }

  private async deliver(item: Queued, settings: WebhookDeliverySettings): Promise<void> {
    if (settings.dropRate > 0 && this.opts.rng() < settings.dropRate) {
      this.opts.counters?.add('webhookDrop');
      const at = this.opts.clock.now().toISOString();
      this.record({ id: item.id, url: item.url, attempt: 0, outcome: 'dropped', startedAt: at, finishedAt: at });
      return;
    }
    for (let attempt = 1; ; attempt++) {
      const ok = await this.attempt(item, attempt, 'delivered', settings);
      if (this.abort.signal.aborted) return;
      if (ok) {
        if (settings.duplicateRate > 0 && this.opts.rng() < settings.duplicateRate) {
          this.opts.counters?.add('webhookDuplicate');
          await this.attempt(item, attempt, 'duplicate', settings);
        }
        return;
      }
      const wait = settings.retryScheduleMs[attempt - 1];
      if (wait === undefined) {
        const at = this.opts.clock.now().toISOString();
        this.record({ id: item.id, url: item.url, attempt, outcome: 'abandoned', startedAt: at, finishedAt: at });
        return;
      }
      try {
        await this.opts.clock.sleep(wait, this.abort.signal);
      } catch {
        return;
      }
    }
  }

  /** One POST; true when the receiver acknowledged with 2xx in time. */
  private async attempt(
    item: Queued,
    attempt: number,
    successOutcome: 'delivered' | 'duplicate',
    settings: WebhookDeliverySettings,
  ): Promise<boolean> {
    const startedAt = this.opts.clock.now().toISOString();
    const realTimeout = Math.max(
      this.opts.minRealTimeoutMs ?? 1000,
      this.opts.clock.scaled(settings.responseTimeoutMs),
    );
    const timeout = AbortSignal.timeout(realTimeout);
    const base = { id: item.id, url: item.url, attempt, startedAt };
    try {
      const res = await fetch(item.url, {
        method: 'POST',
        headers: item.headers,
        body: item.body,
        signal: AbortSignal.any([timeout, this.abort.signal]),
      });
      await res.arrayBuffer();
      const ok = res.status >= 200 && res.status < 300;
      const outcome = ok ? successOutcome : 'failed';
      this.record({ ...base, outcome, status: res.status, finishedAt: this.opts.clock.now().toISOString() });
      return ok;
    } catch (err) {
      const error = timeout.aborted ? 'timeout' : err instanceof Error ? err.message : String(err);
      this.record({ ...base, outcome: 'failed', error, finishedAt: this.opts.clock.now().toISOString() });
      return false;
    }
  }

  private record(row: DeliveryRecord): void {
    this.records.push(row);
    const limit = this.opts.historyLimit ?? 10_000;
    if (this.records.length > limit) this.records.splice(0, this.records.length - limit);
  }
}
