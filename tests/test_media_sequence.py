"""Sequences of media augmenters: consecutive media steps hand decoded media on and encode once."""

from __future__ import annotations

import json

import numpy as np
import PIL.Image
import pytest
from datasets import Audio, Image

import hfaug
from hfaug import Augmented, Augmenter
from media_samples import audio_bytes, audio_dataset, image_bytes, image_dataset, open_image, read_audio, tone

ROTATE = {"op": "rotate", "degrees": 20}
BRIGHTNESS = {"op": "brightness", "factor": 0.4}
HFLIP = {"op": "hflip", "p": 1.0}
VFLIP = {"op": "vflip", "p": 1.0}
NO_OP = {"op": "hflip", "p": 0.0}  # a step to which no op applies
GAIN = {"op": "gain", "min_gain_db": -6.0, "max_gain_db": -1.0}
SHIFT = {"op": "shift", "min_shift": -0.3, "max_shift": 0.3}
SILENCING = {"op": "gain", "min_gain_db": -120.0, "max_gain_db": -120.0}


class TypeRecorder(Augmenter):
    """Leaves the value as it is and records the type it was given."""

    name = "test.type_recorder"

    def augment_batch(self, values, rngs):
        return [Augmented(value, params={"got": type(value).__name__}) for value in values]


def jpegs(count: int = 3) -> list[bytes]:
    return [image_bytes(format="JPEG", seed=seed, quality=75) for seed in range(count)]


def sounds(format: str, subtype: str) -> list[bytes]:
    return [audio_bytes(tone(frequency, seconds=0.5), format=format, subtype=subtype) for frequency in (220.0, 330.0, 440.0)]


def stored(ds, augmenter, **options) -> tuple[list[dict], list[dict]]:
    """The stored cells and the parameters of ``hfaug.augment(ds, augmenter)`` (one copy per row)."""
    out = hfaug.augment(ds, augmenter, keep_original=False, **options)
    column = "image" if "image" in out.column_names else "audio"
    cells = out.cast_column(column, Image(decode=False) if column == "image" else Audio(decode=False))[column]
    return cells, [json.loads(params) for params in out["hfaug_params"]]


def op_lists(params: list[dict]) -> list[list[dict]]:
    """The ops that applied per row, the steps of a sequence joined."""
    return [[op for step in row.get("steps", [row]) for op in step["ops"]] for row in params]


def assert_same_as_one_step(ds, steps: list[Augmenter], at_once: Augmenter) -> list[dict]:
    """``Sequential(steps)`` stores what ``at_once`` stores (the same draws, one encoding); returns its cells."""
    chained, chained_params = stored(ds, hfaug.Sequential(steps, seed=3))
    single, single_params = stored(ds, at_once.replace(seed=3))
    assert [cell["bytes"] for cell in chained] == [cell["bytes"] for cell in single]
    assert op_lists(chained_params) == op_lists(single_params)
    return chained


def test_a_jpeg_through_two_image_steps_is_encoded_once_with_its_own_quality():
    cells = assert_same_as_one_step(
        image_dataset(jpegs()),
        [hfaug.ImageAugment(ops=[ROTATE]), hfaug.ImageAugment(ops=[BRIGHTNESS])],
        hfaug.ImageAugment(ops=[ROTATE, BRIGHTNESS]),
    )
    written = open_image(cells[0])
    assert written.format == "JPEG"
    assert written.quantization == open_image({"bytes": jpegs(1)[0]}).quantization


def test_a_lossy_sound_through_two_audio_steps_is_encoded_once():
    cells = assert_same_as_one_step(
        audio_dataset(sounds("OGG", "VORBIS")),
        [hfaug.AudioAugment(ops=[GAIN]), hfaug.AudioAugment(ops=[SHIFT])],
        hfaug.AudioAugment(ops=[GAIN, SHIFT]),
    )
    assert read_audio(cells[0])[1].format == "OGG"


def test_a_16_bit_sound_is_rounded_to_16_bits_once():
    assert_same_as_one_step(
        audio_dataset(sounds("WAV", "PCM_16")),
        [hfaug.AudioAugment(ops=[GAIN]), hfaug.AudioAugment(ops=[SHIFT])],
        hfaug.AudioAugment(ops=[GAIN, SHIFT]),
    )


def test_an_earlier_steps_quality_holds_until_a_later_step_sets_its_own():
    ds = image_dataset(jpegs())
    assert_same_as_one_step(
        ds,
        [hfaug.ImageAugment(ops=[HFLIP], quality=50), hfaug.ImageAugment(ops=[ROTATE])],
        hfaug.ImageAugment(ops=[HFLIP, ROTATE], quality=50),
    )
    assert_same_as_one_step(
        ds,
        [hfaug.ImageAugment(ops=[HFLIP], quality=50), hfaug.ImageAugment(ops=[ROTATE], quality=95)],
        hfaug.ImageAugment(ops=[HFLIP, ROTATE], quality=95),
    )


def test_an_earlier_steps_format_holds_until_a_later_step_sets_its_own():
    source = jpegs(1)
    ds = image_dataset(source)
    cells = assert_same_as_one_step(
        ds,
        [hfaug.ImageAugment(ops=[HFLIP], format="PNG"), hfaug.ImageAugment(ops=[VFLIP])],
        hfaug.ImageAugment(ops=[HFLIP, VFLIP], format="PNG"),
    )
    written = open_image(cells[0])
    assert written.format == "PNG"
    assert np.array_equal(np.array(written), np.array(open_image({"bytes": source[0]}))[::-1, ::-1])
    cells = assert_same_as_one_step(
        ds,
        [hfaug.ImageAugment(ops=[HFLIP], format="PNG"), hfaug.ImageAugment(ops=[VFLIP], format="WEBP")],
        hfaug.ImageAugment(ops=[HFLIP, VFLIP], format="WEBP"),
    )
    assert open_image(cells[0]).format == "WEBP"


def test_an_earlier_audio_steps_format_holds():
    cells = assert_same_as_one_step(
        audio_dataset(sounds("WAV", "PCM_16")),
        [hfaug.AudioAugment(ops=[GAIN], format="OGG"), hfaug.AudioAugment(ops=[SHIFT])],
        hfaug.AudioAugment(ops=[GAIN, SHIFT], format="OGG"),
    )
    assert read_audio(cells[0])[1].format == "OGG"


def test_a_one_step_sequence_stores_what_its_augmenter_stores():
    assert_same_as_one_step(image_dataset(jpegs()), [hfaug.ImageAugment(ops=[ROTATE])], hfaug.ImageAugment(ops=[ROTATE]))


@pytest.mark.parametrize("batch_size, num_proc", [(1, 1), (2, 2)])
def test_a_media_sequence_is_the_same_for_any_batch_size_and_num_proc(batch_size, num_proc):
    ds = image_dataset(jpegs(4))
    aug = hfaug.Sequential([hfaug.ImageAugment(ops=[ROTATE]), hfaug.ImageAugment(ops=[BRIGHTNESS])], seed=5)
    reference = hfaug.augment(ds, aug, n=2).data.table
    assert hfaug.augment(ds, aug, n=2, batch_size=batch_size, num_proc=num_proc).data.table.equals(reference)


def test_a_step_that_is_not_a_media_augmenter_gets_the_stored_cell():
    cell = {"bytes": jpegs(1)[0], "path": None}
    recorder = TypeRecorder("image")
    aug = hfaug.Sequential([recorder, hfaug.ImageAugment(ops=[HFLIP]), recorder, hfaug.ImageAugment(ops=[VFLIP])])
    out = aug({"image": [cell]})
    steps = json.loads(out["hfaug_params"][0])["steps"]
    assert [steps[0], steps[2]] == [{"got": "dict"}, {"got": "dict"}]
    assert open_image(out["image"][0]).format == "JPEG"


def test_a_choice_that_is_not_a_media_augmenter_gets_the_stored_cell():
    cell = {"bytes": jpegs(1)[0], "path": None}
    aug = hfaug.OneOf([hfaug.ImageAugment(ops=[HFLIP]), TypeRecorder("image")], weights=[0, 1], n=2)
    out = aug({"image": [cell]})
    assert [json.loads(params) for params in out["hfaug_params"]] == [{"got": "dict"}] * 2
    assert out["image"] == [cell] * 2


def test_a_step_that_cannot_take_the_previous_steps_media_follows_on_error():
    ds = audio_dataset(sounds("WAV", "FLOAT")[:1])
    steps = [hfaug.AudioAugment(ops=[SILENCING]), hfaug.AudioAugment(ops=[SHIFT])]
    kept = hfaug.augment(ds, steps, mode="sequence", keep_original=False)
    assert kept["hfaug_augmenter"] == ["audio+audio"]
    assert "the audio is silent" in kept["hfaug_error"][0]
    raw = Audio(decode=False)
    assert kept.cast_column("audio", raw)["audio"] == ds.cast_column("audio", raw)["audio"]
    skipped = hfaug.augment(ds, hfaug.Sequential(steps, on_error="skip"), keep_original=False)
    assert len(skipped) == 0
    with pytest.raises(hfaug.InvalidValue, match="the audio is silent"):
        hfaug.augment(ds, hfaug.Sequential(steps, on_error="raise"), keep_original=False)


def test_an_rgba_image_made_jpeg_by_a_later_step_follows_on_error():
    ds = image_dataset([image_bytes(mode="RGBA")])
    steps = [hfaug.ImageAugment(ops=[HFLIP]), hfaug.ImageAugment(ops=[VFLIP], format="JPEG")]
    out = hfaug.augment(ds, steps, mode="sequence", keep_original=False)
    assert "JPEG cannot store images of mode 'RGBA'" in out["hfaug_error"][0]
    assert isinstance(out["image"][0], PIL.Image.Image)


def test_a_step_to_which_no_op_applied_hands_the_image_on_and_is_not_named():
    flips = [hfaug.ImageAugment(ops=[{"op": "hflip", "p": 0.5}]), hfaug.ImageAugment(ops=[{"op": "vflip", "p": 0.5}])]
    out = hfaug.augment(image_dataset(jpegs()), hfaug.Sequential(flips, seed=1), n=4, keep_original=False)
    assert 0 < len(out) < 12  # a copy that no step changed is dropped
    for name, params in zip(out["hfaug_augmenter"], out["hfaug_params"]):
        steps = json.loads(params)["steps"]
        assert len(steps) == len(name.split("+")) and all(step["ops"] for step in steps)



@pytest.mark.parametrize("no_op_first", [True, False])
def test_a_sequence_with_a_step_that_applied_no_op_stores_what_the_other_step_stores(no_op_first):
    steps = [hfaug.ImageAugment(ops=[NO_OP]), hfaug.ImageAugment(ops=[HFLIP])]
    chained, params = stored(image_dataset(jpegs()), hfaug.Sequential(steps if no_op_first else steps[::-1], seed=3))
    single, _ = stored(image_dataset(jpegs()), hfaug.ImageAugment(ops=[HFLIP], seed=3))
    assert [cell["bytes"] for cell in chained] == [cell["bytes"] for cell in single]
    assert params == [{"steps": [{"ops": [{"op": "hflip"}]}]}] * 3


def test_a_sound_whose_last_step_applied_no_op_is_encoded_as_the_first_step_left_it():
    steps = [hfaug.AudioAugment(ops=[GAIN]), hfaug.AudioAugment(ops=[{"op": "gain", "p": 0.0}])]
    chained, _ = stored(audio_dataset(sounds("WAV", "PCM_16")), hfaug.Sequential(steps, seed=3))
    single, _ = stored(audio_dataset(sounds("WAV", "PCM_16")), hfaug.AudioAugment(ops=[GAIN], seed=3))
    assert [cell["bytes"] for cell in chained] == [cell["bytes"] for cell in single]


def test_a_steps_format_holds_even_where_it_applied_no_op():
    steps = [hfaug.ImageAugment(ops=[NO_OP], format="PNG"), hfaug.ImageAugment(ops=[VFLIP])]
    cells, _ = stored(image_dataset(jpegs(1)), hfaug.Sequential(steps))
    assert open_image(cells[0]).format == "PNG"
