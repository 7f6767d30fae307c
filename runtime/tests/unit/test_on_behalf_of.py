"""Acting for another organisation (``x-gov-on-behalf-of``) and non-ASCII call metadata.

A real in-process gRPC server is run with the interceptor, the shipped access policy and a
registry read from an in-memory list of calling systems (plain-text development mode, so
the caller names itself in ``x-gov-system`` instead of presenting a certificate). One
method (svc-exchange's GetGrant, allowed to data consumers and to govdata's services of the
organisation the grant belongs to) is served by a handler that records the call context it
sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gov.exchange.v1 import exchange_pb2 as x
from govdata.runtime import context, policy, registry
from govdata.runtime.access import MD_SYSTEM, Access, RateLimiter
from govdata.runtime.audit import MemoryAuditTrail
from govdata.runtime.interceptors import (
    MD_ON_BEHALF_OF,
    MD_PERSON,
    MD_PURPOSE,
    GovdataInterceptor,
    metadata_text,
)

SERVICE = "gov.exchange.v1.ExchangeService"
METHOD = f"/{SERVICE}/GetGrant"
VERIFY = "organizations/govdata"  # the platform's own organisation
BUREAU = "organizations/hx-mzj"
GRANT = f"{BUREAU}/grants/g-0001"


class Systems:
    """The registry collection, in memory: Registry only ever calls ``find``."""

    def __init__(self, documents: list[dict[str, Any]]) -> None:
        self.documents = documents

    def find(self, query: dict[str, Any], projection: dict[str, Any]) -> list[dict[str, Any]]:
        return [dict(document) for document in self.documents]


def system(subject: str, organization: str, roles: list[str]) -> dict[str, Any]:
    return {
        "_id": f"callingSystems/{subject}",
        "subject": subject,
        "organization": organization,
        "roles": roles,
        "state": registry.ACTIVE,
        "rate_limit_per_second": 0.0,
        "revision": 1,
    }


@dataclass
class Harness:
    stub: grpc.UnaryUnaryMultiCallable
    audit: MemoryAuditTrail
    seen: list[context.CallContext] = field(default_factory=list)

    def call(
        self, subject: str, *extra: tuple[str, str], name: str = GRANT, purpose: str = "review"
    ) -> x.Grant:
        metadata = ((MD_SYSTEM, subject), (MD_PERSON, "clerk-1"), (MD_PURPOSE, purpose), *extra)
        return self.stub(x.GetGrantRequest(name=name), metadata=metadata, timeout=10)

    def refused(self, subject: str, *extra: tuple[str, str]) -> grpc.RpcError:
        before = len(self.seen)
        with pytest.raises(grpc.RpcError) as raised:
            self.call(subject, *extra)
        assert len(self.seen) == before, "the handler ran for a refused call"
        return raised.value


@pytest.fixture(scope="module")
def harness() -> Iterator[Harness]:
    conditions = policy.Conditions()
    conditions.provide(
        "own_organization",
        policy.own_organization({x.GetGrantRequest.DESCRIPTOR.full_name: lambda r: r.name}),
    )
    systems = Systems(
        [
            system("svc-verify", VERIFY, ["govdata_service"]),
            system("mzj-shjz", BUREAU, ["data_consumer", "verifier"]),
            system("admin", VERIFY, ["platform_admin"]),
        ]
    )
    access = Access(
        registry.Registry(systems),  # type: ignore[arg-type]
        policy.load(),
        conditions,
        RateLimiter(1e6, 10**6),
        plaintext=True,
    )
    audit = MemoryAuditTrail("svc-exchange")
    made = Harness(stub=None, audit=audit)  # type: ignore[arg-type]

    def get_grant(request: x.GetGrantRequest, context_: grpc.ServicerContext) -> x.Grant:
        made.seen.append(context.current())
        return x.Grant(name=request.name)

    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=4),
        interceptors=[GovdataInterceptor("svc-exchange", audit, "exchange.test", access)],
    )
    server.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(
                SERVICE,
                {
                    "GetGrant": grpc.unary_unary_rpc_method_handler(
                        get_grant,
                        request_deserializer=x.GetGrantRequest.FromString,
                        response_serializer=x.Grant.SerializeToString,
                    )
                },
            ),
        )
    )
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    made.stub = channel.unary_unary(
        METHOD,
        request_serializer=x.GetGrantRequest.SerializeToString,
        response_deserializer=x.Grant.FromString,
    )
    yield made
    channel.close()
    server.stop(0)


def reason_of(error: grpc.RpcError) -> str:
    status = rpc_status.from_call(error)
    for detail in status.details if status else []:
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            return info.reason
    return ""


def violations_of(error: grpc.RpcError) -> list[tuple[str, str]]:
    status = rpc_status.from_call(error)
    for detail in status.details if status else []:
        bad = error_details_pb2.BadRequest()
        if detail.Unpack(bad):
            return [(v.field, v.description) for v in bad.field_violations]
    return []


def last_record(harness: Harness) -> Any:
    assert harness.audit.records, "nothing was audited"
    return harness.audit.records[-1]


def test_a_govdata_service_is_decided_and_audited_as_the_organisation_it_acts_for(
    harness: Harness,
) -> None:
    answer = harness.call("svc-verify", (MD_ON_BEHALF_OF, BUREAU))
    assert answer.name == GRANT  # own_organization held for the bureau, not for govdata
    seen = harness.seen[-1]
    assert (seen.organization, seen.on_behalf_of) == (BUREAU, BUREAU)
    assert seen.system == "callingSystems/svc-verify"
    assert seen.roles == frozenset({"govdata_service"})  # its own roles, not the bureau's
    record = last_record(harness)
    assert record.outcome == "OK" and record.method == METHOD
    assert (record.actor.system, record.actor.organization) == ("callingSystems/svc-verify", BUREAU)


def test_without_the_header_a_govdata_service_is_its_own_organisation(harness: Harness) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        harness.call("svc-verify")
    assert raised.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert reason_of(raised.value) == "CONDITION_NOT_MET"
    record = last_record(harness)
    assert (record.outcome, record.actor.organization) == ("PERMISSION_DENIED", VERIFY)
    answer = harness.call("svc-verify", name=f"{VERIFY}/grants/g-0002")
    assert answer.name == f"{VERIFY}/grants/g-0002"
    assert (harness.seen[-1].organization, harness.seen[-1].on_behalf_of) == (VERIFY, "")


@pytest.mark.parametrize("subject", ["mzj-shjz", "admin"])
def test_only_a_govdata_service_may_act_for_an_organisation(harness: Harness, subject: str) -> None:
    own = BUREAU if subject == "mzj-shjz" else VERIFY
    error = harness.refused(subject, (MD_ON_BEHALF_OF, "organizations/hx-rsj"))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    assert reason_of(error) == "ON_BEHALF_NOT_ALLOWED"
    assert MD_ON_BEHALF_OF in error.details()
    record = last_record(harness)
    # The refusal is recorded against the caller's own organisation, not the one it named.
    assert (record.outcome, record.actor.organization) == ("PERMISSION_DENIED", own)
    assert record.actor.system == f"callingSystems/{subject}"


def test_acting_for_its_own_organisation_is_no_exception_for_other_callers(
    harness: Harness,
) -> None:
    error = harness.refused("mzj-shjz", (MD_ON_BEHALF_OF, BUREAU))
    assert reason_of(error) == "ON_BEHALF_NOT_ALLOWED"


@pytest.mark.parametrize(
    "organization",
    [
        "hx-mzj",
        "organizations/",
        "organizations/HX-MZJ",
        "organizations/hx-mzj/",
        "organizations/hx-mzj/grants/g-0001",
        "organizations/-mzj",
        "organizations/mzj-",
        "organizations/1mzj",
        "organizations/hx_mzj",
        "organizations/" + "a" * 64,
    ],
)
def test_a_malformed_organisation_is_invalid_naming_the_header(
    harness: Harness, organization: str
) -> None:
    error = harness.refused("svc-verify", (MD_ON_BEHALF_OF, organization))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [field for field, _ in violations_of(error)] == [MD_ON_BEHALF_OF]
    assert last_record(harness).outcome == "INVALID_ARGUMENT"


def test_an_organisation_name_of_the_longest_form_is_accepted(harness: Harness) -> None:
    longest = "organizations/" + "a" * 63
    answer = harness.call("svc-verify", (MD_ON_BEHALF_OF, longest), name=f"{longest}/grants/g")
    assert answer.name == f"{longest}/grants/g"
    assert harness.seen[-1].organization == longest


@pytest.mark.parametrize(
    "purpose",
    [
        "最低生活保障家庭经济状况核对",
        "核对（第 2 次）: 100% 收入 + 房产/车辆 & 存款?",
        "  leading and trailing spaces  ",
    ],
)
def test_percent_encoded_text_arrives_decoded(harness: Harness, purpose: str) -> None:
    encoded = metadata_text(purpose)
    assert encoded.isascii()
    harness.call("svc-verify", (MD_ON_BEHALF_OF, BUREAU), purpose=encoded)
    seen = harness.seen[-1]
    assert seen.purpose == purpose.strip()
    assert last_record(harness).purpose == purpose.strip()


def test_a_person_in_chinese_arrives_decoded(harness: Harness) -> None:
    harness.stub(
        x.GetGrantRequest(name=GRANT),
        metadata=(
            (MD_SYSTEM, "mzj-shjz"),
            (MD_PERSON, metadata_text("张 经办")),
            (MD_PURPOSE, metadata_text("低保复核")),
        ),
        timeout=10,
    )
    seen = harness.seen[-1]
    assert (seen.person, seen.purpose, seen.organization) == ("张 经办", "低保复核", BUREAU)
    assert last_record(harness).actor.person == "张 经办"
