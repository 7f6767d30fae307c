"""Keeps the search indices in step with catalogue events.

Each catalogue record is indexed with OpenSearch *external versioning*, the record's revision
as the version: an older or repeated event can never overwrite a newer state, whatever order
RabbitMQ delivers them in. A deletion writes a tombstone document (``deleted: true``) at its
revision rather than removing the document, so a late, stale update cannot resurrect it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from google.protobuf.json_format import MessageToDict

from gov.catalog.v1 import catalog_pb2
from gov.common.v1 import common_pb2
from gov.events.v1 import events_pb2
from govdata.search import index

log = logging.getLogger(__name__)


def resource_document(res: catalog_pb2.InformationResource) -> dict[str, Any]:
    """The search document of an information resource (no personal data: metadata only)."""
    update_time = res.update_time.ToJsonString() if res.HasField("update_time") else None
    return {
        "name": res.name,
        "resource_code": res.resource_code,
        "display_name": res.display_name,
        "abstract": res.abstract,
        "data_items": [item.name for item in res.data_items],
        "provider": res.provider,
        "provider_office": res.provider_office,
        "share_type": common_pb2.ShareType.Name(res.sharing.share_type),
        "format": common_pb2.ResourceFormat.Name(res.format),
        "update_cycle": common_pb2.UpdateCycle.Name(res.update_cycle),
        "classification_code": res.classification.classification_code,
        "classification_category": common_pb2.ClassificationCategory.Name(
            res.classification.category
        ),
        "source_systems": list(res.source_systems),
        "state": catalog_pb2.ResourceState.Name(res.state),
        "deleted": False,
        "revision": res.revision,
        "update_time": update_time,
    }


def organization_document(org: catalog_pb2.Organization, revision: int) -> dict[str, Any]:
    data = MessageToDict(org, preserving_proto_field_name=True)
    return {
        "name": org.name,
        "display_name": org.display_name,
        "parent": org.parent,
        "kind": data.get("kind", "ORGANIZATION_KIND_UNSPECIFIED"),
        "unified_social_credit_code": org.unified_social_credit_code,
        "deleted": False,
        "revision": revision,
    }


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

    def apply_resource(self, event: events_pb2.InformationResourceChanged) -> None:
        if event.kind == events_pb2.CHANGE_KIND_DELETED:
            body = {"name": event.name, "deleted": True, "revision": event.revision}
        else:
            body = resource_document(event.resource)
        self._put(self.indices.resources, event.name, event.revision, body)

    def apply_organization(self, event: events_pb2.OrganizationChanged) -> None:
        if event.kind == events_pb2.CHANGE_KIND_DELETED:
            body = {"name": event.name, "deleted": True, "revision": event.revision}
        else:
            body = organization_document(event.organization, event.revision)
        self._put(self.indices.organizations, event.name, event.revision, body)

    def _put(self, alias: str, doc_id: str, revision: int, body: dict[str, Any]) -> None:
        from opensearchpy.exceptions import NotFoundError

        if self._rebuilding(alias):
            try:
                self._write(index.building(alias), doc_id, revision, body)
            except NotFoundError:
                pass  # the rebuild has just swapped (or given up): the alias below serves
        self._write(alias, doc_id, revision, body)

    def _write(self, target: str, doc_id: str, revision: int, body: dict[str, Any]) -> None:
        from opensearchpy.exceptions import ConflictError

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

    def _rebuilding(self, alias: str) -> bool:
        """Whether a rebuild is filling a new index for ``alias`` (asked at most every
        ``index.TARGETS_TTL`` seconds)."""
        now = self.clock()
        known = self._building.get(alias)
        if known is None or now - known[0] >= index.TARGETS_TTL:
            known = (now, bool(self.client.indices.exists_alias(name=index.building(alias))))
            self._building[alias] = known
        return known[1]
