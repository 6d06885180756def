"""Images and sounds made for the media tests: generated with PIL and NumPy, speech with espeak-ng."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import numpy as np
import PIL.Image
import soundfile
from datasets import Audio, Dataset, Image

RATE = 16000


def photo(width: int = 64, height: int = 48, seed: int = 0) -> np.ndarray:
    """A smooth RGB uint8 scene (gradients and a disc), compressible like a photo."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    cx, cy, radius = rng.uniform(0.3, 0.7) * width, rng.uniform(0.3, 0.7) * height, min(width, height) / 4
    disc = ((x - cx) ** 2 + (y - cy) ** 2 < radius**2).astype(np.float32)
    red = 255 * x / width
    green = 255 * y / height
    blue = 255 * disc
    return np.stack([red, green, blue], axis=-1).clip(0, 255).astype(np.uint8)


def image_bytes(mode: str = "RGB", format: str = "PNG", seed: int = 0, size: tuple[int, int] = (64, 48), **options) -> bytes:
    """An encoded image of ``mode`` (alpha: a transparent left quarter)."""
    image = PIL.Image.fromarray(photo(*size, seed=seed))
    if mode in ("RGBA", "LA"):
        alpha = np.full((size[1], size[0]), 255, np.uint8)
        alpha[:, : size[0] // 4] = 0
        image = image.convert("RGBA")
        image.putalpha(PIL.Image.fromarray(alpha))
    image = image.convert(mode) if mode != "P" else image.quantize(colors=32)
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


# PNG colour types by channel count: grey with alpha, RGB, RGBA.
_PNG_COLOUR_TYPES = {2: 4, 3: 2, 4: 6}


def png_16_bit(values: np.ndarray) -> bytes:
    """A PNG of 16 bits per channel (which Pillow cannot write) holding ``values``, uint16 ``(H, W, C)``
    with 2 (grey and alpha), 3 (RGB) or 4 (RGBA) channels."""
    height, width, channels = values.shape
    rows = b"".join(b"\x00" + row.astype(">u2").tobytes() for row in values)  # filter type 0 per row
    header = struct.pack(">IIBBBBB", width, height, 16, _PNG_COLOUR_TYPES[channels], 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(rows)) + _png_chunk(b"IEND", b"")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def image_dataset(cells: list[bytes], decode: bool = True) -> Dataset:
    return Dataset.from_dict(
        {"image": [{"bytes": cell, "path": None} for cell in cells], "label": list(range(len(cells)))}
    ).cast_column("image", Image(decode=decode))


def open_image(cell: dict) -> PIL.Image.Image:
    image = PIL.Image.open(io.BytesIO(cell["bytes"]))
    image.load()
    return image


def tone(frequency: float = 440.0, seconds: float = 1.0, rate: int = RATE, amplitude: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * frequency * t)).astype(np.float32)


def chirp(seconds: float = 1.0, rate: int = RATE, low: float = 200.0, high: float = 4000.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    phase = 2 * np.pi * (low * t + (high - low) * t**2 / (2 * seconds))
    return (0.3 * np.sin(phase)).astype(np.float32)


def noise(seconds: float = 1.0, rate: int = RATE, seed: int = 0, scale: float = 0.1) -> np.ndarray:
    return (np.random.default_rng(seed).normal(0, scale, int(seconds * rate))).astype(np.float32)


def audio_bytes(samples: np.ndarray, rate: int = RATE, format: str = "WAV", subtype: str | None = "PCM_16") -> bytes:
    """``samples`` ((frames,) or (channels, frames)) encoded with soundfile."""
    buffer = io.BytesIO()
    soundfile.write(buffer, samples.T if samples.ndim == 2 else samples, rate, format=format, subtype=subtype)
    return buffer.getvalue()


def audio_dataset(cells: list[bytes], decode: bool = True, **feature) -> Dataset:
    return Dataset.from_dict(
        {"audio": [{"bytes": cell, "path": None} for cell in cells], "label": list(range(len(cells)))}
    ).cast_column("audio", Audio(decode=decode, **feature))


def read_audio(cell: dict) -> tuple[np.ndarray, soundfile._SoundFileInfo]:
    """``(channels, frames)`` float32 samples and soundfile's info of a stored cell."""
    info = soundfile.info(io.BytesIO(cell["bytes"]))
    samples, _ = soundfile.read(io.BytesIO(cell["bytes"]), dtype="float32", always_2d=True)
    return samples.T, info


def speech(text: str, path: Path) -> Path:
    """``text`` spoken by espeak-ng into the WAV file ``path`` (22.05 kHz, 16-bit)."""
    executable = shutil.which("espeak-ng")
    if executable is None:
        raise RuntimeError("espeak-ng is missing: run scripts/setup_system.sh (or apt-get install espeak-ng)")
    subprocess.run([executable, "-v", "en", "-s", "170", "-w", str(path), text], check=True, capture_output=True)
    return path
