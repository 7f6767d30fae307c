"""The search documents of catalogue records, one shape for every kind (``index.mappings``).

Documents hold catalogue metadata only, never personal data. Each carries its kind, its
record's revision (the external version that orders writes, ``indexer.py``) and the pinyin
initials of its name for as-you-type completion (``suggest.py``).
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from typing import Any

from google.protobuf.json_format import MessageToDict
from pypinyin import Style, pinyin

from gov.catalog.v1 import catalog_pb2
from gov.common.v1 import common_pb2

RESOURCE = "RESULT_KIND_RESOURCE"
DATA_ITEM = "RESULT_KIND_DATA_ITEM"
SYSTEM = "RESULT_KIND_SYSTEM"
ORGANIZATION = "RESULT_KIND_ORGANIZATION"
# Readings of a name kept for its initials: polyphonic characters (行, 长, 重) multiply them.
MAX_READINGS = 8
MAX_INITIALS = 32


@functools.lru_cache(maxsize=65_536)  # the same data item names recur across resources
def initials(text: str) -> tuple[str, ...]:
    """Pinyin initials of ``text`` for completion, e.g. 不动产登记 → ("bdcdj",).

    pypinyin (phrase dictionary, MIT) gives the readings; where it knows several for a
    character (长 cháng/zhǎng) each combination is kept, up to ``MAX_READINGS``, so a clerk's
    reading finds the name either way. Letters and digits in the name are kept as typed
    (lowercased, full-width folded).
    """
    text = unicodedata.normalize("NFKC", text).lower()
    choices: list[list[str]] = []
    for readings in pinyin(text, style=Style.FIRST_LETTER, heteronym=True, errors="default"):
        kept = sorted({"".join(ch for ch in r if ch.isalnum()) for r in readings} - {""})
        if kept:
            choices.append(kept)
    combinations = itertools.islice(itertools.product(*choices), MAX_READINGS) if choices else ()
    return tuple(sorted({"".join(c)[:MAX_INITIALS] for c in combinations}))


def resource_document(res: catalog_pb2.InformationResource) -> dict[str, Any]:
    """The document of an information resource."""
    return {
        "result_kind": RESOURCE,
        "name": res.name,
        "code": res.resource_code,
        "resource_code": res.resource_code,
        **_name(res.display_name),
        "abstract": res.abstract,
        "data_items": [item.name for item in res.data_items],
        **_resource_facets(res),
    }


def data_item_documents(res: catalog_pb2.InformationResource) -> dict[str, dict[str, Any]]:
    """The documents of a resource's data items by document id, each with its resource's
    facets (filters and facets work the same on items as on their resources)."""
    facets = _resource_facets(res)
    out = {}
    for item in res.data_items:
        doc = {
            "result_kind": DATA_ITEM,
            "name": res.name,
            "data_item": item.name,
            "code": res.resource_code,
            "resource_code": res.resource_code,
            **_name(item.name),
            "resource_title": res.display_name,
            "abstract": item.description,
            **facets,
        }
        out[data_item_id(res.name, item.name)] = doc
    return out


def data_item_id(resource: str, item: str) -> str:
    """Document id of a data item: its resource's name and its own (unique within it)."""
    return f"{resource}#{item}"


def _resource_facets(res: catalog_pb2.InformationResource) -> dict[str, Any]:
    return {
        "provider": res.provider,
        "provider_office": res.provider_office,
        "share_type": common_pb2.ShareType.Name(res.sharing.share_type),
        "open_type": catalog_pb2.OpenType.Name(res.open_attributes.open_type),
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
        "update_time": _time(res),
    }


def system_document(system: catalog_pb2.InformationSystem) -> dict[str, Any]:
    """The document of an information system; its owner is the organisation in its name."""
    return {
        "result_kind": SYSTEM,
        "name": system.name,
        **_name(system.display_name),
        "abstract": system.function,
        "provider": system.name.split("/systems/", 1)[0],
        "source_systems": [system.name],
        "deleted": False,
        "revision": system.revision,
        "update_time": _time(system),
    }


def organization_document(org: catalog_pb2.Organization, revision: int) -> dict[str, Any]:
    """The document of an organisation; it is its own provider (for the provider filter)."""
    data = MessageToDict(org, preserving_proto_field_name=True)
    return {
        "result_kind": ORGANIZATION,
        "name": org.name,
        "code": org.unified_social_credit_code,
        **_name(org.display_name),
        "provider": org.name,
        "parent": org.parent,
        "kind": data.get("kind", "ORGANIZATION_KIND_UNSPECIFIED"),
        "unified_social_credit_code": org.unified_social_credit_code,
        "deleted": False,
        "revision": revision,
        "update_time": _time(org),
    }


def tombstone(kind: str, name: str, revision: int, data_item: str = "") -> dict[str, Any]:
    """What a deleted record leaves: enough to refuse a late, older write of it."""
    doc: dict[str, Any] = {"result_kind": kind, "name": name, "deleted": True}
    if data_item:
        doc["data_item"] = data_item
    doc["revision"] = revision
    return doc


def _name(display_name: str) -> dict[str, Any]:
    """The completion fields of a display name: its pinyin initials and its length (a
    shorter name completes first among equal matches)."""
    return {
        "display_name": display_name,
        "initials": list(initials(display_name)),
        "name_length": min(len(display_name), 10_000),
    }


def _time(record: Any) -> str | None:
    return record.update_time.ToJsonString() if record.HasField("update_time") else None
