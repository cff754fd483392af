export const name = '023-connection-credentials';

const isoUtc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Credentials are kept per connection and system, in one shape for every system (docs/adr/0015): each secret part
 * sealed on its own (`secrets_sealed`, null once disconnected), the identity the system sends where it must find its
 * connection (`lookup_key`: QuickBooks Online's realm, the Web Connector username), and what is shown or scheduled in
 * clear (`details`). The vendor columns move here with their sealed text unchanged (nothing is opened), then are
 * dropped: processes of an older version must be stopped first (deploy/README.md, "Data and upgrades").
 */
export const sql = `
CREATE TABLE connection_credentials (
  connection_id text NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  system text NOT NULL,
  lookup_key text,
  secrets_sealed jsonb,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection_id, system),
  UNIQUE (system, lookup_key)
);

INSERT INTO connection_credentials (connection_id, system, lookup_key, secrets_sealed, details)
SELECT id, 'qbo', qbo_realm_id,
       CASE WHEN qbo_tokens_sealed IS NULL THEN NULL ELSE jsonb_build_object('tokens', qbo_tokens_sealed) END,
       jsonb_strip_nulls(jsonb_build_object(
         'accessExpiresAt', ${isoUtc('qbo_access_expires_at')},
         'refreshExpiresAt', ${isoUtc('qbo_refresh_expires_at')},
         'refreshHardCapped', qbo_refresh_hard_capped))
  FROM connections WHERE qbo_realm_id IS NOT NULL OR qbo_tokens_sealed IS NOT NULL;

INSERT INTO connection_credentials (connection_id, system, lookup_key, secrets_sealed, details)
SELECT id, 'zuper', NULL,
       CASE WHEN zuper_api_key_sealed IS NULL OR zuper_webhook_secret_sealed IS NULL THEN NULL
            ELSE jsonb_build_object('apiKey', zuper_api_key_sealed, 'webhookSecret', zuper_webhook_secret_sealed) END,
       jsonb_strip_nulls(jsonb_build_object('company', zuper_company, 'apiUrl', zuper_api_url))
  FROM connections WHERE zuper_company IS NOT NULL OR zuper_api_key_sealed IS NOT NULL;

INSERT INTO connection_credentials (connection_id, system, lookup_key, secrets_sealed, details)
SELECT id, 'qbd', qbd_username,
       CASE WHEN qbd_password_sealed IS NULL THEN NULL ELSE jsonb_build_object('password', qbd_password_sealed) END,
       '{}'::jsonb
  FROM connections WHERE qbd_username IS NOT NULL;

ALTER TABLE connections
  DROP COLUMN qbo_realm_id,
  DROP COLUMN qbo_tokens_sealed,
  DROP COLUMN qbo_access_expires_at,
  DROP COLUMN qbo_refresh_expires_at,
  DROP COLUMN qbo_refresh_hard_capped,
  DROP COLUMN zuper_company,
  DROP COLUMN zuper_api_url,
  DROP COLUMN zuper_api_key_sealed,
  DROP COLUMN zuper_webhook_secret_sealed,
  DROP COLUMN qbd_username,
  DROP COLUMN qbd_password_sealed;
`;
