"""The checks that refuse a text data file whose content its name would have `datasets` misread: Parquet or
Arrow data named as text, JSON named as CSV and CSV as JSON, a CSV file separated by semicolons or tabs."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path
from typing import BinaryIO

from hfaug.errors import HfaugError
from hfaug.sources.data_files import TEXT_SUFFIXES, row_loader

_SEPARATORS = {";": "semicolons", "\t": "tabs"}
_BINARY_TYPES = {
    b"PAR1": ("Parquet", ".parquet", b"PAR1"),
    b"ARROW1": ("Arrow", ".arrow", b"ARROW1"),
    b"\xff\xff\xff\xff": ("Arrow", ".arrow", b""),
}
"""The first bytes of the binary data files `datasets` reads (Arrow's file and stream formats), with their type and
the bytes they end with: Parquet and Arrow files end as they start, which tells them from text that starts so (a CSV
header naming the gene PAR1)."""
_FIRST_LINE_BYTES = 1 << 16
"""The most bytes of a text file's first line read to tell its type by."""


def refuse_content_of_another_type(files: list[Path]) -> None:
    """Refuse a file among ``files`` named as text (``.csv``, ``.jsonl``) that holds another type of data: Parquet or
    Arrow, JSON named as CSV, CSV named as JSON. `datasets` reads each by its name, so it fails on bytes that are not
    UTF-8 or on a parse error, naming neither, or reads JSON Lines as columns of CSV."""
    for file in files:
        loader = row_loader(file.name)
        if file.suffix.lower() not in TEXT_SUFFIXES or loader is None:  # a compressed file is read as it decompresses
            continue
        with open(file, "rb") as data:
            first = data.readline(_FIRST_LINE_BYTES)
            found = (binary for magic, binary in _BINARY_TYPES.items() if first.startswith(magic))
            kind, extension, last = next(found, (None, "", b""))
            if kind is not None and _ends_with(file, last):
                raise HfaugError(
                    f"{str(file)!r} is a {kind} file, not {file.suffix} as its name says; rename it to "
                    f"{file.stem}{extension}"
                )
            data.seek(0)
            try:
                line, cut = _first_line_not_blank(data)
            except UnicodeDecodeError:  # which reading the file tells
                continue
        if loader[0] == "csv" and (_is_json(line) or cut and line.startswith(("{", "["))):
            values = "tab-separated" if loader[1].get("sep") == "\t" else "comma-separated"
            raise HfaugError(f"{str(file)!r} holds JSON, not {values} values as its name says; rename it to {file.stem}.jsonl")
        if loader[0] == "json" and line and not line.startswith(("{", "[")):
            raise HfaugError(
                f"{str(file)!r} holds no JSON rows (its first line reads {line[:80]!r}); rename it to {file.stem}.csv "
                "if it is CSV"
            )


def _first_line_not_blank(data: BinaryIO) -> tuple[str, bool]:
    """The first line of the open file ``data`` that is not blank, stripped, at most ``_FIRST_LINE_BYTES`` of it,
    and whether it is longer: the CSV reader skips blank lines, so they tell nothing of a file's type."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()  # which holds back a character the cut splits
    line, cut = "", False
    while not line and (read := data.readline(_FIRST_LINE_BYTES)):
        line, cut = decoder.decode(read).strip(), len(read) == _FIRST_LINE_BYTES and not read.endswith(b"\n")
    return line, cut


def _ends_with(file: Path, last: bytes) -> bool:
    """Whether ``file`` ends with the bytes ``last``."""
    with open(file, "rb") as data:
        data.seek(0, os.SEEK_END)
        data.seek(max(data.tell() - len(last), 0))
        return data.read() == last


def _is_json(line: str) -> bool:
    """Whether ``line``, the first of a file, is a JSON object or list, or opens one (pretty-printed JSON)."""
    if line in ("{", "["):
        return True
    try:
        return isinstance(json.loads(line), (dict, list))
    except ValueError:
        return False


def refuse_other_separators(files: list[Path]) -> None:
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
