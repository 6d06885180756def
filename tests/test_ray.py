"""The Ray Data engine on a local two-CPU Ray cluster: the same rows and types as the local engine."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
import pyarrow as pa
from datasets import ClassLabel, Dataset, DatasetDict, load_dataset
from datasets.table import InMemoryTable
from huggingface_hub import HfApi, HfFileSystem, constants

import hfaug
from hfaug import Synonym
from hfaug.errors import ColumnError, HfaugError
from local_hub import TOKEN, LocalHub
from media_samples import image_bytes, image_dataset
from scale_augmenters import Placed
from toy_augmenters import WHERE_QUOTA_WAS_EXCEEDED, Fragile, OverQuota, QuotaExceeded, Shout

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray")
TESTS_DIR = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def ray_cluster():
    """A local Ray cluster of 2 CPUs, shut down after the tests; its workers import the test augmenters."""
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": str(TESTS_DIR)}},
    )
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def sst2_part(sst2_train):
    """1200 SST-2 rows with a ClassLabel label."""
    return sst2_train.select(range(1200)).cast_column("label", ClassLabel(names=["negative", "positive"]))


def _by_id(dataset):
    return sorted(dataset.to_list(), key=lambda row: (row["hfaug_source_id"], row["hfaug_copy"]))


def test_ray_gives_the_rows_and_types_of_the_local_engine(ray_cluster, sst2_part):
    local = hfaug.augment(sst2_part, Synonym(p=0.2, seed=4), n=2)
    distributed = hfaug.augment(sst2_part, Synonym(p=0.2, seed=4), n=2, engine="ray", batch_size=200)
    assert distributed.features == local.features
    assert distributed.data.schema == local.data.schema
    assert distributed.to_list() == local.to_list()


def test_ray_keeps_string_and_integer_widths(ray_cluster):
    table = pa.table(
        {
            "text": pa.array(["a quiet film", "loud and long"] * 50, pa.large_string()),
            "label": pa.array([0, 1] * 50, pa.int32()),
        }
    )
    source = Dataset(InMemoryTable(table))
    local = hfaug.augment(source, Synonym(seed=1), n=2)
    distributed = hfaug.augment(source, Synonym(seed=1), n=2, engine="ray")
    assert distributed.data.schema == local.data.schema
    assert distributed.to_list() == local.to_list()


def test_an_empty_dataset_gives_the_local_engine_s_empty_output(ray_cluster, sst2_part):
    empty = sst2_part.select([])
    local = hfaug.augment(empty, Synonym(seed=1), n=2)
    distributed = hfaug.augment(empty, Synonym(seed=1), n=2, engine="ray")
    assert len(distributed) == 0
    assert distributed.features == local.features


def test_a_recipe_on_ray_gives_the_local_version_and_rows(ray_cluster, sst2_part):
    recipe = hfaug.Recipe.from_dict({"column": "text", "augmenters": [{"name": "synonym", "p": 0.3}], "n": 2, "seed": 3})
    rows = sst2_part.select(range(300))
    local = recipe.apply(rows)
    distributed = recipe.apply(rows, engine="ray")
    assert (distributed.version, distributed.stats) == (local.version, local.stats)
    assert distributed.to_list() == local.to_list()


def test_unordered_blocks_give_the_same_rows(ray_cluster, sst2_part):
    local = hfaug.augment(sst2_part, Synonym(p=0.2, seed=4), n=2)
    distributed = hfaug.augment(
        sst2_part, Synonym(p=0.2, seed=4), n=2, engine="ray", batch_size=200, preserve_order=False
    )
    assert _by_id(distributed) == _by_id(local)


def test_model_augmenters_run_in_an_actor_pool_with_the_local_rows(ray_cluster, sst2_part):
    local = hfaug.augment(sst2_part, Placed(seed=8), n=2)
    distributed = hfaug.augment(sst2_part, Placed(seed=8), n=2, engine="ray", batch_size=300, concurrency=2)
    assert distributed.to_list() == local.to_list()


def test_an_image_augmenter_on_ray_stores_the_local_bytes(ray_cluster):
    images = image_dataset([image_bytes(seed=seed) for seed in range(12)])
    augmenter = hfaug.ImageAugment(ops=["hflip", "rotate", "brightness"], seed=7)
    local = hfaug.augment(images, augmenter, n=2)
    distributed = hfaug.augment(images, augmenter, n=2, engine="ray")
    assert distributed.features == local.features
    assert distributed.with_format("arrow")[:].equals(local.with_format("arrow")[:])


def test_ray_reads_parquet_files_with_their_features(ray_cluster, sst2_part, tmp_path):
    sst2_part.to_parquet(str(tmp_path / "part.parquet"))
    distributed = hfaug.augment(str(tmp_path / "part.parquet"), Synonym(p=0.2, seed=4), n=2, engine="ray")
    local = hfaug.augment(sst2_part, Synonym(p=0.2, seed=4), n=2)
    assert distributed.features == local.features
    assert distributed.to_list() == local.to_list()


def test_ray_reads_a_list_of_parquet_files(ray_cluster, sst2_part, tmp_path):
    paths = [str(tmp_path / f"part-{index}.parquet") for index in range(4)]
    for index, path in enumerate(paths):
        sst2_part.shard(num_shards=4, index=index, contiguous=True).to_parquet(path)
    distributed = hfaug.augment(paths, Synonym(p=0.2, seed=4), n=2, engine="ray")
    assert distributed.to_list() == hfaug.augment(sst2_part, Synonym(p=0.2, seed=4), n=2).to_list()


def test_ray_writes_parquet_that_loads_as_the_local_result(ray_cluster, sst2_part, tmp_path):
    written = hfaug.augment(sst2_part, Synonym(p=0.2, seed=4), n=2, engine="ray", output=tmp_path / "out")
    assert written == str(tmp_path / "out")
    back = load_dataset("parquet", data_dir=written, split="train")
    local = hfaug.augment(sst2_part, Synonym(p=0.2, seed=4), n=2)
    assert back.features == local.features
    assert _by_id(back) == _by_id(local)


def test_ray_augments_the_train_split_and_leaves_the_test_split(ray_cluster, sst2_part):
    splits = DatasetDict({"train": sst2_part.select(range(100)), "test": sst2_part.select(range(100, 150))})
    out = hfaug.augment(splits, Synonym(), n=2, engine="ray")
    assert out["train"].to_list() == hfaug.augment(splits["train"], Synonym(), n=2).to_list()
    assert out["test"] is splits["test"]


def test_a_dataset_dict_written_to_output_gives_the_path_of_each_augmented_split(ray_cluster, sst2_part, tmp_path):
    splits = DatasetDict({"train": sst2_part.select(range(100)), "test": sst2_part.select(range(100, 150))})
    written = hfaug.augment(splits, Synonym(), n=2, engine="ray", output=tmp_path / "out")
    assert written == {"train": str(tmp_path / "out" / "train")}
    back = load_dataset("parquet", data_files={name: f"{path}/*.parquet" for name, path in written.items()})
    assert back["train"].to_list() == hfaug.augment(splits["train"], Synonym(), n=2).to_list()


def test_an_empty_split_is_refused_for_output_before_any_split_is_augmented(ray_cluster, sst2_part, tmp_path):
    splits = DatasetDict({"train": sst2_part.select(range(20)), "validation": sst2_part.select([])})
    with pytest.raises(HfaugError, match=r"split 'validation' has no rows.*leave it out with splits=\['train'\]"):
        hfaug.augment(splits, Synonym(), engine="ray", splits=["train", "validation"], output=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_empty_dataset_is_refused_for_output(ray_cluster, sst2_part, tmp_path):
    with pytest.raises(HfaugError, match="the dataset has no rows, so Ray would write no file to output"):
        hfaug.augment(sst2_part.select([]), Synonym(), engine="ray", output=tmp_path / "out")


def test_parquet_files_without_rows_are_refused_for_output(ray_cluster, sst2_part, tmp_path):
    sst2_part.select([]).to_parquet(tmp_path / "empty.parquet")
    with pytest.raises(HfaugError, match=r"no row came out of synonym, so Ray wrote no file to output '.*out': the"):
        hfaug.augment(str(tmp_path / "empty.parquet"), Synonym(), engine="ray", output=tmp_path / "out")


def test_rows_all_skipped_are_refused_for_output_as_skipped(ray_cluster, tmp_path):
    rows = Dataset.from_dict({"text": [None, "   "], "label": [0, 1]})
    with pytest.raises(HfaugError, match=r"the source has no rows, or every row was skipped \(on_error='skip'\)"):
        hfaug.augment(rows, Shout(on_error="skip"), keep_original=False, engine="ray", output=tmp_path / "out")


@pytest.mark.parametrize("written", [False, True])
def test_an_error_raised_by_the_augmenter_is_hfaug_s_own(ray_cluster, sst2_part, tmp_path, written):
    rows = sst2_part.select(range(20)).map(lambda row, i: {"text": None if i == 7 else row["text"]}, with_indices=True)
    with pytest.raises(hfaug.InvalidValue, match="the text is None"):
        hfaug.augment(rows, Shout(on_error="raise"), engine="ray", output=tmp_path / "out" if written else None)


def test_a_library_error_in_a_worker_is_raised_as_itself_with_its_note(ray_cluster):
    rows = Dataset.from_dict({"text": ["fine text here", "boom goes the text"]})
    with pytest.raises(RuntimeError) as local:
        hfaug.augment(rows, Fragile(on_error="raise"))
    with pytest.raises(RuntimeError) as distributed:
        hfaug.augment(rows, Fragile(on_error="raise"), engine="ray")
    assert type(distributed.value) is RuntimeError
    assert str(distributed.value).startswith("library exploded in <Parser object at ")
    assert distributed.value.__notes__ == local.value.__notes__


def test_a_worker_error_whose_class_takes_other_arguments_arrives_as_itself(ray_cluster):
    rows = Dataset.from_dict({"text": ["fine text here", "this one goes boom"]})
    with pytest.raises(QuotaExceeded) as raised:
        hfaug.augment(rows, OverQuota(on_error="raise"), engine="ray")
    assert (str(raised.value).splitlines()[0], raised.value.__notes__) == ("code 429: quota exceeded", [WHERE_QUOTA_WAS_EXCEEDED])


def last_printed(tmp_path: Path, code: str) -> tuple[list[str], str]:
    """The last line (in a list: none when it printed nothing) a script of ``code`` printed, and its error output."""
    script = tmp_path / "script.py"
    script.write_text(code)
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    return result.stdout.splitlines()[-1:], result.stderr[-3000:]


UNREACHABLE_CLUSTER = """
import os, socket
import hfaug
from datasets import Dataset
with socket.socket() as closed:  # a port nothing listens on
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
os.environ["RAY_ADDRESS"] = f"127.0.0.1:{port}"
try:
    hfaug.augment(Dataset.from_dict({"text": ["a good film"]}), hfaug.Synonym(), engine="ray")
except hfaug.HfaugError as error:
    print(str(error).replace(str(port), "PORT"))
"""


@pytest.mark.slow
def test_a_ray_address_where_no_cluster_answers_is_refused(tmp_path):
    # ray.init() retried it for minutes, printing only Ray's timeouts
    printed, errors = last_printed(tmp_path, UNREACHABLE_CLUSTER)
    assert printed == [
        "no Ray cluster answers at RAY_ADDRESS='127.0.0.1:PORT' ([Errno 111] Connection refused); start it "
        "(`ray start --head` on that machine) or unset RAY_ADDRESS to start a local one"
    ], errors


@pytest.mark.slow
def test_a_worker_error_of_a_class_of_the_users_script_arrives_as_itself(tmp_path):
    # it arrived as a RuntimeError: the worker's __main__ is Ray's, where the class cannot be found by name
    printed, errors = last_printed(tmp_path, RAISES_ITS_OWN_ERROR)
    assert printed == ["caught its own error: bad row"], errors


@pytest.mark.slow
def test_sigterm_unwinds_the_command_after_ray_starts(tmp_path):
    # ray.init set its own handler, which exited with status 15 before anything unwound (not 143, "hfaug: terminated")
    printed, errors = last_printed(tmp_path, KEEPS_THE_HANDLER)
    assert printed == ["handler kept: True"], errors


KEEPS_THE_HANDLER = """
import signal
from hfaug.engines.ray_engine import _import_ray
from hfaug.signals import _raise_terminated, sigterm_raises

with sigterm_raises():
    _import_ray()
    print("handler kept:", signal.getsignal(signal.SIGTERM) is _raise_terminated)
"""


RAISES_ITS_OWN_ERROR = """
import ray
from datasets import Dataset
import hfaug

class BadRow(Exception):
    pass

class Refuses(hfaug.TextAugmenter):
    name = "script.refuses"

    def augment_batch(self, values, rngs):
        raise BadRow("bad row")

ray.init(num_cpus=1, include_dashboard=False)
try:
    hfaug.augment(Dataset.from_dict({"text": ["a text"]}), Refuses("text", on_error="raise"), engine="ray")
except BadRow as error:
    print("caught its own error:", str(error).splitlines()[0])
"""


def test_copies_kept_with_their_error_are_warned_of_as_by_the_local_engine(ray_cluster, caplog):
    # Ray said nothing
    rows = Dataset.from_dict({"text": ["fine text here", None, "another fine text"]})
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        hfaug.augment(rows, Shout(), n=2, engine="ray")
    assert [record.getMessage() for record in caplog.records if record.name.startswith("hfaug")] == [
        "hfaug.augment: test.shout could not augment 2 of its 6 copies, from 1 of 3 source rows; they are kept as their "
        "source, with the reason in hfaug_error (most often, 2 times: the text is None)"
    ]


@pytest.fixture
def ray_log():
    """The messages Ray Data logs (its logger does not propagate to the root logger)."""
    messages = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())
    logging.getLogger("ray.data").addHandler(handler)
    yield messages
    logging.getLogger("ray.data").removeHandler(handler)


def test_tasks_and_actors_are_sized_without_deprecated_ray_arguments(ray_cluster, sst2_part, ray_log):
    rows = sst2_part.select(range(40))
    hfaug.augment(rows, Shout(), engine="ray", batch_size=20, concurrency=2)
    hfaug.augment(rows, Placed(), engine="ray", batch_size=20, concurrency=(1, 2))
    assert [message for message in ray_log if "deprecated" in message] == []


def test_an_autoscaling_range_is_refused_for_tasks(ray_cluster, sst2_part):
    with pytest.raises(ValueError, match=r"concurrency=\(1, 2\) sizes the actor pool of a model augmenter; test.shout"):
        hfaug.augment(sst2_part, Shout(), engine="ray", concurrency=(1, 2))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"batch_size": 0}, r"batch_size must be a whole number of rows, at least 1 \(or None for 1000\); got 0"),
        ({"batch_size": 2.5}, r"batch_size must be a whole number of rows, at least 1 \(or None for 1000\); got 2.5"),
        ({"concurrency": 0}, r"concurrency must be an int of at least 1 .*; got 0"),
        ({"concurrency": (2, 1)}, r"concurrency must be an int of at least 1 .*; got \(2, 1\)"),
    ],
)
def test_batch_size_and_concurrency_are_checked_before_any_work(ray_cluster, sst2_part, options, message):
    with pytest.raises(ValueError, match=message):
        hfaug.augment(sst2_part, Shout(), engine="ray", **options)


def test_batch_size_none_is_the_default(ray_cluster, sst2_part):
    rows = sst2_part.select(range(40))
    assert hfaug.augment(rows, Shout(seed=1), engine="ray", batch_size=None).to_list() == (
        hfaug.augment(rows, Shout(seed=1)).to_list()
    )


def test_ray_reads_hf_paths(ray_cluster, sst2_part, tmp_path, monkeypatch):
    if constants.HF_HUB_OFFLINE:  # read by the Ray workers too, started with this process's environment
        pytest.skip("reads hf:// paths from a local Hub server: run it without HF_HUB_OFFLINE=1, as tests/test_hub*.py")
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_XET", True)  # as HF_HUB_DISABLE_XET=1: plain LFS uploads
    hub = LocalHub(tmp_path / "hub").start()
    try:
        api = HfApi(endpoint=hub.url, token=TOKEN)
        api.create_repo("me/sst2-part", repo_type="dataset")
        sst2_part.to_parquet(str(tmp_path / "part.parquet"))
        api.upload_file(
            path_or_fileobj=str(tmp_path / "part.parquet"),
            path_in_repo="data/train-00000-of-00001.parquet",
            repo_id="me/sst2-part",
            repo_type="dataset",
        )
        hub_files = HfFileSystem(endpoint=hub.url, token=TOKEN)
        distributed = hfaug.augment(
            "hf://datasets/me/sst2-part/data/*.parquet", Synonym(p=0.2, seed=4), n=2, engine="ray", filesystem=hub_files
        )
    finally:
        hub.stop()
    local = hfaug.augment(sst2_part, Synonym(p=0.2, seed=4), n=2)
    assert distributed.features == local.features
    assert distributed.to_list() == local.to_list()


def test_a_wrong_column_fails_before_any_work(ray_cluster, sst2_part):
    with pytest.raises(ColumnError, match="column 'sentence' not found; the dataset has columns 'text', 'label'"):
        hfaug.augment(sst2_part, Shout(column="sentence"), engine="ray")


def test_columns_to_remove_are_left_out_as_by_the_local_engine(ray_cluster, sst2_part):
    source = sst2_part.add_column("note", ["n"] * len(sst2_part))
    local = hfaug.augment(source, Synonym(seed=3), n=2, remove_columns=["note"])
    distributed = hfaug.augment(source, Synonym(seed=3), n=2, engine="ray", remove_columns="note")
    assert "note" not in distributed.column_names and distributed.features == local.features
    assert distributed.to_list() == local.to_list()
    assert distributed._fingerprint != hfaug.augment(source, Synonym(seed=3), n=2, engine="ray")._fingerprint
    with pytest.raises(ValueError, match="remove_columns names 'nothing', which the data has not; it has columns 'text'"):
        hfaug.augment(source, Synonym(seed=3), engine="ray", remove_columns=["nothing"])
    with pytest.raises(ValueError, match="remove_columns names 'text', the column being augmented"):
        hfaug.augment(source, Synonym(seed=3), engine="ray", remove_columns=["text"])


def test_num_proc_is_not_an_option_of_the_ray_engine(sst2_part):
    with pytest.raises(TypeError, match=r"does not take num_proc \(Ray decides the parallelism: use concurrency=\)"):
        hfaug.augment(sst2_part, Shout(), engine="ray", num_proc=2)


def test_a_number_among_the_texts_is_told_by_its_row_before_ray_starts(tmp_path):
    # the local engine named the row; Ray, started first, named the column's type, Json
    (tmp_path / "mixed.jsonl").write_text('{"text": "a text"}\n{"text": 5}\n')
    mixed = load_dataset("json", data_files=str(tmp_path / "mixed.jsonl"), split="train")
    with pytest.raises(ColumnError, match=r"column 'text' holds texts but, in 1 of 2 rows, other values, .*row index 1: 5"):
        hfaug.augment(mixed, Shout(), engine="ray")


def test_an_output_folder_holding_files_is_refused_before_any_work(sst2_part, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "part-0.parquet").write_bytes(b"earlier rows")
    with pytest.raises(ValueError, match="output '.*out' already holds files, and Ray would add the new Parquet files"):
        hfaug.augment(sst2_part, Synonym(), engine="ray", output=tmp_path / "out")


def test_the_output_of_every_split_is_checked_before_any_split_is_augmented(ray_cluster, sst2_part, tmp_path):
    splits = DatasetDict({"train": sst2_part.select(range(20)), "validation": sst2_part.select(range(20, 30))})
    (tmp_path / "out" / "validation").mkdir(parents=True)
    (tmp_path / "out" / "validation" / "part-0.parquet").write_bytes(b"earlier rows")
    with pytest.raises(ValueError, match="output '.*validation' already holds files"):
        hfaug.augment(splits, Synonym(), engine="ray", splits=["train", "validation"], output=tmp_path / "out")
    assert not (tmp_path / "out" / "train").exists()


def test_stateless_augmenters_take_no_gpus(ray_cluster, sst2_part):
    with pytest.raises(ValueError, match="num_gpus applies to model augmenters only; test.shout runs no model"):
        hfaug.augment(sst2_part, Shout(), engine="ray", num_gpus=1)


def test_more_gpus_per_actor_than_the_cluster_has_are_refused(ray_cluster, sst2_part):
    message = r"num_gpus=1 asks for more GPUs per actor than the Ray cluster has \(0\), .*; pass num_gpus=0 to run"
    with pytest.raises(ValueError, match=message):
        hfaug.augment(sst2_part.select(range(20)), Placed(), engine="ray", num_gpus=1)


def test_results_of_different_ray_datasets_have_different_fingerprints(ray_cluster):
    first = hfaug.augment(ray.data.from_items([{"text": "alpha beta gamma"}]), Shout(seed=1), engine="ray")
    second = hfaug.augment(ray.data.from_items([{"text": "one two three"}]), Shout(seed=1), engine="ray")
    assert first._fingerprint != second._fingerprint


def test_results_of_rewritten_parquet_files_have_different_fingerprints(ray_cluster, sst2_part, tmp_path):
    path = str(tmp_path / "part.parquet")
    sst2_part.select(range(10)).to_parquet(path)
    first = hfaug.augment(path, Shout(seed=1), engine="ray")
    sst2_part.select(range(10, 20)).to_parquet(path)
    second = hfaug.augment(path, Shout(seed=1), engine="ray")
    assert first._fingerprint != second._fingerprint


def test_the_same_dataset_gives_the_same_fingerprint(ray_cluster, sst2_part):
    rows = sst2_part.select(range(10))
    assert hfaug.augment(rows, Shout(seed=1), engine="ray")._fingerprint == (
        hfaug.augment(rows, Shout(seed=1), engine="ray")._fingerprint
    )


@pytest.mark.parametrize("columns", [None, ["label"]], ids=["all-columns", "some-columns"])
def test_a_formatted_dataset_comes_back_in_its_format(ray_cluster, sst2_part, columns):
    rows = sst2_part.select(range(10)).with_format("numpy", columns=columns)
    local = hfaug.augment(rows, Shout(seed=1))
    distributed = hfaug.augment(rows, Shout(seed=1), engine="ray")
    assert distributed.format == local.format
    assert distributed.format["type"] == "numpy"
    assert list(distributed[0]) == list(local[0])


def test_an_unknown_engine_is_refused(sst2_part):
    with pytest.raises(ValueError, match="engine must be 'datasets' or 'ray', got 'spark'"):
        hfaug.augment(sst2_part, Shout(), engine="spark")


@pytest.mark.slow
def test_back_translation_actors_give_the_local_rows(ray_cluster, sst2_part, marian_copying):
    model = str(marian_copying)
    bt = hfaug.BackTranslate(models={"en-de": model, "de-en": model}, sample=True, seed=6)
    rows = sst2_part.select(range(24))
    local = hfaug.augment(rows, bt, n=2)
    distributed = hfaug.augment(rows, bt, n=2, engine="ray", batch_size=6, concurrency=2)
    assert distributed.features == local.features
    assert distributed.to_list() == local.to_list()
