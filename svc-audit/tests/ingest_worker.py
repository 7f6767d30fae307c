"""svc-audit's log keeper under test: the real worker extension, fed from its own event source.

``python svc-audit/tests/ingest_worker.py`` runs, in its own process, exactly the worker's
``AuditLogKeeper`` (batch consumer, signer, risk rules, query index) consuming the source
``ingesttest`` only, under its own nameko service name. So the broker tests
and the ingest benchmark drive the production ingest path through RabbitMQ into their own
database, without touching (or being fed by) a platform running beside them. Configured by
the usual environment (GOVDATA_MONGO_DATABASE, GOVDATA_AUDIT_SIGNING_KEY_FILE, ...).
"""

import eventlet

eventlet.monkey_patch()  # before anything else imports socket or threading

from govdata.audit.worker import AuditLogKeeper  # noqa: E402
from govdata.runtime import worker  # noqa: E402

SOURCE = "ingesttest"


class TestSourceKeeper(AuditLogKeeper):
    sources = (SOURCE,)


class IngestUnderTest:
    name = "audit_ingest_test"
    keeper = TestSourceKeeper()


if __name__ == "__main__":
    worker.run(IngestUnderTest, "audit")
