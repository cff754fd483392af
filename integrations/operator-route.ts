import type { SystemEndpoint } from './system-api.js';
import type { RouteLog, SystemRouteDeps } from './system-routes.js';

/**
 * A request of the operator API a system answers itself (connecting it, its connector's file): its endpoint and the
 * answer to a body its schema accepted. The operator API mounts it with the access of every route on one connection.
 */
export interface SystemOperatorRoute<Body = unknown, Answer = unknown> {
  endpoint: SystemEndpoint<Body, Answer>;
  answer(deps: SystemRouteDeps, connectionId: string, body: Body, log: RouteLog): Promise<Answer>;
}

/** A system's operator route, its `answer` typed by its endpoint's body and answer, as the registry lists it. */
export const operatorRoute = <Body, Answer>(route: SystemOperatorRoute<Body, Answer>): SystemOperatorRoute => route;
