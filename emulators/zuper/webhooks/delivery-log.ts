import { createHash } from 'node:crypto';
import type { DeliveryRecord } from '../../common/webhook-dispatcher.js';

/** What Zuper knows about one queued delivery: whose it is, which webhook, the exact body sent. */
export interface DeliveryMeta {
  deliveryId: string;
  companyUid: string;
  webhookUid: string;
  /** The webhook as it was when the event fired. */
  webhook: Record<string, unknown>;
  url: string;
  headers: Record<string, string>;
  requestBody: string;
}

/** A `webhook_history` row. */
export interface HistoryRow {
  webhook_history_uid: string;
  ip: string;
  response_status: number;
  request_body: string;
  response_body: string;
  type: 'AUTOMATICALLY_TRIGGERED' | 'MANUALLY_TRIGGERED';
  attempt_no: number;
  created_at: string;
  webhook: Record<string, unknown>;
}

interface ManualRow extends HistoryRow {
  companyUid: string;
  deliveryId: string;
}

/** A stable uuid-shaped id for one dispatcher attempt, so history uids survive re-reading the history. */
function attemptUid(record: DeliveryRecord): string {
  const h = createHash('sha1').update(`${record.id}:${record.attempt}:${record.outcome}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Joins the shared dispatcher's attempt records with Zuper's view of each delivery to produce Zuper's
 * webhook history; manual retries (sent outside the dispatcher) are kept here. Bounded like the dispatcher.
 */
export class DeliveryLog {
  private readonly metas = new Map<string, DeliveryMeta>();
  private readonly manual: ManualRow[] = [];

  constructor(private readonly limit = 10_000) {}

  add(meta: DeliveryMeta): void {
    this.metas.set(meta.deliveryId, meta);
    if (this.metas.size > this.limit) {
      const oldest = this.metas.keys().next().value;
      if (oldest !== undefined) this.metas.delete(oldest);
    }
  }

  meta(deliveryId: string): DeliveryMeta | undefined {
    return this.metas.get(deliveryId);
  }

  addManual(row: HistoryRow, companyUid: string, deliveryId: string): void {
    this.manual.push({ ...row, companyUid, deliveryId });
    if (this.manual.length > this.limit) this.manual.shift();
  }

  /** One company's history rows with the delivery each belongs to, newest first. */
  rows(companyUid: string, attempts: readonly DeliveryRecord[]): { row: HistoryRow; deliveryId: string }[] {
    const out: { row: HistoryRow; deliveryId: string }[] = [];
    for (const record of attempts) {
      // Drops were never sent and "abandoned" only closes a delivery: neither is an execution in Zuper's history.
      if (record.outcome === 'dropped' || record.outcome === 'abandoned') continue;
      const meta = this.metas.get(record.id);
      if (!meta || meta.companyUid !== companyUid) continue;
      out.push({
        deliveryId: record.id,
        row: {
          webhook_history_uid: attemptUid(record),
          ip: '127.0.0.1',
          response_status: record.status ?? 0,
          request_body: meta.requestBody,
          response_body: record.error ?? '',
          type: 'AUTOMATICALLY_TRIGGERED',
          attempt_no: record.attempt,
          created_at: record.startedAt,
          webhook: meta.webhook,
        },
      });
    }
    for (const { companyUid: owner, deliveryId, ...row } of this.manual) {
      if (owner === companyUid) out.push({ row, deliveryId });
    }
    return out.sort((a, b) => (a.row.created_at < b.row.created_at ? 1 : a.row.created_at > b.row.created_at ? -1 : 0));
  }

  clear(): void {
    this.metas.clear();
    this.manual.length = 0;
  }
}
