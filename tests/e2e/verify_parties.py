"""The household verification's parties, on the demo district's real sources.

The civil-affairs bureau (区民政局, ``hx-mzj``) gets a social-assistance system of the test's
own (roles data_consumer and verifier) and grants for the seven sources the shipped policy
reads, each approved by its provider's own system — as a real deployment would have them.
Households are made with fresh, valid citizen IDs and published to those sources, so tests
share the platform without seeing each other's people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

import grpc
from google.longrunning import operations_pb2, operations_pb2_grpc
from google.protobuf.duration_pb2 import Duration

from gov.exchange.v1 import exchange_pb2 as x
from gov.exchange.v1 import exchange_pb2_grpc
from gov.verify.v1 import verify_pb2 as v
from gov.verify.v1 import verify_pb2_grpc
from govdata.verify import policy

from .conftest import admitted_everywhere, caller, channel, eventually, register_system
from .exchange_parties import period

BUREAU = "organizations/hx-mzj"
DUTY = f"{BUREAU}/duties/dbrd"
POLICY = policy.default()
POPULATION = "organizations/hx-gafj/resources/household-population"
INSURANCE = "organizations/hx-rsj/resources/social-insurance-contributions"
VEHICLES = "organizations/hx-cgs/resources/motor-vehicles"
SHARES = "organizations/hx-scjgj/resources/enterprise-shareholders"
PROPERTY = "organizations/hx-zrzyj/resources/real-estate-ownership"
FUND = "organizations/hx-gjjfzx/resources/provident-fund-deposits"
TAX = "organizations/hx-swj/resources/tax-payments"
PURPOSE = "最低生活保障家庭经济状况核对"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def citizen_id(born: date, rng: random.Random, male: bool) -> str:
    """A valid GB 11643 ID of the demo district (359902) with a random sequence."""
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)
    body = f"359902{born:%Y%m%d}{sequence:03d}"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]
    return body + check


@dataclass
class Bureau:
    tag: str
    verify: verify_pb2_grpc.VerificationServiceStub
    operations: operations_pb2_grpc.OperationsStub
    exchange: exchange_pb2_grpc.ExchangeServiceStub
    providers: dict[str, exchange_pb2_grpc.ExchangeServiceStub]  # by provider organisation
    grants: dict[str, str]  # by resource
    channels: list[grpc.Channel] = field(default_factory=list)

    def provider_of(self, resource: str) -> exchange_pb2_grpc.ExchangeServiceStub:
        return self.providers[resource.split("/resources/", maxsplit=1)[0]]

    def publish(self, resource: str, records: list[x.Record]) -> None:
        answer = self.provider_of(resource).PublishRecords(
            x.PublishRecordsRequest(resource=resource, records=records),
            metadata=caller("核对数据报送"),
            timeout=30,
        )
        assert not answer.rejected, answer.rejected
        assert answer.accepted_count == len(records)

    def submit(self, household: v.Household, **job: object) -> operations_pb2.Operation:
        return self.verify.CreateVerificationJob(
            v.CreateVerificationJobRequest(
                parent=BUREAU,
                verification_job=v.VerificationJob(
                    household=household,
                    policy=POLICY.id,
                    purpose=PURPOSE,
                    application_id=f"SQ-{self.tag}",
                    **job,
                ),
            ),
            metadata=caller(PURPOSE),
            timeout=30,
        )

    def finished(self, operation: operations_pb2.Operation, seconds: int = 60) -> v.VerificationJob:
        done = self.operations.WaitOperation(
            operations_pb2.WaitOperationRequest(
                name=operation.name, timeout=Duration(seconds=seconds)
            ),
            metadata=caller(PURPOSE),
            timeout=seconds + 5,
        )
        assert done.done, done
        return self.job_of(operation)

    def job_of(self, operation: operations_pb2.Operation) -> v.VerificationJob:
        metadata = v.VerificationJobMetadata()
        operation.metadata.Unpack(metadata)
        return self.verify.GetVerificationJob(
            v.GetVerificationJobRequest(name=metadata.verification_job),
            metadata=caller(PURPOSE),
        )

    def close(self) -> None:
        for opened in self.channels:
            opened.close()


def bureau(catalog, tag: str) -> Bureau:
    """民政局's system of this test run, with a fresh grant for every source of the policy."""
    system = f"mzj-shjz-{tag}"
    register_system(catalog, system, ["data_consumer", "verifier"], organization=BUREAU)
    opened = [channel("verify", system), channel("exchange", system)]
    providers: dict[str, exchange_pb2_grpc.ExchangeServiceStub] = {}
    for source in POLICY.sources:
        provider = source.split("/resources/")[0]
        if provider in providers:
            continue
        subject = f"{provider.split('/')[1]}-sys-{tag}"
        register_system(catalog, subject, ["data_provider"], organization=provider)
        admitted_everywhere(subject)
        opened.append(channel("exchange", subject))
        providers[provider] = exchange_pb2_grpc.ExchangeServiceStub(opened[-1])
    admitted_everywhere(system)
    exchange = exchange_pb2_grpc.ExchangeServiceStub(opened[1])
    grants = {}
    for source in POLICY.sources:
        filed = eventually(lambda s=source: _file(exchange, s))
        approved = providers[source.split("/resources/")[0]].ApproveSharingRequest(
            x.ApproveSharingRequestRequest(
                name=filed.name, etag=filed.etag, reason="依《社会救助暂行办法》核对所需"
            ),
            metadata=caller(),
        )
        grants[source] = approved.grant
    return Bureau(
        tag,
        verify_pb2_grpc.VerificationServiceStub(opened[0]),
        operations_pb2_grpc.OperationsStub(opened[0]),
        exchange,
        providers,
        grants,
        opened,
    )


def _file(exchange: exchange_pb2_grpc.ExchangeServiceStub, source: str) -> x.SharingRequest:
    try:
        return exchange.CreateSharingRequest(
            x.CreateSharingRequestRequest(
                parent=BUREAU,
                sharing_request=x.SharingRequest(
                    resource=source,
                    data_items=list(POLICY.items_for(source)),
                    duty=DUTY,
                    legal_basis="《社会救助暂行办法》第六十条",
                    purpose=PURPOSE,
                    period=period(180),
                ),
            ),
            metadata=caller(),
            timeout=10,
        )
    except grpc.RpcError as error:
        if error.code() == grpc.StatusCode.FAILED_PRECONDITION:  # not heard of yet
            raise AssertionError(error.details()) from None
        raise


# --- a household and its records at the providers ---------------------------------------


@dataclass
class Person:
    citizen_id: str
    name: str
    relation: int


@dataclass
class Family:
    """A household as declared, and the records the providers hold about it."""

    people: list[Person]
    income_yuan: dict[str, int]  # declared monthly income by citizen ID
    fund_balance_yuan: dict[str, int]  # declared provident fund balance
    records: dict[str, list[x.Record]] = field(default_factory=dict)
    declared_vehicles: list[v.DeclaredVehicle] = field(default_factory=list)
    declared_property: list[v.DeclaredRealEstate] = field(default_factory=list)

    @property
    def applicant(self) -> str:
        return self.people[0].citizen_id

    def add(self, resource: str, key: str, **fields: str) -> None:
        self.records.setdefault(resource, []).append(x.Record(key=key, fields=fields))

    def household(self) -> v.Household:
        return v.Household(
            members=[
                v.Member(citizen_id=p.citizen_id, name=p.name, relation=p.relation)
                for p in self.people
            ],
            incomes=[
                v.DeclaredIncome(citizen_id=cid, monthly_income_fen=yuan * 100, source="工资")
                for cid, yuan in self.income_yuan.items()
            ],
            provident_funds=[
                v.DeclaredProvidentFund(citizen_id=cid, balance_fen=yuan * 100)
                for cid, yuan in self.fund_balance_yuan.items()
            ],
            vehicles=self.declared_vehicles,
            real_estate=self.declared_property,
        )

    def publish(self, bureau: Bureau) -> None:
        for resource, records in self.records.items():
            bureau.publish(resource, records)


def truthful_family(seed: int) -> Family:
    """Four people: a wage earner declaring 1,800 yuan a month (recorded alike by social
    insurance, the provident fund and tax), a spouse without income and two children; one
    flat, declared. 450 yuan per person: eligible."""
    rng = random.Random(seed)  # noqa: S311 (test data, not a secret)
    year = 1975 + rng.randrange(10)
    people = [
        Person(
            citizen_id(date(year, 3, 1) + timedelta(rng.randrange(300)), rng, True),
            "王建国",
            v.MEMBER_RELATION_APPLICANT,
        ),
        Person(
            citizen_id(date(year + 2, 1, 1) + timedelta(rng.randrange(300)), rng, False),
            "李秀英",
            v.MEMBER_RELATION_SPOUSE,
        ),
        Person(
            citizen_id(date(year + 25, 1, 1) + timedelta(rng.randrange(300)), rng, True),
            "王小明",
            v.MEMBER_RELATION_CHILD,
        ),
        Person(
            citizen_id(date(year + 28, 1, 1) + timedelta(rng.randrange(300)), rng, False),
            "王小红",
            v.MEMBER_RELATION_CHILD,
        ),
    ]
    earner = people[0].citizen_id
    family = Family(people, {earner: 1800}, {earner: 5000})
    household_no = f"H{seed:08d}"[-9:]
    for person in people:
        family.add(
            POPULATION,
            f"{person.citizen_id}|{household_no}",
            公民身份号码=person.citizen_id,
            姓名=person.name,
            户号=household_no,
        )
    family.add(INSURANCE, earner, 公民身份号码=earner, 缴费基数="1800.00", 缴费年月="202611")
    family.add(
        FUND,
        f"GJJ{seed:012d}|{earner}",
        个人公积金账号=f"GJJ{seed:012d}",
        公民身份号码=earner,
        月缴存额="432.00",
        公积金账户余额="5000.00",
    )
    family.add(
        TAX,
        f"{earner}|{earner}",
        证件号码=earner,
        纳税人识别号=earner,
        收入额="1800.00",
        所属期起="2026-11-01",
        所属期止="2026-11-30",
    )
    unit = f"359902{seed:06d}GB00001F0001"[:28]
    family.add(
        PROPERTY, f"{earner}|{unit}", 权利人证件号码=earner, 不动产单元号=unit, 房屋用途="住宅"
    )
    family.declared_property.append(
        v.DeclaredRealEstate(
            owner_citizen_ids=[earner], address="海新区滨海路 1 号", floor_area_square_meters=62.5
        )
    )
    return family
