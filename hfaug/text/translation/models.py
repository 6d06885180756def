"""Translation models: naming, revision resolution, and loading once per process.

A model is named by a Hub id (default ``Helsinki-NLP/opus-mt-{src}-{tgt}``) or a local
directory. Its *revision* pins exactly which weights are used: the Hub commit hash, or a
content hash of the files loaded from a local directory. Weights load with safetensors and
never with remote code.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hfaug.content_hash import CONTENT_PREFIX, files_revision
from hfaug.errors import HfaugError, ModelNotFound
from hfaug.hub_answers import model_unanswered
from hfaug.hub_ids import looks_like_path

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-{src}-{tgt}"
DTYPES = ("float32", "bfloat16", "float16")

# What a translation model may load (weights, configuration, every kind of tokenizer file); nothing else is
# downloaded or hashed: not the weights in other formats, archives or the model card.
MODEL_FILES = (
    "config.json",
    "generation_config.json",
    "model.safetensors",
    "model.safetensors.index.json",
    "model-*.safetensors",
    "*.spm",
    "*.model",
    "vocab*.json",
    "target_vocab.json",
    "vocab.txt",
    "merges.txt",
    "added_tokens.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
)
# Model types told their task by a text prefix ("translate English to German: "), which hfaug does not write.
PREFIX_MODEL_TYPES = ("t5", "mt5", "umt5")
_SAFETENSORS_PR_AUTHOR = "SFconvertbot"


def default_model(source: str, target: str) -> str:
    """The Hub id of the ``opus-mt`` model translating ``source`` into ``target``."""
    return DEFAULT_MODEL.format(src=source, tgt=target)


def is_local(name: str) -> bool:
    """Whether ``name`` is a local directory rather than a Hub id."""
    return os.path.isdir(os.path.expanduser(name))


@dataclass(frozen=True)
class ResolvedModel:
    """A model pinned to one revision, with the local directory that holds its files."""

    name: str
    """Hub id or local directory, as given."""
    revision: str
    """Hub commit hash, or ``content-<hash>`` for a local directory."""
    path: str
    """Local directory to load from."""
    stamp: tuple[tuple[str, int, int, int], ...] | None = field(default=None, compare=False)
    """For a local directory, what :func:`files_stamp` found when it was resolved."""


def files_stamp(directory: str) -> tuple[tuple[str, int, int, int], ...]:
    """The name, size, time of change and inode of each of the :data:`MODEL_FILES` in ``directory``: what changes
    when a model is saved there again or its files are copied over (cheap, unlike their content hash)."""
    stats = ((path.name, path.stat()) for path in _model_files(Path(directory)))
    return tuple((name, stat.st_size, stat.st_mtime_ns, stat.st_ino) for name, stat in stats)


def changed_on_disk(resolved: ResolvedModel) -> bool:
    """Whether the files of a local model changed since it was resolved."""
    return resolved.stamp is not None and files_stamp(resolved.path) != resolved.stamp


def superseded(resolved: ResolvedModel, path: str, revision: str) -> bool:
    """Whether what is held of the model in ``path`` at ``revision`` is of an older state of ``resolved``'s folder: its
    files changed since, and the weights mapped from the old ones are gone."""
    return path == resolved.path and revision != resolved.revision


def model_content_revision(directory: str, direction: str) -> str:
    """``content-<hash>`` of the :data:`MODEL_FILES` in ``directory`` (their names and bytes), the model for
    ``direction`` (``"en-de"``, for messages)."""
    root = Path(os.path.expanduser(directory))
    files = _model_files(root)
    if not files:
        raise ModelNotFound(
            f"the model for {direction}: the folder {directory} holds no model files (config.json, *.safetensors, "
            "tokenizer files); pass the folder a model was saved to with save_pretrained()."
        )
    return files_revision(root, files)


def _model_files(root: Path) -> list[Path]:
    """The :data:`MODEL_FILES` in the folder ``root``, sorted."""
    return sorted({path for pattern in MODEL_FILES for path in root.glob(pattern) if path.is_file()})


def resolve(name: str, direction: str, revision: str | None = None) -> ResolvedModel:
    """Pin model ``name`` (Hub id or local directory) to a revision and find its files.

    Args:
        name (`str`): Hub id or local directory.
        direction (`str`): The direction it serves (``"en-de"``), for messages.
        revision (`str`, *optional*): A revision to hold it to: a commit hash, branch, tag or
            ``refs/pr/N`` for a Hub id; the expected ``content-...`` hash for a directory.

    Raises:
        ModelNotFound: The model is neither cached nor downloadable, has no safetensors
            weights, or a local directory changed since ``revision`` was recorded (or was given a
            Hub revision).
    """
    if is_local(name):
        stamp = files_stamp(os.path.expanduser(name))  # before the hash: a change while it reads is seen next time
        found = model_content_revision(name, direction)
        if revision is not None and not revision.startswith(CONTENT_PREFIX):
            raise ModelNotFound(
                f"the model for {direction} is the local folder {name}, which is pinned by the content hash of its "
                f"files ({found}), not by revisions={{{direction!r}: {revision!r}}}: commits, branches and tags apply "
                f"to Hub ids only. Leave {direction} out of revisions=, or pass {found!r}."
            )
        if revision is not None and revision != found:
            raise ModelNotFound(
                f"the model for {direction} at {name} changed since this augmenter was configured "
                f"(recorded {revision}, found {found}). Build the augmenter without revisions= to use "
                "the new files, or restore the model the configuration was made with."
            )
        path = os.path.expanduser(name)
        if not _has_safetensors(path):
            raise ModelNotFound(f"the model for {direction}, the folder {name}, {_no_safetensors(name, direction)}.")
        return ResolvedModel(name, found, path, stamp)
    if os.path.isfile(os.path.expanduser(name)):
        raise ModelNotFound(
            f"the model for {direction}: {name} is a file; pass the folder that holds it and the model's other files "
            f"({os.path.dirname(name) or '.'}), as save_pretrained() wrote them."
        )
    if looks_like_path(name):
        raise ModelNotFound(
            f"the model for {direction}: there is no folder {name}. Pass the folder a model was saved to "
            f"with save_pretrained(), or a Hub id such as {default_model(*direction.split('-'))!r}."
        )
    return _resolve_hub(name, direction, revision)


def _resolve_hub(repo_id: str, direction: str, revision: str | None) -> ResolvedModel:
    from huggingface_hub import constants, snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    local = constants.HF_HUB_OFFLINE or model_unanswered(repo_id, revision) is not None  # then read from the cache
    try:
        path = snapshot_download(repo_id, revision=revision, allow_patterns=list(MODEL_FILES), local_files_only=local)
    except (LocalEntryNotFoundError, HfHubHTTPError, OSError, ValueError) as error:
        raise ModelNotFound(_missing_message(repo_id, direction, revision, error)) from error
    if not _has_safetensors(path) and revision is None:
        converted = _safetensors_revision(repo_id)
        if converted is not None:
            return _resolve_hub(repo_id, direction, converted)
    if not _has_safetensors(path):
        raise ModelNotFound(
            f"the model for {direction}, {repo_id} (revision {Path(path).name}), "
            f"{_no_safetensors(repo_id, direction, ' where the Hub is reachable')}; or pass "
            f"revisions={{{direction!r}: 'refs/pr/N'}} naming the Hub pull request that adds model.safetensors."
        )
    return ResolvedModel(repo_id, Path(path).name, path)


def _has_safetensors(path: str) -> bool:
    return any(Path(path).glob("*.safetensors"))


def _no_safetensors(name: str, direction: str, where: str = "") -> str:
    """Why a model without safetensors weights is refused, and how to convert it (``name``: Hub id or folder)."""
    return (
        f"has no safetensors weights, and hfaug loads only safetensors. Convert it once{where}: "
        f"MarianMTModel.from_pretrained({name!r}).save_pretrained(DIR) (and the tokenizer likewise), "
        f"then pass models={{{direction!r}: DIR}}"
    )


def _safetensors_revision(repo_id: str) -> str | None:
    """The ``refs/pr/N`` of the Hub's own safetensors conversion of ``repo_id``, if one exists."""
    from huggingface_hub import HfApi

    try:
        for discussion in HfApi().get_repo_discussions(repo_id, author=_SAFETENSORS_PR_AUTHOR, discussion_type="pull_request"):
            if discussion.status in ("open", "merged") and "safetensors" in discussion.title.lower():
                return discussion.git_reference
    except Exception:  # offline or Hub unavailable: the caller reports the missing weights
        return None
    return None


def _missing_message(repo_id: str, direction: str, revision: str | None, error: Exception) -> str:
    pinned = f" at revision {revision}" if revision else ""
    return (
        f"the translation model for {direction}, {repo_id}{pinned}, is not in the local Hugging Face cache "
        f"and cannot be downloaded ({type(error).__name__}). Provide it in one of two ways: "
        f"(1) download it once where the Hub is reachable, `hf download {repo_id}` "
        "(or `huggingface-cli download` with older huggingface_hub), then run with HF_HUB_OFFLINE=1; "
        f"(2) pass a local directory saved with save_pretrained(): models={{{direction!r}: '/path/to/model'}}."
    )


# ---------------------------------------------------------------------------------- loading


@dataclass
class LoadedModel:
    """A tokenizer and model in memory, on one device."""

    tokenizer: Any
    model: Any
    device: Any
    dtype: Any
    max_input_tokens: int
    """Longest input (in tokens, EOS included) the model accepts."""
    max_output_tokens: int
    """Longest output (in tokens, EOS included) the model can produce."""


_loaded: dict[tuple[str, str, str, str], LoadedModel] = {}
_lock = threading.Lock()
os.register_at_fork(after_in_child=_lock._at_fork_reinit)  # type: ignore[attr-defined]  # free in a child, whichever thread loaded


def pick_device(requested: str | None) -> Any:
    """The torch device: ``requested``, or CUDA, then MPS, then CPU when ``None``/``"auto"``."""
    import torch

    if requested not in (None, "auto", "cuda"):
        try:
            device = torch.device(requested)
        except RuntimeError:
            raise HfaugError(
                f"device={requested!r} is not a torch device; pass 'cpu', 'cuda', 'cuda:1', 'mps' or None (the best there is)."
            ) from None
        _check_present(device, requested)
        return device
    if torch.cuda.is_available():
        return torch.device("cuda", torch.cuda.current_device())
    if requested == "cuda":
        raise HfaugError("device='cuda' was asked for, but torch sees no CUDA device; pass device=None or 'cpu'.")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def _check_present(device: Any, requested: str) -> None:
    """Raise when ``device`` is of a kind torch can count (CUDA, MPS, XPU, ...) and torch sees no such device."""
    import torch

    backend = getattr(torch, device.type, None)
    if backend is None or not hasattr(backend, "device_count"):  # a kind torch cannot count (HPU, XLA, ...): used as given
        return
    count = backend.device_count()
    if (device.index or 0) < count:
        return
    kind = device.type.upper()
    if count == 0:
        raise HfaugError(f"device={requested!r} was asked for, but torch sees no {kind} device; pass device=None or 'cpu'.")
    raise HfaugError(
        f"device={requested!r} was asked for, but torch sees {count} {kind} device(s); "
        "pass device=None, 'cpu' or an index below that."
    )


def check_dtype(requested: str | None) -> str | None:
    """Validate a ``dtype`` argument: one of :data:`DTYPES`, or ``None``/``"auto"`` for the device's best."""
    if requested not in (None, "auto", *DTYPES):
        raise ValueError(f"backtranslate: dtype must be one of {', '.join(map(repr, DTYPES))} or None, got {requested!r}")
    return requested


def pick_dtype(requested: str | None, device: Any) -> Any:
    """The weights' dtype: ``requested``, else bf16 (or fp16) on CUDA, fp16 on MPS, fp32 on CPU."""
    import torch

    if requested not in (None, "auto"):  # one of DTYPES: checked when the augmenter was built
        return getattr(torch, requested)
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.type == "mps":
        return torch.float16
    return torch.float32


def load(resolved: ResolvedModel, device: str | None, dtype: str | None) -> LoadedModel:
    """Load ``resolved`` once per process, device and dtype (later calls return the same objects)."""
    torch_device = pick_device(device)
    torch_dtype = pick_dtype(dtype, torch_device)
    key = (resolved.path, resolved.revision, str(torch_device), str(torch_dtype))
    with _lock:
        if key not in _loaded:
            for stale in [held for held in _loaded if superseded(resolved, *held[:2])]:
                del _loaded[stale]
            _loaded[key] = _load(resolved, torch_device, torch_dtype)
        return _loaded[key]


def _load(resolved: ResolvedModel, device: Any, dtype: Any) -> LoadedModel:
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

    options: dict[str, Any] = {"local_files_only": True, "trust_remote_code": False}
    with _loading(resolved, "the tokenizer"):
        tokenizer = AutoTokenizer.from_pretrained(resolved.path, **options)
    with _loading(resolved, "the configuration"):
        config = AutoConfig.from_pretrained(resolved.path, **options)
    _refuse_without_decoder(resolved, config)
    with _loading(resolved, "the weights"):
        model = AutoModelForSeq2SeqLM.from_pretrained(
            resolved.path, config=config, use_safetensors=True, dtype=dtype, **options
        )
    model.to(device).eval()
    positions = getattr(model.config, "max_position_embeddings", None) or 1024
    tokenizer_limit = getattr(tokenizer, "model_max_length", positions) or positions
    return LoadedModel(
        tokenizer=tokenizer,
        model=model,
        device=device,
        dtype=dtype,
        max_input_tokens=int(min(positions, tokenizer_limit)),
        max_output_tokens=int(positions),
    )


def _refuse_without_decoder(resolved: ResolvedModel, config: Any) -> None:
    """A :class:`ModelNotFound` for a model that ``config`` says is no encoder-decoder (BERT, a sentence-transformers
    folder, GPT-2): it cannot translate a source text as a sequence-to-sequence model does."""
    if not getattr(config, "is_encoder_decoder", False):
        raise ModelNotFound(
            f"the translation model {resolved.name} is a {config.model_type} model, not an encoder-decoder one, and "
            "cannot translate as BackTranslate drives it. BackTranslate drives bilingual MarianMT-style (encoder-decoder) models, one per direction "
            "(e.g. Helsinki-NLP/opus-mt-en-de); pass one of those."
        )


@contextmanager
def _loading(resolved: ResolvedModel, part: str) -> Iterator[None]:
    """Within this context, a failure to load ``part`` (the tokenizer or the weights) of ``resolved`` is a
    :class:`ModelNotFound` naming the folder and the files it holds; a missing package stays an ``ImportError``."""
    try:
        yield
    except ImportError:
        raise
    except Exception as error:  # a file missing or not what transformers expects (OSError, TypeError, ...)
        files = ", ".join(path.name for path in _model_files(Path(resolved.path)))
        raise ModelNotFound(
            f"cannot load {part} of the translation model {resolved.name} from {resolved.path} "
            f"({type(error).__name__}: {error}); the folder holds {files or 'no model files'}. Save the model and its "
            "tokenizer there with save_pretrained() (a tokenizer's files: tokenizer.json, or source.spm, target.spm "
            "and vocab.json for MarianMT), or pass another model."
        ) from error


def unsupported(loaded: LoadedModel) -> str | None:
    """Why hfaug cannot drive ``loaded`` correctly (it must be told the target language, or its task), or ``None``."""
    codes = language_codes(loaded.tokenizer)
    if codes:
        listed = ", ".join(codes[:4]) + (", ..." if len(codes) > 4 else "")
        return f"its tokenizer selects the languages with codes ({listed}), which hfaug does not set"
    model_type = loaded.model.config.model_type
    if model_type in PREFIX_MODEL_TYPES:
        return f"it is a {model_type} model, told its task by a text prefix ('translate English to German: '), which hfaug does not write"
    return None


def language_codes(tokenizer: Any) -> list[str]:
    """The language codes ``tokenizer`` declares: Marian's ``>>xxx<<`` tokens, mBART's and M2M100's
    ``lang_code_to_id``, or a ``src_lang``/``tgt_lang`` that is a token of its own (NLLB)."""
    codes = list(getattr(tokenizer, "supported_language_codes", None) or [])
    codes += list(getattr(tokenizer, "lang_code_to_id", None) or {})
    added = tokenizer.get_added_vocab()
    codes += [getattr(tokenizer, name, None) for name in ("src_lang", "tgt_lang") if getattr(tokenizer, name, None) in added]
    return list(dict.fromkeys(codes))
