"""The sentences of a text (:func:`sentence_starts`) and their case once EDA's operations have moved or deleted words
(:func:`in_sentence_case`): a sentence's new first word takes its capital, a former one inside may lose it."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import lemminflect

from hfaug.text import lexicon
from hfaug.text.eda.units import ANALYSES_KEPT, units_of
from hfaug.text.stopwords import ENGLISH
from hfaug.text.synonym import TextAnalysis
from hfaug.text.words.cutting import leading_word, pieces_of
from hfaug.text.words.letter_case import case_of
from hfaug.text.words.sentences import SENTENCE_ENDS, starts_sentence

_SENTENCE_END_RE = re.compile(f"[{''.join(SENTENCE_ENDS)}]\\s")


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def sentence_starts(analysis: TextAnalysis) -> tuple[int, ...]:
    """The units that open the text or a sentence (after ``.``, ``!``, ``?`` or ``…``; an opening quote
    does not: *Who directed "Titanic" ?*)."""
    text, units = analysis.text, units_of(analysis)
    if not _SENTENCE_END_RE.search(text):  # a single sentence
        return (0,)
    pieces = pieces_of(text, units)
    return tuple(
        index
        for index in range(len(units))
        if index == 0 or (pieces[2 * index].rstrip()[-1:] in SENTENCE_ENDS and starts_sentence(pieces, index))
    )


@functools.lru_cache(maxsize=1 << 14)
def _common_word(word: str) -> bool:
    """Whether ``word`` (lower case) is a stop word, or a word that lemminflect knows and WordNet does
    not list as most likely a name (*name*, *killed*; not *gandhi*, *lee*)."""
    return word in ENGLISH or (bool(lemminflect.getAllLemmas(word)) and word not in lexicon.load().names)


def _capital_for_start(unit: str) -> bool:
    """Whether ``unit``, which opens a sentence, is a word capitalised only there: in title case, not *I*,
    and a common word (:func:`_common_word`); unless written so inside a sentence too (a name)."""
    first = leading_word(unit)
    return case_of(first) == "title" and first != "I" and _common_word(first.lower())


def _leading_words_inside(analysis: TextAnalysis, opening: frozenset[int]) -> set[str]:
    """The :func:`leading_word` of every unit but those ``opening`` a sentence."""
    return {leading_word(word) for index, (_, _, word) in enumerate(units_of(analysis)) if index not in opening}


def _capitalised(unit: str) -> str:
    """``unit`` with a capital where it is in lower case (``it 's`` -> ``It 's``; ``iPhone`` stays)."""
    return unit[:1].upper() + unit[1:] if case_of(leading_word(unit)) == "lower" else unit


def in_sentence_case(analysis: TextAnalysis, order: Sequence[int | None]) -> list[str]:
    """The words of the slots of :attr:`TextAnalysis.units` once each holds unit ``order[slot]`` (``None``:
    deleted, an empty string), in sentence case: a sentence that began with a capital gives it to its new
    first word (unless protected), and a former first word now inside loses it where it had it only for
    standing first (:func:`_capital_for_start`, and not written so inside a sentence: a name)."""
    units, groups = units_of(analysis), analysis.unit_groups
    forms = ["" if unit is None else units[unit][2] for unit in order]
    if analysis.text.islower():
        return forms
    starts = sentence_starts(analysis)
    opening = frozenset(starts)
    inside: set[str] | None = None  # worked out once a first word has moved inside
    for start, end in zip(starts, [*starts[1:], len(order)]):
        slots = [slot for slot in range(start, end) if order[slot] is not None]
        first = order[slots[0]] if slots else None  # the unit that now opens the sentence
        if first is not None and units[start][2][:1].isupper() and (groups is None or groups[first] < 0):
            forms[slots[0]] = _capitalised(forms[slots[0]])
        for slot in slots[1:]:
            if order[slot] in opening and _capital_for_start(forms[slot]):
                inside = _leading_words_inside(analysis, opening) if inside is None else inside
                if leading_word(forms[slot]) not in inside:
                    forms[slot] = forms[slot][:1].lower() + forms[slot][1:]
    return forms
