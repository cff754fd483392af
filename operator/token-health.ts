import type { Connection } from '../storage/repositories/connections.js';
import { systemLabel } from '../domain/systems.js';
import { capabilitiesOf, credentialStatusOf } from '../integrations/registry.js';
import type { TokenHealth } from './contract/status.js';

/**
 * How long the connection's accounting side keeps accepting its credentials, and what to do about it: for a system
 * reached only when it polls the service, whether its login is stored; otherwise the system's own answer (QuickBooks
 * Online: how long its refresh token has to live).
 */
export function tokenHealth(connection: Connection, now: Date): TokenHealth {
  const accounting = connection.accountingSystem;
  // A system that calls the service (QuickBooks Desktop's Web Connector) holds no tokens: its stored login is all.
  if (capabilitiesOf(accounting).reachedWhenItPolls) {
    const base = { realmId: null, accessTokenExpiresAt: null, refreshTokenExpiresAt: null, refreshTokenDaysLeft: null };
    return connection.connectedSystems.includes(accounting)
      ? {
          ...base,
          level: 'ok',
          message: `${systemLabel(accounting)}, reached when its Web Connector polls with the login this service keeps; \`qzsync connect ${accounting} ${connection.id}\` makes a new login and .qwc file.`,
        }
      : {
          ...base,
          level: 'not-connected',
          message: `${systemLabel(accounting)} is not connected: \`qzsync connect ${accounting} ${connection.id}\` makes its Web Connector login and .qwc file.`,
        };
  }
  return credentialStatusOf(accounting)(connection, now);
}
