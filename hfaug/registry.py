"""Registry of augmenters by short name.

Built-in augmenters are listed here by import path and imported on first use; other
packages add theirs through the entry-point group ``hfaug.augmenters``::

    [project.entry-points."hfaug.augmenters"]
    shout = "my_package.augmenters:Shout"
"""

from __future__ import annotations

import difflib
import importlib
import inspect
from importlib.metadata import entry_points
from typing import Any, TypeVar

from hfaug.augmenter import Augmenter
from hfaug.errors import UnknownAugmenter

ENTRY_POINT_GROUP = "hfaug.augmenters"

_BUILTIN: dict[str, str] = {
    "one_of": "hfaug.compose:OneOf",
    "sequence": "hfaug.compose:Sequential",
    "image": "hfaug.image:ImageAugment",
    "audio": "hfaug.audio:AudioAugment",
    "synonym": "hfaug.text.synonym:Synonym",
    "eda": "hfaug.text.eda:EDA",
    "eda.swap": "hfaug.text.eda:RandomSwap",
    "eda.delete": "hfaug.text.eda:RandomDeletion",
    "eda.insert": "hfaug.text.eda:RandomInsertion",
    "char.noise": "hfaug.text.char_noise:CharNoise",
    "nlpaug": "hfaug.text.nlpaug_adapter:NlpaugAugmenter",
    "backtranslate": "hfaug.text.backtranslate:BackTranslate",
}
_registered: dict[str, type[Augmenter]] = {}

A = TypeVar("A", bound=type[Augmenter])


def register(cls: A, name: str | None = None) -> A:
    """Register an augmenter class under ``name`` (defaults to ``cls.name``).

    Usable as a decorator. Registering a different class under a taken name raises.

    Example:
        >>> @hfaug.register
        ... class Shout(hfaug.Augmenter):
        ...     name = "shout"
    """
    key = name or cls.name
    if not key:
        raise ValueError(f"{cls.__qualname__} has no name: set the class attribute `name` or pass name=...")
    if not (isinstance(cls, type) and issubclass(cls, Augmenter)):
        raise TypeError(f"only hfaug.Augmenter subclasses can be registered, got {cls!r}")
    existing = _registered.get(key)
    if existing is not None and existing is not cls:
        raise ValueError(f"an augmenter named {key!r} is already registered ({existing.__module__}.{existing.__qualname__})")
    _registered[key] = cls
    return cls


def _entry_point_paths() -> dict[str, str]:
    return {point.name: point.value for point in entry_points(group=ENTRY_POINT_GROUP)}


def names() -> list[str]:
    """All registered augmenter names, sorted."""
    return sorted({*_BUILTIN, *_entry_point_paths(), *_registered})


def get_class(name: str) -> type[Augmenter]:
    """The augmenter class registered under ``name``."""
    if name in _registered:
        return _registered[name]
    path = _BUILTIN.get(name) or _entry_point_paths().get(name)
    if path is None:
        known = names()
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise UnknownAugmenter(f"no augmenter named {name!r}.{hint} Known augmenters: {', '.join(known)}.")
    module_name, _, attribute = path.partition(":")
    cls = getattr(importlib.import_module(module_name), attribute)
    return register(cls, name)


def get(name: str, **config: Any) -> Augmenter:
    """Build the augmenter registered under ``name`` from its configuration.

    Example:
        >>> aug = hfaug.get("synonym", column="text", p=0.2, seed=3)
        >>> hfaug.get(aug.name, **aug.config()) == aug
        True
    """
    cls = get_class(name)
    try:
        return cls(**config)
    except TypeError as error:
        if "unexpected keyword argument" not in str(error):
            raise
        raise TypeError(f"{name}: {error}. It takes: {', '.join(parameters(name))}.") from None


def parameters(name: str) -> dict[str, Any]:
    """Parameter names of augmenter ``name`` with their defaults (``inspect.Parameter.empty`` if required)."""
    signature = inspect.signature(get_class(name).__init__)
    return {
        key: parameter.default
        for key, parameter in signature.parameters.items()
        if key != "self" and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
    }
