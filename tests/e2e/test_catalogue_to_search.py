"""A department registers resources over gRPC and finds them by Chinese keyword a moment later."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.search.v1 import search_pb2 as s

from . import catalogue
from .conftest import caller, eventually


def test_register_find_update_delete(catalog, search, tag) -> None:
    orgs = []
    for i, title in enumerate(["海新区自然资源局", "海新区民政局", "海新区公安分局"]):
        orgs.append(
            catalog.CreateOrganization(
                c.CreateOrganizationRequest(
                    organization_id=f"e2e-{tag}-{i}",
                    organization=catalogue.organization(tag, i, title),
                ),
                metadata=caller(),
            )
        )
    land, civil, police = (o.name for o in orgs)

    created = {}
    for title in catalogue.REAL_ESTATE:  # 4 real-estate resources, each naming "不动产"
        res = catalogue.resource(
            f"{title}{tag}",
            f"{tag} 不动产单元的权利人与坐落",
            cm.SHARE_TYPE_UNCONDITIONAL,
            ["不动产单元号", "权利人"],
        )
        created[title] = catalog.CreateInformationResource(
            c.CreateInformationResourceRequest(parent=land, information_resource=res),
            metadata=caller(),
        )
    for i, (title, abstract, share) in enumerate(catalogue.OTHERS):  # 16 more
        owner = civil if i % 2 else police
        res = catalogue.resource(f"{title}{tag}", f"{tag} {abstract}", share, ["姓名", "证件号码"])
        created[title] = catalog.CreateInformationResource(
            c.CreateInformationResourceRequest(parent=owner, information_resource=res),
            metadata=caller(),
        )
    assert len(created) == 20
    published = {t: catalogue.publish(catalog, r) for t, r in created.items()}

    ours = [land, civil, police]

    def found(query: str, **filters) -> s.SearchResponse:
        """Search this test's organisations' resources (the platform may hold other data)."""
        filters.setdefault("providers", ours)
        filters.setdefault("kinds", [s.RESULT_KIND_RESOURCE])
        return search.Search(
            s.SearchRequest(query=query, page_size=50, **filters), metadata=caller()
        )

    def real_estate_first() -> s.SearchResponse:
        response = found("不动产")
        titles = [r.title for r in response.results]
        expected = {f"{t}{tag}" for t in catalogue.REAL_ESTATE}
        assert set(titles[:4]) == expected, titles
        return response

    response = eventually(real_estate_first)
    top = response.results[0]
    assert top.provider == land and top.provider_display_name == f"海新区自然资源局{tag}"
    assert any("<em>" in snip for h in top.highlights for snip in h.snippets)
    # 房屋租赁 mentions 房屋 but not 不动产: it must not outrank real-estate resources
    assert f"房屋租赁备案信息{tag}" not in [r.title for r in response.results[:4]]

    def all_indexed() -> None:
        assert found("").total_size == 20  # no keywords: browse, newest first

    eventually(all_indexed)
    # catalogue-guided: the same 20 under 基础信息资源 / 自然资源和空间地理 / their 目
    tree = search.BrowseClassification(
        s.BrowseClassificationRequest(
            category=cm.CLASSIFICATION_CATEGORY_BASE, providers=ours, depth=2
        ),
        metadata=caller(),
    )
    space = next(n for n in tree.nodes if n.classification_code == "103")
    assert space.resource_count == 20 and space.level == 2
    assert next(n for n in space.children if n.classification_code == "103001").resource_count == 20
    assert sum(n.resource_count for n in tree.nodes) == 20
    conditional = found("信息", share_types=[cm.SHARE_TYPE_CONDITIONAL])
    assert conditional.results and all(
        r.share_type == cm.SHARE_TYPE_CONDITIONAL for r in conditional.results
    )
    expected_conditional = sum(
        1 for _, _, share in catalogue.OTHERS if share == cm.SHARE_TYPE_CONDITIONAL
    )
    assert conditional.total_size == expected_conditional
    by_provider = found("信息", providers=[land])
    assert by_provider.total_size == 4

    # an update is reflected
    target = published["机动车登记信息"]
    catalog.UpdateInformationResource(
        c.UpdateInformationResourceRequest(
            information_resource=c.InformationResource(
                name=target.name, etag=target.etag, display_name=f"机动车及非机动车登记信息{tag}"
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["display_name"]),
        ),
        metadata=caller(),
    )

    def renamed() -> None:
        titles = [r.title for r in found("非机动车").results]
        assert f"机动车及非机动车登记信息{tag}" in titles, titles

    eventually(renamed)

    # retiring takes it out of results; deleting (allowed once retired) removes it for good
    current = catalog.GetInformationResource(
        c.GetInformationResourceRequest(name=published["不动产查封登记信息"].name),
        metadata=caller(),
    )
    retired = catalog.RetireInformationResource(
        c.RetireInformationResourceRequest(
            name=current.name, etag=current.etag, reason="查封登记并入不动产登记信息"
        ),
        metadata=caller(),
    )
    catalog.DeleteInformationResource(
        c.DeleteInformationResourceRequest(name=retired.name, etag=retired.etag),
        metadata=caller(),
    )

    def removed() -> None:
        titles = [r.title for r in found("不动产").results]
        assert f"不动产查封登记信息{tag}" not in titles and len(titles) == 3, titles

    eventually(removed)

    # across kinds: the data items of the three remaining real-estate resources, the
    # organisation by its name, a kind facet; completion by prefix and by pinyin initials
    def items_and_kinds() -> None:
        response = found("不动产单元号", kinds=[])
        items = {
            (r.name, r.data_item) for r in response.results if r.kind == s.RESULT_KIND_DATA_ITEM
        }
        assert len(items) == 3 and {i for _, i in items} == {"不动产单元号"}, items
        kinds = {v.value: v.count for f in response.facets if f.field == "kind" for v in f.values}
        assert kinds["RESULT_KIND_DATA_ITEM"] == 3 and kinds["RESULT_KIND_RESOURCE"] == 3, kinds

    eventually(items_and_kinds)
    org = found(f"海新区民政局{tag}", kinds=[s.RESULT_KIND_ORGANIZATION])
    assert org.results[0].name == civil
    for typed in (f"不动产登记信息{tag}"[:9], "bdcdjxx"):
        suggested = search.Suggest(
            s.SuggestRequest(prefix=typed, kinds=[s.RESULT_KIND_RESOURCE], max_suggestions=50),
            metadata=caller(),
        )
        assert f"不动产登记信息{tag}" in [x.text for x in suggested.suggestions], typed

    # a demand for vehicle data from the land bureau is matched to the vehicle registration
    # (another bureau's), naming the items it offers and those it does not
    matched = search.MatchDemand(
        s.MatchDemandRequest(
            need="核对家庭成员名下机动车登记",
            data_items=["证件号码", "发动机号"],
            demander=land,
            max_candidates=50,
        ),
        metadata=caller(),
    )
    ours_matched = [c for c in matched.candidates if c.resource.provider in ours]
    assert ours_matched[0].resource.title == f"机动车及非机动车登记信息{tag}"
    assert list(ours_matched[0].offered_data_items) == ["证件号码"]
    assert list(ours_matched[0].missing_data_items) == ["发动机号"]
    assert all(c.resource.provider != land for c in matched.candidates)

    with pytest.raises(grpc.RpcError) as caught:
        catalog.GetInformationResource(
            c.GetInformationResourceRequest(name=retired.name), metadata=caller()
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


def test_drafts_are_not_searchable(catalog, search, tag) -> None:
    org = catalog.CreateOrganization(
        c.CreateOrganizationRequest(
            organization_id=f"e2e-{tag}-draft",
            organization=catalogue.organization(tag, 0, "草稿局"),
        ),
        metadata=caller(),
    )
    draft = catalog.CreateInformationResource(
        c.CreateInformationResourceRequest(
            parent=org.name,
            information_resource=catalogue.resource(
                f"草稿资源{tag}", tag, cm.SHARE_TYPE_UNCONDITIONAL, ["字段"]
            ),
        ),
        metadata=caller(),
    )
    published = catalog.CreateInformationResource(
        c.CreateInformationResourceRequest(
            parent=org.name,
            information_resource=catalogue.resource(
                f"已发布资源{tag}", tag, cm.SHARE_TYPE_UNCONDITIONAL, ["字段"]
            ),
        ),
        metadata=caller(),
    )
    catalogue.publish(catalog, published)

    def only_published() -> None:
        response = search.Search(
            s.SearchRequest(query=tag, providers=[org.name]), metadata=caller()
        )
        titles = [r.title for r in response.results if r.kind == s.RESULT_KIND_RESOURCE]
        assert titles == [f"已发布资源{tag}"], titles
        # nor are the draft's data items, of any kind
        assert all(r.name != draft.name for r in response.results), response.results

    eventually(only_published)
    assert draft.state == c.RESOURCE_STATE_DRAFT


def test_the_gap_list_offers_other_departments_published_resources(catalog) -> None:
    """Each demo gap comes with svc-search's candidates: published resources of other
    departments, each offering exactly the demanded data items it says it does."""
    gaps = catalog.ListDemandGaps(
        c.ListDemandGapsRequest(parent="organizations/-", page_size=100), metadata=caller()
    ).gaps
    assert gaps and not any(g.candidates_unavailable for g in gaps)
    assert any(g.candidates for g in gaps)
    for gap in gaps:
        demander = gap.demand.name.split("/demands/", 1)[0]
        for candidate in gap.candidates:
            res = catalog.GetInformationResource(
                c.GetInformationResourceRequest(name=candidate.resource), metadata=caller()
            )
            assert res.state == c.RESOURCE_STATE_PUBLISHED and res.provider != demander
            held = {item.name for item in res.data_items}
            wanted = list(gap.demand.data_items)
            assert list(candidate.offered_data_items) == [i for i in wanted if i in held]
            assert list(candidate.missing_data_items) == [i for i in wanted if i not in held]
