"""The splits of a dataset dict that ``hfaug.augment`` augments: which ones, the map options of each, and their
checks before any of them is augmented (their columns, and with engine='ray' and output=, their folders)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from datasets import Dataset, DatasetDict, IterableDataset, IterableDatasetDict

from hfaug.augmenter import Augmenter
from hfaug.errors import ColumnError
from hfaug.held_out import default_splits
from hfaug.pipeline.columns import checked_columns, columns_to_remove, refuse_absent_columns


def chosen_splits(dataset: DatasetDict | IterableDatasetDict, splits: Sequence[str] | None) -> list[str]:
    """The splits of ``dataset`` to augment: ``splits``, by default all but the held-out ones; refused when that
    is none of them, which would give the dataset back as it is."""
    if splits is None:
        chosen = default_splits(dataset)
        if dataset and not chosen:
            raise ValueError(
                f"hfaug.augment: every split of the dataset is held out ({list(dataset)}), and held-out splits are "
                f"augmented only when splits= lists them; pass the splits to augment, e.g. splits={list(dataset)[:1]}"
            )
        return chosen
    if isinstance(splits, str) or not isinstance(splits, Iterable):
        example = [splits] if isinstance(splits, str) else ["train"]
        raise TypeError(
            f"hfaug.augment: splits must be a list of split names, got {splits!r}; pass a list, e.g. splits={example}"
        )
    chosen = list(splits)
    if not chosen:
        example = (default_splits(dataset) or list(dataset) or ["train"])[:1]
        raise ValueError(
            f"hfaug.augment: splits={splits!r} chooses no split to augment; pass the splits to augment, e.g. "
            f"splits={example}, or leave splits out to augment all but the held-out ones"
        )
    unknown = [name for name in chosen if name not in dataset]
    if unknown:
        raise ValueError(
            f"hfaug.augment: the dataset has no split named {', '.join(map(repr, unknown))}; it has splits "
            f"{list(dataset)}. Pass splits= among them"
        )
    return chosen


def split_options(
    dataset: DatasetDict | IterableDatasetDict, chosen: list[str], augmenter: Augmenter, map_kwargs: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """The map options of each ``chosen`` split, its ``remove_columns`` narrowed to the columns it has (splits
    may have different columns), once every one of them is found fit to augment: before any is augmented."""
    if "remove_columns" not in map_kwargs:
        _check_splits(dataset, chosen, augmenter, dict.fromkeys(chosen, []))
        return dict.fromkeys(chosen, map_kwargs)
    removed = columns_to_remove(augmenter, map_kwargs["remove_columns"])
    _refuse_columns_of_no_split(dataset, chosen, removed)
    kept = {name: _columns_there(dataset[name], removed) for name in chosen}
    _check_splits(dataset, chosen, augmenter, kept)
    return {name: {**map_kwargs, "remove_columns": kept[name]} for name in chosen}


def _columns_there(split: Dataset | IterableDataset, columns: list[str]) -> list[str]:
    """Those of ``columns`` that ``split`` has (all of them where its columns are not known before it is read)."""
    return columns if split.column_names is None else [name for name in columns if name in split.column_names]


def _refuse_columns_of_no_split(dataset: DatasetDict | IterableDatasetDict, chosen: list[str], removed: list[str]) -> None:
    """Refuse columns to remove that none of the ``chosen`` splits has (a misspelt name), where their columns are known."""
    known = [dataset[name].column_names for name in chosen]
    if any(names is None for names in known):
        return
    existing = list(dict.fromkeys(name for names in known for name in names))
    refuse_absent_columns(removed, existing, "hfaug.augment", "no split augmented has; they have")


def _check_splits(
    dataset: DatasetDict | IterableDatasetDict, chosen: list[str], augmenter: Augmenter, removed: dict[str, list[str]]
) -> None:
    """Fail before any split is augmented when one of the ``chosen`` splits, without its ``removed`` columns, lacks
    the augmenter's column, holds a type it cannot take or rows without provenance values, naming that split and
    the others it could augment."""
    for name in chosen:
        try:
            checked_columns(dataset[name], augmenter, removed[name])
        except ColumnError as error:
            others = [other for other in chosen if other != name]
            leave_out = f" Or leave the split out: splits={others}" if others else ""
            raise ColumnError(f"split {name!r}: {error}{leave_out}") from None


def split_output(output: str | os.PathLike[str], split: str) -> str:
    return f"{os.fspath(output).rstrip('/')}/{split}"


def check_split_outputs(dataset: DatasetDict | IterableDatasetDict, outputs: Mapping[str, str]) -> None:
    """Refuse, before any split is augmented, an empty split (Ray would write no file for it) and a
    used output folder (Ray would add the new files to the old ones)."""
    from hfaug.engines.ray_engine import check_output
    from hfaug.versioned.split_checks import refuse_empty_splits

    splits = {name: dataset[name] for name in outputs if isinstance(dataset[name], Dataset)}
    kept = [name for name, split in splits.items() if split.num_rows]
    remedy = f"leave it out with splits={kept} (Ray writes no file for a split without rows)"
    refuse_empty_splits(splits, "engine='ray' with output=", remedy)
    for path in outputs.values():
        check_output(path)
