"""Write the small generated image and audio classification sets shipped in recipes/data/
(used by `make demo` and the shipped image and audio recipes).

- ``shapes.parquet``: 36 PNG images, 64x64 RGB, of a circle, a square or a triangle on a
  shaded background (``image``, ``label``: ClassLabel circle/square/triangle).
- ``tones.parquet``: 24 FLAC clips, 0.5 s at 16 kHz, of a steady tone, a rising chirp or a
  train of beeps (``audio``, ``label``: ClassLabel tone/chirp/beeps).

Everything is drawn from a fixed seed, so the files are the same on every run.

    python scripts/make_demo_media.py
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import PIL.Image
import PIL.ImageDraw
import soundfile
from datasets import Audio, ClassLabel, Dataset, Features, Image

OUT = Path(__file__).resolve().parents[1] / "recipes" / "data"
SHAPES = ("circle", "square", "triangle")
SOUNDS = ("tone", "chirp", "beeps")
SIZE = 64
RATE = 16_000
SECONDS = 0.5


def shape_image(kind: str, rng: np.random.Generator) -> PIL.Image.Image:
    """One shape of a random colour, size and position on a shaded background."""
    top, bottom = rng.integers(150, 256, size=3), rng.integers(60, 160, size=3)
    ramp = np.linspace(0.0, 1.0, SIZE)[:, None, None]
    background = (top * (1 - ramp) + bottom * ramp).repeat(SIZE, axis=1).astype(np.uint8)
    picture = PIL.Image.fromarray(background, "RGB")
    draw = PIL.ImageDraw.Draw(picture)
    radius = int(rng.integers(12, 22))
    cx, cy = (int(value) for value in rng.integers(radius + 2, SIZE - radius - 2, size=2))
    colour = tuple(int(value) for value in rng.integers(0, 110, size=3))
    box = (cx - radius, cy - radius, cx + radius, cy + radius)
    if kind == "circle":
        draw.ellipse(box, fill=colour)
    elif kind == "square":
        draw.rectangle(box, fill=colour)
    else:
        draw.polygon([(cx, cy - radius), (cx - radius, cy + radius), (cx + radius, cy + radius)], fill=colour)
    return picture


def sound(kind: str, rng: np.random.Generator) -> np.ndarray:
    """Half a second of a tone, a chirp or beeps at a random pitch (clean, so FLAC stays small)."""
    t = np.arange(int(RATE * SECONDS)) / RATE
    pitch = float(rng.uniform(300, 900))
    if kind == "tone":
        wave = np.sin(2 * np.pi * pitch * t)
    elif kind == "chirp":
        wave = np.sin(2 * np.pi * (pitch * t + pitch * 2 * t**2))
    else:
        wave = np.sin(2 * np.pi * pitch * t) * (np.sin(2 * np.pi * 8 * t) > 0)
    fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.02)
    return (0.5 * wave * fade).astype(np.float32)


def flac(samples: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, RATE, format="FLAC", subtype="PCM_16")
    return buffer.getvalue()


def main() -> None:
    rng = np.random.default_rng(20240501)
    labels = [int(label) for label in rng.permutation([index % len(SHAPES) for index in range(36)])]
    shapes = Dataset.from_dict(
        {"image": [shape_image(SHAPES[label], rng) for label in labels], "label": labels},
        features=Features({"image": Image(), "label": ClassLabel(names=list(SHAPES))}),
    )
    shapes.to_parquet(str(OUT / "shapes.parquet"))
    labels = [int(label) for label in rng.permutation([index % len(SOUNDS) for index in range(24)])]
    tones = Dataset.from_dict(
        {
            "audio": [{"bytes": flac(sound(SOUNDS[label], rng)), "path": f"{SOUNDS[label]}-{i:02d}.flac"} for i, label in enumerate(labels)],
            "label": labels,
        },
        features=Features({"audio": Audio(), "label": ClassLabel(names=list(SOUNDS))}),
    )
    tones.to_parquet(str(OUT / "tones.parquet"))
    for name in ("shapes.parquet", "tones.parquet"):
        print(f"{OUT / name}: {(OUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
