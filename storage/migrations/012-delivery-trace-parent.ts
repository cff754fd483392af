export const name = '012-delivery-trace-parent';

/**
 * Each stored delivery keeps the W3C `traceparent` of the webhook request that brought it (null while tracing is
 * off), so the dispatcher's hand-off, in whichever process claims it, continues that request's trace.
 */
export const sql = `
ALTER TABLE webhook_deliveries ADD COLUMN trace_parent text;
`;
