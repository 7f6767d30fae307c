"""The report document: a PDF read back with pypdf (its words, its embedded Chinese font,
masked data left masked) and the JSON mapping. Reports come from the rule engine over a
household of four, under the shipped 海新区 policy widened to 32 rules so the PDF runs over
several pages."""

from __future__ import annotations

import copy
import io
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import pytest
import yaml
from google.protobuf import json_format
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from gov.common.v1 import common_pb2
from gov.verify.v1 import verify_pb2 as v
from govdata.runtime import privacy
from govdata.verify import policy, report_document, rules
from govdata.verify.policy import Policy
from govdata.verify.report_document import ReportFontMissing, render_json, render_pdf
from govdata.verify.rules import Record, Unavailable

A = "359902198001010013"  # applicant
B = "359902198203040026"  # spouse
C = "35990220100601013X"  # child
D = "359902195508150046"  # parent
NAMES = {A: "张建国", B: "李秀英", C: "张小明", D: "王桂兰"}
RELATIONS = {
    A: v.MEMBER_RELATION_APPLICANT,
    B: v.MEMBER_RELATION_SPOUSE,
    C: v.MEMBER_RELATION_CHILD,
    D: v.MEMBER_RELATION_PARENT,
}

INCOME = "organizations/hx-rsj/resources/social-insurance-contributions"
VEHICLES = "organizations/hx-cgs/resources/motor-vehicles"
PROPERTY = "organizations/hx-zrzyj/resources/real-estate-ownership"
FUND = "organizations/hx-gjjfzx/resources/provident-fund-deposits"
POPULATION = "organizations/hx-gafj/resources/household-population"
FUND_DOWN = "公积金中心 30 秒内未响应"

SHIPPED = yaml.safe_load(
    resources.files("govdata.verify").joinpath(policy.PACKAGED).read_text(encoding="utf-8")
)
LIMITS = range(1, 25)  # 1 to 24 万元: the vehicle (8.6 万元) fails the first eight


def widened() -> Policy:
    """The shipped policy and 24 more vehicle limits: 32 rules, 32 findings."""
    data = copy.deepcopy(SHIPPED)
    data["version"] = "test-32"
    vehicle = next(rule for rule in data["rules"] if rule["id"] == "vehicle-value-limit")
    for n in LIMITS:
        data["rules"].append(
            {
                **vehicle,
                "id": f"vehicle-limit-{n}",
                "title": f"第 {n} 档：机动车购置价格不超过 {n} 万元",
                "limit_yuan": n * 10000,
            }
        )
    return policy.parse(data)


def household() -> v.Household:
    return v.Household(
        members=[v.Member(citizen_id=c, name=NAMES[c], relation=RELATIONS[c]) for c in NAMES],
        incomes=[
            v.DeclaredIncome(citizen_id=A, monthly_income_fen=150_000, source="工资"),
            v.DeclaredIncome(citizen_id=B, monthly_income_fen=80_000, source="灵活就业"),
            v.DeclaredIncome(citizen_id=D, monthly_income_fen=120_000, source="养老金"),
        ],
        real_estate=[
            v.DeclaredRealEstate(
                owner_citizen_ids=[A, B],
                address="滨海市海新区海滨路 88 号 3 幢 2 单元 501 室",
                certificate_number="闽(2019)海新区不动产权第 0012345 号",
                floor_area_square_meters=89.5,
            )
        ],
        vehicles=[
            v.DeclaredVehicle(
                citizen_id=A, plate_number="闽D·12345", vehicle_type="小型轿车", value_fen=4_500_000
            )
        ],
        provident_funds=[v.DeclaredProvidentFund(citizen_id=A, balance_fen=1_200_000)],
        deposits=[v.DeclaredDeposit(citizen_id=B, bank="海新农商银行", balance_fen=3_000_000)],
    )


def record(key: str, **fields: str) -> Record:
    return Record(key, fields, version=3, fetch_time=datetime(2026, 12, 4, 2, 0, 5, tzinfo=UTC))


def fetched(the_policy: Policy) -> dict[str, Any]:
    """Every source answering, the provident fund centre excepted; one vehicle of 8.6 万元."""
    got: dict[str, Any] = dict.fromkeys(the_policy.sources, ())
    got[INCOME] = [
        record("si-001", 公民身份号码=A, 缴费基数="1500"),
        record("si-002", 公民身份号码=B, 缴费基数="800"),
    ]
    got[VEHICLES] = [record("veh-闽D12345", 所有人证件号码=A, 购置价格="86000")]
    got[PROPERTY] = [
        record("re-0012345", 权利人证件号码=A, 不动产单元号="350206001001GB00012F0001")
    ]
    got[POPULATION] = [record(f"hk-{c[-4:]}", 公民身份号码=c, 姓名=NAMES[c]) for c in NAMES]
    got[FUND] = Unavailable(FUND_DOWN, "DEADLINE_EXCEEDED")
    return got


def job_for(the_policy: Policy) -> v.VerificationJob:
    home = household()
    report = rules.evaluate(the_policy, home, fetched(the_policy)).to_report()
    report.create_time.FromDatetime(datetime(2026, 12, 4, 2, 0, 9, tzinfo=UTC))
    for i, evidence in enumerate(e for f in report.findings for e in f.evidence):
        evidence.access_request_id = f"req-20261204-{i:04d}"
    job = v.VerificationJob(
        name="organizations/hx-mzj/verificationJobs/vj-20261204-0001",
        household=home,
        policy=the_policy.id,
        purpose="最低生活保障申请审核",
        application_id="HX-DB-2026-000123",
        state=v.VERIFICATION_JOB_STATE_SUCCEEDED,
        report=report,
        requester=common_pb2.Actor(
            system="callingSystems/hx-dibao",
            person="officer-17",
            organization="organizations/hx-mzj",
        ),
    )
    job.create_time.FromDatetime(datetime(2026, 12, 4, 2, 0, 0, tzinfo=UTC))
    job.end_time.FromDatetime(datetime(2026, 12, 4, 2, 0, 9, tzinfo=UTC))
    return job


def titles(the_policy: Policy) -> dict[str, str]:
    return {rule.id: rule.title for rule in the_policy.rules}


def render(job: v.VerificationJob, the_policy: Policy) -> bytes:
    counted = report_document.counted_rules(the_policy)
    return render_pdf(job, titles(the_policy), counted=counted)


def compact(text: str) -> str:
    """Text without whitespace: table cells wrap, so a long value reads over several lines."""
    return "".join(text.split())


def read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, compact("".join(page.extract_text() for page in reader.pages))


def fonts(reader: PdfReader) -> Iterator[DictionaryObject]:
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            yield font.get_object()


WIDE = widened()
JOB = job_for(WIDE)
PDF = render(JOB, WIDE)
READER, TEXT = read(PDF)


def test_the_report_is_built_as_the_tests_mean() -> None:
    findings = JOB.report.findings
    outcomes = [f.outcome for f in findings]
    assert len(findings) == 32
    assert outcomes.count(v.FINDING_OUTCOME_FAIL) == 9  # the vehicle under 9 limits
    assert outcomes.count(v.FINDING_OUTCOME_INCOMPLETE) == 2  # the two provident-fund rules
    assert JOB.report.overall_result == v.OVERALL_RESULT_FAIL
    assert [s.reason for s in JOB.report.incomplete_sources] == [FUND_DOWN]


def test_the_pdf_has_the_header_the_result_and_page_numbers() -> None:
    assert PDF.startswith(b"%PDF-")
    pages = len(READER.pages)
    assert pages > 1
    for words in (
        "居民家庭经济状况核对报告",
        "核对结论：核对不通过",
        "共32项核对：通过21项，不通过9项，无法核对2项；1个数据来源未能查询",
        JOB.name,
        "HX-DB-2026-000123",
        "minimum-living-allowance",
        "test-32",
        "最低生活保障申请审核",
        "2026-12-0410:00:00",  # created, 02:00 UTC
        "2026-12-0410:00:09",  # finished
        "核对人签字",
        "日期：______年____月____日",
    ):
        assert words in TEXT, words
    for page in range(1, pages + 1):
        assert f"第{page}页，共{pages}页" in TEXT


def test_the_pdf_lists_members_with_their_relations_and_the_declared_items() -> None:
    for citizen_id, name in NAMES.items():
        assert name in TEXT and citizen_id in TEXT
    for relation in ("申请人", "配偶", "子女", "父母"):
        assert relation in TEXT
    for item in ("来源：灵活就业", "800.00", "号牌：闽D·12345", "45,000.00", "30,000.00"):
        assert item in TEXT, item
    assert compact("滨海市海新区海滨路 88 号 3 幢 2 单元 501 室") in TEXT


def test_the_pdf_has_every_finding_with_its_values_in_yuan() -> None:
    for rule_title in titles(WIDE).values():
        assert compact(rule_title) in TEXT, rule_title
    assert "45,000.00元" in TEXT and "86,000.00元" in TEXT  # the vehicle, declared/recorded
    assert "875.00元" in TEXT  # income per person: 3,500 yuan over 4
    assert "不通过" in TEXT and "无法核对" in TEXT
    # the vehicle's explanation wraps inside its cell and reads whole
    assert compact("1 条记录的「购置价格」超过 50000 元，最高 86000 元") in TEXT
    # counts stay counts: 4 members registered of 4, not 0.04 yuan
    assert "0.04元" not in TEXT


def test_the_pdf_cites_the_evidence_and_the_source_that_did_not_answer() -> None:
    evidence = [e for f in JOB.report.findings for e in f.evidence]
    assert evidence
    for item in evidence:
        assert item.access_request_id in TEXT
        assert item.record_key in TEXT
    assert "organizations/hx-cgs/resources/motor-vehicles" in TEXT
    assert "2026-12-0410:00:05" in TEXT  # fetch time
    assert FUND in TEXT and "DEADLINE_EXCEEDED" in TEXT and compact(FUND_DOWN) in TEXT


def test_the_chinese_font_is_embedded_and_its_text_extracts() -> None:
    used = list(fonts(READER))
    assert used
    for font in used:
        assert font["/Subtype"] == "/Type0" and "NotoSansSC" in font["/BaseFont"]
        assert "/ToUnicode" in font
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
    # the glyphs map back to the characters: the Chinese text round-trips
    assert "家庭成员均有户籍登记且姓名一致" in TEXT
    assert len(PDF) < 400_000  # a subset, not the 8 MB font


def test_a_masked_job_prints_the_masked_data_only() -> None:
    masked = copy.deepcopy(JOB)
    privacy.mask_response(masked, frozenset())  # as ExportReport does for such a reader

    _, text = read(render(masked, WIDE))
    assert "359902********013X" in text and "张*" in text
    for citizen_id, name in NAMES.items():
        assert citizen_id not in text
        assert name not in text
    assert "核对结论：核对不通过" in text


@pytest.mark.parametrize(
    ("overall", "words"),
    [
        (v.OVERALL_RESULT_PASS, "核对结论：核对通过"),
        (v.OVERALL_RESULT_INCOMPLETE, "核对结论：核对不完整，需人工复核"),
    ],
)
def test_the_overall_result_in_words(overall: int, words: str) -> None:
    shipped = policy.default()
    job = job_for(shipped)
    job.report.overall_result = overall
    _, text = read(render(job, shipped))
    assert words in text


def test_a_rule_missing_from_the_titles_shows_its_id_and_amounts_by_default() -> None:
    shipped = policy.default()
    _, text = read(render_pdf(job_for(shipped), {}))
    assert "vehicle-value-limit" in text and "86,000.00元" in text


def test_every_character_printed_is_in_the_embedded_font(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        render(JOB, WIDE)
    assert "missing the following glyphs" not in caplog.text


def test_long_text_and_long_identifiers_wrap_inside_their_cells() -> None:
    shipped = policy.default()
    job = job_for(shipped)
    explanation = "登记记录显示该成员名下另有多处房产和车辆，" * 12
    request_id = "req-" + "0123456789abcdef" * 8  # no place to break but anywhere
    job.report.findings[0].explanation = explanation
    job.report.findings[1].evidence[0].access_request_id = request_id
    _, text = read(render(job, shipped))
    assert compact(explanation) in text and request_id in text


def test_a_job_without_a_report_says_so() -> None:
    job = v.VerificationJob(
        name="organizations/hx-mzj/verificationJobs/vj-2", household=household()
    )
    _, text = read(render_pdf(job, {}))
    assert "核对结论：尚无核对结论" in text and "尚无核对结果。" in text
    assert "张建国" in text


def test_the_shipped_policy_counts_records_in_three_rules() -> None:
    assert report_document.counted_rules(policy.default()) == {
        "no-enterprise-shares",
        "at-most-one-property",
        "members-registered",
    }


def test_amounts_in_fen_read_as_yuan() -> None:
    yuan = report_document._yuan_text
    assert [yuan("150000"), yuan("5"), yuan("-1234567"), yuan(""), yuan("n/a")] == [
        "1,500.00 元",
        "0.05 元",
        "-12,345.67 元",
        "—",
        "n/a",
    ]


def test_a_missing_font_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_document, "FONT_PACKAGE", "no_such_font_package")
    report_document._font_file.cache_clear()  # the font is read once per process
    try:
        with pytest.raises(
            ReportFontMissing, match=r"NotoSansSC-Regular\.otf.*no-such-font-package"
        ):
            render_pdf(JOB, {})
    finally:
        report_document._font_file.cache_clear()


def test_the_json_is_the_job_in_proto3_json() -> None:
    document = render_json(JOB)
    assert document.startswith(b'{\n  "')
    assert "张建国".encode() in document and b"\\u" not in document
    assert b'"overallResult": "OVERALL_RESULT_FAIL"' in document
    assert json_format.Parse(document.decode(), v.VerificationJob()) == JOB
