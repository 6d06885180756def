"""Reading image cells and writing them back in the format they were stored in.

`datasets` stores an image as ``{"bytes", "path"}`` and decodes it to a PIL image; a PIL
image returned by a map function is re-encoded by `datasets` as PNG (it has no format any
more), so a JPEG dataset would silently grow into PNGs. Here the augmented image is
encoded explicitly: JPEG stays JPEG (with the source's quantisation tables, i.e. its
quality, unless a quality is given), a lossless WebP stays lossless (known from its stored file
only), a TIFF keeps its compression, PNG stays PNG, the mode is kept, EXIF orientation is
applied on reading and not re-applied on writing. An MPO (a JPEG with images attached, such as
the previews phones add) is its first image, as `datasets` shows it, and is written as a JPEG
without the attached images.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
import PIL.Image
import PIL.ImageOps

from hfaug.errors import InvalidValue
from hfaug.seeding import value_bytes
from hfaug.stored_file import stored_file_bytes

if TYPE_CHECKING:
    import PIL.ImageFile

ORIENTATION = 0x0112
FALLBACK_QUALITY = 90
QUALITY_FORMATS = ("JPEG", "WEBP")  # the formats written at a quality
# Mode the pixels are augmented in (colour channels, then alpha), per stored mode.
WORK_MODES = {"L": "L", "LA": "LA", "RGB": "RGB", "RGBA": "RGBA", "1": "L", "P": "RGB", "CMYK": "RGB"}
ALPHA_MODES = ("LA", "RGBA")
# Work modes whose last channel is no colour, which gets 0 where an op uncovers the image: alpha
# (transparent), and the black ink of a CMYK image moved by geometric ops only (see :func:`work_mode`).
BLANK_LAST_CHANNEL_MODES = (*ALPHA_MODES, "CMYK")
_KEYED_MODES = {"L": "LA", "RGB": "RGBA"}  # modes whose PNGs may have a transparent colour
_COLOUR_MODES = {"LA": "L", "RGBA": "RGB"}
_JPEG_INFO_KEYS = ("jfif", "adobe", "progressive", "progression", "mp")
_WIDE_RAWMODE = re.compile(r";(16|32)[BL]$")  # a decoder's raw mode of 16 or 32 bits per value (RGB;16B, LA;16B)


@dataclass(frozen=True)
class Picture:
    """A decoded image and how it was stored.

    Args:
        image (`PIL.Image.Image`): The pixels, upright (EXIF orientation applied), in the stored mode.
        format (`str`, *optional*): The stored format (``"JPEG"``, ``"PNG"``, ...); ``None`` if unknown.
        qtables (`dict`, *optional*): A JPEG's quantisation tables (its quality).
        subsampling (`int`, *optional*): A JPEG's chroma subsampling (0, 1 or 2).
        quality (`int`, *optional*): The JPEG/WebP quality to write at when there are no
            ``qtables`` (set by :func:`restyled`); ``None``: 90.
        lossless (`bool`, defaults to `False`): Whether it is a WebP stored losslessly.
        compression (`str`, *optional*): A TIFF's compression (``"tiff_lzw"``, ``"raw"``, ...).
        bit_depth (`int`, defaults to 8): Bits per value in the stored file (16 for a 48-bit RGB PNG,
            which Pillow reads as 8-bit RGB); 8 where unknown (a cell given as a PIL image).
    """

    image: PIL.Image.Image
    format: str | None = None
    qtables: Any = None
    subsampling: int | None = None
    quality: int | None = None
    lossless: bool = False
    compression: str | None = None
    bit_depth: int = 8

    def with_image(self, image: PIL.Image.Image) -> Picture:
        return replace(self, image=image)


def file_bytes(value: Any) -> bytes | None:
    """The stored file of a cell (``{"bytes", "path"}``, bytes or a path), or ``None`` for a decoded one."""
    return stored_file_bytes(value, "image")


def key_bytes(value: Any) -> bytes:
    """What a row's randomness is keyed by: the stored file, or the decoded pixels."""
    try:
        data = file_bytes(value)
    except InvalidValue:
        data = None
    return b"image-file" + data if data is not None else value_bytes(value)


def decode(value: Any, mode: str | None = None) -> Picture:
    """Decode a cell: a PIL image, ``{"bytes", "path"}``, bytes, a path or a uint8 array.

    Args:
        value (`Any`): The cell.
        mode (`str`, *optional*): The mode to convert the image to, as `datasets` converts the
            images of a column cast to ``datasets.Image(mode=...)``; the stored format is kept.

    Raises:
        InvalidValue: ``None``, or an unreadable, truncated or multi-frame file (an MPO is its first image).
    """
    picture = _decoded(value)
    if mode is None or picture.image.mode == mode:
        return picture
    return picture.with_image(picture.image.convert(mode))


def _decoded(value: Any) -> Picture:
    """The picture of a cell, in its own mode (see :func:`decode`)."""
    if value is None:
        raise InvalidValue("the image is None")
    if isinstance(value, PIL.Image.Image):
        return _from_opened(value, value.format or _guess_format(value))
    if isinstance(value, np.ndarray):
        if value.dtype != np.uint8 or value.ndim not in (2, 3) or (value.ndim == 3 and value.shape[2] not in (1, 2, 3, 4)):
            raise InvalidValue(
                f"expected a uint8 image array (H, W) or (H, W, C) of 1 to 4 channels, got {value.dtype} {value.shape}"
            )
        return Picture(PIL.Image.fromarray(value[:, :, 0] if value.ndim == 3 and value.shape[2] == 1 else value))
    data = file_bytes(value)
    if data is None:
        raise InvalidValue(f"expected an image (PIL image, bytes, path or {{'bytes', 'path'}}), got {type(value).__name__}")
    return _open(data)


def check(picture: Picture) -> None:
    """Raise :class:`InvalidValue` for an image of a mode that is not augmented (one of more than 8
    bits per value, such as I;16, or one such as YCbCr), saying how to convert it without losing its values,
    or for one stored with more than 8 bits per value that Pillow reads as 8 (a 48-bit RGB PNG), which
    would be written back with 8, or for an image without pixels (0 wide or high), which no op or transform takes."""
    mode = picture.image.mode
    if not (picture.image.width and picture.image.height):
        raise InvalidValue(f"the image has no pixels ({picture.image.width}x{picture.image.height})")
    if mode not in WORK_MODES:
        raise InvalidValue(f"images of mode {mode!r} are not supported (supported: {', '.join(WORK_MODES)}); {_mode_advice(mode)}")
    if picture.bit_depth > 8:
        raise InvalidValue(
            f"images stored with {picture.bit_depth} bits per value are not supported: Pillow reads this {picture.format} "
            f"as 8-bit {mode} (the high 8 bits of each value), so it would be written back with 8; to augment it as an "
            "8-bit image, store those 8 bits first: ds = ds.map(lambda row: {column: PIL.Image.fromarray("
            "numpy.asarray(row[column]))})"
        )


def _mode_advice(mode: str) -> str:
    """How to convert images of ``mode`` (not a work mode) to one that is augmented, without losing their values."""
    if mode == "F":
        return (
            "casting the column to mode 'L' or 'RGB' would cut every value to a whole number from 0 to 255 (values from "
            "0 to 1 all turn black), so scale the values to 8 bits first, e.g. for values from 0 to 1: ds = ds.map("
            "lambda row: {column: PIL.Image.fromarray((numpy.asarray(row[column]) * 255).round().astype('uint8'))})"
        )
    if mode.split(";")[0] == "I":
        return (
            "casting the column to mode 'L' or 'RGB' would clip every value above 255 to white, so scale the values "
            "to 8 bits first, e.g. for 16-bit images: ds = ds.map(lambda row: {column: PIL.Image.fromarray("
            "(numpy.asarray(row[column]) // 257).astype('uint8'))})"
        )
    return "convert the column, e.g. ds.cast_column(column, datasets.Image(mode='RGB'))"


def _open(data: bytes) -> Picture:
    try:
        image = PIL.Image.open(io.BytesIO(data))
        bit_depth = _bit_depth(image)
        image.load()
    except PIL.UnidentifiedImageError:
        raise InvalidValue(f"cannot decode the image ({len(data)} bytes): not in a format Pillow reads") from None
    except (OSError, SyntaxError, ValueError, PIL.Image.DecompressionBombError) as error:
        raise InvalidValue(f"cannot decode the image ({len(data)} bytes): {type(error).__name__}: {error}") from None
    lossless = image.format == "WEBP" and webp_lossless(data)
    return replace(_from_opened(image, image.format), lossless=lossless, bit_depth=bit_depth)


def webp_lossless(data: bytes) -> bool:
    """Whether the WebP file ``data`` holds a lossless image: its first image chunk is ``VP8L``,
    not (lossy) ``VP8 `` (after the RIFF header and any ``VP8X``, ``ICCP`` or ``ANIM`` chunk)."""
    offset = 12
    while offset + 8 <= len(data):
        chunk, size = data[offset : offset + 4], int.from_bytes(data[offset + 4 : offset + 8], "little")
        if chunk in (b"VP8 ", b"VP8L"):
            return chunk == b"VP8L"
        offset += 8 + size + size % 2
    return False


def _bit_depth(image: PIL.ImageFile.ImageFile) -> int:
    """Bits per value in the file of ``image``, opened and not loaded yet, from the raw mode its decoder
    reads (``RGB;16B``: 16); 8 when that raw mode says no more."""
    for tile in image.tile:
        rawmode = tile.args if isinstance(tile.args, str) else next(iter(tile.args or ()), None)
        wide = _WIDE_RAWMODE.search(rawmode) if isinstance(rawmode, str) else None
        if wide:
            return int(wide.group(1))
    return 8


def _from_opened(image: PIL.Image.Image, format: str | None) -> Picture:
    if format == "MPO":  # its first image (the one opened), a JPEG: the attached ones are dropped
        format = "JPEG"
    elif (frames := getattr(image, "n_frames", 1)) > 1:
        raise InvalidValue(f"the image is a {format} with {frames} frames; only still images are supported")
    qtables = getattr(image, "quantization", None) if format == "JPEG" else None
    subsampling = None
    if qtables:
        from PIL import JpegImagePlugin

        subsampling = JpegImagePlugin.get_sampling(image)
    compression = image.info.get("compression") if format == "TIFF" else None
    if image.getexif().get(ORIENTATION, 1) != 1:
        image = PIL.ImageOps.exif_transpose(image)
    subsampling = subsampling if subsampling is not None and subsampling >= 0 else None
    return Picture(image, format, qtables or None, subsampling, compression=compression)


def _guess_format(image: PIL.Image.Image) -> str | None:
    """The format of a decoded image that lost it (`datasets` applies EXIF orientation on
    decoding, which returns a new image with no format): JPEG when metadata only JPEGs carry says
    so (a JFIF or Adobe header, progressive coding); otherwise unknown, so written losslessly.
    EXIF alone proves nothing: PNG, WebP and TIFF carry it too."""
    return "JPEG" if any(key in image.info for key in _JPEG_INFO_KEYS) else None


def work_mode(image: PIL.Image.Image, geometric_only: bool = False) -> str:
    """The mode ``image``'s pixels are augmented in: L, LA, RGB, RGBA or CMYK.

    Images with transparency that is no alpha channel (a palette's transparent entries, or the
    colour key of an L or RGB PNG) are augmented with alpha. A CMYK image that only geometric ops
    (``geometric_only``) move keeps its four inks (see :func:`to_work`); colour ops work on its RGB.
    """
    if image.mode == "CMYK" and geometric_only:
        return "CMYK"
    if image.mode == "P" and ("transparency" in image.info or _palette_mode(image) == "RGBA"):
        return "RGBA"
    if image.mode in _KEYED_MODES and "transparency" in image.info:
        return _KEYED_MODES[image.mode]
    return WORK_MODES[image.mode]


def to_work(picture: Picture, work: str | None = None) -> np.ndarray:
    """The pixels as a writable ``(H, W, C)`` uint8 array in the work mode ``work`` (by default
    :func:`work_mode`'s): colour, then alpha; in CMYK, the light each of C, M and Y leaves (255 - ink,
    the RGB that Pillow converts to those inks), then K, so that what an op uncovers is the fill grey
    as in RGB."""
    image = picture.image
    work = work or work_mode(image)
    array = np.array(image if image.mode == work else image.convert(work))
    if work == "CMYK":
        return _inks_as_light(array)
    return array[:, :, None] if array.ndim == 2 else array


def _inks_as_light(array: np.ndarray) -> np.ndarray:
    """CMYK pixels as work pixels, or work pixels as CMYK (its own inverse): C, M and Y as 255 - ink, K as it is."""
    flipped = array.copy()
    flipped[:, :, :3] = 255 - flipped[:, :, :3]
    return flipped


def from_work(array: np.ndarray, picture: Picture) -> Picture:
    """A picture in the stored mode from ``(H, W, C)`` uint8 work-mode pixels."""
    stored = picture.image.mode
    if stored == "CMYK" and array.shape[2] == 4:  # CMYK work pixels (an RGB-worked CMYK image has 3)
        image = PIL.Image.fromarray(_inks_as_light(array), "CMYK")
    else:
        image = PIL.Image.fromarray(np.ascontiguousarray(array[:, :, 0] if array.shape[2] == 1 else array))
    if stored == "1":
        image = image.convert("1", dither=PIL.Image.Dither.NONE)
    elif stored == "P":
        image = _to_palette(image, picture.image)
    elif stored in _KEYED_MODES and image.mode == _KEYED_MODES[stored]:
        image = _to_colour_key(image, picture.image.info["transparency"])
    elif stored != image.mode:
        image = image.convert(stored)
    info = picture.image.info
    for key in ("icc_profile", "transparency", "dpi", "exif"):
        if key in info:
            image.info[key] = info[key]
    return picture.with_image(image)


def _to_colour_key(image: PIL.Image.Image, key: int | tuple[int, ...]) -> PIL.Image.Image:
    """``image`` (LA or RGBA) without alpha, its transparent pixels (alpha < 128) set to the colour ``key``.

    An opaque pixel of the key's colour would turn transparent: its last channel moves by one.
    """
    pixels = np.array(image)
    colours, clear = pixels[:, :, :-1], pixels[:, :, -1] < 128
    key_colour = np.array(key if isinstance(key, tuple) else (key,), np.uint8)
    clashing = ~clear & (colours == key_colour).all(axis=2)
    colours[clashing, -1] = np.where(key_colour[-1] < 255, key_colour[-1] + 1, 254)
    colours[clear] = key_colour
    return PIL.Image.fromarray(colours[:, :, 0] if colours.shape[2] == 1 else colours, _COLOUR_MODES[image.mode])


def _to_palette(image: PIL.Image.Image, source: PIL.Image.Image) -> PIL.Image.Image:
    """``image`` (RGB or RGBA) mapped onto ``source``'s palette, with ``source``'s transparency.

    Each pixel takes the palette's alpha level nearest its own alpha (an RGB image is opaque),
    then the nearest colour among the entries of that level: a transparent pixel (alpha < 128
    in a palette with one transparent entry) takes a transparent entry and an opaque pixel an
    opaque one, even where the transparent entry's colour is nearer.
    """
    entries = _palette_entries(source)
    levels = np.unique(entries[:, 3])
    alpha = np.array(image.getchannel("A")) if image.mode == "RGBA" else np.full(image.size[::-1], 255, np.uint8)
    level = levels[np.digitize(alpha, (levels[1:].astype(np.float64) + levels[:-1]) / 2)]
    colours = np.array(image.convert("RGB"))
    indices = np.zeros(alpha.shape, np.uint8)
    for value in np.unique(level):
        members = np.flatnonzero(entries[:, 3] == value)
        where = level == value
        indices[where] = members[_nearest_entries(colours[where], entries[members, :3])]
    indexed = PIL.Image.fromarray(indices, "P")
    _copy_palette(source, indexed)
    return indexed


def _palette_entries(source: PIL.Image.Image) -> np.ndarray:
    """The RGBA colour of each of ``source``'s palette entries, its transparency applied."""
    strip = PIL.Image.fromarray(np.arange(len(_palette_values(source, "RGB")) // 3, dtype=np.uint8)[None], "P")
    _copy_palette(source, strip)
    if "transparency" in source.info:
        strip.info["transparency"] = source.info["transparency"]
    return np.array(strip.convert("RGBA"))[0]


def _copy_palette(source: PIL.Image.Image, target: PIL.Image.Image) -> None:
    """Give ``target`` the palette of ``source`` (``P`` images), in the palette's own mode (``RGB`` or ``RGBA``)."""
    mode = _palette_mode(source)
    target.putpalette(_palette_values(source, mode), mode)


def _palette_mode(image: PIL.Image.Image) -> str:
    """The mode of the palette of ``image``, a ``P`` image (which Pillow always gives one)."""
    assert image.palette is not None
    return image.palette.mode


def _palette_values(image: PIL.Image.Image, mode: str) -> list[int]:
    """The palette of ``image``, a ``P`` image, as a flat list of values in ``mode``."""
    values = image.getpalette(mode)
    assert values is not None
    return values


def _nearest_entries(colours: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """For ``(K, 3)`` uint8 ``colours``, the index of the nearest of the ``(N, 3)`` ``palette`` colours (Pillow's quantizer)."""
    target = PIL.Image.new("P", (1, 1))
    target.putpalette(palette.tobytes())
    pixels = PIL.Image.fromarray(np.ascontiguousarray(colours[None]), "RGB")
    return np.array(pixels.quantize(palette=target, dither=PIL.Image.Dither.NONE))[0]


def restyled(picture: Picture, format: str | None = None, quality: int | Literal["keep"] = "keep") -> Picture:
    """``picture`` to be written in ``format`` (or its own) at ``quality`` (or its own): a JPEG's
    quantisation tables, and a WebP's losslessness, are kept only while it stays in its format and
    no quality is given; a TIFF's compression while it stays a TIFF."""
    target = format.upper() if format else picture.format
    keeps_tables = quality == "keep" and target == picture.format == "JPEG"
    return replace(
        picture,
        format=target,
        qtables=picture.qtables if keeps_tables else None,
        subsampling=picture.subsampling if keeps_tables else None,
        quality=picture.quality if quality == "keep" else quality,
        lossless=picture.lossless and quality == "keep" and target == "WEBP",
        compression=picture.compression if target == "TIFF" else None,
    )


def encode(picture: Picture, format: str | None = None, quality: int | Literal["keep"] = "keep") -> dict[str, Any]:
    """The ``{"bytes", "path"}`` cell of ``picture``, in ``format`` or the stored format
    (see :func:`restyled`).

    An image whose format is unknown (made in memory, or one whose EXIF orientation `datasets` applied
    that carries no JPEG header) is written as PNG, losslessly, as `datasets` does.

    Raises:
        InvalidValue: ``format`` cannot store the image as it is: Pillow cannot write its mode, or
            reads it back in another mode (WebP and L), without its transparency (BMP and RGBA) or at
            another size (ICO, for images over 256 pixels).
    """
    picture = restyled(picture, format, quality)
    image = picture.image
    target = (picture.format or "PNG").upper()
    try:
        data = _write(image, target, _options(picture, target))
    except (OSError, ValueError, KeyError) as error:
        if not _round_trips(image, target):
            raise InvalidValue(_cannot_store(image, target, "")) from None
        raise InvalidValue(f"cannot write the image as {target}: {error}") from None
    back = _read_back(data)
    lost = _lost(image, back)
    if lost:
        raise InvalidValue(_cannot_store(image, target, f" ({lost})"))
    assert back is not None  # else it lost all: Pillow cannot read it back
    if back.size != image.size:
        raise InvalidValue(
            f"{target} cannot store a {image.width}x{image.height} image (Pillow reads it back as "
            f"{back.width}x{back.height}); pass format={_formats_keeping(image)} to keep the size"
        )
    return {"bytes": data, "path": None}


def _options(picture: Picture, format: str) -> dict[str, Any]:
    """What Pillow writes ``picture`` as ``format`` with: its ICC profile, DPI and EXIF (orientation
    removed), a JPEG's tables or quality, a WebP's quality or losslessness (transparent pixels'
    colours kept), a TIFF's compression, and :func:`_format_options`."""
    image = picture.image
    options: dict[str, Any] = {key: image.info[key] for key in ("icc_profile", "dpi") if key in image.info}
    exif = image.getexif()
    if exif:
        exif.pop(ORIENTATION, None)  # the pixels are upright
        options["exif"] = exif.tobytes()
    if format == "JPEG" and picture.qtables:
        options["qtables"] = picture.qtables
        if picture.subsampling is not None:
            options["subsampling"] = picture.subsampling
    elif format == "WEBP" and picture.lossless:
        options.update(lossless=True, exact=True)
    elif format in QUALITY_FORMATS:
        options["quality"] = picture.quality or FALLBACK_QUALITY
    if format == "TIFF" and picture.compression:
        options["compression"] = picture.compression
    return {**options, **_format_options(image, format)}


ICO_LARGEST = 256
"""The largest width and height an ICO stores. Pillow writes an ICO at its standard square sizes that fit
the image unless told the image's own size, so a 24x18 icon came back as 16x12."""


def _format_options(image: PIL.Image.Image, format: str) -> dict[str, Any]:
    """The options that keep ``image``'s mode, transparency and size in ``format``: its transparency (but
    for JPEG and WebP), a GIF's whole palette (an optimised one turns an L image into P), and an ICO's
    own size where an ICO stores it."""
    options: dict[str, Any] = {"optimize": False} if format == "GIF" else {}
    if format == "ICO" and max(image.size) <= ICO_LARGEST:
        options["sizes"] = [image.size]
    if "transparency" in image.info and format not in ("JPEG", "WEBP"):
        options["transparency"] = image.info["transparency"]
    return options


# Modes a format is tried in by :func:`read_back_problem`, until Pillow writes one.
_PROBE_MODES = ("RGB", "L", "1")


@functools.lru_cache(maxsize=None)
def read_back_problem(format: str) -> str | None:
    """Why Pillow cannot decode again, on this machine, the images it writes as ``format`` (the
    reader of EPS needs Ghostscript, its writer does not); ``None`` when it can.

    Tried once per process on a small image of the first of :data:`_PROBE_MODES` that Pillow writes
    as ``format`` (``None`` when it writes none of them: each row then says why), fully decoded, as
    `datasets` decodes it; :func:`encode` reads back only the header of each image it writes.
    """
    for mode in _PROBE_MODES:
        try:
            data = _write(PIL.Image.new(mode, (16, 16)), format, {})
        except (OSError, ValueError, KeyError):
            continue
        try:
            _open(data)
        except InvalidValue as error:
            return str(error)
        return None
    return None


def _write(image: PIL.Image.Image, format: str, options: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def _read_back(data: bytes) -> PIL.Image.Image | None:
    """The image Pillow opens from ``data`` (its header: mode, size, palette, transparency), or ``None``."""
    try:
        return PIL.Image.open(io.BytesIO(data))
    except (OSError, SyntaxError, ValueError):
        return None


def _lost(image: PIL.Image.Image, back: PIL.Image.Image | None) -> str:
    """What ``image`` lost when written and read back as ``back``: how Pillow reads it back when
    that is in another mode or without transparency; empty when its mode and transparency are kept."""
    if back is None:
        return "Pillow cannot read them back"
    if back.mode != image.mode:
        return f"Pillow reads them back as mode {back.mode!r}"
    if _transparent(image) and not _transparent(back):
        return "Pillow reads them back without it"
    return ""


def _transparent(image: PIL.Image.Image) -> bool:
    return work_mode(image) in ALPHA_MODES


def _round_trips(image: PIL.Image.Image, format: str) -> bool:
    """Whether Pillow writes ``image``'s mode and transparency as ``format`` and reads them back
    (tried on its top-left pixel, transparent where the image's alpha is in use: WebP keeps alpha
    only where some pixel is not opaque)."""
    pixel = image.crop((0, 0, 1, 1))
    # cast: a single band's extrema are one (min, max) pair
    if pixel.mode in ALPHA_MODES and cast("tuple[float, float]", image.getchannel("A").getextrema())[0] < 255:
        pixel.putalpha(0)
    try:
        data = _write(pixel, format, _format_options(pixel, format))
    except (OSError, ValueError, KeyError):
        return False
    return not _lost(pixel, _read_back(data))


# Formats an error may suggest instead of one that cannot store an image, and modes it may suggest
# casting to (after the image's own colours without alpha), where they keep the image.
_SUGGESTED_FORMATS = ("PNG", "WEBP", "TIFF")
_SUGGESTED_MODES = ("RGB", "P")


def _formats_keeping(image: PIL.Image.Image) -> str:
    """``'PNG' or 'WEBP' or 'TIFF'``: those of :data:`_SUGGESTED_FORMATS` that keep ``image``'s mode
    and transparency (PNG keeps every mode but CMYK, which TIFF keeps)."""
    return " or ".join(repr(name) for name in _SUGGESTED_FORMATS if _round_trips(image, name))


def _mode_for(image: PIL.Image.Image, format: str) -> str | None:
    """The first mode ``format`` keeps once the column is cast to it (as `datasets` converts): the
    image's colours without alpha, then RGB, then P; ``None`` when there is none."""
    pixel = image.crop((0, 0, 1, 1))
    own = "L" if image.mode in ("L", "LA", "1") else "RGB"
    for mode in dict.fromkeys((own, *_SUGGESTED_MODES)):
        if mode != image.mode and _round_trips(pixel.convert(mode), format):
            return mode
    return None


def _cannot_store(image: PIL.Image.Image, format: str, why: str) -> str:
    """Why ``image`` cannot be written as ``format`` (``why``: how Pillow reads it back, in brackets, or
    empty when Pillow cannot write it), and the ways out: a format that keeps it, or a mode to cast to."""
    transparent = _transparent(image)
    keyed = transparent and image.mode not in ALPHA_MODES  # P, or L or RGB with a transparent colour
    message = (
        f"{format} cannot store images of mode {image.mode!r}{' with transparency' if keyed else ''}{why}; "
        f"pass format={_formats_keeping(image)} to keep the mode{' and transparency' if keyed else ''}"
    )
    cast = _mode_for(image, format)
    if cast is None:
        return message
    return (
        f"{message}, or cast the column to mode {cast!r} first{', which drops the transparency' if transparent else ''}: "
        f"ds.cast_column(column, datasets.Image(mode={cast!r}))"
    )
