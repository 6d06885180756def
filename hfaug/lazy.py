"""What is worked out on first access: public names of a package, imported from their modules, and values
kept in an instance (:class:`cached_property`)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, Generic, TypeVar, overload

from hfaug.errors import optional_imports

T = TypeVar("T")


def import_module(name: str, needed_by: str | None = None) -> ModuleType:
    """``importlib.import_module(name)``; a third-party package it imports that is not installed
    raises :class:`hfaug.errors.MissingDependency`, naming the package and the extra to install
    (see :func:`hfaug.errors.optional_imports`; ``needed_by`` names what needs it)."""
    with optional_imports(name, needed_by):
        return importlib.import_module(name)


def lazy_exports(package: str, table: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Module-level ``__getattr__`` and ``__dir__`` for ``package``.

    Any public submodule of ``package`` is imported on first access too, so that
    ``hfaug.streaming.materialize(...)`` works after ``import hfaug``. Type checkers do not run
    ``__getattr__``: the package imports the names of ``table`` under ``if TYPE_CHECKING:`` too
    (``from module import name as name``), or they are ``Any`` to them.

    Args:
        package (`str`): The package's ``__name__``.
        table (`dict[str, str]`): Public name to the module that defines it; a subpackage or
            submodule of ``package`` maps its own name to itself (``"filters": "hfaug.filters"``).

    Example:
        >>> __getattr__, __dir__ = lazy_exports(__name__, {"Recipe": "hfaug.recipe"})
    """

    def __getattr__(name: str) -> Any:
        module = table.get(name) or _submodule(package, name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        imported = import_module(module, f"{package}.{name}")
        value = imported if module == f"{package}.{name}" else getattr(imported, name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(table))

    return __getattr__, __dir__


def _submodule(package: str, name: str) -> str | None:
    """``package.name`` when it is a public submodule of ``package`` (not yet imported), else None."""
    if not name.isidentifier() or name.startswith("_"):
        return None
    module = f"{package}.{name}"
    return module if importlib.util.find_spec(module) is not None else None


class cached_property(Generic[T]):  # noqa: N801 - named as the decorator it stands in for
    """``functools.cached_property`` without its lock: the value is worked out on first access and kept in the
    instance (two threads may both work it out; both get the same). Before Python 3.12 that lock is one for
    all instances of a class: a process forked while another thread works a value out (``num_proc`` next to a
    thread of the same process) inherits it held and waits on it forever."""

    def __init__(self, function: Callable[[Any], T]) -> None:
        self.func = function
        self.attribute = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.attribute = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached_property[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.attribute] = self.func(instance)
        return value
