import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiCaller } from './api-gate.js';
import { runBatch } from './batch.js';
import { runCdc } from './cdc.js';
import type { QboEmulatorState } from './emulator.js';
import { entityDef, type EntityDef } from './entities.js';
import { QboFault, faults } from './fault-shapes.js';
import { executeWrite, readEntity, writeOperationFor } from './operations.js';
import { QueryParseError, parseQuery } from './query-parser.js';
import { runQuery } from './query-engine.js';
import { sendFault, sendJson, faultBody } from './replies.js';
import { onceForRequestId } from './request-id.js';
import type { Json, StoredResponse } from './store.js';
import { qboTimestamp } from './time-format.js';

const realmParams = z.object({ realmId: z.string() });
const entityParams = realmParams.extend({ entity: z.string() });
const readParams = entityParams.extend({ id: z.string() });
const writeQuery = z.looseObject({
  operation: z.string().optional(),
  include: z.string().optional(),
  requestid: z.string().optional(),
});
const queryQuery = z.looseObject({ query: z.string().optional() });
const cdcQuery = z.looseObject({ entities: z.string().optional(), changedSince: z.string().optional() });

function knownEntity(name: string, unsupportedStatus: number): EntityDef {
  const def = entityDef(name);
  if (!def) throw faults.unsupportedOperation(`Operation ${name} is not supported.`, unsupportedStatus);
  return def;
}

/** A write's response as stored for requestid replay: 200 with the result, or the fault it raised. */
function produce(now: Date, run: () => Json): StoredResponse {
  try {
    return { status: 200, body: JSON.stringify({ ...run(), time: qboTimestamp(now) }) };
  } catch (err) {
    if (err instanceof QboFault) return { status: err.status, body: faultBody(err, now) };
    throw err;
  }
}

function runParsedQuery(state: QboEmulatorState, caller: ApiCaller, text: string | undefined): Json {
  if (!text || text.trim() === '') throw faults.queryParse('Encountered " <EOF> "" at line 1, column 1.');
  try {
    return runQuery(caller.store, parseQuery(text), state.settings.query.validationErrorCode);
  } catch (err) {
    if (err instanceof QueryParseError) throw faults.queryParse(err.message);
    throw err;
  }
}

/** The accounting API under /v3/company/{realmId}: read, write, query, CDC, batch. */
export function registerApiRoutes(
  app: FastifyInstance,
  state: QboEmulatorState,
  callerOf: (request: FastifyRequest) => ApiCaller,
): void {
  const ctxFor = (request: FastifyRequest) =>
    state.context(callerOf(request).store, `App ${callerOf(request).clientId}`);

  const write = (
    request: FastifyRequest,
    reply: FastifyReply,
    batch: boolean,
    run: (ctx: ReturnType<typeof ctxFor>) => Json,
  ) => {
    const ctx = ctxFor(request);
    const { requestid } = writeQuery.parse(request.query);
    const response = onceForRequestId(
      ctx.store,
      requestid,
      { batch, brokenDedupe: state.settings.requestId.brokenDedupe },
      () => produce(ctx.now, () => run(ctx)),
    );
    return sendJson(reply, response.status, response.body);
  };

  const query = (request: FastifyRequest, reply: FastifyReply, text: string | undefined) => {
    const result = runParsedQuery(state, callerOf(request), text);
    return sendJson(reply, 200, { QueryResponse: result, time: qboTimestamp(state.clock.now()) });
  };

  app.get('/v3/company/:realmId/query', (request, reply) =>
    query(request, reply, queryQuery.parse(request.query).query),
  );
  app.post('/v3/company/:realmId/query', (request, reply) =>
    query(request, reply, typeof request.body === 'string' ? request.body : queryQuery.parse(request.query).query),
  );

  app.get('/v3/company/:realmId/cdc', (request, reply) => {
    const q = cdcQuery.parse(request.query);
    const now = state.clock.now();
    const result = runCdc(callerOf(request).store, q.entities, q.changedSince, now, state.settings.cdc);
    return sendJson(reply, 200, { ...result, time: qboTimestamp(now) });
  });

  app.post('/v3/company/:realmId/batch', (request, reply) =>
    write(request, reply, true, (ctx) =>
      runBatch(
        ctx,
        request.body,
        writeQuery.parse(request.query).requestid,
        state.settings.batch.maxItems,
        state.settings.query.validationErrorCode,
      ),
    ),
  );

  app.get('/v3/company/:realmId/preferences', (request, reply) => {
    const ctx = ctxFor(request);
    return sendJson(reply, 200, {
      Preferences: readEntity(ctx, knownEntity('Preferences', state.settings.reads.unsupportedPathStatus), '1', 400),
      time: qboTimestamp(ctx.now),
    });
  });

  app.get('/v3/company/:realmId/:entity/:id', (request, reply) => {
    const { entity, id } = readParams.parse(request.params);
    const def = knownEntity(entity, state.settings.reads.unsupportedPathStatus);
    const ctx = ctxFor(request);
    const record = readEntity(ctx, def, id, state.settings.reads.notFoundStatus);
    return sendJson(reply, 200, { [def.name]: record, time: qboTimestamp(ctx.now) });
  });

  app.post('/v3/company/:realmId/:entity', (request, reply) => {
    const { entity } = entityParams.parse(request.params);
    const def = knownEntity(entity, state.settings.reads.unsupportedPathStatus);
    const q = writeQuery.parse(request.query);
    return write(request, reply, false, (ctx) => {
      const op = writeOperationFor(q.operation, q.include, request.body);
      return { [def.name]: executeWrite(ctx, def, op, request.body) };
    });
  });
}

/** Maps anything thrown on an API route to a QBO-shaped fault. */
export function apiErrorReply(state: QboEmulatorState, err: unknown, reply: FastifyReply): FastifyReply {
  const now = state.clock.now();
  if (err instanceof QboFault) return sendFault(reply, err, now);
  const status = (err as { statusCode?: number }).statusCode;
  if (status === 413) return sendFault(reply, new QboFault(413, faults.system(413).fault), now);
  if (status !== undefined && status >= 400 && status < 500) {
    return sendFault(reply, faults.malformedBody(err instanceof Error ? err.message : String(err)), now);
  }
  return sendFault(reply, faults.system(500), now);
}
