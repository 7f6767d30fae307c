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

Only what search serves is rebuilt: published resources with their data items, every
information system and every organisation. Drafts and retired resources are never found by
Search (``query.py``), so they need not be indexed; the worker still indexes their events,
harmlessly. All four aliases swap in one ``update_aliases`` call, so a search never sees
resources of the new index beside data items of the old.

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
from govdata.search import documents, index

log = logging.getLogger(__name__)

PAGE_SIZE = 1000
BULK_SIZE = 1000
PURPOSE = (("x-gov-purpose", "search index rebuild"),)
# Exit status when the index and the catalogue differ (1 is Python's for an error).
DRIFT_FOUND = 3


class CatalogueSource(Protocol):
    """Where a rebuild reads the catalogue from."""

    def resources(self) -> Iterator[catalog_pb2.InformationResource]: ...

    def systems(self) -> Iterator[catalog_pb2.InformationSystem]: ...

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

    def systems(self) -> Iterator[catalog_pb2.InformationSystem]:
        token = ""
        while True:
            page = self.stub.ListInformationSystems(
                catalog_pb2.ListInformationSystemsRequest(
                    parent="organizations/-", page_size=self.page_size, page_token=token
                ),
                metadata=PURPOSE,
            )
            yield from page.information_systems
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
    aliases = list(indices.by_kind.values())
    result = Rebuilt()
    for alias in aliases:
        _abandon(client, alias, "left over by a rebuild that did not finish")
        concrete = f"{alias}-{index.LAYOUT_VERSION}-{stamp}"
        index.create(client, concrete, smart, refresh="-1")  # no refresh while filling
        client.indices.put_alias(index=concrete, name=index.building(alias))
        result.indices[alias] = concrete
        result.written[alias] = result.overtaken[alias] = 0
    try:
        # every worker must be writing to the new indices before the catalogue is read
        time.sleep(2 * index.TARGETS_TTL if settle_seconds is None else settle_seconds)
        _fill(client, indices, _records(indices, source), result)
        for concrete in result.indices.values():
            client.indices.put_settings(
                index=concrete, body={"index": {"refresh_interval": index.REFRESH_INTERVAL}}
            )
            client.indices.refresh(index=concrete)
        _swap(client, result.indices)
    except BaseException:
        for alias in aliases:
            _abandon(client, alias, "this rebuild failed")
        raise
    result.seconds = round(clock() - started, 1)
    return result


def _records(
    indices: index.Indices, source: CatalogueSource
) -> Iterator[tuple[str, str, int, dict[str, Any]]]:
    """(alias, document id, revision, document) of everything the catalogue serves, read
    once: a resource brings its data items along."""
    for res in source.resources():
        yield indices.resources, res.name, res.revision, documents.resource_document(res)
        for doc_id, doc in documents.data_item_documents(res).items():
            yield indices.data_items, doc_id, res.revision, doc
    for system in source.systems():
        yield indices.systems, system.name, system.revision, documents.system_document(system)
    for org in source.organizations():
        doc = documents.organization_document(org, org.revision)
        yield indices.organizations, org.name, org.revision, doc


def migrate(
    client: Any,
    indices: index.Indices,
    source: CatalogueSource,
    timeout: float = 600.0,
    clock: Callable[[], float] = time.monotonic,
) -> float:
    """Rebuild indices of an older layout, waiting (bounded) for a catalogue that is still
    starting; returns the seconds the rebuild took."""
    import grpc

    deadline = clock() + timeout
    while True:
        try:
            return rebuild(client, indices, source, clock=clock).seconds
        except grpc.RpcError as exc:
            if exc.code() != grpc.StatusCode.UNAVAILABLE or clock() > deadline:
                raise
            log.warning("the catalogue is not reachable yet (%s); retrying", exc.details())
            time.sleep(5)


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


def _fill(
    client: Any,
    indices: index.Indices,
    records: Iterator[tuple[str, str, int, dict[str, Any]]],
    result: Rebuilt,
) -> None:
    from opensearchpy import helpers

    def actions() -> Iterator[dict[str, Any]]:
        for alias, doc_id, revision, body in records:
            yield {
                "_op_type": "index",
                "_index": result.indices[alias],
                "_id": doc_id,
                "version": revision,
                "version_type": "external",
                "_source": body,
            }

    by_index = {concrete: alias for alias, concrete in result.indices.items()}
    overtaken_resources = []
    # two requests in flight: the documents of one chunk are built while OpenSearch indexes
    # the other (a 429 is raised, failing the rebuild, rather than retried)
    for ok, item in helpers.parallel_bulk(
        client, actions(), thread_count=2, chunk_size=BULK_SIZE, raise_on_error=False
    ):
        outcome = item.get("index", {})
        alias = by_index.get(outcome.get("_index", ""), "")
        if ok:
            result.written[alias] += 1
        elif outcome.get("status") == 409:
            result.overtaken[alias] += 1  # the worker wrote a newer revision meanwhile
            if outcome["_index"] == result.indices.get(indices.resources):
                overtaken_resources.append(outcome["_id"])
        else:
            raise RuntimeError(f"rebuild of {alias or 'the indices'}: a record was refused: {item}")
    _reconcile_items(client, indices, result.indices, overtaken_resources)


def _reconcile_items(
    client: Any, indices: index.Indices, concrete: dict[str, str], resources: list[str]
) -> None:
    """Tombstone the data items the rebuild wrote for resources the worker had meanwhile
    indexed at a newer revision without them: the worker could not know to drop items of a
    revision it never saw indexed."""
    if not resources:
        return
    items_index = concrete[indices.data_items]
    client.indices.refresh(index=items_index)
    found = client.mget(
        index=concrete[indices.resources], body={"ids": resources}, _source_includes=["data_items"]
    )["docs"]
    for doc in found:
        if not doc.get("found"):
            continue
        newest, kept = doc["_version"], set(doc["_source"].get("data_items", []))
        answer = client.search(
            index=items_index,
            body={
                "size": 10_000,
                "version": True,
                "_source": ["data_item"],
                "query": {"bool": {"filter": [{"term": {"name": doc["_id"]}}]}},
            },
        )
        for hit in answer["hits"]["hits"]:
            item = hit["_source"].get("data_item", "")
            if hit["_version"] < newest and item not in kept:
                client.index(
                    index=items_index,
                    id=hit["_id"],
                    body=documents.tombstone(documents.DATA_ITEM, doc["_id"], newest, item),
                    version=newest,
                    version_type="external",
                )


def _swap(client: Any, concrete: dict[str, str]) -> None:
    """Point every alias at its new index in one step; drop the building aliases and the
    indices the aliases pointed at before."""
    actions: list[dict[str, Any]] = []
    old: list[str] = []
    for alias, new in concrete.items():
        before = (
            [name for name in client.indices.get_alias(name=alias) if name != new]
            if client.indices.exists_alias(name=alias)
            else []
        )
        old.extend(before)
        actions.extend({"remove": {"index": name, "alias": alias}} for name in before)
        actions.append({"add": {"index": new, "alias": alias}})
        actions.append({"remove": {"index": new, "alias": index.building(alias)}})
    client.indices.update_aliases(body={"actions": actions})
    for name in old:
        client.indices.delete(index=name)
    log.info("aliases now serve %s (were %s)", ", ".join(concrete.values()), ", ".join(old))


@dataclass
class Drift:
    """How one kind's live index differs from the catalogue: record names missing from the
    index, indexed at an older revision, or indexed but not served by the catalogue."""

    kind: str
    catalogue: int
    indexed: int
    missing: list[str]
    stale: list[str]
    extra: list[str]

    @property
    def in_step(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def check(client: Any, indices: index.Indices, source: CatalogueSource) -> list[Drift]:
    """Compare names and revisions, catalogue against index: published resources, systems
    and organisations (data items follow their resource's revision)."""
    return [
        _compare(
            client,
            "resource",
            indices.resources,
            {r.name: r.revision for r in source.resources()},
            published=True,
        ),
        _compare(client, "system", indices.systems, {s.name: s.revision for s in source.systems()}),
        _compare(
            client,
            "organization",
            indices.organizations,
            {o.name: o.revision for o in source.organizations()},
        ),
    ]


def _compare(
    client: Any, kind: str, alias: str, expected: dict[str, int], published: bool = False
) -> Drift:
    from opensearchpy import helpers

    filters: list[dict[str, Any]] = [{"term": {"deleted": False}}]
    if published:
        filters.append({"term": {"state": "RESOURCE_STATE_PUBLISHED"}})
    found = {
        hit["_id"]: int(hit["_source"].get("revision", 0))
        for hit in helpers.scan(
            client,
            index=alias,
            query={"query": {"bool": {"filter": filters}}, "_source": ["revision"]},
        )
    }
    return Drift(
        kind=kind,
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
        "--catalog", help="svc-catalog's gRPC address (default: GOVDATA_CATALOG_ADDRESS)"
    )
    args = parser.parse_args(argv)
    settings = Settings.from_env("search", "rebuild")
    logs.configure("search", "rebuild", settings.log_level)
    client = opensearch_client(settings)
    indices = index.Indices(settings.search_index_prefix)
    source = GrpcCatalogue(service_channel(settings, args.catalog or settings.catalog_address))
    if not args.check:
        index.ensure_when_ready(client, indices, check_layout=False)
        done = rebuild(client, indices, source)
        _say(
            f"rebuilt in {done.seconds} s: "
            + "; ".join(
                f"{alias} → {name}: {done.written[alias]} written, "
                f"{done.overtaken[alias]} already newer"
                for alias, name in done.indices.items()
            )
        )
    drifts = check(client, indices, source)
    for drift in drifts:
        _say(
            f"{drift.kind}s: catalogue {drift.catalogue}, index {drift.indexed}: "
            f"{len(drift.missing)} missing, {len(drift.stale)} stale, {len(drift.extra)} extra"
        )
        for label, names in (
            ("missing", drift.missing),
            ("stale", drift.stale),
            ("extra", drift.extra),
        ):
            for name in names[:20]:
                _say(f"  {label}: {name}")
    return 0 if all(d.in_step for d in drifts) else DRIFT_FOUND


if __name__ == "__main__":
    sys.exit(main())
