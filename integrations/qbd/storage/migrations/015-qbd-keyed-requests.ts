export const name = '015-qbd-keyed-requests';

/**
 * Requests a sync step queues for QuickBooks Desktop and waits for (docs/adr/0011-qbd-web-connector-endpoint.md):
 * `caller_key` is the step's own key, unique per connection, so a retried step finds the request it queued instead of
 * queueing it twice; `answer_lost` marks a request sent in a session that ended
 * before QuickBooks' answer arrived (QuickBooks may have applied it: the step looks before writing again).
 */
export const sql = `
ALTER TABLE qbd_requests ADD COLUMN caller_key text;
ALTER TABLE qbd_requests ADD COLUMN answer_lost boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX qbd_requests_caller_key ON qbd_requests (connection_id, caller_key);
`;
