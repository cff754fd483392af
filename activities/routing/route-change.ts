import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import type { SystemChange } from '../../domain/change-events.js';
import { sideOfSystem, systemLabel } from '../../domain/systems.js';
import { readAnnouncedChange } from '../../integrations/connection-sides.js';
import { routeChangedItems, type RouteResult } from './route-changed-items.js';

/**
 * Resolves a change a system announced to the items it touched, through that system's integration, and asks each
 * linked one to settle. A stock movement that names no item is left to its system's movement list
 * (`settleListedMovements`), once for the whole batch.
 */
export async function routeChange(deps: ActivityDeps, { system, change: stored }: SystemChange): Promise<RouteResult> {
  const change = readAnnouncedChange(deps.clients, system, stored);
  if (change.namesNoItem) return { settled: [], unlinked: [], movement: true };
  const changed = await callApi(system, () => change.changedItems());
  const routed = await routeChangedItems(deps, {
    connectionId: change.connectionId,
    side: sideOfSystem(system),
    system,
    changed,
    reason: change.reason,
  });
  log.info(`${systemLabel(system)} change routed`, {
    connectionId: change.connectionId,
    ...change.logFields,
    ...routed,
  });
  return routed;
}
