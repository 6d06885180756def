"""Registry of filters by short name.

Built-in filters are listed here by import path and imported on first use; other packages
add theirs through the entry-point group ``hfaug.filters``::

    [project.entry-points."hfaug.filters"]
    profanity = "my_package.filters:Profanity"
"""

from __future__ import annotations

from typing import Any, TypeVar

from hfaug import registry
from hfaug.configurable import Registry
from hfaug.errors import HfaugError
from hfaug.filters.base import Filter

ENTRY_POINT_GROUP = "hfaug.filters"


class UnknownFilter(HfaugError, KeyError):
    """No filter is registered under a name."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _augmenter_named(name: str) -> str | None:
    """What to do with ``name``, no filter's, where it names an augmenter; else None."""
    if name not in registry.names():
        return None
    return (
        f"{name!r} is an augmenter, which makes copies. Augment first, then filter the result: "
        f"hfaug.filters.apply_filters(hfaug.augment(ds, {name!r}), [...], column=...) (in a recipe, list it under "
        "augmenters:)"
    )


FILTERS: Registry[Filter] = Registry(
    "filter",
    Filter,
    ENTRY_POINT_GROUP,
    {
        "duplicates": "hfaug.filters.duplicates:Duplicates",
        "label_consistency": "hfaug.filters.label:LabelConsistency",
        "length_ratio": "hfaug.filters.length:LengthRatio",
        "semantic_similarity": "hfaug.filters.semantic:SemanticSimilarity",
    },
    UnknownFilter,
    "hfaug.filters.register",
    _augmenter_named,
)

F = TypeVar("F", bound=type[Filter])


def register(cls: F, name: str | None = None) -> F:
    """Register a filter class under ``name`` (defaults to ``cls.name``). Usable as a decorator."""
    return FILTERS.register(cls, name)  # type: ignore[return-value]


def names() -> list[str]:
    """All registered filter names, sorted."""
    return FILTERS.names()


def get_class(name: str) -> type[Filter]:
    """The filter class registered under ``name``."""
    return FILTERS.get_class(name)


def parameters(name: str) -> dict[str, Any]:
    """Parameter names of filter ``name`` with their defaults (``inspect.Parameter.empty`` if required)."""
    return FILTERS.parameters(name)


def get(name: str, **config: Any) -> Filter:
    """Build the filter registered under ``name`` from its configuration.

    Example:
        >>> flt = hfaug.filters.get("semantic_similarity", threshold=0.8)
        >>> hfaug.filters.get(flt.name, **flt.config()) == flt
        True
    """
    return FILTERS.get(name, **config)
