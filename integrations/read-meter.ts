import type { Store } from './store.js';
import { meteredMonth } from '../domain/metered-reads.js';

/** How often counted reads are written to the store; a crash loses at most this much of counting. */
export const readMeterFlushMs = 2_000;

export interface ReadMeter {
  /** Counts `reads` metered reads of one connection now; in memory, written within `readMeterFlushMs`. */
  count(connectionId: string, reads: number): void;
  /** Writes what is counted so far (one statement); counts a failed write keeps for the next flush. */
  flush(): Promise<void>;
  /** Counted reads of `month` not yet written, per connection. */
  pending(month: string): Map<string, number>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
}

/**
 * Counts metered QuickBooks reads without a database round trip per call: increments add up in memory per
 * (connection, month) and one upsert writes them every couple of seconds. A crash of the process loses at most
 * the last `readMeterFlushMs` of counts (the usage then reads slightly low, never high).
 */
export function createReadMeter(
  store: Pick<Store, 'meteredReads'>,
  opts: { flushMs?: number; now?: () => Date; onError?: (error: unknown) => void } = {},
): ReadMeter {
  const now = opts.now ?? (() => new Date());
  let counts = new Map<string, { connectionId: string; month: string; reads: number }>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  const write = async () => {
    if (counts.size === 0) return;
    const batch = [...counts.values()];
    counts = new Map();
    try {
      await store.meteredReads.add(batch);
    } catch (error) {
      for (const c of batch) add(c.connectionId, c.month, c.reads);
      opts.onError?.(error);
    }
  };
  const flush = () => {
    flushing = flushing.then(write);
    return flushing;
  };
  const add = (connectionId: string, month: string, reads: number) => {
    const key = `${month}\u0000${connectionId}`;
    const entry = counts.get(key) ?? { connectionId, month, reads: 0 };
    entry.reads += reads;
    counts.set(key, entry);
  };

  return {
    count(connectionId, reads) {
      if (reads <= 0) return;
      add(connectionId, meteredMonth(now()), reads);
      timer ??= setTimeout(() => {
        timer = undefined;
        void flush();
      }, opts.flushMs ?? readMeterFlushMs).unref();
    },
    flush,
    pending(month) {
      const out = new Map<string, number>();
      for (const c of counts.values()) if (c.month === month) out.set(c.connectionId, c.reads);
      return out;
    },
    async close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await flush();
    },
  };
}
