"""Classes of words that the part of speech of a word near them depends on: determiners, modals, prepositions,
function words WordNet knows only as content words, particles, ..."""

from __future__ import annotations

DETERMINERS = frozenset(
    "a an the this these those my your his her its our their every each some any no "
    "another either neither whose such several".split()
)
"""Left out: *that*, *which* and *what*, which as often open a clause (*a story that works*)."""
MODALS = frozenset("will would can could shall should may might must do does did n't 'll 'd wo ca".split())
INFINITIVE_MARKERS = frozenset("to gonna wanna gotta let's".split())
"""Words before a verb in the base form as often as modals are (*want to book*, *how to spell*, *let's
go*); not *to* after a verb of going or in *from X to Y* (see :func:`hfaug.text.synonym_candidates.candidates`)."""
PREPOSITIONS = frozenset(
    "of in on at by for with from about into onto over under after before through during without against "
    "among between".split()
)
"""Words after which a verb is a gerund or a participle, never finite (*in showing*, *of failed
jokes*; not *with laughs*, *the gift of tears*); not *to*, which also marks an infinitive."""
SUBJECTS = frozenset("i you he she we they who".split())
"""Subjects that a finite verb follows (*they met*, *who lives at*: not *livings*)."""
DEGREE_WORDS = frozenset("how so too very as".split())
"""Words before an adjective or adverb (*how fast*, *too long*); also every word before *enough*
(*close enough*)."""
QUANTITY_WORDS = frozenset("more most less least".split())
"""Words before an adjective or adverb (*more engaging*: not *more prosecuting*) or a noun (*some
more checks*), never before a verb."""
OBJECT_VERBS = frozenset("need needs needed want wants wanted".split())
"""Verbs whose next word, unless *to*, opens their object, read as after a determiner: a noun or an
adjective, never a verb (*i need help*: the noun, *aid*; *we want answers*)."""
AUXILIARIES = frozenset("have has had having 've be been being is are was were am 's 're get gets got gotten".split())
FUNCTION_WORDS = frozenset(
    "be is are was were am been being can could will would shall should may might must "
    "like likes liked liking born let lets letting mean means meant meaning "
    "despite plus minus versus worth unlike except till regarding concerning near past "
    "inside outside beneath underneath across throughout along beyond behind wow enough less least "
    "several".split()
)
"""Copulas, modals, *like* (the preposition, and the verb in every form), *born*, *let*, *mean*, and prepositions,
an interjection, *enough*, *less*, *least* and *several*, which WordNet knows only as content
words. WordNet's senses of their lemmas (``be``: exist, equal; ``can``: preserve in a can;
``will``: bequeath; ``like``: wish, care; ``bear``: carry, tolerate, have; ``despite``: contempt;
``worth``: deserving; ``across``: crosswise; ``wow``: riot; ``enough``: plenty; ``several``:
respective; ``mean``: intend, entail) are almost never what they mean (*i liked it*, *the likes of*,
*where was he born*: not *digested*; *despite its flaws*, *worth a look*, *across the country*,
*funny enough*: not *funny plenty*; *several scenes*: not *respective scenes*; *what does abjure
mean*: not *intend*), and *let* takes a bare infinitive that none of its synonyms takes (*let me
know*: not *allow me know*), so they get synonyms only after a determiner (*a can*, *his will*, *a
human being*, *a like mind*, *its worth*, *a real plus*, *the meaning of*)."""
CLAUSE_OPENERS = frozenset("what who which that".split())
"""Words after which a verb may stand before another verb (*what remains is*)."""
FINITE_VERBS = frozenset(
    "is are was were has have had will would can could shall should may might must do does did 's 're".split()
)
"""Verbs that follow their subject: a word before one is read as a noun where it can be (*Love is blind*)."""
NOUN_PHRASE_ENDS = frozenset(
    "of in on at by for with from to about into onto over under after before through during without "
    "against among between i you he she we they it me him us them that which who whom".split()
) | FINITE_VERBS
"""Words that do not continue a noun phrase: a word between a determiner and one of them is its
head, a noun (*the minimum i owe*, *a reservation for two*) where it can be."""
PARTICLES = frozenset("of in on at out up off for to with by from down over about away into".split())
"""Particles and prepositions that end phrasal verbs (*come up*, *look into*) and follow verbs."""
SEPARABLE_PARTICLES = frozenset("up off out down away back".split())
"""Particles that a pronoun object comes before (*call it off*, *look them up*), so a phrasal verb
ending in one is no synonym before a pronoun (*cancel it*: not *call off it*)."""
