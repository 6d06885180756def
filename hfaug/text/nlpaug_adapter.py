"""Any nlpaug text augmenter as an hfaug augmenter: configured by data, seeded per row."""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import json
import os
import re
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from hfaug.augmenter import Augmented
from hfaug.augmenter.on_error import OnError
from hfaug.configurable import jsonable
from hfaug.content_hash import content_revision
from hfaug.errors import HfaugError, named_with_suggestions
from hfaug.recipe_schema import misread
from hfaug.seeding import derive_seed, global_rngs_seeded
from hfaug.text.base import TextAugmenter

_PREFIX = "nlpaug.augmenter."
TEXT_MODULES = ("char", "word", "sentence")
"""The nlpaug modules whose augmenters take text (not ``audio`` or ``spectrogram``)."""
_instances: weakref.WeakValueDictionary[str, Any] = weakref.WeakValueDictionary()
"""The nlpaug augmenters built in this process, by configuration, for as long as an :class:`NlpaugAugmenter`
holds them: augmenters of one configuration share one, and it is freed with the last of them."""


def resolve(augmenter_name: str) -> str:
    """The full class path of an nlpaug augmenter: ``"char.KeyboardAug"`` ->
    ``"nlpaug.augmenter.char.KeyboardAug"``. Only classes under ``nlpaug.augmenter`` are accepted."""
    if not isinstance(augmenter_name, str) or not augmenter_name:
        instance = type(augmenter_name).__module__.startswith("nlpaug.")
        raise TypeError(
            f"nlpaug: augmenter_name must be a class path such as 'char.KeyboardAug', got {augmenter_name!r}"
            + ("; to wrap an nlpaug augmenter you built, use hfaug.NlpaugAugmenter.from_instance(augmenter)" if instance else "")
        )
    if augmenter_name.removeprefix("nlpaug.").startswith("flow."):
        raise ValueError(
            f"nlpaug: {augmenter_name!r} is an nlpaug flow, and flows are not supported; wrap each nlpaug augmenter "
            "in an NlpaugAugmenter and combine them with hfaug.Sequential([...]) or hfaug.OneOf([...])"
        )
    path = augmenter_name if augmenter_name.startswith(_PREFIX) else _PREFIX + augmenter_name.removeprefix("nlpaug.")
    try:
        cls = _class(path)
    except (ImportError, AttributeError):
        raise ValueError(
            f"nlpaug: no augmenter {augmenter_name!r}; name an nlpaug class such as 'char.KeyboardAug', "
            "'word.SynonymAug' or 'nlpaug.augmenter.word.RandomWordAug'"
        ) from None
    _check_augmenter_class(path, cls)
    return _shortest_path(path, cls)


def _shortest_path(path: str, cls: type[Any]) -> str:
    """``path`` as the module of its kind exports ``cls`` (``nlpaug.augmenter.char.ocr.OcrAug`` ->
    ``nlpaug.augmenter.char.OcrAug``): one configuration, and one version id, however the class was named."""
    kind = path.removeprefix(_PREFIX).split(".")[0]
    short = f"{_PREFIX}{kind}.{cls.__name__}"
    with contextlib.suppress(ImportError, AttributeError):
        if _class(short) is cls:
            return short
    return path


def _check_augmenter_class(path: str, cls: Any) -> None:
    """Refuse what is not a concrete nlpaug text augmenter class: another object, one of nlpaug's base classes,
    an audio or spectrogram augmenter."""
    from nlpaug.augmenter.char import CharAugmenter
    from nlpaug.augmenter.sentence import SentenceAugmenter
    from nlpaug.augmenter.word import WordAugmenter
    from nlpaug.base_augmenter import Augmenter as NlpaugBase

    short = path.removeprefix(_PREFIX)
    if not (isinstance(cls, type) and issubclass(cls, NlpaugBase)):
        raise ValueError(f"nlpaug: {path} is not an nlpaug augmenter class")
    if cls in (NlpaugBase, CharAugmenter, WordAugmenter, SentenceAugmenter):
        raise ValueError(
            f"nlpaug: {short} is a base class that augments nothing itself; name an augmenter class such as "
            "'char.KeyboardAug', 'word.RandomWordAug' or 'sentence.RandomSentAug'"
        )
    if short.split(".")[0] not in TEXT_MODULES:
        raise ValueError(
            f"nlpaug: {path} does not augment text; name a class under nlpaug.augmenter.char, .word or "
            ".sentence (for audio use hfaug.AudioAugment)"
        )


def _class(path: str) -> type[Any]:
    module_name, _, class_name = path.rpartition(".")
    return getattr(importlib.import_module(module_name), class_name)


def check_parameters(path: str, params: dict[str, Any]) -> None:
    """Refuse parameters that the nlpaug class at ``path`` does not take or would reject, and required ones
    that are missing, read from its signature (the class itself is not built: some load models). Every problem is
    reported at once, each parameter's kind apart, as a recipe reports those of hfaug's own parameters."""
    signature = list(inspect.signature(_class(path).__init__).parameters.values())
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
        f"nlpaug: {path.removeprefix(_PREFIX)} has no parameter{'s' if len(unknown) > 1 else ''} {named}. "
        f"{path.rpartition('.')[2]} takes: {', '.join(takes)}"
    )


def _own_parameters() -> list[str]:
    """The parameters that :class:`NlpaugAugmenter` takes itself (``column``, ``n``, ``keep_original``, ...)."""
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
            f"nlpaug: {path.removeprefix(_PREFIX)} needs {names}, which {'have' if len(missing) > 1 else 'has'} "
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
                f"nlpaug: {path.removeprefix(_PREFIX)}'s {key} takes {kind} (its default is {default!r}), got {value!r}"
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
                f"nlpaug: {path.removeprefix(_PREFIX)}'s {key} cannot be a string (got {value!r}): it takes "
                + NOT_STRINGS[key].format(value=value)
            )


def _whole_count(key: str, value: Any) -> Any:
    """``value`` of parameter ``key``, a count (``aug_max``, ``aug_char_min``) given as a whole float (``2.0``, as
    YAML and JSON may give it) as an integer: nlpaug multiplies sequences by it, and failed on every row."""
    if key.endswith(("_min", "_max")) and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _check_ranges(path: str, params: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Refuse probabilities (``aug_char_p``, ``top_p``: names ending in ``_p``) outside [0, 1] and counts
    (``aug_min``, ``aug_word_max``) that are not whole numbers >= 0 or whose minimum exceeds the maximum,
    which nlpaug accepts and then augments more than asked or fails on every row."""
    short = path.removeprefix(_PREFIX)
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


def _is_json(value: Any) -> bool:
    try:
        return json.loads(json.dumps(value)) == value
    except (TypeError, ValueError):
        return False


def _missing_nltk_resource(error: BaseException) -> str | None:
    """The resource that NLTK's "Resource ... not found" ``error`` names; `None` for any other error, such as
    the ``KeyError`` or ``IndexError`` that are ``LookupError`` subclasses too."""
    if type(error) is not LookupError:
        return None
    message = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # NLTK colours the resource name
    found = re.search(r"Resource '?([\w./-]+?)'? not found", message)
    return found.group(1) if found else None


def _missing_dictionary_data(augmenter: Any) -> list[str]:
    """The NLTK resources that the word dictionary of the nlpaug ``augmenter`` reads and that are not installed:
    the POS tagger (WordNet's and PPDB's), then WordNet, which nlpaug only reads after tagging a text."""
    import nltk
    from nlpaug.model.word_dict import Ppdb, WordNet

    model = getattr(augmenter, "model", None)
    probes = [lambda: nltk.pos_tag(["film"])] if isinstance(model, (WordNet, Ppdb)) else []
    if isinstance(model, WordNet):
        probes.append(lambda: nltk.corpus.wordnet.synsets("film"))
    missing = []
    for probe in probes:
        try:
            probe()
        except LookupError as error:
            missing.append(_missing_nltk_resource(error))
    return [resource for resource in missing if resource]


@contextlib.contextmanager
def nltk_data_required(path: str, augmenter: Any = None) -> Iterator[None]:
    """Turn NLTK's "Resource ... not found" (no row can succeed) into one short :class:`HfaugError` that names
    it and the other resources the nlpaug ``augmenter``'s dictionary lacks; other errors pass through, so that
    ``on_error`` decides about the row."""
    try:
        yield
    except LookupError as error:
        resource = _missing_nltk_resource(error)
        if resource is None:
            raise
        missing = list(dict.fromkeys([resource, *_missing_dictionary_data(augmenter)]))
        raise HfaugError(
            f"nlpaug: {path.removeprefix(_PREFIX)} needs NLTK data that is not installed ({', '.join(missing)}). "
            f"Install {'it' if len(missing) == 1 else 'them'} where the network is reachable "
            f"(python -m nltk.downloader {' '.join(missing)}) and set NLTK_DATA if it is not in a standard place, "
            "or use an hfaug augmenter that needs no download (hfaug.Synonym ships its WordNet lexicon)."
        ) from None


def _build(path: str, params: dict[str, Any]) -> Any:
    """The nlpaug augmenter at ``path`` built from ``params``, with a model of its own: nlpaug keeps its models
    in per-process caches keyed by less than their configuration (SpellingAug's and TfIdfAug's by nothing), so
    a cached model may have been loaded for another configuration."""
    cls = _class(path)
    if "force_reload" in inspect.signature(cls.__init__).parameters:
        return cls(**{**params, "force_reload": True})
    augmenter = cls(**params)
    if _caches_one_model(cls):
        augmenter.model = augmenter.get_model(force_reload=True)
    return augmenter


def _caches_one_model(cls: type) -> bool:
    """Whether nlpaug keeps a single model for every instance of ``cls`` and its constructor cannot reload it."""
    from nlpaug.augmenter.word import SpellingAug, TfIdfAug

    return issubclass(cls, (SpellingAug, TfIdfAug))


_SPACED_PUNCTUATION = re.compile(r"\s*([^\w\s])\s*")


def _only_respaced(output: str, text: str) -> bool:
    """Whether nlpaug's ``output`` differs from ``text`` only in how it is spaced: around punctuation (its
    tokenizer re-spaces it: ``到，请`` -> ``到 ， 请``, ``m'a`` -> ``m ' a``) or in runs of whitespace; a word
    split in two is a change."""
    return _unspaced(output) == _unspaced(text)


def _lost_every_word(output: str, text: str) -> bool:
    """Whether nlpaug's ``output`` holds no letter or digit where ``text`` held some: a deletion or crop took
    every word (``why ?`` -> ``?``), which would make a training row of punctuation under the source's label."""
    return not _has_word(output) and _has_word(text)


def _has_word(text: str) -> bool:
    """Whether ``text`` holds a letter or a digit, in any script."""
    return any(char.isalnum() for char in text)


def _unspaced(text: str) -> str:
    """``text`` with single spaces between words and none around punctuation."""
    return _SPACED_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def _samples_with_torch(augmenter: Any) -> bool:
    """Whether the nlpaug ``augmenter`` runs a language model (contextual embeddings, LAMBADA, summarisation,
    translation), whose sampling draws from torch's global generator."""
    from nlpaug.model.lang_models import LanguageModels

    return isinstance(getattr(augmenter, "model", None), LanguageModels)


_UNKEPT = object()
"""What :func:`_kept_value` returns for a constructor argument that nlpaug keeps no record of."""


def _kept_value(augmenter: Any, key: str) -> Any:
    """Constructor argument ``key`` of the nlpaug ``augmenter`` as nlpaug keeps it: an attribute of the
    augmenter, else of its model (``RandomSentAug``'s ``mode``, a language model's ``top_k``), as given
    (:func:`_as_given`); else :data:`_UNKEPT`."""
    for holder in (augmenter, getattr(augmenter, "model", None)):
        if hasattr(holder, key):
            return _as_given(getattr(holder, key))
    return _UNKEPT


def _as_given(value: Any) -> Any:
    """``value`` as it was given to nlpaug: a pattern it compiled from a string (``stopwords_regex``) as that
    string, unless it was compiled with flags, which a string cannot carry; anything else as it is."""
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str) and re.compile(value.pattern).flags == value.flags:
        return value.pattern
    return value


def _plain_state(augmenter: Any) -> dict[str, Any]:
    """The JSON attributes of the nlpaug ``augmenter`` and of its model (``model.`` before their names):
    what makes its outputs, besides functions and model weights."""
    holders = {"": augmenter, "model.": getattr(augmenter, "model", None)}
    return {
        prefix + key: value
        for prefix, holder in holders.items()
        for key, value in getattr(holder, "__dict__", {}).items()
        if _is_json(value)
    }


def _refuse_another_rebuild(augmenter: Any, rebuilt: Any, path: str, unkept: list[str]) -> None:
    """Refuse to rebuild ``augmenter`` where ``rebuilt``, built from what it keeps, differs from it: a value
    given to a parameter it keeps no record of (``unkept``: ``OcrAug``'s ``dict_of_path``) would be lost."""
    original, again = _plain_state(augmenter), _plain_state(rebuilt)
    differing = sorted(key for key in original.keys() | again.keys() if original.get(key) != again.get(key))
    if not differing:
        return
    kind = type(augmenter).__name__
    cause = (
        f"{kind} keeps no record of {', '.join(unkept)}, so what was given there cannot be read back"
        if unkept
        else "it was changed after it was built"
    )
    arguments = "".join(f"{key}=<what you gave nlpaug>, " for key in unkept)
    raise ValueError(
        f"nlpaug: from_instance cannot rebuild this {kind}: {cause}, and one built from what it keeps differs in "
        f"{', '.join(differing)}. Build it from plain parameters instead: "
        f"hfaug.NlpaugAugmenter({path.removeprefix(_PREFIX)!r}, {arguments}...)"
    )


FILE_PARAMETERS = ("dict_of_path", "dict_path", "from_model_name", "model_dir", "model_path", "to_model_name", "tokenizer_path")
"""Parameters of nlpaug classes that name files: a local file or folder given there is pinned by its content."""


def _pinned_files(params: dict[str, Any], recorded: dict[str, str] | None) -> dict[str, str] | None:
    """The content revisions of the local files that ``params`` name (None where they name none); a ``recorded``
    set that no longer matches them is refused."""
    found = {
        name: content_revision(params[name])
        for name in FILE_PARAMETERS
        if isinstance(params.get(name), str) and os.path.exists(params[name])
    }
    kept = {name: revision for name, revision in (recorded or {}).items() if revision is not None}
    if recorded is not None and kept != found:
        changed = sorted(name for name in found.keys() | kept.keys() if found.get(name) != kept.get(name))
        raise ValueError(
            f"nlpaug: the files that {', '.join(changed)} name{'s' if len(changed) == 1 else ''} are not those the "
            f"configuration recorded ({', '.join(f'{name}: {kept.get(name)}' for name in changed)}); restore "
            "them, or build the augmenter without revisions= to use the files as they are (another configuration, "
            "so a new version)"
        )
    return found or None


def _what_it_loads(path: str, params: dict[str, Any]) -> str:
    """What to check when the nlpaug class at ``path`` cannot be built from ``params``: the files and models
    that its :data:`FILE_PARAMETERS` name, nlpaug's defaults included (``model_path='bert-base-uncased'``), which
    a failed load's own error often leaves unsaid."""
    defaults = {
        name: parameter.default
        for name, parameter in inspect.signature(_class(path).__init__).parameters.items()
        if name in FILE_PARAMETERS and parameter.default is not parameter.empty
    }
    loads = [
        f"{name}={params[name]!r}" if name in params else f"{name}={default!r} (nlpaug's default)"
        for name, default in defaults.items()
    ]
    if not loads:
        return "Check its parameters; a model it loads must be on this machine or downloadable."
    return (
        f"It loads {', '.join(loads)}. Give each a file or model that is on this machine (a local path) or "
        "downloadable, and check the other parameters."
    )


class NlpaugAugmenter(TextAugmenter):
    """Turn an nlpaug text augmenter into an hfaug augmenter.

    The nlpaug augmenter is named by its class path and built from plain parameters, so the
    configuration stays JSON data (recipes, fingerprints, ``hfaug.get("nlpaug", **config)``). It is
    built lazily, once per process and configuration, and freed with the last augmenter that uses it.
    nlpaug draws from Python's and NumPy's global generators (and
    torch's, for augmenters that run a language model), so each row runs inside
    :func:`hfaug.seeding.global_rngs_seeded` with a seed drawn from the row's own generator: results
    are reproducible and independent of batching and ``num_proc``. Outputs
    are nlpaug's (its tokenizer may change spacing around punctuation); a copy that nlpaug leaves
    unchanged, only re-spaces, or leaves without a word (a deletion of every word) is dropped: left
    out when copies are optional, otherwise kept with the reason in ``hfaug_error`` (see
    :class:`hfaug.Augmented`).

    Args:
        augmenter_name (`str`): nlpaug class, e.g. `"char.KeyboardAug"`, `"word.RandomWordAug"` or
            `"nlpaug.augmenter.word.SynonymAug"` (classes under ``nlpaug.augmenter`` only).
        column (`str`, defaults to `"text"`): The text column.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.
        revisions (`dict`, *optional*): ``content-<hash>`` of the local files or folders that the
            parameters naming files (:data:`FILE_PARAMETERS`: ``dict_of_path``, ``model_path``, ...) point
            to, by parameter; recorded when built, so other files at the same path give another
            configuration. A recorded revision that no longer matches the files is refused.
        **params: Keyword arguments of the nlpaug class; JSON values only. Names the class does not
            take raise a `ValueError` here, before any row is augmented.

    Example:
        >>> aug = hfaug.NlpaugAugmenter("word.RandomWordAug", action="swap", aug_p=0.2, seed=1)
        >>> out = ds.map(aug, batched=True)
        >>> same = hfaug.NlpaugAugmenter.from_instance(nlpaug.augmenter.char.KeyboardAug(aug_char_p=0.1))
    """

    name = "nlpaug"
    requires = ("nlpaug",)
    output_packages = ("nlpaug",)
    resolved_from = {"revisions": FILE_PARAMETERS}

    def __init__(
        self,
        augmenter_name: str,
        column: str = "text",
        *,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
        revisions: dict[str, str] | None = None,
        **params: Any,
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.check_installed("hfaug.NlpaugAugmenter")  # resolving the name imports nlpaug
        self.augmenter_name = resolve(augmenter_name)
        if "name" in params:
            raise ValueError(
                "nlpaug: nlpaug's `name` parameter only labels its own logs and cannot be set here; leave it out"
            )
        params = {key: _whole_count(key, jsonable(value)) for key, value in params.items()}  # a tuple of stop words is a list
        check_parameters(self.augmenter_name, params)
        for key, value in params.items():
            if not _is_json(value):
                raise TypeError(
                    f"nlpaug: parameter {key}={value!r} is not JSON data (numbers, strings, lists, dicts); "
                    "an hfaug configuration must stay data so it can be saved, hashed and rebuilt"
                )
        self.params = dict(params)
        self.revisions = _pinned_files(params, revisions)
        self._nlpaug: Any = None

    def config(self) -> dict[str, Any]:
        return {**super().config(), **self.params}

    @classmethod
    def from_instance(cls, augmenter: Any, column: str = "text", **options: Any) -> NlpaugAugmenter:
        """The :class:`NlpaugAugmenter` that rebuilds ``augmenter`` (an nlpaug augmenter instance).

        Its constructor arguments are read back from the attributes nlpaug stores under the same
        names, on the augmenter or on its model; those with non-JSON values (a custom tokenizer
        function, ...) cannot be carried and raise unless they are nlpaug's own defaults. It raises
        too where one rebuilt from what the instance keeps would differ from it (a custom ``OcrAug``
        table, which nlpaug keeps no record of).

        Args:
            augmenter (`nlpaug.Augmenter`): The instance.
            column (`str`, defaults to `"text"`): The text column.
            options: ``n``, ``keep_original``, ``seed``, ``on_error``.
        """
        kind = type(augmenter)
        path = resolve(f"{kind.__module__}.{kind.__qualname__}")
        given: dict[str, Any] = {}
        derived: dict[str, Any] = {}  # defaults to None: maybe filled in by nlpaug itself (paths, word lists)
        opaque: list[str] = []
        unkept: list[str] = []
        for key, parameter in inspect.signature(kind.__init__).parameters.items():
            if key in ("self", "name") or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                continue
            value = _kept_value(augmenter, key)
            if value is _UNKEPT:
                unkept.append(key)
            elif not _is_json(value):
                opaque.append(key)
            elif value != parameter.default:
                (derived if parameter.default is None else given)[key] = value
        reference = _build(path, given)
        params = {**given, **{key: value for key, value in derived.items() if getattr(reference, key, None) != value}}
        if len(params) > len(given):
            reference = _build(path, params)
        different = [key for key in opaque if _kept_value(reference, key) != _kept_value(augmenter, key)]
        if different:
            raise ValueError(
                f"nlpaug: {kind.__name__} parameters {different} hold objects that cannot be part of a configuration; "
                f"build it with NlpaugAugmenter({path!r}, ...) from plain parameters instead"
            )
        _refuse_another_rebuild(augmenter, reference, path, unkept)
        rebuilt = cls(path, column, **options, **params)
        rebuilt._nlpaug = _instances.setdefault(rebuilt._key(), reference)
        return rebuilt

    def _key(self) -> str:
        return json.dumps([self.augmenter_name, self.params, self.revisions], sort_keys=True)

    def nlpaug_augmenter(self) -> Any:
        """The nlpaug augmenter, built on first use unless another augmenter of this configuration holds one."""
        if self._nlpaug is None:
            key = self._key()
            shared = _instances.get(key)
            self._nlpaug = _instances[key] = self._build_nlpaug() if shared is None else shared
        return self._nlpaug

    def _build_nlpaug(self) -> Any:
        """The nlpaug augmenter built from this configuration; one clear error where it cannot be."""
        with nltk_data_required(self.augmenter_name):
            try:
                return _build(self.augmenter_name, self.params)
            except Exception as error:  # a model it cannot load, a value it refuses: no row can succeed
                if _missing_nltk_resource(error):
                    raise
                raise HfaugError(
                    f"nlpaug: could not build {self.augmenter_name.removeprefix(_PREFIX)} with {self.params}: "
                    f"{type(error).__name__}: {str(error).rstrip('.')}. {_what_it_loads(self.augmenter_name, self.params)}"
                ) from error

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        augmenter = self.nlpaug_augmenter()
        torch_rng = _samples_with_torch(augmenter)
        results = []
        with nltk_data_required(self.augmenter_name, augmenter):
            for text, rng in zip(values, rngs):
                seed = derive_seed(rng)
                with global_rngs_seeded(seed, torch_rng=torch_rng):
                    output = augmenter.augment(text)
                if isinstance(output, list):
                    output = output[0] if output else None
                if not isinstance(output, str):
                    results.append(Augmented(value=text, error=f"nlpaug returned {type(output).__name__}, not text"))
                elif output == text:
                    results.append(Augmented(value=text, dropped="nlpaug left the text unchanged"))
                elif _only_respaced(output, text):
                    results.append(Augmented(value=text, dropped="nlpaug only re-spaced the text"))
                elif _lost_every_word(output, text):
                    results.append(Augmented(value=text, dropped="nlpaug left no word, only punctuation or spaces"))
                else:
                    results.append(Augmented(value=output, params={"seed": seed}))
        return results
