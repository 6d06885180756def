"""Exceptions raised by hfaug. Every message says what was wrong and what to do."""

from __future__ import annotations

import contextlib
import difflib
import pickle
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MAX_SUGGESTIONS = 3
"""The most names :func:`suggestions` offers."""


def arrives_whole(error: BaseException, pickler: Any = pickle) -> BaseException:
    """``error``, sent to another process (by ``pickler``, which the transport uses) as itself: rebuilt without
    calling its class's ``__init__`` where that takes other arguments than the message, or makes another message of
    it (unpickled, ``KeyError(f"bad row {row}")`` said "bad row bad row 13"); else, when it cannot be sent (its
    class is not importable there, it holds a lock), as a `RuntimeError` naming its type and message: a process
    pool hangs or breaks on a worker's error it cannot unpickle. In this process it stays what it is."""
    if _sent_whole(error, pickler):
        return error
    state = {**vars(error), **_reduced_state(error)}  # its notes and attributes
    error.__reduce_ex__ = lambda protocol: (_rebuilt, (type(error), error.args, state))  # type: ignore[method-assign]
    if _sent_whole(error, pickler):
        return error
    notes = "".join(f"\n{note}" for note in getattr(error, "__notes__", ()))
    module = type(error).__module__
    module = "__main__" if module == "__mp_main__" else module  # how a spawned worker names the user's script
    described = f"{module}.{type(error).__qualname__}: {error}{notes}"
    error.__reduce_ex__ = lambda protocol: (RuntimeError, (described,))  # type: ignore[method-assign]
    return error


def _reduced_state(error: BaseException) -> dict[str, Any]:
    """The attributes ``error``'s class pickles besides its ``__dict__`` (ImportError's ``name``), where its reduction
    gives them (it may refuse: an error holding a connection)."""
    try:
        reduced = type(error).__reduce_ex__(error, 2)
    except Exception:
        return {}
    state = reduced[2] if isinstance(reduced, tuple) and len(reduced) > 2 else None
    return dict(state) if isinstance(state, dict) else {}


def _sent_whole(error: BaseException, pickler: Any) -> bool:
    """Whether ``error`` pickled and unpickled is an error of its class with its message."""
    try:
        sent = pickler.loads(pickler.dumps(error))
        return type(sent) is type(error) and str(sent) == str(error)
    except Exception:  # its message could not be made again either (an attribute it reads is lost)
        return False


def _rebuilt(cls: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]) -> BaseException:
    """An error of class ``cls`` with ``args`` and attributes ``state``, without calling its ``__init__``."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__setstate__(state)
    return error


def closest(name: str, candidates: Iterable[str], shown: Callable[[str], str] = str) -> str:
    """`` Did you mean 'x'?`` (or ``'x' or 'y'``) with the :func:`suggestions` for ``name``, else an empty
    string; ``shown`` gives what to write for a candidate."""
    return did_you_mean(suggestions(name, candidates), shown)


def named_with_suggestions(names: Iterable[str], candidates: Iterable[str]) -> str:
    """``'acton' (did you mean 'action'?), 'flavour'``: unknown ``names``, each with its :func:`suggestions`
    among ``candidates``."""
    candidates = list(candidates)
    return ", ".join(_with_suggestions(name, candidates) for name in names)


def _with_suggestions(name: str, candidates: list[str]) -> str:
    """``'acton' (did you mean 'action'?)``, or ``'flavour'`` where nothing is close."""
    close = suggestions(name, candidates)
    return f"{name!r} (did you mean {' or '.join(repr(other) for other in close)}?)" if close else repr(name)


def did_you_mean(names: list[str], shown: Callable[[str], str] = str) -> str:
    """`` Did you mean 'x' or 'y'?`` for ``names``, or an empty string when there are none."""
    return f" Did you mean {' or '.join(repr(shown(name)) for name in names)}?" if names else ""


_SHARE_OF_WORDS = ("p", "alpha", "word_p", "ratio")
PEER_NAMES: dict[str, tuple[str, ...]] = {
    "aug_p": _SHARE_OF_WORDS,  # nlpaug, AugLy
    "aug_max": ("max_replacements", "max_words"),
    "aug_word_max": ("max_words", "max_replacements"),
    "aug_char_max": ("max_chars",),
    "pct_words_to_swap": (*_SHARE_OF_WORDS, "aug_p"),  # TextAttack
    "transformations_per_example": ("n",),  # TextAttack
    "num_aug": ("n",),  # the EDA paper's code
}
"""Other augmentation libraries' names for parameters that hfaug names otherwise, and no closeness of
spelling finds, each with the names it may stand for, the likeliest first."""


def suggestions(name: str, candidates: Iterable[str]) -> list[str]:
    """The candidates closest to ``name``: the first of :data:`PEER_NAMES` that it stands for (``aug_p``: ``p``),
    else the closest (or those equally close: ``flip``: ``hflip``, ``vflip``), else those that start with it
    or have it as a part between ``_``, ``.`` or ``-`` (``back``: ``backtranslate``; ``noise``:
    ``background_noise``, ``gaussian_noise``); at most :data:`MAX_SUGGESTIONS`, in the candidates' order."""
    candidates = list(candidates)
    peer_names = [candidate for candidate in PEER_NAMES.get(name, ()) if candidate in candidates]
    if peer_names:
        return peer_names[:1]
    ranked = difflib.get_close_matches(name, candidates, n=MAX_SUGGESTIONS)
    best = difflib.SequenceMatcher(None, name, ranked[0]).ratio() if ranked else 0.0
    tied = {candidate for candidate in ranked if difflib.SequenceMatcher(None, name, candidate).ratio() == best}
    close = [candidate for candidate in candidates if candidate in tied]
    return close or [
        candidate
        for candidate in candidates
        if name and (candidate.startswith(name) or name in re.split(r"[._-]", candidate))
    ][:MAX_SUGGESTIONS]


_STEP = "hfaug_step"
"""The attribute of an error that names the augmenter of a combination that raised it."""


def name_step(error: BaseException, step: str) -> None:
    """Name on ``error`` the augmenter of a combination that raised it (``step``, its registry name), unless an
    inner combination named one of its own augmenters."""
    if not hasattr(error, _STEP):
        with contextlib.suppress(AttributeError, TypeError):  # an error whose class takes no attributes
            setattr(error, _STEP, step)


def raised_by(error: BaseException, default: str) -> str:
    """The registry name of the augmenter that raised ``error``: the step :func:`name_step` named, else ``default``."""
    return getattr(error, _STEP, None) or default


def row_error(error: BaseException) -> str:
    """``error`` of one row as ``hfaug_error`` records it: hfaug's own message as it is (it says what is wrong), a
    library's after its type, so kinds are told apart; led by the augmenter of a combination that raised it."""
    message = str(error) if isinstance(error, InvalidValue) else f"{type(error).__name__}: {error}"
    step = getattr(error, _STEP, None)
    return message if step is None else f"{step}: {message}"


class HfaugError(Exception):
    """Base class of the errors hfaug raises for user mistakes."""


class ColumnError(HfaugError, KeyError):
    """A column is missing or holds the wrong type."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""

    @classmethod
    def missing(cls, column: str, existing: Iterable[str], owner: str, parameter: str = "column") -> ColumnError:
        """``column`` is not among ``existing``; the message tells to pass ``parameter`` (the argument that named it)."""
        return cls(
            f"{owner}: column {column!r} not found; the dataset has columns {named_columns(existing)}. "
            f"Pass {parameter}=<one of them>."
        )


def named_columns(names: Iterable[str]) -> str:
    """``'text', 'label'``: column names as messages list them."""
    return ", ".join(repr(name) for name in names) or "(none)"


class InvalidValue(HfaugError, ValueError):
    """One input value cannot be augmented (None, empty text, corrupt image, ...)."""


class WrongType(InvalidValue):
    """A value of a type the augmenter never takes (a number for a text augmenter): when a whole
    batch holds nothing else, the column is the wrong one."""


class UnknownAugmenter(HfaugError, KeyError):
    """No augmenter is registered under a name."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class MissingDependency(HfaugError, ImportError):
    """A package an augmenter needs at run time is not installed."""

    install: str = ""
    """The command that installs it (``pip install 'hfaug[image]'``), when known."""


class ModelNotFound(HfaugError, OSError):
    """A model could not be found locally nor downloaded."""


class HubFailure(HfaugError, ConnectionError):
    """The Hub answered with a failure of its own (HTTP 5xx): no fault of the request; trying again may do."""


EXTRAS: dict[str, str] = {
    "hfaug.audio": "audio",
    "hfaug.efficacy": "filters",
    "hfaug.engines.ray_engine": "ray",
    "hfaug.filters": "filters",
    "hfaug.hubserver": "hub-server",
    "hfaug.image": "image",
    "hfaug.on_the_fly_callback": "train",
    "hfaug.text": "text",
}
"""The extra of hfaug (``pip install 'hfaug[EXTRA]'``) that installs the optional third-party packages
that the modules of a package (or a module) of hfaug import."""


def extra_of(module: str) -> str | None:
    """The extra in :data:`EXTRAS` of ``module`` or of the closest package that holds it."""
    parts = module.split(".")
    prefixes = (".".join(parts[:end]) for end in range(len(parts), 0, -1))
    return next((EXTRAS[prefix] for prefix in prefixes if prefix in EXTRAS), None)


def install_command(module: str) -> str:
    """``pip install 'hfaug[EXTRA]'`` for the extra of ``module`` (see :func:`extra_of`), or an empty string."""
    extra = extra_of(module)
    return f"pip install 'hfaug[{extra}]'" if extra else ""


@contextlib.contextmanager
def optional_imports(module: str, needed_by: str | None = None) -> Iterator[None]:
    """Turn a third-party package found missing inside the block into a :class:`MissingDependency`
    naming it and the extra of ``module`` (the module that imports it) that installs it.

    A missing module of ``module``'s own top-level package is a bug or a broken install, not a
    missing dependency: it is raised as it is.

    Args:
        module (`str`): The module that imports the package, e.g. ``"hfaug.image"``.
        needed_by (`str`, *optional*): What needs it, for the message; defaults to ``module``.

    Example:
        >>> with optional_imports(__name__, "semantic_similarity"):
        ...     import sentence_transformers
    """
    try:
        yield
    except ModuleNotFoundError as error:
        package = (error.name or "").partition(".")[0]
        if not package or package == module.partition(".")[0]:
            raise
        raise missing_dependency(package, module, needed_by) from error


def missing_dependency(package: str, module: str, needed_by: str | None = None) -> MissingDependency:
    """The :class:`MissingDependency` for ``package``, which ``module`` imports and is not installed: its
    message names ``needed_by`` (defaults to ``module``), the package and the extra of ``module`` that
    installs it, and its ``name`` and ``install`` are set."""
    install = install_command(module)
    missing = MissingDependency(
        f"{needed_by or module} needs the package {package!r}, which is not installed; "
        + (f"install it with: {install}" if install else "install it"),
        name=package,
    )
    missing.install = install
    return missing
