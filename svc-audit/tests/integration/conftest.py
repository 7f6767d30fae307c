"""Fixtures for the audit log's storage tests: the log on a fresh FerretDB database, a head
signer with a throw-away key, and a maker of audit records as the worker would append them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pymongo.database import Database

from gov.audit.v1 import audit_pb2
from govdata.audit.heads import HeadSigner
from govdata.audit.log import AuditLog

ORIGIN = "govdata.audit/test"
METHOD = "/gov.catalog.v1.CatalogService/GetOrganization"

MakeRecords = Callable[..., list[audit_pb2.AuditRecord]]


@pytest.fixture
def audit_log(mongo_db: Database) -> AuditLog:
    """The log in the test's own database, empty."""
    return AuditLog(mongo_db)


@pytest.fixture
def signer() -> HeadSigner:
    return HeadSigner(Ed25519PrivateKey.generate(), ORIGIN)


@pytest.fixture
def make_records() -> MakeRecords:
    """``make_records(count, when=None)``: fresh records (uuid ids) at ``when`` (default now),
    one nanosecond apart, so each has a time no millisecond datetime could carry."""

    def make(count: int, when: datetime | None = None) -> list[audit_pb2.AuditRecord]:
        start = when or datetime.now(UTC)
        made = []
        for n in range(count):
            record = audit_pb2.AuditRecord(
                id=str(uuid.uuid4()),
                method=METHOD,
                outcome="OK",
                resource=f"organizations/org-{n % 7}",
                purpose="审计测试",
                request_id=f"req-{n}",
                service="catalog",
            )
            record.actor.system = "district-portal"
            record.actor.person = f"clerk-{n % 3}"
            record.time.FromDatetime(start + timedelta(microseconds=n))
            record.time.nanos += 1 + n % 997  # sub-microsecond precision, as hashed
            made.append(record)
        return made

    return make
