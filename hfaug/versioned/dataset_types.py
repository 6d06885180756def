"""The versioned datasets a recipe returns, which carry their version, statistics, manifest and sample rows, and the
splits of a dataset by name."""

from __future__ import annotations

import copy
import re
from typing import Any, overload

from datasets import Dataset, DatasetDict, IterableDataset, IterableDatasetDict

from hfaug.schema import format_arguments

_SLICE = re.compile(r"(\w+(?:\.\w+)*)\[[^\]]*\](?:\(\w+\))?")  # "train[:40]", "train[10%:20%](closest)"


class VersionedDataset(Dataset):
    """A `Dataset` made by a recipe, with ``version``, ``stats``, ``manifest`` and ``samples``.

    Any further transform returns a plain `Dataset`: changed data is no longer that version.
    """

    version: str = ""  # the augmented data's version id (shadows `DatasetInfo.version`)
    stats: dict[str, Any]
    manifest: dict[str, Any]
    samples: Dataset | None = None

    def __deepcopy__(self, memo: dict[int, Any]) -> Dataset:
        """A plain `Dataset`: the copy that `datasets` transforms (``filter``, ``rename_column``,
        ``remove_columns``, ``with_format``, ...) change is no longer this version."""
        plain = Dataset.__new__(Dataset)
        memo[id(self)] = plain
        versioned = {"version", "stats", "manifest", "samples"}
        plain.__dict__.update(
            {key: copy.deepcopy(value, memo) for key, value in self.__dict__.items() if key not in versioned}
        )
        return plain

    def __repr__(self) -> str:
        return _repr_with_version(super().__repr__(), self.version)


class VersionedDatasetDict(DatasetDict):
    """A `DatasetDict` made by a recipe, with ``version``, ``stats``, ``manifest`` and ``samples``."""

    version: str = ""
    stats: dict[str, Any]
    manifest: dict[str, Any]
    samples: Dataset | None = None

    def __repr__(self) -> str:
        return _repr_with_version(super().__repr__(), self.version)


def _repr_with_version(text: str, version: str) -> str:
    """The repr ``text`` of a `Dataset` or `DatasetDict` (``Dataset({ features: ...``) as that of its versioned
    kind, which names its version first: a plain one, after a transform, is no longer that version."""
    return "Versioned" + text.replace("({\n", f"({{\n    version: {version!r},\n", 1)


def attach(
    dataset: Dataset | DatasetDict, manifest: dict[str, Any], *, samples: Dataset | None = None
) -> VersionedDataset | VersionedDatasetDict:
    """``dataset`` as a versioned dataset carrying ``manifest`` (and its version and stats).

    Args:
        dataset (`Dataset` or `DatasetDict`): The augmented data.
        manifest (`dict`): Its manifest (``version`` and ``stats`` are read from it).
        samples (`Dataset`, *optional*): Before/after sample rows (originals and their copies).
    """
    if isinstance(dataset, DatasetDict):
        versioned: Any = VersionedDatasetDict(dataset)
    else:
        versioned = VersionedDataset(
            dataset.data, info=dataset.info, split=dataset.split, indices_table=dataset._indices,
            fingerprint=dataset._fingerprint,
        )
        versioned.set_format(**format_arguments(dataset.format))
    versioned.version = manifest["version"]
    versioned.stats = manifest["stats"]
    versioned.manifest = manifest
    versioned.samples = samples
    return versioned


@overload
def as_splits(dataset: Dataset | DatasetDict) -> dict[str, Dataset]: ...
@overload
def as_splits(  # type: ignore[overload-cannot-match]  # datasets ships no types: both overloads take Any
    dataset: IterableDataset | IterableDatasetDict,
) -> dict[str, IterableDataset]: ...
def as_splits(dataset: Dataset | DatasetDict | IterableDataset | IterableDatasetDict) -> dict[str, Any]:
    """``{split: dataset}`` of a dataset dict (streamed or not), or of a single dataset (named by its split, else
    ``train``; a slice of a split, ``train[:40]`` as ``load_dataset(..., split=...)`` names it, by that split)."""
    if isinstance(dataset, (DatasetDict, IterableDatasetDict)):
        return dict(dataset)
    name = str(dataset.split) if dataset.split is not None else "train"
    slice_of = _SLICE.fullmatch(name)
    return {slice_of.group(1) if slice_of else name: dataset}
