"""Write a dataset, streamed or not, as Parquet shards without holding it in memory.

Shards are named like the Hub's: ``<split>-00000-of-00003.parquet``; each carries the
dataset's `datasets` features in its schema metadata, so ``load_dataset("parquet", ...)``
gives back the same features (a ``ClassLabel`` keeps its names). Rows are read and written
one batch at a time: memory stays flat whatever the size of the data.
"""

from __future__ import annotations

import fcntl
import glob
import os
import reprlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
from datasets import Dataset, Features, IterableDataset, config
from datasets.arrow_writer import OptimizedTypedSequence, ParquetWriter
from datasets.features.features import FeatureType, generate_from_arrow_type, require_decoding, require_storage_embed
from datasets.table import cast_array_to_feature, embed_table_storage
from datasets.utils.py_utils import convert_file_size_to_int

from hfaug.locks import lock_folder, remove_locked_folder

_PARTIAL_SUFFIX = ".incomplete"
_SHOWN_SHARDS = 3
"""The most names of earlier shards an error lists."""
_TYPE_THE_STREAM = (
    "type the stream with features that hold all its values: features= where it is made (load_dataset, "
    "IterableDataset.from_generator) or stream.cast(features)"
)


class ShardWriter:
    """Appends batches to Parquet shards, starting a new shard once one holds ``max_shard_size`` (uncompressed Arrow
    bytes); a batch is never split, so a shard may exceed it by up to a batch.

    Shards are written in a hidden folder ``.hfaug-<split>.incomplete`` (which `datasets` never
    reads) and get their final names (``<split>-<index>-of-<count>.parquet``) in :meth:`close`,
    once their count is known. A folder that already holds shards of the split, or where another
    writer is writing the split, is refused (a `FileExistsError`): the folder would be read back
    as the rows of both. The writer holds the split with a lock that the system releases when its
    process ends, however it ends; the next writer of the split removes what a killed one left.

    Args:
        directory (`str` or `os.PathLike`): Folder of the shards (created if needed).
        split (`str`, defaults to `"train"`): Split name, the prefix of the file names.
        features (`datasets.Features`, *optional*): Features of the rows; inferred from the
            first batch (as `datasets` does) when not given. A value that they cannot hold unchanged
            (2.5 in an ``int64`` column, a struct key they lack) is refused with a `TypeError`.
        max_shard_size (`int` or `str`, defaults to `"500MB"`): Size at which a new shard starts.

    Example:
        >>> with ShardWriter("out/data", split="train", features=ds.features) as writer:
        ...     for batch in ds.iter(batch_size=1000):
        ...         writer.write(batch)
        >>> writer.paths
        [PosixPath('out/data/train-00000-of-00001.parquet')]
    """

    def __init__(
        self,
        directory: str | os.PathLike,
        *,
        split: str = "train",
        features: Features | None = None,
        max_shard_size: int | str = config.MAX_SHARD_SIZE,
    ) -> None:
        self.directory = Path(directory)
        self.split = split
        self.features = features
        self._declared = features is not None
        self.max_shard_size = convert_file_size_to_int(max_shard_size)
        self.paths: list[Path] = []
        self.num_rows = 0
        self._partial: list[Path] = []
        self._writer: ParquetWriter | None = None
        self._shard_bytes = 0
        self._staging = self.directory / f".hfaug-{split}{_PARTIAL_SUFFIX}"
        self._lock: int | None = self._claim_split()  # None once released

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def write(self, batch: dict[str, list[Any]] | pa.Table) -> pa.Table:
        """Append a batch (a dict of lists as ``IterableDataset.iter`` yields, or an Arrow table
        of the dataset's storage); returns it as the Arrow table that was written."""
        table = self._to_table(batch)
        if table.num_rows == 0:
            return table
        if self._writer is None or self._shard_bytes >= self.max_shard_size:
            self._open_shard()
        assert self._writer is not None
        self._writer.write_table(table)
        self._shard_bytes += table.nbytes
        self.num_rows += table.num_rows
        return table

    def close(self) -> list[Path]:
        """Finish the last shard and give every shard its final name; returns their paths.
        Where that fails, the shards are removed as by :meth:`abort`."""
        try:
            self._name_shards()
        except BaseException:
            self.abort()
            raise
        self._release_split()
        return self.paths

    def abort(self) -> None:
        """Stop writing and remove the shards written so far."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._partial = []
        self._release_split()

    def _name_shards(self) -> None:
        if self._writer is None:
            if self.features is None:
                raise ValueError(
                    f"no rows to write for split {self.split!r} and no features to write an empty shard with; "
                    "pass features= or check that the dataset is not empty"
                )
            self._open_shard()  # an empty shard that still records the schema
        self._finish_shard()
        count = len(self._partial)
        for index, partial in enumerate(self._partial):
            final = self.directory / f"{self.split}-{index:05d}-of-{count:05d}.parquet"
            partial.replace(final)
            self.paths.append(final)
        self._partial = []

    def _claim_split(self) -> int:
        """Hold the split's staging folder, emptied of what a killed writer left; refuse a split that
        another writer holds, or whose shards the folder already has."""
        lock = lock_folder(self._staging, fcntl.LOCK_EX | fcntl.LOCK_NB, fresh=True)
        if lock is None:
            raise FileExistsError(
                f"another writer is writing shards of split {self.split!r} in {str(self.directory)!r}, which would be "
                "read back with the new ones; wait until it ends, or pass another folder or split"
            )
        try:
            self._refuse_earlier_shards()
        except BaseException:
            remove_locked_folder(self._staging, lock)
            raise
        return lock

    def _release_split(self) -> None:
        """Remove the staging folder (and any shard left in it), then let another writer have the split."""
        if self._lock is not None:
            remove_locked_folder(self._staging, self._lock)
            self._lock = None

    def _refuse_earlier_shards(self) -> None:
        earlier = sorted(self.directory.glob(f"{glob.escape(self.split)}-[0-9]*-of-[0-9]*.parquet"))
        if earlier:
            names = ", ".join(path.name for path in earlier[:_SHOWN_SHARDS])
            more = ", ..." if len(earlier) > _SHOWN_SHARDS else ""
            raise FileExistsError(
                f"{str(self.directory)!r} already holds shards of split {self.split!r} ({names}{more}), "
                "which would be read back with the new ones; delete them, or pass another folder or split"
            )

    def _to_table(self, batch: dict[str, list[Any]] | pa.Table) -> pa.Table:
        """The batch as written: typed by the features, with the images and audio that cells name by a path or a URL
        read into them (as in a version folder), so that the shards read back wherever they are moved."""
        if self.features is None:
            self.features = inferred_features(batch)
        table = typed_table(batch, self.features, self.num_rows, self.split, declared=self._declared)
        if not any(map(require_storage_embed, self.features.values())):
            return table
        try:
            return embed_table_storage(table)
        except OSError as error:  # no such file, a folder, a URL out of reach
            named = error.filename or (error.args[-1] if error.args else None)
            raise OSError(
                f"a cell of split {self.split!r} names {named!r} ({type(error).__name__}), which cannot be read to write "
                "its bytes into the shards; fix the path, or drop such rows first"
            ) from None

    def _open_shard(self) -> None:
        self._finish_shard()
        partial = self._staging / f"{len(self._partial):05d}.parquet"
        self._partial.append(partial)
        self._writer = ParquetWriter(features=self.features, path=str(partial))
        self._shard_bytes = 0

    def _finish_shard(self) -> None:
        if self._writer is not None:
            self._writer.finalize()
            self._writer = None


def inferred_features(batch: dict[str, list[Any]] | pa.Table) -> Features:
    """The features of a first batch: those of its Arrow types, or those `datasets` infers from its values."""
    if isinstance(batch, pa.Table):
        return Features.from_arrow_schema(batch.schema)
    return Dataset.from_dict(dict(batch)).features


def typed_table(
    batch: dict[str, list[Any]] | pa.Table, features: Features, rows_written: int, split: str, *, declared: bool = False
) -> pa.Table:
    """``batch`` as an Arrow table of the types of ``features``, its values unchanged: a Python batch is
    built with the types of its own values (media encoded as stored, e.g. PIL images as bytes), then each
    column is cast safely; a column the batch lacks is None. Raises a `TypeError` that says how to type
    the data for a value or column the types cannot hold (placed in ``split`` by ``rows_written``, the
    rows written before the batch). Features inferred from a first batch keep each value's kind (no text
    read as a number, no number as a bool or a text); ``declared`` ones, given with the data, convert
    between kinds as `datasets` does (``True`` in an ``int64`` column is 1), never losing precision."""
    _refuse_values_in_null_columns(batch, features, rows_written, split)
    rows = batch if isinstance(batch, pa.Table) else _encoded(batch, features)
    table = _own_typed_table(rows, features)
    _refuse_columns_without_type(table.column_names, features, rows_written, split)
    columns = []
    for name, feature in features.items():
        column = table[name] if name in table.column_names else pa.nulls(table.num_rows)
        cast = _cast_unchanged(column, feature, kinds_kept=not declared)
        if cast is None:
            raise _changed_value_error(rows, name, feature, rows_written, split, kinds_kept=not declared)
        columns.append(cast)
    return pa.Table.from_arrays(columns, schema=features.arrow_schema)


def _encoded(batch: dict[str, list[Any]], features: Features) -> dict[str, list[Any]]:
    """``batch`` with the values of its media columns (Image, Audio, ...) encoded as ``features`` store them."""
    return {
        name: features.encode_column(values, name) if name in features and require_decoding(features[name]) else values
        for name, values in batch.items()
    }


def _own_typed_table(rows: dict[str, list[Any]] | pa.Table, features: Features) -> pa.Table:
    """``rows`` as an Arrow table of the types `datasets` infers from their values (an Arrow table as it
    is); a column whose values no inferred type holds (integers past ``int64``) gets its type in ``features``."""
    if isinstance(rows, pa.Table):
        return rows
    return pa.Table.from_pydict({name: _own_typed(values, name, features) for name, values in rows.items()})


def _own_typed(values: list[Any], name: str, features: Features | None = None) -> pa.Array:
    """``values`` of column ``name`` as an Arrow array of the type `datasets` infers from them, or of its
    type in ``features`` where inference cannot hold them (``uint64`` values past ``int64``)."""
    try:
        return pa.array(OptimizedTypedSequence(values, col=name))
    except (OverflowError, pa.ArrowInvalid):
        if features is None or name not in features:
            raise
        return pa.array(values, type=features.arrow_schema.field(name).type)


def _cast_unchanged(
    column: pa.Array | pa.ChunkedArray, feature: FeatureType, *, kinds_kept: bool = True
) -> pa.Array | pa.ChunkedArray | None:
    """``column`` cast to ``feature`` by `datasets` (safely: nothing truncated, no struct key dropped), or
    ``None`` when that fails or changes a value (text of digits read as a number, a number as a bool), or,
    with ``kinds_kept``, the kind of a value at any depth (a number as a text)."""
    try:
        cast = cast_array_to_feature(column, feature)
    except (TypeError, ValueError, NotImplementedError):  # also pyarrow's ArrowTypeError, ArrowInvalid, ...
        return None
    if kinds_kept and not _same_kinds(column.type, cast.type):
        return None
    return cast if _reads_back(column, cast) else None


def _reads_back(column: pa.Array | pa.ChunkedArray, cast: pa.Array | pa.ChunkedArray) -> bool:
    """Whether the values of a column of one scalar type read back from ``cast``, of another, as they
    were; a float narrowed to another float type keeps the precision that type asks for."""
    kinds = (column.type, cast.type)
    if column.type == cast.type or not all(map(_is_scalar, kinds)) or all(map(pa.types.is_floating, kinds)):
        return True
    return cast.cast(column.type, safe=False).equals(column)


def _same_kinds(given: pa.DataType, stored: pa.DataType) -> bool:
    """Whether values of type ``given`` keep their kind in ``stored`` at every depth: lists' items, structs'
    fields (which ``stored`` must have); a null fits any kind, and an integer a text (its digits, as a CSV
    column of codes reads in a chunk of digits only)."""
    given, stored = (kind.storage_type if isinstance(kind, pa.ExtensionType) else kind for kind in (given, stored))
    if pa.types.is_dictionary(given):  # dictionary-encoded values are their values
        given = given.value_type
    if pa.types.is_null(given) or (pa.types.is_integer(given) and _kind(stored) == "text"):
        return True
    if pa.types.is_struct(given) and pa.types.is_struct(stored):
        fields = {field.name: field.type for field in stored}
        return all(field.name in fields and _same_kinds(field.type, fields[field.name]) for field in given)
    if _is_list(given) and _is_list(stored):
        return _same_kinds(given.value_type, stored.value_type)
    return _kind(given) == _kind(stored)


def _is_list(kind: pa.DataType) -> bool:
    return pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_fixed_size_list(kind)


def _kind(kind: pa.DataType) -> str:
    """``text``, ``number``, ``bool``, ``bytes``, ``time``, or the type itself for anything else."""
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        return "text"
    if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        return "number"
    if pa.types.is_boolean(kind):
        return "bool"
    if pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_binary_view(kind):
        return "bytes"
    if pa.types.is_temporal(kind):
        return "time"
    return str(kind)


def _is_scalar(kind: pa.DataType) -> bool:
    """Whether ``kind`` is the type of single values (a number, a text, a date), not null nor nested."""
    return not (pa.types.is_nested(kind) or pa.types.is_null(kind) or isinstance(kind, pa.ExtensionType))


def _changed_value_error(
    rows: dict[str, list[Any]] | pa.Table, name: str, feature: FeatureType, rows_written: int, split: str, *, kinds_kept: bool
) -> TypeError:
    """The error for the first of ``rows`` whose value in column ``name`` ``feature`` cannot hold unchanged."""
    if isinstance(rows, pa.Table):
        values = [rows[name].slice(index, 1) for index in range(rows.num_rows)]
    else:
        values = [_own_typed([value], name) for value in rows[name]]
    changed = (index for index, value in enumerate(values) if _cast_unchanged(value, feature, kinds_kept=kinds_kept) is None)
    index = next(changed, 0)
    value = values[index]
    return TypeError(
        f"column {name!r} of split {split!r} cannot hold {reprlib.repr(value[0].as_py())} (row index "
        f"{rows_written + index}, a {generate_from_arrow_type(value.type)}) unchanged in its type {feature}, which "
        f"comes from the stream's features or, where it has none, its first batch; {_TYPE_THE_STREAM}"
    )


def _refuse_columns_without_type(columns: list[str], features: Features, rows_written: int, split: str) -> None:
    """Raise a `TypeError` that says how to type the data when a batch has columns that ``features`` lack."""
    extra = [name for name in columns if name not in features]
    if extra:
        named = f"a column {extra[0]!r}" if len(extra) == 1 else f"columns {', '.join(map(repr, extra))}"
        raise TypeError(
            f"split {split!r} has {named} from row index {rows_written} that its types do not have (they have "
            f"{', '.join(map(repr, features))}), which come from the stream's features or, where it has none, its "
            f"first batch; {_TYPE_THE_STREAM}"
        )


def _refuse_values_in_null_columns(
    batch: dict[str, list[Any]] | pa.Table, features: Features, rows_written: int, split: str
) -> None:
    """Raise a `TypeError` that says how to type a column when ``batch`` has values in a column
    of type null (inferred from a first batch with only None in it: a file's types cannot change)."""
    columns = batch.column_names if isinstance(batch, pa.Table) else list(batch)
    for name in columns:
        if getattr(features.get(name), "dtype", None) == "null" and _has_values(batch[name]):
            raise TypeError(
                f"column {name!r} of split {split!r} has type null, as its first {rows_written} values were all None "
                f"and the data has no features to type it, so its values cannot be written. Type the stream where it "
                f"is made (features= of load_dataset or IterableDataset.from_generator) or with stream.cast(features) "
                f"before augmenting or writing it, or read batches large enough that the first has a value in {name!r} "
                "(batch_size=)"
            )


def _has_values(values: list[Any] | pa.Array | pa.ChunkedArray) -> bool:
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values.null_count < len(values)
    return any(value is not None for value in values)


def iter_tables(dataset: Dataset | IterableDataset, batch_size: int = 1000) -> Iterator[dict[str, list[Any]] | pa.Table]:
    """The batches of ``dataset`` in order, in the cheapest form for :meth:`ShardWriter.write`:
    Arrow tables of a `Dataset`, dicts of lists of an `IterableDataset` (whose map functions
    produce Python values)."""
    if isinstance(dataset, IterableDataset):
        return dataset.iter(batch_size=batch_size)
    return dataset.with_format("arrow").iter(batch_size=batch_size)


def write_parquet_shards(
    dataset: Dataset | IterableDataset,
    directory: str | os.PathLike,
    *,
    split: str = "train",
    max_shard_size: int | str = config.MAX_SHARD_SIZE,
    batch_size: int = 1000,
    on_batch: Callable[[pa.Table], None] | None = None,
) -> list[Path]:
    """Write ``dataset`` as Parquet shards ``DIRECTORY/<split>-XXXXX-of-YYYYY.parquet``, one
    batch at a time (a streamed dataset is read once and never held in memory), with the images
    and audio that cells name by a path or a URL read into them.

    Args:
        dataset (`Dataset` or `IterableDataset`): What to write.
        directory (`str` or `os.PathLike`): Folder of the shards; one that already holds shards of
            ``split``, or where another writer is writing ``split``, is refused (a `FileExistsError`)
            before anything is read.
        split (`str`, defaults to `"train"`): Split name, the prefix of the file names.
        max_shard_size (`int` or `str`, defaults to `"500MB"`): Size at which a new shard starts.
        batch_size (`int`, defaults to 1000): Rows read and written at a time.
        on_batch (`Callable[[pyarrow.Table], None]`, *optional*): Called with each batch as
            written, e.g. to compute statistics in the same single pass.

    Returns:
        The paths of the shards, in row order.

    Example:
        >>> stream = load_dataset("json", data_files="big.jsonl", split="train", streaming=True)
        >>> hfaug.write_parquet_shards(hfaug.augment(stream, hfaug.synonym, n=4), "out/data")
    """
    if not isinstance(dataset, (Dataset, IterableDataset)):
        raise TypeError(
            f"write_parquet_shards: expected a Dataset or IterableDataset, got {type(dataset).__name__}; build one, "
            "e.g. Dataset.from_list(rows), or pass one split of a dict (ds['train'])"
        )
    with ShardWriter(directory, split=split, features=dataset.features, max_shard_size=max_shard_size) as writer:
        for batch in iter_tables(dataset, batch_size):
            table = writer.write(batch)
            if on_batch is not None and table.num_rows:
                on_batch(table)
    return writer.paths
