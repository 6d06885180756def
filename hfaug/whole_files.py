"""Files written whole or not at all: a write that stops half-way (Ctrl-C, a crash, a full disk) leaves the file
that was there."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a new file of a name of its own beside it (never one that is there: a link
    would be written through), so that a write that fails (a full disk) leaves the file that was there."""
    partial = path.with_name(f".{path.name}.{secrets.token_hex(8)}.partial")
    handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the file's mode, as the umask gives
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
