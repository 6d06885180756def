"""The options ``recipe.apply`` takes: how to run a recipe (``num_proc``, ``engine``, ...), never what comes out,
which the recipe and with it the version id fix."""

from __future__ import annotations

import reprlib
from typing import Any

from hfaug.recipe_schema import FIELDS


RUN_OPTIONS = (
    "num_proc",
    "batch_size",
    "writer_batch_size",
    "keep_in_memory",
    "load_from_cache_file",
    "desc",
    "engine",
    "concurrency",
    "num_gpus",
    "num_cpus",
)
"""What ``recipe.apply`` passes on to `hfaug.augment`: how to run, never what comes out."""


def check_run_options(augment_kwargs: dict[str, Any]) -> None:
    """Raise when ``recipe.apply`` is given a recipe field (``n``, ``seed``, ...) or another argument
    that changes the rows (``remove_columns``, ...): the recipe, and with it the version id, fixes them."""
    fields = [key for key in augment_kwargs if key in FIELDS]
    if fields:
        given = ", ".join(f"{key}=" for key in fields)
        example = ", ".join(f"{key!r}: ..." for key in fields)
        raise TypeError(
            f"recipe.apply() got {given}, which the recipe sets (they are part of its version id); "
            f"change the recipe instead, e.g. Recipe.from_dict({{**recipe.to_dict(), {example}}}).apply(ds). "
            "apply() takes only how to run it (num_proc, batch_size, engine, ...)"
        )
    naming = [key for key in augment_kwargs if key in ("new_fingerprint", "cache_file_name")]
    if naming:
        raise TypeError(
            f"recipe.apply() got {', '.join(f'{key}=' for key in naming)}, but a recipe names the results of its maps "
            "itself (each split's from the recipe and the data, so that the same version is found again); leave it "
            f"out. apply() takes only how to run it: {', '.join(RUN_OPTIONS)}"
        )
    others = [key for key in augment_kwargs if key not in RUN_OPTIONS]
    if others:
        given = ", ".join(f"{key}={reprlib.repr(augment_kwargs[key])}" for key in others)
        raise TypeError(
            f"recipe.apply() got {given}, which could change the rows without changing the version id; leave "
            f"{'them' if len(others) > 1 else 'it'} out (to change the data, do so before applying the recipe, e.g. "
            f"ds.remove_columns([...])). apply() takes only how to run it: {', '.join(RUN_OPTIONS)}"
        )
