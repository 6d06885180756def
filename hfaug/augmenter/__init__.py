"""The augmenter contract: one base class that every augmenter follows.

Subclasses implement :meth:`Augmenter.augment_batch` (and usually
:meth:`Augmenter.check_value`); batching, expansion into copies, row-keyed seeding,
provenance and error handling live here, once.

The helpers it uses have modules of their own: the checks of its count and switch parameters
(:mod:`.arguments`), ``on_error`` and how an error shows a value (:mod:`.on_error`), what a map
passes it (:mod:`.map_inputs`), columns of ``uint64`` values (:mod:`.uint64_columns`), the rows and
provenance columns a batch becomes (:mod:`.batch_writer`), the garbage collector paused for a batch
(:mod:`.collection`) and the warning for draws from the global generators (:mod:`.global_draws`).
"""

from __future__ import annotations

import copy
import json
import reprlib
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar, NamedTuple

import numpy as np

from hfaug import provenance
from hfaug.augmenter.arguments import check_count, check_flag, is_count, is_integer
from hfaug.augmenter.batch_writer import BatchWriter
from hfaug.augmenter.collection import collection_paused
from hfaug.augmenter.global_draws import global_draws_told
from hfaug.augmenter.map_inputs import (
    UNFORMATTED_MAP,
    column_of,
    formatted,
    is_array,
    is_dataset_column,
    passed_by_dataset_map,
    pixels,
)
from hfaug.augmenter.on_error import ON_ERROR_CHOICES, OnError, shown_value
from hfaug.augmenter.uint64_columns import largest_uint64, uint64_as_strings
from hfaug.configurable import Configurable, instance_example
from hfaug.dependent_columns import (
    dataset_map_features,
    dotted_name_advice,
    feature_advice,
    list_column_advice,
    warn_dependent_columns,
    wrong_column_advice,
)
from hfaug.errors import (
    ColumnError,
    HfaugError,
    InvalidValue,
    MissingDependency,
    WrongType,
    arrives_whole,
    install_command,
    named_columns,
    raised_by,
    row_error,
)
from hfaug.row_ids import source_id
from hfaug.seeding import MAX_SEED, RowRandomness, stable_hash, value_bytes
from hfaug.text_columns import is_json, values_among_texts
from hfaug.worker_threads import one_torch_thread_in_a_map_worker

class Augmented(NamedTuple):
    """What :meth:`Augmenter.augment_batch` returns for one item when a plain value is
    not enough.

    Args:
        value (`Any`): The augmented value.
        params (`dict`, defaults to `{}`): Parameters sampled for this item (JSON-serialisable).
        error (`str`, *optional*): Set when this item could not be augmented.
        dropped (`str`, *optional*): Set when the item cannot differ from its source, by no fault
            of the input (e.g. no word to replace). Its copy is left out when copies are optional
            (``n`` > 1, ``keep_original`` or ``on_error="skip"``), otherwise kept as its source with
            ``hfaug_error`` ``"dropped: <reason>"``, whatever ``on_error`` says.
        augmenter (`str`, *optional*): Name recorded in provenance, when not the augmenter's own.
    """

    value: Any = None
    params: Mapping[str, Any] = MappingProxyType({})
    error: str | None = None
    dropped: str | None = None
    augmenter: str | None = None


class Augmenter(Configurable):
    """Base class of all augmenters: a `datasets` map function built from plain parameters.

    ``aug(example)`` transforms one row in place (``ds.map(aug)``); ``aug(batch)`` returns
    ``n`` augmented copies per row, plus the original when ``keep_original=True``, with
    every other column carried along (``ds.map(aug, batched=True)``).

    Subclasses store every ``__init__`` parameter under an attribute of the same name, so
    that :meth:`config` can return them, and implement :meth:`augment_batch`.

    Args:
        column (`str`): The column to augment.
        n (`int`, defaults to 1): Augmented copies per row (batched mode only).
        keep_original (`bool`, defaults to `False`): Also emit the unchanged row (batched mode only).
        seed (`int`, defaults to 0): Seed of the row-keyed generators, from 0 to 2**64 - 1.
        on_error (`str`, defaults to `"keep"`): What to do with a row that cannot be augmented:
            `"keep"` its original value and record the error in ``hfaug_error``, `"skip"` it
            (batched mode only), or `"raise"`.
    """

    output_neutral: ClassVar[tuple[str, ...]] = ()
    """Parameters that change how the augmenter runs, never what it outputs (a cache folder, a batch
    size): recipe version ids leave them out (see :func:`hfaug.versioning.output_identity`)."""
    draws_in_children: ClassVar[bool] = False
    """Whether it only runs other augmenters (a combination), which are checked for draws from the global
    generators in its stead."""

    def __init__(
        self,
        column: str,
        *,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        if isinstance(column, Mapping):  # ds.map(hfaug.Synonym): Dataset.map calls the class with the data
            raise TypeError(
                f"{self._label()}: column must be a column name, got a row (or batch) of the columns "
                f"{named_columns(column)}: Dataset.map was given the class itself, not an augmenter, and called it "
                f"with the data. Pass an instance: {self._how_to_build()}."
            )
        if not isinstance(column, str) or not column:
            raise TypeError(f"{self._label()}: column must be a non-empty string, got {column!r}")
        if on_error not in ON_ERROR_CHOICES:
            raise ValueError(f"{self._label()}: on_error must be one of {ON_ERROR_CHOICES}, got {on_error!r}")
        self.column = column
        self.n = check_count(self._label(), "n", n, optional=False)
        self.keep_original = check_flag(self._label(), "keep_original", keep_original)
        self.seed = check_count(self._label(), "seed", seed, minimum=0, maximum=MAX_SEED, optional=False)
        self.on_error = on_error

    @classmethod
    def _how_to_build(cls) -> str:
        """``hfaug.Synonym() or the ready instance hfaug.synonym``: how to get an instance, as messages say it."""
        import hfaug

        ready = cls.name.isidentifier() and isinstance(getattr(hfaug, cls.name, None), cls)
        return f"{instance_example(cls)} or the ready instance hfaug.{cls.name}" if ready else instance_example(cls)

    # ------------------------------------------------------------------ subclass API
    def augment_batch(self, values: Sequence[Any], rngs: Sequence[np.random.Generator]) -> list[Any]:
        """Augment ``values``, drawing item ``i``'s randomness from ``rngs[i]`` only: what subclasses implement.

        Args:
            values (`Sequence`): The column's values of the batch's copies to make, each as :meth:`check_value`
                returned it (a row appears once per copy). Leave them unchanged: make new values.
            rngs (`Sequence[numpy.random.Generator]`): One generator per value, seeded by the augmenter's seed, the
                row's content and the copy number (made when first used; :func:`hfaug.uniforms` draws from the same
                keys at a lower cost per row).

        Returns:
            `list`: One entry per value: the augmented value, or an :class:`Augmented` (with the sampled
            ``params`` recorded in ``hfaug_params``, an ``error``, or a ``dropped`` reason). The result for an item
            must not depend on the other items of the batch.
        """
        raise NotImplementedError

    def check_value(self, value: Any) -> Any:
        """Return ``value`` ready for :meth:`augment_batch`, or raise :class:`InvalidValue`."""
        return value

    def check_feature(self, feature: Any) -> None:
        """Raise :class:`ColumnError` when the column's `datasets` feature cannot be augmented."""

    def check_mapped_feature(self, feature: Any) -> None:
        """:meth:`check_feature` for a column that ``Dataset.map`` hands over, whose cells :meth:`check_value` may
        take beyond the columns that :meth:`check_feature` takes (by default, the same check)."""
        self.check_feature(feature)

    def value_key(self, value: Any) -> bytes:
        """Canonical bytes of an input value; its hash seeds the row's generators."""
        return value_bytes(value)

    def variant_limit(self) -> tuple[int, str] | None:
        """How many distinct variants of a row this augmenter can make, with how to get more; ``None``
        when there is no such limit (the default). `hfaug.OnTheFly` warns when its epochs ask for more."""
        return None

    # ------------------------------------------------------------------ schema checks
    def check_schema(self, column_names: Sequence[str], features: Mapping[str, Any] | None = None) -> None:
        """Fail before any work when the column is missing or of a type this augmenter cannot handle
        (:meth:`check_column`), or when the provenance columns cannot be written: a column named like
        one but of another type, or some of them without the others."""
        self.check_column(column_names, features)
        if features is not None:
            self._refuse_clashing_provenance(features)
        self._refuse_partial_provenance(column_names)

    def check_column(
        self,
        column_names: Sequence[str],
        features: Mapping[str, Any] | None = None,
        *,
        choose: str = "pass column={}",
        mapped: bool = False,
    ) -> None:
        """Fail before any work when the column is missing or of a type this augmenter cannot handle, naming the
        columns it can augment and how to ``choose`` one (a recipe sets its ``column``); warn when other columns
        describe its text (:func:`hfaug.dependent_columns.warn_dependent_columns`). ``mapped``: the column is
        handed over by ``Dataset.map`` (:meth:`check_mapped_feature`)."""
        if self.column not in column_names:
            raise self._missing_column(column_names, features)
        if features is not None and self.column in features:
            try:
                (self.check_mapped_feature if mapped else self.check_feature)(features[self.column])
            except ColumnError as error:
                raise ColumnError(f"{error} {self._columns_to_choose(features, choose, mapped=mapped)}") from None
        warn_dependent_columns(self._label(), self.column, features, moved=self.moves_content())

    def refuse_values_among_texts(self, dataset: Any, within: str | None = None) -> None:
        """Fail before any work when ``dataset`` (a `Dataset`) has this augmenter's column typed `Json` because it
        holds texts among other values, naming the rows of those values
        (:func:`hfaug.text_columns.values_among_texts`): the column's type alone does not lead to them. ``within``:
        the slice of a split that ``dataset`` holds (``train[10:]``), which the rows named count from."""
        feature = dataset.features.get(self.column)
        if not is_json(feature):  # its values are read only where they may be mixed
            return
        problem = values_among_texts(self.column, feature, dataset[self.column], within)
        if problem is not None:
            raise ColumnError(f"{self._label()}: {problem}")

    def moves_content(self) -> bool:
        """Whether its copies may move what other columns point into (offsets into a text, an image's boxes, times
        in a clip): a text's augmenters do; media augmenters whose ops all keep it in place do not."""
        return True

    def _columns_to_choose(self, features: Mapping[str, Any], choose: str, *, mapped: bool) -> str:
        """The dataset's columns, those of them this augmenter can augment with how to ``choose`` one, and what
        to do with a column of the shape of the one it was given; named after the augmenter that refused it
        (checked as ``mapped`` says, see :meth:`check_column`)."""
        refusing = self._refusing(features[self.column], mapped=mapped)
        fitting = [name for name, feature in features.items() if self._fits(feature)]
        advice = feature_advice(features[self.column])
        if fitting:
            others = " (or another of them)" if len(fitting) > 1 else ""
            how = f"{choose.format(repr(fitting[0]))}{others}"
            can = f"; {refusing._label()} can augment {named_columns(fitting)}: {how}."
        else:
            until = " before that cast" if refusing._cast_fits(features[self.column]) else ""
            can = f", none of which {refusing._label()} can augment{until}."
        return f"The dataset has columns {named_columns(features)}{can}{f' {advice}' if advice else ''}"

    def _refusing(self, feature: Any, *, mapped: bool) -> Augmenter:
        """The augmenter whose refusal of a column of ``feature`` the error starts with: this one (a combination
        names the child that refused it)."""
        return self

    def _cast_fits(self, feature: Any) -> bool:
        """Whether the cast that :meth:`check_feature` tells for a column of ``feature`` makes one this augmenter
        can augment (no augmenter tells one by default)."""
        return False

    def _fits(self, feature: Any, *, mapped: bool = False) -> bool:
        """Whether this augmenter can augment a column of ``feature`` (checked on a copy: an image augmenter
        remembers the mode of the column it checked), handed over by ``Dataset.map`` if ``mapped``."""
        checked = copy.deepcopy(self)
        try:
            (checked.check_mapped_feature if mapped else checked.check_feature)(feature)
        except ColumnError:
            return False
        return True

    def _missing_column(self, column_names: Iterable[str], features: Mapping[str, Any] | None) -> ColumnError:
        """The error for a column the dataset lacks, telling how to reach a nested field named with dots."""
        missing = ColumnError.missing(self.column, column_names, self._label())
        return ColumnError(f"{missing}{dotted_name_advice(self.column, features)}")

    def _refuse_clashing_provenance(self, features: Mapping[str, Any]) -> None:
        """Refuse columns named like provenance columns but of types that cannot hold their values."""
        from hfaug.schema import PROVENANCE_FEATURES, clashing_provenance_columns  # imports `datasets`

        clashing = clashing_provenance_columns(features)
        if clashing:
            held = ", ".join(
                f"{name!r} holds {feature}, not {PROVENANCE_FEATURES[name]}" for name, feature in clashing.items()
            )
            renames = ", ".join(f"{name!r}: NEW_NAME" for name in clashing)
            if set(clashing) == {provenance.ERROR}:  # a CSV file of augmented rows: its empty reasons read as nulls
                raise ColumnError(
                    f"{self._label()}: column {provenance.ERROR!r} holds {clashing[provenance.ERROR]}, not text: a CSV "
                    "file writes its empty reasons as empty cells, which read back as numbers or nulls. Cast it back: "
                    f"ds = ds.cast_column({provenance.ERROR!r}, datasets.Value('string'))"
                )
            raise ColumnError(
                f"{self._label()}: columns named like provenance columns hold other types ({held}); the names "
                f"{', '.join(provenance.COLUMNS)} are reserved for provenance. Rename them: "
                f"ds.rename_columns({{{renames}}})."
            )

    def _refuse_clashing_values(self, batch: Mapping[str, list[Any]]) -> None:
        """:meth:`_refuse_clashing_provenance` for a batch without features (``Dataset.map``): each column named
        like a provenance column has the type of its first value that is not None, as an Arrow column has one."""
        import pyarrow as pa
        from datasets.features.features import generate_from_arrow_type

        firsts = {
            name: next((value for value in batch[name] if value is not None), None)
            for name in provenance.COLUMNS
            if name in batch
        }
        self._refuse_clashing_provenance(
            {name: generate_from_arrow_type(pa.array([value]).type) for name, value in firsts.items() if value is not None}
        )

    def _refuse_partial_provenance(self, column_names: Sequence[str]) -> None:
        """Refuse augmented rows without the provenance that augmenting them again reads: with ``hfaug_augmenter``,
        the copy numbers and parameters that name and number the copies of their copies; with ``hfaug_source_id``,
        the copy numbers that tell each source's original from its copies. ``hfaug_error`` may go, and so may
        ``hfaug_source_id`` (the rows get ids of their own)."""
        missing = [name for name in (provenance.COPY, provenance.PARAMS) if name not in column_names]
        if provenance.AUGMENTER in column_names and missing:
            present = [name for name in provenance.COLUMNS if name in column_names]
            raise ColumnError(
                f"{self._label()}: the dataset has the provenance column {provenance.AUGMENTER!r} but not "
                f"{named_columns(missing)}, which augmenting augmented rows reads to name and number the copies of "
                "copies. Keep them, or remove the other provenance columns too to augment the rows as new "
                f"originals: ds.remove_columns({present!r})."
            )
        if provenance.SOURCE_ID in column_names and provenance.COPY not in column_names:
            raise ColumnError(
                f"{self._label()}: the dataset has the provenance column {provenance.SOURCE_ID!r} but not "
                f"{provenance.COPY!r}, which tells an original (0) from its copies (1..n) among the rows that share a "
                "source id; augmented again, they would all count as originals of one source. Keep "
                f"{provenance.COPY!r} too, or remove {provenance.SOURCE_ID!r} to augment the rows as new originals: "
                f"ds.remove_columns([{provenance.SOURCE_ID!r}])."
            )

    def _refuse_missing_provenance(self, batch: Mapping[str, list[Any]]) -> None:
        """Refuse rows without values in the provenance columns, as `concatenate_datasets` of rows hfaug did not
        make and rows it made gives them: they have no source, copy number or augmenter to continue from."""
        for name in provenance.COLUMNS:
            if name == provenance.ERROR:  # no reason: a CSV file writes an empty one so, and reads it back as null
                continue
            missing = sum(value is None for value in batch.get(name, ()))
            if missing:
                raise self.missing_provenance_error(name, missing, "this batch", list(batch))

    def missing_provenance_error(self, name: str, missing: int, where: str, column_names: Sequence[str]) -> ColumnError:
        """The error for ``missing`` rows of ``where`` (this batch, the dataset) without a value in the provenance
        column ``name``, among these ``column_names``."""
        present = [column for column in provenance.COLUMNS if column in column_names]
        return ColumnError(
            f"{self._label()}: {missing} row(s) of {where} have no value in the provenance column "
            f"{name!r}: rows hfaug did not make, joined to rows it made (concatenate_datasets([ds, "
            "augmented]) does so). Augment the rows with keep_original=True rather than joining them to "
            "their copies, or remove the provenance columns to augment every row as a new original: "
            f"ds.remove_columns({present!r})."
        )

    # ------------------------------------------------------------------ map function
    def __call__(
        self, example_or_batch: Mapping[str, Any], rank: int | None = None, *more: Any, **keywords: Any
    ) -> dict[str, Any]:
        """Augment a batch (``ds.map(aug, batched=True)``: a dict of lists) into ``n`` copies per
        row, each original before its copies with ``keep_original``; or one row (``ds.map(aug)``:
        only with ``n=1``, ``keep_original=False`` and ``on_error`` other than `"skip"`) into its
        copy. The provenance columns are added. ``rank`` is what ``map(..., with_rank=True)`` passes:
        model augmenters not pinned to a device then run on GPU ``rank % GPUs``."""
        self._refuse_map_options(example_or_batch, rank, more, keywords)
        if rank is not None:  # Dataset.map(..., with_rank=True): process `rank` uses GPU rank % GPUs
            placed = self._placed_for_rank(rank)
            if placed is not self:
                return placed(example_or_batch)
        self._refuse_formatted(example_or_batch)
        typed = passed_by_dataset_map(example_or_batch) is not None
        if not typed and any(map(is_dataset_column, example_or_batch.values())):  # a batch built of ds["text"]
            example_or_batch = {
                name: list(values) if is_dataset_column(values) else values for name, values in example_or_batch.items()
            }
        features = dataset_map_features(example_or_batch)
        self.check_column(list(example_or_batch), features, mapped=True)
        if typed:
            self._refuse_integers_past_int64(example_or_batch, features)
        try:
            if self._is_batch(example_or_batch):
                return self.expand(example_or_batch, typed=typed)
            return self._transform_example(example_or_batch, typed=typed)
        except Exception as error:  # Dataset.map(num_proc=N) sends it from its worker
            raise arrives_whole(error)

    def _refuse_map_options(self, example_or_batch: Any, rank: Any, more: tuple[Any, ...], keywords: Mapping[str, Any]) -> None:
        """Refuse what ``map(..., with_indices=True)``, ``input_columns=`` or ``fn_kwargs=`` pass instead of, or
        besides, whole rows and the rank of ``with_rank=True`` (a formatted table is refused afterwards, as such)."""
        rows = isinstance(example_or_batch, Mapping) or formatted(example_or_batch)
        if rows and (rank is None or isinstance(rank, int)) and not more and not keywords:
            return
        if not rows and rank is None and not more and not keywords:  # called as nlpaug's augment(text) is
            got = type(example_or_batch).__name__
            if hasattr(example_or_batch, "column_names"):  # a Dataset or IterableDataset
                raise TypeError(
                    f"{self._label()}: an augmenter takes a row or a batch of rows as a dict, got a {got}; augment "
                    "it with hfaug.augment(ds, aug) or ds.map(aug, batched=True)"
                )
            raise TypeError(
                f"{self._label()}: an augmenter takes a row or a batch of rows as a dict, got {got}; to augment "
                f"values, pass them as a column: aug({{{self.column!r}: values}})[{self.column!r}] (with n=... for "
                "several copies each); in Dataset.map, leave out input_columns: the augmenter reads its column from "
                "whole rows"
            )
        raise TypeError(
            f"{self._label()}: an augmenter takes whole rows (or batches of them) and, with with_rank=True, the rank; "
            f"it cannot take with_indices, input_columns or fn_kwargs. Map it without them: it reads column "
            f"{self.column!r} (build it with column=... to read another) and takes its parameters when built."
        )

    def _refuse_formatted(self, example_or_batch: Any, remedy: str = UNFORMATTED_MAP) -> None:
        """Refuse a batch or example of a dataset formatted with ``with_format`` (NumPy, torch, pandas,
        Arrow, ...): its arrays and scalars would be read, and keyed, unlike the Python values of its rows;
        ``remedy`` says what to do instead. A numeric NumPy array in the augmented column is a value (an
        image's pixels), not a format."""
        if formatted(example_or_batch):  # an Arrow table, a pandas frame
            got = example_or_batch
        elif not isinstance(example_or_batch, Mapping):
            return
        else:
            got = next(
                (
                    value
                    for name, value in example_or_batch.items()
                    if formatted(value) and not (name == self.column and pixels(value))
                ),
                None,
            )
        if got is not None:
            raise ColumnError(
                f"{self._label()}: got a {type(got).__module__}.{type(got).__name__}, as Dataset.map passes the rows "
                f"of a dataset formatted with with_format/set_format; augmenters read plain Python values. {remedy}"
            )

    def _refuse_integers_past_int64(self, passed: Any, features: Mapping[str, Any] | None) -> None:
        """Raise a `ColumnError` when a column of what ``Dataset.map`` ``passed`` (a batch or row over an Arrow
        table of ``features``) holds a ``uint64`` value past the ``int64`` range, on its own or in a list or
        struct: `datasets` cannot write it back from the Python value a map returns (an OverflowError once the
        batch is augmented); a streamed map keeps it."""
        for name, feature in (features or {}).items():
            kept = uint64_as_strings(feature)
            if kept is feature:  # no uint64 in it
                continue
            largest = largest_uint64(passed.pa_table[name])
            if largest is not None and largest > np.iinfo(np.int64).max:
                raise ColumnError(
                    f"{self._label()}: column {name!r} holds {largest}, past the int64 range, which `datasets` "
                    "cannot write back from a map of a Dataset; augment the data streamed, which keeps it "
                    "(hfaug.augment(ds.to_iterable_dataset(), ...)), or cast the column first: "
                    f"ds.cast_column({name!r}, {kept!r})"
                )

    def _is_batch(self, example_or_batch: Mapping[str, Any]) -> bool:
        """Whether a batch was passed rather than one example: ``Dataset.map``'s own batch or row says so itself;
        another mapping (``IterableDataset.map``, a direct call) is a batch when every column is a list (or an
        array) of one length. An example whose column holds a list (tokens, an image as nested lists) is refused."""
        values = example_or_batch[self.column]
        passed_as = passed_by_dataset_map(example_or_batch)
        if passed_as == "batch":
            return True
        if not isinstance(values, list):
            return False
        if passed_as is None and all(column_of(other, len(values)) for other in example_or_batch.values()):
            return True
        raise ColumnError(
            f"{self._label()}: column {self.column!r} holds a list of {len(values)} items in one example, not a "
            f"value to augment (pass batched=True if this was meant as a batch). {list_column_advice([values])}"
        )

    def _placed_for_rank(self, rank: int) -> Augmenter:
        """This augmenter with its unpinned model augmenters on process ``rank``'s GPU (itself
        without GPUs); built once per process and rank, never pickled."""
        from hfaug.devices import RankedAugmenter

        ranked = self.__dict__.get("_ranked")
        if ranked is None:
            ranked = self.__dict__["_ranked"] = RankedAugmenter(self)
        return ranked.for_rank(rank)

    def _transform_example(self, example: Mapping[str, Any], *, typed: bool) -> dict[str, Any]:
        settings = [
            setting
            for setting, changes_rows in (
                (f"n={self.n}", self.n > 1),
                ("keep_original=True", self.keep_original),
                ("on_error='skip'", self.on_error == "skip"),
            )
            if changes_rows
        ]
        if settings:
            raise ValueError(
                f"{self._label()}: {' and '.join(settings)} {'change' if len(settings) > 1 else 'changes'} the "
                "number of rows, which needs a batched map: use ds.map(aug, batched=True) "
                "or hfaug.augment(ds, aug, ...)."
            )
        batch = self.expand({key: [value] for key, value in example.items()}, typed=typed)
        return {key: values[0] for key, values in batch.items()}

    def expand(self, batch: Mapping[str, list[Any]], *, typed: bool = False) -> dict[str, list[Any]]:
        """Augment a batch (dict of lists) into ``n`` copies per row (plus originals).

        ``typed``: the batch comes from a table whose columns each hold one type (``Dataset.map``'s), so a
        value of a type this augmenter never takes means the column is the wrong one: a `ColumnError`.
        Otherwise such a value is one bad row, handled as ``on_error`` says.
        """
        with collection_paused():
            return self._expand(batch, typed)

    def _expand(self, batch: Mapping[str, list[Any]], typed: bool) -> dict[str, list[Any]]:
        self._refuse_partial_provenance(list(batch))
        self._refuse_missing_provenance(batch)
        self._refuse_clashing_values(batch)
        values = batch[self.column]
        keys = [stable_hash(self.value_key(value)) for value in values]
        checked, problems = self._check_values(values, list(batch), typed=typed)

        copies = range(1, self.n + 1)
        jobs = [(row, number) for row in range(len(values)) if problems[row] is None for number in copies]
        results = iter(self._run_jobs([checked[row] for row, _ in jobs], [(keys[row], number) for row, number in jobs]))

        writer = BatchWriter(self, batch, self.source_ids(batch, keys))
        for row, problem in enumerate(problems):
            if self.keep_original:
                writer.original(row)
            for number in copies:
                self._write_result(writer, row, number, next(results) if problem is None else Augmented(error=problem))
        return writer.columns

    def _check_values(
        self, values: Sequence[Any], column_names: Iterable[str], *, typed: bool, unless_some_fit: bool = False
    ) -> tuple[list[Any], list[str | None]]:
        """Each value ready for :meth:`augment_batch` (None where it is not) and why it is not (None where it is).

        With ``typed`` (see :meth:`expand`), a value of a type this augmenter never takes raises a `ColumnError`
        that names the ``column_names`` to choose from; with ``unless_some_fit`` too, only when no value of the
        batch can be augmented (the others of another type are then rows that cannot be).
        """
        checked: list[Any] = []
        problems: list[str | None] = []
        wrong_type: WrongType | None = None
        for value in values:
            try:
                checked.append(self.check_value(value))
                problems.append(None)
            except InvalidValue as error:
                if typed and isinstance(error, WrongType):
                    if not unless_some_fit:
                        raise self._wrong_column(error, column_names, values) from None
                    wrong_type = wrong_type or error
                checked.append(None)
                problems.append(str(error))
        if wrong_type is not None and all(problem is not None for problem in problems):
            raise self._wrong_column(wrong_type, column_names, values)
        return checked, problems

    def _wrong_column(self, error: WrongType, column_names: Iterable[str], values: Sequence[Any]) -> ColumnError:
        """The error for a column whose ``values`` are of a type this augmenter never takes (``error``), with
        what to do about lists and structs."""
        return ColumnError(
            f"{self._label()}: column {self.column!r} holds no value it can augment ({error}); the dataset has "
            f"columns {named_columns(column_names)}. {wrong_column_advice(values)}"
        )

    def _write_result(self, writer: BatchWriter, row: int, copy: int, result: Augmented) -> None:
        name = result.augmenter or self._label()
        if result.dropped is not None:  # a copy that cannot differ: no fault of the input, whatever on_error says
            if not (self.keep_original or self.n > 1 or self.on_error == "skip"):
                writer.augmented(row, copy, None, name, {}, error=f"dropped: {result.dropped}")
        elif result.error is None:
            writer.augmented(row, copy, result.value, name, result.params)
        elif self.on_error == "raise":
            raise InvalidValue(
                f"{self._label()}: cannot augment column {self.column!r} of row {writer.source_ids[row]} "
                f"({shown_value(writer.batch[self.column][row])}): {result.error}. Fix the input, or pass "
                "on_error='keep' (keep the row unchanged) or on_error='skip'."
            )
        elif self.on_error == "keep":
            writer.augmented(row, copy, None, name, {}, error=result.error)

    def _needs_torch(self) -> bool:
        """Whether this augmenter, or one it is made of, runs torch (see :attr:`requires`, :attr:`output_packages`)."""
        return "torch" in (*self.requires, *self.output_packages) or any(
            child._needs_torch() for child in getattr(self, "children", ())
        )

    def _run_jobs(self, values: list[Any], seeds: list[tuple[str, int]]) -> list[Augmented]:
        """Run :meth:`augment_batch`; if it fails, retry item by item to isolate the bad rows."""
        if not values:
            return []
        try:
            with one_torch_thread_in_a_map_worker(needs_torch=self._needs_torch), global_draws_told(self):
                return self._as_results(self.augment_batch(values, self._rngs(seeds)), len(values))
        except InvalidValue as error:
            failure: Exception = error
        except HfaugError:  # a configuration problem (e.g. a missing model): no row can succeed
            raise
        except ImportError as error:  # a missing package: no row can succeed either
            raise self._missing_package(error) from error
        except Exception as error:  # a library failed somewhere in the batch
            failure = error
        if self.on_error == "raise":
            raise self._named_failure(failure, values, seeds)
        if len(values) == 1:
            return [Augmented(error=row_error(failure))]
        return self._retried_apart(values, seeds)

    def _missing_package(self, error: ImportError) -> MissingDependency:
        """The :class:`MissingDependency` for a package that :meth:`augment_batch` could not import: its
        message quotes ``error``, its ``name`` and ``install`` name the package and the command that installs it."""
        install = install_command(type(self).__module__)
        missing = MissingDependency(
            f"{self._label()} needs a package that is not installed ({type(error).__name__}: {error}); "
            f"{install or 'install it in this environment'} and run again.",
            name=(error.name or "").partition(".")[0] or None,
        )
        missing.install = install
        return missing

    def _retried_apart(self, values: list[Any], seeds: list[tuple[str, int]]) -> list[Augmented]:
        """The jobs of a failed batch run again: each row's with all its copies (an augmenter may compare
        a row's copies, as back-translation drops repeats), and a single row's one copy at a time."""
        rows: dict[str, list[int]] = {}
        for index, (key, _) in enumerate(seeds):
            rows.setdefault(key, []).append(index)
        parts = list(rows.values()) if len(rows) > 1 else [[index] for index in range(len(values))]
        results: dict[int, Augmented] = {}
        for part in parts:
            results.update(zip(part, self._run_jobs([values[i] for i in part], [seeds[i] for i in part])))
        return [results[index] for index in range(len(values))]

    def _named_failure(self, failure: Exception, values: list[Any], seeds: list[tuple[str, int]]) -> Exception:
        """``failure`` of a batch under ``on_error="raise"``: the error of the first item that fails alone
        (the batch's own when none does), with a note naming the value."""
        if len(values) > 1:
            for value, seed in zip(values, seeds):
                self._run_jobs([value], [seed])  # raises the item's error, named
            return failure
        if not isinstance(failure, InvalidValue):  # hfaug's own errors say what is wrong
            note = (
                f"{raised_by(failure, self._label())}: raised while augmenting column {self.column!r}, value "
                f"{reprlib.repr(values[0])}; "
                "pass on_error='keep' to keep such rows unchanged with the error recorded"
            )
            setattr(failure, "__notes__", [*getattr(failure, "__notes__", []), note])  # add_note, which Python 3.10 lacks
        return failure

    def _rngs(self, seeds: list[tuple[str, int]]) -> RowRandomness:
        return RowRandomness(self.seed, seeds)

    def _as_results(self, outputs: Sequence[Any], expected: int) -> list[Augmented]:
        """:meth:`augment_batch`'s ``outputs`` as results; a `HfaugError` when they break its contract, a bug
        that no row escapes (never taken for an error of the rows)."""
        is_list = isinstance(outputs, Sequence) and not isinstance(outputs, (str, bytes))
        if not is_list or len(outputs) != expected:
            returned = f"{len(outputs)} items" if is_list else "None" if outputs is None else f"a {type(outputs).__name__}"
            raise HfaugError(
                f"{self._label()}.augment_batch returned {returned} for {expected} values; it must return a list of "
                "one result per value, in order (the augmented value or an hfaug.Augmented). Fix "
                f"{type(self).__qualname__}.augment_batch."
            )
        return [output if isinstance(output, Augmented) else Augmented(value=output) for output in outputs]

    def source_ids(self, batch: Mapping[str, list[Any]], keys: list[str]) -> list[str]:
        """Content ids of a batch's rows (kept from an earlier augmentation when present).

        ``keys`` are the ``stable_hash`` of each row's :meth:`value_key`; the row's plain values in
        the other columns (labels, ids, texts, ``None``, lists and structs of them; not media or bytes)
        are part of the id. That is decided row by row, so a row's id never depends on the rows
        batched with it.
        """
        if provenance.SOURCE_ID in batch:
            return list(batch[provenance.SOURCE_ID])
        others = sorted(name for name in batch if name != self.column)
        header = json.dumps(others)
        rows = zip(*(batch[name] for name in others)) if others else [()] * len(keys)
        return [source_id(key, others, header, row) for key, row in zip(keys, rows)]


__all__ = [
    "ON_ERROR_CHOICES",
    "Augmented",
    "Augmenter",
    "OnError",
    "check_count",
    "check_flag",
    "collection_paused",
    "global_draws_told",
    "is_array",
    "is_count",
    "is_integer",
    "shown_value",
]
