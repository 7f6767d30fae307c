"""Load the demo catalogue into a running svc-catalog: ``python scripts/demo.py [file]``.

Why: ``make run`` should leave a catalogue worth exploring, not an empty one. The demo is a
fictional district (滨海市海新区): its department tree, the duties of each department, the
information systems of the inventory (with a few zombie and shadow systems to find), over 300
information resources — the base libraries and the sources the household verification reads —
all PUBLISHED so search and exchange have something to find, and the departments' sharing
demands. ``demo_catalogue.json`` holds the Create requests themselves in proto JSON, parsed
straight into the contract messages; ``scripts/generate_demo.py`` writes it from the tables in
``scripts/district/``.

Order: organisations (parents first), duties, systems, the duties' links to their systems,
resources, demands. Duties and systems name each other, so duties are created without their
``systems``, the systems after them (naming the duties they serve), and then each duty gets its
``systems`` by update. Resources are created one by one in file order (the service numbers
their codes); a resource's related resources are named in the file, earlier, and their codes
are filled in at creation. The systems' last-used times are the inventory's (``inventoryDate``
in the file); they are moved forward by the days since then, so the demo's systems in daily use
do not turn into idle ones as the calendar moves on.

Idempotent: ids are fixed in the file; what exists already is left as it is (``--update``
rewrites the fields that differ from the file instead), a duty an interrupted run left without
its systems gets them, and a resource left unpublished is taken on through submit and publish.
Methods the catalogue does not implement yet (UNIMPLEMENTED) are skipped with a warning, and
what depends on them with them. At the end everything is listed back and the summary counts
from that read, not from the answers. The catalogue api is at ``$GOVDATA_CATALOG_ADDR``
(default 127.0.0.1:20051); exits 1 with one line on stderr when it is not reachable or refuses
an entry.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

import grpc
from google.protobuf import field_mask_pb2, json_format
from google.protobuf.message import Message
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gov.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from govdata.runtime import devpki

DEFAULT_ADDRESS = "127.0.0.1:20051"
DEFAULT_FILE = Path(__file__).resolve().with_name("demo_catalogue.json")
PKI = Path(os.environ.get("GOVDATA_HOME", Path(__file__).resolve().parents[1] / ".local")) / "pki"
PERSON = "demo"
CONNECT_TIMEOUT_SECONDS = 5.0
CALL_TIMEOUT_SECONDS = 60.0  # a create checks the whole catalogue: slow on FerretDB
MAX_LIFECYCLE_STEPS = 6  # draft → submitted → published, with room for a few concurrent moves
PARALLEL_CALLS = 4  # FerretDB on SQLite writes one at a time: more only queue (and time out)
SETTLE_ROUNDS = 3  # publish, read back, publish again what fell back: at most this often
SETTLE_PAUSE_SECONDS = 1.0
LIST_PAGE_SIZE = 500  # few, big pages: on FerretDB a page costs about the whole listing
BUSY_RETRIES = 4  # a busy answer is retried this often, waiting 2, 4, 6 and 8 s

State = catalog_pb2.ResourceState
Code = grpc.StatusCode
NOT_FOUND = frozenset({Code.NOT_FOUND})
# The field a refused authoritative claim (one datum, one source) is reported on.
CLAIM = re.compile(r"information_resource\.data_items\[(\d+)\]\.authoritative")
# Answers that mean "busy, try again": the caller's rate limit, the store timing out.
RETRIED = frozenset({Code.RESOURCE_EXHAUSTED, Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED})
M = TypeVar("M", bound=Message)

# The step that takes a resource in a given state one step closer to PUBLISHED.
NEXT_STEP: dict[int, tuple[str, type[Message]]] = {
    State.RESOURCE_STATE_DRAFT: (
        "SubmitInformationResource",
        catalog_pb2.SubmitInformationResourceRequest,
    ),
    State.RESOURCE_STATE_SUBMITTED: (
        "PublishInformationResource",
        catalog_pb2.PublishInformationResourceRequest,
    ),
}


class LoadError(Exception):
    """A failure reported as one line on stderr with exit status 1."""


class Refused(Exception):
    """The api answered a call with a status code the caller chose to handle."""

    def __init__(self, code: grpc.StatusCode, details: str, fields: tuple[str, ...] = ()) -> None:
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details
        self.fields = fields  # the fields a BadRequest detail names


def bad_fields(call: grpc.Call) -> tuple[str, ...]:
    """The fields named by the ``google.rpc.BadRequest`` detail of a refused call."""
    try:
        status = rpc_status.from_call(call)
    except ValueError:
        return ()
    fields: list[str] = []
    for detail in status.details if status is not None else ():
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields += [violation.field for violation in bad.field_violations]
    return tuple(fields)


# -- the kinds of entries ----------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """How one kind of catalogue entry is created, listed, read and updated."""

    label: str  # plural, for messages: "duties"
    section: str  # key of the file's section
    create: str
    request: type[Message]  # the Create request type
    id_field: str  # request field holding the id
    body: str  # request field holding the entry
    get: str
    get_request: type[Message]
    list: str
    list_request: type[Message]
    list_field: str
    update: str
    update_request: type[Message]
    collection: str  # "duties" in organizations/{org}/duties/{id}; "" for organisations
    # Fields the loader manages itself or that change by nature, never compared with the file.
    unmanaged: frozenset[str] = frozenset()
    # Fields the service never changes after creation (--update cannot bring them in line).
    immutable: frozenset[str] = frozenset()

    def name(self, request: Message) -> str:
        entry_id = getattr(request, self.id_field)
        if not self.collection:
            return f"organizations/{entry_id}"
        return f"{cast(Any, request).parent}/{self.collection}/{entry_id}"

    def entry(self, request: Message) -> Message:
        return cast(Message, getattr(request, self.body))


c = catalog_pb2
ORGANIZATIONS = Kind(
    "organisations", "organizations", "CreateOrganization", c.CreateOrganizationRequest,
    "organization_id", "organization", "GetOrganization", c.GetOrganizationRequest,
    "ListOrganizations", c.ListOrganizationsRequest, "organizations",
    "UpdateOrganization", c.UpdateOrganizationRequest, "",
)  # fmt: skip
DUTIES = Kind(
    "duties", "duties", "CreateDuty", c.CreateDutyRequest, "duty_id", "duty", "GetDuty",
    c.GetDutyRequest, "ListDuties", c.ListDutiesRequest, "duties", "UpdateDuty",
    c.UpdateDutyRequest, "duties", frozenset({"systems"}),
)  # fmt: skip
SYSTEMS = Kind(
    "systems", "informationSystems", "CreateInformationSystem",
    c.CreateInformationSystemRequest, "information_system_id", "information_system",
    "GetInformationSystem", c.GetInformationSystemRequest, "ListInformationSystems",
    c.ListInformationSystemsRequest, "information_systems", "UpdateInformationSystem",
    c.UpdateInformationSystemRequest, "systems", frozenset({"last_used_time"}),
)  # fmt: skip
RESOURCES = Kind(
    "resources", "informationResources", "CreateInformationResource",
    c.CreateInformationResourceRequest, "information_resource_id", "information_resource",
    "GetInformationResource", c.GetInformationResourceRequest, "ListInformationResources",
    c.ListInformationResourcesRequest, "information_resources", "UpdateInformationResource",
    c.UpdateInformationResourceRequest, "resources", frozenset(),
    frozenset({"classification"}),  # the resource code is derived from it
)  # fmt: skip
DEMANDS = Kind(
    "demands", "sharingDemands", "CreateSharingDemand", c.CreateSharingDemandRequest,
    "sharing_demand_id", "sharing_demand", "GetSharingDemand", c.GetSharingDemandRequest,
    "ListSharingDemands", c.ListSharingDemandsRequest, "sharing_demands",
    "UpdateSharingDemand", c.UpdateSharingDemandRequest, "demands",
)  # fmt: skip
KINDS = (ORGANIZATIONS, DUTIES, SYSTEMS, RESOURCES, DEMANDS)


# -- the file --------------------------------------------------------------------------------


@dataclass
class Catalogue:
    """The demo catalogue's requests, in the order they are applied."""

    requests: dict[str, list[Message]]  # by Kind.section
    related: dict[str, list[str]] = field(default_factory=dict)  # resource → earlier resources
    inventory_date: date | None = None

    def of(self, kind: Kind) -> list[Message]:
        return self.requests[kind.section]


def _parse(entries: Iterable[Any], message_type: type[M], where: str) -> list[M]:
    parsed = []
    for i, entry in enumerate(entries):
        try:
            parsed.append(json_format.ParseDict(entry, message_type()))
        except json_format.ParseError as exc:
            raise LoadError(f"{where}[{i}]: {exc}") from None
    return parsed


def _parents_first(
    requests: list[catalog_pb2.CreateOrganizationRequest],
) -> list[catalog_pb2.CreateOrganizationRequest]:
    """Order organisations so each comes after its parent (a parent outside the file must exist)."""
    in_file = {f"organizations/{r.organization_id}" for r in requests}
    placed: set[str] = set()
    ordered: list[catalog_pb2.CreateOrganizationRequest] = []
    pending = list(requests)
    while pending:
        ready = [
            r
            for r in pending
            if r.organization.parent not in in_file or r.organization.parent in placed
        ]
        if not ready:
            ids = ", ".join(r.organization_id for r in pending)
            raise LoadError(f"the parents of these organisations form a cycle: {ids}")
        ordered.extend(ready)
        placed.update(f"organizations/{r.organization_id}" for r in ready)
        pending = [r for r in pending if f"organizations/{r.organization_id}" not in placed]
    return ordered


def read_catalogue(path: Path) -> Catalogue:
    """The requests of a demo catalogue file, organisations parents first."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LoadError(f"cannot read the demo catalogue {path}: {exc}") from None
    requests: dict[str, list[Message]] = {}
    for kind in KINDS:
        parsed = _parse(data.get(kind.section, []), kind.request, f"{path.name}: {kind.section}")
        requests[kind.section] = cast(list[Message], parsed)
    requests[ORGANIZATIONS.section] = cast(
        list[Message],
        _parents_first(
            cast(list[catalog_pb2.CreateOrganizationRequest], requests["organizations"])
        ),
    )
    related = data.get("relatedResources", {})
    order = {RESOURCES.name(r): i for i, r in enumerate(requests[RESOURCES.section])}
    for name, others in related.items():
        for other in others:
            if order.get(other, len(order)) >= order.get(name, -1):
                raise LoadError(
                    f"{path.name}: relatedResources: {name} names {other}, which is not a "
                    "resource listed before it"
                )
    inventory = data.get("inventoryDate")
    try:
        inventory_date = date.fromisoformat(inventory) if inventory else None
    except ValueError:
        raise LoadError(f"{path.name}: inventoryDate {inventory!r} is not a date") from None
    return Catalogue(requests, related, inventory_date)


def rebased_last_use(
    request: catalog_pb2.CreateInformationSystemRequest, inventory: date | None, today: date
) -> catalog_pb2.CreateInformationSystemRequest:
    """The request with its last-used time moved forward by the days since the inventory."""
    system = request.information_system
    if inventory is None or today <= inventory or not system.HasField("last_used_time"):
        return request
    moved = catalog_pb2.CreateInformationSystemRequest()
    moved.CopyFrom(request)
    used = system.last_used_time.ToDatetime(tzinfo=UTC) + timedelta(days=(today - inventory).days)
    moved.information_system.last_used_time.FromDatetime(used)
    return moved


def differing_fields(kind: Kind, wanted: Message, stored: Message) -> list[str]:
    """Top-level fields the file sets whose stored value differs (what ``--update`` writes)."""
    paths = []
    for descriptor, value in wanted.ListFields():
        if descriptor.name in kind.unmanaged:
            continue
        current = getattr(stored, descriptor.name)
        same = list(value) == list(current) if descriptor.is_repeated else value == current
        if not same:
            paths.append(descriptor.name)
    return paths


# -- the api ---------------------------------------------------------------------------------


def connect(address: str) -> grpc.Channel:
    """A channel that is known to be connected, or a LoadError naming the address."""
    # As the bootstrap administrator of the development PKI (mutual TLS, see make pki).
    channel = devpki.channel(PKI, address, devpki.ADMIN)
    try:
        grpc.channel_ready_future(channel).result(timeout=CONNECT_TIMEOUT_SECONDS)
    except grpc.FutureTimeoutError:
        channel.close()
        raise LoadError(
            f"the catalogue api at {address} is not reachable (no connection within "
            f"{CONNECT_TIMEOUT_SECONDS:g} s); start govdata (make run) or set GOVDATA_CATALOG_ADDR"
        ) from None
    return channel


@dataclass
class Tally:
    """What the loader did with one kind of entry."""

    created: int = 0
    present: int = 0
    updated: int = 0
    differing: list[str] = field(default_factory=list)  # present, unlike the file, left as is
    fixed: list[str] = field(default_factory=list)  # unlike the file in an immutable field
    skipped: str = ""  # why the kind was not loaded (the method is not implemented)


class Loader:
    """Creates what is missing, finishes what an earlier run left half done, and counts."""

    def __init__(self, channel: grpc.Channel, address: str, update: bool = False) -> None:
        self.stub = catalog_pb2_grpc.CatalogServiceStub(channel)
        self.address = address
        self.update = update
        self.tally = {kind.section: Tally() for kind in KINDS}
        self.lock = threading.Lock()  # the tallies are counted from several threads
        self.yielded: list[str] = []  # authoritative claims left out: another provider holds them
        # Each kind's last listing, and the kinds this run wrote to since: an unchanged listing
        # is still what the catalogue holds (listing resources costs seconds on FerretDB).
        self.listed: dict[str, dict[str, Message]] = {}
        self.wrote: set[str] = set()
        self.linked = 0  # duties given their systems by this run
        self.finished = 0  # resources an earlier run left unpublished, published by this one
        self.fell_back: set[str] = set()  # confirmed PUBLISHED, later read back as not
        self.states: dict[str, int] = {}  # each resource's state as last seen
        self.created_names: set[str] = set()  # resources to read back once published

    def _call(
        self,
        method: str,
        request: Message,
        subject: str,
        handle: frozenset[grpc.StatusCode] = frozenset(),
    ) -> Any:
        # Creates carry fixed ids from the data file, so a rerun is harmless without AIP-155
        # request ids; the x-request-id only correlates logs and audit records.
        for attempt in range(BUSY_RETRIES + 1):
            metadata = (("x-gov-person", PERSON), ("x-request-id", secrets.token_hex(16)))
            try:
                return getattr(self.stub, method)(
                    request, metadata=metadata, timeout=CALL_TIMEOUT_SECONDS
                )
            except grpc.RpcError as exc:
                call = cast(grpc.Call, exc)
                code, details = call.code(), call.details() or ""
                if code in RETRIED and attempt < BUSY_RETRIES:
                    # Over the caller's rate limit, or the store slow to answer ("retry later"):
                    # wait and call again. A create that did land answers ALREADY_EXISTS the
                    # second time, an update or transition ABORTED (the etag moved on); both
                    # are handled as "someone got there first".
                    time.sleep(2.0 * (attempt + 1))
                    continue
                if code in handle:
                    raise Refused(code, details, bad_fields(call)) from None
                if code in (Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED):
                    raise LoadError(
                        f"the catalogue api at {self.address} failed {method} for "
                        f"{subject}: {code.name}: {details}"
                    ) from None
                raise LoadError(f"{method} {subject}: {code.name}: {details}") from None
        raise AssertionError("unreachable")

    # -- reading what is there ---------------------------------------------------------------

    def existing(self, kind: Kind) -> dict[str, Message] | None:
        """Every entry of ``kind`` in the catalogue by name; None when listing is not built."""
        found: dict[str, Message] = {}
        token = ""
        while True:
            request = kind.list_request(page_size=LIST_PAGE_SIZE, page_token=token)
            if kind is not ORGANIZATIONS:
                cast(Any, request).parent = "organizations/-"
            try:
                page = self._call(kind.list, request, kind.label, frozenset({Code.UNIMPLEMENTED}))
            except Refused:
                return None
            for entry in getattr(page, kind.list_field):
                found[entry.name] = entry
            token = page.next_page_token
            if not token:
                with self.lock:
                    self.listed[kind.section] = found
                    self.wrote.discard(kind.section)
                return found

    def fetch(self, kind: Kind, names: Iterable[str]) -> dict[str, Message]:
        """The entries of ``kind`` with these names that exist, read one by one.

        For resources: a catalogue that holds more than the demo (every end-to-end run adds
        some) lists slowly on FerretDB, which reads each document of the collection for a
        page, while a read by name stays fast; so the loader reads the demo's resources by
        name rather than list them all."""

        def get(name: str) -> tuple[str, Message | None]:
            try:
                entry = self._call(kind.get, kind.get_request(name=name), name, NOT_FOUND)
            except Refused:
                return name, None
            return name, cast(Message, entry)

        with ThreadPoolExecutor(PARALLEL_CALLS) as pool:
            found = {name: entry for name, entry in pool.map(get, names) if entry is not None}
        with self.lock:
            self.listed[kind.section] = found
            self.wrote.discard(kind.section)
        return found

    def wrote_to(self, kind: Kind) -> None:
        """Note that this run changed entries of ``kind`` since it last listed them."""
        with self.lock:
            self.wrote.add(kind.section)

    def skip(self, kind: Kind, why: str) -> None:
        self.tally[kind.section].skipped = why

    def supported(self, kind: Kind) -> bool:
        return not self.tally[kind.section].skipped

    # -- creating ----------------------------------------------------------------------------

    def count(self, kind: Kind, what: str, name: str = "") -> None:
        if what in ("created", "updated"):
            self.wrote_to(kind)
        with self.lock:
            tally = self.tally[kind.section]
            if what in ("differing", "fixed"):
                getattr(tally, what).append(name)
            else:
                setattr(tally, what, getattr(tally, what) + 1)

    def ensure(
        self,
        kind: Kind,
        request: Message,
        stored: dict[str, Message],
    ) -> tuple[Message | None, bool]:
        """The entry as created now (True) or as found (False); None when ``kind`` turned out
        to be unimplemented."""
        name = kind.name(request)
        if name not in stored:
            handled = frozenset({Code.ALREADY_EXISTS, Code.UNIMPLEMENTED, Code.INVALID_ARGUMENT})
            try:
                try:
                    created = self._call(kind.create, request, name, handled)
                except Refused as refused:
                    if refused.code != Code.INVALID_ARGUMENT:
                        raise
                    # A datum another provider already claims (a catalogue that is not only the
                    # demo's): catalogue ours as a copy rather than not at all, and say so.
                    request = self.without_claims(kind, request, name, refused)
                    created = self._call(kind.create, request, name, handled)
                self.count(kind, "created")
                return cast(Message, created), True
            except Refused as refused:
                if refused.code == Code.UNIMPLEMENTED:
                    self.skip(kind, f"{kind.create} is not implemented by the catalogue")
                    return None, False
                if refused.code == Code.INVALID_ARGUMENT:
                    raise LoadError(f"{kind.create} {name}: {refused}") from None
                conflict = refused
            # ALREADY_EXISTS is about the id or a unique field (a credit code, a resource code);
            # only the id means "loaded before" (e.g. by a run racing this one).
            try:
                found = self._call(kind.get, kind.get_request(name=name), name, NOT_FOUND)
            except Refused:
                raise LoadError(f"{kind.create} {name}: {conflict}") from None
            stored[name] = cast(Message, found)
        self.count(kind, "present")
        current = stored[name]
        wanted = kind.entry(request)
        paths = differing_fields(kind, wanted, current)
        if not paths:
            return current, False
        if kind.immutable & set(paths):
            self.count(kind, "fixed", name)  # only re-creating the entry would change these
            paths = [path for path in paths if path not in kind.immutable]
            if not paths:
                return current, False
        if not self.update:
            self.count(kind, "differing", name)
            return current, False
        patch = type(current)()
        patch.CopyFrom(wanted)
        cast(Any, patch).name = name
        cast(Any, patch).etag = cast(Any, current).etag
        update = kind.update_request(update_mask=field_mask_pb2.FieldMask(paths=paths))
        getattr(update, kind.body).CopyFrom(patch)
        handled = frozenset({Code.INVALID_ARGUMENT})
        try:
            updated = self._call(kind.update, update, name, handled)
        except Refused as refused:
            update = self.without_claims(kind, update, name, refused)
            try:
                updated = self._call(kind.update, update, name, handled)
            except Refused as again:
                raise LoadError(f"{kind.update} {name}: {again}") from None
        self.count(kind, "updated")
        return cast(Message, updated), False

    def without_claims(self, kind: Kind, request: M, name: str, refused: Refused) -> M:
        """``request`` (a create or update of a resource) without the authoritative claims
        the api refused, or a LoadError when it refused anything else."""
        claims = [CLAIM.fullmatch(field) for field in refused.fields]
        if kind is not RESOURCES or not claims or not all(claims):
            raise LoadError(f"{name}: {refused}")
        copy = type(request)()
        copy.CopyFrom(request)
        for match in cast(list[re.Match[str]], claims):
            item = cast(Any, copy).information_resource.data_items[int(match.group(1))]
            item.authoritative = False
            with self.lock:
                self.yielded.append(f"{item.name} ({name})")
        return copy

    def load_kind(
        self,
        kind: Kind,
        requests: list[Message],
        prepare: Callable[[Message], Message] = lambda r: r,
        parallel: bool = True,
    ) -> dict[str, Message]:
        """Ensure every request's entry exists; the entries by name (empty when skipped)."""
        if not requests:
            return {}
        stored = self.existing(kind)
        if stored is None:
            self.skip(kind, f"{kind.list} is not implemented by the catalogue")
            return {}
        entries: dict[str, Message] = {}

        def one(request: Message) -> None:
            if not self.supported(kind):
                return
            entry, _created = self.ensure(kind, prepare(request), stored)
            if entry is not None:
                entries[kind.name(request)] = entry

        if parallel:
            with ThreadPoolExecutor(PARALLEL_CALLS) as pool:
                list(pool.map(one, requests))
        else:
            for request in requests:
                one(request)
        return entries

    def link_duties(
        self, requests: list[catalog_pb2.CreateDutyRequest], duties: dict[str, Message]
    ) -> None:
        """Give each duty the systems the file names for it, where the catalogue has none yet
        (this run created it, or an earlier one stopped before linking)."""

        def link(request: catalog_pb2.CreateDutyRequest) -> None:
            name = DUTIES.name(request)
            duty = cast(catalog_pb2.Duty, duties.get(name))
            if duty is None or not request.duty.systems or duty.systems:
                return  # nothing to link, or linked already (by us, the service or a person)
            for _ in range(MAX_LIFECYCLE_STEPS):
                patch = catalog_pb2.Duty(name=name, etag=duty.etag, systems=request.duty.systems)
                try:
                    self._call(
                        "UpdateDuty",
                        catalog_pb2.UpdateDutyRequest(
                            duty=patch, update_mask=field_mask_pb2.FieldMask(paths=["systems"])
                        ),
                        name,
                        frozenset({Code.ABORTED}),
                    )
                except Refused:  # changed since read (perhaps by our own retried call): reread
                    duty = self._call("GetDuty", catalog_pb2.GetDutyRequest(name=name), name)
                    if duty.systems:
                        return
                    continue
                with self.lock:
                    self.linked += 1
                self.wrote_to(DUTIES)
                return
            raise LoadError(f"{name} keeps changing under the loader; run it again")

        with ThreadPoolExecutor(PARALLEL_CALLS) as pool:
            list(pool.map(link, requests))

    def resources(
        self,
        requests: list[catalog_pb2.CreateInformationResourceRequest],
        related: dict[str, list[str]],
    ) -> list[catalog_pb2.InformationResource]:
        """Create the missing resources one by one, in file order: a fresh catalogue numbers
        the resource codes the same way every time, and the codes of related resources (listed
        earlier) are known when a resource names them. Not in parallel: the service checks
        each authoritative claim against the whole catalogue under one lock, so concurrent
        creates only queue behind each other until their deadlines pass."""
        stored = self.fetch(RESOURCES, [RESOURCES.name(r) for r in requests])
        codes = {
            name: cast(catalog_pb2.InformationResource, entry).resource_code
            for name, entry in stored.items()
        }
        result = []
        for listed in requests:
            name = RESOURCES.name(listed)
            request = listed
            if related.get(name):
                request = catalog_pb2.CreateInformationResourceRequest()
                request.CopyFrom(listed)
                request.information_resource.related_resource_codes[:] = [
                    codes[other] for other in related[name] if codes.get(other)
                ]
            entry, new = self.ensure(RESOURCES, request, stored)
            if entry is None:
                raise LoadError("CreateInformationResource is not implemented by the catalogue")
            resource = cast(catalog_pb2.InformationResource, entry)
            codes[name] = resource.resource_code
            if new:
                self.created_names.add(name)
            elif resource.state in NEXT_STEP:
                self.finished += 1
            self.states[name] = resource.state
            result.append(resource)
        return result

    def publish(self, resources: list[catalog_pb2.InformationResource]) -> None:
        """Take every resource to PUBLISHED, then read back what was written and check it.

        The api's answer is not the last word: a store that loses concurrent updates (FerretDB
        1.x against the outbox relay's writes) can undo a confirmed transition. Counting from
        a fresh read keeps the summary true, and the loader says when it had to repeat itself.
        One listing reads everything back (a Get per resource costs as much as the publishing).
        """
        wanted = {r.name for r in resources}
        pending = [r for r in resources if r.state in NEXT_STEP]
        with ThreadPoolExecutor(PARALLEL_CALLS) as pool:
            for attempt in range(SETTLE_ROUNDS):
                for resource in pool.map(self._publish, pending):
                    self.states[resource.name] = resource.state
                if not pending and not (attempt == 0 and self.created_names):
                    return
                time.sleep(SETTLE_PAUSE_SECONDS)  # let writes racing ours land first
                stored = self.fetch(RESOURCES, sorted(wanted))
                pending = []
                for name in sorted(wanted & stored.keys()):
                    resource = cast(catalog_pb2.InformationResource, stored[name])
                    self.states[name] = resource.state
                    if resource.state in NEXT_STEP:
                        pending.append(resource)
                if not pending or attempt == SETTLE_ROUNDS - 1:
                    return
                self.fell_back.update(r.name for r in pending)

    def _get(
        self, name: str, handle: frozenset[grpc.StatusCode] = frozenset()
    ) -> catalog_pb2.InformationResource:
        request = catalog_pb2.GetInformationResourceRequest(name=name)
        return cast(
            catalog_pb2.InformationResource,
            self._call("GetInformationResource", request, name, handle),
        )

    def _publish(
        self, resource: catalog_pb2.InformationResource
    ) -> catalog_pb2.InformationResource:
        """Submit and publish as needed; a RETIRED resource is left as someone retired it."""
        for _ in range(MAX_LIFECYCLE_STEPS):
            if resource.state not in NEXT_STEP:
                return resource
            method, request_type = NEXT_STEP[resource.state]
            request = request_type(name=resource.name, etag=resource.etag)
            self.wrote_to(RESOURCES)
            try:
                resource = self._call(
                    method,
                    request,
                    resource.name,
                    frozenset({Code.ABORTED, Code.FAILED_PRECONDITION}),
                )
            except Refused:
                # Changed by someone else since we read it (stale etag or another state): reread.
                resource = self._get(resource.name)
        raise LoadError(
            f"{resource.name} keeps changing under the loader "
            f"(still {State.Name(resource.state)}); run it again"
        )

    # -- the summary -------------------------------------------------------------------------

    def read_back(self, catalogue: Catalogue) -> dict[str, int]:
        """How many of the file's entries of each kind the catalogue holds now."""
        counts = {}
        for kind in KINDS:
            wanted = {kind.name(r) for r in catalogue.of(kind)}
            if not self.supported(kind) or not wanted:
                counts[kind.section] = 0
                continue
            if kind.section in self.listed and kind.section not in self.wrote:
                stored = self.listed[kind.section]
            elif kind is RESOURCES:
                stored = self.fetch(kind, sorted(wanted))
            else:
                stored = self.existing(kind) or {}
            counts[kind.section] = len(wanted & stored.keys())
            if kind is RESOURCES:
                for name in wanted & stored.keys():
                    self.states[name] = cast(catalog_pb2.InformationResource, stored[name]).state
        return counts

    def report(self, catalogue: Catalogue, held: dict[str, int]) -> tuple[list[str], str]:
        """Warnings for stderr, and the one-line summary."""
        warnings = []
        for kind in KINDS:
            tally = self.tally[kind.section]
            if tally.skipped:
                warnings.append(
                    f"{len(catalogue.of(kind))} {kind.label} not loaded: {tally.skipped}"
                )
            if tally.differing:
                warnings.append(
                    f"{len(tally.differing)} {kind.label} differ from the file and were left as "
                    f"they are (run with --update to rewrite them), e.g. {tally.differing[0]}"
                )
            if tally.fixed:
                fields = ", ".join(sorted(kind.immutable))
                warnings.append(
                    f"{len(tally.fixed)} {kind.label} differ from the file in {fields}, which "
                    "cannot change after creation (delete or retire them and load again to "
                    f"follow the file): {', '.join(sorted(tally.fixed))}"
                )
        if self.yielded:
            warnings.append(
                f"{len(self.yielded)} data item(s) catalogued as copies, not authoritative: "
                "another provider already claims them: " + ", ".join(sorted(self.yielded))
            )
        if self.fell_back:
            warnings.append(
                f"{len(self.fell_back)} resource(s) read back unpublished after the api had "
                "confirmed them (the catalogue store lost an update?); published again: "
                + ", ".join(sorted(self.fell_back))
            )
        wanted = {RESOURCES.name(r) for r in catalogue.of(RESOURCES)}
        warnings.extend(
            f"{name} is not published ({State.Name(state)})"
            for name, state in sorted(self.states.items())
            if name in wanted and state != State.RESOURCE_STATE_PUBLISHED
        )
        published = sum(self.states.get(name) == State.RESOURCE_STATE_PUBLISHED for name in wanted)
        parts = []
        for kind in KINDS:
            part = f"{held[kind.section]} {kind.label}"
            if kind is RESOURCES:
                part += f" ({published} published)"
            parts.append(part)
        created = sum(t.created for t in self.tally.values())
        present = sum(t.present for t in self.tally.values())
        line = f"demo catalogue: {', '.join(parts)}; {created} created / {present} already present"
        updated = sum(t.updated for t in self.tally.values())
        if updated:
            line += f" / {updated} updated"
        if self.linked:
            line += f"; {self.linked} duties linked to their systems"
        if self.finished:
            line += f"; published {self.finished} left unpublished by an earlier run"
        return warnings, line


def load(loader: Loader, catalogue: Catalogue, today: date) -> None:
    """Apply the catalogue in dependency order."""
    loader.load_kind(ORGANIZATIONS, catalogue.of(ORGANIZATIONS), parallel=False)  # parents first

    def without_systems(request: Message) -> Message:
        bare = catalog_pb2.CreateDutyRequest()
        bare.CopyFrom(request)
        bare.duty.ClearField("systems")  # linked once the systems exist
        return bare

    duty_requests = cast(list[catalog_pb2.CreateDutyRequest], catalogue.of(DUTIES))
    duties = loader.load_kind(DUTIES, duty_requests, without_systems)
    if loader.supported(DUTIES):
        loader.load_kind(
            SYSTEMS,
            catalogue.of(SYSTEMS),
            lambda r: rebased_last_use(
                cast(catalog_pb2.CreateInformationSystemRequest, r),
                catalogue.inventory_date,
                today,
            ),
        )
    else:
        loader.skip(SYSTEMS, "they serve duties, which were not loaded")
    if loader.supported(DUTIES) and loader.supported(SYSTEMS):
        loader.link_duties(duty_requests, duties)
    resource_requests = cast(
        list[catalog_pb2.CreateInformationResourceRequest], catalogue.of(RESOURCES)
    )
    loader.publish(loader.resources(resource_requests, catalogue.related))
    if loader.supported(DUTIES):
        loader.load_kind(DEMANDS, catalogue.of(DEMANDS))
    else:
        loader.skip(DEMANDS, "each names a duty, and duties were not loaded")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Load the demo catalogue into svc-catalog at $GOVDATA_CATALOG_ADDR "
        f"(default {DEFAULT_ADDRESS})."
    )
    parser.add_argument(
        "catalogue",
        nargs="?",
        type=Path,
        default=DEFAULT_FILE,
        help=f"demo catalogue file (default {DEFAULT_FILE.name})",
    )
    parser.add_argument(
        "--update",
        action="store_true",
        help="rewrite entries that exist but differ from the file (default: leave them)",
    )
    args = parser.parse_args(argv)
    address = os.environ.get("GOVDATA_CATALOG_ADDR", "").strip() or DEFAULT_ADDRESS
    started = time.monotonic()
    try:
        catalogue = read_catalogue(args.catalogue)
        with connect(address) as channel:
            loader = Loader(channel, address, update=args.update)
            load(loader, catalogue, datetime.now(UTC).date())
            held = loader.read_back(catalogue)
    except LoadError as exc:
        print(f"demo: {exc}", file=sys.stderr)
        return 1
    warnings, summary = loader.report(catalogue, held)
    for warning in warnings:
        print(f"demo: {warning}", file=sys.stderr)
    print(f"{summary} ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
