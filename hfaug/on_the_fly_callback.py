"""A `transformers.TrainerCallback` that moves an :class:`hfaug.OnTheFly` transform to each new epoch."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from datasets import Dataset
from transformers import TrainerCallback

from hfaug.on_the_fly import trainer_loop

if TYPE_CHECKING:
    from hfaug.on_the_fly import OnTheFly


class OnTheFlyEpochs(TrainerCallback):
    """Calls ``otf.set_epoch`` at the start of every epoch of a `Trainer` run (`Trainer` only sets
    the epoch of samplers, and a `datasets.Dataset` has none), resumed runs and passes over a stream
    included; refuses ``remove_unused_columns=True`` where `Trainer` removes the column before the
    transform sees it (a `datasets.Dataset`), persistent DataLoader workers, which would keep the
    transform of the first epoch, and evaluation data read through the transform (a `datasets.Dataset`'s before training,
    from its first row; other data at its first evaluation batch)."""

    def __init__(self, otf: OnTheFly) -> None:
        self.otf = otf
        self.next_epoch = 0

    def on_train_begin(self, args: Any, state: Any, control: Any, train_dataloader: Any = None, **kwargs: Any) -> None:
        self._refuse_a_removed_column(args, getattr(train_dataloader, "dataset", None))
        if args.dataloader_persistent_workers and args.dataloader_num_workers > 0:
            raise self.otf._persistent_workers_refused()
        self._refuse_evaluation_data_read_through_the_transform()
        # A resumed run starts in the epoch it stopped in (state.epoch 2.5: epoch 2). Later epochs are counted
        # here, not read from state.epoch, in which Trainer counts a stream's passes in fractions of max_steps.
        self.next_epoch = math.floor((state.epoch or 0) + 1e-6)

    def on_epoch_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self.otf.set_epoch(self.next_epoch)
        self.next_epoch += 1

    def on_prediction_step(self, args: Any, state: Any, control: Any, eval_dataloader: Any = None, **kwargs: Any) -> None:
        dataset = getattr(eval_dataloader, "dataset", None)
        if isinstance(dataset, Dataset) and dataset.format["format_kwargs"].get("transform") is self.otf:
            raise self.otf._evaluation_refused()

    def _refuse_evaluation_data_read_through_the_transform(self) -> None:
        """Read the first row of each evaluation `datasets.Dataset` of the `Trainer` that runs with the transform
        refusing to be called: evaluation data read through it (set on it, or called by the user's transform set
        there) is refused before training, not at the first evaluation, after the training before it."""
        frame = trainer_loop()
        evaluation = None if frame is None else getattr(frame.f_locals.get("self"), "eval_dataset", None)
        for dataset in evaluation.values() if isinstance(evaluation, dict) else [evaluation]:
            if isinstance(dataset, Dataset) and len(dataset) and dataset.format["format_kwargs"].get("transform"):
                self.otf._refusing_reads = True
                try:
                    dataset[:1]
                finally:
                    self.otf._refusing_reads = False

    def _refuse_a_removed_column(self, args: Any, dataset: Any) -> None:
        """Refuse a `datasets.Dataset` whose augmented column `Trainer` removed (``remove_unused_columns=True``)
        before the transform runs; from other datasets, such as streams, it removes columns after it."""
        removed = isinstance(dataset, Dataset) and self.otf.augmenter.column not in dataset.column_names
        if args.remove_unused_columns and removed:
            raise ValueError(
                f"OnTheFly({self.otf.augmenter._label()}): Trainer removes the columns the model's forward does not "
                f"take, {self.otf.augmenter.column!r} among them, before the transform runs; pass "
                "remove_unused_columns=False in TrainingArguments, and tokenize in a transform that calls this one first "
                "or in the data collator"
            )
