import { zuperAccountOf } from '../integrations/zuper/credentials.js';
import type { AppContext } from '../service/context.js';

/** How a demo connection is told from an operator's own connection of the same id: as its seeding made it. */
export interface DemoIdentity {
  id: string;
  displayName: string;
  zuperCompany: string;
}

/**
 * A start that does not run the emulators a demo connection was made against leaves it pointing at companies that
 * are not there: it is marked as needing attention with the real reason (its syncs stop at once), instead of reading
 * "Authorised" while every call fails. True when this call paused it.
 */
export async function pauseDemo(ctx: AppContext, demo: DemoIdentity, reason: string): Promise<boolean> {
  const connection = await ctx.store.connections.find(demo.id);
  // Only the demo as its seeding made it: an operator's own connection of that name is left alone.
  const isDemo =
    connection?.displayName === demo.displayName && zuperAccountOf(connection).company === demo.zuperCompany;
  if (!connection || !isDemo || connection.status !== 'active') return false;
  await ctx.store.connections.setStatus(demo.id, 'needs_reconnect', reason);
  return true;
}

/** A demo connection paused for one of `reasons` is active again (its emulators run again). */
export async function resumePausedDemo(ctx: AppContext, id: string, reasons: readonly string[]): Promise<void> {
  const connection = await ctx.store.connections.find(id);
  if (connection?.status === 'needs_reconnect' && reasons.includes(connection.statusReason ?? '')) {
    await ctx.store.connections.setStatus(id, 'active', null);
  }
}
