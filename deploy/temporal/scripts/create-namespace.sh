#!/bin/sh
# Once the Temporal server answers: creates the app's namespace and registers its custom search attributes.
# Safe to re-run. Fails if an attribute already exists with another type, since workflows would then misbehave.
# Environment: TEMPORAL_ADDRESS (host:port), TEMPORAL_NAMESPACE, TEMPORAL_NAMESPACE_RETENTION,
# SEARCH_ATTRIBUTES (space-separated NAME=TYPE).
set -eu

host=${TEMPORAL_ADDRESS%:*}
port=${TEMPORAL_ADDRESS##*:}
# Dial an IPv4 address: upstream samples-server does the same to avoid the CLI picking an unreachable address.
ip=$(getent ahosts "$host" | awk '/STREAM/ { print $1; exit }')
address="$ip:$port"

attempt=1
until temporal operator cluster health --address "$address"; do
  if [ "$attempt" -ge 10 ]; then
    echo "Temporal at $address did not become healthy" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 3
done

if temporal operator namespace describe --address "$address" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "Namespace $TEMPORAL_NAMESPACE already exists"
else
  temporal operator namespace create --address "$address" --namespace "$TEMPORAL_NAMESPACE" \
    --retention "$TEMPORAL_NAMESPACE_RETENTION"
fi

registered=$(temporal operator search-attribute list --address "$address" --namespace "$TEMPORAL_NAMESPACE")
for attribute in $SEARCH_ATTRIBUTES; do
  name=${attribute%%=*}
  type=${attribute#*=}
  row=$(printf '%s\n' "$registered" | grep -w -- "$name" || true)
  if [ -z "$row" ]; then
    temporal operator search-attribute create --address "$address" --namespace "$TEMPORAL_NAMESPACE" \
      --name "$name" --type "$type"
  elif printf '%s\n' "$row" | grep -qw -- "$type"; then
    echo "Search attribute $name ($type) already registered"
  else
    echo "Search attribute $name is registered with another type: $row (want $type)" >&2
    exit 1
  fi
done
echo "Namespace $TEMPORAL_NAMESPACE is ready"
