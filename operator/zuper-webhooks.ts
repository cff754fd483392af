import type { Env } from '../config/env.js';
import { publicBaseUrl } from '../app/qbo-app-config.js';
import type { ZuperWebhook } from '../integrations/zuper/webhooks.js';
import { zuperSubscriptions, type ZuperModule } from '../integrations/zuper/events.js';

/** The Zuper events the sync subscribes to, by module: Zuper's real keys (docs/zuper-api.md). */
export const zuperWebhookEvents: readonly { module: ZuperModule; event: string }[] = zuperSubscriptions;

export const zuperWebhookUrl = (env: Env, connectionId: string) =>
  `${publicBaseUrl(env)}/webhooks/zuper/${encodeURIComponent(connectionId)}`;

const namePrefix = (connectionId: string) => `qzsync:${connectionId}:`;

/** Webhook names are unique in Zuper; ours carry the connection so several connections can share a company. */
export const zuperWebhookName = (connectionId: string, event: string) => `${namePrefix(connectionId)}${event}`;

/** Ours: registered for this connection, by name or (after a base URL change) by the URL it points at. */
export const isOurWebhook = (webhook: ZuperWebhook, connectionId: string, url: string) =>
  webhook.name.startsWith(namePrefix(connectionId)) || webhook.url === url;
