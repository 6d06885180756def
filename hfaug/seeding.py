"""Row-keyed randomness: each output row draws from a generator seeded by
(augmenter seed, stable hash of the row's input value, copy number).

The output therefore does not depend on batch size, ``num_proc``, shard layout,
row order, or on ``Dataset`` versus ``IterableDataset``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import random
import threading
from collections.abc import Iterator, Sequence
from typing import Any, overload

import numpy as np
from numpy.random.bit_generator import ISpawnableSeedSequence

_KEY_BYTES = 16
MAX_SEED = 2**64 - 1
"""The largest seed: :meth:`RowRandomness.uniforms` mixes seeds as unsigned 64-bit integers."""


def value_bytes(value: Any) -> bytes:
    """Canonical bytes of a cell value, used to key randomness and source ids.

    Strings, numbers, bytes, lists, dicts, numpy arrays and PIL images (pixels, palette and
    transparency) are supported; anything else is keyed by its ``repr``.
    """
    if isinstance(value, str):
        return b"s" + value.encode("utf-8", "surrogatepass")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return b"b" + bytes(value)
    if value is None or isinstance(value, (bool, int, float)):
        return b"j" + json.dumps(value).encode()
    if isinstance(value, np.ndarray):
        return b"a" + str(value.dtype).encode() + str(value.shape).encode() + value.tobytes()
    if isinstance(value, (list, tuple)):
        return b"l" + b"".join(_framed(value_bytes(item)) for item in value)
    if isinstance(value, dict):
        return b"d" + b"".join(
            _framed(value_bytes(str(key))) + _framed(value_bytes(value[key])) for key in sorted(value, key=str)
        )
    tobytes = getattr(value, "tobytes", None)
    if callable(tobytes) and hasattr(value, "mode") and hasattr(value, "size"):  # PIL image
        return b"i" + f"{value.mode}{value.size}".encode() + tobytes() + _colour_table_bytes(value)
    return b"r" + repr(value).encode()


def _colour_table_bytes(image: Any) -> bytes:
    """What gives a PIL image's values their colours besides the values: a palette (P and PA) and a
    transparent colour or transparent entries; empty for an image with neither."""
    table = b""
    if image.mode in ("P", "PA"):
        palette_mode = image.palette.mode
        table += b"palette" + palette_mode.encode() + bytes(image.getpalette(palette_mode) or ())
    if "transparency" in image.info:
        table += b"transparency" + value_bytes(image.info["transparency"])
    return table


def _framed(data: bytes) -> bytes:
    return len(data).to_bytes(8, "little") + data


def stable_hash(data: bytes) -> str:
    """Hex digest (32 characters) of ``data``, identical across processes and machines."""
    return hashlib.blake2b(data, digest_size=_KEY_BYTES).hexdigest()


class RowGenerator(np.random.Generator):
    """A NumPy generator that also knows the copy number it was made for."""

    copy: int


def row_rng(seed: int, key: str, copy: int) -> RowGenerator:
    """The generator for one output row.

    Args:
        seed (`int`): The augmenter's seed.
        key (`str`): ``stable_hash`` of the row's input value.
        copy (`int`): The copy number (1 for the first augmented copy).
    """
    entropy = np.array(row_entropy(seed, key, copy), dtype=np.uint32)
    rng = RowGenerator(np.random.PCG64(np.random.SeedSequence(entropy)))
    rng.copy = copy
    return rng


def row_entropy(seed: int, key: str, copy: int) -> list[int]:
    """The entropy of :func:`row_rng`'s ``SeedSequence``: that of ``SeedSequence([seed, int(key, 16), copy])``, as
    ready-made 32-bit words, which spares NumPy the conversion of Python integers."""
    return [*_words(seed), *_words(int(key, 16)), *_words(copy)]


class _SeededState(ISpawnableSeedSequence):
    """The ``SeedSequence`` of some entropy, with the state it gives a PCG64 generator already worked out
    (:func:`_pcg64_states`, for a whole batch at once: made one row at a time, a ``SeedSequence`` and its state took
    longer than an EDA edit of the row); anything else it is asked for comes from the ``SeedSequence`` itself."""

    def __init__(self, pcg64_state: np.ndarray, entropy: list[int]) -> None:
        self.pcg64_state = pcg64_state
        self.entropy = entropy

    @functools.cached_property
    def sequence(self) -> np.random.SeedSequence:
        return np.random.SeedSequence(np.array(self.entropy, dtype=np.uint32))

    def generate_state(self, n_words: int, dtype: Any = np.uint32) -> np.ndarray:
        if n_words == _PCG64_WORDS and np.dtype(dtype) == np.uint64:
            return self.pcg64_state.copy()  # the batch array's row stays as it was worked out
        return self.sequence.generate_state(n_words, dtype)

    def spawn(self, n_children: int) -> list[np.random.SeedSequence]:
        return self.sequence.spawn(n_children)


_PCG64_WORDS = 4
"""The 64-bit words PCG64 asks its ``SeedSequence`` for: its state and its increment."""
_POOL_WORDS = 4
"""The 32-bit words of a ``SeedSequence``'s pool (its default size, which :func:`row_rng` keeps)."""
_INIT_A, _MULT_A, _INIT_B, _MULT_B = 0x43B0D7E5, 0x931E8875, 0x8B51F9DD, 0x58F38DED
_MIX_LEFT, _MIX_RIGHT = 0xCA01F9DD, 0x4973F715
"""The constants of ``SeedSequence``'s hashing (Melissa O'Neill's ``seed_seq`` design, as NumPy implements it)."""


def _pcg64_states(entropy: Sequence[list[int]]) -> np.ndarray:
    """For each row's entropy (32-bit words), the ``generate_state(4, np.uint64)`` of its ``SeedSequence``:
    NumPy's algorithm, run on all rows at once (one array operation per step, not one Python call per row)."""
    lengths = np.array([len(words) for words in entropy])
    padded = np.zeros((len(entropy), max(_POOL_WORDS, int(lengths.max(initial=0)))), dtype=np.uint32)
    for row, words in enumerate(entropy):
        padded[row, : len(words)] = words
    hashing = _Hashing(_INIT_A, _MULT_A)
    pool = [hashing.next(padded[:, index]) for index in range(_POOL_WORDS)]  # zeros past the entropy, as NumPy
    for source in range(_POOL_WORDS):
        for target in range(_POOL_WORDS):
            if source != target:
                pool[target] = _pool_mix(pool[target], hashing.next(pool[source]))
    for source in range(_POOL_WORDS, padded.shape[1]):  # the words past the pool, where a row has them
        more = lengths > source
        for target in range(_POOL_WORDS):
            pool[target] = np.where(more, _pool_mix(pool[target], hashing.next(padded[:, source])), pool[target])
    hashing = _Hashing(_INIT_B, _MULT_B)
    halves = np.stack([hashing.next(pool[index % _POOL_WORDS]) for index in range(2 * _PCG64_WORDS)], axis=1)
    return halves[:, 0::2].astype(np.uint64) | (halves[:, 1::2].astype(np.uint64) << np.uint64(32))


class _Hashing:
    """``SeedSequence``'s hash of 32-bit words, whose multiplier changes at each word hashed."""

    def __init__(self, start: int, multiplier: int) -> None:
        self.constant, self.multiplier = start, multiplier

    def next(self, values: np.ndarray) -> np.ndarray:
        values = values ^ np.uint32(self.constant)
        self.constant = (self.constant * self.multiplier) & 0xFFFFFFFF
        values = values * np.uint32(self.constant)
        return values ^ (values >> np.uint32(16))


def _pool_mix(into: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``SeedSequence``'s mix of a hashed word into a pool word."""
    mixed = np.uint32(_MIX_LEFT) * into - np.uint32(_MIX_RIGHT) * values
    return mixed ^ (mixed >> np.uint32(16))


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, element-wise (wrapping 64-bit arithmetic)."""
    values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


class RowRandomness(Sequence[RowGenerator]):
    """The randomness of a batch of output rows, one ``(seed, key, copy)`` each.

    ``rngs[i]`` is row ``i``'s :func:`row_rng` generator (made when first asked for).
    :meth:`uniforms` draws plain uniform numbers for many rows at once, without making a
    generator per row: a counter-based stream keyed by the same triple, for augmenters whose
    per-row work is too small to pay for a generator.

    Args:
        seed (`int`): The augmenter's seed.
        rows (`list[tuple[str, int]]`): ``(stable_hash of the row's input value, copy number)`` per row.
    """

    def __init__(self, seed: int, rows: Sequence[tuple[str, int]]) -> None:
        self.seed = seed
        self.rows = list(rows)
        self._generators: dict[int, RowGenerator] = {}
        self._entropy: list[list[int]] = []
        self._states: np.ndarray | None = None  # each row's PCG64 seed, worked out for all rows at the first generator
        self._streams: np.ndarray | None = None
        self._drawn = np.zeros(len(self.rows), dtype=np.uint64)

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> RowGenerator: ...
    @overload
    def __getitem__(self, index: slice) -> list[RowGenerator]: ...
    def __getitem__(self, index: int | slice) -> RowGenerator | list[RowGenerator]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = range(len(self))[index]
        generator = self._generators.get(index)
        if generator is None:
            generator = self._generators[index] = self._generator(index)
        return generator

    def _generator(self, index: int) -> RowGenerator:
        """Row ``index``'s :func:`row_rng` generator, seeded with the states of all rows, worked out at the first."""
        if self._states is None:
            self._entropy = [row_entropy(self.seed, key, copy) for key, copy in self.rows]
            self._states = _pcg64_states(self._entropy)
        seeded = _SeededState(self._states[index], self._entropy[index])
        # NumPy's stubs name SeedSequence; PCG64 takes any ISeedSequence
        generator = RowGenerator(np.random.PCG64(seeded))  # type: ignore[arg-type]
        generator.copy = self.rows[index][1]
        return generator

    def uniforms(self, counts: Sequence[int]) -> list[list[float]]:
        """``counts[i]`` numbers uniform in [0, 1) for each row ``i``; later calls continue each row's stream."""
        if len(counts) != len(self):
            raise ValueError(f"uniforms: got {len(counts)} counts for {len(self)} rows")
        if self._streams is None:
            keys = np.array([int(key[:16], 16) for key, _ in self.rows], dtype=np.uint64)
            copies = np.array([copy for _, copy in self.rows], dtype=np.uint64)
            self._streams = _mix(_mix(keys ^ _mix(np.array([self.seed], dtype=np.uint64))) ^ (copies * _GOLDEN))
        sizes = np.asarray(counts, dtype=np.int64)
        ends = np.cumsum(sizes)
        starts = ends - sizes
        # Draw j of row i (counting its earlier calls) is number drawn[i] + j + 1 of its stream.
        steps = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.uint64)
        steps += np.repeat(self._drawn - starts.astype(np.uint64), sizes) + np.uint64(1)
        self._drawn += sizes.astype(np.uint64)
        flat = ((_mix(np.repeat(self._streams, sizes) + steps * _GOLDEN) >> np.uint64(11)) * 2.0**-53).tolist()
        return [flat[start:end] for start, end in zip(starts.tolist(), ends.tolist())]


def uniforms(rngs: Sequence[np.random.Generator], counts: Sequence[int]) -> list[list[float]]:
    """``counts[i]`` uniform numbers in [0, 1) from ``rngs[i]`` for each row: vectorised when
    ``rngs`` is a :class:`RowRandomness`, drawn from each generator otherwise."""
    if isinstance(rngs, RowRandomness):
        return rngs.uniforms(counts)
    return [rng.random(count).tolist() for rng, count in zip(rngs, counts)]


def copy_number(rng: np.random.Generator) -> int | None:
    """The copy number a :func:`row_rng` generator was made for (`None` for other generators).

    Lets an augmenter treat copies differently on purpose (back-translation spreads them over
    pivot languages) while its ``augment_batch`` keeps the ``(values, rngs)`` signature.
    """
    return getattr(rng, "copy", None)


def _words(value: int) -> list[int]:
    """Little-endian 32-bit words of a non-negative integer (at least one word)."""
    words = [value & 0xFFFFFFFF]
    value >>= 32
    while value:
        words.append(value & 0xFFFFFFFF)
        value >>= 32
    return words


def derive_seed(rng: np.random.Generator) -> int:
    """A 32-bit seed drawn from ``rng``, for libraries that want an integer seed."""
    return int(rng.integers(0, 2**32 - 1))


GLOBAL_RNGS_LOCK = threading.RLock()
"""Held while the process-wide generators are seeded for a block: blocks of several threads take turns, so
none draws from another's seed, and each restores the state it found. A forked child (a `DataLoader` worker,
``map(num_proc=...)``) starts with it free, whichever thread of the parent held it."""
os.register_at_fork(after_in_child=lambda: _free_in_child(GLOBAL_RNGS_LOCK))


def _free_in_child(lock: Any) -> None:
    """Free ``lock`` in a forked child, unless its one thread, the one that forked, holds it (and will release it)."""
    if not lock._is_owned():
        lock._at_fork_reinit()


@contextlib.contextmanager
def global_rngs_seeded(seed: int, *, torch_rng: bool = False) -> Iterator[None]:
    """Seed Python's ``random``, NumPy's legacy global generator (and torch's, GPUs' too) for the
    duration of the block, restoring their previous states afterwards; one thread at a time
    (:data:`GLOBAL_RNGS_LOCK`).

    For libraries such as nlpaug, audiomentations and torchvision that only draw from
    global generators.
    """
    with GLOBAL_RNGS_LOCK, _seeded_globals(seed, torch_rng):
        yield


@contextlib.contextmanager
def _seeded_globals(seed: int, torch_rng: bool) -> Iterator[None]:
    py_state = random.getstate()
    np_state = np.random.get_state()
    torch_state = cuda_states = None
    if torch_rng:
        import torch

        torch_state = torch.random.get_rng_state()
        cuda_states = torch.cuda.get_rng_state_all() if torch.cuda.is_initialized() else None
        torch.manual_seed(seed)  # the CPU generator and every GPU's
    random.seed(seed)
    np.random.seed(seed)
    try:
        yield
    finally:
        random.setstate(py_state)
        np.random.set_state(np_state)
        if torch_state is not None:
            import torch

            torch.random.set_rng_state(torch_state)
            if cuda_states is not None:
                torch.cuda.set_rng_state_all(cuda_states)
