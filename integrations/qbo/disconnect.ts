import type { SystemDisconnection } from '../connection-credentials.js';
import { createQboOAuth } from './oauth.js';
import { clearQboTokens, loadQboTokens, qboCredentials } from './credentials.js';

/** Revokes the refresh token at Intuit (disconnecting the app from the company) and forgets the tokens. */
export const qboDisconnection: SystemDisconnection = {
  isConnected: (connection) => qboCredentials.isConnected(connection),
  async prepareRelease(deps, connectionId) {
    const tokens = await loadQboTokens(deps.store, connectionId);
    return async () => {
      await createQboOAuth(deps.apps.qbo).revoke(tokens.refreshToken);
      return 'QuickBooks authorisation revoked at Intuit';
    };
  },
  unreleased: (why) =>
    `QuickBooks did not confirm the revocation (${why}). Remove the app in QuickBooks under Settings → Apps → Connected apps if it is still listed.`,
  clear: (store, connectionId) => clearQboTokens(store, connectionId),
  cleared: 'tokens deleted from this service',
};
