"""EDA's random deletion (:func:`delete_words`): words deleted at random, but never all of them nor every content
word, and never a number, nor a word whose going would strand a phrase (:func:`_phrase_ends`, :func:`_unstranded`)
or bring together two words that clash (:func:`_unjoined`)."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from hfaug.augmenter import Augmented
from hfaug.text.eda.questions import QUESTION_WORDS, unguarded
from hfaug.text.eda.sentence_case import in_sentence_case
from hfaug.text.eda.units import ANALYSES_KEPT, clash, edited, one_point, opens_noun_phrase, side_by_side, units_of
from hfaug.text.reading.word_classes import COORDINATORS, PREPOSITIONS_AND_TO
from hfaug.text.synonym import TextAnalysis
from hfaug.text.wordforms.word_classes import AUXILIARIES, MODALS, NOUN_PHRASE_ENDS, PARTICLES, PREPOSITIONS
from hfaug.text.words.cutting import pieces_of
from hfaug.text.words.edits import delete
from hfaug.text.words.negations import is_negation
from hfaug.text.words.numerals import is_number
from hfaug.text.words.sentences import SENTENCE_ENDS


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _deletable(analysis: TextAnalysis, keep_negations: bool) -> tuple[int, ...]:
    """The :func:`unguarded` units but numbers, which a text's meaning hangs on (*set a timer for 5 minutes*), the
    word between two numbers (*what is 4 x 4*, *55 times 300*, *2 plus 2*: not *what is 4 4*), and the words that
    end a phrase (:func:`_phrase_ends`)."""
    units = units_of(analysis)
    numbers = [is_number(word) for _, _, word in units]
    ends = _phrase_ends(analysis)
    return tuple(
        index
        for index in unguarded(analysis, keep_negations)
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
    units = units_of(analysis)
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
        elif index and opens_noun_phrase(units[index - 1][2]) and _closes_phrase(analysis, index, NOUN_PHRASE_CLOSERS):
            ends.add(index)
    return frozenset(ends)


def _closes_phrase(analysis: TextAnalysis, index: int, closers: frozenset[str] = frozenset()) -> bool:
    """Whether unit ``index`` ends the text, or a punctuation mark or one of the words ``closers`` follows it."""
    units = units_of(analysis)
    if index + 1 == len(units):
        return True
    after = analysis.text[units[index][1] : units[index + 1][0]]
    return not after.isspace() or units[index + 1][2].lower() in closers


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def _opened_phrases(analysis: TextAnalysis) -> tuple[tuple[int, range], ...]:
    """Each unit that opens a noun phrase (:func:`opens_noun_phrase`) with the units of its phrase: those after it up
    to one before a punctuation mark, the end, a word of :data:`NOUN_PHRASE_BOUNDS` or another opener (*their money
    the hard way*); and each preposition or *to* (:data:`OBJECT_TAKERS`) with what it takes: the word after it, and those
    after that up to one before a punctuation mark, the end or such a word (*for me*, *in hawaii*, *for the next
    meeting*, *to see*)."""
    units = units_of(analysis)
    opens = [opens_noun_phrase(word) for _, _, word in units]
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
    """``deleted`` but each run of deleted units whose going would bring together two words that clash (:func:`clash`:
    *as splendid-looking as* never becomes *as as*, nor *the film a* *the a*)."""
    units, beside = units_of(analysis), side_by_side(analysis)
    kept = [index for index in range(len(units)) if index not in deleted]
    restored: set[int] = set()
    for before, after in zip(kept, kept[1:]):
        joined = after - before > 1 and all(beside[before:after])
        if joined and clash(units[before][2].lower(), units[after][2].lower()):
            restored.update(range(before + 1, after))
    return deleted - restored


def _may_go_alone(analysis: TextAnalysis, index: int) -> bool:
    """Whether unit ``index`` may be deleted alone without bringing together two words that clash (:func:`_unjoined` of
    it alone, checked on its two neighbours only)."""
    units, beside = units_of(analysis), side_by_side(analysis)
    if index == 0 or index + 1 == len(units) or not (beside[index - 1] and beside[index]):
        return True
    return not clash(units[index - 1][2].lower(), units[index + 1][2].lower())


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
    units = units_of(analysis)
    return frozenset(index for index in analysis.content_units if not is_negation(units[index][2]))


def _deletion_obstacle(analysis: TextAnalysis, deletable: Sequence[int], content: frozenset[int]) -> str | None:
    """Why deleting some of the ``deletable`` units, keeping one of the ``content`` ones, cannot change the
    text, or ``None`` if it can."""
    if len(units_of(analysis)) < 2:
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
    numbers and the words that say what a question asks (:func:`hfaug.text.eda.questions.question_words`) stay, and
    so do negations (:func:`is_negation`) where ``keep_negations``, the word that ends a phrase whose determiner or
    preposition stays (:func:`_unstranded`), and the words whose going would put a word beside the same word or an
    article beside another (:func:`_unjoined`)."""
    text, words = analysis.text, units_of(analysis)
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
    forms = one_point(analysis, order, in_sentence_case(analysis, order))
    recased = [(start, end, forms[index]) for index, (start, end, _) in enumerate(words)]
    return edited(analysis, delete(text, recased, deleted), {"deleted": [words[i][2] for i in sorted(deleted)]})
