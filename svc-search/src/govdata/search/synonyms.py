"""The government synonym list (``data/synonyms.yaml``) and the query variants it gives.

Clerks search with the words their own department uses: "低保" for 最低生活保障, "户口" for
户籍, "工商" for 市场监管. Chinese has no spaces, so a synonym is found as a substring of the
query and each variant replaces it with another word of its group. The variants are matched
on the same fields as the words typed, each clause weighing a little less (``query.py``);
a resource that matches a variant in more places (name and abstract) can still lead.

Why at query time and not as an OpenSearch synonym filter: changing an index analyzer means
building a new index, while the list is edited by people who do not run re-indexing; here a
new version applies at the api's next start. The smartcn and bigram analyzers still see the
variant's own words, so "低保" finds what "最低生活保障" finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from govdata.runtime import datafile

MAX_VARIANTS = 8


class SynonymFileError(ValueError):
    """The synonym file is malformed; the message says where."""


@dataclass(frozen=True)
class Synonyms:
    version: str
    groups: tuple[tuple[str, ...], ...]

    @cached_property
    def _longest_first(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every word with its group, longest first (sorted once, not per search)."""
        pairs = [(word, group) for group in self.groups for word in group]
        return sorted(pairs, key=lambda pair: -len(pair[0]))

    def variants(self, text: str) -> list[str]:
        """Other wordings of ``text``: each group word found in it replaced by the others of
        its group, longest words first (so 最低生活保障 is not read as a 低保 inside it), at
        most ``MAX_VARIANTS``."""
        found: list[str] = []
        covered: list[tuple[int, int]] = []
        for word, group in self._longest_first:
            start = text.find(word)
            while start != -1:
                end = start + len(word)
                if not any(s < end and start < e for s, e in covered):
                    covered.append((start, end))
                    for other in group:
                        if other != word:
                            variant = text[:start] + other + text[end:]
                            if variant not in found and variant != text:
                                found.append(variant)
                start = text.find(word, end)
        return found[:MAX_VARIANTS]


def parse(data: Any) -> Synonyms:
    if not isinstance(data, dict):
        raise SynonymFileError("the synonym file must be a mapping with version and groups")
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise SynonymFileError("version: must be a non-empty string")
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        raise SynonymFileError("groups: must be a non-empty list of word lists")
    seen: dict[str, int] = {}
    groups = []
    for i, group in enumerate(raw_groups):
        if not isinstance(group, list) or len(group) < 2:
            raise SynonymFileError(f"groups[{i}]: must list at least two words")
        for j, word in enumerate(group):
            if not isinstance(word, str) or not word.strip() or word != word.strip():
                raise SynonymFileError(f"groups[{i}][{j}]: must be a word without spaces around")
            if word in seen:
                raise SynonymFileError(
                    f"groups[{i}][{j}]: {word!r} is already in groups[{seen[word]}]"
                )
            seen[word] = i
        groups.append(tuple(group))
    return Synonyms(version, tuple(groups))


def load(path: str | Path | None = None) -> Synonyms:
    """Load a synonym file; the packaged one when ``path`` is None."""
    return parse(
        datafile.load_yaml(
            "govdata.search", "data/synonyms.yaml", path, SynonymFileError, "the synonym file"
        )
    )


@lru_cache(maxsize=1)
def default() -> Synonyms:
    """The packaged list, loaded once per process."""
    return load()
