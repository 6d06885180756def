"""The WordNet lexicon shipped with hfaug, loaded once per process on first use.

``hfaug/data/wordnet_lexicon.json.gz`` is built from WordNet 3.0 by
``scripts/build_lexicon.py``. For every single-word lemma and part of speech (``n``, ``v``,
``a``, ``r``), and every multi-word one with synonyms, it holds the lemma's sense-tagged
frequency and its synonyms ordered by the frequency of the senses they come from, with weights
(for verbs also the weights of the senses that take an object, and a person as object).
It also lists WordNet's multi-word lemmas (``credit card``, ``turn off``) in their inflected
forms, with the lemma, part of speech and inflection of each, and the lemmas that are most likely
names where a text is in lower case (:attr:`Lexicon.names`), the inflected forms of synonyms that are
rare in English (:attr:`Lexicon.rare_forms`) and common given names (:attr:`Lexicon.first_names`). Nothing is
downloaded.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hfaug.errors import HfaugError
from hfaug.lazy import cached_property

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "wordnet_lexicon.json.gz"
BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_lexicon.py"
"""The script that builds the lexicon, in a checkout of the source repository (not in an installed package)."""
FORMAT = 11
BEFORE: tuple[str, ...] = ("object", "person", "infinitive", "adjective")
"""What may follow a verb, in the order of a verb record's extra weight fields."""


@dataclass(frozen=True)
class Sense:
    """What the lexicon knows about one lemma in one part of speech.

    Args:
        count (`int`): How often the lemma was sense-tagged with this part of speech in WordNet's corpora.
        synonyms (`tuple[str, ...]`): Synonyms, most frequent senses first (multi-word ones contain spaces).
        weights (`tuple[float, ...]`): One weight per synonym: its shares of the senses it belongs to (see
            ``scripts/build_lexicon.py``).
        before (`dict[str, tuple[float, ...]]`): For a verb, the weights before an object (``"object"``:
            *move my money*), before a person (``"person"``: *tell me*), before an infinitive with *to*
            (``"infinitive"``: *want to go*) and before an adjective (``"adjective"``: *look good*): the shares of
            the senses whose WordNet frames take one; a zero where none does. Empty for other parts of speech.
    """

    count: int
    synonyms: tuple[str, ...]
    weights: tuple[float, ...]
    before: dict[str, tuple[float, ...]]


class Lexicon:
    """Lemma -> part of speech -> :class:`Sense`. Use :func:`load` to get the shared instance.

    Records stay in their compact text form until a lemma is first asked for.
    """

    def __init__(
        self,
        entries: dict[str, str],
        source: str = "",
        compounds: dict[str, str] | None = None,
        names: frozenset[str] = frozenset(),
        prepositional_verbs: Iterable[str] = (),
        rare_forms: frozenset[str] = frozenset(),
        first_names: frozenset[str] = frozenset(),
    ) -> None:
        self._entries = entries
        self.source = source
        self._compounds = compounds or {}
        self.names = names
        """Lemmas that WordNet also lists capitalised, as a name or an acronym, and never sense-tagged in
        a sense of their own (*lee*, *ai*, *amazon*): in a text in lower case, most likely the name."""
        self.prepositions: dict[str, frozenset[str]] = {}
        """Verb lemma -> the prepositions with which WordNet lists it as a verb of its own (*rely*: *on*,
        *upon*; *believe*: *in*): before one, the verb means the whole."""
        for verb, preposition in (phrase.split(" ") for phrase in prepositional_verbs):
            self.prepositions[verb] = self.prepositions.get(verb, frozenset()) | {preposition}
        self.rare_forms = rare_forms
        """Inflected forms of synonyms that are rare in English (*jests*, *salved*, *laughters*): never used,
        though the synonym may be in its other forms."""
        self.first_names = first_names
        """Common given names that read as names in a text in lower case (*hugh*, *eddie*, *john*; not *grant*,
        *mark*): the word after one is most likely a surname."""
        self.senses = functools.lru_cache(maxsize=1 << 16)(self._parse)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, lemma: object) -> bool:
        return lemma in self._entries

    def _parse(self, lemma: str) -> dict[str, Sense]:
        """The parts of speech of ``lemma`` (lower case) with their :class:`Sense`; empty if unknown.

        Available as :meth:`senses`, which keeps recent answers (callers only read them).
        """
        record = self._entries.get(lemma)
        if not record:
            return {}
        senses = {}
        for line in record.split("\n"):
            pos, count, synonyms, weights, *before = line.split("\t")
            senses[pos] = Sense(
                int(count),
                tuple(synonyms.split("|")) if synonyms else (),
                _weights(weights),
                dict(zip(BEFORE, map(_weights, before))),
            )
        return senses

    @cached_property
    def compounds(self) -> dict[str, dict]:
        """First word -> a trie of the words that follow it in compounds: word -> trie, ``""`` marks an end.

        ``compounds["credit"]["card"] == {"": {}}``; ``compounds["turned"]["a"]["blind"]["eye"] == {"": {}}``.
        """
        end: dict = {"": {}}  # shared by the compounds that no other one extends
        tries: dict[str, dict] = {}
        for compound in self._compounds:
            first, *middle, last = compound.split(" ")
            node = tries.setdefault(first, {})
            for word in middle:
                child = node.get(word)
                if child is None or child is end:
                    child = node[word] = dict(child or {})
                node = child
            if last not in node:
                node[last] = end
            elif node[last] is not end:
                node[last][""] = {}
        return tries

    def compound(self, form: str) -> tuple[str, str, str] | None:
        """``(lemma, pos, tag)`` of a compound form (``"credit cards"`` -> ``("credit card", "n", "NNS")``),
        or ``None`` if its lemma has no synonyms or it is no compound."""
        record = self._compounds.get(form)
        if not record:
            return None
        pos, tag, lemma = record.split("\t")
        return lemma, pos, tag

    def synonyms(self, lemma: str, pos: str | None = None) -> list[str]:
        """Synonyms of ``lemma`` (as ``pos``, or in every part of speech), most frequent senses first.

        Example:
            >>> from hfaug.text import lexicon
            >>> lexicon.load().synonyms("film", "n")[:3]
            ['movie', 'motion picture', 'pic']
        """
        found: list[str] = []
        for tag, sense in self.senses(lemma).items():
            if pos is None or tag == pos:
                found.extend(synonym for synonym in sense.synonyms if synonym not in found)
        return found


def _weights(field: str) -> tuple[float, ...]:
    return tuple(float(weight) for weight in field.split())


def _remedy() -> str:
    """How to get the shipped lexicon back: build it in a checkout of the source repository (which has the script),
    else install hfaug again (the lexicon ships in the package)."""
    if BUILD_SCRIPT.is_file():
        return (
            f"rebuild it with `python {BUILD_SCRIPT}` (needs WordNet 3.0: `apt-get install wordnet-base "
            "wordnet-sense-index`)."
        )
    return "this installation of hfaug is damaged; install it again (pip install --force-reinstall --no-deps hfaug)."


@functools.cache
def load(path: str | None = None) -> Lexicon:
    """The lexicon at ``path`` (default: the one shipped in the package), read once per process."""
    location = Path(path) if path else LEXICON_PATH
    try:
        with gzip.open(location, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise HfaugError(f"the WordNet lexicon {location} is missing; {_remedy()}") from None
    if data.get("format") != FORMAT:
        raise HfaugError(
            f"the WordNet lexicon {location} has format {data.get('format')!r}, this hfaug reads format {FORMAT}; "
            f"{_remedy()}"
        )
    names = frozenset(data["names"])
    return Lexicon(
        data["entries"],
        data.get("source", ""),
        data["compounds"],
        names,
        data["prepositional verbs"],
        frozenset(data["rare forms"]),
        frozenset(data["first names"]),
    )
