"""Any nlpaug text augmenter as an hfaug augmenter: configured by data, seeded per row.

One job a module: the classes named by path (:mod:`.classes`), the checks of their parameters (:mod:`.parameters`),
the files and models they load (:mod:`.files`), building one with a model of its own (:mod:`.models`), the NLTK
data they read (:mod:`.nltk_data`), reading an nlpaug augmenter back (:mod:`.read_back`) and the outputs that make
no copy (:mod:`.outputs`). Here: :class:`NlpaugAugmenter`, which runs them.
"""

from __future__ import annotations

import inspect
import json
import weakref
from collections.abc import Sequence
from typing import Any

import numpy as np

from hfaug.augmenter import Augmented
from hfaug.augmenter.on_error import OnError
from hfaug.configurable import jsonable
from hfaug.errors import HfaugError
from hfaug.seeding import derive_seed, global_rngs_seeded
from hfaug.text.base import TextAugmenter
from hfaug.text.nlpaug_adapter.classes import PREFIX, TEXT_MODULES, resolve
from hfaug.text.nlpaug_adapter.files import FILE_PARAMETERS, pinned_files, what_it_loads
from hfaug.text.nlpaug_adapter.models import build, samples_with_torch
from hfaug.text.nlpaug_adapter.nltk_data import missing_nltk_resource, nltk_data_required
from hfaug.text.nlpaug_adapter.outputs import lost_every_word, only_respaced
from hfaug.text.nlpaug_adapter.parameters import NOT_STRINGS, check_parameters, is_json, whole_count
from hfaug.text.nlpaug_adapter.read_back import UNKEPT, kept_value, refuse_another_rebuild

__all__ = [
    "FILE_PARAMETERS",
    "NOT_STRINGS",
    "TEXT_MODULES",
    "NlpaugAugmenter",
    "check_parameters",
    "nltk_data_required",
    "resolve",
]

_instances: weakref.WeakValueDictionary[str, Any] = weakref.WeakValueDictionary()
"""The nlpaug augmenters built in this process, by configuration, for as long as an :class:`NlpaugAugmenter`
holds them: augmenters of one configuration share one, and it is freed with the last of them."""


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
        params = {key: whole_count(key, jsonable(value)) for key, value in params.items()}  # a tuple of stop words is a list
        check_parameters(self.augmenter_name, params)
        for key, value in params.items():
            if not is_json(value):
                raise TypeError(
                    f"nlpaug: parameter {key}={value!r} is not JSON data (numbers, strings, lists, dicts); "
                    "an hfaug configuration must stay data so it can be saved, hashed and rebuilt"
                )
        self.params = dict(params)
        self.revisions = pinned_files(params, revisions)
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
            value = kept_value(augmenter, key)
            if value is UNKEPT:
                unkept.append(key)
            elif not is_json(value):
                opaque.append(key)
            elif value != parameter.default:
                (derived if parameter.default is None else given)[key] = value
        reference = build(path, given)
        params = {**given, **{key: value for key, value in derived.items() if getattr(reference, key, None) != value}}
        if len(params) > len(given):
            reference = build(path, params)
        different = [key for key in opaque if kept_value(reference, key) != kept_value(augmenter, key)]
        if different:
            raise ValueError(
                f"nlpaug: {kind.__name__} parameters {different} hold objects that cannot be part of a configuration; "
                f"build it with NlpaugAugmenter({path!r}, ...) from plain parameters instead"
            )
        refuse_another_rebuild(augmenter, reference, path, unkept)
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
                return build(self.augmenter_name, self.params)
            except Exception as error:  # a model it cannot load, a value it refuses: no row can succeed
                if missing_nltk_resource(error):
                    raise
                raise HfaugError(
                    f"nlpaug: could not build {self.augmenter_name.removeprefix(PREFIX)} with {self.params}: "
                    f"{type(error).__name__}: {str(error).rstrip('.')}. {what_it_loads(self.augmenter_name, self.params)}"
                ) from error

    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Augmented]:
        augmenter = self.nlpaug_augmenter()
        torch_rng = samples_with_torch(augmenter)
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
                elif only_respaced(output, text):
                    results.append(Augmented(value=text, dropped="nlpaug only re-spaced the text"))
                elif lost_every_word(output, text):
                    results.append(Augmented(value=text, dropped="nlpaug left no word, only punctuation or spaces"))
                else:
                    results.append(Augmented(value=output, params={"seed": seed}))
        return results
