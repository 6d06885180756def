"""A before/after page of a versioned dataset that a person can open in a browser:
text pairs with the changed words highlighted, image grids, audio players with spectrograms.

The page is static (``preview/index.html`` plus ``preview/assets/``) and works offline.
"""

from __future__ import annotations

import difflib
import json
import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from datasets import Dataset, Features
from markupsafe import Markup, escape

from hfaug import provenance
from hfaug.errors import HfaugError
from hfaug.media_preview import (
    browser_file,
    check_preview_packages,
    decode_audio,
    describe,
    display_label,
    log_spectrogram,
    media_kind,
    spectrogram_png,
    stored_bytes,
)
from hfaug.text_columns import holds_text
from hfaug.versioned.layout import PREVIEW_DIR, SAMPLES_FILE
from hfaug.versioned.loading import load_samples
from hfaug.versioned.manifests import read_manifest
from hfaug.whole_files import write_whole

if TYPE_CHECKING:
    import numpy as np

INDEX = "index.html"
ASSETS = "assets"
NO_BYTES = "no stored bytes (a file the sample only names is not read)"
_PARAMS_CHARS = 90

logger = logging.getLogger(__name__)


def highlight(before: str, after: str) -> Markup:
    """HTML of ``after`` as an inline word diff against ``before``: new words in ``<ins>``,
    removed words in ``<del>``, unchanged words as they are (whitespace-separated tokens).

    Example:
        >>> highlight("a big cat", "a large cat")
        Markup('a <del>big</del> <ins>large</ins> cat')
    """
    old, new = before.split(), after.split()
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(str(escape(" ".join(new[j1:j2]))))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(old[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(new[j1:j2]))}</ins>")
    return Markup(" ".join(parts))


def write_preview(directory: str | os.PathLike, *, limit: int | None = None) -> Path:
    """Write ``preview/index.html`` (and its assets) for a version folder.

    Args:
        directory (`str` or `Path`): ``OUT/<version>``, or ``OUT`` when it holds one version.
        limit (`int`, *optional*): Show at most this many samples.

    Returns:
        `Path`: The page.

    Raises:
        MissingDependency: When a package that showing the version's images or audio needs is not installed.
        HfaugError: When ``preview/``, its ``assets/`` or its ``index.html`` is a symbolic link, or the folder
            the page goes in cannot be written.

    Example:
        >>> hfaug.preview.write_preview("out/clinc150-intents-3f2a9c0e1b7d")
        PosixPath('out/clinc150-intents-3f2a9c0e1b7d/preview/index.html')
    """
    folder, manifest = read_manifest(directory)
    preview_dir = _preview_dir(folder)
    recipe = manifest["recipe"]
    column, label_column = recipe["column"], recipe.get("label_column")
    rows = load_samples(folder)
    if rows is None and manifest.get("samples") and not (folder / PREVIEW_DIR / SAMPLES_FILE).exists():
        logger.warning(
            "%s has no %s/%s, which holds the %d before/after samples the manifest lists: the page shows none "
            "(`hfaug show` prints them as text; apply the recipe again to write them)",
            folder, PREVIEW_DIR, SAMPLES_FILE, len(manifest["samples"]),
        )
    groups = _groups(rows, limit) if rows is not None else []
    features = rows.features if rows is not None else Features()
    kind = "text"
    if rows is not None:
        kind = media_kind(features[column]) or ("text" if holds_text(features[column]) else "other")
    check_preview_packages(kind)
    assets = preview_dir / ASSETS
    shutil.rmtree(assets, ignore_errors=True)
    if kind in ("image", "audio"):
        assets.mkdir(parents=True)
    samples = [
        _sample(number, _stored_rows(rows, group), column, label_column, kind, features, assets)
        for number, group in enumerate(groups)
    ]
    page = _environment().get_template("preview.html.jinja").render(
        title=recipe.get("name") or manifest["version"],
        manifest=manifest,
        recipe=recipe,
        column=column,
        kind=kind,
        source=_source(manifest["source"]),
        augmenters=list(manifest["stats"]["augmenters"].items()),
        filters=manifest["stats"]["filters"],
        samples=samples,
    )
    preview_dir.mkdir(parents=True, exist_ok=True)
    path = preview_dir / INDEX
    write_whole(path, page)
    return path


def _preview_dir(folder: Path) -> Path:
    """``folder/preview``, refused where the page would be written through a symbolic link (a version
    folder from elsewhere could point one at any folder, whose ``assets/`` and ``index.html`` the page replaces),
    or where it cannot be written (a version folder of someone else, or on a read-only disk)."""
    preview_dir = folder / PREVIEW_DIR
    for path in (preview_dir, preview_dir / ASSETS, preview_dir / INDEX):
        if path.is_symlink():
            raise HfaugError(
                f"{str(path)!r} is a symbolic link, and the preview writes only inside the version folder; "
                "remove the link and write the preview again"
            )
    written = preview_dir if preview_dir.is_dir() else folder
    if not os.access(written, os.W_OK | os.X_OK):
        raise HfaugError(
            f"cannot write the preview in {str(written)!r}: you cannot write in that folder; copy the version folder "
            "to one you can write (cp -r) and write the preview there"
        )
    return preview_dir


def _groups(rows: Dataset, limit: int | None) -> list[list[int]]:
    """Indices of the sample rows grouped by source, original first."""
    stored = rows.with_format("arrow")
    sources, copies = stored[provenance.SOURCE_ID].to_pylist(), stored[provenance.COPY].to_pylist()
    groups: dict[str, list[int]] = {}
    for index, source in enumerate(sources):
        groups.setdefault(source, []).append(index)
    ordered = [sorted(group, key=copies.__getitem__) for group in groups.values()]
    return ordered[:limit] if limit is not None else ordered


def _stored_rows(rows: Dataset, indices: list[int]) -> list[dict[str, Any]]:
    """The stored values of some sample rows: read one group at a time, so that the page holds the
    images or clips of one group as Python values, not those of every sample."""
    return rows.with_format("arrow")[indices].to_pylist()


def _sample(
    number: int,
    group: Sequence[dict[str, Any]],
    column: str,
    label_column: str | None,
    kind: str,
    features: Features,
    assets: Path,
) -> dict[str, Any]:
    original, copies = group[0], list(group[1:])
    items = [_item(row) for row in group]
    if kind == "text":
        items[0]["html"] = escape(original[column] or "")
        for item, row in zip(items[1:], copies):
            item["html"] = highlight(original[column] or "", row[column] or "")
    elif kind == "image":
        for copy, (item, row) in enumerate(zip(items, group)):
            _add_asset(item, assets, f"{number:03d}-{copy}", stored_bytes(row[column]), kind)
    elif kind == "audio":
        _audio_assets(number, items, group, column, assets)
    else:
        for item, row in zip(items, group):
            item["description"] = describe(row[column], features[column])
    return {
        "source_id": original[provenance.SOURCE_ID],
        "label": display_label(original.get(label_column), features.get(label_column)) if label_column else None,
        "original": items[0],
        "copies": items[1:],
    }


def _item(row: dict[str, Any]) -> dict[str, Any]:
    params = row.get(provenance.PARAMS) or ""
    return {
        "augmenter": row[provenance.AUGMENTER],
        "error": row.get(provenance.ERROR) or "",
        "params": summarize_params(params),
        "params_json": params,
        "html": "",
        "file": "",
        "spectrogram": "",
        "description": "",
    }


def summarize_params(params: str) -> str:
    """A short caption of a row's sampled parameters (``hfaug_params`` JSON): the op names of
    media augmenters, else ``key=value`` pairs with rounded numbers.

    Example:
        >>> summarize_params('{"ops": [{"op": "rotate", "angle": 3.2}, {"op": "hflip"}]}')
        'rotate, hflip'
    """
    try:
        data = json.loads(params) if params else {}
    except json.JSONDecodeError:
        data = params
    if isinstance(data, dict) and isinstance(data.get("ops"), list):
        names = [str(op.get("op")) for op in data["ops"] if isinstance(op, dict)]
        return ", ".join(names) or "no op applied"
    if isinstance(data, dict):
        text = ", ".join(f"{key}={_rounded(value)}" for key, value in data.items())
    else:
        text = str(data)
    return text if len(text) <= _PARAMS_CHARS else text[: _PARAMS_CHARS - 1] + "…"


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return float(f"{value:.3g}")
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    return value


def _audio_assets(number: int, items: list[dict[str, Any]], group: Sequence[dict[str, Any]], column: str, assets: Path) -> None:
    """Audio files plus spectrograms on one shared dB scale, so copies compare with their original."""
    spectra: list[np.ndarray | None] = []
    for copy, (item, row) in enumerate(zip(items, group)):
        data = stored_bytes(row[column])
        _add_asset(item, assets, f"{number:03d}-{copy}", data, "audio")
        spectra.append(_spectrum(item, data))
    valid = [spectrum for spectrum in spectra if spectrum is not None]
    if not valid:
        return
    high = max(float(spectrum.max()) for spectrum in valid)
    low = high - 80.0
    for copy, (item, spectrum) in enumerate(zip(items, spectra)):
        if spectrum is not None:
            name = f"{number:03d}-{copy}-spectrogram.png"
            (assets / name).write_bytes(spectrogram_png(spectrum, low, high))
            item["spectrogram"] = f"{ASSETS}/{name}"


def _spectrum(item: dict[str, Any], data: bytes | None) -> np.ndarray | None:
    """The dB spectrogram of a clip, small whatever the clip's length (its samples are freed on return);
    ``None`` for no bytes, a clip of a few samples, or one not decodable, which ``item`` then reports."""
    if data is None:
        return None
    try:
        samples, rate = decode_audio(data)
    except Exception as error:  # an undecodable clip is shown as such, never stops the page
        item["error"] = item["error"] or f"not decodable: {type(error).__name__}"
        return None
    return log_spectrogram(samples, rate)


def _add_asset(item: dict[str, Any], assets: Path, stem: str, data: bytes | None, kind: str) -> None:
    """Write ``data`` as ``<stem>.<extension>``, a file browsers show (see `browser_file`), and link it
    from ``item``; an undecodable file is written as it is (``.bin``), and the page reports it not loading.
    For a cell without bytes, ``item`` says so and links nothing."""
    if data is None:
        item["error"] = item["error"] or NO_BYTES
        return
    try:
        data, suffix = browser_file(data, kind)
    except Exception:
        suffix = "bin"
    name = f"{stem}.{suffix}"
    (assets / name).write_bytes(data)
    item["file"] = f"{ASSETS}/{name}"


def _source(source: dict[str, Any]) -> str:
    if source.get("kind") == "hub":
        return f"{source.get('id')} @ {source.get('revision') or 'unknown revision'}"
    return source.get("path") or source.get("description") or json.dumps(source.get("splits", {}))


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("hfaug", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
