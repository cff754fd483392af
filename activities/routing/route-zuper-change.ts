import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import type { ZuperChange } from '../../domain/change-events.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import { isZuperMovement } from '../../integrations/zuper/events.js';
import type { RouteResult } from './route-qbo-change.js';

/** The links of Zuper products, and the uids linked to nothing. */
export async function zuperLinks(deps: ActivityDeps, connectionId: string, productUids: Iterable<string>) {
  const links: ItemLink[] = [];
  const unlinked: string[] = [];
  for (const uid of productUids) {
    const link = await deps.store.links.getByFieldItem(connectionId, uid);
    if (link) links.push(link);
    else unlinked.push(uid);
  }
  return { links, unlinked };
}

/** Resolves a Zuper change (product, stock or invoice) to linked items and asks each to settle. */
export async function routeZuperChange(deps: ActivityDeps, change: ZuperChange): Promise<RouteResult> {
  if (isZuperMovement(change.event) && !change.productUid) return { settled: [], unlinked: [], movement: true };
  const productUids = new Set<string>();
  if (change.productUid) {
    productUids.add(change.productUid);
    if (!change.event.includes('stock'))
      await deps.workflows.requestItemSync(change.connectionId, 'zuper', change.productUid);
  }
  if (change.invoiceUid) {
    const zuper = await deps.clients.zuper(change.connectionId);
    const invoice = await callApi('zuper', () => zuper.getInvoice(change.invoiceUid!));
    const lines = (invoice?.lines ?? []).map((l) => l.productUid).filter((u): u is string => Boolean(u));
    const remembered = await deps.store.transactionItems.recall(
      change.connectionId,
      'zuper',
      'invoice',
      change.invoiceUid,
    );
    for (const uid of [...lines, ...remembered]) productUids.add(uid);
    if (lines.length > 0) {
      await deps.store.transactionItems.remember(change.connectionId, 'zuper', 'invoice', change.invoiceUid, lines);
    }
  }
  const { links, unlinked } = await zuperLinks(deps, change.connectionId, productUids);
  const what = change.invoiceUid ? `invoice ${change.invoiceUid}` : `product ${change.productUid ?? ''}`;
  const settled = await deps.workflows.requestSettles(links, { reason: `Zuper ${change.event} (${what})` });
  log.info('Zuper change routed', { connectionId: change.connectionId, event: change.event, settled, unlinked });
  return { settled, unlinked };
}
