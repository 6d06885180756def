"""Whether splits are a version's as its manifest describes them (their names, rows and content fingerprints), and
the refusal of splits without rows, which `load_dataset` cannot read back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from datasets import Dataset, DatasetDict

from hfaug.errors import HfaugError
from hfaug.versioning import content_fingerprint


def holds_version(splits: Mapping[str, Dataset], manifest: Mapping[str, Any]) -> bool:
    """Whether ``splits`` are whole splits of the ``manifest``'s version (all or some of them):
    each named as a split of the version and holding its rows, not a slice of them."""
    described = {name: entry["rows"] for name, entry in manifest["splits"].items()}
    return all(described.get(name) == split.num_rows for name, split in splits.items())


def refuse_changed_splits(
    splits: Mapping[str, Dataset],
    manifest: Mapping[str, Any],
    action: str,
    fingerprints: Mapping[str, str] | None = None,
) -> None:
    """Raise `HfaugError` when ``splits`` are not those the ``manifest`` describes (a split removed
    or added, rows filtered out, a split replaced by other rows): changed data is no longer that version.
    ``fingerprints``: their :func:`split_fingerprints`, when the caller has them already."""
    described = {name: entry["rows"] for name, entry in manifest["splits"].items()}
    found = {name: split.num_rows for name, split in splits.items()}
    remedy = (
        "Changed data is no longer that version; apply the recipe to the data you want (e.g. the filtered source) "
        "to make a version of it"
    )
    if found != described:
        raise HfaugError(
            f"{action}: the data is not version {manifest['version']!r} as recipe.apply made it: that version "
            f"has splits and rows {described}, this data {found}. {remedy}"
        )
    changed = changed_splits(splits, manifest, fingerprints)
    if changed:
        holds = "holds" if len(changed) == 1 else "hold"
        raise HfaugError(
            f"{action}: {named_splits(changed)} {holds} other rows than version {manifest['version']!r} as recipe.apply "
            f"made it (their content fingerprint differs from its manifest's). {remedy}"
        )


def split_fingerprints(splits: Mapping[str, Dataset]) -> dict[str, str]:
    """The content fingerprint of each split (`hfaug.versioning.content_fingerprint`) as a version
    folder or Hub version reads it back: a column that a split lacks and the first split has, as nulls."""
    return {name: content_fingerprint(split) for name, split in with_missing_columns(DatasetDict(splits)).items()}


def with_missing_columns(splits: DatasetDict) -> DatasetDict:
    """``splits`` with the columns of the first split in its column order (its own extra columns after
    them), a column that a split lacks as nulls of the first split's type: as ``load_dataset`` reads the
    data files back (and as ``datasets``' ``push_to_hub`` needs them: one schema)."""
    first = next(iter(splits.values()), None)
    return DatasetDict({name: _with_columns_of(first, split) for name, split in splits.items()})


def _with_columns_of(first: Dataset, split: Dataset) -> Dataset:
    for column in first.column_names:
        if column not in split.column_names:
            split = split.add_column(column, [None] * split.num_rows, feature=first.features[column])
    extra = [column for column in split.column_names if column not in first.column_names]
    order = [*first.column_names, *extra]
    return split if split.column_names == order else split.select_columns(order)


def changed_splits(
    splits: Mapping[str, Dataset], manifest: Mapping[str, Any], fingerprints: Mapping[str, str] | None = None
) -> list[str]:
    """The splits whose content is not the fingerprint the ``manifest`` records for them (a manifest
    written before fingerprints were recorded has none: nothing to compare); ``fingerprints`` are
    their :func:`split_fingerprints`, computed here when not given."""
    recorded = {name: entry.get("fingerprint") for name, entry in manifest["splits"].items()}
    if not any(recorded.values()):
        return []
    found = fingerprints if fingerprints is not None else split_fingerprints(splits)
    return [name for name, fingerprint in found.items() if recorded.get(name) not in (None, fingerprint)]


def named_splits(names: list[str]) -> str:
    """``split 'train'``, or ``splits 'train', 'test'``."""
    return f"split{'s' if len(names) > 1 else ''} {', '.join(repr(name) for name in names)}"


WITHOUT_EMPTY_SPLITS = "apply the recipe to the other splits alone (a DatasetDict without it)"
"""How to make a version without a split that has no rows: a version's splits are those the recipe was
applied to (a split removed from it afterwards is refused as changed data)."""


def empty_split_remedy(manifest: Mapping[str, Any] | None, otherwise: str) -> str:
    """What to do about a version's empty split: where the recipe's statistics in ``manifest`` show
    augmented splits that came out without rows, what emptied them (the recipe, or a source without rows)
    and what to change; else ``otherwise``."""
    splits = manifest["stats"]["splits"] if manifest is not None and "stats" in manifest else {}
    emptied = [stats for stats in splits.values() if stats["augmented"] and not stats["rows_out"]]
    if not emptied:
        return otherwise
    if not any(stats["rows_in"] for stats in emptied):
        others = f", or {otherwise}" if len(splits) > 1 else ""
        return f"its source split had no rows either: apply the recipe to data that has rows{others}"
    by_augmenters = sum(stats["dropped_by_augmenters"] for stats in emptied)
    by_filters = sum(stats["dropped_by_filters"] for stats in emptied)
    return (
        f"the recipe left no copy ({by_augmenters} could not differ from their source row, "
        f"{by_filters} were dropped by its filters); set keep_original: true in the recipe to keep "
        "the source rows, lower n or loosen its filters"
    )


def refuse_empty_splits(splits: Mapping[str, Dataset], action: str, remedy: str) -> None:
    """Raise `HfaugError` when a split has no rows: ``load_dataset`` cannot read an empty split
    back from data files, so a version folder or Hub version with one could not be loaded."""
    empty = [name for name, split in splits.items() if split.num_rows == 0]
    if empty:
        names = ", ".join(repr(name) for name in empty)
        raise HfaugError(
            f"{action}: split {names} {'has' if len(empty) == 1 else 'have'} no rows, and `load_dataset` "
            f"cannot read an empty split back; {remedy}"
        )
