export const name = '025-qbd-web-connector-files';

/**
 * What a connection's .qwc file says beside its Web Connector login, as the user set it: where the Web Connector
 * reaches the service (AppURL) and how often it runs, in seconds (written as RunEveryNMinutes when whole minutes).
 * Null keeps the default (PUBLIC_BASE_URL's /qbwc, 15 minutes). Kept apart from the login, so disconnecting, which
 * forgets the login, leaves them for the next connect.
 */
export const sql = `
CREATE TABLE qbd_web_connector_files (
  connection_id text PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
  app_url text,
  run_every_seconds integer CHECK (run_every_seconds BETWEEN 1 AND 86400),
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
