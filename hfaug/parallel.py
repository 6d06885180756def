"""``Dataset.map`` in forked processes: what ``hfaug.augment(ds, ..., num_proc=N)`` runs.

``Dataset.map(num_proc=N)`` starts a pool, a manager process and a queue, and pickles the
shards of an in-memory dataset to its workers: 0.15 to 0.3 s per call on a small machine, a
large part of the time of a dataset that takes seconds to augment. Here shards 1 to N-1 go to
forks of this process, which inherit the dataset, the augmenter and everything already
imported or cached, and this process maps shard 0 meanwhile. Each shard is mapped with
``Dataset.map`` into an Arrow file named like ``datasets``' own
(``cache-{fingerprint}_{rank:05d}_of_{N:05d}.arrow``), and this process concatenates the files.
The rows are those of ``Dataset.map`` (row-keyed seeding), and, as with ``Dataset.map``, a second
run over a dataset on disk with the same fingerprint loads the files instead of working again; an
in-memory dataset (no cache files) is always mapped again. With one process, the map runs here under
the same fingerprint, as its rows are the same.

Used only where forking is safe and the map is a plain batched one (see :func:`can_map`);
everything else goes to ``Dataset.map`` itself.

An error here (Ctrl-C included, and SIGTERM under the ``hfaug`` command) ends the workers at once
instead of waiting for their shards, and on Linux a worker ends with the process that forked it,
even one killed outright; a worker so ended removes its partial file, as ``Dataset.map`` does.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import gc
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from datasets import Dataset, concatenate_datasets
from datasets.fingerprint import Hasher, get_temporary_cache_files_directory, is_caching_enabled
from datasets.utils.tqdm import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars
from datasets.utils.tqdm import tqdm as hf_tqdm

from hfaug.worker_threads import one_torch_thread, one_torch_thread_now
from hfaug.errors import arrives_whole
from hfaug.signals import EXIT_TERMINATED, Terminated, sigterm_raises

FORKED_OPTIONS = frozenset(
    {"batched", "batch_size", "writer_batch_size", "num_proc", "with_rank", "load_from_cache_file", "new_fingerprint", "desc"}
)
"""``map`` keyword arguments this path handles; any other one sends the map to ``Dataset.map``."""

UNWRITABLE_FOLDER_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EROFS})
"""The ``errno`` values of a folder that the shards cannot be written to: full, over quota, not ours, read-only."""

PR_SET_PDEATHSIG = 1
"""Linux ``prctl`` option: the signal a process gets when the thread that forked it ends."""

_prctl = ctypes.CDLL(None).prctl if sys.platform.startswith("linux") else None
"""Linux's ``prctl``, looked up here rather than in a freshly forked worker."""


def can_map(map_kwargs: Mapping[str, Any]) -> bool:
    """Whether :func:`map_in_forks` can run this map, and would with more processes: only :data:`FORKED_OPTIONS`,
    the ``fork`` start method in use, and no CUDA context to inherit."""
    if not set(map_kwargs) <= FORKED_OPTIONS:
        return False
    import multiprocess

    if multiprocess.get_start_method(allow_none=True) not in (None, "fork"):
        return False
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    torch = sys.modules.get("torch")
    return torch is None or not torch.cuda.is_initialized()


@dataclass
class _Job:
    """What the forked workers inherit (and shard 0, mapped here, uses): the map to run and
    where each shard goes."""

    dataset: Dataset
    function: Callable[..., Any]
    num_proc: int
    paths: list[str]
    fingerprint: str
    with_rank: bool
    map_kwargs: dict[str, Any]
    done_rows: Any  # a shared counter, for the progress bar
    thread: int  # the thread that runs the map (and forks the workers)


_job: _Job | None = None
_job_lock = threading.Lock()
"""Held while :data:`_job` is set: a map in another thread waits for this one (the workers read the job here)."""


def _free_job_lock_in_child() -> None:
    """A forked child starts with the lock free, whichever thread held it in the parent."""
    global _job_lock
    _job_lock = threading.Lock()


os.register_at_fork(after_in_child=_free_job_lock_in_child)


_UNSHAPING_OPTIONS = frozenset({"num_proc", "with_rank", "desc", "load_from_cache_file", "new_fingerprint"})
"""``map`` options that change how the rows are made, not which: the rank places a process's models on a device
(``devices.RankedAugmenter``)."""


def map_fingerprint(dataset: Dataset, function: Callable[..., Any], map_kwargs: Mapping[str, Any]) -> str:
    """The fingerprint of ``dataset.map(function, **map_kwargs)`` as ``hfaug.augment`` runs it: ``new_fingerprint``
    when given, else a hash of the data, the function and the options that shape the rows, so the same whatever
    ``num_proc``."""
    shaping = sorted((key, value) for key, value in map_kwargs.items() if key not in _UNSHAPING_OPTIONS)
    return map_kwargs.get("new_fingerprint") or Hasher.hash([dataset._fingerprint, function, shaping])


def map_in_forks(dataset: Dataset, function: Callable[..., Any], **map_kwargs: Any) -> Dataset:
    """``dataset.map(function, **map_kwargs)`` with ``num_proc`` forked processes (see the module docstring).

    Args:
        dataset (`datasets.Dataset`): The data.
        function (`Callable`): The batched map function (an augmenter).
        map_kwargs: ``num_proc`` and the other :data:`FORKED_OPTIONS`.
    """
    global _job
    kwargs = dict(map_kwargs)
    num_proc = min(int(kwargs.pop("num_proc", None) or 1), len(dataset))
    with_rank = bool(kwargs.pop("with_rank", False))
    desc = kwargs.pop("desc", None) or "Map"
    fingerprint = map_fingerprint(dataset, function, kwargs)
    kwargs.pop("new_fingerprint", None)
    if num_proc < 2:  # nothing to share out; the same fingerprint, for the same rows
        return dataset.map(function, with_rank=with_rank, desc=desc, new_fingerprint=fingerprint, **kwargs)
    load_from_cache_file = kwargs.pop("load_from_cache_file", None)
    persistent = bool(dataset.cache_files) and is_caching_enabled()
    if load_from_cache_file is None:
        load_from_cache_file = persistent
    # As `Dataset.map`: the map of an in-memory dataset is never read back from files.
    load_from_cache_file = load_from_cache_file and bool(dataset.cache_files)
    directory = os.path.dirname(dataset.cache_files[0]["filename"]) if persistent else _temporary_folder()
    paths = [os.path.join(directory, f"cache-{fingerprint}_{rank:05d}_of_{num_proc:05d}.arrow") for rank in range(num_proc)]

    if not (load_from_cache_file and all(os.path.exists(path) for path in paths)):
        context = multiprocessing.get_context("fork")
        if _job is not None and _job.thread == threading.get_ident():  # also in a worker, forked from that thread
            raise RuntimeError(
                "hfaug: a map in several processes was started inside another one (an augmenter whose work "
                "calls hfaug.augment with num_proc > 1); give the inner one num_proc=1"
            )
        with _job_lock:
            _job = _Job(
                dataset, function, num_proc, paths, fingerprint, with_rank, kwargs, context.Value("q", 0), threading.get_ident()
            )
            try:
                with contextlib.nullcontext() if persistent else _unwritable_temporary_folder_explained(directory):
                    _run_workers(context, len(dataset), f"{desc} (num_proc={num_proc})")
            finally:
                _job = None
    in_memory = not dataset.cache_files  # as `Dataset.map` keeps the map of an in-memory dataset: no files to share
    mapped = concatenate_datasets([Dataset.from_file(path, in_memory=in_memory) for path in paths])
    if in_memory:
        for path in paths:
            os.remove(path)
    mapped._fingerprint = fingerprint  # as `Dataset.map` fingerprints its result (new_fingerprint= included)
    return mapped


def _temporary_folder() -> str:
    """The temporary folder of `datasets`, which its first use makes in TMPDIR: a failure to make it explained."""
    with _unwritable_temporary_folder_explained(tempfile.gettempdir()):
        return get_temporary_cache_files_directory()


@contextlib.contextmanager
def _unwritable_temporary_folder_explained(directory: str) -> Iterator[None]:
    """An error writing the shards of an in-memory dataset to ``directory`` (the temporary folder of
    `datasets`) because it is full, not ours or read-only, raised again naming the folder and what to do."""
    try:
        yield
    except OSError as error:
        if error.errno not in UNWRITABLE_FOLDER_ERRORS:
            raise
        raise OSError(
            error.errno,
            f"mapping an in-memory dataset in several processes writes its shards to {directory!r}, the temporary "
            f"folder of `datasets` (in TMPDIR), and that failed: {os.strerror(error.errno)}. Free space there or set "
            "TMPDIR to a folder you can write with room, pass num_proc=1 (the rows then stay in memory), or save the dataset to disk "
            "and load it from there",
        ) from error


def _run_workers(context: Any, rows: int, desc: str) -> None:
    """Fork workers for shards 1 to N-1, map shard 0 here meanwhile, show the progress of all,
    and raise the first error as it was raised; on any error, end the workers rather than wait for them."""
    assert _job is not None
    # The pool forks the workers from this thread (in the first `submit`), which then waits for them:
    # it ends before them only with this process, and then PR_SET_PDEATHSIG (_start_worker) ends them.
    with ProcessPoolExecutor(
        max_workers=_job.num_proc - 1, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    ) as pool:
        try:
            _map_here_and_wait(_submit_worker_shards(pool), rows, desc)
        except BaseException:
            _stop_workers(pool)
            raise


def _submit_worker_shards(pool: ProcessPoolExecutor) -> list[Future[str]]:
    """Shards 1 to N-1, given to the pool (which forks its workers now)."""
    assert _job is not None
    _stop_progress_monitors()
    return [pool.submit(_map_worker_shard, rank) for rank in range(1, _job.num_proc)]


def _stop_progress_monitors() -> None:
    """End tqdm's monitor threads, which its next progress bar starts again: a process forked while another of its
    threads holds a lock may deadlock (Python 3.12+ warns so), and a progress bar's first starts one."""
    from tqdm._monitor import TMonitor

    for thread in threading.enumerate():
        if isinstance(thread, TMonitor):
            thread.exit()


def _map_here_and_wait(futures: list[Future[str]], rows: int, desc: str) -> None:
    """Map shard 0 in this process, then wait for the workers' ``futures``, showing the progress of all."""
    assert _job is not None
    job = _job
    with hf_tqdm(total=rows, desc=desc, unit=" examples") as progress:

        def show() -> None:
            progress.update(job.done_rows.value - progress.n)

        bars_were_disabled = are_progress_bars_disabled()
        _hide_bars_of_datasets()  # the bar above shows every shard; no bar of its own for shard 0
        try:
            with one_torch_thread():  # as in the forked workers: the parallelism is the processes'
                _map_shard(0, show)
        finally:
            if not bars_were_disabled:
                enable_progress_bars()
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_EXCEPTION)
            show()
            for future in finished:
                future.result()  # a worker's error, raised here as it was raised there


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers now (SIGTERM: a worker mapping a shard removes its partial file first) and drop
    the shards not started."""
    for worker in list(pool._processes.values()):  # no public way before Python 3.14's terminate_workers()
        worker.terminate()
    pool.shutdown(cancel_futures=True)


def _start_worker(parent_pid: int) -> None:
    """Start of a forked worker: it ends when the process that forked it (``parent_pid``) ends, or at
    once if that process is already gone; SIGTERM ends it (not the handler of the process it was forked from),
    Ctrl-C does not (the parent ends the workers, which lets each remove its partial file first)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent ends the workers
    # What it inherited stays out of its garbage collections, which would otherwise write to (and so copy) every
    # page they visit; frozen here, where it moves lists, not objects, so the parent's own generations stay as
    # they are (an application's gc.freeze() included).
    gc.freeze()
    one_torch_thread_now()  # the parallelism is the processes'
    _get_sigterm_when_parent_ends()
    if os.getppid() != parent_pid:  # the parent ended before the line above
        os._exit(EXIT_TERMINATED)


def _get_sigterm_when_parent_ends() -> None:
    """Have Linux send this process SIGTERM when the thread that forked it ends; elsewhere nothing."""
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _map_worker_shard(rank: int) -> str:
    """:func:`_map_shard` in a worker. SIGTERM unwinds the map (which removes its partial file) and
    ends the worker. An error that cannot travel back as it is (an exception class that needs other
    constructor arguments cannot be unpickled, and the pool would only report a broken process)
    comes back as a `RuntimeError` naming its type and message."""
    try:
        with sigterm_raises():
            return _map_shard(rank)
    except Terminated:
        os._exit(EXIT_TERMINATED)
    except Exception as error:
        raise arrives_whole(error)


def _map_shard(rank: int, on_batch: Callable[[], None] | None = None) -> str:
    """Map shard ``rank`` into its Arrow file (in a worker, or in this process for shard 0)."""
    assert _job is not None
    if rank:
        _hide_bars_of_datasets()  # in the worker: this process shows the bar
    shard = _job.dataset.shard(_job.num_proc, rank, contiguous=True)
    shard.map(
        _Counted(_job.function, _job.done_rows, rank if _job.with_rank else None, on_batch),
        cache_file_name=_job.paths[rank],
        new_fingerprint=f"{_job.fingerprint}_{rank:05d}_of_{_job.num_proc:05d}",
        load_from_cache_file=False,
        **_job.map_kwargs,
    )
    return _job.paths[rank]


def _hide_bars_of_datasets() -> None:
    """Hide the progress bars of `datasets` in this process; where HF_DATASETS_DISABLE_PROGRESS_BARS=0
    keeps them on, they stay on, without the warning of `datasets` that it cannot hide them."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Cannot disable progress bars", category=UserWarning)
        disable_progress_bars()


class _Counted:
    """The map function, counting the rows it has seen in a counter shared with the parent."""

    def __init__(
        self, function: Callable[..., Any], done_rows: Any, rank: int | None, on_batch: Callable[[], None] | None
    ) -> None:
        self.function = function
        self.done_rows = done_rows
        self.rank = rank
        self.on_batch = on_batch

    def __call__(self, batch: Mapping[str, list[Any]]) -> Any:
        output = self.function(batch) if self.rank is None else self.function(batch, rank=self.rank)
        with self.done_rows.get_lock():
            self.done_rows.value += len(next(iter(batch.values()), ()))
        if self.on_batch is not None:
            self.on_batch()
        return output
