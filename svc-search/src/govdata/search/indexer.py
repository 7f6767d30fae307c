"""Keeps the search indices in step with catalogue events.

Each catalogue record is indexed with OpenSearch *external versioning*, the record's revision
as the version: an older or repeated event can never overwrite a newer state, whatever order
RabbitMQ delivers them in. A deletion writes a tombstone document (``deleted: true``) at its
revision rather than removing the document, so a late, stale update cannot resurrect it.

A resource's data items are documents of their own (``documents.data_item_documents``),
written at the resource's revision after the resource itself: the items a newer revision
dropped get tombstones, found from the resource document as it stood (a real-time get, so an
unrefreshed write is seen). Events of one resource are applied one at a time per process.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import zlib
from collections.abc import Callable
from typing import Any

from gov.events.v1 import events_pb2
from govdata.search import documents, index

log = logging.getLogger(__name__)

LOCK_STRIPES = 64


class Indexer:
    """Applies catalogue change events to OpenSearch; every operation is idempotent.

    While a rebuild fills a new index (``rebuild.py``), each event is applied to it as well,
    so a change made after the rebuild read that record is not lost at the swap.
    """

    def __init__(
        self,
        client: Any,
        indices: index.Indices,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.indices = indices
        self.clock = clock
        self._building: dict[str, tuple[float, bool]] = {}
        self._locks = [threading.Lock() for _ in range(LOCK_STRIPES)]

    def apply_resource(self, event: events_pb2.InformationResourceChanged) -> None:
        if event.kind == events_pb2.CHANGE_KIND_DELETED:
            body = documents.tombstone(documents.RESOURCE, event.name, event.revision)
            items: dict[str, dict[str, Any]] = {}
        else:
            body = documents.resource_document(event.resource)
            items = documents.data_item_documents(event.resource)
        with self._locks[zlib.crc32(event.name.encode()) % LOCK_STRIPES]:
            for resources, data_items in self._targets(
                self.indices.resources, self.indices.data_items
            ):
                self._resource(resources, data_items, event.name, event.revision, body, items)

    def apply_system(self, event: events_pb2.InformationSystemChanged) -> None:
        if event.kind == events_pb2.CHANGE_KIND_DELETED:
            body = documents.tombstone(documents.SYSTEM, event.name, event.revision)
        else:
            body = documents.system_document(event.information_system)
        for (target,) in self._targets(self.indices.systems):
            self._write(target, event.name, event.revision, body)

    def apply_organization(self, event: events_pb2.OrganizationChanged) -> None:
        if event.kind == events_pb2.CHANGE_KIND_DELETED:
            body = documents.tombstone(documents.ORGANIZATION, event.name, event.revision)
        else:
            body = documents.organization_document(event.organization, event.revision)
        for (target,) in self._targets(self.indices.organizations):
            self._write(target, event.name, event.revision, body)

    def _targets(self, *aliases: str) -> list[tuple[str, ...]]:
        """The live aliases, and before them their building aliases while a rebuild fills
        new indices. Building first: a write to the live alias resolved just before the swap
        lands in the old index, which the swap drops, so the new index must already hold it
        (the write to a building alias the swap removed is refused, and the live alias then
        names the new index)."""
        building = [tuple(index.building(alias) for alias in aliases)]
        return [
            *(building if all(self._rebuilding(alias) for alias in aliases) else []),
            aliases,
        ]

    def _resource(
        self,
        resources: str,
        data_items: str,
        name: str,
        revision: int,
        body: dict[str, Any],
        items: dict[str, dict[str, Any]],
    ) -> None:
        from opensearchpy.exceptions import NotFoundError

        try:  # mget: a resource not indexed yet is an answer, not a 404 logged as a warning
            [current] = self.client.mget(
                index=resources,
                body={"ids": [name]},
                _source_includes=["data_items"],
                realtime=True,
            )["docs"]
        except NotFoundError:
            return  # a building alias the rebuild has just swapped or dropped
        if "error" in current:
            if index.is_building(resources) and "index_not_found" in str(current):
                return  # the same, answered per document
            raise RuntimeError(f"reading {name} from {resources}: {current['error']}")
        if not current.get("found"):
            current = None
        if current is not None and current["_version"] > revision:
            log.info("skipped %s revision %d in %s: it has a newer one", name, revision, resources)
            return
        self._write(resources, name, revision, body)
        previous = set(current["_source"].get("data_items", [])) if current else set()
        kept = {doc["data_item"] for doc in items.values()}
        gone = {
            documents.data_item_id(name, item): documents.tombstone(
                documents.DATA_ITEM, name, revision, item
            )
            for item in previous - kept
        }
        self._bulk(data_items, revision, {**items, **gone})

    def _bulk(self, target: str, revision: int, docs: dict[str, dict[str, Any]]) -> None:
        """Write ``docs`` at ``revision``; documents already at it or newer are left."""
        if not docs:
            return
        lines = []
        for doc_id, doc in docs.items():
            meta = {"_index": target, "_id": doc_id, "version": revision}
            lines.append(json.dumps({"index": {**meta, "version_type": "external"}}))
            lines.append(json.dumps(doc, ensure_ascii=False))
        answer = self.client.bulk(
            body="\n".join(lines) + "\n", params={"require_alias": "true", "refresh": "false"}
        )
        if answer.get("errors"):
            # 409: already at this revision or newer; 404 on a building alias: it was swapped
            harmless = {409, 404} if index.is_building(target) else {409}
            failed = [
                item["index"]
                for item in answer["items"]
                if item["index"].get("status", 200) >= 300
                and item["index"]["status"] not in harmless
            ]
            if failed:
                raise RuntimeError(
                    f"{len(failed)} data item writes to {target} failed: {failed[0]}"
                )

    def _write(self, target: str, doc_id: str, revision: int, body: dict[str, Any]) -> None:
        from opensearchpy.exceptions import ConflictError, NotFoundError

        try:
            self.client.index(
                index=target,
                id=doc_id,
                body=body,
                version=revision,
                version_type="external",
                refresh=False,
                # never create an index named like a vanished alias (the building one)
                params={"require_alias": "true"},
            )
        except ConflictError:
            # Same or newer revision already indexed: a redelivery or an overtaken event.
            log.info(
                "skipped %s revision %d in %s: it has that revision or a newer one",
                doc_id,
                revision,
                target,
            )
        except NotFoundError:
            if index.is_building(target):
                return  # the rebuild has just swapped (or given up): the live alias serves
            raise

    def _rebuilding(self, alias: str) -> bool:
        """Whether a rebuild is filling a new index for ``alias`` (asked at most every
        ``index.TARGETS_TTL`` seconds)."""
        now = self.clock()
        known = self._building.get(alias)
        if known is None or now - known[0] >= index.TARGETS_TTL:
            known = (now, bool(self.client.indices.exists_alias(name=index.building(alias))))
            self._building[alias] = known
        return known[1]
