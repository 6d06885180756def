"""The splits a source is read for (``--split``; in Python ``splits=``): each a name or `datasets`' slice of one
(``train[:100]``), checked against the splits the source has, and the rows a slice takes."""

from __future__ import annotations

from datasets import Dataset, DatasetDict, ReadInstruction, concatenate_datasets

from hfaug.errors import HfaugError, closest
from hfaug.recipe_schema import SPLIT_NAME, SPLIT_NAME_RULE


def chosen_splits(specs: list[str] | None) -> dict[str, str] | None:
    """The split each of ``specs`` (a name, or a slice of one: ``train[:100]``) takes rows of, with the spec:
    ``{"train": "train[:100]"}``; one spec per split, which names the rows in the version."""
    if specs is None:
        return None
    chosen: dict[str, str] = {}
    for spec in specs:
        name = _split_of(spec)
        if chosen.setdefault(name, spec) != spec:
            raise ValueError(
                f"--split {chosen[name]!r} and {spec!r} both take rows of split {name!r}, which names them in the "
                f"version; pass one --split (in Python: splits=) per split, e.g. '{chosen[name]}+{spec}' for the rows of both"
            )
    return chosen


def _split_of(spec: str) -> str:
    """The one split whose rows ``spec`` names, in `datasets`' grammar (``train``, ``train[:10]+train[-10:]``)."""
    name = one_split_of(spec)
    if name is None:
        raise ValueError(
            f"--split {spec!r} is neither a split name ({SPLIT_NAME_RULE}) nor a slice of one split in `datasets`' "
            "syntax, such as 'train[:100]', 'train[10%:20%]' or 'train[-50:]'; pass one of those (in Python: splits=)"
        )
    return name


def one_split_of(spec: str) -> str | None:
    """The one split whose rows ``spec`` names, in `datasets`' grammar; None for rows of several splits, or
    for a ``spec`` outside that grammar."""
    try:
        ReadInstruction.from_spec(spec)
        names = {SPLIT_NAME.match(part.strip()).group() for part in spec.split("+")}  # type: ignore[union-attr]
    except ValueError:
        return None
    return names.pop() if len(names) == 1 else None


def saved_slices(data: DatasetDict) -> dict[str, str]:
    """The slice of its split that each split of ``data`` holds, by split name, where it was saved as one
    (``load_dataset(..., split="train[:30]")`` written by ``save_to_disk``)."""
    saved = {name: str(split.split) for name, split in data.items() if split.split is not None}
    return {name: spec for name, spec in saved.items() if spec != name and one_split_of(spec) == name}


def sliced_split(split: Dataset, name: str, spec: str | None, source: str) -> Dataset:
    """The rows of split ``name`` that the slice ``spec`` of it selects (all of them without one)."""
    if spec is None:
        return split
    parts = ReadInstruction.from_spec(spec).to_absolute({name: len(split)})
    ranges = [range(part.from_, part.to) for part in parts if part.to > part.from_]
    if not ranges:
        raise HfaugError(
            f"--split {spec!r} selects none of the {len(split)} rows of split {name!r} of {source!r}; pass a slice within them"
        )
    return concatenate_datasets([split.select(rows) for rows in ranges])


def select(data: DatasetDict, splits: list[str] | None, source: str) -> DatasetDict:
    if not splits:
        return data
    check_splits(list(data), splits, source)
    return DatasetDict({split: data[split] for split in splits})


def check_splits(names: list[str], splits: list[str] | None, source: str) -> None:
    missing = [split for split in splits or () if split not in names]
    if missing:
        hints = "".join(closest(split, names) for split in missing)
        raise ValueError(f"dataset {source!r} has no split {', '.join(map(repr, missing))}; it has {names}.{hints}")
