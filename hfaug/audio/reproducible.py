"""Encoded audio made byte-for-byte reproducible.

libsndfile stamps things that change from one write to the next: float WAV and AIFF files
get the time of writing in their ``PEAK`` chunk, Matlab 5 files in their text header, and
Ogg streams (Vorbis, Opus) get a random serial number. The same samples must give the same
bytes, so the times are zeroed and the serial is derived from the samples (mutagen rewrites
the Ogg pages and their checksums).
"""

from __future__ import annotations

import io
import re
import zlib

import numpy as np

_PEAK = b"PEAK"
_PEAK_FORMATS = frozenset({"WAV", "WAVEX", "RF64", "AIFF"})  # formats whose float files have one
_TIMESTAMP_AT = 12  # after the chunk id, its size and the version: 4 bytes each
_AUDIO_CHUNKS = (b"data", b"SSND")  # the PEAK chunk comes before the audio in WAV and AIFF
_MAT5_HEADER = 116  # bytes of descriptive text at the start of a Matlab 5 file
_MAT5_TIME = re.compile(rb"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def reproducible(data: bytes, format: str, samples: np.ndarray) -> bytes:
    """``data`` (a file written by soundfile in ``format``) without its time- or chance-dependent bytes."""
    if format == "OGG":
        return _with_serial(data, zlib.crc32(np.ascontiguousarray(samples).tobytes()))
    if format == "MAT5":
        return _MAT5_TIME.sub(b"1970-01-01 00:00:00", data[:_MAT5_HEADER], count=1) + data[_MAT5_HEADER:]
    return _without_peak_timestamp(data) if format in _PEAK_FORMATS else data


def _without_peak_timestamp(data: bytes) -> bytes:
    header_end = min((at for at in (data.find(chunk) for chunk in _AUDIO_CHUNKS) if at >= 0), default=0)
    at = data.find(_PEAK, 0, header_end)
    if at < 0:
        return data
    stamp = at + _TIMESTAMP_AT
    return data[:stamp] + bytes(4) + data[stamp + 4 :]


def _with_serial(data: bytes, serial: int) -> bytes:
    from mutagen.ogg import OggPage

    stream = io.BytesIO(data)
    pages = []
    while stream.tell() < len(data):
        page = OggPage(stream)
        page.serial = serial
        pages.append(page.write())
    return b"".join(pages)
