"""Electronic licences (电子证照): issuers' signing keys, revocations and verification.

An issuing organisation registers the Ed25519 public keys it signs licences with
(``organizations/{org}/licenceKeys/{key}``) and revokes licences it has withdrawn (注销/吊销).
Anyone holding a licence as presented (照面信息 and signature) can then ask whether it is
genuine and in force (电子证照核验).

Keys are never replaced: a key id always means the same public key, so a licence signed
under it can be checked years later. A compromised key is retired (and stays retired:
reactivating it would let licences forged with it pass again); the issuer registers a new
key id.

Storage follows the FerretDB rules of the other services: each key and each revocation is
one document read and written by ``_id`` only, its protobuf message kept as bytes, each
read-check-write under the document's process lock, with the checked condition also in
the write's filter where the server honours it (MongoDB).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from nacl.bindings import crypto_core_ed25519_is_valid_point
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError, PyMongoError

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime import citizen_ids, names
from govdata.runtime.errors import (
    Aborted,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unavailable,
    Validator,
)
from govdata.runtime.locks import document_lock
from govdata.runtime.stores import write_filter

ORGANIZATION = names.ORGANIZATION
LICENCE_KEY = re.compile(rf"^(organizations/{names.ID})/licenceKeys/({names.ID})$")
KEY_ID = re.compile(rf"^{names.ID}$")
# GB 32100 layout (alphabet without I, O, S, V, Z; characters 3-8 a division code). Its
# check characters are verified by svc-catalog, whose code is not part of this service.
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_DATE = re.compile(r"[0-9]{8}")  # ASCII digits only; used with fullmatch
BEIJING = timezone(timedelta(hours=8))

PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64
MAX_TEXT = 200  # licence type, number, holder name and revocation reason, in characters

ACTIVE = v.LicenceKeyState.LICENCE_KEY_STATE_ACTIVE
RETIRED = v.LicenceKeyState.LICENCE_KEY_STATE_RETIRED
UNSPECIFIED = v.LicenceKeyState.LICENCE_KEY_STATE_UNSPECIFIED
Status = v.LicenceStatus

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------------------
# Canonical form and signing
# ---------------------------------------------------------------------------


def canonical_bytes(licence: v.Licence) -> bytes:
    """The bytes an issuer signs, as the contract's ``Licence.signature`` defines them.

    The UTF-8 JSON object of fields 1-9 under their proto names, keys sorted by Unicode
    code point (the same order as by UTF-8 bytes) at both levels, no whitespace,
    non-ASCII characters as themselves; absent strings are ``""`` and absent ``fields``
    ``{}``. Only what JSON requires is escaped (``"``, ``\\`` and control characters).
    """
    document = {
        "licence_type": licence.licence_type,
        "licence_number": licence.licence_number,
        "issuer": licence.issuer,
        "holder_id": licence.holder_id,
        "holder_name": licence.holder_name,
        "issue_date": licence.issue_date,
        "expiry_date": licence.expiry_date,
        "fields": dict(licence.fields),
        "key_id": licence.key_id,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def sign(licence: v.Licence, private_key: Ed25519PrivateKey) -> v.Licence:
    """A copy of ``licence`` with its ``signature`` made by ``private_key`` (for issuers'
    tooling, tests and the demo; the platform itself never holds a private key)."""
    signed = v.Licence()
    signed.CopyFrom(licence)
    signed.signature = private_key.sign(canonical_bytes(licence))
    return signed


# ---------------------------------------------------------------------------
# Ed25519 public keys
# ---------------------------------------------------------------------------


def public_key_problem(raw: bytes) -> str | None:
    """None when ``raw`` is a usable Ed25519 public key, else why not.

    ``cryptography`` loads any 32 bytes, so the point is checked with libsodium (through
    PyNaCl, pyca's binding): a canonical encoding of a curve point in the prime-order group,
    not of small order. That refuses the identity and other weak points, under which
    signatures can be forged without the private key.
    """
    if len(raw) != PUBLIC_KEY_BYTES:
        return f"must be the raw {PUBLIC_KEY_BYTES}-byte Ed25519 key, got {len(raw)} bytes"
    if not crypto_core_ed25519_is_valid_point(raw):
        return "is not a valid Ed25519 public key (off the curve, non-canonical or weak)"
    return None


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def _text(check: Validator, value: str, field: str) -> None:
    if check.require(bool(value.strip()), field, "is required"):
        check.require(len(value) <= MAX_TEXT, field, f"must be at most {MAX_TEXT} characters")


def _date_of(check: Validator, value: str, field: str) -> date | None:
    if not _DATE.fullmatch(value):
        check.fail(field, f"{value[:20]!r} is not a date YYYYMMDD")
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        check.fail(field, f"{value!r} is not a real date")
        return None


def _holder_id_problem(holder_id: str) -> str | None:
    if not holder_id:
        return "is required"
    if citizen_ids.check(holder_id) is None or CREDIT_CODE.match(holder_id):
        return None
    if len(holder_id) == 18 and holder_id[:17].isdigit():  # meant as a citizen ID
        return citizen_ids.check(holder_id)
    return "must be a citizen ID (GB 11643) or a unified social credit code (GB 32100)"


def validate_licence(licence: v.Licence, prefix: str = "licence") -> None:
    """INVALID_ARGUMENT naming every malformed field (``licence.issue_date``...)."""
    check = Validator()
    _text(check, licence.licence_type, f"{prefix}.licence_type")
    _text(check, licence.licence_number, f"{prefix}.licence_number")
    check.require(
        bool(ORGANIZATION.match(licence.issuer)),
        f"{prefix}.issuer",
        "must be of the form organizations/{organization}",
    )
    holder_problem = _holder_id_problem(licence.holder_id)
    if holder_problem:
        check.fail(f"{prefix}.holder_id", holder_problem)
    _text(check, licence.holder_name, f"{prefix}.holder_name")
    issued = _date_of(check, licence.issue_date, f"{prefix}.issue_date")
    if licence.expiry_date:
        expires = _date_of(check, licence.expiry_date, f"{prefix}.expiry_date")
        if issued and expires and expires < issued:
            check.fail(f"{prefix}.expiry_date", "is before the issue date")
    for name in licence.fields:
        if not name.strip():
            check.fail(f"{prefix}.fields", "a field name is empty")
            break
    check.require(
        bool(KEY_ID.match(licence.key_id)),
        f"{prefix}.key_id",
        "must be a key id: lower-case letters, digits and hyphens, starting with a letter",
    )
    check.require(
        len(licence.signature) == SIGNATURE_BYTES,
        f"{prefix}.signature",
        f"must be the {SIGNATURE_BYTES}-byte Ed25519 signature, got {len(licence.signature)} bytes",
    )
    check.raise_if_any()


def _guarded(call: Callable[[], Any]) -> Any:
    """A store call; the store being down is UNAVAILABLE, not an internal error."""
    try:
        return call()
    except DuplicateKeyError:  # the caller decides what it means
        raise
    except PyMongoError as exc:
        raise Unavailable("the verification store is not answering; retry later") from exc


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------


class LicenceRegistry:
    """Issuers' keys (collection ``licence_keys``, ``_id`` the key's name) and revocations
    (``licence_revocations``, ``_id`` ``{issuer}#{licence_number}``), and the check of a
    presented licence against them."""

    def __init__(self, keys: Collection, revocations: Collection, clock: Clock = _utc_now) -> None:
        self.keys = keys
        self.revocations = revocations
        self.clock = clock

    # -- keys ----------------------------------------------------------------

    def register(self, request: v.RegisterLicenceKeyRequest, caller_org: str) -> v.LicenceKey:
        """Registers a key (state UNSPECIFIED means ACTIVE), or retires a registered one.

        Registering the same name and key again returns it unchanged. A different public
        key under a registered name, or reactivating a retired key, is FAILED_PRECONDITION.
        """
        key = request.licence_key
        check = Validator()
        match = LICENCE_KEY.match(key.name)
        check.require(
            match is not None,
            "licence_key.name",
            "must be of the form organizations/{organization}/licenceKeys/{licence_key}",
        )
        problem = public_key_problem(key.public_key)
        if problem:
            check.fail("licence_key.public_key", problem)
        check.require(
            key.state in (UNSPECIFIED, ACTIVE, RETIRED),
            "licence_key.state",
            f"{key.state} is not a LicenceKeyState",
        )
        check.raise_if_any()
        assert match is not None
        if match.group(1) != caller_org:
            raise PermissionDenied("only the issuing organisation may register its keys")
        state = key.state or ACTIVE
        with document_lock(self.keys.name, key.name):
            try:
                return self._register(key.name, bytes(key.public_key), state, match.group(1))
            except DuplicateKeyError:  # registered meanwhile by another process
                return self._register(key.name, bytes(key.public_key), state, match.group(1))

    def _register(self, name: str, public_key: bytes, state: int, issuer: str) -> v.LicenceKey:
        document = _guarded(lambda: self.keys.find_one({"_id": name}))
        when = self.clock()
        if document is None:
            stored = v.LicenceKey(name=name, public_key=public_key, state=state)
            stored.create_time.FromDatetime(when)
            stored.update_time.FromDatetime(when)
            _guarded(
                lambda: self.keys.insert_one(
                    {"_id": name, "organization": issuer, "message": stored.SerializeToString()}
                )
            )
            return stored
        stored = v.LicenceKey.FromString(document["message"])
        if stored.public_key != public_key:
            raise FailedPrecondition(
                f"{name} is registered with another public key; keys are never replaced: "
                "register the new key under a new key id (and retire this one)",
                reason="LICENCE_KEY_IMMUTABLE",
            )
        if stored.state == state:
            return stored
        if stored.state == RETIRED:
            raise FailedPrecondition(
                f"{name} is retired and stays retired; register a new key id",
                reason="LICENCE_KEY_RETIRED",
            )
        stored.state = state
        stored.update_time.FromDatetime(when)
        result = _guarded(
            lambda: self.keys.replace_one(
                write_filter(self.keys, name, {"message": document["message"]}),
                {"_id": name, "organization": issuer, "message": stored.SerializeToString()},
            )
        )
        if result.matched_count != 1:
            raise Aborted(f"{name} changed meanwhile; retry")
        return stored

    def find_key(self, name: str) -> v.LicenceKey | None:
        document = _guarded(lambda: self.keys.find_one({"_id": name}))
        return None if document is None else v.LicenceKey.FromString(document["message"])

    def get_key(self, name: str) -> v.LicenceKey:
        """The registered key; INVALID_ARGUMENT for a malformed name, else NOT_FOUND."""
        if not LICENCE_KEY.match(name):
            raise InvalidArgument(
                FieldViolation(
                    "name", "must be of the form organizations/{organization}/licenceKeys/{key}"
                )
            )
        found = self.find_key(name)
        if found is None:
            raise NotFound(f"licence key {name} is not registered")
        return found

    # -- revocations ----------------------------------------------------------

    def revoke(self, request: v.RevokeLicenceRequest, caller_org: str) -> v.LicenceRevocation:
        """Records the revocation; revoking again returns the first one unchanged."""
        check = Validator()
        check.require(
            bool(ORGANIZATION.match(request.issuer)),
            "issuer",
            "must be of the form organizations/{organization}",
        )
        _text(check, request.licence_number, "licence_number")
        _text(check, request.reason, "reason")
        check.raise_if_any()
        if request.issuer != caller_org:
            raise PermissionDenied("only the issuing organisation may revoke its licences")
        doc_id = revocation_id(request.issuer, request.licence_number)
        with document_lock(self.revocations.name, doc_id):
            existing = self.find_revocation(request.issuer, request.licence_number)
            if existing is not None:
                return existing
            revocation = v.LicenceRevocation(
                issuer=request.issuer,
                licence_number=request.licence_number,
                reason=request.reason,
            )
            revocation.revoke_time.FromDatetime(self.clock())
            try:
                _guarded(
                    lambda: self.revocations.insert_one(
                        {"_id": doc_id, "message": revocation.SerializeToString()}
                    )
                )
            except DuplicateKeyError:  # revoked meanwhile by another process: that one stands
                first = self.find_revocation(request.issuer, request.licence_number)
                assert first is not None
                return first
            return revocation

    def find_revocation(self, issuer: str, licence_number: str) -> v.LicenceRevocation | None:
        doc_id = revocation_id(issuer, licence_number)
        document = _guarded(lambda: self.revocations.find_one({"_id": doc_id}))
        return None if document is None else v.LicenceRevocation.FromString(document["message"])

    # -- verification ---------------------------------------------------------

    def verify(self, request: v.VerifyLicenceRequest) -> v.LicenceVerification:
        """Checks, in this order: the key (UNKNOWN_KEY), the signature
        (SIGNATURE_INVALID), revocation (REVOKED), the dates against today's Beijing date
        (EXPIRED); else VALID. The signature comes before anything read from the
        licence's own fields, so an altered or forged licence is never reported REVOKED,
        EXPIRED or VALID. Reasons are in Chinese, for the officer."""
        licence = request.licence
        validate_licence(licence)
        when = self.clock()
        result = v.LicenceVerification()
        result.verify_time.FromDatetime(when)
        key_name = f"{licence.issuer}/licenceKeys/{licence.key_id}"
        key = self.find_key(key_name)
        if key is None:
            result.status = Status.LICENCE_STATUS_UNKNOWN_KEY
            result.reason = f"签发机构未登记编号为 {licence.key_id} 的签名公钥，无法核验"
            return result
        result.licence_key = key_name
        if key.state == RETIRED:
            result.status = Status.LICENCE_STATUS_UNKNOWN_KEY
            result.reason = f"签名公钥 {licence.key_id} 已被签发机构停用，用其签发的证照不予认可"
            return result
        try:
            Ed25519PublicKey.from_public_bytes(key.public_key).verify(
                licence.signature, canonical_bytes(licence)
            )
        except InvalidSignature:
            result.status = Status.LICENCE_STATUS_SIGNATURE_INVALID
            result.reason = "签名与证照内容不符（内容被篡改或伪造）"
            return result
        revocation = self.find_revocation(licence.issuer, licence.licence_number)
        if revocation is not None:
            result.status = Status.LICENCE_STATUS_REVOKED
            result.reason = f"证照已被签发机构注销或吊销：{revocation.reason}"
            result.revocation.CopyFrom(revocation)
            return result
        today = when.astimezone(BEIJING).date()
        issued = _as_date(licence.issue_date)
        if today < issued:
            result.status = Status.LICENCE_STATUS_EXPIRED
            result.reason = f"证照签发日期 {licence.issue_date} 尚未到来，证照未生效"
            return result
        if licence.expiry_date and today > _as_date(licence.expiry_date):
            result.status = Status.LICENCE_STATUS_EXPIRED
            result.reason = f"证照有效期至 {licence.expiry_date}，已过期"
            return result
        result.status = Status.LICENCE_STATUS_VALID
        result.reason = "签名有效，证照在有效期内且未被注销"
        return result


def revocation_id(issuer: str, licence_number: str) -> str:
    return f"{issuer}#{licence_number}"


def _as_date(value: str) -> date:
    return date(int(value[:4]), int(value[4:6]), int(value[6:]))
