"""Hostile input against the running platform: every method of every service, fuzzed.

A registered calling system holding every role of the access policy (so calls get past the
role checks and reach handlers and condition checks) sends generated requests — huge and
control-laden strings, MongoDB operators and OpenSearch syntax, boundary numbers, unknown
enum values, invalid timestamps, bogus field masks, and raw bytes that are no valid message
at all — and each answer must be one a client can act on:

* the status is OK or a clear refusal (INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED,
  FAILED_PRECONDITION, ALREADY_EXISTS, ABORTED, OUT_OF_RANGE, RESOURCE_EXHAUSTED) or
  UNIMPLEMENTED for methods not built yet — never UNKNOWN, INTERNAL, UNAVAILABLE,
  DEADLINE_EXCEEDED or DATA_LOSS;
* a refusal carries a message without traceback text, and INVALID_ARGUMENT a
  ``google.rpc.BadRequest`` naming the field;
* a refused call changed no stored document (database pictures before and after, and no
  domain event carrying its request id);
* every process is still alive and healthy at the end.

Examples per method: ``GOVDATA_FUZZ_EXAMPLES`` (10 in ``make test``, 500 in ``make fuzz``),
with a fixed seed per method, so a run is repeatable. The counts of answers per method and
status are printed at the end and written to ``$GOVDATA_HOME/reports/hostile-input.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import uuid
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest
from google.protobuf import field_mask_pb2, text_format
from google.protobuf.message import Message
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from gov.catalog.v1 import catalog_pb2 as c
from gov.catalog.v1 import catalog_pb2_grpc
from gov.common.v1 import common_pb2 as cm
from gov.search.v1 import search_pb2 as s
from govdata.runtime import devpki, policy

from ..hostile import strategies
from ..hostile.event_watch import EventWatch
from ..hostile.methods import CONTRACT_FILES, METHODS, Answer, Method, call
from ..hostile.snapshots import Picture, ServiceDatabases, candidate_ids, changes, merged
from .catalogue import credit_code, publish, resource
from .conftest import HOME, PKI, PLATFORM, PORTS, admitted_everywhere, caller, channel

# Generated requests reach megabytes by design; hypothesis warns when it prints one.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

EXAMPLES = int(os.environ.get("GOVDATA_FUZZ_EXAMPLES", "10"))
WIRE_EXAMPLES = max(3, EXAMPLES // 5)
FUZZER = "hostile-fuzzer"
FUZZER_ORGANIZATION = devpki.PLATFORM_ORGANIZATION
MONGO_URI = os.environ.get("GOVDATA_MONGO_URI", "mongodb://127.0.0.1:27027/")
AMQP_URI = os.environ.get("GOVDATA_AMQP_URI", "amqp://guest:guest@127.0.0.1:5682/")
CALL_TIMEOUT = 30.0  # seconds: a unary call still running after this is a hang

Code = grpc.StatusCode
ACCEPTABLE = frozenset(
    {
        Code.OK,
        Code.INVALID_ARGUMENT,
        Code.NOT_FOUND,
        Code.PERMISSION_DENIED,
        Code.FAILED_PRECONDITION,
        Code.ALREADY_EXISTS,
        Code.ABORTED,
        Code.OUT_OF_RANGE,
        Code.RESOURCE_EXHAUSTED,  # oversize requests, rate limits
        Code.UNIMPLEMENTED,  # methods not built yet: counted and reported
    }
)
TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "', "\n  at ")


def _suppressed() -> list[HealthCheck]:
    return [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


# -- the fuzzer's identity and its own targets -------------------------------------------


def all_roles() -> list[str]:
    """Every role of the access policy the apis enforce (the file they load)."""
    return sorted(policy.load(os.environ.get("GOVDATA_POLICY_FILE") or None).roles)


def register_fuzzer(admin: catalog_pb2_grpc.CatalogServiceStub) -> None:
    """Register ``hostile-fuzzer`` with every role (or restore it so), issue its certificate."""
    devpki.issue_to(PKI, FUZZER, hosts=("127.0.0.1",))
    wanted = c.CallingSystem(
        display_name="hostile-input fuzzer (e2e tests)",
        certificate_subject=FUZZER,
        organization=FUZZER_ORGANIZATION,
        roles=all_roles(),
        state=c.CALLING_SYSTEM_STATE_ACTIVE,
        rate_limit_per_second=10_000,  # the fuzzer calls back to back; limits are not the test
    )
    try:
        admin.CreateCallingSystem(
            c.CreateCallingSystemRequest(calling_system_id=FUZZER, calling_system=wanted),
            metadata=caller(),
        )
    except grpc.RpcError as error:
        if error.code() != Code.ALREADY_EXISTS:
            raise
        current = admin.GetCallingSystem(
            c.GetCallingSystemRequest(name=f"callingSystems/{FUZZER}"), metadata=caller()
        )
        wanted.name, wanted.etag = current.name, current.etag
        admin.UpdateCallingSystem(
            c.UpdateCallingSystemRequest(
                calling_system=wanted,
                update_mask=field_mask_pb2.FieldMask(
                    paths=["roles", "state", "rate_limit_per_second", "display_name"]
                ),
            ),
            metadata=caller(),
        )
    admitted_everywhere(FUZZER)


@dataclass
class Targets:
    """Records the fuzzer made for itself, so generated requests can name things that exist
    without touching the demo district's or other tests' data."""

    known: strategies.Known
    templates: dict[str, list[Message]]
    names: list[str]


def make_targets(catalog: catalog_pb2_grpc.CatalogServiceStub, tag: str) -> Targets:
    org = catalog.CreateOrganization(
        c.CreateOrganizationRequest(
            organization_id=f"hx-fuzz-{tag}",
            organization=c.Organization(
                display_name=f"模糊测试局{tag}",
                unified_social_credit_code=credit_code(),
                kind=c.ORGANIZATION_KIND_DEPARTMENT,
            ),
        ),
        metadata=caller(),
    )

    def new_resource(title: str) -> c.InformationResource:
        return catalog.CreateInformationResource(
            c.CreateInformationResourceRequest(
                parent=org.name,
                information_resource=resource(
                    f"{title}{tag}", f"{tag} 模糊测试", cm.SHARE_TYPE_UNCONDITIONAL, ["名称"]
                ),
            ),
            metadata=caller(),
        )

    draft = new_resource("草稿资源")
    published = publish(catalog, new_resource("已发布资源"))
    target_subject = f"hx-fuzz-target-{tag}"
    system = catalog.CreateCallingSystem(
        c.CreateCallingSystemRequest(
            calling_system_id=target_subject,
            calling_system=c.CallingSystem(
                display_name="模糊测试目标系统",
                certificate_subject=target_subject,
                organization=org.name,
                roles=["catalog_reader"],
            ),
        ),
        metadata=caller(),
    )
    known = strategies.Known(
        names={
            "catalog.govdata.internal/Organization": [org.name],
            "catalog.govdata.internal/InformationResource": [draft.name, published.name],
            "catalog.govdata.internal/CallingSystem": [system.name],
        },
        values={
            "etag": [org.etag, draft.etag, published.etag, system.etag],
            "roles": all_roles(),
            "classification_code": ["301002"],
            # ids that are taken: creates reach their "already exists" paths
            "organization_id": [org.name.rsplit("/", 1)[-1]],
            "information_resource_id": [r.name.rsplit("/", 1)[-1] for r in (draft, published)],
            "calling_system_id": [system.name.rsplit("/", 1)[-1], FUZZER],
        },
    )
    templates: dict[str, list[Message]] = defaultdict(list)

    def template(message: Message) -> None:
        templates[message.DESCRIPTOR.full_name].append(message)

    template(
        c.CreateOrganizationRequest(
            organization_id=f"hx-fuzz-{tag}-new",
            organization=c.Organization(
                display_name=f"模糊测试新局{tag}",
                unified_social_credit_code=credit_code(),
                kind=c.ORGANIZATION_KIND_INTERNAL_OFFICE,
                parent=org.name,
            ),
        )
    )
    template(
        c.UpdateOrganizationRequest(
            organization=c.Organization(name=org.name, display_name="改名", etag=org.etag),
            update_mask=field_mask_pb2.FieldMask(paths=["display_name"]),
        )
    )
    template(
        c.CreateInformationResourceRequest(
            parent=org.name,
            information_resource=resource(
                f"新资源{tag}", "模糊测试", cm.SHARE_TYPE_CONDITIONAL, ["名称", "证件号码"]
            ),
        )
    )
    template(
        c.UpdateInformationResourceRequest(
            information_resource=c.InformationResource(
                name=draft.name, abstract="新摘要", etag=draft.etag
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["abstract"]),
        )
    )
    for res in (draft, published):
        template(c.SubmitInformationResourceRequest(name=res.name, etag=res.etag))
        template(c.PublishInformationResourceRequest(name=res.name, etag=res.etag))
        template(c.RetireInformationResourceRequest(name=res.name, etag=res.etag, reason="测试"))
        template(c.DeleteInformationResourceRequest(name=res.name, etag=res.etag))
    template(
        c.CreateCallingSystemRequest(
            calling_system_id=f"hx-fuzz-new-{tag}",
            calling_system=c.CallingSystem(
                display_name="新系统",
                certificate_subject=f"hx-fuzz-new-{tag}",
                organization=org.name,
                roles=["catalog_reader"],
            ),
        )
    )
    template(
        c.UpdateCallingSystemRequest(
            calling_system=c.CallingSystem(name=system.name, display_name="改名", etag=system.etag),
            update_mask=field_mask_pb2.FieldMask(paths=["display_name"]),
        )
    )
    template(c.ListInformationResourcesRequest(parent=org.name, page_size=5))
    template(s.SearchRequest(query="不动产", page_size=5))
    return Targets(known, dict(templates), [org.name, draft.name, published.name, system.name])


# -- one call, judged --------------------------------------------------------------------


def describe(request: Message | bytes, limit: int = 3000) -> str:
    """A request in text format, long strings abbreviated, to paste into a bug report."""
    if isinstance(request, bytes):
        return f"raw bytes ({len(request)}): {request[:200].hex()}"
    copy = type(request)()
    copy.CopyFrom(request)
    _abbreviate(copy)
    text = text_format.MessageToString(copy, as_utf8=True)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} characters)"


def _abbreviate(message: Message) -> None:
    """Shorten strings past 200 characters and repeated fields past 20 elements, in place."""
    for fd, value in message.ListFields():
        if fd.message_type is not None and fd.message_type.GetOptions().map_entry:
            continue
        if fd.message_type is not None:
            for item in value if fd.is_repeated else [value]:
                _abbreviate(item)
        elif fd.is_repeated and len(value) > 20:
            kept = [_short(v) for v in value[:3]]
            del value[:]
            value.extend(kept)  # the first three of many
        elif isinstance(value, str | bytes) and len(value) > 200:
            setattr(message, fd.name, _short(value))


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 200:
        return f"{value[:20]}<…{len(value)} characters>"
    if isinstance(value, bytes) and len(value) > 200:
        return value[:20] + f"<…{len(value)} bytes>".encode()
    return value


def problems_of(answer: Answer) -> list[str]:
    """What is wrong with an answer, whatever the request was."""
    found = []
    if answer.code not in ACCEPTABLE:
        found.append(f"status {answer.code.name} is not an answer a client can act on")
    if answer.code == Code.OK:
        return found
    if not answer.details.strip():
        found.append("the error has no message")
    if any(marker in answer.details for marker in TRACEBACK_MARKERS):
        found.append("the error message carries traceback text")
    if answer.status_problem:
        found.append(f"the google.rpc.Status details disagree: {answer.status_problem}")
    if answer.code == Code.INVALID_ARGUMENT:
        fields = []
        for detail in answer.status.details if answer.status else []:
            bad = error_details_pb2.BadRequest()
            if detail.Unpack(bad):
                fields.extend(v.field for v in bad.field_violations if v.field)
        if not fields:
            found.append("INVALID_ARGUMENT without a google.rpc.BadRequest naming a field")
    return found


@dataclass
class Fuzz:
    """The fuzzer's channels, the databases it watches, and what it has seen."""

    channels: dict[str, grpc.Channel]
    databases: ServiceDatabases
    events: EventWatch
    targets: Targets
    answers: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # request id → (method, request) of every refused call, for the event check at the end
    refused: dict[str, tuple[str, str]] = field(default_factory=dict)
    patterns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    baseline: dict[str, Picture] = field(default_factory=dict)  # service → after the last call

    def metadata(self, request_id: str) -> tuple[tuple[str, str], ...]:
        return (
            ("x-gov-person", "hostile-fuzzer-person"),
            ("x-gov-purpose", "hostile-input test"),
            ("x-request-id", request_id),
        )

    def check(self, method: Method, request: Message | bytes) -> None:
        """Send one request; fail with a reproducible description if the answer is wrong."""
        service = method.service_key
        candidates = self.targets.names
        if isinstance(request, Message):
            candidates = [*candidate_ids(request, self.patterns), *candidates]
        # The small collections as the previous call left them (pictured after it), so each
        # call costs one full picture, not two; the large ones at this request's ids.
        small = self.baseline.get(service) or self.databases.picture(service)
        before = merged(small, self.databases.picture(service, candidates, small=False))
        request_id = uuid.uuid4().hex
        answer = call(
            self.channels[service],
            method,
            request,
            self.metadata(request_id),
            timeout=CALL_TIMEOUT,
        )
        self.answers[method.id][answer.code.name] += 1
        found = problems_of(answer)
        small_after = self.databases.picture(service)
        self.baseline[service] = small_after
        after = merged(small_after, self.databases.picture(service, candidates, small=False))
        if answer.code == Code.OK:
            self.databases.may_exist(service, candidates)
        else:
            self.refused[request_id] = (method.id, describe(request))
            written = changes(before, after)
            if written:
                found.append("the refused call changed stored documents: " + "; ".join(written))
        assert not found, (
            f"{method.id} answered {answer.code.name}: {answer.details[:500]!r}\n"
            + "\n".join(f"- {p}" for p in found)
            + f"\nrequest id {request_id}; request:\n{describe(request)}"
        )

    def settle(self, service: str, timeout: float = 20.0) -> None:
        """Wait until the service's small collections stop changing (events of earlier
        calls still being applied by workers would look like writes of the next call)."""
        deadline = time.monotonic() + timeout
        previous: Picture | None = None
        while time.monotonic() < deadline:
            current = self.databases.picture(service)
            if previous is not None and not changes(previous, current):
                self.baseline[service] = current
                return
            previous = current
            time.sleep(0.5)
        self.baseline.pop(service, None)


@pytest.fixture(scope="module")
def fuzz(platform, catalog, request) -> Iterator[Fuzz]:
    register_fuzzer(catalog)
    opened = {service: channel(service, FUZZER) for service in PORTS}
    fuzzer_catalog = catalog_pb2_grpc.CatalogServiceStub(opened["catalog"])
    targets = make_targets(fuzzer_catalog, uuid.uuid4().hex[:6])
    databases = ServiceDatabases(MONGO_URI)
    events = EventWatch(AMQP_URI, PORTS)
    events.start()
    patterns = strategies.resource_patterns(METHODS[0].request_class.DESCRIPTOR, CONTRACT_FILES)
    fuzz = Fuzz(opened, databases, events, targets, patterns=patterns)
    started = time.monotonic()
    yield fuzz
    events.stop()
    databases.close()
    for opened_channel in opened.values():
        opened_channel.close()
    report(request.config, fuzz, time.monotonic() - started)


def report(config: pytest.Config, fuzz: Fuzz, seconds: float) -> None:
    """Answers per method and status: printed, and kept as JSON for the record."""
    unimplemented = sorted(m for m, codes in fuzz.answers.items() if codes.get("UNIMPLEMENTED"))
    summary = {
        "examples_per_method": EXAMPLES,
        "wire_examples_per_method": WIRE_EXAMPLES,
        "seconds": round(seconds, 1),
        "answers": {m: dict(codes) for m, codes in sorted(fuzz.answers.items())},
        "unimplemented": unimplemented,
    }
    folder = HOME / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile-input.json").write_text(json.dumps(summary, indent=2) + "\n")
    terminal = config.pluginmanager.get_plugin("terminalreporter")
    if terminal is None:
        return
    terminal.write_sep("-", f"hostile input: calls per method and status ({seconds:.0f} s)")
    for method_id, codes in sorted(fuzz.answers.items()):
        counts = ", ".join(f"{code} {n}" for code, n in codes.most_common())
        terminal.write_line(f"{method_id:45} {sum(codes.values()):5}  {counts}")
    terminal.write_line(f"UNIMPLEMENTED: {', '.join(unimplemented) or 'none'}")


def run_examples(
    strategy: st.SearchStrategy[Any], examples: int, key: str, body: Callable[[Any], None]
) -> None:
    """Run ``body`` on ``examples`` draws of ``strategy``, seeded by ``key`` (repeatable)."""

    @seed(zlib.crc32(key.encode()))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=_suppressed(),
    )
    @given(strategy)
    def one(value: Any) -> None:
        body(value)

    one()


# -- the suite ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_generated_requests(fuzz: Fuzz, method: Method) -> None:
    fuzz.settle(method.service_key)
    descriptor = method.request_class.DESCRIPTOR
    strategy = strategies.messages(
        descriptor,
        known=fuzz.targets.known,
        templates=fuzz.targets.templates.get(descriptor.full_name, ()),
        files=CONTRACT_FILES,
    )
    run_examples(strategy, EXAMPLES, method.id, lambda request: fuzz.check(method, request))


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_malformed_request_bytes(fuzz: Fuzz, method: Method) -> None:
    """Bytes that are no valid message (invalid UTF-8 in a string field, truncated or
    overlong fields, wrong wire types, deep group nesting) are refused as bad input."""
    fuzz.settle(method.service_key)
    strategy = strategies.wire_payloads(method.request_class.DESCRIPTOR, CONTRACT_FILES)
    run_examples(strategy, WIRE_EXAMPLES, f"wire {method.id}", lambda raw: fuzz.check(method, raw))


# -- targeted: injection-like filters never widen a result -------------------------------

INJECTED = [
    '{"$ne": null}',
    '{"$ne": ""}',
    '{"$gt": ""}',
    '{"$regex": ".*"}',
    '{"$where": "sleep(1000)"}',
    "$ne",
    ".*",
    "*",
    "-",
]


def _stub_call(fuzz: Fuzz, service: str, name: str, request: Message) -> tuple[Code, Any]:
    method = next(m for m in METHODS if m.service_key == service and m.name == name)
    unary = fuzz.channels[service].unary_unary(
        method.path,
        request_serializer=type(request).SerializeToString,
        response_deserializer=method.response_class.FromString,
    )
    try:
        return Code.OK, unary(request, metadata=caller(), timeout=CALL_TIMEOUT)
    except grpc.RpcError as error:
        return error.code(), None


@pytest.mark.parametrize("value", INJECTED)
def test_injected_list_filters_never_list_everything(fuzz: Fuzz, value: str) -> None:
    everything = _stub_call(
        fuzz,
        "catalog",
        "ListInformationResources",
        c.ListInformationResourcesRequest(parent="organizations/-", page_size=1),
    )[1]
    assert everything.total_size > 0
    requests = [
        ("ListInformationResources", c.ListInformationResourcesRequest(parent=value)),
        (
            "ListInformationResources",
            c.ListInformationResourcesRequest(parent="organizations/-", provider=value),
        ),
        ("ListOrganizations", c.ListOrganizationsRequest(parent_organization=value)),
        ("ListCallingSystems", c.ListCallingSystemsRequest(organization=value)),
        ("ListSharingDemands", c.ListSharingDemandsRequest(parent=value)),
        ("ListDuties", c.ListDutiesRequest(parent=value)),
        ("ListInformationSystems", c.ListInformationSystemsRequest(parent=value)),
    ]
    for name, request in requests:
        code, answer = _stub_call(fuzz, "catalog", name, request)
        if code == Code.OK:
            listed = [f for f, _ in answer.ListFields() if f.is_repeated]
            total = getattr(answer, "total_size", 0)
            assert total == 0 and not any(len(getattr(answer, f.name)) for f in listed), (
                f"{name} with {describe(request)!r} listed {total} entries"
            )
        else:
            assert code in (Code.INVALID_ARGUMENT, Code.UNIMPLEMENTED, Code.NOT_FOUND), (
                f"{name} with {describe(request)!r}: {code.name}"
            )


QUERY_SYNTAX = [
    "*:*",
    "*",
    "title:(a OR b)",
    "display_name:*",
    "state:RESOURCE_STATE_DRAFT",
    '{"query": {"match_all": {}}}',
    '{"$ne": null}',
    "a OR *",
    "/.*/",
    ".*",
]


@pytest.mark.parametrize("query", QUERY_SYNTAX)
def test_query_syntax_does_not_widen_search(fuzz: Fuzz, query: str) -> None:
    """The query is text to find, not OpenSearch syntax: ``*:*`` finds no more than an
    empty query (which lists every published resource), and never a draft."""
    code, baseline = _stub_call(fuzz, "search", "Search", s.SearchRequest(page_size=1))
    assert code == Code.OK
    code, answer = _stub_call(fuzz, "search", "Search", s.SearchRequest(query=query, page_size=100))
    assert code in (Code.OK, Code.INVALID_ARGUMENT), code
    if code == Code.OK:
        assert answer.total_size < max(baseline.total_size, 2), (
            f"{query!r} found {answer.total_size} of {baseline.total_size} published resources"
        )
        drafts = fuzz.targets.known.names["catalog.govdata.internal/InformationResource"][:1]
        assert not {r.name for r in answer.results} & set(drafts)


def test_a_refused_create_of_a_taken_id_writes_nothing(fuzz: Fuzz) -> None:
    """Every collection compared in full: a create refused as ALREADY_EXISTS must not even
    use up a number of the resource-code sequence."""
    names = fuzz.targets.known.names["catalog.govdata.internal/InformationResource"]
    parent, _, taken = names[0].rpartition("/resources/")
    request = c.CreateInformationResourceRequest(
        parent=parent,
        information_resource_id=taken,
        information_resource=resource(
            "重名资源", "模糊测试", cm.SHARE_TYPE_UNCONDITIONAL, ["名称"]
        ),
    )
    before = fuzz.databases.picture("catalog", names, small_limit=10**9)
    code, _ = _stub_call(fuzz, "catalog", "CreateInformationResource", request)
    after = fuzz.databases.picture("catalog", names, small_limit=10**9)
    written = changes(before, after)
    assert code == Code.ALREADY_EXISTS
    assert not written, f"refused with ALREADY_EXISTS, yet changed {written}:\n{describe(request)}"


def test_resource_names_with_operators_are_refused_or_not_found(fuzz: Fuzz) -> None:
    for name in ("organizations/$ne", 'organizations/{"$ne": ""}', "organizations/.*"):
        code, _ = _stub_call(
            fuzz, "catalog", "GetOrganization", c.GetOrganizationRequest(name=name)
        )
        assert code in (Code.INVALID_ARGUMENT, Code.NOT_FOUND), (name, code)


# -- afterwards --------------------------------------------------------------------------


def test_zz_no_refused_call_raised_a_domain_event(fuzz: Fuzz) -> None:
    """Events are relayed asynchronously: give the relays a moment, then look."""
    time.sleep(5)
    written = {
        request_id: (method, request, fuzz.events.domain_events(request_id))
        for request_id, (method, request) in fuzz.refused.items()
        if fuzz.events.domain_events(request_id)
    }
    assert not written, "\n\n".join(
        f"{method} (request id {rid}) was refused, yet raised {events}:\n{request}"
        for rid, (method, request, events) in written.items()
    )


def test_zz_every_process_is_alive_and_healthy(fuzz: Fuzz) -> None:
    status = subprocess.run([*PLATFORM, "status"], capture_output=True, text=True, check=False)
    assert status.returncode == 0, status.stdout + status.stderr
    for service, opened in fuzz.channels.items():
        health = health_pb2_grpc.HealthStub(opened)
        answer = health.Check(health_pb2.HealthCheckRequest(service=""), timeout=10)
        assert answer.status == health_pb2.HealthCheckResponse.SERVING, service
