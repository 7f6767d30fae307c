"""The exchange's copy of a resource's sharing terms, applied in any delivery order."""

from __future__ import annotations

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2 as e
from govdata.exchange.worker import sharing_terms

NAME = "organizations/gongan/resources/vehicles"


def changed(
    revision: int, share: int, kind: int = e.CHANGE_KIND_UPDATED
) -> e.InformationResourceChanged:
    res = c.InformationResource(
        name=NAME,
        provider="organizations/gongan",
        sharing=c.SharingAttributes(share_type=share, conditions="限于核对", legal_basis="条例"),
        data_items=[c.DataItem(name="公民身份号码", key=True), c.DataItem(name="号牌号码")],
    )
    return e.InformationResourceChanged(kind=kind, name=NAME, revision=revision, resource=res)


def test_terms_carry_share_type_and_key_items() -> None:
    terms = sharing_terms(changed(3, cm.SHARE_TYPE_CONDITIONAL))
    assert terms["share_type"] == "SHARE_TYPE_CONDITIONAL"
    assert terms["key_items"] == ["公民身份号码"] and terms["data_items"] == [
        "公民身份号码",
        "号牌号码",
    ]
    assert terms["legal_basis"] == "条例" and not terms["deleted"]
