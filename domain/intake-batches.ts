import type { System } from './systems.js';

/** The system whose announcement a delivery is; the intake outbox keeps its deliveries apart by it. */
export type IntakeSource = System;

/** A delivery waiting in the intake outbox; `batchId` is set once it was claimed into a batch. */
export interface PendingDelivery {
  source: IntakeSource;
  deliveryId: string;
  connectionId: string;
  batchId: string | null;
}

/** One batch to hand to Temporal: its id is the workflow id. */
export interface IntakeBatchRef {
  batchId: string;
  source: IntakeSource;
  connectionId: string;
  size: number;
}

export interface BatchAssignment {
  source: IntakeSource;
  deliveryId: string;
  batchId: string;
}

/**
 * Groups claimed deliveries (oldest first) into batches of one source and connection, at most `batchSize` each.
 * Deliveries that already belong to a batch (a claim whose dispatcher failed or died) stay in it, so a batch started
 * again carries exactly the deliveries it first had; the rest start new batches named after their first delivery.
 */
export function formIntakeBatches(
  pending: PendingDelivery[],
  batchSize: number,
  batchIdFor: (source: IntakeSource, connectionId: string, firstDeliveryId: string) => string,
): { batches: IntakeBatchRef[]; assignments: BatchAssignment[] } {
  const batches = new Map<string, IntakeBatchRef>();
  const open = new Map<string, IntakeBatchRef>();
  const assignments: BatchAssignment[] = [];
  for (const d of pending) {
    let batch: IntakeBatchRef | undefined;
    if (d.batchId) {
      batch = batches.get(d.batchId);
      if (!batch) {
        batch = { batchId: d.batchId, source: d.source, connectionId: d.connectionId, size: 0 };
        batches.set(d.batchId, batch);
      }
    } else {
      const key = `${d.source}\u0000${d.connectionId}`;
      batch = open.get(key);
      if (!batch || batch.size >= batchSize) {
        batch = {
          batchId: batchIdFor(d.source, d.connectionId, d.deliveryId),
          source: d.source,
          connectionId: d.connectionId,
          size: 0,
        };
        batches.set(batch.batchId, batch);
        open.set(key, batch);
      }
    }
    batch.size++;
    assignments.push({ source: d.source, deliveryId: d.deliveryId, batchId: batch.batchId });
  }
  return { batches: [...batches.values()], assignments };
}
