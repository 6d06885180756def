"""Long texts: split into sentences (and, past that, lines and word runs) that fit the model, and join back.

A text within the model's input limit is translated whole. A longer one is cut into
sentences with `sentencex` (language-aware, ~300 languages); a sentence still too long is
cut at its line breaks, and a line still too long at word boundaries. Each piece keeps the
whitespace that followed it, so the translations are joined with the original layout.
Nothing is truncated.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hfaug.errors import InvalidValue

Piece = tuple[str, str]
"""A piece of text to translate and the whitespace that followed it."""


Counter = Callable[[list[str]], list[int]]
"""Tokens the model sees for each of several texts (EOS included), in one call."""

_LINE_BREAK = re.compile(r"(\s*[\n\r\v\f\x85\u2028\u2029]\s*)")
_SPACE = re.compile(r"(\s+)")


def split_to_fit(text: str, language: str, count_tokens: Counter, limit: int) -> list[Piece]:
    """``text`` as pieces of at most ``limit`` tokens each (a single piece when it fits).

    Args:
        text (`str`): The text.
        language (`str`): Its language code, for the sentence splitter.
        count_tokens (`Callable[[list[str]], list[int]]`): Tokens the model sees for each
            piece (EOS included).
        limit (`int`): The model's input limit in tokens.

    Raises:
        InvalidValue: A single word is longer than the limit.
    """
    if count_tokens([text])[0] <= limit:
        return [(text, "")]
    sentences = _sentences(text, language)
    pieces: list[Piece] = []
    lead = text[: len(text) - len(text.lstrip())]
    if lead:
        pieces.append(("", lead))
    for (sentence, gap), size in zip(sentences, count_tokens([sentence for sentence, _ in sentences])):
        pieces.extend([(sentence, gap)] if size <= limit else _lines_and_word_runs(sentence, gap, count_tokens, limit))
    return pieces


def _sentences(text: str, language: str) -> list[Piece]:
    """The sentences of ``text`` without surrounding whitespace, each with all the whitespace that
    follows it in ``text`` (`sentencex` returns a blank line between paragraphs as a segment of its own)."""
    from sentencex import segment

    sentences = [part.strip() for part in segment(language, text) if part.strip()]
    starts: list[int] = []
    ends: list[int] = []
    for sentence in sentences:
        starts.append(text.index(sentence, ends[-1] if ends else 0))
        ends.append(starts[-1] + len(sentence))
    return [(sentence, text[end:after]) for sentence, end, after in zip(sentences, ends, [*starts[1:], len(text)])]


def _lines_and_word_runs(sentence: str, gap: str, count_tokens: Counter, limit: int) -> list[Piece]:
    """An over-long sentence as pieces within ``limit`` tokens: its lines, and a line still too long
    as runs of whole words."""
    lines = _split_at(sentence, gap, _LINE_BREAK)
    pieces: list[Piece] = []
    for line, size in zip(lines, count_tokens([text for text, _ in lines])):
        pieces.extend([line] if size <= limit else _word_runs(*line, count_tokens, limit))
    return pieces


def _word_runs(line: str, gap: str, count_tokens: Counter, limit: int) -> list[Piece]:
    """Runs of whole words within ``limit`` tokens, from per-word counts (checked per run)."""
    words = _split_at(line, gap, _SPACE)
    end, *sizes = count_tokens(["", *(word for word, _ in words)])  # `end`: tokens every piece carries (EOS)
    runs: list[list[Piece]] = [[]]
    total = end
    for (word, space), size in zip(words, sizes):
        if size > limit:
            raise InvalidValue(
                f"the word {word[:40]!r}... alone is longer than the translation model's input limit of "
                f"{limit} tokens; remove or shorten it"
            )
        if runs[-1] and total + size - end > limit:
            runs.append([])
            total = end
        runs[-1].append((word, space))
        total += size - end
    pieces = [_joined(run) for run in runs]
    if any(size > limit for size in count_tokens([text for text, _ in pieces])):  # words tokenized differently together
        return [part for piece in pieces for part in _halves(piece, count_tokens, limit)]
    return pieces


def _halves(piece: Piece, count_tokens: Counter, limit: int) -> list[Piece]:
    """``piece`` halved at a word boundary, and its halves likewise, until each fits (a word stays whole)."""
    words = _split_at(*piece, _SPACE)
    if len(words) == 1 or count_tokens([piece[0]])[0] <= limit:
        return [piece]
    middle = len(words) // 2
    return [*_halves(_joined(words[:middle]), count_tokens, limit), *_halves(_joined(words[middle:]), count_tokens, limit)]


def _split_at(text: str, gap: str, separator: re.Pattern[str]) -> list[Piece]:
    """``text`` (no surrounding whitespace) cut at each match of ``separator`` (one capturing group),
    each part with the separator that followed it; the last part with ``gap``."""
    parts = separator.split(text)
    return list(zip(parts[::2], [*parts[1::2], gap]))


def _joined(parts: list[Piece]) -> Piece:
    """Consecutive parts as one piece: their texts with the whitespace between them, and the whitespace
    after the last."""
    return "".join(text + space for text, space in parts[:-1]) + parts[-1][0], parts[-1][1]


def join(translations: list[str], pieces: list[Piece]) -> str:
    """The translated pieces joined with the whitespace that followed each original piece."""
    return "".join(translated + gap for translated, (_, gap) in zip(translations, pieces)).strip()
