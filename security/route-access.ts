import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

/**
 * Who may call a route, declared on the route (or its scope) and enforced on the route Fastify matched, after it
 * decoded and normalised the path, so no spelling of a path can reach a route without its check.
 * - public: anyone (health, the OAuth start, CORS preflights).
 * - webhook: anyone may send; the handler authenticates the body (Intuit's signature, the Zuper secret).
 * - browser-session: the OAuth callback (the handler checks the state against the browser's session cookie) and
 *   the web console (its own hook requires a signed-in session, and a CSRF token on every state change).
 * - operator, codec, metrics: a bearer token, checked here before the handler runs; an operator token limited to
 *   some connections is also checked against the route's declared ConnectionScope.
 */
export type RouteAccess = 'public' | 'webhook' | 'browser-session' | 'operator' | 'codec' | 'metrics';

/** The connections an operator request may reach: all of them (the operator token) or those of a scoped token. */
export type OperatorGrant =
  { kind: 'all' } | { kind: 'connections'; tokenId: string; connectionIds: ReadonlySet<string> };

/** An answer given instead of running the route. */
export interface Refusal {
  status: number;
  body: unknown;
}

/**
 * Which connection an operator route touches, declared on every operator route so a scoped token is checked before
 * the handler runs (the server refuses to start while an operator route lacks it):
 * - connection: the one `of` names (its `:id`); another one is refused with 403 naming what the token reaches.
 * - lookup: the connection of a row or run the request names, found by `of` (null when it does not exist); one of
 *   another connection is answered `hidden`, exactly as a missing one, so a scoped token cannot probe ids.
 * - listing: several connections; the handler answers only for `reachableConnections(request)`.
 * - all: every connection at once (creating connections, managing tokens): the operator token only.
 */
export type ConnectionScope =
  | { kind: 'connection'; of: (request: FastifyRequest) => string | undefined }
  | {
      kind: 'lookup';
      of: (request: FastifyRequest) => Promise<string | null>;
      hidden: (request: FastifyRequest) => Refusal;
    }
  | { kind: 'listing' }
  | { kind: 'all' };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    connections?: ConnectionScope;
  }
  interface FastifyRequest {
    operatorGrant: OperatorGrant | null;
  }
}

/** Refuses a request by answering it; returns nothing to let it through. */
export type AccessGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Admits a request with what it may reach, or answers it and returns null. */
export type OperatorGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<OperatorGrant | null>;

export interface AccessGuards {
  operator: OperatorGuard;
  codec: AccessGuard;
  metrics: AccessGuard;
}

/** The connection ids a listing route may show, or null for all of them. */
export function reachableConnections(request: FastifyRequest): ReadonlySet<string> | null {
  const grant = request.operatorGrant;
  if (grant === null) throw new Error('reachableConnections outside an operator route');
  return grant.kind === 'all' ? null : grant.connectionIds;
}

const listed = (ids: ReadonlySet<string>) => [...ids].map((id) => `"${id}"`).join(', ');

/** Answers a scoped request the route's scope does not allow; returns nothing to let it through. */
async function enforceConnectionScope(
  request: FastifyRequest,
  reply: FastifyReply,
  grant: OperatorGrant,
  scope: ConnectionScope,
): Promise<unknown> {
  if (grant.kind === 'all' || scope.kind === 'listing') return;
  const reaches = `This token (${grant.tokenId}) reaches only the connections ${listed(grant.connectionIds)}`;
  if (scope.kind === 'all') {
    request.log.warn({ reason: 'scoped_token', tokenId: grant.tokenId }, 'operator request refused');
    return reply.code(403).send({
      error: {
        code: 'forbidden',
        message: `${reaches}; this request concerns every connection and takes the operator token.`,
        fix: 'Ask the holder of the operator token (OPERATOR_TOKEN) to do it.',
      },
    });
  }
  if (scope.kind === 'connection') {
    const connectionId = scope.of(request) ?? '';
    if (grant.connectionIds.has(connectionId)) return;
    request.log.warn({ reason: 'scoped_token', tokenId: grant.tokenId }, 'operator request refused');
    return reply.code(403).send({
      error: {
        code: 'forbidden_connection',
        message: `${reaches}, not "${connectionId}".`,
        fix: 'Use a token for that connection (qzsync token create), or the operator token.',
      },
    });
  }
  const connectionId = await scope.of(request);
  if (connectionId !== null && grant.connectionIds.has(connectionId)) return;
  const hidden = scope.hidden(request);
  return reply.code(hidden.status).send(hidden.body);
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  /** How an operator route finds its connection. */
  connections?: ConnectionScope['kind'];
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
  app.decorateRequest('operatorGrant', null);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', (done) => {
    const undeclared = routes.filter(
      (route) =>
        route.config?.access === undefined || (route.config.access === 'operator' && !route.config.connections),
    );
    if (undeclared.length > 0) {
      const names = undeclared.map((route) => `${String(route.method)} ${route.url}`).join(', ');
      done(
        new Error(
          `routes without a declared access (config.access; operator routes also config.connections): ${names}`,
        ),
      );
      return;
    }
    declaredRoutes.set(
      app,
      routes.flatMap((route) =>
        [route.method].flat().map((method) => {
          const { access, connections } = route.config!;
          return { method, url: route.url, access: access!, ...(connections ? { connections: connections.kind } : {}) };
        }),
      ),
    );
    done();
  });
  app.addHook('onRequest', async (request, reply) => {
    // Only Fastify's not-found handler has no declared access: it answers 404 and touches nothing.
    const { access, connections } = request.routeOptions.config;
    if (access === 'codec' || access === 'metrics') return guards[access](request, reply);
    if (access !== 'operator') return;
    const grant = await guards.operator(request, reply);
    if (grant === null) return reply;
    request.operatorGrant = grant;
    return enforceConnectionScope(request, reply, grant, connections!);
  });
}

/** Every route of a ready server with its declared access (for tests that prove each one is guarded). */
export function routesOf(app: FastifyInstance): DeclaredRoute[] {
  const routes = declaredRoutes.get(app);
  if (!routes) throw new Error('the server is not ready, or was not built with enforceRouteAccess');
  return routes;
}
