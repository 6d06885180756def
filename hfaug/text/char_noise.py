"""Character noise (keyboard typos, OCR errors, random characters), adapted from nlpaug's char augmenters."""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import re
import string
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import regex

from hfaug.augmenter import Augmented
from hfaug.augmenter.arguments import check_count, check_flag, check_probability
from hfaug.augmenter.on_error import OnError
from hfaug.text.base import TextAugmenter
from hfaug.text.words.cutting import find_words
from hfaug.text.words.edits import splice
from hfaug.text.words.protected_terms import check_terms, protected_groups
from hfaug.text.words.stop_words import StopwordsSpec, check_stopwords, stopword_set

Kind = Literal["keyboard", "ocr", "random"]
Action = Literal["substitute", "insert", "swap", "delete"]
KINDS: tuple[str, ...] = ("keyboard", "ocr", "random")
ACTIONS: tuple[str, ...] = ("substitute", "insert", "swap", "delete")


@functools.cache
def noise_table(
    kind: str, digits: bool = False, symbols: bool = False, change_case: bool = False
) -> dict[str, tuple[str, ...]] | tuple[str, ...]:
    """nlpaug's character table for ``kind``, loaded once per process.

    ``keyboard``: QWERTY neighbours of each key (nlpaug's English keyboard model): by default a
    letter's neighbouring letters in its own case, digits left alone; ``digits`` adds the number
    row (and noise on digits), ``symbols`` the symbol keys, ``change_case`` the other case (``a`` ->
    ``A``, ``S``); all three give nlpaug's ``KeyboardAug()`` defaults. ``ocr``: characters an OCR engine confuses
    (nlpaug's English OCR model, both directions). Only single, non-space characters are kept
    (nlpaug's keyboard table maps ``u`` to ``" t"``, which would split words). ``random``: the
    characters nlpaug's ``RandomCharAug`` draws from (letters, digits and ``!@#$%^&*()_+``).
    """
    if kind == "keyboard":
        model = _keyboard_model(numeric=digits, special=symbols)
        if not change_case:
            model = {char: [typed for typed in choices if _same_case(char, typed)] for char, choices in model.items()}
    elif kind == "ocr":
        model = _ocr_model()
    else:
        _nlpaug_tables()  # nlpaug installed, as for the others
        return tuple(string.ascii_uppercase + string.ascii_lowercase + string.digits + _RANDOM_SYMBOLS)
    table = {
        char: tuple(choice for choice in choices if len(choice) == 1 and not choice.isspace())
        for char, choices in model.items()
    }
    return {char: choices for char, choices in table.items() if choices and not char.isspace()}


_RANDOM_SYMBOLS = "!@#$%^&*()_+"  # RandomCharAug's spec_char
_LATIN = "LATIN"
"""The script of nlpaug's tables, which are English: their letters are ASCII ones."""
_NUMERIC = re.compile(r"[0-9]*")
_LOWER_OR_DIGITS = re.compile(r"[a-z0-9]*")


def _nlpaug_tables() -> Path:
    """nlpaug's folder of character tables, found without importing nlpaug, which loads torch (2 s and 650 MB a
    process, for two small JSON files)."""
    spec = importlib.util.find_spec("nlpaug")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("No module named 'nlpaug'", name="nlpaug")
    return Path(next(iter(spec.submodule_search_locations)), "res", "char")


def _keyboard_model(*, numeric: bool, special: bool) -> dict[str, list[str]]:
    """nlpaug's English keyboard model as ``KeyboardAug(include_numeric=numeric, include_special_char=special)`` builds
    it (``nlpaug.model.char.Keyboard``): each key's neighbours, in both cases."""
    mapping = json.loads((_nlpaug_tables() / "keyboard" / "en.json").read_text(encoding="utf-8"))

    def kept(key: str) -> bool:
        return (numeric or not _NUMERIC.fullmatch(key)) and (special or bool(_LOWER_OR_DIGITS.fullmatch(key)))

    model: dict[str, list[str]] = {}
    for key, values in mapping.items():
        if not kept(key):
            continue
        lower, upper = model.setdefault(key, []), model.setdefault(key.upper(), [])
        for value in filter(kept, values):
            lower += [value, value.upper()]
            upper += [value, value.upper()]
    return {key: sorted({value for value in values if value != key}) for key, values in model.items() if values}


def _ocr_model() -> dict[str, list[str]]:
    """nlpaug's English OCR model as ``OcrAug()`` builds it (``nlpaug.model.char.Ocr``): each confusion both ways."""
    model = json.loads((_nlpaug_tables() / "ocr" / "en.json").read_text(encoding="utf-8"))
    for key in list(model):
        for value in model[key]:  # as nlpaug does: a list grown here is read to its new end
            confused = model.setdefault(value, [])
            if key not in confused:
                confused.append(key)
    return model


def _script(char: str) -> str:
    """``char``'s script as the first word of its Unicode name: ``LATIN``, ``CYRILLIC``, ``GREEK``, ``ARABIC``,
    ``CJK``, ``HIRAGANA``, ``HANGUL``, ..."""
    return unicodedata.name(char, "").partition(" ")[0]


def _other_scripts(word: str) -> frozenset[str]:
    """The scripts of ``word``'s letters other than Latin (none for an English word)."""
    if word.isascii():
        return frozenset()
    return frozenset(_script(char) for char in word if char.isalpha()) - {_LATIN}


def _random_table(word: str, text: str, table: tuple[str, ...]) -> tuple[str, ...]:
    """The characters random noise puts into ``word``: nlpaug's (ASCII letters, digits and symbols) for a Latin
    word; for a word in another script, the letters of ``text`` in that script, in both cases, so a Russian or
    Chinese word never takes an English letter (nor a symbol that its language does not use)."""
    scripts = _other_scripts(word)
    if not scripts:
        return table
    letters = {char for char in text if char.isalpha() and _script(char) in scripts}
    cases = {other for char in letters for other in (char.lower(), char.upper()) if len(other) == 1}
    return tuple(sorted(letters | cases))


def _same_case(char: str, typed: str) -> bool:
    """Whether typing ``typed`` for ``char`` keeps the case: not a letter, or a letter in ``char``'s case
    (a digit counts as lower case). nlpaug's ``include_upper_case=False`` cannot do this: it leaves capitals alone."""
    return not typed.isalpha() or typed.isupper() == char.isupper()


class CharNoise(TextAugmenter):
    """Add character-level noise to some words: keyboard typos, OCR confusions or random characters.

    Follows nlpaug's ``KeyboardAug``, ``OcrAug`` and ``RandomCharAug`` (same character tables, same
    parameters: a share of the words, then a share of each word's characters), but picks words
    with hfaug's row generators and edits them in place, so punctuation, whitespace and protected
    terms are untouched and the output is reproducible. Keyboard typos keep a letter's case and
    type no digits or symbols unless ``digits``, ``symbols`` or ``change_case`` allow them (all
    three: nlpaug's defaults). ``hfaug_params`` records
    ``{"changed": [[word, noisy word], ...]}``.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        kind (`str`, defaults to `"keyboard"`): `"keyboard"` (a key next to the intended one),
            `"ocr"` (``0``/``o``, ``1``/``l``, ...) or `"random"` (any letter, digit or ``!@#$%^&*()_+``;
            in a word of another script than Latin, a letter of that script that the text uses). Keyboard and
            OCR noise leave words of other scripts alone (their tables are English).
        action (`str`, defaults to `"substitute"`): For `"random"`: `"substitute"`, `"insert"`,
            `"swap"` (with a neighbouring character) or `"delete"`. Keyboard and OCR noise substitute.
        digits (`bool`, defaults to `False`): For `"keyboard"`: a letter may become a key of the number row,
            and digits take noise too. By default keyboard noise changes letters only, to letters.
        symbols (`bool`, defaults to `False`): For `"keyboard"`: a letter may become a symbol key
            (``!``, ``;``, ``<``, ...).
        change_case (`bool`, defaults to `False`): For `"keyboard"`: a letter may change case (``a`` -> ``A``
            or ``S``). By default a lower-case letter becomes a neighbouring lower-case key, a capital a capital.
        word_p (`float`, defaults to 0.3): Share of the words that get noise (at least one).
        char_p (`float`, defaults to 0.3): Share of a chosen word's characters changed (at least one).
        max_words (`int`, *optional*, defaults to 10): Most words changed per text.
        max_chars (`int`, *optional*, defaults to 10): Most characters changed per word.
        min_chars (`int`, defaults to 4): Shorter words are left alone.
        protected (`list[str]`, defaults to `()`): Words and phrases never changed (case-insensitive).
        stopwords (`str` or `list[str]`, *optional*): Words left alone: `"english"`, a list, or `None`.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> typo = hfaug.CharNoise(kind="keyboard", word_p=0.2, seed=4)
        >>> typo({"text": "a gentle , funny film about friendship"})["text"]
        'a ventke , funny film wbouy friendship'
    """

    name = "char.noise"
    output_packages = ("nlpaug", "regex")

    def __init__(
        self,
        column: str = "text",
        *,
        kind: Kind = "keyboard",
        action: Action = "substitute",
        digits: bool = False,
        symbols: bool = False,
        change_case: bool = False,
        word_p: float = 0.3,
        char_p: float = 0.3,
        max_words: int | None = 10,
        max_chars: int | None = 10,
        min_chars: int = 4,
        protected: Sequence[str] = (),
        stopwords: StopwordsSpec = None,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        if kind not in KINDS:
            raise ValueError(f"char.noise: kind must be one of {KINDS}, got {kind!r}")
        if action not in ACTIONS:
            raise ValueError(f"char.noise: action must be one of {ACTIONS}, got {action!r}")
        if kind != "random" and action != "substitute":
            raise ValueError(
                f"char.noise: {kind} noise only substitutes characters; use kind='random' for action={action!r}"
            )
        self.kind = kind
        self.action = action
        self.digits = check_flag(self.name, "digits", digits)
        self.symbols = check_flag(self.name, "symbols", symbols)
        self.change_case = check_flag(self.name, "change_case", change_case)
        for option in ("digits", "symbols", "change_case"):
            if kind != "keyboard" and getattr(self, option):
                raise ValueError(f"char.noise: {option}=True is for keyboard noise; {kind} noise has its own table")
        self.word_p = check_probability(self.name, "word_p", word_p)
        self.char_p = check_probability(self.name, "char_p", char_p)
        self.max_words = check_count(self.name, "max_words", max_words)
        self.max_chars = check_count(self.name, "max_chars", max_chars)
        self.min_chars = check_count(self.name, "min_chars", min_chars, optional=False)
        self.protected = check_terms(self.name, protected)
        self.stopwords = check_stopwords(self.name, stopwords)

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        table = noise_table(self.kind, self.digits, self.symbols, self.change_case)
        stopwords = stopword_set(self.stopwords)
        return [self._noisy(text, rng, table, stopwords) for text, rng in zip(values, rngs)]

    def _noisy(self, text: str, rng: np.random.Generator, table, stopwords: frozenset[str]) -> Augmented:
        words = find_words(text)
        groups = protected_groups(text, words, self.protected)
        eligible = [
            index
            for index, (_, _, word) in enumerate(words)
            if (groups is None or groups[index] < 0)
            and len(word) >= self.min_chars
            and word.lower() not in stopwords
            and (self.kind == "random" or not _other_scripts(word))
            and self._positions(_characters(word), table)
        ]
        if not eligible:
            return Augmented(
                value=text,
                dropped=f"no word can take {self.kind} noise ({self._left_alone()} are left alone)",
            )
        count = _count(self.word_p, len(words), self.max_words, len(eligible))
        chosen = sorted(rng.choice(len(eligible), size=count, replace=False).tolist())
        edits = []
        changed = []
        for index in (eligible[i] for i in chosen):
            start, end, word = words[index]
            noisy = self._noisy_word(word, rng, _random_table(word, text, table) if self.kind == "random" else table)
            if noisy != word:
                edits.append((start, end, noisy))
                changed.append([word, noisy])
        if not edits:
            return Augmented(value=text, dropped="the noise left the text unchanged")
        return Augmented(value=splice(text, edits), params={"changed": changed})

    def _left_alone(self) -> str:
        """The words this noise never changes, as the reason of a dropped row names them."""
        kept = f"words under {self.min_chars} characters, stop words"
        if self.kind == "random":
            return f"{kept} and protected terms"
        return f"{kept}, protected terms and words in a script other than Latin"

    def _positions(self, chars: list[str], table) -> list[int]:
        """The characters (of :func:`_characters`) that may change: letters and digits (never a word's
        inner ``'`` or ``-``)."""
        if self.kind == "random":
            positions = [position for position, char in enumerate(chars) if char[0].isalnum()]
            return positions if len(positions) > 1 or self.action in ("substitute", "insert") else []
        return [position for position, char in enumerate(chars) if char in table and char.isalnum()]

    def _noisy_word(self, word: str, rng: np.random.Generator, table) -> str:
        chars = _characters(word)
        positions = self._positions(chars, table)
        count = _count(self.char_p, len(chars), self.max_chars, len(positions))
        if self.action == "delete":
            count = min(count, len(positions) - 1)
        picked = sorted(positions[i] for i in rng.choice(len(positions), size=count, replace=False).tolist())
        if self.action == "substitute":
            for position in picked:
                choices = table if self.kind == "random" else table[chars[position]]
                chars[position] = choices[int(rng.integers(len(choices)))]
        elif self.action == "insert":
            for position in reversed(picked):
                chars.insert(position, table[int(rng.integers(len(table)))])
        elif self.action == "swap":
            for position in picked:
                other = _neighbour(position, len(chars), rng)
                if not chars[other][0].isalnum():
                    continue
                upper = chars[position].isupper(), chars[other].isupper()
                chars[position], chars[other] = chars[other], chars[position]
                chars[position] = chars[position].upper() if upper[0] else chars[position].lower()
                chars[other] = chars[other].upper() if upper[1] else chars[other].lower()
        else:
            for position in reversed(picked):
                del chars[position]
        return "".join(chars)


def _characters(word: str) -> list[str]:
    """``word``'s characters as a reader sees them: a letter with its combining marks is one (Unicode's
    grapheme clusters: Hindi ``फि``, ``e`` and U+0301), so noise never leaves a mark on another letter."""
    return list(word) if word.isascii() else regex.findall(r"\X", word)


def _count(p: float, size: int, most: int | None, available: int) -> int:
    """nlpaug's count: ``ceil(p * size)``, at least 1, at most ``most`` and ``available``."""
    count = max(1, math.ceil(p * size))
    if most is not None:
        count = min(count, most)
    return min(count, available)


def _neighbour(position: int, length: int, rng: np.random.Generator) -> int:
    """The adjacent position a character swaps with (nlpaug's ``swap_mode="adjacent"``)."""
    if position == 0:
        return 1
    if position == length - 1:
        return position - 1
    return position + (1 if rng.random() < 0.5 else -1)
