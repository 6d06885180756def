"""Columns that describe the augmented text (offsets, aligned tokens) are warned about; columns of lists and
nested fields are refused with advice that fits them."""

from __future__ import annotations

import logging

import pytest
from datasets import Audio, ClassLabel, Dataset, DatasetDict, Features, Image, List, Value

import hfaug
from hfaug import dependent_columns
from hfaug.errors import ColumnError
from toy_augmenters import Shout

SQUAD = Dataset.from_dict(
    {
        "id": ["a1", "a2"],
        "context": ["The tower was completed in 1889.", "Marie Curie won the prize in 1903."],
        "question": ["When was the tower completed?", "When did she win?"],
        "answers": [{"text": ["1889"], "answer_start": [27]}, {"text": ["1903"], "answer_start": [29]}],
    }
)
SPANS = Dataset.from_dict(
    {
        "text": ["John Smith moved to New York.", "Apple hired engineers."],
        "entities": [[{"start": 0, "end": 10, "label": "PER"}], [{"start": 0, "end": 5, "label": "ORG"}]],
    }
)
NER = Dataset.from_dict(
    {"tokens": [["John", "lives", "here"]], "ner_tags": [[1, 0, 0]]},
    features=Features({"tokens": List(Value("string")), "ner_tags": List(ClassLabel(names=["O", "B-PER"]))}),
)
CHAT = Dataset.from_dict({"messages": [[{"role": "user", "content": "How do I reset my password?"}]]})
MULTI_LABEL = Dataset.from_dict({"text": ["a funny and scary film"], "labels": [[0, 3]]})


@pytest.fixture(autouse=True)
def nothing_warned_yet(monkeypatch):
    monkeypatch.setattr(dependent_columns, "_warned", set())


def hfaug_warnings(caplog):
    return [record.getMessage() for record in caplog.records if record.name == "hfaug" and record.levelno == logging.WARNING]


def test_augmenting_the_squad_context_warns_once_naming_the_answer_offsets(caplog):
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        hfaug.augment(SQUAD, Shout(column="context"), n=2, batch_size=1)
    [warning] = hfaug_warnings(caplog)
    assert warning.startswith(
        "test.shout: column 'context' is augmented while other columns describe a text (character offsets into a "
        "text: 'answers.answer_start')."
    )
    assert "'question' rather than 'context'" in warning


def test_augmenting_the_squad_question_warns_of_nothing(caplog):
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        hfaug.augment(SQUAD, Shout(column="question"))
        SQUAD.map(Shout(column="question"), batched=True)
    assert hfaug_warnings(caplog) == []


def test_ds_map_over_entity_spans_warns_once_not_once_per_batch(caplog):
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        SPANS.map(Shout(), batched=True, batch_size=1)
        SPANS.map(Shout(seed=1))
    [warning] = hfaug_warnings(caplog)
    assert "character offsets into a text: 'entities.start', 'entities.end'" in warning


def test_a_recipe_over_two_splits_warns_once(caplog):
    recipe = hfaug.Recipe.from_dict(
        {"name": "squad-aug", "column": "context", "augmenters": ["test.shout"], "splits": ["train", "validation"]}
    )
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        recipe.apply(DatasetDict({"train": SQUAD, "validation": SQUAD}), samples=0)
    assert ["answers.answer_start" in warning for warning in hfaug_warnings(caplog)] == [True]


@pytest.mark.parametrize("name", ["start_byte", "plaintext_start_byte", "start_idx", "char_offset", "answer_begin", "answer_starts"])
def test_offsets_are_known_by_the_words_of_their_names(name):
    # Natural Questions' and TyDi QA's byte offsets, and other spellings, went unnamed
    features = Features({"context": Value("string"), "answers": {"text": List(Value("string")), name: List(Value("int32"))}})
    assert f"character offsets into a text: 'answers.{name}'" in dependent_columns.dependent_columns_message("context", features)


def test_augmenting_images_beside_their_boxes_and_masks_warns_once_naming_them(caplog):
    # a flip moved the object, not its box nor its mask, and nothing said so
    import numpy as np

    pixels = np.zeros((8, 8, 3), dtype=np.uint8)
    boxes = Dataset.from_dict(
        {"image": [pixels, pixels], "mask": [pixels[..., 0], pixels[..., 0]], "objects": [{"bbox": [[0.0, 0.0, 2.0, 2.0]]}] * 2},
        features=Features({"image": Image(), "mask": Image(), "objects": {"bbox": List(List(Value("float32")))}}),
    )
    with caplog.at_level(logging.WARNING, logger="hfaug"):
        hfaug.augment(boxes, hfaug.ImageAugment(ops=["blur"], column="image"), n=2)  # pixels stay: no warning
        hfaug.augment(boxes, hfaug.ImageAugment(ops=["blur", "hflip"], column="image"), n=2, batch_size=1)
    assert hfaug_warnings(caplog) == [
        "image: column 'image' is augmented while other columns describe it (regions of an image: 'mask', "
        "'objects.bbox'). They are carried into the copies unchanged, so after an op that moves pixels (a flip, crop, "
        "rotation, perspective, affine or resize) they no longer match it. Use only ops that keep every pixel in place "
        "(colour, blur, noise), or drop those columns or derive them again from the augmented copies."
    ]


def test_times_in_a_clip_beside_it_are_named():
    features = Features({"audio": Audio(), "segments": List({"start": Value("float32"), "end": Value("float32")}), "idx": Value("int32")})
    message = dependent_columns.dependent_columns_message("audio", features)
    assert message.startswith("column 'audio' is augmented while other columns describe it (times in a clip: 'segments.start', 'segments.end').")
    assert dependent_columns.dependent_columns_message("audio", features, moved=False) is None  # gain, noise, ...
    plain = {"audio": Audio(), "label": Value("int64"), "start_year": Value("int32"), "duration_ms": Value("float32")}
    assert dependent_columns.dependent_columns_message("audio", Features(plain)) is None


def test_numbers_and_images_not_named_as_regions_are_no_regions():
    features = Features(
        {"image": Image(), "thumbnail": Image(), "box_office": Value("int64"), "y": Value("float32"), "gps_x": Value("float32")}
    )
    assert dependent_columns.dependent_columns_message("image", features) is None


@pytest.mark.parametrize(
    ("column", "features", "named"),
    [
        ("text", {"text": Value("string"), "subj_start": Value("int32"), "obj_end": Value("int32")}, "'subj_start', 'obj_end'"),
        ("context", {"context": Value("string"), "start_positions": Value("int64")}, "'start_positions'"),
        ("image", {"image": Image(), "objects": {"xmin": List(Value("float32")), "y_max": List(Value("float32"))}},
         "'objects.xmin', 'objects.y_max'"),
        ("image", {"image": Image(), "annotation": Image()}, "'annotation'"),
        ("audio", {"audio": Audio(), "time_stamp": List(Value("float32")), "vad_start": Value("float32")}, "'time_stamp', 'vad_start'"),
    ],
    ids=["tacred", "tokenized-squad", "pascal-voc", "ade20k", "speech"],
)
def test_positions_named_in_other_ways_are_named(column, features, named):
    assert f": {named})." in dependent_columns.dependent_columns_message(column, Features(features))


def test_tokens_and_their_tags_next_to_the_augmented_text_are_named():
    features = NER.map(lambda row: {"text": " ".join(row["tokens"])}).features
    message = dependent_columns.dependent_columns_message("text", features)
    assert "tokens, or labels given per token: 'tokens', 'ner_tags'" in message


def test_tags_left_next_to_tokens_joined_into_a_text_are_named():
    features = NER.map(lambda row: {"text": " ".join(row["tokens"])}, remove_columns=["tokens"]).features
    message = dependent_columns.dependent_columns_message("text", features)
    assert "tokens, or labels given per token: 'ner_tags'" in message
    assert "question answering" not in message  # said only of offsets


@pytest.mark.parametrize(("column", "advice"), [
    ("tokens", "only when no other column is aligned with them"),
    ("answers", "copy the field to augment into a column of its own"),
    ("labels", "look like labels, which are carried along"),
])  # fmt: skip
def test_hfaug_augment_refuses_a_column_of_lists_with_advice_that_fits_it(column, advice):
    dataset = Dataset.from_dict(
        {"text": ["a"], "tokens": [["a"]], "answers": [{"text": ["a"], "answer_start": [0]}], "labels": [[1]]}
    )
    with pytest.raises(ColumnError, match=rf"column '{column}' holds .*, not text\. .*; test\.shout can augment 'text': .*{advice}"):
        hfaug.augment(dataset, Shout(column=column))


def test_a_tokenizer_output_is_named():
    features = Features({"text": Value("string"), "input_ids": List(Value("int32")), "label": Value("int64")})
    assert "a tokenizer's output: 'input_ids'" in dependent_columns.dependent_columns_message("text", features)


@pytest.mark.parametrize(
    "dataset",
    [
        MULTI_LABEL,
        Dataset.from_dict({"text": ["a"], "label": [0], "start": ["x"]}),
        Dataset.from_dict(
            {"text": ["a"], "label": [0], "idx": [0], "starting_price": [3], "start_year": [1999], "end_year": [2001],
             "num_spans": [2], "utc_offset": [1], "begin_page": [4], "start_time": [3], "span_label": [1],
             "is_start": [0], "end_of_season": [1]}
        ),
        Dataset.from_dict(
            {"text": ["how do i sort a list"], "tags": [[0, 2]]},
            features=Features({"text": Value("string"), "tags": List(ClassLabel(names=["python", "java", "sorting"]))}),
        ),
    ],
    ids=["multi-label", "a-text-named-start", "a-row-id-and-a-number", "labels-named-tags"],
)
def test_labels_and_other_plain_columns_are_no_dependent_columns(dataset):
    assert dependent_columns.dependent_columns_message("text", dataset.features) is None


def test_ds_map_of_a_token_column_does_not_advise_joining_blindly():
    with pytest.raises(ColumnError) as error:
        NER.map(Shout(column="tokens"))
    assert "join them into a column of texts first" in str(error.value)
    assert "only when no other column is aligned with them" in str(error.value)


@pytest.mark.parametrize(("dataset", "column", "advice"), [
    (CHAT, "messages", "copy the field to augment into a column of its own"),
    (SPANS, "entities", "copy the field to augment into a column of its own"),
    (MULTI_LABEL, "labels", "look like labels, which are carried along, not augmented"),
])  # fmt: skip
@pytest.mark.parametrize("batched", [False, True])
def test_a_column_of_lists_is_refused_with_advice_that_fits_it(dataset, column, advice, batched):
    with pytest.raises(ColumnError) as error:
        dataset.map(Shout(column=column), batched=batched)
    assert advice in str(error.value)
    assert "join" not in str(error.value)
    assert "Pass column=<the column to augment>" not in str(error.value)


def test_a_batched_map_of_a_struct_column_advises_copying_the_field_out():
    with pytest.raises(ColumnError, match=r"column 'answers' holds .*copy the field to augment into a column of its own"):
        SQUAD.map(Shout(column="answers"), batched=True)


@pytest.mark.parametrize("call", [lambda aug: SQUAD.map(aug, batched=True), lambda aug: hfaug.augment(SQUAD, aug)])
def test_a_dotted_name_of_a_field_in_a_struct_advises_flattening(call):
    dataset = Dataset.from_dict({"meta": [{"title": "A short title"}], "label": [0]})
    with pytest.raises(ColumnError, match=r"not addressed by dotted names: ds\.flatten\(\) makes 'meta\.title' a top-level"):
        dataset.map(Shout(column="meta.title"), batched=True)
    with pytest.raises(ColumnError, match=r"for the command line, write it to a file, ds\.flatten\(\)\.to_parquet\("):
        hfaug.augment(dataset, Shout(column="meta.title"))
    with pytest.raises(ColumnError, match=r"'answers\.text' is not a text of its own.*copy the field"):
        call(Shout(column="answers.text"))


def test_combining_augmenters_of_two_columns_says_to_map_once_per_column():
    with pytest.raises(ValueError, match=r"different columns .*two columns takes two maps, one per column"):
        hfaug.OneOf([Shout(column="premise"), Shout(column="hypothesis")])


def test_a_recipe_column_naming_a_nested_field_with_dots_says_how_to_reach_it():
    recipe = hfaug.Recipe.from_dict({"name": "squad-aug", "column": "answers.text", "augmenters": ["test.shout"]})
    with pytest.raises(ColumnError, match=r"not found; .*'answers\.text' is not a text of its own.*copy the field"):
        recipe.apply(SQUAD, samples=0)
