import { heartbeat } from '@temporalio/activity';
import type { CatalogEntry } from '../../domain/catalog/matching.js';
import type { Side } from '../../domain/sides.js';
import type { ConnectionSides, CatalogItem } from '../../integrations/port.js';
import { callApi } from '../failures.js';

/** Both sides' whole catalogs, by item id. */
export type Catalogs = Record<Side, Map<string, CatalogItem>>;

/** Reads one side's whole catalog with the fewest calls it allows; heartbeats per page. */
export function readCatalog(sides: ConnectionSides, side: Side): Promise<Map<string, CatalogItem>> {
  const port = sides[side];
  return callApi(port.system, () => port.readCatalog((count) => heartbeat({ [side]: count })));
}

/**
 * Reads both whole catalogs at once: each API has its own rate limit, so the read takes as long as the slower side
 * rather than both one after the other.
 */
export async function readCatalogs(sides: ConnectionSides): Promise<Catalogs> {
  const [accounting, field] = await Promise.all([readCatalog(sides, 'accounting'), readCatalog(sides, 'field')]);
  return { accounting, field };
}

/** What linking matches a side's items by. */
export const entriesOf = (catalog: Map<string, CatalogItem>): CatalogEntry[] =>
  [...catalog.values()].map((item) => item.entry);
