"""Readers of the noun phrase around a word: its determiner, possessive and modifiers, where it ends, the object a word
opens, and the ``CONTEXTS`` class the noun phrase gives its words (:func:`noun_phrase_context`)."""

from __future__ import annotations

from collections.abc import Sequence

from hfaug.text import lexicon
from hfaug.text.reading.neighbours import opens_sentence, spaced, to_as_preposition
from hfaug.text.reading.word_classes import (
    ADVERBIAL_DETERMINERS,
    BASE_FORMS,
    CAUSATIVE_VERBS,
    COORDINATORS,
    GERUND,
    OBJECT_KINDS,
    OBJECT_PRONOUNS,
    PREPOSITIONS_AND_TO,
    QUESTION_WORDS,
    THIRD_PERSON,
    TIME_ADVERBS,
    ly_adverb,
)
from hfaug.text.stopwords import ENGLISH
from hfaug.text.wordforms.contexts import context_of
from hfaug.text.wordforms.pos_choice import noun_far_likelier, tag_after_determiner
from hfaug.text.wordforms.pos_predicates import (
    adjective_likelier,
    base_verb_likelier,
    is_adjective,
    may_be_adjective,
    may_be_noun,
    needs_object,
    noun_of_its_own,
    verb_tags,
)
from hfaug.text.wordforms.word_classes import (
    DETERMINERS,
    FINITE_VERBS,
    FUNCTION_WORDS,
    MODALS,
    NOUN_PHRASE_ENDS,
    PREPOSITIONS,
    QUANTITY_WORDS,
)
from hfaug.text.words.cutting import is_clitic, straight_apostrophes
from hfaug.text.words.letter_case import case_of
from hfaug.text.words.numerals import opens_with_digits
from hfaug.text.words.sentences import starts_sentence

_CLAUSE_ENDS = frozenset(".!?;:)")
QUESTION_VERBS = MODALS - {"do", "n't", "'ll", "'d", "wo", "ca"}
"""Modals that, before a noun phrase, ask a question whose verb may end it (*will my flight leave*,
*does a human live*, *did the president sign*); not *do*, as often a main verb (*do a coin flip*)."""
QUESTION_COPULAS = frozenset("is are was were".split())
"""Forms of *be* that, opening a question before a noun phrase, make its last word a participle or an
adjective (*why was my card declined*, *when was the tower built*, *is the store open*)."""
QUANTIFIERS = frozenset({"any", "no"})
"""Adverbial determiners that, before a word and a preposition, open a noun phrase (*any meaning to life*;
but *those willing to*)."""
HEAD_OPENERS = frozenset("have has had".split())
"""Words before a noun phrase whose last word is its head, a noun where it can be one, also where no word
follows it: *have* takes no adjective after it (*have a travel alert*; but *is my tire pressure okay*, *make a
clitoris sensitive*; nor *there*, after which an adjective may end the noun phrase: *is there a bank close*)."""
_LIKE = frozenset({"like", "likes", "liked"})


def noun_phrase_context(
    context: str | None, pieces: Sequence[str], lowered: Sequence[str], index: int, following: str
) -> str | None:
    """``context`` (``None`` or ``"det"``), that of the word before word ``index``, as the noun phrase around the
    word changes it.

    The word that ends the noun phrase after a modal asks a question (``"modal"``: *will my flight land*);
    ``"det"`` also after a determiner and an adjective, after a word that can only be an adjective
    (*dramatic punch*; not a function word: *insightful enough*), and for a plural after a modifier that cannot be
    its subject (:func:`_plural_after_modifier`: *order new checks*), and ``"head"`` instead where the noun
    phrase ends (*the meaning of*, *love 's power*); ``"tail"`` where a noun phrase that a determiner and a
    singular noun open ends, if the word cannot be a verb there (*the insurance plan*) or would lack the
    object its verb always takes (*any travel alerts i*), or ``"head"`` before a preposition other than *of*
    or at the end after *have* if it can be a noun (*a travel alert for*, :func:`_head_noun`), and for a word in
    *-ing* that ends it and is a noun of its own (*your language setting*). ``following``: the word after it, lower
    case."""
    before = tag_in_noun_phrase(pieces, lowered, index, following) if context is None else None
    if before == "VB":
        context = "modal"  # a question's verb: *will my flight land on time*
    elif before == "VBN":
        context = "aux"  # a question's participle: *why was my card declined*
    elif (before is not None and before.startswith("JJ")) or (
        context is None
        and pieces[2 * index].isspace()
        and (
            # *insightful enough*: not *sufficiency*
            (is_adjective(lowered[index - 1]) and lowered[index] not in FUNCTION_WORDS)
            or (before is None and _plural_after_modifier(pieces, lowered, index, following))
        )
    ):
        context = "det"  # *his early works*, *unconditional love*, *a lucid work*, *order new checks*
    if context == "det":
        adverbial = lowered[index - 1] in ADVERBIAL_DETERMINERS and not (
            lowered[index - 1] in QUANTIFIERS and following in PREPOSITIONS_AND_TO
        )
        ends = _ends_noun_phrase(pieces, index, following)
        if not adverbial and ends:
            context = "head"  # also *any meaning to life* (not *pregnant*); but *is it any good ?*
        elif noun_far_likelier(lowered[index]) and (ends or (following and not _may_continue_noun_phrase(following))):
            context = "head"  # *life has no meaning*, *take the warning literally*: not *significant*, *exemplary*
    elif before == "NN" and _gerund_noun_ends_phrase(pieces, lowered, index, following):
        context = "head"  # a thing that ends a noun phrase: *your language setting*; but *when is my paycheck coming*
    elif before == "NN":
        opener = _noun_phrase_opener(pieces, lowered, index)  # -1: none
        if lowered[index] not in FUNCTION_WORDS and _no_verb_after_noun(pieces, lowered, index, following, opener):
            context = "head" if _head_noun(lowered, index, following, opener) else "tail"
        elif _past_after_noun(pieces, lowered, index, following, opener):
            context = "past"  # its subject's verb: *my card split in half*, not *my card part*; *a thriller set among*
    if lowered[index] in _LIKE and following in OBJECT_PRONOUNS:
        return None  # the verb, before its object: *some like it hot*, not *some ilk it hot*; but *the means it takes*
    return context


def _may_continue_noun_phrase(word: str) -> bool:
    """Whether ``word`` (lower case) may be a noun or an adjective, so that a noun phrase goes on through it."""
    return may_be_noun(word) or may_be_adjective(word)


GERUND_NOUN_ENDS = frozenset("of for on at in with to that".split())
"""Words after which a noun in *-ing* ends its noun phrase (:func:`_gerund_noun_ends_phrase`); not those that a verb in
*-ing* takes more often (*fighting against*, *suffering from*, *building up*)."""


def _gerund_noun_ends_phrase(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index``, in *-ing* and a noun of its own (:func:`noun_of_its_own`), ends its noun phrase before
    ``following``: a punctuation mark, the end of the text, a finite verb or one of :data:`GERUND_NOUN_ENDS`, but not
    *to* before an infinitive or a determiner (*your language setting to spanish*, *the staff meeting for march 1*: not
    *placing*, *running across*; but *a director beginning to resemble*, *time building to a climax*, *a film
    suffering from*)."""
    word = lowered[index]
    if following and following not in GERUND_NOUN_ENDS and following not in FINITE_VERBS:
        return False  # most words
    if verb_tags(word) != GERUND or not noun_of_its_own(word):
        return False
    if following != "to":
        return True
    return spaced(pieces, lowered, index + 2) not in DETERMINERS and object_after(pieces, lowered, index + 1) is None


MODIFIED_PLURAL_ENDS = frozenset({"", "or", "for", "from", "about"})
"""Words after a plural that a noun modifies that end its noun phrase (``""``: a punctuation mark or the end of the
text), where a verb would lack its object (*car chases for an hour*, *new insurance plans*; but *what therapy
attempts to*, *the music stops in*)."""


def _plural_after_modifier(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index``, a plural or a verb in the third person (:data:`THIRD_PERSON`: *checks*), is the plural
    where no determiner opens its noun phrase (see :func:`tag_in_noun_phrase`): after a word that modifies it and
    that no verb follows as its subject, an adjective likelier than a noun or an adverb (:func:`adjective_likelier`)
    or a number (*order new checks*, *hallelujah for small favors*, *four natural aids*; not *it first sets out*), or
    after a noun, no name nor a sentence's first word, where the noun phrase ends before ``following``
    (:data:`MODIFIED_PLURAL_ENDS`) and the verb would lack its object (:func:`_verb_without_its_object`: *new
    insurance plans*, *car chases for*; not *max pokes ,*, *as comedy goes ,*, *Time flies .*, *edward burns ,*)."""
    word, modifier = lowered[index], lowered[index - 1]
    if verb_tags(word) != THIRD_PERSON or word in FUNCTION_WORDS:
        return False  # most words; *what the word arboreal means*
    tag = noun_phrase_tag(modifier)
    if tag is None:
        return False
    if tag.startswith("JJ") and adjective_likelier(modifier):
        return True
    return (
        following in MODIFIED_PLURAL_ENDS
        and _verb_without_its_object(word, following)
        and may_be_noun(modifier)
        and modifier not in lexicon.load().names
        and not opens_sentence(pieces, lowered, index - 1)
    )


def object_after(pieces: Sequence[str], lowered: Sequence[str], end: int) -> str | None:
    """The :data:`OBJECT_KINDS` kind of the object that word ``end`` opens, if it opens one (a
    capitalised word, a name, opens an object: *leave Russia*; *her* one before a word that may open a
    noun phrase, as a determiner: *describe her life*), or ``"infinitive"`` if it is a *to*
    before a word likelier a verb's base form than a noun (*fails to see*; not *walk to school*, nor
    *go to sleep*, see :func:`to_as_preposition`)."""
    word = spaced(pieces, lowered, end)
    if not word:
        return None
    if word == "to":
        infinitive = base_verb_likelier(spaced(pieces, lowered, end + 1))
        return "infinitive" if infinitive and not to_as_preposition(lowered, end + 1) else None
    kind = OBJECT_KINDS.get(word) or ("object" if case_of(pieces[2 * end + 1]) == "title" else None)
    if kind is None or (end + 1 < len(lowered) and lowered[end + 1] in FINITE_VERBS):
        return None  # the subject of a clause: *we hope it 's*
    if word == "her" and noun_phrase_tag(spaced(pieces, lowered, end + 1)) is not None:
        return "object"  # a determiner: *describe her life*; but *tell her i*, *ask her what*
    return kind


def noun_phrase_tag(word: str) -> str | None:
    """The :func:`tag_after_determiner` of ``word`` (lower case) where it may open a noun phrase: no stop
    word but *more*, *most*, ... (*send me more checkbooks*; not *tell her i*, *meet you over there*); ``JJ`` for
    a word that opens with digits, which modifies a noun as an adjective does (*show me 5-star restaurants*)."""
    if word in ENGLISH and word not in QUANTITY_WORDS:
        return None
    return "JJ" if opens_with_digits(word) else tag_after_determiner(word)


def _verb_without_its_object(word: str, following: str) -> bool:
    """Whether ``word``, as a verb only ever in the third person (a plural noun otherwise), would lack the
    object it always takes before ``following``, which ends a noun phrase and is no object pronoun nor
    *to* (*the travel alerts for*, *any travel alerts i*; but *the alarm alerts me*, *the company plans to*)."""
    return (
        following not in OBJECT_PRONOUNS
        and following != "to"
        and verb_tags(word) == THIRD_PERSON
        and needs_object(word)
    )


def _head_noun(lowered: Sequence[str], index: int, following: str, opener: int) -> bool:
    """Whether word ``index``, which ends a noun phrase that a determiner opens, is read as a noun, where it can
    be one, before ``following``: a preposition other than *of* (*a travel alert for*; but *a spectacle full
    of*, *sets it apart from*), or no word where the noun phrase is what :data:`HEAD_OPENERS` have (*does
    argentina have a travel alert*: not *watchful*; but *is my tire pressure okay*, *played this story
    straight*). ``opener``: the word before the noun phrase (:func:`_noun_phrase_opener`)."""
    if not may_be_noun(lowered[index]):
        return False
    if following:
        return following in PREPOSITIONS and following != "of"
    return opener >= 0 and lowered[opener] in HEAD_OPENERS


def _ends_noun_phrase(pieces: Sequence[str], index: int, following: str) -> bool:
    """Whether word ``index`` is the last of a noun phrase: at the end of the text, a sentence or a
    clause, or before a word (``following``, lower case) that does not continue one (:data:`NOUN_PHRASE_ENDS`)."""
    return (
        2 * index + 3 >= len(pieces)
        or following in NOUN_PHRASE_ENDS
        or not _CLAUSE_ENDS.isdisjoint(pieces[2 * index + 2])
    )


LIST_ENDS = COORDINATORS | {"than"}
"""Words that end a noun phrase as a comma does, in a list or a comparison (*a gangster flick or an art film*, *a
fireworks display than a movie*), after which a verb in the base form would have no subject it agrees with."""


def _no_verb_after_noun(
    pieces: Sequence[str], lowered: Sequence[str], index: int, following: str, opener: int
) -> bool:
    """Whether word ``index``, after a determiner and a singular noun (:func:`tag_in_noun_phrase`), is no verb: one
    only in the base form, which agrees with no singular subject, where the noun phrase ends, also before a comma or a
    :data:`LIST_ENDS` word (*the insurance plan .*, *another car chase , explosion*, *a fireworks display than*), or
    after a form of *be*, *have* or *get* whose subject the noun phrase is (:func:`_base_form_may_follow`: *is my credit
    report low*); one also in the past that takes an object in every sense, before either or a punctuation mark (*a bumper cast but*,
    *a hip hop beat .*; but *my card split in half*); or one that would lack the object it always takes where the noun
    phrase ends (*the travel alerts for*; not *the movie works .*, *the movie moves and*). ``opener``: the word before
    the noun phrase (:func:`_noun_phrase_opener`)."""
    word = lowered[index]
    tags = verb_tags(word)
    listed = following in LIST_ENDS or "," in pieces[2 * index + 2]
    if tags <= BASE_FORMS:
        ends = listed or _ends_noun_phrase(pieces, index, following)
        return ends or not _base_form_may_follow(pieces, opener)
    if tags <= BASE_OR_PAST_ONLY and needs_object(word):
        return listed or not following
    return _ends_noun_phrase(pieces, index, following) and _verb_without_its_object(word, following)


BASE_OR_PAST_ONLY = BASE_FORMS | {"VBD", "VBN"}
"""The verb tags of a word that is no verb form but a base form, a past or a participle (*cast*, *set*, *beat*)."""

PAST_IS_BASE = frozenset({"VB", "VBD"})
"""Verb tags of a word whose past is its base form (*set*, *put*, *split*, *hurt*), read as the past (or the participle)
after a singular noun, with which no base form agrees (:func:`past_like_base`)."""
BARE_INFINITIVE_VERBS = frozenset(
    "let lets letting make makes made making have has had having help helps helped see sees saw watch watches watched "
    "hear hears heard".split()
)
"""Verbs whose object a verb's base form may follow (*lets her radical flag fly*, *have the kids set the table*)."""


def past_like_base(word: str, following: str) -> bool:
    """Whether ``word`` (lower case) is a verb whose past is its base form (:data:`PAST_IS_BASE`) before ``following``,
    no :data:`FINITE_VERBS` word, before which it is a noun (*the tv set is*)."""
    return PAST_IS_BASE <= verb_tags(word) and following not in FINITE_VERBS


def _past_after_noun(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str, opener: int) -> bool:
    """Whether word ``index``, after a singular noun of a noun phrase that a determiner opens (see
    :func:`tag_in_noun_phrase`), is its subject's verb in the past or a participle (:func:`past_like_base`: *my
    card split in half*, *a thriller set among*), as no base form agrees with that noun; not after a modal or *to*
    before the determiner, nor a verb whose object a base form may follow (:data:`BARE_INFINITIVE_VERBS`: *did the
    man set the record*, *to make the dough split*, *lets her radical flag fly*). ``opener``: the word before the
    noun phrase (:func:`_noun_phrase_opener`)."""
    if not past_like_base(lowered[index], following):
        return False  # most words
    return opener < 0 or not _base_form_after(pieces, lowered, opener)  # -1: none, and nothing takes a base form


def _base_form_may_follow(pieces: Sequence[str], opener: int) -> bool:
    """Whether a verb's base form may stand after a noun phrase that a determiner opens, word ``opener`` before it
    (:func:`_noun_phrase_opener`, -1: none): anywhere but after a form of *be*, *have* or *get* before the
    determiner (*is my credit report low*: no verb), whose subject the noun phrase is, or after *want* or *need*
    (:data:`hfaug.text.wordforms.OBJECT_VERBS`), whose object it is (*i need a pto request put in*); elsewhere another
    noun before it may be the subject (*members of the band play*, *scenes and an exciting plot make*), or nothing comes
    before it (a fragment, as SST-2's: *the dialogue spin hopelessly*)."""
    return opener < 0 or context_of(pieces[2 * opener + 1], pieces[2 * opener]) not in ("aux", "det")


def _noun_phrase_opener(pieces: Sequence[str], lowered: Sequence[str], index: int) -> int:
    """The position of the word before the determiners of the noun phrase that word ``index`` ends, or -1 if none is
    there (:func:`_before_determiners`)."""
    start = _after_determiner(pieces, lowered, index)
    return -1 if start is None else _before_determiners(pieces, lowered, start)


def _base_form_after(pieces: Sequence[str], lowered: Sequence[str], opener: int) -> bool:
    """Whether word ``opener``, before a noun phrase, is a modal or *to*, or a verb whose object a base form may follow
    (:data:`BARE_INFINITIVE_VERBS`: *did the man set the record*, *to make the dough split*, *lets her radical flag
    fly*)."""
    return context_of(pieces[2 * opener + 1], pieces[2 * opener]) == "modal" or lowered[opener] in BARE_INFINITIVE_VERBS


SINGULAR_DETERMINERS = frozenset("a an another every each either neither".split())
"""Determiners of a singular noun, after which a plural is a modifier (*a fireworks display*), not the subject of the
word after it (*my teeth hurt*)."""


def _modifier_tag(tag: str | None, after: str | None, gap: str, singular: bool) -> str | None:
    """The tag (``JJ``, ``NN``, ...) of a word inside a noun phrase, with tag ``tag`` after a determiner (of a
    ``singular`` noun or not) and ``gap`` before the next modifier, whose tag is ``after`` (``None``: the word read
    follows): an adjective, a singular noun or, after a singular determiner, a plural as a ``NN`` (*a fireworks
    display*); before an adjective only an adjective (*a nice light treat*), and apart from the next word only by a
    space or, if an adjective before another modifier, a comma (*a nice , light treat*; but *the derivative ,
    leaning on*); ``None`` for a word that is none of these."""
    if tag == "NNS" and singular:
        tag = "NN"
    before_adjective = after is not None and after.startswith("JJ")
    if tag is None or not (tag.startswith("JJ") or tag == "NN") or (before_adjective and tag == "NN"):
        return None
    listed = after is not None and gap.strip() == "," and tag.startswith("JJ")
    return tag if gap.isspace() or listed else None


BASE_VERBS_OF_QUESTIONS = frozenset({"have", "do"})
"""Verbs that end a noun phrase (:data:`NOUN_PHRASE_ENDS`) and may be, in the base form, the verb of a question that
an auxiliary opens, after its subject (*does my current job have*: the noun *job*; but *did a study say would*)."""


def tag_in_noun_phrase(pieces: Sequence[str], lowered: Sequence[str], index: int, following: str) -> str | None:
    """The :func:`tag_after_determiner` of the word before word ``index`` when it is an adjective
    after a determiner and any adjectives (*his early works*, *a grating , emaciated flick*: ``JJ``) or a singular noun that
    continues a noun phrase a determiner opens, through up to two modifiers (:func:`_modifier_tag`: *a new insurance
    plan*, *a fireworks display*: ``NN``), but not in a question (*does the crocodile swallow*; but *did the first issue
    of*), where word ``index`` is the verb (``VB``) if it ends the noun phrase before none of
    :data:`BASE_VERBS_OF_QUESTIONS` (*does a human live*, *will my flight land on time*; but *does my current job
    have*; ``following``: the word after it, lower case), or its passive
    participle (``VBN``) where it can be one, ends the noun phrase and a question opened by a form of
    *be* (*why was my card declined*) or a verb such as *want* (:data:`CAUSATIVE_VERBS`: *i would like a
    timer set*) precedes the determiner; also before an adverb of time or one in *-ly*
    (:func:`_adverb_after_participle`: *why was my card declined yesterday*)."""
    start = _after_determiner(pieces, lowered, index)
    if start is None:
        return None  # most words
    found = tag = None
    singular = lowered[start - 1] in SINGULAR_DETERMINERS
    for at in range(index - 1, start - 1, -1):
        # a number modifies the noun (*a 10% discount*, *the 3D print*, *a $5 fee*), as an adjective does
        written = "JJ" if opens_with_digits(lowered[at]) else tag_after_determiner(lowered[at])
        tag = _modifier_tag(written, tag, pieces[2 * at + 2], singular)
        if tag is None:
            return None  # only nouns and adjectives
        found = found or tag
    opener = _before_determiners(pieces, lowered, start)
    if opener >= 0 and lowered[opener] in QUESTION_VERBS and lowered[index + 1 : index + 2] != ["of"]:
        return "VB" if _ends_noun_phrase(pieces, index, following) and following not in BASE_VERBS_OF_QUESTIONS else None
    if (
        (copula_question(pieces, lowered, opener) or (opener >= 0 and lowered[opener] in CAUSATIVE_VERBS))
        and following != "of"
        and (_ends_noun_phrase(pieces, index, following) or _adverb_after_participle(following))
        and "VBN" in verb_tags(lowered[index])
    ):
        return "VBN"
    return found


def _adverb_after_participle(word: str) -> bool:
    """Whether ``word`` (lower case) is an adverb of time (:data:`TIME_ADVERBS`) or one in *-ly*, which may
    follow a passive participle and end its question (*why was my card declined yesterday*, *was the
    package delivered quickly*)."""
    return word in TIME_ADVERBS or ly_adverb(word)


def _after_determiner(pieces: Sequence[str], lowered: Sequence[str], index: int) -> int | None:
    """The position of the word after the nearest determiner (or possessive: :func:`possessive`,
    :func:`possessive_apart`) among the three words before word ``index`` (``lowered``: the words in lower case), if
    one is there."""
    for start in range(index - 1, max(index - 4, 0), -1):
        before = lowered[start - 1]
        if before in DETERMINERS or possessive(before) or possessive_apart(pieces, lowered, start - 1):
            return start
    return None


def _before_determiners(pieces: Sequence[str], lowered: Sequence[str], start: int) -> int:
    """The position of the word before the determiner that word ``start`` follows, and before a determiner of the
    possessive that it may be (*will my card's expiration date fall*, *will my card 's expiration date fall*: *will*),
    or -1 if none is there."""
    owner = start - 1  # the determiner, or the possessive
    apart = possessive_apart(pieces, lowered, owner)
    if apart:
        owner -= 1
    opener = owner - 1
    if opener >= 0 and (apart or possessive(lowered[owner])) and lowered[opener] in DETERMINERS:
        opener -= 1
    return opener


def possessive(word: str) -> bool:
    """Whether ``word`` (lower case) may be a possessive with its *'s* attached, which determines a noun phrase as
    *my* does (*tomorrow's meeting*, *my card's expiry date*): after a word that is no stop word (not *it's*,
    *someone's using*)."""
    if not word.endswith(("'s", "’s")):
        return False  # most words
    return straight_apostrophes(word)[:-2] not in ENGLISH


def possessive_apart(pieces: Sequence[str], lowered: Sequence[str], at: int) -> bool:
    """Whether word ``at`` is SST-2's *'s* written apart of a possessive, which determines a noun phrase as *my* does,
    after a word that is no stop word (*adam sandler 's new movie*; not *it 's*, *that 's*)."""
    if lowered[at] != "s" or at < 1:
        return False  # most words
    return is_clitic(pieces[2 * at + 1], pieces[2 * at]) and straight_apostrophes(lowered[at - 1]) not in ENGLISH


def copula_question(pieces: Sequence[str], lowered: Sequence[str], at: int) -> bool:
    """Whether word ``at`` is a :data:`QUESTION_COPULAS` that opens a question: at the start of a
    sentence or after a :data:`QUESTION_WORDS` (*was the package delivered*, *why was my card declined*)."""
    return (
        at >= 0
        and lowered[at] in QUESTION_COPULAS
        and (starts_sentence(pieces, at) or (at > 0 and lowered[at - 1] in QUESTION_WORDS))
    )
