import type { ActivityDeps } from './deps.js';
import type { SystemChange } from '../domain/change-events.js';
import { sideOfSystem, type System } from '../domain/systems.js';
import type { Side } from '../domain/sides.js';
import type { ApplyMovementInput, CommitSettleInput, PlanSettleInput, RecordFailureInput } from './quantity/types.js';
import { planSettle } from './quantity/plan-settle.js';
import { applyMovement } from './quantity/apply-movement.js';
import { commitSettle } from './quantity/commit-settle.js';
import { recordSyncFailure } from './history/record-sync-failure.js';
import { routeChange } from './routing/route-change.js';
import { settleListedMovements } from './routing/settle-listed-movements.js';
import { loadIntakeBatch } from './routing/load-intake-batch.js';
import { syncItem, type SyncItemInput } from './catalog/sync-item.js';
import { scanDrift } from './reconcile/scan-drift.js';
import { settleDrifted } from './reconcile/settle-drifted.js';
import { recordDriftReport } from './reconcile/record-drift-report.js';
import { watchUnannouncedChanges } from './quantity/watch-unannounced-changes.js';
import { applyLinkActions, finishLinkReport, planCatalogLinking } from './catalog/link-catalog.js';
import { recordedActivityNames } from './recorded-activity-names.js';

/** Every activity, bound to the process's dependencies. Workflows import only this type. */
export function createActivities(deps: ActivityDeps) {
  return {
    planSettle: (input: PlanSettleInput) => planSettle(deps, input),
    applyMovement: (input: ApplyMovementInput) => applyMovement(deps, input),
    commitSettle: (input: CommitSettleInput) => commitSettle(deps, input),
    recordSyncFailure: (input: RecordFailureInput) => recordSyncFailure(deps, input),
    loadIntakeBatch: (batchId: string) => loadIntakeBatch(deps, batchId),
    routeChange: (input: SystemChange) => routeChange(deps, input),
    settleListedMovements: (input: { connectionId: string; system: System }) => settleListedMovements(deps, input),
    syncItem: (input: SyncItemInput) => syncItem(deps, input),
    planCatalogLinking: (input: Parameters<typeof planCatalogLinking>[1]) => planCatalogLinking(deps, input),
    applyLinkActions: (input: Parameters<typeof applyLinkActions>[1]) => applyLinkActions(deps, input),
    finishLinkReport: (input: Parameters<typeof finishLinkReport>[1]) => finishLinkReport(deps, input),
    scanDrift: (input: Parameters<typeof scanDrift>[1]) => scanDrift(deps, input),
    settleDrifted: (input: Parameters<typeof settleDrifted>[1]) => settleDrifted(deps, input),
    recordDriftReport: (input: Parameters<typeof recordDriftReport>[1]) => recordDriftReport(deps, input),
    watchUnannouncedChanges: (connectionId: string) => watchUnannouncedChanges(deps, connectionId),
    // Reconciliation asks it of the product master's side; runs recorded before named the master's system.
    requestItemSync: (input: { connectionId: string; id: string } & ({ side: Side } | { system: System })) =>
      deps.workflows.requestItemSync(
        input.connectionId,
        'side' in input ? input.side : sideOfSystem(input.system),
        input.id,
      ),
    ...recordedActivityNames(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
