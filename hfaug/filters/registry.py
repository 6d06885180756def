"""Registry of filters by short name.

Built-in filters are listed here by import path and imported on first use; other packages
add theirs through the entry-point group ``hfaug.filters``::

    [project.entry-points."hfaug.filters"]
    profanity = "my_package.filters:Profanity"
"""

from __future__ import annotations

import difflib
import importlib
import inspect
from importlib.metadata import entry_points
from typing import Any, TypeVar

from hfaug.errors import HfaugError
from hfaug.filters.base import Filter

ENTRY_POINT_GROUP = "hfaug.filters"

_BUILTIN: dict[str, str] = {
    "duplicates": "hfaug.filters.duplicates:Duplicates",
    "label_consistency": "hfaug.filters.label:LabelConsistency",
    "length_ratio": "hfaug.filters.length:LengthRatio",
    "semantic_similarity": "hfaug.filters.semantic:SemanticSimilarity",
}
_registered: dict[str, type[Filter]] = {}

F = TypeVar("F", bound=type[Filter])


class UnknownFilter(HfaugError, KeyError):
    """No filter is registered under a name."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def register(cls: F, name: str | None = None) -> F:
    """Register a filter class under ``name`` (defaults to ``cls.name``). Usable as a decorator."""
    key = name or cls.name
    if not key:
        raise ValueError(f"{cls.__qualname__} has no name: set the class attribute `name` or pass name=...")
    if not (isinstance(cls, type) and issubclass(cls, Filter)):
        raise TypeError(f"only hfaug.filters.Filter subclasses can be registered, got {cls!r}")
    existing = _registered.get(key)
    if existing is not None and existing is not cls:
        raise ValueError(f"a filter named {key!r} is already registered ({existing.__module__}.{existing.__qualname__})")
    _registered[key] = cls
    return cls


def _entry_point_paths() -> dict[str, str]:
    return {point.name: point.value for point in entry_points(group=ENTRY_POINT_GROUP)}


def names() -> list[str]:
    """All registered filter names, sorted."""
    return sorted({*_BUILTIN, *_entry_point_paths(), *_registered})


def get_class(name: str) -> type[Filter]:
    """The filter class registered under ``name``."""
    if name in _registered:
        return _registered[name]
    path = _BUILTIN.get(name) or _entry_point_paths().get(name)
    if path is None:
        known = names()
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise UnknownFilter(f"no filter named {name!r}.{hint} Known filters: {', '.join(known)}.")
    module_name, _, attribute = path.partition(":")
    return register(getattr(importlib.import_module(module_name), attribute), name)


def parameters(name: str) -> dict[str, Any]:
    """Parameter names of filter ``name`` with their defaults (``inspect.Parameter.empty`` if required)."""
    signature = inspect.signature(get_class(name).__init__)
    return {
        key: parameter.default
        for key, parameter in signature.parameters.items()
        if key != "self" and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
    }


def get(name: str, **config: Any) -> Filter:
    """Build the filter registered under ``name`` from its configuration.

    Example:
        >>> flt = hfaug.filters.get("semantic_similarity", threshold=0.8)
        >>> hfaug.filters.get(flt.name, **flt.config()) == flt
        True
    """
    cls = get_class(name)
    try:
        return cls(**config)
    except TypeError as error:
        if "unexpected keyword argument" not in str(error):
            raise
        raise TypeError(f"filter {name}: {error}. It takes: {', '.join(parameters(name))}.") from None
