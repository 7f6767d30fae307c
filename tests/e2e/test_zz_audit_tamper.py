"""Tampering with the audit log behind the service's back is detected.

Someone with write access to MongoDB edits a stored record (to hide that a read succeeded):
VerifyLog names that record, and the record as the service now hands it out no longer proves
against the signed tree head.
(Runs late and puts everything back: the platform's log must verify for later runs.)
"""

from __future__ import annotations

import os
import time
import uuid

import pymongo
import pytest

from gov.audit.v1 import audit_pb2 as a
from gov.catalog.v1 import catalog_pb2 as c
from govdata.audit.log import key, pack, unpack
from govdata_client.audit_records import entry_of, leaf_hash_of
from govdata_client.merkle import ProofError, verify_inclusion
from govdata_client.tree_head import load_public_key, verify_head_message

from .conftest import PKI, audit_entry, auditor, caller

BUNDLE = 256


@pytest.fixture
def audit_db():
    uri = os.environ.get("GOVDATA_MONGO_URI", "mongodb://127.0.0.1:27027/")
    with pymongo.MongoClient(uri, serverSelectionTimeoutMS=5000) as client:
        yield client["govdata_audit"]


def test_an_edited_record_is_reported_and_no_longer_proves(catalog, audit_db) -> None:
    request_id = uuid.uuid4().hex
    catalog.ListOrganizations(
        c.ListOrganizationsRequest(page_size=1),
        metadata=(("x-gov-person", "tester"), ("x-request-id", request_id)),
    )
    record = audit_entry(request_id)
    stub = auditor()
    # fill the record's bundle: the worker rewrites the last, unfilled one from memory as it
    # appends, which would undo the edit below before anyone looked
    bundle_end = (record.leaf_index // BUNDLE + 1) * BUNDLE
    head = stub.SignTreeHead(a.SignTreeHeadRequest(), metadata=caller())
    while head.tree_size < bundle_end + 1:
        for _ in range(min(50, bundle_end + 1 - head.tree_size)):
            catalog.ListOrganizations(c.ListOrganizationsRequest(page_size=1), metadata=caller())
            time.sleep(0.02)  # well under the caller's rate limit (100 calls/s)
        head = stub.SignTreeHead(a.SignTreeHeadRequest(), metadata=caller())
    verify_head_message(load_public_key((PKI / "audit-signing-key.pub").read_bytes()), head)
    leaf = record.leaf_index
    bundles = audit_db["bundles"]
    bundle_id = key(leaf // BUNDLE)
    original_entries = bundles.find_one({"_id": bundle_id})["entries"]  # packed
    forged = a.AuditRecord()
    forged.CopyFrom(record)
    forged.outcome = "PERMISSION_DENIED"  # hide that the read succeeded
    try:
        edited = unpack(bytes(original_entries))
        edited[leaf % BUNDLE] = entry_of(forged)
        bundles.update_one({"_id": bundle_id}, {"$set": {"entries": pack(edited)}})

        report = stub.VerifyLog(a.VerifyLogRequest(), metadata=caller(), timeout=300)
        assert not report.ok
        assert report.first_divergence.leaf_index == leaf
        assert report.first_divergence.record_id == record.id
        full = stub.VerifyLog(a.VerifyLogRequest(include_records=True), metadata=caller())
        assert full.first_divergence.leaf_index == leaf

        served = stub.QueryAuditRecords(
            a.QueryAuditRecordsRequest(request_id=request_id), metadata=caller()
        ).audit_records[0]
        assert served.outcome == "PERMISSION_DENIED"
        proof = stub.GetInclusionProof(
            a.GetInclusionProofRequest(leaf_index=leaf, tree_size=head.tree_size),
            metadata=caller(),
        )
        with pytest.raises(ProofError):
            verify_inclusion(
                leaf_hash_of(served), leaf, head.tree_size, proof.hashes, head.root_hash
            )
        verify_inclusion(leaf_hash_of(record), leaf, head.tree_size, proof.hashes, head.root_hash)
    finally:
        bundles.update_one({"_id": bundle_id}, {"$set": {"entries": original_entries}})
    assert stub.VerifyLog(a.VerifyLogRequest(include_records=True), metadata=caller()).ok
