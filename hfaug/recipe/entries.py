"""Checks of a recipe's augmenter and filter entries, each built from its registry name and parameters, and
their canonical form (``{"name": ..., **parameters}``, every parameter spelled out)."""

from __future__ import annotations

from typing import Any

from hfaug import registry
from hfaug.augmenter import Augmenter
from hfaug.compose import OneOf, _Composite
from hfaug.configurable import extra_parameters, required_parameters
from hfaug.errors import HfaugError, MissingDependency
from hfaug.media import MediaAugmenter
from hfaug.recipe.fields import probabilities
from hfaug.recipe_schema import RECIPE_LEVEL_PARAMS, check_entry_params, parameter_types, split_entry


def check_augmenters(entries: Any, column: str, values: dict[str, Any], problems: list[str]) -> list[dict[str, Any]]:
    """The canonical entries of a recipe's ``augmenters`` field, each built on ``column`` with the recipe's seed and
    ``on_error`` (from ``values``); what is wrong with them is added to ``problems``."""
    if entries is None:
        return []
    if not entries:
        problems.append("field 'augmenters' is empty; list at least one augmenter (see `hfaug list`)")
        return []
    common = {
        "column": column,
        "seed": values["seed"] if isinstance(values["seed"], int) else 0,
        "on_error": values["on_error"] if isinstance(values["on_error"], str) else "keep",
    }
    canonical = []
    for index, entry in enumerate(entries):
        checked = _check_augmenter(f"augmenters[{index}]", entry, problems, common)
        if checked is not None:
            canonical.append(_canonical_augmenter(checked[1], checked[0]))
    return canonical


def _check_augmenter(
    where: str, entry: Any, problems: list[str], common: dict[str, Any]
) -> tuple[str, Augmenter] | None:
    """The name and augmenter of one entry, built with ``common`` parameters (the entries nested
    in a composite are checked and built first, each at its own place); ``None`` if invalid."""
    split = split_entry(where, entry, problems, registry.names)
    if split is None:
        return None
    name, params = split
    try:
        cls = registry.get_class(name)
    except HfaugError as error:
        problems.append(f"{where}: {error}")
        return None
    before = len(problems)
    types_ = parameter_types(cls)
    nested = issubclass(cls, _Composite) and isinstance(params.get("augmenters"), list)
    if nested:  # checked entry by entry below, each written as a name or a mapping
        types_.pop("augmenters", None)
    check_entry_params(
        where,
        "augmenter",
        name,
        params,
        registry.parameters(name),
        types_,
        problems,
        required=required_parameters(cls),
        reserved=RECIPE_LEVEL_PARAMS,
        extra=extra_parameters(cls),
    )
    _check_media_ops(where, name, cls, params, problems)
    if nested:
        children = [
            _check_augmenter(f"{where}.augmenters[{i}]", child, problems, {}) for i, child in enumerate(params["augmenters"])
        ]
        params["augmenters"] = [child[1] for child in children if child is not None]
    if len(problems) != before:
        return None
    try:
        return name, registry.get(name, **params, **common)
    except (HfaugError, TypeError, ValueError) as error:
        problems.append(_entry_problem(where, name, cls._label(), error))
        return None


def _check_media_ops(where: str, name: str, cls: type[Augmenter], params: dict[str, Any], problems: list[str]) -> None:
    """Refuse a media augmenter's entry without ``ops``, which the augmenter would refuse asking for a transform
    object or ops (a transform given is refused already: a recipe cannot hold one)."""
    if issubclass(cls, MediaAugmenter) and params.get("ops") is None and "transform" not in params:
        problems.append(f"{where} ({name}): {cls.recipe_without_ops()}")


def _entry_problem(where: str, name: str, owner: str, error: Exception) -> str:
    """``error`` placed at its recipe entry, less the ``owner: `` its message starts with, which
    the entry's ``(name)`` already says."""
    return f"{where} ({name}): {str(error).removeprefix(f'{owner}: ')}"


def _canonical_augmenter(augmenter: Augmenter, name: str) -> dict[str, Any]:
    """``{"name": ..., **parameters}`` without the recipe-level parameters, children included."""
    config = augmenter.config()
    entry: dict[str, Any] = {"name": name}
    for key, value in config.items():
        if key in RECIPE_LEVEL_PARAMS:
            continue
        if isinstance(augmenter, _Composite) and key == "augmenters":
            value = [_canonical_augmenter(child, child._label()) for child in augmenter.children]
        if isinstance(augmenter, OneOf) and key == "weights" and value is not None:
            value = list(probabilities(value) or ())  # [1, 3], [2, 6] and [0.25, 0.75] are one recipe
        entry[key] = value
    return entry


def check_filters(entries: list[Any], label_column: Any, problems: list[str]) -> list[dict[str, Any]]:
    """The canonical entries of a recipe's ``filters`` field, each built and read back as its config; what is wrong
    with them (a filter that compares labels without ``label_column`` too) is added to ``problems``."""
    if not entries:
        return []
    from hfaug import filters

    canonical = []
    for index, entry in enumerate(entries):
        where = f"filters[{index}]"
        split = split_entry(where, entry, problems, filters.names)
        if split is None:
            continue
        name, params = split
        try:
            cls = filters.get_class(name)
        except HfaugError as error:
            problems.append(f"{where}: {error}")
            continue
        before = len(problems)
        accepted, types_ = filters.parameters(name), parameter_types(cls)
        check_entry_params(
            where, "filter", name, params, accepted, types_, problems, required=required_parameters(cls), extra=extra_parameters(cls)
        )
        if cls.needs_labels and not label_column:
            problems.append(f"{where} ({name}): this filter compares labels; set the recipe's 'label_column'")
        if len(problems) != before:
            continue
        try:
            built = filters.get(name, **params)
        except (HfaugError, TypeError, ValueError) as error:
            problems.append(_entry_problem(where, name, cls._label(), error))
            continue
        try:
            config = built.config()  # reads a model's revision, which needs the model's extra
        except MissingDependency as error:
            problems.append(_entry_problem(where, name, cls._label(), error))
            continue
        canonical.append({"name": name, **config})
    return canonical
