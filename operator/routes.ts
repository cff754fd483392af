import type { FastifyError, FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';
import { routeAccess } from '../server/http/access.js';
import { awaitRun } from './await-run.js';
import { configureConnection, settingsChangeSchema } from './configure-connection.js';
import { connectionStatus, statusOfAll } from './connection-status.js';
import { connectZuper } from './connect-zuper.js';
import { qboConnectLink } from './connect-qbo.js';
import { createConnection } from './create-connection.js';
import { disconnectQbo } from './disconnect-qbo.js';
import { disconnectZuper } from './disconnect-zuper.js';
import { toErrorResponse } from './error-response.js';
import { getHistoryEntry } from './get-history-entry.js';
import { registerItemLinkRoutes } from './item-link-routes.js';
import {
  connectionIdParams,
  connectZuperBody,
  historyIdParams,
  historyQuery,
  linkBody,
  newConnectionBody,
  runParams,
  runQuery,
  scheduleActionParams,
  waitQuery,
} from './input-schemas.js';
import { listConnections } from './list-connections.js';
import { listHistory } from './list-history.js';
import { parseInput } from './parse-input.js';
import { retrySync } from './retry-sync.js';
import { runChecks } from './run-checks.js';
import { controlSchedule } from './schedule-control.js';
import { startLink, startReconcile } from './start-runs.js';

/**
 * The operator API under /api, used by the qzsync CLI: every route has 'operator' access (the bearer token), validates its
 * input (400 naming the field) and answers JSON, errors included ({ error: { code, message, fix } }).
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
      const run = async (starting: Promise<{ workflowId: string; runId: string }>, waitMs: number) => {
        const started = await starting;
        return awaitRun(ctx, started.workflowId, started.runId, waitMs);
      };

      api.get('/connections', () => listConnections(ctx));
      api.post('/connections', async (request, reply) => {
        const body = parseInput(newConnectionBody, request.body);
        return reply.code(201).send(await createConnection(ctx, body));
      });
      api.get('/status', () => statusOfAll(ctx));
      api.get('/connections/:id/status', (request) => connectionStatus(ctx, id(request.params)));
      api.put('/connections/:id/settings', (request) =>
        configureConnection(ctx, id(request.params), parseInput(settingsChangeSchema, request.body)),
      );
      api.post('/connections/:id/qbo', (request) => qboConnectLink(ctx, id(request.params)));
      api.delete('/connections/:id/qbo', (request) => disconnectQbo(ctx, id(request.params)));
      api.post('/connections/:id/zuper', (request) =>
        connectZuper(ctx, id(request.params), parseInput(connectZuperBody, request.body)),
      );
      api.delete('/connections/:id/zuper', (request) => disconnectZuper(ctx, id(request.params)));
      api.get('/connections/:id/checks', (request) => runChecks(ctx, id(request.params)));
      api.post('/connections/:id/link', async (request, reply) => {
        const { dryRun } = parseInput(linkBody, request.body);
        const { waitMs } = parseInput(waitQuery, request.query);
        const answer = await run(startLink(ctx, id(request.params), dryRun), waitMs);
        return reply.code(answer.state === 'running' ? 202 : 200).send(answer);
      });
      api.post('/connections/:id/reconcile', async (request, reply) => {
        const { waitMs } = parseInput(waitQuery, request.query);
        const answer = await run(startReconcile(ctx, id(request.params)), waitMs);
        return reply.code(answer.state === 'running' ? 202 : 200).send(answer);
      });
      api.get('/runs/:workflowId', async (request, reply) => {
        const { workflowId } = parseInput(runParams, request.params);
        const { runId, waitMs } = parseInput(runQuery, request.query);
        const answer = await awaitRun(ctx, workflowId, runId, waitMs);
        return reply.code(answer.state === 'running' ? 202 : 200).send(answer);
      });
      registerItemLinkRoutes(api, ctx);
      api.get('/connections/:id/schedule', (request) => controlSchedule(ctx, id(request.params), 'describe'));
      api.post('/connections/:id/schedule/:action', (request) => {
        const { id: connectionId, action } = parseInput(scheduleActionParams, request.params);
        return controlSchedule(ctx, connectionId, action);
      });
      api.get('/connections/:id/history', (request) =>
        listHistory(ctx, id(request.params), parseInput(historyQuery, request.query)),
      );
      api.get('/history/:historyId', (request) =>
        getHistoryEntry(ctx, parseInput(historyIdParams, request.params).historyId),
      );
      api.post('/history/:historyId/retry', (request) =>
        retrySync(ctx, parseInput(historyIdParams, request.params).historyId),
      );
      done();
    },
    { prefix: '/api' },
  );
}
