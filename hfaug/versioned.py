"""Versioned augmented datasets: the objects a recipe returns, and their folders on disk.

A version folder, ``OUT/<version>/``, uses the Hub's layout, so ``load_dataset`` reads it
as it is and ``push_to_hub``/`hfaug push` can upload it unchanged::

    OUT/<version>/
        data/<split>-00000-of-0000N.parquet   # features kept (Image and Audio bytes embedded)
        README.md                             # dataset card with `configs` metadata
        manifest.json                         # version, recipe, source, statistics, samples
        preview/index.html                    # before/after page (plus samples.parquet, assets/)
"""

from __future__ import annotations

import contextlib
import copy
import errno
import fcntl
import filecmp
import json
import logging
import math
import os
import re
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, overload

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import (
    Dataset,
    DatasetDict,
    IterableDataset,
    IterableDatasetDict,
    Translation,
    TranslationVariableLanguages,
    load_dataset,
)
from datasets.arrow_writer import (
    get_parquet_column_options,
    get_writer_batch_size_from_data_size,
    get_writer_batch_size_from_features,
)
from datasets.features.features import require_decoding
from datasets.io.parquet import ParquetDatasetWriter
from datasets.table import embed_table_storage
from datasets.utils.tqdm import tqdm as hf_tqdm

from hfaug import provenance
from hfaug.data_file_paths import literal_pattern
from hfaug.errors import HfaugError
from hfaug.locks import lock_folder, remove_locked_folder, remove_unheld_folder
from hfaug.schema import format_arguments
from hfaug.media_preview import describe, display_label, media_kind
from hfaug.versioning import content_fingerprint

MANIFEST = "manifest.json"
CARD = "README.md"
DATA_DIR = "data"
PREVIEW_DIR = "preview"
SAMPLES_FILE = "samples.parquet"
MAX_SHARD_BYTES = 500 * 1024 * 1024
logger = logging.getLogger(__name__)
_MANIFEST_KEYS = ("version", "splits", "stats")  # what every manifest hfaug writes has, and loading reads
_DESCRIBING_KEYS = ("hfaug_version", "recipe", "source")  # what it has too, which `hfaug show` and the card read
_LEFTOVER = re.compile(r"\.(?P<version>[\w.-]+-[0-9a-f]{12})\.(?:partial|old)-(?P<pid>\d+)")  # of a save (see save)
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
            f"{action}: {_named_splits(changed)} {holds} other rows than version {manifest['version']!r} as recipe.apply "
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


def _named_splits(names: list[str]) -> str:
    """``split 'train'``, or ``splits 'train', 'test'``."""
    return f"split{'s' if len(names) > 1 else ''} {', '.join(repr(name) for name in names)}"


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


# ---------------------------------------------------------------------------- samples
def sample_records(samples: Dataset, column: str, label_column: str | None, split: str) -> list[dict[str, Any]]:
    """Before/after records of sample rows (each original followed by its copies), for the
    manifest, the card and ``hfaug show``. Media values are described, not embedded."""
    feature = samples.features[column]
    table = samples.with_format("arrow")[:]
    if media_kind(feature) is not None:  # described from the bytes of the files cells name, never by their paths
        with contextlib.suppress(OSError):
            table = embed_table_storage(table)
    rows = table.to_pylist()
    records: dict[str, dict[str, Any]] = {}
    for row in rows:
        source_id = row[provenance.SOURCE_ID]
        record = records.setdefault(source_id, {"split": split, "source_id": source_id, "before": None, "after": []})
        label = display_label(row[label_column], samples.features[label_column]) if label_column else None
        if label is not None:  # a row without a label shows none
            record["label"] = label
        if row[provenance.COPY] == 0:
            record["before"] = describe(row[column], feature)
        else:
            record["after"].append(
                {
                    "copy": row[provenance.COPY],
                    "augmenter": row[provenance.AUGMENTER],
                    "value": describe(row[column], feature),
                    "params": json.loads(row[provenance.PARAMS] or "{}"),
                    "error": row[provenance.ERROR],
                }
            )
    return list(records.values())


# ---------------------------------------------------------------------------- folders
def save(dataset: VersionedDataset | VersionedDatasetDict, directory: str | os.PathLike, *, preview: bool = True) -> Path:
    """Write a versioned dataset to ``directory/<version>/`` (Hub layout, card, manifest, preview).

    Writing a version that is there already keeps its folder when it holds the same files; else the
    folder is replaced whole (readers find the old folder or the new one). Two runs that write the same
    version at once both succeed.

    Args:
        dataset (`VersionedDataset` or `VersionedDatasetDict`): What `Recipe.apply` returned.
        directory (`str` or `Path`): The output folder (``~`` is expanded); the version folder is created inside.
        preview (`bool`, defaults to `True`): Also write ``preview/index.html``.

    Returns:
        `Path`: The version folder.

    Example:
        >>> out = recipe.apply(ds)
        >>> hfaug.versioned.save(out, "out")
        PosixPath('out/clinc150-intents-3f2a9c0e1b7d')
    """
    manifest = getattr(dataset, "manifest", None)
    if not isinstance(manifest, dict) or "version" not in manifest:
        raise TypeError("hfaug.versioned.save writes a dataset returned by recipe.apply (it carries a manifest)")
    from hfaug.card import render_card

    refuse_changed_splits(as_splits(dataset), manifest, "hfaug.versioned.save")
    remedy = empty_split_remedy(manifest, "save the other splits (a DatasetDict without it)")
    refuse_empty_splits(as_splits(dataset), "hfaug.versioned.save", remedy)
    version = manifest["version"]
    root = prepare_output_dir(directory)
    target = root / version
    _remove_abandoned_staging(root)
    staging = root / f".{version}.partial-{os.getpid()}"
    # held until the save ends, however it ends; emptied of what a killed save by a process of this number left
    lock = lock_folder(staging, fcntl.LOCK_EX, fresh=True)
    assert lock is not None  # a blocking lock waits until it is taken
    try:
        with _unwritable_output_explained(root, version):
            (staging / DATA_DIR).mkdir()
            for split, data in as_splits(dataset).items():
                write_version_shards(data, staging / DATA_DIR, split)
            (staging / MANIFEST).write_text(manifest_json(manifest), encoding="utf-8")
            (staging / CARD).write_text(render_card(manifest, dataset), encoding="utf-8")
            samples = getattr(dataset, "samples", None)
            if samples is not None:
                (staging / PREVIEW_DIR).mkdir()
                write_version_shards(samples, staging / PREVIEW_DIR, None)
            if preview:
                from hfaug.preview import write_preview

                write_preview(staging)
            _publish(staging, target)
    finally:
        remove_locked_folder(staging, lock)
    return target


@contextlib.contextmanager
def _unwritable_output_explained(root: Path, version: str) -> Iterator[None]:
    """An error writing version ``version`` into the output folder ``root`` because its disk is full (or the quota
    reached), raised again naming the folder and what to do (the system's error names neither; a folder that
    cannot be written at all is refused before, by :func:`prepare_output_dir`)."""
    try:
        yield
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        raise OSError(
            error.errno,
            f"writing version {version} into {str(root)!r} failed: {os.strerror(error.errno)}; nothing of it was kept. "
            "Free space there, or write it to another folder (hfaug apply --out; in Python, save's directory)",
        ) from error


def _publish(staging: Path, target: Path) -> None:
    """Put the version folder written in ``staging`` at ``target``, where readers find the folder that
    was there or the new one, never part of either. A ``target`` that holds the same files (the version
    written again, or by a run beside this one) is kept as it is; another one is moved aside first, then
    deleted. Losing the last rename to another run that wrote the same version is no failure."""
    lost = _files_replaced(target, staging)
    if lost is None:
        return
    if lost:
        shown = ", ".join(lost[:3]) + (f" and {len(lost) - 3} more" if len(lost) > 3 else "")
        logger.warning(
            "replacing the version folder %s, whose files %s this save does not write as they were (edited, or written "
            "with other options): keep files of your own outside version folders",
            target,
            shown,
        )
    replaced = target.with_name(f".{target.name}.old-{os.getpid()}")
    try:
        with contextlib.suppress(FileNotFoundError):
            target.rename(replaced)
        try:
            staging.rename(target)
        except OSError:  # another run put its folder of this version there first
            if _version_in(target) != _version_in(staging):
                raise
    finally:
        shutil.rmtree(replaced, ignore_errors=True)


def _files_replaced(old: Path, new: Path) -> list[str] | None:
    """The files within ``old`` that ``new`` lacks or holds with other bytes (none when ``old`` is missing or
    goes); None when both hold the same files, byte for byte, so that ``new`` would replace nothing."""
    try:
        olds, news = ({path.relative_to(folder) for path in folder.rglob("*") if path.is_file()} for folder in (old, new))
        lost = sorted(str(name) for name in olds if name not in news or not filecmp.cmp(old / name, new / name, shallow=False))
    except OSError:
        return []
    return None if olds and olds == news and not lost else lost


def _version_in(folder: Path) -> str | None:
    """The version id of ``folder``'s manifest (``None`` when it has none)."""
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None


def _remove_abandoned_staging(root: Path) -> None:
    """Remove the staging folders (``.VERSION.partial-PID``) and replaced versions (``.VERSION.old-PID``)
    of saves that ended before they could clean up (killed: SIGTERM, SIGKILL, out of memory): those whose
    save's lock file (``.VERSION.partial-PID.lock``) is there and held by no process, in any PID namespace
    or on any host sharing the folder's locks. Nothing else is touched, the user's own hidden folders
    included."""
    for lock in root.glob(".*.partial-*.lock"):
        staging = lock.with_name(lock.name.removesuffix(".lock"))
        match = _LEFTOVER.fullmatch(staging.name)
        if match is not None:
            remove_unheld_folder(staging, root / f".{match['version']}.old-{match['pid']}")


def manifest_json(manifest: Mapping[str, Any]) -> str:
    """The text of ``manifest.json``, in a version folder and on the Hub (keys in their order)."""
    try:
        return json.dumps(manifest, indent=2, ensure_ascii=False, default=str, allow_nan=False) + "\n"
    except ValueError as error:  # NaN or infinity, which JSON cannot hold
        raise ValueError(
            f"the manifest cannot be written as JSON ({error}): a number it records is NaN or infinite; record a "
            "finite number or None in augmenter parameters and in recipe.apply(source=...)"
        ) from error


def check_output_dir(directory: str | os.PathLike) -> Path:
    """``directory`` (``~`` expanded), checked as :func:`prepare_output_dir` would find it, without creating it:
    so that a bad output folder fails before a long job, and one that the job's own errors stop leaves nothing."""
    root = Path(directory).expanduser()
    _refuse_output_in_a_version(root)
    if root.is_symlink() or root.exists():
        if not root.is_dir():
            raise HfaugError(f"output folder {str(root)!r} {_what_is_there(root)}; pass a folder (new or existing)")
        if not os.access(root, os.W_OK | os.X_OK):
            raise HfaugError(f"cannot write in the output folder {str(root)!r}; pass a folder you can write")
        return root
    above = next(folder for folder in root.absolute().parents if os.path.lexists(folder))
    why = "Not a directory" if not above.is_dir() else None if os.access(above, os.W_OK | os.X_OK) else "Permission denied"
    if why:
        raise HfaugError(f"cannot create the output folder {str(root)!r} ({why}); pass a folder you can write")
    return root


def prepare_output_dir(directory: str | os.PathLike) -> Path:
    """``directory`` (``~`` expanded), created if needed; an `HfaugError` that says what to pass when it is a
    file, a version folder or inside one, or cannot be created or written."""
    root = check_output_dir(directory)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise HfaugError(f"output folder {str(root)!r} {_what_is_there(root)}; pass a folder (new or existing)") from None
    except OSError as error:
        raise HfaugError(
            f"cannot create the output folder {str(root)!r} ({error.strerror}); pass a folder you can write"
        ) from None
    return root


def _refuse_output_in_a_version(root: Path) -> None:
    """Raise `HfaugError` when the output folder ``root`` is a version folder or lies inside one: the
    version written there would be deleted with that one (replaced by a save, or by its user)."""
    absolute = Path(os.path.abspath(root))
    resolved = Path(os.path.realpath(absolute))  # a link into a version folder is inside it too
    folders = dict.fromkeys((resolved, *resolved.parents, absolute, *absolute.parents))  # each folder once
    version = next((folder for folder in folders if _is_version_folder(folder)), None)
    if version is None:
        return
    if version in (absolute, resolved):
        where = f"a version folder (it holds {MANIFEST})"
    else:
        where = f"inside the version folder {_named_as(version, root)!r}"
    raise HfaugError(
        f"output folder {str(root)!r} is {where}: a version written in it would be deleted with that version; pass "
        f"the folder that holds the versions, {_named_as(version.parent, root)!r}"
    )


def _is_version_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a manifest written by hfaug (another program's ``manifest.json`` is no version)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return not missing_manifest_keys(manifest)


def _named_as(path: Path, given: Path) -> str:
    """The absolute ``path`` named as the user names paths: relative to the working folder where
    ``given``, the path they passed, is relative."""
    return str(path) if given.is_absolute() else os.path.relpath(path)


def _what_is_there(path: Path) -> str:
    """What ``path``, which is no folder, is: a file, or a symbolic link that leads to none."""
    if not path.is_symlink():
        return "is a file"
    try:
        path.resolve(strict=True)
    except FileNotFoundError:
        return f"is a symbolic link to {os.readlink(path)!r}, which does not exist"
    except (RuntimeError, OSError):  # a loop: RuntimeError before Python 3.13
        return "is a symbolic link that leads back to itself (a loop)"
    return f"is a symbolic link to the file {os.readlink(path)!r}"


def write_version_shards(dataset: Dataset, folder: Path, split: str | None) -> list[Path]:
    """Write ``dataset`` as ``<split>-0000i-of-0000N.parquet`` shards of at most 500 MB
    (or as one ``samples.parquet`` when ``split`` is ``None``), with media bytes embedded."""
    count = 1 if split is None else max(1, math.ceil(estimated_nbytes(dataset) / MAX_SHARD_BYTES))
    embed = any(require_decoding(feature, ignore_decode_attribute=True) for feature in dataset.features.values())
    paths = []
    for index in hf_tqdm(range(count), desc=f"hfaug: writing {split or 'samples'}", unit="shard", disable=count == 1 or None):
        shard = dataset.shard(num_shards=count, index=index, contiguous=True) if count > 1 else dataset
        if embed:
            shard = shard.with_format("arrow").map(
                embed_table_storage, batched=True, keep_in_memory=True, desc=f"hfaug: embedding media ({split or 'samples'})"
            )
        path = folder / (SAMPLES_FILE if split is None else f"{split}-{index:05d}-of-{count:05d}.parquet")
        if shard._indices is not None and _gathers(shard.data.table):
            write_parquet_gathered(shard, path, desc=f"hfaug: writing {path.name}")
        else:
            shard.to_parquet(str(path), batch_size=parquet_batch_size(shard))
        paths.append(path)
    return paths


def estimated_nbytes(dataset: Dataset) -> int:
    """The bytes ``dataset`` takes once written (``Dataset._estimate_nbytes``: files its media cells point to
    included). `datasets` cannot estimate a column holding a `Translation` (or `TranslationVariableLanguages`) beside
    an `Image` or `Json` one: such columns count their bytes in memory, the others `datasets`' estimate."""
    translations = [name for name, feature in dataset.features.items() if holds_translation(feature)]
    if not translations:
        return dataset._estimate_nbytes()
    in_memory = sum(dataset.data.column(name).nbytes for name in translations)
    rows_share = dataset.num_rows / max(1, dataset.data.num_rows)  # the rows an indices mapping keeps
    return dataset.remove_columns(translations)._estimate_nbytes() + int(in_memory * rows_share)


def holds_translation(feature: Any) -> bool:
    """Whether ``feature`` is a `Translation` or `TranslationVariableLanguages` or holds one (in a struct, a list)."""
    if isinstance(feature, (Translation, TranslationVariableLanguages)):
        return True
    if isinstance(feature, dict):
        return any(holds_translation(inner) for inner in feature.values())
    if isinstance(feature, (list, tuple)):
        return any(holds_translation(inner) for inner in feature)
    return holds_translation(feature.feature) if hasattr(feature, "feature") else False


def parquet_batch_size(dataset: Dataset) -> int:
    """The rows per row group that ``Dataset.to_parquet`` writes ``dataset`` in, by its own rule (row groups of
    100 MB), sized by :func:`estimated_nbytes`."""
    by_features = get_writer_batch_size_from_features(dataset.features)
    return by_features or get_writer_batch_size_from_data_size(len(dataset), estimated_nbytes(dataset))


def _gathers(table: pa.Table) -> bool:
    """Whether pyarrow's ``take`` has a kernel for every column of ``table`` (it has none for view types such as
    ``string_view``, which `datasets` gathers row by row)."""
    try:
        table.take(pa.array([], type=pa.uint64()))
    except pa.ArrowNotImplementedError:
        return False
    return True


def write_parquet_gathered(dataset: Dataset, path: Path, desc: str) -> None:
    """``dataset.to_parquet(path)`` for a dataset with an indices mapping (left by filters and
    ``select``), gathering the kept rows one row group at a time with pyarrow ``take`` instead of
    the per-row Python gather of ``datasets`` (for 319k rows: 0.9 s and +90 MB, not 18 s and +517 MB).

    The file is the one ``to_parquet`` writes: same schema (and its ``huggingface`` features
    metadata), writer options and row groups (``datasets``' batch size); the bar advances per
    row group."""
    batch_size = parquet_batch_size(dataset)
    reference = ParquetDatasetWriter(dataset, str(path), batch_size=batch_size)  # datasets' writer options
    schema = dataset.features.arrow_schema
    table = dataset.data.table
    indices = dataset._indices.column(0)
    writer = pq.ParquetWriter(
        str(path),
        schema=schema,
        use_content_defined_chunking=reference.use_content_defined_chunking,
        write_page_index=reference.write_page_index,
        **get_parquet_column_options(dataset.features, schema),
    )
    try:
        for offset in hf_tqdm(range(0, len(dataset), batch_size), unit="ba", desc=desc):
            writer.write_table(table.take(indices.slice(offset, batch_size)))
        if reference.use_content_defined_chunking is not False:
            writer.add_key_value_metadata({"content_defined_chunking": json.dumps(reference.use_content_defined_chunking)})
    finally:
        writer.close()


def find_version_dir(directory: str | os.PathLike) -> Path:
    """The version folder in ``directory``: ``directory`` itself when it holds a manifest,
    else its only sub-folder that does.

    Raises:
        FileNotFoundError: When there is none, or several (they are listed).
        NotADirectoryError: When ``directory`` is a file.
    """
    root = Path(directory).expanduser()
    if (root / MANIFEST).is_file():
        return root
    if root.is_file():
        raise NotADirectoryError(f"{str(root)!r} is a file; pass a folder written by `hfaug apply` (OUT or OUT/<version>)")
    if not root.is_dir():
        raise FileNotFoundError(f"{str(root)!r} not found; pass a folder written by `hfaug apply` (OUT or OUT/<version>)")
    versions = version_folders(root)
    if not versions:
        raise FileNotFoundError(
            f"{str(root)!r} holds no augmented dataset version (no {MANIFEST} in it or in a sub-folder); "
            "pass a folder written by `hfaug apply`"
        )
    if len(versions) > 1:
        names = ", ".join(path.name for path in versions)
        latest = max(versions, key=lambda folder: (folder / MANIFEST).stat().st_mtime)
        raise FileNotFoundError(
            f"{str(root)!r} holds {len(versions)} versions ({names}); pass one of them, e.g. "
            f"{str(latest)!r} (the latest written)"
        )
    return versions[0]


def version_folders(root: Path) -> list[Path]:
    """The sub-folders of the folder ``root`` that hold a version (hidden ones, left by interrupted writes, aside)."""
    return sorted(path for path in root.iterdir() if (path / MANIFEST).is_file() and not path.name.startswith("."))


def _refuse_version_not_held(root: Path, version: str | None) -> None:
    """Raise `HfaugError` when ``root`` holds several versions but not ``version``, naming them."""
    if not version or not root.is_dir() or (root / MANIFEST).is_file() or (root / version / MANIFEST).is_file():
        return
    held = [folder.name for folder in version_folders(root)]
    if len(held) > 1:
        raise HfaugError(
            f"{str(root)!r} has no version {version!r}; it holds {', '.join(map(repr, held))}: ask for one of them"
        )


def read_manifest(directory: str | os.PathLike, version: str | None = None) -> tuple[Path, dict[str, Any]]:
    """``(version folder, manifest)`` of a folder written by ``hfaug apply``.

    Args:
        directory (`str` or `Path`): ``OUT/<version>``, or ``OUT`` when it holds one version.
        version (`str`, *optional*): The version wanted: ``OUT/<version>`` when it is there, else
            the version of ``directory``, which must be this one.

    Raises:
        HfaugError: When the folder holds another version than ``version``.
    """
    root = Path(directory).expanduser()
    _refuse_version_not_held(root, version)
    folder = find_version_dir(root / version if version and (root / version / MANIFEST).is_file() else root)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except ValueError as error:  # not JSON, or not UTF-8 (UnicodeDecodeError)
        raise ValueError(f"{str(folder / MANIFEST)!r} is not valid JSON ({error}); write the version again with `hfaug apply`") from None
    missing = missing_manifest_keys(manifest)
    if missing:
        raise ValueError(
            f"{str(folder / MANIFEST)!r} is not a manifest written by hfaug (it lacks {', '.join(missing)}); "
            "write the version again with `hfaug apply`"
        )
    cut = [key for key in _DESCRIBING_KEYS if key not in manifest]
    if cut:
        raise ValueError(
            f"{str(folder / MANIFEST)!r} lacks {', '.join(cut)}, which every manifest hfaug writes holds (the file was "
            "edited after it was written); write the version again with `hfaug apply`"
        )
    if version is not None and manifest.get("version") != version:
        raise HfaugError(
            f"{str(folder)!r} holds version {manifest.get('version')!r}, not {version!r}; "
            f"ask for {manifest.get('version')!r}, or pass the folder of version {version!r}"
        )
    return folder, manifest


def missing_manifest_keys(manifest: Any) -> list[str]:
    """The keys of a manifest written by hfaug that ``manifest`` (a parsed ``manifest.json``) lacks:
    none for hfaug's, all of them when it is not even a JSON object."""
    return [key for key in _MANIFEST_KEYS if not isinstance(manifest, dict) or key not in manifest]


def load_samples(folder: Path) -> Dataset | None:
    """The before/after sample rows saved in a version folder, if any: read in memory (a few rows), with the
    features in the file's metadata, so that nothing goes to the `datasets` cache nor is printed."""
    path = folder / PREVIEW_DIR / SAMPLES_FILE
    return Dataset(pq.read_table(path)) if path.is_file() else None


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
    """Read a version folder written by ``hfaug apply`` / :func:`save`.

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
            f"{str(folder)!r}: the rows of {_named_splits(changed)} are not those its manifest records (their content "
            "fingerprint differs): the folder was changed after it was written; write the version again"
        )
    versioned = attach(loaded, manifest, samples=load_samples(folder))
    return versioned, manifest
