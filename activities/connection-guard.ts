import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityDeps } from './deps.js';
import type { Connection } from '../storage/repositories/connections.js';
import { CONNECTION_UNAUTHORIZED } from '../domain/sync-failure.js';
import { readConnectionSettings, type ConnectionSettings } from '../integrations/connection-settings.js';
import { needsAttention } from './failures.js';

/** Code of the failure a paused connection raises; the connection's status already reports it, once. */
export const CONNECTION_PAUSED = 'connection:paused';

/**
 * Syncs of a connection that needs reconnecting stop at once instead of failing in a loop against an API that
 * will refuse them; the status (`qzsync status`) says why and how to reconnect.
 */
export async function requireActiveConnection(deps: ActivityDeps, connectionId: string): Promise<Connection> {
  const connection = await deps.store.connections.get(connectionId);
  if (connection.status !== 'active') {
    throw ApplicationFailure.create({
      message: `Connection ${connectionId} is paused: ${connection.statusReason ?? connection.status}`,
      type: CONNECTION_UNAUTHORIZED,
      nonRetryable: true,
      details: [
        {
          code: CONNECTION_PAUSED,
          explanation: `Syncs of connection ${connectionId} are paused: ${connection.statusReason ?? connection.status}.`,
          fix: `Reconnect it (\`qzsync connect ${connection.accountingSystem} ${connectionId}\` or \`qzsync connect ${connection.fieldSystem} ${connectionId}\`); paused syncs are retried by the next reconciliation.`,
        },
      ],
    });
  }
  return connection;
}

/** An active connection with its settings; one without settings needs `qzsync configure` first. */
export async function requireConfiguredConnection(
  deps: ActivityDeps,
  connectionId: string,
): Promise<{ connection: Connection; settings: ConnectionSettings }> {
  const connection = await requireActiveConnection(deps, connectionId);
  return { connection, settings: settingsOf(connection) };
}

/** A connection's settings; one without settings needs `qzsync configure` first. */
export function settingsOf(connection: Connection): ConnectionSettings {
  const settings = readConnectionSettings(connection);
  if (!settings) {
    throw needsAttention(
      'settings-missing',
      `Connection ${connection.id} has no settings.`,
      `Run \`qzsync configure ${connection.id}\` (product master, default location).`,
    );
  }
  return settings;
}
