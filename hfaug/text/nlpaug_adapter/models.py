"""nlpaug augmenters built with a model of their own, and whether that model samples from torch's generator."""

from __future__ import annotations

import inspect
from typing import Any

from hfaug.text.nlpaug_adapter.classes import class_


def build(path: str, params: dict[str, Any]) -> Any:
    """The nlpaug augmenter at ``path`` built from ``params``, with a model of its own: nlpaug keeps its models
    in per-process caches keyed by less than their configuration (SpellingAug's and TfIdfAug's by nothing), so
    a cached model may have been loaded for another configuration."""
    cls = class_(path)
    if "force_reload" in inspect.signature(cls.__init__).parameters:
        return cls(**{**params, "force_reload": True})
    augmenter = cls(**params)
    if _caches_one_model(cls):
        augmenter.model = augmenter.get_model(force_reload=True)
    return augmenter


def _caches_one_model(cls: type) -> bool:
    """Whether nlpaug keeps a single model for every instance of ``cls`` and its constructor cannot reload it."""
    from nlpaug.augmenter.word import SpellingAug, TfIdfAug

    return issubclass(cls, (SpellingAug, TfIdfAug))


def samples_with_torch(augmenter: Any) -> bool:
    """Whether the nlpaug ``augmenter`` runs a language model (contextual embeddings, LAMBADA, summarisation,
    translation), whose sampling draws from torch's global generator."""
    from nlpaug.model.lang_models import LanguageModels

    return isinstance(getattr(augmenter, "model", None), LanguageModels)
