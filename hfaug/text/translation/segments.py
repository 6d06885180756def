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


def split_to_fit(text: str, language: str, count_tokens: Callable[[str], int], limit: int) -> list[Piece]:
    """``text`` as pieces of at most ``limit`` tokens each (a single piece when it fits).

    Args:
        text (`str`): The text.
        language (`str`): Its language code, for the sentence splitter.
        count_tokens (`Callable[[str], int]`): Tokens the model sees for a piece (EOS included).
        limit (`int`): The model's input limit in tokens.

    Raises:
        InvalidValue: A single word is longer than the limit.
    """
    if count_tokens(text) <= limit:
        return [(text, "")]
    from sentencex import segment

    pieces: list[Piece] = []
    lead = text[: len(text) - len(text.lstrip())]
    for sentence in segment(language, text.lstrip()):
        core = sentence.rstrip()
        if not core:
            continue
        gap = sentence[len(core) :]
        parts = [core] if count_tokens(core) <= limit else _word_runs(core, count_tokens, limit)
        pieces.extend((part, " ") for part in parts[:-1])
        pieces.append((parts[-1], gap))
    if lead and pieces:
        pieces.insert(0, ("", lead))
    return [piece for piece in pieces if piece[0] or piece[1]]


def _word_runs(sentence: str, count_tokens: Callable[[str], int], limit: int) -> list[str]:
    """Runs of whole words within ``limit`` tokens, from per-word counts (checked per run)."""
    words = sentence.split()
    end = count_tokens("")  # tokens every piece carries (EOS)
    runs: list[list[str]] = [[]]
    total = end
    for word in words:
        size = count_tokens(word) - end
        if size + end > limit:
            raise InvalidValue(
                f"the word {word[:40]!r}... alone is longer than the translation model's input limit of "
                f"{limit} tokens; clean the text or use on_error='skip'"
            )
        if runs[-1] and total + size > limit:
            runs.append([])
            total = end
        runs[-1].append(word)
        total += size
    texts = [" ".join(run) for run in runs]
    if any(count_tokens(text) > limit for text in texts):  # words tokenized differently together
        return [part for text in texts for part in _halves(text, count_tokens, limit)]
    return texts


def _halves(text: str, count_tokens: Callable[[str], int], limit: int) -> list[str]:
    if count_tokens(text) <= limit or " " not in text:
        return [text]
    words = text.split()
    middle = len(words) // 2
    return [*_halves(" ".join(words[:middle]), count_tokens, limit), *_halves(" ".join(words[middle:]), count_tokens, limit)]


def join(translations: list[str], pieces: list[Piece]) -> str:
    """The translated pieces joined with the whitespace that followed each original piece."""
    return "".join(translated + gap for translated, (_, gap) in zip(translations, pieces)).strip()
