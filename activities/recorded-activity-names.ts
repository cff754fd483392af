import type { ActivityDeps } from './deps.js';
import type { SettlePlan } from '../domain/settle-plan.js';
import type { AnnouncedChange } from '../domain/change-events.js';
import { applyMovement } from './quantity/apply-movement.js';
import { routeChange } from './routing/route-change.js';
import { settleListedMovements } from './routing/settle-listed-movements.js';
import { watchUnannouncedChanges } from './quantity/watch-unannounced-changes.js';

/**
 * Activity names that runs started before the side-neutral activities recorded in their histories and still schedule
 * when they replay or go on (workflows/recorded-activity-names.ts calls them under the same patches). Each stays
 * registered until no running workflow and no committed history of the older versions is left.
 */
export function recordedActivityNames(deps: ActivityDeps) {
  return {
    /** Runs from before the side-neutral settle (workflows/item-quantity.ts, SIDE_NEUTRAL_MOVEMENTS). */
    applyQboMovement: (plan: SettlePlan, resumed: boolean) =>
      applyMovement(deps, { plan, side: 'accounting', resumed }),
    applyZuperMovement: (plan: SettlePlan, resumed: boolean) => applyMovement(deps, { plan, side: 'field', resumed }),
    /** Runs from before side-neutral routing (workflows/intake-batch.ts, SIDE_NEUTRAL_ROUTING_PATCH). */
    routeQboChange: (change: AnnouncedChange) => routeChange(deps, { system: 'qbo', change }),
    routeZuperChange: (change: AnnouncedChange) => routeChange(deps, { system: 'zuper', change }),
    settleZuperMovements: (connectionId: string) => settleListedMovements(deps, { connectionId, system: 'zuper' }),
    /** Watch runs from before the side-neutral name (workflows/adjustment-watch.ts, SIDE_NEUTRAL_WATCH). */
    watchQboAdjustments: (connectionId: string) => watchUnannouncedChanges(deps, connectionId),
  };
}
