"""Built-in stop word lists: words that word-level augmenters leave alone by default."""

from __future__ import annotations

ENGLISH: frozenset[str] = frozenset(
    """
    a about above after again against ain all am an and any are aren as at be because been before
    being below between both but by can cannot could couldn d did didn do does doesn doing don down
    during each either else ever every few for from further had hadn has hasn have haven having he her
    here hers herself him himself his how i if in into is isn it its itself just ll m ma me might
    mightn more most must mustn my myself need needn neither no nor not now o of off on once only or
    other ought our ours ourselves out over own re s same shall shan she should shouldn so some such
    t than that the their theirs them themselves then there these they this those through to too
    under until up upon us ve very was wasn we were weren what when where which while who whom whose
    why will with won would wouldn y yet you your yours yourself yourselves
    n't 're 's 've 'll 'd 'm ca wo sha
    also although among amongst anyhow anyone anything anywhere around away back became become
    becomes etc even everyone everything everywhere however indeed many may meanwhile mine
    moreover much nevertheless nobody none nothing nowhere often one ones onto others perhaps quite
    rather since somehow someone something sometimes somewhere still thereby therefore thus together
    toward towards unless via whatever whenever wherever whether whoever whole within without
    please thank thanks bye next instead according
    """.split()
)
"""English function words (pronouns, determiners, prepositions, conjunctions, auxiliaries and
common adverbs), the pieces of contractions (``n't``, ``s``, ``ll``, ``wo`` of ``wo n't``, ...), and
courtesies whose WordNet senses are not what they mean in a request (``please`` -> *delight*,
``thanks`` -> *gives thanks*, ``bye`` -> *pass*), ``next``, which WordNet counts mostly as
*adjacent*, *side by side* (*my next flight*, *next time*), ``instead``, whose synonyms take no
*of* and rarely end a clause (*instead of english*: not *rather of english*), and ``according``, a preposition
with *to* (*according to you*: not *harmonizing to you*)."""

LISTS: dict[str, frozenset[str]] = {"english": ENGLISH}

CLOSED_CLASS: frozenset[str] = frozenset(
    """
    a about above after against all among amongst an and another any around as at because before
    below between both but by can could down during each either every for from he her hers him his
    i if in into it its me most must my neither no nor of off on onto or our ours out over shall
    she should since some than that the their theirs them these they this those through to toward
    towards under until up upon us via we what which while who whom whose with within without would
    you your yours let do
    """.split()
)
"""Prepositions, determiners, conjunctions, pronouns and modals: words whose synonyms WordNet records
in a content sense that they are hardly ever read in (``almost``: *about*, *most*; ``simply``: *but*;
``completely``: *all*; ``later``: *after*; ``john``: *can*), so they are offered as
synonyms of nothing (see ``scripts/build_lexicon.py``). Not the modals that are as often nouns
(*might*, *will*), nor *mine*. Also *let*, which takes a bare infinitive that none of the verbs it
would stand for takes (*rent a new car*: not *let a new car*; *allow us to*: not *let us to*), and
the auxiliary *do*, which WordNet gives for *make* but which takes hardly any of its objects (*makes
clear*, *made by*, *make a reservation*: not *does clear*, *done by*, *do a reservation*)."""
