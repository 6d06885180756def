"""Model augmenters on several GPUs of one machine: one process, one model, one device.

A *model augmenter* is one whose ``__init__`` takes a ``device`` parameter (back-translation,
for instance); ``device=None`` (or ``"auto"`` / ``"cuda"``) means "pick for me". Called by
``Dataset.map(aug, batched=True, with_rank=True)``, an augmenter runs its models in process
``rank`` on ``cuda:{rank % number of GPUs}`` (:class:`RankedAugmenter`); :func:`hfaug.augment`
adds ``with_rank=True`` by itself when model augmenters run with ``num_proc`` > 1.
CUDA cannot be used in a forked process, so when GPUs are present the processes are started
with the ``spawn`` method for the duration of the map (and the previous method restored).
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterator, Mapping
from typing import Any

from hfaug.augmenter import Augmenter

UNPINNED_DEVICES = (None, "auto", "cuda")


def model_augmenters(augmenter: Augmenter) -> list[Augmenter]:
    """The augmenters inside ``augmenter`` (itself, or the children of a composite) that run a
    model on a device, i.e. take a ``device`` parameter.

    Args:
        augmenter (`hfaug.Augmenter`): An augmenter or a composite (`OneOf`, `Sequential`).
    """
    children = getattr(augmenter, "children", None)
    if children is not None:
        return [model for child in children for model in model_augmenters(child)]
    return [augmenter] if "device" in augmenter.config() else []


def device_for_rank(rank: int | None, device_count: int) -> str | None:
    """The device of process ``rank``: ``cuda:{rank % device_count}``, or `None` (the
    augmenter chooses) without a rank or without GPUs.

    Args:
        rank (`int`, *optional*): Process rank given by ``Dataset.map(..., with_rank=True)``;
            `None` in a single process.
        device_count (`int`): Number of CUDA devices visible.

    Example:
        >>> [device_for_rank(rank, 2) for rank in range(4)]
        ['cuda:0', 'cuda:1', 'cuda:0', 'cuda:1']
    """
    if rank is None or device_count < 1:
        return None
    if rank < 0:
        raise ValueError(f"process rank must be >= 0, got {rank}")
    return f"cuda:{rank % device_count}"


def on_device(augmenter: Augmenter, device: str | None) -> Augmenter:
    """``augmenter`` with each model augmenter whose device is not pinned moved to ``device``.

    A model augmenter created with an explicit device (``"cpu"``, ``"cuda:1"``, ``"mps"``) keeps
    it; ``device=None`` returns ``augmenter`` itself.
    """
    if device is None or not model_augmenters(augmenter):
        return augmenter
    children = getattr(augmenter, "children", None)
    if children is not None:
        return augmenter.replace(augmenters=[on_device(child, device) for child in children])
    if augmenter.config()["device"] in UNPINNED_DEVICES:
        return augmenter.replace(device=device)
    return augmenter


def cuda_device_count() -> int:
    """Number of CUDA devices torch sees (0 without torch or without GPUs)."""
    if importlib.util.find_spec("torch") is None:
        return 0
    import torch

    return torch.cuda.device_count() if torch.cuda.is_available() else 0


class RankedAugmenter:
    """Where ``augmenter`` runs in each process of a ``with_rank`` map: process ``rank`` gets a
    copy whose unpinned model augmenters are on GPU ``rank % number of GPUs`` (the augmenter
    itself without GPUs). :meth:`hfaug.Augmenter.__call__` keeps one per process, so
    ``ds.map(aug, batched=True, with_rank=True, num_proc=GPUs)`` loads one model per device.

    Args:
        augmenter (`hfaug.Augmenter`): The augmenter to place.

    Example:
        >>> RankedAugmenter(hfaug.BackTranslate()).for_rank(1).device   # with 2 GPUs
        'cuda:1'
    """

    def __init__(self, augmenter: Augmenter) -> None:
        self.augmenter = augmenter
        self._placed: dict[int | None, Augmenter] = {}

    def for_rank(self, rank: int | None) -> Augmenter:
        """The augmenter that process ``rank`` runs (built once per process and rank)."""
        if rank not in self._placed:
            self._placed[rank] = on_device(self.augmenter, device_for_rank(rank, cuda_device_count()))
        return self._placed[rank]


def map_function(augmenter: Augmenter, map_kwargs: Mapping[str, Any]) -> tuple[Augmenter, dict[str, Any]]:
    """The function and keyword arguments for ``Dataset.map``: ``augmenter`` itself, with
    ``with_rank=True`` added when model augmenters run in several processes (unless the caller
    set ``with_rank``), so each process puts its models on its own GPU."""
    kwargs = dict(map_kwargs)
    if "with_rank" not in kwargs and (kwargs.get("num_proc") or 1) > 1 and model_augmenters(augmenter):
        kwargs["with_rank"] = True
    return augmenter, kwargs


def needed_start_method(
    augmenter: Augmenter, num_proc: int | None, cuda_available: bool | None = None
) -> str | None:
    """``"spawn"`` when model augmenters would run in several processes with CUDA present
    (a forked process cannot use CUDA), else `None` (keep the current method).

    Args:
        augmenter (`hfaug.Augmenter`): What will run.
        num_proc (`int`, *optional*): Processes of the map.
        cuda_available (`bool`, *optional*): Whether CUDA devices are visible; detected when
            needed if not given.
    """
    if (num_proc or 1) <= 1 or not model_augmenters(augmenter):
        return None
    if cuda_available is None:
        cuda_available = cuda_device_count() > 0
    return "spawn" if cuda_available else None


@contextlib.contextmanager
def start_method(method: str | None) -> Iterator[None]:
    """Use ``method`` (e.g. ``"spawn"``) as the start method of the ``multiprocess`` pools that
    ``datasets`` creates within the block, then restore the previous one. `None` changes nothing.
    """
    if method is None:
        yield
        return
    import multiprocess

    previous = multiprocess.get_start_method(allow_none=True)
    multiprocess.set_start_method(method, force=True)
    try:
        yield
    finally:
        multiprocess.set_start_method(previous, force=True)


