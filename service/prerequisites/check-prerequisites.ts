import type { ActivityDeps } from '../../activities/deps.js';
import { prerequisiteChecks, type PrerequisiteCheck } from '../../domain/prerequisites.js';
import { systemPrerequisites } from '../../integrations/connection-prerequisites.js';
import { readConnectionSettings } from '../../integrations/connection-settings.js';
import { sideNames } from '../../integrations/registry.js';

const { check } = prerequisiteChecks({
  'connection-active': 'Connection not paused',
  settings: 'Connection settings present',
});

/**
 * Every prerequisite of a connection (docs/product.md, "Prerequisites"), each explained with how to fix it: its own, then
 * each system's (integrations/connection-prerequisites.ts); only checks that need a connection that failed are skipped
 * (as 'unknown').
 */
export async function checkPrerequisites(deps: ActivityDeps, connectionId: string): Promise<PrerequisiteCheck[]> {
  const connection = await deps.store.connections.get(connectionId);
  const configured = readConnectionSettings(connection);
  const settings = configured
    ? check(
        'settings',
        'passed',
        `Product master ${sideNames(connection)[configured.productMaster].system}, reconciling every ${configured.reconcileEvery}.`,
      )
    : check(
        'settings',
        'failed',
        'This connection has no settings yet: the sync does not know the product master or where stock lives in Zuper.',
        `Run \`qzsync configure ${connectionId} --master <qbo|zuper> --default-location <Zuper location uid>\`.`,
      );
  const systems = await systemPrerequisites(deps.clients, connection);
  // A paused connection names its cause first: the checks below may fail only because of it (e.g. a demo connection
  // whose emulators are not running fails both authorisations).
  const paused =
    connection.status === 'needs_reconnect' && connection.statusReason
      ? [
          check(
            'connection-active',
            'failed',
            `The sync is paused for this connection: ${connection.statusReason}`,
            `Remove that cause first; the checks below may fail only because of it. Then run \`qzsync check ${connectionId}\` again.`,
          ),
        ]
      : [];
  return [...paused, settings, ...systems];
}
