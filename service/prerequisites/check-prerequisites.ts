import type { ActivityDeps } from '../../activities/deps.js';
import { qboChecks } from './qbo-checks.js';
import { zuperChecks } from './zuper-checks.js';
import { check, type PrerequisiteCheck } from './types.js';
import { systemLabel } from '../../domain/systems.js';

export type { PrerequisiteCheck, PrerequisiteId } from './types.js';

/**
 * Every prerequisite of a connection (docs/product.md, "Prerequisites"), each explained with how to fix it. The two systems are checked
 * in parallel and independently; only checks that need a connection that failed are skipped (as 'unknown').
 */
export async function checkPrerequisites(deps: ActivityDeps, connectionId: string): Promise<PrerequisiteCheck[]> {
  const connection = await deps.store.connections.get(connectionId);
  const settings = connection.settings
    ? check(
        'settings',
        'passed',
        `Product master ${systemLabel(connection.settings.productMaster)}, reconciling every ${connection.settings.reconcileEvery}.`,
      )
    : check(
        'settings',
        'failed',
        'This connection has no settings yet: the sync does not know the product master or where stock lives in Zuper.',
        `Run \`qzsync configure ${connectionId} --master <qbo|zuper> --default-location <Zuper location uid>\`.`,
      );
  const [qbo, zuper] = await Promise.all([qboChecks(deps, connection), zuperChecks(deps, connection)]);
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
  return [...paused, settings, ...qbo, ...zuper];
}
