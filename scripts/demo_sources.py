"""Publish the demo households' provider records through svc-exchange, with the grants under
which 区民政局 verifies them: ``python scripts/demo_sources.py [--count N] [--seed S]``.

Why: the household verification (svc-verify) reads seven conditionally shared resources of
other departments through the exchange. ``make run`` should leave those resources holding
data about real-looking applicant households, and 区民政局 holding the grants to read them,
so a verification job has something to find (``make demo`` then submits some).

Steps, each idempotent:

1. Calling systems, as the platform administrator: each provider's source system of the seven
   resources (``hx-gafj-rkxt`` … role ``data_provider``) and 民政局's social-assistance
   system ``hx-mzj-shjz`` (roles ``data_consumer`` and ``verifier``), each with a certificate
   of the development PKI (``$GOVDATA_HOME/pki/<id>.crt``, issued once). A system registered
   already keeps its registration; missing roles are added.
2. Grants, per source the policy reads (svc-verify's ``govdata.verify.policy.default()``): an
   ACTIVE grant of 区民政局 for the resource that covers ``policy.items_for(source)`` and runs
   another 30 days is reused; otherwise 民政局's system files a sharing request for those items
   (duty 居民家庭经济状况核对, legal basis 《社会救助暂行办法》…, one year) and the provider's
   system approves it (a request an interrupted run left PENDING is approved instead).
3. Records: ``scripts/district/households.py`` generates the households (default 3,000, seed
   2026) and each provider's system publishes its resource's rows, at most 1000 per call,
   resources in parallel. Each batch's request id is a UUID5 of the resource and the batch's
   bytes, so a rerun (or a retried call) stores nothing twice, while changed data goes in.
4. Read back: 民政局's system looks up the flagship households' members in every source by
   QueryByKey and compares with what was generated.
5. The applications with their labels go to ``$GOVDATA_HOME/demo/households.json`` (proto
   JSON) for ``scripts/demo_verify.py``.

The apis are reached at ``$GOVDATA_CATALOG_ADDR`` / ``$GOVDATA_EXCHANGE_ADDR`` (default the
local platform's ports). A busy or restarting api (UNAVAILABLE, DEADLINE_EXCEEDED,
RESOURCE_EXHAUSTED) is retried with the same request id. Exits 1 with one line on stderr
when something is refused or a row is rejected.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import grpc
from google.protobuf import field_mask_pb2
from google.type.interval_pb2 import Interval

from gov.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from gov.exchange.v1 import exchange_pb2 as x
from gov.exchange.v1 import exchange_pb2_grpc
from govdata.runtime import devpki
from govdata.runtime.local_platform import API_PORTS
from govdata.verify import policy as verify_policy

from district import households as hh  # isort: skip  (scripts/ is on the path when run)

ROOT = Path(__file__).resolve().parents[1]
HOME = Path(os.environ.get("GOVDATA_HOME", ROOT / ".local"))
PKI = HOME / "pki"
APPLICATIONS = HOME / "demo" / "households.json"

CONSUMER = "organizations/hx-mzj"
CONSUMER_SYSTEM = "hx-mzj-shjz"
CONSUMER_INFORMATION_SYSTEM = "organizations/hx-mzj/systems/shjz"
DUTY = "organizations/hx-mzj/duties/jjhd"  # 居民家庭经济状况核对
LEGAL_BASIS = (
    "《社会救助暂行办法》（国务院令第649号）第六十条、第六十一条；"
    "《最低生活保障审核确认办法》（民发〔2021〕57号）第十七条；《滨海市居民家庭经济状况核对办法》"
)
PURPOSE = "最低生活保障申请家庭经济状况核对"
APPROVAL = "同意：限于最低生活保障家庭经济状况核对，按家庭成员证件号码逐条查询，不得转作他用"
GRANT_DAYS = 365
GRANT_MARGIN = timedelta(days=30)  # an ACTIVE grant ending sooner is not reused
PERSON = "demo"  # the acting person (x-gov-person)
BATCH_ROWS = 1000  # PublishRecords takes at most 1000 rows
QUERY_KEYS = 100  # QueryByKey takes at most 100 keys
# Publications go in parallel across resources; FerretDB writes one at a time, so more
# threads than this only queue.
PARALLEL_RESOURCES = 4
CALL_TIMEOUT_SECONDS = 120.0
ADMISSION_TIMEOUT_SECONDS = 90.0  # registry events reaching each api's copy
KNOWN_TIMEOUT_SECONDS = 90.0  # the exchange learning of a resource from catalogue events
RETRIED = frozenset(
    {
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
    }
)
RETRY_PAUSES_SECONDS = (1, 2, 4, 8, 15, 30, 30)  # about 90 s: an api restart fits in it
# Request ids of the publications: UUID5 in a namespace of their own.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://govdata.internal/demo/household-records")
T = TypeVar("T")


class SourcesError(Exception):
    """A failure reported as one line on stderr with exit status 1."""


def metadata(purpose: str) -> tuple[tuple[str, str], ...]:
    return (
        ("x-gov-person", PERSON),
        ("x-gov-purpose", purpose),
        ("x-request-id", uuid.uuid4().hex),
    )


def call(
    method: Callable[..., T],
    request: Any,
    purpose: str = "demo sources",
    handled: frozenset[grpc.StatusCode] = frozenset(),
) -> T:
    """``method(request)``, retried while the api is busy or restarting; an error whose code
    is in ``handled`` is raised to the caller, any other becomes a SourcesError."""
    path = getattr(method, "_method", b"")
    name = (path.decode() if isinstance(path, bytes) else str(path)).rsplit("/", 1)[-1]
    for pause in (*RETRY_PAUSES_SECONDS, None):
        try:
            return method(request, metadata=metadata(purpose), timeout=CALL_TIMEOUT_SECONDS)
        except grpc.RpcError as error:
            code = error.code()  # type: ignore[attr-defined]
            if code in handled:
                raise
            if code in RETRIED and pause is not None:
                time.sleep(pause)
                continue
            raise SourcesError(f"{name}: {code.name}: {error.details()}") from None  # type: ignore[attr-defined]
    raise AssertionError("unreachable")


def address(service: str) -> str:
    env = os.environ.get(f"GOVDATA_{service.upper()}_ADDR", "").strip()
    return env or f"127.0.0.1:{API_PORTS[service]}"


def opened(service: str, subject: str) -> grpc.Channel:
    channel = devpki.channel(PKI, address(service), subject)
    try:
        grpc.channel_ready_future(channel).result(timeout=10)
    except grpc.FutureTimeoutError:
        channel.close()
        raise SourcesError(
            f"the {service} api at {address(service)} is not reachable; start govdata (make run)"
        ) from None
    return channel


# -- calling systems -------------------------------------------------------------------------


@dataclass(frozen=True)
class System:
    """A calling system to register: its id is also its certificate subject."""

    id: str
    organization: str
    roles: tuple[str, ...]
    information_system: str
    display_name: str


def provider_systems(
    catalog: catalog_pb2_grpc.CatalogServiceStub, sources: Sequence[str]
) -> dict[str, System]:
    """Per source resource, the calling system of the provider's system that feeds it."""
    systems = {}
    for source in sources:
        resource = call(
            catalog.GetInformationResource, catalog_pb2.GetInformationResourceRequest(name=source)
        )
        organization = source.split("/resources/")[0]
        if not resource.source_systems:
            raise SourcesError(f"{source} names no source system in the catalogue")
        inventoried = resource.source_systems[0]
        entry = call(
            catalog.GetInformationSystem, catalog_pb2.GetInformationSystemRequest(name=inventoried)
        )
        system_id = f"{organization.split('/')[1]}-{inventoried.rsplit('/', 1)[1]}"
        systems[source] = System(
            system_id,
            organization,
            ("data_provider",),
            inventoried,
            f"{entry.display_name}（共享交换）",
        )
    return systems


def ensure_system(catalog: catalog_pb2_grpc.CatalogServiceStub, system: System) -> str:
    """Register ``system`` unless it is; "registered", "present" or "roles added"."""
    if not (PKI / f"{system.id}.crt").exists() or not (PKI / f"{system.id}.key").exists():
        devpki.issue_to(PKI, system.id, hosts=("127.0.0.1",))
    name = f"callingSystems/{system.id}"
    try:
        current = call(
            catalog.GetCallingSystem,
            catalog_pb2.GetCallingSystemRequest(name=name),
            handled=frozenset({grpc.StatusCode.NOT_FOUND}),
        )
    except grpc.RpcError:
        call(
            catalog.CreateCallingSystem,
            catalog_pb2.CreateCallingSystemRequest(
                calling_system_id=system.id,
                calling_system=catalog_pb2.CallingSystem(
                    display_name=system.display_name,
                    certificate_subject=system.id,
                    organization=system.organization,
                    roles=system.roles,
                    information_system=system.information_system,
                ),
                request_id=str(uuid.uuid5(NAMESPACE, f"calling-system/{system.id}")),
            ),
        )
        return "registered"
    if current.organization != system.organization:
        raise SourcesError(
            f"{name} is registered for {current.organization}, not {system.organization}"
        )
    missing = [role for role in system.roles if role not in current.roles]
    if not missing:
        return "present"
    call(
        catalog.UpdateCallingSystem,
        catalog_pb2.UpdateCallingSystemRequest(
            calling_system=catalog_pb2.CallingSystem(
                name=name, roles=[*current.roles, *missing], etag=current.etag
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["roles"]),
        ),
    )
    return "roles added"


def wait_admitted(subject: str, services: Sequence[str]) -> None:
    """Until every api in ``services`` knows ``subject`` (it answers other than
    UNAUTHENTICATED to a call with an empty request)."""
    probes = {"exchange": "gov.exchange.v1.ExchangeService/GetGrant"}
    probes["verify"] = "gov.verify.v1.VerificationService/GetVerificationJob"
    deadline = time.monotonic() + ADMISSION_TIMEOUT_SECONDS
    for service in services:
        with devpki.channel(PKI, address(service), subject) as channel:
            probe = channel.unary_unary(
                f"/{probes[service]}",
                request_serializer=lambda _: b"",
                response_deserializer=lambda raw: raw,
            )
            while True:
                try:
                    probe(None, metadata=metadata("admission check"), timeout=10)
                    break
                except grpc.RpcError as error:
                    code = error.code()  # type: ignore[attr-defined]
                    if code not in (grpc.StatusCode.UNAUTHENTICATED, *RETRIED):
                        break
                if time.monotonic() > deadline:
                    raise SourcesError(f"the {service} api does not admit {subject} yet")
                time.sleep(1)


# -- grants ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GrantUsed:
    source: str
    grant: str
    items: tuple[str, ...]
    how: str  # reused | approved | granted


def pages(list_call: Callable[[Any], Any], request: Any, field: str) -> Iterator[Any]:
    while True:
        response = list_call(request)
        yield from getattr(response, field)
        if not response.next_page_token:
            return
        request.page_token = response.next_page_token


def live_grant(
    as_consumer: exchange_pb2_grpc.ExchangeServiceStub, source: str, items: Sequence[str]
) -> x.Grant | None:
    """An ACTIVE grant of 区民政局 for ``source`` that covers ``items``, has no daily quota
    and runs another ``GRANT_MARGIN``: the newest filed under the demo's duty, else the
    newest of any (svc-verify, given no grants, reads under the newest live one)."""
    request = x.ListGrantsRequest(
        parent=CONSUMER, resource=source, state=x.GRANT_STATE_ACTIVE, page_size=100
    )
    soon = datetime.now(UTC) + GRANT_MARGIN
    fitting = [
        grant
        for grant in pages(lambda r: call(as_consumer.ListGrants, r), request, "grants")
        if set(items) <= set(grant.data_items)
        and not grant.daily_quota
        and grant.validity.end_time.ToDatetime(tzinfo=UTC) > soon
    ]
    if not fitting:
        return None
    return max(fitting, key=lambda g: (g.duty == DUTY, g.create_time.ToDatetime()))


def ensure_grant(
    as_consumer: exchange_pb2_grpc.ExchangeServiceStub,
    as_provider: exchange_pb2_grpc.ExchangeServiceStub,
    source: str,
    items: Sequence[str],
) -> GrantUsed:
    if (grant := live_grant(as_consumer, source, items)) is not None:
        return GrantUsed(source, grant.name, tuple(grant.data_items), "reused")
    pending = x.ListSharingRequestsRequest(
        parent=CONSUMER, resource=source, state=x.SHARING_REQUEST_STATE_PENDING, page_size=100
    )
    waiting = [
        r
        for r in pages(
            lambda r: call(as_consumer.ListSharingRequests, r), pending, "sharing_requests"
        )
        if set(items) <= set(r.data_items) and r.duty == DUTY
    ]
    filed = waiting[0] if waiting else file_request(as_consumer, source, items)
    if filed.grant:  # granted at once (an unconditionally shared resource)
        return GrantUsed(source, filed.grant, tuple(items), "granted")
    answered = approve(as_provider, filed)
    return GrantUsed(
        source, answered.grant, tuple(answered.decision.approved_data_items), "approved"
    )


def file_request(
    as_consumer: exchange_pb2_grpc.ExchangeServiceStub, source: str, items: Sequence[str]
) -> x.SharingRequest:
    start = datetime.now(UTC) - timedelta(minutes=1)
    period = Interval()
    period.start_time.FromDatetime(start)
    period.end_time.FromDatetime(start + timedelta(days=GRANT_DAYS))
    request = x.CreateSharingRequestRequest(
        parent=CONSUMER,
        sharing_request=x.SharingRequest(
            resource=source,
            data_items=list(items),
            duty=DUTY,
            legal_basis=LEGAL_BASIS,
            purpose=PURPOSE,
            period=period,
        ),
        request_id=str(uuid.uuid4()),  # one per run: retries of this call file it once
    )
    deadline = time.monotonic() + KNOWN_TIMEOUT_SECONDS
    while True:
        try:
            return call(
                as_consumer.CreateSharingRequest,
                request,
                handled=frozenset({grpc.StatusCode.FAILED_PRECONDITION}),
            )
        except grpc.RpcError as error:
            # the exchange has not yet heard of the resource from the catalogue's events
            if time.monotonic() > deadline:
                raise SourcesError(f"CreateSharingRequest {source}: {error.details()}") from None  # type: ignore[attr-defined]
            time.sleep(2)


def approve(
    as_provider: exchange_pb2_grpc.ExchangeServiceStub, request: x.SharingRequest
) -> x.SharingRequest:
    """Approve all items asked, for the period asked, as the provider."""
    current = request
    for _ in range(5):
        try:
            return call(
                as_provider.ApproveSharingRequest,
                x.ApproveSharingRequestRequest(
                    name=current.name, etag=current.etag, reason=APPROVAL
                ),
                handled=frozenset({grpc.StatusCode.ABORTED}),
            )
        except grpc.RpcError:  # changed since read (the escalation sweep?): read it again
            current = call(
                as_provider.GetSharingRequest, x.GetSharingRequestRequest(name=current.name)
            )
            if current.grant:
                return current
    raise SourcesError(f"{request.name} keeps changing under the script; run it again")


# -- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    resource: str
    rows: int
    batches: int
    accepted: int
    rejected: tuple[str, ...]  # "row key: field: reason", at most a few
    seconds: float


def batch_request_id(resource: str, records: Sequence[x.Record]) -> str:
    """The same rows for the same resource give the same id: a rerun stores nothing twice."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(record.SerializeToString(deterministic=True))
    return str(uuid.uuid5(NAMESPACE, f"{resource}|{digest.hexdigest()}"))


def publish(
    as_provider: exchange_pb2_grpc.ExchangeServiceStub, resource: str, records: list[x.Record]
) -> Published:
    started = time.monotonic()
    accepted, rejected, batches = 0, [], 0
    for start in range(0, len(records), BATCH_ROWS):
        batch = records[start : start + BATCH_ROWS]
        response = call(
            as_provider.PublishRecords,
            x.PublishRecordsRequest(
                resource=resource, records=batch, request_id=batch_request_id(resource, batch)
            ),
            purpose="demo data publication",
        )
        batches += 1
        accepted += response.accepted_count
        rejected += [
            f"{batch[r.row_index].key}: {r.field}: {r.reason}" for r in response.rejected[:3]
        ]
    return Published(
        resource, len(records), batches, accepted, tuple(rejected), time.monotonic() - started
    )


def read_back(
    as_consumer: exchange_pb2_grpc.ExchangeServiceStub,
    grants: dict[str, GrantUsed],
    member_items: dict[str, str],
    chosen: Sequence[hh.DemoHousehold],
) -> dict[str, tuple[int, int]]:
    """Per source: (records found, records generated) for ``chosen``'s members."""
    ids = [m.citizen_id for h in chosen for m in h.application.members][:QUERY_KEYS]
    asked = set(ids)
    counts = {}
    for source, grant in grants.items():
        expected = sum(
            1 for h in chosen for r in h.records[source] if r.fields[member_items[source]] in asked
        )
        response = call(
            as_consumer.QueryByKey,
            x.QueryByKeyRequest(
                grant=grant.grant, resource=source, keys=ids, key_item=member_items[source]
            ),
            purpose="dibao demo read-back check",
        )
        counts[source] = (len(response.records), expected)
    return counts


# -- main ------------------------------------------------------------------------------------


def short(resource: str) -> str:
    return resource.rsplit("/", 1)[-1]


def run(count: int, seed: int) -> list[str]:
    """Do it all; the summary's lines."""
    started = time.monotonic()
    policy = verify_policy.default()
    sources = list(policy.sources)
    unknown = sorted(set(sources) - set(hh.RESOURCES))
    if unknown:
        raise SourcesError(f"the policy reads sources the generator does not make: {unknown}")
    member_items = {rule.source: rule.member_item for rule in policy.rules}

    generated = time.monotonic()
    households = hh.generate(count, seed)
    records = hh.records_by_resource(households)
    hh.write_applications(APPLICATIONS, households, seed)
    generated = time.monotonic() - generated

    with opened("catalog", devpki.ADMIN) as admin_channel:
        catalog = catalog_pb2_grpc.CatalogServiceStub(admin_channel)
        providers = provider_systems(catalog, sources)
        consumer = System(
            CONSUMER_SYSTEM,
            CONSUMER,
            ("data_consumer", "verifier"),
            CONSUMER_INFORMATION_SYSTEM,
            "海新区社会救助管理信息系统（低保核对）",
        )
        systems = {s.id: s for s in [consumer, *providers.values()]}
        registered = Counter(ensure_system(catalog, s) for s in systems.values())
    for system in systems.values():
        wait_admitted(system.id, ["exchange", "verify"] if system is consumer else ["exchange"])

    channels = {s: opened("exchange", s) for s in systems}
    try:
        stubs = {s: exchange_pb2_grpc.ExchangeServiceStub(c) for s, c in channels.items()}
        as_consumer = stubs[CONSUMER_SYSTEM]
        grant_started = time.monotonic()
        grants = {
            source: ensure_grant(
                as_consumer, stubs[providers[source].id], source, policy.items_for(source)
            )
            for source in sources
        }
        grant_seconds = time.monotonic() - grant_started
        publish_started = time.monotonic()
        with ThreadPoolExecutor(PARALLEL_RESOURCES) as pool:
            # the largest resources first, so the pool finishes together
            order = sorted(hh.RESOURCES, key=lambda r: -len(records[r]))
            futures = [
                pool.submit(publish, stubs[providers[r].id], r, records[r])
                for r in order
                if records[r] and r in providers
            ]
            published = [future.result() for future in futures]
        publish_seconds = time.monotonic() - publish_started
        checked = read_back(as_consumer, grants, member_items, hh.flagship(households))
    finally:
        for channel in channels.values():
            channel.close()

    profiles = Counter(h.profile for h in households)
    planted = ", ".join(f"{kind} {profiles[kind]}" for kind in hh.PLANTED)
    lines = [
        f"demo sources: {len(households)} households (seed {seed}): "
        f"{profiles[hh.LOW_INCOME]} low-income truthful (PASS), "
        f"{profiles[hh.ABOVE_STANDARD]} above the standard (FAIL), planted: {planted}",
        f"  applications: {APPLICATIONS} (generated in {generated:.1f} s)",
        "  calling systems: "
        + ", ".join(sorted(systems))
        + " ("
        + ", ".join(f"{n} {how}" for how, n in sorted(registered.items()))
        + ")",
        f"  grants to {CONSUMER} ({grant_seconds:.1f} s):",
    ]
    lines += [
        f"    {short(g.source):32} {g.grant} [{', '.join(g.items)}] {g.how}"
        for g in grants.values()
    ]
    total_rows = sum(p.rows for p in published)
    total_batches = sum(p.batches for p in published)
    lines.append(
        f"  records: {total_rows} in {total_batches} batches, published in "
        f"{publish_seconds:.1f} s ({PARALLEL_RESOURCES} resources at a time):"
    )
    lines += [
        f"    {short(p.resource):32} {p.rows:6} rows, {p.batches} batches, {p.seconds:5.1f} s"
        for p in sorted(published, key=lambda p: hh.RESOURCES.index(p.resource))
    ]
    lines.append(
        "  read back (flagship households' members by QueryByKey): "
        + ", ".join(f"{short(s)} {found}/{wanted}" for s, (found, wanted) in checked.items())
    )
    lines.append(f"  total {time.monotonic() - started:.1f} s")
    problems = [f"{short(p.resource)}: {r}" for p in published for r in p.rejected]
    problems += [
        f"{short(p.resource)}: {p.rows - p.accepted} rows not stored"
        for p in published
        if p.accepted != p.rows and not p.rejected
    ]
    problems += [
        f"{short(s)}: read back {found} records, generated {wanted}"
        for s, (found, wanted) in checked.items()
        if found != wanted
    ]
    if problems:
        raise SourcesError("; ".join(problems[:10]) + "\n" + "\n".join(lines))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=hh.DEFAULT_COUNT, help="households")
    parser.add_argument("--seed", type=int, default=hh.DEFAULT_SEED, help="generator seed")
    args = parser.parse_args(argv)
    try:
        lines = run(args.count, args.seed)
    except SourcesError as exc:
        print(f"demo_sources: {exc}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
