# shellcheck shell=bash
# govdata's local environment: where the local servers live and how to reach them.
#
# Sourced by scripts/servers.sh, the Makefile's recipes and the tests:
#     source scripts/env.sh
# Every variable gets a default only when it is unset, so a caller (or CI) can move any of
# them. Everything listens on loopback only. Safe to source more than once, with or without
# `set -eu`; it changes no shell options.

_govdata_scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# all local state: server data and logs, built tools (git-ignored: /.local/)
export GOVDATA_HOME="${GOVDATA_HOME:-$(dirname "$_govdata_scripts")/.local}"

# server ports (RabbitMQ and FerretDB also listen with TLS, certificates from `make pki`)
export GOVDATA_RABBITMQ_PORT="${GOVDATA_RABBITMQ_PORT:-5682}"
export GOVDATA_RABBITMQ_TLS_PORT="${GOVDATA_RABBITMQ_TLS_PORT:-5681}"
export GOVDATA_RABBITMQ_DIST_PORT="${GOVDATA_RABBITMQ_DIST_PORT:-25682}"
export GOVDATA_MONGO_PORT="${GOVDATA_MONGO_PORT:-27027}"
export GOVDATA_MONGO_TLS_PORT="${GOVDATA_MONGO_TLS_PORT:-27028}"
export GOVDATA_FERRETDB_DEBUG_PORT="${GOVDATA_FERRETDB_DEBUG_PORT:-28027}"
export GOVDATA_OPENSEARCH_PORT="${GOVDATA_OPENSEARCH_PORT:-9201}"
export GOVDATA_OPENSEARCH_TRANSPORT_PORT="${GOVDATA_OPENSEARCH_TRANSPORT_PORT:-9301}"
export GOVDATA_PROMETHEUS_PORT="${GOVDATA_PROMETHEUS_PORT:-9095}"

# what clients use
export GOVDATA_AMQP_URI="${GOVDATA_AMQP_URI:-amqp://guest:guest@127.0.0.1:${GOVDATA_RABBITMQ_PORT}/}"
export GOVDATA_MONGO_URI="${GOVDATA_MONGO_URI:-mongodb://127.0.0.1:${GOVDATA_MONGO_PORT}/}"
export GOVDATA_OPENSEARCH_URL="${GOVDATA_OPENSEARCH_URL:-http://127.0.0.1:${GOVDATA_OPENSEARCH_PORT}}"
export GOVDATA_PROMETHEUS_URL="${GOVDATA_PROMETHEUS_URL:-http://127.0.0.1:${GOVDATA_PROMETHEUS_PORT}}"

# tools built by servers.sh (ferretdb, grpcurl, buf) come first on PATH
case ":${PATH}:" in
    *":${GOVDATA_HOME}/bin:"*) ;;
    *) export PATH="${GOVDATA_HOME}/bin:${PATH}" ;;
esac

unset _govdata_scripts
