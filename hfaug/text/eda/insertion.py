"""EDA's random insertion (:func:`insert_synonyms`): synonyms of the text's words inserted at random places, not
beside a word they clash with nor beside the words they are synonyms of (where the text has another place), and never
inside a protected phrase nor between the words that say what a question asks."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

import numpy as np

from hfaug.augmenter import Augmented
from hfaug.text.eda.questions import question_words
from hfaug.text.eda.units import ANALYSES_KEPT, clash, edited, uniform_index, units_of
from hfaug.text.synonym import NO_CANDIDATE, TextAnalysis
from hfaug.text.wordforms.synonyms import Replacements
from hfaug.text.words.edits import splice
from hfaug.text.words.letter_case import case_of, with_case
from hfaug.text.words.negations import negates

_DIGIT_RE = re.compile(r"\d")


def _is_number_word(replacements: Replacements) -> bool:
    """Whether these synonyms replace a number word: WordNet writes one of them with digits (*fifty*: *50*)."""
    return any(_DIGIT_RE.search(form) for form in replacements.forms)


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _sources(analysis: TextAnalysis) -> tuple[int, ...]:
    """The candidates of ``analysis.found`` whose synonyms may be inserted: not number words, whose synonyms
    would add another quantity (not *send fifty dollars to 50 carrie*), nor negations, whose synonyms negate
    (*seldom*: *rarely*) and would negate the text where inserted."""
    return tuple(
        index
        for index, found in enumerate(analysis.found.replacements)
        if not _is_number_word(found) and not negates(found.forms[0])
    )


def insertion_obstacle(analysis: TextAnalysis) -> str | None:
    """Why :func:`insert_synonyms` cannot change the text, or ``None`` if it can."""
    if not analysis.found.indices:
        return NO_CANDIDATE
    if _sources(analysis):
        return None
    kinds = {"negations" if negates(found.forms[0]) else "number words" for found in analysis.found.replacements}
    return f"only {' and '.join(sorted(kinds, reverse=True))} have synonyms, and those are never inserted"


def insert_synonyms(analysis: TextAnalysis, rng: np.random.Generator, *, alpha: float) -> Augmented:
    """Insert a synonym of a random word after a random word, ``max(1, int(alpha * words))`` times, never beside a
    word it repeats (*slow slow down*) nor as an article beside another (a synonym that has no other place is left out),
    nor beside or inside the words it is a synonym of (*Who founded established*, *concentration stockades camps*),
    where the text has another place.

    Synonyms come from words that :class:`hfaug.Synonym` could replace (fitting part of speech and
    inflection), number words and negations aside; nothing is inserted inside a protected phrase, nor between the
    words that say what a question asks (:func:`question_words`: not *How globe many*).
    """
    text, units, found = analysis.text, units_of(analysis), analysis.found
    sources = _sources(analysis)
    if not sources:
        return Augmented(value=text, dropped=insertion_obstacle(analysis))
    slots = _insertion_slots(analysis)
    count = max(1, int(alpha * len(units)))
    draws = rng.random(3 * count).tolist()
    edits = []
    inserted = []
    lowered = [word.lower() for _, _, word in units]
    offsets = [start for start, _, _ in units]
    last_inserted: dict[int, str] = {}  # the last word inserted after a unit, lower case
    for step in range(count):
        source = sources[uniform_index(draws[3 * step], len(sources))]
        form = found.replacements[source].pick(draws[3 * step + 1])
        if case_of(analysis.words[found.indices[source]][2]) == "upper":
            form = with_case(form, "upper")
        words = form.lower().split()
        beside = _beside_source(analysis, source, offsets)
        after = slots[uniform_index(draws[3 * step + 2], len(slots))]
        if after in beside or _clashes_after(words, after, lowered, last_inserted):
            apart = [slot for slot in slots if not _clashes_after(words, slot, lowered, last_inserted)]
            fitting = [slot for slot in apart if slot not in beside] or apart  # no other place: *spell potato*
            if not fitting:  # every place would put it beside the same word
                continue
            after = fitting[uniform_index(draws[3 * step + 2], len(fitting))]
        last_inserted[after] = words[-1]
        point = _outside(units[after][1], analysis.protected_spans)
        edits.append((point, point, " " + form))
        inserted.append([form, units[after][2]])
    unchanged = "every place would put the synonyms drawn beside the same word, or an article beside another"
    return edited(analysis, splice(text, edits), {"inserted": inserted}, unchanged)


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _insertion_slots(analysis: TextAnalysis) -> tuple[int, ...]:
    """The units after which a synonym may be inserted: not inside a protected phrase, nor between two of the words that
    say what a question asks (:func:`question_words`), nor after a word that took its point (:func:`units_of`), which
    holds to the word after it (*mr. smith*, *j. barry*, *no. 5*: not *mr. courage smith*)."""
    units, groups, asking = units_of(analysis), analysis.unit_groups, question_words(analysis)
    return tuple(
        index
        for index in range(len(units))
        if (groups is None or groups[index] < 0 or index + 1 == len(units) or groups[index + 1] != groups[index])
        and not {index, index + 1} <= asking
        and units[index][1] == analysis.units[index][1]
    )


def _beside_source(analysis: TextAnalysis, source: int, offsets: Sequence[int]) -> range:
    """The slots (units to insert after) beside or inside candidate ``source`` of ``analysis.found``: from the unit
    before its first word to its last unit (``offsets``: the units' start offsets)."""
    words, found = analysis.words, analysis.found
    first = bisect.bisect_right(offsets, words[found.indices[source]][0]) - 1
    last = bisect.bisect_right(offsets, words[found.ends[source] - 1][0]) - 1
    return range(first - 1, last + 1)


def _clashes_after(words: list[str], slot: int, lowered: list[str], last_inserted: dict[int, str]) -> bool:
    """Whether a form of ``words`` inserted after unit ``slot`` of the units ``lowered``, and after the words inserted
    there before (``last_inserted``: the last by unit), would clash with a word beside it (:func:`clash`): follow the
    word it starts with or precede the word it ends with (*slow slow down*, *put put off off*, *motorcycles
    motorcycles*), or put an article beside another."""
    before = last_inserted.get(slot, lowered[slot])
    return clash(before, words[0]) or (slot + 1 < len(lowered) and clash(words[-1], lowered[slot + 1]))


def _outside(point: int, spans: list[tuple[int, int]]) -> int:
    """``point``, or the end of the protected span it falls inside (a term can end in punctuation: ``C++``)."""
    return next((end for start, end in spans if start < point < end), point)
