import { publicBaseUrl } from '../../config/public-url.js';
import { connectTicketsFromEnv } from '../../security/connect-ticket.js';
import type { SystemConnecting } from '../connection-credentials.js';
import { operatorRoute } from '../operator-route.js';
import { qboConnectEndpoint, type QboConnectLink } from './operator-contract.js';

/**
 * The page that starts QuickBooks OAuth for the connection; it must be opened in a browser. The ticket proves the
 * operator API issued it, so knowing a connection id is not enough to attach a QuickBooks company to it.
 */
export async function qboConnectLink(
  deps: Pick<SystemConnecting, 'env' | 'store'>,
  connectionId: string,
): Promise<QboConnectLink> {
  await deps.store.connections.get(connectionId);
  const ticket = connectTicketsFromEnv(deps.env).issue(connectionId);
  return {
    connectionId,
    url: `${publicBaseUrl(deps.env)}/oauth/qbo/connect?connection=${encodeURIComponent(connectionId)}&ticket=${ticket}`,
  };
}

/** QuickBooks Online's operator routes: the connect link (its OAuth pages are `oauth-routes.ts`). */
export const qboOperatorRoutes = [
  operatorRoute({ endpoint: qboConnectEndpoint, answer: (deps, connectionId) => qboConnectLink(deps, connectionId) }),
];
