"""OpenSearch index layout of the catalogue search: analysis, mappings, aliases.

Chinese government text is not segmented, so every text field is analysed twice: with CJK
bigrams (``analysis-common``: finds any two-character word inside a longer phrase, e.g.
"不动产" inside "不动产登记信息") and, where the ``analysis-smartcn`` plugin is loaded, with
its dictionary-based segmenter as a ``.smart`` sub-field that rewards whole-word matches.
Queries use both. Readers and writers address aliases; concrete indices carry a version
suffix so a rebuild can fill a new index and swap the alias (as pypi/warehouse does).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# v2: one index per result kind, one mapping for all (cross-kind search), pinyin initials.
LAYOUT_VERSION = "v2"
# How soon a write is searchable: half OpenSearch's default second, so a change is found
# within a second of its event being applied (issue 5's lag goal); a rebuild fills its new
# indices with refresh off (-1) and sets this before the swap.
REFRESH_INTERVAL = "500ms"
# How long a writer trusts its knowledge of whether a rebuild is filling a new index
# (``rebuild.py`` waits twice this before reading the catalogue).
TARGETS_TTL = 1.0


def building(alias: str) -> str:
    """The alias of the index a rebuild is filling for ``alias`` (exists only meanwhile)."""
    return f"{alias}-building"


def is_building(target: str) -> bool:
    """Whether ``target`` is a building alias (``building``), which a swap may remove."""
    return target.endswith(building(""))


class LayoutOutdated(Exception):
    """The live indices were made by an older layout: ``make reindex`` brings them up."""


@dataclass(frozen=True)
class Indices:
    """The aliases one deployment uses, one per result kind; tests and benchmarks use their
    own prefix to stay apart."""

    prefix: str = "govdata-"

    @property
    def resources(self) -> str:
        return f"{self.prefix}resources"

    @property
    def data_items(self) -> str:
        return f"{self.prefix}data-items"

    @property
    def systems(self) -> str:
        return f"{self.prefix}systems"

    @property
    def organizations(self) -> str:
        return f"{self.prefix}organizations"

    @property
    def by_kind(self) -> dict[str, str]:
        """Alias per ``ResultKind`` name, in the order results of equal score are listed."""
        return {
            "RESULT_KIND_RESOURCE": self.resources,
            "RESULT_KIND_DATA_ITEM": self.data_items,
            "RESULT_KIND_SYSTEM": self.systems,
            "RESULT_KIND_ORGANIZATION": self.organizations,
        }


def has_smartcn(client: Any) -> bool:
    """Whether the cluster has the smartcn analyzer (checked at start, logged)."""
    for node in client.nodes.info(metric="plugins")["nodes"].values():
        if any(
            p.get("name") == "analysis-smartcn" or "smartcn" in p.get("classname", "").lower()
            for p in node.get("plugins", []) + node.get("modules", [])
        ):
            return True
    try:  # classpath plugins of an embedded node may not be listed: ask the analyzer itself
        client.indices.analyze(body={"analyzer": "smartcn", "text": "不动产"})
        return True
    except Exception:
        return False


def _text(smart: bool, keyword: bool = False) -> dict[str, Any]:
    field: dict[str, Any] = {"type": "text", "analyzer": "zh_bigram"}
    fields: dict[str, Any] = {}
    if smart:
        fields["smart"] = {"type": "text", "analyzer": "smartcn"}
    if keyword:
        fields["keyword"] = {"type": "keyword", "ignore_above": 256}
    if fields:
        field["fields"] = fields
    return field


def settings(smart: bool, refresh: str = REFRESH_INTERVAL) -> dict[str, Any]:
    return {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "refresh_interval": refresh,
        "analysis": {
            "analyzer": {
                "zh_bigram": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["cjk_width", "lowercase", "cjk_bigram"],
                },
                "code_prefix": {
                    "type": "custom",
                    "tokenizer": "keyword",
                    "filter": ["uppercase", "code_edge"],
                },
            },
            "filter": {"code_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 24}},
        },
    }


def mappings(smart: bool) -> dict[str, Any]:
    """One mapping for every kind's index, so one query, filter and facet works across them
    (a field a kind lacks is simply absent from its documents)."""
    keyword = {"type": "keyword"}
    return {
        "dynamic": "strict",
        "_meta": {"layout": LAYOUT_VERSION},
        "properties": {
            "result_kind": keyword,
            "name": keyword,
            "data_item": keyword,
            # resource code, or an organisation's unified social credit code
            "code": {
                "type": "keyword",
                "fields": {
                    "prefix": {
                        "type": "text",
                        "analyzer": "code_prefix",
                        "search_analyzer": "keyword",
                    }
                },
            },
            "resource_code": keyword,
            "display_name": _text(smart, keyword=True),
            "initials": keyword,
            "name_length": {"type": "short"},
            "resource_title": _text(smart),
            "abstract": _text(smart),
            "data_items": _text(smart),
            "provider": keyword,
            "provider_office": keyword,
            "share_type": keyword,
            "open_type": keyword,
            "format": keyword,
            "update_cycle": keyword,
            "classification_code": keyword,
            "classification_category": keyword,
            "source_systems": keyword,
            "state": keyword,
            "parent": keyword,
            "kind": keyword,
            "unified_social_credit_code": keyword,
            "deleted": {"type": "boolean"},
            "revision": {"type": "long"},
            "update_time": {"type": "date"},
        },
    }


def create(client: Any, concrete: str, smart: bool, refresh: str = REFRESH_INTERVAL) -> None:
    """Create one concrete index with the current layout."""
    client.indices.create(
        index=concrete, body={"settings": settings(smart, refresh), "mappings": mappings(smart)}
    )


def ensure(client: Any, indices: Indices, check_layout: bool = True) -> bool:
    """Create each alias with its first concrete index if missing.

    Returns whether the live indices have the ``.smart`` (smartcn) sub-fields, which the
    query builder then uses. Raises ``LayoutOutdated`` when a live index was made by an older
    layout (the api cannot rebuild it: that reads the catalogue). Safe to run from the api
    and the worker at once.
    """
    from opensearchpy.exceptions import RequestError

    smart = has_smartcn(client)
    for alias in indices.by_kind.values():
        if client.indices.exists_alias(name=alias):
            continue
        concrete = f"{alias}-{LAYOUT_VERSION}"
        try:
            create(client, concrete, smart)
        except RequestError as exc:
            if exc.error != "resource_already_exists_exception":
                raise
        client.indices.put_alias(index=concrete, name=alias)
    outdated = sorted(
        f"{alias} ({layout})"
        for alias in indices.by_kind.values()
        if (layout := live_layout(client, alias)) != LAYOUT_VERSION
    )
    if outdated and check_layout:
        raise LayoutOutdated(
            f"search indices of an older layout: {', '.join(outdated)}; this version needs "
            f"{LAYOUT_VERSION}: run `make reindex` (python -m govdata.search.rebuild)"
        )
    live = client.indices.get_mapping(index=indices.resources)
    fields = next(iter(live.values()))["mappings"]["properties"]["display_name"].get("fields", {})
    smart_live = "smart" in fields
    log.info(
        "Chinese analysis: CJK bigrams%s",
        " + smartcn dictionary segmentation" if smart_live else " (smartcn not loaded)",
    )
    return smart_live


def live_layout(client: Any, alias: str) -> str:
    """The layout version of the index behind ``alias`` ("v1" predates the marker)."""
    live = client.indices.get_mapping(index=alias)
    return str(next(iter(live.values()))["mappings"].get("_meta", {}).get("layout", "v1"))


def ensure_when_ready(
    client: Any, indices: Indices, timeout: float = 90.0, check_layout: bool = True
) -> bool:
    """``ensure``, waiting (bounded) for a search engine that is still starting.

    A process that starts together with OpenSearch (a pod restart, ``make run``) should wait
    for it rather than crash-loop; past ``timeout`` the last error is raised.
    """
    from opensearchpy.exceptions import ConnectionError as EngineDown
    from opensearchpy.exceptions import ConnectionTimeout, TransportError

    deadline = time.monotonic() + timeout
    while True:
        try:
            return ensure(client, indices, check_layout)
        except (EngineDown, ConnectionTimeout, TransportError) as exc:
            status = getattr(exc, "status_code", None)
            if (isinstance(status, int) and status < 500) or time.monotonic() > deadline:
                raise
            log.warning("OpenSearch not ready (%s); retrying", exc.__class__.__name__)
            time.sleep(2)
