"""Files written whole or not at all: a write that stops half-way (Ctrl-C, a crash, a full disk) leaves the file
that was there."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a new file of a name of its own beside it (never one that is there: a link
    would be written through), so that a write that fails (a full disk) leaves the file that was there. A ``path``
    that is a link is written to its target, and the link stays; the file keeps the mode of the one it replaces."""
    target = Path(os.path.realpath(path))
    partial = target.with_name(f".{target.name}.{secrets.token_hex(8)}.partial")
    handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # a new file's mode, as the umask gives
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        if target.exists():
            shutil.copymode(target, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
