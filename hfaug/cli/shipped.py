"""The recipes shipped with hfaug (package ``hfaug.recipes``: the repository's ``recipes/``
folder), which ``hfaug apply`` takes by name: ``hfaug apply sst2-eda --dataset ...``."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from hfaug.errors import closest
from hfaug.recipe import Recipe

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


def load_recipe(argument: str) -> Recipe:
    """The recipe in the file ``argument``, or the shipped recipe of that name when there is no such file.

    Raises:
        FileNotFoundError: When it is neither (or empty), naming the shipped recipes and the closest.
    """
    shipped = shipped_recipes()
    if argument in shipped and not Path(argument).is_file():  # a folder is not a recipe file
        with resources.as_file(shipped[argument]) as path:
            return Recipe.from_yaml(path)
    try:
        return Recipe.from_yaml(argument)
    except FileNotFoundError as error:
        if not shipped:
            raise
        hint = closest(Path(argument).name.removesuffix(SUFFIX), shipped)
        raise FileNotFoundError(
            f"{error}, or the name of a shipped recipe: {', '.join(shipped)}{'.' if hint else ''}{hint}"
        ) from None
