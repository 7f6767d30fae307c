"""Entry point of svc-audit's api process (``python -m govdata.audit.api_main``).

Serves the log's heads, proofs, verification, queries (through the OpenSearch query index
it keeps current on a thread), exports, alerts and the citizen access report; relays the
risk alerts the worker stores (``alerts`` carries their events). Signs heads on demand with
the key at ``GOVDATA_AUDIT_SIGNING_KEY_FILE``.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Sequence
from datetime import timedelta

import grpc

from gov.audit.v1 import audit_pb2, audit_pb2_grpc
from govdata.audit import alerts, verification
from govdata.audit.heads import HeadSigner
from govdata.audit.lease import claim_due
from govdata.audit.log import AuditLog
from govdata.audit.query_index import Indexer, QueryIndex
from govdata.audit.servicer import AuditServicer
from govdata.runtime.config import ConfigError
from govdata.runtime.grpc_server import ApiDependencies, run_api
from govdata.runtime.stores import opensearch_client

log = logging.getLogger(__name__)

VERIFY_POLL_SECONDS = 60.0


def register(server: grpc.Server, deps: ApiDependencies) -> Sequence[str]:
    settings = deps.settings
    try:
        signer = HeadSigner.from_file(settings.audit_signing_key_file, settings.audit_origin)
    except ValueError as exc:
        raise ConfigError(f"GOVDATA_AUDIT_SIGNING_KEY_FILE: {exc}") from None
    audit_log = AuditLog(deps.database)
    index = QueryIndex(opensearch_client(settings), settings.audit_query_index)
    indexer = Indexer(audit_log, index, f"{socket.gethostname()}:{os.getpid()}")
    indexer.start()
    deps.stop_hooks.append(indexer.stop)
    if settings.audit_verify_seconds > 0:
        stop = threading.Event()
        threading.Thread(
            target=_verify_every,
            args=(settings.audit_verify_seconds, audit_log, signer, stop),
            name="audit-verify",
            daemon=True,
        ).start()
        deps.stop_hooks.append(stop.set)
    audit_pb2_grpc.add_AuditServiceServicer_to_server(
        AuditServicer(audit_log, signer, index), server
    )
    return [audit_pb2.DESCRIPTOR.services_by_name["AuditService"].full_name]


def _verify_every(
    seconds: float, audit_log: AuditLog, signer: HeadSigner, stop: threading.Event
) -> None:
    """VerifyLog on a schedule, so monitoring learns of tampering without anyone asking.

    The api replicas share the schedule (``state/verification``): each looks every minute
    and the one that claims a due run verifies, so N replicas do not re-hash the log N times.
    """
    every = timedelta(seconds=seconds)
    while not stop.wait(min(seconds, VERIFY_POLL_SECONDS)):
        try:
            if not claim_due(audit_log.state, "verification", every):
                continue
            report = verification.verify(audit_log, signer.public_key)
        except Exception:
            log.exception("scheduled audit log verification could not run")
            continue
        if not report.ok:
            log.error("audit log verification failed: %s", report.first_divergence)


def main() -> None:
    run_api("audit", register, outbox_collections=[alerts.COLLECTION])


if __name__ == "__main__":
    main()
