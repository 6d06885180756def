"""Data whose text is not UTF-8 (a file saved as Windows-1252, an office program's lock file), refused naming the
file."""

from __future__ import annotations

import codecs
from pathlib import Path

from datasets import Dataset

from hfaug.errors import HfaugError
from hfaug.sources.data_files import TEXT_SUFFIXES, is_office_lock

_SAVE_AS_UTF8 = "save it as UTF-8 (in Excel: Save As 'CSV UTF-8')"


def refuse_text_not_utf8(split: Dataset, where: str, files: list[Path]) -> None:
    """Refuse a split read from ``files`` whose text is not UTF-8 (a JSON file saved as Windows-1252, which pyarrow
    reads as it is): it would fail later, with an error naming no file."""
    import pyarrow as pa

    for column, values in zip(split.column_names, split.data.table.columns):
        try:
            values.validate(full=True)
        except pa.ArrowInvalid as error:
            if "UTF8" not in str(error):
                raise
            raise not_utf8(where, files, f"column {column!r}") from None


def not_utf8(where: str, files: list[Path], detail: str) -> HfaugError:
    """The error of text that is not UTF-8 in the data ``files``, naming the first text file among them that is not
    (else ``where`` the data is), with ``detail`` on where in it."""
    culprit = next((file for file in files if not _is_utf8(file)), None)
    if culprit is not None and is_office_lock(culprit.name):
        return HfaugError(
            f"{str(culprit)!r} is the lock file of a file open in Excel or another office program, not data: close "
            "that file, or delete the lock file"
        )
    named = where if culprit is None else repr(str(culprit))
    return HfaugError(f"{named} is not UTF-8 text ({detail}); {_SAVE_AS_UTF8}")


def _is_utf8(file: Path) -> bool:
    """Whether ``file`` is UTF-8 text, or no text file (a Parquet or compressed one, which this does not read)."""
    if file.suffix.lower() not in TEXT_SUFFIXES:
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
