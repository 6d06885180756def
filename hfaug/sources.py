"""Opening the data a recipe runs on: a local file, a folder, or a Hub dataset id."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datasets import config as datasets_config
from datasets import (
    Dataset,
    DatasetDict,
    Features,
    ReadInstruction,
    Value,
    concatenate_datasets,
    get_dataset_split_names,
    load_dataset,
    load_from_disk,
)
from datasets.inspect import SplitsNotFoundError

from hfaug.errors import HfaugError, HubFailure, closest
from hfaug.hub_ids import looks_like_path
from hfaug.recipe_schema import SPLIT_NAME, SPLIT_NAME_RULE

if TYPE_CHECKING:
    from huggingface_hub.errors import HfHubHTTPError

FILE_BUILDERS: dict[str, str] = {".json": "json", ".jsonl": "json", ".csv": "csv", ".parquet": "parquet"}
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_SMALL_TYPES = {"large_string": "string", "large_binary": "binary"}
_FILE_LOADERS_LOGGER = "datasets.packaged_modules"  # the parent of the json, csv and parquet loaders' loggers
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR}


def load_source(
    source: str,
    *,
    splits: list[str] | None = None,
    config: str | None = None,
    revision: str | None = None,
) -> tuple[DatasetDict, dict[str, Any]]:
    """Open ``source`` as a `DatasetDict` and describe it for the manifest.

    Args:
        source (`str`): A local ``.json``/``.jsonl``/``.csv``/``.parquet`` file, a folder written
            by ``save_to_disk``, a folder of data files (or written by ``hfaug apply``), or a
            Hub dataset id.
        splits (`list[str]`, *optional*): Keep only these splits, each a name or `datasets`' slice of
            one (``train[:100]``, ``train[10%:20%]``, ``train[-50:]``), which keeps the split's name and is
            recorded as ``"slices"``. For a single file, one name for its split (default ``train``).
        config (`str`, *optional*): The dataset configuration (Hub datasets and folders; refused
            for a single file).
        revision (`str`, *optional*): Branch, tag or commit of a Hub dataset (default: main),
            resolved to a commit hash, which the manifest records; refused for a local file or folder.

    Returns:
        `tuple[DatasetDict, dict]`: The data and ``{"kind", "path" or "id", "config", "revision", "slices"}``.

    Raises:
        FileNotFoundError: When a local path does not exist or a Hub dataset cannot be found.
        ValueError: For an unsupported file type, an unknown split, two slices of one split, or an option the
            source cannot apply.
        HfaugError: When the `datasets` cache folder (``HF_DATASETS_CACHE``) cannot be written, among others.
    """
    chosen = _chosen_splits(splits)
    with _unwritable_cache_explained():
        data, described = _load_source(source, None if chosen is None else list(chosen), config, revision)
    taken = {name: spec for name, spec in (chosen or {}).items() if spec != name}
    sliced = DatasetDict({name: _sliced(split, name, taken.get(name), source) for name, split in data.items()})
    slices = {**_saved_slices(data), **taken}
    return sliced, {**described, **({"slices": slices} if slices else {})}


def _chosen_splits(specs: list[str] | None) -> dict[str, str] | None:
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
    name = _one_split_of(spec)
    if name is None:
        raise ValueError(
            f"--split {spec!r} is neither a split name ({SPLIT_NAME_RULE}) nor a slice of one split in `datasets`' "
            "syntax, such as 'train[:100]', 'train[10%:20%]' or 'train[-50:]'; pass one of those (in Python: splits=)"
        )
    return name


def _one_split_of(spec: str) -> str | None:
    """The one split whose rows ``spec`` names, in `datasets`' grammar; None for rows of several splits, or
    for a ``spec`` outside that grammar."""
    try:
        ReadInstruction.from_spec(spec)
        names = {SPLIT_NAME.match(part.strip()).group() for part in spec.split("+")}  # type: ignore[union-attr]
    except ValueError:
        return None
    return names.pop() if len(names) == 1 else None


def _saved_slices(data: DatasetDict) -> dict[str, str]:
    """The slice of its split that each split of ``data`` holds, by split name, where it was saved as one
    (``load_dataset(..., split="train[:30]")`` written by ``save_to_disk``)."""
    saved = {name: str(split.split) for name, split in data.items() if split.split is not None}
    return {name: spec for name, spec in saved.items() if spec != name and _one_split_of(spec) == name}


def _sliced(split: Dataset, name: str, spec: str | None, source: str) -> Dataset:
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


def _load_source(
    source: str, splits: list[str] | None, config: str | None, revision: str | None
) -> tuple[DatasetDict, dict[str, Any]]:
    path = Path(os.path.abspath(Path(source).expanduser()))  # `datasets` names a folder by its last part: not "."
    described: dict[str, str | None]
    if path.is_file():
        _refuse_local_options(source, "file", config, revision)
        data, described = _readable(_load_file, path, splits), {"kind": "file", "path": source}
    elif path.is_dir():
        _refuse_local_options(source, "folder", config, revision)
        data, described = _readable(_load_folder, path, config, splits), {"kind": "folder", "path": source, "config": config}
    elif _looks_like_path(source) or not _HUB_ID.match(source):
        raise FileNotFoundError(
            f"dataset {source!r} not found: no such file or folder (nor a valid Hub dataset id).{_sibling_hint(path)}"
        )
    else:
        resolved = _resolve_revision(source, revision)
        data = _load_hub(source, config, resolved or revision, splits)
        described = {"kind": "hub", "id": source, "config": config, "revision": resolved}
    data = _without_large_types(_select(data, splits, source))
    return data, {key: value for key, value in described.items() if value is not None}


@contextlib.contextmanager
def _unwritable_cache_explained() -> Iterator[None]:
    """Tell a `datasets` cache folder that cannot be written (under a HOME that does not exist, on a read-only
    disk) as such, naming the variable that moves it: the system's error names only a path."""
    try:
        yield
    except OSError as error:
        cache = os.path.abspath(datasets_config.HF_DATASETS_CACHE)
        if error.errno not in _NOT_WRITABLE or not _on_the_way_to(cache, error.filename):
            raise
        raise HfaugError(
            f"the datasets cache folder {cache!r} is not writable ({error.strerror}: {error.filename!r}); "
            "set HF_DATASETS_CACHE to a folder you can write"
        ) from error


def _on_the_way_to(cache: str, filename: Any) -> bool:
    """Whether ``filename`` (of an error) is the ``cache`` folder, within it, or a folder above it (which making it
    needs)."""
    if not isinstance(filename, str):
        return False
    path, folder = Path(os.path.abspath(filename)), Path(cache)
    return path == folder or folder in path.parents or path in folder.parents


def _refuse_local_options(source: str, kind: str, config: str | None, revision: str | None) -> None:
    """Refuse the options that the local ``file`` or ``folder`` ``source`` cannot apply, rather than ignore them."""
    if revision is not None:
        raise ValueError(
            f"{source!r} is a local {kind}, and a revision applies to Hub datasets only; "
            "leave out --revision (in Python: revision=)"
        )
    if config is not None and kind == "file":
        raise ValueError(f"{source!r} is a single file, which has no configurations; leave out --config (in Python: config=)")


def _sibling_hint(path: Path) -> str:
    """`` Did you mean 'name'?`` for a file or folder next to ``path``, of the same type, whose name is close."""
    try:
        stems = [entry.stem for entry in path.parent.iterdir() if entry.suffix == path.suffix]
    except OSError:  # no such folder, or not readable
        return ""
    return closest(path.stem, stems, shown=lambda stem: stem + path.suffix)


def _without_large_types(data: DatasetDict) -> DatasetDict:
    """``data`` with ``large_string`` and ``large_binary`` columns cast to ``string`` and ``binary``.

    CSV files load text as ``large_string``; the same rows from JSON Lines or Parquet are
    ``string``. The same data then gets the same version id and the same output bytes.
    """
    for name, split in data.items():
        large = {
            column: Value(_SMALL_TYPES[feature.dtype])
            for column, feature in split.features.items()
            if isinstance(feature, Value) and feature.dtype in _SMALL_TYPES
        }
        if large:
            data[name] = split.cast(Features({**split.features, **large}))
    return data


def _readable(load: Any, path: Path, *options: Any) -> DatasetDict:
    """``load(path, *options)``, a file `datasets` cannot parse told in one line naming it and why (a Parquet
    file's schema, read before any row, fails with pyarrow's own error, not `datasets`')."""
    import pyarrow as pa
    from datasets.exceptions import DatasetGenerationError

    try:
        return load(path, *options)
    except (DatasetGenerationError, pa.ArrowInvalid, OSError) as error:
        if isinstance(error, OSError) and not _is_arrow_io_error(error):
            raise
        cause = error.__cause__ or error
        if isinstance(cause, OSError) and cause.errno is not None:
            raise _system_error(path, cause) from error
        reason = " ".join(str(cause).split())[:300].rstrip(".")
        raise HfaugError(
            f"cannot read the data in {str(path)!r}: {type(cause).__name__}: {reason}. "
            "Fix the file, or give a .jsonl/.csv/.parquet file, a dataset folder or a Hub id"
        ) from error


def _system_error(path: Path, cause: OSError) -> HfaugError:
    """The error of a system failure while `datasets` read ``path`` (a full or read-only cache disk): not the
    file's content, as :func:`_readable` would say."""
    where = f" ({cause.filename})" if cause.filename else ""
    return HfaugError(
        f"cannot load {str(path)!r}: {cause.strerror}{where}, which is no fault of the file; free space or fix the "
        "permissions there, or point HF_DATASETS_CACHE at a writable disk with room"
    )


def _is_arrow_io_error(error: OSError) -> bool:
    """Whether ``error`` is pyarrow's on a file it cannot decode (a plain `OSError` without an errno, as for a
    Parquet footer that is no Parquet metadata), not one of the system (a cache folder that cannot be written)."""
    return type(error) is OSError and error.errno is None


@contextlib.contextmanager
def _file_loader_errors_unlogged() -> Iterator[None]:
    """Keep the file loaders of `datasets` from logging the error of a file they cannot read, which
    :func:`_readable` tells in one line naming the file; their logger's level is restored after."""
    logger = logging.getLogger(_FILE_LOADERS_LOGGER)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _load_file(path: Path, splits: list[str] | None) -> DatasetDict:
    builder = FILE_BUILDERS.get(path.suffix.lower())
    if builder is None:
        raise ValueError(
            f"cannot read {str(path)!r}: unsupported file type {path.suffix or '(none)'!r}; "
            f"use one of {', '.join(FILE_BUILDERS)}, a dataset folder or a Hub id"
        )
    if splits is not None and len(splits) != 1:
        raise ValueError(f"a single file holds one split; pass one --split (its name), not {splits}")
    split = splits[0] if splits else "train"
    no_rows = HfaugError(f"dataset file {str(path)!r} holds no rows; pass a file with data")
    if path.stat().st_size == 0:
        raise no_rows
    try:
        with _file_loader_errors_unlogged():
            return load_dataset(builder, data_files={split: str(path)})
    except StopIteration:  # the json builder on a file of blank lines
        raise no_rows from None
    except ValueError as error:
        if "corresponds to no data" not in str(error):
            raise
        raise no_rows from None


def _load_folder(path: Path, config: str | None, splits: list[str] | None) -> DatasetDict:
    """The folder's splits (only ``splits`` when given: an empty split elsewhere does not matter)."""
    if (path / "state.json").is_file():  # one Dataset written by save_to_disk
        loaded = load_from_disk(str(path))
        return DatasetDict({_saved_split_name(loaded): loaded})
    saved = (path / "dataset_dict.json").is_file()  # a DatasetDict written by save_to_disk
    if saved:
        names = json.loads((path / "dataset_dict.json").read_text())["splits"]
    else:
        names = _split_names(path, config)
    _check_splits(names, splits, str(path))
    data = {}
    for name in names if splits is None else splits:
        try:
            data[name] = load_from_disk(str(path / name)) if saved else load_dataset(str(path), name=config, split=name)
        except (IndexError, ValueError) as error:  # what `datasets` raises for a split without rows
            if not isinstance(error, IndexError) and "corresponds to no data" not in str(error):
                raise
            raise HfaugError(
                f"split {name!r} of {str(path)!r} holds no rows; pass --split (in Python: splits=) for the "
                "splits that have rows, or fill or remove that split"
            ) from None
    return DatasetDict(data)


def _saved_split_name(dataset: Dataset) -> str:
    """The name of the split that a `Dataset` written by ``save_to_disk`` holds rows of: ``train`` for a slice
    of it (``train[:30]``, which :func:`_saved_slices` records) and for a `Dataset` of no split; the rows of
    several splits keep their name (``train+test``, which a version refuses)."""
    saved = str(dataset.split) if dataset.split is not None else "train"
    return _one_split_of(saved) or saved


def _split_names(path: Path, config: str | None) -> list[str]:
    """The splits `datasets` finds in the folder; when it cannot tell, why (its own error only says
    that the split names could not be parsed)."""
    try:
        return get_dataset_split_names(str(path), config_name=config)
    except SplitsNotFoundError as error:
        cause = error.__cause__ or error
        raise HfaugError(
            f"`datasets` cannot read the folder {str(path)!r}: {' '.join(str(cause).split())}. Fix that, so that "
            "datasets.load_dataset(folder) reads it"
        ) from error


def _looks_like_path(source: str) -> bool:
    """Whether ``source`` is meant as a local path (a Hub id is ``owner/name``, without a data-file suffix)."""
    return looks_like_path(source) or Path(source).suffix.lower() in FILE_BUILDERS


def _resolve_revision(repo_id: str, revision: str | None) -> str | None:
    """The commit hash of ``revision`` of a Hub dataset (``None`` in offline mode)."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled, RepositoryNotFoundError, RevisionNotFoundError

    try:
        return HfApi().dataset_info(repo_id, revision=revision).sha
    except OfflineModeIsEnabled:
        return None
    except RepositoryNotFoundError:
        raise FileNotFoundError(
            f"dataset {repo_id!r} not found: no such local file or folder, and no such dataset on the Hub "
            "(or it is private: log in with `hf auth login` or set HF_TOKEN)"
        ) from None
    except RevisionNotFoundError:
        raise FileNotFoundError(f"Hub dataset {repo_id!r} has no revision {revision!r}; pass an existing branch, tag or commit") from None
    except HfHubHTTPError as error:  # the Hub answered: a refused token, or a failure of its own
        raise _hub_refusal(error, repo_id) from None
    except Exception as error:  # network failures of any HTTP client
        raise ConnectionError(
            f"cannot reach the Hugging Face Hub to look up dataset {repo_id!r} ({type(error).__name__}); "
            "pass a local file or folder, or set HF_HUB_OFFLINE=1 to use the cached copy"
        ) from None


def _hub_refusal(error: HfHubHTTPError, repo_id: str) -> HfaugError:
    """What the Hub's HTTP ``error`` means for reading ``repo_id``: a token it refused, or its own failure
    (a :class:`HubFailure`, which the command line exits 1 for, as for a Hub out of reach)."""
    from huggingface_hub import HfApi

    from hfaug.hub import CREDENTIALS_REFUSED, credentials_refused, http_detail, http_status

    endpoint = HfApi().endpoint
    if http_status(error) in CREDENTIALS_REFUSED:
        return HfaugError(f"dataset {repo_id!r}: {credentials_refused(endpoint, error, f'read {repo_id}')}")
    return HubFailure(
        f"dataset {repo_id!r}: the Hub at {endpoint} failed (HTTP {http_status(error)}: {http_detail(error)}); try again later"
    )


def _load_hub(repo_id: str, config: str | None, revision: str | None, splits: list[str] | None) -> DatasetDict:
    from huggingface_hub import constants

    try:
        if splits:
            return DatasetDict(
                {split: load_dataset(repo_id, name=config, revision=revision, split=split) for split in splits}
            )
        return load_dataset(repo_id, name=config, revision=revision)
    except ValueError as error:
        if not str(error).startswith("Unknown split"):  # datasets' error names the splits, without a hint
            raise
        _check_splits(get_dataset_split_names(repo_id, config_name=config, revision=revision), splits, repo_id)
        raise
    except ConnectionError:
        if not constants.HF_HUB_OFFLINE:
            raise
        raise ConnectionError(
            f"Hub dataset {repo_id!r} is not in the local cache, and HF_HUB_OFFLINE=1 forbids downloading it; "
            "load it once where the Hub is reachable (it is then cached), or pass a local file or folder"
        ) from None


def _select(data: DatasetDict, splits: list[str] | None, source: str) -> DatasetDict:
    if not splits:
        return data
    _check_splits(list(data), splits, source)
    return DatasetDict({split: data[split] for split in splits})


def _check_splits(names: list[str], splits: list[str] | None, source: str) -> None:
    missing = [split for split in splits or () if split not in names]
    if missing:
        hints = "".join(closest(split, names) for split in missing)
        raise ValueError(f"dataset {source!r} has no split {', '.join(map(repr, missing))}; it has {names}.{hints}")
