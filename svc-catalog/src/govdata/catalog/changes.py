"""How an Update is computed and announced, the same way for every kind of catalogue record:
the paths a field mask (AIP-134) selects, the merge of a patch over the stored record, and the
snapshot an event carries."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from google.protobuf import field_mask_pb2
from google.protobuf.message import Message

from govdata.catalog.store import etag_of
from govdata.runtime.errors import FieldViolation, InvalidArgument

M = TypeVar("M", bound=Message)


def mask_paths(
    mask: field_mask_pb2.FieldMask, patch: Message, mutable: frozenset[str]
) -> list[str]:
    """The paths to update (AIP-134): the mask's, or every populated mutable field."""
    if not mask.paths:
        return [field.name for field, _ in patch.ListFields() if field.name in mutable]
    if list(mask.paths) == ["*"]:
        return sorted(mutable)
    descriptor = patch.DESCRIPTOR
    for path in mask.paths:
        top = path.split(".", 1)[0]
        if top not in descriptor.fields_by_name:
            raise InvalidArgument(FieldViolation("update_mask", f"{path!r} is not a field"))
        if top not in mutable:
            raise InvalidArgument(FieldViolation("update_mask", f"{path!r} cannot be updated"))
    if not field_mask_pb2.FieldMask(paths=list(mask.paths)).IsValidForDescriptor(descriptor):
        raise InvalidArgument(FieldViolation("update_mask", "names a field that does not exist"))
    return list(mask.paths)


def stamped(message: M, name: str, revision: int, created: datetime, updated: datetime) -> M:
    """The record as a reader will see it at ``revision``: for the event's snapshot."""
    snapshot = type(message)()
    snapshot.CopyFrom(message)
    snapshot.name = name
    snapshot.etag = etag_of(name, revision)
    snapshot.create_time.FromDatetime(created)
    snapshot.update_time.FromDatetime(updated)
    snapshot.revision = revision
    return snapshot


def merge(current: M, patch: Message, paths: list[str]) -> M:
    """``current`` with the ``paths`` of ``patch`` applied (messages and lists replaced)."""
    merged = type(current)()
    merged.CopyFrom(current)
    field_mask_pb2.FieldMask(paths=paths).MergeMessage(
        patch, merged, replace_message_field=True, replace_repeated_field=True
    )
    return merged
