"""The recipes shipped with hfaug (package ``hfaug.recipes``: the repository's ``recipes/``
folder), which :meth:`hfaug.Recipe.from_yaml` and ``hfaug apply`` take by name: ``hfaug apply sst2-eda --dataset ...``."""

from __future__ import annotations

import sys
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

PACKAGE = "hfaug.recipes"
SUFFIX = ".yaml"


def _folder() -> Traversable | None:
    """The folder of the shipped recipes; ``None`` in an editable install made before it was declared."""
    try:
        return resources.files(PACKAGE)
    except ModuleNotFoundError:
        return None


def shipped_recipes() -> dict[str, Traversable]:
    """The shipped recipe files by name (``sst2-eda``), sorted by name."""
    folder = _folder()
    files = sorted(folder.iterdir(), key=lambda file: file.name) if folder is not None else []
    return {file.name.removesuffix(SUFFIX): file for file in files if file.name.endswith(SUFFIX)}
