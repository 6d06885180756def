"""Row-keyed randomness: per-row generators and vectorised uniform draws."""

from __future__ import annotations

import gc

import numpy as np
import pytest

import hfaug
from hfaug.augmenter import collection_paused
from hfaug.seeding import RowRandomness, row_rng, stable_hash, uniforms, value_bytes

ROWS = [(stable_hash(f"row {i}".encode()), copy) for i in range(5) for copy in (1, 2)]


def test_uniforms_of_a_row_do_not_depend_on_the_other_rows_of_the_batch():
    together = RowRandomness(3, ROWS).uniforms([4] * len(ROWS))
    alone = [RowRandomness(3, [row]).uniforms([4])[0] for row in ROWS]
    assert together == alone
    assert RowRandomness(3, ROWS[::-1]).uniforms([4] * len(ROWS)) == together[::-1]


def test_uniforms_continue_each_rows_stream_across_calls():
    once = RowRandomness(3, ROWS[:2]).uniforms([5, 3])
    twice = RowRandomness(3, ROWS[:2])
    first, second = twice.uniforms([2, 0]), twice.uniforms([3, 3])
    assert [a + b for a, b in zip(first, second)] == once


def test_uniforms_differ_by_seed_copy_and_row_and_lie_in_the_unit_interval():
    draws = RowRandomness(3, ROWS).uniforms([200] * len(ROWS))
    assert len({tuple(row) for row in draws}) == len(ROWS)
    assert RowRandomness(4, ROWS).uniforms([200] * len(ROWS)) != draws
    flat = np.array(draws).ravel()
    assert 0.0 <= flat.min() and flat.max() < 1.0
    assert abs(flat.mean() - 0.5) < 0.02


def test_exact_uniforms_for_a_fixed_seed():
    draws = RowRandomness(7, [(stable_hash(b"sabc"), 1)]).uniforms([3])[0]
    assert [round(draw, 12) for draw in draws] == [0.265102149731, 0.609044030726, 0.884356024486]


def test_the_bytes_of_a_dict_do_not_depend_on_its_key_order():
    assert value_bytes({"b": 1, "a": [2, "x"]}) == value_bytes({"a": [2, "x"], "b": 1})


def test_indexing_gives_the_row_generator_once_per_row():
    rngs = RowRandomness(3, ROWS)
    assert rngs[1] is rngs[1]
    reference = row_rng(3, *ROWS[1])
    assert rngs[1].random(3).tolist() == reference.random(3).tolist()
    assert rngs[1].random(2).tolist() == reference.random(2).tolist()  # the same generator, advanced
    assert RowRandomness(3, ROWS)[-1].random(3).tolist() == row_rng(3, *ROWS[-1]).random(3).tolist()
    assert [rng.copy for rng in rngs[:3]] == [1, 2, 1]
    with pytest.raises(IndexError):
        rngs[len(ROWS)]


def test_a_batchs_generators_start_where_row_rng_starts_them_for_any_seed_key_and_copy():
    # The batch works out every row's SeedSequence state at once: keys, seeds and copies of one to seven words of
    # entropy in all (a key's leading zero words are left out) give the same generators as one row at a time.
    keys = [stable_hash(b"a"), "0" * 32, "0" * 24 + "deadbeef", "0" * 8 + "f" * 24, "f" * 32]
    rows = [(key, copy) for key in keys for copy in (1, 4, 2**32 + 5)]
    for seed in (0, 3, 2**32, 2**64 - 1):
        rngs = RowRandomness(seed, rows)
        for index, row in enumerate(rows):
            assert rngs[index].bit_generator.state == row_rng(seed, *row).bit_generator.state
    assert rngs[0].spawn(1)[0].random() == row_rng(2**64 - 1, *rows[0]).spawn(1)[0].random()


def test_uniforms_from_plain_generators_draw_from_each():
    generators = [np.random.default_rng(seed) for seed in (1, 2)]
    assert uniforms(generators, [2, 1]) == [
        np.random.default_rng(1).random(2).tolist(),
        np.random.default_rng(2).random(1).tolist(),
    ]


def test_uniforms_want_one_count_per_row():
    with pytest.raises(ValueError, match="got 2 counts for 10 rows"):
        RowRandomness(3, ROWS).uniforms([1, 1])


def test_collector_is_paused_during_a_batch_and_restored_after_it():
    seen = []

    class Probe(hfaug.Augmenter):
        name = "probe"

        def augment_batch(self, values, rngs):
            seen.append(gc.isenabled())
            if values[0] == "fail":
                raise RuntimeError("boom")
            return values

    Probe("text")({"text": ["a"]})
    assert seen == [False] and gc.isenabled()
    with pytest.raises(RuntimeError, match="boom"):
        Probe("text", on_error="raise")({"text": ["fail"]})
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
