"""Easy Data Augmentation (Wei & Zou, 2019): random swap, deletion and insertion, and EDA itself.

Each operation is its own augmenter; :class:`EDA` draws one operation per augmented copy, as
the paper does, among those that can change the text. Unlike the reference code, which lower-cases
the text and strips its punctuation, these work on the words of the text in place: punctuation and
whitespace stay where they are, and protected terms are never moved, deleted or split. An indefinite
article that comes before another word than in the source is made to fit it (``a old`` -> ``an old``);
``hfaug_params`` records such changes under ``articles`` as ``[article, new article, next word]``.
Where a sentence began with a capital and swap or deletion gives it another first word, that word
takes the capital, and the former first word, if it had the capital only for standing first, loses it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

import lemminflect
import numpy as np

from hfaug.augmenter import Augmented, OnError, check_flag
from hfaug.text import lexicon
from hfaug.text.base import TextAugmenter
from hfaug.text.reading.word_classes import BE_FORMS, COORDINATORS, FINITE_FORMS, PREPOSITIONS_AND_TO
from hfaug.text.stopwords import ENGLISH
from hfaug.text.synonym import NO_CANDIDATE, TextAnalysis, analyses, synonym_edit
from hfaug.text.wordforms import (
    AUXILIARIES,
    CONTEXTS,
    DETERMINERS,
    MODALS,
    NOUN_PHRASE_ENDS,
    PARTICLES,
    PREPOSITIONS,
    SUBJECTS,
    Replacements,
    adverb_only,
    may_be_adverb,
    verb_tags,
)
from hfaug.text.words import (
    ABBREVIATIONS,
    SENTENCE_ENDS,
    StopwordsSpec,
    Word,
    case_of,
    check_probability,
    check_stopwords,
    check_terms,
    delete,
    fit_articles,
    is_negation,
    is_number,
    leading_word,
    negates,
    pieces_of,
    splice,
    starts_sentence,
    stopword_set,
    straight_apostrophes,
    with_case,
)

_SENTENCE_END_RE = re.compile(f"[{''.join(SENTENCE_ENDS)}]\\s")
_DIGIT_RE = re.compile(r"\d")
_REDRAWS = 16
_POINT_AFTER_WORD_RE = re.compile(r"[^\W_]\.\s")

ANALYSES_KEPT = 256
"""Texts whose units, sentence starts, question words, movable and deletable units, content words, phrases, synonym
sources, places to insert, swap obstacle and units side by side (:func:`_units`, :func:`_sentence_starts`,
:func:`_question_words`, :func:`_unguarded`, :func:`_deletable`, :func:`_content`, :func:`_opened_phrases`,
:func:`_sources`, :func:`_insertion_slots`, :func:`_swap_obstacle`, :func:`_side_by_side`) are kept, by their
:class:`TextAnalysis`: a text's copies come one after another, and each asks for them when an operation is drawn and
again when it runs."""


def _index(draw: float, size: int) -> int:
    """A uniform index in ``range(size)`` from a uniform draw in [0, 1)."""
    return min(int(draw * size), size - 1)


def _free(groups: list[int] | None, size: int) -> list[int]:
    return list(range(size)) if groups is None else [index for index in range(size) if groups[index] < 0]


def _optional_rate(name: str, value: float | None) -> float | None:
    return None if value is None else check_probability("eda", name, value, allow_zero=True)


def _edited(analysis: TextAnalysis, new: str, params: dict, unchanged: str | None = None) -> Augmented:
    """The edited text with its indefinite articles fitted to the words now after them
    (recorded under ``articles``); a text left as it was is dropped as ``unchanged``."""
    new, articles = fit_articles(new, analysis.pieces, analysis.protected)
    if unchanged is not None and new == analysis.text:
        return Augmented(value=new, dropped=unchanged)
    return Augmented(value=new, params={**params, "articles": articles} if articles else params)


# ---------------------------------------------------------------------- units
@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _units(analysis: TextAnalysis) -> list[Word]:
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


def _one_point(analysis: TextAnalysis, order: Sequence[int | None], forms: list[str]) -> list[str]:
    """``forms``, the words of the slots once each holds unit ``order[slot]`` (``None``: deleted), but each that ends in
    a point and would stand right before another, once the units deleted after it are gone, without its own (*i met mr.
    smith.*: *i met smith mr.* and *i met mr.*, not *mr..*)."""
    units, text = _units(analysis), analysis.text
    for slot, form in enumerate(forms):
        if form.endswith("."):
            last = slot  # the slot whose end the form now reaches: its own, or that of the last deleted after it
            while last + 1 < len(order) and order[last + 1] is None:
                last += 1
            if text.startswith(".", units[last][1]):
                forms[slot] = form[:-1]
    return forms


# ---------------------------------------------------------------------- sentence case
@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _sentence_starts(analysis: TextAnalysis) -> tuple[int, ...]:
    """The units that open the text or a sentence (after ``.``, ``!``, ``?`` or ``…``; an opening quote
    does not: *Who directed "Titanic" ?*)."""
    text, units = analysis.text, _units(analysis)
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
    return {leading_word(word) for index, (_, _, word) in enumerate(_units(analysis)) if index not in opening}


def _capitalised(unit: str) -> str:
    """``unit`` with a capital where it is in lower case (``it 's`` -> ``It 's``; ``iPhone`` stays)."""
    return unit[:1].upper() + unit[1:] if case_of(leading_word(unit)) == "lower" else unit


def _recased(analysis: TextAnalysis, order: Sequence[int | None]) -> list[str]:
    """The words of the slots of :attr:`TextAnalysis.units` once each holds unit ``order[slot]`` (``None``:
    deleted, an empty string), in sentence case: a sentence that began with a capital gives it to its new
    first word (unless protected), and a former first word now inside loses it where it had it only for
    standing first (:func:`_capital_for_start`, and not written so inside a sentence: a name)."""
    units, groups = _units(analysis), analysis.unit_groups
    forms = ["" if unit is None else units[unit][2] for unit in order]
    if analysis.text.islower():
        return forms
    starts = _sentence_starts(analysis)
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


# ---------------------------------------------------------------------- functional core
@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _swap_obstacle(analysis: TextAnalysis, keep_negations: bool) -> str | None:
    """Why swapping the :func:`_unguarded` units cannot change the text, or ``None`` if it can."""
    movable = _unguarded(analysis, keep_negations)
    if len(movable) < 2:
        kept = any(is_negation(word) for index, (_, _, word) in enumerate(_units(analysis)) if index not in movable)
        return "fewer than two words can be swapped" + (" (negations stay in place)" if kept else "")
    keys = [word.lower() for _, _, word in _units(analysis)]
    if len({keys[index] for index in movable}) < 2:
        return "the words that can be swapped are all the same"
    beside = _side_by_side(analysis)
    if not any(_swap_fits(keys, beside, movable[0], slot) for slot in movable[1:]) and not any(
        len(partners) for _, partners in _fitting_pairs(keys, _slots(keys, beside), movable[1:])
    ):  # a partner of the first slot, as most texts have, else one of the others' (every pair checked at once)
        return "every swap would put a word beside the same word, or an article beside another"
    return None


def swap_obstacle(analysis: TextAnalysis, *, keep_negations: bool = True) -> str | None:
    """Why :func:`swap_words` cannot change the text, or ``None`` if it can."""
    return _swap_obstacle(analysis, keep_negations)


ARTICLE_WORDS = frozenset({"a", "an", "the"})
"""The articles, definite and indefinite: two side by side (*an a piece*, *a the film*) read as broken text, as a
word twice does (*the the*), so no operation brings such words together (:func:`_clash`)."""


def _clash(word: str, following: str) -> bool:
    """Whether the units ``word`` and ``following`` (lower case), side by side, read as a slip: the same word twice (*a
    a*, *the the*, and before a contraction *it it 's*, *is is n't*: :func:`leading_word`) or two articles (*an a*, *a
    the*)."""
    return word in (following, leading_word(following)) or (word in ARTICLE_WORDS and following in ARTICLE_WORDS)


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _side_by_side(analysis: TextAnalysis) -> tuple[bool, ...]:
    """For each unit but the last, whether only whitespace parts it from the next (*a film*; not *film , a*): two
    words there read as one run, where they must not :func:`_clash`."""
    units, text = _units(analysis), analysis.text
    return tuple(text[end:following].isspace() for (_, end, _), (following, _, _) in zip(units, units[1:]))


INDEFINITE_ARTICLES = frozenset({"a", "an"})
"""The indefinite article's two forms: swapping one with the other changes nothing, as each is then fitted to the word
after it (:func:`fit_articles`: *a hour* -> *an hour*), so swaps take them for the same word."""


def _swap_fits(keys: list[str], beside: Sequence[bool], i: int, j: int) -> bool:
    """Whether swapping the words of slots ``i`` and ``j`` (``keys``: each slot's word, lower case) changes them (not
    *a* with *an*: :data:`INDEFINITE_ARTICLES`) and puts no word beside one it clashes with (:func:`_clash`;
    ``beside``: :func:`_side_by_side`)."""
    if _same_word(keys[i], keys[j]):
        return False
    keys[i], keys[j] = keys[j], keys[i]  # tried in place, and put back
    pairs = len(beside)
    fits = not any(
        0 <= slot < pairs and beside[slot] and _clash(keys[slot], keys[slot + 1]) for slot in (i - 1, i, j - 1, j)
    )
    keys[i], keys[j] = keys[j], keys[i]
    return fits


def _same_word(first: str, second: str) -> bool:
    """Whether swapping ``first`` and ``second`` (lower case) changes nothing: the same word, or *a* and *an*."""
    return first == second or (first in INDEFINITE_ARTICLES and second in INDEFINITE_ARTICLES)


class _Slots(NamedTuple):
    """The slots of a text being swapped: each slot's word as the index of its lower-case form in ``words``
    (``ids``, changed in place as words swap), and :func:`_side_by_side`'s flags (``beside``), also as an array
    (``beside_mask``)."""

    ids: np.ndarray
    words: list[str]
    beside: Sequence[bool]
    beside_mask: np.ndarray


def _slots(keys: Sequence[str], beside: Sequence[bool]) -> _Slots:
    """The :class:`_Slots` of ``keys`` (each slot's word, lower case) and ``beside``."""
    index: dict[str, int] = {}
    ids = np.fromiter((index.setdefault(key, len(index)) for key in keys), dtype=np.intp, count=len(keys))
    return _Slots(ids, list(index), beside, np.array(beside, dtype=bool))


def _fitting_partners(keys: list[str], slots: _Slots, candidates: np.ndarray, i: int) -> np.ndarray:
    """The ``candidates`` (slots, in order) whose swap with slot ``i`` fits (:func:`_swap_fits`). Each distinct word is
    checked once against slot ``i``'s word and neighbours, then every slot at once: checking slot by slot took time in
    the square of the words for a long text of few words (*it is good . it is good . ...*)."""
    ids, beside, mask, word = slots.ids, slots.beside, slots.beside_mask, keys[i]
    pairs = len(beside)
    words_ok = np.array([not _same_word(word, other) for other in slots.words])  # slot i's word comes, others' leave
    if i > 0 and beside[i - 1]:
        words_ok &= [not _clash(keys[i - 1], other) for other in slots.words]
    if i < pairs and beside[i]:
        words_ok &= [not _clash(other, keys[i + 1]) for other in slots.words]
    fits = words_ok[ids]
    fits[1:] &= ~(mask & np.array([_clash(other, word) for other in slots.words])[ids[:-1]])  # slot j's neighbours
    fits[:-1] &= ~(mask & np.array([_clash(word, other) for other in slots.words])[ids[1:]])
    for neighbour in (i - 1, i + 1):  # swapped with i, its neighbours change too
        if 0 <= neighbour < len(ids):
            fits[neighbour] = _swap_fits(keys, beside, i, neighbour)
    return candidates[fits[candidates]]


def _fitting_pairs(keys: list[str], slots: _Slots, movable: Sequence[int]) -> Iterator[tuple[int, np.ndarray]]:
    """Each of the ``movable`` slots, in order, with the later ones whose swap with it fits
    (:func:`_fitting_partners`)."""
    later = np.asarray(movable, dtype=np.intp)
    return ((i, _fitting_partners(keys, slots, later[at + 1 :], i)) for at, i in enumerate(movable))


def _partner(
    keys: list[str], slots: _Slots, movable: Sequence[int], first: int, draw: float, rng: np.random.Generator
) -> int | None:
    """A movable slot to swap with ``movable[first]`` that fits (:func:`_swap_fits`), uniformly: the one ``draw`` picks
    among the others, drawn again from ``rng`` while it does not fit; after :data:`_REDRAWS` draws, one drawn among
    those that fit (a long text of one word repeated took as many draws as it has words); ``None`` if none does."""
    i = movable[first]
    for _ in range(_REDRAWS):
        second = _index(draw, len(movable) - 1)
        slot = movable[second + (second >= first)]
        if _swap_fits(keys, slots.beside, i, slot):
            return slot
        draw = float(rng.random())
    others = _fitting_partners(keys, slots, np.asarray(movable, dtype=np.intp), i)
    return int(others[_index(draw, len(others))]) if len(others) else None


def _swap_pair(
    keys: list[str], slots: _Slots, movable: Sequence[int], draws: Sequence[float], rng: np.random.Generator
) -> tuple[int, int] | None:
    """Two movable slots whose swap fits (:func:`_swap_fits`): the first that ``draws[0]`` picks with a :func:`_partner`
    that ``draws[1]`` picks, else, where none fits it, a pair ``draws[1]`` picks among those that fit; ``None`` if none
    does."""
    first = _index(draws[0], len(movable))
    j = _partner(keys, slots, movable, first, draws[1], rng)
    if j is not None:
        return movable[first], j
    fitting = [(i, partners) for i, partners in _fitting_pairs(keys, slots, movable) if len(partners)]
    if not fitting:
        return None
    ends = list(itertools.accumulate(len(partners) for _, partners in fitting))  # pairs up to each slot's last
    pick = _index(draws[1], ends[-1])
    at = bisect.bisect_right(ends, pick)
    i, partners = fitting[at]
    return i, int(partners[pick - (ends[at - 1] if at else 0)])


def swap_words(
    analysis: TextAnalysis, rng: np.random.Generator, *, alpha: float, keep_negations: bool = True
) -> Augmented:
    """Swap two random different words, ``max(1, int(alpha * words))`` times, never putting a word beside the same
    word nor an article beside another (:func:`_swap_fits`); protected words stay put, and so do negations
    (:func:`is_negation`) where ``keep_negations``."""
    text, words = analysis.text, _units(analysis)
    movable = _unguarded(analysis, keep_negations)
    reason = _swap_obstacle(analysis, keep_negations)
    if reason is not None:
        return Augmented(value=text, dropped=reason)
    keys = [word.lower() for _, _, word in words]
    source, slots = keys.copy(), _slots(keys, _side_by_side(analysis))
    count = max(1, int(alpha * len(words)))
    pairs = rng.random((count, 2)).tolist()
    order = list(range(len(words)))
    swapped: list[list[str]] = []
    while len(swapped) < count or keys == source:  # swaps that undid each other: one more
        draws = pairs[len(swapped)] if len(swapped) < count else rng.random(2).tolist()
        pair = _swap_pair(keys, slots, movable, draws, rng)
        if pair is None:  # the swaps made leave none that fits
            break
        i, j = pair
        swapped.append([words[order[i]][2], words[order[j]][2]])
        order[i], order[j] = order[j], order[i]
        keys[i], keys[j] = keys[j], keys[i]
        slots.ids[[i, j]] = slots.ids[[j, i]]
    forms = _one_point(analysis, order, _recased(analysis, order))
    new = splice(text, [(start, end, forms[i]) for i, (start, end, word) in enumerate(words) if forms[i] != word])
    return _edited(analysis, new, {"swapped": swapped}, "the swaps left the text as it was")


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _unguarded(analysis: TextAnalysis, keep_negations: bool) -> tuple[int, ...]:
    """The units that may be swapped or deleted: not protected, nor the words that say what a question asks (its
    question word, auxiliary, what is asked for, its subject's word and verb: :func:`_question_words`), nor negations
    where ``keep_negations``."""
    units = _units(analysis)
    free = _free(analysis.unit_groups, len(units))
    asking = _question_words(analysis)
    return tuple(
        index for index in free if index not in asking and not (keep_negations and is_negation(units[index][2]))
    )


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _question_words(analysis: TextAnalysis) -> frozenset[int]:
    """The units that say what a question asks: its question word (:data:`QUESTION_WORDS`) where it opens the text
    or a sentence, after a preposition too (*In what year*), the word after *how* that is no verb or pronoun (*How
    many engines does a Boeing 737 have ?*: not *Does many engines how ...*; *How long*, *How fast*), an auxiliary
    right after them (*What is titanium ?*: not *What titanium ?*; *How can I*), else the words of what is asked for
    (:func:`_asked_for`: *What city*, *How many engines*: not *What Flintstones did the city live in ?*), or the verb
    right after a question word that is the subject (*Who invented baseball ?*: not *Who baseball invented ?*); after
    the auxiliary, the word that stands for its subject and its verb (:func:`_with_subject_and_verb`: *What do
    Mormons believe ?*)."""
    units = _units(analysis)
    starts = _sentence_starts(analysis) if units else ()
    asking: set[int] = set()
    for start in starts:
        opening = start
        if start + 1 < len(units) and units[start][2].lower() in PREPOSITIONS_BEFORE_QUESTIONS:
            start += 1  # *In what year ...*, *On which day ...*
        word = leading_word(units[start][2]).lower()
        if word not in QUESTION_WORDS:
            continue
        asking.update(range(opening, start + 1))
        after = start + 1
        if word == "how" and after < len(units) and units[after][2].lower() not in CONTEXTS:
            word = units[after][2].lower()  # *how many*, *how long*, *how fast*; not *how do*, *how is*
            asking.add(after)
            after += 1
        if after < len(units) and CONTEXTS.get(units[after][2].lower()) in ASKING_VERBS:
            asking.update(_with_subject_and_verb(units, after))
        elif word in ASKING_FOR:
            asked = _asked_for(units, after, starts)
            asking.update(asked)
            if asked:
                asking.update(_with_subject_and_verb(units, asked[-1]))  # *What plant is rum made from ?*
        elif word in SUBJECT_QUESTION_WORDS and after < len(units) and _is_finite_verb(units[after][2]):
            asking.add(after)
    return frozenset(asking)


QUESTION_WORDS = frozenset("what who whom whose which when where why how".split())
"""Words that open a question and say what it asks (TREC's classes hang on them)."""

ASKING_VERBS = frozenset({"aux", "modal"})
"""The :data:`CONTEXTS` classes of a verb that, right after a question word, makes the question (*What is*, *Who
was*, *How did*, *Where can*)."""

ASKING_FOR = frozenset("what which whose many much".split())
"""Question words that the words of what is asked for follow (*What city*, *Which president*, *How many engines*)."""

SUBJECT_QUESTION_WORDS = frozenset({"who"})
"""Question words that stand as the subject of their question, so that the verb right after them is its predicate
(*Who invented baseball ?*, *Who wrote the song Yesterday ?*); *what* and *which* pin theirs as what is asked for
(:func:`_asked_for`: *What causes pneumonia ?*), and *whom* and *whose* are no subject."""

MAX_ASKED_FOR = 3
"""The most words :func:`_asked_for` keeps (*What U.S. state*)."""


def _with_subject_and_verb(units: Sequence[tuple[int, int, str]], auxiliary: int) -> set[int]:
    """Unit ``auxiliary``, a question's auxiliary, with the word that stands for its subject (:func:`_subject_head`) and
    its verb where they follow it: up to :data:`MAX_SUBJECT` words that open with no determiner nor an adverb and hold
    no word of :data:`CONTEXTS`, then a word in lower case (or in capitals, in a text in capitals) in a form the auxiliary takes:
    a participle after *be* and *have* (or, after *be* and a pronoun, a form in *-ing*), else a base form (*What do
    Mormons believe ?*, *How can you become an FBI agent ?*, *Where was Lincoln assassinated ?*, *What are Cushman and
    Wakefield known for ?*, *when was i last paid*, *What is he doing now ?*: not *What do believe ?*, *How can you an
    FBI agent ?*, *What are known for ?*, *when was last paid*, *What is now ?*; but *What are liver enzymes ?*, *What
    is dry ice ?*, *Who is Stephen Hawking ?*, *What is the ...*, *What city is sometimes called Gotham ?*, whose
    subject is what is asked for); a *be* or *have* after a modal, with its participle (*What can be done ?*)."""
    kept = {auxiliary}
    lower, subject = units[auxiliary][2].lower(), auxiliary + 1
    if lower not in QUESTION_AUXILIARIES or subject >= len(units):
        return kept  # *How to spell it ?*: *to* opens no subject
    first = units[subject][2]
    if first.lower() in PERFECT_AND_PASSIVE:  # *What can be done about snoring ?*, *What would have happened*
        done = subject + 1
        participle = done < len(units) and not PARTICIPLES.isdisjoint(verb_tags(units[done][2].lower()))
        return kept | {subject, done} if participle else kept | {subject}
    if _opens_noun_phrase(first) or _adverb_and_nothing_else(first.lower()):
        return kept
    forms = BASE_FORM
    if lower in PERFECT_AND_PASSIVE:
        be = lower in BE_OR_CONTRACTED
        forms = PARTICIPLES_AFTER_PRONOUNS if be and first.lower() in PRONOUN_SUBJECTS else PARTICIPLES
    capitals = units[auxiliary][2].isupper()
    for verb in range(subject + 1, min(subject + 1 + MAX_SUBJECT, len(units))):
        word = units[verb][2]
        if (word.islower() or (capitals and word.isupper())) and not forms.isdisjoint(verb_tags(word.lower())):
            return kept | {_subject_head(units, subject, verb), verb}
        if word.lower() in CONTEXTS:
            break
    return kept


def _subject_head(units: Sequence[tuple[int, int, str]], subject: int, verb: int) -> int:
    """The word that stands for a question's subject, from unit ``subject`` to before unit ``verb``: a pronoun that
    opens it, else its last word that is no adverb (*when was i last paid*: *i*; *What are Cushman and Wakefield known
    for ?*: *Wakefield*)."""
    if units[subject][2].lower() in PRONOUN_SUBJECTS:
        return subject
    words = range(verb - 1, subject, -1)
    return next((at for at in words if not _adverb_and_nothing_else(units[at][2].lower())), subject)


def _adverb_and_nothing_else(word: str) -> bool:
    """Whether ``word`` (lower case) is an adverb in WordNet and nothing else (*sometimes*, *often*, *once*)."""
    return may_be_adverb(word) and adverb_only(word)


MAX_SUBJECT = 3
"""The most words of a question's subject that :func:`_with_subject_and_verb` looks past (*Cushman and Wakefield*)."""
BE_OR_CONTRACTED = BE_FORMS | {"'s", "'re"}
PERFECT_AND_PASSIVE = BE_OR_CONTRACTED | frozenset("has have had 've".split())
"""Auxiliaries that a participle follows (*Where was Lincoln assassinated ?*, *What has she done ?*)."""
QUESTION_AUXILIARIES = PERFECT_AND_PASSIVE | (MODALS - {"n't"})
"""Auxiliaries that make a question, before its subject (*What do Mormons believe ?*); not *to*, which opens none."""
BASE_FORM = frozenset({"VB"})
PARTICIPLES = frozenset({"VBN"})
PARTICIPLES_AFTER_PRONOUNS = PARTICIPLES | {"VBG"}
"""The verb forms after *be* and a pronoun (*What is he doing now ?*); after a noun, a form in *-ing* is more often a
noun's (*What is power steering ?*)."""
PRONOUN_SUBJECTS = SUBJECTS | {"it", "there"}


def _is_finite_verb(unit: str) -> bool:
    """Whether ``unit`` can be a verb in the past or the third person singular (*invented*, *sings*; not *first*)."""
    return not FINITE_FORMS.isdisjoint(verb_tags(unit.lower()))


def _asked_for(units: Sequence[tuple[int, int, str]], first: int, starts: Sequence[int]) -> range:
    """The units from ``first`` that name what a question asks for, up to :data:`MAX_ASKED_FOR`: until a word of
    :data:`CONTEXTS` (an auxiliary, a preposition, a determiner: *What city did*, *Which president of*) or another
    sentence, or past *of* after a word of :data:`KINDS` (*What kind of animal*), with the auxiliary right after them,
    which makes the question (*What country did King Wenceslas rule ?*: not *What country King Wenceslas rule ?*); the
    verb that asks of no auxiliary counts (*What causes pneumonia ?*: not *What pneumonia causes ?*)."""
    end, last = first, min(len(units), first + MAX_ASKED_FOR)
    while end < last and units[end][2].lower() not in CONTEXTS and end not in starts:  # the first start is 0
        end += 1
    kind = end > first and units[end - 1][2].lower() in KINDS
    if kind and end + 1 < len(units) and units[end][2].lower() == "of":
        return range(first, _asked_for(units, end + 1, starts).stop)  # *What kind of animal was*
    if end < len(units) and end not in starts and units[end][2].lower() in QUESTION_AUXILIARIES:
        end += 1  # the auxiliary that makes the question: *What country did King Wenceslas rule ?*
    return range(first, end)


KINDS = frozenset("kind kinds type types sort sorts breed breeds".split())
"""Words that, before *of*, name what a question asks for with the words after *of* (*What kind of animal was*)."""

PREPOSITIONS_BEFORE_QUESTIONS = frozenset("in on at for from to by with of during since".split())
"""Prepositions that may open a question before its question word (*In what year*, *Since when*)."""


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _deletable(analysis: TextAnalysis, keep_negations: bool) -> tuple[int, ...]:
    """The :func:`_unguarded` units but numbers, which a text's meaning hangs on (*set a timer for 5 minutes*), the
    word between two numbers (*what is 4 x 4*, *55 times 300*, *2 plus 2*: not *what is 4 4*), and the words that
    end a phrase (:func:`_phrase_ends`)."""
    units = _units(analysis)
    numbers = [is_number(word) for _, _, word in units]
    ends = _phrase_ends(analysis)
    return tuple(
        index
        for index in _unguarded(analysis, keep_negations)
        if not numbers[index]
        and not (0 < index < len(units) - 1 and numbers[index - 1] and numbers[index + 1])
        and index not in ends
    )


def _phrase_ends(analysis: TextAnalysis) -> frozenset[int]:
    """The units without which a question or a phrase would break off: the last word before a question mark (*What
    is the history of skateboarding ?*: not *the history of ?*), the word before it where it is a preposition left at
    the end (:data:`STRANDED_PREPOSITIONS`: *What does NASA stand for ?*: not *What does NASA for ?*), and the word
    after a determiner or a possessive where a punctuation mark, the end of the text, a preposition or an auxiliary
    follows it (*What is the population of Ohio ?*: not *the of Ohio*), and a word alone between two marks of
    :data:`CLAUSE_MARKS`, or the start and one (*love , memory , history*: not *love , , history*; *yes, that's
    confirmed*: not *, that's confirmed*; *oh , james !*: not *oh , !*; *Great . Thanks !*: not *Great . !*)."""
    units = _units(analysis)
    gaps = pieces_of(analysis.text, units)[::2]  # gaps[index]: before unit index, gaps[index + 1]: after it
    ends = set()
    for index, (_, _, word) in enumerate(units):
        before, after = gaps[index] if index else ",", gaps[index + 1]
        if not CLAUSE_MARKS.isdisjoint(before) and not CLAUSE_MARKS.isdisjoint(after):
            ends.add(index)
        if "?" in after:
            ends.add(index)
            if index and word.lower() in STRANDED_PREPOSITIONS:
                ends.add(index - 1)
        elif index and _opens_noun_phrase(units[index - 1][2]) and _closes_phrase(analysis, index, NOUN_PHRASE_CLOSERS):
            ends.add(index)
    return frozenset(ends)


def _closes_phrase(analysis: TextAnalysis, index: int, closers: frozenset[str] = frozenset()) -> bool:
    """Whether unit ``index`` ends the text, or a punctuation mark or one of the words ``closers`` follows it."""
    units = _units(analysis)
    if index + 1 == len(units):
        return True
    after = analysis.text[units[index][1] : units[index + 1][0]]
    return not after.isspace() or units[index + 1][2].lower() in closers


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _opened_phrases(analysis: TextAnalysis) -> tuple[tuple[int, range], ...]:
    """Each unit that opens a noun phrase (:func:`_opens_noun_phrase`) with the units of its phrase: those after it up
    to one before a punctuation mark, the end, a word of :data:`NOUN_PHRASE_BOUNDS` or another opener (*their money
    the hard way*); and each preposition or *to* (:data:`OBJECT_TAKERS`) with what it takes: the word after it, and those
    after that up to one before a punctuation mark, the end or such a word (*for me*, *in hawaii*, *for the next
    meeting*, *to see*)."""
    units = _units(analysis)
    opens = [_opens_noun_phrase(word) for _, _, word in units]
    phrases = []
    for opener, (_, _, word) in enumerate(units):
        # a preposition that a word follows with only a space between (not *live in ?*)
        preposition = word.lower() in OBJECT_TAKERS and not _closes_phrase(analysis, opener)
        if not (opens[opener] or preposition):
            continue
        last = opener + 1 if preposition else opener
        while not _closes_phrase(analysis, last, NOUN_PHRASE_BOUNDS) and (preposition or not opens[last + 1]):
            last += 1
        if last > opener:
            phrases.append((opener, range(opener + 1, last + 1)))
    return tuple(phrases)


OBJECT_TAKERS = PREPOSITIONS_AND_TO
"""Words that a deletion must not leave without the words after them (*for me*, *in hawaii*, *to houston*, *want to
see*): :func:`_opened_phrases`."""

CLAUSE_MARKS = frozenset(",;:") | SENTENCE_ENDS
"""Marks between which a word alone stays: deleting it would leave the two together (*love , , history*; *, what 's
worse , .*; *Great . Thanks !*)."""

STRANDED_PREPOSITIONS = PREPOSITIONS | PARTICLES
"""Words that, ending a question, belong to the word before them (*What does NASA stand for ?*, *What city did they
live in ?*, *What is it made of ?*, *Who did she talk to ?*), which deletion therefore keeps."""


@functools.lru_cache(maxsize=1 << 14)
def _opens_noun_phrase(unit: str) -> bool:
    """Whether ``unit`` is a determiner or a possessive, after which a noun phrase goes on (*the*, *Snoopy 's*)."""
    lower = straight_apostrophes(unit.lower())
    return lower in DETERMINERS or (lower.endswith("'s") and leading_word(lower) not in ENGLISH)


NOUN_PHRASE_CLOSERS = PREPOSITIONS | AUXILIARIES | MODALS
"""Words before which the word of a noun phrase just opened is kept (*the population of*, *the car is*)."""

NOUN_PHRASE_BOUNDS = NOUN_PHRASE_CLOSERS | NOUN_PHRASE_ENDS | QUESTION_WORDS | COORDINATORS | {"please"}
"""Words before which a noun phrase has ended, to find its last word once words are deleted (:func:`_opened_phrases`):
the closers, and *to*, pronouns, finite verbs, question words, conjunctions and *please* (*a name to*, *a time i
can*, *in the post when*, *my portfolio and*, *my playlist please*). :func:`_phrase_ends` keeps a word from deletion
only before a closer, which leaves more words to delete."""


def _unstranded(deleted: set[int], phrases: Sequence[tuple[int, range]]) -> set[int]:
    """``deleted`` but the last word of each of the ``phrases`` whose opener stays: a determiner, possessive or
    preposition that stays keeps the word that ends its phrase (*play the next song on my playlist*: not *play the
    next on playlist*; *cancel my reservation for dinner*: not *cancel my reservation for*; *paying my electric bill*:
    not *paying my electric*), as :func:`_phrase_ends` keeps the one word of a phrase; dropping the determiner too would
    leave its modifiers alone (*play next on*)."""
    return deleted - {phrase[-1] for opener, phrase in phrases if opener not in deleted and phrase[-1] in deleted}


def _unjoined(analysis: TextAnalysis, deleted: set[int]) -> set[int]:
    """``deleted`` but each run of deleted units whose going would bring together two words that clash (:func:`_clash`:
    *as splendid-looking as* never becomes *as as*, nor *the film a* *the a*)."""
    units, beside = _units(analysis), _side_by_side(analysis)
    kept = [index for index in range(len(units)) if index not in deleted]
    restored: set[int] = set()
    for before, after in zip(kept, kept[1:]):
        joined = after - before > 1 and all(beside[before:after])
        if joined and _clash(units[before][2].lower(), units[after][2].lower()):
            restored.update(range(before + 1, after))
    return deleted - restored


def _may_go_alone(analysis: TextAnalysis, index: int) -> bool:
    """Whether unit ``index`` may be deleted alone without bringing together two words that clash (:func:`_unjoined` of
    it alone, checked on its two neighbours only)."""
    units, beside = _units(analysis), _side_by_side(analysis)
    if index == 0 or index + 1 == len(units) or not (beside[index - 1] and beside[index]):
        return True
    return not _clash(units[index - 1][2].lower(), units[index + 1][2].lower())


def _lone_deletion(
    analysis: TextAnalysis,
    deletable: Sequence[int],
    draws: list[float],
    phrases: Sequence[tuple[int, range]],
    content: frozenset[int],
) -> set[int]:
    """The ``deletable`` unit most likely to go (the lowest draw) among those whose deletion alone strands no phrase
    (:func:`_unstranded`), takes not the one ``content`` word, nor brings together two words that clash
    (:func:`_may_go_alone`); none if no unit can go so."""
    ends = {phrase[-1] for _, phrase in phrases}  # deleting one alone strands its phrase: the opener stays
    fitting = [
        slot
        for slot, index in enumerate(deletable)
        if content != {index} and index not in ends and _may_go_alone(analysis, index)
    ]
    return {deletable[min(fitting, key=draws.__getitem__)]} if fitting else set()


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _content(analysis: TextAnalysis) -> frozenset[int]:
    """The units that are neither stop words nor negations (``dont``, ``can't``): deletion keeps one."""
    units = _units(analysis)
    return frozenset(index for index in analysis.content_units if not is_negation(units[index][2]))


def _deletion_obstacle(analysis: TextAnalysis, deletable: Sequence[int], content: frozenset[int]) -> str | None:
    """Why deleting some of the ``deletable`` units, keeping one of the ``content`` ones, cannot change the
    text, or ``None`` if it can."""
    if len(_units(analysis)) < 2:
        return "the text has no word that can be deleted without deleting every word"
    if not deletable:
        return "every word is protected, a negation, a number, or one that opens a question or ends a phrase"
    if len(content) == 1 and content.issuperset(deletable):
        return "the only word that may be deleted is its one word that is not a stop word, which deletion keeps"
    if not any(_may_go_alone(analysis, index) for index in deletable):
        return (
            "deleting any word that may be deleted would put a word beside the same word, or an article beside another"
        )
    return None


def deletion_obstacle(analysis: TextAnalysis, *, keep_negations: bool = True) -> str | None:
    """Why :func:`delete_words` cannot change the text, or ``None`` if it can."""
    return _deletion_obstacle(analysis, _deletable(analysis, keep_negations), _content(analysis))


def delete_words(
    analysis: TextAnalysis, rng: np.random.Generator, *, p: float, keep_negations: bool = True
) -> Augmented:
    """Delete each word with probability ``p`` (at least one, never all, and never every word that
    is no English stop word nor negation: *What is HTML ?* does not become *What is ?*); protected words,
    numbers and the words that say what a question asks (:func:`_question_words`) stay, and so do negations
    (:func:`is_negation`) where ``keep_negations``, the word that ends a phrase whose determiner or preposition
    stays (:func:`_unstranded`), and the words whose going would put a word beside the same word or an article beside
    another (:func:`_unjoined`)."""
    text, words = analysis.text, _units(analysis)
    deletable, content = _deletable(analysis, keep_negations), _content(analysis)
    reason = _deletion_obstacle(analysis, deletable, content)
    if reason is not None:
        return Augmented(value=text, dropped=reason)
    draws = rng.random(len(deletable)).tolist()
    chosen = [i for i, draw in enumerate(draws) if draw < p] or [min(range(len(draws)), key=draws.__getitem__)]
    if len(chosen) == len(words):  # keep the word least likely to go
        chosen.remove(max(chosen, key=draws.__getitem__))
    deleted = {deletable[i] for i in chosen}
    if content and content <= deleted:  # keep the content word least likely to go
        chosen.remove(max((i for i in chosen if deletable[i] in content), key=draws.__getitem__))
        others = [i for i in range(len(draws)) if deletable[i] not in content]
        deleted = {deletable[i] for i in chosen or [min(others, key=draws.__getitem__)]}
    phrases = _opened_phrases(analysis)
    kept_apart = _unjoined(analysis, _unstranded(deleted, phrases))
    deleted = kept_apart or _lone_deletion(analysis, deletable, draws, phrases, content) or deleted
    order = [None if index in deleted else index for index in range(len(words))]
    forms = _one_point(analysis, order, _recased(analysis, order))
    recased = [(start, end, forms[index]) for index, (start, end, _) in enumerate(words)]
    return _edited(analysis, delete(text, recased, deleted), {"deleted": [words[i][2] for i in sorted(deleted)]})


def synonym_obstacle(analysis: TextAnalysis) -> str | None:
    """Why :func:`replace_synonyms` cannot change the text, or ``None`` if it can."""
    return None if analysis.found.indices else NO_CANDIDATE


def replace_synonyms(analysis: TextAnalysis, rng: np.random.Generator, *, alpha: float) -> Augmented:
    """Replace ``max(1, int(alpha * words))`` words by fitting synonyms (see :class:`hfaug.Synonym`)."""
    draws = rng.random(2 * len(analysis.found.indices)).tolist()
    count = max(1, int(alpha * analysis.word_count))
    return synonym_edit(analysis, draws, count=count)


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
    words that say what a question asks (:func:`_question_words`: not *How globe many*).
    """
    text, units, found = analysis.text, _units(analysis), analysis.found
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
        source = sources[_index(draws[3 * step], len(sources))]
        form = found.replacements[source].pick(draws[3 * step + 1])
        if case_of(analysis.words[found.indices[source]][2]) == "upper":
            form = with_case(form, "upper")
        words = form.lower().split()
        beside = _beside_source(analysis, source, offsets)
        after = slots[_index(draws[3 * step + 2], len(slots))]
        if after in beside or _clashes_after(words, after, lowered, last_inserted):
            apart = [slot for slot in slots if not _clashes_after(words, slot, lowered, last_inserted)]
            fitting = [slot for slot in apart if slot not in beside] or apart  # no other place: *spell potato*
            if not fitting:  # every place would put it beside the same word
                continue
            after = fitting[_index(draws[3 * step + 2], len(fitting))]
        last_inserted[after] = words[-1]
        point = _outside(units[after][1], analysis.protected_spans)
        edits.append((point, point, " " + form))
        inserted.append([form, units[after][2]])
    unchanged = "every place would put the synonyms drawn beside the same word, or an article beside another"
    return _edited(analysis, splice(text, edits), {"inserted": inserted}, unchanged)


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _insertion_slots(analysis: TextAnalysis) -> tuple[int, ...]:
    """The units after which a synonym may be inserted: not inside a protected phrase, nor between two of the words that
    say what a question asks (:func:`_question_words`), nor after a word that took its point (:func:`_units`), which
    holds to the word after it (*mr. smith*, *j. barry*, *no. 5*: not *mr. courage smith*)."""
    units, groups, asking = _units(analysis), analysis.unit_groups, _question_words(analysis)
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
    there before (``last_inserted``: the last by unit), would clash with a word beside it (:func:`_clash`): follow the
    word it starts with or precede the word it ends with (*slow slow down*, *put put off off*, *motorcycles
    motorcycles*), or put an article beside another."""
    before = last_inserted.get(slot, lowered[slot])
    return _clash(before, words[0]) or (slot + 1 < len(lowered) and _clash(words[-1], lowered[slot + 1]))


def _outside(point: int, spans: list[tuple[int, int]]) -> int:
    """``point``, or the end of the protected span it falls inside (a term can end in punctuation: ``C++``)."""
    return next((end for start, end in spans if start < point < end), point)


class Operation(NamedTuple):
    """An EDA operation with its rate set: what keeps it from changing a text, and the edit itself."""

    obstacle: Callable[[TextAnalysis], str | None]
    """Why it cannot change a text, or ``None`` if it can."""
    edit: Callable[[TextAnalysis, np.random.Generator], Augmented]


# ---------------------------------------------------------------------- augmenters
class RandomSwap(TextAugmenter):
    """EDA's random swap: exchange random pairs of words.

    ``max(1, int(alpha * number of words))`` swaps of two random words that differ (a text whose words are all the same
    is left alone), never putting a word beside the same word, nor an article beside another (not *delivers a a punch*,
    *an a piece*: a text where every swap would is left alone). Words swap places in their slots, so punctuation and
    whitespace stay where they are; protected words never move, nor the words that say what a question asks (its
    question word, the auxiliary after it, what is asked for, its subject's word and verb: *How many engines ...*, *What
    do Mormons believe ?*), nor, by default, negations (:data:`hfaug.text.words.NEGATIONS`: *are not entertaining* never
    becomes *are entertaining not*). The words around a negation may still move: what it negates is seldom one word
    (*not a very good film*), and pinning its neighbours too would leave a short text little to swap. Where a sentence
    began with a capital, its new first word takes it, and the former one loses it if it had it only for standing first
    (not *I*, an acronym or a name: *Killed by whom was Gandhi ?* -> *Was by whom killed Gandhi ?*). ``hfaug_params``
    records ``{"swapped": [[word, word], ...]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        alpha (`float`, defaults to 0.1): Share of the words swapped (Wei & Zou's ``alpha_rs``).
        protected (`list[str]`, defaults to `()`): Words and phrases that never move (case-insensitive).
        keep_negations (`bool`, defaults to `True`): Never move negations.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> hfaug.RandomSwap(alpha=0.2, seed=1)({"text": "a gentle , funny film"})["text"]
        'gentle a , funny film'
    """

    name = "eda.swap"
    output_packages = ("regex",)

    def __init__(
        self,
        column: str = "text",
        *,
        alpha: float = 0.1,
        protected: Sequence[str] = (),
        keep_negations: bool = True,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.alpha = check_probability(self.name, "alpha", alpha)
        self.protected = check_terms(self.name, protected)
        self.keep_negations = check_flag(self.name, "keep_negations", keep_negations)

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        texts = analyses(values, self.protected)
        return [
            swap_words(analysis, rng, alpha=self.alpha, keep_negations=self.keep_negations)
            for analysis, rng in zip(texts, rngs)
        ]


class RandomDeletion(TextAugmenter):
    """EDA's random deletion: delete each word with probability ``p``.

    At least one word is deleted (the reference may delete none) and never all of them, nor all
    that are neither English stop words nor negations (*What is HTML ?* never becomes *What is ?*, a
    copy that tells nothing of its label), nor, by default, a negation (:data:`hfaug.text.words.NEGATIONS`
    and words in ``n't``: *you wo n't be disappointed* never becomes *you be disappointed*).
    A determiner, possessive, preposition or *to* that stays keeps the word that ends its phrase (*play the next song on
    my playlist* never becomes *play the next on playlist*, nor *cancel my reservation for dinner* *cancel my
    reservation for*), and no word comes to stand beside the same word, nor an article beside another (*as necessary as*
    never becomes *as as*: a text where every deletion would is left alone). A deleted word takes one adjacent run of
    whitespace with it; punctuation stays; protected words are never deleted. A sentence that began with a capital and
    lost its first word gives the capital to its new one. ``hfaug_params`` records ``{"deleted": [word, ...]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        p (`float`, defaults to 0.1): Probability that each word is deleted (Wei & Zou's ``p_rd``).
        protected (`list[str]`, defaults to `()`): Words and phrases never deleted (case-insensitive).
        keep_negations (`bool`, defaults to `True`): Never delete negations.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> hfaug.RandomDeletion(p=0.2, seed=2)({"text": "a gentle , funny film"})["text"]
        'gentle , funny film'
    """

    name = "eda.delete"
    output_packages = ("regex",)

    def __init__(
        self,
        column: str = "text",
        *,
        p: float = 0.1,
        protected: Sequence[str] = (),
        keep_negations: bool = True,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.p = check_probability(self.name, "p", p)
        self.protected = check_terms(self.name, protected)
        self.keep_negations = check_flag(self.name, "keep_negations", keep_negations)

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        texts = analyses(values, self.protected)
        return [
            delete_words(analysis, rng, p=self.p, keep_negations=self.keep_negations)
            for analysis, rng in zip(texts, rngs)
        ]


class RandomInsertion(TextAugmenter):
    """EDA's random insertion: insert synonyms of words of the text at random places.

    ``max(1, int(alpha * number of words))`` times, a synonym of a random word is inserted after
    a random word. Synonyms are those :class:`hfaug.Synonym` would use (WordNet, fitting part of speech and
    inflection; stop words, protected words and number words, whose synonyms WordNet writes in digits
    (*fifty*: *50*), are not sources). A synonym that negates (:func:`is_negation`: *cant* for *jargon*) is
    never inserted (in :class:`EDA` too, whatever its ``keep_negations``): it would negate a text that did not
    say so. Nothing is inserted inside a protected phrase.
    ``hfaug_params`` records ``{"inserted": [[synonym, after word], ...]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        alpha (`float`, defaults to 0.1): Insertions per word (Wei & Zou's ``alpha_ri``).
        protected (`list[str]`, defaults to `()`): Words and phrases kept whole (case-insensitive).
        stopwords (`str` or `list[str]`, defaults to `"english"`): Words whose synonyms are not inserted.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> hfaug.RandomInsertion(seed=3)({"text": "a gentle , funny film"})["text"]
        'a gentle , funny film comic'
    """

    name = "eda.insert"
    output_packages = ("lemminflect", "regex")

    def __init__(
        self,
        column: str = "text",
        *,
        alpha: float = 0.1,
        protected: Sequence[str] = (),
        stopwords: StopwordsSpec = "english",
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.alpha = check_probability(self.name, "alpha", alpha)
        self.protected = check_terms(self.name, protected)
        self.stopwords = check_stopwords(self.name, stopwords)

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        texts = analyses(values, self.protected, stopword_set(self.stopwords))
        return [insert_synonyms(analysis, rng, alpha=self.alpha) for analysis, rng in zip(texts, rngs)]


class EDA(TextAugmenter):
    """Easy Data Augmentation (Wei & Zou, 2019): one random EDA operation per augmented copy.

    Each copy applies synonym replacement, random insertion, random swap or random deletion,
    drawn uniformly among the operations whose rate is above zero and that can change the text (a
    text with no word that has a synonym is swapped or shortened); a copy is dropped only where none
    can. As in the paper, one ``alpha`` sets all four rates; ``alpha_sr``, ``alpha_ri``, ``alpha_rs``
    and ``p_rd`` override it per operation (0 disables one). With ``N`` words, synonym replacement
    replaces ``max(1, int(alpha_sr * N))`` words (see :class:`hfaug.Synonym`), insertion inserts
    ``max(1, int(alpha_ri * N))`` synonyms (see :class:`RandomInsertion`), swap makes
    ``max(1, int(alpha_rs * N))`` swaps (see :class:`RandomSwap`) and deletion deletes each word with
    probability ``p_rd`` (see :class:`RandomDeletion`). Punctuation, whitespace and protected terms are kept. The paper
    recommends ``alpha = 0.05`` with 16 copies for ~500 training rows, 8 copies for ~2000 and
    ``alpha = 0.1`` with 4 copies from ~5000 rows. ``hfaug_params`` records the operation and what
    it did, e.g. ``{"operation": "swap", "swapped": [["funny", "gentle"]]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        alpha (`float`, defaults to 0.1): The rate of every operation not given its own.
        alpha_sr (`float`, *optional*): Synonym replacement rate (default ``alpha``); 0 disables it.
        alpha_ri (`float`, *optional*): Random insertion rate (default ``alpha``); 0 disables it.
        alpha_rs (`float`, *optional*): Random swap rate (default ``alpha``); 0 disables it.
        p_rd (`float`, *optional*): Random deletion probability (default ``alpha``); 0 disables it.
        protected (`list[str]`, defaults to `()`): Words and phrases never changed (case-insensitive).
        stopwords (`str` or `list[str]`, defaults to `"english"`): Words never replaced by, or used as
            a source of, synonyms.
        keep_negations (`bool`, defaults to `True`): Never delete or move negations (see :class:`RandomDeletion`
            and :class:`RandomSwap`).
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> eda = hfaug.EDA(alpha=0.05, n=16, keep_original=True)
        >>> bigger = ds.map(eda, batched=True)
    """

    name = "eda"
    output_packages = ("lemminflect", "regex")

    def __init__(
        self,
        column: str = "text",
        *,
        alpha: float = 0.1,
        alpha_sr: float | None = None,
        alpha_ri: float | None = None,
        alpha_rs: float | None = None,
        p_rd: float | None = None,
        protected: Sequence[str] = (),
        stopwords: StopwordsSpec = "english",
        keep_negations: bool = True,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.alpha = check_probability(self.name, "alpha", alpha, allow_zero=True)
        self.alpha_sr = _optional_rate("alpha_sr", alpha_sr)
        self.alpha_ri = _optional_rate("alpha_ri", alpha_ri)
        self.alpha_rs = _optional_rate("alpha_rs", alpha_rs)
        self.p_rd = _optional_rate("p_rd", p_rd)
        if not any(self.rates().values()):
            raise ValueError(
                "eda: every operation has rate 0; give alpha > 0 or a positive alpha_sr, alpha_ri, alpha_rs or p_rd"
            )
        self.protected = check_terms(self.name, protected)
        self.stopwords = check_stopwords(self.name, stopwords)
        self.keep_negations = check_flag(self.name, "keep_negations", keep_negations)

    def rates(self) -> dict[str, float]:
        """The rate of each operation: ``synonym``, ``insert``, ``swap``, ``delete``."""
        return {
            name: self.alpha if rate is None else rate
            for name, rate in (
                ("synonym", self.alpha_sr),
                ("insert", self.alpha_ri),
                ("swap", self.alpha_rs),
                ("delete", self.p_rd),
            )
        }

    def operations(self) -> dict[str, Operation]:
        """The enabled operations by name, their rates set."""
        rates = self.rates()
        operations = {
            "synonym": Operation(synonym_obstacle, functools.partial(replace_synonyms, alpha=rates["synonym"])),
            "insert": Operation(insertion_obstacle, functools.partial(insert_synonyms, alpha=rates["insert"])),
            "swap": Operation(
                functools.partial(swap_obstacle, keep_negations=self.keep_negations),
                functools.partial(swap_words, alpha=rates["swap"], keep_negations=self.keep_negations),
            ),
            "delete": Operation(
                functools.partial(deletion_obstacle, keep_negations=self.keep_negations),
                functools.partial(delete_words, p=rates["delete"], keep_negations=self.keep_negations),
            ),
        }
        return {name: operation for name, operation in operations.items() if rates[name] > 0}

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        operations = self.operations()
        texts = analyses(values, self.protected, stopword_set(self.stopwords))
        return [_apply_one(operations, analysis, rng) for analysis, rng in zip(texts, rngs)]


def _drawn(operations: dict[str, Operation], analysis: TextAnalysis, rng: np.random.Generator) -> str | dict[str, str]:
    """The name of an operation drawn uniformly among those that can change the text, or, when none can,
    each one's reason. One is drawn among all first and kept if it can: the others' obstacles (synonym
    candidates, the costly one) are looked for only when it cannot; a second draw among those that can
    then makes each of them as likely (1/m now, plus (m - k)/m * 1/k later: 1/k of the k that can)."""
    names = list(operations)
    first = names[_index(float(rng.random()), len(names))]
    obstacle = operations[first].obstacle(analysis)
    if obstacle is None:
        return first
    obstacles = {name: obstacle if name == first else operations[name].obstacle(analysis) for name in names}
    usable = [name for name, reason in obstacles.items() if reason is None]
    if not usable:
        return {name: reason for name, reason in obstacles.items() if reason is not None}
    return usable[_index(float(rng.random()), len(usable))]


def _apply_one(operations: dict[str, Operation], analysis: TextAnalysis, rng: np.random.Generator) -> Augmented:
    """One operation drawn uniformly among those that can change the text, applied; the text dropped if none can."""
    name = _drawn(operations, analysis, rng)
    if isinstance(name, dict):
        return Augmented(value=analysis.text, dropped="; ".join(f"{op}: {reason}" for op, reason in name.items()))
    result = operations[name].edit(analysis, rng)
    return Augmented(
        value=result.value,
        params={"operation": name, **result.params},
        dropped=None if result.dropped is None else f"{name}: {result.dropped}",
    )
