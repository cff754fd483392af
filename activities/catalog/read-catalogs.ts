import { heartbeat } from '@temporalio/activity';
import type { Side } from '../../domain/sides.js';
import type { CatalogPort, ConnectionSides, CatalogItem, SidePort } from '../../integrations/port.js';
import { callApi } from '../failures.js';

/** A side that cannot read pages answers its whole catalog as one. */
async function* wholeCatalog(port: CatalogPort, side: Side): AsyncGenerator<CatalogItem[]> {
  yield [...(await port.readCatalog((count) => heartbeat({ [side]: count }))).values()];
}

/** One side's catalog a page at a time; heartbeats per page. */
async function* catalogPages(port: SidePort, side: Side): AsyncGenerator<CatalogItem[]> {
  const pages = (port.readCatalogPages?.() ?? wholeCatalog(port, side))[Symbol.asyncIterator]();
  for (let count = 0; ;) {
    const next = await callApi(port.system, () => pages.next());
    if (next.done) return;
    count += next.value.length;
    heartbeat({ [side]: count });
    yield next.value;
  }
}

/**
 * Reads the sides' catalogs at once, handing each page to `usePage` as it arrives, so the caller keeps only what it
 * needs of each item. Each API has its own rate limit, so the read takes as long as the slower side rather than both
 * one after the other; a side's next page is asked for once `usePage` is done with the last.
 */
export async function readCatalogPages(
  sides: ConnectionSides,
  which: readonly Side[],
  usePage: (side: Side, page: CatalogItem[]) => Promise<void>,
): Promise<void> {
  await Promise.all(
    which.map(async (side) => {
      for await (const page of catalogPages(sides[side], side)) await usePage(side, page);
    }),
  );
}
