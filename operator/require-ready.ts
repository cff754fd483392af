import type { Connection } from '../storage/repositories/connections.js';
import { conflict } from './errors.js';

/** Link and reconcile runs need settings and both systems connected; say which is missing before starting. */
export function requireReady(connection: Connection): void {
  const id = connection.id;
  if (!connection.settings) {
    throw conflict(
      'not_configured',
      `Connection "${id}" has no settings yet.`,
      `Run \`qzsync configure ${id} --master <qbo|zuper> --default-location <uid>\`.`,
    );
  }
  if (!connection.hasQboTokens) {
    throw conflict(
      'qbo_not_connected',
      `Connection "${id}" is not connected to QuickBooks.`,
      `Run \`qzsync connect qbo ${id}\`.`,
    );
  }
  if (connection.status === 'needs_reconnect') {
    throw conflict(
      'needs_reconnect',
      `QuickBooks refused connection "${id}": ${connection.statusReason ?? 'authorisation lost'}.`,
      `Run \`qzsync connect qbo ${id}\` and approve access again.`,
    );
  }
  if (!connection.hasZuperKey) {
    throw conflict(
      'zuper_not_connected',
      `Connection "${id}" is not connected to Zuper.`,
      `Run \`qzsync connect zuper ${id} --company <login> --api-key <key>\`.`,
    );
  }
}
