"""The units of a text that EDA's operations move, delete and insert after (:func:`units_of`), and what the operations
share about them: which stand side by side and which clash there, which open a noun phrase, a point that goes where
its word goes, a uniform index from a draw, and the edited text with its articles fitted (:func:`edited`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from hfaug.augmenter import Augmented
from hfaug.text.stopwords import ENGLISH
from hfaug.text.synonym import TextAnalysis
from hfaug.text.wordforms.word_classes import DETERMINERS
from hfaug.text.words.articles import fit_articles
from hfaug.text.words.cutting import Word, leading_word, straight_apostrophes
from hfaug.text.words.sentences import ABBREVIATIONS

_POINT_AFTER_WORD_RE = re.compile(r"[^\W_]\.\s")

ANALYSES_KEPT = 256
"""Texts whose units, sentence starts, question words, movable and deletable units, content words, phrases, synonym
sources, places to insert, swap obstacle and units side by side (:func:`units_of`,
:func:`hfaug.text.eda.sentence_case.sentence_starts`, :func:`hfaug.text.eda.questions.question_words`,
:func:`hfaug.text.eda.questions.unguarded`, :func:`hfaug.text.eda.deletion._deletable`,
:func:`hfaug.text.eda.deletion._content`, :func:`hfaug.text.eda.deletion._opened_phrases`,
:func:`hfaug.text.eda.insertion._sources`, :func:`hfaug.text.eda.insertion._insertion_slots`,
:func:`hfaug.text.eda.swap._swap_obstacle`, :func:`side_by_side`) are kept, by their :class:`TextAnalysis`: a
text's copies come one after another, and each asks for them when an operation is drawn and again when it runs."""


def uniform_index(draw: float, size: int) -> int:
    """A uniform index in ``range(size)`` from a uniform draw in [0, 1)."""
    return min(int(draw * size), size - 1)


def edited(analysis: TextAnalysis, new: str, params: dict, unchanged: str | None = None) -> Augmented:
    """The edited text with its indefinite articles fitted to the words now after them
    (recorded under ``articles``); a text left as it was is dropped as ``unchanged``."""
    new, articles = fit_articles(new, analysis.pieces, analysis.protected)
    if unchanged is not None and new == analysis.text:
        return Augmented(value=new, dropped=unchanged)
    return Augmented(value=new, params={**params, "articles": articles} if articles else params)


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def units_of(analysis: TextAnalysis) -> list[Word]:
    """What the operations move, delete and insert after: :attr:`TextAnalysis.units`, each abbreviation that takes a
    point (:func:`_takes_its_point`) with the point right after it where whitespace and another unit follow
    (*mr. lopez*, *j. barry*), so that the point goes where its word goes and nothing comes between them. At the text's
    end, or written apart, a point ends the sentence (*baffled by jason x.*, *the answer is no .*), as
    :func:`hfaug.text.words.starts_sentence` has it."""
    units, text = analysis.units, analysis.text
    if _POINT_AFTER_WORD_RE.search(text) is None:  # no point to join (SST-2 writes its full stops apart: *film .*)
        return units
    last = len(units) - 1
    return [
        (start, end + 1, text[start : end + 1])
        if index < last and text.startswith(".", end) and text[end + 1 : end + 2].isspace() and _takes_its_point(word)
        else (start, end, word)
        for index, (start, end, word) in enumerate(units)
    ]


def _takes_its_point(word: str) -> bool:
    """Whether ``word`` is a title or short word of :data:`ABBREVIATIONS` (*mr*, *st*, *etc*) or an initial (a single
    letter but *I*, which a point after ends a sentence with: *so do I.*), which a point after it belongs to."""
    lower = word.lower()
    return lower in ABBREVIATIONS or (len(word) == 1 and word.isalpha() and lower != "i")


def one_point(analysis: TextAnalysis, order: Sequence[int | None], forms: list[str]) -> list[str]:
    """``forms``, the words of the slots once each holds unit ``order[slot]`` (``None``: deleted), but each that ends in
    a point and would stand right before another, once the units deleted after it are gone, without its own (*i met mr.
    smith.*: *i met smith mr.* and *i met mr.*, not *mr..*)."""
    units, text = units_of(analysis), analysis.text
    for slot, form in enumerate(forms):
        if form.endswith("."):
            last = slot  # the slot whose end the form now reaches: its own, or that of the last deleted after it
            while last + 1 < len(order) and order[last + 1] is None:
                last += 1
            if text.startswith(".", units[last][1]):
                forms[slot] = form[:-1]
    return forms


ARTICLE_WORDS = frozenset({"a", "an", "the"})
"""The articles, definite and indefinite: two side by side (*an a piece*, *a the film*) read as broken text, as a
word twice does (*the the*), so no operation brings such words together (:func:`clash`)."""


def clash(word: str, following: str) -> bool:
    """Whether the units ``word`` and ``following`` (lower case), side by side, read as a slip: the same word twice (*a
    a*, *the the*, and before a contraction *it it 's*, *is is n't*: :func:`leading_word`) or two articles (*an a*, *a
    the*)."""
    return word in (following, leading_word(following)) or (word in ARTICLE_WORDS and following in ARTICLE_WORDS)


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def side_by_side(analysis: TextAnalysis) -> tuple[bool, ...]:
    """For each unit but the last, whether only whitespace parts it from the next (*a film*; not *film , a*): two
    words there read as one run, where they must not :func:`clash`."""
    units, text = units_of(analysis), analysis.text
    return tuple(text[end:following].isspace() for (_, end, _), (following, _, _) in zip(units, units[1:]))


@functools.lru_cache(maxsize=1 << 14)
def opens_noun_phrase(unit: str) -> bool:
    """Whether ``unit`` is a determiner or a possessive, after which a noun phrase goes on (*the*, *Snoopy 's*)."""
    lower = straight_apostrophes(unit.lower())
    return lower in DETERMINERS or (lower.endswith("'s") and leading_word(lower) not in ENGLISH)
