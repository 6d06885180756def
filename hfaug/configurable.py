"""Objects built from plain parameters (augmenters, filters) and registries of them by name."""

from __future__ import annotations

import enum
import functools
import importlib.util
import inspect
import json
import math
import os
import re
import sys
from collections.abc import Callable, Mapping
from importlib.metadata import entry_points
from types import MappingProxyType
from typing import Any, ClassVar, Generic, NamedTuple, TypeVar

import numpy as np

from hfaug import fingerprint
from hfaug.class_source import remember_source
from hfaug.errors import closest, missing_dependency, named_with_suggestions, optional_imports
from hfaug.fingerprint import fingerprint_by_code
from hfaug.lazy import import_module

C = TypeVar("C", bound="Configurable")


def jsonable(value: Any) -> Any:
    """``value`` as JSON data where Python has a plain equivalent, so configs compare equal after a JSON round
    trip and hash alike in every process: tuples as lists, sets as sorted lists, enum members as their values,
    NumPy numbers and arrays as Python's, paths as strings. Other objects are returned as they are (see
    :func:`refuse_non_json`)."""
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        items = [jsonable(item) for item in value]
        try:
            return sorted(items)
        except TypeError:  # of several types
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, default=repr))
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, (np.generic, np.ndarray)):
        return value.tolist()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value


def python_numbers(value: Any) -> Any:
    """``value`` with NumPy's numbers and booleans, and arrays of them, as Python's (inside dicts, lists and tuples
    too); nothing else changed, so that what is validated next is what was given."""
    if isinstance(value, (np.number, np.bool_)) or (isinstance(value, np.ndarray) and value.dtype.kind in "biuf"):
        return value.tolist()
    if isinstance(value, dict):
        return {key: python_numbers(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        items = [python_numbers(item) for item in value]
        return items if isinstance(value, list) else tuple(items)
    return value


def refuse_non_json(owner: str, config: Mapping[str, Any]) -> None:
    """Raise a `TypeError` naming the first value of ``config`` (``owner``'s) that is not JSON data, which a
    version's manifest and card cannot record: ``parameter stopwords=<function ...>``, ``parameter
    augmenters[1].fn=...`` in a combination's."""
    found = _non_json(config)
    if found is not None:
        where, value = found
        raise TypeError(
            f"{owner}: parameter {where.lstrip('.')}={value!r} is not JSON data (numbers, strings, lists, dicts), "
            "which a version records; store plain data in the object's attribute of that name (the name of a "
            "function, not the function), or return it from config()"
        )


def _non_json(value: Any, where: str = "") -> tuple[str, Any] | None:
    """Where in ``value`` (``.name`` and ``[index]`` steps) the first value that is not JSON data is, and it."""
    if isinstance(value, dict):
        items: Any = ((f"{where}.{key}", item) for key, item in value.items())
    elif isinstance(value, list):
        items = ((f"{where}[{index}]", item) for index, item in enumerate(value))
    elif value is None or isinstance(value, (str, bool, int)) or (isinstance(value, float) and math.isfinite(value)):
        return None
    else:
        return where, value
    for at, item in items:
        found = _non_json(item, at)
        if found is not None:
            return found
    return None


class _InitSignature(NamedTuple):
    parameters: Mapping[str, Any]  # read-only: shared by every caller
    extra: str | None


@functools.lru_cache(maxsize=None)
def _init_signature(init: Callable[..., Any]) -> _InitSignature:
    """The parameters an ``__init__`` names with their defaults, and the name of its ``**`` parameter; read once per
    function (``inspect.signature`` takes tens of microseconds, and building each object asks)."""
    parameters = inspect.signature(init).parameters.values()
    named = {
        parameter.name: parameter.default
        for parameter in parameters
        if parameter.name != "self" and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
    }
    extra = next((parameter.name for parameter in parameters if parameter.kind is parameter.VAR_KEYWORD), None)
    return _InitSignature(MappingProxyType(named), extra)


def init_parameters(cls: Any) -> dict[str, Any]:
    """Parameter names of ``cls.__init__`` with their defaults (``inspect.Parameter.empty`` if required), and,
    where it takes ``**`` parameters, those of the ``__init__`` it overrides (which it passes them on to, as
    ``super().__init__(**kwargs)`` does), and so on."""
    return dict(_passed_down_parameters(cls))


@functools.lru_cache(maxsize=None)
def _passed_down_parameters(cls: Any) -> Mapping[str, Any]:
    parameters: dict[str, Any] = {}
    for klass in _inits(cls):
        named, extra = _init_signature(klass.__init__)
        for name, default in named.items():
            parameters.setdefault(name, default)
        if extra is None:
            break
    return MappingProxyType(parameters)


def extra_parameters(cls: type[Any]) -> str | None:
    """The name of ``cls.__init__``'s ``**`` parameter, if it has one: ``cls`` then takes
    parameters besides :func:`init_parameters` and validates them itself."""
    return _init_signature(cls.__init__).extra


def required_parameters(cls: type[Any]) -> list[str]:
    """The parameters that ``cls.__init__`` itself requires; those of a class it passes ``**`` parameters on to may
    be set by it (``super().__init__(column="title", **kwargs)``)."""
    return [name for name, default in _init_signature(cls.__init__).parameters.items() if default is inspect.Parameter.empty]


def refuse_unknown_parameters(cls: type[Any], given: Mapping[str, Any], owner: str) -> None:
    """Refuse the names in ``given`` that ``cls.__init__`` does not take (unless it takes ``**``), with the closest
    names it takes (other libraries' names too: ``aug_p``: ``p``) and all of them; ``owner`` starts the message."""
    takes, extra = _init_signature(cls.__init__)
    if extra is not None:
        return
    unknown = [name for name in given if name not in takes]
    if not unknown:
        return
    inherited = [name for name in unknown if any(name in _init_signature(base.__init__).parameters for base in _inits(cls)[1:])]
    if inherited:  # hfaug.augment, a recipe or replace() set the base class's parameters of every augmenter
        raise TypeError(
            f"{owner}: {cls.__name__}.__init__ does not take {', '.join(inherited)}, which the class it derives from "
            "takes and hfaug.augment, recipes and replace() may set; take "
            f"{'them' if len(inherited) > 1 else 'it'} and pass {'them' if len(inherited) > 1 else 'it'} on, e.g. "
            "def __init__(self, ..., **kwargs): super().__init__(**kwargs)"
        )
    raise TypeError(
        f"{owner}: unknown parameter{'s' if len(unknown) > 1 else ''} {named_with_suggestions(unknown, list(takes))}. "
        f"It takes: {', '.join(takes)}."
    )


def _inits(cls: type[Any]) -> list[type[Any]]:
    """The classes of ``cls``'s MRO that define ``__init__`` (not `object`), nearest first."""
    return [klass for klass in cls.__mro__ if "__init__" in vars(klass) and klass is not object]


def _same_definition(existing: type, cls: type) -> bool:
    """Whether ``cls`` is ``existing`` or defines it again: a notebook cell run again, a module reloaded (code
    compiled anew), not two classes one function makes (their methods share their code objects)."""
    same_name = (existing.__module__, existing.__qualname__) == (cls.__module__, cls.__qualname__)
    return existing is cls or (same_name and not _shared_code(existing) & _shared_code(cls))


def _shared_code(cls: type) -> set[int]:
    """The ids of the code objects of ``cls``'s own functions."""
    return {id(member.__code__) for member in vars(cls).values() if hasattr(member, "__code__")}


def _distribution(point: Any) -> str:
    """The name of the installed package that declares the entry point ``point``."""
    return point.dist.name if point.dist is not None else "an unnamed package"


def _being_imported(module: str) -> bool:
    """Whether ``module`` (or a package above it) is being imported: its code is running still."""
    parts = module.split(".")
    names = (".".join(parts[:depth]) for depth in range(1, len(parts) + 1))
    return any(getattr(getattr(sys.modules.get(name), "__spec__", None), "_initializing", False) for name in names)


def instance_example(cls: type, **parameters: Any) -> str:
    """How to build ``cls`` with ``parameters``, for messages: ``hfaug.Synonym(p=0.2)``, or
    ``Shout()`` for a class that hfaug does not export."""
    import hfaug

    prefix = "hfaug." if getattr(hfaug, cls.__name__, None) is cls else ""
    return f"{prefix}{cls.__name__}({', '.join(f'{name}={value!r}' for name, value in parameters.items())})"


def _rebuild(cls: type[C], config: dict[str, Any], code: str | None = None) -> C:
    """``cls(**config)``; ``code`` (:func:`hfaug.fingerprint.package_code` when pickled) only
    makes `datasets` fingerprints differ between versions of hfaug."""
    return cls(**config)


class Configurable:
    """Built from plain parameters: every ``__init__`` parameter is stored under an attribute
    of the same name, so :meth:`config` returns them and pickling carries nothing else."""

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    """Third-party packages (top-level import names) that the class imports only once it is built or
    run, e.g. ``("torch", "transformers")``: :meth:`check_installed` finds them without importing them."""
    output_packages: ClassVar[tuple[str, ...]] = ("numpy",)  # whose generators every augmenter draws from
    """Distributions whose code shapes this class's output (beyond hfaug's and its configuration), e.g.
    ``("torchvision", "pillow")``: recipe version ids hold their installed versions, with its base classes'
    (see :func:`hfaug.versioning.dependencies`)."""

    _given: frozenset[str]
    """The names of the parameters given when built, where ``__init__`` takes ``**`` (see :meth:`_config_without`)."""

    resolved_from: ClassVar[dict[str, tuple[str, ...]]] = {}
    """Parameters that :meth:`config` records as resolved from others, e.g. ``{"revision": ("model",)}``:
    :meth:`replace` changing one of those resolves them again (unless it sets them too)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fingerprint_by_code(cls)
        remember_source(cls)

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        """Refuse, before ``__init__`` runs, a parameter it does not take, naming those it takes."""
        refuse_unknown_parameters(cls, kwargs, cls.__name__)
        built = super().__new__(cls)
        if kwargs and extra_parameters(cls) is not None:  # which parameters it may pass on were given (see config)
            built._given = frozenset(kwargs)
        return built

    @classmethod
    def _label(cls) -> str:
        return cls.name or cls.__name__

    @classmethod
    def check_installed(cls, needed_by: str) -> None:
        """Raise :class:`hfaug.MissingDependency` naming the first package of :attr:`requires` that is not
        installed and the extra that installs it; ``needed_by`` (what needs it) starts the message."""
        for package in cls.requires:
            if importlib.util.find_spec(package) is None:
                raise missing_dependency(package, cls.__module__, needed_by)

    def config(self) -> dict[str, Any]:
        """The plain, JSON-serialisable parameters that rebuild this object."""
        return self._config_without()

    def _config_without(self, *left_out: str) -> dict[str, Any]:
        """:meth:`config` without the parameters ``left_out`` (which need not be worked out). Those an ``__init__``
        taking ``**`` passes on count where they were given: one the class sets itself
        (``super().__init__(column="sentence", **kwargs)``) must not be given again when it is rebuilt."""
        own = _init_signature(type(self).__init__).parameters
        given: frozenset[str] = getattr(self, "_given", frozenset())
        names = [name for name in init_parameters(type(self)) if name not in left_out and (name in own or name in given)]
        try:
            return {name: jsonable(getattr(self, name)) for name in names}
        except AttributeError:
            unset = [name for name in names if not hasattr(self, name)]
            if not unset:
                raise
            raise AttributeError(
                f"{self._label()}: the __init__ parameter{'s' if len(unset) > 1 else ''} {', '.join(unset)} "
                f"{'are' if len(unset) > 1 else 'is'} not stored under {'their' if len(unset) > 1 else 'its'} own "
                f"name, which the configuration reads; store each as self.<name> (calling super().__init__(...) for "
                "the base class's), or override config()"
            ) from None

    def init_arguments(self) -> dict[str, Any]:
        """The ``__init__`` arguments that rebuild this object (in :meth:`replace` and when
        unpickled): :meth:`config`, unless a subclass holds objects that its config only names."""
        return self.config()

    def replace(self: C, **changes: Any) -> C:
        """A copy with some parameters changed; what was resolved from a changed parameter (a model's
        revision, see :attr:`resolved_from`) is resolved again.

        Example:
            >>> more = hfaug.synonym.replace(n=4, keep_original=True)
        """
        arguments = self.init_arguments()
        for resolved, sources in self.resolved_from.items():
            if resolved not in changes and any(source in changes for source in sources):
                del arguments[resolved]
                arguments.update(self._kept_when_resolved_again(resolved, changes))
        return type(self)(**{**arguments, **changes})

    def _kept_when_resolved_again(self, resolved: str, changes: dict[str, Any]) -> dict[str, Any]:
        """The arguments for ``resolved`` that :meth:`replace` keeps although ``changes`` make it resolve
        ``resolved`` again (what the user pinned for the parts that did not change); none by default."""
        return {}

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self.init_arguments(), fingerprint.package_code())

    def __eq__(self, other: object) -> bool:
        return other is self or (type(other) is type(self) and other._identity() == self._identity())

    def __hash__(self) -> int:
        return hash((type(self).__qualname__, json.dumps(self._identity(), sort_keys=True, default=str)))

    def _identity(self) -> object:
        """What equal objects of one class share: :meth:`config` (subclasses may compare by more)."""
        return self.config()

    def __repr__(self) -> str:
        args = [f"{name}={self._shown(name)}" for name in init_parameters(type(self))]
        extra = extra_parameters(type(self))  # stored as a dict under the `**` parameter's name
        if extra:
            args += [f"{name}={value!r}" for name, value in getattr(self, extra, {}).items()]
        return f"{type(self).__name__}({', '.join(args)})"

    def _shown(self, name: str) -> str:
        """Parameter ``name`` for :meth:`__repr__`, which never raises: one resolved on demand
        (a model's revision) shows why it cannot be."""
        try:
            return repr(jsonable(getattr(self, name)))
        except Exception as error:
            return f"<unresolved: {type(error).__name__}>"


NAME = re.compile(r"\w[\w.-]*")
"""What a registry name is made of (``eda.swap``, ``one_of``, ``_debug``): as entry point names, not starting with
``-`` (an option to the command line) or ``.``."""


class Registry(Generic[C]):
    """Classes registered by short name: built-ins by import path (imported on first use),
    third-party ones through an entry-point group, others with :meth:`register`.

    Args:
        kind (`str`): What is registered, for messages (``"augmenter"``).
        base (`type`): The base class every registered class derives from.
        group (`str`): The entry-point group read for third-party classes.
        builtin (`dict[str, str]`): Built-in names to ``"module:Class"`` paths.
        unknown (`type[Exception]`): The error raised for an unknown name.
        register_function (`str`): The public function that calls :meth:`register`, as messages name it
            (``"hfaug.register"``).
        misplaced (`Callable[[str], str | None]`): For a name this registry lacks, what to do when another
            registry has it (a filter named among augmenters), else None.
        reserved (`dict[str, str]`, *optional*): Names no class may have, to why.
        names_note (`str`, defaults to `""`): More on why a name is made of :data:`NAME`'s characters alone.
    """

    def __init__(
        self,
        kind: str,
        base: type[C],
        group: str,
        builtin: Mapping[str, str],
        unknown: type[Exception],
        register_function: str,
        misplaced: Callable[[str], str | None],
        reserved: Mapping[str, str] | None = None,
        names_note: str = "",
    ) -> None:
        self.kind = kind
        self.base = base
        self.group = group
        self.builtin = dict(builtin)
        self.unknown = unknown
        self.register_function = register_function
        self.misplaced = misplaced
        self.reserved = dict(reserved or {})
        self.names_note = names_note
        self.registered: dict[str, type[C]] = {}

    def register(self, cls: type[C], name: str | None = None) -> type[C]:
        """Register ``cls`` under ``name`` (defaults to ``cls.name``); a name that another class
        has (registered, built in or declared by an entry point, imported or not) raises."""
        self._check_class(cls)
        key = self._name_for(cls, name)
        owner = self._other_owner(key, cls)
        if owner is not None:
            raise ValueError(
                f"the {self.kind} name {key!r} is already registered ({owner}); register {cls.__name__} under "
                "another name with name=..."
            )
        self.registered[key] = cls
        return cls

    def _check_class(self, cls: Any) -> None:
        """Refuse what is no subclass of the base, saying how to register a class where a name or an
        instance was given (``@hfaug.register("shout")``, as decorator factories of other libraries take)."""
        if self._registrable(cls):
            return
        function = self.register_function
        if isinstance(cls, str):
            raise TypeError(
                f"{function} takes the class, got the name {cls!r}; decorate the class with @{function} (it is "
                f"registered under its class attribute `name`), or call {function}(My{self.base.__name__}, name={cls!r})"
            )
        if self._registrable(type(cls)):
            name = type(cls).__name__
            raise TypeError(f"{function} takes the class, got an instance of {name}; pass the class: {function}({name})")
        raise TypeError(f"only {self._base_name()} subclasses can be registered, got {cls!r}")

    def _registrable(self, cls: Any) -> bool:
        """Whether ``cls`` is a subclass of the registry's base class."""
        return isinstance(cls, type) and issubclass(cls, self.base)

    def _base_name(self) -> str:
        """The base class as users import it: ``hfaug.Augmenter``."""
        return f"{self.base.__module__.split('.')[0]}.{self.base.__qualname__}"

    def _name_for(self, cls: type[Configurable], name: Any) -> str:
        """The name ``cls`` is registered under: ``name``, else ``cls.name``; refused unless made of :data:`NAME`'s
        characters and not :attr:`reserved`."""
        key = cls.name if name is None else name
        if not isinstance(key, str):
            raise TypeError(f"register {cls.__name__} under a str name, got name={key!r}; pass e.g. name='shout'")
        if not key:
            raise ValueError(f"{cls.__qualname__} has no name: set the class attribute `name` or pass name=...")
        elsewhere = f"register {cls.__name__} under another name with name=..."
        if not NAME.fullmatch(key):
            article = "an" if self.kind[0] in "aeiou" else "a"
            raise ValueError(
                f"{key!r} cannot name {article} {self.kind}: a name is letters, digits, '_', '-' and '.', not starting "
                f"with '-' or '.' (e.g. 'my.shout'), as recipes and the command line write it{self.names_note}; "
                f"{elsewhere}"
            )
        if key in self.reserved:
            raise ValueError(f"the {self.kind} name {key!r} is reserved: {self.reserved[key]}; {elsewhere}")
        return key

    def _other_owner(self, name: str, cls: type) -> str | None:
        """``module.Class`` of the class other than ``cls`` that has ``name``, or None. A declared
        class is imported, unless it is ``cls`` itself or its module is being imported (a package that
        registers the class its entry point re-exports is importing that module still)."""
        existing = self.registered.get(name)
        path = self._declared_path(name)
        if (
            existing is None
            and path is not None
            and path != f"{cls.__module__}:{cls.__qualname__}"
            and not _being_imported(path.partition(":")[0])
        ):
            try:
                existing = self._load(name, path)
            except ImportError as error:  # the declaring module imports the one that registers now: a cycle
                if error.name == cls.__module__ and _being_imported(cls.__module__):
                    return None
                return path.replace(":", ".")
            except Exception:  # a plugin that cannot be loaded still has its name
                return path.replace(":", ".")
        if existing is None or _same_definition(existing, cls):
            return None
        return f"{existing.__module__}.{existing.__qualname__}"

    def _declared_path(self, name: str) -> str | None:
        """The ``module:Class`` path of the built-in or entry point named ``name``, or None; a name that installed
        packages declare for different classes is refused, naming them (which one won was down to ``sys.path``)."""
        if name in self.builtin:
            return self.builtin[name]
        declared = {point.value: point for point in entry_points(group=self.group, name=name)}
        if len(declared) > 1:
            raise ValueError(
                f"the {self.kind} name {name!r} is declared by several installed packages, for different classes: "
                f"{', '.join(f'{_distribution(point)} ({path})' for path, point in declared.items())}; "
                "uninstall all but one of them"
            )
        return next(iter(declared), None)

    def _load(self, name: str, path: str) -> type[C]:
        """Import and register the class at ``path``, declared under ``name``."""
        module_name, _, attribute = path.partition(":")
        module = import_module(module_name, self._label(name))
        try:
            cls: Any = functools.reduce(getattr, attribute.split("."), module)  # an entry point may name Outer.Inner
        except AttributeError:
            raise AttributeError(
                self._declared_wrongly(name, path, f"module {module_name!r} has no {attribute!r}")
            ) from None
        if not self._registrable(cls):
            raise TypeError(self._declared_wrongly(name, path, f"it is {cls!r}, not an {self._base_name()} subclass"))
        self.registered[name] = cls
        return cls

    def _declared_wrongly(self, name: str, path: str, why: str) -> str:
        """The message for the entry point ``name`` (``path``) that names no class it can register, naming
        the package that declares it and what to do."""
        declarers = sorted({_distribution(point) for point in entry_points(group=self.group, name=name)})
        package = " and ".join(declarers) or "hfaug"
        return (
            f"the {self.kind} {name!r} that {package} declares ({name} = {path!r}) cannot be loaded: {why}. Fix the "
            f'entry point in {package}\'s [project.entry-points."{self.group}"], or uninstall {package}'
        )

    def names(self) -> list[str]:
        """All registered names, sorted."""
        return sorted({*self.builtin, *entry_points(group=self.group).names, *self.registered})

    def get_class(self, name: str) -> type[C]:
        """The class registered under ``name``."""
        if not isinstance(name, str):
            self._refuse_non_name(name)
        if name in self.registered:
            return self.registered[name]
        path = self._declared_path(name)
        if path is None:
            advice = self._unregistered(name) or self.misplaced(name)
            if advice is not None:
                raise self.unknown(f"no {self.kind} named {name!r}: {advice}")
            known = self.names()
            hint = closest(name, known)
            raise self.unknown(f"no {self.kind} named {name!r}.{hint} Known {self.kind}s: {', '.join(known)}.")
        return self._load(name, path)

    def _unregistered(self, name: str) -> str | None:
        """What to do where ``name`` is no registered name but the label of a class defined and not registered
        (an augmenter a combination's ``config()`` names; hfaug's own bases aside), else None."""
        classes, found = [self.base], None
        while classes:
            cls = classes.pop()
            classes.extend(cls.__subclasses__())
            if cls._label() == name and cls.__module__.partition(".")[0] != "hfaug":
                found = cls
        if found is None:
            return None
        function = self.register_function
        return (
            f"the class {found.__module__}.{found.__qualname__} has that name but is not registered; register it "
            f"(decorate it with @{function}, or call {function}({found.__name__})) to build it by name"
        )

    def _refuse_non_name(self, given: Any) -> None:
        """Refuse ``given`` where a name is expected, telling a registrable class its name."""
        shown = repr(given)
        if isinstance(given, type) and issubclass(given, self.base):
            named = f"pass its name {given.name!r}, or " if given.name else ""
            shown = f"the class {given.__name__}; {named}build it directly: {instance_example(given)}"
        raise TypeError(f"expected the name of a registered {self.kind} (a str: see `hfaug list`), got {shown}")

    def _label(self, name: str) -> str:
        """``augmenter 'image'``: a registered name as messages name it."""
        return f"{self.kind} {name!r}"

    def parameters(self, name: str) -> dict[str, Any]:
        """Parameter names of ``name``'s class with their defaults (``inspect.Parameter.empty`` if required)."""
        return init_parameters(self.get_class(name))

    def check_installed(self, name: str) -> None:
        """Raise :class:`hfaug.MissingDependency` when a package that ``name``'s class
        :attr:`~Configurable.requires` is not installed (or its module imports one that is not)."""
        self.get_class(name).check_installed(self._label(name))

    def _missing_parameters(self, name: str, config: Mapping[str, Any], error: TypeError) -> TypeError | None:
        """Python's error for a configuration without a required parameter (``error``) told with what was given
        instead that resembles it (a class that takes ``**`` parameters passes unknown names on, so Python names
        neither); ``None`` for another error."""
        takes = self.parameters(name)
        message = str(error)
        inits = tuple(f"{klass.__qualname__}.__init__() missing " for klass in _inits(self.get_class(name)))
        missing = re.findall(r"'(\w+)'", message.partition(":")[2]) if message.startswith(inits) else []
        if not missing or any(takes.get(key, None) is not inspect.Parameter.empty for key in missing):
            return None  # an error of another class that the constructor built
        resembling = [key for key in config if key not in takes and closest(key, missing)]
        given = f"; given {named_with_suggestions(resembling, missing)}" if resembling else ""
        return TypeError(
            f"{name}: missing required parameter{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}{given}. "
            f"It takes: {', '.join(takes)}."
        )

    def get(self, name: str, **config: Any) -> C:
        """Build the object registered under ``name`` from its configuration, once the packages it
        requires are found installed."""
        cls = self.get_class(name)
        cls.check_installed(self._label(name))
        refuse_unknown_parameters(cls, config, name)
        try:
            with optional_imports(cls.__module__, self._label(name)):  # some import a package when built
                return cls(**config)
        except TypeError as error:
            missing = self._missing_parameters(name, config, error)
            if missing is not None:
                raise missing from None
            if "unexpected keyword argument" not in str(error):
                raise
            raise TypeError(f"{name}: {error}. It takes: {', '.join(self.parameters(name))}.") from None
