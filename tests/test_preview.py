"""The before/after preview page, rendered by a real headless browser (Debian `chromium`)."""

from __future__ import annotations

import errno
import io
import logging
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import numpy as np
import PIL.Image
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import soundfile
from datasets import Audio, ClassLabel, Dataset, Features, List, Value, load_dataset
from markupsafe import Markup

from hfaug.errors import HfaugError
from hfaug.media_preview import MOST_SPECTROGRAM_FRAMES, SPECTROGRAM_SIZE, log_spectrogram, spectrogram_png
from hfaug.preview import highlight, summarize_params, write_preview
from hfaug.recipe import Recipe
from hfaug.versioned import read_manifest, save

import toy_augmenters  # noqa: F401  (registers test.shout)
from media_samples import audio_bytes, audio_dataset, chirp, image_bytes, image_dataset, tone

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "recipes" / "data"


def browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        pytest.fail("no headless browser: install Debian's chromium (scripts/setup_system.sh does)")
    return found


def render(page: Path, tmp_path: Path, *flags: str) -> str:
    """Load ``page`` in headless chromium, let scripts and media settle, and return stdout."""
    command = [
        browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
        f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", *flags, page.resolve().as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def dom(page: Path, tmp_path: Path) -> str:
    return render(page, tmp_path, "--dump-dom")


# ---------------------------------------------------------------------------- word diffs
def test_highlight_marks_removed_and_new_words():
    assert highlight("a big cat sat", "a large cat sat down") == Markup("a <del>big</del> <ins>large</ins> cat sat <ins>down</ins>")


def test_highlight_escapes_html():
    assert highlight("x <b>", "x <script>") == Markup("x <del>&lt;b&gt;</del> <ins>&lt;script&gt;</ins>")


def test_params_are_summarised_for_captions():
    assert summarize_params('{"ops": [{"op": "rotate", "angle": 3.21}, {"op": "hflip"}]}') == "rotate, hflip"
    assert summarize_params('{"count": 2, "ratio": 0.123456}') == "count=2, ratio=0.123"
    assert summarize_params("{}") == ""


# ---------------------------------------------------------------------------- pages
@pytest.fixture(scope="module")
def text_version(tmp_path_factory) -> Path:
    data = load_dataset(str(DATA / "clinc150"))
    recipe = Recipe.from_dict({"column": "text", "label_column": "intent", "augmenters": [{"name": "test.shout", "p": 0.3}], "n": 2})
    return save(recipe.apply(data, samples=7), tmp_path_factory.mktemp("text"))


@pytest.fixture(scope="module")
def image_version(tmp_path_factory) -> Path:
    data = load_dataset("parquet", data_files=str(DATA / "shapes.parquet"), split="train").select(range(10))
    recipe = Recipe.from_yaml(ROOT / "recipes" / "image-classification.yaml")
    return save(recipe.apply(data, samples=5), tmp_path_factory.mktemp("image"))


@pytest.fixture(scope="module")
def audio_version(tmp_path_factory) -> Path:
    data = load_dataset("parquet", data_files=str(DATA / "tones.parquet"), split="train").select(range(6))
    recipe = Recipe.from_yaml(ROOT / "recipes" / "audio-classification.yaml")
    return save(recipe.apply(data, samples=4), tmp_path_factory.mktemp("audio"))


def test_the_text_page_shows_every_sample_with_changed_words_highlighted(text_version, tmp_path):
    html = dom(text_version / "preview" / "index.html", tmp_path)
    assert len(re.findall(r'<section class="sample"', html)) == 7
    assert 'data-samples="7"' in html
    assert len(re.findall(r'<span class="text after">', html)) == 7 * 2
    assert html.count("<ins>") >= 7 and html.count("<del>") >= 7
    assert re.search(r'<span class="label">\w+</span>', html)


def test_the_image_page_shows_a_grid_per_sample_and_every_image_loads(image_version, tmp_path):
    html = dom(image_version / "preview" / "index.html", tmp_path)
    assert len(re.findall(r'<section class="sample"', html)) == 5
    assert len(re.findall(r'<img class="media"', html)) == 5 * (1 + 3)
    assert 'data-loaded="20" data-failed="0"' in html and "20 media files loaded" in html
    assert not re.search(r'class="[^"]*\bbroken\b', html)


def test_the_audio_page_has_players_and_spectrograms_that_load(audio_version, tmp_path):
    html = dom(audio_version / "preview" / "index.html", tmp_path)
    assert len(re.findall(r'<section class="sample"', html)) == 4
    assert len(re.findall(r"<audio controls", html)) == 4 * 3
    assert len(re.findall(r'<img class="spectrogram"', html)) == 4 * 3
    assert 'data-loaded="24" data-failed="0"' in html


def test_a_missing_image_is_reported_on_the_page(image_version, tmp_path):
    copy = tmp_path / "version"
    shutil.copytree(image_version, copy)
    next((copy / "preview" / "assets").glob("*.png")).unlink()
    html = dom(copy / "preview" / "index.html", tmp_path)
    assert 'data-failed="1"' in html and "1 of 20 media files failed to load" in html


def test_the_page_renders_to_a_non_blank_screenshot(text_version, tmp_path):
    shot = tmp_path / "page.png"
    render(text_version / "preview" / "index.html", tmp_path, f"--screenshot={shot}", "--window-size=1000,800")
    picture = PIL.Image.open(shot).convert("RGB")
    assert picture.size == (1000, 800)
    assert len(picture.getcolors(maxcolors=1 << 16) or []) > 50  # text, highlights and panels, not an empty page


def test_a_page_written_without_the_sample_rows_says_so(text_version, tmp_path, caplog):
    # it showed no samples without a word
    copy = shutil.copytree(text_version, tmp_path / "version")
    shutil.rmtree(copy / "preview")
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        page = write_preview(copy)
    assert page.read_text().count('<section class="sample"') == 0
    samples = len(read_manifest(copy)[1]["samples"])
    assert [record.getMessage() for record in caplog.records if record.name.startswith("hfaug")] == [
        f"{copy} has no preview/samples.parquet, which holds the {samples} before/after samples the manifest lists: the "
        "page shows none (`hfaug show` prints them as text; apply the recipe again to write them)"
    ]


def test_preview_can_show_fewer_samples(text_version, tmp_path):
    copy = tmp_path / "version"
    shutil.copytree(text_version, copy)
    page = write_preview(copy, limit=3)
    assert page.read_text().count('<section class="sample"') == 3


def test_a_clip_too_short_for_a_spectrogram_is_shown_decodable_without_one(tmp_path):
    cells = [audio_bytes(tone()), audio_bytes(np.array([0.3], np.float32))]  # a valid clip of one sample
    data = Dataset.from_dict({"audio": [{"bytes": cell, "path": None} for cell in cells], "label": [0, 1]}).cast_column("audio", Audio())
    recipe = Recipe.from_dict({"column": "audio", "label_column": "label", "augmenters": [{"name": "audio", "ops": ["gain"]}]})
    folder = save(recipe.apply(data), tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        html = write_preview(folder).read_text()
    assert [str(warning.message) for warning in caught] == []
    assert "not decodable" not in html
    assert html.count("<audio controls") == 4 and html.count('<img class="spectrogram"') == 2  # none for the short clip


def test_labels_are_shown_by_name_and_a_missing_label_not_at_all(tmp_path):
    features = Features(
        {
            "text": Value("string"),
            "labels": List(ClassLabel(names=["animal", "time"])),
            "single": ClassLabel(names=["A", "B"]),
            "score": Value("float64"),
        }
    )
    texts = ["the quick brown fox jumps", "a lazy dog sleeps all day", "birds sing in the early morning"]
    rows = {"labels": [[0, 1], [1], [0]], "single": [None, 1, -1], "score": [float("nan"), 0.5, 2.0]}  # -1: a ClassLabel's none
    data = Dataset.from_dict({"text": texts, **rows}, features=features)
    shown = {}
    for label_column in ("labels", "single", "score"):
        fields = {"name": label_column, "column": "text", "label_column": label_column, "augmenters": ["eda.swap"]}
        recipe = Recipe.from_dict(fields)
        page = save(recipe.apply(data), tmp_path / label_column) / "preview" / "index.html"
        shown[label_column] = re.findall(r'<span class="label">(.*?)</span>', page.read_text())
    assert shown == {"labels": ["animal, time", "time", "animal"], "single": ["B"], "score": ["0.5", "2.0"]}


# ---------------------------------------------------------------------------- spectrograms
def test_a_short_clip_has_a_spectrogram_frame_every_128_samples():
    clip = tone(seconds=2.0)
    assert log_spectrogram(clip, 16000).shape == (257, 1 + (len(clip) - 512) // 128)


def test_a_long_clip_has_a_spectrogram_of_at_most_four_frames_per_column_spread_over_all_of_it():
    rate = 8000
    sweep = chirp(seconds=240.0, rate=rate, low=200.0, high=3800.0)  # rising over four minutes
    decibels = log_spectrogram(sweep, rate)
    assert decibels.shape[0] == 257 and SPECTROGRAM_SIZE[0] <= decibels.shape[1] <= MOST_SPECTROGRAM_FRAMES
    loudest_hz = decibels.argmax(axis=0) * rate / 512
    assert abs(loudest_hz[0] - 200) < 50 and abs(loudest_hz[-1] - 3800) < 50  # its start and its end
    png = PIL.Image.open(io.BytesIO(spectrogram_png(decibels, decibels.max() - 80, decibels.max())))
    assert png.size == SPECTROGRAM_SIZE


# ---------------------------------------------------------------------------- media formats
IMAGE_FORMATS = {  # stored format: what the preview shows
    "TIFF": "PNG", "PPM": "PNG", "PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WEBP", "BMP": "BMP",
}
AUDIO_FORMATS = {"AIFF": "WAV", "AU": "WAV", "CAF": "WAV", "WAV": "WAV", "FLAC": "FLAC", "OGG": "OGG"}
EXTENSIONS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp", "BMP": ".bmp", "WAV": ".wav", "FLAC": ".flac", "OGG": ".ogg"}


@pytest.fixture(scope="module")
def mixed_image_version(tmp_path_factory) -> Path:
    cells = [image_bytes("RGB", format, seed=seed) for seed, format in enumerate(IMAGE_FORMATS)]
    recipe = Recipe.from_dict({"column": "image", "label_column": "label", "augmenters": [{"name": "image", "ops": [{"op": "hflip", "p": 1.0}]}]})
    return save(recipe.apply(image_dataset(cells)), tmp_path_factory.mktemp("mixed-images"))


@pytest.fixture(scope="module")
def mixed_audio_version(tmp_path_factory) -> Path:
    subtypes = {"OGG": "VORBIS"}
    cells = [audio_bytes(tone(seconds=0.2), format=format, subtype=subtypes.get(format, "PCM_16")) for format in AUDIO_FORMATS]
    recipe = Recipe.from_dict({"column": "audio", "label_column": "label", "augmenters": [{"name": "audio", "ops": [{"op": "gain", "p": 1.0}]}]})
    return save(recipe.apply(audio_dataset(cells)), tmp_path_factory.mktemp("mixed-audio"))


def shown_formats(version: Path, kind: str) -> list[tuple[str, str]]:
    """``(extension, format)`` of each image or audio file of the preview, sorted."""
    files = sorted(path for path in (version / "preview" / "assets").iterdir() if "spectrogram" not in path.name)
    if kind == "image":
        return sorted((path.suffix, PIL.Image.open(path).format) for path in files)
    return sorted((path.suffix, soundfile.info(path).format) for path in files)


@pytest.mark.parametrize(("kind", "formats"), [("image", IMAGE_FORMATS), ("audio", AUDIO_FORMATS)])
def test_media_browsers_cannot_show_are_converted_and_every_file_is_named_by_its_format(kind, formats, request):
    version = request.getfixturevalue(f"mixed_{kind}_version")
    expected = [(EXTENSIONS[shown], shown) for shown in formats.values() for _ in range(2)]  # the original and its copy
    assert shown_formats(version, kind) == sorted(expected)


@pytest.mark.parametrize("kind", ["image", "audio"])
def test_converted_previews_are_the_same_bytes_every_time(kind, request, tmp_path):
    version = shutil.copytree(request.getfixturevalue(f"mixed_{kind}_version"), tmp_path / "version")
    assets = version / "preview" / "assets"
    before = {path.name: path.read_bytes() for path in assets.iterdir()}
    write_preview(version)
    assert {path.name: path.read_bytes() for path in assets.iterdir()} == before


def test_every_converted_image_and_clip_loads_in_a_browser(mixed_image_version, mixed_audio_version, tmp_path):
    images = dom(mixed_image_version / "preview" / "index.html", tmp_path)
    clips = dom(mixed_audio_version / "preview" / "index.html", tmp_path)
    assert 'data-loaded="14" data-failed="0"' in images
    assert 'data-loaded="24" data-failed="0"' in clips  # a player and a spectrogram per clip


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_page_that_cannot_be_written_whole_leaves_the_page_that_was_there(text_version, tmp_path, monkeypatch):
    version = shutil.copytree(text_version, tmp_path / "version")
    page = (version / "preview" / "index.html").read_text()
    (tmp_path / "victim.txt").write_text("keep me")
    (version / "preview" / ".index.html.partial").symlink_to(tmp_path / "victim.txt")  # never written through
    replace = os.replace

    def disk_full(source, target):  # as the last blocks of the new page fail to be written
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_preview(version, limit=2)
    assert (version / "preview" / "index.html").read_text() == page
    assert sorted(path.name for path in (version / "preview").iterdir()) == [
        ".index.html.partial", "index.html", "samples.parquet"
    ]
    monkeypatch.setattr(os, "replace", replace)
    write_preview(version, limit=2)
    assert (tmp_path / "victim.txt").read_text() == "keep me" and not (version / "preview" / "index.html").is_symlink()
    assert (version / "preview" / "index.html").stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_a_version_folder_that_cannot_be_written_is_refused_before_any_work(text_version, tmp_path, monkeypatch):
    # it failed on the page's temporary file, in a bare PermissionError naming that file
    version = shutil.copytree(text_version, tmp_path / "version")
    before = sorted(path.relative_to(version) for path in version.rglob("*"))
    can_write = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode, **options: Path(path) != version / "preview" and can_write(path, mode, **options)
    )
    with pytest.raises(HfaugError) as refused:
        write_preview(version)
    assert str(refused.value) == (
        f"cannot write the preview in {str(version / 'preview')!r}: you cannot write in that folder; copy the version "
        "folder to one you can write (cp -r) and write the preview there"
    )
    assert sorted(path.relative_to(version) for path in version.rglob("*")) == before


# ---------------------------------------------------------------------------- folders from elsewhere
@pytest.mark.parametrize("linked", ["preview", "preview/assets", "preview/index.html"])
def test_a_preview_that_is_a_link_is_refused_and_what_it_points_to_is_left_alone(text_version, tmp_path, linked):
    version = shutil.copytree(text_version, tmp_path / "version")
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(version / "preview", elsewhere)
    (elsewhere / "assets").mkdir()
    (elsewhere / "assets" / "precious.txt").write_text("keep me")
    (elsewhere / "index.html").write_text("my own page")
    target = {"preview": elsewhere, "preview/assets": elsewhere / "assets", "preview/index.html": elsewhere / "index.html"}[linked]
    shutil.rmtree(version / linked) if (version / linked).is_dir() else (version / linked).unlink(missing_ok=True)
    (version / linked).symlink_to(target)

    with pytest.raises(HfaugError) as error:
        write_preview(version)

    assert str(error.value) == (
        f"{str(version / linked)!r} is a symbolic link, and the preview writes only inside the version folder; "
        "remove the link and write the preview again"
    )
    assert (elsewhere / "assets" / "precious.txt").read_text() == "keep me"
    assert (elsewhere / "index.html").read_text() == "my own page"


@pytest.mark.parametrize("kind", ["image", "audio"])
def test_a_sample_that_only_names_a_file_is_shown_missing_and_the_file_is_not_read(kind, request, tmp_path):
    version = shutil.copytree(request.getfixturevalue(f"{kind}_version"), tmp_path / "version")
    secret = tmp_path / "SECRET.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    samples = version / "preview" / "samples.parquet"
    table = pq.read_table(samples)
    column = table.schema.get_field_index(kind)
    cells = pa.array([{"bytes": None, "path": str(secret)}] * table.num_rows, type=table.schema.field(column).type)
    pq.write_table(table.set_column(column, kind, cells), samples)

    html = write_preview(version).read_text()

    assert [path.read_bytes() for path in (version / "preview" / "assets").iterdir()] == []
    assert html.count("no stored bytes (a file the sample only names is not read)") == table.num_rows


def test_the_filter_counts_name_the_copies_kept_unjudged(text_version, tmp_path):
    import json

    copy = tmp_path / "version"
    shutil.copytree(text_version, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["stats"]["filters"] = [
        {"filter": "label_consistency", "rows_checked": 960, "rows_dropped": 55, "rows_unjudged": 487, "reasons": {}},
        {"filter": "duplicates", "rows_checked": 20, "rows_dropped": 2, "reasons": {}},  # made before it was counted
    ]
    (copy / "manifest.json").write_text(json.dumps(manifest))
    pills = re.findall(r'<span class="pill">filter (.*?)</span>\n', write_preview(copy).read_text())
    assert pills == [
        "<code>label_consistency</code>: 55 of 960 dropped, 487 kept unjudged",
        "<code>duplicates</code>: 2 of 20 dropped",
    ]
