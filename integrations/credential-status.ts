import type { Store } from '../storage/index.js';
import type { ConnectionClients } from './connection-clients.js';

/** How a side's credentials stand (the operator's status answer shows it): how long they last and what to do. */
export interface CredentialStatus {
  level: 'not-connected' | 'ok' | 'warning' | 'critical' | 'expired';
  realmId: string | null;
  accessTokenExpiresAt: string | null;
  refreshTokenExpiresAt: string | null;
  refreshTokenDaysLeft: number | null;
  message: string;
}

/** What a background keeper of credentials needs: the connections and the systems' clients. */
export interface CredentialKeeperContext {
  store: Pick<Store, 'connections'>;
  clients: Pick<ConnectionClients, 'keepQboTokenFresh'>;
}
