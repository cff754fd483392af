import { z } from 'zod';
import { formatQboDateTime } from './query-builder.js';
import {
  qboDeletedStubSchema,
  qboEntitySchemas,
  type QboDeletedStub,
  type QboEntity,
  type QboEntityName,
} from './schemas/entities.js';
import { parseQboResponse } from './schema-parse.js';
import type { QboTransport } from './transport.js';

/** CDC returns at most this many objects in total and has no paging: at the cap, narrow the window or query. */
export const qboCdcObjectCap = 1000;

export interface QboCdcChanges<E extends QboEntityName> {
  live: QboEntity<E>[];
  /** Hard-deleted objects (transactions, categories); inactivated items come back live with Active false. */
  deleted: QboDeletedStub[];
}

export interface QboCdcResult<E extends QboEntityName> {
  changes: { [K in E]: QboCdcChanges<K> };
  objectCount: number;
  /** The response hit the object cap, so changes may be missing. */
  capped: boolean;
}

export interface QboCdcApi {
  /** Objects of `entities` changed since `changedSince` (QBO allows at most 30 days back). */
  cdc<E extends QboEntityName>(entities: readonly E[], changedSince: Date): Promise<QboCdcResult<E>>;
}

const cdcResponseSchema = z.object({
  CDCResponse: z.array(z.object({ QueryResponse: z.array(z.record(z.string(), z.unknown())).default([]) })),
});

const objectsSchema = z.array(z.looseObject({ status: z.string().optional() }));

export function createCdcApi(transport: QboTransport): QboCdcApi {
  return {
    async cdc<E extends QboEntityName>(entities: readonly E[], changedSince: Date) {
      if (entities.length === 0) throw new RangeError('cdc needs at least one entity');
      const call = {
        method: 'GET' as const,
        path: 'cdc',
        searchParams: { entities: entities.join(','), changedSince: formatQboDateTime(changedSince) },
      };
      const operation = `GET cdc [${call.searchParams.entities}]`;
      const body = await transport.send(call, cdcResponseSchema);
      const changes = Object.fromEntries(entities.map((e) => [e, { live: [], deleted: [] }])) as unknown as {
        [K in E]: QboCdcChanges<K>;
      };
      let objectCount = 0;
      body.CDCResponse.forEach((cdc, i) =>
        cdc.QueryResponse.forEach((queryResponse, j) => {
          for (const entity of entities) {
            const at = ['CDCResponse', i, 'QueryResponse', j, entity];
            const objects = parseQboResponse(objectsSchema, queryResponse[entity] ?? [], operation, at);
            objects.forEach((object, k) => {
              objectCount += 1;
              const target: QboCdcChanges<E> = changes[entity];
              if (object.status === 'Deleted') {
                target.deleted.push(parseQboResponse(qboDeletedStubSchema, object, operation, [...at, k]));
              } else {
                target.live.push(
                  parseQboResponse(qboEntitySchemas[entity], object, operation, [...at, k]) as QboEntity<E>,
                );
              }
            });
          }
        }),
      );
      return { changes, objectCount, capped: objectCount >= qboCdcObjectCap };
    },
  };
}
