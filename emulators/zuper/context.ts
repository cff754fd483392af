import type { EmulatorClock } from '../common/clock.js';
import type { IdGenerator } from './ids.js';
import type { ZuperEmulatorSettings } from './settings.js';
import type { CompanyStore } from './store/company-store.js';
import type { WebhookTrigger } from './webhooks/webhook-triggers.js';

/** What a webhook body carries besides the event name: the record's uid at top level, the record under data. */
export interface EventPayload {
  uidKey: 'product_uid' | 'invoice_uid';
  uid: string;
  /** The record as GET shows it; built only when some webhook receives the event. */
  data: () => unknown;
  extra?: Record<string, unknown>;
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
