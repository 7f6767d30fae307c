"""Where the ten processes of a local platform listen: one table for scripts and tests.

``scripts/processes.py`` starts them on these ports; the end-to-end tests, the demo loader and
the benchmarks reach them here. In Kubernetes the Helm chart sets the ports instead.
"""

from __future__ import annotations

SERVICES = ("catalog", "search", "exchange", "verify", "audit")

# The gRPC service each api serves; its health status follows the api's registry.
GRPC_SERVICES = {
    "catalog": "gov.catalog.v1.CatalogService",
    "search": "gov.search.v1.SearchService",
    "exchange": "gov.exchange.v1.ExchangeService",
    "verify": "gov.verify.v1.VerificationService",
    "audit": "gov.audit.v1.AuditService",
}

# Below Linux's ephemeral port range (32768-60999): an outgoing connection of any process on
# the machine (a test's pooled connections, a client) takes its local port from that range,
# and one holding 50054 once kept svc-verify's api from starting. In Kubernetes every api
# listens on the default 50051 of its own pod.
API_PORTS = {service: 20051 + i for i, service in enumerate(SERVICES)}
# the plain-text port serving only the health service, as the chart's probes and `helm test` use
API_HEALTH_PORTS = {service: 20061 + i for i, service in enumerate(SERVICES)}
API_METRICS_PORTS = {service: 9401 + i for i, service in enumerate(SERVICES)}
WORKER_METRICS_PORTS = {service: 9411 + i for i, service in enumerate(SERVICES)}
