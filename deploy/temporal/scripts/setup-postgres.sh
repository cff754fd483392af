#!/bin/sh
# Creates Temporal's persistence and visibility databases and brings their schemas up to the image's version.
# Safe to re-run on every `docker compose up`: create ignores an existing database, setup-schema keeps a newer
# version, and update-schema applies only the versions still missing.
# The connecting user and password come from SQL_USER / SQL_PASSWORD in the environment.
set -eu

schema_root=/etc/temporal/schema/postgresql/v12

setup_database() {
  database=$1
  schema_dir=$2
  set -- temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 --db "$database"
  "$@" create
  "$@" setup-schema -v 0.0
  "$@" update-schema -d "$schema_root/$schema_dir/versioned"
}

setup_database temporal temporal
setup_database temporal_visibility visibility
echo 'Temporal PostgreSQL schemas are up to date'
