"""Checks of a recipe's own fields (name, licence, column, splits, weights) beyond their types, and the canonical
form of its weights."""

from __future__ import annotations

import collections.abc
import math
import re
from typing import Any

from hfaug.held_out import HELD_OUT_RULE
from hfaug.recipe_schema import SPLIT_NAME, SPLIT_NAME_RULE

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_LICENSE_ID = re.compile(r"[a-z0-9][a-z0-9.+-]*")  # the form of the Hub's licence ids (apache-2.0, openrail++)
_WEIGHT_DIGITS = 12  # probabilities are rounded so that their canonical form reads back as it is


def probabilities(weights: collections.abc.Sequence[float]) -> tuple[float, ...] | None:
    """Relative ``weights`` as probabilities (``[1, 3]`` and ``[2, 6]`` mean the same: ``(0.25, 0.75)``);
    None when all are equal, as by default. Probabilities already rounded stay as they are, so that a
    recipe written out reads back the same."""
    if len(set(weights)) == 1:
        return None
    total = sum(weights)
    scale = 1 if math.isclose(total, 1, abs_tol=len(weights) * 10**-_WEIGHT_DIGITS) else total
    return tuple(round(weight / scale, _WEIGHT_DIGITS) for weight in weights)


def check_name(name: Any, problems: list[str]) -> None:
    """The recipe's name prefixes its version ids, which name folders and Hub tags."""
    if isinstance(name, str) and (not _NAME.fullmatch(name) or ".." in name):
        problems.append(
            f"field 'name' must start with a letter or digit and hold only ASCII letters, digits, '.', '_' and '-' "
            f"(no '..', at most 100), since it starts the version id, a folder name and a Hub tag; got {name!r}"
        )


def check_license(license: Any, problems: list[str]) -> None:
    """The Hub takes licence ids (``apache-2.0``, ``cc-by-4.0``, ``other``), and refuses a card with another
    licence after a push has committed the data: a name as people write it is refused with the id it suggests."""
    if isinstance(license, str) and not _LICENSE_ID.fullmatch(license):
        suggested = "-".join(license.lower().removesuffix(" license").split()) or "other"
        problems.append(
            f"field 'license' must be a licence id of the Hub (lower case, no spaces: apache-2.0, mit, cc-by-4.0, ... "
            f"or other), got {license!r}; write e.g. {suggested!r}"
        )


def check_splits(splits: Any, problems: list[str]) -> None:
    """A ``splits`` field that lists no split would augment nothing, and one that lists a name no split of a
    version can have (``train[:10]``) would never be found."""
    if splits is not None and not splits:
        problems.append(
            "field 'splits' lists no split; list the splits to augment, or remove the field to augment every split "
            f"but the {HELD_OUT_RULE}"
        )
    bad = [name for name in splits or [] if not SPLIT_NAME.fullmatch(name)]
    if bad:
        problems.append(
            f"field 'splits' lists {', '.join(map(repr, bad))}, which cannot name a split of a version: "
            f"{SPLIT_NAME_RULE}; list whole splits by name (e.g. 'train')"
        )


def check_column(column: Any, problems: list[str]) -> None:
    """Refuse an empty ``column`` as the recipe's field (the augmenters' own check would blame the first one)."""
    if column == "":
        problems.append("field 'column' is empty; set it to the name of the column to augment")


def check_weights(values: dict[str, Any], count: int, problems: list[str]) -> None:
    """Add to ``problems`` what is wrong with the recipe's ``weights`` (in ``values``) for ``count`` augmenters."""
    weights = values["weights"]
    if weights is None:
        return
    if values["mode"] != "one_of" or count < 2:
        problems.append("field 'weights' applies to mode 'one_of' with several augmenters; remove it")
    elif len(weights) != count or not all(math.isfinite(weight) and weight >= 0 for weight in weights) or sum(weights) <= 0:
        problems.append(
            f"field 'weights' must hold {count} finite non-negative numbers (one per augmenter) with a positive sum, "
            f"got {weights!r}"
        )
