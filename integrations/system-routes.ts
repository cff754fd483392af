import type { FastifyPluginCallback } from 'fastify';
import type { SystemConnecting } from './connection-credentials.js';
import { webConnectorSystemRoutes } from './qbd/web-connector-routes.js';
import { qboOAuthRoutes } from './qbo/oauth-routes.js';

/** What a system's own routes need of the service. */
export interface SystemRouteDeps extends SystemConnecting {
  /**
   * Starts the quantity watch of a connection whose accounting system was just connected, when that system needs one;
   * only warns in `log` when Temporal cannot start it now (the worker starts every connection's watch when it starts).
   */
  startQuantityWatch(connectionId: string, log: { warn(details: object, message: string): void }): Promise<void>;
}

/**
 * The HTTP routes a system needs of its own, which the server mounts: QuickBooks Online's OAuth connect, reconnect and
 * callback pages, QuickBooks Desktop's Web Connector endpoint. Each route declares its access
 * (`security/route-access.ts`) and reads its own request bodies.
 */
export type SystemRoutes = (deps: SystemRouteDeps) => FastifyPluginCallback;

/** Every system's own routes (docs/sides.md, "Adding a system"). */
export const systemRoutes: readonly SystemRoutes[] = [qboOAuthRoutes, webConnectorSystemRoutes];
