"""Information resources of the district (信息资源目录).

Two kinds of rows make the catalogue:

* ``RESOURCES`` — written by hand, one row per resource: the base libraries (人口, 法人,
  自然资源和空间地理, 社会信用, 电子证照), the verification sources (户籍, 婚姻, 不动产, 车辆,
  公积金, 纳税, 社保, 企业登记和股东, ...) and each department's own data;
* families generated from the other tables, as real catalogues grow them: every department's
  licensing and penalty decisions published for credit (“双公示”), the electronic licences
  (电子证照) each issuer signs, the record each listed duty leaves (办件信息, from
  ``duties.produces`` or, for the items no row covers, from the duty's kind), statistical
  datasets, and the sub-districts' ledgers (街道台账).

Share terms follow the 2016 rules: a conditional row without its own conditions gets the
usual wording for its key items, and its legal basis defaults to the basis of the duty it
serves plus the personal-information law when it holds personal data; a not-shared row must
give its basis (``generate`` refuses one that does not).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from district import duties as duty_table
from district.organisations import DEPARTMENTS, STREETS, department

# Share types
U = "SHARE_TYPE_UNCONDITIONAL"
C = "SHARE_TYPE_CONDITIONAL"
N = "SHARE_TYPE_NOT_SHARED"
# Open types
OPEN = "OPEN_TYPE_OPEN"
OPEN_IF = "OPEN_TYPE_CONDITIONAL"
CLOSED = "OPEN_TYPE_NOT_OPEN"

PIPL = "《中华人民共和国个人信息保护法》第三十四条"
SHARING_RULES = "《政务信息资源共享管理暂行办法》（国发〔2016〕51号）第九条"
ASSISTANCE = "《社会救助暂行办法》（国务院令第649号）第六十条"
ONLINE_SERVICE = "《国务院关于在线政务服务的若干规定》（国务院令第716号）"
SERVICE_BASE = "https://gxpt.haixin.example/services/"

# format key -> (ResourceFormat, format detail, ShareMethod)
FORMATS: dict[str, tuple[str, str, str]] = {
    "grpc": ("RESOURCE_FORMAT_SERVICE_INTERFACE", "gRPC", "SHARE_METHOD_INTERFACE"),
    "rest": ("RESOURCE_FORMAT_SERVICE_INTERFACE", "REST/JSON", "SHARE_METHOD_INTERFACE"),
    "oracle": ("RESOURCE_FORMAT_DATABASE", "Oracle 数据表", "SHARE_METHOD_DATABASE"),
    "mysql": ("RESOURCE_FORMAT_DATABASE", "MySQL 数据表", "SHARE_METHOD_DATABASE"),
    "dm": ("RESOURCE_FORMAT_DATABASE", "达梦 DM8 数据表", "SHARE_METHOD_DATABASE"),
    "kingbase": ("RESOURCE_FORMAT_DATABASE", "人大金仓 KingbaseES 数据表", "SHARE_METHOD_DATABASE"),
    "xlsx": ("RESOURCE_FORMAT_SPREADSHEET", "XLSX", "SHARE_METHOD_FILE"),
    "csv": ("RESOURCE_FORMAT_SPREADSHEET", "CSV", "SHARE_METHOD_FILE"),
    "json": ("RESOURCE_FORMAT_SELF_DESCRIBING", "JSON", "SHARE_METHOD_FILE"),
    "ofd": ("RESOURCE_FORMAT_ELECTRONIC_FILE", "OFD", "SHARE_METHOD_INTERFACE"),
    "pdf": ("RESOURCE_FORMAT_ELECTRONIC_FILE", "PDF", "SHARE_METHOD_FILE"),
    "gdb": ("RESOURCE_FORMAT_DATABASE", "ArcGIS 文件地理数据库", "SHARE_METHOD_FILE"),
    "shp": ("RESOURCE_FORMAT_ELECTRONIC_FILE", "Shapefile", "SHARE_METHOD_FILE"),
    "wmts": ("RESOURCE_FORMAT_SERVICE_INTERFACE", "OGC WMTS 瓦片服务", "SHARE_METHOD_INTERFACE"),
    "wfs": ("RESOURCE_FORMAT_SERVICE_INTERFACE", "OGC WFS 要素服务", "SHARE_METHOD_INTERFACE"),
    "tiff": ("RESOURCE_FORMAT_IMAGE", "GeoTIFF", "SHARE_METHOD_FILE"),
    "video": ("RESOURCE_FORMAT_STREAMING_MEDIA", "GB/T 28181 视频流", "SHARE_METHOD_INTERFACE"),
}


@dataclass(frozen=True)
class ResourceRow:
    """One catalogue entry. ``duties`` and ``systems`` are ids within ``org``; ``systems``
    None means the organisation's systems that serve one of ``duties``; ``related`` are ids
    of resources listed before this one."""

    org: str
    id: str
    title: str
    cls: str
    items: str
    abstract: str
    share: str = C
    fmt: str = "grpc"
    cycle: str = "DAILY"
    office: str = ""
    conditions: str = ""
    basis: str = ""
    open: str = CLOSED
    open_conditions: str = ""
    duties: tuple[str, ...] = ()
    systems: tuple[str, ...] | None = None
    related: tuple[str, ...] = ()
    published: str = ""
    production: str = ""
    detail: str = ""
    classified: bool = False


def r(
    org: str,
    id: str,  # noqa: A002 - the table's column is the resource id
    title: str,
    cls: str,
    items: str,
    abstract: str,
    **more: object,
) -> ResourceRow:
    return ResourceRow(org, id, title, cls, items, abstract, **more)  # type: ignore[arg-type]


# The classification of the first demo's resources is kept (a resource code is derived from
# it and never changes): catalogues loaded from that demo converge with ``demo.py --update``.
# fmt: off
RESOURCES: tuple[ResourceRow, ...] = (
    # == 人口基础库 ==============================================================================
    r("hx-gafj", "household-population", "户籍人口基本信息", "101001",
      "公民身份号码* 姓名 曾用名 性别 民族 出生日期 户号* 与户主关系 户籍地址 所属派出所 人员状态 "
      "户籍登记日期",
      "海新区常住户口登记的人口基本信息：身份、户号、与户主关系和户籍地址。是全区人口基础库的"
      "权威来源，其他部门按公民身份号码核验。",
      office="hx-gafj-hzdd", cycle="REAL_TIME", duties=("hkdj",),
      conditions="仅限履行法定职责的政务部门按公民身份号码逐条核验或查询，不提供批量下载；申请时"
      "须说明事项依据和使用目的，按需申请信息项。",
      basis="《中华人民共和国居民身份证法》第六条；《中华人民共和国户口登记条例》；" + PIPL,
      published="2020-06-30"),
    r("hx-gafj", "household-migration", "户籍迁移信息", "101001",
      "公民身份号码* 姓名 变动类型 迁出地 迁入地 变动日期 变动原因",
      "户口迁入、迁出、分户、立户等变动记录，用于判断家庭成员构成的变化时间。",
      office="hx-gafj-hzdd", fmt="oracle", duties=("hkdj",), related=("household-population",),
      conditions="限于社会救助家庭成员认定、入学资格审核和社会保险关系转移，按日增量交换。",
      basis="《中华人民共和国户口登记条例》；" + PIPL, published="2020-06-30"),
    r("hx-gafj", "residence-permits", "居住证信息", "101002",
      "公民身份号码* 姓名 居住证编号* 居住地址 签发日期 有效期至 户籍地",
      "在海新区办理居住登记和居住证的流动人口信息，含居住地址、签发和有效期限。",
      office="hx-gafj-hzdd", fmt="rest", duties=("jzz",),
      conditions="用于随迁子女入学、积分落户、公租房保障资格审核，按公民身份号码查询。",
      basis="《居住证暂行条例》（国务院令第663号）；" + PIPL, published="2021-05-20"),
    r("hx-gafj", "death-cancellations", "死亡人员户口注销信息", "101005",
      "公民身份号码* 姓名 死亡日期 注销原因 注销日期 死亡证明类型 注销派出所",
      "因死亡注销户口的人员名单，死亡证明类型为医学死亡证明、火化证明或法院宣告死亡判决。"
      "用于养老金、社会救助和医保待遇停发比对。",
      office="hx-gafj-hzdd", fmt="oracle", duties=("hkdj",), related=("household-population",),
      published="2021-03-01"),
    r("hx-gafj", "id-card-photos", "居民身份证制证照片", "105002",
      "公民身份号码* 姓名 制证照片 采集日期 签发机关",
      "居民身份证申领时采集的数码照片，用于公安机关身份核验和侦查办案。涉及人脸生物识别"
      "信息，不在政务共享平台提供，其他部门需要人像比对时通过公安“可信身份认证”服务核验结论。",
      share=N, office="hx-gafj-hzdd", fmt="oracle", duties=("sfz",),
      basis="《中华人民共和国居民身份证法》第六条、第十三条；" + PIPL + "、第二十八条：人脸信息属"
      "敏感个人信息，仅提供核验结论。", published="2020-06-30"),
    r("hx-gafj", "key-persons", "重点人员管控信息", "302001",
      "公民身份号码* 姓名 列管类别 列管日期 管控民警 管控措施",
      "公安机关依法列管的重点人员及其管控措施。涉密，仅在公安内部网络使用。",
      share=N, office="hx-gafj-zadd", fmt="oracle", detail="公安内网数据表", duties=("zacf",),
      basis="《中华人民共和国保守国家秘密法》；《中华人民共和国人民警察法》：属工作秘密，不予共享。",
      production="公安内网业务系统产生", classified=True, published="2020-06-30"),
    r("hx-gafj", "passport-issuance", "出入境证件签发信息", "302003",
      "公民身份号码* 姓名 证件类型 证件号码 签发日期 有效期至 证件状态",
      "普通护照、往来港澳通行证和往来台湾通行证的签发和注销记录，用于公职人员出入境证件管理"
      "和失信被执行人出境限制核查。",
      office="hx-gafj-crj", fmt="oracle", duties=("crj",), published="2021-08-01",
      conditions="限于组织人事部门公职人员证照管理和法院执行限制出境，按公民身份号码查询。",
      basis="《中华人民共和国出境入境管理法》；《中华人民共和国护照法》；" + PIPL),
    r("hx-mzj", "marriage-registrations", "婚姻登记信息", "101003",
      "登记证字号* 业务类型 男方姓名 男方公民身份号码* 女方姓名 "
      "女方公民身份号码* 登记日期 登记机关",
      "区婚姻登记处办理的结婚、离婚、补发婚姻登记证记录，含双方当事人身份信息和登记日期。",
      office="hx-mzj-hydj", fmt="rest", duties=("hydj",), published="2020-12-18",
      conditions="限于户籍管理、社会救助家庭成员认定、不动产和公积金业务中的婚姻状况核验，按公民"
      "身份号码查询。", basis="《婚姻登记条例》；" + PIPL),
    r("hx-mzj", "adoption-registrations", "收养登记信息", "101003",
      "收养登记证字号* 收养人公民身份号码 送养人公民身份号码 被收养人姓名 被收养人公民身份号码 "
      "登记类型 登记日期",
      "收养关系成立、解除登记的档案信息，含收养人、送养人和被收养人身份信息。",
      share=N, office="hx-mzj-hydj", fmt="dm", cycle="IRREGULAR", duties=("sydj",),
      basis="《中华人民共和国民法典》第一千一百一十条（收养秘密）；" + PIPL,
      published="2020-12-18"),
    r("hx-mzj", "cremation-records", "殡葬火化信息", "101005",
      "公民身份号码* 姓名 性别 死亡日期 火化日期 火化证明编号* 殡仪馆名称",
      "区殡仪馆办理的遗体火化记录，含逝者身份、死亡日期和火化日期，用于停发待遇和户籍注销核对。",
      office="hx-mzj-sssw", fmt="mysql", duties=("bzgl",), published="2021-03-26",
      conditions="用于养老金、社会救助待遇停发，户口注销和医保停保核对；按日增量交换，使用后不得"
      "留存他用。", basis="《殡葬管理条例》；" + PIPL),
    r("hx-cjl", "disabled-persons", "残疾人基本信息", "101006",
      "公民身份号码* 姓名 残疾人证号* 残疾类别 残疾等级 户籍地址 监护人姓名 监护人联系电话 "
      "发证日期 证件状态",
      "持第二代残疾人证人员的残疾类别、等级和监护人信息，是残疾人两项补贴、社会救助加发和"
      "残疾人就业保障金减免的认定依据。",
      office="hx-cjl-kfjy", fmt="rest", duties=("cjrz",), published="2021-06-01",
      conditions="限于社会救助、医疗救助、残疾人就业和税费减免资格认定，按公民身份号码查询；"
      "残疾类别和等级须说明用途。", basis="《中华人民共和国残疾人保障法》；" + PIPL),
    r("hx-tyjrj", "veterans", "退役军人和其他优抚对象信息", "101007",
      "公民身份号码* 姓名 退役军人证件编号* 入伍日期 退役日期 退役类别 安置方式 优抚类别 "
      "联系电话 户籍地址",
      "全区退役军人和其他优抚对象的信息采集结果，含入伍、退役、安置和优抚类别，用于优待证"
      "发放、就业创业扶持和帮扶援助。",
      office="hx-tyjrj-fwzx", fmt="dm", cycle="MONTHLY", duties=("xxcj",), published="2020-10-01",
      conditions="限于优待政策落实、就业扶持和困难帮扶，按公民身份号码查询，不得公开。",
      basis="《中华人民共和国退役军人保障法》第十一条；" + PIPL),
    r("hx-wjw", "birth-certificates", "出生医学证明信息", "101004",
      "出生医学证明编号* 新生儿姓名 新生儿性别 出生日期时间 出生地点 母亲公民身份号码* "
      "父亲公民身份号码 签发机构 签发日期",
      "辖区助产机构签发的出生医学证明：新生儿、母亲和父亲身份信息，出生日期和地点。",
      office="hx-wjw-rkjt", fmt="rest", duties=("csyx",), published="2022-01-10",
      conditions="用于出生登记（落户）、医保参保和生育津贴办理，经出生医学证明签发机构授权后查询。",
      basis="《中华人民共和国母婴保健法》第二十三条；" + PIPL),
    r("hx-wjw", "death-certificates", "居民死亡医学证明信息", "101005",
      "死亡医学证明编号* 公民身份号码* 姓名 死亡日期 死亡地点 根本死亡原因 签发机构 签发日期",
      "医疗卫生机构签发的《居民死亡医学证明（推断）书》，是户口注销和殡葬服务的依据。",
      office="hx-wjw-rkjt", fmt="rest", duties=("csyx",), published="2022-01-10",
      conditions="死亡原因仅向疾病预防控制和统计部门提供；户口注销、殡葬和待遇停发只提供死亡"
      "事实和日期。", basis="《中华人民共和国统计法》；《人口死亡信息登记管理规范》；" + PIPL),
    r("hx-ybj", "medical-insurance-enrolments", "基本医疗保险参保信息", "203002005",
      "公民身份号码* 姓名 参保险种 医保参保状态 参保单位名称 缴费档次 参保日期 困难人员类别",
      "职工和城乡居民基本医疗保险参保登记信息，含参保状态和资助参保的困难人员类别。",
      office="hx-ybj-dybz", fmt="rest", duties=("cbdj",), published="2021-07-01",
      conditions="限于社会救助、医疗救助和参保扩面比对，按公民身份号码查询。",
      basis="《中华人民共和国社会保险法》第八十一条；" + PIPL),
    r("hx-rsj", "social-security-cards", "社会保障卡信息", "105009",
      "公民身份号码* 姓名 社会保障卡号* 发卡日期 卡状态 服务银行 有效期至",
      "第三代社会保障卡的发卡、挂失和注销信息，是惠民惠农补贴“一卡通”发放的账户依据。",
      office="hx-rsj-sbzx", fmt="rest", duties=("sbdj",), published="2021-11-01",
      conditions="限于惠民惠农补贴发放和待遇支付账户核验，按公民身份号码查询，不提供银行账号。",
      basis="《社会保障卡管理办法》；" + PIPL),
    r("hx-dsjzx", "population-base", "人口综合库", "101001",
      "公民身份号码* 姓名 性别 出生日期 户籍地址 居住地址 婚姻状况 学历 就业状态 参保状态 "
      "是否低保对象 是否残疾人 是否退役军人 是否死亡 数据更新时间",
      "大数据中心以户籍人口为主干，关联婚姻、教育、就业、社保、救助、残疾、退役军人和死亡"
      "信息形成的人口综合库，标注每项数据的来源部门，供“一件事一次办”和免证办使用。不是"
      "任何一项数据的权威来源。",
      office="hx-dsjzx-sjzy", fmt="rest", duties=("jck",), published="2022-09-01",
      production="大数据中心归集各部门数据，清洗比对后形成",
      conditions="限于政务服务免证办和“一件事”联办，经本人授权或依法定职责按公民身份号码查询；"
      "各信息项以来源部门的共享条件为准。", basis=SHARING_RULES + "；" + PIPL,
      related=("household-population",)),
    # == 法人基础库 ==============================================================================
    r("hx-scjgj", "enterprise-registrations", "企业登记信息", "102001",
      "统一社会信用代码* 企业名称 企业类型 法定代表人 法定代表人证件号码 注册资本 成立日期 住所 "
      "经营范围 登记状态 登记机关 核准日期",
      "在海新区登记的企业的登记事项：名称、类型、法定代表人、注册资本、住所、经营范围和登记"
      "状态。法人基础库的权威来源。",
      share=U, office="hx-scjgj-djzck", duties=("qydj",), open=OPEN_IF,
      open_conditions="通过国家企业信用信息公示系统向社会公示，不含法定代表人证件号码。",
      published="2020-05-15"),
    r("hx-scjgj", "individual-businesses", "个体工商户登记信息", "102002",
      "统一社会信用代码* 字号名称 经营者姓名 经营者公民身份号码* 组成形式 经营场所 经营范围 "
      "注册日期 登记状态",
      "个体工商户的字号、经营者、经营场所、组成形式和登记状态。",
      share=U, office="hx-scjgj-djzck", duties=("qydj",), open=OPEN_IF,
      open_conditions="向社会公示字号、经营场所和登记状态，不含经营者证件号码。",
      published="2020-05-15"),
    r("hx-scjgj", "enterprise-shareholders", "企业股东及出资信息", "102001",
      "统一社会信用代码* 企业名称 股东名称 股东类型 股东证件号码* 认缴出资额 实缴出资额 出资方式 "
      "出资日期 持股比例",
      "企业的股东（发起人）、认缴和实缴出资额、出资方式和出资日期。社会救助核对据此发现申请家庭"
      "成员持有的企业股份。",
      office="hx-scjgj-djzck", duties=("qydj",), related=("enterprise-registrations",),
      open=OPEN_IF, open_conditions="股东名称与出资额按企业年报公示，不含自然人股东证件号码。",
      conditions="自然人股东证件号码仅向履行社会救助核对、税收征管和信用监管职责的部门提供，按证件"
      "号码查询。", basis="《企业信息公示暂行条例》；" + ASSISTANCE + "；" + PIPL,
      published="2020-05-15"),
    r("hx-scjgj", "farmer-cooperatives", "农民专业合作社登记信息", "102006",
      "统一社会信用代码* 合作社名称 法定代表人 成员出资总额 "
      "成员人数 业务范围 住所 成立日期 登记状态",
      "在海新区登记的农民专业合作社的登记事项、成员出资和业务范围。",
      share=U, office="hx-scjgj-djzck", duties=("qydj",), open=OPEN, fmt="rest",
      published="2021-04-01"),
    r("hx-scjgj", "enterprise-annual-reports", "企业年度报告信息", "102001",
      "统一社会信用代码* 企业名称 报告年度 从业人数 资产总额 营业总收入 纳税总额 是否有网站 "
      "报送日期",
      "企业通过国家企业信用信息公示系统报送的年度报告，从业人数和资产状况等由企业选择是否"
      "公示。",
      office="hx-scjgj-xyjd", duties=("jyyc",), cycle="YEARLY", fmt="mysql",
      related=("enterprise-registrations",),
      conditions="企业选择不公示的资产、收入和纳税数据仅向税务、统计和信用监管部门提供。",
      basis="《企业信息公示暂行条例》第九条", published="2021-07-01"),
    r("hx-scjgj", "abnormal-operations", "经营异常名录信息", "104005",
      "统一社会信用代码* 企业名称 列入原因 列入日期 作出决定机关 移出原因 移出日期",
      "因未按期年报、通过登记住所无法联系等原因列入经营异常名录的企业，以及移出记录。",
      share=U, office="hx-scjgj-xyjd", duties=("jyyc",), open=OPEN, fmt="rest",
      published="2021-07-01"),
    r("hx-scjgj", "serious-violation-list", "严重违法失信名单信息", "104005",
      "统一社会信用代码* 当事人名称 法定代表人 列入事由 列入日期 作出决定机关 管理措施 移出日期",
      "被市场监管部门列入严重违法失信名单的市场主体，供各部门在政府采购、招投标和评优评先中"
      "实施联合惩戒。",
      share=U, office="hx-scjgj-xyjd", duties=("jyyc",), open=OPEN, fmt="rest",
      published="2021-09-01"),
    r("hx-mzj", "social-organizations", "社会组织登记信息", "102003",
      "统一社会信用代码* 社会组织名称 组织类型 法定代表人 业务主管单位 住所 注册资金 成立登记日期 "
      "年检结论",
      "在区民政局登记的社会团体、民办非企业单位（社会服务机构）和基金会的登记事项与年检结果。",
      share=U, office="hx-mzj-shzz", fmt="xlsx", cycle="MONTHLY", duties=("shzz",), open=OPEN,
      published="2020-10-09"),
    r("hx-bb", "public-institutions", "事业单位法人登记信息", "102004",
      "统一社会信用代码* 事业单位名称 举办单位 法定代表人 宗旨和业务范围 开办资金 住所 "
      "经费来源 登记日期 证书有效期至",
      "在区事业单位登记管理局登记的事业单位法人的登记事项和证书有效期。",
      share=U, office="hx-bb-sydj", fmt="xlsx", cycle="MONTHLY", duties=("sydj",), open=OPEN,
      published="2021-03-15"),
    r("hx-bb", "government-organs", "机关和群团组织统一社会信用代码信息", "102005",
      "统一社会信用代码* 机构名称 机构类型 负责人 住所 赋码日期",
      "全区党政机关、群团组织的统一社会信用代码赋码信息，是机关法人数据的来源。",
      share=U, fmt="xlsx", cycle="IRREGULAR", duties=("jgbz",), open=OPEN,
      published="2021-03-15"),
    r("hx-swj", "taxpayer-registrations", "纳税人登记信息", "307001",
      "纳税人识别号* 纳税人名称 登记注册类型 纳税人资格 主管税务所（科、分局） 登记日期 纳税人状态",
      "在海新区税务局办理涉税信息确认的单位纳税人的登记状态、纳税人资格和主管税务所。",
      share=U, office="hx-swj-zgk", fmt="rest", duties=("swdj",), published="2020-09-10"),
    r("hx-dsjzx", "legal-person-base", "法人综合库", "102001",
      "统一社会信用代码* 法人名称 法人类型 法定代表人 住所 登记状态 登记机关 纳税人状态 "
      "社保参保人数 公积金缴存状态 信用等级 数据更新时间",
      "大数据中心以企业、事业单位、社会组织和机关登记信息为主干，关联税务、社保、公积金和信用"
      "信息形成的法人综合库，标注来源部门。",
      share=U, office="hx-dsjzx-sjzy", fmt="rest", duties=("jck",),
      production="大数据中心归集各部门数据，清洗比对后形成",
      related=("enterprise-registrations", "public-institutions"), published="2022-09-01"),
    # == 自然资源和空间地理基础库 ================================================================
    r("hx-zrzyj", "real-estate-registrations", "不动产登记信息", "103001001",
      "不动产单元号* 不动产权证书号* 坐落 权利人名称 权利人证件号码* 权利类型 权利性质 用途 面积 "
      "登记类型 登记时间 共有情况",
      "不动产登记簿记载的不动产单元、坐落、权利人、权利类型、用途和面积，以及每次登记的类型和"
      "时间。",
      office="hx-zrzyj-bdcdjzx", duties=("bdcdj",), open=OPEN_IF,
      open_conditions="权利人、利害关系人凭身份证明依申请查询本人或相关不动产的登记资料。",
      conditions="国家机关依法律、行政法规查询与其调查处理事项有关的登记资料；须经不动产登记中心"
      "审核，按权利人证件号码或不动产单元号查询。",
      basis="《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》；" + ASSISTANCE,
      published="2021-11-30"),
    r("hx-zrzyj", "real-estate-ownership", "不动产权属信息", "103001001",
      "权利人姓名 权利人证件号码* 不动产单元号* 房屋坐落 房屋用途 "
      "建筑面积 取得方式 登簿日期 权属状态",
      "按权利人汇总的现势不动产权属：名下房屋和土地的坐落、用途、面积和取得方式。社会救助核对、"
      "住房保障审核据此判断名下住房。",
      office="hx-zrzyj-bdcdjzx", duties=("bdcdj", "bdccx"), related=("real-estate-registrations",),
      conditions="限于社会救助家庭经济状况核对、住房保障资格审核、税收征管和司法协助，按权利人证件"
      "号码查询。",
      basis="《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》；" + ASSISTANCE,
      published="2021-11-30"),
    r("hx-zrzyj", "real-estate-mortgages", "不动产抵押登记信息", "103001002",
      "不动产登记证明号* 不动产单元号* 抵押人名称 抵押人证件号码 抵押权人名称 抵押方式 "
      "被担保主债权数额 债务履行期限起 债务履行期限止 登记时间 注销时间",
      "不动产抵押权设立、变更和注销登记：抵押人、抵押权人、被担保债权数额和债务履行期限。",
      office="hx-zrzyj-bdcdjzx", duties=("bdcdj",), related=("real-estate-registrations",),
      conditions="限于金融监管、司法协助、社会救助核对和公积金贷款审核，经不动产登记中心审核后查询。",
      basis="《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》；《中华人民共和国民法典》"
      "第四百零二条", published="2021-11-30"),
    r("hx-zrzyj", "real-estate-seizures", "不动产查封登记信息", "103001003",
      "查封文号* 不动产单元号* 被执行人名称 被执行人证件号码 "
      "查封机关 查封类型 查封起始日期 查封期限",
      "人民法院等有权机关嘱托办理的不动产查封、轮候查封和解封登记。",
      office="hx-zrzyj-bdcdjzx", fmt="oracle", duties=("bdcdj",),
      conditions="限于人民法院、检察机关、公安机关和纪检监察机关的执法协助及金融风险处置。",
      basis="《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》；"
      "《最高人民法院 国土资源部 建设部关于依法规范人民法院执行和国土资源房地产管理部门"
      "协助执行若干问题的通知》",
      published="2021-11-30"),
    r("hx-zrzyj", "real-estate-advance-notices", "不动产预告登记信息", "103001004",
      "不动产登记证明号* 不动产单元号* 预告登记种类 权利人名称 权利人证件号码 义务人名称 "
      "登记时间 预告登记状态",
      "预购商品房、抵押权预告登记记录，反映已签约但尚未办理转移登记的住房。",
      office="hx-zrzyj-bdcdjzx", duties=("bdcdj",), related=("real-estate-registrations",),
      conditions="限于社会救助核对、住房保障审核和公积金贷款审核，按权利人证件号码查询。",
      basis="《不动产登记暂行条例》第二十七条；" + ASSISTANCE, published="2022-03-01"),
    r("hx-zrzyj", "real-estate-e-certificates", "不动产权证书电子证照", "105001",
      "证照编号* 不动产权证书号* 权利人证件号码 不动产单元号 颁证日期 证照状态 证照文件",
      "不动产权证书和不动产登记证明的电子证照（OFD 版式文件及照面信息），供政务服务“免提交”使用。",
      office="hx-zrzyj-bdcdjzx", fmt="ofd", cycle="REAL_TIME", duties=("bdcdj",),
      related=("real-estate-registrations",),
      conditions="办理政务服务事项时经持证人授权调用，调用记录向持证人公开。",
      basis=ONLINE_SERVICE + "；《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》",
      published="2022-08-15"),
    r("hx-zrzyj", "land-supply", "国有建设用地供应信息", "103002",
      "电子监管号* 宗地坐落 土地用途 供地面积 供地方式 成交价款 受让人名称 合同签订日期",
      "国有建设用地使用权出让和划拨的宗地、用途、面积、成交价和受让人。",
      share=U, fmt="xlsx", cycle="MONTHLY", duties=("ydxk",), open=OPEN, published="2021-02-26"),
    r("hx-zrzyj", "land-survey", "第三次国土调查成果数据", "103004",
      "图斑编号* 地类编码 地类名称 图斑面积 权属单位名称 权属性质 坐落单位代码 是否永久基本农田",
      "第三次全国国土调查海新区成果及年度变更调查：地类图斑、权属和永久基本农田标注，"
      "CGCS2000 坐标系。",
      fmt="gdb", cycle="YEARLY", office="hx-zrzyj-gdk", duties=("gdbh",),
      conditions="矢量成果限于国土空间规划、耕地保护、农业和生态环境管理部门在政务外网内使用，"
      "不得复制给第三方。",
      basis="《中华人民共和国测绘法》第三十四条；《第三次全国国土调查实施方案》",
      published="2021-12-31"),
    r("hx-zrzyj", "permanent-farmland", "永久基本农田保护红线", "103005",
      "保护片块编号* 保护面积 坐落单位名称 划定日期 地块等别 保护责任人",
      "划定的永久基本农田保护片块及其面积、坐落和保护责任人，是建设项目选址和用地审批的约束。",
      share=U, fmt="shp", cycle="YEARLY", office="hx-zrzyj-gdk", duties=("gdbh",),
      published="2022-06-30"),
    r("hx-zrzyj", "ecological-redlines", "生态保护红线", "103005",
      "红线编号* 红线名称 生态功能类型 面积 划定日期 管控要求",
      "经批准的生态保护红线范围和管控要求，随国土空间总体规划发布。",
      share=U, fmt="shp", cycle="YEARLY", office="hx-zrzyj-ghk", duties=("ghxk",),
      open=OPEN, published="2022-10-31"),
    r("hx-zrzyj", "spatial-master-plan", "国土空间总体规划成果", "103005",
      "规划分区编号* 规划分区类型 用地用海分类 面积 规划期限 批复文号",
      "海新区国土空间总体规划（2021—2035年）的规划分区、用地布局和“三区三线”。",
      share=U, fmt="wfs", cycle="IRREGULAR", office="hx-zrzyj-ghk", duties=("ghxk",),
      open=OPEN, published="2023-09-30"),
    r("hx-zrzyj", "detailed-plans", "控制性详细规划信息", "103005",
      "地块编号* 规划单元 用地性质 用地面积 容积率 建筑密度 绿地率 建筑限高 批复文号",
      "已批复的控制性详细规划各地块的用地性质和规划指标，是核发规划条件和建设工程规划许可的依据。",
      share=U, fmt="wfs", cycle="IRREGULAR", office="hx-zrzyj-ghk", duties=("ghxk", "ydxk"),
      open=OPEN, published="2022-04-30"),
    r("hx-zrzyj", "orthophotos", "数字正射影像图（DOM）", "103004",
      "图幅号* 影像分辨率 成像日期 坐标系 数据文件",
      "全区0.2米分辨率数字正射影像，每年更新一次，供国土调查、城市管理和应急指挥作底图。",
      share=U, fmt="tiff", cycle="YEARLY", office="hx-zrzyj-chk", duties=("chgl",),
      published="2022-12-31"),
    r("hx-zrzyj", "base-map-service", "海新区政务电子地图服务", "103004",
      "图层名称* 比例尺范围 坐标系 服务地址 更新日期",
      "基于天地图的海新区政务版电子地图和影像地图瓦片服务，供各部门系统叠加业务数据。",
      share=U, fmt="wmts", cycle="QUARTERLY", office="hx-zrzyj-chk", duties=("chgl",),
      published="2021-10-01"),
    r("hx-zrzyj", "building-footprints", "建筑物矢量数据", "103004",
      "建筑物编码* 建筑物名称 标准地址编码 建筑层数 建筑高度 基底面积 建成年份",
      "全区建筑物轮廓、层数和高度的三维基础地理数据，与标准地址关联。",
      share=U, fmt="gdb", cycle="YEARLY", office="hx-zrzyj-chk", duties=("chgl",),
      published="2023-03-31"),
    r("hx-dsjzx", "standard-addresses", "标准地址信息", "103003",
      "标准地址编码* 标准地址名称 所属街道 所属社区 网格编码 经度 纬度",
      "全区标准地址库：街路巷、门牌、楼栋和房屋地址，含空间坐标和所属社区、网格。",
      share=U, office="hx-dsjzx-sjzy", fmt="rest", cycle="WEEKLY", duties=("jck",),
      production="大数据中心归集公安门牌和住建楼盘数据，清洗比对后形成", published="2022-06-01"),
    r("hx-mzj", "place-names", "标准地名信息", "103006",
      "地名代码* 标准名称 地名类别 罗马字母拼写 所在政区 命名日期 命名批准文号",
      "经批准命名、更名的道路、街巷、住宅区、桥梁和公共设施的标准地名。",
      share=U, office="hx-mzj-sssw", fmt="xlsx", cycle="QUARTERLY", open=OPEN,
      duties=("sanding",), systems=(), published="2021-09-01"),
    r("hx-zfw", "grid-units", "网格划分信息", "210001",
      "网格编码* 网格名称 所属街道 所属社区 网格类型 网格面积 网格员姓名 网格员联系电话",
      "全区网格划分和专属网格员配备情况，网格边界以矢量图层提供。",
      office="hx-zfw-zzzx", fmt="rest", cycle="MONTHLY", duties=("wggl",),
      conditions="网格员联系方式限于网格事件派遣和应急联络使用。",
      basis="《滨海市网格化服务管理办法》；" + PIPL, published="2021-05-01"),
    # == 社会信用 ================================================================================
    r("hx-scjgj", "administrative-penalties", "市场监管行政处罚信息", "104001",
      "行政处罚决定书文号* 当事人名称 当事人统一社会信用代码* 违法行为类型 处罚依据 处罚内容 "
      "罚没款金额 处罚决定日期 公示截止日期",
      "区市场监管局作出的行政处罚决定：当事人、违法行为、处罚依据、处罚结果和决定日期。",
      share=U, office="hx-scjgj-zfdd", fmt="json", duties=("scjgcf",), open=OPEN,
      published="2021-01-08"),
    r("hx-swj", "tax-credit-ratings", "纳税信用等级信息", "104002",
      "纳税人识别号* 纳税人名称 评价年度 纳税信用级别 评价日期",
      "企业纳税人年度纳税信用评价结果（A/B/M/C/D 级）。A 级名单向社会公布。",
      share=U, office="hx-swj-nsfw", fmt="xlsx", cycle="YEARLY", duties=("nsxy",), open=OPEN_IF,
      open_conditions="仅 A 级纳税人名单向社会公开。", published="2020-09-10"),
    r("hx-fgj", "credit-commitments", "信用承诺信息", "208001",
      "承诺编号* 承诺主体名称 统一社会信用代码 承诺类型 承诺事项 承诺日期 履约状态 受理部门",
      "市场主体在行政审批、资质认定和政策申报中作出的信用承诺及履约情况。",
      share=U, office="hx-fgj-xyk", fmt="rest", duties=("xyxf",), open=OPEN,
      published="2022-05-01"),
    r("hx-fgj", "joint-rewards-punishments", "联合奖惩对象名单", "208002",
      "统一社会信用代码* 主体名称 名单类型 认定部门 认定依据 列入日期 有效期至",
      "各部门认定的守信激励对象（红名单）和失信惩戒对象（黑名单），供行政审批、政府采购、"
      "评优评先中自动比对。",
      share=U, office="hx-fgj-xyk", fmt="rest", duties=("xyxf",), published="2021-12-01"),
    r("hx-fgj", "credit-repairs", "信用修复信息", "208003",
      "修复编号* 主体名称 统一社会信用代码 修复信息类型 原决定文书号 修复日期 修复结果",
      "完成信用修复的市场主体，修复后相关失信信息停止公示。",
      share=U, office="hx-fgj-xyk", fmt="rest", duties=("xyxf",), published="2022-05-01"),
    r("hx-fgj", "public-credit-evaluations", "公共信用综合评价结果", "104006",
      "统一社会信用代码* 主体名称 评价年度 综合评价得分 评价等级 评价日期",
      "公共信用信息平台按年对辖区企业开展的公共信用综合评价，供分级分类监管使用。",
      office="hx-fgj-xyk", fmt="rest", cycle="YEARLY", duties=("xyxf",),
      conditions="评价得分仅供行政机关分级分类监管使用，不作为行政处罚依据。",
      basis="《滨海市公共信用信息管理办法》；" + SHARING_RULES, published="2023-03-01"),
    # == 社会救助和核对（民政） ==================================================================
    r("hx-mzj", "dibao-households", "最低生活保障对象信息", "203001001",
      "户主姓名 户主公民身份号码* 保障类别 家庭人口数 保障人数 月保障金额 户籍所在地 "
      "所属街道（乡镇） 审批日期 保障状态",
      "全区城乡最低生活保障家庭的户主、保障类别、保障人数和月保障金额。由街道（乡镇）受理、区民政局"
      "审批后按月归集，是医疗救助、教育资助、住房保障等专项救助的认定依据。",
      office="hx-mzj-shjzk", cycle="MONTHLY", duties=("dbrd", "dbjf"),
      conditions="用于医疗救助、教育资助、住房保障、就业援助等专项救助和社会福利的资格认定；按公民"
      "身份号码逐条查询，不得批量导出，不得向第三方提供。",
      basis="《社会救助暂行办法》（国务院令第649号）第六十一条；" + PIPL, published="2021-06-30"),
    r("hx-mzj", "dibao-members", "最低生活保障家庭成员信息", "203001001",
      "户编号* 公民身份号码* 姓名 与户主关系 健康状况 劳动能力 是否享受保障 成员状态",
      "最低生活保障家庭每名成员的身份、与户主关系、健康和劳动能力状况。与最低生活保障对象信息"
      "按户编号关联。",
      office="hx-mzj-shjzk", cycle="MONTHLY", duties=("dbrd",), related=("dibao-households",),
      conditions="限于社会救助、残疾人帮扶和就业援助职责，按公民身份号码查询本人是否为低保家庭成员；"
      "健康状况、劳动能力两项须单独说明用途并经民政局审核。",
      basis="《社会救助暂行办法》（国务院令第649号）第六十一条；" + PIPL, published="2021-06-30"),
    r("hx-mzj", "tekun-support", "特困人员救助供养信息", "203001002",
      "公民身份号码* 姓名 供养方式 供养机构 基本生活标准 "
      "照料护理标准 自理能力等级 认定日期 供养状态",
      "全区特困人员的认定、供养方式（分散/集中）、供养标准和生活自理能力评估结果。",
      office="hx-mzj-shjzk", fmt="dm", cycle="MONTHLY", duties=("tkrd",),
      conditions="用于医疗救助、临时救助和养老服务补贴发放核对，经区民政局审核后按月交换。",
      basis="《社会救助暂行办法》（国务院令第649号）第六十一条；《特困人员认定办法》；" + PIPL,
      published="2021-09-15"),
    r("hx-mzj", "low-income-population", "低收入人口动态监测信息", "203001001",
      "公民身份号码* 姓名 低收入人口类别 家庭人均收入 监测预警类型 "
      "预警日期 帮扶措施 所属街道（乡镇）",
      "低保、特困、低保边缘和刚性支出困难家庭等低收入人口的动态监测和预警信息，由民政部门汇聚"
      "人社、医保、教育、残联等部门数据比对生成。",
      office="hx-mzj-shjzk", fmt="dm", cycle="MONTHLY", duties=("dbrd", "lsjz"),
      related=("dibao-households", "tekun-support"),
      production="社会救助系统比对各部门数据后生成",
      conditions="限于对低收入人口开展分层分类救助帮扶的部门，按公民身份号码查询，不得公开。",
      basis="《国务院办公厅转发民政部等单位〈关于加强低收入人口动态监测做好分层分类社会救助工作的意见〉》"
      "（国办函〔2023〕39号）；" + PIPL, published="2023-12-01"),
    r("hx-mzj", "verification-reports", "居民家庭经济状况核对报告", "203001003",
      "核对报告编号* 申请家庭户主公民身份号码* 核对事项 委托单位 家庭月人均收入 家庭财产总额 "
      "核对结论 未完成核对项目 出具日期 核对报告文件",
      "核对中心对申请社会救助家庭出具的经济状况核对报告，列明各部门比对结果、差异和证据。报告仅供"
      "本次救助审批使用。",
      share=N, office="hx-mzj-hdzx", fmt="ofd", cycle="REAL_TIME", duties=("jjhd",),
      basis="《社会救助暂行办法》（国务院令第649号）第六十一条；" + PIPL
      + "：核对报告只用于委托核对的救助审批，不向其他部门提供。",
      production="核对系统比对生成，核对中心审核后出具", published="2022-03-01"),
    r("hx-mzj", "verification-authorisations", "核对授权书信息", "203001003",
      "授权书编号* 授权人姓名 授权人公民身份号码* 授权核对事项 授权日期 授权有效期至 授权书文件",
      "申请人及家庭成员签署的经济状况核对授权书，核对机构凭此向各部门和金融机构查询。",
      office="hx-mzj-hdzx", fmt="ofd", cycle="REAL_TIME", duties=("jjhd",),
      related=("verification-reports",),
      conditions="仅向承担核对查询的部门和金融机构出示，用于证明查询已获本人授权。",
      basis="《社会救助暂行办法》（国务院令第649号）第六十一条；" + PIPL + "第十三条、第十四条",
      published="2022-03-01"),
    r("hx-mzj", "senior-service-subsidies", "养老服务补贴对象信息", "203005",
      "公民身份号码* 姓名 补贴类型 能力评估等级 补贴标准 服务机构名称 享受起始年月 补贴状态",
      "经济困难的高龄、失能老年人居家养老服务补贴和护理补贴的对象和标准。",
      office="hx-mzj-ylfw", fmt="rest", cycle="MONTHLY", duties=("gnbt",),
      basis="《中华人民共和国老年人权益保障法》；" + PIPL, published="2022-06-01"),
    r("hx-mzj", "elderly-care-institutions", "养老机构信息", "201006",
      "统一社会信用代码* 机构名称 机构性质 床位数 收住老人人数 护理型床位数 地址 备案日期 "
      "星级评定等级",
      "辖区公办、公建民营和民办养老机构的备案信息、床位和星级评定结果。",
      share=U, office="hx-mzj-ylfw", fmt="xlsx", cycle="QUARTERLY", duties=("yljg",), open=OPEN,
      published="2022-06-01"),
    # == 社会保险、就业（人社） ===================================================================
    r("hx-rsj", "social-insurance-contributions", "社会保险参保缴费信息", "203002001",
      "公民身份号码* 姓名 参保单位名称 参保单位统一社会信用代码 "
      "险种类型 参保状态 缴费年月 缴费基数 "
      "单位缴费金额 个人缴费金额 首次参保日期",
      "职工和城乡居民养老、失业、工伤保险的参保单位、缴费基数和逐月缴费记录。",
      office="hx-rsj-sbzx", cycle="MONTHLY", duties=("sbdj",),
      conditions="限于社会救助核对、就业援助、人才认定和积分入学审核，按公民身份号码查询。",
      basis="《中华人民共和国社会保险法》第八十一条；" + ASSISTANCE, published="2021-05-31"),
    r("hx-rsj", "pension-benefits", "养老保险待遇领取信息", "203002002",
      "公民身份号码* 姓名 待遇类型 月养老金 待遇开始年月 领取状态 发放银行",
      "企业职工和城乡居民基本养老保险待遇的核定、月发放金额和领取状态。",
      office="hx-rsj-sbzx", cycle="MONTHLY", duties=("yldy",),
      conditions="限于社会救助家庭收入核对和死亡人员待遇停发比对，按公民身份号码查询。",
      basis="《中华人民共和国社会保险法》第八十一条；" + ASSISTANCE, published="2021-05-31"),
    r("hx-rsj", "unemployment-benefits", "失业保险金领取信息", "203002003",
      "公民身份号码* 姓名 领取起始年月 领取期限 月发放标准 领取状态",
      "失业保险金的核定期限、月发放标准和领取状态。",
      office="hx-rsj-sbzx", cycle="MONTHLY", duties=("syj",),
      conditions="限于社会救助收入核对和就业援助，按公民身份号码查询。",
      basis="《中华人民共和国社会保险法》第八十一条；《失业保险条例》；" + ASSISTANCE,
      published="2021-05-31"),
    r("hx-rsj", "employment-registrations", "就业失业登记信息", "201002",
      "公民身份号码* 姓名 登记类型 用人单位名称 就业形式 就业困难人员类别 登记日期",
      "劳动者就业登记、失业登记和就业困难人员认定记录。",
      office="hx-rsj-jyzx", fmt="mysql", cycle="WEEKLY", duties=("jydj",),
      conditions="用于就业援助、社会救助和创业补贴审核，按周增量交换。",
      basis="《就业服务与就业管理规定》；" + PIPL, published="2021-05-31"),
    r("hx-rsj", "employer-insurance", "参保单位信息", "203002001",
      "统一社会信用代码* 单位名称 单位类型 参保险种 参保人数 缴费状态 欠费金额 参保日期",
      "在区社保中心参保的用人单位、参保人数和缴费状态。",
      share=U, office="hx-rsj-sbzx", fmt="rest", cycle="MONTHLY", duties=("sbdj",),
      published="2021-05-31"),
    r("hx-rsj", "vocational-certificates", "职业技能等级证书信息", "304004",
      "证书编号* 姓名 公民身份号码 职业（工种） 技能等级 发证机构 发证日期",
      "经备案的职业技能等级认定机构颁发的职业技能等级证书，用于技能补贴和人才政策兑现。",
      office="hx-rsj-jyzx", fmt="rest", cycle="MONTHLY", duties=("cybt",),
      basis="《职业技能等级认定工作规程》；" + PIPL, published="2022-08-01"),
    r("hx-rsj", "job-vacancies", "招聘岗位信息", "201002",
      "岗位编号* 用人单位名称 岗位名称 招聘人数 学历要求 薪酬范围 工作地点 发布日期 截止日期",
      "公共就业服务平台发布的企业招聘岗位，向社会开放。",
      share=U, office="hx-rsj-jyzx", fmt="json", cycle="DAILY", duties=("jydj",), open=OPEN,
      published="2022-02-01"),
    # == 住房公积金 ==============================================================================
    r("hx-gjjfzx", "provident-fund-deposits", "住房公积金缴存信息", "203003001",
      "个人公积金账号* 公民身份号码* 姓名 单位名称 单位统一社会信用代码 缴存基数 单位缴存比例 "
      "个人缴存比例 月缴存额 公积金账户余额 缴至年月 账户状态",
      "职工住房公积金个人账户的缴存基数、缴存比例、月缴存额、账户余额和缴存状态。",
      office="hx-gjjfzx-gjk", fmt="rest", cycle="MONTHLY", duties=("gjjjc",),
      conditions="限于社会救助核对、住房保障资格审核，按公民身份号码查询缴存状态和月缴存额，不提供"
      "账户交易明细。", basis="《住房公积金管理条例》；" + ASSISTANCE, published="2021-08-20"),
    r("hx-gjjfzx", "provident-fund-loans", "住房公积金贷款信息", "203003002",
      "贷款合同号* 借款人公民身份号码* 借款人姓名 贷款金额 贷款期限 所购房屋坐落 放款日期 贷款余额 "
      "还款状态",
      "个人住房公积金贷款的借款人、贷款金额、期限、所购房屋和还款状态。",
      office="hx-gjjfzx-xdk", fmt="rest", cycle="MONTHLY", duties=("gjjdk",),
      conditions="限于社会救助核对、不动产抵押登记核验和住房保障审核，按公民身份号码查询。",
      basis="《住房公积金管理条例》；" + ASSISTANCE + "；" + PIPL, published="2021-08-20"),
    r("hx-gjjfzx", "provident-fund-employers", "住房公积金缴存单位信息", "203003001",
      "单位公积金账号* 统一社会信用代码* 单位名称 缴存人数 单位缴存比例 开户日期 缴存状态",
      "在分中心开户缴存的单位及其缴存人数、缴存比例和缴存状态。",
      share=U, office="hx-gjjfzx-gjk", fmt="xlsx", cycle="MONTHLY", duties=("gjjjc",),
      published="2021-08-20"),
    # == 税务 ====================================================================================
    r("hx-swj", "tax-payments", "纳税信息", "307002",
      "纳税人识别号* 纳税人名称 证件号码* 税种 所得项目 所属期起 所属期止 收入额 应纳税额 已缴税额 "
      "扣缴义务人名称 入库日期",
      "个人所得税和企业主要税种的申报、应纳和已缴税额。社会救助核对据此核实申请家庭成员的工资薪金"
      "和经营所得。",
      office="hx-swj-zgk", fmt="rest", cycle="MONTHLY", duties=("sfzs",),
      related=("taxpayer-registrations",),
      conditions="涉及纳税人商业秘密和个人隐私，仅向履行社会救助核对、信用监管职责的部门按纳税人识别号"
      "或证件号码逐条提供，每次查询须经区税务局审核。",
      basis="《中华人民共和国税收征收管理法》第八条；" + ASSISTANCE, published="2020-09-10"),
    r("hx-swj", "tax-inspection-cases", "税务稽查案件信息", "307003",
      "案件编号* 纳税人识别号 纳税人名称 案源类型 检查所属期 查补税额 罚款金额 案件状态",
      "税务稽查立案、检查、审理和执行的案件信息，含检举线索。",
      share=N, office="hx-swj-zgk", fmt="oracle", cycle="REAL_TIME", duties=("swcf",),
      basis="《中华人民共和国税收征收管理法》第八条；《税务稽查案件办理程序规定》：检举人和案件信息保密，"
      "不予共享。", published="2020-09-10"),
    r("hx-swj", "invoice-issuance", "发票开具汇总信息", "307004",
      "纳税人识别号* 纳税人名称 所属期 开具发票份数 开票金额 税额合计 发票类型",
      "纳税人按月开具增值税发票的份数和金额汇总，反映经营活跃程度。不含发票明细。",
      office="hx-swj-dysws", fmt="rest", cycle="MONTHLY", duties=("fpgl",),
      conditions="仅向统计、信用监管和产业政策兑现部门提供汇总数据，不提供发票明细。",
      basis="《中华人民共和国税收征收管理法》第八条；《中华人民共和国发票管理办法》",
      published="2022-04-01"),
    r("hx-swj", "tax-arrears", "欠税公告信息", "104005",
      "纳税人识别号* 纳税人名称 法定代表人 欠税税种 欠税余额 当期新增欠税 公告日期",
      "按季度在税务机关办税服务厅和网站公告的欠税纳税人名单、法定代表人和欠税余额。",
      share=U, office="hx-swj-zgk", fmt="xlsx", cycle="QUARTERLY", duties=("sfzs",), open=OPEN,
      published="2021-04-01"),
    # == 车辆（车管所） ==========================================================================
    r("hx-cgs", "motor-vehicles", "机动车登记信息", "302002001",
      "号牌号码* 号牌种类 车辆识别代号* 车辆类型 品牌型号 使用性质 所有人名称 所有人证件号码* "
      "初次登记日期 车辆状态 购置价格",
      "在海新车管所登记的机动车的号牌、车辆识别代号、所有人和登记状态。社会救助核对据此判断申请"
      "家庭名下车辆。",
      office="hx-cgs-jdcdj", cycle="REAL_TIME", duties=("jdcdj",),
      conditions="限于社会救助家庭经济状况核对、税收征管和执法协查，按所有人证件号码或号牌号码查询。",
      basis="《机动车登记规定》（公安部令第164号）；" + ASSISTANCE, published="2021-04-12"),
    r("hx-cgs", "vehicle-mortgages", "机动车抵押登记信息", "302002001",
      "号牌号码* 车辆识别代号* 抵押人证件号码 抵押权人名称 抵押登记日期 解除抵押日期 抵押状态",
      "机动车抵押登记和解除抵押登记记录，含抵押权人和登记日期。",
      office="hx-cgs-jdcdj", cycle="REAL_TIME", duties=("jdcdj",), related=("motor-vehicles",),
      conditions="限于金融风险监测、社会救助核对和司法协助，经车管所审核后按号牌号码查询。",
      basis="《机动车登记规定》（公安部令第164号）；" + PIPL, published="2021-04-12"),
    r("hx-cgs", "driving-licences", "机动车驾驶证信息", "302002002",
      "公民身份号码* 姓名 准驾车型 初次领证日期 有效期至 驾驶证状态 累积记分",
      "驾驶人的准驾车型、初次领证日期、有效期和驾驶证状态。",
      office="hx-cgs-jsrgl", fmt="rest", cycle="REAL_TIME", duties=("jszgl",),
      conditions="用于网约车驾驶员、道路运输从业人员资格审核，按公民身份号码查询。",
      basis="《机动车驾驶证申领和使用规定》（公安部令第162号）；" + PIPL, published="2021-04-12"),
    r("hx-cgs", "traffic-violations", "交通违法记录信息", "302002003",
      "违法记录编号* 号牌号码 违法行为 违法时间 违法地点 记分 罚款金额 处理状态",
      "道路交通违法行为的记录和处理状态，用于道路运输企业和网约车平台安全管理。",
      office="hx-cgs-jsrgl", fmt="rest", cycle="REAL_TIME", duties=("jszgl",),
      related=("motor-vehicles",),
      conditions="限于交通运输部门对营运车辆和驾驶员的安全监管，按号牌号码查询。",
      basis="《中华人民共和国道路交通安全法》；" + PIPL, published="2021-10-01"),
    # == 住建 ====================================================================================
    r("hx-zjj", "housing-contracts", "商品房买卖合同网签备案信息", "209001",
      "合同备案号* 项目名称 房屋坐落 建筑面积 合同总价 买受人姓名 "
      "买受人证件号码* 备案日期 备案状态",
      "新建商品房和存量房买卖合同的网签备案记录：房屋坐落、面积、成交价和买受人。",
      office="hx-zjj-fdck", fmt="rest", duties=("wqba",),
      conditions="限于社会救助核对、住房保障资格审核、税收征管和公积金贷款审核，按买受人证件号码查询。",
      basis="《中华人民共和国城市房地产管理法》；《商品房销售管理办法》；" + ASSISTANCE,
      published="2021-07-01"),
    r("hx-zjj", "public-rental-housing", "公共租赁住房保障对象信息", "203004",
      "申请编号* 申请人公民身份号码* 申请人姓名 家庭人口数 保障方式 "
      "配租房源坐落 月租金补贴 资格状态 "
      "配租日期",
      "公共租赁住房申请、轮候、配租和退出的保障家庭信息，含租金补贴。",
      office="hx-zjj-zfbz", fmt="mysql", cycle="MONTHLY", duties=("gzf",),
      conditions="用于社会救助、公积金提取和户籍业务核验，经住建局审核后按月交换。",
      basis="《公共租赁住房管理办法》（住房和城乡建设部令第11号）；" + PIPL,
      published="2021-07-01"),
    r("hx-zjj", "presale-permits", "商品房预售许可信息", "209001",
      "预售许可证号* 项目名称 开发企业名称 开发企业统一社会信用代码 "
      "预售范围 预售面积 可售套数 发证日期",
      "商品房预售许可证的项目、开发企业、预售范围和可售套数。",
      share=U, office="hx-zjj-fdck", fmt="xlsx", cycle="WEEKLY", duties=("spfys",), open=OPEN,
      published="2021-07-01"),
    r("hx-zjj", "presale-fund-supervision", "商品房预售资金监管信息", "209001",
      "监管协议编号* 项目名称 开发企业名称 监管银行 监管账户 监管资金总额 已拨付金额 监管状态",
      "预售资金监管账户的入账和拨付情况，防范项目烂尾。",
      office="hx-zjj-fdck", fmt="mysql", cycle="DAILY", duties=("spfys",),
      conditions="限于房地产市场风险监测和金融监管部门，不向社会公开监管账户。",
      basis="《中华人民共和国城市房地产管理法》；《城市商品房预售管理办法》第十一条",
      published="2022-11-01"),
    r("hx-zjj", "property-services", "物业服务企业和项目信息", "209005",
      "统一社会信用代码* 企业名称 服务项目名称 项目地址 服务面积 收费标准 业主委员会成立情况",
      "在管物业服务企业、服务项目和业主委员会成立情况。",
      share=U, office="hx-zjj-fdck", fmt="xlsx", cycle="QUARTERLY", duties=("sanding",), open=OPEN,
      published="2022-03-01"),
    r("hx-zjj", "construction-enterprises", "建筑业企业资质信息", "209002",
      "统一社会信用代码* 企业名称 资质类别 资质等级 资质证书编号 发证日期 有效期至 诚信评价得分",
      "辖区建筑业企业的资质和诚信评价，用于招投标资格审查。",
      share=U, office="hx-zjj-jzsc", fmt="rest", cycle="MONTHLY", duties=("sgxk", "zlaq"),
      published="2021-09-01"),
    r("hx-zjj", "housing-title-archive", "房屋产权档案信息（历史）", "306001",
      "房屋所有权证号* 不动产单元号 房屋坐落 权利人名称 权利人证件号码 权利类型 共有情况 "
      "建筑面积 房屋用途 登记类型 登记时间 抵押情况 档案号",
      "2017年不动产统一登记前由原房地产交易登记部门办理的房屋所有权登记档案。与不动产登记信息"
      "存在重复，统一登记后新业务以不动产登记为准。",
      office="hx-zjj-fdck", fmt="oracle", cycle="IRREGULAR", duties=("dacx",),
      conditions="仅供历史产权追溯查询，现势权属以不动产登记信息为准。",
      basis="《不动产登记暂行条例》第三十三条；《不动产登记资料查询暂行办法》",
      published="2018-06-01"),
    # == 教育 ====================================================================================
    r("hx-zjj", "housing-mortgage-archive", "房屋抵押登记档案信息（历史）", "306001",
      "他项权证号* 房屋所有权证号 房屋坐落 抵押人名称 抵押人证件号码 抵押权人名称 抵押方式 "
      "被担保主债权数额 债务履行期限起 债务履行期限止 登记时间 注销时间",
      "不动产统一登记前办理的房屋抵押权登记档案和统一登记后补录的存量房抵押记录，与不动产"
      "抵押登记信息部分重复。",
      office="hx-zjj-fdck", fmt="oracle", cycle="IRREGULAR", duties=("dacx",),
      related=("housing-title-archive",),
      conditions="仅供历史抵押登记追溯查询，现势抵押以不动产抵押登记信息为准。",
      basis="《不动产登记暂行条例》第三十三条；《不动产登记资料查询暂行办法》",
      published="2018-06-01"),
    r("hx-jyj", "schools", "中小学校基本信息", "201001",
      "学校标识码* 学校名称 统一社会信用代码* 办学类型 办学性质 地址 在校生数 招生学区范围",
      "辖区公办和民办幼儿园、小学、初中的办学性质、地址、学位数和招生范围。",
      share=U, office="hx-jyj-jjk", fmt="xlsx", cycle="YEARLY", duties=("zxs",), open=OPEN,
      published="2021-08-31"),
    r("hx-jyj", "student-enrolments", "学生学籍信息", "201001",
      "全国学籍号* 公民身份号码* 姓名 就读学校 年级 学籍状态 入学日期",
      "辖区中小学生的学籍号、就读学校、年级和学籍状态。",
      office="hx-jyj-jjk", fmt="mysql", cycle="MONTHLY", duties=("zxs",),
      conditions="限于学生资助、随迁子女积分入学和未成年人保护职责，按学期交换，须经教育局审核。",
      basis="《中华人民共和国未成年人保护法》；" + PIPL, published="2021-08-31"),
    r("hx-jyj", "student-financial-aid", "家庭经济困难学生资助信息", "203001004",
      "全国学籍号* 学生公民身份号码* 学生姓名 认定等级 资助项目 资助金额 资助学年",
      "家庭经济困难学生的认定等级、资助项目和资助金额。",
      office="hx-jyj-zzzx", fmt="xlsx", cycle="QUARTERLY", duties=("xszz",),
      related=("student-enrolments",),
      conditions="用于社会救助与学生资助双向比对，避免重复或遗漏资助。",
      basis="《学生资助资金管理办法》；《社会救助暂行办法》（国务院令第649号）第六十一条",
      published="2021-08-31"),
    r("hx-jyj", "teacher-qualifications", "教师资格认定信息", "310002",
      "教师资格证书号码* 姓名 公民身份号码 资格种类 任教学科 认定机构 认定日期",
      "区教育局认定的幼儿园、小学和初级中学教师资格。",
      office="hx-jyj-jjk", fmt="rest", cycle="QUARTERLY", duties=("jszg",),
      basis="《教师资格条例》；" + PIPL, published="2022-01-01"),
    # == 卫生健康、医保 ==========================================================================
    r("hx-wjw", "medical-institutions", "医疗机构执业登记信息", "202001",
      "执业许可证登记号* 医疗机构名称 统一社会信用代码* 机构类别 诊疗科目 核定床位数 地址 有效期至",
      "辖区医疗机构的名称、类别、诊疗科目、床位数和执业许可证有效期。",
      share=U, office="hx-wjw-yzk", fmt="xlsx", cycle="QUARTERLY", duties=("yljg",), open=OPEN,
      published="2022-01-10"),
    r("hx-wjw", "severe-mental-disorder-patients", "严重精神障碍患者管理信息", "202002",
      "公民身份号码* 姓名 诊断 危险性评估等级 管理状态 末次随访日期",
      "严重精神障碍患者的诊断、危险性评估和随访管理记录。",
      share=N, fmt="oracle", detail="国家严重精神障碍信息系统导出", cycle="MONTHLY",
      duties=("sanding",), systems=(),
      basis="《中华人民共和国精神卫生法》第四条：患者的姓名、住址、病历资料等可能推断其身份的信息应当保密，"
      "不予共享。", published="2022-01-10"),
    r("hx-wjw", "health-records", "居民电子健康档案", "202006",
      "健康档案编号* 公民身份号码* 姓名 签约家庭医生 慢性病类型 末次体检日期 建档机构",
      "社区卫生服务中心为常住居民建立的电子健康档案和家庭医生签约信息。",
      share=N, fmt="oracle", cycle="DAILY", duties=("sanding",), systems=("qmjk",),
      basis="《中华人民共和国基本医疗卫生与健康促进法》第九十二条；" + PIPL
      + "第二十八条：健康信息属敏感个人信息，仅在医疗卫生机构之间经本人授权调阅。",
      published="2022-05-01"),
    r("hx-wjw", "vaccinations", "预防接种信息", "202003",
      "受种者编码* 受种者姓名 受种者公民身份号码 疫苗名称 剂次 接种日期 接种单位",
      "儿童和成人预防接种记录，用于入托入学查验接种证。",
      office="hx-wjw-yzk", fmt="rest", cycle="DAILY", duties=("sanding",), systems=("qmjk",),
      conditions="限于入托入学接种证查验，按受种者公民身份号码查询是否完成国家免疫规划疫苗接种。",
      basis="《中华人民共和国疫苗管理法》第四十八条；" + PIPL, published="2022-05-01"),
    r("hx-wjw", "maternal-child-health", "孕产妇和儿童保健信息", "202004",
      "保健手册编号* 孕产妇姓名 孕产妇公民身份号码 建册日期 高危因素 分娩日期 新生儿访视日期",
      "孕产妇建册、产前检查、高危管理和新生儿访视记录。",
      share=N, fmt="oracle", cycle="DAILY", office="hx-wjw-rkjt", duties=("syfw",),
      basis="《中华人民共和国母婴保健法》第三十四条；" + PIPL + "第二十八条",
      published="2022-05-01"),
    r("hx-ybj", "medical-settlements", "医疗费用结算信息", "316002",
      "结算流水号* 公民身份号码* 姓名 医疗机构名称 就诊类型 医疗总费用 基本医保支付 "
      "大病保险支付 个人自付 结算日期",
      "参保人在定点医药机构就医购药的费用结算记录。",
      office="hx-ybj-dybz", fmt="oracle", cycle="DAILY", duties=("yljz", "jjjg"),
      conditions="限于医疗救助、因病致贫返贫监测和社会救助支出型困难认定，按公民身份号码查询"
      "汇总费用，不提供诊断和处方明细。",
      basis="《医疗保障基金使用监督管理条例》；《社会救助暂行办法》（国务院令第649号）第二十八条；"
      + PIPL,
      published="2021-08-01"),
    r("hx-ybj", "designated-institutions", "医保定点医药机构信息", "316001",
      "定点机构编码* 机构名称 统一社会信用代码 机构类型 定点类别 协议有效期至 地址",
      "与医保部门签订服务协议的定点医疗机构和定点零售药店。",
      share=U, office="hx-ybj-jjjg", fmt="xlsx", cycle="MONTHLY", duties=("ddjg",), open=OPEN,
      published="2021-08-01"),
    # == 生态环境、水利、应急 ====================================================================
    r("hx-sthjfj", "air-quality", "环境空气质量监测数据", "211001",
      "监测站点编码* 监测站点名称 监测时间 PM2.5浓度 PM10浓度 臭氧浓度 空气质量指数 首要污染物",
      "国控和区控空气质量自动监测站的小时监测数据。",
      share=U, fmt="rest", cycle="REAL_TIME", duties=("sanding",), systems=(), open=OPEN,
      published="2021-01-01"),
    r("hx-sthjfj", "surface-water-quality", "地表水水质监测数据", "211001",
      "断面编码* 断面名称 所在河流 监测日期 水质类别 化学需氧量 氨氮 总磷 达标情况",
      "区内河流国考、省考和区控断面的月度水质监测结果。",
      share=U, fmt="xlsx", cycle="MONTHLY", duties=("sanding",), systems=(), open=OPEN,
      published="2021-01-01"),
    r("hx-sthjfj", "pollution-sources", "重点排污单位信息", "211002",
      "统一社会信用代码* 单位名称 行业类别 排污许可证编号 主要污染物 排放口数量 在线监测情况 地址",
      "列入重点排污单位名录的企业及其排污许可和在线监测情况。",
      share=U, office="hx-sthjfj-hpk", fmt="rest", cycle="MONTHLY", duties=("pwxk",),
      published="2021-06-01"),
    r("hx-sthjfj", "online-monitoring", "污染源自动监控数据", "211002",
      "排放口编码* 单位名称 监测时间 监测因子 排放浓度 排放限值 是否超标",
      "重点排污单位排放口自动监控设备传输的小时均值数据和超标报警。",
      office="hx-sthjfj-zfdd", fmt="rest", cycle="REAL_TIME", duties=("hjcf",),
      conditions="限于生态环境执法、应急管理和信用监管使用，原始监测数据不对外公开。",
      basis="《中华人民共和国环境保护法》第四十二条；《污染源自动监控管理办法》",
      published="2021-06-01"),
    r("hx-slj", "river-lakes", "河湖名录和河长信息", "103007",
      "河湖编码* 河湖名称 河湖类型 河道长度 流域面积 区级河长 街道河长 河长公示牌编号",
      "区内河流、湖泊、水库名录及各级河长设置。",
      share=U, office="hx-slj-hzb", fmt="xlsx", cycle="YEARLY", duties=("hzz",), open=OPEN,
      published="2021-03-22"),
    r("hx-slj", "river-patrols", "河长巡河记录", "103007",
      "巡河编号* 河湖名称 巡河人姓名 巡河时间 巡河时长 发现问题描述 问题处理状态",
      "各级河长和河道专管员巡河轨迹、发现问题及处理情况。",
      office="hx-slj-hzb", fmt="rest", cycle="DAILY", duties=("hzz",),
      conditions="巡河人姓名仅供河长制考核和问题督办使用。",
      basis="《关于全面推行河长制的意见》；" + PIPL, published="2021-03-22"),
    r("hx-slj", "hydrology", "水雨情监测数据", "103007",
      "测站编码* 测站名称 监测时间 降雨量 水位 警戒水位 是否超警",
      "区内雨量站、水位站的实时监测数据，用于防汛调度和应急预警。",
      share=U, fmt="rest", cycle="REAL_TIME", duties=("sanding",), systems=(),
      published="2021-05-01"),
    r("hx-yjj", "hazardous-chemicals", "危险化学品企业信息", "205002",
      "统一社会信用代码* 企业名称 经营许可证编号 危险化学品品名 最大储存量 重大危险源等级 地址 "
      "安全负责人 安全负责人联系电话",
      "辖区危险化学品生产、储存、经营企业及其重大危险源情况。",
      office="hx-yjj-whk", fmt="rest", cycle="MONTHLY", duties=("whxk",),
      conditions="限于应急管理、消防救援、生态环境和公安部门用于监管和应急处置，不向社会公开储存量和"
      "重大危险源位置。", basis="《危险化学品安全管理条例》第六条；《中华人民共和国安全生产法》",
      published="2021-04-01"),
    r("hx-yjj", "hazard-investigations", "生产安全事故隐患排查治理信息", "205004",
      "隐患编号* 企业名称 统一社会信用代码 隐患等级 隐患描述 整改期限 整改状态 排查日期",
      "企业自查和监管检查发现的事故隐患及整改情况，重大隐患挂牌督办。",
      office="hx-yjj-whk", fmt="rest", cycle="DAILY", duties=("aqcf",),
      conditions="限于负有安全生产监督管理职责的部门使用。",
      basis="《中华人民共和国安全生产法》第四十一条", published="2021-04-01"),
    r("hx-yjj", "emergency-supplies", "应急物资储备信息", "212002",
      "储备库编码* 储备库名称 物资名称 规格型号 储备数量 计量单位 管理单位 地址",
      "区级救灾物资储备库和街道储备点的物资品种、规格和数量，用于灾害发生后的调拨和补充。",
      office="hx-yjj-jzk", fmt="xlsx", cycle="MONTHLY", duties=("zhjz",),
      conditions="限于应急指挥和救灾调拨使用。", basis="《中华人民共和国突发事件应对法》第三十二条",
      published="2021-04-01"),
    r("hx-yjj", "emergency-plans", "生产经营单位应急预案备案信息", "212001",
      "备案编号* 单位名称 统一社会信用代码 预案名称 预案类型 备案日期",
      "生产经营单位生产安全事故应急预案的备案记录。",
      share=U, office="hx-yjj-whk", fmt="xlsx", cycle="MONTHLY", duties=("yjya",),
      published="2021-04-01"),
    # == 交通、城管、农业、商务、文旅 ============================================================
    r("hx-jtj", "transport-operators", "道路运输经营业户信息", "214001",
      "统一社会信用代码* 业户名称 经营许可证号 经营范围 车辆数 从业人员数 许可证有效期至 地址",
      "辖区道路旅客运输、货物运输和机动车维修经营业户。",
      share=U, office="hx-jtj-ysk", fmt="rest", cycle="WEEKLY", duties=("dlys",), open=OPEN,
      published="2021-02-01"),
    r("hx-jtj", "operating-vehicles", "营运车辆信息", "214001",
      "道路运输证号* 号牌号码* 业户名称 车辆类型 核定载客（载质量） 年审有效期至 运输证状态",
      "取得道路运输证的客运、货运和网约车营运车辆，含核定载客（载质量）和年审状态。",
      share=U, office="hx-jtj-ysk", fmt="rest", cycle="WEEKLY", duties=("dlys", "wyc"),
      published="2021-02-01"),
    r("hx-jtj", "bus-routes", "公交线路和站点信息", "214002",
      "线路编号* 线路名称 首末站 首班时间 末班时间 站点名称 站点经度 站点纬度 票价",
      "区内公交线路、站点位置和运营时间，向社会开放。",
      share=U, fmt="json", cycle="MONTHLY", duties=("sanding",), systems=(), open=OPEN,
      published="2021-06-01"),
    r("hx-cgj", "city-management-cases", "数字城管案件信息", "209003",
      "事件编号* 事件类型 事件描述 发生地址 网格编码 经度 纬度 上报时间 立案时间 派遣部门 "
      "处置时限 结案时间 事件状态",
      "监督员和市民上报的城市部件、事件问题从立案、派遣、处置到结案的全过程记录。",
      share=U, office="hx-cgj-szcg", fmt="rest", cycle="REAL_TIME", duties=("szcg",),
      published="2020-08-01"),
    r("hx-cgj", "city-components", "城市部件普查信息", "209003",
      "部件编码* 部件类型 部件名称 权属单位 养护单位 所在道路 经度 纬度 部件状态",
      "井盖、路灯、消火栓、垃圾桶等城市部件的普查数据，按 GB/T 30428 编码。",
      share=U, office="hx-cgj-szcg", fmt="gdb", cycle="YEARLY", duties=("szcg",),
      published="2020-08-01"),
    r("hx-cgj", "city-video", "城市管理视频监控资源", "209003",
      "视频点位编码* 点位名称 所在道路 经度 纬度 接入方式 视频流地址",
      "城市管理领域重点道路、广场和渣土运输通道的视频监控点位和实时视频流。",
      office="hx-cgj-szcg", fmt="video", cycle="REAL_TIME", duties=("szcg",),
      conditions="限于城市管理、应急指挥和公安部门在政务外网调阅，不得录存用于其他用途。",
      basis="《公共安全视频图像信息系统管理条例》", published="2022-01-01"),
    r("hx-nyncj", "collective-assets", "农村集体资产信息", "313002",
      "资产编号* 集体经济组织名称 资产类别 资产名称 数量 账面价值 经营方式 承包（租赁）方名称",
      "村（居）集体经济组织的资产清查结果和经营情况。",
      office="hx-nyncj-jjk", fmt="mysql", cycle="QUARTERLY", duties=("jtzc",),
      conditions="限于审计、纪检监察和财政部门监督集体资产使用。",
      basis="《中共中央 国务院关于稳步推进农村集体产权制度改革的意见》", published="2021-10-01"),
    r("hx-nyncj", "farmland-subsidies", "耕地地力保护补贴发放信息", "313002",
      "补贴对象姓名 补贴对象公民身份号码* 所属村（居） 补贴面积 补贴标准 补贴金额 发放日期",
      "按承包耕地面积发放的耕地地力保护补贴，通过“一卡通”发放。",
      office="hx-nyncj-jjk", fmt="xlsx", cycle="YEARLY", duties=("nybt",),
      conditions="限于财政“一卡通”发放和社会救助收入核对，按公民身份号码查询。",
      basis="《关于全面推开农业“三项补贴”改革工作的通知》（财农〔2016〕26号）；" + PIPL,
      published="2022-05-01"),
    r("hx-nyncj", "land-contracts", "农村土地承包经营权信息", "313001",
      "承包合同编号* 承包方代表姓名 承包方代表公民身份号码 发包方名称 承包地块数 承包面积 "
      "承包期限起 承包期限止 经营权证编号",
      "农村土地承包经营权确权登记颁证成果，含承包方、地块和承包期限。",
      fmt="gdb", cycle="IRREGULAR", duties=("jtzc",), systems=("qqdj",),
      conditions="限于农业补贴发放、土地流转管理和社会救助财产核对，按承包方代表公民身份号码查询。",
      basis="《中华人民共和国农村土地承包法》第二十四条；" + PIPL, published="2019-06-30"),
    r("hx-swuj", "prepaid-card-issuers", "单用途商业预付卡发卡企业信息", "213001",
      "统一社会信用代码* 企业名称 备案编号 发卡类型 发卡金额 资金存管银行 存管比例 备案日期",
      "在商务部门备案的单用途商业预付卡发卡企业及其资金存管情况。",
      share=U, office="hx-swuj-ltk", fmt="xlsx", cycle="QUARTERLY", duties=("yfk",),
      published="2021-11-01"),
    r("hx-swuj", "recycling-operators", "再生资源回收经营者备案信息", "213001",
      "统一社会信用代码* 经营者名称 备案编号 回收品种 经营场所 备案日期",
      "从事再生资源回收经营的企业和个体工商户的备案信息，含回收品种和经营场所。",
      share=U, office="hx-swuj-ltk", fmt="xlsx", cycle="QUARTERLY", duties=("zszy",), systems=(),
      open=OPEN, published="2021-11-01"),
    r("hx-wtlj", "entertainment-venues", "文化娱乐经营场所信息", "320001",
      "统一社会信用代码* 场所名称 经营类别 许可证编号 经营面积 核定人数 地址 许可证有效期至",
      "娱乐场所和互联网上网服务营业场所的许可和经营信息。",
      share=U, office="hx-wtlj-scgl", fmt="xlsx", cycle="MONTHLY", duties=("ylcs", "wbxk"),
      open=OPEN, published="2021-05-01"),
    r("hx-wtlj", "public-cultural-venues", "公共文化体育场馆信息", "201004",
      "场馆编码* 场馆名称 场馆类型 开放时间 地址 联系电话 经度 纬度",
      "区图书馆、文化馆、体育馆和街道综合文化站的开放服务信息。",
      share=U, fmt="json", cycle="QUARTERLY", duties=("ggwh",), systems=(), open=OPEN,
      published="2021-05-01"),
    r("hx-wtlj", "tourist-attractions", "旅游景区和星级饭店信息", "320002",
      "统一社会信用代码* 单位名称 类别 等级 地址 最大承载量 联系电话",
      "A级旅游景区、星级饭店和旅行社服务网点的基本信息和最大承载量。",
      share=U, fmt="xlsx", cycle="QUARTERLY", duties=("sanding",), systems=(), open=OPEN,
      published="2021-05-01"),
    # == 市场监管 ================================================================================
    r("hx-scjgj", "food-business-licences", "食品经营许可信息", "204001",
      "许可证编号* 统一社会信用代码* 经营者名称 经营场所 主体业态 经营项目 发证日期 有效期至",
      "食品经营许可证的经营者、经营场所、主体业态、经营项目和有效期。",
      share=U, office="hx-scjgj-spjy", fmt="xlsx", cycle="WEEKLY", duties=("spjy",), open=OPEN,
      published="2021-01-08"),
    r("hx-scjgj", "food-sampling", "食品安全监督抽检信息", "204005",
      "抽检编号* 被抽样单位名称 统一社会信用代码 食品名称 抽样日期 "
      "检验结论 不合格项目 核查处置情况",
      "食品安全监督抽检结果和不合格食品核查处置情况，按规定向社会公布。",
      share=U, office="hx-scjgj-spjy", fmt="xlsx", cycle="MONTHLY", duties=("spjy",), open=OPEN,
      published="2021-06-01"),
    r("hx-scjgj", "complaints", "消费投诉举报信息", "213002",
      "投诉编号* 投诉人姓名 投诉人联系电话 被投诉主体名称 统一社会信用代码 投诉问题类型 投诉内容 "
      "登记日期 处理结果",
      "全国12315平台受理的消费投诉和举报，用于消费维权和风险监测。",
      office="hx-scjgj-zfdd", fmt="rest", cycle="DAILY", duties=("scjgcf",),
      conditions="投诉人信息仅限承办部门处理投诉使用；其他部门只提供按主体汇总的投诉量。",
      basis="《市场监督管理投诉举报处理暂行办法》；" + PIPL, published="2021-06-01"),
    # == 财政、审计、统计、政府办、大数据 ========================================================
    r("hx-czj", "budget-execution", "部门预算执行信息", "314001",
      "预算单位编码* 预算单位名称 功能分类科目 经济分类科目 年初预算数 调整预算数 支出金额 执行率",
      "各预算单位按功能和经济分类的预算执行情况，按月更新。",
      office="hx-czj-ysk", fmt="oracle", cycle="MONTHLY", duties=("yszx",),
      conditions="限于人大预算审查监督、审计和纪检监察部门使用。",
      basis="《中华人民共和国预算法》第十四条、第八十三条", published="2021-03-01"),
    r("hx-czj", "procurement-contracts", "政府采购合同信息", "314003",
      "采购项目编号* 采购项目名称 采购人名称 供应商名称 "
      "统一社会信用代码 合同金额 采购方式 签订日期",
      "政府采购合同的采购人、供应商、金额和采购方式，依法向社会公开。",
      share=U, office="hx-czj-cgk", fmt="json", cycle="DAILY", duties=("cgjd",), systems=(),
      open=OPEN, published="2021-03-01"),
    r("hx-sjj", "audit-findings", "审计发现问题和整改信息", "314001",
      "审计项目编号* 被审计单位名称 问题类型 问题描述 涉及金额 整改要求 整改状态 整改完成日期",
      "审计发现的问题清单和被审计单位整改落实情况。",
      office="hx-sjj-jzk", fmt="kingbase", cycle="QUARTERLY", duties=("zjsj", "czsj"),
      systems=("jsgc",),
      conditions="限于纪检监察、组织人事和被审计单位主管部门督促整改使用，审计工作底稿不提供。",
      basis="《中华人民共和国审计法》第五十二条", published="2022-01-01"),
    r("hx-zfb", "supervision-items", "督查督办事项信息", "201003",
      "督办编号* 督办事项 交办来源 承办单位 办理时限 办理进度 办结情况",
      "区政府重点工作和领导批示事项的交办、办理和办结情况。",
      office="hx-zfb-dck", fmt="mysql", cycle="DAILY", duties=("zwdc",),
      conditions="限于各承办单位和区政府督查室使用。",
      basis="《政府督查工作条例》（国务院令第738号）",
      published="2021-04-01"),
    r("hx-zfb", "open-government-requests", "政府信息公开申请办理信息", "201003",
      "申请编号* 申请人类型 申请内容 收到日期 答复日期 答复类型",
      "政府信息公开申请的收件、答复和答复类型统计，不含申请人身份信息。",
      share=U, fmt="xlsx", cycle="MONTHLY", duties=("zwgk",), systems=(), published="2021-04-01"),
    r("hx-dsjzx", "government-service-items", "政务服务事项目录", "201003",
      "事项编码* 事项名称 实施主体 事项类型 法定办结时限 承诺办结时限 申请材料 是否可网上办理",
      "全区依申请政务服务事项的事项编码、实施主体、办理时限、申请材料和办理流程。",
      share=U, office="hx-dsjzx-sjzy", fmt="json", duties=("mlgl",), systems=("gxjh",),
      open=OPEN, cycle="IRREGULAR",
      production="各部门在政务服务事项管理系统维护，大数据中心统一发布", published="2022-06-01"),
    r("hx-dsjzx", "sharing-logs", "数据共享调用日志", "324002",
      "调用流水号* 调用系统 调用部门 信息资源代码 调用时间 调用结果 数据条数",
      "共享交换平台记录的每次接口调用和数据库交换，用于数据提供部门了解使用情况和审计。",
      office="hx-dsjzx-ptyw", fmt="kingbase", cycle="REAL_TIME", duties=("gxjh",),
      conditions="仅向数据提供部门提供本部门资源的调用记录，向审计和纪检监察部门提供全部记录。",
      basis=SHARING_RULES.replace("第九条", "第十八条"), published="2022-06-01"),
    r("hx-dsjzx", "e-licence-usage", "电子证照用证记录", "324002",
      "用证流水号* 证照编号 证照类型 持证主体代码 用证部门 用证事项 用证时间 授权方式",
      "政务服务办理中调用电子证照的记录，持证人可在政务服务平台查询本人证照被谁使用。",
      office="hx-dsjzx-ptyw", fmt="rest", cycle="REAL_TIME", duties=("dzzz",),
      conditions="持证主体可查询本人记录；部门只能查询本部门的用证记录。",
      basis=ONLINE_SERVICE + "；" + PIPL, published="2022-06-01"),
    r("hx-xzspj", "service-evaluations", "政务服务“好差评”信息", "201003",
      "评价编号* 事项名称 办理部门 评价渠道 评价等级 评价内容 评价时间 整改情况",
      "企业和群众对政务服务事项办理的评价和差评整改情况。",
      share=U, office="hx-xzspj-zwzx", fmt="rest", cycle="DAILY", duties=("yjs",),
      published="2021-06-01"),
    r("hx-xzspj", "integrated-service-cases", "“一件事一次办”办件信息", "201003",
      "办件编号* 一件事名称 申请人名称 申请人证件号码 涉及部门 受理时间 办结时间 办理结果",
      "新生儿出生、企业开办、不动产登记、退休等“一件事”的集成办理记录。",
      office="hx-xzspj-zwzx", fmt="rest", cycle="REAL_TIME", duties=("yjs",),
      conditions="限于参与“一件事”联办的部门查询本部门承办环节所需信息。",
      basis="《国务院关于加快推进政务服务标准化规范化便利化的指导意见》（国发〔2022〕5号）；"
      + PIPL,
      published="2022-08-01"),
    r("hx-xzspj", "construction-projects", "工程建设项目审批信息", "209002",
      "项目代码* 项目名称 建设单位名称 统一社会信用代码 审批阶段 审批事项 审批结果 审批完成时间",
      "工程建设项目四个审批阶段的并联审批过程和结果。",
      share=U, office="hx-xzspj-jsxm", fmt="rest", cycle="DAILY", duties=("gcsp",),
      published="2021-01-01"),
    # == 人口、空间地理的补充 ==================================================================
    r("hx-gafj", "newborn-registrations", "出生登记（落户）信息", "101004",
      "公民身份号码* 姓名 性别 出生日期 出生医学证明编号 监护人公民身份号码 户号 登记日期",
      "新生儿凭出生医学证明办理出生登记、申报户口的记录，与卫生健康部门的出生医学证明"
      "“一件事”联办。",
      office="hx-gafj-hzdd", fmt="oracle", duties=("hkdj",), related=("household-population",),
      conditions="限于医保参保、生育津贴、预防接种和入学登记，按公民身份号码查询。",
      basis="《中华人民共和国户口登记条例》第七条；" + PIPL, published="2022-01-10"),
    r("hx-gafj", "hmt-residence-permits", "港澳台居民居住证信息", "101002",
      "公民身份号码* 姓名 居住证编号* 通行证号码 居住地址 签发日期 有效期至",
      "在海新区居住半年以上的港澳台居民申领的居住证，编号与公民身份号码规则一致。",
      office="hx-gafj-crj", fmt="oracle", duties=("jzz",),
      conditions="限于港澳台居民就业、社保、住房公积金和子女入学等公共服务办理，按证件号码查询。",
      basis="《港澳台居民居住证申领发放办法》；" + PIPL, published="2021-05-20"),
    r("hx-gafj", "registration-corrections", "户口登记项目变更更正信息", "101001",
      "公民身份号码* 姓名 变更项目 变更前内容 变更后内容 变更依据 变更日期",
      "姓名、民族、出生日期等户口登记项目的变更和更正记录，用于各部门同步身份信息。",
      office="hx-gafj-hzdd", fmt="oracle", duties=("hkdj",), related=("household-population",),
      conditions="限于需要同步身份信息的部门按公民身份号码查询本部门已有对象的变更记录。",
      basis="《中华人民共和国户口登记条例》第十八条；" + PIPL, published="2021-03-01"),
    r("hx-tyjrj", "preferential-cards", "退役军人优待证信息", "101007",
      "优待证编号* 公民身份号码* 姓名 优待证类型 发证日期 证件状态",
      "向退役军人和其他优抚对象发放的优待证，持证人凭证享受交通、文旅等优待。",
      office="hx-tyjrj-fwzx", fmt="rest", duties=("xxcj",), related=("veterans",),
      conditions="限于提供优待服务的部门和单位按优待证编号核验真伪和状态。",
      basis="《中华人民共和国退役军人保障法》第六十二条；" + PIPL, published="2022-10-01"),
    r("hx-zrzyj", "cadastral-parcels", "地籍宗地信息", "103004",
      "宗地代码* 坐落 权利人名称 权利类型 宗地面积 土地用途 土地等级 宗地图",
      "地籍调查形成的宗地界址、面积和用途，是不动产单元划分和登记的基础。",
      share=U, office="hx-zrzyj-bdcdjzx", fmt="gdb", cycle="MONTHLY", duties=("bdcdj",),
      published="2021-11-30"),
    r("hx-zrzyj", "forest-land", "林地资源“一张图”数据", "103008",
      "林地图斑号* 林地保护等级 森林类别 林种 面积 权属 所在村（居）",
      "森林资源管理“一张图”年度更新成果：林地图斑、森林类别和保护等级。",
      share=U, office="hx-zrzyj-gdk", fmt="gdb", cycle="YEARLY", duties=("gdbh",),
      published="2022-12-31"),
    r("hx-zrzyj", "development-boundaries", "城镇开发边界", "103005",
      "边界编号* 面积 划定日期 批复文号 管控要求",
      "国土空间总体规划划定的城镇开发边界，是城镇建设用地布局的约束线。",
      share=U, office="hx-zrzyj-ghk", fmt="shp", cycle="IRREGULAR", duties=("ghxk",),
      open=OPEN, published="2023-09-30"),
    r("hx-mzj", "administrative-boundaries", "行政区划界线信息", "103006",
      "界线编码* 界线名称 界线类型 毗邻行政区 界桩数量 勘定日期",
      "区与毗邻区县、街道之间的行政区域界线和界桩，由民政部门组织勘定和联检。",
      share=U, office="hx-mzj-sssw", fmt="shp", cycle="YEARLY", duties=("sanding",),
      systems=(), published="2021-09-01"),
    r("hx-slj", "river-boundaries", "河湖管理范围划定成果", "103007",
      "河湖编码* 河湖名称 管理范围面积 岸线长度 划定日期 公告文号",
      "依法划定并公告的河湖管理范围线和岸线，是河道内违法建设查处的依据。",
      share=U, office="hx-slj-hzb", fmt="shp", cycle="IRREGULAR", duties=("hzz",),
      open=OPEN, published="2021-12-01"),
    r("hx-wjw", "infectious-disease-reports", "法定传染病报告信息", "202003",
      "报告卡编号* 患者姓名 公民身份号码 疾病名称 诊断日期 报告单位 现住址",
      "医疗机构网络直报的法定传染病病例报告卡。",
      share=N, fmt="oracle", cycle="REAL_TIME", duties=("sanding",), systems=("qmjk",),
      basis="《中华人民共和国传染病防治法》第十二条、第六十八条：不得泄露传染病病人的个人隐私；"
      "疫情信息由卫生健康部门依法统一发布。", published="2022-05-01"),
    r("hx-swj", "tax-whistleblowing", "税收违法行为检举信息", "307003",
      "检举编号* 检举人姓名 检举人联系方式 被检举人名称 检举事项 受理日期 处理结果",
      "单位和个人对税收违法行为的检举及受理、处理情况。",
      share=N, office="hx-swj-zgk", fmt="oracle", cycle="DAILY", duties=("swcf",),
      basis="《中华人民共和国税收征收管理法》第十三条；《税收违法行为检举管理办法》第六条："
      "检举人信息和检举材料应当保密。", published="2020-09-10"),
    # == 各部门的其他业务数据 ====================================================================
    r("hx-gafj", "floating-population", "流动人口居住登记信息", "101002",
      "公民身份号码* 姓名 户籍地址 居住地址 标准地址编码 居住事由 登记日期 注销日期",
      "在海新区居住半年以下、未申领居住证的流动人口居住登记，由社区民警和网格员采集。",
      office="hx-gafj-hzdd", fmt="oracle", duties=("jzz",), related=("residence-permits",),
      conditions="限于计划生育服务、疫情防控、随迁子女入学和出租房屋管理，按公民身份号码或标准"
      "地址编码查询。", basis="《居住证暂行条例》（国务院令第663号）第四条；" + PIPL,
      published="2021-05-20"),
    r("hx-gafj", "dog-registrations", "养犬登记信息", "302001",
      "犬只登记证号* 犬主姓名 犬主公民身份号码 犬主联系电话 犬只品种 免疫证明编号 登记日期 "
      "年检有效期至",
      "城区养犬登记、年检和免疫信息，用于犬只管理和伤人事件处置。",
      office="hx-gafj-zadd", fmt="mysql", duties=("zacf",),
      conditions="限于城市管理执法、农业农村（动物防疫）部门处理犬只相关事项。",
      basis="《滨海市养犬管理规定》；" + PIPL, published="2022-03-01"),
    r("hx-mzj", "children-in-difficulty", "困境儿童和农村留守儿童信息", "203005",
      "公民身份号码* 姓名 儿童类别 监护人姓名 监护人联系电话 监护情况 帮扶措施 所属街道（乡镇）",
      "事实无人抚养儿童、困境儿童和农村留守儿童的监护和帮扶情况。",
      office="hx-mzj-sssw", fmt="dm", cycle="MONTHLY", duties=("lsjz",),
      conditions="限于教育、卫生健康、公安、司法和妇联开展未成年人保护和关爱服务，按公民身份号码"
      "查询，不得公开。", basis="《中华人民共和国未成年人保护法》第九十一条；" + PIPL,
      published="2022-06-01"),
    r("hx-mzj", "dibao-marginal-households", "低保边缘家庭信息", "203001001",
      "户主姓名 户主公民身份号码* 家庭人口数 家庭人均收入 认定日期 "
      "享受专项救助类型 所属街道（乡镇）",
      "家庭人均收入高于低保标准但低于1.5倍的低保边缘家庭，可享受医疗、教育、住房等专项救助。",
      office="hx-mzj-shjzk", fmt="dm", cycle="MONTHLY", duties=("dbrd",),
      related=("dibao-households",),
      conditions="限于医疗救助、教育资助、住房保障和就业援助的资格认定，按公民身份号码查询。",
      basis="《社会救助暂行办法》（国务院令第649号）第六十一条；" + PIPL, published="2023-12-01"),
    r("hx-sfj", "community-corrections", "社区矫正对象信息", "318004",
      "公民身份号码* 姓名 矫正类别 罪名 矫正期限起 矫正期限止 执行地 矫正状态",
      "在海新区执行社区矫正的人员及其矫正期限和状态。",
      share=N, office="hx-sfj-sqjz", fmt="oracle", duties=("sqjz",),
      basis="《中华人民共和国社区矫正法》第四条、第五十四条：社区矫正对象的身份信息和矫正信息应当"
      "保密，仅在社区矫正机构与公安、检察、法院之间依法通报。", published="2021-07-01"),
    r("hx-sfj", "mediation-cases", "人民调解案件信息", "318003",
      "案件编号* 纠纷类型 当事人姓名 当事人联系电话 调解组织 受理日期 调解结果 协议履行情况",
      "各级人民调解委员会受理的矛盾纠纷和调解结果。",
      fmt="mysql", cycle="MONTHLY", duties=("rmtj",), systems=(),
      conditions="当事人信息仅限矛盾纠纷多元化解平台联动处置使用；统计数据无条件共享。",
      basis="《中华人民共和国人民调解法》第十五条；" + PIPL, published="2021-07-01"),
    r("hx-rsj", "labour-arbitration", "劳动人事争议仲裁案件信息", "304003",
      "仲裁案号* 申请人姓名 被申请人名称 统一社会信用代码 争议类型 争议金额 立案日期 结案方式 "
      "结案日期",
      "劳动人事争议仲裁委员会受理的案件和结案情况。",
      office="hx-rsj-ldjc", fmt="mysql", cycle="WEEKLY", duties=("ldjc",),
      conditions="申请人身份信息仅限劳动保障监察和法院执行使用；按用人单位汇总的案件量提供信用监管"
      "部门。", basis="《中华人民共和国劳动争议调解仲裁法》；" + PIPL, published="2021-09-01"),
    r("hx-rsj", "talent-certifications", "高层次人才认定信息", "304004",
      "认定编号* 姓名 公民身份号码 人才层次 工作单位 认定日期 有效期至 享受政策",
      "经认定的高层次人才及其享受的住房、子女入学和医疗保健待遇。",
      office="hx-rsj-jyzx", fmt="rest", cycle="MONTHLY", duties=("cybt",),
      conditions="限于人才住房、子女入学、医疗保健待遇兑现部门按公民身份号码核验。",
      basis="《滨海市高层次人才认定和服务办法》；" + PIPL, published="2022-08-01"),
    r("hx-zrzyj", "geohazard-sites", "地质灾害隐患点信息", "315003",
      "隐患点编号* 隐患点名称 灾害类型 规模等级 威胁人数 威胁财产 监测责任人 经度 纬度",
      "在册地质灾害隐患点的类型、规模、威胁对象和群测群防责任人。",
      share=U, office="hx-zrzyj-chk", fmt="wfs", cycle="QUARTERLY", duties=("chgl",),
      published="2021-05-01"),
    r("hx-zjj", "gas-operators", "燃气经营许可信息", "207002",
      "燃气经营许可证编号* 企业名称 统一社会信用代码 经营类别 经营区域 有效期至",
      "辖区管道燃气和瓶装燃气经营企业的燃气经营许可证、经营类别和经营区域。",
      share=U, office="hx-zjj-jzsc", fmt="xlsx", cycle="QUARTERLY", duties=("zlaq",),
      open=OPEN, published="2022-06-01"),
    r("hx-zjj", "old-community-renovation", "城镇老旧小区改造项目信息", "209004",
      "项目编号* 小区名称 标准地址编码 建成年代 改造户数 改造内容 总投资 开工日期 竣工日期",
      "列入年度计划的城镇老旧小区改造项目和进度。",
      share=U, office="hx-zjj-zfbz", fmt="xlsx", cycle="MONTHLY", duties=("sanding",),
      systems=(), open=OPEN, published="2022-04-01"),
    r("hx-jtj", "bridges-tunnels", "公路桥梁和隧道基础信息", "214003",
      "桥隧编码* 桥隧名称 所在路线 结构类型 长度 技术状况等级 建成年份 养护单位",
      "区管公路桥梁、隧道的基础数据和技术状况评定结果。",
      share=U, fmt="xlsx", cycle="YEARLY", duties=("glyh",), systems=(), published="2021-06-01"),
    r("hx-slj", "rural-water-supply", "农村供水工程信息", "103007",
      "工程编码* 工程名称 供水规模 受益人口数 水源类型 管理单位 水质检测结果",
      "农村集中供水工程的规模、受益人口和水质检测情况。",
      share=U, office="hx-slj-szy", fmt="xlsx", cycle="QUARTERLY", duties=("sanding",),
      systems=(), published="2021-06-01"),
    r("hx-nyncj", "family-farms", "家庭农场名录信息", "102006",
      "家庭农场编号* 农场名称 统一社会信用代码 经营者姓名 经营类型 "
      "经营面积 所属村（居） 纳入名录日期",
      "纳入名录管理的家庭农场及其经营类型和规模。",
      share=U, office="hx-nyncj-jjk", fmt="xlsx", cycle="QUARTERLY", duties=("jtzc",),
      systems=(), open=OPEN, published="2022-02-01"),
    r("hx-nyncj", "animal-quarantine", "动物检疫合格证明信息", "313003",
      "检疫证明编号* 货主名称 动物种类 数量 启运地点 到达地点 签发日期",
      "动物卫生监督机构出具的动物检疫合格证明，用于畜禽产品追溯和屠宰场入场查验。",
      share=U, office="hx-nyncj-zfdd", fmt="rest", cycle="DAILY", duties=("nyzf",), systems=(),
      published="2022-02-01"),
    r("hx-wjw", "family-doctor-contracts", "家庭医生签约服务信息", "202006",
      "签约编号* 公民身份号码* 姓名 签约团队 签约机构 签约类型 签约日期 到期日期",
      "居民与社区卫生服务中心家庭医生团队的签约记录，重点人群（老年人、慢病患者、残疾人）"
      "单独标注。",
      office="hx-wjw-yzk", fmt="rest", duties=("sanding",), systems=("qmjk",),
      conditions="限于医保、民政和残联核实重点人群签约服务，按公民身份号码查询是否签约。",
      basis="《关于推进家庭医生签约服务的指导意见》；" + PIPL, published="2022-05-01"),
    r("hx-ybj", "out-of-area-filings", "异地就医备案信息", "316002",
      "备案编号* 公民身份号码* 姓名 参保险种 备案类型 就医地 备案开始日期 备案结束日期",
      "参保人因异地长期居住、临时外出就医等办理的跨省和省内异地就医备案记录。",
      office="hx-ybj-dybz", fmt="rest", duties=("cbdj",),
      conditions="限于医保经办和医疗救助部门按公民身份号码查询。",
      basis="《中华人民共和国社会保险法》第八十一条；" + PIPL, published="2021-08-01"),
    r("hx-scjgj", "product-quality-checks", "产品质量监督抽查信息", "213002",
      "抽查编号* 企业名称 统一社会信用代码 产品名称 规格型号 抽查日期 检验结论 不合格项目",
      "工业产品质量监督抽查结果，不合格产品依法公布。",
      share=U, office="hx-scjgj-xyjd", fmt="xlsx", cycle="QUARTERLY", duties=("ssjc",),
      open=OPEN, published="2021-06-01"),
    r("hx-scjgj", "measuring-instruments", "强制检定计量器具信息", "213002",
      "器具编号* 使用单位名称 统一社会信用代码 器具名称 型号规格 检定日期 检定结论 下次检定日期",
      "贸易结算、安全防护、医疗卫生和环境监测用强制检定计量器具的检定结果。",
      share=U, office="hx-scjgj-tzsb", fmt="xlsx", cycle="MONTHLY", duties=("tzsb",),
      published="2022-03-01"),
    r("hx-fgj", "key-projects", "区级重点项目建设进度信息", "301001",
      "项目代码* 项目名称 项目单位名称 建设内容 总投资 年度计划投资 累计完成投资 形象进度 统计期",
      "年度区级重点项目的投资计划和逐月完成情况。",
      share=U, office="hx-fgj-tzk", fmt="xlsx", cycle="MONTHLY", duties=("tzxm", "zfxm"),
      published="2021-03-01"),
    r("hx-fgj", "price-monitoring", "重要民生商品价格监测数据", "206001",
      "监测点编码* 监测点名称 商品名称 规格等级 计量单位 监测日期 零售价格 环比涨跌",
      "粮油、肉禽蛋、蔬菜等重要民生商品的价格监测数据，按周发布。",
      share=U, office="hx-fgj-jgk", fmt="xlsx", cycle="WEEKLY", duties=("jgjc",), systems=(),
      open=OPEN, published="2021-03-01"),
    r("hx-swuj", "retail-enterprises", "限额以上商贸企业名录", "213001",
      "统一社会信用代码* 企业名称 行业类别 经营地址 从业人员数 上年销售额 纳入名录日期",
      "达到限额以上标准的批发、零售、住宿和餐饮企业名录，用于消费统计和促消费政策兑现。",
      share=U, office="hx-swuj-ltk", fmt="xlsx", cycle="QUARTERLY", duties=("sanding",),
      systems=(), published="2021-11-01"),
    r("hx-swj", "vehicle-purchase-tax", "车辆购置税完税信息", "307002",
      "完税证明号码* 纳税人名称 证件号码* 车辆识别代号* 厂牌型号 计税价格 应纳税额 完税日期",
      "车辆购置税的计税价格和完税记录。社会救助核对据此估算申请家庭名下车辆价值。",
      office="hx-swj-dysws", fmt="rest", duties=("sfzs",), related=("tax-payments",),
      conditions="限于机动车登记核验和社会救助家庭经济状况核对，按车辆识别代号或证件号码逐条查询。",
      basis="《中华人民共和国车辆购置税法》；《中华人民共和国税收征收管理法》第八条；" + ASSISTANCE,
      published="2022-01-01"),
    r("hx-cgs", "vehicle-inspections", "机动车安全技术检验信息", "302002001",
      "检验流水号* 号牌号码* 车辆识别代号 检验机构名称 检验日期 检验结论 检验有效期至",
      "机动车安全技术检验机构上传的检验结果和检验有效期。",
      share=U, office="hx-cgs-jdcdj", cycle="DAILY", duties=("jdcdj",),
      related=("motor-vehicles",), published="2021-10-01"),
    r("hx-cjl", "disability-rehabilitation", "残疾人康复和就业服务信息", "322002",
      "服务编号* 公民身份号码* 姓名 服务类型 服务机构 服务日期 服务结果",
      "残疾儿童康复救助、辅助器具适配和残疾人就业培训服务记录。",
      office="hx-cjl-kfjy", fmt="rest", cycle="MONTHLY", duties=("lxbt",),
      related=("disabled-persons",),
      conditions="限于民政、卫生健康和人社部门开展康复、救助和就业援助时查询。",
      basis="《中华人民共和国残疾人保障法》；《残疾人就业条例》；" + PIPL, published="2021-06-01"),
    r("hx-zfw", "dispute-cases", "矛盾纠纷排查化解信息", "210001",
      "纠纷编号* 纠纷类型 当事人数 发生地址 网格编码 排查日期 化解责任单位 化解结果 化解日期",
      "网格员和综治中心排查登记的矛盾纠纷及多元化解情况，不含当事人身份信息。",
      share=U, office="hx-zfw-zzzx", fmt="rest", duties=("wggl",), published="2021-05-01"),
    r("hx-zfw", "grid-events", "网格事件信息", "210001",
      "事件编号* 事件类型 事件描述 发生地址 网格编码 经度 纬度 上报时间 立案时间 派遣部门 "
      "处置时限 结案时间 事件状态",
      "全区网格员巡查上报和群众反映的矛盾纠纷、安全隐患和城市管理问题，立案、派遣、处置和结案"
      "的全过程。",
      share=U, office="hx-zfw-zzzx", fmt="rest", cycle="REAL_TIME", duties=("wggl",),
      published="2021-05-01"),
    r("hx-jyj", "training-institutions", "校外培训机构信息", "310002",
      "统一社会信用代码* 机构名称 办学许可证编号 培训类别 培训地址 资金监管账户 审批日期",
      "经审批登记的校外培训机构和预收费资金监管情况。",
      share=U, office="hx-jyj-jjk", fmt="xlsx", cycle="MONTHLY", duties=("mbxx",), open=OPEN,
      published="2022-03-01"),
    r("hx-cgj", "muck-trucks", "建筑垃圾运输车辆信息", "209003",
      "号牌号码* 运输企业名称 统一社会信用代码 核定载质量 准运证编号 准运路线 有效期至",
      "取得建筑垃圾准运证的运输车辆和准运路线，用于渣土车违规监测。",
      share=U, office="hx-cgj-srhw", fmt="rest", cycle="DAILY", duties=("jzlj",),
      published="2022-01-01"),
)
# fmt: on

# Where a duty's own record (duties.produces) sits in the classification.
PRODUCE_CLASS = {
    "hotline-tickets": "201003",
    "investment-project-filings": "301001",
    "school-admissions": "201001",
    "tech-enterprises": "102001",
    "hotel-licences": "302001",
    "temporary-assistance": "203001005",
    "senior-allowances": "203005",
    "legal-aid-cases": "318001",
    "subsidy-card-payments": "314002",
    "work-injury-determinations": "203002004",
    "wage-arrears-cases": "304003",
    "eia-approvals": "211002",
    "construction-permits": "209002",
    "rental-filings": "306001",
    "ride-hailing-permits": "214001",
    "water-withdrawal-permits": "103007",
    "homestead-approvals": "209004",
    "physician-registrations": "202005",
    "birth-registrations": "309003",
    "veteran-allowances": "203006",
    "disaster-relief": "315003",
    "special-equipment": "213004",
    "random-inspections": "104006",
    "medical-assistance": "203001006",
    "construction-waste-permits": "209003",
    "provident-fund-withdrawals": "203003003",
    "disability-allowances": "203007",
}

# Each organisation's node in the department tree (部门信息资源), for its generated records.
DEPARTMENT_CLASS = {
    "hx-zfb": "201003",
    "hx-bb": "102004",
    "hx-zfw": "210001",
    "hx-fgj": "301001",
    "hx-jyj": "310002",
    "hx-kgxj": "301001",
    "hx-gafj": "302004",
    "hx-mzj": "303005",
    "hx-sfj": "318003",
    "hx-czj": "314001",
    "hx-rsj": "304002",
    "hx-zrzyj": "305002",
    "hx-sthjfj": "312003",
    "hx-zjj": "306003",
    "hx-jtj": "311001",
    "hx-slj": "103007",
    "hx-nyncj": "313002",
    "hx-swuj": "213001",
    "hx-wtlj": "320001",
    "hx-wjw": "309001",
    "hx-tyjrj": "317001",
    "hx-yjj": "315001",
    "hx-sjj": "314001",
    "hx-scjgj": "308001",
    "hx-tjj": "319001",
    "hx-ybj": "316001",
    "hx-cgj": "209003",
    "hx-xzspj": "324001",
    "hx-dsjzx": "324002",
    "hx-swj": "307002",
    "hx-gjjfzx": "321001",
    "hx-cgs": "302002001",
    "hx-cjl": "322001",
    "hx-hbjd": "210002",
    "hx-xgjd": "210002",
    "hx-hsjd": "210002",
    "hx-dhjd": "210002",
}
# A few records sit better elsewhere than in their department's node.
DUTY_RECORD_CLASS = {
    ("hx-mzj", "hydj"): "303001",
    ("hx-mzj", "sydj"): "303001",
    ("hx-mzj", "shzz"): "303003",
    ("hx-mzj", "bzgl"): "303002",
    ("hx-mzj", "dbjf"): "203001001",
    ("hx-mzj", "yljg"): "303005",
    ("hx-gafj", "sfz"): "302004",
    ("hx-gafj", "crj"): "302003",
    ("hx-zrzyj", "ghxk"): "305003",
    ("hx-zrzyj", "ydxk"): "305003",
    ("hx-zrzyj", "bdccx"): "305001",
    ("hx-sthjfj", "pwxk"): "312002",
    ("hx-jyj", "mbxx"): "310002",
    ("hx-wjw", "tsjt"): "309003",
    ("hx-wjw", "yljg"): "309001",
    ("hx-scjgj", "spjy"): "308002",
    ("hx-scjgj", "tzsb"): "308003",
    ("hx-rsj", "cybt"): "304001",
    ("hx-rsj", "jydj"): "304001",
    ("hx-nyncj", "nybt"): "313002",
    ("hx-cjl", "cjrz"): "322001",
    ("hx-tyjrj", "tyaz"): "317002",
    ("hx-tyjrj", "xxcj"): "317002",
    ("hx-swj", "fpgl"): "307004",
    ("hx-swj", "swdj"): "307001",
    ("hx-cgs", "jszgl"): "302002002",
}

# Data items of a duty's record, by kind, when the duty names none of its own.
RECORD_ITEMS = {
    duty_table.LICENSING: "办件编号* 申请人名称 申请人证件号码 受理日期 审批结果 许可证编号 "
    "许可决定日期 有效期至 承办机构",
    duty_table.CONFIRMATION: "办件编号* 申请人名称 申请人证件号码 确认事项 受理日期 办结日期 "
    "确认结果 承办机构",
    duty_table.PAYMENT: "给付编号* 给付对象姓名 给付对象公民身份号码 给付项目 给付标准 发放年月 "
    "发放金额 发放方式",
    duty_table.PUBLIC_SERVICE: "服务编号* 服务对象名称 服务对象证件号码 服务内容 申请日期 办结日期 "
    "办理结果",
    duty_table.INSPECTION: "检查编号* 检查对象名称 统一社会信用代码 检查事项 检查日期 检查结果 "
    "处理措施 检查人员",
    duty_table.OTHER_POWER: "办件编号* 相对人名称 相对人证件号码 事项内容 受理日期 办结日期 "
    "办理结果",
}
RECORD_WORDS = {
    duty_table.LICENSING: ("审批信息", "受理、审查和许可决定的记录"),
    duty_table.CONFIRMATION: ("办件信息", "受理、审查和确认结果的记录"),
    duty_table.PAYMENT: ("发放信息", "给付对象、标准和逐月发放的记录"),
    duty_table.PUBLIC_SERVICE: ("服务记录", "申请、受理和办结的服务记录"),
    duty_table.INSPECTION: ("检查信息", "检查对象、检查结果和处理措施的记录"),
    duty_table.OTHER_POWER: ("办件信息", "受理和办结的记录"),
}


def duty_records(covered: set[tuple[str, str]]) -> Iterator[ResourceRow]:
    """The record each listed duty leaves: its own ``produces`` row when it has one, else — for
    duties of a kind that leaves case records and that no other row serves — one by kind."""
    for org, rows in duty_table.DUTIES.items():
        dept = department(org)
        for duty in rows:
            if duty.produces:
                resource_id, title, items = duty.produces
                personal = any(word in items for word in ("姓名", "身份号码", "证件号码"))
                yield ResourceRow(
                    org,
                    resource_id,
                    title,
                    PRODUCE_CLASS[resource_id],
                    items,
                    f"{dept.name}办理“{duty.name}”形成的业务记录。{_record_scope(duty)}",
                    share=C if personal else U,
                    office=duty.office,
                    fmt="rest" if personal else "xlsx",
                    cycle="DAILY" if personal else "MONTHLY",
                    duties=(duty.id,),
                    open=CLOSED if personal else OPEN,
                )
                continue
            if (org, duty.id) in covered or duty.kind not in RECORD_ITEMS:
                continue
            suffix, scope = RECORD_WORDS[duty.kind]
            name = duty.name.removesuffix("发放") if suffix == "发放信息" else duty.name
            if name.endswith(("审批", "许可", "核发", "登记", "认定", "备案", "确认")):
                suffix = "信息"
            yield ResourceRow(
                org,
                f"{org.removeprefix('hx-')}-{duty.id}-records",
                f"{name}{suffix}",
                DUTY_RECORD_CLASS.get((org, duty.id), DEPARTMENT_CLASS[org]),
                RECORD_ITEMS[duty.kind],
                f"{dept.short}办理“{duty.name}”事项的{scope}，由业务系统在办结时自动归集。",
                share=C,
                office=duty.office,
                fmt="mysql",
                cycle="DAILY",
                duties=(duty.id,),
            )


def _record_scope(duty: duty_table.DutyRow) -> str:
    if duty.description:
        return duty.description
    return f"设定依据：{duty.basis}。"


# -- 双公示: licensing and penalty decisions for the credit platform ---------------------------

PERMIT_ITEMS = (
    "行政许可决定文书号* 行政相对人名称 行政相对人类别 行政相对人代码* 法定代表人 许可类别 "
    "许可证书名称 许可编号 许可内容 许可决定日期 有效期自 有效期至 许可机关 "
    "许可机关统一社会信用代码"
)
PENALTY_ITEMS = (
    "行政处罚决定书文号* 行政相对人名称 行政相对人类别 行政相对人代码* 法定代表人 违法行为类型 "
    "违法事实 处罚依据 处罚类别 处罚内容 罚没款金额 处罚决定日期 公示截止日期 处罚机关 "
    "处罚机关统一社会信用代码"
)
CREDIT_BASIS = (
    "《国务院办公厅关于运用大数据加强对市场主体服务和监管的若干意见》（国办发〔2015〕51号）；"
    "《关于进一步完善“信用中国”网站及地方信用门户网站行政处罚信息信用修复机制的通知》"
)
ALREADY_PUBLISHED = {("hx-scjgj", duty_table.PENALTY)}  # administrative-penalties, above


def credit_disclosures() -> Iterator[ResourceRow]:
    """Each department's licensing and penalty decisions (“双公示”), one resource per kind."""
    for dept in DEPARTMENTS:
        rows = duty_table.DUTIES.get(dept.id, ())
        for kind, suffix, cls, items in (
            (duty_table.LICENSING, "permits", "104003", PERMIT_ITEMS),
            (duty_table.PENALTY, "penalties", "104001", PENALTY_ITEMS),
        ):
            served = tuple(d for d in rows if d.kind == kind)
            if not served or (dept.id, kind) in ALREADY_PUBLISHED:
                continue
            what = "行政许可" if kind == duty_table.LICENSING else "行政处罚"
            matters = "、".join(f"“{d.name}”" for d in served)
            if kind == duty_table.LICENSING:
                terms: dict[str, object] = {"share": U, "open": OPEN}
            else:
                terms = {
                    "share": C,
                    "open": OPEN_IF,
                    "open_conditions": "按“双公示”规定向社会公示，自然人的证件号码不予公示，"
                    "公示期满或信用修复后撤下。",
                    "conditions": "自然人行政相对人的证件号码仅向履行信用监管和联合惩戒职责的部门"
                    "提供；其余信息项无条件共享。",
                    "basis": CREDIT_BASIS + "；" + PIPL,
                }
            yield ResourceRow(
                dept.id,
                f"{dept.id.removeprefix('hx-')}-{suffix}",
                f"{dept.short}{what}信息",
                cls,
                items,
                f"{dept.name}作出的{what}决定，按“双公示”要求自作出决定之日起7个工作日内归集到"
                f"公共信用信息平台。涉及事项：{matters}。",
                fmt="rest",
                duties=tuple(d.id for d in served),
                production="业务系统办结后自动推送公共信用信息平台",
                **terms,  # type: ignore[arg-type]
            )


# -- 电子证照 ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Licence:
    """A licence type an issuer signs as an electronic licence."""

    org: str
    id: str
    name: str
    cls: str
    duty: str
    holder_is_person: bool
    face: str  # data items printed on the licence (照面信息)


LICENCES: tuple[Licence, ...] = (
    Licence(
        "hx-scjgj",
        "business-licence-e",
        "营业执照",
        "105003",
        "qydj",
        False,
        "名称 类型 法定代表人 注册资本 成立日期 住所 经营范围",
    ),
    Licence(
        "hx-mzj",
        "marriage-certificate-e",
        "结婚证",
        "105004",
        "hydj",
        True,
        "男方姓名 男方公民身份号码 女方姓名 女方公民身份号码 登记日期",
    ),
    Licence(
        "hx-mzj",
        "divorce-certificate-e",
        "离婚证",
        "105004",
        "hydj",
        True,
        "男方姓名 男方公民身份号码 女方姓名 女方公民身份号码 登记日期",
    ),
    Licence(
        "hx-cgs",
        "driving-licence-e",
        "机动车驾驶证",
        "105005",
        "jszgl",
        True,
        "准驾车型 初次领证日期 有效期至",
    ),
    Licence(
        "hx-cgs",
        "vehicle-licence-e",
        "机动车行驶证",
        "105006",
        "jdcdj",
        True,
        "号牌号码 车辆类型 品牌型号 车辆识别代号 注册日期",
    ),
    Licence(
        "hx-wjw",
        "birth-certificate-e",
        "出生医学证明",
        "105007",
        "csyx",
        True,
        "新生儿姓名 新生儿性别 出生日期时间 出生地点 母亲姓名 父亲姓名",
    ),
    Licence(
        "hx-cjl",
        "disability-card-e",
        "中华人民共和国残疾人证",
        "105008",
        "cjrz",
        True,
        "残疾类别 残疾等级 监护人姓名",
    ),
    Licence(
        "hx-rsj",
        "social-security-card-e",
        "电子社会保障卡",
        "105009",
        "sbdj",
        True,
        "社会保障卡号 签发日期",
    ),
    Licence(
        "hx-gafj",
        "household-register-e",
        "居民户口簿",
        "105010",
        "hkdj",
        True,
        "户号 户别 户主姓名 住址 与户主关系",
    ),
    Licence(
        "hx-gafj",
        "id-card-e",
        "居民身份证（电子证照）",
        "105002",
        "sfz",
        True,
        "性别 民族 出生日期 住址 签发机关",
    ),
    Licence(
        "hx-scjgj",
        "food-licence-e",
        "食品经营许可证",
        "204001",
        "spjy",
        False,
        "经营者名称 经营场所 主体业态 经营项目",
    ),
    Licence(
        "hx-zjj",
        "construction-permit-e",
        "建筑工程施工许可证",
        "209002",
        "sgxk",
        False,
        "工程名称 建设地址 建设规模 合同价格 施工单位",
    ),
    Licence(
        "hx-zrzyj",
        "planning-permit-e",
        "建设工程规划许可证",
        "305003",
        "ghxk",
        False,
        "建设项目名称 建设位置 建设规模 附图及附件名称",
    ),
    Licence(
        "hx-jtj",
        "transport-permit-e",
        "道路运输经营许可证",
        "214001",
        "dlys",
        False,
        "业户名称 经营范围 经营许可证号",
    ),
    Licence(
        "hx-wjw",
        "medical-licence-e",
        "医疗机构执业许可证",
        "202001",
        "yljg",
        False,
        "机构名称 诊疗科目 床位数 地址",
    ),
    Licence(
        "hx-sthjfj",
        "discharge-permit-e",
        "排污许可证",
        "211004",
        "pwxk",
        False,
        "单位名称 行业类别 生产经营场所地址 主要污染物类别",
    ),
    Licence(
        "hx-mzj",
        "social-group-certificate-e",
        "社会团体法人登记证书",
        "102003",
        "shzz",
        False,
        "名称 住所 法定代表人 业务范围 业务主管单位 活动地域 注册资金",
    ),
    Licence(
        "hx-mzj",
        "non-profit-certificate-e",
        "民办非企业单位（法人）登记证书",
        "102003",
        "shzz",
        False,
        "名称 住所 法定代表人 业务范围 业务主管单位 开办资金",
    ),
    Licence(
        "hx-bb",
        "public-institution-certificate-e",
        "事业单位法人证书",
        "102004",
        "sydj",
        False,
        "名称 宗旨和业务范围 住所 法定代表人 开办资金 经费来源 举办单位",
    ),
    Licence(
        "hx-gafj",
        "hotel-licence-e",
        "特种行业许可证（旅馆业）",
        "302001",
        "lgdj",
        False,
        "名称 地址 法定代表人 房间数 床位数",
    ),
    Licence(
        "hx-scjgj",
        "special-equipment-e",
        "特种设备使用登记证",
        "213004",
        "tzsb",
        False,
        "使用单位名称 设备种类 设备类别 设备品种 设备代码 单位内编号",
    ),
    Licence(
        "hx-slj",
        "water-permit-e",
        "取水许可证",
        "103007",
        "qsxk",
        False,
        "取水权人名称 取水地点 取水方式 取水量 水源类型 取水用途",
    ),
    Licence(
        "hx-wtlj",
        "entertainment-licence-e",
        "娱乐经营许可证",
        "320001",
        "ylcs",
        False,
        "单位名称 经营场所地址 经营范围 经营面积 法定代表人",
    ),
    Licence(
        "hx-wtlj",
        "internet-cafe-licence-e",
        "网络文化经营许可证",
        "320001",
        "wbxk",
        False,
        "单位名称 经营场所地址 经营范围 计算机台数 法定代表人",
    ),
    Licence(
        "hx-yjj",
        "chemicals-licence-e",
        "危险化学品经营许可证",
        "205002",
        "whxk",
        False,
        "企业名称 注册地址 法定代表人 经营方式 许可范围",
    ),
    Licence(
        "hx-wjw",
        "physician-certificate-e",
        "医师执业证书",
        "202005",
        "yszc",
        True,
        "执业类别 执业范围 执业地点 主要执业机构",
    ),
    Licence(
        "hx-jyj",
        "teacher-certificate-e",
        "教师资格证书",
        "310002",
        "jszg",
        True,
        "资格种类 任教学科 认定机构",
    ),
    Licence(
        "hx-jtj",
        "ride-hailing-driver-e",
        "网络预约出租汽车驾驶员证",
        "214001",
        "wyc",
        True,
        "准驾车型 服务单位 有效期至",
    ),
    Licence(
        "hx-zrzyj",
        "land-use-permit-e",
        "建设用地规划许可证",
        "305003",
        "ydxk",
        False,
        "项目名称 用地位置 用地性质 用地面积 建设规模",
    ),
    Licence(
        "hx-cgj",
        "waste-disposal-permit-e",
        "城市建筑垃圾处置核准文件",
        "209003",
        "jzlj",
        False,
        "工程名称 处置场所 运输单位 处置量",
    ),
    Licence(
        "hx-nyncj",
        "homestead-permit-e",
        "农村宅基地批准书",
        "209004",
        "zjd",
        True,
        "宅基地坐落 批准面积 建筑面积 四至",
    ),
)


def e_licences() -> Iterator[ResourceRow]:
    """One resource per licence type: the signed OFD file and its face data (照面信息)."""
    for licence in LICENCES:
        dept = department(licence.org)
        holder = (
            "持证人姓名 持证人公民身份号码*"
            if licence.holder_is_person
            else "持证单位名称 持证单位统一社会信用代码*"
        )
        yield ResourceRow(
            licence.org,
            licence.id,
            f"{licence.name}电子证照",
            licence.cls,
            f"证照编号* {holder} {licence.face} 发证机关 发证日期 证照状态 证照文件",
            f"{dept.name}签发的{licence.name}电子证照（OFD 版式文件及照面信息），加盖电子印章后"
            "归集到区电子证照库，供政务服务“免提交”和亮证使用。",
            fmt="ofd",
            cycle="REAL_TIME",
            duties=(licence.duty,),
            conditions="办理政务服务事项时经持证人授权调用，调用记录向持证人公开；核验真伪不需"
            "授权。",
            basis=ONLINE_SERVICE + "第十条；《全国一体化在线政务服务平台电子证照共享服务规定》",
            production="业务系统办结时制证，经电子印章签章后归集到电子证照库",
        )


# -- statistics --------------------------------------------------------------------------------

STATISTICS_ITEMS = "统计期* 行政区划代码 指标名称 指标值 计量单位 同比增长"
# (id, title, cycle, what it covers)
BUREAU_STATISTICS = (
    ("gdp", "地区生产总值（GDP）统计数据", "QUARTERLY", "分行业增加值、三次产业构成和增速"),
    (
        "industry",
        "规模以上工业统计数据",
        "MONTHLY",
        "规模以上工业增加值、产值、主要产品产量和企业数",
    ),
    (
        "investment",
        "固定资产投资统计数据",
        "MONTHLY",
        "分行业、分领域固定资产投资和重点项目完成情况",
    ),
    ("retail", "社会消费品零售总额统计数据", "MONTHLY", "限额以上批发零售、住宿餐饮企业零售额"),
    (
        "income",
        "城乡居民人均可支配收入统计数据",
        "QUARTERLY",
        "城镇和农村居民人均可支配收入和消费支出",
    ),
    ("population", "常住人口统计数据", "YEARLY", "年末常住人口、出生率、死亡率和城镇化率"),
    ("services", "规模以上服务业统计数据", "QUARTERLY", "规模以上服务业营业收入和企业数"),
    ("real-estate", "房地产开发统计数据", "MONTHLY", "房地产开发投资、商品房施工面积和销售面积"),
    (
        "census-2020",
        "第七次全国人口普查主要数据",
        "IRREGULAR",
        "分街道人口、年龄、受教育程度和住房",
    ),
    (
        "enterprise-census",
        "第五次全国经济普查主要数据",
        "IRREGULAR",
        "法人单位、产业活动单位和从业人员",
    ),
)
# Departments' own statistical returns (部门统计年报): org -> subject
DEPARTMENT_STATISTICS = {
    "hx-jyj": "教育事业统计",
    "hx-mzj": "民政事业统计",
    "hx-wjw": "卫生健康统计",
    "hx-rsj": "人力资源和社会保障事业统计",
    "hx-jtj": "交通运输统计",
    "hx-wtlj": "文化和旅游统计",
    "hx-scjgj": "市场主体发展统计",
    "hx-zjj": "房地产市场和建筑业统计",
    "hx-nyncj": "农业农村统计",
    "hx-yjj": "安全生产统计",
    "hx-swj": "税收收入统计",
    "hx-czj": "一般公共预算收支统计",
    "hx-gjjfzx": "住房公积金业务统计",
    "hx-ybj": "医疗保障事业统计",
}


def statistics() -> Iterator[ResourceRow]:
    """The statistics bureau's datasets and each department's statistical return."""
    for key, title, cycle, covers in BUREAU_STATISTICS:
        yield ResourceRow(
            "hx-tjj",
            f"stats-{key}",
            f"海新区{title}",
            "319002" if "普查" in title else "319001",
            STATISTICS_ITEMS,
            f"区统计局发布的{title}：{covers}。经审核后按统计发布日历公开。",
            share=U,
            office="hx-tjj-pczx" if "普查" in title else "hx-tjj-zhk",
            fmt="xlsx",
            cycle=cycle,
            duties=("tjdc",),
            open=OPEN,
            production="统计调查取得，经审核汇总后发布",
        )
    for org, subject in DEPARTMENT_STATISTICS.items():
        dept = department(org)
        yield ResourceRow(
            org,
            f"{org.removeprefix('hx-')}-statistics",
            f"海新区{subject}数据",
            DEPARTMENT_CLASS[org],
            STATISTICS_ITEMS,
            f"{dept.short}按部门统计调查制度报送的{subject}年报和季报汇总数据。",
            share=U,
            fmt="xlsx",
            cycle="QUARTERLY",
            duties=("sanding",),
            open=OPEN,
            production="部门统计报表汇总",
        )


# -- sub-district ledgers (街道台账) ----------------------------------------------------------

# (id suffix, title suffix, classification, items, abstract, share, duties)
STREET_LEDGERS = (
    (
        "communities",
        "社区（村）基本信息",
        "210003",
        "社区代码* 社区名称 社区党组织书记姓名 联系电话 户籍人口数 常住人口数 辖区面积 网格数量",
        "辖区社区（村）的人口、面积和网格配置。",
        U,
        ("wgxx",),
    ),
    (
        "grid-staff",
        "网格员信息",
        "210001",
        "网格编码* 网格名称 网格员姓名 网格员联系电话 所属社区 上岗日期",
        "专职网格员配备和联系方式。",
        C,
        ("wgxx",),
    ),
    (
        "assistance-intake",
        "社会救助申请受理台账",
        "203001001",
        "受理编号* 户主姓名 户主公民身份号码* 申请救助类型 保障类别 家庭人口数 保障人数 月保障金额 "
        "户籍所在地 所属社区 入户调查日期 民主评议结果 审批日期 保障状态",
        "街道受理的低保、特困和临时救助申请，入户调查、民主评议和初审意见，以及审批后的保障名册。",
        C,
        ("jzsl", "tksl", "lssp"),
    ),
    (
        "rental-ledger",
        "出租房屋和流动人口登记台账",
        "210001",
        "房屋地址* 标准地址编码 出租人姓名 出租人证件号码 承租人姓名 承租人证件号码 居住人数 "
        "网格编码 登记日期",
        "网格员入户采集的出租房屋、承租人和实际居住人数。",
        C,
        ("wgxx",),
    ),
    (
        "grid-events",
        "网格事件信息",
        "210001",
        "事件编号* 事件类型 事件描述 发生地址 网格编码 经度 纬度 上报时间 立案时间 派遣部门 "
        "处置时限 结案时间 事件状态",
        "网格员巡查上报的矛盾纠纷、安全隐患和城市管理问题的处置过程。",
        U,
        ("wgxx",),
    ),
    (
        "lonely-elderly",
        "独居和空巢老人关爱台账",
        "203005",
        "公民身份号码* 姓名 年龄段 居住地址 紧急联系人姓名 紧急联系人电话 探访频次 末次探访日期",
        "社区网格员和志愿者定期探访的独居、空巢老人名单。",
        C,
        ("jzsl",),
    ),
)
STREET_SYSTEMS = {
    ("hx-hbjd", "jzsl"): ("dbsp",),
    ("hx-hbjd", "wgxx"): ("wgapp",),
    ("hx-xgjd", "jzsl"): ("sqfw",),
    ("hx-xgjd", "wgxx"): ("sqfw",),
}


def street_ledgers() -> Iterator[ResourceRow]:
    """Each sub-district's ledgers: the data a 街道 keeps beside the departments' systems."""
    for org in STREETS:
        dept = department(org)
        for key, title, cls, items, abstract, share, served in STREET_LEDGERS:
            terms: dict[str, object] = {}
            if share == C:
                terms = {
                    "conditions": f"限于{dept.short}及对口区级部门开展救助帮扶、网格服务和"
                    "应急联络，按公民身份号码或地址查询，不得公开。",
                    "basis": "《滨海市网格化服务管理办法》；" + PIPL,
                }
            yield ResourceRow(
                org,
                f"{org.removeprefix('hx-')}-{key}",
                f"{dept.short}{title}",
                cls,
                items,
                f"{dept.name}的{title}：{abstract}",
                share=share,
                office=f"{org}-{'shsw' if served[0] == 'jzsl' else 'zzzx'}",
                fmt="xlsx" if share == U else "mysql",
                cycle="MONTHLY" if share == U else "WEEKLY",
                duties=served,
                systems=STREET_SYSTEMS.get((org, served[0]), ()),  # the others keep spreadsheets
                **terms,  # type: ignore[arg-type]
            )


def all_rows() -> list[ResourceRow]:
    """Every resource of the district, hand-written rows first, then the families."""
    rows = list(RESOURCES)
    # A duty's case records are its own resource even when its decisions also go to the credit
    # platform or its licences to the licence library: only a hand-written row replaces them.
    ledgers = list(street_ledgers())
    covered = {(row.org, duty) for row in [*rows, *ledgers] for duty in row.duties}
    records = list(duty_records(covered))
    families = [*credit_disclosures(), *e_licences(), *statistics(), *ledgers]
    return [*rows, *records, *families]
