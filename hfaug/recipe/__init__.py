"""Recipes: a YAML description of how to augment a dataset, validated before any work.

A recipe names augmenters and filters by their registry names only; loading one never runs
code (``yaml.safe_load``). ``recipe.apply(ds)`` returns the augmented dataset with its
content-derived ``version``, its ``stats`` and its ``manifest``.

Example recipe::

    name: clinc150-intents
    column: text
    label_column: intent
    augmenters:
      - name: synonym
        p: 0.15
      - eda.swap
    n: 4
    seed: 13
    filters:
      - name: duplicates

One job a module: reading a recipe file (:mod:`.yaml_loading`), checking and canonicalizing its fields
(:mod:`.validation`, with the recipe's own fields in :mod:`.fields` and its augmenter and filter entries in
:mod:`.entries`), and the options that ``recipe.apply`` takes (:mod:`.run_options`). The types of fields and
parameters are checked by :mod:`hfaug.recipe_schema`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from hfaug import registry
from hfaug.augmenter import Augmenter
from hfaug.compose import OneOf, Sequential
from hfaug.errors import closest
from hfaug.held_out import default_splits
from hfaug.recipe.run_options import RUN_OPTIONS, check_run_options
from hfaug.recipe.validation import validated
from hfaug.recipe.yaml_loading import UniqueKeyLoader, indentation_hint
from hfaug.recipe_schema import FIELDS, RecipeError
from hfaug.shipped import SUFFIX, shipped_recipes

if TYPE_CHECKING:
    from datasets import Dataset, DatasetDict, IterableDataset, IterableDatasetDict

    from hfaug.filters import Filter
    from hfaug.versioned.dataset_types import VersionedDataset, VersionedDatasetDict

__all__ = ["RUN_OPTIONS", "Recipe", "RecipeError"]


@dataclass(frozen=True)
class Recipe:
    """A validated augmentation recipe. Build it with :meth:`from_yaml`, :meth:`from_dict` or directly
    (``Recipe(column="text", augmenters=["synonym"])``): every way validates it the same.

    Augmenter and filter entries are stored in canonical form: ``{"name": ..., **parameters}``
    with every parameter spelled out (defaults included), so two recipes that mean the same
    thing compare equal and give the same version id.

    Args:
        column (`str`): The column to augment.
        augmenters (`list[str or dict]`): Augmenters by registry name (``"synonym"``), or with their parameters
            (``{"name": "synonym", "p": 0.2}``); stored as the latter, every parameter spelled out.
        name (`str`, *optional*): Short name; prefixes the version id.
        description (`str`, *optional*): Shown in the dataset card.
        license (`str`, *optional*): Licence id written in the dataset card metadata.
        label_column (`str`, *optional*): The label column (filters, previews).
        mode (`str`, defaults to `"one_of"`): `"one_of"` draws one augmenter per copy,
            `"sequence"` applies all of them to every copy.
        weights (`list[float]`, *optional*): Relative probabilities of the augmenters (`one_of`), stored
            as probabilities, rounded to 12 decimals (``[1, 3]`` as ``(0.25, 0.75)``); without them, or with equal
            ones (stored as none), each is drawn equally often.
        n (`int`, defaults to 1): Augmented copies per source row.
        keep_original (`bool`, defaults to `True`): Keep the source rows in the output.
        seed (`int`, defaults to 0): Seed of the row-keyed generators, from 0 to 2**64 - 1.
        on_error (`str`, defaults to `"keep"`): `"keep"`, `"skip"` or `"raise"` for rows that
            cannot be augmented.
        splits (`list[str]`, *optional*): Splits to augment; by default every split but the held-out
            ones (test, validation, dev, eval, ...: `hfaug.held_out.HELD_OUT_RULE`), which are augmented
            only when listed here. Stored sorted, each once.
        filters (`list[str or dict]`, defaults to `[]`): Quality filters by registry name, or with their
            parameters (see `hfaug.filters`), applied in order to the augmented rows.
        path (`str`, *optional*): Where the recipe came from, for messages (set by :meth:`from_yaml`).

    Example:
        >>> recipe = hfaug.Recipe.from_yaml("recipes/clinc150-intents.yaml")
        >>> out = recipe.apply(ds)
        >>> out.version, out.stats["augmenters"]
    """

    column: str
    augmenters: tuple[dict[str, Any], ...]
    name: str | None = None
    description: str | None = None
    license: str | None = None
    label_column: str | None = None
    mode: str = "one_of"
    weights: tuple[float, ...] | None = None
    n: int = 1
    keep_original: bool = True
    seed: int = 0
    on_error: str = "keep"
    splits: tuple[str, ...] | None = None
    filters: tuple[dict[str, Any], ...] = ()
    path: str | None = field(default=None, compare=False)

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_yaml(cls, path: str | Path) -> Recipe:
        """Read and validate a recipe file (``yaml.safe_load``: plain data only).

        Args:
            path (`str` or `Path`): The YAML file, or the name of a shipped recipe (``"sst2-eda"``, as
                ``hfaug recipes`` lists them) where there is no such file.

        Raises:
            FileNotFoundError: When it is neither, naming the shipped recipes, or the path is empty
                (`IsADirectoryError` for a folder).
            RecipeError: When it is not UTF-8, not valid YAML or not a valid recipe.
        """
        shipped = shipped_recipes()
        named = f", or the name of a shipped recipe: {', '.join(shipped)}" if shipped else ""
        if path == "":  # Path("") is the working folder
            raise FileNotFoundError(f"recipe path is empty; pass the path of a recipe YAML file{named}")
        if str(path) in shipped and not Path(path).is_file():  # a folder is not a recipe file
            with resources.as_file(shipped[str(path)]) as file:
                return cls.from_yaml(file)
        path = Path(path)
        if path.is_dir():
            found = sorted(entry.name for entry in path.glob("*.y*ml"))
            hint = f" (it holds {', '.join(found)})" if found else ""
            raise IsADirectoryError(f"recipe {str(path)!r} is a folder{hint}; pass the path of a recipe YAML file")
        if not path.exists():  # a pipe (/dev/stdin, <(...)) is read as a file is
            hint = closest(path.name.removesuffix(SUFFIX), shipped)
            raise FileNotFoundError(
                f"recipe file {str(path)!r} not found; pass the path of a recipe YAML file{named}{'.' if hint else ''}{hint}"
            )
        text = ""
        try:
            text = path.read_text(encoding="utf-8")
            data = yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader
        except UnicodeDecodeError as error:
            raise RecipeError(
                f"recipe {str(path)!r} is not UTF-8 text (byte {error.object[error.start]:#04x} at position "
                f"{error.start}); save it as UTF-8"
            ) from None
        except RecursionError:
            raise RecipeError(
                f"recipe {str(path)!r} nests lists and mappings deeper than YAML can read; write it flatter"
            ) from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
            if isinstance(error, yaml.reader.ReaderError):  # a character YAML takes nowhere: told by its place in the text
                where = f" at line {text.count(chr(10), 0, error.position) + 1}"
            problem = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise RecipeError(f"recipe {str(path)!r} is not valid YAML{where}: {problem}{indentation_hint(error)}") from None
        return cls.from_dict(data, origin=str(path))

    @classmethod
    def from_dict(cls, data: Any, *, origin: str | None = None) -> Recipe:
        """Validate a recipe given as a mapping (e.g. parsed YAML).

        Every problem is reported at once, in one :class:`RecipeError` message: unknown fields,
        augmenters or filters (with the closest known name), unknown parameters (with the
        parameters taken), and values of the wrong type (naming the field).

        Args:
            data (`dict`): The recipe.
            origin (`str`, *optional*): Where it came from, for messages (e.g. the file path).
        """
        label = _label(origin)
        if not isinstance(data, dict):
            got = "nothing (it is empty)" if data is None else type(data).__name__
            raise RecipeError(f"{label} must be a mapping of fields (column, augmenters, n, ...), got {got}")
        recipe = object.__new__(cls)  # validated here, and not a second time by __init__
        recipe._store({**validated(data, label), "path": origin})
        return recipe

    def __init__(
        self,
        column: str,
        augmenters: Sequence[str | dict[str, Any]],
        name: str | None = None,
        description: str | None = None,
        license: str | None = None,
        label_column: str | None = None,
        mode: str = "one_of",
        weights: Sequence[float] | None = None,
        n: int = 1,
        keep_original: bool = True,
        seed: int = 0,
        on_error: str = "keep",
        splits: Sequence[str] | None = None,
        filters: Sequence[str | dict[str, Any]] = (),
        path: str | None = None,
    ) -> None:
        """Validate a recipe built directly (``Recipe(column="text", augmenters=["synonym"])``) as
        :meth:`from_dict` does, and keep its canonical form (the fields hold tuples and canonical entries)."""
        given = locals()  # the parameters by name
        self._store({**validated({key: given[key] for key in FIELDS}, _label(path)), "path": path})

    def __hash__(self) -> int:
        """The hash of the canonical form, as equality compares it (its entries are dicts, which do not hash)."""
        return hash(_hashable(self.to_dict()))

    def _store(self, values: dict[str, Any]) -> None:
        """Set the fields of this frozen dataclass to ``values``."""
        for key, value in values.items():
            object.__setattr__(self, key, value)

    # ------------------------------------------------------------------ canonical form
    def to_dict(self) -> dict[str, Any]:
        """The canonical recipe: every field, defaults included, in schema order."""
        data = {key: value for key, value in asdict(self).items() if key in FIELDS}
        for key in ("augmenters", "filters", "weights", "splits"):
            if data[key] is not None:
                data[key] = [copy.deepcopy(dict(item)) if isinstance(item, dict) else item for item in data[key]]
        return {key: data[key] for key in FIELDS}

    def to_yaml(self) -> str:
        """The canonical recipe as YAML (``Recipe.from_dict(yaml.safe_load(r.to_yaml())) == r``)."""
        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True)

    # ------------------------------------------------------------------ building
    def build_augmenters(self) -> list[Augmenter]:
        """The recipe's augmenters, each built from its registry name and parameters."""
        return [
            registry.get(entry["name"], **_params(entry), column=self.column, seed=self.seed, on_error=self.on_error)
            for entry in self.augmenters
        ]

    def build_augmenter(self) -> Augmenter:
        """The one augmenter that makes the recipe's ``n`` copies per row (and keeps the originals
        when the recipe does)."""
        keep = self.keep_original
        children = self.build_augmenters()
        if len(children) == 1:
            return children[0].replace(n=self.n, keep_original=keep)
        common: dict[str, Any] = {
            "column": self.column, "n": self.n, "keep_original": keep, "seed": self.seed, "on_error": self.on_error
        }
        if self.mode == "sequence":
            return Sequential(children, **common)
        return OneOf(children, weights=None if self.weights is None else list(self.weights), **common)

    def build_filters(self) -> list[Filter]:
        """The recipe's filters, each built from its registry name and parameters."""
        from hfaug import filters

        return [filters.get(entry["name"], **_params(entry)) for entry in self.filters]

    def chosen_splits(self, available: list[str]) -> list[str]:
        """The splits among ``available`` this recipe augments.

        Raises:
            RecipeError: When the recipe lists a split that is not there.
        """
        if self.splits is None:
            return default_splits(available)
        missing = [name for name in self.splits if name not in available]
        if missing:
            hint = "".join(closest(name, available) for name in missing)
            raise RecipeError(
                f"{_label(self.path) if self.path else 'the recipe'} augments split(s) {missing}, which the dataset "
                "does not have; "
                f"it has {available}.{hint} Fix the recipe's 'splits' field or pass another dataset"
            )
        return [name for name in available if name in self.splits]

    # ------------------------------------------------------------------ applying
    def apply(
        self,
        dataset: Dataset | DatasetDict | IterableDataset | IterableDatasetDict,
        *,
        source: dict[str, Any] | None = None,
        samples: int = 12,
        **augment_kwargs: Any,
    ) -> VersionedDataset | VersionedDatasetDict:
        """Augment ``dataset`` as the recipe says.

        Args:
            dataset (`Dataset`, `DatasetDict`, `IterableDataset` or `IterableDatasetDict`): The source data.
                Of a `DatasetDict`, only the recipe's splits are augmented; the others (by default the held-out
                splits: test, validation, dev, eval, ...) come back as they are. A streamed `IterableDataset`
                or `IterableDatasetDict` is first written to disk batch by batch and memory-mapped
                (`hfaug.streaming.materialize`), so memory stays flat; the version id is the one the same
                data gets without streaming.
                A split to augment that already holds augmented copies (``hfaug_copy > 0``) is
                refused with a `RecipeError`: apply the recipe to the source rows.
            source (`dict`, *optional*): What the data is (e.g. ``{"kind": "hub", "id": ...,
                "revision": ...}``), recorded in the manifest and the card. Not part of the
                version id: the content fingerprint of the rows given stands for the data.
            samples (`int`, defaults to 12): Source rows kept as before/after samples for the
                card and the preview.
            augment_kwargs: How to run it, passed to `hfaug.augment`: ``num_proc``,
                ``batch_size``, ``engine="ray"`` with ``concurrency``, ... (`RUN_OPTIONS`). Recipe
                fields (``n``, ``seed``, ``keep_original``, ...) and arguments that change the rows
                (``remove_columns``, ``drop_last_batch``, ...) are refused with a `TypeError`:
                the version id would not show them.

        Returns:
            A `VersionedDataset` (a `VersionedDatasetDict` for a dict): the same kind of dataset with the
            attributes ``version`` (`str`), ``stats`` (`dict`) and ``manifest`` (`dict`); see `hfaug.versioned`.
        """
        from hfaug.apply import apply_recipe

        check_run_options(augment_kwargs)
        return apply_recipe(self, dataset, source=source, samples=samples, **augment_kwargs)


def _hashable(value: Any) -> Any:
    """``value`` with its dicts as frozensets and its lists as tuples, equal where ``value`` is."""
    if isinstance(value, dict):
        return frozenset((key, _hashable(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(item) for item in value)
    return value


def _label(origin: str | None) -> str:
    """How messages name the recipe: by the file it came from, if any."""
    return f"recipe {origin!r}" if origin else "recipe"


def _params(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if key != "name"}
