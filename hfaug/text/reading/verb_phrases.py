"""Readers of a verb's phrase: whether a verb is passive, or before its predicate adjective, a pronoun and
another object, a causative's object and participle, or its particle after its object; whether a word before a verb
is an adverb; and the perfects of *get* (*have got*)."""

from __future__ import annotations

from collections.abc import Sequence

from hfaug.text.reading.fixed_words import a_name
from hfaug.text.reading.neighbours import contraction, spaced
from hfaug.text.reading.noun_phrases import noun_phrase_tag, object_after, tag_in_noun_phrase
from hfaug.text.reading.word_classes import (
    BE_FORMS,
    CAUSATIVE_VERBS,
    COPULAS,
    INTENSIFIERS,
    IS_HOSTS,
    NOT,
    PASSIVE_AUXILIARIES,
    PREPOSITIONS_AND_TO,
    QUESTION_WORDS,
    TIME_ADVERBS,
    ly_adverb,
)
from hfaug.text.stopwords import ENGLISH
from hfaug.text.wordforms.pos_predicates import (
    adjective_likelier,
    base_verb_likelier,
    is_comparative,
    may_be_adjective,
    may_be_adverb,
    may_be_noun,
    verb_lemma,
    verb_tags,
)
from hfaug.text.wordforms.word_classes import (
    DETERMINERS,
    FUNCTION_WORDS,
    PARTICLES,
    PREPOSITIONS,
    QUANTITY_WORDS,
    SEPARABLE_PARTICLES,
    SUBJECTS,
)
from hfaug.text.words.cutting import straight_apostrophes
from hfaug.text.words.numerals import is_number

CLAUSE_OBJECTS = QUESTION_WORDS | {"that", "if", "whether"}
"""Words that, after a pronoun object, open a clause as a second object (*show me how to*, *ask him if*)."""
PASSIVE_VERBS = PASSIVE_AUXILIARIES | BE_FORMS | {"s", "re"}
"""Forms of *be* and *get* (``s``, ``re``: of *it 's*, *they 're*), which make a passive before a past
participle (*was allowed to use*: *allow somebody to*)."""
PLACE_ADVERBS = frozenset("here there home back away wherever somewhere anywhere everywhere nowhere together".split())
"""Adverbs of place (*make it home*: :data:`COMPOUND_OBJECT_ENDS`)."""
VERB_FORMS = frozenset({"VBG", "VBD", "VBN"})
"""Verb forms that, after a verb, open no object (*keeps coming back*; :func:`_no_object_word`)."""
MAX_CAUSATIVE_OBJECT = 3
"""The most words of an object, after its first, that :func:`participle_after_object` looks past (*my oil*)."""
SUBJECTS_AND_TO = SUBJECTS | {"to"}
"""Words after which a verb that may be a participle is a subject's verb or an infinitive, not the participle of a
causative (*get the answer you wanted*, *i would like to set up*)."""
COMPOUND_OBJECT_ENDS = PREPOSITIONS_AND_TO | TIME_ADVERBS | PLACE_ADVERBS
"""Words after a compound that ends in a pronoun (*make it*) that leave it what WordNet says (:func:`complement_after`)."""


def participle_after_object(lowered: Sequence[str], end: int) -> int | None:
    """The position of a past participle that ends the object word ``end`` opens, within :data:`MAX_CAUSATIVE_OBJECT` words,
    so that the verb before it makes another do something (*get my oil changed*, *got more checkbooks mailed to
    me*), also before its particle (*get my tires checked out*); not one that a noun or *of* follows, which it modifies
    (*get a used car*, *get a set of keys*), nor one after a subject (*get the answer you wanted*)."""
    for at in range(end + 1, min(end + 1 + MAX_CAUSATIVE_OBJECT, len(lowered))):
        following = lowered[at + 1] if at + 1 < len(lowered) else ""
        if (
            "VBN" in verb_tags(lowered[at])
            and lowered[at - 1] not in SUBJECTS_AND_TO
            and following != "of"
            and (following in TIME_ADVERBS or following in PARTICLES or not may_be_noun(following))
        ):
            return at
    return None


def causative_participle(lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index`` is the participle after a causative verb's object (:data:`CAUSATIVE_VERBS`: *i had my
    tires checked out*: *gone over*, not *went over*)."""
    verbs = range(max(index - 1 - MAX_CAUSATIVE_OBJECT, 0), index - 1)
    return any(
        lowered[verb] in CAUSATIVE_VERBS and participle_after_object(lowered, verb + 1) == index for verb in verbs
    )


def complement_after(following: str) -> bool:
    """Whether ``following`` (lower case) is a word after a compound that ends in a pronoun (*make it*, *get it*) that
    makes it a causative's object: none of :data:`COMPOUND_OBJECT_ENDS`, after which it means what WordNet says
    (*make it work*, *make it hard*; but *we will make it*, *make it to the party*, *i get it now*)."""
    return bool(following) and following not in COMPOUND_OBJECT_ENDS


PREDICATE_DEGREE_WORDS = INTENSIFIERS | QUANTITY_WORDS | frozenset("as quite rather pretty somewhat even much wide".split())
"""Words of degree read between a verb and its predicate adjective (*feel so good*, *seems more realistic*, *feel
pretty good*, *feel even better*, *feel wide awake*)."""
MAX_DEGREE_WORDS = 2
"""The most words of degree or adverbs in *-ly* read between a verb and its predicate adjective (*feel so very good*)."""
NOUN_PRONOUNS = frozenset({"one", "ones"})
"""Pronouns that an adjective modifies as it would a noun (*buy new ones*)."""


def predicate_adjective_after(pieces: Sequence[str], lowered: Sequence[str], index: int, end: int) -> bool:
    """Whether word ``end`` opens an adjective that is the predicate of the verb ``index`` before it, a copula
    (:data:`COPULAS`), after up to :data:`MAX_DEGREE_WORDS` words of degree or adverbs in *-ly* (*feel sorry*,
    *feel genuinely good*, *seems tired*): a word likelier an adjective than a noun or an adverb
    (:func:`adjective_likelier`) or a comparative (*feel better*), and no number, that neither a noun nor another
    word of a noun phrase follows, which it would modify, but for an adverb (not *feel contradictory things*, *feel
    new ones*; but *feel sick today*)."""
    if end > index + 1 or verb_lemma(lowered[index]) not in COPULAS:
        return False  # most verbs, and compounds (*look up easy recipes*)
    for _ in range(MAX_DEGREE_WORDS):
        word = spaced(pieces, lowered, end)
        if word not in PREDICATE_DEGREE_WORDS and not (word.endswith("ly") and may_be_adverb(word)):
            break
        end += 1
    word = spaced(pieces, lowered, end)
    if word in ENGLISH or word in FUNCTION_WORDS or not may_be_adjective(word) or is_number(word):
        return False
    following = spaced(pieces, lowered, end + 1)
    noun_phrase = following in NOUN_PRONOUNS or (noun_phrase_tag(following) is not None and not may_be_adverb(following))
    return (adjective_likelier(word) or is_comparative(word)) and not noun_phrase


def adverb_before_verb(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index``, read as a verb's base form, is rather an adverb of the same spelling before the
    verb ``following``: a past form that is no noun (*when i last got paid*, *i last walked out*), a base
    form likelier a verb (*may well be*, *could well turn out*), or one before an object (*did i last service
    my car*: not *endure*); but *seem tired*, *feel compelled*: no adverbs."""
    if not may_be_adverb(lowered[index]):
        return False
    if "VB" in verb_tags(following) and object_after(pieces, lowered, index + 2) not in (None, "infinitive"):
        return True
    return ("VBD" in verb_tags(following) and not may_be_noun(following)) or base_verb_likelier(following)


def particle_after_object(pieces: Sequence[str], lowered: Sequence[str], index: int, tries: dict) -> bool:
    """Whether word ``index``, a verb, is a WordNet compound with a particle (:data:`SEPARABLE_PARTICLES`) that
    follows its object of up to three words (*liven things up*, *put the meeting off*, *check my balance
    out*), so a synonym of the verb alone would leave the particle behind. ``tries``: :attr:`Lexicon.compounds`."""
    if SEPARABLE_PARTICLES.isdisjoint(lowered[index + 2 : index + 5]):
        return False  # most verbs
    trie = tries.get(lowered[index])
    if not trie:
        return False
    for at in range(index + 1, min(index + 5, len(lowered))):
        word = spaced(pieces, lowered, at)
        if at > index + 1 and word in SEPARABLE_PARTICLES and "" in trie.get(word, {}):
            return True
        if not word or word in PREPOSITIONS or word in PARTICLES or _no_object_word(word, lowered[at - 1]):
            return False  # no object: *keeps coming back*, *trying to sneak out*, *never die ; they fade away*
    return False


def _no_object_word(word: str, previous: str) -> bool:
    """Whether ``word`` (lower case, after ``previous``) is no part of an object: an adverb in *-ly*
    (*spin hopelessly out*), a participle or past form unless after a determiner (*keeps coming back*,
    *last walked out*; but *put the meeting off*), or a base form likelier a verb (*light bulbs go out*)."""
    if ly_adverb(word):
        return True
    if not VERB_FORMS.isdisjoint(verb_tags(word)) and previous not in DETERMINERS:
        return True
    return base_verb_likelier(word)


HAVE_FORMS = frozenset({"have", "has"})
"""The forms of *have* before *got* (:func:`have_got`)."""
HAVE_GOT_SUBJECTS = SUBJECTS | {"it", "there"}
"""Subjects between *have* or *has* and *got* in a question (*have i got*, *has it got*)."""
PERFECT_MODALS = frozenset("will would could should might must may shall".split())
"""Modals after which *have got* is the perfect of *get* (*i would've got the job*, *should have got*)."""


def have_got(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index``, *got*, follows *have* or *has*, negated or not, contracted too (*i've got*, *haven't
    got*, SST-2's *it 's got*, *have n't got*), or one and a subject pronoun (*have i got*, *has it got*): a compound
    that opens with *got* there is left alone, as *have got* means *have* or makes a perfect, whose participle the
    compound's synonyms would not take (*i've got over it*: not *traversed*; but *i had got*, *i would've got*)."""
    at = index - 1
    if at > 0 and lowered[at] in NOT:
        at -= 1
    if at > 0 and lowered[at] in HAVE_GOT_SUBJECTS:
        at -= 1  # a question: *have i got any meetings today*
    if at < 0:
        return False
    owner, clitic = contraction(pieces, lowered, at)
    if straight_apostrophes(lowered[at]).removesuffix("n't") in HAVE_FORMS:
        return at == 0 or lowered[at - 1] not in PERFECT_MODALS
    return (clitic == "ve" and owner not in PERFECT_MODALS) or (clitic == "s" and owner in IS_HOSTS)


def got_as_become_or_moved(pieces: Sequence[str], lowered: Sequence[str], end: int) -> bool:
    """Whether *got*, ending a compound of *have* (*has got*) before word ``end``, is the perfect of *get* in a sense
    that *have got* lacks: before a particle (*he has got up*, *we have got back*) or its predicate adjective
    (:func:`predicate_adjective_after`: *it has got better*, *he has got tired*; not *she has got bigger problems*),
    where *have got* does not mean *have*."""
    following = spaced(pieces, lowered, end)
    particle = following in PARTICLES or following in SEPARABLE_PARTICLES
    return particle or predicate_adjective_after(pieces, lowered, end - 1, end)


def perfect_of_get(lowered: Sequence[str], index: int, parts: Sequence[str]) -> bool:
    """Whether the compound ``parts`` that word ``index`` opens is *have got* after a modal (:data:`PERFECT_MODALS`),
    the perfect of *get*, not *have* (*i should have got the job*)."""
    return parts[0] == "have" and parts[1:2] == ["got"] and index > 0 and lowered[index - 1] in PERFECT_MODALS


def pronoun_before_more(pieces: Sequence[str], lowered: Sequence[str], end: int, kind: str) -> bool:
    """Whether the object of ``kind`` that word ``end`` opens is a pronoun and another object or an
    infinitive follows it (*send me a card*, *show us the way*, *show me how to*, *show me recent
    transactions*, *help me move*, *want you to enjoy*): WordNet's synonyms seldom take these (not
    *direct me a card*, *exhibit us the way*, *exhibit me how to*, *assist me move*, *desire you to
    enjoy*). A word more often a noun is that infinitive before a particle or an object (*help me figure
    out*, *help us plan a trip*). A name after *call* and a person is none (*call me mary*)."""
    if not kind.endswith("pronoun"):
        return False
    if object_after(pieces, lowered, end + 1) in ("object", "infinitive"):
        return True
    following = spaced(pieces, lowered, end + 1)
    if base_verb_likelier(following):
        return True
    if _opens_second_object(following, kind.startswith("person")) and not a_name(lowered, end + 1):
        return True  # but not a name, what the person is called: *call me mary* -> *name me mary*
    verb_like = spaced(pieces, lowered, end + 2) in PARTICLES or object_after(pieces, lowered, end + 2) is not None
    return verb_like and "VB" in verb_tags(following)


def _opens_second_object(word: str, person: bool) -> bool:
    """Whether ``word`` (lower case), after a pronoun object, a ``person`` or not, opens another object: a
    clause (*show me how to*, *ask him if*, :data:`CLAUSE_OBJECTS`) or a noun phrase, read as after a
    determiner, through an adjective (*show me recent transactions*, *send me more checkbooks*, *make it
    quick*) or, after a person, a noun (*show me transactions*: what a person is shown or given; after
    *it* rather a time: *cancel it today*); not a particle (*meet you over there*)."""
    if word in CLAUSE_OBJECTS:
        return True
    tag = noun_phrase_tag(word)
    return tag is not None and (tag.startswith("JJ") or (person and tag.startswith("NN")))


def passive(pieces: Sequence[str], lowered: Sequence[str], index: int) -> bool:
    """Whether word ``index``, a past participle, is passive: after a form of *be* or *get*
    (:data:`PASSIVE_VERBS`: *my card was declined*), or at the end of a noun phrase in a question that
    a form of *be* opens or after a verb such as *want* (*why was my card declined*, *i want a timer set*;
    :func:`tag_in_noun_phrase`)."""
    if not index:
        return False
    if lowered[index - 1] in PASSIVE_VERBS:
        return True
    following = spaced(pieces, lowered, index + 1)
    return tag_in_noun_phrase(pieces, lowered, index, following) == "VBN"
