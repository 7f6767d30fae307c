"""Electronic licences: the canonical form issuers sign, signing, public-key checks, and
verification against an in-memory store (the same rules run on FerretDB in
tests/integration/test_licences_store.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime.errors import InvalidArgument
from govdata.verify.licences import LicenceRegistry, canonical_bytes, public_key_problem, sign

Status = v.LicenceStatus
ISSUER = "organizations/hx-scjgj"
OTHER_ISSUER = "organizations/hx-zrzyj"
NOON_BEIJING = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)  # 2026-03-02 12:00 in Beijing


def fixed_licence() -> v.Licence:
    return v.Licence(
        licence_type="营业执照",
        licence_number="NO.001",
        issuer="organizations/scjg",
        holder_id="91350100M000100Y43",
        holder_name='福州"海心"科技有限公司',
        issue_date="20240101",
        fields={"注册资本": "100万元", "住所": "福州市\n鼓楼区"},
        key_id="k2024",
    )


def test_canonical_form_is_the_contracts() -> None:
    # Derived by hand from the comment of Licence.signature: proto names sorted
    # (issue_date before issuer: "_" < "r"), field names sorted by code point (住 U+4F4F
    # before 注 U+6CE8), the absent expiry_date as "", Chinese as itself, only " and the
    # newline escaped, no whitespace.
    expected = (
        '{"expiry_date":"",'
        '"fields":{"住所":"福州市\\n鼓楼区","注册资本":"100万元"},'
        '"holder_id":"91350100M000100Y43",'
        '"holder_name":"福州\\"海心\\"科技有限公司",'
        '"issue_date":"20240101",'
        '"issuer":"organizations/scjg",'
        '"key_id":"k2024",'
        '"licence_number":"NO.001",'
        '"licence_type":"营业执照"}'
    ).encode()
    assert canonical_bytes(fixed_licence()) == expected


def test_canonical_form_of_an_empty_licence_and_without_the_signature() -> None:
    expected = (
        b'{"expiry_date":"","fields":{},"holder_id":"","holder_name":"","issue_date":"",'
        b'"issuer":"","key_id":"","licence_number":"","licence_type":""}'
    )
    assert canonical_bytes(v.Licence()) == expected
    assert canonical_bytes(v.Licence(signature=b"x" * 64)) == expected


def test_sign_returns_a_signed_copy_that_verifies() -> None:
    private = Ed25519PrivateKey.generate()
    licence = fixed_licence()
    signed = sign(licence, private)
    assert licence.signature == b""
    assert len(signed.signature) == 64
    private.public_key().verify(signed.signature, canonical_bytes(licence))


# ---------------------------------------------------------------------------
# Public keys
# ---------------------------------------------------------------------------


def raw(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def test_real_keys_are_accepted() -> None:
    # RFC 8032 test 1's public key, and fresh ones
    rfc = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    assert public_key_problem(rfc) is None
    for _ in range(5):
        assert public_key_problem(raw(Ed25519PrivateKey.generate())) is None


@pytest.mark.parametrize(
    ("key", "why"),
    [
        (b"\x01" * 31, "32-byte"),
        (b"\x01" + bytes(31), "weak"),  # the identity
        (bytes(32), "weak"),  # (√-1, 0), of order 4
        (b"\xec" + b"\xff" * 30 + b"\x7f", "weak"),  # y = -1: (0, -1), of order 2
        (b"\xff" * 32, "canonical"),  # y ≥ p
        ((2).to_bytes(32, "little"), "curve"),  # no x with y = 2
    ],
)
def test_unusable_keys_are_refused(key: bytes, why: str) -> None:
    problem = public_key_problem(key)
    assert problem is not None and why in problem


# Curve constants (RFC 8032 5.1), to build a bad key independently of libsodium.
P = 2**255 - 19
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def test_a_key_with_a_small_order_component_is_refused() -> None:
    # a real key plus the order-2 point (0, -1): on the curve, but not of the prime-order group
    x, y = _decode(raw(Ed25519PrivateKey.generate()))
    mixed = (-x % P, -y % P)  # (x, y) + (0, -1) = (-x, -y)
    assert "weak" in (public_key_problem(_encode(mixed)) or "")


def _decode(key: bytes) -> tuple[int, int]:
    p = P
    y = int.from_bytes(key, "little") & ((1 << 255) - 1)
    x2 = (y * y - 1) * pow(D * y * y + 1, p - 2, p) % p
    x = pow(x2, (p + 3) // 8, p)
    if (x * x - x2) % p:
        x = x * SQRT_M1 % p
    if x & 1 != key[31] >> 7:
        x = p - x
    return x, y


def _encode(point: tuple[int, int]) -> bytes:
    x, y = point
    return (y | (x & 1) << 255).to_bytes(32, "little")


# ---------------------------------------------------------------------------
# Verification (in-memory store)
# ---------------------------------------------------------------------------


class FakeCollection:
    """The calls LicenceRegistry makes, by ``_id``; not FerretDB (see the integration test)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.documents: dict[str, dict[str, Any]] = {}

        def command(*args: Any) -> Any:
            raise NotImplementedError

        self.database = SimpleNamespace(
            client=SimpleNamespace(admin=SimpleNamespace(command=command))
        )

    def find_one(self, query: dict[str, Any]) -> dict[str, Any] | None:
        return self.documents.get(query["_id"])

    def insert_one(self, document: dict[str, Any]) -> None:
        assert document["_id"] not in self.documents
        self.documents[document["_id"]] = dict(document)

    def replace_one(self, query: dict[str, Any], document: dict[str, Any]) -> Any:
        current = self.documents.get(query["_id"])
        matched = current is not None and all(current.get(k) == w for k, w in query.items())
        if matched:
            self.documents[query["_id"]] = dict(document)
        return SimpleNamespace(matched_count=int(matched))


def registry(when: datetime = NOON_BEIJING) -> LicenceRegistry:
    return LicenceRegistry(
        FakeCollection("licence_keys"), FakeCollection("licence_revocations"), lambda: when
    )


def register(reg: LicenceRegistry, issuer: str, key_id: str, private: Ed25519PrivateKey) -> None:
    reg.register(
        v.RegisterLicenceKeyRequest(
            licence_key=v.LicenceKey(name=f"{issuer}/licenceKeys/{key_id}", public_key=raw(private))
        ),
        issuer,
    )


def licence(**changes: Any) -> v.Licence:
    base = v.Licence(
        licence_type="营业执照",
        licence_number="91350100M000100Y43-1",
        issuer=ISSUER,
        holder_id="91350100M000100Y43",
        holder_name="海新区海心科技有限公司",
        issue_date="20240115",
        expiry_date="20340114",
        fields={"法定代表人": "张三", "注册资本": "100万元人民币", "住所": "海新区海心路１号"},
        key_id="k2024",
    )
    for field, value in changes.items():
        if field == "fields":
            base.fields.clear()
            base.fields.update(value)
        else:
            setattr(base, field, value)
    return base


def verify(reg: LicenceRegistry, presented: v.Licence) -> v.LicenceVerification:
    return reg.verify(v.VerifyLicenceRequest(licence=presented))


@pytest.fixture
def issuer_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def reg(issuer_key: Ed25519PrivateKey) -> LicenceRegistry:
    reg = registry()
    register(reg, ISSUER, "k2024", issuer_key)
    return reg


def test_round_trip_is_valid_and_chinese_text_survives(
    reg: LicenceRegistry, issuer_key: Ed25519PrivateKey
) -> None:
    signed = sign(licence(), issuer_key)
    # as it would travel: serialised and parsed again
    result = verify(reg, v.Licence.FromString(signed.SerializeToString()))
    assert result.status == Status.LICENCE_STATUS_VALID
    assert result.licence_key == f"{ISSUER}/licenceKeys/k2024"
    assert result.reason == "签名有效，证照在有效期内且未被注销"
    assert result.verify_time.ToDatetime(UTC) == NOON_BEIJING


TAMPERED = [
    ("licence_type", "食品经营许可证"),
    ("licence_number", "91350100M000100Y43-2"),
    ("holder_id", "350102199001011234"),
    ("holder_name", "海新区海芯科技有限公司"),
    ("issue_date", "20240116"),
    ("expiry_date", "20440114"),
    ("expiry_date", ""),  # made a licence without expiry (长期)
    ("fields", {"法定代表人": "李四", "注册资本": "100万元人民币", "住所": "海新区海心路１号"}),
    ("fields", {"法定代表人": "张三", "注册资本": "100万元人民币"}),  # an item removed
    (
        "fields",
        {
            "法定代表人": "张三",
            "注册资本": "100万元人民币",
            "住所": "海新区海心路１号",
            "经营范围": "一般项目",
        },
    ),
]


@pytest.mark.parametrize(("field", "value"), TAMPERED)
def test_any_altered_field_is_signature_invalid(
    reg: LicenceRegistry, issuer_key: Ed25519PrivateKey, field: str, value: Any
) -> None:
    signature = sign(licence(), issuer_key).signature
    result = verify(reg, licence(**{field: value}, signature=signature))
    assert result.status == Status.LICENCE_STATUS_SIGNATURE_INVALID
    assert result.reason == "签名与证照内容不符（内容被篡改或伪造）"


def test_altered_key_id_or_issuer_is_signature_invalid(
    reg: LicenceRegistry, issuer_key: Ed25519PrivateKey
) -> None:
    register(reg, ISSUER, "k2025", Ed25519PrivateKey.generate())
    register(reg, OTHER_ISSUER, "k2024", Ed25519PrivateKey.generate())
    signature = sign(licence(), issuer_key).signature
    for changed in (licence(key_id="k2025"), licence(issuer=OTHER_ISSUER)):
        changed.signature = signature
        assert verify(reg, changed).status == Status.LICENCE_STATUS_SIGNATURE_INVALID


def test_a_signature_by_another_key_is_signature_invalid(reg: LicenceRegistry) -> None:
    forged = sign(licence(), Ed25519PrivateKey.generate())
    assert verify(reg, forged).status == Status.LICENCE_STATUS_SIGNATURE_INVALID


def test_a_forged_licence_is_never_reported_revoked_or_expired(reg: LicenceRegistry) -> None:
    reg.revoke(
        v.RevokeLicenceRequest(
            issuer=ISSUER, licence_number="91350100M000100Y43-1", reason="吊销营业执照"
        ),
        ISSUER,
    )
    forged = sign(licence(expiry_date="20250101"), Ed25519PrivateKey.generate())
    assert verify(reg, forged).status == Status.LICENCE_STATUS_SIGNATURE_INVALID


def test_expiry_is_by_the_beijing_date(issuer_key: Ed25519PrivateKey) -> None:
    # 2026-03-01 16:30 UTC is already 2026-03-02 in Beijing
    late_evening_utc = datetime(2026, 3, 1, 16, 30, tzinfo=UTC)
    reg = registry(late_evening_utc)
    register(reg, ISSUER, "k2024", issuer_key)
    last_day_today = sign(licence(expiry_date="20260302"), issuer_key)
    ended_yesterday = sign(licence(expiry_date="20260301"), issuer_key)
    issued_today = sign(licence(issue_date="20260302", expiry_date=""), issuer_key)
    issued_tomorrow = sign(licence(issue_date="20260303", expiry_date=""), issuer_key)
    assert verify(reg, last_day_today).status == Status.LICENCE_STATUS_VALID
    assert verify(reg, issued_today).status == Status.LICENCE_STATUS_VALID
    expired = verify(reg, ended_yesterday)
    assert expired.status == Status.LICENCE_STATUS_EXPIRED
    assert "20260301" in expired.reason
    assert verify(reg, issued_tomorrow).status == Status.LICENCE_STATUS_EXPIRED


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("licence_type", ""),
        ("licence_number", " "),
        ("issuer", "scjg"),
        # (an 18-digit string would pass as a credit code, whose check is not verified here)
        ("holder_id", "11010519491231002S"),
        ("holder_name", ""),
        ("issue_date", "2024-01-15"),
        ("issue_date", "20240230"),
        ("expiry_date", "20231231"),  # before the issue date
        ("key_id", "K_2024"),
        ("signature", b"\x00" * 63),
    ],
)
def test_malformed_licences_are_refused_naming_the_field(
    reg: LicenceRegistry, issuer_key: Ed25519PrivateKey, field: str, value: Any
) -> None:
    presented = sign(licence(), issuer_key)
    setattr(presented, field, value)
    with pytest.raises(InvalidArgument) as refused:
        verify(reg, presented)
    assert [violation.field for violation in refused.value.violations] == [f"licence.{field}"]


def test_holder_ids_citizen_or_credit_code(
    reg: LicenceRegistry, issuer_key: Ed25519PrivateKey
) -> None:
    for holder in ("11010519491231002X", "11010519491231002x", "91350100M000100Y43"):
        assert verify(reg, sign(licence(holder_id=holder), issuer_key)).status == (
            Status.LICENCE_STATUS_VALID
        )
    with pytest.raises(InvalidArgument, match=r"licence\.holder_id"):
        verify(reg, sign(licence(holder_id="张三"), issuer_key))
