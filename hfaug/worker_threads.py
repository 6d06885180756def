"""torch on one thread in the worker processes of a pool: the parallelism comes from the processes.

N workers that each run torch on every core run slower than with one thread each, and a process forked
after torch ran parallel CPU ops hangs in its first parallel op (OpenMP is not fork-safe). So, as in
PyTorch's own DataLoader workers, a forked worker (`datasets`' ``num_proc``, a DataLoader's) gets one
torch thread at the fork, and a worker started otherwise (spawn, forkserver: the default on macOS and
Windows, and on Linux from Python 3.14) when it runs an augmenter.
"""

from __future__ import annotations

import importlib
import importlib.util
import multiprocessing
import os
import sys


def _one_torch_thread() -> None:
    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() != 1:
        torch.set_num_threads(1)


os.register_at_fork(after_in_child=_one_torch_thread)


def one_torch_thread_in_a_worker(needs_torch: bool) -> None:
    """In a worker process of a pool, whatever started it, torch on one thread; imported first when
    ``needs_torch`` (it is about to be: a model to load), so that it never runs on more."""
    if not _in_a_worker():
        return
    if needs_torch and "torch" not in sys.modules and importlib.util.find_spec("torch") is not None:
        importlib.import_module("torch")
    _one_torch_thread()


def _in_a_worker() -> bool:
    """Whether this process was started by another through `multiprocessing` or `multiprocess` (which
    `datasets` maps with)."""
    pools = (multiprocessing, sys.modules.get("multiprocess"))
    return any(pool is not None and pool.parent_process() is not None for pool in pools)
