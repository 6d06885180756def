"""Build the compact WordNet lexicon that ships in ``hfaug/data/``.

The lexicon maps every single-word WordNet 3.0 lemma and part of speech (and every
multi-word one that has synonyms) to the lemma's total sense-tagged frequency and its
synonyms, ordered by the frequency of the senses they come from, with weights: each sense's
frequency shared by its synonyms (see :func:`lemma_entry`). It also lists WordNet's multi-word
lemmas (``credit card``, ``turn off``) in their inflected forms, so that a text's compounds are
replaced as a whole or not at all (see :func:`compound_forms`). Rare senses, senses WordNet
marks as obscene or disparaging, synonyms on better-profanity's word list, synonyms that are
rare in English (wordfreq) and synonyms of the opposite sentiment (VADER) are left out, and so are all
synonyms of a lemma whose usual senses have none. It lists the lemmas that are most likely names where a text is in lower case (see
:func:`name_homonyms`, :func:`given_names`) and the inflected forms of synonyms too rare to use (:func:`rare_forms`).
With it, :class:`hfaug.Synonym` needs no WordNet, no NLTK data and no download at run time.

Input is WordNet 3.0 as Debian ships it (``wordnet-base`` + ``wordnet-sense-index``,
in ``/usr/share/wordnet``) or NLTK's ``wordnet`` corpus directory. NLTK's reader also
wants the standard 45-line ``lexnames`` file, which Debian lacks: this script writes it
into a temporary corpus directory next to copies of the Debian files (NLTK refuses
symbolic and hard links that point outside its corpus root).

Usage::

    python scripts/build_lexicon.py                       # /usr/share/wordnet -> hfaug/data/
    python scripts/build_lexicon.py --wordnet ~/nltk_data/corpora/wordnet --out /tmp/lex.json.gz

The output is deterministic: the same WordNet gives a byte-identical file.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import io
import json
import re
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import lemminflect

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "hfaug" / "data" / "wordnet_lexicon.json.gz"
DEFAULT_SOURCES = (Path("/usr/share/wordnet"), Path.home() / "nltk_data" / "corpora" / "wordnet")
FORMAT = 11
POS = ("n", "v", "a", "r")
MIN_SENSE_SHARE = 0.1
"""Senses with fewer of a lemma's sense-tagged uses than this share give it no synonyms."""
MIN_SENSE_RATIO = 0.5
"""Senses tagged fewer times than this share of the lemma's most frequent sense (each count plus one)
give it no synonyms: taking the synonyms of two senses in proportion to their tags reads right less
often than keeping to the frequent one (*film*: *cinema*, *celluloid*, 16 against 38; *funny*:
*fishy*; *date*: *escort*; *story*: *storey*; *life*: *animation*)."""
MIN_USUAL_COVERED_SHARE = 0.5
"""The share of its uses that the senses with synonyms need when the lemma's most frequent sense
(the first of them in WordNet's order) has none: a word whose usual meaning no synonym fits, with
other senses nearly as frequent, is read in one of those less often than not (*flight*: *flying*,
*escape*; *bank*: *banking concern*; *transfer*: *transplant*; *dollars*: *bucks*, *clams*; *full
of*: *entire of*; *watch*: *observe*; *believe*: *think*, which fits, goes too)."""
FEW_TAGS = 10
"""A lemma sense-tagged fewer times than this in all its senses has too few tags to say which sense is usual
(:data:`MIN_FEW_TAGS_COVERED_SHARE`)."""
MIN_FEW_TAGS_COVERED_SHARE = 0.5
"""The share of its uses (each sense's tags plus one) that the senses with synonyms need for a lemma with
fewer than :data:`FEW_TAGS` tags: one or two tags do not tell a usual sense, and then the one WordNet's
corpora happened to tag reads wrong more often than not (*reservation*: *reserve*, 5 of 8 tags; *deposit*:
*sediment*; *reviews*: *reassessments*; *processed*: *treated*; *delivery*: *bringing*; *flick*: *flip*;
good ones go too: *flip*: *toss*, *credible*: *believable*)."""
MIN_SYNONYM_USE = 0.02
"""A synonym sense-tagged in a sense fewer times than this share of the lemma's tags there (each
plus one) is left out of that sense: a frequent sense of the lemma that hardly ever reads as the
synonym (*time*: *clip*, 2 against 220; *find*: *bump*, 2 against 160; *make*: *get*; *eye*:
*oculus*; *man*: *adult male*; *country*: *body politic*; *father*: *male parent*; *real*: *existent*, never
against 54; *forget*: *bury*; *kids*: *fries*)."""
MIN_OWN_SENSE_SHARE = 0.05
"""A synonym sense-tagged in a sense fewer times than this share of its tags in the part of speech
(each plus one) is left out of that sense: the synonym mostly means something else, and reads so
(*script*: *book*, 1 of 59; *plot*: *game*; *score*: *grade*; *video*: *television*; *convinced*:
*converted*; *caused*: *made*; *mind*: *head*; *questions*: *heads*)."""
MIN_OTHER_POS_TAGS = 3
"""Tags in another part of speech that make a synonym never tagged in its own read as that one
(:func:`_read_in_another_pos`; *song*: *vocal*, an adjective 3 times; *future*: *hereafter*; *canvas*:
*canvass*)."""
MIN_OTHER_SENSE_TAGS = 2
"""Tags in its other senses that make a synonym never tagged in the sense of a phrase read in those
(:func:`_known_otherwise`)."""
MIN_SENSE_AGREEMENT = 0.3
"""A lemma whose synonyms, drawn by weight, have the sense it is used in less often than this (by WordNet's
counts, :func:`sense_agreement`) gets none: its senses with synonyms are many and near in weight, so most
replacements read in a sense not meant (*characters*: *qualities*, *fibers*, *roles*; *set a timer*: *determine*,
*pose*; *world*: *domain*, *globe*; *get*: *acquire*, *become*; *picture*: *impression*, *painting*; good ones
go too: *fine*: *okay*)."""
MIN_FLIP_VALENCE = 0.5
"""The least distance from neutral, on VADER's sentiment scale (-4 to 4), of both a lemma's and a synonym's valence for
a synonym of the opposite sign to be left out (:func:`_flips_sentiment`; not *argue*: *contend*, 0.2)."""
MAX_SHORTENING_LETTERS = 4
"""The longest synonym read as a shortening of its lemma (:func:`_shortening`)."""
MIN_FORM_ZIPF = 2.0
"""Inflected forms of synonyms rarer than this on wordfreq's Zipf scale (0.1 uses per million English
words) are not used (:func:`rare_forms`): a synonym common in another sense or form reads oddly in them
(*jests* for *jokes*, *salved* for *saved*, *pipped* for *shot*, *obligating* for *compelling*), and a noun
rare in the plural is mostly uncountable (*laughters*, *upshots*). :data:`MIN_ZIPF` already holds for their lemmas."""
INFLECTED_TAGS = {"n": ("NNS",), "v": ("VBZ", "VBG", "VBD", "VBN"), "a": ("JJR", "JJS"), "r": ("RBR", "RBS")}
"""The inflections, other than the base form, that :func:`rare_forms` checks."""
MAX_NAME_TAGS = 0.1
"""A common given name whose lower-case WordNet senses are sense-tagged fewer times than this per use in a
million English words (wordfreq) is most likely the name (:func:`given_names`): *john* (2 tags, 240
uses per million), *mike*, *harry*, *frank*; not *guy* (33 tags, 250 uses), *bill*, *mark*, *grace*."""
MIN_ZIPF = 2.5
"""Synonyms with a word rarer than this on wordfreq's Zipf scale (0.3 uses per million English
words) are left out: *locomote*, *hebdomad*, *equilibrate*, *cognize*, and the archaic, literary or
regional words that would read oddly in most texts (*motorcar* for *car*, *redact* for *put*,
*rummy* for *funny*, *tykes* for *kids*, *hullo*)."""
NEGATIVE_POLARITY = frozenset({"ever", "any longer", "anymore", "at all"})
"""Words that mean what their lemma does only in a question or after a negation, so never synonyms (*not always*:
not *not ever*, which means *never*)."""
PREPOSITIONS = [[word] for word in "about after as at by for from in into like of on onto to upon with".split()]
"""A verb followed by one of these is no compound (:func:`compound_forms`)."""
CARDINAL_RE = re.compile(
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million)(?:-\w+)?"
)
"""A cardinal number written as a word (*two*, *twenty-four*)."""
ROMAN_NUMERAL = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
"""Lower-case Roman numerals (and the empty string)."""
OFFENSIVE_USAGES = frozenset({"obscenity.n.02", "ethnic_slur.n.01", "disparagement.n.01"})
"""WordNet usage domains whose senses give no synonyms."""
SEXUAL_SENSES = frozenset({"sleep_together.v.01", "orgasm.n.01", "cunt.n.02", "foreplay.n.01"})
"""Senses that give no synonyms although WordNet marks no usage domain: *have sex*, whose lemmas are
everyday phrases (*do it*, *get it on*, *know*) and slang better-profanity's list lacks (*eff*,
*bang*, *jazz*): *just do it* must not become *just eff*; and senses whose synonyms read as sexual
beside an everyday word (*climax*: *coming*; *arousal*: *foreplay*; *pussy*: *slit*)."""
DATED_SENSES = {
    "account": frozenset({"history.n.02", "report.n.03"}),
    "alarm": frozenset({"alarm.n.01"}),
    "bill": frozenset({"bill.n.01"}),
    "credit": frozenset({"recognition.n.03"}),
    "find": frozenset({"find.v.01"}),
}
"""Lemma -> senses that WordNet's counts (from the Brown corpus of 1961) rank first but that today's texts seldom
mean, where a sense without their synonyms is usual: they count as senses without synonyms, and then too few of the
lemma's uses have synonyms for it to get any (*my bank account*: not *history*, *story*; *credit card*: not *recognition*; *my phone bill*: not *measure*, a draft
law; *set an alarm*: not *dismay*; *where can i find*, *find my phone*: not *encounter*, come upon by accident)."""
SLURS = frozenset({"midget", "midgets", "spastic", "cripple", "crippled", "half-breed", "dumb"})
"""Words that read as slurs on disabled people or on descent, which better-profanity's list lacks and
WordNet does not mark (*tiny*: *midget*; *convulsive*: *spastic*; *speechless*: *dumb*)."""
PERSON_FRAMES = frozenset({9, 10, 14, 17, 20, 30})
"""WordNet's verb frames in which a person follows the verb (*Somebody ----s somebody*, ...), not
counting those where *of*, *to* or a verb must come next (*assure somebody of*, *let somebody go*)."""
OBJECT_FRAMES = frozenset({5, 8, 11, 15, 16, 18, 19, 21, 31}) | PERSON_FRAMES
"""Verb frames in which an object follows the verb (also *Somebody ----s something*, ...); not
*Somebody ----s somebody (to) INFINITIVE*, where a person and a verb must follow (*order a new
card*: not *tell*, *say*, whose senses take an object only so)."""
INFINITIVE_FRAMES = frozenset({28})
"""The verb frame in which an infinitive with *to* follows the verb (*Somebody ----s to INFINITIVE*:
*want to*, *try to*; not *need*, *manage* or *go*, whose synonyms take none: *require to*, *deal
to*, *traveling to*)."""
ADJECTIVE_FRAMES = frozenset({6, 7})
"""The verb frames in which an adjective follows the verb as its subject's predicate (*Something ----s Adjective/Noun*,
*Somebody ----s Adjective*: *look good*, *feel sorry*, *went bad*; not *feel*: *experience*, *find*, whose senses take
none)."""
PERSON_FIRST_VERBS = frozenset({"tell"})
"""Verbs that today take what is said only after the person told (*tell me a story*, *tell him that*), whatever
frames WordNet gives them: they are no synonyms in a sense whose frames take no person (*say hello*: not *tell
hello*; *who said*: not *who told*; *order more checks*: not *tell more checks*)."""
FRAMES_BEFORE = {
    "object": OBJECT_FRAMES,
    "person": PERSON_FRAMES,
    "infinitive": INFINITIVE_FRAMES,
    "adjective": ADJECTIVE_FRAMES,
}
"""What follows a verb -> the frames of the senses that fit it (see :func:`lemma_entry`)."""


class Entry(NamedTuple):
    """What the lexicon records for one lemma and part of speech (see :func:`lemma_entry`)."""

    count: int
    synonyms: list[str]
    weights: list[float]
    before: dict[str, list[float]]


# The files NLTK's WordNetCorpusReader opens.
WORDNET_FILES = (
    "cntlist.rev",
    "index.sense",
    *(f"index.{name}" for name in ("adj", "adv", "noun", "verb")),
    *(f"data.{name}" for name in ("adj", "adv", "noun", "verb")),
    *(f"{name}.exc" for name in ("adj", "adv", "noun", "verb")),
)

# WordNet 3.0's lexicographer files: number, name, part of speech (1 n, 2 v, 3 a, 4 r).
LEXNAMES = (
    ("adj.all", 3), ("adj.pert", 3), ("adv.all", 4), ("noun.Tops", 1), ("noun.act", 1),
    ("noun.animal", 1), ("noun.artifact", 1), ("noun.attribute", 1), ("noun.body", 1),
    ("noun.cognition", 1), ("noun.communication", 1), ("noun.event", 1), ("noun.feeling", 1),
    ("noun.food", 1), ("noun.group", 1), ("noun.location", 1), ("noun.motive", 1),
    ("noun.object", 1), ("noun.person", 1), ("noun.phenomenon", 1), ("noun.plant", 1),
    ("noun.possession", 1), ("noun.process", 1), ("noun.quantity", 1), ("noun.relation", 1),
    ("noun.shape", 1), ("noun.state", 1), ("noun.substance", 1), ("noun.time", 1),
    ("verb.body", 2), ("verb.change", 2), ("verb.cognition", 2), ("verb.communication", 2),
    ("verb.competition", 2), ("verb.consumption", 2), ("verb.contact", 2), ("verb.creation", 2),
    ("verb.emotion", 2), ("verb.motion", 2), ("verb.perception", 2), ("verb.possession", 2),
    ("verb.social", 2), ("verb.stative", 2), ("verb.weather", 2), ("adj.ppl", 3),
)  # fmt: skip


def lexnames_text() -> str:
    """The content of WordNet's ``lexnames`` file."""
    return "".join(f"{number:02d}\t{name}\t{pos}\n" for number, (name, pos) in enumerate(LEXNAMES))


def find_source(explicit: Path | None) -> Path:
    """The WordNet directory to read: ``explicit``, or the first default that exists."""
    candidates = (explicit,) if explicit else DEFAULT_SOURCES
    for candidate in candidates:
        if candidate and all((candidate / name).is_file() for name in WORDNET_FILES):
            return candidate
    tried = ", ".join(str(candidate) for candidate in candidates)
    raise SystemExit(
        f"build_lexicon: no WordNet 3.0 files (index.*, data.*, *.exc, cntlist.rev, index.sense) in {tried}. "
        "Install them with `apt-get install wordnet-base wordnet-sense-index`, or pass --wordnet DIR "
        "(e.g. NLTK's corpora/wordnet)."
    )


@contextlib.contextmanager
def nltk_data_dir(source: Path) -> Iterator[Path]:
    """A temporary NLTK data directory whose ``corpora/wordnet`` holds ``source``'s files plus ``lexnames``.

    While the block runs, the directory is first on ``nltk.data.path``, so ``nltk.corpus.wordnet``
    reads these files (NLTK only opens corpora under its data path).
    """
    import nltk

    with tempfile.TemporaryDirectory(prefix="hfaug-wordnet-") as tmp:
        corpus = Path(tmp) / "corpora" / "wordnet"
        corpus.mkdir(parents=True)
        for name in WORDNET_FILES:
            shutil.copyfile(source / name, corpus / name)
        lexnames = source / "lexnames"
        if lexnames.is_file():
            shutil.copyfile(lexnames, corpus / "lexnames")
        else:
            (corpus / "lexnames").write_text(lexnames_text(), encoding="utf-8")
        nltk.data.path.insert(0, tmp)
        try:
            yield Path(tmp)
        finally:
            nltk.data.path.remove(tmp)


def open_reader(corpus: Path):  # -> nltk.corpus.reader.WordNetCorpusReader
    """NLTK's WordNet reader on a corpus directory (English only, no multilingual data), whose
    ``Lemma.count()`` looks up :func:`sense_counts` instead of searching ``cntlist.rev`` on every
    call (NLTK's search took most of the build's time), and counts the tags of every spelling of the word in the
    sense (:func:`_spellings`)."""
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    class EnglishWordNetReader(WordNetCorpusReader):
        def map_wn(self, version="wordnet"):
            """No map of another WordNet's synsets (NLTK reads ``index.sense`` twice for it at start):
            only multilingual data needs it."""
            return None

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The multilingual functions are not available")
        reader = EnglishWordNetReader(str(corpus), None)
    counts = sense_counts(corpus)
    reader.lemma_count = lambda lemma: sum(counts.get(spelling.key(), 0) for spelling in _spellings(reader, lemma))
    return reader


def _spellings(wordnet, lemma) -> list:  # of nltk.corpus.reader.wordnet.Lemma
    """``lemma`` and the other spellings of its word in its sense, British or American (:func:`_american_spelling`):
    WordNet's corpora are American and tag mostly one (*colour*: *color*'s 48 tags; *catalog*: *catalogue*'s 4), so a
    spelling alone had too few tags to weigh its senses (*favour*: none, and no synonym)."""
    american = _american_spelling(wordnet, lemma.name().replace("_", " "))
    return [
        other
        for other in lemma.synset().lemmas()
        if other is lemma or _american_spelling(wordnet, other.name().replace("_", " ")) == american
    ]


def sense_counts(corpus: Path) -> dict[str, int]:
    """Each sense key in the corpus's ``cntlist.rev`` -> how often WordNet's corpora tag it."""
    counts = {}
    with open(corpus / "cntlist.rev", encoding="utf-8") as handle:
        for line in handle:
            key, _number, count = line.split()
            counts[key] = int(count)
    return counts


def license_text(corpus: Path) -> str:
    """WordNet's licence, as printed at the top of its data files."""
    lines = []
    with open(corpus / "data.adj", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("  "):
                break
            numbered = line.split(None, 1)  # "  12 text of line 12  "
            lines.append(numbered[1].rstrip() if len(numbered) > 1 else "")
    return "\n".join(lines).strip()


def lemma_entry(wordnet, name: str, pos: str, unfit: frozenset[str]) -> Entry | None:
    """``(count, synonyms, weights, weights before)`` for one lemma and part of speech, or ``None``.

    Left out: senses in which the lemma is a proper name (capitalised in WordNet), senses that
    WordNet marks as obscene, an ethnic slur or disparaging, the synonyms of :data:`DATED_SENSES`,
    and rare senses (under ``MIN_SENSE_SHARE`` of the lemma's sense-tagged uses, or ``MIN_SENSE_RATIO``
    of its most frequent sense's, counting each sense's tags plus one), and every sense when the synonyms left agree
    with the sense used less often than ``MIN_SENSE_AGREEMENT`` (:func:`sense_agreement`; so when the senses with
    synonyms have under that share of the uses: *card*, only *identity card*, 3 of 19; *see*, *understand*,
    *witness*, 301 of 1,235), or when those senses have under ``MIN_USUAL_COVERED_SHARE`` of the uses and the most
    frequent sense has no synonym left, or under ``MIN_FEW_TAGS_COVERED_SHARE`` for a lemma with fewer than
    ``FEW_TAGS`` tags; synonyms
    seldom tagged in the sense (:func:`_seldom_meant`), for a phrase synonyms that are known only in their other
    senses (:func:`_known_otherwise`), synonyms with capitals
    (names, scientific names), synonyms in ``unfit`` (see :func:`unfit_synonyms`), for an adverb
    one-word synonyms that mostly read as adjectives (:func:`_adjective_for_adverb`), for an adjective that may stand
    before a noun synonyms that only end a predicate (:func:`_predicate_only`), one-word synonyms
    never tagged in the part of speech but often in another (:func:`_read_in_another_pos`), synonyms that are
    other spellings of the word or of another synonym (:func:`_respellings`), for a noun, adjective or adverb synonyms that hold
    the word itself (:func:`_holds_lemma`; *reservation*: *mental reservation*; *oil*: *oil color*), the
    same word named more narrowly, mostly in a sense not meant, for a noun its verb's gerund
    (:func:`_own_gerund`), and for a verb in a sense that takes no person :data:`PERSON_FIRST_VERBS`. A sense
    weighs its tag count plus one, shared equally by its synonyms, so a rare sense with many
    synonyms (``love``: have sex, bed, ...) does not outweigh a frequent one with few (``love``:
    enjoy). A synonym's weight sums its shares of the senses it belongs to; synonyms
    are ordered by their most frequent sense, then by first appearance in WordNet's
    (frequency-ordered) sense list. Also left out: a multi-word lemma's synonym that is the lemma
    without its last word, a preposition (``looking for``: ``looking``; not ``alarm system``: ``alarm``).

    For a verb, *weights before* maps ``"object"``, ``"person"``, ``"infinitive"`` and ``"adjective"`` (see
    :data:`FRAMES_BEFORE`) to the weights that count only the senses in which the lemma and the
    synonym both have a frame of that kind (*move my money*: displace, not travel; *tell me*: not state;
    *fails to*: neglects, not goes wrong).
    """
    count = 0
    text = name.replace("_", " ")
    senses: list[tuple[int, list[str], list[set[str]]]] = []  # tags, synonyms, what may follow each
    for synset in _synsets(wordnet, name, pos):
        lemmas = synset.lemmas()
        own = next((lemma for lemma in lemmas if lemma.name().lower() == name), None)
        if own is None or own.name() != name:  # reached through morphology, or a proper-name sense
            continue
        tags = own.count()
        count += tags
        if synset.name() in SEXUAL_SENSES or any(domain.name() in OFFENSIVE_USAGES for domain in synset.usage_domains()):
            continue
        dated = synset.name() in DATED_SENSES.get(name, ())
        kept = [
            lemma
            for lemma in lemmas
            if not dated
            and (synonym := lemma.name().replace("_", " ")) != text
            and synonym == synonym.lower()
            and synonym not in unfit
            and not _drops_preposition(text, synonym)
            and not _letter_or_numeral(synonym, lemmas)
            and not _shortening(text, synonym)
            and not (pos == "r" and _adjective_for_adverb(wordnet, synonym))
            and not (pos == "a" and _adds_preposition(text, synonym))
            and not (pos == "a" and _predicate_only(wordnet, lemma, text))
            and not _read_in_another_pos(wordnet, synonym, pos)
            and not (pos != "v" and _holds_lemma(text, synonym))
            and not (pos == "n" and _own_gerund(name, synonym))
            and not (pos == "n" and _quantity(synonym))
            and not (pos == "v" and synonym in PERSON_FIRST_VERBS and "person" not in _follows(own))
            and not _seldom_meant(wordnet, lemma, tags, pos)
            and not _known_otherwise(wordnet, text, lemma, pos)
            and not _flips_sentiment(text, synonym)
        ]
        synonyms = [lemma.name().replace("_", " ") for lemma in kept]
        follows = [_follows(own) & _follows(lemma) for lemma in kept] if pos == "v" else [set() for _ in kept]
        senses.append((tags, synonyms, follows))
    if not count and not senses:
        known = any(lemma.name() == name for synset in _synsets(wordnet, name, pos) for lemma in synset.lemmas())
        if not known:
            return None
    uses = sum(tags + 1 for tags, _, _ in senses)
    usual_tags, usual_synonyms, _ = max(senses, key=lambda sense: sense[0], default=(-1, [], []))  # the first
    counted = [
        (tags, synonyms, follows)
        for tags, synonyms, follows in senses
        if synonyms and tags + 1 >= max(MIN_SENSE_SHARE * uses, MIN_SENSE_RATIO * (usual_tags + 1))
    ]
    covered = sum(tags + 1 for tags, _, _ in counted)
    needed = 0.0 if usual_synonyms else MIN_USUAL_COVERED_SHARE
    if count < FEW_TAGS:
        needed = max(needed, MIN_FEW_TAGS_COVERED_SHARE)
    if covered < needed * uses:  # the usual meaning: none, or too few tags to tell
        counted = []
    weights: dict[str, float] = {}
    before: dict[str, dict[str, float]] = {kind: {} for kind in FRAMES_BEFORE} if pos == "v" else {}
    sense_weights: dict[str, int] = {}  # the weight of the most frequent sense a synonym belongs to
    meant: dict[str, int] = {}  # the weight of all the senses a synonym belongs to
    respelt = _respellings(wordnet, text, [synonym for _, synonyms, _ in counted for synonym in synonyms])
    for tags, synonyms, follows in counted:
        kept = [synonym for synonym in synonyms if synonym not in respelt]
        for synonym, kinds in zip(synonyms, follows):
            if synonym in respelt:
                continue
            share = (tags + 1) / len(kept)
            weights[synonym] = weights.get(synonym, 0.0) + share
            for kind, kind_weights in before.items():
                kind_weights[synonym] = kind_weights.get(synonym, 0.0) + (share if kind in kinds else 0.0)
            sense_weights[synonym] = max(sense_weights.get(synonym, 0), tags + 1)
            meant[synonym] = meant.get(synonym, 0) + tags + 1
    if weights and sense_agreement(weights, meant, uses) < MIN_SENSE_AGREEMENT:
        weights = {}
    order = sorted(weights, key=lambda synonym: -sense_weights[synonym])  # stable: ties keep sense order
    return Entry(
        count,
        order,
        [weights[synonym] for synonym in order],
        {kind: [kind_weights[synonym] for synonym in order] for kind, kind_weights in before.items()},
    )


def sense_agreement(weights: dict[str, float], meant: dict[str, int], uses: int) -> float:
    """The chance that a synonym drawn by ``weights`` has the sense in which the lemma is used, by WordNet's
    counts: each synonym's share of the weight times the share of the lemma's ``uses`` (tags plus one per
    sense) that its senses have (``meant``)."""
    return sum(weight * meant[synonym] for synonym, weight in weights.items()) / (sum(weights.values()) * uses)


def _drops_preposition(lemma: str, synonym: str) -> bool:
    """Whether ``synonym`` is ``lemma`` without its last word, a preposition (*looking for*: *looking*)."""
    first, _, last = lemma.rpartition(" ")
    return first == synonym and [last] in PREPOSITIONS


def _adds_preposition(lemma: str, synonym: str) -> bool:
    """Whether the adjective ``synonym`` is a phrase that ends in a preposition (:data:`PREPOSITIONS`) and
    ``lemma`` does not: it needs an object that the lemma has not (*underlying purpose*: not *implicit in
    purpose*; *related topics*: not *related to topics*; *i'm done*: not *i'm through with*)."""
    words = synonym.split(" ")
    return len(words) > 1 and words[-1:] in PREPOSITIONS and lemma.split(" ")[-1:] not in PREPOSITIONS


def _predicate_only(wordnet, lemma, adjective: str) -> bool:
    """Whether ``lemma`` (an NLTK ``Lemma``), a synonym of ``adjective``, only ends a predicate and ``adjective`` need
    not: WordNet marks the synonym so (``(p)``) in its most frequent sense, and neither the adjective so nor the synonym
    as standing before a noun (``(a)``) in this sense (*an animated film*: not *an alive film*; but *leading* for
    *preeminent*, *afloat* for *adrift*)."""
    return (
        lemma.syntactic_marker() != "(a)"
        and _first_marker(wordnet, lemma.name()) == "(p)"
        and _first_marker(wordnet, adjective.replace(" ", "_")) != "(p)"
    )


@functools.cache
def _first_marker(wordnet, name: str) -> str | None:
    """WordNet's syntactic marker of the adjective ``name`` (words joined by ``_``) in its most frequent sense: ``(p)``
    where it only ends a predicate (*alive*, *asleep*, *afraid*), ``(a)`` where it only stands before a noun, or
    ``None``."""
    own = [lemma for synset in wordnet.synsets(name, "a") for lemma in synset.lemmas() if lemma.name() == name]
    return own[0].syntactic_marker() if own else None


def _seldom_meant(wordnet, lemma, tags: int, pos: str) -> bool:
    """Whether WordNet's corpora seldom tag ``lemma`` (an NLTK ``Lemma``, a synonym) in its sense, where the
    lemma it is a synonym of is tagged ``tags`` times, each count plus one: under :data:`MIN_SYNONYM_USE`
    of those tags (a frequent sense that hardly ever reads as the synonym: *time*: *clip*), under
    :data:`MIN_OWN_SENSE_SHARE` of the synonym's tags in part of speech ``pos`` (it mostly means something
    else: *script*: *book*), or never, for a phrase, which :data:`MIN_ZIPF` cannot vouch for since it
    judges each word, not the phrase (*film*: *moving-picture show*; *performance*: *carrying out*; a
    hyphenated word is one word: *in addition*: *add-on* stays)."""
    uses = lemma.count() + 1
    if uses == 1 and "_" in lemma.name():
        return True
    if uses < MIN_SYNONYM_USE * (tags + 1):
        return True
    return uses < MIN_OWN_SENSE_SHARE * (_tag_count(wordnet, lemma.name(), pos) + 1)


def _known_otherwise(wordnet, phrase: str, lemma, pos: str) -> bool:
    """Whether ``lemma`` (an NLTK ``Lemma``), a synonym of ``phrase``, is never tagged in the phrase's sense but
    at least :data:`MIN_OTHER_SENSE_TAGS` times in its other senses of part of speech ``pos``, where ``phrase`` has
    several words (a hyphenated word is one): a phrase's sense is seldom its words' usual one, and such a synonym
    reads in its own (*credit card*: *plastic*; *high school*: *high*; *came home*: *clicked*; *go off*: *bolt*;
    *put up*: *tolerate*; *in short*: *shortly*; *not bad*: *keen*)."""
    if " " not in phrase or lemma.count():
        return False
    return _tag_count(wordnet, lemma.name(), pos) >= MIN_OTHER_SENSE_TAGS


@functools.cache
def _valences() -> dict[str, float]:
    """VADER's sentiment lexicon: a word (lower case) -> its valence, from -4 (most negative) to 4."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().lexicon


def _flips_sentiment(lemma: str, synonym: str) -> bool:
    """Whether VADER gives ``lemma`` and ``synonym`` valences of opposite signs, both at least
    :data:`MIN_FLIP_VALENCE` away from neutral: the synonym reads in a sense that turns a text's sentiment
    (*amazing*: *awful*; *terrifying*: *terrific*; *hilarious*: *screaming*; *humor*: *temper*; *blamed*: *blessed*)."""
    valences = _valences()
    first, second = valences.get(lemma), valences.get(synonym)
    if first is None or second is None:
        return False
    return first * second < 0 and min(abs(first), abs(second)) >= MIN_FLIP_VALENCE


def _quantity(noun: str) -> bool:
    """Whether ``noun`` is a number and a plural, which name one quantity, not several things (*twenty-four
    hours* for *day*: *these days* is not *these twenty-four hours*; *two weeks* for *fortnight*)."""
    words = noun.split(" ")
    if len(words) < 2 or not CARDINAL_RE.fullmatch(words[-2]):
        return False
    singulars = lemminflect.getAllLemmas(words[-1]).get("NOUN", ())
    return bool(singulars) and words[-1] not in singulars


def _holds_lemma(lemma: str, synonym: str) -> bool:
    """Whether ``synonym`` holds ``lemma``'s words in a row, between spaces or hyphens, with words that do more than
    emphasise it (:data:`_ONLY_EMPHASIS`): for a noun, adjective or adverb, the same word named more narrowly, mostly
    in a sense not meant (*reservation*: *mental reservation*; *mechanic*: *auto-mechanic*; *changing*:
    *ever-changing*; *high school*: *senior high school*; not *again*: *once again*)."""
    words, held = re.split(r"[ -]", lemma), re.split(r"[ -]", synonym)
    starts = [start for start in range(len(held) - len(words) + 1) if held[start : start + len(words)] == words]
    return any(not _ONLY_EMPHASIS.issuperset(held[:start] + held[start + len(words) :]) for start in starts)


_ONLY_EMPHASIS = frozenset("once on of for in the all a long jam".split())
"""Words that add emphasis or form, not a narrower meaning, to the word they join (*once again*, *later on*,
*first of all*, *for sure*, *in the meantime*, *all of a sudden*, *long-lasting*, *jam-packed*)."""


_JOINED = re.compile(r"[ .-]")  # on-line, film maker, e-mail, o.k.
_WORD = re.compile(r"[^ .-]+")
"""One word of a lemma, between the joiners of :data:`_JOINED`: spelling rules read each word on its own."""
_AMERICAN = (
    (re.compile(r"(?<=[a-z])our"), "or"),  # colour, favourite, behavioural, neighbourhood
    (re.compile(r"(?<=ct)is(?=e[sd]?$|ing$)"), "ic"),  # practise
    (re.compile(r"is(?=e[sd]?$|ing$|ations?$|ers?$|ab(?:le|ly)$|ements?$|ant)"), "iz"),  # organise, recognisably
    (re.compile(r"ys(?=e[sd]?$|ing$|ers?$)"), "yz"),  # analyse, analyser
    (re.compile(r"(?<=[bghtv])r(?=ed$|ing$|ab)"), "er"),  # self-centred, manoeuvring, manoeuvrable
    (re.compile(r"(?<=[bghtv])re(?=[^aeiouy]|$)"), "er"),  # theatre, metres, fibreglass, meagre, ochre, manoeuvre
    (re.compile(r"ogue(?=s?$)"), "og"),  # dialogue
    (re.compile(r"ll(?=ed$|ing$|[eo]rs?$|ous$|en$|ity)|(?<=[a-z]{2}[aeiou])ll$"), "l"),  # travelled, woollen; marshall
    (re.compile(r"(?<=ro|[ft]i|[prt]a)l(?=s?$|ments?$)|(?<=[aeiou])l(?=ful)"), "ll"),  # enrol, skilful; enroll again
    (re.compile(r"(?<=e)llery$"), "lry"),  # jewellery
    (re.compile(r"(?<=ra)mme(?=s?$)"), "m"),  # programme
    (re.compile(r"[ao]e(?=[a-z])"), "e"),  # leukaemia, archaeology, anaesthetic, foetus, oestrogen, manoeuvre
    (re.compile(r"(?<=[fct])enc(?=e[sd]?$|eless)"), "ens"),  # defence, licenced, pretence, defenceless
    (re.compile(r"(?<=dg)ement"), "ment"),  # judgement, acknowledgement
    (re.compile(r"(?<=g)eing$"), "ing"),  # ageing
    (re.compile(r"(?<=[^aeioucg])eab(?=l|il)"), "ab"),  # likeable, sizeable, unmistakeably; not changeable
    (re.compile(r"(?<=m)ou(?=l[dt])"), "o"),  # mould, smouldering, moult
    (re.compile(r"(?<=co)s(?=y|i)"), "z"),  # cosy, cosiness
    (re.compile(r"^scept(?=ic)"), "skept"),  # sceptic, sceptical, scepticism
    (re.compile(r"^chequer"), "checker"),  # chequered
    (re.compile(r"^cheque"), "check"),  # cheque, chequebook
    (re.compile(r"^enquir"), "inquir"),  # enquiry
    (re.compile(r"^plough"), "plow"),
    (re.compile(r"draught"), "draft"),  # draughtsman
    (re.compile(r"sulph"), "sulf"),  # sulphur, sulphate
    (re.compile(r"(?<=alumin)ium"), "um"),
    (re.compile(r"^pyj"), "paj"),  # pyjamas
    (re.compile(r"^mous(?=tach)"), "mus"),  # moustache
    (re.compile(r"^arte(?=fact)"), "arti"),  # artefact
    (re.compile(r"^tyre"), "tire"),
    (re.compile(r"^kerb"), "curb"),
    (re.compile(r"^storey"), "story"),  # storeys, storeyed
    (re.compile(r"grey"), "gray"),
)
"""British spelling rules of a word and its American spelling (a rule may also match a word with no other spelling,
*noise*, or turn a word into another one, *tour*: *tor*: :func:`_american_spelling` keeps only those WordNet lists
as one word's spellings)."""
_RARER_AMERICAN = re.compile(r"gray")
"""American spellings that American dictionaries list first although wordfreq, which counts British texts too,
ranks them below the British ones (*gray*: *grey*): :func:`_british` does not ask which is more common."""


def _respellings(wordnet, lemma: str, synonyms: list[str]) -> set[str]:
    """The ``synonyms`` that are spellings of ``lemma`` or of another of them: with or without hyphens or spaces, or
    in British rather than American spelling (*coordinates*: *co-ordinates*; *color*: *colour*; *study*: *analyse*
    beside *analyze*), or, for a lemma in American spelling, a synonym in British spelling only (*color*:
    *colouring*). A copy would change in nothing but its spelling, or mix two spellings. Of a synonym's spellings,
    the first in the lemma's with the fewest hyphens, spaces and points is kept (*ok*, not *o.k.*). Left out once
    the senses are counted, so that a sense keeps the synonyms it had."""
    british = _british(wordnet, lemma)
    groups: dict[str, list[str]] = {}
    for synonym in dict.fromkeys(synonyms):
        groups.setdefault(_one_spelling(wordnet, synonym), []).append(synonym)
    respelt = set(groups.pop(_one_spelling(wordnet, lemma), []))
    for spellings in groups.values():
        fitting = [spelling for spelling in spellings if _british(wordnet, spelling) == british]
        joined = min(fitting, key=lambda spelling: len(_JOINED.findall(spelling)), default=None)  # ok, not o.k.
        kept = joined if joined is not None else spellings[0] if british else None
        respelt.update(spelling for spelling in spellings if spelling != kept)
    return respelt


@functools.cache
def _british(wordnet, word: str) -> bool:
    """Whether ``word`` is in British spelling: its American spelling (:func:`_american_spelling`) differs and is
    at least as common in wordfreq's list, or is one of :data:`_RARER_AMERICAN` (*colouring*: *coloring*; *grey*:
    *gray*; not *noise*: *noize*, no word; nor *scouring*: *scoring*, another word; nor *advertising*, which
    WordNet also spells *advertizing*, far less often; nor *archaeology*, more common than *archeology*)."""
    from wordfreq import zipf_frequency

    american = _american_spelling(wordnet, word)
    if american == word:
        return False
    return bool(_RARER_AMERICAN.search(american)) or zipf_frequency(american, "en") >= zipf_frequency(word, "en")


def _american_spelling(wordnet, word: str) -> str:
    """``word`` in American spelling, each of its words (:data:`_WORD`) by :func:`_american_word` (*funeral
    parlour*: *funeral parlor*; *self-centred*: *self-centered*)."""
    return _WORD.sub(lambda found: _american_word(wordnet, found.group()), word)


@functools.cache
def _american_word(wordnet, word: str) -> str:
    """One ``word`` rewritten by the rules of :data:`_AMERICAN` where WordNet lists the two as one word's spellings,
    sharing a sense (*fibre*: *fiber*; *centred*: *centered*); else ``word`` itself (*tour*, not *tor*; *mourning*,
    not *morning*)."""
    american = word
    for pattern, replacement in _AMERICAN:
        american = pattern.sub(replacement, american)
    if american == word or set(_synsets(wordnet, word, None)).isdisjoint(_synsets(wordnet, american, None)):
        return word
    return american


def _one_spelling(wordnet, word: str) -> str:
    """``word`` in American spelling, without hyphens, spaces and points: alike for all its spellings."""
    return _JOINED.sub("", _american_spelling(wordnet, word))


def _own_gerund(noun: str, synonym: str) -> bool:
    """Whether ``synonym`` is the *-ing* form of ``noun`` as a verb (*touch*: *touching*; *dream*:
    *dreaming*; *fight*: *fighting*), which reads as the verb (*losing his touching*)."""
    tables = (lemminflect.getAllInflections, lemminflect.getAllInflectionsOOV)
    return synonym.endswith("ing") and any(synonym in table(noun, "VERB").get("VBG", ()) for table in tables)


def _letter_or_numeral(synonym: str, lemmas) -> bool:
    """Whether ``synonym`` is one letter (*v* for *five*, *s* for *second*) or a Roman numeral in a sense
    (given as its NLTK ``Lemma`` list) that also has the number in digits (*ii* for *two*; not *mix*)."""
    if len(synonym) == 1:
        return synonym.isalpha()
    return bool(ROMAN_NUMERAL.fullmatch(synonym)) and any(lemma.name().isdigit() for lemma in lemmas)


def _shortening(lemma: str, synonym: str) -> bool:
    """Whether ``synonym`` is an abbreviation or clipping of ``lemma``: a word of up to
    :data:`MAX_SHORTENING_LETTERS` letters spelt with letters of ``lemma`` in order from its first, and
    rarer in wordfreq's English list (*year*: *yr*; *minute*: *min*; *percentage*: *pct*; *magazine*:
    *mag*; not *advertisement*: *ad*, *warfare*: *war*, *teenage*: *teen*, which are more common)."""
    from wordfreq import zipf_frequency

    if len(synonym) > MAX_SHORTENING_LETTERS or len(synonym) >= len(lemma) or synonym[0] != lemma[0]:
        return False
    letters = iter(lemma)
    if not all(letter in letters for letter in synonym):
        return False
    return zipf_frequency(synonym, "en") < zipf_frequency(lemma, "en")


def _adjective_for_adverb(wordnet, synonym: str) -> bool:
    """Whether ``synonym`` of an adverb is one word not in *-ly* that WordNet tags as an adjective
    more often than as an adverb (*easily*: *easy*; *deeply*: *deep*; *thoroughly*, *well*: *good*):
    it would read as the adjective (*could have easy become*, *know good*)."""
    if synonym.endswith("ly") or " " in synonym:
        return False
    return _tag_count(wordnet, synonym, "a") > _tag_count(wordnet, synonym, "r")


def _read_in_another_pos(wordnet, synonym: str, pos: str) -> bool:
    """Whether ``synonym`` is one word that WordNet never tags in part of speech ``pos`` but tags at least
    :data:`MIN_OTHER_POS_TAGS` times in another, so it would read as that one (*replacement*: *alternate*;
    *captures*: *entrances*; *hurt*: *anguish*; *executed*: *actioned*)."""
    if " " in synonym or _tag_count(wordnet, synonym, pos):
        return False
    return any(_tag_count(wordnet, synonym, other) >= MIN_OTHER_POS_TAGS for other in POS if other != pos)


@functools.cache
def _synsets(wordnet, name: str, pos: str) -> list:
    """``wordnet.synsets(name, pos)``, asked for twice for most single words (:func:`name_homonyms`,
    :func:`lemma_entry`); callers must not change the list."""
    return wordnet.synsets(name, pos)


@functools.cache
def _tag_count(wordnet, word: str, pos: str) -> int:
    """How often WordNet's corpora tag ``word`` in part of speech ``pos``, over all its senses (asked
    for again and again: one word is a synonym of many)."""
    return sum(lemma.count() for lemma in wordnet.lemmas(word, pos))


def _follows(lemma) -> set[str]:
    """The kinds of :data:`FRAMES_BEFORE` that may follow a verb ``lemma`` (an NLTK ``Lemma``) in its sense."""
    frames = set(lemma.frame_ids())
    return {kind for kind, kind_frames in FRAMES_BEFORE.items() if not frames.isdisjoint(kind_frames)}


COMPOUND_TAGS = {"n": ("NN", "NNS"), "v": ("VB", "VBP", "VBZ", "VBG", "VBD", "VBN"), "a": ("JJ",), "r": ("RB",)}
"""The inflections a compound of each part of speech is listed in, preferred first."""


def is_compound(lemma: str, pos: str) -> bool:
    """Whether the multi-word ``lemma`` (words joined by spaces) is listed as a compound.

    Left out: a verb followed by one preposition (``build in``, ``live in``, ``stand for``), which as
    often is a verb or noun before a phrase (*the tallest building in New York*), *be* and one word
    (``be sick``: *puke*, ``be due``: *flow from*, ``be given``: *tend*), which a text nearly always
    means as *be* and an adjective or participle (*my dog is sick*, *my bill is due*, *it was given
    to me*), and lemmas with a part that :func:`hfaug.text.words.split_words` does not read as one
    word (``'tween decks``): no text would match them.
    """
    from hfaug.text.words.cutting import split_words

    parts = lemma.split(" ")
    verb_and_complement = pos == "v" and (parts[1:] in PREPOSITIONS or (parts[0] == "be" and len(parts) == 2))
    return split_words(lemma)[1::2] == parts and not verb_and_complement


def prepositional_verbs(wordnet) -> list[str]:
    """WordNet's verbs of one verb and one preposition (*rely on*, *believe in*, *put in*, *think of*).
    They are no compounds (:func:`is_compound`), but the verb before its preposition means the whole,
    so hfaug does not replace it alone (*relies on*: not *trusts on*)."""
    found = set()
    for name in wordnet.all_lemma_names("v"):
        verb, _, preposition = name.partition("_")
        if preposition and [preposition] in PREPOSITIONS:
            found.add(f"{verb} {preposition}")
    return sorted(found)


def compound_forms(analyses: dict[str, list[tuple]]) -> dict[str, str]:
    """Each compound form -> ``"pos TAB tag TAB lemma"`` of its best analysis, or ``""`` if it has no synonyms.

    ``analyses`` maps a form to ``(has synonyms, sense-tagged count, pos, tag, lemma)`` tuples; the
    best has synonyms, then the larger count, then the earlier part of speech and inflection.
    """
    forms = {}
    for form, found in sorted(analyses.items()):
        has_synonyms, _, pos, tag, lemma = max(
            found, key=lambda item: (item[0], item[1], -POS.index(item[2]), -COMPOUND_TAGS[item[2]].index(item[3]))
        )
        forms[form] = f"{pos}\t{tag}\t{lemma}" if has_synonyms else ""
    return forms


def name_homonyms(wordnet, lemmas: Iterable[str]) -> list[str]:
    """The single-word ``lemmas`` (lower case) that WordNet also lists capitalised in a part of speech
    they have, as a name or an acronym, and never sense-tagged in a sense of their own: *lee* (Lee;
    *lee side*), *ai* (AI; *three-toed sloth*), *amazon*, *pacific*. Written in lower case they are
    rarer than the name, so a text in lower case (*spike lee*, *ask the ai*) most likely means the
    name. Left out: forms that lemminflect reads as another lemma's (*numbers*: *number*)."""
    lemma_names = {pos: frozenset(wordnet.all_lemma_names(pos)) for pos in POS}
    found = []
    for name in lemmas:
        # only the parts of speech whose index lists the name hold its lemmas
        synsets = [synset for pos in POS if name in lemma_names[pos] for synset in _synsets(wordnet, name, pos)]
        own = [lemma for synset in synsets for lemma in synset.lemmas() if lemma.name().lower() == name]
        lower = [lemma for lemma in own if lemma.name() == name]
        capitalised = {_pos(lemma) for lemma in own if lemma.name() != name}
        untagged = not sum(lemma.count() for lemma in lower)
        if untagged and not _inflected_form(name) and capitalised & {_pos(lemma) for lemma in lower}:
            found.append(name)
    return found


def given_names(wordnet, lemmas: Iterable[str]) -> list[str]:
    """The single-word ``lemmas`` (lower case) that are common given names in the US (Faker's ``en_US``
    lists) and whose lower-case senses WordNet sense-tags rarely for how often the word is used
    (:data:`MAX_NAME_TAGS`): *john* (*toilet*), *mike* (*microphone*), *harry* (*harass*), *jimmy*
    (*crowbar*). In a text without capitals they most likely are the name. Left out: forms that
    lemminflect reads as another lemma's (*rose*: *rise*)."""
    from faker.providers.person.en_US import Provider
    from wordfreq import zipf_frequency

    common = {name.lower() for name in [*Provider.first_names_male, *Provider.first_names_female]}
    found = []
    for name in lemmas:
        if name not in common or _inflected_form(name):
            continue
        tags = sum(lemma.count() for synset in wordnet.synsets(name) for lemma in synset.lemmas() if lemma.name() == name)
        if tags < MAX_NAME_TAGS * 10 ** (zipf_frequency(name, "en") - 3):
            found.append(name)
    return found


def first_names(wordnet, names: frozenset[str]) -> list[str]:
    """The given names of English speakers that read as names, not words, in a text without capitals: Faker's ``en``
    lists less the names that are common surnames too (*williams*, *ford*, *wallace*), with Faker's ``en_US`` lists
    of the commonest given names (lower case); no stop word (*may*); in ``names`` (:func:`given_names`: *john*,
    *mike*), or no form of another lemma that WordNet lists, if at all, only capitalised and for people (*hugh*,
    *eddie*, *michael*; not *grant*, *mark*, *will*, *drew*, nor *june*, *paris*, *french*, *friend*, which Faker's
    lists also hold). The word after one is most likely a surname (*hugh grant*, *eddie murphy*)."""
    from faker.providers.person import en, en_US

    from hfaug.text.stopwords import ENGLISH

    def lower(*lists: Iterable[str]) -> set[str]:
        return {name.lower() for names in lists for name in names}

    surnames = lower(en.Provider.last_names, en_US.Provider.last_names)
    common = lower(en.Provider.first_names_male, en.Provider.first_names_female) - surnames
    common |= lower(en_US.Provider.first_names_male, en_US.Provider.first_names_female)
    return sorted(
        name
        for name in common - ENGLISH
        if name in names
        or (
            not _inflected_form(name)
            and not _lower_case_lemma(wordnet, name)
            and all(synset.lexname() == "noun.person" for synset in wordnet.synsets(name))
        )
    )


def _lower_case_lemma(wordnet, word: str) -> bool:
    """Whether WordNet has ``word`` (lower case) as a lemma written in lower case (*grant*, *friend*; not *Michael*)."""
    return any(lemma.name() == word for synset in wordnet.synsets(word) for lemma in synset.lemmas())


def _inflected_form(word: str) -> bool:
    """Whether lemminflect reads ``word`` as a form of another lemma (*numbers*: *number*, *rose*: *rise*)."""
    return any(word not in readings for readings in lemminflect.getAllLemmas(word).values())


def _one_word_replaced(lemma: str, by_pos: dict[str, Entry]) -> bool:
    """Whether ``lemma`` is one word and has synonyms in a part of speech."""
    return " " not in lemma and any(entry.synonyms for entry in by_pos.values())


def _pos(lemma) -> str:
    """The part of speech of an NLTK ``Lemma`` (``n``, ``v``, ``a`` or ``r``: satellites are adjectives)."""
    pos = lemma.synset().pos()
    return "a" if pos == "s" else pos


def unfit_synonyms(wordnet, names: frozenset[str]) -> frozenset[str]:
    """WordNet's lemmas (words joined by spaces) that are never offered as synonyms: those with a word
    on better-profanity's list (:func:`offensive_words`), rarer than :data:`MIN_ZIPF` in wordfreq's
    English list, or that wordfreq does not know as a word (:func:`split_at_apostrophe`: *ne'er*),
    function words (:data:`hfaug.text.stopwords.CLOSED_CLASS`: ``almost``: not *about* or *most*),
    :data:`NEGATIVE_POLARITY` words, and ``names``, words that most likely read as a name
    (:func:`name_homonyms`: *somerset* for *flip*, *wight* for *creature*, *ruth* for *pity*;
    :func:`given_names`: *john* for *toilet*)."""
    from wordfreq import tokenize, zipf_frequency

    from hfaug.text.stopwords import CLOSED_CLASS

    offensive = offensive_words()
    unfit = set(names)
    for name in wordnet.all_lemma_names():
        lemma = name.replace("_", " ")
        rarest = min((zipf_frequency(token, "en") for token in tokenize(lemma, "en")), default=0.0)
        words = lemma.split()
        if (
            rarest < MIN_ZIPF
            or not offensive.isdisjoint(words)
            or any(map(split_at_apostrophe, words))
            or lemma in CLOSED_CLASS
            or lemma in NEGATIVE_POLARITY
        ):
            unfit.add(lemma)
    return frozenset(unfit)


def split_at_apostrophe(word: str) -> bool:
    """Whether wordfreq cuts ``word`` where it has an apostrophe (*e'er*: *e* + *er*, both common), so its
    frequencies say nothing of it; it keeps *o'clock* and possessives (*bull's*) whole."""
    from wordfreq import tokenize

    return "'" in word and not any("'" in token for token in tokenize(word, "en"))


def offensive_words() -> frozenset[str]:
    """Lower-case words never offered as (part of) a synonym: better-profanity's word list and :data:`SLURS`."""
    from better_profanity.utils import get_complete_path_of_file, read_wordlist

    listed = read_wordlist(get_complete_path_of_file("profanity_wordlist.txt"))
    return frozenset(word.lower() for word in listed) | SLURS


def encode_entry(by_pos: dict[str, Entry]) -> str:
    """One lemma's record: a line per part of speech, ``pos TAB count TAB syn|syn|... TAB weight weight ...``,
    for a verb followed by ``TAB weights before an object TAB weights before a person TAB weights
    before an infinitive TAB weights before an adjective``.

    One string per lemma keeps the file small and quick to load; hfaug parses a record when
    a word first needs it.
    """
    lines = []
    for pos, (count, synonyms, weights, before) in by_pos.items():
        for synonym in synonyms:
            if any(separator in synonym for separator in "|\t\n"):
                raise SystemExit(f"build_lexicon: synonym {synonym!r} contains a separator character")
        fields = [pos, str(count), "|".join(synonyms), _encode_weights(weights)]
        fields += [_encode_weights(before[kind]) for kind in before]
        lines.append("\t".join(fields))
    return "\n".join(lines)


def _encode_weights(weights: list[float]) -> str:
    return " ".join(f"{weight:g}" for weight in weights)


def build(corpus: Path) -> dict:
    """The lexicon as a JSON-ready dict."""
    wordnet = open_reader(corpus)
    version = wordnet.get_version()
    if version != "3.0":
        raise SystemExit(f"build_lexicon: expected WordNet 3.0, found version {version!r}")
    from hfaug.text.wordforms.inflection import inflect

    words = [name for name in wordnet.all_lemma_names() if "_" not in name]
    names = frozenset(name_homonyms(wordnet, words) + given_names(wordnet, words))
    unfit = unfit_synonyms(wordnet, names)
    entries: dict[str, dict[str, Entry]] = {}
    compounds: dict[str, list[tuple]] = {}
    for pos in POS:
        for name in sorted(wordnet.all_lemma_names(pos)):
            entry = lemma_entry(wordnet, name, pos, unfit)
            lemma = name.replace("_", " ")
            if entry is None or (lemma != name and not is_compound(lemma, pos)):
                continue
            if lemma == name or entry[1]:
                entries.setdefault(lemma, {})[pos] = entry
            if lemma != name:
                for tag in COMPOUND_TAGS[pos]:
                    form = inflect(lemma, pos, tag)
                    if form:
                        compounds.setdefault(form, []).append((bool(entry[1]), entry[0], pos, tag, lemma))
    for name in named_entities(wordnet, entries):
        compounds.setdefault(name, []).append((False, 0, "n", "NN", name))
    return {
        "format": FORMAT,
        "source": "WordNet 3.0",
        "license": license_text(corpus),
        "description": (
            "entries: lemma -> one line per part of speech (n, v, a, r): 'pos TAB sense-tagged count TAB "
            "synonyms ordered by sense frequency, joined by | TAB their weights, joined by spaces', for verbs "
            "followed by 'TAB the weights before an object TAB the weights before a person TAB the weights "
            "before an infinitive TAB the weights before an adjective' (senses whose "
            "WordNet frames take one); "
            "compounds: multi-word lemmas in their inflected forms -> 'pos TAB tag TAB lemma', or '' if the "
            "lemma has no synonyms (entries also hold the multi-word lemmas with synonyms), and the multi-word "
            "names of WordNet's instances (north korea), in lower case, with ''; "
            "names: lemmas with synonyms that WordNet also lists capitalised and never tagged in their own "
            "senses, or common given names it seldom tags for their use, most likely names in lower-cased "
            "text; prepositional verbs: WordNet's verbs of a verb and "
            "a preposition, 'verb preposition'; rare forms: inflected forms of one-word synonyms that are rare in "
            "English, never used; first names: common given names that read as names in lower-cased text, before "
            "a surname"
        ),
        "entries": {name: encode_entry(by_pos) for name, by_pos in entries.items()},
        "compounds": compound_forms(compounds),
        "names": [name for name, by_pos in entries.items() if name in names and _one_word_replaced(name, by_pos)],
        "prepositional verbs": prepositional_verbs(wordnet),
        "rare forms": rare_forms(entries.values(), inflect),
        "first names": first_names(wordnet, names),
    }


def named_entities(wordnet, entries: dict[str, dict[str, Entry]]) -> list[str]:
    """The multi-word names of WordNet's instances (places, people, events: *North Korea*, *Roman
    Empire*, *Van Gogh*), in lower case, that hold a word with synonyms in ``entries`` and open with no
    stop word (not *The City*): listed as compounds without synonyms, so that their words are left
    alone (*north korea*: not *northwards korea*; *the roman empire*: not *the roman imperium*)."""
    from hfaug.text.stopwords import ENGLISH

    found = set()
    for synset in wordnet.all_synsets("n"):
        if not synset.instance_hypernyms():
            continue
        for lemma in synset.lemmas():
            words = lemma.name().lower().split("_")
            if len(words) > 1 and words[0] not in ENGLISH and lemma.name() != lemma.name().lower():
                if any(entry[1] for word in words for entry in entries.get(word, {}).values()):
                    found.add(" ".join(words))
    return sorted(found)


def rare_forms(entries: Iterable[dict[str, Entry]], inflect) -> list[str]:
    """The inflected forms (:data:`INFLECTED_TAGS`, by ``inflect``, :func:`hfaug.text.wordforms.inflect`) of the
    one-word synonyms in ``entries`` that are rarer than :data:`MIN_FORM_ZIPF` in wordfreq's English list."""
    from wordfreq import zipf_frequency

    synonyms = {(pos, synonym) for by_pos in entries for pos, entry in by_pos.items() for synonym in entry[1]}
    forms = {inflect(synonym, pos, tag) for pos, synonym in synonyms if " " not in synonym for tag in INFLECTED_TAGS[pos]}
    return sorted(form for form in forms - {None} if zipf_frequency(form, "en") < MIN_FORM_ZIPF)


def write(lexicon: dict, out: Path) -> None:
    """Write ``lexicon`` as deterministic gzip-compressed JSON."""
    data = json.dumps(lexicon, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as handle:
        handle.write(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, help="WordNet 3.0 directory (Debian's or NLTK's corpora/wordnet)")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output file (default: {DEFAULT_OUT.relative_to(REPO)})"
    )
    args = parser.parse_args(argv)
    if args.out.is_dir():  # checked before a minute of work
        parser.error(f"--out {str(args.out)!r} is a folder; pass the path of the lexicon file to write")
    source = find_source(args.wordnet)
    with nltk_data_dir(source) as data_dir:
        lexicon = build(data_dir / "corpora" / "wordnet")
    write(lexicon, args.out)
    lines = [line.split("\t") for record in lexicon["entries"].values() for line in record.split("\n")]
    entries = lexicon["entries"]
    pairs = len(lines)
    with_synonyms = sum(1 for line in lines if line[2])
    print(
        f"build_lexicon: {len(entries)} lemmas, {pairs} lemma/POS pairs ({with_synonyms} with synonyms), "
        f"{len(lexicon['compounds'])} compound forms, {len(lexicon['names'])} names "
        f"from {source} -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
