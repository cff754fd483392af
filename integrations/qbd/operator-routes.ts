import { SystemNotConnected, type SystemConnecting } from '../connection-credentials.js';
import { operatorRoute } from '../operator-route.js';
import { connectQbd, qbdConnectorFile, type QbdConnectorFile, type QwcInput } from './connect.js';
import { qbdConnectEndpoint, qbdConnectorFileEndpoint, qbdNewConnectorFileEndpoint } from './operator-contract.js';

/**
 * The .qwc file of the Web Connector login the connection holds, made again with what it keeps, or with a new AppURL
 * or run interval, then kept; refused while it holds none.
 */
async function connectorFileOrRefusal(
  deps: SystemConnecting,
  connectionId: string,
  input: QwcInput,
): Promise<QbdConnectorFile> {
  const file = await qbdConnectorFile(deps, connectionId, input);
  if (!file) {
    throw new SystemNotConnected(
      'qbd_not_connected',
      `Connection "${connectionId}" is not connected to QuickBooks Desktop.`,
      `Connect it first: \`qzsync connect qbd ${connectionId}\`.`,
    );
  }
  return file;
}

/**
 * QuickBooks Desktop's operator routes: connecting (a Web Connector login, then the quantity watch, as QuickBooks
 * Desktop announces nothing) and its .qwc file made again.
 */
export const qbdOperatorRoutes = [
  operatorRoute({
    endpoint: qbdConnectEndpoint,
    answer: async (deps, connectionId, body, log) => {
      const connected = await connectQbd(deps, connectionId, body);
      await deps.startQuantityWatch(connectionId, log);
      return connected;
    },
  }),
  operatorRoute({
    endpoint: qbdConnectorFileEndpoint,
    answer: (deps, connectionId) => connectorFileOrRefusal(deps, connectionId, {}),
  }),
  operatorRoute({
    endpoint: qbdNewConnectorFileEndpoint,
    answer: (deps, connectionId, body) => connectorFileOrRefusal(deps, connectionId, body),
  }),
];
