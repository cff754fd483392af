export const name = '007-operator-tokens';

/**
 * Operator tokens limited to some connections. Only a SHA-256 of each token's secret is kept: the token itself is
 * shown once, when it is created, and a copy of this table opens nothing. A revoked token stays listed (who had what).
 */
export const sql = `
CREATE TABLE operator_tokens (
  id text PRIMARY KEY,
  label text NOT NULL,
  connection_ids text[] NOT NULL,
  secret_sha256 text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
`;
