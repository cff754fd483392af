import type { Store } from './store.js';
import type { ConnectionClients } from './connection-clients.js';

/** How a side's credentials stand (the operator's status answer shows it): how long they last and what to do. */
export interface CredentialStatus {
  level: 'not-connected' | 'ok' | 'warning' | 'critical' | 'expired';
  /** Who the system knows the connection as (a company id, a login, a company name); null when not connected. */
  account: string | null;
  /** When the credentials stop working unless renewed (QuickBooks Online's refresh token); null: they do not expire. */
  expiresAt: string | null;
  daysLeft: number | null;
  /** When the credential in use expires and is renewed automatically (QuickBooks Online's access token); else null. */
  renewedAt: string | null;
  message: string;
}

/** What a background keeper of credentials needs: the connections and the systems' clients. */
export interface CredentialKeeperContext {
  store: Pick<Store, 'connections'>;
  clients: Pick<ConnectionClients, 'keepQboTokenFresh'>;
}
