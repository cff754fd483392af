import type { AnnouncedChange } from '../../domain/change-events.js';
import {
  formIntakeBatches,
  type BatchAssignment,
  type IntakeBatchRef,
  type IntakeSource,
  type PendingDelivery,
} from '../../domain/intake-batches.js';
import type { Db, Listener } from '../db.js';

/** Notified, in the same transaction, whenever deliveries become claimable (stored, or released by a dispatcher). */
const CLAIMABLE_CHANNEL = 'webhook_deliveries_claimable';

/** A change as the outbox keeps it: the system that announced it (`source`) and the change in that system's terms. */
export interface OutboxChange {
  source: IntakeSource;
  change: AnnouncedChange;
}

export type StoredDelivery = OutboxChange & { deliveryId: string; connectionId: string };

export interface ClaimOptions {
  /** Most deliveries looked at per claim. */
  limit: number;
  /** Most deliveries per batch (one workflow). */
  batchSize: number;
  /** How long a claim holds before another dispatcher may take the batch over (its holder died). */
  leaseMs: number;
  batchIdFor: (source: IntakeSource, connectionId: string, firstDeliveryId: string) => string;
}

/** A delivery as the webhook request that brought it hands it to the outbox. */
export interface AcceptedDelivery {
  deliveryId: string;
  connectionId: string;
  change: AnnouncedChange;
  /** The W3C `traceparent` of the webhook request's span; null while tracing is off. */
  traceParent?: string | null;
}

/** A claimed batch with what its hand-off's trace needs: where its deliveries' traces are, and since when they wait. */
export interface ClaimedBatch extends IntakeBatchRef {
  /** The `traceparent` of each request a delivery of the batch came in, oldest first, each once. */
  traceParents: string[];
  /** When the batch's oldest delivery was stored. */
  waitingSince: Date;
}

interface PendingRow {
  source: IntakeSource;
  delivery_id: string;
  connection_id: string;
  batch_id: string | null;
  trace_parent: string | null;
  received_at: Date;
}

/** Adds to each batch the trace parents and the oldest arrival of the rows assigned to it. */
function withTraceOrigins(
  batches: IntakeBatchRef[],
  rows: PendingRow[],
  assignments: BatchAssignment[],
): ClaimedBatch[] {
  const rowOf = new Map(rows.map((r) => [`${r.source}\u0000${r.delivery_id}`, r]));
  const claimed = new Map(
    batches.map((b): [string, ClaimedBatch] => [b.batchId, { ...b, traceParents: [], waitingSince: new Date(NaN) }]),
  );
  for (const a of assignments) {
    const row = rowOf.get(`${a.source}\u0000${a.deliveryId}`)!;
    const batch = claimed.get(a.batchId)!;
    if (row.trace_parent !== null && !batch.traceParents.includes(row.trace_parent)) {
      batch.traceParents.push(row.trace_parent);
    }
    if (!(row.received_at >= batch.waitingSince)) batch.waitingSince = row.received_at;
  }
  return [...claimed.values()];
}

/**
 * The intake outbox. A delivery id is stored once (a redelivery is a duplicate that starts nothing); the change waits
 * here, durable, until a dispatcher has handed its batch to Temporal.
 */
export function webhookDeliveriesRepository(db: Db) {
  return {
    /** Stores the changes of one webhook request; returns the delivery ids that were new (the rest are duplicates). */
    async accept(source: IntakeSource, deliveries: AcceptedDelivery[]): Promise<Set<string>> {
      if (deliveries.length === 0) return new Set();
      // One statement, so the notification leaves with the commit of the rows it announces; PostgreSQL sends one
      // per transaction however many rows call it, and none when every delivery was a duplicate.
      const rows = await db.query<{ delivery_id: string }>(
        `WITH fresh AS (
           INSERT INTO webhook_deliveries (source, delivery_id, connection_id, change, trace_parent)
           SELECT $1, d->>'deliveryId', d->>'connectionId', d->'change', d->>'traceParent'
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(d, n) ORDER BY n
           ON CONFLICT DO NOTHING RETURNING delivery_id)
         SELECT delivery_id, pg_notify($3, '') FROM fresh`,
        [source, JSON.stringify(deliveries), CLAIMABLE_CHANNEL],
      );
      return new Set(rows.map((r) => r.delivery_id));
    },

    /**
     * Claims waiting deliveries for one dispatcher, oldest first, grouped into per-connection batches. A batch keeps
     * the id it was first given, so its deliveries never move to another batch.
     */
    async claim(options: ClaimOptions): Promise<ClaimedBatch[]> {
      return db.transaction(async (tx) => {
        const rows = await tx.query<PendingRow>(
          `SELECT source, delivery_id, connection_id, batch_id, trace_parent, received_at FROM webhook_deliveries
           WHERE handed_off_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
           ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [options.limit],
        );
        const pending: PendingDelivery[] = rows.map((r) => ({
          source: r.source,
          deliveryId: r.delivery_id,
          connectionId: r.connection_id,
          batchId: r.batch_id,
        }));
        const { batches, assignments } = formIntakeBatches(pending, options.batchSize, options.batchIdFor);
        if (assignments.length > 0) {
          await tx.query(
            `UPDATE webhook_deliveries w SET batch_id = a->>'batchId',
               claimed_until = now() + $2 * interval '1 millisecond'
             FROM jsonb_array_elements($1::jsonb) a
             WHERE w.source = a->>'source' AND w.delivery_id = a->>'deliveryId'`,
            [JSON.stringify(assignments), options.leaseMs],
          );
        }
        return withTraceOrigins(batches, rows, assignments);
      });
    },

    /** Every delivery of a batch, as the batch workflow routes them. */
    async batch(batchId: string): Promise<StoredDelivery[]> {
      const rows = await db.query<{
        source: IntakeSource;
        delivery_id: string;
        connection_id: string;
        change: AnnouncedChange;
      }>(
        `SELECT source, delivery_id, connection_id, change FROM webhook_deliveries
         WHERE batch_id = $1 ORDER BY seq`,
        [batchId],
      );
      // Written by accept() with the source beside it; routing checks the change is that system's.
      return rows.map((r) => ({
        source: r.source,
        deliveryId: r.delivery_id,
        connectionId: r.connection_id,
        change: r.change,
      }));
    },

    /**
     * Temporal holds the batch's workflow: its deliveries are done here. Returns how long each waited in the outbox,
     * in seconds, from its receipt to now, both read from the database's clock.
     */
    async handedOff(batchId: string): Promise<number[]> {
      const rows = await db.query<{ waited: number }>(
        `UPDATE webhook_deliveries SET handed_off_at = now(), claimed_until = NULL WHERE batch_id = $1
         RETURNING extract(epoch FROM handed_off_at - received_at)::float8 AS waited`,
        [batchId],
      );
      return rows.map((r) => r.waited);
    },

    /** Temporal did not take the batch: any dispatcher may try it again at once. */
    async release(batchId: string): Promise<void> {
      await db.query(
        `WITH released AS (
           UPDATE webhook_deliveries SET claimed_until = NULL WHERE batch_id = $1 AND handed_off_at IS NULL RETURNING 1)
         SELECT pg_notify($2, '') FROM released`,
        [batchId, CLAIMABLE_CHANNEL],
      );
    },

    /** Calls `onClaimable` when any process stores or releases deliveries (see Db.listen for the other calls). */
    listen(onClaimable: () => void): Listener {
      return db.listen(CLAIMABLE_CHANNEL, onClaimable);
    },

    /** The batch (workflow id) a delivery was handed off in, or null while it waits. */
    async handedOffIn(source: IntakeSource, deliveryId: string): Promise<string | null> {
      const rows = await db.query<{ batch_id: string }>(
        `SELECT batch_id FROM webhook_deliveries
         WHERE source = $1 AND delivery_id = $2 AND handed_off_at IS NOT NULL`,
        [source, deliveryId],
      );
      return rows[0]?.batch_id ?? null;
    },

    /** Deliveries not yet handed off. */
    async waiting(): Promise<number> {
      const rows = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM webhook_deliveries WHERE handed_off_at IS NULL',
      );
      return rows[0]?.n ?? 0;
    },

    /** Forgets deliveries handed off before `before`: a redelivery that old is refused as stale or routes again harmlessly. */
    async prune(before: Date): Promise<number> {
      const rows = await db.query<{ n: number }>(
        'WITH gone AS (DELETE FROM webhook_deliveries WHERE handed_off_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
        [before],
      );
      return rows[0]?.n ?? 0;
    },
  };
}
