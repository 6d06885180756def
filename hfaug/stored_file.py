"""The encoded file behind a media cell, as `datasets` stores it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hfaug.errors import InvalidValue


def stored_file_bytes(value: Any, kind: str) -> bytes | None:
    """The file of a cell (``{"bytes", "path"}``, bytes or a path), or ``None`` for a decoded cell.

    Args:
        value (`Any`): The cell.
        kind (`str`): ``"image"`` or ``"audio"``, for messages.
    """
    if isinstance(value, dict):
        if value.get("bytes") is not None:
            return bytes(value["bytes"])
        value = value.get("path")
        if value is None:
            raise InvalidValue(f"the {kind} cell has neither bytes nor a path")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, (str, Path)):
        try:
            return Path(value).read_bytes()
        except OSError as error:
            raise InvalidValue(f"cannot read the {kind} file {os.fspath(value)!r}: {error}") from None
    return None
