"""The warning for an augmenter that draws from Python's or NumPy's global random generator."""

from __future__ import annotations

import contextlib
import logging
import random
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from hfaug.augmenter import Augmenter

_checked_for_global_draws: set[type] = set()


def _other_threads_running() -> bool:
    """Whether a thread other than this one runs that is not a daemon (progress bars' monitors are)."""
    current = threading.current_thread()
    return any(thread is not current and not thread.daemon for thread in threading.enumerate())


@contextlib.contextmanager
def global_draws_told(augmenter: Augmenter) -> Iterator[None]:
    """Warn where ``augmenter`` drew from Python's or NumPy's global generator in the block (its rows then differ in
    every run, whatever the seed); checked in the first batch of each class only (reading the states takes ~0.1 ms),
    for a combination in its children's (:attr:`Augmenter.draws_in_children`). Not checked while other threads run
    (a service's request handlers): their draws would be taken for the augmenter's."""
    kind = type(augmenter)
    checked = kind in _checked_for_global_draws or augmenter.draws_in_children or _other_threads_running()
    before = None if checked else _global_random_state()
    if before is not None:
        _checked_for_global_draws.add(kind)
    yield
    if before is not None and _global_random_state() != before:
        logging.getLogger("hfaug").warning(
            "%s: augment_batch drew from Python's or NumPy's global random generator, so its rows differ in every "
            "run whatever the seed; draw from each row's generator (rngs[i]), or run the library that draws "
            "inside hfaug.seeding.global_rngs_seeded(seed)",
            augmenter._label(),
        )


def _global_random_state() -> tuple[Any, ...]:
    state: Any = np.random.get_state()  # ("MT19937", keys, position, has_gauss, gauss)
    return random.getstate(), state[1].tobytes(), *state[2:]
