"""AEDA (Karimi, Rossi & Prati, 2021, "AEDA: An Easier Data Augmentation Technique for Text
Classification"): insert random punctuation marks between the words of a text.

Every word stays, in its order, so a copy keeps all the information of its source; only the
punctuation around it changes. The paper reports it beating EDA on five text classification sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from hfaug.augmenter import Augmented
from hfaug.augmenter.arguments import check_probability
from hfaug.augmenter.on_error import OnError
from hfaug.text.base import TextAugmenter
from hfaug.text.synonym import TextAnalysis, analyses
from hfaug.text.words.edits import splice
from hfaug.text.words.protected_terms import check_terms

MARKS: tuple[str, ...] = (".", ";", "?", ":", "!", ",")
"""The paper's punctuation marks."""


def check_marks(owner: str, marks: Sequence[str]) -> tuple[str, ...]:
    """Validate a ``marks`` argument: a non-empty list of punctuation marks without whitespace. A set is
    refused: marks are drawn by position, and a set's order changes with ``PYTHONHASHSEED``."""
    if isinstance(marks, str):
        raise TypeError(f"{owner}: marks must be a list of punctuation marks, e.g. marks={list(marks)!r}")
    if isinstance(marks, (set, frozenset, Mapping)) or not isinstance(marks, Iterable):
        unordered = isinstance(marks, (set, frozenset))
        why = " (a set has no order, and the order decides which mark each draw gives)" if unordered else ""
        example = sorted(marks, key=str) if unordered else list(MARKS)
        raise TypeError(
            f"{owner}: marks must be a list of punctuation marks{why}, got {marks!r}; pass a list, e.g. marks={example!r}"
        )
    checked = tuple(marks)
    if not checked:
        raise ValueError(f"{owner}: marks must name at least one punctuation mark, e.g. marks={list(MARKS)!r}")
    for mark in checked:
        if not isinstance(mark, str) or not mark or any(char.isspace() or char.isalnum() for char in mark):
            raise ValueError(f"{owner}: each mark must be punctuation without letters, digits or spaces, got {mark!r}")
    return checked


def insert_marks(
    analysis: TextAnalysis, rng: np.random.Generator, *, ratio: float, marks: tuple[str, ...]
) -> Augmented:
    """Insert between 1 and ``int(ratio * words) + 1`` marks, each drawn from ``marks`` and followed
    by a space, before different random tokens (:func:`mark_slots`)."""
    slots = mark_slots(analysis)
    if not slots:
        return Augmented(value=analysis.text, dropped="the text has no word to put a punctuation mark before")
    most = min(int(ratio * len(analysis.units)) + 1, len(slots))
    count = 1 + min(int(rng.random() * most), most - 1)
    chosen = sorted(rng.permutation(len(slots))[:count].tolist())
    drawn = rng.integers(len(marks), size=count).tolist()
    inserted = [(slots[at], marks[mark]) for at, mark in zip(chosen, drawn)]
    new = splice(analysis.text, [(position, position, mark + " ") for (position, _), mark in inserted])
    return Augmented(value=new, params={"inserted": [[mark, word] for (_, word), mark in inserted]})


def mark_slots(analysis: TextAnalysis) -> list[tuple[int, str]]:
    """``(position, word)`` of each place a mark may go: the start of each whitespace-separated token
    where a word starts (*(hello*: before the bracket), but not inside a
    protected phrase or a contraction (*do n't*)."""
    text, groups = analysis.text, analysis.unit_groups
    slots: dict[int, str] = {}
    for index, (start, _, word) in enumerate(analysis.units):
        if groups is not None and index and groups[index] >= 0 and groups[index - 1] == groups[index]:
            continue
        while start and not text[start - 1].isspace():
            start -= 1
        slots.setdefault(start, word)
    return list(slots.items())


class AEDA(TextAugmenter):
    """AEDA: insert random punctuation marks between words (Karimi et al., 2021).

    Each copy gets between 1 and ``int(ratio * number of words) + 1`` marks (uniformly), each
    before a different random token that a word starts and followed by a space, each drawn from
    ``marks``. Words, their order, the text's own punctuation and whitespace stay; nothing goes
    inside a token (*(hello*), a protected phrase or a contraction. ``hfaug_params`` records
    ``{"inserted": [[mark, before word], ...]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        ratio (`float`, defaults to 0.3): The paper's ``PUNC_RATIO``: at most this share of the
            words (plus one) get a mark before them.
        marks (`list[str]`, defaults to `[".", ";", "?", ":", "!", ","]`): The marks to insert.
        protected (`list[str]`, defaults to `()`): Words and phrases kept whole (case-insensitive).
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> hfaug.AEDA(seed=1)({"text": "a gentle , funny film"})["text"]
        'a gentle , , funny film'
    """

    name = "aeda"
    output_packages = ("regex",)

    def __init__(
        self,
        column: str = "text",
        *,
        ratio: float = 0.3,
        marks: Sequence[str] = MARKS,
        protected: Sequence[str] = (),
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.ratio = check_probability(self.name, "ratio", ratio)
        self.marks = check_marks(self.name, marks)
        self.protected = check_terms(self.name, protected)

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        texts = analyses(values, self.protected)
        return [insert_marks(analysis, rng, ratio=self.ratio, marks=self.marks) for analysis, rng in zip(texts, rngs)]
