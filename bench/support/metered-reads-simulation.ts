import { MockActivityEnvironment } from '@temporalio/testing';
import type { ActivityDeps } from '../../activities/deps.js';
import { watchUnannouncedChanges } from '../../activities/quantity/watch-unannounced-changes.js';
import { scanDrift } from '../../activities/reconcile/scan-drift.js';
import { afterPoll, defaultWatchPacing, initialWatchState } from '../../domain/adjustment-watch.js';
import { sharedSettingsSchema } from '../../domain/connection-settings.js';
import { durationMs } from '../../domain/duration.js';
import type { QboEmulatorAdmin } from '../../emulators/qbo/admin.js';
import { adjustStockInQbo } from '../../emulators/qbo/index.js';
import { meteredReadsReceived } from './request-tally.js';

export const dayMs = 24 * 3600_000;

export interface MeteredReadsSimulation {
  deps: ActivityDeps;
  connectionId: string;
  qbo: QboEmulatorAdmin;
  realmId: string;
  /** Linked QuickBooks items the Zuper consumptions move. */
  qboItemIds: string[];
  periodMs: number;
  consumptionsPerDay: number;
}

export interface MeteredReadsTally {
  /** Metered reads the QuickBooks emulator received over the period. */
  reads: number;
  watchPolls: number;
  reconciliations: number;
  qboCatalogReads: number;
}

/**
 * A connection's QuickBooks-reading work over a simulated period, at the real defaults: the change watch polls at
 * the default pacing, the reconciliation schedule runs its scan at the default interval (reading QuickBooks'
 * catalog when due), and each Zuper consumption writes the sync's own adjustment to QuickBooks (a consumption's
 * settle reads no QuickBooks: docs/settle.md). Each step runs the real activity against the emulator; only the clock
 * between steps is simulated, which the pacing and the daily catalog rule take as their `now`.
 */
export async function simulateMeteredReads(sim: MeteredReadsSimulation): Promise<MeteredReadsTally> {
  const activityEnvironment = new MockActivityEnvironment();
  const inActivity = <R>(call: () => Promise<R>) => activityEnvironment.run<[], R, () => Promise<R>>(call);
  const reconcileEveryMs = durationMs(sharedSettingsSchema.shape.reconcileEvery.parse(undefined));
  const consumptionEveryMs = dayMs / sim.consumptionsPerDay;
  // QuickBooks times have whole seconds, so a cursor inside the second the seeding wrote would read it as new: the
  // period starts at the next whole second.
  const startMs = Math.ceil((Date.now() + 1) / 1000) * 1000;
  await new Promise((resolve) => setTimeout(resolve, startMs - Date.now()));
  const firstLogSeq = sim.qbo.requestLog().at(-1)?.seq ?? 0;
  // Steady state: the watch has caught up with the seeding before the period starts.
  await sim.deps.store.adjustmentCursors.save(sim.connectionId, { changedSince: new Date(startMs), seenIds: [] });
  let watch = initialWatchState(startMs, defaultWatchPacing);
  // The watch polls as soon as it starts; the schedule's first run comes one interval after it is created.
  const next = { watch: 0, reconcile: reconcileEveryMs, consumption: consumptionEveryMs / 2 };
  const tally = { watchPolls: 0, reconciliations: 0, qboCatalogReads: 0, consumptions: 0 };
  for (;;) {
    const atMs = Math.min(next.watch, next.reconcile, next.consumption);
    if (atMs >= sim.periodMs) break;
    if (atMs === next.consumption) {
      const itemId = sim.qboItemIds[tally.consumptions % sim.qboItemIds.length]!;
      // The QuickBooks write of a settled Zuper consumption: an adjustment carrying the sync's movement id.
      adjustStockInQbo(sim.qbo, sim.realmId, { itemId, qtyDiff: -1, docNumber: `mva-sim${tally.consumptions++}` });
      next.consumption += consumptionEveryMs;
    } else if (atMs === next.watch) {
      const polled = await inActivity(() => watchUnannouncedChanges(sim.deps, sim.connectionId));
      tally.watchPolls += 1;
      watch = afterPoll(watch, polled.adjustments, startMs + atMs, defaultWatchPacing);
      next.watch += watch.intervalMs;
    } else {
      const at = new Date(startMs + atMs);
      const scan = await inActivity(() =>
        scanDrift(sim.deps, {
          connectionId: sim.connectionId,
          workflowId: 'metered-reads-simulation',
          runId: `run-${tally.reconciliations}`,
          scheduled: true,
          at: at.toISOString(),
        }),
      );
      tally.reconciliations += 1;
      // What the run's drift report records once its settles are done (activities/reconcile/record-drift-report.ts).
      if (scan.accountingCatalogReadAt !== null) {
        tally.qboCatalogReads += 1;
        await sim.deps.store.accountingCatalogReads.recordRead(
          sim.connectionId,
          new Date(scan.accountingCatalogReadAt),
        );
      }
      next.reconcile += reconcileEveryMs;
    }
  }
  const reads = meteredReadsReceived(sim.qbo.requestLog({ afterSeq: firstLogSeq }));
  return {
    reads,
    watchPolls: tally.watchPolls,
    reconciliations: tally.reconciliations,
    qboCatalogReads: tally.qboCatalogReads,
  };
}
