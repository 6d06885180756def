"""Opening the data a recipe runs on: a local file, a folder, or a Hub dataset id."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from datasets import DatasetDict, Features, Value
from datasets import config as datasets_config

from hfaug.cache_folders import unwritable_cache_explained
from hfaug.errors import closest
from hfaug.hub_ids import looks_like_path
from hfaug.sources.data_files import row_loader
from hfaug.sources.folders import is_saved, load_folder
from hfaug.sources.hub_dataset import load_hub, resolve_revision
from hfaug.sources.single_file import load_file
from hfaug.sources.splits import chosen_splits, saved_slices, select, sliced_split

_WITHOUT_CONFIGURATIONS = {"file": "a single file", "saved folder": "a folder saved by datasets (save_to_disk)"}
"""The local sources that have no configurations, as errors describe them: a ``--config`` given for one is refused."""
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_SMALL_TYPES = {"large_string": "string", "large_binary": "binary"}


def load_source(
    source: str,
    *,
    splits: list[str] | None = None,
    config: str | None = None,
    revision: str | None = None,
) -> tuple[DatasetDict, dict[str, Any]]:
    """Open ``source`` as a `DatasetDict` and describe it for the manifest.

    Args:
        source (`str`): A local ``.csv``/``.tsv``/``.json``/``.jsonl``/``.parquet``/``.arrow`` file (or one
            compressed: ``.jsonl.gz``), a folder written by ``save_to_disk``, a folder of data files (or written
            by ``hfaug apply``), or a Hub dataset id.
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
        HfaugError: When the `datasets` cache folder (``HF_DATASETS_CACHE``) cannot be written; for data that is
            not UTF-8, a CSV file separated by semicolons or tabs, or a folder whose data files `datasets` would
            leave out or read as another split (``Test.csv`` as ``train``), among others.
    """
    chosen = chosen_splits(splits)
    names = None if chosen is None else list(chosen)
    with unwritable_cache_explained(datasets_config.HF_DATASETS_CACHE, "datasets cache", "HF_DATASETS_CACHE"):
        data, described = _load_source(source, names, config, revision)
        where = source if described["kind"] == "hub" else str(_absolute(source))  # a local source by its full path
        data = _without_large_types(select(data, names, where))
    taken = {name: spec for name, spec in (chosen or {}).items() if spec != name}
    sliced = DatasetDict({name: sliced_split(split, name, taken.get(name), where) for name, split in data.items()})
    slices = {**saved_slices(data), **taken}
    return sliced, {**described, **({"slices": slices} if slices else {})}


def _absolute(source: str) -> Path:
    """The absolute path of the local ``source`` (`datasets` names a folder by its last part: not ".")."""
    return Path(os.path.abspath(Path(source).expanduser()))


def _load_source(
    source: str, splits: list[str] | None, config: str | None, revision: str | None
) -> tuple[DatasetDict, dict[str, Any]]:
    path = _absolute(source)
    described: dict[str, str | None]
    if path.is_file():
        _refuse_local_options(source, "file", config, revision)
        data, described = load_file(path, splits), {"kind": "file", "path": source}
    elif path.is_dir():
        _refuse_local_options(source, "saved folder" if is_saved(path) else "folder", config, revision)
        data, described = load_folder(path, config, splits), {"kind": "folder", "path": source, "config": config}
    elif _looks_like_path(source) or not _HUB_ID.match(source):
        raise FileNotFoundError(
            f"dataset {source!r} not found: no such file or folder (nor a valid Hub dataset id).{_sibling_hint(path)}"
        )
    else:
        resolved = resolve_revision(source, revision)
        data = load_hub(source, config, resolved or revision, splits)
        described = {"kind": "hub", "id": source, "config": config, "revision": resolved}
    return data, {key: value for key, value in described.items() if value is not None}


def _refuse_local_options(source: str, kind: str, config: str | None, revision: str | None) -> None:
    """Refuse the options that the local ``file`` or ``folder`` ``source`` cannot apply, rather than ignore them."""
    if revision is not None:
        raise ValueError(
            f"{source!r} is a local {kind}, and a revision applies to Hub datasets only; "
            "leave out --revision (in Python: revision=)"
        )
    if config is not None and kind in _WITHOUT_CONFIGURATIONS:
        raise ValueError(
            f"{source!r} is {_WITHOUT_CONFIGURATIONS[kind]}, which has no configurations; leave out --config (in Python: "
            "config=)"
        )


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


def _looks_like_path(source: str) -> bool:
    """Whether ``source`` is meant as a local path (a Hub id is ``owner/name``, without a data-file suffix)."""
    return looks_like_path(source) or row_loader(Path(source).name) is not None
