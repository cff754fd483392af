import type { AppContext } from '../service/context.js';
import { issuedLoginFile } from '../integrations/connection-credentials.js';
import type { QbdConnectorFile } from './contract/connect.js';
import { conflict } from './errors.js';

/** The .qwc file of the Web Connector login the connection holds, made again; refused while it holds none. */
export async function qbdConnectorFile(
  ctx: AppContext,
  connectionId: string,
  input: { appUrl?: string | undefined; runEveryMinutes: number },
): Promise<QbdConnectorFile> {
  const file = await issuedLoginFile(ctx, connectionId, input);
  if (!file) {
    throw conflict(
      'qbd_not_connected',
      `Connection "${connectionId}" is not connected to QuickBooks Desktop.`,
      `Connect it first: \`qzsync connect qbd ${connectionId}\`.`,
    );
  }
  return file;
}
