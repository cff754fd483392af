import type { EmulatorClock } from '../common/clock.js';
import type { IdGenerator } from './ids.js';
import type { ZuperEmulatorSettings } from './settings.js';
import type { CompanyStore } from './store/company-store.js';
import type { WebhookTrigger } from './webhooks/webhook-triggers.js';

/** The record a webhook body names, at top level: a stock movement is named by its transaction, not its product. */
export interface EventPayload {
  uidKey: 'product_uid' | 'invoice_uid' | 'transaction_uid';
  uid: string;
}

/** Shared services every route and domain function works with. */
export interface ZuperContext {
  settings(): ZuperEmulatorSettings;
  readonly clock: EmulatorClock;
  readonly ids: IdGenerator;
  nowIso(): string;
  /** Fires the webhooks configured for a trigger (no-op when the event table maps it to nothing). */
  emit(company: CompanyStore, trigger: WebhookTrigger, payload: EventPayload): void;
}
