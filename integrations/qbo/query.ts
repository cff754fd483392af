import { z } from 'zod';
import { countQuery, qboMaxPageSize, selectQuery, type QboCondition, type QboQuery } from './query-builder.js';
import { optional } from './schemas/common.js';
import { qboEntitySchemas, type QboEntity, type QboEntityName } from './schemas/entities.js';
import type { QboTransport } from './transport.js';

export interface QboQueryApi {
  /** Runs one query statement (built with selectQuery, or raw SQL naming the same entity) and returns its rows. */
  query<E extends QboEntityName>(q: QboQuery<E>): Promise<QboEntity<E>[]>;
  /** Pages through every matching row, ordered by Id; yields one array per page. */
  queryAll<E extends QboEntityName>(
    entity: E,
    where?: readonly QboCondition[],
    pageSize?: number,
  ): AsyncGenerator<QboEntity<E>[], void, undefined>;
  count(entity: QboEntityName, where?: readonly QboCondition[]): Promise<number>;
}

/** `{"QueryResponse":{"Item":[…],"startPosition":1,"maxResults":2}}`; `{}` when nothing matched. */
function rowsSchema<E extends QboEntityName>(entity: E) {
  return z
    .object({ QueryResponse: z.object({ [entity]: optional(z.array(qboEntitySchemas[entity])) }) })
    .transform((body) => (body.QueryResponse[entity] ?? []) as QboEntity<E>[]);
}

/** A COUNT query's answer, alone or in a batch: `{"QueryResponse":{"totalCount":12}}`. */
export const countSchema = z
  .object({ QueryResponse: z.object({ totalCount: optional(z.number().int().nonnegative()) }) })
  .transform((body) => body.QueryResponse.totalCount ?? 0);

function checkEntityMatches(q: QboQuery<QboEntityName>): void {
  const from = /\bfrom\s+([A-Za-z]+)/i.exec(q.sql)?.[1];
  if (from?.toLowerCase() !== q.entity.toLowerCase()) {
    throw new RangeError(`query selects from "${from ?? '?'}" but was declared for ${q.entity}: ${q.sql}`);
  }
}

export function createQueryApi(transport: QboTransport): QboQueryApi {
  const run = <S extends z.ZodType>(sql: string, schema: S) =>
    transport.send({ method: 'GET', path: 'query', searchParams: { query: sql } }, schema);

  const api: QboQueryApi = {
    async query(q) {
      checkEntityMatches(q);
      return run(q.sql, rowsSchema(q.entity));
    },

    async *queryAll(entity, conditions = [], pageSize = qboMaxPageSize) {
      for (let start = 1; ;) {
        const rows = await api.query(
          selectQuery(entity, { where: conditions, orderBy: 'Id', startPosition: start, maxResults: pageSize }),
        );
        if (rows.length > 0) yield rows;
        // `maxResults` in the response counts rows returned, so a full page says nothing: stop on a short one.
        if (rows.length < pageSize) return;
        // Advance by what came back: QBO has been seen returning one row more than asked for.
        start += rows.length;
      }
    },

    async count(entity, conditions = []) {
      return await run(countQuery(entity, conditions).sql, countSchema);
    },
  };
  return api;
}
