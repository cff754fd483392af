import { setTimeout as sleep } from 'node:timers/promises';
import { createRng } from '../emulators/common/rng.js';
import type { DriftReport } from '../domain/drift-report.js';
import { reconcileWorkflow } from '../workflows/reconcile.js';
import { FOUND_BY_WATCH } from '../domain/adjustment-watch.js';
import { seedLinkedItems } from './catalog.js';
import { DefinitionEdits } from './definitions.js';
import { ExpectedMovements } from './expected.js';
import { injectFaults, type FaultLevels } from './fault-plan.js';
import { qbdDisruptions } from './presets.js';
import { checkInvariants, type Observations, type Violation } from './invariants.js';
import { driveMovements, type Disruption, type DisruptionKind } from './movements.js';
import { observe } from './observe.js';
import { countRetries, type RetryTally } from './retries.js';
import { waitForQuiet } from './settle-wait.js';
import { startChaosStack, type ChaosStack } from './stack.js';
import { usersOf } from './users.js';
import { errorStatuses, injectWebConnectorFaults, sessionOutcomes } from './web-connector-faults.js';

export interface ChaosOptions {
  seed: number;
  master: 'qbo' | 'zuper';
  /** QuickBooks Online (default) or QuickBooks Desktop through the Web Connector. */
  accounting?: 'qbo' | 'qbd';
  /** On a 2-node Temporal cluster instead of the dev server. */
  cluster?: boolean;
  /** Worker processes (default 1); each worker kill stops one of them. */
  workers?: number;
  items: number;
  movements: number;
  /** Users moving stock at the same time. */
  lanes: number;
  /** Movements made once the service settled, while no webhook is delivered: drift only reconciliation can find. */
  outageMovements: number;
  /** How long the movement phase should last (disruptions need time to land in the middle of it). */
  movementPhaseMs: number;
  disruptions: Disruption[];
  faults: FaultLevels;
  /** Emulator clock speed-up (webhook retry schedules, latency, rate windows). */
  timeScale: number;
  /** Longest wait for the service to go quiet, after the faults stop and after the reconciliation. */
  settleTimeoutMs: number;
  log: (line: string) => void;
}

export interface ChaosReport {
  seed: number;
  master: 'qbo' | 'zuper';
  accounting: 'qbo' | 'qbd';
  /** QuickBooks Desktop: the Web Connector's sessions by how they ended (faults show as their outcomes). */
  webConnectorSessions: Record<string, number> | null;
  /** QuickBooks Desktop: the error statuses QuickBooks answered, by code (record in use, stale EditSequence, …). */
  qbdStatuses: Record<string, number> | null;
  /** Items whose definition the product master's user changed, checked on both sides at the end. */
  definitionsChanged: number;
  items: number;
  workers: number;
  outageMovements: number;
  movements: { total: number; byKind: Record<string, number> };
  faults: { qbo: Record<string, number>; zuper: Record<string, number> };
  throttled: Record<string, number>;
  webhooks: { qbo: Record<string, number>; zuper: Record<string, number> };
  disruptions: Record<DisruptionKind | 'worker exited on its own', number>;
  retries: RetryTally;
  /** History rows that failed or need attention (each must carry an explanation). */
  failedRuns: Observations['failures'];
  drift: Pick<DriftReport, 'checked' | 'drifted' | 'corrected' | 'failed' | 'items'>;
  /** Settles caused by QuickBooks stock adjustments the quantity watch found (no webhook announces them). */
  watchSettles: number;
  /** Settling after the faults stopped, plus the reconciliation and the settling after it. */
  convergeMs: number;
  violations: Violation[];
}

const HISTORY_ROWS_READ = 100_000;

async function countWatchSettles(stack: ChaosStack): Promise<number> {
  const rows = await stack.ctx.store.history.list({
    connectionId: stack.connection.connectionId,
    kind: 'quantity',
    status: 'succeeded',
    limit: HISTORY_ROWS_READ,
  });
  return rows.filter((r) => r.summary.includes(FOUND_BY_WATCH)).length;
}

/**
 * Kills the worker process, restarts the Temporal server, or (QuickBooks Desktop) keeps the Web Connector away while
 * QuickBooks' clock moves on by days, and counts it.
 */
function disrupter(stack: ChaosStack, tally: ChaosReport['disruptions'], absence: FaultLevels['webConnectorAbsence']) {
  return async (kind: DisruptionKind) => {
    if (kind === 'kill worker') await stack.worker.killAndRestart();
    else if (kind === 'Web Connector away') {
      if (!stack.qbd) return;
      await awayForDays(stack.qbd, absence);
    } else {
      await stack.temporal.restart();
      await stack.worker.ready();
    }
    tally[kind] += 1;
  };
}

/** The clock moves in steps, so the sales entered meanwhile are spread over the days away. */
const ABSENCE_STEPS = 8;

async function awayForDays(qbd: NonNullable<ChaosStack['qbd']>, absence: FaultLevels['webConnectorAbsence']) {
  await qbd.connector.stop();
  for (let step = 0; step < ABSENCE_STEPS; step++) {
    await sleep(absence.realMs / ABSENCE_STEPS);
    qbd.emulator.admin.advanceClock(absence.nominalMs / ABSENCE_STEPS);
  }
  qbd.connector.start();
}

/**
 * One chaos run: a fresh stack, `items` linked items, `movements` random user movements on both sides under faults
 * and disruptions; once the service settles, a few movements during a webhook outage; one reconciliation; then the
 * invariants checked for every item.
 */
export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const rng = createRng(o.seed);
  o.log(`chaos: seed ${o.seed}, master ${o.master}, ${o.items} items, ${o.movements} movements`);
  const accounting = o.accounting ?? 'qbo';
  const stack = await startChaosStack({
    master: o.master,
    accounting,
    timeScale: o.timeScale,
    cluster: o.cluster,
    workers: o.workers,
    log: o.log,
  });
  try {
    const items = await seedLinkedItems(stack, o.master, o.items, rng);
    o.log(`linked ${items.length} items`);
    const { connection } = stack;
    const definitions = new DefinitionEdits();
    const { sides, zuperApi } = usersOf(stack, items, rng, String(o.seed), { master: o.master, edits: definitions });
    const expected = new ExpectedMovements();
    const tally: ChaosReport['disruptions'] = {
      'kill worker': 0,
      'restart Temporal': 0,
      'Web Connector away': 0,
      'worker exited on its own': 0,
    };
    const drive = (count: number, lanes: number, durationMs: number, disruptions: Disruption[]) =>
      driveMovements({
        count,
        lanes,
        durationMs,
        rng,
        sides,
        expected,
        disruptions,
        disrupt: disrupter(stack, tally, o.faults.webConnectorAbsence),
        log: o.log,
      });
    const violations: Violation[] = [];
    const settle = async (when: string) => {
      const startedAt = Date.now();
      const busy = await waitForQuiet(stack, o.settleTimeoutMs, o.log);
      if (busy) violations.push({ rule: 'not-settled', item: null, detail: `${when}: ${busy}` });
      return Date.now() - startedAt;
    };

    const faults = injectFaults(stack.emulators, o.faults);
    const webConnectorQuiet = stack.qbd
      ? injectWebConnectorFaults(stack.qbd, rng, o.faults.webConnectorFaults)
      : () => undefined;
    try {
      await drive(o.movements, o.lanes, o.movementPhaseMs, [
        ...o.disruptions,
        ...(accounting === 'qbd' ? qbdDisruptions : []),
      ]);
    } finally {
      faults.quiet();
      webConnectorQuiet();
    }
    o.log('faults off; waiting for the service to settle');
    let convergeMs = await settle('after the faults');

    o.log(`webhook outage: ${o.outageMovements} movements no webhook announces`);
    faults.webhookOutage();
    try {
      await drive(o.outageMovements, 1, 0, []);
    } finally {
      faults.quiet();
    }
    o.log('reconciling');
    const reconcileStartedAt = Date.now();
    const drift = await stack.ctx.temporal.workflow.execute(reconcileWorkflow, {
      workflowId: `reconcile:${connection.connectionId}:chaos`,
      taskQueue: stack.taskQueue,
      args: [{ connectionId: connection.connectionId }],
    });
    convergeMs += Date.now() - reconcileStartedAt + (await settle('after the reconciliation'));
    o.log('checking the invariants');
    const observations = await observe(stack, items, expected, zuperApi, definitions);
    violations.push(...checkInvariants(observations));
    tally['worker exited on its own'] = stack.worker.unexpectedExits();
    const qboCounters = stack.emulators.qbo.admin.counters();
    const zuperCounters = stack.emulators.zuper.admin.counters();
    return {
      seed: o.seed,
      master: o.master,
      accounting,
      webConnectorSessions: stack.qbd ? sessionOutcomes(stack.qbd.connector) : null,
      qbdStatuses: stack.qbd ? errorStatuses(stack.qbd.connector) : null,
      definitionsChanged: definitions.entries().length,
      items: items.length,
      workers: o.workers ?? 1,
      outageMovements: o.outageMovements,
      movements: { total: expected.total(), byKind: expected.byKind() },
      faults: { qbo: qboCounters.faults, zuper: zuperCounters.faults },
      throttled: qboCounters.throttled,
      webhooks: { qbo: qboCounters.webhooks, zuper: { ...zuperCounters.webhooks } },
      disruptions: tally,
      retries: await countRetries(stack.ctx.temporal, stack.taskQueue),
      failedRuns: observations.failures,
      drift: {
        checked: drift.checked,
        drifted: drift.drifted,
        corrected: drift.corrected,
        failed: drift.failed,
        items: drift.items,
      },
      watchSettles: await countWatchSettles(stack),
      convergeMs,
      violations,
    };
  } catch (error) {
    o.log(`the run failed; the worker's last output:\n${stack.worker.stderr()}`);
    throw error;
  } finally {
    await stack.stop();
  }
}
