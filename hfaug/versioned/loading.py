"""Reading a version folder back: its splits as written, checked against its manifest, and its sample rows."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Dataset, DatasetDict, load_dataset

from hfaug.data_file_paths import literal_pattern
from hfaug.errors import HfaugError
from hfaug.versioned.dataset_types import VersionedDatasetDict, attach
from hfaug.versioned.layout import DATA_DIR, PREVIEW_DIR, SAMPLES_FILE
from hfaug.versioned.manifests import read_manifest
from hfaug.versioned.split_checks import changed_splits, named_splits

logger = logging.getLogger(__name__)


def load_samples(folder: Path) -> Dataset | None:
    """The before/after sample rows saved in a version folder, if any: read in memory (a few rows), with the
    features in the file's metadata, so that nothing goes to the `datasets` cache nor is printed. A file that
    is not Parquet (damaged, or replaced) is warned of and left out, as the rows are not needed to use the data."""
    path = folder / PREVIEW_DIR / SAMPLES_FILE
    if not path.is_file():
        return None
    try:
        return Dataset(pq.ParquetFile(path).read())
    except pa.ArrowInvalid as error:
        logger.warning(
            "%s cannot be read (%s: %s): it was changed after the version was written, so its before/after sample "
            "rows are left out; write the version again to have them", path, type(error).__name__, error,
        )
        return None


def _load_data_files(folder: Path, data_files: dict[str, list[str]]) -> DatasetDict:
    """The splits of the version ``folder`` read from its ``data_files``; a file that is not Parquet (damaged, or
    replaced) told as a change to the folder, in one line."""
    from datasets.exceptions import DatasetGenerationError

    try:
        return load_dataset("parquet", data_files=data_files)
    except (pa.ArrowInvalid, DatasetGenerationError) as error:
        cause = error.__cause__ if isinstance(error, DatasetGenerationError) else error
        if not isinstance(cause, pa.ArrowInvalid):  # no fault of the files (a cache disk that is full)
            raise
        raise HfaugError(
            f"{str(folder)!r}: its data files cannot be read ({type(cause).__name__}: {cause}): the folder was changed "
            "after it was written; write the version again"
        ) from error


def load_version_dir(directory: str | os.PathLike) -> tuple[VersionedDatasetDict, dict[str, Any]]:
    """Read a version folder written by ``hfaug apply`` / :func:`hfaug.versioned.saving.save`.

    Args:
        directory (`str` or `Path`): ``OUT/<version>``, or ``OUT`` when it holds one version.

    Returns:
        `tuple[VersionedDatasetDict, dict]`: The splits (features as written, Image/Audio
        included), carrying ``version``, ``stats`` and ``manifest``; and the manifest.

    Raises:
        FileNotFoundError: When there is no version folder, several (they are listed), or a split's data files
            are missing.
        NotADirectoryError: When ``directory`` is a file.
        ValueError: When its ``manifest.json`` is not JSON, or not a manifest written by hfaug.
        HfaugError: When the folder was changed after it was written (rows added, removed or edited, a data file
            that is not Parquet).

    Example:
        >>> ds, manifest = hfaug.load_version_dir("out")
        >>> ds.version == manifest["version"]
        True
    """
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(
            f"load_version_dir: directory must be a path (str or os.PathLike), got {directory!r}; pass a folder "
            "written by `hfaug apply` (OUT or OUT/<version>)"
        )
    folder, manifest = read_manifest(directory)
    data_files = {}
    for split in manifest["splits"]:
        files = sorted(literal_pattern(path) for path in (folder / DATA_DIR).glob(f"{split}-*.parquet"))
        if not files:
            raise FileNotFoundError(f"{str(folder)!r}: no data files for split {split!r} in {DATA_DIR}/; write the version again")
        data_files[split] = files
    loaded = _load_data_files(folder, data_files)
    rows = {name: split.num_rows for name, split in loaded.items()}
    described = {name: entry["rows"] for name, entry in manifest["splits"].items()}
    if rows != described:
        raise HfaugError(
            f"{str(folder)!r}: its data files hold {rows} rows per split, but its manifest says {described}: "
            "the folder was changed after it was written; write the version again"
        )
    changed = changed_splits(loaded, manifest)
    if changed:
        raise HfaugError(
            f"{str(folder)!r}: the rows of {named_splits(changed)} are not those its manifest records (their content "
            "fingerprint differs): the folder was changed after it was written; write the version again"
        )
    versioned = attach(loaded, manifest, samples=load_samples(folder))
    return versioned, manifest
