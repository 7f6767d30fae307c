"""Test data for the end-to-end tests: a few organisations and resources of a district."""

from __future__ import annotations

import secrets

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.search.v1 import search_pb2 as s
from govdata.catalog.credit_code import check_character, organization_code_check

from .conftest import caller


def credit_code() -> str:
    """A fresh valid unified social credit code (codes are unique across organisations)."""
    first16 = f"91359902{secrets.randbelow(10**8):08d}"
    first17 = first16 + organization_code_check(first16[8:])
    return first17 + check_character(first17)


REAL_ESTATE = ["不动产登记信息", "不动产权属信息", "不动产抵押登记信息", "不动产查封登记信息"]
OTHERS = [
    ("最低生活保障对象信息", "低保对象家庭成员及保障金发放", cm.SHARE_TYPE_CONDITIONAL),
    ("机动车登记信息", "机动车所有人、号牌及车辆价值", cm.SHARE_TYPE_CONDITIONAL),
    ("住房公积金缴存信息", "缴存基数、月缴存额及余额", cm.SHARE_TYPE_CONDITIONAL),
    ("企业登记信息", "企业名称、法定代表人及股东", cm.SHARE_TYPE_UNCONDITIONAL),
    ("户籍人口信息", "常住户口登记及户籍变动", cm.SHARE_TYPE_CONDITIONAL),
    ("纳税人登记信息", "纳税人识别号及登记状态", cm.SHARE_TYPE_UNCONDITIONAL),
    ("社会保险参保信息", "参保人员及缴费基数", cm.SHARE_TYPE_CONDITIONAL),
    ("房屋租赁备案信息", "租赁合同备案情况，与房屋坐落关联", cm.SHARE_TYPE_UNCONDITIONAL),
    ("婚姻登记信息", "结婚与离婚登记记录", cm.SHARE_TYPE_NOT_SHARED),
    ("残疾人证信息", "残疾类别与等级", cm.SHARE_TYPE_CONDITIONAL),
    ("学籍信息", "在校学生学籍与就读学校", cm.SHARE_TYPE_CONDITIONAL),
    ("出生医学证明信息", "新生儿出生医学证明签发记录", cm.SHARE_TYPE_CONDITIONAL),
    ("殡葬火化信息", "死亡人员火化记录", cm.SHARE_TYPE_UNCONDITIONAL),
    ("个体工商户登记信息", "个体工商户经营者及经营场所", cm.SHARE_TYPE_UNCONDITIONAL),
    ("建设工程规划许可信息", "规划许可证号与建设单位", cm.SHARE_TYPE_UNCONDITIONAL),
    ("失业登记信息", "失业人员登记与就业援助", cm.SHARE_TYPE_CONDITIONAL),
]


def organization(tag: str, i: int, title: str) -> c.Organization:
    return c.Organization(
        display_name=f"{title}{tag}",
        unified_social_credit_code=credit_code(),
        kind=c.ORGANIZATION_KIND_DEPARTMENT,
    )


def resource(title: str, abstract: str, share: int, items: list[str]) -> c.InformationResource:
    sharing = c.SharingAttributes(share_type=share, share_method=cm.SHARE_METHOD_INTERFACE)
    if share != cm.SHARE_TYPE_UNCONDITIONAL:
        sharing.legal_basis = "《政务信息资源共享管理暂行办法》第九条"
    if share == cm.SHARE_TYPE_CONDITIONAL:
        sharing.conditions = "限于履行法定职责，需说明用途"
    return c.InformationResource(
        display_name=title,
        abstract=abstract,
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        sharing=sharing,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_BASE, classification_code="103001"
        ),
        data_items=[c.DataItem(name=n, type=cm.DATA_ITEM_TYPE_CHARACTER, length=64) for n in items],
    )


def publish(catalog, created: c.InformationResource) -> c.InformationResource:
    submitted = catalog.SubmitInformationResource(
        c.SubmitInformationResourceRequest(name=created.name, etag=created.etag), metadata=caller()
    )
    return catalog.PublishInformationResource(
        c.PublishInformationResourceRequest(name=submitted.name, etag=submitted.etag),
        metadata=caller(),
    )


def register_published(
    catalog, parent: str, title: str, abstract: str, items: list[str]
) -> c.InformationResource:
    """Register an unconditionally shared resource under ``parent`` and publish it."""
    created = catalog.CreateInformationResource(
        c.CreateInformationResourceRequest(
            parent=parent,
            information_resource=resource(title, abstract, cm.SHARE_TYPE_UNCONDITIONAL, items),
        ),
        metadata=caller(),
    )
    return publish(catalog, created)


def department(catalog, organization_id: str, tag: str, title: str) -> c.Organization:
    """Register a department of the test's own (``title`` + ``tag``, a fresh credit code)."""
    return catalog.CreateOrganization(
        c.CreateOrganizationRequest(
            organization_id=organization_id, organization=organization(tag, 0, title)
        ),
        metadata=caller(),
    )


def exactly_found(search, query: str, provider: str, written: list[c.InformationResource]) -> None:
    """A search for ``query`` within ``provider`` finds ``written``: each once, nothing else
    (nothing lost, nothing twice), over every page. Raises AssertionError otherwise, for
    ``eventually``."""
    found: list[str] = []
    token, total = "", -1
    while True:
        response = search.Search(
            s.SearchRequest(
                query=query,
                providers=[provider],
                page_size=100,
                page_token=token,
                kinds=[s.RESULT_KIND_RESOURCE],
            ),
            metadata=caller(),
        )
        found += [r.name for r in response.results]
        total, token = response.total_size, response.next_page_token
        if not token:
            break
    expected = sorted(r.name for r in written)
    assert sorted(found) == expected, (
        f"{query!r}: missing {sorted(set(expected) - set(found))}, "
        f"unexpected {sorted(set(found) - set(expected))}, "
        f"twice {sorted({n for n in found if found.count(n) > 1})}"
    )
    assert total == len(written), (total, len(written))
