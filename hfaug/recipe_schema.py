"""The recipe schema: which fields a recipe has, and checks of YAML values against the
parameters that augmenters and filters declare.

Everything here works on plain YAML values (str, int, float, bool, None, lists and
mappings); nothing is imported or run but the augmenter and filter classes named by the
recipe, whose constructors validate their own parameter values.
"""

from __future__ import annotations

import collections.abc
import datetime
import inspect
import re
import reprlib
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from hfaug.configurable import Configurable
from hfaug.errors import PEER_NAMES, HfaugError, closest
from hfaug.held_out import HELD_OUT_RULE
from hfaug.seeding import MAX_SEED

REQUIRED = inspect.Parameter.empty
# Parameters every augmenter has; a recipe sets them once, for all its augmenters.
RECIPE_LEVEL_PARAMS: tuple[str, ...] = ("column", "n", "keep_original", "seed", "on_error")
SPLIT_NAME = re.compile(r"\w+(\.\w+)*")
"""What can name a split of a version: what `datasets` reads back from a version's card."""
SPLIT_NAME_RULE = "`datasets` takes letters, digits, '_' and '.' only"


class RecipeError(HfaugError, ValueError):
    """A recipe is not valid: unreadable YAML, an unknown field, augmenter, filter or
    parameter, or a value of the wrong type. The message names the field and what to do."""


@dataclass(frozen=True)
class Field:
    """One top-level recipe field: its type, default and meaning."""

    annotation: Any
    default: Any
    help: str
    minimum: int | None = None
    maximum: int | None = None


FIELDS: dict[str, Field] = {
    "name": Field(str | None, None, "short name of the recipe; prefixes the version id"),
    "description": Field(str | None, None, "what the recipe is for (shown in the dataset card)"),
    "license": Field(str | None, None, "licence id of the augmented data (dataset card metadata)"),
    "column": Field(str, REQUIRED, "the column to augment"),
    "label_column": Field(str | None, None, "the label column (used by filters and shown in previews)"),
    "augmenters": Field(list, REQUIRED, "augmenters by registry name, each `{name: ..., <parameters>}`"),
    "mode": Field(Literal["one_of", "sequence"], "one_of", "one_of: each copy from one augmenter; sequence: all in turn"),
    "weights": Field(list[float] | None, None, "relative probabilities of the augmenters (mode one_of)"),
    "n": Field(int, 1, "augmented copies per source row", minimum=1),
    "keep_original": Field(bool, True, "keep the source rows next to their copies"),
    "seed": Field(int, 0, "seed of the row-keyed random generators", minimum=0, maximum=MAX_SEED),
    "on_error": Field(Literal["keep", "skip", "raise"], "keep", "what to do with a row that cannot be augmented"),
    "splits": Field(list[str] | None, None, f"splits to augment (default: every split but the {HELD_OUT_RULE})"),
    "filters": Field(list | None, [], "quality filters by registry name, each `{name: ..., <parameters>}`"),
}


# ---------------------------------------------------------------------------- type checks
def describe_type(annotation: Any) -> str:
    """A short, readable name of a type annotation, e.g. ``list of float`` or ``'keep' or 'skip'``."""
    if annotation is Any or annotation is REQUIRED:
        return "any value"
    if annotation is type(None):
        return "null"
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe_type(arg) for arg in args)
    if origin is Literal:
        return " or ".join(repr(arg) for arg in args)
    if origin is not None and _is_sequence_type(origin):
        item = [arg for arg in args if arg is not Ellipsis]
        return f"list of {describe_type(item[0])}" if len(set(item)) == 1 else "list"
    if origin is not None and _is_mapping_type(origin):
        return f"mapping of {describe_type(args[1])}" if len(args) == 2 else "mapping"
    if isinstance(annotation, type):
        return {"str": "string", "int": "integer", "float": "number", "bool": "boolean", "dict": "mapping"}.get(
            annotation.__name__, annotation.__name__
        )
    return str(annotation)


def matches(value: Any, annotation: Any) -> bool:
    """Whether a YAML value fits a type annotation. Unknown annotations accept anything."""
    if annotation is Any or annotation is REQUIRED or isinstance(annotation, (str, typing.ForwardRef)):
        return True
    if annotation is None or annotation is type(None):
        return value is None
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(matches(value, arg) for arg in args)
    if origin is Literal:
        return any(value == arg and type(value) is type(arg) for arg in args)
    if origin is not None and _is_sequence_type(origin):
        return _matches_sequence(value, origin, args)
    if origin is not None and _is_mapping_type(origin):
        return _matches_mapping(value, args)
    return _matches_class(value, annotation)


def _takes_code(annotation: Any) -> bool:
    """Whether a parameter annotated ``annotation`` takes a callable (``transform``), which no YAML value is."""
    args = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, types.UnionType) else (annotation,)
    return any(typing.get_origin(arg) is collections.abc.Callable or arg is collections.abc.Callable for arg in args)


def _matches_sequence(value: Any, origin: Any, args: tuple[Any, ...]) -> bool:
    """Whether ``value`` fits the sequence type ``origin[args]``: a list whose items fit ``args[0]``, or
    ``args`` item by item for a tuple of fixed length (``tuple[int, str]``)."""
    if not isinstance(value, (list, tuple)):
        return False
    if origin is tuple and args and args[-1] is not Ellipsis:
        return len(value) == len(args) and all(matches(item, arg) for item, arg in zip(value, args))
    return not args or all(matches(item, args[0]) for item in value)


def _matches_mapping(value: Any, args: tuple[Any, ...]) -> bool:
    """Whether ``value`` is a mapping whose keys and values fit ``args`` (any, without two of them)."""
    if not isinstance(value, dict):
        return False
    return len(args) != 2 or all(matches(k, args[0]) and matches(v, args[1]) for k, v in value.items())


def _matches_class(value: Any, annotation: Any) -> bool:
    """Whether ``value`` fits ``annotation``, a class without type arguments (``int``, ``list``, ``dict``,
    ``str``); a boolean is no number. Other annotations accept anything."""
    if annotation is bool:
        return isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if _is_sequence_type(annotation):
        return isinstance(value, (list, tuple))
    if _is_mapping_type(annotation):
        return isinstance(value, dict)
    if isinstance(annotation, type):
        return isinstance(value, annotation)
    return True


def _is_sequence_type(kind: Any) -> bool:
    return kind in (list, tuple) or (
        isinstance(kind, type) and issubclass(kind, collections.abc.Sequence) and not issubclass(kind, (str, bytes))
    )


def _is_mapping_type(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, collections.abc.Mapping)


def show(value: Any) -> str:
    """``value`` as the message shows it: its repr, cut short where it is long or deep (a YAML file of a
    few lines can nest aliases into millions of items), and YAML type."""
    kind = "null" if value is None else describe_type(type(value))
    return f"{_SHOWN.repr(value)} ({kind})"


_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict, _SHOWN.maxstring, _SHOWN.maxother = 2, 8, 8, 200, 200


def mismatch(value: Any, annotation: Any) -> str:
    """``expects <type>, got <value>``, with how to write a value that YAML 1.1 reads otherwise than meant."""
    return f"expects {describe_type(annotation)}, got {show(value)}{misread(value, annotation)}"


_SCIENTIFIC = re.compile(r"([-+]?\d+)(?:\.(\d*))?[eE]([-+]?)(\d+)")  # YAML 1.1 reads 5e-2 and 1.0e3 as text
_LEADING_ZERO = re.compile(r"[-+]?0\d+")  # YAML 1.1 reads 08 and 019 as text (no octal number)
_INTEGER = re.compile(r"[-+]?[1-9]\d*|0")  # a number quoted (n: "4")
_OCTAL_1_2 = re.compile(r"0o[0-7]+")  # YAML 1.2's octal, which YAML 1.1 reads as text


def misread(value: Any, annotation: Any) -> str:
    """``: <how to write it>`` when ``value`` (or its items) would fit ``annotation`` but for YAML 1.1, which reads
    ``5e-2`` as text, unquoted ``no`` as a boolean and ``2024-01-01`` as a date, or for quotes around a number;
    else an empty string."""
    items = value if isinstance(value, list) else [value]
    for as_text in (False, True):  # numbers and dates kept, else read as the text they were written as
        meant = [_as_meant(item, as_text) for item in items]
        if matches(meant if isinstance(value, list) else meant[0], annotation):
            break
    else:
        return ""
    changed = [(index, item, new) for index, (item, new) in enumerate(zip(items, meant)) if item is not new]
    numbers = [(item, new) for _, item, new in changed if isinstance(item, str) and not _INTEGER.fullmatch(item)]
    quoted = [item for _, item, _ in changed if isinstance(item, str) and _INTEGER.fullmatch(item)]
    booleans = [f"[{index}]" for index, item, _ in changed if isinstance(item, bool)]
    read = [(index, item) for index, item, _ in changed if not isinstance(item, (str, bool))]
    hints = []
    if numbers:
        hints.append(
            f"YAML 1.1 reads {' and '.join(item for item, _ in numbers)} as text, "
            f"write {' and '.join(_number_text(item, number) for item, number in numbers)}"
        )
    if quoted:
        hints.append(f"write {' and '.join(quoted)} without quotes, as {'numbers' if len(quoted) > 1 else 'a number'}")
    if booleans:
        which = f"items {', '.join(booleans)}" if isinstance(value, list) else "it"
        hints.append(f"YAML 1.1 reads unquoted yes, no, on, off, true and false as booleans, quote {which}")
    if read:
        which = f"items {', '.join(f'[{index}]' for index, _ in read)}" if isinstance(value, list) else "it"
        kinds = sorted({"a date" if isinstance(item, datetime.date) else "a number" for _, item in read})
        hints.append(f"YAML reads it as {' and '.join(kinds)}, quote {which} as you wrote it")
    return ": " + ", and ".join(hints)


def _as_meant(value: Any, as_text: bool) -> Any:
    """``value`` as its writer most likely meant it: a boolean as a word, scientific notation, digits after a leading
    zero, YAML 1.2's octal and a quoted whole number as a number; with ``as_text``, a number or a date as text."""
    if isinstance(value, bool):
        return str(value).lower()
    if as_text and isinstance(value, str):  # text where text goes
        return value
    if isinstance(value, str) and _SCIENTIFIC.fullmatch(value):
        number = float(value)
        return int(number) if number.is_integer() else number
    if isinstance(value, str) and (_LEADING_ZERO.fullmatch(value) or _INTEGER.fullmatch(value)):
        return int(value)
    if isinstance(value, str) and _OCTAL_1_2.fullmatch(value):
        return int(value, 0)
    if as_text and isinstance(value, (int, float, datetime.date)):
        return str(value)
    return value


def _number_text(text: str, number: float) -> str:
    """How to write the number ``text`` stands for so that YAML 1.1 reads a number: ``1000``, ``0.05 or 5.0e-2``."""
    written = _SCIENTIFIC.fullmatch(text)
    if isinstance(number, int) or written is None:
        return str(number)
    mantissa, fraction, sign, exponent = written.groups()
    scientific = f"{mantissa}.{fraction or 0}e{sign or '+'}{exponent}"
    return scientific if "e" in repr(number) else f"{number!r} or {scientific}"


def parameter_types(cls: type[Any]) -> dict[str, Any]:
    """The resolved annotations of ``cls.__init__``'s parameters (those that resolve)."""
    try:
        return typing.get_type_hints(cls.__init__)
    except Exception:  # annotations that do not resolve at run time are simply not type-checked
        return {}


# ---------------------------------------------------------------------------- top-level fields
def check_fields(data: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """The top-level fields of ``data`` with defaults filled in; problems are appended to ``problems``."""
    for key in data:
        if key not in FIELDS:
            problems.append(
                f"unknown field {key!r}.{closest(str(key), FIELDS)} Recipe fields: {', '.join(FIELDS)}"
            )
    values: dict[str, Any] = {}
    for key, spec in FIELDS.items():
        if key not in data:
            if spec.default is REQUIRED:
                problems.append(f"missing required field {key!r} ({spec.help})")
            values[key] = None if spec.default is REQUIRED else spec.default
            continue
        value = data[key]
        if not matches(value, spec.annotation):
            problems.append(f"field {key!r} {mismatch(value, spec.annotation)}")
            values[key] = spec.default if spec.default is not REQUIRED else None
        elif not _in_range(value, spec):
            bounds = f">= {spec.minimum}" if spec.maximum is None else f"from {spec.minimum} to {spec.maximum}"
            problems.append(f"field {key!r} must be {bounds}, got {value!r}")
            values[key] = spec.default
        else:
            values[key] = value
    _check_label_column(values, problems)
    return values


def _check_label_column(values: dict[str, Any], problems: list[str]) -> None:
    """Refuse a ``label_column`` that is the augmented ``column``: its copies would be their own labels."""
    if values["label_column"] is not None and values["label_column"] == values["column"]:
        problems.append(
            f"fields 'column' and 'label_column' both name {values['column']!r}, but 'column' is the column to "
            "augment and 'label_column' the column of the labels the filters check and previews show; set "
            "'label_column' to the column that holds the labels, or leave it out"
        )


def _in_range(value: Any, spec: Field) -> bool:
    """Whether a value of the field's type lies within its ``minimum`` and ``maximum``, where it has them."""
    return (spec.minimum is None or value >= spec.minimum) and (spec.maximum is None or value <= spec.maximum)


# ---------------------------------------------------------------------------- entries
def _split_number(params: Mapping[str, Any], key: Any) -> str:
    """A hint for a key that is a whole number without a value after a parameter set to one: what YAML makes of a
    decimal comma (``{p: 0,2}`` is ``{p: 0, 2: null}``)."""
    keys = list(params)
    at = keys.index(key)
    before = params[keys[at - 1]] if at else None
    if params[key] is not None or not all(type(number) is int for number in (key, before)):
        return ""
    return f" (In {{...}}, a decimal comma makes two items: write {keys[at - 1]}: {before}.{key}, with a point.)"


def check_entry_params(
    where: str,
    kind: str,
    name: str,
    params: dict[str, Any],
    accepted: dict[str, Any],
    types_: dict[str, Any],
    problems: list[str],
    *,
    required: Sequence[str],
    reserved: tuple[str, ...] = (),
    extra: str | None = None,
) -> None:
    """Check one augmenter or filter entry's parameter names and value types, and that the ``required`` ones (those of
    the class's own ``__init__``) are given. With ``extra`` (the name of a ``**`` parameter) other names are let
    through: the class validates them."""
    takes = [key for key in accepted if key not in reserved]
    for key, value in params.items():
        field = key if key in reserved else next((other for other in PEER_NAMES.get(key, ()) if other in reserved), None)
        if field is not None:  # n, or another library's name for it (transformations_per_example)
            named = repr(key) if field == key else f"{key!r} (hfaug's {field!r})"
            problems.append(
                f"{where} ({name}): {named} is set once for the whole recipe, not per {kind}; "
                f"move it to the top level of the recipe{'' if field == key else f' as {field!r}'}"
            )
        elif key not in accepted and extra is None:
            problems.append(
                f"{where} ({name}): unknown parameter {key!r}.{closest(str(key), takes)}{_split_number(params, key)} "
                f"{name} takes: {', '.join(takes) or '(no parameters)'}"
            )
        elif key in types_ and _takes_code(types_[key]) and value is not None:
            plain = [other for other in takes if not _takes_code(types_.get(other))]
            problems.append(
                f"{where} ({name}): parameter {key!r} takes a Python object, which a recipe cannot hold (loading "
                f"one never runs code); leave it out and use {name}'s plain-data parameters: {', '.join(plain)}"
            )
        elif key in types_ and not matches(value, types_[key]):
            problems.append(f"{where} ({name}): parameter {key!r} {mismatch(value, types_[key])}")
    for key in required:
        if key not in params and key not in reserved:
            resembling = [given for given in params if given not in accepted and closest(str(given), [key])]
            instead = f" (given {', '.join(map(repr, resembling))} instead?)" if resembling else ""
            problems.append(f"{where} ({name}): missing required parameter {key!r}{instead}")


def split_entry(
    where: str, entry: Any, problems: list[str], names: Callable[[], Iterable[str]]
) -> tuple[str, dict[str, Any]] | None:
    """``(name, params)`` of an entry written as ``name`` or ``{name: ..., <parameters>}``; ``names`` gives the
    registry's names, to tell an entry written ``{synonym: {p: 0.2}}`` how to write it."""
    if isinstance(entry, str):
        return entry, {}
    if not isinstance(entry, dict):
        built = isinstance(entry, Configurable)  # an augmenter or filter made in Python
        written = f"; a recipe names what it builds: write it {_entry_of(entry)!r}" if built else ""
        problems.append(f"{where} must be a registry name or a mapping with a 'name' key, got {show(entry)}{written}")
        return None
    params = dict(entry)
    name = params.pop("name", None)
    if not isinstance(name, str):
        problems.append(f"{where} needs a 'name' (a registry name string), got {show(name)}{_named_by_key(entry, names)}")
        return None
    return name, params


def _entry_of(built: Configurable) -> dict[str, Any]:
    """The recipe entry of an augmenter or filter ``built`` in Python: its name and parameters, less those a recipe
    sets once for all (:data:`RECIPE_LEVEL_PARAMS`), in its nested augmenters too."""
    return _without_recipe_fields({"name": built._label(), **built.config()})


def _without_recipe_fields(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        key: [_without_recipe_fields(child) for child in value] if key == "augmenters" else value
        for key, value in entry.items()
        if key not in RECIPE_LEVEL_PARAMS
    }


def _named_by_key(entry: dict[Any, Any], names: Callable[[], Iterable[str]]) -> str:
    """``; write it {name: synonym, p: 0.2}`` for an entry written ``{synonym: {p: 0.2}}`` (the keys beside the name's
    kept: ``{synonym: {p: 0.2}, max_words: 3}``), else an empty string."""
    known = set(names())
    keyed = [key for key, params in entry.items() if key in known and (isinstance(params, dict) or params is None)]
    if len(keyed) != 1:
        return ""
    beside = {key: value for key, value in entry.items() if key != keyed[0]}
    written = yaml.safe_dump({"name": keyed[0], **(entry[keyed[0]] or {}), **beside}, default_flow_style=True, sort_keys=False)
    return f"; write it {written.strip()}"
