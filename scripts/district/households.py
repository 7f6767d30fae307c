"""Demo households for the household verification (居民家庭经济状况核对) of 滨海市海新区.

``generate(count, seed)`` makes ``count`` applicant households of 1-5 members, each with what
it DECLARED (the contract's ``gov.verify.v1.Household``) and what the providers RECORD about
its members in the seven conditionally shared resources the 低保 policy reads (lists of
``gov.exchange.v1.Record`` by resource name, ready for PublishRecords):

- most households are low-income and truthful: the records agree with the declaration and
  every check passes (``expected`` "PASS");
- some are truthful but above the standard (income per person of 1100 yuan or more) and fail
  honestly (``expected`` "FAIL", ``planted`` None);
- on a known fraction a discrepancy is planted in one source, named by ``planted`` (one of
  ``PLANTED``): a hidden car above the 50,000-yuan limit, an undeclared company share, an
  undeclared second property, income under-declared (tax, social insurance or provident-fund
  deposits show more), a provident-fund balance declared below the recorded one. Everything
  else about a planted household is truthful and low-income, so the planted check is the one
  that fails.

Profiles come in blocks of ``BLOCK`` households (shuffled inside each block): per block 20
truthful low-income, 3 above the standard and one of each of the 7 planted kinds. So 3,000
households hold exactly 2,000 / 300 / 100 of each kind, and any 30 in a row from the start
hold one of each.

People are 滨海市海新区's: citizen IDs by GB 11643 (division 359902, or the city's 359900 for
people registered before the district was set up; real birth dates consistent with each
member's relation; sequence odd for men; ISO 7064 MOD 11-2 check character), Chinese names
(children take the father's surname), addresses in the district's four sub-districts. Record
values follow the catalogue's data items (types, lengths; the record key is the key items'
values joined with "|" in declaration order), so the exchange accepts every row. No two
households share a record key, a person, a plate, a vehicle identification number, a property
unit or an account.

Deterministic: the same ``count`` and ``seed`` give the same households, and a smaller
``count`` gives a prefix of a larger one's (each household draws from its own seeded stream;
the numbering of plates, units and accounts follows the household order). No clock is read:
ages and dates are counted to ``REFERENCE_DATE``.

The thresholds used to place households safely on either side of a check (``STANDARD_YUAN``,
``VEHICLE_LIMIT_YUAN`` …) follow the district's policy (svc-verify's ``haixin-2026.yaml``) with
margins; ``tests/demo/test_households.py`` checks they still agree with it.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from google.protobuf import json_format

from district.organisations import CITY_DIVISION, DIVISION
from gov.exchange.v1 import exchange_pb2 as x
from gov.verify.v1 import verify_pb2 as v
from govdata.catalog.credit_code import check_character, organization_code_check

DEFAULT_COUNT = 3000
DEFAULT_SEED = 2026
# The day the applications are made: ages, record dates and contribution months count to it.
REFERENCE_DATE = date(2026, 12, 1)

# -- the sources (the seven resources the 低保 policy reads) -----------------------------------

POPULATION = "organizations/hx-gafj/resources/household-population"
SOCIAL_INSURANCE = "organizations/hx-rsj/resources/social-insurance-contributions"
VEHICLES = "organizations/hx-cgs/resources/motor-vehicles"
SHAREHOLDERS = "organizations/hx-scjgj/resources/enterprise-shareholders"
REAL_ESTATE = "organizations/hx-zrzyj/resources/real-estate-ownership"
PROVIDENT_FUND = "organizations/hx-gjjfzx/resources/provident-fund-deposits"
TAX = "organizations/hx-swj/resources/tax-payments"
RESOURCES = (
    POPULATION,
    SOCIAL_INSURANCE,
    VEHICLES,
    SHAREHOLDERS,
    REAL_ESTATE,
    PROVIDENT_FUND,
    TAX,
)
# The key items of each resource, in declaration order (the record key joins their values).
KEY_ITEMS = {
    POPULATION: ("公民身份号码", "户号"),
    SOCIAL_INSURANCE: ("公民身份号码",),
    VEHICLES: ("号牌号码", "车辆识别代号", "所有人证件号码"),
    SHAREHOLDERS: ("统一社会信用代码", "股东证件号码"),
    REAL_ESTATE: ("权利人证件号码", "不动产单元号"),
    PROVIDENT_FUND: ("个人公积金账号", "公民身份号码"),
    TAX: ("纳税人识别号", "证件号码"),
}

# -- the policy's thresholds, with the margins the generator keeps from them --------------------

STANDARD_YUAN = 1100  # 低保标准, yuan per person per month
VEHICLE_LIMIT_YUAN = 50000  # 购置价格 above it fails
PROVIDENT_RATE_PERCENT = 24  # implied income = 月缴存额 / 24%
INCOME_TOLERANCE_PERCENT = 10  # implied (provident fund, tax) may exceed the declared by 10%
BALANCE_TOLERANCE_PERCENT = 5  # declared provident balance: 5% of the recorded …
BALANCE_TOLERANCE_YUAN = 500  # … but never less than 500 yuan
LOW_INCOME_CAP_YUAN = 1050  # truthful low-income households stay below this per person
ABOVE_STANDARD_FLOOR_YUAN = 1250  # truthful above-standard households reach at least this
MINIMUM_WAGE_YUAN = 2030  # 最低工资标准: an employee earns at least this

# -- profiles and planted discrepancies ---------------------------------------------------------

PASSES = "PASS"  # DemoHousehold.expected
FAILS = "FAIL"
LOW_INCOME = "low-income"
ABOVE_STANDARD = "above-standard"
HIDDEN_CAR = "hidden-car"
UNDECLARED_SHARE = "undeclared-company-share"
SECOND_PROPERTY = "undeclared-second-property"
INCOME_TAX = "under-declared-income-tax"
INCOME_SOCIAL_INSURANCE = "under-declared-income-social-insurance"
INCOME_PROVIDENT_FUND = "under-declared-income-provident-fund"
PROVIDENT_BALANCE = "provident-balance-mismatch"
PLANTED = (
    HIDDEN_CAR,
    UNDECLARED_SHARE,
    SECOND_PROPERTY,
    INCOME_TAX,
    INCOME_SOCIAL_INSURANCE,
    INCOME_PROVIDENT_FUND,
    PROVIDENT_BALANCE,
)
# The resource whose records show each planted discrepancy.
PLANTED_SOURCES = {
    HIDDEN_CAR: VEHICLES,
    UNDECLARED_SHARE: SHAREHOLDERS,
    SECOND_PROPERTY: REAL_ESTATE,
    INCOME_TAX: TAX,
    INCOME_SOCIAL_INSURANCE: SOCIAL_INSURANCE,
    INCOME_PROVIDENT_FUND: PROVIDENT_FUND,
    PROVIDENT_BALANCE: PROVIDENT_FUND,
}
TITLES = {
    LOW_INCOME: "如实申报的低收入家庭",
    ABOVE_STANDARD: "如实申报、收入高于低保标准的家庭",
    HIDDEN_CAR: "隐瞒名下购置价格超过 5 万元的机动车",
    UNDECLARED_SHARE: "隐瞒家庭成员持有的企业股份",
    SECOND_PROPERTY: "隐瞒第二套住房",
    INCOME_TAX: "少报收入：个人所得税记录的收入更高",
    INCOME_SOCIAL_INSURANCE: "少报收入：社会保险缴费基数更高",
    INCOME_PROVIDENT_FUND: "少报收入：公积金月缴存额推算的收入更高",
    PROVIDENT_BALANCE: "公积金账户余额申报不实",
}
# One block of profiles; shuffled inside each block with the block's own stream.
BLOCK = (LOW_INCOME,) * 20 + (ABOVE_STANDARD,) * 3 + PLANTED

# -- the district's people and places -----------------------------------------------------------

# Frequent surnames, Fujian's first (陈林黄 are the most common there).
SURNAMES = (
    "陈林黄张吴王郑李刘杨许蔡谢郭洪曾邱周苏叶庄吕江何罗高潘朱徐胡卢施赖方詹颜柯"
    "游魏沈康傅彭余钟姚连翁杜孙马郑"
)
MALE_GIVEN = "伟强军勇杰涛明辉建国志华文斌俊峰磊鹏宇浩超波海平东林晨阳锦荣福祥德金水成"
FEMALE_GIVEN = "芳娟敏静丽艳娜燕玲霞秀英红梅兰慧婷雪琴萍春凤珍莉玉洁颖月桂芬琳佳怡欣"
STREETS = (
    ("海滨街道", "海滨派出所", ("渔港路", "滨海大道", "观澜路", "沙坪街")),
    ("新港街道", "新港派出所", ("新港大道", "码头路", "船厂路", "港华街")),
    ("海山街道", "海山派出所", ("海山路", "石井巷", "望海路", "青岭街")),
    ("东湖街道", "东湖派出所", ("东湖路", "湖滨北路", "柳岸街", "荷花巷")),
)
BANKS = (
    "中国农业银行海新支行",
    "中国建设银行滨海分行",
    "滨海农村商业银行海新支行",
    "邮储银行海新支行",
)
EMPLOYER_BRANDS = ("海兴", "新港", "蓝湾", "东湖", "鑫达", "恒通", "闽海", "瑞丰", "宏远", "金帆")
EMPLOYER_TRADES = ("物业管理", "保洁服务", "餐饮管理", "物流", "水产加工", "建筑劳务", "商贸")
ENTERPRISE_WORDS = "晟弘泰盛隆嘉源宸悦骏澜铭翔祺"
ENTERPRISE_TRADES = ("贸易", "餐饮", "建材", "海产品", "装饰工程", "汽车服务", "网络科技", "渔业")
CAR_MODELS = (  # 品牌型号, 车辆识别代号 world manufacturer identifier, cheap, dear
    ("五菱牌LZW6407", "LZW", (32000, 48000), (68000, 90000)),
    ("大众牌SVW7152", "LSV", (38000, 48000), (95000, 160000)),
    ("吉利牌MR7152", "L6T", (30000, 46000), (72000, 128000)),
    ("丰田牌GTM7250", "LVG", (45000, 48000), (150000, 260000)),
    ("比亚迪牌BYD7005", "LGX", (40000, 48000), (99000, 220000)),
    ("宝马牌BMW7201", "LBV", (46000, 48000), (280000, 420000)),
)

_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK = "10X98765432"
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O on plates
_PLATE_SPACE = len(_PLATE_LETTERS) * 10_000
_CENT = Decimal("0.01")

Relation = int  # verify_pb2.MemberRelation


@dataclass(frozen=True)
class DemoHousehold:
    """One applicant household: what it declared and what the providers record about it.

    ``application`` is the ``Household`` of a CreateVerificationJob; ``records`` the rows each
    provider publishes, by resource name (every resource present, perhaps empty);
    ``planted`` the planted discrepancy (one of ``PLANTED``) or None; ``expected`` what the
    verification should conclude, "PASS" or "FAIL"; ``profile`` the planted kind, or
    "low-income" / "above-standard" for truthful households; ``note`` what is special about
    the household, in Chinese, for people reading a demo.
    """

    application_id: str
    application: v.Household
    records: dict[str, list[x.Record]]
    planted: str | None
    expected: str
    profile: str
    note: str


# -- codes and checksums -------------------------------------------------------------------------


def citizen_id_check(first17: str) -> str:
    """The GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def credit_code(kind: str, division: str, body8: str) -> str:
    """A GB 32100 unified social credit code for an 8-digit organisation code body."""
    first17 = kind + division + body8 + organization_code_check(body8)
    return first17 + check_character(first17)


def vin(wmi: str, descriptor: str, year_code: str, serial: int) -> str:
    """A 17-character vehicle identification number with its check digit (GB 16735, 9th)."""
    raw = f"{wmi}{descriptor}0{year_code}A{serial:06d}"
    total = sum(_VIN_VALUES[c] * w for c, w in zip(raw, _VIN_WEIGHTS, strict=True))
    check = "X" if total % 11 == 10 else str(total % 11)
    return raw[:8] + check + raw[9:]


def _money(amount: Decimal | int) -> str:
    """Currency as the exchange takes it: yuan with two decimals."""
    return f"{Decimal(amount).quantize(_CENT, ROUND_HALF_UP):f}"


def _fen(amount: Decimal | int) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal(1), ROUND_HALF_UP))


def _ymd(day: date) -> str:
    return day.strftime("%Y%m%d")


def _stream(name: str) -> random.Random:
    """A reproducible stream of draws for ``name`` (demo data, not secrets)."""
    return random.Random(name)  # noqa: S311


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


# -- people --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Employer:
    name: str
    code: str


@dataclass
class ProvidentAccount:
    number: str
    base: Decimal  # 缴存基数
    employer_ratio: int  # percent
    personal_ratio: int
    balance: Decimal
    sealed: bool = False  # 封存: no longer deposited into
    employer: Employer | None = None
    paid_until: str = ""

    @property
    def monthly(self) -> Decimal:
        if self.sealed:
            return Decimal(0)
        ratios = Decimal(self.employer_ratio + self.personal_ratio)
        return (self.base * ratios / 100).quantize(_CENT, ROUND_HALF_UP)


@dataclass
class Person:
    citizen_id: str
    name: str
    male: bool
    birth: date
    relation: Relation
    registry_relation: str  # 与户主关系 as the household registry writes it
    job: str = "none"  # employee | flexible | pensioner | none
    income: int = 0  # declared monthly income, yuan
    employer: Employer | None = None
    fund: ProvidentAccount | None = None
    first_insured: date | None = None

    @property
    def age(self) -> int:
        return _age(self.birth)


def _adult_on(birth: date) -> date:
    """The 18th birthday (1 March for those born on 29 February)."""
    try:
        return birth.replace(year=birth.year + 18)
    except ValueError:
        return date(birth.year + 18, 3, 1)


def _some_day(rng: random.Random, earliest: date, within_days: int) -> date:
    """A day from ``earliest`` (or ``within_days`` before the reference date, when later) to
    a month before the reference date."""
    start = max(earliest, REFERENCE_DATE - timedelta(days=within_days))
    end = REFERENCE_DATE - timedelta(days=30)
    if start >= end:
        return end
    return start + timedelta(days=rng.randrange((end - start).days))


def _age(birth: date) -> int:
    ref = REFERENCE_DATE
    return ref.year - birth.year - ((ref.month, ref.day) < (birth.month, birth.day))


INCOME_SOURCES = {
    "employee": "工资",
    "flexible": "灵活就业收入",
    "pensioner": "养老金",
}


# -- the generator -------------------------------------------------------------------------------


# Household shapes: the relations besides the applicant's, with the applicant's age range.
SHAPES: tuple[tuple[tuple[int, int], tuple[Relation, ...], int], ...] = (
    ((60, 86), (), 8),  # an elderly person alone
    ((24, 59), (), 5),
    ((60, 84), (v.MEMBER_RELATION_SPOUSE,), 8),
    ((26, 50), (v.MEMBER_RELATION_CHILD,), 8),  # a single parent
    ((24, 59), (v.MEMBER_RELATION_SIBLING,), 2),
    ((27, 55), (v.MEMBER_RELATION_SPOUSE, v.MEMBER_RELATION_CHILD), 12),
    ((26, 50), (v.MEMBER_RELATION_CHILD, v.MEMBER_RELATION_PARENT), 4),
    (
        (30, 52),
        (v.MEMBER_RELATION_SPOUSE, v.MEMBER_RELATION_CHILD, v.MEMBER_RELATION_CHILD),
        10,
    ),
    (
        (28, 50),
        (v.MEMBER_RELATION_SPOUSE, v.MEMBER_RELATION_CHILD, v.MEMBER_RELATION_PARENT),
        6,
    ),
    (
        (62, 80),
        (v.MEMBER_RELATION_SPOUSE, v.MEMBER_RELATION_GRANDCHILD, v.MEMBER_RELATION_GRANDCHILD),
        3,
    ),
    (
        (32, 50),
        (
            v.MEMBER_RELATION_SPOUSE,
            v.MEMBER_RELATION_CHILD,
            v.MEMBER_RELATION_CHILD,
            v.MEMBER_RELATION_PARENT,
        ),
        4,
    ),
)


class _Numbers:
    """Running numbers shared by all households, so plates, units and accounts never repeat."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.vehicles = 0
        self.units = 0
        self.accounts = 0
        self.enterprises = 0


@dataclass
class _Draft:
    """A household being made: its people and what they hold."""

    index: int
    rng: random.Random
    profile: str
    household_number: str  # 户号
    street: int
    address: str
    registered: date  # when the household was registered at its address
    people: list[Person] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)  # properties: owners, unit …
    vehicles: list[dict[str, Any]] = field(default_factory=list)
    shares: list[dict[str, Any]] = field(default_factory=list)
    deposits: list[tuple[str, str, int]] = field(default_factory=list)  # owner, bank, yuan
    tax_income: dict[str, Decimal] = field(default_factory=dict)  # recorded, where it differs
    insured_base: dict[str, Decimal] = field(default_factory=dict)  # recorded, where it differs
    extra_tax: dict[str, Employer] = field(default_factory=dict)  # undeclared employment
    declared_balance: dict[str, Decimal | None] = field(default_factory=dict)
    note: str = ""

    def adults(self, low: int = 18, high: int = 200) -> list[Person]:
        return [p for p in self.people if low <= p.age <= high]


class Generator:
    """Makes the households of one seed, in order (see ``generate``)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.numbers = _Numbers()
        pool = _stream(f"{seed}/employers")
        names = [b + t for b in EMPLOYER_BRANDS for t in EMPLOYER_TRADES]
        pool.shuffle(names)
        self.employers = tuple(
            Employer(
                f"滨海市海新区{name}有限公司",
                credit_code("91", DIVISION, f"{_digest(f'{seed}/{name}') % 50_000_000:08d}"),
            )
            for name in names[:36]
        )

    # -- one household --------------------------------------------------------------------------

    def household(self, index: int, profile: str) -> DemoHousehold:
        rng = _stream(f"{self.seed}/household/{index}")
        for _ in range(200):
            draft = self._draft(index, rng, profile)
            if draft is not None:
                break
        else:  # the shapes always allow each profile
            raise RuntimeError(f"no household of profile {profile} after 200 draws")
        self._commit(draft)
        return self._finish(draft)

    def _draft(self, index: int, rng: random.Random, profile: str) -> _Draft | None:
        """A household of ``profile``, or None when the drawn shape cannot hold it."""
        street = rng.randrange(len(STREETS))
        street_name, _, roads = STREETS[street]
        address = (
            f"滨海市海新区{street_name}{rng.choice(roads)}{rng.randint(1, 199)}号"
            f"{rng.randint(1, 12)}幢{rng.randint(1, 18)}{rng.randint(1, 4):02d}室"
        )
        draft = _Draft(
            index,
            rng,
            profile,
            f"3599{index + 1:05d}",
            street,
            address,
            REFERENCE_DATE - timedelta(days=rng.randint(400, 9000)),
        )
        self._people(draft)
        needs = {
            INCOME_PROVIDENT_FUND: "employee",
            PROVIDENT_BALANCE: "employee",
            INCOME_TAX: "working-age",
            INCOME_SOCIAL_INSURANCE: "working-age",
        }.get(profile, "")
        if profile in (HIDDEN_CAR, UNDECLARED_SHARE, SECOND_PROPERTY) and not draft.adults():
            return None
        if needs == "working-age" and not draft.adults(18, 59):
            return None
        if profile == ABOVE_STANDARD:
            self._incomes_above(draft)
        elif not self._incomes_low(draft, need_employee=needs == "employee"):
            return None
        self._holdings(draft, force_property=profile == SECOND_PROPERTY)
        plant = {
            HIDDEN_CAR: self._plant_car,
            UNDECLARED_SHARE: self._plant_share,
            SECOND_PROPERTY: self._plant_property,
            INCOME_TAX: self._plant_tax,
            INCOME_SOCIAL_INSURANCE: self._plant_insurance,
            INCOME_PROVIDENT_FUND: self._plant_fund_income,
            PROVIDENT_BALANCE: self._plant_fund_balance,
        }.get(profile)
        if plant is not None:
            plant(draft)
        return draft

    # -- members --------------------------------------------------------------------------------

    def _people(self, draft: _Draft) -> None:
        rng = draft.rng
        (low, high), others, _ = rng.choices(SHAPES, weights=[s[2] for s in SHAPES])[0]
        age = rng.randint(low, high)
        male = rng.random() < 0.5
        surname = rng.choice(SURNAMES)
        applicant = self._person(draft, surname, male, age, v.MEMBER_RELATION_APPLICANT, "户主")
        draft.people.append(applicant)
        spouse_surname = ""
        children_surname = surname
        for relation in others:
            if relation == v.MEMBER_RELATION_SPOUSE:
                spouse_surname = self._other_surname(rng, surname)
                if not male:
                    children_surname = spouse_surname
                gap = rng.randint(-3, 6)  # husbands are mostly the older
                spouse_age = max(20, age - gap if male else age + gap)
                draft.people.append(
                    self._person(draft, spouse_surname, not male, spouse_age, relation, "配偶")
                )
            elif relation == v.MEMBER_RELATION_CHILD:
                child_male = rng.random() < 0.5
                child_age = max(0, age - rng.randint(22, min(38, max(22, age - 1))))
                name = "子" if child_male else "女"
                draft.people.append(
                    self._person(draft, children_surname, child_male, child_age, relation, name)
                )
            elif relation == v.MEMBER_RELATION_PARENT:
                parent_male = rng.random() < 0.4
                parent_age = min(95, age + rng.randint(22, 34))
                parent_surname = surname if parent_male else self._other_surname(rng, surname)
                text = "父亲" if parent_male else "母亲"
                draft.people.append(
                    self._person(draft, parent_surname, parent_male, parent_age, relation, text)
                )
            elif relation == v.MEMBER_RELATION_GRANDCHILD:
                grand_male = rng.random() < 0.5
                grand_age = rng.randint(max(0, age - 70), max(0, min(17, age - 45)))
                text = "孙子" if grand_male else "孙女"
                draft.people.append(
                    self._person(draft, children_surname, grand_male, grand_age, relation, text)
                )
            elif relation == v.MEMBER_RELATION_SIBLING:
                sibling_male = rng.random() < 0.5
                gap = rng.randint(1, 9)
                older = rng.random() < 0.5
                sibling_age = age + gap if older else max(18, age - gap)
                if sibling_age == age:
                    sibling_age += 1
                older = sibling_age > age
                text = ("兄" if older else "弟") if sibling_male else ("姐" if older else "妹")
                draft.people.append(
                    self._person(draft, surname, sibling_male, sibling_age, relation, text)
                )

    @staticmethod
    def _other_surname(rng: random.Random, surname: str) -> str:
        while (other := rng.choice(SURNAMES)) == surname:
            pass
        return other

    def _person(
        self,
        draft: _Draft,
        surname: str,
        male: bool,
        age: int,
        relation: Relation,
        registry_relation: str,
    ) -> Person:
        rng = draft.rng
        born = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - age) - timedelta(
            days=rng.randint(1, 364)
        )
        given_pool = MALE_GIVEN if male else FEMALE_GIVEN
        given = "".join(rng.choice(given_pool) for _ in range(rng.choice((1, 2, 2))))
        # Registered before the district was set up (1984): the city's code on the ID.
        division = CITY_DIVISION if born.year < 1984 and rng.random() < 0.7 else DIVISION
        while True:
            sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)
            first17 = f"{division}{_ymd(born)}{sequence:03d}"
            citizen_id = first17 + citizen_id_check(first17)
            if citizen_id not in self.numbers.ids and all(
                p.citizen_id != citizen_id for p in draft.people
            ):
                break
        return Person(citizen_id, surname + given, male, born, relation, registry_relation)

    # -- income ---------------------------------------------------------------------------------

    def _employ(self, draft: _Draft, person: Person, wage: int, fund_chance: float) -> None:
        rng = draft.rng
        person.job, person.income = "employee", wage
        person.employer = rng.choice(self.employers)
        start = max(_adult_on(person.birth), date(2005, 1, 1))
        span = max(1, (REFERENCE_DATE - start).days - 200)
        person.first_insured = start + timedelta(days=rng.randrange(span))
        if rng.random() < fund_chance:
            ratio = rng.choice((5, 8, 12))
            months = rng.randint(6, 72)
            base = Decimal(wage)
            monthly = (base * 2 * ratio / 100).quantize(_CENT, ROUND_HALF_UP)
            balance = (monthly * months * Decimal(rng.randint(55, 100)) / 100).quantize(_CENT)
            person.fund = ProvidentAccount(
                "", base, ratio, ratio, balance, employer=person.employer, paid_until="202611"
            )

    def _incomes_low(self, draft: _Draft, need_employee: bool) -> bool:
        """Truthful low-income: income per person below ``LOW_INCOME_CAP_YUAN``. With
        ``need_employee`` one working-age member is an employee with a provident-fund
        account; False when the household's shape cannot hold that under the cap."""
        rng = draft.rng
        for person in draft.people:
            if person.age >= 60:
                if rng.random() < 0.8:  # 城乡居民基础养老金
                    person.job, person.income = "pensioner", rng.randrange(150, 420, 10)
            elif 18 <= person.age <= 59 and not (person.age <= 22 and rng.random() < 0.5):
                roll = rng.random()
                if roll < 0.4:
                    self._employ(draft, person, rng.randrange(MINIMUM_WAGE_YUAN, 2700, 10), 0.3)
                elif roll < 0.75:
                    person.job, person.income = "flexible", rng.randrange(400, 1900, 10)
        required: Person | None = None
        if need_employee:
            working = draft.adults(18, 59)
            if not working:
                return False
            employees = [p for p in working if p.job == "employee"]
            required = employees[0] if employees else rng.choice(working)
            if required.job != "employee":
                self._employ(draft, required, rng.randrange(MINIMUM_WAGE_YUAN, 2300, 10), 1.0)
            if required.fund is None or required.fund.sealed:
                required.fund = None
                self._employ(draft, required, required.income, 1.0)
        cap = LOW_INCOME_CAP_YUAN * len(draft.people)
        while sum(p.income for p in draft.people) >= cap:
            earners = sorted(
                (p for p in draft.people if p.income and p is not required),
                key=lambda p: -p.income,
            )
            if not earners:
                return False
            top = earners[0]
            if top.job == "employee":
                top.job, top.income, top.employer, top.fund = "flexible", 0, None, None
                top.first_insured = None
                top.income = rng.randrange(300, 900, 10)
            else:
                top.job, top.income = "none", 0
        self._sealed_funds(draft)
        return True

    def _incomes_above(self, draft: _Draft) -> None:
        """Truthful, but income per person at least ``ABOVE_STANDARD_FLOOR_YUAN``."""
        rng = draft.rng
        for person in draft.people:
            if person.age >= 60:  # 企业职工基本养老金
                person.job, person.income = "pensioner", rng.randrange(2200, 4600, 10)
            elif 18 <= person.age <= 59 and rng.random() < 0.8:
                self._employ(draft, person, rng.randrange(3200, 9000, 10), 0.6)
        floor = ABOVE_STANDARD_FLOOR_YUAN * len(draft.people)
        total = sum(p.income for p in draft.people)
        if total < floor:
            applicant = draft.people[0]
            missing = floor - total + rng.randrange(0, 800, 10)
            if applicant.job == "employee":
                assert applicant.fund is None or not applicant.fund.sealed
                applicant.income += missing
                if applicant.fund is not None:  # the fund's base follows the wage
                    applicant.fund = None
                    self._employ(draft, applicant, applicant.income, 1.0)
            elif applicant.age >= 60:
                applicant.job, applicant.income = "pensioner", applicant.income + missing
            else:
                self._employ(draft, applicant, max(MINIMUM_WAGE_YUAN, missing), 0.6)
        self._sealed_funds(draft)

    def _sealed_funds(self, draft: _Draft) -> None:
        """Some working-age members without a job keep a sealed account from an earlier one."""
        rng = draft.rng
        for person in draft.adults(25, 64):
            if person.job != "employee" and person.fund is None and rng.random() < 0.08:
                balance = Decimal(rng.randrange(30000, 900000)) / 100
                person.fund = ProvidentAccount(
                    "",
                    Decimal(rng.randrange(1800, 3200, 10)),
                    12,
                    12,
                    balance,
                    sealed=True,
                    employer=rng.choice(self.employers),
                    paid_until=f"20{rng.randint(15, 23)}{rng.randint(1, 12):02d}",
                )

    # -- property, vehicles, deposits -----------------------------------------------------------

    def _holdings(self, draft: _Draft, force_property: bool) -> None:
        rng = draft.rng
        adults = draft.adults()
        above = draft.profile == ABOVE_STANDARD
        if adults and (force_property or rng.random() < (0.7 if above else 0.55)):
            owners = [draft.people[0]] if draft.people[0].age >= 18 else [adults[0]]
            spouse = [p for p in draft.people if p.relation == v.MEMBER_RELATION_SPOUSE]
            if spouse and rng.random() < 0.5:  # jointly owned: one unit, two rows
                owners.append(spouse[0])
            draft.units.append(self._unit(draft, owners, declared=True, address=draft.address))
        if adults and rng.random() < (0.3 if above else 0.12):
            draft.vehicles.append(self._vehicle(draft, rng.choice(adults), cheap=True))
        if adults and rng.random() < 0.08:  # electric tricycle: no registration
            draft.vehicles.append(
                {
                    "owner": rng.choice(adults),
                    "declared": True,
                    "plate": "",
                    "type": "电动三轮车",
                    "value": rng.randrange(1500, 5000, 100),
                }
            )
        if rng.random() < 0.5:
            owner = rng.choice(adults or draft.people)
            amount = rng.randrange(50, 8000 if not above else 60000, 10)
            draft.deposits.append((owner.citizen_id, rng.choice(BANKS), amount))

    def _unit(
        self, draft: _Draft, owners: list[Person], declared: bool, address: str = ""
    ) -> dict[str, Any]:
        rng = draft.rng
        number = self.numbers.units
        self.numbers.units += 1
        street_name, _, roads = STREETS[draft.street]
        parcel, building, room = number // 200 + 1, (number % 200) // 40 + 1, number % 40 + 1
        unit = (
            f"{DIVISION}{draft.street + 1:03d}{parcel % 1000:03d}GB{parcel:05d}"
            f"F{building:04d}{room:04d}"
        )
        if not address:
            address = (
                f"滨海市海新区{street_name}{rng.choice(roads)}{rng.randint(1, 199)}号"
                f"{building}幢{rng.randint(1, 18)}{rng.randint(1, 4):02d}室"
            )
        registered = _some_day(rng, max(_adult_on(owner.birth) for owner in owners), 8000)
        ways = ("买卖", "买卖", "继承", "赠与") + (("房改售房",) if registered.year < 1999 else ())
        return {
            "owners": owners,
            "unit": unit,
            "address": address,
            "area": Decimal(rng.randrange(3200, 9800)) / 100,
            "way": rng.choice(ways),
            "date": registered,
            "certificate": f"闽（{registered.year}）海新区不动产权第{1_000_000 + number:07d}号",
            "declared": declared,
        }

    def _vehicle(self, draft: _Draft, owner: Person, cheap: bool) -> dict[str, Any]:
        rng = draft.rng
        number = self.numbers.vehicles
        self.numbers.vehicles += 1
        scrambled = (number * 7919 + 4217) % _PLATE_SPACE  # a bijection: plates never repeat
        plate = f"闽H{_PLATE_LETTERS[scrambled // 10_000]}{scrambled % 10_000:04d}"
        model, wmi, cheap_range, dear_range = rng.choice(CAR_MODELS)
        low, high = cheap_range if cheap else dear_range
        price = rng.randrange(low, high + 1, 100)
        registered = _some_day(rng, _adult_on(owner.birth), 4000)
        year_code = "ABCDEFGHJKLMNPRSTVWXY123456789"[(registered.year - 2010) % 30]
        descriptor = f"{'ABCDEFGH'[number % 8]}{number % 97:02d}{'KLMNP'[number % 5]}1"
        return {
            "owner": owner,
            "declared": cheap,
            "plate": plate,
            "vin": vin(wmi, descriptor, year_code, number),
            "model": model,
            "type": "小型轿车",
            "value": price,
            # what the owner says it is worth now: bought price, less some years' wear
            "declared_value": price * rng.randint(40, 90) // 100,
            "date": registered,
        }

    # -- the plants -----------------------------------------------------------------------------

    def _plant_car(self, draft: _Draft) -> None:
        car = self._vehicle(draft, draft.rng.choice(draft.adults()), cheap=False)
        car["declared"] = False
        draft.vehicles.append(car)
        draft.note = f"未申报的机动车 {car['plate']}，购置价格 {car['value']} 元"

    def _plant_share(self, draft: _Draft) -> None:
        rng = draft.rng
        holder = rng.choice(draft.adults())
        number = self.numbers.enterprises
        self.numbers.enterprises += 1
        name = (
            f"滨海市海新区{rng.choice(ENTERPRISE_WORDS)}{rng.choice(ENTERPRISE_WORDS)}"
            f"{rng.choice(ENTERPRISE_TRADES)}有限公司"
        )
        code = credit_code("91", DIVISION, f"{60_000_000 + number * 37 % 10_000_000:08d}")
        subscribed = rng.randrange(50_000, 1_000_001, 10_000)
        founded = _some_day(rng, _adult_on(holder.birth), 3000)
        draft.shares.append(
            {
                "holder": holder,
                "enterprise": name,
                "code": code,
                "subscribed": subscribed,
                "paid": subscribed * rng.choice((0, 20, 50, 100)) // 100,
                "ratio": Decimal(rng.randrange(1000, 10001, 500)) / 100,
                "date": founded,
            }
        )
        draft.note = f"未申报的企业股份：{name}，认缴出资 {subscribed} 元"

    def _plant_property(self, draft: _Draft) -> None:
        owner = draft.rng.choice(draft.adults())
        unit = self._unit(draft, [owner], declared=False)
        draft.units.append(unit)
        draft.note = f"未申报的第二套住房：{unit['address']}"

    def _plant_tax(self, draft: _Draft) -> None:
        rng = draft.rng
        earner = rng.choice(draft.adults(18, 59))
        floor = int(earner.income * 1.5) + 500
        recorded = Decimal(rng.randrange(max(3500, floor), max(9000, floor + 3000), 10))
        draft.tax_income[earner.citizen_id] = recorded
        if earner.job != "employee":
            draft.extra_tax[earner.citizen_id] = rng.choice(self.employers)
        draft.note = (
            f"{earner.name} 申报月收入 {earner.income} 元，个人所得税记录的月收入额 {recorded} 元"
        )

    def _plant_insurance(self, draft: _Draft) -> None:
        rng = draft.rng
        earner = rng.choice(draft.adults(18, 59))
        others = sum(p.income for p in draft.people if p is not earner)
        needed = STANDARD_YUAN * len(draft.people) * 115 // 100 - others
        base = max(needed, 3000, earner.income * 2)
        base = (base + rng.randrange(0, 1500) + 99) // 100 * 100
        draft.insured_base[earner.citizen_id] = Decimal(base)
        if earner.employer is None:
            earner.employer = rng.choice(self.employers)
            start = max(_adult_on(earner.birth), date(2010, 1, 1))
            earner.first_insured = start + timedelta(days=rng.randint(0, 400))
        draft.note = f"{earner.name} 申报月收入 {earner.income} 元，社会保险缴费基数 {base} 元"

    def _plant_fund_income(self, draft: _Draft) -> None:
        rng = draft.rng
        earner = next(p for p in draft.people if p.job == "employee" and p.fund is not None)
        fund = earner.fund
        assert fund is not None
        fund.base = Decimal(earner.income * rng.randint(200, 350) // 100 // 10 * 10)
        fund.employer_ratio = fund.personal_ratio = 12
        months = rng.randint(12, 60)
        fund.balance = (fund.monthly * months * Decimal(rng.randint(60, 100)) / 100).quantize(_CENT)
        draft.declared_balance[earner.citizen_id] = fund.balance
        draft.note = (
            f"{earner.name} 申报月收入 {earner.income} 元，公积金月缴存额 {fund.monthly} 元"
            f"（按 24% 推算月收入 {fund.base} 元）"
        )

    def _plant_fund_balance(self, draft: _Draft) -> None:
        rng = draft.rng
        earner = next(p for p in draft.people if p.job == "employee" and p.fund is not None)
        fund = earner.fund
        assert fund is not None
        if fund.balance < 8000:  # room for a gap well beyond 500 yuan and 5%
            fund.balance += Decimal(rng.randrange(800_000, 3_000_000)) / 100
        if rng.random() < 0.3:  # the account is not declared at all
            draft.declared_balance[earner.citizen_id] = None
            said = "未申报公积金账户"
        else:
            declared = fund.balance * rng.randint(5, 50) // 100 // 100 * 100
            draft.declared_balance[earner.citizen_id] = Decimal(declared)
            said = f"申报公积金余额 {declared} 元"
        draft.note = f"{earner.name} {said}，登记余额 {fund.balance} 元"

    # -- numbering and output ------------------------------------------------------------------

    def _commit(self, draft: _Draft) -> None:
        """Take the draft's people and accounts into the running numbers (a draft that was
        dropped took none, apart from plates, units and enterprises, which only skip)."""
        for person in draft.people:
            self.numbers.ids.add(person.citizen_id)
            if person.fund is not None and not person.fund.number:
                self.numbers.accounts += 1
                person.fund.number = f"{DIVISION}{self.numbers.accounts:010d}"

    def _finish(self, draft: _Draft) -> DemoHousehold:
        application = v.Household()
        for person in draft.people:
            application.members.add(
                citizen_id=person.citizen_id, name=person.name, relation=person.relation
            )
        for person in draft.people:
            if person.income:
                application.incomes.add(
                    citizen_id=person.citizen_id,
                    monthly_income_fen=_fen(person.income),
                    source=INCOME_SOURCES[person.job],
                )
        for unit in draft.units:
            if unit["declared"]:
                application.real_estate.add(
                    owner_citizen_ids=[p.citizen_id for p in unit["owners"]],
                    address=unit["address"],
                    certificate_number=unit["certificate"],
                    floor_area_square_meters=float(unit["area"]),
                )
        for car in draft.vehicles:
            if car["declared"]:
                application.vehicles.add(
                    citizen_id=car["owner"].citizen_id,
                    plate_number=car["plate"],
                    vehicle_type=car["type"],
                    value_fen=_fen(car.get("declared_value", car["value"])),
                )
        for person in draft.people:
            fund = person.fund
            if fund is None:
                continue
            if person.citizen_id in draft.declared_balance:
                said = draft.declared_balance[person.citizen_id]
            elif draft.rng.random() < 0.6:  # as the statement says
                said = fund.balance
            else:  # from memory, to the nearest hundred yuan: well inside the tolerance
                said = (fund.balance / 100).quantize(Decimal(1), ROUND_HALF_UP) * 100
            if said is not None:
                application.provident_funds.add(
                    citizen_id=person.citizen_id, balance_fen=_fen(said)
                )
        for owner, bank, amount in draft.deposits:
            application.deposits.add(citizen_id=owner, bank=bank, balance_fen=_fen(amount))
        planted = draft.profile if draft.profile in PLANTED else None
        return DemoHousehold(
            application_id=f"HX-DB-2026-{draft.index + 1:06d}",
            application=application,
            records=self._records(draft),
            planted=planted,
            expected=PASSES if draft.profile == LOW_INCOME else FAILS,
            profile=draft.profile,
            note=draft.note or TITLES[draft.profile],
        )

    def _records(self, draft: _Draft) -> dict[str, list[x.Record]]:
        rows: dict[str, list[dict[str, str]]] = {resource: [] for resource in RESOURCES}
        _, station, _ = STREETS[draft.street]
        for person in draft.people:
            rows[POPULATION].append(
                {
                    "公民身份号码": person.citizen_id,
                    "姓名": person.name,
                    "性别": "1" if person.male else "2",
                    "民族": "01",
                    "出生日期": _ymd(person.birth),
                    "户号": draft.household_number,
                    "与户主关系": person.registry_relation,
                    "户籍地址": draft.address,
                    "所属派出所": f"滨海市公安局海新分局{station}",
                    "人员状态": "正常",
                    "户籍登记日期": _ymd(max(person.birth, draft.registered)),
                }
            )
            self._insurance_and_tax(draft, person, rows)
            if person.fund is not None:
                fund = person.fund
                employer = fund.employer or self.employers[0]
                rows[PROVIDENT_FUND].append(
                    {
                        "个人公积金账号": fund.number,
                        "公民身份号码": person.citizen_id,
                        "姓名": person.name,
                        "单位名称": employer.name,
                        "单位统一社会信用代码": employer.code,
                        "缴存基数": _money(fund.base),
                        "单位缴存比例": str(fund.employer_ratio),
                        "个人缴存比例": str(fund.personal_ratio),
                        "月缴存额": _money(fund.monthly),
                        "公积金账户余额": _money(fund.balance),
                        "缴至年月": fund.paid_until,
                        "账户状态": "封存" if fund.sealed else "正常",
                    }
                )
        for unit in draft.units:
            for owner in unit["owners"]:
                rows[REAL_ESTATE].append(
                    {
                        "权利人姓名": owner.name,
                        "权利人证件号码": owner.citizen_id,
                        "不动产单元号": unit["unit"],
                        "房屋坐落": unit["address"],
                        "房屋用途": "住宅",
                        "建筑面积": f"{unit['area']:.2f}",
                        "取得方式": unit["way"],
                        "登簿日期": _ymd(unit["date"]),
                        "权属状态": "现势",
                    }
                )
        for car in draft.vehicles:
            if not car["plate"]:
                continue  # not a registered motor vehicle
            rows[VEHICLES].append(
                {
                    "号牌号码": car["plate"],
                    "号牌种类": "02",
                    "车辆识别代号": car["vin"],
                    "车辆类型": car["type"],
                    "品牌型号": car["model"],
                    "使用性质": "非营运",
                    "所有人名称": car["owner"].name,
                    "所有人证件号码": car["owner"].citizen_id,
                    "初次登记日期": _ymd(car["date"]),
                    "车辆状态": "正常",
                    "购置价格": _money(car["value"]),
                }
            )
        for share in draft.shares:
            rows[SHAREHOLDERS].append(
                {
                    "统一社会信用代码": share["code"],
                    "企业名称": share["enterprise"],
                    "股东名称": share["holder"].name,
                    "股东类型": "自然人股东",
                    "股东证件号码": share["holder"].citizen_id,
                    "认缴出资额": _money(share["subscribed"]),
                    "实缴出资额": _money(share["paid"]),
                    "出资方式": "货币",
                    "出资日期": _ymd(share["date"]),
                    "持股比例": f"{share['ratio']:.2f}",
                }
            )
        return {
            resource: [
                x.Record(key="|".join(row[item] for item in KEY_ITEMS[resource]), fields=row)
                for row in resource_rows
            ]
            for resource, resource_rows in rows.items()
        }

    def _insurance_and_tax(
        self, draft: _Draft, person: Person, rows: dict[str, list[dict[str, str]]]
    ) -> None:
        cid = person.citizen_id
        base = draft.insured_base.get(cid)
        if person.job == "employee" or base is not None:
            employer = person.employer or self.employers[0]
            amount = base if base is not None else Decimal(person.income)
            rows[SOCIAL_INSURANCE].append(
                {
                    "公民身份号码": cid,
                    "姓名": person.name,
                    "参保单位名称": employer.name,
                    "参保单位统一社会信用代码": employer.code,
                    "险种类型": "企业职工基本养老保险",
                    "参保状态": "参保缴费",
                    "缴费年月": "202611",
                    "缴费基数": _money(amount),
                    "单位缴费金额": _money(amount * 16 / 100),
                    "个人缴费金额": _money(amount * 8 / 100),
                    "首次参保日期": _ymd(person.first_insured or draft.registered),
                }
            )
        income = draft.tax_income.get(cid)
        employer = draft.extra_tax.get(cid) or person.employer
        if person.job == "employee" or income is not None:
            assert employer is not None
            amount = income if income is not None else Decimal(person.income)
            # 工资薪金 withheld monthly: 5000 yuan a month deducted, 3% on the first band
            tax = max(Decimal(0), (amount * Decimal("0.805") - 5000) * 3 / 100)
            rows[TAX].append(
                {
                    "纳税人识别号": cid,
                    "纳税人名称": person.name,
                    "证件号码": cid,
                    "税种": "个人所得税",
                    "所得项目": "工资、薪金所得",
                    "所属期起": "2026-10-01",
                    "所属期止": "2026-10-31",
                    "收入额": _money(amount),
                    "应纳税额": _money(tax),
                    "已缴税额": _money(tax),
                    "扣缴义务人名称": employer.name,
                    "入库日期": "20261114",
                }
            )


# -- the api -------------------------------------------------------------------------------------


def profiles(count: int, seed: int = DEFAULT_SEED) -> list[str]:
    """The profile of each of ``count`` households: ``BLOCK`` shuffled per block."""
    out: list[str] = []
    block = 0
    while len(out) < count:
        kinds = list(BLOCK)
        _stream(f"{seed}/block/{block}").shuffle(kinds)
        out.extend(kinds)
        block += 1
    return out[:count]


def generate(count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED) -> list[DemoHousehold]:
    """``count`` demo households for ``seed`` (see the module's docstring)."""
    if count < 0:
        raise ValueError("count must not be negative")
    generator = Generator(seed)
    return [generator.household(i, kind) for i, kind in enumerate(profiles(count, seed))]


def records_by_resource(households: Iterable[DemoHousehold]) -> dict[str, list[x.Record]]:
    """Every household's records, by resource, in household order (what providers publish)."""
    merged: dict[str, list[x.Record]] = {resource: [] for resource in RESOURCES}
    for household in households:
        for resource, records in household.records.items():
            merged[resource].extend(records)
    return merged


def flagship(households: Iterable[DemoHousehold]) -> list[DemoHousehold]:
    """The demo's scenario: the first truthful low-income household, then the first of each
    planted kind in ``PLANTED`` order (kinds the list lacks are left out)."""
    first: dict[str, DemoHousehold] = {}
    for household in households:
        first.setdefault(household.profile, household)
    return [first[kind] for kind in (LOW_INCOME, *PLANTED) if kind in first]


def applications_json(households: Iterable[DemoHousehold], seed: int) -> dict[str, Any]:
    """The applications with their labels, for ``$GOVDATA_HOME/demo/households.json``: the
    households in proto JSON (the contract's field names), without the records."""
    listed = list(households)
    return {
        "about": "govdata demo households (scripts/district/households.py): the declared "
        "applications with what was planted; the providers' records are in svc-exchange.",
        "seed": seed,
        "count": len(listed),
        "households": [
            {
                "applicationId": h.application_id,
                "profile": h.profile,
                "planted": h.planted,
                "expected": h.expected,
                "note": h.note,
                "household": json_format.MessageToDict(h.application),
            }
            for h in listed
        ],
    }


def write_applications(path: Path, households: Iterable[DemoHousehold], seed: int) -> None:
    """Write ``applications_json`` to ``path`` (its folder is made)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(applications_json(households, seed), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def read_applications(path: Path) -> list[DemoHousehold]:
    """The households written by ``write_applications``; their ``records`` are empty (the
    records live in svc-exchange)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        DemoHousehold(
            application_id=entry["applicationId"],
            application=json_format.ParseDict(entry["household"], v.Household()),
            records={},
            planted=entry.get("planted"),
            expected=entry["expected"],
            profile=entry["profile"],
            note=entry.get("note", ""),
        )
        for entry in data["households"]
    ]
