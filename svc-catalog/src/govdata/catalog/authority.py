"""One datum, one source (一数一源): a data item may be declared authoritative (权威来源) by one
provider only, across the whole catalogue.

A resource claims the data items it marks ``authoritative``; its document lists their names
in ``authoritative_items``. A claim is refused — INVALID_ARGUMENT naming
``information_resource.data_items[i].authoritative`` — when another provider's live resource
(any lifecycle state: a draft's claim counts, or two drafts could both be published) already
claims the name; the message names that provider and its first claiming resource. Several
resources of the same provider may claim the same item. Only claims a write adds are checked,
so a resource keeps the claims it holds; to hand a datum to another provider, the first one
clears its flag (or deletes its resource) first.

Checking and writing happen under one lock per api process, so two concurrent claims of the
same name cannot both pass; across api replicas only MongoDB's atomic writes would hold it
(see the README: one api process per service on FerretDB).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any

from pymongo import ASCENDING
from pymongo.errors import PyMongoError

from gov.catalog.v1 import catalog_pb2
from govdata.catalog.store import LIVE, Records
from govdata.runtime.errors import FieldViolation, Unavailable

# Not a document lock (those may not be nested, and the write takes one): its own lock, taken
# before the record's, never inside it.
_claims = threading.Lock()


def claimed_names(res: catalog_pb2.InformationResource) -> list[str]:
    """The data item names ``res`` declares authoritative, in order."""
    return [item.name for item in res.data_items if item.authoritative]


class AuthoritativeSources:
    """The one-datum-one-source rule over the resources collection."""

    def __init__(self, resources: Records) -> None:
        self.resources = resources

    @contextmanager
    def claiming(self, names: Sequence[str]) -> Iterator[None]:
        """Hold while checking and writing a resource that adds claims."""
        with _claims if names else nullcontext():
            yield

    def new_claims(
        self,
        res: catalog_pb2.InformationResource,
        current: catalog_pb2.InformationResource | None = None,
    ) -> list[str]:
        """The names ``res`` claims that ``current`` (its stored version) did not."""
        held = set(claimed_names(current)) if current is not None else set()
        return [name for name in claimed_names(res) if name not in held]

    def conflicts(
        self,
        res: catalog_pb2.InformationResource,
        provider: str,
        new: Sequence[str],
        prefix: str = "information_resource",
    ) -> list[FieldViolation]:
        """A violation for each name in ``new`` another provider already claims."""
        if not new:
            return []
        first: dict[str, dict[str, Any]] = {}
        for document in self._claims_of_others(list(new), provider):
            for name in document.get("authoritative_items", []):
                first.setdefault(name, document)
        violations = []
        for i, item in enumerate(res.data_items):
            holder = first.get(item.name) if item.authoritative and item.name in new else None
            if holder is None:
                continue
            code = holder.get("resource_code", "")
            violations.append(
                FieldViolation(
                    f"{prefix}.data_items[{i}].authoritative",
                    f"{item.name!r} is already declared authoritative by {holder['provider']} "
                    f"in {holder['_id']}" + (f" ({code})" if code else "") + "; one datum, one "
                    "source (一数一源): only one provider may be its authoritative source",
                )
            )
        return violations

    def _claims_of_others(self, names: list[str], provider: str) -> list[dict[str, Any]]:
        """Live resources of other providers claiming any of ``names``, first created first."""
        query = {"authoritative_items": {"$in": names}, "provider": {"$ne": provider}, **LIVE}
        projection = {"provider": 1, "authoritative_items": 1, "resource_code": 1}
        try:
            return list(
                self.resources.collection.find(query, projection).sort(
                    [("create_time", ASCENDING), ("_id", ASCENDING)]
                )
            )
        except PyMongoError as exc:
            raise Unavailable("the catalogue store is unavailable; retry later") from exc
