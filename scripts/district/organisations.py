"""The department tree of 滨海市海新区: the people's government, the working departments of the
district Party committee and government, the city-level branches that serve the district, four
sub-district offices (街道办事处), and their internal offices.

The structure follows a real Chinese district after the 2019 institutional reform (区委工作机关,
区政府工作部门, 直属事业单位, 双管单位 such as the tax bureau and the public-security branch).

Credit codes (统一社会信用代码) of the organisations the first demo had are kept as they were; the
others are derived from the organisation id (stable when rows are added or moved) and completed
with the GB 11714 and GB 32100 check characters by ``generate``.
"""

from __future__ import annotations

from dataclasses import dataclass

DISTRICT = "滨海市海新区"
DIVISION = "359902"  # the district's (fictional) GB/T 2260 code
CITY_DIVISION = "359900"
ROOT = "hx-zf"

# Registration authority + organisation type (GB 32100 positions 1-2).
ORGAN = "11"  # 机构编制 / 机关
INSTITUTION = "12"  # 机构编制 / 事业单位
MASS_ORGANISATION = "13"  # 机构编制 / 群众团体


@dataclass(frozen=True)
class Office:
    """An internal office (内设机构) or subordinate unit that handles a department's business."""

    id: str
    name: str
    code: str = ""  # full credit code when kept from the first demo
    kind_code: str = ORGAN


@dataclass(frozen=True)
class Department:
    """A working department (or sub-district office) directly under the district government."""

    id: str
    name: str
    short: str  # how colleagues write it in a table: 区民政局
    offices: tuple[Office, ...] = ()
    code: str = ""
    kind_code: str = ORGAN
    division: str = DIVISION
    # What the department is for, one line, used in abstracts and duties (三定方案 in brief).
    mission: str = ""


GOVERNMENT = Department(
    ROOT,
    "滨海市海新区人民政府",
    "区政府",
    code="11359902003664216U",
    mission="全区行政工作",
)

DEPARTMENTS: tuple[Department, ...] = (
    Department(
        "hx-zfb",
        "滨海市海新区人民政府办公室",
        "区政府办",
        (
            Office("hx-zfb-dck", "海新区人民政府办公室督查科"),
            Office("hx-zfb-rxzx", "海新区12345政务服务便民热线中心", kind_code=INSTITUTION),
        ),
        mission="区政府日常运转、政务督查、政务公开和12345热线",
    ),
    Department(
        "hx-bb",
        "中共滨海市海新区委员会机构编制委员会办公室",
        "区委编办",
        (Office("hx-bb-sydj", "海新区事业单位登记管理局"),),
        mission="机构编制管理和事业单位登记管理",
    ),
    Department(
        "hx-zfw",
        "中共滨海市海新区委员会政法委员会",
        "区委政法委",
        (Office("hx-zfw-zzzx", "海新区社会治安综合治理中心", kind_code=INSTITUTION),),
        mission="平安建设、社会治安综合治理和网格化服务管理",
    ),
    Department(
        "hx-fgj",
        "滨海市海新区发展和改革局",
        "区发改局",
        (
            Office("hx-fgj-xyk", "海新区发展和改革局社会信用体系建设科"),
            Office("hx-fgj-tzk", "海新区发展和改革局固定资产投资科"),
            Office("hx-fgj-jgk", "海新区发展和改革局价格管理科"),
        ),
        mission="国民经济和社会发展规划、投资项目管理、价格管理和社会信用体系建设",
    ),
    Department(
        "hx-jyj",
        "滨海市海新区教育局",
        "区教育局",
        (
            Office("hx-jyj-jjk", "海新区教育局基础教育科"),
            Office("hx-jyj-zzzx", "海新区学生资助管理中心", kind_code=INSTITUTION),
        ),
        code="11359902003664718E",
        mission="学前教育、义务教育和学生资助",
    ),
    Department(
        "hx-kgxj",
        "滨海市海新区科技和工业信息化局",
        "区科工信局",
        (
            Office("hx-kgxj-gyk", "海新区科技和工业信息化局工业发展科"),
            Office("hx-kgxj-kjk", "海新区科技和工业信息化局科技创新科"),
        ),
        mission="工业和信息化发展、科技创新和中小企业服务",
    ),
    Department(
        "hx-gafj",
        "滨海市公安局海新分局",
        "公安海新分局",
        (
            Office("hx-gafj-hzdd", "海新分局户政管理大队", code="113599020036649881"),
            Office("hx-gafj-zadd", "海新分局治安管理大队"),
            Office("hx-gafj-crj", "海新分局出入境管理大队"),
        ),
        code="11359902003664478K",
        mission="户籍、居住证、治安和出入境管理",
    ),
    Department(
        "hx-mzj",
        "滨海市海新区民政局",
        "区民政局",
        (
            Office("hx-mzj-shjzk", "海新区民政局社会救助科", code="11359902MB1957269Q"),
            Office(
                "hx-mzj-hdzx",
                "海新区居民家庭经济状况核对中心",
                code="12359902485203243W",
                kind_code=INSTITUTION,
            ),
            Office("hx-mzj-hydj", "海新区婚姻登记处"),
            Office("hx-mzj-ylfw", "海新区民政局养老服务科"),
            Office("hx-mzj-shzz", "海新区民政局社会组织管理科"),
            Office("hx-mzj-sssw", "海新区民政局区划地名和社会事务科"),
        ),
        code="113599020036643980",
        mission="社会救助、养老服务、婚姻收养、社会组织和殡葬管理",
    ),
    Department(
        "hx-sfj",
        "滨海市海新区司法局",
        "区司法局",
        (
            Office("hx-sfj-zfjd", "海新区司法局行政执法协调监督科"),
            Office("hx-sfj-sqjz", "海新区司法局社区矫正管理科"),
            Office("hx-sfj-flyz", "海新区法律援助中心", kind_code=INSTITUTION),
        ),
        mission="法治政府建设、行政执法监督、社区矫正、人民调解和法律援助",
    ),
    Department(
        "hx-czj",
        "滨海市海新区财政局",
        "区财政局",
        (
            Office("hx-czj-ysk", "海新区财政局预算科"),
            Office("hx-czj-sbk", "海新区财政局社会保障科"),
            Office("hx-czj-cgk", "海新区财政局政府采购管理科"),
        ),
        mission="财政预算、资金拨付、惠民惠农补贴发放和政府采购监管",
    ),
    Department(
        "hx-rsj",
        "滨海市海新区人力资源和社会保障局",
        "区人社局",
        (
            Office(
                "hx-rsj-sbzx",
                "海新区社会保险事业管理中心",
                code="12359902485203497R",
                kind_code=INSTITUTION,
            ),
            Office("hx-rsj-jyzx", "海新区公共就业和人才服务中心", kind_code=INSTITUTION),
            Office("hx-rsj-ldjc", "海新区劳动保障监察大队"),
        ),
        code="11359902MB19572421",
        mission="就业创业、社会保险、劳动关系和劳动保障监察",
    ),
    Department(
        "hx-zrzyj",
        "滨海市海新区自然资源局",
        "区自然资源局",
        (
            Office(
                "hx-zrzyj-bdcdjzx",
                "海新区不动产登记中心",
                code="12359902485203323G",
                kind_code=INSTITUTION,
            ),
            Office("hx-zrzyj-ghk", "海新区自然资源局国土空间规划科"),
            Office("hx-zrzyj-chk", "海新区自然资源局测绘地理信息科"),
            Office("hx-zrzyj-gdk", "海新区自然资源局耕地保护监督科"),
        ),
        code="11359902MB19572346",
        mission="自然资源调查确权、国土空间规划、不动产登记和测绘地理信息",
    ),
    Department(
        "hx-sthjfj",
        "滨海市生态环境局海新分局",
        "海新生态环境分局",
        (
            Office("hx-sthjfj-hpk", "海新生态环境分局环评与排污许可科"),
            Office("hx-sthjfj-zfdd", "海新区生态环境保护综合行政执法大队"),
        ),
        division=CITY_DIVISION,
        mission="生态环境监管、环境影响评价、排污许可和生态环境执法",
    ),
    Department(
        "hx-zjj",
        "滨海市海新区住房和城乡建设局",
        "区住建局",
        (
            Office(
                "hx-zjj-fdck", "海新区住房和城乡建设局房地产市场管理科", code="11359902MB19572939"
            ),
            Office("hx-zjj-zfbz", "海新区住房和城乡建设局住房保障科"),
            Office("hx-zjj-jzsc", "海新区住房和城乡建设局建筑市场管理科"),
        ),
        code="113599020036645587",
        mission="房地产市场监管、住房保障、建筑市场和工程质量安全监管",
    ),
    Department(
        "hx-jtj",
        "滨海市海新区交通运输局",
        "区交通运输局",
        (
            Office("hx-jtj-ysk", "海新区交通运输局运输管理科"),
            Office("hx-jtj-zfdd", "海新区交通运输综合行政执法大队"),
        ),
        mission="道路运输、公路建设养护和交通运输执法",
    ),
    Department(
        "hx-slj",
        "滨海市海新区水利局",
        "区水利局",
        (
            Office("hx-slj-szy", "海新区水利局水资源管理科"),
            Office("hx-slj-hzb", "海新区河长制办公室"),
        ),
        mission="水资源管理、河湖管理、水旱灾害防御和农村供水",
    ),
    Department(
        "hx-nyncj",
        "滨海市海新区农业农村局",
        "区农业农村局",
        (
            Office("hx-nyncj-jjk", "海新区农业农村局农村经济与集体资产管理科"),
            Office("hx-nyncj-zfdd", "海新区农业综合行政执法大队"),
        ),
        mission="农业生产、农村集体资产、农村宅基地和农业执法",
    ),
    Department(
        "hx-swuj",
        "滨海市海新区商务局",
        "区商务局",
        (Office("hx-swuj-ltk", "海新区商务局市场流通科"),),
        mission="内外贸易、商贸流通、单用途预付卡和再生资源回收管理",
    ),
    Department(
        "hx-wtlj",
        "滨海市海新区文化体育和旅游局",
        "区文体旅局",
        (
            Office("hx-wtlj-scgl", "海新区文化体育和旅游局文化市场管理科"),
            Office("hx-wtlj-zfdd", "海新区文化市场综合行政执法大队"),
        ),
        mission="公共文化服务、文化和旅游市场管理、体育事业",
    ),
    Department(
        "hx-wjw",
        "滨海市海新区卫生健康委员会",
        "区卫健委",
        (
            Office("hx-wjw-yzk", "海新区卫生健康委员会医政医管科"),
            Office("hx-wjw-rkjt", "海新区卫生健康委员会人口监测与家庭发展科"),
            Office("hx-wjw-jdzf", "海新区卫生健康综合监督执法大队"),
        ),
        code="11359902MB1957250U",
        mission="医疗卫生服务、疾病预防控制、妇幼健康和人口家庭发展",
    ),
    Department(
        "hx-tyjrj",
        "滨海市海新区退役军人事务局",
        "区退役军人事务局",
        (
            Office("hx-tyjrj-yfk", "海新区退役军人事务局优抚科"),
            Office("hx-tyjrj-fwzx", "海新区退役军人服务中心", kind_code=INSTITUTION),
        ),
        mission="退役军人移交安置、优抚褒扬和服务保障",
    ),
    Department(
        "hx-yjj",
        "滨海市海新区应急管理局",
        "区应急管理局",
        (
            Office("hx-yjj-whk", "海新区应急管理局危险化学品安全监督管理科"),
            Office("hx-yjj-jzk", "海新区应急管理局救灾和物资保障科"),
        ),
        mission="安全生产综合监管、危险化学品安全、防灾减灾救灾和应急救援",
    ),
    Department(
        "hx-sjj",
        "滨海市海新区审计局",
        "区审计局",
        (Office("hx-sjj-jzk", "海新区审计局经济责任审计科"),),
        mission="财政财务收支、政府投资项目和领导干部经济责任审计",
    ),
    Department(
        "hx-scjgj",
        "滨海市海新区市场监督管理局",
        "区市场监管局",
        (
            Office("hx-scjgj-djzck", "海新区市场监督管理局登记注册科", code="11359902MB1957277K"),
            Office("hx-scjgj-spjy", "海新区市场监督管理局食品经营监管科"),
            Office("hx-scjgj-xyjd", "海新区市场监督管理局信用监督管理科"),
            Office("hx-scjgj-tzsb", "海新区市场监督管理局特种设备安全监察科"),
            Office("hx-scjgj-zfdd", "海新区市场监管综合行政执法大队"),
        ),
        code="11359902MB1957226B",
        mission="市场主体登记、食品安全、特种设备安全、信用监管和市场监管执法",
    ),
    Department(
        "hx-tjj",
        "滨海市海新区统计局",
        "区统计局",
        (
            Office("hx-tjj-zhk", "海新区统计局综合统计科"),
            Office("hx-tjj-pczx", "海新区普查中心", kind_code=INSTITUTION),
        ),
        mission="统计调查、统计数据发布和统计执法",
    ),
    Department(
        "hx-ybj",
        "滨海市海新区医疗保障局",
        "区医保局",
        (
            Office("hx-ybj-dybz", "海新区医疗保障局待遇保障科"),
            Office("hx-ybj-jjjg", "海新区医疗保障基金监管中心", kind_code=INSTITUTION),
        ),
        mission="基本医疗保险、医疗救助、医保基金监管和医药价格",
    ),
    Department(
        "hx-cgj",
        "滨海市海新区城市管理和综合执法局",
        "区城管局",
        (
            Office("hx-cgj-szcg", "海新区数字化城市管理监督指挥中心", kind_code=INSTITUTION),
            Office("hx-cgj-srhw", "海新区城市管理和综合执法局市容环卫科"),
        ),
        mission="市容环境卫生、城市部件管理、建筑垃圾处置和城市管理综合执法",
    ),
    Department(
        "hx-xzspj",
        "滨海市海新区行政审批局",
        "区行政审批局",
        (
            Office("hx-xzspj-sczr", "海新区行政审批局市场准入审批科"),
            Office("hx-xzspj-jsxm", "海新区行政审批局建设项目审批科"),
            Office("hx-xzspj-zwzx", "海新区政务服务中心", kind_code=INSTITUTION),
        ),
        mission="相对集中行政许可、政务服务中心运行和“一件事一次办”",
    ),
    Department(
        "hx-dsjzx",
        "滨海市海新区大数据中心",
        "区大数据中心",
        (
            Office("hx-dsjzx-sjzy", "海新区大数据中心数据资源部", kind_code=INSTITUTION),
            Office("hx-dsjzx-ptyw", "海新区大数据中心平台运维部", kind_code=INSTITUTION),
        ),
        code="12359902MB0P31475Q",
        kind_code=INSTITUTION,
        mission="政务数据资源目录、数据共享交换平台和基础库建设运营",
    ),
    Department(
        "hx-swj",
        "国家税务总局滨海市海新区税务局",
        "海新区税务局",
        (
            Office("hx-swj-zgk", "国家税务总局滨海市海新区税务局征收管理科"),
            Office("hx-swj-nsfw", "国家税务总局滨海市海新区税务局纳税服务科"),
            Office("hx-swj-dysws", "国家税务总局滨海市海新区税务局第一税务所"),
        ),
        code="11359902MB1C40873N",
        mission="税费征收管理、纳税服务和纳税信用管理",
    ),
    Department(
        "hx-gjjfzx",
        "滨海市住房公积金管理中心海新分中心",
        "公积金海新分中心",
        (
            Office("hx-gjjfzx-gjk", "海新分中心归集科", kind_code=INSTITUTION),
            Office("hx-gjjfzx-xdk", "海新分中心信贷科", kind_code=INSTITUTION),
        ),
        code="12359900485203163C",
        kind_code=INSTITUTION,
        division=CITY_DIVISION,
        mission="住房公积金归集、提取和个人住房贷款",
    ),
    Department(
        "hx-cgs",
        "滨海市公安局交通警察支队海新车辆管理所",
        "海新车管所",
        (
            Office("hx-cgs-jdcdj", "海新车管所机动车登记科"),
            Office("hx-cgs-jsrgl", "海新车管所驾驶人管理科"),
        ),
        code="11359900003664638X",
        division=CITY_DIVISION,
        mission="机动车登记和驾驶人管理",
    ),
    Department(
        "hx-cjl",
        "滨海市海新区残疾人联合会",
        "区残联",
        (Office("hx-cjl-kfjy", "海新区残疾人联合会康复与教育就业部", kind_code=MASS_ORGANISATION),),
        kind_code=MASS_ORGANISATION,
        mission="残疾人证核发、残疾人康复、就业和两项补贴",
    ),
    Department(
        "hx-hbjd",
        "滨海市海新区海滨街道办事处",
        "海滨街道",
        (
            Office("hx-hbjd-shsw", "海滨街道社会事务办公室"),
            Office("hx-hbjd-zzzx", "海滨街道综治中心（网格化服务管理中心）"),
        ),
        mission="辖区社会事务受理、网格化服务管理和社区建设",
    ),
    Department(
        "hx-xgjd",
        "滨海市海新区新港街道办事处",
        "新港街道",
        (
            Office("hx-xgjd-shsw", "新港街道社会事务办公室"),
            Office("hx-xgjd-zzzx", "新港街道综治中心（网格化服务管理中心）"),
        ),
        mission="辖区社会事务受理、网格化服务管理和社区建设",
    ),
    Department(
        "hx-hsjd",
        "滨海市海新区海山街道办事处",
        "海山街道",
        (
            Office("hx-hsjd-shsw", "海山街道社会事务办公室"),
            Office("hx-hsjd-zzzx", "海山街道综治中心（网格化服务管理中心）"),
        ),
        mission="辖区社会事务受理、网格化服务管理和社区建设",
    ),
    Department(
        "hx-dhjd",
        "滨海市海新区东湖街道办事处",
        "东湖街道",
        (
            Office("hx-dhjd-shsw", "东湖街道社会事务办公室"),
            Office("hx-dhjd-zzzx", "东湖街道综治中心（网格化服务管理中心）"),
        ),
        mission="辖区社会事务受理、网格化服务管理和社区建设",
    ),
)

STREETS = ("hx-hbjd", "hx-xgjd", "hx-hsjd", "hx-dhjd")


def department(org_id: str) -> Department:
    """The department with this id (the government itself included)."""
    if org_id == ROOT:
        return GOVERNMENT
    for dept in DEPARTMENTS:
        if dept.id == org_id:
            return dept
    raise KeyError(org_id)


def office(office_id: str) -> tuple[Department, Office]:
    """The internal office with this id and the department it belongs to."""
    for dept in DEPARTMENTS:
        for item in dept.offices:
            if item.id == office_id:
                return dept, item
    raise KeyError(office_id)
