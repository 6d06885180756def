"""Translate many texts with one model: deduplicated, cached, split to fit, batched by token
budget, and generated with per-row limits and per-row random generators.

Every row's output depends only on that row (its text, its hypothesis rank or sampling
seed), never on the other rows of its batch: the output length cap is per row (a logits
processor forces EOS), and sampling draws from a generator of the row's own instead of
torch's global one. Results are therefore the same for any batch size or process count.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from hfaug.errors import HfaugError, InvalidValue
from hfaug.text.translation.batching import padded_length, plan_batches
from hfaug.text.translation.cache import TranslationCache, cache_key
from hfaug.text.translation.models import LoadedModel
from hfaug.text.translation.segments import Piece, join, split_to_fit

if TYPE_CHECKING:
    from transformers import LogitsProcessor

logger = logging.getLogger(__name__)

_SEED_MIX = 0x9E3779B97F4A7C15
_SEED_MASK = (1 << 63) - 1


@dataclass(frozen=True)
class Decoding:
    """How to decode: greedy (``num_beams=1``), beam search, or sampling.

    Args:
        num_beams (`int`, defaults to 1): Beams; 1 is greedy.
        sample (`bool`, defaults to `False`): Sample instead of searching.
        temperature (`float`, defaults to 1.0): Sampling temperature.
        top_p (`float`, defaults to 1.0): Nucleus sampling mass.
        max_new_tokens (`int`, *optional*): Cap on output tokens per text; by default twice
            the input's tokens plus 10, within the model's limit.
        generate_kwargs (`dict`, defaults to `{}`): Further ``generate()`` arguments.
    """

    num_beams: int = 1
    sample: bool = False
    temperature: float = 1.0
    top_p: float = 1.0
    max_new_tokens: int | None = None
    generate_kwargs: dict[str, Any] = field(default_factory=dict)

    def signature(self, dtype: Any) -> str:
        """The canonical text of these settings (and the weights' dtype), for cache keys."""
        return json.dumps({**asdict(self), "dtype": str(dtype)}, sort_keys=True, default=str)

    def output_limit(self, input_tokens: int, model_limit: int) -> int:
        """Most tokens (EOS excluded) a translation of ``input_tokens`` tokens may have."""
        wanted = self.max_new_tokens if self.max_new_tokens is not None else 2 * input_tokens + 10
        return max(1, min(wanted, model_limit - 2))


@dataclass(frozen=True)
class Request:
    """One translation to make.

    Args:
        text (`str`): The source text.
        hypothesis (`int`, defaults to 0): Which beam-search hypothesis (0 is the best).
        seed (`int`, *optional*): Seed of the row's generator when sampling.
    """

    text: str
    hypothesis: int = 0
    seed: int | None = None

    def variant(self) -> str:
        return f"seed={self.seed}" if self.seed is not None else f"hypothesis={self.hypothesis}"


@dataclass(frozen=True)
class Untranslatable:
    """Why a request cannot be translated (a word longer than the model's input limit, say);
    the other requests of its batch are translated as usual.

    Args:
        reason (`str`): What is wrong with the text.
    """

    reason: str


@dataclass
class Stats:
    """What a :class:`Translator` did in this process."""

    generated_rows: int = 0
    batches: int = 0
    split_texts: int = 0


class Translator:
    """Translates with one loaded model.

    Args:
        loaded (`LoadedModel`): The model and tokenizer.
        revision (`str`): The model's revision (for cache keys).
        decoding (`Decoding`): Decoding settings.
        language (`str`): Source language code (for sentence splitting).
        max_batch_tokens (`int`): Padded input tokens per batch (beams included).
        cache (`TranslationCache`, *optional*): On-disk cache to read and fill.
    """

    def __init__(
        self,
        loaded: LoadedModel,
        revision: str,
        decoding: Decoding,
        language: str,
        max_batch_tokens: int,
        cache: TranslationCache | None = None,
    ) -> None:
        self.loaded = loaded
        self.revision = revision
        self.decoding = decoding
        self.language = language
        self.max_batch_tokens = max_batch_tokens
        self.cache = cache
        self.signature = decoding.signature(loaded.dtype)
        self.stats = Stats()

    # ------------------------------------------------------------------ public
    def translate(self, requests: Sequence[Request]) -> list[str | Untranslatable]:
        """The translation of each request, in order (identical requests are made once), or why
        it cannot be made: one bad request never fails the others."""
        unique = list(dict.fromkeys(requests))
        done: dict[Request, str | Untranslatable] = {}
        keys = {request: cache_key(self.revision, self.signature, request.text, request.variant()) for request in unique}
        if self.cache is not None:
            stored = self.cache.get_many(keys.values())
            done = {request: stored[key] for request, key in keys.items() if key in stored}
        todo = [request for request in unique if request not in done]
        if todo:
            fresh = self._translate_fresh(todo)
            done.update(fresh)
            if self.cache is not None:
                self.cache.put_many({keys[request]: text for request, text in fresh.items() if isinstance(text, str)})
        return [done[request] for request in requests]

    # ------------------------------------------------------------------ pieces
    def _translate_fresh(self, requests: list[Request]) -> dict[Request, str | Untranslatable]:
        encoded = self._encode(list(dict.fromkeys(request.text for request in requests)))
        split: dict[Request, list[Piece]] = {}
        failed: dict[Request, Untranslatable] = {}
        for request in requests:
            try:
                split[request] = self._pieces(request.text, encoded[request.text])
            except InvalidValue as error:
                failed[request] = Untranslatable(str(error))
        piece_requests = {
            request: [
                Request(text, request.hypothesis, _piece_seed(request.seed, index)) if text else Request("")
                for index, (text, _) in enumerate(pieces)
            ]
            for request, pieces in split.items()
        }
        wanted = list(dict.fromkeys(piece for pieces in piece_requests.values() for piece in pieces if piece.text))
        translated = self._generate_all(wanted, encoded)
        translated[Request("")] = ""
        joined = {
            request: join([translated[piece] for piece in piece_requests[request]], pieces) for request, pieces in split.items()
        }
        return {**joined, **failed}

    def _pieces(self, text: str, ids: list[int]) -> list[Piece]:
        """``text`` whole when its token ``ids`` fit the model, else split to fit (:class:`InvalidValue`
        when it cannot be)."""
        limit = self.loaded.max_input_tokens
        if len(ids) <= limit:
            return [(text, "")]
        self.stats.split_texts += 1
        return split_to_fit(text, self.language, self._count_tokens, limit)

    def _count_tokens(self, texts: list[str]) -> list[int]:
        if not texts:
            return []
        return [len(ids) for ids in self.loaded.tokenizer(texts, truncation=False, verbose=False)["input_ids"]]

    def _encode(self, texts: list[str]) -> dict[str, list[int]]:
        """Token ids (EOS included) of each text, in one tokenizer call."""
        if not texts:
            return {}
        return dict(zip(texts, self.loaded.tokenizer(texts, truncation=False, verbose=False)["input_ids"]))

    # ------------------------------------------------------------------ generation
    def _generate_all(self, requests: list[Request], encoded: dict[str, list[int]]) -> dict[Request, str]:
        """Translate pieces that fit the model: one model row per text (beam search, greedy)
        or per text and seed (sampling)."""
        if self.decoding.sample:
            rows = [(request.text, request.seed) for request in requests]
            hypotheses = {row: 1 for row in rows}
        else:
            hypotheses = {}
            for request in requests:
                row = (request.text, None)
                hypotheses[row] = max(hypotheses.get(row, 0), request.hypothesis + 1)
            rows = list(hypotheses)
        encoded.update(self._encode(list(dict.fromkeys(text for text, _ in rows if text not in encoded))))
        row_ids = [encoded[text] for text, _ in rows]
        lengths = [len(ids) for ids in row_ids]
        outputs: dict[tuple[str, int | None], list[str]] = {}
        beams = 1 if self.decoding.sample else self.decoding.num_beams
        for batch in plan_batches(lengths, self.max_batch_tokens, beams, self.loaded.max_input_tokens):
            texts = self._run_batch(
                [row_ids[index] for index in batch],
                [rows[index][1] for index in batch],
                max(hypotheses[rows[index]] for index in batch),
            )
            for index, hyps in zip(batch, texts):
                outputs[rows[index]] = hyps
        result: dict[Request, str] = {}
        for request in requests:
            hyps = outputs[(request.text, request.seed if self.decoding.sample else None)]
            result[request] = hyps[0] if self.decoding.sample else hyps[request.hypothesis]
        return result

    def _run_batch(self, ids: list[list[int]], seeds: list[int | None], returns: int) -> list[list[str]]:
        """Generate for one batch; on out-of-memory, halve it and retry (and keep the smaller budget)."""
        import torch

        try:
            return self._generate(ids, seeds, returns)
        except (torch.OutOfMemoryError, RuntimeError) as error:
            if not _is_out_of_memory(error) or len(ids) == 1:
                raise
        _free_memory(self.loaded.device)
        self.max_batch_tokens = max(1, self.max_batch_tokens // 2)
        logger.warning(
            "translation ran out of memory on a batch of %d texts; retrying in halves (max_batch_tokens now %d)",
            len(ids),
            self.max_batch_tokens,
        )
        half = len(ids) // 2
        return self._run_batch(ids[:half], seeds[:half], returns) + self._run_batch(ids[half:], seeds[half:], returns)

    def _generate(self, ids: list[list[int]], seeds: list[int | None], returns: int) -> list[list[str]]:
        import torch
        from transformers import LogitsProcessorList

        loaded = self.loaded
        tokenizer, model, device = loaded.tokenizer, loaded.model, loaded.device
        width = padded_length(max(len(row) for row in ids), loaded.max_input_tokens)
        padded = tokenizer.pad({"input_ids": ids}, padding="max_length", max_length=width, return_tensors="pt")
        limits = [self.decoding.output_limit(len(row), loaded.max_output_tokens) for row in ids]
        beams = 1 if self.decoding.sample else self.decoding.num_beams
        try:  # the settings, checked with the model's own (`suppress_tokens` of its end token), then generate()
            config = copy.deepcopy(model.generation_config)
            config.update(**self.decoding.generate_kwargs)  # setting names were checked when the augmenter was built
            config.update(
                num_beams=beams,
                do_sample=False,
                num_return_sequences=returns,
                max_new_tokens=None,
                max_length=max(limits) + 2,  # decoder start + tokens + EOS
            )
            processors: list[Any] = [RowLengthLimit(limits, beams, _eos_id(config, tokenizer))]
            if self.decoding.sample:
                processors.append(RowSampler([int(seed or 0) for seed in seeds], self.decoding.temperature, self.decoding.top_p))
            with torch.inference_mode():
                generated = model.generate(
                    input_ids=padded["input_ids"].to(device),
                    attention_mask=padded["attention_mask"].to(device),
                    generation_config=config,
                    logits_processor=LogitsProcessorList(processors),
                )
        except Exception as error:  # the inputs are token ids that fit the model: the settings are at fault
            if _is_out_of_memory(error):
                raise
            raise HfaugError(self._generate_failed(error)) from error
        texts = tokenizer.batch_decode(generated.cpu(), skip_special_tokens=True)
        self.stats.batches += 1
        self.stats.generated_rows += len(ids)
        return [texts[index * returns : (index + 1) * returns] for index in range(len(ids))]

    def _generate_failed(self, error: Exception) -> str:
        """Why no text can be translated: ``generate()`` refused these decoding settings."""
        kwargs = self.decoding.generate_kwargs
        fix = "check that the model is a translation model (MarianMT) that this transformers can run"
        if kwargs:
            fix = f"change or remove generate_kwargs {sorted(kwargs)}, or, if it fails without them too, {fix}"
        return (
            f"backtranslate: generate() of the model {self.loaded.model.name_or_path} fails "
            f"({type(error).__name__}: {error}), so no text can be translated; {fix}."
        )


class RowLengthLimit:
    """Logits processor: row ``i`` must end (EOS) once it has ``limits[i]`` tokens.

    Args:
        limits (`list[int]`): Output tokens allowed per input row.
        beams (`int`): Model rows per input row (beam search).
        eos_token_id (`int`): The end-of-sequence token.
    """

    def __init__(self, limits: list[int], beams: int, eos_token_id: int) -> None:
        import torch

        self.limits = torch.tensor(limits).repeat_interleave(beams)
        self.eos_token_id = eos_token_id

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        generated = input_ids.shape[1] - 1  # the decoder start token is not output
        done = (self.limits <= generated).to(scores.device)
        if bool(done.any()):
            scores = scores.clone()
            scores[done] = float("-inf")
            scores[done, self.eos_token_id] = 0.0
        return scores


class RowSampler:
    """Logits processor that samples each row's next token from that row's own generator.

    Temperature and top-p are applied, one uniform number is drawn per row and step from a
    CPU ``torch.Generator`` seeded for the row, and the token is picked by inverse CDF; the
    returned scores allow only that token, so greedy search takes it. The draw for a row
    never depends on the other rows, the batch size or torch's global generator.

    Args:
        seeds (`list[int]`): One seed per row.
        temperature (`float`): Softmax temperature.
        top_p (`float`): Nucleus mass (1.0 keeps every token).
    """

    def __init__(self, seeds: list[int], temperature: float, top_p: float) -> None:
        import torch
        from transformers import TemperatureLogitsWarper, TopPLogitsWarper

        self.generators = [torch.Generator().manual_seed(seed) for seed in seeds]
        self.warpers: list[LogitsProcessor] = []
        if temperature != 1.0:
            self.warpers.append(TemperatureLogitsWarper(temperature))
        if top_p < 1.0:
            self.warpers.append(TopPLogitsWarper(top_p))

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        import torch

        scores = scores.float()
        for warper in self.warpers:
            scores = warper(input_ids, scores)
        probabilities = torch.softmax(scores, dim=-1)
        precision = torch.float32 if scores.device.type == "mps" else torch.float64  # MPS has no float64
        uniforms = torch.cat([1.0 - torch.rand(1, generator=generator, dtype=torch.float64) for generator in self.generators])
        cumulative = probabilities.to(precision).cumsum(dim=-1)
        targets = (uniforms.to(scores.device, precision) * cumulative[:, -1]).unsqueeze(-1)
        tokens = torch.searchsorted(cumulative, targets).clamp_(max=scores.shape[-1] - 1)
        chosen = torch.full_like(scores, float("-inf"))
        chosen.scatter_(1, tokens, 0.0)
        return chosen


def _piece_seed(seed: int | None, index: int) -> int | None:
    if seed is None:
        return None
    return seed if index == 0 else (seed ^ (index * _SEED_MIX)) & _SEED_MASK


def _eos_id(config: Any, tokenizer: Any) -> int:
    eos = config.eos_token_id if config.eos_token_id is not None else tokenizer.eos_token_id
    return int(eos[0] if isinstance(eos, (list, tuple)) else eos)


def _is_out_of_memory(error: BaseException) -> bool:
    import torch

    return isinstance(error, torch.OutOfMemoryError) or "out of memory" in str(error).lower()


def _free_memory(device: Any) -> None:
    import torch

    if device.type == "cuda":
        torch.cuda.empty_cache()
    elif device.type == "mps":
        torch.mps.empty_cache()
