import type { AppContext } from '../app/context.js';
import { publicBaseUrl } from '../app/qbo-app-config.js';
import type { QboConnectLink } from './contract/connect.js';

/** The page that starts QuickBooks OAuth for the connection; it must be opened in a browser. */
export async function qboConnectLink(ctx: AppContext, connectionId: string): Promise<QboConnectLink> {
  await ctx.store.connections.get(connectionId);
  return {
    connectionId,
    url: `${publicBaseUrl(ctx.env)}/oauth/qbo/connect?connection=${encodeURIComponent(connectionId)}`,
  };
}
