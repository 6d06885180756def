"""``AudioAugment``: audiomentations transforms or named ops over a `datasets.Audio` column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from hfaug.audio import codec
from hfaug.audio.codec import Sound
from hfaug.audio.ops import OPS, AudioOp
from hfaug.augmenter.arguments import is_count
from hfaug.augmenter.on_error import OnError
from hfaug.errors import InvalidValue
from hfaug.media import MediaAugmenter, MediaConfigError, is_number, plain
from hfaug.seeding import global_rngs_seeded


class AudioAugment(MediaAugmenter[Sound, AudioOp]):
    """Augments audio with an audiomentations transform or with named ops, keeping the stored format.

    Each row's stored file is read once with soundfile (torchcodec for formats libsndfile
    cannot read), augmented as float32 samples, and written back as bytes in the same format
    and subtype at the same sampling rate (unless ``sampling_rate`` is given); `datasets`
    decodes it as before. Mono and multichannel audio are supported. Empty, NaN/infinite,
    silent or clipped audio, and results that would contain NaN, follow ``on_error``; a
    result that reaches full scale is scaled down to a peak of 0.99 (never clipped), so a
    following augmentation accepts it.

    Args:
        transform (`Callable`, *optional*): Any audiomentations transform or ``Compose`` (or a
            callable ``(samples, sample_rate) -> samples``). It runs with Python's and NumPy's
            global generators seeded from the row, on a private copy, so the object given is
            never changed. It is pickled with the augmenter and fingerprinted by its state; it
            cannot go into a recipe (use ``ops``).
        column (`str`, defaults to `"audio"`): The `datasets.Audio` column.
        ops (`list`, *optional*): Named ops, applied in order, as names or dicts
            (``[{"op": "background_noise", "source": "noises/"}, "gain"]``, ``noises/`` being a
            folder of your own noise clips); see
            :mod:`hfaug.audio.ops`. Plain data: usable from recipes. Give ``transform`` or ``ops``.
        sampling_rate (`int`, *optional*): Resample the result to this rate; by default the rate is kept.
        format (`str`, *optional*): Write every clip in this soundfile format (``"WAV"``,
            ``"FLAC"``, ``"OGG"``, ``"MP3"``); by default each keeps its stored format. A format
            `datasets` cannot decode (RAW, SD2, MAT5, WVE, XI, ...) is refused; a clip whose rate the
            format cannot store (SDS and 44100 Hz) is a row error. In a
            :class:`hfaug.Sequential` it also holds for the audio steps that follow, which encode
            once at the end, until one sets its own.
        max_clipped_fraction (`float`, *optional*, defaults to 0.01): Inputs with more than this
            fraction of samples at full scale count as clipped and follow ``on_error``; ``None``
            accepts any.
        n, keep_original, seed, on_error: As in :class:`hfaug.Augmenter`.

    Example:
        >>> import audiomentations as am
        >>> aug = hfaug.AudioAugment(am.Compose([am.AddGaussianSNR(p=1.0), am.TimeStretch(p=0.5)]))
        >>> out = ds.map(aug, batched=True)
        >>> # noises/: a folder of your own noise clips, mixed in at an SNR of 5 to 30 dB
        >>> noisy = hfaug.AudioAugment(ops=[{"op": "background_noise", "source": "noises/", "min_snr_db": 5}])
    """

    name = "audio"
    requires = ("audiomentations", "soundfile")
    output_packages = ("audiomentations", "scipy", "soundfile", "soxr")
    feature_name = "Audio"
    media_type = Sound
    op_table = OPS

    def __init__(
        self,
        transform: Callable[..., Any] | None = None,
        column: str = "audio",
        ops: Sequence[str | dict[str, Any]] | None = None,
        *,
        sampling_rate: int | None = None,
        format: str | None = None,
        max_clipped_fraction: float | None = 0.01,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(transform, column, ops, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        if sampling_rate is not None and not is_count(sampling_rate):
            raise ValueError(f"audio: sampling_rate must be None (keep) or a positive integer, got {sampling_rate!r}")
        if format is not None:
            import soundfile

            if not isinstance(format, str) or format.upper() not in soundfile.available_formats():
                raise ValueError(
                    f"audio: format must be None (keep) or a soundfile format such as 'WAV', 'FLAC', 'OGG', 'MP3'; got {format!r}"
                )
            format = format.upper()
            problem = codec.format_problem(format)
            if problem:
                raise ValueError(
                    f"audio: format {format!r} cannot be used: {problem}; pass a format that datasets reads back, such as "
                    "'WAV', 'FLAC', 'OGG' or 'MP3'"
                )
        if max_clipped_fraction is not None and not (is_number(max_clipped_fraction) and 0 <= max_clipped_fraction <= 1):
            raise ValueError(f"audio: max_clipped_fraction must be None or a number in [0, 1], got {max_clipped_fraction!r}")
        self.sampling_rate = None if sampling_rate is None else int(sampling_rate)
        self.format = format
        # as floats: 0 and 0.0 are one configuration, so one version id
        self.max_clipped_fraction = None if max_clipped_fraction is None else float(max_clipped_fraction)

    def value_key(self, value: Any) -> bytes:
        return codec.key_bytes(value)

    def decode(self, value: Any, *, loaded: bool = False) -> Sound:
        return codec.decode(value, loaded=loaded)

    def check(self, media: Sound) -> None:
        codec.check(media, self.max_clipped_fraction)

    def encode(self, media: Sound) -> dict[str, Any]:
        self._check_format_applies(media)
        return codec.encode(media, self.format)

    def restyle(self, media: Sound) -> Sound:
        self._check_format_applies(media)
        return codec.restyled(media, self.format)

    def _check_format_applies(self, media: Sound) -> None:
        """Refuse ``format`` for audio given as an array: it comes back as an array, so that a column keeps one form."""
        if media.as_array and self.format is not None:
            raise MediaConfigError(
                f"audio: format={self.format!r} writes stored files, but column {self.column!r} holds {{'array', "
                "'sampling_rate'} cells, which come back as arrays; drop format=, or store the column as files first: "
                f"ds.cast_column({self.column!r}, datasets.Audio())"
            )

    def loaded(self, media: Sound) -> dict[str, Any]:
        return {"array": codec.loaded_array(media), "sampling_rate": media.sample_rate}

    def problem(self, media: Sound) -> str | None:
        if media.samples.shape[-1] == 0:
            return "the augmentation left no samples"
        if not np.isfinite(media.samples).all():
            return "the augmentation produced NaN or infinite samples"
        return None

    def apply_ops(self, media: Sound, ops: Sequence[AudioOp], rng: np.random.Generator) -> tuple[Sound, list[dict[str, Any]]]:
        samples = media.samples
        steps = []
        for op in ops:
            if not op.applies(rng):
                continue
            samples, params = op.apply(samples, media.sample_rate, rng)
            steps.append({"op": op.name, **params})
        return self._finish(media, samples), steps

    def apply_transform(self, media: Sound, transform: Callable[..., Any], seed: int) -> tuple[Sound, dict[str, Any]]:
        mono = media.samples.shape[0] == 1
        with global_rngs_seeded(seed):
            out = transform(media.samples[0] if mono else media.samples, media.sample_rate)
        drawn = _drawn(transform)
        return self._finish(media, _transformed_samples(out, media.samples.shape[0])), {"transforms": drawn} if drawn else {}

    def _finish(self, media: Sound, samples: np.ndarray) -> Sound:
        """Resample if asked and keep the samples below the full scale of the subtype they are written in (scaling,
        never clipping)."""
        rate = media.sample_rate
        if self.sampling_rate is not None and self.sampling_rate != rate:
            import soxr

            resampled = np.asarray(soxr.resample(samples.T, rate, self.sampling_rate), dtype=np.float32)
            if samples.shape[-1] and not resampled.size:
                raise InvalidValue(codec.emptied_by_resampling(samples.shape[-1], rate, self.sampling_rate))
            samples = resampled.reshape(-1, samples.shape[0]).T
            rate = self.sampling_rate
        if np.isfinite(samples).all():
            samples = codec.within_full_scale(samples, codec.restyled(media, self.format).subtype)
        return media.with_samples(np.ascontiguousarray(samples, dtype=np.float32), rate)


def _transformed_samples(out: Any, channels: int) -> np.ndarray:
    """What a transform returned as float32 ``(channels, frames)`` samples, integer PCM scaled as soundfile reads it.

    Raises:
        MediaConfigError: not a NumPy array of samples with ``channels`` channels, or 64-bit integers.
    """
    if not isinstance(out, np.ndarray) or out.ndim not in (1, 2):
        what = f"an array of shape {out.shape}" if isinstance(out, np.ndarray) else type(out).__name__
        raise MediaConfigError(
            f"audio: the transform returned {what}; it must return a NumPy array of samples, (samples,) or "
            "(channels, samples)"
        )
    if (out.shape[0] if out.ndim == 2 else 1) != channels:
        raise MediaConfigError(
            f"audio: the transform returned samples of shape {out.shape} for {channels}-channel audio; it must return "
            f"(channels, samples) with the input's {channels} channels, or (samples,) for mono audio (for a (samples, "
            "channels) array, return its .T)"
        )
    if codec.unknown_full_scale(out):
        raise MediaConfigError(
            "audio: the transform returned 64-bit integer samples, whose full scale is unknown; return float samples "
            "in [-1, 1], or integer PCM as int16, int32 or uint8 (read as soundfile reads it: int16 divided by 32768)"
        )
    return np.atleast_2d(codec.as_float(out))


def _drawn(transform: Any) -> list[dict[str, Any]]:
    """The parameters audiomentations drew, per transform that applied (empty for other callables)."""
    children = getattr(transform, "transforms", None)
    if isinstance(children, (list, tuple)):
        return [item for child in children for item in _drawn(child)]
    parameters = getattr(transform, "parameters", None)
    if not isinstance(parameters, dict) or not parameters.get("should_apply"):
        return []
    return [{"transform": type(transform).__name__, **plain({k: v for k, v in parameters.items() if k != "should_apply"})}]

