import { operatorRoute } from '../operator-route.js';
import { connectZuper } from './connect.js';
import { zuperConnectEndpoint } from './operator-contract.js';

/** Zuper's operator routes: connecting a company by its API key. */
export const zuperOperatorRoutes = [
  operatorRoute({
    endpoint: zuperConnectEndpoint,
    answer: (deps, connectionId, body) => connectZuper(deps, connectionId, body),
  }),
];
