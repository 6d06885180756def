"""What a Ray worker runs: one augmenter over the Arrow batches of a Ray dataset.

Kept apart from :mod:`hfaug.engines.ray_engine` so that a worker imports `datasets` only
when the batches hold media to decode and encode; text runs on hfaug and pyarrow alone.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

import pyarrow as pa

from hfaug.augmenter import Augmenter
from hfaug.errors import arrives_whole
from hfaug.media import reads_encoded

if TYPE_CHECKING:
    from datasets import Features


class BlockAugmenter:
    """Augments one Arrow batch of a Ray dataset (the ``map_batches`` function).

    Values are decoded and encoded with the source's `datasets` features, as ``Dataset.map``
    does, and the output gets the Arrow schema of :func:`hfaug.schema.output_features`, so each
    block has the same Arrow types as the local engine's output.

    An error of the augmenter travels to the driver as itself, with its notes, or as a
    `RuntimeError` naming its type and message where it could not be unpickled there (see
    :func:`hfaug.errors.arrives_whole`).

    Args:
        augmenter (`hfaug.Augmenter`): What to apply (carried as its configuration).
        features (`datasets.Features`): Features of the source.
    """

    def __init__(self, augmenter: Augmenter, features: Features) -> None:
        from datasets.features.features import require_decoding

        from hfaug.schema import output_features

        self.augmenter = augmenter
        self.schema = output_features(features).arrow_schema
        self.read_features: Features | None = None
        self.write_features: Features | None = None
        if any(require_decoding(feature) for feature in features.values()):
            # Read as the local engine reads: a media augmenter gets its column's stored bytes.
            self.read_features = features.copy()
            column = self.read_features.get(augmenter.column)
            if reads_encoded(augmenter) and getattr(column, "decode", False):
                self.read_features[augmenter.column] = copy.copy(column)
                self.read_features[augmenter.column].decode = False
            self.write_features = output_features(self.read_features)

    def __call__(self, table: pa.Table) -> pa.Table:
        batch = table.to_pydict()
        if self.read_features is not None:
            batch = self.read_features.decode_batch(batch)
        try:
            out = self.augmenter.expand(batch)
        except Exception as error:  # one the driver could not unpickle goes as a RuntimeError naming it
            import ray

            raise arrives_whole(error, ray.cloudpickle)  # as Ray sends it: a class of the user's script by value
        if self.write_features is not None:
            out = self.write_features.encode_batch(out)
        return pa.Table.from_pydict(out, schema=self.schema)
