"""Load the demo catalogue into a running svc-catalog: ``python scripts/demo.py [file]``.

Why: ``make run`` should leave a catalogue worth exploring, not an empty one. The demo is a
fictional district (滨海市海新区) with its department tree and the information resources the
household-verification case reads (户籍, 不动产, 车辆, 公积金, 纳税, 社保, 低保, ...), all
PUBLISHED so search and exchange have something to find. ``demo_catalogue.json`` holds the Create
requests themselves in proto JSON, so the file is parsed straight into the contract messages.

Idempotent: ids are fixed in the file; an entry that already exists is left as it is, and a
resource an interrupted run left unpublished is taken on through submit and publish. At the end
every resource is read back and the summary counts from that read, not from the answers. The
catalogue api is at ``$GOVDATA_CATALOG_ADDR`` (default 127.0.0.1:50051); exits 1 with one line
on stderr when it is not reachable or refuses an entry.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar, cast

import grpc
from google.protobuf import json_format
from google.protobuf.message import Message

from gov.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from govdata.runtime import devpki

DEFAULT_ADDRESS = "127.0.0.1:50051"
DEFAULT_FILE = Path(__file__).resolve().with_name("demo_catalogue.json")
PKI = Path(os.environ.get("GOVDATA_HOME", Path(__file__).resolve().parents[1] / ".local")) / "pki"
PERSON = "demo"
CONNECT_TIMEOUT_SECONDS = 5.0
CALL_TIMEOUT_SECONDS = 15.0
MAX_LIFECYCLE_STEPS = 6  # draft → submitted → published, with room for a few concurrent moves
PARALLEL_CALLS = 8  # transitions cost ~0.3 s each against FerretDB; one at a time is slow
SETTLE_ROUNDS = 3  # publish, read back, publish again what fell back: at most this often
SETTLE_PAUSE_SECONDS = 1.0

State = catalog_pb2.ResourceState
Code = grpc.StatusCode
M = TypeVar("M", bound=Message)

# The demo catalogue: organisation requests (parents first) and resource requests.
Catalogue = tuple[
    list[catalog_pb2.CreateOrganizationRequest],
    list[catalog_pb2.CreateInformationResourceRequest],
]

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

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details


# -- the file --------------------------------------------------------------------------------


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
    """The organisations (parents first) and resources of a demo catalogue file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LoadError(f"cannot read the demo catalogue {path}: {exc}") from None
    organizations = _parse(
        data.get("organizations", []),
        catalog_pb2.CreateOrganizationRequest,
        f"{path.name}: organizations",
    )
    resources = _parse(
        data.get("informationResources", []),
        catalog_pb2.CreateInformationResourceRequest,
        f"{path.name}: informationResources",
    )
    return _parents_first(organizations), resources


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


class Loader:
    """Creates what is missing, publishes what is not published yet, and counts both."""

    def __init__(self, channel: grpc.Channel, address: str) -> None:
        self.stub = catalog_pb2_grpc.CatalogServiceStub(channel)
        self.address = address
        self.created = 0
        self.present = 0
        self.finished = 0  # resources an earlier run left unpublished, published by this one
        self.fell_back: set[str] = set()  # confirmed PUBLISHED, later read back as not
        self.states: dict[str, int] = {}  # each resource's state as last seen
        self.created_names: set[str] = set()  # to read back once published

    def _call(
        self,
        method: str,
        request: Message,
        subject: str,
        handle: frozenset[grpc.StatusCode] = frozenset(),
    ) -> Any:
        # Creates carry fixed ids from the data file, so a rerun is harmless without AIP-155
        # request ids; the x-request-id only correlates logs and audit records.
        metadata = (
            ("x-gov-person", PERSON),
            ("x-request-id", secrets.token_hex(16)),
        )
        try:
            return getattr(self.stub, method)(
                request, metadata=metadata, timeout=CALL_TIMEOUT_SECONDS
            )
        except grpc.RpcError as exc:
            call = cast(grpc.Call, exc)
            code, details = call.code(), call.details() or ""
            if code in handle:
                raise Refused(code, details) from None
            if code in (Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED):
                raise LoadError(
                    f"the catalogue api at {self.address} failed {method} for "
                    f"{subject}: {code.name}: {details}"
                ) from None
            raise LoadError(f"{method} {subject}: {code.name}: {details}") from None

    def organization(self, request: catalog_pb2.CreateOrganizationRequest) -> None:
        name = f"organizations/{request.organization_id}"
        try:
            self._call("CreateOrganization", request, name, frozenset({Code.ALREADY_EXISTS}))
            self.created += 1
            return
        except Refused as refused:
            conflict = refused
        # ALREADY_EXISTS is about the id or the credit code; only the id means "loaded before".
        try:
            self._call(
                "GetOrganization",
                catalog_pb2.GetOrganizationRequest(name=name),
                name,
                frozenset({Code.NOT_FOUND}),
            )
        except Refused:
            raise LoadError(f"CreateOrganization {name}: {conflict}") from None
        self.present += 1

    def resource(
        self, request: catalog_pb2.CreateInformationResourceRequest
    ) -> catalog_pb2.InformationResource:
        """The resource as created now, or as found when it exists already."""
        name = f"{request.parent}/resources/{request.information_resource_id}"
        try:
            resource = self._call(
                "CreateInformationResource", request, name, frozenset({Code.ALREADY_EXISTS})
            )
            self.created += 1
            self.created_names.add(name)
        except Refused as conflict:
            try:
                resource = self._get(name, frozenset({Code.NOT_FOUND}))
            except Refused:
                raise LoadError(f"CreateInformationResource {name}: {conflict}") from None
            self.present += 1
            if resource.state in NEXT_STEP:
                self.finished += 1
        self.states[name] = resource.state
        return cast(catalog_pb2.InformationResource, resource)

    def publish(self, resources: list[catalog_pb2.InformationResource]) -> None:
        """Take every resource to PUBLISHED, then read back what was written and check it.

        The api's answer is not the last word: a store that loses concurrent updates (FerretDB
        1.x against the outbox relay's writes) can undo a confirmed transition. Counting from
        a fresh read keeps the summary true, and the loader says when it had to repeat itself.
        """
        pending = [r for r in resources if r.state in NEXT_STEP]
        check = set(self.created_names)  # what to read back: everything this run wrote
        with ThreadPoolExecutor(PARALLEL_CALLS) as pool:
            for attempt in range(SETTLE_ROUNDS):
                check.update(r.name for r in pending)
                for resource in pool.map(self._publish, pending):
                    self.states[resource.name] = resource.state
                if not check:
                    return
                time.sleep(SETTLE_PAUSE_SECONDS)  # let writes racing ours land first
                pending = []
                for resource in pool.map(self._get, sorted(check)):
                    self.states[resource.name] = resource.state
                    if resource.state in NEXT_STEP:
                        pending.append(resource)
                if not pending or attempt == SETTLE_ROUNDS - 1:
                    return
                self.fell_back.update(r.name for r in pending)
                check = set()

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

    def report(self, organizations: int) -> tuple[list[str], str]:
        """Warnings for stderr, and the one-line summary."""
        warnings = []
        if self.fell_back:
            warnings.append(
                f"{len(self.fell_back)} resource(s) read back unpublished after the api had "
                "confirmed them (the catalogue store lost an update?); published again: "
                + ", ".join(sorted(self.fell_back))
            )
        warnings.extend(
            f"{name} is not published ({State.Name(state)})"
            for name, state in sorted(self.states.items())
            if state != State.RESOURCE_STATE_PUBLISHED
        )
        published = sum(s == State.RESOURCE_STATE_PUBLISHED for s in self.states.values())
        line = (
            f"demo catalogue: {organizations} organisations, {len(self.states)} resources "
            f"({published} published); {self.created} created / {self.present} already present"
        )
        if self.finished:
            line += f"; published {self.finished} left unpublished by an earlier run"
        return warnings, line


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
    args = parser.parse_args(argv)
    address = os.environ.get("GOVDATA_CATALOG_ADDR", "").strip() or DEFAULT_ADDRESS
    try:
        organizations, resources = read_catalogue(args.catalogue)
        with connect(address) as channel:
            loader = Loader(channel, address)
            for organization in organizations:
                loader.organization(organization)
            # Created one by one, in file order, so a fresh catalogue numbers the resource
            # codes the same way every time; the slower lifecycle steps run in parallel.
            loader.publish([loader.resource(resource) for resource in resources])
    except LoadError as exc:
        print(f"demo: {exc}", file=sys.stderr)
        return 1
    warnings, summary = loader.report(len(organizations))
    for warning in warnings:
        print(f"demo: {warning}", file=sys.stderr)
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
