import type { SystemWebhook } from './port.js';
import { qboWebhook } from './qbo/webhook.js';
import { zuperWebhook } from './zuper/webhook.js';

/** Every system's webhook, addressed to one connection or to the app; the server mounts a route for each. */
export const systemWebhooks: readonly SystemWebhook[] = [qboWebhook, zuperWebhook];
