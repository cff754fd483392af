export const name = '001-initial';

export const sql = `
CREATE TABLE connections (
  id text PRIMARY KEY,
  display_name text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  qbo_realm_id text UNIQUE,
  qbo_tokens_sealed text,
  qbo_access_expires_at timestamptz,
  qbo_refresh_expires_at timestamptz,
  zuper_company text,
  zuper_api_url text,
  zuper_api_key_sealed text,
  zuper_webhook_secret_sealed text,
  status text NOT NULL DEFAULT 'active',
  status_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE item_links (
  connection_id text NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  qbo_item_id text NOT NULL,
  zuper_product_uid text NOT NULL,
  item_kind text NOT NULL,
  tracks_quantity boolean NOT NULL,
  base_qty numeric,
  version integer NOT NULL DEFAULT 0,
  pending_settle jsonb,
  definition_hash text,
  last_settled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection_id, qbo_item_id),
  UNIQUE (connection_id, zuper_product_uid)
);

CREATE TABLE category_links (
  connection_id text NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  qbo_category_id text NOT NULL,
  zuper_category_uid text NOT NULL,
  PRIMARY KEY (connection_id, qbo_category_id),
  UNIQUE (connection_id, zuper_category_uid)
);

-- One row per settle pass that moved anything: the base before and after and what each side showed.
CREATE TABLE settles (
  id text PRIMARY KEY,
  connection_id text NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  qbo_item_id text NOT NULL,
  zuper_product_uid text NOT NULL,
  base_before numeric NOT NULL,
  qbo_seen numeric NOT NULL,
  zuper_seen numeric NOT NULL,
  base_after numeric NOT NULL,
  reason text NOT NULL,
  workflow_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The movement ledger: every external quantity write, keyed by its idempotency key.
CREATE TABLE movements (
  id text PRIMARY KEY,
  settle_id text NOT NULL REFERENCES settles(id),
  connection_id text NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  qbo_item_id text NOT NULL,
  target text NOT NULL CHECK (target IN ('qbo', 'zuper')),
  qty_diff numeric NOT NULL,
  external_ref text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX movements_by_item ON movements (connection_id, qbo_item_id, created_at);

CREATE TABLE sync_runs (
  id serial PRIMARY KEY,
  -- Makes recording idempotent when an activity is retried (e.g. the settle plan id).
  dedupe_key text UNIQUE,
  connection_id text NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  kind text NOT NULL,
  status text NOT NULL,
  workflow_id text,
  run_id text,
  qbo_item_id text,
  zuper_product_uid text,
  summary text NOT NULL DEFAULT '',
  qty_before jsonb,
  qty_after jsonb,
  explanation text,
  fix text,
  error_code text,
  details jsonb,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX sync_runs_recent ON sync_runs (connection_id, started_at DESC);
CREATE INDEX sync_runs_by_item ON sync_runs (connection_id, qbo_item_id, started_at DESC);
CREATE INDEX sync_runs_by_workflow ON sync_runs (workflow_id);

CREATE TABLE webhook_deliveries (
  source text NOT NULL,
  delivery_id text NOT NULL,
  connection_id text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, delivery_id)
);

-- Items a transaction touched when we last saw it, so a hard delete (QBO answers 610) still names its items.
CREATE TABLE transaction_items (
  connection_id text NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  source text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  item_ids text[] NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection_id, source, entity, entity_id)
);

CREATE TABLE oauth_states (
  state text PRIMARY KEY,
  connection_id text NOT NULL,
  session_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Token buckets shared by every worker process, so per-company API limits hold at any scale.
CREATE TABLE rate_buckets (
  key text PRIMARY KEY,
  tokens double precision NOT NULL,
  refilled_at timestamptz NOT NULL
);
`;
