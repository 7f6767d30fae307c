"""A full rebuild of the search indices from the catalogue, with no search downtime, and the
consistency check that says whether one is needed.

The catalogue is read the way any other system reads it: svc-catalog's List methods over
gRPC under svc-search's own identity (``GrpcCatalogue``), never its database. The rebuild:

1. creates a new concrete index per alias, with the current layout (``index.py``);
2. points the alias's *building* alias at it: from then on the worker applies every event to
   the new index as well as to the live one (``Indexer`` looks up the building alias at most
   every ``TARGETS_TTL`` seconds), and waits until every worker has seen it;
3. pages through the catalogue and writes each record with its revision as the external
   version — where the worker has already written a newer revision the older one is refused
   by OpenSearch, so the order of the two writers does not matter and nothing is lost;
4. swaps the alias to the new index in one ``update_aliases`` call (searches go on against
   the old index until that instant), then drops the building alias and the old index.

Only what search serves is rebuilt: published resources and every organisation. Drafts and
retired resources are never found by Search (``query.py``), so they need not be indexed; the
worker still indexes their events, harmlessly.

Run it with ``make reindex`` (``python -m govdata.search.rebuild``); ``--check`` only compares.
Exit status: 0 in step, 3 drift found (names listed), anything else an error.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from gov.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from govdata.runtime import logs
from govdata.runtime.config import Settings
from govdata.runtime.stores import opensearch_client
from govdata.runtime.tls import service_channel
from govdata.search import index
from govdata.search.indexer import organization_document, resource_document

log = logging.getLogger(__name__)

PAGE_SIZE = 1000
BULK_SIZE = 500
PURPOSE = (("x-gov-purpose", "search index rebuild"),)
# Exit status when the index and the catalogue differ (1 is Python's for an error).
DRIFT_FOUND = 3


class CatalogueSource(Protocol):
    """Where a rebuild reads the catalogue from."""

    def resources(self) -> Iterator[catalog_pb2.InformationResource]: ...

    def organizations(self) -> Iterator[catalog_pb2.Organization]: ...


class GrpcCatalogue:
    """svc-catalog's List methods, page by page (published resources, all organisations)."""

    def __init__(self, channel: Any, page_size: int = PAGE_SIZE) -> None:
        self.stub = catalog_pb2_grpc.CatalogServiceStub(channel)
        self.page_size = page_size

    def resources(self) -> Iterator[catalog_pb2.InformationResource]:
        token = ""
        while True:
            page = self.stub.ListInformationResources(
                catalog_pb2.ListInformationResourcesRequest(
                    parent="organizations/-",
                    state=catalog_pb2.RESOURCE_STATE_PUBLISHED,
                    page_size=self.page_size,
                    page_token=token,
                ),
                metadata=PURPOSE,
            )
            yield from page.information_resources
            token = page.next_page_token
            if not token:
                return

    def organizations(self) -> Iterator[catalog_pb2.Organization]:
        token = ""
        while True:
            page = self.stub.ListOrganizations(
                catalog_pb2.ListOrganizationsRequest(page_size=self.page_size, page_token=token),
                metadata=PURPOSE,
            )
            yield from page.organizations
            token = page.next_page_token
            if not token:
                return


@dataclass
class Rebuilt:
    """What one rebuild did, per alias: the new index, records written, records the worker
    had already written newer, seconds taken."""

    indices: dict[str, str] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)
    overtaken: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def rebuild(
    client: Any,
    indices: index.Indices,
    source: CatalogueSource,
    settle_seconds: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Rebuilt:
    """Fill new indices from ``source`` and swap the aliases to them (see the module). On
    failure the new indices are dropped and the live ones left as they were."""
    started = clock()
    smart = index.has_smartcn(client)
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    plan = (
        (
            indices.resources,
            index.resource_mappings(smart),
            lambda: ((r.name, r.revision, resource_document(r)) for r in source.resources()),
        ),
        (
            indices.organizations,
            index.organization_mappings(smart),
            lambda: (
                (o.name, o.revision, organization_document(o, o.revision))
                for o in source.organizations()
            ),
        ),
    )
    result = Rebuilt()
    for alias, mappings, _ in plan:
        _abandon(client, alias, "left over by a rebuild that did not finish")
        concrete = f"{alias}-{index.LAYOUT_VERSION}-{stamp}"
        client.indices.create(
            index=concrete,
            body={"settings": index.settings(smart), "mappings": mappings},
        )
        client.indices.put_alias(index=concrete, name=index.building(alias))
        result.indices[alias] = concrete
    try:
        # every worker must be writing to the new indices before the catalogue is read
        time.sleep(2 * index.TARGETS_TTL if settle_seconds is None else settle_seconds)
        _fill(client, plan, result)
    except BaseException:
        for alias, _, _ in plan:
            _abandon(client, alias, "this rebuild failed")
        raise
    result.seconds = round(clock() - started, 1)
    return result


def _abandon(client: Any, alias: str, why: str) -> None:
    """Drop the building alias of ``alias`` and the partial indices behind it (never the
    live one), so writers stop feeding them. One rebuild at a time: this ends any other."""
    from opensearchpy.exceptions import NotFoundError

    building = index.building(alias)
    try:
        partial = set(client.indices.get_alias(name=building))
    except NotFoundError:
        return
    live = (
        set(client.indices.get_alias(name=alias))
        if client.indices.exists_alias(name=alias)
        else set()
    )
    client.indices.delete_alias(index=",".join(sorted(partial)), name=building)
    for name in sorted(partial - live):
        client.indices.delete(index=name)
    log.warning("dropped %s (%s): %s", building, why, ", ".join(sorted(partial)))


def _fill(client: Any, plan: Any, result: Rebuilt) -> None:
    from opensearchpy import helpers

    for alias, _, records in plan:
        concrete = result.indices[alias]
        actions = (
            {
                "_op_type": "index",
                "_index": concrete,
                "_id": name,
                "version": revision,
                "version_type": "external",
                "_source": body,
            }
            for name, revision, body in records()
        )
        written = overtaken = 0
        for ok, item in helpers.streaming_bulk(
            client, actions, chunk_size=BULK_SIZE, raise_on_error=False, max_retries=3
        ):
            if ok:
                written += 1
            elif item.get("index", {}).get("status") == 409:
                overtaken += 1  # the worker wrote a newer revision meanwhile
            else:
                raise RuntimeError(f"rebuild of {alias}: a record was refused: {item}")
        result.written[alias], result.overtaken[alias] = written, overtaken
        client.indices.refresh(index=concrete)
        _swap(client, alias, concrete)


def _swap(client: Any, alias: str, concrete: str) -> None:
    """Point ``alias`` at ``concrete`` alone in one step; drop the building alias and the
    indices the alias pointed at before."""
    old = [name for name in client.indices.get_alias(name=alias) if name != concrete]
    client.indices.update_aliases(
        body={
            "actions": [
                *({"remove": {"index": name, "alias": alias}} for name in old),
                {"add": {"index": concrete, "alias": alias}},
                {"remove": {"index": concrete, "alias": index.building(alias)}},
            ]
        }
    )
    for name in old:
        client.indices.delete(index=name)
    log.info("%s now serves %s (was %s)", alias, concrete, ", ".join(old) or "nothing")


@dataclass
class Drift:
    """How the live resource index differs from the catalogue's published resources."""

    catalogue: int
    indexed: int
    missing: list[str]
    stale: list[str]
    extra: list[str]

    @property
    def in_step(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def check(client: Any, indices: index.Indices, source: CatalogueSource) -> Drift:
    """Compare names and revisions of the published resources, catalogue against index."""
    from opensearchpy import helpers

    expected = {r.name: r.revision for r in source.resources()}
    found: dict[str, int] = {}
    query = {
        "query": {
            "bool": {
                "filter": [
                    {"term": {"state": "RESOURCE_STATE_PUBLISHED"}},
                    {"term": {"deleted": False}},
                ]
            }
        },
        "_source": ["revision"],
    }
    for hit in helpers.scan(client, index=indices.resources, query=query):
        found[hit["_id"]] = int(hit["_source"].get("revision", 0))
    return Drift(
        catalogue=len(expected),
        indexed=len(found),
        missing=sorted(set(expected) - set(found)),
        stale=sorted(n for n in expected.keys() & found.keys() if found[n] < expected[n]),
        extra=sorted(set(found) - set(expected)),
    )


def _say(line: str) -> None:
    """The command's report, on standard output (logs go to standard error)."""
    sys.stdout.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m govdata.search.rebuild",
        description="Rebuild the search indices from svc-catalog, or only check them.",
    )
    parser.add_argument("--check", action="store_true", help="compare only; change nothing")
    parser.add_argument(
        "--catalog", default="127.0.0.1:20051", help="svc-catalog's gRPC address (host:port)"
    )
    args = parser.parse_args(argv)
    settings = Settings.from_env("search", "rebuild")
    logs.configure("search", "rebuild", settings.log_level)
    client = opensearch_client(settings)
    indices = index.Indices()
    source = GrpcCatalogue(service_channel(settings, args.catalog))
    if not args.check:
        index.ensure_when_ready(client, indices)
        done = rebuild(client, indices, source)
        _say(
            f"rebuilt in {done.seconds} s: "
            + "; ".join(
                f"{alias} → {name}: {done.written[alias]} written, "
                f"{done.overtaken[alias]} already newer"
                for alias, name in done.indices.items()
            )
        )
    drift = check(client, indices, source)
    _say(
        f"catalogue {drift.catalogue} published resources, index {drift.indexed}: "
        f"{len(drift.missing)} missing, {len(drift.stale)} stale, {len(drift.extra)} extra"
    )
    for label, names in (("missing", drift.missing), ("stale", drift.stale)):
        for name in names[:20]:
            _say(f"  {label}: {name}")
    return 0 if drift.in_step else DRIFT_FOUND


if __name__ == "__main__":
    sys.exit(main())
