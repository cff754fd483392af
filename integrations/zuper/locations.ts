import { z } from 'zod';
import type { ZuperTransport } from './http-transport.js';
import { collectAllPages, toPage } from './paging.js';
import { flag, listEnvelope } from './schemas.js';

export interface ZuperLocation {
  uid: string;
  name: string;
  /** SITE, WAREHOUSE, VAN or OTHERS when Zuper says. */
  type: string | null;
  isDeleted: boolean;
}

const locationList = listEnvelope(
  z.looseObject({
    location_uid: z.string().min(1),
    location_name: z.string(),
    location_type: z.string().nullish(),
    is_deleted: flag.optional(),
  }),
);

/** Stock locations, read from `path` because Zuper's real route is unconfirmed. */
export function createLocationsApi(transport: ZuperTransport, pageSize: number, path: string) {
  return {
    async listLocations(): Promise<ZuperLocation[]> {
      return collectAllPages(async (page) => {
        const answer = await transport.call(locationList, { method: 'GET', path, query: { page, count: pageSize } });
        return toPage(answer, page, pageSize, (raw) => ({
          uid: raw.location_uid,
          name: raw.location_name,
          type: raw.location_type ?? null,
          isDeleted: raw.is_deleted ?? false,
        }));
      });
    },
  };
}
