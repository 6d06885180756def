"""Registry of augmenters by short name.

Built-in augmenters are listed here by import path and imported on first use; other
packages add theirs through the entry-point group ``hfaug.augmenters``::

    [project.entry-points."hfaug.augmenters"]
    shout = "my_package.augmenters:Shout"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from hfaug import provenance
from hfaug.augmenter import Augmenter
from hfaug.configurable import Registry
from hfaug.errors import UnknownAugmenter

ENTRY_POINT_GROUP = "hfaug.augmenters"


def _filter_use(filters: str) -> str:
    """What to do with quality ``filters`` (as code) given where augmenters are expected."""
    return (
        "which drops copies once they are made. Augment first, then filter the result: "
        f"hfaug.filters.apply_filters(augmented, {filters}, column=...)"
    )


def _filter_named(name: str) -> str | None:
    """What to do with ``name``, no augmenter's, where it names a quality filter; else None."""
    from hfaug import filters

    if name not in filters.names():
        return None
    return f"{name!r} is a quality filter, {_filter_use(repr([name]))} (in a recipe, list it under filters:)"


AUGMENTERS: Registry[Augmenter] = Registry(
    "augmenter",
    Augmenter,
    ENTRY_POINT_GROUP,
    {
        "one_of": "hfaug.compose:OneOf",
        "sequence": "hfaug.compose:Sequential",
        "image": "hfaug.image:ImageAugment",
        "audio": "hfaug.audio:AudioAugment",
        "synonym": "hfaug.text.synonym:Synonym",
        "eda": "hfaug.text.eda:EDA",
        "eda.swap": "hfaug.text.eda:RandomSwap",
        "eda.delete": "hfaug.text.eda:RandomDeletion",
        "eda.insert": "hfaug.text.eda:RandomInsertion",
        "aeda": "hfaug.text.aeda:AEDA",
        "char.noise": "hfaug.text.char_noise:CharNoise",
        "nlpaug": "hfaug.text.nlpaug_adapter:NlpaugAugmenter",
        "backtranslate": "hfaug.text.backtranslate:BackTranslate",
    },
    UnknownAugmenter,
    "hfaug.register",
    _filter_named,
    reserved={provenance.ORIGINAL: f"{provenance.AUGMENTER} names the source rows kept so"},
    names_note=f", and {provenance.AUGMENTER} joins names with '+' and '>'",
)

A = TypeVar("A", bound=type[Augmenter])


def register(cls: A, name: str | None = None) -> A:
    """Register an augmenter class under ``name`` (defaults to ``cls.name``).

    Usable as a decorator. Registering a different class under a taken name raises.

    Args:
        cls (`type`): A subclass of :class:`hfaug.Augmenter`.
        name (`str`, *optional*): The name to register it under, when not ``cls.name``.

    Returns:
        `type`: ``cls``, so that it can decorate the class.

    Example:
        >>> @hfaug.register
        ... class Shout(hfaug.Augmenter):
        ...     name = "shout"
    """
    return AUGMENTERS.register(cls, name)  # type: ignore[return-value]


def names() -> list[str]:
    """All registered augmenter names, sorted."""
    return AUGMENTERS.names()


def get_class(name: str) -> type[Augmenter]:
    """The augmenter class registered under ``name``."""
    return AUGMENTERS.get_class(name)


def get(name: str, **config: Any) -> Augmenter:
    """Build the augmenter registered under ``name`` from its configuration.

    Args:
        name (`str`): A registered name (``hfaug list`` lists them).
        config: The augmenter's parameters, as ``aug.config()`` gives them.

    Raises:
        UnknownAugmenter: When no augmenter is registered under ``name`` (the message names the closest ones).
        TypeError: For an unknown or missing parameter (named with the closest ones and all it takes).
        MissingDependency: When a package the augmenter needs is not installed.

    Example:
        >>> aug = hfaug.get("synonym", column="text", p=0.2, seed=3)
        >>> hfaug.get(aug.name, **aug.config()) == aug
        True
    """
    return AUGMENTERS.get(name, **config)


def parameters(name: str) -> dict[str, Any]:
    """Parameter names of augmenter ``name`` with their defaults (``inspect.Parameter.empty`` if required)."""
    return AUGMENTERS.parameters(name)


AugmenterSpec = Augmenter | str | Mapping[str, Any]
"""An augmenter, a registry name (default parameters) or ``{"name": ..., **config}``."""


_WRAPPERS = {"torchvision": "ImageAugment", "audiomentations": "AudioAugment"}
"""The augmenter that runs the transform objects of each library."""


def build(spec: AugmenterSpec) -> Augmenter:
    """The augmenter ``spec`` stands for.

    Example:
        >>> hfaug.registry.build({"name": "synonym", "p": 0.2}) == hfaug.Synonym(p=0.2)
        True
    """
    if isinstance(spec, Augmenter):
        return spec
    if isinstance(spec, str):
        return get(spec)
    if isinstance(spec, Mapping) and "name" in spec:
        config = dict(spec)
        return get(config.pop("name"), **config)
    from hfaug.filters import Filter

    if isinstance(spec, Filter):
        raise TypeError(f"expected an hfaug augmenter, got the quality filter {spec!r}, {_filter_use('[filter]')}")
    library = type(spec).__module__.partition(".")[0]
    if library in _WRAPPERS:
        transform = type(spec).__name__
        raise TypeError(
            f"expected an hfaug augmenter, got the {library} transform {transform}; wrap it: "
            f"hfaug.{_WRAPPERS[library]}({transform}(...))"
        )
    if isinstance(spec, type) and issubclass(spec, Augmenter):
        raise TypeError(
            f"expected an hfaug augmenter, got the class {spec.__name__}; pass an instance: {spec._how_to_build()}"
        )
    raise TypeError(
        f"expected an hfaug augmenter, a registry name such as 'synonym', or a dict with a 'name' key, got {spec!r}"
    )
