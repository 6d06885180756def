"""Synonyms that fit a word where it stands: same part of speech, same inflection.

No tagger model is needed. For a word (lower case) and the words around it:

1. **Analyses.** lemminflect's lemma tables (and, for unknown words, its suffix rules)
   give the word's possible lemmas per part of speech; those that WordNet knows as the same
   part of speech are kept, with the inflection tags (``NNS``, ``VBD``, ``JJR``, ...) under
   which lemminflect produces the word from that lemma.
2. **Part of speech.** Light rules pick one analysis: after a determiner or possessive
   (``the``, ``a``, ``my``, ...), also with an adjective between (*his early works*), not a
   verb or adverb, and an ``-ing``/``-ed``/``-en`` form is read as an adjective when it can be,
   but a noun where the noun phrase ends (before ``of``, ``i``, ``is``, ... or a full stop: *the
   meaning of*), unless a superlative (*the best in town*);
   after a modal, ``n't``, ``to``, ``gonna`` or ``wanna`` a verb where it can be one in the base
   form (*want to book*; not *do doctors*, *go to school*, *from stage to screen*); after a subject
   pronoun (``they``, ``she``, ...), and opening a sentence before a determiner or an object
   (*Book a flight*), a verb; after a form of *be*, *have* or *get*, a verb only where it can be a
   participle (*are utter hooey*, *have fun*, *the film 's highlight*); after ``how``, ``so``,
   ``too``, ``very`` or ``as`` an adjective or adverb (an adverb after a verb that is no copula: *working so hard*,
   and before an adjective that ends a predicate: *wide awake*); at the end of a noun phrase that a
   determiner and a singular noun open, no verb (*a new insurance plan*); when the word before
   says none of this, before ``is``, ``has``, ``will``, ... a noun (*Love is
   blind*; not after *what*, *who*, *which* or *that* when it can be a verb: *what remains is*);
   a ``-ly`` word an adverb, a ``-ness``, ``-tion``, ... word a noun, a ``-ous``, ``-ful``,
   ``-able``, ... word an adjective, unless a noun that WordNet tags five times as often (*material*). Otherwise
   the part of speech in which WordNet's sense-tagged corpus saw the lemma most often.
   Ties prefer noun, verb, adjective, adverb. Copulas, modals, *like*, *born* and prepositions
   WordNet knows only as content words (``is``, ``could``, ``despite``, ``worth``, ``across``, ...)
   are never replaced as verbs, only after a determiner (``a can``, ``his will``, ``its worth``).
3. **Inflection.** Each synonym of the lemma in that part of speech is inflected with the
   word's tag by lemminflect (multi-word synonyms inflect their head: the first word of a
   verb or of a noun with a preposition, *pieces of work*, else the last word of a noun).
   Synonyms that cannot take the tag (a mass noun for a plural, a multi-word adjective for a
   comparative) are dropped, and so are verbs headed by *be* except as *is*, *being* and *been*,
   whose other forms depend on the subject (*they planned*: not *they was after*). A past form that
   may be a participle (*made*: *they made*, *is made*; every regular verb's) keeps only synonyms
   alike in both (*created*, not *did*), unless the word before says which: a subject pronoun the
   past, an auxiliary the participle (*has acquired*: *has taken*, not *has took*); so does a base form
   that is also the past after a singular noun, with which it cannot agree (*my card split*: *divided*).
4. **Objects.** Before a determiner, *it* or a name a verb keeps only the synonyms of senses that
   take an object, before a pronoun that may be a person (*me*, *you*, *them*, ...) those that take
   a person, by WordNet's verb frames (*move my money*: displace, not travel; *call me*: phone, name;
   *tell me*, *tell them*: none).

Results are cached per process, so a word costs a dictionary lookup after its first use.

One job a module: the classes of words that a word's part of speech depends on (:mod:`.word_classes`) and the
``CONTEXTS`` class of the word before it (:mod:`.contexts`), a form's lemmas and inflections (:mod:`.inflection`), the
part of speech and tag it is read in (:mod:`.pos_choice`), what it may or likelier be (:mod:`.pos_predicates`), and the
synonyms that fit it (:mod:`.synonyms`).
"""

from hfaug.text.wordforms.contexts import CONTEXTS, CONTEXT_CLASSES, context_of
from hfaug.text.wordforms.inflection import BASE_TAG, UPOS, inflect
from hfaug.text.wordforms.pos_choice import NOUN_OVER_ENDING, noun_far_likelier, tag_after_determiner
from hfaug.text.wordforms.pos_predicates import (
    ADJECTIVE_OVER_ADVERB,
    MIN_ADJECTIVE_SHARE,
    MIN_ADJECTIVE_TAGS,
    MIN_NOUN_TAGS,
    adjective_likelier,
    adjective_of_its_own,
    adverb_only,
    base_verb_likelier,
    is_adjective,
    is_comparative,
    may_be_adjective,
    may_be_adverb,
    may_be_noun,
    needs_object,
    noun_likelier,
    noun_of_its_own,
    noun_only,
    prepositions_after,
    tagged_as_noun,
    verb_lemma,
    verb_tags,
)
from hfaug.text.wordforms.synonyms import (
    PRONOUN_KINDS,
    Replacements,
    compound_replacements,
    read_alike_everywhere,
    replacements,
)
from hfaug.text.wordforms.word_classes import (
    AUXILIARIES,
    CLAUSE_OPENERS,
    DEGREE_WORDS,
    DETERMINERS,
    FINITE_VERBS,
    FUNCTION_WORDS,
    INFINITIVE_MARKERS,
    MODALS,
    NOUN_PHRASE_ENDS,
    OBJECT_VERBS,
    PARTICLES,
    PREPOSITIONS,
    QUANTITY_WORDS,
    SEPARABLE_PARTICLES,
    SUBJECTS,
)

__all__ = [
    "ADJECTIVE_OVER_ADVERB",
    "AUXILIARIES",
    "BASE_TAG",
    "CLAUSE_OPENERS",
    "CONTEXTS",
    "CONTEXT_CLASSES",
    "DEGREE_WORDS",
    "DETERMINERS",
    "FINITE_VERBS",
    "FUNCTION_WORDS",
    "INFINITIVE_MARKERS",
    "MIN_ADJECTIVE_SHARE",
    "MIN_ADJECTIVE_TAGS",
    "MIN_NOUN_TAGS",
    "MODALS",
    "NOUN_OVER_ENDING",
    "NOUN_PHRASE_ENDS",
    "OBJECT_VERBS",
    "PARTICLES",
    "PREPOSITIONS",
    "PRONOUN_KINDS",
    "QUANTITY_WORDS",
    "Replacements",
    "SEPARABLE_PARTICLES",
    "SUBJECTS",
    "UPOS",
    "adjective_likelier",
    "adjective_of_its_own",
    "adverb_only",
    "base_verb_likelier",
    "compound_replacements",
    "context_of",
    "inflect",
    "is_adjective",
    "is_comparative",
    "may_be_adjective",
    "may_be_adverb",
    "may_be_noun",
    "needs_object",
    "noun_far_likelier",
    "noun_likelier",
    "noun_of_its_own",
    "noun_only",
    "prepositions_after",
    "read_alike_everywhere",
    "replacements",
    "tag_after_determiner",
    "tagged_as_noun",
    "verb_lemma",
    "verb_tags",
]
