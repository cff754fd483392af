import { heartbeat } from '@temporalio/activity';
import type { CatalogEntry } from '../../domain/catalog/matching.js';
import type { Side } from '../../domain/sides.js';
import type { ConnectionSides, CatalogItem } from '../../integrations/port.js';
import { callApi } from '../failures.js';

/** Both sides' whole catalogs, by item id. */
export type Catalogs = Record<Side, Map<string, CatalogItem>>;

/** Reads both whole catalogs with the fewest calls each side allows, one side after the other; heartbeats per page. */
export async function readCatalogs(sides: ConnectionSides): Promise<Catalogs> {
  const read = (side: Side) => {
    const port = sides[side];
    return callApi(port.system, () => port.readCatalog((count) => heartbeat({ [side]: count })));
  };
  const accounting = await read('accounting');
  return { accounting, field: await read('field') };
}

/** What linking matches a side's items by. */
export const entriesOf = (catalog: Map<string, CatalogItem>): CatalogEntry[] =>
  [...catalog.values()].map((item) => item.entry);
