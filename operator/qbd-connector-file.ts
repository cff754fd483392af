import type { AppContext } from '../service/context.js';
import { issuedLoginFile, type IssuedLoginFileInput } from '../integrations/connection-credentials.js';
import type { QbdConnectorFile } from './contract/connect.js';
import { conflict } from './errors.js';

/**
 * The .qwc file of the Web Connector login the connection holds, made again with what it keeps, or with a new AppURL
 * or run interval, then kept; refused while it holds none.
 */
export async function qbdConnectorFile(
  ctx: AppContext,
  connectionId: string,
  input: IssuedLoginFileInput,
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
