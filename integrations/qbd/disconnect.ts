import type { SystemDisconnection } from '../connection-credentials.js';
import { forgetChosenSite } from './sites.js';
import { clearQbdLogin, qbdCredentials } from './credentials.js';

/**
 * Forgets the Web Connector login, so the Web Connector's next session is refused (`nvu`), and withdraws the requests
 * still waiting for a session: the sync steps waiting on them end as needs attention (`QbdDisconnected`), and a retry
 * after reconnecting queues them again. QuickBooks Desktop itself keeps nothing of the service's.
 */
export const qbdDisconnection: SystemDisconnection = {
  isConnected: (connection) => qbdCredentials.isConnected(connection),
  prepareRelease: () =>
    Promise.resolve(() =>
      Promise.resolve(
        'nothing to revoke in QuickBooks Desktop; the Web Connector keeps listing the application until you remove it there',
      ),
    ),
  unreleased: (why) => `QuickBooks Desktop could not be let go of (${why}).`,
  // The site chosen for the company file is forgotten too: a reconnection may open another file.
  clear: async (store, connectionId) => {
    await clearQbdLogin(store, connectionId);
    forgetChosenSite(connectionId);
  },
  cleared:
    'Web Connector login deleted from this service (the Web Connector is now refused); requests still waiting for it withdrawn',
};
