import type { AppContext } from '../service/context.js';
import type { ConnectionList } from './contract/connection.js';
import { connectionSummary } from './connection-summary.js';

/** Every connection, or only those in `reachable` (a scoped token's). */
export async function listConnections(ctx: AppContext, reachable: ReadonlySet<string> | null): Promise<ConnectionList> {
  const connections = await ctx.store.connections.list();
  return { connections: connections.filter((c) => reachable?.has(c.id) ?? true).map(connectionSummary) };
}
