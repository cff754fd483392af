import type { PrerequisiteCheck } from '../domain/prerequisites.js';
import type { Connection } from '../storage/repositories/connections.js';
import type { SystemClients } from './connection-sides.js';
import { qbdPrerequisites } from './qbd/prerequisites/checks.js';
import { qboPrerequisites } from './qbo/prerequisites/checks.js';
import { zuperPrerequisites } from './zuper/prerequisites/checks.js';

/**
 * What each system of a connection needs to be true before the sync can work (its own checks, run against the live
 * system), accounting side first; the systems are checked at once and independently. QuickBooks Desktop is asked
 * through its Web Connector's next session, so its checks may be 'pending' (integrations/qbd/prerequisites).
 */
export async function systemPrerequisites(
  clients: SystemClients,
  connection: Connection,
): Promise<PrerequisiteCheck[]> {
  const bySystem = await Promise.all([
    connection.accountingSystem === 'qbd'
      ? qbdPrerequisites(clients, connection)
      : qboPrerequisites(connection, () => clients.qbo(connection.id)),
    zuperPrerequisites(connection, () => clients.zuper(connection.id)),
  ]);
  return bySystem.flat();
}
