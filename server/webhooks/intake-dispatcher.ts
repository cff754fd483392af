import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { IntakeBatchRef } from '../../domain/intake-batches.js';
import type { Store } from '../../storage/index.js';
import { startIntakeBatch } from '../../client/intake.js';
import { metrics } from '../../observability/metrics.js';
import { errorMessage } from './error-message.js';
import { intakeBatchWorkflowId } from '../../client/workflow-ids.js';

export interface DispatcherOptions {
  store: Store;
  temporal: Client;
  taskQueue: string;
  log: Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>;
  /** Longest one workflow start may take before the batch is released and tried again. */
  startTimeoutMs: number;
  /** How long handed-off delivery ids are kept to recognise redeliveries. */
  retentionMs: number;
}

export interface IntakeDispatcher {
  /** New deliveries were stored: look now rather than at the next poll. */
  wake(): void;
  start(): void;
  stop(): Promise<void>;
}

const CLAIM_LIMIT = 1000;
const BATCH_SIZE = 100;
/** Starts in flight at once; batches grow with the load while they are out. */
const CONCURRENT_STARTS = 8;
/** Another dispatcher (or this one after a restart) takes over a claim its holder never finished after this. */
const LEASE_MS = 60_000;
/** Picks up deliveries stored by other server replicas, and claims whose holder died. */
const POLL_MS = 1_000;
const BACKOFF_MS = { first: 200, max: 5_000 };
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Hands the intake outbox to Temporal: claims waiting deliveries in per-connection batches and starts one workflow per
 * batch, whose id is the batch id, so a batch started twice (a crash between start and bookkeeping) runs once. While
 * Temporal is unavailable, deliveries wait in the database and the dispatcher backs off; nothing is lost and the
 * senders need not retry.
 */
export function createIntakeDispatcher(options: DispatcherOptions): IntakeDispatcher {
  const { store, log } = options;
  let running: Promise<void> | null = null;
  let stopped = false;
  let woken = false;
  let wakeUp: (() => void) | null = null;
  let wakeable = false;
  let lastPrune = 0;

  /** Waits `ms`; an idle wait also ends when new deliveries arrive, a backoff only when stopping. */
  const pause = (ms: number, idle: boolean) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
      wakeable = idle;
    });

  async function handOff(batch: IntakeBatchRef): Promise<boolean> {
    const fields = { connectionId: batch.connectionId, batchId: batch.batchId, deliveries: batch.size };
    try {
      await startIntakeBatch({ client: options.temporal, taskQueue: options.taskQueue }, batch, options.startTimeoutMs);
    } catch (err) {
      log.warn({ source: batch.source, ...fields, error: errorMessage(err) }, 'Temporal did not take an intake batch');
      await store.webhookDeliveries.release(batch.batchId).catch(() => undefined);
      return false;
    }
    await store.webhookDeliveries.handedOff(batch.batchId);
    metrics.intakeHandedOff.inc({ source: batch.source }, batch.size);
    log.debug({ source: batch.source, ...fields }, 'intake batch handed to Temporal');
    return true;
  }

  async function cycle(): Promise<'idle' | 'busy' | 'failing'> {
    const batches = await store.webhookDeliveries.claim({
      limit: CLAIM_LIMIT,
      batchSize: BATCH_SIZE,
      leaseMs: LEASE_MS,
      batchIdFor: intakeBatchWorkflowId,
    });
    if (batches.length === 0) return 'idle';
    let failing = false;
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENT_STARTS, batches.length) }, async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          // After one refusal the rest of the claim is given back untried: Temporal is likely down for all of it.
          if (failing) await store.webhookDeliveries.release(batch.batchId);
          else if (!(await handOff(batch))) failing = true;
        }
      }),
    );
    return failing ? 'failing' : 'busy';
  }

  async function prune() {
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = Date.now();
    const pruned = await store.webhookDeliveries.prune(new Date(Date.now() - options.retentionMs));
    if (pruned > 0) log.info({ pruned }, 'forgot old webhook delivery ids');
  }

  async function loop() {
    let backoff = BACKOFF_MS.first;
    while (!stopped) {
      woken = false;
      let state: Awaited<ReturnType<typeof cycle>>;
      try {
        state = await cycle();
        if (state === 'idle') await prune();
        metrics.intakeWaiting.set({}, await store.webhookDeliveries.waiting());
      } catch (err) {
        log.error({ error: errorMessage(err) }, 'the intake outbox could not be read');
        state = 'failing';
      }
      if (state === 'failing') {
        await pause(backoff, false);
        backoff = Math.min(backoff * 2, BACKOFF_MS.max);
        continue;
      }
      backoff = BACKOFF_MS.first;
      if (state === 'idle' && !woken && !stopped) await pause(POLL_MS, true);
    }
  }

  return {
    wake() {
      woken = true;
      if (wakeable) wakeUp?.();
    },
    start() {
      stopped = false;
      running ??= loop();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await running;
      running = null;
    },
  };
}
