"""The errors of `datasets` on data it cannot read, told in one line naming the file or folder and why: its content,
or a system failure that is no fault of it."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from hfaug.errors import HfaugError
from hfaug.sources.text_encoding import not_utf8

_FILE_LOADERS_LOGGER = "datasets.packaged_modules"  # the parent of the json, csv and parquet loaders' loggers


@contextlib.contextmanager
def unreadable_told(where: str, files: list[Path]) -> Iterator[None]:
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
            raise not_utf8(where, files, f"byte 0x{cause.object[cause.start]:02x}") from error
        reason = " ".join(str(cause).split())[:300].rstrip(".")
        raise HfaugError(
            f"cannot read the data in {where}: {type(cause).__name__}: {reason}. "
            "Fix the data, or give a .csv/.tsv/.json/.jsonl/.parquet/.arrow file, a dataset folder or a Hub id"
        ) from error


def _system_error(where: str, cause: OSError) -> HfaugError:
    """The error of a system failure while `datasets` read ``where`` (a full or read-only cache disk): not the
    file's content, as :func:`unreadable_told` would say."""
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
def file_loader_errors_unlogged() -> Iterator[None]:
    """Keep the file loaders of `datasets` from logging the error of a file they cannot read, which
    :func:`unreadable_told` tells in one line naming the file; their logger's level is restored after."""
    logger = logging.getLogger(_FILE_LOADERS_LOGGER)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)
