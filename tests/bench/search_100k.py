"""Benchmark: catalogue search over 100,000 generated resources.

The issue's figures, printed and written to ``bench-results/search-<time>.json``; targets are
shown beside them, never asserted (p95 < 50 ms, gRPC/direct < 1.5, index lag p95 < 1 s,
rebuild of 100,000 < 120 s):

1. **Rebuild.** A deterministic catalogue (fixed seed: Chinese names, abstracts and data items
   from government vocabulary, ~150 provider departments, ~300 information systems,
   classification codes of the shipped tree) is written by ``rebuild.rebuild`` into indices of
   their own (prefix ``govdata-bench-``, never the live aliases). The source is generated in
   this process, so the time excludes reading svc-catalog; svc-catalog's own List paging rate
   over gRPC is measured on the live catalogue to estimate a gRPC-sourced rebuild.
2. **Latency.** A second svc-search api serves the bench indices on its own ports; each query
   runs through its gRPC ``Search`` (mutual TLS, as any caller) and directly on OpenSearch
   (``query.build``'s body on the same aliases; and that plus the display-name ``mget``s the
   api also makes), interleaved so all see the same conditions; then the mix from 8 threads.
3. **Index lag.** On the running platform: steady display-name updates of published resources,
   each timed from its acknowledgement until Search returns the new text.

    .venv/bin/python tests/bench/search_100k.py [--resources 100000] [--calls 100]
        [--lag-seconds 60] [--lag-rate 5]        # --resources 0: the lag run alone

At 100,000 a run takes about 8 minutes on 2 cores (the rebuild about 3). The platform must
run (``make bench`` runs ``tests/bench/run.py`` first, which starts it); it is never started
or stopped here.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import random
import socket
import subprocess
import sys
import threading
import time
import unicodedata
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import grpc
from google.protobuf import field_mask_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from measure import figures, percentiles, platform_up, processes_script, ratio, retrying, say

from gov.catalog.v1 import catalog_pb2 as c
from gov.catalog.v1 import catalog_pb2_grpc
from gov.common.v1 import common_pb2 as cm
from gov.search.v1 import search_pb2 as s
from gov.search.v1 import search_pb2_grpc
from govdata.catalog.credit_code import check_character, organization_code_check
from govdata.runtime import classification, devpki
from govdata.runtime.config import Settings
from govdata.runtime.local_platform import API_PORTS, GRPC_SERVICES, WORKER_METRICS_PORTS
from govdata.runtime.stores import opensearch_client
from govdata.search import index, query, rebuild, servicer, synonyms

ROOT = Path(__file__).resolve().parents[2]
HOME = Path(os.environ.get("GOVDATA_HOME", ROOT / ".local"))
PKI = HOME / "pki"
META = (("x-gov-person", "bench"),)
PREFIX = "govdata-bench-"
SEED = 20261120
# "now" of the generated catalogue: update times fall in the three years before it
EPOCH = datetime(2026, 11, 20, tzinfo=UTC)
TARGETS = {"p95_ms": 50.0, "ratio": 1.5, "lag_p95_s": 1.0, "rebuild_s_at_100k": 120.0}
T = TypeVar("T")

# ---------------------------------------------------------------------------------------------
# The generated catalogue's vocabulary
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    """A business subject of a department: its word, classification codes, data items."""

    word: str
    codes: tuple[str, ...]
    items: tuple[str, ...]


def _vocabulary(text: str) -> tuple[tuple[str, str, tuple[Topic, ...]], ...]:
    """Departments from ``VOCABULARY``: a department line ("name id"), its topics indented by
    two ("word code code ..."), each topic's data items indented by four."""
    departments: list[tuple[str, str, list[Topic]]] = []
    for line in text.strip("\n").splitlines():
        words = line.split()
        if not line.startswith(" "):
            departments.append((words[1], words[0], []))
        elif not line.startswith("    "):
            departments[-1][2].append(Topic(words[0], tuple(words[1:]), ()))
        else:
            topic = departments[-1][2][-1]
            departments[-1][2][-1] = Topic(topic.word, topic.codes, topic.items + tuple(words))
    return tuple((dept_id, name, tuple(topics)) for dept_id, name, topics in departments)


# Department (name after the district, id), its topics (word, classification codes) and each
# topic's data items; every district has every department, under its people's government.
VOCABULARY = """
公安分局 gaj
  户籍 101001 302004 105010
    户号 户主姓名 与户主关系 户籍地址 民族 迁入日期 户别
  居住登记 101002
    居住地址 居住证编号 登记日期 居住事由 有效期限
  机动车 302002001 105006
    号牌号码 号牌种类 车辆识别代号 车辆类型 所有人名称 注册登记日期 车辆状态
  驾驶人 302002002 105005
    驾驶证号 准驾车型 初次领证日期 累积记分 驾驶证状态
  交通违法 302002003
    违法行为代码 违法时间 违法地点 处罚决定书编号 罚款金额 号牌号码
  出入境证件 302003
    证件号码 证件类型 签发日期 签发机关 有效期至
  人口迁移 101008
    迁出地 迁入地 迁移原因 迁移日期 准迁证编号
民政局 mzj
  最低生活保障 203001001
    保障对象类别 保障人数 家庭月收入 保障金额 审批日期 救助证编号
  特困人员供养 203001002
    供养方式 供养标准 供养机构 认定日期 照料护理等级
  临时救助 203001005
    救助类别 救助金额 急难情形 发放日期
  婚姻登记 303001 101003 105004
    男方姓名 女方姓名 登记类别 登记日期 结婚证字号 登记机关
  殡葬服务 303002 101005
    逝者姓名 死亡日期 火化日期 殡仪馆名称
  社会组织 303003 102003
    社会组织名称 登记证号 业务主管单位 法定代表人 成立日期
  养老服务 303005 201006
    养老机构名称 床位数 服务对象 补贴金额 入住日期
  家庭经济状况核对 203001003
    核对申请编号 核对事项 授权书编号 核对结果 核对日期
人力资源和社会保障局 rsj
  社会保险参保 203002001 304002
    社会保障号码 参保险种 缴费基数 缴费年月 参保状态 单位编号
  养老保险待遇 203002002
    待遇类型 月养老金 待遇开始年月 发放银行 发放状态
  失业保险待遇 203002003
    失业登记日期 领取月数 失业保险金 领取状态
  工伤保险 203002004
    工伤认定书编号 受伤日期 伤残等级 一次性补助金
  就业登记 304001 201002
    就业状态 就业单位 就业登记日期 劳动合同期限 失业原因
  劳动关系 304003
    劳动合同编号 用人单位名称 合同起始日期 仲裁案号
  社会保障卡 105009
    社会保障卡号 发卡日期 卡状态 发卡银行
自然资源局 zrzyj
  不动产登记 103001 305001 103001001
    不动产单元号 不动产权证书号 权利人名称 权利人证件号码 坐落 建筑面积 用途 登记日期
  抵押登记 103001002
    不动产单元号 抵押权人 抵押人 被担保债权数额 债务履行期限 不动产登记证明号
  查封登记 103001003
    不动产单元号 查封机关 查封文号 查封期限 查封类型
  土地供应 103002 305002
    宗地编号 供地方式 土地用途 出让面积 成交价款 合同编号
  国土空间规划 103005 305003
    规划编号 用地性质 容积率 规划面积 批复文号
  基础测绘 103004 305004
    图幅号 比例尺 测绘日期 坐标系 成果类型
  不动产权证书 105001
    不动产权证书号 证照编号 证照文件 持证主体代码 发证日期
住房和城乡建设局 zjj
  房屋交易 306001 209001
    合同备案号 房屋坐落 成交价格 买受人 出卖人 备案日期
  住房保障 306002 203004
    保障方式 保障房源编号 租赁补贴金额 家庭人口数 资格认定日期
  建筑市场 306003 209002
    施工许可证编号 项目代码 建设单位 施工单位 合同价款
  物业管理 306004 209005
    物业项目名称 物业服务企业 服务面积 收费标准
住房公积金管理中心 gjj
  住房公积金缴存 203003001 321001
    个人公积金账号 单位公积金账号 缴存基数 月缴存额 缴存状态 账户余额
  住房公积金贷款 203003002 321002
    贷款合同编号 贷款金额 贷款期限 贷款利率 还款方式 贷款余额
  住房公积金提取 203003003
    提取原因 提取金额 提取日期 收款账号
税务局 swj
  税务登记 307001
    纳税人识别号 纳税人名称 登记注册类型 主管税务所 登记日期
  纳税申报 307002
    纳税人识别号 税种 所属期起 所属期止 应纳税额 申报日期
  发票 307004
    发票代码 发票号码 开票日期 价税合计 销售方纳税人识别号
  纳税信用 104002
    纳税人识别号 信用等级 评价年度 评价得分
  税务稽查 307003
    稽查案件编号 检查所属期 查补税款 滞纳金 罚款金额
市场监督管理局 scjgj
  企业登记 102001 213001 308001
    企业名称 统一社会信用代码 法定代表人 注册资本 成立日期 经营范围 股东名称 股东证件号码
  个体工商户 102002
    个体工商户名称 经营者姓名 经营场所 组成形式 登记日期
  营业执照 105003
    证照编号 证照文件 持证主体代码 发证日期 有效期至
  食品经营许可 204001 308002
    许可证编号 经营项目 主体业态 有效期至 日常监督管理机构
  特种设备 213004 308003
    设备代码 设备类别 使用单位 检验日期 下次检验日期
  知识产权 213003 308004
    商标注册号 专利号 权利人名称 申请日期
  产品质量抽检 213002
    抽检编号 产品名称 抽检结果 不合格项目
  行政处罚 104001
    行政处罚决定书文号 行政相对人代码 违法事实 处罚内容 处罚决定日期
卫生健康委员会 wjw
  医疗机构 202001 309001
    医疗机构名称 执业许可证号 诊疗科目 床位数 机构等级
  出生医学证明 105007 101004
    出生医学证明编号 新生儿姓名 出生日期 出生地点 母亲姓名
  居民健康档案 202006
    健康档案编号 建档日期 既往史 签约医生
  疾病预防控制 202003 309002
    疫苗名称 接种日期 接种单位 传染病报告卡编号
  妇幼保健 202004
    孕产妇保健手册号 产检日期 儿童体检日期
  医师护士执业 202005
    执业证书编码 执业类别 执业范围 执业地点
教育局 jyj
  学籍 310001 201001
    全国学籍号 学校名称 年级 班级 入学日期 学籍状态
  学校 310002
    学校名称 办学类型 学校标识码 在校生数 教职工数
  学生资助 310003 203001004
    资助项目 资助金额 资助学年 困难等级
交通运输局 jtj
  道路运输 214001 311001
    道路运输证号 经营许可证号 车辆营运状态 核定载客
  公共交通 214002
    线路编号 线路名称 站点数量 日均客流
  公路建设 311003 214003
    项目代码 路线编号 建设里程 技术等级
生态环境分局 sthjj
  环境监测 312001
    监测点位 监测项目 监测值 监测时间 评价标准
  排污许可 312002 211004
    排污许可证编号 行业类别 主要污染物 许可排放量 有效期至
  环境执法 312003 211003
    执法检查编号 检查日期 违法行为 处罚金额
  污染源 211002
    污染源编码 污染源名称 排放口编号 排放方式
农业农村局 nyncj
  农村土地承包 313001
    承包合同编号 承包方代表 承包地块数 承包面积 确权日期
  农业补贴 313002
    补贴项目 补贴面积 补贴金额 发放日期
  动植物检疫 313003
    检疫证明编号 动物种类 数量 启运地点
财政局 czj
  预算 314001
    预算单位 预算科目 预算金额 预算年度
  国库集中支付 314002
    支付凭证号 收款人 支付金额 支付日期 资金性质
  政府采购 314003
    采购项目编号 采购方式 中标供应商 合同金额 公告日期
应急管理局 yjglj
  安全生产许可 205001 315001
    许可证编号 许可范围 企业名称 有效期至
  危险化学品 205002
    危险化学品名称 储存场所 最大储量 重大危险源等级
  生产安全事故 205003
    事故编号 事故类别 发生时间 死亡人数 直接经济损失
  应急预案 212001
    预案名称 预案类别 备案编号 演练日期
  防灾减灾 315003
    灾害类型 受灾人口 倒损房屋 救灾物资
  应急物资 212002
    物资名称 储备数量 储备库点 规格型号
医疗保障局 ybj
  医疗保险参保 316001 203002005
    医保编号 参保类别 参保状态 缴费年月 缴费金额
  医保结算 316002
    就诊流水号 医疗总费用 统筹支付 个人自付 结算日期 定点医药机构
  医疗救助 316003 203001006
    救助对象类别 救助金额 就诊医院 救助日期
退役军人事务局 tyjrj
  优抚对象 317001 203006
    优抚对象类别 抚恤金额 伤残等级 发放年月
  退役军人服务 317002
    退役时间 安置方式 服役部队 退役证编号
司法局 sfj
  法律援助 318001
    援助案件编号 受援人 援助事项 承办律师
  公证 318002
    公证书编号 公证事项 申请日期 公证员
  人民调解 318003
    调解案件编号 纠纷类型 调解结果 调解日期
  社区矫正 318004
    矫正类别 矫正期限 执行地 报到日期
统计局 tjj
  统计调查 319001
    调查表号 调查对象 报告期 指标值
  经济普查 319002
    普查对象代码 行业代码 从业人员 营业收入
文化和旅游局 whlyj
  文化市场 320001 201004
    经营单位名称 许可证号 经营范围 检查日期
  旅游服务 320002
    旅行社名称 经营许可证号 接待人数 投诉编号
  公共体育设施 201005
    场馆名称 开放时间 场地面积
残疾人联合会 cjrlh
  残疾人证 322001 105008 101006
    残疾人证号 残疾类别 残疾等级 发证日期
  残疾人康复服务 322002 203007
    康复项目 服务机构 补贴金额 服务日期
发展和改革局 fgj
  投资项目 301001
    项目代码 项目名称 总投资 建设地点 审批文号
  价格监测 206001 301002
    监测品种 规格等级 采价日期 价格
  粮食储备 301003
    储备库点 储备品种 储备数量 轮换日期
  信用修复 208003
    修复申请编号 失信行为 修复结果 修复日期
  联合奖惩 208002
    奖惩对象 奖惩措施 实施部门 实施日期
行政审批局 xzspj
  政务服务事项 324001 201003
    事项编码 事项名称 办件编号 受理日期 办结日期 办理结果
  行政许可 104003
    行政许可决定书文号 许可类别 许可内容 有效期至
大数据中心 dsjzx
  数据共享交换 324002
    交换任务编号 提供方 需求方 交换数据量 交换时间
  标准地址 103003
    标准地址编码 地址名称 所属社区 经度 纬度
  地名 103006 303004
    地名代码 标准名称 地名类别 批复日期
人民法院 fy
  失信被执行人 104004 323001
    执行案号 被执行人名称 被执行人证件号码 执行标的 立案日期
  审判信息 323002
    案号 案由 审判程序 结案日期 裁判结果
城市管理和综合执法局 cgj
  网格化管理 210001
    网格编码 事件类型 上报时间 处置状态 处置部门
  市政设施 209003
    设施编号 设施类型 所在道路 养护单位
水利局 slj
  水资源 103007
    取水许可证编号 取水量 水源类型 取水地点
商务局 swuj
  成品油 207003
    加油站名称 经营许可证号 销售量
  燃气 207002
    燃气经营许可证号 供气范围 用户数
信访局 xfj
  信访 212004
    信访件编号 信访形式 信访事项 责任单位 办结日期
街道办事处 jdb
  社区服务 210002
    社区名称 服务项目 服务对象 服务日期
  基层自治 210003
    村居名称 居委会成员 选举日期
"""
DEPARTMENTS = _vocabulary(VOCABULARY)

DISTRICTS = (("bj", "滨江区", "359903"), ("dh", "东湖区", "359904"), ("xs", "西山区", "359905"),
             ("ng", "南港区", "359906"), ("bt", "北塘区", "359907"))  # fmt: skip
STREETS = ("海滨街道", "新港街道", "东湖街道", "西山街道", "南湖街道", "北塘街道", "城关镇")
# items many resources carry besides their topic's own
COMMON_ITEMS = ("统一社会信用代码", "公民身份号码", "姓名", "性别", "出生日期", "联系电话", "地址",
                "行政区划代码", "办理日期", "经办机构", "经办人", "业务流水号", "数据来源",
                "数据更新时间", "备注", "状态")  # fmt: skip
KINDS = ("信息", "登记信息", "基本信息", "变更记录", "办件信息", "统计数据", "台账", "明细",
         "核验信息", "档案", "汇总信息", "查询接口", "名单", "审批信息")  # fmt: skip
USES = ("用于跨部门业务协同和政务服务“一网通办”", "支撑社会救助家庭经济状况核对",
        "用于事中事后监管和信用评价", "供统计分析和辅助决策使用", "用于基层治理和网格化服务管理",
        "为办事群众减免证明材料提供数据支撑")  # fmt: skip
# (enum value, format detail, share method), weighted below
FORMATS = (
    (cm.RESOURCE_FORMAT_DATABASE, "MySQL 数据表", cm.SHARE_METHOD_DATABASE),
    (cm.RESOURCE_FORMAT_DATABASE, "达梦 DM8 数据表", cm.SHARE_METHOD_DATABASE),
    (cm.RESOURCE_FORMAT_SERVICE_INTERFACE, "REST/JSON", cm.SHARE_METHOD_INTERFACE),
    (cm.RESOURCE_FORMAT_SERVICE_INTERFACE, "gRPC", cm.SHARE_METHOD_INTERFACE),
    (cm.RESOURCE_FORMAT_SPREADSHEET, "XLSX", cm.SHARE_METHOD_FILE),
    (cm.RESOURCE_FORMAT_ELECTRONIC_FILE, "OFD", cm.SHARE_METHOD_INTERFACE),
    (cm.RESOURCE_FORMAT_SELF_DESCRIBING, "JSON", cm.SHARE_METHOD_FILE),
    (cm.RESOURCE_FORMAT_IMAGE, "GeoTIFF", cm.SHARE_METHOD_FILE),
)
FORMAT_WEIGHTS = (20, 15, 20, 5, 20, 10, 5, 5)
SHARES = (cm.SHARE_TYPE_CONDITIONAL, cm.SHARE_TYPE_UNCONDITIONAL, cm.SHARE_TYPE_NOT_SHARED)
SHARE_WEIGHTS = (50, 40, 10)
CYCLES = tuple(v for v in cm.UpdateCycle.values() if v)
CYCLE_WEIGHTS = (5, 25, 5, 25, 10, 20, 10)
# a data item's type from how its name ends, as catalogue editors fill in the template
ITEM_TYPES = (
    (("日期", "年月", "有效期至", "所属期起", "所属期止"), cm.DATA_ITEM_TYPE_DATE),
    (("时间",), cm.DATA_ITEM_TYPE_DATE_TIME),
    (("金额", "金", "价款", "价格", "税额", "税款", "余额", "基数", "缴存额", "费用", "统筹支付",
      "个人自付", "资本", "总投资", "标的", "收入", "损失"), cm.DATA_ITEM_TYPE_CURRENCY),
    (("数", "数量", "面积", "里程", "储量", "客流", "容积率", "得分", "值", "记分", "载客",
      "销售量", "取水量", "数据量"), cm.DATA_ITEM_TYPE_NUMBER),
)  # fmt: skip
SHARING_RULES = "《政务信息资源共享管理暂行办法》（国发〔2016〕51号）第九条"
PERSONAL_BASIS = "《中华人民共和国个人信息保护法》第三十四条"


def item_type(name: str) -> int:
    for endings, kind in ITEM_TYPES:
        if name.endswith(endings):
            return kind
    return cm.DATA_ITEM_TYPE_CHARACTER


def credit_code(prefix: str, n: int) -> str:
    """A valid unified social credit code: ``prefix`` (8 characters) + an 8-digit serial."""
    first16 = f"{prefix}{n % 10**8:08d}"
    first17 = first16 + organization_code_check(first16[8:])
    return first17 + check_character(first17)


def sharing(share_type: int, method: int, word: str) -> c.SharingAttributes:
    """Share terms as the 2016 rules want them: conditions and basis where required."""
    terms = c.SharingAttributes(share_type=share_type, share_method=method)
    if share_type == cm.SHARE_TYPE_CONDITIONAL:
        terms.conditions = f"用于{word}相关政务服务和监管核验，经提供方审核后按需共享"
        terms.legal_basis = SHARING_RULES
    elif share_type == cm.SHARE_TYPE_NOT_SHARED:
        terms.legal_basis = PERSONAL_BASIS
        terms.ClearField("share_method")
    return terms


def _stamp(message: Any, when: datetime) -> None:
    message.FromDatetime(when)


class GeneratedCatalogue:
    """A deterministic catalogue in memory, shaped like svc-catalog's List answers (published
    resources, every system and organisation): a ``rebuild.CatalogueSource`` without gRPC."""

    def __init__(self, count: int, seed: int = SEED) -> None:
        rng = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
        tree = classification.default_tree()
        for _, _, topics in DEPARTMENTS:  # svc-catalog refuses a code outside the tree
            for topic in topics:
                missing = [code for code in topic.codes if tree.node(code) is None]
                if missing:
                    raise ValueError(f"{topic.word}: {missing} not in the classification tree")
        self._organizations: list[c.Organization] = []
        self._systems: list[c.InformationSystem] = []
        departments: list[tuple[c.Organization, str, tuple[Topic, ...], list[str]]] = []
        serial = 0
        for district_id, district, division in DISTRICTS:
            root = c.Organization(
                name=f"organizations/{district_id}-zf",
                display_name=f"滨海市{district}人民政府",
                unified_social_credit_code=credit_code(f"11{division}", serial := serial + 1),
                kind=c.ORGANIZATION_KIND_GOVERNMENT,
                revision=1,
            )
            self._organizations.append(root)
            for dept_id, dept, topics in DEPARTMENTS:
                org = c.Organization(
                    name=f"organizations/{district_id}-{dept_id}",
                    display_name=f"滨海市{district}{dept}",
                    unified_social_credit_code=credit_code(f"11{division}", serial := serial + 1),
                    parent=root.name,
                    kind=c.ORGANIZATION_KIND_DEPARTMENT,
                    revision=rng.randint(1, 4),
                )
                self._organizations.append(org)
                systems = []
                # two systems each: for its topics' business, else its office automation
                words = [t.word for t in rng.sample(topics, min(2, len(topics)))]
                for k, word in enumerate([*words, "协同办公"][:2]):
                    system = c.InformationSystem(
                        name=f"{org.name}/systems/s{k + 1:02d}",
                        display_name=f"{district}{word}{rng.choice(('管理', '业务'))}系统",
                        function=f"{word}业务的受理、审核、办结与数据归集",
                        users=f"{dept}工作人员",
                        revision=rng.randint(1, 3),
                    )
                    _stamp(system.update_time, EPOCH - timedelta(days=rng.randint(30, 900)))
                    self._systems.append(system)
                    systems.append(system.name)
                departments.append((org, district, topics, systems))
        for org in self._organizations:
            _stamp(org.update_time, EPOCH - timedelta(days=rng.randint(30, 1500)))
        weights = [len(topics) for _, _, topics, _ in departments]
        sequence: dict[str, int] = {}
        paths = {node.code: tree.path(node.code) for node in tree}
        self._resources: list[c.InformationResource] = []
        for i in range(count):
            org, district, topics, systems = rng.choices(departments, weights)[0]
            topic = rng.choice(topics)
            code = rng.choice(topic.codes)
            sequence[code] = sequence.get(code, 0) + 1
            kind = rng.choice(KINDS)
            qualifier = rng.choice(
                ("", "", "", district, f"{rng.randint(2018, 2026)}年", rng.choice(STREETS))
            )
            wanted = rng.randint(5, 15)
            own = rng.sample(topic.items, min(len(topic.items), wanted))
            names = own + rng.sample(
                [n for n in COMMON_ITEMS if n not in own], max(0, wanted - len(own))
            )
            fmt, detail, method = rng.choices(FORMATS, FORMAT_WEIGHTS)[0]
            res = c.InformationResource(
                name=f"{org.name}/resources/r{i:06d}",
                resource_code=f"{code}/{sequence[code]:06d}",
                classification=c.Classification(
                    category=int(code[0]), classification_code=code, path=paths[code]
                ),
                display_name=f"{qualifier}{topic.word}{kind}",
                provider=org.name,
                abstract=(
                    f"{org.display_name}在{topic.word}业务办理过程中形成的{topic.word}{kind}，"
                    f"包括{'、'.join(names[:4])}等{len(names)}项信息，{rng.choice(USES)}。"
                ),
                format=fmt,
                format_detail=detail,
                sharing=sharing(rng.choices(SHARES, SHARE_WEIGHTS)[0], method, topic.word),
                update_cycle=rng.choices(CYCLES, CYCLE_WEIGHTS)[0],
                source_systems=rng.sample(systems, rng.randint(0, len(systems))),
                state=c.RESOURCE_STATE_PUBLISHED,
                revision=rng.randint(3, 9),  # create, submit, publish, then edits
            )
            for j, item in enumerate(names):
                datum = item_type(item)
                length = 50 if datum == cm.DATA_ITEM_TYPE_CHARACTER else 0
                res.data_items.add(name=item, type=datum, length=length, key=j == 0)
            updated = EPOCH - timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
            _stamp(res.create_time, updated - timedelta(days=rng.randint(0, 400)))
            _stamp(res.update_time, updated)
            self._resources.append(res)

    def resources(self) -> Iterator[c.InformationResource]:
        return iter(self._resources)

    def organizations(self) -> Iterator[c.Organization]:
        return iter(self._organizations)

    def systems(self) -> Iterator[c.InformationSystem]:
        return iter(self._systems)

    def busiest_provider(self) -> str:
        counts: dict[str, int] = {}
        for res in self._resources:
            counts[res.provider] = counts.get(res.provider, 0) + 1
        return max(sorted(counts), key=counts.__getitem__)


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------


def pad(text: str, width: int) -> str:
    """``text`` cut or padded to ``width`` terminal columns (a Chinese character takes two)."""
    out, used = "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            break
        out, used = out + ch, used + w
    return out + " " * (width - used)


# ---------------------------------------------------------------------------------------------
# 1. Rebuild, and svc-catalog's List paging rate
# ---------------------------------------------------------------------------------------------


def drop_bench_indices(client: Any) -> list[str]:
    """Delete every ``govdata-bench-*`` index (their aliases go with them), by name."""
    names = sorted(client.indices.get(index=f"{PREFIX}*", expand_wildcards="all"))
    for name in names:
        client.indices.delete(index=name)
    return names


def bench_rebuild(client: Any, indices: index.Indices, source: GeneratedCatalogue) -> dict:
    index.ensure(client, indices)  # rebuild swaps aliases, so they must exist first
    done = rebuild.rebuild(client, indices, source)
    sizes = {}
    for alias in indices.by_kind.values():
        stats = client.indices.stats(index=alias, metric="docs,store")["_all"]["primaries"]
        sizes[alias] = {
            "docs": stats["docs"]["count"],
            "mb": round(stats["store"]["size_in_bytes"] / 2**20, 1),
        }
    return {
        "seconds": done.seconds,
        "written": done.written,
        "overtaken": done.overtaken,
        "indices": done.indices,
        "sizes": sizes,
        "documents_per_second": round(sum(done.written.values()) / done.seconds, 1),
        "includes": "a 2 s settle wait (2 x index.TARGETS_TTL) for workers to see the new "
        "indices, as every rebuild does",
    }


def catalogue_list_rate(min_seconds: float = 3.0) -> dict:
    """Published resources per second through svc-catalog's ListInformationResources, paged
    as ``rebuild.GrpcCatalogue`` pages it (page_size 1000, svc-search's identity); at most 20
    passes, which keeps a small catalogue's passes under svc-search's rate limit."""
    channel = devpki.channel(
        PKI, f"127.0.0.1:{API_PORTS['catalog']}", devpki.service_subject("search")
    )
    source = rebuild.GrpcCatalogue(channel)
    passes = count = 0
    began = time.perf_counter()
    while passes < 2 or (time.perf_counter() - began < min_seconds and passes < 20):
        count += retrying(lambda: sum(1 for _ in source.resources()), "catalogue List")
        passes += 1
    seconds = time.perf_counter() - began
    channel.close()
    per_pass = count // passes
    return {
        "published_resources": per_pass,
        "pages_per_pass": max(1, math.ceil(per_pass / rebuild.PAGE_SIZE)),
        "passes": passes,
        "resources_per_second": round(count / seconds, 1),
    }


# ---------------------------------------------------------------------------------------------
# 2. Search latency: a bench svc-search api against the same query on OpenSearch
# ---------------------------------------------------------------------------------------------


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _serving(address: str) -> bool:
    try:
        with devpki.channel(PKI, address) as channel:
            reply = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=GRPC_SERVICES["search"]), timeout=1
            )
            return reply.status == health_pb2.HealthCheckResponse.SERVING
    except grpc.RpcError:
        return False


class BenchApi:
    """A second svc-search api process, serving the bench indices on its own ports.

    It shares svc-search's database with the live api (its copy of the calling-system
    registry, its audit carriers), as a second replica would. The per-caller rate limit is
    raised so the benchmark measures search, not the token bucket.
    """

    def __init__(self, grpc_port: int, metrics_port: int) -> None:
        self.address = f"127.0.0.1:{grpc_port}"
        self.grpc_port, self.metrics_port = grpc_port, metrics_port
        self.log = HOME / "logs" / "search-bench-api.log"
        self.child: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BenchApi:
        for port in (self.grpc_port, self.metrics_port):
            if not _port_free(port):
                raise RuntimeError(f"port {port} is in use: choose another (--grpc-port ...)")
        env = processes_script()._service_env("search")
        env.update(
            GOVDATA_GRPC_PORT=str(self.grpc_port),
            GOVDATA_METRICS_PORT=str(self.metrics_port),
            GOVDATA_SEARCH_INDEX_PREFIX=PREFIX,
            GOVDATA_RATE_LIMIT_PER_SECOND="1000000",
            GOVDATA_RATE_LIMIT_BURST="1000000",
            GOVDATA_SEARCH_DRIFT_CHECK_SECONDS="0",  # it would compare bench with live
        )
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.child = subprocess.Popen(
                [sys.executable, "-m", "govdata.search.api_main"],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=ROOT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 90
        while not _serving(self.address):
            if self.child.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"the bench search api did not start; see {self.log}")
            time.sleep(0.3)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.child is None or self.child.poll() is not None:
            return
        self.child.terminate()
        try:
            self.child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.child.kill()
            self.child.wait()


@dataclass
class Query:
    """One benchmark query: a label and the SearchRequest sent both ways."""

    label: str
    request: s.SearchRequest
    hits: int = 0
    samples: dict[str, list[float]] = field(default_factory=dict)


def queries(source: GeneratedCatalogue) -> list[Query]:
    """Representative searches: words, two words, a synonym, a code prefix, filters, browsing,
    a second page (its token filled in later), newest first."""
    resource = s.RESULT_KIND_RESOURCE
    provider = source.busiest_provider()

    def q(label: str, **fields: Any) -> Query:
        return Query(label, s.SearchRequest(kinds=[resource], page_size=20, **fields))

    return [
        q("不动产登记", query="不动产登记"),
        q("户籍", query="户籍"),
        q("最低生活保障", query="最低生活保障"),
        q("车辆 (synonym of 机动车)", query="车辆"),
        q("data item 车辆识别代号", query="车辆识别代号"),
        q("two words 住房公积金 提取", query="住房公积金 提取"),
        q("two words 企业 股东", query="企业 股东"),
        q("two words 社会保险 缴费基数", query="社会保险 缴费基数"),
        q("synonym 低保", query="低保"),
        q("code prefix 203001001/00001", query="203001001/00001"),
        q("信息 + share type unconditional", query="信息",
          share_types=[cm.SHARE_TYPE_UNCONDITIONAL]),
        q("登记 + provider", query="登记", providers=[provider]),
        q("救助 + classification 203", query="救助", classification_code_prefix="203"),
        q("browse: everything", query=""),
        q("browse: provider + database", query="", providers=[provider],
          formats=[cm.RESOURCE_FORMAT_DATABASE]),
        q("不动产登记 page 2", query="不动产登记"),
        q("税务 newest first", query="税务", order_by=s.SEARCH_ORDER_UPDATE_TIME),
    ]  # fmt: skip


class Paths:
    """The three ways one query is answered: gRPC; the bare query on OpenSearch; everything
    the api asks OpenSearch (the department lookup, the query, the display names)."""

    def __init__(self, stub: Any, client: Any, indices: index.Indices, smart: bool) -> None:
        self.stub, self.client, self.indices, self.smart = stub, client, indices, smart
        self.words = synonyms.load(Settings.from_env("bench", "bench").synonyms_file)
        self.bodies: dict[int, dict[str, Any]] = {}
        # the servicer searches every kind's alias at once, whatever kinds are asked for
        self.every_kind = ",".join(indices.by_kind.values())

    def body(self, request: s.SearchRequest) -> dict[str, Any]:
        """The query the api sends for ``request``, with the departments its words name
        (looked up once here; the api looks them up on every call, as ``direct_names``)."""
        key = id(request)
        if key not in self.bodies:
            named = functools.partial(servicer.departments_named, self.client, self.indices)
            self.bodies[key] = query.build(request, self.smart, self.words, named)[0]
        return self.bodies[key]

    def grpc(self, request: s.SearchRequest) -> int:
        return self.stub.Search(request, metadata=META, timeout=30).total_size

    def direct(self, request: s.SearchRequest) -> int:
        return self.client.search(index=self.every_kind, body=self.body(request))["hits"]["total"][
            "value"
        ]

    def direct_names(self, request: s.SearchRequest) -> int:
        """Everything the api asks OpenSearch for one Search (``servicer.search``)."""
        answer, *_ = servicer.search(self.client, self.indices, request, self.smart, self.words)
        return int(answer["hits"]["total"]["value"])

    def all(self) -> dict[str, Callable[[s.SearchRequest], int]]:
        return {"grpc": self.grpc, "direct": self.direct, "direct_names": self.direct_names}


def sequential(paths: Paths, mix: list[Query], calls: int, warmup: int = 5) -> dict:
    """Each query ``calls`` times per path, the paths interleaved (their order rotating per
    round), so a slow moment of the machine falls on all of them alike."""
    ways = paths.all()
    order = list(ways)
    for item in mix:
        item.samples = {way: [] for way in ways}
        totals = {way: ways[way](item.request) for way in ways for _ in range(warmup)}
        if len(set(totals.values())) != 1:
            raise RuntimeError(f"{item.label}: the paths disagree on the total: {totals}")
        item.hits = totals["grpc"]
        for i in range(calls):
            for way in order[i % 3 :] + order[: i % 3]:
                start = time.perf_counter()
                ways[way](item.request)
                item.samples[way].append(time.perf_counter() - start)
        row = {way: percentiles(item.samples[way]) for way in ways}
        say(
            f"  {pad(item.label, 34)} {item.hits:>6} hits  gRPC p95 {row['grpc']['p95_ms']:7.2f} ms"
            f"  direct {row['direct']['p95_ms']:7.2f}  +names {row['direct_names']['p95_ms']:7.2f}"
        )
    per_query = []
    for item in mix:
        row = {way: percentiles(item.samples[way]) for way in ways}
        per_query.append(
            {
                "query": item.label,
                "hits": item.hits,
                **row,
                "p95_ratio": ratio(row["grpc"]["p95_ms"], row["direct"]["p95_ms"]),
                "p95_ratio_like_for_like": ratio(
                    row["grpc"]["p95_ms"], row["direct_names"]["p95_ms"]
                ),
            }
        )
    overall = {way: percentiles([x for item in mix for x in item.samples[way]]) for way in ways}
    return {
        "calls_per_query_per_path": calls,
        "overall": {
            **overall,
            "p95_ratio": ratio(overall["grpc"]["p95_ms"], overall["direct"]["p95_ms"]),
            "p95_ratio_like_for_like": ratio(
                overall["grpc"]["p95_ms"], overall["direct_names"]["p95_ms"]
            ),
        },
        "per_query": per_query,
    }


def concurrent(paths: Paths, mix: list[Query], calls: int, threads: int) -> dict:
    """The whole mix from ``threads`` threads, gRPC and direct in alternating blocks."""
    ways = {"grpc": paths.grpc, "direct": paths.direct}
    samples: dict[str, list[tuple[int, float]]] = {way: [] for way in ways}
    walls = dict.fromkeys(ways, 0.0)
    failures: dict[str, int] = {}
    lock = threading.Lock()
    block = max(len(mix), calls // 2)
    for _round in range(2):
        for way, call in ways.items():

            def one(i: int, call: Callable[[s.SearchRequest], int] = call, way: str = way) -> None:
                start = time.perf_counter()
                try:
                    call(mix[i % len(mix)].request)
                except grpc.RpcError as error:  # a failure is a result too: counted, shown
                    with lock:
                        key = f"{way} {error.code().name}"
                        failures[key] = failures.get(key, 0) + 1
                    return
                with lock:
                    samples[way].append((i % len(mix), time.perf_counter() - start))

            began = time.perf_counter()
            with ThreadPoolExecutor(max_workers=threads) as pool:
                list(pool.map(one, range(block)))
            walls[way] += time.perf_counter() - began
    result: dict[str, Any] = {"threads": threads, "calls_per_path": 2 * block, "failed": failures}
    for way in ways:
        result[way] = {
            "ops_per_second": round(len(samples[way]) / walls[way], 1),
            **percentiles([x for _, x in samples[way]]),
        }
    result["throughput_share"] = ratio(
        result["grpc"]["ops_per_second"], result["direct"]["ops_per_second"]
    )
    result["p95_ratio"] = ratio(result["grpc"].get("p95_ms"), result["direct"].get("p95_ms"))
    result["per_query_p95_ms"] = {
        item.label: {
            way: percentiles([x for k, x in samples[way] if k == n]).get("p95_ms") for way in ways
        }
        for n, item in enumerate(mix)
    }
    return result


def bench_search(
    client: Any, indices: index.Indices, source: GeneratedCatalogue, args: argparse.Namespace
) -> dict:
    smart = index.ensure(client, indices)  # as the api reads it from the live mapping
    mix = queries(source)
    with BenchApi(args.grpc_port, args.metrics_port) as api:
        say(f"bench search api serving {PREFIX}* at {api.address}")
        channel = devpki.channel(PKI, api.address)
        paths = Paths(search_pb2_grpc.SearchServiceStub(channel), client, indices, smart)
        second = next(item for item in mix if item.label.endswith("page 2"))
        first = paths.stub.Search(second.request, metadata=META, timeout=30)
        second.request.page_token = first.next_page_token
        say(f"sequential: {args.calls} calls per query per path, interleaved")
        seq = sequential(paths, mix, args.calls)
        say(f"concurrent: {args.threads} threads, {args.concurrent_calls} calls per path")
        conc = concurrent(paths, mix, args.concurrent_calls, args.threads)
        channel.close()
    return {"smartcn": smart, "sequential": seq, "concurrent": conc}


# ---------------------------------------------------------------------------------------------
# 3. Index lag under a steady write load, on the running platform
# ---------------------------------------------------------------------------------------------


def lag_histogram() -> dict[str, float] | None:
    """svc-search worker's ``govdata_search_index_lag_seconds{kind="resource"}`` buckets
    (cumulative, by upper bound) and count; None when its metrics cannot be read."""
    from prometheus_client.parser import text_string_to_metric_families

    url = f"http://127.0.0.1:{WORKER_METRICS_PORTS['search']}/metrics"
    try:
        with urllib.request.urlopen(url, timeout=3) as reply:
            text = reply.read().decode()
    except OSError:
        return None
    out: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        if family.name != "govdata_search_index_lag_seconds":
            continue
        for sample in family.samples:
            if sample.labels.get("kind") != "resource":
                continue
            if sample.name.endswith("_bucket"):
                out[sample.labels["le"]] = sample.value
            elif sample.name.endswith("_count"):
                out["count"] = sample.value
    return out or None


def histogram_delta(before: dict[str, float] | None, after: dict[str, float] | None) -> dict:
    """The events of the run in the worker's histogram, and the bucket bounds holding its
    p50/p95/p99 (a histogram gives bounds, not values)."""
    if after is None:
        return {"available": False}
    if before is None or after.get("count", 0) < before.get("count", 0):
        before = {}  # the worker restarted meanwhile: its counts start again
    delta = {k: after[k] - before.get(k, 0.0) for k in after}
    count = delta.pop("count", 0.0)
    bounds = sorted(delta, key=lambda le: math.inf if le == "+Inf" else float(le))

    def bound(q: float) -> str | None:
        return next((le for le in bounds if count and delta[le] >= q * count), None)

    return {
        "available": True,
        "events": int(count),
        "buckets": {le: int(delta[le]) for le in bounds},
        "p50_at_most_s": bound(0.50),
        "p95_at_most_s": bound(0.95),
        "p99_at_most_s": bound(0.99),
    }


def lag_caller(admin: Any, tag: str) -> str:
    """A calling system of the run's own, with a rate limit no load here reaches: the
    administrator's 100 calls/s per api is shared with whoever else uses the platform."""
    subject = f"bench-lag-{tag}"
    devpki.issue_to(PKI, subject)
    retrying(
        lambda: admin.CreateCallingSystem(
            c.CreateCallingSystemRequest(
                calling_system_id=subject,
                calling_system=c.CallingSystem(
                    display_name="index-lag benchmark",
                    certificate_subject=subject,
                    organization=devpki.PLATFORM_ORGANIZATION,
                    roles=["platform_admin"],
                    rate_limit_per_second=100000,
                ),
            ),
            metadata=META,
        ),
        "register calling system",
    )
    return subject


def admitted(call: Callable[[], T], timeout: float = 60.0) -> T:
    """``call`` once the api admits the new calling system (its registry copy follows the
    catalogue's events within seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return retrying(call, "search")
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.UNAUTHENTICATED or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def lag_pool(catalog: Any, org: str, tag: str, size: int) -> list[c.InformationResource]:
    """``size`` published resources of ``org`` for the lag run to update."""
    pool = []
    for k in range(size):
        draft = retrying(
            lambda k=k: catalog.CreateInformationResource(
                c.CreateInformationResourceRequest(
                    parent=org,
                    information_resource=c.InformationResource(
                        display_name=f"最低生活保障对象信息 lag{tag} p{k:02d}",
                        abstract="索引延迟基准：低保对象、保障金额与审批日期",
                        format=cm.RESOURCE_FORMAT_DATABASE,
                        update_cycle=cm.UPDATE_CYCLE_DAILY,
                        classification=c.Classification(
                            category=cm.CLASSIFICATION_CATEGORY_THEME,
                            classification_code="203001001",
                        ),
                        sharing=c.SharingAttributes(
                            share_type=cm.SHARE_TYPE_UNCONDITIONAL,
                            share_method=cm.SHARE_METHOD_INTERFACE,
                        ),
                        data_items=[
                            c.DataItem(name=n, type=cm.DATA_ITEM_TYPE_CHARACTER, length=50)
                            for n in ("姓名", "保障金额", "审批日期", "保障人数", "救助证编号")
                        ],
                    ),
                ),
                metadata=META,
            ),
            "create resource",
        )
        sub = retrying(
            lambda d=draft: catalog.SubmitInformationResource(
                c.SubmitInformationResourceRequest(name=d.name, etag=d.etag), metadata=META
            ),
            "submit",
        )
        pool.append(
            retrying(
                lambda r=sub: catalog.PublishInformationResource(
                    c.PublishInformationResourceRequest(name=r.name, etag=r.etag), metadata=META
                ),
                "publish",
            )
        )
    return pool


def bench_lag(seconds: float, rate: float, pool_size: int = 25) -> dict:
    """Update published resources' display names at ``rate`` per second for ``seconds``; time
    each update from its acknowledgement to the first Search answer showing the new name.

    One poller searches every 50 ms for the run's tag and checks the returned titles for every
    write still pending, so polling load stays at 20 Searches/s however many are pending. A
    write whose wait saw a failed poll (the search api restarting, say) is reported apart.
    """
    tag = uuid.uuid4().hex[:8]
    admin = catalog_pb2_grpc.CatalogServiceStub(
        devpki.channel(PKI, f"127.0.0.1:{API_PORTS['catalog']}")
    )
    subject = lag_caller(admin, tag)
    catalog = catalog_pb2_grpc.CatalogServiceStub(
        devpki.channel(PKI, f"127.0.0.1:{API_PORTS['catalog']}", subject)
    )
    search = search_pb2_grpc.SearchServiceStub(
        devpki.channel(PKI, f"127.0.0.1:{API_PORTS['search']}", subject)
    )
    org = retrying(
        lambda: catalog.CreateOrganization(
            c.CreateOrganizationRequest(
                organization_id=f"bench-lag-{tag}",
                organization=c.Organization(
                    display_name="索引延迟基准测试局",
                    unified_social_credit_code=credit_code("12359902", int(tag, 16)),
                    kind=c.ORGANIZATION_KIND_DEPARTMENT,
                ),
            ),
            metadata=META,
        ),
        "create organisation",
    )
    pool = lag_pool(catalog, org.name, tag, pool_size)
    request = s.SearchRequest(
        query=f"lag{tag}",
        providers=[org.name],
        kinds=[s.RESULT_KIND_RESOURCE],
        page_size=min(100, 2 * pool_size),
    )
    # the pool is searchable (and the caller admitted) before the clock starts
    deadline = time.monotonic() + 60
    while admitted(lambda: search.Search(request, metadata=META)).total_size < len(pool):
        if time.monotonic() > deadline:
            raise RuntimeError("the lag pool did not become searchable within 60 s")
        time.sleep(0.2)

    pending: dict[str, float] = {}  # token -> acknowledgement time
    seen: dict[str, tuple[float, float]] = {}  # token -> (acknowledgement, seen)
    failed_polls: list[float] = []
    poll_seconds: list[float] = []
    lock = threading.Lock()
    writing = threading.Event()
    writing.set()
    poll_errors: dict[str, int] = {}

    def poll() -> None:
        while writing.is_set() or pending:
            start = time.perf_counter()
            try:
                answer = search.Search(request, metadata=META, timeout=10)
            except grpc.RpcError as error:
                poll_errors[error.code().name] = poll_errors.get(error.code().name, 0) + 1
                failed_polls.append(time.perf_counter())
                time.sleep(0.5)
                continue
            now = time.perf_counter()
            poll_seconds.append(now - start)
            titles = " ".join(result.title for result in answer.results)
            with lock:
                for token in [t for t in pending if t in titles]:
                    seen[token] = (pending.pop(token), now)
            time.sleep(0.05)

    before = lag_histogram()
    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    writes = int(seconds * rate)
    write_errors: dict[str, int] = {}
    write_seconds: list[float] = []
    began = time.perf_counter()
    for i in range(writes):
        time.sleep(max(0.0, began + i / rate - time.perf_counter()))
        k = i % pool_size
        token = f"w{i:05d}x"
        patch = c.InformationResource(
            name=pool[k].name,
            etag=pool[k].etag,
            display_name=f"最低生活保障对象信息 lag{tag} {token}",
        )
        start = time.perf_counter()
        try:
            pool[k] = catalog.UpdateInformationResource(
                c.UpdateInformationResourceRequest(
                    information_resource=patch,
                    update_mask=field_mask_pb2.FieldMask(paths=["display_name"]),
                ),
                metadata=META,
                timeout=30,
            )
        except grpc.RpcError as error:
            write_errors[error.code().name] = write_errors.get(error.code().name, 0) + 1
            if error.code() == grpc.StatusCode.ABORTED:  # stale etag: read it again
                pool[k] = catalog.GetInformationResource(
                    c.GetInformationResourceRequest(name=pool[k].name), metadata=META
                )
            continue
        acknowledged = time.perf_counter()
        write_seconds.append(acknowledged - start)
        with lock:
            pending[token] = acknowledged
    achieved = len(write_seconds) / (time.perf_counter() - began)
    drain = time.monotonic() + 30
    while pending and time.monotonic() < drain:
        time.sleep(0.1)
    writing.clear()
    with lock:
        unseen = len(pending)
        pending.clear()
    poller.join(timeout=15)
    after = lag_histogram()
    for res in pool:  # out of the live search: retired resources are never found
        try:
            catalog.RetireInformationResource(
                c.RetireInformationResourceRequest(
                    name=res.name, etag=res.etag, reason="index-lag benchmark finished"
                ),
                metadata=META,
                timeout=30,
            )
        except grpc.RpcError:
            pass
    try:
        admin.DeleteCallingSystem(
            c.DeleteCallingSystemRequest(name=f"callingSystems/{subject}"), metadata=META
        )
        for suffix in (".crt", ".key"):
            (PKI / f"{subject}{suffix}").unlink(missing_ok=True)
    except grpc.RpcError:
        pass

    def disturbed(ack: float, found: float) -> bool:
        return any(ack <= t <= found for t in failed_polls)

    lags = [found - ack for ack, found in seen.values()]
    clean = [found - ack for ack, found in seen.values() if not disturbed(ack, found)]
    return {
        "organization": org.name,
        "calling_system": f"callingSystems/{subject}",
        "target_writes_per_second": rate,
        "achieved_writes_per_second": round(achieved, 2),
        "seconds": seconds,
        "writes_acknowledged": len(write_seconds),
        "write_failures": write_errors,
        "update_call": percentiles(write_seconds),
        "searchable_after_ack": percentiles(lags, unit=1.0, suffix="s"),
        "searchable_after_ack_without_failed_polls": percentiles(clean, unit=1.0, suffix="s"),
        "not_seen_within_30_s": unseen,
        "poll_call": percentiles(poll_seconds),
        "poll_failures": poll_errors,
        "poll_interval_ms": 50,
        # (seconds into the run the write was acknowledged, seconds until found)
        "series": sorted(
            (round(ack - began, 2), round(found - ack, 3)) for ack, found in seen.values()
        ),
        "worker_histogram": histogram_delta(before, after),
    }


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def report(results: dict) -> None:
    """The readable table; the JSON file has every figure."""
    say("")
    over = f" over {results['resources']:,} generated resources" if results["resources"] else ""
    say(f"=== search benchmark{over} ===")
    if gen := results.get("generate"):
        say(
            f"generated in process: {gen['seconds']} s ({gen['organizations']} organisations, "
            f"{gen['systems']} systems, {gen['data_items']:,} data items)"
        )
    if reb := results.get("rebuild"):
        say(
            f"rebuild (rebuild.rebuild, in-process source): {reb['seconds']} s "
            f"[goal < 120 s at 100,000], {reb['documents_per_second']:,} documents/s"
        )
        for alias, size in reb["sizes"].items():
            say(f"  {alias:30} {size['docs']:>9,} docs {size['mb']:>8} MB")
    if listed := results.get("catalogue_list"):
        say(
            f"svc-catalog List over gRPC: {listed['resources_per_second']:,} resources/s (on "
            f"{listed['published_resources']} published resources, {listed['pages_per_pass']} "
            f"page(s) per pass) -> estimated gRPC-sourced rebuild "
            f"{results.get('estimated_grpc_rebuild_seconds')} s"
        )
    if found := results.get("search"):
        seq = found["sequential"]
        say("")
        say(
            f"search latency, sequential ({seq['calls_per_query_per_path']} calls per query per "
            "path, ms)  [goal: gRPC p95 < 50, p95 ratio < 1.5]"
        )
        head = (
            f"{'query':36}{'hits':>7} | {'gRPC p50':>8}{'p95':>8}{'p99':>8} | "
            f"{'direct p50':>10}{'p95':>8}{'p99':>8} | {'+names p95':>10} | {'ratio':>5}"
            f"{'like':>6}"
        )
        say(head)
        say("-" * len(head))
        for row in [*seq["per_query"], {"query": "OVERALL", "hits": "", **seq["overall"]}]:
            g, d, n = row["grpc"], row["direct"], row["direct_names"]
            say(
                f"{pad(row['query'], 36)}{row['hits']!s:>7} | {g['p50_ms']:8.2f}"
                f"{g['p95_ms']:8.2f}{g['p99_ms']:8.2f} | {d['p50_ms']:10.2f}{d['p95_ms']:8.2f}"
                f"{d['p99_ms']:8.2f} | {n['p95_ms']:10.2f} | {row['p95_ratio']!s:>5}"
                f"{row['p95_ratio_like_for_like']!s:>6}"
            )
        conc = found["concurrent"]
        say("")
        say(
            f"concurrent, {conc['threads']} threads, whole mix ({conc['calls_per_path']} calls "
            f"per path): gRPC {conc['grpc']['ops_per_second']} ops/s ({figures(conc['grpc'])} "
            f"ms); direct {conc['direct']['ops_per_second']} ops/s "
            f"({figures(conc['direct'])} ms); throughput share {conc['throughput_share']}, "
            f"p95 ratio {conc['p95_ratio']}"
            + (f"; failures {conc['failed']}" if conc["failed"] else "")
        )
    if lag := results.get("lag"):
        say("")
        say(
            f"index lag, {lag['achieved_writes_per_second']} updates/s for {lag['seconds']} s "
            f"({lag['writes_acknowledged']} writes), ack -> found by Search: "
            f"{figures(lag['searchable_after_ack'], 's')} s [goal p95 < 1 s]; not seen "
            f"within 30 s: {lag['not_seen_within_30_s']}"
        )
        if lag["poll_failures"]:
            clean = lag["searchable_after_ack_without_failed_polls"]
            say(
                f"  polls failed {lag['poll_failures']}; the {clean['n']} writes whose wait saw "
                f"no failed poll: {figures(clean, 's')} s"
            )
        say(
            f"  update call p50 {lag['update_call'].get('p50_ms')} ms; poll Search p50 "
            f"{lag['poll_call'].get('p50_ms')} ms, p95 {lag['poll_call'].get('p95_ms')} ms"
            + (f"; write failures {lag['write_failures']}" if lag["write_failures"] else "")
        )
        hist = lag["worker_histogram"]
        if hist.get("available"):
            say(
                f"  worker histogram (event time -> applied, before refresh), {hist['events']} "
                f"events: p50 <= {hist['p50_at_most_s']} s, p95 <= {hist['p95_at_most_s']} s, "
                f"p99 <= {hist['p99_at_most_s']} s"
            )
    for note in results["notes"]:
        say(f"note: {note}")


def index_stages(client: Any, args: argparse.Namespace, results: dict) -> None:
    """Generate, rebuild, page svc-catalog, search; the bench indices are gone after."""
    notes: list[str] = results["notes"]
    indices = index.Indices(PREFIX)
    if dropped := drop_bench_indices(client):
        say(f"dropped left-over indices: {', '.join(dropped)}")
    try:
        say(f"generating {args.resources:,} resources (seed {SEED}) ...")
        began = time.perf_counter()
        source = GeneratedCatalogue(args.resources)
        results["generate"] = {
            "seconds": round(time.perf_counter() - began, 1),
            "organizations": sum(1 for _ in source.organizations()),
            "systems": sum(1 for _ in source.systems()),
            "data_items": sum(len(r.data_items) for r in source.resources()),
            "seed": SEED,
        }
        say(f"rebuilding {PREFIX}* ...")
        results["rebuild"] = bench_rebuild(client, indices, source)
        say(f"  {results['rebuild']['seconds']} s")
        notes.append(
            "the rebuild's source is generated in this process, not read from svc-catalog "
            "over gRPC: the rebuild time is indexing alone"
        )
        say("paging svc-catalog's published resources over gRPC ...")
        listed = catalogue_list_rate() if platform_up(("catalog",)) else None
        if listed is None:
            notes.append("svc-catalog List not measured: its api is not running")
        elif listed["published_resources"] < 50:
            results["catalogue_list"] = listed
            notes.append(
                f"svc-catalog List rate not used: the live catalogue has only "
                f"{listed['published_resources']} published resources (load the demo)"
            )
        else:
            results["catalogue_list"] = listed
            estimate = results["rebuild"]["seconds"] + args.resources / max(
                listed["resources_per_second"], 1e-6
            )
            results["estimated_grpc_rebuild_seconds"] = round(estimate, 1)
            notes.append(
                "a gRPC-sourced rebuild pages and indexes in one thread, so it is estimated as "
                "the in-process rebuild + resources / svc-catalog's List rate. That rate was "
                f"measured on the live catalogue's {listed['published_resources']} published "
                "resources; at 100,000 it holds only if List's cost per page does not grow "
                "with the catalogue."
            )
        results["search"] = bench_search(client, indices, source, args)
        notes.append(
            "the gRPC path also looks up the departments a query names and fetches "
            "organisation and system display names (mget); 'direct' is the bare query the api "
            "sends (the issue's ratio), 'direct_names' all the api asks OpenSearch "
            "(like-for-like ratio)"
        )
        notes.append(
            "the bench api is a second svc-search api process sharing svc-search's database "
            "(registry copy, audit records); its per-caller rate limit is raised so the token "
            "bucket is not what is measured; this process and the api share the machine"
        )
    finally:
        drop_bench_indices(client)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=100_000, help="0 skips rebuild and search")
    parser.add_argument("--calls", type=int, default=100, help="sequential, per query per path")
    parser.add_argument("--concurrent-calls", type=int, default=680, help="per path")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--lag-seconds", type=float, default=60.0, help="0 skips the lag run")
    parser.add_argument("--lag-rate", type=float, default=5.0, help="updates per second")
    parser.add_argument("--grpc-port", type=int, default=20152)
    parser.add_argument("--metrics-port", type=int, default=9452)
    args = parser.parse_args(argv)

    results: dict[str, Any] = {
        "benchmark": "search over generated resources (issue: search at 100,000)",
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "resources": args.resources,
        "targets": TARGETS,
        "notes": [],
    }
    if args.resources > 0:
        index_stages(opensearch_client(Settings.from_env("bench", "bench")), args, results)
    if args.lag_seconds > 0 and not platform_up(("catalog", "search")):
        results["notes"].append("index lag not measured: the platform is not running")
    elif args.lag_seconds > 0:
        say(f"index lag: {args.lag_rate} updates/s for {args.lag_seconds:.0f} s ...")
        results["lag"] = bench_lag(args.lag_seconds, args.lag_rate)
        results["notes"].append(
            "lag is measured on the running platform (svc-catalog api -> outbox relay -> "
            "RabbitMQ -> search worker -> OpenSearch refresh) by one Search every 50 ms from "
            "a calling system of its own; polling adds up to 50 ms plus one Search to each "
            "figure"
        )
    report(results)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    path = out / f"search-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    say(f"written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
