"""Protected terms: the ``protected`` argument of word-level augmenters checked, and the words of a text that its
terms cover, which are never changed, moved or deleted."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet

from hfaug.text.words.cutting import APOSTROPHES, Word


def check_terms(owner: str, terms: Iterable[str]) -> tuple[str, ...]:
    """Validate a ``protected`` argument: a list of words or phrases (a set is kept sorted: :func:`words_of`)."""
    if isinstance(terms, str):
        raise TypeError(f"{owner}: protected must be a list of words or phrases, e.g. protected=[{terms!r}]")
    if not isinstance(terms, Iterable):
        raise TypeError(
            f"{owner}: protected must be a list of words or phrases, e.g. protected=['New York'] ([] for none); "
            f"got {terms!r}"
        )
    return words_of(owner, "protected terms", terms, blank=lambda term: not term.strip())


def words_of(owner: str, kind: str, given: Iterable[str], *, blank: Callable[[str], bool]) -> tuple[str, ...]:
    """The words of ``given`` in their order, or sorted when ``given`` is a set (a set's order changes with
    ``PYTHONHASHSEED``, and with it the config, and so the `datasets` fingerprint, that keeps them); a
    `ValueError` for one that is no string or is ``blank``."""
    words = tuple(given)
    for word in words:
        if not isinstance(word, str) or blank(word):
            raise ValueError(f"{owner}: {kind} must be non-empty strings, got {word!r}")
    return tuple(sorted(words)) if isinstance(given, AbstractSet) else words


@functools.lru_cache(maxsize=128)
def _protected_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    forms = {unicodedata.normalize(form, term) for term in terms for form in ("NFC", "NFD")}  # café either way
    alternatives = sorted(map(_term_pattern, forms), key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE)


def _term_pattern(term: str) -> str:
    """``term`` as a pattern: its words apart by any whitespace, an apostrophe as any of
    :data:`~hfaug.text.words.cutting.APOSTROPHES` (``McDonald's`` protects ``McDonald’s`` too)."""
    marks = "[" + re.escape("".join(APOSTROPHES)) + "]"
    return r"\s+".join("".join(marks if char in APOSTROPHES else re.escape(char) for char in word) for word in term.split())


def protected_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every occurrence of a protected term in ``text``, in order;
    occurrences that overlap (``good film`` and ``film story`` in ``good film story``) are one span.

    Example:
        >>> protected_spans("a good film story", ("good film", "film story"))
        [(2, 17)]
    """
    regex = _protected_regex(terms)
    if regex is None:
        return []
    spans: list[tuple[int, int]] = []
    match = regex.search(text)
    while match is not None:
        start, end = match.span()
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
        match = regex.search(text, start + 1)
    return spans


def protected_groups(text: str, words: Sequence[Word], terms: tuple[str, ...]) -> list[int] | None:
    """For each word, ``-1`` if it is free, else the number of the protected occurrence covering it.

    Terms match case-insensitively, as whole words; a phrase matches across any whitespace.
    Returns ``None`` when no term occurs in ``text``.

    Example:
        >>> from hfaug.text.words.cutting import find_words
        >>> text = "I love New  York pizza"
        >>> protected_groups(text, find_words(text), ("new york", "pizza"))
        [-1, -1, 0, 0, 1]
    """
    spans = protected_spans(text, terms)
    if not spans:
        return None
    groups = []
    current = 0
    for start, end, _ in words:
        while current < len(spans) and spans[current][1] <= start:
            current += 1
        groups.append(current if current < len(spans) and spans[current][0] < end else -1)
    return groups
