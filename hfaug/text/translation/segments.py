"""Long texts: split into sentences (and, past that, word runs) that fit the model, and join back.

A text within the model's input limit is translated whole. A longer one is cut into
sentences with `sentencex` (language-aware, ~300 languages); a sentence still too long is
cut at word boundaries. Each piece keeps the whitespace that followed it, so the
translations are joined with the original layout. Nothing is truncated.
"""

from __future__ import annotations

from collections.abc import Callable

from hfaug.errors import InvalidValue

Piece = tuple[str, str]
"""A piece of text to translate and the whitespace that followed it."""


Counter = Callable[[list[str]], list[int]]
"""Tokens the model sees for each of several texts (EOS included), in one call."""


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
        parts = [sentence] if size <= limit else _word_runs(sentence, count_tokens, limit)
        pieces.extend((part, " ") for part in parts[:-1])
        pieces.append((parts[-1], gap))
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


def _word_runs(sentence: str, count_tokens: Counter, limit: int) -> list[str]:
    """Runs of whole words within ``limit`` tokens, from per-word counts (checked per run)."""
    words = sentence.split()
    end, *sizes = count_tokens(["", *words])  # `end`: tokens every piece carries (EOS)
    runs: list[list[str]] = [[]]
    total = end
    for word, size in zip(words, sizes):
        if size > limit:
            raise InvalidValue(
                f"the word {word[:40]!r}... alone is longer than the translation model's input limit of "
                f"{limit} tokens; clean the text or use on_error='skip'"
            )
        if runs[-1] and total + size - end > limit:
            runs.append([])
            total = end
        runs[-1].append(word)
        total += size - end
    texts = [" ".join(run) for run in runs]
    if any(size > limit for size in count_tokens(texts)):  # words tokenized differently together
        return [part for text in texts for part in _halves(text, count_tokens, limit)]
    return texts


def _halves(text: str, count_tokens: Counter, limit: int) -> list[str]:
    if count_tokens([text])[0] <= limit or " " not in text:
        return [text]
    words = text.split()
    middle = len(words) // 2
    return [*_halves(" ".join(words[:middle]), count_tokens, limit), *_halves(" ".join(words[middle:]), count_tokens, limit)]


def join(translations: list[str], pieces: list[Piece]) -> str:
    """The translated pieces joined with the whitespace that followed each original piece."""
    return "".join(translated + gap for translated, (_, gap) in zip(translations, pieces)).strip()
