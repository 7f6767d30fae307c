"""DCAT-AP 2 JSON-LD of the catalogue: plain JSON with the expected structure, and JSON-LD a
processor (PyLD) expands to the expected RDF — datasets, identifiers, publishers, access
rights, frequencies, themes and the data-item extension."""

from __future__ import annotations

import json

from google.type import date_pb2
from pyld import jsonld

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog import dcat

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
GD = dcat.GD

GOVERNMENT = c.Organization(
    name="organizations/hx",
    display_name="海新区人民政府",
    unified_social_credit_code="11350100000000001X",
    kind=c.ORGANIZATION_KIND_GOVERNMENT,
)
CIVIL_AFFAIRS = c.Organization(
    name="organizations/minzheng",
    display_name="海新区民政局",
    unified_social_credit_code="11350100000000002X",
    kind=c.ORGANIZATION_KIND_DEPARTMENT,
    parent="organizations/hx",
)


def resource(code: str, **fields) -> c.InformationResource:
    res = c.InformationResource(
        name=f"organizations/minzheng/resources/r-{code[-2:]}",
        resource_code=code,
        display_name="最低生活保障对象信息",
        abstract="低保对象家庭及成员信息",
        provider="organizations/minzheng",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_MONTHLY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_BASE,
            classification_code="101001",
            path=["基础信息资源", "人口", "户籍"],
        ),
        sharing=c.SharingAttributes(
            share_type=cm.SHARE_TYPE_CONDITIONAL,
            share_method=cm.SHARE_METHOD_INTERFACE,
            conditions="用于社会救助核对",
            legal_basis="《社会救助暂行办法》",
        ),
        publish_date=date_pb2.Date(year=2024, month=3, day=1),
        data_items=[
            c.DataItem(name="姓名", type=cm.DATA_ITEM_TYPE_CHARACTER, length=50, personal=True),
            c.DataItem(name="身份证号", type=cm.DATA_ITEM_TYPE_CHARACTER, length=18, key=True),
        ],
        state=c.RESOURCE_STATE_PUBLISHED,
    )
    res.update_time.FromJsonString("2024-03-02T08:00:00Z")
    for key, value in fields.items():
        if isinstance(value, c.SharingAttributes | c.OpenAttributes):
            getattr(res, key).CopyFrom(value)
        else:
            setattr(res, key, value)
    return res


RESOURCES = [
    resource("101001/000001"),
    resource(
        "101001/000002",
        open_attributes=c.OpenAttributes(open_type=c.OPEN_TYPE_OPEN),
        update_cycle=cm.UPDATE_CYCLE_YEARLY,
    ),
    resource(
        "101001/000003",
        sharing=c.SharingAttributes(share_type=cm.SHARE_TYPE_NOT_SHARED, legal_basis="《保密法》"),
        update_cycle=cm.UPDATE_CYCLE_REAL_TIME,
    ),
]


def document() -> dict:
    return json.loads(dcat.catalog_json([GOVERNMENT, CIVIL_AFFAIRS], RESOURCES))


def test_plain_json_with_a_catalog_of_datasets() -> None:
    doc = document()
    assert doc["@type"] == "dcat:Catalog" and "@context" in doc
    assert doc["dct:publisher"]["foaf:name"]["@value"] == "海新区人民政府"
    datasets = doc["dcat:dataset"]
    assert [d["dct:identifier"] for d in datasets] == [r.resource_code for r in RESOURCES]
    first = datasets[0]
    assert first["@type"] == "dcat:Dataset"
    assert first["dct:title"] == {"@value": "最低生活保障对象信息", "@language": "zh"}
    assert first["dct:publisher"]["foaf:name"]["@value"] == "海新区民政局"
    assert first["dct:publisher"]["dct:identifier"] == CIVIL_AFFAIRS.unified_social_credit_code
    assert first["dct:issued"] == "2024-03-01"
    assert first["dcat:theme"]["skos:notation"] == "101001"
    assert [k["@value"] for k in first["dcat:keyword"]] == ["基础信息资源", "人口", "户籍"]
    assert first["dcat:distribution"][0]["dct:format"]["skos:prefLabel"]["@value"] == "数据库"
    assert [i["gd:name"]["@value"] for i in first["gd:dataItem"]] == ["姓名", "身份证号"]
    assert first["gd:dataItem"][1]["gd:dataType"] == "C"


def test_access_rights_and_frequencies_use_the_eu_vocabularies() -> None:
    rights = [d["dct:accessRights"]["@id"].rsplit("/", 1)[1] for d in document()["dcat:dataset"]]
    assert rights == ["RESTRICTED", "PUBLIC", "NON_PUBLIC"]
    frequencies = [
        d["dct:accrualPeriodicity"]["@id"].rsplit("/", 1)[1] for d in document()["dcat:dataset"]
    ]
    assert frequencies == ["MONTHLY", "ANNUAL", "CONT"]


def test_a_json_ld_processor_reads_the_expected_rdf() -> None:
    quads = jsonld.to_rdf(document(), {"format": "application/n-quads"})
    triples = [line for line in quads.splitlines() if line]
    datasets = [t for t in triples if t.endswith(f"<{RDF_TYPE}> <{DCAT}Dataset> .")]
    assert len(datasets) == 3
    expanded = jsonld.expand(document())
    catalog = expanded[0]
    assert catalog["@type"] == [f"{DCAT}Catalog"]
    sets = catalog[f"{DCAT}dataset"]
    identifiers = sorted(s[f"{DCT}identifier"][0]["@value"] for s in sets)
    assert identifiers == ["101001/000001", "101001/000002", "101001/000003"]
    first = next(s for s in sets if s[f"{DCT}identifier"][0]["@value"] == "101001/000001")
    assert first[f"{DCT}title"] == [{"@value": "最低生活保障对象信息", "@language": "zh"}]
    assert first[f"{DCT}issued"][0]["@type"] == "http://www.w3.org/2001/XMLSchema#date"
    items = first[f"{GD}dataItem"][0]["@list"]  # the data items keep their order
    assert [i[f"{GD}name"][0]["@value"] for i in items] == ["姓名", "身份证号"]
    assert items[0][f"{GD}personal"][0]["@value"] is True


def test_an_organisation_s_export_is_published_by_it() -> None:
    doc = json.loads(dcat.catalog_json([GOVERNMENT, CIVIL_AFFAIRS], RESOURCES[:1], CIVIL_AFFAIRS))
    assert doc["@id"].endswith("organizations/minzheng")
    assert doc["dct:publisher"]["foaf:name"]["@value"] == "海新区民政局"
    assert "海新区民政局" in doc["dct:title"]["@value"]
