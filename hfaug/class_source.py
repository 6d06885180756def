"""The source file of a class as it was when the class was defined, which is the code that runs.

A version id holds the source of the augmenters' and filters' classes from outside hfaug. A module
edited and saved after it was imported (a notebook's helper module, not reloaded) still runs the
code it was imported with: reading its file when a recipe is applied would give the edit's id to
the rows of the code before it. Its classes' files are read when the classes are defined instead.
"""

from __future__ import annotations

import inspect
import weakref
from pathlib import Path

_read_when_defined: weakref.WeakKeyDictionary[type, bytes] = weakref.WeakKeyDictionary()


def remember_source(cls: type) -> None:
    """Read the file that defines ``cls`` (from outside hfaug) as it is now, while the class is being defined;
    nothing for a class without one (a notebook cell's)."""
    if cls.__module__.partition(".")[0] == "hfaug":
        return
    try:
        _read_when_defined[cls] = Path(inspect.getfile(cls)).read_bytes()
    except (OSError, TypeError):
        return


def source_of(cls: type) -> bytes:
    """The file that defines ``cls`` as it was when ``cls`` was defined (as it is now for a class defined before
    :func:`remember_source` saw it); raises OSError or TypeError where it has none."""
    source = _read_when_defined.get(cls)
    return source if source is not None else Path(inspect.getfile(cls)).read_bytes()
