import type { CredentialKeeperContext } from '../credential-status.js';
import { metrics } from '../../observability/metrics.js';
import { isQboAuthFailure, tokenHealth } from './token-health.js';
import { qboCredentials, qboTokenTimes } from './credentials.js';

/**
 * Keeps every connection's QBO tokens alive in the background (a refresh ahead of expiry rotates the refresh token
 * and restarts its 100-day clock) and publishes how long each has left. A refresh Intuit refuses marks the
 * connection for reconnection once; its syncs then pause instead of failing in a loop.
 */
export function startQboTokenKeeper(
  ctx: CredentialKeeperContext,
  log: (line: string) => void,
  everyMs = 10 * 60_000,
): () => void {
  const warned = new Set<string>();
  const pass = async () => {
    for (const connection of await ctx.store.connections.list()) {
      if (!qboCredentials.isConnected(connection) || connection.status !== 'active') continue;
      try {
        await ctx.clients.keepQboTokenFresh(connection.id);
      } catch (error) {
        if (isQboAuthFailure(error)) {
          const reason = `QuickBooks refused to refresh the authorisation (${(error as Error).message}); reconnect with \`qzsync connect qbo ${connection.id}\``;
          await ctx.store.connections.setStatus(connection.id, 'needs_reconnect', reason);
          log(`connection ${connection.id}: ${reason}`);
        }
        continue;
      }
      const fresh = await ctx.store.connections.get(connection.id);
      const times = qboTokenTimes(fresh);
      const health = tokenHealth(times.refreshExpiresAt ?? null, new Date(), times.refreshHardCapped);
      metrics.tokenExpiresIn.set({ connection: connection.id }, health.secondsLeft);
      if (health.level !== 'ok' && !warned.has(`${connection.id}:${health.level}`)) {
        warned.add(`${connection.id}:${health.level}`);
        log(`connection ${connection.id}: ${health.message}`);
      }
    }
  };
  const timer = setInterval(() => void pass().catch((e: Error) => log(`token keeper: ${e.message}`)), everyMs);
  void pass().catch((e: Error) => log(`token keeper: ${e.message}`));
  return () => clearInterval(timer);
}
