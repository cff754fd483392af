import type { Env } from '../config/env.js';
import { publicBaseUrl } from '../service/qbo-app-config.js';
import type { ZuperWebhook } from '../integrations/zuper/webhooks.js';
import { zuperSubscriptions, type ZuperModule } from '../integrations/zuper/events.js';
import { zuperWebhookName } from '../integrations/zuper/webhook-names.js';

/** The Zuper events the sync subscribes to, by module: Zuper's real keys (docs/zuper-api.md). */
export const zuperWebhookEvents: readonly { module: ZuperModule; event: string }[] = zuperSubscriptions;

export const zuperWebhookUrl = (env: Env, connectionId: string) =>
  `${publicBaseUrl(env)}/webhooks/zuper/${encodeURIComponent(connectionId)}`;

/** Ours: registered for this connection, by name or (after a base URL change) by the URL it points at. */
export const isOurWebhook = (webhook: ZuperWebhook, connectionId: string, url: string) =>
  webhook.name.startsWith(zuperWebhookName(connectionId, '')) || webhook.url === url;
