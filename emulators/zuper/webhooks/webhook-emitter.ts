import type { WebhookDispatcher } from '../../common/webhook-dispatcher.js';
import type { EventPayload } from '../context.js';
import type { ZuperEmulatorSettings } from '../settings.js';
import type { CompanyStore } from '../store/company-store.js';
import type { DeliveryLog } from './delivery-log.js';
import { decodeHeaders } from './stored-headers.js';
import { webhookView } from './webhook-view.js';
import { triggerModule, type WebhookTrigger } from './webhook-triggers.js';

/**
 * The body shape of a real delivery: flat, no module and no record, scalars as strings and `workflow_builder` as a
 * Python dict repr.
 */
function flatBody(company: CompanyStore, event: string, payload: EventPayload, now: string) {
  return {
    [payload.uidKey]: payload.uid,
    event,
    company_uid: company.identity.company_uid,
    triggered_at: now,
    triggered_by: company.user.user_uid,
    updated_by: company.user.user_uid,
    max_retries: '4',
    workflow_builder: "{'workflow_uid': None, 'from_workflow_builder': False}",
  };
}

/** Turns domain triggers into deliveries to every active webhook subscribed to the mapped event names. */
export class WebhookEmitter {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly log: DeliveryLog,
    private readonly settings: () => ZuperEmulatorSettings,
    private readonly clock: () => string,
  ) {}

  emit(company: CompanyStore, trigger: WebhookTrigger, payload: EventPayload): void {
    const events = this.settings().webhooks.events[trigger];
    if (events.length === 0 || company.webhooks.size === 0) return;
    const module = triggerModule(trigger);
    for (const webhook of company.webhooks.values()) {
      if (!webhook.is_active || !events.includes(webhook.webhook_event)) continue;
      if (webhook.webhook_module !== null && webhook.webhook_module.toUpperCase() !== module) continue;
      const requestBody = JSON.stringify(flatBody(company, webhook.webhook_event, payload, this.clock()));
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
