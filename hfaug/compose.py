"""Augmenters made of other augmenters: pick one per copy, or chain them."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from numbers import Real
from typing import Any, cast

import numpy as np

from hfaug.augmenter import Augmented, Augmenter
from hfaug.augmenter.global_draws import global_draws_told
from hfaug.augmenter.on_error import OnError
from hfaug.errors import name_step
from hfaug.media import Finish, MediaAugmenter, reads_encoded, transform_cells
from hfaug.registry import AugmenterSpec, build


def shared_on_error(augmenters: Sequence[Augmenter], owner: str, combination: str) -> OnError:
    """The ``on_error`` that ``augmenters`` share: one setting applies to every copy of a
    combination, so a `ValueError` (its message starting with ``owner``) when they disagree, showing
    ``combination`` (the code that combines them: ``hfaug.OneOf([...])``) given its own."""
    settings = {augmenter.on_error for augmenter in augmenters}
    if len(settings) > 1:
        each = ", ".join(f"{augmenter._label()}: {augmenter.on_error!r}" for augmenter in augmenters)
        own = combination.replace("[...]", f"[...], on_error={augmenters[0].on_error!r}")
        raise ValueError(
            f"{owner}: the augmenters disagree on on_error ({each}); one setting applies to every copy "
            f"of a combination, so build them with the same on_error, or give the combination its own: {own}"
        )
    return augmenters[0].on_error


def ordered_specs(augmenters: Any, owner: str, example: str) -> list[AugmenterSpec]:
    """``augmenters`` as a list; a `TypeError` (its message starting with ``owner`` and showing
    ``example``) unless they are a list, a tuple or another ordered iterable: one name or augmenter
    is not a list, and a set has no order."""
    unordered = isinstance(augmenters, (set, frozenset))  # a dict's keys keep their order
    if unordered or isinstance(augmenters, (str, bytes, Mapping, Augmenter)) or not isinstance(augmenters, Iterable):
        why = " (a set has no order, and the order decides what each copy gets)" if unordered else ""
        raise TypeError(f"{owner}: augmenters must be a list{why}, got {augmenters!r}; pass a list, e.g. {example}")
    return list(augmenters)


class _Composite(Augmenter):
    """Shared parts of :class:`OneOf` and :class:`Sequential`."""

    draws_in_children = True

    def __init__(
        self,
        augmenters: Sequence[AugmenterSpec],
        column: str | None = None,
        *,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError | None = None,
    ) -> None:
        example = f"hfaug.{type(self).__name__}([hfaug.synonym, 'eda.swap'])"
        children = [build(augmenter) for augmenter in ordered_specs(augmenters, self._label(), example)]
        if not children:
            raise ValueError(f"{self._label()}: give at least one augmenter")
        columns = {child.column for child in children}
        if column is None and len(columns) > 1:
            raise ValueError(
                f"{self._label()}: the augmenters work on different columns {sorted(columns)}, and a combination "
                "augments one column; pass column=... to have them all augment that column. Augmenting two columns takes two "
                "maps, one per column: ds.map(aug_of_one, batched=True).map(aug_of_the_other, batched=True) "
                "(each copy of the first then gets copies of its own)."
            )
        if on_error is None:
            on_error = shared_on_error(children, self._label(), f"hfaug.{type(self).__name__}([...])")
        super().__init__(column or children[0].column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.children = [child if child.column == self.column else child.replace(column=self.column) for child in children]

    @property
    def augmenters(self) -> list[dict[str, Any]]:
        """The children as registry name plus config (what :meth:`config` reports)."""
        return [{"name": child._label(), **child.config()} for child in self.children]

    def _identity(self) -> dict[str, Any]:
        # Children by class too: a subclass of a registered augmenter has its name, and may differ in code.
        children = [(type(child), child._identity()) for child in self.children]
        return {**self._config_without("augmenters"), "augmenters": children}

    def init_arguments(self) -> dict[str, Any]:
        # The children themselves, not their names: a child need not be registered to be rebuilt
        # (in a worker process), and `datasets` fingerprints each child as it fingerprints it alone.
        return {**self._config_without("augmenters"), "augmenters": self.children}

    def check_value(self, value: Any) -> Any:
        # Every child validates the value up front. Media children alone: the first decodes it and
        # the others check the decoded media. Media children mixed with others: each checks the
        # cell, and goes on to get it as it is stored (a media child decodes it itself).
        if not reads_encoded(self) and any(reads_encoded(child) for child in self.children):
            for child in self.children:
                child.check_value(value)
            return value
        for child in self.children:
            value = child.check_value(value)
        return value

    def check_feature(self, feature: Any) -> None:
        for child in self.children:
            child.check_feature(feature)

    def check_mapped_feature(self, feature: Any) -> None:
        for child in self.children:
            child.check_mapped_feature(feature)

    def _refusing(self, feature: Any, *, mapped: bool) -> Augmenter:
        """The first child that refuses a column of ``feature``: the one :meth:`check_feature` raised for."""
        refusing = (
            child._refusing(feature, mapped=mapped) for child in self.children if not child._fits(feature, mapped=mapped)
        )
        return next(refusing, self)

    def moves_content(self) -> bool:
        return any(child.moves_content() for child in self.children)

    def value_key(self, value: Any) -> bytes:
        return self.children[0].value_key(value)

    def augment_batch(self, values: Sequence[Any], rngs: Sequence[np.random.Generator]) -> list[Any]:
        return self.step(values, rngs, handed=False, finish="encode")

    def transform_batch(
        self, values: Sequence[Any], rngs: Sequence[np.random.Generator], feature: Any = None
    ) -> list[Augmented]:
        """On-the-fly mode for media children: raw cells in, decoded values out, as
        :meth:`hfaug.media.MediaAugmenter.transform_batch` gives them."""
        reader = self.children[0]
        while isinstance(reader, _Composite):
            reader = reader.children[0]
        assert isinstance(reader, MediaAugmenter)  # on-the-fly mode calls this only on composites of media augmenters
        return transform_cells(
            reader, values, rngs, lambda media, rng: self.step([media], [rng], handed=True, finish="loaded")[0], feature
        )

    def step(self, values: Sequence[Any], rngs: Sequence[np.random.Generator], *, handed: bool, finish: Finish) -> list[Augmented]:
        """The augmented values; media children (and composites of them) take ``handed`` and
        ``finish`` as in :meth:`hfaug.media.MediaAugmenter.step`, other children work on stored cells."""
        raise NotImplementedError

    @staticmethod
    def _step(
        child: Augmenter, values: list[Any], rngs: list[np.random.Generator], *, handed: bool, finish: Finish
    ) -> list[Augmented]:
        try:
            if isinstance(child, (MediaAugmenter, _Composite)) and reads_encoded(child):
                outputs = child.step(values, rngs, handed=handed, finish=finish)
            else:
                with global_draws_told(child):
                    outputs = child._as_results(child.augment_batch(values, rngs), len(values))
        except Exception as error:  # told apart by row when retried: the row's error then names ``child``
            name_step(error, child._label())
            raise
        if isinstance(child, _Composite):  # its results name its own augmenter
            return outputs
        named = f"{child._label()}: "
        return [output if output.error is None else output._replace(error=named + output.error) for output in outputs]


class OneOf(_Composite):
    """Each copy comes from one augmenter, drawn at random per row and copy.

    Args:
        augmenters (`list`): Augmenters, registry names, or dicts ``{"name": ..., **config}``.
        column (`str`, *optional*): The column; defaults to the augmenters' shared column.
        weights (`list[float]`, *optional*): Relative probabilities of the augmenters; by default
            (or when all equal) each is drawn equally often.
        n, keep_original, seed: As in :class:`hfaug.Augmenter`. The children's own ``n``,
            ``keep_original`` and ``seed`` are not used: their randomness comes from this
            augmenter's row generators.
        on_error (`str`, *optional*): As in :class:`hfaug.Augmenter`, for every copy; defaults to
            the augmenters' shared setting (a `ValueError` when they disagree).

    Example:
        >>> aug = hfaug.OneOf([hfaug.Synonym(p=0.2), hfaug.RandomSwap()], n=4, keep_original=True)
        >>> big = ds.map(aug, batched=True)
    """

    name = "one_of"

    def __init__(
        self,
        augmenters: Sequence[AugmenterSpec],
        column: str | None = None,
        *,
        weights: Sequence[float] | None = None,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError | None = None,
    ) -> None:
        super().__init__(augmenters, column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        self.weights = None if weights is None else self._checked_weights(weights)

    def _checked_weights(self, weights: Any) -> list[float] | None:
        """``weights`` as floats, refused unless they are one finite number >= 0 per augmenter, not all 0;
        None when they are all equal, so that they draw, and are configured, as the default."""
        given = list(weights) if isinstance(weights, Iterable) and not isinstance(weights, (str, bytes, Mapping)) else []
        if len(given) != len(self.children) or not all(map(_is_weight, given)) or not any(given):
            raise ValueError(
                f"one_of: weights must be {len(self.children)} finite numbers >= 0, one per augmenter and not all 0, "
                f"got {weights!r}"
            )
        checked = [float(weight) for weight in given]
        return None if len(set(checked)) == 1 else checked

    def step(self, values: Sequence[Any], rngs: Sequence[np.random.Generator], *, handed: bool, finish: Finish) -> list[Augmented]:
        probabilities = [weight / sum(self.weights) for weight in self.weights] if self.weights else None
        chosen = [int(rng.choice(len(self.children), p=probabilities)) for rng in rngs]
        results: list[Any] = [None] * len(values)
        for index, child in enumerate(self.children):
            members = [item for item, pick in enumerate(chosen) if pick == index]
            if not members:
                continue
            outputs = self._step(
                child, [values[i] for i in members], [rngs[i] for i in members], handed=handed, finish=finish
            )
            for item, output in zip(members, outputs):
                results[item] = Augmented(
                    value=output.value,
                    params=output.params,
                    error=output.error,
                    dropped=output.dropped,
                    augmenter=output.augmenter or child._label(),
                )
        return results


def _is_weight(value: Any) -> bool:
    """Whether ``value`` can weigh an augmenter: a finite number >= 0 (NumPy's included, not a bool)."""
    # cast: typeshed's numbers.Real lacks the reflected comparisons that every Real supports
    return isinstance(value, Real) and not isinstance(value, bool) and 0 <= cast(float, value) < math.inf


class Sequential(_Composite):
    """Each copy goes through every augmenter in turn (e.g. synonyms, then character noise).

    A step with nothing to change (e.g. no word with a synonym, no image op applied) hands the
    value on as it got it, and is not named in the copy's provenance; a copy that no step
    changed is dropped, with each step's reason: left out when copies are optional, otherwise
    kept unchanged with the reasons in ``hfaug_error`` (see :class:`hfaug.Augmented`).

    Consecutive media augmenters of one kind (:class:`hfaug.ImageAugment`,
    :class:`hfaug.AudioAugment`) pass the decoded media on, and only the last of them encodes:
    a JPEG or an MP3 is compressed once, not once per step. Their storage options add up as if
    each step had written its result: a step's ``format`` (and an image's ``quality``) holds
    until a later step sets its own. Any other augmenter gets the stored cell.

    Args:
        augmenters (`list`): Augmenters, registry names, or dicts ``{"name": ..., **config}``, applied in order.
        column, n, keep_original, seed, on_error: As in :class:`OneOf`.

    Example:
        >>> aug = hfaug.Sequential([hfaug.Synonym(p=0.2), hfaug.CharNoise(kind="keyboard")], n=2)
    """

    name = "sequence"

    def step(self, values: Sequence[Any], rngs: Sequence[np.random.Generator], *, handed: bool, finish: Finish) -> list[Augmented]:
        current = [Augmented(value=value) for value in values]
        names: list[list[str]] = [[] for _ in values]
        params: list[list[dict[str, Any]]] = [[] for _ in values]
        unchanged: list[list[str]] = [[] for _ in values]  # "step: why it changed nothing", per item
        for child, following in zip(self.children, [*self.children[1:], None]):
            alive = [item for item, result in enumerate(current) if result.error is None]
            if not alive:
                break
            hand_on = isinstance(child, MediaAugmenter) and child.hands_media_to(following)
            outputs = self._step(
                child,
                [current[i].value for i in alive],
                [rngs[i] for i in alive],
                handed=handed,
                finish=finish if following is None else "restyle" if hand_on else "encode",
            )
            handed = hand_on
            for item, output in zip(alive, outputs):
                label = output.augmenter or child._label()
                if output.error is None and output.dropped is not None:  # the next step gets the same value
                    unchanged[item].append(f"{label}: {output.dropped}")
                    if output.value is not None:  # a media step's value, in the form its next step reads
                        current[item] = Augmented(value=output.value)
                    continue
                names[item].append(label)
                params[item].append(dict(output.params))
                current[item] = output
        return [
            Augmented(
                value=result.value,
                params={"steps": params[item]},
                error=result.error,
                dropped=None if names[item] else "; ".join(unchanged[item]),
                augmenter="+".join(names[item]) or None,
            )
            for item, result in enumerate(current)
        ]
