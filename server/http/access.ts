import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

/**
 * Who may call a route, declared on the route (or its scope) and enforced on the route Fastify matched, after it
 * decoded and normalised the path, so no spelling of a path can reach a route without its check.
 * - public: anyone (health, the OAuth start, CORS preflights).
 * - webhook: anyone may send; the handler authenticates the body (Intuit's signature, the Zuper secret).
 * - browser-session: the OAuth callback; the handler checks the state against the browser's session cookie.
 * - operator, codec, metrics: a bearer token, checked here before the handler runs.
 */
export type RouteAccess = 'public' | 'webhook' | 'browser-session' | 'operator' | 'codec' | 'metrics';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Refuses a request by answering it; returns nothing to let it through. */
export type AccessGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export type AccessGuards = Record<'operator' | 'codec' | 'metrics', AccessGuard>;

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

const declaredRoutes = new WeakMap<FastifyInstance, DeclaredRoute[]>();
const enforcedMark = 'qzsyncRouteAccessEnforced';

/**
 * Declares the access of every route registered in this scope that does not declare its own. Throws on a server
 * without enforceRouteAccess, where the declaration would protect nothing.
 */
export function routeAccess(scope: FastifyInstance, access: RouteAccess): void {
  if (!scope.hasDecorator(enforcedMark)) throw new Error(`'${access}' routes on a server without enforceRouteAccess`);
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: route.config?.access ?? access };
  });
}

/**
 * Installs access control on the root instance, before any route is registered: every request to a route with a
 * token-protected access passes its guard first, and the server refuses to start while any route lacks a declared
 * access (checked once all scopes have added their declarations).
 */
export function enforceRouteAccess(app: FastifyInstance, guards: AccessGuards): void {
  app.decorate(enforcedMark, true);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', (done) => {
    const undeclared = routes.filter((route) => route.config?.access === undefined);
    if (undeclared.length > 0) {
      const names = undeclared.map((route) => `${String(route.method)} ${route.url}`).join(', ');
      done(new Error(`routes without a declared access (config.access): ${names}`));
      return;
    }
    declaredRoutes.set(
      app,
      routes.flatMap((route) =>
        [route.method].flat().map((method) => ({ method, url: route.url, access: route.config!.access! })),
      ),
    );
    done();
  });
  app.addHook('onRequest', async (request, reply) => {
    // Only Fastify's not-found handler has no declared access: it answers 404 and touches nothing.
    const access = request.routeOptions.config.access;
    if (access === 'operator' || access === 'codec' || access === 'metrics') return guards[access](request, reply);
  });
}

/** Every route of a ready server with its declared access (for tests that prove each one is guarded). */
export function routesOf(app: FastifyInstance): DeclaredRoute[] {
  const routes = declaredRoutes.get(app);
  if (!routes) throw new Error('the server is not ready, or was not built with enforceRouteAccess');
  return routes;
}
