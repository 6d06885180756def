"""Showing stored values to people: labels by name, short descriptions of image and audio
cells (``{"bytes", "path"}``), files browsers show or play, and spectrogram pictures for previews."""

from __future__ import annotations

import importlib
import io
import json
from typing import Any

import numpy as np
from datasets import Audio, ClassLabel, Image
from numpy.lib.stride_tricks import sliding_window_view

from hfaug.errors import optional_imports
from hfaug.labels import is_null_label

# A perceptually ordered dark-to-bright colour ramp (like matplotlib's "magma").
_RAMP = np.array(
    [[0, 0, 4], [40, 11, 84], [101, 21, 110], [159, 42, 99], [212, 72, 66], [245, 125, 21], [250, 193, 39], [252, 255, 164]],
    dtype=np.float64,
)
SPECTROGRAM_SIZE = (320, 120)
_SHORTEST_SEGMENT = 16  # samples: a shorter clip gets no spectrogram
_SEGMENT = 512  # samples analysed per spectrogram frame
# Frames per spectrogram at most, four per column of the picture: a longer clip has its frames spaced out.
MOST_SPECTROGRAM_FRAMES = 4 * SPECTROGRAM_SIZE[0]
_TEXT_CHARS = 2000
# Formats browsers show or play, by the name Pillow or libsndfile gives them, with their extension.
_BROWSER_IMAGES = {"PNG": "png", "JPEG": "jpg", "MPO": "jpg", "GIF": "gif", "WEBP": "webp", "BMP": "bmp", "AVIF": "avif"}
_BROWSER_AUDIO = {"WAV": "wav", "FLAC": "flac", "OGG": "ogg", "MP3": "mp3"}
_BROWSER_WAV_SUBTYPES = ("PCM_U8", "PCM_16", "PCM_24", "PCM_32", "FLOAT")
_PNG_MODES = ("1", "L", "LA", "I;16", "I;16B", "P", "RGB", "RGBA")
# What showing each kind of media needs (the extra of that name installs it): browser files, spectrograms.
_PREVIEW_PACKAGES = {"image": ("PIL",), "audio": ("soundfile", "scipy", "PIL")}


def check_preview_packages(kind: str) -> None:
    """Raise :class:`hfaug.MissingDependency` naming the first package that showing ``kind`` media
    (``"image"``, ``"audio"``) needs and that is not installed, and the extra that installs it."""
    for package in _PREVIEW_PACKAGES.get(kind, ()):
        with optional_imports(f"hfaug.{kind}", f"the preview of {kind}"):
            importlib.import_module(package)


def media_kind(feature: Any) -> str | None:
    """``"image"``, ``"audio"`` or ``None`` for a `datasets` feature."""
    if isinstance(feature, Image):
        return "image"
    if isinstance(feature, Audio):
        return "audio"
    return None


def display_label(value: Any, feature: Any) -> Any:
    """A label as people read it: the class name of a `ClassLabel` id, the labels of a list
    (multi-label) joined with ``", "``, else the value itself (``None`` for a null label: None, NaN,
    a `ClassLabel`'s -1)."""
    if is_null_label(value, feature):
        return None
    if isinstance(value, list):
        item_feature = getattr(feature, "feature", None)  # List, Sequence and LargeList features
        return ", ".join(str(display_label(item, item_feature)) for item in value)
    if isinstance(feature, ClassLabel) and isinstance(value, int) and 0 <= value < feature.num_classes:
        return feature.int2str(value)
    return value


def stored_bytes(value: Any) -> bytes | None:
    """The encoded bytes a stored media value holds; ``None`` for one without. A file the value only
    names is never read: hfaug embeds the bytes of every sample it writes, so a path alone comes from
    a folder changed or written elsewhere, and reading it would copy a local file into the page."""
    if not isinstance(value, dict):
        return None
    return value.get("bytes") or None


def describe(value: Any, feature: Any) -> str:
    """A short description of a stored cell: the text itself (at most 2000 characters), or e.g.
    ``image 64x64 RGB PNG``."""
    if isinstance(value, str):
        return value if len(value) <= _TEXT_CHARS else value[: _TEXT_CHARS - 1] + "…"
    kind = media_kind(feature)
    data = stored_bytes(value) if kind else None
    if kind == "image" and data is not None:
        import PIL.Image

        try:
            with PIL.Image.open(io.BytesIO(data)) as picture:
                return f"image {picture.width}x{picture.height} {picture.mode} {picture.format}"
        except Exception:
            return f"image ({len(data)} bytes, not decodable)"
    if kind == "audio" and data is not None:
        try:
            import soundfile

            info = soundfile.info(io.BytesIO(data))
            channels = "mono" if info.channels == 1 else f"{info.channels} channels"
            return f"audio {info.frames / info.samplerate:.2f} s {info.samplerate} Hz {channels}"
        except Exception:
            return f"audio ({len(data)} bytes)"
    if kind:  # a cell that names a file no one could read: its path is no description (and local)
        return f"{kind} (no stored bytes)"
    return json.dumps(value, default=str, ensure_ascii=False)[:200]


def browser_file(data: bytes, kind: str) -> tuple[bytes, str]:
    """An encoded image or clip as a file browsers show or play, and its extension: ``data`` itself
    when browsers read its format (PNG, JPEG, GIF, WebP, BMP, AVIF; WAV, FLAC, Ogg, MP3), else the
    image as PNG (TIFF, PPM, ...) or the clip as 16-bit WAV (AIFF, AU, CAF, ...).

    Raises:
        Exception: ``data`` cannot be decoded.
    """
    return _browser_image(data) if kind == "image" else _browser_audio(data)


def _browser_image(data: bytes) -> tuple[bytes, str]:
    import PIL.Image
    import PIL.ImageOps

    with PIL.Image.open(io.BytesIO(data)) as picture:
        if picture.format in _BROWSER_IMAGES:
            return data, _BROWSER_IMAGES[picture.format]
        upright = PIL.ImageOps.exif_transpose(picture)  # a copy, turned as its EXIF orientation says
    if upright.mode not in _PNG_MODES:
        upright = upright.convert("RGBA" if upright.has_transparency_data else "RGB")
    buffer = io.BytesIO()
    upright.save(buffer, format="PNG")
    return buffer.getvalue(), "png"


def _browser_audio(data: bytes) -> tuple[bytes, str]:
    import soundfile

    try:
        info = soundfile.info(io.BytesIO(data))
    except Exception:  # a format libsndfile cannot read: converted
        info = None
    plays = info is not None and info.format in _BROWSER_AUDIO
    if plays and (info.format != "WAV" or info.subtype in _BROWSER_WAV_SUBTYPES):  # a WAV of PCM or floats
        return data, _BROWSER_AUDIO[info.format]
    samples, rate = _read_audio(data)
    buffer = io.BytesIO()
    soundfile.write(buffer, samples.T, rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue(), "wav"


def _read_audio(data: bytes) -> tuple[np.ndarray, int]:
    """Float samples ``(channels, frames)`` and sampling rate of an encoded clip, read as the audio
    augmenter reads it (soundfile, else torchcodec; at most :data:`hfaug.audio.codec.MAX_SAMPLES`).

    Raises:
        InvalidValue: The clip cannot be decoded, or is longer than that.
    """
    from hfaug.audio import codec

    sound = codec.decode(data)
    return sound.samples, sound.sample_rate


def decode_audio(data: bytes) -> tuple[np.ndarray, int]:
    """Mono float samples and sampling rate of an encoded clip (see :func:`_read_audio`)."""
    samples, rate = _read_audio(data)
    return (samples[0] if len(samples) == 1 else samples.mean(axis=0)), rate


def log_spectrogram(samples: np.ndarray, rate: int) -> np.ndarray | None:
    """Power spectrogram in dB (frequency x time) of frames of 512 samples a quarter frame apart, or, for a
    clip that would have more than :data:`MOST_SPECTROGRAM_FRAMES` frames, of that many frames spread over
    it (so its size and the time it takes are bounded by the picture's); ``None`` for a clip too short to
    have one."""
    from scipy.signal import spectrogram

    if len(samples) < _SHORTEST_SEGMENT:
        return None
    segment = min(_SEGMENT, len(samples))
    frames = sliding_window_view(samples, segment)[:: _frame_step(len(samples), segment)]  # a view: nothing copied
    _, _, power = spectrogram(frames, fs=rate, nperseg=segment, noverlap=0, axis=-1)  # (frames, frequencies, 1)
    return 10 * np.log10(power[..., 0].T + 1e-12)


def _frame_step(length: int, segment: int) -> int:
    """Samples from one frame's start to the next: a quarter frame, or more where a clip of ``length``
    samples would otherwise have more than :data:`MOST_SPECTROGRAM_FRAMES` frames."""
    quarter = segment - segment * 3 // 4
    return max(quarter, -(-(length - segment) // (MOST_SPECTROGRAM_FRAMES - 1)))


def spectrogram_png(decibels: np.ndarray, low: float, high: float) -> bytes:
    """PNG bytes of a spectrogram coloured on a ``[low, high]`` dB scale (low frequencies at the bottom)."""
    import PIL.Image

    scaled = np.clip((decibels - low) / max(high - low, 1e-9), 0.0, 1.0)[::-1]
    positions = np.linspace(0.0, 1.0, len(_RAMP))
    rgb = np.stack([np.interp(scaled, positions, _RAMP[:, channel]) for channel in range(3)], axis=-1)
    picture = PIL.Image.fromarray(rgb.astype(np.uint8), "RGB").resize(SPECTROGRAM_SIZE, PIL.Image.Resampling.BILINEAR)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()
