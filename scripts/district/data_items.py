"""The data-item dictionary (信息项字典) of the district.

A resource's data items are written in the tables as a line of names ("公民身份号码* 姓名 性别
出生日期"), a trailing ``*`` marking a key item (查询关键字). The same name means the same datum
everywhere, so its type, length and personal flag come from here, not from each row:

* ``SPECIAL`` — names whose format a standard fixes (citizen ID numbers, credit codes, real
  estate unit numbers, ...);
* ``RULES`` — the rest, by how the name ends (日期 → date, 金额 → currency, 名称 → 200
  characters, ...), the way catalogue editors fill in the template;
* ``PERSONAL_WORDS`` — what makes an item personal data (个人信息) to be audited per subject.

``AUTHORITY`` is one datum, one source (一数一源): for each datum with an authoritative source,
the one resource (and so the one provider) that declares it authoritative. Every other resource
holding the same datum is a copy or a use of it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Type codes of the national guideline (gov.common.v1.DataItemType).
C = "DATA_ITEM_TYPE_CHARACTER"
N = "DATA_ITEM_TYPE_NUMBER"
Y = "DATA_ITEM_TYPE_CURRENCY"
D = "DATA_ITEM_TYPE_DATE"
T = "DATA_ITEM_TYPE_DATE_TIME"
L = "DATA_ITEM_TYPE_LOGICAL"
M = "DATA_ITEM_TYPE_MEMO"
G = "DATA_ITEM_TYPE_GENERAL"
B = "DATA_ITEM_TYPE_DOUBLE"
INTEGER = "DATA_ITEM_TYPE_INTEGER"


@dataclass(frozen=True)
class ItemType:
    """Type, length and description of a datum; ``personal`` None means "decide by words"."""

    type: str
    length: int
    description: str = ""
    personal: bool | None = None


ID_NUMBER = ItemType(C, 18, "18位，GB 11643", True)
CREDIT_CODE = ItemType(C, 18, "18位，GB 32100", False)
PERSON_OR_ORG_CODE = ItemType(C, 18, "自然人为公民身份号码，单位为统一社会信用代码", True)

# Names a standard or the business fixes.
SPECIAL: dict[str, ItemType] = {
    "公民身份号码": ID_NUMBER,
    "统一社会信用代码": CREDIT_CODE,
    "不动产单元号": ItemType(C, 28, "28位，GB/T 37346"),
    "号牌号码": ItemType(C, 15),
    "号牌种类": ItemType(C, 2, "GA 24.7 代码"),
    "车辆识别代号": ItemType(C, 17, "VIN，GB 16735"),
    "性别": ItemType(C, 1, "GB/T 2261.1 代码"),
    "民族": ItemType(C, 2, "GB/T 3304 代码"),
    "出生日期": ItemType(D, 8, "YYYYMMDD", True),
    "户号": ItemType(C, 20),
    "纳税人识别号": ItemType(C, 20, "单位为统一社会信用代码，个人为公民身份号码"),
    "全国学籍号": ItemType(C, 19, "G + 公民身份号码"),
    "社会保障卡号": ItemType(C, 20, "", True),
    "经度": ItemType(B, 12, "CGCS2000，度"),
    "纬度": ItemType(B, 12, "CGCS2000，度"),
    "行政区划代码": ItemType(C, 12, "GB/T 2260 + 乡镇街道代码"),
    "网格编码": ItemType(C, 20),
    "标准地址编码": ItemType(C, 30),
    "项目代码": ItemType(C, 24, "投资项目在线审批监管平台赋码"),
    "证照编号": ItemType(C, 50),
    "证照文件": ItemType(G, 0, "OFD 版式文件，含电子印章"),
    "持证主体代码": PERSON_OR_ORG_CODE,
    "行政相对人代码": PERSON_OR_ORG_CODE,
    "当事人证件号码": PERSON_OR_ORG_CODE,
    "股东证件号码": ItemType(C, 18, "自然人为公民身份号码", True),
    "所有人证件号码": ItemType(C, 18, "自然人为公民身份号码", True),
    "所有人名称": ItemType(C, 100, "", True),
    "权利人名称": ItemType(C, 200, "", True),
    "权利人证件号码": ItemType(C, 18, "自然人为公民身份号码", True),
    "缴费年月": ItemType(C, 6, "YYYYMM"),
    "缴至年月": ItemType(C, 6, "YYYYMM"),
    "发放年月": ItemType(C, 6, "YYYYMM"),
    "统计期": ItemType(C, 8, "YYYY 或 YYYYMM 或 YYYYQn"),
    "指标值": ItemType(N, 20),
    "持股比例": ItemType(N, 6, "%"),
    "注册资本": ItemType(Y, 16, "万元"),
    "认缴出资额": ItemType(Y, 16, "万元"),
    "实缴出资额": ItemType(Y, 16, "万元"),
    "总投资": ItemType(Y, 16, "万元"),
    "成交价款": ItemType(Y, 16, "万元"),
    "被担保主债权数额": ItemType(Y, 16, "万元"),
    "核对报告文件": ItemType(G, 0, "OFD 版式文件"),
    "宗地图": ItemType(G, 0, "PDF 或 DWG 图件"),
    "经营范围": ItemType(M, 4000),
    "申请材料": ItemType(M, 4000),
    "健康状况": ItemType(C, 20, "健康/慢性病/重病/残疾", True),
    "劳动能力": ItemType(C, 20, "完全/部分/丧失", True),
    "诊断": ItemType(C, 100, "", True),
    "危险性评估等级": ItemType(C, 2, "0-5级", True),
    "残疾类别": ItemType(C, 10, "视力/听力/言语/肢体/智力/精神/多重", True),
    "残疾等级": ItemType(C, 4, "一级至四级", True),
    "伤残等级": ItemType(C, 4, "一级至十级", True),
    "法定代表人": ItemType(C, 50, "", False),
    "累积记分": ItemType(INTEGER, 2),
    "年龄段": ItemType(C, 20),
    "核准日期": ItemType(D, 8),
    "登记时间": ItemType(T, 14, "YYYYMMDDhhmmss"),
    "出生日期时间": ItemType(T, 14, "YYYYMMDDhhmmss", True),
}

# (ending, type) in order: the first ending that matches decides. Lengths are the template's.
RULES: tuple[tuple[str, ItemType], ...] = (
    ("身份号码", ID_NUMBER),
    ("证件号码", ItemType(C, 18, "自然人为公民身份号码", True)),
    ("统一社会信用代码", CREDIT_CODE),
    ("姓名", ItemType(C, 50, "", True)),
    ("电话", ItemType(C, 20, "", True)),
    ("年月", ItemType(C, 6, "YYYYMM")),
    ("学年", ItemType(C, 9, "YYYY-YYYY")),
    ("年度", ItemType(C, 4, "YYYY")),
    ("日期", ItemType(D, 8, "YYYYMMDD")),
    ("有效期至", ItemType(D, 8, "YYYYMMDD")),
    ("有效期自", ItemType(D, 8, "YYYYMMDD")),
    ("期限起", ItemType(D, 8, "YYYYMMDD")),
    ("期限止", ItemType(D, 8, "YYYYMMDD")),
    ("预产期", ItemType(D, 8, "YYYYMMDD")),
    ("时间", ItemType(T, 14, "YYYYMMDDhhmmss")),
    ("金额", ItemType(Y, 16, "元")),
    ("价款", ItemType(Y, 16, "元")),
    ("价格", ItemType(Y, 16, "元")),
    ("总价", ItemType(Y, 16, "元")),
    ("租金", ItemType(Y, 12, "元/月")),
    ("标准", ItemType(Y, 12, "元/月")),
    ("补贴", ItemType(Y, 12, "元")),
    ("养老金", ItemType(Y, 12, "元/月")),
    ("税额", ItemType(Y, 16, "元")),
    ("收入额", ItemType(Y, 16, "元")),
    ("基数", ItemType(Y, 12, "元")),
    ("余额", ItemType(Y, 16, "元")),
    ("缴存额", ItemType(Y, 12, "元")),
    ("费用", ItemType(Y, 16, "元")),
    ("支付", ItemType(Y, 16, "元")),
    ("研发投入", ItemType(Y, 16, "万元")),
    ("面积", ItemType(N, 12, "平方米")),
    ("取水量", ItemType(N, 12, "万立方米")),
    ("处置量", ItemType(N, 12, "立方米")),
    ("比例", ItemType(N, 5, "%")),
    ("增长", ItemType(N, 6, "%")),
    ("率", ItemType(N, 5, "%")),
    ("期限", ItemType(INTEGER, 3, "月")),
    ("人数", ItemType(INTEGER, 8)),
    ("户数", ItemType(INTEGER, 8)),
    ("套数", ItemType(INTEGER, 6)),
    ("床位数", ItemType(INTEGER, 6)),
    ("房间数", ItemType(INTEGER, 6)),
    ("学生数", ItemType(INTEGER, 6)),
    ("在校生数", ItemType(INTEGER, 6)),
    ("孩次", ItemType(INTEGER, 2)),
    ("时限", ItemType(INTEGER, 4, "工作日")),
    ("数量", ItemType(INTEGER, 10)),
    ("文件", ItemType(G, 0, "版式文件")),
    ("附件", ItemType(G, 0)),
    ("照片", ItemType(G, 0, "JPEG", True)),
    ("内容", ItemType(M, 2000)),
    ("范围", ItemType(M, 2000)),
    ("说明", ItemType(M, 2000)),
    ("描述", ItemType(M, 2000)),
    ("依据", ItemType(M, 1000)),
    ("事实", ItemType(M, 2000)),
    ("措施", ItemType(M, 2000)),
    ("情况", ItemType(M, 1000)),
    ("意见", ItemType(M, 1000)),
    ("项目", ItemType(C, 50)),
    ("户籍地址", ItemType(C, 200, "", True)),
    ("居住地址", ItemType(C, 200, "", True)),
    ("家庭住址", ItemType(C, 200, "", True)),
    ("户籍所在地", ItemType(C, 200, "", True)),
    ("住址", ItemType(C, 200, "", True)),
    ("地址", ItemType(C, 200)),
    ("坐落", ItemType(C, 200)),
    ("住所", ItemType(C, 200)),
    ("场所", ItemType(C, 200)),
    ("地点", ItemType(C, 200)),
    ("户籍地", ItemType(C, 200)),
    ("迁出地", ItemType(C, 200)),
    ("迁入地", ItemType(C, 200)),
    ("名称", ItemType(C, 200)),
    ("流水号", ItemType(C, 32)),
    ("编号", ItemType(C, 30)),
    ("编码", ItemType(C, 30)),
    ("代码", ItemType(C, 30)),
    ("号码", ItemType(C, 30)),
    ("文号", ItemType(C, 50)),
    ("证号", ItemType(C, 30)),
    ("字号", ItemType(C, 30)),
    ("账号", ItemType(C, 20)),
    ("合同号", ItemType(C, 30)),
    ("批次号", ItemType(C, 30)),
    ("备案号", ItemType(C, 30)),
    ("状态", ItemType(C, 10)),
    ("结论", ItemType(C, 20)),
    ("结果", ItemType(C, 50)),
    ("类型", ItemType(C, 20)),
    ("类别", ItemType(C, 20)),
    ("种类", ItemType(C, 20)),
    ("性质", ItemType(C, 20)),
    ("方式", ItemType(C, 20)),
    ("形式", ItemType(C, 20)),
    ("等级", ItemType(C, 10)),
    ("级别", ItemType(C, 10)),
    ("机关", ItemType(C, 100)),
    ("机构", ItemType(C, 100)),
    ("单位", ItemType(C, 100)),
    ("部门", ItemType(C, 100)),
    ("银行", ItemType(C, 100)),
    ("企业", ItemType(C, 200)),
    ("律师", ItemType(C, 50)),
    ("民警", ItemType(C, 50)),
    ("是否", ItemType(L, 1)),  # a prefix, see ``item_type``
)

# Words that make a datum personal (个人信息) when the table does not say.
PERSONAL_WORDS = (
    "姓名",
    "身份号码",
    "证件号码",
    "电话",
    "户籍地址",
    "居住地址",
    "家庭住址",
    "曾用名",
)


def item_type(name: str) -> ItemType:
    """Type, length, description and personal flag of the datum ``name``."""
    found = SPECIAL.get(name)
    if found is None:
        if name.startswith("是否"):
            found = ItemType(L, 1)
        else:
            found = next((rule for ending, rule in RULES if name.endswith(ending)), ItemType(C, 50))
    personal = found.personal
    if personal is None:
        personal = any(word in name for word in PERSONAL_WORDS)
    return ItemType(found.type, found.length, found.description or "", personal)


def parse_items(spec: str) -> list[tuple[str, bool]]:
    """``"公民身份号码* 姓名"`` → ``[("公民身份号码", True), ("姓名", False)]`` (name, key)."""
    items = []
    for word in spec.split():
        key = word.endswith("*")
        items.append((word.rstrip("*"), key))
    return items


# One datum, one source: datum → the resource id that is its authoritative source. The base
# libraries' identity data belong to their registering departments; each verification source
# is authoritative for the facts the household check compares.
AUTHORITY: dict[str, str] = {
    # 人口: the household register (户籍) of the public-security branch
    "公民身份号码": "household-population",
    "姓名": "household-population",
    "曾用名": "household-population",
    "性别": "household-population",
    "民族": "household-population",
    "出生日期": "household-population",
    "户号": "household-population",
    "与户主关系": "household-population",
    "户籍地址": "household-population",
    "人员状态": "household-population",
    "居住证编号": "residence-permits",
    "变动类型": "household-migration",
    # 婚姻、出生、死亡、残疾
    "登记证字号": "marriage-registrations",
    "出生医学证明编号": "birth-certificates",
    "火化证明编号": "cremation-records",
    "死亡日期": "cremation-records",
    "残疾人证号": "disabled-persons",
    # 法人
    "统一社会信用代码": "enterprise-registrations",
    "企业名称": "enterprise-registrations",
    "企业类型": "enterprise-registrations",
    "法定代表人": "enterprise-registrations",
    "登记状态": "enterprise-registrations",
    "注册资本": "enterprise-registrations",
    "字号名称": "individual-businesses",
    "股东名称": "enterprise-shareholders",
    "认缴出资额": "enterprise-shareholders",
    "实缴出资额": "enterprise-shareholders",
    "持股比例": "enterprise-shareholders",
    "社会组织名称": "social-organizations",
    "事业单位名称": "public-institutions",
    # 空间地理、不动产
    "不动产单元号": "real-estate-registrations",
    "不动产权证书号": "real-estate-registrations",
    "权利类型": "real-estate-registrations",
    "标准地址编码": "standard-addresses",
    "标准地址名称": "standard-addresses",
    "网格编码": "grid-units",
    # 车辆
    "号牌号码": "motor-vehicles",
    "号牌种类": "motor-vehicles",
    "车辆识别代号": "motor-vehicles",
    "准驾车型": "driving-licences",
    # 公积金、纳税、社保
    "个人公积金账号": "provident-fund-deposits",
    "月缴存额": "provident-fund-deposits",
    "公积金账户余额": "provident-fund-deposits",
    "贷款合同号": "provident-fund-loans",
    "纳税人识别号": "taxpayer-registrations",
    "应纳税额": "tax-payments",
    "已缴税额": "tax-payments",
    "收入额": "tax-payments",
    "纳税信用级别": "tax-credit-ratings",
    "缴费基数": "social-insurance-contributions",
    "参保状态": "social-insurance-contributions",
    "月养老金": "pension-benefits",
    "社会保障卡号": "social-security-cards",
    "医保参保状态": "medical-insurance-enrolments",
    # 社会救助
    "保障类别": "dibao-households",
    "月保障金额": "dibao-households",
    "供养方式": "tekun-support",
    "核对报告编号": "verification-reports",
    # 教育、卫生
    "全国学籍号": "student-enrolments",
    "学校标识码": "schools",
    "执业许可证登记号": "medical-institutions",
    "医师执业证书编码": "physician-registrations",
    # 其他部门的登记事项
    "项目代码": "investment-project-filings",
    "事项编码": "government-service-items",
    "优抚类别": "veteran-allowances",
    "退役军人证件编号": "veterans",
}
