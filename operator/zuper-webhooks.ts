import type { Env } from '../config/env.js';
import { publicBaseUrl } from '../app/qbo-app-config.js';
import type { ZuperWebhook } from '../integrations/zuper/webhooks.js';

/**
 * The Zuper events the sync subscribes to, by module. Zuper does not publish its event names (zuper-api.md §6.3):
 * these follow its workflow builder's keys, the same guesses the emulator fires by default.
 */
export const zuperWebhookEvents: readonly { module: 'PRODUCTS' | 'INVOICE'; event: string }[] = [
  { module: 'PRODUCTS', event: 'product.new' },
  { module: 'PRODUCTS', event: 'product.update' },
  { module: 'PRODUCTS', event: 'product.delete' },
  { module: 'PRODUCTS', event: 'product.stock_update' },
  { module: 'INVOICE', event: 'invoice.new' },
  { module: 'INVOICE', event: 'invoice.update' },
  { module: 'INVOICE', event: 'invoice.delete' },
  { module: 'INVOICE', event: 'invoice.status_update' },
  { module: 'INVOICE', event: 'invoice.recover' },
];

export const zuperWebhookUrl = (env: Env, connectionId: string) =>
  `${publicBaseUrl(env)}/webhooks/zuper/${encodeURIComponent(connectionId)}`;

const namePrefix = (connectionId: string) => `qzsync:${connectionId}:`;

/** Webhook names are unique in Zuper; ours carry the connection so several connections can share a company. */
export const zuperWebhookName = (connectionId: string, event: string) => `${namePrefix(connectionId)}${event}`;

/** Ours: registered for this connection, by name or (after a base URL change) by the URL it points at. */
export const isOurWebhook = (webhook: ZuperWebhook, connectionId: string, url: string) =>
  webhook.name.startsWith(namePrefix(connectionId)) || webhook.url === url;
