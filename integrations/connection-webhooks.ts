import type { ConnectionWebhook } from './port.js';
import { zuperWebhook } from './zuper/webhook.js';

/** Every system's webhook addressed to one connection; the server mounts a route for each. */
export const connectionWebhooks: readonly ConnectionWebhook[] = [zuperWebhook];
