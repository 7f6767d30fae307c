"""The report as a document (核对报告书): a PDF for the officer's file, or the job as JSON.

``render_pdf`` lays out one verification job on A4: the header (job, application, policy
and revision, purpose, times in Beijing time), the overall result in words, the members, the
declared items, one row per finding with its values in yuan, the evidence each finding rests
on, the sources that did not answer, and a line for the officer's signature. Tables break
across pages with their header row repeated; every page is numbered. ``render_json`` is the
job in the proto3 JSON mapping.

The job comes in as the reader may see it: where the caller masked personal data
(``3599**********123X``, ``张*``) that is what is printed. Nothing here unmasks or masks.

It is done in two steps: ``_Content`` says everything the document prints, as text (what
is said), and ``_layout`` puts it on pages (how it looks). Knowing the text first is what
lets the font be cut down to the characters used before the PDF is written.

Library: fpdf2 (LGPL-3.0), pure Python and actively maintained; its tables wrap cell text,
never split a row across pages and repeat their header row on the next page, and it embeds
a subset of a TrueType font as a CID font (Identity-H) with a ToUnicode map, so the text
stays searchable and copyable. reportlab was the other choice; fpdf2 has the table layout
this report needs built in.

Font: Noto Sans SC Regular (Google/Adobe, SIL Open Font License 1.1) from the PyPI package
``pylopdf-fonts-zh-cn``, a dependency of this service, found through importlib.resources.
It ships with CFF (PostScript) outlines, which fpdf2 embeds with a custom encoding CMap that
common extractors (pypdf) cannot read. So each rendering cuts the font down to the
characters the document uses and converts those glyphs to TrueType outlines with fontTools
(an fpdf2 dependency): the PDF embeds a small TrueType subset (FontFile2, Identity-H), the
most widely readable form.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from io import BytesIO
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fpdf import FPDF, FontFace
from fpdf.enums import TableCellFillMode, TextMode, WrapMode, XPos, YPos
from google.protobuf import json_format, timestamp_pb2

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime.privacy import normalize_id_number
from govdata.verify.policy import Kind, Policy

FONT_PACKAGE = "pylopdf_fonts_zh_cn"  # PyPI: pylopdf-fonts-zh-cn
FONT_FILE = "NotoSansSC-Regular.otf"

TITLE = "居民家庭经济状况核对报告"
SUBTITLE = "（核对报告书）"
BEIJING = timezone(timedelta(hours=8), "北京时间")

OVERALL = {
    v.OVERALL_RESULT_PASS: "核对通过",
    v.OVERALL_RESULT_FAIL: "核对不通过",
    v.OVERALL_RESULT_INCOMPLETE: "核对不完整，需人工复核",
}
OUTCOME = {
    v.FINDING_OUTCOME_PASS: "通过",
    v.FINDING_OUTCOME_FAIL: "不通过",
    v.FINDING_OUTCOME_INCOMPLETE: "无法核对",
}
RELATION = {
    v.MEMBER_RELATION_APPLICANT: "申请人",
    v.MEMBER_RELATION_SPOUSE: "配偶",
    v.MEMBER_RELATION_CHILD: "子女",
    v.MEMBER_RELATION_PARENT: "父母",
    v.MEMBER_RELATION_GRANDPARENT: "祖父母/外祖父母",
    v.MEMBER_RELATION_GRANDCHILD: "孙子女/外孙子女",
    v.MEMBER_RELATION_SIBLING: "兄弟姐妹",
    v.MEMBER_RELATION_OTHER: "其他",
}
STATE = {
    v.VERIFICATION_JOB_STATE_PENDING: "待核对",
    v.VERIFICATION_JOB_STATE_RUNNING: "核对中",
    v.VERIFICATION_JOB_STATE_SUCCEEDED: "已完成",
    v.VERIFICATION_JOB_STATE_FAILED: "失败",
    v.VERIFICATION_JOB_STATE_CANCELLED: "已取消",
}
# Kinds whose findings carry counts (records, properties, members), not amounts in fen.
COUNT_KINDS = (Kind.ANY_RECORD_EXISTS, Kind.COUNT_ABOVE, Kind.MEMBERS_REGISTERED)

NONE = "—"
FOOTER = "第 {page} 页，共 {pages} 页"  # fpdf2 fills in {nb}, the page count, at the end
SIGNATURE = ("核对人签字：____________________", "日期：______年____月____日")
SIGNATURE_NOTE = "核对人已审阅上述核对结果及其依据。"

Colour = tuple[int, int, int]
_RED, _GREEN, _AMBER, _GREY = (176, 32, 32), (22, 118, 52), (176, 96, 0), (90, 90, 90)
_RESULT_COLOURS: dict[int, tuple[Colour, Colour]] = {  # text, background
    v.OVERALL_RESULT_PASS: (_GREEN, (230, 245, 234)),
    v.OVERALL_RESULT_FAIL: (_RED, (252, 232, 232)),
    v.OVERALL_RESULT_INCOMPLETE: (_AMBER, (253, 242, 224)),
}
_OUTCOME_COLOURS = {v.FINDING_OUTCOME_FAIL: _RED, v.FINDING_OUTCOME_INCOMPLETE: _AMBER}
_HEADINGS = FontFace(emphasis="", fill_color=(228, 232, 238))
_LABELS = FontFace(emphasis="", fill_color=(228, 232, 238), color=_GREY)
_STRIPES = (246, 247, 249)
_PADDING = (1, 1.2)  # mm, top and bottom, left and right of a table cell
_SLACK = 0.4  # mm kept free on a line, so fpdf2 never wraps it again
# _FPDF_WRAP: text reaches fpdf2 already wrapped (``_wrapped``). Its own wrapping stays at
# WORD, never CHAR: in fpdf2 2.8.9 a CHAR-wrapped cell narrower than one character loops for
# ever, growing without bound, where WORD raises FPDFException.

# What a line never breaks inside: a run of Latin letters, digits and the marks of numbers
# and identifiers (broken after a "/" though), or one other character; with the closing
# punctuation after it and the opening punctuation before it (a simple 禁则).
_TOKEN = re.compile(r"[（「『“(]*(?:[0-9A-Za-z.,%_+\-*#@·]+/?|.)[，。、；：！？）」』”),;:]*")
_FAMILY = "cjk"


class ReportFontMissing(RuntimeError):
    """The Chinese font the PDF embeds is not installed."""


def counted_rules(policy: Policy) -> frozenset[str]:
    """The ids of ``policy``'s rules whose findings' values are counts, not fen: pass them
    to ``render_pdf`` as ``counted``."""
    return frozenset(rule.id for rule in policy.rules if rule.kind in COUNT_KINDS)


def render_json(job: v.VerificationJob) -> bytes:
    """The job in the proto3 JSON mapping, UTF-8 with non-ASCII characters as themselves."""
    return json_format.MessageToJson(job, ensure_ascii=False, indent=2).encode()


def render_pdf(
    job: v.VerificationJob,
    rule_titles: Mapping[str, str],
    *,
    counted: Collection[str] = (),
) -> bytes:
    """The 核对报告书 for ``job`` as PDF. ``rule_titles`` names each rule id (a rule not in it
    is shown by its id); ``counted`` are the rules whose values are counts
    (``counted_rules(policy)``), every other finding's values are fen, shown as yuan.
    ReportFontMissing when the font package is not installed."""
    content = _Content.of(job, rule_titles, frozenset(counted))
    with _font(content.characters()) as font:
        document = _Document(content)
        document.add_font(_FAMILY, "", font)
        document.set_font(_FAMILY, size=10)
        _layout(document, content)
        return bytes(document.output())


# --- what the document says ----------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    widths: tuple[float, ...]  # mm, 180 in all (A4 less the margins)
    heading: tuple[str, ...]
    rows: list[tuple[str, ...]]
    colours: list[tuple[Colour | None, ...]] = field(default_factory=list)  # text, per cell


@dataclass(frozen=True)
class _Section:
    title: str
    table: _Table | None  # None: nothing to list, ``note`` says so
    note: str = ""


@dataclass(frozen=True)
class _Content:
    running_head: str
    subject: str
    created: datetime | None  # the report's, so the same report gives the same document
    details: list[tuple[str, str, str, str]]  # label, value, label, value
    result: int  # OverallResult
    result_words: str
    summary: str
    sections: list[_Section]

    @classmethod
    def of(
        cls, job: v.VerificationJob, rule_titles: Mapping[str, str], counted: frozenset[str]
    ) -> _Content:
        report = job.report
        requester = "，".join(p for p in (job.requester.organization, job.requester.person) if p)
        return cls(
            running_head=f"{TITLE}　申请编号 {job.application_id or NONE}",
            subject=job.name,
            created=(
                report.create_time.ToDatetime(tzinfo=UTC)
                if report.HasField("create_time")
                else None
            ),
            details=[
                ("核对任务", job.name or NONE, "申请编号", job.application_id or NONE),
                (
                    "核对政策",
                    report.policy or job.policy or NONE,
                    "政策版本",
                    report.policy_revision or NONE,
                ),
                ("核对用途", job.purpose or NONE, "任务状态", STATE.get(job.state, NONE)),
                ("发起单位/经办人", requester or NONE, "时区", "北京时间（UTC+8）"),
                ("创建时间", _time(job, "create_time"), "完成时间", _time(job, "end_time")),
                ("报告生成时间", _time(report, "create_time"), "", ""),
            ],
            result=report.overall_result,
            result_words=f"核对结论：{OVERALL.get(report.overall_result, '尚无核对结论')}",
            summary=_summary(report),
            sections=[
                _members(job.household),
                _declared(job.household),
                _findings(job, rule_titles, counted),
                _evidence(report),
                _incomplete(report),
            ],
        )

    def characters(self) -> set[str]:
        """Every character the document may print: its text, the layout's own words, and
        printable ASCII for numbers (the page count is filled in last)."""
        texts = [TITLE, SUBTITLE, FOOTER, *SIGNATURE, SIGNATURE_NOTE]
        texts += [self.running_head, self.result_words, self.summary]
        texts += [text for row in self.details for text in row]
        for section in self.sections:
            texts += [section.title, section.note]
            if section.table:
                texts += section.table.heading
                texts += [text for row in section.table.rows for text in row]
        return {chr(c) for c in range(0x20, 0x7F)} | {c for text in texts for c in text}


def _summary(report: v.Report) -> str:
    counts = dict.fromkeys(OUTCOME, 0)
    for finding in report.findings:
        counts[finding.outcome] = counts.get(finding.outcome, 0) + 1
    summary = (
        f"共 {len(report.findings)} 项核对：通过 {counts[v.FINDING_OUTCOME_PASS]} 项，"
        f"不通过 {counts[v.FINDING_OUTCOME_FAIL]} 项，"
        f"无法核对 {counts[v.FINDING_OUTCOME_INCOMPLETE]} 项"
    )
    if report.incomplete_sources:
        summary += f"；{len(report.incomplete_sources)} 个数据来源未能查询"
    return summary


def _members(household: v.Household) -> _Section:
    rows = [
        (str(i), m.name or NONE, m.citizen_id or NONE, RELATION.get(m.relation, "未填写"))
        for i, m in enumerate(household.members, 1)
    ]
    table = _Table((12, 50, 70, 48), ("序号", "姓名", "公民身份号码", "与申请人关系"), rows)
    return _Section("一、家庭成员", table if rows else None, "" if rows else "未列出家庭成员。")


def _declared(household: v.Household) -> _Section:
    who = _Names(household)
    rows: list[tuple[str, ...]] = []
    for income in household.incomes:
        rows.append(
            ("月收入", who(income.citizen_id), f"来源：{income.source or NONE}",
             _yuan(income.monthly_income_fen))
        )  # fmt: skip
    for estate in household.real_estate:
        area = estate.floor_area_square_meters
        rows.append(
            ("房产", "、".join(who(owner) for owner in estate.owner_citizen_ids) or NONE,
             f"坐落：{estate.address or NONE}；不动产权证号：{estate.certificate_number or NONE}；"
             f"建筑面积：{f'{area:g} 平方米' if area else NONE}", NONE)
        )  # fmt: skip
    for vehicle in household.vehicles:
        rows.append(
            ("车辆", who(vehicle.citizen_id),
             f"号牌：{vehicle.plate_number or NONE}；类型：{vehicle.vehicle_type or NONE}",
             _yuan(vehicle.value_fen))
        )  # fmt: skip
    for share in household.business_shares:
        rows.append(
            ("企业股份/出资", who(share.citizen_id),
             f"企业：{share.enterprise_name or NONE}；统一社会信用代码："
             f"{share.unified_social_credit_code or NONE}；"
             f"法定代表人：{'是' if share.legal_representative else '否'}",
             _yuan(share.contribution_fen))
        )  # fmt: skip
    for fund in household.provident_funds:
        rows.append(("住房公积金", who(fund.citizen_id), "账户余额", _yuan(fund.balance_fen)))
    for deposit in household.deposits:
        rows.append(
            ("存款", who(deposit.citizen_id), f"开户行：{deposit.bank or NONE}",
             _yuan(deposit.balance_fen))
        )  # fmt: skip
    if not rows:
        return _Section("二、申报事项", None, "未申报收入、房产、车辆、企业股份、公积金或存款。")
    table = _Table((24, 38, 88, 30), ("类别", "成员", "内容", "金额（元）"), rows)
    return _Section("二、申报事项", table)


def _findings(
    job: v.VerificationJob, rule_titles: Mapping[str, str], counted: frozenset[str]
) -> _Section:
    if not job.report.findings:
        return _Section("三、核对结果", None, "尚无核对结果。")
    who = _Names(job.household)
    heading = ("序号", "核对规则", "成员", "结果", "申报值", "登记值", "说明")
    table = _Table((10, 36, 32, 16, 21, 21, 44), heading, [], [])
    for i, finding in enumerate(job.report.findings, 1):
        value = _count if finding.rule in counted else _yuan_text
        table.rows.append(
            (
                str(i),
                rule_titles.get(finding.rule, finding.rule),
                "\n".join(who.long(c) for c in finding.citizen_ids or [finding.citizen_id] if c)
                or "全户",
                OUTCOME.get(finding.outcome, NONE),
                value(finding.declared_value),
                value(finding.recorded_value),
                finding.explanation or NONE,
            )
        )
        table.colours.append((None, None, None, _OUTCOME_COLOURS.get(finding.outcome)))
    return _Section("三、核对结果", table)


def _evidence(report: v.Report) -> _Section:
    title = "四、核对依据（数据来源记录）"
    rows = [
        (
            str(i),
            evidence.resource or NONE,
            evidence.provider or NONE,
            evidence.record_key or NONE,
            str(evidence.record_version) if evidence.record_version else NONE,
            _time(evidence, "fetch_time"),
            evidence.access_request_id or NONE,
        )
        for i, finding in enumerate(report.findings, 1)
        for evidence in finding.evidence
    ]
    if not rows:
        return _Section(title, None, "各项核对结果均未引用登记记录。")
    heading = ("序号", "数据资源", "提供单位", "记录键", "版本", "获取时间", "访问请求编号")
    table = _Table((10, 45, 35, 21, 9, 30, 30), heading, rows)
    return _Section(title, table, "序号为上表核对结果的序号；获取时间为北京时间。")


def _incomplete(report: v.Report) -> _Section:
    title = "五、未能查询的数据来源"
    rows = [
        (s.resource or NONE, s.provider or NONE, s.code or NONE, s.reason or NONE)
        for s in report.incomplete_sources
    ]
    if not rows:
        return _Section(title, None, "无：所需数据来源均已答复。")
    table = _Table((56, 36, 36, 52), ("数据资源", "提供单位", "状态码", "原因"), rows)
    return _Section(title, table, "以下来源未答复或拒绝查询，相关核对项无法核对，需人工复核。")


class _Names:
    """A member's name by citizen ID, as the household lists them (masked or not alike)."""

    def __init__(self, household: v.Household) -> None:
        self._names = {normalize_id_number(m.citizen_id): m.name for m in household.members}

    def __call__(self, citizen_id: str) -> str:
        return self._names.get(normalize_id_number(citizen_id)) or citizen_id or NONE

    def long(self, citizen_id: str) -> str:
        name = self._names.get(normalize_id_number(citizen_id))
        return f"{name}\n{citizen_id}" if name else citizen_id


def _yuan(fen: int) -> str:
    return f"{Decimal(fen).scaleb(-2):,.2f}"


def _yuan_text(fen: str) -> str:
    """An amount in fen as text (a finding's value) in yuan: "150000" → "1,500.00 元"."""
    if not fen.strip():
        return NONE
    try:
        amount = Decimal(fen.strip())
    except InvalidOperation:
        return fen  # not an amount after all: shown as it came
    return f"{amount.scaleb(-2):,.2f} 元"


def _count(value: str) -> str:
    return value.strip() or NONE


def _time(message: object, name: str) -> str:
    """A Timestamp field in Beijing time to the second; an unset one as a dash."""
    if not message.HasField(name):  # type: ignore[attr-defined]
        return NONE
    stamp: timestamp_pb2.Timestamp = getattr(message, name)
    return stamp.ToDatetime(tzinfo=UTC).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")


# --- how it looks --------------------------------------------------------------------------


class _Document(FPDF):
    """A4 portrait; from the second page on a running head; on every page its number."""

    def __init__(self, content: _Content) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=16)
        self.running_head = content.running_head
        self._widths: dict[tuple[float, str], float] = {}
        self.set_title(TITLE)
        self.set_subject(content.subject)
        self.set_creator("govdata svc-verify")
        self.set_lang("zh-CN")
        if content.created:
            self.set_creation_date(content.created)

    def width_of(self, text: str) -> float:
        """Its width in mm in the current font and size (the sum of its characters': no
        kerning without text shaping)."""
        total = 0.0
        for character in text:
            key = (self.font_size_pt, character)
            if (size := self._widths.get(key)) is None:
                size = self._widths[key] = self.get_string_width(character)
            total += size
        return total

    def header(self) -> None:
        if self.page_no() > 1:
            with self.local_context(font_size_pt=8, text_color=_GREY):
                self.cell(0, 5, self.running_head, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        with self.local_context(font_size_pt=8, text_color=_GREY):
            self.cell(0, 5, FOOTER.format(page=self.page_no(), pages="{nb}"), align="C")


def _layout(document: _Document, content: _Content) -> None:
    document.add_page()
    with document.local_context(font_size_pt=18, text_mode=TextMode.FILL_STROKE, line_width=0.3):
        document.cell(0, 11, TITLE, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    with document.local_context(font_size_pt=10, text_color=_GREY):
        document.cell(0, 6, SUBTITLE, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    document.ln(2)
    _details(document, content.details)
    _result(document, content)
    for section in content.sections:
        _section(document, section)
    _signature(document)


def _details(document: _Document, details: Sequence[tuple[str, ...]]) -> None:
    widths = (26, 64, 26, 64)
    with document.local_context(font_size_pt=9):
        rows = [_wrapped_row(document, values, widths) for values in details]
        with document.table(
            col_widths=widths,
            width=sum(widths),
            first_row_as_headings=False,
            line_height=4.8,
            text_align="LEFT",
            wrapmode=WrapMode.WORD,  # lines come wrapped; see _FPDF_WRAP
            padding=_PADDING,
        ) as table:
            for values in rows:
                row = table.row()
                for j, value in enumerate(values):
                    row.cell(value, style=_LABELS if j % 2 == 0 else None)


def _result(document: _Document, content: _Content) -> None:
    ink, paper = _RESULT_COLOURS.get(content.result, (_GREY, (240, 240, 240)))
    document.ln(4)
    top = document.get_y()
    with document.local_context(fill_color=paper, text_color=ink, font_size_pt=16):
        with document.local_context(
            text_mode=TextMode.FILL_STROKE, draw_color=ink, line_width=0.35
        ):
            document.multi_cell(
                0, 10, content.result_words, fill=True, align="C",
                new_x=XPos.LMARGIN, new_y=YPos.NEXT,
            )  # fmt: skip
        with document.local_context(font_size_pt=9, text_color=(40, 40, 40)):
            document.multi_cell(
                0, 6, content.summary, fill=True, align="C",
                new_x=XPos.LMARGIN, new_y=YPos.NEXT,
            )  # fmt: skip
    with document.local_context(draw_color=ink, line_width=0.6):
        document.rect(document.l_margin, top, document.epw, document.get_y() - top)


def _section(document: _Document, section: _Section) -> None:
    if document.will_page_break(20):  # no heading alone at a page's foot
        document.add_page()
    document.ln(3)
    with document.local_context(font_size_pt=12, text_mode=TextMode.FILL_STROKE, line_width=0.15):
        document.cell(0, 7, section.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    document.ln(1)
    if section.note:
        size = 9 if section.table is None else 8
        with document.local_context(font_size_pt=size):
            note = _wrapped(document, section.note, document.epw - _SLACK)
            document.multi_cell(0, size * 0.5, note, wrapmode=WrapMode.WORD)
        document.ln(1)
    if section.table is not None:
        _table(document, section.table)


def _table(document: _Document, table: _Table) -> None:
    """Cells wrap as ``_wrapped`` says; a row never splits across pages and the header row
    repeats on the next."""
    with document.local_context(font_size_pt=8):
        heading = _wrapped_row(document, table.heading, table.widths)
        rows = [_wrapped_row(document, values, table.widths) for values in table.rows]
        with document.table(
            col_widths=table.widths,
            width=sum(table.widths),
            headings_style=_HEADINGS,
            line_height=4.2,
            text_align="LEFT",
            wrapmode=WrapMode.WORD,  # lines come wrapped; see _FPDF_WRAP
            padding=_PADDING,
            cell_fill_color=_STRIPES,
            cell_fill_mode=TableCellFillMode.ROWS,
            repeat_headings=1,
        ) as rendered:
            rendered.row(heading)
            for i, values in enumerate(rows):
                row = rendered.row()
                colours = table.colours[i] if i < len(table.colours) else ()
                for j, value in enumerate(values):
                    colour = colours[j] if j < len(colours) else None
                    row.cell(value, style=FontFace(color=colour) if colour else None)


def _wrapped_row(
    document: _Document, values: Sequence[str], widths: Sequence[float]
) -> tuple[str, ...]:
    return tuple(
        _wrapped(document, value, width - 2 * _PADDING[1] - _SLACK)
        for value, width in zip(values, widths, strict=True)
    )


def _wrapped(document: _Document, text: str, width: float) -> str:
    """``text`` with its line breaks where it fills ``width`` (mm) in the current font: a
    line may break between any two Chinese characters, as Chinese text does, but not inside
    a number or a Latin word (fpdf2 breaks either at spaces only or anywhere)."""
    lines = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for token in _TOKEN.findall(paragraph):
            for piece, size in _pieces(document, token, width):
                if line.strip() and used + size > width:
                    lines.append(line.rstrip())
                    line = piece.lstrip()
                    used = document.width_of(line)
                else:
                    line, used = line + piece, used + size
        lines.append(line.rstrip())
    return "\n".join(lines)


def _pieces(document: _Document, token: str, width: float) -> Iterator[tuple[str, float]]:
    """``token`` and its width, cut where it is wider than a line (a long identifier)."""
    piece, used = "", 0.0
    for character in token:
        size = document.width_of(character)
        if piece and used + size > width:
            yield piece, used
            piece, used = "", 0.0
        piece, used = piece + character, used + size
    yield piece, used


def _signature(document: _Document) -> None:
    if document.will_page_break(36):  # the signature stays with something above it
        document.add_page()
    document.ln(10)
    with document.local_context(font_size_pt=10):
        document.multi_cell(0, 5, SIGNATURE_NOTE, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    document.ln(8)
    with document.local_context(font_size_pt=11):
        document.cell(100, 8, SIGNATURE[0])
        document.cell(0, 8, SIGNATURE[1], new_x=XPos.LMARGIN, new_y=YPos.NEXT)


# --- the font ------------------------------------------------------------------------------


# Shaping and vertical-writing tables: Chinese set horizontally needs none, fpdf2 reads none.
_UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG")


@contextmanager
def _font(characters: Collection[str]) -> Iterator[Path]:
    """A TrueType file holding the glyphs of ``characters``, for as long as the rendering
    needs it (fpdf2 reads it again when it writes the PDF)."""
    data = _truetype_subset(_font_file(), characters)
    with tempfile.TemporaryDirectory(prefix="govdata-report-") as folder:
        path = Path(folder) / "NotoSansSC-Report.ttf"
        path.write_bytes(data)
        yield path


@lru_cache(maxsize=1)
def _font_file() -> bytes:
    """The OTF's bytes, read once per process (about 8 MB; every rendering subsets it)."""
    missing = ReportFontMissing(
        f"the report font {FONT_FILE} is not installed: it comes with the PyPI package "
        f"{FONT_PACKAGE.replace('_', '-')}, a dependency of govdata-verify (make venv)"
    )
    try:
        font = resources.files(FONT_PACKAGE) / FONT_FILE
    except ModuleNotFoundError:
        raise missing from None
    if not font.is_file():
        raise missing
    return font.read_bytes()


def _truetype_subset(otf: bytes, characters: Collection[str]) -> bytes:
    """The font cut down to ``characters`` (those it has) with its outlines converted from
    cubic CFF to quadratic TrueType (within 1 unit of 1000 per em)."""
    font = TTFont(BytesIO(otf), recalcTimestamp=False, recalcBBoxes=False)
    for tag in _UNUSED_TABLES:  # before subsetting: not even read
        if tag in font:
            del font[tag]
    options = subset.Options()
    options.layout_features = []
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.hinting = False
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in characters})
    subsetter.subset(font)

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    del font["CFF "]
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = font["maxp"]  # version 1.0, as TrueType outlines require
    maxp.tableVersion = 0x00010000
    for limit in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
        "maxComponentDepth",
    ):  # fmt: skip
        setattr(maxp, limit, 0)
    maxp.maxZones = 1
    post = font["post"]  # glyph names kept (format 2), as fpdf2 subsets by name
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True  # the new glyphs' bounds
    out = BytesIO()
    font.save(out)
    return out.getvalue()
