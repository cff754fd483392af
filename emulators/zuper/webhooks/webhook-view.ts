import type { WebhookRecord } from '../store/types.js';

export function webhookView(webhook: WebhookRecord): Record<string, unknown> {
  return {
    webhook_uid: webhook.webhook_uid,
    webhook_name: webhook.webhook_name,
    webhook_module: webhook.webhook_module,
    webhook_event: webhook.webhook_event,
    webhook_url: webhook.webhook_url,
    secret_key: webhook.secret_key,
    is_active: webhook.is_active,
    content_type: webhook.content_type,
    request_method: webhook.request_method,
    headers: webhook.headers,
    created_at: webhook.created_at,
    updated_at: webhook.updated_at,
  };
}
