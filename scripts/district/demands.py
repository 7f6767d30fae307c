"""Sharing demands (共享需求) of the district: department X needs resource Y (or data like Y) for
duty Z.

Most come from the household economic-status check (居民家庭经济状况核对), the platform's flagship
use: some are met by a published resource (MATCHED, or FULFILLED once data flows), some are
gaps the catalogue cannot fill — deposits and securities are held by banks and brokers, not by
any department of the district — and one names data items no published resource offers. The
gap list shows leaders exactly these.
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN = "DEMAND_STATE_OPEN"
MATCHED = "DEMAND_STATE_MATCHED"
FULFILLED = "DEMAND_STATE_FULFILLED"
CLOSED = "DEMAND_STATE_CLOSED"

ASSISTANCE_VERIFICATION = "《社会救助暂行办法》（国务院令第649号）第六十条、第六十一条"


@dataclass(frozen=True)
class DemandRow:
    """A demand of ``org`` for ``duty`` (a duty id of ``org``). ``resource`` is a resource id
    (any organisation's) or "" for data not in the catalogue; ``provider`` an organisation id
    or ""."""

    org: str
    id: str
    title: str
    duty: str
    description: str
    items: tuple[str, ...]
    purpose: str
    basis: str
    state: str
    resource: str = ""
    provider: str = ""
    method: str = "SHARE_METHOD_INTERFACE"
    cycle: str = "REAL_TIME"


DEMANDS: tuple[DemandRow, ...] = (
    DemandRow(
        "hx-mzj",
        "hd-household",
        "核对申请家庭成员户籍信息",
        "jjhd",
        "核对申请家庭成员的身份、户籍地址和与户主关系，确认家庭成员构成。",
        ("公民身份号码", "姓名", "与户主关系", "户籍地址", "人员状态"),
        "居民家庭经济状况核对：确认家庭成员",
        ASSISTANCE_VERIFICATION,
        FULFILLED,
        resource="household-population",
        provider="hx-gafj",
    ),
    DemandRow(
        "hx-mzj",
        "hd-real-estate",
        "核对申请家庭名下不动产",
        "jjhd",
        "按家庭成员公民身份号码查询名下现势房屋和土地的坐落、用途和面积。",
        ("权利人证件号码", "不动产单元号", "房屋坐落", "房屋用途", "建筑面积", "权属状态"),
        "居民家庭经济状况核对：房产",
        ASSISTANCE_VERIFICATION,
        FULFILLED,
        resource="real-estate-ownership",
        provider="hx-zrzyj",
    ),
    DemandRow(
        "hx-mzj",
        "hd-vehicles",
        "核对申请家庭名下机动车",
        "jjhd",
        "按家庭成员公民身份号码查询名下机动车的号牌、车辆类型、登记日期和购置价格。",
        ("所有人证件号码", "号牌号码", "车辆类型", "初次登记日期", "车辆状态", "购置价格"),
        "居民家庭经济状况核对：车辆",
        ASSISTANCE_VERIFICATION,
        MATCHED,
        resource="motor-vehicles",
        provider="hx-cgs",
    ),
    DemandRow(
        "hx-mzj",
        "hd-provident-fund",
        "核对申请家庭成员住房公积金缴存",
        "jjhd",
        "查询家庭成员公积金缴存基数和月缴存额，推算工资性收入。",
        ("公民身份号码", "缴存基数", "月缴存额", "账户状态"),
        "居民家庭经济状况核对：收入",
        ASSISTANCE_VERIFICATION,
        MATCHED,
        resource="provident-fund-deposits",
        provider="hx-gjjfzx",
        cycle="MONTHLY",
    ),
    DemandRow(
        "hx-mzj",
        "hd-tax",
        "核对申请家庭成员个人所得税",
        "jjhd",
        "查询家庭成员近12个月工资薪金、劳务报酬和经营所得的收入额和已缴税额。",
        ("证件号码", "所得项目", "收入额", "已缴税额", "所属期起", "所属期止"),
        "居民家庭经济状况核对：收入",
        ASSISTANCE_VERIFICATION,
        MATCHED,
        resource="tax-payments",
        provider="hx-swj",
        cycle="MONTHLY",
    ),
    DemandRow(
        "hx-mzj",
        "hd-shareholding",
        "核对申请家庭成员持有企业股份",
        "jjhd",
        "查询家庭成员作为自然人股东的企业、认缴和实缴出资额，以及个体工商户经营情况。",
        ("股东证件号码", "企业名称", "认缴出资额", "实缴出资额", "持股比例"),
        "居民家庭经济状况核对：经营性资产",
        ASSISTANCE_VERIFICATION,
        FULFILLED,
        resource="enterprise-shareholders",
        provider="hx-scjgj",
    ),
    DemandRow(
        "hx-mzj",
        "hd-social-insurance",
        "核对申请家庭成员社保缴费和养老金",
        "jjhd",
        "查询家庭成员参保缴费基数和养老金领取情况。",
        ("公民身份号码", "参保状态", "缴费基数", "月养老金"),
        "居民家庭经济状况核对：收入",
        ASSISTANCE_VERIFICATION,
        OPEN,
        resource="social-insurance-contributions",
        provider="hx-rsj",
        cycle="MONTHLY",
    ),
    DemandRow(
        "hx-mzj",
        "hd-deposits",
        "核对申请家庭成员银行存款",
        "jjhd",
        "查询家庭成员在银行业金融机构的存款余额和理财产品。存款不由区内任何政务部门掌握，需由"
        "人民银行滨海市分行协调各商业银行通过金融资产查询专线提供。",
        ("存款账户余额", "理财产品市值"),
        "居民家庭经济状况核对：金融资产",
        ASSISTANCE_VERIFICATION,
        OPEN,
        method="SHARE_METHOD_INTERFACE",
        cycle="REAL_TIME",
    ),
    DemandRow(
        "hx-mzj",
        "hd-securities",
        "核对申请家庭成员证券和商业保险",
        "jjhd",
        "查询家庭成员持有的股票、基金市值和具有现金价值的商业保险，目前只能由申请人自行申报。",
        ("证券账户市值", "商业保险现金价值"),
        "居民家庭经济状况核对：金融资产",
        ASSISTANCE_VERIFICATION,
        OPEN,
    ),
    DemandRow(
        "hx-ybj",
        "dibao-for-medical-aid",
        "医疗救助对象身份认定",
        "yljz",
        "按公民身份号码确认就医人员是否为低保、特困人员，实现医疗救助“一站式”结算。",
        ("户主公民身份号码", "保障类别", "保障状态"),
        "医疗救助对象身份认定",
        "《社会救助暂行办法》（国务院令第649号）第二十八条",
        FULFILLED,
        resource="dibao-households",
        provider="hx-mzj",
    ),
    DemandRow(
        "hx-jyj",
        "dibao-for-student-aid",
        "家庭经济困难学生认定比对",
        "xszz",
        "比对学生家庭是否为低保、特困、低保边缘家庭，作为资助等级认定依据。",
        ("公民身份号码", "保障类别", "是否享受保障"),
        "家庭经济困难学生认定",
        "《学生资助资金管理办法》（财教〔2021〕310号）",
        MATCHED,
        resource="dibao-members",
        provider="hx-mzj",
        method="SHARE_METHOD_FILE",
        cycle="QUARTERLY",
    ),
    DemandRow(
        "hx-zjj",
        "marriage-for-public-housing",
        "公租房申请家庭婚姻状况核验",
        "gzf",
        "核验公租房申请人的婚姻状况，确认共同申请人。",
        ("男方公民身份号码", "女方公民身份号码", "业务类型", "登记日期"),
        "公共租赁住房保障资格审核",
        "《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条",
        OPEN,
        resource="marriage-registrations",
        provider="hx-mzj",
    ),
    DemandRow(
        "hx-rsj",
        "deaths-for-pensions",
        "死亡人员养老金停发比对",
        "yldy",
        "按日获取死亡和火化人员名单，及时停发养老保险待遇，防止冒领。",
        ("公民身份号码", "死亡日期", "火化日期"),
        "养老保险待遇资格认证",
        "《中华人民共和国社会保险法》第八十一条",
        FULFILLED,
        resource="cremation-records",
        provider="hx-mzj",
        method="SHARE_METHOD_DATABASE",
        cycle="DAILY",
    ),
    DemandRow(
        "hx-yjj",
        "realtime-population-heat",
        "重点区域实时人口热力数据",
        "zhjz",
        "汛期和台风期间需要按网格统计的实时人口分布，用于转移安置和救灾物资测算。"
        "该数据由通信运营商掌握，区内尚无部门提供。",
        (),
        "自然灾害转移安置和救助",
        "《中华人民共和国突发事件应对法》第五十二条；《自然灾害救助条例》",
        OPEN,
        cycle="REAL_TIME",
    ),
    DemandRow(
        "hx-mzj",
        "care-for-disabled-elderly",
        "失能老人照护需求信息",
        "gnbt",
        "需要医疗卫生机构的老年人能力评估结果和慢病情况，确定护理补贴对象。",
        ("能力评估等级", "慢性病类型", "失能等级"),
        "养老服务补贴发放",
        "《中华人民共和国老年人权益保障法》",
        OPEN,
        provider="hx-wjw",
        cycle="MONTHLY",
    ),
    DemandRow(
        "hx-scjgj",
        "tax-for-annual-reports",
        "企业年报纳税数据比对",
        "jyyc",
        "比对企业年报填报的纳税总额与税务部门入库数据，发现虚假年报。",
        ("纳税人识别号", "应纳税额", "已缴税额"),
        "企业年报抽查",
        "《企业信息公示暂行条例》第十四条",
        CLOSED,
        resource="tax-payments",
        provider="hx-swj",
        cycle="YEARLY",
    ),
)
