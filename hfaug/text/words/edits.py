"""Edits of a text's words by their spans (replaced, inserted, deleted) that leave everything else in place:
punctuation and whitespace between words are never changed."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import regex

from hfaug.text.words.cutting import Word
from hfaug.text.words.sentences import QUOTES_AND_BRACKETS

_INVISIBLE = regex.compile(r"\p{Cf}+")  # zero-width spaces and joiners: they part words but show no gap


def splice(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, new)`` span replaced by ``new``.

    Spans must not overlap; ``start == end`` inserts. Insertions at the same place keep their order.
    """
    parts: list[str] = []
    last = 0
    for start, end, new in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        parts.append(text[last:start])
        parts.append(new)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def delete(text: str, words: Sequence[Word], deleted: Collection[int]) -> str:
    """``text`` without the words whose indices are in ``deleted``.

    Each deleted word takes one run of whitespace next to it with it (the one after it, or the
    one before it at the end of the text or before punctuation; a line break is kept over a
    space, and before punctuation). Punctuation and all other whitespace stay as they are.

    Example:
        >>> from hfaug.text.words.cutting import find_words
        >>> text = "a stirring , funny and moving film"
        >>> delete(text, find_words(text), {2, 5})
        'a stirring , and moving'
    """
    if not words:
        return text
    parts: list[str] = []
    gap = text[: words[0][0]]
    kept_any = False
    for index, (_, end, word) in enumerate(words):
        following = text[end : words[index + 1][0] if index + 1 < len(words) else len(text)]
        if index in deleted:
            gap = _join_gaps(gap, following, at_start=not kept_any, at_end=index + 1 == len(words))
        else:
            parts.append(gap)
            parts.append(word)
            gap = following
            kept_any = True
    parts.append(gap)
    return "".join(parts)


def _join_gaps(before: str, after: str, *, at_start: bool, at_end: bool) -> str:
    """The text between two words once the word between ``before`` and ``after`` is gone (``after`` ends the text
    where ``at_end``)."""
    tail = len(before) - len(before.rstrip())
    lead = len(after) - len(after.lstrip())
    if after and _INVISIBLE.fullmatch(after) and not at_end:  # `foo the\u200bbar` -> `foo\u200b bar`, not `foo\u200bbar`
        return after + before
    if tail and lead:
        if "\n" in after[:lead] and "\n" not in before[len(before) - tail :]:
            return before[: len(before) - tail] + after
        return before + after[lead:]
    if tail:  # and punctuation after the word: a line break before it stays, to keep that punctuation on its line
        space = before[len(before) - tail :]
        kept = len(space) - len(space.splitlines()[-1]) if after else 0  # through its last line break
        return before[: len(before) - tail + kept] + after
    if lead and at_start and (not before or before[-1] in QUOTES_AND_BRACKETS):  # `"Hello world"` -> `"world"`
        return before + after[lead:]
    return before + after
