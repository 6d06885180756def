"""torch on one thread in the worker processes of a map: the parallelism comes from the processes.

N workers that each run torch on every core run slower than with one thread each, and a process forked
after torch ran parallel CPU ops hangs in its first parallel op (OpenMP is not fork-safe). So, as in
PyTorch's own DataLoader workers, a worker that hfaug forks gets one torch thread as it starts, and a worker
of a `datasets` map (forked, spawned or from a forkserver: the default on macOS and Windows, and on Linux from
Python 3.14) while it runs an augmenter's batch. Processes the application forks itself keep their threads.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterator


def one_torch_thread_now() -> None:
    """torch (when it is loaded) on one thread from now on: in a worker process as it starts."""
    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() != 1:
        torch.set_num_threads(1)


@contextlib.contextmanager
def one_torch_thread() -> Iterator[None]:
    """torch (when it is loaded) on one thread for the block, then on as many as before."""
    torch = sys.modules.get("torch")
    if torch is None:
        yield
        return
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


@contextlib.contextmanager
def one_torch_thread_in_a_map_worker(needs_torch: Callable[[], bool]) -> Iterator[None]:
    """In a worker process of a `datasets` map (a `multiprocess` pool's, whatever started it), torch on one thread
    for the block, imported first when ``needs_torch()`` (it is about to be: a model to load); elsewhere, as it is
    (a process of the user's own keeps its threads)."""
    pools = sys.modules.get("multiprocess")
    if pools is None or pools.parent_process() is None:
        yield
        return
    if "torch" not in sys.modules and needs_torch() and importlib.util.find_spec("torch") is not None:
        importlib.import_module("torch")
    with one_torch_thread():
        yield
