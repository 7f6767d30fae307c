"""Access control as callers meet it: mutual TLS, the registry, the policy matrix, masking, limits.

An api server is run in-process exactly as ``run_api`` builds it (TLS credentials, interceptor,
registry on the real FerretDB, the shipped access policy), but every method of all five
services is served by a recorder instead of the real handler: the question here is only
whether the call reaches the handler, never what the handler does. Each role gets its own
registered system and certificate from a CA made for the test.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.longrunning import operations_pb2
from google.protobuf import message_factory
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from pymongo.database import Database

from gov.audit.v1 import audit_pb2
from gov.catalog.v1 import catalog_pb2
from gov.exchange.v1 import exchange_pb2
from gov.search.v1 import search_pb2
from gov.verify.v1 import verify_pb2
from govdata.runtime import devpki, logs, policy, privacy, registry
from govdata.runtime.access import Access, RateLimiter
from govdata.runtime.audit import MemoryAuditTrail
from govdata.runtime.config import Settings
from govdata.runtime.errors import FieldViolation, InvalidArgument
from govdata.runtime.grpc_server import ApiServer
from govdata.runtime.testing import fresh_database

CONTRACTS = (catalog_pb2, search_pb2, exchange_pb2, verify_pb2, audit_pb2, operations_pb2)
POLICY = policy.load()
ROLES = sorted(POLICY.roles)
ORGANIZATION = "organizations/test-org"
METADATA = (("x-gov-person", "clerk-1"), ("x-gov-purpose", "annual review"))
ID_NUMBER = "11010519491231002X"
NAME = "欧阳娜娜"


@dataclass(frozen=True)
class Method:
    service: str
    name: str
    request: type
    response: type
    streaming: bool

    @property
    def full(self) -> str:
        return f"{self.service}/{self.name}"


# Contracts govdata defines but does not serve: a provider's own system serves them.
SERVED_BY_PROVIDERS = {"gov.exchange.v1.RecordAdapterService"}


def all_methods() -> list[Method]:
    found = []
    for module in CONTRACTS:
        for service in module.DESCRIPTOR.services_by_name.values():
            if service.full_name in SERVED_BY_PROVIDERS:
                continue
            for m in service.methods:
                found.append(
                    Method(
                        service.full_name,
                        m.name,
                        message_factory.GetMessageClass(m.input_type),
                        message_factory.GetMessageClass(m.output_type),
                        m.server_streaming,
                    )
                )
    return found


METHODS = all_methods()


@dataclass
class Recorder:
    """Stands in for every handler: counts calls; can return or raise what a test sets."""

    calls: list[str] = field(default_factory=list)
    respond: dict[str, Callable[[Any], Any]] = field(default_factory=dict)

    def handler(self, method: Method) -> grpc.RpcMethodHandler:
        def unary(request: Any, context: grpc.ServicerContext) -> Any:
            self.calls.append(method.full)
            make = self.respond.get(method.full)
            return make(request) if make else method.response()

        def stream(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
            self.calls.append(method.full)
            yield method.response()

        kwargs = {
            "request_deserializer": method.request.FromString,
            "response_serializer": method.response.SerializeToString,
        }
        if method.streaming:
            return grpc.unary_stream_rpc_method_handler(stream, **kwargs)
        return grpc.unary_unary_rpc_method_handler(unary, **kwargs)


class Switch:
    """Condition checks whose outcome the test decides."""

    def __init__(self) -> None:
        self.holds = True

    def check(self, request: Any, caller: Any) -> str | None:
        return None if self.holds else "the resource is not your organisation's"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Harness:
    pki: Path
    port: int
    recorder: Recorder
    switch: Switch
    audit: MemoryAuditTrail
    database: Database
    server: ApiServer

    def call(
        self,
        method: Method,
        subject: str,
        request: Any = None,
        metadata: tuple[tuple[str, str], ...] = METADATA,
    ) -> tuple[grpc.StatusCode, Any]:
        """(status code, response or the RpcError) of one call as ``subject``."""
        with devpki.channel(self.pki, f"127.0.0.1:{self.port}", subject) as channel:
            kwargs = {
                "request_serializer": method.request.SerializeToString,
                "response_deserializer": method.response.FromString,
            }
            path = f"/{method.full}"
            try:
                if method.streaming:
                    stub = channel.unary_stream(path, **kwargs)
                    replies = list(stub(request or method.request(), metadata=metadata, timeout=10))
                    return grpc.StatusCode.OK, replies
                stub = channel.unary_unary(path, **kwargs)
                return grpc.StatusCode.OK, stub(
                    request or method.request(), metadata=metadata, timeout=10
                )
            except grpc.RpcError as error:
                return error.code(), error


def register(database: Database, subject: str, roles: list[str], **extra: Any) -> None:
    database[registry.COLLECTION].insert_one(
        {
            "_id": f"callingSystems/{subject}",
            "subject": subject,
            "organization": ORGANIZATION,
            "roles": roles,
            "state": extra.get("state", registry.ACTIVE),
            "rate_limit_per_second": extra.get("rate", 0.0),
            "revision": 1,
        }
    )


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    pki = tmp_path_factory.mktemp("pki")
    ca = devpki.make_ca("access-test CA")
    (pki / "ca.crt").write_bytes(ca.cert_pem)
    (pki / "ca.key").write_bytes(ca.key_pem)
    devpki.issue_to(pki, "server", hosts=("127.0.0.1",))
    database, drop = fresh_database()
    subjects = {role: f"role-{role.replace('_', '-')}" for role in ROLES}
    for role, subject in subjects.items():
        devpki.issue_to(pki, subject)
        register(database, subject, [role])
    for subject in ("unregistered", "suspended", "slow", "verifier-2"):
        devpki.issue_to(pki, subject)
    register(database, "suspended", ["platform_admin"], state=registry.SUSPENDED)
    register(database, "slow", ["platform_admin"], rate=2.0)
    port = _port()
    settings = Settings.from_env(
        "access",
        "api",
        {
            "GOVDATA_GRPC_PORT": str(port),
            "GOVDATA_TLS_CERT_FILE": str(pki / "server.crt"),
            "GOVDATA_TLS_KEY_FILE": str(pki / "server.key"),
            "GOVDATA_TLS_CA_FILE": str(pki / "ca.crt"),
        },
    )
    recorder, switch, audit = Recorder(), Switch(), MemoryAuditTrail("access")
    conditions = policy.Conditions()
    for name in POLICY.conditions:
        conditions.provide(name, switch.check)
    access = Access(
        registry.Registry(database[registry.COLLECTION], refresh_seconds=0.5),
        POLICY,
        conditions,
        RateLimiter(1e6, 10**6),
    )

    def add_handlers(server: grpc.Server) -> list[str]:
        services: dict[str, dict[str, grpc.RpcMethodHandler]] = {}
        for method in METHODS:
            services.setdefault(method.service, {})[method.name] = recorder.handler(method)
        for name, handlers in services.items():
            server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(name, handlers),))
        return list(services)

    server = ApiServer(settings, audit, access, add_handlers)
    server.start()
    yield Harness(pki, port, recorder, switch, audit, database, server)
    server.server.stop(0)
    access.registry.stop()
    drop()


def subject_of(role: str) -> str:
    return f"role-{role.replace('_', '-')}"


def expected_allowed(method: Method, role: str, condition_holds: bool) -> bool:
    """The policy's meaning, stated independently of the code that enforces it."""
    entry = POLICY.methods[method.full]
    return any(
        rule.role == role and (not rule.condition or condition_holds) for rule in entry.rules
    )


def reason_of(error: Any) -> str:
    status = rpc_status.from_call(error)
    for detail in status.details if status else []:
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            return info.reason
    return ""


def test_the_policy_covers_every_method_of_every_service_and_nothing_else() -> None:
    served = {m.full for m in METHODS}
    assert set(POLICY.methods) == served


def test_policy_invariants_the_data_authority_relies_on() -> None:
    registry_methods = [m for m in POLICY.methods if "CallingSystem" in m]
    for name in registry_methods:
        if name.split("/")[1].startswith(("Create", "Update", "Delete")):
            assert {r.role for r in POLICY.methods[name].rules} == {"platform_admin"}, name
    audit_log = "gov.audit.v1.AuditService/QueryAuditRecords"
    assert {r.role for r in POLICY.methods[audit_log].rules} == {"auditor"}
    for name, entry in POLICY.methods.items():
        if name.startswith(("gov.exchange.v1", "gov.verify.v1")) and "Query" in name:
            assert entry.personal_data, name
        for rule in entry.rules:
            if rule.reveal:
                assert entry.personal_data, f"{name} reveals personal data but is not marked"


@pytest.mark.parametrize("role", ROLES)
def test_every_method_for_every_role_is_allowed_exactly_where_the_policy_says(
    harness: Harness, role: str
) -> None:
    mistakes = []
    for holds in (True, False):
        harness.switch.holds = holds
        for method in METHODS:
            before = len(harness.recorder.calls)
            denials_before = sum(r.outcome == "PERMISSION_DENIED" for r in harness.audit.records)
            code, reply = harness.call(method, subject_of(role))
            reached = len(harness.recorder.calls) - before
            if expected_allowed(method, role, holds):
                if code != grpc.StatusCode.OK or reached != 1:
                    mistakes.append(f"{method.full} condition={holds}: {code.name}, denied?")
            else:
                denials = sum(r.outcome == "PERMISSION_DENIED" for r in harness.audit.records)
                if (
                    code != grpc.StatusCode.PERMISSION_DENIED
                    or reached
                    or reason_of(reply) not in ("ROLE_NOT_ALLOWED", "CONDITION_NOT_MET")
                    or denials != denials_before + 1
                ):
                    mistakes.append(f"{method.full} condition={holds}: {code.name}, allowed?")
    harness.switch.holds = True
    assert not mistakes, "\n".join(mistakes)


def test_a_denial_says_why_in_words_safe_to_show(harness: Harness) -> None:
    method = next(m for m in METHODS if m.name == "CreateCallingSystem")
    code, error = harness.call(method, subject_of("catalog_reader"))
    assert code == grpc.StatusCode.PERMISSION_DENIED
    assert "none of its roles (catalog_reader) is allowed" in error.details()
    harness.switch.holds = False
    method = next(m for m in METHODS if m.name == "CreateInformationResource")
    code, error = harness.call(method, subject_of("catalog_editor"))
    harness.switch.holds = True
    assert code == grpc.StatusCode.PERMISSION_DENIED
    assert "not your organisation's" in error.details() and "Traceback" not in error.details()


def test_personal_data_methods_need_the_acting_person_and_the_purpose(harness: Harness) -> None:
    method = next(m for m in METHODS if m.name == "CreateVerificationJob")
    before = len(harness.recorder.calls)
    code, error = harness.call(method, subject_of("verifier"), metadata=(("x-gov-purpose", "p"),))
    assert code == grpc.StatusCode.UNAUTHENTICATED and "x-gov-person" in error.details()
    code, error = harness.call(method, subject_of("verifier"), metadata=(("x-gov-person", "c"),))
    assert code == grpc.StatusCode.PERMISSION_DENIED and "x-gov-purpose" in error.details()
    assert len(harness.recorder.calls) == before
    catalog_read = next(m for m in METHODS if m.name == "GetOrganization")
    code, _ = harness.call(catalog_read, subject_of("catalog_reader"), metadata=())
    assert code == grpc.StatusCode.OK  # catalogue metadata is not personal data


# -- mutual TLS and the registry ------------------------------------------------------------


def _handshake_refused(harness: Harness, creds: grpc.ChannelCredentials) -> None:
    method = next(m for m in METHODS if m.name == "GetOrganization")
    with grpc.secure_channel(f"127.0.0.1:{harness.port}", creds) as channel:
        stub = channel.unary_unary(
            f"/{method.full}",
            request_serializer=method.request.SerializeToString,
            response_deserializer=method.response.FromString,
        )
        with pytest.raises(grpc.RpcError) as caught:
            stub(method.request(), metadata=METADATA, timeout=5)
    # The TLS handshake fails: the connection closes before any gRPC status exists.
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE


def _status_with(
    harness: Harness, creds: grpc.ChannelCredentials, method: Method
) -> grpc.StatusCode:
    with grpc.secure_channel(f"127.0.0.1:{harness.port}", creds) as channel:
        stub = channel.unary_unary(
            f"/{method.full}",
            request_serializer=method.request.SerializeToString,
            response_deserializer=method.response.FromString,
        )
        try:
            stub(method.request(), metadata=METADATA, timeout=5)
        except grpc.RpcError as error:
            return error.code()
    return grpc.StatusCode.OK


def test_no_client_certificate_is_refused(harness: Harness) -> None:
    before = len(harness.recorder.calls)
    _handshake_refused(harness, grpc.ssl_channel_credentials((harness.pki / "ca.crt").read_bytes()))
    assert len(harness.recorder.calls) == before


def test_a_certificate_from_another_ca_is_refused(harness: Harness) -> None:
    rogue = devpki.make_ca("rogue CA")
    cert = devpki.issue(rogue, subject_of("platform_admin"))
    creds = grpc.ssl_channel_credentials(
        (harness.pki / "ca.crt").read_bytes(), cert.key_pem, cert.cert_pem
    )
    _handshake_refused(harness, creds)


def test_an_expired_certificate_is_refused(harness: Harness) -> None:
    ca = devpki.Issued((harness.pki / "ca.crt").read_bytes(), (harness.pki / "ca.key").read_bytes())
    now = dt.datetime.now(dt.UTC)
    cert = devpki.issue(
        ca,
        subject_of("platform_admin"),
        not_before=now - dt.timedelta(days=30),
        not_after=now - dt.timedelta(days=1),
    )
    creds = grpc.ssl_channel_credentials(ca.cert_pem, cert.key_pem, cert.cert_pem)
    _handshake_refused(harness, creds)


def test_plain_text_to_the_tls_port_is_refused(harness: Harness) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{harness.port}") as channel:
        stub = channel.unary_unary("/gov.catalog.v1.CatalogService/GetOrganization")
        with pytest.raises(grpc.RpcError) as caught:
            stub(b"", timeout=5)
    assert caught.value.code() == grpc.StatusCode.UNAVAILABLE


def test_an_unregistered_subject_is_unauthenticated_and_recorded(harness: Harness) -> None:
    method = next(m for m in METHODS if m.name == "GetOrganization")
    code, error = harness.call(method, "unregistered")
    assert code == grpc.StatusCode.UNAUTHENTICATED
    assert reason_of(error) == "CALLER_NOT_REGISTERED" and "unregistered" in error.details()
    last = harness.audit.records[-1]
    assert last.actor.system == "unregistered:unregistered" and last.outcome == "UNAUTHENTICATED"


def test_a_suspended_system_is_denied(harness: Harness) -> None:
    method = next(m for m in METHODS if m.name == "GetOrganization")
    code, error = harness.call(method, "suspended")
    assert code == grpc.StatusCode.PERMISSION_DENIED and reason_of(error) == "CALLER_SUSPENDED"


def test_a_registration_takes_effect_without_a_restart(harness: Harness) -> None:
    method = next(m for m in METHODS if m.name == "CreateVerificationJob")
    code, _ = harness.call(method, "verifier-2")
    assert code == grpc.StatusCode.UNAUTHENTICATED
    register(harness.database, "verifier-2", ["verifier"])
    # A miss reloads the registry (at most once a second), so it is admitted within ~1 s.
    deadline = time.monotonic() + 3
    while (code := harness.call(method, "verifier-2")[0]) != grpc.StatusCode.OK:
        assert time.monotonic() < deadline, code
        time.sleep(0.1)


def test_a_valid_certificate_is_served_as_its_registered_system(harness: Harness) -> None:
    method = next(m for m in METHODS if m.name == "GetOrganization")
    code, _ = harness.call(method, subject_of("auditor"))
    assert code == grpc.StatusCode.OK
    last = harness.audit.records[-1]
    assert last.actor.system == f"callingSystems/{subject_of('auditor')}"
    assert last.actor.organization == ORGANIZATION and last.outcome == "OK"


def test_health_needs_no_identity_beyond_the_tls_handshake(harness: Harness) -> None:
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    with devpki.channel(harness.pki, f"127.0.0.1:{harness.port}", "unregistered") as channel:
        reply = health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service="gov.catalog.v1.CatalogService"), timeout=5
        )
    assert reply.status == health_pb2.HealthCheckResponse.SERVING


# -- limits ---------------------------------------------------------------------------------


def test_a_system_over_its_rate_gets_resource_exhausted_with_a_retry_delay(
    harness: Harness,
) -> None:
    method = next(m for m in METHODS if m.name == "GetOrganization")
    codes = []
    errors = []
    for _ in range(6):
        code, reply = harness.call(method, "slow")
        codes.append(code)
        if code != grpc.StatusCode.OK:
            errors.append(reply)
    assert grpc.StatusCode.OK in codes
    assert grpc.StatusCode.RESOURCE_EXHAUSTED in codes
    status = rpc_status.from_call(errors[0])
    retry = error_details_pb2.RetryInfo()
    assert any(d.Unpack(retry) for d in status.details) and retry.retry_delay.ToNanoseconds() > 0
    # Other systems are not slowed by one system's limit.
    assert harness.call(method, subject_of("auditor"))[0] == grpc.StatusCode.OK


# -- personal data --------------------------------------------------------------------------


def _job() -> verify_pb2.VerificationJob:
    job = verify_pb2.VerificationJob(name="organizations/test-org/verificationJobs/j1")
    job.household.members.add(citizen_id=ID_NUMBER, name=NAME)
    return job


def test_personal_fields_are_masked_unless_the_policy_reveals_them(harness: Harness) -> None:
    method = next(m for m in METHODS if m.name == "GetVerificationJob")
    harness.recorder.respond[method.full] = lambda request: _job()
    try:
        code, shown = harness.call(method, subject_of("verifier"))
        assert code == grpc.StatusCode.OK
        assert shown.household.members[0].citizen_id == ID_NUMBER
        assert shown.household.members[0].name == NAME
        code, masked = harness.call(method, subject_of("auditor"))
        assert code == grpc.StatusCode.OK
        assert masked.household.members[0].citizen_id == "110105********002X"
        assert masked.household.members[0].name == "欧***"
    finally:
        del harness.recorder.respond[method.full]


def test_errors_and_logs_do_not_echo_personal_data(
    harness: Harness, capsys: pytest.CaptureFixture[str]
) -> None:
    method = next(m for m in METHODS if m.name == "CreateVerificationJob")
    logger = logging.getLogger("govdata.test.handler")

    def refuse(request: verify_pb2.CreateVerificationJobRequest) -> Any:
        member = request.verification_job.household.members[0]
        logger.warning("member %s (%s) is not in the registry", member.name, member.citizen_id)
        raise InvalidArgument(
            FieldViolation(
                "verification_job.household.members[0]",
                f"member {member.name} with ID {member.citizen_id} is unknown",
            )
        )

    request = verify_pb2.CreateVerificationJobRequest(verification_job=_job())
    harness.recorder.respond[method.full] = refuse
    logs.configure("access", "api", "INFO")
    try:
        code, error = harness.call(method, subject_of("verifier"), request=request)
    finally:
        del harness.recorder.respond[method.full]
        logging.getLogger().handlers.clear()
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert NAME not in error.details() and ID_NUMBER not in error.details()
    assert "欧***" in error.details() and "110105********002X" in error.details()
    bad_request = error_details_pb2.BadRequest()
    status = rpc_status.from_call(error)
    assert any(d.Unpack(bad_request) for d in status.details)
    described = bad_request.field_violations[0].description
    assert NAME not in described and "欧***" in described
    printed = capsys.readouterr().out
    lines = [json.loads(line) for line in printed.splitlines() if "not in the registry" in line]
    assert lines, printed
    assert all(NAME not in line["message"] and ID_NUMBER not in line["message"] for line in lines)


def test_subject_keys_are_keyed_hashes() -> None:
    keys = privacy.SubjectKeys(b"k" * 32)
    other = privacy.SubjectKeys(b"j" * 32)
    assert keys.key_of(ID_NUMBER) == keys.key_of(ID_NUMBER.lower())
    assert keys.key_of(ID_NUMBER) != other.key_of(ID_NUMBER)
    assert len(keys.key_of(ID_NUMBER)) == 64 and ID_NUMBER not in keys.key_of(ID_NUMBER)
    with pytest.raises(ValueError, match="at least 32 bytes"):
        privacy.SubjectKeys(b"short")


def test_rotated_tls_files_take_effect_without_a_restart(harness: Harness) -> None:
    """A Secret rotation adds a new CA: its clients are admitted on their next connection."""
    method = next(m for m in METHODS if m.name == "GetOrganization")
    new_ca = devpki.make_ca("rotated CA")
    cert = devpki.issue(new_ca, subject_of("auditor"))
    creds = grpc.ssl_channel_credentials(
        (harness.pki / "ca.crt").read_bytes(), cert.key_pem, cert.cert_pem
    )
    _handshake_refused(harness, creds)
    bundle = harness.pki / "ca.crt"
    bundle.write_bytes(bundle.read_bytes() + new_ca.cert_pem)  # old and new CA, as in a rollover
    deadline = time.monotonic() + 5
    while (code := _status_with(harness, creds, method)) != grpc.StatusCode.OK:
        assert time.monotonic() < deadline, code
        time.sleep(0.2)
    # Clients of the old CA are still served.
    assert harness.call(method, subject_of("auditor"))[0] == grpc.StatusCode.OK
