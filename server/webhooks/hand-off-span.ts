import type { Attributes } from '@opentelemetry/api';
import { contextOfTraceParent, linksToTraceParents } from '../../observability/trace-context.js';
import { serviceTracer, spanBody } from '../../observability/tracing.js';
import type { ClaimedBatch } from '../../storage/repositories/webhook-deliveries.js';

/**
 * Traces one batch's way out of the intake outbox, continuing the trace of its oldest delivery's webhook request and
 * linking every other request whose changes ride in the batch: `intake outbox wait` from the oldest delivery's arrival
 * to the claim, then `intake hand-off` around `start` (the workflow start, whose client span, and with it the whole
 * workflow, becomes its child).
 */
export async function tracedHandOff(batch: ClaimedBatch, claimedAt: Date, start: () => Promise<void>): Promise<void> {
  const tracer = serviceTracer();
  const parent = contextOfTraceParent(batch.traceParents[0] ?? null);
  const links = linksToTraceParents(batch.traceParents.slice(1));
  const attributes: Attributes = {
    'sync.intake.source': batch.source,
    'sync.connection_id': batch.connectionId,
    'sync.intake.batch_id': batch.batchId,
    'sync.intake.deliveries': batch.size,
  };
  tracer.startSpan('intake outbox wait', { startTime: batch.waitingSince, attributes, links }, parent).end(claimedAt);
  await tracer.startActiveSpan('intake hand-off', { attributes, links }, parent, (span) => spanBody(span, start));
}
