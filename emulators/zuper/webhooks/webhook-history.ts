import type { EmulatorClock } from '../../common/clock.js';
import type { WebhookDispatcher } from '../../common/webhook-dispatcher.js';
import type { IdGenerator } from '../ids.js';
import type { ZuperEmulatorSettings } from '../settings.js';
import type { CompanyStore } from '../store/company-store.js';
import type { DeliveryLog, HistoryRow } from './delivery-log.js';

/** Sends one attempt and reports the receiver's answer (status 0 when it never answered). */
async function sendOnce(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  try {
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.text() };
  } catch (err) {
    return { status: 0, body: err instanceof Error ? err.message : String(err) };
  }
}

/** Zuper's webhook history per company, and the manual "retrigger" of one of its rows. */
export class WebhookHistory {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly log: DeliveryLog,
    private readonly clock: EmulatorClock,
    private readonly ids: IdGenerator,
    private readonly settings: () => ZuperEmulatorSettings,
  ) {}

  rows(company: CompanyStore): HistoryRow[] {
    return this.log.rows(company.identity.company_uid, this.dispatcher.history()).map(({ row }) => row);
  }

  /** Re-sends the request of a history row once, synchronously; undefined when the row is unknown. */
  async retry(company: CompanyStore, historyUid: string): Promise<HistoryRow | undefined> {
    const rows = this.log.rows(company.identity.company_uid, this.dispatcher.history());
    const hit = rows.find(({ row }) => row.webhook_history_uid === historyUid);
    const meta = hit && this.log.meta(hit.deliveryId);
    if (!hit || !meta) return undefined;
    const attempts = rows.filter(({ deliveryId }) => deliveryId === hit.deliveryId).map(({ row }) => row.attempt_no);
    const createdAt = this.clock.now().toISOString();
    const timeout = Math.max(1, this.clock.scaled(this.settings().webhooks.delivery.responseTimeoutMs));
    const answer = await sendOnce(meta.url, meta.headers, meta.requestBody, timeout);
    const row: HistoryRow = {
      webhook_history_uid: this.ids.uuid(),
      ip: '127.0.0.1',
      response_status: answer.status,
      request_body: meta.requestBody,
      response_body: answer.body,
      type: 'MANUALLY_TRIGGERED',
      attempt_no: Math.max(...attempts) + 1,
      created_at: createdAt,
      webhook: meta.webhook,
    };
    this.log.addManual(row, company.identity.company_uid, hit.deliveryId);
    return row;
  }
}
