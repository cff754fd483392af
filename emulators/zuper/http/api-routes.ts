/** Path of the data-centre discovery call, the one /api route that needs no API key. */
export const discoveryPath = '/api/config';

/** Webhook management paths below their base (`/api` or the root, a setting): `/webhook…`, `/service/notifications/…`. */
export function isWebhookManagementPath(pathBelowBase: string): boolean {
  return /^\/(webhooks?|service\/notifications\/webhook)(\/|_history|$)/.test(pathBelowBase);
}

/**
 * Authenticated, rate-limited, fault-injected API routes: everything under /api except discovery, and webhook
 * management at the root (served there when `routes.webhookManagementAt` says so).
 */
export function isApiRoute(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return (path.startsWith('/api/') && path !== discoveryPath) || isWebhookManagementPath(path);
}
