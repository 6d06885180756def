"""On-the-fly augmentation: an augmenter as a ``set_transform`` / ``with_transform`` function.

Map mode (``ds.map(aug)``, ``hfaug.augment``) writes augmented copies once: they can be
inspected, filtered, versioned and pushed, and training reads them at no extra cost.
On-the-fly mode augments rows as the training loop reads them: nothing is written, and
every epoch sees fresh augmentations (reproducible from the seed and the epoch number), at
the cost of augmenting during training.
"""

from __future__ import annotations

import logging
import operator
import re
import sys
from collections.abc import Mapping
from functools import partial
from types import FrameType
from typing import Any

from hfaug.augmenter import Augmented
from hfaug.augmenter.map_inputs import is_array
from hfaug.augmenter.on_error import shown_value
from hfaug.errors import ColumnError, InvalidValue, named_columns, optional_imports
from hfaug.media import reads_encoded
from hfaug.registry import AugmenterSpec, build
from hfaug.seeding import row_rng, stable_hash

logger = logging.getLogger("hfaug")
_NUMBERS = re.compile(r"0x[0-9a-f]+|\d+(?:[.,]\d+)*")  # in reasons: counts, sizes, percentages, addresses
_TRAINER_LOOPS = ("_inner_training_loop", "evaluation_loop")
_CALLERS_SEARCHED = 16  # `Dataset._map_single` is some ten calls above a transform it formats rows with


class OnTheFly:
    """Wraps an augmenter as a `datasets` formatting transform with per-epoch randomness.

    Row ``r`` in epoch ``e`` is augmented with the generator of (seed, row content,
    ``e + 1``): different in every epoch, identical whenever the same epoch is replayed,
    whatever the order of reading, the batch size or the number of DataLoader workers.
    Media augmenters, and :class:`hfaug.OneOf` or :class:`hfaug.Sequential` made of them, return
    decoded values (PIL images; ``{"array", "sampling_rate"}`` for audio, decoded as the
    column's feature asks), ready for a feature extractor.
    A row that cannot be augmented (e.g. silent audio) is returned unaugmented, decoded like
    the others, and one that cannot be decoded as it is stored (``on_error="keep"``: the first row
    of each reason is warned of on the ``hfaug`` logger, by its source id, later ones logged at
    DEBUG); or it raises (``on_error="raise"``). An augmenter that makes only so many
    distinct variants of a row (deterministic back-translation: one per pivot path and beam
    hypothesis) returns rows unchanged in later epochs; a warning says so at the first of them.

    Args:
        augmenter (`hfaug.Augmenter`, `str` or `dict`): The augmenter (or its registry name, or
            ``{"name": ..., **config}``); its ``n`` must be 1, ``keep_original``
            false and ``on_error`` `"keep"` or `"raise"` (a transform returns one value per row).
        epoch (`int`, defaults to 0): The epoch whose randomness is used; change it with
            :meth:`set_epoch` at the start of each epoch.
        features (`datasets.Features`, *optional*): The dataset's features (``ds.features``). A media
            column cast with ``decode=False`` (so that unreadable files follow ``on_error``) reaches
            the transform undecoded: with its feature, the media augmenter decodes it as the feature
            asks (an `Audio` feature's ``sampling_rate`` and ``num_channels``, an `Image` feature's
            ``mode``), as `datasets` would; without it, as it is stored, and a warning says so (once
            per process: each DataLoader worker may say it again).

    Example:
        >>> otf = hfaug.OnTheFly(hfaug.ImageAugment(ops=["hflip", "rotate"], seed=7))
        >>> ds.set_transform(otf)
        >>> for epoch in range(3):
        ...     otf.set_epoch(epoch)
        ...     for batch in torch.utils.data.DataLoader(ds, batch_size=32, collate_fn=collate):
        ...         ...

    With ``persistent_workers=True`` DataLoader workers keep the transform they were started
    with; call ``set_epoch`` before creating the workers (or leave persistence off).

    With `transformers.Trainer`, :meth:`trainer_callback` sets the epoch (without it, or a callback of your own
    that calls :meth:`set_epoch`, a run's second epoch is refused: it would repeat the first's); to tokenize, call this
    transform first in your own:

        >>> ds.set_transform(lambda batch: {**tokenizer(otf(batch)["text"], truncation=True), "label": batch["label"]})
        >>> args = TrainingArguments(..., remove_unused_columns=False)  # else Trainer removes "text" from ds first
        >>> Trainer(model, args, train_dataset=ds, data_collator=DataCollatorWithPadding(tokenizer),
        ...         callbacks=[otf.trainer_callback()])

    A dataset derived from ``ds`` (``shuffle``, ``select``, ``rename_column``, ...) keeps this
    same transform, so :meth:`set_epoch` reaches it too. ``map`` and ``flatten_indices`` read
    through it and store one epoch's augmentations, and the dataset they return keeps the
    transform, which augments those again when read (a warning says so): run them before
    ``set_transform``, or call ``reset_format()`` on their result before reading it.
    """

    def __init__(self, augmenter: AugmenterSpec, epoch: int = 0, features: Mapping[str, Any] | None = None) -> None:
        augmenter = build(augmenter)
        if features is not None:
            _check_features(augmenter, features)
        if augmenter.n != 1 or augmenter.keep_original:
            raise ValueError(
                f"OnTheFly: a transform returns one value per row, so n must be 1 and keep_original False "
                f"(got n={augmenter.n}, keep_original={augmenter.keep_original}); "
                "for several copies per row use map mode (hfaug.augment)"
            )
        if augmenter.on_error == "skip":
            raise ValueError(
                f"OnTheFly({augmenter._label()}): on_error='skip' would drop rows, which a transform cannot (a "
                "DataLoader's batches would come out short); use on_error='keep' (a row that fails is read as it is) "
                "or 'raise'"
            )
        self.augmenter = augmenter
        self.features = features
        self._warned_undecoded = False
        self._warned_reasons: set[str] = set()
        self._warned_past_variants = False
        self._warned_stored_by_map = False
        self.epoch = 0
        self._refusing_reads = False  # while the Trainer callback reads evaluation data, to find whether it calls this
        self._trainer_epoch_set: int | None = None  # the epoch of a Trainer run in which set_epoch was last called
        self.set_epoch(epoch)

    def set_epoch(self, epoch: int) -> None:
        """Use the randomness of ``epoch`` (an integer >= 0, NumPy's and torch's too) from now on."""
        try:
            number = operator.index(epoch) if not isinstance(epoch, bool) else -1
        except TypeError:
            number = -1
        if number < 0:
            raise ValueError(f"OnTheFly: epoch must be a non-negative integer, got {epoch!r}")
        self.epoch = number
        self._trainer_epoch_set = self._checked_trainer_epoch()
        self._warn_if_past_variants()

    def _checked_trainer_epoch(self) -> int | None:
        """The epoch the training loop of a `transformers.Trainer` that this call comes from is in (None outside one,
        or before its first epoch); its persistent DataLoader workers, which no later epoch reaches, are refused."""
        frame = trainer_loop()
        if frame is None or frame.f_code.co_name != "_inner_training_loop":
            return None
        args = frame.f_locals["self"].args
        if args.dataloader_persistent_workers and args.dataloader_num_workers > 0:
            raise self._persistent_workers_refused()
        return frame.f_locals.get("epoch")

    def _persistent_workers_refused(self) -> ValueError:
        """The error for a `Trainer` whose persistent DataLoader workers would keep this transform's first epoch."""
        return ValueError(
            f"OnTheFly({self.augmenter._label()}): persistent DataLoader workers keep the transform they were started "
            "with, so every epoch would read the augmentations of the first; pass dataloader_persistent_workers=False "
            "in TrainingArguments"
        )

    def _warn_if_past_variants(self) -> None:
        """Say once that this epoch asks for more distinct variants than the augmenter makes (as its
        :meth:`~hfaug.Augmenter.variant_limit` tells: deterministic back-translation, say)."""
        limit = None if self._warned_past_variants else self.augmenter.variant_limit()
        if limit is None or self.epoch < limit[0]:
            return
        self._warned_past_variants = True
        count, how = limit
        logger.warning(
            "OnTheFly(%s): epoch %d asks for variant %d of each row, but the augmenter makes at most %d distinct "
            "variants, so from epoch %d on rows come back unchanged; %s",
            self.augmenter._label(),
            self.epoch,
            self.epoch + 1,
            count,
            count,
            how,
        )

    def trainer_callback(self) -> Any:
        """A `transformers.TrainerCallback` that calls :meth:`set_epoch` at the start of each epoch
        of a `Trainer` run (resumed runs and passes over a stream included) and refuses
        ``remove_unused_columns=True`` where `Trainer` removes the augmented column before this
        transform sees it: from a `datasets.Dataset` (from a stream it removes columns after its maps);
        refuses evaluation data read through this transform too."""
        with optional_imports("hfaug.on_the_fly_callback", "OnTheFly.trainer_callback"):
            from hfaug.on_the_fly_callback import OnTheFlyEpochs

        return OnTheFlyEpochs(self)

    def __call__(self, example_or_batch: Mapping[str, Any]) -> dict[str, Any]:
        """Augment a batch (``set_transform``, ``map(batched=True)``) or one example (``map``)."""
        self._refuse_what_is_not_rows(example_or_batch)
        self._refuse_what_trainer_should_not_read()
        self._warn_if_stored_by_map()
        column = self.augmenter.column
        if column not in example_or_batch:
            raise ColumnError(
                f"OnTheFly({self.augmenter._label()}): column {column!r} not found; the transform received columns "
                f"{named_columns(example_or_batch)}. Pass column=<the column to augment> to the "
                "augmenter; under transformers.Trainer, pass remove_unused_columns=False in TrainingArguments "
                "(Trainer removes the columns the model does not take before the transform runs)"
            )
        if self.augmenter._is_batch(example_or_batch):
            return self._augment_batch(example_or_batch)
        one = self._augment_batch({key: [value] for key, value in example_or_batch.items()})
        return {key: values[0] for key, values in one.items()}

    def _refuse_what_is_not_rows(self, given: Any) -> None:
        """Refuse a formatted batch (a table, arrays or tensors in the augmented column, or arrays in it and
        the others: the format goes after the transform) and what is no batch or example at all (a dataset
        given to the transform itself). Other columns alone may hold arrays: a transform carries them."""
        from hfaug.schema import is_dataset  # imports `datasets`, which a transform has loaded already

        column = self.augmenter.column
        dataset = is_dataset(given)
        if not dataset:  # a DatasetDict is a dict
            self.augmenter._refuse_formatted(
                _what_shows_a_format(given, column),
                "Apply the format after the transform: stream.map(otf, batched=True).with_format(...), or "
                "ds.with_format(None).set_transform(otf) with the tensors made in the data collator.",
            )
        if dataset or not isinstance(given, Mapping):
            raise TypeError(
                f"OnTheFly({self.augmenter._label()}) is a transform of rows, got a {type(given).__name__}; set it "
                "on the dataset: ds.set_transform(otf) (or ds.with_transform(otf), or stream.map(otf, batched=True))"
            )

    def _refuse_what_trainer_should_not_read(self) -> None:
        """Refuse to be read by the evaluation or prediction loop of a `transformers.Trainer`, whether set on its
        data or called by the transform set there, and by its training loop in an epoch after the first to which
        nothing moved this transform (no callback): it would repeat an epoch's augmentations. A callback moves it as
        that epoch begins or as the one before it ends. From DataLoader workers too, where started by fork."""
        frame = trainer_loop()
        if self._refusing_reads or (frame is not None and frame.f_code.co_name == "evaluation_loop"):
            raise self._evaluation_refused()
        if frame is None:
            return
        epoch = frame.f_locals.get("epoch")
        if epoch and self._trainer_epoch_set not in (epoch, epoch - 1):
            raise ValueError(
                f"OnTheFly({self.augmenter._label()}): Trainer is in epoch {epoch}, but nothing moved this transform "
                f"to it (set_epoch), so it would read the augmentations of epoch {self.epoch} again; pass "
                "callbacks=[otf.trainer_callback()] to Trainer"
            )

    def _evaluation_refused(self) -> ValueError:
        """The error for evaluation data read through this transform."""
        return ValueError(
            f"OnTheFly({self.augmenter._label()}): the evaluation data is read through this transform, so it would be "
            "augmented and its scores would not be those of the data; set the transform (or yours that calls it) on "
            "the training data only: splits['train'].set_transform(otf), not splits.set_transform(otf)"
        )

    def _augment_batch(self, batch: Mapping[str, list[Any]]) -> dict[str, list[Any]]:
        augmenter = self.augmenter
        column = augmenter.column
        values = list(batch[column])
        keys = [stable_hash(augmenter.value_key(value)) for value in values]
        if reads_encoded(augmenter):  # a media augmenter, or a composite of them
            feature = None if self.features is None else self.features[column]
            if feature is None:
                self._warn_if_undecoded(values)
            results = augmenter.transform_batch(values, [row_rng(augmenter.seed, key, self.epoch + 1) for key in keys], feature)
        else:
            results = self._augment(values, keys, list(batch))
        return {**batch, column: [self._value(batch, keys, row, result) for row, result in enumerate(results)]}

    def _warn_if_stored_by_map(self) -> None:
        """Say once that ``Dataset.map`` stores this transform's rows in a dataset that keeps the transform."""
        if self._warned_stored_by_map or not _stored_by_dataset_map():
            return
        self._warned_stored_by_map = True
        logger.warning(
            "OnTheFly(%s): Dataset.map reads this dataset through the transform, so it stores one epoch's "
            "augmentations, and the dataset it returns keeps the transform, which augments them again when read; "
            "call .reset_format() on the result before reading it, or map before set_transform",
            self.augmenter._label(),
        )

    def _warn_if_undecoded(self, values: list[Any]) -> None:
        """Say once that cells of a column cast with ``decode=False`` are decoded as stored, not as its feature asks."""
        if self._warned_undecoded or not any(isinstance(value, Mapping) and "bytes" in value for value in values):
            return
        self._warned_undecoded = True
        logger.warning(
            "%s: column %r is not decoded (decode=False), so its cells are decoded as they are stored; pass "
            "features=ds.features to OnTheFly to decode them as the column's feature asks (sampling_rate, "
            "num_channels, mode)",
            self.augmenter._label(),
            self.augmenter.column,
        )

    def _augment(self, values: list[Any], keys: list[str], column_names: list[str]) -> list[Augmented]:
        """The results of a batch of values; a batch with no value of a type the augmenter takes is refused as
        map mode refuses such a column (the column is the wrong one), while in a batch with some, those of
        another type (a stream without features can mix them) are rows that cannot be augmented."""
        augmenter = self.augmenter
        checked, problems = augmenter._check_values(values, column_names, typed=True, unless_some_fit=True)
        results = [Augmented(error=problem) for problem in problems]
        valid = [index for index, problem in enumerate(problems) if problem is None]
        outputs = augmenter._run_jobs([checked[index] for index in valid], [(keys[index], self.epoch + 1) for index in valid])
        for index, output in zip(valid, outputs):
            results[index] = output
        return results

    def _value(self, batch: Mapping[str, list[Any]], keys: list[str], row: int, result: Augmented) -> Any:
        """The value of ``batch``'s ``row`` (whose value key is ``keys[row]``) given its ``result``."""
        original = batch[self.augmenter.column][row]
        if result.error is None and result.dropped is None:
            return result.value
        label = self.augmenter._label()
        if result.error is None:  # nothing to change (a one-word text): no fault, not worth a warning every epoch
            logger.debug("%s: row returned unchanged (epoch %d): dropped: %s", label, self.epoch, result.dropped)
        elif self.augmenter.on_error == "raise":
            shown = f" ({shown_value(original)})" if original is None or isinstance(original, str) else ""  # not media objects
            raise InvalidValue(
                f"{label}: cannot augment column {self.augmenter.column!r} on the fly{shown}: {result.error}. "
                "Fix the input, or pass on_error='keep' to return such rows unchanged."
            )
        else:
            self._log_unchanged(batch, keys, row, result.error)
        return result.value if result.value is not None else original

    def _log_unchanged(self, batch: Mapping[str, list[Any]], keys: list[str], row: int, reason: str) -> None:
        """Warn of the first row returned unchanged for ``reason``, by its source id (as map mode names it); log
        later ones at DEBUG: every epoch reads a bad row again."""
        label = self.augmenter._label()
        kind = _NUMBERS.sub("N", reason)  # "cannot decode the image (1234 bytes)": one kind whatever the count
        if kind in self._warned_reasons:
            logger.debug("%s: row returned unchanged (epoch %d): %s", label, self.epoch, reason)
            return
        self._warned_reasons.add(kind)
        [source_id] = self.augmenter.source_ids({name: [values[row]] for name, values in batch.items()}, [keys[row]])
        logger.warning(
            "%s: row %s returned unchanged (epoch %d): %s; further rows returned unchanged for this reason are "
            "logged at DEBUG",
            label,
            source_id,
            self.epoch,
            reason,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return OnTheFly, (self.augmenter, self.epoch, self.features)

    def __deepcopy__(self, memo: dict[int, Any]) -> OnTheFly:
        """This transform itself: `datasets` deep-copies a dataset's format when it derives one
        (``rename_column``, ``flatten``), and the copy must follow :meth:`set_epoch`."""
        return self

    def __repr__(self) -> str:
        return f"OnTheFly({self.augmenter!r}, epoch={self.epoch})"


def _stored_by_dataset_map() -> bool:
    """Whether `datasets` formats rows for ``Dataset.map`` (``flatten_indices`` maps too) to store them:
    a call from its formatting inside ``Dataset._map_single``, whose map function is not that of
    ``Dataset.filter`` (its result keeps the rows as stored). A transform is not told why it is called,
    so its callers say."""
    formatting = False
    frame: FrameType | None = sys._getframe(1)
    for _ in range(_CALLERS_SEARCHED):
        if frame is None:
            return False
        module = frame.f_globals.get("__name__")
        formatting = formatting or module == "datasets.formatting.formatting"
        if module == "datasets.arrow_dataset" and frame.f_code.co_name == "_map_single":
            return formatting and not _filters(frame.f_locals.get("function"))
        frame = frame.f_back
    return False


def trainer_loop() -> FrameType | None:
    """The innermost frame of a `transformers.Trainer` loop that this call comes from: its training loop
    (``_inner_training_loop``, whose ``epoch`` is the epoch it is in) or its evaluation and prediction loop
    (``evaluation_loop``); None outside them. A DataLoader worker started by fork holds the frames that started it;
    one started by spawn or forkserver holds none."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_globals.get("__name__") == "transformers.trainer" and frame.f_code.co_name in _TRAINER_LOOPS:
            return frame
        frame = frame.f_back
    return None


def _filters(function: Any) -> bool:
    """Whether ``function`` is the map function of ``Dataset.filter`` (it maps rows to the indices kept)."""
    return isinstance(function, partial) and getattr(function.func, "__name__", None) == "get_indices_from_mask_function"


def _what_shows_a_format(given: Any, column: str) -> Any:
    """The part of ``given`` whose values tell whether it is formatted: all of it where it holds arrays
    throughout, else its augmented column, in which a list's first array stands for a batch's (tensors of
    images of several sizes come as a list; a scalar in it is one row's value, checked as such)."""
    if not isinstance(given, Mapping) or column not in given or _arrays_throughout(given, column):
        return given
    values = given[column]
    if isinstance(values, list):
        first = next((value for value in values if value is not None), None)
        values = first if is_array(first) else None
    return {column: values}


def _arrays_throughout(given: Any, column: str) -> bool:
    """Whether ``given`` holds arrays in ``column`` and in another column, as a batch formatted with
    ``with_format("numpy")`` does (an example's pixels come with plain values beside them)."""
    if not isinstance(given, Mapping) or not is_array(given.get(column)):
        return False
    return any(is_array(value) for name, value in given.items() if name != column)


def _check_features(augmenter: Any, features: Any) -> None:
    """Refuse ``features`` that are not a dataset's features, a column missing from them, or one the
    augmenter cannot read (the provenance columns are not checked: a transform writes none)."""
    from hfaug.schema import is_dataset  # imports `datasets`

    if is_dataset(features) or not isinstance(features, Mapping):
        raise TypeError(
            f"OnTheFly({augmenter._label()}): features must be the dataset's features (features=ds.features), got a "
            f"{type(features).__name__}"
        )
    augmenter.check_column(list(features), features)
