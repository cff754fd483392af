import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import type { SystemChange } from '../../domain/change-events.js';
import { sideOfSystem, systemLabel, type System } from '../../domain/systems.js';
import { readAnnouncedChange } from '../../integrations/connection-sides.js';
import { routeChangedItems, type RouteResult } from './route-changed-items.js';

/**
 * How long after our write its echo is recognised by the reference the system answered: deliveries come within
 * seconds, retries within minutes; anything later reads the movement list as any other delivery does.
 */
export const OWN_ECHO_WINDOW_MS = 15 * 60_000;

/**
 * Resolves a change a system announced to the items it touched, through that system's integration, and asks each
 * linked one to settle. A stock movement that names no item is left to its system's movement list
 * (`settleListedMovements`), once for the whole batch, unless it names our own write (docs/settle.md, "Echoes at intake").
 */
export async function routeChange(deps: ActivityDeps, { system, change: stored }: SystemChange): Promise<RouteResult> {
  const change = readAnnouncedChange(deps.clients, system, stored);
  if (change.namesNoItem) {
    if (await isOwnEcho(deps, system, change.connectionId, change.movementRef)) {
      log.info(`${systemLabel(system)} echo of our own movement`, {
        connectionId: change.connectionId,
        ...change.logFields,
        movementRef: change.movementRef,
      });
      return { settled: [], unlinked: [] };
    }
    return { settled: [], unlinked: [], movement: true };
  }
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

/**
 * A movement delivery naming the reference the system answered one of our committed writes with is that write coming
 * back: the settle that wrote it planned the quantity it leads to, so the movement list need not be read for it.
 */
async function isOwnEcho(deps: ActivityDeps, system: System, connectionId: string, ref: string | null) {
  if (ref === null) return false;
  return deps.store.links.isRecentOwnMovement(connectionId, sideOfSystem(system), ref, OWN_ECHO_WINDOW_MS);
}
