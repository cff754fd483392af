import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../../integrations/store.js';
import type { ClaimedBatch } from '../../storage/repositories/webhook-deliveries.js';
import { startIntakeBatch } from '../../client/intake.js';
import { metrics } from '../../observability/metrics.js';
import { errorMessage } from './error-message.js';
import { BACKOFF_MS, IDLE_POLL_MS, createWakeSignal, nextWait, type PassOutcome } from './intake-pacing.js';
import type { Listener } from '../../storage/db.js';
import { intakeBatchWorkflowId } from '../../client/workflow-ids.js';
import { tracedHandOff } from './hand-off-span.js';

export interface DispatcherOptions {
  store: Store;
  temporal: Client;
  taskQueue: string;
  log: Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>;
  /** Longest one workflow start may take before the batch is released and tried again. */
  startTimeoutMs: number;
  /** How long handed-off delivery ids are kept to recognise redeliveries. */
  retentionMs: number;
  /** Idle polling while listening for stored deliveries and while reconnecting; IDLE_POLL_MS unless a test stretches it. */
  idlePollMs?: typeof IDLE_POLL_MS;
}

export interface IntakeDispatcher {
  start(): void;
  stop(): Promise<void>;
}

const CLAIM_LIMIT = 1000;
const BATCH_SIZE = 100;
/** Starts in flight at once; batches grow with the load while they are out. */
const CONCURRENT_STARTS = 8;
/** Another dispatcher (or this one after a restart) takes over a claim its holder never finished after this. */
const LEASE_MS = 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/** Starts one batch's workflow and books it; a refusal gives the batch back for a later pass. */
async function handOff(options: DispatcherOptions, batch: ClaimedBatch, claimedAt: Date): Promise<boolean> {
  const { store, log } = options;
  const fields = { connectionId: batch.connectionId, batchId: batch.batchId, deliveries: batch.size };
  const startTimer = metrics.intakeStartSeconds.startTimer({ source: batch.source });
  try {
    await tracedHandOff(batch, claimedAt, () =>
      startIntakeBatch({ client: options.temporal, taskQueue: options.taskQueue }, batch, options.startTimeoutMs),
    );
    startTimer({ outcome: 'started' });
  } catch (err) {
    startTimer({ outcome: 'refused' });
    log.warn({ source: batch.source, ...fields, error: errorMessage(err) }, 'Temporal did not take an intake batch');
    await store.webhookDeliveries.release(batch.batchId).catch(() => undefined);
    return false;
  }
  const waits = await store.webhookDeliveries.handedOff(batch.batchId);
  for (const seconds of waits) metrics.intakeWaitSeconds.observe({ source: batch.source }, seconds);
  metrics.intakeHandedOff.inc({ source: batch.source }, batch.size);
  log.debug({ source: batch.source, ...fields }, 'intake batch handed to Temporal');
  return true;
}

/** One pass: claims what waits and hands it off, a few starts at a time. */
async function pass(options: DispatcherOptions): Promise<PassOutcome> {
  const { store } = options;
  const batches = await store.webhookDeliveries.claim({
    limit: CLAIM_LIMIT,
    batchSize: BATCH_SIZE,
    leaseMs: LEASE_MS,
    batchIdFor: intakeBatchWorkflowId,
  });
  if (batches.length === 0) return 'idle';
  const claimedAt = new Date();
  let failing = false;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENT_STARTS, batches.length) }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        // After one refusal the rest of the claim is given back untried: Temporal is likely down for all of it.
        if (failing) await store.webhookDeliveries.release(batch.batchId);
        else if (!(await handOff(options, batch, claimedAt))) failing = true;
      }
    }),
  );
  return failing ? 'failing' : 'busy';
}

/**
 * Hands the intake outbox to Temporal: claims waiting deliveries in per-connection batches and starts one workflow per
 * batch, whose id is the batch id, so a batch started twice (a crash between start and bookkeeping) runs once. While
 * Temporal is unavailable, deliveries wait in the database and the dispatcher backs off; nothing is lost and the
 * senders need not retry. It wakes on the database's notification that deliveries were stored, by whichever process.
 */
export function createIntakeDispatcher(options: DispatcherOptions): IntakeDispatcher {
  const { store, log } = options;
  const idlePollMs = options.idlePollMs ?? IDLE_POLL_MS;
  const wakeSignal = createWakeSignal();
  let listener: Listener | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let lastPrune = 0;

  async function prune() {
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = Date.now();
    const pruned = await store.webhookDeliveries.prune(new Date(Date.now() - options.retentionMs));
    if (pruned > 0) log.info({ pruned }, 'forgot old webhook delivery ids');
  }

  /** A pass that cannot read the outbox counts as failing: the loop backs off and tries again. */
  async function guardedPass(): Promise<PassOutcome> {
    try {
      const outcome = await pass(options);
      if (outcome === 'idle') await prune();
      metrics.intakeWaiting.set(await store.webhookDeliveries.waiting());
      return outcome;
    } catch (err) {
      log.error({ error: errorMessage(err) }, 'the intake outbox could not be read');
      return 'failing';
    }
  }

  async function loop() {
    let backoffMs = BACKOFF_MS.first;
    while (!stopped) {
      wakeSignal.takeWoken(); // this pass serves any wake-up so far
      const outcome = await guardedPass();
      const pollMs = listener?.listening ? idlePollMs.listening : idlePollMs.reconnecting;
      const next = nextWait(outcome, backoffMs, wakeSignal.takeWoken(), pollMs);
      backoffMs = next.backoffMs;
      if (next.wait.kind !== 'none' && !stopped) await wakeSignal.pause(next.wait.ms, next.wait.kind === 'poll');
    }
  }

  return {
    start() {
      stopped = false;
      listener ??= store.webhookDeliveries.listen(() => wakeSignal.wake());
      running ??= loop();
    },
    async stop() {
      stopped = true;
      wakeSignal.interrupt();
      await running;
      running = null;
      await listener?.close();
      listener = null;
    },
  };
}
