import type { AppContext } from '../service/context.js';
import type { ConnectionList } from './contract/connection.js';
import { connectionSummary } from './connection-summary.js';

export async function listConnections(ctx: AppContext): Promise<ConnectionList> {
  return { connections: (await ctx.store.connections.list()).map(connectionSummary) };
}
