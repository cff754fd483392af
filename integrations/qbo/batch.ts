import { z } from 'zod';
import { qboErrorFromFault } from './error-from-response.js';
import { QboSchemaError, type QboApiError } from './errors.js';
import { faultFromObject } from './fault-body.js';
import type { QboQuery } from './query-builder.js';
import { countSchema } from './query.js';
import { checkRequestId, maxBatchRequestIdLength } from './request-id.js';
import { optional } from './schemas/common.js';
import {
  qboDeletedStubSchema,
  qboEntitySchemas,
  type QboDeletedStub,
  type QboEntity,
  type QboEntityName,
} from './schemas/entities.js';
import { parseQboResponse } from './schema-parse.js';
import type { QboTransport } from './transport.js';

export const qboMaxBatchSize = 30;
/** With a batch requestid QBO derives per-item ids from it plus bId, capped at 50 characters overall. */
export const maxBatchIdLengthWithRequestId = 10;

export type QboBatchWriteEntity = 'Item' | 'InventoryAdjustment';

export type QboBatchOperation =
  | { bId: string; operation: 'create' | 'update'; entity: QboBatchWriteEntity; body: Record<string, unknown> }
  | { bId: string; operation: 'delete'; entity: QboBatchWriteEntity; body: { Id: string; SyncToken: string } }
  | { bId: string; query: QboQuery<QboEntityName> }
  /** A `countQuery`: answers the number of matching rows. */
  | { bId: string; count: QboQuery<QboEntityName> };

/** One result per operation, in request order. A failed item carries its fault as a typed error. */
export type QboBatchResult =
  | { [E in QboBatchWriteEntity]: { bId: string; type: 'entity'; entity: E; value: QboEntity<E> } }[QboBatchWriteEntity]
  | { bId: string; type: 'deleted'; entity: QboBatchWriteEntity; deleted: QboDeletedStub }
  | { bId: string; type: 'query'; entity: QboEntityName; rows: QboEntity<QboEntityName>[] }
  | { bId: string; type: 'count'; totalCount: number }
  | { bId: string; type: 'fault'; error: QboApiError };

export interface QboBatchApi {
  /** Up to 30 independent operations in one request (no transaction, no order guarantee). */
  batch(ops: readonly QboBatchOperation[], opts?: { requestId?: string }): Promise<QboBatchResult[]>;
}

const batchResponseSchema = z.object({ BatchItemResponse: z.array(z.looseObject({ bId: z.string() })) });

function checkOps(ops: readonly QboBatchOperation[], requestId: string | undefined): void {
  if (ops.length === 0 || ops.length > qboMaxBatchSize) {
    throw new RangeError(`a QBO batch takes 1–${qboMaxBatchSize} operations, got ${ops.length}`);
  }
  const ids = new Set(ops.map((op) => op.bId));
  if (ids.size !== ops.length) throw new RangeError('batch bIds must be unique');
  for (const id of ids) {
    if (id === '' || (requestId !== undefined && id.length > maxBatchIdLengthWithRequestId)) {
      throw new RangeError(`batch bId "${id}" must be 1–${maxBatchIdLengthWithRequestId} characters with a requestid`);
    }
  }
}

function requestItem(op: QboBatchOperation): Record<string, unknown> {
  if ('query' in op) return { bId: op.bId, Query: op.query.sql };
  if ('count' in op) return { bId: op.bId, Query: op.count.sql };
  return { bId: op.bId, operation: op.operation, [op.entity]: op.body };
}

function readResult(
  op: QboBatchOperation,
  item: Record<string, unknown>,
  operation: string,
  at: readonly PropertyKey[],
): QboBatchResult {
  if (item.Fault !== undefined) {
    const error = qboErrorFromFault(faultFromObject(item.Fault), { operation, httpStatus: 200, now: new Date() });
    return { bId: op.bId, type: 'fault', error };
  }
  if ('query' in op) {
    const schema = z.object({
      QueryResponse: z.object({ [op.query.entity]: optional(z.array(qboEntitySchemas[op.query.entity])) }),
    });
    const body = parseQboResponse(schema, item, operation, at);
    const rows = (body.QueryResponse[op.query.entity] ?? []) as QboEntity<QboEntityName>[];
    return { bId: op.bId, type: 'query', entity: op.query.entity, rows };
  }
  if ('count' in op) {
    return { bId: op.bId, type: 'count', totalCount: parseQboResponse(countSchema, item, operation, at) };
  }
  if (op.operation === 'delete') {
    const body = parseQboResponse(z.object({ [op.entity]: qboDeletedStubSchema }), item, operation, at);
    return { bId: op.bId, type: 'deleted', entity: op.entity, deleted: body[op.entity] as QboDeletedStub };
  }
  const body = parseQboResponse(z.object({ [op.entity]: qboEntitySchemas[op.entity] }), item, operation, at);
  return { bId: op.bId, type: 'entity', entity: op.entity, value: body[op.entity] } as QboBatchResult;
}

export function createBatchApi(transport: QboTransport): QboBatchApi {
  return {
    async batch(ops, opts = {}) {
      const requestId =
        opts.requestId === undefined ? undefined : checkRequestId(opts.requestId, maxBatchRequestIdLength);
      checkOps(ops, requestId);
      const body = await transport.send(
        {
          method: 'POST',
          path: 'batch',
          json: { BatchItemRequest: ops.map(requestItem) },
          kind: 'batch',
          // Each query in a batch is a read; whether Intuit meters them one by one is unknown, so assume it does.
          meteredReads: ops.filter((op) => 'query' in op || 'count' in op).length,
          ...(requestId === undefined ? {} : { requestId }),
        },
        batchResponseSchema,
      );
      const indexById = new Map(body.BatchItemResponse.map((item, index) => [item.bId, index]));
      return ops.map((op) => {
        const index = indexById.get(op.bId);
        const item = index === undefined ? undefined : body.BatchItemResponse[index];
        const operation = `POST batch (bId ${op.bId})`;
        if (!item) throw new QboSchemaError(operation, 'BatchItemResponse', `no result for bId ${op.bId}`);
        return readResult(op, item, operation, ['BatchItemResponse', index as number]);
      });
    },
  };
}
