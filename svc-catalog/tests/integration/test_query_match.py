"""Lists served from the read model answer exactly what the store's scan of the real FerretDB
answers: the same records, order, totals and page tokens, for every form of filter the List
methods build (``query_match.py``)."""

from __future__ import annotations

import pytest

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog.duties import Duties
from govdata.catalog.read_model import CatalogueReadModel, WriteListeners
from govdata.catalog.services import Catalog
from govdata.catalog.store import CatalogStore

from .conftest import credit_code

QUERIES = [
    {},
    {"organization": "organizations/minzheng"},
    {"state": "RESOURCE_STATE_DRAFT"},
    {"share_type": {"$in": ["SHARE_TYPE_CONDITIONAL", "SHARE_TYPE_NOT_SHARED"]}},
    {"state": {"$ne": "RESOURCE_STATE_DRAFT"}},
    {"classification_code": {"$regex": "^1010"}},
    {"duties": "organizations/minzheng/duties/dibao-shenpi"},
    {"resource.format": "RESOURCE_FORMAT_DATABASE"},
    {"resource_code": {"$in": ["101001/000002", "nothing"]}},
    {
        "$or": [
            {"state": "RESOURCE_STATE_PUBLISHED"},
            {"organization": {"$in": ["organizations/gongan"]}},
        ]
    },
    {
        "$and": [
            {"organization": "organizations/minzheng"},
            {
                "$or": [
                    {"state": "RESOURCE_STATE_SUBMITTED"},
                    {"share_type": "SHARE_TYPE_UNCONDITIONAL"},
                ]
            },
        ]
    },
    {"provider_office": {"$exists": False}},
]


def resource(i: int, duty: str) -> c.InformationResource:
    share = [cm.SHARE_TYPE_UNCONDITIONAL, cm.SHARE_TYPE_CONDITIONAL, cm.SHARE_TYPE_NOT_SHARED][
        i % 3
    ]
    return c.InformationResource(
        display_name=f"资源{i}",
        abstract="摘要",
        format=[cm.RESOURCE_FORMAT_DATABASE, cm.RESOURCE_FORMAT_SPREADSHEET][i % 2],
        update_cycle=cm.UPDATE_CYCLE_MONTHLY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_BASE,
            classification_code=["101001", "102001"][i % 2],
        ),
        sharing=c.SharingAttributes(
            share_type=share,
            share_method=cm.SHARE_METHOD_INTERFACE,
            conditions="仅限低保审核" if share == cm.SHARE_TYPE_CONDITIONAL else "",
            legal_basis="《社会救助暂行办法》" if share != cm.SHARE_TYPE_UNCONDITIONAL else "",
        ),
        duties=[duty] if i % 3 == 0 else [],
        data_items=[c.DataItem(name=f"项{i}", type=cm.DATA_ITEM_TYPE_CHARACTER)],
    )


@pytest.fixture
def stores(mongo_db) -> tuple[CatalogStore, CatalogStore]:
    """The same database through a store that scans and one whose Lists the read model
    serves."""
    scanning = CatalogStore(mongo_db)
    scanning.ensure_indexes()
    listeners = WriteListeners()
    served = CatalogStore(mongo_db, notify=listeners)
    listeners.add(CatalogueReadModel(served).notify)
    catalog = Catalog(served)
    for org_id, n in (("minzheng", 3), ("gongan", 4)):
        catalog.create_organization(
            org_id,
            c.Organization(
                display_name=org_id,
                unified_social_credit_code=credit_code(n),
                kind=c.ORGANIZATION_KIND_DEPARTMENT,
            ),
        )
    duty = Duties(served).create(
        "organizations/minzheng",
        "dibao-shenpi",
        c.Duty(display_name="最低生活保障审批", kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION),
    )
    for i in range(9):
        org = "organizations/minzheng" if i < 6 else "organizations/gongan"
        made = catalog.create_resource(org, f"r{i}", resource(i, duty.name))
        if i % 4 in (1, 2):
            made = catalog.transition(made.name, made.etag, c.RESOURCE_STATE_SUBMITTED)
        if i % 4 == 2:
            catalog.transition(made.name, made.etag, c.RESOURCE_STATE_PUBLISHED)
    return scanning, served


@pytest.mark.parametrize("query", QUERIES, ids=[str(i) for i in range(len(QUERIES))])
def test_every_filter_form_pages_alike(stores, query) -> None:
    scanning, served = stores
    token_a = token_b = ""
    pages = 0
    while True:
        a = scanning.resources.list(query, 2, token_a)
        b = served.resources.list(query, 2, token_b)
        assert [d["_id"] for d in b.documents] == [d["_id"] for d in a.documents]
        assert (b.total_size, b.next_page_token) == (a.total_size, a.next_page_token)
        assert [served.resource(d) for d in b.documents] == [
            scanning.resource(d) for d in a.documents
        ]
        pages += 1
        if not a.next_page_token:
            break
        token_a, token_b = a.next_page_token, b.next_page_token
    assert pages <= 5


def test_the_filters_select_something_and_not_everything(stores) -> None:
    """Guards the comparison above against vacuous agreement (everything empty)."""
    scanning, _ = stores
    totals = [scanning.resources.list(q, 1, "").total_size for q in QUERIES]
    assert totals[0] == 9
    assert all(0 < t < 9 for t in totals[1:-1]), totals
