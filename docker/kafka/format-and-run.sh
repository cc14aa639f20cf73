#!/bin/bash
# Entry point of the Kafka nodes in docker-compose.yml (apache/kafka image, mounted read-only).
#
# The image's own setup (/etc/kafka/docker/run) writes /opt/kafka/config/server.properties from the KAFKA_* variables
# and formats the storage, but it has no way to add a SCRAM credential at format time. Nobody could log in to create
# the admin afterwards (every listener needs a login), so this script formats the storage first, once, with the
# admin's SCRAM-SHA-512 credential (kafka-storage format --add-scram), from the same KAFKA_* variables and the same
# conversion the image uses (KAFKA_A_B -> a.b, "__" -> "_", "___" -> "-"); the image's setup then finds the storage
# formatted ("already formatted", which its launch script accepts) and starts the node.
set -euo pipefail

secret=/run/secrets/kafka-admin-password
if [[ ! -s "$secret" ]]; then
  echo "kafka: the secret kafka-admin-password is missing or empty: run docker/secrets/make-secrets (README, Docker)" >&2
  exit 1
fi
data_dir="${KAFKA_LOG_DIRS:?KAFKA_LOG_DIRS is not set}"
if [[ ! -f "$data_dir/meta.properties" ]]; then
  format_config=$(mktemp)
  trap 'rm -f "$format_config"' EXIT
  excluded='^KAFKA_(VERSION|HEAP_OPTS|LOG4J_OPTS|OPTS|JMX_OPTS|JVM_PERFORMANCE_OPTS|GC_LOG_OPTS|LOG4J_ROOT_LOGLEVEL|LOG4J_LOGGERS|TOOLS_LOG4J_LOGLEVEL|JMX_HOSTNAME)$'
  while IFS='=' read -r -d '' name value; do
    [[ "$name" == KAFKA_* && ! "$name" =~ $excluded ]] || continue
    key="${name#KAFKA_}"; key="${key,,}"; key="${key//_/.}"; key="${key//.../-}"; key="${key//../_}"
    printf '%s=%s\n' "$key" "$value" >> "$format_config"
  done < <(env -0)
  # the password reaches kafka-storage on its command line inside this container only, once, at first start
  /opt/kafka/bin/kafka-storage.sh format --cluster-id "${CLUSTER_ID:?CLUSTER_ID is not set}" --config "$format_config" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$(cat "$secret")]"
fi
exec /etc/kafka/docker/run "$@"
