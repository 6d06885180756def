"""Named image ops for recipes: plain parameters, randomness drawn from the row generator,
pixels changed by ``torchvision.transforms.v2.functional`` on uint8 ``(C, H, W)`` tensors.

Every op takes ``p`` (probability of applying it). Ranges are ``[low, high]`` pairs or one
number ``x`` meaning ``centre ± x`` (e.g. ``degrees: 15`` is ``[-15, 15]``,
``factor: 0.3`` is ``[0.7, 1.3]``), except ``blur``'s ``sigma``, where one number is a fixed
sigma (as in torchvision's ``GaussianBlur``), ``gaussian_noise``'s ``sigma``, where one
number ``x`` is ``[0, x]``, and ``random_resized_crop``'s ``scale``, a pair only. A range
with an end the op cannot use is refused when the op is built, never clipped: colour factors
are >= 0 (so one number is at most 1, where torchvision's ``ColorJitter`` would clip
``1.5`` to ``[0, 2.5]``: give the pair), a hue shift lies within [-0.5, 0.5], a crop's scale
within [0, 1] and its ratio above 0, a blur sigma above 0 and a noise sigma within [0, 1]
(a fraction of full scale). Numbers must be finite, and so must a range's width; ``expand`` takes ``True`` or ``False``.

=====================  =====================================================  ==========================
op                     parameters (defaults)                                  what it does
=====================  =====================================================  ==========================
``rotate``             ``degrees=15``, ``fill=0``, ``interpolation``,         rotates by a random angle
                       ``expand=False``, ``p=1``
``brightness``         ``factor=0.3``, ``p=1``                                scales brightness
``contrast``           ``factor=0.3``, ``p=1``                                scales contrast
``saturation``         ``factor=0.3``, ``p=1``                                scales saturation (colour only)
``hue``                ``shift=0.05``, ``p=1``                                shifts hue (colour only)
``random_resized_crop``  ``scale=[0.5, 1]``, ``ratio=[0.75, 1.333]``,         crops a random area, resized
                       ``size=None`` (keep the size), ``interpolation``,     to ``size``
                       ``p=1``
``perspective``        ``distortion=0.3``, ``fill=0``, ``interpolation``,     random perspective warp
                       ``p=1``
``blur``               ``sigma=[0.1, 2.0]`` (one number: fixed), ``p=1``      Gaussian blur
``gaussian_noise``     ``sigma=[0.0, 0.05]`` (fraction of full scale),       additive Gaussian noise
                       ``p=1``
``hflip``, ``vflip``   ``p=0.5``                                              mirror image
=====================  =====================================================  ==========================

Geometric ops (rotate, crops, perspective, flips) move the alpha channel with the pixels;
the others leave alpha alone. What a geometric op uncovers (rotated corners, the border of a
perspective warp) is filled with ``fill`` in an image without alpha and is transparent in an
image with alpha. A CMYK image that only geometric ops move keeps its four inks (what they uncover
gets the fill grey, without black ink); with any other op it is augmented as RGB, which moves its
black ink into C, M and Y. Saturation and hue change colours only: a grey image (L, LA, 1) skips
them, and ``hfaug_params`` does not list them.

Palette (``P``) images with transparency (a transparent entry, a PNG ``tRNS`` chunk, or an
RGBA palette) are augmented as RGBA and written back onto their own palette with their own
transparency: each pixel takes the palette's alpha level nearest its alpha, then the nearest
colour among those entries. With one transparent entry, a pixel below alpha 128 is
transparent and any other takes the nearest opaque colour, so uncovered corners stay
transparent and an opaque pixel never turns transparent because its colour is close to the
transparent entry's. L and RGB PNGs with a transparent colour are augmented as LA and RGBA and
written back with that colour where alpha is below 128; an opaque pixel that comes out in the
transparent colour moves its last channel by one, so it stays opaque.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from hfaug.media import MediaOp, check_number, value_range

if TYPE_CHECKING:
    import torch

INTERPOLATIONS = ("nearest", "bilinear", "bicubic")
STRIP_ROWS = 256
"""Rows ``blur`` convolves, and ``hue`` shifts, at once. torch's depthwise convolution on the CPU takes memory for each
tap of the kernel over all the rows it is given: 3.2 GB for a 24-megapixel photo (6000 x 4000) in
one piece, 0.5 GB in strips of this many rows, for the same pixels."""


def _functional() -> Any:
    from torchvision.transforms.v2 import functional

    return functional


def _interpolation(name: str) -> Any:
    from torchvision.transforms.v2 import InterpolationMode

    return InterpolationMode(name)


class ImageOp(MediaOp):
    """A named image op. Ops that ``moves`` pixels (geometric ones) also move the alpha channel; ``colour_only`` ops
    change nothing in a grey image (L, LA, 1), which therefore skips them."""

    colour_only: ClassVar[bool] = False

    def sample(self, rng: np.random.Generator, height: int, width: int) -> dict[str, Any]:
        """The op's random parameters for an image of ``height`` x ``width`` (JSON values)."""
        return {}

    def apply(self, pixels: torch.Tensor, params: dict[str, Any], alpha: bool) -> torch.Tensor:
        """Apply to uint8 ``(C, H, W)`` pixels; ``alpha`` says the last channel is no colour (alpha, or a
        CMYK image's black ink), which gets 0 where the op uncovers the image (transparent; no black ink)."""
        raise NotImplementedError

    def _check_interpolation(self) -> None:
        if self.params["interpolation"] not in INTERPOLATIONS:
            raise ValueError(
                f"op {self.name!r}: interpolation must be one of {INTERPOLATIONS}, got {self.params['interpolation']!r}"
            )

    def _check_fill(self) -> None:
        """Validate ``fill`` and store it as a float, so that ``0`` and ``0.0`` are one configuration."""
        check_number(self.name, "fill", self.params["fill"], low=0, high=255)
        self.params["fill"] = float(self.params["fill"])

    def _fill(self, channels: int, alpha: bool) -> list[float]:
        colour = channels - 1 if alpha else channels
        return [self.params["fill"]] * colour + [0.0] * (channels - colour)  # transparent, or no black ink


class Rotate(ImageOp):
    name = "rotate"
    moves = True
    defaults = {"degrees": 15.0, "fill": 0.0, "interpolation": "bilinear", "expand": False, "p": 1.0}

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.params["degrees"] = value_range(self.name, "degrees", self.params["degrees"])
        self._check_fill()
        self._check_interpolation()

    def sample(self, rng: np.random.Generator, height: int, width: int) -> dict[str, Any]:
        return {"angle": float(rng.uniform(*self.params["degrees"]))}

    def apply(self, pixels: torch.Tensor, params: dict[str, Any], alpha: bool) -> torch.Tensor:
        return _functional().rotate(
            pixels,
            params["angle"],
            interpolation=_interpolation(self.params["interpolation"]),
            expand=self.params["expand"],
            fill=self._fill(pixels.shape[0], alpha),
        )


class _Factor(ImageOp):
    """Scales one colour property by a factor drawn from ``factor``."""

    defaults = {"factor": 0.3, "p": 1.0}

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.params["factor"] = value_range(self.name, "factor", self.params["factor"], centre=1.0, low=0.0)

    def sample(self, rng: np.random.Generator, height: int, width: int) -> dict[str, Any]:
        return {"factor": float(rng.uniform(*self.params["factor"]))}

    def apply(self, pixels: torch.Tensor, params: dict[str, Any], alpha: bool) -> torch.Tensor:
        import torch

        # torchvision's arithmetic on 8-bit pixels, in float32: torchvision computes in torch's default float type,
        # which an application's torch.set_default_dtype(torch.float64) changes, and with it the pixels
        return self.adjusted(pixels.to(torch.float32), params["factor"]).clamp_(0, 255).to(torch.uint8)

    def adjusted(self, pixels: torch.Tensor, factor: float) -> torch.Tensor:
        """``pixels`` (8-bit values as float32) with the property scaled by ``factor``, not clamped yet."""
        raise NotImplementedError


def _grey(pixels: torch.Tensor) -> torch.Tensor:
    """The luma of float32 RGB ``pixels`` (one channel), floored, as torchvision takes it from 8-bit pixels."""
    red, green, blue = pixels.unbind(dim=-3)
    return red.mul(0.2989).add_(green, alpha=0.587).add_(blue, alpha=0.114).unsqueeze(dim=-3).floor_()


def _blended(pixels: torch.Tensor, other: torch.Tensor, factor: float) -> torch.Tensor:
    return pixels.mul(factor).add_(other, alpha=1.0 - factor)


class Brightness(_Factor):
    name = "brightness"

    def adjusted(self, pixels: torch.Tensor, factor: float) -> torch.Tensor:
        return pixels.mul(factor)


class Contrast(_Factor):
    name = "contrast"

    def adjusted(self, pixels: torch.Tensor, factor: float) -> torch.Tensor:
        import torch

        grey = _grey(pixels) if pixels.shape[-3] == 3 else pixels
        return _blended(pixels, torch.mean(grey, dim=(-3, -2, -1), keepdim=True), factor)


class Saturation(_Factor):
    name = "saturation"
    colour_only = True

    def adjusted(self, pixels: torch.Tensor, factor: float) -> torch.Tensor:
        return _blended(pixels, _grey(pixels), factor)


class Hue(ImageOp):
    name = "hue"
    defaults = {"shift": 0.05, "p": 1.0}
    colour_only = True

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.params["shift"] = value_range(self.name, "shift", self.params["shift"], low=-0.5, high=0.5)

    def sample(self, rng: np.random.Generator, height: int, width: int) -> dict[str, Any]:
        return {"shift": float(rng.uniform(*self.params["shift"]))}

    def apply(self, pixels: torch.Tensor, params: dict[str, Any], alpha: bool) -> torch.Tensor:
        hue = _functional().adjust_hue
        return _pixelwise_in_strips(pixels, lambda strip: hue(strip, params["shift"]))


class RandomResizedCrop(ImageOp):
    name = "random_resized_crop"
    moves = True
    defaults = {"scale": [0.5, 1.0], "ratio": [0.75, 4 / 3], "size": None, "interpolation": "bilinear", "p": 1.0}

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        scale = self.params["scale"]
        self.params["scale"] = value_range(self.name, "scale", scale, single="pair", low=0.0, high=1.0)
        if self.params["scale"][1] == 0:
            raise ValueError(f"op 'random_resized_crop': scale must have high > 0 (a crop has an area), got {scale!r}")
        self.params["ratio"] = value_range(self.name, "ratio", self.params["ratio"], centre=1.0, low=0.0, low_open=True)
        given = self.params["size"]
        size = [given, given] if isinstance(given, int) else given
        if size is not None and not (
            isinstance(size, (list, tuple)) and len(size) == 2 and all(_positive_int(side) for side in size)
        ):
            raise ValueError(
                "op 'random_resized_crop': size must be None (keep each image's size), a positive int (a square) "
                f"or [height, width] of positive ints, got {given!r}"
            )
        self.params["size"] = None if size is None else list(size)
        self._check_interpolation()

    def sample(self, rng: np.random.Generator, height: int, width: int) -> dict[str, Any]:
        """As ``torchvision.transforms.v2.RandomResizedCrop``: up to 10 tries, then a centre crop."""
        area = height * width
        log_ratio = np.log(self.params["ratio"])
        for _ in range(10):
            target = area * rng.uniform(*self.params["scale"])
            aspect = math.exp(rng.uniform(*log_ratio))
            w = int(round(math.sqrt(target * aspect)))
            h = int(round(math.sqrt(target / aspect)))
            if 0 < w <= width and 0 < h <= height:
                return {"top": int(rng.integers(0, height - h + 1)), "left": int(rng.integers(0, width - w + 1)), "height": h, "width": w}
        ratio = width / height
        low, high = self.params["ratio"]
        w, h = (width, int(round(width / low))) if ratio < low else (int(round(height * high)), height) if ratio > high else (width, height)
        w, h = min(w, width), min(h, height)
        return {"top": (height - h) // 2, "left": (width - w) // 2, "height": h, "width": w}

    def apply(self, pixels: torch.Tensor, params: dict[str, Any], alpha: bool) -> torch.Tensor:
        size = self.params["size"] or list(pixels.shape[-2:])
        return _functional().resized_crop(
            pixels,
            params["top"],
            params["left"],
            params["height"],
            params["width"],
            size=size,
            interpolation=_interpolation(self.params["interpolation"]),
            antialias=True,
        )


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


class Perspective(ImageOp):
    name = "perspective"
    moves = True
    defaults = {"distortion": 0.3, "fill": 0.0, "interpolation": "bilinear", "p": 1.0}

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        check_number(self.name, "distortion", self.params["distortion"], low=0, high=1)
        self._check_fill()
        self._check_interpolation()

    def sample(self, rng: np.random.Generator, height: int, width: int) -> dict[str, Any]:
        """Each corner moves inwards by up to ``distortion`` x half the side (as torchvision's RandomPerspective),
        drawn again when the corners leave no warp to solve (at ``distortion=1`` on small images they could meet or
        line up, and torch's solver failed), and left in place after :data:`_PERSPECTIVE_DRAWS` such draws.

        An image 1 pixel wide or tall has no quadrilateral to warp: its corners stay.
        """
        flat = min(width, height) < 2
        dx = 0 if flat else int(self.params["distortion"] * (width // 2))
        dy = 0 if flat else int(self.params["distortion"] * (height // 2))

        def move(limit: int) -> int:
            return int(rng.integers(0, limit + 1))

        right, bottom = width - 1, height - 1
        start = [[0, 0], [right, 0], [right, bottom], [0, bottom]]
        for _ in range(_PERSPECTIVE_DRAWS):
            end = [
                [move(dx), move(dy)],
                [right - move(dx), move(dy)],
                [right - move(dx), bottom - move(dy)],
                [move(dx), bottom - move(dy)],
            ]
            if end == start or _warps(start, end):
                return {"start": start, "end": end}
        return {"start": start, "end": start}

    def apply(self, pixels: torch.Tensor, params: dict[str, Any], alpha: bool) -> torch.Tensor:
        if params["start"] == params["end"]:  # no corner moved: nothing to solve
            return pixels
        return _functional().perspective(
            pixels,
            params["start"],
            params["end"],
            interpolation=_interpolation(self.params["interpolation"]),
            fill=self._fill(pixels.shape[0], alpha),
        )


_PERSPECTIVE_DRAWS = 16


def _warps(start: list[list[int]], end: list[list[int]]) -> bool:
    """Whether the perspective warp taking the corners ``end`` to ``start`` can be solved: the system torchvision
    solves (``_get_perspective_coeffs``) has full rank."""
    rows = []
    for (x, y), (u, v) in zip(end, start):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
    return bool(np.linalg.matrix_rank(np.array(rows, dtype=np.float64)) == len(rows))


class Blur(ImageOp):
    name = "blur"
    defaults = {"sigma": [0.1, 2.0], "p": 1.0}

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.params["sigma"] = value_range(self.name, "sigma", self.params["sigma"], single="fixed", low=0.0, low_open=True)

    def sample(self, rng: np.random.Generator, height: int, width: int) -> dict[str, Any]:
        return {"sigma": float(rng.uniform(*self.params["sigma"]))}

    def apply(self, pixels: torch.Tensor, params: dict[str, Any], alpha: bool) -> torch.Tensor:
        sigma = params["sigma"]
        side = min(pixels.shape[-2:])
        kernel = min(2 * math.ceil(min(3 * sigma, side)) + 1, _largest_odd(side))  # 3 x sigma may overflow
        return _blurred_in_strips(pixels, kernel, sigma)


def _pixelwise_in_strips(pixels: torch.Tensor, change: Callable[[torch.Tensor], torch.Tensor]) -> torch.Tensor:
    """``change(pixels)`` for a ``change`` of each pixel on its own (a hue shift), made :data:`STRIP_ROWS` rows at a
    time, for the same pixels: torchvision's hue shift works in floats over all the rows it is given, 2.4 GB for a
    24-megapixel photo in one piece."""
    import torch

    return torch.cat([change(strip) for strip in pixels.split(STRIP_ROWS, dim=-2)], dim=-2)


def _blurred_in_strips(pixels: torch.Tensor, kernel: int, sigma: float) -> torch.Tensor:
    """torchvision's ``gaussian_blur(pixels, [kernel, kernel], [sigma, sigma])``, the same pixels, blurred
    :data:`STRIP_ROWS` rows at a time: each strip gets the rows above and below it that the kernel
    reaches (reflected at the image's edges, as torchvision pads)."""
    import torch

    half = kernel // 2
    padded = torch.nn.functional.pad(pixels.float(), [0, 0, half, half], mode="reflect")
    blurred = torch.empty_like(pixels)
    for top in range(0, pixels.shape[-2], STRIP_ROWS):
        strip = padded[:, top : top + STRIP_ROWS + 2 * half]
        inner = _functional().gaussian_blur(strip, [kernel, kernel], [sigma, sigma])[:, half : strip.shape[-2] - half]
        blurred[:, top : top + STRIP_ROWS] = inner.round_()
    return blurred


def _largest_odd(limit: int) -> int:
    return max(1, limit if limit % 2 else limit - 1)


class GaussianNoise(ImageOp):
    name = "gaussian_noise"
    defaults = {"sigma": [0.0, 0.05], "p": 1.0}

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.params["sigma"] = value_range(self.name, "sigma", self.params["sigma"], single="up_to", low=0.0, high=1.0)

    def sample(self, rng: np.random.Generator, height: int, width: int) -> dict[str, Any]:
        return {"sigma": float(rng.uniform(*self.params["sigma"])), "noise_seed": int(rng.integers(0, 2**63 - 1))}

    def apply(self, pixels: torch.Tensor, params: dict[str, Any], alpha: bool) -> torch.Tensor:
        import torch

        generator = torch.Generator().manual_seed(params["noise_seed"])
        noise = torch.randn(pixels.shape, generator=generator, dtype=torch.float32).mul_(params["sigma"] * 255.0)
        return noise.add_(pixels).round_().clamp_(0, 255).to(torch.uint8)


class HorizontalFlip(ImageOp):
    name = "hflip"
    moves = True
    defaults = {"p": 0.5}

    def apply(self, pixels: torch.Tensor, params: dict[str, Any], alpha: bool) -> torch.Tensor:
        return _functional().horizontal_flip(pixels)


class VerticalFlip(ImageOp):
    name = "vflip"
    moves = True
    defaults = {"p": 0.5}

    def apply(self, pixels: torch.Tensor, params: dict[str, Any], alpha: bool) -> torch.Tensor:
        return _functional().vertical_flip(pixels)


OPS: dict[str, type[ImageOp]] = {
    op.name: op
    for op in (
        Rotate,
        Brightness,
        Contrast,
        Saturation,
        Hue,
        RandomResizedCrop,
        Perspective,
        Blur,
        GaussianNoise,
        HorizontalFlip,
        VerticalFlip,
    )
}
