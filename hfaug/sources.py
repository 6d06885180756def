"""Opening the data a recipe runs on: a local file, a folder, or a Hub dataset id."""

from __future__ import annotations

import codecs
import contextlib
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
    LargeList,
    List,
    ReadInstruction,
    Value,
    concatenate_datasets,
    get_dataset_config_names,
    get_dataset_split_names,
    load_dataset,
    load_dataset_builder,
    load_from_disk,
)
from datasets.data_files import FILES_TO_IGNORE, NON_WORDS_CHARS, EmptyDatasetError
from datasets.exceptions import DataFilesNotFoundError
from datasets.packaged_modules import _EXTENSION_TO_MODULE
from datasets.utils.file_utils import SINGLE_FILE_COMPRESSION_EXTENSION_TO_PROTOCOL

from hfaug.cache_folders import unwritable_cache_explained
from hfaug.data_file_paths import literal_pattern, refuse_pattern_folder
from hfaug.errors import HfaugError, HubFailure, closest
from hfaug.held_out import is_held_out, names_held_out
from hfaug.hub_ids import looks_like_path
from hfaug.recipe_schema import SPLIT_NAME, SPLIT_NAME_RULE

if TYPE_CHECKING:
    from datasets import DatasetBuilder
    from huggingface_hub.errors import HfHubHTTPError

logger = logging.getLogger(__name__)
_ROW_LOADERS = ("csv", "json", "parquet", "arrow")
"""The loaders of `datasets` that read rows from a data file (``.csv``, ``.tsv``, ``.json``, ``.jsonl``, ``.parquet``,
``.arrow``..., also compressed: ``.jsonl.gz``): those of a single file, and of the files a folder must not leave out."""
DATA_FILE_TYPES = ".csv, .tsv, .json, .jsonl, .parquet or .arrow"
"""The data files a folder or a single file may hold, as messages name them."""
_NOT_DATA = frozenset(FILES_TO_IGNORE)  # the files of a folder that `datasets` never reads as data
_TEXT_SUFFIXES = {suffix for suffix, (loader, _) in _EXTENSION_TO_MODULE.items() if loader in ("csv", "json")}
_SAVE_AS_UTF8 = "save it as UTF-8 (in Excel: Save As 'CSV UTF-8')"
_SEPARATORS = {";": "semicolons", "\t": "tabs"}
_BINARY_TYPES = {b"PAR1": ("Parquet", ".parquet"), b"ARROW1": ("Arrow", ".arrow"), b"\xff\xff\xff\xff": ("Arrow", ".arrow")}
"""The first bytes of the binary data files `datasets` reads (Arrow's file and stream formats), with their type."""
_FIRST_LINE_BYTES = 1 << 16
"""The most bytes of a text file's first line read to tell its type by."""
_NAME_DELIMITERS = re.compile(f"[{NON_WORDS_CHARS}/]+")  # those that `datasets` allows around a split's name in a path
_FILES_TO_RENAME = "Rename them (e.g. Test.csv to test.csv)"
_EACH_FILE_ALONE = "pass each file alone: --dataset FILE --split NAME"
_WITHOUT_CONFIGURATIONS = {"file": "a single file", "saved folder": "a folder saved by datasets (save_to_disk)"}
"""The local sources that have no configurations, as errors describe them: a ``--config`` given for one is refused."""
_CONFIGURATION_ERRORS = ("BuilderConfig ", "Config name is missing")
"""How `datasets` begins its errors for a configuration a folder lacks (``BuilderConfig 'x' not found. Available:
[...]``) and for none given where its card declares several (multi-line, with a Python example)."""
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_SMALL_TYPES = {"large_string": "string", "large_binary": "binary"}
_FILE_LOADERS_LOGGER = "datasets.packaged_modules"  # the parent of the json, csv and parquet loaders' loggers


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
    chosen = _chosen_splits(splits)
    with unwritable_cache_explained(datasets_config.HF_DATASETS_CACHE, "datasets cache", "HF_DATASETS_CACHE"):
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
        data, described = _load_file(path, splits), {"kind": "file", "path": source}
    elif path.is_dir():
        _refuse_local_options(source, "saved folder" if _is_saved(path) else "folder", config, revision)
        data, described = _load_folder(path, config, splits), {"kind": "folder", "path": source, "config": config}
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


@contextlib.contextmanager
def _unreadable_told(where: str, files: list[Path]) -> Iterator[None]:
    """Tell the data ``files`` that `datasets` cannot parse in one line naming ``where`` they are (a file, or a
    folder) and why (a Parquet file's schema, read before any row, fails with pyarrow's own error, not `datasets`')."""
    import pyarrow as pa
    from datasets.exceptions import DatasetGenerationError

    try:
        yield
    except (DatasetGenerationError, pa.ArrowInvalid, OSError) as error:
        if isinstance(error, OSError) and not _is_arrow_io_error(error):
            raise
        cause = error.__cause__ or error
        if isinstance(cause, OSError) and cause.errno is not None:
            raise _system_error(where, cause) from error
        if isinstance(cause, UnicodeDecodeError):
            raise _not_utf8(where, files, f"byte 0x{cause.object[cause.start]:02x}") from error
        reason = " ".join(str(cause).split())[:300].rstrip(".")
        raise HfaugError(
            f"cannot read the data in {where}: {type(cause).__name__}: {reason}. "
            "Fix the data, or give a .csv/.tsv/.json/.jsonl/.parquet/.arrow file, a dataset folder or a Hub id"
        ) from error


def _system_error(where: str, cause: OSError) -> HfaugError:
    """The error of a system failure while `datasets` read ``where`` (a full or read-only cache disk): not the
    file's content, as :func:`_unreadable_told` would say."""
    failed = f" ({cause.filename})" if cause.filename else ""
    return HfaugError(
        f"cannot load {where}: {cause.strerror}{failed}, which is no fault of the file; free space or fix the "
        "permissions there, or point HF_DATASETS_CACHE at a writable disk with room"
    )


def _is_arrow_io_error(error: OSError) -> bool:
    """Whether ``error`` is pyarrow's on a file it cannot decode (a plain `OSError` without an errno, as for a
    Parquet footer that is no Parquet metadata), not one of the system (a cache folder that cannot be written)."""
    return type(error) is OSError and error.errno is None


@contextlib.contextmanager
def _file_loader_errors_unlogged() -> Iterator[None]:
    """Keep the file loaders of `datasets` from logging the error of a file they cannot read, which
    :func:`_unreadable_told` tells in one line naming the file; their logger's level is restored after."""
    logger = logging.getLogger(_FILE_LOADERS_LOGGER)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _load_file(path: Path, splits: list[str] | None) -> DatasetDict:
    loader = _row_loader(path.name)
    if loader is None:
        raise ValueError(
            f"cannot read {str(path)!r}: unsupported file type {path.suffix or '(none)'!r}; use a {DATA_FILE_TYPES} "
            "file (or one compressed: .jsonl.gz), a dataset folder or a Hub id"
        )
    if splits is not None and len(splits) != 1:
        raise ValueError(f"a single file holds one split; pass one --split (its name), not {splits}")
    split = splits[0] if splits else "train"
    if not splits and _named_held_out(Path(path.name), split):
        logger.warning(
            "%r is named as held-out data, but a single file is read as split 'train', which recipes augment; augment "
            "the training data and leave held-out data as it is (or name the file's split: --split NAME, in Python "
            "splits=[NAME])",
            str(path),
        )
    no_rows = HfaugError(f"dataset file {str(path)!r} holds no rows; pass a file with data")
    if path.stat().st_size == 0:
        raise no_rows
    _refuse_content_of_another_type([path])
    _refuse_other_separators([path])
    where = repr(str(path))
    name, options = loader
    try:
        with _one_json_object_told(path), _unreadable_told(where, [path]), _file_loader_errors_unlogged():
            data = load_dataset(name, data_files={split: literal_pattern(path)}, **options)
    except StopIteration:  # the json builder on a file of blank lines
        raise no_rows from None
    except ValueError as error:
        if "corresponds to no data" not in str(error):
            raise
        raise no_rows from None
    _refuse_text_not_utf8(data[split], where, [path])
    _refuse_rows_in_a_list(data[split], path)
    return data


def _refuse_rows_in_a_list(split: Dataset, path: Path) -> None:
    """Refuse a ``.json`` file read as one row with a list (SQuAD's ``{"version": ..., "data": [...]}``): its rows are
    likely in the list, which `datasets` reads as rows only when told its name (``field=``)."""
    lists = [column for column, feature in split.features.items() if isinstance(feature, (List, LargeList))]
    if path.suffix.lower() != ".json" or split.num_rows != 1 or not lists:
        return
    raise _one_json_object(path, lists)


@contextlib.contextmanager
def _one_json_object_told(path: Path) -> Iterator[None]:
    """Tell the error of `datasets` on a ``.json`` file holding one object with lists (CLINC150's
    ``{"train": [...], "test": [...]}``, pretty-printed, larger than pyarrow's block, its lists of other lengths),
    which it cannot read as one row either, as :func:`_refuse_rows_in_a_list` tells the object it reads."""
    try:
        yield
    except HfaugError as error:
        lists = _top_level_lists(path) if path.suffix.lower() == ".json" else []
        if not lists:
            raise
        raise _one_json_object(path, lists) from error


def _top_level_lists(path: Path) -> list[str]:
    """The keys of the lists in the JSON object that the file ``path`` holds; none where it holds no object."""
    try:
        with open(path, encoding="utf-8") as file:
            content = json.load(file)
    except ValueError:  # no JSON (a UnicodeDecodeError is one too)
        return []
    return [key for key, value in content.items() if isinstance(value, list)] if isinstance(content, dict) else []


def _one_json_object(path: Path, lists: list[str]) -> HfaugError:
    """The error of the ``.json`` file ``path`` that holds one object, whose ``lists`` may hold its rows."""
    where = f"the list {lists[0]!r}" if len(lists) == 1 else f"one of the lists {', '.join(map(repr, lists))}"
    return HfaugError(
        f"{str(path)!r} holds one JSON object, not rows; if its rows are in {where}, save them as JSON Lines (one "
        f"object a line), or read them in Python with load_dataset('json', data_files=path, field={lists[0]!r}) and "
        "pass that Dataset"
    )


def _row_loader(name: str) -> tuple[str, dict[str, Any]] | None:
    """The loader of `datasets` that reads rows from the file ``name``, with its options (``sep`` for ``.tsv``), by
    its type in any case, past a compression suffix (``train.jsonl.gz``); None for any other file."""
    suffixes = name.lower().split(".")[1:]
    if suffixes and suffixes[-1] in SINGLE_FILE_COMPRESSION_EXTENSION_TO_PROTOCOL:
        suffixes.pop()
    loader = _EXTENSION_TO_MODULE.get(f".{suffixes[-1]}") if suffixes else None
    return loader if loader is not None and loader[0] in _ROW_LOADERS else None


def _refuse_content_of_another_type(files: list[Path]) -> None:
    """Refuse a file among ``files`` named as text (``.csv``, ``.jsonl``) that holds another type of data: Parquet or
    Arrow, JSON named as CSV, CSV named as JSON. `datasets` reads each by its name, so it fails on bytes that are not
    UTF-8 or on a parse error, naming neither, or reads JSON Lines as columns of CSV."""
    for file in files:
        loader = _row_loader(file.name)
        if file.suffix.lower() not in _TEXT_SUFFIXES or loader is None:  # a compressed file is read as it decompresses
            continue
        with open(file, "rb") as data:
            first = data.readline(_FIRST_LINE_BYTES)
        kind, extension = next((kind for magic, kind in _BINARY_TYPES.items() if first.startswith(magic)), (None, ""))
        if kind is not None:
            raise HfaugError(
                f"{str(file)!r} is a {kind} file, not {file.suffix} as its name says; rename it to {file.stem}{extension}"
            )
        try:
            line = first.decode("utf-8-sig").strip()
        except UnicodeDecodeError:  # which reading the file tells
            continue
        if loader[0] == "csv" and _is_json(line):
            values = "tab-separated" if loader[1].get("sep") == "\t" else "comma-separated"
            raise HfaugError(f"{str(file)!r} holds JSON, not {values} values as its name says; rename it to {file.stem}.jsonl")
        if loader[0] == "json" and line and not line.startswith(("{", "[")):
            raise HfaugError(
                f"{str(file)!r} holds no JSON rows (its first line reads {line[:80]!r}); rename it to {file.stem}.csv "
                "if it is CSV"
            )


def _is_json(line: str) -> bool:
    """Whether ``line``, the first of a file, is a JSON object or list, or opens one (pretty-printed JSON)."""
    if line in ("{", "["):
        return True
    try:
        return isinstance(json.loads(line), (dict, list))
    except ValueError:
        return False


def _refuse_other_separators(files: list[Path]) -> None:
    """Refuse a ``.csv`` file among ``files`` whose header holds no comma but a semicolon (Excel's CSV in European
    languages) or a tab: read with commas, it is one column, or fails on a row that holds a comma."""
    for file in files:
        if file.suffix.lower() != ".csv":
            continue
        with open(file, "rb") as data:
            try:
                header = data.readline().decode("utf-8-sig").rstrip("\r\n")
            except UnicodeDecodeError:  # which reading the file tells
                continue
        separator = next((char for char in _SEPARATORS if char in header), None)
        if separator is None or "," in header:
            continue
        fix = (
            f"save it with commas (in Excel: Save As 'CSV UTF-8'), or read it in Python with pandas.read_csv(path, "
            f"sep={separator!r}) and pass datasets.Dataset.from_pandas(frame)"
            if separator == ";"
            else "name it .tsv"
        )
        raise HfaugError(
            f"{str(file)!r} is separated by {_SEPARATORS[separator]}, not commas (its header reads {header!r}); {fix}"
        )


def _refuse_text_not_utf8(split: Dataset, where: str, files: list[Path]) -> None:
    """Refuse a split read from ``files`` whose text is not UTF-8 (a JSON file saved as Windows-1252, which pyarrow
    reads as it is): it would fail later, with an error naming no file."""
    import pyarrow as pa

    for column, values in zip(split.column_names, split.data.table.columns):
        try:
            values.validate(full=True)
        except pa.ArrowInvalid as error:
            if "UTF8" not in str(error):
                raise
            raise _not_utf8(where, files, f"column {column!r}") from None


def _not_utf8(where: str, files: list[Path], detail: str) -> HfaugError:
    """The error of text that is not UTF-8 in the data ``files``, naming the first text file among them that is not
    (else ``where`` the data is), with ``detail`` on where in it."""
    culprit = next((file for file in files if not _is_utf8(file)), None)
    if culprit is not None and _is_office_lock(culprit.name):
        return HfaugError(
            f"{str(culprit)!r} is the lock file of a file open in Excel or another office program, not data: close "
            "that file, or delete the lock file"
        )
    named = where if culprit is None else repr(str(culprit))
    return HfaugError(f"{named} is not UTF-8 text ({detail}); {_SAVE_AS_UTF8}")


def _is_utf8(file: Path) -> bool:
    """Whether ``file`` is UTF-8 text, or no text file (a Parquet or compressed one, which this does not read)."""
    if file.suffix.lower() not in _TEXT_SUFFIXES:
        return True
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(file, "rb") as data:
        try:
            for block in iter(lambda: data.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _is_saved(path: Path) -> bool:
    """Whether the folder ``path`` was written by ``save_to_disk``: its ``state.json`` (one dataset) or
    ``dataset_dict.json`` (a `DatasetDict`)."""
    return (path / "state.json").is_file() or (path / "dataset_dict.json").is_file()


def _load_folder(path: Path, config: str | None, splits: list[str] | None) -> DatasetDict:
    """The folder's splits (only ``splits`` when given: an empty split elsewhere does not matter)."""
    if not _is_saved(path):
        return _load_data_files(path, config, splits)
    one_dataset = (path / "state.json").is_file()
    with _unreadable_told(repr(str(path)), []):
        if one_dataset:
            loaded = load_from_disk(str(path))
            return DatasetDict({_saved_split_name(loaded): loaded})
        return _load_saved_splits(path, splits)  # a DatasetDict


def _load_saved_splits(path: Path, splits: list[str] | None) -> DatasetDict:
    names = json.loads((path / "dataset_dict.json").read_text())["splits"]
    _check_splits(names, splits, str(path))
    data = {}
    for name in names if splits is None else splits:
        with _empty_split_told(name, path):
            data[name] = load_from_disk(str(path / name))
    return DatasetDict(data)


def _load_data_files(path: Path, config: str | None, splits: list[str] | None) -> DatasetDict:
    """The splits of the data files in the folder ``path``, which `datasets` tells apart by their names (or by
    the ``configs`` of its dataset card, whose files and reading options are left as it says)."""
    refuse_pattern_folder(path)
    declared = _declares_data_files(path)
    found = [] if declared else _data_files_in(path)
    if not declared:
        _refuse_capital_extensions(path, found)
    builder = _folder_builder(path, config)
    read = {str(split): [Path(file) for file in files] for split, files in builder.config.data_files.items()}
    _check_splits(list(read), splits, str(path))
    every_file = [file for files in read.values() for file in files]
    if not declared:
        if builder.name in _ROW_LOADERS:  # an imagefolder leaves out its other files, and names classes by folder
            _refuse_unread_files(path, read, found)
            _refuse_held_out_files_as_others(path, read)
        _refuse_content_of_another_type(every_file)
        _refuse_other_separators(every_file)
    data = {}
    for name in list(read) if splits is None else splits:  # `datasets` reads every split for the first one
        with (
            _unreadable_told(repr(str(path)), every_file),
            _folder_unreadable_told(path),
            _empty_split_told(name, path),
            _empty_first_file_told(path, read),
        ):
            data[name] = load_dataset(str(path), name=config, split=name)
        _refuse_text_not_utf8(data[name], f"split {name!r} of {str(path)!r}", read.get(name, []))
    return DatasetDict(data)


@contextlib.contextmanager
def _folder_unreadable_told(path: Path) -> Iterator[None]:
    """Tell the error of `datasets` on a folder it cannot split into rows (an imagefolder whose ``metadata.csv``
    files disagree on a column's type) as such, with its reason."""
    try:
        yield
    except ValueError as error:
        raise HfaugError(
            f"`datasets` cannot read the folder {str(path)!r}: {' '.join(str(error).split())}. Fix that, so that "
            "datasets.load_dataset(folder) reads it"
        ) from error


@contextlib.contextmanager
def _empty_first_file_told(path: Path, read: dict[str, list[Path]]) -> Iterator[None]:
    """Tell the error of `datasets` on the first file of the first split (of those ``read``) of the folder ``path``,
    from which it takes every split's columns, when that file holds no rows (a bare `StopIteration`)."""
    try:
        yield
    except StopIteration:
        first_split, files = next(iter(read.items()))
        raise HfaugError(
            f"the data file {str(files[0])!r} (split {first_split!r}) of {str(path)!r} holds no rows, and `datasets` reads "
            "the columns of every split from it; fill or remove it"
        ) from None


@contextlib.contextmanager
def _empty_split_told(name: str, path: Path) -> Iterator[None]:
    """Tell the error of `datasets` on the split ``name`` of the folder ``path`` that holds no rows."""
    try:
        yield
    except (IndexError, ValueError) as error:  # what `datasets` raises for a split without rows
        if not isinstance(error, IndexError) and "corresponds to no data" not in str(error):
            raise
        raise HfaugError(
            f"split {name!r} of {str(path)!r} holds no rows; pass --split (in Python: splits=) for the "
            "splits that have rows, or fill or remove that split"
        ) from None


def _declares_data_files(folder: Path) -> bool:
    """Whether the dataset card of ``folder`` names its data files (``configs``, as ``hfaug apply`` writes), which
    leaves out the other files on purpose (a version's ``manifest.json`` and ``preview/``)."""
    from huggingface_hub.repocard import metadata_load

    card = folder / datasets_config.REPOCARD_FILENAME
    return card.is_file() and "configs" in (metadata_load(card) or {})


def _refuse_unread_files(folder: Path, read: dict[str, list[Path]], found: list[Path]) -> None:
    """Refuse a folder holding data files (``found``: see :func:`_data_files_in`) that no split reads (``Test.csv``,
    a ``train.jsonl`` beside ``train.csv``): their rows would be lost without a word."""
    taken = {os.path.realpath(file) for files in read.values() for file in files}
    unread = [file for file in found if os.path.realpath(file) not in taken]
    if unread:
        reads = ", ".join(f"{split!r} from {_listed(folder, files)}" for split, files in read.items())
        raise HfaugError(
            f"no split of the folder {str(folder)!r} reads {_listed(folder, unread)} (it reads {reads}): `datasets` takes "
            "split names from lower-case file names (train.csv, test.csv, validation.csv) and reads one file type per "
            f"folder. {_FILES_TO_RENAME}, move out those that hold no rows, or {_EACH_FILE_ALONE}"
        )


def _refuse_capital_extensions(folder: Path, found: list[Path]) -> None:
    """Refuse a folder holding data files (``found``) whose type is written in capitals (``train.CSV``): `datasets`
    knows file types by lower-case extensions only, so it finds no data, or takes them for another type."""
    capitals = [file for file in found if not _type_suffix(file.name).islower()]
    if capitals:
        name = capitals[0].name
        suffix = _type_suffix(name)
        raise HfaugError(
            f"the folder {str(folder)!r} holds {_listed(folder, capitals)}, whose type is written in capitals: `datasets` "
            f"reads data files by lower-case extensions only. Rename them (e.g. {name} to "
            f"{name.removesuffix(suffix)}{suffix.lower()}), or {_EACH_FILE_ALONE}"
        )


def _type_suffix(name: str) -> str:
    """The extension of the file ``name`` by which its type is known, as written: ``.CSV``, ``.jsonl.gz``."""
    path = Path(name)
    if path.suffix.lower().lstrip(".") in SINGLE_FILE_COMPRESSION_EXTENSION_TO_PROTOCOL:
        return Path(path.stem).suffix + path.suffix
    return path.suffix


def _refuse_held_out_files_as_others(folder: Path, read: dict[str, list[Path]]) -> None:
    """Refuse a folder where a split that is not held out reads files named as held-out ones: `datasets` reads
    ``Train.csv``, ``Test.csv`` and ``Dev.csv`` all as ``train``, whose rows are augmented."""
    for split, files in read.items():
        misread = [file for file in files if not is_held_out(split) and _named_held_out(_within(folder, file), split)]
        if misread:
            raise HfaugError(
                f"split {split!r} of the folder {str(folder)!r} reads {_listed(folder, misread)}, whose names say "
                "they are held out: `datasets` takes split names from lower-case file names only, so it took them for "
                f"training rows. {_FILES_TO_RENAME}, or {_EACH_FILE_ALONE}"
            )


def _named_held_out(relative: Path, split: str) -> bool:
    """Whether a word of the path ``relative`` of a data file, between the delimiters that `datasets` allows around
    a split's name, names a held-out split, and none names ``split`` (as ``train/dev_board.png`` does)."""
    words = [word.casefold() for word in _NAME_DELIMITERS.split(relative.as_posix()) if word]
    return any(map(names_held_out, words)) and not any(word.startswith(split.casefold()) for word in words)


def _data_files_in(folder: Path) -> list[Path]:
    """The files within ``folder`` that `datasets` reads rows from (:data:`_ROW_LOADERS`), except hidden ones, which
    it leaves out, and those of a folder within whose dataset card names its data files (a version folder)."""
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not _hidden(name) and not _declares_data_files(Path(root, name))]
        found += [Path(root, name) for name in files if not _hidden(name) and name not in _NOT_DATA and _row_loader(name)]
    return sorted(found)


def _hidden(name: str) -> bool:
    """Whether `datasets` leaves out the file or folder ``name`` of a dataset folder, or it is the lock file
    of a file open in Excel or another office program (``~$train.csv``), which holds no rows."""
    return name.startswith((".", "__")) or _is_office_lock(name)


def _is_office_lock(name: str) -> bool:
    """Whether ``name`` is the lock file of a file open in Excel or another office program (``~$train.csv``)."""
    return name.startswith("~$")


def folder_contents(folder: Path) -> str:
    """``it holds a.txt, b``, or ``it is empty``: what ``folder`` holds (its first few entries), for messages."""
    names = sorted(child.name for child in folder.iterdir())
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"it holds {shown}" if names else "it is empty"


def _listed(folder: Path, files: list[Path]) -> str:
    """The first few of ``files``, by their path within ``folder``, and how many more."""
    shown = ", ".join(repr(str(_within(folder, file))) for file in sorted(files)[:3])
    return shown + (f" and {len(files) - 3} more" if len(files) > 3 else "")


def _within(folder: Path, file: Path) -> Path:
    """The path of ``file`` within ``folder``, which `datasets` names past a link to it (by its real path)."""
    real = Path(os.path.realpath(folder))
    return file.relative_to(folder if file.is_relative_to(folder) else real)


def _saved_split_name(dataset: Dataset) -> str:
    """The name of the split that a `Dataset` written by ``save_to_disk`` holds rows of: ``train`` for a slice
    of it (``train[:30]``, which :func:`_saved_slices` records) and for a `Dataset` of no split; the rows of
    several splits keep their name (``train+test``, which a version refuses)."""
    saved = str(dataset.split) if dataset.split is not None else "train"
    return _one_split_of(saved) or saved


def _folder_builder(path: Path, config: str | None) -> DatasetBuilder:
    """The builder of `datasets` for the folder, whose ``config.data_files`` name its splits and the files each
    reads; a folder of several file types told so."""
    try:
        return load_dataset_builder(str(path), name=config)
    except (EmptyDatasetError, DataFilesNotFoundError):  # nothing in the folder; nothing `datasets` reads
        raise HfaugError(
            f"the folder {str(path)!r} holds no data files ({folder_contents(path)}); pass a folder of "
            f"{DATA_FILE_TYPES} files, a folder written by `hfaug apply` or save_to_disk, a single file or a Hub "
            "dataset id"
        ) from None
    except ValueError as error:
        if str(error).startswith(_CONFIGURATION_ERRORS):
            raise _configuration_error(path, config) from None
        if not str(error).startswith("Couldn't infer the same data file format for all splits"):
            raise
        raise HfaugError(
            f"the folder {str(path)!r} holds data files of several types ({_listed(path, _data_files_in(path))}), and "
            f"`datasets` reads one type per folder: save them in one type (e.g. all .csv), or {_EACH_FILE_ALONE}"
        ) from None


def _configuration_error(path: Path, config: str | None) -> HfaugError:
    """The error for a ``config`` that the data folder ``path`` does not have, or for none (``None``) where its
    dataset card declares several, naming those it has: the ``configs`` of its card, or only ``default`` without
    them."""
    names = get_dataset_config_names(str(path))
    if names == ["default"]:
        return HfaugError(
            f"the folder {str(path)!r} has no configuration {config!r}: a local folder has one, 'default', unless its "
            "README.md declares others ('configs' in its metadata); leave out --config (in Python: config=)"
        )
    declared = f"its README.md declares {', '.join(map(repr, names))}: pass one of them with --config (in Python: config=)"
    if config is None:
        return HfaugError(f"the folder {str(path)!r} has several configurations and none is the default; {declared}")
    return HfaugError(f"the folder {str(path)!r} has no configuration {config!r}; {declared}.{closest(config, names)}")


def _looks_like_path(source: str) -> bool:
    """Whether ``source`` is meant as a local path (a Hub id is ``owner/name``, without a data-file suffix)."""
    return looks_like_path(source) or _row_loader(Path(source).name) is not None


def _resolve_revision(repo_id: str, revision: str | None) -> str | None:
    """The commit hash of ``revision`` of a Hub dataset (``None`` in offline mode: ``HF_HUB_OFFLINE``, or
    ``HF_DATASETS_OFFLINE``, which `datasets` also reads), asked within ``HF_HUB_ETAG_TIMEOUT`` seconds (a Hub that
    takes connections and never answers held the command forever)."""
    from huggingface_hub import HfApi, constants
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled, RepositoryNotFoundError, RevisionNotFoundError

    if datasets_config.HF_HUB_OFFLINE:
        return None
    try:
        return HfApi().dataset_info(repo_id, revision=revision, timeout=constants.HF_HUB_ETAG_TIMEOUT).sha
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

    from hfaug.hub.errors import CREDENTIALS_REFUSED, http_status, refusal_told

    told = f"dataset {repo_id!r}: {refusal_told(HfApi().endpoint, error, f'read {repo_id}')}"
    return HfaugError(told) if http_status(error) in CREDENTIALS_REFUSED else HubFailure(f"{told}; try again later")


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
        if not datasets_config.HF_HUB_OFFLINE:
            raise
        offline = "HF_HUB_OFFLINE=1" if constants.HF_HUB_OFFLINE else "HF_DATASETS_OFFLINE=1"
        raise ConnectionError(
            f"Hub dataset {repo_id!r} is not in the local cache, and {offline} forbids downloading it (nor is there a "
            f"local file or folder {repo_id!r} in {os.getcwd()!r}); load it once where the Hub is reachable (it is then "
            "cached), or pass a local file or folder"
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
