"""Shared fixtures. Data comes from the real datasets in ``../shared/data``."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

# Keep `datasets` caches of the test run out of the user's cache (set before importing datasets);
# a folder made here is removed when the run ends.
SESSION_DATASETS_CACHE = None if "HF_DATASETS_CACHE" in os.environ else tempfile.mkdtemp(prefix="hfaug-test-datasets-")
if SESSION_DATASETS_CACHE:
    os.environ["HF_DATASETS_CACHE"] = SESSION_DATASETS_CACHE

import pytest  # noqa: E402
from datasets import Dataset, load_dataset  # noqa: E402
from datasets.utils.tqdm import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars  # noqa: E402

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"


def pytest_sessionfinish(session, exitstatus):
    if SESSION_DATASETS_CACHE:
        shutil.rmtree(SESSION_DATASETS_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def progress_bars_as_they_were():
    """Scripts run in-process (their ``main``) turn `datasets`' progress bars off for the whole
    process; tests after them see the bars as they were."""
    disabled = are_progress_bars_disabled()
    yield
    (disable_progress_bars if disabled else enable_progress_bars)()


@pytest.fixture
def modules_of_tmp_path(tmp_path):
    """The ``tmp_path`` of a test that imports modules from it; they are forgotten after it, so that a later test
    importing a module of the same name from its own folder gets its own."""
    yield tmp_path
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", None) or "").startswith(str(tmp_path)):
            del sys.modules[name]


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA_DIR.is_dir():
        pytest.fail(f"the shared evaluation data is missing: expected {DATA_DIR}")
    return DATA_DIR


@pytest.fixture(scope="session")
def sst2_train(data_dir: Path) -> Dataset:
    """The SST-2 training split (6920 rows: text, label)."""
    return load_dataset("json", data_files=str(data_dir / "sst2" / "train.jsonl"), split="train")


@pytest.fixture(scope="session")
def sst2_small(sst2_train: Dataset) -> Dataset:
    """The first 60 rows of SST-2 train."""
    return sst2_train.select(range(60))


@pytest.fixture(scope="session")
def trec_train(data_dir: Path) -> Dataset:
    """The TREC training split (5452 rows: text, label, fine_label)."""
    return load_dataset("json", data_files=str(data_dir / "trec" / "train.jsonl"), split="train")


@pytest.fixture(scope="session")
def text_mix(sst2_train: Dataset, trec_train: Dataset) -> Dataset:
    """40 SST-2 sentences (lower-cased, tokenized) then 40 TREC questions (original casing),
    with columns text, label and source ("sst2" or "trec")."""
    sst2 = sst2_train.select(range(40))
    trec = trec_train.select(range(40))
    return Dataset.from_dict(
        {
            "text": list(sst2["text"]) + list(trec["text"]),
            "label": list(sst2["label"]) + list(trec["label"]),
            "source": ["sst2"] * 40 + ["trec"] * 40,
        }
    )


@pytest.fixture(scope="session")
def marian_random(data_dir: Path) -> Path:
    """A tiny MarianMT model with random weights (built once, cached under ``.cache/test-models``)."""
    from marian_models import RANDOM, build_marian

    return build_marian(RANDOM, data_dir=data_dir)


@pytest.fixture(scope="session")
def marian_copying(data_dir: Path) -> Path:
    """A tiny MarianMT model trained briefly to copy its input: it stops at EOS like a real
    translator and paraphrases loosely (built once, ~30 s, cached under ``.cache/test-models``)."""
    from marian_models import COPYING, build_marian

    return build_marian(COPYING, data_dir=data_dir)
