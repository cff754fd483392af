import type { FastifyPluginCallback } from 'fastify';
import type { SystemConnecting } from './connection-credentials.js';
import type { SystemOperatorRoute } from './operator-route.js';
import { qbdOperatorRoutes } from './qbd/operator-routes.js';
import { webConnectorSystemRoutes } from './qbd/web-connector-routes.js';
import { qboOperatorRoutes } from './qbo/operator-routes.js';
import { qboOAuthRoutes } from './qbo/oauth-routes.js';
import { zuperOperatorRoutes } from './zuper/operator-routes.js';

/** Where a route logs what went wrong without failing the request. */
export interface RouteLog {
  warn(details: object, message: string): void;
}

/** What a system's own routes need of the service. */
export interface SystemRouteDeps extends SystemConnecting {
  /**
   * Starts the quantity watch of a connection whose accounting system was just connected, when that system needs one;
   * only warns in `log` when Temporal cannot start it now (the worker starts every connection's watch when it starts).
   */
  startQuantityWatch(connectionId: string, log: RouteLog): Promise<void>;
}

/**
 * The HTTP routes a system needs of its own, which the server mounts: QuickBooks Online's OAuth connect, reconnect and
 * callback pages, QuickBooks Desktop's Web Connector endpoint. Each route declares its access
 * (`security/route-access.ts`) and reads its own request bodies.
 */
export type SystemRoutes = (deps: SystemRouteDeps) => FastifyPluginCallback;

/** Every system's own routes (docs/sides.md, "Adding a system"). */
export const systemRoutes: readonly SystemRoutes[] = [qboOAuthRoutes, webConnectorSystemRoutes];

/** Every system's operator routes, mounted under `/api/connections/:id/` (docs/sides.md, "Adding a system"). */
export const systemOperatorRoutes: readonly SystemOperatorRoute[] = [
  ...qboOperatorRoutes,
  ...zuperOperatorRoutes,
  ...qbdOperatorRoutes,
];
