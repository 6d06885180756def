"""The checks of an nlpaug class's parameters, read from its signature before the class is built."""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from typing import Any

from hfaug.errors import named_with_suggestions
from hfaug.recipe_schema import misread
from hfaug.text.nlpaug_adapter.classes import PREFIX, class_


def check_parameters(path: str, params: dict[str, Any]) -> None:
    """Refuse parameters that the nlpaug class at ``path`` does not take or would reject, and required ones
    that are missing, read from its signature (the class itself is not built: some load models). Every problem is
    reported at once, each parameter's kind apart, as a recipe reports those of hfaug's own parameters."""
    signature = list(inspect.signature(class_(path).__init__).parameters.values())
    defaults = {parameter.name: parameter.default for parameter in signature}
    checks: list[Callable[[], None]] = [
        *(functools.partial(_check_types, path, {key: value}, defaults) for key, value in params.items()),
        *(functools.partial(_refuse_strings_for_lists_and_functions, path, {key: value}) for key, value in params.items()),
        functools.partial(_check_ranges, path, params, defaults),
        functools.partial(_check_names, path, params, signature),
        functools.partial(_check_required, path, params, signature),
    ]
    problems: list[Exception] = []
    for check in checks:
        try:
            check()
        except (TypeError, ValueError) as problem:
            problems.append(problem)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        kind = TypeError if all(isinstance(problem, TypeError) for problem in problems) else ValueError
        raise kind("nlpaug: " + "; ".join(str(problem).removeprefix("nlpaug: ") for problem in problems))


def _check_names(path: str, params: dict[str, Any], signature: list[inspect.Parameter]) -> None:
    """Refuse names that the nlpaug class does not take, with the closest of its names or of hfaug's own
    (``keep_orignal`` -> ``keep_original``, ``transformations_per_example`` -> ``n``)."""
    if any(parameter.kind is parameter.VAR_KEYWORD for parameter in signature):
        return
    takes = [
        parameter.name
        for parameter in signature
        if parameter.name not in ("self", "name") and parameter.kind is not parameter.VAR_POSITIONAL
    ]
    unknown = [key for key in params if key not in takes]
    if not unknown:
        return
    named = named_with_suggestions(unknown, takes + _own_parameters())
    raise ValueError(
        f"nlpaug: {path.removeprefix(PREFIX)} has no parameter{'s' if len(unknown) > 1 else ''} {named}. "
        f"{path.rpartition('.')[2]} takes: {', '.join(takes)}"
    )


def _own_parameters() -> list[str]:
    """The parameters that :class:`NlpaugAugmenter` takes itself (``column``, ``n``, ``keep_original``, ...)."""
    from hfaug.text.nlpaug_adapter import NlpaugAugmenter  # NlpaugAugmenter calls these checks

    return [
        name
        for name, parameter in inspect.signature(NlpaugAugmenter.__init__).parameters.items()
        if name != "self" and parameter.kind is not parameter.VAR_KEYWORD
    ]


def _check_required(path: str, params: dict[str, Any], signature: list[inspect.Parameter]) -> None:
    """Refuse a call that leaves out a parameter without a default (``word.ReservedAug``'s ``reserved_tokens``),
    which nlpaug would only refuse when it is built, at the first map."""
    missing = [
        parameter.name
        for parameter in signature
        if parameter.default is parameter.empty
        and parameter.name != "self"
        and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
        and parameter.name not in params
    ]
    if missing:
        names = ", ".join(missing)
        values = ", ".join(f"{name}=<value>" for name in missing)
        raise ValueError(
            f"nlpaug: {path.removeprefix(PREFIX)} needs {names}, which {'have' if len(missing) > 1 else 'has'} "
            f"no default; pass {values}"
        )


def _check_types(path: str, params: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Refuse a parameter whose default is a number, a string or a bool and whose value is not of that kind
    (``aug_char_p="lots"``), which nlpaug would only reject row by row; with how to write a value that YAML 1.1
    reads otherwise than meant (``1e-1`` as text: :func:`hfaug.recipe_schema.misread`)."""
    for key, value in params.items():
        default = defaults.get(key)
        if value is None or default is None or not isinstance(default, (bool, int, float, str)):
            continue
        annotation: type
        if isinstance(default, bool):
            fits, kind, annotation = isinstance(value, bool), "a bool", bool
        elif isinstance(default, (int, float)):
            fits, kind, annotation = isinstance(value, (int, float)) and not isinstance(value, bool), "a number", float
        else:
            fits, kind, annotation = isinstance(value, str), "a string", str
        if not fits:
            raise TypeError(
                f"nlpaug: {path.removeprefix(PREFIX)}'s {key} takes {kind} (its default is {default!r}), got {value!r}"
                + (misread(value, annotation) if isinstance(value, (str, bool)) else "")  # as YAML 1.1 reads 1e-1, no
            )


_FUNCTION = "a function, which cannot be part of a configuration; leave it out to use nlpaug's own"
NOT_STRINGS = {
    "stopwords": "a list of words, e.g. stopwords=[{value!r}]",
    "target_words": "a list of words, e.g. target_words=[{value!r}]",
    "tokenizer": _FUNCTION,
    "reverse_tokenizer": _FUNCTION,
}
"""nlpaug parameters whose default is None, so that :func:`_check_types` lets a string through, which nlpaug
then calls on every row (a tokenizer) or searches as text (stop words: ``word in stopwords``), with what they take."""


def _refuse_strings_for_lists_and_functions(path: str, params: dict[str, Any]) -> None:
    """Refuse a string for a parameter of :data:`NOT_STRINGS`, saying what it takes."""
    for key, value in params.items():
        if key in NOT_STRINGS and isinstance(value, str):
            raise TypeError(
                f"nlpaug: {path.removeprefix(PREFIX)}'s {key} cannot be a string (got {value!r}): it takes "
                + NOT_STRINGS[key].format(value=value)
            )


def whole_count(key: str, value: Any) -> Any:
    """``value`` of parameter ``key``, a count (``aug_max``, ``aug_char_min``) given as a whole float (``2.0``, as
    YAML and JSON may give it) as an integer: nlpaug multiplies sequences by it, and failed on every row."""
    if key.endswith(("_min", "_max")) and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _check_ranges(path: str, params: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Refuse probabilities (``aug_char_p``, ``top_p``: names ending in ``_p``) outside [0, 1] and counts
    (``aug_min``, ``aug_word_max``) that are not whole numbers >= 0 or whose minimum exceeds the maximum,
    which nlpaug accepts and then augments more than asked or fails on every row."""
    short = path.removeprefix(PREFIX)
    numbers = {key: value for key, value in params.items() if isinstance(value, (int, float)) and not isinstance(value, bool)}
    for key, value in numbers.items():
        if key.endswith("_p") and not 0 <= value <= 1:
            raise ValueError(f"nlpaug: {short}'s {key} is a probability between 0 and 1, got {value!r}")
        if key.endswith(("_min", "_max")) and not (value >= 0 and float(value).is_integer()):
            raise ValueError(f"nlpaug: {short}'s {key} is a count (a whole number >= 0), got {value!r}")
    _refuse_zeros_read_as_unset(short, numbers, defaults)
    for key in numbers:
        if not key.endswith(("_min", "_max")):
            continue
        stem = key[: -len("_min")]
        low, high = (params.get(stem + "_min", defaults.get(stem + "_min")), params.get(stem + "_max", defaults.get(stem + "_max")))
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            raise ValueError(
                f"nlpaug: {short}'s {stem}_min ({low}) is above its {stem}_max ({high}); "
                f"make {stem}_min at most {stem}_max"
            )


def _refuse_zeros_read_as_unset(short: str, numbers: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Refuse ``aug_p=0`` and a maximum count of 0 (``aug_max``, ``aug_char_max``), which nlpaug reads as not
    set: it then augments with its default 0.3, or with no maximum; and ``aug_char_p=0`` (any ``aug_*_p``) with a
    minimum count above 0 (``aug_char_min``, 1 by default), which nlpaug still changes."""
    for key, value in numbers.items():
        if value != 0:
            continue
        if key == "aug_p":
            raise ValueError(
                f"nlpaug: {short}'s aug_p cannot be 0: nlpaug reads 0 as not set and uses its default 0.3. "
                "Give a probability above 0"
            )
        if key.startswith("aug_") and key.endswith("_max"):
            raise ValueError(
                f"nlpaug: {short}'s {key} cannot be 0: nlpaug reads 0 as no maximum. "
                "Give a maximum of 1 or more, or None for no maximum"
            )
        least = key.removesuffix("_p") + "_min"
        minimum = numbers.get(least, defaults.get(least))
        if key.startswith("aug_") and key.endswith("_p") and minimum:
            raise ValueError(
                f"nlpaug: {short}'s {key} is 0, but nlpaug still changes {least}={minimum} of them; give {least}=0 "
                "too to change none, or a probability above 0"
            )


def is_json(value: Any) -> bool:
    try:
        return json.loads(json.dumps(value)) == value
    except (TypeError, ValueError):
        return False
