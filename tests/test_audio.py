"""AudioAugment: stored format kept, row seeding, noise sources, bad audio, audiomentations transforms."""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import audiomentations as am
import numpy as np
import pytest
import soundfile
from datasets import Audio, Dataset, DatasetDict
from datasets.fingerprint import Hasher

import hfaug
from hfaug.audio.sources import SourceError
from hfaug.media import MediaConfigError
from hfaug.media_preview import decode_audio
from hfaug.seeding import global_rngs_seeded
from media_samples import RATE, audio_bytes, audio_dataset, chirp, noise, read_audio, speech, tone


def raw(dataset):
    return dataset.cast_column("audio", Audio(decode=False))["audio"]


def snr_db(clean: np.ndarray, mixed: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(clean**2)) / np.sqrt(np.mean((mixed - clean) ** 2))))


@pytest.fixture(scope="module")
def noise_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("noises")
    soundfile.write(folder / "hum.wav", tone(50, seconds=0.5, rate=8000), 8000)  # other rate, shorter than the clips
    soundfile.write(folder / "hiss.flac", noise(seconds=2.0, seed=1), RATE)
    return folder


@pytest.fixture(scope="module")
def spoken(tmp_path_factory) -> bytes:
    return speech("the pump is making a strange noise", tmp_path_factory.mktemp("speech") / "speech.wav").read_bytes()


# ---------------------------------------------------------------- stored format
@pytest.mark.parametrize(
    ("samples", "format", "subtype"),
    [
        (tone(), "WAV", "PCM_16"),
        (chirp(), "FLAC", "PCM_24"),
        (np.stack([tone(), chirp()]), "WAV", "PCM_16"),
        (tone(330), "OGG", "VORBIS"),
        (tone(), "WAV", "FLOAT"),
    ],
)
def test_format_subtype_rate_and_channels_are_kept(samples, format, subtype):
    out = hfaug.augment(audio_dataset([audio_bytes(samples, format=format, subtype=subtype)]), hfaug.AudioAugment(ops=["gain", "shift"]), keep_original=False)
    augmented, info = read_audio(raw(out)[0])
    assert (info.format, info.subtype, info.samplerate, info.channels) == (format, subtype, RATE, samples.ndim if samples.ndim == 1 else 2)
    assert out[0]["hfaug_error"] == ""
    assert augmented.shape[1] == pytest.approx(samples.shape[-1], abs=1200)


def test_sampling_rate_and_format_can_be_changed():
    out = hfaug.augment(
        audio_dataset([audio_bytes(tone())]), hfaug.AudioAugment(ops=["gain"], sampling_rate=8000, format="flac"), keep_original=False
    )
    samples, info = read_audio(raw(out)[0])
    assert (info.format, info.samplerate, samples.shape) == ("FLAC", 8000, (1, 8000))


def test_a_new_format_keeps_the_bit_depth_where_it_can():
    # a 24-bit WAV written as FLAC was a 16-bit FLAC
    cells = [audio_bytes(tone(), subtype=subtype) for subtype in ("PCM_24", "FLOAT", "PCM_16")]
    out = hfaug.augment(audio_dataset(cells), hfaug.AudioAugment(ops=["gain"], format="FLAC"), keep_original=False)
    assert [read_audio(cell)[1].subtype for cell in raw(out)] == ["PCM_24", "PCM_16", "PCM_16"]  # FLAC has no float


def _tones_per_channel(channels: int, rate: int = RATE) -> np.ndarray:
    """``(channels, frames)``: a tone of its own frequency per channel, 100 Hz apart from 150 Hz up
    (low enough for a Vorbis or Opus LFE channel)."""
    return np.stack([tone(150 + 100 * channel, rate=rate) for channel in range(channels)])


def _decoded_channels(cell) -> list[float]:
    """The frequency of each channel, in Hz, as `datasets` decodes the (file) cell."""
    decoded = cell.get_all_samples()
    seconds = decoded.data.shape[1] / decoded.sample_rate
    return [round(int(np.argmax(np.abs(np.fft.rfft(channel)))) / seconds, -1) for channel in decoded.data.numpy()]


@pytest.mark.parametrize("channels", [3, 6, 8])
def test_a_new_format_ogg_keeps_the_channel_order_datasets_decodes(channels):
    # libsndfile wrote WAV's channel order into Vorbis streams, whose own order datasets (ffmpeg) decodes them in
    ds = audio_dataset([audio_bytes(_tones_per_channel(channels))])
    out = hfaug.augment(ds, hfaug.AudioAugment(ops=[{"op": "gain", "p": 1.0}], format="OGG"), keep_original=False)
    assert (out[0]["hfaug_error"], read_audio(raw(out)[0])[1].format) == ("", "OGG")
    assert _decoded_channels(out[0]["audio"]) == _decoded_channels(ds[0]["audio"]) == [150 + 100 * c for c in range(channels)]


@pytest.mark.parametrize(("subtype", "rate"), [("VORBIS", RATE), ("OPUS", 48000)])
@pytest.mark.parametrize("format", ["FLAC", None])
def test_ogg_audio_keeps_the_channel_order_datasets_decodes_in_any_format(subtype, rate, format):
    ds = audio_dataset([audio_bytes(_tones_per_channel(6, rate), rate, "OGG", subtype)])
    out = hfaug.augment(ds, hfaug.AudioAugment(ops=[{"op": "gain", "p": 1.0}], format=format), keep_original=False)
    assert out[0]["hfaug_error"] == ""
    assert _decoded_channels(out[0]["audio"]) == _decoded_channels(ds[0]["audio"])


@pytest.mark.parametrize("format", ["RAW", "SD2", "MAT5", "WVE", "XI"])
def test_a_format_datasets_cannot_read_back_is_refused_when_built(format):
    # RAW has no header; WVE and XI also wrote another rate into theirs
    with pytest.raises(ValueError) as error:
        hfaug.AudioAugment(ops=["gain"], format=format.lower())
    assert str(error.value) == (
        f"audio: format '{format}' cannot be used: datasets cannot decode the {format} files soundfile writes; pass a "
        "format that datasets reads back, such as 'WAV', 'FLAC', 'OGG' or 'MP3'"
    )


def test_a_format_that_cannot_store_the_clips_rate_is_a_row_error():
    ds = audio_dataset([audio_bytes(tone(rate=44100), rate=44100), audio_bytes(tone())])
    out = hfaug.augment(ds, hfaug.AudioAugment(ops=["gain"], format="SDS"), keep_original=False)
    assert out["hfaug_error"] == [
        "SDS/PCM_16 cannot store 44100 Hz audio (it reads back at 44101 Hz); pass format='WAV', which stores any rate, "
        "or resample with sampling_rate=<a rate SDS stores>",
        "",
    ]
    assert read_audio(raw(out)[1])[1].samplerate == RATE


def test_mp3_for_audio_of_more_than_2_channels_is_a_row_error_naming_formats_that_hold_them():
    # libsndfile said only "Format not recognised"
    ds = audio_dataset([audio_bytes(np.stack([tone()] * 3)), audio_bytes(np.stack([tone()] * 2))])
    out = hfaug.augment(ds, hfaug.AudioAugment(ops=["gain"], format="MP3"), keep_original=False)
    assert out["hfaug_error"] == [
        "MP3 holds 1 or 2 channels, and the audio has 3; pass format='FLAC', 'WAV' or 'OGG', which hold them",
        "",
    ]


def test_output_decodes_through_the_audio_feature(spoken):
    ds = audio_dataset([spoken, audio_bytes(chirp())])
    out = hfaug.augment(ds, hfaug.AudioAugment(ops=["time_stretch", "pitch_shift", "gaussian_noise"]), n=2)
    decoded = [cell.get_all_samples() for cell in out["audio"]]
    assert [item.sample_rate for item in decoded] == [22050] * 3 + [RATE] * 3
    assert all(np.isfinite(item.data.numpy()).all() and item.data.shape[1] > 0 for item in decoded)
    assert out["hfaug_copy"] == [0, 1, 2, 0, 1, 2]


def test_decoded_column_mapped_directly_reads_the_stored_bytes():
    ds = audio_dataset([audio_bytes(tone(), format="FLAC", subtype="PCM_16")])
    out = ds.map(hfaug.AudioAugment(ops=["gain"]))
    _, info = read_audio(raw(out)[0])
    assert (info.format, out.features["audio"]) == ("FLAC", Audio())


@pytest.mark.parametrize("combined", [None, hfaug.Sequential, hfaug.OneOf], ids=["alone", "sequential", "one-of"])
def test_ds_map_takes_a_column_of_sample_arrays_alone_or_combined(combined):
    # a combination checked the column as hfaug.augment does, which reads stored files: Dataset.map refused the arrays
    ds = Dataset.from_dict({"audio": [{"array": tone(), "sampling_rate": RATE}], "label": [1]})
    gain = hfaug.AudioAugment(ops=[{"op": "gain", "min_gain_db": -6, "max_gain_db": -6}])
    out = ds.map(gain if combined is None else combined([gain]), batched=True)
    assert list(out["hfaug_error"]) == [""]
    np.testing.assert_allclose(out["audio"][0]["array"], tone() * 10 ** (-6 / 20), atol=1e-6)


def test_array_cells_come_back_as_arrays():
    example = {"audio": {"array": tone(), "sampling_rate": RATE}, "label": 1}
    out = hfaug.AudioAugment(ops=[{"op": "gain", "min_gain_db": -6, "max_gain_db": -6}])(example)
    assert out["audio"]["sampling_rate"] == RATE
    np.testing.assert_allclose(out["audio"]["array"], tone() * 10 ** (-6 / 20), atol=1e-6)


@pytest.mark.parametrize("shape", [(0,), (1, 0), (2, 0), (0, 2)])
def test_an_empty_array_is_a_row_error_saying_it_has_no_samples(shape):
    # it was taken for a (samples, channels) array
    out = hfaug.AudioAugment(ops=["gain"])({"audio": [{"array": np.zeros(shape, np.float32), "sampling_rate": RATE}]})
    assert out["hfaug_error"] == ["the audio has no samples (zero length)"]

def test_integer_pcm_arrays_are_read_as_full_scale_samples():
    # int16 samples were read as floats up to 32767 and reported as clipped
    gain = hfaug.AudioAugment(ops=[{"op": "gain", "min_gain_db": -6, "max_gain_db": -6}])
    pcm16 = np.round(tone() * 32767).astype(np.int16)
    pcm8 = np.round(tone() * 127 + 128).astype(np.uint8)
    for pcm, full_scale, offset in [(pcm16, 32768, 0), (pcm8, 128, 128)]:
        out = gain({"audio": {"array": pcm, "sampling_rate": RATE}})
        assert out["hfaug_error"] == ""
        expected = (pcm.astype(np.float64) - offset) / full_scale * 10 ** (-6 / 20)
        np.testing.assert_allclose(out["audio"]["array"], expected, atol=1e-6)


def test_a_channels_last_array_is_refused_by_every_op():
    stereo = np.stack([tone(), tone()]).T  # (samples, 2)
    for op in ("speed", "gain"):
        out = hfaug.AudioAugment(ops=[op])({"audio": {"array": stereo, "sampling_rate": RATE}})
        assert out["hfaug_error"] == (
            f"the audio array has shape ({RATE}, 2): more channels than samples, so most likely (samples, channels); "
            "give it as (channels, samples) (array.T)"
        )


@pytest.mark.parametrize("shape", [(2, 1), (6, 4)])
def test_a_clip_with_fewer_samples_than_channels_is_refused_saying_how_to_pass_it(shape):
    # the error only said to transpose it, which a (channels, samples) clip this short already is
    clip = np.full(shape, 0.3, np.float32)
    error = hfaug.AudioAugment(ops=["gain"])({"audio": {"array": clip, "sampling_rate": RATE}})["hfaug_error"]
    assert error.startswith(f"the audio array has shape {shape}: more channels than samples, so most likely (samples, channels)")
    padded = eval(error.split("pad it with silence to as many samples as channels: ")[1], {"numpy": np, "array": clip})
    out = hfaug.AudioAugment(ops=["gain"])({"audio": {"array": padded, "sampling_rate": RATE}})
    assert out["hfaug_error"] == "" and out["audio"]["array"].shape == (shape[0], shape[0])


def test_a_mono_array_given_with_its_channel_axis_comes_back_with_it():
    # (1, samples) came back as (samples,): the column changed type, or failed beside a stereo row
    ds = Dataset.from_dict({"audio": [{"array": tone()[None], "sampling_rate": RATE}, {"array": np.stack([tone(), tone()]), "sampling_rate": RATE}]})
    out = ds.map(hfaug.AudioAugment(ops=["gain"]), batched=True)
    assert [np.shape(row["audio"]["array"]) for row in out] == [(1, RATE), (2, RATE)]
    assert out.features["audio"] == ds.features["audio"]


@pytest.mark.parametrize(
    ("cells", "keep_original"),
    [([np.stack([tone(), tone()])], True), ([np.zeros((2, RATE), np.float32), np.stack([tone(), tone()])], False)],
    ids=["original-beside-its-copy", "kept-bad-row-before-a-copy"],
)
def test_a_column_of_channels_by_samples_arrays_is_written_back_beside_cells_kept_as_they_came(cells, keep_original):
    # Dataset.map passes such a column as lists of lists: a cell kept so beside a copy returned as a NumPy array
    # stopped the map in pyarrow ("cannot mix list and non-list"), only in batches that held both
    ds = Dataset.from_dict({"audio": [{"array": cell, "sampling_rate": RATE} for cell in cells]})
    out = ds.map(hfaug.AudioAugment(ops=["gain"], keep_original=keep_original), batched=True)
    assert [np.shape(row["audio"]["array"]) for row in out] == [(2, RATE), (2, RATE)]
    assert out.features["audio"] == ds.features["audio"]


@pytest.mark.parametrize(
    ("array", "rate", "error"),
    [
        ([np.zeros(800), np.zeros(400)], RATE, "the audio array is ragged (its channels have different lengths); give every channel as many samples"),
        (np.array(["a", "b"]), RATE, "the audio array holds <U1 values, not samples; give real numbers (floats in [-1, 1] or PCM)"),
        (tone().astype(np.complex64), RATE, "the audio array holds complex numbers, not samples; give real numbers (floats in [-1, 1] or PCM)"),
        (tone(), True, "the audio has no valid sampling_rate: it must be a whole number of Hz above 0, got True"),
        (tone(), 16000.5, "the audio has no valid sampling_rate: it must be a whole number of Hz above 0, got 16000.5"),
        (tone(), float(RATE), ""),  # as a JSON or pandas column gives it
    ],
    ids=["ragged", "text", "complex", "bool-rate", "fractional-rate", "float-rate"],
)
def test_an_array_that_holds_no_samples_is_a_row_error(array, rate, error):
    # NumPy's own error stopped the map whatever on_error said; a complex array was cast with a warning
    out = hfaug.AudioAugment(ops=["gain"])({"audio": [{"array": array, "sampling_rate": rate}, {"array": tone(), "sampling_rate": RATE}]})
    assert out["hfaug_error"] == [error, ""]


def test_integer_samples_of_unknown_width_are_refused_with_what_to_do():
    # a List(Value("int16")) column reaches a map function as Python ints: they were divided by 2**63 and called silent
    pcm16 = np.round(tone() * 32767).astype(np.int16)
    out = Dataset.from_dict({"audio": [{"array": pcm16, "sampling_rate": RATE}]}).map(hfaug.AudioAugment(ops=["gain"]), batched=True)
    assert out["hfaug_error"] == [
        "the audio array holds 64-bit integers (a datasets column of integer PCM reaches a map function as Python ints), "
        "whose full scale is unknown; store the samples as floats in [-1, 1] (int16 PCM divided by 32768), or pass a "
        "NumPy int16, int32 or uint8 array"
    ]


def test_format_is_refused_for_array_cells_which_come_back_as_arrays():
    # copies were written as files next to originals kept as arrays: a column of two forms
    aug = hfaug.AudioAugment(ops=["gain"], format="WAV", keep_original=True)
    with pytest.raises(MediaConfigError) as error:
        aug({"audio": [{"array": tone(), "sampling_rate": RATE}]})
    assert str(error.value) == (
        "audio: format='WAV' writes stored files, but column 'audio' holds {'array', 'sampling_rate'} cells, which "
        "come back as arrays; drop format=, or store the column as files first: ds.cast_column('audio', datasets.Audio())"
    )


# ---------------------------------------------------------------- determinism
def test_same_seed_gives_identical_bytes_for_any_batch_size_and_num_proc(noise_folder):
    cells = [audio_bytes(tone(200 + 50 * i)) for i in range(6)] + [audio_bytes(np.stack([chirp(), tone()]))]
    aug = hfaug.AudioAugment(ops=["gaussian_noise", "speed", {"op": "background_noise", "source": str(noise_folder)}], seed=9)
    one = hfaug.augment(audio_dataset(cells), aug, n=2, num_proc=1, batch_size=5)
    two = hfaug.augment(audio_dataset(cells), aug, n=2, num_proc=2, batch_size=2)
    assert hashlib.sha256(b"".join(c["bytes"] for c in raw(one))).digest() == hashlib.sha256(b"".join(c["bytes"] for c in raw(two))).digest()
    assert one["hfaug_params"] == two["hfaug_params"]


@pytest.mark.parametrize(
    ("format", "subtype"), [("OGG", "VORBIS"), ("OGG", "OPUS"), ("WAV", "FLOAT"), ("AIFF", "DOUBLE"), ("MAT5", "PCM_16")]
)
def test_formats_with_a_serial_or_timestamp_give_identical_bytes(format, subtype):
    ds = audio_dataset([audio_bytes(tone(f), format=format, subtype=subtype) for f in (220, 440)])
    aug = hfaug.AudioAugment(ops=["gain"], seed=4)
    first, second = (raw(hfaug.augment(ds, aug, keep_original=False)) for _ in range(2))
    assert [cell["bytes"] for cell in first] == [cell["bytes"] for cell in second]
    stored = first[0]["bytes"]  # two runs within one second share the time of writing: look at it
    if format == "MAT5":
        assert b"1970-01-01 00:00:00 UTC" in stored[:116]  # the text header's time of writing
    elif format != "OGG":
        peak = stored.index(b"PEAK")
        assert stored[peak + 12 : peak + 16] == bytes(4)  # the PEAK chunk's timestamp


def test_streamed_dataset_gives_the_same_audio_decoded():
    ds = audio_dataset([audio_bytes(tone(f)) for f in (220, 440)])
    aug = hfaug.AudioAugment(ops=["gaussian_noise", "gain"], seed=2)
    mapped = [cell.get_all_samples().data.numpy() for cell in hfaug.augment(ds, aug, n=2)["audio"]]
    streamed = [row["audio"].get_all_samples().data.numpy() for row in hfaug.augment(ds.to_iterable_dataset(), aug, n=2)]
    assert len(streamed) == 6 and all(np.array_equal(a, b) for a, b in zip(mapped, streamed))


def test_drawn_parameters_are_exact_and_recorded():
    aug = hfaug.AudioAugment(ops=[{"op": "gain", "min_gain_db": -6, "max_gain_db": 6}], seed=1)
    out = aug({"audio": {"array": tone(), "sampling_rate": RATE}})
    assert json.loads(out["hfaug_params"]) == {"ops": [{"op": "gain", "seed": 3192258848, "amplitude_ratio": 0.6813529116225929}]}
    np.testing.assert_allclose(out["audio"]["array"], tone() * 0.6813529116225929, rtol=1e-6)


def test_gaussian_noise_records_the_seed_that_replays_it():
    # the copies held different noise but recorded only its level
    aug = hfaug.AudioAugment(ops=[{"op": "gaussian_noise", "min_snr_db": 10, "max_snr_db": 10}], n=2)
    out = aug({"audio": [{"array": tone(), "sampling_rate": RATE}]})
    for cell, params in zip(out["audio"], out["hfaug_params"]):
        [step] = json.loads(params)["ops"]
        with global_rngs_seeded(step["seed"]):
            replayed = am.AddGaussianSNR(min_snr_db=10, max_snr_db=10, p=1.0)(tone(), RATE)
        np.testing.assert_array_equal(cell["array"], replayed)


def test_audiomentations_transform_is_seeded_per_row_and_never_changed():
    transform = am.Compose([am.AddGaussianSNR(p=1.0), am.PitchShift(p=0.5), am.Gain(p=1.0)])
    aug = hfaug.AudioAugment(transform, seed=4)
    before = Hasher.hash(aug)
    ds = audio_dataset([audio_bytes(tone(f)) for f in (220, 440, 880)])
    first = hfaug.augment(ds, aug, keep_original=False, batch_size=1)
    second = hfaug.augment(ds.select([2, 1, 0]), aug, keep_original=False, batch_size=3)
    assert [c["bytes"] for c in raw(first)] == [c["bytes"] for c in raw(second)][::-1]
    assert Hasher.hash(aug) == before
    assert transform.transforms[0].parameters == {"should_apply": None}
    params = json.loads(first[0]["hfaug_params"])
    assert [step["transform"] for step in params["transforms"]][0] == "AddGaussianSNR"


def test_a_transform_augmenter_equals_its_pickle_round_trip():
    aug = hfaug.AudioAugment(am.Compose([am.AddGaussianSNR(p=1.0), am.Gain(p=0.5)]), seed=3)
    copy = pickle.loads(pickle.dumps(aug))
    assert copy == aug and hash(copy) == hash(aug)
    assert aug != hfaug.AudioAugment(am.Compose([am.AddGaussianSNR(p=1.0), am.Gain(p=0.4)]), seed=3)
    assert aug != copy.replace(seed=4)


def test_a_copy_to_which_no_op_applied_is_dropped_when_copies_are_optional():
    ds = audio_dataset([audio_bytes(tone(frequency)) for frequency in (220, 440, 880)])
    out = hfaug.augment(ds, hfaug.AudioAugment(ops=[{"op": "gain", "p": 0.3}], seed=1), n=4)
    copies = [json.loads(params) for params, copy in zip(out["hfaug_params"], out["hfaug_copy"]) if copy]
    assert 0 < len(copies) < 12
    assert all([op["op"] for op in params["ops"]] == ["gain"] for params in copies)


def test_a_single_copy_to_which_no_op_applied_is_kept_unchanged_with_the_reason():
    source = audio_bytes(tone())
    never = hfaug.AudioAugment(ops=[{"op": "gain", "p": 0.0}])
    out = hfaug.augment(audio_dataset([source]), never, keep_original=False)
    assert (out["hfaug_error"], [cell["bytes"] for cell in raw(out)]) == (["dropped: no op applied"], [source])

@pytest.mark.slow
def test_transform_object_fingerprint_is_stable_across_processes():
    code = (
        "import audiomentations as am, hfaug; from datasets.fingerprint import Hasher; "
        "print(Hasher.hash(hfaug.AudioAugment(am.Compose([am.AddGaussianSNR(p=1.0), am.Gain(p=0.5)]), seed=3)))"
    )
    other = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "1", "PATH": ""})
    assert other.stdout.strip() == Hasher.hash(hfaug.AudioAugment(am.Compose([am.AddGaussianSNR(p=1.0), am.Gain(p=0.5)]), seed=3))


LONG_OGG = """
import io, sys
import numpy as np, soundfile
sys.path.insert(0, sys.argv[1])
import hfaug
from media_samples import audio_bytes, audio_dataset
frames = 16000 * 180
clip = (0.3 * np.sin(np.arange(frames, dtype=np.float32) * 0.05)).astype(np.float32)
augmenter = hfaug.AudioAugment(ops=["gain"], format="OGG")
out = hfaug.augment(audio_dataset([audio_bytes(clip, 16000)], decode=False), augmenter, keep_original=False)
info = soundfile.info(io.BytesIO(out[0]["audio"]["bytes"]))
print(list(out["hfaug_error"]), info.format, info.frames)
"""


@pytest.mark.slow
def test_a_clip_of_three_minutes_is_written_as_ogg():
    # libsndfile's Vorbis encoder crashed the process (a segmentation fault) on two million frames written at once
    result = subprocess.run([sys.executable, "-c", LONG_OGG, str(Path(__file__).parent)], capture_output=True, text=True)
    assert (result.returncode, result.stdout.splitlines()[-1:]) == (0, ["[''] OGG 2880000"]), result.stderr[-2000:]


# ---------------------------------------------------------------- noise and impulse responses
def test_background_noise_is_mixed_at_the_drawn_snr(noise_folder):
    aug = hfaug.AudioAugment(ops=[{"op": "background_noise", "source": str(noise_folder), "min_snr_db": 5, "max_snr_db": 15}])
    clean = chirp()
    # Float WAV files carry a write timestamp, so the row key (and the clips drawn) changes from run
    # to run: 24 copies make it all but certain that both clips are drawn.
    out = hfaug.augment(audio_dataset([audio_bytes(clean, subtype="FLOAT")]), aug, n=24, keep_original=False)
    clips = set()
    for cell, params in zip(raw(out), out["hfaug_params"]):
        step = json.loads(params)["ops"][0]
        mixed, _ = read_audio(cell)
        assert 5 <= step["snr_db"] <= 15
        assert snr_db(clean, mixed[0]) == pytest.approx(step["snr_db"], abs=0.01)
        clips.add(step["clip"])
    assert clips == {0, 1}  # the short 8 kHz hum is resampled and looped, the long hiss cropped


def test_background_noise_from_another_datasets_audio_column(tmp_path):
    noises = Dataset.from_dict({"audio": [{"bytes": audio_bytes(noise(seed=s)), "path": None} for s in range(3)]})
    noises.cast_column("audio", Audio()).save_to_disk(str(tmp_path / "noises"))
    source = {"dataset": str(tmp_path / "noises"), "column": "audio"}
    aug = hfaug.AudioAugment(ops=[{"op": "background_noise", "source": source, "min_snr_db": 10, "max_snr_db": 10}])
    assert aug.ops[0]["source"] == {"dataset": str(tmp_path / "noises"), "split": "train", "column": "audio", "config": None}
    assert aug.ops[0]["revision"].startswith("content-")
    out = hfaug.augment(audio_dataset([audio_bytes(tone(), subtype="FLOAT")]), aug, keep_original=False)
    mixed, _ = read_audio(raw(out)[0])
    assert snr_db(tone(), mixed[0]) == pytest.approx(10, abs=0.01)


def test_unit_impulse_response_keeps_the_audio(tmp_path):
    impulse = np.zeros(400, np.float32)
    impulse[0] = 1.0
    soundfile.write(tmp_path / "dirac.wav", impulse, RATE, subtype="FLOAT")
    aug = hfaug.AudioAugment(ops=[{"op": "impulse_response", "source": str(tmp_path / "dirac.wav")}])
    out = hfaug.augment(audio_dataset([audio_bytes(chirp(), subtype="FLOAT")]), aug, keep_original=False)
    np.testing.assert_allclose(read_audio(raw(out)[0])[0][0], chirp(), atol=1e-5)


@pytest.mark.parametrize(
    ("op", "effect"),
    [
        ("impulse_response", "leaves silence (the clip is silent, or starts with more silence than the audio lasts)"),
        ("background_noise", "is silent where it was drawn"),
    ],
)
def test_a_silent_clip_in_a_sound_source_is_a_row_error_naming_it(tmp_path, op, effect):
    # an impulse response turned the copy into silence, stored with no error
    path = tmp_path / "silent.wav"
    soundfile.write(path, np.zeros(400, np.float32), RATE)
    out = hfaug.AudioAugment(ops=[{"op": op, "source": str(path)}])({"audio": {"array": chirp(), "sampling_rate": RATE}})
    assert out["hfaug_error"] == f"op {op!r}: clip 0 ({path}) of the sound source {str(path)!r} {effect}; remove it from the source"
    np.testing.assert_array_equal(out["audio"]["array"], chirp())


def test_an_impulse_response_silent_for_longer_than_the_audio_is_a_row_error(tmp_path):
    # its round-off, made as loud as the audio, was stored as the copy with no error
    late = np.zeros(len(chirp()) + 4000, np.float32)
    late[-1] = 1.0
    path = tmp_path / "late.wav"
    soundfile.write(path, late, RATE, subtype="FLOAT")
    out = hfaug.AudioAugment(ops=[{"op": "impulse_response", "source": str(path)}])({"audio": {"array": chirp(), "sampling_rate": RATE}})
    assert out["hfaug_error"] == (
        f"op 'impulse_response': clip 0 ({path}) of the sound source {str(path)!r} leaves silence (the clip is silent, "
        "or starts with more silence than the audio lasts); remove it from the source"
    )


@pytest.mark.parametrize("op", ["impulse_response", "background_noise"])
def test_an_empty_clip_in_a_sound_source_is_a_row_error_naming_it(tmp_path, op):
    # it failed deep in NumPy: "too many indices for array", "high <= 0"
    path = tmp_path / "empty.wav"
    soundfile.write(path, np.zeros(0, np.float32), RATE)
    out = hfaug.AudioAugment(ops=[{"op": op, "source": str(path)}])({"audio": {"array": chirp(), "sampling_rate": RATE}})
    assert out["hfaug_error"] == (
        f"clip 0 ({path}) of the sound source {str(path)!r} cannot be used: the audio has no samples (zero length); "
        "remove it from the source"
    )


def test_an_unreadable_clip_in_a_sound_source_is_a_row_error_naming_it(tmp_path):
    # the message was the one for an unreadable row, with nothing to say the clip was at fault
    path = tmp_path / "broken.wav"
    path.write_bytes(b"RIFF" + bytes(100))
    out = hfaug.AudioAugment(ops=[{"op": "background_noise", "source": str(path)}])({"audio": {"array": chirp(), "sampling_rate": RATE}})
    assert out["hfaug_error"].startswith(f"clip 0 ({path}) of the sound source {str(path)!r} cannot be used: cannot decode the audio (104 bytes)")
    assert out["hfaug_error"].endswith("; remove it from the source")


def test_a_sound_folder_draws_from_the_files_its_revision_pins(tmp_path):
    # hidden files (macOS's ._name copies, .trash/) were drawn from but left out of the revision, and linked
    # folders were left out of both
    from hfaug.audio.sources import bank

    noises, shared = tmp_path / "noises", tmp_path / "shared"
    (noises / ".trash").mkdir(parents=True)
    shared.mkdir()
    for path in (noises / "hum.wav", noises / ".trash" / "old.wav", shared / "fan.wav"):
        soundfile.write(path, tone(), RATE)
    (noises / "._hum.wav").write_bytes(bytes(80))
    (noises / "shared").symlink_to(shared)
    (shared / "back").symlink_to(noises)  # a loop
    op = {"op": "background_noise", "source": str(noises)}
    revision = hfaug.AudioAugment(ops=[op]).config()["ops"][0]["revision"]
    assert [bank(str(noises)).clip_named(index).split(" ")[2] for index in range(2)] == [f"({noises}/hum.wav)", f"({noises}/shared/fan.wav)"]
    assert len(bank(str(noises))) == 2
    soundfile.write(noises / ".trash" / "old.wav", chirp(), RATE)
    assert hfaug.AudioAugment(ops=[op]).config()["ops"][0]["revision"] == revision
    soundfile.write(shared / "fan.wav", chirp(), RATE)
    assert hfaug.AudioAugment(ops=[op]).config()["ops"][0]["revision"] != revision


def test_sound_sources_are_checked(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="the sound source .*missing' does not exist; give"):
        hfaug.AudioAugment(ops=[{"op": "background_noise", "source": str(tmp_path / "missing")}])
    monkeypatch.chdir(tmp_path)  # a recipe's relative path, run from another folder than the recipe's
    read_from = re.escape(f"'noises' does not exist (a relative path is read from the working folder, {tmp_path});")
    with pytest.raises(ValueError, match=read_from):
        hfaug.AudioAugment(ops=[{"op": "background_noise", "source": "noises"}])
    monkeypatch.setenv("HOME", str(tmp_path))
    not_expanded = re.escape(f"'~/noises' does not exist (~ is not expanded: give the full path, {tmp_path}/noises)")
    with pytest.raises(ValueError, match=not_expanded):
        hfaug.AudioAugment(ops=[{"op": "background_noise", "source": "~/noises"}])
    (tmp_path / "gone").mkdir()
    monkeypatch.chdir(tmp_path / "gone")
    (tmp_path / "gone").rmdir()
    with pytest.raises(ValueError, match=r"'noises' does not exist \(a relative path is read from the working folder, which was deleted"):
        hfaug.AudioAugment(ops=[{"op": "background_noise", "source": "noises"}])
    with pytest.raises(ValueError, match="op 'background_noise' needs source="):
        hfaug.AudioAugment(ops=["background_noise"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="holds no audio files"):
        hfaug.AudioAugment(ops=[{"op": "background_noise", "source": str(tmp_path / "empty")}])


def test_a_folder_without_audio_files_says_what_it_holds_and_what_to_give(tmp_path):
    # it said only that the folder held no audio files, not what it held nor what to do
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "hiss.txt").write_text("recorded outdoors")
    (tmp_path / "empty").mkdir()
    told = {}
    for name in ("notes", "empty"):
        with pytest.raises(ValueError) as caught:
            hfaug.AudioAugment(ops=[{"op": "background_noise", "source": str(tmp_path / name)}])
        told[name] = str(caught.value)
    files = ".wav, .flac, .ogg, .mp3, .aiff, .aif, .au, .w64, .opus, .m4a"
    assert told == {
        "notes": f"op 'background_noise': the folder {str(tmp_path / 'notes')!r} holds no audio files ({files}): it "
        "holds hiss.txt; give a folder of audio files",
        "empty": f"op 'background_noise': the folder {str(tmp_path / 'empty')!r} holds no audio files ({files}): it "
        "is empty; give a folder of audio files",
    }


def test_a_sound_source_that_is_no_audio_file_is_refused_when_the_augmenter_is_built(tmp_path):
    # it was taken, and every row then failed to mix it in
    (tmp_path / "notes.txt").write_text("recorded outdoors")
    with pytest.raises(ValueError) as caught:
        hfaug.AudioAugment(ops=[{"op": "background_noise", "source": str(tmp_path / "notes.txt")}])
    files = ".wav, .flac, .ogg, .mp3, .aiff, .aif, .au, .w64, .opus, .m4a"
    assert str(caught.value) == (
        f"op 'background_noise': the sound source {str(tmp_path / 'notes.txt')!r} is no audio file ({files}); give a "
        "folder or files of audio"
    )


def test_a_missing_sound_source_named_like_a_hub_id_says_how_to_give_a_hub_dataset(tmp_path, monkeypatch):
    # it said only to give a folder or files of audio, as if Hub datasets could not be sources
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as caught:
        hfaug.AudioAugment(ops=[{"op": "background_noise", "source": "someone/noises"}])
    assert str(caught.value) == (
        f"op 'background_noise': the sound source 'someone/noises' does not exist (a relative path is read from the "
        f"working folder, {tmp_path}); give a folder or files of audio, or for the Hub dataset 'someone/noises' "
        "{'dataset': 'someone/noises'}"
    )


def test_changed_sounds_give_a_new_configuration_and_a_recorded_revision_is_checked(tmp_path):
    folder = tmp_path / "noises"
    folder.mkdir()
    soundfile.write(folder / "hiss.wav", noise(seed=1), RATE)
    spec = {"op": "background_noise", "source": str(folder), "min_snr_db": 10, "max_snr_db": 10}
    before = hfaug.AudioAugment(ops=[spec])
    assert before.ops[0]["revision"].startswith("content-")
    assert hfaug.get("audio", **before.config()) == before
    soundfile.write(folder / "hiss.wav", noise(seed=2), RATE)
    after = hfaug.AudioAugment(ops=[spec])
    assert after.ops[0]["revision"] != before.ops[0]["revision"]
    assert Hasher.hash(after) != Hasher.hash(before)
    with pytest.raises(ValueError, match="the sound source .*noises' changed since its revision was recorded"):
        hfaug.get("audio", **before.config())
    with pytest.raises(ValueError, match="revision 'v1' names a Hub commit, branch or tag, but the sound source .* is local"):
        hfaug.AudioAugment(ops=[{**spec, "revision": "v1"}])
    files = hfaug.AudioAugment(ops=[{**spec, "source": [str(folder / "hiss.wav")]}])
    assert files.ops[0]["revision"].startswith("content-") and files.ops[0]["revision"] != after.ops[0]["revision"]


def test_a_folder_of_data_files_read_by_load_dataset_is_pinned_by_content(tmp_path):
    folder = tmp_path / "noises"
    Dataset.from_dict({"audio": [{"bytes": audio_bytes(noise(seed=1)), "path": None}]}).cast_column("audio", Audio()).to_parquet(
        str(folder / "train.parquet")
    )
    spec = {"op": "background_noise", "source": {"dataset": str(folder)}}
    before = hfaug.AudioAugment(ops=[spec])
    assert before.ops[0]["revision"].startswith("content-")
    (folder / "notes.txt").write_text("recorded outdoors")
    assert hfaug.AudioAugment(ops=[spec]).ops[0]["revision"] != before.ops[0]["revision"]


def test_a_missing_dataset_folder_is_refused_when_the_op_is_built(tmp_path):
    with pytest.raises(ValueError, match="the sound dataset .*nothing-here' does not exist; give a folder"):
        hfaug.AudioAugment(ops=[{"op": "background_noise", "source": {"dataset": str(tmp_path / "nothing-here")}}])


def test_an_unloadable_noise_dataset_stops_the_map(tmp_path):
    (tmp_path / "no-data").mkdir()
    aug = hfaug.AudioAugment(ops=[{"op": "background_noise", "source": {"dataset": str(tmp_path / "no-data")}}])
    with pytest.raises(SourceError, match="cannot load the sound dataset .*no-data.*EmptyDatasetError"):
        hfaug.augment(audio_dataset([audio_bytes(tone())]), aug, keep_original=False)


@pytest.mark.parametrize("saved", [True, False], ids=["save_to_disk", "data files"])
def test_a_sound_dataset_without_the_split_asked_for_names_its_splits(tmp_path, saved):
    # it said "KeyError: 'noise'" (or datasets' "Unknown split") and to give another kind of dataset
    rows = Dataset.from_dict({"audio": [{"bytes": audio_bytes(noise(seed=1)), "path": None}]}).cast_column("audio", Audio())
    folder = tmp_path / "noises"
    DatasetDict({"train": rows}).save_to_disk(folder) if saved else rows.to_parquet(str(folder / "train.parquet"))
    aug = hfaug.AudioAugment(ops=[{"op": "background_noise", "source": {"dataset": str(folder), "split": "noise"}}])
    with pytest.raises(SourceError) as caught:
        hfaug.augment(audio_dataset([audio_bytes(tone())]), aug, keep_original=False)
    assert str(caught.value) == (
        f"the sound dataset {str(folder)!r} has no split 'noise'; it has ['train']: give one of them as the source's 'split'"
    )


def test_offline_an_uncached_hub_dataset_is_refused_with_what_to_do(tmp_path, monkeypatch):
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(ValueError, match=(
        "op 'background_noise': cannot find which commit 'main' of the Hub dataset 'org/noises' is: HF_HUB_OFFLINE=1 "
        "is set, and the local Hugging Face cache does not say \\(it holds no copy of the dataset\\). Give "
        "revision=<a cached commit>, download it once .*hf download org/noises"
    )):
        hfaug.AudioAugment(ops=[{"op": "background_noise", "source": {"dataset": "org/noises"}}])


def test_a_commit_hash_is_recorded_without_asking_the_hub_and_a_revision_is_given_once(tmp_path, monkeypatch):
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    commit = "0123456789abcdef0123456789abcdef01234567"
    by_param = hfaug.AudioAugment(ops=[{"op": "impulse_response", "source": {"dataset": "org/rooms"}, "revision": commit}])
    by_source = hfaug.AudioAugment(ops=[{"op": "impulse_response", "source": {"dataset": "org/rooms", "revision": commit}}])
    assert by_param.ops[0]["revision"] == commit
    assert by_source.config() == by_param.config()
    with pytest.raises(ValueError, match="the source asks for revision 'v1' and the op for '0123.*'; give the revision once"):
        hfaug.AudioAugment(ops=[{"op": "impulse_response", "source": {"dataset": "org/rooms", "revision": "v1"}, "revision": commit}])


# ---------------------------------------------------------------- sounds from a Hub dataset
PUSH_NOISES = """
import json, sys
from datasets import Audio, Dataset
from huggingface_hub import HfApi
from media_samples import audio_bytes, noise
seed = int(sys.argv[1])
cells = [{"bytes": audio_bytes(noise(seed=seed + i)), "path": None} for i in range(3)]
Dataset.from_dict({"audio": cells}).cast_column("audio", Audio()).push_to_hub("me/noises", commit_message=f"noises {seed}")
api = HfApi()
if len(sys.argv) > 2:
    api.create_tag("me/noises", tag=sys.argv[2], repo_type="dataset")
print(json.dumps(api.dataset_info("me/noises").sha))
"""

MIX = """
import hashlib, json, sys
from datasets import Audio
from datasets.fingerprint import Hasher
import hfaug
from media_samples import audio_bytes, audio_dataset, tone
try:
    aug = hfaug.AudioAugment(ops=[json.loads(sys.argv[1])], seed=3)
    out = hfaug.augment(audio_dataset([audio_bytes(tone(f)) for f in (220, 440, 880)]), aug, n=2, keep_original=False)
except ValueError as error:
    print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
    sys.exit()
mixed = b"".join(cell["bytes"] for cell in out.cast_column("audio", Audio(decode=False))["audio"])
print(json.dumps({"op": aug.ops[0], "hash": Hasher.hash(aug), "mixed": hashlib.sha256(mixed).hexdigest(),
                  "errors": sorted(set(out["hfaug_error"]))}))
"""


def run_client(hub, home, script: str, *args: str, **env: str) -> Any:
    result = subprocess.run([sys.executable, "-c", script, *args], env={**hub.env(home), **env}, capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def noise_history(tmp_path_factory):
    """me/noises pushed to a local Hub (tagged v1), mixed in from a first client (home ``first``),
    then pushed again with other sounds: the two commits, the first mix, and the server."""
    from local_hub import LocalHub

    hub = LocalHub(tmp_path_factory.mktemp("hub-data")).start()
    homes = tmp_path_factory.mktemp("homes")
    old = run_client(hub, homes / "pusher", PUSH_NOISES, "0", "v1")
    first = run_client(hub, homes / "first", MIX, json.dumps({"op": "background_noise", "source": {"dataset": "me/noises"}}))
    new = run_client(hub, homes / "pusher", PUSH_NOISES, "10")
    yield {"old": old, "new": new, "first": first, "hub": hub, "homes": homes}
    hub.stop()


@pytest.mark.slow
def test_a_hub_sound_dataset_is_pinned_to_its_commit(noise_history):
    first = noise_history["first"]
    assert first["op"]["revision"] == noise_history["old"] != noise_history["new"]
    assert first["op"]["source"] == {"dataset": "me/noises", "split": "train", "column": "audio", "config": None}
    assert first["errors"] == [""]


@pytest.mark.slow
def test_a_changed_hub_dataset_gives_a_new_configuration_and_new_mixes(noise_history, tmp_path):
    now = run_client(noise_history["hub"], tmp_path, MIX, json.dumps({"op": "background_noise", "source": {"dataset": "me/noises"}}))
    assert now["op"]["revision"] == noise_history["new"]
    assert now["hash"] != noise_history["first"]["hash"]
    assert now["mixed"] != noise_history["first"]["mixed"]


@pytest.mark.slow
def test_a_recorded_commit_mixes_the_old_sounds_after_the_dataset_changed(noise_history, tmp_path):
    again = run_client(noise_history["hub"], tmp_path, MIX, json.dumps(noise_history["first"]["op"]))
    assert again == noise_history["first"]


@pytest.mark.slow
def test_a_tag_in_the_source_resolves_to_its_commit(noise_history, tmp_path):
    tagged = run_client(noise_history["hub"], tmp_path, MIX,
                        json.dumps({"op": "background_noise", "source": {"dataset": "me/noises", "revision": "v1"}}))
    assert tagged == noise_history["first"]


@pytest.mark.slow
def test_offline_a_cached_commit_still_mixes_the_same_and_an_uncached_one_is_refused(noise_history, tmp_path):
    offline = {"HF_HUB_OFFLINE": "1", "HF_DATASETS_CACHE": str(tmp_path / "empty-datasets-cache")}
    recorded = json.dumps(noise_history["first"]["op"])
    cached = run_client(noise_history["hub"], noise_history["homes"] / "first", MIX, recorded, **offline)
    assert cached == noise_history["first"]
    uncached = run_client(noise_history["hub"], tmp_path, MIX, recorded, **offline)
    assert uncached["error"].startswith(
        f"SourceError: the sound dataset 'me/noises' at commit {noise_history['old']} is not in the local Hugging Face "
        "cache, and HF_HUB_OFFLINE=1 forbids downloading it. Download it once where the Hub is reachable"
    )


@pytest.mark.slow
def test_with_the_hub_unreachable_a_cached_commit_still_mixes_the_same(noise_history, tmp_path):
    unreachable = {"HF_ENDPOINT": "http://127.0.0.1:9", "HF_DATASETS_CACHE": str(tmp_path / "empty-datasets-cache")}
    home = noise_history["homes"] / "first"
    assert run_client(noise_history["hub"], home, MIX, json.dumps(noise_history["first"]["op"]), **unreachable) == noise_history["first"]
    unrecorded = run_client(noise_history["hub"], home, MIX, json.dumps({"op": "background_noise", "source": {"dataset": "me/noises"}}), **unreachable)
    assert unrecorded["error"].startswith(
        "ValueError: op 'background_noise': cannot find which commit 'main' of the Hub dataset 'me/noises' is: the Hub "
        "cannot be reached (ConnectError)"
    )


@pytest.mark.slow
def test_offline_a_branch_resolves_to_the_commit_the_cache_has_for_it(noise_history, tmp_path):
    unrecorded = json.dumps({"op": "background_noise", "source": {"dataset": "me/noises"}})
    offline = {"HF_HUB_OFFLINE": "1"}
    refused = run_client(noise_history["hub"], noise_history["homes"] / "first", MIX, unrecorded, **offline)
    assert refused["error"].endswith(  # loaded by commit only: the cache does not know which commit main is
        f"the local Hugging Face cache does not say (it holds the commits {noise_history['old']}). Give revision=<a "
        "cached commit>, download it once where the Hub is reachable (`hf download me/noises --repo-type dataset`), "
        "or give a local folder of audio"
    )
    download = "from huggingface_hub import snapshot_download; snapshot_download('me/noises', repo_type='dataset')"
    subprocess.run([sys.executable, "-c", download], env=noise_history["hub"].env(tmp_path), check=True, timeout=120)
    resolved = run_client(noise_history["hub"], tmp_path, MIX, unrecorded, **offline)
    assert resolved["op"]["revision"] == noise_history["new"]
    assert resolved["mixed"] != noise_history["first"]["mixed"]


# ---------------------------------------------------------------- bad audio
def test_bad_audio_keeps_the_original_and_says_why():
    with_nan = tone()
    with_nan[100] = np.nan
    cells = [
        audio_bytes(np.zeros(RATE, np.float32)),
        audio_bytes(np.zeros(0, np.float32)),
        audio_bytes(with_nan, subtype="FLOAT"),
        audio_bytes(np.clip(tone() * 10, -1, 1)),
        b"RIFF" + b"\0" * 100,
    ]
    out = hfaug.augment(audio_dataset(cells), hfaug.AudioAugment(ops=["gain"]), keep_original=False)
    assert [error.split(" (")[0].split(":")[0] for error in out["hfaug_error"]] == [
        "the audio is silent",
        "the audio has no samples",
        "the audio contains NaN or infinite samples",
        "the audio is clipped",
        "cannot decode the audio",
    ]
    assert [cell["bytes"] for cell in raw(out)] == cells


def test_the_silent_audio_error_says_why_and_what_to_do():
    out = hfaug.augment(audio_dataset([audio_bytes(np.zeros(RATE, np.float32))]), hfaug.AudioAugment(ops=["gain"]), keep_original=False)
    assert out["hfaug_error"] == [
        "the audio is silent (peak below -100 dBFS): every op scales with the signal, so there is nothing to augment "
        "(the default, on_error='keep', leaves such rows unchanged; in map mode on_error='skip' drops them)"
    ]


def band_pass(center: float) -> hfaug.AudioAugment:
    return hfaug.AudioAugment(ops=[{"op": "band_pass", "min_center_freq": center, "max_center_freq": center,
                                    "min_bandwidth_fraction": 0.5, "max_bandwidth_fraction": 0.5}], on_error="keep")


def test_a_band_above_the_nyquist_frequency_is_a_clear_error_per_row():
    ds = audio_dataset([audio_bytes(tone(rate=8000), rate=8000), audio_bytes(tone())])  # Nyquist 4000 and 8000 Hz
    out = hfaug.augment(ds, band_pass(6000), keep_original=False)  # the band is 4500-7500 Hz
    assert out["hfaug_error"][0] == (
        "op 'band_pass': the drawn band 4500-7500 Hz (centre 6000 Hz) lies above the Nyquist frequency "
        "4000 Hz of this clip (sample rate 8000 Hz), so nothing would pass. Lower max_center_freq (the band's lower "
        "edge, centre x (1 - bandwidth_fraction / 2), must stay below the Nyquist frequency); the ops run at the rate "
        "each clip is stored at (a cast to Audio(sampling_rate=...) changes how datasets decodes it, not that)"
    )  # it advised that cast, which changed nothing
    assert raw(out)[0]["bytes"] == audio_bytes(tone(rate=8000), rate=8000)
    assert out["hfaug_error"][1] == ""
    with pytest.raises(hfaug.InvalidValue, match="band 4500-7500 Hz .*above the Nyquist frequency 4000 Hz"):
        hfaug.augment(ds, band_pass(6000).replace(on_error="raise"), keep_original=False)


@pytest.mark.parametrize("op", ["time_stretch", "pitch_shift"])
def test_time_stretch_and_pitch_shift_refuse_audio_sampled_below_100_hz_per_row(op):
    # at 2 Hz the process died (a segmentation fault), at 10-30 Hz it hung
    cells = [{"array": (0.5 * np.sin(np.arange(rate) / 3)).astype(np.float32), "sampling_rate": rate} for rate in (2, 100)]
    out = hfaug.AudioAugment(ops=[op], seed=0)({"audio": cells})
    assert out["hfaug_error"] == [
        f"op {op!r} takes audio sampled at 100 Hz or more, got 2 Hz (its transform hangs or crashes on such audio); "
        "leave the op out for it",
        "",
    ]
    assert out["audio"][0]["array"].tolist() == cells[0]["array"].tolist()


@pytest.mark.parametrize("center", [3800, 4100])  # the band's upper edge above 4000 Hz, its centre too for 4100
def test_a_band_partly_above_the_nyquist_frequency_is_filtered(center):
    out = hfaug.augment(audio_dataset([audio_bytes(tone(rate=8000), rate=8000)]), band_pass(center), keep_original=False)
    assert out["hfaug_error"] == [""]
    assert json.loads(out["hfaug_params"][0])["ops"][0]["center_freq"] == pytest.approx(center)


def test_a_speed_change_that_leaves_no_samples_is_a_row_error():
    aug = hfaug.AudioAugment(ops=[{"op": "speed", "min_factor": 4, "max_factor": 4}])
    assert aug({"audio": [audio_bytes(np.full(1, 0.3, np.float32))]})["hfaug_error"] == ["the augmentation left no samples"]


@pytest.mark.parametrize("rollover", [True, False])
def test_a_shift_back_by_the_whole_length_moves_every_sample_by_it(rollover):
    source = audio_bytes(np.stack([tone(), chirp()]))
    aug = hfaug.AudioAugment(ops=[{"op": "shift", "min_shift": -1, "max_shift": -1, "rollover": rollover}], on_error="raise")
    out = aug({"audio": [source]})
    assert json.loads(out["hfaug_params"][0]) == {"ops": [{"op": "shift", "seed": 895703631, "shift_amount": -1.0}]}
    expected = read_audio({"bytes": source})[0] if rollover else np.zeros((2, RATE), np.float32)
    np.testing.assert_array_equal(read_audio(out["audio"][0])[0], expected)  # back where it was, or all out


def test_clipping_threshold_is_configurable():
    clipped = audio_bytes(np.clip(tone() * 10, -1, 1))
    out = hfaug.augment(audio_dataset([clipped]), hfaug.AudioAugment(ops=["gain"], max_clipped_fraction=None), keep_original=False)
    assert out[0]["hfaug_error"] == ""


def _clipped_at_the_top() -> np.ndarray:
    """A tone at 0.6 whose samples above 0.5 before scaling (33.2% of them) are clipped to 1."""
    sine = tone(amplitude=1.0)
    return np.where(sine > 0.5, 1.0, 0.6 * sine).astype(np.float32)


@pytest.mark.parametrize(
    ("format", "subtype"),
    [("WAV", "PCM_U8"), ("AIFF", "PCM_S8"), ("WAV", "PCM_16"), ("WAV", "FLOAT"), ("WAV", "ULAW"), ("AU", "ULAW"), ("WAV", "ALAW")],
)
def test_clipping_is_found_at_the_loudest_value_the_subtype_stores(format, subtype):
    # 8-bit PCM stores at most 127/128, µ-law 32124/32768 and A-law 32256/32768 (either way), below the 0.999
    # that counted as full scale: their clipping went unseen
    ds = audio_dataset([audio_bytes(_clipped_at_the_top(), format=format, subtype=subtype)])
    out = hfaug.augment(ds, hfaug.AudioAugment(ops=["gain"]), keep_original=False)
    assert out[0]["hfaug_error"] == (
        "the audio is clipped: 33.2% of its samples are at full scale (max_clipped_fraction=0.01); pass a larger "
        "max_clipped_fraction, or None, to accept it"
    )


@pytest.mark.parametrize("subtype", ["FLOAT", "DOUBLE"])
def test_float_audio_louder_than_1_is_not_clipped(subtype):
    # a float file holds values above 1: they were counted as clipped
    ds = audio_dataset([audio_bytes(tone(amplitude=1.5), subtype=subtype)])
    out = hfaug.augment(ds, hfaug.AudioAugment(ops=["gain"]), keep_original=False)
    assert out[0]["hfaug_error"] == ""


@pytest.fixture(scope="module")
def too_long() -> bytes:
    """A FLAC of 2:19:49 of 16 kHz mono silence, 424 kB: 134,224,000 samples, 6,272 more than hfaug decodes."""
    buffer = io.BytesIO()
    with soundfile.SoundFile(buffer, "w", RATE, 1, format="FLAC", subtype="PCM_16") as file:
        minute = np.zeros(60 * RATE, np.int16)
        for _ in range(139):
            file.write(minute)
        file.write(minute[: 49 * RATE])
    return buffer.getvalue()


TOO_LONG = (
    "the audio lasts 2:19:49 (134,224,000 samples: 1 channel at 16000 Hz), more than the 134,217,728 samples hfaug "
    "decodes (2:19:48 at this rate and channel count); split the recording into shorter clips"
)


def test_a_clip_too_long_to_decode_is_a_row_error_read_from_its_header(too_long):
    ds = audio_dataset([audio_bytes(tone()), too_long])
    out = hfaug.augment(ds, hfaug.AudioAugment(ops=["gain"]), keep_original=False)
    assert out["hfaug_error"] == ["", TOO_LONG]
    assert raw(out)[1]["bytes"] == too_long


def test_a_clip_too_long_to_decode_is_refused_on_the_fly_too(too_long):
    otf = hfaug.OnTheFly(hfaug.AudioAugment(ops=["gain"], on_error="raise"))
    with pytest.raises(hfaug.InvalidValue) as caught:
        audio_dataset([too_long]).with_transform(otf)[0]
    assert str(caught.value) == (
        f"audio: cannot augment column 'audio' on the fly: {TOO_LONG}. Fix the input, or pass on_error='keep' to return "
        "such rows unchanged."
    )


def test_a_clip_resampled_past_the_limit_is_refused_at_the_rate_it_decodes_to():
    # the limit was checked at the file's rate: 50 minutes of 16 kHz audio read at 48 kHz decoded 144M samples
    buffer = io.BytesIO()
    with soundfile.SoundFile(buffer, "w", RATE, 1, format="FLAC", subtype="PCM_16") as file:
        minute = np.zeros(60 * RATE, np.int16)
        for _ in range(50):
            file.write(minute)
    ds = audio_dataset([buffer.getvalue()]).cast_column("audio", Audio(sampling_rate=48000))
    otf = hfaug.OnTheFly(hfaug.AudioAugment(ops=["gain"], on_error="raise"))
    with pytest.raises(hfaug.InvalidValue) as caught:
        ds.with_transform(otf)[0]
    assert "the audio lasts 0:50:00 (144,000,000 samples: 1 channel at 48000 Hz)" in str(caught.value)


def test_the_preview_decodes_no_clip_augmenting_would_not(too_long):
    with pytest.raises(hfaug.InvalidValue) as caught:
        decode_audio(too_long)
    assert str(caught.value) == TOO_LONG


def test_a_clip_too_short_for_its_new_rate_is_told_so():
    # it was told "the augmentation left no samples", as if the ops had emptied it
    # and told "under 6 samples", though soxr keeps one of 3 to 5 samples
    ds = audio_dataset([audio_bytes(tone()[:2], rate=48000), audio_bytes(tone()[:3], rate=48000)])
    out = hfaug.augment(ds, hfaug.AudioAugment(ops=["gain"], sampling_rate=8000, seed=0), keep_original=False)
    assert out["hfaug_error"] == [
        "the audio of 2 samples at 48000 Hz has none when resampled to sampling_rate=8000 Hz (too short: 0.33 of a "
        "sample at that rate); drop clips that short, or choose a higher sampling_rate",
        "",
    ]


def test_a_clip_too_short_for_the_column_s_rate_is_told_so():
    # it was told "the audio has no samples (zero length)", as if the file held none
    ds = audio_dataset([audio_bytes(tone()[:1], rate=48000)]).cast_column("audio", Audio(sampling_rate=8000))
    with pytest.raises(hfaug.InvalidValue) as caught:
        ds.with_transform(hfaug.OnTheFly(hfaug.AudioAugment(ops=["gain"], on_error="raise")))[0]
    assert str(caught.value) == (
        "audio: cannot augment column 'audio' on the fly: the audio of 1 samples at 48000 Hz has none when resampled to "
        "the column's sampling_rate=8000 Hz (too short: 0.17 of a sample at that rate); drop clips that short, or choose "
        "a higher sampling_rate. Fix the input, or pass on_error='keep' to return such rows unchanged."
    )


def test_bad_audio_can_be_skipped_or_raise():
    ds = audio_dataset([audio_bytes(tone()), audio_bytes(np.zeros(RATE, np.float32))])
    assert hfaug.augment(ds, hfaug.AudioAugment(ops=["gain"], on_error="skip"), keep_original=False)["label"] == [0]
    with pytest.raises(hfaug.InvalidValue, match="the audio is silent"):
        hfaug.augment(ds, hfaug.AudioAugment(ops=["gain"], on_error="raise"), keep_original=False)


def test_a_transform_producing_nan_never_stores_nan():
    def broken(samples, sample_rate):
        return samples * np.float32(np.nan)

    out = hfaug.augment(audio_dataset([audio_bytes(tone())]), hfaug.AudioAugment(broken), keep_original=False)
    assert out[0]["hfaug_error"] == "the augmentation produced NaN or infinite samples"
    assert np.isfinite(read_audio(raw(out)[0])[0]).all()


def test_a_transform_that_changes_the_channels_stops_the_map_with_what_to_do():
    # a (samples, channels) result was taken for 16000 channels and failed in soundfile
    channels_last = hfaug.AudioAugment(lambda samples, sample_rate: samples.T.copy())
    with pytest.raises(MediaConfigError) as error:
        channels_last({"audio": {"array": np.stack([tone(), chirp()]), "sampling_rate": RATE}})
    assert str(error.value) == (
        f"audio: the transform returned samples of shape ({RATE}, 2) for 2-channel audio; it must return (channels, "
        "samples) with the input's 2 channels, or (samples,) for mono audio (for a (samples, channels) array, return its .T)"
    )


@pytest.mark.parametrize(
    ("returned", "told"), [(lambda samples, rate: samples[None, None], f"an array of shape (1, 1, {RATE})"), (lambda samples, rate: samples.tolist(), "list")]
)
def test_a_transform_that_returns_no_array_of_samples_is_told_what_it_returned(returned, told):
    # an array of three dimensions was told as "returned ndarray; it must return a NumPy array"
    with pytest.raises(MediaConfigError) as error:
        hfaug.AudioAugment(returned)({"audio": {"array": tone(), "sampling_rate": RATE}})
    assert str(error.value) == (
        f"audio: the transform returned {told}; it must return a NumPy array of samples, (samples,) or (channels, samples)"
    )


def test_integer_pcm_from_a_transform_is_scaled_as_soundfile_reads_it():
    # int16 samples were taken as floats up to 32767, then scaled down to a peak of 0.99
    to_pcm16 = hfaug.AudioAugment(lambda samples, sample_rate: np.round(samples * 32767).astype(np.int16))
    out = to_pcm16({"audio": {"array": tone(), "sampling_rate": RATE}})
    np.testing.assert_allclose(out["audio"]["array"], tone(), atol=1 / 32768)


def test_64_bit_integers_from_a_transform_stop_the_map_with_what_to_do():
    to_int64 = hfaug.AudioAugment(lambda samples, sample_rate: np.round(samples * 32767).astype(np.int64))
    with pytest.raises(MediaConfigError) as error:
        to_int64({"audio": {"array": tone(), "sampling_rate": RATE}})
    assert str(error.value) == (
        "audio: the transform returned 64-bit integer samples, whose full scale is unknown; return float samples in "
        "[-1, 1], or integer PCM as int16, int32 or uint8 (read as soundfile reads it: int16 divided by 32768)"
    )


def test_loud_results_are_scaled_below_full_scale_not_clipped():
    aug = hfaug.AudioAugment(ops=[{"op": "gain", "min_gain_db": 20, "max_gain_db": 20}])
    out = hfaug.augment(audio_dataset([audio_bytes(tone(), subtype="FLOAT")]), aug, keep_original=False)
    samples = read_audio(raw(out)[0])[0][0]
    assert np.abs(samples).max() == pytest.approx(0.99, abs=1e-6)
    np.testing.assert_allclose(samples, 0.99 * tone() / np.abs(tone()).max(), atol=1e-5)


@pytest.mark.parametrize("subtype", ["PCM_U8", "PCM_16", "FLOAT", "ULAW", "ALAW"])
def test_a_loud_result_is_accepted_by_a_following_augmentation(subtype):
    # µ-law and A-law write every sample from a peak of about 0.965 at full scale: a result scaled to 0.99 was clipped
    louder = hfaug.AudioAugment(ops=[{"op": "gain", "min_gain_db": 12, "max_gain_db": 12}])
    loud = hfaug.augment(audio_dataset([audio_bytes(tone(), subtype=subtype)]), louder, keep_original=False)
    again = hfaug.augment(loud, hfaug.AudioAugment(ops=["shift"]), keep_original=False)
    assert (loud[0]["hfaug_error"], again[0]["hfaug_error"]) == ("", "")


def test_a_result_at_the_8_bit_full_scale_is_scaled_below_it():
    # a peak of 0.995 was stored at 8-bit's full scale and taken for clipped by a following step
    to_peak = hfaug.AudioAugment(lambda samples, sample_rate: samples * np.float32(0.995 / np.abs(samples).max()))
    loud = hfaug.augment(audio_dataset([audio_bytes(tone(), subtype="PCM_U8")]), to_peak, keep_original=False)
    again = hfaug.augment(loud, hfaug.AudioAugment(ops=["shift"]), keep_original=False)
    assert (loud[0]["hfaug_error"], again[0]["hfaug_error"]) == ("", "")
    stored = read_audio(raw(loud)[0])[0]
    assert stored.max() < 127 / 128 and stored.min() > -1  # 8-bit PCM's loudest values


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ops": ["echo"]}, "unknown op 'echo'. Known audio ops: background_noise, band_pass"),
        ({"ops": [{"op": "time_stretch", "min_rate": 0.01}]}, "op 'time_stretch': min_rate must be a number in \\[0.1, 10\\], got 0.01"),
        ({"ops": [{"op": "speed", "min_factor": 2, "max_factor": 1}]}, "min_factor must not be greater than max_factor"),
        ({"ops": [{"op": "gain", "min_gain_db": float("nan")}]}, "op 'gain': min_gain_db must be a finite number, got nan"),
        ({"ops": [{"op": "gain", "min_gain_db": "a"}]}, "op 'gain': min_gain_db must be a finite number, got 'a'"),
        ({"ops": [{"op": "speed", "max_factor": float("inf")}]}, "op 'speed': max_factor must be a number in \\[0.25, 4\\], got inf"),
        ({"ops": [{"op": "band_pass", "min_center_freq": -5}]}, "op 'band_pass': min_center_freq must be a number >= 1, got -5"),
        ({"ops": [{"op": "shift", "rollover": "yes"}]}, "op 'shift': rollover must be true or false, got 'yes'"),
        ({"ops": ["gain"], "sampling_rate": 0}, "sampling_rate must be None \\(keep\\) or a positive integer"),
        ({"ops": ["gain"], "format": "AAC"}, "format must be None \\(keep\\) or a soundfile format"),
        ({"ops": ["gain"], "max_clipped_fraction": 2}, "max_clipped_fraction must be None or a number in \\[0, 1\\]"),
    ],
)
def test_bad_configuration_is_refused_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        hfaug.AudioAugment(**kwargs)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"op": "speed", "min_factor": 0.1}, "op 'speed': min_factor must be a number in [0.25, 4], got 0.1"),
        ({"op": "speed", "min_factor": 2, "max_factor": 1},
         "op 'speed': min_factor must not be greater than max_factor, got min_factor=2 and max_factor=1"),
        ({"op": "gain", "min_gain_db": 20}, "op 'gain': min_gain_db must not be greater than max_gain_db, got min_gain_db=20 and max_gain_db=12.0"),
        ({"op": "shift", "max_shift": 1.5}, "op 'shift': max_shift must be a number in [-1, 1], got 1.5"),
        ({"op": "pitch_shift", "min_semitones": -30}, "op 'pitch_shift': min_semitones must be a number in [-24, 24], got -30"),
        ({"op": "band_pass", "max_bandwidth_fraction": 2}, "op 'band_pass': max_bandwidth_fraction must be a number in (0, 2), got 2"),
        ({"op": "band_pass", "min_bandwidth_fraction": 0}, "op 'band_pass': min_bandwidth_fraction must be a number in (0, 2), got 0"),
    ],
)
def test_op_parameter_errors_quote_the_value_and_say_what_is_accepted(spec, message):
    with pytest.raises(ValueError) as error:
        hfaug.AudioAugment(ops=[spec])
    assert str(error.value) == message


def test_an_image_op_given_to_the_audio_augmenter_says_where_it_belongs():
    with pytest.raises(ValueError) as error:
        hfaug.AudioAugment(ops=["hflip"])
    assert str(error.value).startswith(
        "audio: unknown op 'hflip'. 'hflip' is an image op: use it in hfaug.ImageAugment(ops=[...]) "
        "(name: image in a recipe) on a datasets.Image column. Known audio ops: background_noise, "
    )


def test_a_misspelt_op_of_the_other_media_kind_is_suggested_with_where_it_belongs():
    with pytest.raises(ValueError, match="^audio: unknown op 'rotat'. Did you mean 'rotate'\\? It is an image op: use it in hfaug.ImageAugment"):
        hfaug.AudioAugment(ops=["rotat"])
    with pytest.raises(ValueError, match="^audio: unknown op 'time_strech'. Did you mean 'time_stretch'\\? Known audio ops"):
        hfaug.AudioAugment(ops=["time_strech"])
    flip = r"^audio: unknown op 'flip'. Did you mean 'hflip' or 'vflip'\? They are image ops: use them in hfaug.Image"
    with pytest.raises(ValueError, match=flip):
        hfaug.AudioAugment(ops=["flip"])
    noise = r"^audio: unknown op 'noise'. Did you mean 'gaussian_noise' or 'background_noise'\? Known audio ops"
    with pytest.raises(ValueError, match=noise):
        hfaug.AudioAugment(ops=["noise"])


def test_ops_configuration_is_json_data_that_rebuilds(noise_folder):
    aug = hfaug.AudioAugment(ops=["gain", {"op": "background_noise", "source": str(noise_folder)}], seed=2)
    config = json.loads(json.dumps(aug.config()))
    assert config["ops"][0] == {"op": "gain", "min_gain_db": -12.0, "max_gain_db": 12.0, "p": 1.0}
    assert hfaug.get("audio", **config) == aug


def test_a_whole_number_and_the_same_float_give_one_configuration():
    # {"min_gain_db": 1} and {"min_gain_db": 1.0} were fingerprinted apart: a needless cache miss and version id
    whole = hfaug.AudioAugment(ops=[{"op": "gain", "min_gain_db": 1, "max_gain_db": 2, "p": 1}])
    real = hfaug.AudioAugment(ops=[{"op": "gain", "min_gain_db": 1.0, "max_gain_db": 2.0, "p": 1.0}])
    assert json.dumps(whole.config()) == json.dumps(real.config())
    assert Hasher.hash(whole) == Hasher.hash(real)


def test_a_folder_reached_also_through_a_link_is_named_by_its_own_path(tmp_path):
    # which path won depended on the order the file system listed the folder in
    from hfaug.content_hash import visible_files

    (tmp_path / "real").mkdir()
    soundfile.write(tmp_path / "real" / "fan.wav", tone(), RATE)
    for name in ("alias", "zlink"):
        (tmp_path / name).symlink_to(tmp_path / "real")
    assert visible_files(tmp_path) == [tmp_path / "real" / "fan.wav"]


def test_sounds_edited_after_the_op_was_built_are_refused_before_they_are_mixed(tmp_path):
    # they were mixed in, and the rows recorded under the revision of the sounds before the edit
    from hfaug.audio.sources import SourceError

    soundfile.write(tmp_path / "hum.wav", tone(), RATE)
    aug = hfaug.AudioAugment(ops=[{"op": "background_noise", "source": str(tmp_path)}])
    soundfile.write(tmp_path / "hum.wav", chirp(), RATE)
    with pytest.raises(SourceError, match=r"changed since its revision was recorded \(content-.*build the op again"):
        aug({"audio": {"array": chirp(), "sampling_rate": RATE}})
