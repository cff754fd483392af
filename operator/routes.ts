import type { FastifyError, FastifyInstance } from 'fastify';
import type { AppContext } from '../service/context.js';
import { reachableConnections, routeAccess, type ConnectionScope } from '../security/route-access.js';
import { awaitRun, connectionOfRun } from './await-run.js';
import { configureConnection } from './configure-connection.js';
import { settingsChangeSchema } from '../service/connection-settings.js';
import { connectionStatus, statusOfAll } from './connection-status.js';
import { createConnection } from './create-connection.js';
import { disconnectSystem } from './disconnect-system.js';
import { disconnectableSystems } from '../integrations/connection-credentials.js';
import { systemOperatorRoutes } from '../integrations/system-routes.js';
import { systemRouteDeps } from '../service/watch-after-connect.js';
import { toErrorResponse } from './error-response.js';
import { historyNotFound, runNotFound } from './errors.js';
import { getHistoryEntry } from './get-history-entry.js';
import { registerItemLinkRoutes } from './item-link-routes.js';
import {
  connectionIdParams,
  historyIdParams,
  historyQuery,
  linkBody,
  newConnectionBody,
  newTokenBody,
  runParams,
  runQuery,
  scheduleActionParams,
  tokenIdParams,
  waitQuery,
} from './input-schemas.js';
import { listConnections } from './list-connections.js';
import { listHistory } from './list-history.js';
import { parseInput } from './parse-input.js';
import { retrySync } from './retry-sync.js';
import { runChecks } from './run-checks.js';
import { settingsChoices } from '../service/settings-choices.js';
import { controlSchedule } from './schedule-control.js';
import { createScopedToken, listScopedTokens, revokeScopedToken } from './scoped-tokens.js';
import { startLink, startReconcile } from './start-runs.js';

/**
 * The operator API under /api, used by the qzsync CLI: every route has 'operator' access (the bearer token) and
 * declares which connection it touches, so a token limited to some connections reaches only theirs; each validates
 * its input (400 naming the field) and answers JSON, errors included ({ error: { code, message, fix } }).
 */
export function registerOperatorRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app.register(
    (api, _options, done) => {
      routeAccess(api, 'operator');
      api.setErrorHandler((error: FastifyError, request, reply) => {
        // Fastify's own refusals (malformed JSON, a body too large) keep their status.
        if (error.code?.startsWith('FST_') && error.statusCode !== undefined && error.statusCode < 500) {
          return reply.code(error.statusCode).send({ error: { code: 'invalid_request', message: error.message } });
        }
        const answer = toErrorResponse(error);
        if (answer.status >= 500) request.log.error({ err: error }, 'operator request failed');
        return reply.code(answer.status).send(answer.body);
      });

      const id = (params: unknown) => parseInput(connectionIdParams, params).id;
      const historyId = (params: unknown) => parseInput(historyIdParams, params).historyId;
      const workflowId = (params: unknown) => parseInput(runParams, params).workflowId;
      const scope = (connections: ConnectionScope) => ({ config: { connections } });
      const everyConnection = scope({ kind: 'all' });
      const listing = scope({ kind: 'listing' });
      const oneConnection = scope({ kind: 'connection', of: (request) => (request.params as { id?: string }).id });
      const historyRow = scope({
        kind: 'lookup',
        of: async (request) => (await ctx.store.history.get(historyId(request.params)))?.connectionId ?? null,
        hidden: (request) => toErrorResponse(historyNotFound(historyId(request.params))),
      });
      const linkOrReconcileRun = scope({
        kind: 'lookup',
        of: (request) => connectionOfRun(ctx, workflowId(request.params), parseInput(runQuery, request.query).runId),
        hidden: (request) => toErrorResponse(runNotFound(workflowId(request.params))),
      });

      const run = async (starting: Promise<{ workflowId: string; runId: string }>, waitMs: number) => {
        const started = await starting;
        return awaitRun(ctx, started.workflowId, started.runId, waitMs);
      };

      api.get('/connections', listing, (request) => listConnections(ctx, reachableConnections(request)));
      api.post('/connections', everyConnection, async (request, reply) => {
        const body = parseInput(newConnectionBody, request.body);
        return reply.code(201).send(await createConnection(ctx, body));
      });
      api.get('/status', listing, (request) => statusOfAll(ctx, reachableConnections(request)));
      api.get('/connections/:id/status', oneConnection, (request) => connectionStatus(ctx, id(request.params)));
      api.put('/connections/:id/settings', oneConnection, (request) =>
        configureConnection(ctx, id(request.params), parseInput(settingsChangeSchema, request.body)),
      );
      api.get('/connections/:id/settings/choices', oneConnection, (request) =>
        settingsChoices(ctx, id(request.params)),
      );
      const systemDeps = systemRouteDeps(ctx);
      // Each system's own requests (connecting it, its connector's file), with the access of every connection route.
      for (const route of systemOperatorRoutes) {
        const { method, path, body } = route.endpoint;
        api.route({
          method,
          url: `/connections/:id/${path}`,
          ...oneConnection,
          handler: (request) =>
            route.answer(
              systemDeps,
              id(request.params),
              body ? parseInput(body, request.body) : undefined,
              request.log,
            ),
        });
      }
      for (const system of disconnectableSystems) {
        api.delete(`/connections/:id/${system}`, oneConnection, (request) =>
          disconnectSystem(ctx, id(request.params), system),
        );
      }
      api.get('/connections/:id/checks', oneConnection, (request) => runChecks(ctx, id(request.params)));
      api.post('/connections/:id/link', oneConnection, async (request, reply) => {
        const { dryRun } = parseInput(linkBody, request.body);
        const { waitMs } = parseInput(waitQuery, request.query);
        const answer = await run(startLink(ctx, id(request.params), dryRun), waitMs);
        return reply.code(answer.state === 'running' ? 202 : 200).send(answer);
      });
      api.post('/connections/:id/reconcile', oneConnection, async (request, reply) => {
        const { waitMs } = parseInput(waitQuery, request.query);
        const answer = await run(startReconcile(ctx, id(request.params)), waitMs);
        return reply.code(answer.state === 'running' ? 202 : 200).send(answer);
      });
      api.get('/runs/:workflowId', linkOrReconcileRun, async (request, reply) => {
        const { runId, waitMs } = parseInput(runQuery, request.query);
        const answer = await awaitRun(ctx, workflowId(request.params), runId, waitMs);
        return reply.code(answer.state === 'running' ? 202 : 200).send(answer);
      });
      registerItemLinkRoutes(api, ctx, oneConnection);
      api.get('/connections/:id/schedule', oneConnection, (request) =>
        controlSchedule(ctx, id(request.params), 'describe'),
      );
      api.post('/connections/:id/schedule/:action', oneConnection, (request) => {
        const { id: connectionId, action } = parseInput(scheduleActionParams, request.params);
        return controlSchedule(ctx, connectionId, action);
      });
      api.get('/connections/:id/history', oneConnection, (request) =>
        listHistory(ctx, id(request.params), parseInput(historyQuery, request.query)),
      );
      api.get('/history/:historyId', historyRow, (request) => getHistoryEntry(ctx, historyId(request.params)));
      api.post('/history/:historyId/retry', historyRow, (request) => retrySync(ctx, historyId(request.params)));
      api.get('/tokens', everyConnection, () => listScopedTokens(ctx));
      api.post('/tokens', everyConnection, async (request, reply) =>
        reply.code(201).send(await createScopedToken(ctx, parseInput(newTokenBody, request.body))),
      );
      api.delete('/tokens/:tokenId', everyConnection, (request) =>
        revokeScopedToken(ctx, parseInput(tokenIdParams, request.params).tokenId),
      );
      done();
    },
    { prefix: '/api' },
  );
}
