"""Electronic licences (电子证照) and the two-source cross-check (多元校核) end to end.

Licences: the natural-resources bureau (区自然资源局, ``hx-zrzyj``) registers the Ed25519
key it signs property certificates with; a verifier checks one as presented: genuine,
altered, revoked, under a retired key, malformed. Only the issuer registers its keys and
revokes its licences.

Cross-check: 民政局's system compares the names the household register (户籍) and social
insurance (社保) hold for the same citizen IDs, each read under its own grant; only the
differing key is a disagreement, a key one source lacks is missing there, a key neither
holds is in no list, and nobody reads through another organisation's grants.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import grpc
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gov.exchange.v1 import exchange_pb2 as x
from gov.verify.v1 import verify_pb2 as v
from gov.verify.v1 import verify_pb2_grpc
from govdata.verify.licences import sign

from .conftest import admitted_everywhere, caller, channel, eventually, register_system
from .exchange_parties import period
from .verify_parties import BUREAU, DUTY, INSURANCE, POPULATION, Bureau, bureau, citizen_id

ISSUER = "organizations/hx-zrzyj"
OTHER_ISSUER = "organizations/hx-scjgj"
Status = v.LicenceStatus
CHECK_PURPOSE = "户籍与社保姓名一致性核校"


def reason_of(error: grpc.RpcError) -> str:
    status = rpc_status.from_call(error)
    for detail in status.details if status else []:
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            return info.reason
    return ""


def violated_fields(error: grpc.RpcError) -> list[str]:
    status = rpc_status.from_call(error)
    for detail in status.details if status else []:
        bad = error_details_pb2.BadRequest()
        if detail.Unpack(bad):
            return [violation.field for violation in bad.field_violations]
    return []


def refused(call, request) -> grpc.RpcError:  # type: ignore[no-untyped-def]
    with pytest.raises(grpc.RpcError) as raised:
        call(request, metadata=caller(), timeout=30)
    return raised.value


# --- electronic licences --------------------------------------------------------------


@dataclass
class Licensing:
    tag: str
    issuer: verify_pb2_grpc.VerificationServiceStub  # hx-zrzyj's registration system
    other_issuer: verify_pb2_grpc.VerificationServiceStub  # hx-scjgj's
    verifier: verify_pb2_grpc.VerificationServiceStub  # 民政局's business system

    def register(self, key_id: str, private: Ed25519PrivateKey, state: int = 0) -> v.LicenceKey:
        return self.issuer.RegisterLicenceKey(
            v.RegisterLicenceKeyRequest(
                licence_key=v.LicenceKey(
                    name=f"{ISSUER}/licenceKeys/{key_id}", public_key=raw(private), state=state
                )
            ),
            metadata=caller(),
            timeout=30,
        )

    def verify(self, licence: v.Licence) -> v.LicenceVerification:
        return self.verifier.VerifyLicence(
            v.VerifyLicenceRequest(licence=licence), metadata=caller("低保申请材料核验"), timeout=30
        )


def raw(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


@pytest.fixture(scope="module")
def licensing(catalog) -> Iterator[Licensing]:
    tag = uuid.uuid4().hex[:8]
    systems = {
        f"zrzyj-djxt-{tag}": (["data_provider"], ISSUER),
        f"scjgj-djxt-{tag}": (["data_provider"], OTHER_ISSUER),
        f"mzj-hyxt-{tag}": (["verifier"], BUREAU),
    }
    for system, (roles, organization) in systems.items():
        register_system(catalog, system, roles, organization=organization)
    for system in systems:
        admitted_everywhere(system)
    opened = [channel("verify", system) for system in systems]
    yield Licensing(tag, *(verify_pb2_grpc.VerificationServiceStub(o) for o in opened))
    for one in opened:
        one.close()


def property_certificate(tag: str, key_id: str, number: str = "") -> v.Licence:
    holder = citizen_id(date(1978, 5, 20), random.Random(tag), True)  # noqa: S311 (test data)
    return v.Licence(
        licence_type="不动产权证书",
        licence_number=number or f"闽（2026）海新区不动产权第{int(tag, 16) % 10**7:07d}号",
        issuer=ISSUER,
        holder_id=holder,
        holder_name="王建国",
        issue_date="20250301",
        fields={"坐落": "海新区滨海路 1 号 3 幢 502 室", "面积": "62.50㎡", "用途": "住宅"},
        key_id=key_id,
    )


def test_an_issuer_registers_its_key_and_a_signed_licence_verifies(licensing) -> None:
    private = Ed25519PrivateKey.generate()
    key_id = f"k-{licensing.tag}-a"
    registered = licensing.register(key_id, private)
    assert registered.name == f"{ISSUER}/licenceKeys/{key_id}"
    assert registered.public_key == raw(private)
    assert registered.state == v.LICENCE_KEY_STATE_ACTIVE
    assert licensing.register(key_id, private) == registered  # registering again: unchanged

    licence = sign(property_certificate(licensing.tag, key_id), private)
    checked = licensing.verify(licence)
    assert checked.status == Status.LICENCE_STATUS_VALID, checked
    assert checked.licence_key == registered.name
    assert checked.reason and checked.verify_time.seconds > 0
    assert not checked.HasField("revocation")


def test_another_organisation_cannot_register_a_key_for_the_issuer(licensing) -> None:
    private = Ed25519PrivateKey.generate()
    key_id = f"k-{licensing.tag}-forged"
    request = v.RegisterLicenceKeyRequest(
        licence_key=v.LicenceKey(name=f"{ISSUER}/licenceKeys/{key_id}", public_key=raw(private))
    )
    error = refused(licensing.other_issuer.RegisterLicenceKey, request)
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED, error.details()
    error = refused(licensing.verifier.RegisterLicenceKey, request)  # not an issuer at all
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED, error.details()
    # nothing was registered: a licence signed with that key is not accepted
    forged = sign(property_certificate(licensing.tag, key_id), private)
    assert licensing.verify(forged).status == Status.LICENCE_STATUS_UNKNOWN_KEY


def test_a_licence_with_one_field_changed_has_an_invalid_signature(licensing) -> None:
    private = Ed25519PrivateKey.generate()
    key_id = f"k-{licensing.tag}-b"
    licensing.register(key_id, private)
    genuine = sign(property_certificate(licensing.tag, key_id), private)
    assert licensing.verify(genuine).status == Status.LICENCE_STATUS_VALID
    for spoil in (
        lambda lic: lic.fields.__setitem__("面积", "162.50㎡"),
        lambda lic: setattr(lic, "holder_name", "王建华"),
        lambda lic: setattr(lic, "expiry_date", "20991231"),
    ):
        altered = v.Licence()
        altered.CopyFrom(genuine)
        spoil(altered)
        checked = licensing.verify(altered)
        assert checked.status == Status.LICENCE_STATUS_SIGNATURE_INVALID, checked
    signed_by_other = sign(
        property_certificate(licensing.tag, key_id), Ed25519PrivateKey.generate()
    )
    assert licensing.verify(signed_by_other).status == Status.LICENCE_STATUS_SIGNATURE_INVALID


def test_a_revoked_licence_is_reported_revoked_with_the_reason(licensing) -> None:
    private = Ed25519PrivateKey.generate()
    key_id = f"k-{licensing.tag}-c"
    licensing.register(key_id, private)
    licence = sign(
        property_certificate(licensing.tag, key_id, f"海新不动产-{licensing.tag}"), private
    )
    assert licensing.verify(licence).status == Status.LICENCE_STATUS_VALID
    why = "房屋已拆迁，产权证书注销"
    revoke = v.RevokeLicenceRequest(
        issuer=ISSUER, licence_number=licence.licence_number, reason=why
    )
    # only the issuer revokes its licences
    error = refused(licensing.other_issuer.RevokeLicence, revoke)
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    assert licensing.verify(licence).status == Status.LICENCE_STATUS_VALID

    revocation = licensing.issuer.RevokeLicence(revoke, metadata=caller(), timeout=30)
    assert (revocation.issuer, revocation.licence_number, revocation.reason) == (
        ISSUER,
        licence.licence_number,
        why,
    )
    checked = licensing.verify(licence)
    assert checked.status == Status.LICENCE_STATUS_REVOKED, checked
    assert why in checked.reason
    assert checked.revocation.reason == why
    assert checked.revocation.revoke_time == revocation.revoke_time
    again = licensing.issuer.RevokeLicence(
        v.RevokeLicenceRequest(
            issuer=ISSUER, licence_number=licence.licence_number, reason="另一原因"
        ),
        metadata=caller(),
        timeout=30,
    )
    assert again == revocation  # the first revocation stands


def test_a_licence_under_a_retired_key_is_an_unknown_key(licensing) -> None:
    private = Ed25519PrivateKey.generate()
    key_id = f"k-{licensing.tag}-d"
    licensing.register(key_id, private)
    licence = sign(property_certificate(licensing.tag, key_id), private)
    assert licensing.verify(licence).status == Status.LICENCE_STATUS_VALID
    retired = licensing.register(key_id, private, v.LICENCE_KEY_STATE_RETIRED)
    assert retired.state == v.LICENCE_KEY_STATE_RETIRED
    checked = licensing.verify(licence)
    assert checked.status == Status.LICENCE_STATUS_UNKNOWN_KEY, checked
    # a retired key stays retired
    with pytest.raises(grpc.RpcError) as reactivated:
        licensing.register(key_id, private, v.LICENCE_KEY_STATE_ACTIVE)
    assert reactivated.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert reason_of(reactivated.value) == "LICENCE_KEY_RETIRED"
    assert licensing.verify(licence).status == Status.LICENCE_STATUS_UNKNOWN_KEY
    # and a key id never registered is unknown as well
    unregistered = sign(property_certificate(licensing.tag, f"k-{licensing.tag}-none"), private)
    assert licensing.verify(unregistered).status == Status.LICENCE_STATUS_UNKNOWN_KEY


def test_an_expired_or_not_yet_issued_licence_is_expired(licensing) -> None:
    private = Ed25519PrivateKey.generate()
    key_id = f"k-{licensing.tag}-e"
    licensing.register(key_id, private)
    expired = property_certificate(licensing.tag, key_id)
    expired.expiry_date = "20251231"
    early = property_certificate(licensing.tag, key_id)
    early.issue_date = "20991231"
    for licence in (expired, early):
        checked = licensing.verify(sign(licence, private))
        assert checked.status == Status.LICENCE_STATUS_EXPIRED, checked


@pytest.mark.parametrize(
    "issue_date",
    [
        "2025-03-01",
        "20250230",
        "",
        "20250301\n",  # a date with a line break after it is not YYYYMMDD
        "２０２５０３０１",  # nor are full-width digits
    ],
)
def test_a_malformed_licence_is_invalid_naming_the_field(licensing, issue_date) -> None:
    # signed with a registered key, so a date slipping through would be judged, not refused
    private = Ed25519PrivateKey.generate()
    key_id = f"k-{licensing.tag}-{uuid.uuid4().hex[:6]}"
    licensing.register(key_id, private)
    licence = property_certificate(licensing.tag, key_id)
    licence.issue_date = issue_date
    error = refused(
        licensing.verifier.VerifyLicence, v.VerifyLicenceRequest(licence=sign(licence, private))
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violated_fields(error) == ["licence.issue_date"], error.details()


# --- cross-check between two sources ---------------------------------------------------


@pytest.fixture(scope="module")
def mzj(catalog) -> Iterator[Bureau]:
    made = bureau(catalog, uuid.uuid4().hex[:8])
    yield made
    made.close()


@pytest.fixture(scope="module")
def insurance_names(mzj) -> str:
    """民政局's grant of social insurance's 姓名 (the policy's grant does not include it),
    filed by its system and approved by 人社局's."""

    def filed() -> x.SharingRequest:
        try:
            return mzj.exchange.CreateSharingRequest(
                x.CreateSharingRequestRequest(
                    parent=BUREAU,
                    sharing_request=x.SharingRequest(
                        resource=INSURANCE,
                        data_items=["公民身份号码", "姓名"],
                        duty=DUTY,
                        legal_basis="《社会救助暂行办法》第六十条",
                        purpose=CHECK_PURPOSE,
                        period=period(30),
                    ),
                ),
                metadata=caller(),
                timeout=10,
            )
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.FAILED_PRECONDITION:
                raise AssertionError(error.details()) from None
            raise

    request = eventually(filed)
    approved = mzj.provider_of(INSURANCE).ApproveSharingRequest(
        x.ApproveSharingRequestRequest(
            name=request.name, etag=request.etag, reason="社会救助核对需核校姓名"
        ),
        metadata=caller(),
    )
    return approved.grant


def side(grant: str, resource: str) -> v.CrossCheckSide:
    return v.CrossCheckSide(
        grant=grant, resource=resource, data_item="姓名", key_item="公民身份号码"
    )


def test_cross_check_lists_exactly_the_differing_key_and_the_missing_ones(
    mzj, insurance_names, tag
) -> None:
    rng = random.Random(tag)  # noqa: S311 (test data, not a secret)
    ids = [citizen_id(date(1960 + 5 * i, 1 + i, 10 + i), rng, i % 2 == 0) for i in range(6)]
    both_same, differs, also_same, only_population, only_insurance, nowhere = ids
    household_no = f"H{int(tag, 16) % 10**8:08d}"
    population = {
        both_same: "王建国",
        differs: "李秀英",
        also_same: "王小明",
        only_population: "王小红",
    }
    insurance = {
        both_same: "王建国",
        differs: "李秀瑛",
        also_same: "王小明",
        only_insurance: "赵大勇",
    }
    mzj.publish(
        POPULATION,
        [
            x.Record(
                key=f"{cid}|{household_no}",
                fields={"公民身份号码": cid, "姓名": name, "户号": household_no},
            )
            for cid, name in population.items()
        ],
    )
    mzj.publish(
        INSURANCE,
        [
            x.Record(
                key=cid,
                fields={
                    "公民身份号码": cid,
                    "姓名": name,
                    "缴费基数": "3000.00",
                    "缴费年月": "202611",
                },
            )
            for cid, name in insurance.items()
        ],
    )
    keys = [both_same, differs, nowhere, also_same, only_population, only_insurance]
    checked = mzj.verify.CrossCheckSources(
        v.CrossCheckSourcesRequest(
            left=side(mzj.grants[POPULATION], POPULATION),
            right=side(insurance_names, INSURANCE),
            keys=keys,
        ),
        metadata=caller(CHECK_PURPOSE),
        timeout=30,
    )
    assert [(d.key, d.left_value, d.right_value) for d in checked.disagreements] == [
        (differs, "李秀英", "李秀瑛")
    ]
    assert checked.compared_count == 3
    assert list(checked.missing_in_right) == [only_population]
    assert list(checked.missing_in_left) == [only_insurance]
    assert nowhere not in list(checked.missing_in_left) + list(checked.missing_in_right)


def test_a_cross_check_under_another_organisations_grants_is_refused(
    catalog, mzj, insurance_names, tag
) -> None:
    system = f"swj-sjxt-{tag}"
    register_system(catalog, system, ["data_consumer"], organization="organizations/hx-swj")
    admitted_everywhere(system)
    opened = channel("verify", system)
    try:
        stub = verify_pb2_grpc.VerificationServiceStub(opened)
        someone = citizen_id(date(1980, 1, 1), random.Random(tag), True)  # noqa: S311
        request = v.CrossCheckSourcesRequest(
            left=side(mzj.grants[POPULATION], POPULATION),
            right=side(insurance_names, INSURANCE),
            keys=[someone],
        )
        with pytest.raises(grpc.RpcError) as raised:
            stub.CrossCheckSources(request, metadata=caller(CHECK_PURPOSE), timeout=30)
        assert raised.value.code() == grpc.StatusCode.PERMISSION_DENIED, raised.value.details()
    finally:
        opened.close()
