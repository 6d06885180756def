"""Words that the words next to them fix, which no synonym replaces: a month in a date (*on march 1*), a name
(*my name is john*, *hugh grant*), *call* and *name* that give no name (*call robby*), and the words of an idiom
(*never mind*)."""

from __future__ import annotations

from collections.abc import Sequence

from hfaug.text import lexicon
from hfaug.text.reading.neighbours import spaced
from hfaug.text.reading.word_classes import FINITE_FORMS, PERSONS
from hfaug.text.stopwords import ENGLISH
from hfaug.text.wordforms.pos_predicates import may_be_adverb, may_be_noun, noun_likelier, verb_lemma, verb_tags
from hfaug.text.words.cutting import straight_apostrophes

MONTHS = frozenset("january february march april may june july august september october november december".split())
"""Month names, left alone where they are a date (:func:`a_date`)."""
TIME_WORDS = frozenset(
    "in on of by for from since until till during before after early late mid next last this".split()
)
"""Words before which a month's name is a date (:func:`a_date`)."""
NAMING_WORDS = frozenset({"named", "called", "name's"})
NAMING_PAIRS = {"is": "name", "s": "name", **{person: "call" for person in PERSONS}}
"""Second word -> first word of the pairs after which a word is a name (*my name is john*, *my name 's
bob*, *call me frank*, *call you betty*), as after :data:`NAMING_WORDS` (*a dog named buddy*, *my name's
bob*); left alone (:func:`a_name`)."""
NAMING_VERBS = frozenset({"call", "name"})
"""Verbs whose synonyms are of the sense of giving a name (each other), which they have mostly in their past forms
(*a song called*, *a man named*) and before a person and a name (*call me pam*: *name me pam*); in other forms and
before other objects they mostly mean to telephone, or to identify or mention, and are left alone (*call robby*:
not *name robby*; *Name a country*: not *Call a country*)."""
NAME_QUESTIONS = frozenset({"what", "why"})
"""Words that, before *call* or *name*, ask for a name (*What do you call a group of geese*, *why do they call it*)."""
NAMED_OBJECTS = PERSONS | {"it", "itself"}
"""Objects that a name follows after *call* or *name* (*call me pam*, *calls it classicism*)."""

IDIOMS = frozenset(
    {("never", "mind"), ("right", "now"), ("right", "here"), ("right", "there"), ("last", "night")}
    | {("help", "but"), ("carry", "ons"), ("jump", "start")}
    | {(have, "left") for have in ("have", "has", "had")}
)
"""Pairs of words that WordNet lacks as one and that mean something else apart: neither is replaced (*never mind*:
not *never psyche*; *right now*: not *rectify now*; *last night*: not *finale night*; *how many days do i have
left*: not *have gone away*; *ca n't help but*: not *assist but*; *carry ons*: not *pack ons*; *jump start*: not
*leap start*)."""
IDIOM_WORDS = frozenset(word for pair in IDIOMS for word in pair)
"""The words of the :data:`IDIOMS` pairs: a word that is none of them is in no idiom (most words)."""


def in_idiom(lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` is one of an :data:`IDIOMS` pair."""
    if lowered[index] not in IDIOM_WORDS:
        return False  # most words
    return (index > 0 and (lowered[index - 1], lowered[index]) in IDIOMS) or (
        index + 1 < len(lowered) and (lowered[index], lowered[index + 1]) in IDIOMS
    )


def a_date(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index``, a month's name, is a date: after a word of time (*in march*, *the tenth
    of august*, :data:`TIME_WORDS`) or next to a number (*feb 22 to march 1*, *march 1st*)."""
    before = lowered[index - 1] if index else ""
    return before in TIME_WORDS or before[:1].isdigit() or spaced(pieces, lowered, index + 1)[:1].isdigit()


def naming_verb_naming_nobody(lowered: Sequence[str], index: int, end: int) -> bool:
    """Whether words ``index`` to ``end`` are one word, a form of a :data:`NAMING_VERBS` verb other than its past, that
    gives no name: no person or *it* and a name follow it, and no *what* or *why* (*what's*) before it asks for one
    (*call robby*, *call me tomorrow*, *Name a country*; not *call me pam*, *calls it classicism*, *What do you call a
    group of geese*, *a song called*)."""
    word = lowered[index]
    if end > index + 1 or verb_lemma(word) not in NAMING_VERBS:
        return False  # most words
    if "VBN" in verb_tags(word) or any(
        straight_apostrophes(before).partition("'")[0] in NAME_QUESTIONS for before in lowered[:index]
    ):
        return False  # a past form, or a name asked for (*what do you call*)
    if end + 1 >= len(lowered) or lowered[end] not in NAMED_OBJECTS:
        return True
    return lowered[end + 1] in ENGLISH or may_be_adverb(lowered[end + 1])  # *call me at 5*, *call me tomorrow*


def a_name(lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows a word or pair of words that names it (:data:`NAMING_WORDS`,
    :data:`NAMING_PAIRS`): *named buddy*, *my name is john*, *call me frank*."""
    if not index:
        return False
    previous = straight_apostrophes(lowered[index - 1])
    if previous in NAMING_WORDS:
        return True
    return index > 1 and previous in NAMING_PAIRS and verb_lemma(lowered[index - 2]) == NAMING_PAIRS[previous]


def a_surname(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` follows a first name written in lower case (:attr:`lexicon.Lexicon.first_names`), so
    most likely is its surname: *hugh grant*, *eddie murphy*; a word that may be a noun, as surnames are, but not a
    verb's third person or past, which follow a name as its verb, unless a noun more often (*dan aware*, *allen seems*,
    *max shows*; but *mel brooks*), nor the word after a surname that is a first name too (*hal hartley movie*,
    *randall wallace film*). A capitalised name's surname is capitalised too, and left alone as such."""
    first_names = lexicon.load().first_names
    if not index or not pieces[2 * index].isspace() or lowered[index - 1] not in first_names:
        return False
    if index > 1 and pieces[2 * index - 2].isspace() and lowered[index - 2] in first_names:
        return False  # word index - 1 is the surname
    word = lowered[index]
    return (
        pieces[2 * index - 1].islower()
        and may_be_noun(word)
        and (FINITE_FORMS.isdisjoint(verb_tags(word)) or noun_likelier(word))
    )
