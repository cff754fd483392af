#!/bin/sh
# Once the Temporal cluster serves: creates the app's namespace, waits until the frontend resolves it, then registers
# its custom search attributes. Safe to re-run. Fails if an attribute already exists with another type, since
# workflows would then misbehave. Run by compose (admin-tools image) and by `npm run cluster` (local binaries).
# Environment: TEMPORAL_ADDRESS (host:port), TEMPORAL_NAMESPACE, TEMPORAL_NAMESPACE_RETENTION,
# SEARCH_ATTRIBUTES (space-separated NAME=TYPE), optional TEMPORAL_WAIT_ATTEMPTS (2 s apart, default 90).
#
# Order matters: the frontend caches "namespace not found" for about a second, so asking for the namespace before
# creating it (describe, then create) makes the next calls fail with "Namespace X is not found". So: create
# first (an existing namespace is fine), then retry a namespace-scoped call until it answers.
set -eu

host=${TEMPORAL_ADDRESS%:*}
port=${TEMPORAL_ADDRESS##*:}
# Dial an IPv4 address: upstream samples-server does the same to avoid the CLI picking an unreachable address.
ip=$(getent ahosts "$host" | awk '/STREAM/ { print $1; exit }')
address="$ip:$port"
attempts=${TEMPORAL_WAIT_ATTEMPTS:-90}

# retry WHAT COMMAND...: runs COMMAND until it succeeds, at most $attempts times; its last output is in $output.
retry() {
  what=$1
  shift
  attempt=1
  until output=$("$@" 2>&1); do
    if [ "$attempt" -ge "$attempts" ]; then
      echo "$what: gave up after $attempts tries; last answer: $(printf '%s' "$output" | tail -n 1)" >&2
      exit 1
    fi
    attempt=$((attempt + 1))
    sleep 2
  done
}

# A cluster answers health checks before its history shards are owned ("Not enough hosts"); listing namespaces
# goes through persistence, so it passes only once the cluster serves.
retry "Temporal at $address is not serving" temporal operator cluster health --address "$address"
retry "Temporal at $address is not serving" temporal operator namespace list --address "$address"

create_namespace() {
  temporal operator namespace create --address "$address" --namespace "$TEMPORAL_NAMESPACE" \
    --retention "$TEMPORAL_NAMESPACE_RETENTION" 2>&1 || {
    status=$?
    # Re-run: the namespace is already there.
    temporal operator namespace describe --address "$address" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1 ||
      return $status
  }
}
retry "Creating namespace $TEMPORAL_NAMESPACE" create_namespace
echo "Namespace $TEMPORAL_NAMESPACE exists"

# Search attributes resolve the namespace through the frontend's namespace cache: this waits until it is there.
retry "Namespace $TEMPORAL_NAMESPACE is not visible yet" \
  temporal operator search-attribute list --address "$address" --namespace "$TEMPORAL_NAMESPACE"
registered=$output
for attribute in $SEARCH_ATTRIBUTES; do
  name=${attribute%%=*}
  type=${attribute#*=}
  row=$(printf '%s\n' "$registered" | grep -w -- "$name" || true)
  if [ -z "$row" ]; then
    retry "Registering search attribute $name" temporal operator search-attribute create --address "$address" \
      --namespace "$TEMPORAL_NAMESPACE" --name "$name" --type "$type"
    echo "Search attribute $name ($type) registered"
  elif printf '%s\n' "$row" | grep -qw -- "$type"; then
    echo "Search attribute $name ($type) already registered"
  else
    echo "Search attribute $name is registered with another type: $row (want $type)" >&2
    exit 1
  fi
done
echo "Namespace $TEMPORAL_NAMESPACE is ready"
