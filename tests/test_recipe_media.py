"""Recipes on image and audio classification sets: the shipped recipes on the shipped
generated data, with `Image`/`Audio` features kept through apply, save and load."""

from __future__ import annotations

import io
from pathlib import Path

import PIL.Image
import pytest
import soundfile
from datasets import Audio, ClassLabel, Image, load_dataset

from hfaug import provenance
from hfaug.errors import ColumnError
from hfaug.recipe import Recipe, RecipeError
from hfaug.versioned import load_version_dir, save

ROOT = Path(__file__).resolve().parents[1]


def shipped(name: str):
    return load_dataset("parquet", data_files=str(ROOT / "recipes" / "data" / name), split="train")


@pytest.fixture(scope="module")
def images():
    return Recipe.from_yaml(ROOT / "recipes" / "image-classification.yaml").apply(shipped("shapes.parquet").select(range(12)))


@pytest.fixture(scope="module")
def clips():
    return Recipe.from_yaml(ROOT / "recipes" / "audio-classification.yaml").apply(shipped("tones.parquet").select(range(6)))


def test_the_image_recipe_makes_n_copies_of_every_image(images):
    assert len(images) == 12 * 4
    assert images.stats["augmenters"]["image"] == {"rows_out": 36, "changed": 36, "repeats": 0, "unchanged": 0, "errors": 0}
    assert images.features["image"] == Image() and images.features["label"] == ClassLabel(names=["circle", "square", "triangle"])


def test_augmented_images_keep_size_mode_format_and_label(images):
    stored = images.cast_column("image", Image(decode=False))
    originals = {row[provenance.SOURCE_ID]: row for row in stored if row[provenance.COPY] == 0}
    for row in stored:
        source = originals[row[provenance.SOURCE_ID]]
        picture = PIL.Image.open(io.BytesIO(row["image"]["bytes"]))
        assert (picture.format, picture.mode, picture.size) == ("PNG", "RGB", (64, 64))
        assert row["label"] == source["label"]


def test_the_audio_recipe_keeps_rate_length_and_format(clips):
    assert len(clips) == 6 * 3
    assert clips.stats["augmenters"]["audio"]["errors"] == 0
    assert clips.features["audio"] == Audio()
    for row in clips.cast_column("audio", Audio(decode=False)):
        info = soundfile.info(io.BytesIO(row["audio"]["bytes"]))
        assert (info.samplerate, info.frames, info.format) == (16000, 8000, "FLAC")


@pytest.mark.parametrize("name", ["images", "clips"])
def test_media_survive_save_and_load(name, request, tmp_path):
    augmented = request.getfixturevalue(name)
    loaded, _ = load_version_dir(save(augmented, tmp_path, preview=False))
    column = "image" if name == "images" else "audio"
    assert loaded["train"].features == augmented.features
    raw = loaded["train"].cast_column(column, type(augmented.features[column])(decode=False))
    before = augmented.cast_column(column, type(augmented.features[column])(decode=False))
    assert raw[column] == [{"bytes": value["bytes"], "path": value["path"]} for value in before[column]]


def test_the_image_version_is_stable(images):
    again = Recipe.from_yaml(ROOT / "recipes" / "image-classification.yaml").apply(shipped("shapes.parquet").select(range(12)))
    assert again.version == images.version
    assert again.cast_column("image", Image(decode=False))["image"] == images.cast_column("image", Image(decode=False))["image"]


def test_text_filters_on_an_image_column_are_refused_before_any_work():
    recipe = Recipe.from_dict({"column": "image", "augmenters": [{"name": "image", "ops": ["hflip"]}], "filters": ["duplicates"]})
    with pytest.raises(ColumnError, match="recipe filters judge text, but column 'image' holds Image"):
        recipe.apply(shipped("shapes.parquet"))


@pytest.mark.parametrize("mode", ["one_of", "sequence"])
def test_a_text_augmenter_mixed_with_an_image_augmenter_is_refused_in_its_own_name(mode):
    # the refusal began with "synonym: column 'image' holds Image" and ended "none of which one_of can augment"
    recipe = Recipe.from_dict(
        {"column": "image", "mode": mode, "augmenters": [{"name": "image", "ops": ["hflip"]}, "synonym"]}
    )
    with pytest.raises(ColumnError) as raised:
        recipe.apply(shipped("shapes.parquet").select(range(2)))
    assert str(raised.value).endswith(
        "synonym: column 'image' holds Image(mode=None, decode=True), not text. The dataset has columns 'image', "
        "'label', none of which synonym can augment."
    )


@pytest.mark.parametrize(("name", "plain"), [("image", "ops, format, quality"), ("audio", "ops, sampling_rate")])
def test_a_transform_in_a_recipe_is_refused_naming_the_parameters_a_recipe_can_set(name, plain):
    # `transform: hflip` reached the augmenter, which answered "transform must be callable, got str"
    with pytest.raises(RecipeError, match=rf"augmenters\[0\] \({name}\): parameter 'transform' takes a Python object, "
                       rf"which a recipe cannot hold .*; leave it out and use {name}'s plain-data parameters: {plain}"):
        Recipe.from_dict({"column": name, "augmenters": [{"name": name, "transform": "hflip"}]})


@pytest.mark.parametrize(
    ("entry", "where", "known"),
    [
        ("image", "augmenters[0] (image)", "image ops: blur, brightness, contrast, gaussian_noise, hflip, hue"),
        ({"name": "audio", "ops": None}, "augmenters[0] (audio)", "audio ops: background_noise, band_pass, gain"),
        ({"name": "one_of", "augmenters": ["image"]}, "augmenters[0].augmenters[0] (image)", "image ops: blur"),
    ],
    ids=["image", "audio-null-ops", "nested"],
)
def test_a_media_augmenter_without_ops_in_a_recipe_is_told_to_give_ops_not_a_transform(entry, where, known):
    # it was told "pass either transform=<a transform object> or ops=[...]", which a recipe cannot hold
    with pytest.raises(RecipeError) as raised:
        Recipe.from_dict({"column": "media", "augmenters": [entry]})
    assert f"{where}: give ops, the list of named ops to apply (ops: [<op>, ...]). Known {known}" in str(raised.value)
    assert "transform" not in str(raised.value)


def test_a_sound_folder_counts_in_the_version_id_by_its_content_not_where_it_is(tmp_path):
    # the same noises at /home/alice/... and /home/bob/... gave two version ids for the same rows
    clips = shipped("tones.parquet").select(range(2))
    versions = {}
    for place in ("alice", "bob", "carol"):
        folder = tmp_path / place / "noises"
        folder.mkdir(parents=True)
        soundfile.write(folder / "hum.wav", [0.1 if place == "carol" else 0.2] * 800, 16000)
        recipe = Recipe.from_dict(
            {"column": "audio", "augmenters": [{"name": "audio", "ops": [{"op": "background_noise", "source": str(folder)}]}]}
        )
        versions[place] = recipe.apply(clips).version
    assert versions["alice"] == versions["bob"] != versions["carol"]
