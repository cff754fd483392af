import type { WebhookDispatcher } from '../../common/webhook-dispatcher.js';
import type { EventPayload } from '../context.js';
import type { ZuperEmulatorSettings } from '../settings.js';
import type { CompanyStore } from '../store/company-store.js';
import type { DeliveryLog } from './delivery-log.js';
import { decodeHeaders } from './stored-headers.js';
import { webhookView } from './webhook-view.js';
import { triggerModule, type WebhookTrigger } from './webhook-triggers.js';

/** Turns domain triggers into deliveries to every active webhook subscribed to the mapped event names. */
export class WebhookEmitter {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly log: DeliveryLog,
    private readonly settings: () => ZuperEmulatorSettings,
  ) {}

  emit(company: CompanyStore, trigger: WebhookTrigger, payload: EventPayload): void {
    const events = this.settings().webhooks.events[trigger];
    if (events.length === 0 || company.webhooks.size === 0) return;
    const module = triggerModule(trigger);
    let data: unknown;
    for (const webhook of company.webhooks.values()) {
      if (!webhook.is_active || !events.includes(webhook.webhook_event)) continue;
      if (webhook.webhook_module !== null && webhook.webhook_module.toUpperCase() !== module) continue;
      data ??= payload.data();
      const requestBody = JSON.stringify({
        webhook_event: webhook.webhook_event,
        [payload.uidKey]: payload.uid,
        ...payload.extra,
        data,
      });
      // Configured headers go out verbatim; content-type comes from the webhook unless a header overrides it.
      const headers = { 'content-type': webhook.content_type, ...decodeHeaders(webhook.headers) };
      const deliveryId = this.dispatcher.enqueue({ url: webhook.webhook_url, body: requestBody, headers });
      this.log.add({
        deliveryId,
        companyUid: company.identity.company_uid,
        webhookUid: webhook.webhook_uid,
        webhook: webhookView(webhook),
        url: webhook.webhook_url,
        headers,
        requestBody,
      });
    }
  }
}
