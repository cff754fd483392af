import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import type { ZuperChange } from '../../domain/change-events.js';
import { fieldChangedItems, isUnnamedFieldMovement } from '../../integrations/connection-sides.js';
import { routeChangedItems, type RouteResult } from './route-changed-items.js';

/** Resolves a Zuper change (product, stock or invoice) to linked items and asks each to settle. */
export async function routeZuperChange(deps: ActivityDeps, change: ZuperChange): Promise<RouteResult> {
  if (isUnnamedFieldMovement(change)) return { settled: [], unlinked: [], movement: true };
  const changed = await callApi('zuper', () => fieldChangedItems(deps.clients, change));
  const what = change.invoiceUid ? `invoice ${change.invoiceUid}` : `product ${change.productUid ?? ''}`;
  const routed = await routeChangedItems(deps, {
    connectionId: change.connectionId,
    side: 'field',
    system: 'zuper',
    changed,
    reason: `Zuper ${change.event} (${what})`,
  });
  log.info('Zuper change routed', { connectionId: change.connectionId, event: change.event, ...routed });
  return routed;
}
