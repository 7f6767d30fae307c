"""Duties (职责/事项) of each department, from its list of powers and responsibilities (权责清单).

Every department also gets one RESPONSIBILITY duty made by ``generate`` from its mission (the
"三定" regulation), id ``sanding``. The rows below are the listed items: licensing (行政许可),
penalty (行政处罚), payment (行政给付), confirmation (行政确认), inspection (行政检查), public
service (公共服务) and the rest, each with the office that handles it and its legal basis.
``produces`` names the record the handling of the item leaves behind (办件信息), when the
department catalogues it as a resource of its own (see ``resources.duty_records``).
"""

from __future__ import annotations

from dataclasses import dataclass

# Kinds, as the lists of powers name them (gov.catalog.v1.DutyKind).
RESPONSIBILITY = "DUTY_KIND_RESPONSIBILITY"
LICENSING = "DUTY_KIND_ADMINISTRATIVE_LICENSING"
PENALTY = "DUTY_KIND_ADMINISTRATIVE_PENALTY"
ENFORCEMENT = "DUTY_KIND_ADMINISTRATIVE_ENFORCEMENT"
LEVY = "DUTY_KIND_ADMINISTRATIVE_LEVY"
PAYMENT = "DUTY_KIND_ADMINISTRATIVE_PAYMENT"
INSPECTION = "DUTY_KIND_ADMINISTRATIVE_INSPECTION"
CONFIRMATION = "DUTY_KIND_ADMINISTRATIVE_CONFIRMATION"
REWARD = "DUTY_KIND_ADMINISTRATIVE_REWARD"
ADJUDICATION = "DUTY_KIND_ADMINISTRATIVE_ADJUDICATION"
OTHER_POWER = "DUTY_KIND_OTHER_POWER"
PUBLIC_SERVICE = "DUTY_KIND_PUBLIC_SERVICE"

# The letters local lists put in front of an item's number.
KIND_LETTERS = {
    RESPONSIBILITY: "ZZ",
    LICENSING: "XK",
    PENALTY: "CF",
    ENFORCEMENT: "QZ",
    LEVY: "ZS",
    PAYMENT: "JF",
    INSPECTION: "JC",
    CONFIRMATION: "QR",
    REWARD: "JL",
    ADJUDICATION: "CJ",
    OTHER_POWER: "QT",
    PUBLIC_SERVICE: "GG",
}

SANDING = "sanding"  # id of the responsibility duty every department gets


@dataclass(frozen=True)
class DutyRow:
    """One item of a department's list of powers and responsibilities."""

    id: str
    name: str
    kind: str
    office: str  # internal office id that handles it (承办机构), "" for the department itself
    basis: str  # 设定依据
    description: str = ""
    produces: tuple[str, ...] = ()  # (resource id, title, data items) of its record
    # The same matter as another organisation's item (org id, duty id): a sub-district handles
    # part of a department's item and lists it under the department's item code (事项编码).
    same_as: tuple[str, str] | None = None


def d(
    id: str,  # noqa: A002 - the table's column is the duty id
    name: str,
    kind: str,
    office: str,
    basis: str,
    description: str = "",
    produces: tuple[str, ...] = (),
    same_as: tuple[str, str] | None = None,
) -> DutyRow:
    return DutyRow(id, name, kind, office, basis, description, produces, same_as)


DUTIES: dict[str, tuple[DutyRow, ...]] = {
    "hx-zfb": (
        d(
            "zwdc",
            "区政府重点工作和领导批示事项督查督办",
            OTHER_POWER,
            "hx-zfb-dck",
            "《政府督查工作条例》（国务院令第738号）",
        ),
        d(
            "rxbl",
            "12345政务服务便民热线诉求受理和转办",
            PUBLIC_SERVICE,
            "hx-zfb-rxzx",
            "《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》（国办发〔2020〕53号）",
            "受理企业和群众通过热线、网站、小程序提出的咨询、求助、投诉、举报和建议，"
            "按职责转办、督办并回访。",
            (
                "hotline-tickets",
                "12345热线诉求工单信息",
                "诉求编号* 来电人姓名 联系电话 诉求类型 "
                "诉求内容 诉求地址 承办单位 受理时间 办结时间 办理结果 满意度评价",
            ),
        ),
        d(
            "zwgk",
            "政府信息公开申请办理",
            PUBLIC_SERVICE,
            "",
            "《中华人民共和国政府信息公开条例》",
        ),
    ),
    "hx-bb": (
        d(
            "sydj",
            "事业单位法人设立、变更、注销登记",
            CONFIRMATION,
            "hx-bb-sydj",
            "《事业单位登记管理暂行条例》；《事业单位登记管理暂行条例实施细则》",
        ),
        d(
            "jgbz",
            "机关、群团统一社会信用代码赋码",
            OTHER_POWER,
            "",
            "《国务院关于批转发展改革委等部门法人和其他组织统一社会信用代码制度建设总体方案的通知》"
            "（国发〔2015〕33号）",
        ),
    ),
    "hx-zfw": (
        d(
            "wggl",
            "网格化服务管理和矛盾纠纷排查化解",
            OTHER_POWER,
            "hx-zfw-zzzx",
            "《中共中央 国务院关于加强基层治理体系和治理能力现代化建设的意见》；"
            "《滨海市网格化服务管理办法》",
            "组织网格员采集人、地、事、物、情、组织等基础信息，排查上报矛盾纠纷和"
            "安全隐患，分流处置并跟踪反馈。",
        ),
    ),
    "hx-fgj": (
        d(
            "tzxm",
            "企业投资项目备案",
            OTHER_POWER,
            "hx-fgj-tzk",
            "《企业投资项目核准和备案管理条例》（国务院令第673号）",
            produces=(
                "investment-project-filings",
                "企业投资项目备案信息",
                "项目代码* 项目名称 项目单位名称 统一社会信用代码 建设地点 "
                "建设规模及内容 总投资 备案日期",
            ),
        ),
        d(
            "zfxm",
            "政府投资项目审批（项目建议书、可行性研究报告、初步设计）",
            LICENSING,
            "hx-fgj-tzk",
            "《政府投资条例》（国务院令第712号）",
        ),
        d(
            "xyxf",
            "公共信用信息归集、信用修复和联合奖惩",
            OTHER_POWER,
            "hx-fgj-xyk",
            "《社会信用体系建设规划纲要（2014—2020年）》；《滨海市公共信用信息管理办法》",
        ),
        d(
            "jgjc",
            "价格监督检查和价格认定",
            CONFIRMATION,
            "hx-fgj-jgk",
            "《中华人民共和国价格法》；《价格认定规定》",
        ),
    ),
    "hx-jyj": (
        d(
            "mbxx",
            "民办学校（幼儿园）设立、分立、合并、终止审批",
            LICENSING,
            "hx-jyj-jjk",
            "《中华人民共和国民办教育促进法》第十二条",
        ),
        d(
            "zxs",
            "义务教育招生入学（含随迁子女入学）",
            PUBLIC_SERVICE,
            "hx-jyj-jjk",
            "《中华人民共和国义务教育法》第十二条",
            produces=(
                "school-admissions",
                "义务教育招生入学信息",
                "报名编号* 学生姓名 学生公民身份号码 监护人姓名 监护人公民身份号码 "
                "户籍地址 居住地址 报名类别 录取学校 录取日期",
            ),
        ),
        d(
            "xszz",
            "家庭经济困难学生资助",
            PAYMENT,
            "hx-jyj-zzzx",
            "《学生资助资金管理办法》（财教〔2021〕310号）",
        ),
        d(
            "jszg",
            "中小学教师资格认定",
            CONFIRMATION,
            "hx-jyj-jjk",
            "《教师资格条例》；《〈教师资格条例〉实施办法》",
        ),
    ),
    "hx-kgxj": (
        d(
            "zxqy",
            "中小企业公共服务和专精特新企业培育",
            PUBLIC_SERVICE,
            "hx-kgxj-gyk",
            "《中华人民共和国中小企业促进法》",
        ),
        d(
            "gxqy",
            "高新技术企业和科技型中小企业认定推荐",
            OTHER_POWER,
            "hx-kgxj-kjk",
            "《高新技术企业认定管理办法》（国科发火〔2016〕32号）",
            produces=(
                "tech-enterprises",
                "科技型企业认定信息",
                "统一社会信用代码* 企业名称 认定类别 证书编号 认定年度 有效期至 研发投入",
            ),
        ),
        d(
            "jgxm",
            "工业企业技术改造项目备案",
            OTHER_POWER,
            "hx-kgxj-gyk",
            "《企业投资项目核准和备案管理条例》（国务院令第673号）",
        ),
    ),
    "hx-gafj": (
        d(
            "hkdj",
            "户口登记（出生、死亡、迁移、变更更正）",
            CONFIRMATION,
            "hx-gafj-hzdd",
            "《中华人民共和国户口登记条例》",
        ),
        d(
            "sfz",
            "居民身份证申领、换领、补领",
            CONFIRMATION,
            "hx-gafj-hzdd",
            "《中华人民共和国居民身份证法》",
        ),
        d(
            "jzz",
            "居住登记和居住证核发",
            PUBLIC_SERVICE,
            "hx-gafj-hzdd",
            "《居住证暂行条例》（国务院令第663号）",
        ),
        d(
            "zacf",
            "违反治安管理行为处罚",
            PENALTY,
            "hx-gafj-zadd",
            "《中华人民共和国治安管理处罚法》",
        ),
        d(
            "lgdj",
            "旅馆业特种行业许可证核发",
            LICENSING,
            "hx-gafj-zadd",
            "《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）第三十八项",
            produces=(
                "hotel-licences",
                "旅馆业特种行业许可信息",
                "许可证编号* 旅馆名称 统一社会信用代码 法定代表人 经营地址 房间数 "
                "床位数 发证日期 有效期至",
            ),
        ),
        d(
            "crj",
            "普通护照和往来港澳通行证签发",
            LICENSING,
            "hx-gafj-crj",
            "《中华人民共和国出境入境管理法》；《中华人民共和国护照法》",
        ),
    ),
    "hx-mzj": (
        d(
            "dbrd",
            "最低生活保障对象认定",
            CONFIRMATION,
            "hx-mzj-shjzk",
            "《社会救助暂行办法》（国务院令第649号）第九条至第十三条",
            "对申请低保的家庭进行收入、财产核查和入户调查，确认保障对象并按月发放保障金。",
        ),
        d(
            "dbjf",
            "最低生活保障金给付",
            PAYMENT,
            "hx-mzj-shjzk",
            "《社会救助暂行办法》（国务院令第649号）第九条",
        ),
        d(
            "tkrd",
            "特困人员认定和救助供养",
            PAYMENT,
            "hx-mzj-shjzk",
            "《社会救助暂行办法》（国务院令第649号）第十四条至第二十条；《特困人员认定办法》",
        ),
        d(
            "lsjz",
            "临时救助",
            PAYMENT,
            "hx-mzj-shjzk",
            "《社会救助暂行办法》（国务院令第649号）第四十七条至第五十一条",
            produces=(
                "temporary-assistance",
                "临时救助对象信息",
                "救助编号* 申请人姓名 申请人公民身份号码 困难类型 救助方式 "
                "救助金额 审批日期 所属街道（乡镇）",
            ),
        ),
        d(
            "jjhd",
            "居民家庭经济状况核对",
            OTHER_POWER,
            "hx-mzj-hdzx",
            "《社会救助暂行办法》（国务院令第649号）第六十条、第六十一条；"
            "《滨海市居民家庭经济状况核对办法》",
            "受理社会救助、住房保障等部门委托，经申请人授权后向公安、不动产、车辆、公积金、"
            "税务、社保、市场监管和金融机构查询家庭成员收入和财产，出具核对报告。",
        ),
        d(
            "hydj",
            "内地居民婚姻登记",
            CONFIRMATION,
            "hx-mzj-hydj",
            "《婚姻登记条例》",
        ),
        d(
            "sydj",
            "收养登记",
            CONFIRMATION,
            "hx-mzj-hydj",
            "《中华人民共和国民法典》第一千一百零五条",
        ),
        d(
            "shzz",
            "社会团体、民办非企业单位成立、变更、注销登记",
            LICENSING,
            "hx-mzj-shzz",
            "《社会团体登记管理条例》；《民办非企业单位登记管理暂行条例》",
        ),
        d(
            "gnbt",
            "高龄津贴发放",
            PAYMENT,
            "hx-mzj-ylfw",
            "《中华人民共和国老年人权益保障法》；《滨海市高龄津贴发放办法》",
            produces=(
                "senior-allowances",
                "高龄津贴发放信息",
                "公民身份号码* 姓名 出生日期 年龄段 津贴标准 发放年月 发放金额 所属街道（乡镇）",
            ),
        ),
        d(
            "yljg",
            "养老机构备案和监督检查",
            INSPECTION,
            "hx-mzj-ylfw",
            "《中华人民共和国老年人权益保障法》第四十三条；《养老机构管理办法》（民政部令第66号）",
        ),
        d(
            "bzgl",
            "殡葬服务和火化管理",
            PUBLIC_SERVICE,
            "hx-mzj-sssw",
            "《殡葬管理条例》",
        ),
    ),
    "hx-sfj": (
        d(
            "zfjd",
            "行政执法监督和行政执法证件管理",
            INSPECTION,
            "hx-sfj-zfjd",
            "《滨海市行政执法监督条例》",
        ),
        d(
            "sqjz",
            "社区矫正对象监督管理",
            OTHER_POWER,
            "hx-sfj-sqjz",
            "《中华人民共和国社区矫正法》",
        ),
        d(
            "flyz",
            "法律援助申请审查",
            PUBLIC_SERVICE,
            "hx-sfj-flyz",
            "《中华人民共和国法律援助法》",
            produces=(
                "legal-aid-cases",
                "法律援助案件信息",
                "案件编号* 受援人姓名 受援人公民身份号码 案件类型 经济困难情况 "
                "承办律师 指派日期 结案日期",
            ),
        ),
        d(
            "rmtj",
            "人民调解工作指导",
            PUBLIC_SERVICE,
            "",
            "《中华人民共和国人民调解法》",
        ),
    ),
    "hx-czj": (
        d(
            "hmbt",
            "惠民惠农财政补贴资金“一卡通”发放",
            PAYMENT,
            "hx-czj-sbk",
            "《关于进一步加强惠民惠农财政补贴资金“一卡通”管理的指导意见》（财农〔2019〕96号）",
            produces=(
                "subsidy-card-payments",
                "惠民惠农补贴“一卡通”发放信息",
                "发放批次号* 补贴项目 补贴对象姓名 补贴对象公民身份号码 社会保障卡号 "
                "发放金额 发放日期 主管部门",
            ),
        ),
        d(
            "yszx",
            "部门预算编制和执行管理",
            RESPONSIBILITY,
            "hx-czj-ysk",
            "《中华人民共和国预算法》",
        ),
        d(
            "cgjd",
            "政府采购活动监督检查和投诉处理",
            INSPECTION,
            "hx-czj-cgk",
            "《中华人民共和国政府采购法》；《政府采购质疑和投诉办法》（财政部令第94号）",
        ),
    ),
    "hx-rsj": (
        d(
            "sbdj",
            "社会保险登记和参保缴费核定",
            CONFIRMATION,
            "hx-rsj-sbzx",
            "《中华人民共和国社会保险法》第五十七条、第五十八条",
        ),
        d(
            "yldy",
            "基本养老保险待遇核定和支付",
            PAYMENT,
            "hx-rsj-sbzx",
            "《中华人民共和国社会保险法》第十六条",
        ),
        d(
            "syj",
            "失业保险金申领",
            PAYMENT,
            "hx-rsj-sbzx",
            "《中华人民共和国社会保险法》第四十五条；《失业保险条例》",
        ),
        d(
            "gsrd",
            "工伤认定",
            CONFIRMATION,
            "hx-rsj-sbzx",
            "《工伤保险条例》第十七条至第二十条",
            produces=(
                "work-injury-determinations",
                "工伤认定信息",
                "工伤认定决定书编号* 职工姓名 职工公民身份号码 用人单位名称 "
                "统一社会信用代码 事故日期 受伤部位 认定结论 认定日期",
            ),
        ),
        d(
            "jydj",
            "就业失业登记和就业困难人员认定",
            CONFIRMATION,
            "hx-rsj-jyzx",
            "《中华人民共和国就业促进法》；《就业服务与就业管理规定》",
        ),
        d(
            "cybt",
            "创业担保贷款贴息和一次性创业补贴",
            PAYMENT,
            "hx-rsj-jyzx",
            "《中华人民共和国就业促进法》；《就业补助资金管理办法》",
        ),
        d(
            "ldjc",
            "劳动保障监察和拖欠农民工工资查处",
            PENALTY,
            "hx-rsj-ldjc",
            "《劳动保障监察条例》；《保障农民工工资支付条例》",
            produces=(
                "wage-arrears-cases",
                "拖欠农民工工资案件信息",
                "案件编号* 用人单位名称 统一社会信用代码 涉及人数 拖欠金额 "
                "立案日期 处理结果 结案日期",
            ),
        ),
    ),
    "hx-zrzyj": (
        d(
            "bdcdj",
            "不动产登记（首次、转移、变更、注销、抵押、查封）",
            CONFIRMATION,
            "hx-zrzyj-bdcdjzx",
            "《中华人民共和国民法典》物权编；《不动产登记暂行条例》",
        ),
        d(
            "bdccx",
            "不动产登记资料查询",
            PUBLIC_SERVICE,
            "hx-zrzyj-bdcdjzx",
            "《不动产登记资料查询暂行办法》",
        ),
        d(
            "ghxk",
            "建设工程规划许可证核发",
            LICENSING,
            "hx-zrzyj-ghk",
            "《中华人民共和国城乡规划法》第四十条",
        ),
        d(
            "ydxk",
            "建设用地规划许可证核发",
            LICENSING,
            "hx-zrzyj-ghk",
            "《中华人民共和国城乡规划法》第三十七条、第三十八条",
        ),
        d(
            "gdbh",
            "耕地占补平衡和永久基本农田保护监督",
            INSPECTION,
            "hx-zrzyj-gdk",
            "《中华人民共和国土地管理法》；《基本农田保护条例》",
        ),
        d(
            "wfyd",
            "违法用地行政处罚",
            PENALTY,
            "hx-zrzyj-gdk",
            "《中华人民共和国土地管理法》第七十七条",
        ),
        d(
            "chgl",
            "基础测绘和地理信息公共服务",
            PUBLIC_SERVICE,
            "hx-zrzyj-chk",
            "《中华人民共和国测绘法》；《基础测绘条例》",
        ),
    ),
    "hx-sthjfj": (
        d(
            "hpsp",
            "建设项目环境影响评价文件审批",
            LICENSING,
            "hx-sthjfj-hpk",
            "《中华人民共和国环境影响评价法》第二十二条",
            produces=(
                "eia-approvals",
                "建设项目环境影响评价审批信息",
                "审批文号* 项目名称 建设单位 统一社会信用代码 建设地点 环评类别 审批日期",
            ),
        ),
        d(
            "pwxk",
            "排污许可证核发",
            LICENSING,
            "hx-sthjfj-hpk",
            "《排污许可管理条例》（国务院令第736号）",
        ),
        d(
            "hjcf",
            "生态环境违法行为处罚",
            PENALTY,
            "hx-sthjfj-zfdd",
            "《中华人民共和国环境保护法》第五十九条；《中华人民共和国大气污染防治法》",
        ),
    ),
    "hx-zjj": (
        d(
            "spfys",
            "商品房预售许可",
            LICENSING,
            "hx-zjj-fdck",
            "《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》",
        ),
        d(
            "wqba",
            "商品房买卖合同网签备案",
            OTHER_POWER,
            "hx-zjj-fdck",
            "《中华人民共和国城市房地产管理法》；《商品房销售管理办法》",
        ),
        d(
            "gzf",
            "公共租赁住房保障资格审核和配租",
            CONFIRMATION,
            "hx-zjj-zfbz",
            "《公共租赁住房管理办法》（住房和城乡建设部令第11号）",
        ),
        d(
            "sgxk",
            "建筑工程施工许可证核发",
            LICENSING,
            "hx-zjj-jzsc",
            "《中华人民共和国建筑法》第七条；《建筑工程施工许可管理办法》",
            produces=(
                "construction-permits",
                "建筑工程施工许可信息",
                "施工许可证编号* 项目名称 建设单位 统一社会信用代码 施工单位 "
                "建设地址 合同价格 建筑面积 发证日期",
            ),
        ),
        d(
            "zlaq",
            "建设工程质量安全监督检查",
            INSPECTION,
            "hx-zjj-jzsc",
            "《建设工程质量管理条例》；《建设工程安全生产管理条例》",
        ),
        d(
            "fwzl",
            "房屋租赁登记备案",
            OTHER_POWER,
            "hx-zjj-fdck",
            "《商品房屋租赁管理办法》（住房和城乡建设部令第6号）",
            produces=(
                "rental-filings",
                "房屋租赁登记备案信息",
                "租赁备案编号* 房屋坐落 出租人姓名 出租人证件号码 承租人姓名 "
                "承租人证件号码 租赁期限起 租赁期限止 月租金 备案日期",
            ),
        ),
        d(
            "dacx",
            "存量房屋历史产权档案查询",
            PUBLIC_SERVICE,
            "hx-zjj-fdck",
            "《不动产登记资料查询暂行办法》；《城市房地产权属档案管理办法》",
            "不动产统一登记前的房屋产权档案尚未全部移交不动产登记中心，由住建局按原档案提供查询。",
            same_as=("hx-zrzyj", "bdccx"),
        ),
    ),
    "hx-jtj": (
        d(
            "dlys",
            "道路旅客运输、货物运输经营许可",
            LICENSING,
            "hx-jtj-ysk",
            "《中华人民共和国道路运输条例》第十条、第二十四条",
        ),
        d(
            "wyc",
            "网络预约出租汽车运输证、驾驶员证核发",
            LICENSING,
            "hx-jtj-ysk",
            "《网络预约出租汽车经营服务管理暂行办法》",
            produces=(
                "ride-hailing-permits",
                "网约车运输证和驾驶员证信息",
                "证件编号* 证件类型 持证人名称 持证人证件号码 号牌号码 平台公司名称 "
                "发证日期 有效期至",
            ),
        ),
        d(
            "jtcf",
            "道路运输违法行为处罚",
            PENALTY,
            "hx-jtj-zfdd",
            "《中华人民共和国道路运输条例》第六十三条至第七十条",
        ),
        d(
            "glyh",
            "农村公路建设养护管理",
            RESPONSIBILITY,
            "",
            "《中华人民共和国公路法》；《农村公路建设管理办法》",
        ),
    ),
    "hx-slj": (
        d(
            "qsxk",
            "取水许可",
            LICENSING,
            "hx-slj-szy",
            "《中华人民共和国水法》第四十八条；《取水许可和水资源费征收管理条例》",
            produces=(
                "water-withdrawal-permits",
                "取水许可信息",
                "取水许可证编号* 取水权人名称 统一社会信用代码 取水地点 取水方式 "
                "水源类型 年取水量 有效期至",
            ),
        ),
        d(
            "hzz",
            "河长制湖长制日常工作和河道巡查",
            OTHER_POWER,
            "hx-slj-hzb",
            "《关于全面推行河长制的意见》；《中华人民共和国河道管理条例》",
        ),
        d(
            "hdcf",
            "河道管理范围内违法行为处罚",
            PENALTY,
            "hx-slj-hzb",
            "《中华人民共和国防洪法》；《中华人民共和国河道管理条例》",
        ),
    ),
    "hx-nyncj": (
        d(
            "jtzc",
            "农村集体资产清产核资和经济合同监管",
            RESPONSIBILITY,
            "hx-nyncj-jjk",
            "《中共中央 国务院关于稳步推进农村集体产权制度改革的意见》",
        ),
        d(
            "zjd",
            "农村村民宅基地审批",
            LICENSING,
            "hx-nyncj-jjk",
            "《中华人民共和国土地管理法》第六十二条",
            produces=(
                "homestead-approvals",
                "农村宅基地审批信息",
                "审批编号* 申请人姓名 申请人公民身份号码 所属村（居） 宅基地坐落 "
                "批准面积 建筑面积 批准日期",
            ),
        ),
        d(
            "nyzf",
            "农药、兽药、种子违法行为处罚",
            PENALTY,
            "hx-nyncj-zfdd",
            "《农药管理条例》；《兽药管理条例》；《中华人民共和国种子法》",
        ),
        d(
            "nybt",
            "耕地地力保护补贴发放",
            PAYMENT,
            "hx-nyncj-jjk",
            "《关于全面推开农业“三项补贴”改革工作的通知》（财农〔2016〕26号）",
        ),
    ),
    "hx-swuj": (
        d(
            "yfk",
            "单用途商业预付卡发卡企业备案和监督检查",
            INSPECTION,
            "hx-swuj-ltk",
            "《单用途商业预付卡管理办法（试行）》（商务部令2012年第9号）",
        ),
        d(
            "zszy",
            "再生资源回收经营者备案",
            OTHER_POWER,
            "hx-swuj-ltk",
            "《再生资源回收管理办法》",
        ),
    ),
    "hx-wtlj": (
        d(
            "ylcs",
            "娱乐场所经营许可",
            LICENSING,
            "hx-wtlj-scgl",
            "《娱乐场所管理条例》第九条",
        ),
        d(
            "wbxk",
            "互联网上网服务营业场所经营许可",
            LICENSING,
            "hx-wtlj-scgl",
            "《互联网上网服务营业场所管理条例》第十条",
        ),
        d(
            "whcf",
            "文化市场违法经营行为处罚",
            PENALTY,
            "hx-wtlj-zfdd",
            "《娱乐场所管理条例》；《互联网上网服务营业场所管理条例》；《旅行社条例》",
        ),
        d(
            "ggwh",
            "公共文化场馆免费开放和全民健身服务",
            PUBLIC_SERVICE,
            "",
            "《中华人民共和国公共文化服务保障法》；《全民健身条例》",
        ),
    ),
    "hx-wjw": (
        d(
            "yljg",
            "医疗机构设置审批和执业登记",
            LICENSING,
            "hx-wjw-yzk",
            "《医疗机构管理条例》第九条、第十五条",
        ),
        d(
            "yszc",
            "医师执业注册",
            LICENSING,
            "hx-wjw-yzk",
            "《中华人民共和国医师法》第十三条",
            produces=(
                "physician-registrations",
                "医师执业注册信息",
                "医师执业证书编码* 姓名 公民身份号码 执业类别 执业范围 执业地点 "
                "主要执业机构 注册日期",
            ),
        ),
        d(
            "csyx",
            "出生医学证明签发管理",
            PUBLIC_SERVICE,
            "hx-wjw-rkjt",
            "《中华人民共和国母婴保健法》第二十三条",
        ),
        d(
            "syfw",
            "生育登记服务",
            PUBLIC_SERVICE,
            "hx-wjw-rkjt",
            "《中华人民共和国人口与计划生育法》",
            produces=(
                "birth-registrations",
                "生育登记服务信息",
                "登记编号* 女方姓名 女方公民身份号码 男方姓名 男方公民身份号码 "
                "生育孩次 预产期 登记日期",
            ),
        ),
        d(
            "tsjt",
            "计划生育特殊家庭扶助",
            PAYMENT,
            "hx-wjw-rkjt",
            "《中华人民共和国人口与计划生育法》第三十一条",
        ),
        d(
            "wscf",
            "公共场所卫生、医疗机构违法行为处罚",
            PENALTY,
            "hx-wjw-jdzf",
            "《公共场所卫生管理条例》；《医疗机构管理条例》",
        ),
    ),
    "hx-tyjrj": (
        d(
            "yfdx",
            "优抚对象抚恤补助金发放",
            PAYMENT,
            "hx-tyjrj-yfk",
            "《军人抚恤优待条例》",
            produces=(
                "veteran-allowances",
                "优抚对象抚恤补助信息",
                "公民身份号码* 姓名 优抚类别 伤残等级 补助标准 发放年月 发放金额",
            ),
        ),
        d(
            "tyaz",
            "退役士兵接收安置",
            OTHER_POWER,
            "hx-tyjrj-fwzx",
            "《退役士兵安置条例》；《中华人民共和国退役军人保障法》",
        ),
        d(
            "xxcj",
            "退役军人和其他优抚对象信息采集",
            PUBLIC_SERVICE,
            "hx-tyjrj-fwzx",
            "《中华人民共和国退役军人保障法》第十一条",
        ),
    ),
    "hx-yjj": (
        d(
            "whxk",
            "危险化学品经营许可",
            LICENSING,
            "hx-yjj-whk",
            "《危险化学品安全管理条例》第三十三条",
        ),
        d(
            "aqcf",
            "安全生产违法行为处罚",
            PENALTY,
            "hx-yjj-whk",
            "《中华人民共和国安全生产法》第九十条至第一百一十条",
        ),
        d(
            "zhjz",
            "自然灾害受灾人员生活救助",
            PAYMENT,
            "hx-yjj-jzk",
            "《自然灾害救助条例》",
            produces=(
                "disaster-relief",
                "自然灾害救助对象信息",
                "救助编号* 灾害名称 受灾人员姓名 受灾人员公民身份号码 受灾情况 "
                "救助类型 救助金额 发放日期",
            ),
        ),
        d(
            "yjya",
            "生产经营单位生产安全事故应急预案备案",
            OTHER_POWER,
            "hx-yjj-whk",
            "《生产安全事故应急预案管理办法》（应急管理部令第2号）",
        ),
    ),
    "hx-sjj": (
        d(
            "zjsj",
            "领导干部经济责任审计",
            INSPECTION,
            "hx-sjj-jzk",
            "《中华人民共和国审计法》；《党政主要领导干部和国有企事业单位主要领导人员经济责任审计规定》",
        ),
        d(
            "czsj",
            "本级预算执行和其他财政收支审计",
            INSPECTION,
            "",
            "《中华人民共和国审计法》第十八条",
        ),
    ),
    "hx-scjgj": (
        d(
            "qydj",
            "企业、个体工商户、农民专业合作社登记注册",
            CONFIRMATION,
            "hx-scjgj-djzck",
            "《中华人民共和国市场主体登记管理条例》",
        ),
        d(
            "spjy",
            "食品经营许可",
            LICENSING,
            "hx-scjgj-spjy",
            "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
        ),
        d(
            "tzsb",
            "特种设备使用登记",
            LICENSING,
            "hx-scjgj-tzsb",
            "《中华人民共和国特种设备安全法》第三十三条",
            produces=(
                "special-equipment",
                "特种设备使用登记信息",
                "使用登记证编号* 设备类别 设备品种 设备代码 使用单位名称 "
                "统一社会信用代码 设备使用地点 下次检验日期 登记日期",
            ),
        ),
        d(
            "jyyc",
            "经营异常名录和严重违法失信名单管理",
            OTHER_POWER,
            "hx-scjgj-xyjd",
            "《企业信息公示暂行条例》；《市场监督管理严重违法失信名单管理办法》",
        ),
        d(
            "scjgcf",
            "市场监管领域违法行为处罚",
            PENALTY,
            "hx-scjgj-zfdd",
            "《中华人民共和国行政处罚法》；《中华人民共和国食品安全法》；"
            "《中华人民共和国反不正当竞争法》",
        ),
        d(
            "ssjc",
            "“双随机、一公开”抽查检查",
            INSPECTION,
            "hx-scjgj-xyjd",
            "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》",
            produces=(
                "random-inspections",
                "“双随机、一公开”抽查检查结果信息",
                "抽查任务编号* 检查对象名称 统一社会信用代码 抽查事项 检查日期 检查结果 检查机关",
            ),
        ),
    ),
    "hx-tjj": (
        d(
            "tjdc",
            "组织实施统计调查和经济普查、人口普查",
            RESPONSIBILITY,
            "hx-tjj-pczx",
            "《中华人民共和国统计法》；《全国经济普查条例》；《全国人口普查条例》",
        ),
        d(
            "tjzf",
            "统计违法行为处罚",
            PENALTY,
            "hx-tjj-zhk",
            "《中华人民共和国统计法》第三十七条至第四十一条",
        ),
    ),
    "hx-ybj": (
        d(
            "cbdj",
            "城乡居民基本医疗保险参保登记",
            CONFIRMATION,
            "hx-ybj-dybz",
            "《中华人民共和国社会保险法》第二十五条",
        ),
        d(
            "yljz",
            "医疗救助",
            PAYMENT,
            "hx-ybj-dybz",
            "《社会救助暂行办法》（国务院令第649号）第二十八条至第三十二条",
            produces=(
                "medical-assistance",
                "医疗救助信息",
                "救助编号* 救助对象姓名 公民身份号码 救助对象类别 医疗机构名称 "
                "医疗总费用 基本医保支付 救助金额 结算日期",
            ),
        ),
        d(
            "jjjg",
            "医疗保障基金使用监督检查",
            INSPECTION,
            "hx-ybj-jjjg",
            "《医疗保障基金使用监督管理条例》（国务院令第735号）",
        ),
        d(
            "ddjg",
            "定点医药机构协议管理",
            OTHER_POWER,
            "hx-ybj-jjjg",
            "《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号）",
        ),
    ),
    "hx-cgj": (
        d(
            "jzlj",
            "城市建筑垃圾处置核准",
            LICENSING,
            "hx-cgj-srhw",
            "《城市市容和环境卫生管理条例》；《城市建筑垃圾管理规定》",
            produces=(
                "construction-waste-permits",
                "城市建筑垃圾处置核准信息",
                "核准编号* 申请单位名称 统一社会信用代码 工程名称 处置场所 "
                "运输单位 处置量 核准日期 有效期至",
            ),
        ),
        d(
            "hwgg",
            "户外广告设施设置审批",
            LICENSING,
            "hx-cgj-srhw",
            "《城市市容和环境卫生管理条例》第十一条",
        ),
        d(
            "szcg",
            "数字化城市管理案件受理、派遣和结案",
            OTHER_POWER,
            "hx-cgj-szcg",
            "《数字化城市管理信息系统》（GB/T 30428）；《滨海市城市管理条例》",
        ),
        d(
            "cgcf",
            "城市管理领域违法行为处罚",
            PENALTY,
            "",
            "《城市市容和环境卫生管理条例》；《滨海市城市管理相对集中行政处罚权规定》",
        ),
    ),
    "hx-xzspj": (
        d(
            "xzxk",
            "相对集中行政许可事项受理和审批",
            LICENSING,
            "hx-xzspj-sczr",
            "《中华人民共和国行政许可法》第二十五条；《滨海市海新区相对集中行政许可权实施方案》",
        ),
        d(
            "yjs",
            "“一件事一次办”集成服务",
            PUBLIC_SERVICE,
            "hx-xzspj-zwzx",
            "《国务院关于加快推进政务服务标准化规范化便利化的指导意见》（国发〔2022〕5号）",
        ),
        d(
            "gcsp",
            "工程建设项目审批（并联审批）",
            LICENSING,
            "hx-xzspj-jsxm",
            "《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》（国办发〔2019〕11号）",
        ),
    ),
    "hx-dsjzx": (
        d(
            "mlgl",
            "政务数据资源目录编制和维护",
            RESPONSIBILITY,
            "hx-dsjzx-sjzy",
            "《政务信息资源共享管理暂行办法》（国发〔2016〕51号）第八条",
        ),
        d(
            "gxjh",
            "政务数据共享交换平台运行和共享申请受理",
            PUBLIC_SERVICE,
            "hx-dsjzx-ptyw",
            "《政务信息资源共享管理暂行办法》（国发〔2016〕51号）",
        ),
        d(
            "jck",
            "人口、法人、空间地理和社会信用基础库建设",
            RESPONSIBILITY,
            "hx-dsjzx-sjzy",
            "《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号）",
        ),
        d(
            "dzzz",
            "电子证照归集、制证签章和用证服务",
            PUBLIC_SERVICE,
            "hx-dsjzx-ptyw",
            "《国务院关于在线政务服务的若干规定》（国务院令第716号）第十条",
        ),
    ),
    "hx-swj": (
        d(
            "sfzs",
            "税费征收",
            LEVY,
            "hx-swj-zgk",
            "《中华人民共和国税收征收管理法》；《中华人民共和国个人所得税法》",
        ),
        d(
            "swdj",
            "涉税信息确认（税务登记）",
            CONFIRMATION,
            "hx-swj-zgk",
            "《中华人民共和国税收征收管理法》第十五条；《税务登记管理办法》",
        ),
        d(
            "nsxy",
            "纳税信用评价",
            OTHER_POWER,
            "hx-swj-nsfw",
            "《纳税信用管理办法（试行）》（国家税务总局公告2014年第40号）",
        ),
        d(
            "fpgl",
            "发票领用和代开",
            PUBLIC_SERVICE,
            "hx-swj-dysws",
            "《中华人民共和国发票管理办法》",
        ),
        d(
            "swcf",
            "税收违法行为处罚",
            PENALTY,
            "hx-swj-zgk",
            "《中华人民共和国税收征收管理法》第六十条至第七十四条",
        ),
    ),
    "hx-gjjfzx": (
        d(
            "gjjjc",
            "住房公积金缴存登记和汇缴",
            CONFIRMATION,
            "hx-gjjfzx-gjk",
            "《住房公积金管理条例》第十四条至第二十条",
        ),
        d(
            "gjjtq",
            "住房公积金提取",
            PUBLIC_SERVICE,
            "hx-gjjfzx-gjk",
            "《住房公积金管理条例》第二十四条",
            produces=(
                "provident-fund-withdrawals",
                "住房公积金提取信息",
                "提取业务流水号* 公民身份号码 姓名 提取原因 提取金额 提取日期 收款银行",
            ),
        ),
        d(
            "gjjdk",
            "个人住房公积金贷款",
            PUBLIC_SERVICE,
            "hx-gjjfzx-xdk",
            "《住房公积金管理条例》第二十六条",
        ),
    ),
    "hx-cgs": (
        d(
            "jdcdj",
            "机动车注册、转移、变更、抵押、注销登记",
            CONFIRMATION,
            "hx-cgs-jdcdj",
            "《中华人民共和国道路交通安全法》第八条至第十二条；《机动车登记规定》（公安部令第164号）",
        ),
        d(
            "jszgl",
            "机动车驾驶证申领和使用管理",
            LICENSING,
            "hx-cgs-jsrgl",
            "《中华人民共和国道路交通安全法》第十九条；"
            "《机动车驾驶证申领和使用规定》（公安部令第162号）",
        ),
    ),
    "hx-cjl": (
        d(
            "cjrz",
            "残疾人证核发",
            CONFIRMATION,
            "hx-cjl-kfjy",
            "《中华人民共和国残疾人保障法》；《中华人民共和国残疾人证管理办法》",
        ),
        d(
            "lxbt",
            "困难残疾人生活补贴和重度残疾人护理补贴发放",
            PAYMENT,
            "hx-cjl-kfjy",
            "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）",
            produces=(
                "disability-allowances",
                "残疾人两项补贴发放信息",
                "公民身份号码* 姓名 残疾人证号 残疾类别 残疾等级 补贴类型 补贴标准 发放年月",
            ),
        ),
    ),
    "hx-hbjd": (
        d(
            "jzsl",
            "社会救助申请受理、入户调查和初审",
            PUBLIC_SERVICE,
            "hx-hbjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第十一条；《滨海市最低生活保障办法》",
            same_as=("hx-mzj", "dbrd"),
        ),
        d(
            "tksl",
            "特困人员救助供养申请受理和初审",
            PUBLIC_SERVICE,
            "hx-hbjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第十八条；《特困人员认定办法》",
            same_as=("hx-mzj", "tkrd"),
        ),
        d(
            "lssp",
            "临时救助申请受理和小额审批",
            PAYMENT,
            "hx-hbjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第四十八条；《滨海市临时救助实施办法》",
            "对急难型临时救助，街道在备用金额度内先行审批发放，事后报区民政局备案。",
            same_as=("hx-mzj", "lsjz"),
        ),
        d(
            "wgxx",
            "网格基础信息采集和事件上报",
            OTHER_POWER,
            "hx-hbjd-zzzx",
            "《滨海市网格化服务管理办法》",
            same_as=("hx-zfw", "wggl"),
        ),
    ),
    "hx-xgjd": (
        d(
            "jzsl",
            "社会救助申请受理、入户调查和初审",
            PUBLIC_SERVICE,
            "hx-xgjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第十一条；《滨海市最低生活保障办法》",
            same_as=("hx-mzj", "dbrd"),
        ),
        d(
            "tksl",
            "特困人员救助供养申请受理和初审",
            PUBLIC_SERVICE,
            "hx-xgjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第十八条；《特困人员认定办法》",
            same_as=("hx-mzj", "tkrd"),
        ),
        d(
            "lssp",
            "临时救助申请受理和小额审批",
            PAYMENT,
            "hx-xgjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第四十八条；《滨海市临时救助实施办法》",
            "对急难型临时救助，街道在备用金额度内先行审批发放，事后报区民政局备案。",
            same_as=("hx-mzj", "lsjz"),
        ),
        d(
            "wgxx",
            "网格基础信息采集和事件上报",
            OTHER_POWER,
            "hx-xgjd-zzzx",
            "《滨海市网格化服务管理办法》",
            same_as=("hx-zfw", "wggl"),
        ),
    ),
    "hx-hsjd": (
        d(
            "jzsl",
            "社会救助申请受理、入户调查和初审",
            PUBLIC_SERVICE,
            "hx-hsjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第十一条；《滨海市最低生活保障办法》",
            same_as=("hx-mzj", "dbrd"),
        ),
        d(
            "tksl",
            "特困人员救助供养申请受理和初审",
            PUBLIC_SERVICE,
            "hx-hsjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第十八条；《特困人员认定办法》",
            same_as=("hx-mzj", "tkrd"),
        ),
        d(
            "lssp",
            "临时救助申请受理和小额审批",
            PAYMENT,
            "hx-hsjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第四十八条；《滨海市临时救助实施办法》",
            "对急难型临时救助，街道在备用金额度内先行审批发放，事后报区民政局备案。",
            same_as=("hx-mzj", "lsjz"),
        ),
        d(
            "wgxx",
            "网格基础信息采集和事件上报",
            OTHER_POWER,
            "hx-hsjd-zzzx",
            "《滨海市网格化服务管理办法》",
            same_as=("hx-zfw", "wggl"),
        ),
    ),
    "hx-dhjd": (
        d(
            "jzsl",
            "社会救助申请受理、入户调查和初审",
            PUBLIC_SERVICE,
            "hx-dhjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第十一条；《滨海市最低生活保障办法》",
            same_as=("hx-mzj", "dbrd"),
        ),
        d(
            "tksl",
            "特困人员救助供养申请受理和初审",
            PUBLIC_SERVICE,
            "hx-dhjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第十八条；《特困人员认定办法》",
            same_as=("hx-mzj", "tkrd"),
        ),
        d(
            "lssp",
            "临时救助申请受理和小额审批",
            PAYMENT,
            "hx-dhjd-shsw",
            "《社会救助暂行办法》（国务院令第649号）第四十八条；《滨海市临时救助实施办法》",
            "对急难型临时救助，街道在备用金额度内先行审批发放，事后报区民政局备案。",
            same_as=("hx-mzj", "lsjz"),
        ),
        d(
            "wgxx",
            "网格基础信息采集和事件上报",
            OTHER_POWER,
            "hx-dhjd-zzzx",
            "《滨海市网格化服务管理办法》",
            same_as=("hx-zfw", "wggl"),
        ),
    ),
}
