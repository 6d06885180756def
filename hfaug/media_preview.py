"""Showing stored values to people: labels by name, short descriptions of image and audio
cells (``{"bytes", "path"}``), file extensions, and spectrogram pictures for previews."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
from datasets import Audio, ClassLabel, Image

# A perceptually ordered dark-to-bright colour ramp (like matplotlib's "magma").
_RAMP = np.array(
    [[0, 0, 4], [40, 11, 84], [101, 21, 110], [159, 42, 99], [212, 72, 66], [245, 125, 21], [250, 193, 39], [252, 255, 164]],
    dtype=np.float64,
)
SPECTROGRAM_SIZE = (320, 120)
_SHORTEST_SEGMENT = 16  # samples: a shorter clip gets no spectrogram
_TEXT_CHARS = 2000


def media_kind(feature: Any) -> str | None:
    """``"image"``, ``"audio"`` or ``None`` for a `datasets` feature."""
    if isinstance(feature, Image):
        return "image"
    if isinstance(feature, Audio):
        return "audio"
    return None


def display_label(value: Any, feature: Any) -> Any:
    """A label as people read it: the class name of a `ClassLabel` id, the labels of a list
    (multi-label) joined with ``", "``, else the value itself (``None`` for no label)."""
    if isinstance(value, list):
        item_feature = getattr(feature, "feature", None)  # List, Sequence and LargeList features
        return ", ".join(str(display_label(item, item_feature)) for item in value)
    if isinstance(feature, ClassLabel) and isinstance(value, int) and 0 <= value < feature.num_classes:
        return feature.int2str(value)
    return value


def stored_bytes(value: Any) -> bytes | None:
    """The encoded bytes of a stored media value (read from its path when only a path is stored)."""
    if not isinstance(value, dict):
        return None
    if value.get("bytes"):
        return value["bytes"]
    path = value.get("path")
    return Path(path).read_bytes() if path and Path(path).is_file() else None


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
    return json.dumps(value, default=str, ensure_ascii=False)[:200]


def extension(data: bytes, kind: str) -> str:
    """A file extension for encoded media bytes, from their signature."""
    signatures = {
        b"\x89PNG": "png", b"\xff\xd8\xff": "jpg", b"GIF8": "gif", b"RIFF": "wav", b"fLaC": "flac",
        b"OggS": "ogg", b"ID3": "mp3", b"\xff\xfb": "mp3", b"BM": "bmp",
    }
    for signature, ext in signatures.items():
        if data.startswith(signature):
            return "webp" if ext == "wav" and data[8:12] == b"WEBP" else ext
    return "png" if kind == "image" else "wav"


def decode_audio(value: dict[str, Any]) -> tuple[np.ndarray, int]:
    """Mono float samples and sampling rate of a stored audio value."""
    data = stored_bytes(value)
    try:
        import soundfile

        samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
        return samples.mean(axis=1), int(rate)
    except Exception:  # formats libsndfile cannot read go through datasets' own decoder
        decoded = Audio().decode_example({"bytes": data, "path": value.get("path")}).get_all_samples()
        return decoded.data.numpy().mean(axis=0), int(decoded.sample_rate)


def log_spectrogram(samples: np.ndarray, rate: int) -> np.ndarray | None:
    """Power spectrogram in dB (frequency x time); ``None`` for a clip too short to have one."""
    from scipy.signal import spectrogram

    if len(samples) < _SHORTEST_SEGMENT:
        return None
    segment = min(512, len(samples))
    _, _, power = spectrogram(samples, fs=rate, nperseg=segment, noverlap=segment * 3 // 4)
    return 10 * np.log10(power + 1e-12)


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
