"""OnTheFly: augmenters as set_transform / with_transform functions with per-epoch randomness."""

from __future__ import annotations

import io
import logging
import pickle

import numpy as np
import PIL.Image
import pytest
import torch
from datasets import Audio, Dataset, DatasetDict, Image, IterableDataset

import hfaug
from media_samples import RATE, audio_bytes, audio_dataset, image_bytes, image_dataset, tone
from toy_augmenters import Shout

IMAGE_OPS = [{"op": "rotate", "degrees": 30}, "brightness", "hflip"]
HFLIP, VFLIP = {"op": "hflip", "p": 1.0}, {"op": "vflip", "p": 1.0}


def pixels(rows) -> list[np.ndarray]:
    return [np.array(image) for image in rows]


@pytest.fixture
def images():
    return image_dataset([image_bytes("RGB", "PNG", seed=seed) for seed in range(4)] + [image_bytes("RGBA", "PNG")])


def test_each_epoch_is_fresh_and_replaying_an_epoch_is_identical(images):
    otf = hfaug.OnTheFly(hfaug.ImageAugment(ops=IMAGE_OPS, seed=3))
    images.set_transform(otf)
    epoch0 = pixels(images["image"])
    otf.set_epoch(1)
    epoch1 = pixels(images["image"])
    otf.set_epoch(0)
    assert all(np.array_equal(a, b) for a, b in zip(epoch0, pixels(images["image"])))
    assert not any(np.array_equal(a, b) for a, b in zip(epoch0, epoch1))


def test_rows_do_not_depend_on_how_they_are_read(images):
    ds = images.with_transform(hfaug.OnTheFly(hfaug.ImageAugment(ops=IMAGE_OPS, seed=3), epoch=2))
    whole = pixels(ds["image"])
    one_by_one = [np.array(ds[index]["image"]) for index in reversed(range(len(ds)))][::-1]
    assert all(np.array_equal(a, b) for a, b in zip(whole, one_by_one))


def test_images_come_back_decoded_in_their_mode_with_other_columns(images):
    rows = images.with_transform(hfaug.OnTheFly(hfaug.ImageAugment(ops=IMAGE_OPS)))[:]
    assert all(isinstance(image, PIL.Image.Image) for image in rows["image"])
    assert [image.mode for image in rows["image"]] == ["RGB"] * 4 + ["RGBA"]
    assert rows["label"] == [0, 1, 2, 3, 4]
    assert "hfaug_params" not in rows


def test_epoch_e_matches_copy_e_plus_1_of_map_mode(images):
    aug = hfaug.ImageAugment(ops=IMAGE_OPS, seed=5)
    mapped = images.map(aug.replace(n=3), batched=True)  # PNG: lossless, so pixels compare exactly
    otf = hfaug.OnTheFly(aug, epoch=2)
    on_the_fly = pixels(images.with_transform(otf)["image"])
    third_copies = pixels(mapped.filter(lambda row: row["hfaug_copy"] == 3)["image"])
    assert all(np.array_equal(a, b) for a, b in zip(on_the_fly, third_copies))


@pytest.mark.parametrize(
    "aug",
    [
        hfaug.Sequential([hfaug.ImageAugment(ops=[HFLIP]), hfaug.ImageAugment(ops=[VFLIP])], seed=2),
        hfaug.Sequential([hfaug.OneOf([hfaug.ImageAugment(ops=[HFLIP])]), hfaug.ImageAugment(ops=[VFLIP])], seed=2),
    ],
)
def test_a_composite_of_image_augmenters_gives_decoded_images(images, aug):
    rows = images.with_transform(hfaug.OnTheFly(aug))[:]
    assert all(isinstance(image, PIL.Image.Image) for image in rows["image"])
    assert [image.mode for image in rows["image"]] == ["RGB"] * 4 + ["RGBA"]
    for image, source in zip(rows["image"], images["image"]):
        np.testing.assert_array_equal(np.array(image), np.array(source)[::-1, ::-1])  # flipped both ways
    mapped = images.map(aug, batched=True)  # PNG: lossless, so map mode's copy 1 is epoch 0
    assert all(np.array_equal(a, b) for a, b in zip(pixels(rows["image"]), pixels(mapped["image"])))


def test_a_composite_of_audio_augmenters_gives_arrays_and_keeps_bad_rows_decoded():
    ds = audio_dataset([audio_bytes(tone()), audio_bytes(np.zeros(RATE, np.float32))], sampling_rate=8000)
    aug = hfaug.OneOf([hfaug.AudioAugment(ops=["gain"]), hfaug.AudioAugment(ops=["gaussian_noise"])])
    rows = ds.with_transform(hfaug.OnTheFly(aug))[:]["audio"]
    assert [sorted(row) for row in rows] == [["array", "sampling_rate"]] * 2
    assert [row["array"].shape for row in rows] == [(8000,), (8000,)]
    np.testing.assert_array_equal(rows[1]["array"], np.zeros(8000, np.float32))  # silent: returned unaugmented


def test_audio_comes_back_as_arrays_at_the_features_sampling_rate():
    ds = audio_dataset([audio_bytes(tone()), audio_bytes(np.stack([tone(), tone(660)]))], sampling_rate=8000)
    rows = ds.with_transform(hfaug.OnTheFly(hfaug.AudioAugment(ops=["gain", "gaussian_noise"])))[:]
    assert [row["sampling_rate"] for row in rows["audio"]] == [8000, 8000]
    assert [row["array"].shape for row in rows["audio"]] == [(8000,), (2, 8000)]
    assert all(np.isfinite(row["array"]).all() for row in rows["audio"])


def test_a_bad_row_is_returned_unchanged_and_logged(caplog):
    ds = audio_dataset([audio_bytes(tone()), audio_bytes(np.zeros(RATE, np.float32))])
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        rows = ds.with_transform(hfaug.OnTheFly(hfaug.AudioAugment(ops=["gain"])))[:]
    np.testing.assert_array_equal(rows["audio"][1]["array"], np.zeros(RATE, np.float32))
    assert "returned unchanged (epoch 0): the audio is silent" in caplog.text


def test_bad_rows_are_warned_of_once_per_reason_naming_the_first_row_and_logged_at_debug_after(caplog):
    ds = Dataset.from_dict({"text": ["the film was good", None, " ", None], "label": [0, 1, 0, 1]})
    aug = hfaug.RandomSwap(seed=1)
    source_ids = ds.map(aug, batched=True)["hfaug_source_id"]  # map mode names the rows so
    otf = hfaug.OnTheFly(aug)
    ds.set_transform(otf)
    with caplog.at_level(logging.DEBUG, logger="hfaug"):
        for epoch in range(2):
            otf.set_epoch(epoch)
            ds[:]
    further = "further rows returned unchanged for this reason are logged at DEBUG"
    blank = "the text is empty or whitespace only"
    assert [(record.levelno, record.getMessage()) for record in caplog.records] == [
        (logging.WARNING, f"eda.swap: row {source_ids[1]} returned unchanged (epoch 0): the text is None; {further}"),
        (logging.WARNING, f"eda.swap: row {source_ids[2]} returned unchanged (epoch 0): {blank}; {further}"),
        (logging.DEBUG, "eda.swap: row returned unchanged (epoch 0): the text is None"),
        (logging.DEBUG, "eda.swap: row returned unchanged (epoch 1): the text is None"),
        (logging.DEBUG, f"eda.swap: row returned unchanged (epoch 1): {blank}"),
        (logging.DEBUG, "eda.swap: row returned unchanged (epoch 1): the text is None"),
    ]


def test_reasons_that_differ_only_in_their_numbers_are_warned_of_once(caplog):
    # "cannot decode the image (N bytes)" told each corrupt file's size: every corrupt row was warned of
    cells = [{"bytes": b"not an image" + b"!" * size, "path": None} for size in range(5)]
    ds = Dataset.from_dict({"image": cells}).cast_column("image", Image(decode=False))
    otf = hfaug.OnTheFly(hfaug.ImageAugment(ops=["hflip"]))
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        ds.with_transform(otf)[:]
    reasons = [record.getMessage() for record in caplog.records if "returned unchanged" in record.getMessage()]
    assert len(reasons) == 1 and "cannot decode the image (12 bytes)" in reasons[0]


def test_mapping_a_dataset_read_through_the_transform_warns_once_that_the_result_keeps_it(caplog):
    ds = Dataset.from_dict({"text": ["a good film", "a bad movie"]})
    ds.set_transform(hfaug.OnTheFly(Shout(p=1.0)))
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        mapped = ds.map(lambda row: row)
        ds.select([1, 0]).flatten_indices()
    [message] = [record.getMessage() for record in caplog.records]
    assert message.startswith("OnTheFly(test.shout): Dataset.map reads this dataset through the transform")
    assert "call .reset_format() on the result before reading it" in message
    assert mapped.with_format(None)["text"] == ["A GOOD FILM", "A BAD MOVIE"]


def test_reading_filtering_or_mapping_the_transform_itself_does_not_warn(caplog):
    ds = Dataset.from_dict({"text": ["a good film", "a bad movie"]})
    otf = hfaug.OnTheFly(Shout())
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        ds.with_transform(otf)[:]
        ds.with_transform(otf).filter(lambda row: True)
        ds.map(otf, batched=True)
    assert caplog.records == []


def test_a_text_with_nothing_to_change_is_returned_as_it_is_without_a_warning(caplog):
    ds = Dataset.from_dict({"text": ["hello", "the cat sat on the mat"]})
    with caplog.at_level(logging.DEBUG, logger="hfaug"):
        rows = ds.with_transform(hfaug.OnTheFly(hfaug.RandomSwap(seed=2)))[:]["text"]
    assert rows[0] == "hello" and rows[1] != "the cat sat on the mat"
    [record] = caplog.records
    assert record.levelno == logging.DEBUG
    assert record.getMessage() == "eda.swap: row returned unchanged (epoch 0): dropped: fewer than two words can be swapped"


def test_rows_failing_the_audio_checks_come_back_decoded_like_the_others():
    clipped = np.clip(tone() * 10, -1, 1)
    ds = audio_dataset([audio_bytes(tone()), audio_bytes(np.zeros(RATE, np.float32)), audio_bytes(clipped)])
    rows = ds.with_transform(hfaug.OnTheFly(hfaug.AudioAugment(ops=["gain"])))[:]["audio"]
    assert [sorted(row) for row in rows] == [["array", "sampling_rate"]] * 3
    np.testing.assert_array_equal(rows[2]["array"], ds[2]["audio"].get_all_samples().data.numpy()[0])


def test_an_unreadable_row_comes_back_as_stored():
    ds = audio_dataset([audio_bytes(tone()), b"RIFF" + b"\0" * 100], decode=False)
    rows = ds.with_transform(hfaug.OnTheFly(hfaug.AudioAugment(ops=["gain"])))[:]["audio"]
    assert sorted(rows[0]) == ["array", "sampling_rate"]
    assert rows[1] == {"bytes": b"RIFF" + b"\0" * 100, "path": None}


def test_an_image_of_an_unsupported_mode_comes_back_decoded_like_the_others():
    sixteen_bit = io.BytesIO()
    PIL.Image.fromarray(np.full((6, 8), 1000, np.uint16)).save(sixteen_bit, "PNG")
    ds = image_dataset([image_bytes(), sixteen_bit.getvalue()], decode=False)
    rows = ds.with_transform(hfaug.OnTheFly(hfaug.ImageAugment(ops=["hflip"])))[:]["image"]
    assert all(isinstance(image, PIL.Image.Image) for image in rows)
    assert [image.mode for image in rows] == ["RGB", "I;16"]


def test_an_undecoded_audio_column_is_decoded_as_its_feature_asks_given_the_features():
    stereo = audio_bytes(np.stack([tone(rate=44100), tone(660, rate=44100)]), rate=44100)
    feature = {"sampling_rate": 16000, "num_channels": 1}
    ds = audio_dataset([stereo, b"RIFF" + b"\0" * 100], decode=False, **feature)
    aug = hfaug.AudioAugment(ops=["gain"])
    otf = pickle.loads(pickle.dumps(hfaug.OnTheFly(aug, features=ds.features)))  # as DataLoader workers get it
    rows = ds.with_transform(otf)[:]["audio"]
    assert (rows[0]["sampling_rate"], rows[0]["array"].shape) == (16000, (16000,))
    decoded = audio_dataset([stereo], **feature).with_transform(hfaug.OnTheFly(aug))[0]["audio"]
    np.testing.assert_array_equal(rows[0]["array"], decoded["array"])  # as datasets decodes the column
    assert rows[1] == {"bytes": b"RIFF" + b"\0" * 100, "path": None}  # unreadable: as stored


def test_an_undecoded_image_column_is_decoded_in_its_features_mode_given_the_features():
    ds = image_dataset([image_bytes("RGB")], decode=False).cast_column("image", Image(mode="L", decode=False))
    rows = ds.with_transform(hfaug.OnTheFly(hfaug.ImageAugment(ops=["hflip"]), features=ds.features))[:]["image"]
    assert rows[0].mode == "L"


def test_an_undecoded_column_without_the_features_is_decoded_as_stored_and_says_so_once(caplog):
    ds = audio_dataset([audio_bytes(tone(rate=44100), rate=44100)] * 2, decode=False, sampling_rate=16000)
    otf = hfaug.OnTheFly(hfaug.AudioAugment(ops=["gain"]))
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        rows = ds.with_transform(otf)[:]["audio"] + ds.with_transform(otf)[:]["audio"]
    assert [row["sampling_rate"] for row in rows] == [44100] * 4
    [record] = caplog.records
    assert record.getMessage() == (
        "audio: column 'audio' is not decoded (decode=False), so its cells are decoded as they are stored; pass "
        "features=ds.features to OnTheFly to decode them as the column's feature asks (sampling_rate, num_channels, mode)"
    )


def test_features_of_another_type_are_refused_before_any_work():
    with pytest.raises(hfaug.ColumnError, match="column 'audio' holds Audio.*not images"):
        hfaug.OnTheFly(hfaug.ImageAugment(ops=["hflip"], column="audio"), features=audio_dataset([audio_bytes(tone())]).features)


def test_a_bad_row_raises_with_on_error_raise():
    ds = audio_dataset([audio_bytes(np.zeros(RATE, np.float32))])
    with pytest.raises(hfaug.InvalidValue, match="cannot augment column 'audio' on the fly: the audio is silent"):  # no value shown for media
        ds.with_transform(hfaug.OnTheFly(hfaug.AudioAugment(ops=["gain"], on_error="raise")))[0]


def test_a_bad_text_raises_on_the_fly_showing_the_text():
    ds = Dataset.from_dict({"text": ["   "]})
    with pytest.raises(hfaug.InvalidValue) as caught:
        ds.with_transform(hfaug.OnTheFly(Shout(on_error="raise")))[0]
    assert str(caught.value).startswith("test.shout: cannot augment column 'text' on the fly (value '   '): the text is")


@pytest.mark.parametrize("format_type", ["numpy", "pandas", "arrow"])
def test_a_formatted_stream_is_refused_saying_to_format_after_the_transform(format_type):
    stream = Dataset.from_dict({"text": ["the film was good", "a bad movie"], "label": [0, 1]}).to_iterable_dataset()
    with pytest.raises(hfaug.ColumnError) as caught:
        list(stream.with_format(format_type).map(hfaug.OnTheFly(Shout()), batched=True))
    assert "augmenters read plain Python values. Apply the format after the transform: " in str(caught.value)


def test_a_torch_formatted_stream_of_images_of_several_sizes_is_refused():
    cells = [image_bytes(seed=0), image_bytes(seed=1, size=(32, 24))]
    stream = image_dataset(cells).to_iterable_dataset().with_format("torch")
    with pytest.raises(hfaug.ColumnError, match="got a torch.Tensor, .* Apply the format after the transform"):
        list(stream.map(hfaug.OnTheFly(hfaug.ImageAugment(ops=["hflip"])), batched=True))


def test_a_numpy_formatted_image_stream_is_refused():
    stream = image_dataset([image_bytes(seed=seed) for seed in range(3)]).to_iterable_dataset().with_format("numpy")
    with pytest.raises(hfaug.ColumnError, match="got a numpy.ndarray, .* Apply the format after the transform"):
        list(stream.map(hfaug.OnTheFly(hfaug.ImageAugment(ops=["hflip"])), batched=True))


def test_a_stream_formatted_with_its_texts_as_texts_is_augmented_and_keeps_its_tensors():
    stream = Dataset.from_dict({"text": ["the film", "a movie"], "label": [0, 1]}).to_iterable_dataset()
    rows = list(stream.with_format("torch").map(hfaug.OnTheFly(Shout(p=1.0)), batched=True))
    assert [row["text"] for row in rows] == ["THE FILM", "A MOVIE"]
    assert [row["label"] for row in rows] == [torch.tensor(0), torch.tensor(1)]


def test_arrays_in_other_columns_of_a_stream_are_carried_as_they_are():
    def rows():
        yield from ({"text": text, "label": np.int64(label)} for label, text in enumerate(["the film", "a movie"]))

    stream = IterableDataset.from_generator(rows)
    assert [row["text"] for row in stream.map(hfaug.OnTheFly(Shout(p=1.0)))] == ["THE FILM", "A MOVIE"]


def test_features_are_checked_for_the_column_only():
    ds = Dataset.from_dict({"text": ["the film was good"], "hfaug_source_id": ["a1"]})  # kept from an earlier map
    otf = hfaug.OnTheFly(Shout(p=1.0), features=ds.features)
    assert ds.with_transform(otf)[0]["text"] == "THE FILM WAS GOOD"


@pytest.mark.parametrize("wrong", ["dataset", "dict"])
def test_a_dataset_given_for_features_or_rows_is_refused_naming_the_right_call(wrong):
    ds = Dataset.from_dict({"text": ["the film was good"]})
    given = ds if wrong == "dataset" else DatasetDict(train=ds)
    with pytest.raises(TypeError, match=rf"^OnTheFly\(test.shout\): features must be the dataset's features \(features=ds.features\), got a {type(given).__name__}$"):
        hfaug.OnTheFly(Shout(), features=given)
    with pytest.raises(TypeError, match=rf"^OnTheFly\(test.shout\) is a transform of rows, got a {type(given).__name__}; set it on the dataset"):
        hfaug.OnTheFly(Shout())(given)


def test_text_augmenters_work_on_the_fly_too():
    ds = Dataset.from_dict({"text": ["a quiet pump", "the motor hums loudly today"], "label": [0, 1]})
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    first = list(ds.with_transform(otf)["text"])
    otf.set_epoch(1)
    assert list(ds.with_transform(otf)["text"]) != first
    assert [text.lower() for text in first] == ds["text"]


@pytest.mark.parametrize(
    ("augmenter", "variants"),
    [(hfaug.BackTranslate(), 1), (hfaug.BackTranslate(pivots=["de", "fr"], num_beams=2), 4)],
)
def test_epochs_past_the_distinct_variants_an_augmenter_makes_are_warned_of_once(caplog, augmenter, variants):
    otf = hfaug.OnTheFly(augmenter)
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        for epoch in range(variants + 2):
            otf.set_epoch(epoch)
    [record] = caplog.records
    assert record.getMessage() == (
        f"OnTheFly(backtranslate): epoch {variants} asks for variant {variants + 1} of each row, but the augmenter "
        f"makes at most {variants} distinct variants, so from epoch {variants} on rows come back unchanged; "
        "pass sample=True, or more num_beams or pivots"
    )


@pytest.mark.parametrize("augmenter", [hfaug.BackTranslate(sample=True), Shout(p=0.5)])
def test_augmenters_without_a_limit_on_variants_are_not_warned_of(caplog, augmenter):
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        hfaug.OnTheFly(augmenter, epoch=50)
    assert not caplog.records


def test_an_augmenter_can_be_named_as_in_recipes():
    ds = Dataset.from_dict({"text": ["a quiet pump", "the motor hums loudly today"], "label": [0, 1]})
    by_name = ds.with_transform(hfaug.OnTheFly({"name": "test.shout", "p": 0.5, "seed": 1}))
    assert list(by_name["text"]) == list(ds.with_transform(hfaug.OnTheFly(Shout(p=0.5, seed=1)))["text"])
    with pytest.raises(TypeError, match="expected an hfaug augmenter, a registry name such as 'synonym', or a dict"):
        hfaug.OnTheFly(42)


@pytest.mark.parametrize(
    ("augmenter", "message"),
    [
        (hfaug.ImageAugment(ops=["hflip"], n=2), "n must be 1 and keep_original False"),
        (hfaug.ImageAugment(ops=["hflip"], keep_original=True), "n must be 1 and keep_original False"),
        (
            hfaug.ImageAugment(ops=["hflip"], on_error="skip"),
            r"OnTheFly\(image\): on_error='skip' would drop rows, which a transform cannot",
        ),
    ],
)
def test_settings_that_change_the_row_count_are_refused(augmenter, message):
    with pytest.raises(ValueError, match=message):
        hfaug.OnTheFly(augmenter)


@pytest.mark.parametrize("epoch", [-1, 1.5, True, "2"])
def test_epoch_must_be_a_non_negative_integer(epoch):
    with pytest.raises(ValueError, match=f"epoch must be a non-negative integer, got {epoch!r}"):
        hfaug.OnTheFly(hfaug.ImageAugment(ops=["hflip"]), epoch=epoch)


def test_numpy_and_torch_integers_are_epochs():
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    otf.set_epoch(np.int64(3))
    assert type(otf.epoch) is int and otf.epoch == 3
    otf.set_epoch(torch.tensor(2))
    assert otf.epoch == 2


def test_one_example_at_a_time_is_augmented_as_in_a_batch():
    ds = Dataset.from_dict({"text": ["a quiet pump", "the motor hums loudly today"], "label": [0, 1]})
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1), epoch=1)
    assert ds.map(otf).to_list() == ds.map(otf, batched=True).to_list() == list(ds.with_transform(otf))
    assert list(ds.to_iterable_dataset().map(otf)) == list(ds.with_transform(otf))


def test_datasets_derived_by_renaming_keep_following_the_epoch():
    ds = Dataset.from_dict({"text": ["a quiet pump", "the motor hums loudly today"], "label": [0, 1]})
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    renamed = ds.with_transform(otf).rename_column("label", "labels").flatten()
    epoch_0 = list(renamed["text"])
    otf.set_epoch(1)
    assert list(renamed["text"]) == list(ds.with_transform(otf)["text"]) != epoch_0


def test_pickles_with_its_epoch_and_names_a_missing_column():
    otf = pickle.loads(pickle.dumps(hfaug.OnTheFly(hfaug.ImageAugment(ops=["hflip"], column="photo"), epoch=4)))
    assert (otf.epoch, otf.augmenter) == (4, hfaug.ImageAugment(ops=["hflip"], column="photo"))
    with pytest.raises(
        hfaug.ColumnError,
        match=r"column 'photo' not found; the transform received columns 'image', 'label'\. Pass column=<the column "
        r"to augment> to the augmenter; under transformers\.Trainer, pass remove_unused_columns=False",
    ):
        image_dataset([image_bytes()]).with_transform(otf)[0]


def test_audio_feature_decoding_is_not_changed():
    ds = audio_dataset([audio_bytes(tone())])
    ds.with_transform(hfaug.OnTheFly(hfaug.AudioAugment(ops=["gain"])))[0]
    assert ds.features["audio"] == Audio()


def test_a_column_that_holds_no_text_is_refused_as_in_map_mode():
    ds = Dataset.from_dict({"sentence": ["the film was good", "a bad movie"], "text": [101, 102]})
    read_through_the_transform = (
        "test.shout: column 'text' holds no value it can augment (expected a string, got int); the dataset has columns "
        "'sentence', 'text'. Pass column=<the column to augment>."
    )
    mapped_knowing_the_features = (
        "test.shout: column 'text' holds Value('int64'), not text. The dataset has columns 'sentence', 'text'; "
        "test.shout can augment 'sentence': pass column='sentence'."
    )
    for augment, message in [
        (lambda: ds.with_transform(hfaug.OnTheFly(Shout()))[:], read_through_the_transform),
        (lambda: ds.map(Shout(), batched=True), mapped_knowing_the_features),
    ]:
        with pytest.raises(hfaug.ColumnError) as caught:
            augment()
        assert str(caught.value) == message


@pytest.mark.parametrize("other", [7, np.float64("nan")], ids=["int", "numpy-scalar"])
def test_one_value_of_another_type_in_a_stream_without_features_is_kept_as_it_is(caplog, other):
    def rows():
        yield from ({"text": text} for text in [other, "the film was good", "a bad movie", "so dull"])

    stream = IterableDataset.from_generator(rows)
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        texts = [row["text"] for row in stream.map(hfaug.OnTheFly(Shout(p=1.0)), batched=True, batch_size=2)]
    assert texts[1:] == ["THE FILM WAS GOOD", "A BAD MOVIE", "SO DULL"]
    assert texts[0] is other or (texts[0] != texts[0] and other != other)  # kept as it is (NaN is not itself)
    assert f"expected a string, got {type(other).__name__}" in caplog.text


def test_an_example_whose_every_column_holds_a_list_is_refused_on_the_fly_too():
    ds = Dataset.from_dict({"tokens": [["the", "film", "was", "good"]], "ner_tags": [[0, 0, 0, 0]]})
    with pytest.raises(hfaug.ColumnError, match=r"^test.shout: column 'tokens' holds a list of 4 items in one example"):
        ds.map(hfaug.OnTheFly(Shout(column="tokens")))
