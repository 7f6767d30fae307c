"""Similarity of short Chinese texts (system function descriptions, 系统功能) without a word
segmenter.

Chinese has no spaces, and a segmenter brings a dictionary that misses the domain's words
(低保, 不动产, 公积金) or splits them differently in two texts. Overlapping character bigrams
need no dictionary and still capture words: "低保对象认定" gives 低保 保对 对象 象认 认定, and two
descriptions sharing the word 低保对象 share its bigrams. Latin letters and digits form words
("GIS", "OA"). Before that the text is normalised (NFKC folds full-width letters and
punctuation, letters are lower-cased), punctuation splits runs, and stopwords split runs too:
function words (的, 和, 与, ...) and the boilerplate every inventory entry repeats (系统, 平台,
实现, 提供, 用于, ...), so "系统" shared by all descriptions never makes two systems alike.

Terms are weighted by TF-IDF over the whole corpus (every system of the catalogue): a bigram
most systems use (管理) counts little, one only two systems use (低保) counts much. Vectors are
L2-normalised, so the similarity is their cosine, 0-1.

A text too short for bigrams ("低保", one bigram) is compared on single characters instead: a
pair in which either text has fewer than ``MIN_BIGRAMS`` bigrams uses the unigram vectors of
both (weighted the same way), so a short text can still match a long one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

# Boilerplate phrases and function words, removed (as separators) before terms are made.
# Longer phrases first, so "信息系统" goes before "系统" would leave "信息".
STOP_PHRASES = (
    "信息系统",
    "系统",
    "平台",
    "功能",
    "模块",
    "实现",
    "提供",
    "进行",
    "用于",
    "支持",
    "包括",
    "主要",
    "相关",
    "以及",
    "通过",
    "对于",
    "其他",
    "等等",
    "有关",
    "具备",
    "能够",
    "可以",
)
# Single characters only where they are (almost) never part of a content word: 对 (对象),
# 在 (在线), 为 (为民), 从 (从业) and the like stay.
STOP_CHARACTERS = "的了和与及或等"
# A text with fewer bigrams than this is compared on single characters.
MIN_BIGRAMS = 3

_STOP = re.compile(
    "|".join(re.escape(p) for p in sorted(STOP_PHRASES, key=len, reverse=True))
    + f"|[{STOP_CHARACTERS}]"
)
_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def runs(text: str) -> list[str]:
    """The text's runs of Chinese characters and its Latin/digit words, normalised, with
    punctuation and stopwords taken out (each splits the run it stood in)."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return _RUN.findall(_STOP.sub(" ", folded))


def bigrams(text: str) -> list[str]:
    """Character bigrams of the Chinese runs, and the Latin/digit words whole. A one-character
    run makes no bigram (it is a unigram; see ``unigrams``)."""
    terms: list[str] = []
    for run in runs(text):
        if _CJK.match(run):
            terms.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            terms.append(run)
    return terms


def unigrams(text: str) -> list[str]:
    """Single Chinese characters, and the Latin/digit words whole."""
    terms: list[str] = []
    for run in runs(text):
        if _CJK.match(run):
            terms.extend(run)
        else:
            terms.append(run)
    return terms


def _weights(terms: Iterable[str], idf: Mapping[str, float]) -> dict[str, float]:
    """Sublinear TF (1 + ln tf) times IDF, L2-normalised."""
    raw = {t: (1.0 + math.log(n)) * idf[t] for t, n in Counter(terms).items()}
    norm = math.sqrt(sum(w * w for w in raw.values()))
    return {t: w / norm for t, w in raw.items()} if norm else {}


def _idf(documents: Iterable[Iterable[str]], count: int) -> dict[str, float]:
    """Smoothed IDF, ln((1 + N) / (1 + df)) + 1: a term every text uses still weighs 1."""
    df: Counter[str] = Counter()
    for terms in documents:
        df.update(set(terms))
    return {t: math.log((1 + count) / (1 + n)) + 1.0 for t, n in df.items()}


@dataclass(frozen=True)
class Match:
    """How alike two texts are: the cosine (0-1) and the terms they share, the heaviest
    first, as the longest phrases both texts contain (e.g. "低保对象", not 低保 保对 对象)."""

    score: float
    shared_terms: list[str]


class Corpus:
    """TF-IDF vectors of a set of texts by key (e.g. every system's function description)."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = dict(texts)
        keys = list(self.texts)
        two = {k: bigrams(self.texts[k]) for k in keys}
        one = {k: unigrams(self.texts[k]) for k in keys}
        idf2 = _idf(two.values(), len(keys))
        idf1 = _idf(one.values(), len(keys))
        self.bigram_vectors = {k: _weights(two[k], idf2) for k in keys}
        self.unigram_vectors = {k: _weights(one[k], idf1) for k in keys}
        self.short = {k for k in keys if len(two[k]) < MIN_BIGRAMS and one[k]}

    def __len__(self) -> int:
        return len(self.texts)

    def similarity(self, a: str, b: str) -> float:
        va, vb = self._vectors(a, b)
        if len(va) > len(vb):
            va, vb = vb, va
        return min(1.0, sum(w * vb.get(t, 0.0) for t, w in va.items()))

    def match(self, a: str, b: str, limit: int = 10) -> Match:
        """The similarity of ``a`` and ``b`` and up to ``limit`` shared terms."""
        va, vb = self._vectors(a, b)
        contribution = {t: w * vb[t] for t, w in va.items() if t in vb}
        score = min(1.0, sum(contribution.values()))
        characters = a in self.short or b in self.short
        shared = _shared_phrases(self.texts[a], self.texts[b], contribution, characters, limit)
        return Match(score, shared)

    def similar_pairs(self, minimum: float = 0.0) -> Iterator[tuple[str, str, float]]:
        """Every pair (a, b) with a < b whose similarity is above zero and at least ``minimum``.

        Dot products are accumulated through an inverted index, so only pairs that share a
        term are touched: linear in the pairs that overlap, quadratic only when every text
        shares something with every other (fine for the thousand systems of a district).
        """
        dots = _dot_products(self.bigram_vectors, skip=self.short)
        for s in sorted(self.short):
            # A short text is compared on characters, with every other text.
            for other in self.texts:
                if other != s and (other not in self.short or s < other):
                    pair = (s, other) if s < other else (other, s)
                    dots[pair] = self.similarity(s, other)
        for (a, b), dot in sorted(dots.items()):
            score = min(1.0, dot)  # rounding can pass 1 for identical texts
            if score > 0.0 and score >= minimum:
                yield a, b, score

    def _vectors(self, a: str, b: str) -> tuple[dict[str, float], dict[str, float]]:
        if a in self.short or b in self.short:
            return self.unigram_vectors[a], self.unigram_vectors[b]
        return self.bigram_vectors[a], self.bigram_vectors[b]


def _dot_products(
    vectors: Mapping[str, Mapping[str, float]], skip: set[str] | frozenset[str] = frozenset()
) -> dict[tuple[str, str], float]:
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for key in sorted(vectors):
        if key in skip:
            continue
        for term, weight in vectors[key].items():
            postings[term].append((key, weight))
    dots: dict[tuple[str, str], float] = defaultdict(float)
    for entries in postings.values():
        for i, (a, wa) in enumerate(entries):
            for b, wb in entries[i + 1 :]:
                dots[(a, b)] += wa * wb
    return dots


def _shared_phrases(
    text_a: str,
    text_b: str,
    contribution: Mapping[str, float],
    characters: bool,
    limit: int,
) -> list[str]:
    """The shared terms as phrases: consecutive shared terms (bigrams, or characters for a
    short text) of ``text_a`` joined while the joined phrase also occurs in ``text_b``;
    ranked by the weight their terms contribute to the similarity."""
    if not contribution:
        return []
    runs_b = runs(text_b)
    size = 1 if characters else 2
    phrases: dict[str, float] = {}

    def add(phrase: str) -> None:
        terms = [phrase[j : j + size] for j in range(len(phrase) - size + 1)]
        weight = sum(contribution.get(t, 0.0) for t in terms)
        phrases[phrase] = max(phrases.get(phrase, 0.0), weight)

    for run in runs(text_a):
        if not _CJK.match(run):
            if run in contribution:
                add(run)
            continue
        start: int | None = None
        for i in range(len(run) - size + 1):
            shared = run[i : i + size] in contribution
            if start is not None and (
                not shared or not any(run[start : i + size] in r for r in runs_b)
            ):
                # The phrase ends before this term: it is not shared, or the longer phrase
                # is not in the other text (then this term starts the next phrase).
                add(run[start : i + size - 1])
                start = None
            if shared and start is None:
                start = i
        if start is not None:
            add(run[start:])
    ranked = sorted(phrases.items(), key=lambda kv: (-kv[1], kv[0]))
    # A phrase inside a heavier listed one adds nothing.
    chosen: list[str] = []
    for phrase, _ in ranked:
        if not any(phrase in longer for longer in chosen):
            chosen.append(phrase)
        if len(chosen) == limit:
            break
    return chosen
