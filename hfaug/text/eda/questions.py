"""The units that swaps and deletions leave in place (:func:`unguarded`): protected ones, negations, and the words
that say what a question asks (:func:`question_words`), which insertions do not come between either."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from hfaug.text.eda.sentence_case import sentence_starts
from hfaug.text.eda.units import ANALYSES_KEPT, opens_noun_phrase, units_of
from hfaug.text.reading.word_classes import BE_FORMS, FINITE_FORMS
from hfaug.text.synonym import TextAnalysis
from hfaug.text.wordforms.contexts import CONTEXTS
from hfaug.text.wordforms.pos_predicates import adverb_only, may_be_adverb, verb_tags
from hfaug.text.wordforms.word_classes import MODALS, SUBJECTS
from hfaug.text.words.cutting import leading_word
from hfaug.text.words.negations import is_negation


def _free(groups: list[int] | None, size: int) -> list[int]:
    return list(range(size)) if groups is None else [index for index in range(size) if groups[index] < 0]


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def unguarded(analysis: TextAnalysis, keep_negations: bool) -> tuple[int, ...]:
    """The units that may be swapped or deleted: not protected, nor the words that say what a question asks (its
    question word, auxiliary, what is asked for, its subject's word and verb: :func:`question_words`), nor negations
    where ``keep_negations``."""
    units = units_of(analysis)
    free = _free(analysis.unit_groups, len(units))
    asking = question_words(analysis)
    return tuple(
        index for index in free if index not in asking and not (keep_negations and is_negation(units[index][2]))
    )


@functools.lru_cache(maxsize=ANALYSES_KEPT)
def question_words(analysis: TextAnalysis) -> frozenset[int]:
    """The units that say what a question asks: its question word (:data:`QUESTION_WORDS`) where it opens the text
    or a sentence, after a preposition too (*In what year*), the word after *how* that is no verb or pronoun (*How
    many engines does a Boeing 737 have ?*: not *Does many engines how ...*; *How long*, *How fast*), an auxiliary
    right after them (*What is titanium ?*: not *What titanium ?*; *How can I*), else the words of what is asked for
    (:func:`_asked_for`: *What city*, *How many engines*: not *What Flintstones did the city live in ?*), or the verb
    right after a question word that is the subject (*Who invented baseball ?*: not *Who baseball invented ?*); after
    the auxiliary, the word that stands for its subject and its verb (:func:`_with_subject_and_verb`: *What do
    Mormons believe ?*)."""
    units = units_of(analysis)
    starts = sentence_starts(analysis) if units else ()
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
    if opens_noun_phrase(first) or _adverb_and_nothing_else(first.lower()):
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
