import type { AppContext } from '../service/context.js';
import { createQboOAuth } from '../integrations/qbo/oauth.js';
import type { Disconnected } from './contract/connect.js';
import { describeError } from './describe-error.js';
import { conflict } from './errors.js';
import { stopAdjustmentWatch } from '../client/adjustment-watch.js';

/** Revokes the refresh token at Intuit (disconnecting the app from the company) and forgets the tokens. */
export async function disconnectQbo(ctx: AppContext, connectionId: string): Promise<Disconnected> {
  const connection = await ctx.store.connections.get(connectionId);
  if (!connection.hasQboTokens) {
    throw conflict('qbo_not_connected', `Connection "${connectionId}" is not connected to QuickBooks.`);
  }
  const tokens = await ctx.store.connections.loadQboTokens(connectionId);
  const done: string[] = [];
  const warnings: string[] = [];
  try {
    await createQboOAuth(ctx.qboConfig).revoke(tokens.refreshToken);
    done.push('QuickBooks authorisation revoked at Intuit');
  } catch (error) {
    warnings.push(
      `QuickBooks did not confirm the revocation (${describeError(error)}). Remove the app in QuickBooks under Settings → Apps → Connected apps if it is still listed.`,
    );
  }
  await ctx.store.connections.clearQbo(connectionId);
  ctx.clients.forget(connectionId);
  try {
    await stopAdjustmentWatch(ctx.temporal, connectionId);
  } catch (error) {
    warnings.push(`The QuickBooks quantity watch could not be stopped (${describeError(error)}); its polls now fail.`);
  }
  done.push('tokens deleted from this service');
  return { connectionId, system: 'qbo', done, warnings };
}
