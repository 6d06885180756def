"""ImageAugment: formats and modes kept, row seeding, bad files, transform objects and named ops."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import pickle
import shutil
import subprocess
import sys

import numpy as np
import PIL.Image
import pytest
import torch
from datasets import Image
from datasets.fingerprint import Hasher
from torchvision import transforms as v1
from torchvision.transforms import v2

import hfaug
from hfaug.image import codec
from hfaug.image.codec import ORIENTATION
from hfaug.image.ops import Hue
from hfaug.media import MediaConfigError
from media_samples import image_bytes, image_dataset, open_image, photo, png_16_bit
from toy_augmenters import Shout

OPS = [{"op": "rotate", "degrees": 20}, "brightness", "contrast", "random_resized_crop", "blur", "gaussian_noise", "hflip"]
FLIP = {"op": "hflip", "p": 1.0}  # always applies: a copy to which no op applied is dropped


def raw(dataset):
    """The stored cells of an augmented dataset's image column."""
    return dataset.cast_column("image", Image(decode=False))["image"]


def digest(cells) -> str:
    return hashlib.sha256(b"".join(cell["bytes"] for cell in cells)).hexdigest()


# ---------------------------------------------------------------- stored format and mode
def test_jpeg_stays_jpeg_with_the_source_quantisation_tables():
    source = image_bytes("RGB", "JPEG", quality=60)
    out = hfaug.augment(image_dataset([source]), hfaug.ImageAugment(ops=OPS), keep_original=False)
    augmented = open_image(raw(out)[0])
    assert augmented.format == "JPEG"
    assert augmented.quantization == PIL.Image.open(io.BytesIO(source)).quantization


def test_quality_setting_replaces_the_source_tables():
    source = image_bytes("RGB", "JPEG", quality=95)
    out = hfaug.augment(image_dataset([source]), hfaug.ImageAugment(ops=[FLIP], quality=30), keep_original=False)
    reference = io.BytesIO()
    PIL.Image.new("RGB", (8, 8)).save(reference, "JPEG", quality=30)
    assert open_image(raw(out)[0]).quantization == PIL.Image.open(reference).quantization


@pytest.mark.parametrize(("mode", "format"), [("L", "PNG"), ("RGB", "PNG"), ("RGBA", "PNG"), ("LA", "PNG"), ("P", "PNG"), ("L", "JPEG"), ("1", "PNG")])
def test_format_and_mode_are_kept(mode, format):
    out = hfaug.augment(image_dataset([image_bytes(mode, format)]), hfaug.ImageAugment(ops=OPS), keep_original=False)
    augmented = open_image(raw(out)[0])
    assert (augmented.format, augmented.mode, augmented.size) == (format, mode, (64, 48))
    assert out[0]["hfaug_error"] == ""


def test_palette_transparency_is_kept():
    source = image_bytes("P", "PNG", transparency=0)
    out = hfaug.augment(image_dataset([source]), hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    augmented = open_image(raw(out)[0])
    assert (augmented.mode, augmented.info.get("transparency")) == ("P", 0)


def _palette_png(transparency=0) -> bytes:
    """A P-mode PNG: a transparent black left quarter (entry 0), dark grey (10, 10, 10) and a white right quarter."""
    indices = np.ones((24, 32), np.uint8)
    indices[:, :8], indices[:, 24:] = 0, 2
    image = PIL.Image.fromarray(indices, "P")
    image.putpalette([0, 0, 0, 10, 10, 10, 255, 255, 255])
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=transparency)
    return buffer.getvalue()


def _alpha_of(cell) -> np.ndarray:
    return np.array(open_image(cell).convert("RGBA").getchannel("A"))


@pytest.mark.parametrize(
    "op",
    [{"op": "rotate", "degrees": [30, 30], "fill": 255}, {"op": "rotate", "degrees": [45, 45], "expand": True},
     {"op": "brightness", "factor": [0.5, 0.5]}, {"op": "hflip", "p": 1}],
)
def test_palette_transparency_follows_the_alpha_an_rgba_image_gets(op):
    source = _palette_png()
    rgba = io.BytesIO()
    PIL.Image.open(io.BytesIO(source)).convert("RGBA").save(rgba, "PNG")
    aug = hfaug.ImageAugment(ops=[op])
    palette, reference = aug({"image": source})["image"], aug({"image": rgba.getvalue()})["image"]
    assert (open_image(palette).mode, open_image(palette).info["transparency"]) == ("P", 0)
    assert np.array_equal(_alpha_of(palette), np.where(_alpha_of(reference) < 128, 0, 255))


def test_palette_entries_with_partial_alpha_keep_it():
    aug = hfaug.ImageAugment(ops=[{"op": "rotate", "degrees": [30, 30]}])
    out = open_image(aug({"image": _palette_png(transparency=bytes([0, 255, 128]))})["image"])
    assert out.info["transparency"] == bytes([0, 255, 128])
    assert sorted(np.unique(np.array(out.convert("RGBA").getchannel("A")))) == [0, 128, 255]


def test_a_decoded_palette_image_with_an_rgba_palette_keeps_its_alpha():
    rgba = PIL.Image.new("RGBA", (16, 8), (200, 40, 40, 255))
    rgba.paste((0, 0, 0, 0), (0, 0, 4, 8))
    palette = rgba.quantize()  # in memory: the alpha is in the palette, not in info["transparency"]
    out = open_image(hfaug.ImageAugment(ops=[{"op": "hflip", "p": 1}])({"image": palette})["image"])
    assert out.mode == "P"
    assert np.array_equal(np.array(out.convert("RGBA").getchannel("A")), np.array(rgba.transpose(PIL.Image.Transpose.FLIP_LEFT_RIGHT).getchannel("A")))


def _colour_keyed_png(mode: str, key, colour) -> bytes:
    """A 20x20 PNG of ``mode`` whose left half has the transparent colour ``key``, the rest ``colour``."""
    image = PIL.Image.new(mode, (20, 20), colour)
    image.paste(key, (0, 0, 10, 20))
    out = io.BytesIO()
    image.save(out, "PNG", transparency=key)
    return out.getvalue()


@pytest.mark.parametrize(("mode", "key", "colour"), [("RGB", (255, 0, 0), (10, 20, 30)), ("L", 9, 200)])
def test_a_transparent_colour_key_follows_the_alpha_an_rgba_image_gets(mode, key, colour):
    source = _colour_keyed_png(mode, key, colour)
    rgba = io.BytesIO()
    PIL.Image.open(io.BytesIO(source)).convert("RGBA").save(rgba, "PNG")
    aug = hfaug.ImageAugment(ops=[{"op": "rotate", "degrees": [30, 30], "fill": 255}])
    keyed, reference = aug({"image": source})["image"], aug({"image": rgba.getvalue()})["image"]
    assert (open_image(keyed).mode, open_image(keyed).info["transparency"]) == (mode, key)
    # the transparent half turns and the uncovered corners are transparent, not the fill colour
    assert np.array_equal(_alpha_of(keyed), np.where(_alpha_of(reference) < 128, 0, 255))
    assert (_alpha_of(keyed) == 0).sum() > (_alpha_of({"bytes": source}) == 0).sum()


def test_an_opaque_pixel_that_comes_out_in_the_key_colour_stays_opaque():
    source = _colour_keyed_png("RGB", (255, 0, 0), (255, 0, 0))  # all transparent ...
    image = PIL.Image.open(io.BytesIO(source))
    image.paste((250, 0, 0), (10, 0, 20, 20))  # ... but a right half that brightens into the key colour
    out = io.BytesIO()
    image.save(out, "PNG", transparency=(255, 0, 0))
    result = hfaug.ImageAugment(ops=[{"op": "brightness", "factor": [1.5, 1.5]}])({"image": out.getvalue()})["image"]
    assert (_alpha_of(result)[:, 10:] == 255).all() and (_alpha_of(result)[:, :10] == 0).all()
    assert set(map(tuple, np.array(open_image(result))[:, 10:].reshape(-1, 3))) == {(255, 0, 1)}


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_a_lossless_webp_stays_lossless(mode):
    source = image_bytes(mode, "WEBP", lossless=True)
    out = hfaug.augment(image_dataset([source]), hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    flipped = np.asarray(open_image({"bytes": source}))[:, ::-1]
    assert open_image(raw(out)[0]).format == "WEBP"
    assert np.array_equal(np.asarray(open_image(raw(out)[0])), flipped)


def test_a_lossy_webp_stays_lossy_and_a_quality_makes_a_lossless_one_lossy():
    lossy = image_bytes("RGB", "WEBP", quality=90)
    lossless = image_bytes("RGB", "WEBP", lossless=True)
    kept = hfaug.augment(image_dataset([lossy]), hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    given = hfaug.augment(image_dataset([lossless]), hfaug.ImageAugment(ops=[FLIP], quality=50), keep_original=False)
    assert [codec.webp_lossless(cell["bytes"]) for cell in [*raw(kept), *raw(given)]] == [False, False]


@pytest.mark.parametrize("compression", ["tiff_lzw", "tiff_adobe_deflate", "packbits", "raw"])
def test_a_tiff_keeps_its_compression(compression):
    source = image_bytes("RGB", "TIFF", compression=compression)
    out = hfaug.augment(image_dataset([source]), hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    assert open_image(raw(out)[0]).info["compression"] == compression


def test_a_tiff_written_as_another_format_drops_its_compression():
    source = image_bytes("RGB", "TIFF", compression="tiff_lzw")
    out = hfaug.augment(image_dataset([source]), hfaug.ImageAugment(ops=[FLIP], format="PNG"), keep_original=False)
    assert open_image(raw(out)[0]).format == "PNG"


def test_format_can_be_forced():
    out = hfaug.augment(
        image_dataset([image_bytes("RGB", "PNG")]), hfaug.ImageAugment(ops=[FLIP], format="jpeg"), keep_original=False
    )
    assert open_image(raw(out)[0]).format == "JPEG"


@pytest.mark.parametrize("flip", [{"op": "vflip", "p": 1.0}, FLIP], ids=["transparent-corner", "opaque-corner"])
def test_forcing_jpeg_on_rgba_is_a_row_error_that_says_what_to_do(flip):
    ds = image_dataset([image_bytes("RGBA", "PNG")])  # a transparent left quarter, on the right once flipped
    out = hfaug.augment(ds, hfaug.ImageAugment(ops=[flip], format="JPEG"), keep_original=False)
    assert out[0]["hfaug_error"] == (
        "JPEG cannot store images of mode 'RGBA'; pass format='PNG' or 'WEBP' or 'TIFF' to keep the mode, or cast the "
        "column to mode 'RGB' first, which drops the transparency: ds.cast_column(column, datasets.Image(mode='RGB'))"
    )
    cast = hfaug.augment(ds.cast_column("image", Image(mode="RGB")), hfaug.ImageAugment(ops=[FLIP], format="JPEG"), keep_original=False)
    assert (cast[0]["hfaug_error"], open_image(raw(cast)[0]).format) == ("", "JPEG")


def test_forcing_bmp_on_transparent_images_is_a_row_error_not_a_silent_loss_of_alpha():
    # Pillow writes RGBA as a 32-bit BMP but reads it back as RGB
    ds = image_dataset([image_bytes("RGBA", "PNG"), image_bytes("P", "PNG", transparency=0), image_bytes("RGB", "PNG")])
    out = hfaug.augment(ds, hfaug.ImageAugment(ops=[FLIP], format="BMP"), keep_original=False)
    assert [error.split(";")[0] for error in out["hfaug_error"]] == [
        "BMP cannot store images of mode 'RGBA' (Pillow reads them back as mode 'RGB')",
        "BMP cannot store images of mode 'P' with transparency (Pillow reads them back without it)",
        "",
    ]
    assert open_image(raw(out)[2]).format == "BMP"


@pytest.mark.parametrize(
    ("mode", "format", "read_back"),
    [("RGBA", "PPM", "RGB"), ("LA", "GIF", "L"), ("L", "WEBP", "RGB"), ("P", "WEBP", "RGB"), ("1", "WEBP", "RGB"), ("RGB", "GIF", "P")],
)
def test_a_format_that_reads_the_image_back_in_another_mode_is_a_row_error(mode, format, read_back):
    out = hfaug.augment(image_dataset([image_bytes(mode, "PNG")]), hfaug.ImageAugment(ops=[FLIP], format=format), keep_original=False)
    assert out[0]["hfaug_error"].startswith(f"{format} cannot store images of mode '{mode}' (Pillow reads them back as mode '{read_back}'); pass format='PNG'")
    assert open_image(raw(out)[0]).format == "PNG"  # the original, kept


@pytest.mark.parametrize(("mode", "key"), [("RGB", (255, 0, 0)), ("L", 9)])
def test_a_format_that_drops_a_transparent_colour_is_a_row_error(mode, key):
    out = hfaug.ImageAugment(ops=[FLIP], format="JPEG")({"image": [_colour_keyed_png(mode, key, 200 if mode == "L" else (10, 20, 30))]})
    assert out["hfaug_error"][0] == (
        f"JPEG cannot store images of mode '{mode}' with transparency (Pillow reads them back without it); "
        "pass format='PNG' to keep the mode and transparency"
    )


@pytest.mark.parametrize(
    ("mode", "options", "format", "formats", "cast"),
    [
        ("LA", {}, "JPEG", ["PNG", "TIFF"], "L"),
        ("P", {}, "JPEG", ["PNG", "TIFF"], "RGB"),
        ("P", {"transparency": 0}, "JPEG", ["PNG"], None),  # cast to RGB, P keeps its transparent colour
        ("1", {}, "WEBP", ["PNG", "TIFF"], "RGB"),
        ("RGB", {}, "GIF", ["PNG", "WEBP", "TIFF"], "P"),
        ("CMYK", {}, "PNG", ["TIFF"], "RGB"),
    ],
)
def test_the_advice_names_only_formats_and_casts_that_keep_the_image(mode, options, format, formats, cast):
    source = image_bytes(mode, "JPEG" if mode == "CMYK" else "PNG", **options)
    error = hfaug.ImageAugment(ops=[FLIP], format=format)({"image": [source]})["hfaug_error"][0]
    assert f"pass format={' or '.join(map(repr, formats))} to keep the mode" in error
    for advised in formats:
        kept = open_image(hfaug.ImageAugment(ops=[FLIP], format=advised)({"image": [source]})["image"][0])
        assert (kept.format, kept.mode) == (advised, mode)
    if cast is None:
        assert "cast" not in error
        return
    assert error.endswith(f"ds.cast_column(column, datasets.Image(mode='{cast}'))")
    ds = image_dataset([source]).cast_column("image", Image(mode=cast))
    out = hfaug.augment(ds, hfaug.ImageAugment(ops=[FLIP], format=format), keep_original=False)
    assert (out[0]["hfaug_error"], open_image(raw(out)[0]).format) == ("", format)


def test_a_format_that_resizes_the_image_is_a_row_error():
    out = hfaug.ImageAugment(ops=[FLIP], format="ICO")({"image": [image_bytes("RGB", "PNG", size=(300, 200))]})
    assert out["hfaug_error"][0] == (
        "ICO cannot store a 300x200 image (Pillow reads it back as 128x85); pass format='PNG' or 'WEBP' or 'TIFF' to keep "
        "the size"
    )


def test_an_icon_keeps_its_own_size():
    # Pillow wrote the standard square sizes that fit: a 24x18 icon came back as 16x12, a row error for every such icon
    out = hfaug.ImageAugment(ops=[FLIP])({"image": [image_bytes("RGB", "ICO", size=(24, 18), sizes=[(24, 18)])]})
    augmented = open_image(out["image"][0])
    assert (out["hfaug_error"][0], augmented.format, augmented.size) == ("", "ICO", (24, 18))


def test_a_greyscale_gif_stays_greyscale():
    source = image_bytes("1", "GIF")  # black and white: Pillow reads it as L, and wrote it back as P
    assert open_image({"bytes": source}).mode == "L"
    augmented = open_image(hfaug.ImageAugment(ops=[{"op": "hflip", "p": 1}])({"image": [source]})["image"][0])
    assert (augmented.format, augmented.mode) == ("GIF", "L")


def test_a_column_cast_to_a_mode_is_augmented_in_that_mode_and_keeps_its_stored_format():
    # the cast that policies refusing alpha need; decoded by `datasets`, the copies would be written as PNG
    webp, tiff, jpeg = (
        image_bytes("RGBA", "WEBP", quality=80), image_bytes("RGBA", "TIFF", compression="tiff_lzw"), image_bytes("L", "JPEG", quality=60)
    )
    ds = image_dataset([webp, tiff, jpeg]).cast_column("image", Image(mode="RGB"))
    cells = raw(hfaug.augment(ds, hfaug.ImageAugment(ops=[FLIP]), keep_original=True))
    assert [cell["bytes"] for cell in cells[::2]] == [webp, tiff, jpeg]  # the originals as stored
    copies = [open_image(cell) for cell in cells[1::2]]
    assert [(copy.format, copy.mode) for copy in copies] == [("WEBP", "RGB"), ("TIFF", "RGB"), ("JPEG", "RGB")]
    assert not codec.webp_lossless(cells[1]["bytes"])
    assert copies[1].info["compression"] == "tiff_lzw"
    assert np.array_equal(np.array(copies[1]), np.array(open_image({"bytes": tiff}).convert("RGB"))[:, ::-1])
    assert copies[2].quantization == open_image({"bytes": jpeg}).quantization


def test_a_column_cast_to_a_mode_its_stored_format_cannot_hold_is_a_row_error():
    ds = image_dataset([image_bytes("P", "GIF")]).cast_column("image", Image(mode="RGB"))
    out = hfaug.augment(ds, hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    assert out[0]["hfaug_error"].startswith(
        "GIF cannot store images of mode 'RGB' (Pillow reads them back as mode 'P'); pass format='PNG' or 'WEBP' or 'TIFF'"
    )


def test_the_copies_sent_to_worker_processes_read_the_column_in_its_mode():
    ds = image_dataset([image_bytes("RGBA", "WEBP", quality=80, seed=seed) for seed in range(2)]).cast_column("image", Image(mode="RGB"))
    # keep_in_memory sends the map to the pool of `datasets`, which pickles the augmenter for its workers
    out = hfaug.augment(ds, hfaug.ImageAugment(ops=[FLIP]), keep_original=False, num_proc=2, keep_in_memory=True)
    assert [(image.format, image.mode) for image in map(open_image, raw(out))] == [("WEBP", "RGB")] * 2


def _random_cmyk() -> PIL.Image.Image:
    return PIL.Image.fromarray(np.random.default_rng(0).integers(0, 256, (16, 16, 4), dtype=np.uint8), "CMYK")


def test_geometric_ops_keep_the_black_ink_of_cmyk_images():
    source = _random_cmyk()
    buffer = io.BytesIO()
    source.save(buffer, "TIFF")
    out = open_image(hfaug.ImageAugment(ops=[FLIP])({"image": buffer.getvalue()})["image"])
    assert out.mode == "CMYK"
    assert np.array_equal(np.array(out), np.array(source.transpose(PIL.Image.Transpose.FLIP_LEFT_RIGHT)))


@pytest.mark.parametrize("fill", [0, 255])
def test_what_a_rotation_uncovers_in_a_cmyk_image_is_the_fill_grey_without_black_ink(fill):
    buffer = io.BytesIO()
    _random_cmyk().save(buffer, "TIFF")
    out = hfaug.ImageAugment(ops=[{"op": "rotate", "degrees": [30, 30], "fill": fill}])({"image": buffer.getvalue()})["image"]
    assert tuple(np.array(open_image(out))[0, 0]) == PIL.Image.new("RGB", (1, 1), (fill,) * 3).convert("CMYK").getpixel((0, 0))


def test_alpha_moves_with_geometric_ops_and_not_with_colour_ops():
    source = image_bytes("RGBA", "PNG")  # left quarter transparent
    flip = hfaug.augment(image_dataset([source]), hfaug.ImageAugment(ops=[{"op": "hflip", "p": 1}]), keep_original=False)
    alpha = np.array(open_image(raw(flip)[0]).getchannel("A"))
    assert (alpha[:, -16:] == 0).all() and (alpha[:, :-16] == 255).all()
    bright = hfaug.augment(
        image_dataset([source]), hfaug.ImageAugment(ops=[{"op": "brightness", "factor": [2, 2]}]), keep_original=False
    )
    assert np.array_equal(np.array(open_image(raw(bright)[0]).getchannel("A")), np.array(PIL.Image.open(io.BytesIO(source)).getchannel("A")))


def _rotated_jpeg() -> bytes:
    image = PIL.Image.new("RGB", (16, 8), (200, 30, 30))
    exif = image.getexif()
    exif[ORIENTATION] = 6  # stored sideways: rotate 90 degrees clockwise to view
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), quality=70)
    return buffer.getvalue()


def test_exif_orientation_is_applied_once():
    out = hfaug.augment(image_dataset([_rotated_jpeg()]), hfaug.ImageAugment(ops=["contrast"]), keep_original=False)
    augmented = open_image(raw(out)[0])
    assert (augmented.format, augmented.size) == ("JPEG", (8, 16))
    assert augmented.getexif().get(ORIENTATION) is None


def test_decoded_exif_rotated_jpeg_is_still_written_as_jpeg():
    # `datasets` applies the orientation on decoding, which drops the PIL format; map mode on the decoded column
    out = image_dataset([_rotated_jpeg()]).map(hfaug.ImageAugment(ops=["contrast"]))
    assert open_image(raw(out)[0]).format == "JPEG"


@pytest.mark.parametrize(("format", "options"), [("PNG", {}), ("WEBP", {"lossless": True})])
def test_a_decoded_exif_rotated_lossless_image_is_written_losslessly(format, options):
    # `datasets` dropped the format; nothing in the image says JPEG, so it is not guessed from the EXIF
    exif = PIL.Image.Exif()
    exif[ORIENTATION] = 6
    buffer = io.BytesIO()
    PIL.Image.fromarray(photo()).save(buffer, format, exif=exif.tobytes(), **options)
    out = image_dataset([buffer.getvalue()]).map(hfaug.ImageAugment(ops=[FLIP]))
    written = open_image(raw(out)[0])
    assert written.format == "PNG"
    assert np.array_equal(np.array(written), np.rot90(photo(), -1)[:, ::-1])


def test_map_output_keeps_the_image_feature_and_decodes():
    ds = image_dataset([image_bytes("RGB", "JPEG", seed=seed) for seed in range(3)])
    out = ds.map(hfaug.ImageAugment(ops=OPS, n=2, keep_original=True), batched=True)
    assert out.features["image"] == Image()
    assert [image.size for image in out["image"]] == [(64, 48)] * 9
    assert out["hfaug_augmenter"][:3] == ["original", "image", "image"]


@pytest.mark.parametrize("streamed", [False, True])
def test_a_jpeg_column_carried_by_a_text_augmenter_keeps_its_pixels(streamed):
    # `datasets` decoded the carried JPEGs and encoded them again, with loss, originals included
    cells = [image_bytes("RGB", "JPEG", seed=seed) for seed in range(2)]
    ds = image_dataset(cells).add_column("text", ["a funny film", "a sad story"])
    out = hfaug.augment(ds.to_iterable_dataset() if streamed else ds, Shout(p=1.0), n=1)
    assert [np.array(row["image"]).tobytes() for row in out] == [
        np.array(open_image({"bytes": cell})).tobytes() for cell in cells for _ in range(2)
    ]
    if not streamed:
        assert [cell["bytes"] for cell in raw(out)] == [cell for cell in cells for _ in range(2)]
        assert out.features["image"] == Image()


# ---------------------------------------------------------------- determinism
def test_same_seed_gives_identical_bytes_for_any_batch_size_and_num_proc():
    ds = image_dataset([image_bytes("RGB", "JPEG", seed=seed) for seed in range(8)] + [image_bytes("RGBA", seed=9)])
    aug = hfaug.ImageAugment(ops=OPS, n=2, seed=3)
    one = hfaug.augment(ds, aug, n=2, num_proc=1, batch_size=4)
    two = hfaug.augment(ds, aug, n=2, num_proc=2, batch_size=3)
    assert digest(raw(one)) == digest(raw(two))
    assert one["hfaug_params"] == two["hfaug_params"]


def test_streamed_dataset_gives_the_same_images_decoded():
    ds = image_dataset([image_bytes("RGB", "JPEG", seed=seed) for seed in range(3)])
    aug = hfaug.ImageAugment(ops=OPS, seed=3)
    mapped = hfaug.augment(ds, aug, n=2)
    streamed = list(hfaug.augment(ds.to_iterable_dataset(), aug, n=2))
    assert all(isinstance(row["image"], PIL.Image.Image) for row in streamed)
    assert [np.array(row["image"]).tobytes() for row in streamed] == [np.array(image).tobytes() for image in mapped["image"]]
    assert [row["hfaug_params"] for row in streamed] == mapped["hfaug_params"]


def test_torchvision_transform_is_row_seeded_and_leaves_global_rng_alone():
    ds = image_dataset([image_bytes("RGB", "PNG", seed=seed) for seed in range(4)])
    aug = hfaug.ImageAugment(v2.Compose([v2.RandomRotation(25), v2.ColorJitter(0.4, 0.4, 0.4, 0.1)]), seed=5)
    torch.manual_seed(123)
    expected_next = torch.rand(1)
    torch.manual_seed(123)
    first = raw(hfaug.augment(ds, aug, keep_original=False, batch_size=1))
    assert torch.equal(torch.rand(1), expected_next)
    second = raw(hfaug.augment(ds.select([3, 2, 1, 0]), aug, keep_original=False, batch_size=4))
    assert digest(first) == digest(second[::-1])


def test_decoded_palette_images_differing_only_in_palette_or_transparency_are_different_rows():
    indices = (np.arange(64).reshape(8, 8) % 4).astype(np.uint8)
    images = []
    for palette, transparency in [(range(12), None), (range(12, 24), None), (range(12), 0)]:
        image = PIL.Image.fromarray(indices, "P")
        image.putpalette(list(palette))
        if transparency is not None:
            image.info["transparency"] = transparency
        images.append(image)
    out = hfaug.ImageAugment(ops=["rotate"])({"image": images})
    assert len(set(out["hfaug_source_id"])) == 3
    assert len(set(out["hfaug_params"])) == 3


def test_sampled_parameters_are_recorded_exactly():
    out = hfaug.ImageAugment(ops=[{"op": "rotate", "degrees": 30}], seed=11)({"image": photo()})
    assert json.loads(out["hfaug_params"]) == {"ops": [{"op": "rotate", "angle": -16.905556074438053}]}
    expected = v2.functional.rotate(torch.from_numpy(photo()).permute(2, 0, 1), -16.905556074438053, v2.InterpolationMode.BILINEAR, fill=[0.0] * 3)
    assert np.array_equal(np.array(open_image(out["image"])), expected.permute(1, 2, 0).numpy())


@pytest.mark.parametrize("mode", ["L", "LA", "1"])
def test_colour_ops_skip_grey_images_and_are_not_recorded(mode):
    aug = hfaug.ImageAugment(ops=[{"op": "saturation", "factor": [0, 0]}, {"op": "hue", "shift": [0.5, 0.5]}, {"op": "hflip", "p": 1}])
    out = aug({"image": [image_bytes(mode, "PNG"), image_bytes("RGB", "PNG")]})
    assert [json.loads(params)["ops"] for params in out["hfaug_params"]] == [
        [{"op": "hflip"}],
        [{"op": "saturation", "factor": 0.0}, {"op": "hue", "shift": 0.5}, {"op": "hflip"}],
    ]


def test_a_copy_to_which_no_op_applied_is_dropped_when_copies_are_optional():
    ds = image_dataset([image_bytes("RGB", "JPEG", seed=seed) for seed in range(6)])
    out = hfaug.augment(ds, hfaug.ImageAugment(ops=[{"op": "hflip", "p": 0.3}], seed=1), n=4)
    copies = [json.loads(params) for params, copy in zip(out["hfaug_params"], out["hfaug_copy"]) if copy]
    assert 0 < len(copies) < 24  # the others drew no flip
    assert all(params == {"ops": [{"op": "hflip"}]} for params in copies)


@pytest.mark.parametrize(("mode", "ops"), [("RGB", [{"op": "hflip", "p": 0.0}]), ("L", ["saturation", "hue"])])
def test_a_single_copy_to_which_no_op_applied_is_kept_unchanged_with_the_reason(mode, ops):
    source = image_bytes(mode, "PNG")
    out = hfaug.augment(image_dataset([source]), hfaug.ImageAugment(ops=ops), keep_original=False)
    assert (out["hfaug_error"], out["hfaug_params"]) == (["dropped: no op applied"], ["{}"])
    assert raw(out)[0]["bytes"] == source


def test_on_the_fly_a_row_to_which_no_op_applied_comes_back_decoded_and_is_logged_at_debug_level(caplog):
    otf = hfaug.OnTheFly(hfaug.ImageAugment(ops=[{"op": "hflip", "p": 0.0}]))
    ds = image_dataset([image_bytes()]).with_transform(otf)
    with caplog.at_level(logging.DEBUG, logger="hfaug"):
        image = ds[0]["image"]
    assert np.array_equal(np.array(image), photo())
    assert [(record.levelname, record.getMessage()) for record in caplog.records if record.name == "hfaug"] == [
        ("DEBUG", "image: row returned unchanged (epoch 0): dropped: no op applied")
    ]

def test_one_number_for_blur_sigma_is_a_fixed_sigma():
    aug = hfaug.ImageAugment(ops=[{"op": "blur", "sigma": 1}], seed=3)
    assert aug.ops == [{"op": "blur", "sigma": [1.0, 1.0], "p": 1.0}]
    out = aug({"image": photo()})
    assert json.loads(out["hfaug_params"]) == {"ops": [{"op": "blur", "sigma": 1.0}]}
    expected = v2.functional.gaussian_blur(torch.from_numpy(photo()).permute(2, 0, 1), [7, 7], [1.0, 1.0])
    assert np.array_equal(np.array(open_image(out["image"])), expected.permute(1, 2, 0).numpy())


# The peak memory (in KiB) of an op on a 6-megapixel RGB image, run in a process of its own.
_PEAK = """
import resource, torch
from hfaug.image.ops import {op}
params = {params!r}
op, pixels = {op}(**params), torch.zeros((3, 2000, 3000), dtype=torch.uint8)
op.apply(pixels[:, :64, :64], params, False)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
changed = op.apply(pixels, params, False)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def _peak_kib(op: str, params: dict) -> int:
    result = subprocess.run([sys.executable, "-c", _PEAK.format(op=op, params=params)], capture_output=True, text=True, check=True)
    return int(result.stdout)


def test_a_blur_sigma_near_the_largest_float_blurs_with_a_kernel_the_size_of_the_image():
    # 3 x sigma overflowed to infinity and every row failed: OverflowError: cannot convert float infinity to integer
    out = hfaug.augment(image_dataset([image_bytes("RGB", "PNG")]), hfaug.ImageAugment(ops=[{"op": "blur", "sigma": 1e308}]),
                        keep_original=False)
    assert out[0]["hfaug_error"] == ""
    assert json.loads(out[0]["hfaug_params"]) == {"ops": [{"op": "blur", "sigma": 1e308}]}


def test_blur_of_a_large_image_takes_memory_for_a_strip_of_rows_at_a_time():
    # in one piece, torch's convolution took memory for each tap of the kernel over the whole image: about
    # 800 MB here, 3.2 GB for a 24-megapixel photo; the image's own floats are 72 MB
    assert _peak_kib("Blur", {"sigma": 2.0}) < 300 * 1024


def test_hue_of_a_large_image_takes_memory_for_a_strip_of_rows_at_a_time():
    # in one piece, torchvision's hue shift took about 600 MB here in floats (2.4 GB for a 24-megapixel photo)
    assert _peak_kib("Hue", {"shift": 0.1}) < 300 * 1024


def test_hue_in_strips_gives_torchvisions_pixels():
    pixels = torch.from_numpy(np.random.default_rng(0).integers(0, 256, (3, 600, 90), dtype=np.uint8))
    shifted = Hue().apply(pixels, {"shift": 0.2}, False)
    assert torch.equal(shifted, v2.functional.adjust_hue(pixels, 0.2))


def test_blur_in_strips_gives_torchvisions_pixels():
    pixels = torch.from_numpy(np.random.default_rng(0).integers(0, 256, (3, 600, 90), dtype=np.uint8))
    blurred = hfaug.ImageAugment(ops=[{"op": "blur", "sigma": 2.0}])({"image": pixels.permute(1, 2, 0).numpy()})["image"]
    expected = v2.functional.gaussian_blur(pixels, [13, 13], [2.0, 2.0])
    assert np.array_equal(np.array(open_image(blurred)), expected.permute(1, 2, 0).numpy())


# ---------------------------------------------------------------- bad input
def _bad_cells() -> list[bytes]:
    good = image_bytes("RGB", "JPEG")
    return [good, good[: len(good) // 2], b"not an image at all", image_bytes("RGB", "PNG")[:200]]


def test_corrupt_and_truncated_files_keep_the_original_and_say_why():
    cells = _bad_cells()
    out = hfaug.augment(image_dataset(cells), hfaug.ImageAugment(ops=OPS), keep_original=False)
    errors = out["hfaug_error"]
    assert errors[0] == ""
    assert all(error.startswith("cannot decode the image") for error in errors[1:])
    assert errors[2] == "cannot decode the image (19 bytes): not in a format Pillow reads"
    assert not any(" at 0x" in error for error in errors)  # the same text in every process and run
    assert [cell["bytes"] for cell in raw(out)[1:]] == cells[1:]


def test_corrupt_files_can_be_skipped_or_raise():
    cells = _bad_cells()
    skipped = hfaug.augment(image_dataset(cells), hfaug.ImageAugment(ops=OPS, on_error="skip"), keep_original=False)
    assert skipped["label"] == [0]
    with pytest.raises(hfaug.InvalidValue, match="cannot decode the image"):
        hfaug.augment(image_dataset(cells), hfaug.ImageAugment(ops=OPS, on_error="raise"), keep_original=False)


@pytest.mark.parametrize("size", [(1, 1), (1, 5), (6, 1), (1, 40), (40, 1)])
def test_perspective_leaves_a_one_pixel_wide_image_as_it_is(size):
    buffer = io.BytesIO()
    PIL.Image.new("RGB", size, (10, 200, 30)).save(buffer, "PNG")
    out = hfaug.augment(image_dataset([buffer.getvalue()]), hfaug.ImageAugment(ops=["perspective"]), keep_original=False)
    assert out[0]["hfaug_error"] == ""
    assert np.array_equal(np.array(open_image(raw(out)[0])), np.array(PIL.Image.new("RGB", size, (10, 200, 30))))


@pytest.mark.parametrize("end", [[[1, 1], [3, 0], [3, 3], [0, 3]], [[2, 2], [3, 2], [3, 3], [0, 4]]])
def test_perspective_draws_again_corners_that_leave_no_warp_to_solve(end):
    # such corners (drawn at distortion 1 on small images) failed with torch's _LinAlgError
    from hfaug.image.ops import Perspective, _warps
    from torchvision.transforms.v2 import functional

    start = [[0, 0], [5, 0], [5, 5], [0, 5]]
    with pytest.raises(torch.linalg.LinAlgError):
        functional.perspective(torch.zeros(3, 6, 6, dtype=torch.uint8), start, end)
    assert not _warps(start, end)
    perspective = Perspective(distortion=1.0)
    drawn = [perspective.sample(np.random.default_rng(seed), 6, 6)["end"] for seed in range(3000)]
    assert all(_warps(start, corners) or corners == start for corners in drawn)


def test_a_uint8_array_of_one_channel_is_a_grey_image_and_one_of_five_a_row_error():
    # Pillow's TypeError ("Cannot handle this data type") stopped the batch whatever on_error said
    grey = np.arange(30 * 40, dtype=np.uint8).reshape(30, 40)
    out = hfaug.ImageAugment(ops=[FLIP])({"image": [grey[:, :, None], np.zeros((30, 40, 5), np.uint8)]})
    assert out["hfaug_error"] == [
        "", "expected a uint8 image array (H, W) or (H, W, C) of 1 to 4 channels, got uint8 (30, 40, 5)"
    ]
    assert np.array_equal(np.array(open_image(out["image"][0])), grey[:, ::-1])


@pytest.mark.parametrize("transform", [None, v2.RandomRotation(10)], ids=["ops", "transform"])
def test_an_image_without_pixels_is_a_row_error_that_says_so(transform):
    # torch's "RuntimeError: Expected 3D or 4D (batch mode) tensor ... but got: [3, 3, 0]" was the row's reason
    aug = hfaug.ImageAugment(transform, ops=None if transform else [FLIP, "blur"])
    out = aug({"image": [PIL.Image.new("RGB", (0, 3)), np.zeros((0, 4, 3), np.uint8), PIL.Image.new("L", (2, 1))]})
    assert out["hfaug_error"] == ["the image has no pixels (0x3)", "the image has no pixels (4x0)", ""]


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_a_transform_that_returns_an_empty_image_is_a_row_error(mode):
    # an RGBA copy failed with "'NoneType' object is not subscriptable"
    cropped = hfaug.ImageAugment(lambda image: image[:, :0, :])
    out = hfaug.augment(image_dataset([image_bytes(mode)]), cropped, keep_original=False)
    assert list(out["hfaug_error"]) == [f"the transform returned an empty image (shape ({len(mode)}, 0, 64))"]


def test_unsupported_mode_is_a_row_error_naming_the_mode():
    buffer = io.BytesIO()
    PIL.Image.new("LAB", (8, 8)).save(buffer, "TIFF")
    ds = image_dataset([buffer.getvalue()])
    out = hfaug.augment(ds, hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    assert out[0]["hfaug_error"].startswith("images of mode 'LAB' are not supported")
    assert out[0]["hfaug_error"].endswith("ds.cast_column(column, datasets.Image(mode='RGB'))")
    converted = hfaug.augment(ds.cast_column("image", Image(mode="RGB")), hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    assert converted[0]["hfaug_error"] == "" and converted[0]["image"].mode == "RGB"


@pytest.mark.parametrize(
    ("values", "file_format", "mode", "advice"),
    [
        (np.linspace(0, 65535, 64 * 48).astype(np.uint16), "PNG", "I;16", "e.g. for 16-bit images: "),
        # the 16-bit advice (// 257) was shown for floats too: every value from 0 to 1 would have turned 0
        (np.linspace(0, 1, 64 * 48).astype(np.float32), "TIFF", "F", "e.g. for values from 0 to 1: "),
    ],
)
def test_an_image_of_more_than_8_bits_is_a_row_error_whose_advice_keeps_its_values(values, file_format, mode, advice):
    buffer = io.BytesIO()
    PIL.Image.fromarray(values.reshape(48, 64)).save(buffer, file_format)
    ds = image_dataset([buffer.getvalue()])
    error = hfaug.augment(ds, hfaug.ImageAugment(ops=[FLIP]), keep_original=False)[0]["hfaug_error"]
    assert error.startswith(f"images of mode '{mode}' are not supported")
    assert "casting the column to mode 'L' or 'RGB' would " in error
    scope = {"ds": ds, "column": "image", "PIL": PIL, "numpy": np}
    exec(error.split(advice)[1], scope)  # the line the error shows, as it is
    out = hfaug.augment(scope["ds"], hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    assert out[0]["hfaug_error"] == ""
    assert len(np.unique(np.array(out[0]["image"]))) == 256  # every 8-bit level, not white nor black


@pytest.mark.parametrize(("channels", "mode"), [(3, "RGB"), (4, "RGBA"), (2, "RGBA")], ids=["RGB", "RGBA", "LA"])
def test_an_image_of_16_bits_per_channel_that_pillow_reads_as_8_bits_is_a_row_error(channels, mode):
    # it was written back with 8 bits per channel (grey and alpha as RGBA), without a word
    png = png_16_bit(np.random.default_rng(0).integers(0, 65536, (6, 5, channels), dtype=np.uint16))
    message = f"images stored with 16 bits per value are not supported: Pillow reads this PNG as 8-bit {mode}"
    ds = image_dataset([png])
    stored = hfaug.augment(ds, hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    assert stored[0]["hfaug_error"].startswith(message)
    assert raw(stored)[0]["bytes"] == png


def test_the_advice_for_an_image_of_16_bits_per_channel_stores_the_8_bits_pillow_reads():
    png = png_16_bit(np.random.default_rng(0).integers(0, 65536, (6, 5, 3), dtype=np.uint16))
    ds = image_dataset([png])
    error = hfaug.augment(ds, hfaug.ImageAugment(ops=[FLIP]), keep_original=False)[0]["hfaug_error"]
    advice = {"ds": ds, "column": "image", "PIL": PIL, "numpy": np}
    exec(error.split("store those 8 bits first: ")[1], advice)  # the line the error shows, as it is
    out = hfaug.augment(advice["ds"], hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    assert out[0]["hfaug_error"] == ""
    assert np.array_equal(np.array(out[0]["image"]), np.array(PIL.Image.open(io.BytesIO(png)))[:, ::-1])


def test_multi_frame_images_are_row_errors_stored_or_decoded():
    buffer = io.BytesIO()
    frames = [PIL.Image.new("RGB", (8, 8), color) for color in ((255, 0, 0), (0, 0, 255))]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    message = "the image is a GIF with 2 frames; only still images are supported"
    stored = hfaug.augment(image_dataset([buffer.getvalue()]), hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    assert stored[0]["hfaug_error"] == message
    decoded = PIL.Image.open(io.BytesIO(buffer.getvalue()))  # as a decoded column or a training loop gives it
    assert hfaug.ImageAugment(ops=[FLIP])({"image": decoded})["hfaug_error"] == message


def _mpo_with_a_preview() -> bytes:
    """An MPO as phones write it: a JPEG photo with a smaller JPEG attached."""
    photo_image = PIL.Image.fromarray(photo())
    buffer = io.BytesIO()
    photo_image.save(buffer, "MPO", save_all=True, append_images=[photo_image.resize((16, 12))], quality=70)
    return buffer.getvalue()


def test_an_mpo_is_its_first_image_written_as_a_jpeg_with_its_tables_stored_or_decoded():
    # it was refused as a multi-frame image, though datasets shows it as its first image
    mpo = _mpo_with_a_preview()
    source = PIL.Image.open(io.BytesIO(mpo))
    stored = hfaug.augment(image_dataset([mpo]), hfaug.ImageAugment(ops=[FLIP]), keep_original=False)
    decoded = hfaug.ImageAugment(ops=[FLIP])({"image": PIL.Image.open(io.BytesIO(mpo))})
    for out in (stored[0], decoded):
        assert out["hfaug_error"] == ""
    for cell in (raw(stored)[0], decoded["image"]):
        written = open_image(cell)
        assert (written.format, getattr(written, "n_frames", 1), written.size) == ("JPEG", 1, (64, 48))
        assert written.quantization == source.quantization


def test_a_non_image_column_fails_before_any_work():
    from datasets import Dataset

    with pytest.raises(hfaug.ColumnError, match="column 'text' holds .*not images"):
        hfaug.augment(Dataset.from_dict({"text": ["a"]}), hfaug.ImageAugment(ops=[FLIP], column="text"))


# ---------------------------------------------------------------- transforms and configuration
def test_transform_with_alpha_gets_image_and_mask():
    out = hfaug.augment(
        image_dataset([image_bytes("RGBA", "PNG")]), hfaug.ImageAugment(v2.ColorJitter(brightness=(2, 2))), keep_original=False
    )
    alpha = np.array(open_image(raw(out)[0]).getchannel("A"))
    assert (alpha[:, :16] == 0).all() and (alpha[:, 16:] == 255).all()


@pytest.mark.parametrize("transform", [v2.AutoAugment(), v2.Compose([v2.RandomRotation(10), v2.RandAugment()])])
def test_policy_refusing_alpha_stops_the_map_and_rgb_cast_works(transform):
    ds = image_dataset([image_bytes("RGBA", "PNG")])
    with pytest.raises(MediaConfigError, match=r"not supported by \w+Augment\(\), so it cannot move the alpha channel of RGBA .*Image\(mode='RGB'\)"):
        hfaug.augment(ds, hfaug.ImageAugment(transform), keep_original=False)
    out = hfaug.augment(ds.cast_column("image", Image(mode="RGB")), hfaug.ImageAugment(transform), keep_original=False)
    assert out[0]["hfaug_error"] == "" and out[0]["image"].mode == "RGB"


def test_transform_changing_channels_keeps_the_stored_mode():
    out = hfaug.augment(image_dataset([image_bytes("RGB", "PNG")]), hfaug.ImageAugment(v2.Grayscale(1)), keep_original=False)
    augmented = open_image(raw(out)[0])
    assert augmented.mode == "RGB"
    pixels = np.array(augmented)
    assert np.array_equal(pixels[..., 0], pixels[..., 1])


def test_float_output_in_unit_range_is_stored_and_normalised_output_stops_the_map():
    ds = image_dataset([image_bytes("RGB", "PNG")])
    scaled = hfaug.augment(ds, hfaug.ImageAugment(v2.ToDtype(torch.float32, scale=True)), keep_original=False)
    assert np.array_equal(np.array(open_image(raw(scaled)[0])), np.array(PIL.Image.open(io.BytesIO(image_bytes("RGB", "PNG")))))
    normalise = v2.Compose([v2.ToDtype(torch.float32, scale=True), v2.Normalize([0.5] * 3, [0.1] * 3)])
    with pytest.raises(MediaConfigError, match="outside \\[0, 1\\].*Normalize"):
        hfaug.augment(ds, hfaug.ImageAugment(normalise), keep_original=False)


@pytest.mark.parametrize(
    ("transform", "message"),
    [
        (lambda image: image.permute(1, 2, 0).numpy(),
         "the transform returned ndarray; it must return an image (a PIL image or a (C, H, W) tensor)"),
        (lambda image: image.to(torch.int32), "the transform returned a torch.int32 tensor; expected uint8 or float in [0, 1]"),
        (lambda image: image[None], "the transform returned a tensor of shape (1, 3, 48, 64); expected (C, H, W)"),
        (v2.ToDtype(torch.float32),  # without scale=True: floats 0-255
         "the transform returned float pixels outside [0, 1] (e.g. after Normalize); stored images must stay images: "
         "leave normalisation to the training transform"),
    ],
    ids=["numpy-array", "int32-tensor", "batch-of-one", "floats-0-255"],
)
def test_a_transform_output_that_is_no_storable_image_stops_the_map(transform, message):
    with pytest.raises(MediaConfigError) as refused:
        hfaug.augment(image_dataset([image_bytes("RGB", "PNG")]), hfaug.ImageAugment(transform), keep_original=False)
    assert str(refused.value) == f"image: {message}"


def test_a_transform_returning_a_grey_tensor_of_two_dimensions_is_stored_in_the_source_mode():
    out = hfaug.augment(image_dataset([image_bytes("RGB", "PNG")]), hfaug.ImageAugment(lambda image: image[0]), keep_original=False)
    source = np.array(PIL.Image.open(io.BytesIO(image_bytes("RGB", "PNG"))))
    augmented = open_image(raw(out)[0])
    assert (out[0]["hfaug_error"], augmented.mode) == ("", "RGB")
    assert all(np.array_equal(np.array(augmented)[..., channel], source[..., 0]) for channel in range(3))


def test_ops_configuration_is_json_data_that_rebuilds():
    aug = hfaug.ImageAugment(ops=[{"op": "rotate", "degrees": 10}, "hflip"], n=2, seed=4)
    config = json.loads(json.dumps(aug.config()))
    assert config["ops"] == [
        {"op": "rotate", "degrees": [-10.0, 10.0], "fill": 0.0, "interpolation": "bilinear", "expand": False, "p": 1.0},
        {"op": "hflip", "p": 0.5},
    ]
    assert hfaug.get("image", **config) == aug
    assert pickle.loads(pickle.dumps(aug)) == aug


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ops": ["spin"]}, "unknown op 'spin'. Known image ops: blur, brightness"),
        ({"ops": [{"op": "rotate", "angle": 3}]}, "^op 'rotate': unknown parameter 'angle'. rotate takes: degrees, expand, fill"),
        ({"ops": [{"op": "rotate", "degree": 3}]}, "^op 'rotate': unknown parameter 'degree'. Did you mean 'degrees'\\? rotate"),
        ({"ops": [{"op": "hflip", "q": 3, "r": 1}]}, "^op 'hflip': unknown parameters 'q', 'r'. hflip takes: p$"),
        ({"ops": [{"op": "brightness", "factor": [2, 1]}]}, "op 'brightness': factor must satisfy low <= high"),
        ({"ops": [{"op": "hflip", "p": 2}]}, "op 'hflip': p must be a number in \\[0, 1\\]"),
        ({"ops": [{"op": "rotate", "degrees": float("nan")}]}, "op 'rotate': degrees must be a finite number or a \\[low, high\\] pair of finite numbers, got nan"),
        ({"ops": [{"op": "rotate", "degrees": [0, float("inf")]}]}, "op 'rotate': degrees must be a finite number .*, got \\[0, inf\\]"),
        ({"ops": [{"op": "brightness", "factor": float("nan")}]}, "op 'brightness': factor must be a finite number .*, got nan"),
        ({"ops": [{"op": "hflip", "p": float("nan")}]}, "op 'hflip': p must be a number in \\[0, 1\\], got nan"),
        ({"ops": [{"op": "rotate", "expand": "no"}]}, "op 'rotate': expand must be true or false, got 'no'"),
        ({"ops": [{"op": "rotate", "interpolation": "cubic"}]}, "op 'rotate': interpolation must be one of .*, got 'cubic'"),
        ({"ops": [{"op": "perspective", "distortion": float("inf")}]}, "op 'perspective': distortion must be a number in \\[0, 1\\], got inf"),
        ({"ops": [{"op": "blur", "sigma": 0}]}, "op 'blur': sigma must lie within \\(0, inf\\), got 0; give one number \\(a fixed value\\) or a \\[low, high\\] pair"),
        ({}, "pass either transform=.* or ops=\\[...\\]"),
        ({"ops": ["hflip"], "transform": v2.RandomHorizontalFlip()}, "exactly one of them"),
        ({"ops": ["hflip"], "quality": 0}, "quality must be 'keep' or an integer in \\[1, 100\\]"),
        ({"ops": ["hflip"], "format": "XYZ"}, "format must be None \\(keep\\) or an image format"),
        ({"ops": ["hflip"], "format": "pdf"}, "image format that Pillow can write and read back.*got 'pdf'"),
        ({"ops": ["hflip"], "format": "png", "quality": 20},  # it was ignored without a word
         "^image: quality=20 applies to JPEG and WEBP only, and format='PNG' writes every image as PNG; leave quality out, "
         "or pass format='JPEG' or 'WEBP'$"),
    ],
)
def test_bad_configuration_is_refused_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        hfaug.ImageAugment(**kwargs)


@pytest.mark.skipif(shutil.which("gs") is not None, reason="Pillow reads EPS where Ghostscript is installed")
def test_a_format_pillow_writes_but_cannot_read_back_here_is_refused_when_built():
    with pytest.raises(ValueError) as error:
        hfaug.ImageAugment(ops=[FLIP], format="eps")
    message = str(error.value)
    assert message.startswith("image: Pillow writes format 'EPS' but cannot read it back on this machine (cannot decode the image (")
    assert message.endswith(
        "OSError: Unable to locate Ghostscript on paths), so `datasets` could not decode the images; pass a format "
        "it reads, such as 'PNG', 'JPEG' or 'WEBP', or install what reading EPS needs"
    )


@pytest.mark.parametrize("op", ["rotate", "perspective"])
def test_a_fill_given_as_an_int_or_a_float_is_one_configuration(op):
    as_int, as_float = (hfaug.ImageAugment(ops=[{"op": op, "fill": fill}]) for fill in (128, 128.0))
    assert json.dumps(as_int.config()) == json.dumps(as_float.config())
    assert Hasher.hash(as_int) == Hasher.hash(as_float)


def test_every_wrong_op_is_reported_at_once():
    with pytest.raises(ValueError) as raised:
        hfaug.ImageAugment(ops=[{"op": "rotat"}, "hflip", {"op": "rotate", "degree": 10}, {"op": "blur", "sigma": 0}])
    assert str(raised.value) == (
        "image: 3 ops are wrong: unknown op 'rotat'. Did you mean 'rotate'?; op 'rotate': unknown parameter 'degree'. "
        "Did you mean 'degrees'? rotate takes: degrees, expand, fill, interpolation, p; op 'blur': sigma must lie within "
        "(0, inf), got 0; give one number (a fixed value) or a [low, high] pair within (0, inf). Known image ops: blur, "
        "brightness, contrast, gaussian_noise, hflip, hue, perspective, random_resized_crop, rotate, saturation, vflip."
    )


def test_wrong_ops_reported_at_once_end_in_one_full_stop():
    # "unknown op 'noize'.. Known image ops"
    with pytest.raises(ValueError) as raised:
        hfaug.ImageAugment(ops=["flip", "noize"])
    assert str(raised.value).startswith(
        "image: 2 ops are wrong: unknown op 'flip'. Did you mean 'hflip' or 'vflip'?; unknown op 'noize'. Known image ops: "
    )


def test_a_transform_class_instead_of_an_instance_is_refused_naming_the_instance_to_pass():
    with pytest.raises(TypeError) as error:
        hfaug.ImageAugment(transform=v2.RandomRotation)

    assert str(error.value) == (
        "image: transform must be a transform object, got the class RandomRotation; pass an instance, "
        "e.g. transform=RandomRotation(...)"
    )


def test_an_op_named_like_an_augmenter_says_to_use_op():
    with pytest.raises(TypeError, match="got {'name': 'rotate'} \\(an op is named by 'op': {'op': 'rotate', ...}\\)$"):
        hfaug.ImageAugment(ops=[{"name": "rotate"}])


@pytest.mark.parametrize("op", ["brightness", "contrast", "saturation"])
def test_a_colour_factor_that_would_go_below_zero_is_refused_not_clipped(op):
    with pytest.raises(ValueError) as error:
        hfaug.ImageAugment(ops=[{"op": op, "factor": 1.5}])
    assert str(error.value) == (
        f"op '{op}': factor must lie within [0, inf), got 1.5 (the range [-0.5, 2.5]); give one number x at most 1 "
        "(the range 1 ± x), or a [low, high] pair within [0, inf)"
    )
    assert hfaug.ImageAugment(ops=[{"op": op, "factor": [0, 2.5]}]).ops[0]["factor"] == [0.0, 2.5]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"op": "random_resized_crop", "scale": [0.5, 1.5]},
         "op 'random_resized_crop': scale must lie within [0, 1], got [0.5, 1.5]; give a [low, high] pair within [0, 1]"),
        ({"op": "random_resized_crop", "scale": 0.5},
         "op 'random_resized_crop': scale must be a [low, high] pair of finite numbers, got 0.5"),
        ({"op": "random_resized_crop", "scale": [0, 0]},
         "op 'random_resized_crop': scale must have high > 0 (a crop has an area), got [0, 0]"),
        ({"op": "random_resized_crop", "ratio": [0, 2]},
         "op 'random_resized_crop': ratio must lie within (0, inf), got [0, 2]; give one number x below 1 (the range 1 ± x), "
         "or a [low, high] pair within (0, inf)"),
        ({"op": "random_resized_crop", "size": -5},
         "op 'random_resized_crop': size must be None (keep each image's size), a positive int (a square) or "
         "[height, width] of positive ints, got -5"),
        ({"op": "hue", "shift": 1},
         "op 'hue': shift must lie within [-0.5, 0.5], got 1 (the range [-1, 1]); give one number x at most 0.5 "
         "(the range 0 ± x), or a [low, high] pair within [-0.5, 0.5]"),
        ({"op": "gaussian_noise", "sigma": 1.5},
         "op 'gaussian_noise': sigma must lie within [0, 1], got 1.5 (the range [0, 1.5]); give one number x at most 1 "
         "(the range [0, x]), or a [low, high] pair within [0, 1]"),
        ({"op": "rotate", "degrees": -5}, "op 'rotate': degrees given as one number x is the range 0 ± x, so x must be >= 0, got -5"),
        ({"op": "rotate", "degrees": 1e308},  # accepted, then every row failed: OverflowError: high - low range exceeds valid bounds
         "op 'rotate': degrees must span a finite width (high - low), got 1e+308 (the range [-1e+308, 1e+308]); give a "
         "narrower range"),
    ],
)
def test_op_parameter_errors_quote_the_value_and_say_what_is_accepted(spec, message):
    with pytest.raises(ValueError) as error:
        hfaug.ImageAugment(ops=[spec])
    assert str(error.value) == message


def test_an_unknown_op_suggests_the_closest_one():
    with pytest.raises(ValueError, match="^image: unknown op 'rotat'. Did you mean 'rotate'\\? Known image ops: blur, "):
        hfaug.ImageAugment(ops=["rotat"])


def test_an_audio_op_given_to_the_image_augmenter_says_where_it_belongs():
    with pytest.raises(ValueError) as error:
        hfaug.ImageAugment(ops=[{"op": "gain", "min_gain_db": -6}])
    assert str(error.value).startswith(
        "image: unknown op 'gain'. 'gain' is an audio op: use it in hfaug.AudioAugment(ops=[...]) "
        "(name: audio in a recipe) on a datasets.Audio column. Known image ops: blur, brightness, "
    )


def test_a_transform_augmenter_equals_its_pickle_round_trip():
    aug = hfaug.ImageAugment(v2.Compose([v2.RandomRotation(15), v2.ColorJitter(0.3, 0.3)]), seed=2)
    copy = pickle.loads(pickle.dumps(aug))
    assert copy == aug and hash(copy) == hash(aug)
    assert aug != hfaug.ImageAugment(v2.Compose([v2.RandomRotation(20), v2.ColorJitter(0.3, 0.3)]), seed=2)
    assert aug != copy.replace(seed=3)

@pytest.mark.slow
def test_transform_object_fingerprint_is_stable_across_processes_and_use():
    aug = hfaug.ImageAugment(v2.Compose([v2.RandomRotation(15), v2.ColorJitter(0.3, 0.3)]), seed=2)
    before = Hasher.hash(aug)
    hfaug.augment(image_dataset([image_bytes()]), aug, keep_original=False)
    assert Hasher.hash(aug) == before
    code = (
        "from torchvision.transforms import v2; import hfaug; from datasets.fingerprint import Hasher; "
        "print(Hasher.hash(hfaug.ImageAugment(v2.Compose([v2.RandomRotation(15), v2.ColorJitter(0.3, 0.3)]), seed=2)))"
    )
    other = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "7", "PATH": ""})
    assert other.stdout.strip() == before


def test_importing_hfaug_does_not_import_torch():
    code = "import sys, hfaug; hfaug.ImageAugment; hfaug.AudioAugment; hfaug.OnTheFly; print(sorted({'torch', 'torchvision', 'audiomentations'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_threads_augmenting_with_a_transform_give_the_single_thread_images_and_leave_the_callers_generators():
    # the process-wide generators were seeded and restored by each thread at once: threads drew from each
    # other's seeds (every chunk differed from one thread's run), and the caller's generators were left seeded
    import random
    from concurrent.futures import ThreadPoolExecutor

    rows = np.random.default_rng(0).integers(0, 255, (32, 48, 48, 3), dtype=np.uint8)
    chunks = [[PIL.Image.fromarray(pixels) for pixels in rows[start : start + 4]] for start in range(0, 32, 4)]
    aug = hfaug.ImageAugment(transform=v2.Compose([v2.RandomRotation(20), v2.ColorJitter(0.4, 0.4)]), seed=1)

    def run(chunk):
        return [cell["bytes"] for cell in aug({"image": chunk})["image"]]

    alone = [run(chunk) for chunk in chunks]
    random.seed(7), np.random.seed(7), torch.manual_seed(7)
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(run, chunks))
    after = (random.random(), np.random.random(), torch.rand(1).item())
    random.seed(7), np.random.seed(7), torch.manual_seed(7)
    assert threaded == alone
    assert after == (random.random(), np.random.random(), torch.rand(1).item())


def test_a_child_forked_while_a_thread_augments_can_seed_the_generators():
    # the lock a thread held while the process forked (DataLoader workers, map(num_proc=...)) stayed held
    # in the child, whose first row then waited forever
    import os
    import threading

    from hfaug.seeding import GLOBAL_RNGS_LOCK

    holding, release = threading.Event(), threading.Event()

    def hold():
        with GLOBAL_RNGS_LOCK:
            holding.set()
            release.wait()

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait()
    pid = os.fork()
    if pid == 0:
        os._exit(0 if GLOBAL_RNGS_LOCK.acquire(timeout=5) else 1)
    release.set()
    thread.join()
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def test_a_child_forked_by_the_thread_that_holds_the_seeding_lock_releases_it():
    # the child's lock was made free anew, so leaving the block raised "cannot release un-acquired lock"
    import os

    from hfaug.seeding import GLOBAL_RNGS_LOCK

    with GLOBAL_RNGS_LOCK:
        pid = os.fork()
        if pid == 0:
            try:
                GLOBAL_RNGS_LOCK.release()
                os._exit(0)
            except RuntimeError:
                os._exit(1)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def test_a_transform_written_for_pil_images_stops_the_map_naming_how_to_give_it_pil_images():
    def pixelate(image):  # PIL code, as AugLy's functions are
        width, height = image.size
        return image.resize((width // 4, height // 4)).resize((width, height), PIL.Image.NEAREST)

    ds = image_dataset([image_bytes("RGB", "PNG")])
    with pytest.raises(MediaConfigError, match=r"^image: the transform takes PIL images, and it is given a torchvision "
                       r"tv_tensors\.Image .*\(TypeError: cannot unpack .*lambda image: transform\(v2\.functional\.to_pil_image"):
        hfaug.augment(ds, hfaug.ImageAugment(pixelate), keep_original=False)
    out = hfaug.augment(ds, hfaug.ImageAugment(lambda image: pixelate(v2.functional.to_pil_image(image))), keep_original=False)
    assert out[0]["hfaug_error"] == ""


def test_a_pil_only_transform_that_asserts_its_input_type_stops_the_map():
    def augly_blur(image):  # as AugLy's functions start
        assert isinstance(image, PIL.Image.Image), "Expected type PIL.Image.Image for variable 'image'"
        return image.rotate(90)

    ds = image_dataset([image_bytes("RGB", "PNG")])
    with pytest.raises(MediaConfigError, match=r"takes PIL images.*\(AssertionError: Expected type PIL"):
        hfaug.augment(ds, hfaug.ImageAugment(augly_blur), keep_original=False)


@pytest.mark.parametrize(("mode", "options"), [("RGBA", {}), ("LA", {}), ("P", {"transparency": 0})])
def test_a_transform_that_is_not_v2_failing_on_the_alpha_channel_stops_the_map_naming_v2(mode, options):
    # torchvision.transforms (v1) ColorJitter got the alpha as a fourth channel and failed on it; the map stopped
    # saying the transform takes PIL images, whose advice loses the alpha (ColorJitter on an RGBA PIL image)
    ds = image_dataset([image_bytes(mode, "PNG", **options)])
    jitter = v1.ColorJitter(0.4, 0.4, 0.4, 0.1)
    with pytest.raises(MediaConfigError, match=r"^image: the transform is given the alpha channel of "
                       rf"{mode} images as a last channel of the image tensor, and it fails on it \(TypeError: .*\) but runs "
                       r"on the colour channels alone\. Give a torchvision\.transforms\.v2 transform \(the same names: "
                       r"v2\.ColorJitter\), which gets the alpha as a Mask and moves it with the pixels, or drop the alpha "
                       r"first: ds\.cast_column\('image', datasets\.Image\(mode='RGB'\)\)$"):
        hfaug.augment(ds, hfaug.ImageAugment(jitter), keep_original=False)
    out = hfaug.augment(ds, hfaug.ImageAugment(v2.ColorJitter(0.4, 0.4, 0.4, 0.1)), keep_original=False)
    assert out[0]["hfaug_error"] == ""


@pytest.mark.parametrize(
    "compose",
    [v2.Compose([v1.RandomHorizontalFlip()]), v2.Compose([v2.RandomRotation(10), v1.ColorJitter(0.3)])],
    ids=["flip", "rotation-then-jitter"],
)
def test_a_v2_compose_holding_a_transform_that_is_not_v2_stops_the_map_on_an_image_with_alpha(compose):
    # v2.Compose handed (Image, Mask) to a torchvision.transforms (v1) step, which takes one input; the map stopped
    # saying the transform takes PIL images
    ds = image_dataset([image_bytes("RGBA", "PNG")])
    with pytest.raises(MediaConfigError, match=r"^image: the transform is given RGBA images as \(Image, Mask\), the alpha "
                       r"as a Mask that v2 transforms move with the pixels, and it fails on that \(TypeError: .*\) but runs on "
                       r"the colour image alone: a step of it that is not a v2 transform \(torchvision\.transforms v1, a "
                       r"function\) takes one input\. Use torchvision\.transforms\.v2 transforms throughout, or drop the "
                       r"alpha first: ds\.cast_column\('image', datasets\.Image\(mode='RGB'\)\)$"):
        hfaug.augment(ds, hfaug.ImageAugment(compose), keep_original=False)


def test_a_transform_failing_on_every_row_is_tried_as_a_pil_image_once():
    calls = []

    def broken(image):
        calls.append(type(image))
        raise TypeError("unsupported label type")

    ds = image_dataset([image_bytes("RGB", "PNG", seed=seed) for seed in range(3)])
    out = hfaug.augment(ds, hfaug.ImageAugment(broken), keep_original=False)
    assert all(error.startswith("TypeError: unsupported label type") for error in out["hfaug_error"])
    assert calls.count(PIL.Image.Image) == 1


def test_a_whole_number_for_a_float_parameter_gives_the_same_configuration():
    # p: 1 and p: 1.0 were two configurations: two version ids, a cache miss
    ops = [{"op": "hflip", "p": 1}, {"op": "perspective", "distortion": 1}]
    as_floats = [{"op": "hflip", "p": 1.0}, {"op": "perspective", "distortion": 1.0}]
    assert hfaug.ImageAugment(ops=ops) == hfaug.ImageAugment(ops=as_floats)
    assert json.dumps(hfaug.ImageAugment(ops=ops).config()) == json.dumps(hfaug.ImageAugment(ops=as_floats).config())


@pytest.mark.parametrize("op", [{"op": "brightness", "factor": [0.9, 0.9]}, {"op": "gaussian_noise", "sigma": [0.01, 0.01]}])
def test_a_palette_copy_whose_pixels_the_palette_takes_back_is_dropped_as_unchanged(op):
    # every copy was kept as augmented, its params recorded, with the source's very pixels
    assert hfaug.ImageAugment(ops=[op], keep_original=True)({"image": [_palette_png()]})["hfaug_copy"] == [0]
    assert hfaug.ImageAugment(ops=[op])({"image": [_palette_png()]})["hfaug_error"] == ["dropped: the ops left it as it was"]
    darker = hfaug.ImageAugment(ops=[{"op": "brightness", "factor": [0.05, 0.05]}])({"image": [_palette_png()]})
    assert darker["hfaug_error"] == [""] and open_image(darker["image"][0]).mode == "P"


def test_the_applications_default_float_type_does_not_change_the_pixels():
    # torch.set_default_dtype(torch.float64) changed saturation's and noise's pixels under the same version id
    import torch

    ops = [{"op": "brightness", "factor": [0.7, 0.7]}, {"op": "contrast"}, {"op": "saturation", "factor": [0.37, 0.37]},
           {"op": "gaussian_noise", "sigma": 0.05}]
    aug = hfaug.ImageAugment(ops=ops, seed=3)
    cell = image_bytes("RGB", "PNG")
    as_float32 = aug({"image": [cell]})["image"]
    torch.set_default_dtype(torch.float64)
    try:
        assert aug({"image": [cell]})["image"] == as_float32
        assert torch.get_default_dtype() == torch.float64  # the application's setting is left as it was
    finally:
        torch.set_default_dtype(torch.float32)
