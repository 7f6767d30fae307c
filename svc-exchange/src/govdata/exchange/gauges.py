"""svc-exchange's own Prometheus metrics: the sharing workflow, grants, data flow, freshness."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

SHARING_REQUESTS = Gauge(
    "govdata_exchange_sharing_requests",
    "Sharing requests waiting for an answer, by state (PENDING, ESCALATED).",
    ["state"],
)
OLDEST_UNANSWERED = Gauge(
    "govdata_exchange_oldest_unanswered_request_age_seconds",
    "How long the oldest unanswered sharing request has waited (0 when none waits).",
)
ESCALATED = Counter(
    "govdata_exchange_sharing_requests_escalated_total",
    "Sharing requests escalated to the data authority, unanswered past their deadline.",
)
GRANTS_EXPIRED = Counter(
    "govdata_exchange_grants_expired_total", "Grants whose validity period ended."
)
RECORDS_PUBLISHED = Counter(
    "govdata_exchange_records_published_total",
    "Published rows, by result (accepted, rejected).",
    ["result"],
)
RECORDS_DELIVERED = Counter(
    "govdata_exchange_records_delivered_total",
    "Record versions sent to subscribers.",
)
OVERDUE_RESOURCES = Gauge(
    "govdata_exchange_overdue_resources",
    "Published, shared resources whose provider is past the declared update cycle, by provider.",
    ["provider"],
)
