export const name = '002-intake-outbox';

/**
 * Webhook deliveries become an outbox: the intake stores each accepted change and answers at once; a dispatcher hands
 * them to Temporal in per-connection batches. `batch_id` (the batch's workflow id) is fixed when a batch is first
 * claimed, so a batch started again after a crash carries exactly the same deliveries.
 */
export const sql = `
ALTER TABLE webhook_deliveries
  ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY,
  ADD COLUMN change jsonb,
  ADD COLUMN batch_id text,
  ADD COLUMN claimed_until timestamptz,
  ADD COLUMN handed_off_at timestamptz;
-- Deliveries recorded before the outbox were handed off synchronously.
UPDATE webhook_deliveries SET handed_off_at = received_at;
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (seq) WHERE handed_off_at IS NULL;
CREATE INDEX webhook_deliveries_batch ON webhook_deliveries (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX webhook_deliveries_handed_off ON webhook_deliveries (handed_off_at);
`;
