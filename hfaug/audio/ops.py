"""Named audio ops for recipes: plain parameters, randomness drawn from the row generator.

Most ops run the audiomentations transform of the same meaning (with Python's and NumPy's
global generators seeded from the row); ``speed``, ``background_noise`` and
``impulse_response`` are implemented here because their sounds may come from a dataset.
Every op takes ``p`` (probability of applying it, default 1). Numbers must be finite;
``rollover`` and ``leave_length_unchanged`` take ``True`` or ``False``.

=====================  ===========================================================  ==============================
op                     parameters (defaults)                                        what it does
=====================  ===========================================================  ==============================
``gaussian_noise``     ``min_snr_db=5``, ``max_snr_db=40``                          white noise at a random SNR
``time_stretch``       ``min_rate=0.8``, ``max_rate=1.25``,                         tempo change, pitch kept
                       ``leave_length_unchanged=True``
``speed``              ``min_factor=0.9``, ``max_factor=1.1``                       playback speed (tempo and pitch)
``pitch_shift``        ``min_semitones=-4``, ``max_semitones=4``                    pitch change, tempo kept
``gain``               ``min_gain_db=-12``, ``max_gain_db=12``                      volume change
``shift``              ``min_shift=-0.5``, ``max_shift=0.5`` (fractions),          circular or padded time shift
                       ``rollover=True``
``band_pass``          ``min_center_freq=200``, ``max_center_freq=4000``,           band-pass filter
                       ``min_bandwidth_fraction=0.5``, ``max_bandwidth_fraction=1.99``
                       (centre frequencies in Hz, >= 1)
``background_noise``   ``source`` (required), ``min_snr_db=3``, ``max_snr_db=30``   a noise clip (looped or cropped
                                                                                    at a random offset) at a random SNR
``impulse_response``   ``source`` (required), ``leave_length_unchanged=True``       convolution with an impulse
                                                                                    response (room, device)
=====================  ===========================================================  ==============================

``source`` is a folder or files of audio, or ``{"dataset": ..., "split": ..., "column": ...}``
(see :mod:`hfaug.audio.sources`). Its ``revision`` is worked out when the op is built and
recorded in its parameters, so that changed sounds give a new version id and miss the
`datasets` cache:

- files and local folders (a dataset folder too): ``content-<hash>`` of their files; a recorded
  revision that no longer matches is refused;
- a Hub dataset id: the commit of ``revision`` (a branch, tag or commit, also accepted as the
  source's ``"revision"`` key; default: the default branch), and that commit is what is loaded,
  so a recorded commit gives the same sounds after the dataset changed. Offline
  (``HF_HUB_OFFLINE=1``) or with the Hub unreachable, a commit is read from the local Hugging
  Face cache, and a branch or tag resolves to the commit last downloaded for it; what is not
  cached is refused with a message saying so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np

from hfaug.audio import sources
from hfaug.content_hash import CONTENT_PREFIX
from hfaug.errors import InvalidValue, optional_imports
from hfaug.media import MediaOp, check_number, plain
from hfaug.seeding import global_rngs_seeded

SILENT_RMS = 1e-9  # samples this quiet (root mean square) are taken for silence
_AUDIBLE_SHARE = 1e-4  # of the loudness an impulse response would give the audio, below which its result is silence


class AudioOp(MediaOp):
    """A named audio op on float32 ``(channels, frames)`` samples.

    A parameter whose default is a float takes only finite numbers, within its ``bounds``
    (``(low, high, open)``: ``None`` for no bound, ``open`` when the bounds themselves are
    excluded) when it has some, and is stored as a float (``1`` and ``1.0`` give one
    configuration); each ``min_<x>`` must not be greater than its ``max_<x>``.
    """

    bounds: ClassVar[dict[str, tuple[float | None, float | None, bool]]] = {}

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        for key, default in self.defaults.items():
            if isinstance(default, float):
                low, high, excluded = self.bounds.get(key, (None, None, False))
                check_number(self.name, key, self.params[key], low=low, high=high, low_open=excluded, high_open=excluded)
        for key in self.defaults:
            max_key = "max_" + key[len("min_") :]
            if key.startswith("min_") and max_key in self.defaults and self.params[key] > self.params[max_key]:
                raise ValueError(
                    f"op {self.name!r}: {key} must not be greater than {max_key}, got {key}={self.params[key]!r} "
                    f"and {max_key}={self.params[max_key]!r}"
                )
        floats = [key for key, default in self.defaults.items() if isinstance(default, float)]
        self.params.update({key: float(self.params[key]) for key in floats})

    def apply(self, samples: np.ndarray, sample_rate: int, rng: np.random.Generator) -> tuple[np.ndarray, dict[str, Any]]:
        """Return the new samples and the parameters drawn (JSON values)."""
        raise NotImplementedError


MIN_RESAMPLED_RATE = 100
"""The lowest sample rate, in Hz, of audio that ``time_stretch`` and ``pitch_shift`` take: below about 40 Hz the
transforms they run hang or crash the process (a segmentation fault), which no ``on_error`` can catch; real audio is
sampled at 8,000 Hz and more."""


class _LibraryOp(AudioOp):
    """An op run by an audiomentations transform (``transform_class``) built from the op's parameters, on audio sampled
    at ``min_sample_rate`` Hz or more."""

    transform_class: ClassVar[str] = ""
    min_sample_rate: ClassVar[int] = 1

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        with optional_imports(__name__, f"audio op {self.name!r}"):
            import audiomentations

        kwargs = {key: value for key, value in self.params.items() if key != "p"}
        try:
            self._transform = getattr(audiomentations, self.transform_class)(**kwargs, p=1.0)
        except (ValueError, AssertionError, TypeError) as error:
            raise ValueError(f"op {self.name!r}: {error or 'invalid parameters'} (parameters {kwargs})") from None

    def apply(self, samples: np.ndarray, sample_rate: int, rng: np.random.Generator) -> tuple[np.ndarray, dict[str, Any]]:
        """Run the transform with the global generators seeded by a draw from ``rng``; the parameters
        record that ``seed`` (which replays the op: Gaussian noise is not told by its level alone) and
        what the transform drew."""
        if sample_rate < self.min_sample_rate:
            raise InvalidValue(
                f"op {self.name!r} takes audio sampled at {self.min_sample_rate} Hz or more, got {sample_rate} Hz "
                "(its transform hangs or crashes on such audio); leave the op out for it"
            )
        seed = int(rng.integers(0, 2**32 - 1))
        with global_rngs_seeded(seed):
            out = self._run(samples, sample_rate)
        return out, {"seed": seed, **self._drawn()}

    def _run(self, samples: np.ndarray, sample_rate: int) -> np.ndarray:
        """The transform's result, ``(channels, frames)`` float32."""
        mono = samples.shape[0] == 1
        out = self._transform(samples[0] if mono else samples, sample_rate)
        return np.atleast_2d(np.asarray(out, dtype=np.float32))

    def _drawn(self) -> dict[str, Any]:
        """The parameters the transform drew last (JSON values)."""
        return plain({key: value for key, value in self._transform.parameters.items() if key != "should_apply"})


class GaussianNoise(_LibraryOp):
    name = "gaussian_noise"
    transform_class = "AddGaussianSNR"
    defaults = {"min_snr_db": 5.0, "max_snr_db": 40.0, "p": 1.0}


class TimeStretch(_LibraryOp):
    name = "time_stretch"
    moves = True
    transform_class = "TimeStretch"
    min_sample_rate = MIN_RESAMPLED_RATE
    defaults = {"min_rate": 0.8, "max_rate": 1.25, "leave_length_unchanged": True, "p": 1.0}
    bounds = {"min_rate": (0.1, 10.0, False), "max_rate": (0.1, 10.0, False)}


class PitchShift(_LibraryOp):
    name = "pitch_shift"
    transform_class = "PitchShift"
    min_sample_rate = MIN_RESAMPLED_RATE
    defaults = {"min_semitones": -4.0, "max_semitones": 4.0, "p": 1.0}
    bounds = {"min_semitones": (-24.0, 24.0, False), "max_semitones": (-24.0, 24.0, False)}


class Gain(_LibraryOp):
    name = "gain"
    transform_class = "Gain"
    defaults = {"min_gain_db": -12.0, "max_gain_db": 12.0, "p": 1.0}


class Shift(_LibraryOp):
    name = "shift"
    moves = True
    transform_class = "Shift"
    defaults = {"min_shift": -0.5, "max_shift": 0.5, "rollover": True, "p": 1.0}
    bounds = {"min_shift": (-1.0, 1.0, False), "max_shift": (-1.0, 1.0, False)}

    def _run(self, samples: np.ndarray, sample_rate: int) -> np.ndarray:
        """Shift as audiomentations does, which fails to fade a shift back by the whole length (-1, or
        a fraction that rounds to it on a short clip): every sample then lands where it was
        (``rollover``) or outside the clip, where there is no seam to fade."""
        try:
            return super()._run(samples, sample_rate)
        except ValueError:
            frames = samples.shape[-1]
            if round(self._drawn()["shift_amount"] * frames) != -frames:  # another failure
                raise
            return samples.copy() if self.params["rollover"] else np.zeros_like(samples)


class BandPass(_LibraryOp):
    name = "band_pass"
    transform_class = "BandPassFilter"
    defaults = {
        "min_center_freq": 200.0,
        "max_center_freq": 4000.0,
        "min_bandwidth_fraction": 0.5,
        "max_bandwidth_fraction": 1.99,
        "p": 1.0,
    }
    bounds = {
        "min_center_freq": (1.0, None, False),
        "max_center_freq": (1.0, None, False),
        "min_bandwidth_fraction": (0.0, 2.0, True),
        "max_bandwidth_fraction": (0.0, 2.0, True),
    }

    def _run(self, samples: np.ndarray, sample_rate: int) -> np.ndarray:
        """Filter as audiomentations does, which lowers an upper edge above the Nyquist frequency
        to just below it; a band whose lower edge is there too passes nothing, and is refused."""
        try:
            return super()._run(samples, sample_rate)
        except ValueError:
            drawn = self._transform.parameters
            low = drawn["center_freq"] - drawn["bandwidth"] / 2
            nyquist = sample_rate // 2
            if low < nyquist * 0.9999:  # the band was fine: another failure
                raise
            raise InvalidValue(
                f"op 'band_pass': the drawn band {low:.0f}-{low + drawn['bandwidth']:.0f} Hz (centre "
                f"{drawn['center_freq']:.0f} Hz) lies above the Nyquist frequency {nyquist} Hz of this clip (sample "
                f"rate {sample_rate} Hz), so nothing would pass. Lower max_center_freq (the band's lower edge, centre x "
                "(1 - bandwidth_fraction / 2), must stay below the Nyquist frequency); the ops run at the rate each "
                "clip is stored at (a cast to Audio(sampling_rate=...) changes how datasets decodes it, not that)"
            ) from None


class Speed(AudioOp):
    """Plays the audio faster or slower (resampling): tempo and pitch change together, as in
    speed perturbation for speech recognition; the length changes by ``1 / factor``."""

    name = "speed"
    moves = True
    defaults = {"min_factor": 0.9, "max_factor": 1.1, "p": 1.0}
    bounds = {"min_factor": (0.25, 4.0, False), "max_factor": (0.25, 4.0, False)}

    def apply(self, samples: np.ndarray, sample_rate: int, rng: np.random.Generator) -> tuple[np.ndarray, dict[str, Any]]:
        import soxr

        factor = float(rng.uniform(self.params["min_factor"], self.params["max_factor"]))
        out = soxr.resample(samples.T, sample_rate, sample_rate / factor)  # (frames, channels), frames may be 0
        return np.ascontiguousarray(np.asarray(out, dtype=np.float32).T), {"factor": factor}


class _SourceOp(AudioOp):
    """An op drawing clips from a sound ``source``."""

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        if self.params["source"] is None:
            raise ValueError(
                f"op {self.name!r} needs source=<a folder or files of audio, or {{'dataset': ..., 'column': ...}}>"
            )
        self.params["source"] = source = sources.normalise(self.name, self._take_revision(self.params["source"]))
        recorded = self.params["revision"]
        if sources.on_hub(source):
            self.params["revision"] = sources.hub_commit(self.name, source, recorded)
            return
        if recorded is not None and not recorded.startswith(CONTENT_PREFIX):
            raise ValueError(
                f"op {self.name!r}: revision {recorded!r} names a Hub commit, branch or tag, but the sound source "
                f"{source!r} is local and pinned by its content; remove revision"
            )
        found = sources.revision(source)
        if recorded is not None and recorded != found:
            raise ValueError(
                f"op {self.name!r}: the sound source {source!r} changed since its revision was recorded "
                f"(recorded {recorded}, found {found}); remove revision to use the sounds as they are now, "
                "or restore the ones it was recorded for"
            )
        self.params["revision"] = found

    def _take_revision(self, source: Any) -> Any:
        """``source`` without a ``revision`` key, which becomes the op's ``revision`` parameter."""
        if not isinstance(source, Mapping) or "revision" not in source:
            return source
        source = dict(source)
        asked = source.pop("revision")
        if self.params["revision"] not in (None, asked):
            raise ValueError(
                f"op {self.name!r}: the source asks for revision {asked!r} and the op for {self.params['revision']!r}; "
                "give the revision once"
            )
        self.params["revision"] = asked
        return source

    def _bank(self) -> sources.SoundBank:
        return sources.bank(self.params["source"], self.params["revision"])

    def _draw(self, rng: np.random.Generator, sample_rate: int) -> tuple[int, np.ndarray]:
        bank = self._bank()
        index = int(rng.integers(0, len(bank)))
        return index, bank.clip(index, sample_rate)

    def _check_audible(self, samples: np.ndarray, index: int, effect: str, floor: float = SILENT_RMS) -> None:
        """Raise :class:`InvalidValue` naming clip ``index`` and its ``effect`` when ``samples``, made with it, are silent
        (quieter than ``floor``)."""
        if _rms(samples) < floor:
            raise InvalidValue(f"op {self.name!r}: {self._bank().clip_named(index)} {effect}; remove it from the source")


def _rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))


class BackgroundNoise(_SourceOp):
    name = "background_noise"
    defaults = {"source": None, "revision": None, "min_snr_db": 3.0, "max_snr_db": 30.0, "p": 1.0}

    def apply(self, samples: np.ndarray, sample_rate: int, rng: np.random.Generator) -> tuple[np.ndarray, dict[str, Any]]:
        index, noise = self._draw(rng, sample_rate)
        snr_db = float(rng.uniform(self.params["min_snr_db"], self.params["max_snr_db"]))
        frames = samples.shape[1]
        if len(noise) >= frames:  # crop a window
            offset = int(rng.integers(0, len(noise) - frames + 1))
            segment = noise[offset : offset + frames]
        else:  # loop from a random point
            offset = int(rng.integers(0, len(noise)))
            segment = noise[(offset + np.arange(frames)) % len(noise)]
        self._check_audible(segment, index, "is silent where it was drawn")
        scale = _rms(samples) / (10 ** (snr_db / 20)) / _rms(segment)
        params = {"clip": index, "snr_db": snr_db, "offset": offset}
        return (samples + np.float32(scale) * segment[None]).astype(np.float32), params


class ImpulseResponse(_SourceOp):
    name = "impulse_response"
    defaults = {"source": None, "revision": None, "leave_length_unchanged": True, "p": 1.0}

    def apply(self, samples: np.ndarray, sample_rate: int, rng: np.random.Generator) -> tuple[np.ndarray, dict[str, Any]]:
        from scipy.signal import fftconvolve

        index, response = self._draw(rng, sample_rate)
        out = fftconvolve(samples, response[None], axes=-1)
        if self.params["leave_length_unchanged"]:
            out = out[:, : samples.shape[1]]
        # silent against what the response would make of the audio: its round-off alone, made as loud as the audio, was noise
        expected = _rms(samples) * float(np.sqrt(np.sum(np.square(response, dtype=np.float64))))
        floor = max(SILENT_RMS, _AUDIBLE_SHARE * expected)
        self._check_audible(
            out, index, "leaves silence (the clip is silent, or starts with more silence than the audio lasts)", floor
        )
        out = out * (_rms(samples) / _rms(out))  # keep the loudness
        return np.ascontiguousarray(out, dtype=np.float32), {"clip": index}


OPS: dict[str, type[AudioOp]] = {
    op.name: op
    for op in (GaussianNoise, TimeStretch, Speed, PitchShift, Gain, Shift, BandPass, BackgroundNoise, ImpulseResponse)
}
