"""EDA's random swap (:func:`swap_words`): pairs of words exchanged in their slots where the swap puts no word beside
one it clashes with, each distinct word checked once, so that a long text of few words takes no time in the square of
its words (:func:`_fitting_partners`)."""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np

from hfaug.augmenter import Augmented
from hfaug.text.eda.questions import unguarded
from hfaug.text.eda.sentence_case import in_sentence_case
from hfaug.text.eda.units import ANALYSES_KEPT, clash, edited, one_point, side_by_side, uniform_index, units_of
from hfaug.text.synonym import TextAnalysis
from hfaug.text.words.edits import splice
from hfaug.text.words.negations import is_negation

_REDRAWS = 16


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _swap_obstacle(analysis: TextAnalysis, keep_negations: bool) -> str | None:
    """Why swapping the :func:`unguarded` units cannot change the text, or ``None`` if it can."""
    movable = unguarded(analysis, keep_negations)
    if len(movable) < 2:
        kept = any(is_negation(word) for index, (_, _, word) in enumerate(units_of(analysis)) if index not in movable)
        return "fewer than two words can be swapped" + (" (negations stay in place)" if kept else "")
    keys = [word.lower() for _, _, word in units_of(analysis)]
    if len({keys[index] for index in movable}) < 2:
        return "the words that can be swapped are all the same"
    beside = side_by_side(analysis)
    if not any(_swap_fits(keys, beside, movable[0], slot) for slot in movable[1:]) and not any(
        len(partners) for _, partners in _fitting_pairs(keys, _slots(keys, beside), movable[1:])
    ):  # a partner of the first slot, as most texts have, else one of the others' (every pair checked at once)
        return "every swap would put a word beside the same word, or an article beside another"
    return None


def swap_obstacle(analysis: TextAnalysis, *, keep_negations: bool = True) -> str | None:
    """Why :func:`swap_words` cannot change the text, or ``None`` if it can."""
    return _swap_obstacle(analysis, keep_negations)


INDEFINITE_ARTICLES = frozenset({"a", "an"})
"""The indefinite article's two forms: swapping one with the other changes nothing, as each is then fitted to the word
after it (:func:`hfaug.text.words.fit_articles`: *a hour* -> *an hour*), so swaps take them for the same word."""


def _swap_fits(keys: list[str], beside: Sequence[bool], i: int, j: int) -> bool:
    """Whether swapping the words of slots ``i`` and ``j`` (``keys``: each slot's word, lower case) changes them (not
    *a* with *an*: :data:`INDEFINITE_ARTICLES`) and puts no word beside one it clashes with (:func:`clash`;
    ``beside``: :func:`side_by_side`)."""
    if _same_word(keys[i], keys[j]):
        return False
    keys[i], keys[j] = keys[j], keys[i]  # tried in place, and put back
    pairs = len(beside)
    fits = not any(
        0 <= slot < pairs and beside[slot] and clash(keys[slot], keys[slot + 1]) for slot in (i - 1, i, j - 1, j)
    )
    keys[i], keys[j] = keys[j], keys[i]
    return fits


def _same_word(first: str, second: str) -> bool:
    """Whether swapping ``first`` and ``second`` (lower case) changes nothing: the same word, or *a* and *an*."""
    return first == second or (first in INDEFINITE_ARTICLES and second in INDEFINITE_ARTICLES)


class _Slots(NamedTuple):
    """The slots of a text being swapped: each slot's word as the index of its lower-case form in ``words``
    (``ids``, changed in place as words swap), and :func:`side_by_side`'s flags (``beside``), also as an array
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
        words_ok &= [not clash(keys[i - 1], other) for other in slots.words]
    if i < pairs and beside[i]:
        words_ok &= [not clash(other, keys[i + 1]) for other in slots.words]
    fits = words_ok[ids]
    fits[1:] &= ~(mask & np.array([clash(other, word) for other in slots.words])[ids[:-1]])  # slot j's neighbours
    fits[:-1] &= ~(mask & np.array([clash(word, other) for other in slots.words])[ids[1:]])
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
        second = uniform_index(draw, len(movable) - 1)
        slot = movable[second + (second >= first)]
        if _swap_fits(keys, slots.beside, i, slot):
            return slot
        draw = float(rng.random())
    others = _fitting_partners(keys, slots, np.asarray(movable, dtype=np.intp), i)
    return int(others[uniform_index(draw, len(others))]) if len(others) else None


def _swap_pair(
    keys: list[str], slots: _Slots, movable: Sequence[int], draws: Sequence[float], rng: np.random.Generator
) -> tuple[int, int] | None:
    """Two movable slots whose swap fits (:func:`_swap_fits`): the first that ``draws[0]`` picks with a :func:`_partner`
    that ``draws[1]`` picks, else, where none fits it, a pair ``draws[1]`` picks among those that fit; ``None`` if none
    does."""
    first = uniform_index(draws[0], len(movable))
    j = _partner(keys, slots, movable, first, draws[1], rng)
    if j is not None:
        return movable[first], j
    fitting = [(i, partners) for i, partners in _fitting_pairs(keys, slots, movable) if len(partners)]
    if not fitting:
        return None
    ends = list(itertools.accumulate(len(partners) for _, partners in fitting))  # pairs up to each slot's last
    pick = uniform_index(draws[1], ends[-1])
    at = bisect.bisect_right(ends, pick)
    i, partners = fitting[at]
    return i, int(partners[pick - (ends[at - 1] if at else 0)])


def swap_words(
    analysis: TextAnalysis, rng: np.random.Generator, *, alpha: float, keep_negations: bool = True
) -> Augmented:
    """Swap two random different words, ``max(1, int(alpha * words))`` times, never putting a word beside the same
    word nor an article beside another (:func:`_swap_fits`); protected words stay put, and so do negations
    (:func:`is_negation`) where ``keep_negations``."""
    text, words = analysis.text, units_of(analysis)
    movable = unguarded(analysis, keep_negations)
    reason = _swap_obstacle(analysis, keep_negations)
    if reason is not None:
        return Augmented(value=text, dropped=reason)
    keys = [word.lower() for _, _, word in words]
    source, slots = keys.copy(), _slots(keys, side_by_side(analysis))
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
    forms = one_point(analysis, order, in_sentence_case(analysis, order))
    new = splice(text, [(start, end, forms[i]) for i, (start, end, word) in enumerate(words) if forms[i] != word])
    return edited(analysis, new, {"swapped": swapped}, "the swaps left the text as it was")
