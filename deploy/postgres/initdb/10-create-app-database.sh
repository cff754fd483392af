#!/bin/sh
# Runs once, on the data volume's first start: gives the app its own login role and database, so it never
# connects as the superuser that Temporal's schema tool needs. The role and database names match DATABASE_URL
# in docker-compose.yml. No `set -u`: the postgres entrypoint sources this file when it is not executable.
set -e
: "${APP_DB_PASSWORD:?APP_DB_PASSWORD is required}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres --set=app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE inventory_sync LOGIN PASSWORD :'app_password';
CREATE DATABASE inventory_sync OWNER inventory_sync;
SQL
