"""Two departments of a test's own for the exchange tests: a provider (公安) with a
conditionally shared vehicle resource keyed by citizen ID, and a consumer (民政) — each with
its own registered calling system, as a real deployment would have them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import grpc
from google.type.interval_pb2 import Interval

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.exchange.v1 import exchange_pb2 as x
from gov.exchange.v1 import exchange_pb2_grpc

from .catalogue import department, publish, resource
from .conftest import admitted_everywhere, caller, channel, eventually, register_system

ITEMS = ["公民身份号码", "姓名", "号牌号码", "车辆价值"]
GRANTED_ITEMS = ["公民身份号码", "号牌号码", "车辆价值"]


@dataclass
class Parties:
    tag: str
    provider: str  # organizations/…
    consumer: str
    resource: c.InformationResource
    as_provider: exchange_pb2_grpc.ExchangeServiceStub
    as_consumer: exchange_pb2_grpc.ExchangeServiceStub
    channels: list[grpc.Channel]

    def close(self) -> None:
        for opened in self.channels:
            opened.close()


def vehicle_resource(share: int) -> c.InformationResource:
    res = resource("机动车登记信息", "机动车所有人、号牌及车辆价值", share, [])
    res.data_items.extend(
        [
            c.DataItem(name="公民身份号码", type=cm.DATA_ITEM_TYPE_CHARACTER, length=18, key=True),
            c.DataItem(name="姓名", type=cm.DATA_ITEM_TYPE_CHARACTER, length=30, personal=True),
            c.DataItem(name="号牌号码", type=cm.DATA_ITEM_TYPE_CHARACTER, length=10),
            c.DataItem(name="车辆价值", type=cm.DATA_ITEM_TYPE_CURRENCY, length=12),
        ]
    )
    return res


def shared_resource(catalog, provider: str, share: int) -> c.InformationResource:
    created = catalog.CreateInformationResource(
        c.CreateInformationResourceRequest(
            parent=provider, information_resource=vehicle_resource(share)
        ),
        metadata=caller(),
    )
    return publish(catalog, created)


def parties(catalog, tag: str, share: int = cm.SHARE_TYPE_CONDITIONAL) -> Parties:
    provider = department(catalog, f"ga-{tag}", tag, "公安分局").name
    consumer = department(catalog, f"mz-{tag}", tag, "民政局").name
    register_system(catalog, f"ga-jdc-{tag}", ["data_provider"], organization=provider)
    register_system(catalog, f"mz-jjhd-{tag}", ["data_consumer"], organization=consumer)
    admitted_everywhere(f"ga-jdc-{tag}")
    admitted_everywhere(f"mz-jjhd-{tag}")
    published = shared_resource(catalog, provider, share)
    opened = [channel("exchange", f"ga-jdc-{tag}"), channel("exchange", f"mz-jjhd-{tag}")]
    return Parties(
        tag,
        provider,
        consumer,
        published,
        exchange_pb2_grpc.ExchangeServiceStub(opened[0]),
        exchange_pb2_grpc.ExchangeServiceStub(opened[1]),
        opened,
    )


def period(days: int) -> Interval:
    out = Interval()
    start = datetime.now(UTC) - timedelta(minutes=1)
    out.start_time.FromDatetime(start)
    out.end_time.FromDatetime(start + timedelta(days=days))
    return out


def ask(
    p: Parties, items: list[str] | None = None, resource_name: str = ""
) -> x.CreateSharingRequestRequest:
    return x.CreateSharingRequestRequest(
        parent=p.consumer,
        sharing_request=x.SharingRequest(
            resource=resource_name or p.resource.name,
            data_items=items or ITEMS,
            duty=f"{p.consumer}/duties/dibao",
            legal_basis="《社会救助暂行办法》第六十条",
            purpose="低保家庭经济状况核对",
            period=period(180),
        ),
    )


def file_when_known(p: Parties, request: x.CreateSharingRequestRequest) -> x.SharingRequest:
    """File ``request`` once the exchange has heard of the resource (catalogue events)."""

    def filed() -> x.SharingRequest:
        try:
            return p.as_consumer.CreateSharingRequest(request, metadata=caller(), timeout=10)
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.FAILED_PRECONDITION:  # not heard of yet
                raise AssertionError(error.details()) from None
            raise

    return eventually(filed)


def citizen_id(n: int) -> str:
    """A distinct 18-character citizen ID with its GB 11643 check digit, for each ``n``."""
    body = f"3501021980{n:07d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def vehicle(key: str, n: int) -> x.Record:
    return x.Record(
        key=key,
        fields={
            "公民身份号码": key,
            "姓名": f"车主{n}",
            "号牌号码": f"闽A{n:05d}",
            "车辆价值": f"{100000 + n}.50",
        },
    )


OWNER_KEYED_ITEMS = ["号牌号码", "车辆识别代号", "所有人证件号码", "所有人姓名", "车辆价值"]


def owner_keyed_resource(catalog, provider: str) -> c.InformationResource:
    """A published, conditionally shared vehicle resource keyed by three items, as vehicle
    registers are: 号牌号码|车辆识别代号|所有人证件号码."""
    res = resource(
        "机动车登记信息（按所有人）",
        "机动车号牌、识别代号及其所有人",
        cm.SHARE_TYPE_CONDITIONAL,
        [],
    )
    res.data_items.extend(
        [
            c.DataItem(name="号牌号码", type=cm.DATA_ITEM_TYPE_CHARACTER, length=10, key=True),
            c.DataItem(name="车辆识别代号", type=cm.DATA_ITEM_TYPE_CHARACTER, length=17, key=True),
            c.DataItem(
                name="所有人证件号码", type=cm.DATA_ITEM_TYPE_CHARACTER, length=18, key=True
            ),
            c.DataItem(
                name="所有人姓名", type=cm.DATA_ITEM_TYPE_CHARACTER, length=30, personal=True
            ),
            c.DataItem(name="车辆价值", type=cm.DATA_ITEM_TYPE_CURRENCY, length=12),
        ]
    )
    created = catalog.CreateInformationResource(
        c.CreateInformationResourceRequest(parent=provider, information_resource=res),
        metadata=caller(),
    )
    return publish(catalog, created)


def owned_vehicle(n: int, owner: str) -> x.Record:
    """Vehicle ``n`` of ``owner`` for ``owner_keyed_resource``."""
    fields = {
        "号牌号码": f"闽A{n:05d}",
        "车辆识别代号": f"LSVAU2180N{n:07d}",
        "所有人证件号码": owner,
        "所有人姓名": f"车主{n}",
        "车辆价值": f"{100000 + n}.50",
    }
    return x.Record(key="|".join(fields[k] for k in OWNER_KEYED_ITEMS[:3]), fields=fields)
