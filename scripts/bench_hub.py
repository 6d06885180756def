#!/usr/bin/env python
"""Time pushing and loading a version through the local Hub server.

    python scripts/bench_hub.py out/<version> [--json]

Starts ``scripts/hub_server.py`` on a free loopback port with a scratch data folder, then, with
the real client: ``hfaug.push_to_hub`` of the version folder, the same push again (no commit),
``hfaug.load`` by tag into a fresh cache, and checks that the rows loaded equal the rows pushed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SERVER = Path(__file__).with_name("hub_server.py")
TOKEN = "hf_bench_local_token"


def start_server(root: Path) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, str(SERVER), "--root", str(root), "--port", "0", "--token", TOKEN]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline()
    if "listening on " not in line:
        process.kill()
        raise SystemExit(f"bench_hub: the server did not start: {line}")
    return process, line.split("listening on ", 1)[1].split()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("version_dir", help="a version folder written by `hfaug apply` (or OUT holding one)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="hfaug-bench-hub-"))
    server, url = start_server(scratch / "hub-data")
    try:
        # The client reads its configuration at import: set it first.
        os.environ.update(
            HF_ENDPOINT=url,
            HF_HUB_DISABLE_XET="1",
            HF_TOKEN=TOKEN,
            HF_HOME=str(scratch / "hf-home"),
            HF_DATASETS_CACHE=str(scratch / "datasets-cache"),
            HF_UPDATE_DOWNLOAD_COUNTS="0",
        )
        import hfaug
        from hfaug.versioned import find_version_dir

        try:
            folder = find_version_dir(args.version_dir)
        except OSError as error:  # no folder there, a file, or no version in it: the message says which
            print(f"bench_hub: error: {error}", file=sys.stderr)
            return 2
        dataset, _ = hfaug.load_version_dir(folder)
        figures: dict[str, object] = {
            "rows": {name: len(split) for name, split in dataset.items()},
            "parquet_bytes": sum(path.stat().st_size for path in (folder / "data").glob("*.parquet")),
        }
        start = time.perf_counter()
        first = hfaug.push_to_hub(dataset, "bench/dataset")
        figures["push_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        again = hfaug.push_to_hub(dataset, "bench/dataset")
        figures["repush_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        loaded = hfaug.load("bench/dataset", version=first.tag)
        figures["load_s"] = round(time.perf_counter() - start, 2)
        figures["created"], figures["repush_created"] = first.created, again.created
        figures["identical"] = all(
            loaded[name].with_format("arrow")[:].equals(dataset[name].with_format("arrow")[:]) for name in dataset
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>15}: {value}")
    return 0 if figures["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
