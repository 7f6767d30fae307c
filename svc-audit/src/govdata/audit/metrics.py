"""svc-audit's own Prometheus metrics (the runtime's cover gRPC, events, outbox and store).

Monitoring watches these for the alerts an on-call person needs: the log stops growing, a
tree head has not been signed lately, verification failed, events are dead-lettered, a risk
rule fired.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

RECORDS = Counter(
    "govdata_audit_records_appended_total", "Audit records appended to the log (each once)."
)
DEAD_LETTERS = Counter(
    "govdata_audit_dead_letters_total",
    "Audit events that could not be taken and were kept in dead_letters with the reason.",
)
BATCH_RECORDS = Histogram(
    "govdata_audit_batch_records",
    "Deliveries taken into one append batch.",
    buckets=(1, 5, 10, 50, 100, 250, 500, 1000),
)
APPEND_SECONDS = Histogram(
    "govdata_audit_append_seconds",
    "Time to append one batch: records, entries, tiles and the commit.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
LOG_SIZE = Gauge("govdata_audit_log_leaves", "Leaves in the committed audit log.")
HEAD_SIZE = Gauge("govdata_audit_tree_head_leaves", "Tree size of the latest signed tree head.")
HEAD_SIGNED = Gauge(
    "govdata_audit_tree_head_signed_timestamp_seconds",
    "When the latest tree head was signed (Unix time).",
)
VERIFIED = Gauge(
    "govdata_audit_verification_ok",
    "1 when the last VerifyLog found the log as signed, 0 when it found a divergence.",
)
VERIFIED_AT = Gauge(
    "govdata_audit_verification_timestamp_seconds", "When VerifyLog last ran (Unix time)."
)
VERIFIED_SIZE = Gauge(
    "govdata_audit_verified_tree_leaves", "Tree size the last successful VerifyLog covered."
)
ALERTS = Counter(
    "govdata_audit_alerts_total", "Alerts raised by the risk rules.", ["rule", "severity"]
)
ARCHIVED = Gauge(
    "govdata_audit_archived_leaves", "Leaves whose records were archived under retention."
)
INDEX_LAG = Gauge(
    "govdata_audit_query_index_lag_leaves",
    "Committed leaves not yet searchable in the auditors' query index (OpenSearch).",
)
