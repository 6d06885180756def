"""Validation of a recipe: the canonical values of its fields, with every problem reported at once in one
:class:`~hfaug.recipe_schema.RecipeError` message."""

from __future__ import annotations

from typing import Any

from hfaug.configurable import python_numbers
from hfaug.recipe.entries import check_augmenters, check_filters
from hfaug.recipe.fields import check_column, check_license, check_name, check_splits, check_weights, probabilities
from hfaug.recipe_schema import RecipeError, check_fields

_MOST_VALUES = 100_000
_DEEPEST = 64


def _refuse_endless(data: Any, label: str) -> None:
    """Refuse data that YAML's aliases (``*name``) make hold itself, or repeat into more than :data:`_MOST_VALUES`
    values (a few hundred bytes of nested aliases expanded to millions, for minutes and gigabytes), or that nests
    deeper than :data:`_DEEPEST` levels; walked without recursion, and without expanding more than that."""
    held: set[int] = set()  # the lists and mappings that hold the value reached
    count, stack = 0, [(data, False)]
    while stack:
        value, leaving = stack.pop()
        if leaving:
            held.discard(id(value))
            continue
        count += 1
        if count > _MOST_VALUES:
            raise RecipeError(
                f"{label} holds more than {_MOST_VALUES:,} values once its aliases (*name) are expanded; write it "
                "without aliases that repeat others"
            )
        if isinstance(value, (dict, list, tuple)):
            if id(value) in held:
                raise RecipeError(f"{label} holds itself: an alias (*name) stands inside what it refers to; remove it")
            if len(held) == _DEEPEST:
                raise RecipeError(f"{label} nests lists and mappings more than {_DEEPEST} levels deep; write it flatter")
            held.add(id(value))
            stack.append((value, True))
            stack.extend((item, False) for item in (value.values() if isinstance(value, dict) else value))


def validated(data: dict[str, Any], label: str) -> dict[str, Any]:
    """The canonical values of the recipe fields in ``data``; every problem is raised at once, in one
    :class:`RecipeError` message."""
    _refuse_endless(data, label)
    problems: list[str] = []
    values = check_fields(python_numbers(data), problems)
    check_name(values["name"], problems)
    check_license(values["license"], problems)
    check_column(values["column"], problems)
    check_splits(values["splits"], problems)
    column = values["column"] if isinstance(values["column"], str) and values["column"] else "text"
    augmenters = check_augmenters(values["augmenters"], column, values, problems)
    filters = check_filters(values["filters"] or [], values["label_column"], problems)
    if not problems:
        check_weights(values, len(augmenters), problems)
    if problems:
        raise RecipeError(f"{label} is invalid: " + "; ".join(problems))
    values.update(
        augmenters=tuple(augmenters),
        filters=tuple(filters),
        weights=None if values["weights"] is None else probabilities(values["weights"]),
        splits=None if values["splits"] is None else tuple(sorted(set(values["splits"]))),
    )
    return values
