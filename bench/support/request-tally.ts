import { z } from 'zod';
import type { RequestLogEntry, RequestLogFilter } from '../../emulators/common/admin.js';

interface RequestLogSource {
  requestLog(filter?: RequestLogFilter): RequestLogEntry[];
}

/**
 * Keeps every request an emulator logs from `start()` on. The emulators keep only their latest 10,000 entries, so
 * long runs are collected every half second. Entries are kept by reference: a request still in flight when collected
 * gets its status when it is answered.
 */
export class RequestTally {
  private readonly collected: RequestLogEntry[] = [];
  private lastSeq = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly source: RequestLogSource) {}

  /** Forgets what came before: only requests after this call are kept. */
  start(): this {
    this.lastSeq = this.source.requestLog().at(-1)?.seq ?? 0;
    this.collected.length = 0;
    this.timer = setInterval(() => this.collect(), 500);
    return this;
  }

  stop(): RequestLogEntry[] {
    clearInterval(this.timer);
    this.collect();
    return this.entries();
  }

  entries(): RequestLogEntry[] {
    this.collect();
    return [...this.collected];
  }

  private collect(): void {
    const fresh = this.source.requestLog({ afterSeq: this.lastSeq });
    if (fresh.length === 0) return;
    if (fresh[0]!.seq !== this.lastSeq + 1)
      throw new Error(`request log overflowed: lost entries after ${this.lastSeq}`);
    this.collected.push(...fresh);
    this.lastSeq = fresh.at(-1)!.seq;
  }
}

/** Requests the emulator accepted (anything but 429), which is what its rate windows count. */
export const accepted = (entries: readonly RequestLogEntry[]) => entries.filter((e) => e.status !== 429);
export const throttled = (entries: readonly RequestLogEntry[]) => entries.filter((e) => e.status === 429);

const batchBodySchema = z.object({ BatchItemRequest: z.array(z.looseObject({ Query: z.string().optional() })) });

/** QuickBooks calls metered per app ("CorePlus"): every answered read or query, a batch's queries one by one. */
export function meteredReadsReceived(entries: readonly RequestLogEntry[]): number {
  return accepted(entries)
    .filter((e) => e.path.includes('/v3/company/'))
    .reduce((sum, e) => {
      if (e.method === 'GET') return sum + 1;
      const batch = batchBodySchema.safeParse(e.body);
      return sum + (batch.success ? batch.data.BatchItemRequest.filter((op) => op.Query !== undefined).length : 0);
    }, 0);
}

/** `GET /v3/company/:id/item/:id`: a request's method and path with its ids replaced, so calls of one kind group. */
export function endpointOf(e: Pick<RequestLogEntry, 'method' | 'path'>): string {
  const path = e.path
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) || (segment.length > 12 && /\d/.test(segment)) ? ':id' : segment))
    .join('/');
  return `${e.method} ${path}`;
}

/** `GET /v3/company/:id/query ×11, POST …`: calls grouped by method and path, ids replaced. */
export function callBreakdown(entries: readonly RequestLogEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) {
    const key = endpointOf(e);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key} ×${n}`).join(', ') || 'none';
}
