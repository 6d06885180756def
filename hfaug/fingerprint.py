"""Stable `datasets` fingerprints for augmenters and filters defined in a script or notebook.

`datasets` fingerprints a map function by pickling it with dill. dill pickles a class defined
in ``__main__`` (or in a function body) by value, and with it the modules its methods use when
they are not installed under ``sys.prefix`` (an editable install of hfaug, a project's own
helper modules): the whole module namespace, absolute file paths and whatever was loaded so
far. The fingerprint then changes with unrelated work done earlier in the process, and
sometimes cannot be computed at all (dill also trips over the ``__class__`` cell that
``super()`` creates). Instances of such classes are fingerprinted instead by their config and
the code of their class: methods' code, defaults and closures, the globals they read, class
attributes and base classes. A class or function of a module of the user's that is not
installed, which dill pickles by name (an edit of it, reloaded in a notebook, would leave the
fingerprint as it was), counts by that module's file and code as loaded; installed ones by name.

Every augmenter and filter also carries :func:`package_code`, the content hash of hfaug's own
code and data, so that map results cached by other hfaug code (an upgrade, an edit) are not
reused.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import random
import re
import site
import sys
import threading
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

_SCRIPT_MODULES = frozenset({"__main__", "__mp_main__"})
_SCALARS = (str, bytes, int, float, complex, bool, type(None))
_DEPTH = 12  # objects within objects that a version id reads (a fitted scikit-learn pipeline's arrays lie 8 deep)
_hashing = threading.local()  # the module digests of the fingerprint being computed (see _each_module_hashed_once)
_IGNORED_MEMBERS = frozenset(
    {"__dict__", "__weakref__", "__module__", "__qualname__", "__doc__", "_abc_impl", "__firstlineno__"}
)


def defined_in_script(obj: Any) -> bool:
    """Whether dill pickles the class or function ``obj`` by value (script, notebook or function body)."""
    return getattr(obj, "__module__", None) in _SCRIPT_MODULES or "<locals>" in getattr(obj, "__qualname__", "")


def defined_locally(obj: Any) -> bool:
    """Whether the class or function ``obj`` is the user's own code, which may change between two maps of one
    process (a notebook's cell run again, a module of theirs edited and reloaded): defined in a script (see
    :func:`defined_in_script`) or in a module that is not installed (a project's own file, an editable install;
    hfaug's own code is :func:`package_code`)."""
    return defined_in_script(obj) or _is_local_module(getattr(obj, "__module__", None) or "")


@functools.lru_cache(maxsize=None)
def _is_local_module(name: str) -> bool:
    if name.partition(".")[0] == "hfaug":
        return False
    file = getattr(sys.modules.get(name), "__file__", None)
    if not file:
        return False
    return not any(Path(file).resolve().is_relative_to(root) for root in _installed_roots())


@functools.lru_cache(maxsize=1)
def _installed_roots() -> tuple[Path, ...]:
    """The folders that installed modules live in: the interpreter's prefixes and its site-packages."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages(), site.getusersitepackages()}
    return tuple(Path(root).resolve() for root in roots)


def code_identity(obj: Any, seen: frozenset[int] = frozenset()) -> Any:
    """What ``obj`` (a class attribute, a global or default value) contributes to a fingerprint.

    Installed modules, classes and functions by name; those of the user's modules that are not installed by
    name and a hash of the code their module runs (which reloading an edited one changes); classes and
    functions defined in a script by their code (recursively); sets sorted (their order changes with
    ``PYTHONHASHSEED``) and the items of other containers likewise; anything else as it is.
    """
    if isinstance(obj, types.ModuleType):
        return ("module", obj.__name__, *_loaded_code(obj.__name__))
    if isinstance(obj, (type, types.FunctionType)):
        if not defined_in_script(obj):
            return ("global", obj.__module__, obj.__qualname__, *_loaded_code(obj.__module__))
        if id(obj) in seen:  # a method's `__class__` cell, or mutual references
            return ("recursive", obj.__qualname__)
        seen = seen | {id(obj)}
        return _class_identity(obj, seen) if isinstance(obj, type) else _function_identity(obj, seen)
    if isinstance(obj, (staticmethod, classmethod)):
        return (type(obj).__name__, code_identity(obj.__func__, seen))
    if isinstance(obj, property):
        return ("property", *(code_identity(accessor, seen) for accessor in (obj.fget, obj.fset, obj.fdel)))
    if isinstance(obj, functools.cached_property):
        return ("cached_property", code_identity(obj.func, seen))
    if callable(obj) and isinstance(getattr(obj, "__wrapped__", None), types.FunctionType):  # functools.lru_cache, ...
        return ("wrapped", type(obj).__qualname__, code_identity(obj.__wrapped__, seen))
    if isinstance(obj, (tuple, list)):
        return (type(obj).__name__, *(code_identity(item, seen) for item in obj))
    if isinstance(obj, (set, frozenset)):
        return (type(obj).__name__, *sorted((code_identity(item, seen) for item in obj), key=repr))
    if isinstance(obj, dict):  # in its order, which code may rely on (build one from sorted(...), not a set)
        return ("dict", *((code_identity(key, seen), code_identity(value, seen)) for key, value in obj.items()))
    return obj


def _loaded_code(module: str) -> tuple[str, ...]:
    """A hash of ``module`` when it is one of the user's own (see :func:`defined_locally`), else nothing: see
    :func:`_module_digest`."""
    digests = getattr(_hashing, "digests", None)
    digest = _used_module(module, {} if digests is None else digests)
    return (digest.decode(),) if digest else ()


@contextlib.contextmanager
def _each_module_hashed_once() -> Iterator[None]:
    """Within the block, :func:`_module_digest` hashes each of the user's modules once, however many globals
    lead to it."""
    if getattr(_hashing, "digests", None) is not None:
        yield
        return
    _hashing.digests = {}
    try:
        yield
    finally:
        _hashing.digests = None


def _module_digest(module: types.ModuleType, digests: dict[str, str]) -> str:
    """A hash of the user's module ``module`` as it was loaded (a saved edit not reloaded runs nothing new): the
    compiled code of the functions and classes it holds, its other values (:func:`_described`), and the hash
    of each of the user's modules it uses or takes functions or classes from (``digests``: those hashed
    already, each once). A value it changes as it runs (a memo) changes it too."""
    name = module.__name__
    if name not in digests:
        digests[name] = ""  # being hashed: a module that imports it back counts it once
        digest = hashlib.blake2b(digest_size=16)
        for key, value in sorted(vars(module).items()):
            if key.startswith("__") and key.endswith("__"):  # its file, spec and builtins: where, not what
                continue
            try:
                digest.update(key.encode() + _member_code(value, name, digests))
            except Exception:  # noqa: BLE001 - a proxy that fails when looked at holds no code of the user's
                continue
        digests[name] = digest.hexdigest()
    return digests[name]


def _member_code(value: Any, module: str, digests: dict[str, str]) -> bytes:
    """What a name of the user's ``module`` adds to its hash: the code of a function or class, with the hash of
    the user's module it comes from (an installed one's name only); a module of the user's by its hash; any
    other value as :func:`_described`."""
    if isinstance(value, types.ModuleType):
        return _used_module(value.__name__, digests)
    if not isinstance(value, (type, types.FunctionType)):
        return _described(value, frozenset())
    owner = value.__module__
    if owner == module:
        return _definition_code(value)
    return _definition_code(value) + _used_module(owner, digests) if _is_local_module(owner) else b""


def _used_module(name: str, digests: dict[str, str]) -> bytes:
    """The :func:`_module_digest` of the user's module ``name`` (nothing for an installed one)."""
    used = sys.modules.get(name)
    return _module_digest(used, digests).encode() if used is not None and _is_local_module(name) else b""


def _definition_code(definition: type | types.FunctionType) -> bytes:
    """The compiled code of a function, or of a class's members."""
    if not isinstance(definition, type):
        return compiled_code(definition)
    members = sorted((name, member) for name, member in vars(definition).items() if name not in _IGNORED_MEMBERS)
    return b"".join(name.encode() + compiled_code(member) for name, member in members)


def compiled_code(member: Any) -> bytes:
    """A function or class member as what it does, not where it was written (no file name nor line): a function's
    compiled code with its constants, names and defaults (a static or class method's, a property's getter, the
    function a decorator wraps too); a value (``FACTOR = 2``, a dict of strings, a pattern) as :func:`stable_bytes`
    gives it."""
    function = getattr(member, "__func__", None) or getattr(member, "fget", None) or member
    code = getattr(function, "__code__", None)
    if code is None:
        return _described(member, frozenset())
    defaults = _described((function.__defaults__, sorted((function.__kwdefaults__ or {}).items())), frozenset())
    wrapped = getattr(function, "__wrapped__", None)
    return code_bytes(code) + defaults + (b"" if wrapped is None else compiled_code(wrapped))


def code_bytes(code: types.CodeType) -> bytes:
    """A code object's instructions, names and constants (those of the code objects inside it too)."""
    constants = [
        code_bytes(constant) if isinstance(constant, types.CodeType)
        else repr(sorted(map(repr, constant)) if isinstance(constant, frozenset) else constant).encode()
        for constant in code.co_consts
    ]
    return code.co_code + repr(code.co_names).encode() + b"".join(constants)


def stable_bytes(identity: Any) -> bytes:
    """A :func:`code_identity` as bytes that every process gives alike: code by what it does (:func:`code_bytes`),
    plain values by their repr, other objects as :func:`_described`."""
    if isinstance(identity, tuple):
        return b"(" + b",".join(stable_bytes(item) for item in identity) + b")"
    if isinstance(identity, types.CodeType):
        return code_bytes(identity)
    if isinstance(identity, _SCALARS):
        return repr(identity).encode()
    return _described(identity, frozenset())


def _described(value: Any, seen: frozenset[int]) -> bytes:
    """``value`` by what it holds, alike in every process: plain values by their repr (bytes by their hash),
    containers by their items (sets sorted), a function by its compiled code, a class by its name, a pattern by
    its pattern and flags, a partial by its function and arguments, an augmenter or filter by its configuration,
    data by their values (:func:`_data_held`: arrays, tensors, a torch module's weights, tables, random
    generators' states), a logger by its name, objects of a process's own machinery by their type alone
    (:data:`_PROCESS_MACHINERY`: threads, pools, progress bars), another object by its type and attributes; by
    its type alone where that cannot be read, or lies too deep (its pickle may differ between processes: a
    set's order)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return b"<bytes>" + hashlib.blake2b(value, digest_size=16).digest()
    if isinstance(value, _SCALARS):
        return repr(value).encode()
    kind = f"<{type(value).__module__}.{type(value).__qualname__}>".encode()
    if id(value) in seen or len(seen) >= _DEPTH or type(value).__module__.partition(".")[0] in _PROCESS_MACHINERY:
        return kind
    seen = seen | {id(value)}
    try:
        return kind + _held(value, seen)
    except Exception:  # noqa: BLE001 - an object that fails when looked at (a proxy): its type
        return kind


_PROCESS_MACHINERY = frozenset({"threading", "concurrent", "multiprocessing", "queue", "asyncio", "tqdm", "_thread"})
"""Top-level modules whose objects are how a process runs, not what it computes: their attributes hold thread
ids, start times and counters that differ in every process and change as the process works."""


def _held(value: Any, seen: frozenset[int]) -> bytes:
    """What :func:`_described` reads of ``value`` beside its type."""
    if isinstance(value, (tuple, list)):
        return b"(" + b",".join(_described(item, seen) for item in value) + b")"
    if isinstance(value, dict):
        return b"{" + b",".join(_described(key, seen) + b":" + _described(item, seen) for key, item in value.items()) + b"}"
    if isinstance(value, (set, frozenset)):
        return b"{" + b",".join(sorted(_described(item, seen) for item in value)) + b"}"
    if isinstance(value, types.FunctionType):
        return compiled_code(value)
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}".encode()
    if isinstance(value, re.Pattern):
        return _described((value.pattern, value.flags), seen)
    if isinstance(value, functools.partial):
        return _described((value.func, value.args, value.keywords), seen)
    if isinstance(value, logging.Logger):  # its level and handlers: how it reports, which every library sets
        return value.name.encode()
    if isinstance(value, types.BuiltinFunctionType):
        owner = getattr(value, "__self__", None)
        if owner is None or isinstance(owner, types.ModuleType) or owner is random._inst or owner is np.random.mtrand._rand:
            return f"{getattr(owner, '__name__', '')}.{value.__name__}".encode()  # `from random import random`: by name
        return _described((owner, value.__name__), seen)
    if isinstance(value, types.MethodType):
        return _described((value.__func__, value.__self__), seen)
    from hfaug.configurable import Configurable

    if isinstance(value, Configurable):  # as configured, not the state it loads as it runs
        try:
            return _described(value.init_arguments(), seen)
        except Exception:  # noqa: BLE001 - a model it cannot resolve (yet): as configured but for what it resolves
            return _described(value._config_without(*type(value).resolved_from), seen)
    try:
        data = _data_held(value)
    except Exception:  # noqa: BLE001 - data it cannot read so (a table with lists in its cells): as another object
        data = None
    if data is not None:
        return _described(data, seen)
    if getattr(value, "__dict__", None) and not isinstance(value, types.ModuleType):
        return _described(dict(sorted(vars(value).items())), seen)
    reduced = value.__reduce_ex__(4)  # what pickle rebuilds it from: an itemgetter's item, a timestamp's value
    return _described(reduced[:3] if isinstance(reduced, tuple) else reduced, seen)  # a name (torch.float16)


def _data_held(value: Any) -> Any:
    """The data of an object that keeps it outside its attributes, as plain values and bytes: a NumPy array's
    type, shape and bytes, a torch tensor's (:func:`_tensor_values`), a torch module's (:func:`_torch_module`), a
    scikit-learn estimator's parameters and what it learnt (its public attributes ending in ``_``), a pandas
    table's values, index, columns and name, a random generator's state (Python's, NumPy's); None for another
    object."""
    if isinstance(value, np.ndarray):
        array = np.ascontiguousarray(value)
        held = array.tolist() if array.dtype.hasobject else array.view(np.uint8).data if array.size else b""
        return array.dtype.str, array.shape, held
    if isinstance(value, random.Random):
        return value.getstate()
    if isinstance(value, np.random.Generator):
        return value.bit_generator.state
    torch, sklearn_base, pandas = (sys.modules.get(name) for name in ("torch", "sklearn.base", "pandas"))
    if torch is not None and isinstance(value, torch.nn.Module):
        return _torch_module(value)
    if torch is not None and isinstance(value, torch.Tensor):
        return _tensor_values(value)
    if sklearn_base is not None and isinstance(value, sklearn_base.BaseEstimator):  # not its private attributes
        fitted = {name: held for name, held in vars(value).items() if name.endswith("_") and not name.startswith("_")}
        return value.get_params(deep=False), dict(sorted(fitted.items()))
    if pandas is not None and isinstance(value, (pandas.DataFrame, pandas.Series, pandas.Index)):
        table = value if isinstance(value, pandas.DataFrame) else value.to_frame()  # a series' name as its column
        kinds = table.dtypes.astype(str).tolist()
        if "object" in kinds:  # cells hashed as text would read addresses: the cells themselves
            values = (table.index.tolist(), table.to_numpy().tolist())
        else:
            values = pandas.util.hash_pandas_object(table).to_numpy()
        return kinds, list(table.columns), list(table.index.names), values
    return None


def _torch_module(module: Any) -> tuple[Any, ...]:
    """A torch module as what it computes: each of its modules' type and plain settings (``p`` of a dropout, a
    temperature of the user's), and its weights and buffers (:func:`_tensor_values`); not whether it trains
    (``eval()`` changes no output of a map) nor its hooks."""
    settings = {
        name: (type(inner), {key: held for key, held in vars(inner).items() if not key.startswith("_") and key != "training"})
        for name, inner in module.named_modules()
    }
    return settings, {name: _tensor_values(tensor) for name, tensor in module.state_dict(keep_vars=True).items()}


def _tensor_values(tensor: Any) -> tuple[Any, ...]:
    """A torch tensor's type, shape, device and its values as bytes, read on the CPU (a sparse tensor's dense, a
    quantized one's dequantized, a conjugate view's resolved)."""
    import torch

    values = tensor.detach().cpu()
    values = values if values.layout == torch.strided else values.to_dense()
    values = values.dequantize() if values.is_quantized else values
    flat = values.resolve_conj().resolve_neg().contiguous().reshape(-1).view(torch.uint8).numpy()
    return str(tensor.dtype), tuple(tensor.shape), str(tensor.device), flat  # hashed as an array's bytes


def _class_identity(cls: type, seen: frozenset[int]) -> tuple[Any, ...]:
    members = sorted((name, value) for name, value in vars(cls).items() if name not in _IGNORED_MEMBERS)
    return (
        "class",
        cls.__qualname__,
        tuple(code_identity(base, seen) for base in cls.__bases__),
        tuple((name, code_identity(value, seen)) for name, value in members),
    )


def _function_identity(function: types.FunctionType, seen: frozenset[int]) -> tuple[Any, ...]:
    names = sorted(name for name in _global_names(function.__code__) if name in function.__globals__)
    return (
        "function",
        function.__code__,
        code_identity(function.__defaults__, seen),
        code_identity(sorted((function.__kwdefaults__ or {}).items()), seen),
        tuple((name, code_identity(function.__globals__[name], seen)) for name in names),
        tuple(code_identity(_cell_contents(cell), seen) for cell in function.__closure__ or ()),
    )


def _global_names(code: types.CodeType) -> set[str]:
    """Names a code object (and the functions, lambdas and comprehensions inside it) may read as globals."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _global_names(constant)
    return names


def _cell_contents(cell: types.CellType) -> Any:
    try:
        return cell.cell_contents
    except ValueError:  # a cell not filled yet
        return None


@functools.lru_cache(maxsize=1)
def package_code() -> str:
    """``content-<hash>`` of hfaug's source and data files (compiled files left out): what the
    results of its augmenters and filters depend on besides their configuration."""
    from hfaug.content_hash import files_revision

    root = Path(__file__).resolve().parent
    return files_revision(root, code_files(root))


def code_files(root: Path) -> list[Path]:
    """The files of the package at ``root`` that :func:`package_code` hashes: not compiled files, nor hidden ones (an
    editor's swap files, a type checker's cache in an editable install), nor the shipped recipes, which an install
    puts into the package (``hfaug.recipes`` is the top-level ``recipes/`` folder) and a checkout does not, so that
    both give one id (a recipe's own content is part of the version ids it makes)."""
    from hfaug.content_hash import visible_files

    return [
        file
        for file in visible_files(root)
        if "__pycache__" not in file.parts and file.relative_to(root).parts[0] != "recipes"
    ]


def script_code(cls: type) -> bytes:
    """The code of a class defined in a script (see :func:`defined_in_script`) as bytes that every process gives
    alike: :func:`code_identity` as :func:`stable_bytes` gives it."""
    with _each_module_hashed_once():
        return stable_bytes(code_identity(cls))


def _save_by_code(pickler: Any, obj: Any) -> None:
    with _each_module_hashed_once():
        identity = code_identity(type(obj))
    pickler.save(("hfaug", package_code(), identity, obj.init_arguments()))


def fingerprint_by_code(cls: type) -> None:
    """Have `datasets` fingerprint instances of ``cls`` by code and config when it is the user's own code
    (:func:`defined_locally`: dill would pickle it by value, or by a name whose code may change); classes
    installed are left to dill, which pickles them by name."""
    if not defined_locally(cls):
        return
    try:
        from datasets.utils._dill import pklregister
    except ImportError:  # a `datasets` without dill-based fingerprints: nothing to fix
        return
    pklregister(cls)(_save_by_code)
