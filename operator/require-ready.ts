import type { Connection } from '../storage/repositories/connections.js';
import { readConnectionSettings } from '../integrations/connection-settings.js';
import { systemLabel } from '../domain/systems.js';
import { conflict } from './errors.js';

/** Link and reconcile runs need settings and both sides' systems connected; say which is missing before starting. */
export function requireReady(connection: Connection): void {
  const id = connection.id;
  if (!readConnectionSettings(connection)) {
    throw conflict(
      'not_configured',
      `Connection "${id}" has no settings yet.`,
      `Run \`qzsync configure ${id} --master <accounting|field> --default-location <uid>\`.`,
    );
  }
  for (const system of [connection.accountingSystem, connection.fieldSystem]) {
    if (!connection.connectedSystems.includes(system)) {
      throw conflict(
        `${system}_not_connected`,
        `Connection "${id}" is not connected to ${systemLabel(system)}.`,
        `Run \`qzsync connect ${system} ${id}\` (\`qzsync connect --help\` lists what each system needs).`,
      );
    }
  }
  if (connection.status === 'needs_reconnect') {
    throw conflict(
      'needs_reconnect',
      `Connection "${id}" needs reconnecting: ${connection.statusReason ?? 'authorisation lost'}.`,
      `Reconnect the system named there (\`qzsync connect ${connection.accountingSystem} ${id}\` or \`qzsync connect ${connection.fieldSystem} ${id}\`) and approve access again.`,
    );
  }
}
