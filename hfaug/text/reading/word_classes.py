"""Classes of words that the readers of :mod:`hfaug.text.reading` share (forms of *be*, pronouns that are persons,
objects after a verb, ...), and the test of an adverb in *-ly*."""

from __future__ import annotations

from hfaug.text.wordforms.pos_predicates import adverb_only
from hfaug.text.wordforms.word_classes import PREPOSITIONS

BASE_FORMS = frozenset({"VB", "VBP"})
QUESTION_WORDS = frozenset("why when where how who what which".split())
"""Words that open a question before its verb (*why was my card declined*)."""
FINITE_FORMS = frozenset({"VBZ", "VBD"})
GERUND = frozenset({"VBG"})
"""The verb tags of a word in *-ing* that is no other verb form (*setting*, *meeting*)."""
THIRD_PERSON = frozenset({"VBZ"})
"""The verb tags of a word in *-s* that is otherwise a plural noun (*alerts*;
:func:`hfaug.text.reading.noun_phrases._verb_without_its_object`)."""
PREPOSITIONS_AND_TO = PREPOSITIONS | {"to"}
ADVERBIAL_DETERMINERS = frozenset("this these those any no".split())
"""Determiners that also modify adjectives (*films this bad are rare*, *is it any good?*)."""
PERSONS = frozenset("me us him her you them myself yourself himself herself ourselves yourselves themselves".split())
"""Pronouns that are or may be persons: before one, a verb gets only the senses that take a person (*tell them
hi*: not *state them hi*), which also take an object (*cancel them*: left alone, as no sense of *cancel*
takes a person)."""
IMPERATIVE_OBJECTS = frozenset(
    "me us him a an the my your his her its our their some every each another it them".split()
)
"""Words (as written: lower case) after which a sentence's first word is read as a verb. Left out are
determiners that also modify adjectives (*Films this bad*, *Movies any good*), and *you*, also a subject
(*Places you must see*)."""
OBJECT_PRONOUNS = PERSONS | {"it"}
OBJECT_KINDS = {
    word: ("person" if word in PERSONS else "object") + (" pronoun" if word in OBJECT_PRONOUNS else "")
    for word in IMPERATIVE_OBJECTS | ADVERBIAL_DETERMINERS | OBJECT_PRONOUNS
}
"""Words (lower case) after a verb -> what they open: a person or another object, either of them a
pronoun or not (see :attr:`hfaug.text.wordforms.Replacements.before`); not when a verb such as *is*
follows them (*we hope it 's*)."""
PASSIVE_AUXILIARIES = frozenset("get gets got gotten getting".split())
"""Forms of *get*, which before a past participle make a passive (*got stolen*, *get paid*); never replaced alone."""
CAUSATIVE_VERBS = frozenset("want wants wanted like need needs needed have has had".split()) | PASSIVE_AUXILIARIES
"""Verbs whose object a past participle may follow as a passive (*i want my account frozen*, *i would like
a timer set*, *i need to have a coin flipped*, *i got my card declined*)."""
BE_FORMS = frozenset("am is are was were be been being".split())
THING_PRONOUNS = frozenset("something anything nothing everything".split())
"""Pronouns that an adjective follows, never a noun (*something funny*, *nothing good*, *anything fun to do*)."""
TIME_ADVERBS = frozenset("yesterday today tonight tomorrow now again already recently lately earlier twice".split())
"""Adverbs of time, some of them nouns too, that may follow a verb phrase where it ends: after a question's passive
participle (*why was my card declined yesterday*), a causative's (*get it done today*) or a compound's object (*i get
it now*)."""

INTENSIFIERS = frozenset({"so", "too", "very"})
"""Words of degree after which a word modifies the verb before them, if no copula (*working so hard*; but *is so
hard*, :func:`hfaug.text.reading.context._after_verb_and_intensifier`)."""
COPULAS = frozenset("be seem look feel sound become get remain stay appear grow turn prove taste smell".split())
"""Lemmas of the verbs that an adjective follows as their predicate (*is so hard*, *seems too long*, *feels very
good*), not an adverb."""

COORDINATORS = frozenset({"and", "but", "or"})
"""Words that join two adjectives of one noun phrase (*a grievous but obscure complaint*)."""
ASKING_DETERMINERS = frozenset({"what", "which"})
"""Question words that a noun may follow as its determiner (*what breed of dog*, *which kind of*)."""

IS_HOSTS = frozenset("it he she that this there here what who where how when why everything nothing something".split())
"""Words whose *'s* is *is* (or *has*), never a possessive's (*it's*, *that 's*; but *everyone's*, *one's*)."""
NOT = frozenset({"n't", "n’t"})
"""*Not* contracted and written apart from its verb (SST-2's *is n't*)."""


def ly_adverb(word: str) -> bool:
    """Whether ``word`` (lower case) ends in *-ly* and has synonyms as an adverb only, or none (*properly*,
    *hopelessly*; not *friendly*, an adjective)."""
    return word.endswith("ly") and adverb_only(word)
