"""Model augmenters on several GPUs: rank -> device mapping, with_rank, the spawn start method.

There is no GPU in the test environment: the mapping logic is checked directly, and the
multi-process path runs on CPU (fork, and spawn in a slow test).
"""

from __future__ import annotations

import pickle

import multiprocess
import pytest
from datasets.fingerprint import Hasher

import hfaug
from hfaug import devices
from hfaug.devices import RankedAugmenter, device_for_rank, map_function, model_augmenters, needed_start_method, on_device
from scale_augmenters import Placed
from toy_augmenters import Shout


def test_ranks_cycle_over_the_gpus():
    assert [device_for_rank(rank, 2) for rank in range(5)] == ["cuda:0", "cuda:1", "cuda:0", "cuda:1", "cuda:0"]


@pytest.mark.parametrize(("rank", "device_count"), [(None, 4), (0, 0), (3, 0)])
def test_without_rank_or_gpus_the_augmenter_chooses_its_device(rank, device_count):
    assert device_for_rank(rank, device_count) is None


def test_a_negative_rank_is_refused():
    with pytest.raises(ValueError, match="rank must be >= 0, got -1"):
        device_for_rank(-1, 2)


def test_model_augmenters_are_those_taking_a_device():
    composite = hfaug.OneOf([Shout(), Placed()])
    assert model_augmenters(Shout()) == []
    assert model_augmenters(composite) == [Placed()]


def test_an_unpinned_model_augmenter_moves_to_the_rank_device():
    assert on_device(Placed(), device_for_rank(3, 2)).device == "cuda:1"


def test_an_explicit_device_is_kept():
    assert on_device(Placed(device="cpu"), "cuda:1").device == "cpu"


def test_stateless_augmenters_are_left_as_they_are():
    shout = Shout()
    assert on_device(shout, "cuda:0") is shout


def test_model_augmenters_inside_a_composite_move_too():
    placed = on_device(hfaug.OneOf([Shout(p=0.2), Placed()], n=2), "cuda:1")
    assert [child.config().get("device", "-") for child in placed.children] == ["-", "cuda:1"]
    assert placed.children[0] == Shout(p=0.2)


def test_several_processes_of_a_model_augmenter_map_with_rank():
    assert map_function(Placed(), {"num_proc": 2, "batched": True}) == (
        Placed(),
        {"num_proc": 2, "batched": True, "with_rank": True},
    )


@pytest.mark.parametrize(
    ("augmenter", "kwargs"),
    [(Shout(), {"num_proc": 2}), (Placed(), {"num_proc": 1}), (Placed(), {"num_proc": 2, "with_rank": False})],
)
def test_otherwise_the_augmenter_is_mapped_as_it_is(augmenter, kwargs):
    assert map_function(augmenter, kwargs) == (augmenter, kwargs)


def test_each_rank_gets_its_placement_once():
    ranked = RankedAugmenter(Placed())
    assert ranked.for_rank(1) is ranked.for_rank(1)
    assert ranked.for_rank(1) == Placed()  # no GPU here: the augmenter keeps choosing its device


def test_an_augmenter_called_with_a_rank_transforms_the_batch():
    batch = {"text": ["a quiet and lovely film"], "label": [1]}
    assert Placed(seed=2)(batch, 0) == Placed(seed=2)(batch)


@pytest.mark.parametrize(
    ("augmenter", "num_proc", "cuda", "expected"),
    [
        (Placed(), 2, True, "spawn"),
        (hfaug.OneOf([Shout(), Placed()]), 4, True, "spawn"),
        (Placed(), 2, False, None),
        (Placed(), 1, True, None),
        (Placed(), None, True, None),
        (Shout(), 2, True, None),
    ],
)
def test_spawn_only_for_model_augmenters_in_several_processes_with_cuda(augmenter, num_proc, cuda, expected):
    assert needed_start_method(augmenter, num_proc, cuda_available=cuda) == expected


def test_the_start_method_is_restored_after_the_map():
    before = multiprocess.get_start_method(allow_none=True)
    with devices.start_method("spawn"):
        assert multiprocess.get_start_method() == "spawn"
    assert multiprocess.get_start_method(allow_none=True) == before


def test_an_augmenter_placed_for_a_rank_still_pickles_as_its_configuration():
    placed = Placed(seed=3)
    placed({"text": ["a quiet film"]}, 0)  # per-process placement, never pickled
    assert pickle.loads(pickle.dumps(placed)) == Placed(seed=3)
    assert Hasher.hash(placed) == Hasher.hash(Placed(seed=3))


def test_two_processes_with_rank_give_the_single_process_rows(sst2_small):
    single = hfaug.augment(sst2_small, Placed(seed=5), n=2)
    double = hfaug.augment(sst2_small, Placed(seed=5), n=2, num_proc=2)
    assert double.to_list() == single.to_list()


@pytest.mark.slow
def test_spawned_processes_give_the_single_process_rows(sst2_small):
    single = hfaug.augment(sst2_small, Placed(seed=5), n=2)
    with devices.start_method("spawn"):
        spawned = sst2_small.map(
            Placed(seed=5, n=2, keep_original=True),
            batched=True,
            with_rank=True,
            num_proc=2,
            load_from_cache_file=False,
        )
    assert spawned.to_list() == single.to_list()


@pytest.mark.slow
def test_back_translation_in_two_processes_gives_the_single_process_rows(sst2_small, marian_copying):
    model = str(marian_copying)
    bt = hfaug.BackTranslate(models={"en-de": model, "de-en": model}, sample=True, seed=6)
    single = hfaug.augment(sst2_small, bt, n=2)
    assert hfaug.augment(sst2_small, bt, n=2, num_proc=2).to_list() == single.to_list()
