"""nlpaug classes named by path: which name a text augmenter class, and the path that names one."""

from __future__ import annotations

import contextlib
import importlib
from typing import Any

PREFIX = "nlpaug.augmenter."
TEXT_MODULES = ("char", "word", "sentence")
"""The nlpaug modules whose augmenters take text (not ``audio`` or ``spectrogram``)."""


def resolve(augmenter_name: str) -> str:
    """The full class path of an nlpaug augmenter: ``"char.KeyboardAug"`` ->
    ``"nlpaug.augmenter.char.KeyboardAug"``. Only classes under ``nlpaug.augmenter`` are accepted."""
    if not isinstance(augmenter_name, str) or not augmenter_name:
        instance = type(augmenter_name).__module__.startswith("nlpaug.")
        raise TypeError(
            f"nlpaug: augmenter_name must be a class path such as 'char.KeyboardAug', got {augmenter_name!r}"
            + ("; to wrap an nlpaug augmenter you built, use hfaug.NlpaugAugmenter.from_instance(augmenter)" if instance else "")
        )
    if augmenter_name.removeprefix("nlpaug.").startswith("flow."):
        raise ValueError(
            f"nlpaug: {augmenter_name!r} is an nlpaug flow, and flows are not supported; wrap each nlpaug augmenter "
            "in an NlpaugAugmenter and combine them with hfaug.Sequential([...]) or hfaug.OneOf([...])"
        )
    path = augmenter_name if augmenter_name.startswith(PREFIX) else PREFIX + augmenter_name.removeprefix("nlpaug.")
    try:
        cls = class_(path)
    except (ImportError, AttributeError):
        raise ValueError(
            f"nlpaug: no augmenter {augmenter_name!r}; name an nlpaug class such as 'char.KeyboardAug', "
            "'word.SynonymAug' or 'nlpaug.augmenter.word.RandomWordAug'"
        ) from None
    _check_augmenter_class(path, cls)
    return _shortest_path(path, cls)


def _shortest_path(path: str, cls: type[Any]) -> str:
    """``path`` as the module of its kind exports ``cls`` (``nlpaug.augmenter.char.ocr.OcrAug`` ->
    ``nlpaug.augmenter.char.OcrAug``): one configuration, and one version id, however the class was named."""
    kind = path.removeprefix(PREFIX).split(".")[0]
    short = f"{PREFIX}{kind}.{cls.__name__}"
    with contextlib.suppress(ImportError, AttributeError):
        if class_(short) is cls:
            return short
    return path


def _check_augmenter_class(path: str, cls: Any) -> None:
    """Refuse what is not a concrete nlpaug text augmenter class: another object, one of nlpaug's base classes,
    an audio or spectrogram augmenter."""
    from nlpaug.augmenter.char import CharAugmenter
    from nlpaug.augmenter.sentence import SentenceAugmenter
    from nlpaug.augmenter.word import WordAugmenter
    from nlpaug.base_augmenter import Augmenter as NlpaugBase

    short = path.removeprefix(PREFIX)
    if not (isinstance(cls, type) and issubclass(cls, NlpaugBase)):
        raise ValueError(f"nlpaug: {path} is not an nlpaug augmenter class")
    if cls in (NlpaugBase, CharAugmenter, WordAugmenter, SentenceAugmenter):
        raise ValueError(
            f"nlpaug: {short} is a base class that augments nothing itself; name an augmenter class such as "
            "'char.KeyboardAug', 'word.RandomWordAug' or 'sentence.RandomSentAug'"
        )
    if short.split(".")[0] not in TEXT_MODULES:
        raise ValueError(
            f"nlpaug: {path} does not augment text; name a class under nlpaug.augmenter.char, .word or "
            ".sentence (for audio use hfaug.AudioAugment)"
        )


def class_(path: str) -> type[Any]:
    module_name, _, class_name = path.rpartition(".")
    return getattr(importlib.import_module(module_name), class_name)
