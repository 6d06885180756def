"""The content id of a source row (``hfaug_source_id``): a hash of its augmented value's key and of its other columns'
plain values, the same in every process and whatever rows it is batched with."""

from __future__ import annotations

import datetime
import decimal
import json
from array import array
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from hfaug.seeding import stable_hash


def source_id(key: str, names: list[str], header: str, values: Sequence[Any]) -> str:
    """The id of a row whose value key is ``key`` and whose other columns ``names`` (``header``: as JSON) hold
    ``values``, of which those that are not plain data (images, audio arrays, bytes) are left out: hashing
    media would cost more than augmenting the row, and has no JSON that every process writes alike. Dates,
    times, durations and decimals count, as :func:`_tagged` writes them."""
    values = [_packed(value) for value in values]
    try:
        encoded = _plain_json(values)
    except (TypeError, ValueError):  # some value is not plain data
        plain = [(name, value) for name, value in zip(names, values) if _is_plain(value)]
        names, values = [name for name, _ in plain], [value for _, value in plain]
        header, encoded = json.dumps(names), _plain_json(values)
    return stable_hash(f"{key}{header}{encoded}".encode()) if values else stable_hash(key.encode())


_PACKED_TYPECODES = {float: ("d", "float64"), int: ("q", "int64")}
"""The `array` type codes, and names, of the lists :func:`_packed` hashes by their bytes."""


def _packed(value: Any) -> Any:
    """``value`` with each list of floats or integers as the hash of its bytes: JSON writes a float in about a
    microsecond, which would make a column of embeddings or token ids cost more than augmenting the row. NumPy
    scalars (a stream's labels from scikit-learn) count as the Python values they hold, as `datasets` gives them."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {key: _packed(item) for key, item in value.items()}
    if not isinstance(value, (list, tuple)) or not value:
        return value
    if isinstance(value[0], np.generic):
        value = [item.item() if isinstance(item, np.generic) else item for item in value]
    packing = _PACKED_TYPECODES.get(type(value[0]))
    if packing is not None:  # a column's lists hold one type (Arrow's); anything else fails to pack
        typecode, name = packing
        try:
            return f"{name}:{stable_hash(array(typecode, value).tobytes())}"
        except (TypeError, OverflowError):  # not all numbers; integers past 64 bits
            return value
    return [_packed(item) for item in value] if isinstance(value[0], (list, dict)) else value


def _is_plain(value: Any) -> bool:
    """Whether ``value`` is plain data: ``None``, a string, number, bool, date, time, duration or decimal, or a
    list or struct of plain data."""
    try:
        _plain_json(value)
    except (TypeError, ValueError):
        return False
    return True


def _microseconds(duration: datetime.timedelta) -> int:
    return duration // datetime.timedelta(microseconds=1)


_TAGGED_KINDS: tuple[tuple[type, Callable[[Any], Any]], ...] = (
    (datetime.datetime, datetime.datetime.isoformat),  # before date, which it is too
    (datetime.date, datetime.date.isoformat),
    (datetime.time, datetime.time.isoformat),
    (datetime.timedelta, _microseconds),
    (decimal.Decimal, str),
)


def _tagged(value: Any) -> dict[str, Any]:
    """A date, time or datetime (ISO format, with its UTC offset), a duration (whole microseconds) or a decimal
    (its digits) as a one-key object that names its kind (``{"$date": "2024-01-02"}``); a `TypeError` for
    anything else, which is not plain data."""
    for kind, encode in _TAGGED_KINDS:
        if isinstance(value, kind):
            return {f"${kind.__name__.lower()}": encode(value)}
    raise TypeError(f"{type(value).__name__} is not plain data")


_plain_json = json.JSONEncoder(sort_keys=True, default=_tagged).encode
"""The JSON of plain data, structs by sorted keys, dates, times, durations and decimals :func:`_tagged`; a
`TypeError` for anything else."""
