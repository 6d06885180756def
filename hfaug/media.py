"""What the image and audio augmenters share: a user transform object or named ops,
decode -> augment -> encode once per row, and undecoded reading of media columns.

A media augmenter decodes a cell in :meth:`MediaAugmenter.check_value` (so unreadable files
follow ``on_error``), augments the decoded samples with the row's generator, and writes the
result back in the format the cell was stored in (map mode) or hands the decoded result
to the training loop (on-the-fly mode, :class:`hfaug.OnTheFly`).
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, TypeGuard, TypeVar, cast

import numpy as np

from hfaug.augmenter import Augmented, Augmenter
from hfaug.augmenter.on_error import OnError
from hfaug.configurable import python_numbers
from hfaug.dependent_columns import holds_media_cells
from hfaug.errors import ColumnError, HfaugError, InvalidValue, closest, did_you_mean, suggestions

if TYPE_CHECKING:
    from hfaug.compose import _Composite

M = TypeVar("M")
Finish = Literal["encode", "restyle", "loaded"]
NO_OP_APPLIED = "no op applied"
OPS_UNDONE = "the ops left it as it was"
"""Why a copy is dropped whose ops applied but whose stored value is its source's (a palette image's colours
mapped back to its own palette)."""


class MediaConfigError(HfaugError, TypeError):
    """A transform returned something that cannot be stored as media (a configuration mistake)."""


class MediaOp:
    """A named, ready-made operation: plain parameters in, randomness from the row generator.

    Subclasses set ``name`` and ``defaults`` (every parameter with its default, ``p``
    included), validate in ``__init__`` and implement their media kind's ``sample``/``apply``.
    A parameter whose default is a boolean takes only ``True`` or ``False``.
    """

    name: ClassVar[str] = ""
    defaults: ClassVar[dict[str, Any]] = {}
    moves: ClassVar[bool] = False
    """Whether it moves the content in space or time (a flip, a crop; a change of speed, a shift), so that what
    points into it (an image's boxes, times in a clip) no longer matches."""

    def __init__(self, **params: Any) -> None:
        unknown = sorted(set(params) - set(self.defaults))
        if unknown:
            named = ", ".join(f"{key!r}" for key in unknown)
            hint = closest(unknown[0], self.defaults) if len(unknown) == 1 else ""
            raise ValueError(
                f"op {self.name!r}: unknown parameter{'s' if len(unknown) > 1 else ''} {named}.{hint} "
                f"{self.name} takes: {', '.join(sorted(self.defaults))}"
            )
        self.params = {**self.defaults, **python_numbers(params)}
        for key, default in self.defaults.items():
            if isinstance(default, bool) and not isinstance(self.params[key], bool):
                raise ValueError(f"op {self.name!r}: {key} must be true or false, got {self.params[key]!r}")
        check_number(self.name, "p", self.params["p"], low=0, high=1)

    def spec(self) -> dict[str, Any]:
        """The op as plain data, every parameter spelled out: ``{"op": name, **params}``; a whole number given for a
        number parameter as a float (``p: 1`` and ``p: 1.0`` give one configuration, so one version id)."""
        params = {
            key: float(value) if type(self.defaults.get(key)) is float and type(value) is int else value
            for key, value in self.params.items()
        }
        return json.loads(json.dumps({"op": self.name, **params}))

    def applies(self, rng: np.random.Generator) -> bool:
        """Draw whether the op applies to this row (one draw from the row's generator)."""
        return bool(rng.random() < self.params["p"])


Op = TypeVar("Op", bound=MediaOp)


def is_number(value: Any) -> bool:
    """Whether ``value`` is a finite number (NumPy's too; not a bool, NaN or an infinity)."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool) and math.isfinite(value)


def check_number(
    op: str,
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> None:
    """Raise ``ValueError`` naming the op, the parameter, the value and what is accepted, unless
    ``value`` is a finite number within ``low`` and ``high`` when they are given (excluded when
    ``low_open`` / ``high_open``)."""
    if is_number(value) and _within(value, low, high, low_open, high_open):
        return
    if low is not None and high is not None:
        accepted = f"a number in {interval(low, high, low_open, high_open)}"
    elif low is not None:
        accepted = f"a number {'>' if low_open else '>='} {_number(low)}"
    elif high is not None:
        accepted = f"a number {'<' if high_open else '<='} {_number(high)}"
    else:
        accepted = "a finite number"
    raise ValueError(f"op {op!r}: {name} must be {accepted}, got {value!r}")


def interval(low: float | None, high: float | None, low_open: bool = False, high_open: bool = False) -> str:
    """``[0, 1]``, ``(0, inf)``, ``(-inf, 4]``...: the accepted values in interval notation."""
    left = "(-inf" if low is None else f"{'(' if low_open else '['}{_number(low)}"
    right = "inf)" if high is None else f"{_number(high)}{')' if high_open else ']'}"
    return f"{left}, {right}"


def _number(value: float) -> str:
    return f"{value:g}"


def _within(value: float, low: float | None, high: float | None, low_open: bool = False, high_open: bool = False) -> bool:
    return (low is None or value > low or (value == low and not low_open)) and (
        high is None or value < high or (value == high and not high_open)
    )


Single = Literal["centre", "fixed", "up_to", "pair"]


def value_range(
    op: str,
    name: str,
    value: Any,
    *,
    single: Single = "centre",
    centre: float = 0.0,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
) -> list[float]:
    """A ``[low, high]`` range from a pair or one number, refused (never clipped) unless both ends
    lie within ``low`` and ``high``.

    Args:
        op (`str`): The op name, for messages.
        name (`str`): The parameter name, for messages.
        value (`float` or `[float, float]`): What the user gave.
        single (`str`, defaults to `"centre"`): What one number ``x`` means: ``"centre"``: ``centre ± x``;
            ``"fixed"``: ``[x, x]``; ``"up_to"``: ``[low, x]``; ``"pair"``: nothing, a pair is required.
        centre (`float`, defaults to 0): The centre of a ``"centre"`` range.
        low, high (`float`, *optional*): The smallest and largest values allowed at either end.
        low_open (`bool`, defaults to `False`): ``low`` itself is not allowed.
    """
    one = is_number(value) and single != "pair"
    if one and single in ("centre", "up_to") and value < 0:
        raise ValueError(f"op {op!r}: {name} given as one number x is {_meaning(single, centre, low)}, so x must be >= 0, got {value!r}")
    if one:
        pair = {"centre": [centre - value, centre + value], "fixed": [value, value], "up_to": [low, value]}[single]
    elif isinstance(value, (list, tuple)) and len(value) == 2 and all(is_number(item) for item in value):
        pair = list(value)
    else:
        shapes = "a [low, high] pair of finite numbers" if single == "pair" else "a finite number or a [low, high] pair of finite numbers"
        raise ValueError(f"op {op!r}: {name} must be {shapes}, got {value!r}")
    if pair[0] > pair[1]:
        raise ValueError(f"op {op!r}: {name} must satisfy low <= high, got {value!r}")
    if not math.isfinite(pair[1] - pair[0]):  # NumPy cannot draw from it
        raise ValueError(
            f"op {op!r}: {name} must span a finite width (high - low), got {value!r} "
            f"(the range [{_number(pair[0])}, {_number(pair[1])}]); give a narrower range"
        )
    if not all(_within(end, low, high, low_open) for end in pair):
        allowed = interval(low, high, low_open)
        meaning = f" (the range [{_number(pair[0])}, {_number(pair[1])}])" if one and single != "fixed" else ""
        raise ValueError(
            f"op {op!r}: {name} must lie within {allowed}, got {value!r}{meaning}; give "
            f"{_one_number(single, centre, low, high, low_open)}a [low, high] pair within {allowed}"
        )
    return [float(pair[0]), float(pair[1])]


def _meaning(single: Single, centre: float, low: float | None) -> str:
    """The range one number ``x`` stands for (``"centre"`` or ``"up_to"``, whose ranges start at ``low``)."""
    if single == "centre":
        return f"the range {_number(centre)} ± x"
    assert low is not None, "value_range(single='up_to') needs low"
    return f"the range [{_number(low)}, x]"


def _one_number(single: Single, centre: float, low: float | None, high: float | None, low_open: bool) -> str:
    """What one number may be, for :func:`value_range`'s messages (ending in ``or `` when it may be one)."""
    if single == "pair":
        return ""
    if single == "fixed":
        return "one number (a fixed value) or "
    if single == "up_to":
        limits = [] if high is None else [(high, False)]
    else:
        limits = ([(centre - low, low_open)] if low is not None else []) + ([(high - centre, False)] if high is not None else [])
    meaning = _meaning(single, centre, low)
    if not limits:
        return f"one number x ({meaning}) or "
    limit, strict = min(limits, key=lambda item: (item[0], not item[1]))
    return f"one number x {'below' if strict else 'at most'} {_number(limit)} ({meaning}), or "


def build_ops(kind: str, table: Mapping[str, type[MediaOp]], ops: Sequence[Any]) -> list[MediaOp]:
    """Op objects from specs: names (``"hflip"``) or dicts (``{"op": "rotate", "degrees": 10}``)."""
    if isinstance(ops, (str, Mapping)) or not isinstance(ops, Sequence):
        raise TypeError(f"{kind}: ops must be a list of op names or dicts, got {ops!r}")
    if not ops:
        raise ValueError(f"{kind}: ops is empty; give at least one of {sorted(table)}")
    built, problems = [], []
    for spec in ops:
        try:
            built.append(_build_op(kind, table, spec))
        except (TypeError, ValueError) as error:
            problems.append(error)
    if len(problems) == 1:
        raise problems[0]
    if problems:  # all at once, not one per run; the list of ops once, at the end
        error_type = TypeError if all(isinstance(problem, TypeError) for problem in problems) else ValueError
        known = _known_ops(kind, table)
        messages = [str(problem).removeprefix(f"{kind}: ").removesuffix(known).removesuffix(".") for problem in problems]
        ending = known if any(str(problem).endswith(known) for problem in problems) else ""
        raise error_type(f"{kind}: {len(problems)} ops are wrong: {'; '.join(messages)}.{ending}")
    return built


def _known_ops(kind: str, table: Mapping[str, Any]) -> str:
    return f" Known {kind} ops: {', '.join(sorted(table))}."


def _build_op(kind: str, table: Mapping[str, type[MediaOp]], spec: Any) -> MediaOp:
    params = {"op": spec} if isinstance(spec, str) else dict(spec) if isinstance(spec, Mapping) else None
    if params is None or "op" not in params:
        named = params.get("name") if params else None
        hint = f" (an op is named by 'op': {{'op': {named!r}, ...}})" if named is not None else ""
        raise TypeError(f"{kind}: each op is a name or a dict with an 'op' key, got {spec!r}{hint}")
    name = params.pop("op")
    if name not in table:
        raise ValueError(f"{kind}: unknown op {name!r}.{_op_hint(kind, table, name)}{_known_ops(kind, table)}")
    return table[name](**params)


# The registered names of the media augmenters, whose ops an unknown op name is looked up in.
_MEDIA_AUGMENTERS = ("image", "audio")


def _op_hint(kind: str, table: Mapping[str, Any], name: Any) -> str:
    """`` Did you mean 'rotate'?``, or where ``name`` is (close to) an op of another media augmenter, which one to use."""
    if not isinstance(name, str):
        return ""
    from hfaug.registry import AUGMENTERS

    classes = (AUGMENTERS.get_class(other) for other in _MEDIA_AUGMENTERS if other != kind)
    others = [cls for cls in classes if issubclass(cls, MediaAugmenter)]
    owner = next((other for other in others if name in other.op_table), None)
    if owner is not None:
        return f" {name!r} is {_op_of(owner)}"
    hint = closest(name, table)
    if hint:
        return hint
    for other in others:
        close = suggestions(name, other.op_table)
        if close:
            return f"{did_you_mean(close)} {'They are' if len(close) > 1 else 'It is'} {_op_of(other, len(close))}"
    return ""


def _op_of(owner: type[MediaAugmenter[Any, Any]], count: int = 1) -> str:
    ops, them = (f"an {owner.name} op", "it") if count == 1 else (f"{owner.name} ops", "them")
    return (
        f"{ops}: use {them} in hfaug.{owner.__name__}(ops=[...]) (name: {owner.name} in a recipe) "
        f"on a datasets.{owner.feature_name} column."
    )


def plain(value: Any) -> Any:
    """``value`` with NumPy scalars and arrays turned into JSON values (for provenance)."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, np.ndarray):
        return value.tolist() if value.size <= 16 else f"<array {value.shape}>"
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


_NO_CELLS_OF_SAMPLES = frozenset({"Value", "ClassLabel", "Image", "Audio", "Video"})
"""The features of columns whose cells never hold media as samples or pixels: plain values, or media of a kind."""


class MediaAugmenter(Augmenter, Generic[M, Op]):
    """Base of :class:`hfaug.ImageAugment` and :class:`hfaug.AudioAugment`.

    Exactly one of ``transform`` (a library transform object) and ``ops`` (named ops, plain
    data) is given. With ``ops`` the configuration is JSON data (usable in recipes); with a
    ``transform`` the object itself is part of the configuration: it is pickled with the
    augmenter and `datasets` fingerprints it by its pickled state, but it cannot be
    written to a recipe.

    Generic in ``M``, the decoded media type, and ``Op``, the class of its ops (``op_table``'s).
    Subclasses set ``feature_name`` and ``media_type`` (the decoded type) and implement
    ``decode``, ``apply_ops``, ``apply_transform``, ``encode``, ``restyle`` and ``loaded`` (and
    ``check`` when decoded media can be unusable).
    """

    feature_name: ClassVar[str] = ""
    media_type: ClassVar[type] = object
    cellless_features: ClassVar[frozenset[str]] = frozenset()
    """Features of columns whose cells ``Dataset.map`` hands over never hold this media (besides plain values)."""
    op_table: ClassVar[Mapping[str, type[MediaOp]]] = {}

    def __init__(
        self,
        transform: Callable[..., Any] | None,
        column: str,
        ops: Sequence[Any] | None,
        *,
        n: int = 1,
        keep_original: bool = False,
        seed: int = 0,
        on_error: OnError = "keep",
    ) -> None:
        super().__init__(column, n=n, keep_original=keep_original, seed=seed, on_error=on_error)
        if (transform is None) == (ops is None):
            raise ValueError(
                f"{self._label()}: pass either transform=<a transform object> or ops=[...] (named ops), "
                "exactly one of them"
            )
        if transform is not None and not callable(transform):
            raise TypeError(f"{self._label()}: transform must be callable, got {type(transform).__name__}")
        if isinstance(transform, type):
            raise TypeError(
                f"{self._label()}: transform must be a transform object, got the class {transform.__name__}; "
                f"pass an instance, e.g. transform={transform.__name__}(...)"
            )
        self.transform = transform
        # cast: op_table holds the ops of this augmenter's media kind (a ClassVar cannot say so)
        self._ops = None if ops is None else cast("list[Op]", build_ops(self._label(), self.op_table, ops))
        self.ops = None if self._ops is None else [op.spec() for op in self._ops]
        self._working_transform: Callable[..., Any] | None = None

    @classmethod
    def recipe_without_ops(cls) -> str:
        """What a recipe entry without ``ops`` is told: a recipe holds no transform object, so ops are its only way."""
        return f"give ops, the list of named ops to apply (ops: [<op>, ...]).{_known_ops(cls._label(), cls.op_table)}"

    def moves_content(self) -> bool:
        """A transform object may move anything; named ops move what one of them :attr:`MediaOp.moves`."""
        return self._ops is None or any(op.moves for op in self._ops)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._identity() == self._identity()

    def __hash__(self) -> int:
        return hash((type(self).__qualname__, self._identity()))

    def _identity(self) -> tuple[str, str | None]:
        """The configuration as JSON, a transform object as its `datasets` hash (its pickled state):
        transform objects seldom define ``==``, so a copy (pickled, sent to a worker) compares equal."""
        from datasets.fingerprint import Hasher

        config = json.dumps(self._config_without("transform"), sort_keys=True, default=str)
        return config, None if self.transform is None else Hasher.hash(self.transform)

    # ------------------------------------------------------------------ subclass API
    def decode(self, value: Any, *, loaded: bool = False) -> M:
        """The decoded media of a cell; raises :class:`InvalidValue` when it cannot be decoded.

        ``loaded=True`` decodes as the dataset's feature presents it to a training loop
        (e.g. resampled to the feature's sampling rate); otherwise as it is stored.
        """
        raise NotImplementedError

    def apply_ops(self, media: M, ops: Sequence[Op], rng: np.random.Generator) -> tuple[M, list[dict[str, Any]]]:
        """Apply ``ops`` in order; return the result and the parameters of the ops that applied."""
        raise NotImplementedError

    def apply_transform(self, media: M, transform: Callable[..., Any], seed: int) -> tuple[M, dict[str, Any]]:
        """Apply the user's transform with the library's global generators seeded by ``seed``."""
        raise NotImplementedError

    def check(self, media: M) -> None:
        """Raise :class:`InvalidValue` when decoded media cannot be augmented meaningfully (e.g. silent audio)."""

    def problem(self, media: M) -> str | None:
        """Why an augmented result must not be stored (e.g. NaN samples), or ``None``."""
        return None

    def encode(self, media: M) -> Any:
        """The cell value to store (the input's format kept)."""
        raise NotImplementedError

    def restyle(self, media: M) -> M:
        """``media`` carrying this augmenter's storage options (e.g. ``format``), not encoded: what
        the next step of a :class:`hfaug.Sequential` reads instead of the stored cell."""
        raise NotImplementedError

    def loaded(self, media: M) -> Any:
        """The decoded value handed to a training loop (on-the-fly mode)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ contract
    def check_value(self, value: Any) -> M:
        if isinstance(value, self.media_type):
            return cast(M, value)  # media_type is the class of M, which a ClassVar cannot spell
        media = self.decode(value)
        self.check(media)
        return media

    def check_feature(self, feature: Any) -> None:
        if type(feature).__name__ != self.feature_name:
            raise ColumnError(
                f"{self._label()}: column {self.column!r} holds {feature}, not {self.feature_name.lower()}s (one that "
                f"holds them as files or bytes reads as such with ds.cast_column({self.column!r}, "
                f"datasets.{self.feature_name}()))."
            )

    def _cast_fits(self, feature: Any) -> bool:
        """A column of media cells (``{"array", "sampling_rate"}``, ``{"bytes", "path"}``) becomes one of this media
        by the cast :meth:`check_feature` tells."""
        return holds_media_cells(feature)

    def check_mapped_feature(self, feature: Any) -> None:
        """Refuse a column of plain values (texts, numbers) or of another kind of media; ``Dataset.map`` also hands
        over cells that hold samples or pixels (``{"array", "sampling_rate"}``), which are checked one by one."""
        if type(feature).__name__ in _NO_CELLS_OF_SAMPLES | self.cellless_features:
            self.check_feature(feature)

    def augment_batch(self, values: Sequence[Any], rngs: Sequence[np.random.Generator]) -> list[Any]:
        return self.step(values, rngs, handed=False, finish="encode")

    def step(
        self, values: Sequence[Any], rngs: Sequence[np.random.Generator], *, handed: bool, finish: Finish
    ) -> list[Augmented]:
        """:meth:`augment_batch` with a choice of what the results become, for composites
        (:class:`hfaug.Sequential` passes decoded media from step to step, so only its last step encodes).

        Args:
            handed (`bool`): ``values`` are decoded media not checked yet (a previous step's
                results, or cells decoded for a training loop); they are checked (:meth:`check`)
                as if decoded from a cell.
            finish (`str`): ``"encode"`` (a cell to store), ``"restyle"`` (decoded media carrying
                this augmenter's storage options, for the next step) or ``"loaded"`` (what a
                training loop gets).
        """
        return [self._augment_one(value, rng, finish, handed=handed) for value, rng in zip(values, rngs)]

    def hands_media_to(self, following: Augmenter | None) -> bool:
        """Whether ``following`` (the next step of a :class:`hfaug.Sequential`) reads this
        augmenter's decoded results: it is a media augmenter of the same media type."""
        return isinstance(following, MediaAugmenter) and following.media_type is self.media_type

    def transform_batch(
        self, values: Sequence[Any], rngs: Sequence[np.random.Generator], feature: Any = None
    ) -> list[Augmented]:
        """Like :meth:`augment_batch`, for raw cells, returning decoded values (on-the-fly mode); the cells of a
        column cast with ``decode=False`` are decoded as its ``feature`` asks (see :func:`transform_cells`)."""
        return transform_cells(
            self, values, rngs, lambda media, rng: self.step([media], [rng], handed=True, finish="loaded")[0], feature
        )

    def _augment_one(self, value: Any, rng: np.random.Generator, finish: Finish, *, handed: bool) -> Augmented:
        try:
            media = self.check_value(value)
            if handed:
                self.check(media)
        except InvalidValue as error:
            return Augmented(error=str(error))
        params: dict[str, Any]
        if self._ops is not None:
            result, steps = self.apply_ops(media, self._ops, rng)
            if not steps or result is media:
                return self._no_op_applied(media, finish, handed=handed, reason=OPS_UNDONE if steps else NO_OP_APPLIED)
            media, params = result, {"ops": steps}
        else:
            seed = int(rng.integers(0, 2**32 - 1))
            media, params = self.apply_transform(media, self._transform(), seed)
            params = {"seed": seed, **params}
        problem = self.problem(media)
        if problem is not None:
            return Augmented(error=problem)
        return Augmented(value=getattr(self, finish)(media), params=plain(params))

    def _no_op_applied(self, media: M, finish: Finish, *, handed: bool, reason: str = NO_OP_APPLIED) -> Augmented:
        """A copy to which no op applied (or whose ops left it as it was, the ``reason``): dropped, as a text that
        cannot differ is. Its value is what a :class:`hfaug.Sequential` hands to its next step: ``media`` finished
        as asked, or nothing where ``media`` was read from the stored cell that is to be stored again."""
        stored = finish == "encode" and not handed
        return Augmented(value=None if stored else getattr(self, finish)(media), dropped=reason)

    def _transform(self) -> Callable[..., Any]:
        """A private copy of the user's transform, so running it never changes the object that is
        pickled and fingerprinted (audiomentations stores sampled parameters on the transform)."""
        if self._working_transform is None:
            assert self.transform is not None  # an augmenter without ops has a transform (__init__ checks it)
            self._working_transform = copy.deepcopy(self.transform)
        return self._working_transform


def transform_cells(
    reader: MediaAugmenter[Any, Any],
    values: Sequence[Any],
    rngs: Sequence[np.random.Generator],
    augment: Callable[[Any, np.random.Generator], Augmented],
    feature: Any = None,
) -> list[Augmented]:
    """On-the-fly mode: each cell decoded as its feature presents it to a training loop, then
    ``augment(media, rng)``. A row that decodes but cannot be augmented, or is dropped (no op
    applied), keeps its decoded original, with the error or the reason; one that cannot be decoded
    gets no value (the caller returns the cell as it is).

    The cells of a column cast with ``decode=False`` are decoded as its ``feature`` (`Audio`,
    `Image`) asks: at its ``sampling_rate`` and ``num_channels``, in its ``mode``; without the
    feature, as they are stored."""
    results = []
    for value, rng in zip(values, rngs):
        try:
            media = reader.decode(_decoded_by(feature, value), loaded=True)
        except InvalidValue as error:
            results.append(Augmented(error=str(error)))
            continue
        try:
            result = augment(media, rng)
        except InvalidValue as error:
            result = Augmented(error=str(error))
        if result.error is None and result.dropped is None:
            results.append(result)
        else:
            results.append(Augmented(value=reader.loaded(media), error=result.error, dropped=result.dropped))
    return results


def _decoded_by(feature: Any, value: Any) -> Any:
    """``value`` as `datasets` decodes it with ``feature`` when ``feature`` is a media feature cast with
    ``decode=False``; ``value`` itself otherwise."""
    if value is None or getattr(feature, "decode", True):
        return value
    decoding = copy.copy(feature)
    decoding.decode = True
    try:
        return decoding.decode_example(value)
    except Exception as error:  # PIL and torchcodec raise many kinds
        raise InvalidValue(
            f"cannot decode the cell as the column's feature {feature} asks: {type(error).__name__}: {error}"
        ) from None


def reads_encoded(augmenter: Augmenter) -> TypeGuard[MediaAugmenter[Any, Any] | _Composite]:
    """Whether ``augmenter`` can take its column undecoded (``{"bytes", "path"}`` cells)."""
    if isinstance(augmenter, MediaAugmenter):
        return True
    children = getattr(augmenter, "children", None) or ()
    return bool(children) and all(reads_encoded(child) for child in children)


def undecoded(dataset: Any, augmenter: Augmenter) -> tuple[Any, Callable[[Any], Any]]:
    """``dataset`` with its media columns cast to ``decode=False`` for the map, and the function
    that casts the augmented dataset's columns back.

    The augmenter's own column: reading the stored bytes lets a media augmenter decode each cell
    once, keep the stored format exactly, and treat unreadable files by ``on_error`` (a decoded
    column would fail inside `datasets` before the augmenter sees the cell). An image column cast
    to a ``mode`` is read as stored too: the augmenter, told the column's feature by
    ``check_schema``, converts each image to that mode itself and keeps its stored format.

    The media columns it carries: `datasets` would decode every cell for the map and encode what
    the map returns again (a JPEG with loss, originals included); read as stored, they keep their
    bytes. A streamed map writes nothing, so there they stay decoded.
    """
    from datasets import IterableDataset

    features = getattr(dataset, "features", None) or {}
    streamed = isinstance(dataset, IterableDataset)
    decoded = {
        name: feature for name, feature in features.items() if _read_as_stored(augmenter, name, feature, streamed)
    }
    for name, feature in decoded.items():
        raw = copy.copy(feature)
        raw.decode = False
        dataset = dataset.cast_column(name, raw)
    return dataset, lambda out: _decoded_again(out, decoded)


def _read_as_stored(augmenter: Augmenter, name: str, feature: Any, streamed: bool) -> bool:
    """Whether :func:`undecoded` casts column ``name`` (of ``feature``) to ``decode=False``."""
    if not (_is_media(feature) and feature.decode):
        return False
    if name == augmenter.column:
        return reads_encoded(augmenter)
    return not streamed


def _is_media(feature: Any) -> bool:
    """Whether ``feature`` is a media feature (`Image`, `Audio`, `Video`, ...): one that `datasets` stores as a
    file's bytes and path and decodes, not `Json`, which decodes too."""
    return hasattr(feature, "embed_storage") and hasattr(feature, "decode")


def _decoded_again(out: Any, decoded: Mapping[str, Any]) -> Any:
    """``out`` with the columns :func:`undecoded` cast given their ``decoded`` features back."""
    from datasets import IterableDataset

    if not decoded:
        return out
    if not isinstance(out, IterableDataset):
        for name, feature in decoded.items():
            out = out.cast_column(name, feature)
        return out
    # A streamed map with features is typed: `datasets` does not decode its rows again.
    features = None if out.features is None else out.features.copy()
    if features is not None:
        features.update(decoded)
    return out.map(_DecodeColumns(decoded), batched=True, features=features)


class _DecodeColumns:
    """Decodes columns of a batch with their features."""

    def __init__(self, features: Mapping[str, Any]) -> None:
        self.features = dict(features)

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        for name, feature in self.features.items():
            batch[name] = [None if value is None else feature.decode_example(value) for value in batch[name]]
        return batch
