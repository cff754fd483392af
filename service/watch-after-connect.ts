import { ensureWatchOfConnection } from '../client/adjustment-watch.js';
import type { RouteLog, SystemRouteDeps } from '../integrations/system-routes.js';
import type { AppContext } from './context.js';

/**
 * Starts the quantity watch of a connection whose accounting system has just been connected, when that system needs
 * one. The connection stays connected when Temporal cannot start the watch now: the worker starts every connection's
 * watch when it starts, so a warning is all this needs.
 */
export async function startWatchAfterConnect(ctx: AppContext, connectionId: string, log: RouteLog): Promise<void> {
  await ensureWatchOfConnection(
    ctx.temporal,
    await ctx.store.connections.get(connectionId),
    ctx.workflows.taskQueue,
  ).catch((err: unknown) => log.warn({ err }, 'Quantity watch not started yet; it starts with the worker'));
}

/** What a system's own routes get of the service: the application context, and starting a connection's watch. */
export const systemRouteDeps = (ctx: AppContext): SystemRouteDeps => ({
  ...ctx,
  startQuantityWatch: (connectionId, log) => startWatchAfterConnect(ctx, connectionId, log),
});
