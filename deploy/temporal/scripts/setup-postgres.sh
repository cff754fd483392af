#!/bin/sh
# Creates Temporal's persistence and visibility databases and brings their schemas up to the tool's version.
# Safe to re-run on every start: create keeps an existing database, setup-schema keeps a newer version, and
# update-schema applies only the versions still missing (so an older schema is migrated, never recreated).
# Run by compose (admin-tools image) and by `npm run cluster` (the cached sql tool and schemas).
# Environment: SQL_USER, SQL_PASSWORD (read by temporal-sql-tool); optional SQL_HOST (postgresql), SQL_PORT (5432),
# TEMPORAL_SCHEMA_DIR (/etc/temporal/schema/postgresql/v12), TEMPORAL_DB (temporal),
# TEMPORAL_VISIBILITY_DB (temporal_visibility).
set -eu

schema_root=${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}
host=${SQL_HOST:-postgresql}
port=${SQL_PORT:-5432}

# step DATABASE ARGS...: one sql-tool call; a failure ends the script with one line that says what to do.
step() {
  database=$1
  shift
  if output=$(temporal-sql-tool --plugin postgres12 --ep "$host" -p "$port" --db "$database" "$@" 2>&1); then
    return 0
  fi
  case $output in
    *'password authentication failed'* | *'role \"'*'does not exist'*)
      echo "PostgreSQL at $host:$port refused user '${SQL_USER:-}': set SQL_USER/SQL_PASSWORD (compose: POSTGRES_USER/POSTGRES_PASSWORD in .env; npm run cluster: DATABASE_URL) to a role that may create databases" >&2
      ;;
    *'connection refused'* | *'no such host'* | *'i/o timeout'*)
      echo "PostgreSQL is not reachable at $host:$port: start it, or point SQL_HOST/SQL_PORT (npm run cluster: DATABASE_URL) at it" >&2
      ;;
    *)
      reason=$(printf '%s\n' "$output" | sed -n 's/.*"error": "\([^"]*\).*/\1/p' | head -n 1)
      echo "temporal-sql-tool $1 on database $database failed: ${reason:-$(printf '%s' "$output" | tail -n 1)}" >&2
      ;;
  esac
  exit 1
}

setup_database() {
  database=$1
  schema_dir=$2
  step "$database" create
  step "$database" setup-schema -v 0.0
  step "$database" update-schema -d "$schema_root/$schema_dir/versioned"
}

setup_database "${TEMPORAL_DB:-temporal}" temporal
setup_database "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}" visibility
echo 'Temporal PostgreSQL schemas are up to date'
