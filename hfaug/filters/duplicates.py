"""Duplicate filter: drop augmented texts that repeat their source or another row."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from rapidfuzz.distance import Indel

from hfaug.augmenter.arguments import check_flag
from hfaug.filters.base import Candidates, Filter, check_fraction
from hfaug.text.words.cutting import straight_apostrophes


def normalized(text: str, lowercase: bool) -> str:
    """``text`` as it reads: one Unicode form (NFKC: ``café`` composed or not, the ligature ``ﬁ``), apostrophes
    straight (``life’s``), runs of whitespace collapsed, and case folded when ``lowercase``."""
    text = " ".join(straight_apostrophes(unicodedata.normalize("NFKC", text)).split())
    return text.casefold() if lowercase else text


def word_similarity(a: str, b: str) -> float:
    """Similarity of two texts in ``[0, 1]``: the share of their words in a longest common subsequence of their
    word sequences, ``2 * LCS / (words of a + words of b)``, computed bit-parallel (fast for long texts too)."""
    ids: dict[str, int] = {}
    return Indel.normalized_similarity(*([ids.setdefault(word, len(ids)) for word in text.split()] for text in (a, b)))


class Duplicates(Filter):
    """Drop augmented rows that duplicate their source or another row.

    Exact duplicates (compared as :func:`normalized` reads them: whitespace, Unicode forms and apostrophes
    aside, and case too when ``lowercase``) are
    looked for in the whole dataset: a copy equal to its own source is dropped as
    ``same_as_source``, one equal to another original or to an earlier kept copy as
    ``duplicate``, except a copy of another row with the same text (another source id: a
    sentence pair, say, whose other sentence or label differs), which that text's copies repeat
    by design. With ``near`` set, a copy whose word-sequence similarity
    (:func:`word_similarity`) to its source or to an earlier kept copy of the same source
    is at least ``near`` is dropped as ``near_source`` or ``near_copy``. Copies are taken by
    source id, then copy number (earlier: a lower copy number, or a copy of a source whose id
    sorts first), so the copies kept do not depend on row order.

    Args:
        near (`float`, *optional*): Similarity in ``[0, 1]`` from which a copy counts as a near
            duplicate; `None` (the default) looks for exact duplicates only.
        lowercase (`bool`, defaults to `True`): Compare texts case-insensitively.

    Example:
        >>> kept, report = hfaug.filters.Duplicates(near=0.9).apply(augmented, column="text")
        >>> report["reasons"]
        {'near_source': 3, 'same_as_source': 12}
    """

    name = "duplicates"

    def __init__(self, near: float | None = None, lowercase: bool = True) -> None:
        self.near = None if near is None else check_fraction("duplicates", "near", near)
        self.lowercase = check_flag(self.name, "lowercase", lowercase)

    def judge(self, candidates: Candidates) -> list[str | None]:
        originals = {normalized(text, self.lowercase) for text in candidates.originals}
        made_from: dict[str, set[tuple[str, str]]] = defaultdict(set)  # a kept copy's text: its sources (id, text)
        kept_copies: dict[str, list[str]] = defaultdict(list)
        verdicts: list[str | None] = []
        for text, source, source_id in zip(candidates.texts, candidates.sources, candidates.source_ids):
            key = normalized(text, self.lowercase)
            source_key = normalized(source, self.lowercase)
            repeated = key in originals or any(
                other_id == source_id or other_text != source_key for other_id, other_text in made_from[key]
            )
            verdict = self._verdict(key, source_key, repeated, kept_copies[source_id])
            if verdict is None:
                made_from[key].add((source_id, source_key))
                kept_copies[source_id].append(key)
            verdicts.append(verdict)
        return verdicts

    def _verdict(self, key: str, source_key: str, repeated: bool, siblings: list[str]) -> str | None:
        if key == source_key:
            return "same_as_source"
        if repeated:
            return "duplicate"
        if self.near is None:
            return None
        if word_similarity(key, source_key) >= self.near:
            return "near_source"
        if any(word_similarity(key, sibling) >= self.near for sibling in siblings):
            return "near_copy"
        return None
