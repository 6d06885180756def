"""Reading audio cells and writing them back in the format they were stored in.

`datasets` (5.x) decodes an `Audio` cell to a torchcodec ``AudioDecoder`` that also holds the
stored ``{"bytes", "path"}``. Opening that decoder costs about a millisecond and decoding
through it more, while soundfile reads and writes a short WAV or FLAC in a fraction of
that; so the stored file is read with soundfile (torchcodec only for formats libsndfile
cannot read) and the augmented samples are written back as bytes in the same format and
subtype (a 16-bit WAV stays a 16-bit WAV, a FLAC stays a FLAC). Channels are held in WAV's order,
the one `datasets` decodes every format to: an Ogg stream of 3 to 8 channels, which soundfile reads
and writes in Vorbis' own order, is reordered on reading and on writing.
"""

from __future__ import annotations

import datetime
import functools
import io
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from hfaug.audio.reproducible import reproducible
from hfaug.errors import InvalidValue
from hfaug.seeding import value_bytes
from hfaug.stored_file import stored_file_bytes

FALLBACK_FORMAT = "FLAC"  # for audio read through torchcodec: lossless, compact
SILENCE_PEAK = 1e-5  # -100 dBFS
FULL_SCALE = 0.999  # a sample this loud or louder counts as clipped (a positive one of 8-bit PCM: see below)
EIGHT_BIT_FULL_SCALE = 127 / 128  # 8-bit PCM's largest positive value, which any value from it up is written as
LOUDEST_PEAK = 0.99  # a result reaching EIGHT_BIT_FULL_SCALE is scaled to this peak: below it even as 8-bit PCM
# The subtypes whose loudest stored values are below FULL_SCALE: (lowest, highest) value, where a sample counts as
# clipped; G.711's µ-law and A-law store at most 32124 and 32256 of 32768 either way. Others: (-FULL_SCALE, FULL_SCALE).
# Both tables are looked up by a subtype that may be None (unknown), which has no entry.
_FULL_SCALES: dict[str | None, tuple[float, float]] = {
    "PCM_U8": (-FULL_SCALE, EIGHT_BIT_FULL_SCALE),
    "PCM_S8": (-FULL_SCALE, EIGHT_BIT_FULL_SCALE),
    "ULAW": (-32124 / 32768, 32124 / 32768),
    "ALAW": (-32256 / 32768, 32256 / 32768),
}
# For µ-law and A-law, the peak from which samples are written at their loudest value, and the peak a result reaching
# it is scaled to (others: EIGHT_BIT_FULL_SCALE and LOUDEST_PEAK).
_COMPANDED_PEAKS: dict[str | None, tuple[float, float]] = {"ULAW": (0.9646, 0.96), "ALAW": (0.9685, 0.96)}
_FLOAT_SUBTYPES = ("FLOAT", "DOUBLE")  # files that hold values above 1: none of them is clipped
PROBE_RATE = 16000  # the rate of the clip a format given to AudioAugment is tried with
NO_SAMPLES = "the audio has no samples (zero length)"
# The most samples (frames x channels) a clip is decoded with: 512 MiB as float32, 2 h 19 min of 16 kHz mono, 46 min
# of 48 kHz mono, 23 min of 48 kHz stereo. A compressed file can hold far more than it weighs (3 hours of silence
# are a 546 kB FLAC, and would decode to 659 MiB): longer clips are a row error, checked from the header, before decoding.
MAX_SAMPLES = 2**27
_MP3_CHANNELS = 2  # the most channels an MP3 holds
_MOST_CHANNELS = 64  # more than any layout in use (7.1.4: 12, third-order ambisonics: 16, microphone arrays: 32 to 64)
# Per count of channels, the channel of an Ogg (Vorbis or Opus) stream that holds each channel in WAV's
# order, which `datasets` (ffmpeg) decodes them to and soundfile does not (Vorbis I specification, 4.3.9).
_OGG_CHANNELS = {3: [0, 2, 1], 5: [0, 2, 1, 3, 4], 6: [0, 2, 1, 5, 3, 4], 7: [0, 2, 1, 6, 5, 3, 4], 8: [0, 2, 1, 7, 5, 6, 3, 4]}


@dataclass(frozen=True)
class Sound:
    """Decoded audio and how it was stored.

    Args:
        samples (`np.ndarray`): float32 ``(channels, frames)``, the channels in WAV's order.
        sample_rate (`int`): Samples per second.
        format (`str`, *optional*): The stored soundfile format (``"WAV"``, ``"FLAC"``, ...);
            ``None`` for audio given as an array or read through torchcodec.
        subtype (`str`, *optional*): The stored soundfile subtype (``"PCM_16"``, ...).
        as_array (`bool`, defaults to `False`): The cell was ``{"array", "sampling_rate"}`` and is written back so.
        channel_axis (`bool`, defaults to `False`): That array was ``(channels, samples)``, ``(1, samples)`` for
            mono, and is written back so (a column keeps one shape).
        nested_lists (`bool`, defaults to `False`): That ``(channels, samples)`` array came as lists of lists, as
            ``Dataset.map`` passes a ``List(List(...))`` column, and is written back so: pyarrow cannot write such
            lists and NumPy arrays into one column (a cell kept as it came beside a copy).
    """

    samples: np.ndarray
    sample_rate: int
    format: str | None = None
    subtype: str | None = None
    as_array: bool = False
    channel_axis: bool = False
    nested_lists: bool = False

    def with_samples(self, samples: np.ndarray, sample_rate: int | None = None) -> Sound:
        return replace(self, samples=samples, sample_rate=sample_rate or self.sample_rate)


def file_bytes(value: Any) -> bytes | None:
    """The stored file of a cell (``AudioDecoder`` from `datasets`, ``{"bytes", "path"}``,
    bytes or a path), or ``None`` when the cell holds samples."""
    encoded = getattr(value, "_hf_encoded", None)  # set by datasets.Audio.decode_example
    if encoded is not None:
        value = encoded
    if isinstance(value, dict) and "array" in value:
        return None
    return stored_file_bytes(value, "audio")


def key_bytes(value: Any) -> bytes:
    """What a row's randomness is keyed by: the stored file, or the samples."""
    try:
        data = file_bytes(value)
    except InvalidValue:
        data = None
    if data is not None:
        return b"audio-file" + data
    if _is_decoder(value):
        sound = _from_decoder(value)
        return value_bytes({"array": sound.samples, "sampling_rate": sound.sample_rate})
    return value_bytes(value)


def decode(value: Any, *, loaded: bool = False) -> Sound:
    """Decode a cell: an ``AudioDecoder``, ``{"bytes", "path"}``, ``{"array", "sampling_rate"}``,
    bytes or a path.

    Args:
        value: The cell.
        loaded (`bool`, defaults to `False`): Decode an ``AudioDecoder`` through torchcodec, as
            the dataset's feature asks (its ``sampling_rate`` and ``num_channels``), instead of
            reading the stored file.

    Raises:
        InvalidValue: ``None``, an unreadable file, or an array of the wrong shape.
    """
    if value is None:
        raise InvalidValue("the audio is None")
    if loaded and _is_decoder(value):
        return _from_decoder(value)
    if isinstance(value, dict) and "array" in value:
        return _from_array(value)
    data = file_bytes(value)
    if data is not None:
        return _read(data)
    if _is_decoder(value):
        return _from_decoder(value)
    raise InvalidValue(
        f"expected audio (an AudioDecoder, {{'bytes', 'path'}}, {{'array', 'sampling_rate'}}, bytes or a path), "
        f"got {type(value).__name__}"
    )


def _is_decoder(value: Any) -> bool:
    return callable(getattr(value, "get_all_samples", None))


def check_length(frames: float, channels: int, sample_rate: int) -> None:
    """Raise :class:`InvalidValue` for a clip of more than :data:`MAX_SAMPLES` samples (``frames`` x ``channels``,
    as its header gives them), before it is decoded."""
    if frames * channels <= MAX_SAMPLES:
        return
    channel_count = "1 channel" if channels == 1 else f"{channels} channels"
    raise InvalidValue(
        f"the audio lasts {_duration(frames / sample_rate)} ({round(frames * channels):,} samples: {channel_count} at "
        f"{sample_rate} Hz), more than the {MAX_SAMPLES:,} samples hfaug decodes "
        f"({_duration(MAX_SAMPLES / channels / sample_rate)} at this rate and channel count); split the recording "
        "into shorter clips"
    )


def _duration(seconds: float) -> str:
    """``2:19:48`` for 8388.6 seconds."""
    return str(datetime.timedelta(seconds=int(seconds)))


def _check_decoder_length(decoder: Any) -> None:
    """:func:`check_length` from the stream header of a torchcodec ``AudioDecoder`` (nothing where it lacks one),
    at the rate it decodes to (a column's ``sampling_rate`` resamples: 8 kHz read at 48 kHz is six times the
    samples)."""
    metadata = getattr(decoder, "metadata", None)
    seconds = getattr(metadata, "duration_seconds_from_header", None)
    if metadata is not None and seconds is not None and metadata.sample_rate and metadata.num_channels:
        rate = getattr(decoder, "_desired_sample_rate", None) or metadata.sample_rate  # torchcodec keeps it so
        check_length(seconds * rate, metadata.num_channels, rate)


def _from_decoder(decoder: Any) -> Sound:
    _check_decoder_length(decoder)
    try:
        decoded = decoder.get_all_samples()
    except Exception as error:  # torchcodec raises RuntimeError and others for broken streams
        raise InvalidValue(f"cannot decode the audio: {type(error).__name__}: {error}") from None
    rate = int(decoded.sample_rate)
    if decoded.data.shape[-1] == 0:
        _check_not_emptied_by_resampling(decoder, rate)
    return Sound(np.ascontiguousarray(decoded.data.numpy(), dtype=np.float32), rate)


def _check_not_emptied_by_resampling(decoder: Any, rate: int) -> None:
    """Raise :class:`InvalidValue` where ``decoder`` decoded no samples at ``rate`` (a column's ``sampling_rate``)
    from a stream whose header gives it some at its own rate: too short for the column's rate, not empty."""
    metadata = getattr(decoder, "metadata", None)
    seconds = getattr(metadata, "duration_seconds_from_header", None)
    stored_rate = getattr(metadata, "sample_rate", None)
    if seconds and stored_rate and stored_rate != rate:
        frames = round(seconds * stored_rate)
        raise InvalidValue(emptied_by_resampling(frames, stored_rate, rate, "the column's "))


def emptied_by_resampling(frames: int, rate: int, target: int, whose: str = "") -> str:
    """Why a clip of ``frames`` samples at ``rate`` Hz has none at ``target`` Hz (``whose`` sampling rate it is:
    the augmenter's, or ``"the column's "``), and what to do."""
    return (
        f"the audio of {frames} samples at {rate} Hz has none when resampled to {whose}sampling_rate={target} Hz (too "
        f"short: {frames * target / rate:.2g} of a sample at that rate); drop clips that short, or choose a higher "
        "sampling_rate"
    )


def _from_array(value: dict[str, Any]) -> Sound:
    array = _numeric_array(value["array"])
    if unknown_full_scale(array):
        raise InvalidValue(
            "the audio array holds 64-bit integers (a datasets column of integer PCM reaches a map function as Python "
            "ints), whose full scale is unknown; store the samples as floats in [-1, 1] (int16 PCM divided by 32768), "
            "or pass a NumPy int16, int32 or uint8 array"
        )
    samples = as_float(array)
    channel_axis = samples.ndim == 2
    if samples.ndim == 1:
        samples = samples[None]
    if samples.ndim != 2:
        raise InvalidValue(f"the audio array must be (samples,) or (channels, samples), got shape {samples.shape}")
    if samples.size == 0:  # before the shape check: (1, 0) is no (samples, channels) array
        raise InvalidValue(NO_SAMPLES)
    if samples.shape[0] > samples.shape[1]:
        raise InvalidValue(_channels_last_message(*samples.shape))
    rate = value.get("sampling_rate")
    if isinstance(rate, (float, np.floating)) and float(rate).is_integer():  # as a JSON or pandas column gives it
        rate = int(rate)
    if isinstance(rate, (bool, np.bool_)) or not isinstance(rate, (int, np.integer)) or rate <= 0:
        raise InvalidValue(f"the audio has no valid sampling_rate: it must be a whole number of Hz above 0, got {rate!r}")
    nested_lists = channel_axis and isinstance(value["array"], list)
    return Sound(np.ascontiguousarray(samples), int(rate), as_array=True, channel_axis=channel_axis, nested_lists=nested_lists)


def _numeric_array(value: Any) -> np.ndarray:
    """``value`` as an array of real numbers, or :class:`InvalidValue` saying why it is none (channels of unequal
    lengths, text, complex numbers), rather than NumPy's error, which stopped the map whatever ``on_error`` said."""
    try:
        array = np.asarray(value)
    except ValueError:
        raise InvalidValue(
            "the audio array is ragged (its channels have different lengths); give every channel as many samples"
        ) from None
    if array.dtype.kind not in "biuf":
        kind = "complex numbers" if array.dtype.kind == "c" else f"{array.dtype} values"
        raise InvalidValue(f"the audio array holds {kind}, not samples; give real numbers (floats in [-1, 1] or PCM)")
    return array


def _channels_last_message(channels: int, frames: int) -> str:
    """Why a ``(channels, frames)`` array of more channels than samples is refused, and what to do; for one
    of few enough channels to be a clip, how to pass it as one."""
    message = (
        f"the audio array has shape {(channels, frames)}: more channels than samples, so most likely (samples, "
        "channels); give it as (channels, samples) (array.T)"
    )
    if channels > _MOST_CHANNELS:
        return message
    return (
        f"{message}. A (channels, samples) clip with fewer samples than channels cannot be told apart from one: pad "
        f"it with silence to as many samples as channels: numpy.pad(array, ((0, 0), (0, {channels - frames})))"
    )


def unknown_full_scale(samples: np.ndarray) -> bool:
    """Whether ``samples`` are 64-bit integers (what a list of Python ints becomes): no PCM format stores
    them, so their full scale is unknown and :func:`as_float` cannot scale them."""
    return samples.dtype.kind in "iu" and samples.dtype.itemsize == 8


def as_float(samples: np.ndarray) -> np.ndarray:
    """``samples`` as float32; integer PCM is scaled to [-1, 1) (int16 by 32768, uint8 around 128), as
    soundfile reads it."""
    if samples.dtype.kind not in "iu":
        return samples.astype(np.float32)
    full_scale = 2.0 ** (samples.dtype.itemsize * 8 - 1)
    offset = full_scale if samples.dtype.kind == "u" else 0.0
    return ((samples.astype(np.float64) - offset) / full_scale).astype(np.float32)


def _read(data: bytes) -> Sound:
    import soundfile

    try:
        with soundfile.SoundFile(io.BytesIO(data)) as file:
            check_length(file.frames, file.channels, file.samplerate)
            samples = file.read(dtype="float32", always_2d=True).T
            if file.format == "OGG":
                samples = _from_ogg_order(samples)
            return Sound(np.ascontiguousarray(samples), file.samplerate, file.format, file.subtype)
    except InvalidValue:
        raise
    except (soundfile.SoundFileError, RuntimeError, ValueError) as error:
        reason = str(error).rsplit(": ", 1)[-1]
    try:  # formats libsndfile cannot read (AAC, M4A, ...)
        from torchcodec.decoders import AudioDecoder

        decoder = AudioDecoder(data)
    except Exception:
        raise InvalidValue(
            f"cannot decode the audio ({len(data)} bytes): neither soundfile ({reason}) nor torchcodec can read it"
        ) from None
    return _from_decoder(decoder)


def check(sound: Sound, max_clipped_fraction: float | None) -> None:
    """Raise :class:`InvalidValue` for audio that cannot be augmented meaningfully: empty,
    NaN/infinite, silent, or clipped on more than ``max_clipped_fraction`` of its samples."""
    samples = sound.samples
    if samples.shape[-1] == 0:
        raise InvalidValue(NO_SAMPLES)
    if not np.isfinite(samples).all():
        raise InvalidValue("the audio contains NaN or infinite samples")
    peak = float(np.abs(samples).max())
    if peak < SILENCE_PEAK:
        raise InvalidValue(
            "the audio is silent (peak below -100 dBFS): every op scales with the signal, so there is nothing to "
            "augment (the default, on_error='keep', leaves such rows unchanged; in map mode on_error='skip' drops them)"
        )
    if max_clipped_fraction is not None:
        clipped = _clipped_fraction(sound)
        if clipped > max_clipped_fraction:
            raise InvalidValue(
                f"the audio is clipped: {clipped:.1%} of its samples are at full scale "
                f"(max_clipped_fraction={max_clipped_fraction}); pass a larger max_clipped_fraction, or None, to accept it"
            )


def _clipped_fraction(sound: Sound) -> float:
    """The fraction of ``sound``'s samples at the full scale of its stored subtype: its lowest value or below, or
    its highest or above (``±FULL_SCALE``, or the loudest values 8-bit PCM, µ-law and A-law store); in a float
    file only those up to 1 (louder ones are stored as they are)."""
    samples = sound.samples
    lowest, highest = _FULL_SCALES.get(sound.subtype, (-FULL_SCALE, FULL_SCALE))
    clipped = (samples <= lowest) | (samples >= highest)
    if sound.subtype in _FLOAT_SUBTYPES:
        clipped &= np.abs(samples) <= 1
    return float(np.count_nonzero(clipped)) / samples.size


def within_full_scale(samples: np.ndarray, subtype: str | None) -> np.ndarray:
    """``samples`` scaled down to a peak of ``LOUDEST_PEAK`` if any reaches ``EIGHT_BIT_FULL_SCALE`` (never
    clipped), so that the result passes the clipping check of :func:`check` in a following step whatever PCM or
    float subtype it is written in; for µ-law and A-law (``subtype``), below the peak they write at full scale."""
    limit, scaled_peak = _COMPANDED_PEAKS.get(subtype, (EIGHT_BIT_FULL_SCALE, LOUDEST_PEAK))
    peak = float(np.abs(samples).max()) if samples.size else 0.0
    return samples * np.float32(scaled_peak / peak) if peak >= limit else samples


_CODECS = ("MPEG_", "VORBIS", "OPUS", "ALAC_")
"""Subtypes that are a codec of their own format: soundfile's ``check_format("WAV", "MPEG_LAYER_III")`` says yes, and
libsndfile cannot write it."""


def restyled(sound: Sound, format: str | None = None) -> Sound:
    """``sound`` to be written as a file in ``format``, its subtype kept where that format takes it (a
    24-bit WAV becomes a 24-bit FLAC; a float WAV a FLAC of the default 16 bits); unchanged when ``format``
    is ``None``."""
    if format is None:
        return sound
    import soundfile

    kept = sound.subtype is not None and (
        format == sound.format or (not sound.subtype.startswith(_CODECS) and soundfile.check_format(format, sound.subtype))
    )
    return replace(sound, format=format, subtype=sound.subtype if kept else None, as_array=False)


def encode(sound: Sound, format: str | None = None) -> dict[str, Any]:
    """The cell to store: ``{"bytes", "path"}`` in ``format`` or the stored format and subtype,
    or ``{"array", "sampling_rate"}`` for a cell that held an array (see :func:`restyled`).

    Raises:
        InvalidValue: soundfile cannot write the audio in that format (e.g. MP3 at an unsupported rate),
            or the format cannot store its rate (SDS and 44100 Hz) or its channels (MP3 and more than 2).
    """
    sound = restyled(sound, format)
    if sound.as_array:
        return {"array": _array_cell(sound), "sampling_rate": sound.sample_rate}
    import soundfile

    target = sound.format or FALLBACK_FORMAT
    subtype = sound.subtype
    channels = sound.samples.shape[0]
    _check_channels(target, channels)
    try:
        data = _write(sound.samples, sound.sample_rate, target, subtype)
    except (soundfile.SoundFileError, RuntimeError, ValueError, TypeError) as error:
        raise InvalidValue(f"cannot write the audio as {target}/{subtype or 'default'}: {error}") from None
    stored_rate = _stored_rate(target, subtype, sound.sample_rate, channels)
    if stored_rate != sound.sample_rate:
        raise InvalidValue(
            f"{target}/{subtype or 'default'} cannot store {sound.sample_rate} Hz audio (it reads back at {stored_rate} Hz); "
            f"pass format='WAV', which stores any rate, or resample with sampling_rate=<a rate {target} stores>"
        )
    return {"bytes": reproducible(data, target, sound.samples), "path": None}


def _check_channels(format: str, channels: int) -> None:
    """Raise :class:`InvalidValue` where ``format`` cannot hold ``channels`` channels (MP3: more than 2),
    rather than libsndfile's "Format not recognised"."""
    if format == "MP3" and channels > _MP3_CHANNELS:
        raise InvalidValue(
            f"MP3 holds 1 or {_MP3_CHANNELS} channels, and the audio has {channels}; pass format='FLAC', 'WAV' or 'OGG', "
            "which hold them"
        )


_WRITTEN_AT_ONCE = 1 << 20
"""Frames handed to libsndfile at a time: its Vorbis encoder crashes the process (a segmentation fault) on two million
frames written at once, a clip of two minutes at 16 kHz; shorter clips are written in one piece, as before."""


def _write(samples: np.ndarray, rate: int, format: str, subtype: str | None) -> bytes:
    """``(channels, frames)`` samples, in WAV's channel order, as a ``format`` file written by soundfile
    (in an Ogg stream's own order)."""
    import soundfile

    if format == "OGG":
        samples = _to_ogg_order(samples)
    buffer = io.BytesIO()
    with soundfile.SoundFile(buffer, "w", rate, len(samples), format=format, subtype=subtype) as file:
        for start in range(0, samples.shape[1], _WRITTEN_AT_ONCE):
            file.write(samples[:, start : start + _WRITTEN_AT_ONCE].T)
    return buffer.getvalue()


def _from_ogg_order(samples: np.ndarray) -> np.ndarray:
    """``(channels, frames)`` samples of an Ogg stream, in its own channel order, in WAV's."""
    order = _OGG_CHANNELS.get(len(samples))
    return samples if order is None else samples[order]


def _to_ogg_order(samples: np.ndarray) -> np.ndarray:
    """``(channels, frames)`` samples in WAV's channel order, in an Ogg stream's own (see :func:`_from_ogg_order`)."""
    order = _OGG_CHANNELS.get(len(samples))
    return samples if order is None else samples[np.argsort(order)]


def _probe(channels: int = 1) -> np.ndarray:
    """A tone of 1600 frames (torchcodec decodes nothing of an Ogg Vorbis clip of 256), ``(channels, frames)``,
    to try a format with."""
    return np.tile(np.float32(0.5) * np.sin(np.arange(1600, dtype=np.float32) / 5), (channels, 1))


@functools.lru_cache(maxsize=256)
def _stored_rate(format: str, subtype: str | None, rate: int, channels: int) -> int:
    """The rate audio at ``rate`` Hz reads back at once soundfile writes it as ``format``/``subtype``
    (not always ``rate``: SDS writes 44100 Hz as 44101 Hz, SVX 96000 Hz as 30464 Hz)."""
    return _read(_write(_probe(channels), rate, format, subtype)).sample_rate


@functools.lru_cache(maxsize=None)
def format_problem(format: str) -> str:
    """Why files soundfile writes as ``format`` are no use in a dataset: `datasets` (torchcodec) cannot
    decode a 16 kHz clip written in it (RAW, which has no header, SD2, MAT5, WVE, XI, ...) or decodes
    it at another rate; empty when it decodes it at the rate written."""
    import soundfile
    from torchcodec.decoders import AudioDecoder

    try:
        data = _write(_probe(), PROBE_RATE, format, soundfile.default_subtype(format) or "PCM_16")
        rate = AudioDecoder(data).get_all_samples().sample_rate
    except Exception:  # soundfile and torchcodec raise RuntimeError and others
        return f"datasets cannot decode the {format} files soundfile writes"
    return "" if rate == PROBE_RATE else f"datasets decodes a {PROBE_RATE} Hz {format} file at {rate} Hz"


def _array_cell(sound: Sound) -> np.ndarray | list[list[float]]:
    """The samples of a cell that held an array, in the form it came in (see :attr:`Sound.nested_lists`)."""
    array = loaded_array(sound)
    return array.tolist() if sound.nested_lists else array


def loaded_array(sound: Sound) -> np.ndarray:
    """Samples as `datasets` users expect them: ``(samples,)`` for mono, ``(channels, samples)`` otherwise (and for
    mono given so)."""
    return sound.samples[0] if sound.samples.shape[0] == 1 and not sound.channel_axis else sound.samples
