"""Throughput and memory of the ways to run an augmenter over a large dataset.

Rows of SST-2 text with a synthetic length mix (1 to 3 sentences drawn from SST-2 train) go
through ``hfaug.Synonym(p=0.2)`` (``n=1``, originals kept) with:

- ``map``: ``hfaug.augment(ds)`` with ``num_proc=1`` and ``num_proc=2`` (``Dataset.map``,
  Arrow cache written to disk);
- ``stream``: ``load_dataset(..., streaming=True)`` then ``hfaug.augment``, every row read;
- ``stream->parquet``: the same stream written as Parquet shards (``hfaug.write_parquet_shards``);
- ``ray``: ``hfaug.augment(ds, engine="ray")`` on a local Ray cluster of 2 CPUs, collected
  back as a ``datasets.Dataset`` (the cluster's start-up is reported apart).

Each measurement runs in its own process, so peaks do not mix, and each mode runs twice:
once timed with nothing else running, once with its memory sampled (reading every process's
memory maps costs CPU time, more so for Ray's many processes, so a sampled run is not
timed). Memory is the peak of the whole process tree (the Ray cluster's processes included; proportional set size, so shared
pages count once), sampled every 100 ms; ``growth`` is that peak minus the memory just before
the timed work (data opened, lexicon loaded, Ray started): it stays flat when rows are streamed,
whatever ``--rows``.

    python scripts/bench_scale.py              # 100k rows
    python scripts/bench_scale.py --quick      # 5k rows, a quick check that everything runs
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from hfaug.cli.arguments import positive_int
from hfaug.whole_files import write_whole

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sst2" / "train.jsonl"
MODES = ("map-1", "map-2", "stream", "stream->parquet", "ray-2cpu")
SEED = 0


def make_rows(count: int, path: Path) -> None:
    """Write ``count`` rows of 1 to 3 SST-2 sentences (60/30/10 %) as JSON lines."""
    import numpy as np

    sentences = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    rng = np.random.default_rng(SEED)
    lengths = rng.choice([1, 2, 3], size=count, p=[0.6, 0.3, 0.1])
    with path.open("w", encoding="utf-8") as handle:
        for length in lengths:
            picked = [sentences[i] for i in rng.integers(len(sentences), size=length)]
            row = {"text": " ".join(item["text"] for item in picked), "label": picked[0]["label"]}
            handle.write(json.dumps(row) + "\n")


class PeakMemory:
    """Samples the memory of this process and all its descendants; keeps the peak (bytes).

    Uses the proportional set size (shared pages split between the processes sharing them,
    so forked workers and Ray's shared memory are not counted twice), or the RSS where the
    system does not report it.
    """

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self._root = psutil.Process()
        self._interval = interval
        self._stop = threading.Event()
        self.peak = self.now()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def now(self) -> int:
        import psutil

        total = 0
        for process in [self._root, *self._root.children(recursive=True)]:
            try:
                info = process.memory_full_info()
                total += getattr(info, "pss", info.rss)
            except psutil.Error:  # exited meanwhile
                pass
        return total

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.peak = max(self.peak, self.now())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.now())


def measure(mode: str, data: Path, workdir: Path, sample_memory: bool) -> dict:
    """Run one mode in this process; returns its time, or its memory with ``sample_memory``."""
    os.environ["HF_DATASETS_CACHE"] = str(workdir / "cache")
    import datasets

    import hfaug

    datasets.logging.set_verbosity_error()
    datasets.disable_progress_bars()
    augmenter = hfaug.Synonym(p=0.2, seed=SEED)
    augmenter({"text": ["a warm-up row loads the lexicon"] * 4})  # one-time set-up, not timed
    extra: dict = {}
    if mode == "ray-2cpu":
        import ray

        started = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        ray.data.DataContext.get_current().enable_progress_bars = False
        extra["startup_s"] = round(time.perf_counter() - started, 2)
    if mode.startswith("stream"):
        source = datasets.load_dataset("json", data_files=str(data), split="train", streaming=True)
    else:
        source = datasets.load_dataset("json", data_files=str(data), split="train")

    with PeakMemory() if sample_memory else contextlib.nullcontext() as memory:
        before = memory.now() if memory else 0
        started = time.perf_counter()
        if mode in ("map-1", "map-2"):
            # a fresh fingerprint: an earlier run's cache files would make `datasets` reuse its shard count
            rows = len(hfaug.augment(source, augmenter, num_proc=int(mode[-1]), new_fingerprint=uuid.uuid4().hex))
        elif mode == "ray-2cpu":
            rows = len(hfaug.augment(source, augmenter, engine="ray"))
        elif mode == "stream":
            rows = sum(len(batch["text"]) for batch in hfaug.augment(source, augmenter).iter(batch_size=1000))
        else:
            import pyarrow.parquet as pq

            from hfaug.shards import write_parquet_shards

            paths = write_parquet_shards(hfaug.augment(source, augmenter), workdir / "shards", max_shard_size="50MB")
            rows = sum(pq.read_metadata(path).num_rows for path in paths)
        seconds = time.perf_counter() - started
    if mode == "ray-2cpu":
        import ray

        ray.shutdown()
    if memory:
        return {"peak_mb": round(memory.peak / 2**20), "growth_mb": round((memory.peak - before) / 2**20)}
    return {"mode": mode, "rows_out": rows, "seconds": round(seconds, 2), **extra}


def run_all(rows: int, modes: list[str]) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="hfaug-bench-") as tmp:
        data = Path(tmp) / "rows.jsonl"
        make_rows(rows, data)
        results = []
        for mode in modes:
            result = {}
            for sampled in (False, True):
                workdir = Path(tmp) / mode.replace(">", "").replace("-", "_") / ("memory" if sampled else "time")
                workdir.mkdir(parents=True)
                command = [sys.executable, __file__, "--measure", mode, "--data", str(data), "--workdir", str(workdir)]
                done = subprocess.run(command + ["--memory"] * sampled, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    raise SystemExit(f"{mode} failed:\n{done.stderr[-4000:]}")
                result.update(json.loads(done.stdout.strip().splitlines()[-1]))
            result["rows_per_s"] = round(rows / result["seconds"])
            results.append(result)
            print(f"  {mode}: {result['seconds']} s", file=sys.stderr, flush=True)
    return results


def table(rows: int, results: list[dict]) -> str:
    by_mode = {result["mode"]: result for result in results}
    lines = [
        f"{rows} source rows, Synonym(p=0.2), n=1 with originals ({results[0]['rows_out']} rows out)",
        "",
        "| run | seconds | source rows/s | peak memory (MB) | growth (MB) | vs map num_proc=1 | vs map num_proc=2 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        ratios = [
            f"{result['seconds'] / by_mode[base]['seconds']:.2f}x" if base in by_mode else "-"
            for base in ("map-1", "map-2")
        ]
        name = result["mode"] + (f" (+{result['startup_s']} s start-up)" if "startup_s" in result else "")
        lines.append(
            f"| {name} | {result['seconds']} | {result['rows_per_s']} | {result['peak_mb']} | "
            f"{result['growth_mb']} | {ratios[0]} | {ratios[1]} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=positive_int, default=100_000, help="source rows (default: 100000)")
    parser.add_argument("--quick", action="store_true", help="5000 rows: check that every mode runs")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES), help="modes to run (default: all)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--measure", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.data, args.workdir, args.memory)))
        return
    rows = 5000 if args.quick else args.rows
    results = run_all(rows, args.modes)
    print(table(rows, results))
    if args.json:
        write_whole(args.json, json.dumps({"rows": rows, "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
