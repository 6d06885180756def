"""Back-translation through MarianMT: translate into pivot languages and back.

``hfaug.backtranslate`` is ready to use (English -> German -> English with
``Helsinki-NLP/opus-mt-*``); :class:`BackTranslate` configures pivots, models, decoding,
variants and filters. The translation machinery lives in :mod:`hfaug.text.translation`.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import numbers
import os
import re
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from hfaug.augmenter import Augmented
from hfaug.augmenter.arguments import check_count, check_flag
from hfaug.augmenter.on_error import OnError
from hfaug.errors import HfaugError, ModelNotFound, closest
from hfaug.seeding import copy_number
from hfaug.text.base import TextAugmenter
from hfaug.text.translation import models as model_store
from hfaug.text.translation.generation import Decoding, Request, Translator, Untranslatable

logger = logging.getLogger(__name__)

_LANGUAGE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_DEFAULT_BATCH_TOKENS = {"cpu": 16384, "cuda": 32768, "mps": 8192}
_translators: dict[tuple[Any, ...], Translator] = {}

IDENTICAL_TO_SOURCE = "identical to the source text"


class BackTranslate(TextAugmenter):
    """Paraphrases text by translating it into a pivot language and back (MarianMT).

    Copy ``c`` of a row goes through pivot path ``pivots[(c - 1) % len(pivots)]``; a path is a
    language (``"de"``) or a chain (``"de>fr"``: en -> de -> fr -> en). Several copies on the
    same path differ by beam hypothesis (the ``k``-th best pivot translation, so ``num_beams``
    must cover them) or, with ``sample=True``, by their own random draws. Variants identical
    to the source or to an earlier copy of the same row are dropped and logged; with
    ``length_ratio`` so are variants much shorter or longer than the source. A dropped variant's
    copy is left out when copies are optional, otherwise kept as the source with the reason in
    ``hfaug_error`` (see :class:`hfaug.Augmented`).

    Models load lazily, once per process, with safetensors and without remote code. Each
    direction's model is pinned to a revision (the Hub commit, or ``content-<hash>`` of a local
    directory) that is part of :meth:`config`, so a different model never reuses a stale
    ``datasets`` cache. Texts longer than the model's input limit are split into sentences,
    translated and joined back, never truncated.

    Args:
        column (`str`, defaults to `"text"`): The text column.
        src (`str`, defaults to `"en"`): Language of the texts.
        pivots (`list[str]`, defaults to `["de"]`): Pivot paths; a chain is written
            ``"de>fr"`` or ``["de", "fr"]``.
        models (`dict[str, str]`, *optional*): Model per direction, a Hub id or a folder (a string
            or `os.PathLike`), e.g. ``{"en-de": "/models/en-de", "de-en": "Helsinki-NLP/opus-mt-de-en"}``;
            others default to ``Helsinki-NLP/opus-mt-{src}-{tgt}``.
        revisions (`dict[str, str]`, *optional*): Revision per direction (commit, branch, tag,
            ``refs/pr/N``; ``content-...`` for a local directory). Unset directions are resolved
            on first use and recorded here.
        n (`int`, defaults to 1): Variants per row (batched map).
        num_beams (`int`, defaults to 1): Beam size; 1 is greedy decoding.
        sample (`bool`, defaults to `False`): Sample instead of searching (needs ``num_beams=1``).
        temperature (`float`, defaults to 1.0): Sampling temperature (with ``sample=True`` only).
        top_p (`float`, defaults to 1.0): Nucleus sampling mass (with ``sample=True`` only).
        max_new_tokens (`int`, *optional*): Cap on each translation's tokens; by default twice
            the input's tokens plus 10.
        generate_kwargs (`dict`, *optional*): Further ``generate()`` settings (``GenerationConfig``
            names, JSON values), e.g. ``{"no_repeat_ngram_size": 3}``. Refused: sampling settings
            besides ``temperature``/``top_p``, outputs other than the tokens, decoding methods
            transformers runs from Hub code, and ``max_time`` (outputs would depend on timing).
        length_ratio (`tuple[float, float]`, *optional*): Keep only variants whose length in
            characters is within ``[low, high]`` times the source's.
        device (`str`, *optional*): ``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"mps"``; by default
            CUDA, then MPS, then CPU. With ``Dataset.map(..., with_rank=True)`` process ``rank``
            uses ``cuda:{rank % GPUs}``.
        dtype (`str`, *optional*): ``"float32"``, ``"bfloat16"``, ``"float16"``; by default bf16
            (fp16 without bf16 support) on CUDA, fp16 on MPS, fp32 on CPU.
        max_batch_tokens (`int`, *optional*): Padded input tokens per model batch (beams
            included); by default 16384 on CPU, 32768 on CUDA. Halved on out-of-memory.
        cache_dir (`str`, *optional*): Folder of an on-disk translation cache shared by runs
            and recipes (keyed by model revision, decoding and text). Off by default.
        keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> ds.map(hfaug.backtranslate)                       # en -> de -> en, 1:1
        >>> bt = hfaug.BackTranslate(pivots=["de", "fr"], n=2, sample=True, top_p=0.9)
        >>> big = ds.map(bt, batched=True)
        >>> ds.map(bt, batched=True, with_rank=True, num_proc=torch.cuda.device_count())
    """

    name = "backtranslate"
    requires = ("torch", "transformers")
    output_packages = ("sacremoses", "sentencepiece", "tokenizers", "torch", "transformers")
    output_neutral = ("cache_dir", "max_batch_tokens")  # where translations are kept, how many run at once
    resolved_from = {"revisions": ("src", "pivots", "models")}

    def __init__(
        self,
        column: str = "text",
        *,
        src: str = "en",
        pivots: Sequence[str | Sequence[str]] = ("de",),
        models: Mapping[str, str] | None = None,
        revisions: Mapping[str, str] | None = None,
        n: int = 1,
        num_beams: int = 1,
        sample: bool = False,
        temperature: float = 1.0,
        top_p: float = 1.0,
        max_new_tokens: int | None = None,
        generate_kwargs: Mapping[str, Any] | None = None,
        length_ratio: Sequence[float] | None = None,
        device: str | None = None,
        dtype: str | None = None,
        max_batch_tokens: int | None = None,
        cache_dir: str | None = None,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.src = _check_language(src, "src")
        self.pivots = _check_pivots(pivots)
        self.directions = _directions(self.src, self.pivots)
        self.models = _check_models(models, self.directions)
        self._requested_revisions = _check_directions(revisions, self.directions, "revisions", "main")
        num_beams = check_count(self.name, "num_beams", num_beams, optional=False)
        sample = check_flag(self.name, "sample", sample)
        if sample and num_beams != 1:
            raise ValueError("backtranslate: sample=True draws one token at a time; pass num_beams=1 with it")
        if not _is_number(temperature) or not temperature > 0:
            raise ValueError(f"backtranslate: temperature must be a number > 0, got {temperature!r}")
        if not _is_number(top_p) or not 0 < top_p <= 1:
            raise ValueError(f"backtranslate: top_p must be a number with 0 < top_p <= 1, got {top_p!r}")
        unused = [f"{name}={value!r}" for name, value in (("temperature", temperature), ("top_p", top_p)) if value != 1]
        if unused and not sample:  # beam search and greedy decoding draw nothing: they would only change the cache keys
            several = len(unused) > 1
            raise ValueError(
                f"backtranslate: {' and '.join(unused)} only appl{'y' if several else 'ies'} when sampling; pass "
                f"sample=True (with num_beams=1), or leave {'them' if several else 'it'} out"
            )
        max_new_tokens = check_count(self.name, "max_new_tokens", max_new_tokens)
        max_batch_tokens = check_count(self.name, "max_batch_tokens", max_batch_tokens)
        self.num_beams = num_beams
        self.sample = sample
        self.temperature = float(temperature)
        self.top_p = float(top_p)
        self.max_new_tokens = max_new_tokens
        self.generate_kwargs = _check_generate_kwargs(generate_kwargs)
        self.length_ratio = _check_length_ratio(length_ratio)
        self.device = _check_device(device)
        self.dtype = model_store.check_dtype(dtype)
        self.max_batch_tokens = max_batch_tokens
        self.cache_dir = _check_cache_dir(cache_dir)
        limit = self.variant_limit()
        if limit is not None and n > limit[0]:
            _warn_few_variants(n, *limit)
        self._resolved: dict[str, model_store.ResolvedModel] = {}

    def variant_limit(self) -> tuple[int, str] | None:
        """Deterministic decoding makes one variant per pivot path and beam hypothesis; sampling, any number."""
        if self.sample:
            return None
        return len(self.pivots) * self.num_beams, "pass sample=True, or more num_beams or pivots"

    # ------------------------------------------------------------------ models
    def model_name(self, direction: str) -> str:
        """The Hub id or local directory used for ``direction`` (``"en-de"``)."""
        return _model_name(self.models, direction)

    def resolved(self, direction: str) -> model_store.ResolvedModel:
        """``direction``'s model pinned to a revision (resolved once per process, and again when the files of a local
        folder change: the new ones are used, and with them the configuration changes)."""
        known = self._resolved.get(direction)
        if known is None or model_store.changed_on_disk(known):
            self._resolved[direction] = model_store.resolve(
                self.model_name(direction), direction, self._requested_revisions.get(direction)
            )
        return self._resolved[direction]

    def _kept_when_resolved_again(self, resolved: str, changes: dict[str, Any]) -> dict[str, Any]:
        """The revisions pinned for directions that ``changes`` leave in use with the same model."""
        source = _check_language(changes.get("src", self.src), "src")
        directions = _directions(source, _check_pivots(changes.get("pivots", self.pivots)))
        models = _check_models(changes.get("models", self.models), directions)
        kept = {
            direction: revision
            for direction, revision in self._requested_revisions.items()
            if direction in directions and _model_name(models, direction) == self.model_name(direction)
        }
        return {"revisions": kept}

    @property
    def revisions(self) -> dict[str, str]:
        """The revision of every direction's model (resolving, and downloading, them if needed)."""
        return {direction: self.resolved(direction).revision for direction in self.directions}

    def init_arguments(self) -> dict[str, Any]:
        """:meth:`config`; while a model cannot be resolved, with the revisions as requested, so that
        pickling it and ``datasets``' fingerprint of it do not fail: augmenting raises the
        :class:`~hfaug.ModelNotFound` that says what to do."""
        try:
            return self.config()
        except ModelNotFound:
            return {**self._config_without("revisions"), "revisions": dict(self._requested_revisions)}

    def _identity(self) -> dict[str, Any]:
        return self.init_arguments()  # comparing one whose model cannot be found does not raise

    def _translator(self, direction: str) -> Translator:
        resolved = self.resolved(direction)
        loaded = model_store.load(resolved, self.device, self.dtype)
        decoding = Decoding(
            num_beams=self.num_beams,
            sample=self.sample,
            temperature=self.temperature,
            top_p=self.top_p,
            max_new_tokens=self.max_new_tokens,
            generate_kwargs=self.generate_kwargs,
        )
        budget = self.max_batch_tokens or _DEFAULT_BATCH_TOKENS.get(loaded.device.type, 8192)
        key = (direction, resolved, str(loaded.device), decoding.signature(loaded.dtype), budget, self.cache_dir)
        if key not in _translators:
            from hfaug.text.translation.cache import TranslationCache

            _refuse_unsupported(loaded, resolved.name, direction)

            cache = TranslationCache(self.cache_dir) if self.cache_dir else None
            for stale in [held for held in _translators if model_store.superseded(resolved, held[1].path, held[1].revision)]:
                del _translators[stale]
            _translators[key] = Translator(loaded, resolved.revision, decoding, direction.split("-")[0], budget, cache)
        return _translators[key]

    # ------------------------------------------------------------------ augmenting
    def augment_batch(self, values: Sequence[str], rngs: Sequence[np.random.Generator]) -> list[Any]:
        copies = [copy_number(rng) or 1 for rng in rngs]
        plans = [self._plan(copy, rng) for copy, rng in zip(copies, rngs)]
        current = list(values)
        failures: dict[int, str] = {}
        hops = max(len(plan.languages) for plan in plans) + 1
        used = (plan.direction(self.src, hop) for plan in plans if plan.error is None for hop in range(len(plan.languages) + 1))
        # every model this batch uses is loaded, or refused, before any text is translated
        translators = {direction: self._translator(direction) for direction in dict.fromkeys(used)}
        for hop in range(hops):
            by_direction: dict[str, list[int]] = {}
            for item, plan in enumerate(plans):
                if hop <= len(plan.languages) and plan.error is None and item not in failures:
                    by_direction.setdefault(plan.direction(self.src, hop), []).append(item)
            for direction, items in by_direction.items():
                requests = [plans[item].request(current[item], hop) for item in items]
                for item, translated in zip(items, translators[direction].translate(requests)):
                    if isinstance(translated, Untranslatable):
                        failures[item] = translated.reason
                    else:
                        current[item] = translated
        return self._filter(values, copies, plans, current, failures)

    def _plan(self, copy: int, rng: np.random.Generator) -> _Plan:
        path = self.pivots[(copy - 1) % len(self.pivots)]
        rank = (copy - 1) // len(self.pivots)
        languages = path.split(">")
        if self.sample:
            seeds = [int(seed) for seed in rng.integers(0, 2**63 - 1, size=len(languages) + 1)]
            return _Plan(path, languages, 0, seeds, None)
        if rank >= self.num_beams:
            return _Plan(path, languages, rank, None, f"no further beam hypothesis (copy {copy}, num_beams={self.num_beams})")
        return _Plan(path, languages, rank, None, None)

    def _filter(
        self, sources: Sequence[str], copies: list[int], plans: list[_Plan], outputs: list[str], failures: Mapping[int, str]
    ) -> list[Augmented]:
        """Each item's result: its failure, the reason it is dropped, or its variant."""
        seen: dict[tuple[str, str], int] = {}
        order = sorted((item for item in range(len(sources)) if item not in failures), key=lambda item: copies[item])
        verdicts: dict[int, str | None] = {}
        for item in order:
            plan, text = plans[item], outputs[item]
            key = (sources[item], _normalise(text))
            if plan.error is not None:
                verdicts[item] = plan.error
            elif not text.strip():
                verdicts[item] = "the translation is empty"
            elif _normalise(text) == _normalise(sources[item]):
                verdicts[item] = IDENTICAL_TO_SOURCE
            elif key in seen and seen[key] != copies[item]:
                verdicts[item] = f"identical to an earlier copy (copy {seen[key]})"
            elif self.length_ratio is not None and not _ratio_ok(sources[item], text, self.length_ratio):
                ratio = len(text) / max(1, len(sources[item]))
                verdicts[item] = f"length ratio outside {self.length_ratio} ({ratio:.2f})"
            else:
                verdicts[item] = None
            seen.setdefault(key, copies[item])
        dropped = sum(reason is not None for reason in verdicts.values())
        if dropped:
            logger.info("backtranslate: dropped %d of %d variants (%s)", dropped, len(sources), _reasons(verdicts))
        results: list[Augmented] = []
        for item, plan in enumerate(plans):
            if item in failures:
                results.append(Augmented(error=failures[item], params=plan.params()))
            elif verdicts[item] is not None:
                results.append(Augmented(dropped=verdicts[item], params=plan.params()))
            else:
                results.append(Augmented(outputs[item], params=plan.params()))
        return results


def _refuse_unsupported(loaded: model_store.LoadedModel, name: str, direction: str) -> None:
    """Raise when hfaug cannot drive ``loaded`` (the model ``name`` for ``direction``) correctly."""
    reason = model_store.unsupported(loaded)
    if reason is not None:
        raise HfaugError(
            f"backtranslate: the model for {direction}, {name}, cannot be used: {reason}, "
            "so it would translate into the wrong language or not at all. BackTranslate drives bilingual MarianMT-style "
            "models, one per direction (e.g. Helsinki-NLP/opus-mt-en-de); multilingual ones (M2M100, NLLB, mBART, "
            f"opus-mt-tc with >>xxx<< codes) and T5 are not supported. Pass models={{{direction!r}: a bilingual model}}."
        )


class _Plan:
    """The route of one copy: pivot path, hypothesis rank, sampling seeds (one per hop)."""

    __slots__ = ("error", "languages", "path", "rank", "seeds")

    def __init__(self, path: str, languages: list[str], rank: int, seeds: list[int] | None, error: str | None) -> None:
        self.path = path
        self.languages = languages
        self.rank = rank
        self.seeds = seeds
        self.error = error

    def direction(self, source: str, hop: int) -> str:
        chain = [source, *self.languages, source]
        return f"{chain[hop]}-{chain[hop + 1]}"

    def request(self, text: str, hop: int) -> Request:
        if self.seeds is not None:
            return Request(text, seed=self.seeds[hop])
        return Request(text, hypothesis=self.rank if hop == 0 else 0)

    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"pivot": self.path}
        if self.seeds is None:
            params["hypothesis"] = self.rank
        return params


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _ratio_ok(source: str, text: str, bounds: list[float]) -> bool:
    ratio = len(text) / max(1, len(source))
    return bounds[0] <= ratio <= bounds[1]


def _reasons(verdicts: Mapping[int, str | None]) -> str:
    counts: dict[str, int] = {}
    for reason in verdicts.values():
        if reason is not None:
            label = reason.split(" (")[0]
            counts[label] = counts.get(label, 0) + 1
    return ", ".join(f"{count} {label}" for label, count in sorted(counts.items()))


def _check_language(code: Any, what: str) -> str:
    if not isinstance(code, str) or not _LANGUAGE.match(code):
        raise ValueError(f"backtranslate: {what} must be a language code such as 'en' or 'de', got {code!r}")
    return code


def _check_pivots(pivots: Any) -> list[str]:
    if isinstance(pivots, str):
        pivots = [pivots]
    if not isinstance(pivots, Sequence) or not pivots:
        raise ValueError(f"backtranslate: pivots must be a non-empty list such as ['de', 'fr>es'], got {pivots!r}")
    paths: list[str] = []
    for pivot in pivots:
        if not isinstance(pivot, (str, Sequence)):
            raise ValueError(
                f"backtranslate: each pivot must be a language ('de') or a chain ('de>fr' or ['de', 'fr']), got {pivot!r}"
            )
        languages = pivot.split(">") if isinstance(pivot, str) else list(pivot)
        if not languages:
            raise ValueError(f"backtranslate: empty pivot path in {pivots!r}")
        path = ">".join(_check_language(language, f"each language of pivot {pivot!r}") for language in languages)
        if path in paths:
            raise ValueError(
                f"backtranslate: pivots lists the path {path!r} twice; list each path once and ask for more copies "
                "with n= (copies on one path differ by beam hypothesis, num_beams=, or by their own draws, sample=True)"
            )
        paths.append(path)
    return paths


@functools.lru_cache(maxsize=None)
def _warn_few_variants(n: int, count: int, how: str) -> None:
    """Warn, once per process for each setting (a recipe builds its augmenters to check them, then to
    run them), that ``n`` copies exceed the ``count`` distinct variants deterministic decoding makes."""
    logger.warning(
        "backtranslate: n=%d copies but deterministic decoding gives at most %d distinct variants "
        "(pivot paths x num_beams); extra copies are dropped as duplicates: %s.",
        n,
        count,
        how,
    )


def _check_models(models: Any, directions: list[str]) -> dict[str, str]:
    return _check_directions(models, directions, "models", _model_name({}, directions[0]))


def _model_name(models: Mapping[str, str], direction: str) -> str:
    """The Hub id or local directory that ``models`` (checked) gives ``direction``, else its default."""
    return models.get(direction) or model_store.default_model(*direction.split("-"))


def _directions(source: str, pivots: list[str]) -> list[str]:
    directions: list[str] = []
    for path in pivots:
        chain = [source, *path.split(">"), source]
        for left, right in zip(chain, chain[1:]):
            if left == right:
                raise ValueError(f"backtranslate: pivot path {path!r} translates {left} into itself")
            if f"{left}-{right}" not in directions:
                directions.append(f"{left}-{right}")
    return directions


def _check_directions(mapping: Any, directions: list[str], what: str, example: str) -> dict[str, str]:
    """``mapping`` of directions to strings (paths given as ``os.PathLike`` too), checked; ``example`` is a value
    for the first direction, shown when ``mapping`` is not a dict."""
    if mapping is not None and not isinstance(mapping, Mapping):
        raise ValueError(
            f"backtranslate: {what} must be a dict keyed by direction ('src-tgt'), "
            f"e.g. {{{directions[0]!r}: {example!r}}}; the pivots use {', '.join(directions)}; got {mapping!r}"
        )
    mapping = {
        direction: os.fspath(value) if isinstance(value, os.PathLike) else value for direction, value in (mapping or {}).items()
    }
    unknown = sorted(set(mapping) - set(directions))
    if unknown:
        raise ValueError(
            f"backtranslate: {what} names directions {unknown} that the pivots do not use; "
            f"the directions are {directions} (written 'src-tgt')"
        )
    for direction, value in mapping.items():
        if not isinstance(value, str) or not value:
            raise ValueError(f"backtranslate: {what}[{direction!r}] must be a non-empty string, got {value!r}")
    return mapping


_OWN_PARAMETERS = {
    "num_beams": "num_beams",
    "do_sample": "sample",
    "temperature": "temperature",
    "top_p": "top_p",
    "max_new_tokens": "max_new_tokens",
    "max_length": "max_new_tokens",
    "num_return_sequences": "n",
}


_REFUSED_GENERATE_KWARGS = {
    **dict.fromkeys(
        ("top_k", "top_h", "typical_p", "min_p", "epsilon_cutoff", "eta_cutoff"),
        "hfaug samples with its own per-row generator, which takes temperature= and top_p= only; remove it",
    ),
    **dict.fromkeys(
        ("return_dict_in_generate", "output_scores", "output_logits", "output_attentions", "output_hidden_states"),
        "hfaug keeps only the translated text (generate() must return token ids); remove it",
    ),
    **dict.fromkeys(
        ("penalty_alpha", "num_beam_groups", "diversity_penalty", "dola_layers", "force_words_ids", "constraints"),
        "it asks for contrastive, group beam, DoLa or constrained search, which transformers runs from Hub code, "
        "and hfaug runs no remote code; remove it and decode with num_beams= or sample=True",
    ),
    **dict.fromkeys(
        (
            "prompt_lookup_num_tokens", "max_matching_ngram_size", "num_assistant_tokens", "num_assistant_tokens_schedule",
            "assistant_confidence_threshold", "assistant_early_exit", "assistant_lookbehind", "target_lookbehind",
            "assistant_ensemble_weight", "is_assistant",
        ),
        "it asks for assisted (speculative) decoding, which transformers runs on one text at a time, so the map would "
        "fail or not by how texts fall into batches; remove it",
    ),
    "guidance_scale": "it asks for classifier-free guidance, which translation models do not take; remove it",
    "max_time": (
        "it stops generating after a wall-clock time, so outputs would depend on the machine's load and the batch; "
        "remove it and cap translations with max_new_tokens="
    ),
}


def _check_generate_kwargs(kwargs: Any) -> dict[str, Any]:
    if not kwargs:
        return {}
    if not isinstance(kwargs, Mapping):
        raise ValueError(
            f"backtranslate: generate_kwargs must be a dict of generate() settings such as "
            f"{{'no_repeat_ngram_size': 3}}, got {kwargs!r}"
        )
    settings = _generation_settings()
    for key, value in kwargs.items():
        if key in _OWN_PARAMETERS:
            raise ValueError(f"backtranslate: set {key!r} with the {_OWN_PARAMETERS[key]}= parameter, not generate_kwargs")
        if key in _REFUSED_GENERATE_KWARGS:
            raise ValueError(f"backtranslate: generate_kwargs {key!r} is refused: {_REFUSED_GENERATE_KWARGS[key]}")
        if key not in settings:
            raise ValueError(
                f"backtranslate: generate_kwargs {key!r} is not a setting of transformers' GenerationConfig."
                f"{closest(str(key), settings)} Remove it or correct its name."
            )
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            raise ValueError(
                f"backtranslate: generate_kwargs[{key!r}] must be JSON data (numbers, strings, lists, dicts) so that "
                f"the configuration can be saved, got {value!r}; write it with lists, dicts, strings and numbers"
            ) from None
    _refuse_invalid_settings(kwargs)
    return dict(kwargs)


def _refuse_invalid_settings(kwargs: Mapping[str, Any]) -> None:
    """Refuse settings that transformers' ``GenerationConfig`` finds invalid in themselves (those invalid with a
    model's own settings stop the map at its first batch)."""
    from transformers import GenerationConfig
    from transformers.utils import logging as transformers_logging

    verbosity = transformers_logging.get_verbosity()
    transformers_logging.set_verbosity_error()  # its advice on settings that do nothing without others, which hfaug sets
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            GenerationConfig(**kwargs)
    except ValueError as error:
        raise ValueError(f"backtranslate: generate_kwargs {dict(kwargs)} are invalid: {error}") from None
    finally:
        transformers_logging.set_verbosity(verbosity)


@functools.cache
def _generation_settings() -> tuple[str, ...]:
    """The names of transformers' ``GenerationConfig`` settings (the keys ``generate_kwargs`` may use)."""
    from transformers import GenerationConfig

    return tuple(name for name in GenerationConfig().to_dict() if not name.startswith("_"))


def _check_device(device: Any) -> str | None:
    if device is not None and not isinstance(device, str):
        raise ValueError(
            f"backtranslate: device must be a string such as 'cpu', 'cuda', 'cuda:1' or 'mps', or None "
            f"(the best there is), got {device!r}"
        )
    return device


def _check_cache_dir(cache_dir: Any) -> str | None:
    if cache_dir is not None and not isinstance(cache_dir, (str, os.PathLike)):
        raise ValueError(f"backtranslate: cache_dir must be the path of a folder, or None (no cache), got {cache_dir!r}")
    return os.fspath(cache_dir) if cache_dir is not None else None


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def _check_length_ratio(bounds: Sequence[float] | None) -> list[float] | None:
    if bounds is None:
        return None
    pair = list(bounds) if isinstance(bounds, (Sequence, np.ndarray)) and not isinstance(bounds, str) else []
    if len(pair) != 2 or not all(_is_number(bound) for bound in pair) or not 0 < pair[0] <= pair[1]:
        raise ValueError(f"backtranslate: length_ratio must be (low, high), two numbers with 0 < low <= high, got {bounds!r}")
    return [float(bound) for bound in pair]


backtranslate = BackTranslate()
"""English -> German -> English with ``Helsinki-NLP/opus-mt-en-de`` and ``opus-mt-de-en``, greedy."""
