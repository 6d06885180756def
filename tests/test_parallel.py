"""hfaug.augment(num_proc=N): each shard mapped in a forked process (hfaug.parallel)."""

from __future__ import annotations

import concurrent.futures
import errno
import importlib
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from datasets import Dataset, Features, Value, load_from_disk
from datasets.arrow_writer import ArrowWriter
from datasets.fingerprint import get_temporary_cache_files_directory

import hfaug
from hfaug import parallel
from hfaug.errors import arrives_whole
from processes import ends_within, stopped_at_the_end
from toy_augmenters import WHERE_QUOTA_WAS_EXCEEDED, Fragile, OverQuota, ProcessId, QuotaExceeded, Shout


def test_forked_processes_give_the_single_process_rows(sst2_small):
    single = hfaug.augment(sst2_small, Shout(seed=3), n=2)
    forked = hfaug.augment(sst2_small, Shout(seed=3), n=2, num_proc=3, batch_size=7)
    assert forked.to_list() == single.to_list()
    assert forked.features == single.features


def test_an_in_memory_dataset_goes_through_temporary_files_and_comes_back_in_memory():
    rows = Dataset.from_dict({"text": [f"row {index} is fine" for index in range(20)], "label": [0, 1] * 10})
    forked = hfaug.augment(rows, Shout(seed=1), num_proc=2)
    assert forked.to_list() == hfaug.augment(rows, Shout(seed=1)).to_list()
    assert forked.cache_files == []  # as `Dataset.map` keeps it: no files another dataset's cleanup could remove
    assert not list(Path(get_temporary_cache_files_directory()).glob(f"cache-{forked._fingerprint}_*"))


@pytest.mark.parametrize("rows", [0, 1, 2])
def test_datasets_smaller_than_the_processes_are_mapped_too(rows):
    texts = Dataset.from_dict({"text": ["one two three"] * rows}, features=Features({"text": Value("string")}))
    out = hfaug.augment(texts, Shout(p=1.0), num_proc=3)
    assert out["text"] == ["one two three", "ONE TWO THREE"] * rows


def test_a_second_run_loads_the_files_of_the_first(sst2_small):
    first = hfaug.augment(sst2_small, ProcessId(seed=11), keep_original=False, num_proc=2)
    again = hfaug.augment(sst2_small, ProcessId(seed=11), keep_original=False, num_proc=2)
    assert again["text"] == first["text"]  # the worker's process id: read back, not made again
    assert again.cache_files == first.cache_files
    fresh = hfaug.augment(sst2_small, ProcessId(seed=11), keep_original=False, num_proc=2, load_from_cache_file=False)
    assert fresh["text"] != first["text"]  # a new worker


def test_an_in_memory_dataset_is_mapped_again_even_when_asked_to_load_from_cache():
    rows = Dataset.from_dict({"text": [f"row {index} is fine" for index in range(20)]})
    first = hfaug.augment(rows, ProcessId(seed=11), keep_original=False, num_proc=2, load_from_cache_file=True)
    again = hfaug.augment(rows, ProcessId(seed=11), keep_original=False, num_proc=2, load_from_cache_file=True)
    assert again["text"] != first["text"]  # a new worker's process id: made again, as `Dataset.map` does


def test_the_result_has_the_fingerprint_asked_for_as_with_one_process(sst2_small):
    for num_proc in (1, 2):
        out = hfaug.augment(sst2_small, Shout(seed=1), num_proc=num_proc, new_fingerprint=f"asked-{num_proc}")
        assert out._fingerprint == f"asked-{num_proc}"


def test_the_result_has_one_fingerprint_whatever_the_number_of_processes(sst2_small):
    # the rows are the same, so a map after it (a tokenizer's) reads its cache whatever num_proc augmented
    prints = {hfaug.augment(sst2_small, Shout(seed=1), num_proc=num_proc, batch_size=7)._fingerprint for num_proc in (None, 1, 2, 3)}
    assert len(prints) == 1
    assert hfaug.augment(sst2_small, Shout(seed=2), num_proc=2, batch_size=7)._fingerprint not in prints


class ShoutOnDevice(Shout):
    """A :class:`Shout` that, taking ``device``, counts as running a model: several processes map it with ranks."""

    name = "test.shout_on_device"

    def __init__(self, column="text", *, device=None, **kwargs):
        super().__init__(column, **kwargs)
        self.device = device


def test_a_model_augmenter_has_one_fingerprint_whatever_the_number_of_processes(sst2_small):
    # several processes map it with ranks (to place each process's models), which gave another fingerprint
    prints = {hfaug.augment(sst2_small, ShoutOnDevice(seed=1), num_proc=num_proc)._fingerprint for num_proc in (None, 2)}
    assert len(prints) == 1


def test_a_model_augmenter_mapped_by_datasets_has_one_fingerprint_whatever_the_number_of_processes(sst2_small):
    # an option the forks do not take sends the map to Dataset.map, whose fingerprint counted the ranks
    prints = {
        hfaug.augment(sst2_small, ShoutOnDevice(seed=1), num_proc=num_proc, keep_in_memory=True)._fingerprint
        for num_proc in (None, 2)
    }
    assert len(prints) == 1


def test_progress_bars_forced_on_by_the_environment_stay_on_without_a_warning(monkeypatch, recwarn):
    # HF_DATASETS_DISABLE_PROGRESS_BARS=0, as `datasets` reads it at import
    monkeypatch.setattr(importlib.import_module("datasets.utils.tqdm"), "HF_DATASETS_DISABLE_PROGRESS_BARS", False)
    rows = Dataset.from_dict({"text": [f"row {index} is fine" for index in range(20)]})
    forked = hfaug.augment(rows, Shout(seed=1), num_proc=2)
    assert forked.to_list() == hfaug.augment(rows, Shout(seed=1)).to_list()
    # Python 3.12+ warns of any fork of a process with threads, Arrow's native ones included (as for datasets' num_proc)
    assert [str(warning.message) for warning in recwarn if "use of fork()" not in str(warning.message)] == []


def test_no_progress_bar_monitor_thread_runs_when_the_workers_are_forked(monkeypatch):
    # tqdm's monitor (started by the first progress bar) ran at each fork: Python 3.12+ warns that such a fork may
    # deadlock the child
    from tqdm import tqdm

    tqdm(total=1).close()  # starts the monitor
    threads_at_fork, fork = [], os.fork
    monkeypatch.setattr(os, "fork", lambda: threads_at_fork.append([thread.name for thread in threading.enumerate()]) or fork())
    rows = Dataset.from_dict({"text": [f"row {index} is fine" for index in range(20)]})
    hfaug.augment(rows, Shout(seed=1), num_proc=2)
    assert threads_at_fork and not any("tqdm_monitor" in names for names in threads_at_fork)


def test_objects_the_application_froze_stay_frozen():
    # gc.unfreeze() after forking the workers emptied the whole frozen generation, the application's objects too
    import gc

    kept = [[index] for index in range(1000)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        hfaug.augment(Dataset.from_dict({"text": [f"row {index}" for index in range(8)]}), Shout(seed=1), num_proc=2)
        # still frozen, and nothing of the map's frozen with them (a leak); some frozen objects may have been freed
        assert len(kept) <= gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def test_a_worker_error_is_raised_as_the_worker_raised_it():
    rows = Dataset.from_dict({"text": ["all fine here", "this one goes boom"] * 4})
    with pytest.raises(RuntimeError, match="library exploded"):
        hfaug.augment(rows, Fragile(on_error="raise"), num_proc=2)


@pytest.mark.parametrize(
    "run",
    [
        lambda rows, aug: hfaug.augment(rows, aug, num_proc=2),
        lambda rows, aug: hfaug.augment(rows, aug, num_proc=2, keep_in_memory=True),  # datasets' own pool
        lambda rows, aug: rows.map(aug, batched=True, num_proc=2, batch_size=2),
    ],
    ids=["forked", "datasets-pool-in-memory", "plain-ds-map"],
)
def test_a_worker_error_whose_class_takes_other_arguments_arrives_as_itself(run):
    # it arrived as a RuntimeError naming it: unpickled, its class was called with its message alone
    rows = Dataset.from_dict({"text": ["all fine here"] * 4 + ["this one goes boom"] * 4})
    with pytest.raises(QuotaExceeded) as raised:
        run(rows, OverQuota(on_error="raise"))
    assert (str(raised.value), raised.value.__notes__) == ("code 429: quota exceeded", [WHERE_QUOTA_WAS_EXCEEDED])


def test_a_worker_error_whose_class_makes_its_message_arrives_with_that_message():
    # unpickled, its class made a message of the message: "bad row bad row 13"
    sent = pickle.loads(pickle.dumps(arrives_whole(BadRow(13))))
    assert (type(sent), str(sent), sent.row) == (BadRow, "bad row 13", 13)


class BadRow(Exception):
    def __init__(self, row):
        super().__init__(f"bad row {row}")
        self.row = row


def test_a_worker_error_keeps_the_attributes_python_keeps_apart():
    # rebuilt from its __dict__ alone, an ImportError lost its name
    sent = pickle.loads(pickle.dumps(arrives_whole(MissingModel("model", name="torch"))))
    assert (type(sent), str(sent), sent.name) == (MissingModel, "no model", "torch")


@pytest.mark.parametrize("holding", [None, threading.Lock()], ids=["plain", "a-lock"])
def test_an_error_that_refuses_to_be_pickled_stays_itself_here_and_is_sent_as_it_can_be(holding):
    # hfaug's own TypeError ('cannot pickle a connection') took its place, in-process too
    error = ServiceDown(503, holding)
    assert arrives_whole(error) is error
    sent = pickle.loads(pickle.dumps(error))
    expected = (ServiceDown, "HTTP 503") if holding is None else (RuntimeError, "test_parallel.ServiceDown: HTTP 503")
    assert (type(sent), str(sent)) == expected


class ServiceDown(Exception):
    def __init__(self, status, connection):
        super().__init__(f"HTTP {status}")
        self.connection = connection

    def __reduce__(self):
        raise TypeError("cannot pickle a connection")


class MissingModel(ImportError):
    def __init__(self, detail, name):
        super().__init__(f"no {detail}", name=name)


def test_an_error_whose_message_reads_what_pickling_loses_is_sent_as_a_runtime_error():
    # its message, made again from a slot that pickling loses, raised an AttributeError in place of the error
    error = SlotRow(13)
    assert arrives_whole(error) is error and str(error) == "bad row 13"
    sent = pickle.loads(pickle.dumps(error))
    assert (type(sent), str(sent)) == (RuntimeError, "test_parallel.SlotRow: bad row 13")


class SlotRow(Exception):
    __slots__ = ("row",)

    def __init__(self, row):
        super().__init__(f"row {row}")
        self.row = row

    def __str__(self):
        return f"bad row {self.row}"


def test_a_worker_error_of_the_users_script_is_named_as_the_script_names_it():
    # a spawned worker knows the script's module as __mp_main__
    class Boom(Exception):
        def __init__(self, first, second):
            super().__init__(f"boom {first} {second}")

    Boom.__module__ = "__mp_main__"
    sent = pickle.loads(pickle.dumps(arrives_whole(Boom(1, 2))))
    assert type(sent) is RuntimeError and str(sent) == "__main__.test_a_worker_error_of_the_users_script_is_named_as_the_script_names_it.<locals>.Boom: boom 1 2"


def test_in_this_process_an_error_keeps_its_own_type():
    rows = Dataset.from_dict({"text": ["this one goes boom"]})
    with pytest.raises(QuotaExceeded, match="^code 429: quota exceeded"):
        rows.map(OverQuota(on_error="raise"), batched=True)


@pytest.mark.parametrize(
    ("map_kwargs", "taken"),
    [
        ({"batched": True, "num_proc": 2, "batch_size": 10, "desc": "x"}, True),
        ({"batched": True, "num_proc": 1}, True),
        ({"batched": True}, True),
        ({"batched": True, "num_proc": 2, "cache_file_name": "out.arrow"}, False),
    ],
)
def test_only_plain_maps_are_mapped_by_the_forking_path(map_kwargs, taken):
    assert parallel.can_map(map_kwargs) is taken


BLOCKED_MAP = """
import os, sys
from datasets import Dataset
from hfaug import parallel

def blocks(batch):
    os.write(1, f"{os.getpid()}\\n".encode())  # one write: the two processes' lines never interleave
    os.read(int(sys.argv[1]), 1)  # nothing is ever written: blocks until the process ends
    return batch

parallel.map_in_forks(Dataset.from_dict({"text": ["a", "b"]}), blocks, batched=True, num_proc=2)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="workers end with their parent on Linux")
def test_the_workers_end_when_the_process_that_forked_them_is_killed():
    never_written, writer = os.pipe()
    command = [sys.executable, "-c", BLOCKED_MAP, str(never_written)]
    with (
        subprocess.Popen(command, pass_fds=(never_written,), stdout=subprocess.PIPE, text=True) as mapping,
        stopped_at_the_end(mapping, never_written, writer) as workers,
    ):
        workers |= {int(mapping.stdout.readline()) for _ in range(2)} - {mapping.pid}  # both shards are being mapped
        mapping.kill()
        assert all(ends_within(worker, 10) for worker in workers)


def test_a_worker_forked_after_its_parent_died_ends_at_once():
    child = os.fork()
    if child == 0:  # as a worker would start when the process that forked it is already gone
        try:
            parallel._start_worker(parent_pid=os.getppid() + 1)
        finally:
            os._exit(0)
    assert os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 128 + signal.SIGTERM


@pytest.mark.parametrize("errno_", [errno.ENOSPC, errno.EACCES])
def test_an_in_memory_dataset_that_cannot_be_written_to_the_temporary_folder_says_what_to_do(monkeypatch, errno_):
    def cannot_write(*args, **kwargs):
        raise OSError(errno_, os.strerror(errno_))

    monkeypatch.setattr(ArrowWriter, "write_batch", cannot_write)
    rows = Dataset.from_dict({"text": [f"row {index} is fine" for index in range(20)]})
    with pytest.raises(OSError) as raised:
        hfaug.augment(rows, Shout(seed=1), num_proc=2)
    folder = get_temporary_cache_files_directory()
    assert raised.value.errno == errno_ and isinstance(raised.value.__cause__, OSError)
    assert str(raised.value) == (
        f"[Errno {errno_}] mapping an in-memory dataset in several processes writes its shards to {folder!r}, the temporary "
        f"folder of `datasets` (in TMPDIR), and that failed: {os.strerror(errno_)}. Free space there or set TMPDIR to a "
        "folder you can write with room, pass num_proc=1 (the rows then stay in memory), or save the dataset to disk and "
        "load it from there"
    )


@pytest.mark.parametrize("num_proc", [1, 2])
def test_a_full_disk_under_a_dataset_on_disk_names_the_folder_of_its_cache_files(monkeypatch, tmp_path, num_proc):
    # the command line said "[Errno 28] No space left on device" alone
    Dataset.from_dict({"text": [f"row {index} is fine" for index in range(20)]}).save_to_disk(str(tmp_path / "rows"))
    rows = load_from_disk(str(tmp_path / "rows"))

    def cannot_write(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(ArrowWriter, "write_batch", cannot_write)
    with pytest.raises(OSError) as raised:
        hfaug.augment(rows, Shout(seed=1), num_proc=num_proc)
    assert raised.value.errno == errno.ENOSPC and isinstance(raised.value.__cause__, OSError)
    assert str(raised.value) == (
        f"[Errno {errno.ENOSPC}] the augmented rows are written beside the dataset's cache files, in "
        f"{str(tmp_path / 'rows')!r}, and that failed: No space left on device. Free space there, or save the dataset "
        "on a disk with room (save_to_disk) and load it from there"
    )  # datasets writes beside a saved dataset whatever HF_DATASETS_CACHE says


def test_a_temporary_folder_that_cannot_be_made_says_what_to_do(monkeypatch, tmp_path):
    def cannot_make():  # as tempfile.mkdtemp fails in a read-only TMPDIR
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(tmp_path / "hf_datasets-x"))

    monkeypatch.setattr(parallel, "get_temporary_cache_files_directory", cannot_make)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    rows = Dataset.from_dict({"text": [f"row {index} is fine" for index in range(20)]})
    with pytest.raises(OSError) as raised:
        hfaug.augment(rows, Shout(seed=1), num_proc=2)
    assert raised.value.errno == errno.EROFS
    assert f"writes its shards to {str(tmp_path)!r}, the temporary folder of `datasets`" in str(raised.value)
    assert "set TMPDIR to a folder you can write with room, pass num_proc=1" in str(raised.value)


def test_two_threads_mapping_in_forks_at_once_each_get_their_own_rows(tmp_path):
    # the workers read the job from the module: a second thread's map had replaced the first one's
    datasets = {}
    for name in "ab":
        Dataset.from_dict({"text": [f"{name} row {i}" for i in range(40)]}).save_to_disk(str(tmp_path / name))
        datasets[name] = load_from_disk(str(tmp_path / name))
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = dict(zip("ab", pool.map(lambda name: hfaug.augment(datasets[name], Shout(p=1.0), num_proc=2, batch_size=5), "ab")))
    for name, result in results.items():
        assert result["text"][::2] == [f"{name} row {i}" for i in range(40)]
        assert result["text"][1::2] == [f"{name.upper()} ROW {i}" for i in range(40)]


def test_a_map_in_forks_started_inside_another_is_refused_saying_what_to_do():
    class MapsInside(Shout):
        name = "test.maps_inside"

        def augment_batch(self, values, rngs):
            hfaug.augment(Dataset.from_dict({"text": ["x", "y"]}), Shout(), num_proc=2)
            return super().augment_batch(values, rngs)

    with pytest.raises(RuntimeError, match=r"started inside another one .*give the inner one num_proc=1"):
        hfaug.augment(Dataset.from_dict({"text": [f"row {i}" for i in range(4)]}), MapsInside(on_error="raise"), num_proc=2)


class TorchShout(Shout):
    """Shout, declared as running torch (as a model or image augmenter does), noting torch's threads as it runs."""

    output_packages = ("torch",)
    threads: list[int] = []

    def augment_batch(self, values, rngs):
        import torch

        TorchShout.threads.append(torch.get_num_threads())
        return super().augment_batch(values, rngs)


class TorchThreads(Shout):
    """Writes the number of torch threads it runs with."""

    output_packages = ("torch",)

    def augment_batch(self, values, rngs):
        import torch

        return [str(torch.get_num_threads())] * len(values)


def test_the_workers_hfaug_forks_run_torch_on_one_thread_and_the_applications_own_forks_keep_theirs():
    # importing hfaug gave every fork of the process one torch thread, the application's own too
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        rows = Dataset.from_dict({"text": [f"row {index}" for index in range(8)]})
        assert set(hfaug.augment(rows, TorchThreads(), num_proc=2, keep_original=False)["text"]) == {"1"}
        pid = os.fork()
        if pid == 0:
            os._exit(torch.get_num_threads())
        assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 2
    finally:
        torch.set_num_threads(threads)


@pytest.mark.parametrize("in_a_map_worker", [True, False], ids=["map worker", "other process"])
def test_an_augmenter_in_a_map_worker_not_forked_runs_torch_on_one_thread(monkeypatch, in_a_map_worker):
    # a spawned or forkserver worker ran torch with a thread per core, beside the other workers;
    # a process of the user's own, or after the batch, keeps its threads
    import multiprocess
    import torch

    threads = torch.get_num_threads()
    monkeypatch.setattr(multiprocess, "parent_process", lambda: object() if in_a_map_worker else None)
    monkeypatch.setattr(TorchShout, "threads", [])
    torch.set_num_threads(2)
    try:
        TorchShout(n=1)({"text": ["one two"]})
        assert TorchShout.threads == [1 if in_a_map_worker else 2] and torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(threads)


def test_an_augmenter_made_of_one_that_runs_torch_imports_it_in_a_worker_before_its_first_batch():
    assert TorchShout()._needs_torch() and hfaug.OneOf([Shout(), TorchShout()])._needs_torch()
    assert not Shout()._needs_torch() and not hfaug.OneOf([Shout(), "synonym"])._needs_torch()



def ends_when_forked_while_a_thread_waits(start_waiting, in_the_child) -> bool:
    """Whether a process forked while a thread runs ``start_waiting(wait)`` (held at ``wait()`` meanwhile) ends once
    it has run ``in_the_child()``."""
    import threading

    waiting, release = threading.Event(), threading.Event()

    def wait():
        waiting.set()
        release.wait()

    thread = threading.Thread(target=start_waiting, args=(wait,))
    thread.start()
    waiting.wait()
    child = os.fork()
    if child == 0:
        in_the_child()
        os._exit(0)
    try:
        return ends_within(child, 30)
    finally:
        release.set()
        thread.join()
        if not ends_within(child, 0):
            os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


def test_a_process_forked_while_another_thread_analyses_a_text_analyses_texts_too(monkeypatch):
    # Python 3.11's functools.cached_property locks all instances: a fork made while a thread held that lock
    # (num_proc next to a thread of the service) inherited it held and never ended
    from hfaug.text import synonym

    parent, work_out = os.getpid(), synonym.candidates

    def analyse_waiting(wait):
        def held_in_the_parent(*arguments):
            if os.getpid() == parent:
                wait()
            return work_out(*arguments)

        monkeypatch.setattr(synonym, "candidates", held_in_the_parent)
        synonym.TextAnalysis("a funny film").found

    assert ends_when_forked_while_a_thread_waits(analyse_waiting, lambda: synonym.TextAnalysis("a sad film").found)


def test_a_process_forked_while_another_thread_loads_a_translation_model_can_load_one():
    from hfaug.text.translation import models

    def load_waiting(wait):
        with models._lock:  # as models.load holds it while a model loads
            wait()

    def load():
        with models._lock:
            pass

    assert ends_when_forked_while_a_thread_waits(load_waiting, load)
