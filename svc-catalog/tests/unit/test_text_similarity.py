"""Similarity of Chinese function descriptions without a segmenter."""

from __future__ import annotations

import time

import pytest

from govdata.catalog.text_similarity import Corpus, bigrams, runs, unigrams

# Real-looking inventory entries (系统功能) of a district.
MZJ_DIBAO = (
    "城乡低保对象申请受理、家庭经济状况核对、低保待遇审批与资金发放管理，"
    "支持街道经办人员在线办理，实现低保对象动态管理。"
)
JD_DIBAO = "街道低保申请登记，低保对象家庭经济状况入户调查与核对，低保金发放台账管理。"
GJJ = "住房公积金缴存、提取、贷款业务办理及个人账户管理。"
BDC = "不动产登记业务受理、审核、登簿与不动产权证书发放，提供不动产登记信息查询服务。"
CGS = "机动车登记、驾驶证核发、交通违法处理等车辆管理业务系统。"
CORPUS = {"mzj": MZJ_DIBAO, "jd": JD_DIBAO, "gjj": GJJ, "bdc": BDC, "cgs": CGS}


def test_runs_drop_punctuation_stopwords_and_fold_full_width() -> None:
    assert runs("低保对象的申请、审批（ＯＡ）") == ["低保对象", "申请", "审批", "oa"]
    # boilerplate splits runs: 系统 and 提供 are in every description
    assert runs("提供低保信息系统查询") == ["低保", "查询"]
    assert runs("，。！？…—") == []
    assert runs("") == []


def test_bigrams_and_unigrams() -> None:
    assert bigrams("低保对象认定") == ["低保", "保对", "对象", "象认", "认定"]
    assert bigrams("GIS地图") == ["gis", "地图"]
    assert bigrams("低") == []
    assert unigrams("低保 GIS") == ["低", "保", "gis"]


def test_the_two_dibao_systems_are_alike_and_unrelated_systems_are_not() -> None:
    corpus = Corpus(CORPUS)
    dibao = corpus.similarity("mzj", "jd")
    assert dibao > 0.3
    for other in ("gjj", "bdc", "cgs"):
        assert corpus.similarity("mzj", other) < dibao / 3
        assert corpus.similarity("jd", other) < dibao / 3
    assert corpus.similarity("mzj", "jd") == pytest.approx(corpus.similarity("jd", "mzj"))
    assert corpus.similarity("mzj", "mzj") == pytest.approx(1.0)


def test_shared_terms_are_the_phrases_both_descriptions_contain_heaviest_first() -> None:
    corpus = Corpus(CORPUS)
    match = corpus.match("mzj", "jd")
    assert match.score == pytest.approx(corpus.similarity("mzj", "jd"))
    assert "低保对象" in match.shared_terms
    assert "家庭经济状况" in match.shared_terms
    # phrases, not the bigrams inside them
    assert "保对" not in match.shared_terms
    assert "经济" not in match.shared_terms
    for term in match.shared_terms:
        assert term in MZJ_DIBAO and term in JD_DIBAO
    unrelated = corpus.match("mzj", "cgs")
    assert unrelated.score < 0.1
    assert unrelated.shared_terms == ["管理"]  # the one word both use, and a common one


def test_rare_terms_weigh_more_than_common_ones() -> None:
    corpus = Corpus(
        {
            "a": "低保审批管理",
            "b": "低保资金管理",
            "c": "档案借阅管理",
            "d": "会议室预约管理",
            "e": "车辆调度管理",
        }
    )
    # a and b share 低保 (rare) — more than a and c sharing 管理 (everywhere)
    assert corpus.similarity("a", "b") > 2 * corpus.similarity("a", "c")


def test_short_texts_fall_back_to_characters() -> None:
    corpus = Corpus({"short": "低保", "long": MZJ_DIBAO, "other": GJJ})
    assert "short" in corpus.short
    # one bigram: on characters it still finds the long text's 低保
    assert corpus.similarity("short", "long") > 0.2
    assert corpus.similarity("short", "other") == 0.0
    assert corpus.match("short", "long").shared_terms == ["低保"]
    pairs = {(a, b) for a, b, _ in corpus.similar_pairs()}
    assert ("long", "short") in pairs


def test_similar_pairs_matches_pairwise_similarity() -> None:
    corpus = Corpus({**CORPUS, "short": "低保"})
    pairs = {(a, b): s for a, b, s in corpus.similar_pairs()}
    keys = sorted(corpus.texts)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            expected = corpus.similarity(a, b)
            assert pairs.get((a, b), 0.0) == pytest.approx(expected)
    assert all(s >= 0.3 for _, _, s in corpus.similar_pairs(0.3))


def test_empty_and_punctuation_only_texts_match_nothing() -> None:
    corpus = Corpus({"a": "", "b": "。。。", "c": MZJ_DIBAO})
    assert corpus.similarity("a", "c") == 0.0
    assert corpus.similarity("a", "b") == 0.0
    assert list(corpus.similar_pairs()) == []


def test_two_hundred_systems_in_well_under_a_second() -> None:
    words = [
        "低保", "救助", "核对", "不动产", "登记", "公积金", "缴存", "车辆", "驾驶证", "税务",
        "征收", "户籍", "迁移", "企业", "注册", "年报", "社保", "参保", "医保", "结算",
        "教育", "学籍", "卫生", "疫苗", "环境", "监测", "应急", "预案", "城管", "执法",
    ]  # fmt: skip
    texts = {
        f"s{i:03d}": "、".join(words[(i * k) % len(words)] + "业务办理" for k in (1, 3, 7, 11))
        + "，实现数据统计分析与查询。"
        for i in range(200)
    }
    started = time.perf_counter()
    corpus = Corpus(texts)
    pairs = list(corpus.similar_pairs(0.5))
    elapsed = time.perf_counter() - started
    assert pairs
    assert elapsed < 5.0  # about 0.3 s on the development machine
