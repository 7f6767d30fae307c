"""The unified view and the system inventory analysis over real gRPC, on the real FerretDB.

A small district is built first, every record through the api (resources walk their real
lifecycle). Then each read method is called as the data authority
(``CALLER``, platform_admin), as the civil-affairs bureau's catalogue system (``EDITOR``,
organisation ``minzheng``) and as the audit office (``AUDITOR``, another department), which
sees only published resources.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm

from .conftest import AUDITOR, CALLER, EDITOR, credit_code

HX = "organizations/hx"
MZ = "organizations/minzheng"
MZ_OFFICE = "organizations/minzheng-jzk"
GA = "organizations/gonganju"
JD = "organizations/jiedao"
ZJ = "organizations/zhujian"
NOW = datetime.now(UTC)

MZ_DIBAO_FUNCTION = (
    "城乡低保对象申请受理、家庭经济状况核对、低保待遇审批与资金发放管理，"
    "支持街道经办人员在线办理，实现低保对象动态管理。"
)
JD_DIBAO_FUNCTION = "街道低保申请登记，低保对象家庭经济状况入户调查与核对，低保金发放台账管理。"


def violations(error: grpc.RpcError) -> list[str]:
    status = rpc_status.from_call(error)
    fields = []
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields += [v.field for v in bad.field_violations]
    return fields


def refused(method, request, metadata=CALLER) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as caught:
        method(request, metadata=metadata)
    return caught.value


def walk(method, request, metadata=CALLER, field="data_items") -> list:
    """Every item of a paged list, page by page."""
    items, token = [], ""
    while True:
        request.page_token = token
        response = method(request, metadata=metadata)
        items += list(getattr(response, field))
        token = response.next_page_token
        if not token:
            return items


# -- the district -------------------------------------------------------------------------------


def _org(stub, org_id, kind, parent, n) -> None:
    stub.CreateOrganization(
        c.CreateOrganizationRequest(
            organization_id=org_id,
            organization=c.Organization(
                display_name=org_id,
                unified_social_credit_code=credit_code(n),
                kind=kind,
                parent=parent,
            ),
        ),
        metadata=CALLER,
    )


def _resource(stub, org, res_id, items, state, **fields) -> c.InformationResource:
    res = c.InformationResource(
        display_name=fields.pop("display_name", res_id),
        abstract=f"{res_id} 的摘要",
        format=fields.pop("format", cm.RESOURCE_FORMAT_DATABASE),
        update_cycle=cm.UPDATE_CYCLE_MONTHLY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_BASE, classification_code="101001"
        ),
        sharing=c.SharingAttributes(
            share_type=fields.pop("share_type", cm.SHARE_TYPE_CONDITIONAL),
            share_method=cm.SHARE_METHOD_INTERFACE,
            conditions="用于社会救助核对",
            legal_basis="《社会救助暂行办法》",
        ),
        data_items=[
            c.DataItem(
                name=name.rstrip("*"), type=cm.DATA_ITEM_TYPE_CHARACTER, authoritative="*" in name
            )
            for name in items
        ],
        **fields,
    )
    created = stub.CreateInformationResource(
        c.CreateInformationResourceRequest(
            parent=org, information_resource_id=res_id, information_resource=res
        ),
        metadata=CALLER,
    )
    steps = {
        c.RESOURCE_STATE_SUBMITTED: [stub.SubmitInformationResource],
        c.RESOURCE_STATE_PUBLISHED: [
            stub.SubmitInformationResource,
            stub.PublishInformationResource,
        ],
    }
    for step in steps.get(state, []):
        request_type = (
            c.SubmitInformationResourceRequest
            if step == stub.SubmitInformationResource
            else c.PublishInformationResourceRequest
        )
        created = step(request_type(name=created.name, etag=created.etag), metadata=CALLER)
    return created


def _duty(stub, name, title, code, systems=()) -> None:
    org, duty_id = name.split("/duties/")
    stub.CreateDuty(
        c.CreateDutyRequest(
            parent=org,
            duty_id=duty_id,
            duty=c.Duty(
                display_name=title,
                item_code=code,
                kind=c.DUTY_KIND_ADMINISTRATIVE_PAYMENT,
                systems=systems,
            ),
        ),
        metadata=CALLER,
    )


def _system(stub, name, function, **fields) -> None:
    org, system_id = name.split("/systems/")
    system = c.InformationSystem(
        display_name=system_id,
        function=function,
        status=fields.pop("status", c.SYSTEM_STATUS_IN_OPERATION),
        usage_frequency=fields.pop("usage_frequency", c.USAGE_FREQUENCY_DAILY),
        scope=fields.pop("scope", c.SYSTEM_SCOPE_DEPARTMENT),
        build_funding=c.FUNDING_SOURCE_LOCAL_FISCAL,
        operation_funding=c.FUNDING_SOURCE_LOCAL_FISCAL,
    )
    system.last_used_time.FromDatetime(fields.pop("last_used", NOW - timedelta(days=1)))
    for key, value in fields.items():
        if isinstance(value, list):
            getattr(system, key).extend(value)
        else:
            setattr(system, key, value)
    stub.CreateInformationSystem(
        c.CreateInformationSystemRequest(
            parent=org, information_system_id=system_id, information_system=system
        ),
        metadata=CALLER,
    )


def _demand(stub, name, resource, items, state) -> None:
    org, demand_id = name.split("/demands/")
    stub.CreateSharingDemand(
        c.CreateSharingDemandRequest(
            parent=org,
            sharing_demand_id=demand_id,
            sharing_demand=c.SharingDemand(
                display_name=demand_id,
                duty=f"{MZ}/duties/dibao",
                description="核对需要",
                resource=resource,
                data_items=items,
                state=state,
            ),
        ),
        metadata=CALLER,
    )


@pytest.fixture
def district(stub) -> None:
    """The district, every record written through the api (so the read model follows the
    writes from the store's notifications, as in production)."""
    _org(stub, "hx", c.ORGANIZATION_KIND_GOVERNMENT, "", 1)
    for n, org_id in enumerate(("minzheng", "gonganju", "jiedao", "zhujian"), start=2):
        _org(stub, org_id, c.ORGANIZATION_KIND_DEPARTMENT, HX, n)
    _org(stub, "minzheng-jzk", c.ORGANIZATION_KIND_INTERNAL_OFFICE, MZ, 9)

    # systems and duties (the same 低保 matter at the bureau and at the street office)
    _system(stub, f"{MZ}/systems/dibao", MZ_DIBAO_FUNCTION)
    _system(stub, f"{GA}/systems/huji", "常住人口户籍登记、迁移与身份证件管理。")
    _duty(
        stub, f"{MZ}/duties/dibao", "最低生活保障对象认定", "330217012000", [f"{MZ}/systems/dibao"]
    )
    _duty(stub, f"{JD}/duties/dibao", "最低生活保障申请受理", "330217012000")
    _duty(stub, f"{GA}/duties/huji", "户口登记", "330218001000", [f"{GA}/systems/huji"])
    _system(stub, f"{JD}/systems/dibao", JD_DIBAO_FUNCTION, duties=[f"{JD}/duties/dibao"])
    _system(
        stub,
        f"{MZ}/systems/archive",
        "救助档案电子化扫描与借阅登记。",
        last_used=datetime(2024, 1, 5, tzinfo=UTC),
        status=c.SYSTEM_STATUS_MAINTENANCE_STOPPED,
        scope=c.SYSTEM_SCOPE_OFFICE,
        usage_frequency=c.USAGE_FREQUENCY_RARELY,
    )
    _system(stub, f"{ZJ}/systems/oa", "住建局公文流转。", out_of_step_with_business=True)
    _system(
        stub,
        f"{ZJ}/systems/old",
        "旧版房产测绘。",
        status=c.SYSTEM_STATUS_DECOMMISSIONED,
        out_of_step_with_business=True,
    )

    # resources, in their lifecycle states
    _resource(
        stub,
        MZ,
        "dibao",
        ["公民身份号码", "姓名", "家庭人口数", "家庭月收入", "低保金额*"],
        c.RESOURCE_STATE_PUBLISHED,
        display_name="最低生活保障对象信息",
        source_systems=[f"{MZ}/systems/dibao"],
    )
    _resource(
        stub,
        MZ,
        "tekun",
        ["特困人员姓名", "供养方式"],
        c.RESOURCE_STATE_DRAFT,
        provider_office=MZ_OFFICE,
        share_type=cm.SHARE_TYPE_UNCONDITIONAL,
    )
    _resource(
        stub,
        GA,
        "huji",
        ["公民身份号码*", "姓名", "户籍地址"],
        c.RESOURCE_STATE_PUBLISHED,
        format=cm.RESOURCE_FORMAT_SERVICE_INTERFACE,
    )
    _resource(
        stub,
        JD,
        "taizhang",
        ["公民身份号码", "姓名", "家庭人口数", "家庭月收入", "入户调查结论"],
        c.RESOURCE_STATE_PUBLISHED,
        source_systems=[f"{JD}/systems/dibao"],
    )
    _resource(stub, ZJ, "fangchan", ["房产面积"], c.RESOURCE_STATE_SUBMITTED)

    # demands
    _demand(stub, f"{GA}/demands/dibao", f"{MZ}/resources/dibao", ["低保金额"], c.DEMAND_STATE_OPEN)
    _demand(stub, f"{JD}/demands/dibao", f"{MZ}/resources/dibao", [], c.DEMAND_STATE_MATCHED)
    _demand(
        stub,
        f"{MZ}/demands/fangchan",
        f"{ZJ}/resources/fangchan",
        ["房产面积"],
        c.DEMAND_STATE_OPEN,
    )
    _demand(stub, f"{MZ}/demands/cheliang", "", ["车辆品牌", "姓名"], c.DEMAND_STATE_OPEN)
    _demand(stub, f"{MZ}/demands/closed", f"{GA}/resources/huji", [], c.DEMAND_STATE_CLOSED)
    _demand(
        stub, f"{MZ_OFFICE}/demands/huji", f"{GA}/resources/huji", ["户籍地址"], c.DEMAND_STATE_OPEN
    )


# -- ListDataItems ------------------------------------------------------------------------------


def test_data_items_of_a_department_and_its_offices_page_by_page(stub, district) -> None:
    request = c.ListDataItemsRequest(parent=MZ, page_size=2)
    first = stub.ListDataItems(request, metadata=CALLER)
    assert first.total_size == 7 and len(first.data_items) == 2 and first.next_page_token
    items = walk(stub.ListDataItems, c.ListDataItemsRequest(parent=MZ, page_size=2))
    assert [(e.resource.rsplit("/", 1)[1], e.data_item.name) for e in items] == [
        ("dibao", "公民身份号码"),
        ("dibao", "姓名"),
        ("dibao", "家庭人口数"),
        ("dibao", "家庭月收入"),
        ("dibao", "低保金额"),
        ("tekun", "特困人员姓名"),
        ("tekun", "供养方式"),
    ]
    entry = items[0]
    assert entry.provider == MZ and entry.resource_display_name == "最低生活保障对象信息"
    assert entry.resource_code.startswith("101001/")
    assert entry.state == c.RESOURCE_STATE_PUBLISHED
    # the office alone: the resource it is responsible for
    office = stub.ListDataItems(c.ListDataItemsRequest(parent=MZ_OFFICE), metadata=CALLER)
    assert {e.data_item.name for e in office.data_items} == {"特困人员姓名", "供养方式"}


def test_data_items_filters_and_the_whole_catalogue(stub, district) -> None:
    everywhere = stub.ListDataItems(
        c.ListDataItemsRequest(parent="organizations/-", data_item_name="公民身份号码"),
        metadata=CALLER,
    )
    assert [e.resource for e in everywhere.data_items] == [
        f"{GA}/resources/huji",
        f"{JD}/resources/taizhang",
        f"{MZ}/resources/dibao",
    ]
    authoritative = stub.ListDataItems(
        c.ListDataItemsRequest(parent="organizations/-", authoritative_only=True), metadata=CALLER
    )
    assert {(e.provider, e.data_item.name) for e in authoritative.data_items} == {
        (GA, "公民身份号码"),
        (MZ, "低保金额"),
    }
    government = stub.ListDataItems(c.ListDataItemsRequest(parent=HX), metadata=CALLER)
    assert government.total_size == 16


def test_other_departments_see_only_published_data_items(stub, district) -> None:
    audit = stub.ListDataItems(c.ListDataItemsRequest(parent=MZ), metadata=AUDITOR)
    assert {e.resource for e in audit.data_items} == {f"{MZ}/resources/dibao"}
    assert audit.total_size == 5
    # the bureau's own system sees its draft, not the housing bureau's submitted resource
    own = stub.ListDataItems(c.ListDataItemsRequest(parent="organizations/-"), metadata=EDITOR)
    resources = {e.resource for e in own.data_items}
    assert f"{MZ}/resources/tekun" in resources
    assert f"{ZJ}/resources/fangchan" not in resources


def test_data_items_errors_name_the_field(stub, district) -> None:
    bad = refused(stub.ListDataItems, c.ListDataItemsRequest(parent="minzheng"))
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and violations(bad) == ["parent"]
    missing = refused(stub.ListDataItems, c.ListDataItemsRequest(parent="organizations/nope"))
    assert missing.code() == grpc.StatusCode.NOT_FOUND
    negative = refused(stub.ListDataItems, c.ListDataItemsRequest(parent=MZ, page_size=-1))
    assert violations(negative) == ["page_size"]
    token = stub.ListDataItems(
        c.ListDataItemsRequest(parent=MZ, page_size=1), metadata=CALLER
    ).next_page_token
    other_query = refused(
        stub.ListDataItems, c.ListDataItemsRequest(parent=HX, page_size=1, page_token=token)
    )
    assert other_query.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(other_query) == ["page_token"]
    forged = refused(stub.ListDataItems, c.ListDataItemsRequest(parent=MZ, page_token="?" * 8))
    assert violations(forged) == ["page_token"]
    long_name = refused(
        stub.ListDataItems, c.ListDataItemsRequest(parent=MZ, data_item_name="长" * 201)
    )
    assert violations(long_name) == ["data_item_name"]


def test_a_write_shows_in_the_next_read(stub, district) -> None:
    before = stub.ListDataItems(c.ListDataItemsRequest(parent=MZ), metadata=AUDITOR)
    assert before.total_size == 5
    tekun = stub.GetInformationResource(
        c.GetInformationResourceRequest(name=f"{MZ}/resources/tekun"), metadata=CALLER
    )
    tekun = stub.SubmitInformationResource(
        c.SubmitInformationResourceRequest(name=tekun.name, etag=tekun.etag), metadata=CALLER
    )
    stub.PublishInformationResource(
        c.PublishInformationResourceRequest(name=tekun.name, etag=tekun.etag), metadata=CALLER
    )
    after = stub.ListDataItems(c.ListDataItemsRequest(parent=MZ), metadata=AUDITOR)
    assert after.total_size == 7


# -- ListResourceParties ------------------------------------------------------------------------


def test_parties_provider_then_consumers_from_demands(stub, district) -> None:
    parties = walk(
        stub.ListResourceParties,
        c.ListResourcePartiesRequest(resource=f"{MZ}/resources/dibao", page_size=1),
        field="parties",
    )
    assert [(p.organization, p.role, p.basis) for p in parties] == [
        (MZ, c.PARTY_ROLE_PROVIDER, f"{MZ}/resources/dibao"),
        (GA, c.PARTY_ROLE_CONSUMER, f"{GA}/demands/dibao"),
        (JD, c.PARTY_ROLE_CONSUMER, f"{JD}/demands/dibao"),
    ]
    assert parties[0].state.startswith("published")
    assert "open" in parties[1].state and "matched" in parties[2].state
    # the closed demand does not make the bureau a consumer of the household register
    huji = stub.ListResourceParties(
        c.ListResourcePartiesRequest(resource=f"{GA}/resources/huji"), metadata=AUDITOR
    )
    assert [(p.organization, p.basis) for p in huji.parties] == [
        (GA, f"{GA}/resources/huji"),
        (MZ_OFFICE, f"{MZ_OFFICE}/demands/huji"),
    ]


def test_parties_of_an_unpublished_resource_only_for_who_may_see_it(stub, district) -> None:
    tekun = c.ListResourcePartiesRequest(resource=f"{MZ}/resources/tekun")
    assert len(stub.ListResourceParties(tekun, metadata=EDITOR).parties) == 1
    hidden = refused(stub.ListResourceParties, tekun, metadata=AUDITOR)
    assert hidden.code() == grpc.StatusCode.NOT_FOUND
    missing = refused(
        stub.ListResourceParties, c.ListResourcePartiesRequest(resource=f"{MZ}/resources/nope")
    )
    assert missing.code() == grpc.StatusCode.NOT_FOUND
    bad = refused(stub.ListResourceParties, c.ListResourcePartiesRequest(resource=MZ))
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and violations(bad) == ["resource"]


# -- ListDemandGaps -----------------------------------------------------------------------------


def test_demand_gaps_with_reasons_and_missing_items(stub, district) -> None:
    gaps = walk(
        stub.ListDemandGaps,
        c.ListDemandGapsRequest(parent="organizations/-", page_size=1),
        field="gaps",
    )
    by_name = {g.demand.name: g for g in gaps}
    assert list(by_name) == [f"{MZ}/demands/cheliang", f"{MZ}/demands/fangchan"]
    cheliang = by_name[f"{MZ}/demands/cheliang"]
    assert list(cheliang.missing_data_items) == ["车辆品牌"]
    assert cheliang.reason == "no published resource offers 车辆品牌"
    fangchan = by_name[f"{MZ}/demands/fangchan"]
    assert list(fangchan.missing_data_items) == ["房产面积"]
    assert f"{ZJ}/resources/fangchan is not published (it is submitted" in fangchan.reason
    assert fangchan.demand.display_name == "fangchan" and fangchan.demand.etag
    # the audit office may not see the submitted resource's state
    hidden = stub.ListDemandGaps(c.ListDemandGapsRequest(parent=MZ), metadata=AUDITOR)
    assert hidden.total_size == 2
    assert "(it is" not in hidden.gaps[1].reason
    # the police's demands are all satisfied
    police = stub.ListDemandGaps(c.ListDemandGapsRequest(parent=GA), metadata=CALLER)
    assert police.total_size == 0 and not police.next_page_token
    missing = refused(stub.ListDemandGaps, c.ListDemandGapsRequest(parent="organizations/x"))
    assert missing.code() == grpc.StatusCode.NOT_FOUND


# -- GetOrganizationStatistics ------------------------------------------------------------------


def counted(counts) -> dict[str, int]:
    return {x.key: x.count for x in counts if x.count}


def test_statistics_of_a_department_with_and_without_offices(stub, district) -> None:
    own = stub.GetOrganizationStatistics(
        c.GetOrganizationStatisticsRequest(name=MZ), metadata=CALLER
    )
    assert own.name == MZ
    assert counted(own.resources_by_state) == {
        "RESOURCE_STATE_DRAFT": 1,
        "RESOURCE_STATE_PUBLISHED": 1,
    }
    assert counted(own.resources_by_share_type) == {
        "SHARE_TYPE_UNCONDITIONAL": 1,
        "SHARE_TYPE_CONDITIONAL": 1,
    }
    assert counted(own.resources_by_format) == {"RESOURCE_FORMAT_DATABASE": 2}
    assert counted(own.resources_by_update_cycle) == {"UPDATE_CYCLE_MONTHLY": 2}
    assert counted(own.systems_by_status) == {
        "SYSTEM_STATUS_IN_OPERATION": 1,
        "SYSTEM_STATUS_MAINTENANCE_STOPPED": 1,
    }
    assert counted(own.demands_by_state) == {"DEMAND_STATE_OPEN": 2, "DEMAND_STATE_CLOSED": 1}
    assert (own.duty_count, own.data_item_count, own.zombie_candidate_count) == (1, 7, 1)
    # every key of the enum is present, zero or not
    assert len(own.resources_by_share_type) == 3
    with_offices = stub.GetOrganizationStatistics(
        c.GetOrganizationStatisticsRequest(name=MZ, include_descendants=True), metadata=CALLER
    )
    assert counted(with_offices.demands_by_state) == {
        "DEMAND_STATE_OPEN": 3,
        "DEMAND_STATE_CLOSED": 1,
    }


def test_statistics_of_the_whole_catalogue_and_visibility(stub, district) -> None:
    everything = stub.GetOrganizationStatistics(
        c.GetOrganizationStatisticsRequest(name="organizations/-"), metadata=CALLER
    )
    assert sum(x.count for x in everything.resources_by_state) == 5
    assert counted(everything.systems_by_status)["SYSTEM_STATUS_DECOMMISSIONED"] == 1
    assert everything.duty_count == 3 and everything.zombie_candidate_count == 2
    audit = stub.GetOrganizationStatistics(
        c.GetOrganizationStatisticsRequest(name="organizations/-"), metadata=AUDITOR
    )
    assert counted(audit.resources_by_state) == {"RESOURCE_STATE_PUBLISHED": 3}
    assert audit.data_item_count == 13
    government = stub.GetOrganizationStatistics(
        c.GetOrganizationStatisticsRequest(name=HX), metadata=CALLER
    )
    assert sum(x.count for x in government.resources_by_state) == 0
    missing = refused(
        stub.GetOrganizationStatistics, c.GetOrganizationStatisticsRequest(name="organizations/x")
    )
    assert missing.code() == grpc.StatusCode.NOT_FOUND
    bad = refused(stub.GetOrganizationStatistics, c.GetOrganizationStatisticsRequest(name=""))
    assert violations(bad) == ["name"]


# -- ListZombieCandidates -----------------------------------------------------------------------


def test_zombie_candidates_with_every_reason_most_reasons_first(stub, district) -> None:
    candidates = walk(
        stub.ListZombieCandidates,
        c.ListZombieCandidatesRequest(parent="organizations/-", page_size=1),
        field="candidates",
    )
    assert [z.system.name for z in candidates] == [f"{MZ}/systems/archive", f"{ZJ}/systems/oa"]
    archive = candidates[0]
    assert [r.indicator for r in archive.reasons] == [
        c.ZOMBIE_INDICATOR_IDLE,
        c.ZOMBIE_INDICATOR_MAINTENANCE_STOPPED,
        c.ZOMBIE_INDICATOR_NO_DUTY,
        c.ZOMBIE_INDICATOR_TINY_SCOPE,
        c.ZOMBIE_INDICATOR_RARELY_USED,
    ]
    assert archive.reasons[0].explanation.startswith("last used 2024-01-05, ")
    assert "serves no duty" in archive.reasons[2].explanation
    assert archive.system.display_name == "archive" and archive.system.etag
    # the housing bureau declared no duties: its OA is a zombie only for being out of step
    [oa_reason] = candidates[1].reasons
    assert "与实际业务脱节" in oa_reason.explanation
    # a longer idle period spares the archive's last use; the parent narrows
    patient = stub.ListZombieCandidates(
        c.ListZombieCandidatesRequest(parent=MZ, idle_days=3650), metadata=AUDITOR
    )
    assert patient.total_size == 1
    assert c.ZOMBIE_INDICATOR_IDLE not in [r.indicator for r in patient.candidates[0].reasons]
    bad = refused(stub.ListZombieCandidates, c.ListZombieCandidatesRequest(parent=MZ, idle_days=-1))
    assert violations(bad) == ["idle_days"]


# -- ListShadowCandidates -----------------------------------------------------------------------


def test_shadow_candidates_the_two_dibao_systems_with_the_overlap_shown(stub, district) -> None:
    response = stub.ListShadowCandidates(
        c.ListShadowCandidatesRequest(parent="organizations/-"), metadata=CALLER
    )
    assert response.total_size == 1
    [pair] = response.candidates
    assert (pair.system, pair.other_system) == (f"{JD}/systems/dibao", f"{MZ}/systems/dibao")
    assert pair.duty_overlap == 1.0
    assert pair.shared_duties == ["最低生活保障申请受理 = 最低生活保障对象认定"]
    assert list(pair.shared_data_items) == ["公民身份号码", "姓名", "家庭人口数", "家庭月收入"]
    assert pair.data_item_overlap == pytest.approx(4 / 6, abs=1e-3)
    assert pair.function_similarity > 0.3
    assert "低保对象" in pair.shared_terms and "家庭经济状况" in pair.shared_terms
    expected = 0.5 * pair.function_similarity + 0.25 * 1.0 + 0.25 * pair.data_item_overlap
    assert pair.similarity == pytest.approx(expected, abs=1e-3)
    # from the bureau's side its own system comes first; the police have none
    mine = stub.ListShadowCandidates(c.ListShadowCandidatesRequest(parent=MZ), metadata=EDITOR)
    assert mine.candidates[0].system == f"{MZ}/systems/dibao"
    police = stub.ListShadowCandidates(c.ListShadowCandidatesRequest(parent=GA), metadata=CALLER)
    assert police.total_size == 0
    # a lower threshold pages through more pairs, most similar first
    loose = walk(
        stub.ListShadowCandidates,
        c.ListShadowCandidatesRequest(parent="organizations/-", min_similarity=0.01, page_size=1),
        field="candidates",
    )
    assert len(loose) > 1
    assert [p.similarity for p in loose] == sorted((p.similarity for p in loose), reverse=True)
    for value in (-0.1, 1.5, float("nan")):
        bad = refused(
            stub.ListShadowCandidates,
            c.ListShadowCandidatesRequest(parent=MZ, min_similarity=value),
        )
        assert violations(bad) == ["min_similarity"]


def test_systems_and_demands_written_after_a_read_show_in_the_next_one(stub, district) -> None:
    before = stub.ListZombieCandidates(
        c.ListZombieCandidatesRequest(parent=GA), metadata=CALLER
    ).total_size
    assert before == 0
    _system(stub, f"{GA}/systems/paper", "纸质户籍档案索引。", out_of_step_with_business=True)
    after = stub.ListZombieCandidates(c.ListZombieCandidatesRequest(parent=GA), metadata=CALLER)
    assert [z.system.name for z in after.candidates] == [f"{GA}/systems/paper"]
    gaps = stub.ListDemandGaps(c.ListDemandGapsRequest(parent=MZ), metadata=CALLER)
    cheliang = stub.GetSharingDemand(
        c.GetSharingDemandRequest(name=f"{MZ}/demands/cheliang"), metadata=CALLER
    )
    stub.DeleteSharingDemand(
        c.DeleteSharingDemandRequest(name=cheliang.name, etag=cheliang.etag), metadata=CALLER
    )
    fewer = stub.ListDemandGaps(c.ListDemandGapsRequest(parent=MZ), metadata=CALLER)
    assert fewer.total_size == gaps.total_size - 1
