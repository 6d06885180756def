"""``ImageAugment``: torchvision transforms or named ops over a `datasets.Image` column."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import PIL.Image

from hfaug.augmenter.arguments import is_count
from hfaug.augmenter.on_error import OnError
from hfaug.errors import HfaugError, InvalidValue
from hfaug.image import codec
from hfaug.image.codec import Picture
from hfaug.image.ops import OPS, ImageOp
from hfaug.media import MediaAugmenter, MediaConfigError
from hfaug.seeding import global_rngs_seeded

if TYPE_CHECKING:
    import torch


class ImageAugment(MediaAugmenter[Picture, ImageOp]):
    """Augments images with a torchvision transform or with named ops, keeping the stored format.

    Each row is decoded once, augmented as a uint8 ``(C, H, W)`` tensor, and encoded once in
    the format it was stored in: a JPEG stays a JPEG with the same quantisation tables (so the
    same quality), a lossless WebP stays lossless, a TIFF keeps its compression, a PNG stays a
    PNG, the mode (L, RGB, RGBA, P, ...) is kept, EXIF orientation is applied. A column cast to a
    mode (``datasets.Image(mode="RGB")``) is augmented in that mode, each image still written in its
    stored format (a row error where that format cannot hold the mode, such as RGB in a GIF).
    Unreadable or truncated files follow ``on_error``.

    Args:
        transform (`Callable`, *optional*): Any ``torchvision.transforms.v2`` transform or
            ``Compose`` (or a callable taking and returning an image tensor: it gets a
            ``tv_tensors.Image``; one that fails on it but runs on a PIL image stops the map, naming
            how to give it PIL images). It runs with
            torch's, NumPy's and Python's global generators seeded from the row, so the result
            is reproducible. Images with alpha are passed as ``(Image, Mask)`` to v2
            transforms: geometric transforms move the alpha mask (nearest neighbour), colour
            transforms leave it alone (other transforms get alpha as the last channel; one that fails on it, or a
            v2 ``Compose`` of a v1 step that fails on the mask, but runs on the colour channels alone stops the map,
            naming v2); policies that refuse masks (``AutoAugment``,
            ``RandAugment``, ``TrivialAugmentWide``, ``AugMix``) need the column cast to
            ``datasets.Image(mode="RGB")`` first. The transform object is pickled with the augmenter and
            fingerprinted by its state; it cannot go into a recipe (use ``ops``).
        column (`str`, defaults to `"image"`): The `datasets.Image` column.
        ops (`list`, *optional*): Named ops, applied in order, as names or dicts
            (``[{"op": "rotate", "degrees": 10}, "hflip"]``); see :mod:`hfaug.image.ops`.
            Plain data: usable from recipes. Give ``transform`` or ``ops``, not both.
        format (`str`, *optional*): Write every image in this format (``"JPEG"``, ``"PNG"``,
            ``"WEBP"``); by default each keeps its stored format (PNG when it has none). A format
            that Pillow writes but cannot read back on this machine (EPS without Ghostscript) is
            refused. An image that Pillow does not read back from it in its mode, with its transparency
            and at its size (RGBA as JPEG, L as WebP, an image over 256 pixels as ICO) is a row error
            naming what keeps it.
        quality (`int` or `"keep"`, defaults to `"keep"`): JPEG/WebP quality (refused with another ``format``); ``"keep"`` reuses
            a JPEG's own quantisation tables (quality 90 when they are unknown) and keeps a
            lossless WebP lossless (a quality makes it lossy); a WebP decoded by `datasets` does
            not say whether it was lossless, and is written at quality 90. In a
            :class:`hfaug.Sequential`, ``format`` and ``quality`` also hold for the image steps
            that follow, which encode once at the end, until one sets its own.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> from torchvision.transforms import v2
        >>> aug = hfaug.ImageAugment(v2.Compose([v2.RandomRotation(15), v2.ColorJitter(0.4, 0.4)]))
        >>> out = ds.map(aug, batched=True)
        >>> recipe_aug = hfaug.ImageAugment(ops=[{"op": "rotate", "degrees": 15}, "hflip"], n=2)
    """

    name = "image"
    output_packages = ("pillow", "torch", "torchvision")
    feature_name = "Image"
    media_type = Picture
    cellless_features = frozenset({"List", "Sequence", "LargeList", "Array2D", "Array3D", "Array4D", "Array5D"})
    op_table = OPS

    def __init__(
        self,
        transform: Callable[..., Any] | None = None,
        column: str = "image",
        ops: Sequence[str | dict[str, Any]] | None = None,
        *,
        format: str | None = None,
        quality: int | Literal["keep"] = "keep",
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(transform, column, ops, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        if format is not None:
            format = _checked_format(format)
        if quality != "keep" and not (is_count(quality) and quality <= 100):
            raise ValueError(f"image: quality must be 'keep' or an integer in [1, 100], got {quality!r}")
        if quality != "keep" and format not in (None, *codec.QUALITY_FORMATS):
            raise ValueError(
                f"image: quality={quality!r} applies to {' and '.join(codec.QUALITY_FORMATS)} only, and format={format!r} "
                f"writes every image as {format}; leave quality out, or pass format="
                f"{' or '.join(map(repr, codec.QUALITY_FORMATS))}"
            )
        self.format = format
        self.quality = quality if quality == "keep" else int(quality)
        self._column_mode: str | None = None
        self._probed = False  # whether a failing row was tried on other input already (in this process)

    def __reduce__(self) -> tuple[Any, ...]:
        # The column's mode is no configuration, but the copies sent to worker processes read in it too.
        if self._column_mode is None:
            return super().__reduce__()
        return (*super().__reduce__(), {"_column_mode": self._column_mode})

    def check_feature(self, feature: Any) -> None:
        """Refuse a column that is not a `datasets.Image` column; remember the ``mode`` it is cast to,
        which :meth:`decode` converts the stored images to (`hfaug.augment` reads them as stored)."""
        super().check_feature(feature)
        self._column_mode = feature.mode

    def value_key(self, value: Any) -> bytes:
        return codec.key_bytes(value)

    def decode(self, value: Any, *, loaded: bool = False) -> Picture:
        return codec.decode(value, self._column_mode)

    def check(self, media: Picture) -> None:
        codec.check(media)

    def encode(self, media: Picture) -> dict[str, Any]:
        return codec.encode(media, self.format, self.quality)

    def restyle(self, media: Picture) -> Picture:
        return codec.restyled(media, self.format, self.quality)

    def loaded(self, media: Picture) -> PIL.Image.Image:
        return media.image

    def apply_ops(
        self, media: Picture, ops: Sequence[ImageOp], rng: np.random.Generator
    ) -> tuple[Picture, list[dict[str, Any]]]:
        import torch

        work = codec.work_mode(media.image, geometric_only=all(op.moves for op in ops))
        pixels = torch.from_numpy(codec.to_work(media, work)).permute(2, 0, 1)
        alpha = work in codec.ALPHA_MODES
        blank_last = work in codec.BLANK_LAST_CHANNEL_MODES
        steps = []
        for op in ops:
            if not op.applies(rng):
                continue
            params = op.sample(rng, pixels.shape[-2], pixels.shape[-1])
            if op.colour_only and work in ("L", "LA"):  # drawn all the same: later ops draw what they would
                continue
            if alpha and not op.moves:
                pixels = torch.cat([op.apply(pixels[:-1], params, False), pixels[-1:]])
            else:
                pixels = op.apply(pixels, params, blank_last)
            steps.append({"op": op.name, **params})
        result = codec.from_work(pixels.permute(1, 2, 0).numpy(), media)
        if media.image.mode in ("P", "1") and result.image.tobytes() == media.image.tobytes():
            return media, steps  # the source's palette (or black and white) took every pixel back: no change stored
        return result, steps

    def apply_transform(self, media: Picture, transform: Callable[..., Any], seed: int) -> tuple[Picture, dict[str, Any]]:
        import torch
        from torchvision import tv_tensors
        from torchvision.transforms import v2

        pixels = torch.from_numpy(codec.to_work(media)).permute(2, 0, 1)
        alpha = codec.work_mode(media.image) in codec.ALPHA_MODES
        masked = alpha and isinstance(transform, v2.Transform)
        with global_rngs_seeded(seed), _torch_seeded(seed), self._refusing_wrong_input(transform, pixels, media, alpha):
            if masked:
                colour, mask = self._with_mask(transform, tv_tensors.Image(pixels[:-1]), tv_tensors.Mask(pixels[-1:]), media)
                out = torch.cat([_as_pixels(colour, self._label()), _as_pixels(mask, self._label())])
            else:
                out = _as_pixels(transform(tv_tensors.Image(pixels)), self._label())
        return codec.from_work(_to_work_channels(out, pixels.shape[0]).permute(1, 2, 0).numpy(), media), {}

    @contextlib.contextmanager
    def _refusing_wrong_input(
        self, transform: Callable[..., Any], pixels: torch.Tensor, media: Picture, alpha: bool
    ) -> Iterator[None]:
        """Stop the map where ``transform`` fails on what it is given, not on the row: it would fail on every row,
        each copy kept as its source.

        - an image with ``alpha``, on which it runs without the alpha: a transform that is not a v2 one got the alpha
          as the tensor's last channel (a ``torchvision.transforms`` v1 ``ColorJitter``), or a v2 ``Compose`` got it
          as a ``Mask`` and handed it to a step that takes one input (a v1 transform);
        - it runs on the same image as a PIL image (AugLy's functions, a ``T.Lambda`` of PIL code, a v1 pipeline
          starting with ``ToTensor``).

        Only the first failing row is tried so: the transform is not run again on every row that fails for reasons
        of its own."""
        try:
            yield
        except HfaugError:
            raise
        except Exception as error:
            from torchvision import tv_tensors
            from torchvision.transforms import v2
            from torchvision.transforms.v2.functional import to_pil_image

            if self._probed:
                raise
            self._probed = True
            failure = f"{type(error).__name__}: {error}"
            cast = f"drop the alpha first: ds.cast_column({self.column!r}, datasets.Image(mode='RGB'))"
            if alpha and _runs(transform, tv_tensors.Image(pixels[:-1])):
                if isinstance(transform, v2.Transform):
                    raise MediaConfigError(
                        f"{self._label()}: the transform is given {media.image.mode} images as (Image, Mask), the alpha as "
                        f"a Mask that v2 transforms move with the pixels, and it fails on that ({failure}) but runs on the "
                        "colour image alone: a step of it that is not a v2 transform (torchvision.transforms v1, a function) "
                        f"takes one input. Use torchvision.transforms.v2 transforms throughout, or {cast}"
                    ) from error
                raise MediaConfigError(
                    f"{self._label()}: the transform is given the alpha channel of {media.image.mode} images as a last "
                    f"channel of the image tensor, and it fails on it ({failure}) but runs on the colour channels alone. "
                    f"Give a torchvision.transforms.v2 transform{_v2_counterpart(transform)}, which gets the alpha as a "
                    f"Mask and moves it with the pixels, or {cast}"
                ) from error
            if not _runs(transform, to_pil_image(pixels)):
                raise
            raise MediaConfigError(
                f"{self._label()}: the transform takes PIL images, and it is given a torchvision tv_tensors.Image "
                f"(a uint8 (C, H, W) tensor), on which it fails ({failure}). Give it PIL images: "
                "hfaug.ImageAugment(lambda image: transform(v2.functional.to_pil_image(image))); it may return a PIL "
                "image or a tensor"
            ) from error

    def _with_mask(self, transform: Callable[..., Any], image: Any, mask: Any, media: Picture) -> Any:
        """``transform(image, mask)``; a transform that refuses masks (AutoAugment, RandAugment,
        TrivialAugmentWide, AugMix) stops the map: it cannot move the alpha with the pixels."""
        try:
            return transform(image, mask)
        except TypeError as error:
            if "Mask" not in str(error):
                raise
            raise MediaConfigError(
                f"{self._label()}: {error}, so it cannot move the alpha channel of {media.image.mode} images with "
                f"their pixels. Drop the alpha first (ds.cast_column({self.column!r}, datasets.Image(mode='RGB'))) "
                "or use ops, which move it"
            ) from None


def _checked_format(format: Any) -> str:
    """``format`` in upper case, refused unless Pillow writes it and, on this machine, reads it back."""
    PIL.Image.init()
    if not isinstance(format, str) or format.upper() not in PIL.Image.SAVE.keys() & PIL.Image.OPEN.keys():
        raise ValueError(
            "image: format must be None (keep) or an image format that Pillow can write and read back, "
            f"such as 'JPEG', 'PNG', 'WEBP'; got {format!r}"
        )
    format = format.upper()
    problem = codec.read_back_problem(format)
    if problem is not None:
        raise ValueError(
            f"image: Pillow writes format {format!r} but cannot read it back on this machine ({problem}), so "
            "`datasets` could not decode the images; pass a format it reads, such as 'PNG', 'JPEG' or 'WEBP', "
            f"or install what reading {format} needs"
        )
    return format


@contextlib.contextmanager
def _torch_seeded(seed: int) -> Iterator[None]:
    """torch's CPU generator (the one CPU transforms draw from) seeded for the block, then
    restored; run inside :func:`~hfaug.seeding.global_rngs_seeded`, whose lock makes threads take turns. Cheaper than ``torch.manual_seed``, which also queues a CUDA seeding and formats a
    stack trace for it on every call while CUDA is not initialised."""
    import torch

    generator = torch.default_generator
    state = generator.get_state()
    generator.manual_seed(seed)
    try:
        yield
    finally:
        generator.set_state(state)


def _runs(transform: Callable[..., Any], image: Any) -> bool:
    """Whether ``transform`` runs without error on ``image`` (its result is dropped)."""
    try:
        transform(image)
    except Exception:  # whatever it raises, it does not take this image
        return False
    return True


def _v2_counterpart(transform: Callable[..., Any]) -> str:
    """`` (the same names: v2.ColorJitter)`` for a transform of ``torchvision.transforms`` (v1) that v2 has too, else
    empty."""
    from torchvision.transforms import v2

    name = type(transform).__name__
    v1 = type(transform).__module__.startswith("torchvision.transforms.")
    return f" (the same names: v2.{name})" if v1 and hasattr(v2, name) else ""


def _as_pixels(output: Any, owner: str) -> torch.Tensor:
    """A transform's output as uint8 ``(C, H, W)``: PIL images, uint8 tensors and float tensors in [0, 1]."""
    import torch

    if isinstance(output, PIL.Image.Image):
        array = np.array(output)
        output = torch.from_numpy(array[:, :, None] if array.ndim == 2 else array).permute(2, 0, 1)
    if not isinstance(output, torch.Tensor):
        raise MediaConfigError(
            f"{owner}: the transform returned {type(output).__name__}; it must return an image "
            "(a PIL image or a (C, H, W) tensor)"
        )
    output = output.as_subclass(torch.Tensor)
    if output.ndim == 2:
        output = output[None]
    if output.ndim != 3:
        raise MediaConfigError(f"{owner}: the transform returned a tensor of shape {tuple(output.shape)}; expected (C, H, W)")
    if not (output.shape[1] and output.shape[2]):  # a crop of this image computed as 0 pixels: the row's error
        raise InvalidValue(f"the transform returned an empty image (shape {tuple(output.shape)})")
    if output.dtype == torch.uint8:
        return output
    if output.is_floating_point():
        if output.numel() and (output.min() < -1e-3 or output.max() > 1 + 1e-3):
            raise MediaConfigError(
                f"{owner}: the transform returned float pixels outside [0, 1] (e.g. after Normalize); "
                "stored images must stay images: leave normalisation to the training transform"
            )
        return output.mul(255).round_().clamp_(0, 255).to(torch.uint8)
    raise MediaConfigError(f"{owner}: the transform returned a {output.dtype} tensor; expected uint8 or float in [0, 1]")


def _to_work_channels(pixels: torch.Tensor, channels: int) -> torch.Tensor:
    """Pixels with the input's channel layout again (a transform may turn RGB into grey or back)."""
    import torch

    have = pixels.shape[0]
    if have == channels:
        return pixels
    alpha = channels in (2, 4)
    colour = channels - 1 if alpha else channels
    rgb = pixels[:3] if have >= 3 else pixels[:1].expand(3, -1, -1)
    grey = pixels[:1] if have < 3 else _luma(rgb)
    parts = [rgb if colour == 3 else grey]
    if alpha:
        parts.append(pixels[-1:] if have in (2, 4) else torch.full_like(pixels[:1], 255))
    return torch.cat(parts)


def _luma(rgb: torch.Tensor) -> torch.Tensor:
    from torchvision.transforms.v2 import functional

    return functional.rgb_to_grayscale(rgb, num_output_channels=1)
