import { z } from 'zod';
import { entityDef } from './entities.js';
import { faults, QboFault } from './fault-shapes.js';
import { parseInput } from './input-fields.js';
import type { OperationContext } from './operation-context.js';
import { executeWrite, writeOperationFor } from './operations.js';
import { QueryParseError, parseQuery } from './query-parser.js';
import { runQuery } from './query-engine.js';
import type { Json } from './store.js';

const batchSchema = z.object({
  BatchItemRequest: z.array(z.looseObject({ bId: z.union([z.string(), z.number().transform(String)]).optional() })),
});

const itemControlKeys = new Set(['bId', 'operation', 'optionsData', 'Query']);

/** Per-item request ids are `requestid + bId`; QBO refuses them above 50 characters. */
const maxItemRequestIdLength = 50;

function runItem(ctx: OperationContext, item: Json, requestId: string | undefined, validationCode: string): Json {
  const bId = item.bId as string | undefined;
  if (requestId !== undefined && `${requestId}${bId ?? ''}`.length > maxItemRequestIdLength) {
    throw faults.businessValidation(
      `You cannot enter more than ${maxItemRequestIdLength} characters in the request_id field`,
    );
  }
  if (typeof item.Query === 'string') {
    try {
      return { QueryResponse: runQuery(ctx.store, parseQuery(item.Query), validationCode) };
    } catch (err) {
      if (err instanceof QueryParseError) throw faults.queryParse(err.message);
      throw err;
    }
  }
  const entityKey = Object.keys(item).find((k) => !itemControlKeys.has(k));
  const def = entityKey ? entityDef(entityKey) : undefined;
  if (!entityKey || !def) throw faults.unsupportedProperty(entityKey ?? 'entity');
  const op = writeOperationFor(
    typeof item.operation === 'string' ? item.operation : 'create',
    item.optionsData === 'void' ? 'void' : undefined,
    item[entityKey],
  );
  return { [def.name]: executeWrite(ctx, def, op, item[entityKey]) };
}

/**
 * Batch: items run independently and in order; each answers its own entity, QueryResponse or Fault, and the
 * whole request is HTTP 200 even when some items fail.
 */
export function runBatch(
  ctx: OperationContext,
  body: unknown,
  requestId: string | undefined,
  maxItems: number,
  validationCode: string,
): Json {
  const { BatchItemRequest: items } = parseInput(batchSchema, body);
  if (items.length > maxItems) {
    // ASSUMPTION: the fault for an oversized batch is undocumented; a business validation error on the whole request.
    throw faults.businessValidation(
      `Business Validation Error: A batch request can contain at most ${maxItems} items.`,
    );
  }
  const responses = items.map((item) => {
    const bId = item.bId;
    try {
      return { bId, ...runItem(ctx, item, requestId, validationCode) };
    } catch (err) {
      const fault = err instanceof QboFault ? err.fault : faults.system(500).fault;
      return { bId, Fault: fault };
    }
  });
  return { BatchItemResponse: responses };
}
