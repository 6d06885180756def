"""Lemmas and inflections of word forms, by lemminflect (its answers kept per process): a form's analyses (the
WordNet lemma it inflects and its tags, per part of speech), and a lemma inflected as a tag."""

from __future__ import annotations

import functools
import re

import lemminflect

from hfaug.text import lexicon
from hfaug.text.wordforms.word_classes import PARTICLES

UPOS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "r": "ADV"}
BASE_TAG = {"n": "NN", "v": "VB", "a": "JJ", "r": "RB"}
CACHE_LIMIT = 1 << 17
"""The most entries each per-process cache of this package holds, so that a long run's memory stays bounded."""
_ABSTRACT_RE = re.compile(r"\w{3,}(?:ness|ism|hood|ing)")

# lemminflect deep-copies its tables on every call; the same lemma (one synonym serves many words) and the same word
# (once per context it is read in) are asked for again and again, so its answers are kept. Callers only read them.
_inflections = functools.lru_cache(maxsize=CACHE_LIMIT)(lemminflect.getAllInflections)
_inflections_oov = functools.lru_cache(maxsize=CACHE_LIMIT)(lemminflect.getAllInflectionsOOV)
all_lemmas = functools.lru_cache(maxsize=CACHE_LIMIT)(lemminflect.getAllLemmas)
analyses_cache: dict[str, dict[str, tuple[str, tuple[str, ...], lexicon.Sense]]] = {}


def cached_analyses(word: str) -> dict[str, tuple[str, tuple[str, ...], lexicon.Sense]]:
    """:func:`_analyses` of ``word``, worked out once per process (cleared with the other caches)."""
    analyses = analyses_cache.get(word)
    if analyses is None:
        analyses = analyses_cache[word] = _analyses(word)
    return analyses


def _analyses(word: str) -> dict[str, tuple[str, tuple[str, ...], lexicon.Sense]]:
    """Part of speech -> (lemma, tags, sense) for each way ``word`` inflects a WordNet lemma."""
    words = lexicon.load()
    known = all_lemmas(word)
    found = {}
    for pos, upos in UPOS.items():
        lemmas = list(known.get(upos, ()))
        if word not in lemmas:
            lemmas.append(word)
        if not known and pos in ("n", "v"):
            lemmas.extend(lemma for lemma in lemminflect.getAllLemmasOOV(word, upos).get(upos, ()) if lemma not in lemmas)
        for lemma in lemmas:
            sense = words.senses(lemma).get(pos)
            if sense is None:
                continue
            tags = _tags(lemma, pos, word)
            if tags:
                found[pos] = (lemma, tags, sense)
                break
    return found


def _tags(lemma: str, pos: str, word: str) -> tuple[str, ...]:
    if pos == "n" and word == lemma and _looks_plural(word):  # a lemma in the plural: *1930s*, *fixings*
        return ("NNS",)
    inflections = _inflections(lemma, UPOS[pos]) or _inflections_oov(lemma, UPOS[pos])
    tags = tuple(tag for tag, forms in inflections.items() if word in forms)
    if "VBD" in tags and "VBN" not in inflections:  # lemminflect lists a regular verb's participle as its past only
        tags += ("VBN",)
    if not tags and word == lemma:
        return (BASE_TAG[pos],)
    return tags


def inflect(lemma: str, pos: str, tag: str) -> str | None:
    """``lemma`` (possibly several words) inflected as ``tag``, or ``None`` if it cannot be.

    The head word takes the inflection: the first word of a verb or of a noun followed by a
    preposition or particle (``pieces of work``), otherwise the last word of a noun. A noun
    whose head is already plural (``authorities``) only stands for plurals; a mass noun
    (``fame``) has no plural, nor has an abstract noun in -ness, -ism, -hood or -ing that
    lemminflect does not know in the plural (``powerfulness``, ``careerism``, ``carrying out``,
    ``coloring``).

    Example:
        >>> inflect("run away", "v", "VBD"), inflect("motion picture", "n", "NNS")
        ('ran away', 'motion pictures')
        >>> inflect("piece of work", "n", "NNS")
        'pieces of work'
    """
    parts = lemma.split(" ")
    head = 0 if pos == "v" or not PARTICLES.isdisjoint(parts[1:]) else len(parts) - 1
    if pos == "n" and _is_plural(parts[head]):  # a WordNet lemma in the plural: *contemporaries*
        return lemma if tag == "NNS" else None
    if tag == BASE_TAG[pos]:
        return lemma
    if len(parts) > 1 and pos not in ("n", "v"):
        return None
    upos = UPOS[pos]
    known = _known_inflections(parts[head], upos)
    forms = known.get(tag) or _regular_participle(tag, known)
    if not forms and pos in ("n", "v"):
        if tag == "NNS" and _ABSTRACT_RE.fullmatch(parts[head]):  # not "powerfulnesses"
            return None
        forms = _inflections_oov(parts[head], upos).get(tag)
    spelled = [form for form in forms or () if _SPELLING_MARKS.isdisjoint(form) or not _SPELLING_MARKS.isdisjoint(lemma)]
    if not spelled or (tag == "NNS" and spelled[0] == parts[head]):  # a mass noun ("fame") has no plural
        return None  # also no form of another spelling: *okay*: not *o.k.'d*
    parts[head] = spelled[0]
    return " ".join(parts)


def _regular_participle(tag: str, known: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A regular verb's participle where lemminflect lists it as the past only (``known``: the verb's
    inflections; *refer*: *referred*, where its suffix rules spell *refered*); a past not in -ed is no
    participle (*can*: not *could*)."""
    if tag != "VBN":
        return ()
    return tuple(form for form in known.get("VBD", ()) if form.endswith("ed"))


_SPELLING_MARKS = frozenset(".'")
"""Marks of another spelling in lemminflect's forms (*okay*: *o.k.'d*, *ok'd*), used only for a lemma that has them."""


def _known_inflections(word: str, upos: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's inflections of ``word`` (as ``upos``: ``NOUN``, ``VERB``, ...) from its tables; for a
    hyphenated noun or verb that they lack, those of its last part (*ex-wife*: *ex-wives*; *tailor-make*:
    *tailor-made*; *self-esteem*: *self-esteem*, a mass noun), which its suffix rules would miss (an
    adjective's is no comparative: not *snow-whitest*)."""
    known = _inflections(word, upos)
    if known or "-" not in word or upos not in ("NOUN", "VERB"):
        return known
    first, _, last = word.rpartition("-")
    return {tag: tuple(f"{first}-{form}" for form in forms) for tag, forms in _inflections(last, upos).items()}


def _is_plural(noun: str) -> bool:
    """Whether ``noun`` is the plural of another lemma (``authorities``, ``glasses``) or :func:`_looks_plural`."""
    return _looks_plural(noun) or any(
        noun in _inflections(lemma, "NOUN").get("NNS", ()) for lemma in lemminflect.getLemma(noun, "NOUN") if lemma != noun
    )


def _looks_plural(noun: str) -> bool:
    """Whether ``noun`` is a noun in -s that lemminflect does not know, most likely a plural (``fixings``,
    ``1980s``; not an abbreviation such as ``ms``)."""
    plural_ending = noun.endswith("s") and not noun.endswith(("ss", "us", "is"))
    return len(noun) > 3 and plural_ending and not _inflections(noun, "NOUN")
