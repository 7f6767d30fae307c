"""Licence keys, revocations and verification on the real MongoDB-protocol server."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pymongo.database import Database

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from govdata.verify.licences import LicenceRegistry, sign

Status = v.LicenceStatus
ISSUER = "organizations/hx-zrzyj"
KEY = f"{ISSUER}/licenceKeys/k2026"
NUMBER = "闽(2026)海新区不动产权第0000123号"
NOW = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)


class Clock:
    def __init__(self, when: datetime) -> None:
        self.when = when

    def __call__(self) -> datetime:
        return self.when


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def registry(mongo_db: Database, clock: Clock) -> LicenceRegistry:
    return LicenceRegistry(mongo_db["licence_keys"], mongo_db["licence_revocations"], clock)


@pytest.fixture
def issuer_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def raw(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_request(private: Ed25519PrivateKey, name: str = KEY, state: int = 0) -> Any:
    return v.RegisterLicenceKeyRequest(
        licence_key=v.LicenceKey(name=name, public_key=raw(private), state=state)
    )


def property_licence(**changes: Any) -> v.Licence:
    licence = v.Licence(
        licence_type="不动产权证书",
        licence_number=NUMBER,
        issuer=ISSUER,
        holder_id="359902198001010013",
        holder_name="张三",
        issue_date="20260105",
        fields={"坐落": "海新区海心路1号3幢201室", "面积": "89.5平方米", "用途": "住宅"},
        key_id="k2026",
    )
    for field, value in changes.items():
        setattr(licence, field, value)
    return licence


def documents(database: Database) -> dict[str, int]:
    return {
        name: database[name].count_documents({}) for name in ("licence_keys", "licence_revocations")
    }


def test_register_retire_and_re_registration_refused(
    registry: LicenceRegistry, issuer_key: Ed25519PrivateKey, clock: Clock, mongo_db: Database
) -> None:
    created = registry.register(key_request(issuer_key), ISSUER)
    assert created.state == v.LICENCE_KEY_STATE_ACTIVE
    assert created.create_time.ToDatetime(UTC) == NOW
    assert registry.get_key(KEY) == created
    # the same registration again changes nothing
    clock.when = datetime(2026, 3, 3, tzinfo=UTC)
    assert registry.register(key_request(issuer_key), ISSUER) == created
    # another public key under the same name is refused
    with pytest.raises(FailedPrecondition, match="never replaced"):
        registry.register(key_request(Ed25519PrivateKey.generate()), ISSUER)
    # retiring is allowed, and final
    retired = registry.register(key_request(issuer_key, state=v.LICENCE_KEY_STATE_RETIRED), ISSUER)
    assert retired.state == v.LICENCE_KEY_STATE_RETIRED
    assert retired.update_time.ToDatetime(UTC) == clock.when
    assert retired.create_time == created.create_time
    assert registry.get_key(KEY) == retired
    with pytest.raises(FailedPrecondition, match="retired"):
        registry.register(key_request(issuer_key, state=v.LICENCE_KEY_STATE_ACTIVE), ISSUER)
    assert documents(mongo_db) == {"licence_keys": 1, "licence_revocations": 0}


def test_only_the_issuer_registers_and_bad_keys_are_refused(
    registry: LicenceRegistry, issuer_key: Ed25519PrivateKey, mongo_db: Database
) -> None:
    with pytest.raises(PermissionDenied):
        registry.register(key_request(issuer_key), "organizations/hx-mzj")
    bad = key_request(issuer_key)
    bad.licence_key.public_key = bytes(32)  # a small-order point
    with pytest.raises(InvalidArgument) as refused:
        registry.register(bad, ISSUER)
    assert [f.field for f in refused.value.violations] == ["licence_key.public_key"]
    bad = key_request(issuer_key, name=f"{ISSUER}/keys/k2026")
    bad.licence_key.public_key = b"\x01" * 31
    with pytest.raises(InvalidArgument) as refused:
        registry.register(bad, ISSUER)
    assert [f.field for f in refused.value.violations] == [
        "licence_key.name",
        "licence_key.public_key",
    ]
    with pytest.raises(NotFound):
        registry.get_key(KEY)
    assert documents(mongo_db) == {"licence_keys": 0, "licence_revocations": 0}


def test_revoke_is_idempotent_and_only_by_the_issuer(
    registry: LicenceRegistry, clock: Clock, mongo_db: Database
) -> None:
    request = v.RevokeLicenceRequest(
        issuer=ISSUER, licence_number=NUMBER, reason="房屋已转让，证书注销"
    )
    with pytest.raises(PermissionDenied):
        registry.revoke(request, "organizations/hx-mzj")
    first = registry.revoke(request, ISSUER)
    assert first.revoke_time.ToDatetime(UTC) == NOW
    clock.when = datetime(2026, 4, 1, tzinfo=UTC)
    again = v.RevokeLicenceRequest(issuer=ISSUER, licence_number=NUMBER, reason="另一原因")
    assert registry.revoke(again, ISSUER) == first
    assert documents(mongo_db) == {"licence_keys": 0, "licence_revocations": 1}
    with pytest.raises(InvalidArgument) as refused:
        registry.revoke(v.RevokeLicenceRequest(issuer=ISSUER, licence_number="x"), ISSUER)
    assert [f.field for f in refused.value.violations] == ["reason"]


def verify(registry: LicenceRegistry, licence: v.Licence) -> v.LicenceVerification:
    return registry.verify(v.VerifyLicenceRequest(licence=licence))


def test_verify_outcomes(
    registry: LicenceRegistry, issuer_key: Ed25519PrivateKey, clock: Clock
) -> None:
    registry.register(key_request(issuer_key), ISSUER)
    genuine = sign(property_licence(), issuer_key)
    valid = verify(registry, genuine)
    assert (valid.status, valid.licence_key) == (Status.LICENCE_STATUS_VALID, KEY)

    tampered = v.Licence()
    tampered.CopyFrom(genuine)
    tampered.fields["面积"] = "189.5平方米"
    invalid = verify(registry, tampered)
    assert invalid.status == Status.LICENCE_STATUS_SIGNATURE_INVALID
    assert invalid.reason == "签名与证照内容不符（内容被篡改或伪造）"

    unknown = verify(registry, sign(property_licence(key_id="k2025"), issuer_key))
    assert (unknown.status, unknown.licence_key) == (Status.LICENCE_STATUS_UNKNOWN_KEY, "")

    dated = sign(property_licence(licence_number="2", expiry_date="20260301"), issuer_key)
    expired = verify(registry, dated)
    assert expired.status == Status.LICENCE_STATUS_EXPIRED and "20260301" in expired.reason

    registry.revoke(
        v.RevokeLicenceRequest(issuer=ISSUER, licence_number=NUMBER, reason="房屋已转让，证书注销"),
        ISSUER,
    )
    revoked = verify(registry, genuine)
    assert revoked.status == Status.LICENCE_STATUS_REVOKED
    assert revoked.revocation.reason == "房屋已转让，证书注销"
    assert "房屋已转让" in revoked.reason
    # a forgery of the revoked licence is still reported as a forgery
    assert verify(registry, tampered).status == Status.LICENCE_STATUS_SIGNATURE_INVALID

    registry.register(key_request(issuer_key, state=v.LICENCE_KEY_STATE_RETIRED), ISSUER)
    retired = verify(registry, sign(property_licence(licence_number="3"), issuer_key))
    assert (retired.status, retired.licence_key) == (Status.LICENCE_STATUS_UNKNOWN_KEY, KEY)


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("licence.issue_date", lambda lic: setattr(lic, "issue_date", "20260230")),
        ("licence.expiry_date", lambda lic: setattr(lic, "expiry_date", "20251231")),
        ("licence.issuer", lambda lic: setattr(lic, "issuer", "hx-zrzyj")),
        ("licence.key_id", lambda lic: setattr(lic, "key_id", "")),
        ("licence.holder_id", lambda lic: setattr(lic, "holder_id", "张三")),
        ("licence.signature", lambda lic: setattr(lic, "signature", b"")),
        ("licence.licence_type", lambda lic: setattr(lic, "licence_type", "")),
    ],
)
def test_malformed_licences_name_the_field_and_write_nothing(
    registry: LicenceRegistry,
    issuer_key: Ed25519PrivateKey,
    mongo_db: Database,
    field: str,
    change: Callable[[v.Licence], None],
) -> None:
    registry.register(key_request(issuer_key), ISSUER)
    before = {name: list(mongo_db[name].find()) for name in ("licence_keys", "licence_revocations")}
    licence = sign(property_licence(), issuer_key)
    change(licence)
    with pytest.raises(InvalidArgument) as refused:
        verify(registry, licence)
    assert [f.field for f in refused.value.violations] == [field]
    after = {name: list(mongo_db[name].find()) for name in ("licence_keys", "licence_revocations")}
    assert after == before
