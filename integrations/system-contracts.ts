/**
 * Each system's operator API contracts (zod schemas alone, nothing of the server), for the modules outside the systems'
 * folders that show their answers: the console's pages and the status answer's connector field. The CLI reaches them
 * through `system-commands.ts`.
 */
export {
  qbdConnectedSchema,
  qbdConnectorFileSchema,
  qbdConnectorStateSchema,
  type QbdConnected,
  type QbdConnectorFile,
  type QbdConnectorStateView,
} from './qbd/operator-contract.js';
export { qboConnectLinkSchema, type QboConnectLink } from './qbo/operator-contract.js';
export { zuperConnectedSchema, type ZuperConnected } from './zuper/operator-contract.js';
