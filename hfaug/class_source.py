"""The source file of a class as it was when the class was defined, which is the code that runs.

A version id holds the source of the augmenters' and filters' classes from outside hfaug. A module
edited and saved after it was imported (a notebook's helper module, not reloaded) still runs the
code it was imported with: reading its file when a recipe is applied would give the edit's id to
the rows of the code before it. Its classes' files are read when the classes are defined instead (those of
the classes they derive from, a mixin of another module, with the first class derived from them).
"""

from __future__ import annotations

import inspect
import weakref
from pathlib import Path

_read_when_defined: weakref.WeakKeyDictionary[type, bytes] = weakref.WeakKeyDictionary()
NOT_HASHED = ("hfaug", "builtins", "typing", "abc")
"""Top-level packages whose classes a version id leaves out of its code (hfaug's is its own hash)."""


def remember_source(cls: type) -> None:
    """Read the files that define ``cls`` and the classes it derives from (those from outside hfaug and the
    standard modules a version id does not hash) as they are now, while ``cls`` is being defined; each class is
    read once, nothing for a class without a file (a notebook cell's)."""
    for base in cls.__mro__:
        if base not in _read_when_defined and base.__module__.partition(".")[0] not in NOT_HASHED:
            _remember(base)


def _remember(cls: type) -> None:
    """Keep the file that defines ``cls`` as it is now, if it has one."""
    try:
        _read_when_defined[cls] = _file_of(cls)
    except (OSError, TypeError):
        return


def source_of(cls: type) -> bytes:
    """The file that defines ``cls`` as it was when ``cls`` was defined (as it is now for a class defined before
    :func:`remember_source` saw it); raises OSError or TypeError where it has none."""
    source = _read_when_defined.get(cls)
    return source if source is not None else _file_of(cls)


def _file_of(cls: type) -> bytes:
    return Path(inspect.getfile(cls)).read_bytes()
