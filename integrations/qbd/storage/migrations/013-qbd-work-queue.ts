export const name = '013-qbd-work-queue';

/**
 * QuickBooks Desktop through the Web Connector (docs/adr/0011-qbd-web-connector-endpoint.md): each connection's Web
 * Connector login (the password sealed like every other secret), its sessions (only a SHA-256 of each ticket is kept,
 * so a copy of the table opens no session) and its queue of qbXML requests, which outlives restarts. A request is sent
 * under its own requestID and answered at most once; an iterator's next page is a request of its own.
 */
export const sql = `
ALTER TABLE connections ADD COLUMN qbd_username text UNIQUE;
ALTER TABLE connections ADD COLUMN qbd_password_sealed text;

CREATE TABLE qbd_sessions (
  ticket_sha256 text PRIMARY KEY,
  connection_id text NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  started_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  last_error text
);
CREATE INDEX qbd_sessions_open ON qbd_sessions (connection_id) WHERE closed_at IS NULL;

CREATE TABLE qbd_requests (
  seq bigserial PRIMARY KEY,
  connection_id text NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  request_id text NOT NULL UNIQUE,
  request_type text NOT NULL,
  body text NOT NULL,
  iterator text CHECK (iterator IN ('Start', 'Continue')),
  iterator_id text,
  iteration_of bigint REFERENCES qbd_requests(seq) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'answered', 'failed')),
  sent_in text,
  queued_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  answered_at timestamptz,
  response text,
  status_code integer,
  status_severity text,
  status_message text
);
CREATE INDEX qbd_requests_pending ON qbd_requests (connection_id, status, seq);
`;
