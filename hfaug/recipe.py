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
"""

from __future__ import annotations

import collections.abc
import copy
import math
import re
import reprlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from hfaug import registry
from hfaug.augmenter import Augmenter
from hfaug.compose import OneOf, Sequential, _Composite
from hfaug.configurable import extra_parameters, python_numbers, required_parameters
from hfaug.errors import HfaugError, MissingDependency, closest
from hfaug.held_out import HELD_OUT_RULE, default_splits
from hfaug.media import MediaAugmenter
from hfaug.recipe_schema import (
    FIELDS,
    RECIPE_LEVEL_PARAMS,
    SPLIT_NAME,
    SPLIT_NAME_RULE,
    RecipeError,
    check_entry_params,
    check_fields,
    parameter_types,
    split_entry,
)
from hfaug.shipped import SUFFIX, shipped_recipes

if TYPE_CHECKING:
    from datasets import Dataset, DatasetDict, IterableDataset, IterableDatasetDict

    from hfaug.filters import Filter
    from hfaug.versioned.dataset_types import VersionedDataset, VersionedDatasetDict

__all__ = ["Recipe", "RecipeError"]


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
            data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader
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
            raise RecipeError(f"recipe {str(path)!r} is not valid YAML{where}: {problem}{_indentation_hint(error)}") from None
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
        recipe._store({**_validated(data, label), "path": origin})
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
        self._store({**_validated({key: given[key] for key in FIELDS}, _label(path)), "path": path})

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

        _check_run_options(augment_kwargs)
        return apply_recipe(self, dataset, source=source, samples=samples, **augment_kwargs)


RUN_OPTIONS = (
    "num_proc",
    "batch_size",
    "writer_batch_size",
    "keep_in_memory",
    "load_from_cache_file",
    "desc",
    "engine",
    "concurrency",
    "num_gpus",
    "num_cpus",
)
"""What ``recipe.apply`` passes on to `hfaug.augment`: how to run, never what comes out."""


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_MOST_VALUES = 100_000
_DEEPEST = 64
_LICENSE_ID = re.compile(r"[a-z0-9][a-z0-9.+-]*")  # the form of the Hub's licence ids (apache-2.0, openrail++)
_WEIGHT_DIGITS = 12  # probabilities are rounded so that their canonical form reads back as it is


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


def _refuse_endless(data: Any, label: str) -> None:
    """Refuse data that YAML's aliases (``*name``) make hold itself, or repeat into more than :data:`_MOST_VALUES`
    values (a few hundred bytes of nested aliases expanded to millions, for minutes and gigabytes), or that nests
    deeper than :data:`_DEEPEST` levels; walked without recursion, and without expanding more than that."""
    held: set[int] = set()  # the lists and mappings that hold the value reached
    count, stack = 0, [(data, False)]
    while stack:
        value, leaving = stack.pop()
        if leaving:
            held.discard(id(value))
            continue
        count += 1
        if count > _MOST_VALUES:
            raise RecipeError(
                f"{label} holds more than {_MOST_VALUES:,} values once its aliases (*name) are expanded; write it "
                "without aliases that repeat others"
            )
        if isinstance(value, (dict, list, tuple)):
            if id(value) in held:
                raise RecipeError(f"{label} holds itself: an alias (*name) stands inside what it refers to; remove it")
            if len(held) == _DEEPEST:
                raise RecipeError(f"{label} nests lists and mappings more than {_DEEPEST} levels deep; write it flatter")
            held.add(id(value))
            stack.append((value, True))
            stack.extend((item, False) for item in (value.values() if isinstance(value, dict) else value))


def _validated(data: dict[str, Any], label: str) -> dict[str, Any]:
    """The canonical values of the recipe fields in ``data``; every problem is raised at once, in one
    :class:`RecipeError` message."""
    _refuse_endless(data, label)
    problems: list[str] = []
    values = check_fields(python_numbers(data), problems)
    _check_name(values["name"], problems)
    _check_license(values["license"], problems)
    _check_column(values["column"], problems)
    _check_splits(values["splits"], problems)
    column = values["column"] if isinstance(values["column"], str) and values["column"] else "text"
    augmenters = _check_augmenters(values["augmenters"], column, values, problems)
    filters = _check_filters(values["filters"] or [], values["label_column"], problems)
    if not problems:
        _check_weights(values, len(augmenters), problems)
    if problems:
        raise RecipeError(f"{label} is invalid: " + "; ".join(problems))
    values.update(
        augmenters=tuple(augmenters),
        filters=tuple(filters),
        weights=None if values["weights"] is None else _probabilities(values["weights"]),
        splits=None if values["splits"] is None else tuple(sorted(set(values["splits"]))),
    )
    return values


def _probabilities(weights: collections.abc.Sequence[float]) -> tuple[float, ...] | None:
    """Relative ``weights`` as probabilities (``[1, 3]`` and ``[2, 6]`` mean the same: ``(0.25, 0.75)``);
    None when all are equal, as by default. Probabilities already rounded stay as they are, so that a
    recipe written out reads back the same."""
    if len(set(weights)) == 1:
        return None
    total = sum(weights)
    scale = 1 if math.isclose(total, 1, abs_tol=len(weights) * 10**-_WEIGHT_DIGITS) else total
    return tuple(round(weight / scale, _WEIGHT_DIGITS) for weight in weights)


def _check_name(name: Any, problems: list[str]) -> None:
    """The recipe's name prefixes its version ids, which name folders and Hub tags."""
    if isinstance(name, str) and (not _NAME.fullmatch(name) or ".." in name):
        problems.append(
            f"field 'name' must start with a letter or digit and hold only ASCII letters, digits, '.', '_' and '-' "
            f"(no '..', at most 100), since it starts the version id, a folder name and a Hub tag; got {name!r}"
        )


def _check_license(license: Any, problems: list[str]) -> None:
    """The Hub takes licence ids (``apache-2.0``, ``cc-by-4.0``, ``other``), and refuses a card with another
    licence after a push has committed the data: a name as people write it is refused with the id it suggests."""
    if isinstance(license, str) and not _LICENSE_ID.fullmatch(license):
        suggested = "-".join(license.lower().removesuffix(" license").split()) or "other"
        problems.append(
            f"field 'license' must be a licence id of the Hub (lower case, no spaces: apache-2.0, mit, cc-by-4.0, ... "
            f"or other), got {license!r}; write e.g. {suggested!r}"
        )


def _check_splits(splits: Any, problems: list[str]) -> None:
    """A ``splits`` field that lists no split would augment nothing, and one that lists a name no split of a
    version can have (``train[:10]``) would never be found."""
    if splits is not None and not splits:
        problems.append(
            "field 'splits' lists no split; list the splits to augment, or remove the field to augment every split "
            f"but the {HELD_OUT_RULE}"
        )
    bad = [name for name in splits or [] if not SPLIT_NAME.fullmatch(name)]
    if bad:
        problems.append(
            f"field 'splits' lists {', '.join(map(repr, bad))}, which cannot name a split of a version: "
            f"{SPLIT_NAME_RULE}; list whole splits by name (e.g. 'train')"
        )


def _check_column(column: Any, problems: list[str]) -> None:
    """Refuse an empty ``column`` as the recipe's field (the augmenters' own check would blame the first one)."""
    if column == "":
        problems.append("field 'column' is empty; set it to the name of the column to augment")


def _check_run_options(augment_kwargs: dict[str, Any]) -> None:
    """Raise when ``recipe.apply`` is given a recipe field (``n``, ``seed``, ...) or another argument
    that changes the rows (``remove_columns``, ...): the recipe, and with it the version id, fixes them."""
    fields = [key for key in augment_kwargs if key in FIELDS]
    if fields:
        given = ", ".join(f"{key}=" for key in fields)
        example = ", ".join(f"{key!r}: ..." for key in fields)
        raise TypeError(
            f"recipe.apply() got {given}, which the recipe sets (they are part of its version id); "
            f"change the recipe instead, e.g. Recipe.from_dict({{**recipe.to_dict(), {example}}}).apply(ds). "
            "apply() takes only how to run it (num_proc, batch_size, engine, ...)"
        )
    naming = [key for key in augment_kwargs if key in ("new_fingerprint", "cache_file_name")]
    if naming:
        raise TypeError(
            f"recipe.apply() got {', '.join(f'{key}=' for key in naming)}, but a recipe names the results of its maps "
            "itself (each split's from the recipe and the data, so that the same version is found again); leave it "
            f"out. apply() takes only how to run it: {', '.join(RUN_OPTIONS)}"
        )
    others = [key for key in augment_kwargs if key not in RUN_OPTIONS]
    if others:
        given = ", ".join(f"{key}={reprlib.repr(augment_kwargs[key])}" for key in others)
        raise TypeError(
            f"recipe.apply() got {given}, which could change the rows without changing the version id; leave "
            f"{'them' if len(others) > 1 else 'it'} out (to change the data, do so before applying the recipe, e.g. "
            f"ds.remove_columns([...])). apply() takes only how to run it: {', '.join(RUN_OPTIONS)}"
        )


# ---------------------------------------------------------------------------- loading helpers
_MERGE_TAG = "tag:yaml.org,2002:merge"
_OCTAL = re.compile(r"[-+]?0[0-7_]+")  # YAML 1.1 (PyYAML) reads 010 as 8


_BASE_60 = "has colons, which YAML 1.1 reads as a number in base 60"


def _refuse_misread(node: yaml.ScalarNode, kind: str, misread: str, read: float) -> None:
    """Refuse a number written so that YAML 1.1 reads it otherwise than its writer likely meant."""
    raise yaml.constructor.ConstructorError(
        problem=f"{kind} {node.value} {misread} ({read}); write the number you mean, or quote it ('{node.value}') "
        "where it is text",
        problem_mark=node.start_mark,
    )


def _indentation_hint(error: yaml.YAMLError) -> str:
    """``; check the indentation of line N: ...`` when PyYAML found a key where a block had to end (a
    parameter not lined up with its augmenter's ``name:``, a recipe field indented) or inside a value
    (a line indented deeper than the key above it, or a value holding ``: `` unquoted), else nothing."""
    mark = getattr(error, "problem_mark", None)
    problem = str(getattr(error, "problem", ""))
    if mark is not None and "'\\t'" in problem:
        return "; write spaces for that tab (YAML takes none there)"
    if mark is None or not problem.startswith(("expected <block end>", "mapping values are not allowed")):
        return ""
    hint = (
        f"; check the indentation of line {mark.line + 1}: an augmenter's parameters line up with its `name:`, "
        "recipe fields start at column 1"
    )
    return hint if problem.startswith("expected") else f"{hint}; a value that holds ': ' goes in quotes"


class _UniqueKeyLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a key set twice in one mapping (instead of keeping the last), and
    an integer written with a leading zero or colons (instead of reading it as octal or in base 60)."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        read = super().construct_yaml_int(node)
        if _OCTAL.fullmatch(node.value):
            _refuse_misread(node, "integer", "has a leading zero, which YAML 1.1 reads as octal", read)
        if ":" in node.value:
            _refuse_misread(node, "integer", _BASE_60, read)
        return read

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        read = super().construct_yaml_float(node)
        if ":" in node.value:
            _refuse_misread(node, "number", _BASE_60, read)
        return read

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_line: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:  # `<<: *defaults` may be overridden by the keys next to it
                continue
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, collections.abc.Hashable):  # the SafeLoader reports those
                continue
            if key in first_line:
                raise yaml.constructor.ConstructorError(
                    problem=f"key {key!r} is set twice (first at line {first_line[key]}); keep one of them",
                    problem_mark=key_node.start_mark,
                )
            first_line[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", _UniqueKeyLoader.construct_yaml_int)
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:float", _UniqueKeyLoader.construct_yaml_float)


# ---------------------------------------------------------------------------- validation helpers
def _params(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if key != "name"}


def _check_augmenters(entries: Any, column: str, values: dict[str, Any], problems: list[str]) -> list[dict[str, Any]]:
    if entries is None:
        return []
    if not entries:
        problems.append("field 'augmenters' is empty; list at least one augmenter (see `hfaug list`)")
        return []
    common = {
        "column": column,
        "seed": values["seed"] if isinstance(values["seed"], int) else 0,
        "on_error": values["on_error"] if isinstance(values["on_error"], str) else "keep",
    }
    canonical = []
    for index, entry in enumerate(entries):
        checked = _check_augmenter(f"augmenters[{index}]", entry, problems, common)
        if checked is not None:
            canonical.append(_canonical_augmenter(checked[1], checked[0]))
    return canonical


def _check_augmenter(
    where: str, entry: Any, problems: list[str], common: dict[str, Any]
) -> tuple[str, Augmenter] | None:
    """The name and augmenter of one entry, built with ``common`` parameters (the entries nested
    in a composite are checked and built first, each at its own place); ``None`` if invalid."""
    split = split_entry(where, entry, problems, registry.names)
    if split is None:
        return None
    name, params = split
    try:
        cls = registry.get_class(name)
    except HfaugError as error:
        problems.append(f"{where}: {error}")
        return None
    before = len(problems)
    types_ = parameter_types(cls)
    nested = issubclass(cls, _Composite) and isinstance(params.get("augmenters"), list)
    if nested:  # checked entry by entry below, each written as a name or a mapping
        types_.pop("augmenters", None)
    check_entry_params(
        where,
        "augmenter",
        name,
        params,
        registry.parameters(name),
        types_,
        problems,
        required=required_parameters(cls),
        reserved=RECIPE_LEVEL_PARAMS,
        extra=extra_parameters(cls),
    )
    _check_media_ops(where, name, cls, params, problems)
    if nested:
        children = [
            _check_augmenter(f"{where}.augmenters[{i}]", child, problems, {}) for i, child in enumerate(params["augmenters"])
        ]
        params["augmenters"] = [child[1] for child in children if child is not None]
    if len(problems) != before:
        return None
    try:
        return name, registry.get(name, **params, **common)
    except (HfaugError, TypeError, ValueError) as error:
        problems.append(_entry_problem(where, name, cls._label(), error))
        return None


def _check_media_ops(where: str, name: str, cls: type[Augmenter], params: dict[str, Any], problems: list[str]) -> None:
    """Refuse a media augmenter's entry without ``ops``, which the augmenter would refuse asking for a transform
    object or ops (a transform given is refused already: a recipe cannot hold one)."""
    if issubclass(cls, MediaAugmenter) and params.get("ops") is None and "transform" not in params:
        problems.append(f"{where} ({name}): {cls.recipe_without_ops()}")


def _entry_problem(where: str, name: str, owner: str, error: Exception) -> str:
    """``error`` placed at its recipe entry, less the ``owner: `` its message starts with, which
    the entry's ``(name)`` already says."""
    return f"{where} ({name}): {str(error).removeprefix(f'{owner}: ')}"


def _canonical_augmenter(augmenter: Augmenter, name: str) -> dict[str, Any]:
    """``{"name": ..., **parameters}`` without the recipe-level parameters, children included."""
    config = augmenter.config()
    entry: dict[str, Any] = {"name": name}
    for key, value in config.items():
        if key in RECIPE_LEVEL_PARAMS:
            continue
        if isinstance(augmenter, _Composite) and key == "augmenters":
            value = [_canonical_augmenter(child, child._label()) for child in augmenter.children]
        if isinstance(augmenter, OneOf) and key == "weights" and value is not None:
            value = list(_probabilities(value) or ())  # [1, 3], [2, 6] and [0.25, 0.75] are one recipe
        entry[key] = value
    return entry


def _check_filters(entries: list[Any], label_column: Any, problems: list[str]) -> list[dict[str, Any]]:
    if not entries:
        return []
    from hfaug import filters

    canonical = []
    for index, entry in enumerate(entries):
        where = f"filters[{index}]"
        split = split_entry(where, entry, problems, filters.names)
        if split is None:
            continue
        name, params = split
        try:
            cls = filters.get_class(name)
        except HfaugError as error:
            problems.append(f"{where}: {error}")
            continue
        before = len(problems)
        accepted, types_ = filters.parameters(name), parameter_types(cls)
        check_entry_params(
            where, "filter", name, params, accepted, types_, problems, required=required_parameters(cls), extra=extra_parameters(cls)
        )
        if cls.needs_labels and not label_column:
            problems.append(f"{where} ({name}): this filter compares labels; set the recipe's 'label_column'")
        if len(problems) != before:
            continue
        try:
            built = filters.get(name, **params)
        except (HfaugError, TypeError, ValueError) as error:
            problems.append(_entry_problem(where, name, cls._label(), error))
            continue
        try:
            config = built.config()  # reads a model's revision, which needs the model's extra
        except MissingDependency as error:
            problems.append(_entry_problem(where, name, cls._label(), error))
            continue
        canonical.append({"name": name, **config})
    return canonical


def _check_weights(values: dict[str, Any], count: int, problems: list[str]) -> None:
    weights = values["weights"]
    if weights is None:
        return
    if values["mode"] != "one_of" or count < 2:
        problems.append("field 'weights' applies to mode 'one_of' with several augmenters; remove it")
    elif len(weights) != count or not all(math.isfinite(weight) and weight >= 0 for weight in weights) or sum(weights) <= 0:
        problems.append(
            f"field 'weights' must hold {count} finite non-negative numbers (one per augmenter) with a positive sum, "
            f"got {weights!r}"
        )

