"""The catalogue as DCAT-AP 2 JSON-LD, for open-data portals (CKAN's ckanext-dcat harvests it).

One ``dcat:Catalog`` with one ``dcat:Dataset`` per exported resource:

* ``dct:identifier`` — the 信息资源代码; ``dct:title``, ``dct:description`` (the 摘要), both
  tagged ``zh``; ``dct:language`` Chinese;
* ``dct:publisher`` — a ``foaf:Agent`` named after the providing organisation, with its 统一社会
  信用代码 as ``dct:identifier``;
* ``dcat:theme`` — the classification node as a ``skos:Concept`` (notation = classification
  code, label = its path) in the scheme 政务信息资源分类; ``dcat:keyword`` — the names on that
  path;
* ``dct:accrualPeriodicity`` — the update cycle as an EU frequency authority URI;
* ``dct:accessRights`` — PUBLIC when open to the public (开放), RESTRICTED when open on
  conditions or shared between government bodies only (共享 without 开放), NON_PUBLIC when
  neither shared nor open (不予共享, not opened);
* ``dct:issued`` (publication date), ``dct:modified`` (last change);
* ``dcat:distribution`` — one ``dcat:Distribution`` with the resource format as
  ``dct:format`` (a concept of govdata's format vocabulary: the guideline's formats have no
  one-to-one EU file type) and ``dcat:accessURL`` (the online link, else the dataset's IRI).

**Data items are a DCAT extension**, not prose: each is a ``gd:DataItem`` under
``gd:dataItem`` with ``gd:name``, ``gd:dataType`` (the guideline's letter code: C, N, D, ...),
``gd:length`` and the ``gd:key``/``gd:personal``/``gd:authoritative`` flags, and the sharing
terms are ``gd:shareType``, ``gd:shareConditions``, ``gd:legalBasis``. Structured, so a
harvester that knows the vocabulary keeps them exactly; one that does not ignores them
(DCAT-AP allows additional properties) and still has a complete DCAT-AP dataset. The ``gd:``
namespace is ``https://catalog.govdata.internal/ns#``.

The ``@context`` is inline, so a JSON-LD processor needs no network to read the document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm

BASE = "https://catalog.govdata.internal/"
GD = BASE + "ns#"
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/"
LANGUAGE_ZH = "http://publications.europa.eu/resource/authority/language/ZHO"

CONTEXT: dict[str, Any] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "gd": GD,
    "dct:issued": {"@type": "xsd:date"},
    "dct:modified": {"@type": "xsd:dateTime"},
    "dcat:dataset": {"@container": "@set"},
    "dcat:distribution": {"@container": "@set"},
    "dcat:keyword": {"@container": "@set"},
    "gd:dataItem": {"@container": "@list"},
    "gd:length": {"@type": "xsd:integer"},
    "gd:key": {"@type": "xsd:boolean"},
    "gd:personal": {"@type": "xsd:boolean"},
    "gd:authoritative": {"@type": "xsd:boolean"},
}

UPDATE_FREQUENCY = {
    cm.UPDATE_CYCLE_REAL_TIME: "CONT",
    cm.UPDATE_CYCLE_DAILY: "DAILY",
    cm.UPDATE_CYCLE_WEEKLY: "WEEKLY",
    cm.UPDATE_CYCLE_MONTHLY: "MONTHLY",
    cm.UPDATE_CYCLE_QUARTERLY: "QUARTERLY",
    cm.UPDATE_CYCLE_YEARLY: "ANNUAL",
    cm.UPDATE_CYCLE_IRREGULAR: "IRREG",
}
DATA_TYPE_CODE = {
    cm.DATA_ITEM_TYPE_CHARACTER: "C",
    cm.DATA_ITEM_TYPE_NUMBER: "N",
    cm.DATA_ITEM_TYPE_CURRENCY: "Y",
    cm.DATA_ITEM_TYPE_DATE: "D",
    cm.DATA_ITEM_TYPE_DATE_TIME: "T",
    cm.DATA_ITEM_TYPE_LOGICAL: "L",
    cm.DATA_ITEM_TYPE_MEMO: "M",
    cm.DATA_ITEM_TYPE_GENERAL: "G",
    cm.DATA_ITEM_TYPE_DOUBLE: "B",
    cm.DATA_ITEM_TYPE_INTEGER: "I",
    cm.DATA_ITEM_TYPE_FLOAT: "F",
}
FORMAT_LABEL = {
    cm.RESOURCE_FORMAT_ELECTRONIC_FILE: "电子文件",
    cm.RESOURCE_FORMAT_SPREADSHEET: "电子表格",
    cm.RESOURCE_FORMAT_DATABASE: "数据库",
    cm.RESOURCE_FORMAT_IMAGE: "图形图像",
    cm.RESOURCE_FORMAT_STREAMING_MEDIA: "流媒体",
    cm.RESOURCE_FORMAT_SELF_DESCRIBING: "自描述格式",
    cm.RESOURCE_FORMAT_SERVICE_INTERFACE: "接口",
}
SHARE_LABEL = {
    cm.SHARE_TYPE_UNCONDITIONAL: "无条件共享",
    cm.SHARE_TYPE_CONDITIONAL: "有条件共享",
    cm.SHARE_TYPE_NOT_SHARED: "不予共享",
}


def _zh(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "zh"}


def access_right(resource: c.InformationResource) -> str:
    """PUBLIC / RESTRICTED / NON_PUBLIC from the open and share attributes (module docstring)."""
    open_type = resource.open_attributes.open_type
    if open_type == c.OPEN_TYPE_OPEN:
        return "PUBLIC"
    if open_type == c.OPEN_TYPE_CONDITIONAL:
        return "RESTRICTED"
    if resource.sharing.share_type in (cm.SHARE_TYPE_UNCONDITIONAL, cm.SHARE_TYPE_CONDITIONAL):
        return "RESTRICTED"
    return "NON_PUBLIC"


def agent(org: c.Organization | None, fallback_name: str = "") -> dict[str, Any]:
    if org is None:
        return {"@type": "foaf:Agent", "foaf:name": _zh(fallback_name or "政务数据主管部门")}
    node: dict[str, Any] = {
        "@id": BASE + org.name,
        "@type": "foaf:Agent",
        "foaf:name": _zh(org.display_name),
    }
    if org.unified_social_credit_code:
        node["dct:identifier"] = org.unified_social_credit_code
    return node


def dataset(resource: c.InformationResource, provider: c.Organization | None) -> dict[str, Any]:
    iri = BASE + resource.name
    node: dict[str, Any] = {
        "@id": iri,
        "@type": "dcat:Dataset",
        "dct:identifier": resource.resource_code,
        "dct:title": _zh(resource.display_name),
        "dct:description": _zh(resource.abstract),
        "dct:publisher": agent(provider, resource.provider),
        "dct:language": {"@id": LANGUAGE_ZH},
        "dct:accessRights": {"@id": ACCESS_RIGHT + access_right(resource)},
    }
    cls = resource.classification
    if cls.classification_code:
        node["dcat:theme"] = {
            "@id": f"{BASE}classification/{cls.classification_code}",
            "@type": "skos:Concept",
            "skos:notation": cls.classification_code,
            "skos:prefLabel": _zh("/".join(cls.path) or cls.classification_code),
            "skos:inScheme": {
                "@id": f"{BASE}classification",
                "@type": "skos:ConceptScheme",
                "dct:title": _zh("政务信息资源分类"),
            },
        }
        node["dcat:keyword"] = [_zh(name) for name in cls.path]
    if resource.update_cycle in UPDATE_FREQUENCY:
        node["dct:accrualPeriodicity"] = {
            "@id": FREQUENCY + UPDATE_FREQUENCY[resource.update_cycle]
        }
    if resource.HasField("publish_date") and resource.publish_date.year:
        d = resource.publish_date
        node["dct:issued"] = f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if resource.HasField("update_time"):
        node["dct:modified"] = resource.update_time.ToJsonString()
    distribution: dict[str, Any] = {
        "@id": iri + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": _zh(resource.display_name),
        "dcat:accessURL": {"@id": resource.online_link or iri},
    }
    if resource.format in FORMAT_LABEL:
        distribution["dct:format"] = {
            "@id": f"{BASE}format/{cm.ResourceFormat.Name(resource.format)}",
            "@type": "dct:MediaTypeOrExtent",
            "skos:prefLabel": _zh(FORMAT_LABEL[resource.format]),
        }
    if resource.format_detail:
        distribution["dct:description"] = _zh(resource.format_detail)
    node["dcat:distribution"] = [distribution]
    sharing = resource.sharing
    if sharing.share_type in SHARE_LABEL:
        node["gd:shareType"] = _zh(SHARE_LABEL[sharing.share_type])
    if sharing.conditions:
        node["gd:shareConditions"] = _zh(sharing.conditions)
    if sharing.legal_basis:
        node["gd:legalBasis"] = _zh(sharing.legal_basis)
    if resource.data_items:
        node["gd:dataItem"] = [_data_item(item) for item in resource.data_items]
    return node


def _data_item(item: c.DataItem) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "gd:DataItem",
        "gd:name": _zh(item.name),
        "gd:dataType": DATA_TYPE_CODE.get(item.type, ""),
        "gd:key": item.key,
        "gd:personal": item.personal,
        "gd:authoritative": item.authoritative,
    }
    if item.length:
        node["gd:length"] = item.length
    if item.description:
        node["dct:description"] = _zh(item.description)
    return node


def catalog(
    organizations: Iterable[c.Organization],
    resources: Iterable[c.InformationResource],
    root: c.Organization | None = None,
) -> dict[str, Any]:
    """The JSON-LD document (a dict); ``root`` is the organisation exported, if one."""
    orgs = {org.name: org for org in organizations}
    resources = list(resources)
    datasets = [dataset(r, orgs.get(r.provider)) for r in resources]
    publisher = root
    if publisher is None:
        governments = [
            o for o in orgs.values() if not o.parent and o.kind == c.ORGANIZATION_KIND_GOVERNMENT
        ]
        publisher = governments[0] if len(governments) == 1 else None
    title = "政务信息资源目录" + (f"（{root.display_name}）" if root is not None else "")
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": BASE + (root.name if root is not None else "catalog"),
        "@type": "dcat:Catalog",
        "dct:title": _zh(title),
        "dct:description": _zh("按《政务信息资源目录编制指南》编制的政务信息资源目录"),
        "dct:publisher": agent(publisher),
        "dct:language": {"@id": LANGUAGE_ZH},
        "dcat:dataset": datasets,
    }
    changed = [r.update_time for r in resources if r.HasField("update_time")]
    if changed:
        document["dct:modified"] = max(changed, key=lambda t: (t.seconds, t.nanos)).ToJsonString()
    return document


def catalog_json(
    organizations: Iterable[c.Organization],
    resources: Iterable[c.InformationResource],
    root: c.Organization | None = None,
) -> bytes:
    return json.dumps(catalog(organizations, resources, root), ensure_ascii=False, indent=1).encode(
        "utf-8"
    )
