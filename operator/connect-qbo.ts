import type { AppContext } from '../service/context.js';
import { publicBaseUrl } from '../config/public-url.js';
import { connectTicketsFromEnv } from '../security/connect-ticket.js';
import type { QboConnectLink } from './contract/connect.js';

/**
 * The page that starts QuickBooks OAuth for the connection; it must be opened in a browser. The ticket proves the
 * operator API issued it, so knowing a connection id is not enough to attach a QuickBooks company to it.
 */
export async function qboConnectLink(ctx: AppContext, connectionId: string): Promise<QboConnectLink> {
  await ctx.store.connections.get(connectionId);
  const ticket = connectTicketsFromEnv(ctx.env).issue(connectionId);
  return {
    connectionId,
    url: `${publicBaseUrl(ctx.env)}/oauth/qbo/connect?connection=${encodeURIComponent(connectionId)}&ticket=${ticket}`,
  };
}
