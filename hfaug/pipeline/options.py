"""The checks of ``hfaug.augment``'s options, before any work: options of the Ray engine or of no ``map``, those
that would hand the augmenter less than whole rows, ``batch_size``, ``num_proc``, and those that name the result of
one split."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

from datasets import Dataset, IterableDataset, IterableDatasetDict

from hfaug.augmenter import Augmenter
from hfaug.augmenter.arguments import is_count, is_integer
from hfaug.compose import OneOf, Sequential
from hfaug.configurable import init_parameters, instance_example
from hfaug.errors import closest


_ROW_OPTION_REMEDIES = {
    "with_indices": "drop it",
    "input_columns": "drop it, and pass column=... to choose the column augmented",
    "fn_kwargs": "set them on the augmenter instead, e.g. hfaug.Synonym(p=0.2)",
}
"""What to do instead of the ``map`` options that would hand the augmenter more than whole rows."""


def refuse_ray_options(map_kwargs: Mapping[str, Any]) -> None:
    """Refuse the options of engine='ray' that ``Dataset.map`` would reject with a bare `TypeError`
    (all but ``batch_size`` and ``remove_columns``, which both engines take)."""
    from hfaug.engines.ray_engine import OPTIONS

    if "output" in map_kwargs:
        raise TypeError(
            "hfaug.augment: output= is an option of engine='ray'; to write Parquet files here, pass the result to "
            "hfaug.write_parquet_shards(result, folder) (one batch at a time, streamed or not) or call "
            "result.to_parquet(path)"
        )
    given = [name for name in OPTIONS if name in map_kwargs and name not in ("batch_size", "remove_columns")]
    if given:
        raise TypeError(
            f"hfaug.augment: {', '.join(f'{name}=' for name in given)} {'is an option' if len(given) == 1 else 'are options'} "
            "of engine='ray'; pass engine='ray', or num_proc= to use several processes on this machine"
        )


def refuse_unknown_options(dataset: Any, map_kwargs: Mapping[str, Any], augmenter: Augmenter) -> None:
    """Refuse, before any work, options that neither ``augment`` nor the ``map`` it calls takes,
    suggesting the closest and saying where a composite's ``weights`` and ``augmenter``'s own
    parameters go (the Ray engine names what it does not take itself)."""
    from hfaug.pipeline import augment  # augment calls these checks

    streamed = isinstance(dataset, (IterableDataset, IterableDatasetDict))
    mapper = IterableDataset.map if streamed else Dataset.map
    left_out = ("self", "function", *_ROW_OPTION_REMEDIES)
    taken = tuple(name for name in inspect.signature(mapper).parameters if name not in left_out)
    if streamed:  # checked, or left out, by `map_augmenter` as for a `Dataset`
        taken += ("num_proc", "desc")
    unknown = [name for name in map_kwargs if name not in taken]
    if not unknown:
        return
    name = unknown[0]
    own = [parameter for parameter in inspect.signature(augment).parameters if parameter not in ("dataset", "map_kwargs")]
    if name == "weights":
        hint = " Weights belong to the combination: hfaug.augment(ds, hfaug.OneOf([...], weights=[...]))."
    elif name == "on_error" and isinstance(augmenter, (OneOf, Sequential)):
        combination = f"hfaug.{type(augmenter).__name__}([...], on_error={map_kwargs[name]!r})"
        hint = f" on_error applies to every copy of the combination: set it there, e.g. hfaug.augment(ds, {combination})."
    elif (owner := _parameter_owner(augmenter, name)) is not None:
        example = instance_example(type(owner), **{name: map_kwargs[name]})
        hint = f" {name} is a parameter of the augmenter: set it there, e.g. {example}."
    else:
        hint = closest(name, [*own, *taken])
    raise TypeError(
        f"hfaug.augment: unknown option {name}=.{hint} It takes {', '.join(own)} and the options of "
        f"{mapper.__qualname__}: {', '.join(taken)}."
    )


def _parameter_owner(augmenter: Augmenter, name: str) -> Augmenter | None:
    """The augmenter that takes parameter ``name``: ``augmenter``, or the first of its children
    that does when it combines others; None if none does."""
    parts = augmenter.children if isinstance(augmenter, (OneOf, Sequential)) else [augmenter]
    return next((part for part in parts if name in init_parameters(type(part))), None)


def refuse_row_options(map_kwargs: Mapping[str, Any]) -> None:
    """Refuse the ``map`` options that would hand the augmenter something other than whole rows, or not all of
    them (``drop_last_batch``: which rows depends on ``batch_size`` and ``num_proc``)."""
    if map_kwargs.get("drop_last_batch"):
        raise TypeError(
            "hfaug.augment: drop_last_batch=True would leave out the rows of each process's last batch, which "
            "ones depending on batch_size and num_proc; leave it out, and select the rows to augment first "
            "(ds.select(range(k)))"
        )
    for name, remedy in _ROW_OPTION_REMEDIES.items():
        if name in map_kwargs:
            raise TypeError(
                f"hfaug.augment: {name}= does not apply: the augmenter takes whole rows (every column, carried "
                f"into its copies) and nothing else; {remedy}"
            )


def check_batch_size(batch_size: Any, owner: str) -> None:
    """Refuse a ``batch_size`` that is not a whole number (``Dataset.map`` fails on it with a bare `TypeError`)."""
    if batch_size is not None and not is_integer(batch_size):
        raise TypeError(f"{owner}: batch_size must be a whole number of rows per batch, got {batch_size!r}; pass e.g. batch_size=1000")


def check_num_proc(num_proc: Any) -> None:
    """Refuse a ``num_proc`` that is not a count of processes (a `str`, a `float`, 0, ...)."""
    if num_proc is not None and not is_count(num_proc):
        raise ValueError(
            f"hfaug.augment: num_proc must be an int of at least 1 (processes on this machine) or None for one; "
            f"got {num_proc!r}"
        )


_ONE_SPLIT_OPTIONS = ("new_fingerprint", "cache_file_name")
"""``Dataset.map`` options that name one result: given for several splits, each split would get the first's."""


def refuse_one_split_options(map_kwargs: dict[str, Any], chosen: list[str]) -> None:
    """Refuse, for several splits, the options that name one map's result (:data:`_ONE_SPLIT_OPTIONS`): the
    splits after the first would be read back from the first's cache file, with its rows."""
    given = [option for option in _ONE_SPLIT_OPTIONS if map_kwargs.get(option) is not None]
    if given and len(chosen) > 1:
        raise ValueError(
            f"hfaug.augment: {given[0]}= names the result of one map, but {len(chosen)} splits are augmented "
            f"({', '.join(map(repr, chosen))}), and each would get the first's rows; augment each split alone with its "
            f"own {given[0]}, e.g. {{name: hfaug.augment(ds[name], ..., {given[0]}=...) for name in ds}}"
        )
